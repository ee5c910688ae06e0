import { Linter } from 'eslint';
import { describe, expect, it, vi } from 'vitest';

import { createRule } from '../../src/util/create-rule.js';

type Options = [{ readonly names: readonly string[]; readonly strictMode: boolean }];

/** A rule that records the options object its `create` receives on every file. */
function recordingRule() {
  const seen: Options[0][] = [];
  const rule = createRule<Options, 'found'>({
    name: 'recording',
    meta: {
      type: 'problem',
      docs: { description: 'records its options', category: 'reliability', cwe: [], recommended: 'recommended', requiresTypeChecking: false },
      messages: { found: 'found' },
      schema: [
        {
          type: 'object',
          additionalProperties: false,
          properties: { names: { type: 'array', items: { type: 'string' } }, strictMode: { type: 'boolean' } },
        },
      ],
      defaultOptions: [{ names: ['a'], strictMode: false }],
    },
    create(_context, [options]) {
      seen.push(options);
      return {};
    },
  });
  return { rule, seen };
}

function lintTwice(ruleConfig: Linter.RuleEntry): Options[0][] {
  const { rule, seen } = recordingRule();
  const config = [{ plugins: { t: { rules: { recording: rule } } }, rules: { 't/recording': ruleConfig } }] as unknown as Linter.Config[];
  const linter = new Linter();
  linter.verify('a;', config, { filename: 'a.js' });
  linter.verify('b;', config, { filename: 'b.js' });
  return seen;
}

describe('createRule options', () => {
  it('gives a bare severity the defaults, the same frozen object on every file', () => {
    const [first, second] = lintTwice('error');
    expect(first).toEqual({ names: ['a'], strictMode: false });
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.names)).toBe(true);
  });

  it('does not serialise the options of a bare severity (ESLint passes a new array per file)', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      lintTwice('error');
      const ofOptions = stringify.mock.calls.filter(([value]) => Array.isArray(value) && (value.length === 0 || (value[0] as { names?: unknown }).names !== undefined));
      expect(ofOptions).toEqual([]);
    } finally {
      stringify.mockRestore();
    }
  });

  it('merges given options over the defaults, once per distinct option set', () => {
    const [first, second] = lintTwice(['error', { strictMode: true }]);
    expect(first).toEqual({ names: ['a'], strictMode: true });
    expect(second).toBe(first);
  });

  it('keeps option sets apart', () => {
    const { rule, seen } = recordingRule();
    const linter = new Linter();
    const configOf = (options: object) => [{ plugins: { t: { rules: { recording: rule } } }, rules: { 't/recording': ['error', options] } }] as unknown as Linter.Config[];
    linter.verify('a;', configOf({ names: ['b'] }), { filename: 'a.js' });
    linter.verify('a;', configOf({ strictMode: true }), { filename: 'a.js' });
    linter.verify('a;', [{ plugins: { t: { rules: { recording: rule } } }, rules: { 't/recording': 'warn' } }] as unknown as Linter.Config[], { filename: 'a.js' });
    expect(seen).toEqual([
      { names: ['b'], strictMode: false },
      { names: ['a'], strictMode: true },
      { names: ['a'], strictMode: false },
    ]);
  });

  it('reads options a host passes as a getter or through a wrapping context (not an own property)', () => {
    const { rule, seen } = recordingRule();
    // A rule wrapper that hands the rule `Object.create(context)` (an overridden `report`), and one with a getter.
    const inherited = Object.create({ options: [{ strictMode: true }] }) as Parameters<typeof rule.create>[0];
    const getter = { get options() { return [{ names: ['g'] }]; } } as unknown as Parameters<typeof rule.create>[0];
    rule.create(inherited);
    rule.create(getter);
    expect(seen).toEqual([
      { names: ['a'], strictMode: true },
      { names: ['g'], strictMode: false },
    ]);
  });
});
