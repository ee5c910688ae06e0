import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { type FileRoute, fileRoute, type HandlerInfo } from '../../src/analysis/handlers.js';
import { analyse, type Probe } from './harness.js';

describe('fileRoute', () => {
  const cases: [string, FileRoute | null][] = [
    // Next.js App Router
    ['app/api/users/route.ts', { framework: 'next-app', route: '/api/users' }],
    ['src/app/api/users/route.ts', { framework: 'next-app', route: '/api/users' }],
    ['app/(marketing)/api/contact/route.ts', { framework: 'next-app', route: '/api/contact' }],
    ['app/api/users/[id]/route.ts', { framework: 'next-app', route: '/api/users/:id' }],
    ['app/api/files/[...path]/route.ts', { framework: 'next-app', route: '/api/files/*' }],
    ['app/api/docs/[[...slug]]/route.ts', { framework: 'next-app', route: '/api/docs/*' }],
    ['app/@modal/api/preview/route.js', { framework: 'next-app', route: '/api/preview' }],
    ['C:\\work\\shop\\app\\api\\users\\route.ts', { framework: 'next-app', route: '/api/users' }],
    ['/home/me/shop/app/api/users/route.mjs', { framework: 'next-app', route: '/api/users' }],
    // Next.js Pages Router
    ['pages/api/hello.ts', { framework: 'next-pages', route: '/api/hello' }],
    ['pages/api/index.ts', { framework: 'next-pages', route: '/api' }],
    ['pages/api/users/[id].ts', { framework: 'next-pages', route: '/api/users/:id' }],
    ['pages/api/auth/[...nextauth].js', { framework: 'next-pages', route: '/api/auth/*' }],
    // Next.js middleware / proxy (Next 16)
    ['middleware.ts', { framework: 'next-middleware', route: null }],
    ['src/middleware.js', { framework: 'next-middleware', route: null }],
    ['proxy.ts', { framework: 'next-middleware', route: null }],
    // SvelteKit
    ['src/routes/api/users/[id]/+server.ts', { framework: 'sveltekit', route: '/api/users/:id' }],
    ['src/routes/+server.ts', { framework: 'sveltekit', route: '/' }],
    ['src/routes/(app)/api/+server.js', { framework: 'sveltekit', route: '/api' }],
    ['src/routes/files/[...rest]/+server.ts', { framework: 'sveltekit', route: '/files/*' }],
    // Astro endpoints
    ['src/pages/feed.xml.ts', { framework: 'astro', route: '/feed.xml' }],
    ['src/pages/index.ts', { framework: 'astro', route: '/' }],
    ['src/pages/users/[id].ts', { framework: 'astro', route: '/users/:id' }],
    // Remix / React Router flat routes
    ['app/routes/api.users.$id.ts', { framework: 'remix', route: '/api/users/:id' }],
    ['app/routes/_index.tsx', { framework: 'remix', route: '/' }],
    ['app/routes/_auth.login.tsx', { framework: 'remix', route: '/login' }],
    ['app/routes/users_.$id.edit.tsx', { framework: 'remix', route: '/users/:id/edit' }],
    // Not routes
    ['src/lib/cors.ts', null],
    ['src/lib/middleware.ts', null],
    ['app/page.tsx', null],
    ['app/api/users/helpers.ts', null],
    ['server/index.ts', null],
    ['src/pages/about.astro', null],
  ];
  for (const [file, expected] of cases) {
    it(`${file} → ${expected === null ? 'null' : `${expected.framework} ${String(expected.route)}`}`, () => {
      expect(fileRoute(file)).toEqual(expected);
    });
  }

  // Known src bugs: each is a shape the file conventions define, answered wrongly.
  it("app/route.ts (the root route handler) → next-app '/'", () => {
    expect(fileRoute('app/route.ts')).toEqual({ framework: 'next-app', route: '/' });
  });

  it('app/routes/api.webhook/route.ts (Remix folder route) → remix /api/webhook',
    () => {
      expect(fileRoute('app/routes/api.webhook/route.ts')).toEqual({ framework: 'remix', route: '/api/webhook' });
    },
  );

  it("src/routes/[[lang]]/api/+server.ts (SvelteKit optional parameter) → '/:lang/api'", () => {
    expect(fileRoute('src/routes/[[lang]]/api/+server.ts')).toEqual({ framework: 'sveltekit', route: '/:lang/api' });
  });
});

/** The handler info of the function whose text starts with `prefix`, without the `fn` node. */
function handlerOf(code: string, prefix: string, filename?: string): Omit<HandlerInfo, 'fn'> | null {
  return analyse(
    code,
    (probe) => {
      const info = probe.facts.handlers.handlerFor(probe.fn(prefix));
      return info && { framework: info.framework, confidence: info.confidence, route: info.route, method: info.method };
    },
    filename === undefined ? {} : { filename },
  );
}

/** The enclosing handler of the first call whose text starts with `callPrefix`. */
function enclosing(code: string, callPrefix: string, filename?: string): { info: Omit<HandlerInfo, 'fn'>; fnText: string } | null {
  return analyse(
    code,
    (probe) => {
      const call = firstCall(probe, callPrefix);
      const info = probe.facts.handlers.enclosingHandler(call);
      if (!info) return null;
      const { fn, ...rest } = info;
      return { info: rest, fnText: probe.sourceCode.getText(fn).split('\n')[0] ?? '' };
    },
    filename === undefined ? {} : { filename },
  );
}

function firstCall(probe: Probe, prefix: string): TSESTree.CallExpression {
  const call = probe
    .all()
    .find((node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression && probe.sourceCode.getText(node).startsWith(prefix));
  if (!call) throw new Error(`no call starting with ${prefix}`);
  return call;
}

describe('HandlerIndex.handlerFor: registrations on apps and routers', () => {
  it("Express: app.get('/users/:id', handler) on `const app = express()`", () => {
    const code = `import express from 'express';\nconst app = express();\napp.get('/users/:id', (req, res) => {\n  res.json({});\n});`;
    expect(handlerOf(code, '(req, res)')).toEqual({ framework: 'express', confidence: 'yes', route: '/users/:id', method: 'GET' });
  });

  it('Express through CommonJS, with middleware before the handler', () => {
    const code = `const express = require('express');\nconst app = express();\napp.post('/login', limiter, async function login(req, res) {});`;
    expect(handlerOf(code, 'async function login')).toEqual({
      framework: 'express',
      confidence: 'yes',
      route: '/login',
      method: 'POST',
    });
  });

  it('Express Router: express.Router() and a named Router import', () => {
    const code = [
      `import express, { Router } from 'express';`,
      `const router = express.Router();`,
      `const admin = Router();`,
      `router.delete('/items/:id', (req, res) => {});`,
      `admin.use((req, res, next) => next());`,
    ].join('\n');
    expect(handlerOf(code, '(req, res) => {}')).toEqual({
      framework: 'express',
      confidence: 'yes',
      route: '/items/:id',
      method: 'DELETE',
    });
    expect(handlerOf(code, '(req, res, next)')).toEqual({ framework: 'express', confidence: 'yes', route: null, method: 'USE' });
  });

  it('Express: app.all() answers any method (null)', () => {
    const code = `import express from 'express';\nconst app = express();\napp.all('/proxy', (req, res) => {});`;
    expect(handlerOf(code, '(req, res)')).toMatchObject({ route: '/proxy', method: null });
  });

  it('Fastify: app.get() and app.route({ url, handler })', () => {
    const code = [
      `import Fastify from 'fastify';`,
      `const app = Fastify({ logger: true });`,
      `app.get('/health', async (request, reply) => ({ ok: true }));`,
      `app.route({ method: 'POST', url: '/orders', handler: async function create(request, reply) {} });`,
    ].join('\n');
    expect(handlerOf(code, 'async (request, reply)')).toEqual({
      framework: 'fastify',
      confidence: 'yes',
      route: '/health',
      method: 'GET',
    });
    expect(handlerOf(code, 'async function create')).toEqual({
      framework: 'fastify',
      confidence: 'yes',
      route: '/orders',
      method: null,
    });
  });

  it('Hono: `new Hono()` and its verbs', () => {
    const code = `import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/api/items', async (c) => c.json({}));`;
    expect(handlerOf(code, 'async (c)')).toEqual({ framework: 'hono', confidence: 'yes', route: '/api/items', method: 'POST' });
  });

  it('Koa: @koa/router', () => {
    const code = `import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/k', async (ctx) => {\n  ctx.body = 'ok';\n});`;
    expect(handlerOf(code, 'async (ctx)')).toEqual({ framework: 'koa', confidence: 'yes', route: '/k', method: 'GET' });
  });

  it('Koa: app.use(middleware) on `new Koa()`', () => {
    const code = `import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx, next) => {\n  await next();\n});`;
    expect(handlerOf(code, 'async (ctx, next)')).toEqual({ framework: 'koa', confidence: 'yes', route: null, method: 'USE' });
  });

  it("an unknown receiver with a route string is an 'unknown'-confidence handler, never 'yes'", () => {
    const code = `export function mount(server) {\n  server.get('/x', (req, res) => {});\n}`;
    expect(handlerOf(code, '(req, res)')).toEqual({ framework: 'express', confidence: 'unknown', route: '/x', method: 'GET' });
  });

  it('a callback that is not registered anywhere is not a handler', () => {
    const code = `import express from 'express';\nconst app = express();\nconst ids = [1, 2].map((id) => id * 2);\nfunction helper(req, res) {}`;
    expect(handlerOf(code, '(id)')).toBeNull();
    expect(handlerOf(code, 'function helper')).toBeNull();
  });
});

describe('HandlerIndex.handlerFor: NestJS controllers', () => {
  const code = [
    `import { Controller, Get, Post, Delete } from '@nestjs/common';`,
    `@Controller('users')`,
    `export class UsersController {`,
    `  @Post(':id/invite')`,
    `  invite() {}`,
    `  @Get()`,
    `  list() {}`,
    `  helper() {}`,
    `}`,
    `@Controller({ path: '/admin/' })`,
    `export class AdminController {`,
    `  @Delete('/sessions/:sid/')`,
    `  revoke() {}`,
    `}`,
  ].join('\n');

  it('joins the controller path and the method path', () => {
    analyse(code, (probe) => {
      const method = (name: string): TSESTree.FunctionExpression => {
        const definition = probe
          .all()
          .find(
            (node): node is TSESTree.MethodDefinition =>
              node.type === AST_NODE_TYPES.MethodDefinition &&
              node.key.type === AST_NODE_TYPES.Identifier &&
              node.key.name === name,
          );
        if (!definition) throw new Error(`no method ${name}`);
        return definition.value as TSESTree.FunctionExpression;
      };
      const { handlers } = probe.facts;
      expect(handlers.handlerFor(method('invite'))).toMatchObject({ framework: 'nestjs', confidence: 'yes', route: '/users/:id/invite', method: 'POST' });
      expect(handlers.handlerFor(method('list'))).toMatchObject({ route: '/users', method: 'GET' });
      expect(handlers.handlerFor(method('revoke'))).toMatchObject({ route: '/admin/sessions/:sid', method: 'DELETE' });
      expect(handlers.handlerFor(method('helper'))).toBeNull();
    });
  });

  it('a class method parsed by espree (no decorators property at all) is not a handler, and does not throw', () => {
    const plain = `export class WebhookController {\n  handle(request) { return request.body; }\n}`;
    analyse(
      plain,
      (probe) => {
        const handle = probe.all().find((node): node is TSESTree.MethodDefinition => node.type === AST_NODE_TYPES.MethodDefinition);
        expect(handle).toBeDefined();
        expect(handle && probe.facts.handlers.handlerFor(handle.value as TSESTree.FunctionExpression)).toBeNull();
      },
      { tier: 'espree', filename: 'app/api/webhooks/controller.js' },
    );
  });

  it('decorators with the same names from another module are not NestJS', () => {
    const other = code.replace(`from '@nestjs/common'`, `from './decorators'`);
    analyse(other, (probe) => {
      const invite = probe.all().find((node): node is TSESTree.MethodDefinition => node.type === AST_NODE_TYPES.MethodDefinition);
      expect(invite && probe.facts.handlers.handlerFor(invite.value as TSESTree.FunctionExpression)).toBeNull();
    });
  });
});

describe('HandlerIndex.handlerFor: file conventions', () => {
  it('Next.js App Router: exported GET/POST functions and consts in app/**/route.ts', () => {
    const code = `export async function GET(request) {}\nexport const POST = async (request) => {};\nexport function helper() {}`;
    const file = 'app/api/projects/[id]/route.ts';
    expect(handlerOf(code, 'async function GET', file)).toEqual({
      framework: 'next-app',
      confidence: 'yes',
      route: '/api/projects/:id',
      method: 'GET',
    });
    expect(handlerOf(code, 'async (request)', file)).toMatchObject({ framework: 'next-app', method: 'POST' });
    expect(handlerOf(code, 'function helper', file)).toBeNull();
  });

  it('the same exports outside a route file are not handlers', () => {
    expect(handlerOf(`export async function GET(request) {}`, 'async function GET', 'lib/api.ts')).toBeNull();
  });

  it('Next.js App Router: `export { handler as GET, handler as POST }`', () => {
    const code = `const handler = async (request) => new Response('ok');\nexport { handler as GET, handler as POST };`;
    expect(handlerOf(code, 'async (request)', 'app/api/auth/[...nextauth]/route.ts')).toMatchObject({
      framework: 'next-app',
      route: '/api/auth/*',
    });
  });

  it('Next.js Pages: the default export of pages/api/*', () => {
    const file = 'pages/api/hello.ts';
    expect(handlerOf(`export default function handler(req, res) {}`, 'function handler', file)).toEqual({
      framework: 'next-pages',
      confidence: 'yes',
      route: '/api/hello',
      method: null,
    });
    expect(handlerOf(`export default async (req, res) => {};`, 'async (req, res)', file)).toMatchObject({
      framework: 'next-pages',
    });
  });

  it('Next.js Pages: `const handler = ...; export default handler`', () => {
    const code = `const handler = async (req, res) => {\n  res.status(200).json({});\n};\nexport default handler;`;
    expect(handlerOf(code, 'async (req, res)', 'pages/api/hello.ts')).toMatchObject({ framework: 'next-pages', route: '/api/hello' });
  });

  it('Next.js middleware: `export function middleware` and the default export', () => {
    expect(handlerOf(`export function middleware(request) {}`, 'function middleware', 'middleware.ts')).toEqual({
      framework: 'next-middleware',
      confidence: 'yes',
      route: null,
      method: 'USE',
    });
    expect(handlerOf(`export default function proxy(request) {}`, 'function proxy', 'proxy.ts')).toMatchObject({
      framework: 'next-middleware',
    });
  });

  it('SvelteKit: exported verbs in +server.ts', () => {
    const code = `export const GET = async ({ request }) => new Response('ok');`;
    expect(handlerOf(code, 'async ({ request })', 'src/routes/api/me/+server.ts')).toEqual({
      framework: 'sveltekit',
      confidence: 'yes',
      route: '/api/me',
      method: 'GET',
    });
  });

  it('Astro: exported verbs in src/pages endpoints, ALL for any method', () => {
    const code = `export const GET = ({ request }) => new Response('ok');\nexport const ALL = () => new Response('ok');`;
    expect(handlerOf(code, '({ request })', 'src/pages/feed.json.ts')).toMatchObject({ framework: 'astro', route: '/feed.json', method: 'GET' });
    expect(handlerOf(code, '() =>', 'src/pages/feed.json.ts')).toMatchObject({ framework: 'astro', method: null });
  });

  it('Remix / React Router: action is POST, loader is GET', () => {
    const code = `export async function action({ request }) {}\nexport const loader = async () => null;`;
    expect(handlerOf(code, 'async function action', 'app/routes/api.users.ts')).toEqual({
      framework: 'remix',
      confidence: 'yes',
      route: '/api/users',
      method: 'POST',
    });
    expect(handlerOf(code, 'async () => null', 'app/routes/api.users.ts')).toMatchObject({ framework: 'remix', method: 'GET' });
  });
});

describe('HandlerIndex.handlerFor: server entry points', () => {
  it('Cloudflare Workers: `export default { fetch }`, also with `satisfies`', () => {
    const code = `export default {\n  async fetch(request, env, ctx) {\n    return new Response('ok');\n  },\n};`;
    expect(handlerOf(code, '(request, env, ctx)')).toEqual({
      framework: 'cloudflare-workers',
      confidence: 'yes',
      route: null,
      method: null,
    });
    const satisfies = `export default {\n  fetch: async (request) => new Response('ok'),\n} satisfies ExportedHandler;`;
    expect(handlerOf(satisfies, 'async (request)')).toMatchObject({ framework: 'cloudflare-workers' });
  });

  it('an object with a fetch method that is not the default export is not a Worker', () => {
    const code = `export const client = {\n  async fetch(url) {\n    return null;\n  },\n};`;
    expect(handlerOf(code, '(url)')).toBeNull();
  });

  it('Deno.serve(handler) and Deno.serve(options, handler)', () => {
    expect(handlerOf(`Deno.serve(async (req) => new Response('ok'));`, 'async (req)')).toEqual({
      framework: 'deno',
      confidence: 'yes',
      route: null,
      method: null,
    });
    expect(handlerOf(`Deno.serve({ port: 8000 }, (req) => new Response('ok'));`, '(req)')).toMatchObject({ framework: 'deno' });
  });

  it("node:http createServer, by default or named import", () => {
    expect(handlerOf(`import http from 'node:http';\nhttp.createServer((req, res) => {});`, '(req, res)')).toMatchObject({
      framework: 'node-http',
    });
    expect(handlerOf(`import { createServer } from 'http';\ncreateServer((req, res) => {});`, '(req, res)')).toMatchObject({
      framework: 'node-http',
    });
  });
});

describe('HandlerIndex.enclosingHandler', () => {
  it('finds the handler from a node deep inside it, through nested callbacks', () => {
    const code = [
      `import express from 'express';`,
      `const app = express();`,
      `app.get('/users', async (req, res) => {`,
      `  const users = await db.query('select 1');`,
      `  users.forEach((user) => {`,
      `    res.setHeader('X-User', user.id);`,
      `  });`,
      `});`,
    ].join('\n');
    expect(enclosing(code, 'res.setHeader')).toEqual({
      info: { framework: 'express', confidence: 'yes', route: '/users', method: 'GET' },
      fnText: 'async (req, res) => {',
    });
  });

  it('answers null at module level and in plain functions', () => {
    const code = `import express from 'express';\nconst app = express();\nsetup();\nfunction helper() {\n  log('x');\n}`;
    expect(enclosing(code, 'setup()')).toBeNull();
    expect(enclosing(code, "log('x')")).toBeNull();
  });

  it('Next.js App Router: a node inside an exported GET', () => {
    const code = `export async function GET(request) {\n  return Response.json({}, { headers: { 'X-A': '1' } });\n}`;
    expect(enclosing(code, 'Response.json', 'app/api/status/route.ts')?.info).toEqual({
      framework: 'next-app',
      confidence: 'yes',
      route: '/api/status',
      method: 'GET',
    });
  });

  it('asking twice gives the very same answer (cached per function)', () => {
    const code = `import express from 'express';\nconst app = express();\napp.get('/x', (req, res) => {});`;
    analyse(code, (probe) => {
      const fn = probe.fn('(req, res)');
      expect(probe.facts.handlers.handlerFor(fn)).toBe(probe.facts.handlers.handlerFor(fn));
    });
  });
});

describe('HandlerIndex.routeOf', () => {
  /** The route of the first call whose text starts with `callPrefix`. */
  function routeOf(code: string, callPrefix: string, filename?: string): string | null {
    return analyse(code, (probe) => probe.facts.handlers.routeOf(firstCall(probe, callPrefix)), filename === undefined ? {} : { filename });
  }

  it("app.use('/public', cors()) → /public", () => {
    const code = `import express from 'express';\nimport cors from 'cors';\nconst app = express();\napp.use('/public', cors());`;
    expect(routeOf(code, 'cors()')).toBe('/public');
  });

  it("app.get('/api/items', cors(), handler) → /api/items, also for nodes inside the handler", () => {
    const code = [
      `import express from 'express';`,
      `import cors from 'cors';`,
      `const app = express();`,
      `const PREFIX = '/api';`,
      `app.get(\`\${PREFIX}/items\`, cors(), (req, res) => {`,
      `  res.setHeader('Access-Control-Allow-Origin', '*');`,
      `});`,
    ].join('\n');
    expect(routeOf(code, 'cors()')).toBe('/api/items');
    expect(routeOf(code, 'res.setHeader')).toBe('/api/items');
  });

  it('app.use(cors()) without a path has no route', () => {
    const code = `import express from 'express';\nimport cors from 'cors';\nconst app = express();\napp.use(cors());`;
    expect(routeOf(code, 'cors()')).toBeNull();
  });

  it('a NestJS method: the joined controller and method path', () => {
    const code = [
      `import { Controller, Get, Header } from '@nestjs/common';`,
      `@Controller('public')`,
      `export class StatusController {`,
      `  @Get('status')`,
      `  status() {`,
      `    return compute();`,
      `  }`,
      `}`,
    ].join('\n');
    expect(routeOf(code, 'compute()')).toBe('/public/status');
  });

  it('falls back to the route the file path implies', () => {
    const code = `export async function GET() {\n  return Response.json({ ok: true });\n}`;
    expect(routeOf(code, 'Response.json', 'app/api/public/status/route.ts')).toBe('/api/public/status');
    expect(routeOf(code, 'Response.json', 'lib/status.ts')).toBeNull();
  });
});
