import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { isFunctionNode } from '../../src/analysis/ast.js';
import { containsDelay, delayAmountOf, delayCallsIn, failurePathOf, isCounterGuarded, isCounterTest, localFunction, mayRunBefore } from '../../src/analysis/control-flow.js';
import { analyse, type Probe } from './harness.js';

const COUNTER = /attempt|retries|deadline/iu;

/** The `target()` call (or the `target` reference) and the outermost function around it. */
function located(probe: Probe): { node: TSESTree.Node; fn: ReturnType<Probe['fn']> } {
  const node = probe.identifier('target');
  const site = node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node ? node.parent : node;
  let fn: TSESTree.Node | undefined;
  for (let current: TSESTree.Node | undefined = site.parent; current; current = current.parent) if (isFunctionNode(current)) fn = current;
  if (!fn || !isFunctionNode(fn)) throw new Error('no function');
  return { node: site, fn };
}

function path(code: string): [string, boolean] | null {
  return analyse(code, (probe) => {
    const { node, fn } = located(probe);
    const found = failurePathOf(node, fn);
    return found ? [found.kind, found.deferred] : null;
  });
}

describe('failurePathOf', () => {
  it('a catch clause', () => {
    expect(path('function f() { try { a(); } catch { target(); } }')).toEqual(['catch', false]);
  });
  it('not the try block', () => {
    expect(path('function f() { try { target(); } catch {} }')).toBeNull();
  });
  it('a timer inside a catch clause is deferred', () => {
    expect(path('function f() { try { a(); } catch { setTimeout(() => target(), 10); } }')).toEqual(['catch', true]);
  });
  it('a reference passed to a timer in a catch clause', () => {
    expect(path('function f() { try { a(); } catch { setTimeout(target, 10); } }')).toEqual(['catch', true]);
  });
  it('.catch() and .then(_, onRejected) handlers', () => {
    expect(path('function f() { return p.catch(() => target()); }')).toEqual(['promise-catch', false]);
    expect(path('function f() { return p.then(null, () => target()); }')).toEqual(['promise-catch', false]);
    expect(path('function f() { return p.then(() => target()); }')).toBeNull();
  });
  it('onclose / onerror handlers and error listeners', () => {
    expect(path('function f() { ws.onclose = () => setTimeout(target, 1000); }')).toEqual(['error-event', true]);
    expect(path("function f() { es.addEventListener('error', () => target()); }")).toEqual(['error-event', false]);
    expect(path("function f() { socket.on('message', () => target()); }")).toBeNull();
  });
  it('an unrelated callback on the way is unknown', () => {
    expect(path('function f() { try { a(); } catch { items.forEach(() => target()); } }')).toBeNull();
  });
});

describe('isCounterTest and isCounterGuarded', () => {
  const counter = (code: string): boolean => analyse(`if (${code}) {}`, (probe) => isCounterTest(probe.node('IfStatement', `if (${code}) {}`).test, COUNTER));
  it('recognises counters and deadlines', () => {
    expect(counter('attempt < max')).toBe(true);
    expect(counter('retries-- > 0')).toBe(true);
    expect(counter('n === 3')).toBe(true);
    expect(counter('!retriesLeft')).toBe(true);
    expect(counter('Date.now() > deadline')).toBe(true);
  });
  it('rejects tests that do not count', () => {
    expect(counter("error.code === 'ECONNRESET'")).toBe(false);
    expect(counter('isRetryable(error)')).toBe(false);
    expect(counter('shouldReconnect')).toBe(false);
  });
  it('sees early exits before the call', () => {
    const guarded = analyse('function f(attempt) { try { a(); } catch (e) { if (attempt >= 3) throw e; target(); } }', (probe) => {
      const { node, fn } = located(probe);
      return isCounterGuarded(node, fn, COUNTER);
    });
    expect(guarded).toBe(true);
  });
});

describe('containsDelay', () => {
  it('finds awaited sleeps and timers', () => {
    expect(analyse('async function f() { await sleep(1000); }', (probe) => containsDelay(probe.fn('async function f')))).toBe(true);
    expect(analyse('async function f() { await new Promise((r) => setTimeout(r, 50)); }', (probe) => containsDelay(probe.fn('async function f')))).toBe(true);
    expect(analyse('async function f() { await fetch(url); }', (probe) => containsDelay(probe.fn('async function f')))).toBe(false);
  });
});

describe('delayCallsIn and delayAmountOf', () => {
  /** Every delay call of the file, with the text of its amount. */
  function delays(code: string): [string, string | null][] {
    return analyse(code, (probe) =>
      delayCallsIn(probe.program).map((call): [string, string | null] => {
        const amount = delayAmountOf(call);
        return [probe.sourceCode.getText(call.callee), amount === null || amount === 'growing' ? amount : probe.sourceCode.getText(amount)];
      }),
    );
  }

  it('reads the amount of setTimeout, sleep, delay and wait, nested callbacks included', () => {
    expect(delays('async function f() { await sleep(1000); await new Promise((r) => setTimeout(r, RETRY_MS)); await delay(2 ** n); await wait(); }')).toEqual([
      ['sleep', '1000'],
      ['setTimeout', 'RETRY_MS'],
      ['delay', '2 ** n'],
      ['wait', null],
    ]);
  });

  it('calls named for a backoff grow; other calls are not delays', () => {
    expect(delays('async function f() { await backoff(attempt); await backOff(() => x()); await fetch(url); setTimeout(retry); }')).toEqual([
      ['backoff', 'growing'],
      ['backOff', 'growing'],
      ['setTimeout', null],
    ]);
  });
});

describe('containsDelay through a local helper', () => {
  it('follows one call to a function of the same file, only with the source code', () => {
    const code = 'async function settle(ms) { await sleep(ms); } async function retry() { try { await op(); } catch { await settle(100); } }';
    expect(analyse(code, (probe) => containsDelay(probe.fn('async function retry').body))).toBe(false);
    expect(analyse(code, (probe) => containsDelay(probe.fn('async function retry').body, probe.sourceCode))).toBe(true);
    expect(analyse('function a() { b(); } function b() { c(); } function c() { sleep(1); }', (probe) => containsDelay(probe.fn('function a').body, probe.sourceCode))).toBe(false);
  });
});

describe('localFunction', () => {
  it('finds a function declaration or a const function of the file, not a parameter, an import or a reassigned let', () => {
    const code = `
      import { imported } from './elsewhere';
      function declared() {}
      const arrow = () => {};
      let reassigned = () => {};
      reassigned = () => {};
      export function use(param) { declared(); arrow(); reassigned(); imported(); param(); }
    `;
    const found = analyse(code, (probe) =>
      ['declared', 'arrow', 'reassigned', 'imported', 'param'].map((name) => localFunction(probe.identifier(name, name === 'param' ? 1 : 1), probe.sourceCode)?.type ?? null),
    );
    expect(found).toEqual([AST_NODE_TYPES.FunctionDeclaration, AST_NODE_TYPES.ArrowFunctionExpression, null, null, null]);
  });
});

describe('mayRunBefore', () => {
  /** Whether the `first()` call can run before the `second()` call. */
  const before = (code: string): boolean =>
    analyse(code, (probe) => mayRunBefore(probe.node('CallExpression', 'first()'), probe.node('CallExpression', 'second()')));
  it('one after the other, and in a branch that falls through', () => {
    expect(before('function f() { first(); second(); }')).toBe(true);
    expect(before('function f() { if (a) { first(); } second(); }')).toBe(true);
    expect(before('function f() { if (first()) { second(); } }')).toBe(true);
  });
  it('not in the other branch of the same if, ternary or switch', () => {
    expect(before('function f() { if (a) { first(); } else if (b) { second(); } }')).toBe(false);
    expect(before('function f() { return a ? first() : second(); }')).toBe(false);
    expect(before('function f() { switch (a) { case 1: first(); break; case 2: second(); } }')).toBe(false);
  });
  it('not from a branch that always returns or throws', () => {
    expect(before("function f() { if (method === 'GET') { first(); return 1; } second(); }")).toBe(false);
    expect(before('function f() { if (!ok) { first(); throw new Error(); } second(); }')).toBe(false);
  });
});
