/**
 * Declarative facts about webhook providers: how each signs its requests, which call verifies a
 * signature, which event type strings it sends, and how each framework keeps the raw body.
 * Used by `no-unverified-webhook`; no AST code here.
 */

export type ProviderId =
  | 'clerk'
  | 'github'
  | 'lemonsqueezy'
  | 'paddle'
  | 'polar'
  | 'resend'
  | 'shopify'
  | 'standardwebhooks'
  | 'stripe'
  | 'svix'
  | 'twilio';

export interface Provider {
  readonly name: string;
  /** The exact fix, in one sentence fragment: which call verifies this provider's signature. */
  readonly fix: string;
}

export const PROVIDERS: Readonly<Record<ProviderId, Provider>> = {
  stripe: {
    name: 'Stripe',
    fix: "call `stripe.webhooks.constructEvent(rawBody, request.headers['stripe-signature'], endpointSecret)` (`constructEventAsync` on edge runtimes) and act only on the event it returns",
  },
  svix: {
    name: 'Svix',
    fix: "call `new Webhook(secret).verify(rawBody, { 'svix-id', 'svix-timestamp', 'svix-signature' })` from `svix` and act only on what it returns",
  },
  standardwebhooks: {
    name: 'Standard Webhooks',
    fix: "call `new Webhook(secret).verify(rawBody, { 'webhook-id', 'webhook-timestamp', 'webhook-signature' })` from `standardwebhooks` and act only on what it returns",
  },
  clerk: {
    name: 'Clerk',
    fix: 'call `verifyWebhook(request)` from `@clerk/nextjs/webhooks` (or `@clerk/backend/webhooks`), or `new Webhook(secret).verify(rawBody, svixHeaders)` from `svix`, and act only on the event it returns',
  },
  resend: {
    name: 'Resend',
    fix: "call `resend.webhooks.verify(...)` or `new Webhook(secret).verify(rawBody, svixHeaders)` from `svix`, and act only on what it returns",
  },
  github: {
    name: 'GitHub',
    fix: "check `await webhooks.verify(rawBody, request.headers['x-hub-signature-256'])` from `@octokit/webhooks` (or use `verifyAndReceive`) and stop with 401 when it is false",
  },
  shopify: {
    name: 'Shopify',
    fix: "check `await shopify.webhooks.validate({ rawBody, rawRequest, rawResponse })` (or compare an HMAC-SHA256 of the raw body, base64, with `x-shopify-hmac-sha256` using `crypto.timingSafeEqual`) and stop with 401 when it is invalid",
  },
  paddle: {
    name: 'Paddle',
    fix: "call `paddle.webhooks.unmarshal(rawBody, secret, request.headers['paddle-signature'])` and act only on the event it returns",
  },
  lemonsqueezy: {
    name: 'Lemon Squeezy',
    fix: "compare `crypto.createHmac('sha256', secret).update(rawBody).digest('hex')` with the `x-signature` header using `crypto.timingSafeEqual`, and stop with 401 when they differ",
  },
  polar: {
    name: 'Polar',
    fix: 'call `validateEvent(rawBody, headers, secret)` from `@polar-sh/sdk/webhooks` and act only on the event it returns',
  },
  twilio: {
    name: 'Twilio',
    fix: "check `twilio.validateRequest(authToken, request.headers['x-twilio-signature'], url, params)` and stop with 403 when it is false",
  },
};

/** Generic advice when the provider is not known. */
export const GENERIC_FIX =
  "call the provider's verifier, or compare an HMAC of the raw body with the signature header using `crypto.timingSafeEqual`, and stop with 401 when it fails";

/** Request headers that carry a webhook signature, lower-case, and who sends them. */
export const SIGNATURE_HEADERS: ReadonlyMap<string, ProviderId | null> = new Map<string, ProviderId | null>([
  ['stripe-signature', 'stripe'],
  ['svix-signature', 'svix'],
  ['svix-id', 'svix'],
  ['svix-timestamp', 'svix'],
  ['webhook-signature', 'standardwebhooks'],
  ['webhook-id', 'standardwebhooks'],
  ['webhook-timestamp', 'standardwebhooks'],
  ['x-hub-signature-256', 'github'],
  ['x-hub-signature', 'github'],
  ['x-shopify-hmac-sha256', 'shopify'],
  ['paddle-signature', 'paddle'],
  ['x-signature', 'lemonsqueezy'],
  ['x-twilio-signature', 'twilio'],
  ['x-webhook-signature', null],
  ['x-signature-256', null],
  // Hand-rolled HMAC receivers, from each provider's webhook documentation.
  ['x-hubspot-signature', null],
  ['x-hubspot-signature-v3', null],
  ['x-slack-signature', null],
  ['linear-signature', null],
  ['calendly-webhook-signature', null],
  ['x-zm-signature', null],
  ['x-square-hmacsha256-signature', null],
  ['x-square-signature', null],
  ['typeform-signature', null],
  ['sanity-webhook-signature', null],
  ['mux-signature', null],
  ['x-vercel-signature', null],
  ['x-razorpay-signature', null],
  ['x-paystack-signature', null],
  ['x-cal-signature-256', null],
  ['workos-signature', null],
  ['x-hook-signature', null],
  ['x-dropbox-signature', null],
  ['x-cc-webhook-signature', null],
  ['x-signature-ed25519', null],
  ['teller-signature', null],
  ['sentry-hook-signature', null],
  ['x-pagerduty-signature', null],
  ['x-zendesk-webhook-signature', null],
  ['twitch-eventsub-message-signature', null],
  ['x-twilio-email-event-webhook-signature', null],
]);

/**
 * Event type strings a handler dispatches on, by provider (matched in `case` tests and equality
 * comparisons). Only strings specific enough to mean "a provider's event".
 */
export const EVENT_TYPES: readonly { readonly pattern: RegExp; readonly provider: ProviderId | null }[] = [
  {
    pattern:
      /^(?:checkout\.session|invoice|customer\.subscription|payment_intent|charge|customer|payout|account|setup_intent|subscription_schedule|billing_portal|payment_method|price|product)\.[a-z_.]+$/u,
    provider: 'stripe',
  },
  { pattern: /^(?:user|session|organization|organizationMembership|organizationInvitation|email|sms)\.[a-zA-Z_]+$/u, provider: 'clerk' },
  { pattern: /^(?:transaction|subscription|customer|adjustment|address|business|payout)\.(?:created|updated|completed|paid|canceled|past_due|activated|trialing|billed|ready|payment_failed|imported)$/u, provider: 'paddle' },
  {
    pattern: /^(?:order_created|order_refunded|subscription_created|subscription_updated|subscription_cancelled|subscription_resumed|subscription_expired|subscription_paused|subscription_unpaused|subscription_payment_success|subscription_payment_failed|license_key_created)$/u,
    provider: 'lemonsqueezy',
  },
  { pattern: /^(?:orders|products|customers|app|carts|checkouts|refunds|fulfillments)\/[a-z_]+$/u, provider: 'shopify' },
];

/** Modules whose import identifies a provider. */
export const PROVIDER_MODULES: readonly { readonly source: string; readonly provider: ProviderId }[] = [
  { source: 'stripe', provider: 'stripe' },
  { source: 'svix', provider: 'svix' },
  { source: 'standardwebhooks', provider: 'standardwebhooks' },
  { source: '@clerk/', provider: 'clerk' },
  { source: '@octokit/webhooks', provider: 'github' },
  { source: '@octokit/webhooks-methods', provider: 'github' },
  { source: '@shopify/', provider: 'shopify' },
  { source: '@paddle/paddle-node-sdk', provider: 'paddle' },
  { source: '@lemonsqueezy/lemonsqueezy.js', provider: 'lemonsqueezy' },
  { source: '@polar-sh/sdk/webhooks', provider: 'polar' },
  { source: 'resend', provider: 'resend' },
  { source: 'twilio', provider: 'twilio' },
];

/** How a verifier reports failure: it throws (`constructEvent`), or returns false (`validateRequest`). */
export type VerifierKind = 'boolean' | 'throws' | 'unknown';

/**
 * Verifier methods called on a provider object, recognised by the last two names of the callee
 * (`stripe.webhooks.constructEvent`: `webhooks` + `constructEvent`). `object: null` accepts any
 * receiver (the method name is specific enough with the module imported).
 */
export const VERIFIER_METHODS: readonly {
  readonly object: string | null;
  readonly method: string;
  readonly provider: ProviderId | null;
  readonly kind: VerifierKind;
  /** The argument index that carries the signed payload, or -1 when it is the whole request. */
  readonly payload: number;
  /** The argument index of the secret, or -1. */
  readonly secret: number;
  /** Module that must be imported when `object` is null. */
  readonly requires?: string;
}[] = [
  { object: 'webhooks', method: 'constructEvent', provider: 'stripe', kind: 'throws', payload: 0, secret: 2 },
  { object: 'webhooks', method: 'constructEventAsync', provider: 'stripe', kind: 'throws', payload: 0, secret: 2 },
  { object: null, method: 'parseThinEvent', provider: 'stripe', kind: 'throws', payload: 0, secret: 2, requires: 'stripe' },
  { object: null, method: 'parseEventNotification', provider: 'stripe', kind: 'throws', payload: 0, secret: 2, requires: 'stripe' },
  { object: 'webhooks', method: 'unmarshal', provider: 'paddle', kind: 'throws', payload: 0, secret: 1 },
  { object: 'webhooks', method: 'validate', provider: 'shopify', kind: 'boolean', payload: -1, secret: -1 },
  { object: 'authenticate', method: 'webhook', provider: 'shopify', kind: 'throws', payload: -1, secret: -1 },
  { object: 'webhooks', method: 'verify', provider: null, kind: 'unknown', payload: 0, secret: -1 },
  { object: null, method: 'verifyAndReceive', provider: 'github', kind: 'throws', payload: -1, secret: -1, requires: '@octokit/webhooks' },
  { object: null, method: 'validateRequest', provider: 'twilio', kind: 'boolean', payload: 3, secret: 0, requires: 'twilio' },
  { object: null, method: 'validateRequestWithBody', provider: 'twilio', kind: 'boolean', payload: 3, secret: 0, requires: 'twilio' },
];

/**
 * Imported verifier functions: module (a trailing `/` matches any subpath), export name, provider,
 * how failure is reported, and where the payload and secret go.
 */
export const VERIFIER_FUNCTIONS: readonly {
  readonly source: string;
  readonly name: string;
  readonly provider: ProviderId | 'hmac';
  readonly kind: VerifierKind;
  readonly payload: number;
  readonly secret: number;
}[] = [
  { source: '@clerk/', name: 'verifyWebhook', provider: 'clerk', kind: 'throws', payload: -1, secret: -1 },
  { source: '@octokit/webhooks-methods', name: 'verify', provider: 'github', kind: 'boolean', payload: 1, secret: 0 },
  { source: '@polar-sh/sdk/webhooks', name: 'validateEvent', provider: 'polar', kind: 'throws', payload: 0, secret: 2 },
  { source: 'twilio', name: 'validateRequest', provider: 'twilio', kind: 'boolean', payload: 3, secret: 0 },
  { source: 'twilio', name: 'validateRequestWithBody', provider: 'twilio', kind: 'boolean', payload: 3, secret: 0 },
  { source: 'crypto', name: 'timingSafeEqual', provider: 'hmac', kind: 'boolean', payload: -1, secret: -1 },
];

/** Classes whose instances verify: `new Webhook(secret).verify(payload, headers)`. */
export const VERIFIER_CLASSES: readonly {
  readonly source: string;
  readonly name: string;
  readonly provider: ProviderId;
  readonly methods: ReadonlyMap<string, VerifierKind>;
  /** Payload argument index of the verify methods. */
  readonly payload: number;
}[] = [
  { source: 'svix', name: 'Webhook', provider: 'svix', methods: new Map([['verify', 'throws']]), payload: 0 },
  { source: 'standardwebhooks', name: 'Webhook', provider: 'standardwebhooks', methods: new Map([['verify', 'throws']]), payload: 0 },
  {
    source: '@octokit/webhooks',
    name: 'Webhooks',
    provider: 'github',
    methods: new Map<string, VerifierKind>([
      ['verify', 'boolean'],
      ['verifyAndReceive', 'throws'],
    ]),
    payload: 0,
  },
];

/** Callee names that plausibly verify a signature (a team's own helpers): enough to stay silent. */
export const PLAUSIBLE_VERIFIER_NAME =
  /verif|signature|authenticat|constructEvent|unmarshal|timingSafeEqual|checkSig|assertSig|validateWebhook|validateRequest|validateEvent|isValidSig|secureCompare|safeCompare|safeEqual|constantTime/iu;

/** Route and file paths that name a webhook endpoint. */
export const WEBHOOK_PATH = /webhook|(?:^|[/._-])hooks?(?:$|[/._-])/iu;
/** Function, method and class names that name a webhook receiver. */
export const WEBHOOK_NAME = /webhook/iu;

/** Express middleware that parses the body (and so destroys the raw bytes) for JSON or urlencoded. */
export const PARSING_MIDDLEWARE: readonly { readonly source: string; readonly path: readonly string[] }[] = [
  { source: 'express', path: ['json'] },
  { source: 'express', path: ['urlencoded'] },
  { source: 'body-parser', path: ['json'] },
  { source: 'body-parser', path: ['urlencoded'] },
  { source: 'body-parser', path: [] },
];

/** Express middleware that keeps the raw bytes in `req.body`. */
export const RAW_MIDDLEWARE: readonly { readonly source: string; readonly path: readonly string[] }[] = [
  { source: 'express', path: ['raw'] },
  { source: 'express', path: ['text'] },
  { source: 'body-parser', path: ['raw'] },
  { source: 'body-parser', path: ['text'] },
];

/** How to keep the raw request body, per framework (for the wrong-bytes messages). */
export const RAW_BODY_ADVICE: Readonly<Record<string, string>> = {
  express:
    "register `express.raw({ type: 'application/json' })` on the webhook route, before any `express.json()`, and verify `req.body` (a Buffer)",
  fastify:
    "read the raw bytes: register `fastify-raw-body` and verify `request.rawBody`, or add `addContentTypeParser('application/json', { parseAs: 'buffer' }, ...)` for this route",
  hono: 'verify `await c.req.text()` (read it once, and `JSON.parse` that text afterwards)',
  koa: 'verify `ctx.request.rawBody` (koa-bodyparser / @koa/bodyparser keep it) or read the stream with `raw-body`',
  nestjs:
    'create the app with `NestFactory.create(AppModule, { rawBody: true })` and verify `req.rawBody` from `@Req() req: RawBodyRequest<Request>`',
  'next-app': 'verify `await request.text()` (read it once, and `JSON.parse` that text afterwards)',
  'next-pages':
    'add `export const config = { api: { bodyParser: false } }` and verify the raw bytes read from the request stream (`await buffer(req)` from `micro`, or `raw-body`)',
  sveltekit: 'verify `await request.text()` (read it once, and `JSON.parse` that text afterwards)',
  remix: 'verify `await request.text()` (read it once, and `JSON.parse` that text afterwards)',
  'cloudflare-workers': 'verify `await request.text()` (read it once, and `JSON.parse` that text afterwards)',
  default: 'verify the exact bytes that were received (`await request.text()`, or a raw-body middleware), never a re-serialised object',
};
