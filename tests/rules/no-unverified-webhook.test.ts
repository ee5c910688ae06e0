import path from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';

import { peekFileFacts } from '../../src/analysis/file-facts.js';
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
    expect(peekFileFacts(linted())).toBeUndefined();
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
