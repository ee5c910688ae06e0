/**
 * The README's code, run as users run it, with the BUILT package: each block of README.md marked
 * as a snippet (`<!-- snippet: name -->` above it, tests/readme-snippets.ts) is run here, so the
 * README and these tests cannot drift apart.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import type { ProductionReadyPlugin } from '../../src/index.js';
import { readmeSnippets, withImportsFrom } from '../readme-snippets.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_ENTRY = path.join(ROOT, 'dist/src/index.js');
const { default: plugin } = (await import(pathToFileURL(DIST_ENTRY).href)) as { default: ProductionReadyPlugin };

/** The snippets this file runs; the README must have exactly these. */
const TESTED = ['sarif-tags'] as const;
const snippets = readmeSnippets();

function snippet(name: (typeof TESTED)[number]): string {
  const found = snippets.get(name);
  if (!found) throw new Error(`README.md has no snippet "${name}"`);
  return found.code;
}

const temporaryDirs: string[] = [];
afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

function temporaryDir(): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'production-ready-readme-')));
  temporaryDirs.push(dir);
  return dir;
}

describe('README.md snippets', () => {
  it('every snippet is run here', () => {
    expect([...snippets.keys()].sort()).toEqual([...TESTED].sort());
  });
});

describe('README.md: the SARIF tags script (sarif-tags)', () => {
  interface SarifRule {
    readonly id: string;
    readonly helpUri?: string;
    readonly properties?: { readonly category?: string; readonly tags?: readonly string[] };
  }

  it('tags each rule with its category and CWE ids, security only on the security rules', () => {
    const dir = temporaryDir();
    // What @microsoft/eslint-formatter-sarif writes for each reported rule (id, helpUri, category).
    const ours: SarifRule[] = Object.entries(plugin.rules).map(([name, rule]) => ({
      id: `production-ready/${name}`,
      helpUri: rule.meta.docs?.url,
      properties: { category: rule.meta.docs?.category },
    }));
    const foreign: SarifRule = { id: 'no-unused-vars', properties: { category: undefined, tags: ['style'] } };
    const sarif = { version: '2.1.0', runs: [{ tool: { driver: { name: 'ESLint', rules: [...ours, foreign] } }, results: [] }] };
    writeFileSync(path.join(dir, 'eslint.sarif'), JSON.stringify(sarif));
    writeFileSync(
      path.join(dir, 'add-sarif-tags.mjs'),
      withImportsFrom(snippet('sarif-tags'), { 'eslint-plugin-production-ready': pathToFileURL(DIST_ENTRY).href }),
    );

    execFileSync(process.execPath, ['add-sarif-tags.mjs', 'eslint.sarif'], { cwd: dir, stdio: 'pipe' });

    const tagged = JSON.parse(readFileSync(path.join(dir, 'eslint.sarif'), 'utf8')) as typeof sarif;
    const tags = Object.fromEntries(tagged.runs[0]?.tool.driver.rules.map((rule) => [rule.id, rule.properties?.tags]) ?? []);
    expect(tags).toEqual({
      'production-ready/no-public-secret-env': ['security', 'external/cwe/cwe-200', 'external/cwe/cwe-522', 'external/cwe/cwe-798'],
      'production-ready/no-unbounded-retry': ['reliability', 'external/cwe/cwe-400', 'external/cwe/cwe-770'],
      'production-ready/no-unverified-webhook': ['security', 'external/cwe/cwe-345', 'external/cwe/cwe-347', 'external/cwe/cwe-208'],
      'production-ready/no-wildcard-cors': ['security', 'external/cwe/cwe-942', 'external/cwe/cwe-346'],
      'production-ready/require-query-states': ['reliability', 'external/cwe/cwe-703', 'external/cwe/cwe-755'],
      'production-ready/require-tenant-predicate': ['security', 'external/cwe/cwe-639', 'external/cwe/cwe-284'],
      'no-unused-vars': ['style'],
    });
  });
});
