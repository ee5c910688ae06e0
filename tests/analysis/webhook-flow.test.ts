import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { bypassOf, guardedBy } from '../../src/analysis/webhook-flow.js';
import { analyse, type Probe } from './harness.js';

function call(probe: Probe, name: string): TSESTree.CallExpression {
  const found = probe
    .all()
    .find(
      (node): node is TSESTree.CallExpression =>
        node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === name,
    );
  if (!found) throw new Error(`no ${name}() call`);
  return found;
}

/** Why `check()` does not protect `use()` in `handler`: null when it does. */
function bypass(body: string): string | null {
  return analyse(`async function handler() {\n${body}\n}`, (probe) => {
    const result = bypassOf(call(probe, 'check'), call(probe, 'use'), probe.fn('async function handler'));
    if (!result) return null;
    return result.kind === 'condition' ? `condition: ${probe.sourceCode.getText(result.test)}` : result.kind;
  });
}

/** Whether the guards of `use()` imply that the boolean `check()` passed. */
function guarded(body: string): boolean {
  return analyse(`async function handler() {\n${body}\n}`, (probe) =>
    guardedBy(call(probe, 'use'), probe.fn('async function handler'), call(probe, 'check'), probe.facts.constants),
  );
}

describe('bypassOf', () => {
  it('a check in the same block before the use dominates it', () => {
    expect(bypass('check();\nuse();')).toBeNull();
  });

  it('a check inside one branch does not', () => {
    expect(bypass('if (secret && sig) { check(); }\nuse();')).toBe('condition: secret && sig');
    expect(bypass("process.env.NODE_ENV === 'production' && check();\nuse();")).toBe("condition: process.env.NODE_ENV === 'production'");
  });

  it('a branch whose other side always leaves still dominates', () => {
    expect(bypass('if (sig) { check(); } else { return 400; }\nuse();')).toBeNull();
    expect(bypass('if (!sig) { return 400; } else { check(); }\nuse();')).toBeNull();
  });

  it('a try whose catch carries on, or a use in that catch, is bypassed', () => {
    expect(bypass('try { check(); } catch (e) { log(e); }\nuse();')).toBe('catch');
    expect(bypass('try { check(); } catch (e) { use(); }')).toBe('catch');
    expect(bypass('try { check(); } catch (e) { return 400; }\nuse();')).toBeNull();
    expect(bypass('try { check(); use(); } catch (e) { log(e); }')).toBeNull();
  });

  it('a check in a callback is not known to run first', () => {
    expect(bypass('items.forEach(() => check());\nuse();')).toBe('callback');
  });
});

describe('guardedBy', () => {
  it('an early exit on the negated result protects what follows', () => {
    expect(guarded('const ok = check();\nif (!ok) return 401;\nuse();')).toBe(true);
    expect(guarded('if (!check()) return 401;\nuse();')).toBe(true);
    expect(guarded('if (check()) { use(); }')).toBe(true);
    expect(guarded('const ok = check();\nreturn ok ? use() : 401;')).toBe(true);
  });

  it('follows && and || as logic says', () => {
    expect(guarded('if (!sig || !check()) return 401;\nuse();')).toBe(true);
    expect(guarded('if (secret && sig && !check()) return 401;\nuse();')).toBe(false);
    expect(guarded('const result = await check();\nif (!result.valid) return 401;\nuse();')).toBe(true);
    expect(guarded('const ok = check();\nif (ok === false) return 401;\nuse();')).toBe(true);
  });

  it('a check behind a length comparison in the guard still protects (it ran and passed), though it is bypassed', () => {
    expect(guarded('if (a.length !== b.length || !check()) return 401;\nuse();')).toBe(true);
    expect(bypass('if (a.length !== b.length || !check()) return 401;\nuse();')).toBe('condition: a.length !== b.length');
  });

  it('an unchecked or inverted result does not protect', () => {
    expect(guarded('check();\nuse();')).toBe(false);
    expect(guarded('const ok = check();\nif (ok) return 200;\nuse();')).toBe(false);
    expect(guarded('const ok = check();\nif (!ok) log("bad");\nuse();')).toBe(false);
  });
});
