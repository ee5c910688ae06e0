/** Declarative facts about server frameworks, used by the handler and route analysis. */

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Methods that register a route or middleware on an app/router instance, lower-case. */
export const ROUTE_REGISTRATION_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'options',
  'head',
  'all',
  'use',
  'on',
  'route',
  // @hono/zod-openapi: app.openapi(createRoute({ method: 'post', path: '/webhook' }), handler).
  'openapi',
]);

/**
 * How an app or router instance is created, by module: the export path called (or constructed)
 * and the framework it belongs to. `[]` is the default export (or the whole CommonJS module).
 */
export const APP_FACTORIES: readonly {
  readonly source: string;
  readonly path: readonly string[];
  readonly framework: 'express' | 'fastify' | 'hono' | 'koa';
}[] = [
  { source: 'express', path: [], framework: 'express' },
  { source: 'express', path: ['Router'], framework: 'express' },
  { source: 'fastify', path: [], framework: 'fastify' },
  { source: 'fastify', path: ['fastify'], framework: 'fastify' },
  { source: 'hono', path: ['Hono'], framework: 'hono' },
  { source: 'hono/tiny', path: ['Hono'], framework: 'hono' },
  { source: 'hono/quick', path: ['Hono'], framework: 'hono' },
  { source: '@hono/zod-openapi', path: ['OpenAPIHono'], framework: 'hono' },
  { source: 'koa', path: [], framework: 'koa' },
  { source: '@koa/router', path: [], framework: 'koa' },
  { source: 'koa-router', path: [], framework: 'koa' },
];

/** Type names (with type information) of app and router instances. */
export const APP_TYPE_NAMES = new Set([
  'Express',
  'Application',
  'Router',
  'FastifyInstance',
  'Hono',
  'OpenAPIHono',
  'Koa',
  'KoaRouter',
]);

/** Decorators of NestJS controllers' route methods (`@nestjs/common`). */
export const NEST_ROUTE_DECORATORS: Readonly<Record<string, string>> = {
  Get: 'GET',
  Post: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
  Head: 'HEAD',
  Options: 'OPTIONS',
  All: 'ALL',
};
