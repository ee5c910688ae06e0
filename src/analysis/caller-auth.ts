import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, type FunctionNode, staticKeyName, unwrap, walk } from './ast.js';
import type { FileFacts } from './file-facts.js';
import { requestHeaderName } from './request.js';

/**
 * Whether a request handler identifies its caller (PRECISION.md, "execution context"): it reads a
 * session, the user an auth middleware left on the request or context, an `Authorization`,
 * cookie or API-key header of the request, or it is built on an authenticated procedure or
 * wrapped by an auth helper. Read from the code, not from its words: a variable named `session`
 * holding a share link's viewer session, or an `Authorization` header sent to another service, is
 * not the caller's identity.
 */

/** Session and user checks: calls that return (or require) the signed-in caller. */
export const AUTH_CALL =
  /^(?:auth|getServerSession|getSession|currentUser|getCurrentUser|getUser|getUserId|requireUser|requireAuth|requireSession|getToken|getAuth|withAuth|getServerAuthSession|validateSession|getSessionUser)$/u;

/** More of the same, by the names apps give their own helpers (`getLoggedInUser`, `validateRequest`, `getKindeServerSession`). */
const MORE_AUTH_CALLS =
  /^(?:getUserOrThrow|validateRequest|getKindeServerSession|getClaims|verifySession|getLoggedInUser|getAuthUser|getAuthenticatedUser|requireAuthenticatedUser|requireUserId|getCurrentSession|verifyToken|verifyJwt|verifyIdToken|authenticate|authorize|protect)$/u;

/**
 * What auth middleware leaves on the request or context: the caller's user, session or tenant
 * (`req.auth`, `request.user`, `ctx.state.orgId`, `event.locals.session`, `c.var.user`).
 */
const AUTH_CONTEXT_PROPERTIES = /^(?:auth|user|session|userId|currentUser|principal|orgId|organizationId|tenantId|workspaceId|accountId|jwtPayload)$/u;
const AUTH_CONTEXT_HOLDERS = /^(?:req|request|ctx|c|context|state|locals|var)$/u;

/** `req.user`, `ctx.session`, `event.locals.user`, `c.var.userId`: what auth middleware set. */
export function isAuthContextRead(node: TSESTree.MemberExpression): boolean {
  const name = staticKeyName(node);
  if (name === null || !AUTH_CONTEXT_PROPERTIES.test(name)) return false;
  const object = unwrap(node.object);
  const holder = object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(object) : null;
  return holder !== null && AUTH_CONTEXT_HOLDERS.test(holder);
}

/** Hono `c.get('user')`, `c.get('orgId')`: a variable an auth middleware set on the context. */
export function isAuthContextGet(node: TSESTree.CallExpression): boolean {
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || staticKeyName(callee) !== 'get') return false;
  const object = unwrap(callee.object);
  if (object.type !== AST_NODE_TYPES.Identifier || !/^(?:c|ctx|context)$/u.test(object.name)) return false;
  const [key] = node.arguments;
  return key?.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' && AUTH_CONTEXT_PROPERTIES.test(key.value);
}

/** Request headers that carry the caller's credentials. */
const CREDENTIAL_HEADERS = /^(?:authorization|cookie|x-api-key|api-key|x-auth-token)$/u;
/** Builders and wrappers that only let signed-in callers through: `protectedProcedure`, `authActionClient`, `withAuth(handler)`. */
const AUTHENTICATED_BUILDER = /protected|authed|authenticated|private|auth(?:Action)?Client|actionClientUser|userProcedure|withAuth|withSession|withUser|requireAuth|withTeam|withOrg|withWorkspace/iu;
/** What a procedure's context holds once an auth middleware ran: `({ ctx: { userId } })`. */
const CONTEXT_IDENTITY = /^(?:user|session|userId|auth|currentUser|orgId|organizationId|tenantId|workspaceId|emailAccountId)$/u;

/** Per function: where it first reads the caller's identity (0 when a wrapper or its context does), or never. */
const cache = new WeakMap<TSESTree.Node, number>();

/**
 * Whether `fn` (a request entry point) identifies its caller before `before` (a source offset):
 * an identity read after a query does not protect it. Memoised per function.
 */
export function authenticatesCaller(fn: FunctionNode, facts: FileFacts, before = Number.POSITIVE_INFINITY): boolean {
  let first = cache.get(fn);
  if (first === undefined) {
    first = wrappedByAuth(fn) || contextIdentity(fn) ? 0 : firstIdentityRead(fn, facts);
    cache.set(fn, first);
  }
  return first < before;
}

function firstIdentityRead(fn: FunctionNode, facts: FileFacts): number {
  let first = Number.POSITIVE_INFINITY;
  walk(fn.body, (node) => {
    if (node.range[0] >= first) return;
    let found = false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = calleeName(node);
      found = (name !== null && (AUTH_CALL.test(name) || MORE_AUTH_CALLS.test(name))) || isAuthContextGet(node);
    } else if (node.type === AST_NODE_TYPES.MemberExpression) {
      found = isAuthContextRead(node);
    }
    if (!found && (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.MemberExpression)) {
      const header = requestHeaderName(node, facts.constants);
      found = header !== null && CREDENTIAL_HEADERS.test(header);
    }
    if (found) first = node.range[0];
  });
  return first;
}

/** `export const GET = withAuth(async (req) => ...)`, `protectedProcedure.query(fn)`, `authActionClient.action(fn)`. */
function wrappedByAuth(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.some((argument) => argument === fn)) return false;
  let current: TSESTree.Node = unwrap(parent.callee);
  for (let hops = 0; hops < 12; hops++) {
    if (current.type === AST_NODE_TYPES.Identifier) return AUTHENTICATED_BUILDER.test(current.name);
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const key = staticKeyName(current);
      if (key !== null && AUTHENTICATED_BUILDER.test(key)) return true;
      current = unwrap(current.object);
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      current = unwrap(current.callee);
    } else {
      return false;
    }
  }
  return false;
}

/** `async ({ ctx: { userId }, parsedInput }) => ...`: the context an auth middleware filled. */
function contextIdentity(fn: FunctionNode): boolean {
  const [first] = fn.params;
  if (first?.type !== AST_NODE_TYPES.ObjectPattern) return false;
  for (const property of first.properties) {
    if (property.type !== AST_NODE_TYPES.Property || !/^(?:ctx|context)$/u.test(staticKeyName(property) ?? '')) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type !== AST_NODE_TYPES.ObjectPattern) continue;
    if (value.properties.some((inner) => inner.type === AST_NODE_TYPES.Property && CONTEXT_IDENTITY.test(staticKeyName(inner) ?? ''))) return true;
  }
  return false;
}
