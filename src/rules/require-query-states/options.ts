import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { staticKeyName, unwrap } from '../../analysis/ast.js';
import type { Resolved } from '../../analysis/constants.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import {
  DISABLE_OPTIONS,
  ERROR_BOUNDARY_OPTIONS,
  PLACEHOLDER_OPTIONS,
  SUSPENSE_OPTIONS,
} from '../../knowledge/query-hooks.js';
import type { QueryHookCall } from './hooks.js';

/** What a query's options say about its states. */
export interface OptionFacts {
  /** Suspense takes the loading state and an error boundary the error state. */
  readonly suspense: boolean;
  /** Errors go to an error boundary. */
  readonly errorBoundary: boolean;
  /** The first render already has a value. */
  readonly placeholder: boolean;
  /** `enabled: false` / `skip: true`: never loads by itself. */
  readonly disabled: boolean;
  /** `enabled: !!user`: a dependent query. */
  readonly dependent: boolean;
  /** urql `context` (may carry `suspense: true`): nothing can be concluded. */
  readonly opaque: boolean;
  /**
   * `onError`/`onSettled` (mutations; queries of TanStack v3/v4 and SWR), or a `meta` entry naming an
   * error message for an app-wide `QueryCache` `onError` (`meta: { errorMessage: '...' }`).
   */
  readonly onError: boolean;
}

const NONE: OptionFacts = {
  suspense: false,
  errorBoundary: false,
  placeholder: false,
  disabled: false,
  dependent: false,
  opaque: false,
  onError: false,
};

const UNKNOWN = Symbol('unknown');
/** The keys whose values matter; the others (query keys, fetchers) are never evaluated. */
const INTERESTING: ReadonlySet<string> = new Set([
  ...SUSPENSE_OPTIONS,
  ...ERROR_BOUNDARY_OPTIONS,
  ...PLACEHOLDER_OPTIONS,
  ...Object.keys(DISABLE_OPTIONS),
]);

const OPTION_FACTORIES = new Set(['queryOptions', 'infiniteQueryOptions', 'mutationOptions']);

/** The options of a query call, read from object literals and same-file (or imported) constants. */
export function optionFactsOf(hook: QueryHookCall, facts: FileFacts): OptionFacts {
  const call = hook.optionsCall;
  const candidates: TSESTree.Node[] = [];
  const index = hook.spec.optionsIndex;
  // A custom hook's own arguments are not the query's options; its source says what they take over.
  if (hook.evidence === 'foreign') return { ...NONE, placeholder: hook.takesOver?.loading === true, errorBoundary: hook.takesOver?.error === true };
  if (index === -2) {
    candidates.push(...call.arguments);
  } else if (hook.library === 'tanstack' || hook.library === 'swr') {
    // TanStack v4 `(key, fn, options)` and SWR `(key, options)` / `(key, fetcher, options)`.
    const first = call.arguments[0];
    if (hook.library === 'tanstack' && first && isObjectLike(first)) candidates.push(first);
    else for (const argument of call.arguments.slice(1)) if (isObjectLike(argument)) candidates.push(argument);
  } else if (index >= 0) {
    const argument = call.arguments[index];
    if (argument) candidates.push(argument);
  }
  let result: OptionFacts = NONE;
  for (const candidate of candidates) result = merge(result, readOptions(candidate, facts));
  return result;
}

function isObjectLike(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.CallExpression;
}

/** The facts of one options object (an object literal, a constant, or `queryOptions({...})`). */
export function readOptions(node: TSESTree.Node, facts: FileFacts): OptionFacts {
  let target = unwrap(node);
  // `useQuery(queryOptions({ ... }))`
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
    const [first, second] = target.arguments;
    if (name !== null && OPTION_FACTORIES.has(name) && first) target = unwrap(first);
    // tRPC's option factories: `trpc.post.create.mutationOptions(options)`, `trpc.post.byId.queryOptions(input, options)`.
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
    const options = method === 'mutationOptions' ? first : method !== null && OPTION_FACTORIES.has(method) ? second : undefined;
    if (options) target = unwrap(options);
  }
  const entries = facts.constants.objectEntries(target);
  if (!entries) return NONE;
  let suspense = false;
  let errorBoundary = false;
  let placeholder = false;
  let disabled = false;
  let dependent = false;
  let opaque = false;
  let onError = false;
  for (const entry of entries.entries) {
    const key = entry.key;
    if (key === null) continue;
    if (key === 'context') opaque = true;
    if (key === 'onError' || key === 'onSettled') onError = true;
    if (key === 'meta' && metaNamesError(entry.value)) onError = true;
    if (!INTERESTING.has(key)) continue;
    const value = staticValue(entry.value, facts);
    if (SUSPENSE_OPTIONS.has(key) && value !== false) suspense = true;
    if (ERROR_BOUNDARY_OPTIONS.has(key) && value !== false) errorBoundary = true;
    if (PLACEHOLDER_OPTIONS.has(key) && value !== undefined) placeholder = true;
    if (key in DISABLE_OPTIONS) {
      if (value === DISABLE_OPTIONS[key]) disabled = true;
      else if (value === UNKNOWN) dependent = true;
    }
  }
  return { suspense, errorBoundary, placeholder, disabled, dependent, opaque, onError };
}

/** `meta: { errorMessage: 'Could not load invoices' }`: read by an app-wide `QueryCache` `onError`. */
function metaNamesError(resolved: Resolved): boolean {
  if (resolved.kind !== 'node') return false;
  const node = unwrap(resolved.node);
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return node.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const key = property.key;
    const name = key.type === AST_NODE_TYPES.Identifier ? key.name : key.type === AST_NODE_TYPES.Literal ? String(key.value) : '';
    return /error/iu.test(name);
  });
}

function staticValue(resolved: Resolved, facts: FileFacts): unknown {
  if (resolved.kind === 'value') return resolved.value;
  const node = unwrap(resolved.node);
  if (node.type === AST_NODE_TYPES.Literal) return node.value;
  if (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') return undefined;
  if (resolved.foreign) return UNKNOWN;
  const known = facts.constants.valueOf(resolved);
  return known ? known.value : UNKNOWN;
}

function merge(a: OptionFacts, b: OptionFacts): OptionFacts {
  return {
    suspense: a.suspense || b.suspense,
    errorBoundary: a.errorBoundary || b.errorBoundary,
    placeholder: a.placeholder || b.placeholder,
    disabled: a.disabled || b.disabled,
    dependent: a.dependent || b.dependent,
    opaque: a.opaque || b.opaque,
    onError: a.onError || b.onError,
  };
}
