import type { SqlDialect } from '../knowledge/tenant.js';
import { parseSql, type SqlExpr, type SqlSource, type SqlStatement } from './sql-parser.js';

/**
 * Raw SQL of application code, read by the parser of `sql-parser.ts` (see
 * docs/decisions/0008-sql-parser.md): only for strings that look like a query; results cached per
 * process by dialect and text; SQL it cannot read answers null (unknown).
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
  /** Columns of this table compared to a bare parameter (`id = $1`, `id IN (?, ?)`), and whether only under an `OR`. */
  readonly bindings: readonly ParamBinding[];
}

/** A column compared to a parameter: its position (1-based) or its name, as `sql-parser.ts` reads them. */
export interface ParamBinding {
  readonly column: string;
  readonly param: number | string;
  readonly optional: boolean;
}

export interface SqlModel {
  readonly uses: readonly TableUse[];
}

const QUERY_START = /^\s*(?:\(\s*)?(?:with|select|update|delete|insert)\b/iu;
const QUERY_SHAPE = /\b(?:from|into|update|set)\b/iu;
const MAX_LENGTH = 20_000;

/** A cheap test, before any parsing: could this text be a DML query? */
export function looksLikeQuery(text: string): boolean {
  return text.length >= 10 && text.length <= MAX_LENGTH && QUERY_START.test(text) && QUERY_SHAPE.test(text);
}

/** Per dialect, by text (no combined key to build and hash). */
const caches: Readonly<Record<SqlDialect, Map<string, SqlModel | null>>> = { postgresql: new Map(), mysql: new Map(), sqlite: new Map() };
const MAX_CACHE = 5000;
let parseCount = 0;

/** How many texts the SQL parser was run on in this process: for tests that assert it never ran. */
export function sqlParseCount(): number {
  return parseCount;
}

/**
 * The model of a query, or null when it cannot be parsed (then nothing is known about it). The
 * file's client picks the dialect; a MySQL or SQLite query that fails is retried as PostgreSQL.
 */
export function analyzeSql(text: string, dialect: SqlDialect): SqlModel | null {
  const cache = caches[dialect];
  const cached = cache.get(text);
  if (cached !== undefined || cache.has(text)) return cached ?? null;
  let model: SqlModel | null = null;
  if (text.length <= MAX_LENGTH) {
    model = parsedModel(text, dialect);
    if (model === null && dialect !== 'postgresql') model = parsedModel(text, 'postgresql');
  }
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(text, model);
  return model;
}

function parsedModel(text: string, dialect: SqlDialect): SqlModel | null {
  parseCount++;
  try {
    return modelOf(parseSql(text, dialect));
  } catch {
    // SqlSyntaxError, or anything unexpected: unknown in this dialect.
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The model, built from the parsed statements.

interface MutableUse {
  table: string;
  kind: StatementKind;
  constrained: Set<string>;
  optional: Set<string>;
  links: { column: string; other: TableUse; otherColumn: string }[];
  insertColumns: readonly string[] | null;
  bindings: ParamBinding[];
}

interface Scope {
  /** alias or name (lower-cased) → use */
  readonly byName: Map<string, MutableUse>;
  readonly uses: MutableUse[];
}

const NO_CTES: ReadonlySet<string> = new Set();
/** Stands for a derived table in an outer join: its `ON` filters no table of the scope. */
const NO_USE: MutableUse = { table: '', kind: 'SELECT', constrained: new Set(), optional: new Set(), links: [], insertColumns: null, bindings: [] };

function modelOf(statements: readonly SqlStatement[]): SqlModel {
  const uses: MutableUse[] = [];
  for (const statement of statements) statementOf(statement, uses, NO_CTES);
  return { uses };
}

/** Adds the uses of a statement (and of its CTEs, subqueries in FROM and set-operation branches). */
function statementOf(statement: SqlStatement, uses: MutableUse[], outerCtes: ReadonlySet<string>): void {
  let ctes = outerCtes;
  if (statement.with.length > 0) {
    const own = new Set(outerCtes);
    for (const cte of statement.with) {
      own.add(cte.name.toLowerCase());
      statementOf(cte.query, uses, own);
    }
    ctes = own;
  }
  switch (statement.kind) {
    case 'select':
      for (const branch of statement.branches) {
        if (branch.kind === 'core') sourcesOf(branch.from, branch.where, 'SELECT', uses, ctes);
        else statementOf(branch, uses, ctes);
      }
      return;
    case 'insert':
      // `INSERT ... SELECT`: the select is a statement of its own.
      if (statement.query) statementOf(statement.query, uses, ctes);
      uses.push({ table: statement.table, kind: 'INSERT', constrained: new Set(), optional: new Set(), links: [], insertColumns: statement.columns, bindings: [] });
      return;
    case 'update':
      sourcesOf([...statement.targets, ...statement.from], statement.where, 'UPDATE', uses, ctes);
      return;
    case 'delete':
      sourcesOf(statement.from, statement.where, 'DELETE', uses, ctes);
      return;
  }
}

function sourcesOf(sources: readonly SqlSource[], where: SqlExpr | null, kind: StatementKind, uses: MutableUse[], ctes: ReadonlySet<string>): void {
  const scope: Scope = { byName: new Map(), uses: [] };
  const joinConditions: { on: SqlExpr; only: MutableUse | null }[] = [];
  for (const source of sources) {
    const outer = source.join === 'left' || source.join === 'right' || source.join === 'full';
    let use: MutableUse = NO_USE;
    if (source.table === null) {
      if (source.query) statementOf(source.query, uses, ctes);
    } else if (source.schema !== null || !ctes.has(source.table.toLowerCase())) {
      // A table listed twice under one name (MySQL `DELETE t FROM t ...`) is one use.
      const existing = scope.byName.get((source.alias ?? source.table).toLowerCase());
      use = existing?.table === source.table ? existing : addUse(scope, source.table, source.alias, kind);
    }
    // WHERE, and ON of inner joins, filter every row; ON of an outer join only filters the joined table.
    if (source.on) joinConditions.push({ on: source.on, only: outer ? use : null });
  }
  collectConstraints(where, scope, null);
  for (const join of joinConditions) collectConstraints(join.on, scope, join.only);
  uses.push(...scope.uses);
}

function addUse(scope: Scope, table: string, alias: string | null, kind: StatementKind): MutableUse {
  const use: MutableUse = { table, kind, constrained: new Set(), optional: new Set(), links: [], insertColumns: null, bindings: [] };
  scope.uses.push(use);
  scope.byName.set(table.toLowerCase(), use);
  if (alias !== null) scope.byName.set(alias.toLowerCase(), use);
  return use;
}

type ColumnRef = SqlExpr & { type: 'column' };

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
 * condition are not statements of the model: IN/EXISTS subqueries only filter the outer rows.
 */
function collectConstraints(node: SqlExpr | null, scope: Scope, only: MutableUse | null, optional = false): void {
  if (node === null) return;
  if (node.type === 'and' || node.type === 'or') {
    collectConstraints(node.left, scope, only, optional || node.type === 'or');
    collectConstraints(node.right, scope, only, optional || node.type === 'or');
    return;
  }
  if (node.type !== 'compare') return;
  const left = node.left.type === 'column' ? node.left : null;
  const right = node.right.type === 'column' ? node.right : null;
  if (left && right) {
    if (node.operator === '=') link(left, right, scope, only, optional);
    return;
  }
  const ref = left ?? right;
  const value = left ? node.right : node.left;
  if (ref && isValue(value)) {
    const params = paramsOf(value);
    for (const use of usesOf(ref, scope)) {
      if (only && use !== only) continue;
      (optional ? use.optional : use.constrained).add(ref.column);
      for (const param of params) use.bindings.push({ column: ref.column, param, optional });
    }
  }
}

/** The parameters a value is: `$1`, or each of `(?, ?)`. */
function paramsOf(node: SqlExpr): (number | string)[] {
  if (node.type === 'value') return node.param === undefined ? [] : [node.param];
  if (node.type !== 'list') return [];
  return node.items.flatMap((item) => (item.type === 'value' && item.param !== undefined ? [item.param] : []));
}

/** A parameter, a literal, a list of them, `ANY($1)`, a function of parameters: not NULL, not a column. */
function isValue(node: SqlExpr): boolean {
  if (node.type === 'list') return node.items.every((item) => item.type !== 'column');
  return node.type !== 'column' && node.type !== 'null';
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
