import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { staticKeyName, unwrap } from '../../analysis/ast.js';
import { MUTATE_FIELDS } from '../../knowledge/query-hooks.js';
import { chainPath } from './foreign-hooks.js';

/**
 * Verbs of a write that, sent twice, leaves two of something: two records, two emails, two
 * charges, two deployments. An update, a toggle, a delete or a disconnect sent twice leaves the
 * same state (or fails harmlessly the second time), so a double submit of it is nobody's bug.
 */
const REPEATING_VERBS = new Set([
  'add', 'book', 'buy', 'charge', 'checkout', 'clone', 'comment', 'copy', 'create', 'deploy', 'duplicate', 'enqueue',
  'execute', 'fork', 'generate', 'import', 'insert', 'invite', 'issue', 'new', 'order', 'pay', 'post', 'publish',
  'purchase', 'redeploy', 'refund', 'register', 'reply', 'request', 'resend', 'restore', 'run', 'schedule', 'send',
  'share', 'signup', 'submit', 'transfer', 'trigger', 'upload',
]);
const MUTATION_OPTIONS = new Set(['mutationOptions']);

/**
 * Whether the names around a mutation say that each call makes something new (`api.tags.create`,
 * `trpc.invoice.send.mutationOptions()`, `mutationFn: createTag`, `const createTag =
 * useMutation(...)`, `useCreateTagMutation`, `useMutation(CREATE_TAG)`, `useSWRMutation('/api/invite')`).
 * A write whose names say nothing is not taken to repeat.
 */
export function mutationRepeats(call: TSESTree.CallExpression, optionsCall: TSESTree.CallExpression): boolean {
  return writeNames(call, optionsCall).some((name) => REPEATING_VERBS.has(verbOf(name)));
}

function writeNames(call: TSESTree.CallExpression, optionsCall: TSESTree.CallExpression): string[] {
  const names: string[] = [];
  const callee = unwrap(call.callee);
  // `api.tags.create.useMutation()`: the procedure; `useCreateTagMutation()`: the generated name.
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const path = chainPath(callee.object);
    if (path !== null) names.push(lastSegment(path));
  } else if (callee.type === AST_NODE_TYPES.Identifier) names.push(callee.name.replace(/^use/u, ''));
  for (const argument of optionsCall.arguments) namesIn(unwrap(argument), names);
  bindingNames(call, names);
  return names;
}

/** The names an argument gives the write: a procedure, a `mutationFn`, a `mutationKey`, a document, a key. */
function namesIn(node: TSESTree.Node, names: string[]): void {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      names.push(node.name);
      return;
    case AST_NODE_TYPES.MemberExpression: {
      const key = staticKeyName(node);
      if (key !== null) names.push(key);
      return;
    }
    case AST_NODE_TYPES.Literal:
      if (typeof node.value === 'string') names.push(lastSegment(node.value));
      return;
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && MUTATION_OPTIONS.has(staticKeyName(callee) ?? '')) {
        const path = chainPath(callee.object);
        if (path !== null) names.push(lastSegment(path));
      } else namesIn(callee, names);
      return;
    }
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression: {
      // `mutationFn: (values) => createTag(values)`, `async (v) => { return await api.tags.create(v); }`
      const body = node.body;
      const result = body.type === AST_NODE_TYPES.BlockStatement ? body.body.find((statement) => statement.type === AST_NODE_TYPES.ReturnStatement)?.argument : body;
      const value = result ? unwrap(result.type === AST_NODE_TYPES.AwaitExpression ? result.argument : result) : null;
      if (value?.type === AST_NODE_TYPES.CallExpression) namesIn(unwrap(value.callee), names);
      return;
    }
    case AST_NODE_TYPES.ObjectExpression:
      for (const property of node.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          namesIn(unwrap(property.argument), names);
          continue;
        }
        const key = staticKeyName(property);
        if (key === 'mutationFn') namesIn(unwrap(property.value), names);
        else if (key === 'mutationKey' && property.value.type === AST_NODE_TYPES.ArrayExpression) {
          const first = property.value.elements[0];
          if (first) namesIn(unwrap(first), names);
        }
      }
      return;
    default:
  }
}

/** `const createTag = useMutation(...)`, `const { mutate: createTag } = ...`, `const [createTag] = useMutation(DOC)`. */
function bindingNames(call: TSESTree.CallExpression, names: string[]): void {
  const declarator = call.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== call) return;
  const id = declarator.id;
  const bound: string[] = [];
  if (id.type === AST_NODE_TYPES.Identifier) bound.push(id.name);
  else if (id.type === AST_NODE_TYPES.ArrayPattern) {
    const first = id.elements[0];
    if (first?.type === AST_NODE_TYPES.Identifier) bound.push(first.name);
  } else {
    for (const property of id.properties) {
      if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) bound.push(property.value.name);
    }
  }
  // The library's own names (`{ trigger }` of SWR) say nothing about the write.
  names.push(...bound.filter((name) => !MUTATE_FIELDS.has(name)));
}

function lastSegment(path: string): string {
  return path.split(/[./]/u).findLast((segment) => segment !== '' && !segment.startsWith(':') && !segment.startsWith('[')) ?? '';
}

/** The first word of a name, lower case: `createTag` → `create`, `CREATE_TAG` → `create`, `SendInviteDocument` → `send`. */
function verbOf(name: string): string {
  const match = /^_*([A-Z]+(?![a-z])|[A-Z]?[a-z]+)/u.exec(name);
  return match?.[1]?.toLowerCase() ?? '';
}
