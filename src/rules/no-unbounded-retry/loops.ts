import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { exits, isFunctionNode, unwrap } from '../../analysis/ast.js';
import { containsDelay, isCounterTest } from '../../analysis/control-flow.js';
import { COUNTER_NAME } from '../../knowledge/retry.js';

export type Loop = TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.WhileStatement;

/** A loop whose body tries an operation, leaves on success and goes round again on failure. */
export interface RetryLoop {
  readonly loop: Loop;
  /** `forever`: `while (true)`, `for (;;)`; `until-success`: `while (!ok)`; `conditional`: any other test. */
  readonly condition: 'conditional' | 'forever' | 'until-success';
  /** A counter or deadline test in the loop's condition, update or body. */
  readonly bounded: boolean;
  /** The loop waits between attempts. */
  readonly waits: boolean;
  /** Each attempt takes the next of a list of alternatives (`for (let i = 0; i < queries.length; i++) { ...queries[i]... }`), not the same call again. */
  readonly alternatives: boolean;
}

/**
 * Recognises retry loops: the body (outside nested functions and loops) holds a `try` whose block
 * ends by leaving the loop (`return`, `break`, or setting the loop's `ok` flag) and whose `catch`
 * does not always leave. A consumer loop (`while (true) { try { handle(await next()) } catch {} }`)
 * does not end its `try` by leaving, so it is not a retry loop.
 */
export function retryLoopOf(loop: Loop, sourceCode: Readonly<TSESLint.SourceCode>): RetryLoop | null {
  // A retry loop holds a `try` statement, whose keyword is a word of the body's text (`retry` does not
  // count): most loops of a file with a `catch` elsewhere have none, and are left before their
  // condition and body are read.
  if (!TRY_WORD.test(sourceCode.getText(loop.body))) return null;
  const condition = conditionOf(loop, sourceCode);
  const flag = condition.flag;
  const found = { retries: false };
  let bounded = loop.type === AST_NODE_TYPES.ForStatement && loop.test !== null && isCounterTest(loop.test, COUNTER_NAME);
  if (condition.kind === 'conditional' && loop.type !== AST_NODE_TYPES.ForStatement) {
    const test = loop.test;
    bounded ||= isCounterTest(test, COUNTER_NAME);
  }
  visitBody(loop.body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.TryStatement && node.handler && !exits(node.handler.body) && leavesOnSuccess(node.block, flag)) {
      found.retries = true;
    }
    if ((node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) && isCounterTest(node.test, COUNTER_NAME)) {
      bounded = true;
    }
    if (node.type === AST_NODE_TYPES.LogicalExpression && isCounterTest(node.left, COUNTER_NAME)) bounded = true;
  });
  if (!found.retries) return null;
  return { loop, condition: condition.kind, bounded, waits: containsDelay(loop.body, sourceCode), alternatives: walksAlternatives(loop, sourceCode) };
}

const TRY_WORD = /\btry\b/u;

/** `for (let i = 0; i < candidates.length; i++)` whose body reads `candidates[i]`. */
function walksAlternatives(loop: Loop, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (loop.type !== AST_NODE_TYPES.ForStatement || loop.test?.type !== AST_NODE_TYPES.BinaryExpression) return false;
  const { left, right, operator } = loop.test;
  const index = unwrap(left);
  const length = unwrap(right);
  if ((operator !== '<' && operator !== '<=') || index.type !== AST_NODE_TYPES.Identifier) return false;
  if (length.type !== AST_NODE_TYPES.MemberExpression || length.computed || length.property.type !== AST_NODE_TYPES.Identifier || length.property.name !== 'length') return false;
  const list = sourceCode.getText(length.object);
  let found = false;
  visitBody(loop.body, sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.MemberExpression || !node.computed) return;
    const property = unwrap(node.property);
    if (property.type === AST_NODE_TYPES.Identifier && property.name === index.name && sourceCode.getText(node.object) === list) found = true;
  });
  return found;
}

function conditionOf(loop: Loop, sourceCode: Readonly<TSESLint.SourceCode>): { kind: RetryLoop['condition']; flag: string | null } {
  const test = loop.test;
  if (test === null) return { kind: 'forever', flag: null };
  const value = ASTUtils.getStaticValue(test, sourceCode.getScope(test));
  if (value && Boolean(value.value)) return { kind: 'forever', flag: null };
  const target = unwrap(test);
  if (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === '!' && unwrap(target.argument).type === AST_NODE_TYPES.Identifier) {
    return { kind: 'until-success', flag: (unwrap(target.argument) as TSESTree.Identifier).name };
  }
  return { kind: 'conditional', flag: null };
}

/** The `try` block's last statement leaves the loop: `return await op()`, `break`, `ok = true`. */
function leavesOnSuccess(block: TSESTree.BlockStatement, flag: string | null): boolean {
  const last = block.body.at(-1);
  if (!last) return false;
  if (last.type === AST_NODE_TYPES.ReturnStatement) return true;
  if (last.type === AST_NODE_TYPES.BreakStatement && last.label === null) return true;
  if (flag === null) return false;
  // `ok = true` (possibly followed by nothing else): the until-success flag is set on success.
  return block.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
      statement.expression.left.type === AST_NODE_TYPES.Identifier &&
      statement.expression.left.name === flag,
  );
}

/** Visits the loop body without entering nested functions or nested loops (their own business). */
export function visitBody(body: TSESTree.Statement, keys: TSESLint.SourceCode.VisitorKeys, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [body];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node !== body && (isFunctionNode(node) || isLoop(node))) continue;
    visit(node);
    for (const key of keys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value as unknown[]) if (isNode(child)) stack.push(child);
      } else if (isNode(value)) {
        stack.push(value);
      }
    }
  }
}

export function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function isLoop(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement ||
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.ForInStatement
  );
}
