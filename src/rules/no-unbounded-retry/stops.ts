import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { exits, isFunctionNode, unwrap, walk } from '../../analysis/ast.js';
import { guardsOf } from '../../analysis/guards.js';
import { STOP_NAME } from '../../knowledge/retry.js';

/**
 * Whether a retry that never gives up can still be stopped on purpose: a stop flag or an abort
 * signal is tested on its path (`if (this.stopped) return`, `if (signal.aborted) return`), or the
 * timer that schedules it is kept and cleared somewhere in the file (`clearTimeout(this.timer)` in
 * a `stop()` method). Such long-lived retries (a live feed that reconnects until the page closes)
 * are `strict` findings, not `recommended` ones.
 */
export function stoppedOnPath(node: TSESTree.Node, boundary: TSESTree.Node, deferrals: readonly TSESTree.CallExpression[], sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (guardsOf(node, boundary).some((guard) => readsStop(guard.test))) return true;
  return deferrals.some((timer) => clearedTimer(timer, sourceCode));
}

/** A loop that tests a stop flag or a signal in its condition, or leaves the loop when one is set. */
export function stoppableLoop(loop: TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.WhileStatement): boolean {
  if (loop.test && readsStop(loop.test)) return true;
  let found = false;
  walk(loop.body, (node) => {
    if (found || node.type !== AST_NODE_TYPES.IfStatement || !readsStop(node.test)) return;
    if (exits(node.consequent) || leavesLoop(node.consequent)) found = true;
  });
  return found;
}

/** Whether a test reads a stop flag, a mounted state or an abort signal (not a constant such as `WebSocket.CLOSED`). */
export function readsStop(test: TSESTree.Node): boolean {
  let found = false;
  walk(test, (node) => {
    if (found || node.type !== AST_NODE_TYPES.Identifier) return;
    if (STOP_NAME.test(node.name) && !/^[A-Z][A-Z0-9_]*$/u.test(node.name)) found = true;
  });
  return found;
}

function leavesLoop(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.BreakStatement) return true;
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body.at(-1);
    return last !== undefined && (last.type === AST_NODE_TYPES.BreakStatement || exits(last));
  }
  return false;
}

/** `this.timer = setTimeout(...)` (or `const timer = ...`) and a `clearTimeout(this.timer)` in the file. */
function clearedTimer(timer: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let current: TSESTree.Node = timer;
  // `this.timer = setTimeout(...)`, through a callback: `await new Promise((r) => { this.timer = setTimeout(r, ms) })`.
  while (current.parent.type === AST_NODE_TYPES.AwaitExpression || current.parent.type === AST_NODE_TYPES.TSAsExpression) current = current.parent;
  const parent = current.parent;
  let handle: TSESTree.Node | null = null;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && unwrap(parent.right) === unwrap(current)) handle = parent.left;
  else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) handle = parent.id;
  if (!handle || isFunctionNode(handle)) return false;
  const name = sourceCode.getText(handle).replaceAll(/\s+/gu, '');
  const text = sourceCode.text.replaceAll(/\s+/gu, '');
  return text.includes(`clearTimeout(${name})`) || text.includes(`clearInterval(${name})`);
}
