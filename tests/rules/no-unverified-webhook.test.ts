import path from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';

import { computedFileFacts, peekFileFacts } from '../../src/analysis/file-facts.js';
import rule from '../../src/rules/no-unverified-webhook.js';
import { costProbe } from '../cost-probe.js';
import { FIXTURES_AS_PRODUCTION, TYPED_ROOT, javascriptTester, typescriptTester } from '../testers.js';

const STRICT = [{ reportWeakVerification: true }] as const;

/** The typed tier, with the file-convention paths (route handlers) served by the fixture project. */
function webhookTypedTester(): RuleTester {
  return new RuleTester({
    settings: FIXTURES_AS_PRODUCTION,
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.ts', 'app/api/webhooks/*/route.ts', 'pages/api/*.ts', 'src/routes/webhooks/*/+server.ts'],
          defaultProject: 'tsconfig.json',
        },
        tsconfigRootDir: TYPED_ROOT,
      },
    },
    defaultFilenames: { ts: 'file.ts', tsx: 'react.tsx' },
  });
}

describe('plain JavaScript (espree)', () => {
  javascriptTester().run('no-unverified-webhook', rule, {
    valid: [
      {
        name: 'Express: express.raw on the route, constructEvent before the switch',
        code: `
import express from 'express';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
const app = express();
app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => {
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);
  } catch (err) {
    return res.status(400).send('Webhook Error');
  }
  if (event.type === 'invoice.paid') creditAccount(event.data.object.customer);
  res.json({ received: true });
});
app.use(express.json());
`,
      },
      {
        name: 'Express: a local helper that calls constructEvent counts as verification',
        code: `
import express from 'express';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
function getEvent(req) {
  return stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);
}
const router = express.Router();
router.post('/stripe-webhook', express.raw({ type: 'application/json' }), (req, res) => {
  const event = getEvent(req);
  const raw = JSON.parse(req.body.toString());
  audit(raw.id, event.type);
  res.sendStatus(200);
});
`,
      },
      {
        name: 'Express: verification in route middleware before the handler',
        code: `
import express from 'express';
import { verifyStripeSignature } from './middleware/stripe.js';
const app = express();
app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), verifyStripeSignature, (req, res) => {
  const event = JSON.parse(req.body.toString());
  fulfil(event.data.object);
  res.end();
});
`,
      },
      {
        name: 'Express: the request handed to another module (its concern)',
        code: `
import express from 'express';
import { handleStripeWebhook } from './billing/webhooks.js';
const app = express();
app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => handleStripeWebhook(req, res));
`,
      },
      {
        name: 'Express: the raw body and its signature handed to another module',
        code: `
import express from 'express';
import { processEvent } from './billing.js';
const app = express();
app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {
  const sig = req.headers['stripe-signature'];
  await processEvent(req.body, sig);
  res.end();
});
`,
      },
      {
        name: 'Lemon Squeezy: HMAC of the raw body compared with timingSafeEqual, early exit',
        code: `
import crypto from 'node:crypto';
import express from 'express';
const app = express();
app.post('/webhooks/lemonsqueezy', express.raw({ type: 'application/json' }), (req, res) => {
  const signature = Buffer.from(req.get('x-signature') ?? '', 'hex');
  const digest = Buffer.from(crypto.createHmac('sha256', process.env.LS_SECRET).update(req.body).digest('hex'), 'hex');
  if (signature.length !== digest.length || !crypto.timingSafeEqual(digest, signature)) {
    return res.status(401).send('Invalid signature');
  }
  const payload = JSON.parse(req.body.toString());
  grantLicense(payload.meta.custom_data.user_id);
  res.sendStatus(200);
});
`,
      },
      {
        name: 'Twilio: validateRequest checked before the form params are used',
        filename: 'app/api/webhooks/twilio/route.js',
        code: `
import twilio from 'twilio';
export async function POST(request) {
  const params = Object.fromEntries(await request.formData());
  const valid = twilio.validateRequest(process.env.TWILIO_AUTH_TOKEN, request.headers.get('x-twilio-signature') ?? '', request.url, params);
  if (!valid) return new Response('Forbidden', { status: 403 });
  await saveInboundSms(params.From, params.Body);
  return new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } });
}
`,
      },
      {
        name: 'Koa: the body is logged and checked for presence before verification',
        code: `
import Koa from 'koa';
import Router from '@koa/router';
import { Webhook } from 'svix';
const router = new Router();
router.post('/webhooks/resend', async (ctx) => {
  const raw = ctx.request.rawBody;
  console.log('received', raw);
  if (!raw) { ctx.status = 400; return; }
  const event = new Webhook(process.env.RESEND_WEBHOOK_SECRET).verify(raw, ctx.headers);
  await recordBounce(event.data.email);
  ctx.status = 200;
});
`,
      },
      {
        name: 'Fastify: a preHandler hook on the route verifies',
        code: `
import Fastify from 'fastify';
const app = Fastify();
app.post('/webhooks/paddle', { preHandler: verifyPaddle }, async (request) => {
  await activate(request.body.data);
  return { ok: true };
});
`,
      },
      {
        name: 'not a webhook: an authenticated JSON API reading req.body',
        code: `
import express from 'express';
const app = express();
app.use(express.json());
app.post('/api/projects', requireUser, async (req, res) => {
  const project = await db.project.create({ data: { name: req.body.name } });
  res.json(project);
});
app.post('/api/orders', async (req, res) => {
  res.json(await createOrder(req.body));
});
`,
      },
      {
        name: 'a class in a route file parsed by espree (no decorators property) does not throw',
        filename: 'app/api/webhooks/stripe/route.js',
        code: `
class Queue { push(item) { this.items.push(item); } }
const queue = new Queue();
export async function POST(request) {
  const body = await request.text();
  await verifyStripeSignature(body, request.headers.get('stripe-signature'));
  queue.push(JSON.parse(body));
  return new Response('ok');
}
`,
      },
      {
        name: 'Cloudflare Worker: crypto.subtle.verify gates the payload',
        code: `
export default {
  async fetch(request, env) {
    const body = await request.text();
    const signature = hexToBytes(request.headers.get('x-hub-signature-256')?.slice(7) ?? '');
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(env.GITHUB_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    const valid = await crypto.subtle.verify('HMAC', key, signature, new TextEncoder().encode(body));
    if (!valid) return new Response('Unauthorized', { status: 401 });
    const event = JSON.parse(body);
    await env.QUEUE.send(event);
    return new Response('ok');
  },
};
`,
      },
      {
        name: 'Express: an echo-only webhook test route (the payload reaches only the response)',
        code: `
import express from 'express';
const app = express();
app.post('/webhooks/test', express.json(), (req, res) => {
  res.status(200).json({ ok: true, received: req.body });
});
`,
      },
      {
        name: 'strict: Express, a Slack signed base string over the raw body, length check then timingSafeEqual',
        options: STRICT,
        code: `
import crypto from 'node:crypto';
import express from 'express';
const app = express();
app.post('/slack/interactions', express.raw({ type: '*/*' }), (req, res) => {
  const body = req.body.toString();
  const base = 'v0:' + req.get('x-slack-request-timestamp') + ':' + body;
  const expected = Buffer.from('v0=' + crypto.createHmac('sha256', process.env.SLACK_SIGNING_SECRET).update(base).digest('hex'));
  const received = Buffer.from(req.get('x-slack-signature') || '');
  if (expected.length !== received.length || !crypto.timingSafeEqual(expected, received)) return res.status(401).end();
  runInteraction(JSON.parse(new URLSearchParams(body).get('payload')));
  res.end();
});
`,
      },
    ],
    invalid: [
      {
        name: 'Express: the Stripe event is read from req.body with no verification',
        code: `
import express from 'express';
const app = express();
app.use(express.json());
app.post('/api/webhooks/stripe', async (req, res) => {
  const event = req.body;
  switch (event.type) {
    case 'invoice.paid':
      await markPaid(event.data.object.id);
      break;
  }
  res.json({ received: true });
});
`,
        errors: [{ messageId: 'unverified', line: 7, column: 11, data: { payload: 'req.body', provider: 'Stripe ', fix: "call `stripe.webhooks.constructEvent(rawBody, request.headers['stripe-signature'], endpointSecret)` (`constructEventAsync` on edge runtimes) and act only on the event it returns" } }],
      },
      {
        name: 'Express: constructEvent after the payload was already used',
        code: `
import express from 'express';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
const app = express();
app.post('/hooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {
  const data = JSON.parse(req.body.toString());
  await fulfilOrder(data.data.object);
  stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);
  res.end();
});
`,
        errors: [{ messageId: 'unverified', line: 8, column: 21 }],
      },
      {
        name: 'Express: global express.json() before the route destroys the raw body',
        code: `
import express from 'express';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
const app = express();
app.use(express.json());
app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);
  handle(event);
  res.end();
});
`,
        errors: [{ messageId: 'wrongBytes', line: 8, column: 48 }],
      },
      {
        name: 'Express: JSON.stringify(req.body) handed to constructEvent',
        code: `
import express from 'express';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
const router = express.Router();
router.post('/stripe/webhook', (req, res) => {
  const event = stripe.webhooks.constructEvent(JSON.stringify(req.body), req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);
  handle(event);
  res.end();
});
`,
        errors: [{ messageId: 'wrongBytes', line: 7, column: 48 }],
      },
      {
        name: 'Lemon Squeezy: verification only when the secret and header are present',
        code: `
import crypto from 'node:crypto';
import express from 'express';
const app = express();
app.post('/webhooks/lemonsqueezy', express.raw({ type: 'application/json' }), (req, res) => {
  const secret = process.env.LS_SECRET;
  const signature = req.get('x-signature');
  if (secret && signature) {
    const digest = crypto.createHmac('sha256', secret).update(req.body).digest('hex');
    if (!crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(signature))) return res.status(401).end();
  }
  const payload = JSON.parse(req.body.toString());
  grantLicense(payload.meta.custom_data.user_id);
  res.end();
});
`,
        errors: [{ messageId: 'conditionalVerification', line: 10, column: 10, data: { verifier: '`crypto.timingSafeEqual()`', condition: 'secret && signature' } }],
      },
      {
        name: 'Shopify: the HMAC is compared with !== (strict: timing attack)',
        options: STRICT,
        code: `
import crypto from 'node:crypto';
import express from 'express';
const app = express();
app.post('/webhooks/shopify/orders', express.raw({ type: 'application/json' }), (req, res) => {
  const hmac = req.get('x-shopify-hmac-sha256');
  const digest = crypto.createHmac('sha256', process.env.SHOPIFY_SECRET).update(req.body).digest('base64');
  if (digest !== hmac) return res.sendStatus(401);
  const order = JSON.parse(req.body.toString());
  fulfil(order.id);
  res.sendStatus(200);
});
`,
        errors: [{ messageId: 'timingCompare', line: 8, column: 7, data: { operator: '!==' } }],
      },
      {
        name: 'Koa: ctx.request.body used with no verification',
        code: `
import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from '@koa/bodyparser';
const router = new Router();
router.post('/paddle/webhook', async (ctx) => {
  const { event_type, data } = ctx.request.body;
  if (event_type === 'transaction.completed') await activate(data.customer_id);
  ctx.status = 200;
});
`,
        errors: [{ messageId: 'unverified', line: 8, column: 7 }],
      },
      {
        name: 'Twilio: inbound SMS webhook acting on req.body without validateRequest',
        code: `
import express from 'express';
import twilio from 'twilio';
const app = express();
app.use(express.urlencoded({ extended: false }));
app.post('/sms/webhook', async (req, res) => {
  await saveInboundSms(req.body.From, req.body.Body);
  const reply = new twilio.twiml.MessagingResponse();
  res.type('text/xml').send(reply.toString());
});
`,
        errors: [{ messageId: 'unverified', line: 7, column: 24, data: { payload: 'req.body', provider: 'Twilio ', fix: "check `twilio.validateRequest(authToken, request.headers['x-twilio-signature'], url, params)` and stop with 403 when it is false" } }],
      },
      {
        name: 'Fastify: request.body of a GitHub webhook, only the event header checked',
        code: `
import Fastify from 'fastify';
const app = Fastify();
app.post('/github', async (request, reply) => {
  const signature = request.headers['x-hub-signature-256'];
  if (request.headers['x-github-event'] === 'push') await deploy(request.body.ref);
  return { ok: Boolean(signature) };
});
`,
        errors: [{ messageId: 'unverified', line: 6, column: 66 }],
      },
      {
        name: 'Next.js Pages API (JavaScript): body parser left on while verifying req.body',
        filename: 'pages/api/webhooks/stripe.js',
        code: `
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
export default async function handler(req, res) {
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);
  await handle(event);
  res.json({ received: true });
}
`,
        errors: [{ messageId: 'wrongBytes', line: 5, column: 48 }],
      },
      {
        name: 'Cloudflare Worker: verification only in production',
        code: `
export default {
  async fetch(request, env) {
    const body = await request.text();
    if (env.ENVIRONMENT === 'production') {
      await verifyShopifyHmac(body, request.headers.get('x-shopify-hmac-sha256'), env.SHOPIFY_SECRET);
    }
    const order = JSON.parse(body);
    await env.DB.prepare('INSERT INTO orders (id) VALUES (?)').bind(order.id).run();
    return new Response('ok');
  },
};
`,
        errors: [{ messageId: 'conditionalVerification', line: 6, column: 13, data: { verifier: '`verifyShopifyHmac()`', condition: "env.ENVIRONMENT === 'production'" } }],
      },
      {
        name: 'Express: an HMAC over a template with JSON.stringify(req.body) after express.json()',
        code: `
import crypto from 'node:crypto';
import express from 'express';
const app = express();
app.use(express.json());
app.post('/webhooks/dsync', (req, res) => {
  const [t, s] = String(req.get('boxyhq-signature')).split(',');
  const expected = crypto.createHmac('sha256', process.env.DSYNC_SECRET).update(\`\${t}.\${JSON.stringify(req.body)}\`).digest('hex');
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(s))) return res.status(401).end();
  handleEvents(req.body);
  res.end();
});
`,
        errors: [{ messageId: 'wrongBytes', line: 8, column: 81 }],
      },
    ],
  });
});

describe('TypeScript without type information', () => {
  typescriptTester().run('no-unverified-webhook', rule, {
    valid: [
      {
        name: 'a file named after framework or React hooks is not a webhook receiver',
        filename: 'test/route-hooks.test.ts',
        code: `
import Fastify from 'fastify';
const fastify = Fastify();
fastify.post('/', { preValidation: (req: any, reply: any, done: () => void) => done() }, (req: any, reply: any) => {
  reply.send(req.body);
});
fastify.post('/echo', async (request: any) => ({ received: request.body }));
        `,
      },
      {
        name: 'managing webhook subscriptions (CRUD behind auth) is not receiving webhooks: Express, Fastify, Hono, Koa',
        filename: 'src/routes/webhook.routes.ts',
        code: `
import express, { Router } from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import KoaRouter from '@koa/router';
export function createWebhookRouter(service: any): Router {
  const router = Router();
  router.use(express.json());
  router.use(requireAuth);
  router.post('/webhooks', async (req: any, res) => {
    const input = parseCreateWebhookInput(req.body);
    res.status(201).json(await service.create(req.auth.orgId, input));
  });
  return router;
}
const app = Fastify();
app.post('/webhooks', async (request: any, reply) => reply.code(201).send(await service.create(request.user.orgId, request.body)));
const hono = new Hono();
hono.post('/webhooks', async (c: any) => c.json(await c.get('service').create(c.get('orgId'), parseCreateWebhookInput(await c.req.json())), 201));
const koa = new KoaRouter({ prefix: '/webhooks' });
koa.post('/', async (ctx: any) => { ctx.body = await service.create(ctx.state.orgId, parseCreateWebhookInput(ctx.request.body)); });
declare const service: any;
declare function requireAuth(req: unknown, res: unknown, next: () => void): void;
declare function parseCreateWebhookInput(body: unknown): unknown;
        `,
      },
      {
        name: 'Next.js App Router: constructEvent over request.text(), then the verified event',
        filename: 'app/api/webhooks/stripe/route.ts',
        code: `
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(request: Request) {
  const body = await request.text();
  const signature = request.headers.get('stripe-signature');
  if (!signature) return new Response('Missing signature', { status: 400 });
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return new Response('Invalid signature', { status: 400 });
  }
  switch (event.type) {
    case 'checkout.session.completed':
      await fulfil(event.data.object);
      break;
  }
  return Response.json({ received: true });
}
`,
      },
      {
        name: 'Next.js App Router: Clerk verifyWebhook(req)',
        filename: 'app/api/webhooks/clerk/route.ts',
        code: `
import { verifyWebhook } from '@clerk/nextjs/webhooks';
import type { NextRequest } from 'next/server';
export async function POST(req: NextRequest) {
  try {
    const evt = await verifyWebhook(req);
    if (evt.type === 'user.created') await createUser(evt.data.id);
    return new Response('ok');
  } catch {
    return new Response('Error verifying webhook', { status: 400 });
  }
}
`,
      },
      {
        name: 'Next.js App Router: standardwebhooks verify before JSON.parse',
        filename: 'app/api/webhooks/resend/route.ts',
        code: `
import { Webhook } from 'standardwebhooks';
const wh = new Webhook(process.env.WEBHOOK_SECRET!);
export async function POST(request: Request) {
  const payload = await request.text();
  const event = wh.verify(payload, Object.fromEntries(request.headers)) as { type: string };
  const parsed = JSON.parse(payload);
  await recordDelivery(parsed.data.email_id, event.type);
  return new Response(null, { status: 204 });
}
`,
      },
      {
        name: 'Next.js App Router: a GET handler under webhooks is not a receiver',
        filename: 'app/api/webhooks/stripe/route.ts',
        code: `
export async function GET(request: Request) {
  const url = new URL(request.url);
  return Response.json({ ok: true, path: url.pathname });
}
`,
      },
      {
        name: 'Hono: c.req.text() verified with Paddle unmarshal',
        code: `
import { Hono } from 'hono';
import { Paddle } from '@paddle/paddle-node-sdk';
const paddle = new Paddle(process.env.PADDLE_API_KEY!);
const app = new Hono();
app.post('/webhooks/paddle', async (c) => {
  const raw = await c.req.text();
  const event = await paddle.webhooks.unmarshal(raw, process.env.PADDLE_WEBHOOK_SECRET!, c.req.header('paddle-signature') ?? '');
  if (event.eventType === 'transaction.completed') await activate(event.data);
  return c.json({ ok: true });
});
`,
      },
      {
        name: '@hono/zod-openapi: app.openapi(createRoute(...)) verified with constructEventAsync over c.req.text()',
        code: `
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const app = new OpenAPIHono();
const route = createRoute({ method: 'post', path: '/webhooks/stripe', responses: { 200: { description: 'ok' } } });
app.openapi(route, async (c) => {
  const event = await stripe.webhooks.constructEventAsync(await c.req.text(), c.req.header('stripe-signature') ?? '', process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === 'invoice.paid') await markPaid(event.data.object.id);
  return c.json({ received: true }, 200);
});
`,
      },
      {
        name: 'a catch that rejects the verification error and falls back only for an event type the SDK cannot parse',
        code: `
import { Hono } from 'hono';
import { validateEvent, WebhookVerificationError } from '@polar-sh/sdk/webhooks';
const app = new Hono();
app.post('/webhooks/polar', async (c) => {
  const rawBody = await c.req.text();
  let event: any;
  try {
    event = validateEvent(rawBody, Object.fromEntries(c.req.raw.headers), process.env.POLAR_WEBHOOK_SECRET!);
  } catch (err) {
    if (err instanceof WebhookVerificationError) {
      return c.json({ error: 'Invalid webhook signature' }, 400);
    }
    event = JSON.parse(rawBody);
  }
  if (event.type === 'subscription.created') await activate(event.data.metadata.teamId);
  return c.json({ ok: true });
});
`,
      },
      {
        name: 'NestJS: req.rawBody verified by constructEvent',
        code: `
import { Controller, Headers, Post, Req, type RawBodyRequest } from '@nestjs/common';
import Stripe from 'stripe';
@Controller('webhooks')
export class StripeWebhookController {
  constructor(private readonly stripe: Stripe) {}
  @Post('stripe')
  async handle(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature: string) {
    const event = this.stripe.webhooks.constructEvent(req.rawBody!, signature, process.env.STRIPE_WEBHOOK_SECRET!);
    await this.billing.apply(event);
  }
}
`,
      },
      {
        name: 'NestJS: a guard on the controller verifies',
        code: `
import { Body, Controller, Post, UseGuards } from '@nestjs/common';
@Controller('webhooks')
@UseGuards(StripeSignatureGuard)
export class WebhooksController {
  @Post('stripe')
  async handle(@Body() event: { type: string; data: unknown }) {
    if (event.type === 'invoice.paid') await this.billing.markPaid(event.data);
  }
}
`,
      },
      {
        name: 'Next.js Pages API: bodyParser disabled and the raw stream verified',
        filename: 'pages/api/stripe-webhook.ts',
        code: `
import type { NextApiRequest, NextApiResponse } from 'next';
import getRawBody from 'raw-body';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const config = { api: { bodyParser: false } };
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const buf = await getRawBody(req);
  const event = stripe.webhooks.constructEvent(buf, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  await handle(event);
  res.json({ received: true });
}
`,
      },
      {
        name: 'options: a team verifier named in verifierFunctions',
        options: [{ verifierFunctions: ['assertFromBilling'] }],
        filename: 'app/api/webhooks/billing/route.ts',
        code: `
export async function POST(request: Request) {
  const body = await request.text();
  await assertFromBilling(request.headers, body);
  const event = JSON.parse(body);
  await apply(event);
  return new Response('ok');
}
`,
      },
      {
        name: 'Remix (Shopify app): authenticate.webhook verifies',
        filename: 'app/routes/webhooks.orders.tsx',
        code: `
import { authenticate } from '../shopify.server';
export async function action({ request }: { request: Request }) {
  const { topic, payload } = await authenticate.webhook(request);
  if (topic === 'ORDERS_CREATE') await saveOrder(payload);
  return new Response();
}
`,
      },
      {
        name: 'a signed-in user managing webhook subscriptions is not a webhook receiver',
        filename: 'app/api/webhooks/route.ts',
        code: `
import { auth } from '@/lib/auth';
export async function POST(request: Request) {
  const session = await auth();
  if (!session) return new Response('Unauthorized', { status: 401 });
  const { url, events } = await request.json();
  const endpoint = await db.webhookEndpoint.create({ data: { url, events, orgId: session.orgId } });
  return Response.json(endpoint, { status: 201 });
}
`,
      },
      {
        name: 'Fastify: fastify-raw-body request.rawBody verified with constructEvent',
        code: `
import Fastify from 'fastify';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const app = Fastify();
app.post('/webhooks/stripe', { config: { rawBody: true } }, async (request, reply) => {
  const event = stripe.webhooks.constructEvent(request.rawBody as Buffer, request.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === 'invoice.paid') await markPaid(event.data.object.id);
  return reply.send({ received: true });
});
`,
      },
      {
        name: 'Polar: validateEvent over the raw text',
        filename: 'app/api/webhooks/polar/route.ts',
        code: `
import { validateEvent } from '@polar-sh/sdk/webhooks';
export async function POST(request: Request) {
  const body = await request.text();
  const event = validateEvent(body, Object.fromEntries(request.headers), process.env.POLAR_WEBHOOK_SECRET!);
  if (event.type === 'subscription.created') await activate(event.data);
  return new Response('', { status: 202 });
}
`,
      },
      {
        name: 'Shopify: webhooks.validate result checked',
        code: `
import express from 'express';
import { shopify } from './shopify.js';
const app = express();
app.post('/webhooks/shopify', express.text({ type: '*/*' }), async (req, res) => {
  const { valid, topic } = await shopify.webhooks.validate({ rawBody: req.body, rawRequest: req, rawResponse: res });
  if (!valid) return res.sendStatus(401);
  const order = JSON.parse(req.body);
  await saveOrder(topic, order);
  res.sendStatus(200);
});
`,
      },
      {
        name: 'Stripe v2 thin events: parseThinEvent',
        filename: 'app/api/webhooks/stripe/route.ts',
        code: `
import Stripe from 'stripe';
const client = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(req: Request) {
  const body = await req.text();
  const thin = client.parseThinEvent(body, req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  const event = await client.v2.core.events.retrieve(thin.id);
  const raw = JSON.parse(body);
  await handle(event, raw.id);
  return new Response('ok');
}
`,
      },
      {
        name: 'Cloudflare Worker: constructEventAsync over request.text()',
        code: `
import Stripe from 'stripe';
export default {
  async fetch(request: Request, env: { STRIPE_KEY: string; STRIPE_WEBHOOK_SECRET: string }): Promise<Response> {
    const stripe = new Stripe(env.STRIPE_KEY);
    const body = await request.text();
    const event = await stripe.webhooks.constructEventAsync(body, request.headers.get('stripe-signature')!, env.STRIPE_WEBHOOK_SECRET);
    await handle(event);
    return new Response('ok');
  },
} satisfies ExportedHandler;
`,
      },
      {
        name: 'a field read into a variable before verification, acted on after it',
        filename: 'app/api/webhooks/stripe/route.ts',
        code: `
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(request: Request) {
  const raw = await request.text();
  const eventType = JSON.parse(raw).type;
  stripe.webhooks.constructEvent(raw, request.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  if (eventType === 'invoice.paid') await markPaid(JSON.parse(raw).data.object.id);
  return new Response('ok');
}
`,
      },
      {
        name: 'the raw body and the request headers queued for a worker that verifies',
        filename: 'app/api/webhooks/stripe/route.ts',
        code: `
import { queue } from '@/lib/queue';
export async function POST(request: Request) {
  const body = await request.text();
  await queue.add('stripe-webhook', { body, signature: request.headers.get('stripe-signature') });
  return new Response(null, { status: 202 });
}
`,
      },
      {
        name: 'an authenticated internal endpoint that dispatches on event names',
        code: `
import { Hono } from 'hono';
const app = new Hono();
app.post('/api/audit', async (c) => {
  if (!c.req.header('authorization')) return c.text('Unauthorized', 401);
  const event = await c.req.json();
  if (event.type === 'user.created') await audit.log(event);
  return c.body(null, 204);
});
`,
      },
      {
        name: 'NestJS: the raw body and signature handed to an injected service',
        code: `
import { Controller, Headers, Post, Req, type RawBodyRequest } from '@nestjs/common';
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly billing: BillingWebhooks) {}
  @Post('stripe')
  async stripe(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature: string) {
    return this.billing.handle(req.rawBody, signature);
  }
}
`,
      },
      {
        name: 'a verify call inside a local helper, before JSON.parse of the same text',
        filename: 'src/routes/webhooks/lemon/+server.ts',
        code: `
import crypto from 'node:crypto';
function assertSigned(body: string, signature: string | null): void {
  const digest = crypto.createHmac('sha256', process.env.LEMON_SECRET!).update(body).digest('hex');
  if (!signature || !crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(signature))) throw new Error('bad signature');
}
export async function POST({ request }: { request: Request }) {
  const body = await request.text();
  assertSigned(body, request.headers.get('x-signature'));
  const payload = JSON.parse(body);
  await grant(payload.meta.custom_data.user_id);
  return new Response('ok');
}
`,
      },
      {
        name: 'strict: the secret comes from the environment and the tolerance is positive',
        options: STRICT,
        filename: 'app/api/webhooks/stripe/route.ts',
        code: `
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(request: Request) {
  const event = await stripe.webhooks.constructEventAsync(await request.text(), request.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!, 300);
  await handle(event);
  return new Response('ok');
}
`,
      },
      {
        name: 'Slack-style signed base string: the raw text inside the template fed to the HMAC is verification over the raw bytes',
        filename: 'app/api/slack/events/route.ts',
        code: `
import crypto from 'node:crypto';
export async function POST(req: Request) {
  const timestamp = req.headers.get('x-slack-request-timestamp') ?? '';
  const signature = req.headers.get('x-slack-signature') ?? '';
  const body = await req.text();
  const basestring = \`v0:\${timestamp}:\${body}\`;
  const expected = \`v0=\${crypto.createHmac('sha256', process.env.SLACK_SIGNING_SECRET!).update(basestring).digest('hex')}\`;
  if (expected.length !== signature.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    return new Response('Unauthorized', { status: 401 });
  }
  const event = JSON.parse(body);
  await handleSlackEvent(event);
  return new Response('ok');
}
`,
      },
      {
        name: 'strict: a length check before timingSafeEqual in a separate statement is not a timing leak',
        options: STRICT,
        filename: 'app/api/webhooks/lemon-squeezy/route.ts',
        code: `
import crypto from 'node:crypto';
function isValidSignature(payload: string, signature: string | null): boolean {
  if (!signature) return false;
  const digest = Buffer.from(crypto.createHmac('sha256', process.env.LEMONSQUEEZY_WEBHOOK_SECRET!).update(payload).digest('hex'), 'utf8');
  const received = Buffer.from(signature, 'utf8');
  if (digest.length !== received.length) return false;
  return crypto.timingSafeEqual(digest, received);
}
export async function POST(request: Request) {
  const raw = await request.text();
  if (!isValidSignature(raw, request.headers.get('x-signature'))) return new Response('Invalid', { status: 401 });
  const payload = JSON.parse(raw);
  await grantLicense(payload.meta.custom_data.user_id);
  return new Response('ok');
}
`,
      },
      {
        name: 'strict: Hono, crypto.subtle.sign over a signed base string, length check and a constant-time XOR loop',
        options: STRICT,
        code: `
import { Hono } from 'hono';
const app = new Hono();
app.post('/slack/commands', async (c) => {
  const timestamp = c.req.header('x-slack-request-timestamp') ?? '';
  const signature = c.req.header('x-slack-signature') ?? '';
  const rawBody = await c.req.text();
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(process.env.SLACK_SIGNING_SECRET!), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = await crypto.subtle.sign('HMAC', key, encoder.encode(\`v0:\${timestamp}:\${rawBody}\`));
  const computed = \`v0=\${Array.from(new Uint8Array(sig)).map((b) => b.toString(16).padStart(2, '0')).join('')}\`;
  if (computed.length !== signature.length) return c.json({ error: 'Invalid signature' }, 401);
  const a = encoder.encode(computed);
  const b = encoder.encode(signature);
  let mismatch = 0;
  for (let i = 0; i < a.length; i++) mismatch |= a[i]! ^ b[i]!;
  if (mismatch !== 0) return c.json({ error: 'Invalid signature' }, 401);
  const params = new URLSearchParams(rawBody);
  await runCommand(params.get('command'), params.get('user_id'));
  return c.text('ok');
});
`,
      },
      {
        name: 'a keyed createHash over secret + raw body compared with timingSafeEqual',
        filename: 'app/api/webhooks/billing/route.ts',
        code: `
import { createHash, timingSafeEqual } from 'node:crypto';
export async function POST(request: Request) {
  const rawBody = await request.text();
  const signature = request.headers.get('x-webhook-signature') ?? '';
  const expected = createHash('sha256').update(process.env.BILLING_WEBHOOK_SECRET + rawBody).digest('hex');
  if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    return new Response('Invalid signature', { status: 401 });
  }
  await applyBillingEvent(JSON.parse(rawBody));
  return new Response('ok');
}
`,
      },
      {
        name: 'echo-only test endpoint: the payload reaches only the response (App Router)',
        filename: 'app/api/webhooks/test/route.ts',
        code: `
import { NextRequest, NextResponse } from 'next/server';
export async function POST(request: NextRequest) {
  const body = await request.json();
  return NextResponse.json({ message: 'Webhook test received', receivedData: body, headers: Object.fromEntries(request.headers.entries()) });
}
`,
      },
      {
        name: 'echo-only endpoints: Pages API res.status().json, Hono c.json, Koa ctx.body',
        filename: 'pages/api/webhooks/echo.ts',
        code: `
import type { NextApiRequest, NextApiResponse } from 'next';
import { Hono } from 'hono';
import Router from '@koa/router';
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json({ echo: req.body });
}
const app = new Hono();
app.post('/webhooks/echo', async (c) => c.json({ received: await c.req.json() }));
const router = new Router();
router.post('/webhooks/echo', async (ctx) => {
  ctx.body = { received: ctx.request.body };
});
`,
      },
      {
        name: 'a handler wrapped by a logging wrapper that verifies before acting',
        filename: 'app/api/webhooks/stripe/route.ts',
        code: `
import Stripe from 'stripe';
import { withLogging } from '@/lib/logging';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const POST = withLogging(async (req: Request) => {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  await handle(event);
  return new Response('ok');
});
`,
      },
      {
        name: 'a handler wrapped by an auth wrapper is not a receiver (webhook settings behind the login)',
        filename: 'app/api/webhooks/route.ts',
        code: `
import { withAuth } from '@/lib/middleware';
export const POST = withAuth(async (request: Request & { auth: { userId: string } }) => {
  const { url, events } = await request.json();
  await db.webhook.create({ data: { url, events, userId: request.auth.userId } });
  return Response.json({ ok: true }, { status: 201 });
});
`,
      },
      {
        name: 'a wrapper the rule does not know (it may verify) is not looked through',
        filename: 'app/api/webhooks/stripe/route.ts',
        code: `
import { createHandler } from '@/lib/handlers';
export const POST = createHandler(async (request: Request) => {
  const event = await request.json();
  await handle(event);
  return new Response('ok');
});
`,
      },
      {
        name: 'Pages API: webhook settings managed by a signed-in team member',
        filename: 'pages/api/teams/[slug]/webhooks/index.ts',
        code: `
import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth/next';
import { authOptions } from '@/lib/auth';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).json({ error: 'Unauthorized' });
  if (req.method === 'POST') {
    const { name, url, triggers } = req.body;
    const webhook = await prisma.webhook.create({ data: { name, url, triggers, teamId: String(req.query.slug) } });
    return res.status(201).json(webhook);
  }
  return res.status(405).end();
}
`,
      },
      {
        name: 'a server action that manages webhook settings behind the login',
        filename: 'app/(dashboard)/settings/webhooks/actions.ts',
        code: `
'use server';
import { auth } from '@/lib/auth';
export async function createWebhook(formData: FormData) {
  const session = await auth();
  if (!session) throw new Error('Unauthorized');
  await db.webhook.create({ data: { url: String(formData.get('url')), secret: crypto.randomUUID(), userId: session.user.id } });
}
export async function deleteWebhook(id: string) {
  const session = await auth();
  if (!session) throw new Error('Unauthorized');
  await db.webhook.delete({ where: { id, userId: session.user.id } });
}
`,
      },
      {
        name: 'a page that lists the webhook settings of the signed-in user',
        filename: 'app/(dashboard)/settings/webhooks/page.tsx',
        code: `
import { auth } from '@/lib/auth';
export default async function WebhooksPage() {
  const session = await auth();
  const webhooks = await db.webhook.findMany({ where: { userId: session?.user.id } });
  return <ul>{webhooks.map((webhook: { id: string; url: string }) => <li key={webhook.id}>{webhook.url}</li>)}</ul>;
}
`,
      },
      {
        name: 'a shared verification token compared with the configured one (Pub/Sub push, Graph clientState)',
        filename: 'app/api/google/webhook/route.ts',
        code: `
import { NextResponse } from 'next/server';
import { env } from '@/env';
export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get('token');
  const verificationToken = env.GOOGLE_PUBSUB_VERIFICATION_TOKEN;
  if (verificationToken == null) return NextResponse.json({ message: 'not configured' }, { status: 503 });
  if (verificationToken !== '' && token !== verificationToken) return NextResponse.json({ message: 'Invalid token' }, { status: 403 });
  const body = await request.json();
  await processHistory(body.message.data);
  return NextResponse.json({ ok: true });
}
`,
      },
      {
        name: 'the payload validated with a schema before verification (validating is not acting), items checked in a loop',
        filename: 'app/api/outlook/webhook/route.ts',
        code: `
import { NextResponse } from 'next/server';
import { z } from 'zod';
const schema = z.object({ value: z.array(z.object({ clientState: z.string(), subscriptionId: z.string() })) });
export async function POST(request: Request) {
  const parsed = schema.safeParse(await request.json());
  if (!parsed.success) return NextResponse.json({ error: 'Invalid payload' }, { status: 400 });
  const body = parsed.data;
  for (const notification of body.value) {
    if (notification.clientState !== process.env.MICROSOFT_WEBHOOK_CLIENT_STATE) {
      console.warn('bad clientState', notification.subscriptionId);
      return NextResponse.json({ error: 'Unauthorized' }, { status: 403 });
    }
  }
  await processNotifications(body.value);
  return NextResponse.json({ ok: true });
}
`,
      },
      {
        name: 'a local verifier declared below the handler that hashes the raw stream (body parser off)',
        filename: 'pages/api/webhooks/dsync.ts',
        code: `
import type { NextApiRequest, NextApiResponse } from 'next';
import crypto from 'node:crypto';
import getRawBody from 'raw-body';
export const config = { api: { bodyParser: false } };
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const raw = (await getRawBody(req)).toString();
  if (!verifyWebhookSignature(raw, req.headers['x-webhook-signature'] as string)) return res.status(401).end();
  await handleEvents(JSON.parse(raw));
  res.end();
}
const verifyWebhookSignature = (payload: string, signature: string) => {
  const expected = crypto.createHmac('sha256', process.env.DSYNC_WEBHOOK_SECRET!).update(payload).digest('hex');
  return expected.length === signature.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
};
`,
      },
      {
        name: 'JSON.stringify of a new object inside the HMAC is a message built here, not a re-serialised body',
        filename: 'app/api/webhooks/relay/route.ts',
        code: `
import crypto from 'node:crypto';
export async function POST(request: Request) {
  const raw = await request.text();
  const signature = request.headers.get('x-webhook-signature') ?? '';
  const digest = crypto.createHmac('sha256', process.env.RELAY_SECRET!).update(raw).digest('hex');
  if (!crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(signature))) return new Response('no', { status: 401 });
  const event = JSON.parse(raw);
  const ack = crypto.createHmac('sha256', process.env.RELAY_SECRET!).update(JSON.stringify({ id: event.id })).digest('hex');
  await forward(event, ack);
  return new Response('ok');
}
`,
      },
      {
        name: 'strict: a local constant-time compare (XOR loop) given the HMAC digest verifies, and is no timing leak',
        options: STRICT,
        filename: 'app/api/webhooks/calendly/route.ts',
        code: `
import crypto from 'node:crypto';
function equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
export async function POST(request: Request) {
  const raw = await request.text();
  const [t, v1] = (request.headers.get('calendly-webhook-signature') ?? '').split(',').map((part) => part.split('=')[1] ?? '');
  const expected = crypto.createHmac('sha256', process.env.CALENDLY_SIGNING_KEY!).update(\`\${t}.\${raw}\`).digest('hex');
  if (!equal(expected, v1 ?? '')) return new Response('Invalid signature', { status: 401 });
  await bookMeeting(JSON.parse(raw).payload);
  return new Response('ok');
}
`,
      },
    ],
    invalid: [
      {
        name: 'Next.js App Router: request.json() dispatched on without verification',
        filename: 'app/api/webhooks/stripe/route.ts',
        code: `
import { NextResponse } from 'next/server';
export async function POST(request: Request) {
  const event = await request.json();
  if (event.type === 'checkout.session.completed') {
    await grantAccess(event.data.object.client_reference_id);
  }
  return NextResponse.json({ received: true });
}
`,
        errors: [{ messageId: 'unverified', line: 5, column: 7, data: { payload: 'request.json()', provider: 'Stripe ', fix: "call `stripe.webhooks.constructEvent(rawBody, request.headers['stripe-signature'], endpointSecret)` (`constructEventAsync` on edge runtimes) and act only on the event it returns" } }],
      },
      {
        name: '@hono/zod-openapi: a webhook route registered with app.openapi(createRoute(...)) acting on c.req.json()',
        code: `
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
const app = new OpenAPIHono();
app.openapi(
  createRoute({ method: 'post', path: '/webhooks/stripe', responses: { 200: { description: 'ok' } } }),
  async (c) => {
    const event = await c.req.json();
    if (event.type === 'invoice.paid') await markPaid(event.data.object.id);
    return c.json({ received: true }, 200);
  },
);
`,
        errors: [{ messageId: 'unverified', line: 8, column: 9 }],
      },
      {
        name: 'a catch that tests for some other error class and carries on after a bad signature',
        code: `
import { Hono } from 'hono';
import { validateEvent } from '@polar-sh/sdk/webhooks';
const app = new Hono();
app.post('/webhooks/polar', async (c) => {
  const rawBody = await c.req.text();
  let event: any;
  try {
    event = validateEvent(rawBody, Object.fromEntries(c.req.raw.headers), process.env.POLAR_WEBHOOK_SECRET!);
  } catch (err) {
    if (err instanceof TypeError) return c.json({ error: 'bad request' }, 400);
    event = JSON.parse(rawBody);
  }
  if (event.type === 'subscription.created') await activate(event.data.metadata.teamId);
  return c.json({ ok: true });
});
`,
        errors: [{ messageId: 'catchCarriesOn', line: 9 }],
      },
      {
        name: 'Next.js App Router: svix verify of JSON.stringify(await req.json()) in a try that carries on',
        filename: 'app/api/webhooks/clerk/route.ts',
        code: `
import { Webhook } from 'svix';
import { headers } from 'next/headers';
export async function POST(req: Request) {
  const payload = await req.json();
  const body = JSON.stringify(payload);
  const h = await headers();
  try {
    new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(body, {
      'svix-id': h.get('svix-id')!,
      'svix-timestamp': h.get('svix-timestamp')!,
      'svix-signature': h.get('svix-signature')!,
    });
  } catch (err) {
    console.error('verification failed', err);
  }
  if (payload.type === 'user.created') await createUser(payload.data);
  return new Response('ok');
}
`,
        errors: [
          { messageId: 'catchCarriesOn', line: 9, column: 5 },
          { messageId: 'wrongBytes', line: 9, column: 59 },
        ],
      },
      {
        name: 'Hono: c.req.json() of a Paddle webhook used at once',
        code: `
import { Hono } from 'hono';
const app = new Hono();
app.post('/paddle', async (c) => {
  const body = await c.req.json();
  if (body.event_type === 'subscription.canceled') await cancel(body.data.id);
  return c.json({ ok: true });
});
`,
        errors: [{ messageId: 'unverified', line: 6, column: 7, data: { payload: 'c.req.json()', provider: 'Paddle ', fix: "call `paddle.webhooks.unmarshal(rawBody, secret, request.headers['paddle-signature'])` and act only on the event it returns" } }],
      },
      {
        name: 'NestJS: @Body() given to constructEvent (wrong bytes)',
        code: `
import { Body, Controller, Headers, Post } from '@nestjs/common';
import Stripe from 'stripe';
@Controller('webhooks')
export class StripeWebhookController {
  constructor(private readonly stripe: Stripe) {}
  @Post('stripe')
  async handle(@Body() body: unknown, @Headers('stripe-signature') signature: string) {
    const event = this.stripe.webhooks.constructEvent(JSON.stringify(body), signature, process.env.STRIPE_WEBHOOK_SECRET!);
    await this.billing.apply(event);
  }
}
`,
        errors: [{ messageId: 'wrongBytes', line: 9, column: 55 }],
      },
      {
        name: 'NestJS: @Body() of a webhook controller used with no verification',
        code: `
import { Body, Controller, Post } from '@nestjs/common';
@Controller('webhooks/lemonsqueezy')
export class LemonSqueezyController {
  @Post()
  async receive(@Body() payload: { meta: { event_name: string }; data: { id: string } }) {
    if (payload.meta.event_name === 'order_created') await this.orders.fulfil(payload.data.id);
  }
}
`,
        errors: [{ messageId: 'unverified', line: 7, column: 9 }],
      },
      {
        name: 'Remix / React Router action: request.json() with no verification',
        filename: 'app/routes/api.webhooks.stripe.ts',
        code: `
export async function action({ request }: { request: Request }) {
  const event = await request.json();
  await fulfil(event.data.object);
  return new Response('ok');
}
`,
        errors: [{ messageId: 'unverified', line: 4, column: 16 }],
      },
      {
        name: 'SvelteKit: the Octokit verify result is thrown away',
        filename: 'src/routes/webhooks/github/+server.ts',
        code: `
import { Webhooks } from '@octokit/webhooks';
const webhooks = new Webhooks({ secret: process.env.GITHUB_WEBHOOK_SECRET! });
export async function POST({ request }: { request: Request }) {
  const body = await request.text();
  await webhooks.verify(body, request.headers.get('x-hub-signature-256') ?? '');
  const event = JSON.parse(body);
  await deploy(event.ref);
  return new Response('ok');
}
`,
        errors: [{ messageId: 'ignoredResult', line: 6, column: 9, data: { verifier: '`webhooks.verify()`' } }],
      },
      {
        name: 'Next.js Pages API: raw stream read without disabling the body parser',
        filename: 'pages/api/webhooks/stripe.ts',
        code: `
import type { NextApiRequest, NextApiResponse } from 'next';
import { buffer } from 'micro';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const buf = await buffer(req);
  const event = stripe.webhooks.constructEvent(buf, req.headers['stripe-signature']!, process.env.STRIPE_WEBHOOK_SECRET!);
  await handle(event);
  res.json({ received: true });
}
`,
        errors: [{ messageId: 'wrongBytes', line: 8, column: 48 }],
      },
      {
        name: 'Koa: ctx.request.body parsed by @koa/bodyparser given to svix',
        code: `
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { Webhook } from 'svix';
const router = new Router();
router.post('/webhooks/clerk', bodyParser(), async (ctx) => {
  const event = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(ctx.request.body, ctx.headers as Record<string, string>);
  await sync(event);
  ctx.status = 204;
});
`,
        errors: [{ messageId: 'wrongBytes', line: 7, column: 71 }],
      },
      {
        name: 'Express: express.json() on the route itself',
        code: `
import express from 'express';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const app = express();
app.post('/webhooks/stripe', express.json(), (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  res.json({ id: event.id });
});
`,
        errors: [{ messageId: 'wrongBytes', line: 7, column: 48 }],
      },
      {
        name: 'SvelteKit: event.request.json() of a Clerk webhook used with no verification',
        filename: 'src/routes/api/webhooks/clerk/+server.ts',
        code: `
export async function POST(event: { request: Request }) {
  const payload = await event.request.json();
  if (payload.type === 'user.deleted') await deleteUser(payload.data.id);
  return new Response('ok');
}
`,
        errors: [{ messageId: 'unverified', line: 4, column: 7, data: { payload: 'event.request.json()', provider: 'Clerk ', fix: 'call `verifyWebhook(request)` from `@clerk/nextjs/webhooks` (or `@clerk/backend/webhooks`), or `new Webhook(secret).verify(rawBody, svixHeaders)` from `svix`, and act only on the event it returns' } }],
      },
      {
        name: 'a verify call only in the else branch of a test-mode shortcut',
        filename: 'app/api/webhooks/stripe/route.ts',
        code: `
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(request: Request) {
  const body = await request.text();
  let event: Stripe.Event;
  if (process.env.STRIPE_SKIP_VERIFY === 'true') {
    event = JSON.parse(body);
  } else {
    event = stripe.webhooks.constructEvent(body, request.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  }
  await handle(event);
  return new Response('ok');
}
`,
        errors: [{ messageId: 'conditionalVerification', line: 10, column: 13, data: { verifier: '`stripe.webhooks.constructEvent()`', condition: "process.env.STRIPE_SKIP_VERIFY === 'true'" } }],
      },
      {
        name: 'options: an extra signature header marks the handler as a webhook',
        options: [{ signatureHeaders: ['X-Acme-Signature'] }],
        code: `
import { Hono } from 'hono';
const app = new Hono();
app.post('/acme', async (c) => {
  const sig = c.req.header('x-acme-signature');
  const body = await c.req.json();
  await applyAcmeEvent(body, Boolean(sig));
  return c.body(null, 204);
});
`,
        errors: [{ messageId: 'unverified', line: 7, column: 24 }],
      },
      {
        name: 'options: an extra webhook path pattern',
        options: [{ webhookPaths: ['^/api/integrations/'] }],
        code: `
import express from 'express';
const app = express();
app.post('/api/integrations/billing', (req, res) => {
  applyBillingEvent(req.body);
  res.end();
});
`,
        errors: [{ messageId: 'unverified', line: 5, column: 21 }],
      },
      {
        name: 'strict: tolerance 0 and a literal signing secret',
        options: STRICT,
        filename: 'app/api/webhooks/stripe/route.ts',
        code: `
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const endpointSecret = 'whsec_1234567890abcdef';
export async function POST(request: Request) {
  const event = stripe.webhooks.constructEvent(await request.text(), request.headers.get('stripe-signature')!, endpointSecret, 0);
  await handle(event);
  return new Response('ok');
}
`,
        errors: [
          { messageId: 'literalSecret', line: 6, column: 112 },
          { messageId: 'zeroTolerance', line: 6, column: 128, data: { verifier: '`stripe.webhooks.constructEvent()`', value: '0' } },
        ],
      },
      {
        name: 'strict: a literal secret for svix',
        options: STRICT,
        code: `
import { Webhook } from 'svix';
export const wh = new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
`,
        errors: [{ messageId: 'literalSecret', line: 3, column: 31 }],
      },
      {
        name: 'Pages API: a local verifyWebhookSignature(req) declared below the handler hashes JSON.stringify(req.body) in a template',
        filename: 'pages/api/webhooks/dsync.ts',
        code: `
import type { NextApiRequest, NextApiResponse } from 'next';
import crypto from 'node:crypto';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (!verifyWebhookSignature(req)) return res.status(401).end();
  await handleEvents(req.body);
  res.end();
}
const verifyWebhookSignature = (req: NextApiRequest) => {
  const [t, s] = String(req.headers['boxyhq-signature']).split(',');
  const expected = crypto
    .createHmac('sha256', process.env.DSYNC_WEBHOOK_SECRET!)
    .update(\`\${t}.\${JSON.stringify(req.body)}\`)
    .digest('hex');
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(String(s)));
};
`,
        errors: [{ messageId: 'wrongBytes', line: 13, column: 13, data: { verifier: '`crypto.timingSafeEqual()`', bytes: 'a re-serialised body (`JSON.stringify(...)`)', why: 're-serialising a parsed body changes whitespace, key order and escapes', advice: 'add `export const config = { api: { bodyParser: false } }` and verify the raw bytes read from the request stream (`await buffer(req)` from `micro`, or `raw-body`)' } }],
      },
      {
        name: 'Pages API: a local verifier hashes req.body, which the default body parser has parsed',
        filename: 'pages/api/webhooks/billing.ts',
        code: `
import type { NextApiRequest, NextApiResponse } from 'next';
import crypto from 'node:crypto';
function checkSignature(req: NextApiRequest): boolean {
  const digest = crypto.createHmac('sha256', process.env.BILLING_SECRET!).update(req.body).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(String(req.headers['x-webhook-signature'])));
}
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (!checkSignature(req)) return res.status(401).end();
  await applyBillingEvent(req.body);
  res.end();
}
`,
        errors: [{ messageId: 'wrongBytes', line: 5, column: 82, data: { verifier: '`crypto.timingSafeEqual()`', bytes: 'the parsed body `req.body`', why: 'Next.js API routes parse the body into an object unless the body parser is disabled', advice: 'add `export const config = { api: { bodyParser: false } }` and verify the raw bytes read from the request stream (`await buffer(req)` from `micro`, or `raw-body`)' } }],
      },
      {
        name: 'a local verifier given JSON.stringify of the parsed body through its parameter',
        filename: 'app/api/webhooks/lemon/route.ts',
        code: `
import crypto from 'node:crypto';
export async function POST(request: Request) {
  const payload = await request.json();
  if (!verifySignature(JSON.stringify(payload), request.headers.get('x-signature'))) return new Response('no', { status: 401 });
  await grantLicense(payload.meta.custom_data.user_id);
  return new Response('ok');
}
function verifySignature(body: string, signature: string | null) {
  const digest = crypto.createHmac('sha256', process.env.LEMON_SECRET!).update(body).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(signature ?? ''));
}
`,
        errors: [{ messageId: 'wrongBytes', line: 5, column: 24 }],
      },
      {
        name: 'a template base string that re-serialises the parsed body (App Router)',
        filename: 'app/api/slack/events/route.ts',
        code: `
import crypto from 'node:crypto';
export async function POST(req: Request) {
  const timestamp = req.headers.get('x-slack-request-timestamp') ?? '';
  const event = await req.json();
  const expected = 'v0=' + crypto.createHmac('sha256', process.env.SLACK_SIGNING_SECRET!).update(\`v0:\${timestamp}:\${JSON.stringify(event)}\`).digest('hex');
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(req.headers.get('x-slack-signature') ?? ''))) {
    return new Response('Unauthorized', { status: 401 });
  }
  await handleSlackEvent(event);
  return new Response('ok');
}
`,
        errors: [{ messageId: 'wrongBytes', line: 6, column: 98 }],
      },
      {
        name: 'strict: the Slack-style signed base string compared with !== is a timing leak, not a use before verification',
        options: STRICT,
        filename: 'app/api/aurinko/webhook/route.ts',
        code: `
import crypto from 'node:crypto';
export const POST = async (req: Request) => {
  const timestamp = req.headers.get('X-Aurinko-Request-Timestamp');
  const signature = req.headers.get('X-Aurinko-Signature');
  const body = await req.text();
  if (!timestamp || !signature || !body) return new Response('Bad Request', { status: 400 });
  const basestring = \`v0:\${timestamp}:\${body}\`;
  const expectedSignature = crypto.createHmac('sha256', process.env.AURINKO_SIGNING_SECRET!).update(basestring).digest('hex');
  if (signature !== expectedSignature) return new Response('Unauthorized', { status: 401 });
  const payload = JSON.parse(body);
  await syncAccount(payload.accountId);
  return new Response('ok');
};
`,
        errors: [{ messageId: 'timingCompare', line: 10, column: 7, data: { operator: '!==' } }],
      },
      {
        name: 'strict: a keyed createHash over secret + raw body compared with !==',
        options: STRICT,
        code: `
import { createHash } from 'node:crypto';
import express from 'express';
const app = express();
app.post('/hooks/billing', express.raw({ type: 'application/json' }), (req, res) => {
  const secret = process.env.BILLING_WEBHOOK_SECRET;
  const signature = createHash('sha256').update(secret + req.body.toString()).digest('hex');
  if (signature !== req.get('x-billing-signature')) return res.status(401).end();
  applyBillingEvent(JSON.parse(req.body.toString()));
  res.end();
});
`,
        errors: [{ messageId: 'timingCompare', line: 8, column: 7, data: { operator: '!==' } }],
      },
      {
        name: 'a handler wrapped by a logging wrapper acts on request.json() with no verification',
        filename: 'app/api/webhooks/stripe/route.ts',
        code: `
import { withLogging } from '@/lib/logging';
export const POST = withLogging(async (req: Request) => {
  const event = await req.json();
  if (event.type === 'checkout.session.completed') await grantAccess(event.data.object.client_reference_id);
  return Response.json({ received: true });
});
`,
        errors: [{ messageId: 'unverified', line: 5, column: 7 }],
      },
      {
        name: 'a Pages API handler exported through withSentry(handler)',
        filename: 'pages/api/webhooks/clerk.ts',
        code: `
import type { NextApiRequest, NextApiResponse } from 'next';
import { withSentry } from '@sentry/nextjs';
async function handler(req: NextApiRequest, res: NextApiResponse) {
  await db.user.upsert({ where: { id: req.body.data.id }, create: req.body.data, update: req.body.data });
  res.end();
}
export default withSentry(handler);
`,
        errors: [{ messageId: 'unverified', line: 5, column: 39 }],
      },
      {
        name: 'App Router: withError("scope", handler) is looked through',
        filename: 'app/api/lemon/webhook/route.ts',
        code: `
import { withError } from '@/utils/middleware';
export const POST = withError('lemon/webhook', async (request: Request) => {
  const payload = await request.json();
  await upgradeToPremium(payload.meta.custom_data.user_id);
  return Response.json({ ok: true });
});
`,
        errors: [{ messageId: 'unverified', line: 5, column: 26 }],
      },
      {
        name: 'an echo does not hide an action on the payload',
        filename: 'app/api/webhooks/test/route.ts',
        code: `
import { NextResponse } from 'next/server';
export async function POST(request: Request) {
  const body = await request.json();
  await db.user.update({ where: { id: body.userId }, data: { plan: 'pro' } });
  return NextResponse.json({ receivedData: body });
}
`,
        errors: [{ messageId: 'unverified', line: 5, column: 39 }],
      },
      ...[
        'X-HubSpot-Signature',
        'X-HubSpot-Signature-v3',
        'Linear-Signature',
        'Calendly-Webhook-Signature',
        'X-Zm-Signature',
        'X-Square-Hmacsha256-Signature',
        'Typeform-Signature',
        'Sanity-Webhook-Signature',
        'Mux-Signature',
        'X-Vercel-Signature',
        'X-Slack-Signature',
        'X-Razorpay-Signature',
        'X-Paystack-Signature',
        'X-Cal-Signature-256',
        'WorkOS-Signature',
      ].map((header) => ({
        name: `a handler that reads the ${header} header is a receiver`,
        code: `
import { Hono } from 'hono';
const app = new Hono();
app.post('/api/crm/events', async (c) => {
  if (!c.req.header('${header}')) return c.text('Missing signature', 401);
  const event = await c.req.json();
  await syncContact(event.objectId);
  return c.body(null, 204);
});
`,
        errors: [{ messageId: 'unverified' as const, line: 7, column: 21 }],
      })),
    ],
  });
});

describe('TypeScript with type information', () => {
  webhookTypedTester().run('no-unverified-webhook', rule, {
    valid: [
      {
        name: 'Next.js App Router with the real Stripe types: constructEventAsync over request.text()',
        filename: path.join(TYPED_ROOT, 'app/api/webhooks/stripe/route.ts'),
        code: `
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');
export async function POST(request: Request): Promise<Response> {
  const body = await request.text();
  const signature = request.headers.get('stripe-signature') ?? '';
  let event: Stripe.Event;
  try {
    event = await stripe.webhooks.constructEventAsync(body, signature, process.env.STRIPE_WEBHOOK_SECRET ?? '');
  } catch {
    return new Response('Invalid signature', { status: 400 });
  }
  if (event.type === 'invoice.paid') console.log(event.data.object.id);
  return Response.json({ received: true });
}
`,
      },
      {
        name: 'Express with real types: express.raw and the svix Webhook',
        code: `
import express, { type Request, type Response } from 'express';
import { Webhook } from 'svix';
const app = express();
const wh = new Webhook(process.env.SVIX_SECRET ?? '');
app.post('/webhooks/svix', express.raw({ type: 'application/json' }), (req: Request, res: Response) => {
  const event = wh.verify(req.body as Buffer, {
    'svix-id': req.header('svix-id') ?? '',
    'svix-timestamp': req.header('svix-timestamp') ?? '',
    'svix-signature': req.header('svix-signature') ?? '',
  }) as { type: string };
  res.json({ type: event.type });
});
`,
      },
      {
        name: 'Hono with real types: Octokit verify checked before the payload is used',
        code: `
import { Hono } from 'hono';
import { Webhooks } from '@octokit/webhooks';
const webhooks = new Webhooks({ secret: process.env.GITHUB_WEBHOOK_SECRET ?? '' });
const app = new Hono();
app.post('/webhooks/github', async (c) => {
  const body = await c.req.text();
  const ok = await webhooks.verify(body, c.req.header('x-hub-signature-256') ?? '');
  if (!ok) return c.text('Unauthorized', 401);
  const event = JSON.parse(body) as { ref?: string };
  return c.json({ ref: event.ref ?? null });
});
`,
      },
      {
        name: 'Next.js App Router with real types: an echo-only test endpoint',
        filename: path.join(TYPED_ROOT, 'app/api/webhooks/test/route.ts'),
        code: `
import { NextResponse, type NextRequest } from 'next/server';
export async function POST(request: NextRequest): Promise<NextResponse> {
  const body: unknown = await request.json();
  return NextResponse.json({ message: 'Webhook test received', receivedData: body });
}
`,
      },
    ],
    invalid: [
      {
        name: 'Next.js App Router with the real Stripe types: the event is read from request.json()',
        filename: path.join(TYPED_ROOT, 'app/api/webhooks/stripe/route.ts'),
        code: `
import type Stripe from 'stripe';
export async function POST(request: Request): Promise<Response> {
  const event = (await request.json()) as Stripe.Event;
  if (event.type === 'customer.subscription.deleted') console.log(event.data.object.id);
  return Response.json({ received: true });
}
`,
        errors: [{ messageId: 'unverified', line: 5, column: 7 }],
      },
      {
        name: 'Express with real types: global express.json() and JSON.stringify(req.body)',
        code: `
import express, { type Request, type Response } from 'express';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');
const app = express();
app.use(express.json());
app.post('/webhooks/stripe', (req: Request, res: Response) => {
  const event = stripe.webhooks.constructEvent(req.body as Buffer, req.header('stripe-signature') ?? '', process.env.STRIPE_WEBHOOK_SECRET ?? '');
  res.json({ id: event.id });
});
`,
        errors: [{ messageId: 'wrongBytes', line: 8, column: 48 }],
      },
      {
        name: 'Fastify with real types: the Shopify HMAC compared with === (strict)',
        options: STRICT,
        code: `
import crypto from 'node:crypto';
import Fastify from 'fastify';
const app = Fastify();
app.post<{ Body: string }>('/webhooks/shopify', async (request, reply) => {
  const digest = crypto.createHmac('sha256', process.env.SHOPIFY_SECRET ?? '').update(request.body).digest('base64');
  if (digest === request.headers['x-shopify-hmac-sha256']) {
    const order = JSON.parse(request.body) as { id: number };
    return { id: order.id };
  }
  return reply.code(401).send();
});
`,
        errors: [
          { messageId: 'wrongBytes', line: 6, column: 87 },
          { messageId: 'timingCompare', line: 7, column: 7 },
        ],
      },
      {
        name: 'Next.js Pages API with real types: a verifier declared below the handler hashes JSON.stringify(req.body)',
        filename: path.join(TYPED_ROOT, 'pages/api/dsync-webhook.ts'),
        code: `
import type { NextApiRequest, NextApiResponse } from 'next';
import crypto from 'node:crypto';
export default async function handler(req: NextApiRequest, res: NextApiResponse): Promise<void> {
  if (!verifyWebhookSignature(req)) {
    res.status(401).end();
    return;
  }
  console.log(req.body);
  await Promise.resolve(req.body);
  res.end();
}
const verifyWebhookSignature = (req: NextApiRequest): boolean => {
  const header = req.headers['boxyhq-signature'];
  const [t, s] = (typeof header === 'string' ? header : '').split(',');
  const expected = crypto.createHmac('sha256', process.env.DSYNC_WEBHOOK_SECRET ?? '').update(\`\${t ?? ''}.\${JSON.stringify(req.body)}\`).digest('hex');
  return expected === s;
};
`,
        errors: [{ messageId: 'wrongBytes', line: 16, column: 95 }],
      },
    ],
  });
});

describe('cost on files without a signal', () => {
  const { lint, linted } = costProbe('no-unverified-webhook', rule);

  it('computes no per-file facts for a file without a webhook signal, even with type information', () => {
    lint(`
        import express from 'express';
        const app = express();
        app.use(express.json());
        app.post('/api/projects', async (req, res) => { res.json(await db.project.create({ data: req.body })); });
      `);
    expect(computedFileFacts(linted())).toEqual([]);
  });

  it('never asks the type checker on a webhook handler it can decide from syntax', () => {
    const messages = lint(`
        import express from 'express';
        const app = express();
        app.post('/webhooks/stripe', express.json(), async (req, res) => {
          const event = req.body;
          if (event.type === 'invoice.paid') await markPaid(event.data.object.id);
          res.json({ received: true });
        });
      `);
    expect(messages.map((message) => message.messageId ?? message.message)).toEqual(['unverified']);
    expect(peekFileFacts(linted())?.typesRequested).toBe(false);
  });
});
