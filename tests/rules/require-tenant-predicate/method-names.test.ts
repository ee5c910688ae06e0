/**
 * require-tenant-predicate: method names are looked up among the query builders' own names only.
 * A name every object inherits (`toString`, `constructor`) is no builder method: `.toString()` at
 * the end of a Knex chain (to log its SQL) leaves the statement's kind as it was.
 */
import path from 'node:path';

import { describe } from 'vitest';

import rule from '../../../src/rules/require-tenant-predicate.js';
import { FIXTURES, typescriptTester } from '../../testers.js';

const SQL_EXPRESS = path.join(FIXTURES, 'tenant', 'sql-app', 'src', 'routes', 'tenants.ts');
const AUTH = 'declare function auth(): Promise<{ user: { id: string }; tenantId: string }>;';

/** An Express controller that renames the tenant in the URL with Knex (the update on line 7). */
function knexRename(update: string): string {
  return `
import knex from 'knex';
const db = knex({ client: 'pg' });
${AUTH}
export async function rename(req: any, res: any) {
  const session = await auth();
  ${update}
  res.status(204).json(session.user.id);
}`;
}

const FIX = "`.whereIn('id', db('memberships').select('tenant_id').where('user_id', session.userId))`";

describe('require-tenant-predicate: inherited method names', () => {
  typescriptTester().run('require-tenant-predicate (method names)', rule, {
    valid: [],
    invalid: [
      {
        name: 'Knex: `.toString()` after the update keeps it an UPDATE',
        filename: SQL_EXPRESS,
        code: knexRename("console.log(db('tenants').where({ id: req.params.id }).update({ name: req.body.name }).toString());"),
        errors: [{ messageId: 'tenantRow', line: 7, data: { value: 'req.params.id', origin: 'the URL', kind: 'UPDATE', table: 'tenants', fix: FIX } }],
      },
    ],
  });
});
