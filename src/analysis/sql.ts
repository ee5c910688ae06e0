import { createRequire } from 'node:module';

import type { SqlDialect } from '../knowledge/tenant.js';

/**
 * A wrapper around the SQL parser (node-sql-parser, see docs/decisions/0006-sql-parser.md): loaded
 * lazily, one dialect build at a time, only when a file has a string that looks like a query;
 * results cached per process by dialect and text; any parse failure answers null (unknown).
 *
 * The answer is a small model of each statement: which tables it reads or writes, which columns
 * are constrained by an equality in a way that filters every row (the top-level `AND` chain of
 * `WHERE`, and `ON` of inner joins), which only under an `OR`, and which tables are joined to each
 * other on the same column.
 */
export type StatementKind = 'SELECT' | 'UPDATE' | 'DELETE' | 'INSERT';

export interface TableUse {
  /** The table as written, without schema or quotes. */
  readonly table: string;
  readonly kind: StatementKind;
  /** Columns of this table compared to a value (`tenant_id = $1`, `tenant_id IN (...)`, `= ANY($1)`). */
  readonly constrained: ReadonlySet<string>;
  /** Columns of this table compared to a value only on one side of an `OR`. */
  readonly optional: ReadonlySet<string>;
  /** `column → uses` of other tables this one is joined to on an equality of columns. */
  readonly links: readonly { readonly column: string; readonly other: TableUse; readonly otherColumn: string }[];
  /** INSERT: the columns it sets, or null when not listed (`INSERT INTO t VALUES (...)`, `SET ?`). */
  readonly insertColumns: readonly string[] | null;
}

export interface SqlModel {
  readonly uses: readonly TableUse[];
}

const QUERY_START = /^\s*(?:\(\s*)?(?:with|select|update|delete|insert)\b/iu;
const QUERY_SHAPE = /\b(?:from|into|update|set)\b/iu;

/** A cheap test, before any parsing: could this text be a DML query? */
export function looksLikeQuery(text: string): boolean {
  return text.length >= 10 && text.length <= 20_000 && QUERY_START.test(text) && QUERY_SHAPE.test(text);
}

interface AstParser {
  astify(sql: string, options: { database: string }): unknown;
}

const BUILDS: Readonly<Record<SqlDialect, { readonly module: string; readonly database: string }>> = {
  postgresql: { module: 'node-sql-parser/build/postgresql', database: 'PostgresQL' },
  mysql: { module: 'node-sql-parser/build/mysql', database: 'MySQL' },
  sqlite: { module: 'node-sql-parser/build/sqlite', database: 'sqlite' },
};

const require = createRequire(import.meta.url);
const parsers = new Map<SqlDialect, AstParser | null>();
const cache = new Map<string, SqlModel | null>();
const MAX_CACHE = 5000;
let parseCount = 0;

/** How many texts the SQL parser was run on in this process: for tests that assert it never ran. */
export function sqlParseCount(): number {
  return parseCount;
}

function parserFor(dialect: SqlDialect): AstParser | null {
  if (!parsers.has(dialect)) {
    try {
      const build = require(BUILDS[dialect].module) as { Parser: new () => AstParser };
      parsers.set(dialect, new build.Parser());
    } catch {
      parsers.set(dialect, null);
    }
  }
  return parsers.get(dialect) ?? null;
}

/**
 * Rewrites what the parser builds reject but does not change which tables and columns a query
 * touches: PostgreSQL casts (`$1::uuid`), numbered and named SQLite parameters (`?1`, `:id`,
 * `@id`), and, for PostgreSQL, `?` placeholders (Knex's `raw`).
 */
function normalize(text: string, dialect: SqlDialect): string {
  let normalized = text.replace(/::\s*[A-Za-z_][\w ]*?(?:\(\d+(?:\s*,\s*\d+)?\))?(?:\[\])?(?=[\s,)=;<>+\-*/|]|$)/gu, '');
  if (dialect === 'sqlite') normalized = normalized.replace(/\?\d+|(?<![:\w]):[A-Za-z_]\w*|(?<![@\w])[@$][A-Za-z_]\w*/gu, '?');
  if (dialect === 'postgresql') {
    let index = 100;
    normalized = normalized.replace(/\?(?!\|)|(?<![:\w]):[A-Za-z_]\w*/gu, () => `$${String(index++)}`);
  }
  return normalized;
}

/** The model of a query, or null when it cannot be parsed (then nothing is known about it). */
export function analyzeSql(text: string, dialect: SqlDialect): SqlModel | null {
  const key = `${dialect}\0${text}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  let model: SqlModel | null = quickModel(text);
  const order: SqlDialect[] = dialect === 'postgresql' ? ['postgresql'] : [dialect, 'postgresql'];
  for (const candidate of model ? [] : order) {
    const parser = parserFor(candidate);
    if (!parser) continue;
    parseCount++;
    let ast: unknown;
    try {
      ast = parser.astify(normalize(text, candidate), { database: BUILDS[candidate].database });
    } catch {
      continue;
    }
    try {
      model = modelOf(ast);
    } catch {
      model = null;
    }
    if (model) break;
  }
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, model);
  return model;
}

// ---------------------------------------------------------------------------------------------
// The fast path: the single-table statements that make up most application SQL
// (`SELECT ... FROM t WHERE a = $1 AND b = $2 ORDER BY ...`, `UPDATE t SET ... WHERE ...`,
// `DELETE FROM t WHERE ...`, `INSERT INTO t (cols) VALUES (...)`) are read by a few regular
// expressions; anything with a join, a subquery, a set operation, a CTE, an OR or a BETWEEN goes to
// the parser. The fast path only ever answers for statements it reads completely.

const NOT_SIMPLE = /\b(?:or|join|union|intersect|except|with|exists|between|case|not|using|lateral|on\s+conflict|on\s+duplicate)\b|;\s*\S|--|\/\*/iu;
const TABLE = String.raw`((?:"?[A-Za-z_][\w$]*"?\.)?"?[A-Za-z_][\w$]*"?|\x60[\w$]+\x60)`;
const ALIAS = String.raw`(?:\s+(?:as\s+)?(?!where\b|set\b)([A-Za-z_]\w*))?`;
const TAIL = String.raw`(?:\s+(?:group\s+by|order\s+by|limit|offset|for\s+update|for\s+share|returning)\b[\s\S]*)?;?\s*$`;
const SIMPLE_SELECT = new RegExp(String.raw`^\s*select\s+(?:(?!\bfrom\b)[\s\S])+?\s+from\s+${TABLE}${ALIAS}(?:\s+where\s+([\s\S]+?))?${TAIL}`, 'iu');
const SIMPLE_UPDATE = new RegExp(String.raw`^\s*update\s+${TABLE}${ALIAS}\s+set\s+[\s\S]+?(?:\s+where\s+([\s\S]+?))?${TAIL}`, 'iu');
const SIMPLE_DELETE = new RegExp(String.raw`^\s*delete\s+from\s+${TABLE}${ALIAS}(?:\s+where\s+([\s\S]+?))?${TAIL}`, 'iu');
const SIMPLE_INSERT = new RegExp(String.raw`^\s*insert\s+into\s+${TABLE}\s*\(([^()]*)\)\s*values\s*\((?:[^()]|\([^()]*\))*\)(?:\s*,\s*\((?:[^()]|\([^()]*\))*\))*(?:\s+returning\b[\s\S]*)?;?\s*$`, 'iu');
const CONJUNCT = /^\s*(?:([A-Za-z_]\w*)\.)?"?([A-Za-z_]\w*)"?\s*(=|<=>|<>|!=|<=|>=|<|>|\bin\b|\bis\b|\blike\b|\bilike\b)\s*([\s\S]+?)\s*$/iu;
const VALUE = /^(?:\$\d+|\?\d*|:[A-Za-z_]\w*|@[A-Za-z_]\w*|'[^']*'|-?\d+(?:\.\d+)?|true|false|any\s*\(\s*\$\d+\s*\)|\(\s*(?:\$\d+|\?|'[^']*'|\d+)(?:\s*,\s*(?:\$\d+|\?|'[^']*'|\d+))*\s*\))$/iu;

function quickModel(text: string): SqlModel | null {
  if (NOT_SIMPLE.test(text) || (text.match(/\bselect\b/giu)?.length ?? 0) > 1) return null;
  const insert = SIMPLE_INSERT.exec(text);
  if (insert) {
    const columns = (insert[2] ?? '').split(',').map((column) => column.trim().replace(/["\x60]/gu, ''));
    if (!columns.every((column) => /^[A-Za-z_]\w*$/u.test(column))) return null;
    return { uses: [simpleUse(insert[1] ?? '', 'INSERT', new Set(), columns)] };
  }
  const match = SIMPLE_SELECT.exec(text) ?? SIMPLE_UPDATE.exec(text) ?? SIMPLE_DELETE.exec(text);
  if (!match) return null;
  const kind: StatementKind = /^\s*select/iu.test(text) ? 'SELECT' : /^\s*update/iu.test(text) ? 'UPDATE' : 'DELETE';
  const table = match[1] ?? '';
  const alias = match[2] ?? null;
  const where = match[3];
  const constrained = new Set<string>();
  if (where !== undefined) {
    for (const conjunct of where.split(/\s+and\s+/iu)) {
      const condition = CONJUNCT.exec(conjunct.replace(/^\s*\(([\s\S]*)\)\s*$/u, '$1'));
      if (!condition) return null;
      const qualifier = condition[1];
      const bare = unquoteName(table);
      if (qualifier !== undefined && qualifier !== alias && qualifier.toLowerCase() !== bare.toLowerCase()) return null;
      const operator = (condition[3] ?? '').toLowerCase();
      const value = (condition[4] ?? '').trim();
      if (operator === 'is') continue;
      // A column on the right, a function call, an expression: leave it to the parser.
      if (!VALUE.test(value)) return null;
      if (operator === '=' || operator === 'in') constrained.add(condition[2] ?? '');
    }
  }
  return { uses: [simpleUse(table, kind, constrained, null)] };
}

function unquoteName(name: string): string {
  return (name.replace(/["\x60]/gu, '').split('.').pop() ?? name).trim();
}

function simpleUse(table: string, kind: StatementKind, constrained: Set<string>, insertColumns: string[] | null): TableUse {
  return { table: unquoteName(table), kind, constrained, optional: new Set(), links: [], insertColumns };
}

// ---------------------------------------------------------------------------------------------
// The model, built from node-sql-parser's AST (plain JSON objects, read defensively).

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

interface MutableUse {
  table: string;
  kind: StatementKind;
  constrained: Set<string>;
  optional: Set<string>;
  links: { column: string; other: TableUse; otherColumn: string }[];
  insertColumns: string[] | null;
}

interface Scope {
  /** alias or name (lower-cased) → use */
  readonly byName: Map<string, MutableUse>;
  readonly uses: MutableUse[];
  /** CTE names visible here: not tables. */
  readonly ctes: ReadonlySet<string>;
}

function modelOf(ast: unknown): SqlModel | null {
  const statements = Array.isArray(ast) ? ast : [ast];
  const uses: MutableUse[] = [];
  for (const statement of statements) {
    if (!isObject(statement)) return null;
    if (!statementOf(statement, uses, new Set())) return null;
  }
  return { uses };
}

const KINDS: Readonly<Record<string, StatementKind>> = { select: 'SELECT', update: 'UPDATE', delete: 'DELETE', insert: 'INSERT', replace: 'INSERT' };

/** Adds the uses of a statement (and of its CTEs, subqueries and set-operation branches). */
function statementOf(statement: Json, uses: MutableUse[], outerCtes: ReadonlySet<string>): boolean {
  const kind = KINDS[String(statement.type)];
  if (!kind) return false;
  const ctes = new Set(outerCtes);
  for (const cte of asArray(statement.with)) {
    if (!isObject(cte)) continue;
    const name = identifierText(cte.name);
    if (name) ctes.add(name.toLowerCase());
    const inner = isObject(cte.stmt) ? (isObject(cte.stmt.ast) ? cte.stmt.ast : cte.stmt) : null;
    if (inner && !statementOf(inner, uses, ctes)) return false;
  }
  const scope: Scope = { byName: new Map(), uses: [], ctes };
  if (kind === 'INSERT') {
    for (const target of asArray(statement.table)) {
      if (!isObject(target) || typeof target.table !== 'string') continue;
      const columns = Array.isArray(statement.columns) ? statement.columns.map((column) => identifierText(column) ?? '') : null;
      const use = addUse(scope, target, kind);
      use.insertColumns = columns;
    }
    // `INSERT ... SELECT`: the select is a statement of its own.
    const values = statement.values;
    if (isObject(values) && values.type === 'select') statementOf(values, uses, ctes);
    uses.push(...scope.uses);
    return true;
  }
  const targets = kind === 'UPDATE' ? asArray(statement.table) : [];
  const sources = asArray(statement.from);
  const joinConditions: { on: unknown; joined: MutableUse | null; outer: boolean }[] = [];
  for (const entry of [...targets, ...sources]) {
    if (!isObject(entry)) continue;
    const subquery = isObject(entry.expr) && isObject(entry.expr.ast) ? entry.expr.ast : null;
    if (subquery) {
      if (!statementOf(subquery, uses, ctes)) return false;
      continue;
    }
    if (typeof entry.table !== 'string') continue;
    const name = entry.table.toLowerCase();
    if (ctes.has(name) && (entry.db === null || entry.db === undefined)) continue;
    // DELETE lists its target in both `table` and `from`: one use.
    const existing = scope.byName.get((typeof entry.as === 'string' ? entry.as : entry.table).toLowerCase());
    const use = existing?.table === entry.table ? existing : addUse(scope, entry, kind === 'SELECT' ? 'SELECT' : kind);
    if (entry.on !== undefined && entry.on !== null) {
      const join = typeof entry.join === 'string' ? entry.join.toUpperCase() : '';
      joinConditions.push({ on: entry.on, joined: use, outer: /LEFT|RIGHT|FULL/u.test(join) });
    }
  }
  // WHERE, and ON of inner joins, filter every row; ON of an outer join only filters the joined table.
  collectConstraints(statement.where, scope, null, uses, ctes);
  for (const join of joinConditions) collectConstraints(join.on, scope, join.outer ? join.joined : null, uses, ctes);
  uses.push(...scope.uses);
  const next = statement._next;
  if (isObject(next)) return statementOf(next, uses, outerCtes);
  return true;
}

function addUse(scope: Scope, entry: Json, kind: StatementKind): MutableUse {
  const table = String(entry.table);
  const use: MutableUse = { table, kind, constrained: new Set(), optional: new Set(), links: [], insertColumns: null };
  scope.uses.push(use);
  scope.byName.set(table.toLowerCase(), use);
  if (typeof entry.as === 'string') scope.byName.set(entry.as.toLowerCase(), use);
  return use;
}

interface ColumnRef {
  readonly table: string | null;
  readonly column: string;
}

function columnRef(node: unknown): ColumnRef | null {
  if (!isObject(node) || node.type !== 'column_ref') return null;
  const column = typeof node.column === 'string' ? node.column : identifierText(isObject(node.column) ? node.column.expr : null);
  if (!column || column === '*') return null;
  const table = typeof node.table === 'string' ? node.table : isObject(node.table) && typeof node.table.value === 'string' ? node.table.value : null;
  return { table, column };
}

function identifierText(node: unknown): string | null {
  if (typeof node === 'string') return node;
  if (isObject(node) && typeof node.value === 'string') return node.value;
  return null;
}

/** Which uses of the scope a column reference may belong to: by qualifier, else every use (lenient). */
function usesOf(ref: ColumnRef, scope: Scope): MutableUse[] {
  if (ref.table !== null) {
    const use = scope.byName.get(ref.table.toLowerCase());
    return use ? [use] : [];
  }
  return scope.uses;
}

/**
 * Walks a condition. Conjuncts of the top-level AND chain constrain (`only` restricts to one
 * joined table for outer-join ON); under an OR they are only optional. Subqueries inside the
 * condition are statements of their own (their tables need their own predicates only when they
 * produce rows: IN/EXISTS subqueries only filter, so their tables are not added as uses).
 */
function collectConstraints(node: unknown, scope: Scope, only: MutableUse | null, uses: MutableUse[], ctes: ReadonlySet<string>, optional = false): void {
  if (!isObject(node)) return;
  if (node.type === 'binary_expr') {
    const operator = String(node.operator).toUpperCase();
    if (operator === 'AND') {
      collectConstraints(node.left, scope, only, uses, ctes, optional);
      collectConstraints(node.right, scope, only, uses, ctes, optional);
      return;
    }
    if (operator === 'OR') {
      collectConstraints(node.left, scope, only, uses, ctes, true);
      collectConstraints(node.right, scope, only, uses, ctes, true);
      return;
    }
    if (operator === '=' || operator === 'IN' || operator === '<=>' || operator === 'IS') {
      const left = columnRef(node.left);
      const right = columnRef(node.right);
      if (left && right) {
        link(left, right, scope, only, optional);
        return;
      }
      const ref = left ?? right;
      const value = left ? node.right : node.left;
      if (ref && isValue(value)) {
        for (const use of usesOf(ref, scope)) {
          if (only && use !== only) continue;
          (optional ? use.optional : use.constrained).add(ref.column);
        }
      }
    }
  }
}

/** A parameter, a literal, a list of them, `ANY($1)`, a function of parameters: not NULL, not a column. */
function isValue(node: unknown): boolean {
  if (!isObject(node)) return false;
  switch (node.type) {
    case 'var':
    case 'param':
    case 'origin':
    case 'number':
    case 'single_quote_string':
    case 'string':
    case 'double_quote_string':
    case 'natural_string':
    case 'function':
    case 'cast':
      return true;
    case 'expr_list':
      return asArray(node.value).every((item) => !isObject(item) || item.type !== 'column_ref');
    default:
      return typeof node.type === 'string' && node.type !== 'null' && node.type !== 'column_ref' && node.type !== 'bool';
  }
}

function link(left: ColumnRef, right: ColumnRef, scope: Scope, only: MutableUse | null, optional: boolean): void {
  if (optional) return;
  const [a] = usesOf(left, scope);
  const [b] = usesOf(right, scope);
  if (!a || !b || a === b || left.table === null || right.table === null) return;
  if (only && a !== only && b !== only) return;
  a.links.push({ column: left.column, other: b, otherColumn: right.column });
  b.links.push({ column: right.column, other: a, otherColumn: left.column });
}
