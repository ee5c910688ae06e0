/** What retry libraries do with their options, encoded from their sources and docs. */

/**
 * What every finding of `no-unbounded-retry` needs in the file: a catch, an error or close handler,
 * or a retry option. It means `catch|\.then\b|onerror|onclose|["'`](?:error|close|end|disconnect)|retry|attempts`
 * in any case, with `catch`, `.then`, `retry` and `attempts` started at a rarer letter (`h`, `y`,
 * `p`) and their beginnings looked behind, like the credential prefixes of `no-public-secret-env`:
 * the engine skips ahead instead of trying at every `c`, `r` and `a`, about a fifth less time on the
 * field set. A match's index is that letter, up to five characters into its word.
 */
export const RETRY_FILE_SIGNAL = /h(?<=catch)|h(?<=\.th)en\b|on(?:error|close)|["'`](?:error|close|end|disconnect)|y(?<=retry)|p(?<=attemp)ts/iu;

/**
 * The failure handlers among RETRY_FILE_SIGNAL's words (recursion and reconnects need one; retry
 * loops need a `catch`), in their usual case, started at the same letters: none matches before the
 * first match of RETRY_FILE_SIGNAL.
 */
export const FAILURE_SIGNAL = /h(?<=catch)|h(?<=\.th)en\b|on(?:error|close)|["'`](?:error|close|end|disconnect)/u;

/**
 * Where a library reads its retry options:
 * - `argument`: the options object is argument `index` of a call (or `new`) of the export `path`;
 * - `nested`: under the key `under` of that object (got/ky `retry: { limit }`, BullMQ
 *   `defaultJobOptions: { attempts }`).
 */
export interface RetryCall {
  readonly source: string;
  /** The export that is called or constructed (`[]` for the default export / the module). */
  readonly path: readonly string[];
  /** Every argument index that may hold the options object. */
  readonly arguments: readonly number[];
  readonly construct?: true;
  /** The options live under this key of the argument (`defaultJobOptions`, `defaultOptions.queries`). */
  readonly under?: readonly string[];
}

export interface RetryLibrary {
  /** A name for messages: `p-retry`, `TanStack Query`. */
  readonly name: string;
  readonly calls: readonly RetryCall[];
  /** Keys that give the number of retries or attempts; a huge or infinite value retries forever. */
  readonly countKeys: readonly string[];
  /** A key whose value `true` retries forever (node-retry's `forever`, TanStack's `retry`). */
  readonly foreverKey?: string;
  /** A key whose value may also be an object with these count keys (`retry: { limit }`). */
  readonly nestedCountKey?: { readonly key: string; readonly countKeys: readonly string[] };
  /** Keys that bound the total time even when the count is infinite (`maxRetryTime`). */
  readonly timeBoundKeys?: readonly string[];
  /** Keys that cap the delay between attempts (for the documented retry-forever opt-in). */
  readonly delayCapKeys?: readonly string[];
  /** A key whose value is a function deciding whether to retry (`retry: (count) => true`). */
  readonly predicateKey?: string;
}

/** A count at or above this (or `Infinity`) retries forever in practice: 11 days at one a second. */
export const FOREVER_ATTEMPTS = 1_000_000;

const NODE_RETRY_KEYS = {
  countKeys: ['retries'],
  foreverKey: 'forever',
  timeBoundKeys: ['maxRetryTime'],
  delayCapKeys: ['maxTimeout'],
} as const;

const TANSTACK_SOURCES = ['@tanstack/react-query', '@tanstack/vue-query', '@tanstack/solid-query', '@tanstack/svelte-query', '@tanstack/query-core', '@tanstack/angular-query-experimental'];
const TANSTACK_HOOKS = ['useQuery', 'useSuspenseQuery', 'useInfiniteQuery', 'useSuspenseInfiniteQuery', 'useMutation', 'queryOptions', 'infiniteQueryOptions', 'createQuery', 'createMutation', 'injectQuery', 'injectMutation'];

export const RETRY_LIBRARIES: readonly RetryLibrary[] = [
  {
    name: 'p-retry',
    calls: [{ source: 'p-retry', path: [], arguments: [1] }],
    ...NODE_RETRY_KEYS,
  },
  {
    name: 'async-retry',
    calls: [{ source: 'async-retry', path: [], arguments: [1] }],
    ...NODE_RETRY_KEYS,
  },
  {
    name: 'retry',
    calls: [
      { source: 'retry', path: ['operation'], arguments: [0] },
      { source: 'retry', path: ['timeouts'], arguments: [0] },
      { source: 'retry', path: ['wrap'], arguments: [1] },
    ],
    ...NODE_RETRY_KEYS,
  },
  {
    name: 'axios-retry',
    calls: [{ source: 'axios-retry', path: [], arguments: [1] }],
    countKeys: ['retries'],
  },
  {
    name: 'got',
    calls: [
      { source: 'got', path: [], arguments: [0, 1] },
      ...['extend', 'get', 'post', 'put', 'patch', 'delete', 'head', 'stream', 'paginate'].map((method) => ({
        source: 'got',
        path: [method],
        arguments: [0, 1],
      })),
    ],
    countKeys: [],
    nestedCountKey: { key: 'retry', countKeys: ['limit'] },
    delayCapKeys: ['backoffLimit'],
  },
  {
    name: 'ky',
    calls: [
      { source: 'ky', path: [], arguments: [1] },
      ...['create', 'extend'].map((method) => ({ source: 'ky', path: [method], arguments: [0] })),
      ...['get', 'post', 'put', 'patch', 'delete', 'head'].map((method) => ({ source: 'ky', path: [method], arguments: [1] })),
    ],
    countKeys: ['retry'],
    nestedCountKey: { key: 'retry', countKeys: ['limit'] },
    delayCapKeys: ['backoffLimit'],
  },
  {
    name: 'exponential-backoff',
    calls: [{ source: 'exponential-backoff', path: ['backOff'], arguments: [1] }],
    countKeys: ['numOfAttempts'],
    delayCapKeys: ['maxDelay'],
  },
  {
    name: 'TanStack Query',
    calls: [
      ...TANSTACK_SOURCES.flatMap((source) =>
        TANSTACK_HOOKS.map((hook): RetryCall => ({ source, path: [hook], arguments: [0] })),
      ),
      ...TANSTACK_SOURCES.flatMap((source) =>
        ['queries', 'mutations'].map(
          (kind): RetryCall => ({ source, path: ['QueryClient'], arguments: [0], construct: true, under: ['defaultOptions', kind] }),
        ),
      ),
    ],
    countKeys: ['retry'],
    foreverKey: 'retry',
    predicateKey: 'retry',
  },
  {
    name: 'BullMQ',
    calls: [
      ...['bullmq', 'bull'].flatMap((source): RetryCall[] => [
        { source, path: ['Queue'], arguments: [1], construct: true, under: ['defaultJobOptions'] },
        { source, path: [], arguments: [1], construct: true, under: ['defaultJobOptions'] },
      ]),
    ],
    countKeys: ['attempts'],
  },
];

/** Queue constructors whose instances' `add(name, data, opts)` take job options with `attempts`. */
export const JOB_QUEUES: readonly { readonly source: string; readonly path: readonly string[] }[] = [
  { source: 'bullmq', path: ['Queue'] },
  { source: 'bull', path: [] },
  { source: 'bull', path: ['Queue'] },
];

/** SWR: `useSWR(key, fetcher, config)`, `useSWRInfinite`; retries forever without `errorRetryCount`. */
export const SWR_SOURCES = ['swr', 'swr/infinite', 'swr/immutable'];
export const SWR_HOOKS: readonly { readonly source: string; readonly path: readonly string[] }[] = [
  { source: 'swr', path: [] },
  { source: 'swr', path: ['useSWR'] },
  { source: 'swr/infinite', path: [] },
  { source: 'swr/immutable', path: [] },
];

/** ioredis: `new Redis(options)`, `new Redis(port, host, options)`, `new Cluster(nodes, options)`. */
export const REDIS_CLIENTS: readonly { readonly source: string; readonly path: readonly string[] }[] = [
  { source: 'ioredis', path: [] },
  { source: 'ioredis', path: ['Redis'] },
  { source: 'ioredis', path: ['Cluster'] },
];

export const AXIOS_RETRY = 'axios-retry';

/** Every module the library checks look at: a file importing none of them has no option findings. */
export const RETRY_SOURCES: readonly string[] = [
  ...new Set([
    ...RETRY_LIBRARIES.flatMap((library) => library.calls.map((call) => call.source)),
    ...SWR_SOURCES,
    ...REDIS_CLIENTS.map((client) => client.source),
    ...JOB_QUEUES.map((queue) => queue.source),
  ]),
];

/** Names of variables that count attempts or hold a deadline. */
export const COUNTER_NAME = /attempt|retries|tries|count|remaining|left|max|limit|budget|deadline|until|expir|elapsed|^[ijkn]$/iu;

/**
 * Libraries whose delay grows exponentially with no ceiling by default: the delay before the last
 * attempt is `base * factor ** (count - 1)`, and past `setTimeout`'s limit the timer fires after
 * 1 ms. Defaults from their sources: exponential-backoff (`maxDelay: Infinity`), node-retry and
 * the libraries built on it (`maxTimeout: Infinity`).
 */
export interface BackoffDefaults {
  readonly library: string;
  readonly countKey: string;
  readonly count: number;
  readonly baseKey: string;
  readonly base: number;
  readonly factorKey: string;
  readonly factor: number;
  readonly capKey: string;
}

const NODE_RETRY_BACKOFF = { countKey: 'retries', count: 10, baseKey: 'minTimeout', base: 1000, factorKey: 'factor', factor: 2, capKey: 'maxTimeout' } as const;

export const BACKOFF_DEFAULTS: readonly BackoffDefaults[] = [
  { library: 'exponential-backoff', countKey: 'numOfAttempts', count: 10, baseKey: 'startingDelay', base: 100, factorKey: 'timeMultiple', factor: 2, capKey: 'maxDelay' },
  { library: 'p-retry', ...NODE_RETRY_BACKOFF },
  { library: 'async-retry', ...NODE_RETRY_BACKOFF },
  { library: 'retry', ...NODE_RETRY_BACKOFF },
];

/** The largest delay `setTimeout` accepts (2^31 - 1 ms, about 24.8 days); above it, the timer fires at once. */
export const MAX_TIMER_DELAY = 2_147_483_647;

/**
 * Network, payment and SDK clients: a retry around their calls hits a remote service, so a fixed
 * delay retries in lockstep with every other client. Matched by import source (a trailing `/`
 * matches any subpath), by the type of the client object with type information, and `fetch`.
 */
export const NETWORK_SOURCES: readonly string[] = [
  'axios',
  'got',
  'ky',
  'ofetch',
  'undici',
  'node-fetch',
  'cross-fetch',
  'isomorphic-fetch',
  'superagent',
  'stripe',
  'openai',
  '@anthropic-ai/sdk',
  'twilio',
  'resend',
  '@sendgrid/mail',
  'postmark',
  'mailgun.js',
  'braintree',
  '@paypal/paypal-server-sdk',
  '@octokit/rest',
  'octokit',
  '@slack/web-api',
  'googleapis',
  '@aws-sdk/',
  '@google-cloud/',
  '@azure/',
];

/** Declared types of client objects (with type information): `stripe: Stripe`, `client: AxiosInstance`. */
export const NETWORK_CLIENT_TYPES: ReadonlySet<string> = new Set([
  'Stripe',
  'OpenAI',
  'Anthropic',
  'Twilio',
  'Resend',
  'AxiosInstance',
  'AxiosStatic',
  'Got',
  'KyInstance',
  'Octokit',
  'WebClient',
]);

/** SWR's config keys that bound or switch off its error retry. */
export const SWR_RETRY_KEYS = ['errorRetryCount', 'onErrorRetry', 'shouldRetryOnError'] as const;

/**
 * Error conditions that are not a failing dependency: a unique-key collision (Prisma `P2002`,
 * PostgreSQL `23505`, MySQL `ER_DUP_ENTRY`, MongoDB `11000`) or a conflict. Retrying on one of them
 * alone, with a fresh value, ends as soon as the value is free: it is not a retry of an outage.
 */
export const CONFLICT_ERROR = /unique|duplicate|conflict|already_?exists|collision|\bP2002\b|\b23505\b|ER_DUP_ENTRY|\bE?11000\b/iu;

/**
 * Close codes and disconnect reasons that mean "the connection was lost": a reconnect on one of
 * them is a reconnect on every failure, not on a specific condition (WebSocket 1001, 1006, 1011-1014;
 * Node's `ECONNRESET`, `ETIMEDOUT`, ...; socket.io's transport and ping reasons).
 */
export const CONNECTION_LOST = /^(?:1001|1006|1011|1012|1013|1014)$|^E(?:CONN|TIMEDOUT|PIPE|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH)|transport|ping timeout|network|timeout|lost|abnormal/iu;

/**
 * Names that stop a long-lived retry when tested: an abort signal, a stop or close flag, a
 * mounted or running state (`if (this.stopped) return`, `while (!signal.aborted)`,
 * `if (!shouldReconnect) return`). Constants (`WebSocket.CLOSED`) are not flags.
 */
export const STOP_NAME = /abort|stop|cancel|clos(?:ed?|ing)|dispos|destroy|shut|unmount|mounted|teardown|running|active|alive|enabled|should(?:Reconnect|Retry|Poll|Run)/iu;
