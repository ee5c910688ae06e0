import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import {
  APP_FACTORIES,
  APP_TYPE_NAMES,
  HTTP_METHODS,
  NEST_ROUTE_DECORATORS,
  ROUTE_REGISTRATION_METHODS,
} from '../knowledge/frameworks.js';
import { calledMethodName, decoratorsOf, type FunctionNode, isFunctionNode, staticKeyName, unwrap } from './ast.js';
import type { ConstantResolver } from './constants.js';
import type { ImportIndex } from './imports.js';
import type { TriState } from './tristate.js';
import type { TypeBridge } from './types.js';

export type Framework =
  | 'astro'
  | 'cloudflare-workers'
  | 'deno'
  | 'express'
  | 'fastify'
  | 'hono'
  | 'koa'
  | 'nestjs'
  | 'next-app'
  | 'next-middleware'
  | 'next-pages'
  | 'node-http'
  | 'remix'
  | 'sveltekit';

export interface HandlerInfo {
  readonly fn: FunctionNode;
  readonly framework: Framework;
  /** `yes` when the framework is proven by imports, types or file conventions; else `unknown`. */
  readonly confidence: TriState;
  /** The route path, from the code or from the file path; null when not knowable. */
  readonly route: string | null;
  /** Upper-case HTTP method, `USE` for middleware, null when any method reaches it. */
  readonly method: string | null;
}

/** What the file path says about the file, following each framework's routing convention. */
export interface FileRoute {
  readonly framework: Framework;
  readonly route: string | null;
}

const HTTP_METHOD_SET: ReadonlySet<string> = new Set(HTTP_METHODS);
const SCRIPT = String.raw`\.(?:[cm]?[jt]sx?)$`;

/**
 * The framework and route a file path implies: Next.js App Router `route.ts`, Pages `pages/api`,
 * Next.js `middleware`/`proxy`, SvelteKit `+server.ts`, Astro `src/pages` endpoints, Remix and
 * React Router `app/routes` modules.
 */
// Compiled once: fileRoute runs for every linted file of several rules.
const REMIX_ROUTE = new RegExp(String.raw`(?:^|/)app/routes/([^/]+?)(?:/route)?${SCRIPT}`, 'u');
const NEXT_APP_ROUTE = new RegExp(String.raw`(?:^|/)app(/(?:.*/)?)route${SCRIPT}`, 'u');
const NEXT_PAGES_API = new RegExp(String.raw`(?:^|/)pages(/api(?:/.*)?)${SCRIPT}`, 'u');
const NEXT_MIDDLEWARE = new RegExp(String.raw`(?:^|/)(?:src/)?(?:middleware|proxy)${SCRIPT}`, 'u');
const SVELTEKIT_SERVER = new RegExp(String.raw`(?:^|/)src/routes((?:/.*)?)/\+server${SCRIPT}`, 'u');
const ASTRO_PAGE = new RegExp(String.raw`(?:^|/)src/pages(/.*?)${SCRIPT}`, 'u');

export function fileRoute(filename: string): FileRoute | null {
  const file = filename.includes('\\') ? filename.replaceAll('\\', '/') : filename;
  // Every convention below needs one of these (`app/routes/`, `/route.ts`, `src/routes/…/+server`
  // hold `/route`; Pages and Astro hold `pages/`): most files are left without a regular expression.
  if (!file.includes('/route') && !file.includes('pages/') && !file.includes('middleware') && !file.includes('proxy')) return null;
  // Remix/React Router folder routes (`app/routes/api.webhook/route.ts`) before Next.js's `app/**/route.ts`.
  let match = REMIX_ROUTE.exec(file);
  if (match?.[1] !== undefined) {
    const segments = match[1]
      .split('.')
      .filter((segment) => segment !== '_index' && !segment.startsWith('_'))
      .map((segment) => (segment.startsWith('$') ? `:${segment.slice(1) || 'splat'}` : segment.replace(/_$/u, '')));
    return { framework: 'remix', route: `/${segments.join('/')}` };
  }
  match = NEXT_APP_ROUTE.exec(file);
  if (match?.[1] !== undefined && !file.includes('/pages/')) {
    return { framework: 'next-app', route: normaliseSegments(match[1].slice(0, -1)) || '/' };
  }
  match = NEXT_PAGES_API.exec(file);
  if (match?.[1] !== undefined) {
    return { framework: 'next-pages', route: normaliseSegments(match[1].replace(/\/index$/u, '')) };
  }
  if (NEXT_MIDDLEWARE.test(file)) {
    if (!/\/(?:app|pages|routes|lib|components)\//u.test(file)) {
      return { framework: 'next-middleware', route: null };
    }
  }
  match = SVELTEKIT_SERVER.exec(file);
  if (match?.[1] !== undefined) {
    return { framework: 'sveltekit', route: normaliseSegments(match[1]) || '/' };
  }
  match = ASTRO_PAGE.exec(file);
  if (match?.[1] !== undefined && !/\.(?:astro|md|mdx)$/u.test(file)) {
    return { framework: 'astro', route: normaliseSegments(match[1].replace(/\/index$/u, '')) || '/' };
  }
  return null;
}

/** `/(marketing)/api/[id]/@modal` → `/api/:id`; catch-alls become `*`. */
function normaliseSegments(route: string): string {
  return route
    .split('/')
    .filter((segment) => segment !== '' && !/^\(.*\)$/u.test(segment) && !segment.startsWith('@'))
    .map((segment) => {
      if (/^\[\[?\.\.\./u.test(segment)) return '*';
      // `[id]` and SvelteKit's optional `[[lang]]` are parameters.
      const dynamic = /^\[\[?([^[\]]+)\]\]?$/u.exec(segment);
      return dynamic?.[1] === undefined ? segment : `:${dynamic[1]}`;
    })
    .reduce((path, segment) => `${path}/${segment}`, '');
}

/**
 * HTTP handlers and routes across frameworks. Queries walk up from a node; answers are cached per
 * function node, so asking twice (or from two rules) costs nothing.
 */
export class HandlerIndex {
  private readonly cache = new WeakMap<TSESTree.Node, HandlerInfo | null>();
  private fileRouteValue: FileRoute | null | undefined;

  constructor(
    private readonly filename: string,
    private readonly imports: ImportIndex,
    private readonly constants: ConstantResolver,
    private readonly types: () => TypeBridge | null,
  ) {}

  get fileRoute(): FileRoute | null {
    if (this.fileRouteValue === undefined) this.fileRouteValue = fileRoute(this.filename);
    return this.fileRouteValue;
  }

  /** The handler a node runs in: the nearest enclosing function that is an HTTP handler. */
  enclosingHandler(node: TSESTree.Node): HandlerInfo | null {
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      if (isFunctionNode(current)) {
        const info = this.handlerFor(current);
        if (info) return info;
      }
    }
    return null;
  }

  /** Whether `fn` is an HTTP handler, and of which framework and route. */
  handlerFor(fn: FunctionNode): HandlerInfo | null {
    const cached = this.cache.get(fn);
    if (cached !== undefined) return cached;
    const info = this.classify(fn);
    this.cache.set(fn, info);
    return info;
  }

  /**
   * The route a node belongs to: the path of an enclosing route registration
   * (`app.use('/public', cors())`, `app.get('/x', handler)`), of the enclosing handler, or of the
   * file (Next.js, SvelteKit, Astro, Remix conventions).
   */
  routeOf(node: TSESTree.Node): string | null {
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.CallExpression) {
        const registration = this.registration(current);
        if (registration?.route) return registration.route;
      }
      if (current.type === AST_NODE_TYPES.MethodDefinition) {
        const nest = this.nestRoute(current);
        if (nest) return nest.route;
      }
    }
    return this.fileRoute?.route ?? null;
  }

  /** Whether an expression is an app or router instance of a server framework. */
  isServerApp(node: TSESTree.Node): { readonly answer: TriState; readonly framework: Framework | null } {
    const target = unwrap(node);
    const resolved = this.constants.resolve(target);
    if (resolved.kind === 'node' && !resolved.foreign) {
      let init = unwrap(resolved.node);
      if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
      if (init.type === AST_NODE_TYPES.CallExpression || init.type === AST_NODE_TYPES.NewExpression) {
        for (const factory of APP_FACTORIES) {
          if (this.imports.isExport(init.callee, [factory.source], factory.path)) {
            return { answer: 'yes', framework: factory.framework };
          }
        }
      }
    }
    const names = this.types()?.typeNames(target);
    if (names) {
      for (const name of names) {
        if (APP_TYPE_NAMES.has(name)) return { answer: 'yes', framework: frameworkOfType(name) };
      }
      return { answer: 'no', framework: null };
    }
    return { answer: 'unknown', framework: null };
  }

  /** `app.get('/path', ...handlers)` and friends: the route and method of a registration call. */
  private registration(
    call: TSESTree.CallExpression,
  ): { readonly route: string | null; readonly method: string; readonly app: TSESTree.Node } | null {
    const method = calledMethodName(call);
    const callee = unwrap(call.callee);
    if (method === null || callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    if (!ROUTE_REGISTRATION_METHODS.has(method)) return null;
    const args = call.arguments;
    if (method === 'route') {
      // Fastify: app.route({ method, url, handler }).
      const options = args[0] && unwrap(args[0]);
      if (options?.type !== AST_NODE_TYPES.ObjectExpression) return null;
      const entries = this.constants.objectEntries(options)?.entries ?? [];
      const url = entries.find((entry) => entry.key === 'url' || entry.key === 'path');
      const value = url ? this.constants.valueOf(url.value) : null;
      return { route: typeof value?.value === 'string' ? value.value : null, method: 'ROUTE', app: callee.object };
    }
    if (method === 'openapi') {
      // @hono/zod-openapi: the route object (inline or a `const`) holds the method and path.
      const route = args[0] ? this.constants.resolve(args[0]) : null;
      const call = route?.kind === 'node' ? unwrap(route.node) : null;
      const options = call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] ? unwrap(call.arguments[0]) : call;
      if (options?.type !== AST_NODE_TYPES.ObjectExpression) return null;
      const entries = this.constants.objectEntries(options)?.entries ?? [];
      const read = (key: string): unknown => {
        const entry = entries.find((candidate) => candidate.key === key);
        return entry ? this.constants.valueOf(entry.value)?.value : undefined;
      };
      const routeMethod = read('method');
      const path = read('path');
      if (typeof routeMethod !== 'string') return null;
      return { route: typeof path === 'string' ? path : null, method: routeMethod.toUpperCase(), app: callee.object };
    }
    const pathArgument = method === 'on' ? args[1] : args[0];
    const value = pathArgument ? this.constants.value(pathArgument) : null;
    const route = typeof value?.value === 'string' ? value.value : null;
    if (route === null && method !== 'use') return null;
    return { route, method: method === 'del' ? 'DELETE' : method.toUpperCase(), app: callee.object };
  }

  private classify(fn: FunctionNode): HandlerInfo | null {
    const parent = fn.parent;
    // Registered on an app or router: app.get('/x', fn), router.post('/x', auth, fn), app.use(fn).
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.Expression)) {
      const registration = this.registration(parent);
      if (registration) {
        const app = this.isServerApp(registration.app);
        if (app.answer !== 'no' && app.framework !== null) {
          return { fn, framework: app.framework, confidence: app.answer, route: registration.route, method: httpMethod(registration.method) };
        }
        if (app.answer === 'unknown' && registration.route !== null) {
          return { fn, framework: 'express', confidence: 'unknown', route: registration.route, method: httpMethod(registration.method) };
        }
      }
      const server = this.serverEntry(parent);
      if (server) return { fn, framework: server, confidence: 'yes', route: null, method: null };
    }
    // Fastify route object: app.route({ url, handler: fn }).
    if (parent.type === AST_NODE_TYPES.Property && parent.value === fn && staticKeyName(parent) === 'handler') {
      const call = parent.parent.parent;
      if (call.type === AST_NODE_TYPES.CallExpression) {
        const registration = this.registration(call);
        if (registration?.method === 'ROUTE') {
          const app = this.isServerApp(registration.app);
          if (app.answer !== 'no') {
            return { fn, framework: 'fastify', confidence: app.answer, route: registration.route, method: null };
          }
        }
      }
    }
    // NestJS: a @Get()/@Post() method of a @Controller() class.
    if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.value === fn) {
      const nest = this.nestRoute(parent);
      if (nest) return { fn, framework: 'nestjs', confidence: 'yes', route: nest.route, method: nest.method };
    }
    // Cloudflare Workers (and Bun/Deno default exports): export default { fetch(request, env) {} }.
    if (parent.type === AST_NODE_TYPES.Property && parent.value === fn && staticKeyName(parent) === 'fetch') {
      let object: TSESTree.Node = parent.parent;
      while (object.parent && isTransparent(object.parent)) object = object.parent;
      if (object.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
        return { fn, framework: 'cloudflare-workers', confidence: 'yes', route: null, method: null };
      }
    }
    return this.classifyExport(fn);
  }

  /** Handlers defined by what a module exports, under a framework's file convention. */
  private classifyExport(fn: FunctionNode): HandlerInfo | null {
    const route = this.fileRoute;
    if (!route) return null;
    for (const name of exportedNames(fn)) {
      const info = this.classifyExportName(fn, route, name);
      if (info) return info;
    }
    return null;
  }

  private classifyExportName(fn: FunctionNode, route: FileRoute, name: string): HandlerInfo | null {
    const handler = (method: string | null): HandlerInfo => ({
      fn,
      framework: route.framework,
      confidence: 'yes',
      route: route.route,
      method,
    });
    switch (route.framework) {
      case 'next-app':
      case 'sveltekit':
      case 'astro':
        if (HTTP_METHOD_SET.has(name)) return handler(name);
        if (name === 'fallback' || name === 'ALL') return handler(null);
        return null;
      case 'next-pages':
        return name === 'default' ? handler(null) : null;
      case 'next-middleware':
        return name === 'default' || name === 'middleware' || name === 'proxy' ? handler('USE') : null;
      case 'remix':
        if (name === 'action') return handler('POST');
        if (name === 'loader') return handler('GET');
        return null;
      default:
        return null;
    }
  }

  /** `http.createServer(fn)`, `Deno.serve(fn)`: the framework, or null. */
  private serverEntry(call: TSESTree.CallExpression): Framework | null {
    const callee = unwrap(call.callee);
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'Deno' &&
      staticKeyName(callee) === 'serve'
    ) {
      return 'deno';
    }
    if (this.imports.isExport(callee, ['http', 'https', 'http2'], ['createServer'])) return 'node-http';
    return null;
  }

  private nestRoute(method: TSESTree.MethodDefinition): { readonly route: string; readonly method: string } | null {
    const classNode = method.parent.parent;
    const controller = this.nestDecorator(decoratorsOf(classNode), 'Controller');
    if (!controller) return null;
    for (const decorator of decoratorsOf(method)) {
      const expression = unwrap(decorator.expression);
      if (expression.type !== AST_NODE_TYPES.CallExpression) continue;
      const ref = this.imports.resolve(expression.callee);
      const verb = ref?.source === '@nestjs/common' && ref.path.length === 1 ? NEST_ROUTE_DECORATORS[ref.path[0] ?? ''] : undefined;
      if (verb === undefined) continue;
      return { route: joinRoute(this.decoratorPath(controller), this.decoratorPath(expression)), method: verb };
    }
    return null;
  }

  private nestDecorator(decorators: readonly TSESTree.Decorator[], name: string): TSESTree.CallExpression | null {
    for (const decorator of decorators) {
      const expression = unwrap(decorator.expression);
      if (
        expression.type === AST_NODE_TYPES.CallExpression &&
        this.imports.isExport(expression.callee, ['@nestjs/common'], [name])
      ) {
        return expression;
      }
    }
    return null;
  }

  /** `@Controller('users')`, `@Get(':id')`, `@Controller({ path: 'users' })`. */
  private decoratorPath(call: TSESTree.CallExpression): string {
    const [first] = call.arguments;
    if (!first) return '';
    const value = this.constants.value(first)?.value;
    if (typeof value === 'string') return value;
    if (typeof value === 'object' && value !== null && typeof (value as { path?: unknown }).path === 'string') {
      return (value as { path: string }).path;
    }
    return '';
  }
}

function frameworkOfType(name: string): Framework {
  if (name === 'FastifyInstance') return 'fastify';
  if (name === 'Hono' || name === 'OpenAPIHono') return 'hono';
  if (name === 'Koa' || name === 'KoaRouter') return 'koa';
  return 'express';
}

function httpMethod(registrationMethod: string): string | null {
  return registrationMethod === 'ALL' || registrationMethod === 'ON' ? null : registrationMethod;
}

function joinRoute(prefix: string, path: string): string {
  const parts = [prefix, path].flatMap((part) => part.split('/')).filter((part) => part !== '');
  return `/${parts.join('/')}`;
}

function isTransparent(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression
  );
}

/**
 * The names under which a function is exported: `export function GET`, `export const POST = ...`,
 * `export default`, and through specifiers of its binding (`export { handler as GET, handler as
 * POST }`, `export default handler`), as NextAuth and Pages API routes are usually written.
 */
function exportedNames(fn: FunctionNode): string[] {
  let node: TSESTree.Node = fn;
  while (node.parent && isTransparent(node.parent)) node = node.parent;
  const parent = node.parent;
  if (!parent) return [];
  if (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return ['default'];
  let local: string | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    if (parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return fn.id ? [fn.id.name] : [];
    local = fn.id?.name ?? null;
  } else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    if (parent.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return [parent.id.name];
    local = parent.id.name;
  }
  if (local === null) return [];
  // Only module-level bindings can be exported by specifier.
  const statement: TSESTree.Node | undefined = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : parent.parent;
  if (statement?.parent?.type !== AST_NODE_TYPES.Program) return [];
  const names: string[] = [];
  for (const item of statement.parent.body) {
    if (item.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      if (item.declaration.type === AST_NODE_TYPES.Identifier && item.declaration.name === local) names.push('default');
    } else if (item.type === AST_NODE_TYPES.ExportNamedDeclaration && !item.source) {
      for (const specifier of item.specifiers) {
        if (specifier.local.name === local) {
          names.push(specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value);
        }
      }
    }
  }
  return names;
}
