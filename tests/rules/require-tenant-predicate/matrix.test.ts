/**
 * require-tenant-predicate, `recommended`: the IDOR per ORM (Prisma, Drizzle, Knex, Kysely, raw
 * SQL through pg and postgres.js) × request source (Next.js route params, `searchParams.get`,
 * `schema.parse(await req.json())`, Express `req.params`/`req.body`, Hono `c.req.param()`, tRPC
 * `input`, `'use server'` arguments, NestJS `@Param`) × what ties the id to the caller's tenant
 * (the tenant predicate, an earlier scoped query for the same id, fetch-then-check, an access
 * guard, a scoped client or an RLS transaction). Each tie is tested next to the near miss that
 * only looks like it: a scoped query or a guard for another id, another row's tenant compared, a
 * tenant predicate whose tenant the client chose.
 *
 * The cases are built from small realistic handlers: a source renders the handler around a body,
 * an ORM renders the queries. Every case still reads as the code an app would have.
 */
import path from 'node:path';

import { describe } from 'vitest';

import rule from '../../../src/rules/require-tenant-predicate.js';
import { FIXTURES, typescriptTester } from '../../testers.js';

const TENANT = path.join(FIXTURES, 'tenant');

/** Where a handler lives, how it reads the id and the session, and how it answers. */
interface Source {
  readonly name: string;
  /** The file, relative to the app's root. */
  readonly file: string;
  /** The id as the query names it, and where the rule says it comes from. */
  readonly id: string;
  readonly origin: string;
  /** Imports and module-level lines before the ORM's header; the handler's first line; what reads the id; what closes it. */
  readonly imports: string;
  readonly opening: string;
  readonly read: string;
  readonly closing: string;
  readonly respond: (value: string) => string;
}

const AUTH = 'declare function auth(): Promise<{ user: { id: string }; tenantId: string; organizationId: string; orgId: string }>;';
const RESPONSE = (value: string): string => `return Response.json(${value});`;
const RETURN = (value: string): string => `return ${value};`;

function render(source: Source, header: string, body: string): string {
  return `${source.imports}${header}\n${AUTH}\n${source.opening}\n  const session = await auth();\n${source.read}${body}\n${source.closing}`;
}

const SOURCES: readonly Source[] = [
  {
    name: 'Next.js route params',
    file: 'app/api/invoices/[id]/route.ts',
    id: 'params.id',
    origin: 'the URL',
    imports: '',
    opening: 'export async function GET(req: Request, { params }: { params: { id: string } }) {',
    read: '',
    closing: '}',
    respond: RESPONSE,
  },
  {
    name: 'Next.js searchParams.get',
    file: 'app/api/invoices/route.ts',
    id: 'id',
    origin: 'the query string',
    imports: "import type { NextRequest } from 'next/server';\n",
    opening: 'export async function GET(req: NextRequest) {',
    read: "  const id = req.nextUrl.searchParams.get('id');\n",
    closing: '}',
    respond: RESPONSE,
  },
  {
    name: 'Next.js schema.parse(await req.json())',
    file: 'app/api/invoices/archive/route.ts',
    id: 'id',
    origin: 'the request body',
    imports: "import { z } from 'zod';\nconst schema = z.object({ id: z.string() });\n",
    opening: 'export async function POST(req: Request) {',
    read: '  const { id } = schema.parse(await req.json());\n',
    closing: '}',
    respond: RESPONSE,
  },
  {
    name: 'Express req.params',
    file: 'src/routes/invoices.ts',
    id: 'req.params.id',
    origin: 'the URL',
    imports: "import express from 'express';\nconst router = express.Router();\n",
    opening: "router.put('/invoices/:id', async (req, res) => {",
    read: '',
    closing: '});\nexport default router;',
    respond: (value) => `res.json(${value});`,
  },
  {
    name: 'Hono c.req.param()',
    file: 'src/routes/invoices.handlers.ts',
    id: 'id',
    origin: 'the URL',
    imports: "import { Hono } from 'hono';\nconst app = new Hono();\n",
    opening: "app.get('/invoices/:id', async (c) => {",
    read: "  const id = c.req.param('id');\n",
    closing: '});\nexport default app;',
    respond: (value) => `return c.json(${value});`,
  },
  {
    name: 'tRPC input',
    file: 'src/server/routers/invoice.ts',
    id: 'input.id',
    origin: 'the client (procedure input)',
    imports: "import { z } from 'zod';\ndeclare const protectedProcedure: any, router: any;\n",
    opening: 'export const invoiceRouter = router({\n  byId: protectedProcedure.input(z.object({ id: z.string() })).query(async ({ input }: { input: { id: string } }) => {',
    read: '',
    closing: '  }),\n});',
    respond: RETURN,
  },
  {
    name: "'use server' action argument",
    file: 'app/invoices/actions.ts',
    id: 'invoiceId',
    origin: 'the client (server action argument)',
    imports: "'use server';\n",
    opening: 'export async function archiveInvoice(invoiceId: string) {',
    read: '',
    closing: '}',
    respond: RETURN,
  },
  {
    name: 'NestJS @Param',
    file: 'src/invoices/invoices.controller.ts',
    id: 'id',
    origin: 'the URL',
    imports: "import { Controller, Get, Param } from '@nestjs/common';\n",
    opening: "@Controller('invoices')\nexport class InvoicesController {\n  @Get(':id')\n  async findOne(@Param('id') id: string) {",
    read: '',
    closing: '  }\n}',
    respond: RETURN,
  },
];

/** How an ORM writes the queries of the cases, in the app whose schema it reads. */
interface Orm {
  readonly name: string;
  readonly app: string;
  readonly header: (file: string) => string;
  readonly table: string;
  readonly column: string;
  /** `session.<tenant>`: the caller's tenant. */
  readonly tenant: string;
  readonly fix: string;
  /** Statements that load the row by `id` alone into `invoice`. */
  readonly load: (id: string) => string;
  /** The same load, filtered by `tenant` too. */
  readonly loadScoped: (id: string, tenant: string) => string;
  /** A statement that deletes the row by `id` alone. */
  readonly remove: (id: string) => string;
  /** Statements that load into `invoice` inside a scoped client or an RLS transaction. */
  readonly scopedClient: (id: string, tenant: string) => string;
  /** The row's tenant key, as the loaded row names it. */
  readonly rowTenant: string;
}

const SQL_APP = 'sql-app';

const ORMS: readonly Orm[] = [
  {
    name: 'Prisma',
    app: 'prisma-app',
    header: () => `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\ndeclare function withTenant(client: PrismaClient, tenant: string): PrismaClient;`,
    table: 'Invoice',
    column: 'organizationId',
    tenant: 'session.organizationId',
    fix: '`findFirst({ where: { id, organizationId: session.organizationId } })`',
    load: (id) => `  const invoice = await prisma.invoice.findUnique({ where: { id: ${id} } });`,
    loadScoped: (id, tenant) => `  const invoice = await prisma.invoice.findFirst({ where: { id: ${id}, organizationId: ${tenant} } });`,
    remove: (id) => `  await prisma.invoice.delete({ where: { id: ${id} } });`,
    scopedClient: (id, tenant) => `  const db = withTenant(prisma, ${tenant});\n  const invoice = await db.invoice.findUnique({ where: { id: ${id} } });`,
    rowTenant: 'organizationId',
  },
  {
    name: 'Drizzle',
    app: 'drizzle-app',
    header: (file) =>
      `import { and, eq } from 'drizzle-orm';\nimport { drizzle } from 'drizzle-orm/node-postgres';\nimport { invoices } from '${path.posix.relative(path.posix.dirname(file), 'db/schema')}';\nconst db = drizzle(process.env.DATABASE_URL!);\ndeclare function withTenant(client: typeof db, tenant: string): typeof db;`,
    table: 'invoices',
    column: 'orgId',
    tenant: 'session.orgId',
    fix: '`and(eq(table.id, id), eq(table.orgId, session.orgId))`',
    load: (id) => `  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, ${id}));`,
    loadScoped: (id, tenant) => `  const [invoice] = await db.select().from(invoices).where(and(eq(invoices.id, ${id}), eq(invoices.orgId, ${tenant})));`,
    remove: (id) => `  await db.delete(invoices).where(eq(invoices.id, ${id}));`,
    scopedClient: (id, tenant) => `  const scopedDb = withTenant(db, ${tenant});\n  const [invoice] = await scopedDb.select().from(invoices).where(eq(invoices.id, ${id}));`,
    rowTenant: 'orgId',
  },
  {
    name: 'Knex',
    app: SQL_APP,
    header: () => `import knex from 'knex';\nconst db = knex({ client: 'pg' });`,
    table: 'invoices',
    column: 'tenant_id',
    tenant: 'session.tenantId',
    fix: '`.where({ id, tenant_id: session.tenant_id })`',
    load: (id) => `  const invoice = await db('invoices').where({ id: ${id} }).first();`,
    loadScoped: (id, tenant) => `  const invoice = await db('invoices').where('id', ${id}).andWhere('tenant_id', ${tenant}).first();`,
    remove: (id) => `  await db('invoices').where('id', ${id}).del();`,
    scopedClient: (id, tenant) =>
      `  const invoice = await db.transaction(async (trx) => {\n    await trx.raw("select set_config('app.tenant_id', ?, true)", [${tenant}]);\n    return db('invoices').where({ id: ${id} }).first();\n  });`,
    rowTenant: 'tenant_id',
  },
  {
    name: 'Kysely',
    app: SQL_APP,
    header: () => `import { Kysely, PostgresDialect, sql } from 'kysely';\nconst db = new Kysely<any>({ dialect: new PostgresDialect({} as any) });`,
    table: 'invoices',
    column: 'tenant_id',
    tenant: 'session.tenantId',
    fix: "`.where('tenant_id', '=', session.tenant_id)`",
    load: (id) => `  const invoice = await db.selectFrom('invoices').selectAll().where('id', '=', ${id}).executeTakeFirst();`,
    loadScoped: (id, tenant) => `  const invoice = await db.selectFrom('invoices').selectAll().where((eb) => eb.and([eb('id', '=', ${id}), eb('tenant_id', '=', ${tenant})])).executeTakeFirst();`,
    remove: (id) => `  await db.deleteFrom('invoices').where('id', '=', ${id}).execute();`,
    scopedClient: (id, tenant) =>
      `  const invoice = await db.transaction().execute(async (trx) => {\n    await sql\`select set_config('app.current_org', \${${tenant}}, true)\`.execute(trx);\n    return trx.selectFrom('invoices').selectAll().where('id', '=', ${id}).executeTakeFirst();\n  });`,
    rowTenant: 'tenant_id',
  },
  {
    name: 'pg',
    app: SQL_APP,
    header: () => `import { Pool } from 'pg';\nconst pool = new Pool();`,
    table: 'invoices',
    column: 'tenant_id',
    tenant: 'session.tenantId',
    fix: "`AND tenant_id = $2` with the session's tenant",
    load: (id) => `  const { rows: [invoice] } = await pool.query('SELECT * FROM invoices WHERE id = $1', [${id}]);`,
    loadScoped: (id, tenant) => `  const { rows: [invoice] } = await pool.query('SELECT * FROM invoices WHERE id = $1 AND tenant_id = $2', [${id}, ${tenant}]);`,
    remove: (id) => `  await pool.query('DELETE FROM invoices WHERE id = $1', [${id}]);`,
    scopedClient: (id, tenant) =>
      `  const client = await pool.connect();\n  await client.query('BEGIN');\n  await client.query(\`SET LOCAL app.current_org = '\${${tenant}}'\`);\n  const { rows: [invoice] } = await client.query('SELECT * FROM invoices WHERE id = $1', [${id}]);\n  await client.query('COMMIT');\n  client.release();`,
    rowTenant: 'tenant_id',
  },
  {
    name: 'postgres.js',
    app: SQL_APP,
    header: () => `import postgres from 'postgres';\nconst sql = postgres(process.env.DATABASE_URL!);`,
    table: 'invoices',
    column: 'tenant_id',
    tenant: 'session.tenantId',
    fix: "`AND tenant_id = $2` with the session's tenant",
    load: (id) => `  const [invoice] = await sql\`SELECT * FROM invoices WHERE id = \${${id}}\`;`,
    loadScoped: (id, tenant) => `  const [invoice] = await sql\`SELECT * FROM invoices WHERE id = \${${id}} AND tenant_id = \${${tenant}}\`;`,
    remove: (id) => `  await sql\`DELETE FROM invoices WHERE id = \${${id}}\`;`,
    scopedClient: (id, tenant) =>
      `  const [invoice] = await sql.begin(async (tx) => {\n    await tx\`SELECT set_config('app.tenant_id', \${${tenant}}, true)\`;\n    return tx\`SELECT * FROM invoices WHERE id = \${${id}}\`;\n  });`,
    rowTenant: 'tenant_id',
  },
];

const NOT_FOUND = "  if (!invoice) throw new Error('Not found');";

interface Case {
  readonly name: string;
  readonly filename: string;
  readonly code: string;
}

function build(orm: Orm, source: Source, name: string, body: (id: string) => string): Case {
  const filename = path.join(TENANT, orm.app, source.file);
  return { name: `${orm.name} × ${source.name}: ${name}`, filename, code: render(source, orm.header(source.file), body(source.id)) };
}

/** The source each tie is shown with, per ORM: the eight sources rotate so every pair comes up across the ORMs. */
function sourceFor(ormIndex: number, tieIndex: number): Source {
  return pick(SOURCES, ormIndex + tieIndex * 3);
}

function pick<T>(list: readonly T[], index: number): T {
  const item = list[index % list.length];
  if (item === undefined) throw new Error('an empty list');
  return item;
}

const TIES: readonly { readonly name: string; readonly body: (orm: Orm, source: Source) => (id: string) => string }[] = [
  { name: 'the tenant predicate from the session', body: (orm, source) => (id) => `${orm.loadScoped(id, orm.tenant)}\n${NOT_FOUND}\n  ${source.respond('invoice')}` },
  {
    name: 'an earlier scoped query for the same id, then a delete by id',
    body: (orm, source) => (id) => `${orm.loadScoped(id, orm.tenant)}\n${NOT_FOUND}\n${orm.remove(id)}\n  ${source.respond('{ deleted: true }')}`,
  },
  {
    name: "fetch-then-check: the row's tenant compared with the session's",
    body: (orm, source) => (id) => `${orm.load(id)}\n  if (!invoice || invoice.${orm.rowTenant} !== ${orm.tenant}) throw new Error('Not found');\n  ${source.respond('invoice')}`,
  },
  {
    name: 'an access guard called with the id first',
    body: (orm, source) => (id) => `  await assertCanAccessInvoice(${id}, session.user.id);\n${orm.load(id)}\n  ${source.respond('invoice')}`,
  },
  { name: 'a scoped client or an RLS transaction', body: (orm, source) => (id) => `${orm.scopedClient(id, orm.tenant)}\n  ${source.respond('invoice')}` },
];

const GUARD = 'declare function assertCanAccessInvoice(id: string, userId: string): Promise<void>;\ndeclare function getMembership(userId: string): Promise<Record<string, string>>;';

function withGuard<T extends Case>(item: T): T {
  return { ...item, code: `${GUARD}\n${item.code}` };
}

const valid: Case[] = [];
const invalid: (Case & { errors: { messageId: 'requestId'; data?: Record<string, string> }[] })[] = [];
const strictInvalid: (Case & { errors: { messageId: 'clientTenant' }[] })[] = [];

for (const [ormIndex, orm] of ORMS.entries()) {
  // Each request source once per ORM: the IDOR, named with its source and the fix in the ORM's terms.
  for (const [sourceIndex, source] of SOURCES.entries()) {
    const write = sourceIndex % 2 === 1;
    const item = build(orm, source, write ? 'a delete by the id alone' : 'a read by the id alone', (id) =>
      write ? `${orm.remove(id)}\n  ${source.respond('{ deleted: true }')}` : `${orm.load(id)}\n${NOT_FOUND}\n  ${source.respond('invoice')}`,
    );
    invalid.push({
      ...item,
      errors: [{ messageId: 'requestId', data: { value: source.id, origin: source.origin, kind: write ? 'DELETE' : 'SELECT', table: orm.table, column: orm.column, fix: orm.fix } }],
    });
  }
  // Each tie once per ORM, with a rotating source.
  for (const [tieIndex, tie] of TIES.entries()) {
    const source = sourceFor(ormIndex, tieIndex);
    const item = build(orm, source, tie.name, tie.body(orm, source));
    valid.push(withGuard(item));
  }
  // The near misses: what looks like a tie and ties another value, or nothing.
  const source = sourceFor(ormIndex, 5);
  invalid.push(
    {
      ...build(orm, source, 'a scoped query for another id does not tie this one', (id) =>
        `  const other = (${id} as string).split(':')[0];\n${orm.loadScoped('other', orm.tenant)}\n${NOT_FOUND}\n${orm.remove(id)}\n  ${source.respond('{ deleted: true }')}`,
      ),
      errors: [{ messageId: 'requestId' }],
    },
    withGuard({
      ...build(orm, source, "another row's tenant compared is not this row's check", (id) =>
        `${orm.load(id)}\n  const membership = await getMembership(session.user.id);\n  if (membership.${orm.rowTenant} !== ${orm.tenant}) throw new Error('Forbidden');\n  ${source.respond('invoice')}`,
      ),
      errors: [{ messageId: 'requestId' }],
    }),
    withGuard({
      ...build(orm, source, 'a guard called with another value does not tie the id', (id) => `  await assertCanAccessInvoice(session.user.id, session.user.id);\n${orm.load(id)}\n  ${source.respond('invoice')}`),
      errors: [{ messageId: 'requestId' }],
    }),
  );
  // A tenant predicate whose tenant the client chose: strict reports it, and it ties nothing later.
  const chosen = pick(SOURCES, 0);
  const chosenCase = build(orm, chosen, 'the tenant predicate with a tenant from the query string', (id) =>
    `  const tenant = new URL(req.url).searchParams.get('org') ?? '';\n${orm.loadScoped(id, 'tenant')}\n${NOT_FOUND}\n${orm.remove(id)}\n  ${chosen.respond('invoice')}`,
  );
  invalid.push({ ...chosenCase, name: `${chosenCase.name}: a later delete by the id is not tied`, errors: [{ messageId: 'requestId' }] });
  strictInvalid.push({ ...chosenCase, name: `${chosenCase.name} (strict)`, errors: [{ messageId: 'clientTenant' }] });
}

describe('the IDOR per ORM and request source, and what ties the id to the tenant', () => {
  typescriptTester().run('require-tenant-predicate (matrix)', rule, { valid, invalid });
});

describe('strict: a tenant the client chose', () => {
  typescriptTester().run('require-tenant-predicate (matrix, strict)', rule, {
    valid: [],
    invalid: strictInvalid.map((item) => ({
      ...item,
      options: [{ reportClientTenant: true }],
      // The delete after it is strict's too (reportServiceQueries is off): only the tenant value is reported here.
      errors: [{ messageId: 'clientTenant' as const }, { messageId: 'requestId' as const }],
    })),
  });
});

const SQL_ROUTE = path.join(TENANT, SQL_APP, 'app', 'api', 'tenants', '[id]', 'route.ts');
const SQL_EXPRESS = path.join(TENANT, SQL_APP, 'src', 'routes', 'tenants.ts');
const SQL_ROUTER = path.join(TENANT, SQL_APP, 'src', 'server', 'routers', 'tenant.ts');
const MEMBERSHIP_SQL = "`AND id IN (SELECT tenant_id FROM memberships WHERE user_id = $2)` with the session's user";

/** An Express controller that renames the tenant in the URL with Knex, after `check` (the update on line 7 when `check` is empty). */
function knexRename(check: string): string {
  return `
import knex from 'knex';
const db = knex({ client: 'pg' });
${AUTH}
export async function rename(req: any, res: any) {
  const session = await auth();
  ${check}
  await db('tenants').where({ id: req.params.id }).update({ name: req.body.name });
  res.status(204).end();
}`;
}

/** A Next.js route that renames the tenant in the URL: `header`, then `statements` (the first on line 8 after a two-line header). */
function renameRoute(header: string, statements: string): string {
  return `
${header}
${AUTH}
export async function PATCH(req: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  const { name } = await req.json();
${statements}
  return new Response(null, { status: 204 });
}`;
}

/** The rename with `pool.query(<args>)` (the query on line 8). */
function pgRename(args: string): string {
  return renameRoute("import { Pool } from 'pg';\nconst pool = new Pool();", `  await pool.query(${args});`);
}

describe("the tenant's own row in SQL, Knex and Kysely (the schema's `memberships` says who belongs)", () => {
  typescriptTester().run('require-tenant-predicate (matrix, tenant row)', rule, {
    valid: [
      {
        name: 'pg: the membership in the statement',
        filename: SQL_ROUTE,
        code: pgRename("'UPDATE tenants SET name = $1 WHERE id = $2 AND id IN (SELECT tenant_id FROM memberships WHERE user_id = $3)', [name, params.id, session.user.id]"),
      },
      {
        name: 'Knex: the membership looked up with the caller first',
        filename: SQL_EXPRESS,
        code: knexRename("const member = await db('memberships').where({ tenant_id: req.params.id, user_id: session.user.id }).first();\n  if (!member) return res.status(404).end();"),
      },
      {
        name: "Kysely: the session's own tenant",
        filename: SQL_ROUTER,
        code: `
          import { Kysely } from 'kysely';
          declare const db: Kysely<any>;
          ${AUTH}
          export async function current() {
            const session = await auth();
            return db.selectFrom('tenants').selectAll().where('id', '=', session.tenantId).executeTakeFirst();
          }
        `,
      },
    ],
    invalid: [
      {
        name: 'pg: a tenant renamed by the id in the URL',
        filename: SQL_ROUTE,
        code: pgRename("'UPDATE tenants SET name = $1 WHERE id = $2', [name, params.id]"),
        errors: [{ messageId: 'tenantRow', line: 8, data: { value: 'params.id', origin: 'the URL', kind: 'UPDATE', table: 'tenants', fix: MEMBERSHIP_SQL } }],
      },
      {
        name: 'Knex: a tenant renamed by req.params.id',
        filename: SQL_EXPRESS,
        code: knexRename(''),
        errors: [
          {
            messageId: 'tenantRow',
            line: 8,
            data: { value: 'req.params.id', origin: 'the URL', kind: 'UPDATE', table: 'tenants', fix: "`.whereIn('id', db('memberships').select('tenant_id').where('user_id', session.userId))`" },
          },
        ],
      },
      {
        name: 'Kysely: a tenant read by the tRPC input',
        filename: SQL_ROUTER,
        code: `
          import { Kysely } from 'kysely';
          import { z } from 'zod';
          declare const db: Kysely<any>;
          declare const protectedProcedure: any;
          export const tenantRouter = {
            byId: protectedProcedure.input(z.object({ id: z.string() })).query(async ({ input }: { input: { id: string } }) => {
              return db.selectFrom('tenants').selectAll().where('id', '=', input.id).executeTakeFirst();
            }),
          };
        `,
        errors: [
          {
            messageId: 'tenantRow',
            line: 8,
            data: {
              value: 'input.id',
              origin: 'the client (procedure input)',
              kind: 'SELECT',
              table: 'tenants',
              fix: "`.where('id', 'in', db.selectFrom('memberships').select('tenant_id').where('user_id', '=', session.userId))`",
            },
          },
        ],
      },
    ],
  });
});

describe('raw SQL: which values select the rows', () => {
  typescriptTester().run('require-tenant-predicate (matrix, SQL values)', rule, {
    valid: [
      {
        name: 'a joined table selected through the filter of another: the viewer id was verified for the tenant first',
        filename: path.join(TENANT, SQL_APP, 'app', 'api', 'customers', '[id]', 'route.ts'),
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          ${AUTH}
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            const session = await auth();
            const { rows: [customer] } = await pool.query('SELECT id FROM customers WHERE id = $1 AND account = $2', [params.id, session.tenantId]);
            if (!customer) return new Response(null, { status: 404 });
            const { rows } = await pool.query('SELECT i.* FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE c.id = $1', [params.id]);
            return Response.json(rows);
          }
        `,
      },
      {
        name: "the same value's row checked later, before the result is used",
        filename: path.join(TENANT, SQL_APP, 'app', 'api', 'invoices', '[id]', 'route.ts'),
        code: `
          import postgres from 'postgres';
          const sql = postgres();
          ${AUTH}
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            const session = await auth();
            const [row] = await sql\`SELECT amount FROM invoices WHERE id = \${params.id}\`;
            const [owner] = await sql\`SELECT tenant_id FROM invoices WHERE id = \${params.id}\`;
            if (owner.tenant_id !== session.tenantId) return new Response(null, { status: 404 });
            return Response.json(row);
          }
        `,
      },
    ],
    invalid: [
      {
        name: 'an UPDATE names the id that selects the row, not the body value it writes',
        filename: path.join(TENANT, SQL_APP, 'app', 'api', 'invoices', '[id]', 'route.ts'),
        code: `
          import { Pool } from 'pg';
          const pool = new Pool();
          ${AUTH}
          export async function PATCH(req: Request, { params }: { params: { id: string } }) {
            const session = await auth();
            const body = await req.json();
            await pool.query('UPDATE invoices SET amount = $1, updated_by = $3 WHERE id = $2', [body.amount, params.id, session.user.id]);
            return new Response(null, { status: 204 });
          }
        `,
        errors: [{ messageId: 'requestId', line: 8, data: { value: 'params.id', origin: 'the URL', kind: 'UPDATE', table: 'invoices', column: 'tenant_id', fix: "`AND tenant_id = $2` with the session's tenant" } }],
      },
      {
        name: 'mysql2 placeholders and a named-parameter object',
        filename: path.join(TENANT, SQL_APP, 'src', 'routes', 'invoices.ts'),
        code: `
          import mysql from 'mysql2/promise';
          declare const db: any;
          const pool = mysql.createPool({});
          ${AUTH}
          export async function update(req: any, res: any) {
            const session = await auth();
            await pool.execute('UPDATE invoices SET status = ? WHERE id = ?', [req.body.status, req.params.id]);
            await db.prepare('DELETE FROM invoices WHERE id = :id').run({ id: req.params.id, by: session.user.id });
            res.end();
          }
        `,
        errors: [
          { messageId: 'requestId', line: 8, data: { value: 'req.params.id', origin: 'the URL', kind: 'UPDATE', table: 'invoices', column: 'tenant_id', fix: "`AND tenant_id = $2` with the session's tenant" } },
          { messageId: 'requestId', line: 9, data: { value: 'req.params.id', origin: 'the URL', kind: 'DELETE', table: 'invoices', column: 'tenant_id', fix: "`AND tenant_id = $2` with the session's tenant" } },
        ],
      },
    ],
  });
});

const MOVE_ROUTE = path.join(TENANT, 'prisma-app', 'pages', 'api', 'teams', '[teamId]', 'invoices', 'move.ts');

/** A Pages API route that updates the invoices of the team in the URL after `check` (the update on line 9). */
function moveInvoices(check: string): string {
  return `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
${AUTH}
export default async function handle(req: any, res: any) {
  const session = await auth();
  const { teamId } = req.query as { teamId: string };
  ${check}
  await prisma.invoice.updateMany({ where: { id: { in: req.body.ids }, organizationId: teamId }, data: { amount: 0 } });
  res.status(204).end();
}`;
}

describe('strict: a tenant from the URL, checked first', () => {
  typescriptTester().run('require-tenant-predicate (matrix, strict, tied tenant)', rule, {
    valid: [
      {
        name: "the team loaded with the caller among its users, the result tested, then the team's invoices changed",
        filename: MOVE_ROUTE,
        options: [{ reportClientTenant: true }],
        code: moveInvoices("const team = await prisma.team.findUnique({ where: { id: teamId }, include: { users: { where: { userId: session.user.id } } } });\n  if (!team || team.users.length === 0) return res.status(403).end();"),
      },
    ],
    invalid: [
      {
        name: 'the same update with no check of the team in the URL',
        filename: MOVE_ROUTE,
        options: [{ reportClientTenant: true }],
        code: moveInvoices(''),
        errors: [{ messageId: 'clientTenant', line: 9 }],
      },
    ],
  });
});

/** The source of `SOURCES` with this name. */
function sourceNamed(name: string): Source {
  const found = SOURCES.find((source) => source.name === name);
  if (!found) throw new Error(`no source ${name}`);
  return found;
}

/** A case of `ORMS[ormIndex]` × the named source whose body is `body(id)`. */
function writeCase(ormIndex: number, sourceName: string, name: string, body: (id: string) => string): Case {
  return build(pick(ORMS, ormIndex), sourceNamed(sourceName), name, body);
}

/** The same, reported as the IDOR on `kind`, named with its source and the fix in the ORM's terms. */
function reported(ormIndex: number, sourceName: string, kind: string, name: string, body: (id: string) => string): Case & { errors: { messageId: 'requestId'; data: Record<string, string> }[] } {
  const orm = pick(ORMS, ormIndex);
  const source = sourceNamed(sourceName);
  return { ...build(orm, source, name, body), errors: [{ messageId: 'requestId', data: { value: source.id, origin: source.origin, kind, table: orm.table, column: orm.column, fix: orm.fix } }] };
}

describe('Prisma and Drizzle: a session value the query writes is not a tie', () => {
  typescriptTester().run('require-tenant-predicate (matrix, written values)', rule, {
    valid: [
      writeCase(0, 'Next.js route params', 'the caller in the filter of an update', (id) =>
        `  await prisma.invoice.update({ where: { id: ${id}, createdBy: session.user.id }, data: { updatedBy: session.user.id } });\n  return Response.json({ ok: true });`,
      ),
      writeCase(1, 'tRPC input', 'the caller in the where of an update', (id) =>
        `  await db.update(invoices).set({ amount: 0 }).where(and(eq(invoices.id, ${id}), eq(invoices.createdBy, session.user.id)));\n  return { ok: true };`,
      ),
      writeCase(0, 'tRPC input', 'a read that includes the caller, its result tested', (id) =>
        `  const invoice = await prisma.invoice.findUnique({ where: { id: ${id} }, include: { organization: { include: { members: { where: { userId: session.user.id } } } } } });\n  if (!invoice?.organization.members.length) throw new Error('Not found');\n  return invoice;`,
      ),
    ],
    invalid: [
      reported(0, 'Next.js route params', 'UPDATE', 'an update that writes the session user as the editor', (id) =>
        `  await prisma.invoice.update({ where: { id: ${id} }, data: { updatedBy: session.user.id } });\n  return Response.json({ ok: true });`,
      ),
      reported(0, 'Express req.params', 'UPDATE', 'an upsert that writes the session in create and update', (id) =>
        `  const invoice = await prisma.invoice.upsert({ where: { id: ${id} }, create: { id: ${id}, organizationId: session.organizationId, createdBy: session.user.id }, update: { updatedBy: session.user.id } });\n  res.json(invoice);`,
      ),
      reported(1, 'tRPC input', 'UPDATE', 'a Drizzle update whose .set() writes the session user', (id) =>
        `  await db.update(invoices).set({ amount: 0, updatedBy: session.user.id }).where(eq(invoices.id, ${id}));\n  return { ok: true };`,
      ),
      reported(1, 'Express req.params', 'UPDATE', 'a Drizzle update that voids the invoice in the name of the session user', (id) =>
        `  const [invoice] = await db.update(invoices).set({ status: 'void', voidedBy: session.user.id }).where(eq(invoices.id, ${id})).returning();\n  res.json(invoice);`,
      ),
    ],
  });
});

describe('Knex: grouped where callbacks are read as AND parts', () => {
  typescriptTester().run('require-tenant-predicate (matrix, Knex callbacks)', rule, {
    valid: [
      writeCase(2, 'Express req.params', 'the tenant in a function () { this.where() } group', (id) =>
        `  const invoice = await db('invoices').where(function () { this.where('id', ${id}).andWhere('tenant_id', session.tenantId); }).first();\n  res.json(invoice);`,
      ),
      writeCase(2, 'tRPC input', 'the tenant in a (qb) => qb.where({...}) group', (id) =>
        `  await db('invoices').where((qb) => qb.where({ id: ${id}, tenant_id: session.tenantId })).del();\n  return { deleted: true };`,
      ),
      writeCase(2, 'Next.js route params', 'a group with an orWhere stays unknown (silent in recommended)', (id) =>
        `  const invoice = await db('invoices').where((qb) => { qb.where('id', ${id}).orWhere('number', ${id}); }).first();\n  return Response.json(invoice);`,
      ),
    ],
    invalid: [
      reported(2, 'Express req.params', 'UPDATE', 'a function () { this.where() } group by the id alone', (id) =>
        `  await db('invoices').where(function () { this.where('id', ${id}); }).update({ status: 'paid' });\n  res.status(204).end();`,
      ),
      reported(2, 'tRPC input', 'SELECT', 'a (qb) => qb.where().andWhere() group with no tenant', (id) =>
        `  const invoice = await db('invoices').where((qb) => qb.where('id', ${id}).andWhere('status', 'open')).first();\n  return invoice;`,
      ),
      reported(2, 'Next.js route params', 'DELETE', 'a block-bodied group, with the tenant under orWhere outside it', (id) =>
        `  await db('invoices').where((qb) => { qb.where('id', ${id}); }).orWhere('tenant_id', session.tenantId).del();\n  return Response.json({ deleted: true });`,
      ),
    ],
  });
  typescriptTester().run('require-tenant-predicate (matrix, Knex callbacks, strict)', rule, {
    valid: [],
    invalid: [
      {
        ...writeCase(2, 'Next.js route params', 'a group with an orWhere cannot be read', (id) =>
          `  const invoice = await db('invoices').where((qb) => { qb.where('id', ${id}).orWhere('number', ${id}); }).first();\n  return Response.json(invoice);`,
        ),
        options: [{ reportUnverifiable: true }],
        errors: [{ messageId: 'unverifiable' as const }],
      },
    ],
  });
});

const DRIZZLE_WORKSPACE_ROUTE = path.join(TENANT, 'drizzle-app', 'app', 'api', 'workspaces', '[id]', 'route.ts');
const DRIZZLE_MEMBERSHIP =
  '`and(eq(table.id, id), inArray(table.id, db.select({ id: workspaceMembers.workspaceId }).from(workspaceMembers).where(eq(workspaceMembers.userId, session.userId))))`';

/** The rename with Drizzle after `check` (the update on line 10 when `check` is empty). */
function drizzleRename(check: string, where = 'eq(workspaces.id, params.id)'): string {
  const header = `import { and, eq, inArray } from 'drizzle-orm';\nimport { drizzle } from 'drizzle-orm/node-postgres';\nimport { workspaceMembers, workspaces } from '../../../../db/workspaces';\nconst db = drizzle(process.env.DATABASE_URL!);`;
  return renameRoute(header, `${check}  await db.update(workspaces).set({ name }).where(${where});`);
}

describe("Drizzle: the tenant's own row (the module of `workspaces` has `workspaceMembers`)", () => {
  typescriptTester().run('require-tenant-predicate (matrix, Drizzle tenant row)', rule, {
    valid: [
      {
        name: 'the membership looked up with the caller first, the result tested',
        filename: DRIZZLE_WORKSPACE_ROUTE,
        code: drizzleRename(
          '  const [member] = await db.select().from(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, params.id), eq(workspaceMembers.userId, session.user.id)));\n  if (!member) return new Response(null, { status: 404 });\n',
        ),
      },
      {
        name: 'the membership in the filter',
        filename: DRIZZLE_WORKSPACE_ROUTE,
        code: drizzleRename('', 'and(eq(workspaces.id, params.id), inArray(workspaces.id, db.select({ id: workspaceMembers.workspaceId }).from(workspaceMembers).where(eq(workspaceMembers.userId, session.user.id))))'),
      },
      {
        name: "the session's own workspace",
        filename: DRIZZLE_WORKSPACE_ROUTE,
        code: drizzleRename('', 'eq(workspaces.id, session.tenantId)'),
      },
      {
        name: 'a tenant table whose module has no membership table: who belongs is unknown',
        filename: path.join(TENANT, 'drizzle-app', 'app', 'api', 'organizations', '[id]', 'route.ts'),
        code: `
          import { eq } from 'drizzle-orm';
          import { drizzle } from 'drizzle-orm/node-postgres';
          import { organizations } from '../../../../db/schema';
          const db = drizzle(process.env.DATABASE_URL!);
          ${AUTH}
          export async function PATCH(req: Request, { params }: { params: { id: string } }) {
            const session = await auth();
            await db.update(organizations).set({ name: 'x' }).where(eq(organizations.id, params.id));
            return new Response(null, { status: 204 });
          }
        `,
      },
    ],
    invalid: [
      {
        name: 'Next.js route params: a workspace renamed by the id in the URL',
        filename: DRIZZLE_WORKSPACE_ROUTE,
        code: drizzleRename(''),
        errors: [{ messageId: 'tenantRow', line: 10, data: { value: 'params.id', origin: 'the URL', kind: 'UPDATE', table: 'workspaces', fix: DRIZZLE_MEMBERSHIP } }],
      },
      {
        name: 'tRPC input: a workspace read through the relational API',
        filename: path.join(TENANT, 'drizzle-app', 'src', 'server', 'routers', 'workspace.ts'),
        code: `
          import { eq } from 'drizzle-orm';
          import { drizzle } from 'drizzle-orm/node-postgres';
          import { z } from 'zod';
          import { workspaces } from '../../../db/workspaces';
          const db = drizzle(process.env.DATABASE_URL!, { schema: { workspaces } });
          declare const protectedProcedure: any;
          export const workspaceRouter = {
            byId: protectedProcedure.input(z.object({ id: z.string() })).query(async ({ input }: { input: { id: string } }) => {
              return db.query.workspaces.findFirst({ where: eq(workspaces.id, input.id) });
            }),
          };
        `,
        errors: [{ messageId: 'tenantRow', line: 10, data: { value: 'input.id', origin: 'the client (procedure input)', kind: 'SELECT', table: 'workspaces', fix: DRIZZLE_MEMBERSHIP } }],
      },
      {
        name: 'Express req.params: a workspace deleted by the id in the URL',
        filename: path.join(TENANT, 'drizzle-app', 'src', 'routes', 'workspaces.ts'),
        code: `
          import express from 'express';
          import { eq } from 'drizzle-orm';
          import { drizzle } from 'drizzle-orm/node-postgres';
          import { workspaces } from '../../db/workspaces';
          const db = drizzle(process.env.DATABASE_URL!);
          ${AUTH}
          export const router = express.Router();
          router.delete('/workspaces/:id', async (req, res) => {
            const session = await auth();
            await db.delete(workspaces).where(eq(workspaces.id, req.params.id));
            res.status(204).end();
          });
        `,
        errors: [{ messageId: 'tenantRow', line: 11, data: { value: 'req.params.id', origin: 'the URL', kind: 'DELETE', table: 'workspaces', fix: DRIZZLE_MEMBERSHIP } }],
      },
    ],
  });
});
