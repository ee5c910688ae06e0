import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { staticKeyName, unwrap } from '../../analysis/ast.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import { analyzeSql, looksLikeQuery, type SqlModel, type TableUse } from '../../analysis/sql.js';
import { RAW_SQL_METHODS, SQL_TAGS, type SqlDialect } from '../../knowledge/tenant.js';
import { sameColumn, type Scoping } from './context.js';

/**
 * The text of a raw query, where it is, and the value each placeholder is bound to: `$2` → the
 * second element of `pool.query(text, [a, b])`, of `.bind(a, b)` or of an interpolation;
 * `:id` → `id` of `{ id }`. Null where the rule cannot see the value.
 */
export interface RawText {
  readonly text: string;
  readonly at: TSESTree.Node;
  readonly valueOf: (param: number | string) => TSESTree.Node | null;
  /** Every placeholder whose value is known, with it. */
  readonly values: () => readonly (readonly [number | string, TSESTree.Node])[];
}

/** A raw SQL query of the file: where it is, its text with placeholders, and its parsed model. */
export interface RawQuery {
  readonly node: TSESTree.Node;
  readonly model: SqlModel;
}

const TABLE_POSITION = /\b(?:from|join|update|into|table)\s*$/iu;

/**
 * The SQL text of a raw query site, or null: `pool.query('...')`, `db.prepare('...')`,
 * `knex.raw('...')`, `prisma.$queryRawUnsafe('...')`, `sql\`...\``, `prisma.$queryRaw\`...\``.
 * Interpolations become parameters; one in a table position makes the query dynamic (null).
 */
export function rawQueryText(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, facts: FileFacts): RawText | null {
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    if (!isSqlTag(node.tag) || isFragment(node)) return null;
    return templateText(node.quasi, facts, true);
  }
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = staticKeyName(callee);
  if (method === null || !RAW_SQL_METHODS.has(method)) return null;
  const [first] = node.arguments;
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
  let argument = unwrap(first);
  // pg's `client.query({ text: '...', values })`.
  if (argument.type === AST_NODE_TYPES.ObjectExpression) {
    const text = argument.properties.find((property) => property.type === AST_NODE_TYPES.Property && staticKeyName(property) === 'text');
    if (text?.type !== AST_NODE_TYPES.Property) return null;
    argument = unwrap(text.value);
  }
  const bound = boundValues(node, method, facts);
  const plain = (text: string): RawText => ({ text, at: first, valueOf: (param) => lookUp(bound, param), values: () => [...bound.positional, ...bound.named] });
  if (argument.type === AST_NODE_TYPES.TemplateLiteral) return templateText(argument, facts, false, bound);
  if (argument.type === AST_NODE_TYPES.Literal) return typeof argument.value === 'string' ? plain(argument.value) : null;
  if (argument.type !== AST_NODE_TYPES.Identifier && argument.type !== AST_NODE_TYPES.BinaryExpression) return null;
  const value = facts.constants.value(argument)?.value;
  if (typeof value === 'string') return plain(value);
  if (argument.type === AST_NODE_TYPES.Identifier) {
    const resolved = facts.constants.resolve(argument);
    if (resolved.kind === 'node' && !resolved.foreign && resolved.node.type === AST_NODE_TYPES.TemplateLiteral) {
      return templateText(resolved.node, facts, false, bound);
    }
  }
  return null;
}

/** Methods of a prepared statement that take its values: `db.prepare(text).bind(a).first()`, `.get(a)`, `.run({ id })`. */
const BINDERS = new Set(['bind', 'get', 'all', 'run', 'values', 'first', 'raw', 'iterate', 'execute']);

/** The values a query's placeholders are bound to: by position (1-based) and by name. */
interface Bound {
  readonly positional: ReadonlyMap<number, TSESTree.Node>;
  readonly named: ReadonlyMap<string, TSESTree.Node>;
}

const NOTHING_BOUND: Bound = { positional: new Map(), named: new Map() };

/**
 * The values bound to a call's text: `pool.query(text, [a, b])`, pg's `{ text, values }`,
 * `$queryRawUnsafe(text, a, b)`, `knex.raw(text, { id })`, and for `prepare(text)` the first call
 * after it that passes values (`.bind(a, b)`, `.get(a)`, `.run({ id })`). A spread hides every
 * position after it.
 */
function boundValues(call: TSESTree.CallExpression, method: string, facts: FileFacts): Bound {
  let values: readonly TSESTree.CallExpressionArgument[] = call.arguments.slice(1);
  const [first] = call.arguments;
  const object = first ? unwrap(first) : null;
  if (object?.type === AST_NODE_TYPES.ObjectExpression) {
    const property = object.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && staticKeyName(candidate) === 'values');
    values = property?.type === AST_NODE_TYPES.Property ? [property.value as TSESTree.Expression] : [];
  }
  if (method === 'prepare') {
    values = [];
    let current: TSESTree.CallExpression = call;
    for (let hops = 0; hops < 4; hops++) {
      const member: TSESTree.Node = current.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== current || member.parent.type !== AST_NODE_TYPES.CallExpression) break;
      if (!BINDERS.has(staticKeyName(member) ?? '')) break;
      current = member.parent;
      if (current.arguments.length > 0) {
        values = current.arguments;
        break;
      }
    }
  }
  // One array or object of values (`[a, b]`, `{ id }`), or the values one by one.
  const [only] = values;
  let container = values.length === 1 && only && only.type !== AST_NODE_TYPES.SpreadElement ? unwrap(only) : null;
  if (container?.type === AST_NODE_TYPES.Identifier) {
    const resolved = facts.constants.resolve(container);
    const target = resolved.kind === 'node' && !resolved.foreign ? unwrap(resolved.node) : null;
    container = target?.type === AST_NODE_TYPES.ArrayExpression || target?.type === AST_NODE_TYPES.ObjectExpression ? target : container;
  }
  if (container?.type === AST_NODE_TYPES.ObjectExpression) {
    const named = new Map<string, TSESTree.Node>();
    for (const property of container.properties) {
      // A spread may override any name before it.
      if (property.type === AST_NODE_TYPES.SpreadElement) named.clear();
      else {
        const key = staticKeyName(property);
        if (key !== null) named.set(key, property.value);
      }
    }
    return { positional: new Map(), named };
  }
  const list = container?.type === AST_NODE_TYPES.ArrayExpression ? container.elements : values;
  const positional = new Map<number, TSESTree.Node>();
  for (const [index, element] of list.entries()) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) break;
    positional.set(index + 1, element);
  }
  return positional.size === 0 ? NOTHING_BOUND : { positional, named: new Map() };
}

function lookUp(bound: Bound, param: number | string): TSESTree.Node | null {
  return (typeof param === 'number' ? bound.positional.get(param) : bound.named.get(param)) ?? null;
}

const RUNNERS = new Set(['execute', 'query', 'run', 'all', 'get', 'values', 'unsafe', 'raw', 'batch', 'transaction']);

/**
 * A `sql` fragment nested in a larger query (`inArray(t.id, sql\`select ...\`)`, `` sql`...`.as('x') ``
 * inside a select) filters or computes, it is not a statement of its own: only templates that are
 * run (awaited, returned, assigned, or passed to `execute`/`query`/`run`...) are checked.
 */
function isFragment(node: TSESTree.TaggedTemplateExpression): boolean {
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(node)) {
    const callee = unwrap(parent.callee);
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
    return name === null || !RUNNERS.has(name);
  }
  if (parent.type === AST_NODE_TYPES.TemplateLiteral || parent.type === AST_NODE_TYPES.TaggedTemplateExpression || parent.type === AST_NODE_TYPES.Property) return true;
  return false;
}

function isSqlTag(tag: TSESTree.Node): boolean {
  const target = unwrap(tag);
  if (target.type === AST_NODE_TYPES.Identifier) return SQL_TAGS.has(target.name) && target.name !== 'query';
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(target);
    return name !== null && SQL_TAGS.has(name);
  }
  // `sql.unsafe`-free forms like `tx.sql\`...\``, and `sql<Row>\`...\`` unwrap to these.
  return false;
}

function templateText(template: TSESTree.TemplateLiteral, facts: FileFacts, tagged: boolean, bound: Bound = NOTHING_BOUND): RawText | null {
  let text = template.quasis[0]?.value.cooked ?? '';
  const interpolated = new Map<number, TSESTree.Node>();
  for (const [index, expression] of template.expressions.entries()) {
    if (TABLE_POSITION.test(text)) {
      const value = tagged ? null : facts.constants.value(expression)?.value;
      if (typeof value !== 'string') return null;
      text += value;
    } else if (!tagged) {
      const value = facts.constants.value(expression)?.value;
      if (typeof value === 'string' || typeof value === 'number') text += `'${String(value)}'`;
      else text += placeholder(index, expression);
    } else {
      text += placeholder(index, expression);
    }
    text += template.quasis[index + 1]?.value.cooked ?? '';
  }
  return {
    text,
    at: template,
    valueOf: (param) => (typeof param === 'number' ? interpolated.get(param) : undefined) ?? lookUp(bound, param),
    values: () => [...bound.positional, ...interpolated, ...bound.named],
  };

  function placeholder(index: number, expression: TSESTree.Expression): string {
    interpolated.set(index + 1, expression);
    return `$${String(index + 1)}`;
  }
}

export function parseRawQuery(text: string, dialect: SqlDialect): SqlModel | null {
  if (!looksLikeQuery(text)) return null;
  return analyzeSql(text, dialect);
}

export type UseVerdict = 'ok' | 'missing' | 'optional';

/** Whether a table use is isolated: constrained directly, or joined on its tenant column to a constrained use. */
export function verdictOf(use: TableUse, scoping: Scoping, preAuthColumns: readonly string[], scopingOf: (table: string) => Scoping | null): UseVerdict {
  if (use.kind === 'INSERT') {
    if (use.insertColumns === null) return 'ok';
    return use.insertColumns.some((column) => scoping.columns.some((tenant) => sameColumn(tenant, column))) ? 'ok' : 'missing';
  }
  if (isConstrained(use, scoping.columns, scopingOf, new Set())) return 'ok';
  if ([...use.constrained].some((column) => preAuthColumns.some((candidate) => sameColumn(candidate, column)))) return 'ok';
  return [...use.optional].some((column) => scoping.columns.some((tenant) => sameColumn(tenant, column))) ? 'optional' : 'missing';
}

function isConstrained(use: TableUse, columns: readonly string[], scopingOf: (table: string) => Scoping | null, visited: Set<TableUse>): boolean {
  if (visited.has(use)) return false;
  visited.add(use);
  if ([...use.constrained].some((column) => columns.some((tenant) => sameColumn(tenant, column)))) return true;
  for (const link of use.links) {
    if (!columns.some((tenant) => sameColumn(tenant, link.column))) continue;
    const otherScoping = scopingOf(link.other.table);
    const otherColumns = otherScoping?.columns.some((column) => sameColumn(column, link.otherColumn)) ? otherScoping.columns : [link.otherColumn];
    if (isConstrained(link.other, otherColumns, scopingOf, visited)) return true;
  }
  return false;
}
