/**
 * The rule list is the single source of truth: it must equal the rule files, the doc pages and the
 * rule tests, and every rule must follow the contract (meta shape, docs, schema, messages).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { rules } from '../../src/rules/index.js';
import { DOCS_BASE_URL } from '../../src/util/create-rule.js';
import { FIRST_SENTENCE_LIMIT, firstSentence } from '../first-sentence.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ruleNames = Object.keys(rules).sort();

/** File names in `dir` that end with `suffix`, without the suffix, sorted. */
function namesIn(dir: string, suffix: string, exclude: readonly string[] = []): string[] {
  let files: string[];
  try {
    files = readdirSync(path.join(ROOT, dir));
  } catch {
    files = [];
  }
  return files
    .filter((file) => file.endsWith(suffix) && !exclude.includes(file))
    .map((file) => file.slice(0, -suffix.length))
    .sort();
}

/**
 * Known src bugs, kept visible: `it.fails` passes while the bug is there and fails (asking for this
 * entry to be removed) once it is fixed. Key: `<rule>/<messageId>`.
 */
const MESSAGES_NOT_ENDING_WITH_A_PERIOD: ReadonlySet<string> = new Set<string>([]);

interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: unknown;
  readonly items?: JsonSchema | readonly JsonSchema[];
}

describe('the rule list', () => {
  it('is not empty', () => {
    expect(ruleNames.length).toBeGreaterThan(0);
  });

  it('equals the rule files in src/rules/*.ts (index.ts excluded)', () => {
    expect(namesIn('src/rules', '.ts', ['index.ts'])).toEqual(ruleNames);
  });

  it('equals the doc pages in docs/rules/*.md', () => {
    expect(namesIn('docs/rules', '.md')).toEqual(ruleNames);
  });

  it('equals the rule tests in tests/rules/*.test.ts', () => {
    expect(namesIn('tests/rules', '.test.ts')).toEqual(ruleNames);
  });

  it('is what the plugin object exports', () => {
    expect(plugin.rules).toBe(rules);
  });
});

describe('plugin.meta', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

  it('has the package name from package.json', () => {
    expect(plugin.meta.name).toBe(pkg.name);
  });

  it('has the package version from package.json', () => {
    expect(plugin.meta.version).toBe(pkg.version);
  });

  it("links the rule docs of this version: DOCS_BASE_URL names package.json's name and version", () => {
    expect(DOCS_BASE_URL).toBe(`https://unpkg.com/${pkg.name}@${pkg.version}/docs/rules/`);
  });
});

for (const name of ruleNames) {
  const rule = rules[name as keyof typeof rules];
  const { meta } = rule;
  const docs: Partial<NonNullable<typeof meta.docs>> = meta.docs ?? {};

  describe(`rule ${name}`, () => {
    it('is named after its file, in kebab case', () => {
      expect(name).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/u);
      if ('name' in rule) expect(rule.name).toBe(name);
    });

    it('has meta.docs', () => {
      expect(meta.docs).toBeDefined();
    });

    it("has meta.type 'problem' or 'suggestion'", () => {
      expect(['problem', 'suggestion']).toContain(meta.type);
    });

    it('has a description starting with Disallow, Require or Enforce', () => {
      expect(docs.description).toMatch(/^(?:Disallow|Require|Enforce) \S/u);
      expect(docs.description).not.toMatch(/\.$/u);
    });

    it('lists CWE ids, each of the form CWE-<number>', () => {
      expect(Array.isArray(docs.cwe)).toBe(true);
      const cwes = docs.cwe ?? [];
      expect(cwes.length).toBeGreaterThan(0);
      for (const cwe of cwes) expect(cwe).toMatch(/^CWE-\d+$/u);
      expect(new Set(cwes).size).toBe(cwes.length);
    });

    it("says what it protects in meta.docs.category: 'security' or 'reliability'", () => {
      expect(['security', 'reliability']).toContain(docs.category);
    });

    it('links to its doc page', () => {
      expect(docs.url).toBe(`${DOCS_BASE_URL}${name}.md`);
    });

    it('does not require type checking', () => {
      expect(docs.requiresTypeChecking).toBe(false);
    });

    it('says where it sits in the presets, in the typescript-eslint shape', () => {
      const recommendation: unknown = docs.recommended;
      if (typeof recommendation === 'string') {
        expect(['recommended', 'strict']).toContain(recommendation);
      } else {
        expect(recommendation).toMatchObject({ recommended: true });
        expect(Array.isArray((recommendation as { strict?: unknown }).strict)).toBe(true);
      }
    });

    it('has a schema of one object with additionalProperties: false and a description on every property', () => {
      const schema = meta.schema as readonly JsonSchema[];
      expect(Array.isArray(schema)).toBe(true);
      expect(schema).toHaveLength(1);
      const [options] = schema;
      expect(options?.type).toBe('object');
      expect(options?.additionalProperties).toBe(false);
      const undescribed: string[] = [];
      const visit = (node: JsonSchema, where: string): void => {
        for (const [property, definition] of Object.entries(node.properties ?? {})) {
          if (typeof definition.description !== 'string' || definition.description.trim() === '') {
            undescribed.push(`${where}${property}`);
          }
          visit(definition, `${where}${property}.`);
        }
        const items = Array.isArray(node.items) ? node.items : node.items ? [node.items] : [];
        for (const item of items as JsonSchema[]) visit(item, `${where}[].`);
      };
      if (options) visit(options, '');
      expect(undescribed).toEqual([]);
      expect(Object.keys(options?.properties ?? {}).length).toBeGreaterThan(0);
    });

    it('has meta.defaultOptions with a value for every option', () => {
      expect(Array.isArray(meta.defaultOptions)).toBe(true);
      const [defaults] = meta.defaultOptions as readonly Record<string, unknown>[];
      const [schema] = meta.schema as readonly JsonSchema[];
      expect(Object.keys(defaults ?? {}).sort()).toEqual(Object.keys(schema?.properties ?? {}).sort());
    });

    it('has messages', () => {
      expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    });

    for (const [messageId, message] of Object.entries(meta.messages as Record<string, string>)) {
      const key = `${name}/${messageId}`;
      const test = MESSAGES_NOT_ENDING_WITH_A_PERIOD.has(key) ? it.fails : it;
      test(`message ${messageId} ends with a period${MESSAGES_NOT_ENDING_WITH_A_PERIOD.has(key) ? ' (known src bug: ends with a placeholder)' : ''}`, () => {
        expect(message.trimEnd()).toMatch(/\.$/u);
      });

      it(`message ${messageId} leads with one sentence of at most ${FIRST_SENTENCE_LIMIT} characters`, () => {
        expect(firstSentence(message).length, firstSentence(message)).toBeLessThanOrEqual(FIRST_SENTENCE_LIMIT);
      });

      it(`message ${messageId} has only word placeholders`, () => {
        const placeholders = [...message.matchAll(/\{\{([^}]*)\}\}/gu)].map((match) => match[1] ?? '');
        for (const placeholder of placeholders) expect(placeholder.trim()).toMatch(/^[A-Za-z_]\w*$/u);
        // No stray braces left once the placeholders are removed: `{{ x }` or `{x}}` is a typo.
        expect(message.replaceAll(/\{\{\s*\w+\s*\}\}/gu, '')).not.toMatch(/\{\{|\}\}/u);
      });
    }
  });
}
