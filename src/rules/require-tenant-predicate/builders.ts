import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { staticKeyName, unwrap } from '../../analysis/ast.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import { MEMBERSHIP_TABLE, USER_ID_COLUMN } from '../../knowledge/tenant.js';
import { type Scoping, sameColumn, type TenantSettings } from './context.js';
import { chainAfter } from './drizzle.js';
import { type FilterAnswer, objectFilter } from './filters.js';

/**
 * String-table query builders: Knex (`knex('invoices').where(...)`), Kysely
 * (`db.selectFrom('invoices').where(...)`) and Supabase (`supabase.from('invoices').eq(...)`).
 * Each answers the statement kind, the table, and whether the chain holds the tenant.
 */
export interface BuilderQuery {
  readonly library: 'knex' | 'kysely' | 'supabase';
  readonly table: string;
  readonly kind: 'SELECT' | 'UPDATE' | 'DELETE' | 'INSERT';
  readonly node: TSESTree.CallExpression;
  readonly answer: (scoping: Scoping, settings: TenantSettings) => FilterAnswer;
  /** The column = value pairs the chain filters by, `optional` under an `OR`; null when the chain cannot be read whole. */
  readonly selectors: () => readonly Selector[] | null;
}

/** A column the query compares to a value (`.where('id', id)`, `id = $1`), and whether only under an `OR`. */
export interface Selector {
  readonly key: string;
  readonly value: TSESTree.Node;
  readonly optional: boolean;
}

const KYSELY_METHODS: Readonly<Record<string, BuilderQuery['kind']>> = {
  selectFrom: 'SELECT',
  updateTable: 'UPDATE',
  deleteFrom: 'DELETE',
  insertInto: 'INSERT',
};

const UNKNOWN: FilterAnswer = { kind: 'unknown' };

/** `'invoices as i'` → `invoices`; `'public.invoices'` → `invoices`. */
function tableOf(node: TSESTree.Node | undefined): string | null {
  if (node?.type !== AST_NODE_TYPES.Literal || typeof node.value !== 'string') return null;
  const name = node.value.trim().split(/\s+/u)[0] ?? '';
  const bare = name.split('.').pop() ?? '';
  return /^[\w$]+$/u.test(bare) ? bare : null;
}

/** `'i.tenant_id'` → `tenant_id`. */
function columnOf(node: TSESTree.Node | undefined, facts: FileFacts): string | null {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement) return null;
  const value = facts.constants.value(node)?.value;
  return typeof value === 'string' ? (value.split('.').pop() ?? null) : null;
}

function isTenant(column: string | null, scoping: Scoping): boolean {
  return column !== null && scoping.columns.some((tenant) => sameColumn(tenant, column));
}

/** Knex: a call of the instance made by `knex(config)` with a table name. */
export function knexQuery(call: TSESTree.CallExpression, facts: FileFacts): BuilderQuery | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || call.arguments.length !== 1) return null;
  const table = tableOf(call.arguments[0]);
  if (table === null || !isKnexInstance(callee, facts)) return null;
  return chainQuery('knex', call, table, facts, null);
}

function isKnexInstance(identifier: TSESTree.Identifier, facts: FileFacts): boolean {
  const resolved = facts.constants.resolve(identifier);
  if (resolved.kind === 'node' && resolved.node.type === AST_NODE_TYPES.CallExpression) {
    const maker = unwrap(resolved.node.callee);
    if (resolved.foreign) return maker.type === AST_NODE_TYPES.Identifier && /^knex$/iu.test(maker.name);
    return facts.imports.isExport(maker, ['knex'], []) || facts.imports.isExport(maker, ['knex'], ['knex']);
  }
  const names = facts.types?.typeNames(identifier);
  return names?.has('Knex') === true;
}

/** Kysely: `db.selectFrom('t')`, `db.updateTable('t')`, `db.deleteFrom('t')`, `db.insertInto('t')`. */
export function kyselyQuery(call: TSESTree.CallExpression, method: string, facts: FileFacts): BuilderQuery | null {
  // Own names only: every object has a `toString` and a `constructor`.
  const kind = Object.hasOwn(KYSELY_METHODS, method) ? KYSELY_METHODS[method] : undefined;
  if (!kind || call.arguments.length !== 1) return null;
  const table = tableOf(call.arguments[0]);
  if (table === null) return null;
  return chainQuery('kysely', call, table, facts, kind);
}

/** Supabase: `client.from('t')` on a client created with the service-role key. */
export function supabaseQuery(call: TSESTree.CallExpression, facts: FileFacts): BuilderQuery | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length !== 1) return null;
  const table = tableOf(call.arguments[0]);
  if (table === null || !isServiceRoleClient(callee.object, facts)) return null;
  return chainQuery('supabase', call, table, facts, null);
}

const SERVICE_ROLE = /service_?role/iu;

function isServiceRoleClient(node: TSESTree.Node, facts: FileFacts): boolean {
  const resolved = facts.constants.resolve(node);
  if (resolved.kind !== 'node' || resolved.node.type !== AST_NODE_TYPES.CallExpression) return false;
  const maker = unwrap(resolved.node.callee);
  const isCreateClient = resolved.foreign
    ? maker.type === AST_NODE_TYPES.Identifier && maker.name === 'createClient'
    : facts.imports.isExport(maker, ['@supabase/supabase-js'], ['createClient']);
  const key = resolved.node.arguments[1];
  if (!isCreateClient || !key) return false;
  return SERVICE_ROLE.test(keyText(key, resolved.foreign ? null : facts));
}

function keyText(node: TSESTree.Node, facts: FileFacts | null): string {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    if (SERVICE_ROLE.test(target.name)) return target.name;
    const resolved = facts?.constants.resolve(target);
    return resolved?.kind === 'node' && resolved.node !== target ? keyText(resolved.node, facts) : target.name;
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) return `${keyText(target.object, facts)}.${staticKeyName(target) ?? ''}`;
  if (target.type === AST_NODE_TYPES.LogicalExpression) return `${keyText(target.left, facts)} ${keyText(target.right, facts)}`;
  if (target.type === AST_NODE_TYPES.Literal) return String(target.value);
  return '';
}

const KNEX_KINDS: Readonly<Record<string, BuilderQuery['kind']>> = {
  update: 'UPDATE',
  del: 'DELETE',
  delete: 'DELETE',
  insert: 'INSERT',
  upsert: 'INSERT',
  increment: 'UPDATE',
  decrement: 'UPDATE',
};

/** Reads the chain after the table call: the kind, and the predicates on the tenant column. */
function chainQuery(library: BuilderQuery['library'], call: TSESTree.CallExpression, table: string, facts: FileFacts, fixedKind: BuilderQuery['kind'] | null): BuilderQuery | null {
  const { calls, top } = chainAfter(call);
  let kind: BuilderQuery['kind'] = fixedKind ?? 'SELECT';
  if (!fixedKind) {
    for (const link of calls) {
      // `.toString()` (to log the SQL) is no statement kind: own names only.
      if (Object.hasOwn(KNEX_KINDS, link.name)) kind = KNEX_KINDS[link.name] ?? kind;
    }
  }
  // Supabase `.insert({...})` and Knex `.insert({...})` carry the row.
  const data = kind === 'INSERT' ? calls.find((link) => link.name === 'insert' || link.name === 'values' || link.name === 'upsert')?.call.arguments[0] : undefined;
  const extended = top.parent?.type === AST_NODE_TYPES.VariableDeclarator || top.parent?.type === AST_NODE_TYPES.AssignmentExpression;
  return {
    library,
    table,
    kind,
    node: call,
    selectors: () => (extended ? null : chainSelectors(calls, library, facts)),
    answer: (scoping: Scoping, settings: TenantSettings): FilterAnswer => {
      if (kind === 'INSERT') {
        if (!data || data.type === AST_NODE_TYPES.SpreadElement) return UNKNOWN;
        const row = unwrap(data).type === AST_NODE_TYPES.ArrayExpression ? (unwrap(data) as TSESTree.ArrayExpression).elements[0] : data;
        return row && row.type !== AST_NODE_TYPES.SpreadElement ? objectFilter(row, scoping.columns, [], facts, settings) : UNKNOWN;
      }
      let optional = false;
      let unknown = extended;
      for (const link of calls) {
        const [first, second, third] = link.call.arguments;
        switch (link.name) {
          case 'where':
          case 'andWhere':
          case 'whereIn':
          case 'eq':
          case 'in':
          case 'match': {
            if (first && first.type !== AST_NODE_TYPES.SpreadElement && unwrap(first).type !== AST_NODE_TYPES.Literal && (link.name === 'where' || link.name === 'andWhere' || link.name === 'match')) {
              const target = unwrap(first);
              if (target.type === AST_NODE_TYPES.ArrowFunctionExpression || target.type === AST_NODE_TYPES.FunctionExpression) {
                // Kysely `where((eb) => eb.and([eb('id', '=', id), eb('org_id', '=', orgId)]))`; Knex `where((qb) => qb.where(...))`.
                const conditions = callbackConditions(target, library, facts);
                if (!conditions) {
                  unknown = true;
                  break;
                }
                const tenant = conditions.filter((condition) => isTenant(condition.key, scoping));
                const required = tenant.find((condition) => !condition.optional);
                if (required) return { kind: 'yes', values: [required.value] };
                if (tenant.length > 0) optional = true;
                break;
              }
              const answer = objectFilter(target, scoping.columns, [], facts, settings);
              if (answer.kind === 'yes') return answer;
              if (answer.kind === 'unknown') unknown = true;
              break;
            }
            const column = columnOf(first, facts);
            if (column === null) unknown = true;
            else if (settings.preAuthColumns.some((candidate) => sameColumn(candidate, column)) || (MEMBERSHIP_TABLE.test(table) && USER_ID_COLUMN.test(column))) return { kind: 'yes', values: [] };
            else if (isTenant(column, scoping)) {
              const value = library === 'kysely' || (library === 'knex' && third) ? third : second;
              const operator = library === 'kysely' || (library === 'knex' && third) ? columnOf(second, facts) : '=';
              if (operator === '=' || operator === 'in' || operator === 'is' || link.name === 'whereIn' || link.name === 'eq' || link.name === 'in') return { kind: 'yes', values: value ? [value] : [] };
            }
            break;
          }
          case 'orWhere':
          case 'orWhereIn':
          case 'or':
            if (isTenant(columnOf(first, facts), scoping)) optional = true;
            else if (link.name === 'or' && typeof facts.constants.value(first ?? call)?.value === 'string' && scoping.columns.some((column) => String(facts.constants.value(first ?? call)?.value).includes(column))) optional = true;
            break;
          case 'modify':
          case '$call':
          case 'whereRaw':
          case 'filter':
          case 'innerJoin':
          case 'join':
            if (link.name !== 'innerJoin' && link.name !== 'join') unknown = true;
            break;
          default:
            break;
        }
      }
      if (unknown) return UNKNOWN;
      return optional ? { kind: 'optional' } : { kind: 'no' };
    },
  };
}


/** Comparison operators that pin a column to the value: `=`, `in`, `is`. */
const PINNING = new Set(['=', '==', 'in', 'is']);

/**
 * The column = value pairs of a chain: `.where({ id, org_id })`, `.where('id', id)`,
 * `.where('id', '=', id)`, `.andWhere(...)`, `.whereIn('id', ids)`, Kysely expression-builder
 * callbacks, the simple Knex callbacks, Supabase `.eq('id', id)`/`.match({...})`; `.orWhere(...)`
 * adds optional ones. Null when a filter cannot be read (any other callback, `modify`, `whereRaw`).
 */
function chainSelectors(calls: readonly { readonly name: string; readonly call: TSESTree.CallExpression }[], library: BuilderQuery['library'], facts: FileFacts): Selector[] | null {
  const selectors: Selector[] = [];
  for (const link of calls) {
    const optional = link.name.startsWith('or');
    switch (link.name) {
      case 'where':
      case 'andWhere':
      case 'orWhere':
      case 'whereIn':
      case 'orWhereIn':
      case 'eq':
      case 'in':
      case 'match': {
        const conditions = linkConditions(link.call.arguments, link.name, library, facts);
        if (!conditions) return null;
        for (const condition of conditions) selectors.push(optional ? { ...condition, optional } : condition);
        break;
      }
      case 'modify':
      case '$call':
      case 'whereRaw':
      case 'filter':
      case 'or':
        return null;
      default:
        break;
    }
  }
  return selectors;
}

function linkConditions(args: readonly TSESTree.CallExpressionArgument[], name: string, library: BuilderQuery['library'], facts: FileFacts): Selector[] | null {
  const [first, second, third] = args;
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
  const target = unwrap(first);
  if (target.type === AST_NODE_TYPES.ArrowFunctionExpression || target.type === AST_NODE_TYPES.FunctionExpression) return callbackConditions(target, library, facts);
  if (target.type !== AST_NODE_TYPES.Literal && target.type !== AST_NODE_TYPES.TemplateLiteral && args.length === 1) return objectConditions(target, facts, false);
  const column = columnOf(first, facts);
  if (column === null) return null;
  const ternary = library === 'kysely' || third !== undefined;
  const value = ternary ? third : second;
  const operator = ternary ? columnOf(second, facts)?.toLowerCase() : '=';
  if (!value || value.type === AST_NODE_TYPES.SpreadElement) return null;
  // `.where('amount', '>', 10)`: the value does not select the row.
  if (operator === undefined || !(PINNING.has(operator) || name === 'whereIn' || name === 'orWhereIn' || name === 'in')) return [];
  return [{ key: column, value, optional: false }];
}

function objectConditions(node: TSESTree.Node, facts: FileFacts, optional: boolean): Selector[] | null {
  const entries = facts.constants.objectEntries(node);
  if (!entries?.complete) return null;
  const selectors: Selector[] = [];
  for (const entry of entries.entries) {
    if (entry.key === null) return null;
    selectors.push({ key: entry.key.split('.').pop() ?? entry.key, value: entry.value.kind === 'node' ? entry.value.node : entry.site, optional });
  }
  return selectors;
}

/** A filter callback: Kysely's expression builder, or a Knex grouped `where`. */
function callbackConditions(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression, library: BuilderQuery['library'], facts: FileFacts): Selector[] | null {
  if (library === 'kysely') return expressionConditions(fn, facts);
  return library === 'knex' ? knexCallbackConditions(fn, facts) : null;
}

/** The Knex calls a grouped `where` callback may make on its builder: each is an AND part. */
const KNEX_AND_CALLS = new Set(['where', 'andWhere']);

/**
 * A Knex grouped `where` callback: `where(function () { this.where('id', id).andWhere('org_id', orgId) })`,
 * `where((qb) => qb.where({ id, org_id }))`, block bodies of such statements. Each `where`/`andWhere`
 * on `this` (a `function`) or on the callback's parameter is an AND part; null for anything else
 * (`orWhere`, `whereNot`, other statements, a builder passed on).
 */
function knexCallbackConditions(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression, facts: FileFacts): Selector[] | null {
  const [param] = fn.params;
  const builder = param?.type === AST_NODE_TYPES.Identifier ? param.name : null;
  const isBuilder = (node: TSESTree.Node): boolean => (node.type === AST_NODE_TYPES.ThisExpression && fn.type === AST_NODE_TYPES.FunctionExpression) || (node.type === AST_NODE_TYPES.Identifier && node.name === builder);
  const expressions: TSESTree.Node[] = [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) expressions.push(fn.body);
  else {
    for (const statement of fn.body.body) {
      if (statement.type === AST_NODE_TYPES.ExpressionStatement) expressions.push(statement.expression);
      else if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) expressions.push(statement.argument);
      else return null;
    }
  }
  if (expressions.length === 0) return null;
  const selectors: Selector[] = [];
  for (const expression of expressions) {
    // `qb.where(a).andWhere(b)`: read from the outermost call in to the builder.
    let current = unwrap(expression);
    for (let hops = 0; !isBuilder(current); hops++) {
      if (hops > 12 || current.type !== AST_NODE_TYPES.CallExpression) return null;
      const callee = unwrap(current.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || !KNEX_AND_CALLS.has(staticKeyName(callee) ?? '')) return null;
      const conditions = linkConditions(current.arguments, 'where', 'knex', facts);
      if (!conditions) return null;
      selectors.push(...conditions);
      current = unwrap(callee.object);
    }
  }
  return selectors;
}

/**
 * A Kysely expression-builder callback: `(eb) => eb('id', '=', id)`, `eb.and([...])`,
 * `eb.or([...])` (optional), `eb.and({ id, org_id })`, and the destructured `({ eb, and, or })`.
 * Null for anything else (`eb.exists(...)`, `eb.not(...)`, a block body).
 */
function expressionConditions(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression, facts: FileFacts): Selector[] | null {
  const [param] = fn.params;
  const names = new Map<string, 'eb' | 'and' | 'or'>();
  if (param?.type === AST_NODE_TYPES.Identifier) names.set(param.name, 'eb');
  else if (param?.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of param.properties) {
      const key = property.type === AST_NODE_TYPES.Property ? staticKeyName(property) : null;
      if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier && (key === 'eb' || key === 'and' || key === 'or')) names.set(property.value.name, key);
    }
  } else {
    return null;
  }
  const body = fn.body.type === AST_NODE_TYPES.BlockStatement ? null : fn.body;
  return body ? expressionOf(body, names, facts, false, 0) : null;
}

function expressionOf(node: TSESTree.Node, names: ReadonlyMap<string, 'eb' | 'and' | 'or'>, facts: FileFacts, optional: boolean, depth: number): Selector[] | null {
  const target = unwrap(node);
  if (depth > 6 || target.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(target.callee);
  let role: 'eb' | 'and' | 'or' | undefined;
  if (callee.type === AST_NODE_TYPES.Identifier) role = names.get(callee.name);
  else if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.Identifier && names.get((unwrap(callee.object) as TSESTree.Identifier).name) === 'eb') {
    const method = staticKeyName(callee);
    role = method === 'and' || method === 'or' ? method : method === 'eb' ? 'eb' : undefined;
  }
  if (role === undefined) return null;
  if (role === 'eb') return linkConditions(target.arguments, 'where', 'kysely', facts)?.map((condition) => ({ ...condition, optional })) ?? null;
  const branchOptional = optional || role === 'or';
  const [list] = target.arguments;
  const items = list ? unwrap(list) : null;
  if (items?.type === AST_NODE_TYPES.ObjectExpression) return objectConditions(items, facts, branchOptional);
  if (items?.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const selectors: Selector[] = [];
  for (const element of items.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) return null;
    const inner = expressionOf(element, names, facts, branchOptional, depth + 1);
    if (!inner) return null;
    selectors.push(...inner);
  }
  return selectors;
}
