/**
 * The presets equal what each rule's meta says (computed here independently of configs/shared.ts),
 * reference the exact plugin object the package exports, and ESLint's own schema validation
 * accepts every rule's defaults and the strict options while rejecting nonsense with a clear error.
 */
import { readFileSync } from 'node:fs';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin, { configs as namedConfigs, rules as namedRules } from '../../src/index.js';
import { rules } from '../../src/rules/index.js';

const NAMESPACE = 'production-ready';
type Preset = 'recommended' | 'strict';
type Entry = Linter.RuleEntry;

/** The expected preset entries, straight from each rule's `meta.docs.recommended`. */
function expectedRules(preset: Preset): Record<string, Entry> {
  const expected: Record<string, Entry> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const recommendation: unknown = rule.meta.docs?.recommended;
    const id = `${NAMESPACE}/${name}`;
    if (recommendation === 'recommended') {
      expected[id] = 'error';
    } else if (recommendation === 'strict') {
      if (preset === 'strict') expected[id] = 'error';
    } else if (typeof recommendation === 'object' && recommendation !== null) {
      const { strict } = recommendation as { strict: readonly unknown[] };
      expected[id] = preset === 'recommended' ? 'error' : ['error', ...strict];
    }
  }
  return expected;
}

type EslintPlugin = NonNullable<Linter.Config['plugins']>[string];

/** Lints an empty file with one rule configured: ESLint validates the options against the schema. */
function validate(ruleName: string, entry: Entry): void {
  const linter = new Linter();
  linter.verify(
    '',
    {
      plugins: { [NAMESPACE]: plugin as unknown as EslintPlugin },
      rules: { [`${NAMESPACE}/${ruleName}`]: entry },
    },
    'file.js',
  );
}

const ACCEPTED = '(no error: the options were accepted)';

function schemaError(ruleName: string, entry: Entry): string {
  try {
    validate(ruleName, entry);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return ACCEPTED;
}

describe('the exports', () => {
  it('has configs.recommended and configs.strict, also as a named export', () => {
    expect(Object.keys(plugin.configs).sort()).toEqual(['recommended', 'strict']);
    expect(namedConfigs).toBe(plugin.configs);
    expect(namedRules).toBe(plugin.rules);
  });
});

for (const preset of ['recommended', 'strict'] as const) {
  describe(`configs.${preset}`, () => {
    const config = plugin.configs[preset];

    it('registers the very plugin object the package exports', () => {
      expect(config.plugins[NAMESPACE]).toBe(plugin);
      expect(Object.keys(config.plugins)).toEqual([NAMESPACE]);
    });

    it('has no files, ignores or languageOptions (users decide those)', () => {
      expect(config).not.toHaveProperty('files');
      expect(config).not.toHaveProperty('ignores');
      expect(config).not.toHaveProperty('languageOptions');
    });

    it("has rules equal to what each rule's meta.docs.recommended says", () => {
      expect(config.rules).toEqual(expectedRules(preset));
    });

    it('only turns on rules of this plugin, by their production-ready/<name> id', () => {
      for (const id of Object.keys(config.rules)) {
        expect(id.startsWith(`${NAMESPACE}/`)).toBe(true);
        expect(Object.keys(rules)).toContain(id.slice(NAMESPACE.length + 1));
      }
    });

    it('is accepted by ESLint as a flat config, together with a user entry for the same plugin', () => {
      const linter = new Linter();
      const messages = linter.verify(
        'export const x = 1;',
        [config, { plugins: { [NAMESPACE]: plugin as unknown as EslintPlugin } }],
        'file.js',
      );
      expect(messages).toEqual([]);
    });
  });
}

describe('recommended and strict', () => {
  it('every rule of recommended is also on in strict', () => {
    const strict = plugin.configs.strict.rules;
    for (const [id, entry] of Object.entries(plugin.configs.recommended.rules)) {
      expect(strict).toHaveProperty([id]);
      const severity = (Array.isArray(entry) ? entry[0] : entry) as unknown;
      const strictEntry: unknown = strict[id];
      const strictSeverity = Array.isArray(strictEntry) ? (strictEntry[0] as unknown) : strictEntry;
      expect(severity).toBe('error');
      expect(strictSeverity).toBe('error');
    }
  });

  it('every rule is in at least one preset', () => {
    const strict = Object.keys(plugin.configs.strict.rules);
    for (const name of Object.keys(rules)) expect(strict).toContain(`${NAMESPACE}/${name}`);
  });
});

for (const [name, rule] of Object.entries(rules)) {
  describe(`options of ${name}, validated by ESLint`, () => {
    it('accepts meta.defaultOptions', () => {
      const defaults = (rule.meta.defaultOptions ?? []) as unknown[];
      expect(schemaError(name, ['error', ...defaults])).toBe(ACCEPTED);
    });

    it('accepts no options at all', () => {
      expect(schemaError(name, 'error')).toBe(ACCEPTED);
      expect(schemaError(name, ['error', {}])).toBe(ACCEPTED);
    });

    it("accepts the strict preset's options", () => {
      const entry = plugin.configs.strict.rules[`${NAMESPACE}/${name}`];
      expect(entry).toBeDefined();
      expect(schemaError(name, entry as Entry)).toBe(ACCEPTED);
    });

    it('rejects a second options element', () => {
      const message = schemaError(name, ['error', {}, {}]);
      expect(message).toContain(`${NAMESPACE}/${name}`);
      expect(message).toMatch(/should NOT have more than 1 items/u);
    });

    it('rejects an options value that is not an object', () => {
      const message = schemaError(name, ['error', 'everything']);
      expect(message).toContain(`${NAMESPACE}/${name}`);
      expect(message).toContain('"everything"');
      expect(message).toMatch(/should be object/u);
    });

    it('rejects an unknown property, naming it and the known ones', () => {
      const message = schemaError(name, ['error', { allowAllOrigins: true }]);
      expect(message).toContain(`${NAMESPACE}/${name}`);
      expect(message).toContain('Unexpected property "allowAllOrigins"');
      const [schema] = rule.meta.schema as readonly { properties?: Record<string, unknown> }[];
      for (const property of Object.keys(schema?.properties ?? {})) expect(message).toContain(`"${property}"`);
    });
  });
}

describe('options of no-wildcard-cors: the clear schema errors users see', () => {
  const name = 'no-wildcard-cors';

  it('rejects allowedPublicPaths: "x" (a string where a list is expected)', () => {
    const message = schemaError(name, ['error', { allowedPublicPaths: 'x' }]);
    expect(message).toContain(`${NAMESPACE}/${name}`);
    expect(message).toContain('Value "x" should be array');
  });

  it('rejects checkAllowlists: "yes" (a string where a boolean is expected)', () => {
    const message = schemaError(name, ['error', { checkAllowlists: 'yes' }]);
    expect(message).toContain(`${NAMESPACE}/${name}`);
    // ESLint's formatter names the offending value and the expected type, not the property path.
    expect(message).toContain('Value "yes" should be boolean');
  });

  it('rejects ignoreDevelopmentOnly: 1', () => {
    const message = schemaError(name, ['error', { ignoreDevelopmentOnly: 1 }]);
    expect(message).toContain(`${NAMESPACE}/${name}`);
    expect(message).toContain('Value 1 should be boolean');
  });

  it('rejects an empty path and a non-string path in allowedPublicPaths', () => {
    expect(schemaError(name, ['error', { allowedPublicPaths: [''] }])).toContain(
      'Value "" should NOT be shorter than 1 characters',
    );
    expect(schemaError(name, ['error', { allowedPublicPaths: ['/health', 42] }])).toContain('Value 42 should be string');
  });

  it('rejects duplicate paths in allowedPublicPaths', () => {
    expect(schemaError(name, ['error', { allowedPublicPaths: ['/health', '/health'] }])).toMatch(
      /should NOT have duplicate items/u,
    );
  });

  it('accepts a realistic configuration', () => {
    expect(
      schemaError(name, ['error', { allowedPublicPaths: ['/api/public/**', '/health'], checkAllowlists: true, ignoreDevelopmentOnly: false }]),
    ).toBe(ACCEPTED);
  });
});

describe('the README describes the strict preset', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf("- `strict` is `recommended` plus each rule's stricter options");
  const paragraph = readme.slice(start, readme.indexOf('Both presets only register the plugin', start));

  it.each(Object.entries(rules))('names every strict option of %s', (name, rule) => {
    expect(start).toBeGreaterThan(-1);
    const recommendation: unknown = rule.meta.docs?.recommended;
    const strictOptions =
      typeof recommendation === 'object' && recommendation !== null
        ? Object.keys((recommendation as { strict: readonly object[] }).strict[0] ?? {})
        : [];
    const named = strictOptions.filter((option) => paragraph.includes(`\`${option}\``));
    expect(named).toEqual(strictOptions);
  });
});
