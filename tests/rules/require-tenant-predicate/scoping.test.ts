/**
 * `scopingOf`: which columns scope a table. A table the schema declares is worked out once per
 * settings, table and name (it does not depend on the file's evidence); the answers must be those
 * of working it out every time.
 */
import { describe, expect, it } from 'vitest';

import type { ProjectSchema, SchemaTable } from '../../../src/analysis/schema-sources.js';
import { type Evidence, scopingOf, type TenantSettings } from '../../../src/rules/require-tenant-predicate/context.js';

function table(name: string, parts: { columns?: string[]; tenantReferences?: string[]; ownerReferences?: string[] } = {}): SchemaTable {
  return {
    name,
    columns: new Set(parts.columns ?? ['id']),
    tenantReferences: new Set(parts.tenantReferences ?? []),
    tenantRelations: new Set(),
    ownerReferences: new Set(parts.ownerReferences ?? []),
    ownerRelations: new Set(parts.ownerReferences?.length ? ['owner'] : []),
    listRelations: new Map(),
    optionalTenantReferences: new Set(),
    source: 'schema.sql',
  };
}

function settings(overrides: Partial<TenantSettings> = {}): TenantSettings {
  return {
    tenantColumns: ['org_id', 'orgId'],
    tenantTables: [],
    globalTables: [],
    scopingHelpers: [],
    preAuthColumns: [],
    assumeUnknownTablesScoped: false,
    reportUnverifiable: false,
    reportClientTenant: false,
    ...overrides,
  };
}

const noEvidence: Evidence = new Map();

describe('scopingOf on schema tables', () => {
  it('answers the same for a table whatever the file has seen, in any case of its name', () => {
    const invoices = table('invoices', { columns: ['id', 'ORG_ID', 'amount'] });
    const schema: ProjectSchema = { root: '/p', tables: new Map([['invoices', invoices]]), files: ['schema.sql'], hasTenantKeys: true };
    const shared = settings();
    const first = scopingOf('invoices', shared, schema, noEvidence, null);
    expect(first).toEqual({ columns: ['ORG_ID'], relations: [], assumed: false });
    // Evidence only speaks for tables the schema does not declare.
    expect(scopingOf('public.Invoices', shared, schema, new Map([['invoices', new Set(['team_id'])]]), null)).toEqual(first);
    // Worked out once: the same answer object for every later query.
    expect(scopingOf('invoices', shared, schema, noEvidence, null)).toBe(first);
    // Known columns (a Drizzle table read from its module) still decide on their own.
    expect(scopingOf('invoices', shared, schema, noEvidence, ['id', 'orgId'])).toEqual({ columns: ['orgId'], relations: [], assumed: false });
  });

  it('answers per settings: other tenant columns or tables give other answers for the same table', () => {
    const projects = table('projects', { columns: ['id', 'team_id'] });
    const schema: ProjectSchema = { root: '/p', tables: new Map([['projects', projects]]), files: ['schema.sql'], hasTenantKeys: true };
    expect(scopingOf('projects', settings(), schema, noEvidence, null)).toBeNull();
    expect(scopingOf('projects', settings({ tenantColumns: ['team_id'] }), schema, noEvidence, null)).toEqual({ columns: ['team_id'], relations: [], assumed: false });
    expect(scopingOf('projects', settings({ tenantTables: ['projects'] }), schema, noEvidence, null)).toEqual({ columns: ['org_id', 'orgId'], relations: [], assumed: false });
    expect(scopingOf('projects', settings({ globalTables: ['projects'] }), schema, noEvidence, null)).toBeNull();
  });

  it('answers per name: one table found by a user-table name and by another', () => {
    // An app with no tenant keys: a row owned by a user is scoped by its owner key, but not the user's own table.
    const account = table('Account', { columns: ['id', 'userId'], ownerReferences: ['userId'] });
    const schema: ProjectSchema = { root: '/p', tables: new Map([['account', account], ['linkedaccount', account]]), files: ['schema.prisma'], hasTenantKeys: false };
    const shared = settings();
    expect(scopingOf('linkedAccount', shared, schema, noEvidence, null)).toEqual({ columns: ['userId'], relations: ['owner'], assumed: false, owner: true });
    expect(scopingOf('account', shared, schema, noEvidence, null)).toBeNull();
    expect(scopingOf('linkedAccount', shared, schema, noEvidence, null)).toEqual({ columns: ['userId'], relations: ['owner'], assumed: false, owner: true });
  });

  it('answers again for a schema read again (a changed schema is a new table object)', () => {
    const shared = settings();
    const before: ProjectSchema = { root: '/p', tables: new Map([['orders', table('orders', { columns: ['id'] })]]), files: ['schema.sql'], hasTenantKeys: true };
    const after: ProjectSchema = { root: '/p', tables: new Map([['orders', table('orders', { columns: ['id', 'org_id'] })]]), files: ['schema.sql'], hasTenantKeys: true };
    expect(scopingOf('orders', shared, before, noEvidence, null)).toBeNull();
    expect(scopingOf('orders', shared, after, noEvidence, null)).toEqual({ columns: ['org_id'], relations: [], assumed: false });
  });
});
