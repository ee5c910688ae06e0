import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, calledMethodName, unwrap } from '../../analysis/ast.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import {
  CORS_LIBRARIES,
  CORS_OPTION_CONSTRUCTORS,
  type CorsLibrary,
  H3_HEADER_SETTERS,
  H3_HEADERS_SETTERS,
  HEADER_OBJECT_SETTERS,
  HEADER_SETTERS,
  REQUEST_SENDERS,
  RESPONSE_HELPER_MODULES,
} from '../../knowledge/cors.js';

/** Where a CORS configuration is written, found from one call or `new` expression. */
export type CorsSite =
  | { readonly kind: 'middleware'; readonly library: CorsLibrary; readonly options: TSESTree.Node | undefined; readonly call: TSESTree.CallExpression }
  | { readonly kind: 'nest'; readonly options: TSESTree.Node | undefined; readonly call: TSESTree.CallExpression; readonly implicit: boolean }
  | { readonly kind: 'socket'; readonly options: TSESTree.Node; readonly call: TSESTree.NewExpression }
  | { readonly kind: 'header'; readonly name: TSESTree.Node; readonly value: TSESTree.Node; readonly call: TSESTree.CallExpression }
  | { readonly kind: 'headers'; readonly headers: TSESTree.Node; readonly call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.ObjectExpression };

/** Member-call names that can configure CORS: the cheap pre-filter before any resolution. */
export const CANDIDATE_METHODS = new Set([
  ...HEADER_SETTERS,
  ...HEADER_OBJECT_SETTERS,
  'register',
  'enableCors',
  'create',
  'json',
  'text',
  'body',
  'html',
  'newResponse',
  'redirect',
  'next',
  'rewrite',
]);

const RESPONSE_HELPERS = new Set(['json', 'data', 'redirect']);

/** Finds the CORS configuration a call expresses, if any, across the frameworks covered. */
export function corsSitesOf(call: TSESTree.CallExpression, facts: FileFacts, corsNames: ReadonlySet<string>): CorsSite[] {
  const callee = unwrap(call.callee);
  const { imports } = facts;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (corsNames.has(callee.name)) {
      const library = libraryOf(callee, facts, 'call');
      if (library) return [{ kind: 'middleware', library, options: call.arguments[0], call }];
    }
    if (H3_HEADER_SETTERS.has(callee.name) && imports.isExport(callee, ['h3'], [callee.name]) && call.arguments[1] && call.arguments[2]) {
      return [{ kind: 'header', name: call.arguments[1], value: call.arguments[2], call }];
    }
    if (H3_HEADERS_SETTERS.has(callee.name) && imports.isExport(callee, ['h3'], [callee.name]) && call.arguments[1]) {
      return [{ kind: 'headers', headers: call.arguments[1], call }];
    }
    if (
      callee.name === 'Header' &&
      call.parent.type === AST_NODE_TYPES.Decorator &&
      call.arguments[0] &&
      call.arguments[1] &&
      imports.isExport(callee, ['@nestjs/common'], ['Header'])
    ) {
      // NestJS: @Header('Access-Control-Allow-Origin', '*') on a route method.
      return [{ kind: 'header', name: call.arguments[0], value: call.arguments[1], call }];
    }
    if (callee.name === 'setHeaders' && call.arguments[0]) {
      // SvelteKit: `({ setHeaders }) => setHeaders({ ... })` from the request event.
      return [{ kind: 'headers', headers: call.arguments[0], call }];
    }
    if (RESPONSE_HELPERS.has(callee.name) && imports.isExport(callee, RESPONSE_HELPER_MODULES, [callee.name])) {
      return initHeaders(call, call.arguments[1]);
    }
    return [];
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return [];
  // A namespace or CommonJS member: `corsNs.default(...)`, `require('cors').default(...)`.
  const root = rootIdentifier(callee);
  if (root && corsNames.has(root.name)) {
    const library = libraryOf(callee, facts, 'call');
    if (library) return [{ kind: 'middleware', library, options: call.arguments[0], call }];
  }
  const method = calledMethodName(call);
  if (method === null || !CANDIDATE_METHODS.has(method)) return [];
  const receiver = unwrap(callee.object);
  const args = call.arguments;
  switch (method) {
    case 'register': {
      const plugin = args[0];
      const library = plugin ? libraryOf(plugin, facts, 'register') : null;
      return library ? [{ kind: 'middleware', library, options: args[1], call }] : [];
    }
    case 'enableCors':
      // `this.enableCors()` is an adapter or the framework itself implementing it, not an app.
      return isNestFile(facts) && receiver.type !== AST_NODE_TYPES.ThisExpression
        ? [{ kind: 'nest', options: args[0], call, implicit: false }]
        : [];
    case 'create': {
      if (!imports.isExport(receiver, ['@nestjs/core'], ['NestFactory'])) return [];
      for (const argument of args.slice(1)) {
        const entries = facts.constants.objectEntries(argument);
        const cors = entries?.entries.findLast((entry) => entry.key === 'cors');
        if (cors?.value.kind === 'node') return [{ kind: 'nest', options: cors.value.node, call, implicit: true }];
      }
      return [];
    }
    case 'json':
    case 'redirect':
    case 'next':
    case 'rewrite':
      if (isResponseClass(receiver, facts)) return initHeaders(call, method === 'next' ? args[0] : args[1]);
      return honoHeaders(call, facts);
    case 'text':
    case 'body':
    case 'html':
    case 'newResponse':
      return honoHeaders(call, facts);
    default:
      break;
  }
  if (isRequestSide(receiver, facts)) return [];
  const [first, second] = args;
  if (HEADER_SETTERS.has(method) && first && second && args.length === 2) {
    return [{ kind: 'header', name: first, value: second, call }];
  }
  if (HEADER_OBJECT_SETTERS.has(method)) {
    const object = method === 'writeHead' ? args.at(-1) : first;
    if (object && (method === 'writeHead' ? args.length >= 2 : args.length === 1)) {
      return [{ kind: 'headers', headers: object, call }];
    }
  }
  return [];
}

/**
 * `new Response(body, { headers })`, `new NextResponse(...)`, `new Headers({...})`, and Socket.IO's
 * `new Server(httpServer, { cors: {...} })`.
 */
export function corsSitesOfNew(node: TSESTree.NewExpression, facts: FileFacts, corsConstructors: ReadonlySet<string>): CorsSite[] {
  const name = calleeName(node);
  const root = unwrap(node.callee);
  const rootName = root.type === AST_NODE_TYPES.MemberExpression ? rootIdentifier(root)?.name : name;
  if (rootName !== undefined && rootName !== null && corsConstructors.has(rootName)) {
    const isServer = CORS_OPTION_CONSTRUCTORS.some((constructor) =>
      facts.imports.isExport(node.callee, [constructor.source], constructor.path),
    );
    const options = isServer ? node.arguments.at(-1) : undefined;
    const cors = options ? facts.constants.objectEntries(options)?.entries.findLast((entry) => entry.key === 'cors') : undefined;
    if (cors?.value.kind === 'node') return [{ kind: 'socket', options: cors.value.node, call: node }];
    return [];
  }
  if (name === 'Response' || name === 'NextResponse') return initHeaders(node, node.arguments[1]);
  if (name === 'Headers' && node.arguments[0] && !flowsIntoRequest(node, facts)) {
    return [{ kind: 'headers', headers: node.arguments[0], call: node }];
  }
  return [];
}

function initHeaders(call: TSESTree.CallExpression | TSESTree.NewExpression, init: TSESTree.Node | undefined): CorsSite[] {
  if (!init) return [];
  const target = unwrap(init);
  if (target.type !== AST_NODE_TYPES.ObjectExpression) return [];
  for (const property of target.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'headers') {
      const value = unwrap(property.value);
      // `new Headers({...})` inside an init is reported by its own `new` visit.
      if (value.type === AST_NODE_TYPES.NewExpression && calleeName(value) === 'Headers') return [];
      return [{ kind: 'headers', headers: property.value, call }];
    }
  }
  return [];
}

/** Hono's `c.json(data, status, headers)` and `c.body(data, { headers })` in files importing hono. */
function honoHeaders(call: TSESTree.CallExpression, facts: FileFacts): CorsSite[] {
  if (!facts.imports.imports('hono') && !facts.imports.imports('hono/')) return [];
  const sites: CorsSite[] = [];
  for (const argument of call.arguments.slice(1)) {
    const target = unwrap(argument);
    if (target.type !== AST_NODE_TYPES.ObjectExpression) continue;
    const init = initHeaders(call, target);
    sites.push(...(init.length > 0 ? init : [{ kind: 'headers' as const, headers: target, call }]));
  }
  return sites;
}

function rootIdentifier(node: TSESTree.MemberExpression): TSESTree.Identifier | null {
  let current: TSESTree.Node = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : null;
}

function libraryOf(node: TSESTree.Node, facts: FileFacts, install: CorsLibrary['install']): CorsLibrary | null {
  const ref = facts.imports.resolve(node);
  if (!ref) return null;
  return (
    CORS_LIBRARIES.find(
      (library) =>
        library.install === install &&
        library.source === ref.source &&
        library.path.length === ref.path.length &&
        library.path.every((part, index) => part === ref.path[index]),
    ) ?? null
  );
}

function isNestFile(facts: FileFacts): boolean {
  return facts.imports.imports('@nestjs/core') || facts.imports.imports('@nestjs/common');
}

function isResponseClass(node: TSESTree.Node, facts: FileFacts): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  if (node.name === 'Response') return true;
  return node.name === 'NextResponse' && facts.imports.isExport(node, ['next/server'], ['NextResponse']);
}

/**
 * Headers that belong to an outgoing request (a client's mistaken `Access-Control-Allow-Origin`
 * request header is harmless): `xhr`, axios `config.headers`, a Headers object handed to fetch.
 */
function isRequestSide(receiver: TSESTree.Node, facts: FileFacts): boolean {
  if (receiver.type === AST_NODE_TYPES.MemberExpression) {
    // `config.headers.set(...)` (axios interceptors), `axios.defaults.headers.common`,
    // `request.headers.set(...)` (forwarded request headers in middleware).
    let root: TSESTree.Node = receiver;
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    return root.type === AST_NODE_TYPES.Identifier && REQUEST_SIDE_ROOTS.test(root.name);
  }
  if (receiver.type === AST_NODE_TYPES.Identifier) {
    const definition = facts.constants.definitionOf(receiver);
    if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init) {
      const init = unwrap(definition.init);
      if (init.type === AST_NODE_TYPES.NewExpression && calleeName(init) === 'Headers') return flowsIntoRequest(init, facts);
    }
  }
  return false;
}

const REQUEST_SIDE_ROOTS = /^(?:config|axios|options|init|xhr|request|req|requestInit)$/u;

/** A `new Headers()` used for a request: inside `fetch(...)`, or stored and passed to one. */
function flowsIntoRequest(node: TSESTree.NewExpression, facts: FileFacts): boolean {
  // Both loops stop at the enclosing block or the program at the latest.
  for (let current: TSESTree.Node = node.parent; ; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression) {
      return REQUEST_SENDERS.has(calleeName(current) ?? '');
    }
    if (current.type === AST_NODE_TYPES.VariableDeclarator && current.id.type === AST_NODE_TYPES.Identifier) {
      const variable = facts.sourceCode.getDeclaredVariables(current)[0];
      return (
        variable?.references.some((reference) => {
          for (let up: TSESTree.Node = reference.identifier.parent; ; up = up.parent) {
            if (up.type === AST_NODE_TYPES.CallExpression || up.type === AST_NODE_TYPES.NewExpression) {
              if (REQUEST_SENDERS.has(calleeName(up) ?? '')) return true;
            }
            if (up.type === AST_NODE_TYPES.BlockStatement || up.type === AST_NODE_TYPES.Program) return false;
          }
        }) ?? false
      );
    }
    if (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program) return false;
  }
}

/**
 * The response object of AWS Lambda / API Gateway, Netlify and Azure Functions handlers:
 * `return { statusCode: 200, headers: { ... }, body }`.
 */
export function corsSitesOfObject(node: TSESTree.ObjectExpression): CorsSite[] {
  let status = false;
  let headers: TSESTree.Node | null = null;
  for (const property of node.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
    if (property.key.name === 'statusCode') status = true;
    else if (property.key.name === 'headers') headers = property.value;
  }
  return status && headers ? [{ kind: 'headers', headers, call: node }] : [];
}
