import path from 'node:path';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { peekFileFacts } from '../../src/analysis/file-facts.js';
import { sqlParseCount } from '../../src/analysis/sql.js';
import rule from '../../src/rules/require-tenant-predicate.js';
import { FIXTURES, javascriptTester, typedTester, typescriptTester } from '../testers.js';

const TENANT = path.join(FIXTURES, 'tenant');
const PRISMA_FILE = path.join(TENANT, 'prisma-app', 'src', 'invoices.ts');
const SQL_FILE = path.join(TENANT, 'sql-app', 'src', 'invoices.js');
const SQL_TS_FILE = path.join(TENANT, 'sql-app', 'src', 'invoices.ts');
const DRIZZLE_FILE = path.join(TENANT, 'drizzle-app', 'src', 'invoices.ts');
const STRICT = [{ assumeUnknownTablesScoped: true, reportClientTenant: true, reportUnverifiable: true }] as const;

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
        name: 'pg SELECT by id only',
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
        filename: SQL_FILE,
        code: `
          export const get = (prisma, id) => prisma.$queryRaw\`SELECT * FROM invoices WHERE id = \${id}\`;
        `,
        errors: [{ messageId: 'missing', line: 2 }],
      },
      {
        name: 'query text in a const, same-file evidence for an unknown table',
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
        options: [{ checkServiceRoleClients: true }],
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
        options: [{ checkServiceRoleClients: true }],
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
        filename: SQL_TS_FILE,
        settings: { 'production-ready': { tenantColumns: ['teamId'], tenantTables: ['boards'] } },
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
    expect(peekFileFacts(program as Parameters<typeof peekFileFacts>[0])).toBeUndefined();
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
  it('reports exactly the by-id invoice lookup, and nothing in the other services', async () => {
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
    expect(findings).toEqual(['services/invoices.ts:24:46 missing']);
  });
});
