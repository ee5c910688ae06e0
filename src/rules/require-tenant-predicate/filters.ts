import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { staticKeyName, unwrap, variableOf } from '../../analysis/ast.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import { isScopingCall, sameColumn, type TenantSettings } from './context.js';

/**
 * Whether a filter holds the tenant: `yes` (with the value nodes that set it), `optional` (only
 * under an `OR`), `no`, or `unknown` (a spread, a computed key, a value the rule cannot see).
 */
export type FilterAnswer =
  | { readonly kind: 'yes'; readonly values: readonly TSESTree.Node[] }
  | { readonly kind: 'optional' }
  | { readonly kind: 'no' }
  | { readonly kind: 'unknown' };

const YES_EMPTY: FilterAnswer = { kind: 'yes', values: [] };
const NO: FilterAnswer = { kind: 'no' };
const UNKNOWN: FilterAnswer = { kind: 'unknown' };
const OPTIONAL: FilterAnswer = { kind: 'optional' };
const MAX_DEPTH = 8;

/** A Prisma-style object filter: `where` of Prisma, Drizzle v2 relational queries, Knex objects. */
export function objectFilter(node: TSESTree.Node, fields: readonly string[], relations: readonly string[], facts: FileFacts, settings: TenantSettings, depth = 0): FilterAnswer {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const target = unwrap(node);
  if (isScopingCall(target, settings)) return YES_EMPTY;
  const entries = facts.constants.objectEntries(target);
  if (!entries) return UNKNOWN;
  const extra = mutatedKeys(target, facts);
  let optional = false;
  const values: TSESTree.Node[] = [];
  for (const entry of [...entries.entries, ...extra.entries]) {
    const key = entry.key;
    if (key === null) continue;
    const value = entry.value.kind === 'node' ? entry.value.node : null;
    if (fields.some((field) => sameColumn(field, key))) {
      if (value && isUndefined(value)) continue;
      if (value) values.push(value);
      else values.push(entry.site);
      continue;
    }
    if (relations.includes(key) || settings.preAuthColumns.some((column) => sameColumn(column, key))) {
      values.push(entry.site);
      continue;
    }
    // A compound unique key: `tenantId_id: { tenantId, id }`.
    if (key.includes('_') && key.split('_').some((part) => fields.includes(part))) {
      values.push(entry.site);
      continue;
    }
    // A relation filter that holds the tenant itself: `customer: { organizationId }`, `project: { is: { orgId } }`.
    if (key !== 'AND' && key !== 'OR' && key !== 'NOT' && value && depth < 3 && unwrap(value).type === AST_NODE_TYPES.ObjectExpression) {
      const nested = objectFilter(value, fields, [], facts, settings, depth + 2);
      if (nested.kind === 'yes') {
        values.push(...nested.values);
        continue;
      }
    }
    if ((key === 'AND' || key === 'OR') && value) {
      const branches = unwrap(value).type === AST_NODE_TYPES.ArrayExpression ? (unwrap(value) as TSESTree.ArrayExpression).elements : [value];
      const answers = branches.map((branch) => (branch && branch.type !== AST_NODE_TYPES.SpreadElement ? objectFilter(branch, fields, relations, facts, settings, depth + 1) : UNKNOWN));
      if (key === 'AND') {
        const yes = answers.find((answer) => answer.kind === 'yes');
        if (yes?.kind === 'yes') values.push(...yes.values, entry.site);
        else if (answers.some((answer) => answer.kind === 'unknown')) return UNKNOWN;
        else if (answers.some((answer) => answer.kind === 'optional')) optional = true;
      } else if (answers.every((answer) => answer.kind === 'yes') && answers.length > 0) {
        values.push(entry.site);
      } else if (answers.some((answer) => answer.kind === 'yes' || answer.kind === 'optional')) {
        optional = true;
      }
    }
  }
  if (values.length > 0) return { kind: 'yes', values };
  if (!entries.complete || !extra.complete) return UNKNOWN;
  return optional ? OPTIONAL : NO;
}

function isUndefined(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return (target.type === AST_NODE_TYPES.Identifier && target.name === 'undefined') || (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === 'void');
}

/**
 * Keys added to a filter variable step by step (`where.orgId = ctx.orgId`), and whether every
 * later change was seen: the variable passed to another function or assigned with a computed
 * key makes the answer incomplete.
 */
function mutatedKeys(node: TSESTree.Node, facts: FileFacts): { entries: { key: string; value: { kind: 'node'; node: TSESTree.Node }; site: TSESTree.Node }[]; complete: boolean } {
  const result: { entries: { key: string; value: { kind: 'node'; node: TSESTree.Node }; site: TSESTree.Node }[]; complete: boolean } = { entries: [], complete: true };
  if (node.type !== AST_NODE_TYPES.Identifier) return result;
  const variable = variableOf(facts.sourceCode, node);
  if (!variable) return result;
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    const parent = identifier.parent;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      const assignment = parent.parent;
      if (assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === parent) {
        const key = staticKeyName(parent);
        if (key === null) result.complete = false;
        else result.entries.push({ key, value: { kind: 'node', node: assignment.right }, site: assignment });
      }
      continue;
    }
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(identifier as TSESTree.Expression)) {
      // `Object.assign(where, ...)`, `applyFilters(where)`: changed where the rule cannot see.
      const callee = unwrap(parent.callee);
      const name = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
      if (name === 'findMany' || name === 'findFirst' || name === 'count') continue;
      result.complete = false;
    }
  }
  return result;
}

/**
 * A Drizzle condition: `eq(t.tenantId, x)`, `inArray(t.orgId, ids)`, `and(...)` (also of a list
 * built in a variable), `or(...)` makes it optional; `sql\`...\`` mentioning the column counts.
 */
export function drizzleCondition(node: TSESTree.Node | undefined, isTenantColumn: (member: TSESTree.Node) => boolean, facts: FileFacts, settings: TenantSettings, depth = 0): FilterAnswer {
  if (!node || depth > MAX_DEPTH) return UNKNOWN;
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const resolved = facts.constants.resolve(target);
    if (resolved.kind !== 'node' || resolved.foreign || resolved.node === target) return UNKNOWN;
    target = unwrap(resolved.node);
  }
  if (isScopingCall(target, settings)) return YES_EMPTY;
  if (target.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    return target.quasi.expressions.some((expression) => isTenantColumn(expression)) ? YES_EMPTY : UNKNOWN;
  }
  if (target.type !== AST_NODE_TYPES.CallExpression) return UNKNOWN;
  const callee = unwrap(target.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
  if (name === 'eq' || name === 'inArray') {
    const [column, value] = target.arguments;
    if (column && isTenantColumn(column)) return value && !isUndefined(value) ? { kind: 'yes', values: [value] } : NO;
    if (value && isTenantColumn(value)) return column ? { kind: 'yes', values: [column] } : NO;
    return NO;
  }
  if (name === 'and' || name === 'or') {
    const answers: FilterAnswer[] = [];
    for (const argument of target.arguments) {
      if (argument.type === AST_NODE_TYPES.SpreadElement) answers.push(...listAnswers(argument.argument, isTenantColumn, facts, settings, depth));
      else answers.push(drizzleCondition(argument, isTenantColumn, facts, settings, depth + 1));
    }
    if (name === 'and') {
      const yes = answers.find((answer) => answer.kind === 'yes');
      if (yes) return yes;
      if (answers.some((answer) => answer.kind === 'unknown')) return UNKNOWN;
      return answers.some((answer) => answer.kind === 'optional') ? OPTIONAL : NO;
    }
    if (answers.length > 0 && answers.every((answer) => answer.kind === 'yes')) return YES_EMPTY;
    if (answers.some((answer) => answer.kind === 'yes' || answer.kind === 'optional')) return OPTIONAL;
    return answers.some((answer) => answer.kind === 'unknown') ? UNKNOWN : NO;
  }
  if (name === 'ne' || name === 'gt' || name === 'lt' || name === 'gte' || name === 'lte' || name === 'like' || name === 'ilike' || name === 'isNull' || name === 'isNotNull' || name === 'not' || name === 'between' || name === 'notInArray') {
    return NO;
  }
  return UNKNOWN;
}

/** The conditions of an array built in a variable: its initializer plus every `.push(...)`. */
function listAnswers(node: TSESTree.Node, isTenantColumn: (member: TSESTree.Node) => boolean, facts: FileFacts, settings: TenantSettings, depth: number): FilterAnswer[] {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return [UNKNOWN];
  const definition = facts.constants.definitionOf(target);
  const init = definition?.type === AST_NODE_TYPES.VariableDeclarator ? definition.init : null;
  if (!init || unwrap(init).type !== AST_NODE_TYPES.ArrayExpression) return [UNKNOWN];
  const answers: FilterAnswer[] = [];
  for (const element of (unwrap(init) as TSESTree.ArrayExpression).elements) {
    if (element && element.type !== AST_NODE_TYPES.SpreadElement) answers.push(drizzleCondition(element, isTenantColumn, facts, settings, depth + 1));
    else answers.push(UNKNOWN);
  }
  const variable = variableOf(facts.sourceCode, target);
  for (const reference of variable?.references ?? []) {
    const member = reference.identifier.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
    const call = member.parent;
    if (call.type === AST_NODE_TYPES.CallExpression && staticKeyName(member) === 'push') {
      // A push under a condition (`if (status) conditions.push(...)`) may not happen: only unconditional ones count as yes.
      const conditional = isConditional(call, target);
      for (const argument of call.arguments) {
        const answer = argument.type === AST_NODE_TYPES.SpreadElement ? UNKNOWN : drizzleCondition(argument, isTenantColumn, facts, settings, depth + 1);
        answers.push(conditional && answer.kind === 'yes' ? OPTIONAL : answer);
      }
    } else if (staticKeyName(member) !== 'length') {
      answers.push(UNKNOWN);
    }
  }
  return answers;
}

function isConditional(node: TSESTree.Node, declaration: TSESTree.Node): boolean {
  const declared = declaration.parent;
  for (let current = node.parent; current && current !== declared?.parent; current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression || current.type === AST_NODE_TYPES.LogicalExpression) return true;
    if (current.type === AST_NODE_TYPES.BlockStatement && (current.parent.type === AST_NODE_TYPES.FunctionDeclaration || current.parent.type === AST_NODE_TYPES.ArrowFunctionExpression || current.parent.type === AST_NODE_TYPES.FunctionExpression)) return false;
  }
  return false;
}
