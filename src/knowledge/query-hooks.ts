/**
 * Data-fetching hooks of the React query libraries: which exports fetch, the shape of what they
 * return, the names of their state fields, and which options take over a state. Declarative only.
 */

export type QueryLibrary = 'tanstack' | 'swr' | 'apollo' | 'urql' | 'rtk' | 'trpc' | 'unknown';

/**
 * - `query`: a result object with `data` and its states;
 * - `suspense`: Suspense and an error boundary take the loading and error states;
 * - `queries`: an array of results (TanStack `useQueries`);
 * - `mutation`: a write whose pending and error states belong to a form (strict).
 */
export type HookKind = 'query' | 'suspense' | 'queries' | 'mutation';

/**
 * Where the result sits in what the hook returns: the value itself, or an element of a tuple
 * (urql `[result, reexecute]`, Apollo and RTK Query lazy hooks `[execute, result]`).
 */
export type ResultPosition = 'value' | 0 | 1;

export interface HookSpec {
  readonly kind: HookKind;
  readonly position: ResultPosition;
  /** Zero-based index of the options argument; -1 when the hook takes none we read. */
  readonly optionsIndex: number;
  /** Known from the result type: `data` is never undefined (`initialData`), so no loading state. */
  readonly dataAlwaysThere?: boolean;
}

const query = (optionsIndex: number, position: ResultPosition = 'value'): HookSpec => ({ kind: 'query', position, optionsIndex });
const suspense: HookSpec = { kind: 'suspense', position: 'value', optionsIndex: -1 };

/** Module specifier → library. */
export const QUERY_SOURCES: Readonly<Record<string, QueryLibrary>> = {
  '@tanstack/react-query': 'tanstack',
  'react-query': 'tanstack',
  swr: 'swr',
  'swr/infinite': 'swr',
  'swr/immutable': 'swr',
  'swr/mutation': 'swr',
  '@apollo/client': 'apollo',
  '@apollo/client/react': 'apollo',
  '@apollo/client/react/hooks': 'apollo',
  '@apollo/react-hooks': 'apollo',
  urql: 'urql',
  '@urql/preact': 'urql',
  '@reduxjs/toolkit/query/react': 'rtk',
  '@trpc/react-query': 'trpc',
  '@trpc/next': 'trpc',
};

export const QUERY_SOURCE_LIST: readonly string[] = Object.keys(QUERY_SOURCES);

/**
 * Exports per module (the default export is `''`). TanStack v4 takes `(key, fn, options)` as well
 * as one object: the options index is resolved at the call (the last object literal argument).
 */
const TANSTACK_HOOKS: Readonly<Record<string, HookSpec>> = {
  useQuery: query(0),
  useInfiniteQuery: query(0),
  useQueries: { kind: 'queries', position: 'value', optionsIndex: 0 },
  useSuspenseQuery: suspense,
  useSuspenseInfiniteQuery: suspense,
  useSuspenseQueries: suspense,
  useMutation: { kind: 'mutation', position: 'value', optionsIndex: 0 },
};
const APOLLO_HOOKS: Readonly<Record<string, HookSpec>> = {
  useQuery: query(1),
  useLazyQuery: query(1, 1),
  useSuspenseQuery: suspense,
  useBackgroundQuery: suspense,
  useReadQuery: suspense,
  useMutation: { kind: 'mutation', position: 1, optionsIndex: 1 },
};
const URQL_HOOKS: Readonly<Record<string, HookSpec>> = {
  useQuery: query(0, 0),
  useMutation: { kind: 'mutation', position: 0, optionsIndex: -1 },
};

export const LIBRARY_HOOKS: Readonly<Record<string, Readonly<Record<string, HookSpec>>>> = {
  '@tanstack/react-query': TANSTACK_HOOKS,
  'react-query': TANSTACK_HOOKS,
  swr: { '': query(2), useSWR: query(2) },
  'swr/infinite': { '': query(2), useSWRInfinite: query(2) },
  'swr/immutable': { '': query(2), useSWRImmutable: query(2) },
  'swr/mutation': { '': { kind: 'mutation', position: 'value', optionsIndex: 2 } },
  '@apollo/client': APOLLO_HOOKS,
  '@apollo/client/react': APOLLO_HOOKS,
  '@apollo/client/react/hooks': APOLLO_HOOKS,
  '@apollo/react-hooks': APOLLO_HOOKS,
  urql: URQL_HOOKS,
  '@urql/preact': URQL_HOOKS,
};

/** tRPC procedure hooks (`api.post.list.useQuery(input, options)`), TanStack Query underneath. */
export const TRPC_HOOKS: Readonly<Record<string, HookSpec>> = {
  useQuery: query(1),
  useInfiniteQuery: query(1),
  useSuspenseQuery: suspense,
  useSuspenseInfiniteQuery: suspense,
  useMutation: { kind: 'mutation', position: 'value', optionsIndex: 0 },
};

/** RTK Query endpoint hooks (`api.endpoints.getPosts.useQuery(arg, options)`). */
export const RTK_ENDPOINT_HOOKS: Readonly<Record<string, HookSpec>> = {
  useQuery: query(1),
  useInfiniteQuery: query(1),
  useLazyQuery: query(0, 1),
  useMutation: { kind: 'mutation', position: 1, optionsIndex: 0 },
};

/**
 * Generated hook names: RTK Query (`useGetPostsQuery`, `useLazyGetPostsQuery`,
 * `useAddPostMutation`) and GraphQL Code Generator (`useGetPostsQuery`, `useGetPostsLazyQuery`).
 */
export const GENERATED_LAZY_QUERY = /^use(?:Lazy[A-Z]\w*Query|[A-Z]\w*LazyQuery)$/u;
export const GENERATED_QUERY = /^use[A-Z]\w*Query$/u;
export const GENERATED_MUTATION = /^use[A-Z]\w*Mutation$/u;

/** The fields that hold the fetched value. */
export const DATA_FIELDS: ReadonlySet<string> = new Set(['data', 'currentData']);

/** Fields whose reading handles the loading state. */
export const LOADING_FIELDS: ReadonlySet<string> = new Set([
  'isPending',
  'isLoading',
  'isFetching',
  'isInitialLoading',
  'isRefetching',
  'isFetched',
  'isFetchedAfterMount',
  'isUninitialized',
  'isIdle',
  'isValidating',
  'loading',
  'fetching',
  'stale',
  'called',
  'fetchStatus',
  'isMutating',
]);

/** Fields whose reading handles the error state. */
export const ERROR_FIELDS: ReadonlySet<string> = new Set([
  'error',
  'isError',
  'isLoadingError',
  'isRefetchError',
  'failureReason',
  'errors',
]);

/** Fields that answer both (`isSuccess`), or discriminants checked by comparison (`status`). */
export const SUCCESS_FIELDS: ReadonlySet<string> = new Set(['isSuccess', 'networkStatus', 'dataState']);
export const STATUS_FIELDS: ReadonlySet<string> = new Set(['status']);

/** `status` values per state, across TanStack (v3–v5), RTK Query and SWR. */
export const LOADING_STATUSES: ReadonlySet<string> = new Set(['pending', 'loading', 'idle', 'fetching', 'uninitialized']);
export const ERROR_STATUSES: ReadonlySet<string> = new Set(['error', 'rejected']);
export const SUCCESS_STATUSES: ReadonlySet<string> = new Set(['success', 'fulfilled']);

/** Options that make Suspense and an error boundary take both states. */
export const SUSPENSE_OPTIONS: ReadonlySet<string> = new Set(['suspense']);
/** Options that send errors to an error boundary (TanStack v5 `throwOnError`, v4 `useErrorBoundary`). */
export const ERROR_BOUNDARY_OPTIONS: ReadonlySet<string> = new Set(['throwOnError', 'useErrorBoundary']);
/** Options that give the first render a value, so there is no loading state to show. */
export const PLACEHOLDER_OPTIONS: ReadonlySet<string> = new Set(['placeholderData', 'initialData', 'fallbackData']);
/** Options that turn a query off; a literal `enabled: false` / `skip: true` never loads on its own. */
export const DISABLE_OPTIONS: Readonly<Record<string, boolean>> = { enabled: false, skip: true, pause: true };

/** Mutation results: the field that says a write is in flight, and its error. */
export const MUTATION_PENDING_FIELDS: ReadonlySet<string> = new Set([
  'isPending',
  'isLoading',
  'isMutating',
  'loading',
  'fetching',
  'status',
  'isIdle',
  'isSuccess',
]);
export const MUTATION_ERROR_FIELDS: ReadonlySet<string> = new Set(['error', 'isError', 'status', 'failureReason']);
/** Calls that start a mutation. */
export const MUTATE_FIELDS: ReadonlySet<string> = new Set(['mutate', 'mutateAsync', 'trigger']);

/**
 * The fields a fix should read, per library and TanStack major: v5 renamed `isLoading` (a first
 * load) to `isPending`; v4 reports `isLoading: true` forever for a disabled query, so a dependent
 * query there reads `isInitialLoading` (`isLoading && isFetching`), and on v5 `isLoading` (a disabled
 * v5 query stays `isPending` until it is enabled).
 */
export function loadingFieldOf(library: QueryLibrary, tanstackMajor: number, dependent: boolean): string | null {
  switch (library) {
    case 'tanstack':
    case 'trpc':
      // v5: a disabled query is pending (not loading) until it runs, so a dependent query shows
      // its spinner on `isLoading` (pending and fetching); v4 spells that `isInitialLoading`.
      if (tanstackMajor >= 5) return dependent ? 'isLoading' : 'isPending';
      return dependent && tanstackMajor === 4 ? 'isInitialLoading' : 'isLoading';
    case 'swr':
    case 'rtk':
      return 'isLoading';
    case 'apollo':
      return 'loading';
    case 'urql':
      return 'fetching';
    case 'unknown':
      return null;
  }
}

/** Where a library's declarations live, to recognise its result type behind a custom hook. */
export const LIBRARY_TYPE_PATHS: readonly (readonly [string, QueryLibrary])[] = [
  ['/@trpc/', 'trpc'],
  ['/@tanstack/', 'tanstack'],
  ['/react-query/', 'tanstack'],
  ['/swr/', 'swr'],
  ['/@apollo/', 'apollo'],
  ['/urql/', 'urql'],
  ['/@urql/', 'urql'],
  ['/@reduxjs/', 'rtk'],
];
