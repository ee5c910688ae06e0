import { describe, expect, it } from 'vitest';

import { analyzeSql, sqlParseCount, type SqlModel } from '../../src/analysis/sql.js';
import type { SqlDialect } from '../../src/knowledge/tenant.js';

/** A model as plain data: `[table, kind, constrained, optional, links, insertColumns]` per use. */
function model(text: string, dialect: SqlDialect = 'postgresql'): unknown[] | null {
  return shape(analyzeSql(text, dialect));
}

function shape(result: SqlModel | null): unknown[] | null {
  if (result === null) return null;
  return result.uses.map((use) => [
    use.table,
    use.kind,
    [...use.constrained].sort(),
    [...use.optional].sort(),
    use.links.map((link) => `${link.column}->${link.other.table}.${link.otherColumn}`).sort(),
    use.insertColumns,
  ]);
}

describe('sql: placeholders of every client', () => {
  it.each<[SqlDialect, string]>([
    ['postgresql', 'SELECT * FROM invoices WHERE id = $1 AND tenant_id = $2'],
    ['postgresql', 'SELECT * FROM invoices WHERE id = $1::uuid AND tenant_id = $2::uuid'],
    ['postgresql', 'SELECT * FROM invoices WHERE id = ? AND tenant_id = ?'],
    ['postgresql', 'SELECT * FROM invoices WHERE id = :id AND tenant_id = :tenantId'],
    ['mysql', 'SELECT * FROM `invoices` WHERE `id` = ? AND `tenant_id` = ?'],
    ['mysql', 'SELECT * FROM invoices WHERE id = :id AND tenant_id = :tenantId'],
    ['sqlite', 'SELECT * FROM invoices WHERE id = ?1 AND tenant_id = ?2'],
    ['sqlite', 'SELECT * FROM invoices WHERE id = @id AND tenant_id = @tenantId'],
    ['sqlite', 'SELECT * FROM invoices WHERE id = $id AND tenant_id = $tenantId'],
  ])('%s: %s', (dialect, text) => {
    expect(model(text, dialect)).toEqual([['invoices', 'SELECT', ['id', 'tenant_id'], [], [], null]]);
  });

  it('reads casts, quoted types and CAST(... AS ...) as the value they cast', () => {
    expect(model('SELECT * FROM "Tracker" WHERE "accountId" = $1 AND "type" = $2::text::"TrackerType" AND kind = CAST($3 AS "Kind")')).toEqual([
      ['Tracker', 'SELECT', ['accountId', 'kind', 'type'], [], [], null],
    ]);
    expect(model('SELECT * FROM t WHERE tenant_id = ANY($1::uuid[]) AND created_at > $2::timestamp with time zone')).toEqual([['t', 'SELECT', ['tenant_id'], [], [], null]]);
  });

  it('reads postgres.js and mysql2 list parameters after IN', () => {
    expect(model('SELECT * FROM t WHERE tenant_id = $1 AND id IN $2')).toEqual([['t', 'SELECT', ['id', 'tenant_id'], [], [], null]]);
    expect(model('DELETE FROM t WHERE tenant_id = ? AND id IN ?', 'mysql')).toEqual([['t', 'DELETE', ['id', 'tenant_id'], [], [], null]]);
  });
});

describe('sql: which parameter each column is compared to', () => {
  const bindings = (text: string, dialect: SqlDialect = 'postgresql'): string[] =>
    (analyzeSql(text, dialect)?.uses ?? []).flatMap((use) => use.bindings.map((binding) => `${use.table}.${binding.column}=${String(binding.param)}${binding.optional ? '?' : ''}`));

  it('numbers positional parameters as the client binds them, and names named ones', () => {
    expect(bindings('UPDATE invoices SET amount = $1 WHERE id = $2 AND tenant_id = $3::uuid')).toEqual(['invoices.id=2', 'invoices.tenant_id=3']);
    expect(bindings('UPDATE invoices SET amount = ? WHERE id = ? AND status = ?', 'mysql')).toEqual(['invoices.id=2', 'invoices.status=3']);
    expect(bindings('SELECT * FROM invoices WHERE id = ?2 AND tenant_id = ?1', 'sqlite')).toEqual(['invoices.id=2', 'invoices.tenant_id=1']);
    expect(bindings('SELECT * FROM invoices WHERE id = :id AND tenant_id = @tenantId', 'sqlite')).toEqual(['invoices.id=id', 'invoices.tenant_id=tenantId']);
  });

  it('reads lists, ANY and OR branches; a literal or an expression binds nothing', () => {
    expect(bindings('SELECT * FROM t WHERE id IN (?, ?) OR tenant_id = ANY($3)')).toEqual(['t.id=1?', 't.id=2?', 't.tenant_id=3?']);
    expect(bindings("SELECT * FROM t WHERE id = lower($1) AND status = 'open' AND tenant_id IN $2")).toEqual(['t.tenant_id=2']);
    expect(bindings('SELECT i.* FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.id = $1 AND c.account = $2')).toEqual(['invoices.id=1', 'customers.account=2']);
  });
});

describe('sql: statement shapes', () => {
  it('joins: inner ON constrains, outer ON only the joined table, links on columns', () => {
    expect(model('SELECT * FROM a LEFT JOIN b ON b.a_id = a.id AND b.tenant_id = $1 AND a.org = $2 WHERE a.tenant_id = $3')).toEqual([
      ['a', 'SELECT', ['tenant_id'], [], ['id->b.a_id'], null],
      ['b', 'SELECT', ['tenant_id'], [], ['a_id->a.id'], null],
    ]);
    expect(model('SELECT * FROM a, b WHERE a.id = b.a_id AND b.tenant_id = $1')).toEqual([
      ['a', 'SELECT', [], [], ['id->b.a_id'], null],
      ['b', 'SELECT', ['tenant_id'], [], ['a_id->a.id'], null],
    ]);
  });

  it('OR makes a predicate optional; NOT, <>, LIKE, BETWEEN, IS and NOT IN constrain nothing', () => {
    expect(model('SELECT * FROM t WHERE (tenant_id = $1 OR $1 IS NULL) AND id = $2')).toEqual([['t', 'SELECT', ['id'], ['tenant_id'], [], null]]);
    expect(model('SELECT * FROM t WHERE NOT (tenant_id = $1) AND a <> $2 AND b LIKE $3 AND c BETWEEN $4 AND $5 AND d IS NOT NULL AND e NOT IN ($6) AND f IS DISTINCT FROM $7')).toEqual([
      ['t', 'SELECT', [], [], [], null],
    ]);
    expect(model('SELECT * FROM t WHERE tenant_id = NULL AND id = other_column')).toEqual([['t', 'SELECT', [], [], [], null]]);
  });

  it('CTEs are not tables, in every branch of a set operation; their statements are', () => {
    expect(model('WITH x AS (SELECT * FROM c WHERE tenant_id = $1) SELECT * FROM x JOIN d ON d.id = x.id UNION SELECT * FROM x')).toEqual([
      ['c', 'SELECT', ['tenant_id'], [], [], null],
      ['d', 'SELECT', [], [], [], null],
    ]);
    expect(model('WITH RECURSIVE r AS (SELECT * FROM a WHERE id = $1 UNION ALL SELECT a.* FROM a JOIN r ON a.parent = r.id) SELECT * FROM r')).toEqual([
      ['a', 'SELECT', ['id'], [], [], null],
      ['a', 'SELECT', [], [], [], null],
    ]);
  });

  it('subqueries in FROM are statements of their own; a condition on a real table in their ON still counts', () => {
    expect(model('SELECT * FROM a JOIN (SELECT * FROM c WHERE c.tenant_id = $1) s ON s.id = a.id AND a.tenant_id = $2')).toEqual([
      ['c', 'SELECT', ['tenant_id'], [], [], null],
      ['a', 'SELECT', ['tenant_id'], [], [], null],
    ]);
    expect(model('SELECT * FROM unnest($1::uuid[]) AS u(id) JOIN a ON a.id = u.id WHERE a.tenant_id = $2')).toEqual([['a', 'SELECT', ['tenant_id'], [], [], null]]);
  });

  it('subqueries in conditions filter: IN, = and EXISTS subqueries are values, their tables are not uses', () => {
    expect(model('SELECT * FROM t WHERE tenant_id IN (SELECT tenant_id FROM m WHERE user_id = $1) AND EXISTS (SELECT 1 FROM x WHERE x.t = t.id)')).toEqual([
      ['t', 'SELECT', ['tenant_id'], [], [], null],
    ]);
    expect(model('DELETE FROM t WHERE tenant_id = (SELECT tenant_id FROM users WHERE id = $1)')).toEqual([['t', 'DELETE', ['tenant_id'], [], [], null]]);
  });

  it('INSERT: column lists, INSERT ... SELECT, upserts, MySQL SET, VALUES of an interpolated list', () => {
    expect(model('INSERT INTO t (a, tenant_id) SELECT a, tenant_id FROM s WHERE s.tenant_id = $1')).toEqual([
      ['s', 'SELECT', ['tenant_id'], [], [], null],
      ['t', 'INSERT', [], [], [], ['a', 'tenant_id']],
    ]);
    expect(model('INSERT INTO "Event" ("id", "tenantId") VALUES ($1, $2), ($3, $4) ON CONFLICT ("id") DO UPDATE SET "tenantId" = EXCLUDED."tenantId" RETURNING *')).toEqual([
      ['Event', 'INSERT', [], [], [], ['id', 'tenantId']],
    ]);
    expect(model('INSERT INTO t (a, b) VALUES $1 ON CONFLICT DO NOTHING')).toEqual([['t', 'INSERT', [], [], [], ['a', 'b']]]);
    expect(model('INSERT INTO t SET a = ?, tenant_id = ? ON DUPLICATE KEY UPDATE a = VALUES(a)', 'mysql')).toEqual([['t', 'INSERT', [], [], [], ['a', 'tenant_id']]]);
    expect(model('INSERT OR REPLACE INTO t (a, b) VALUES (?1, ?2)', 'sqlite')).toEqual([['t', 'INSERT', [], [], [], ['a', 'b']]]);
    expect(model('INSERT INTO t VALUES ($1, $2)')).toEqual([['t', 'INSERT', [], [], [], null]]);
    // `SET ?` (mysql2 inserts an object): which columns is unknown.
    expect(model('INSERT INTO t SET ?', 'mysql')).toBeNull();
  });

  it('UPDATE ... FROM, DELETE ... USING, MySQL multi-table forms', () => {
    expect(model('UPDATE t SET a = $1 FROM s WHERE s.id = t.sid AND s.tenant_id = $2')).toEqual([
      ['t', 'UPDATE', [], [], ['sid->s.id'], null],
      ['s', 'UPDATE', ['tenant_id'], [], ['id->t.sid'], null],
    ]);
    expect(model('DELETE FROM t USING s WHERE s.id = t.sid AND s.tenant_id = $1')).toEqual([
      ['t', 'DELETE', [], [], ['sid->s.id'], null],
      ['s', 'DELETE', ['tenant_id'], [], ['id->t.sid'], null],
    ]);
    expect(model('DELETE t FROM t JOIN s ON s.id = t.sid WHERE s.tenant_id = ?', 'mysql')).toEqual([
      ['t', 'DELETE', [], [], ['sid->s.id'], null],
      ['s', 'DELETE', ['tenant_id'], [], ['id->t.sid'], null],
    ]);
    expect(model('UPDATE t JOIN s ON s.id = t.sid SET t.a = ? WHERE s.tenant_id = ? LIMIT 1', 'mysql')).toEqual([
      ['t', 'UPDATE', [], [], ['sid->s.id'], null],
      ['s', 'UPDATE', ['tenant_id'], [], ['id->t.sid'], null],
    ]);
  });

  it('a data-modifying CTE and the PostgreSQL operators of real apps (pgvector, full text, JSON, time zones)', () => {
    expect(
      model(`WITH inserted AS (INSERT INTO items (id, tenant_id) SELECT $1, $2 WHERE (SELECT count(*) FROM items WHERE tenant_id = $3) < 10 RETURNING *)
             SELECT * FROM inserted`),
    ).toEqual([['items', 'INSERT', [], [], [], ['id', 'tenant_id']]]);
    expect(
      model(`SELECT c.id, 1 - (c.embedding::vector <=> $1::vector) AS score, c.meta->>'title' AS title, date_trunc('day', c.created_at AT TIME ZONE 'UTC')
             FROM chunks c JOIN docs d ON d.id = c.doc_id
             WHERE d.tenant_id = $2 AND to_tsvector('english', c.body) @@ plainto_tsquery('english', $3) AND c.tags @> $4::jsonb
             ORDER BY c.embedding::vector <=> $1::vector LIMIT 10`),
    ).toEqual([
      ['chunks', 'SELECT', [], [], ['doc_id->docs.id'], null],
      ['docs', 'SELECT', ['tenant_id'], [], ['id->chunks.doc_id'], null],
    ]);
  });

  it('MySQL <=> is an equality; PostgreSQL <=> (pgvector) is not', () => {
    expect(model('SELECT * FROM t WHERE tenant_id <=> ?', 'mysql')).toEqual([['t', 'SELECT', ['tenant_id'], [], [], null]]);
    expect(model('SELECT * FROM t WHERE embedding <=> $1 < 0.5 AND tenant_id = $2')).toEqual([['t', 'SELECT', ['tenant_id'], [], [], null]]);
  });

  it('MySQL: && and ||, full-text MATCH ... AGAINST, index hints, # comments', () => {
    expect(model('SELECT * FROM t USE INDEX (idx) # by tenant\nWHERE tenant_id = ? && (a = ? || b = ?)', 'mysql')).toEqual([['t', 'SELECT', ['tenant_id'], ['a', 'b'], [], null]]);
    expect(model('SELECT * FROM t WHERE MATCH (title) AGAINST (? IN BOOLEAN MODE) AND tenant_id = ? LOCK IN SHARE MODE', 'mysql')).toEqual([['t', 'SELECT', ['tenant_id'], [], [], null]]);
  });
});

describe('sql: dialect clauses around the tables and conditions', () => {
  it.each<[SqlDialect, string]>([
    ['postgresql', 'SELECT * FROM ONLY t WHERE tenant_id = $1 FETCH FIRST 10 ROWS ONLY'],
    ['postgresql', 'SELECT * FROM t WHERE tenant_id = $1 AND x IS NOT DISTINCT FROM $2 ORDER BY a DESC NULLS LAST OFFSET 5 ROWS'],
    ['postgresql', "SELECT count(*) FILTER (WHERE status = 'x') OVER w, EXTRACT(YEAR FROM created_at) FROM t WHERE tenant_id = $1 WINDOW w AS (PARTITION BY a)"],
    ['postgresql', 'SELECT DISTINCT ON (a) * FROM t TABLESAMPLE SYSTEM (10) WHERE tenant_id = $1 FOR NO KEY UPDATE SKIP LOCKED'],
    ['sqlite', 'SELECT * FROM t INDEXED BY idx WHERE tenant_id = ? LIMIT 10'],
    ['mysql', 'SELECT SQL_CALC_FOUND_ROWS * FROM t FORCE INDEX (idx) WHERE tenant_id = ? LIMIT ?, ?'],
  ])('%s: %s', (dialect, text) => {
    expect(model(text, dialect)).toEqual([['t', 'SELECT', ['tenant_id'], [], [], null]]);
  });

  it('reads ON CONFLICT ON CONSTRAINT and DEFAULT VALUES', () => {
    expect(model('INSERT INTO t AS x (a, tenant_id) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING')).toEqual([['t', 'INSERT', [], [], [], ['a', 'tenant_id']]]);
    expect(model('INSERT INTO t DEFAULT VALUES RETURNING id')).toEqual([['t', 'INSERT', [], [], [], null]]);
  });
});

describe('sql: unknown, never wrong', () => {
  it('an interpolated SQL fragment next to a predicate makes the query unknown', () => {
    // Prisma.sql / sql fragments become $n: two operands in a row, or a fragment glued to a word.
    expect(model('SELECT * FROM t WHERE tenant_id = $1 $2 ORDER BY id')).toBeNull();
    expect(model('SELECT * FROM t WHERE sent = false$2 GROUP BY id')).toBeNull();
    expect(model('SELECT * FROM t $1 GROUP BY id')).toBeNull();
  });

  it('statements it does not model, identifier bindings and prose are unknown', () => {
    expect(model('BEGIN; UPDATE t SET a = 1 WHERE tenant_id = $1; COMMIT')).toBeNull();
    expect(model('SELECT * FROM ?? WHERE id = ?', 'mysql')).toBeNull();
    expect(model('Delete user accounts from the instance')).toBeNull();
    expect(model('SELECT * FROM (a JOIN b ON a.id = b.id) WHERE a.tenant_id = $1')).toBeNull();
  });

  it('never throws and stays bounded on broken and adversarial input', () => {
    const inputs = [
      "SELECT * FROM t WHERE a = 'unterminated",
      'SELECT * FROM t WHERE a = $$unterminated',
      'SELECT * FROM t /* unterminated',
      `SELECT * FROM t WHERE ${'('.repeat(5000)}a = 1${')'.repeat(5000)}`,
      `SELECT * FROM t WHERE a = ${'f('.repeat(5000)}${')'.repeat(5000)}`,
      `SELECT * FROM ${'(SELECT * FROM '.repeat(2000)}t${') x'.repeat(2000)}`,
      `SELECT * FROM t WHERE ${Array.from({ length: 2000 }, (_, i) => `c${String(i)} = $${String(i)}`).join(' OR ')}`,
      `SELECT * FROM t WHERE a = ${'CASE WHEN 1 THEN '.repeat(1500)}1${' END'.repeat(1500)}`,
      'SELECT \u0000 FROM t',
    ];
    const started = performance.now();
    for (const text of inputs) {
      for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) expect(() => analyzeSql(text, dialect)).not.toThrow();
    }
    expect(analyzeSql(inputs[0] ?? '', 'postgresql')).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('caches by dialect and text', () => {
    const text = 'SELECT * FROM cached_table WHERE tenant_id = $1';
    analyzeSql(text, 'postgresql');
    const before = sqlParseCount();
    expect(analyzeSql(text, 'postgresql')).toBe(analyzeSql(text, 'postgresql'));
    expect(sqlParseCount()).toBe(before);
  });
});
