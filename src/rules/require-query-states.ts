import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, findProperty, type FunctionNode, unwrap } from '../analysis/ast.js';
import { type FileFacts, getFileFacts } from '../analysis/file-facts.js';
import { enclosingReactFunction, isHookName } from '../analysis/react.js';
import { matchesFrom } from '../analysis/text-signals.js';
import {
  type HookSpec,
  loadingFieldOf,
  type QueryLibrary,
  QUERY_SOURCE_LIST,
  type ResultPosition,
} from '../knowledge/query-hooks.js';
import { createRule } from '../util/create-rule.js';
import { APP_HOOK_IMPORT_TEXT, importsAppHook, QueryHookIndex, type QueryHookCall } from './require-query-states/hooks.js';
import { bestEvidence, type Evidence, EvidenceCollector, type EvidenceKind } from './require-query-states/evidence.js';
import { chainPath, keyIn, procedureIn } from './require-query-states/foreign-hooks.js';
import { mutationRepeats } from './require-query-states/mutations.js';
import { type OptionFacts, optionFactsOf, readOptions } from './require-query-states/options.js';
import { projectQueries, serverAwaited } from './require-query-states/project.js';
import { typedQueryResult } from './require-query-states/types.js';
import { type ResultUsage, UsageCollector } from './require-query-states/usage.js';
import { tanstackMajor } from './require-query-states/version.js';

export type Options = [
  {
    checkMutations?: boolean;
    errorBoundary?: boolean;
    reportAssertions?: boolean;
    requireEmptyState?: boolean;
    requireErrorState?: boolean;
    requireLoadingState?: boolean;
  },
];

export type MessageIds =
  | 'addStateFields'
  | 'assumesSuccess'
  | 'blankOnError'
  | 'crashes'
  | 'defaultHidesStates'
  | 'emptyOnError'
  | 'errorAsLoading'
  | 'fallbackAsSaved'
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
      category: 'reliability',
      cwe: ['CWE-703', 'CWE-755'],
      recommended: {
        recommended: true,
        strict: [{ checkMutations: true, reportAssertions: true, requireEmptyState: true, requireErrorState: true, requireLoadingState: true }],
      },
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      crashes:
        '`{{hook}}()`: `{{text}}` throws {{when}}, because the data is still undefined. The component crashes instead of showing that state. Render {{fix}} before reading the data (or use `?.` with a fallback), or let Suspense and an error boundary take them.',
      errorAsLoading:
        '`{{hook}}()`: when the request fails, `{{test}}` keeps showing the loading UI forever. The error state is never read, so users wait for data that will not come. Check {{errorField}} first and render an error message with a way to retry.',
      emptyOnError:
        '`{{hook}}()`: when the request fails, `{{test}}` shows the empty state. The error state is never read, so an outage looks like there is no data and users act on it. Check {{errorField}} first and render an error message with a way to retry.',
      fallbackAsSaved:
        '`{{hook}}()`: when the request fails, `{{pattern}}` shows the fallback as the saved setting. The error state is never read, so users see, and may save over, a value that is not theirs. Render {{fix}}, or disable the control until the data is there.',
      defaultHidesStates:
        '`{{hook}}()`: when the request fails, `{{pattern}}` renders an empty list as if there were no data. The error state is never read, so an outage looks like an empty account. Render {{fix}} before the list; keep the default for the loaded case.',
      blankOnError:
        '`{{hook}}()`: `{{text}}` renders an empty list {{when}}. The error state is never read, so users see a blank area and no explanation. Render {{fix}} before the list.',
      missingStates:
        '`{{hook}}()` renders its data without handling the {{states}}. While the request is in flight or after it fails, this part of the page stays blank or incomplete and nothing says why. Render {{fix}} before the data, or let Suspense and an error boundary take them.',
      noEmptyState:
        '`{{hook}}()`: this list renders nothing when the query returns no items, and users cannot tell an empty result from a broken page. Check `.length` and render an empty state that says what to do next.',
      assumesSuccess:
        '`{{hook}}()`: `{{text}}` tells the type checker the request succeeded, but the data is undefined while loading and after an error. This line then crashes the component instead of showing those states. Check the loading and error states first and let narrowing prove the data is there.',
      mutationPending:
        '`{{hook}}()`: the pending state of this write is never read, so the submit stays enabled while the request is in flight. A second click sends it twice (duplicate records, double charges). Disable the submit and show progress while {{field}} is true.',
      mutationError:
        '`{{hook}}()`: a failed write is never surfaced: the error is not read and no `onError`, `catch` or `try` handles it. Users believe their change was saved. Render {{field}} next to the form, or handle the failure in `onError`.',
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
              'Also report mutations (`useMutation`, `useSWRMutation`, RTK Query `use...Mutation`) that are triggered but whose error is never surfaced, or that create or send something and whose pending state never guards the submit (double submit).',
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
          requireErrorState: {
            type: 'boolean',
            description:
              'Also report query data rendered while the error state is never read when the component shows no failure as something else: data used as a flag, a count, a label or a picker\'s options, a query the server prefetches without awaiting it or the app handles with a toast, a custom hook that returns the data but not its error.',
          },
          requireLoadingState: {
            type: 'boolean',
            description: 'Also report query data rendered while the loading state is never read, when the error state is handled.',
          },
        },
      },
    ],
    defaultOptions: [
      { checkMutations: false, errorBoundary: false, reportAssertions: false, requireEmptyState: false, requireErrorState: false, requireLoadingState: false },
    ],
  },
  create(context, [options]) {
    // Tests, stories and generated code by their path or banner are left before any text is read.
    const facts = getFileFacts(context);
    if (facts.skippedByPath) return {};
    const hookText = HOOK_TEXT.exec(facts.sourceCode.text);
    if (hookText === null) return {};
    // The analysis, which a file turned away above never enters (see `createRule`).
    return listenersFor(context, options, facts, hookText.index);
  },
});

/** The rule's listeners for a file that passed the first look in `create`. */
function listenersFor(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  options: Options[0],
  facts: FileFacts,
  hookIndex: number,
): TSESLint.RuleListener {
  const { sourceCode, filename } = facts;
  const text = sourceCode.text;
  const typed = hasTypeServices(sourceCode.parserServices);
  const queryText = QUERY_TEXT.test(text);
  // Without a library, a generated hook name or type information, only a hook imported from the
  // app's own modules (whose source is read) can be a query result. Its import starts at a hook
  // name, so its text is looked for from the first one, before the file's imports are read.
  if (!queryText && !typed && !matchesFrom(APP_HOOK_IMPORT_TEXT, text, hookIndex)) return {};
  // Tests, fixtures, mocks, seeds, migrations, scripts, stories and generated code serve no request.
  if (!facts.servesProduction) return {};
  if (!queryText && !typed && !importsAppHook(facts.imports)) return {};
  const libraryImported = facts.imports.importsAny(QUERY_SOURCE_LIST);
  const hooks = new QueryHookIndex(facts, libraryImported);
  /** Usages of query results per call and result position: computed once, by the pre-check or the check. */
  const queryUsages = new Map<TSESTree.CallExpression, Map<ResultPosition, ResultUsage>>();
  /** The options that report a query with no visible failure in the component. */
  const asksStrict = options.requireErrorState === true || options.requireLoadingState === true || options.reportAssertions === true;

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
      if (hook) check(hook, owner.fn, owner.role);
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

  function check(hook: QueryHookCall, fn: FunctionNode, role: Role): void {
    const { spec } = hook;
    if (spec.kind === 'suspense') return;
    if (spec.kind === 'queries') {
      checkQueries(hook, fn, role);
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
    checkResult(hook, usage, optionFacts, fn, role);
  }

  /** `const [users, projects] = useQueries({ queries: [a, b] })`: each element is a result with its own options. */
  function checkQueries(hook: QueryHookCall, fn: FunctionNode, role: Role): void {
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
      checkResult({ ...hook, spec: { kind: 'query', position: 'value', optionsIndex: -1 } }, collector.usage, readOptions(options, facts), fn, role);
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

  /**
   * `recommended` reports what users would see in this component when the request fails or is
   * still loading, proven from the render (see evidence.ts): a crash, an endless loader, an
   * empty state, a fallback shown as a saved setting, a blank list. Without such evidence the
   * query may well be hydrated from the server or handled app-wide, which this file cannot
   * show: only `requireErrorState` / `requireLoadingState` (strict) report it then.
   */
  function checkResult(hook: QueryHookCall, usage: ResultUsage, optionFacts: OptionFacts, fn: FunctionNode, role: Role): void {
    if (usage.dataReads.length === 0 || optionFacts.opaque) return;
    const suspense = optionFacts.suspense;
    const dataThere = optionFacts.placeholder || suspense || hook.spec.dataAlwaysThere === true;
    const loadingHandled = usage.loading || usage.absenceGate !== null || optionFacts.disabled || dataThere;
    let errorHandled = usage.error || suspense || optionFacts.errorBoundary || optionFacts.onError || options.errorBoundary === true;
    let evidence: Evidence | null = null;
    if (role === 'component' && (!loadingHandled || !errorHandled)) {
      const collector = new EvidenceCollector(sourceCode, fn, usage.names, !dataThere && !(usage.loading && usage.error));
      for (const read of usage.dataReads) collector.add(read, usage.defaults.get(read) ?? null);
      const render = collector.finish();
      if (render.errorShown) errorHandled = true;
      const kinds = new Set<EvidenceKind>();
      if (!loadingHandled || !errorHandled) kinds.add('crash');
      if (!errorHandled) for (const kind of ['loader', 'empty', 'control', 'list'] as const) kinds.add(kind);
      evidence = bestEvidence(render, kinds);
      // What other files of the app do: the server may hydrate this query, or a toast may show every failure.
      if (evidence && appHandles(hook, evidence.kind === 'crash')) evidence = null;
    }
    let missingLoading = !loadingHandled;
    let missingError = !errorHandled;
    // The server awaited this query before rendering: its data is there at the first render (asked only where `strict` could report).
    if (!evidence && (missingLoading || missingError) && asksStrict && serverAwaits(hook)) missingLoading = missingError = false;
    if (evidence) reportEvidence(hook, usage, optionFacts, evidence, missingLoading, missingError);
    else if (role === 'hook') {
      // A custom hook hands its result to the caller; it hides the failure only when it returns the data alone.
      if (missingError && !usage.loading && options.requireErrorState === true) reportMissing(hook, usage, optionFacts, missingLoading, missingError);
    } else if ((missingError && options.requireErrorState === true) || (missingLoading && !missingError && options.requireLoadingState === true)) {
      reportMissing(hook, usage, optionFacts, missingLoading, missingError);
    }
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

  /**
   * Whether another file of the app takes this query's failure out of this component's hands:
   * the server fetches it before rendering (its data is there at the first render), or an
   * app-wide `onError` toasts every failed query (a toast does not stop a crash).
   */
  function appHandles(hook: QueryHookCall, crash: boolean): boolean {
    const project = projectQueries(filename);
    if (!crash) {
      if ((hook.library === 'tanstack' || hook.library === 'trpc') && project.queryCacheToast) return true;
      if (hook.library === 'swr' && project.swrToast) return true;
    }
    return knownTo(hook, project.procedures, project.keys);
  }

  /** Whether the server awaits this query (or provides its data) before the first render. */
  function serverAwaits(hook: QueryHookCall): boolean {
    const project = projectQueries(filename);
    if (project.awaited.size === 0) return false;
    const identity = identityOf(hook);
    return [identity.procedure, identity.key].some((name) => name !== null && serverAwaited(project, name, filename));
  }

  function knownTo(hook: QueryHookCall, procedures: ReadonlySet<string>, keys: ReadonlySet<string>): boolean {
    if (procedures.size === 0 && keys.size === 0) return false;
    const identity = identityOf(hook);
    return (identity.procedure !== null && procedures.has(identity.procedure)) || (identity.key !== null && keys.has(identity.key));
  }

  function reportEvidence(hook: QueryHookCall, usage: ResultUsage, optionFacts: OptionFacts, evidence: Evidence, missingLoading: boolean, missingError: boolean): void {
    const fields = stateFields(hook, optionFacts);
    const name = hookName(hook);
    const errorField = fields.error ? `\`${fields.error}\`` : 'the error state';
    const text = clip(sourceCode.getText(evidence.node));
    const node = evidence.node;
    switch (evidence.kind) {
      case 'crash': {
        const when = missingLoading && missingError ? 'while loading and when the request fails' : missingLoading ? 'while loading' : 'when the request fails';
        const suggest = suggestion(usage.pattern, hook.library === 'unknown' ? [] : wantedFields(fields, missingLoading, missingError));
        context.report({ node, messageId: 'crashes', data: { hook: name, text, when, fix: describeFix(fields, missingLoading, missingError) }, suggest });
        return;
      }
      case 'loader':
        context.report({ node, messageId: 'errorAsLoading', data: { hook: name, test: text, errorField }, suggest: errorSuggestion(hook, usage, fields) });
        return;
      case 'empty':
        context.report({ node, messageId: 'emptyOnError', data: { hook: name, test: text, errorField }, suggest: errorSuggestion(hook, usage, fields) });
        return;
      case 'control':
        context.report({ node, messageId: 'fallbackAsSaved', data: { hook: name, pattern: text, fix: describeFix(fields, false, true) }, suggest: errorSuggestion(hook, usage, fields) });
        return;
      case 'list': {
        const fix = describeFix(fields, missingLoading, true);
        const suggest = suggestion(usage.pattern, hook.library === 'unknown' ? [] : wantedFields(fields, missingLoading, true));
        if (evidence.fallback) {
          context.report({ node: evidence.fallback, messageId: 'defaultHidesStates', data: { hook: name, pattern: clip(sourceCode.getText(evidence.fallback)), fix }, suggest });
          return;
        }
        const when = missingLoading ? 'while loading and when the request fails' : 'when the request fails';
        context.report({ node, messageId: 'blankOnError', data: { hook: name, text: `${text}(...)`, when, fix }, suggest });
        return;
      }
    }
  }

  function errorSuggestion(hook: QueryHookCall, usage: ResultUsage, fields: { error: string | null }): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
    return suggestion(usage.pattern, hook.library === 'unknown' || !fields.error ? [] : [fields.error]);
  }

  function reportMissing(hook: QueryHookCall, usage: ResultUsage, optionFacts: OptionFacts, missingLoading: boolean, missingError: boolean): void {
    const fields = stateFields(hook, optionFacts);
    const suggest = suggestion(usage.pattern, hook.library === 'unknown' ? [] : wantedFields(fields, missingLoading, missingError));
    const fix = describeFix(fields, missingLoading, missingError);
    const states = missingLoading && missingError ? 'loading and error states' : missingLoading ? 'loading state' : 'error state';
    context.report({ node: hook.call.callee, messageId: 'missingStates', data: { hook: hookName(hook), states, fix }, suggest });
  }

  function checkMutation(hook: QueryHookCall, usage: ResultUsage, optionFacts: OptionFacts): void {
    if (usage.mutateCalls.length === 0) return;
    const fields = mutationFields(hook.library, majorOf(hook));
    const name = hookName(hook);
    // A double submit matters only for a write that, sent twice, makes two of something (a create, a send).
    if (!usage.loading && usage.mutateStartedHere && mutationRepeats(hook.call, hook.optionsCall)) context.report({ node: hook.call.callee, messageId: 'mutationPending', data: { hook: name, field: `\`${fields.pending}\`` } });
    // An app-wide `MutationCache` `onError` that toasts shows every failed write.
    const appToasts = (hook.library === 'tanstack' || hook.library === 'trpc') && projectQueries(filename).mutationCacheToast;
    if (!usage.error && !usage.mutateErrorHandled && !optionFacts.onError && !optionFacts.errorBoundary && options.errorBoundary !== true && !appToasts) {
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
    return hook.library === 'tanstack' || hook.library === 'trpc' ? tanstackMajor(filename, hook.source) : 5;
  }

  function hookName(hook: QueryHookCall): string {
    return clip(sourceCode.getText(hook.call.callee));
  }
}

type Role = 'component' | 'hook';

/** The tRPC procedure (`user.me`) and the query key (`'projects'`, `'/api/user'`) a query reads. */
function identityOf(hook: QueryHookCall): { procedure: string | null; key: string | null } {
  if (hook.identity) return hook.identity;
  const call = hook.optionsCall;
  const callee = call.callee;
  let procedure: string | null = null;
  if (hook.library === 'trpc' && callee.type === AST_NODE_TYPES.MemberExpression) procedure = chainPath(callee.object);
  const first = call.arguments[0];
  if (!first) return { procedure, key: null };
  procedure ??= procedureIn(first);
  return { procedure, key: hook.library === 'trpc' ? null : keyIn(first) };
}

function wantedFields(fields: { loading: string | null; error: string | null }, loading: boolean, error: boolean): string[] {
  return [loading ? fields.loading : null, error ? fields.error : null].filter((field): field is string => field !== null);
}

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
