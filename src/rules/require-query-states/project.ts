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
  /** A `QueryCache` `onError` that toasts (TanStack Query and tRPC). */
  readonly queryCacheToast: boolean;
  /** A `MutationCache` `onError` that toasts every failed mutation (TanStack Query and tRPC). */
  readonly mutationCacheToast: boolean;
  /** An `SWRConfig` `onError` that toasts. */
  readonly swrToast: boolean;
}

const EMPTY: ProjectQueries = { procedures: new Set(), keys: new Set(), queryCacheToast: false, mutationCacheToast: false, swrToast: false };
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
        for (const match of text.matchAll(FALLBACK_KEY)) if (match[2] !== undefined) keys.add(match[2]);
      }
      // A client module prefetches on hover or navigation: that is no server render.
      if (/^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*['"]use client['"]/u.test(text) || !SERVER_FETCH.test(text)) continue;
      for (const match of text.matchAll(PROCEDURE)) if (match[1] !== undefined) procedures.add(match[1].slice(1));
      for (const match of text.matchAll(QUERY_KEY)) if (match[2] !== undefined) keys.add(match[2]);
    }
  }
  return { procedures, keys, queryCacheToast, mutationCacheToast, swrToast };
}

function read(file: string): string | null {
  try {
    if (statSync(file).size > MAX_BYTES) return null;
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
