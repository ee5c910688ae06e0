import { utimesSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { projectRoot, projectSchema, schemaParseCount, setSchemaRecheckInterval } from '../../src/analysis/schema-sources.js';
import { analyzeSql, looksLikeQuery } from '../../src/analysis/sql.js';
import { TENANT_MODELS } from '../../src/knowledge/tenant.js';
import { FIXTURES } from '../testers.js';

const TENANT = path.join(FIXTURES, 'tenant');

describe('schema sources', () => {
  it('finds the project root from a file below it', () => {
    expect(projectRoot(path.join(TENANT, 'sql-app', 'src', 'deep', 'x.ts'))).toBe(path.join(TENANT, 'sql-app'));
  });

  it('resolves `.` and `..` segments before it looks for the root', () => {
    const root = path.join(TENANT, 'sql-app');
    expect(projectRoot(`${TENANT}${path.sep}prisma-app${path.sep}..${path.sep}sql-app${path.sep}src${path.sep}y.ts`)).toBe(root);
    expect(projectRoot(`${root}${path.sep}.${path.sep}src${path.sep}z.ts`)).toBe(root);
    expect(projectRoot(`${root}${path.sep}${path.sep}src${path.sep}w.ts`)).toBe(root);
  });

  it('reads Prisma models, mapped names, relation-inferred tenant keys', () => {
    const schema = projectSchema(path.join(TENANT, 'prisma-app', 'src', 'a.ts'), [], TENANT_MODELS);
    const invoice = schema.tables.get('invoice');
    expect(invoice?.name).toBe('Invoice');
    expect(schema.tables.get('invoices')).toBe(invoice);
    expect([...(invoice?.columns ?? [])]).toEqual(expect.arrayContaining(['organizationId', 'organization_id', 'amount']));
    expect([...(invoice?.tenantRelations ?? [])]).toEqual(['organization']);
    expect([...(schema.tables.get('project')?.tenantReferences ?? [])]).toEqual(['teamId']);
    expect(schema.files).toEqual([path.join('prisma', 'schema.prisma')]);
  });

  it('an app with no tenant model: required owner relations to the user; a login Account is not a tenant', () => {
    const schema = projectSchema(path.join(TENANT, 'owner-app', 'app', 'a.ts'), [], TENANT_MODELS);
    expect(schema.hasTenantKeys).toBe(false);
    expect([...(schema.tables.get('note')?.ownerReferences ?? [])]).toEqual(['userId']);
    expect([...(schema.tables.get('note')?.ownerRelations ?? [])]).toEqual(['user']);
    expect(schema.tables.get('comment')?.ownerReferences.size).toBe(0);
    expect(schema.tables.get('device')?.tenantReferences.size).toBe(0);
    expect(projectSchema(path.join(TENANT, 'prisma-app', 'src', 'a.ts'), [], TENANT_MODELS).hasTenantKeys).toBe(true);
  });

  it('keeps Prisma list relations (a tenant and its membership model) and optional tenant relations', () => {
    const schema = projectSchema(path.join(TENANT, 'team-app', 'app', 'a.ts'), [], TENANT_MODELS);
    expect(schema.tables.get('team')?.listRelations.get('users')).toBe('UserTeam');
    expect([...(schema.tables.get('userteam')?.ownerReferences ?? [])]).toEqual(['userId']);
    expect([...(schema.tables.get('view')?.optionalTenantReferences ?? [])]).toEqual(['teamId']);
    expect(schema.tables.get('invitation')?.optionalTenantReferences.size).toBe(0);
  });

  it('reads CREATE TABLE and ALTER TABLE ADD COLUMN from migrations, with REFERENCES inference', () => {
    const schema = projectSchema(path.join(TENANT, 'sql-app', 'src', 'a.ts'), [], TENANT_MODELS);
    const invoices = schema.tables.get('invoices');
    expect([...(invoices?.columns ?? [])]).toEqual(['id', 'tenant_id', 'customer_id', 'amount', 'status']);
    expect([...(invoices?.tenantReferences ?? [])]).toEqual(['tenant_id']);
    expect([...(schema.tables.get('customers')?.tenantReferences ?? [])]).toEqual(['account']);
    expect(schema.tables.get('audit_log')?.columns.has('workspace_id')).toBe(true);
  });

  it('parses once per process and again only when a source changes (mtime)', () => {
    const file = path.join(TENANT, 'sql-app', 'src', 'a.ts');
    projectSchema(file, [], TENANT_MODELS);
    const before = schemaParseCount();
    projectSchema(file, [], TENANT_MODELS);
    projectSchema(path.join(TENANT, 'sql-app', 'b.ts'), [], TENANT_MODELS);
    expect(schemaParseCount()).toBe(before);
    const migration = path.join(TENANT, 'sql-app', 'migrations', '0002_customers_tenant.sql');
    const later = new Date(Date.now() + 5000);
    utimesSync(migration, later, later);
    setSchemaRecheckInterval(0);
    try {
      projectSchema(file, [], TENANT_MODELS);
      expect(schemaParseCount()).toBe(before + 1);
      projectSchema(file, [], TENANT_MODELS);
      expect(schemaParseCount()).toBe(before + 1);
    } finally {
      setSchemaRecheckInterval(1000);
    }
  });
});

describe('sql', () => {
  it('bails out on strings that cannot be queries', () => {
    expect(looksLikeQuery('select a plan')).toBe(false);
    expect(looksLikeQuery('SELECT * FROM invoices WHERE id = $1')).toBe(true);
  });

  it('models constraints, OR-optional predicates and join links', () => {
    const model = analyzeSql('SELECT * FROM invoices i JOIN customers c ON c.tenant_id = i.tenant_id WHERE i.tenant_id = $1 AND (c.id = $2 OR c.org_id = $3)', 'postgresql');
    const [invoices, customers] = model?.uses ?? [];
    expect(invoices?.constrained.has('tenant_id')).toBe(true);
    expect(customers?.optional.has('org_id')).toBe(true);
    expect(customers?.links[0]?.other).toBe(invoices);
  });

  it('answers null on unparseable SQL and never throws', () => {
    expect(analyzeSql('SELECT FROM WHERE ((', 'mysql')).toBeNull();
  });

  it('handles casts, MySQL and SQLite placeholders', () => {
    expect(analyzeSql('SELECT * FROM t WHERE id = $1::uuid AND tenant_id = $2', 'postgresql')?.uses[0]?.constrained.has('tenant_id')).toBe(true);
    expect(analyzeSql('SELECT * FROM `t` WHERE tenant_id = ?', 'mysql')?.uses[0]?.constrained.has('tenant_id')).toBe(true);
    expect(analyzeSql('SELECT * FROM t WHERE tenant_id = :tenantId AND id = ?1', 'sqlite')?.uses[0]?.constrained.has('tenant_id')).toBe(true);
  });
});
