/** What the CORS middlewares people use do, encoded from their sources and docs. */

/**
 * How a library reads its `origin` option:
 * - `node`: `cors` (Express/Connect, NestJS) and `@fastify/cors`: `true` reflects any origin,
 *   `'*'` sends the wildcard, a RegExp or array is an allowlist (array entries compared
 *   literally: `'*'` inside an array allows nothing), a function `(origin, callback)` decides;
 * - `hono`: a string, an array, or `(origin, c) => string | null` whose result is sent;
 * - `koa`: a string, or `(ctx) => string` whose result is sent.
 */
export type CorsOptionStyle = 'hono' | 'koa' | 'node';

export interface CorsLibrary {
  readonly source: string;
  /** The export that is called (`[]` for the default export). */
  readonly path: readonly string[];
  /** How the middleware is installed: called (`cors(options)`) or registered (`app.register(cors, options)`). */
  readonly install: 'call' | 'register';
  readonly style: CorsOptionStyle;
  /**
   * With `credentials: true`, a wildcard (given or default) is replaced by the request's own
   * origin: `@koa/cors` 5 does `if (credentials && origin === '*') origin = requestOrigin`.
   */
  readonly credentialsReflectWildcard?: true;
}

/**
 * Every one of these defaults to `Access-Control-Allow-Origin: *` when no `origin` is given
 * (`@koa/cors` since 5.0.0; before it reflected the request origin, CVE-2023-49803).
 */
export const CORS_LIBRARIES: readonly CorsLibrary[] = [
  { source: 'cors', path: [], install: 'call', style: 'node' },
  { source: '@fastify/cors', path: [], install: 'register', style: 'node' },
  { source: 'fastify-cors', path: [], install: 'register', style: 'node' },
  { source: 'hono/cors', path: ['cors'], install: 'call', style: 'hono' },
  { source: '@koa/cors', path: [], install: 'call', style: 'koa', credentialsReflectWildcard: true },
  { source: 'koa2-cors', path: [], install: 'call', style: 'koa' },
];

/**
 * Constructors whose options carry a `cors` object in the `cors` package's semantics. Unlike the
 * middlewares above, Socket.IO sends no CORS headers when `cors` is absent, so only an explicit
 * `cors` option is checked.
 */
export const CORS_OPTION_CONSTRUCTORS: readonly { readonly source: string; readonly path: readonly string[] }[] = [
  { source: 'socket.io', path: ['Server'] },
  { source: 'socket.io', path: [] },
];

export const ALLOW_ORIGIN = 'access-control-allow-origin';
export const ALLOW_CREDENTIALS = 'access-control-allow-credentials';

/** Methods that set a response header from a name and a value, across frameworks. */
export const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);

/** Methods that set response headers from an object. */
export const HEADER_OBJECT_SETTERS = new Set(['set', 'header', 'headers', 'setHeaders', 'writeHead']);

/** h3 (Nuxt/Nitro) functions: `setResponseHeader(event, name, value)`, `setResponseHeaders(event, object)`. */
export const H3_HEADER_SETTERS = new Set(['setResponseHeader', 'appendResponseHeader', 'setHeader', 'appendHeader']);
export const H3_HEADERS_SETTERS = new Set(['setResponseHeaders', 'appendResponseHeaders', 'setHeaders']);

/** Modules whose `json(data, init)` / `data()` / `redirect(url, init)` helpers build a Response. */
export const RESPONSE_HELPER_MODULES = [
  '@remix-run/node',
  '@remix-run/cloudflare',
  '@remix-run/deno',
  '@remix-run/server-runtime',
  'react-router',
  '@sveltejs/kit',
];

/** Calls that send a request: headers set on their init belong to the request, not a response. */
export const REQUEST_SENDERS = new Set(['fetch', 'Request', 'axios', 'ky', 'got', 'ofetch', '$fetch', 'request']);
