/**
 * Declarative facts about environment variables: which prefixes front-end frameworks inline into
 * the browser bundle, which names say "secret" or "public by design", and the formats of live
 * credentials (after gitleaks' provider rules). No AST code here; the classifier that reads these
 * tables lives in `src/rules/no-public-secret-env/names.ts`.
 */

/**
 * Where a secret belongs instead, per framework, for the fix in messages. A framework with a server
 * of its own names its server-side places; a client-only app (Vite, Expo and React Native, Create
 * React App, Vue CLI) has none, so the secret belongs in the app's backend.
 */
export const SERVER_PLACES = {
  next: 'an API route or server action',
  nuxt: 'a Nuxt server route',
  sveltekit: '`+page.server.ts` or `+server.ts`',
  svelteKitOrAstro: 'server-only code',
  gatsby: 'a Gatsby Function',
  backend: 'your backend',
  unknown: 'server code',
} as const;

/** A prefix that makes a framework inline the variable into client code, longest first. */
export interface PublicPrefix {
  readonly prefix: string;
  /** Who inlines it, for messages. */
  readonly framework: string;
  /** Where the secret belongs instead (`SERVER_PLACES`), for messages. */
  readonly server: string;
}

export const PUBLIC_PREFIXES: readonly PublicPrefix[] = [
  { prefix: 'NEXT_PUBLIC_', framework: 'Next.js', server: SERVER_PLACES.next },
  { prefix: 'EXPO_PUBLIC_', framework: 'Expo', server: SERVER_PLACES.backend },
  { prefix: 'NUXT_PUBLIC_', framework: 'Nuxt', server: SERVER_PLACES.nuxt },
  { prefix: 'REACT_APP_', framework: 'Create React App', server: SERVER_PLACES.backend },
  { prefix: 'STORYBOOK_', framework: 'Storybook', server: SERVER_PLACES.backend },
  { prefix: 'VUE_APP_', framework: 'Vue CLI', server: SERVER_PLACES.backend },
  { prefix: 'GATSBY_', framework: 'Gatsby', server: SERVER_PLACES.gatsby },
  { prefix: 'PUBLIC_', framework: 'SvelteKit and Astro', server: SERVER_PLACES.svelteKitOrAstro },
  { prefix: 'VITE_', framework: 'Vite', server: SERVER_PLACES.backend },
];

/**
 * Words (whole `_`-separated tokens, or token sequences) that make a name a secret whatever the
 * provider. Checked after the descriptor suffixes below, so `PASSWORD_RESET_URL` stays silent.
 */
export const SECRET_WORDS: readonly string[] = [
  'SECRET',
  'SECRETS',
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'PRIVATE_KEY',
  'PRIVATE_TOKEN',
  'SERVICE_ROLE',
  'SERVICE_KEY',
  'SERVICE_ACCOUNT_KEY',
  'SIGNING_KEY',
  'ENCRYPTION_KEY',
  'MASTER_KEY',
  'ADMIN_KEY',
  'ADMIN_TOKEN',
  'ADMIN_API_KEY',
  'AUTH_TOKEN',
  'REFRESH_TOKEN',
  'WRITE_TOKEN',
  'MANAGEMENT_TOKEN',
  'MANAGEMENT_KEY',
  'CONNECTION_STRING',
  'SESSION_KEY',
  'JWT_KEY',
];

/**
 * The last token(s) of names that describe a value rather than hold a credential: an id, an
 * address, a switch. `STRIPE_SECRET_KEY_URL` is an address; `CLIENT_ID` is public.
 */
export const DESCRIPTOR_SUFFIXES: ReadonlySet<string> = new Set([
  'URL',
  'URLS',
  'URI',
  'HOST',
  'HOSTNAME',
  'ENDPOINT',
  'DOMAIN',
  'ORIGIN',
  'REGION',
  'ID',
  'IDS',
  'NAME',
  'ENV',
  'ENVIRONMENT',
  'MODE',
  'VERSION',
  'PATH',
  'PORT',
  'ENABLED',
  'DISABLED',
  'LENGTH',
  'TTL',
  'TIMEOUT',
  'EXPIRY',
  'EXPIRES',
  'HEADER',
  'LABEL',
  'TITLE',
  'PLAN',
  'PRICE',
]);

/** Databases whose `*_URL`/`*_URI` is a connection string with credentials in it. */
export const CONNECTION_STRING_WORDS: ReadonlySet<string> = new Set([
  'DATABASE',
  'DB',
  'POSTGRES',
  'POSTGRESQL',
  'PG',
  'MYSQL',
  'MARIADB',
  'MONGO',
  'MONGODB',
  'REDIS',
  'NEON',
  'COCKROACH',
  'AMQP',
  'RABBITMQ',
]);

/**
 * Words that mark a key meant for the browser. Checked after the secret words, so
 * `VAPID_PRIVATE_KEY` is a secret and `VAPID_PUBLIC_KEY` is not.
 */
export const PUBLIC_WORDS: readonly string[] = [
  'PUBLISHABLE',
  'PUBLIC',
  'ANON',
  'SITE_KEY',
  'SITEKEY',
  'BROWSER_KEY',
  'CLIENT_KEY',
  'CLIENT_TOKEN',
  'SEARCH_KEY',
  'SEARCH_API_KEY',
  'SEARCH_ONLY',
  'SEARCH_ONLY_API_KEY',
  'DSN',
  'MEASUREMENT',
  'TRACKING',
  'WRITE_KEY',
  'STOREFRONT',
  'DELIVERY',
  'CLIENTSIDE',
  'CLIENT_SIDE',
];

/**
 * Keys and tokens that a provider's own documentation puts in the browser, matched against the
 * name after its public prefix (`NEXT_PUBLIC_`, `VITE_`, ...). Only with a public prefix: the
 * same provider's server-side variable may hold a broader credential. A secret word
 * (`REVENUECAT_SECRET_API_KEY`) still wins.
 */
export const PUBLIC_BY_DESIGN: readonly { readonly provider: string; readonly pattern: RegExp }[] = [
  // next-axiom sends the browser's logs and Web Vitals with `NEXT_PUBLIC_AXIOM_TOKEN`: its README
  // (https://github.com/axiomhq/next-axiom#install-next-axiom) has the app set that variable, and
  // the library reads it in client code. Give it a token that may only ingest.
  { provider: 'Axiom', pattern: /^AXIOM_TOKEN$/u },
  // Better Stack (formerly Logtail) source tokens only send logs to one source; the browser client
  // is set up with one (https://betterstack.com/docs/logs/javascript/install/, "Logging from browser").
  { provider: 'Better Stack', pattern: /(?:^|_)(?:BETTER_STACK|BETTERSTACK|LOGTAIL)_SOURCE_TOKEN$/u },
  // RevenueCat's public (app-specific, SDK) API keys "must be used to configure the SDK"; only the
  // `sk_` secret keys stay on servers (https://www.revenuecat.com/docs/projects/authentication).
  { provider: 'RevenueCat', pattern: /(?:^|_)REVENUECAT_(?:[A-Z0-9]+_)*API_KEY$/u },
  { provider: 'RevenueCat', pattern: /(?:^|_)REVENUECAT_PUBLIC_[A-Z0-9_]+$/u },
];

/**
 * Object properties and JSX attributes whose value is a browser key by the API's design: the
 * decision follows what the key is passed to, whatever the variable is called.
 */
export const BROWSER_KEY_SLOTS: ReadonlySet<string> = new Set([
  // `useJsApiLoader({ googleMapsApiKey })` / `<LoadScript googleMapsApiKey>` (@react-google-maps/api)
  // load the Maps JavaScript API in the browser with the key in the script URL; Google's guidance is
  // to restrict such keys by HTTP referrer (https://developers.google.com/maps/api-security-best-practices).
  'googleMapsApiKey',
]);

/** The last tokens of a credential-shaped name, whose meaning depends on the provider. */
export const CREDENTIAL_SUFFIXES: ReadonlySet<string> = new Set(['KEY', 'TOKEN', 'APIKEY', 'PAT', 'CREDENTIALS']);

/**
 * Providers whose API keys and tokens are server secrets: a `<PROVIDER>_..._KEY` or `_TOKEN` in
 * a public variable is a leak. Names here are whole tokens of the variable name.
 */
export const SECRET_KEY_PROVIDERS: Readonly<Record<string, string>> = {
  OPENAI: 'OpenAI',
  ANTHROPIC: 'Anthropic',
  CLAUDE: 'Anthropic',
  GEMINI: 'Google Gemini',
  GROQ: 'Groq',
  MISTRAL: 'Mistral',
  COHERE: 'Cohere',
  DEEPSEEK: 'DeepSeek',
  PERPLEXITY: 'Perplexity',
  OPENROUTER: 'OpenRouter',
  REPLICATE: 'Replicate',
  HUGGINGFACE: 'Hugging Face',
  HF: 'Hugging Face',
  TOGETHER: 'Together AI',
  FIREWORKS: 'Fireworks AI',
  ELEVENLABS: 'ElevenLabs',
  DEEPGRAM: 'Deepgram',
  ASSEMBLYAI: 'AssemblyAI',
  PINECONE: 'Pinecone',
  TAVILY: 'Tavily',
  FIRECRAWL: 'Firecrawl',
  SERPAPI: 'SerpApi',
  STRIPE: 'Stripe',
  LEMONSQUEEZY: 'Lemon Squeezy',
  SENDGRID: 'SendGrid',
  RESEND: 'Resend',
  MAILGUN: 'Mailgun',
  POSTMARK: 'Postmark',
  MAILCHIMP: 'Mailchimp',
  BREVO: 'Brevo',
  SENDINBLUE: 'Brevo',
  LOOPS: 'Loops',
  GITHUB: 'GitHub',
  GH: 'GitHub',
  GITLAB: 'GitLab',
  SANITY: 'Sanity',
  AIRTABLE: 'Airtable',
  NOTION: 'Notion',
  LINEAR: 'Linear',
  SLACK: 'Slack',
  DISCORD: 'Discord',
  TELEGRAM: 'Telegram',
  UPSTASH: 'Upstash',
  VERCEL: 'Vercel',
  NETLIFY: 'Netlify',
  CLOUDFLARE: 'Cloudflare',
  HUBSPOT: 'HubSpot',
  STRAPI: 'Strapi',
  SHIPPO: 'Shippo',
  PLAID: 'Plaid',
  TWILIO: 'Twilio',
  AWS: 'AWS',
};

/**
 * Providers whose keys and tokens are made for the browser (restricted by domain or by scope):
 * their `_KEY`/`_TOKEN`/`_API_KEY` names stay silent, even with `reportAmbiguousNames`.
 */
export const PUBLIC_KEY_PROVIDERS: ReadonlySet<string> = new Set([
  'MAPBOX',
  'MAPS',
  'GMAPS',
  'MAPTILER',
  'FIREBASE',
  'POSTHOG',
  'SEGMENT',
  'MIXPANEL',
  'AMPLITUDE',
  'HEAP',
  'HOTJAR',
  'PLAUSIBLE',
  'FATHOM',
  'UMAMI',
  'GA',
  'GA4',
  'GTM',
  'ANALYTICS',
  'INTERCOM',
  'CRISP',
  'PUSHER',
  'LAUNCHDARKLY',
  'STATSIG',
  'GROWTHBOOK',
  'ALGOLIA',
  'TYPESENSE',
  'MEILISEARCH',
  'SENTRY',
  'RECAPTCHA',
  'TURNSTILE',
  'HCAPTCHA',
  'CLERK',
  'PADDLE',
  'BUGSNAG',
  'DATADOG',
  'LOGROCKET',
  'WEB3AUTH',
  'WALLETCONNECT',
  'ALCHEMY',
  'INFURA',
  'PRIVY',
  'ONESIGNAL',
  'VAPID',
]);

/**
 * Secret-key providers that also issue a public key under a similar name: their names are secrets
 * only with one of these words (or a secret word). `STRIPE_KEY` is the publishable key in most
 * apps; `STRIPE_API_KEY` (the SDK's name for the secret key) and `STRIPE_RESTRICTED_KEY` are not.
 * Twilio's API key is a SID; its secrets are the auth token and the API secret.
 */
export const PROVIDERS_WITH_PUBLIC_KEYS: Readonly<Record<string, readonly string[]>> = {
  STRIPE: ['API', 'RESTRICTED'],
  TWILIO: [],
};

/** A live credential format, after gitleaks' provider rules. */
export interface TokenFormat {
  readonly provider: string;
  readonly what: string;
  /** Matches the credential itself; `u` flag, no `g` (the scanner adds it). */
  readonly pattern: RegExp;
}

export const TOKEN_FORMATS: readonly TokenFormat[] = [
  { provider: 'Stripe', what: 'live secret key', pattern: /\bsk_live_[0-9A-Za-z]{24,247}\b/u },
  { provider: 'Stripe', what: 'live restricted key', pattern: /\brk_live_[0-9A-Za-z]{24,247}\b/u },
  { provider: 'AWS', what: 'access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/u },
  { provider: 'GitHub', what: 'token', pattern: /\bgh[pousr]_[0-9A-Za-z]{36}\b/u },
  { provider: 'GitHub', what: 'fine-grained personal access token', pattern: /\bgithub_pat_\w{82}\b/u },
  { provider: 'Slack', what: 'bot token', pattern: /\bxoxb-\d{10,13}-\d{10,13}[0-9A-Za-z-]*/u },
  { provider: 'Slack', what: 'user token', pattern: /\bxox[pe](?:-\d{10,13}){3}-[0-9A-Za-z-]{28,34}/u },
  { provider: 'OpenAI', what: 'API key', pattern: /\bsk-(?:proj|svcacct|admin)-[\w-]{40,}/u },
  { provider: 'OpenAI', what: 'API key', pattern: /\bsk-[0-9A-Za-z]{20}T3BlbkFJ[0-9A-Za-z]{20}\b/u },
  { provider: 'Anthropic', what: 'API key', pattern: /\bsk-ant-(?:api|admin)\d\d-[\w-]{80,}/u },
  { provider: 'SendGrid', what: 'API key', pattern: /\bSG\.[\w-]{22}\.[\w-]{43}\b/u },
  { provider: 'npm', what: 'access token', pattern: /\bnpm_[0-9A-Za-z]{36}\b/u },
  {
    provider: 'PEM',
    what: 'private key',
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\s*[0-9A-Za-z+/=\s]{40,}/u,
  },
];

/**
 * Any of the formats above (and JWTs, checked for a Supabase `service_role` claim): the cheap file
 * gate. It means `sk_live_|rk_live_|gh[pousr]_|github_pat_|npm_|xox[bpe]-|sk-(?:proj|svcacct|admin|ant)-|
 * T3BlbkFJ|SG\.|PRIVATE KEY|A[BCKS][CI]A…|eyJ`, written so that most alternatives start at a rare
 * character (`_`, `-`, a capital) and look behind for their prefix: the regular expression engine then
 * skips ahead through ordinary code instead of trying a dozen alternatives at every lower-case letter
 * (`eyJ` starts at its `J`, not at every `e`). On the field set, where every file is scanned, it
 * takes 1.3 ns a byte, the plain alternation 3.3.
 */
export const TOKEN_SIGNAL =
  /[-_](?:(?<=[sr]k_)live_|(?<=gh[pousr]_)|(?<=github_)pat_|(?<=npm_)|(?<=xox[bpe]-)|(?<=sk-)(?:proj|svcacct|admin|ant)-)|T3BlbkFJ|SG\.|PRIVATE KEY|A[BCKS][CI]A[A-Z2-7]{16}|J(?<=eyJ)/u;

/**
 * What an environment read or an env-inlining option needs in the file: the cheap file gate of the
 * public-secret checks. It means `\benv\b|useRuntimeConfig|dangerouslyAllowBrowser|DefinePlugin|
 * EnvironmentPlugin|envPrefix`, with the alternatives that begin with a common lower-case letter
 * started at a rarer one (`v`, a capital) and their prefix looked behind, like TOKEN_SIGNAL: 0.9 ns
 * a byte on the field set instead of 1.3.
 */
export const ENV_SIGNAL = /v(?:(?<=\benv)\b|(?<=env)Prefix)|R(?<=useR)untimeConfig|A(?<=dangerouslyA)llowBrowser|DefinePlugin|EnvironmentPlugin/u;

/**
 * ENV_SIGNAL or TOKEN_SIGNAL, in one scan: most files hold neither, and one pass over the text
 * rejects them in about two thirds of the time of the two scans.
 */
export const ENV_OR_TOKEN_SIGNAL = new RegExp(`${ENV_SIGNAL.source}|${TOKEN_SIGNAL.source}`, 'u');

/** A JSON Web Token: header, payload and signature, base64url. */
export const JWT_PATTERN = /\beyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/u;

/** What a credential in an example or a test looks like: it is not reported. */
export const PLACEHOLDER = /x{5,}|X{5,}|\*{3,}|\.{3}|<|your|example|placeholder|redacted|dummy|fake|0{8,}/iu;

/** Stainless-generated SDKs (OpenAI, Anthropic, Groq, ...) refuse to run in a browser without this option. */
export const BROWSER_ESCAPE_HATCH = 'dangerouslyAllowBrowser';

/** Modules that build webpack's env-inlining plugins. */
export const WEBPACK_SOURCES: readonly string[] = ['webpack', '@rspack/core'];

/**
 * Calls that mount an app into the DOM: only a browser entry makes them (server rendering uses
 * `renderToString`, `createSSRApp`, `render` from `svelte/server`). `then`: the method that must
 * follow on the result (`createApp(App).mount('#app')`; `createApp` alone is also used by tests).
 */
export interface FrontEndEntry {
  readonly source: string;
  readonly path: readonly string[];
  readonly then?: string;
  /** How the message names it. */
  readonly label: string;
}

export const FRONTEND_ENTRIES: readonly FrontEndEntry[] = [
  { source: 'react-dom', path: ['render'], label: 'ReactDOM.render' },
  { source: 'react-dom', path: ['hydrate'], label: 'ReactDOM.hydrate' },
  { source: 'vue', path: ['createApp'], then: 'mount', label: 'createApp(...).mount' },
  { source: 'solid-js/web', path: ['render'], label: 'render' },
  { source: 'solid-js/web', path: ['hydrate'], label: 'hydrate' },
  { source: 'preact', path: ['render'], label: 'render' },
  { source: 'preact', path: ['hydrate'], label: 'hydrate' },
  { source: 'svelte', path: ['mount'], label: 'mount' },
  { source: 'svelte', path: ['hydrate'], label: 'hydrate' },
];
