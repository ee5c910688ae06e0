import path from 'node:path';

import tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it, type MockInstance, vi } from 'vitest';

import { peekFileFacts } from '../../src/analysis/file-facts.js';
import rule, { type Options } from '../../src/rules/require-query-states.js';
import { majorOf } from '../../src/rules/require-query-states/version.js';
import { costProbe } from '../cost-probe.js';
import { FIXTURES, TYPED_ROOT, javascriptTester, typedTester, typescriptTester } from '../testers.js';

const STRICT = [{ checkMutations: true, reportAssertions: true, requireEmptyState: true }] as const;
const TSX = 'src/components/Projects.tsx';
const TYPED_TSX = path.join(TYPED_ROOT, 'react.tsx');
const V4_TSX = path.join(FIXTURES, 'typed', 'query-v4', 'src', 'Projects.tsx');

const BOTH = 'loading and error states';
const FIX_V5_BOTH = '`isPending` (a loading indicator) and `error` (a message with a way to retry)';
const FIX_ERROR = '`error` (a message with a way to retry)';

describe('plain JavaScript (espree)', () => {
  javascriptTester().run('require-query-states', rule, {
    valid: [
      {
        name: 'TanStack Query: pending and error rendered before the list',
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (isPending) return <Spinner />;
  if (error) return <ErrorMessage error={error} />;
  return <ul>{data.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
`,
      },
      {
        name: "SWR's documented pattern: error first, then no data as loading",
        code: `
import useSWR from 'swr';
function Profile() {
  const { data, error } = useSWR('/api/user', fetcher);
  if (error) return <div>failed to load</div>;
  if (!data) return <div>loading...</div>;
  return <div>hello {data.name}!</div>;
}
`,
      },
      {
        name: 'a query outside any component or hook is not checked',
        code: `
import { useQuery } from '@tanstack/react-query';
function loadEverything() {
  const { data } = useQuery({ queryKey: ['x'], queryFn: f });
  return data.items;
}
`,
      },
      {
        name: 'a local function called useQuery is not the library',
        code: `
function useQuery() { return { data: [] }; }
export function Projects() {
  const { data } = useQuery();
  return <ul>{data.map((p) => <li>{p}</li>)}</ul>;
}
`,
      },
    ],
    invalid: [
      {
        name: 'TanStack Query: data rendered with no state read, suggestion adds the fields',
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <ul>{data?.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
`,
        errors: [
          {
            messageId: 'missingStates',
            line: 4,
            column: 20,
            data: { hook: 'useQuery', states: BOTH, fix: FIX_V5_BOTH },
            suggestions: [
              {
                messageId: 'addStateFields',
                data: { fields: '`isPending` and `error`' },
                output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <ul>{data?.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
`,
              },
            ],
          },
        ],
      },
      {
        name: 'SWR: `if (!data) return <Spinner />` without an error check spins forever on errors',
        code: `
import useSWR from 'swr';
export default function Profile() {
  const { data } = useSWR('/api/user', fetcher);
  if (!data) return <Spinner />;
  return <p>{data.name}</p>;
}
`,
        errors: [
          {
            messageId: 'errorAsLoading',
            line: 5,
            column: 7,
            data: { hook: 'useSWR', test: '!data', errorField: '`error`' },
            suggestions: [
              {
                messageId: 'addStateFields',
                data: { fields: '`error`' },
                output: `
import useSWR from 'swr';
export default function Profile() {
  const { data, error } = useSWR('/api/user', fetcher);
  if (!data) return <Spinner />;
  return <p>{data.name}</p>;
}
`,
              },
            ],
          },
        ],
      },
      {
        name: 'Apollo: whole result, loading read but the error never is',
        code: `
import { useQuery } from '@apollo/client';
const Dashboard = () => {
  const result = useQuery(DASHBOARD);
  if (result.loading) return <Spinner />;
  return <h1>{result.data.viewer.name}</h1>;
};
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 18, data: { hook: 'useQuery', states: 'error state', fix: FIX_ERROR } }],
      },
      {
        name: 'tRPC in JavaScript: no states',
        code: `
import { trpc } from '../utils/trpc';
export function Posts() {
  const posts = trpc.post.list.useQuery();
  return <ul>{posts.data?.map((p) => <li key={p.id}>{p.title}</li>)}</ul>;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 17, data: { hook: 'trpc.post.list.useQuery', states: BOTH, fix: FIX_V5_BOTH } }],
      },
      {
        name: 'strict in JavaScript: urql mutation triggered with no fetching guard and no error',
        options: STRICT,
        code: `
import { useMutation } from 'urql';
export function Vote({ id }) {
  const [, vote] = useMutation(VOTE);
  return <button onClick={() => vote({ id })}>Upvote</button>;
}
`,
        errors: [
          { messageId: 'mutationPending', line: 4, column: 20, data: { hook: 'useMutation', field: '`fetching`' } },
          { messageId: 'mutationError', line: 4, column: 20, data: { hook: 'useMutation', field: '`error`' } },
        ],
      },
    ],
  });
});

describe('TypeScript without type information', () => {
  typescriptTester().run('require-query-states', rule, {
    valid: [
      {
        name: 'TanStack: whole object, isPending and isError early returns',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Invoices() {
  const invoices = useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  if (invoices.isPending) return <Spinner />;
  if (invoices.isError) return <ErrorState error={invoices.error} />;
  return <Table rows={invoices.data} />;
}
`,
      },
      {
        name: 'TanStack: ternaries and && guards in JSX',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Invoices() {
  const { data, isLoading, error } = useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  return (
    <section>
      {error && <ErrorBanner error={error} />}
      {isLoading ? <Spinner /> : <Table rows={data ?? []} />}
    </section>
  );
}
`,
      },
      {
        name: 'TanStack: switch (status) with pending and error cases',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Invoices() {
  const { data, status } = useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  switch (status) {
    case 'pending':
      return <Spinner />;
    case 'error':
      return <ErrorState />;
    case 'success':
      return <Table rows={data} />;
  }
}
`,
      },
      {
        name: "TanStack: status comparisons (status === 'pending', status === 'error')",
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Invoices() {
  const query = useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  if (query.status === 'pending') return <Spinner />;
  if (query.status === 'error') return <ErrorState />;
  return <Table rows={query.data} />;
}
`,
      },
      {
        name: 'TanStack: useSuspenseQuery leaves loading to Suspense and errors to a boundary',
        filename: TSX,
        code: `
import { useSuspenseQuery } from '@tanstack/react-query';
export function Invoices() {
  const { data } = useSuspenseQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  return <Table rows={data} />;
}
`,
      },
      {
        name: 'TanStack: throwOnError and placeholderData take the error and loading states',
        filename: TSX,
        code: `
import { useQuery, keepPreviousData } from '@tanstack/react-query';
export function Invoices({ page }: { page: number }) {
  const { data } = useQuery({ queryKey: ['invoices', page], queryFn: () => fetchInvoices(page), throwOnError: true, placeholderData: keepPreviousData });
  return <Table rows={data} />;
}
`,
      },
      {
        name: 'TanStack: options from a same-file constant with suspense: true',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
const invoiceOptions = { queryKey: ['invoices'], queryFn: fetchInvoices, suspense: true } as const;
export function Invoices() {
  const { data } = useQuery(invoiceOptions);
  return <Table rows={data} />;
}
`,
      },
      {
        name: 'TanStack: queryOptions({...}) inline with throwOnError and initialData',
        filename: TSX,
        code: `
import { queryOptions, useQuery } from '@tanstack/react-query';
export function Invoices() {
  const { data } = useQuery(queryOptions({ queryKey: ['invoices'], queryFn: fetchInvoices, throwOnError: true, initialData: [] }));
  return <Table rows={data} />;
}
`,
      },
      {
        name: 'the result passed whole to a child is the child’s concern',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Invoices() {
  const query = useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  return <QueryBoundary query={query}>{(rows) => <Table rows={rows} />}</QueryBoundary>;
}
`,
      },
      {
        name: 'the result spread into a helper hook’s return is not this hook’s concern',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function useInvoices() {
  const query = useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  return { ...query, total: query.data?.length };
}
`,
      },
      {
        name: 'a same-file wrapper hook returning the result whole is silent, its consumer handles the states',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
function useInvoices() {
  return useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
}
export function Invoices() {
  const { data, isPending, isError } = useInvoices();
  if (isPending) return <Spinner />;
  if (isError) return <ErrorState />;
  return <Table rows={data} />;
}
`,
      },
      {
        name: 'data read only in an effect and an event handler does not render',
        filename: TSX,
        code: `
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
export function Exporter() {
  const { data } = useQuery({ queryKey: ['report'], queryFn: fetchReport });
  useEffect(() => { if (data) track('report-ready', data.id); }, [data]);
  return <button onClick={() => download(data)}>Export</button>;
}
`,
      },
      {
        name: 'a literal enabled: false query never loads by itself: only its error is required, and read',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Report() {
  const { data, error, refetch } = useQuery({ queryKey: ['report'], queryFn: fetchReport, enabled: false });
  return <div><button onClick={() => refetch()}>Run</button>{error ? <ErrorState /> : <pre>{data?.csv}</pre>}</div>;
}
`,
      },
      {
        name: 'SWR: fallbackData gives the first render a value; error read',
        filename: TSX,
        code: `
import useSWR from 'swr';
export function Settings({ initial }: { initial: Settings }) {
  const { data, error } = useSWR('/api/settings', fetcher, { fallbackData: initial });
  if (error) return <ErrorState />;
  return <Form values={data} />;
}
`,
      },
      {
        name: 'SWR: suspense: true',
        filename: TSX,
        code: `
import useSWR from 'swr';
export function Settings() {
  const { data } = useSWR('/api/settings', fetcher, { suspense: true });
  return <Form values={data} />;
}
`,
      },
      {
        name: 'Apollo: loading and error',
        filename: TSX,
        code: `
import { useQuery } from '@apollo/client/react';
export function Viewer() {
  const { data, loading, error } = useQuery(VIEWER);
  if (loading) return <Spinner />;
  if (error) return <ErrorState error={error} />;
  return <h1>{data?.viewer.name}</h1>;
}
`,
      },
      {
        name: 'Apollo: useLazyQuery result with loading and error',
        filename: TSX,
        code: `
import { useLazyQuery } from '@apollo/client';
export function Search() {
  const [search, { data, loading, error }] = useLazyQuery(SEARCH);
  return (
    <div>
      <button onClick={() => search()}>Search</button>
      {loading && <Spinner />}
      {error && <ErrorState />}
      {data?.results.map((r) => <Row key={r.id} row={r} />)}
    </div>
  );
}
`,
      },
      {
        name: 'urql: fetching and error from the tuple',
        filename: TSX,
        code: `
import { useQuery } from 'urql';
export function Todos() {
  const [{ data, fetching, error }] = useQuery({ query: TODOS });
  if (fetching) return <Spinner />;
  if (error) return <ErrorState />;
  return <List items={data.todos} />;
}
`,
      },
      {
        name: 'RTK Query: generated hook with isLoading and isError',
        filename: TSX,
        code: `
import { useGetPostsQuery } from '@/store/api';
export function Posts() {
  const { data, isLoading, isError } = useGetPostsQuery();
  if (isLoading) return <Spinner />;
  if (isError) return <ErrorState />;
  return <List items={data} />;
}
`,
      },
      {
        name: 'tRPC: procedure hook, whole object with isPending and error',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function LatestPost() {
  const latest = api.post.getLatest.useQuery();
  if (latest.isPending) return <Spinner />;
  if (latest.error) return <ErrorState />;
  return <p>{latest.data.name}</p>;
}
`,
      },
      {
        name: 'mutations are not checked in recommended',
        filename: TSX,
        code: `
import { useMutation } from '@tanstack/react-query';
export function Save() {
  const save = useMutation({ mutationFn: saveSettings });
  return <button onClick={() => save.mutate()}>Save</button>;
}
`,
      },
      {
        name: 'strict: mutation whose pending guards the submit and whose error is rendered',
        filename: TSX,
        options: STRICT,
        code: `
import { useMutation } from '@tanstack/react-query';
export function Save() {
  const save = useMutation({ mutationFn: saveSettings });
  return (
    <form onSubmit={(event) => { event.preventDefault(); save.mutate(); }}>
      <button disabled={save.isPending}>Save</button>
      {save.isError && <p role="alert">{save.error.message}</p>}
    </form>
  );
}
`,
      },
      {
        name: 'strict: mutateAsync awaited in try/catch handles the failure',
        filename: TSX,
        options: STRICT,
        code: `
import { useMutation } from '@tanstack/react-query';
export function Save() {
  const { mutateAsync, isPending } = useMutation({ mutationFn: saveSettings });
  async function submit() {
    try { await mutateAsync(); } catch (error) { toast.error('Could not save'); }
  }
  return <button disabled={isPending} onClick={submit}>Save</button>;
}
`,
      },
      {
        name: 'strict: the list checks .length for an empty state',
        filename: TSX,
        options: STRICT,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (isPending) return <Spinner />;
  if (error) return <ErrorState />;
  if (data.length === 0) return <EmptyState />;
  return <ul>{data.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
`,
      },
      {
        name: 'errorBoundary option: app-wide throwOnError, only loading required',
        filename: TSX,
        options: [{ errorBoundary: true }],
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (isPending) return <Spinner />;
  return <List items={data} />;
}
`,
      },
      {
        name: 'a generated-looking hook from a package (not the app’s API module) is not assumed to be a query',
        filename: TSX,
        code: `
import { useDebouncedQuery } from 'some-search-kit';
export function Search({ term }: { term: string }) {
  const { data } = useDebouncedQuery(term);
  return <p>{data}</p>;
}
`,
      },
      {
        name: 'urql: a context option may carry suspense: not concluded',
        filename: TSX,
        code: `
import { useMemo } from 'react';
import { useQuery } from 'urql';
export function Todos() {
  const context = useMemo(() => ({ suspense: true }), []);
  const [{ data }] = useQuery({ query: TODOS, context });
  return <List items={data.todos} />;
}
`,
      },
      {
        name: 'useQueries with combine returns a custom shape: not concluded',
        filename: TSX,
        code: `
import { useQueries } from '@tanstack/react-query';
export function Overview({ ids }: { ids: string[] }) {
  const [first] = useQueries({ queries: [{ queryKey: ['a'], queryFn: fetchA }], combine: (results) => results.map((r) => r.data) });
  return <p>{first?.data}</p>;
}
`,
      },
      {
        name: 'isSuccess gates the data (loading and error collapsed into the fallback on purpose)',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isSuccess } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return isSuccess ? <List items={data} /> : <Fallback />;
}
`,
      },
      {
        name: 'status handed to a status component: any use of status counts',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, status } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <QueryStatus status={status}><List items={data} /></QueryStatus>;
}
`,
      },
      {
        name: 'Apollo useSuspenseQuery and tRPC useSuspenseQuery',
        filename: TSX,
        code: `
import { useSuspenseQuery } from '@apollo/client/react';
import { api } from '~/trpc/react';
export function Viewer() {
  const { data } = useSuspenseQuery(VIEWER);
  const [posts] = api.post.list.useSuspenseQuery();
  return <h1>{data.viewer.name} ({posts.length})</h1>;
}
`,
      },
      {
        name: 'a query in a class component method is not a hook call',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export class Legacy extends React.Component {
  render() {
    const { data } = useQuery({ queryKey: ['x'], queryFn: f });
    return <p>{data.x}</p>;
  }
}
`,
      },
      {
        name: 'the error surfaced from an effect (a toast) counts as handled',
        filename: TSX,
        code: `
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, error, isPending } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  useEffect(() => { if (error) toast.error('Could not load projects'); }, [error]);
  if (isPending) return <Spinner />;
  return <List items={data ?? []} />;
}
`,
      },
      {
        name: 'TanStack v4 project: isLoading and isError handled',
        filename: V4_TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isLoading, isError } = useQuery(['projects'], fetchProjects);
  if (isLoading) return <Spinner />;
  if (isError) return <ErrorState />;
  return <List items={data} />;
}
`,
      },
      {
        name: 'useQueries: each result handled',
        filename: TSX,
        code: `
import { useQueries } from '@tanstack/react-query';
export function Overview() {
  const [users, teams] = useQueries({ queries: [{ queryKey: ['users'], queryFn: fetchUsers }, { queryKey: ['teams'], queryFn: fetchTeams }] });
  if (users.isPending || teams.isPending) return <Spinner />;
  if (users.isError || teams.isError) return <ErrorState />;
  return <Summary users={users.data} teams={teams.data} />;
}
`,
      },
    ],
    invalid: [
      {
        name: 'TanStack: `const { data: items = [] }` merges loading, error and empty',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data: projects = [] } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <ul>{projects.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
`,
        errors: [
          {
            messageId: 'defaultHidesStates',
            line: 4,
            column: 17,
            data: { hook: 'useQuery', pattern: 'projects = []', fix: FIX_V5_BOTH },
            suggestions: [
              {
                messageId: 'addStateFields',
                data: { fields: '`isPending` and `error`' },
                output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data: projects = [], isPending, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <ul>{projects.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
`,
              },
            ],
          },
        ],
      },
      {
        name: 'TanStack: `data?.items.map` with no state read, whole object',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export const Projects = () => {
  const query = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <ul>{query.data?.items.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
};
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 17, data: { hook: 'useQuery', states: BOTH, fix: FIX_V5_BOTH } }],
      },
      {
        name: 'TanStack: ternary on data shows a spinner for errors too',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return data ? <List items={data} /> : <Spinner />;
}
`,
        errors: [
          {
            messageId: 'errorAsLoading',
            line: 5,
            column: 10,
            data: { hook: 'useQuery', test: 'data', errorField: '`error`' },
            suggestions: [
              {
                messageId: 'addStateFields',
                data: { fields: '`error`' },
                output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return data ? <List items={data} /> : <Spinner />;
}
`,
              },
            ],
          },
        ],
      },
      {
        name: 'TanStack: `if (!data) return null` is not a loading state',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, ...rest } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (!data) return null;
  return <List items={data} refetch={rest.refetch} />;
}
`,
        errors: [
          {
            messageId: 'missingStates',
            line: 4,
            column: 29,
            data: { hook: 'useQuery', states: BOTH, fix: FIX_V5_BOTH },
            suggestions: [
              {
                messageId: 'addStateFields',
                data: { fields: '`isPending` and `error`' },
                output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error, ...rest } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (!data) return null;
  return <List items={data} refetch={rest.refetch} />;
}
`,
              },
            ],
          },
        ],
      },
      {
        name: 'TanStack: useInfiniteQuery pages rendered with loading handled but no error',
        filename: TSX,
        code: `
import { useInfiniteQuery } from '@tanstack/react-query';
export function Feed() {
  const { data, isPending, fetchNextPage } = useInfiniteQuery({ queryKey: ['feed'], queryFn: fetchPage, initialPageParam: 0, getNextPageParam: (last) => last.next });
  if (isPending) return <Spinner />;
  return <div>{data.pages.flatMap((page) => page.items).map((item) => <Post key={item.id} post={item} />)}<button onClick={() => fetchNextPage()}>More</button></div>;
}
`,
        errors: [
          {
            messageId: 'missingStates',
            line: 4,
            column: 46,
            data: { hook: 'useInfiniteQuery', states: 'error state', fix: FIX_ERROR },
            suggestions: [
              {
                messageId: 'addStateFields',
                data: { fields: '`error`' },
                output: `
import { useInfiniteQuery } from '@tanstack/react-query';
export function Feed() {
  const { data, isPending, fetchNextPage, error } = useInfiniteQuery({ queryKey: ['feed'], queryFn: fetchPage, initialPageParam: 0, getNextPageParam: (last) => last.next });
  if (isPending) return <Spinner />;
  return <div>{data.pages.flatMap((page) => page.items).map((item) => <Post key={item.id} post={item} />)}<button onClick={() => fetchNextPage()}>More</button></div>;
}
`,
              },
            ],
          },
        ],
      },
      {
        name: 'several queries: each is checked, the unhandled one reported',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Dashboard() {
  const user = useQuery({ queryKey: ['me'], queryFn: fetchMe });
  const projects = useQuery({ queryKey: ['projects', user.data?.id], queryFn: fetchProjects, enabled: !!user.data });
  if (user.isPending) return <Spinner />;
  if (user.isError) return <ErrorState />;
  return <List items={projects.data ?? []} />;
}
`,
        errors: [{ messageId: 'missingStates', line: 5, column: 20, data: { hook: 'useQuery', states: BOTH, fix: '`isLoading` (a loading indicator) and `error` (a message with a way to retry)' } }],
      },
      {
        name: 'a custom hook that collapses the result into data only',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function useProjectNames() {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return data?.map((p) => p.name) ?? [];
}
`,
        errors: [
          {
            messageId: 'missingStates',
            line: 4,
            column: 20,
            data: { hook: 'useQuery', states: BOTH, fix: FIX_V5_BOTH },
            suggestions: [
              {
                messageId: 'addStateFields',
                data: { fields: '`isPending` and `error`' },
                output: `
import { useQuery } from '@tanstack/react-query';
export function useProjectNames() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return data?.map((p) => p.name) ?? [];
}
`,
              },
            ],
          },
        ],
      },
      {
        name: 'same-file wrapper hook: its consumer renders data with no states',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
const useInvoices = () => useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
export default function InvoicesPage() {
  const { data } = useInvoices();
  return <Table rows={data} />;
}
`,
        errors: [
          {
            messageId: 'missingStates',
            line: 5,
            column: 20,
            data: { hook: 'useInvoices', states: BOTH, fix: FIX_V5_BOTH },
            suggestions: [
              {
                messageId: 'addStateFields',
                data: { fields: '`isPending` and `error`' },
                output: `
import { useQuery } from '@tanstack/react-query';
const useInvoices = () => useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
export default function InvoicesPage() {
  const { data, isPending, error } = useInvoices();
  return <Table rows={data} />;
}
`,
              },
            ],
          },
        ],
      },
      {
        name: 'SWR: isLoading read, error never',
        filename: TSX,
        code: `
import useSWR from 'swr';
export function Team() {
  const { data, isLoading } = useSWR('/api/team', fetcher);
  if (isLoading) return <Spinner />;
  return <Members list={data.members} />;
}
`,
        errors: [
          {
            messageId: 'missingStates',
            line: 4,
            column: 31,
            data: { hook: 'useSWR', states: 'error state', fix: FIX_ERROR },
            suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import useSWR from 'swr';
export function Team() {
  const { data, isLoading, error } = useSWR('/api/team', fetcher);
  if (isLoading) return <Spinner />;
  return <Members list={data.members} />;
}
` }],
          },
        ],
      },
      {
        name: 'SWR infinite: no states',
        filename: TSX,
        code: `
import useSWRInfinite from 'swr/infinite';
export function Feed() {
  const { data } = useSWRInfinite(getKey, fetcher);
  return <div>{data?.flat().map((item) => <Post key={item.id} post={item} />)}</div>;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'useSWRInfinite', states: BOTH, fix: '`isLoading` (a loading indicator) and `error` (a message with a way to retry)' }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isLoading` and `error`' }, output: `
import useSWRInfinite from 'swr/infinite';
export function Feed() {
  const { data, isLoading, error } = useSWRInfinite(getKey, fetcher);
  return <div>{data?.flat().map((item) => <Post key={item.id} post={item} />)}</div>;
}
` }] }],
      },
      {
        name: 'Apollo: loading destructured but never read, error missing',
        filename: TSX,
        code: `
import { useQuery } from '@apollo/client/react';
export function Viewer() {
  const { data } = useQuery(VIEWER);
  return <h1>{data?.viewer.name}</h1>;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'useQuery', states: BOTH, fix: '`loading` (a loading indicator) and `error` (a message with a way to retry)' }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`loading` and `error`' }, output: `
import { useQuery } from '@apollo/client/react';
export function Viewer() {
  const { data, loading, error } = useQuery(VIEWER);
  return <h1>{data?.viewer.name}</h1>;
}
` }] }],
      },
      {
        name: 'Apollo: useLazyQuery result rendered without states',
        filename: TSX,
        code: `
import { useLazyQuery } from '@apollo/client';
export function Search() {
  const [search, { data }] = useLazyQuery(SEARCH);
  return <div><button onClick={() => search()}>Go</button>{data?.results.map((r) => <Row key={r.id} row={r} />)}</div>;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 30, data: { hook: 'useLazyQuery', states: BOTH, fix: '`loading` (a loading indicator) and `error` (a message with a way to retry)' }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`loading` and `error`' }, output: `
import { useLazyQuery } from '@apollo/client';
export function Search() {
  const [search, { data, loading, error }] = useLazyQuery(SEARCH);
  return <div><button onClick={() => search()}>Go</button>{data?.results.map((r) => <Row key={r.id} row={r} />)}</div>;
}
` }] }],
      },
      {
        name: 'urql: fetching read, error never',
        filename: TSX,
        code: `
import { useQuery } from 'urql';
export function Todos() {
  const [result] = useQuery({ query: TODOS });
  if (result.fetching) return <Spinner />;
  return <List items={result.data.todos} />;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'useQuery', states: 'error state', fix: FIX_ERROR } }],
      },
      {
        name: 'RTK Query: generated hook imported from the API slice, no states (library unknown without types: no suggestion)',
        filename: TSX,
        code: `
import { useGetPostsQuery } from '@/store/api';
export function Posts() {
  const { data } = useGetPostsQuery();
  return <List items={data} />;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'useGetPostsQuery', states: BOTH, fix: 'the loading state (a loading indicator) and the error state (a message with a way to retry)' } }],
      },
      {
        name: 'RTK Query: lazy generated hook',
        filename: TSX,
        code: `
import { useLazyGetPostsQuery } from '@/store/api';
export function Posts() {
  const [load, { data, isFetching }] = useLazyGetPostsQuery();
  return <div><button disabled={isFetching} onClick={() => load()}>Load</button><List items={data} /></div>;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 40, data: { hook: 'useLazyGetPostsQuery', states: 'error state', fix: 'the error state (a message with a way to retry)' } }],
      },
      {
        name: 'RTK Query: api.endpoints.x.useQuery',
        filename: TSX,
        code: `
import { api } from '@/store/api';
export function Posts() {
  const { data } = api.endpoints.getPosts.useQuery();
  return <List items={data} />;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'api.endpoints.getPosts.useQuery', states: BOTH, fix: '`isLoading` (a loading indicator) and `error` (a message with a way to retry)' }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isLoading` and `error`' }, output: `
import { api } from '@/store/api';
export function Posts() {
  const { data, isLoading, error } = api.endpoints.getPosts.useQuery();
  return <List items={data} />;
}
` }] }],
      },
      {
        name: 'tRPC: api.post.all.useQuery() with no states',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function Posts() {
  const posts = api.post.all.useQuery();
  return <ul>{posts.data?.map((p) => <li key={p.id}>{p.title}</li>)}</ul>;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 17, data: { hook: 'api.post.all.useQuery', states: BOTH, fix: FIX_V5_BOTH } }],
      },
      {
        name: 'tRPC: trpc.greeting.useQuery() destructured, loading read',
        filename: TSX,
        code: `
import { trpc } from '../utils/trpc';
export function Greeting() {
  const { data, isLoading } = trpc.greeting.useQuery({ name: 'you' });
  if (isLoading) return <Spinner />;
  return <p>{data.text}</p>;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 31, data: { hook: 'trpc.greeting.useQuery', states: 'error state', fix: FIX_ERROR }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { trpc } from '../utils/trpc';
export function Greeting() {
  const { data, isLoading, error } = trpc.greeting.useQuery({ name: 'you' });
  if (isLoading) return <Spinner />;
  return <p>{data.text}</p>;
}
` }] }],
      },
      {
        name: 'useQueries: the second result is rendered unchecked',
        filename: TSX,
        code: `
import { useQueries } from '@tanstack/react-query';
export function Overview() {
  const [users, teams] = useQueries({ queries: [{ queryKey: ['users'], queryFn: fetchUsers }, { queryKey: ['teams'], queryFn: fetchTeams }] });
  if (users.isPending) return <Spinner />;
  if (users.isError) return <ErrorState />;
  return <Summary users={users.data} teams={teams.data} />;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 26, data: { hook: 'useQueries', states: BOTH, fix: FIX_V5_BOTH } }],
      },
      {
        name: 'TanStack v4 project: loading suggested as isLoading (v4 has no isPending)',
        filename: V4_TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data } = useQuery(['projects'], fetchProjects);
  return <List items={data} />;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'useQuery', states: BOTH, fix: '`isLoading` (a loading indicator) and `error` (a message with a way to retry)' }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isLoading` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isLoading, error } = useQuery(['projects'], fetchProjects);
  return <List items={data} />;
}
` }] }],
      },
      {
        name: 'TanStack v4 project: a dependent query gets isInitialLoading (isLoading stays true while disabled)',
        filename: V4_TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects({ orgId }: { orgId?: string }) {
  const { data } = useQuery({ queryKey: ['projects', orgId], queryFn: fetchProjects, enabled: !!orgId });
  return <List items={data} />;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'useQuery', states: BOTH, fix: '`isInitialLoading` (a loading indicator) and `error` (a message with a way to retry)' }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isInitialLoading` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects({ orgId }: { orgId?: string }) {
  const { data, isInitialLoading, error } = useQuery({ queryKey: ['projects', orgId], queryFn: fetchProjects, enabled: !!orgId });
  return <List items={data} />;
}
` }] }],
      },
      {
        name: 'TanStack v5: a dependent query gets isLoading (a disabled v5 query stays pending)',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects({ orgId }: { orgId?: string }) {
  const { data } = useQuery({ queryKey: ['projects', orgId], queryFn: fetchProjects, enabled: Boolean(orgId) });
  return <List items={data} />;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'useQuery', states: BOTH, fix: '`isLoading` (a loading indicator) and `error` (a message with a way to retry)' }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isLoading` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects({ orgId }: { orgId?: string }) {
  const { data, isLoading, error } = useQuery({ queryKey: ['projects', orgId], queryFn: fetchProjects, enabled: Boolean(orgId) });
  return <List items={data} />;
}
` }] }],
      },
      {
        name: 'SWR immutable: no states',
        filename: TSX,
        code: `
import useSWRImmutable from 'swr/immutable';
export function Plans() {
  const plans = useSWRImmutable('/api/plans', fetcher);
  return <PlanGrid plans={plans.data} />;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 17, data: { hook: 'useSWRImmutable', states: BOTH, fix: '`isLoading` (a loading indicator) and `error` (a message with a way to retry)' } }],
      },
      {
        name: 'react-query (v3 package name): isLoading suggested',
        filename: TSX,
        code: `
import { useQuery } from 'react-query';
export function Projects() {
  const { data } = useQuery('projects', fetchProjects);
  return <List items={data} />;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'useQuery', states: BOTH, fix: '`isLoading` (a loading indicator) and `error` (a message with a way to retry)' }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isLoading` and `error`' }, output: `
import { useQuery } from 'react-query';
export function Projects() {
  const { data, isLoading, error } = useQuery('projects', fetchProjects);
  return <List items={data} />;
}
` }] }],
      },
      {
        name: 'the suggestion skips a name already bound in the component',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects({ error }: { error?: string }) {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <List items={data} note={error} />;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'useQuery', states: BOTH, fix: FIX_V5_BOTH }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects({ error }: { error?: string }) {
  const { data, isPending } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <List items={data} note={error} />;
}
` }] }],
      },
      {
        name: 'strict: list with no empty state, data! assertion, on an unhandled result',
        filename: TSX,
        options: STRICT,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (isPending) return <Spinner />;
  return <ul>{data!.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 31, data: { hook: 'useQuery', states: 'error state', fix: FIX_ERROR }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (isPending) return <Spinner />;
  return <ul>{data!.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
` }] },
          { messageId: 'assumesSuccess', line: 6, column: 15, data: { hook: 'useQuery', text: 'data!' } },
          { messageId: 'noEmptyState', line: 6, column: 21, data: { hook: 'useQuery' } },
        ],
      },
      {
        name: 'strict: `data as Project[]` assumes success',
        filename: TSX,
        options: STRICT,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const query = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  const projects = query.data as Project[];
  return <Count value={projects.length} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 17, data: { hook: 'useQuery', states: BOTH, fix: FIX_V5_BOTH } },
          { messageId: 'assumesSuccess', line: 5, column: 20, data: { hook: 'useQuery', text: 'query.data as Project[]' } },
        ],
      },
      {
        name: 'strict: handled states but a list with no empty state',
        filename: TSX,
        options: STRICT,
        code: `
import useSWR from 'swr';
export function Team() {
  const { data, error, isLoading } = useSWR('/api/team', fetcher);
  if (error) return <ErrorState />;
  if (isLoading) return <Spinner />;
  return <ul>{data.members.map((m) => <li key={m.id}>{m.name}</li>)}</ul>;
}
`,
        errors: [{ messageId: 'noEmptyState', line: 7, column: 28, data: { hook: 'useSWR' } }],
      },
      {
        name: 'strict: TanStack mutation with no pending guard and no error',
        filename: TSX,
        options: STRICT,
        code: `
import { useMutation } from '@tanstack/react-query';
export function Save() {
  const save = useMutation({ mutationFn: saveSettings });
  return <button onClick={() => save.mutate()}>Save</button>;
}
`,
        errors: [
          { messageId: 'mutationPending', line: 4, column: 16, data: { hook: 'useMutation', field: '`isPending`' } },
          { messageId: 'mutationError', line: 4, column: 16, data: { hook: 'useMutation', field: '`error`' } },
        ],
      },
      {
        name: 'strict: Apollo mutation tuple with onError handled but no loading guard',
        filename: TSX,
        options: STRICT,
        code: `
import { useMutation } from '@apollo/client/react';
export function Invite() {
  const [invite] = useMutation(INVITE, { onError: (error) => toast.error(error.message) });
  return <button onClick={() => invite()}>Invite</button>;
}
`,
        errors: [{ messageId: 'mutationPending', line: 4, column: 20, data: { hook: 'useMutation', field: '`loading`' } }],
      },
      {
        name: 'strict: RTK Query generated mutation: pending read, error never',
        filename: TSX,
        options: STRICT,
        code: `
import { useAddPostMutation } from '@/store/api';
export function AddPost() {
  const [addPost, { isLoading }] = useAddPostMutation();
  return <button disabled={isLoading} onClick={() => addPost(draft)}>Add</button>;
}
`,
        errors: [{ messageId: 'mutationError', line: 4, column: 36, data: { hook: 'useAddPostMutation', field: '`error`' } }],
      },
    ],
  });
});

describe('TypeScript with type information', () => {
  typedTester().run('require-query-states', rule, {
    valid: [
      {
        name: 'real TanStack types: states handled',
        filename: TYPED_TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: async () => ['a'] });
  if (isPending) return <p>Loading…</p>;
  if (error) return <p>{error.message}</p>;
  return <ul>{data.map((name) => <li key={name}>{name}</li>)}</ul>;
}
`,
      },
      {
        name: 'imported custom hook built on useSuspenseQuery: Suspense takes both states',
        filename: TYPED_TSX,
        code: `
import { useProjectsSuspense } from './query-hooks/queries';
export function Projects() {
  const { data } = useProjectsSuspense();
  return <ul>{data.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
`,
      },
      {
        name: 'imported custom hook with states handled',
        filename: TYPED_TSX,
        code: `
import { useProjects } from './query-hooks/queries';
export function Projects() {
  const projects = useProjects();
  if (projects.isPending) return <p>Loading…</p>;
  if (projects.isError) return <p>Could not load projects.</p>;
  return <ul>{projects.data.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
`,
      },
      {
        name: "a hook returning the app's own result-like type is not a library query",
        filename: TYPED_TSX,
        code: `
import { useFeatureFlags } from './query-hooks/queries';
export function Flags() {
  const { data } = useFeatureFlags();
  return <ul>{data.map((flag) => <li key={flag}>{flag}</li>)}</ul>;
}
`,
      },
      {
        name: 'a generated-looking name whose type is not a query result',
        filename: TYPED_TSX,
        code: `
import { useSearchQuery } from './query-hooks/queries';
export function Search() {
  const { data } = useSearchQuery();
  return <p>{data}</p>;
}
`,
      },
    ],
    invalid: [
      {
        name: 'real TanStack types: no states',
        filename: TYPED_TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: async () => ['a'] });
  return <ul>{data?.map((name) => <li key={name}>{name}</li>)}</ul>;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'useQuery', states: BOTH, fix: FIX_V5_BOTH }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: async () => ['a'] });
  return <ul>{data?.map((name) => <li key={name}>{name}</li>)}</ul>;
}
` }] }],
      },
      {
        name: 'imported custom TanStack hook recognised by its result type',
        filename: TYPED_TSX,
        code: `
import { useProjects } from './query-hooks/queries';
export function Projects() {
  const { data } = useProjects();
  return <ul>{data?.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'useProjects', states: BOTH, fix: FIX_V5_BOTH }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useProjects } from './query-hooks/queries';
export function Projects() {
  const { data, isPending, error } = useProjects();
  return <ul>{data?.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
` }] }],
      },
      {
        name: 'imported custom hook with initialData: loading cannot occur, only the error is demanded',
        filename: TYPED_TSX,
        code: `
import { useProjectsWithSeed } from './query-hooks/queries';
export function Projects() {
  const { data } = useProjectsWithSeed();
  return <ul>{data.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 20, data: { hook: 'useProjectsWithSeed', states: 'error state', fix: FIX_ERROR }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { useProjectsWithSeed } from './query-hooks/queries';
export function Projects() {
  const { data, error } = useProjectsWithSeed();
  return <ul>{data.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
` }] }],
      },
      {
        name: 'imported custom SWR hook recognised by its type',
        filename: TYPED_TSX,
        code: `
import { useCurrentUser } from './query-hooks/queries';
export function Greeting() {
  const user = useCurrentUser();
  return <p>Hello {user.data?.name}</p>;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 16, data: { hook: 'useCurrentUser', states: BOTH, fix: '`isLoading` (a loading indicator) and `error` (a message with a way to retry)' } }],
      },
      {
        name: 'imported custom Apollo hook recognised by its type',
        filename: TYPED_TSX,
        code: `
import { useMe } from './query-hooks/queries';
export function Greeting() {
  const { data, loading } = useMe();
  if (loading) return <p>Loading…</p>;
  return <p>Hello {data?.me.name}</p>;
}
`,
        errors: [{ messageId: 'missingStates', line: 4, column: 29, data: { hook: 'useMe', states: 'error state', fix: FIX_ERROR }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { useMe } from './query-hooks/queries';
export function Greeting() {
  const { data, loading, error } = useMe();
  if (loading) return <p>Loading…</p>;
  return <p>Hello {data?.me.name}</p>;
}
` }] }],
      },
      {
        name: 'real SWR types: `if (!data)` spinner without an error check',
        filename: TYPED_TSX,
        code: `
import useSWR from 'swr';
export function Greeting() {
  const { data } = useSWR<{ name: string }>('/api/me');
  if (!data) return <p>Loading…</p>;
  return <p>Hello {data.name}</p>;
}
`,
        errors: [{ messageId: 'errorAsLoading', line: 5, column: 7, data: { hook: 'useSWR', test: '!data', errorField: '`error`' }, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import useSWR from 'swr';
export function Greeting() {
  const { data, error } = useSWR<{ name: string }>('/api/me');
  if (!data) return <p>Loading…</p>;
  return <p>Hello {data.name}</p>;
}
` }] }],
      },
    ],
  });
});

describe('cost on files without a signal', () => {
  const probe = costProbe('require-query-states', rule);
  const { linted } = probe;
  const lint = (code: string, typed: boolean): Linter.LintMessage[] => probe.lint(code, { filename: 'react.tsx', typed });

  it('computes no per-file facts for a file without a hook call, even with type information', () => {
    const messages = lint(`export function Price({ cents }: { cents: number }) { return <span>{(cents / 100).toFixed(2)}</span>; }`, true);
    expect(messages).toEqual([]);
    expect(peekFileFacts(linted())).toBeUndefined();
  });

  it('computes no per-file facts for React-only hooks without type information', () => {
    const messages = lint(`import { useState } from 'react';\nexport function Counter() { const [n, setN] = useState(0); return <button onClick={() => setN(n + 1)}>{n}</button>; }`, false);
    expect(messages).toEqual([]);
    expect(peekFileFacts(linted())).toBeUndefined();
  });

  it('never asks the type checker when every hook is React’s or a recognised library’s', () => {
    const messages = lint(
      `import { useState } from 'react';\nimport { useQuery } from '@tanstack/react-query';\nexport function Projects() {\n  const [page] = useState(1);\n  const { data, isPending, error } = useQuery({ queryKey: ['p', page], queryFn: async () => [page] });\n  if (isPending) return <p>Loading</p>;\n  if (error) return <p>Failed</p>;\n  return <p>{data.length}</p>;\n}`,
      true,
    );
    expect(messages).toEqual([]);
    expect(peekFileFacts(linted())?.typesRequested).toBe(false);
  });
});

describe('cost with type information: the checker only for usages it could make reportable', () => {
  const linter = new Linter({ cwd: TYPED_ROOT });
  interface TypedContext {
    sourceCode: { ast: TSESTree.Program; parserServices?: { program?: { getTypeChecker(): { getTypeAtLocation(node: unknown): unknown } } | null } };
  }
  const seen: { program?: TSESTree.Program; asked?: MockInstance } = {};
  // Created before the rule (first in `rules`): it spies on the file's type checker before any of
  // the rule's listeners can ask it anything.
  const probe = {
    rules: {
      checker: {
        meta: { type: 'problem', schema: [], messages: {} },
        create(context: TypedContext) {
          seen.program = context.sourceCode.ast;
          const checker = context.sourceCode.parserServices?.program?.getTypeChecker();
          if (checker) seen.asked = vi.spyOn(checker, 'getTypeAtLocation');
          return {};
        },
      },
    },
  };

  /** Lints with type information; `asked` counts the checker's `getTypeAtLocation` calls while the rule runs. */
  function lint(code: string, options: Options[0] = {}): { messages: Linter.LintMessage[]; asked: number; typesRequested: boolean | undefined } {
    Object.assign(seen, { program: undefined, asked: undefined });
    try {
      const messages = linter.verify(
        code,
        {
          files: ['**/*.tsx'],
          languageOptions: {
            parser: tsParser,
            parserOptions: { projectService: { allowDefaultProject: ['*.tsx'], defaultProject: 'tsconfig.json' }, tsconfigRootDir: TYPED_ROOT },
          },
          plugins: {
            probe: probe as unknown as NonNullable<Linter.Config['plugins']>[string],
            'production-ready': { rules: { 'require-query-states': rule } } as unknown as NonNullable<Linter.Config['plugins']>[string],
          },
          rules: { 'probe/checker': 'error', 'production-ready/require-query-states': ['error', options] },
        },
        { filename: TYPED_TSX },
      );
      if (!seen.program || !seen.asked) throw new Error('the probe did not see a typed program');
      return { messages, asked: seen.asked.mock.calls.length, typesRequested: peekFileFacts(seen.program)?.typesRequested };
    } finally {
      seen.asked?.mockRestore();
    }
  }

  const silent: { name: string; code: string }[] = [
    {
      name: 'a typed custom hook whose loading and error states are destructured and rendered',
      code: `
import { useProjects } from './query-hooks/queries';
export function Projects() {
  const { data, isPending, error } = useProjects();
  if (isPending) return <p>Loading…</p>;
  if (error) return <p>{error.message}</p>;
  return <ul>{data.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
`,
    },
    {
      name: 'a typed custom hook kept whole, its states read before its data (also inside useMemo)',
      code: `
import { useMemo } from 'react';
import { useProjects } from './query-hooks/queries';
export function Projects() {
  const query = useProjects();
  const names = useMemo(() => (query.data ?? []).map((project) => project.name), [query.data]);
  if (query.isPending) return <p>Loading…</p>;
  if (query.isError) return <p>Could not load projects: {String(query.error)}</p>;
  return <p>{names.join(', ')}</p>;
}
`,
    },
    {
      name: 'a typed custom hook whose result is passed whole to a child',
      code: `
import { useProjects } from './query-hooks/queries';
import { ProjectList } from './project-list';
export function Projects() {
  const projects = useProjects();
  return <ProjectList projects={projects} />;
}
`,
    },
    {
      name: 'a typed custom hook whose result is unused or only refetched',
      code: `
import { useProjects, useCurrentUser } from './query-hooks/queries';
export function Refresh() {
  useCurrentUser();
  const projects = useProjects();
  return <button onClick={() => projects.refetch()}>Refresh</button>;
}
`,
    },
    {
      name: 'a generated-looking hook name whose result is passed whole',
      code: `
import { useSearchQuery } from './query-hooks/queries';
import { SearchBox } from './search-box';
export function Search() {
  const search = useSearchQuery();
  return <SearchBox search={search} />;
}
`,
    },
  ];

  for (const { name, code } of silent) {
    it(`never asks the type checker for ${name}`, () => {
      const { messages, asked, typesRequested } = lint(code);
      expect(messages).toEqual([]);
      expect(asked).toBe(0);
      expect(typesRequested).toBe(false);
    });
  }

  it('asks the type checker once, for the one call whose usage would be reported', () => {
    const { messages, asked } = lint(`
import { useCurrentUser, useProjects } from './query-hooks/queries';
export function Dashboard() {
  const { data: projects, isPending, error } = useProjects();
  const { data: user } = useCurrentUser();
  if (isPending) return <p>Loading…</p>;
  if (error) return <p>{error.message}</p>;
  return <p>{user?.name}: {projects.length} projects</p>;
}
`);
    expect(asked).toBe(1);
    expect(messages.map((message) => [message.messageId, message.line, message.column])).toEqual([['missingStates', 5, 26]]);
  });

  it('still asks for a list without an empty state when requireEmptyState is on', () => {
    const code = `
import { useProjects } from './query-hooks/queries';
export function Projects() {
  const { data, isPending, error } = useProjects();
  if (isPending) return <p>Loading…</p>;
  if (error) return <p>{error.message}</p>;
  return <ul>{data.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
`;
    expect(lint(code).asked).toBe(0);
    const strict = lint(code, { requireEmptyState: true });
    expect(strict.asked).toBe(1);
    expect(strict.messages.map((message) => [message.messageId, message.line, message.column])).toEqual([['noEmptyState', 7, 20]]);
  });
});

describe('TanStack Query version from the project', () => {
  it('reads the major version from a dependency range', () => {
    expect(majorOf('^4.36.1')).toBe(4);
    expect(majorOf('~5.0.0')).toBe(5);
    expect(majorOf('>=4 <6')).toBe(4);
    expect(majorOf('5.x')).toBe(5);
    expect(majorOf('latest')).toBeNull();
    expect(majorOf('workspace:*')).toBeNull();
  });
});
