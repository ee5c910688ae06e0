import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { contains, isFunctionNode, unwrap, variableOf } from '../../analysis/ast.js';
import { containsDelay, isDelayCall } from '../../analysis/control-flow.js';
import { COUNTER_NAME, STOP_NAME } from '../../knowledge/retry.js';
import { isNode, type Loop, visitBody } from './loops.js';

/** A loop that polls or retries an awaited operation until it succeeds, waiting between attempts. */
export interface PollLoop {
  readonly loop: Loop;
  /** `forever`: `for (;;)`, `while (true)`; `until-success`: `while (!(await tryIt()))`, `while (!ready)`. */
  readonly condition: 'forever' | 'until-success';
}

/**
 * Recognises polling and retry loops without a `try`: `for (;;) { const res = await fetch(url);
 * if (res.ok) return res.json(); await sleep(1000); }` and `while (!(await tryIt())) await sleep(1000)`.
 * The loop waits (a delay call), awaits another operation, leaves when a result of that operation
 * says so, and counts nothing (no counter or deadline test, no `++`/`+=`). Pagination and
 * accumulation are not polling: a loop that assigns an outer variable from anything but an awaited
 * result (`cursor = page.next`), or adds to a collection (`items.push(...)`), moves on each time.
 * Worker loops (`for (;;) { const job = await queue.next(); ... }`) never leave on a result.
 */
export function pollLoopOf(loop: Loop, sourceCode: Readonly<TSESLint.SourceCode>): PollLoop | null {
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.update) return null;
  const condition = conditionOf(loop, sourceCode);
  if (condition === null) return null;
  if (!containsDelay(loop.body, sourceCode)) return null;
  const results = new Set<string>();
  const state = { operation: false, advances: false, counted: false, flagSet: false, exits: [] as TSESTree.Node[] };
  if (condition.flag !== null) results.add(condition.flag);
  if (condition.awaits) state.operation = true;
  visitBody(loop.body, sourceCode.visitorKeys, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
        if (!isDelayCall(node.argument)) state.operation = true;
        if (node.parent.type === AST_NODE_TYPES.VariableDeclarator) for (const name of boundNames(node.parent.id)) results.add(name);
        break;
      case AST_NODE_TYPES.UpdateExpression:
        state.counted = true;
        break;
      case AST_NODE_TYPES.AssignmentExpression:
        if (node.operator !== '=') state.counted = true;
        else if (node.left.type === AST_NODE_TYPES.Identifier && declaredOutside(node.left, loop, sourceCode)) {
          // The until-success flag (`ready = (await job()).done`), an awaited result, or state that moves on (`cursor = page.next`).
          if (node.left.name === condition.flag) state.flagSet = true;
          else if (isAwaited(node.right)) results.add(node.left.name);
          else state.advances = true;
        }
        break;
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && ACCUMULATE.has(callee.property.name)) {
          state.advances = true;
        }
        break;
      }
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (countsOrTimes(node.test)) state.counted = true;
        break;
      case AST_NODE_TYPES.ReturnStatement:
        state.exits.push(node);
        break;
      case AST_NODE_TYPES.BreakStatement:
        if (node.label === null && !insideSwitch(node, loop)) state.exits.push(node);
        break;
      default:
        break;
    }
  });
  if (!state.operation || state.advances || state.counted) return null;
  // `while (!ready) { ready = await check(); ... }`: the flag is the operation's answer, set in the loop.
  if (condition.kind === 'until-success') return condition.awaits || state.flagSet ? { loop, condition: 'until-success' } : null;
  // A `for (;;)` leaves when the awaited result says so: `if (res.ok) return`, `if (await ready()) break`.
  const leavesOnResult = state.exits.some((exit) => {
    for (let current = exit.parent; current && current !== loop; current = current.parent) {
      if (current.type === AST_NODE_TYPES.IfStatement && readsResult(current.test, results)) return true;
    }
    return false;
  });
  return leavesOnResult ? { loop, condition: 'forever' } : null;
}

const ACCUMULATE = new Set(['push', 'unshift', 'concat', 'add', 'set', 'append']);

function conditionOf(loop: Loop, sourceCode: Readonly<TSESLint.SourceCode>): { kind: PollLoop['condition']; flag: string | null; awaits: boolean } | null {
  const test = loop.test;
  if (test === null) return { kind: 'forever', flag: null, awaits: false };
  const value = ASTUtils.getStaticValue(test, sourceCode.getScope(test));
  if (value) return value.value ? { kind: 'forever', flag: null, awaits: false } : null;
  const target = unwrap(test);
  if (target.type !== AST_NODE_TYPES.UnaryExpression || target.operator !== '!') return null;
  const argument = unwrap(target.argument);
  // `while (!(await tryIt()))`
  if (argument.type === AST_NODE_TYPES.AwaitExpression && !isDelayCall(argument.argument)) return { kind: 'until-success', flag: null, awaits: true };
  // `while (!stopped)` is a worker's stop flag, `while (!attemptsLeft)` a counter: neither waits for a result.
  if (argument.type === AST_NODE_TYPES.Identifier && !COUNTER_NAME.test(argument.name) && !STOP_NAME.test(argument.name)) {
    return { kind: 'until-success', flag: argument.name, awaits: false };
  }
  return null;
}

/** `res` in `const res = await ...`, `status` in `const { status } = await ...`. */
function boundNames(pattern: TSESTree.Node): string[] {
  if (pattern.type === AST_NODE_TYPES.Identifier) return [pattern.name];
  if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    return pattern.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property ? boundNames(property.value) : boundNames(property.argument)));
  }
  if (pattern.type === AST_NODE_TYPES.ArrayPattern) return pattern.elements.flatMap((element) => (element ? boundNames(element) : []));
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return boundNames(pattern.left);
  return [];
}

/**
 * A test that counts attempts or reads the clock (`attempt >= 5`, `Date.now() > deadline`,
 * `elapsed > timeoutMs`): unlike `isCounterTest`, a status comparison (`res.status >= 500`) is not one.
 */
function countsOrTimes(test: TSESTree.Node): boolean {
  const stack: TSESTree.Node[] = [test];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === AST_NODE_TYPES.Identifier && (COUNTER_NAME.test(node.name) || /^(?:now|Date|performance)$/u.test(node.name))) return true;
    if (node.type === AST_NODE_TYPES.UpdateExpression) return true;
    for (const key of ['left', 'right', 'argument', 'object', 'property', 'callee', 'expression', 'test', 'consequent', 'alternate'] as const) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (isNode(child) && !isFunctionNode(child)) stack.push(child);
    }
    if (node.type === AST_NODE_TYPES.CallExpression) stack.push(...node.arguments);
  }
  return false;
}

function insideSwitch(node: TSESTree.Node, loop: Loop): boolean {
  for (let current = node.parent; current && current !== loop; current = current.parent) {
    if (current.type === AST_NODE_TYPES.SwitchStatement) return true;
  }
  return false;
}

function isAwaited(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.AwaitExpression && !isDelayCall(target.argument);
}

/** Whether a test reads an awaited result: a variable holding one, or an `await` in place. */
function readsResult(test: TSESTree.Node, results: ReadonlySet<string>): boolean {
  const stack: TSESTree.Node[] = [test];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === AST_NODE_TYPES.AwaitExpression) return true;
    if (node.type === AST_NODE_TYPES.Identifier && results.has(node.name)) return true;
    if (node.type === AST_NODE_TYPES.MemberExpression) stack.push(node.object);
    else if (node.type === AST_NODE_TYPES.UnaryExpression) stack.push(node.argument);
    else if (node.type === AST_NODE_TYPES.BinaryExpression || node.type === AST_NODE_TYPES.LogicalExpression) stack.push(node.left, node.right);
    else if (node.type === AST_NODE_TYPES.ChainExpression || node.type === AST_NODE_TYPES.TSNonNullExpression) stack.push(node.expression);
    else if (node.type === AST_NODE_TYPES.CallExpression) stack.push(node.callee, ...node.arguments);
  }
  return false;
}

function declaredOutside(identifier: TSESTree.Identifier, loop: Loop, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const variable = variableOf(sourceCode, identifier);
  const definition = variable?.defs[0];
  return definition !== undefined && !contains(loop, definition.name);
}

