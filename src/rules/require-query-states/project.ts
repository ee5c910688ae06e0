import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { projectRoot } from '../../analysis/schema-sources.js';

/**
 * What the rest of an app does with its queries, read from the app's own source files once per
 * process (per package root), by text only:
 * - which queries the server fetches before it renders (`helpers.user.get.prefetch()`,
 *   `queryClient.fetchQuery(trpc.page.get.queryOptions(...))`, `prefetchQuery({ queryKey:
 *   ['projects'] })`, `<SWRConfig value={{ fallback: { '/api/user': ... } }}>`) and hydrates into
 *   the client cache: such a query may well have its data at the first render, so what a
 *   component shows while it is absent proves nothing;
 * - whether a `QueryCache` or `SWRConfig` `onError` shows every failed query to the user (a
 *   toast): then a failure is never silent.
 * The answers err towards silence: a query prefetched for one route counts everywhere.
 */
export interface ProjectQueries {
  /** tRPC procedure paths fetched on the server (`user.get`, `application.one`). */
  readonly procedures: ReadonlySet<string>;
  /** First query-key strings (`'projects'`) and SWR keys (`'/api/user'`) fetched or provided on the server. */
  readonly keys: ReadonlySet<string>;
  /**
   * The procedures and keys among those that the server awaits before it renders (`await
   * helpers.libsql.one.fetch(...)`, `await Promise.all([queryClient.prefetchQuery(...)])`), with
   * the files that await them; `'*'` for a key an `SWRConfig` fallback provides to every component
   * under it. A fire-and-forget `void prefetch(...)` is not among them. See `serverAwaited`.
   */
  readonly awaited: ReadonlyMap<string, readonly AwaitingFile[] | '*'>;
  /** A `QueryCache` `onError` that toasts (TanStack Query and tRPC). */
  readonly queryCacheToast: boolean;
  /** A `MutationCache` `onError` that toasts every failed mutation (TanStack Query and tRPC). */
  readonly mutationCacheToast: boolean;
  /** An `SWRConfig` `onError` that toasts. */
  readonly swrToast: boolean;
}

const EMPTY: ProjectQueries = { procedures: new Set(), keys: new Set(), awaited: new Map(), queryCacheToast: false, mutationCacheToast: false, swrToast: false };
/** Build output, dependencies, and folders whose code never renders a page (tests, fixtures, docs, scripts). */
const SKIPPED_DIRECTORIES = new Set([
  'node_modules', 'dist', 'build', 'out', 'coverage', 'public',
  '__tests__', '__mocks__', 'test', 'tests', 'fixtures', 'e2e', 'cypress', 'playwright', 'docs', 'scripts',
]);
const SOURCE = /\.(?:[cm]?[jt]sx?)$/u;
const MAX_FILES = 6000;
const MAX_BYTES = 512 * 1024;

/** A server fetch in the file: the file is worth scanning for query identities. */
const SERVER_FETCH = /\b(?:prefetch\w*|fetchQuery\w*|fetchInfiniteQuery|ensureQueryData|ensureInfiniteQueryData|batchPrefetch|createServerSideHelpers|dehydrate)\s*\(/u;
/** `trpc.user.me.queryOptions(`, `helpers.application.one.fetch(`: the procedure path after the root. */
const PROCEDURE = /\b[\w$]+((?:\.[\w$]+)+)\.(?:queryOptions|infiniteQueryOptions|fetch|prefetch|fetchInfinite|prefetchInfinite|ensureData|queryKey|infiniteQueryKey)\s*\(/gu;
/** `queryKey: ['projects', ...]` in a server file. */
const QUERY_KEY = /\bqueryKey\s*:\s*\[\s*(['"`])([^'"`]+)\1/gu;
/** `'/api/user': getUser()` and `[unstable_serialize(['/api/team'])]` in an `SWRConfig` fallback. */
const FALLBACK_KEY = /(['"`])(\/[^'"`\s]*)\1\s*\]?\s*\)?\s*\]?\s*:/gu;
const TOAST = /\btoast\b|\bnotify\w*\(|showNotification|enqueueSnackbar|message\.error|notification\.error/u;
/** Files worth a closer look: anything else is skipped after one regular-expression test. */
const CANDIDATE = /QueryCache|MutationCache|SWRConfig|prefetch|fetchQuery|fetchInfiniteQuery|ensureQueryData|ensureInfiniteQueryData|createServerSideHelpers|dehydrate/u;
/** Block and line comments (not the `//` of a URL). */
const COMMENTS = /\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/.*$/gmu;
const QUERY_CACHE_ON_ERROR = /new\s+QueryCache\s*\(\s*\{[\s\S]{0,400}?\bonError\b/u;
const MUTATION_CACHE_ON_ERROR = /new\s+MutationCache\s*\(\s*\{[\s\S]{0,400}?\bonError\b/u;
const SWR_CONFIG_ON_ERROR = /<SWRConfig\b[\s\S]{0,800}?\bonError\b/u;
const SWR_CONFIG_FALLBACK = /<SWRConfig\b[\s\S]{0,800}?\bfallback\b/u;

const projects = new Map<string, ProjectQueries>();
let scans = 0;

/** The facts of the app the file belongs to (its nearest `package.json`); computed once per process. */
export function projectQueries(filename: string): ProjectQueries {
  if (!path.isAbsolute(filename)) return EMPTY;
  const root = projectRoot(filename);
  if (root === null) return EMPTY;
  let project = projects.get(root);
  if (!project) {
    project = scan(root);
    projects.set(root, project);
  }
  return project;
}

/** Test hook: forget every scanned app. */
export function clearProjectQueries(): void {
  projects.clear();
}

/** Test hook: how many apps were scanned so far. */
export function projectScans(): number {
  return scans;
}

function scan(root: string): ProjectQueries {
  scans++;
  const procedures = new Set<string>();
  const keys = new Set<string>();
  const awaited = new Map<string, AwaitingFile[] | '*'>();
  let queryCacheToast = false;
  let mutationCacheToast = false;
  let swrToast = false;
  let files = 0;
  const stack = [root];
  for (let directory = stack.pop(); directory !== undefined && files < MAX_FILES; directory = stack.pop()) {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) stack.push(path.join(directory, entry.name));
        continue;
      }
      if (!entry.isFile() || !SOURCE.test(entry.name) || /\.d\.[cm]?ts$|\.(?:test|spec|stories)\./u.test(entry.name)) continue;
      files++;
      const raw = read(path.join(directory, entry.name));
      if (raw === null || !CANDIDATE.test(raw)) continue;
      // Examples in comments (`// prefetch(trpc.user.me.queryOptions())`) are not code.
      const text = raw.replace(COMMENTS, '$1');
      if (text.includes('QueryCache') && QUERY_CACHE_ON_ERROR.test(text) && TOAST.test(text)) queryCacheToast = true;
      if (text.includes('MutationCache') && MUTATION_CACHE_ON_ERROR.test(text) && TOAST.test(text)) mutationCacheToast = true;
      if (text.includes('SWRConfig') && SWR_CONFIG_ON_ERROR.test(text) && TOAST.test(text)) swrToast = true;
      if (text.includes('SWRConfig') && SWR_CONFIG_FALLBACK.test(text)) {
        for (const match of text.matchAll(FALLBACK_KEY)) {
          if (match[2] === undefined) continue;
          keys.add(match[2]);
          awaited.set(match[2], '*');
        }
      }
      // A client module prefetches on hover or navigation: that is no server render.
      if (/^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*['"]use client['"]/u.test(text) || !SERVER_FETCH.test(text)) continue;
      const awaits = awaitedRanges(text);
      const file = path.join(directory, entry.name);
      let awaiting: AwaitingFile | undefined;
      const add = (set: Set<string>, name: string, index: number): void => {
        set.add(name);
        if (!awaits.some(([start, end]) => index >= start && index < end)) return;
        awaiting ??= awaitingFile(file, text);
        const files = awaited.get(name) ?? [];
        if (files !== '*') awaited.set(name, [...files, awaiting]);
      };
      for (const match of text.matchAll(PROCEDURE)) if (match[1] !== undefined) add(procedures, match[1].slice(1), match.index);
      for (const match of text.matchAll(QUERY_KEY)) if (match[2] !== undefined) add(keys, match[2], match.index);
    }
  }
  return { procedures, keys, awaited, queryCacheToast, mutationCacheToast, swrToast };
}

/** A server file that awaits queries, and the components its data reaches at the first render. */
export interface AwaitingFile {
  readonly file: string;
  /** An App Router layout, page or template: it wraps every route (and colocated file) below its folder. */
  readonly subtree: string | null;
  /** The app's own modules it imports by relative path: absolute paths without extension. */
  readonly imports: readonly string[];
  /** The app's own modules it imports through an alias (`@/components/x`): their tails, `/components/x`. */
  readonly aliased: readonly string[];
}

/**
 * Whether the server awaits `name` before the first render of `filename`'s component: the file
 * that awaits it is this one (a page's `getServerSideProps`), wraps it (an App Router layout or
 * page above it), or imports it. A query awaited on one route is not assumed everywhere.
 */
export function serverAwaited(project: ProjectQueries, name: string, filename: string): boolean {
  const files = project.awaited.get(name);
  if (files === undefined) return false;
  if (files === '*') return true;
  const bare = filename.replace(/\.[cm]?[jt]sx?$/u, '');
  return files.some(
    (site) =>
      site.file === filename ||
      (site.subtree !== null && filename.startsWith(site.subtree)) ||
      site.imports.some((target) => bare === target || bare === path.join(target, 'index')) ||
      site.aliased.some((tail) => bare.endsWith(tail) || bare.endsWith(`${tail}/index`)),
  );
}

const APP_ROUTER_FILE = /^(?:layout|page|template|default)\.[cm]?[jt]sx?$/u;
const IMPORT = /\bfrom\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gu;
const ALIAS = /^(?:@|~|#)\//u;

function awaitingFile(file: string, text: string): AwaitingFile {
  const directory = path.dirname(file);
  const subtree = APP_ROUTER_FILE.test(path.basename(file)) && /[/\\]app[/\\]/u.test(file) ? directory + path.sep : null;
  const imports: string[] = [];
  const aliased: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? '';
    if (specifier.startsWith('.')) imports.push(path.resolve(directory, specifier));
    else if (ALIAS.test(specifier)) aliased.push(specifier.replace(ALIAS, '/'));
  }
  return { file, subtree, imports, aliased };
}

const AWAIT = /\bawait\s+/gu;
const OPENERS = '([{';
const CLOSERS = ')]}';

/**
 * The text ranges of what each `await` waits for: the expression after it, through member chains
 * (`.fetchQuery(...)` on the next line), calls and brackets (`Promise.all([...])`), up to the
 * `;`, `,` or closing bracket that ends it. By text, so strings with brackets may end a range
 * early; that only leaves a fetch unawaited (reported in `strict`), never the reverse.
 */
function awaitedRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(AWAIT)) {
    const start = match.index + match[0].length;
    let depth = 0;
    let index = start;
    for (; index < text.length; index++) {
      const char = text.charAt(index);
      if (OPENERS.includes(char)) depth++;
      else if (CLOSERS.includes(char)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (char === ';' || char === ',')) break;
      else if (depth === 0 && char === '\n' && !/^\s*[.?]/u.test(text.slice(index + 1, index + 80))) break;
    }
    ranges.push([start, index]);
  }
  return ranges;
}

function read(file: string): string | null {
  try {
    if (statSync(file).size > MAX_BYTES) return null;
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
