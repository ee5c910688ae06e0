import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, type FunctionNode, isFunctionNode, staticKeyName, unwrap, walk } from '../../analysis/ast.js';
import { callbackRole, localFunction } from '../../analysis/control-flow.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import { guardsOf, isDevelopmentOnly } from '../../analysis/guards.js';
import { COUNTER_NAME, SWR_HOOKS, SWR_RETRY_KEYS } from '../../knowledge/retry.js';

/**
 * SWR's default `onErrorRetry` backs off (up to about half an hour between attempts) but never
 * stops while `errorRetryCount` is unset. These helpers decide what an SWR config says about it:
 * - `bounded`: it sets `errorRetryCount`, a custom `onErrorRetry`, or `shouldRetryOnError` other
 *   than `true`: the retry is the user's decision;
 * - `default`: a config this layer can see entirely, with none of those keys: the default retry;
 * - `unknown`: anything else (a spread of something unknown, a function of the parent config).
 */
export type SwrRetry = 'bounded' | 'default' | 'unknown';

const { DefinitionType } = TSESLint.Scope;

/**
 * What an options object (or `<SWRConfig value>`) says about the error retry. A spread of a local
 * helper's result counts what the helper returns in production: `...getDevOnlyConfig()` that
 * returns `{}` unless `NODE_ENV === 'development'` leaves the default retry in production.
 */
export function swrRetryOf(config: TSESTree.Node, facts: FileFacts, depth = 0): SwrRetry {
  const target = unwrap(config);
  if (target.type === AST_NODE_TYPES.ObjectExpression && depth < 4) {
    let answer: SwrRetry = 'default';
    for (const property of target.properties) {
      const retry = property.type === AST_NODE_TYPES.SpreadElement ? spreadRetryOf(property.argument, facts, depth + 1) : propertyRetryOf(property, facts);
      if (retry === 'bounded') return 'bounded';
      if (retry === 'unknown') answer = 'unknown';
    }
    return answer;
  }
  return entriesRetryOf(config, facts);
}

function propertyRetryOf(property: TSESTree.Property, facts: FileFacts): SwrRetry {
  const key = staticKeyName(property);
  if (key === null) return property.computed ? 'unknown' : 'default';
  if (!(SWR_RETRY_KEYS as readonly string[]).includes(key)) return 'default';
  if (key !== 'shouldRetryOnError') return 'bounded';
  return facts.constants.value(property.value)?.value === true ? 'default' : 'bounded';
}

/** `...getConfig()` (a helper of this file: what its production returns say), or `...options`. */
function spreadRetryOf(argument: TSESTree.Node, facts: FileFacts, depth: number): SwrRetry {
  const call = unwrap(argument);
  if (call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.Identifier) {
    const fn = localFunction(call.callee, facts.sourceCode);
    if (!fn || fn.async || fn.generator) return 'unknown';
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return swrRetryOf(fn.body, facts, depth);
    const returned: TSESTree.Node[] = [];
    walk(fn.body, (node) => {
      if (node.type === AST_NODE_TYPES.ReturnStatement && enclosingFunction(node) === fn && !isDevelopmentOnly(node, facts.constants)) returned.push(node.argument ?? node);
    });
    let answer: SwrRetry = 'default';
    for (const value of returned) {
      // A bare `return;` spreads nothing.
      const retry = value.type === AST_NODE_TYPES.ReturnStatement ? 'default' : swrRetryOf(value, facts, depth);
      if (retry === 'bounded') return 'bounded';
      if (retry === 'unknown') answer = 'unknown';
    }
    return answer;
  }
  return entriesRetryOf(argument, facts);
}

function entriesRetryOf(config: TSESTree.Node, facts: FileFacts): SwrRetry {
  const object = facts.constants.objectEntries(config);
  if (!object) return 'unknown';
  for (const entry of object.entries) {
    if (entry.key === null) return 'unknown';
    if (!(SWR_RETRY_KEYS as readonly string[]).includes(entry.key)) continue;
    if (entry.key !== 'shouldRetryOnError') return 'bounded';
    const value = facts.constants.valueOf(entry.value);
    if (value?.value !== true) return 'bounded';
  }
  return object.complete ? 'default' : 'unknown';
}

/**
 * An SWR hook call that keeps the default error retry: `useSWR(key, fetcher)`,
 * `useSWR(key, fetcher, options)`, `useSWRInfinite(...)`, `useSWRImmutable(...)`. Returns the node
 * to report, or null. `useSWR(key)` takes its fetcher from a global `<SWRConfig>`, which usually
 * sets the retry too: not reported. A two-argument call whose second argument is not clearly a
 * fetcher (it may be the options object) is unknown.
 */
export function swrHookWithDefaultRetry(call: TSESTree.CallExpression, facts: FileFacts): boolean {
  const ref = facts.imports.resolve(call.callee);
  if (!ref || !SWR_HOOKS.some((hook) => hook.source === ref.source && hook.path.join('.') === ref.path.join('.'))) return false;
  if (call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return false;
  const [, second, third] = call.arguments;
  if (!second) return false;
  if (third) return swrRetryOf(third, facts) === 'default';
  if (isFetcher(second, facts)) return true;
  return swrRetryOf(second, facts) === 'default';
}

/** `fetcher`, `(url) => fetch(url).then(...)`, a local function, `api.fetchJson`. */
function isFetcher(node: TSESTree.Node, facts: FileFacts): boolean {
  const target = unwrap(node);
  if (isFunctionNode(target)) return true;
  if (target.type === AST_NODE_TYPES.Literal && target.value === null) return false;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const definition = facts.constants.definitionOf(target);
    if (definition?.type === AST_NODE_TYPES.FunctionDeclaration) return true;
    if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init && isFunctionNode(unwrap(definition.init))) return true;
    return /fetch/iu.test(target.name);
  }
  if (target.type === AST_NODE_TYPES.MemberExpression && target.property.type === AST_NODE_TYPES.Identifier) {
    return /fetch/iu.test(target.property.name);
  }
  return false;
}

/**
 * An `onErrorRetry(error, key, config, revalidate, { retryCount })` that keeps retrying: it calls
 * (or schedules) `revalidate` on a path that no retry count guards. Status checks (`if
 * (error.status === 404) return`) leave every other failure retrying forever.
 */
export function retriesForever(fn: FunctionNode): boolean {
  const revalidate = fn.params[3];
  if (revalidate?.type !== AST_NODE_TYPES.Identifier) return false;
  const uses: TSESTree.Node[] = [];
  // A holder: the flag is written from inside the walk's callback.
  const state = { delegated: false };
  walk(fn.body, (node) => {
    if (node.type !== AST_NODE_TYPES.Identifier || node.name !== revalidate.name) return;
    const parent = node.parent;
    if (parent.type !== AST_NODE_TYPES.CallExpression) return;
    if (parent.callee === node || (parent.arguments[0] === node && callbackRole(node)?.kind === 'deferred')) uses.push(node);
    // Handed to another handler (SWR's default `onErrorRetry` counts against `errorRetryCount`): unknown.
    else if (parent.arguments.includes(node)) state.delegated = true;
  });
  return !state.delegated && uses.length > 0 && uses.every((use) => !guardsOf(use, fn).some((guard) => readsCount(guard.test)));
}

/** `retryCount >= 3`, `opts.retryCount > config.errorRetryCount`, `attempts < MAX`. */
function readsCount(test: TSESTree.Node): boolean {
  let found = false;
  walk(test, (node) => {
    if (!found && node.type === AST_NODE_TYPES.Identifier && COUNTER_NAME.test(node.name)) found = true;
  });
  return found;
}

/** `<SWRConfig value={...}>` with `SWRConfig` imported from `swr`: its `value` expression, or null. */
export function swrConfigValue(element: TSESTree.JSXOpeningElement, facts: FileFacts): TSESTree.Expression | null | 'none' {
  if (element.name.type !== AST_NODE_TYPES.JSXIdentifier) return null;
  const variable = ASTUtils.findVariable(facts.sourceCode.getScope(element), element.name.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== DefinitionType.ImportBinding || definition.node.type !== AST_NODE_TYPES.ImportSpecifier) return null;
  const specifier = definition.node;
  const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
  if (imported !== 'SWRConfig' || specifier.parent.type !== AST_NODE_TYPES.ImportDeclaration || specifier.parent.source.value !== 'swr') return null;
  for (const attribute of element.attributes) {
    if (attribute.type === AST_NODE_TYPES.JSXSpreadAttribute) return null;
    if (attribute.name.type !== AST_NODE_TYPES.JSXIdentifier || attribute.name.name !== 'value') continue;
    const value = attribute.value;
    if (value?.type !== AST_NODE_TYPES.JSXExpressionContainer || value.expression.type === AST_NODE_TYPES.JSXEmptyExpression) return null;
    return value.expression;
  }
  return 'none';
}
