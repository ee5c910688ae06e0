import path from 'node:path';

import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calledMethodName, calleeName, decoratorsOf, type FunctionNode, isFunctionNode, staticKeyName, unwrap, walk } from '../../analysis/ast.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import type { Framework } from '../../analysis/handlers.js';
import { ROUTE_REGISTRATION_METHODS } from '../../knowledge/frameworks.js';
import { PARSING_MIDDLEWARE, RAW_MIDDLEWARE, WEBHOOK_NAME, WEBHOOK_PATH } from '../../knowledge/webhooks.js';
import type { PayloadRead } from './payload.js';
import type { Verifier } from './verifiers.js';

export interface Endpoint {
  readonly fn: FunctionNode;
  readonly framework: Framework | null;
  /** The route, file or function name says "webhook". */
  readonly named: boolean;
  /** The route path, when known. */
  readonly route: string | null;
  /** Middleware, a guard or a hook on the route may verify before the handler runs. */
  readonly verifiedUpstream: boolean;
  /** What `req.body` holds for this route, from the middleware the file shows. */
  readonly body: { readonly state: 'parsed' | 'raw' | 'unknown'; readonly by: TSESTree.Node | null };
}

const FASTIFY_HOOKS = new Set(['preHandler', 'onRequest', 'preValidation', 'preParsing']);
const VERIFYING_MIDDLEWARE = /verif|signature|hmac|webhook|authenticat/iu;
const BODY_PARSER_MODULES = ['koa-bodyparser', '@koa/bodyparser', 'koa-body'];

/** The webhook endpoint candidates among a file's functions: HTTP handlers and functions registered by reference. */
export function findEndpoints(
  functions: readonly FunctionNode[],
  registrations: readonly TSESTree.CallExpression[],
  facts: FileFacts,
  extraPaths: readonly RegExp[],
): Endpoint[] {
  const endpoints: Endpoint[] = [];
  const byFile = facts.handlers.fileRoute !== null;
  const byReference = registeredByReference(registrations, facts);
  const fileName = path.basename(facts.filename).replace(/\.[^.]+$/u, '');
  // The file's own name must say "webhook": `hooks.ts`, `route-hooks.test.js` are React or framework hooks.
  const fileNamed = WEBHOOK_NAME.test(fileName) || extraPaths.some((pattern) => pattern.test(facts.filename.replaceAll('\\', '/')));
  const fileUses = globalUses(facts);
  for (const fn of functions) {
    // Every handler receives the request (or a context) as a parameter.
    if (fn.params.length === 0) continue;
    if (!byReference.has(fn) && (fn.parent.type === AST_NODE_TYPES.MethodDefinition || !byFile) && !mayBeHandler(fn)) continue;
    const info = facts.handlers.handlerFor(fn) ?? wrappedExport(fn, facts);
    const registration = registrationOf(fn) ?? byReference.get(fn) ?? null;
    if (!info && !registration) continue;
    if (info?.method === 'USE' || info?.method === 'GET') continue;
    const framework: Framework | null = info?.framework ?? (registration ? registrationFramework(registration, facts) : null);
    const route = info?.route ?? (registration ? routeOf(registration, facts) : null) ?? facts.handlers.fileRoute?.route ?? null;
    const named =
      fileNamed ||
      (route !== null && (WEBHOOK_PATH.test(route) || extraPaths.some((pattern) => pattern.test(route)))) ||
      WEBHOOK_NAME.test(functionName(fn) ?? '');
    endpoints.push({
      fn,
      framework,
      named,
      route,
      verifiedUpstream: verifiedUpstream(fn, registration, framework, facts, fileUses),
      body: bodyState(registration, framework, facts, fileUses),
    });
  }
  return endpoints;
}

/** Wrappers that only log, trace or catch errors around a handler: `withLogging`, `withSentry`, `withError`. */
const TRANSPARENT_WRAPPER = /log|error|sentry|axiom|trac(?:e|ing)|telemetry|metric|monitor|instrument|otel|span|timing|posthog|datadog/iu;
/** Wrappers whose name says they check the caller: never transparent. */
const CHECKING_WRAPPER = /auth|session|user|account|admin|verif|sign|secret|key|guard|protect|secure|tier|plan|premium|permission|role|team|org/iu;
const WRAPPED_EXPORTS: Partial<Record<Framework, ReadonlySet<string>>> = {
  'next-app': new Set(['POST', 'PUT', 'PATCH', 'DELETE']),
  sveltekit: new Set(['POST', 'PUT', 'PATCH', 'DELETE']),
  astro: new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'ALL']),
  'next-pages': new Set(['default']),
  remix: new Set(['action']),
};

/**
 * A route handler exported through logging or error wrappers, which the shared handler analysis
 * does not look through: `export const POST = withLogging(async (req) => ...)`,
 * `export default withSentry(handler)` is not one (only inline functions are).
 */
function wrappedExport(fn: FunctionNode, facts: FileFacts): { framework: Framework; route: string | null; method: string | null } | null {
  const fileRoute = facts.handlers.fileRoute;
  const names = fileRoute ? WRAPPED_EXPORTS[fileRoute.framework] : undefined;
  if (!fileRoute || !names) return null;
  let node: TSESTree.Node = fn;
  const reference = wrappedReference(fn, facts);
  if (reference) node = reference;
  let wrapped = false;
  while (node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
    const name = calleeName(node.parent);
    if (name === null || !TRANSPARENT_WRAPPER.test(name) || CHECKING_WRAPPER.test(name)) return null;
    wrapped = true;
    node = node.parent;
  }
  if (!wrapped) return null;
  while (node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSSatisfiesExpression) node = node.parent;
  const parent = node.parent;
  let exported: string | null = null;
  if (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) exported = 'default';
  else if (
    parent.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.id.type === AST_NODE_TYPES.Identifier &&
    parent.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration
  ) {
    exported = parent.id.name;
  }
  if (exported === null || !names.has(exported)) return null;
  const method = exported === 'default' || exported === 'ALL' ? null : exported === 'action' ? 'POST' : exported;
  return { framework: fileRoute.framework, route: fileRoute.route, method };
}

/** `export default withLogging(handler)` with `async function handler(req, res)`: the `handler` argument. */
function wrappedReference(fn: FunctionNode, facts: FileFacts): TSESTree.Identifier | null {
  const parent = fn.parent;
  const name =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? fn.id?.name
      : parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier
        ? parent.id.name
        : undefined;
  if (name === undefined) return null;
  const argument = exportedArguments(facts).get(name);
  if (!argument) return null;
  return facts.constants.definitionOf(argument) === (fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : parent) ? argument : null;
}

const exportedArgumentsCache = new WeakMap<TSESTree.Program, ReadonlyMap<string, TSESTree.Identifier>>();

/** Identifiers passed to the (nested) calls that exports are made of: `export default withA(withB(handler))`. */
function exportedArguments(facts: FileFacts): ReadonlyMap<string, TSESTree.Identifier> {
  const cached = exportedArgumentsCache.get(facts.program);
  if (cached) return cached;
  const found = new Map<string, TSESTree.Identifier>();
  for (const statement of facts.program.body) {
    let value: TSESTree.Node | null = null;
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) value = statement.declaration;
    else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      value = statement.declaration.declarations.at(0)?.init ?? null;
    }
    let call = value ? unwrap(value) : null;
    while (call?.type === AST_NODE_TYPES.CallExpression) {
      for (const argument of call.arguments) if (argument.type === AST_NODE_TYPES.Identifier) found.set(argument.name, argument);
      const inner = call.arguments.find((candidate) => candidate.type === AST_NODE_TYPES.CallExpression);
      call = inner ? unwrap(inner) : null;
    }
  }
  exportedArgumentsCache.set(facts.program, found);
  return found;
}

/** What is wrong with the bytes a verifier is given, or null when they are (or may be) the raw body. */
export function bytesProblem(
  input: { readonly verifier: Verifier; readonly read: PayloadRead | null; readonly node: TSESTree.Node },
  endpoint: Endpoint,
  facts: FileFacts,
): { readonly bytes: string } | null {
  if (reserialised(input.node, facts, 0)) return { bytes: 'a re-serialised body (`JSON.stringify(...)`)' };
  const read = input.read;
  if (!read) return null;
  const label = `\`${read.node.type === AST_NODE_TYPES.Identifier ? read.node.name : facts.sourceCode.getText(read.node).slice(0, 40)}\``;
  if (read.bytes === 'parsed') return { bytes: `the parsed body ${label}` };
  const pagesParsed = endpoint.framework === 'next-pages' && !pagesBodyParserDisabled(facts);
  if (read.bytes === 'raw') {
    if (pagesParsed && read.node.type === AST_NODE_TYPES.CallExpression && calledMethodName(read.node) === null) {
      return { bytes: label };
    }
    return null;
  }
  switch (endpoint.framework) {
    case 'express':
      if (endpoint.body.state !== 'parsed') return null;
      return { bytes: endpoint.body.by ? `${label}, which \`${facts.sourceCode.getText(endpoint.body.by)}\` has parsed` : `the parsed body ${label}` };
    case 'next-pages':
      return pagesParsed ? { bytes: `the parsed body ${label}` } : null;
    case 'nestjs':
      return { bytes: `the parsed body ${label}` };
    case 'fastify':
      return facts.sourceCode.text.includes('addContentTypeParser') ? null : { bytes: `the parsed body ${label}` };
    case 'koa':
      return facts.imports.importsAny(BODY_PARSER_MODULES) ? { bytes: `the parsed body ${label}` } : null;
    default:
      return null;
  }
}

function reserialised(node: TSESTree.Node, facts: FileFacts, depth: number): boolean {
  if (depth > 4) return false;
  let found = false;
  walk(unwrap(node), (child) => {
    if (found) return;
    if (child.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(child.callee);
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        callee.object.name === 'JSON' &&
        staticKeyName(callee) === 'stringify' &&
        // `JSON.stringify({ id, ts })` builds a new message; it does not re-serialise a body.
        child.arguments[0]?.type !== AST_NODE_TYPES.ObjectExpression &&
        child.arguments[0]?.type !== AST_NODE_TYPES.ArrayExpression
      ) {
        found = true;
      }
    } else if (child.type === AST_NODE_TYPES.Identifier) {
      const definition = facts.constants.definitionOf(child);
      if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init && definition.id.type === AST_NODE_TYPES.Identifier && definition.id !== child) {
        found = reserialised(definition.init, facts, depth + 1);
      }
    }
  });
  return found;
}

/** `export const config = { api: { bodyParser: false } }` in a Pages API route. */
function pagesBodyParserDisabled(facts: FileFacts): boolean {
  for (const statement of facts.program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declaration.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== 'config' || !declarator.init) continue;
      const value = facts.constants.value(declarator.init)?.value as { api?: { bodyParser?: unknown } } | undefined;
      if (value?.api?.bodyParser === false) return true;
      // Unknown config: assume the author handled it.
      if (!value) return true;
    }
  }
  return false;
}

interface Registration {
  readonly call: TSESTree.CallExpression;
  readonly index: number;
}

/** `app.post('/webhook', mw, fn)`: the registration call an inline handler is passed to. */
function registrationOf(fn: FunctionNode): Registration | null {
  const parent = fn.parent;
  if (parent.type !== AST_NODE_TYPES.CallExpression) return null;
  const index = parent.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
  if (index < 0 || !isRegistration(parent)) return null;
  return { call: parent, index };
}

function isRegistration(call: TSESTree.CallExpression): boolean {
  const method = calledMethodName(call);
  if (method === null || !ROUTE_REGISTRATION_METHODS.has(method) || method === 'use' || method === 'get') return false;
  const [first] = call.arguments;
  if (first?.type === AST_NODE_TYPES.Literal) return typeof first.value === 'string' && first.value.startsWith('/');
  return first?.type === AST_NODE_TYPES.TemplateLiteral && (first.quasis[0]?.value.cooked ?? '').startsWith('/');
}

/** Local functions registered by name: `router.post('/stripe', express.raw(...), handleStripe)`. */
function registeredByReference(registrations: readonly TSESTree.CallExpression[], facts: FileFacts): Map<FunctionNode, Registration> {
  const found = new Map<FunctionNode, Registration>();
  for (const call of registrations) {
    const index = call.arguments.length - 1;
    const argument = call.arguments[index];
    if (argument?.type !== AST_NODE_TYPES.Identifier || !isRegistration(call)) continue;
    const definition = facts.constants.definitionOf(argument);
    let fn: FunctionNode | null = null;
    if (definition?.type === AST_NODE_TYPES.FunctionDeclaration) fn = definition;
    else if (definition?.init && isFunctionNode(unwrap(definition.init))) fn = unwrap(definition.init) as FunctionNode;
    if (fn) found.set(fn, { call, index });
  }
  return found;
}

/** Methods that register a handler with a path, and server entry points: the only calls a handler is passed to. */
export const REGISTRATION_METHODS = new Set(['post', 'put', 'patch', 'all', 'delete', 'del', 'route', 'openapi', 'on', 'createServer', 'serve']);

/** A cheap shape check before asking the handler analysis: where handlers are defined. */
function mayBeHandler(fn: FunctionNode): boolean {
  const parent = fn.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression: {
      const name = calleeName(parent);
      return name !== null && REGISTRATION_METHODS.has(name);
    }
    case AST_NODE_TYPES.Property: {
      const key = staticKeyName(parent);
      return key === 'fetch' || key === 'handler';
    }
    case AST_NODE_TYPES.MethodDefinition: {
      // Only decorated methods of decorated classes (NestJS); espree leaves `decorators` out.
      return decoratorsOf(parent).length > 0 && decoratorsOf(parent.parent.parent).length > 0;
    }
    default:
      return false;
  }
}

function routeOf(registration: Registration, facts: FileFacts): string | null {
  const [first] = registration.call.arguments;
  const value = first ? facts.constants.value(first)?.value : null;
  return typeof value === 'string' ? value : null;
}

/** `app.use(...)` calls of the file, in order: the middleware each registers. */
function globalUses(facts: FileFacts): TSESTree.CallExpression[] {
  const uses: TSESTree.CallExpression[] = [];
  if (!facts.sourceCode.text.includes('.use(')) return uses;
  for (const statement of facts.program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expression = unwrap(statement.expression);
    if (expression.type === AST_NODE_TYPES.CallExpression && calledMethodName(expression) === 'use') uses.push(expression);
  }
  return uses;
}

function middlewareKind(node: TSESTree.Node, facts: FileFacts): 'parsed' | 'raw' | 'other' | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal || target.type === AST_NODE_TYPES.TemplateLiteral) return null;
  if (target.type === AST_NODE_TYPES.ObjectExpression || target.type === AST_NODE_TYPES.ArrayExpression) return null;
  if (target.type === AST_NODE_TYPES.CallExpression) {
    if (PARSING_MIDDLEWARE.some((entry) => facts.imports.isExport(target.callee, [entry.source], entry.path))) return 'parsed';
    if (RAW_MIDDLEWARE.some((entry) => facts.imports.isExport(target.callee, [entry.source], entry.path))) return 'raw';
  }
  return 'other';
}

function verifiedUpstream(
  fn: FunctionNode,
  registration: Registration | null,
  framework: Framework | null,
  facts: FileFacts,
  uses: readonly TSESTree.CallExpression[],
): boolean {
  if (registration) {
    for (const argument of registration.call.arguments.slice(1, registration.index)) {
      if (middlewareKind(argument, facts) === 'other') return true;
      const target = unwrap(argument);
      if (target.type === AST_NODE_TYPES.ObjectExpression && target.properties.some((property) => property.type === AST_NODE_TYPES.Property && FASTIFY_HOOKS.has(staticKeyName(property) ?? ''))) {
        return true;
      }
    }
  }
  // Fastify route object: app.route({ preHandler, handler }).
  if (fn.parent.type === AST_NODE_TYPES.Property && fn.parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    if (fn.parent.parent.properties.some((property) => property.type === AST_NODE_TYPES.Property && FASTIFY_HOOKS.has(staticKeyName(property) ?? ''))) return true;
  }
  if (framework === 'fastify' && /addHook\(\s*['"`](?:preHandler|onRequest|preValidation|preParsing)/u.test(facts.sourceCode.text)) return true;
  if (framework === 'hono' || framework === 'express' || framework === 'koa') {
    for (const use of uses) {
      for (const argument of use.arguments) {
        const target = unwrap(argument);
        const name = target.type === AST_NODE_TYPES.Identifier ? target.name : target.type === AST_NODE_TYPES.CallExpression ? calleeName(target) : null;
        if (name !== null && VERIFYING_MIDDLEWARE.test(name)) return true;
      }
    }
  }
  // NestJS guards and interceptors on the method or the controller.
  if (framework === 'nestjs' && fn.parent.type === AST_NODE_TYPES.MethodDefinition) {
    const decorators = [...decoratorsOf(fn.parent), ...decoratorsOf(fn.parent.parent.parent)];
    for (const decorator of decorators) {
      const expression = unwrap(decorator.expression);
      const ref = expression.type === AST_NODE_TYPES.CallExpression ? facts.imports.resolve(expression.callee) : null;
      if (ref?.source === '@nestjs/common' && (ref.path[0] === 'UseGuards' || ref.path[0] === 'UseInterceptors')) return true;
    }
  }
  return false;
}

function bodyState(
  registration: Registration | null,
  framework: Framework | null,
  facts: FileFacts,
  uses: readonly TSESTree.CallExpression[],
): Endpoint['body'] {
  if (framework !== 'express' || !registration) return { state: 'unknown', by: null };
  const app = unwrap(registration.call.callee);
  const appText = app.type === AST_NODE_TYPES.MemberExpression ? facts.sourceCode.getText(app.object) : null;
  // A parser registered on the whole app before the route has already consumed the stream.
  for (const use of uses) {
    if (use.range[0] > registration.call.range[0]) break;
    const callee = unwrap(use.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || facts.sourceCode.getText(callee.object) !== appText) continue;
    for (const argument of use.arguments) {
      if (middlewareKind(argument, facts) === 'parsed') return { state: 'parsed', by: argument };
    }
  }
  for (const argument of registration.call.arguments.slice(1, registration.index)) {
    const kind = middlewareKind(argument, facts);
    if (kind === 'parsed') return { state: 'parsed', by: argument };
    if (kind === 'raw') return { state: 'raw', by: argument };
  }
  return { state: 'unknown', by: null };
}

function functionName(fn: FunctionNode): string | null {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) {
    const classNode = parent.parent.parent;
    return `${staticKeyName(parent) ?? ''} ${classNode.id?.name ?? ''}`;
  }
  if (parent.type === AST_NODE_TYPES.Property) return staticKeyName(parent);
  return null;
}

function registrationFramework(registration: Registration, facts: FileFacts): Framework {
  const callee = unwrap(registration.call.callee);
  const app = callee.type === AST_NODE_TYPES.MemberExpression ? facts.handlers.isServerApp(callee.object) : null;
  return app?.framework ?? 'express';
}

