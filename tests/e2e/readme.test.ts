/**
 * The README's code, run as users run it, with the BUILT package: every `js` block of README.md is
 * a snippet (`<!-- snippet: name -->` above it, tests/readme-snippets.ts) and is run here, so the
 * README and these tests cannot drift apart. Each config snippet is written, as it stands in the
 * README, to `tests/fixtures/readme-app/eslint.config.mjs` (a Next.js app in TypeScript with JSX,
 * see its README.md) and run by ESLint 10 and ESLint 9 (`eslint-v9`) through the Node API, the way
 * `npx eslint .` runs it there; the test checks which files were linted and exactly what was found.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ProductionReadyPlugin } from '../../src/index.js';
import { codeBlocks, README, readmeSnippets, withImportsFrom } from '../readme-snippets.js';
import { type Engine, ENGINES, type Finding, findingsOf, relative, sortFindings, sourceFiles } from './eslint-engines.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_ENTRY = path.join(ROOT, 'dist/src/index.js');
const { default: plugin } = (await import(pathToFileURL(DIST_ENTRY).href)) as { default: ProductionReadyPlugin };

/** The snippets this file runs; the README must have exactly these. */
const TESTED = [
  'typescript-jsx',
  'javascript-jsx',
  'define-config',
  'strict-for-some-files',
  'type-aware',
  'shared-settings',
  'file-roles',
  'sarif-tags',
] as const;
type SnippetName = (typeof TESTED)[number];
const snippets = readmeSnippets();

function snippet(name: SnippetName): string {
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
  it('every js block is a snippet, and every snippet is run here', () => {
    const blocks = codeBlocks(readFileSync(README, 'utf8'));
    const unmarked = blocks.filter((block) => ['js', 'mjs', 'cjs', 'ts'].includes(block.language) && block.name === null);
    expect(unmarked.map((block) => `README.md:${String(block.line)}`)).toEqual([]);
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

// ---------------------------------------------------------------------------------------------
// The config snippets, against tests/fixtures/readme-app
// ---------------------------------------------------------------------------------------------

const APP = path.join(ROOT, 'tests/fixtures/readme-app');
const CONFIG_FILE = path.join(APP, 'eslint.config.mjs');

const SECRETS = 'production-ready/no-public-secret-env';
const RETRY = 'production-ready/no-unbounded-retry';
const WEBHOOK = 'production-ready/no-unverified-webhook';
const CORS = 'production-ready/no-wildcard-cors';
const QUERY_STATES = 'production-ready/require-query-states';

/** The app's findings, one per line of tests/fixtures/readme-app/README.md. */
const NEXT_CONFIG: Finding = { file: 'next.config.js', line: 6, column: 5, ruleId: SECRETS, messageId: 'configExposesSecret' };
const WEBHOOK_TS: Finding = { file: 'src/app/api/webhooks/stripe/route.ts', line: 8, column: 7, ruleId: WEBHOOK, messageId: 'unverified' };
const SECRET_TSX: Finding = { file: 'src/components/CheckoutButton.tsx', line: 5, column: 27, ruleId: SECRETS, messageId: 'publicSecret' };
const QUERY_JSX: Finding = { file: 'src/components/InvoiceTable.jsx', line: 13, column: 17, ruleId: QUERY_STATES, messageId: 'defaultHidesStates' };
const RETRY_JS_WITH_JSX: Finding = { file: 'src/components/LiveStatus.js', line: 9, column: 12, ruleId: RETRY, messageId: 'recursion' };
const RETRY_TOOL: Finding = { file: 'tools/backfill.ts', line: 3, column: 3, ruleId: RETRY, messageId: 'retryLoop' };
const CORS_THROUGH_ALIAS: Finding = { file: 'src/app/api/projects/route.ts', line: 8, column: 77, ruleId: CORS, messageId: 'wildcard' };
const RETRY_MOCK: Finding = { file: 'src/mocks/demo-data.ts', line: 7, column: 12, ruleId: RETRY, messageId: 'recursion' };
const RETRY_SEED: Finding = { file: 'prisma/seed.ts', line: 6, column: 11, ruleId: RETRY, messageId: 'recursion' };

/** Every finding the plugin can make in the app without type information, with `recommended`. */
const RECOMMENDED = [NEXT_CONFIG, WEBHOOK_TS, SECRET_TSX, QUERY_JSX, RETRY_JS_WITH_JSX, RETRY_TOOL];

const isJavaScript = (file: string): boolean => /\.(?:[cm]?js|jsx)$/u.test(file);

interface Expectation {
  /** Which of the app's files (and `eslint.config.mjs`) ESLint must lint. */
  readonly lints: (file: string) => boolean;
  readonly findings: readonly Finding[];
}

const EXPECTED: Readonly<Record<Exclude<SnippetName, 'sarif-tags'>, Expectation>> = {
  'typescript-jsx': { lints: () => true, findings: RECOMMENDED },
  // ESLint's own parser with JSX on: the JavaScript files, `.jsx` and JSX in `.js` included.
  'javascript-jsx': { lints: isJavaScript, findings: [NEXT_CONFIG, QUERY_JSX, RETRY_JS_WITH_JSX] },
  'define-config': { lints: () => true, findings: RECOMMENDED },
  // typescript-eslint's configs lint `.ts`/`.tsx` and ESLint's defaults `.js`/`.mjs`/`.cjs`, not
  // `.jsx`; `strict` runs on `src/**/*.{ts,tsx}` only, and `allowedPublicPaths` keeps the public
  // health check (reported by `strict` alone) quiet.
  'strict-for-some-files': { lints: (file) => !file.endsWith('.jsx'), findings: [WEBHOOK_TS, SECRET_TSX] },
  // Types add the wildcard imported through the `@/lib/cors` alias; `next.config.js` (outside the
  // TypeScript project) is still linted, without types, and its finding survives.
  'type-aware': { lints: () => true, findings: [...RECOMMENDED, CORS_THROUGH_ALIAS] },
  'shared-settings': { lints: () => true, findings: RECOMMENDED },
  // `tools/**` is a script now; `src/mocks/**` is production code and seeds are linted.
  'file-roles': { lints: () => true, findings: [...RECOMMENDED.filter((finding) => finding !== RETRY_TOOL), RETRY_MOCK, RETRY_SEED] },
};

let configWrites = 0;

/**
 * Lints the app as `npx eslint .` would with `code` as its `eslint.config.mjs`: the snippet's own
 * imports, except the plugin (the build, by URL) and `eslint/config` (from the ESLint major that
 * runs). The file's modification time changes on every write, so ESLint, which imports the config
 * with its mtime in the URL, never reuses a cached module.
 */
async function lintApp(engine: Engine, code: string): Promise<{ linted: string[]; findings: Finding[]; others: string[] }> {
  writeFileSync(CONFIG_FILE, withImportsFrom(code, { 'eslint-plugin-production-ready': pathToFileURL(DIST_ENTRY).href, 'eslint/config': engine.configApi }));
  configWrites += 1;
  const mtime = new Date(Date.UTC(2030, 0, 1) + configWrites * 1000);
  utimesSync(CONFIG_FILE, mtime, mtime);
  try {
    const results = await new engine.Engine({ cwd: APP }).lintFiles(['.']);
    const all = findingsOf(results, APP);
    return {
      linted: results.map((result) => relative(APP, result.filePath)).sort(),
      findings: all.filter((finding) => finding.ruleId.startsWith('production-ready/')),
      // Parse errors and config problems: a snippet must lint every file it takes on.
      others: all.filter((finding) => finding.ruleId.startsWith('(')).map((finding) => `${finding.file}:${String(finding.line)} ${finding.messageId}`),
    };
  } finally {
    rmSync(CONFIG_FILE, { force: true });
  }
}

describe('README.md: the config snippets, on tests/fixtures/readme-app', () => {
  beforeAll(() => {
    rmSync(CONFIG_FILE, { force: true });
  });

  it('the expected findings are in files of the app', () => {
    const files = sourceFiles(APP);
    for (const { findings } of Object.values(EXPECTED)) for (const finding of findings) expect(files).toContain(finding.file);
  });

  describe.each(ENGINES)('$name', (engine) => {
    it('is the major it claims, and ESLint 9 is 9.22 or later (defineConfig needs it)', () => {
      const [major = 0, minor = 0] = engine.Engine.version.split('.').map(Number);
      expect(major).toBe(engine.major);
      if (major === 9) expect(minor).toBeGreaterThanOrEqual(22);
    });

    it.each(Object.keys(EXPECTED) as (keyof typeof EXPECTED)[])(
      '%s: lints the files it should, parses them all, and reports exactly the expected findings',
      async (name) => {
        const expected = EXPECTED[name];
        const { linted, findings, others } = await lintApp(engine, snippet(name));
        expect(others).toEqual([]);
        expect(linted).toEqual([...sourceFiles(APP).filter(expected.lints), 'eslint.config.mjs'].sort());
        expect(findings).toEqual(sortFindings([...expected.findings]));
      },
      120_000,
    );

    it('typescript-jsx lints .ts, .tsx and .jsx files, and JSX in .js files', async () => {
      const { linted, findings } = await lintApp(engine, snippet('typescript-jsx'));
      for (const extension of ['.ts', '.tsx', '.jsx', '.js']) expect(linted.some((file) => file.endsWith(extension)), extension).toBe(true);
      expect(findings).toEqual(expect.arrayContaining([WEBHOOK_TS, SECRET_TSX, QUERY_JSX, RETRY_JS_WITH_JSX]));
    });

    it("type-aware: next.config.js, outside the TypeScript project, is linted and keeps its finding", async () => {
      const { findings, others } = await lintApp(engine, snippet('type-aware'));
      expect(others).toEqual([]);
      expect(findings).toContainEqual(NEXT_CONFIG);
      expect(findings).toContainEqual(CORS_THROUGH_ALIAS);
    }, 120_000);
  });

  // What the README warns about, so the warnings stay true: the traps these snippets avoid.
  describe('the traps (ESLint 10)', () => {
    const [eslint10] = ENGINES;
    if (!eslint10) throw new Error('no ESLint 10');
    const pluginImport = "import productionReady from 'eslint-plugin-production-ready';\n";

    it('a preset alone lints only .js, .mjs and .cjs files, and JSX in a .js file is a parse error', async () => {
      const { linted, findings, others } = await lintApp(eslint10, `${pluginImport}export default [productionReady.configs.recommended];\n`);
      expect(linted).toEqual(['eslint.config.mjs', 'next.config.js', 'src/components/LiveStatus.js']);
      expect(findings).toEqual([NEXT_CONFIG]);
      expect(others).toEqual([expect.stringMatching(/^src\/components\/LiveStatus\.js:14 Parsing error/u)]);
    });

    it('projectService alone makes the JavaScript files outside tsconfig.json parse errors, and loses their findings', async () => {
      const { findings, others } = await lintApp(
        eslint10,
        `import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
${pluginImport}
export default defineConfig(
  tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  productionReady.configs.recommended,
);
`,
      );
      expect(others.map((other) => other.split(':')[0]).sort()).toEqual(['eslint.config.mjs', 'next.config.js', 'src/components/LiveStatus.js']);
      expect(findings).not.toContainEqual(NEXT_CONFIG);
    }, 120_000);
  });
});
