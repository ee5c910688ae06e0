import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import { computedFileFacts, peekFileFacts } from '../../src/analysis/file-facts.js';
import rule from '../../src/rules/no-unbounded-retry.js';
import { setSwrRecheckInterval, swrProjectScans } from '../../src/rules/no-unbounded-retry/swr-project.js';
import { costProbe } from '../cost-probe.js';
import { TYPED_ROOT, javascriptTester, tierLanguageOptions, typedTester, typescriptTester } from '../testers.js';

const STRICT = [{ requireBackoff: true }] as const;
const SWR = [{ reportSwrDefaultRetry: true }] as const;
const STOPPABLE = [{ reportStoppableRetries: true }] as const;
const FULL_STRICT = [{ reportClientReconnects: true, reportStoppableRetries: true, reportSwrDefaultRetry: true, requireBackoff: true }] as const;
/** A polling loop with a capped delay and an abort check, in a file with no failure handler or retry word. */
const CAPPED_POLL = `
export async function waitUntilReady(url, signal) {
  for (;;) {
    if (signal.aborted) return null;
    const res = await fetch(url, { signal });
    if (res.ok) return res;
    await sleep(Math.min(1000 + Math.random() * 1000, 5000));
  }
}
`;

/** Small apps on disk, for the project-wide SWR configuration: `{ 'path/in/app.jsx': 'source' }`. */
const PROJECTS_ROOT = realpathSync(mkdtempSync(path.join(tmpdir(), 'production-ready-swr-')));
function project(name: string, files: Readonly<Record<string, string>>): string {
  const root = path.join(PROJECTS_ROOT, name);
  for (const [file, source] of Object.entries({ 'package.json': '{ "name": "app" }', ...files })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  return root;
}
afterAll(() => {
  rmSync(PROJECTS_ROOT, { recursive: true, force: true });
});
const HOOK = `import useSWR from 'swr';\nexport const useUser = () => useSWR('/api/user', (url) => fetch(url).then((r) => r.json()));\n`;
/** An app whose root `<SWRConfig>` sets `errorRetryCount`; a test's `<SWRConfig>` does not count. */
const BOUNDED_APP = project('bounded', {
  'app/providers.jsx': `import { SWRConfig } from 'swr';\nexport const Providers = ({ children }) => <SWRConfig value={{ errorRetryCount: 3 }}>{children}</SWRConfig>;\n`,
});
/** An app whose `<SWRConfig>` sets only `revalidateOnFocus`: reported there, not on its hooks. */
const UNBOUNDED_APP = project('unbounded', {
  'components/layout.jsx': `import { SWRConfig } from 'swr';\nexport const Layout = ({ children }) => <SWRConfig value={{ revalidateOnFocus: false }}>{children}</SWRConfig>;\n`,
});
/** An app with no `<SWRConfig>` in production code (only in a test): every hook keeps the default. */
const NO_CONFIG_APP = project('no-config', {
  'hooks/use-user.test.jsx': `import { SWRConfig } from 'swr';\nexport const wrapper = ({ children }) => <SWRConfig value={{ shouldRetryOnError: false }}>{children}</SWRConfig>;\n`,
});

describe('plain JavaScript (espree)', () => {
  javascriptTester().run('no-unbounded-retry', rule, {
    valid: [
      {
        name: 'a collision retried with a fresh value: recursion only on a unique-constraint violation (both presets)',
        options: FULL_STRICT,
        code: `
          export class MockServers {
            async create(user, input) {
              try { return await this.prisma.mockServer.create({ data: { ...input, subdomain: randomId() } }); }
              catch (error) {
                if (error.code === PrismaError.UNIQUE_CONSTRAINT_VIOLATION) return this.create(user, input);
                throw error;
              }
            }
          }
          export async function reserveSlug(title) {
            try { return await db.insert({ slug: slugify(title) + '-' + random() }); }
            catch (error) { if (error.code !== '23505') throw error; return reserveSlug(title); }
          }
          export async function addInvite(email) {
            try { return await invites.insert({ email, code: nanoid() }); }
            catch (error) { if (isUniqueViolation(error)) return addInvite(email); throw error; }
          }
        `,
      },
      {
        name: 'recursion bounded through a helper that returns no delay past the maximum attempts (both presets)',
        options: FULL_STRICT,
        code: `
          export async function call(request, options, attempt = 0) {
            try { return await send(request); }
            catch (error) {
              const delay = nextRetryDelay(options, attempt);
              if (!delay) throw error;
              await sleep(delay);
              return call(request, options, attempt + 1);
            }
          }
          export async function post(body, attempt = 1) {
            try { return await send(body); }
            catch (error) { if (!shouldRetry(error, attempt)) throw error; await sleep(backoffFor(attempt)); return post(body, attempt + 1); }
          }
        `,
      },
      {
        name: 'a socket re-created once, on a specific condition (both presets)',
        options: FULL_STRICT,
        code: `
          export function connect() {
            const socket = io(URL);
            socket.on('disconnect', (reason) => { if (reason === 'io server disconnect') connect(); });
          }
          export function open(token) {
            const ws = new WebSocket(URL + '?token=' + token);
            ws.onclose = (event) => { if (event.code === CloseCode.TOKEN_EXPIRED) open(refresh()); };
          }
          export class Live {
            connect() {
              this.ws = new WebSocket(URL);
              this.ws.onclose = () => { if (!this.reconnected) { this.reconnected = true; this.connect(); } };
            }
          }
        `,
      },
      {
        name: 'strict: trying a finite list of different fallbacks in turn needs no delay',
        options: FULL_STRICT,
        code: `
          export async function search(provider, queries) {
            for (let i = 0; i < queries.length; i++) {
              try { return await provider.searchMessages({ query: queries[i] }); }
              catch (error) { logger.warn('search failed, trying the next query', error); }
            }
          }
        `,
      },
      {
        name: 'strict: exponential backoff over a small attempt count resolved from another binding needs no ceiling',
        options: FULL_STRICT,
        code: `
          const TB_ATTEMPTS = 3;
          export async function fetchCounts(args) {
            const attempts = args.attempts ?? TB_ATTEMPTS;
            let done = false;
            for (let attempt = 0; attempt < attempts && !done; attempt++) {
              try {
                if (attempt > 0) await sleep(1000 * 2 ** (attempt - 1));
                await args.pipe();
                done = true;
              } catch (error) { args.onFailure(error); }
            }
          }
        `,
      },
      {
        name: 'strict: bit masks and powers of two that feed no delay on a retry path are not backoff',
        options: FULL_STRICT,
        code: `
          export function parse(tokens) {
            let mask = 0;
            let i = 0;
            while (i < tokens.length) { mask |= 1 << tokens[i].type; i++; }
            return { mask, buckets: new Array(2 ** tokens.length) };
          }
          export function animate(level) { setTimeout(render, 2 ** level); }
          export const exponentialBackoff = (retryCount, ms) => 2 ** retryCount * ms;
          export const client = createClient({ retries: 3, retryDelay: (count) => 500 * 2 ** count });
        `,
      },
      {
        name: 'a periodic task that re-schedules itself after success and failure alike is not a retry',
        code: `
          function tick() {
            try { sync(); scheduleNext(); } catch (error) { log(error); scheduleNext(); }
          }
          function scheduleNext() { setTimeout(() => tick(), 30_000); }
        `,
      },
      {
        name: 'a failure re-scheduled through a helper that counts the attempts',
        code: `
          let attempts = 0;
          async function register() {
            try { await api.register(); attempts = 0; } catch { scheduleRetry(); }
          }
          function scheduleRetry() {
            if (attempts++ >= 5) return;
            setTimeout(() => register(), 30_000);
          }
        `,
      },
      {
        name: 'retry-forever that waits and can be stopped (a stop flag, an abort signal, a cleared timer) is strict only',
        code: `
          export class Feed {
            connect() {
              this.source = new EventSource('/events');
              this.source.onerror = () => { if (this.stopped) return; setTimeout(() => this.connect(), 5000); };
            }
            stop() { this.stopped = true; this.source?.close(); }
          }
          export async function follow(signal) {
            for (;;) {
              if (signal.aborted) return;
              try { await stream(signal); return; } catch { await sleep(5000); }
            }
          }
          export class Registrar {
            async register() { try { await api.register(); } catch { this.scheduleRetry(); } }
            scheduleRetry() { this.timer = setTimeout(() => this.register(), 30_000); }
            stop() { clearTimeout(this.timer); }
          }
        `,
      },
      {
        name: 'polling with a deadline, pagination and worker loops are not unbounded polling',
        code: `
          export async function waitForDeploy(id) {
            const deadline = Date.now() + 60_000;
            for (;;) {
              const deploy = await api.get(id);
              if (deploy.ready) return deploy;
              if (Date.now() > deadline) throw new Error('timeout');
              await sleep(2000);
            }
          }
          export async function fetchAll() {
            let cursor;
            for (;;) {
              const page = await api.list({ cursor });
              if (!page.next) return;
              cursor = page.next;
              await sleep(200);
            }
          }
          export async function work() {
            for (;;) {
              const job = await queue.next();
              if (!job) { await sleep(1000); continue; }
              await handle(job);
            }
          }
          export async function poll(stopped) {
            while (!stopped) { await refresh(); await sleep(1000); }
          }
        `,
      },
      {
        // Polling loops are found by their nodes, in files with no failure handler: the file still needs
        // an \`await\` and a delay, and has to serve requests.
        name: 'a forever loop in a file without a delay, and a polling loop in a file that imports a test runner',
        code: `
          export async function drain(queue) {
            for (;;) {
              const job = await queue.next();
              if (job.done) return;
            }
          }
        `,
      },
      {
        // \`wait\` inside words is no delay: \`await\`, \`awaited\`, \`waitingList\`, \`waitUntil\`.
        name: 'a forever loop in a file whose only delay-like words hold `wait` inside them',
        code: `
          export async function drainWaitingList(waitingList, waitUntil) {
            for (;;) {
              const awaited = await waitingList.next();
              if (awaited.done) return waitUntil(awaited);
            }
          }
        `,
      },
      {
        code: `
          import { expect } from 'vitest';
          export async function waitUntilReady(url) {
            while (1) {
              const res = await fetch(url);
              if (res.ok) return res;
              await sleep(1000);
            }
          }
        `,
      },
      {
        name: 'onErrorRetry that counts, that only runs in development, or that hands on to the default handler',
        code: `
          export const useBalance = () => useApi('/api/balance', {
            onErrorRetry: (error, key, config, revalidate, { retryCount }) => {
              if (error.status === 404 || retryCount >= 5) return;
              setTimeout(() => revalidate({ retryCount }), 5000);
            },
          });
          function devOnlyConfig() {
            if (process.env.NODE_ENV !== 'development') return {};
            return { onErrorRetry: (error, key, config, revalidate, { retryCount }) => { setTimeout(() => revalidate({ retryCount }), 500); } };
          }
          export const config = { ...devOnlyConfig(), onErrorRetry: (error, key, config, revalidate, options) => {
            if (error.status === 404) return;
            defaultConfig.onErrorRetry(error, key, config, revalidate, options);
          } };
        `,
      },
      {
        name: 'strict: an SWRConfig elsewhere in the app that sets errorRetryCount bounds every hook',
        options: SWR,
        filename: path.join(BOUNDED_APP, 'hooks/use-user.js'),
        code: HOOK,
      },
      {
        name: 'strict: an SWRConfig elsewhere in the app that keeps the default is reported there, not on every hook',
        options: SWR,
        filename: path.join(UNBOUNDED_APP, 'hooks/use-user.js'),
        code: HOOK,
      },
      {
        name: 'strict: a nested SWRConfig (only a fallback) in an app whose root SWRConfig sets the retry',
        options: SWR,
        filename: path.join(BOUNDED_APP, 'app/tools/page.jsx'),
        code: `import { SWRConfig } from 'swr';\nexport const Page = ({ children }) => <SWRConfig value={{ fallback: {} }}>{children}</SWRConfig>;\n`,
      },
      {
        name: 'a rejection handed on to a state machine is not a retry (compiled async generators)',
        code: `
          function AsyncGenerator(gen) {
            function resume(key, arg) {
              try {
                const result = gen[key](arg);
                Promise.resolve(result.value).then((value) => settle(result.done, value), function (error) { resume('throw', error); });
              } catch (error) {
                settle('throw', error);
              }
            }
            return resume;
          }
          async function step(state, error) {
            try { return await advance(state); } catch (caught) { return step('failed', caught); }
          }
        `,
      },
      {
        name: 'a second call that takes another branch through a flag is a single retry',
        code: `
          class Router {
            async handleRouteInfoError(error, route, loadErrorFail) {
              if (loadErrorFail) throw error;
              try { return await this.loadErrorPage(route); }
              catch (pageError) { return this.handleRouteInfoError(pageError, route, true); }
            }
          }
          async function load(url, isRetry = false) {
            try { return await fetch(url); } catch { if (!isRetry) return load(url, true); throw new Error('failed'); }
          }
        `,
      },
      {
        name: 'trying the next of a list of alternatives until the list runs out',
        code: `
          function resolveFirst(candidates, resolve, reject) {
            function tryFirstOne(error) {
              if (!candidates.length) return reject(error);
              const next = candidates.shift();
              lookup(next).then(resolve, tryFirstOne);
            }
            tryFirstOne();
          }
          async function resolveRequests(resolver, possible) {
            return resolver(possible[0]).catch(() => {
              const [, ...rest] = possible;
              if (rest.length === 0) throw new Error('none resolved');
              return resolveRequests(resolver, rest);
            });
          }
        `,
      },
      {
        name: 'strict: trying the next of a list of alternatives needs no delay',
        options: STRICT,
        code: `
          export async function resolveRequests(resolver, possible) {
            return resolver(possible[0]).catch((error) => {
              const [, ...rest] = possible;
              if (rest.length === 0) throw error;
              return resolveRequests(resolver, rest);
            });
          }
        `,
      },
      {
        name: 'strict: a bounded retry of a synchronous local operation may retry at once',
        options: STRICT,
        code: `
          function loadClosestPackageJson(dir, attempts = 1) {
            if (attempts > 5) throw new Error('no package.json');
            try { return require(join(dir, '../'.repeat(attempts - 1) + 'package.json')); }
            catch { return loadClosestPackageJson(dir, attempts + 1); }
          }
          export function reserve(dir) {
            for (let attempt = 0; attempt < 10; attempt++) {
              try { mkdirSync(dir + '-' + attempt); return attempt; }
              catch (error) { if (error.code !== 'EEXIST') throw error; }
            }
          }
        `,
      },
      {
        name: 'strict: a bounded retry of fetch whose delay grows (linear and capped exponential)',
        options: STRICT,
        code: `
          export async function post(url, body) {
            for (let attempt = 1; attempt <= 3; attempt++) {
              try { return await fetch(url, { method: 'POST', body }); }
              catch (error) { if (attempt === 3) throw error; await sleep(1000 * attempt); }
            }
          }
          export async function get(url, attempt = 0) {
            try { return await fetch(url); }
            catch (error) { if (attempt >= 4) throw error; await sleep(Math.min(250 * 2 ** attempt, 5000)); return get(url, attempt + 1); }
          }
        `,
      },
      {
        name: 'strict: a fixed delay around something that is not a network call, or of unknown length',
        options: STRICT,
        code: `
          export async function lock(key) {
            for (let attempt = 0; attempt < 5; attempt++) {
              try { return await acquireLocalLock(key); } catch { await sleep(50); }
            }
          }
          export async function poll(url, pause) {
            for (let attempt = 0; attempt < 5; attempt++) {
              try { return await fetch(url); } catch { await sleep(pause); }
            }
          }
          function fetchLater(fetch) { for (let i = 0; i < 3; i++) { try { return fetch(); } catch { sleep(10); } } }
        `,
      },
      {
        name: 'strict: the wait happens in a local helper called from the catch (one hop, as in p-retry)',
        options: STRICT,
        code: `
          async function onAttemptFailure(error, attempt) {
            if (attempt >= 5) throw error;
            await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** attempt, 30000)));
          }
          const backoffFor = async (attempt) => sleep(250 * attempt);
          export async function run(input) {
            let attempt = 0;
            while (attempt < 5) {
              attempt++;
              try { return await input(attempt); } catch (error) { await onAttemptFailure(error, attempt); }
            }
          }
          export async function send(url, attempt = 0) {
            try { return await fetch(url); }
            catch (error) { if (attempt >= 3) throw error; await backoffFor(attempt); return send(url, attempt + 1); }
          }
        `,
      },
      {
        name: 'a fixed delay around fetch is silent in recommended',
        code: `
          export async function post(url) {
            for (let attempt = 0; attempt < 3; attempt++) {
              try { return await fetch(url); } catch { await sleep(1000); }
            }
          }
        `,
      },
      {
        name: 'SWR hooks without errorRetryCount are silent without reportSwrDefaultRetry',
        options: STRICT,
        code: `
          import useSWR from 'swr';
          export const useUser = () => useSWR('/api/user', fetcher);
        `,
      },
      {
        name: 'strict: SWR hooks that bound or switch off the retry, or whose options cannot be seen',
        options: SWR,
        code: `
          import useSWR from 'swr';
          import useSWRInfinite from 'swr/infinite';
          import { sharedOptions } from '@/lib/swr';
          const fetcher = (url) => fetch(url).then((r) => r.json());
          export function useData(id) {
            useSWR('/api/user', fetcher, { errorRetryCount: 3 });
            useSWR('/api/flags', fetcher, { shouldRetryOnError: false });
            useSWR('/api/live', fetcher, { shouldRetryOnError: (error) => error.status >= 500 });
            useSWR('/api/orders', fetcher, { onErrorRetry: (error, key, config, revalidate, { retryCount }) => { if (retryCount < 3) revalidate({ retryCount }); } });
            useSWR('/api/shared', fetcher, sharedOptions);
            useSWR('/api/spread', fetcher, { ...sharedOptions, revalidateOnFocus: false });
            useSWR('/api/global');
            useSWR(id ? '/api/item/' + id : null, sharedOptions);
            return useSWRInfinite((index) => '/api/page/' + index, fetcher, { errorRetryCount: 2 });
          }
        `,
      },
      {
        name: 'strict: an SWRConfig in the same file bounds every hook of the file',
        options: SWR,
        filename: 'react.jsx',
        code: `
          import useSWR, { SWRConfig } from 'swr';
          function Balance() { const { data } = useSWR('/api/balance', fetcher); return data; }
          export function App() {
            return <SWRConfig value={{ fetcher, errorRetryCount: 4 }}><Balance /></SWRConfig>;
          }
        `,
      },
      {
        name: 'strict: an SWRConfig whose value is a function of the parent config, or unknown',
        options: SWR,
        filename: 'react.jsx',
        code: `
          import { SWRConfig } from 'swr';
          export const A = ({ children }) => <SWRConfig value={(parent) => ({ ...parent, refreshInterval: 1000 })}>{children}</SWRConfig>;
          export const B = ({ children, config }) => <SWRConfig value={config}>{children}</SWRConfig>;
        `,
      },
      {
        name: 'strict: a local useSWR is not SWR',
        options: SWR,
        code: `
          function useSWR(key, fetcher) { return { key, fetcher }; }
          export const data = useSWR('/api/user', fetcher);
        `,
      },
      {
        name: 'strict: library backoff whose delay stays under the setTimeout limit, or is capped',
        options: STRICT,
        code: `
          import { backOff } from 'exponential-backoff';
          import pRetry from 'p-retry';
          await backOff(() => fetch('/a'), { numOfAttempts: 20 });
          await backOff(() => fetch('/b'), { numOfAttempts: 40, maxDelay: 60_000 });
          await backOff(() => fetch('/c'));
          await pRetry(() => fetch('/d'), { retries: 5 });
          await pRetry(() => fetch('/e'), { retries: 40, maxTimeout: 30_000 });
          await pRetry(() => fetch('/f'), { retries: 40, maxRetryTime: 600_000 });
          await pRetry(() => fetch('/g'), { retries: 40, factor: 1 });
        `,
      },
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
        // No failure handler or retry word in the file: the loop is found by its node, and the option
        // still applies (the same loop is reported under reportStoppableRetries alone, in invalid).
        name: 'allowCappedForever: a capped, abortable polling loop in a file with no failure handler',
        options: [{ allowCappedForever: true, reportStoppableRetries: true }],
        code: CAPPED_POLL,
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
        // The file's first signal is `Retry` (no failure handler): the `catch` further down must still be found.
        name: 'a self-retry in a catch, in a file whose first signal word is Retry',
        code: `
// Retry the registration until the server answers.
async function register() {
  try { await api.post('/register'); }
  catch (error) { logger.warn(error); scheduleRetry(); }
}
function scheduleRetry() { setTimeout(() => register(), 30_000); }
        `,
        errors: [{ messageId: 'recursion', line: 5, column: 39, data: { name: 'register', path: 'its `catch` block through `scheduleRetry()`' } }],
      },
      {
        name: 'a failure that re-schedules itself through a helper, with no attempt counter (function and class)',
        code: `
async function register() {
  try { await api.post('/register'); }
  catch (error) { logger.warn(error); scheduleRetry(); }
}
function scheduleRetry() { setTimeout(() => register(), 30_000); }
class Heartbeat {
  async beat() { try { await api.post('/beat'); } catch { this.retryLater(); } }
  retryLater() { setTimeout(this.beat.bind(this), 10_000); setTimeout(() => this.beat(), 10_000); }
}
        `,
        errors: [
          { messageId: 'recursion', line: 4, column: 39, data: { name: 'register', path: 'its `catch` block through `scheduleRetry()`' } },
          { messageId: 'recursion', line: 8, column: 59, data: { name: 'this.beat', path: 'its `catch` block through `this.retryLater()`' } },
        ],
      },
      {
        name: 'polling loops with a sleep and no deadline: for (;;) and while (!(await tryIt()))',
        code: `
export async function waitUntilReady(url) {
  for (;;) {
    const res = await fetch(url);
    if (res.ok) return res.json();
    await sleep(1000);
  }
}
export async function connectWhenUp() {
  while (!(await tryConnect())) await sleep(2000);
}
export async function awaitJob(id) {
  let finished = false;
  while (!finished) {
    finished = (await jobs.get(id)).finished;
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}
        `,
        errors: [
          { messageId: 'retryLoop', line: 3, column: 3, data: { loop: 'for (;;)' } },
          { messageId: 'retryLoop', line: 10, column: 3, data: { loop: 'while (!(await tryConnect()))' } },
          { messageId: 'retryLoop', line: 14, column: 3, data: { loop: 'while (!finished)' } },
        ],
      },
      {
        name: 'reportStoppableRetries: a capped, abortable polling loop in a file with no failure handler',
        options: STOPPABLE,
        code: CAPPED_POLL,
        errors: [{ messageId: 'retryLoop', line: 3, column: 3, data: { loop: 'for (;;)' } }],
      },
      {
        // The file's delay word is `wait` alone: found as a word (`await`, `waitUntil` and `waiting` hold it inside words).
        name: 'a polling loop whose only delay is `wait()`',
        code: `
export async function waitingJob(id) {
  for (;;) {
    const job = await jobs.get(id);
    if (job.finished) return job;
    await wait(2000);
  }
}
        `,
        errors: [{ messageId: 'retryLoop', line: 3, column: 3, data: { loop: 'for (;;)' } }],
      },
      {
        name: 'polling loops whose condition is always true without being written `true`: while (1), a const flag',
        code: `
const FOREVER = true;
export async function waitUntilReady(url) {
  while (1) {
    const res = await fetch(url);
    if (res.ok) return res.json();
    await sleep(1000);
  }
}
export async function waitForJob(id) {
  while (FOREVER) {
    const job = await jobs.get(id);
    if (job.finished) return job;
    await sleep(5000);
  }
}
        `,
        errors: [
          { messageId: 'retryLoop', line: 4, column: 3, data: { loop: 'while (1)' } },
          { messageId: 'retryLoop', line: 11, column: 3, data: { loop: 'while (FOREVER)' } },
        ],
      },
      {
        name: 'an SWR onErrorRetry passed through a custom hook that retries forever for all but a few status codes',
        code: `
import { useApi } from '@/hooks/use-api';
export function useBalance() {
  return useApi('/api/balance', {
    onErrorRetry: (error, key, config, revalidate, { retryCount }) => {
      if (error.status === 404 || error.status === 401) return;
      setTimeout(() => revalidate({ retryCount }), 5000);
    },
  });
}
        `,
        errors: [{ messageId: 'alwaysRetries', line: 5, column: 5, data: { library: 'SWR', option: 'onErrorRetry' } }],
      },
      {
        name: 'reportStoppableRetries (strict): retry-forever that waits and can be stopped',
        options: STOPPABLE,
        code: `
export class Feed {
  connect() {
    this.source = new EventSource('/events');
    this.source.onerror = () => { if (this.stopped) return; setTimeout(() => this.connect(), 5000); };
  }
  stop() { this.stopped = true; }
}
export async function follow(signal) {
  for (;;) {
    if (signal.aborted) return;
    try { await stream(signal); return; } catch { await sleep(5000); }
  }
}
export class Registrar {
  async register() { try { await api.register(); } catch { this.scheduleRetry(); } }
  scheduleRetry() { this.timer = setTimeout(() => this.register(), 30_000); }
  stop() { clearTimeout(this.timer); }
}
        `,
        errors: [
          { messageId: 'reconnect', line: 5, column: 78 },
          { messageId: 'retryLoop', line: 10, column: 3 },
          { messageId: 'recursion', line: 16, column: 60 },
        ],
      },
      {
        name: 'a reconnect on a lost connection is not a specific condition, nor a retry on a transient error code',
        code: `
export function open() {
  const ws = new WebSocket(URL);
  ws.onclose = (event) => { if (event.code === 1006) setTimeout(open, 1000); };
}
export async function sync(id) {
  try { return await erp.sync(id); }
  catch (error) { if (error.code === 'ETIMEDOUT') return sync(id); throw error; }
}
        `,
        errors: [
          { messageId: 'reconnect', line: 4, column: 65 },
          { messageId: 'recursion', line: 8, column: 58 },
        ],
      },
      {
        name: 'strict: exponential backoff whose resolved attempt bound overflows setTimeout, and a delay helper reading a counter it does not bound',
        options: STRICT,
        code: `
const ATTEMPTS = 40;
export async function withRetry(fn) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try { return await fn(); } catch { await sleep(1000 * 2 ** attempt); }
  }
}
export class Client {
  retryDelay() { this.attempts += 1; return 500 * 2 ** this.attempts; }
}
        `,
        errors: [
          { messageId: 'uncappedBackoff', line: 5, column: 59 },
          { messageId: 'uncappedBackoff', line: 9, column: 51 },
        ],
      },
      {
        name: 'strict: hooks are reported in an app that renders no SWRConfig in production code',
        options: SWR,
        filename: path.join(NO_CONFIG_APP, 'hooks/use-user.js'),
        code: HOOK,
        errors: [{ messageId: 'swrDefaultRetry', line: 2, column: 30, data: { hook: 'useSWR()' } }],
      },
      {
        name: 'strict: an SWRConfig whose retry is set only in development keeps the default in production',
        options: SWR,
        filename: path.join(UNBOUNDED_APP, 'providers/swr.jsx'),
        code: `
import { SWRConfig } from 'swr';
function devOnlyConfig() {
  if (process.env.NODE_ENV !== 'development') return {};
  return { onErrorRetry: (error, key, config, revalidate, { retryCount }) => { setTimeout(() => revalidate({ retryCount }), 500); } };
}
export const SWRProvider = ({ children }) => <SWRConfig value={{ fetcher, ...devOnlyConfig() }}>{children}</SWRConfig>;
        `,
        errors: [{ messageId: 'swrDefaultRetry', line: 7, column: 47, data: { hook: '<SWRConfig>' } }],
      },
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
        // A loop is read for a retry only when its body holds the word \`try\`: written tight, or with a
        // comment before the block, it still counts (the third function's loop holds only \`retry\`, and is no retry loop).
        name: 'retry loops written without spaces, or with a comment after `try`',
        code: `
async function tight(op){for(;;){try{return await op()}catch{await sleep(500)}}}
async function commented(op) {
  while (true) {
    try/* the first attempt may fail */{ return await op(); } catch { await sleep(500); }
  }
}
async function retryNothing(ops) {
  for (;;) { const retryCount = ops.length; if (retryCount === 0) return; }
}
        `,
        errors: [
          { messageId: 'retryLoop', line: 2, column: 26 },
          { messageId: 'retryLoop', line: 4, column: 3 },
        ],
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
        name: 'a flag that the function never tests does not bound the retry',
        code: `
export async function charge(id, verbose = false) {
  try { return await stripe.charges.capture(id); }
  catch (error) { log(verbose, error); return charge(id, true); }
}
        `,
        errors: [{ messageId: 'recursion', line: 4, column: 47 }],
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
      {
        name: 'strict: bounded retries with no delay: a while loop with a counter and a .catch() recursion',
        options: STRICT,
        code: `
async function push(event) {
  let attempts = 0;
  while (attempts < 5) {
    attempts++;
    try { return await fetch('/hook', { method: 'POST', body: event }); } catch {}
  }
}
function notify(url, retries = 3) {
  return fetch(url).catch((error) => (retries > 0 ? notify(url, retries - 1) : Promise.reject(error)));
}
        `,
        errors: [
          { messageId: 'noDelay', line: 4, column: 3 },
          { messageId: 'noDelay', line: 10, column: 53 },
        ],
      },
      {
        name: 'strict: a bounded retry loop around fetch that waits a fixed second',
        options: STRICT,
        code: `
export async function post(url, body) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try { return await fetch(url, { method: 'POST', body }); }
    catch (error) { if (attempt === 3) throw error; await sleep(1000); }
  }
}
        `,
        errors: [{ messageId: 'fixedDelay', line: 5, column: 59, data: { operation: 'fetch()', wait: 'sleep(1000)' } }],
      },
      {
        name: 'strict: a fixed delay through a constant, around axios and a Stripe client',
        options: STRICT,
        code: `
import axios from 'axios';
import Stripe from 'stripe';
const RETRY_MS = 2000;
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
export function sync(id, attempt = 0) {
  return axios.post('/sync', { id }).catch((error) => {
    if (attempt >= 3) throw error;
    setTimeout(() => sync(id, attempt + 1), RETRY_MS);
  });
}
export async function charge(amount) {
  let attempt = 0;
  while (attempt < 3) {
    attempt++;
    try { return await stripe.paymentIntents.create({ amount, currency: 'usd' }); }
    catch { await new Promise((resolve) => setTimeout(resolve, 2000)); }
  }
}
        `,
        errors: [
          { messageId: 'fixedDelay', line: 9, column: 5, data: { operation: 'axios.post()', wait: 'setTimeout(() => sync(id, attempt + 1), RETRY_MS)' } },
          { messageId: 'fixedDelay', line: 17, column: 44, data: { operation: 'stripe.paymentIntents.create()', wait: 'setTimeout(resolve, 2000)' } },
        ],
      },
      {
        name: 'strict: exponential-backoff and p-retry counts whose uncapped delay overflows setTimeout',
        options: STRICT,
        code: `
import { backOff } from 'exponential-backoff';
import pRetry from 'p-retry';
const ATTEMPTS = 30;
await backOff(() => fetch('/a'), { numOfAttempts: ATTEMPTS, startingDelay: 100 });
await pRetry(() => fetch('/b'), { retries: 25 });
        `,
        errors: [
          { messageId: 'uncappedLibraryBackoff', line: 5, column: 36, data: { library: 'exponential-backoff', option: 'numOfAttempts', count: '30', capKey: 'maxDelay' } },
          { messageId: 'uncappedLibraryBackoff', line: 6, column: 35, data: { library: 'p-retry', option: 'retries', count: '25', capKey: 'maxTimeout' } },
        ],
      },
      {
        name: 'SWR errorRetryCount: Infinity retries forever (recommended)',
        code: `
import useSWR from 'swr';
export const useFeed = () => useSWR('/api/feed', fetcher, { errorRetryCount: Infinity });
        `,
        errors: [{ messageId: 'foreverOption', line: 3, column: 61, data: { library: 'SWR', option: 'errorRetryCount', value: 'Infinity' } }],
      },
      {
        name: 'strict: SWR hooks keeping the default error retry',
        options: SWR,
        code: `
import useSWR from 'swr';
import useSWRInfinite from 'swr/infinite';
import useSWRImmutable from 'swr/immutable';
const fetcher = (url) => fetch(url).then((r) => r.json());
export function useDashboard() {
  const user = useSWR('/api/user', fetcher);
  const feed = useSWRInfinite((index) => '/api/feed/' + index, fetcher, { revalidateFirstPage: false });
  const plans = useSWRImmutable('/api/plans', api.fetchJson, { shouldRetryOnError: true });
  const stats = useSWR('/api/stats', { fetcher, refreshInterval: 5000 });
  return [user, feed, plans, stats];
}
        `,
        errors: [
          { messageId: 'swrDefaultRetry', line: 7, column: 16, data: { hook: 'useSWR()' } },
          { messageId: 'swrDefaultRetry', line: 8, column: 16, data: { hook: 'useSWRInfinite()' } },
          { messageId: 'swrDefaultRetry', line: 9, column: 17, data: { hook: 'useSWRImmutable()' } },
          { messageId: 'swrDefaultRetry', line: 10, column: 17, data: { hook: 'useSWR()' } },
        ],
      },
      {
        name: 'strict: an SWRConfig that sets a fetcher but no errorRetryCount is reported where SWR is configured, not on the hook',
        options: FULL_STRICT,
        filename: 'react.jsx',
        code: `
import useSWR, { SWRConfig } from 'swr';
function Balance() { return useSWR('/api/balance', fetcher).data; }
export function Providers({ children }) {
  return <SWRConfig value={{ fetcher, revalidateOnFocus: false }}><Balance />{children}</SWRConfig>;
}
        `,
        errors: [{ messageId: 'swrDefaultRetry', line: 5, column: 11, data: { hook: '<SWRConfig>' } }],
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
        name: 'strict: a fixed delay around a client passed as a parameter is unknown without types',
        options: STRICT,
        code: `
import type Stripe from 'stripe';
export async function refund(stripe: Stripe, charge: string): Promise<Stripe.Refund | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await stripe.refunds.create({ charge }); }
    catch { await sleep(1_500); }
  }
  return undefined;
}
declare function sleep(ms: number): Promise<void>;
`,
      },
      {
        name: 'strict: SWR with a typed fetcher and errorRetryCount',
        options: FULL_STRICT,
        code: `
          import useSWR from 'swr';
          interface User { readonly id: string }
          const fetcher = async (url: string): Promise<User> => (await fetch(url)).json() as Promise<User>;
          export const useUser = () => useSWR<User>('/api/user', fetcher, { errorRetryCount: 3 } as const);
        `,
      },
      {
        name: 'a typed collision retry and a typed helper that returns no delay past the maximum',
        options: FULL_STRICT,
        code: `
          interface DbError { readonly code?: string }
          export async function createLink(url: string): Promise<string> {
            try { return await links.insert({ url, slug: nanoid(7) }); }
            catch (error: unknown) {
              if ((error as DbError).code === 'P2002') return createLink(url);
              throw error;
            }
          }
          export async function call<T>(run: () => Promise<T>, attempt = 0): Promise<T> {
            try { return await run(); }
            catch (error: unknown) {
              const delay: number | undefined = nextRetryDelay(attempt);
              if (delay === undefined) throw error;
              await sleep(delay);
              return call(run, attempt + 1);
            }
          }
          declare function nanoid(size: number): string;
          declare function nextRetryDelay(attempt: number): number | undefined;
          declare function sleep(ms: number): Promise<void>;
          declare const links: { insert(row: { url: string; slug: string }): Promise<string> };
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
        name: 'a typed class whose failure re-schedules itself through a private helper, and a typed polling loop',
        code: `
export class Registration {
  async register(): Promise<void> {
    try { await api.register(); }
    catch (error: unknown) { this.scheduleRetry(error); }
  }
  private scheduleRetry(error: unknown): void {
    console.warn(error);
    setTimeout(() => void this.register(), 30_000);
  }
}
export async function waitForTunnel(): Promise<void> {
  while (!(await tunnel.isOpen())) await new Promise<void>((resolve) => setTimeout(resolve, 1_000));
}
declare const api: { register(): Promise<void> };
declare const tunnel: { isOpen(): Promise<boolean> };
        `,
        errors: [
          { messageId: 'recursion', line: 5, column: 30, data: { name: 'this.register', path: 'its `catch` block through `this.scheduleRetry()`' } },
          { messageId: 'retryLoop', line: 13, column: 3 },
        ],
      },
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
        name: 'strict: a typed SWR hook keeping the default retry, and a fixed delay through `as number`',
        options: FULL_STRICT,
        code: `
import useSWR from 'swr';
interface User { readonly id: string }
export const useUser = () => useSWR<User>('/api/user', (url: string) => fetch(url).then((r) => r.json() as Promise<User>));
export async function ping(url: string): Promise<Response | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await fetch(url); } catch { await new Promise((resolve) => setTimeout(resolve, 500 as number)); }
  }
  return undefined;
}
        `,
        errors: [
          { messageId: 'swrDefaultRetry', line: 4, column: 30, data: { hook: 'useSWR()' } },
          { messageId: 'fixedDelay', line: 7, column: 77, data: { operation: 'fetch()', wait: 'setTimeout(resolve, 500 as number)' } },
        ],
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
        name: 'strict: SWR with its real types: an SWRConfig setting errorRetryCount covers the hooks of the file',
        options: FULL_STRICT,
        filename: path.join(TYPED_ROOT, 'page.tsx'),
        code: `
          import useSWR, { SWRConfig } from 'swr';
          const fetcher = (url: string): Promise<unknown> => fetch(url).then((r) => r.json());
          function Balance(): unknown { return useSWR('/api/balance', fetcher).data; }
          export function App(): unknown {
            return <SWRConfig value={{ fetcher, errorRetryCount: 3 }}><Balance /></SWRConfig>;
          }
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
        name: 'strict: a fixed delay around a Stripe client known by its type (a parameter)',
        options: STRICT,
        code: `
import type Stripe from 'stripe';
export async function refund(stripe: Stripe, charge: string): Promise<Stripe.Refund | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await stripe.refunds.create({ charge }); }
    catch { await sleep(1_500); }
  }
  return undefined;
}
declare function sleep(ms: number): Promise<void>;
`,
        errors: [{ messageId: 'fixedDelay', line: 6, column: 19, data: { operation: 'stripe.refunds.create()', wait: 'sleep(1_500)' } }],
      },
      {
        name: 'strict: SWR and exponential-backoff with their real types',
        options: FULL_STRICT,
        filename: path.join(TYPED_ROOT, 'page.tsx'),
        code: `
import useSWR, { SWRConfig } from 'swr';
import { backOff } from 'exponential-backoff';
export function Providers({ children }: { children: React.ReactNode }): React.ReactNode {
  return <SWRConfig value={{ refreshInterval: 30_000 }}>{children}</SWRConfig>;
}
export const useFeed = () => useSWR('/api/feed', (url: string) => fetch(url).then((r) => r.json()), { revalidateOnFocus: false });
export const sync = (): Promise<Response> => backOff(() => fetch('/api/sync'), { numOfAttempts: 32 });
        `,
        errors: [
          { messageId: 'swrDefaultRetry', line: 5, column: 11, data: { hook: '<SWRConfig>' } },
          { messageId: 'uncappedLibraryBackoff', line: 8, column: 82 },
        ],
      },
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
  const { lint, linted } = costProbe('no-unbounded-retry', rule);
  /** Lints `code` as a typed file with every strict option on; returns the rule's messages. */
  const lintStrict = (code: string): Linter.LintMessage[] => lint(code, { options: FULL_STRICT });

  it('computes no per-file facts for a file without a retry signal, even with type information', () => {
    lint(
      `
        import express from 'express';
        const app = express();
        app.get('/api/me', async (req, res) => { const user = await db.user(req.params.id); res.json(user); });
      `,
    );
    expect(computedFileFacts(linted())).toEqual([]);
  });

  it('computes no per-file facts for a file without a signal with every strict option on', () => {
    lintStrict(`
      import express from 'express';
      export const app = express().get('/api/me', (req, res) => { res.json({ id: req.query.id }); });
    `);
    expect(computedFileFacts(linted())).toEqual([]);
  });

  it("reads a project's SWR configuration once for all its hooks, and again when a folder changes", () => {
    const app = project('scanned', { 'hooks/use-user.js': HOOK });
    const linter = new Linter({ cwd: app });
    const lintFile = (file: string, code: string): string[] =>
      linter
        .verify(
          code,
          {
            files: ['**/*.js', '**/*.jsx'],
            languageOptions: tierLanguageOptions('espree'),
            plugins: { 'production-ready': { rules: { 'no-unbounded-retry': rule } } as unknown as NonNullable<Linter.Config['plugins']>[string] },
            rules: { 'production-ready/no-unbounded-retry': ['error', ...SWR] },
          },
          { filename: path.join(app, file) },
        )
        .map((message) => message.messageId ?? message.message);
    const before = swrProjectScans();
    expect(lintFile('lib/math.js', 'export const add = (a, b) => a + b;\n')).toEqual([]);
    expect(swrProjectScans()).toBe(before);
    for (const file of ['hooks/use-user.js', 'hooks/use-team.js', 'components/profile.js']) expect(lintFile(file, HOOK)).toEqual(['swrDefaultRetry']);
    expect(swrProjectScans() - before).toBe(1);
    setSwrRecheckInterval(0);
    try {
      mkdirSync(path.join(app, 'providers'));
      writeFileSync(path.join(app, 'providers/swr.jsx'), `import { SWRConfig } from 'swr';\nexport const P = ({ children }) => <SWRConfig value={{ errorRetryCount: 2 }}>{children}</SWRConfig>;\n`);
      expect(lintFile('hooks/use-user.js', HOOK)).toEqual([]);
    } finally {
      setSwrRecheckInterval(1000);
    }
  });

  it('decides a fixed delay around fetch and an SWR hook without the type checker', () => {
    const messages = lintStrict(`
      import useSWR from 'swr';
      export const useUser = () => useSWR('/api/user', fetcher);
      export async function post(url: string): Promise<Response | undefined> {
        for (let attempt = 0; attempt < 3; attempt++) {
          try { return await fetch(url); } catch { await sleep(1000); }
        }
        return undefined;
      }
      declare function sleep(ms: number): Promise<void>;
      declare function fetcher(url: string): Promise<unknown>;
    `);
    expect(messages.map((message) => message.messageId)).toEqual(['swrDefaultRetry', 'fixedDelay']);
    expect(peekFileFacts(linted())?.typesRequested).toBe(false);
  });
});
