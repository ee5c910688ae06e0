import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

/** Strips the wrappers that do not change a value: `as`, `satisfies`, `!`, `<T>x`, `?.` chains. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** The nearest function that contains `node` (not `node` itself), or null at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

/**
 * A member chain read with static keys: `a.b.c` → the root `a` and `['b', 'c']`; `this.x` → the
 * `this` and `['x']`. Null when a key is computed from a value (`a[b]`).
 */
export function memberPath(node: TSESTree.Node): { readonly root: TSESTree.Node; readonly path: string[] } | null {
  const path: string[] = [];
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const key = staticKeyName(current);
    if (key === null) return null;
    path.unshift(key);
    current = unwrap(current.object);
  }
  return { root: current, path };
}

/** A property or member key known without evaluation: `a.b`, `a['b']`, `{ b: 1 }`, `{ 'b': 1 }`. */
export function staticKeyName(
  node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
): string | null {
  const key = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node.key;
  if (!node.computed) {
    if (key.type === AST_NODE_TYPES.Identifier) return key.name;
    if (key.type === AST_NODE_TYPES.Literal) return String(key.value);
    return null;
  }
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) {
    return key.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

/** `obj.method(...)` → `'method'`; `fn(...)` → null. */
export function calledMethodName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
}

/** `fn(...)` → `'fn'`, `obj.fn(...)` → `'fn'`: the last name in the callee. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return staticKeyName(callee);
  return null;
}

/** The object a method is called on: `res` in `res.setHeader()`. */
export function calleeObject(call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.Node | null {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : null;
}

export function isStringLiteral(node: TSESTree.Node): node is TSESTree.StringLiteral {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string';
}

/** A property of an object literal by static key, last one wins (as at run time). */
export function findProperty(
  object: TSESTree.ObjectExpression,
  name: string,
): TSESTree.Property | null {
  let found: TSESTree.Property | null = null;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && staticKeyName(property) === name) {
      found = property;
    }
  }
  return found;
}

/** Whether `inner` lies inside `outer` (by source range; both from the same file). */
export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Whether a function body (or a statement) always leaves: ends in `return`/`throw`. */
export function exits(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body.at(-1);
      return last !== undefined && exits(last);
    }
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate !== null && exits(statement.consequent) && exits(statement.alternate);
    default:
      return false;
  }
}


/** Visits `root` and every node below it, depth-first in source order, skipping type annotations, decorators, and a Program's tokens and comments. */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    visit(node);
    pushChildren(node, stack);
  }
}

const descendantLists = new WeakMap<TSESTree.Node, readonly TSESTree.Node[]>();

/**
 * `root` and every node below it, in the order `walk` visits them, listed once per root: for
 * questions asked of the same function once per query in it, where a walk per question made the
 * cost grow with the number of queries times the function's size.
 */
export function descendants(root: TSESTree.Node): readonly TSESTree.Node[] {
  let nodes = descendantLists.get(root);
  if (nodes === undefined) {
    const found: TSESTree.Node[] = [];
    walk(root, (node) => {
      found.push(node);
    });
    descendantLists.set(root, found);
    nodes = found;
  }
  return nodes;
}

/**
 * `walk`, visiting only the nodes `within` accepts and the nodes below them: a node it rejects is
 * neither visited nor entered. For questions about one stretch of a function (what runs before a
 * query), so the rest of the function is not walked.
 */
export function walkWithin(root: TSESTree.Node, within: (node: TSESTree.Node) => boolean, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!within(node)) continue;
    visit(node);
    pushChildren(node, stack);
  }
}

/** Pushes the children of `node` (not type annotations or decorators) on `stack`, so they pop in source order. */
export function pushChildren(node: TSESTree.Node, stack: TSESTree.Node[]): void {
  // `for...in` enumerates the same own keys in the same order as `Object.keys` (AST nodes are plain
  // objects), without allocating an array per node.
  for (const key in node) {
    // Keys that hold no child to walk: a `switch` on the key (for...in yields internalised strings)
    // is about a fifth cheaper per node than a `Set` lookup. `tokens` and `comments` are the
    // Program's token lists, not nodes (a token's `type` can be `Identifier`).
    switch (key) {
      case 'type':
      case 'parent':
      case 'range':
      case 'loc':
      case 'typeAnnotation':
      case 'returnType':
      case 'typeParameters':
      case 'typeArguments':
      case 'decorators':
      case 'tokens':
      case 'comments':
        continue;
      default:
        break;
    }
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        const child: unknown = value[index];
        if (isNode(child)) stack.push(child);
      }
    } else if (isNode(value)) {
      stack.push(value);
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * A node's decorators. typescript-estree always sets the array on classes, methods, properties
 * and parameters; espree (plain JavaScript) leaves the property out.
 */
export function decoratorsOf(node: TSESTree.Node): readonly TSESTree.Decorator[] {
  const decorators: unknown = (node as { decorators?: unknown }).decorators;
  return Array.isArray(decorators) ? (decorators as TSESTree.Decorator[]) : [];
}

/**
 * The variable an identifier refers to, looked up from the scope ESLint gives for it. The same as
 * `ASTUtils.findVariable(getScope(node), node)` without its descent through the scope's child
 * scopes, which is a scan of every function of the file when the identifier is at module level:
 * asked for each identifier of a long file, that was quadratic.
 */
export function variableOf(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
}
