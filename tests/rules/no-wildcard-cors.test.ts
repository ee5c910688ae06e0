import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { computedFileFacts, peekFileFacts } from '../../src/analysis/file-facts.js';
import rule from '../../src/rules/no-wildcard-cors.js';
import { costProbe } from '../cost-probe.js';
import { TYPED_ROOT, javascriptTester, typedTester, typescriptTester } from '../testers.js';

const STRICT = [{ checkAllowlists: true }] as const;

/**
 * `strict`'s `reportPublicContent`: a wildcard or reflected origin, without credentials, on a
 * response of a route that reads no credentials is public content, reported only in strict.
 */
const PUBLIC = [{ reportPublicContent: true }] as const;

describe('plain JavaScript (espree)', () => {
  javascriptTester().run('no-wildcard-cors', rule, {
    valid: [
      {
        name: 'express cors with an explicit allowlist',
        code: `
          import express from 'express';
          import cors from 'cors';
          const app = express();
          app.use(cors({ origin: ['https://app.example.com', 'https://admin.example.com'], credentials: true }));
        `,
      },
      {
        name: 'cors origin read from configuration is not knowable: silent',
        code: `
          const cors = require('cors');
          app.use(cors({ origin: config.allowedOrigins, credentials: true }));
        `,
      },
      {
        name: 'env-driven allowlist split from a variable',
        code: `
          import cors from 'cors';
          app.use(cors({ origin: process.env.ALLOWED_ORIGINS.split(',') }));
        `,
      },
      {
        name: "an array entry '*' is compared literally by the cors package and allows nothing",
        code: `
          import cors from 'cors';
          app.use(cors({ origin: ['*'] }));
        `,
      },
      {
        name: 'origin callback that checks an allowlist (and lets non-browser requests through)',
        code: `
          import cors from 'cors';
          const allowed = new Set(['https://app.example.com']);
          app.use(cors({
            origin(origin, callback) {
              if (!origin) return callback(null, true);
              if (allowed.has(origin)) return callback(null, true);
              callback(new Error('Not allowed by CORS'));
            },
            credentials: true,
          }));
        `,
      },
      {
        name: 'origin callback passing the result of the check',
        code: `
          import cors from 'cors';
          app.use(cors({ origin: (origin, cb) => cb(null, allowlist.includes(origin)) }));
        `,
      },
      {
        name: 'a local function named cors is not the cors package',
        code: `
          function cors() { return (req, res, next) => next(); }
          app.use(cors());
        `,
      },
      {
        name: 'a parameter shadowing the import is not the cors package',
        code: `
          import cors from 'cors';
          export function install(app, cors) { app.use(cors()); }
        `,
      },
      {
        name: 'cors() inside a development-only branch',
        code: `
          import cors from 'cors';
          if (process.env.NODE_ENV !== 'production') {
            app.use(cors());
          }
        `,
      },
      {
        name: 'development-only ternary for the origin',
        code: `
          import cors from 'cors';
          app.use(cors({ origin: process.env.NODE_ENV === 'development' ? '*' : ['https://app.example.com'] }));
        `,
      },
      {
        name: 'reflected origin after an allowlist check',
        code: `
          const ALLOWED = ['https://app.example.com'];
          app.use((req, res, next) => {
            const origin = req.headers.origin;
            if (origin && ALLOWED.includes(origin)) {
              res.setHeader('Access-Control-Allow-Origin', origin);
              res.setHeader('Access-Control-Allow-Credentials', 'true');
            }
            next();
          });
        `,
      },
      {
        name: 'reflected origin after an early return for unknown origins',
        code: `
          export async function GET(request) {
            const origin = request.headers.get('origin');
            if (!allowedOrigins.has(origin)) return new Response('Forbidden', { status: 403 });
            return new Response('ok', { headers: { 'Access-Control-Allow-Origin': origin } });
          }
        `,
      },
      {
        name: 'a specific origin in a header',
        code: `
          res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
          res.setHeader('Access-Control-Allow-Credentials', 'true');
        `,
      },
      {
        name: 'client code sending the header on a request is harmless',
        code: `
          await fetch('/api/data', { headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' } });
          const headers = new Headers({ 'Access-Control-Allow-Origin': '*' });
          await fetch('/api/other', { headers });
          axios.defaults.headers.common['Access-Control-Allow-Origin'] = '*';
        `,
      },
      {
        name: "a 'use client' module is browser code",
        code: `
          'use client';
          const headers = new Headers();
          headers.set('Access-Control-Allow-Origin', '*');
        `,
      },
      {
        name: 'a file that never mentions CORS is skipped',
        code: `res.setHeader('Content-Type', 'application/json'); new Response('x', { headers: { 'X-Frame-Options': 'DENY' } });`,
      },
      {
        name: 'wildcard on a configured public path',
        code: `
          import cors from 'cors';
          app.use('/api/public', cors());
          app.get('/health', cors(), (req, res) => res.send('ok'));
        `,
        options: [{ allowedPublicPaths: ['/api/public', '/health'] }],
      },
      {
        name: 'header wildcard inside a handler on a configured public path',
        code: `
          import express from 'express';
          const app = express();
          app.get('/api/public/prices', (req, res) => {
            res.set('Access-Control-Allow-Origin', '*');
            res.json(prices);
          });
        `,
        options: [{ allowedPublicPaths: ['/api/public/**'] }],
      },
      {
        name: "a '/**' public path also covers its base path",
        code: `
          import cors from 'cors';
          app.use('/api/public', cors());
        `,
        options: [{ allowedPublicPaths: ['/api/public/**'] }],
      },
      {
        name: 'a let binding that is reassigned is not followed',
        code: `
          import cors from 'cors';
          let corsOptions = { origin: '*' };
          if (process.env.ALLOWED) corsOptions = { origin: process.env.ALLOWED.split(',') };
          app.use(cors(corsOptions));
        `,
      },
      {
        name: 'anchored regex allowlist (strict)',
        code: String.raw`
          import cors from 'cors';
          app.use(cors({ origin: [/^https:\/\/([a-z0-9-]+\.)?example\.com$/, 'https://partner.io'] }));
        `,
        options: STRICT,
      },
      {
        name: 'endsWith with the leading dot (strict)',
        code: `
          import cors from 'cors';
          app.use(cors({ origin: (origin, cb) => cb(null, !origin || origin === 'https://example.com' || origin.endsWith('.example.com')) }));
        `,
        options: STRICT,
      },
      {
        name: 'weak checks are not reported without checkAllowlists',
        code: `
          import cors from 'cors';
          app.use(cors({ origin: /example.com/ }));
        `,
      },
      {
        name: 'koa cors with a checking origin function',
        code: `
          import Koa from 'koa';
          import cors from '@koa/cors';
          const app = new Koa();
          app.use(cors({ origin: (ctx) => (ALLOWED.includes(ctx.get('Origin')) ? ctx.get('Origin') : '') }));
        `,
      },
      {
        name: 'hono cors with an allowlist function',
        code: `
          import { Hono } from 'hono';
          import { cors } from 'hono/cors';
          const app = new Hono();
          app.use('/api/*', cors({ origin: (origin) => (origin.endsWith('.example.com') ? origin : 'https://example.com') }));
        `,
      },
      {
        name: 'fastify register with an allowlist',
        code: `
          import Fastify from 'fastify';
          import cors from '@fastify/cors';
          const fastify = Fastify();
          await fastify.register(cors, { origin: ['https://app.example.com'], credentials: true });
        `,
      },
      {
        name: 'cors options spread from an unknown object: the default cannot be assumed',
        code: `
          import cors from 'cors';
          export const middleware = (options) => cors({ ...options, credentials: true });
        `,
      },
      {
        name: 'Socket.IO server with an explicit origin list, and without cors (same-origin only)',
        code: `
          import { Server } from 'socket.io';
          const io = new Server(httpServer, { cors: { origin: ['https://app.example.com'], credentials: true } });
          const internal = new Server(3001);
        `,
      },
      {
        name: 'serverless response with a specific origin',
        code: `
          export const handler = async (event) => ({
            statusCode: 200,
            headers: { 'Access-Control-Allow-Origin': 'https://app.example.com' },
            body: JSON.stringify({ ok: true }),
          });
        `,
      },
      {
        name: 'register of another plugin',
        code: `
          import helmet from '@fastify/helmet';
          import cors from '@fastify/cors';
          await app.register(helmet);
          await app.register(cors, { origin: 'https://app.example.com' });
        `,
      },
    ],
    invalid: [
      {
        name: 'express cors() with no options',
        code: `
          import express from 'express';
          import cors from 'cors';
          const app = express();
          app.use(cors());
        `,
        errors: [{ messageId: 'defaultWildcard', line: 5, column: 19, endLine: 5, endColumn: 25 }],
      },
      {
        name: "CommonJS require and origin: '*'",
        code: `
          const cors = require('cors');
          app.use(cors({ origin: '*' }));
        `,
        errors: [{ messageId: 'wildcard', line: 3, column: 26 }],
      },
      {
        name: 'options object without origin falls back to the default',
        code: `
          import cors from 'cors';
          app.use(cors({ methods: ['GET', 'POST'], maxAge: 600 }));
        `,
        errors: [{ messageId: 'defaultWildcard', line: 3, column: 19 }],
      },
      {
        name: 'origin: true reflects every origin, with credentials',
        code: `
          import cors from 'cors';
          router.use(cors({ origin: true, credentials: true }));
        `,
        errors: [{ messageId: 'anyOriginWithCredentials', line: 3, column: 29 }],
      },
      {
        name: 'origin: true without credentials',
        code: `
          import cors from 'cors';
          app.use(cors({ origin: true }));
        `,
        errors: [{ messageId: 'anyOrigin', line: 3, column: 26 }],
      },
      {
        name: 'accept-everything regex',
        code: `
          import cors from 'cors';
          app.use(cors({ origin: /.*/ }));
        `,
        errors: [{ messageId: 'anyOrigin', line: 3, column: 26 }],
      },
      {
        name: 'origin callback that allows everything',
        code: `
          import cors from 'cors';
          app.use(cors({ origin: (origin, callback) => callback(null, true), credentials: true }));
        `,
        errors: [{ messageId: 'anyOriginWithCredentials', line: 3, column: 26 }],
      },
      {
        name: 'origin callback reflecting the origin after a presence test only',
        code: `
          import cors from 'cors';
          const corsOptions = {
            origin: function (origin, callback) {
              if (!origin) return callback(null, true);
              callback(null, origin);
            },
          };
          app.use(cors(corsOptions));
        `,
        errors: [{ messageId: 'anyOrigin', line: 4, column: 13 }],
      },
      {
        name: 'env value falling back to the wildcard',
        code: `
          import cors from 'cors';
          app.use(cors({ origin: process.env.CORS_ORIGIN || '*' }));
          app.use(cors({ origin: process.env.FRONTEND_URL ?? '*' }));
        `,
        errors: [
          { messageId: 'wildcardFallback', line: 3, column: 26 },
          { messageId: 'wildcardFallback', line: 4, column: 26 },
        ],
      },
      {
        name: 'origin from a const chain',
        code: `
          import cors from 'cors';
          const ANY = '*';
          const ORIGIN = ANY;
          const options = { origin: ORIGIN, methods: 'GET' };
          app.use(cors(options));
        `,
        errors: [{ messageId: 'wildcard', line: 5, column: 29 }],
      },
      {
        name: 'renamed and namespace imports',
        code: `
          import { default as makeCors } from 'cors';
          import * as corsNs from 'cors';
          app.use(makeCors());
          app.use(corsNs.default({ origin: '*' }));
        `,
        errors: [
          { messageId: 'defaultWildcard', line: 4, column: 19 },
          { messageId: 'wildcard', line: 5, column: 36 },
        ],
      },
      {
        name: 'fastify register with no options and with origin: true',
        code: `
          import Fastify from 'fastify';
          import fastifyCors from '@fastify/cors';
          const app = Fastify();
          await app.register(fastifyCors);
          await app.register(require('@fastify/cors'), { origin: true, credentials: true });
        `,
        errors: [
          { messageId: 'defaultWildcard', line: 5, column: 17 },
          { messageId: 'anyOriginWithCredentials', line: 6, column: 58 },
        ],
      },
      {
        name: 'fastify register through a dynamic import',
        code: `
          await app.register(import('@fastify/cors'), { origin: '*' });
        `,
        errors: [{ messageId: 'wildcard', line: 2, column: 57 }],
      },
      {
        name: 'hono cors() default and a reflecting origin function',
        code: `
          import { Hono } from 'hono';
          import { cors } from 'hono/cors';
          const app = new Hono();
          app.use('*', cors());
          app.use('/api/*', cors({ origin: (origin) => origin, credentials: true }));
        `,
        errors: [
          { messageId: 'defaultWildcard', line: 5, column: 24 },
          { messageId: 'anyOriginWithCredentials', line: 6, column: 36 },
        ],
      },
      {
        name: 'koa cors default and reflecting the request origin',
        code: `
          import Koa from 'koa';
          import cors from '@koa/cors';
          const app = new Koa();
          app.use(cors());
          app.use(cors({ origin: (ctx) => ctx.get('Origin'), credentials: true }));
        `,
        errors: [
          { messageId: 'defaultWildcard', line: 5, column: 19 },
          { messageId: 'anyOriginWithCredentials', line: 6, column: 26 },
        ],
      },
      {
        name: 'express res.setHeader / res.header / res.set with a wildcard (case-insensitive names)',
        options: PUBLIC,
        code: `
          app.use((req, res, next) => {
            res.setHeader('Access-Control-Allow-Origin', '*');
            res.header('access-control-allow-origin', '*');
            res.set({ 'ACCESS-CONTROL-ALLOW-ORIGIN': '*', 'Access-Control-Allow-Methods': 'GET' });
            next();
          });
        `,
        errors: [
          { messageId: 'wildcard', line: 3, column: 58 },
          { messageId: 'wildcard', line: 4, column: 55 },
          { messageId: 'wildcard', line: 5, column: 23 },
        ],
      },
      {
        name: 'credentials header in the same handler escalates the wildcard',
        code: `
          app.use((req, res, next) => {
            res.setHeader('Access-Control-Allow-Credentials', 'true');
            res.setHeader('Access-Control-Allow-Origin', '*');
            next();
          });
        `,
        errors: [{ messageId: 'wildcardWithCredentials', line: 4, column: 58 }],
      },
      {
        name: 'reflected origin: Node, Express and Koa styles',
        options: PUBLIC,
        code: `
          function allowAll(req, res, next) {
            res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
            next();
          }
          function allowAll2(req, res) {
            const { origin } = req.headers;
            res.header('Access-Control-Allow-Origin', origin);
          }
          function allowAll3(req, res) {
            res.set('Access-Control-Allow-Origin', req.get('origin') || '*');
          }
          app.use(async (ctx, next) => {
            ctx.set('Access-Control-Allow-Origin', ctx.request.header.origin);
            ctx.set('Access-Control-Allow-Credentials', 'true');
            await next();
          });
        `,
        errors: [
          { messageId: 'reflectedOrigin', line: 3, column: 58 },
          { messageId: 'reflectedOrigin', line: 8, column: 55 },
          { messageId: 'reflectedOrigin', line: 11, column: 52 },
          { messageId: 'anyOriginWithCredentials', line: 14, column: 52 },
        ],
      },
      {
        name: 'reflected origin guarded only by a presence check',
        options: PUBLIC,
        code: `
          function handler(req, res) {
            const origin = req.headers['origin'];
            if (origin) {
              res.setHeader('Access-Control-Allow-Origin', origin);
            }
          }
        `,
        errors: [{ messageId: 'reflectedOrigin', line: 5, column: 60 }],
      },
      {
        name: 'Fetch-style reflection in a route handler',
        code: `
          export async function POST(request) {
            const origin = request.headers.get('origin');
            return Response.json({ ok: true }, {
              headers: { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' },
            });
          }
        `,
        errors: [{ messageId: 'anyOriginWithCredentials', line: 5, column: 26 }],
      },
      {
        name: 'new Response / new Headers / headers.set with a wildcard',
        options: PUBLIC,
        code: `
          export default {
            async fetch(request, env) {
              const headers = new Headers({ 'Access-Control-Allow-Origin': '*' });
              const res = new Response('ok', { headers: { 'Access-Control-Allow-Origin': '*' } });
              res.headers.set('Access-Control-Allow-Origin', '*');
              return res;
            },
          };
        `,
        errors: [
          { messageId: 'wildcard', line: 4, column: 45 },
          { messageId: 'wildcard', line: 5, column: 59 },
          { messageId: 'wildcard', line: 6, column: 62 },
        ],
      },
      {
        name: 'a corsHeaders constant spread into a response (Supabase snippet)',
        options: PUBLIC,
        code: `
          const corsHeaders = {
            'Access-Control-Allow-Origin': '*',
            'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type',
          };
          Deno.serve(async (req) => {
            if (req.method === 'OPTIONS') return new Response('ok', { headers: corsHeaders });
            return new Response(JSON.stringify({ ok: true }), {
              headers: { ...corsHeaders, 'Content-Type': 'application/json' },
            });
          });
        `,
        // One grant, used by two responses: one report, at the header object's declaration.
        errors: [{ messageId: 'wildcard', line: 3, column: 44, data: { source: 'The CORS header in `corsHeaders`' } }],
      },
      {
        name: "Supabase's corsHeaders from @supabase/supabase-js/cors (npm: and jsr: specifiers)",
        options: PUBLIC,
        code: `
          import { corsHeaders } from 'npm:@supabase/supabase-js@2/cors';
          Deno.serve(() => new Response('ok', { headers: { ...corsHeaders } }));
        `,
        errors: [{ messageId: 'wildcard', line: 3, column: 60 }],
      },
      {
        name: 'corsHeaders imported from another module of the project',
        code: `
          import { corsHeaders } from './shared/cors';
          export async function GET() {
            return new Response('{}', { headers: { ...corsHeaders, 'Content-Type': 'application/json' } });
          }
        `,
        filename: path.join(TYPED_ROOT, 'handler.js'),
        errors: [{ messageId: 'wildcard', line: 4, column: 52 }],
      },
      {
        name: 'env fallback in a header value',
        options: PUBLIC,
        code: `
          res.setHeader('Access-Control-Allow-Origin', process.env.CORS_ORIGIN || '*');
        `,
        errors: [{ messageId: 'wildcardFallback', line: 2, column: 56 }],
      },
      {
        name: 'node http writeHead with a headers object',
        options: PUBLIC,
        code: `
          import http from 'node:http';
          http.createServer((req, res) => {
            res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
            res.end('{}');
          });
        `,
        errors: [{ messageId: 'wildcard', line: 4, column: 70 }],
      },
      {
        name: 'next.config headers() with a wildcard and credentials',
        code: `
          module.exports = {
            async headers() {
              return [{
                source: '/api/:path*',
                headers: [
                  { key: 'Access-Control-Allow-Credentials', value: 'true' },
                  { key: 'Access-Control-Allow-Origin', value: '*' },
                ],
              }];
            },
          };
        `,
        filename: 'next.config.js',
        errors: [{ messageId: 'wildcardWithCredentials', line: 8, column: 19 }],
      },
      {
        name: 'SvelteKit setHeaders and h3 setResponseHeader',
        code: `
          import { setResponseHeader } from 'h3';
          export const GET = ({ setHeaders }) => {
            setHeaders({ 'access-control-allow-origin': '*' });
            return new Response('ok');
          };
          export const handler = (event) => { setResponseHeader(event, 'Access-Control-Allow-Origin', '*'); };
        `,
        errors: [
          { messageId: 'wildcard', line: 4, column: 26 },
          { messageId: 'wildcard', line: 7, column: 103 },
        ],
      },
      {
        name: 'AWS Lambda / Netlify response object with a wildcard',
        options: PUBLIC,
        code: `
          const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type' };
          export const handler = async (event) => {
            const user = await getUser(event);
            return { statusCode: 200, headers: CORS, body: JSON.stringify(user) };
          };
        `,
        errors: [{ messageId: 'wildcard', line: 2, column: 57, data: { source: 'The CORS header in `CORS`' } }],
      },
      {
        name: 'Socket.IO cors with a wildcard and with a reflecting origin plus credentials',
        code: `
          const { Server } = require('socket.io');
          const io = new Server(server, { cors: { origin: '*' } });
          const io2 = new Server(server, { cors: { origin: true, credentials: true } });
        `,
        errors: [
          { messageId: 'wildcard', line: 3, column: 51 },
          { messageId: 'anyOriginWithCredentials', line: 4, column: 52 },
        ],
      },
      {
        name: 'headers returned by a local helper',
        options: PUBLIC,
        code: `
          function getCorsHeaders() {
            return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET' };
          }
          const jsonHeaders = () => ({ ...getCorsHeaders(), 'Content-Type': 'application/json' });
          export async function GET() {
            return Response.json(await listPlans(), { headers: getCorsHeaders() });
          }
          export async function POST() {
            return new Response('{}', { headers: jsonHeaders() });
          }
        `,
        // Two responses, one helper: one grant, reported where the helper writes the header.
        errors: [{ messageId: 'wildcard', line: 3, column: 53, data: { source: 'The CORS header in `getCorsHeaders()`' } }],
      },
      {
        name: 'corsHeaders re-exported through a barrel (named and star re-exports)',
        code: `
          import { sharedCorsHeaders, corsHeaders } from './shared/barrel';
          export const GET = () => new Response('ok', { headers: sharedCorsHeaders });
          export const POST = () => new Response('ok', { headers: { ...corsHeaders } });
        `,
        filename: path.join(TYPED_ROOT, 'barrel-user.js'),
        errors: [
          { messageId: 'wildcard', line: 3, column: 66 },
          { messageId: 'wildcard', line: 4, column: 69 },
        ],
      },
      {
        name: 'a let binding that is never reassigned is followed',
        code: `
          import cors from 'cors';
          let corsOptions = { origin: '*' };
          app.use(cors(corsOptions));
        `,
        errors: [{ messageId: 'wildcard', line: 3, column: 31 }],
      },
      {
        name: '@koa/cors with credentials turns the wildcard into a reflected origin',
        code: `
          import cors from '@koa/cors';
          app.use(cors({ credentials: true }));
          app.use(cors({ origin: '*', credentials: true }));
        `,
        errors: [
          { messageId: 'anyOriginWithCredentials', line: 3, column: 19 },
          { messageId: 'anyOriginWithCredentials', line: 4, column: 26 },
        ],
      },
      {
        name: 'the development branch of a ternary is reported when ignoreDevelopmentOnly is off',
        code: `
          import cors from 'cors';
          app.use(cors({ origin: isProduction ? ['https://app.example.com'] : '*' }));
        `,
        options: [{ ignoreDevelopmentOnly: false }],
        errors: [{ messageId: 'wildcard', line: 3, column: 26 }],
      },
      {
        name: 'the public-path opt-out never covers credentials',
        code: `
          import cors from 'cors';
          app.use('/api/public', cors({ origin: true, credentials: true }));
        `,
        options: [{ allowedPublicPaths: ['/api/public'] }],
        errors: [{ messageId: 'anyOriginWithCredentials', line: 3, column: 41 }],
      },
      {
        name: 'wildcard on a route outside the public paths',
        code: `
          import cors from 'cors';
          app.use('/api/account', cors());
        `,
        options: [{ allowedPublicPaths: ['/api/public/**'] }],
        errors: [{ messageId: 'defaultWildcard', line: 3, column: 35 }],
      },
      {
        name: 'development-only CORS is reported when ignoreDevelopmentOnly is off',
        code: `
          import cors from 'cors';
          if (process.env.NODE_ENV === 'development') app.use(cors());
        `,
        options: [{ ignoreDevelopmentOnly: false }],
        errors: [{ messageId: 'defaultWildcard', line: 3, column: 63 }],
      },
      {
        name: 'strict: unanchored and end-only-anchored regexes',
        code: String.raw`
          import cors from 'cors';
          app.use(cors({ origin: /example\.com$/ }));
          app.use(cors({ origin: [/^https:\/\/example\.com/, 'https://example.com'] }));
          app.use(cors({ origin: /^https:\/\/app.example\.com$/ }));
        `,
        options: STRICT,
        errors: [
          { messageId: 'weakAllowlist', line: 3, column: 34, data: { check: '`/example\\.com$/`', example: 'https://evilexample.com', fix: 'anchor the host: match a leading `^https://` or `\\.` before the domain' } },
          { messageId: 'weakAllowlist', line: 4, column: 35 },
          { messageId: 'weakAllowlist', line: 5, column: 34 },
        ],
      },
      {
        name: "strict: endsWith without the dot, includes, startsWith, and the 'null' origin",
        code: `
          import cors from 'cors';
          app.use(cors({ origin: (origin, cb) => cb(null, !origin || origin.endsWith('example.com')) }));
          app.use(cors({ origin: (origin, cb) => { if (origin.includes('example.com')) return cb(null, true); cb(new Error('CORS')); } }));
          app.use(cors({ origin: (origin, cb) => cb(null, origin.startsWith('https://example.com')) }));
          app.use(cors({ origin: ['https://app.example.com', 'null'] }));
        `,
        options: STRICT,
        errors: [
          { messageId: 'weakAllowlist', line: 3, column: 70, data: { check: "`origin.endsWith('example.com')`", example: 'https://evilexample.com', fix: "compare exact origins, or check `endsWith('.example.com')` and the apex origin separately" } },
          { messageId: 'weakAllowlist', line: 4, column: 56 },
          { messageId: 'weakAllowlist', line: 5, column: 59 },
          { messageId: 'nullOrigin', line: 6, column: 62 },
        ],
      },
      {
        name: 'strict: a weak check before reflecting the origin in a header',
        code: `
          function handler(req, res) {
            const origin = req.headers.origin;
            if (origin && origin.endsWith('example.com')) res.setHeader('Access-Control-Allow-Origin', origin);
          }
        `,
        options: STRICT,
        errors: [{ messageId: 'weakAllowlist', line: 4, column: 27 }],
      },
    ],
  });
});

describe('TypeScript without type information', () => {
  typescriptTester().run('no-wildcard-cors', rule, {
    valid: [
      {
        name: 'typed allowlist with satisfies and as const',
        code: `
          import cors, { type CorsOptions } from 'cors';
          const ORIGINS = ['https://app.example.com', 'https://admin.example.com'] as const;
          const options = { origin: [...ORIGINS], credentials: true } satisfies CorsOptions;
          app.use(cors(options));
        `,
      },
      {
        name: 'NestJS enableCors with an allowlist',
        code: `
          import { NestFactory } from '@nestjs/core';
          import { AppModule } from './app.module';
          async function bootstrap(): Promise<void> {
            const app = await NestFactory.create(AppModule);
            app.enableCors({ origin: ['https://app.example.com'], credentials: true });
            await app.listen(3000);
          }
        `,
      },
      {
        name: 'a Header decorator that is not NestJS, and NestJS @Header for another header',
        code: `
          import { Header } from './decorators';
          import { Controller, Get, Header as NestHeader } from '@nestjs/common';
          @Controller('x')
          export class X {
            @Header('Access-Control-Allow-Origin', '*')
            a() {}
            @Get() @NestHeader('Cache-Control', 'no-store')
            b() {}
          }
        `,
      },
      {
        name: 'this.enableCors() inside a class is an implementation of enableCors, not an app',
        code: `
          import { isObject } from '@nestjs/common/utils/shared.utils';
          import type { INestApplication } from '@nestjs/common';
          export abstract class BaseApplication {
            applyOptions(options: { cors?: unknown }) {
              if (!options.cors) return;
              return isObject(options.cors) ? this.enableCors(options.cors) : this.enableCors();
            }
            abstract enableCors(options?: unknown): void;
          }
        `,
      },
      {
        name: 'enableCors outside a NestJS file is not identified by name alone',
        code: `
          const server = createServer();
          server.enableCors();
        `,
      },
      {
        name: 'an imported constant through a path alias is unknown without types',
        code: `
          import { CORS_ORIGIN } from '@/shared/cors';
          res.setHeader('Access-Control-Allow-Origin', CORS_ORIGIN);
        `,
        filename: path.join(TYPED_ROOT, 'alias.ts'),
      },
      {
        name: 'Next.js middleware forwarding request headers (not a response header)',
        code: `
          import { NextResponse, type NextRequest } from 'next/server';
          export function middleware(request: NextRequest) {
            const requestHeaders = new Headers(request.headers);
            request.headers.set('Access-Control-Allow-Origin', '*');
            return NextResponse.next({ request: { headers: requestHeaders } });
          }
        `,
        filename: 'middleware.ts',
      },
      {
        name: 'Next.js route handler checking the origin against an env allowlist',
        code: `
          import { NextResponse, type NextRequest } from 'next/server';
          const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '').split(',');
          export async function GET(request: NextRequest) {
            const origin = request.headers.get('origin') ?? '';
            const isAllowed = allowedOrigins.includes(origin);
            return NextResponse.json({ ok: true }, {
              headers: isAllowed ? { 'Access-Control-Allow-Origin': origin } : {},
            });
          }
        `,
        filename: 'app/api/data/route.ts',
      },
    ],
    invalid: [
      {
        name: 'NestJS enableCors() and create({ cors: true })',
        code: `
          import { NestFactory } from '@nestjs/core';
          import type { NestExpressApplication } from '@nestjs/platform-express';
          async function bootstrap(): Promise<void> {
            const app = await NestFactory.create<NestExpressApplication>(AppModule, { cors: true });
            app.enableCors();
            app.enableCors({ origin: true, credentials: true });
          }
        `,
        errors: [
          { messageId: 'wildcard', line: 5, column: 93 },
          { messageId: 'defaultWildcard', line: 6, column: 13 },
          { messageId: 'anyOriginWithCredentials', line: 7, column: 30 },
        ],
      },
      {
        name: "NestJS @Header('Access-Control-Allow-Origin', '*') on a route method",
        options: PUBLIC,
        code: `
          import { Controller, Get, Header } from '@nestjs/common';
          @Controller('billing')
          export class BillingController {
            @Get('invoices')
            @Header('Access-Control-Allow-Origin', '*')
            list() { return this.billing.invoices(); }
          }
        `,
        errors: [{ messageId: 'wildcard', line: 6, column: 52 }],
      },
      {
        name: 'NestJS create with a cors options object',
        code: `
          import { NestFactory } from '@nestjs/core';
          const app = await NestFactory.create(AppModule, { cors: { origin: '*', methods: 'GET,POST' } });
        `,
        errors: [{ messageId: 'wildcard', line: 3, column: 69 }],
      },
      {
        name: 'Next.js App Router: NextResponse.json with a wildcard header',
        options: PUBLIC,
        code: `
          import { NextResponse } from 'next/server';
          export async function GET(): Promise<NextResponse> {
            const data = await getPlans();
            return NextResponse.json(data, { headers: { 'Access-Control-Allow-Origin': '*' } as const });
          }
        `,
        filename: 'app/api/plans/route.ts',
        errors: [{ messageId: 'wildcard', line: 5, column: 57 }],
      },
      {
        name: 'Next.js App Router: echoing the origin of a NextRequest',
        code: `
          import { type NextRequest, NextResponse } from 'next/server';
          export async function OPTIONS(request: NextRequest) {
            const response = new NextResponse(null, { status: 204 });
            response.headers.set('Access-Control-Allow-Origin', request.headers.get('origin')!);
            response.headers.set('Access-Control-Allow-Credentials', 'true');
            return response;
          }
        `,
        filename: 'app/api/session/route.ts',
        errors: [{ messageId: 'anyOriginWithCredentials', line: 5, column: 65 }],
      },
      {
        name: 'Cloudflare Worker with satisfies ExportedHandler and a typed headers constant',
        options: PUBLIC,
        code: `
          const CORS: Record<string, string> = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET' };
          export default {
            async fetch(request: Request, env: Env): Promise<Response> {
              return new Response(await env.KV.get('x'), { headers: CORS });
            },
          } satisfies ExportedHandler<Env>;
        `,
        errors: [{ messageId: 'wildcard', line: 2, column: 81 }],
      },
      {
        name: 'Hono typed app: cors() on every route and c.header',
        options: PUBLIC,
        code: `
          import { Hono } from 'hono';
          import { cors } from 'hono/cors';
          type Bindings = { DB: D1Database };
          const app = new Hono<{ Bindings: Bindings }>();
          app.use('*', cors());
          app.get('/api/me', (c) => {
            c.header('Access-Control-Allow-Origin', c.req.header('origin'));
            return c.json({ ok: true });
          });
        `,
        errors: [
          { messageId: 'defaultWildcard', line: 6, column: 24 },
          { messageId: 'reflectedOrigin', line: 8, column: 53 },
        ],
      },
      {
        name: 'import equals require',
        code: `
          import cors = require('cors');
          app.use(cors({ origin: '*' as string }));
        `,
        errors: [{ messageId: 'wildcard', line: 3, column: 26 }],
      },
      {
        name: 'Fastify with a typed instance and options cast',
        code: `
          import Fastify, { type FastifyInstance } from 'fastify';
          import cors, { type FastifyCorsOptions } from '@fastify/cors';
          const server: FastifyInstance = Fastify({ logger: true });
          await server.register(cors, { origin: true, credentials: true } as FastifyCorsOptions);
        `,
        errors: [{ messageId: 'anyOriginWithCredentials', line: 5, column: 41 }],
      },
    ],
  });
});

describe('TypeScript with type information', () => {
  typedTester().run('no-wildcard-cors', rule, {
    valid: [
      {
        name: 'Express handler with real types setting a specific origin',
        code: `
          import express, { type Request, type Response } from 'express';
          const app = express();
          app.get('/api/me', (req: Request, res: Response) => {
            res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
            res.json({ id: 1 });
          });
        `,
      },
      {
        name: 'a header value whose type is a plain string stays unknown',
        code: `
          import type { Response } from 'express';
          export function allow(res: Response, origin: string): void {
            res.setHeader('Access-Control-Allow-Origin', origin);
          }
        `,
      },
      {
        name: 'an imported allowlist object (not a wildcard) through a path alias',
        code: `
          import { strictCorsHeaders } from '@/shared/cors';
          export const GET = (): Response => new Response('ok', { headers: strictCorsHeaders });
        `,
        filename: path.join(TYPED_ROOT, 'alias-ok.ts'),
      },
    ],
    invalid: [
      {
        name: 'a constant imported through a path alias: its literal type is known',
        code: `
          import type { Response } from 'express';
          import { CORS_ORIGIN } from '@/shared/cors';
          export function allow(res: Response): void {
            res.setHeader('Access-Control-Allow-Origin', CORS_ORIGIN);
          }
        `,
        filename: path.join(TYPED_ROOT, 'alias.ts'),
        errors: [{ messageId: 'wildcard', line: 5, column: 58 }],
      },
      {
        name: 'a headers object imported through a path alias is read from its declaration',
        code: `
          import { corsHeaders } from '@/shared/cors';
          export async function GET(): Promise<Response> {
            return new Response('{}', { headers: { ...corsHeaders, 'Content-Type': 'application/json' } });
          }
        `,
        filename: path.join(TYPED_ROOT, 'alias-headers.ts'),
        errors: [{ messageId: 'wildcard', line: 4, column: 52, data: { source: 'The CORS header spread from `corsHeaders`' } }],
      },
      {
        name: 'Express app with real types: cors() and a credentialed reflection',
        code: `
          import express, { type NextFunction, type Request, type Response } from 'express';
          import cors from 'cors';
          const app = express();
          app.use(cors());
          app.use((req: Request, res: Response, next: NextFunction) => {
            res.header('Access-Control-Allow-Origin', req.headers.origin);
            res.header('Access-Control-Allow-Credentials', 'true');
            next();
          });
        `,
        errors: [
          { messageId: 'defaultWildcard', line: 5, column: 19 },
          { messageId: 'anyOriginWithCredentials', line: 7, column: 55 },
        ],
      },
      {
        name: 'Socket.IO with real types: reflecting origin callback with credentials',
        code: `
          import { createServer } from 'node:http';
          import { Server } from 'socket.io';
          const httpServer = createServer();
          const io = new Server(httpServer, {
            cors: { origin: (origin, callback) => callback(null, origin), credentials: true },
          });
        `,
        errors: [{ messageId: 'anyOriginWithCredentials', line: 6, column: 21 }],
      },
      {
        name: 'NestJS bootstrap with real types',
        code: `
          import { Module } from '@nestjs/common';
          import { NestFactory } from '@nestjs/core';
          @Module({})
          class AppModule {}
          export async function bootstrap(): Promise<void> {
            const app = await NestFactory.create(AppModule);
            app.enableCors({ origin: (origin: string | undefined, cb: (err: Error | null, allow?: boolean) => void) => cb(null, true) });
            await app.listen(3000);
          }
        `,
        errors: [{ messageId: 'anyOrigin', line: 8, column: 30 }],
      },
    ],
  });
});

describe('recommended: credentials, authenticated routes and whole APIs; public content is strict', () => {
  typescriptTester().run('no-wildcard-cors (reach)', rule, {
    valid: [
      {
        name: 'a wildcard on a route that reads no credentials is public content (strict only)',
        filename: 'app/api/og/route.ts',
        code: `
          export async function GET() {
            return new Response(await renderImage(), { headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'image/png' } });
          }
        `,
      },
      {
        name: 'a reflected origin set only when a check held in a variable passed',
        filename: 'middleware.ts',
        code: `
          import { NextResponse, type NextRequest } from 'next/server';
          const allowedOrigins = ['https://acme.com', 'https://my-app.org'];
          export function middleware(request: NextRequest) {
            const origin = request.headers.get('origin') ?? '';
            const isAllowedOrigin = allowedOrigins.includes(origin);
            const response = NextResponse.next();
            if (isAllowedOrigin) {
              response.headers.set('Access-Control-Allow-Origin', origin);
            }
            response.headers.set('Access-Control-Allow-Credentials', 'true');
            return response;
          }
        `,
      },
      {
        name: 'cors() mounted on one public path (`/openapi`)',
        code: `
          import { Hono } from 'hono';
          import { cors } from 'hono/cors';
          const api = new Hono();
          api.use('/openapi', cors());
          api.get('/openapi', (c) => c.json(spec));
          export default api;
        `,
      },
      {
        name: 'a router exported by name, mounted elsewhere, whose routes read no credentials',
        code: `
          import { Hono } from 'hono';
          import { cors } from 'hono/cors';
          export const publicRoute = new Hono();
          publicRoute.use('*', cors());
          publicRoute.get('/status/:slug', async (c) => c.json(await getStatusPage(c.req.param('slug'))));
        `,
      },
      {
        name: 'an edge function whose CORS headers list authorization and apikey, but which reads no credentials',
        filename: 'supabase/functions/file-processor/index.ts',
        code: `
          serve(async (req: Request) => {
            if (req.method === 'OPTIONS') {
              return new Response(null, { headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type' } });
            }
            const corsHeaders = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type' };
            const { fileId } = await req.json();
            return new Response(JSON.stringify(await processFile(fileId)), { headers: { ...corsHeaders, 'Content-Type': 'application/json' } });
          });
        `,
      },
      {
        name: 'headers.set of an allowed-headers list naming Authorization is not a credential read',
        filename: 'app/api/og/route.ts',
        code: `
          export async function GET() {
            const headers = new Headers({ 'Access-Control-Allow-Origin': '*' });
            headers.set('Access-Control-Allow-Headers', 'Authorization, Cookie');
            return new Response(await renderImage(), { headers });
          }
        `,
      },
      {
        name: 'a sub-app named public that only mounts routers of other files',
        code: `
          import { Hono } from 'hono';
          import { cors } from 'hono/cors';
          import { status } from './status';
          import { unsubscribe } from './unsubscribe';
          export const publicRoute = new Hono();
          publicRoute.use('*', cors());
          publicRoute.route('/status', status);
          publicRoute.route('/unsubscribe', unsubscribe);
        `,
      },
      {
        name: 'an Express router named publicRouter that mounts other routers',
        code: `
          import { Router } from 'express';
          import cors from 'cors';
          import { badges } from './badges';
          const publicRouter = Router();
          publicRouter.use(cors());
          publicRouter.use('/badges', badges);
          export default publicRouter;
        `,
      },
      {
        name: 'Next.js middleware whose matcher names only public paths',
        filename: 'middleware.ts',
        code: `
          import { NextResponse } from 'next/server';
          export function middleware() {
            const response = NextResponse.next();
            response.headers.set('Access-Control-Allow-Origin', '*');
            response.headers.set('Access-Control-Allow-Headers', 'Content-Type, Authorization');
            return response;
          }
          export const config = { matcher: ['/fonts/:path*', '/embed.js'] };
        `,
      },
      {
        name: 'a catch-all route that serves the single-page app shell',
        code: `
          import express from 'express';
          const app = express();
          app.get('*', (req, res) => {
            res.header('Access-Control-Allow-Origin', '*');
            res.sendFile('index.html', { root: 'dist' });
          });
        `,
      },
      {
        name: 'next.config headers() for fonts and images',
        filename: 'next.config.js',
        code: `
          module.exports = {
            async headers() {
              return [
                { source: '/fonts/:path*', headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }] },
                { source: '/:path*.svg', headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }] },
              ];
            },
          };
        `,
      },
    ],
    invalid: [
      {
        name: 'the same public route in strict',
        filename: 'app/api/og/route.ts',
        options: PUBLIC,
        code: `
          export async function GET() {
            return new Response(await renderImage(), { headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'image/png' } });
          }
        `,
        errors: [{ messageId: 'wildcard', line: 3, column: 67 }],
      },
      {
        name: 'a wildcard on a route that reads the Authorization header',
        filename: 'supabase/functions/invoices/index.ts',
        code: `
          const corsHeaders = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'authorization, content-type' };
          Deno.serve(async (req) => {
            if (req.method === 'OPTIONS') return new Response('ok', { headers: corsHeaders });
            const token = req.headers.get('Authorization');
            const invoices = await listInvoicesFor(token);
            return new Response(JSON.stringify(invoices), { headers: { ...corsHeaders, 'Content-Type': 'application/json' } });
          });
        `,
        errors: [{ messageId: 'wildcard', line: 2, column: 64 }],
      },
      {
        name: 'the edge function that reads no credentials, in strict',
        filename: 'supabase/functions/file-processor/index.ts',
        options: PUBLIC,
        code: `
          serve(async (req: Request) => {
            const corsHeaders = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type' };
            const { fileId } = await req.json();
            return new Response(JSON.stringify(await processFile(fileId)), { headers: { ...corsHeaders, 'Content-Type': 'application/json' } });
          });
        `,
        errors: [{ messageId: 'wildcard', line: 3, column: 66 }],
      },
      {
        name: 'an allowed-headers list does not hide a real read of the Authorization header',
        filename: 'supabase/functions/invoices/index.ts',
        code: `
          serve(async (req: Request) => {
            const corsHeaders = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'authorization, content-type' };
            const user = await getUserFrom(req.headers.get('Authorization'));
            return new Response(JSON.stringify(await listInvoices(user)), { headers: corsHeaders });
          });
        `,
        errors: [{ messageId: 'wildcard', line: 3, column: 66 }],
      },
      {
        name: 'a sub-app that only mounts routers of other files and whose name does not say public',
        code: `
          import { Hono } from 'hono';
          import { cors } from 'hono/cors';
          import { invoices } from './invoices';
          export const apiRoute = new Hono();
          apiRoute.use('*', cors());
          apiRoute.route('/invoices', invoices);
        `,
        errors: [{ messageId: 'defaultWildcard', line: 6, column: 29 }],
      },
      {
        name: 'a sub-app named public that reads the session in this file',
        code: `
          import { Hono } from 'hono';
          import { cors } from 'hono/cors';
          import { getSession } from './auth';
          export const publicRoute = new Hono();
          publicRoute.use('*', cors());
          publicRoute.get('/me', async (c) => c.json(await getSession(c)));
        `,
        errors: [{ messageId: 'defaultWildcard', line: 6, column: 32 }],
      },
      {
        name: 'the public sub-app that mounts other routers, in strict',
        options: PUBLIC,
        code: `
          import { Hono } from 'hono';
          import { cors } from 'hono/cors';
          import { status } from './status';
          export const publicRoute = new Hono();
          publicRoute.use('*', cors());
          publicRoute.route('/status', status);
        `,
        errors: [{ messageId: 'defaultWildcard', line: 6, column: 32 }],
      },
      {
        name: 'Next.js middleware over the API whose allowed headers name Authorization',
        filename: 'middleware.ts',
        code: `
          import { NextResponse } from 'next/server';
          export function middleware() {
            const response = NextResponse.next();
            response.headers.set('Access-Control-Allow-Origin', '*');
            response.headers.set('Access-Control-Allow-Headers', 'Content-Type, Authorization');
            return response;
          }
          export const config = { matcher: '/api/:path*' };
        `,
        errors: [{ messageId: 'wildcard', line: 5, column: 65 }],
      },
      {
        name: 'Next.js middleware with no matcher runs on every route',
        filename: 'src/middleware.ts',
        code: `
          import { NextResponse } from 'next/server';
          export default function middleware() {
            const response = NextResponse.next();
            response.headers.set('Access-Control-Allow-Origin', '*');
            return response;
          }
        `,
        errors: [{ messageId: 'wildcard', line: 5, column: 65 }],
      },
      {
        name: 'Next.js middleware whose matcher excludes only static files',
        filename: 'middleware.ts',
        code: `
          import { NextResponse } from 'next/server';
          export function middleware() {
            const response = NextResponse.next();
            response.headers.set('Access-Control-Allow-Origin', '*');
            return response;
          }
          export const config = { matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }] };
        `,
        errors: [{ messageId: 'wildcard', line: 5, column: 65 }],
      },
      {
        name: 'a hand-written middleware for every route, whose allowed headers name Authorization (Express and Hono)',
        code: `
          import express from 'express';
          import { Hono } from 'hono';
          const app = express();
          app.all('*', (req, res, next) => {
            res.header('Access-Control-Allow-Origin', '*');
            res.header('Access-Control-Allow-Headers', 'Content-Type, Authorization');
            next();
          });
          const api = new Hono();
          api.use('*', async (c, next) => {
            c.header('Access-Control-Allow-Origin', '*');
            await next();
          });
        `,
        errors: [
          { messageId: 'wildcard', line: 6, column: 55 },
          { messageId: 'wildcard', line: 12, column: 53 },
        ],
      },
      {
        name: 'one report per grant: a header object shared by three authenticated responses',
        filename: 'app/api/invoices/route.ts',
        code: `
          const CORS = { 'Access-Control-Allow-Origin': '*' };
          export async function GET() { const session = await auth(); return Response.json(await list(session), { headers: CORS }); }
          export async function POST() { const session = await auth(); return Response.json(await create(session), { headers: CORS }); }
          export async function DELETE() { const session = await auth(); return new Response(null, { headers: CORS }); }
        `,
        errors: [{ messageId: 'wildcard', line: 2, column: 57 }],
      },
      {
        name: 'a response helper in a library file that API routes call, spreading corsHeaders conditionally',
        filename: 'lib/api-response.ts',
        code: `
          const corsHeaders = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST' };
          export function jsonResponse(body: unknown, { cors = false, status = 200 } = {}) {
            return Response.json(body, { status, headers: { ...(cors && corsHeaders) } });
          }
        `,
        errors: [{ messageId: 'wildcard', line: 2, column: 64 }],
      },
      {
        name: 'cors() on the root app, on the whole API path, and on a Router of API routes that read the session',
        code: `
          import express from 'express';
          import cors from 'cors';
          const app = express();
          app.use(cors());
          app.use('/api/*', cors());
          const router = express.Router();
          router.use(cors());
          router.get('/me', (req, res) => res.json(req.session.user));
        `,
        errors: [
          { messageId: 'defaultWildcard', line: 5, column: 19 },
          { messageId: 'defaultWildcard', line: 6, column: 29 },
          { messageId: 'defaultWildcard', line: 8, column: 22 },
        ],
      },
      {
        name: 'next.config headers() over the API',
        filename: 'next.config.js',
        code: `
          module.exports = {
            async headers() {
              return [{ source: '/api/:path*', headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }] }];
            },
          };
        `,
        errors: [{ messageId: 'wildcard', line: 4, column: 58 }],
      },
      {
        name: 'the public mounts and asset patterns are reported in strict',
        filename: 'next.config.js',
        options: PUBLIC,
        code: `
          module.exports = {
            async headers() {
              return [{ source: '/fonts/:path*', headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }] }];
            },
          };
        `,
        errors: [{ messageId: 'wildcard', line: 4, column: 60 }],
      },
    ],
  });
});

describe('work done per file (counts, not timings)', () => {
  const { lint, linted } = costProbe('no-wildcard-cors', rule);
  const lintTyped = (code: string): void => {
    lint(code);
  };

  it('computes no per-file facts for a file without a CORS signal, even with type information', () => {
    lintTyped(`
      import express from 'express';
      const app = express();
      app.get('/api/me', (req, res) => { res.setHeader('Content-Type', 'application/json'); res.json({}); });
    `);
    expect(computedFileFacts(linted())).toEqual([]);
  });

  it('decides a literal wildcard without asking the type checker', () => {
    lintTyped(`
      import type { Response } from 'express';
      export function allow(res: Response): void { res.setHeader('Access-Control-Allow-Origin', '*'); }
    `);
    const facts = peekFileFacts(linted());
    expect(facts).toBeDefined();
    expect(facts?.typesRequested).toBe(false);
  });

  it('asks the type checker only when static evidence cannot decide', () => {
    lintTyped(`
      import type { Response } from 'express';
      import { CORS_ORIGIN } from '@/shared/cors';
      export function allow(res: Response): void { res.setHeader('Access-Control-Allow-Origin', CORS_ORIGIN); }
    `);
    expect(peekFileFacts(linted())?.typesRequested).toBe(true);
  });
});
