import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, findProperty, type FunctionNode, unwrap } from '../analysis/ast.js';
import { getFileFacts } from '../analysis/file-facts.js';
import { enclosingReactFunction, isHookName } from '../analysis/react.js';
import {
  type HookSpec,
  loadingFieldOf,
  type QueryLibrary,
  QUERY_SOURCE_LIST,
  type ResultPosition,
} from '../knowledge/query-hooks.js';
import { createRule } from '../util/create-rule.js';
import { QueryHookIndex, type QueryHookCall } from './require-query-states/hooks.js';
import { type OptionFacts, optionFactsOf, readOptions } from './require-query-states/options.js';
import { typedQueryResult } from './require-query-states/types.js';
import { type ResultUsage, UsageCollector } from './require-query-states/usage.js';
import { tanstackMajor } from './require-query-states/version.js';

export type Options = [
  {
    checkMutations?: boolean;
    errorBoundary?: boolean;
    reportAssertions?: boolean;
    requireEmptyState?: boolean;
  },
];

export type MessageIds =
  | 'addStateFields'
  | 'assumesSuccess'
  | 'defaultHidesStates'
  | 'errorAsLoading'
  | 'missingStates'
  | 'mutationError'
  | 'mutationPending'
  | 'noEmptyState';

/** Every finding needs a hook call: `useQuery`, `useSWR`, `api.x.useQuery`, a custom `useProjects`. */
const HOOK_TEXT = /\buse[A-Z]/u;
/** A query library or a generated hook name in the text: otherwise only type information can find a result. */
const QUERY_TEXT = /react-query|['"]swr|@apollo\/|urql|@reduxjs\/toolkit|@trpc\/|\.use(?:Suspense)?(?:Infinite)?Query\b|\buse\w*(?:Query|Mutation)\b/u;
/** Where a typed result can sit in what a hook returns: the value, or either element of a tuple. */
const RESULT_POSITIONS: readonly ResultPosition[] = ['value', 0, 1];

export default createRule<Options, MessageIds>({
  name: 'require-query-states',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require components that fetch data to handle the loading and error states of their queries',
      cwe: ['CWE-703', 'CWE-755'],
      recommended: { recommended: true, strict: [{ checkMutations: true, reportAssertions: true, requireEmptyState: true }] },
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      missingStates:
        '`{{hook}}()` renders its data without handling the {{states}}: while the request is in flight or after it fails, users get a blank screen, a crash or silently missing content instead of a spinner or an error message. Render {{fix}} before the data, or let Suspense and an error boundary take them.',
      errorAsLoading:
        '`{{hook}}()`: `{{test}}` shows the loading UI whenever there is no data, and the error state is never checked, so when the request fails users watch a spinner forever. Check {{errorField}} first and render an error message with a way to retry.',
      defaultHidesStates:
        '`{{hook}}()`: the default `{{pattern}}` makes loading, a failed request and a genuinely empty result look the same, so an outage looks like an empty account. Read {{fix}} and render each state; keep the default only for the empty case.',
      noEmptyState:
        '`{{hook}}()`: this list renders nothing when the query returns no items, and users cannot tell an empty result from a broken page. Check `.length` and render an empty state that says what to do next.',
      assumesSuccess:
        '`{{hook}}()`: `{{text}}` tells the type checker the request already succeeded, but the data is undefined while loading and after an error, so this line crashes the component instead of showing those states. Check the loading and error states first and let narrowing prove the data is there.',
      mutationPending:
        '`{{hook}}()`: the pending state of this write is never read, so the submit stays enabled while the request is in flight and a second click sends it twice (duplicate records, double charges). Disable the submit and show progress while {{field}} is true.',
      mutationError:
        '`{{hook}}()`: a failed write is never surfaced (the error is not read and no `onError`, `catch` or `try` handles it), so users believe their change was saved. Render {{field}} next to the form, or handle the failure in `onError`.',
      addStateFields: 'Destructure {{fields}} from the result, then render them.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkMutations: {
            type: 'boolean',
            description:
              'Also report mutations (`useMutation`, `useSWRMutation`, RTK Query `use...Mutation`) that are triggered but whose pending state never guards the submit (double submit) or whose error is never surfaced.',
          },
          errorBoundary: {
            type: 'boolean',
            description:
              'The app sends every query error to an error boundary (TanStack `throwOnError: true` in the `QueryClient` defaults, SWR `suspense: true` in `SWRConfig`): only the loading state is required.',
          },
          reportAssertions: {
            type: 'boolean',
            description:
              'Also report `data!` and `data as T` on a result whose loading or error state is not handled: the assertion hides the undefined data from the type checker.',
          },
          requireEmptyState: {
            type: 'boolean',
            description: 'Also report lists rendered from query data (`data.map(...)`, `data?.items.map(...)`) whose length is never read: no empty state.',
          },
        },
      },
    ],
    defaultOptions: [{ checkMutations: false, errorBoundary: false, reportAssertions: false, requireEmptyState: false }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    if (!HOOK_TEXT.test(text)) return {};
    const typed = hasTypeServices(sourceCode.parserServices);
    const queryText = QUERY_TEXT.test(text);
    // Without a library, a generated hook name or type information, nothing can be a query result.
    if (!queryText && !typed) return {};
    const facts = getFileFacts(context);
    // Tests, fixtures, mocks, seeds, migrations, scripts, stories and generated code serve no request.
    if (!facts.servesProduction) return {};
    const libraryImported = facts.imports.importsAny(QUERY_SOURCE_LIST);
    const hooks = new QueryHookIndex(facts, libraryImported);
    /** Usages of query results per call and result position: computed once, by the pre-check or the check. */
    const queryUsages = new Map<TSESTree.CallExpression, Map<ResultPosition, ResultUsage>>();

    return {
      CallExpression(node) {
        const callee = unwrap(node.callee);
        const name = calleeName(node);
        if (name === null || !isHookName(name)) return;
        const owner = enclosingReactFunction(node);
        if (!owner) return;
        let hook = hooks.identify(node);
        if (hook?.evidence === 'generated' && hook.spec.kind !== 'mutation' && typed) hook = withType(hook, owner.fn);
        else if (
          !hook &&
          typed &&
          callee.type === AST_NODE_TYPES.Identifier &&
          boundLikeAResult(node) &&
          !hooks.isLibraryOrReact(callee) &&
          reportableAsResult(node, owner.fn)
        ) {
          hook = fromType(node);
        }
        if (hook) check(hook, owner.fn);
      },
    };

    /**
     * A generated-name hook confirmed (and its library named) by its type; dropped when the type
     * says otherwise. Dropped without asking when no result type could make its usage reportable
     * (then the untyped check would not report it either).
     */
    function withType(hook: QueryHookCall, fn: FunctionNode): QueryHookCall | null {
      if (!reportableAsResult(hook.call, fn)) return null;
      const types = facts.types;
      if (!types) return hook;
      const result = typedQueryResult(hook.call, types, sourceCode);
      if (!result) return null;
      return { ...hook, library: result.library, spec: { ...specOf(result.position, result.suspense), dataAlwaysThere: result.dataAlwaysThere } };
    }

    function fromType(call: TSESTree.CallExpression): QueryHookCall | null {
      const types = facts.types;
      const result = types ? typedQueryResult(call, types, sourceCode) : null;
      if (!result) return null;
      const spec: HookSpec = { ...specOf(result.position, result.suspense), dataAlwaysThere: result.dataAlwaysThere };
      return { call, library: result.library, spec, source: null, optionsCall: call, evidence: 'type' };
    }

    function check(hook: QueryHookCall, fn: FunctionNode): void {
      const { spec } = hook;
      if (spec.kind === 'suspense') return;
      if (spec.kind === 'queries') {
        checkQueries(hook, fn);
        return;
      }
      const mutation = spec.kind === 'mutation';
      if (mutation && options.checkMutations !== true) return;
      const usage = usageOf(hook.call, fn, concretePosition(hook), mutation);
      if (usage.escapes) return;
      const optionFacts = optionFactsOf(hook, facts);
      if (mutation) {
        checkMutation(hook, usage, optionFacts);
        return;
      }
      checkResult(hook, usage, optionFacts);
    }

    /** `const [users, projects] = useQueries({ queries: [a, b] })`: each element is a result with its own options. */
    function checkQueries(hook: QueryHookCall, fn: FunctionNode): void {
      const declarator = hook.call.parent;
      const argument = hook.call.arguments[0];
      if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.ArrayPattern) return;
      if (argument?.type !== AST_NODE_TYPES.ObjectExpression || findProperty(argument, 'combine')) return;
      const queries = findProperty(argument, 'queries')?.value;
      if (queries?.type !== AST_NODE_TYPES.ArrayExpression) return;
      declarator.id.elements.forEach((element, index) => {
        const options = queries.elements[index];
        if (!element || !options || options.type === AST_NODE_TYPES.SpreadElement) return;
        const collector = new UsageCollector(sourceCode, fn, false);
        collector.fromBinding(element);
        if (collector.usage.escapes) return;
        checkResult({ ...hook, spec: { kind: 'query', position: 'value', optionsIndex: -1 } }, collector.usage, readOptions(options, facts));
      });
    }

    /** How `fn` uses the result at `position` in what `call` returns; query usages are kept for the check after the pre-check. */
    function usageOf(call: TSESTree.CallExpression, fn: FunctionNode, position: ResultPosition, mutation: boolean): ResultUsage {
      const collect = (): ResultUsage => {
        const collector = new UsageCollector(sourceCode, fn, mutation);
        collector.fromValue(call, position);
        return collector.usage;
      };
      if (mutation) return collect();
      let byPosition = queryUsages.get(call);
      if (!byPosition) {
        byPosition = new Map();
        queryUsages.set(call, byPosition);
      }
      let usage = byPosition.get(position);
      if (!usage) {
        usage = collect();
        byPosition.set(position, usage);
      }
      return usage;
    }

    /**
     * Whether any query result type could make `check` report this call, judged from its usage
     * alone: the type checker (the costly part) is asked only when the answer is yes. The answer
     * assumes the worst of what a type could add (any result position, data that can be undefined,
     * no Suspense) and of the options (a typed result of Apollo, urql, RTK Query or tRPC reads
     * none), so a call it rules out stays silent whatever its type: a result passed whole,
     * unused, or whose data is rendered after both its loading and error states are read. Keep it
     * in step with `checkResult`: it must answer yes wherever `checkResult` could report.
     */
    function reportableAsResult(call: TSESTree.CallExpression, fn: FunctionNode): boolean {
      return RESULT_POSITIONS.some((position) => {
        const usage = usageOf(call, fn, position, false);
        if (usage.escapes || usage.dataReads.length === 0) return false;
        const loadingHandled = usage.loading || usage.absenceGate !== null;
        const errorHandled = usage.error || options.errorBoundary === true;
        const emptyMissing = options.requireEmptyState === true && !usage.emptyChecked && usage.listRenders.length > 0;
        return !loadingHandled || !errorHandled || emptyMissing;
      });
    }

    function checkResult(hook: QueryHookCall, usage: ResultUsage, optionFacts: OptionFacts): void {
      if (usage.dataReads.length === 0 || optionFacts.opaque) return;
      const suspense = optionFacts.suspense;
      const loadingHandled =
        usage.loading || usage.absenceGate !== null || optionFacts.placeholder || optionFacts.disabled || suspense || hook.spec.dataAlwaysThere === true;
      const errorHandled = usage.error || suspense || optionFacts.errorBoundary || options.errorBoundary === true;
      const missingLoading = !loadingHandled;
      const missingError = !errorHandled;
      if (missingLoading || missingError) reportMissing(hook, usage, optionFacts, missingLoading, missingError);
      if (options.requireEmptyState === true && !usage.emptyChecked) {
        const list = usage.listRenders[0];
        if (list) context.report({ node: list, messageId: 'noEmptyState', data: { hook: hookName(hook) } });
      }
      if (options.reportAssertions === true && (missingLoading || missingError)) {
        for (const assertion of usage.assertions) {
          context.report({ node: assertion, messageId: 'assumesSuccess', data: { hook: hookName(hook), text: clip(sourceCode.getText(assertion)) } });
        }
      }
    }

    function reportMissing(hook: QueryHookCall, usage: ResultUsage, optionFacts: OptionFacts, missingLoading: boolean, missingError: boolean): void {
      const fields = stateFields(hook, optionFacts);
      const wanted = [missingLoading ? fields.loading : null, missingError ? fields.error : null].filter((field): field is string => field !== null);
      const suggest = suggestion(usage.pattern, hook.library === 'unknown' ? [] : wanted);
      const name = hookName(hook);
      if (missingError && !missingLoading && usage.absenceGate) {
        context.report({
          node: usage.absenceGate,
          messageId: 'errorAsLoading',
          data: { hook: name, test: clip(sourceCode.getText(usage.absenceGate)), errorField: fields.error ? `\`${fields.error}\`` : 'the error state' },
          suggest,
        });
        return;
      }
      const fix = describeFix(fields, missingLoading, missingError);
      if (usage.dataDefault && !usage.loading && !usage.error) {
        context.report({ node: usage.dataDefault, messageId: 'defaultHidesStates', data: { hook: name, pattern: clip(sourceCode.getText(usage.dataDefault)), fix }, suggest });
        return;
      }
      const states = missingLoading && missingError ? 'loading and error states' : missingLoading ? 'loading state' : 'error state';
      context.report({ node: hook.call.callee, messageId: 'missingStates', data: { hook: name, states, fix }, suggest });
    }

    function checkMutation(hook: QueryHookCall, usage: ResultUsage, optionFacts: OptionFacts): void {
      if (usage.mutateCalls.length === 0) return;
      const fields = mutationFields(hook.library, majorOf(hook));
      const name = hookName(hook);
      if (!usage.loading) context.report({ node: hook.call.callee, messageId: 'mutationPending', data: { hook: name, field: `\`${fields.pending}\`` } });
      if (!usage.error && !usage.mutateErrorHandled && !optionFacts.onError && !optionFacts.errorBoundary && options.errorBoundary !== true) {
        context.report({ node: hook.call.callee, messageId: 'mutationError', data: { hook: name, field: `\`${fields.error}\`` } });
      }
    }

    function stateFields(hook: QueryHookCall, optionFacts: OptionFacts): { loading: string | null; error: string | null } {
      return {
        loading: loadingFieldOf(hook.library, majorOf(hook), optionFacts.dependent),
        error: hook.library === 'unknown' ? null : 'error',
      };
    }

    function suggestion(pattern: TSESTree.ObjectPattern | null, fields: readonly string[]): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      if (!pattern || fields.length === 0) return [];
      const scope = sourceCode.getScope(pattern);
      const free = fields.filter((field) => ASTUtils.findVariable(scope, field) === null);
      const properties = pattern.properties;
      const rest = properties.find((property) => property.type === AST_NODE_TYPES.RestElement);
      const last = properties.filter((property) => property.type !== AST_NODE_TYPES.RestElement).at(-1);
      if (free.length === 0 || (!rest && !last)) return [];
      const list = free.join(', ');
      return [
        {
          messageId: 'addStateFields',
          data: { fields: free.map((field) => `\`${field}\``).join(' and ') },
          fix: (fixer) => (rest ? fixer.insertTextBefore(rest, `${list}, `) : fixer.insertTextAfter(last as TSESTree.Node, `, ${list}`)),
        },
      ];
    }

    function majorOf(hook: QueryHookCall): number {
      return hook.library === 'tanstack' || hook.library === 'trpc' ? tanstackMajor(context.filename, hook.source) : 5;
    }

    function hookName(hook: QueryHookCall): string {
      return clip(sourceCode.getText(hook.call.callee));
    }
  },
});

function hasTypeServices(services: unknown): boolean {
  const candidate = services as { program?: unknown } | undefined;
  return candidate?.program !== undefined && candidate.program !== null;
}

/** The result sits where the binding says for generated hooks: urql's `[result]`, RTK's `[trigger, result]`. */
function concretePosition(hook: QueryHookCall): ResultPosition {
  const { position } = hook.spec;
  if (hook.evidence !== 'generated') return position;
  const declarator = hook.call.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.ArrayPattern) return position;
  const first = declarator.id.elements[0];
  if (position === 'value') return 0;
  return first?.type === AST_NODE_TYPES.ObjectPattern ? 0 : position;
}

function specOf(position: ResultPosition, suspense: boolean): HookSpec {
  return { kind: suspense ? 'suspense' : 'query', position, optionsIndex: -1 };
}

/** Destructured or read as a result: a cheap filter before asking the checker. */
function boundLikeAResult(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator) return parent.init === call;
  return parent.type === AST_NODE_TYPES.MemberExpression && parent.object === call;
}

function describeFix(fields: { loading: string | null; error: string | null }, loading: boolean, error: boolean): string {
  const parts: string[] = [];
  if (loading) parts.push(fields.loading ? `\`${fields.loading}\` (a loading indicator)` : 'the loading state (a loading indicator)');
  if (error) parts.push(fields.error ? `\`${fields.error}\` (a message with a way to retry)` : 'the error state (a message with a way to retry)');
  return parts.join(' and ');
}

function mutationFields(library: QueryLibrary, major: number): { pending: string; error: string } {
  switch (library) {
    case 'apollo':
      return { pending: 'loading', error: 'error' };
    case 'urql':
      return { pending: 'fetching', error: 'error' };
    case 'swr':
      return { pending: 'isMutating', error: 'error' };
    case 'rtk':
    case 'unknown':
      return { pending: 'isLoading', error: 'error' };
    case 'tanstack':
    case 'trpc':
      return { pending: major >= 5 ? 'isPending' : 'isLoading', error: 'error' };
  }
}

function clip(text: string): string {
  const line = text.replace(/\s+/gu, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
