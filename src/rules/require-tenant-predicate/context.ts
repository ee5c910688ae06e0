import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, enclosingFunction, isFunctionNode, staticKeyName, unwrap } from '../../analysis/ast.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import type { ProjectSchema, SchemaTable } from '../../analysis/schema-sources.js';
import { lowerCasedSet } from '../../analysis/settings.js';
import { OBVIOUSLY_GLOBAL_TABLES } from '../../knowledge/tenant.js';

/** The settings a check needs, resolved once per file. */
export interface TenantSettings {
  readonly tenantColumns: readonly string[];
  readonly tenantTables: readonly string[];
  readonly globalTables: readonly string[];
  readonly scopingHelpers: readonly string[];
  readonly preAuthColumns: readonly string[];
  readonly assumeUnknownTablesScoped: boolean;
  readonly reportUnverifiable: boolean;
  readonly reportClientTenant: boolean;
}

/** Whether a table is tenant-scoped, and by which columns; `assumed` when only strict's assumption says so. */
export interface Scoping {
  readonly columns: readonly string[];
  readonly relations: readonly string[];
  readonly assumed: boolean;
  /** Per-user ownership (`userId`) standing in for the tenant key in an app with no tenant model. */
  readonly owner?: boolean;
}

/** Tenant columns seen filtering a table elsewhere in the same file (same-file evidence). */
export type Evidence = Map<string, Set<string>>;

export function addEvidence(evidence: Evidence, table: string, column: string): void {
  const key = table.toLowerCase();
  let columns = evidence.get(key);
  if (!columns) {
    columns = new Set();
    evidence.set(key, columns);
  }
  columns.add(column);
}

const GLOBAL = new Set(OBVIOUSLY_GLOBAL_TABLES);
/** The user's own tables: a user row is not owned by another user. */
const SELF = new Set(['user', 'users', 'profile', 'profiles', 'account', 'accounts', 'session', 'sessions', 'verificationtoken', 'verification_tokens']);

/**
 * Tenant scoping of a table (or Prisma model), cheapest source that knows first: the configured
 * global and tenant tables, the project schema, columns known from the code (Drizzle), same-file
 * evidence, and in strict the assumption that an unknown, not obviously global table is scoped.
 */
export function scopingOf(
  name: string,
  settings: TenantSettings,
  schema: ProjectSchema,
  evidence: Evidence,
  knownColumns: readonly string[] | null,
): Scoping | null {
  const key = name.toLowerCase();
  const bare = key.split('.').pop() ?? key;
  if (lowerCasedSet(settings.globalTables).has(bare)) return null;
  if (knownColumns) {
    const columns = knownColumns.filter((column) => isTenantColumn(column, settings));
    return columns.length > 0 ? { columns, relations: [], assumed: false } : null;
  }
  const tenantTable = lowerCasedSet(settings.tenantTables).has(bare);
  const table = schema.tables.get(bare);
  if (table) {
    // Depends on nothing but the settings, the table and the name it was found by (not on the file's
    // evidence): worked out once, not for every query of every file.
    let byTable = schemaScopings.get(settings);
    if (!byTable) schemaScopings.set(settings, (byTable = new WeakMap()));
    let byName = byTable.get(table);
    if (!byName) byTable.set(table, (byName = new Map<string, Scoping | null>()));
    let scoping = byName.get(bare);
    if (scoping === undefined) byName.set(bare, (scoping = schemaTableScoping(table, bare, tenantTable, settings, schema)));
    return scoping;
  }
  if (tenantTable) {
    return { columns: settings.tenantColumns, relations: [], assumed: false };
  }
  const seen = evidence.get(bare);
  if (seen && seen.size > 0) return { columns: [...seen], relations: [], assumed: false };
  if (settings.assumeUnknownTablesScoped && !GLOBAL.has(bare) && !bare.startsWith('pg_') && !bare.startsWith('sqlite_')) {
    return { columns: settings.tenantColumns, relations: [], assumed: true };
  }
  return null;
}

const schemaScopings = new WeakMap<TenantSettings, WeakMap<SchemaTable, Map<string, Scoping | null>>>();

function isTenantColumn(column: string, settings: TenantSettings): boolean {
  return lowerCasedSet(settings.tenantColumns).has(column.toLowerCase());
}

/** The scoping of a table the schema declares. */
function schemaTableScoping(table: SchemaTable, bare: string, tenantTable: boolean, settings: TenantSettings, schema: ProjectSchema): Scoping | null {
  const columns = [...table.columns].filter((column) => isTenantColumn(column, settings));
  for (const reference of table.tenantReferences) if (!columns.includes(reference)) columns.push(reference);
  if (columns.length > 0) return { columns, relations: [...table.tenantRelations], assumed: false };
  // An app with no tenant model: a row with a required owner relation to the user belongs to that
  // user, and the owner key plays the tenant key's part (PRECISION.md, "apps with no tenant model").
  if (!schema.hasTenantKeys && table.ownerReferences.size > 0 && !SELF.has(bare)) {
    return { columns: [...table.ownerReferences], relations: [...table.ownerRelations], assumed: false, owner: true };
  }
  return tenantTable ? { columns: settings.tenantColumns, relations: [], assumed: false } : null;
}

export function sameColumn(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Row-level security set for the transaction: `set_config('app.current_org', ...)`, `SET LOCAL
 * app.tenant_id = ...`, `SET ROLE`. Every form starts with `set`, matched first, with the word
 * boundary of `SET LOCAL` looked for behind it: a leading `\b` in one alternative made the engine
 * try the whole pattern at every position of the function's text (ten times slower on real files).
 */
const RLS = /set(?:_config\s*\(\s*'app\.|(?<=\bset)\s+(?:local\s+|session\s+)?(?:"?app|session)\.[\w.]*(?:tenant|org|workspace|team|account|company)|\s+(?:local\s+)?role\b)/iu;

/**
 * Context that makes a query fine whatever its predicate: inside a configured scoping helper, run
 * after `set_config('app.tenant_id', ...)` (row-level security) in the same function, or its
 * result handed to an ownership check (`assertSameOrg(invoice, session)`).
 */
export function isExcusedByContext(node: TSESTree.Node, facts: FileFacts, settings: TenantSettings): boolean {
  const helpers = new Set(settings.scopingHelpers);
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) && helpers.has(functionName(current) ?? '')) return true;
  }
  const region: TSESTree.Node = enclosingFunction(node) ?? facts.program;
  return RLS.test(facts.sourceCode.getText(region)) || passedToCheck(region, node);
}

/**
 * `if (row.tenantId !== ctx.tenantId) throw ...` anywhere after the query in its function, on any
 * row: what excuses a query `strict` reports without a request value. A request-driven query needs
 * its own row checked (`ties.rowCheckedAfter`), per variable.
 */
export function tenantComparedAfter(node: TSESTree.Node, facts: FileFacts, columns: readonly string[]): boolean {
  return comparesTenantColumn(enclosingFunction(node) ?? facts.program, node, columns);
}

const CHECK_NAME = /^(?:assert|ensure|verify|check|require|authori[sz]e|can|guard|enforce)/iu;

/** `const invoice = await ...; assertSameOrg(invoice, session)`: the result handed to a check. */
function passedToCheck(region: TSESTree.Node, query: TSESTree.Node): boolean {
  let holder: TSESTree.Node = query;
  while (holder.parent && (holder.parent.type === AST_NODE_TYPES.AwaitExpression || holder.parent.type === AST_NODE_TYPES.CallExpression || holder.parent.type === AST_NODE_TYPES.MemberExpression || holder.parent.type === AST_NODE_TYPES.TaggedTemplateExpression)) holder = holder.parent;
  const declarator = holder.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator) return false;
  const names = new Set<string>();
  if (declarator.id.type === AST_NODE_TYPES.Identifier) names.add(declarator.id.name);
  else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of declarator.id.properties) {
      if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) names.add(property.value.name);
    }
  }
  for (const candidate of descendants(region)) {
    if (candidate.type !== AST_NODE_TYPES.CallExpression || candidate.range[0] < query.range[1]) continue;
    const callee = unwrap(candidate.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
    if (name === null || !CHECK_NAME.test(name)) continue;
    const passed = candidate.arguments.some((argument) => {
      let root = unwrap(argument);
      while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
      return root.type === AST_NODE_TYPES.Identifier && names.has(root.name);
    });
    if (passed) return true;
  }
  return false;
}

function functionName(fn: TSESTree.Node): string | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) {
    if (fn.id) return fn.id.name;
  }
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.MethodDefinition) && !parent.computed) {
    return staticKeyName(parent);
  }
  return null;
}

const EQUALITY = new Set(['===', '!==', '==', '!=']);

/** `if (row.tenantId !== ctx.tenantId) throw ...` after the query, in the same function. */
function comparesTenantColumn(region: TSESTree.Node, query: TSESTree.Node, columns: readonly string[]): boolean {
  for (const candidate of descendants(region)) {
    if (candidate.type !== AST_NODE_TYPES.BinaryExpression || !EQUALITY.has(candidate.operator)) continue;
    if (candidate.range[0] < query.range[1]) continue;
    for (const side of [candidate.left, candidate.right]) {
      const target = unwrap(side);
      if (target.type !== AST_NODE_TYPES.MemberExpression) continue;
      const name = staticKeyName(target);
      if (name !== null && columns.some((column) => sameColumn(column, name))) return true;
    }
  }
  return false;
}

/** Whether a call is one of the configured scoping helpers (`withTenant(db, id)`, `scoped({...})`). */
export function isScopingCall(node: TSESTree.Node, settings: TenantSettings): boolean {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(target.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
  return name !== null && settings.scopingHelpers.includes(name);
}

/** Whether a receiver chain passes through a scoping helper or a Prisma client extension. */
export function throughScopingHelper(node: TSESTree.Node, settings: TenantSettings, facts: FileFacts, depth = 0): boolean {
  if (depth > 8) return false;
  const target = unwrap(node);
  if (isScopingCall(target, settings)) return true;
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(callee) === '$extends') return true;
    return callee.type === AST_NODE_TYPES.MemberExpression && throughScopingHelper(callee.object, settings, facts, depth + 1);
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) return throughScopingHelper(target.object, settings, facts, depth + 1);
  if (target.type === AST_NODE_TYPES.AwaitExpression) return throughScopingHelper(target.argument, settings, facts, depth + 1);
  if (target.type === AST_NODE_TYPES.Identifier) {
    // Local definitions only: a client imported from another module is not followed (cheap, and
    // a scoped client is made where it is used).
    const definition = facts.constants.definitionOf(target);
    if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.id.type === AST_NODE_TYPES.Identifier && definition.init) {
      return throughScopingHelper(definition.init, settings, facts, depth + 1);
    }
  }
  return false;
}

const CLIENT_ROOTS = /^(?:req|request|ctx|c|event)$/u;
const CLIENT_MEMBERS = new Set(['body', 'query', 'params', 'searchParams', 'input']);

/**
 * A tenant value read from what the client sent: `req.body.orgId`, `req.query.tenantId`,
 * `input.tenantId` (tRPC), `searchParams.get('orgId')`, `params.orgId`.
 */
export function isClientValue(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(callee) === 'get' && memberChain(callee.object).includes('searchParams');
  }
  if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
  const chain = memberChain(target);
  const [root, second] = chain;
  if (root === 'input' || root === 'body' || root === 'searchParams') return true;
  return root !== undefined && CLIENT_ROOTS.test(root) && second !== undefined && (CLIENT_MEMBERS.has(second) || (second === 'req' && CLIENT_MEMBERS.has(chain[2] ?? '')));
}

function memberChain(node: TSESTree.Node): string[] {
  const names: string[] = [];
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(current);
    names.unshift(name ?? '?');
    current = unwrap(current.object);
  }
  if (current.type === AST_NODE_TYPES.Identifier) names.unshift(current.name);
  return names;
}
