import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { computedFileFacts, peekFileFacts } from '../../src/analysis/file-facts.js';
import { moduleDirectiveReads } from '../../src/analysis/modules.js';
import rule from '../../src/rules/no-public-secret-env.js';
import { classifyWords, NameClassifier } from '../../src/rules/no-public-secret-env/names.js';
import { costProbe } from '../cost-probe.js';
import { TYPED_ROOT, javascriptTester, typedTester, typescriptTester } from '../testers.js';

const STRICT = [{ checkClientModules: true, checkServerToClientProps: true, reportAmbiguousNames: true }] as const;
/** A server component of the typed fixture project: `./rsc/*` resolve from here. */
const PAGE_JSX = path.join(TYPED_ROOT, 'page.jsx');
const PAGE_TSX = path.join(TYPED_ROOT, 'page.tsx');

/** Whole private keys, generated at run time so that this file holds no key a secret scanner would flag. */
const PEM = {
  rsa: String(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' })),
  /** The shortest real PEM key: a 64-character body. */
  ed25519: String(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' })),
};

/** Real-world names of values that are public by design: silent in both presets. */
const PUBLIC_NAMES = [
  'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY',
  'NEXT_PUBLIC_STRIPE_PUBLIC_KEY',
  'VITE_STRIPE_PUBLISHABLE_KEY',
  'REACT_APP_STRIPE_PUBLISHABLE_KEY',
  'NEXT_PUBLIC_STRIPE_PRICE_ID',
  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
  'NEXT_PUBLIC_CLERK_SIGN_IN_URL',
  'NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL',
  'NEXT_PUBLIC_PADDLE_CLIENT_TOKEN',
  'NEXT_PUBLIC_PADDLE_ENVIRONMENT',
  'NEXT_PUBLIC_SUPABASE_URL',
  'NEXT_PUBLIC_SUPABASE_ANON_KEY',
  'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY',
  'VITE_SUPABASE_ANON_KEY',
  'EXPO_PUBLIC_SUPABASE_ANON_KEY',
  'PUBLIC_SUPABASE_ANON_KEY',
  'NEXT_PUBLIC_FIREBASE_API_KEY',
  'NEXT_PUBLIC_FIREBASE_AUTH_DOMAIN',
  'NEXT_PUBLIC_FIREBASE_PROJECT_ID',
  'NEXT_PUBLIC_FIREBASE_STORAGE_BUCKET',
  'NEXT_PUBLIC_FIREBASE_MESSAGING_SENDER_ID',
  'NEXT_PUBLIC_FIREBASE_APP_ID',
  'NEXT_PUBLIC_FIREBASE_MEASUREMENT_ID',
  'NEXT_PUBLIC_FIREBASE_VAPID_KEY',
  'VITE_FIREBASE_API_KEY',
  'REACT_APP_FIREBASE_API_KEY',
  'NEXT_PUBLIC_SENTRY_DSN',
  'VITE_SENTRY_DSN',
  'NEXT_PUBLIC_SENTRY_ENVIRONMENT',
  'NEXT_PUBLIC_GA_MEASUREMENT_ID',
  'NEXT_PUBLIC_GA_TRACKING_ID',
  'NEXT_PUBLIC_GTM_ID',
  'NEXT_PUBLIC_GOOGLE_ANALYTICS_ID',
  'NEXT_PUBLIC_POSTHOG_KEY',
  'NEXT_PUBLIC_POSTHOG_HOST',
  'VITE_POSTHOG_API_KEY',
  'NEXT_PUBLIC_SEGMENT_WRITE_KEY',
  'NEXT_PUBLIC_SEGMENT_KEY',
  'NEXT_PUBLIC_MIXPANEL_TOKEN',
  'NEXT_PUBLIC_AMPLITUDE_API_KEY',
  'NEXT_PUBLIC_HOTJAR_ID',
  'NEXT_PUBLIC_PLAUSIBLE_DOMAIN',
  'NEXT_PUBLIC_MAPBOX_TOKEN',
  'NEXT_PUBLIC_MAPBOX_ACCESS_TOKEN',
  'VITE_MAPBOX_ACCESS_TOKEN',
  'NEXT_PUBLIC_GOOGLE_MAPS_API_KEY',
  'REACT_APP_GOOGLE_MAPS_API_KEY',
  'NEXT_PUBLIC_ALGOLIA_APP_ID',
  'NEXT_PUBLIC_ALGOLIA_SEARCH_KEY',
  'NEXT_PUBLIC_ALGOLIA_SEARCH_ONLY_API_KEY',
  'NEXT_PUBLIC_ALGOLIA_API_KEY',
  'NEXT_PUBLIC_ALGOLIA_INDEX_NAME',
  'NEXT_PUBLIC_TYPESENSE_SEARCH_ONLY_API_KEY',
  'NEXT_PUBLIC_RECAPTCHA_SITE_KEY',
  'NEXT_PUBLIC_TURNSTILE_SITE_KEY',
  'NEXT_PUBLIC_CLOUDFLARE_TURNSTILE_SITE_KEY',
  'NEXT_PUBLIC_HCAPTCHA_SITEKEY',
  'NEXT_PUBLIC_VAPID_PUBLIC_KEY',
  'NEXT_PUBLIC_LAUNCHDARKLY_CLIENT_ID',
  'NEXT_PUBLIC_STATSIG_CLIENT_KEY',
  'NEXT_PUBLIC_GROWTHBOOK_CLIENT_KEY',
  'NEXT_PUBLIC_INTERCOM_APP_ID',
  'NEXT_PUBLIC_CRISP_WEBSITE_ID',
  'NEXT_PUBLIC_PUSHER_KEY',
  'NEXT_PUBLIC_PUSHER_CLUSTER',
  'NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID',
  'NEXT_PUBLIC_ALCHEMY_API_KEY',
  'NEXT_PUBLIC_PRIVY_APP_ID',
  'NEXT_PUBLIC_SANITY_PROJECT_ID',
  'NEXT_PUBLIC_SANITY_DATASET',
  'NEXT_PUBLIC_SANITY_API_VERSION',
  'NEXT_PUBLIC_CONTENTFUL_SPACE_ID',
  'NEXT_PUBLIC_CONTENTFUL_DELIVERY_TOKEN',
  'NEXT_PUBLIC_SHOPIFY_STOREFRONT_ACCESS_TOKEN',
  'NEXT_PUBLIC_GITHUB_CLIENT_ID',
  'NEXT_PUBLIC_GOOGLE_CLIENT_ID',
  'NEXT_PUBLIC_AUTH0_DOMAIN',
  'NEXT_PUBLIC_AUTH0_CLIENT_ID',
  'NEXT_PUBLIC_PAYPAL_CLIENT_ID',
  'NEXT_PUBLIC_APP_URL',
  'NEXT_PUBLIC_SITE_URL',
  'NEXT_PUBLIC_BASE_URL',
  'NEXT_PUBLIC_API_URL',
  'NEXT_PUBLIC_VERCEL_URL',
  'NEXT_PUBLIC_VERCEL_ENV',
  'NEXT_PUBLIC_APP_NAME',
  'NEXT_PUBLIC_APP_VERSION',
  'NEXT_PUBLIC_ENABLE_BETA_FEATURES',
  'NEXT_PUBLIC_FEATURE_FLAG_NEW_CHECKOUT',
  'NEXT_PUBLIC_MAINTENANCE_MODE',
  'NEXT_PUBLIC_PASSWORD_RESET_URL',
  'NEXT_PUBLIC_SECRET_SANTA_ENABLED',
  'NEXT_PUBLIC_OPENAI_MODEL',
  'NEXT_PUBLIC_UPSTASH_REDIS_REST_URL',
  'NEXT_PUBLIC_WS_URL',
  'VITE_API_BASE_URL',
  'REACT_APP_API_URL',
  'PUBLIC_URL',
  'GATSBY_SITE_URL',
  'VUE_APP_API_URL',
  'STORYBOOK_THEME',
  'NUXT_PUBLIC_API_BASE',
];

/** Names a visitor must never see: reported by `recommended`. */
const SECRET_NAMES: readonly [string, string][] = [
  ['NEXT_PUBLIC_STRIPE_SECRET_KEY', 'says SECRET'],
  ['NEXT_PUBLIC_STRIPE_API_KEY', 'is a Stripe secret key'],
  ['NEXT_PUBLIC_STRIPE_RESTRICTED_KEY', 'is a Stripe secret key'],
  ['NEXT_PUBLIC_STRIPE_WEBHOOK_SECRET', 'says SECRET'],
  ['NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY', 'says SERVICE_ROLE'],
  ['NEXT_PUBLIC_SUPABASE_SERVICE_KEY', 'says SERVICE_KEY'],
  ['NEXT_PUBLIC_OPENAI_API_KEY', 'is a secret OpenAI key'],
  ['VITE_OPENAI_KEY', 'is a secret OpenAI key'],
  ['NEXT_PUBLIC_ANTHROPIC_API_KEY', 'is a secret Anthropic key'],
  ['NEXT_PUBLIC_RESEND_API_KEY', 'is a secret Resend key'],
  ['NEXT_PUBLIC_SENDGRID_API_KEY', 'is a secret SendGrid key'],
  ['NEXT_PUBLIC_TWILIO_AUTH_TOKEN', 'says AUTH_TOKEN'],
  ['NEXT_PUBLIC_AWS_SECRET_ACCESS_KEY', 'says SECRET'],
  ['NEXT_PUBLIC_GITHUB_TOKEN', 'is a secret GitHub token'],
  ['NEXT_PUBLIC_GITLAB_TOKEN', 'is a secret GitLab token'],
  ['NEXT_PUBLIC_SANITY_TOKEN', 'is a secret Sanity token'],
  ['NEXT_PUBLIC_SANITY_API_WRITE_TOKEN', 'says WRITE_TOKEN'],
  ['NEXT_PUBLIC_JWT_SECRET', 'says SECRET'],
  ['NEXT_PUBLIC_NEXTAUTH_SECRET', 'says SECRET'],
  ['NEXT_PUBLIC_SESSION_SECRET', 'says SECRET'],
  ['NEXT_PUBLIC_ENCRYPTION_KEY', 'says ENCRYPTION_KEY'],
  ['NEXT_PUBLIC_DATABASE_URL', 'is a database connection string, with its credentials'],
  ['VITE_MONGODB_URI', 'is a mongodb connection string, with its credentials'],
  ['REACT_APP_REDIS_URL', 'is a redis connection string, with its credentials'],
  ['NEXT_PUBLIC_ADMIN_PASSWORD', 'says PASSWORD'],
  ['NEXT_PUBLIC_ALGOLIA_ADMIN_KEY', 'says ADMIN_KEY'],
  ['NEXT_PUBLIC_VAPID_PRIVATE_KEY', 'says PRIVATE_KEY'],
  ['NEXT_PUBLIC_GOOGLE_CLIENT_SECRET', 'says SECRET'],
  ['NEXT_PUBLIC_SENTRY_AUTH_TOKEN', 'says AUTH_TOKEN'],
  ['NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN', 'is a secret Upstash token'],
  ['EXPO_PUBLIC_OPENAI_API_KEY', 'is a secret OpenAI key'],
  ['PUBLIC_STRIPE_SECRET_KEY', 'says SECRET'],
  ['GATSBY_CONTENTFUL_MANAGEMENT_TOKEN', 'says MANAGEMENT_TOKEN'],
  ['VUE_APP_SECRET', 'says SECRET'],
  ['STORYBOOK_GITHUB_TOKEN', 'is a secret GitHub token'],
];

/** Keys and tokens of no known provider: reported by `strict` only. */
const AMBIGUOUS_NAMES = ['NEXT_PUBLIC_APP_KEY', 'NEXT_PUBLIC_X_API_KEY', 'NEXT_PUBLIC_API_KEY', 'VITE_API_TOKEN', 'NEXT_PUBLIC_ACCESS_TOKEN', 'NEXT_PUBLIC_GOOGLE_API_KEY', 'NEXT_PUBLIC_STRIPE_KEY'];

describe('the name classifier', () => {
  const classifier = new NameClassifier({ publicPrefixes: [], secretNames: [], publicNames: [] });

  it.each(PUBLIC_NAMES)('%s is not a secret', (name) => {
    expect(['public', 'unknown']).toContain(classifier.classify(name).kind);
  });

  it.each(SECRET_NAMES)('%s is a secret (%s)', (name, why) => {
    expect(classifier.classify(name)).toEqual({ kind: 'secret', why });
  });

  it.each(AMBIGUOUS_NAMES)('%s is ambiguous', (name) => {
    expect(classifier.classify(name).kind).toBe('ambiguous');
  });

  it('reads camelCase names (Nuxt runtime config) as constants', () => {
    expect(classifier.classify('stripeSecretKey').kind).toBe('secret');
    expect(classifier.classify('stripePublishableKey').kind).toBe('public');
  });

  it('lets publicNames win over secretNames and the built-in lists', () => {
    const custom = new NameClassifier({ publicPrefixes: ['APP_PUBLIC_'], secretNames: ['_SALT$'], publicNames: ['^NEXT_PUBLIC_DEMO_'] });
    expect(custom.classify('NEXT_PUBLIC_DEMO_SECRET').kind).toBe('public');
    expect(custom.classify('NEXT_PUBLIC_HASH_SALT')).toEqual({ kind: 'secret', why: 'matches your `secretNames`' });
    expect(custom.publicPrefixOf('APP_PUBLIC_SECRET')?.prefix).toBe('APP_PUBLIC_');
  });

  it('has no verdict for an empty remainder', () => {
    expect(classifyWords('').kind).toBe('unknown');
  });
});

const publicReads = PUBLIC_NAMES.map((name) => `process.env.${name}`).join(',\n  ');

describe('plain JavaScript (espree)', () => {
  javascriptTester().run('no-public-secret-env', rule, {
    valid: [
      {
        name: `${PUBLIC_NAMES.length} real-world public names stay silent (recommended)`,
        code: `export const config = [\n  ${publicReads},\n];`,
      },
      {
        name: `${PUBLIC_NAMES.length} real-world public names stay silent (strict)`,
        code: `'use client';\nexport const config = [\n  ${publicReads},\n];`,
        options: STRICT,
      },
      {
        name: 'RSC boundary: a server secret passed to a client component is silent without checkServerToClientProps',
        filename: PAGE_JSX,
        code: `import { CheckoutForm } from './rsc/checkout-form';\nexport default function Page() { return <CheckoutForm stripeKey={process.env.STRIPE_SECRET_KEY} />; }`,
        options: [{ checkClientModules: true, reportAmbiguousNames: true }],
      },
      {
        name: 'RSC boundary: a secret passed to a server component (directly and through a barrel) stays on the server',
        filename: PAGE_JSX,
        code: `
          import { ServerCard } from './rsc/server-card';
          import * as UI from './rsc';
          export default function Page() {
            return <><ServerCard apiKey={process.env.OPENAI_API_KEY} /><UI.ServerCard apiKey={process.env.OPENAI_API_KEY} /></>;
          }
        `,
        options: STRICT,
      },
      {
        name: 'RSC boundary: public and non-secret values may cross; the secret used on the server may too',
        filename: PAGE_JSX,
        code: `
          import Stripe from 'stripe';
          import { CheckoutForm } from './rsc/checkout-form';
          export default async function Page() {
            const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
            const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
            return <CheckoutForm stripeKey={process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY} label={process.env.SITE_NAME} config={{ apiKey: intent.client_secret }} />;
          }
        `,
        options: STRICT,
      },
      {
        name: 'RSC boundary: modules that cannot be resolved are unknown (missing file, path alias without types, a package)',
        filename: PAGE_JSX,
        code: `
          import { CheckoutForm } from './rsc/missing';
          import { PayButton } from '@/rsc/checkout-form';
          import { Elements } from '@stripe/react-stripe-js';
          export default function Page() {
            const key = process.env.STRIPE_SECRET_KEY;
            return <><CheckoutForm stripeKey={key} /><PayButton secret={key} /><Elements secret={key} /></>;
          }
        `,
        options: STRICT,
      },
      {
        name: "RSC boundary: a module starting with 'use client'.toString() has no directive",
        filename: PAGE_JSX,
        code: `import { Widget } from './rsc/not-a-directive';\nexport default function Page() { return <Widget token={process.env.GITHUB_TOKEN} />; }`,
        options: STRICT,
      },
      {
        name: 'RSC boundary: a local component shadowing the import name is not the client component',
        filename: PAGE_JSX,
        code: `
          import { CheckoutForm } from './rsc/checkout-form';
          export function Page() {
            const CheckoutForm = (props) => props.stripeKey.length;
            return <CheckoutForm stripeKey={process.env.STRIPE_SECRET_KEY} />;
          }
          export const unused = CheckoutForm;
        `,
        options: STRICT,
      },
      {
        name: 'client entries: createApp without mount, and react-dom/server rendering, are not browser entries',
        filename: 'src/server.js',
        code: `
          import { createApp } from 'vue';
          import { renderToString } from 'react-dom/server';
          export const app = createApp(App);
          export const html = renderToString(App, process.env.STRIPE_SECRET_KEY);
        `,
        options: STRICT,
      },
      {
        name: 'a server secret read on the server',
        code: `
          import Stripe from 'stripe';
          export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
        `,
      },
      {
        name: 'ambiguous names are silent in recommended',
        code: `export const key = process.env.NEXT_PUBLIC_APP_KEY;`,
      },
      {
        name: 'a server secret in a client module is silent without checkClientModules',
        code: `'use client';\nexport const key = process.env.STRIPE_SECRET_KEY;`,
      },
      {
        name: 'a local object named process is not the environment',
        code: `
          const process = { env: { NEXT_PUBLIC_STRIPE_SECRET_KEY: 'x' } };
          export const key = process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;
        `,
      },
      {
        name: 'dangerouslyAllowBrowser with a key the user typed in (bring your own key)',
        code: `
          import OpenAI from 'openai';
          export function client(apiKey) { return new OpenAI({ apiKey, dangerouslyAllowBrowser: true }); }
        `,
      },
      {
        name: 'placeholders and documentation keys are not live secrets',
        code: `
          const examples = ['sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'AKIAIOSFODNN7EXAMPLE', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'];
          const header = '-----BEGIN PRIVATE KEY-----';
          export const isPem = (key) => key.startsWith(header) || examples.includes(key);
        `,
      },
      {
        name: 'next.config env with public values only',
        filename: 'next.config.js',
        code: `
          module.exports = { env: { APP_VERSION: process.env.npm_package_version, NEXT_PUBLIC_SITE_URL: process.env.SITE_URL } };
        `,
      },
      {
        name: 'webpack DefinePlugin with public values',
        filename: 'webpack.config.js',
        code: `
          const webpack = require('webpack');
          module.exports = { plugins: [new webpack.DefinePlugin({ 'process.env.API_URL': JSON.stringify(process.env.API_URL) })] };
        `,
      },
      {
        name: 'PEM private keys cut short are excerpts, not keys: an ellipsis, or fewer bytes than the DER header declares',
        code: `
          const excerpt = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC4...";
          const firstLine = "-----BEGIN PRIVATE KEY-----\\n${PEM.rsa.split('\n')[1]}\\n-----END PRIVATE KEY-----";
          export const samples = [excerpt, firstLine];
        `,
      },
      {
        name: 'a private key used only as the placeholder of an input (JSX attribute, const, options property)',
        filename: 'certificate-form.jsx',
        code: `
          const privateKeyHint = ${JSON.stringify(PEM.rsa)};
          export const CertificateForm = () => (
            <form>
              <textarea name="key" placeholder={privateKeyHint} />
              <textarea name="other" placeholder=${JSON.stringify(PEM.ed25519)} />
            </form>
          );
          export const field = { name: 'privateKey', placeholder: ${JSON.stringify(PEM.ed25519)} };
        `,
      },
      {
        name: 'public by design (provider docs): Axiom, Better Stack and RevenueCat browser keys, both presets',
        options: STRICT,
        code: `
          'use client';
          export const keys = [
            process.env.NEXT_PUBLIC_AXIOM_TOKEN,
            process.env.NEXT_PUBLIC_BETTER_STACK_SOURCE_TOKEN,
            process.env.VITE_LOGTAIL_SOURCE_TOKEN,
            process.env.EXPO_PUBLIC_REVENUECAT_IOS_API_KEY,
            process.env.EXPO_PUBLIC_REVENUECAT_ANDROID_API_KEY,
            process.env.NEXT_PUBLIC_REVENUECAT_API_KEY,
            process.env.NEXT_PUBLIC_REVENUECAT_PUBLIC_SDK_KEY,
          ];
        `,
      },
      {
        name: 'a Google key passed as googleMapsApiKey is a Maps browser key (property, JSX attribute, const), in strict',
        options: STRICT,
        filename: 'map.jsx',
        code: `
          'use client';
          import { LoadScript, useJsApiLoader } from '@react-google-maps/api';
          const mapsKey = process.env.NEXT_PUBLIC_GOOGLE_MAPS_TOKEN ?? '';
          export function Map() {
            const { isLoaded } = useJsApiLoader({ googleMapsApiKey: process.env.NEXT_PUBLIC_GOOGLE_API_KEY, libraries: ['places'] });
            return <LoadScript googleMapsApiKey={mapsKey}>{isLoaded ? 'map' : null}</LoadScript>;
          }
        `,
      },
      {
        name: 'a DefinePlugin class that is not webpack is not checked',
        code: `
          class DefinePlugin { constructor(definitions) { this.definitions = definitions; } }
          export default new DefinePlugin({ 'process.env.STRIPE_SECRET_KEY': process.env.STRIPE_SECRET_KEY });
        `,
      },
    ],
    invalid: [
      {
        name: 'whole PEM private keys: RSA, a short Ed25519 key, and one built by concatenation (reported at its header)',
        code: `
const rsa = ${JSON.stringify(PEM.rsa)};
const ed = ${JSON.stringify(PEM.ed25519)};
const joined = ${PEM.ed25519.split('\n').filter(Boolean).map((line) => JSON.stringify(line + '\n')).join(' + ')};
export const keys = [rsa, ed, joined];
`,
        errors: [
          { messageId: 'hardcodedSecret', line: 2, column: 13, data: { provider: 'PEM', what: 'private key' } },
          { messageId: 'hardcodedSecret', line: 3, column: 12, data: { provider: 'PEM', what: 'private key' } },
          { messageId: 'hardcodedSecret', line: 4, column: 16, data: { provider: 'PEM', what: 'private key' } },
        ],
      },
      {
        name: 'a private key with a placeholder use and another use is still a credential',
        filename: 'form.jsx',
        code: `
const key = ${JSON.stringify(PEM.ed25519)};
export const Form = () => <textarea placeholder={key} defaultValue={key} />;
`,
        errors: [{ messageId: 'hardcodedSecret', line: 2, column: 13 }],
      },
      {
        name: 'public-by-design names need the public prefix, and a secret word wins: RevenueCat secret key, Axiom token in client code',
        options: STRICT,
        code: `
'use client';
export const revenuecat = process.env.NEXT_PUBLIC_REVENUECAT_SECRET_API_KEY;
export const axiom = process.env.AXIOM_TOKEN;
`,
        errors: [
          { messageId: 'publicSecret', line: 3, column: 27, data: { variable: 'NEXT_PUBLIC_REVENUECAT_SECRET_API_KEY', why: 'says SECRET', unpublish: 'drop the `NEXT_PUBLIC_` prefix', server: 'an API route or server action', exposure: 'The `NEXT_PUBLIC_` prefix makes Next.js inline it into the JavaScript bundle' }, suggestions: [] },
          { messageId: 'serverSecretInClient', line: 4, column: 22 },
        ],
      },
      {
        name: 'a Google key passed to something other than googleMapsApiKey is still reported in strict',
        options: STRICT,
        code: `
'use client';
import { GoogleGenerativeAI } from '@google/generative-ai';
export const maps = { googleMapsApiKey: process.env.NEXT_PUBLIC_GOOGLE_API_KEY };
export const gemini = new GoogleGenerativeAI(process.env.NEXT_PUBLIC_GOOGLE_API_KEY);
`,
        errors: [{ messageId: 'publicSecret', line: 5, column: 46, suggestions: [] }],
      },
      {
        name: 'process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY on the server, with the rename suggestion',
        code: `
import Stripe from 'stripe';
export const stripe = new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY);
`,
        errors: [
          {
            messageId: 'publicSecret',
            line: 3,
            column: 34,
            endColumn: 75,
            data: { variable: 'NEXT_PUBLIC_STRIPE_SECRET_KEY', why: 'says SECRET', unpublish: 'drop the `NEXT_PUBLIC_` prefix', server: 'an API route or server action', exposure: 'The `NEXT_PUBLIC_` prefix makes Next.js inline it into the JavaScript bundle' },
            suggestions: [
              {
                messageId: 'renameToServerVariable',
                data: { name: 'STRIPE_SECRET_KEY' },
                output: `
import Stripe from 'stripe';
export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
`,
              },
            ],
          },
        ],
      },
      {
        name: "process.env['VITE_OPENAI_API_KEY'] keeps the quotes in the suggestion",
        code: `export const key = process.env["VITE_OPENAI_API_KEY"];`,
        errors: [
          {
            messageId: 'publicSecret',
            line: 1,
            column: 20,
            suggestions: [{ messageId: 'renameToServerVariable', output: `export const key = process.env["OPENAI_API_KEY"];` }],
          },
        ],
      },
      {
        name: 'a write token without the word secret (Sanity), in a client component: no suggestion',
        code: `
'use client';
import { createClient } from '@sanity/client';
export const sanity = createClient({ projectId: 'abc', token: process.env.NEXT_PUBLIC_SANITY_TOKEN });
`,
        errors: [{ messageId: 'publicSecret', line: 4, column: 63, suggestions: [] }],
      },
      {
        name: 'destructuring from process.env',
        code: `
const { NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY: serviceKey } = process.env;
`,
        errors: [{ messageId: 'publicSecret', line: 2, column: 35 }],
      },
      {
        name: 'import.meta.env in a Vite app',
        code: `export const db = import.meta.env.VITE_DATABASE_URL;`,
        errors: [{ messageId: 'publicSecret', line: 1, column: 19, suggestions: [] }],
      },
      {
        name: 'the fix fits the framework: a Vite app has no API routes, so the key belongs in its backend',
        code: `export const openai = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY });`,
        errors: [
          {
            messageId: 'publicSecret',
            line: 1,
            column: 44,
            data: { variable: 'VITE_OPENAI_API_KEY', why: 'is a secret OpenAI key', unpublish: 'drop the `VITE_` prefix', server: 'your backend', exposure: 'The `VITE_` prefix makes Vite inline it into the JavaScript bundle' },
            suggestions: [],
          },
        ],
      },
      {
        name: 'the fix fits the framework: an Expo (React Native) app has no API routes either',
        code: `
import { createClient } from '@supabase/supabase-js';
export const supabase = createClient(process.env.EXPO_PUBLIC_SUPABASE_URL, process.env.EXPO_PUBLIC_SUPABASE_SERVICE_ROLE_KEY);
`,
        errors: [
          {
            messageId: 'publicSecret',
            line: 3,
            column: 76,
            data: { variable: 'EXPO_PUBLIC_SUPABASE_SERVICE_ROLE_KEY', why: 'says SERVICE_ROLE', unpublish: 'drop the `EXPO_PUBLIC_` prefix', server: 'your backend', exposure: 'The `EXPO_PUBLIC_` prefix makes Expo inline it into the JavaScript bundle' },
            suggestions: [
              {
                messageId: 'renameToServerVariable',
                output: `
import { createClient } from '@supabase/supabase-js';
export const supabase = createClient(process.env.EXPO_PUBLIC_SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE_KEY);
`,
              },
            ],
          },
        ],
      },
      {
        name: 'SvelteKit $env/static/public',
        code: `import { PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_SERVICE_ROLE_KEY } from '$env/static/public';`,
        errors: [
          {
            messageId: 'publicSecret',
            line: 1,
            column: 31,
            data: { variable: 'PUBLIC_SUPABASE_SERVICE_ROLE_KEY', why: 'says SERVICE_ROLE', unpublish: 'import it from `$env/static/private` instead', server: '`+page.server.ts` or `+server.ts`', exposure: 'SvelteKit inlines `$env/static/public` into the client bundle' },
          },
        ],
      },
      {
        name: 'SvelteKit $env/dynamic/public',
        code: `import { env } from '$env/dynamic/public';\nexport const key = env.PUBLIC_OPENAI_API_KEY;`,
        errors: [{ messageId: 'publicSecret', line: 2, column: 20 }],
      },
      {
        // Names from the first to the last capital letter (a read through an alias is told by its upper-case name).
        name: 'SvelteKit $env/dynamic/public, names starting with A and Z',
        code: `import { env } from '$env/dynamic/public';\nexport const a = env.AWS_SECRET_ACCESS_KEY;\nexport const z = env.ZOOM_CLIENT_SECRET;`,
        errors: [
          { messageId: 'publicSecret', line: 2, column: 18 },
          { messageId: 'publicSecret', line: 3, column: 18 },
        ],
      },
      {
        name: 'Nuxt useRuntimeConfig().public',
        code: `
const config = useRuntimeConfig();
export const key = config.public.stripeSecretKey;
export const other = useRuntimeConfig().public.openaiApiKey;
`,
        errors: [
          { messageId: 'publicSecret', line: 3, column: 20 },
          { messageId: 'publicSecret', line: 4, column: 22 },
        ],
      },
      {
        name: 'a user-configured public prefix and secret pattern',
        code: `export const a = process.env.APP_PUBLIC_SIGNING_SALT;`,
        options: [{ publicPrefixes: ['APP_PUBLIC_'], secretNames: ['_SALT$'] }],
        errors: [
          {
            messageId: 'publicSecret',
            line: 1,
            column: 18,
            data: { variable: 'APP_PUBLIC_SIGNING_SALT', why: 'matches your `secretNames`', unpublish: 'drop the `APP_PUBLIC_` prefix', server: 'server code', exposure: 'The `APP_PUBLIC_` prefix makes your build configuration inline it into the JavaScript bundle' },
            suggestions: [{ messageId: 'renameToServerVariable', data: { name: 'SIGNING_SALT' }, output: `export const a = process.env.SIGNING_SALT;` }],
          },
        ],
      },
      {
        name: 'strict: ambiguous names',
        code: `export const key = process.env.NEXT_PUBLIC_APP_KEY;`,
        options: STRICT,
        errors: [
          {
            messageId: 'publicSecret',
            line: 1,
            column: 20,
            data: { variable: 'NEXT_PUBLIC_APP_KEY', why: 'is a key of no known public provider', unpublish: 'drop the `NEXT_PUBLIC_` prefix', server: 'an API route or server action', exposure: 'The `NEXT_PUBLIC_` prefix makes Next.js inline it into the JavaScript bundle' },
            suggestions: [{ messageId: 'renameToServerVariable', output: `export const key = process.env.APP_KEY;` }],
          },
        ],
      },
      {
        name: "strict: a server secret read in a 'use client' module",
        code: `'use client';\nexport async function pay() { return fetch('/api', { headers: { authorization: process.env.STRIPE_SECRET_KEY } }); }`,
        options: STRICT,
        errors: [{ messageId: 'serverSecretInClient', line: 2, column: 80, data: { variable: 'STRIPE_SECRET_KEY', why: 'says SECRET', client: "a `'use client'` module", server: 'an API route or server action' } }],
      },
      {
        name: 'strict: a server secret in a *.client.* file',
        filename: 'plugins/analytics.client.js',
        code: `export default () => process.env.OPENAI_API_KEY;`,
        options: STRICT,
        errors: [{ messageId: 'serverSecretInClient', line: 1, column: 22 }],
      },
      {
        name: 'strict: a server secret in a react-dom entry',
        filename: 'src/main.jsx',
        code: `import { createRoot } from 'react-dom/client';\nconst key = import.meta.env.RESEND_API_KEY;\ncreateRoot(document.body).render(key);`,
        options: STRICT,
        errors: [{ messageId: 'serverSecretInClient', line: 2, column: 13 }],
      },
      {
        name: 'strict: a server secret in a legacy ReactDOM.render entry (CRA)',
        filename: 'src/index.js',
        code: `import ReactDOM from 'react-dom';\nconst key = process.env.SENDGRID_API_KEY;\nReactDOM.render(<App apiKey={key} />, document.getElementById('root'));`,
        options: STRICT,
        errors: [{ messageId: 'serverSecretInClient', line: 2, column: 13, data: { variable: 'SENDGRID_API_KEY', why: 'is a secret SendGrid key', client: 'a front-end entry calling `ReactDOM.render`', server: 'your backend' } }],
      },
      {
        name: 'strict: a server secret in a Vue entry (createApp(...).use(...).mount)',
        filename: 'src/main.js',
        code: `import { createApp } from 'vue';\nconst token = import.meta.env.GITHUB_TOKEN;\ncreateApp(App, { token }).use(router).mount('#app');`,
        options: STRICT,
        errors: [{ messageId: 'serverSecretInClient', line: 2, column: 15, data: { variable: 'GITHUB_TOKEN', why: 'is a secret GitHub token', client: 'a front-end entry calling `createApp(...).mount`', server: 'your backend' } }],
      },
      {
        name: 'strict: a server secret in Solid and Svelte 5 entries',
        filename: 'src/index.js',
        code: `import { render } from 'solid-js/web';\nimport { mount } from 'svelte';\nrender(() => App({ key: import.meta.env.OPENAI_API_KEY }), document.body);\nexport default mount(App, { target: document.body });`,
        options: STRICT,
        errors: [{ messageId: 'serverSecretInClient', line: 3, column: 25, data: { variable: 'OPENAI_API_KEY', why: 'is a secret OpenAI key', client: 'a front-end entry calling `render`', server: 'your backend' } }],
      },
      {
        name: 'strict, RSC boundary: a server secret passed to a client component, in place and through `?? ""`',
        filename: PAGE_JSX,
        code: `import { CheckoutForm } from './rsc/checkout-form';\nexport default function Page() {\n  return <CheckoutForm stripeKey={process.env.STRIPE_SECRET_KEY ?? ''} label="Pay" />;\n}`,
        options: STRICT,
        errors: [
          {
            messageId: 'secretPropToClient',
            line: 3,
            column: 35,
            data: { variable: 'STRIPE_SECRET_KEY', why: 'says SECRET', prop: 'stripeKey', component: 'CheckoutForm', module: './rsc/checkout-form' },
          },
        ],
      },
      {
        name: 'strict, RSC boundary: through a local const, destructuring, a default import, a namespace import, a barrel and an object prop',
        filename: PAGE_JSX,
        code: `
import PayButton, { CheckoutForm } from './rsc/checkout-form.tsx';
import * as Client from './rsc/checkout-form';
import { CheckoutForm as Barrelled } from './rsc';
export default async function Page() {
  const key = process.env.STRIPE_SECRET_KEY;
  const { OPENAI_API_KEY, DATABASE_URL: db = '' } = process.env;
  return (
    <main>
      <PayButton secret={key} />
      <Client.CheckoutForm stripeKey={OPENAI_API_KEY} />
      <Barrelled config={{ apiKey: db, label: 'x' }} />
    </main>
  );
}
`,
        options: STRICT,
        errors: [
          { messageId: 'secretPropToClient', line: 10, column: 26, data: { variable: 'STRIPE_SECRET_KEY', why: 'says SECRET', prop: 'secret', component: 'PayButton', module: './rsc/checkout-form.tsx' } },
          { messageId: 'secretPropToClient', line: 11, column: 39, data: { variable: 'OPENAI_API_KEY', why: 'is a secret OpenAI key', prop: 'stripeKey', component: 'Client.CheckoutForm', module: './rsc/checkout-form' } },
          { messageId: 'secretPropToClient', line: 12, column: 36, data: { variable: 'DATABASE_URL', why: 'is a database connection string, with its credentials', prop: 'config', component: 'Barrelled', module: './rsc' } },
        ],
      },
      {
        name: "strict, RSC boundary: in a 'use client' file the read itself is reported, once",
        filename: PAGE_JSX,
        code: `'use client';\nimport { CheckoutForm } from './rsc/checkout-form';\nexport function Pay() { return <CheckoutForm stripeKey={process.env.STRIPE_SECRET_KEY} />; }`,
        options: STRICT,
        errors: [{ messageId: 'serverSecretInClient', line: 3, column: 57 }],
      },
      {
        name: 'dangerouslyAllowBrowser with a public env key: one finding naming both signals',
        code: `
import OpenAI from 'openai';
const apiKey = process.env.NEXT_PUBLIC_AI_KEY;
export const openai = new OpenAI({ apiKey, dangerouslyAllowBrowser: true });
`,
        errors: [{ messageId: 'browserSdkKey', line: 4, column: 36, data: { variable: 'NEXT_PUBLIC_AI_KEY', sdk: 'OpenAI', server: 'an API route or server action', exposure: 'The `NEXT_PUBLIC_` prefix makes Next.js inline it into the JavaScript bundle' } }],
      },
      {
        name: 'dangerouslyAllowBrowser replaces the plain finding on the same read; in a Vite app the fix is the backend',
        code: `
import Anthropic from '@anthropic-ai/sdk';
export const client = new Anthropic({ apiKey: import.meta.env.VITE_ANTHROPIC_API_KEY, dangerouslyAllowBrowser: true });
`,
        errors: [
          {
            messageId: 'browserSdkKey',
            line: 3,
            column: 39,
            data: { variable: 'VITE_ANTHROPIC_API_KEY', sdk: 'Anthropic', server: 'your backend', exposure: 'The `VITE_` prefix makes Vite inline it into the JavaScript bundle' },
          },
        ],
      },
      {
        name: 'next.config env exposing a server secret by name and by value',
        filename: 'next.config.js',
        code: `
module.exports = {
  env: {
    STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,
    NEXT_PUBLIC_AI: process.env.OPENAI_API_KEY,
    APP_VERSION: '1.0.0',
  },
  publicRuntimeConfig: { dbUrl: process.env.DATABASE_URL },
};
`,
        errors: [
          { messageId: 'configExposesSecret', line: 4, column: 5, data: { config: 'The next.config `env` option', variable: 'STRIPE_SECRET_KEY', why: 'says SECRET', server: 'an API route or server action' } },
          { messageId: 'configExposesSecret', line: 5, column: 5, data: { config: 'The next.config `env` option', variable: 'OPENAI_API_KEY', why: 'is a secret OpenAI key', server: 'an API route or server action' } },
          { messageId: 'configExposesSecret', line: 8, column: 26 },
        ],
      },
      {
        name: 'next.config env spreading the whole environment',
        filename: 'next.config.mjs',
        code: `export default { env: { ...process.env } };`,
        errors: [{ messageId: 'configExposesAllEnv', line: 1, column: 25 }],
      },
      {
        name: 'Vite define with loadEnv, a secret key and the whole environment; envPrefix ""',
        filename: 'vite.config.js',
        code: `
import { defineConfig, loadEnv } from 'vite';
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '');
  return {
    envPrefix: '',
    define: {
      __OPENAI_KEY__: JSON.stringify(env.OPENAI_API_KEY),
      'process.env.STRIPE_SECRET_KEY': JSON.stringify(process.env.STRIPE_SECRET_KEY),
      'process.env': env,
      __APP_VERSION__: JSON.stringify(env.npm_package_version),
    },
  };
});
`,
        errors: [
          { messageId: 'emptyEnvPrefix', line: 6, column: 16 },
          {
            messageId: 'configExposesSecret',
            line: 8,
            column: 7,
            data: { config: 'The Vite `define` option', variable: 'OPENAI_KEY', why: 'is a secret OpenAI key', server: 'your backend' },
          },
          { messageId: 'configExposesSecret', line: 9, column: 7 },
          { messageId: 'configExposesAllEnv', line: 10, column: 7 },
        ],
      },
      {
        name: 'webpack DefinePlugin and EnvironmentPlugin',
        filename: 'webpack.config.js',
        code: `
const { DefinePlugin, EnvironmentPlugin } = require('webpack');
module.exports = {
  plugins: [
    new DefinePlugin({ 'process.env': JSON.stringify(process.env) }),
    new EnvironmentPlugin(['NODE_ENV', 'AWS_SECRET_ACCESS_KEY']),
  ],
};
`,
        errors: [
          { messageId: 'configExposesAllEnv', line: 5, column: 24, data: { config: '`new DefinePlugin()`' } },
          { messageId: 'configExposesSecret', line: 6, column: 40, data: { config: '`new EnvironmentPlugin()`', variable: 'AWS_SECRET_ACCESS_KEY', why: 'says SECRET', server: 'server code' } },
        ],
      },
      {
        // Each plugin alone: the rule listens to `new` only in files that name one of them (or the browser escape hatch).
        name: 'webpack EnvironmentPlugin alone, through the namespace',
        filename: 'webpack.config.js',
        code: `
const webpack = require('webpack');
module.exports = { plugins: [new webpack.EnvironmentPlugin(['NODE_ENV', 'AWS_SECRET_ACCESS_KEY'])] };
`,
        errors: [
          { messageId: 'configExposesSecret', line: 3, column: 73, data: { config: '`new webpack.EnvironmentPlugin()`', variable: 'AWS_SECRET_ACCESS_KEY', why: 'says SECRET', server: 'server code' } },
        ],
      },
      {
        name: 'webpack DefinePlugin alone, through the namespace',
        filename: 'webpack.config.js',
        code: `
const webpack = require('webpack');
module.exports = { plugins: [new webpack.DefinePlugin({ 'process.env': JSON.stringify(process.env) })] };
`,
        errors: [{ messageId: 'configExposesAllEnv', line: 3, column: 57, data: { config: '`new webpack.DefinePlugin()`' } }],
      },
      {
        name: 'Nuxt runtimeConfig.public',
        filename: 'nuxt.config.ts',
        code: `
export default defineNuxtConfig({
  runtimeConfig: {
    openaiApiKey: process.env.OPENAI_API_KEY,
    public: { apiBase: '/api', stripeSecretKey: process.env.STRIPE_SECRET_KEY },
  },
});
`,
        errors: [{ messageId: 'configExposesSecret', line: 5, column: 32 }],
      },
    ],
  });
});

/** Built at run time so that this file holds no token a secret scanner would flag. */
const FAKE = {
  stripe: ['sk', 'live', '51H8d7f2eZvKYlo2C9aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3w'].join('_'),
  aws: ['AKIA', 'Q3EGRIVPXMKUJ7XW'].join(''),
  github: ['ghp', 'R4nd0mG1tHubT0k3nV4lu3sAbCdEfGh1J2kL'].join('_'),
  slack: ['xoxb', '1234567890123', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-'),
  anthropic: ['sk', 'ant', 'api03', 'a'.repeat(30) + 'B'.repeat(30) + '1'.repeat(33) + 'AA'].join('-'),
  pem: JSON.stringify(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' })).slice(1, -1),
  serviceRole: [
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
    Buffer.from(JSON.stringify({ iss: 'supabase', ref: 'abcdefghijklmnop', role: 'service_role', iat: 1_700_000_000 })).toString('base64url'),
    'c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU',
  ].join('.'),
  anon: [
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
    Buffer.from(JSON.stringify({ iss: 'supabase', ref: 'abcdefghijklmnop', role: 'anon', iat: 1_700_000_000 })).toString('base64url'),
    'c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU',
  ].join('.'),
};

describe('TypeScript without type information', () => {
  typescriptTester().run('no-public-secret-env', rule, {
    valid: [
      {
        name: 'a Supabase anon JWT is public',
        code: `export const supabase = createClient('https://abc.supabase.co', '${FAKE.anon}');`,
      },
      {
        name: 'a Google key passed as googleMapsApiKey through `as string` and `!` (strict)',
        options: STRICT,
        code: `'use client';\nimport { useJsApiLoader } from '@react-google-maps/api';\nexport const useMaps = () => useJsApiLoader({ googleMapsApiKey: process.env.NEXT_PUBLIC_GOOGLE_API_KEY as string });\nexport const key = { googleMapsApiKey: process.env.NEXT_PUBLIC_GOOGLE_KEY! };`,
      },
      {
        name: 'typed reads of public variables',
        code: `const url: string = process.env.NEXT_PUBLIC_SUPABASE_URL!;\nconst anon = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY as string;`,
      },
    ],
    invalid: [
      {
        name: 'a Stripe live secret key hard-coded (both presets)',
        code: `import Stripe from 'stripe';\nexport const stripe = new Stripe('${FAKE.stripe}', { apiVersion: '2024-06-20' });`,
        errors: [{ messageId: 'hardcodedSecret', line: 2, column: 34, data: { provider: 'Stripe', what: 'live secret key' } }],
      },
      {
        name: 'AWS, GitHub and Slack tokens, in a template and an object',
        code: `const config = {\n  aws: \`${FAKE.aws}\`,\n  github: '${FAKE.github}',\n  slack: "${FAKE.slack}",\n};`,
        options: STRICT,
        errors: [
          { messageId: 'hardcodedSecret', line: 2, column: 8, data: { provider: 'AWS', what: 'access key id' } },
          { messageId: 'hardcodedSecret', line: 3, column: 11, data: { provider: 'GitHub', what: 'token' } },
          { messageId: 'hardcodedSecret', line: 4, column: 10, data: { provider: 'Slack', what: 'bot token' } },
        ],
      },
      {
        name: 'an Anthropic key, a PEM private key and a Supabase service_role JWT',
        code: `const a = '${FAKE.anthropic}';\nconst pem = '${FAKE.pem}';\nconst admin = createClient(url, '${FAKE.serviceRole}');`,
        errors: [
          { messageId: 'hardcodedSecret', line: 1, column: 11, data: { provider: 'Anthropic', what: 'API key' } },
          { messageId: 'hardcodedSecret', line: 2, column: 13, data: { provider: 'PEM', what: 'private key' } },
          { messageId: 'hardcodedSecret', line: 3, column: 33, data: { provider: 'Supabase', what: '`service_role` key (a JWT that bypasses Row Level Security)' } },
        ],
      },
      {
        name: 'a public secret read through `as` and `!`',
        code: `export const key = (process.env.NEXT_PUBLIC_OPENAI_API_KEY as string)!;`,
        errors: [
          {
            messageId: 'publicSecret',
            line: 1,
            column: 21,
            suggestions: [{ messageId: 'renameToServerVariable', output: `export const key = (process.env.OPENAI_API_KEY as string)!;` }],
          },
        ],
      },
      {
        name: 'strict, RSC boundary: a typed server component (`as string`, `!`)',
        filename: PAGE_TSX,
        code: `import { CheckoutForm } from './rsc/checkout-form';\nexport default function Page(): JSX.Element {\n  const key = process.env.RESEND_API_KEY as string;\n  return <CheckoutForm stripeKey={key} config={{ apiKey: process.env.ANTHROPIC_API_KEY! }} />;\n}`,
        options: STRICT,
        errors: [
          { messageId: 'secretPropToClient', line: 4, column: 35, data: { variable: 'RESEND_API_KEY', why: 'is a secret Resend key', prop: 'stripeKey', component: 'CheckoutForm', module: './rsc/checkout-form' } },
          { messageId: 'secretPropToClient', line: 4, column: 58, data: { variable: 'ANTHROPIC_API_KEY', why: 'is a secret Anthropic key', prop: 'config', component: 'CheckoutForm', module: './rsc/checkout-form' } },
        ],
      },
      {
        name: "a 'use client' component reading a public secret",
        filename: 'app/components/CheckoutButton.tsx',
        code: `'use client';\nexport function CheckoutButton() {\n  return <button data-key={process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY}>Pay</button>;\n}`,
        errors: [{ messageId: 'publicSecret', line: 3, column: 28, suggestions: [] }],
      },
    ],
  });
});

describe('TypeScript with type information', () => {
  typedTester().run('no-public-secret-env', rule, {
    valid: [
      {
        name: 'next.config typed as NextConfig, public values only',
        filename: 'next.config.ts',
        code: `
import type { NextConfig } from 'next';
const nextConfig: NextConfig = { env: { NEXT_PUBLIC_APP_URL: process.env.APP_URL ?? '' } };
export default nextConfig;
`,
      },
      {
        name: 'RSC boundary with types: a path-aliased server component',
        filename: PAGE_TSX,
        code: `import { ServerCard } from '@/rsc/server-card';\nexport default function Page() { return <ServerCard apiKey={process.env.OPENAI_API_KEY} />; }`,
        options: STRICT,
      },
      {
        name: 'the OpenAI client on the server',
        code: `
import OpenAI from 'openai';
export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
`,
      },
    ],
    invalid: [
      {
        name: 'next.config typed as NextConfig exposing a secret',
        filename: 'next.config.ts',
        code: `
import type { NextConfig } from 'next';
const nextConfig: NextConfig = {
  env: { RESEND_API_KEY: process.env.RESEND_API_KEY ?? '' },
};
export default nextConfig;
`,
        errors: [{ messageId: 'configExposesSecret', line: 4, column: 10 }],
      },
      {
        name: 'the OpenAI client in the browser with a public key',
        filename: 'react.tsx',
        code: `
'use client';
import OpenAI from 'openai';
export const openai = new OpenAI({
  apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY,
  dangerouslyAllowBrowser: true,
});
`,
        errors: [{ messageId: 'browserSdkKey', line: 5, column: 3, data: { variable: 'NEXT_PUBLIC_OPENAI_API_KEY', sdk: 'OpenAI', server: 'an API route or server action', exposure: 'The `NEXT_PUBLIC_` prefix makes Next.js inline it into the JavaScript bundle' } }],
      },
      {
        name: 'strict, RSC boundary with types: a path alias (`@/rsc/...`) followed through the checker, also through the barrel',
        filename: PAGE_TSX,
        code: `import { CheckoutForm } from '@/rsc/checkout-form';\nimport { CheckoutForm as Again } from '@/rsc';\nexport default function Page() {\n  return <><CheckoutForm stripeKey={process.env.STRIPE_SECRET_KEY} /><Again stripeKey={process.env.STRIPE_SECRET_KEY} /></>;\n}`,
        options: STRICT,
        errors: [
          { messageId: 'secretPropToClient', line: 4, column: 37, data: { variable: 'STRIPE_SECRET_KEY', why: 'says SECRET', prop: 'stripeKey', component: 'CheckoutForm', module: '@/rsc/checkout-form' } },
          { messageId: 'secretPropToClient', line: 4, column: 88, data: { variable: 'STRIPE_SECRET_KEY', why: 'says SECRET', prop: 'stripeKey', component: 'Again', module: '@/rsc' } },
        ],
      },
      {
        name: 'strict: a server secret in a client component',
        filename: 'react.tsx',
        code: `
'use client';
import { useState } from 'react';
export function Admin() {
  const [key] = useState(process.env.SUPABASE_SERVICE_ROLE_KEY);
  return <pre>{key}</pre>;
}
`,
        options: STRICT,
        errors: [{ messageId: 'serverSecretInClient', line: 5, column: 26 }],
      },
    ],
  });
});

describe('cost on files without a signal', () => {
  const { lint: lintWith, linted } = costProbe('no-public-secret-env', rule);
  const lint = (code: string): void => {
    lintWith(code, { options: STRICT });
  };

  it('computes no per-file facts for a file without an env or token signal', () => {
    lint(`
      import express from 'express';
      const app = express();
      app.get('/api/me', (req, res) => { res.json({ user: req.query.id, token: 'abc' }); });
    `);
    expect(computedFileFacts(linted())).toEqual([]);
  });

  it('computes no per-file facts for a file with a token signal only (strings are scanned, nothing resolved)', () => {
    lint(`export const header = '-----BEGIN PRIVATE KEY-----';`);
    expect(computedFileFacts(linted())).toEqual([]);
  });

  it('reads an imported module only for a prop that carries a secret, and once per process', () => {
    const lintPage = (code: string): Linter.LintMessage[] => lintWith(code, { options: STRICT, filename: 'app-page.tsx', typed: false });
    const before = moduleDirectiveReads();
    const quiet = `import { CheckoutForm } from './rsc/checkout-form';\nexport default function Page() { return <CheckoutForm label={process.env.SITE_NAME} stripeKey={process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY} />; }`;
    expect(lintPage(quiet)).toEqual([]);
    expect(moduleDirectiveReads()).toBe(before);
    const leaking = `import { CheckoutForm } from './rsc/checkout-form';\nexport default function Page() { return <CheckoutForm stripeKey={process.env.STRIPE_SECRET_KEY} />; }`;
    const reads = moduleDirectiveReads();
    expect(lintPage(leaking).map((message) => message.messageId)).toEqual(['secretPropToClient']);
    expect(lintPage(leaking).map((message) => message.messageId)).toEqual(['secretPropToClient']);
    expect(moduleDirectiveReads() - reads).toBeLessThanOrEqual(1);
  });

  it('never asks the type checker', () => {
    lint(`export const key = process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;\nexport const url = process.env.NEXT_PUBLIC_SITE_URL;`);
    const facts = peekFileFacts(linted());
    expect(facts).toBeDefined();
    expect(facts?.typesRequested).toBe(false);
  });
});
