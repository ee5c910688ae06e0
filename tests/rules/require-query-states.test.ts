import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it, type MockInstance, vi } from 'vitest';

import { computedFileFacts, peekFileFacts } from '../../src/analysis/file-facts.js';
import rule, { type MessageIds, type Options } from '../../src/rules/require-query-states.js';
import { clearForeignHooks, foreignHookParses } from '../../src/rules/require-query-states/foreign-hooks.js';
import { APP_HOOK_IMPORT_TEXT } from '../../src/rules/require-query-states/hooks.js';
import { clearProjectQueries, projectScans } from '../../src/rules/require-query-states/project.js';
import { majorOf } from '../../src/rules/require-query-states/version.js';
import { costProbe } from '../cost-probe.js';
import { FIXTURES, TYPED_ROOT, javascriptTester, typedTester, typescriptTester } from '../testers.js';

const STRICT = [{ checkMutations: true, reportAssertions: true, requireEmptyState: true, requireErrorState: true, requireLoadingState: true }] as const;
/** The strict options that report queries without a visible failure in the component. */
const STATES = [{ requireErrorState: true, requireLoadingState: true }] as const;
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
      {
        name: 'plain JavaScript: a permission flag only decides whether a button shows (strict at most)',
        code: `
import useSWR from 'swr';
export function Toolbar() {
  const { data: permissions } = useSWR('/api/permissions', fetcher);
  return <div>{permissions?.canCreate && <button>New project</button>}</div>;
}
`,
      },
    ],
    invalid: [
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
        name: 'TanStack Query: a list rendered with no state read is blank while loading and on failure; the suggestion adds the fields',
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <ul>{data?.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
`,
        errors: [
          { messageId: 'blankOnError', line: 5, column: 15, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <ul>{data?.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
` }] },
        ],
      },
      {
        name: 'Apollo: whole result, loading read but not the error: `result.data.viewer` throws when the request fails',
        code: `
import { useQuery } from '@apollo/client';
const Dashboard = () => {
  const result = useQuery(DASHBOARD);
  if (result.loading) return <Spinner />;
  return <h1>{result.data.viewer.name}</h1>;
};
`,
        errors: [
          { messageId: 'crashes', line: 6, column: 15 },
        ],
      },
      {
        name: 'tRPC in JavaScript: a list with no states',
        code: `
import { trpc } from '../utils/trpc';
export function Posts() {
  const posts = trpc.post.list.useQuery();
  return <ul>{posts.data?.map((p) => <li key={p.id}>{p.title}</li>)}</ul>;
}
`,
        errors: [
          { messageId: 'blankOnError', line: 5, column: 15 },
        ],
      },
      {
        name: 'SWR in JavaScript: the empty state is what a failed request shows',
        code: `
import useSWR from 'swr';
export function Invoices() {
  const { data, isLoading } = useSWR('/api/invoices', fetcher);
  if (isLoading) return <Spinner />;
  if (!data?.length) return <p>No invoices yet</p>;
  return <ul>{data.map((invoice) => <li key={invoice.id}>{invoice.number}</li>)}</ul>;
}
`,
        errors: [
          { messageId: 'emptyOnError', line: 6, column: 7, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import useSWR from 'swr';
export function Invoices() {
  const { data, isLoading, error } = useSWR('/api/invoices', fetcher);
  if (isLoading) return <Spinner />;
  if (!data?.length) return <p>No invoices yet</p>;
  return <ul>{data.map((invoice) => <li key={invoice.id}>{invoice.number}</li>)}</ul>;
}
` }] },
        ],
      },
      {
        name: 'strict in JavaScript: urql mutation triggered with no fetching guard and no error',
        options: STRICT,
        code: `
import { useMutation } from 'urql';
export function Reply({ id }) {
  const [, reply] = useMutation(CREATE_COMMENT);
  return <button onClick={() => reply({ id })}>Reply</button>;
}
`,
        errors: [
          { messageId: 'mutationPending', line: 4, column: 21, data: { hook: 'useMutation', field: '`fetching`' } },
          { messageId: 'mutationError', line: 4, column: 21, data: { hook: 'useMutation', field: '`error`' } },
        ],
      },
    ],
  });
});

describe('TypeScript without type information', () => {
  typescriptTester().run('require-query-states', rule, {
    valid: [
      {
        name: 'an empty state inside a section hidden while the data is missing (`archived` is a const of the items) is never shown for a failed request',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Invoices() {
  const { data, isLoading } = useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  const invoices = data ?? [];
  const archived = invoices.some((invoice) => invoice.archived);
  if (isLoading) return <Spinner />;
  return <div>{(invoices.length > 0 || archived) && <section>{invoices.length === 0 ? <p>No invoices yet</p> : <p>{invoices.length} invoices</p>}</section>}</div>;
}
`,
      },
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
        name: 'requireErrorState: a query returned by a function nested in a hook is not the hook\'s own result',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
function useInvoices() {
  const load = () => {
    return useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  };
  return { load };
}
export default function InvoicesPage() {
  const { data } = useInvoices();
  return <Table rows={data} />;
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
      {
        name: 'a dereference guarded by the data or by a derived test does not throw',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Attachments() {
  const { data: items, isLoading } = useQuery({ queryKey: ['attachments'], queryFn: fetchAttachments });
  const hasResults = items && items.length > 0;
  if (isLoading) return <Spinner />;
  return <div>{hasResults ? items.map((item) => <Row key={item.id} item={item} />) : null}</div>;
}
`,
      },
      {
        name: 'TanStack: loading-only (the error is read) is strict, not recommended',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (error) return <ErrorState error={error} />;
  return <ul>{data?.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
`,
      },
      {
        name: 'tRPC: loading-only (isError read) is strict, not recommended',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function Posts() {
  const posts = api.post.all.useQuery();
  if (posts.isError) return <ErrorState />;
  return <ul>{posts.data?.map((p) => <li key={p.id}>{p.title}</li>)}</ul>;
}
`,
      },
      {
        name: 'SWR: loading-only (error read) is strict, not recommended',
        filename: TSX,
        code: `
import useSWR from 'swr';
export function Team() {
  const { data, error } = useSWR('/api/team', fetcher);
  if (error) return <ErrorState />;
  return <ul>{data?.members.map((m) => <li key={m.id}>{m.name}</li>)}</ul>;
}
`,
      },
      {
        name: 'a custom hook returning the data with its error and loading: checked at the caller',
        filename: TSX,
        code: `
import useSWR from 'swr';
export function useDataroomGroups(id: string) {
  const { data, error } = useSWR<Group[]>(\`/api/datarooms/\${id}/groups\`, fetcher);
  return { groups: data ?? [], loading: !data && !error, error };
}
`,
      },
      {
        name: 'TanStack: a custom hook returning `isPending` and `error` with the data',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export const useInvoices = () => {
  const { data, isPending, error } = useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  return { invoices: data ?? [], isPending, error };
};
`,
      },
      {
        name: 'TanStack: permission flags in boolean positions (`&&`, `?? false`, `if (!flag) return null`)',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function ProjectActions() {
  const { data: permissions } = useQuery({ queryKey: ['permissions'], queryFn: fetchPermissions });
  const canDelete = permissions?.project.delete ?? false;
  if (!permissions?.project.read) return null;
  return <div>{permissions?.project.create && <CreateButton />}{canDelete && <DeleteButton />}</div>;
}
`,
      },
      {
        name: 'tRPC: a feature flag and a role comparison only choose what to show',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function Monitoring({ id }: { id: string }) {
  const { data: isCloud } = api.settings.isCloud.useQuery();
  const { data: member } = api.user.get.useQuery();
  return <div>{isCloud ? <CloudMonitoring id={id} /> : <FreeMonitoring id={id} />}{member?.role === 'owner' && <ManageRoles />}</div>;
}
`,
      },
      {
        name: 'SWR: a plan flag only locks a feature',
        filename: TSX,
        code: `
import useSWR from 'swr';
export function Integrations() {
  const { data: plan } = useSWR('/api/plan', fetcher);
  const locked = !(plan?.limits.integrations ?? false);
  return <IntegrationList locked={locked} />;
}
`,
      },
      {
        name: 'data used only as form defaults (`useForm({ defaultValues })`, `form.reset(data)` in an effect)',
        filename: TSX,
        code: `
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '~/trpc/react';
export function UpdateCompose({ id }: { id: string }) {
  const { data } = api.compose.one.useQuery({ id });
  const form = useForm({ defaultValues: { name: data?.name ?? '', description: data?.description ?? '' } });
  useEffect(() => { if (data) form.reset({ name: data.name, description: data.description ?? '' }); }, [data, form]);
  return <form onSubmit={form.handleSubmit(save)}><input {...form.register('name')} /></form>;
}
`,
      },
      {
        name: 'data used only in another query\'s `enabled`, a callback and a validation',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const user = useQuery({ queryKey: ['me'], queryFn: fetchMe });
  const projects = useQuery({ queryKey: ['projects'], queryFn: fetchProjects, enabled: !!user.data, throwOnError: true });
  const schema = z.string().refine((name) => !user.data?.reservedNames.includes(name));
  return <ProjectForm schema={schema} onSubmit={(values) => create(user.data?.id, values)} projects={projects.data} />;
}
`,
      },
      {
        name: 'auxiliary display: a count in a badge, a per-row cell with `?? "-"`, a label with a fallback',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Sidebar() {
  const { data: unread } = useQuery({ queryKey: ['unread'], queryFn: fetchUnread });
  const { data: stats } = useQuery({ queryKey: ['stats'], queryFn: fetchStats });
  return (
    <nav>
      <a href="/inbox">Inbox <Badge>{unread?.count ?? 0}</Badge></a>
      <span title={stats?.label ?? 'Usage'}>{stats?.size ?? '-'}</span>
    </nav>
  );
}
`,
      },
      {
        name: 'a picker\'s options (`<SelectItem>`, `options=`, a command list\'s empty line) are auxiliary',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function ProjectForm() {
  const { data: tags } = api.tag.all.useQuery();
  const { data: servers } = api.server.all.useQuery();
  const { data: customers } = api.customers.get.useQuery();
  return (
    <form>
      <Select>
        <SelectContent>{tags?.map((tag) => <SelectItem key={tag.id} value={tag.id}>{tag.name}</SelectItem>)}</SelectContent>
      </Select>
      <ServerPicker options={servers?.map((server) => ({ value: server.id, label: server.name })) ?? []} />
      <Command>
        <CommandList>
          {!customers?.length && <CommandEmpty>No customers found</CommandEmpty>}
          {customers?.map((customer) => <CommandItem key={customer.id}>{customer.name}</CommandItem>)}
        </CommandList>
      </Command>
    </form>
  );
}
`,
      },
      {
        name: 'TanStack: after the loading check, `if (!data)` renders a not-found page: the failure is shown',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Environment({ id }: { id: string }) {
  const { data, isPending } = useQuery({ queryKey: ['environment', id], queryFn: () => fetchEnvironment(id) });
  if (isPending) return <Spinner />;
  if (!data) return <NotFound>Environment not found</NotFound>;
  return <EnvironmentView environment={data} />;
}
`,
      },
      {
        name: 'tRPC: `!nodes` renders "Failed to load data": the failure is shown',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function MonitoringCard() {
  const { data: nodes, isPending } = api.swarm.getNodes.useQuery();
  if (isPending) return <Spinner />;
  if (!nodes) return <div className="text-destructive">Failed to load data</div>;
  return <NodeGrid nodes={nodes} />;
}
`,
      },
      {
        name: 'SWR: `if (!data) notFound()` and a redirect: the failure is shown',
        filename: TSX,
        code: `
import useSWR from 'swr';
import { notFound } from 'next/navigation';
export function Token({ token }: { token: string }) {
  const { data } = useSWR(\`/api/tokens/\${token}\`, fetcher);
  if (!data) {
    notFound();
  }
  return <TokenView token={data} />;
}
`,
      },
      {
        name: 'a widget that renders nothing while its data is absent (`if (!data) return null`) is strict at most',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function ChatHistory() {
  const { data } = useQuery({ queryKey: ['sessions'], queryFn: fetchSessions });
  const sessions = data ?? [];
  if (sessions.length === 0) return null;
  return <ul>{sessions.map((session) => <li key={session.id}>{session.title}</li>)}</ul>;
}
`,
      },
      {
        name: '`data?.length === 0 ? <Empty />`: absent data does not take the empty branch, and the other branch is no list',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function Backups() {
  const { data } = api.destination.all.useQuery();
  return <div>{data?.length === 0 ? <EmptyState>Set up a destination first</EmptyState> : <BackupTable />}</div>;
}
`,
      },
      {
        name: 'a query-level `onError` that shows the error, and a `meta` error message for the app-wide handler',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects, onError: (error: Error) => toast.error(error.message) });
  const { data: tags } = useQuery({ queryKey: ['tags'], queryFn: fetchTags, meta: { errorMessage: 'Could not load tags' } });
  if (!data?.length) return <p>No projects yet</p>;
  return <div><ProjectTable rows={data} /><ul>{tags?.map((tag) => <li key={tag}>{tag}</li>)}</ul></div>;
}
`,
      },
      {
        name: 'a spinner inside a button is a pending action, not the data\'s loading',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function PatchActions({ file }: { file: string }) {
  const { data: patches } = api.patch.byEntityId.useQuery({ file });
  const patch = patches?.find((p) => p.filePath === file);
  return <div>{patch ? <Button>Unmark</Button> : <Button disabled={saving}>{saving && <Loader2 className="animate-spin" />}Mark deleted</Button>}</div>;
}
`,
      },
      {
        name: 'the "add one" button shown instead of an empty `<Select>` or combobox is the picker\'s empty state (strict at most)',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function SelectCustomer() {
  const { data: customers } = api.customers.get.useQuery();
  if (!customers?.length) return <Button onClick={createCustomer}>Select customer</Button>;
  return (
    <Popover>
      <PopoverContent>
        <Command>{customers.map((customer) => <CommandItem key={customer.id}>{customer.name}</CommandItem>)}</Command>
      </PopoverContent>
    </Popover>
  );
}
export function SshKeyField() {
  const { data: sshKeys } = api.sshKey.all.useQuery();
  return <div>{sshKeys && sshKeys.length > 0 ? <FormField name="sshKey" render={() => <Select />} /> : <Button>Add SSH Key</Button>}</div>;
}
`,
      },
      {
        name: 'a button label chosen by a count is not an empty state',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function NetworkPicker({ selected }: { selected: string[] }) {
  const { data: networks } = api.network.all.useQuery();
  const chosen = (networks ?? []).filter((network) => selected.includes(network.id));
  return <Button>{chosen.length > 0 ? \`\${chosen.length} selected\` : 'Select networks...'}</Button>;
}
`,
      },
      {
        name: 'requireErrorState: a custom hook returning the error and loading stays silent',
        filename: TSX,
        options: STATES,
        code: `
import useSWR from 'swr';
export function useDataroomGroups(id: string) {
  const { data, error } = useSWR<Group[]>(\`/api/datarooms/\${id}/groups\`, fetcher);
  return { groups: data ?? [], loading: !data && !error, error };
}
`,
      },
      {
        name: 'requireErrorState: form defaults and `enabled` never render',
        filename: TSX,
        options: STATES,
        code: `
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '~/trpc/react';
export function UpdateCompose({ id }: { id: string }) {
  const { data } = api.compose.one.useQuery({ id });
  const { data: me } = api.user.me.useQuery();
  api.environment.list.useQuery({ id }, { enabled: !!me });
  const form = useForm({ defaultValues: { name: data?.name ?? '' } });
  useEffect(() => { if (data) form.reset({ name: data.name }); }, [data, form]);
  return <form onSubmit={form.handleSubmit(save)}><input {...form.register('name')} /></form>;
}
`,
      },
      {
        name: 'requireErrorState: an `if (!data)` branch rendering a not-found page',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Environment({ id }: { id: string }) {
  const { data, isPending } = useQuery({ queryKey: ['environment', id], queryFn: () => fetchEnvironment(id) });
  if (isPending) return <Spinner />;
  if (!data) return <NotFound>Environment not found</NotFound>;
  return <EnvironmentView environment={data} />;
}
`,
      },
    ],
    invalid: [
      {
        name: 'an empty state inside a condition that holds when the request fails (`!isLoading &&`) is still shown for it',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Invoices() {
  const { data, isLoading } = useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  const invoices = data ?? [];
  return <div>{!isLoading && <section>{invoices.length === 0 ? <p>No invoices yet</p> : <p>{invoices.length} invoices</p>}</section>}</div>;
}
`,
        errors: [
          {
            messageId: 'emptyOnError',
            line: 6,
            column: 40,
            suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Invoices() {
  const { data, isLoading, error } = useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  const invoices = data ?? [];
  return <div>{!isLoading && <section>{invoices.length === 0 ? <p>No invoices yet</p> : <p>{invoices.length} invoices</p>}</section>}</div>;
}
` }],
          },
        ],
      },
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
        name: 'TanStack: `query.data?.items.map` with no state read: a blank list',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export const Projects = () => {
  const query = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <ul>{query.data?.items.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
};
`,
        errors: [
          { messageId: 'blankOnError', line: 5, column: 15 },
        ],
      },
      {
        name: 'TanStack: useInfiniteQuery pages read after the loading check: `data.pages` throws when the request fails',
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
          { messageId: 'crashes', line: 6, column: 16, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { useInfiniteQuery } from '@tanstack/react-query';
export function Feed() {
  const { data, isPending, fetchNextPage, error } = useInfiniteQuery({ queryKey: ['feed'], queryFn: fetchPage, initialPageParam: 0, getNextPageParam: (last) => last.next });
  if (isPending) return <Spinner />;
  return <div>{data.pages.flatMap((page) => page.items).map((item) => <Post key={item.id} post={item} />)}<button onClick={() => fetchNextPage()}>More</button></div>;
}
` }] },
        ],
      },
      {
        name: 'TanStack: `data!.items` throws while loading and on failure',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <ProjectGrid projects={data!.items} />;
}
`,
        errors: [
          { messageId: 'crashes', line: 5, column: 33, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <ProjectGrid projects={data!.items} />;
}
` }] },
        ],
      },
      {
        name: 'TanStack: destructuring the data (`const { items } = data`) throws while it is undefined',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (error) return <ErrorState />;
  const { items } = data;
  return <ProjectGrid projects={items} />;
}
`,
        errors: [
          { messageId: 'crashes', line: 6, column: 9, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, error, isPending } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (error) return <ErrorState />;
  const { items } = data;
  return <ProjectGrid projects={items} />;
}
` }] },
        ],
      },
      {
        name: 'SWR: isLoading read, error never: `data.members` throws when the request fails',
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
          { messageId: 'crashes', line: 6, column: 25, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import useSWR from 'swr';
export function Team() {
  const { data, isLoading, error } = useSWR('/api/team', fetcher);
  if (isLoading) return <Spinner />;
  return <Members list={data.members} />;
}
` }] },
        ],
      },
      {
        name: 'tRPC: `trpc.greeting.useQuery()` destructured, loading read: `data.text` throws when the request fails',
        filename: TSX,
        code: `
import { trpc } from '../utils/trpc';
export function Greeting() {
  const { data, isLoading } = trpc.greeting.useQuery({ name: 'you' });
  if (isLoading) return <Spinner />;
  return <p>{data.text}</p>;
}
`,
        errors: [
          { messageId: 'crashes', line: 6, column: 14, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { trpc } from '../utils/trpc';
export function Greeting() {
  const { data, isLoading, error } = trpc.greeting.useQuery({ name: 'you' });
  if (isLoading) return <Spinner />;
  return <p>{data.text}</p>;
}
` }] },
        ],
      },
      {
        name: 'urql: fetching read, error never: `result.data.todos` throws when the request fails',
        filename: TSX,
        code: `
import { useQuery } from 'urql';
export function Todos() {
  const [result] = useQuery({ query: TODOS });
  if (result.fetching) return <Spinner />;
  return <List items={result.data.todos} />;
}
`,
        errors: [
          { messageId: 'crashes', line: 6, column: 23 },
        ],
      },
      {
        name: 'TanStack: after the loading check, `!data?.length` shows "No projects yet" when the request fails',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (isPending) return <Spinner />;
  if (!data?.length) return <EmptyState title="No projects yet" />;
  return <ProjectTable rows={data} />;
}
`,
        errors: [
          { messageId: 'emptyOnError', line: 6, column: 7, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (isPending) return <Spinner />;
  if (!data?.length) return <EmptyState title="No projects yet" />;
  return <ProjectTable rows={data} />;
}
` }] },
        ],
      },
      {
        name: 'tRPC: `data && data.length > 0 ? <List /> : <p>No ...</p>`: the empty state shows on failure',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function Schedules({ appId }: { appId: string }) {
  const { data: schedules, isLoading } = api.schedule.list.useQuery({ appId });
  return (
    <section>
      {isLoading ? (
        <Spinner />
      ) : schedules && schedules.length > 0 ? (
        <ScheduleTable schedules={schedules} />
      ) : (
        <p>No scheduled tasks</p>
      )}
    </section>
  );
}
`,
        errors: [
          { messageId: 'emptyOnError', line: 9, column: 11, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { api } from '~/trpc/react';
export function Schedules({ appId }: { appId: string }) {
  const { data: schedules, isLoading, error } = api.schedule.list.useQuery({ appId });
  return (
    <section>
      {isLoading ? (
        <Spinner />
      ) : schedules && schedules.length > 0 ? (
        <ScheduleTable schedules={schedules} />
      ) : (
        <p>No scheduled tasks</p>
      )}
    </section>
  );
}
` }] },
        ],
      },
      {
        name: 'SWR: `!webhooks || webhooks.length === 0` renders "No webhooks configured" when the request fails',
        filename: TSX,
        code: `
import useSWR from 'swr';
export function Webhooks() {
  const { data: webhooks } = useSWR<Webhook[]>('/api/webhooks', fetcher);
  return (
    <div>
      {!webhooks || webhooks.length === 0 ? (
        <EmptyState>No webhooks configured</EmptyState>
      ) : (
        <WebhookTable webhooks={webhooks} />
      )}
    </div>
  );
}
`,
        errors: [
          { messageId: 'emptyOnError', line: 7, column: 8, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import useSWR from 'swr';
export function Webhooks() {
  const { data: webhooks, error } = useSWR<Webhook[]>('/api/webhooks', fetcher);
  return (
    <div>
      {!webhooks || webhooks.length === 0 ? (
        <EmptyState>No webhooks configured</EmptyState>
      ) : (
        <WebhookTable webhooks={webhooks} />
      )}
    </div>
  );
}
` }] },
        ],
      },
      {
        name: 'an empty default followed through an alias and `useMemo`: the empty state shows on failure',
        filename: TSX,
        code: `
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
export function Services({ filter }: { filter: string }) {
  const { data: services, isLoading } = useQuery({ queryKey: ['services'], queryFn: fetchServices });
  const filtered = useMemo(() => {
    if (!services) return [];
    return services.filter((service) => service.name.includes(filter));
  }, [services, filter]);
  return (
    <div>
      {isLoading && <Spinner />}
      {!isLoading && filtered.length === 0 && <p>No services match the current filters.</p>}
      {filtered.length > 0 && <ServiceTable services={filtered} />}
    </div>
  );
}
`,
        errors: [
          { messageId: 'emptyOnError', line: 13, column: 8, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
export function Services({ filter }: { filter: string }) {
  const { data: services, isLoading, error } = useQuery({ queryKey: ['services'], queryFn: fetchServices });
  const filtered = useMemo(() => {
    if (!services) return [];
    return services.filter((service) => service.name.includes(filter));
  }, [services, filter]);
  return (
    <div>
      {isLoading && <Spinner />}
      {!isLoading && filtered.length === 0 && <p>No services match the current filters.</p>}
      {filtered.length > 0 && <ServiceTable services={filtered} />}
    </div>
  );
}
` }] },
        ],
      },
      {
        name: '`!data ? <p>No ... detected</p>`: an absent-data branch that says there is nothing',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function TraefikConfig({ appId }: { appId: string }) {
  const { data, isPending } = api.application.readTraefikConfig.useQuery({ appId });
  return (
    <div>
      {isPending ? <Spinner /> : !data ? <p>No traefik config detected</p> : <CodeEditor value={data} />}
    </div>
  );
}
`,
        errors: [
          { messageId: 'emptyOnError', line: 7, column: 34, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { api } from '~/trpc/react';
export function TraefikConfig({ appId }: { appId: string }) {
  const { data, isPending, error } = api.application.readTraefikConfig.useQuery({ appId });
  return (
    <div>
      {isPending ? <Spinner /> : !data ? <p>No traefik config detected</p> : <CodeEditor value={data} />}
    </div>
  );
}
` }] },
        ],
      },
      {
        name: 'tRPC: `data={data?.logs ?? []}` hands a table no rows when the request fails',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function AuditLogs() {
  const { data, isLoading } = api.auditLog.all.useQuery();
  return <DataTable columns={columns} data={data?.logs ?? []} isLoading={isLoading} />;
}
`,
        errors: [
          { messageId: 'defaultHidesStates', line: 5, column: 45, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { api } from '~/trpc/react';
export function AuditLogs() {
  const { data, isLoading, error } = api.auditLog.all.useQuery();
  return <DataTable columns={columns} data={data?.logs ?? []} isLoading={isLoading} />;
}
` }] },
        ],
      },
      {
        name: 'SWR: `useReactTable({ data: rows || [] })`: the table is empty when the request fails',
        filename: TSX,
        code: `
import useSWR from 'swr';
import { useReactTable, getCoreRowModel } from '@tanstack/react-table';
export function Visitors() {
  const { data: visitors, isLoading } = useSWR<Visitor[]>('/api/visitors', fetcher);
  const table = useReactTable({ data: visitors || [], columns, getCoreRowModel: getCoreRowModel() });
  if (isLoading) return <Skeleton />;
  return <VisitorTable table={table} />;
}
`,
        errors: [
          { messageId: 'defaultHidesStates', line: 6, column: 39, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import useSWR from 'swr';
import { useReactTable, getCoreRowModel } from '@tanstack/react-table';
export function Visitors() {
  const { data: visitors, isLoading, error } = useSWR<Visitor[]>('/api/visitors', fetcher);
  const table = useReactTable({ data: visitors || [], columns, getCoreRowModel: getCoreRowModel() });
  if (isLoading) return <Skeleton />;
  return <VisitorTable table={table} />;
}
` }] },
        ],
      },
      {
        name: '`data?.length === 0 ? <Empty /> : data?.map(...)`: on failure neither the empty state nor a row shows',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function Certificates() {
  const { data, isPending } = api.certificates.all.useQuery();
  if (isPending) return <Spinner />;
  return (
    <div>
      {data?.length === 0 ? (
        <EmptyState>No certificates</EmptyState>
      ) : (
        <ul>{data?.map((certificate) => <li key={certificate.id}>{certificate.name}</li>)}</ul>
      )}
    </div>
  );
}
`,
        errors: [
          { messageId: 'blankOnError', line: 11, column: 14, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { api } from '~/trpc/react';
export function Certificates() {
  const { data, isPending, error } = api.certificates.all.useQuery();
  if (isPending) return <Spinner />;
  return (
    <div>
      {data?.length === 0 ? (
        <EmptyState>No certificates</EmptyState>
      ) : (
        <ul>{data?.map((certificate) => <li key={certificate.id}>{certificate.name}</li>)}</ul>
      )}
    </div>
  );
}
` }] },
        ],
      },
      {
        name: 'SWR: a Switch shows `?? true` as the saved setting when the request fails',
        filename: TSX,
        code: `
import useSWR from 'swr';
export function BulkDownloadSettings({ roomId }: { roomId: string }) {
  const { data } = useSWR<{ allowBulkDownload: boolean }>(\`/api/rooms/\${roomId}\`, fetcher);
  return <Switch checked={data?.allowBulkDownload ?? true} onCheckedChange={(checked) => save(roomId, checked)} />;
}
`,
        errors: [
          { messageId: 'fallbackAsSaved', line: 5, column: 27, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import useSWR from 'swr';
export function BulkDownloadSettings({ roomId }: { roomId: string }) {
  const { data, error } = useSWR<{ allowBulkDownload: boolean }>(\`/api/rooms/\${roomId}\`, fetcher);
  return <Switch checked={data?.allowBulkDownload ?? true} onCheckedChange={(checked) => save(roomId, checked)} />;
}
` }] },
        ],
      },
      {
        name: 'tRPC: a radio group shows a default enum value as the saved setting (through a const)',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function PermissionSettings({ roomId }: { roomId: string }) {
  const { data } = api.room.settings.useQuery({ roomId });
  const strategy = data?.defaultPermissionStrategy ?? 'HIDDEN_BY_DEFAULT';
  return <RadioGroup value={strategy} onValueChange={(value) => update(roomId, value)} />;
}
`,
        errors: [
          { messageId: 'fallbackAsSaved', line: 5, column: 20, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { api } from '~/trpc/react';
export function PermissionSettings({ roomId }: { roomId: string }) {
  const { data, error } = api.room.settings.useQuery({ roomId });
  const strategy = data?.defaultPermissionStrategy ?? 'HIDDEN_BY_DEFAULT';
  return <RadioGroup value={strategy} onValueChange={(value) => update(roomId, value)} />;
}
` }] },
        ],
      },
      {
        name: 'TanStack: a checkbox shows `?? false` as the saved value',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function InternalToggle({ id }: { id: string }) {
  const { data } = useQuery({ queryKey: ['transaction', id], queryFn: () => fetchTransaction(id) });
  return <Checkbox checked={data?.internal ?? false} onCheckedChange={(checked) => update(id, checked)} />;
}
`,
        errors: [
          { messageId: 'fallbackAsSaved', line: 5, column: 29, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function InternalToggle({ id }: { id: string }) {
  const { data, error } = useQuery({ queryKey: ['transaction', id], queryFn: () => fetchTransaction(id) });
  return <Checkbox checked={data?.internal ?? false} onCheckedChange={(checked) => update(id, checked)} />;
}
` }] },
        ],
      },
      {
        name: 'tRPC: `if (isLoading || !data) return <Skeleton />` is an endless skeleton when the request fails',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function InboxDetails({ id }: { id: string }) {
  const { data, isLoading } = api.inbox.getById.useQuery({ id });
  if (isLoading || !data) {
    return (
      <div>
        <Skeleton className="h-6 w-32" />
        <Skeleton className="h-4 w-16" />
      </div>
    );
  }
  return <InboxItem item={data} />;
}
`,
        errors: [
          { messageId: 'errorAsLoading', line: 5, column: 7, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { api } from '~/trpc/react';
export function InboxDetails({ id }: { id: string }) {
  const { data, isLoading, error } = api.inbox.getById.useQuery({ id });
  if (isLoading || !data) {
    return (
      <div>
        <Skeleton className="h-6 w-32" />
        <Skeleton className="h-4 w-16" />
      </div>
    );
  }
  return <InboxItem item={data} />;
}
` }] },
        ],
      },
      {
        name: 'SWR: `webhooks === undefined ? <Loader />` spins forever when the request fails',
        filename: TSX,
        code: `
import useSWR from 'swr';
export function IncomingWebhooks() {
  const { data: webhooks } = useSWR<Webhook[]>('/api/incoming-webhooks', fetcher);
  return <div>{webhooks === undefined ? <Loader2 className="animate-spin" /> : <WebhookTable webhooks={webhooks} />}</div>;
}
`,
        errors: [
          { messageId: 'errorAsLoading', line: 5, column: 16, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import useSWR from 'swr';
export function IncomingWebhooks() {
  const { data: webhooks, error } = useSWR<Webhook[]>('/api/incoming-webhooks', fetcher);
  return <div>{webhooks === undefined ? <Loader2 className="animate-spin" /> : <WebhookTable webhooks={webhooks} />}</div>;
}
` }] },
        ],
      },
      {
        name: 'a "Loading..." title that never changes when the request fails',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function EditPatch({ id }: { id: string }) {
  const { data: patch } = api.patch.one.useQuery({ id });
  return <DialogTitle>{patch ? \`Editing: \${patch.filePath}\` : 'Loading patch...'}</DialogTitle>;
}
`,
        errors: [
          { messageId: 'errorAsLoading', line: 5, column: 24, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { api } from '~/trpc/react';
export function EditPatch({ id }: { id: string }) {
  const { data: patch, error } = api.patch.one.useQuery({ id });
  return <DialogTitle>{patch ? \`Editing: \${patch.filePath}\` : 'Loading patch...'}</DialogTitle>;
}
` }] },
        ],
      },
      {
        name: 'one report per hook call: the crash is reported, not also the empty state',
        filename: TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  const first = data.items[0];
  if (!data?.items.length) return <p>No projects yet</p>;
  return <ProjectCard project={first} />;
}
`,
        errors: [
          { messageId: 'crashes', line: 5, column: 17, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  const first = data.items[0];
  if (!data?.items.length) return <p>No projects yet</p>;
  return <ProjectCard project={first} />;
}
` }] },
        ],
      },
      {
        name: 'SWR infinite: a list with no states',
        filename: TSX,
        code: `
import useSWRInfinite from 'swr/infinite';
export function Feed() {
  const { data } = useSWRInfinite(getKey, fetcher);
  return <div>{data?.flat().map((item) => <Post key={item.id} post={item} />)}</div>;
}
`,
        errors: [
          { messageId: 'blankOnError', line: 5, column: 16, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isLoading` and `error`' }, output: `
import useSWRInfinite from 'swr/infinite';
export function Feed() {
  const { data, isLoading, error } = useSWRInfinite(getKey, fetcher);
  return <div>{data?.flat().map((item) => <Post key={item.id} post={item} />)}</div>;
}
` }] },
        ],
      },
      {
        name: 'Apollo: useLazyQuery results rendered as a list without states',
        filename: TSX,
        code: `
import { useLazyQuery } from '@apollo/client';
export function Search() {
  const [search, { data }] = useLazyQuery(SEARCH);
  return <div><button onClick={() => search()}>Go</button>{data?.results.map((r) => <Row key={r.id} row={r} />)}</div>;
}
`,
        errors: [
          { messageId: 'blankOnError', line: 5, column: 60, suggestions: [{ messageId: 'addStateFields', data: { fields: '`loading` and `error`' }, output: `
import { useLazyQuery } from '@apollo/client';
export function Search() {
  const [search, { data, loading, error }] = useLazyQuery(SEARCH);
  return <div><button onClick={() => search()}>Go</button>{data?.results.map((r) => <Row key={r.id} row={r} />)}</div>;
}
` }] },
        ],
      },
      {
        name: 'tRPC: `api.post.all.useQuery()` rendered as a list with no states',
        filename: TSX,
        code: `
import { api } from '~/trpc/react';
export function Posts() {
  const posts = api.post.all.useQuery();
  return <ul>{posts.data?.map((p) => <li key={p.id}>{p.title}</li>)}</ul>;
}
`,
        errors: [
          { messageId: 'blankOnError', line: 5, column: 15 },
        ],
      },
      {
        name: 'requireLoadingState: TanStack, the error read but the loading never',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (error) return <ErrorState error={error} />;
  return <ul>{data?.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 27, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, error, isPending } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (error) return <ErrorState error={error} />;
  return <ul>{data?.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
` }] },
        ],
      },
      {
        name: 'requireLoadingState: tRPC, isError read but not isPending',
        filename: TSX,
        options: STATES,
        code: `
import { api } from '~/trpc/react';
export function Posts() {
  const posts = api.post.all.useQuery();
  if (posts.isError) return <ErrorState />;
  return <ul>{posts.data?.map((p) => <li key={p.id}>{p.title}</li>)}</ul>;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 17 },
        ],
      },
      {
        name: 'requireLoadingState: SWR, error read but not isLoading',
        filename: TSX,
        options: STATES,
        code: `
import useSWR from 'swr';
export function Team() {
  const { data, error } = useSWR('/api/team', fetcher);
  if (error) return <ErrorState />;
  return <ul>{data?.members.map((m) => <li key={m.id}>{m.name}</li>)}</ul>;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 27, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isLoading`' }, output: `
import useSWR from 'swr';
export function Team() {
  const { data, error, isLoading } = useSWR('/api/team', fetcher);
  if (error) return <ErrorState />;
  return <ul>{data?.members.map((m) => <li key={m.id}>{m.name}</li>)}</ul>;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: TanStack permission flags',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
export function ProjectActions() {
  const { data: permissions } = useQuery({ queryKey: ['permissions'], queryFn: fetchPermissions });
  return <div>{permissions?.project.create && <CreateButton />}</div>;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 33, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function ProjectActions() {
  const { data: permissions, isPending, error } = useQuery({ queryKey: ['permissions'], queryFn: fetchPermissions });
  return <div>{permissions?.project.create && <CreateButton />}</div>;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: tRPC feature flag and role',
        filename: TSX,
        options: STATES,
        code: `
import { api } from '~/trpc/react';
export function Monitoring({ id }: { id: string }) {
  const { data: isCloud } = api.settings.isCloud.useQuery();
  const { data: member } = api.user.get.useQuery();
  return <div>{isCloud ? <CloudMonitoring id={id} /> : <FreeMonitoring id={id} />}{member?.role === 'owner' && <ManageRoles />}</div>;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 29, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { api } from '~/trpc/react';
export function Monitoring({ id }: { id: string }) {
  const { data: isCloud, error } = api.settings.isCloud.useQuery();
  const { data: member } = api.user.get.useQuery();
  return <div>{isCloud ? <CloudMonitoring id={id} /> : <FreeMonitoring id={id} />}{member?.role === 'owner' && <ManageRoles />}</div>;
}
` }] },
          { messageId: 'missingStates', line: 5, column: 28, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { api } from '~/trpc/react';
export function Monitoring({ id }: { id: string }) {
  const { data: isCloud } = api.settings.isCloud.useQuery();
  const { data: member, isPending, error } = api.user.get.useQuery();
  return <div>{isCloud ? <CloudMonitoring id={id} /> : <FreeMonitoring id={id} />}{member?.role === 'owner' && <ManageRoles />}</div>;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: SWR plan flag',
        filename: TSX,
        options: STATES,
        code: `
import useSWR from 'swr';
export function Integrations() {
  const { data: plan } = useSWR('/api/plan', fetcher);
  const locked = !(plan?.limits.integrations ?? false);
  return <IntegrationList locked={locked} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 26, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isLoading` and `error`' }, output: `
import useSWR from 'swr';
export function Integrations() {
  const { data: plan, isLoading, error } = useSWR('/api/plan', fetcher);
  const locked = !(plan?.limits.integrations ?? false);
  return <IntegrationList locked={locked} />;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: a badge count and a per-row cell',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Sidebar() {
  const { data: unread } = useQuery({ queryKey: ['unread'], queryFn: fetchUnread });
  const { data: stats } = useQuery({ queryKey: ['stats'], queryFn: fetchStats });
  return (
    <nav>
      <a href="/inbox">Inbox <Badge>{unread?.count ?? 0}</Badge></a>
      <span title={stats?.label ?? 'Usage'}>{stats?.size ?? '-'}</span>
    </nav>
  );
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 28, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Sidebar() {
  const { data: unread, isPending, error } = useQuery({ queryKey: ['unread'], queryFn: fetchUnread });
  const { data: stats } = useQuery({ queryKey: ['stats'], queryFn: fetchStats });
  return (
    <nav>
      <a href="/inbox">Inbox <Badge>{unread?.count ?? 0}</Badge></a>
      <span title={stats?.label ?? 'Usage'}>{stats?.size ?? '-'}</span>
    </nav>
  );
}
` }] },
          { messageId: 'missingStates', line: 5, column: 27, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Sidebar() {
  const { data: unread } = useQuery({ queryKey: ['unread'], queryFn: fetchUnread });
  const { data: stats, isPending, error } = useQuery({ queryKey: ['stats'], queryFn: fetchStats });
  return (
    <nav>
      <a href="/inbox">Inbox <Badge>{unread?.count ?? 0}</Badge></a>
      <span title={stats?.label ?? 'Usage'}>{stats?.size ?? '-'}</span>
    </nav>
  );
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: a picker\'s options',
        filename: TSX,
        options: STATES,
        code: `
import { api } from '~/trpc/react';
export function TagSelect() {
  const { data: tags } = api.tag.all.useQuery();
  return (
    <Select>
      <SelectContent>{tags?.map((tag) => <SelectItem key={tag.id} value={tag.id}>{tag.name}</SelectItem>)}</SelectContent>
    </Select>
  );
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 26, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { api } from '~/trpc/react';
export function TagSelect() {
  const { data: tags, isPending, error } = api.tag.all.useQuery();
  return (
    <Select>
      <SelectContent>{tags?.map((tag) => <SelectItem key={tag.id} value={tag.id}>{tag.name}</SelectItem>)}</SelectContent>
    </Select>
  );
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: `if (!data) return null` renders nothing on failure',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, ...rest } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (!data) return null;
  return <List items={data} refetch={rest.refetch} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 29, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error, ...rest } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (!data) return null;
  return <List items={data} refetch={rest.refetch} />;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: a custom hook that returns the data alone swallows the error',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
export function useProjectNames() {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return data?.map((p) => p.name) ?? [];
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 20, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function useProjectNames() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return data?.map((p) => p.name) ?? [];
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: several queries, the unhandled one reported (a dependent query gets `isLoading`)',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Dashboard() {
  const user = useQuery({ queryKey: ['me'], queryFn: fetchMe });
  const projects = useQuery({ queryKey: ['projects', user.data?.id], queryFn: fetchProjects, enabled: !!user.data });
  if (user.isPending) return <Spinner />;
  if (user.isError) return <ErrorState />;
  return <ProjectSummary projects={projects.data} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 5, column: 20 },
        ],
      },
      {
        name: 'requireErrorState: same-file wrapper hook, its consumer renders data with no states',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
const useInvoices = () => useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
export default function InvoicesPage() {
  const { data } = useInvoices();
  return <Table rows={data} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 5, column: 20, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
const useInvoices = () => useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
export default function InvoicesPage() {
  const { data, isPending, error } = useInvoices();
  return <Table rows={data} />;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: a block-bodied wrapper hook returns the query after a nested function with its own return',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
function useInvoices() {
  const describe = (invoice) => {
    return invoice.number;
  };
  return useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices, select: (rows) => rows.map(describe) });
}
export default function InvoicesPage() {
  const { data } = useInvoices();
  return <Table rows={data} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 10, column: 20, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
function useInvoices() {
  const describe = (invoice) => {
    return invoice.number;
  };
  return useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices, select: (rows) => rows.map(describe) });
}
export default function InvoicesPage() {
  const { data, isPending, error } = useInvoices();
  return <Table rows={data} />;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: Apollo, a heading with no states',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@apollo/client/react';
export function Viewer() {
  const { data } = useQuery(VIEWER);
  return <h1>{data?.viewer.name}</h1>;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 20, suggestions: [{ messageId: 'addStateFields', data: { fields: '`loading` and `error`' }, output: `
import { useQuery } from '@apollo/client/react';
export function Viewer() {
  const { data, loading, error } = useQuery(VIEWER);
  return <h1>{data?.viewer.name}</h1>;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: RTK Query generated hook imported from the API slice (library unknown without types: no suggestion)',
        filename: TSX,
        options: STATES,
        code: `
import { useGetPostsQuery } from '@/store/api';
export function Posts() {
  const { data } = useGetPostsQuery();
  return <List items={data} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 20 },
        ],
      },
      {
        name: 'requireErrorState: RTK Query lazy generated hook',
        filename: TSX,
        options: STATES,
        code: `
import { useLazyGetPostsQuery } from '@/store/api';
export function Posts() {
  const [load, { data, isFetching }] = useLazyGetPostsQuery();
  return <div><button disabled={isFetching} onClick={() => load()}>Load</button><List items={data} /></div>;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 40 },
        ],
      },
      {
        name: 'requireErrorState: RTK Query api.endpoints.x.useQuery',
        filename: TSX,
        options: STATES,
        code: `
import { api } from '@/store/api';
export function Posts() {
  const { data } = api.endpoints.getPosts.useQuery();
  return <List items={data} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 20, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isLoading` and `error`' }, output: `
import { api } from '@/store/api';
export function Posts() {
  const { data, isLoading, error } = api.endpoints.getPosts.useQuery();
  return <List items={data} />;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: useQueries, the second result is rendered unchecked',
        filename: TSX,
        options: STATES,
        code: `
import { useQueries } from '@tanstack/react-query';
export function Overview() {
  const [users, teams] = useQueries({ queries: [{ queryKey: ['users'], queryFn: fetchUsers }, { queryKey: ['teams'], queryFn: fetchTeams }] });
  if (users.isPending) return <Spinner />;
  if (users.isError) return <ErrorState />;
  return <Summary users={users.data} teams={teams.data} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 26 },
        ],
      },
      {
        name: 'requireErrorState: TanStack v4 project, loading suggested as isLoading (v4 has no isPending)',
        filename: V4_TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data } = useQuery(['projects'], fetchProjects);
  return <List items={data} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 20, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isLoading` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isLoading, error } = useQuery(['projects'], fetchProjects);
  return <List items={data} />;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: TanStack v4 project, a dependent query gets isInitialLoading',
        filename: V4_TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects({ orgId }: { orgId?: string }) {
  const { data } = useQuery({ queryKey: ['projects', orgId], queryFn: fetchProjects, enabled: !!orgId });
  return <List items={data} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 20, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isInitialLoading` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects({ orgId }: { orgId?: string }) {
  const { data, isInitialLoading, error } = useQuery({ queryKey: ['projects', orgId], queryFn: fetchProjects, enabled: !!orgId });
  return <List items={data} />;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: TanStack v5, a dependent query gets isLoading',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects({ orgId }: { orgId?: string }) {
  const { data } = useQuery({ queryKey: ['projects', orgId], queryFn: fetchProjects, enabled: Boolean(orgId) });
  return <List items={data} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 20, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isLoading` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects({ orgId }: { orgId?: string }) {
  const { data, isLoading, error } = useQuery({ queryKey: ['projects', orgId], queryFn: fetchProjects, enabled: Boolean(orgId) });
  return <List items={data} />;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: SWR immutable, no states',
        filename: TSX,
        options: STATES,
        code: `
import useSWRImmutable from 'swr/immutable';
export function Plans() {
  const plans = useSWRImmutable('/api/plans', fetcher);
  return <PlanGrid plans={plans.data} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 17 },
        ],
      },
      {
        name: 'requireErrorState: react-query (v3 package name), isLoading suggested',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from 'react-query';
export function Projects() {
  const { data } = useQuery('projects', fetchProjects);
  return <List items={data} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 20, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isLoading` and `error`' }, output: `
import { useQuery } from 'react-query';
export function Projects() {
  const { data, isLoading, error } = useQuery('projects', fetchProjects);
  return <List items={data} />;
}
` }] },
        ],
      },
      {
        name: 'requireErrorState: the suggestion skips a name already bound in the component',
        filename: TSX,
        options: STATES,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects({ error }: { error?: string }) {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <List items={data} note={error} />;
}
`,
        errors: [
          { messageId: 'missingStates', line: 4, column: 20, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects({ error }: { error?: string }) {
  const { data, isPending } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <List items={data} note={error} />;
}
` }] },
        ],
      },
      {
        name: 'strict: `data!.map` throws on failure; the assertion and the missing empty state are reported too',
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
          { messageId: 'crashes', line: 6, column: 15, suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (isPending) return <Spinner />;
  return <ul>{data!.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
` }] },
          { messageId: 'assumesSuccess', line: 6, column: 15 },
          { messageId: 'noEmptyState', line: 6, column: 21 },
        ],
      },
      {
        name: 'strict: `data as Project[]` assumes success, and `projects.length` throws while loading',
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
          { messageId: 'assumesSuccess', line: 5, column: 20 },
          { messageId: 'crashes', line: 6, column: 24 },
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
        name: 'strict: TanStack mutation that creates, with no pending guard and no error',
        filename: TSX,
        options: STRICT,
        code: `
import { useMutation } from '@tanstack/react-query';
export function NewProject() {
  const save = useMutation({ mutationFn: createProject });
  return <button onClick={() => save.mutate()}>Create</button>;
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
        name: 'real TanStack types: a list with no states is blank while loading and on failure',
        filename: TYPED_TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: async () => ['a'] });
  return <ul>{data?.map((name) => <li key={name}>{name}</li>)}</ul>;
}
`,
        errors: [{ messageId: 'blankOnError', line: 5, column: 15, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data, isPending, error } = useQuery({ queryKey: ['projects'], queryFn: async () => ['a'] });
  return <ul>{data?.map((name) => <li key={name}>{name}</li>)}</ul>;
}
` }] }],
      },
      {
        name: 'imported custom TanStack hook (its source returns useQuery): a blank list',
        filename: TYPED_TSX,
        code: `
import { useProjects } from './query-hooks/queries';
export function Projects() {
  const { data } = useProjects();
  return <ul>{data?.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
`,
        errors: [{ messageId: 'blankOnError', line: 5, column: 15, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useProjects } from './query-hooks/queries';
export function Projects() {
  const { data, isPending, error } = useProjects();
  return <ul>{data?.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
` }] }],
      },
      {
        name: 'a same-file hook returning a copy of the result: recognised by its type',
        filename: TYPED_TSX,
        code: `
import { useQuery } from '@tanstack/react-query';
function useNames() {
  const query = useQuery({ queryKey: ['names'], queryFn: async () => ['a'] });
  return { ...query };
}
export function Names() {
  const { data } = useNames();
  return <ul>{data?.map((name) => <li key={name}>{name}</li>)}</ul>;
}
`,
        errors: [{ messageId: 'blankOnError', line: 9, column: 15, suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: `
import { useQuery } from '@tanstack/react-query';
function useNames() {
  const query = useQuery({ queryKey: ['names'], queryFn: async () => ['a'] });
  return { ...query };
}
export function Names() {
  const { data, isPending, error } = useNames();
  return <ul>{data?.map((name) => <li key={name}>{name}</li>)}</ul>;
}
` }] }],
      },
      {
        name: 'requireErrorState: imported custom hook with initialData: loading cannot occur, only the error is demanded',
        filename: TYPED_TSX,
        options: STATES,
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
        name: 'requireErrorState: imported custom SWR hook',
        filename: TYPED_TSX,
        options: STATES,
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
        name: 'requireErrorState: imported custom Apollo hook, loading read',
        filename: TYPED_TSX,
        options: STATES,
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

describe('strict: which lists are blank when empty, and which assertions a condition proves', () => {
  const EMPTY = [{ requireEmptyState: true }] as const;
  const ASSERTIONS = [{ reportAssertions: true }] as const;
  typescriptTester().run('require-query-states', rule, {
    valid: [
      {
        name: 'TanStack: names joined into a string, with its own fallback, are no list',
        filename: TSX,
        options: EMPTY,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Affected() {
  const { data, isPending, error } = useQuery({ queryKey: ['report'], queryFn: fetchReport });
  if (isPending) return <Spinner />;
  if (error) return <ErrorState />;
  const affected = data.components.map((component) => component.name).join(', ');
  return <p>Affects {affected || 'zero'} component(s).</p>;
}
`,
      },
      {
        name: 'tRPC: data mapped into menu entries (objects, not elements)',
        filename: TSX,
        options: EMPTY,
        code: `
import { api } from '@/utils/api';
export function Environments({ projectId }: { projectId: string }) {
  const { data, isPending, error } = api.environment.byProjectId.useQuery({ projectId });
  if (isPending || error) return null;
  const items = data.map((environment) => ({ name: environment.name, href: '/env/' + environment.id }));
  return <Breadcrumb items={items} />;
}
`,
      },
      {
        name: 'SWR: mapped options after a fixed option of the same kind: the picker is never empty',
        filename: TSX,
        options: EMPTY,
        code: `
import useSWR from 'swr';
export function DomainSelect() {
  const { data: domains, error, isLoading } = useSWR('/api/domains', fetcher);
  if (error || isLoading) return null;
  return (
    <SelectContent>
      <SelectItem value="papermark.com">papermark.com</SelectItem>
      {domains.map((domain) => (
        <SelectItem key={domain.id} value={domain.slug}>{domain.slug}</SelectItem>
      ))}
    </SelectContent>
  );
}
`,
      },
      {
        name: 'SWR: `data!` under a constant computed from the data, in a custom hook',
        filename: TSX,
        options: ASSERTIONS,
        code: `
import useSWR from 'swr';
export function useDirectory() {
  const { data, isLoading } = useSWR('/api/directory-sync', fetcher);
  const configured = !!(data?.directories && data.directories.length > 0);
  return { provider: configured ? data!.directories[0].type : null, configured, loading: isLoading };
}
`,
      },
      {
        name: 'TanStack: `data!` right of `data &&` and inside `if (data)`',
        filename: TSX,
        options: ASSERTIONS,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Owner() {
  const { data } = useQuery({ queryKey: ['owner'], queryFn: fetchOwner });
  if (data) {
    track(data!.id);
  }
  return <p>{data && data!.name}</p>;
}
`,
      },
    ],
    invalid: [
      {
        name: 'SWR: mapped rows beside a header row of another kind: the table body is blank',
        filename: TSX,
        options: EMPTY,
        code: `
import useSWR from 'swr';
export function Members() {
  const { data, error, isLoading } = useSWR('/api/members', fetcher);
  if (error || isLoading) return null;
  return (
    <table>
      <thead><tr><th>Name</th></tr></thead>
      {data.map((member) => {
        if (member.hidden) return null;
        return <tr key={member.id}><td>{member.name}</td></tr>;
      })}
    </table>
  );
}
`,
        errors: [{ messageId: 'noEmptyState', line: 9, column: 13 }],
      },
      {
        name: 'tRPC: a list item rendered only under a condition is still a list',
        filename: TSX,
        options: EMPTY,
        code: `
import { api } from '@/utils/api';
export function Tags() {
  const { data, isPending, error } = api.tags.get.useQuery();
  if (isPending || error) return null;
  return <ul>{data.map((tag) => tag.visible && <li key={tag.id}>{tag.name}</li>)}</ul>;
}
`,
        errors: [{ messageId: 'noEmptyState', line: 6, column: 20 }],
      },
      {
        name: 'TanStack: `data!` under a condition on the loading state only still assumes success',
        filename: TSX,
        options: ASSERTIONS,
        code: `
import { useQuery } from '@tanstack/react-query';
export function Owner() {
  const { data, isLoading } = useQuery({ queryKey: ['owner'], queryFn: fetchOwner });
  return <p>{isLoading ? null : data!.name}</p>;
}
`,
        errors: [
          {
            messageId: 'crashes',
            line: 5,
            column: 33,
            suggestions: [{ messageId: 'addStateFields', data: { fields: '`error`' }, output: `
import { useQuery } from '@tanstack/react-query';
export function Owner() {
  const { data, isLoading, error } = useQuery({ queryKey: ['owner'], queryFn: fetchOwner });
  return <p>{isLoading ? null : data!.name}</p>;
}
` }],
          },
          { messageId: 'assumesSuccess', line: 5, column: 33 },
        ],
      },
    ],
  });
});

/** A tRPC create awaited (through `.then().catch()`) in a react-hook-form submit, with `button` as the submit. */
function createInForm(button: string): string {
  return `
import { api } from '@/utils/api';
export function AddGitlabProvider() {
  const { mutateAsync, error } = api.gitlab.create.useMutation();
  const form = useForm<Schema>();
  const onSubmit = async (data: Schema) => {
    await mutateAsync(data)
      .then(() => toast.success('Created'))
      .catch(() => toast.error('Could not create'));
  };
  return (
    <form onSubmit={form.handleSubmit(onSubmit)}>
      {error && <AlertBlock>{error.message}</AlertBlock>}
      ${button}
    </form>
  );
}
`;
}

describe('checkMutations: which double submits and failures are asked for', () => {
  const MUTATIONS = [{ checkMutations: true }] as const;
  typescriptTester().run('require-query-states', rule, {
    valid: [
      {
        name: 'tRPC: an update from a switch sets the same value twice: no pending state asked for',
        filename: TSX,
        options: MUTATIONS,
        code: `
import { api } from '@/utils/api';
export function AutoDeploy({ id, enabled }: { id: string; enabled: boolean }) {
  const { mutateAsync } = api.application.update.useMutation();
  return (
    <Switch
      checked={enabled}
      onCheckedChange={async (value) => {
        await mutateAsync({ id, autoDeploy: value }).then(() => toast.success('Saved')).catch(() => toast.error('Could not save'));
      }}
    />
  );
}
`,
      },
      {
        name: 'TanStack: a delete, a disconnect and a close are not repeated writes',
        filename: TSX,
        options: MUTATIONS,
        code: `
import { useMutation } from '@tanstack/react-query';
export function Connection({ id }: { id: string }) {
  const remove = useMutation({ mutationFn: deleteConnection, onError: () => toast.error('Failed') });
  const { mutate: disconnect } = useMutation({ mutationFn: (connectionId: string) => api.calendars.disconnect(connectionId), onError: report });
  const closePoll = useMutation({ mutationKey: ['closePoll'], mutationFn: close, onError: report });
  return (
    <>
      <button onClick={() => remove.mutate(id)}>Delete</button>
      <button onClick={() => disconnect(id)}>Disconnect</button>
      <button onClick={() => closePoll.mutate(id)}>Close</button>
    </>
  );
}
`,
      },
      {
        name: 'tRPC: a create awaited in a react-hook-form submit whose button reads `formState.isSubmitting`',
        filename: TSX,
        options: MUTATIONS,
        code: createInForm('<Button isLoading={form.formState.isSubmitting}>Create</Button>'),
      },
      {
        name: 'TanStack: a create run in a transition whose isPending disables the button, its failure shown by toast.promise',
        filename: TSX,
        options: MUTATIONS,
        code: `
import { useTransition } from 'react';
import { useMutation } from '@tanstack/react-query';
export function CreateReport() {
  const [isPending, startTransition] = useTransition();
  const createReport = useMutation(trpc.statusReport.create.mutationOptions());
  return (
    <button
      disabled={isPending}
      onClick={() => {
        startTransition(async () => {
          await toast.promise(createReport.mutateAsync({ title }), { loading: 'Creating...', error: 'Failed to create' });
        });
      }}
    >
      Create
    </button>
  );
}
`,
      },
      {
        name: 'TanStack: the promise of either write held in a variable, given to toast.promise and awaited in try',
        filename: TSX,
        options: MUTATIONS,
        code: `
import { useMutation } from '@tanstack/react-query';
export function ConfirmIncident({ type, id }: { type: string; id: number }) {
  const acknowledge = useMutation(trpc.incident.acknowledge.mutationOptions());
  const resolve = useMutation(trpc.incident.resolve.mutationOptions());
  const handleConfirm = async () => {
    const promise = type === 'acknowledge' ? acknowledge.mutateAsync({ id }) : resolve.mutateAsync({ id });
    toast.promise(promise, { error: 'Failed to confirm' });
  };
  return <button onClick={handleConfirm}>Confirm</button>;
}
`,
      },
      {
        name: 'tRPC: a create started from a confirm dialog action and a menu item, which close on click',
        filename: TSX,
        options: MUTATIONS,
        code: `
import { api } from '@/utils/api';
export function DuplicateProject({ id }: { id: string }) {
  const { mutateAsync } = api.project.duplicate.useMutation();
  const handleDuplicate = async () => {
    await mutateAsync({ id }).catch(() => toast.error('Could not duplicate'));
  };
  return (
    <>
      <AlertDialogAction onClick={handleDuplicate}>Duplicate</AlertDialogAction>
      <DropdownMenuItem onSelect={() => handleDuplicate()}>Duplicate again</DropdownMenuItem>
    </>
  );
}
`,
      },
      {
        name: "tRPC: a write awaited in a function given to a child's own callback prop is the child's to show",
        filename: TSX,
        options: MUTATIONS,
        code: `
import { api } from '@/utils/api';
export function Credentials({ mongoId }: { mongoId: string }) {
  const { mutateAsync: changePassword } = api.mongo.changePassword.useMutation();
  return (
    <UpdateDatabasePassword
      onUpdatePassword={async (password) => {
        await changePassword({ mongoId, password });
        toast.success('Password updated');
      }}
    />
  );
}
`,
      },
      {
        name: 'SWR: an update triggered from a button: only its failure is asked for, and it is shown',
        filename: TSX,
        options: MUTATIONS,
        code: `
import useSWRMutation from 'swr/mutation';
export function SaveSettings() {
  const { trigger, error } = useSWRMutation('/api/settings', updateSettings);
  return (
    <>
      <button onClick={() => trigger({ theme: 'dark' })}>Save</button>
      {error && <p role="alert">{error.message}</p>}
    </>
  );
}
`,
      },
    ],
    invalid: [
      {
        name: "TanStack: a create in a transition whose pending state is never read (React's own startTransition)",
        filename: TSX,
        options: MUTATIONS,
        code: `
import { startTransition } from 'react';
import { useMutation } from '@tanstack/react-query';
export function CreateReport() {
  const createReport = useMutation({ mutationFn: createStatusReport, onError: report });
  return <button onClick={() => startTransition(async () => { await createReport.mutateAsync({ title }); })}>Create</button>;
}
`,
        errors: [{ messageId: 'mutationPending', line: 5, data: { hook: 'useMutation', field: '`isPending`' } }],
      },
      {
        name: 'tRPC: a create started from a menu item and from a button that stays on screen',
        filename: TSX,
        options: MUTATIONS,
        code: `
import { api } from '@/utils/api';
export function DuplicateProject({ id }: { id: string }) {
  const { mutateAsync } = api.project.duplicate.useMutation({ onError: report });
  const handleDuplicate = async () => {
    await mutateAsync({ id });
  };
  return (
    <>
      <DropdownMenuItem onSelect={handleDuplicate}>Duplicate</DropdownMenuItem>
      <Button onClick={handleDuplicate}>Duplicate</Button>
    </>
  );
}
`,
        errors: [{ messageId: 'mutationPending', line: 4, data: { hook: 'api.project.duplicate.useMutation', field: '`isPending`' } }],
      },
      {
        name: 'tRPC: a create awaited in a form submit with no `isSubmitting` and no pending state read',
        filename: TSX,
        options: MUTATIONS,
        code: createInForm('<Button type="submit">Create</Button>'),
        errors: [{ messageId: 'mutationPending', line: 4 }],
      },
      {
        name: 'SWR: an invite sent from a button, with neither its pending state nor its error read',
        filename: TSX,
        options: MUTATIONS,
        code: `
import useSWRMutation from 'swr/mutation';
export function InviteMember({ email }: { email: string }) {
  const { trigger } = useSWRMutation('/api/teams/invite', postJson);
  return <button onClick={() => trigger({ email })}>Invite</button>;
}
`,
        errors: [
          { messageId: 'mutationPending', line: 4, data: { hook: 'useSWRMutation', field: '`isMutating`' } },
          { messageId: 'mutationError', line: 4, data: { hook: 'useSWRMutation', field: '`error`' } },
        ],
      },
      {
        name: 'TanStack: an update from a button with no failure handling is still asked for its error',
        filename: TSX,
        options: MUTATIONS,
        code: `
import { useMutation } from '@tanstack/react-query';
export function Rename({ id }: { id: string }) {
  const rename = useMutation({ mutationFn: updateProjectName });
  return <button onClick={() => rename.mutate({ id, name })}>Rename</button>;
}
`,
        errors: [{ messageId: 'mutationError', line: 4 }],
      },
    ],
  });
});

/** A small app on disk: other modules (custom hooks, server layouts, providers) the rule reads once. */
function writeApp(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'query-states-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** A query on line 4 (`const { data } = ...`) that `strict` reports although the server prefetches it. */
function unawaitedPrefetch(what: string, name: string, code: string): InvalidTestCase<MessageIds, Options> {
  return {
    name: `requireErrorState: ${what} is still reported in strict`,
    filename: path.join(APP, 'src', 'components', name),
    options: STATES,
    code,
    errors: [
      {
        messageId: 'missingStates',
        line: 4,
        column: 20,
        suggestions: [{ messageId: 'addStateFields', data: { fields: '`isPending` and `error`' }, output: code.replace('const { data }', 'const { data, isPending, error }') }],
      },
    ],
  };
}

const APP = writeApp({
  'package.json': '{ "name": "app", "private": true }',
  // JSON with comments, as TypeScript allows.
  'tsconfig.json': '{\n  // aliases\n  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } },\n}\n',
  'src/hooks/use-team.ts': `
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/client';
export function useTeamQuery() {
  const trpc = useTRPC();
  return useSuspenseQuery(trpc.team.current.queryOptions());
}
`,
  'src/hooks/use-user.ts': `
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/client';
export function useUserQuery() {
  const trpc = useTRPC();
  const result = useQuery({ ...trpc.user.me.queryOptions(), refetchInterval: 60_000 });
  return result as typeof result & { data: NonNullable<typeof result.data> };
}
`,
  'src/hooks/index.ts': `export * from './use-team';\nexport { useInvoicesQuery } from './use-invoices';\n`,
  'src/features/accounts/use-get-accounts.ts': `
import { useQuery } from '@tanstack/react-query';
export const useGetAccounts = () => {
  const query = useQuery({ queryKey: ['accounts'], queryFn: fetchAccounts });
  return query;
};
`,
  'src/hooks/use-theme.ts': `
import { useContext } from 'react';
export function useTheme() {
  return useContext(ThemeContext);
}
`,
  'src/hooks/use-invoices.ts': `
import { useQuery } from '@tanstack/react-query';
export const useInvoicesQuery = () => useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
`,
  'src/app/(sidebar)/layout.tsx': `
import { HydrateClient, getQueryClient, trpc } from '@/trpc/server';
export default async function Layout({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  // prefetch(trpc.invoices.list.queryOptions()) is only a comment here
  const user = await queryClient.fetchQuery(trpc.user.me.queryOptions());
  if (!user) redirect('/login');
  await queryClient.prefetchQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  // Streamed, not awaited: the client may render before the data is there.
  void prefetch(trpc.billing.plan.queryOptions());
  return <HydrateClient>{children}</HydrateClient>;
}
`,
  'src/pages/databases/[id].tsx': `
import { createServerSideHelpers } from '@trpc/react-query/server';
import { DatabaseCard } from '@/components/database-card';
export async function getServerSideProps(ctx) {
  const helpers = createServerSideHelpers({ router: appRouter, ctx: {} });
  try {
    await helpers.database.one.fetch({
      id: ctx.params.id,
    });
    await Promise.all([helpers.settings.isCloud.prefetch(), helpers.user.get.fetch()]);
  } catch {
    return { redirect: { destination: '/', permanent: false } };
  }
  helpers.settings.ip.prefetch();
  return { props: { trpcState: helpers.dehydrate() } };
}
`,
  'src/app/layout.tsx': `
import { SWRConfig } from 'swr';
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <SWRConfig value={{ fallback: { '/api/team': getTeam() } }}>{children}</SWRConfig>;
}
`,
});

const TOAST_APP = writeApp({
  'package.json': '{ "name": "toast-app", "private": true }',
  'src/providers.tsx': `
'use client';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error) => toast.error(error.message) }),
  mutationCache: new MutationCache({ onError: (error) => toast.error(error.message) }),
});
`,
});

afterAll(() => {
  fs.rmSync(APP, { recursive: true, force: true });
  fs.rmSync(TOAST_APP, { recursive: true, force: true });
});

describe('what other files of the app say', () => {
  const file = (root: string, name: string): string => path.join(root, 'src', 'components', name);
  typescriptTester().run('require-query-states', rule, {
    valid: [
      {
        name: 'a hook imported from the app whose source is no query (`useContext`), in a file that names no query library',
        filename: file(APP, 'themes.tsx'),
        code: `
import { useTheme } from '@/hooks/use-theme';
export function Themes() {
  const theme = useTheme();
  const names = theme.data ?? [];
  return <ul>{names.map((name) => <li key={name}>{name}</li>)}</ul>;
}
`,
      },
      {
        name: 'a custom hook imported through a path alias whose source returns useSuspenseQuery: Suspense takes both states',
        filename: file(APP, 'team-name.tsx'),
        code: `
import { useTeamQuery } from '@/hooks/use-team';
export function TeamMembers() {
  const { data } = useTeamQuery();
  return <ul>{data.members.map((member) => <li key={member.id}>{member.name}</li>)}</ul>;
}
`,
      },
      {
        name: 'a suspense hook re-exported by a barrel (`export * from`)',
        filename: file(APP, 'team-badge.tsx'),
        code: `
import { useTeamQuery } from '../hooks';
export function TeamBadge() {
  const { data } = useTeamQuery();
  return <Badge>{data.name}</Badge>;
}
`,
      },
      {
        name: 'tRPC: a query the server fetches before rendering (a layout awaits it) may be hydrated: unknown, not reported',
        filename: file(APP, 'teams.tsx'),
        code: `
import { api } from '~/trpc/react';
export function Teams() {
  const { data } = api.user.me.useQuery();
  if (!data?.teams.length) return <p>No teams yet</p>;
  return <TeamList teams={data.teams} />;
}
`,
      },
      {
        name: 'an imported custom hook reading a server-fetched procedure (`...trpc.user.me.queryOptions()`)',
        filename: file(APP, 'date-format.tsx'),
        code: `
import { useUserQuery } from '@/hooks/use-user';
export function DateFormatSettings() {
  const { data: user } = useUserQuery();
  return <Switch checked={user?.weekStartsOnMonday ?? false} onCheckedChange={save} />;
}
`,
      },
      {
        name: 'TanStack: a query key the server prefetches',
        filename: file(APP, 'projects.tsx'),
        code: `
import { useQuery } from '@tanstack/react-query';
export function Projects() {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  if (!data?.length) return <p>No projects yet</p>;
  return <ProjectTable rows={data} />;
}
`,
      },
      {
        name: 'SWR: a key the server provides in an `SWRConfig` fallback',
        filename: file(APP, 'members.tsx'),
        code: `
import useSWR from 'swr';
export function Members() {
  const { data: team } = useSWR('/api/team', fetcher);
  if (!team?.members.length) return <p>No members yet</p>;
  return <MemberTable members={team.members} />;
}
`,
      },
      {
        name: 'an app-wide `QueryCache` `onError` toasts every failed query: the empty state is not the only thing users see',
        filename: file(TOAST_APP, 'calendars.tsx'),
        code: `
import { trpc } from '@/trpc/client';
export function CalendarConnections() {
  const { data: connections } = trpc.calendars.list.useQuery();
  if (connections === undefined) return <Spinner />;
  return <ConnectionList connections={connections} />;
}
`,
      },
      {
        name: 'checkMutations: an app-wide `MutationCache` `onError` toasts every failed write',
        filename: file(TOAST_APP, 'delete-poll.tsx'),
        options: [{ checkMutations: true }],
        code: `
import { trpc } from '@/trpc/client';
export function DeletePoll({ id }: { id: string }) {
  const deletePoll = trpc.polls.delete.useMutation();
  return <Button disabled={deletePoll.isPending} onClick={() => deletePoll.mutate({ id })}>Delete</Button>;
}
`,
      },
      {
        name: 'checkMutations: a mutate function only handed to a child form, which starts the write and shows its state',
        filename: file(APP, 'locale-settings.tsx'),
        options: [{ checkMutations: true }],
        code: `
import { useMutation } from '@tanstack/react-query';
export function LocaleSettings({ page }: { page: Page }) {
  const update = useMutation({ mutationFn: updateLocale });
  return <FormLocale defaultValues={page} onSubmit={update.mutateAsync} />;
}
`,
      },
      {
        name: 'checkMutations: a mutateAsync awaited inside a function handed to a child form',
        filename: file(APP, 'locale-form.tsx'),
        options: [{ checkMutations: true }],
        code: `
import { useMutation } from '@tanstack/react-query';
export function LocaleSettings({ page }: { page: Page }) {
  const update = useMutation({ mutationFn: updateLocale });
  return (
    <FormLocale
      defaultValues={page}
      onSubmit={async (values) => {
        await update.mutateAsync({ id: page.id, locales: values.locales });
      }}
    />
  );
}
`,
      },
      {
        name: 'checkMutations: tRPC `mutationOptions({ onError })` handles the failed write',
        filename: file(APP, 'select-accounts.tsx'),
        options: [{ checkMutations: true }],
        code: `
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/client';
export function SelectAccounts() {
  const trpc = useTRPC();
  const connect = useMutation(trpc.bankAccounts.connect.mutationOptions({ onError: () => toast.error('Could not connect the accounts') }));
  return <Button disabled={connect.isPending} onClick={() => connect.mutate({ ids })}>Connect</Button>;
}
`,
      },
      {
        name: 'requireErrorState: a query the layout above awaits before rendering (`await fetchQuery`) has its data at the first render',
        filename: path.join(APP, 'src', 'app', '(sidebar)', 'teams', 'teams-strict.tsx'),
        options: STRICT,
        code: `
import { api } from '~/trpc/react';
export function Teams() {
  const { data } = api.user.me.useQuery();
  return <h1>{data?.name}</h1>;
}
`,
      },
      {
        name: 'requireErrorState: a page whose getServerSideProps awaits tRPC helpers (`await helpers.x.fetch()`, `await Promise.all([...prefetch()])`) imports this component',
        filename: file(APP, 'database-card.tsx'),
        options: STRICT,
        code: `
import { api } from '@/utils/api';
export function DatabaseCard({ id }: { id: string }) {
  const { data } = api.database.one.useQuery({ id });
  const { data: isCloud } = api.settings.isCloud.useQuery();
  const { data: user } = api.user.get.useQuery();
  return <Card title={data?.name} badge={isCloud ? 'Cloud' : null} owner={user!.email} />;
}
`,
      },
      {
        name: 'requireErrorState: a TanStack key the layout above awaits (`await queryClient.prefetchQuery({ queryKey })`)',
        filename: path.join(APP, 'src', 'app', '(sidebar)', 'project-count.tsx'),
        options: STRICT,
        code: `
import { useQuery } from '@tanstack/react-query';
export function ProjectCount() {
  const { data } = useQuery({ queryKey: ['projects'], queryFn: fetchProjects });
  return <span>{data?.length}</span>;
}
`,
      },
    ],
    invalid: [
      {
        name: 'checkMutations: a mutate function bound to a DOM button starts the write here',
        filename: file(APP, 'save-button.tsx'),
        options: [{ checkMutations: true }],
        code: `
import { useMutation } from '@tanstack/react-query';
export function SaveButton() {
  const save = useMutation({ mutationFn: sendInvite });
  return <button onClick={save.mutate}>Send</button>;
}
`,
        errors: [{ messageId: 'mutationPending', line: 4 }, { messageId: 'mutationError', line: 4 }],
      },
      {
        name: 'checkMutations: the same awaited call in a DOM form handler starts the write here (an update: only its failure is asked for)',
        filename: file(APP, 'locale-form-dom.tsx'),
        options: [{ checkMutations: true }],
        code: `
import { useMutation } from '@tanstack/react-query';
export function LocaleSettings({ page }: { page: Page }) {
  const update = useMutation({ mutationFn: updateLocale });
  return (
    <form
      onSubmit={async (event) => {
        await update.mutateAsync({ id: page.id });
      }}
    />
  );
}
`,
        errors: [{ messageId: 'mutationError', line: 4 }],
      },
      {
        name: 'checkMutations: the same write in an app without a MutationCache onError',
        filename: file(APP, 'delete-poll.tsx'),
        options: [{ checkMutations: true }],
        code: `
import { trpc } from '@/trpc/client';
export function DeletePoll({ id }: { id: string }) {
  const deletePoll = trpc.polls.delete.useMutation();
  return <Button disabled={deletePoll.isPending} onClick={() => deletePoll.mutate({ id })}>Delete</Button>;
}
`,
        errors: [{ messageId: 'mutationError', line: 4 }],
      },
      {
        name: 'checkMutations: tRPC `queryOptions(input, ...)`-style options without onError, and mutationOptions() without options',
        filename: file(APP, 'connect.tsx'),
        options: [{ checkMutations: true }],
        code: `
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/client';
export function Connect() {
  const trpc = useTRPC();
  const connect = useMutation(trpc.bankAccounts.connect.mutationOptions());
  return <Button disabled={connect.isPending} onClick={() => connect.mutate({ ids })}>Connect</Button>;
}
`,
        errors: [{ messageId: 'mutationError', line: 6 }],
      },
      {
        name: 'a procedure the server does not fetch is still reported in the same app',
        filename: file(APP, 'invoices.tsx'),
        code: `
import { api } from '~/trpc/react';
export function Invoices() {
  const { data } = api.invoices.list.useQuery();
  if (!data?.length) return <p>No invoices yet</p>;
  return <InvoiceTable rows={data} />;
}
`,
        errors: [
          {
            messageId: 'emptyOnError',
            line: 5,
            column: 7,
            suggestions: [
              {
                messageId: 'addStateFields',
                data: { fields: '`error`' },
                output: `
import { api } from '~/trpc/react';
export function Invoices() {
  const { data, error } = api.invoices.list.useQuery();
  if (!data?.length) return <p>No invoices yet</p>;
  return <InvoiceTable rows={data} />;
}
`,
              },
            ],
          },
        ],
      },
      {
        name: 'a custom hook without `Query` in its name, imported from the app by a file that names no query library, is read from its source',
        filename: file(APP, 'accounts.tsx'),
        code: `
import { useGetAccounts } from '@/features/accounts/use-get-accounts';
export function Accounts() {
  const accountsQuery = useGetAccounts();
  const accounts = accountsQuery.data ?? [];
  if (accountsQuery.isLoading) return <Spinner />;
  return <ul>{accounts.map((account) => <li key={account.id}>{account.name}</li>)}</ul>;
}
`,
        errors: [{ messageId: 'defaultHidesStates', line: 5, column: 20 }],
      },
      {
        name: "a custom hook whose source returns useQuery whole is checked at the caller (through a barrel's named re-export)",
        filename: file(APP, 'invoice-list.tsx'),
        code: `
import { useInvoicesQuery } from '../hooks';
export function InvoiceList() {
  const { data } = useInvoicesQuery();
  return <ul>{data?.map((invoice) => <li key={invoice.id}>{invoice.number}</li>)}</ul>;
}
`,
        errors: [
          {
            messageId: 'blankOnError',
            line: 5,
            column: 15,
            suggestions: [
              {
                messageId: 'addStateFields',
                data: { fields: '`isPending` and `error`' },
                output: `
import { useInvoicesQuery } from '../hooks';
export function InvoiceList() {
  const { data, isPending, error } = useInvoicesQuery();
  return <ul>{data?.map((invoice) => <li key={invoice.id}>{invoice.number}</li>)}</ul>;
}
`,
              },
            ],
          },
        ],
      },
      {
        name: 'a toast does not stop a crash',
        filename: file(TOAST_APP, 'calendar-name.tsx'),
        code: `
import { trpc } from '@/trpc/client';
export function CalendarName() {
  const { data } = trpc.calendars.default.useQuery();
  return <p>{data.name}</p>;
}
`,
        errors: [
          {
            messageId: 'crashes',
            line: 5,
            column: 14,
            suggestions: [
              {
                messageId: 'addStateFields',
                data: { fields: '`isPending` and `error`' },
                output: `
import { trpc } from '@/trpc/client';
export function CalendarName() {
  const { data, isPending, error } = trpc.calendars.default.useQuery();
  return <p>{data.name}</p>;
}
`,
              },
            ],
          },
        ],
      },
      unawaitedPrefetch('a query the server only streams (`void prefetch(...)`, not awaited)', 'plan-strict.tsx', `
import { api } from '~/trpc/react';
export function Plan() {
  const { data } = api.billing.plan.useQuery();
  return <Badge>{data?.name}</Badge>;
}
`),
      unawaitedPrefetch('a query a layout awaits, in a component outside its folder that it does not import', 'account-name.tsx', `
import { api } from '~/trpc/react';
export function AccountName() {
  const { data } = api.user.me.useQuery();
  return <span>{data?.name}</span>;
}
`),
      unawaitedPrefetch('a getServerSideProps prefetch outside any await', 'server-ip.tsx', `
import { api } from '@/utils/api';
export function ServerIp() {
  const { data } = api.settings.ip.useQuery();
  return <code>{data?.ip}</code>;
}
`),
    ],
  });

  it('reads each app once per process and each hook module once, and only for a component it would report', () => {
    clearProjectQueries();
    clearForeignHooks();
    const linter = new Linter({ cwd: APP });
    const lint = (name: string, code: string): Linter.LintMessage[] =>
      linter.verify(
        code,
        [{ files: ['**/*.tsx'], languageOptions: { parser: tsParser }, plugins: { p: { rules: { r: rule } } as unknown as NonNullable<Linter.Config['plugins']>[string] }, rules: { 'p/r': 'error' } }],
        { filename: file(APP, name) },
      );
    const handled = `
import { api } from '~/trpc/react';
export function Invoices() {
  const { data, isPending, error } = api.invoices.list.useQuery();
  if (isPending) return <Spinner />;
  if (error) return <ErrorState />;
  if (!data.length) return <p>No invoices yet</p>;
  return <InvoiceTable rows={data} />;
}
`;
    const scans = projectScans();
    expect(lint('handled.tsx', handled)).toEqual([]);
    expect(projectScans()).toBe(scans);
    const unhandled = `
import { api } from '~/trpc/react';
export function Invoices() {
  const { data, isPending } = api.invoices.list.useQuery();
  if (isPending) return <Spinner />;
  if (!data?.length) return <p>No invoices yet</p>;
  return <InvoiceTable rows={data} />;
}
`;
    expect(lint('a.tsx', unhandled).map((message) => message.messageId)).toEqual(['emptyOnError']);
    expect(lint('b.tsx', unhandled).map((message) => message.messageId)).toEqual(['emptyOnError']);
    expect(projectScans()).toBe(scans + 1);
    const parses = foreignHookParses();
    const team = `import { useTeamQuery } from '@/hooks/use-team';\nexport function T() { const { data } = useTeamQuery(); return <p>{data.name}</p>; }\n`;
    lint('c.tsx', team);
    lint('d.tsx', team);
    expect(foreignHookParses()).toBe(parses + 1);
  });
});

describe('cost on files without a signal', () => {
  const probe = costProbe('require-query-states', rule);
  const { linted } = probe;
  const lint = (code: string, typed: boolean): Linter.LintMessage[] => probe.lint(code, { filename: 'react.tsx', typed });

  it('computes no per-file facts for a file without a hook call, even with type information', () => {
    const messages = lint(`export function Price({ cents }: { cents: number }) { return <span>{(cents / 100).toFixed(2)}</span>; }`, true);
    expect(messages).toEqual([]);
    expect(computedFileFacts(linted())).toEqual([]);
  });

  it('computes no per-file facts for React-only hooks without type information', () => {
    const messages = lint(`import { useState } from 'react';\nexport function Counter() { const [n, setN] = useState(0); return <button onClick={() => setN(n + 1)}>{n}</button>; }`, false);
    expect(messages).toEqual([]);
    expect(computedFileFacts(linted())).toEqual([]);
  });

  it('finds the text of a hook import from the app in the forms people write, and not a hook from a package', () => {
    const found = [
      "import { useGetAccounts } from '@/features/accounts/api/use-get-accounts'",
      'import useTeam from "../hooks/use-team"',
      "import {\n  useTeam,\n  TeamCard,\n} from './team'",
      "import { Button, useToast as useNotice } from '~/components/ui'",
      "import { useInvoices } from 'src/hooks/invoices'",
    ];
    const missed = [
      "import { useState } from 'react'\nimport { Button } from '@/components/button'",
      "import { useForm } from 'react-hook-form';\nimport { schema } from './schema';",
      "const useTeam = makeHook('./team')",
    ];
    expect(found.filter((text) => !APP_HOOK_IMPORT_TEXT.test(text))).toEqual([]);
    expect(missed.filter((text) => APP_HOOK_IMPORT_TEXT.test(text))).toEqual([]);
  });

  it('computes no per-file facts for a file that imports components but no hook from the app', () => {
    const messages = lint(
      `import { useState } from 'react'\nimport { Button } from '@/components/button'\nexport function Counter() { const [n, setN] = useState(0); return <Button onClick={() => setN(n + 1)}>{n}</Button>; }`,
      false,
    );
    expect(messages).toEqual([]);
    expect(computedFileFacts(linted())).toEqual([]);
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

  it('recognises imported custom hooks from their source without asking the type checker', () => {
    const { messages, asked } = lint(
      `
import { useCurrentUser, useProjects } from './query-hooks/queries';
export function Dashboard() {
  const { data: projects, isPending, error } = useProjects();
  const { data: user } = useCurrentUser();
  if (isPending) return <p>Loading…</p>;
  if (error) return <p>{error.message}</p>;
  return <p>{user?.name}: {projects.length} projects</p>;
}
`,
      { requireErrorState: true, requireLoadingState: true },
    );
    expect(asked).toBe(0);
    expect(messages.map((message) => [message.messageId, message.line, message.column])).toEqual([['missingStates', 5, 26]]);
  });

  it('asks the type checker once, for a same-file hook whose source does not say', () => {
    const { messages, asked } = lint(`
import { useQuery } from '@tanstack/react-query';
function useNames() {
  const query = useQuery({ queryKey: ['names'], queryFn: async () => ['a'] });
  return { ...query };
}
export function Names() {
  const { data } = useNames();
  return <ul>{data?.map((name) => <li key={name}>{name}</li>)}</ul>;
}
`);
    expect(asked).toBe(1);
    expect(messages.map((message) => [message.messageId, message.line, message.column])).toEqual([['blankOnError', 9, 15]]);
  });

  it('reports a list without an empty state when requireEmptyState is on, with no type lookup', () => {
    const code = `
import { useProjects } from './query-hooks/queries';
export function Projects() {
  const { data, isPending, error } = useProjects();
  if (isPending) return <p>Loading…</p>;
  if (error) return <p>{error.message}</p>;
  return <ul>{data.map((project) => <li key={project.id}>{project.name}</li>)}</ul>;
}
`;
    expect(lint(code).messages).toEqual([]);
    const strict = lint(code, { requireEmptyState: true });
    expect(strict.asked).toBe(0);
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
