import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { contains, exits, isFunctionNode, unwrap } from './ast.js';
import type { ConstantResolver } from './constants.js';
import { guardsOf } from './guards.js';

/**
 * Order and branch questions for "did check V run, and succeed, before use U": syntactic
 * dominance inside one function, and whether a guard's test implies that a boolean check passed.
 * Intra-procedural and cheap: each answer walks a parent chain or a small test expression.
 */

/** Why a check that comes before a use does not protect it. */
export type Bypass =
  | { readonly kind: 'condition'; readonly test: TSESTree.Node }
  | { readonly kind: 'catch'; readonly handler: TSESTree.CatchClause }
  | { readonly kind: 'callback' };

/**
 * Whether `check` always runs (and a throw from it always leaves) before `use`, inside `boundary`:
 * `check` ends before `use` starts, and on the way from `check` up to the first node that also
 * contains `use` there is no branch, loop body, catch clause or nested function, and no `try`
 * whose `catch` carries on after swallowing the failure. A branch whose other side always leaves
 * (`if (sig) { verify() } else { return }`) does not count as a branch. Returns `null` when
 * `check` dominates `use`, else why not (`{ kind: 'order' }` style answers are folded into null
 * checks by the caller through `precedes`).
 */
/**
 * `catch (err) { if (err instanceof WebhookVerificationError) throw ...; event = JSON.parse(raw) }`:
 * the verifier's own failure (an error class named for verification or signatures) leaves; what
 * carries on is another error the library raises after the signature held (an event type its
 * SDK cannot parse yet).
 */
function rejectsVerificationFailure(handler: TSESTree.CatchClause): boolean {
  const param = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : null;
  if (param === null) return false;
  const testsVerificationError = (test: TSESTree.Node): boolean => {
    if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '||') return testsVerificationError(test.left) || testsVerificationError(test.right);
    if (test.type !== AST_NODE_TYPES.BinaryExpression || test.operator !== 'instanceof') return false;
    const left = unwrap(test.left);
    const right = unwrap(test.right);
    const name = right.type === AST_NODE_TYPES.Identifier ? right.name : right.type === AST_NODE_TYPES.MemberExpression && right.property.type === AST_NODE_TYPES.Identifier ? right.property.name : '';
    return left.type === AST_NODE_TYPES.Identifier && left.name === param && VERIFICATION_ERROR.test(name);
  };
  return handler.body.body.some((statement) => statement.type === AST_NODE_TYPES.IfStatement && testsVerificationError(statement.test) && exits(statement.consequent));
}

/** Error classes a verifier throws for a bad signature: `WebhookVerificationError`, `SignatureVerificationError`, `StripeSignatureVerificationError`. */
const VERIFICATION_ERROR = /Verification|Signature|Webhook\w*Error/u;

export function bypassOf(check: TSESTree.Node, use: TSESTree.Node, boundary: TSESTree.Node): Bypass | null {
  let child: TSESTree.Node = check;
  for (let current = check.parent; current && current !== boundary; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && child === current.block && current.handler) {
      // A use in the catch clause runs exactly when the check failed.
      if (contains(current.handler, use)) return { kind: 'catch', handler: current.handler };
      if (!contains(current, use) && !exits(current.handler.body) && !rejectsVerificationFailure(current.handler)) return { kind: 'catch', handler: current.handler };
    }
    if (contains(current, use)) return null;
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
        if (child === current.consequent && !(current.alternate && exits(current.alternate))) {
          return { kind: 'condition', test: current.test };
        }
        if (child === current.alternate && !exits(current.consequent)) {
          return { kind: 'condition', test: current.test };
        }
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        if (child !== current.test) return { kind: 'condition', test: current.test };
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === current.right) return { kind: 'condition', test: current.left };
        break;
      case AST_NODE_TYPES.SwitchCase:
        if (current.test !== child) return { kind: 'condition', test: current.parent.discriminant };
        break;
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
        if (child === current.body) {
          const test = current.type === AST_NODE_TYPES.ForStatement || current.type === AST_NODE_TYPES.WhileStatement ? current.test : current.right;
          return { kind: 'condition', test: test ?? current };
        }
        break;
      case AST_NODE_TYPES.CatchClause:
        return { kind: 'condition', test: current };
      default:
        if (isFunctionNode(current)) return { kind: 'callback' };
        break;
    }
  }
  return null;
}

/** Whether `a` ends before `b` starts (source order, same file). */
export function precedes(a: TSESTree.Node, b: TSESTree.Node): boolean {
  return a.range[1] <= b.range[0];
}

/**
 * Whether the guards of `use` (inside `boundary`) imply that the boolean check `check` passed:
 * `if (!valid) return` before it, `if (valid) { use }`, `valid ? use : reject`, combined with
 * `&&`/`||` as logic says. A guard like `if (secret && sig && !valid) return` does not imply it
 * (the check is skipped when the secret is missing). `negated` says the check is true when the
 * signature is wrong (`digest !== signature`).
 */
export function guardedBy(
  use: TSESTree.Node,
  boundary: TSESTree.Node,
  check: TSESTree.Node,
  constants: ConstantResolver,
): boolean {
  return guardsOf(use, boundary).some((guard) => implies(guard.test, guard.whenTrue, check, constants, 0));
}

/** Whether `test` evaluating to `whenTrue` implies that `check` passed. */
export function implies(
  test: TSESTree.Node,
  whenTrue: boolean,
  check: TSESTree.Node,
  constants: ConstantResolver,
  depth: number,
): boolean {
  if (depth > 8) return false;
  let target = unwrap(test);
  if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
  if (target === check) return whenTrue === positive(check);
  switch (target.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return target.operator === '!' && implies(target.argument, !whenTrue, check, constants, depth + 1);
    case AST_NODE_TYPES.LogicalExpression: {
      const left = (value: boolean): boolean => implies(target.left, value, check, constants, depth + 1);
      const right = (value: boolean): boolean => implies(target.right, value, check, constants, depth + 1);
      if (target.operator === '&&') return whenTrue ? left(true) || right(true) : left(false) && right(false);
      if (target.operator === '||') return whenTrue ? left(true) && right(true) : left(false) || right(false);
      return false;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      const literal = [target.left, target.right].find(
        (side): side is TSESTree.BooleanLiteral => side.type === AST_NODE_TYPES.Literal && typeof side.value === 'boolean',
      );
      if (!literal) return false;
      const other = literal === target.left ? target.right : target.left;
      const equal = target.operator === '===' || target.operator === '==';
      const unequal = target.operator === '!==' || target.operator === '!=';
      if (!equal && !unequal) return false;
      // `x === true` is `x`; `x === false` is `!x`; `x !== true` is `!x`.
      const same = equal === literal.value;
      return implies(other, same ? whenTrue : !whenTrue, check, constants, depth + 1);
    }
    case AST_NODE_TYPES.Identifier: {
      const definition = constants.definitionOf(target);
      if (definition?.type !== AST_NODE_TYPES.VariableDeclarator || !definition.init) return false;
      if (definition.id.type === AST_NODE_TYPES.Identifier) return implies(definition.init, whenTrue, check, constants, depth + 1);
      // `const { valid } = await shopify.webhooks.validate(...)`
      return whenTrue && contains(definition.init, check);
    }
    case AST_NODE_TYPES.MemberExpression:
      // `result.valid`, `(await validate(...)).valid`
      return whenTrue && refersTo(target.object, check, constants, depth + 1);
    case AST_NODE_TYPES.CallExpression:
      return false;
    default:
      return false;
  }
}

/** Whether a check's value is true when the signature is right: `a === b` yes, `a !== b` no. */
function positive(check: TSESTree.Node): boolean {
  return !(check.type === AST_NODE_TYPES.BinaryExpression && (check.operator === '!==' || check.operator === '!='));
}

function refersTo(node: TSESTree.Node, check: TSESTree.Node, constants: ConstantResolver, depth: number): boolean {
  if (depth > 8) return false;
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
  if (contains(target, check)) return true;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const definition = constants.definitionOf(target);
    return definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init !== null && refersTo(definition.init, check, constants, depth + 1);
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) return refersTo(target.object, check, constants, depth + 1);
  return false;
}
