import path from 'node:path';

import tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { peekFileFacts } from '../../src/analysis/file-facts.js';
import rule from '../../src/rules/no-unbounded-retry.js';
import { TYPED_ROOT, javascriptTester, typedTester, typescriptTester } from '../testers.js';

const STRICT = [{ requireBackoff: true }] as const;

describe('plain JavaScript (espree)', () => {
  javascriptTester().run('no-unbounded-retry', rule, {
    valid: [
      {
        name: 'payment retry with an attempt counter checked before the recursion',
        code: `
          export async function charge(customerId, amount, attempt = 1) {
            try {
              return await stripe.paymentIntents.create({ customer: customerId, amount });
            } catch (error) {
              if (attempt >= 3) throw error;
              await sleep(2 ** attempt * 500);
              return charge(customerId, amount, attempt + 1);
            }
          }
        `,
      },
      {
        name: 'retries-- > 0 guarding the recursion',
        code: `
          function sendWebhook(url, body, retries = 3) {
            return fetch(url, { method: 'POST', body }).catch((error) => {
              if (retries-- > 0) return sendWebhook(url, body, retries);
              throw error;
            });
          }
        `,
      },
      {
        name: 'a decremented retriesLeft passed on, checked at the top',
        code: `
          async function deliver(event, retriesLeft) {
            if (!retriesLeft) throw new Error('giving up on ' + event.id);
            try { await post(event); } catch { return deliver(event, retriesLeft - 1); }
          }
        `,
      },
      {
        name: 'options object with a decremented counter',
        code: `
          async function fetchWithRetry(url, options = { retries: 3 }) {
            try { return await fetch(url); }
            catch (error) {
              if (options.retries <= 0) throw error;
              return fetchWithRetry(url, { ...options, retries: options.retries - 1 });
            }
          }
        `,
      },
      {
        name: 'a deadline check bounds the recursion',
        code: `
          async function waitForReady(deadline) {
            try { return await ping(); }
            catch { if (Date.now() > deadline) throw new Error('timeout'); await sleep(500); return waitForReady(deadline); }
          }
        `,
      },
      {
        name: 'recursion on the success path (pagination) is not a retry',
        code: `
          async function fetchAll(cursor) {
            const page = await api.list({ cursor });
            if (page.next) return [...page.items, ...(await fetchAll(page.next))];
            return page.items;
          }
        `,
      },
      {
        name: 'a catch that calls a different function',
        code: `
          async function charge(id) {
            try { return await stripe.charge(id); } catch (error) { return chargeFallback(id); }
          }
        `,
      },
      {
        name: 'recursion inside an unrelated callback of the catch is unknown: silent',
        code: `
          function sync(items) {
            try { upload(items); } catch { items.forEach((item) => queue.push(() => sync([item]))); }
          }
        `,
      },
      {
        name: 'a bounded for loop retry',
        code: `
          async function sendWithRetry(message) {
            for (let attempt = 1; attempt <= 5; attempt++) {
              try { return await mailer.send(message); }
              catch (error) { await sleep(1000 * 2 ** attempt); }
            }
            throw new Error('mail not sent');
          }
        `,
      },
      {
        name: 'while(true) with a counter-guarded throw',
        code: `
          async function connectDb() {
            let attempts = 0;
            while (true) {
              try { return await db.connect(); }
              catch (error) { if (++attempts >= 5) throw error; await sleep(attempts * 1000); }
            }
          }
        `,
      },
      {
        name: 'a deadline in the loop condition',
        code: `
          async function waitForJob(id, deadline) {
            while (Date.now() < deadline) {
              try { return await jobs.get(id); } catch { await sleep(1000); }
            }
          }
        `,
      },
      {
        name: 'a consumer loop that keeps going after a failed message is not a retry loop',
        code: `
          async function work() {
            while (true) {
              try { const job = await queue.next(); await handle(job); }
              catch (error) { logger.error(error); }
            }
          }
        `,
      },
      {
        name: 'a catch that always rethrows does not loop again',
        code: `
          async function once() {
            while (true) {
              try { return await op(); } catch (error) { throw error; }
            }
          }
        `,
      },
      {
        name: 'reconnect with an attempt counter and a cap',
        code: `
          let attempts = 0;
          function connect() {
            const ws = new WebSocket('wss://realtime.example.com');
            ws.onopen = () => { attempts = 0; };
            ws.onclose = () => {
              if (attempts >= 10) return showOffline();
              attempts++;
              setTimeout(connect, Math.min(1000 * 2 ** attempts, 30000));
            };
          }
        `,
      },
      {
        name: 'p-retry with a finite retries count',
        code: `
          import pRetry from 'p-retry';
          await pRetry(() => fetch('https://api.example.com'), { retries: 5, factor: 2, randomize: true });
        `,
      },
      {
        name: 'node-retry forever with maxRetryTime is bounded by time',
        code: `
          const retry = require('retry');
          const operation = retry.operation({ forever: true, maxRetryTime: 60000 });
        `,
      },
      {
        name: 'a local function called pRetry is not the library',
        code: `
          function pRetry(fn, options) { return fn(); }
          pRetry(() => 1, { retries: Infinity });
        `,
      },
      {
        name: 'retries read from configuration are unknown: silent',
        code: `
          import pRetry from 'p-retry';
          await pRetry(run, { retries: config.retries });
        `,
      },
      {
        name: "ioredis retryStrategy that reconnects forever with a capped delay: ioredis's own default, not reported by default",
        code: `
import Redis from 'ioredis';
export const redis = new Redis(process.env.REDIS_URL, { retryStrategy: (times) => Math.min(times * 50, 2000) });
        `,
      },
      {
        name: 'ioredis retryStrategy that stops after 10 attempts',
        code: `
          import Redis from 'ioredis';
          const redis = new Redis({
            retryStrategy(times) {
              if (times > 10) return null;
              return Math.min(times * 50, 2000);
            },
          });
        `,
      },
      {
        name: 'allowCappedForever: a capped, abortable reconnect loop',
        options: [{ allowCappedForever: true }],
        code: `
          async function subscribe(signal) {
            let attempt = 0;
            while (true) {
              if (signal.aborted) return;
              try { await stream(signal); return; }
              catch { attempt = attempt + 1; await sleep(Math.min(1000 * 2 ** attempt, 30000)); }
            }
          }
        `,
      },
      {
        name: 'allowCappedForever: p-retry forever with maxTimeout and a signal',
        options: [{ allowCappedForever: true }],
        code: `
          import pRetry from 'p-retry';
          await pRetry(sync, { retries: Infinity, maxTimeout: 30000, signal: controller.signal });
        `,
      },
    ],
    invalid: [
      {
        name: 'payment handler retrying itself from its catch (the 47,000 calls incident)',
        code: `
export async function chargeCustomer(customerId, amount) {
  try {
    return await stripe.paymentIntents.create({ customer: customerId, amount, currency: 'usd' });
  } catch (error) {
    console.error('Stripe failed, retrying', error);
    return chargeCustomer(customerId, amount);
  }
}
        `,
        errors: [{ messageId: 'recursion', line: 7, column: 12 }],
      },
      {
        name: 'recursion through setTimeout in the catch',
        code: `
function sendWebhook(url, payload) {
  fetch(url, { method: 'POST', body: JSON.stringify(payload) })
    .then((response) => { if (!response.ok) throw new Error(String(response.status)); })
    .catch(() => setTimeout(() => sendWebhook(url, payload), 5000));
}
        `,
        errors: [{ messageId: 'recursion', line: 5, column: 35 }],
      },
      {
        name: 'recursion through queueMicrotask in a catch clause',
        code: `
function flush() {
  try { transport.flush(); } catch { queueMicrotask(flush); }
}
        `,
        errors: [{ messageId: 'recursion', line: 3, column: 53 }],
      },
      {
        name: 'then(null, onRejected) handler',
        code: `
const load = () => api.get('/me').then(null, () => load());
        `,
        errors: [{ messageId: 'recursion', line: 2, column: 52 }],
      },
      {
        name: 'a non-counter guard (retryable error) does not bound the retry',
        code: `
async function syncInventory(sku) {
  try { return await erp.sync(sku); }
  catch (error) {
    if (error.code === 'ECONNRESET') return syncInventory(sku);
    throw error;
  }
}
        `,
        errors: [{ messageId: 'recursion', line: 5, column: 45 }],
      },
      {
        name: 'an attempt counter passed on but never checked',
        code: `
async function charge(id, attempt = 0) {
  try { return await stripe.charge(id); }
  catch { await sleep(1000 * attempt); return charge(id, attempt + 1); }
}
        `,
        errors: [{ messageId: 'recursion', line: 4, column: 47 }],
      },
      {
        name: 'WebSocket reconnect from onclose with a fixed delay',
        code: `
function connect() {
  const socket = new WebSocket('wss://realtime.example.com');
  socket.onmessage = (event) => render(JSON.parse(event.data));
  socket.onclose = () => setTimeout(connect, 1000);
}
        `,
        errors: [{ messageId: 'reconnect', line: 5, column: 37 }],
      },
      {
        name: "EventSource reconnect from an 'error' listener, in a class",
        code: `
class Feed {
  connect() {
    this.source = new EventSource('/events');
    this.source.addEventListener('error', () => {
      this.source.close();
      setTimeout(() => this.connect(), 2000);
    });
  }
}
        `,
        errors: [{ messageId: 'reconnect', line: 7, column: 24 }],
      },
      {
        name: 'while (true) retry loop without a counter',
        code: `
async function getToken() {
  while (true) {
    try {
      return await auth.refresh();
    } catch (error) {
      await sleep(1000);
    }
  }
}
        `,
        errors: [{ messageId: 'retryLoop', line: 3, column: 3 }],
      },
      {
        name: 'for (;;) retry loop with a non-counter guard',
        code: `
async function publish(event) {
  for (;;) {
    try { await broker.publish(event); break; }
    catch (error) { if (!isTransient(error)) throw error; }
  }
}
        `,
        errors: [{ messageId: 'retryLoop', line: 3, column: 3 }],
      },
      {
        name: 'while (!ok) until success',
        code: `
async function upload(file) {
  let ok = false;
  while (!ok) {
    try { await s3.putObject(file); ok = true; }
    catch { await sleep(2000); }
  }
}
        `,
        errors: [{ messageId: 'retryLoop', line: 4, column: 3 }],
      },
      {
        name: 'do { } while (true)',
        code: `
async function lock() {
  do {
    try { return await redlock.acquire(['lock'], 5000); } catch {}
  } while (true);
}
        `,
        errors: [{ messageId: 'retryLoop', line: 3, column: 3 }],
      },
      {
        name: 'p-retry retries: Infinity through an imported constant chain',
        code: `
import pRetry from 'p-retry';
const FOREVER = Number.POSITIVE_INFINITY;
const options = { retries: FOREVER };
await pRetry(() => fetch('https://api.example.com/sync'), options);
        `,
        errors: [{ messageId: 'foreverOption', line: 5, column: 59 }],
      },
      {
        name: 'async-retry forever: true (CommonJS)',
        code: `
const retry = require('async-retry');
retry(async () => fetchOrders(), { forever: true, minTimeout: 1000 });
        `,
        errors: [{ messageId: 'foreverOption', line: 3, column: 36 }],
      },
      {
        name: 'node-retry operation with retries: Number.MAX_SAFE_INTEGER',
        code: `
import retry from 'retry';
const operation = retry.operation({ retries: Number.MAX_SAFE_INTEGER });
        `,
        errors: [{ messageId: 'foreverOption', line: 3, column: 37 }],
      },
      {
        name: 'axios-retry retries: Infinity',
        code: `
import axios from 'axios';
import axiosRetry from 'axios-retry';
const client = axios.create({ baseURL: 'https://api.stripe.com' });
axiosRetry(client, { retries: Infinity, retryDelay: axiosRetry.exponentialDelay });
        `,
        errors: [{ messageId: 'foreverOption', line: 5, column: 22 }],
      },
      {
        name: 'got and ky retry.limit: Infinity',
        code: `
import got from 'got';
import ky from 'ky';
const client = got.extend({ retry: { limit: Infinity } });
const api = ky.create({ retry: { limit: Number.POSITIVE_INFINITY } });
        `,
        errors: [
          { messageId: 'foreverOption', line: 4, column: 38 },
          { messageId: 'foreverOption', line: 5, column: 34 },
        ],
      },
      {
        name: 'exponential-backoff numOfAttempts: Infinity',
        code: `
import { backOff } from 'exponential-backoff';
await backOff(() => sendInvoice(id), { numOfAttempts: Infinity, maxDelay: 60000 });
        `,
        errors: [{ messageId: 'foreverOption', line: 3, column: 40 }],
      },
      {
        name: 'TanStack Query retry: true, retry: Infinity and a predicate that always retries',
        code: `
import { QueryClient, useMutation, useQuery } from '@tanstack/react-query';
export const queryClient = new QueryClient({ defaultOptions: { queries: { retry: true }, mutations: { retry: Infinity } } });
export function useCheckout() {
  useQuery({ queryKey: ['cart'], queryFn: fetchCart, retry: () => true });
  return useMutation({ mutationFn: pay });
}
        `,
        errors: [
          { messageId: 'foreverOption', line: 3, column: 75 },
          { messageId: 'foreverOption', line: 3, column: 103 },
          { messageId: 'alwaysRetries', line: 5, column: 54 },
        ],
      },
      {
        name: 'SWR onErrorRetry that always revalidates',
        code: `
import useSWR from 'swr';
export function useBalance() {
  return useSWR('/api/balance', fetcher, {
    onErrorRetry: (error, key, config, revalidate, { retryCount }) => {
      setTimeout(() => revalidate({ retryCount }), 5000);
    },
  });
}
        `,
        errors: [{ messageId: 'alwaysRetries', line: 5, column: 5 }],
      },
      {
        name: 'ioredis retryStrategy that never returns null (reportClientReconnects, on in strict)',
        code: `
import Redis from 'ioredis';
export const redis = new Redis(process.env.REDIS_URL, {
  retryStrategy: (times) => Math.min(times * 50, 2000),
});
        `,
        options: [{ reportClientReconnects: true }],
        errors: [{ messageId: 'alwaysRetries', line: 4, column: 3 }],
      },
      {
        name: 'BullMQ attempts: Infinity on the queue defaults and on a job',
        code: `
import { Queue } from 'bullmq';
const emails = new Queue('emails', { connection, defaultJobOptions: { attempts: Infinity } });
await emails.add('welcome', { userId }, { attempts: Number.POSITIVE_INFINITY, backoff: { type: 'exponential', delay: 1000 } });
        `,
        errors: [
          { messageId: 'foreverOption', line: 3, column: 71 },
          { messageId: 'foreverOption', line: 4, column: 43 },
        ],
      },
      {
        name: 'allowCappedForever needs an abort signal as well as a cap',
        options: [{ allowCappedForever: true }],
        code: `
import pRetry from 'p-retry';
await pRetry(sync, { retries: Infinity, maxTimeout: 30000 });
        `,
        errors: [{ messageId: 'foreverOption', line: 3, column: 22 }],
      },
      {
        name: 'strict: a bounded loop retry that does not wait',
        options: STRICT,
        code: `
async function sendSms(to, body) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await twilio.messages.create({ to, body }); } catch {}
  }
}
        `,
        errors: [{ messageId: 'noDelay', line: 3, column: 3 }],
      },
      {
        name: 'strict: a bounded recursion that does not wait',
        options: STRICT,
        code: `
async function charge(id, attempt = 1) {
  try { return await stripe.charge(id); }
  catch (error) { if (attempt >= 3) throw error; return charge(id, attempt + 1); }
}
        `,
        errors: [{ messageId: 'noDelay', line: 4, column: 57 }],
      },
      {
        name: 'strict: exponential backoff without a ceiling',
        options: STRICT,
        code: `
async function retryLater(attempt) {
  const delay = 500 * 2 ** attempt;
  await sleep(delay);
}
        `,
        errors: [{ messageId: 'uncappedBackoff', line: 3, column: 23 }],
      },
      {
        name: 'strict: axios-retry without retryDelay',
        options: STRICT,
        code: `
import axios from 'axios';
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: 3 });
        `,
        errors: [{ messageId: 'noDelayDefault', line: 4, column: 1 }],
      },
    ],
  });
});

describe('TypeScript without type information', () => {
  typescriptTester().run('no-unbounded-retry', rule, {
    valid: [
      {
        name: 'typed bounded retry helper',
        code: `
          export async function withRetry<T>(operation: () => Promise<T>, maxAttempts = 3): Promise<T> {
            for (let attempt = 1; ; attempt++) {
              try { return await operation(); }
              catch (error: unknown) {
                if (attempt >= maxAttempts) throw error;
                await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt * 100, 5_000)));
              }
            }
          }
        `,
      },
      {
        name: 'strict: capped exponential backoff with a delay',
        options: STRICT,
        code: `
          async function call(attempt: number): Promise<void> {
            const delay = Math.min(250 * 2 ** attempt, 10_000);
            await sleep(delay);
          }
        `,
      },
      {
        name: 'strict: uncapped exponential backoff over a small, bounded attempt count',
        options: STRICT,
        code: `
          async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
            for (let attempt = 1; ; attempt++) {
              try { return await fn(); }
              catch (error) {
                if (attempt >= 5) throw error;
                await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100));
              }
            }
          }
        `,
      },
      {
        name: 'strict: axios-retry with exponentialDelay',
        options: STRICT,
        code: `
          import axios from 'axios';
          import axiosRetry, { exponentialDelay } from 'axios-retry';
          axiosRetry(axios, { retries: 3, retryDelay: exponentialDelay });
        `,
      },
    ],
    invalid: [
      {
        name: 'a class method reconnecting itself from onclose',
        code: `
export class RealtimeClient {
  private socket?: WebSocket;
  connect = (): void => {
    this.socket = new WebSocket('wss://realtime.example.com');
    this.socket.onclose = (): void => {
      setTimeout(() => this.connect(), 1_000);
    };
  };
}
        `,
        errors: [{ messageId: 'reconnect', line: 7, column: 24 }],
      },
      {
        name: 'p-retry with retries typed as const Infinity',
        code: `
import pRetry, { type Options } from 'p-retry';
const retryOptions = { retries: Infinity, minTimeout: 1_000 } satisfies Options;
export const sync = (): Promise<void> => pRetry(async () => { await push(); }, retryOptions);
        `,
        errors: [{ messageId: 'foreverOption', line: 4, column: 80 }],
      },
    ],
  });
});

describe('TypeScript with type information', () => {
  typedTester().run('no-unbounded-retry', rule, {
    valid: [
      {
        name: 'a .catch() method of something that is not a Promise is not a rejection handler',
        code: `
          class Net { catch(handler: () => void): void { handler(); } }
          declare const net: Net;
          export function listen(): void { net.catch(() => listen()); }
        `,
      },
      {
        name: 'p-retry with a bounded count (real types)',
        code: `
          import pRetry from 'p-retry';
          export const run = (): Promise<Response> => pRetry(() => fetch('https://api.example.com'), { retries: 4 });
        `,
      },
    ],
    invalid: [
      {
        name: 'fetch(...).catch recursion with the real Promise type',
        code: `
export function notify(url: string): Promise<Response> {
  return fetch(url).catch(() => notify(url));
}
        `,
        errors: [{ messageId: 'recursion', line: 3, column: 33 }],
      },
      {
        name: 'async-retry, TanStack Query, SWR and ioredis with their real types',
        options: [{ reportClientReconnects: true }],
        filename: 'react.tsx',
        code: `
import retry from 'async-retry';
import { useQuery } from '@tanstack/react-query';
import useSWR from 'swr';
import Redis from 'ioredis';
export const redis = new Redis({ retryStrategy: (times: number) => times * 100 });
export function useOrders(): unknown {
  useSWR('/api/orders', (url: string) => fetch(url).then((r) => r.json()), {
    onErrorRetry: (_error, _key, _config, revalidate, { retryCount }) => { void revalidate({ retryCount }); },
  });
  return useQuery({ queryKey: ['orders'], queryFn: () => retry(() => fetch('/api/orders'), { retries: Infinity }), retry: true });
}
        `,
        errors: [
          { messageId: 'alwaysRetries', line: 6, column: 34 },
          { messageId: 'alwaysRetries', line: 9, column: 5 },
          { messageId: 'foreverOption', line: 11, column: 94 },
          { messageId: 'foreverOption', line: 11, column: 116 },
        ],
      },
    ],
  });
});

describe('cost on files without a signal', () => {
  const linter = new Linter({ cwd: TYPED_ROOT });
  const seen: { program?: TSESTree.Program } = {};
  const probe = {
    rules: {
      program: {
        meta: { type: 'problem', schema: [], messages: {} },
        create(context: { sourceCode: { ast: TSESTree.Program } }) {
          return {
            'Program:exit'() {
              seen.program = context.sourceCode.ast;
            },
          };
        },
      },
    },
  };

  /** The Program of the file last linted, as the probe rule saw it. */
  function linted(): TSESTree.Program {
    if (!seen.program) throw new Error('the probe rule did not run');
    return seen.program;
  }

  it('computes no per-file facts for a file without a retry signal, even with type information', () => {
    delete seen.program;
    const messages = linter.verify(
      `
        import express from 'express';
        const app = express();
        app.get('/api/me', async (req, res) => { const user = await db.user(req.params.id); res.json(user); });
      `,
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tsParser,
          parserOptions: { projectService: { allowDefaultProject: ['*.ts'], defaultProject: 'tsconfig.json' }, tsconfigRootDir: TYPED_ROOT },
        },
        plugins: {
          'production-ready': { rules: { 'no-unbounded-retry': rule } } as unknown as NonNullable<Linter.Config['plugins']>[string],
          probe: probe as unknown as NonNullable<Linter.Config['plugins']>[string],
        },
        rules: { 'production-ready/no-unbounded-retry': 'error', 'probe/program': 'error' },
      },
      { filename: path.join(TYPED_ROOT, 'file.ts') },
    );
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    expect(peekFileFacts(linted())).toBeUndefined();
  });
});
