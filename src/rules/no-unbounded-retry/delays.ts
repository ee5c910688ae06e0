import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { unwrap, variableOf, walk } from '../../analysis/ast.js';
import { delayAmountOf, delayCallsIn } from '../../analysis/control-flow.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import { NETWORK_CLIENT_TYPES, NETWORK_SOURCES } from '../../knowledge/retry.js';

/** A retry that waits the same time before every attempt, around a call to a remote service. */
export interface FixedDelay {
  /** The delay call (`sleep(1000)`, `setTimeout(resolve, RETRY_MS)`). */
  readonly wait: TSESTree.Node;
  /** The network call retried (`fetch(url)`, `stripe.paymentIntents.create(...)`). */
  readonly operation: TSESTree.CallExpression;
}

/**
 * Whether a bounded retry waits a fixed time and retries a network call: every delay call in
 * `region` waits a static number of milliseconds (a literal or a constant), and `region` calls
 * `fetch`, an HTTP client or a payment/API SDK. A delay computed from anything else (`1000 *
 * attempt`, a parameter) counts as growing; no delay call means no answer (that is `noDelay`).
 */
export function fixedDelayOf(region: TSESTree.Node, facts: FileFacts): FixedDelay | null {
  const waits = delayCallsIn(region);
  if (waits.length === 0) return null;
  for (const wait of waits) {
    const amount = delayAmountOf(wait);
    if (amount === null || amount === 'growing') return null;
    if (typeof facts.constants.value(amount)?.value !== 'number') return null;
  }
  const first = waits[0];
  const operation = networkCallIn(region, facts);
  return first && operation ? { wait: first, operation } : null;
}

/** The first call to a remote service in `region`: syntax and imports first, the checker last. */
function networkCallIn(region: TSESTree.Node, facts: FileFacts): TSESTree.CallExpression | null {
  const calls: TSESTree.CallExpression[] = [];
  walk(region, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
  });
  const roots = calls.map((call) => ({ call, root: rootOf(call.callee) }));
  for (const { call, root } of roots) if (root && isNetworkRoot(root, call, facts)) return call;
  if (!facts.types) return null;
  for (const { call, root } of roots) {
    if (!root || root === unwrap(call.callee)) continue;
    const names = facts.types.typeNames(root);
    if (names && [...names].some((name) => NETWORK_CLIENT_TYPES.has(name))) return call;
  }
  return null;
}

/** `stripe` in `stripe.paymentIntents.create`, `fetch` in `fetch`, `axios` in `axios.get`. */
function rootOf(callee: TSESTree.Node): TSESTree.Identifier | null {
  let current = unwrap(callee);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : null;
}

function isNetworkRoot(root: TSESTree.Identifier, call: TSESTree.CallExpression, facts: FileFacts): boolean {
  if (root.name === 'fetch' && unwrap(call.callee) === root) {
    const variable = variableOf(facts.sourceCode, root);
    if (!variable || variable.defs.length === 0) return true;
  }
  if (fromNetworkSource(root, facts)) return true;
  // `const stripe = new Stripe(key)`, `const api = axios.create({ ... })`, `const client = got.extend(...)`.
  const definition = facts.constants.definitionOf(root);
  if (definition?.type !== AST_NODE_TYPES.VariableDeclarator || definition.id.type !== AST_NODE_TYPES.Identifier || !definition.init) return false;
  let init = unwrap(definition.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
  if (init.type !== AST_NODE_TYPES.NewExpression && init.type !== AST_NODE_TYPES.CallExpression) return false;
  return fromNetworkSource(init.callee, facts);
}

function fromNetworkSource(node: TSESTree.Node, facts: FileFacts): boolean {
  const ref = facts.imports.resolve(node);
  return ref !== null && NETWORK_SOURCES.some((source) => (source.endsWith('/') ? ref.source.startsWith(source) : ref.source === source));
}
