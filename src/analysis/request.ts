import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { staticKeyName, unwrap } from './ast.js';
import type { ConstantResolver } from './constants.js';

const HEADER_GETTERS = new Set(['get', 'header', 'getHeader', 'headers']);

/**
 * The lower-cased name of the request header an expression reads, across frameworks, or null:
 * Node/Express `req.headers.origin`, `req.headers['x-sig']`, `req.header('x')`, `req.get('x')`;
 * Fetch `request.headers.get('x')` (Next.js, SvelteKit, Remix, Workers, Deno); Hono
 * `c.req.header('x')`; Koa `ctx.get('x')`, `ctx.request.header.x`, `ctx.headers.x`;
 * Next.js `headers().get('x')`. Destructuring (`const { origin } = req.headers`) and `const`
 * aliases are followed.
 */
export function requestHeaderName(node: TSESTree.Node, constants: ConstantResolver, depth = 0): string | null {
  if (depth > 6) return null;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.AwaitExpression) return null;
  // `req.headers.get('origin') ?? ''`: the header, with an empty default for its absence.
  if (target.type === AST_NODE_TYPES.LogicalExpression && target.operator !== '&&' && isEmptyDefault(target.right)) {
    return requestHeaderName(target.left, constants, depth + 1);
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(target);
    return name !== null && isHeadersObject(target.object) ? name.toLowerCase() : null;
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = staticKeyName(callee);
    const [first] = target.arguments;
    if (method === null || !HEADER_GETTERS.has(method) || !first || target.arguments.length !== 1) return null;
    if (!isHeadersObject(callee.object) && !isRequestLike(callee.object, constants)) return null;
    const value = constants.value(first)?.value;
    return typeof value === 'string' ? value.toLowerCase() : null;
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const resolved = constants.resolve(target);
    if (resolved.kind === 'node' && !resolved.foreign && resolved.node !== target) {
      return requestHeaderName(resolved.node, constants, depth + 1);
    }
    return destructuredHeader(target, constants);
  }
  return null;
}

function isEmptyDefault(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return (target.type === AST_NODE_TYPES.Literal && (target.value === '' || target.value === null)) || (target.type === AST_NODE_TYPES.Identifier && target.name === 'undefined');
}

const REQUEST_NAMES = /^(?:req|request|ctx|context|c|event|incomingMessage)$/u;

/**
 * The receiver of `.get('origin')` / `.header('origin')` must be the request: `req.get()` and
 * `ctx.get()` (Express, Koa), `c.req.header()` (Hono), `event.request` (SvelteKit), or a handler
 * parameter. A configuration object or a Map (`config.get('origin')`) is not.
 */
function isRequestLike(node: TSESTree.Node, constants: ConstantResolver): boolean {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(target);
    if (name === 'req' || name === 'request') return true;
    target = unwrap(target.object);
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  if (REQUEST_NAMES.test(target.name)) return true;
  return constants.isParameter(target);
}

/** `x.headers`, `x.header`, `headers()` (next/headers), `x.request.header`. */
function isHeadersObject(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(target);
    return name === 'headers' || name === 'header';
  }
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === 'headers';
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'headers';
  }
  if (target.type === AST_NODE_TYPES.AwaitExpression) return isHeadersObject(target.argument);
  return false;
}

/** `const { origin } = req.headers` or `const { 'x-sig': sig } = request.headers`. */
function destructuredHeader(identifier: TSESTree.Identifier, constants: ConstantResolver): string | null {
  const declarator = findDeclarator(identifier, constants);
  if (!declarator?.init || declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return null;
  if (!isHeadersObject(declarator.init)) return null;
  for (const property of declarator.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type === AST_NODE_TYPES.Identifier && value.name === identifier.name) {
      return staticKeyName(property)?.toLowerCase() ?? null;
    }
  }
  return null;
}

function findDeclarator(
  identifier: TSESTree.Identifier,
  constants: ConstantResolver,
): TSESTree.VariableDeclarator | null {
  const definition = constants.definitionOf(identifier);
  return definition?.type === AST_NODE_TYPES.VariableDeclarator ? definition : null;
}
