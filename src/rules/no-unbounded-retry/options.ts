import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunctionNode, unwrap, walk } from '../../analysis/ast.js';
import type { ObjectEntry, Resolved } from '../../analysis/constants.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import {
  AXIOS_RETRY,
  BACKOFF_DEFAULTS,
  FOREVER_ATTEMPTS,
  JOB_QUEUES,
  MAX_TIMER_DELAY,
  REDIS_CLIENTS,
  RETRY_LIBRARIES,
  type RetryCall,
  type RetryLibrary,
  SWR_HOOKS,
} from '../../knowledge/retry.js';

/** What a library call's options say about its retries. */
export type OptionFinding =
  /** `retries: Infinity`, `forever: true`, TanStack `retry: true`: a count that never runs out. */
  | { readonly kind: 'forever'; readonly node: TSESTree.Node; readonly library: string; readonly option: string; readonly value: string }
  /** A retry decision (`retry: () => true`, SWR `onErrorRetry`, ioredis `retryStrategy`) that never says stop. */
  | { readonly kind: 'always'; readonly node: TSESTree.Node; readonly library: string; readonly option: string }
  /** axios-retry without `retryDelay`: its default retries at once. */
  | { readonly kind: 'no-delay'; readonly node: TSESTree.Node; readonly library: string }
  /** An exponential backoff whose last delay overflows `setTimeout`, with no cap option set. */
  | { readonly kind: 'uncapped'; readonly node: TSESTree.Node; readonly library: string; readonly option: string; readonly count: string; readonly capKey: string };

export interface OptionSettings {
  /** Accept retry-forever when the options cap the delay and carry an AbortSignal. */
  readonly allowCappedForever: boolean;
  /** Report library defaults that retry without a delay (strict). */
  readonly requireBackoff: boolean;
  /** Report clients that reconnect to their own service forever, e.g. ioredis (strict). */
  readonly reportClientReconnects: boolean;
}

/**
 * The libraries' calls by module, in the order of RETRY_LIBRARIES: a call is looked up by the
 * module its callee comes from instead of being compared with every library's every call (most
 * calls of a file that imports one library are not that library's).
 */
const CALLS_BY_SOURCE = new Map<string, { readonly library: RetryLibrary; readonly spec: RetryCall }[]>();
for (const library of RETRY_LIBRARIES) {
  for (const spec of library.calls) {
    let calls = CALLS_BY_SOURCE.get(spec.source);
    if (!calls) {
      calls = [];
      CALLS_BY_SOURCE.set(spec.source, calls);
    }
    calls.push({ library, spec });
  }
}

/** The findings of one call or `new` of a retry library, an HTTP client, a query hook or a queue. */
export function optionFindingsOf(call: TSESTree.CallExpression | TSESTree.NewExpression, facts: FileFacts, settings: OptionSettings): OptionFinding[] {
  const findings: OptionFinding[] = [];
  const ref = facts.imports.resolve(call.callee);
  if (!ref) {
    queueAdd(call, facts, findings);
    return findings;
  }
  const construct = call.type === AST_NODE_TYPES.NewExpression;
  for (const { library, spec } of CALLS_BY_SOURCE.get(ref.source) ?? []) {
    if (!samePath(spec.path, ref.path) || (spec.construct === true) !== construct) continue;
    for (const index of spec.arguments) {
      const argument = call.arguments[index];
      if (!argument) continue;
      const entries = entriesUnder(argument, spec.under ?? [], facts);
      if (entries) checkLibrary(library, entries, facts, settings, findings);
      if (settings.requireBackoff && !spec.under) checkCeiling(library, argument, facts, findings);
    }
  }
  if (ref.source === AXIOS_RETRY && ref.path.length === 0 && !construct && settings.requireBackoff) {
    const options = call.arguments[1];
    const object = options ? facts.constants.objectEntries(options) : null;
    if (!options || (object?.complete && !object.entries.some((entry) => entry.key === 'retryDelay'))) {
      findings.push({ kind: 'no-delay', node: call, library: 'axios-retry' });
    }
  }
  if (construct && settings.reportClientReconnects && REDIS_CLIENTS.some((client) => client.source === ref.source && samePath(client.path, ref.path))) {
    for (const argument of call.arguments) {
      const object = facts.constants.objectEntries(argument);
      for (const entry of object?.entries ?? []) {
        if (entry.key !== 'retryStrategy' && entry.key !== 'clusterRetryStrategy') continue;
        const fn = functionOf(entry.value);
        if (fn && neverStops(fn)) findings.push({ kind: 'always', node: entry.site, library: 'ioredis', option: entry.key });
      }
    }
  }
  if (!construct && SWR_HOOKS.some((hook) => hook.source === ref.source && samePath(hook.path, ref.path))) {
    const config = call.arguments.at(-1);
    if (call.arguments.length >= 2 && config) {
      for (const entry of facts.constants.objectEntries(config)?.entries ?? []) {
        // `onErrorRetry` is read wherever it is written (custom hooks pass it on): the rule's `Property` listener.
        if (entry.key !== 'errorRetryCount') continue;
        const count = facts.constants.valueOf(entry.value)?.value;
        if (isForeverCount(count)) findings.push({ kind: 'forever', node: entry.site, library: 'SWR', option: 'errorRetryCount', value: describeCount(count) });
      }
    }
  }
  return findings;
}

function checkLibrary(library: RetryLibrary, entries: readonly ObjectEntry[], facts: FileFacts, settings: OptionSettings, findings: OptionFinding[]): void {
  const keys = new Set(entries.map((entry) => entry.key));
  // A total time limit bounds an infinite count (`maxRetryTime`).
  if (library.timeBoundKeys?.some((key) => keys.has(key))) return;
  if (settings.allowCappedForever && keys.has('signal') && library.delayCapKeys?.some((key) => keys.has(key))) return;
  for (const entry of entries) {
    if (entry.key === null) continue;
    const value = facts.constants.valueOf(entry.value)?.value;
    if (library.countKeys.includes(entry.key) && isForeverCount(value)) {
      findings.push({ kind: 'forever', node: entry.site, library: library.name, option: entry.key, value: describeCount(value) });
    } else if (library.foreverKey === entry.key && value === true) {
      findings.push({ kind: 'forever', node: entry.site, library: library.name, option: entry.key, value: 'true' });
    } else if (library.nestedCountKey?.key === entry.key && entry.value.kind === 'node' && !entry.value.foreign) {
      const nested = facts.constants.objectEntries(entry.value.node);
      for (const inner of nested?.entries ?? []) {
        if (inner.key === null || !library.nestedCountKey.countKeys.includes(inner.key)) continue;
        const count = facts.constants.valueOf(inner.value)?.value;
        if (isForeverCount(count)) {
          findings.push({ kind: 'forever', node: inner.site === entry.site ? entry.site : inner.site, library: library.name, option: `${entry.key}.${inner.key}`, value: describeCount(count) });
        }
      }
    } else if (library.predicateKey === entry.key) {
      const fn = functionOf(entry.value);
      if (fn && alwaysTrue(fn)) findings.push({ kind: 'always', node: entry.site, library: library.name, option: entry.key });
    }
  }
}

/**
 * exponential-backoff without `maxDelay`, p-retry / async-retry / retry without `maxTimeout`: the
 * delay before the last attempt is `base * factor ** (count - 1)`; reported when that overflows
 * `setTimeout` (the timer then fires after 1 ms). Every value must be static (defaults fill in the
 * absent ones); a time bound (`maxRetryTime`) or an infinite count (reported as forever) is not this.
 */
function checkCeiling(library: RetryLibrary, argument: TSESTree.Node, facts: FileFacts, findings: OptionFinding[]): void {
  const defaults = BACKOFF_DEFAULTS.find((candidate) => candidate.library === library.name);
  if (!defaults) return;
  const object = facts.constants.objectEntries(argument);
  if (!object?.complete) return;
  const keys = new Set(object.entries.map((entry) => entry.key));
  if (keys.has(null) || keys.has(defaults.capKey) || library.timeBoundKeys?.some((key) => keys.has(key))) return;
  const countEntry = object.entries.findLast((entry) => entry.key === defaults.countKey);
  if (!countEntry) return;
  const read = (key: string, fallback: number): number | null => {
    const entry = object.entries.findLast((candidate) => candidate.key === key);
    if (!entry) return fallback;
    const value = facts.constants.valueOf(entry.value)?.value;
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  };
  const count = read(defaults.countKey, defaults.count);
  const base = read(defaults.baseKey, defaults.base);
  const factor = read(defaults.factorKey, defaults.factor);
  if (count === null || base === null || factor === null || count >= FOREVER_ATTEMPTS || factor <= 1 || base <= 0) return;
  if (base * factor ** (count - 1) <= MAX_TIMER_DELAY) return;
  findings.push({ kind: 'uncapped', node: countEntry.site, library: library.name, option: defaults.countKey, count: String(count), capKey: defaults.capKey });
}

/** BullMQ / Bull: `queue.add(name, data, { attempts })` on a `const queue = new Queue(...)`. */
function queueAdd(call: TSESTree.CallExpression | TSESTree.NewExpression, facts: FileFacts, findings: OptionFinding[]): void {
  const callee = unwrap(call.callee);
  if (call.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'add') return;
  const options = call.arguments[2];
  if (!options) return;
  const queue = facts.constants.resolve(callee.object);
  if (queue.kind !== 'node' || queue.node.type !== AST_NODE_TYPES.NewExpression) return;
  const constructor = queue.node.callee;
  if (!JOB_QUEUES.some((candidate) => facts.imports.isExport(constructor, [candidate.source], candidate.path))) return;
  for (const entry of facts.constants.objectEntries(options)?.entries ?? []) {
    const value = entry.key === 'attempts' ? facts.constants.valueOf(entry.value)?.value : undefined;
    if (isForeverCount(value)) findings.push({ kind: 'forever', node: entry.site, library: 'BullMQ', option: 'attempts', value: describeCount(value) });
  }
}

function entriesUnder(node: TSESTree.Node, path: readonly string[], facts: FileFacts): readonly ObjectEntry[] | null {
  let entries = facts.constants.objectEntries(node)?.entries ?? null;
  for (const key of path) {
    const entry = entries?.findLast((candidate) => candidate.key === key);
    if (entry?.value.kind !== 'node' || entry.value.foreign) return null;
    entries = facts.constants.objectEntries(entry.value.node)?.entries ?? null;
  }
  return entries;
}

function isForeverCount(value: unknown): value is number {
  return typeof value === 'number' && value >= FOREVER_ATTEMPTS;
}

function describeCount(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.MAX_SAFE_INTEGER) return 'Number.MAX_SAFE_INTEGER';
  return String(value);
}

function functionOf(resolved: Resolved): FunctionNode | null {
  if (resolved.kind !== 'node' || resolved.foreign) return null;
  const node = unwrap(resolved.node);
  if (isFunctionNode(node)) return node;
  // A method: `retryStrategy(times) { ... }` is a Property whose value is the function.
  return null;
}

/** The expressions a function returns, or null when it may fall off its end (returning undefined). */
function returnedValues(fn: FunctionNode): TSESTree.Node[] | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const last = fn.body.body.at(-1);
  if (last?.type !== AST_NODE_TYPES.ReturnStatement) return null;
  const values: TSESTree.Node[] = [];
  const state = { bare: false };
  walk(fn.body, (node) => {
    if (node.type !== AST_NODE_TYPES.ReturnStatement || enclosing(node) !== fn) return;
    if (node.argument) values.push(node.argument);
    else state.bare = true;
  });
  return state.bare ? null : values;
}

function enclosing(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return null;
}

/** `retry: () => true`, `retry: (count, error) => { return true; }`. */
function alwaysTrue(fn: FunctionNode): boolean {
  const values = returnedValues(fn);
  return values !== null && values.length > 0 && values.every((value) => {
    const target = unwrap(value);
    return target.type === AST_NODE_TYPES.Literal && target.value === true;
  });
}

/** ioredis: a strategy that only ever returns a number keeps reconnecting; returning null stops. */
function neverStops(fn: FunctionNode): boolean {
  const values = returnedValues(fn);
  return values !== null && values.length > 0 && values.every(isSurelyNumber);
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**', '<<', '>>', '|', '&']);
const MATH = new Set(['min', 'max', 'round', 'floor', 'ceil', 'pow', 'abs', 'trunc']);

function isSurelyNumber(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return typeof target.value === 'number';
    case AST_NODE_TYPES.BinaryExpression:
      return ARITHMETIC.has(target.operator);
    case AST_NODE_TYPES.ConditionalExpression:
      return isSurelyNumber(target.consequent) && isSurelyNumber(target.alternate);
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(target.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        callee.object.name === 'Math' &&
        callee.property.type === AST_NODE_TYPES.Identifier &&
        MATH.has(callee.property.name)
      );
    }
    default:
      return false;
  }
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}
