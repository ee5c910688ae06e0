import type { SqlDialect } from '../knowledge/tenant.js';
import { END_TOKEN, syntaxError, tokenize, type Token } from './sql-lexer.js';

/**
 * A parser for the SQL that application code sends (PostgreSQL, MySQL, SQLite): `SELECT` (joins,
 * CTEs, set operations, subqueries in `FROM`), `INSERT` (column lists, `INSERT ... SELECT`,
 * upserts), `UPDATE` (`FROM`, MySQL joins) and `DELETE` (`USING`, MySQL multi-table). It builds
 * only what `require-tenant-predicate` needs (see docs/decisions/0008-sql-parser.md): the tables
 * of each statement, its `WHERE` and `ON` conditions with their `AND`/`OR` structure down to the
 * comparisons of a column with a value or with another column, the columns of an `INSERT`.
 *
 * Everything else is read only far enough to know where it ends: a function's arguments, a `CASE`,
 * an `EXISTS` or scalar subquery, a select list, `ORDER BY`. That makes it tolerant of dialect
 * corners inside expressions (operators, casts, function syntax) while still requiring every
 * clause to be complete: two operands in a row (an interpolated SQL fragment), an unknown
 * statement or a clause out of place throws `SqlSyntaxError`, and the query is unknown. Work is
 * linear in the input: no backtracking, a fixed lookahead, and a nesting limit.
 */

/** A condition, reduced to what constrains rows. */
export type SqlExpr =
  | { readonly type: 'and' | 'or'; readonly left: SqlExpr; readonly right: SqlExpr }
  /** `a = b`, `a <=> b` (MySQL), `a IN (...)`: the comparisons that pin a column to a value. */
  | { readonly type: 'compare'; readonly operator: '=' | 'in'; readonly left: SqlExpr; readonly right: SqlExpr }
  | { readonly type: 'column'; readonly table: string | null; readonly column: string }
  | { readonly type: 'list'; readonly items: readonly SqlExpr[] }
  | { readonly type: 'null' }
  /**
   * Anything else: a parameter, a literal, a function call, arithmetic, a subquery, another
   * comparison. A bare parameter says which one: its position (1-based: `$2`, `?2`, the second `?`)
   * or its name (`:id`, `@id`, `$id` → `id`).
   */
  | { readonly type: 'value'; readonly param?: number | string };

export type JoinKind = 'inner' | 'left' | 'right' | 'full' | 'cross';

/** An entry of `FROM` (or of `UPDATE`'s target list): a table, or a derived table (`query`, or null for a function or `VALUES`). */
export interface SqlSource {
  readonly table: string | null;
  readonly schema: string | null;
  readonly alias: string | null;
  readonly query: SqlStatement | null;
  readonly join: JoinKind | null;
  on: SqlExpr | null;
}

export interface SqlCore {
  readonly kind: 'core';
  readonly from: readonly SqlSource[];
  readonly where: SqlExpr | null;
}

export interface SqlCte {
  readonly name: string;
  readonly query: SqlStatement;
}

export type SqlStatement = { readonly with: readonly SqlCte[] } & (
  | { readonly kind: 'select'; readonly branches: readonly (SqlCore | SqlStatement)[] }
  | { readonly kind: 'insert'; readonly table: string; readonly columns: readonly string[] | null; readonly query: SqlStatement | null }
  | { readonly kind: 'update'; readonly targets: readonly SqlSource[]; readonly from: readonly SqlSource[]; readonly where: SqlExpr | null }
  | { readonly kind: 'delete'; readonly from: readonly SqlSource[]; readonly where: SqlExpr | null }
);

const VALUE: SqlExpr = { type: 'value' };
const NULL: SqlExpr = { type: 'null' };
const MAX_DEPTH = 100;
const NO_CTES: readonly SqlCte[] = [];

/** Words that end an expression or a name: never an alias, never a column. */
const RESERVED = new Set(
  (
    'SELECT FROM WHERE GROUP HAVING ORDER LIMIT OFFSET FETCH FOR UNION INTERSECT EXCEPT MINUS INTO WINDOW RETURNING ' +
    'ON USING JOIN INNER LEFT RIGHT FULL CROSS NATURAL OUTER STRAIGHT_JOIN LATERAL SET VALUES WITH AS ' +
    'AND OR XOR NOT IS IN LIKE ILIKE GLOB REGEXP RLIKE SIMILAR BETWEEN ESCAPE ISNULL NOTNULL COLLATE DIV MOD ' +
    'CASE WHEN THEN ELSE END NULL TRUE FALSE DEFAULT DISTINCT ALL ANY SOME EXISTS ARRAY CAST ' +
    'INSERT UPDATE DELETE REPLACE'
  ).split(' '),
);
/** After a table name: MySQL index hints, SQLite `INDEXED BY`, PostgreSQL `TABLESAMPLE`; not aliases. */
const TABLE_SUFFIXES = new Set(['USE', 'FORCE', 'IGNORE', 'INDEXED', 'TABLESAMPLE', 'PARTITION']);
const TYPED_LITERALS = new Set(['DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMPTZ', 'INTERVAL', 'UUID', 'JSON', 'JSONB', 'INET']);
const NILADIC = new Set(['CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'LOCALTIME', 'LOCALTIMESTAMP', 'CURRENT_USER', 'SESSION_USER', 'CURRENT_SCHEMA', 'CURRENT_CATALOG', 'CURRENT_ROLE', 'UTC_TIMESTAMP', 'UTC_DATE']);
const INTERVAL_UNITS = new Set(['YEAR', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MICROSECOND', 'QUARTER', 'YEARS', 'MONTHS', 'DAYS', 'HOURS', 'MINUTES', 'SECONDS']);
const NOT_EQUAL = new Set(['<>', '!=', '<', '>', '<=', '>=']);
const LIKE = new Set(['LIKE', 'ILIKE', 'GLOB', 'REGEXP', 'RLIKE', 'MATCH']);
const STATEMENT_MODIFIERS = new Set(['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE', 'QUICK']);
const SELECT_MODIFIERS = new Set(['ALL', 'DISTINCTROW', 'HIGH_PRIORITY', 'STRAIGHT_JOIN', 'SQL_CALC_FOUND_ROWS', 'SQL_NO_CACHE', 'SQL_CACHE', 'SQL_SMALL_RESULT', 'SQL_BIG_RESULT', 'SQL_BUFFER_RESULT']);
/** Reserved words that are also functions: `replace(...)`, `left(...)`, MySQL `VALUES(col)`, `MOD(a, b)`, `ISNULL(x)`. */
const FUNCTION_KEYWORDS = new Set(['REPLACE', 'LEFT', 'RIGHT', 'MOD', 'VALUES', 'INSERT', 'ISNULL']);

/** The statements of a text, or throws `SqlSyntaxError`. */
export function parseSql(text: string, dialect: SqlDialect): SqlStatement[] {
  return new Parser(tokenize(text, dialect), dialect).statements();
}

class Parser {
  private position = 0;
  private depth = 0;
  /** Token index → position of each bare `?` among them, built on the first one read. */
  private anonymous: Map<number, number> | null = null;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly dialect: SqlDialect,
  ) {}

  statements(): SqlStatement[] {
    const statements: SqlStatement[] = [];
    for (;;) {
      while (this.isPunct(';')) this.position++;
      if (this.peek().kind === 'end') break;
      statements.push(this.statement());
      if (!this.isPunct(';') && this.peek().kind !== 'end') this.fail();
    }
    if (statements.length === 0) this.fail();
    return statements;
  }

  // -------------------------------------------------------------------------------------------
  // Tokens

  private peek(offset = 0): Token {
    return this.tokens[this.position + offset] ?? END_TOKEN;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind === 'end') this.fail();
    this.position++;
    return token;
  }

  private fail(): never {
    return syntaxError();
  }

  private isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'word' && token.upper === word;
  }

  private isPunct(symbol: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'punct' && token.text === symbol;
  }

  private isOp(symbol: string): boolean {
    const token = this.peek();
    return token.kind === 'op' && token.text === symbol;
  }

  private accept(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.position++;
    return true;
  }

  private expect(word: string): void {
    if (!this.accept(word)) this.fail();
  }

  private expectPunct(symbol: string): void {
    if (!this.isPunct(symbol)) this.fail();
    this.position++;
  }

  /** A name: an unreserved word or a quoted identifier. */
  private isName(offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'quoted' || (token.kind === 'word' && !RESERVED.has(token.upper));
  }

  private name(): string {
    if (!this.isName()) this.fail();
    return this.next().text;
  }

  /** Skips a bracketed run (`(...)`, `[...]`) whose content does not matter, nesting included. */
  private skipBrackets(): void {
    const closers: string[] = [];
    do {
      const token = this.next();
      if (token.kind !== 'punct') continue;
      if (token.text === '(') closers.push(')');
      else if (token.text === '[') closers.push(']');
      else if (token.text === ')' || token.text === ']') {
        if (closers.pop() !== token.text) this.fail();
      }
    } while (closers.length > 0);
  }

  /** Nesting (statements in statements, parenthesised expressions) is bounded; a failure abandons the parse, so no unwinding is needed. */
  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail();
  }

  /** `(SELECT`, `(WITH`, `(VALUES`, `((SELECT`: a parenthesised query starts here. */
  private startsQuery(offset: number): boolean {
    for (let at = offset; at < offset + 8; at++) {
      if (this.isPunct('(', at)) continue;
      return this.isWord('SELECT', at) || this.isWord('WITH', at) || this.isWord('VALUES', at);
    }
    return false;
  }

  // -------------------------------------------------------------------------------------------
  // Statements

  private statement(): SqlStatement {
    this.enter();
    const ctes = this.isWord('WITH') ? this.withClause() : NO_CTES;
    const token = this.peek();
    let statement: SqlStatement;
    switch (token.kind === 'word' ? token.upper : token.text) {
      case '(':
      case 'SELECT':
      case 'VALUES':
        statement = this.query(ctes);
        break;
      case 'INSERT':
      case 'REPLACE':
        statement = this.insert(ctes);
        break;
      case 'UPDATE':
        statement = this.update(ctes);
        break;
      case 'DELETE':
        statement = this.deleteStatement(ctes);
        break;
      default:
        return this.fail();
    }
    this.depth--;
    return statement;
  }

  private withClause(): SqlCte[] {
    this.expect('WITH');
    this.accept('RECURSIVE');
    const ctes: SqlCte[] = [];
    do {
      const name = this.name();
      if (this.isPunct('(')) this.skipBrackets();
      this.expect('AS');
      this.accept('NOT');
      this.accept('MATERIALIZED');
      this.expectPunct('(');
      const query = this.statement();
      this.expectPunct(')');
      ctes.push({ name, query });
    } while (this.acceptComma());
    return ctes;
  }

  private acceptComma(): boolean {
    if (!this.isPunct(',')) return false;
    this.position++;
    return true;
  }

  /** SELECT with its set operations and trailing ORDER BY / LIMIT / FOR UPDATE. */
  private query(ctes: readonly SqlCte[]): SqlStatement {
    const branches: (SqlCore | SqlStatement)[] = [this.queryTerm()];
    while (this.isWord('UNION') || this.isWord('INTERSECT') || this.isWord('EXCEPT') || this.isWord('MINUS')) {
      this.position++;
      if (!this.accept('ALL')) this.accept('DISTINCT');
      branches.push(this.queryTerm());
    }
    this.queryTail();
    return { kind: 'select', with: ctes, branches };
  }

  private queryTerm(): SqlCore | SqlStatement {
    if (this.isPunct('(')) {
      this.position++;
      const inner = this.statement();
      if (inner.kind !== 'select') this.fail();
      this.expectPunct(')');
      return inner;
    }
    if (this.accept('VALUES')) {
      this.valuesRows();
      return { kind: 'core', from: [], where: null };
    }
    return this.selectCore();
  }

  private selectCore(): SqlCore {
    this.expect('SELECT');
    for (;;) {
      if (this.accept('DISTINCT')) {
        if (this.accept('ON')) this.skipParenthesised();
      } else if (this.peek().kind === 'word' && SELECT_MODIFIERS.has(this.peek().upper)) {
        this.position++;
      } else {
        break;
      }
    }
    this.selectList();
    const from = this.accept('FROM') ? this.sources() : [];
    const where = this.accept('WHERE') ? this.expression() : null;
    if (this.accept('GROUP')) {
      this.expect('BY');
      if (!this.accept('ALL')) this.accept('DISTINCT');
      do {
        if (this.isWord('GROUPING') && this.isWord('SETS', 1)) {
          this.position += 2;
          this.skipParenthesised();
        } else {
          this.expression();
        }
      } while (this.acceptComma());
      if (this.isWord('WITH') && this.isWord('ROLLUP', 1)) this.position += 2;
    }
    if (this.accept('HAVING')) this.expression();
    if (this.accept('WINDOW')) {
      do {
        this.name();
        this.expect('AS');
        this.skipParenthesised();
      } while (this.acceptComma());
    }
    return { kind: 'core', from, where };
  }

  private skipParenthesised(): void {
    if (!this.isPunct('(')) this.fail();
    this.skipBrackets();
  }

  /** A select list or RETURNING list: expressions with optional aliases. */
  private selectList(): void {
    do {
      if (this.isOp('*')) this.position++;
      else {
        this.expression();
        this.alias();
      }
    } while (this.acceptComma());
  }

  private alias(): string | null {
    if (this.accept('AS')) {
      const token = this.next();
      if (token.kind !== 'word' && token.kind !== 'quoted' && token.kind !== 'string') this.fail();
      return token.text;
    }
    const token = this.peek();
    // MySQL `... LOCK IN SHARE MODE` ends a query; `lock` is otherwise a name.
    if (token.upper === 'LOCK' && this.isWord('IN', 1)) return null;
    if (token.kind === 'quoted' || (token.kind === 'word' && !RESERVED.has(token.upper) && !TABLE_SUFFIXES.has(token.upper))) {
      this.position++;
      return token.text;
    }
    return null;
  }

  private queryTail(): void {
    for (;;) {
      if (this.accept('ORDER')) {
        this.expect('BY');
        this.orderItems();
      } else if (this.accept('LIMIT')) {
        if (!this.accept('ALL')) this.expression();
        if (this.acceptComma() || this.accept('OFFSET')) this.expression();
      } else if (this.accept('OFFSET')) {
        this.expression();
        if (!this.accept('ROWS')) this.accept('ROW');
      } else if (this.accept('FETCH')) {
        if (!this.accept('FIRST')) this.expect('NEXT');
        if (!this.isWord('ROW') && !this.isWord('ROWS')) this.expression();
        if (!this.accept('ROWS')) this.expect('ROW');
        if (!this.accept('ONLY')) {
          this.expect('WITH');
          this.expect('TIES');
        }
      } else if (this.accept('FOR')) {
        this.lockingClause();
      } else if (this.isWord('LOCK') && this.isWord('IN', 1)) {
        this.position += 2;
        this.expect('SHARE');
        this.expect('MODE');
      } else {
        return;
      }
    }
  }

  private orderItems(): void {
    do {
      this.expression();
      if (!this.accept('ASC') && !this.accept('DESC') && this.accept('USING')) this.next();
      if (this.accept('NULLS') && !this.accept('FIRST')) this.expect('LAST');
    } while (this.acceptComma());
  }

  private lockingClause(): void {
    if (this.accept('NO')) {
      this.expect('KEY');
      this.expect('UPDATE');
    } else if (this.accept('KEY')) {
      this.expect('SHARE');
    } else if (!this.accept('UPDATE')) {
      this.expect('SHARE');
    }
    if (this.accept('OF')) {
      do this.qualifiedName();
      while (this.acceptComma());
    }
    if (!this.accept('NOWAIT') && this.accept('SKIP')) this.expect('LOCKED');
  }

  private qualifiedName(): string[] {
    const parts = [this.name()];
    while (this.isPunct('.') && this.isName(1)) {
      this.position++;
      parts.push(this.name());
    }
    return parts;
  }

  private valuesRows(): void {
    do {
      if (this.peek().kind === 'param') this.position++;
      else {
        this.accept('ROW');
        this.skipParenthesised();
      }
    } while (this.acceptComma());
  }

  // -------------------------------------------------------------------------------------------
  // FROM

  private sources(): SqlSource[] {
    const sources: SqlSource[] = [];
    do {
      sources.push(this.source(null));
      for (;;) {
        const join = this.joinKeyword();
        if (!join) break;
        const joined = this.source(join);
        sources.push(joined);
        if (this.accept('ON')) joined.on = this.expression();
        else if (this.accept('USING')) this.skipParenthesised();
      }
    } while (this.acceptComma());
    return sources;
  }

  private joinKeyword(): JoinKind | null {
    const start = this.position;
    if (this.accept('STRAIGHT_JOIN')) return 'inner';
    this.accept('NATURAL');
    let kind: JoinKind = 'inner';
    if (this.accept('LEFT')) kind = 'left';
    else if (this.accept('RIGHT')) kind = 'right';
    else if (this.accept('FULL')) kind = 'full';
    else if (this.accept('CROSS')) kind = 'cross';
    else this.accept('INNER');
    if (kind === 'left' || kind === 'right' || kind === 'full') this.accept('OUTER');
    if (this.accept('JOIN')) return kind;
    if (this.position !== start) this.fail();
    return null;
  }

  private source(join: JoinKind | null): SqlSource {
    const lateral = this.accept('LATERAL');
    if (this.isPunct('(')) {
      // A parenthesised join tree (`FROM (a JOIN b ON ...)`) is not read: unknown.
      if (!this.startsQuery(1)) this.fail();
      this.position++;
      let query: SqlStatement | null = null;
      if (this.accept('VALUES')) this.valuesRows();
      else query = this.statement();
      this.expectPunct(')');
      return this.derived(query, join);
    }
    if (lateral || this.peek().kind === 'param') this.fail();
    this.accept('ONLY');
    const parts = this.qualifiedName();
    if (this.isPunct('(')) {
      // A table function: `unnest($1) AS u(id)`, `generate_series(...)`, `json_each(...)`.
      this.skipBrackets();
      if (this.isWord('WITH') && this.isWord('ORDINALITY', 1)) this.position += 2;
      return this.derived(null, join);
    }
    if (this.isOp('*')) this.position++;
    if (this.accept('PARTITION')) this.skipParenthesised();
    const alias = this.alias();
    if (alias !== null && this.isPunct('(')) this.skipBrackets();
    this.tableHints();
    return { table: parts[parts.length - 1] ?? '', schema: parts.length > 1 ? (parts[parts.length - 2] ?? null) : null, alias, query: null, join, on: null };
  }

  private derived(query: SqlStatement | null, join: JoinKind | null): SqlSource {
    const alias = this.alias();
    if (alias !== null && this.isPunct('(')) this.skipBrackets();
    return { table: null, schema: null, alias, query, join, on: null };
  }

  private tableHints(): void {
    for (;;) {
      if (this.accept('USE') || this.accept('FORCE') || this.accept('IGNORE')) {
        if (!this.accept('INDEX')) this.expect('KEY');
        if (this.accept('FOR')) {
          if (!this.accept('JOIN')) {
            if (!this.accept('ORDER')) this.expect('GROUP');
            this.expect('BY');
          }
        }
        this.skipParenthesised();
      } else if (this.accept('INDEXED')) {
        this.expect('BY');
        this.name();
      } else if (this.isWord('NOT') && this.isWord('INDEXED', 1)) {
        this.position += 2;
      } else if (this.accept('TABLESAMPLE')) {
        this.name();
        this.skipParenthesised();
        if (this.accept('REPEATABLE')) this.skipParenthesised();
      } else {
        return;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // INSERT, UPDATE, DELETE

  private insert(ctes: readonly SqlCte[]): SqlStatement {
    this.next(); // INSERT or REPLACE
    while (STATEMENT_MODIFIERS.has(this.peek().upper) && this.peek().kind === 'word') this.position++;
    if (this.accept('OR')) this.next();
    this.accept('INTO');
    if (this.peek().kind === 'param') this.fail();
    const parts = this.qualifiedName();
    const table = parts[parts.length - 1] ?? '';
    if (this.accept('AS')) this.name();
    let columns: string[] | null = null;
    if (this.isPunct('(') && !this.startsQuery(1)) {
      this.position++;
      columns = [];
      do columns.push(this.qualifiedName().pop() ?? '');
      while (this.acceptComma());
      this.expectPunct(')');
    }
    let query: SqlStatement | null = null;
    if (this.accept('VALUES') || this.accept('VALUE')) {
      this.valuesRows();
      if (this.accept('AS')) {
        this.name();
        if (this.isPunct('(')) this.skipBrackets();
      }
    } else if (this.isWord('DEFAULT') && this.isWord('VALUES', 1)) {
      this.position += 2;
      columns = null;
    } else if (this.accept('SET')) {
      // MySQL `INSERT INTO t SET a = ?, b = ?`; `SET ?` (an object of unknown keys) is unknown.
      if (columns !== null || this.peek().kind === 'param') this.fail();
      columns = this.assignments();
    } else {
      if (!this.startsQuery(0)) this.fail();
      query = this.statement();
    }
    this.upsert();
    if (this.accept('RETURNING')) this.selectList();
    return { kind: 'insert', with: ctes, table, columns, query };
  }

  private upsert(): void {
    if (this.isWord('ON') && this.isWord('CONFLICT', 1)) {
      this.position += 2;
      if (this.accept('ON')) {
        this.expect('CONSTRAINT');
        this.name();
      } else if (this.isPunct('(')) {
        this.skipBrackets();
        if (this.accept('WHERE')) this.expression();
      }
      this.expect('DO');
      if (!this.accept('NOTHING')) {
        this.expect('UPDATE');
        this.expect('SET');
        this.assignments();
        if (this.accept('WHERE')) this.expression();
      }
    } else if (this.isWord('ON') && this.isWord('DUPLICATE', 1)) {
      this.position += 2;
      this.expect('KEY');
      this.expect('UPDATE');
      this.assignments();
    }
  }

  /** `a = expr, t.b = expr, (c, d) = (...)`: the columns assigned. */
  private assignments(): string[] {
    const columns: string[] = [];
    do {
      if (this.isPunct('(')) this.skipBrackets();
      else columns.push(this.qualifiedName().pop() ?? '');
      if (!this.isOp('=') && !this.isOp(':=')) this.fail();
      this.position++;
      this.expression();
    } while (this.acceptComma());
    return columns;
  }

  private update(ctes: readonly SqlCte[]): SqlStatement {
    this.expect('UPDATE');
    while (STATEMENT_MODIFIERS.has(this.peek().upper) && this.peek().kind === 'word') this.position++;
    if (this.accept('OR')) this.next();
    const targets = this.sources();
    this.expect('SET');
    this.assignments();
    const from = this.accept('FROM') ? this.sources() : [];
    const where = this.accept('WHERE') ? this.expression() : null;
    this.dmlTail();
    return { kind: 'update', with: ctes, targets, from, where };
  }

  private deleteStatement(ctes: readonly SqlCte[]): SqlStatement {
    this.expect('DELETE');
    while (STATEMENT_MODIFIERS.has(this.peek().upper) && this.peek().kind === 'word') this.position++;
    let from: SqlSource[];
    if (this.accept('FROM')) {
      from = this.sources();
      if (this.accept('USING')) from.push(...this.sources());
    } else {
      // MySQL: `DELETE t1, t2 FROM t1 JOIN t2 ...`; the targets are names of the FROM list.
      do {
        this.qualifiedName();
        if (this.isPunct('.') && this.peek(1).text === '*') this.position += 2;
      } while (this.acceptComma());
      this.expect('FROM');
      from = this.sources();
    }
    const where = this.accept('WHERE') ? this.expression() : null;
    this.dmlTail();
    return { kind: 'delete', with: ctes, from, where };
  }

  private dmlTail(): void {
    if (this.accept('RETURNING')) this.selectList();
    if (this.accept('ORDER')) {
      this.expect('BY');
      this.orderItems();
    }
    if (this.accept('LIMIT')) this.expression();
  }

  // -------------------------------------------------------------------------------------------
  // Expressions: OR < AND < NOT < comparisons < other operators < unary < postfix < primary

  private expression(): SqlExpr {
    this.enter();
    const expression = this.disjunction();
    this.depth--;
    return expression;
  }

  private disjunction(): SqlExpr {
    let left = this.conjunction();
    while (this.isWord('OR') || this.isWord('XOR') || (this.dialect === 'mysql' && this.isOp('||'))) {
      this.position++;
      left = { type: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): SqlExpr {
    let left = this.negation();
    while (this.isWord('AND') || (this.dialect === 'mysql' && this.isOp('&&'))) {
      this.position++;
      left = { type: 'and', left, right: this.negation() };
    }
    return left;
  }

  private negation(): SqlExpr {
    let negated = false;
    while (this.accept('NOT')) negated = true;
    const expression = this.comparison();
    return negated ? VALUE : expression;
  }

  private comparison(): SqlExpr {
    let left = this.operation();
    for (;;) {
      const token = this.peek();
      if (token.kind === 'op' && (token.text === '=' || token.text === '==' || (token.text === '<=>' && this.dialect !== 'postgresql'))) {
        this.position++;
        left = { type: 'compare', operator: '=', left, right: this.operation() };
      } else if (token.kind === 'op' && NOT_EQUAL.has(token.text)) {
        this.position++;
        this.operation();
        left = VALUE;
      } else if (token.kind !== 'word') {
        return left;
      } else if (token.upper === 'IS') {
        this.position++;
        this.accept('NOT');
        if (this.accept('DISTINCT')) this.expect('FROM');
        this.operation();
        left = VALUE;
      } else if (token.upper === 'ISNULL' || token.upper === 'NOTNULL') {
        this.position++;
        left = VALUE;
      } else {
        const negated = token.upper === 'NOT';
        const keyword = negated ? this.peek(1) : token;
        if (keyword.kind !== 'word') return left;
        if (keyword.upper === 'IN') {
          this.position += negated ? 2 : 1;
          const right = this.inOperand();
          left = negated ? VALUE : { type: 'compare', operator: 'in', left, right };
        } else if (LIKE.has(keyword.upper) || keyword.upper === 'SIMILAR') {
          this.position += negated ? 2 : 1;
          if (keyword.upper === 'SIMILAR') this.expect('TO');
          this.operation();
          if (this.accept('ESCAPE')) this.operation();
          left = VALUE;
        } else if (keyword.upper === 'BETWEEN') {
          this.position += negated ? 2 : 1;
          if (!this.accept('SYMMETRIC')) this.accept('ASYMMETRIC');
          this.operation();
          this.expect('AND');
          this.operation();
          left = VALUE;
        } else {
          return left;
        }
      }
    }
  }

  /** `IN (...)`: a list, a subquery; `IN $1` (postgres.js, mysql2 arrays) is a list too. */
  private inOperand(): SqlExpr {
    const token = this.peek();
    if (token.kind === 'param') {
      this.position++;
      return { type: 'value', param: this.paramKey(token.text, this.position - 1) };
    }
    if (!this.isPunct('(')) this.fail();
    const list = this.parenthesised();
    return list.type === 'list' ? list : { type: 'list', items: [list] };
  }

  /** Arithmetic, concatenation, JSON/array/vector operators, `AT TIME ZONE`: all values. */
  private operation(): SqlExpr {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      if (token.kind === 'op') {
        if (token.text === '=' || token.text === '==' || NOT_EQUAL.has(token.text)) return left;
        if (this.dialect !== 'postgresql' && token.text === '<=>') return left;
        if (this.dialect === 'mysql' && (token.text === '||' || token.text === '&&')) return left;
        if (token.text === ':=' || token.text === '=>') return left;
      } else if (!(token.kind === 'word' && (token.upper === 'DIV' || token.upper === 'MOD'))) {
        return left;
      }
      this.position++;
      this.unary();
      left = VALUE;
    }
  }

  private unary(): SqlExpr {
    let signed = false;
    for (let token = this.peek(); token.kind === 'op' && (token.text === '-' || token.text === '+' || token.text === '~' || token.text === '!'); token = this.peek()) {
      this.position++;
      signed = true;
    }
    const expression = this.postfix();
    return signed ? VALUE : expression;
  }

  private postfix(): SqlExpr {
    let expr = this.primary();
    for (;;) {
      if (this.isOp('::')) {
        // A cast keeps what it casts: `$1::uuid` is a parameter, `t.id::text` a column.
        this.position++;
        this.typeName();
      } else if (this.isPunct('[')) {
        this.skipBrackets();
        expr = VALUE;
      } else if (this.accept('COLLATE')) {
        this.qualifiedName();
      } else if (this.isWord('AT') && this.isWord('TIME', 1) && this.isWord('ZONE', 2)) {
        this.position += 3;
        this.unary();
        expr = VALUE;
      } else {
        return expr;
      }
    }
  }

  private typeName(): void {
    const first = this.qualifiedName().pop()?.toUpperCase() ?? '';
    if (first === 'DOUBLE') this.accept('PRECISION');
    if (first === 'CHARACTER' || first === 'CHAR' || first === 'BIT') this.accept('VARYING');
    if (this.isPunct('(')) this.skipBrackets();
    if ((first === 'TIMESTAMP' || first === 'TIME') && (this.isWord('WITH') || this.isWord('WITHOUT')) && this.isWord('TIME', 1) && this.isWord('ZONE', 2)) this.position += 3;
    while (this.isPunct('[')) this.skipBrackets();
  }

  /** `$2`, `?2` → 2; the n-th bare `?` → n; `:id`, `@id`, `$id` → `id`. */
  private paramKey(text: string, index: number): number | string {
    if (text === '?') {
      if (!this.anonymous) {
        this.anonymous = new Map();
        for (const [at, token] of this.tokens.entries()) if (token.kind === 'param' && token.text === '?') this.anonymous.set(at, this.anonymous.size + 1);
      }
      return this.anonymous.get(index) ?? 0;
    }
    const rest = text.slice(1);
    return /^\d+$/u.test(rest) ? Number(rest) : rest;
  }

  private primary(): SqlExpr {
    const token = this.peek();
    switch (token.kind) {
      case 'param':
        this.position++;
        return { type: 'value', param: this.paramKey(token.text, this.position - 1) };
      case 'number':
      case 'string':
        this.position++;
        return VALUE;
      case 'punct':
        if (token.text !== '(') return this.fail();
        return this.parenthesised();
      case 'op':
        if (token.text !== '*') return this.fail();
        this.position++;
        return VALUE;
      case 'quoted':
        return this.reference();
      case 'word':
        return this.keywordOrReference(token);
      default:
        return this.fail();
    }
  }

  /** `(expr)` is the expression itself; `(a, b)` a list; `(SELECT ...)` a value. */
  private parenthesised(): SqlExpr {
    if (this.startsQuery(1)) {
      this.skipBrackets();
      return VALUE;
    }
    this.position++;
    const items = [this.expression()];
    while (this.acceptComma()) items.push(this.expression());
    this.expectPunct(')');
    return items.length === 1 ? (items[0] ?? VALUE) : { type: 'list', items };
  }

  private keywordOrReference(token: Token): SqlExpr {
    const word = token.upper;
    const following = this.peek(1);
    if (word === 'NULL') {
      this.position++;
      return NULL;
    }
    if (word === 'TRUE' || word === 'FALSE' || word === 'DEFAULT' || NILADIC.has(word)) {
      this.position++;
      if (NILADIC.has(word) && this.isPunct('(')) this.skipBrackets();
      return VALUE;
    }
    if (word === 'CASE') return this.caseExpression();
    if ((word === 'ANY' || word === 'SOME') && this.isPunct('(', 1) && this.peek(2).kind === 'param' && this.isPunct(')', 3)) {
      // `= ANY($1)`: the parameter is the list.
      this.position += 4;
      return { type: 'value', param: this.paramKey(this.peek(-2).text, this.position - 2) };
    }
    if (word === 'EXISTS' || word === 'CAST' || word === 'ANY' || word === 'ALL' || word === 'SOME' || word === 'ARRAY' || (word === 'ROW' && this.isPunct('(', 1))) {
      this.position++;
      if (!this.isPunct('(') && !this.isPunct('[')) this.fail();
      this.skipBrackets();
      return VALUE;
    }
    if (word === 'INTERVAL' && following.kind !== 'string') {
      // MySQL `INTERVAL 1 DAY`.
      this.position++;
      this.unary();
      if (!INTERVAL_UNITS.has(this.peek().upper)) this.fail();
      this.position++;
      return VALUE;
    }
    if (TYPED_LITERALS.has(word) && following.kind === 'string') {
      this.position += 2;
      while (INTERVAL_UNITS.has(this.peek().upper) || this.isWord('TO')) this.position++;
      return VALUE;
    }
    if (RESERVED.has(word) && !(FUNCTION_KEYWORDS.has(word) && this.isPunct('(', 1))) return this.fail();
    return this.reference();
  }

  private caseExpression(): SqlExpr {
    this.expect('CASE');
    if (!this.isWord('WHEN')) this.expression();
    do {
      this.expect('WHEN');
      this.expression();
      this.expect('THEN');
      this.expression();
    } while (this.isWord('WHEN'));
    if (this.accept('ELSE')) this.expression();
    this.expect('END');
    return VALUE;
  }

  /** A column (`col`, `t.col`, `schema.t.col`), `t.*`, or a function call (`fn(...)`, `schema.fn(...)`, MySQL `MATCH (...) AGAINST (...)`). */
  private reference(): SqlExpr {
    const parts = [this.next().text];
    while (this.isPunct('.')) {
      const after = this.peek(1);
      if (after.kind === 'op' && after.text === '*') {
        this.position += 2;
        return VALUE;
      }
      if (after.kind !== 'word' && after.kind !== 'quoted') this.fail();
      this.position++;
      parts.push(this.next().text);
    }
    if (this.isPunct('(')) {
      this.skipBrackets();
      if (this.isWord('WITHIN') && this.isWord('GROUP', 1)) {
        this.position += 2;
        this.skipParenthesised();
      }
      if (this.accept('FILTER') || this.accept('AGAINST')) this.skipParenthesised();
      if (this.accept('OVER')) {
        if (this.isPunct('(')) this.skipBrackets();
        else this.name();
      }
      return VALUE;
    }
    const column = parts[parts.length - 1] ?? '';
    return { type: 'column', table: parts.length > 1 ? (parts[parts.length - 2] ?? null) : null, column };
  }
}
