import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { decoratorsOf, type FunctionNode, isFunctionNode, memberPath, staticKeyName, unwrap, variableOf } from './ast.js';
import type { FileFacts } from './file-facts.js';

/**
 * Where a value comes from, within the function that uses it (PRECISION.md, "where a value comes
 * from"): what the client sent (`request`), the authenticated session or context (`session`), a
 * row returned by a query (`query`), a plain parameter of a function that is not a request entry
 * point (`parameter`: its callers decide), a constant, or `unknown`.
 */
export type SourceKind = 'request' | 'session' | 'query' | 'parameter' | 'constant' | 'unknown';

export interface ValueSource {
  readonly kind: SourceKind;
  /** For `request`: where in the request (`the URL`, `the query string`, `the request body`, …). */
  readonly origin: string | null;
}

const { DefinitionType } = TSESLint.Scope;

const UNKNOWN: ValueSource = { kind: 'unknown', origin: null };
const CONSTANT: ValueSource = { kind: 'constant', origin: null };
const SESSION: ValueSource = { kind: 'session', origin: null };
const QUERY: ValueSource = { kind: 'query', origin: null };
const PARAMETER: ValueSource = { kind: 'parameter', origin: null };

const URL_ORIGIN = 'the URL';
const QUERY_STRING = 'the query string';
const BODY = 'the request body';

const request = (origin: string): ValueSource => ({ kind: 'request', origin });

/** Request parts by the property that reads them: `req.params`, `ctx.query`, `request.body`. */
const REQUEST_PARTS: Readonly<Record<string, string>> = {
  params: URL_ORIGIN,
  param: URL_ORIGIN,
  query: QUERY_STRING,
  searchParams: QUERY_STRING,
  body: BODY,
  headers: 'a request header',
  cookies: 'a cookie',
};
/** Names a request object goes by. */
const REQUEST_OBJECT = /^(?:req|request|r|ctx|context|c|event|e)$/u;
/** The authenticated caller: `ctx.session`, `req.user`, `locals.user`, `ctx.state.user`. */
const SESSION_PART = /^(?:session|user|auth|currentUser|viewer|me|account|identity|principal|token|claims|userId|orgId|organizationId|tenantId|workspaceId|teamId)$/u;
const SESSION_ROOT = /^(?:session|currentUser|viewer|me|authUser|auth|user|clerkUser)$/u;
/** Calls that return the caller's identity. */
const SESSION_CALL = /^(?:auth|getAuth|getSession|getServerSession|getServerAuthSession|currentUser|getCurrentUser|getUser|requireUser|requireAuth|requireSession|getUserOrThrow|validateRequest|getKindeServerSession|getToken|getClaims|verifySession|getLoggedInUser|getViewer|withAuth|authenticate|getTeamForUser|getActiveOrganization)$/iu;
/** Calls that return what they are given, validated or converted. */
const PASS_THROUGH = /^(?:parse|parseAsync|safeParse|safeParseAsync|validate|validateSync|assert|cast|Number|parseInt|parseFloat|String|BigInt|decodeURIComponent|trim|toLowerCase|toUpperCase|toString|valueOf)$/u;
/** Body readers on a request: `await req.json()`. */
const BODY_READERS = /^(?:json|formData|text|arrayBuffer|blob)$/u;
/** Database reads whose result is a row. */
const QUERY_CALL = /^(?:find(?:Unique|First|Many)\w*|findOne|findById|findOneBy|findBy|select|selectFrom|execute|executeTakeFirst\w*|query|get|first|all|one|oneOrNone|maybeSingle|single|rpc)$/u;

/** tRPC / oRPC procedure builders: `.query(fn)`, `.mutation(fn)`, `.handler(fn)`. */
const PROCEDURE_METHODS = new Set(['query', 'mutation', 'subscription', 'handler']);
const PROCEDURE_CHAIN = /procedure|Procedure|^(?:os|orpc|pub|authed|protected\w*|public\w*|t)$/u;
/** NestJS parameter decorators that inject what the client sent. */
const NEST_REQUEST_DECORATORS: Readonly<Record<string, string>> = { Param: URL_ORIGIN, Query: QUERY_STRING, Body: BODY, Headers: 'a request header' };
/** App Router and Remix/SvelteKit file conventions whose first parameter carries `params`. */
const PAGE_FILE = /(?:^|\/)(?:page|layout|route|default|\+page\.server|\+layout\.server|\+server)\.[cm]?[jt]sx?$|(?:^|\/)app\/routes\//u;

const MAX_DEPTH = 10;

/**
 * The source of a value used in `node`'s function, following local variables, destructuring,
 * `await`, schema parsing (`schema.parse(await req.json())`) and conversions.
 */
export function sourceOf(node: TSESTree.Node, facts: FileFacts, depth = 0): ValueSource {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return CONSTANT;
    case AST_NODE_TYPES.TemplateLiteral:
      return target.expressions.length === 0 ? CONSTANT : strongest(target.expressions.map((expression) => sourceOf(expression, facts, depth + 1)));
    case AST_NODE_TYPES.AwaitExpression:
      return sourceOf(target.argument, facts, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      return strongest([sourceOf(target.left, facts, depth + 1), sourceOf(target.right, facts, depth + 1)]);
    case AST_NODE_TYPES.ConditionalExpression:
      return strongest([sourceOf(target.consequent, facts, depth + 1), sourceOf(target.alternate, facts, depth + 1)]);
    case AST_NODE_TYPES.MemberExpression:
      return memberSource(target, facts, depth);
    case AST_NODE_TYPES.CallExpression:
      return callSource(target, facts, depth);
    case AST_NODE_TYPES.NewExpression: {
      // new URL(req.url): the URL of the request.
      const callee = unwrap(target.callee);
      const [argument] = target.arguments;
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'URL' && argument) {
        const url = unwrap(argument);
        if (url.type === AST_NODE_TYPES.MemberExpression && staticKeyName(url) === 'url' && requestObjectSource(url.object, facts, depth)) return request(QUERY_STRING);
        const inner = sourceOf(argument, facts, depth + 1);
        return inner.kind === 'request' ? request(URL_ORIGIN) : inner;
      }
      return UNKNOWN;
    }
    case AST_NODE_TYPES.Identifier:
      return identifierSource(target, facts, depth);
    default:
      return UNKNOWN;
  }
}

/** The most telling of several sources: request over session over the rest. */
function strongest(sources: readonly ValueSource[]): ValueSource {
  const order: readonly SourceKind[] = ['request', 'session', 'query', 'parameter', 'unknown', 'constant'];
  for (const kind of order) {
    const found = sources.find((source) => source.kind === kind);
    if (found) return found;
  }
  return UNKNOWN;
}

/** `req.params.id`, `c.req.query('x')` (as a member chain), `session.user.orgId`, `body.id`. */
function memberSource(member: TSESTree.MemberExpression, facts: FileFacts, depth: number): ValueSource {
  const chain = memberChain(member);
  if (chain) {
    const [root, ...path] = chain;
    if (root !== undefined) {
      if (SESSION_ROOT.test(root) && path.length > 0 && !rowNamedLikeCaller(member, facts)) return SESSION;
      // ctx.session.user.id, req.user.id, ctx.state.user, locals.user, event.locals.user
      for (let index = 0; index < Math.min(path.length, 3); index++) {
        const part = path[index] ?? '';
        if (SESSION_PART.test(part) && !(part in REQUEST_PARTS)) {
          if (index === 0 && !REQUEST_OBJECT.test(root) && root !== 'locals' && root !== 'state') break;
          return SESSION;
        }
        if (part === 'locals' || part === 'state' || part === 'req' || part === 'request' || part === 'nextUrl' || part === 'url') continue;
        const origin = REQUEST_PARTS[part];
        if (origin !== undefined && isRequestObjectName(root, member, facts)) return request(origin);
        break;
      }
    }
  }
  return sourceOf(member.object, facts, depth + 1);
}

/** Whether an identifier at the root of a member chain is a request (a parameter named like one). */
function isRequestObjectName(root: string, at: TSESTree.Node, facts: FileFacts): boolean {
  let current: TSESTree.Node = at;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  if (current.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(facts.sourceCode, current);
  const definition = variable?.defs[0];
  if (definition?.type === DefinitionType.Parameter) {
    // `(req, res) =>`, or any parameter of a route handler or page (`props.params.id`).
    if (REQUEST_OBJECT.test(root)) return true;
    const entry = isFunctionNode(definition.node) ? entryPointOf(definition.node, facts) : null;
    return entry === 'handler' || entry === 'page';
  }
  // A request destructured from a parameter: `const { req } = ctx`.
  return definition?.type === DefinitionType.Variable && REQUEST_OBJECT.test(root);
}

function callSource(call: TSESTree.CallExpression, facts: FileFacts, depth: number): ValueSource {
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
  if (name === null) return UNKNOWN;
  if (SESSION_CALL.test(name)) return SESSION;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrap(callee.object);
    const objectChain = memberChain(object) ?? (object.type === AST_NODE_TYPES.Identifier ? [object.name] : null);
    // Hono: c.req.param('id'), c.req.query('x'), c.req.valid('json'), await c.req.json().
    if (objectChain?.at(-1) === 'req' && objectChain.length >= 2) {
      if (name === 'param') return request(URL_ORIGIN);
      if (name === 'query' || name === 'queries') return request(QUERY_STRING);
      if (name === 'valid') return request(validTarget(call));
      if (BODY_READERS.test(name) || name === 'parseBody') return request(BODY);
      if (name === 'header') return request('a request header');
    }
    // await req.json(), await request.formData()
    if (BODY_READERS.test(name)) {
      const objectSource = requestObjectSource(object, facts, depth);
      if (objectSource) return request(BODY);
    }
    // searchParams.get('id'), formData.get('id'), params.get('id'); Hono's c.get('user') is what auth middleware set.
    if (name === 'get' || name === 'getAll') {
      if (objectChain?.length === 1 && /^(?:c|ctx|context)$/u.test(objectChain[0] ?? '')) return SESSION;
      if (objectChain?.at(-1) === 'searchParams' && requestChain(object, facts, depth)) return request(QUERY_STRING);
      const inner = sourceOf(object, facts, depth + 1);
      if (inner.kind === 'request') return inner;
      if (requestObjectSource(object, facts, depth)) return request(QUERY_STRING);
      if (objectChain?.at(-1) === 'searchParams') return request(QUERY_STRING);
      return inner.kind === 'session' ? SESSION : UNKNOWN;
    }
    if (QUERY_CALL.test(name) && isDatabaseChain(callee)) return QUERY;
  }
  if (PASS_THROUGH.test(name)) {
    // schema.parse(body), Number(params.id), id.toString(), String(x)
    const argument = call.arguments[0];
    if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) return sourceOf(argument, facts, depth + 1);
    if (callee.type === AST_NODE_TYPES.MemberExpression) return sourceOf(callee.object, facts, depth + 1);
  }
  return UNKNOWN;
}

/** `c.req.valid('param')` reads the URL, `'query'` the query string, `'json'`/`'form'` the body. */
function validTarget(call: TSESTree.CallExpression): string {
  const [argument] = call.arguments;
  const target = argument && unwrap(argument);
  const value = target?.type === AST_NODE_TYPES.Literal ? target.value : null;
  if (value === 'param') return URL_ORIGIN;
  if (value === 'query') return QUERY_STRING;
  if (value === 'header') return 'a request header';
  if (value === 'cookie') return 'a cookie';
  return BODY;
}

function isDatabaseChain(callee: TSESTree.MemberExpression): boolean {
  let current: TSESTree.Node = unwrap(callee.object);
  for (let hops = 0; hops < 8; hops++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
    else if (current.type === AST_NODE_TYPES.CallExpression) current = unwrap(current.callee);
    else break;
  }
  return current.type === AST_NODE_TYPES.Identifier && /prisma|^(?:db|tx|trx|client|database|sql|knex|supabase|kysely|drizzle|pool|conn|connection)$/iu.test(current.name);
}

/** `req.nextUrl.searchParams`, `url.searchParams` (a SvelteKit/Remix `url` from the request): a request's query. */
function requestChain(node: TSESTree.Node, facts: FileFacts, depth: number): boolean {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  if (current.type === AST_NODE_TYPES.NewExpression) return sourceOf(current, facts, depth + 1).kind === 'request';
  if (current.type !== AST_NODE_TYPES.Identifier) return false;
  if (requestObjectSource(current, facts, depth) || sourceOf(current, facts, depth + 1).kind === 'request') return true;
  const variable = variableOf(facts.sourceCode, current);
  const definition = variable?.defs[0];
  return definition?.type === DefinitionType.Parameter && isFunctionNode(definition.node) && entryPointOf(definition.node, facts) !== null;
}

/** Whether `node` is the request object itself (`req`, `request`, `c.req`, `ctx.request`, `event.request`). */
function requestObjectSource(node: TSESTree.Node, facts: FileFacts, depth: number): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const key = staticKeyName(target);
    return key === 'req' || key === 'request';
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(facts.sourceCode, target);
  const definition = variable?.defs[0];
  if (!definition) return false;
  if (definition.type === DefinitionType.Parameter) {
    if (/^(?:req|request)$/u.test(target.name)) return true;
    const fn = definition.node;
    return isFunctionNode(fn) && fn.params[0] !== undefined && containsIdentifier(fn.params[0], target.name) && facts.handlers.handlerFor(fn) !== null;
  }
  if (definition.type === DefinitionType.Variable && definition.node.init && depth < MAX_DEPTH) {
    // const request = event.request; const { req } = ctx
    const init = unwrap(definition.node.init);
    if (init.type === AST_NODE_TYPES.MemberExpression) return requestObjectSource(init, facts, depth + 1);
    if (definition.node.id.type === AST_NODE_TYPES.ObjectPattern) return target.name === 'req' || target.name === 'request';
  }
  return false;
}

function identifierSource(identifier: TSESTree.Identifier, facts: FileFacts, depth: number): ValueSource {
  if (identifier.name === 'undefined') return CONSTANT;
  const variable = variableOf(facts.sourceCode, identifier);
  const definition = variable?.defs[0];
  if (!variable || !definition) return UNKNOWN;
  if (definition.type === DefinitionType.Parameter) return parameterSource(definition.name as TSESTree.Identifier, definition.node as FunctionNode, facts);
  if (definition.type === DefinitionType.ImportBinding) return CONSTANT;
  if (definition.type !== DefinitionType.Variable) return UNKNOWN;
  const declarator = definition.node;
  if (!declarator.init) {
    // `let userId; if (session) userId = session.user.id;`: judged by what is assigned to it.
    const assigned = variable.references.flatMap((reference) => (reference.writeExpr && reference.identifier.parent.type === AST_NODE_TYPES.AssignmentExpression ? [reference.writeExpr] : []));
    return assigned.length > 0 ? strongest(assigned.map((value) => sourceOf(value, facts, depth + 1))) : UNKNOWN;
  }
  // A reassigned `let` may hold anything: judge by its first value, but never call it constant.
  const source = declarator.id.type === AST_NODE_TYPES.Identifier ? sourceOf(declarator.init, facts, depth + 1) : patternSource(declarator.id, identifier.name, declarator.init, facts, depth);
  return source;
}

/** Array methods whose callback receives the elements: `viewers.map((viewer) => viewer.id)`. */
const ELEMENT_CALLBACKS = /^(?:map|flatMap|forEach|filter|find|findIndex|findLast|some|every|reduce|sort)$/u;

/**
 * A root named like the caller (`viewer`, `user`) that is in fact a row: an element handed to an
 * array callback, or a variable holding what a database query returned.
 */
function rowNamedLikeCaller(member: TSESTree.MemberExpression, facts: FileFacts): boolean {
  let root: TSESTree.Node = member;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = variableOf(facts.sourceCode, root)?.defs[0];
  if (definition?.type === DefinitionType.Parameter) {
    const call = definition.node.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(definition.node as TSESTree.Expression)) return false;
    const callee = unwrap(call.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && ELEMENT_CALLBACKS.test(staticKeyName(callee) ?? '');
  }
  if (definition?.type !== DefinitionType.Variable || !definition.node.init) return false;
  let init = unwrap(definition.node.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
  if (init.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(init.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && QUERY_CALL.test(staticKeyName(callee) ?? '') && isDatabaseChain(callee);
}

/** `const { id } = params`, `const { data } = schema.safeParse(body)`, `const [a] = x`. */
function patternSource(pattern: TSESTree.Node, name: string, init: TSESTree.Node, facts: FileFacts, depth: number): ValueSource {
  const path = pathInPattern(pattern, name);
  const base = sourceOf(init, facts, depth + 1);
  if (base.kind === 'request' || base.kind === 'session' || base.kind === 'query') return base;
  // const { params } = context / props: destructured request parts.
  const first = path?.[0];
  if (first !== undefined && REQUEST_PARTS[first] !== undefined) {
    const initTarget = unwrap(init);
    if (initTarget.type === AST_NODE_TYPES.Identifier && requestLikeParameter(initTarget, facts)) return request(REQUEST_PARTS[first] ?? BODY);
    if (requestObjectSource(init, facts, depth)) return request(REQUEST_PARTS[first] ?? BODY);
  }
  if (first !== undefined && SESSION_PART.test(first) && unwrap(init).type === AST_NODE_TYPES.Identifier) {
    const initTarget = unwrap(init) as TSESTree.Identifier;
    if (REQUEST_OBJECT.test(initTarget.name)) return SESSION;
  }
  return base;
}

/** Whether an identifier is a parameter of a handler that receives the request (or its context). */
function requestLikeParameter(identifier: TSESTree.Identifier, facts: FileFacts): boolean {
  const variable = variableOf(facts.sourceCode, identifier);
  const definition = variable?.defs[0];
  if (definition?.type !== DefinitionType.Parameter || !isFunctionNode(definition.node)) return false;
  return REQUEST_OBJECT.test(identifier.name) || /^(?:props|args|options|opts|segmentData|routeContext)$/u.test(identifier.name) || entryPointOf(definition.node, facts) !== null;
}

/** The property path of `name` inside a destructuring pattern: `{ params: { id } }` → ['params', 'id']. */
function pathInPattern(pattern: TSESTree.Node, name: string): string[] | null {
  const target = pattern.type === AST_NODE_TYPES.AssignmentPattern ? pattern.left : pattern;
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === name ? [] : null;
  if (target.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of target.properties) {
      if (property.type === AST_NODE_TYPES.RestElement) {
        const inner = pathInPattern(property.argument, name);
        if (inner) return inner;
        continue;
      }
      const key = staticKeyName(property);
      const inner = pathInPattern(property.value, name);
      if (inner) return key === null ? inner : [key, ...inner];
    }
  }
  if (target.type === AST_NODE_TYPES.ArrayPattern) {
    for (const element of target.elements) {
      const inner = element ? pathInPattern(element, name) : null;
      if (inner) return inner;
    }
  }
  return null;
}

function containsIdentifier(pattern: TSESTree.Node, name: string): boolean {
  return pathInPattern(pattern, name) !== null;
}

/**
 * What kind of entry point a function is, when the client calls it directly: a server action
 * (exported from a `'use server'` module, or with its own directive), a tRPC/oRPC procedure, a
 * page or route module's exported function, a framework handler.
 */
export type EntryPoint = 'handler' | 'server-action' | 'procedure' | 'page';

export function entryPointOf(fn: FunctionNode, facts: FileFacts): EntryPoint | null {
  if (facts.handlers.handlerFor(fn)) return 'handler';
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === fn) {
    const callee = unwrap(parent.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && PROCEDURE_METHODS.has(staticKeyName(callee) ?? '') && procedureChain(callee.object)) return 'procedure';
    // next-safe-action and zsa: `actionClient.schema(s).action(async ({ parsedInput, ctx }) => …)`.
    if (callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(callee) === 'action') return 'procedure';
  }
  if (hasUseServer(fn) || (facts.directives.has('use server') && isExported(fn))) return 'server-action';
  if (isExported(fn) && PAGE_FILE.test(facts.filename.replaceAll('\\', '/'))) return 'page';
  return null;
}

function procedureChain(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = unwrap(node);
  for (let hops = 0; hops < 12; hops++) {
    if (current.type === AST_NODE_TYPES.CallExpression) current = unwrap(current.callee);
    else if (current.type === AST_NODE_TYPES.MemberExpression) {
      const key = staticKeyName(current);
      if (key !== null && (key === 'input' || PROCEDURE_CHAIN.test(key))) return true;
      current = unwrap(current.object);
    } else break;
  }
  return current.type === AST_NODE_TYPES.Identifier && PROCEDURE_CHAIN.test(current.name);
}

function hasUseServer(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const [first] = fn.body.body;
  return first?.type === AST_NODE_TYPES.ExpressionStatement && first.expression.type === AST_NODE_TYPES.Literal && first.expression.value === 'use server';
}

/**
 * `export async function x() {}`, `export default async function () {}`, `export const x = async () => {}`:
 * the function itself is the export (a function handed to a wrapper is the wrapper's business).
 */
function isExported(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.ExportNamedDeclaration || parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== fn) return false;
  const declaration = parent.parent;
  return declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration;
}

/** A parameter: what the client sent when the function is an entry point, else the caller's value. */
function parameterSource(name: TSESTree.Identifier, fn: FunctionNode, facts: FileFacts): ValueSource {
  const index = fn.params.findIndex((param) => containsIdentifier(param, name.name));
  const param = index >= 0 ? fn.params[index] : undefined;
  if (!param) return PARAMETER;
  const path = pathInPattern(param, name.name) ?? [];
  // NestJS: @Param('id') id, @Body() dto, @Query() q.
  for (const decorator of decoratorsOf(param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param)) {
    const expression = unwrap(decorator.expression);
    const callee = expression.type === AST_NODE_TYPES.CallExpression ? unwrap(expression.callee) : expression;
    const decoratorName = callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
    if (decoratorName !== null && NEST_REQUEST_DECORATORS[decoratorName] !== undefined) return request(NEST_REQUEST_DECORATORS[decoratorName] ?? BODY);
  }
  const entry = entryPointOf(fn, facts);
  if (entry === 'procedure') {
    // ({ ctx, input }) => … ; next-safe-action's ({ parsedInput, ctx }) => …
    if (path[0] === 'input') return request('the client (procedure input)');
    if (path[0] === 'parsedInput') return request('the client (action input)');
    if (path[0] === 'ctx' || path[0] === 'context') return SESSION;
    return PARAMETER;
  }
  if (entry === 'server-action') return request('the client (server action argument)');
  if (entry === 'page' || entry === 'handler') {
    const first = path[0];
    if (first !== undefined && REQUEST_PARTS[first] !== undefined) return request(REQUEST_PARTS[first] ?? BODY);
    if (first !== undefined && SESSION_PART.test(first)) return SESSION;
    // The request object itself, or the route context: not a value on its own.
    return UNKNOWN;
  }
  return PARAMETER;
}

/** `a.b.c` → ['a', 'b', 'c'] (static keys only); null for anything else. */
function memberChain(node: TSESTree.Node): string[] | null {
  const chain = memberPath(node);
  if (chain?.root.type === AST_NODE_TYPES.ThisExpression) return ['this', ...chain.path];
  return chain?.root.type === AST_NODE_TYPES.Identifier ? [chain.root.name, ...chain.path] : null;
}

/**
 * The value expressions of a query: the leaves under its arguments (and the arguments of the
 * calls chained after it, `db.select().from(t).where(...)`), skipping property keys and callees.
 * With `filterOnly`, only what selects rows: a Prisma `where`, not its `data`, `include` or `select`.
 */
export function queryValueLeaves(query: TSESTree.Node, filterOnly = true): TSESTree.Node[] {
  const roots: TSESTree.Node[] = [];
  if (query.type === AST_NODE_TYPES.CallExpression) {
    // Prisma-style `{ where, data }`: only the filter selects rows; the data is what gets written.
    const [first] = query.arguments;
    const object = first && unwrap(first);
    const where =
      object?.type === AST_NODE_TYPES.ObjectExpression
        ? object.properties.find((property) => property.type === AST_NODE_TYPES.Property && staticKeyName(property) === 'where')
        : undefined;
    if (filterOnly && where?.type === AST_NODE_TYPES.Property) roots.push(where.value);
    else roots.push(...query.arguments);
  }
  if (query.type === AST_NODE_TYPES.TaggedTemplateExpression) roots.push(...query.quasi.expressions);
  // Calls chained after the query: `.where(...)`, `.eq('id', id)`, `.bind(id)`; not the data of `.set()`/`.values()`.
  let current: TSESTree.Node = query;
  for (let hops = 0; hops < 12; hops++) {
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
      if (!filterOnly || !DATA_METHODS.has(staticKeyName(parent) ?? '')) roots.push(...parent.parent.arguments);
      current = parent.parent;
    } else if (parent?.type === AST_NODE_TYPES.AwaitExpression || parent?.type === AST_NODE_TYPES.TSAsExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = parent;
    } else {
      break;
    }
  }
  const leaves: TSESTree.Node[] = [];
  /** An expression, and the calls it is chained on (`qb.where(a).andWhere(b)`: `b`, then `a`). */
  const visitChain = (node: TSESTree.Node, depth: number): void => {
    visit(node, depth);
    let link = unwrap(node);
    for (let hops = 0; hops < 12 && link.type === AST_NODE_TYPES.CallExpression; hops++) {
      const callee = unwrap(link.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
      link = unwrap(callee.object);
      if (link.type === AST_NODE_TYPES.CallExpression) visit(link, depth);
    }
  };
  const visit = (node: TSESTree.Node, depth: number): void => {
    if (depth > 12 || leaves.length > 64) return;
    const target = unwrap(node);
    switch (target.type) {
      case AST_NODE_TYPES.ObjectExpression:
        for (const property of target.properties) {
          if (property.type === AST_NODE_TYPES.Property) visit(property.value, depth + 1);
          else visit(property.argument, depth + 1);
        }
        return;
      case AST_NODE_TYPES.ArrayExpression:
        for (const element of target.elements) if (element) visit(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, depth + 1);
        return;
      case AST_NODE_TYPES.SpreadElement:
        visit(target.argument, depth + 1);
        return;
      case AST_NODE_TYPES.CallExpression:
        // eq(invoices.id, id), and(...), inArray(t.id, ids): the arguments are the values.
        for (const argument of target.arguments) visit(argument, depth + 1);
        leaves.push(target);
        return;
      case AST_NODE_TYPES.TemplateLiteral:
        for (const expression of target.expressions) visit(expression, depth + 1);
        return;
      case AST_NODE_TYPES.Literal:
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        // Drizzle's `where: (t, { eq }) => eq(t.id, id)` and `where(fields, ops) { return ops.eq(fields.id, id); }`;
        // Knex's grouped `where((qb) => qb.where('id', id).andWhere(...))`, `where(function () { this.where('id', id); })`.
        if (target.body.type !== AST_NODE_TYPES.BlockStatement) visitChain(target.body, depth + 1);
        else {
          for (const statement of target.body.body) {
            if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) visitChain(statement.argument, depth + 1);
            else if (statement.type === AST_NODE_TYPES.ExpressionStatement) visitChain(statement.expression, depth + 1);
          }
        }
        return;
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
        visit(target.left, depth + 1);
        visit(target.right, depth + 1);
        return;
      default:
        leaves.push(target);
    }
  };
  for (const root of roots) visit(root, 0);
  return leaves;
}

/** Chained calls that carry the data a query writes or returns, not what selects the rows. */
const DATA_METHODS = new Set(['set', 'values', 'update', 'insert', 'upsert', 'returning', 'select', 'data', 'onConflictDoUpdate', 'onConflictDoNothing', 'orderBy', 'limit', 'offset']);

/** The leaves of a query whose values come from the request, with their sources. */
export function requestValuesOf(query: TSESTree.Node, facts: FileFacts): { readonly node: TSESTree.Node; readonly source: ValueSource }[] {
  const found: { readonly node: TSESTree.Node; readonly source: ValueSource }[] = [];
  for (const leaf of queryValueLeaves(query)) {
    const source = sourceOf(leaf, facts);
    if (source.kind === 'request') found.push({ node: leaf, source });
  }
  return found;
}
