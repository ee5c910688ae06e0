import path from 'node:path';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { computedFileFacts } from '../../src/analysis/file-facts.js';
import { sqlParseCount } from '../../src/analysis/sql.js';
import rule from '../../src/rules/require-tenant-predicate.js';
import { FIXTURES, javascriptTester, typedTester, typescriptTester } from '../testers.js';

const TENANT = path.join(FIXTURES, 'tenant');
const PRISMA_FILE = path.join(TENANT, 'prisma-app', 'src', 'invoices.ts');
const SQL_FILE = path.join(TENANT, 'sql-app', 'src', 'invoices.js');
const SQL_TS_FILE = path.join(TENANT, 'sql-app', 'src', 'invoices.ts');
const DRIZZLE_FILE = path.join(TENANT, 'drizzle-app', 'src', 'invoices.ts');
const STRICT = [{ assumeUnknownTablesScoped: true, reportClientTenant: true, reportServiceQueries: true, reportUnverifiable: true }] as const;
/**
 * `strict`'s `reportServiceQueries`: queries whose selecting value does not come from the request
 * (service functions, constants). These cases test that the rule sees the missing predicate in
 * each query shape; `recommended` reports the same shapes only when the request drives them
 * (see "request-driven IDOR" below).
 */
const SERVICE = [{ reportServiceQueries: true }] as const;

describe('plain JavaScript (espree)', () => {
  javascriptTester().run('require-tenant-predicate', rule, {
    valid: [
      {
        name: 'pg query with the tenant predicate (schema from SQL migrations)',
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export async function getInvoice(id, tenantId) {
            const { rows } = await pool.query('SELECT * FROM invoices WHERE id = $1 AND tenant_id = $2', [id, tenantId]);
            return rows[0];
          }
        `,
      },
      {
        name: 'join constrained through the tenant column of a constrained table',
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const list = (tenantId) => pool.query(
            'SELECT i.*, c.name FROM invoices i JOIN customers c ON c.id = i.customer_id AND c.account = i.tenant_id WHERE i.tenant_id = $1',
            [tenantId],
          );
        `,
      },
      {
        name: 'CTE with the predicate inside',
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const recent = (t) => pool.query('WITH r AS (SELECT * FROM invoices WHERE tenant_id = $1) SELECT * FROM r', [t]);
        `,
      },
      {
        name: 'table without a tenant column (plans)',
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const plans = () => pool.query('SELECT * FROM plans WHERE id = $1', [1]);
        `,
      },
      {
        name: 'pre-auth lookup of an API key by its hash',
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const byKey = (hash) => pool.query('SELECT * FROM api_keys WHERE key_hash = $1', [hash]);
        `,
      },
      {
        name: 'fetch-then-check: the row tenant is compared before use',
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export async function getInvoice(id, ctx) {
            const { rows } = await pool.query('SELECT * FROM invoices WHERE id = $1', [id]);
            if (rows[0].tenant_id !== ctx.tenantId) throw new Error('not found');
            return rows[0];
          }
        `,
      },
      {
        name: 'RLS: set_config in the same function',
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export async function getInvoice(client, id, tenantId) {
            await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
            return client.query('SELECT * FROM invoices WHERE id = $1', [id]);
          }
        `,
      },
      {
        name: 'RLS: SET LOCAL app.current_org, or SET ROLE, in the same function',
        options: SERVICE,
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export async function getInvoice(client, id, orgId) {
            await client.query(\`SET LOCAL app.current_org = '\${orgId}'\`);
            return client.query('SELECT * FROM invoices WHERE id = $1', [id]);
          }
          export async function getReport(client, id) {
            await client.query('SET ROLE tenant_reader');
            return client.query('SELECT * FROM invoices WHERE id = $1', [id]);
          }
        `,
      },
      {
        name: 'membership lookup by user id finds the tenant (pre-auth)',
        filename: SQL_FILE,
        options: [{ tenantTables: ['memberships'] }],
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const membership = (userId) => pool.query('SELECT org_id, role FROM memberships WHERE user_id = $1', [userId]);
        `,
      },
      {
        name: 'inside a configured scoping helper',
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export function withTenant(tenantId) {
            return { all: () => pool.query('SELECT * FROM invoices') };
          }
        `,
      },
      {
        name: 'cross-tenant admin module by path',
        filename: path.join(TENANT, 'sql-app', 'src', 'admin', 'invoices.js'),
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const all = () => pool.query('SELECT * FROM invoices');
        `,
      },
      {
        name: 'unparseable SQL is skipped',
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const q = () => pool.query('SELECT FROM WHERE invoices ((');
        `,
      },
      {
        name: 'dynamic table name is skipped',
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const q = (table) => pool.query(\`SELECT * FROM \${table} WHERE id = $1\`, [1]);
        `,
      },
      {
        name: 'INSERT setting the tenant column',
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const add = (t, a) => pool.query('INSERT INTO invoices (tenant_id, customer_id, amount) VALUES ($1, $2, $3)', [t, 'c', a]);
        `,
      },
      {
        name: 'a sql fragment nested in a larger query is not a statement of its own',
        filename: SQL_FILE,
        code: `
          import { sql, inArray, and, eq } from 'drizzle-orm';
          export const q = (db, t, orgId) =>
            db.select().from(t).where(and(eq(t.orgId, orgId), inArray(t.id, sql\`SELECT invoice_id FROM invoices WHERE status = 'open'\`)));
        `,
      },
      {
        name: 'unknown table in recommended',
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const q = (id) => pool.query('SELECT * FROM widgets WHERE id = $1', [id]);
        `,
      },
      {
        name: 'a Map.delete and Array.from are not queries',
        filename: SQL_FILE,
        code: `
          const cache = new Map();
          export function drop(id) { cache.delete(id); return Array.from(cache.keys()); }
        `,
      },
    ],
    invalid: [
      {
        // \`set\` inside a word (\`RESET\`, \`OFFSET\`) sets no row-level security.
        name: 'RESET app.tenant_id before the query is no row-level security',
        options: SERVICE,
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export async function getInvoice(client, id) {
            await client.query('RESET app.tenant_id');
            const { rows } = await client.query('SELECT * FROM invoices WHERE id = $1', [id]);
            return rows[0];
          }
        `,
        errors: [{ messageId: 'missing', line: 6, data: { kind: 'SELECT', table: 'invoices', column: 'tenant_id' } }],
      },
      {
        name: 'pg SELECT by id only',
        options: SERVICE,
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export async function getInvoice(id) {
            const { rows } = await pool.query('SELECT * FROM invoices WHERE id = $1', [id]);
            return rows[0];
          }
        `,
        errors: [{ messageId: 'missing', line: 5, column: 47, data: { kind: 'SELECT', table: 'invoices', column: 'tenant_id' } }],
      },
      {
        name: 'tenant predicate made optional by OR',
        options: SERVICE,
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const q = (id, t) => pool.query('SELECT * FROM invoices WHERE id = $1 OR tenant_id = $2', [id, t]);
        `,
        errors: [{ messageId: 'optional', line: 4, data: { kind: 'SELECT', table: 'invoices', column: 'tenant_id' } }],
      },
      {
        name: 'predicate on the wrong table of a LEFT JOIN ON',
        options: SERVICE,
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const q = (t) => pool.query('SELECT * FROM invoices i LEFT JOIN customers c ON c.id = i.customer_id AND i.tenant_id = $1', [t]);
        `,
        errors: [
          { messageId: 'missing', line: 4, data: { kind: 'SELECT', table: 'invoices', column: 'tenant_id' } },
          { messageId: 'missing', line: 4, data: { kind: 'SELECT', table: 'customers', column: 'account' } },
        ],
      },
      {
        name: 'UNION branch without the predicate',
        options: SERVICE,
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const q = (t, id) => pool.query('SELECT id FROM invoices WHERE tenant_id = $1 UNION ALL SELECT id FROM audit_log WHERE id = $2', [t, id]);
        `,
        errors: [{ messageId: 'missing', data: { kind: 'SELECT', table: 'audit_log', column: 'workspace_id' } }],
      },
      {
        name: 'UPDATE and DELETE by id (mysql2 placeholders)',
        options: SERVICE,
        filename: SQL_FILE,
        code: `
          import mysql from 'mysql2/promise';
          const db = await mysql.createConnection({});
          export const pay = (id) => db.execute('UPDATE invoices SET status = ? WHERE id = ?', ['paid', id]);
          export const drop = (id) => db.execute('DELETE FROM invoices WHERE id = ?', [id]);
        `,
        errors: [
          { messageId: 'missing', line: 4, data: { kind: 'UPDATE', table: 'invoices', column: 'tenant_id' } },
          { messageId: 'missing', line: 5, data: { kind: 'DELETE', table: 'invoices', column: 'tenant_id' } },
        ],
      },
      {
        name: 'INSERT without the tenant column',
        options: SERVICE,
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const add = (a) => pool.query('INSERT INTO invoices (customer_id, amount) VALUES ($1, $2)', ['c', a]);
        `,
        errors: [{ messageId: 'missingInsert', data: { table: 'invoices', column: 'tenant_id' } }],
      },
      {
        name: 'D1 prepare().bind() with SQLite numbered parameters',
        options: SERVICE,
        filename: SQL_FILE,
        code: `
          export default {
            async fetch(request, env) {
              const row = await env.DB.prepare('SELECT * FROM invoices WHERE id = ?1').bind(1).first();
              return Response.json(row);
            },
          };
        `,
        errors: [{ messageId: 'missing', line: 4, column: 48 }],
      },
      {
        name: 'postgres.js tagged template, placeholders become parameters',
        options: SERVICE,
        filename: SQL_FILE,
        code: `
          import postgres from 'postgres';
          const sql = postgres();
          export const get = (id) => sql\`SELECT * FROM invoices WHERE id = \${id}\`;
        `,
        errors: [{ messageId: 'missing', line: 4, column: 41 }],
      },
      {
        name: 'Prisma $queryRaw',
        options: SERVICE,
        filename: SQL_FILE,
        code: `
          export const get = (prisma, id) => prisma.$queryRaw\`SELECT * FROM invoices WHERE id = \${id}\`;
        `,
        errors: [{ messageId: 'missing', line: 2 }],
      },
      {
        name: 'query text in a const, same-file evidence for an unknown table',
        options: SERVICE,
        filename: SQL_FILE,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          const LIST = 'SELECT * FROM widgets WHERE org_id = $1';
          const ONE = 'SELECT * FROM widgets WHERE id = $1';
          export const list = (o) => pool.query(LIST, [o]);
          export const one = (id) => pool.query(ONE, [id]);
        `,
        errors: [{ messageId: 'missing', line: 7, data: { kind: 'SELECT', table: 'widgets', column: 'org_id' } }],
      },
    ],
  });
});

describe('TypeScript without type information', () => {
  typescriptTester().run('require-tenant-predicate', rule, {
    valid: [
      {
        name: 'Prisma where with the tenant field',
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const get = (id: string, orgId: string) => prisma.invoice.findFirst({ where: { id, organizationId: orgId } });
        `,
      },
      {
        name: 'Prisma const where passed by name, spread of a base filter, AND, compound key, relation filter',
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export function queries(id: string, orgId: string) {
            const where = { organizationId: orgId };
            const base = { organizationId: orgId };
            prisma.invoice.findMany({ where });
            prisma.invoice.findMany({ where: { ...base, amount: { gt: 10 } } });
            prisma.invoice.findMany({ where: { AND: [{ amount: 1 }, { organizationId: orgId }] } });
            prisma.invoice.findUnique({ where: { organizationId_id: { organizationId: orgId, id } } });
            prisma.invoice.deleteMany({ where: { organization: { id: orgId } } });
            prisma.invoice.findMany({ where: { id, customer: { is: { organizationId: orgId } } } });
            return prisma.project.findMany({ where: { team: { id: orgId } } });
          }
        `,
      },
      {
        name: 'Prisma filter built step by step',
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export function list(orgId: string, status?: string) {
            const where: Record<string, unknown> = {};
            where.organizationId = orgId;
            if (status) where.status = status;
            return prisma.invoice.findMany({ where });
          }
        `,
      },
      {
        name: 'Prisma where from a local helper returning a scoped filter',
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          function tenantWhere(orgId: string) { return { organizationId: orgId }; }
          export const list = (orgId: string) => prisma.invoice.findMany({ where: { ...tenantWhere(orgId), amount: 3 } });
        `,
      },
      {
        name: 'Prisma create with the tenant in data, or a connect to the tenant',
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export function add(orgId: string) {
            prisma.invoice.create({ data: { organizationId: orgId, amount: 1 } });
            return prisma.invoice.create({ data: { amount: 1, organization: { connect: { id: orgId } } } });
          }
        `,
      },
      {
        name: 'Prisma fetch-then-check',
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export async function get(id: string, session: { orgId: string }) {
            const invoice = await prisma.invoice.findUnique({ where: { id } });
            if (!invoice || invoice.organizationId !== session.orgId) throw new Error('Not found');
            return invoice;
          }
        `,
      },
      {
        name: 'Prisma ownership verified first, then update and delete by id',
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export async function rename(id: string, orgId: string, amount: number) {
            const invoice = await prisma.invoice.findFirst({ where: { id, organizationId: orgId } });
            if (!invoice) throw new Error('Not found');
            await prisma.invoice.update({ where: { id }, data: { amount } });
            return prisma.invoice.delete({ where: { id } });
          }
        `,
      },
      {
        name: 'Prisma result handed to an ownership check',
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          declare function assertSameOrg(row: unknown, orgId: string): void;
          export async function get(id: string, orgId: string) {
            const invoice = await prisma.invoice.findUnique({ where: { id } });
            assertSameOrg(invoice, orgId);
            return invoice;
          }
        `,
      },
      {
        name: 'Prisma through a scoping helper or a client extension',
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          declare function withTenant(db: PrismaClient, orgId: string): PrismaClient;
          export const list = (orgId: string) => withTenant(prisma, orgId).invoice.findMany();
          const scopedClient = prisma.$extends({});
          export const all = () => scopedClient.invoice.findMany();
        `,
      },
      {
        name: 'Prisma spread of an unknown filter is silent in recommended',
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const list = (filter: object) => prisma.invoice.findMany({ where: { ...filter } });
        `,
      },
      {
        name: 'Prisma global model (Plan) and pre-auth lookup by slug',
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const plans = () => prisma.plan.findMany();
          export const org = (slug: string) => prisma.organization.findUnique({ where: { slug } });
        `,
      },
      {
        name: 'Drizzle select with eq on the tenant column (table from an imported schema module)',
        filename: DRIZZLE_FILE,
        code: `
          import { and, eq } from 'drizzle-orm';
          import { invoices } from '../db/schema';
          declare const db: any;
          export function q(id: string, orgId: string) {
            db.select().from(invoices).where(and(eq(invoices.id, id), eq(invoices.orgId, orgId)));
            const conditions = [eq(invoices.orgId, orgId)];
            conditions.push(eq(invoices.id, id));
            db.select().from(invoices).where(and(...conditions));
            const filter = and(eq(invoices.orgId, orgId), eq(invoices.id, id));
            db.update(invoices).set({ amount: 1 }).where(filter);
            return db.insert(invoices).values({ id, orgId, amount: 1 });
          }
        `,
      },
      {
        name: 'Drizzle table behind a path alias is unknown without types (silent)',
        filename: DRIZZLE_FILE,
        code: `
          import { eq } from 'drizzle-orm';
          import { documents } from '@/shared/tenant-schema';
          declare const db: any;
          export const get = (id: string) => db.select().from(documents).where(eq(documents.id, id));
        `,
      },
      {
        name: 'Drizzle relational query with a callback where',
        filename: DRIZZLE_FILE,
        code: `
          import { invoices } from '../db/schema';
          declare const db: any;
          export const q = (orgId: string) => db.query.invoices.findMany({ where: (t: any, { eq }: any) => eq(t.orgId, orgId) });
        `,
      },
      {
        name: 'Drizzle table with a column referencing organizations, filtered',
        filename: DRIZZLE_FILE,
        code: `
          import { eq } from 'drizzle-orm';
          import { projects, plans } from '../db/schema';
          declare const db: any;
          export const q = (orgId: string) => db.select().from(projects).where(eq(projects.ownerOrg, orgId));
          export const p = () => db.select().from(plans);
        `,
      },
    ],
    invalid: [
      {
        name: 'Prisma findMany by id only',
        options: SERVICE,
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const get = (id: string) => prisma.invoice.findFirst({ where: { id } });
        `,
        errors: [{ messageId: 'missing', line: 4, column: 46, data: { kind: 'SELECT', table: 'Invoice', column: 'organizationId' } }],
      },
      {
        name: 'Prisma update, delete, count without where, create without tenant',
        options: SERVICE,
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export function ops(id: string) {
            prisma.invoice.update({ where: { id }, data: { amount: 2 } });
            prisma.invoice.delete({ where: { id } });
            prisma.invoice.count();
            return prisma.invoice.create({ data: { amount: 1 } });
          }
        `,
        errors: [
          { messageId: 'missing', line: 5, data: { kind: 'UPDATE', table: 'Invoice', column: 'organizationId' } },
          { messageId: 'missing', line: 6, data: { kind: 'DELETE', table: 'Invoice', column: 'organizationId' } },
          { messageId: 'missing', line: 7, data: { kind: 'SELECT', table: 'Invoice', column: 'organizationId' } },
          { messageId: 'missingInsert', line: 8, data: { table: 'Invoice', column: 'organizationId' } },
        ],
      },
      {
        name: 'Prisma tenant inside OR only; undefined tenant value does not count',
        options: SERVICE,
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export function ops(id: string, orgId: string) {
            prisma.invoice.findMany({ where: { OR: [{ id }, { organizationId: orgId }] } });
            return prisma.invoice.findMany({ where: { id, organizationId: undefined } });
          }
        `,
        errors: [
          { messageId: 'optional', line: 5 },
          { messageId: 'missing', line: 6 },
        ],
      },
      {
        name: 'Prisma: a scoped query in another function does not verify this one',
        options: SERVICE,
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const list = (orgId: string) => prisma.invoice.findMany({ where: { organizationId: orgId } });
          export const remove = (id: string) => prisma.invoice.delete({ where: { id } });
        `,
        errors: [{ messageId: 'missing', line: 5, column: 49, data: { kind: 'DELETE', table: 'Invoice', column: 'organizationId' } }],
      },
      {
        name: 'Prisma model scoped through a Team relation (inferred tenant column)',
        options: SERVICE,
        filename: PRISMA_FILE,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const get = (id: string) => prisma.project.findUnique({ where: { id } });
        `,
        errors: [{ messageId: 'missing', data: { kind: 'SELECT', table: 'Project', column: 'teamId' } }],
      },
      {
        name: 'Drizzle select, update, delete, insert without the tenant',
        options: SERVICE,
        filename: DRIZZLE_FILE,
        code: `
          import { eq, or } from 'drizzle-orm';
          import { invoices } from '../db/schema';
          declare const db: any;
          export function q(id: string, orgId: string) {
            db.select().from(invoices).where(eq(invoices.id, id));
            db.update(invoices).set({ amount: 1 }).where(eq(invoices.id, id));
            db.delete(invoices).where(or(eq(invoices.id, id), eq(invoices.orgId, orgId)));
            db.select().from(invoices);
            return db.insert(invoices).values({ id, amount: 1 });
          }
        `,
        errors: [
          { messageId: 'missing', line: 6, data: { kind: 'SELECT', table: 'invoices', column: 'orgId' } },
          { messageId: 'missing', line: 7, data: { kind: 'UPDATE', table: 'invoices', column: 'orgId' } },
          { messageId: 'optional', line: 8, data: { kind: 'DELETE', table: 'invoices', column: 'orgId' } },
          { messageId: 'missing', line: 9 },
          { messageId: 'missingInsert', line: 10 },
        ],
      },
      {
        name: 'Drizzle table defined in the same file',
        options: SERVICE,
        filename: DRIZZLE_FILE,
        code: `
          import { eq } from 'drizzle-orm';
          import { pgTable, uuid } from 'drizzle-orm/pg-core';
          const docs = pgTable('docs', { id: uuid('id'), workspaceId: uuid('workspace_id') });
          declare const db: any;
          export const get = (id: string) => db.select().from(docs).where(eq(docs.id, id));
        `,
        errors: [{ messageId: 'missing', line: 6, data: { kind: 'SELECT', table: 'docs', column: 'workspaceId' } }],
      },
      {
        name: 'Drizzle relational query without where',
        options: SERVICE,
        filename: DRIZZLE_FILE,
        code: `
          import { invoices } from '../db/schema';
          declare const db: any;
          export const q = () => db.query.invoices.findMany();
        `,
        errors: [{ messageId: 'missing', line: 4 }],
      },
    ],
  });
});

describe('Knex, Kysely and Supabase (TypeScript without types)', () => {
  typescriptTester().run('require-tenant-predicate (builders)', rule, {
    valid: [
      {
        name: 'Knex where object and where(column, value) with the tenant',
        filename: SQL_TS_FILE,
        code: `
          import knex from 'knex';
          const db = knex({ client: 'pg' });
          export function q(id: string, tenantId: string) {
            db('invoices').where({ id, tenant_id: tenantId }).first();
            db('invoices').where('id', id).andWhere('tenant_id', tenantId).update({ status: 'paid' });
            db('invoices as i').where('i.tenant_id', '=', tenantId).del();
            return db('invoices').insert({ tenant_id: tenantId, customer_id: 'c' });
          }
        `,
      },
      {
        name: 'Knex where callback and modify are unknown (silent)',
        filename: SQL_TS_FILE,
        code: `
          import knex from 'knex';
          const db = knex({ client: 'pg' });
          export const q = (id: string, scope: (qb: unknown) => void) => db('invoices').where((qb: any) => qb.where('id', id)).modify(scope);
        `,
      },
      {
        name: 'Kysely selectFrom/updateTable/deleteFrom/insertInto with the tenant',
        filename: SQL_TS_FILE,
        code: `
          declare const db: any;
          export function q(id: string, tenantId: string) {
            db.selectFrom('invoices').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
            db.updateTable('invoices').set({ status: 'paid' }).where('invoices.tenant_id', '=', tenantId).execute();
            db.deleteFrom('invoices').where('tenant_id', 'in', [tenantId]).execute();
            return db.insertInto('invoices').values({ tenant_id: tenantId, customer_id: 'c' }).execute();
          }
        `,
      },
      {
        name: 'Prisma: the caller loads their own user row by session id',
        filename: PRISMA_FILE,
        options: [{ tenantTables: ['user'] }],
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const me = (session: { user: { id: string } }) => prisma.user.findUnique({ where: { id: session.user.id } });
        `,
      },
      {
        name: 'not a Prisma client: a REST wrapper in a client module',
        filename: PRISMA_FILE,
        code: `
          'use client';
          declare const api: any;
          export const drop = () => api.invoice.count();
        `,
      },
      {
        name: 'Supabase service-role client with .eq on the tenant column (strict)',
        filename: SQL_TS_FILE,
        options: [{ checkServiceRoleClients: true }],
        code: `
          import { createClient } from '@supabase/supabase-js';
          const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
          export const list = (tenantId: string) => admin.from('invoices').select('*').eq('tenant_id', tenantId);
        `,
      },
      {
        name: 'Supabase anon client is left to RLS',
        filename: SQL_TS_FILE,
        options: [{ checkServiceRoleClients: true }],
        code: `
          import { createClient } from '@supabase/supabase-js';
          const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!);
          export const list = () => supabase.from('invoices').select('*');
        `,
      },
    ],
    invalid: [
      {
        name: 'Knex lookups, update and delete by id, insert without the tenant',
        options: SERVICE,
        filename: SQL_TS_FILE,
        code: `
          import knex from 'knex';
          const db = knex({ client: 'pg' });
          export function q(id: string, tenantId: string) {
            db('invoices').where({ id }).first();
            db('invoices').where('id', id).update({ status: 'paid' });
            db('invoices').where('id', id).orWhere('tenant_id', tenantId).del();
            return db('invoices').insert({ customer_id: 'c' });
          }
        `,
        errors: [
          { messageId: 'missing', line: 5, column: 13, data: { kind: 'SELECT', table: 'invoices', column: 'tenant_id' } },
          { messageId: 'missing', line: 6, data: { kind: 'UPDATE', table: 'invoices', column: 'tenant_id' } },
          { messageId: 'optional', line: 7, data: { kind: 'DELETE', table: 'invoices', column: 'tenant_id' } },
          { messageId: 'missingInsert', line: 8, data: { kind: 'INSERT', table: 'invoices', column: 'tenant_id' } },
        ],
      },
      {
        name: 'Kysely by id only',
        options: SERVICE,
        filename: SQL_TS_FILE,
        code: `
          declare const db: any;
          export function q(id: string) {
            db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
            return db.deleteFrom('invoices').where('id', '=', id).execute();
          }
        `,
        errors: [
          { messageId: 'missing', line: 4, column: 13, data: { kind: 'SELECT', table: 'invoices', column: 'tenant_id' } },
          { messageId: 'missing', line: 5, data: { kind: 'DELETE', table: 'invoices', column: 'tenant_id' } },
        ],
      },
      {
        name: 'same-file evidence from Knex and Supabase filters names the column the file uses',
        filename: path.join(TENANT, 'custom-app', 'src', 'accounts.ts'),
        options: [{ checkServiceRoleClients: true, reportServiceQueries: true }],
        code: `
          import knex from 'knex';
          import { createClient } from '@supabase/supabase-js';
          const db = knex({ client: 'pg' });
          const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
          export const list = (orgId: string) => db('boards').where({ org_id: orgId });
          export const remove = (id: string) => db('boards').where({ id }).del();
          export const listCards = (orgId: string) => admin.from('cards').select('*').eq('org_id', orgId);
          export const removeCard = (id: string) => admin.from('cards').delete().eq('id', id);
        `,
        errors: [
          { messageId: 'missing', line: 7, data: { kind: 'DELETE', table: 'boards', column: 'org_id' } },
          { messageId: 'missing', line: 9, data: { kind: 'DELETE', table: 'cards', column: 'org_id' } },
        ],
      },
      {
        name: 'Supabase service-role client without .eq on the tenant column (strict)',
        filename: SQL_TS_FILE,
        options: [{ checkServiceRoleClients: true, reportServiceQueries: true }],
        code: `
          import { createClient } from '@supabase/supabase-js';
          const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
          export const get = (id: string) => admin.from('invoices').select('*').eq('id', id).single();
        `,
        errors: [{ messageId: 'missing', line: 4, column: 46, data: { kind: 'SELECT', table: 'invoices', column: 'tenant_id' } }],
      },
    ],
  });
});

/** Files under each fixture app's routing folders: the schema is the app's, the path a route's. */
const PRISMA_ROUTE = path.join(TENANT, 'prisma-app', 'app', 'api', 'invoices', '[id]', 'route.ts');
const PRISMA_WEBHOOK = path.join(TENANT, 'prisma-app', 'app', 'api', 'webhooks', 'stripe', 'route.ts');
const PRISMA_ACTIONS = path.join(TENANT, 'prisma-app', 'app', 'invoices', 'actions.ts');
const PRISMA_ROUTER = path.join(TENANT, 'prisma-app', 'src', 'server', 'routers', 'invoice.ts');
const PRISMA_CONTROLLER = path.join(TENANT, 'prisma-app', 'src', 'invoices', 'invoices.controller.ts');
const SQL_ROUTES = path.join(TENANT, 'sql-app', 'src', 'routes', 'invoices.ts');
const DRIZZLE_ROUTES = path.join(TENANT, 'drizzle-app', 'src', 'routes', 'invoices.ts');

const PRISMA_FIX = '`findFirst({ where: { id, organizationId: session.organizationId } })`';
const SQL_FIX = "`AND tenant_id = $2` with the session's tenant";

describe('request-driven IDOR (recommended)', () => {
  typescriptTester().run('require-tenant-predicate (IDOR)', rule, {
    valid: [
      {
        name: 'the same lookup in a service function: the caller decides the id (strict only)',
        filename: PRISMA_FILE,
        code: `
          declare const prisma: any;
          export async function getInvoice(id: string) {
            return prisma.invoice.findUnique({ where: { id } });
          }
        `,
      },
      {
        name: 'fetch-then-check: the row\'s tenant is compared with the session before use',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ orgId: string }>;
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            const session = await auth();
            const invoice = await prisma.invoice.findUnique({ where: { id: params.id } });
            if (!invoice || invoice.organizationId !== session.orgId) return new Response(null, { status: 404 });
            return Response.json(invoice);
          }
        `,
      },
      // A row's value taken into a `let` or assigned is followed one step from the row (a `const`
      // alias is followed through its declaration).
      ...[
        ['a `let` destructuring', 'let { organizationId: owner } = invoice;'],
        ['an assignment', 'let owner: string;\n            owner = invoice.organizationId;'],
      ].map(([how, lines]) => ({
        name: `fetch-then-check: the row's tenant followed through ${how}`,
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ orgId: string }>;
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            const session = await auth();
            const invoice = await prisma.invoice.findUnique({ where: { id: params.id } });
            if (!invoice) return new Response(null, { status: 404 });
            ${lines}
            if (owner !== session.orgId) return new Response(null, { status: 404 });
            return Response.json(invoice);
          }
        `,
      })),
      {
        name: 'an earlier scoped query with the same id ties it to the tenant',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ orgId: string }>;
          export async function DELETE(req: Request, { params }: { params: { id: string } }) {
            const { orgId } = await auth();
            const { id } = params;
            const owned = await prisma.invoice.findFirst({ where: { id, organizationId: orgId } });
            if (!owned) return new Response(null, { status: 404 });
            await prisma.invoice.delete({ where: { id } });
            return new Response(null, { status: 204 });
          }
        `,
      },
      {
        name: 'an access check called with the id before the query',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          declare function assertCanAccessInvoice(id: string): Promise<void>;
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            await assertCanAccessInvoice(params.id);
            return Response.json(await prisma.invoice.findUnique({ where: { id: params.id } }));
          }
        `,
      },
      {
        name: 'an update whose data comes from the body, after an access check on the id in the URL',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          declare function verifyCurrentUserHasAccessToInvoice(id: string): Promise<boolean>;
          export async function PATCH(req: Request, { params }: { params: { id: string } }) {
            if (!(await verifyCurrentUserHasAccessToInvoice(params.id))) return new Response(null, { status: 403 });
            const body = await req.json();
            await prisma.invoice.update({ where: { id: params.id }, data: { amount: body.amount } });
            return new Response(null, { status: 204 });
          }
        `,
      },
      {
        name: "fetch-then-check through a helper: the row loaded by the same id is compared with the caller first",
        filename: PRISMA_ACTIONS,
        code: `
          'use server';
          declare const prisma: any;
          declare function getInvoiceById(id: string): Promise<{ organizationId: string } | null>;
          declare function checkAuth(): Promise<{ orgId: string }>;
          export async function deleteInvoice(invoiceId: string) {
            const session = await checkAuth();
            const invoice = await getInvoiceById(invoiceId);
            if (!invoice || invoice.organizationId !== session.orgId) return { message: 'Not authorized.' };
            await prisma.invoice.delete({ where: { id: invoiceId } });
          }
        `,
      },
      {
        name: 'a scoped check, then the write inside a $transaction callback',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ orgId: string }>;
          export async function DELETE(req: Request, { params }: { params: { id: string } }) {
            const { orgId } = await auth();
            const owned = await prisma.invoice.findFirst({ where: { id: params.id, organizationId: orgId } });
            if (!owned) return new Response(null, { status: 404 });
            await prisma.$transaction(async (tx: any) => {
              await tx.invoice.delete({ where: { id: params.id } });
            });
            return new Response(null, { status: 204 });
          }
        `,
      },
      {
        name: 'a membership query that also names the id, with the session user',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ user: { id: string } }>;
          export async function GET(req: Request, { params }: { params: { teamId: string; id: string } }) {
            const session = await auth();
            const team = await prisma.team.findUnique({
              where: { id: params.teamId, users: { some: { userId: session.user.id } }, invoices: { some: { id: params.id } } },
            });
            if (!team) return new Response(null, { status: 403 });
            return Response.json(await prisma.invoice.findUnique({ where: { id: params.id } }));
          }
        `,
      },
      {
        name: "the loaded row's tenant checked right after, by a membership query",
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ user: { id: string } }>;
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            const session = await auth();
            const invoice = await prisma.invoice.findUnique({ where: { id: params.id } });
            const membership = await prisma.member.findFirst({ where: { organizationId: invoice?.organizationId, userId: session.user.id } });
            if (!membership) return new Response(null, { status: 403 });
            return Response.json(invoice);
          }
        `,
      },
      {
        name: 'the query itself carries the session user',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ user: { id: string } }>;
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            const session = await auth();
            const invoice = await prisma.invoice.findUnique({
              where: { id: params.id },
              include: { organization: { include: { members: { where: { userId: session.user.id } } } } },
            });
            if (!invoice?.organization.members.length) return new Response(null, { status: 404 });
            return Response.json(invoice);
          }
        `,
      },
      {
        name: 'a public share-link viewer that identifies no caller: the id is the capability (strict only)',
        filename: path.join(TENANT, 'prisma-app', 'pages', 'api', 'links', 'download', 'index.ts'),
        code: `
          declare const prisma: any;
          export default async function handler(req: any, res: any) {
            const { viewId } = req.body;
            const view = await prisma.invoice.findUnique({ where: { id: viewId } });
            res.json(view);
          }
        `,
      },
      {
        name: 'an internal endpoint that checks a bearer token against a configured secret',
        filename: path.join(TENANT, 'prisma-app', 'app', 'api', 'jobs-notify', 'route.ts'),
        code: `
          declare const prisma: any;
          export async function POST(req: Request) {
            if (req.headers.get('authorization') !== \`Bearer \${process.env.INTERNAL_API_KEY}\`) return new Response(null, { status: 401 });
            const { invoiceId } = await req.json();
            return Response.json(await prisma.invoice.findUnique({ where: { id: invoiceId } }));
          }
        `,
      },
      {
        name: 'an admin-only action client',
        filename: PRISMA_ACTIONS,
        code: `
          'use server';
          declare const prisma: any;
          declare const adminActionClient: any;
          export const inspectInvoice = adminActionClient.action(async ({ parsedInput: { invoiceId } }: any) => {
            return prisma.invoice.findUnique({ where: { id: invoiceId } });
          });
        `,
      },
      {
        name: 'a webhook receiver acts across tenants by design',
        filename: PRISMA_WEBHOOK,
        code: `
          declare const prisma: any;
          declare const stripe: any;
          export async function POST(req: Request) {
            const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature'), 'whsec');
            await prisma.invoice.update({ where: { id: event.data.object.metadata.invoiceId }, data: { amount: 0 } });
            return new Response('ok');
          }
        `,
      },
      {
        name: 'a handler that filters only by the session (no request value): strict only',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ userId: string }>;
          export async function GET() {
            const session = await auth();
            return Response.json(await prisma.invoice.findMany({ where: { amount: { gt: 0 }, createdBy: session.userId } }));
          }
        `,
      },
      {
        name: 'a request id with the tenant predicate from the session',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ orgId: string }>;
          export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
            const { orgId } = await auth();
            const { id } = await params;
            return Response.json(await prisma.invoice.findFirst({ where: { id, organizationId: orgId } }));
          }
        `,
      },
    ],
    invalid: [
      {
        name: 'Next.js Route Handler: Prisma findUnique by params.id',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            const invoice = await prisma.invoice.findUnique({ where: { id: params.id } });
            return Response.json(invoice);
          }
        `,
        errors: [{ messageId: 'requestId', line: 4, column: 35, data: { value: 'params.id', origin: 'the URL', kind: 'SELECT', table: 'Invoice', column: 'organizationId', fix: PRISMA_FIX } }],
      },
      {
        name: 'Next.js 15 Route Handler: awaited params, destructured, then update',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          export async function PATCH(req: Request, props: { params: Promise<{ id: string }> }) {
            const { id } = await props.params;
            const body = await req.json();
            await prisma.invoice.update({ where: { id }, data: { amount: body.amount } });
            return new Response(null, { status: 204 });
          }
        `,
        errors: [{ messageId: 'requestId', line: 6, data: { value: 'id', origin: 'the URL', kind: 'UPDATE', table: 'Invoice', column: 'organizationId', fix: PRISMA_FIX } }],
      },
      {
        name: 'tRPC procedure: delete by input.id',
        filename: PRISMA_ROUTER,
        code: `
          declare const protectedProcedure: any;
          declare const z: any;
          export const invoiceRouter = {
            delete: protectedProcedure.input(z.object({ id: z.string() })).mutation(async ({ ctx, input }: any) => {
              return ctx.db.invoice.delete({ where: { id: input.id } });
            }),
          };
        `,
        errors: [{ messageId: 'requestId', line: 6, data: { value: 'input.id', origin: 'the client (procedure input)', kind: 'DELETE', table: 'Invoice', column: 'organizationId', fix: PRISMA_FIX } }],
      },
      {
        name: "server action: the exported function's argument is the client's",
        filename: PRISMA_ACTIONS,
        code: `
          'use server';
          declare const prisma: any;
          export async function deleteInvoice(invoiceId: string) {
            await prisma.invoice.delete({ where: { id: invoiceId } });
          }
        `,
        errors: [{ messageId: 'requestId', line: 5, data: { value: 'invoiceId', origin: 'the client (server action argument)', kind: 'DELETE', table: 'Invoice', column: 'organizationId', fix: PRISMA_FIX } }],
      },
      {
        name: 'NestJS controller: @Param id',
        filename: PRISMA_CONTROLLER,
        code: `
          declare const Controller: any, Get: any, Param: any;
          declare const prisma: any;
          @Controller('invoices')
          export class InvoicesController {
            @Get(':id')
            find(@Param('id') id: string) {
              return prisma.invoice.findUnique({ where: { id } });
            }
          }
        `,
        errors: [{ messageId: 'requestId', line: 8, data: { value: 'id', origin: 'the URL', kind: 'SELECT', table: 'Invoice', column: 'organizationId', fix: PRISMA_FIX } }],
      },
      {
        name: 'Express + pg: req.params.id in a controller defined apart from its route',
        filename: SQL_ROUTES,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const getInvoice = async (req: any, res: any) => {
            const { rows } = await pool.query('SELECT * FROM invoices WHERE id = $1', [req.params.id]);
            res.json(rows[0]);
          };
        `,
        errors: [{ messageId: 'requestId', line: 5, data: { value: 'req.params.id', origin: 'the URL', kind: 'SELECT', table: 'invoices', column: 'tenant_id', fix: SQL_FIX } }],
      },
      {
        name: 'postgres.js tagged template with an id parsed from the body',
        filename: path.join(TENANT, 'sql-app', 'app', 'api', 'invoices', 'route.ts'),
        code: `
          import postgres from 'postgres';
          declare const schema: { parse(value: unknown): { id: string } };
          const sql = postgres();
          export async function POST(req: Request) {
            const { id } = schema.parse(await req.json());
            await sql\`DELETE FROM invoices WHERE id = \${id}\`;
            return new Response(null, { status: 204 });
          }
        `,
        errors: [{ messageId: 'requestId', line: 7, data: { value: 'id', origin: 'the request body', kind: 'DELETE', table: 'invoices', column: 'tenant_id', fix: SQL_FIX } }],
      },
      {
        name: "Hono + Drizzle: c.req.param('id')",
        filename: DRIZZLE_ROUTES,
        code: `
          import { Hono } from 'hono';
          import { eq } from 'drizzle-orm';
          import { invoices } from '../../db/schema';
          declare const db: any;
          const app = new Hono();
          app.get('/invoices/:id', async (c) => {
            const rows = await db.select().from(invoices).where(eq(invoices.id, c.req.param('id')));
            return c.json(rows[0]);
          });
          export default app;
        `,
        errors: [{ messageId: 'requestId', line: 8, data: { value: "c.req.param('id')", origin: 'the URL', kind: 'SELECT', table: 'invoices', column: 'orgId', fix: '`and(eq(table.id, id), eq(table.orgId, session.orgId))`' } }],
      },
      {
        name: 'Knex and Kysely filters from the query string',
        filename: SQL_ROUTES,
        code: `
          import knex from 'knex';
          import { Kysely } from 'kysely';
          const db = knex({});
          declare const kdb: Kysely<any>;
          export async function show(req: any, res: any) {
            const one = await db('invoices').where({ id: req.query.id }).first();
            const two = await kdb.selectFrom('invoices').selectAll().where('id', '=', req.query.id).execute();
            res.json([one, two]);
          }
        `,
        errors: [
          { messageId: 'requestId', line: 7, data: { value: 'req.query.id', origin: 'the query string', kind: 'SELECT', table: 'invoices', column: 'tenant_id', fix: '`.where({ id, tenant_id: session.tenant_id })`' } },
          { messageId: 'requestId', line: 8, data: { value: 'req.query.id', origin: 'the query string', kind: 'SELECT', table: 'invoices', column: 'tenant_id', fix: "`.where('tenant_id', '=', session.tenant_id)`" } },
        ],
      },
      {
        name: 'membership checked for the team in the URL, then a row of any team loaded by its own id',
        filename: path.join(TENANT, 'prisma-app', 'pages', 'api', 'teams', '[teamId]', 'invoices', '[id]', 'stats.ts'),
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const { teamId, id: invoiceId } = req.query as { teamId: string; id: string };
            const team = await prisma.team.findUnique({ where: { id: teamId, users: { some: { userId: session.user.id } } } });
            if (!team) return res.status(401).end();
            const invoice = await prisma.invoice.findUnique({ where: { id: invoiceId } });
            return res.json(invoice);
          }
        `,
        errors: [{ messageId: 'requestId', line: 10, data: { value: 'invoiceId', origin: 'the query string', kind: 'SELECT', table: 'Invoice', column: 'organizationId', fix: PRISMA_FIX } }],
      },
      {
        name: 'a create from a Route Handler that leaves the tenant unset',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          export async function POST(req: Request) {
            const body = await req.json();
            return Response.json(await prisma.invoice.create({ data: { amount: body.amount } }));
          }
        `,
        errors: [{ messageId: 'missingInsert', line: 5 }],
      },
    ],
  });
});

const OWNER_ROUTE = path.join(TENANT, 'owner-app', 'app', 'api', 'notes', '[id]', 'route.ts');
const OWNER_DRIZZLE = path.join(TENANT, 'owner-app', 'src', 'routes', 'tasks.handlers.ts');

describe('apps with no tenant model: rows owned per user (recommended)', () => {
  typescriptTester().run('require-tenant-predicate (owner)', rule, {
    valid: [
      {
        name: "the note loaded with the session user's id",
        filename: OWNER_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ user: { id: string } }>;
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            const session = await auth();
            return Response.json(await prisma.note.findFirst({ where: { id: params.id, userId: session.user.id } }));
          }
        `,
      },
      {
        name: 'the owner relation filter counts too',
        filename: OWNER_ROUTE,
        code: `
          declare const prisma: any;
          declare const session: { user: { id: string } };
          export async function DELETE(req: Request, { params }: { params: { id: string } }) {
            await prisma.note.deleteMany({ where: { id: params.id, user: { id: session.user.id } } });
            return new Response(null, { status: 204 });
          }
        `,
      },
      {
        name: "user, account and optional-owner tables are not owned rows; fetch-then-check on the owner",
        filename: OWNER_ROUTE,
        code: `
          declare const prisma: any;
          declare const session: { user: { id: string } };
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            const user = await prisma.user.findUnique({ where: { id: params.id } });
            const account = await prisma.account.findUnique({ where: { id: params.id } });
            const comment = await prisma.comment.findUnique({ where: { id: params.id } });
            const note = await prisma.note.findUnique({ where: { id: params.id } });
            if (!note || note.userId !== session.user.id) return new Response(null, { status: 404 });
            return Response.json({ user, account, comment, note });
          }
        `,
      },
      {
        name: 'a table with a user relation in an app that has a tenant model is not owner-scoped',
        filename: PRISMA_ROUTE,
        code: `
          declare const prisma: any;
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            return Response.json(await prisma.plan.findUnique({ where: { id: params.id } }));
          }
        `,
      },
    ],
    invalid: [
      {
        name: "Next.js route: a user's note loaded by the id in the URL, without the owner",
        filename: OWNER_ROUTE,
        code: `
          declare const prisma: any;
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            return Response.json(await prisma.note.findUnique({ where: { id: params.id } }));
          }
        `,
        errors: [{ messageId: 'requestId', line: 4, data: { value: 'params.id', origin: 'the URL', kind: 'SELECT', table: 'Note', column: 'userId', fix: '`findFirst({ where: { id, userId: session.userId } })`' } }],
      },
      {
        name: "Hono (zod-openapi) handler: a Drizzle relational query by c.req.valid('param') on a table owned by users",
        filename: OWNER_DRIZZLE,
        code: `
          import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
          declare const db: any;
          const users = sqliteTable('users', { id: text('id').primaryKey() });
          export const tasks = sqliteTable('tasks', {
            id: integer('id').primaryKey(),
            task: text('task').notNull(),
            userId: text('user_id').notNull().references(() => users.id),
          });
          export const getOne = async (c: any) => {
            const { id } = c.req.valid('param');
            const task = await db.query.tasks.findFirst({
              where(fields: any, operators: any) {
                return operators.eq(fields.id, id);
              },
            });
            return c.json(task);
          };
        `,
        errors: [{ messageId: 'requestId', line: 12, data: { value: 'id', origin: 'the URL', kind: 'SELECT', table: 'tasks', column: 'userId', fix: '`and(eq(table.id, id), eq(table.userId, session.userId))`' } }],
      },
    ],
  });
});

describe('strict options', () => {
  typescriptTester().run('require-tenant-predicate (strict)', rule, {
    valid: [
      {
        name: 'a Map or Set member of a class in a Prisma file is not a Prisma model',
        filename: SQL_TS_FILE,
        options: STRICT,
        code: `
          import { PrismaClient } from '@prisma/client';
          export const prisma = new PrismaClient();
          export class Cache<V> {
            private readonly entries = new Map<string, V>();
            private readonly seen = new Set<string>();
            evict(key: string): void {
              this.entries.delete(key);
              this.seen.delete(key);
            }
          }
          declare const client: { cache: { delete(key: string): void } };
          client.cache.delete('sessions:all');
        `,
      },
      {
        name: 'obviously global tables are not assumed scoped',
        filename: SQL_TS_FILE,
        options: STRICT,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const s = (token: string) => pool.query('SELECT * FROM sessions WHERE id = $1', [token]);
        `,
      },
      {
        name: 'the same schema file unconfigured: the table is unknown and recommended stays silent',
        filename: path.join(TENANT, 'custom-app', 'src', 'boards.ts'),
        code: `
          import mysql from 'mysql2/promise';
          const db = mysql.createPool({});
          export const get = (id: number) => db.query('SELECT * FROM boards WHERE id = ?', [id]);
        `,
      },
      {
        name: 'configured global table',
        filename: SQL_TS_FILE,
        options: [{ ...STRICT[0], globalTables: ['widgets'] }],
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const s = (id: string) => pool.query('SELECT * FROM widgets WHERE id = $1', [id]);
        `,
      },
      {
        name: 'a file on a cross-tenant path (built-in **/admin/**) is not checked',
        options: SERVICE,
        filename: path.join(TENANT, 'prisma-app', 'src', 'admin', 'invoices.ts'),
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const get = (id: string) => prisma.invoice.findFirst({ where: { id } });
        `,
      },
      {
        name: 'a file on a configured cross-tenant path is not checked',
        options: [{ ...SERVICE[0], crossTenantPaths: ['src/billing-ops/**'] }],
        filename: path.join(TENANT, 'prisma-app', 'src', 'billing-ops', 'invoices.ts'),
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const get = (id: string) => prisma.invoice.findFirst({ where: { id } });
        `,
      },
      {
        name: 'configured global table, in another case than the query',
        filename: SQL_TS_FILE,
        options: [{ ...STRICT[0], globalTables: ['Widgets'] }],
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const s = (id: string) => pool.query('SELECT * FROM WIDGETS WHERE id = $1', [id]);
        `,
      },
      {
        name: 'tenant from the session',
        filename: PRISMA_FILE,
        options: STRICT,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const list = (session: { orgId: string }) => prisma.invoice.findMany({ where: { organizationId: session.orgId } });
        `,
      },
    ],
    invalid: [
      {
        name: 'unknown table assumed scoped',
        filename: SQL_TS_FILE,
        options: STRICT,
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const s = (id: string) => pool.query('SELECT * FROM widgets WHERE id = $1', [id]);
        `,
        errors: [{ messageId: 'missing', data: { kind: 'SELECT', table: 'widgets', column: 'tenant_id' } }],
      },
      {
        name: 'tenant taken from the request body',
        filename: PRISMA_FILE,
        options: STRICT,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const list = (req: any) => prisma.invoice.findMany({ where: { organizationId: req.body.orgId } });
        `,
        errors: [{ messageId: 'clientTenant', line: 4, column: 96, data: { kind: 'SELECT', table: 'Invoice', column: 'organizationId', value: 'req.body.orgId' } }],
      },
      {
        name: 'spread of an unknown filter is reported in strict',
        filename: PRISMA_FILE,
        options: STRICT,
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const list = (filter: object) => prisma.invoice.findMany({ where: { ...filter } });
        `,
        errors: [{ messageId: 'unverifiable', line: 4 }],
      },
      {
        name: 'schema file configured through settings, tenant column inferred from a FOREIGN KEY to teams',
        options: SERVICE,
        filename: path.join(TENANT, 'custom-app', 'src', 'boards.ts'),
        settings: { 'production-ready': { schemaFiles: ['schema/tables.sql'] } },
        code: `
          import mysql from 'mysql2/promise';
          const db = mysql.createPool({});
          export const get = (id: number) => db.query('SELECT * FROM boards WHERE id = ?', [id]);
        `,
        errors: [{ messageId: 'missing', line: 4, column: 55, data: { kind: 'SELECT', table: 'boards', column: 'team_id' } }],
      },
      {
        name: 'tenant column and tables from settings["production-ready"]',
        options: SERVICE,
        filename: SQL_TS_FILE,
        settings: { 'production-ready': { tenantColumns: ['teamId'], tenantTables: ['boards'] } },
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const s = (id: string) => pool.query('SELECT * FROM boards WHERE id = $1', [id]);
        `,
        errors: [{ messageId: 'missing', data: { kind: 'SELECT', table: 'boards', column: 'tenant_id' } }],
      },
      {
        name: 'a cross-tenant word in the file name outside a cross-tenant path (adminPanel.ts) is still checked',
        options: SERVICE,
        filename: path.join(TENANT, 'prisma-app', 'src', 'adminPanel.ts'),
        code: `
          import { PrismaClient } from '@prisma/client';
          const prisma = new PrismaClient();
          export const get = (id: string) => prisma.invoice.findFirst({ where: { id } });
        `,
        errors: [{ messageId: 'missing', data: { kind: 'SELECT', table: 'Invoice', column: 'organizationId' } }],
      },
      {
        name: 'configured tenant tables and columns match in any case',
        options: SERVICE,
        filename: SQL_TS_FILE,
        settings: { 'production-ready': { tenantColumns: ['TeamId'], tenantTables: ['Boards'] } },
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const s = (id: string) => pool.query('SELECT * FROM boards WHERE id = $1', [id]);
        `,
        errors: [{ messageId: 'missing', data: { kind: 'SELECT', table: 'boards', column: 'tenant_id' } }],
      },
    ],
  });
});

describe('TypeScript with type information', () => {
  typedTester().run('require-tenant-predicate', rule, {
    valid: [
      {
        name: 'pg Pool query with the predicate (typed, real pg types)',
        settings: { 'production-ready': { tenantTables: ['invoices'] } },
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export async function get(id: string, tenantId: string) {
            const result = await pool.query('SELECT * FROM invoices WHERE id = $1 AND tenant_id = $2', [id, tenantId]);
            return result.rows[0];
          }
        `,
      },
      {
        name: 'Drizzle with real drizzle-orm types',
        code: `
          import { eq, and } from 'drizzle-orm';
          import { drizzle } from 'drizzle-orm/node-postgres';
          import { pgTable, uuid, integer } from 'drizzle-orm/pg-core';
          const invoices = pgTable('invoices', { id: uuid('id'), tenantId: uuid('tenant_id'), amount: integer('amount') });
          const db = drizzle(process.env.DATABASE_URL ?? '');
          export const get = (id: string, tenantId: string) => db.select().from(invoices).where(and(eq(invoices.id, id), eq(invoices.tenantId, tenantId)));
        `,
      },
    ],
    invalid: [
      {
        name: 'Drizzle table imported through a path alias, found through the checker',
        options: SERVICE,
        code: `
          import { eq } from 'drizzle-orm';
          import { drizzle } from 'drizzle-orm/node-postgres';
          import { documents } from '@/shared/tenant-schema';
          const db = drizzle(process.env.DATABASE_URL ?? '');
          export const get = (id: string) => db.select().from(documents).where(eq(documents.id, id));
        `,
        errors: [{ messageId: 'missing', line: 6, data: { kind: 'SELECT', table: 'documents', column: 'workspaceId' } }],
      },
      {
        name: 'pg Pool query by id only (typed)',
        options: SERVICE,
        settings: { 'production-ready': { tenantTables: ['invoices'] } },
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const get = (id: string) => pool.query('SELECT * FROM invoices WHERE id = $1', [id]);
        `,
        errors: [{ messageId: 'missing', line: 4, column: 57 }],
      },
      {
        name: 'Drizzle select without the tenant (typed)',
        options: SERVICE,
        code: `
          import { eq } from 'drizzle-orm';
          import { drizzle } from 'drizzle-orm/node-postgres';
          import { pgTable, uuid } from 'drizzle-orm/pg-core';
          const invoices = pgTable('invoices', { id: uuid('id'), tenantId: uuid('tenant_id') });
          const db = drizzle(process.env.DATABASE_URL ?? '');
          export const get = (id: string) => db.select().from(invoices).where(eq(invoices.id, id));
        `,
        errors: [{ messageId: 'missing', line: 7, data: { kind: 'SELECT', table: 'invoices', column: 'tenantId' } }],
      },
      {
        name: 'Prisma-style where with a tenant value typed as possibly undefined (strict)',
        options: [{ reportClientTenant: true, tenantTables: ['invoice'] }],
        code: `
          declare const prisma: { invoice: { findMany(args: object): Promise<unknown[]> } };
          export const list = (session: { orgId?: string }) => prisma.invoice.findMany({ where: { orgId: session.orgId } });
        `,
        errors: [{ messageId: 'undefinedTenant', line: 3, column: 106, data: { kind: 'SELECT', table: 'Invoice', column: 'tenant_id', value: 'session.orgId' } }],
      },
      {
        name: 'Knex builder and Kysely builder with the real packages',
        options: SERVICE,
        settings: { 'production-ready': { tenantTables: ['invoices'] } },
        code: `
          import knex from 'knex';
          import { Kysely, PostgresDialect } from 'kysely';
          import { Pool } from 'pg';
          interface DB { invoices: { id: string; tenant_id: string } }
          const db = knex({ client: 'pg' });
          const kdb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool() }) });
          export const a = (id: string) => db('invoices').where({ id }).first();
          export const b = (id: string) => kdb.selectFrom('invoices').selectAll().where('id', '=', id).execute();
        `,
        errors: [{ messageId: 'missing', line: 8 }, { messageId: 'missing', line: 9 }],
      },
      {
        name: 'Knex raw and Kysely sql with the real packages',
        options: SERVICE,
        settings: { 'production-ready': { tenantTables: ['invoices'] } },
        code: `
          import knex from 'knex';
          import { sql } from 'kysely';
          const db = knex({ client: 'pg' });
          export const a = (id: string) => db.raw('SELECT * FROM invoices WHERE id = ?', [id]);
          export const b = (id: string) => sql\`SELECT * FROM invoices WHERE id = \${id}\`;
        `,
        errors: [{ messageId: 'missing', line: 5 }, { messageId: 'missing', line: 6 }],
      },
    ],
  });
});

describe('performance', () => {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.js'],
      plugins: { 'production-ready': { rules: { 'require-tenant-predicate': rule } } as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: { 'production-ready/require-tenant-predicate': 'error' },
    },
  ];

  it('computes no per-file facts and never parses SQL for a file without a query signal', () => {
    const before = sqlParseCount();
    let program: unknown;
    const messages = linter.verify(
      `import express from 'express';\nconst app = express();\napp.get('/me', (req, res) => res.json({ id: req.params.id }));`,
      [
        ...config,
        {
          plugins: {
            probe: { rules: { capture: { create: (context: { sourceCode: { ast: unknown } }) => { program = context.sourceCode.ast; return {}; } } } } as unknown as NonNullable<Linter.Config['plugins']>[string],
          },
          rules: { 'probe/capture': 'error' },
        },
      ],
      SQL_FILE,
    );
    expect(messages).toEqual([]);
    expect(program).toBeDefined();
    expect(computedFileFacts(program as Parameters<typeof computedFileFacts>[0])).toEqual([]);
    expect(sqlParseCount()).toBe(before);
  });

  it('does not parse strings that cannot be SQL', () => {
    const before = sqlParseCount();
    const messages = linter.verify(`export const label = 'select a plan to update'; client.query('update me');`, config, SQL_FILE);
    expect(messages).toEqual([]);
    expect(sqlParseCount()).toBe(before);
  });
});

describe('demo app', () => {
  it('reports exactly the by-id invoice lookup of the invoice route, and nothing in the services', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const tsParser = (await import('@typescript-eslint/parser')).default;
    const root = path.join(FIXTURES, 'demo-app');
    const linter = new Linter({ configType: 'flat', cwd: root });
    const config: Linter.Config[] = [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        plugins: { 'production-ready': { rules: { 'require-tenant-predicate': rule } } as unknown as NonNullable<Linter.Config['plugins']>[string] },
        rules: { 'production-ready/require-tenant-predicate': 'error' },
      },
    ];
    const findings: string[] = [];
    const visit = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) visit(file);
        else if (/\.tsx?$/u.test(entry.name)) {
          for (const message of linter.verify(readFileSync(file, 'utf8'), config, file)) {
            findings.push(`${path.relative(root, file)}:${String(message.line)}:${String(message.column)} ${message.messageId ?? message.message}`);
          }
        }
      }
    };
    visit(root);
    expect(findings).toEqual(['app/api/invoices/[id]/route.ts:13:37 requestId']);
  });
});

describe('the checkout\'s own folders are not the app\'s paths', () => {
  it('reports the IDOR of a checkout that lives under folders named p, admin, webhooks and jobs', async () => {
    const { cpSync, mkdtempSync, rmSync, realpathSync } = await import('node:fs');
    const os = await import('node:os');
    const tsParser = (await import('@typescript-eslint/parser')).default;
    const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'tenant-checkout-')));
    const root = path.join(base, 'p', 'admin', 'webhooks', 'jobs', 'acme');
    try {
      cpSync(path.join(TENANT, 'prisma-app'), root, { recursive: true });
      const linter = new Linter({ configType: 'flat', cwd: root });
      const config: Linter.Config[] = [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser as unknown as Linter.Parser },
          plugins: { 'production-ready': { rules: { 'require-tenant-predicate': rule } } as unknown as NonNullable<Linter.Config['plugins']>[string] },
          rules: { 'production-ready/require-tenant-predicate': 'error' },
        },
      ];
      const code = `
        declare const prisma: any;
        export async function GET(req: Request, { params }: { params: { id: string } }) {
          const invoice = await prisma.invoice.findUnique({ where: { id: params.id } });
          return Response.json(invoice);
        }
      `;
      const messages = linter.verify(code, config, path.join(root, 'app', 'api', 'invoices', '[id]', 'route.ts'));
      expect(messages.map((message) => message.messageId)).toEqual(['requestId']);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
