import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { environmentOf, guardsOf, isDevelopmentOnly } from '../../src/analysis/guards.js';
import { analyse, type Probe } from './harness.js';

function target(probe: Probe): TSESTree.CallExpression {
  const call = probe
    .all()
    .find(
      (node): node is TSESTree.CallExpression =>
        node.type === AST_NODE_TYPES.CallExpression &&
        node.callee.type === AST_NODE_TYPES.Identifier &&
        node.callee.name === 'target',
    );
  if (!call) throw new Error('no target() call');
  return call;
}

/** The guards of the `target()` call, as [test text, whenTrue, kind], innermost first. */
function guards(code: string, boundary: 'function' | 'program' = 'function'): [string, boolean, string][] {
  return analyse(code, (probe) =>
    guardsOf(target(probe), boundary === 'program' ? probe.program : undefined).map((guard): [string, boolean, string] => [
      probe.sourceCode.getText(guard.test),
      guard.whenTrue,
      guard.kind,
    ]),
  );
}

/** Whether the `target()` call runs only in development. */
function developmentOnly(code: string): boolean {
  return analyse(code, (probe) => isDevelopmentOnly(target(probe), probe.facts.constants));
}

describe('guardsOf', () => {
  it('if: the consequent runs when the test is true', () => {
    expect(guards(`if (user.isAdmin) {\n  target();\n}`)).toEqual([['user.isAdmin', true, 'branch']]);
  });

  it('else: the alternate runs when the test is false', () => {
    expect(guards(`if (user.isAdmin) {\n  other();\n} else {\n  target();\n}`)).toEqual([['user.isAdmin', false, 'branch']]);
    expect(guards(`if (a) other();\nelse if (b) target();`)).toEqual([
      ['b', true, 'branch'],
      ['a', false, 'branch'],
    ]);
  });

  it('ternary: both branches', () => {
    expect(guards(`const v = ok ? target() : other();`)).toEqual([['ok', true, 'branch']]);
    expect(guards(`const v = ok ? other() : target();`)).toEqual([['ok', false, 'branch']]);
  });

  it('&& and ||: the right operand runs when the left is truthy / falsy; ?? is no guard', () => {
    expect(guards(`ready && target();`)).toEqual([['ready', true, 'branch']]);
    expect(guards(`cached || target();`)).toEqual([['cached', false, 'branch']]);
    expect(guards(`value ?? target();`)).toEqual([]);
    expect(guards(`target() && ready;`)).toEqual([]);
  });

  it('switch: a case is guarded by the discriminant; default is not', () => {
    expect(guards(`switch (mode) {\n  case 'a':\n    target();\n    break;\n}`)).toEqual([['mode', true, 'switch']]);
    expect(guards(`switch (mode) {\n  default:\n    target();\n}`)).toEqual([]);
  });

  it('early return and early throw guard what follows, negated', () => {
    expect(guards(`function f(req) {\n  if (!req.user) return;\n  target();\n}`)).toEqual([['!req.user', false, 'early-exit']]);
    expect(guards(`function f(req) {\n  if (!req.user) {\n    log();\n    throw new Error('x');\n  }\n  target();\n}`)).toEqual([
      ['!req.user', false, 'early-exit'],
    ]);
  });

  it('an if that does not always leave, or that has an else, is not an early exit', () => {
    expect(guards(`function f(a) {\n  if (a) log();\n  target();\n}`)).toEqual([]);
    expect(guards(`function f(a) {\n  if (a) return 1;\n  else log();\n  target();\n}`)).toEqual([]);
    expect(guards(`function f(a) {\n  if (a) {\n    if (b) return;\n  }\n  target();\n}`)).toEqual([]);
  });

  it('an early exit after the node does not guard it', () => {
    expect(guards(`function f(a) {\n  target();\n  if (a) return;\n}`)).toEqual([]);
  });

  it('lists guards innermost first, across blocks', () => {
    const code = `function f(a, b, c) {\n  if (!a) return;\n  if (b) {\n    c && target();\n  }\n}`;
    expect(guards(code)).toEqual([
      ['c', true, 'branch'],
      ['b', true, 'branch'],
      ['!a', false, 'early-exit'],
    ]);
  });

  it('stops at the enclosing function by default, or at the given boundary', () => {
    const code = `if (outer) {\n  items.forEach((item) => {\n    if (item) target();\n  });\n}`;
    expect(guards(code)).toEqual([['item', true, 'branch']]);
    expect(guards(code, 'program')).toEqual([
      ['item', true, 'branch'],
      ['outer', true, 'branch'],
    ]);
  });

  it('sees module-level early exits too (top-level code after `if (x) throw`)', () => {
    expect(guards(`if (!process.env.ORIGIN) throw new Error('ORIGIN is required');\ntarget();`, 'program')).toEqual([
      ['!process.env.ORIGIN', false, 'early-exit'],
    ]);
  });
});

describe('isDevelopmentOnly', () => {
  const developmentCases: [string, string][] = [
    ["NODE_ENV !== 'production'", `if (process.env.NODE_ENV !== 'production') {\n  target();\n}`],
    ["NODE_ENV === 'development'", `if (process.env.NODE_ENV === 'development') target();`],
    ["NODE_ENV == 'test'", `if (process.env.NODE_ENV == 'test') target();`],
    ['reversed operands', `if ('production' !== process.env.NODE_ENV) target();`],
    ["computed process.env['NODE_ENV']", `if (process.env['NODE_ENV'] === 'development') target();`],
    ["the else branch of NODE_ENV === 'production'", `if (process.env.NODE_ENV === 'production') {\n  other();\n} else {\n  target();\n}`],
    ['a ternary alternate under a production test', `const middleware = process.env.NODE_ENV === 'production' ? other() : target();`],
    ["APP_ENV === 'local'", `if (process.env.APP_ENV === 'local') target();`],
    ['import.meta.env.DEV', `if (import.meta.env.DEV) target();`],
    ['import.meta.env.DEV && ...', `import.meta.env.DEV && target();`],
    ['!import.meta.env.PROD', `if (!import.meta.env.PROD) target();`],
    ["import.meta.env.MODE === 'development'", `if (import.meta.env.MODE === 'development') target();`],
    ['an isDev constant', `const isDev = process.env.NODE_ENV !== 'production';\nif (isDev) target();`],
    ['!isProduction constant', `const isProduction = process.env.NODE_ENV === 'production';\nif (!isProduction) target();`],
    ['a constant with a neutral name', `const local = process.env.NODE_ENV === 'development';\nif (local) target();`],
    ["SvelteKit's dev", `import { dev } from '$app/environment';\nif (dev) target();`],
    ['an __DEV__ global', `if (__DEV__) target();`],
    ['a development check && another condition', `if (process.env.NODE_ENV !== 'production' && debugEnabled) target();`],
    [
      'after an early return in production',
      `export function setup(app) {\n  if (process.env.NODE_ENV === 'production') return;\n  target();\n}`,
    ],
    [
      'after an early return in production, with a block',
      `export function setup(app) {\n  if (import.meta.env.PROD) {\n    return;\n  }\n  target();\n}`,
    ],
    ['nested inside another development branch', `if (import.meta.env.DEV) {\n  if (verbose) {\n    target();\n  }\n}`],
  ];
  for (const [name, code] of developmentCases) {
    it(`yes: ${name}`, () => {
      expect(developmentOnly(code)).toBe(true);
    });
  }

  const productionCases: [string, string][] = [
    ['unguarded', `target();`],
    ["NODE_ENV === 'production'", `if (process.env.NODE_ENV === 'production') target();`],
    ["the else branch of NODE_ENV !== 'production'", `if (process.env.NODE_ENV !== 'production') other();\nelse target();`],
    ["NODE_ENV === 'staging' (neither)", `if (process.env.NODE_ENV === 'staging') target();`],
    ['an unrelated condition', `if (user.isAdmin) target();`],
    ['import.meta.env.PROD', `if (import.meta.env.PROD) target();`],
    ['after an early return in development', `export function f() {\n  if (import.meta.env.DEV) return;\n  target();\n}`],
    ['a ternary consequent under a production test', `const m = process.env.NODE_ENV === 'production' ? target() : other();`],
    ['NODE_ENV read from elsewhere', `if (config.NODE_ENV !== 'production') target();`],
    ['a development check || another condition', `if (process.env.NODE_ENV !== 'production' || allowAll) target();`],
  ];
  for (const [name, code] of productionCases) {
    it(`no: ${name}`, () => {
      expect(developmentOnly(code)).toBe(false);
    });
  }

  // `prod && x` being false does not prove development: it also holds in production when x is
  // falsy, so the else branch (and what follows an early return on it) is production code.
  it("no: the else branch of `NODE_ENV === 'production' && process.env.CORS_ORIGIN`", () => {
    const code = [
      `if (process.env.NODE_ENV === 'production' && process.env.CORS_ORIGIN) {`,
      `  other();`,
      `} else {`,
      `  target(); // runs in production whenever CORS_ORIGIN is unset`,
      `}`,
    ].join('\n');
    expect(developmentOnly(code)).toBe(false);
  });

  it("no: after `if (NODE_ENV === 'production' && origin) return`", () => {
    const code = `export function setup(origin) {\n  if (process.env.NODE_ENV === 'production' && origin) return;\n  target();\n}`;
    expect(developmentOnly(code)).toBe(false);
  });

  it("no: `if (!(isProduction && hasAllowlist))`", () => {
    const code = `const isProduction = process.env.NODE_ENV === 'production';\nif (!(isProduction && hasAllowlist)) target();`;
    expect(developmentOnly(code)).toBe(false);
  });
});

describe('environmentOf', () => {
  /** What the condition proves when true (the false side is checked separately below). */
  function environment(test: string): string | null {
    return analyse(`if (${test}) {}`, (probe) => {
      const statement = probe.program.body.at(-1) as TSESTree.IfStatement;
      return environmentOf(statement.test, probe.facts.constants).whenTrue;
    });
  }

  function whenFalse(test: string): string | null {
    return analyse(`if (${test}) {}`, (probe) => {
      const statement = probe.program.body.at(-1) as TSESTree.IfStatement;
      return environmentOf(statement.test, probe.facts.constants).whenFalse;
    });
  }

  it('proves the opposite environment when a plain comparison is false', () => {
    expect(whenFalse(`process.env.NODE_ENV === 'production'`)).toBe('development');
    expect(whenFalse(`import.meta.env.DEV`)).toBe('production');
  });

  it('proves nothing on the false side of `prod && x`, and on the true side of `dev || x`', () => {
    expect(environment(`process.env.NODE_ENV === 'production' && process.env.CORS_ORIGIN`)).toBe('production');
    expect(whenFalse(`process.env.NODE_ENV === 'production' && process.env.CORS_ORIGIN`)).toBeNull();
    expect(environment(`process.env.NODE_ENV === 'development' || flags.cors`)).toBeNull();
    expect(whenFalse(`process.env.NODE_ENV === 'development' || flags.cors`)).toBe('production');
    expect(whenFalse(`!(process.env.NODE_ENV === 'production' && hasAllowlist)`)).toBe('production');
  });

  it('reads NODE_ENV comparisons both ways', () => {
    expect(environment(`process.env.NODE_ENV === 'production'`)).toBe('production');
    expect(environment(`process.env.NODE_ENV !== 'production'`)).toBe('development');
    expect(environment(`process.env.NODE_ENV === 'development'`)).toBe('development');
    expect(environment(`process.env.NODE_ENV !== 'development'`)).toBe('production');
    expect(environment(`process.env.VERCEL_ENV === 'prod'`)).toBe('production');
  });

  it('compares with constants, not only literals', () => {
    expect(environment(`process.env.NODE_ENV === PROD`)).toBeNull();
    expect(analyse(`const PROD = 'production';\nif (process.env.NODE_ENV === PROD) {}`, (probe) => {
      const statement = probe.program.body.at(-1) as TSESTree.IfStatement;
      return environmentOf(statement.test, probe.facts.constants).whenTrue;
    })).toBe('production');
  });

  it('answers null for what it cannot tell', () => {
    expect(environment(`process.env.NODE_ENV`)).toBeNull();
    expect(environment(`process.env.NODE_ENV === mode`)).toBeNull();
    expect(environment(`process.env.FEATURE === 'production'`)).toBeNull();
    expect(environment(`user.isAdmin`)).toBeNull();
  });
});
