import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { staticKeyName, unwrap } from '../../analysis/ast.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import { analyzeSql, looksLikeQuery, type SqlModel, type TableUse } from '../../analysis/sql.js';
import { RAW_SQL_METHODS, SQL_TAGS, type SqlDialect } from '../../knowledge/tenant.js';
import { sameColumn, type Scoping } from './context.js';

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
export function rawQueryText(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, facts: FileFacts): { text: string; at: TSESTree.Node } | null {
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
  if (argument.type === AST_NODE_TYPES.TemplateLiteral) return templateText(argument, facts, false);
  if (argument.type === AST_NODE_TYPES.Literal) return typeof argument.value === 'string' ? { text: argument.value, at: first } : null;
  if (argument.type !== AST_NODE_TYPES.Identifier && argument.type !== AST_NODE_TYPES.BinaryExpression) return null;
  const value = facts.constants.value(argument)?.value;
  if (typeof value === 'string') return { text: value, at: first };
  if (argument.type === AST_NODE_TYPES.Identifier) {
    const resolved = facts.constants.resolve(argument);
    if (resolved.kind === 'node' && !resolved.foreign && resolved.node.type === AST_NODE_TYPES.TemplateLiteral) {
      return templateText(resolved.node, facts, false);
    }
  }
  return null;
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

function templateText(template: TSESTree.TemplateLiteral, facts: FileFacts, tagged: boolean): { text: string; at: TSESTree.Node } | null {
  let text = template.quasis[0]?.value.cooked ?? '';
  for (const [index, expression] of template.expressions.entries()) {
    if (TABLE_POSITION.test(text)) {
      const value = tagged ? null : facts.constants.value(expression)?.value;
      if (typeof value !== 'string') return null;
      text += value;
    } else if (!tagged) {
      const value = facts.constants.value(expression)?.value;
      text += typeof value === 'string' || typeof value === 'number' ? `'${String(value)}'` : `$${String(index + 1)}`;
    } else {
      text += `$${String(index + 1)}`;
    }
    text += template.quasis[index + 1]?.value.cooked ?? '';
  }
  return { text, at: template };
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
