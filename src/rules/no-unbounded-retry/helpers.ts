import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { contains, type FunctionNode, isFunctionNode, staticKeyName, unwrap, variableOf, walk } from '../../analysis/ast.js';
import { callbackRole, type FailurePath, failurePathOf, isCounterGuarded, localFunction } from '../../analysis/control-flow.js';
import { COUNTER_NAME } from '../../knowledge/retry.js';
import { type Frame, readsChangedCounter } from './recursion.js';

/**
 * A failure that schedules its own retry through a helper of the same file:
 * `catch (error) { scheduleRetry(); }` with `function scheduleRetry() { setTimeout(() => register(), 30_000); }`
 * (or `this.scheduleRetry()` and `setTimeout(() => this.register(), ...)` in a class).
 */
export interface HelperRetry {
  /** The call to the helper, on the failure path of `fn`. */
  readonly node: TSESTree.CallExpression;
  readonly fn: FunctionNode;
  /** `register`, `this.register`: the function that is retried, as written. */
  readonly name: string;
  /** `scheduleRetry`, `this.scheduleRetry`. */
  readonly helper: string;
  readonly path: FailurePath;
  /** The timer calls that defer the retry, in the helper. */
  readonly deferrals: readonly TSESTree.CallExpression[];
  readonly helperFn: FunctionNode;
  /** A counter or deadline reaches the retry, in the function or in the helper. */
  readonly bounded: boolean;
}

/**
 * Decides whether `call`, inside the named function `frame`, hands its failure to a helper that
 * schedules `frame` again on a timer. Periodic work is not a retry: when the function also calls
 * the helper off the failure path (`try { await sync(); scheduleNext(); } catch { scheduleNext(); }`),
 * it reschedules itself whatever happens.
 */
export function helperRetryOf(call: TSESTree.CallExpression, frame: Frame, sourceCode: Readonly<TSESLint.SourceCode>): HelperRetry | null {
  const callee = unwrap(call.callee);
  const helperFn = helperFunction(callee, frame, sourceCode);
  if (!helperFn || helperFn === frame.fn || contains(helperFn, frame.fn)) return null;
  const path = failurePathOf(call, frame.fn);
  if (!path) return null;
  const deferrals = scheduledCalls(helperFn, frame, sourceCode);
  if (deferrals.length === 0) return null;
  const helper = sourceCode.getText(callee);
  if (callsOffFailurePath(frame.fn, helper, call, sourceCode)) return null;
  const bounded =
    isCounterGuarded(call, frame.fn, COUNTER_NAME) ||
    deferrals.some((timer) => isCounterGuarded(timer, helperFn, COUNTER_NAME)) ||
    readsChangedCounter(call, [frame.fn, helperFn], sourceCode);
  return { node: call, fn: frame.fn, name: frame.viaThis ? `this.${frame.name}` : frame.name, helper, path, deferrals, helperFn, bounded };
}

/** `scheduleRetry` declared in this file, or `this.scheduleRetry` declared in the same class as the method. */
function helperFunction(callee: TSESTree.Node, frame: Frame, sourceCode: Readonly<TSESLint.SourceCode>): FunctionNode | null {
  if (callee.type === AST_NODE_TYPES.Identifier) return localFunction(callee, sourceCode);
  if (!frame.viaThis || callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return null;
  const name = staticKeyName(callee);
  const member = frame.fn.parent;
  const body = member.parent;
  if (name === null || body?.type !== AST_NODE_TYPES.ClassBody) return null;
  for (const element of body.body) {
    if ((element.type !== AST_NODE_TYPES.MethodDefinition && element.type !== AST_NODE_TYPES.PropertyDefinition) || staticKeyName(element) !== name) continue;
    const value = element.value ? unwrap(element.value) : null;
    return isFunctionNode(value) ? value : null;
  }
  return null;
}

/** The timers in `helper` whose callback calls `frame` again (`setTimeout(() => register(), ms)`, `setTimeout(register, ms)`). */
function scheduledCalls(helper: FunctionNode, frame: Frame, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] {
  const timers: TSESTree.CallExpression[] = [];
  walk(helper.body, (node) => {
    if (!refersTo(node, frame, sourceCode)) return;
    const timer = deferralOf(node, helper);
    if (timer && !timers.includes(timer)) timers.push(timer);
  });
  return timers;
}

/** `register` (the same binding) or `this.register` for a method. */
function refersTo(node: TSESTree.Node, frame: Frame, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (frame.viaThis) {
    return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && staticKeyName(node) === frame.name;
  }
  if (node.type !== AST_NODE_TYPES.Identifier || node.name !== frame.name) return false;
  if (node.parent.type === AST_NODE_TYPES.MemberExpression && node.parent.property === node && !node.parent.computed) return false;
  const variable = variableOf(sourceCode, node);
  const declared = variable?.defs.length === 1 ? (variable.defs[0]?.node as TSESTree.Node | undefined) : undefined;
  if (!declared) return false;
  return declared === frame.fn || (declared.type === AST_NODE_TYPES.VariableDeclarator && declared.init !== null && unwrap(declared.init) === frame.fn);
}

/**
 * The timer that runs `reference` later, inside `helper`: the reference is called in (or passed
 * as) a timer callback, and every function between it and the helper is such a callback.
 */
function deferralOf(reference: TSESTree.Node, helper: FunctionNode): TSESTree.CallExpression | null {
  let timer: TSESTree.CallExpression | null = null;
  const passed = callbackRole(reference);
  if (passed) {
    if (passed.kind !== 'deferred') return null;
    timer = passed.call;
  } else if (reference.parent?.type !== AST_NODE_TYPES.CallExpression || reference.parent.callee !== reference) {
    return null;
  }
  for (let current = reference.parent; current && current !== helper; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const role = callbackRole(current);
    if (role?.kind !== 'deferred') return null;
    timer ??= role.call;
  }
  return timer;
}

/** Whether `fn` calls the helper somewhere else than on a failure path (success and failure alike: periodic). */
function callsOffFailurePath(fn: FunctionNode, helper: string, call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found || node === call || node.type !== AST_NODE_TYPES.CallExpression || sourceCode.getText(unwrap(node.callee)) !== helper) return;
    if (failurePathOf(node, fn) === null) found = true;
  });
  return found;
}
