import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calledMethodName, calleeName, exits, type FunctionNode, isFunctionNode, staticKeyName, unwrap, variableOf, walk } from './ast.js';
import { guardsOf } from './guards.js';

/**
 * Small, intra-procedural control-flow questions about failure handling: does a node run because
 * something failed (a `catch` clause, a `.catch()` / `.then(_, onRejected)` handler, an
 * `onerror`/`onclose` handler or an `'error'`/`'close'` listener), is it deferred on the way
 * (`setTimeout`, `queueMicrotask`), and is it guarded by a test that counts. Syntactic and cheap:
 * each answer walks the parent chain once, or one function body.
 */

export type FailureKind = 'catch' | 'promise-catch' | 'error-event';

export interface FailurePath {
  readonly kind: FailureKind;
  /** The catch clause, the rejection handler, or the event handler. */
  readonly handler: TSESTree.Node;
  /** For `promise-catch`: the promise the handler is attached to (`fetch(url)` in `fetch(url).catch(fn)`). */
  readonly promise: TSESTree.Node | null;
  /** For `error-event`: `onclose`, `'error'`, ... as written. */
  readonly event: string | null;
  /** Whether a timer or a microtask defers the node on the way (`setTimeout(() => retry(), 1000)`). */
  readonly deferred: boolean;
  /** The deferring calls passed on the way, innermost first. */
  readonly deferrals: readonly TSESTree.CallExpression[];
}

/** Calls that run their callback later: a call scheduled through them still runs. */
const DEFERRING_CALLS = new Set(['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick', 'requestAnimationFrame']);
/** Handler properties and event names that mean "the connection failed or closed". */
const ERROR_HANDLER_PROPERTIES = new Set(['onerror', 'onclose']);
const ERROR_EVENTS = new Set(['error', 'close', 'end', 'disconnect', 'disconnected']);
const LISTENER_METHODS = new Set(['on', 'once', 'addEventListener', 'addListener']);

type Role =
  | { readonly kind: 'deferred'; readonly call: TSESTree.CallExpression }
  | { readonly kind: 'promise-catch'; readonly promise: TSESTree.Node }
  | { readonly kind: 'error-event'; readonly event: string };

/**
 * What running a callback means, from where it is passed: a timer callback, a promise rejection
 * handler, or an error/close event handler. `callback` is a function or a reference to one.
 */
export function callbackRole(callback: TSESTree.Node): Role | null {
  const parent = callback.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== callback) {
    const index = parent.arguments.indexOf(callback as TSESTree.CallExpressionArgument);
    const name = calleeName(parent);
    const method = calledMethodName(parent);
    if (name !== null && DEFERRING_CALLS.has(name) && index === 0) return { kind: 'deferred', call: parent };
    const callee = unwrap(parent.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      if (method === 'catch' && index === 0) return { kind: 'promise-catch', promise: callee.object };
      if (method === 'then' && index === 1) return { kind: 'promise-catch', promise: callee.object };
      // `sleep(1000).then(() => retry())`: a delay, then the retry.
      if (method === 'then' && index === 0 && isDelayCall(unwrap(callee.object))) {
        return { kind: 'deferred', call: unwrap(callee.object) as TSESTree.CallExpression };
      }
      if (method !== null && LISTENER_METHODS.has(method) && index === 1) {
        const event = parent.arguments[0];
        if (event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' && ERROR_EVENTS.has(event.value)) {
          return { kind: 'error-event', event: `'${event.value}'` };
        }
      }
    }
    return null;
  }
  // `ws.onclose = () => ...`, `ws.onerror = reconnect`
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === callback && parent.operator === '=') {
    const left = parent.left;
    if (left.type === AST_NODE_TYPES.MemberExpression) {
      const name = staticKeyName(left);
      if (name !== null && ERROR_HANDLER_PROPERTIES.has(name)) return { kind: 'error-event', event: name };
    }
  }
  return null;
}

/**
 * Whether `node` runs on a failure path inside `boundary`: the path from `node` up to `boundary`
 * enters a catch clause, a rejection handler or an error/close handler, passing only through
 * deferring callbacks (timers, microtasks, `sleep().then`). Any other function on the way (an
 * array callback, a handler of something else) makes the answer null: unknown, not a failure path.
 * `node` itself may be a reference passed as a callback (`setTimeout(connect, 1000)`).
 */
export function failurePathOf(node: TSESTree.Node, boundary: FunctionNode): FailurePath | null {
  const deferrals: TSESTree.CallExpression[] = [];
  const role = (callback: TSESTree.Node): FailurePath | 'continue' | null => {
    const found = callbackRole(callback);
    if (!found) return null;
    if (found.kind === 'deferred') {
      deferrals.push(found.call);
      return 'continue';
    }
    return {
      kind: found.kind,
      handler: callback,
      promise: found.kind === 'promise-catch' ? found.promise : null,
      event: found.kind === 'error-event' ? found.event : null,
      deferred: deferrals.length > 0,
      deferrals,
    };
  };
  if (!isFunctionNode(node)) {
    // A reference passed as a callback starts the path where it is passed.
    const start = role(node);
    if (start !== null && start !== 'continue') return start;
  }
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current === boundary) return null;
    if (current.type === AST_NODE_TYPES.CatchClause && child === current.body) {
      return { kind: 'catch', handler: current, promise: null, event: null, deferred: deferrals.length > 0, deferrals };
    }
    if (isFunctionNode(current)) {
      const found = role(current);
      if (found === null) return null;
      if (found !== 'continue') return found;
    }
  }
  return null;
}

/** Whether an expression is a call whose name says it waits: `sleep(ms)`, `delay(ms)`, `setTimeout(...)`. */
export function isDelayCall(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.AwaitExpression) return isDelayCall(target.argument);
  if (target.type !== AST_NODE_TYPES.CallExpression && target.type !== AST_NODE_TYPES.NewExpression) return false;
  const name = calleeName(target);
  return name !== null && DELAY_CALL.test(name);
}

const DELAY_CALL = /^(?:setTimeout|sleep|delay|wait|pause|backoff|backOff|timeout)$|^(?:sleep|delay|wait|backoff)[A-Z_]/u;

/**
 * Whether `region` waits somewhere: a delay call, a timer, `new Promise(r => setTimeout(r, ms))`.
 * With `sourceCode`, also a call to a function of the same file that waits (one hop:
 * `await onAttemptFailure(error)` whose body sleeps).
 */
export function containsDelay(region: TSESTree.Node, sourceCode?: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  // A holder: the flag is written from inside the walk's callback.
  const state = { found: false };
  const helpers: TSESTree.Identifier[] = [];
  walk(region, (node) => {
    if (state.found || (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression)) return;
    if (isDelayCall(node)) state.found = true;
    else if (sourceCode && depth === 0 && node.callee.type === AST_NODE_TYPES.Identifier) helpers.push(node.callee);
  });
  if (state.found || !sourceCode) return state.found;
  return helpers.some((callee) => {
    const fn = localFunction(callee, sourceCode);
    return fn !== null && !contains(fn, region) && containsDelay(fn.body, sourceCode, depth + 1);
  });
}

/**
 * The function a callee names when it is declared in this file (`function f() {}`, `const f = () => {}`):
 * not a parameter (whose definition node is the function that takes it), nor a reassigned `let`.
 */
export function localFunction(callee: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): FunctionNode | null {
  const variable = variableOf(sourceCode, callee);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !definition) return null;
  const declared = definition.node as TSESTree.Node;
  if (definition.type === TSESLint.Scope.DefinitionType.FunctionName && declared.type === AST_NODE_TYPES.FunctionDeclaration) return declared;
  if (definition.type !== TSESLint.Scope.DefinitionType.Variable || declared.type !== AST_NODE_TYPES.VariableDeclarator || !declared.init) return null;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return null;
  const init = unwrap(declared.init);
  return isFunctionNode(init) ? init : null;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * Whether a condition counts or checks time: a relational comparison (`attempt < max`,
 * `Date.now() < deadline`), an update (`retries-- > 0`, `++n`), an equality with a number
 * (`attempt === 3`), a list that runs out (`!candidates.length`), or a name that holds a count or a
 * deadline (`retriesLeft`, `hasAttemptsLeft()`).
 */
export function isCounterTest(test: TSESTree.Node, counterName: RegExp): boolean {
  let found = false;
  let visited = 0;
  walk(test, (node) => {
    if (found || ++visited > 200) return;
    switch (node.type) {
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator === '<' || node.operator === '<=' || node.operator === '>' || node.operator === '>=') found = true;
        else if (/^[!=]==?$/u.test(node.operator) && (isNumberLiteral(node.left) || isNumberLiteral(node.right))) found = true;
        break;
      case AST_NODE_TYPES.UpdateExpression:
        found = true;
        break;
      case AST_NODE_TYPES.Identifier:
        if (counterName.test(node.name)) found = true;
        break;
      case AST_NODE_TYPES.MemberExpression:
        // `!candidates.length`, `queue.length === 0`: the attempts run out with a list of alternatives.
        if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'length') found = true;
        break;
      default:
        break;
    }
  });
  return found;
}

function isNumberLiteral(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number';
}

/** Whether a guard between `node` and `boundary` counts (see `isCounterTest`). */
export function isCounterGuarded(node: TSESTree.Node, boundary: TSESTree.Node, counterName: RegExp): boolean {
  return guardsOf(node, boundary).some((guard) => isCounterTest(guard.test, counterName));
}

/** The delay calls of a region (see `isDelayCall`), in source order, nested callbacks included. */
export function delayCallsIn(region: TSESTree.Node): (TSESTree.CallExpression | TSESTree.NewExpression)[] {
  const calls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
  walk(region, (node) => {
    if ((node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) && isDelayCall(node)) calls.push(node);
  });
  return calls;
}

/**
 * How long a delay call waits, as written: the second argument of `setTimeout(fn, ms)`, the first
 * of `sleep(ms)` / `delay(ms)` / `wait(ms)`. `growing` for calls whose name says they back off
 * (`backoff(attempt)`), null when the amount is not an argument (`setTimeout(fn)`, `sleep()`).
 */
export function delayAmountOf(call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.Node | 'growing' | null {
  const name = calleeName(call);
  if (name === null) return null;
  if (/^back[oO]ff/u.test(name)) return 'growing';
  const amount = name === 'setTimeout' ? call.arguments[1] : call.arguments[0];
  return amount === undefined || amount.type === AST_NODE_TYPES.SpreadElement ? null : amount;
}

/**
 * Whether `earlier` can run before `later` on one path through their function: not when they sit
 * in different branches of the same `if`, ternary or `switch` (`if (GET) { a } else if (PATCH) {
 * b }`), nor when `earlier` is inside a branch that always returns or throws and `later` is not
 * (`if (req.method === 'GET') { a; return res.json(x); } b`). Source order is the caller's to check.
 */
export function mayRunBefore(earlier: TSESTree.Node, later: TSESTree.Node): boolean {
  const childOnPath = new Map<TSESTree.Node, TSESTree.Node>();
  for (let child: TSESTree.Node = later, parent = later.parent; parent; child = parent, parent = parent.parent) childOnPath.set(parent, child);
  for (let child: TSESTree.Node = earlier, parent = earlier.parent; parent; child = parent, parent = parent.parent) {
    const other = childOnPath.get(parent);
    if (other !== undefined) {
      if (other === child) return true;
      if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) return parent.test === child || parent.test === other;
      return parent.type !== AST_NODE_TYPES.SwitchStatement || (child.type !== AST_NODE_TYPES.SwitchCase || other.type !== AST_NODE_TYPES.SwitchCase);
    }
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.test !== child && exits(child as TSESTree.Statement)) return false;
  }
  return true;
}
