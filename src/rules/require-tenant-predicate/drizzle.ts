import path from 'node:path';

import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { staticKeyName, unwrap } from '../../analysis/ast.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import { type ForeignModule, foreignExport, readForeignModule } from '../../analysis/modules.js';
import { resolveAppModule } from '../../analysis/path-aliases.js';
import { DRIZZLE_TABLE_FUNCTIONS, MEMBERSHIP_TABLE, TENANT_MODELS, USER_ID_COLUMN } from '../../knowledge/tenant.js';

/** A Drizzle table definition: its SQL name and its columns (JS key and SQL name, both kept). */
export interface DrizzleTable {
  readonly name: string;
  /** JS key → SQL name. */
  readonly columns: ReadonlyMap<string, string>;
  /** JS keys of columns that `.references(() => tenants.id)`. */
  readonly tenantReferences: readonly string[];
  /** JS keys of required columns that `.references(() => users.id)`: the row's owner. */
  readonly ownerReferences: readonly string[];
  /** The `pgTable(...)` call that defines it, and the other module it sits in (null: the linted file). */
  readonly definition: TSESTree.CallExpression;
  readonly module: ForeignModule | null;
}

const tables = new WeakMap<TSESTree.Node, DrizzleTable | null>();

/**
 * The Drizzle table an expression stands for: a `pgTable`/`mysqlTable`/`sqliteTable` call in this
 * file or in an imported module (followed through `const` and imports), or null.
 */
export function drizzleTableOf(node: TSESTree.Node, facts: FileFacts): DrizzleTable | null {
  const resolved = facts.constants.resolve(node);
  if (resolved.kind !== 'node') return null;
  let call = unwrap(resolved.node);
  let module = resolved.foreign;
  if (call.type === AST_NODE_TYPES.Identifier || call.type === AST_NODE_TYPES.MemberExpression) {
    const aliased = aliasedExport(call, facts);
    if (aliased) {
      call = aliased.node;
      module = aliased.module;
    }
  }
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  if (tables.has(call)) return tables.get(call) ?? null;
  const table = readTable(call, module);
  tables.set(call, table);
  return table;
}

/**
 * A table imported through a path alias of the app's `tsconfig`/`jsconfig` (`import { tasks } from
 * '@/db/schema'`), which the constant reader does not follow: read from the schema module itself,
 * so that the table is known without type information.
 */
function aliasedExport(node: TSESTree.Node, facts: FileFacts): { readonly node: TSESTree.Node; readonly module: ForeignModule } | null {
  const ref = facts.imports.resolve(node);
  if (!ref || ref.path.length > 1 || ref.source.startsWith('.')) return null;
  const directory = path.dirname(facts.filename);
  const key = `${directory}\0${ref.source}`;
  let fileName = aliasTargets.get(key);
  if (fileName === undefined) {
    fileName = resolveAppModule(facts.filename, ref.source);
    aliasTargets.set(key, fileName);
  }
  const module = fileName ? readForeignModule(fileName) : null;
  if (!module) return null;
  // Barrels (`export * from './users'` over a dozen files) are searched once per module version.
  const exportName = ref.path[0] ?? 'default';
  let exports = aliasedExports.get(module);
  if (!exports) {
    exports = new Map();
    aliasedExports.set(module, exports);
  }
  let found = exports.get(exportName);
  if (found === undefined) {
    const exported = foreignExport(module, exportName);
    found = exported ? { node: unwrap(exported.expression), module: exported.module } : null;
    exports.set(exportName, found);
  }
  return found;
}

/** Alias specifier → file, per importing folder (path aliases are per tsconfig, hence per folder). */
const aliasTargets = new Map<string, string | null>();
/** Per parsed module (a new version is a new object): export name → the table expression. */
const aliasedExports = new WeakMap<object, Map<string, { readonly node: TSESTree.Node; readonly module: ForeignModule } | null>>();

function readTable(call: TSESTree.CallExpression, module: ForeignModule | null): DrizzleTable | null {
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
  if (name === null || !DRIZZLE_TABLE_FUNCTIONS.has(name) && !/^(?:pg|mysql|sqlite)Table$/u.test(name)) return null;
  const [tableName, columnsArgument] = call.arguments;
  if (tableName?.type !== AST_NODE_TYPES.Literal || typeof tableName.value !== 'string' || !columnsArgument) return null;
  let object = unwrap(columnsArgument);
  // `pgTable('t', (t) => ({ ... }))`
  if (object.type === AST_NODE_TYPES.ArrowFunctionExpression && object.body.type !== AST_NODE_TYPES.BlockStatement) object = unwrap(object.body);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const columns = new Map<string, string>();
  const tenantReferences: string[] = [];
  const ownerReferences: string[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = staticKeyName(property);
    if (key === null) continue;
    columns.set(key, sqlName(property.value) ?? key);
    const reference = referenceOf(property.value);
    if (reference && TENANT_MODELS.includes(reference.table)) tenantReferences.push(key);
    else if (reference?.notNull && OWNER_TABLES.has(reference.table)) ownerReferences.push(key);
  }
  return { name: tableName.value, columns, tenantReferences, ownerReferences, definition: call, module };
}

/** A membership table as the code names it: its binding, its tenant key and its user id (JS keys). */
export interface DrizzleMembership {
  readonly membership: string;
  readonly tenantColumn: string;
  readonly userColumn: string;
}

/** Per module (a foreign module, or the linted file's Program). */
const memberships = new WeakMap<object, DrizzleMembership | null>();

/**
 * The membership table of a Drizzle tenant table (`workspaces`), from the module that defines it:
 * a table named like one (`members`, `workspace_members`, `userTeams`) with a column that
 * `.references(() => workspaces.id)` and a user id column. Null when that module has none (a
 * schema split over files: then the rule cannot say who belongs). Read once per module.
 */
export function drizzleMembershipOf(table: DrizzleTable): DrizzleMembership | null {
  const key: object = table.module ?? programOf(table.definition);
  if (memberships.has(key)) return memberships.get(key) ?? null;
  let found: DrizzleMembership | null = null;
  for (const [name, init] of table.module ? table.module.constants : localConstants(key as TSESTree.Node)) {
    const call = unwrap(init);
    if (call.type !== AST_NODE_TYPES.CallExpression) continue;
    if (!tables.has(call)) tables.set(call, readTable(call, table.module));
    const member = tables.get(call);
    if (!member || !(MEMBERSHIP_TABLE.test(member.name) || MEMBERSHIP_TABLE.test(name))) continue;
    const [tenantColumn] = member.tenantReferences;
    const userColumn = [...member.columns].find(([column, sql]) => USER_ID_COLUMN.test(column) || USER_ID_COLUMN.test(sql))?.[0];
    if (tenantColumn && userColumn) {
      found = { membership: name, tenantColumn, userColumn };
      break;
    }
  }
  memberships.set(key, found);
  return found;
}

function programOf(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

/** Top-level `const NAME = init` of the linted file (exported or not). */
function localConstants(program: TSESTree.Node): [string, TSESTree.Expression][] {
  const found: [string, TSESTree.Expression][] = [];
  for (const statement of program.type === AST_NODE_TYPES.Program ? program.body : []) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of declaration.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) found.push([declarator.id.name, declarator.init]);
  }
  return found;
}

/** The first string argument of the innermost call of a column chain: `uuid('tenant_id').notNull()`. */
function sqlName(node: TSESTree.Node): string | null {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(current.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.CallExpression) {
      current = unwrap(callee.object);
      continue;
    }
    const [first] = current.arguments;
    return first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value : null;
  }
  return null;
}

const OWNER_TABLES = new Set(['user', 'users', 'usertable', 'userstable', 'appusers', 'profiles']);

/** `.references(() => tenants.id)` on a column chain: the referenced table (lower case), and whether the column is `.notNull()`. */
function referenceOf(node: TSESTree.Node): { readonly table: string; readonly notNull: boolean } | null {
  let current = unwrap(node);
  let table: string | null = null;
  let notNull = false;
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    const method = staticKeyName(callee);
    if (method === 'notNull' || method === 'primaryKey') notNull = true;
    if (method === 'references') {
      const [target] = current.arguments;
      const fn = target ? unwrap(target) : null;
      const body = fn?.type === AST_NODE_TYPES.ArrowFunctionExpression ? unwrap(fn.body) : null;
      if (body?.type === AST_NODE_TYPES.MemberExpression) {
        const object = unwrap(body.object);
        if (object.type === AST_NODE_TYPES.Identifier) table = object.name.toLowerCase();
      }
    }
    current = unwrap(callee.object);
  }
  return table === null ? null : { table, notNull };
}

/** The calls chained after `node`, outward: `db.select().from(t).where(c).limit(1)` from `from(t)`. */
export function chainAfter(call: TSESTree.CallExpression): { readonly calls: readonly { readonly name: string; readonly call: TSESTree.CallExpression }[]; readonly top: TSESTree.Node } {
  const calls: { name: string; call: TSESTree.CallExpression }[] = [];
  let current: TSESTree.Node = call;
  for (;;) {
    const parent = current.parent as TSESTree.Node | undefined;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
      const name = staticKeyName(parent);
      calls.push({ name: name ?? '', call: parent.parent });
      current = parent.parent;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.ChainExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = parent;
      continue;
    }
    return { calls, top: current };
  }
}
