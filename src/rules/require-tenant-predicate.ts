import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, enclosingFunction, isFunctionNode, staticKeyName, unwrap } from '../analysis/ast.js';
import { authenticatesCaller } from '../analysis/caller-auth.js';
import { mayRunBefore } from '../analysis/control-flow.js';
import { pathInProject } from '../analysis/file-role.js';
import { type FileFacts, getFileFacts } from '../analysis/file-facts.js';
import { projectSchema, type ProjectSchema } from '../analysis/schema-sources.js';
import { globWords, matchesPathPattern, type ProductionReadySettings, stringListSetting } from '../analysis/settings.js';
import type { SqlModel } from '../analysis/sql.js';
import { matchesFrom } from '../analysis/text-signals.js';
import { entryPointOf, queryValueLeaves, requestValuesOf, sourceOf } from '../analysis/value-source.js';
import {
  DEFAULT_CROSS_TENANT_PATHS,
  DEFAULT_PRE_AUTH_COLUMNS,
  DEFAULT_SCOPING_HELPERS,
  DEFAULT_TENANT_COLUMNS,
  DIALECT_BY_SOURCE,
  MEMBERSHIP_TABLE,
  PRISMA_CREATE_METHODS,
  PRISMA_READ_METHODS,
  type SqlDialect,
  TENANT_MODELS,
  USER_ID_COLUMN,
} from '../knowledge/tenant.js';
import { createRule } from '../util/create-rule.js';
import {
  addEvidence,
  type Evidence,
  isClientValue,
  isExcusedByContext,
  sameColumn,
  type Scoping,
  scopingOf,
  tenantComparedAfter,
  type TenantSettings,
  throughScopingHelper,
} from './require-tenant-predicate/context.js';
import { type BuilderQuery, knexQuery, kyselyQuery, type Selector, supabaseQuery } from './require-tenant-predicate/builders.js';
import { chainAfter, drizzleMembershipOf, type DrizzleTable, drizzleTableOf } from './require-tenant-predicate/drizzle.js';
import { drizzleCondition, type FilterAnswer, objectFilter } from './require-tenant-predicate/filters.js';
import { parseRawQuery, type RawText, rawQueryText, verdictOf } from './require-tenant-predicate/raw-sql.js';
import { createTies, ID_KEY, queryNodeOf, type ScopedQuery } from './require-tenant-predicate/ties.js';

export type Options = [
  {
    assumeUnknownTablesScoped?: boolean;
    checkServiceRoleClients?: boolean;
    crossTenantPaths?: string[];
    globalTables?: string[];
    preAuthColumns?: string[];
    reportClientTenant?: boolean;
    reportServiceQueries?: boolean;
    reportUnverifiable?: boolean;
    schemaFiles?: string[];
    scopingHelpers?: string[];
    tenantColumns?: string[];
    tenantTables?: string[];
  },
];

export type MessageIds = 'clientTenant' | 'missing' | 'missingInsert' | 'optional' | 'requestId' | 'tenantRow' | 'undefinedTenant' | 'unverifiable';

/** A string literal that starts like a query: raw SQL is looked for only in files that have one. */
const SQL_TEXT = /[`'"]\s*\(?\s*(?:with|select|update|delete|insert)\s/iu;
/**
 * An ORM or query-builder method call: Prisma, Drizzle, Kysely, Supabase (Knex is looked for by name).
 * Every alternative starts with the member dot, which lets the regex engine skip to the dots: four
 * times faster on real files than the same names behind word boundaries.
 */
const ORM_CALL_TEXT =
  /\.\s*(?:find(?:Many|First|Unique)\w*\b|deleteMany\b|updateMany\b|createMany\b|upsert\b|groupBy\b|aggregate\b|selectFrom\b|insertInto\b|deleteFrom\b|updateTable\b|(?:count|create|update|delete|from|insert)\s*\()/u;
/**
 * ORM_CALL_TEXT, `knex` or SQL_TEXT, in one case-insensitive scan: it finds every file one of them
 * finds (and a few more, told apart by the three), in about two thirds of the time of the three.
 */
const ANY_QUERY_TEXT = new RegExp(`${ORM_CALL_TEXT.source}|knex|${SQL_TEXT.source}`, 'iu');
/** A Prisma client somewhere in the receiver chain: `prisma`, `db`, `tx`, `ctx.db`, `this.prisma`. */
const PRISMA_CLIENT_NAME = /prisma|^(?:db|tx|trx|client|database|orm)$/iu;
const KYSELY_METHOD_NAMES: ReadonlySet<string> = new Set(['selectFrom', 'updateTable', 'deleteFrom', 'insertInto']);
/** Tables of people: a lookup by id there is nearly always the caller's own row (`users WHERE id = session.userId`). */
const SELF_TABLES = new Set(['users', 'user', 'profiles', 'profile']);
/** The caller's own identity: loading one's own row by the session's user id is not cross-tenant. */
const SELF_VALUE = /\b(?:session|auth|currentUser|viewer)\b|\b(?:ctx|context|req|locals)\.user\b/u;

interface ConfiguredLists {
  readonly crossTenantPaths: readonly string[];
  /** The words of `crossTenantPaths` (`globWords`): a file name without one is on no such path. */
  readonly crossTenantWords: RegExp;
  readonly settings: TenantSettings;
  readonly schemaFiles: readonly string[];
}

/** Per options object, then per settings object (both shared by every file of a config): the merged lists. */
const configuredListsCache = new WeakMap<object, WeakMap<object, ConfiguredLists>>();

/** The built-in lists merged with `settings['production-ready']` and the rule's options, once per config. */
function configuredLists(options: Options[0], shared: ProductionReadySettings): ConfiguredLists {
  let byShared = configuredListsCache.get(options);
  if (!byShared) {
    byShared = new WeakMap();
    configuredListsCache.set(options, byShared);
  }
  let lists = byShared.get(shared);
  if (!lists) {
    const list = (key: keyof Options[0], fallback: readonly string[]): readonly string[] => {
      const own = options[key];
      return [...new Set([...fallback, ...(stringListSetting(shared, key) ?? []), ...(Array.isArray(own) ? own : [])])];
    };
    const crossTenantPaths = list('crossTenantPaths', DEFAULT_CROSS_TENANT_PATHS);
    lists = {
      crossTenantPaths,
      crossTenantWords: globWords(crossTenantPaths),
      settings: {
        tenantColumns: list('tenantColumns', DEFAULT_TENANT_COLUMNS),
        tenantTables: list('tenantTables', []),
        globalTables: list('globalTables', []),
        scopingHelpers: list('scopingHelpers', DEFAULT_SCOPING_HELPERS),
        preAuthColumns: list('preAuthColumns', DEFAULT_PRE_AUTH_COLUMNS),
        assumeUnknownTablesScoped: options.assumeUnknownTablesScoped === true,
        reportUnverifiable: options.reportUnverifiable === true,
        reportClientTenant: options.reportClientTenant === true,
      },
      schemaFiles: list('schemaFiles', []),
    };
    byShared.set(shared, lists);
  }
  return lists;
}

export default createRule<Options, MessageIds>({
  name: 'require-tenant-predicate',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every query on a tenant-scoped table to filter by the tenant',
      category: 'security',
      cwe: ['CWE-639', 'CWE-284'],
      recommended: {
        recommended: true,
        strict: [{ assumeUnknownTablesScoped: true, checkServiceRoleClients: true, reportClientTenant: true, reportServiceQueries: true, reportUnverifiable: true }],
      },
      requiresTypeChecking: false,
    },
    messages: {
      requestId:
        "`{{value}}` comes from {{origin}}, and this {{kind}} on `{{table}}` has no `{{column}}` filter: add one from the session, or check the row's `{{column}}` first. For example: {{fix}}.",
      tenantRow:
        "`{{value}}` comes from {{origin}}, and this {{kind}} of the tenant `{{table}}` checks no membership of the caller: add it to the filter, or look it up first. For example: {{fix}}.",
      missing:
        'This {{kind}} on `{{table}}` has no `{{column}}` filter: add it from the session (not from the request), or run the query through your tenant-scoping helper.',
      missingInsert:
        'This INSERT into `{{table}}` does not set `{{column}}`, so the row belongs to no tenant: set `{{column}}` from the authenticated session.',
      optional:
        "The `{{column}}` filter of this {{kind}} on `{{table}}` sits under an `OR`, so other tenants' rows match: move it out of the `OR`. For example: `{{column}} = $1 AND (a OR b)`.",
      unverifiable:
        'This {{kind}} on `{{table}}` filters through something the rule cannot read: write the `{{column}}` filter in place, or use a configured scoping helper.',
      clientTenant:
        'The `{{column}}` value of this {{kind}} on `{{table}}` comes from the client (`{{value}}`): take the tenant from the authenticated session or context instead.',
      undefinedTenant:
        '`{{value}}` may be `undefined`, which drops the `{{column}}` filter of this Prisma {{kind}} on `{{table}}`: check it first, and throw when there is no tenant.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          tenantColumns: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Extra column (and ORM field) names that hold the tenant, added to `tenant_id`, `tenantId`, `org_id`, `orgId`, `organization_id`, `organizationId`, `workspace_id`, `workspaceId` and to `settings["production-ready"].tenantColumns` (for example `teamId`, `accountId`, `organisationId`). Columns that reference a `tenants`/`organizations`/`workspaces`/`teams` table in the schema are found without configuration.',
          },
          tenantTables: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Tables (or Prisma models) to treat as tenant-scoped even when no schema source says so; also read from `settings["production-ready"].tenantTables`.',
          },
          globalTables: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Platform-wide tables that are legitimately read across tenants (plans, feature flags, audit exports); never reported. Also read from `settings["production-ready"].globalTables`.',
          },
          schemaFiles: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Extra schema sources, relative to the project root (the nearest folder with a `package.json`): `.prisma` files or `.sql` files, in addition to the ones found by convention. Also read from `settings["production-ready"].schemaFiles`.',
          },
          scopingHelpers: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Names of functions that scope a client or a filter to the tenant (`withTenant(db, orgId)`, `scoped({ id })`): queries inside them or passing through them are not reported. Added to `withTenant`, `forTenant`, `scoped`, `tenantScoped`, `scopedDb`, `withOrg`, `forOrg`, `withWorkspace` and `settings["production-ready"].scopingHelpers`.',
          },
          preAuthColumns: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Columns whose lookup happens before the tenant is known (a session by token, a user by email, an organization by slug); a query filtering by one is not reported. Added to the built-in list (`token`, `tokenHash`, `email`, `slug`, `domain`, ...).',
          },
          crossTenantPaths: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Glob patterns of files that are cross-tenant by design, added to the built-in `**/admin/**`, `**/jobs/**`, `**/cron/**`, `**/scripts/**`, `**/seed*`, `**/migrations/**` and test files, and to `settings["production-ready"].crossTenantPaths`.',
          },
          assumeUnknownTablesScoped: {
            type: 'boolean',
            description: 'Treat tables that no schema source, setting or same-file query describes as tenant-scoped, except configured global tables and obviously global ones (tenants and organizations themselves, sessions, users, plans, feature flags, migrations).',
          },
          checkServiceRoleClients: {
            type: 'boolean',
            description: 'Also check Supabase clients created with the service-role key (they bypass row-level security): `.from(table)` on a tenant-scoped table needs an `.eq(tenantColumn, ...)` (or `.match`/`.in`), and `.insert(...)` the tenant column.',
          },
          reportUnverifiable: {
            type: 'boolean',
            description: 'Also report queries on tenant-scoped tables whose filter comes from a spread, a computed key or a function the rule cannot see into.',
          },
          reportServiceQueries: {
            type: 'boolean',
            description: 'Also report queries without the tenant predicate whose selecting value does not come from the request: service functions whose callers must authorise, handlers that filter only by constants or the session, creates outside request handlers. `recommended` reports only the request-driven IDOR.',
          },
          reportClientTenant: {
            type: 'boolean',
            description: 'Also report tenant values taken from what the client sent (`req.body.orgId`, `req.query.tenantId`, `input.tenantId`, `searchParams.get(...)`), and with type information, Prisma tenant values whose type includes `undefined`.',
          },
        },
      },
    ],
    defaultOptions: [
      {
        assumeUnknownTablesScoped: false,
        checkServiceRoleClients: false,
        crossTenantPaths: [],
        globalTables: [],
        preAuthColumns: [],
        reportClientTenant: false,
        reportServiceQueries: false,
        reportUnverifiable: false,
        schemaFiles: [],
        scopingHelpers: [],
        tenantColumns: [],
        tenantTables: [],
      },
    ],
  },
  create(context, [options]) {
    // Tests, stories and generated code by their path or banner are left before any text is read.
    const facts = getFileFacts(context);
    if (facts.skippedByPath) return {};
    // One scan for any of the three rejects most files; the files with one are told apart below.
    const first = ANY_QUERY_TEXT.exec(facts.sourceCode.text);
    if (first === null) return {};
    // The analysis, which a file turned away above never enters (see `createRule`).
    return listenersFor(context, options, facts, first.index);
  },
});

/** The rule's listeners for a file whose text holds a query signal, first matched at `firstIndex`. */
function listenersFor(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  options: Options[0],
  facts: FileFacts,
  firstIndex: number,
): TSESLint.RuleListener {
  const { sourceCode, filename, cwd } = facts;
  // None of the three matches before the union's first match: each is looked for from there.
  const ormText = matchesFrom(ORM_CALL_TEXT, sourceCode.text, firstIndex) || sourceCode.text.includes('knex', firstIndex);
  const sqlText = matchesFrom(SQL_TEXT, sourceCode.text, firstIndex);
  if (!ormText && !sqlText) return {};
  const { crossTenantPaths, crossTenantWords, settings, schemaFiles } = configuredLists(options, facts.settings);
  if (crossTenantWords.test(filename) && matchesPathPattern(pathInProject(filename, cwd), crossTenantPaths)) return {};
  const checkServiceRole = options.checkServiceRoleClients === true;
  const reportServiceQueries = options.reportServiceQueries === true;
  // Tests, fixtures, mocks, seeds, migrations, scripts, stories and generated code serve no request.
  if (!facts.servesProduction) return {};
  const evidence: Evidence = new Map();
  let schemaValue: ProjectSchema | undefined;
  const schema = (): ProjectSchema => {
    schemaValue ??= projectSchema(filename, schemaFiles, TENANT_MODELS);
    return schemaValue;
  };
  let dialectValue: SqlDialect | undefined;
  const dialect = (): SqlDialect => {
    if (dialectValue === undefined) {
      dialectValue = 'postgresql';
      for (const source of facts.imports.sources) {
        const found = DIALECT_BY_SOURCE[source];
        if (found) dialectValue = found;
      }
      if (/\.prepare\s*\(/u.test(sourceCode.text) && /\benv\.\w+\.prepare|D1Database/u.test(sourceCode.text)) dialectValue = 'sqlite';
    }
    return dialectValue;
  };

  const rawQueries: { raw: RawText; model: SqlModel }[] = [];
  /** Queries that do filter by the tenant, by function: they verify ownership for later ones. */
  const scopedQueries: ScopedQuery[] = [];
  let tenantKeys: Set<string> | undefined;
  /** A column or field that holds the tenant somewhere in the schema, or a configured one. */
  const isTenantKey = (key: string): boolean => {
    if (!tenantKeys) {
      tenantKeys = new Set(settings.tenantColumns.map((column) => column.toLowerCase()));
      for (const table of schema().tables.values()) for (const reference of table.tenantReferences) tenantKeys.add(reference.toLowerCase());
    }
    return tenantKeys.has(key.toLowerCase());
  };
  const ties = createTies(facts, scopedQueries, isTenantKey);
  const findings: Finding[] = [];
  const checks: (() => void)[] = [];
  /** Scoped queries whose tenant values strict checks against the client, once every scoped query is known. */
  const tenantValueChecks: { node: TSESTree.Node; kind: string; table: string; column: string; values: readonly TSESTree.Node[]; library: QueryLibrary }[] = [];

  return {
    CallExpression(node) {
      const callee = unwrap(node.callee);
      if (!ormText) {
        if (callee.type === AST_NODE_TYPES.MemberExpression) handleRaw(node);
        return;
      }
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const knex = knexQuery(node, facts);
        if (knex) handleBuilder(knex);
        return;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
      const method = staticKeyName(callee);
      if (method === null) return;
      if (handleRaw(node)) return;
      if (PRISMA_READ_METHODS.has(method) || PRISMA_CREATE_METHODS.has(method)) {
        const receiver = unwrap(callee.object);
        if (receiver.type === AST_NODE_TYPES.MemberExpression) {
          handleModelCall(node, method, receiver);
          return;
        }
      }
      if (KYSELY_METHOD_NAMES.has(method)) {
        const kysely = kyselyQuery(node, method, facts);
        if (kysely) handleBuilder(kysely);
        return;
      }
      if (method === 'from' && checkServiceRole && node.arguments[0]?.type === AST_NODE_TYPES.Literal) {
        const supabase = supabaseQuery(node, facts);
        if (supabase) handleBuilder(supabase);
        return;
      }
      if ((method === 'from' || method === 'update' || method === 'delete' || method === 'insert') && node.arguments.length === 1) {
        const [argument] = node.arguments;
        if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) {
          const table = drizzleTableOf(argument, facts);
          if (table) handleDrizzle(node, method, table, argument);
        }
      }
    },
    TaggedTemplateExpression(node) {
      if (sqlText) handleRaw(node);
    },
    'Program:exit'() {
      // Same-file evidence first: a table filtered by a tenant column anywhere in the file is scoped.
      for (const query of rawQueries) {
        for (const use of query.model.uses) {
          for (const column of use.constrained) {
            if (settings.tenantColumns.some((tenant) => sameColumn(tenant, column))) addEvidence(evidence, use.table, column);
          }
        }
      }
      for (const check of checks) check();
      for (const query of rawQueries) checkRawQuery(query.raw, query.model);
      for (const check of tenantValueChecks) checkTenantValues(check);
      for (const finding of findings) {
        const idor = requestDriven(finding);
        if (idor === 'excused') continue;
        // Without a request value only `reportServiceQueries` reports: the looser checks below would decide nothing.
        if (idor === null && !reportServiceQueries) continue;
        // What `strict` reports without a request value, and creates, keep the looser checks: a
        // scoped query on the same table earlier in the function, any row's tenant compared after.
        // A request value needs its own tie (`requestDriven`).
        if ((idor === null || idor === 'create') && (verifiedEarlier(finding.node, finding.data.table) || tenantComparedAfter(finding.node, facts, finding.columns))) continue;
        if (idor === 'create') {
          // A create may leave a nullable tenant column unset (`teamId String?`): strict only.
          if (!reportServiceQueries && finding.library === 'prisma' && schema().tables.get(finding.data.table.toLowerCase())?.optionalTenantReferences.has(finding.data.column)) continue;
          context.report({ node: finding.node, messageId: finding.messageId, data: finding.data });
        } else if (idor) {
          const { kind, table, column } = finding.data;
          if (finding.tenantRow) context.report({ node: finding.node, messageId: 'tenantRow', data: { kind, table, value: idor.value, origin: idor.origin, fix: tenantRowFix(finding) } });
          else context.report({ node: finding.node, messageId: 'requestId', data: { kind, table, column, value: idor.value, origin: idor.origin, fix: fixExample(column, finding.library) } });
        } else if (reportServiceQueries) {
          context.report({ node: finding.node, messageId: finding.messageId, data: finding.data });
        }
      }
    },
  };

  /** Collects a raw SQL query; answers whether the call was one (parsed or not). */
  function handleRaw(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): boolean {
    if (!sqlText) return false;
    const raw = rawQueryText(node, facts);
    if (!raw) return false;
    const model = parseRawQuery(raw.text, dialect());
    if (model) rawQueries.push({ raw, model });
    return true;
  }

  function tableScoping(name: string, known: readonly string[] | null = null): Scoping | null {
    return scopingOf(name, settings, schema(), evidence, known);
  }

  function checkRawQuery(raw: RawText, model: SqlModel): void {
    const node = raw.at;
    const reported = new Set<string>();
    // The values each placeholder of a WHERE or ON is bound to; every other bound value is data (`SET amount = $1`).
    const selecting = new Set(model.uses.flatMap((use) => use.bindings.map((binding) => binding.param)));
    // The rows of a joined table are selected by every filter of the statement (`JOIN documents d ... WHERE v.viewer_id = $1`).
    const selectors: Selector[] = [];
    for (const binding of model.uses.flatMap((use) => use.bindings)) {
      const value = raw.valueOf(binding.param);
      if (value && !selectors.some((selector) => selector.value === value)) selectors.push({ key: binding.column, value, optional: binding.optional });
    }
    const dataValues = raw
      .values()
      .filter(([param]) => !selecting.has(param))
      .map(([, value]) => value);
    for (const use of model.uses) {
      const scoping = tableScoping(use.table);
      if (!scoping) {
        const ids = use.bindings.filter((binding) => !binding.optional && binding.column.toLowerCase() === 'id').map((binding) => raw.valueOf(binding.param));
        if (use.kind !== 'INSERT') checkTableTenantRow(node, use.table, use.kind, ids, raw.text, 'sql');
        continue;
      }
      if (SELF_TABLES.has(use.table.toLowerCase()) && [...use.constrained].some((column) => /^(?:id|user_?id)$/iu.test(column))) continue;
      if (MEMBERSHIP_TABLE.test(use.table) && [...use.constrained].some((column) => USER_ID_COLUMN.test(column))) continue;
      const verdict = verdictOf(use, scoping, settings.preAuthColumns, (table) => tableScoping(table));
      if (verdict === 'ok') {
        const tenantValues = use.bindings.filter((binding) => !binding.optional && scoping.columns.some((column) => sameColumn(column, binding.column))).flatMap((binding) => raw.valueOf(binding.param) ?? []);
        scopedQueries.push({ fn: enclosingFunction(node), table: use.table.toLowerCase(), start: node.range[0], node, tenantValues });
        if (settings.reportClientTenant && tenantValues.length > 0) tenantValueChecks.push({ node, kind: use.kind, table: use.table, column: scoping.columns[0] ?? 'tenant_id', values: tenantValues, library: 'sql' });
        continue;
      }
      const key = `${use.kind}:${use.table}`;
      if (reported.has(key)) continue;
      if (isExcusedByContext(node, facts, settings)) return;
      reported.add(key);
      const column = scoping.columns[0] ?? 'tenant_id';
      const data = { kind: use.kind, table: use.table, column };
      findings.push({ node, messageId: verdict === 'optional' ? 'optional' : use.kind === 'INSERT' ? 'missingInsert' : 'missing', data, library: 'sql', columns: scoping.columns, selectors, dataValues });
    }
  }

  /** Prisma `client.model.method(args)`; Drizzle relational `db.query.table.findMany(args)`. */
  function handleModelCall(node: TSESTree.CallExpression, method: string, receiver: TSESTree.MemberExpression): void {
    const model = staticKeyName(receiver);
    if (model === null || model.startsWith('$')) return;
    const client = unwrap(receiver.object);
    const relational = client.type === AST_NODE_TYPES.MemberExpression && staticKeyName(client) === 'query';
    const [args] = node.arguments;
    // Same-file evidence from Prisma filters.
    const where = args && args.type !== AST_NODE_TYPES.SpreadElement ? objectProperty(args, relational ? 'where' : PRISMA_CREATE_METHODS.has(method) ? 'data' : 'where') : null;
    if (!relational && where) {
      for (const entry of facts.constants.objectEntries(where)?.entries ?? []) {
        if (entry.key !== null && settings.tenantColumns.includes(entry.key)) addEvidence(evidence, model, entry.key);
      }
    }
    checks.push(() => {
      if (relational) {
        checkRelational(node, model, client, args, method);
        return;
      }
      if (!(PRISMA_READ_METHODS.has(method) || PRISMA_CREATE_METHODS.has(method))) return;
      const scoping = tableScoping(model);
      const membership = scoping ? null : membershipOfTenant(model);
      if (!scoping && membership === null) return;
      if (facts.isClientModule || !isPrismaClient(client) || !takesPrismaArgs(args)) return;
      if (throughScopingHelper(client, settings, facts)) return;
      const kind = PRISMA_CREATE_METHODS.has(method) ? 'INSERT' : method.startsWith('update') || method === 'upsert' ? 'UPDATE' : method.startsWith('delete') ? 'DELETE' : 'SELECT';
      if (!scoping) {
        if (membership !== null && kind !== 'INSERT') checkTenantRow(node, args, kind, model, membership);
        return;
      }
      const fields = scoping.columns;
      const relations = scoping.relations.length > 0 ? scoping.relations : ['tenant', 'organization', 'organisation', 'workspace', 'org', 'team'];
      let answer: FilterAnswer;
      if (!args || args.type === AST_NODE_TYPES.SpreadElement) {
        answer = args ? { kind: 'unknown' } : { kind: 'no' };
      } else if (kind === 'INSERT') {
        const data = objectProperty(args, 'data');
        const first = data && unwrap(data).type === AST_NODE_TYPES.ArrayExpression ? (unwrap(data) as TSESTree.ArrayExpression).elements[0] : data;
        answer = first && first.type !== AST_NODE_TYPES.SpreadElement ? objectFilter(first, fields, relations, facts, settings) : { kind: 'unknown' };
      } else {
        const entries = facts.constants.objectEntries(args);
        const whereNode = objectProperty(args, 'where');
        if (!entries) answer = { kind: 'unknown' };
        else if (!whereNode) answer = entries.complete ? { kind: 'no' } : { kind: 'unknown' };
        else answer = objectFilter(whereNode, fields, relations, facts, settings);
      }
      if (answer.kind === 'no' && args && args.type !== AST_NODE_TYPES.SpreadElement && isSelfLookup(objectProperty(args, 'where'), model)) return;
      report(node, answer, kind, scoping.assumed ? model : modelName(model), scoping, 'prisma');
    });
  }

  /**
   * The tenant's own row (`team.update({ where: { id: input.teamId } })`, PRECISION.md): its id is
   * the tenant key, so a request id there needs a membership check like any other. The relation
   * to the membership model (`users UserTeam[]`) is what ties it to the caller. Null when the model
   * is not the tenant, or no membership model is known (then the rule cannot say who belongs).
   */
  function membershipOfTenant(model: string): string | null {
    const table = schema().tables.get(model.toLowerCase());
    if (!table || !schema().hasTenantKeys || !TENANT_MODELS.includes(table.name.toLowerCase())) return null;
    for (const [field, type] of table.listRelations) {
      const member = schema().tables.get(type.toLowerCase());
      if (member && MEMBERSHIP_TABLE.test(member.name) && member.ownerReferences.size > 0 && member.tenantReferences.size > 0) return field;
    }
    return null;
  }

  function checkTenantRow(node: TSESTree.CallExpression, args: TSESTree.CallExpressionArgument | undefined, kind: string, model: string, membership: string): void {
    const where = args && args.type !== AST_NODE_TYPES.SpreadElement ? objectProperty(args, 'where') : null;
    const entries = where ? facts.constants.objectEntries(where)?.entries : undefined;
    if (!entries) return;
    let byRequestId = false;
    for (const entry of entries) {
      if (entry.key === membership) {
        // `users: { some: { userId } }`: the caller's membership is in the filter.
        scopedQueries.push({ fn: enclosingFunction(node), table: model.toLowerCase(), start: node.range[0], node });
        return;
      }
      if (entry.key !== 'id' || entry.value.kind !== 'node') continue;
      const value = unwrap(entry.value.node);
      const id = value.type === AST_NODE_TYPES.ObjectExpression ? objectProperty(value, 'equals') : value;
      byRequestId = id !== null && sourceOf(id, facts).kind === 'request';
    }
    if (byRequestId) findings.push({ node, messageId: 'missing', data: { kind, table: modelName(model), column: membership }, library: 'prisma', tenantRow: { membership, tenantColumn: '', userColumn: 'userId' }, columns: [] });
  }

  /**
   * A Prisma client: a name that says so (`prisma`, `db`, `tx`, `ctx.db`, `this.prisma`), or, in a
   * file importing `@prisma/client`, a binding made with `new PrismaClient()`. `this.entries` of
   * a cache class in the same file is not one.
   */
  function isPrismaClient(client: TSESTree.Node): boolean {
    if (chainNames(client).some((name) => PRISMA_CLIENT_NAME.test(name))) return true;
    if (!facts.imports.imports('@prisma/client')) return false;
    const root = unwrap(client);
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const definition = facts.constants.definitionOf(root);
    if (definition?.type !== AST_NODE_TYPES.VariableDeclarator || !definition.init) return false;
    const init = unwrap(definition.init);
    return init.type === AST_NODE_TYPES.NewExpression && facts.imports.isExport(init.callee, ['@prisma/client'], ['PrismaClient']);
  }

  function checkRelational(node: TSESTree.CallExpression, name: string, client: TSESTree.Node, args: TSESTree.CallExpressionArgument | undefined, method: string): void {
    if (method !== 'findMany' && method !== 'findFirst') return;
    const table = drizzleTableByName(name);
    if (!table) return;
    const scoping = drizzleScoping(table);
    if (throughScopingHelper(client, settings, facts)) return;
    if (!scoping) {
      checkDrizzleTenantRow(node, table, 'SELECT', node);
      return;
    }
    const jsColumns = tenantJsKeys(table, scoping);
    let answer: FilterAnswer;
    if (!args) answer = { kind: 'no' };
    else if (args.type === AST_NODE_TYPES.SpreadElement) answer = { kind: 'unknown' };
    else {
      const entries = facts.constants.objectEntries(args);
      const where = objectProperty(args, 'where');
      if (!entries) answer = { kind: 'unknown' };
      else if (!where) answer = entries.complete ? { kind: 'no' } : { kind: 'unknown' };
      else {
        const target = unwrap(where);
        const returned = isFunctionNode(target) ? singleReturn(target) : null;
        if (isFunctionNode(target) && returned) {
          const [param] = target.params;
          const paramName = param?.type === AST_NODE_TYPES.Identifier ? param.name : null;
          answer = drizzleCondition(returned, (member) => isColumnMember(member, jsColumns, (object) => object.type === AST_NODE_TYPES.Identifier && (object.name === paramName || drizzleTableOf(object, facts) === table)), facts, settings);
        } else if (target.type === AST_NODE_TYPES.ObjectExpression) {
          answer = objectFilter(target, jsColumns, [], facts, settings);
        } else {
          answer = drizzleCondition(target, (member) => isColumnMember(member, jsColumns, (object) => drizzleTableOf(object, facts) === table), facts, settings);
        }
      }
    }
    report(node, answer, 'SELECT', table.name, scoping, 'drizzle');
  }

  function handleDrizzle(node: TSESTree.CallExpression, method: string, table: DrizzleTable, argument: TSESTree.Node): void {
    const { calls, top } = chainAfter(node);
    const whereCall = calls.find((call) => call.name === 'where');
    checks.push(() => {
      const kind = method === 'from' ? 'SELECT' : method === 'insert' ? 'INSERT' : method === 'update' ? 'UPDATE' : 'DELETE';
      const scoping = drizzleScoping(table);
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && throughScopingHelper(callee.object, settings, facts)) return;
      if (calls.some((call) => call.name === '$dynamic')) return;
      if (!scoping) {
        if (kind !== 'INSERT') checkDrizzleTenantRow(node, table, kind, top);
        return;
      }
      const jsColumns = tenantJsKeys(table, scoping);
      let answer: FilterAnswer;
      if (kind === 'INSERT') {
        const values = calls.find((call) => call.name === 'values')?.call.arguments[0];
        const first = values && unwrap(values).type === AST_NODE_TYPES.ArrayExpression ? (unwrap(values) as TSESTree.ArrayExpression).elements[0] : values;
        answer = first && first.type !== AST_NODE_TYPES.SpreadElement ? objectFilter(first, jsColumns, [], facts, settings) : { kind: 'unknown' };
      } else if (whereCall) {
        answer = drizzleCondition(whereCall.call.arguments[0], (member) => isColumnMember(member, jsColumns, (object) => drizzleTableOf(object, facts) === table || sameNode(object, argument)), facts, settings);
      } else {
        // Built now, filtered later (`const q = db.select().from(t); q.where(...)`): unknown.
        answer = top.parent?.type === AST_NODE_TYPES.VariableDeclarator || top.parent?.type === AST_NODE_TYPES.AssignmentExpression ? { kind: 'unknown' } : { kind: 'no' };
      }
      report(node, answer, kind, table.name, scoping, 'drizzle');
    });
  }

  /** The membership table of a tenant table (`memberships` with `tenant_id` and `user_id`), from the schema; null when none is known. */
  function tableMembershipOf(name: string): NonNullable<Finding['tenantRow']> | null {
    const key = name.toLowerCase();
    if (!TENANT_MODELS.includes(key) || settings.globalTables.some((table) => table.toLowerCase() === key)) return null;
    const current = schema();
    if (!current.hasTenantKeys || !current.tables.has(key)) return null;
    for (const member of current.tables.values()) {
      if (!MEMBERSHIP_TABLE.test(member.name)) continue;
      const [tenantColumn] = member.tenantReferences;
      const userColumn = [...member.columns].find((column) => USER_ID_COLUMN.test(column));
      if (tenantColumn && userColumn) return { membership: member.name, tenantColumn, userColumn };
    }
    return null;
  }

  /**
   * The tenant's own row in Drizzle (`db.update(workspaces).set(...).where(eq(workspaces.id, input.id))`):
   * the membership table is read from the module that defines the tenant table.
   */
  function checkDrizzleTenantRow(node: TSESTree.CallExpression, table: DrizzleTable, kind: string, top: TSESTree.Node): void {
    const key = table.name.toLowerCase();
    if (!TENANT_MODELS.includes(key) || settings.globalTables.some((global) => global.toLowerCase() === key)) return;
    const row = drizzleMembershipOf(table);
    if (!row) return;
    const ids = (conjunctiveValues(node) ?? []).filter((entry) => entry.key === 'id').map((entry) => entry.value);
    checkTableTenantRow(node, table.name, kind, ids, sourceCode.getText(top), 'drizzle', row);
  }

  /**
   * The tenant's own row in SQL and query builders (`UPDATE teams SET name = $1 WHERE id = $2`,
   * `db('teams').where({ id }).update(...)`): selected by a request id, and the query never
   * names the membership table (a join or an `EXISTS` on it is the check).
   */
  function checkTableTenantRow(
    node: TSESTree.Node,
    table: string,
    kind: string,
    ids: readonly (TSESTree.Node | null)[],
    queryText: string,
    library: 'drizzle' | 'knex' | 'kysely' | 'sql',
    row = tableMembershipOf(table),
  ): void {
    if (!row) return;
    if (queryText.toLowerCase().includes(row.membership.toLowerCase())) {
      scopedQueries.push({ fn: enclosingFunction(node), table: table.toLowerCase(), start: node.range[0], node });
      return;
    }
    const id = ids.find((value) => value !== null && sourceOf(value, facts).kind === 'request');
    if (!id || isExcusedByContext(node, facts, settings)) return;
    findings.push({ node, messageId: 'missing', data: { kind, table, column: row.membership }, library, tenantRow: row, columns: [], selectors: [{ key: 'id', value: id, optional: false }] });
  }

  function handleBuilder(query: BuilderQuery): void {
    // Same-file evidence from builder filters (`.where({ org_id })`, `.eq('org_id', orgId)`).
    for (const column of settings.tenantColumns) {
      if (query.answer({ columns: [column], relations: [], assumed: false }, settings).kind === 'yes') addEvidence(evidence, query.table, column);
    }
    checks.push(() => {
      const scoping = tableScoping(query.table);
      if (!scoping) {
        if (query.kind !== 'INSERT' && query.library !== 'supabase') {
          const ids = (query.selectors() ?? []).filter((selector) => !selector.optional && selector.key.toLowerCase() === 'id').map((selector) => selector.value);
          checkTableTenantRow(query.node, query.table, query.kind, ids, sourceCode.getText(chainAfter(query.node).top), query.library);
        }
        return;
      }
      if (scoping.assumed && query.library === 'kysely' && !facts.imports.imports('kysely')) return;
      const callee = unwrap(query.node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && throughScopingHelper(callee.object, settings, facts)) return;
      report(query.node, query.answer(scoping, settings), query.kind, query.table, scoping, query.library, query.selectors());
    });
  }

  /** `where: { id: session.user.id }`: the caller's own row, found through their session. */
  function isSelfLookup(where: TSESTree.Node | null, model: string): boolean {
    if (!where) return false;
    const membership = MEMBERSHIP_TABLE.test(model);
    return (facts.constants.objectEntries(where)?.entries ?? []).some(
      (entry) =>
        (membership && entry.key !== null && (USER_ID_COLUMN.test(entry.key) || entry.key === 'user')) ||
        ((entry.key === 'id' || entry.key === 'userId') && entry.value.kind === 'node' && SELF_VALUE.test(sourceCode.getText(entry.value.node))),
    );
  }

  function drizzleScoping(table: DrizzleTable): Scoping | null {
    const known = [...table.columns.keys(), ...table.columns.values()];
    const scoping = tableScoping(table.name, known);
    if (scoping) return scoping;
    if (table.tenantReferences.length > 0 && !settings.globalTables.includes(table.name)) return { columns: table.tenantReferences, relations: [], assumed: false };
    // No tenant key: a required owner column (`userId ... .references(() => users.id)`) owns the row,
    // unless the table is the tenant itself (an organization's `ownerId` is its creator, not its key).
    if (table.ownerReferences.length > 0 && !settings.globalTables.includes(table.name) && !OWNER_SELF_TABLES.has(table.name.toLowerCase()) && !TENANT_MODELS.includes(table.name.toLowerCase())) {
      return { columns: table.ownerReferences, relations: [], assumed: false, owner: true };
    }
    return null;
  }

  /** The JS keys of a Drizzle table's tenant columns (`tenantId` for `uuid('tenant_id')`). */
  function tenantJsKeys(table: DrizzleTable, scoping: Scoping): string[] {
    const keys: string[] = [];
    for (const [key, sql] of table.columns) {
      if (scoping.columns.some((column) => sameColumn(column, key) || sameColumn(column, sql))) keys.push(key);
    }
    return keys;
  }

  function drizzleTableByName(name: string): DrizzleTable | null {
    const scope = sourceCode.scopeManager?.globalScope;
    const moduleScope = scope?.childScopes[0] ?? scope;
    const variable = moduleScope?.set.get(name);
    const identifier = variable?.defs[0]?.name;
    return identifier ? drizzleTableOf(identifier, facts) : null;
  }

  function report(node: TSESTree.CallExpression, answer: FilterAnswer, kind: string, table: string, scoping: Scoping, library: QueryLibrary, selectors?: readonly Selector[] | null): void {
    const column = scoping.columns[0] ?? 'tenantId';
    const data = { kind, table, column };
    if (answer.kind === 'yes') {
      scopedQueries.push({ fn: enclosingFunction(node), table: table.toLowerCase(), start: node.range[0], node, tenantValues: kind === 'INSERT' ? [] : answer.values });
      if (settings.reportClientTenant) tenantValueChecks.push({ node, kind, table, column, values: answer.values, library });
      return;
    }
    if (answer.kind === 'unknown') {
      if (settings.reportUnverifiable && !isExcusedByContext(node, facts, settings) && !tenantComparedAfter(node, facts, scoping.columns)) context.report({ node, messageId: 'unverifiable', data });
      return;
    }
    if (isExcusedByContext(node, facts, settings)) return;
    findings.push({ node, messageId: answer.kind === 'optional' ? 'optional' : kind === 'INSERT' ? 'missingInsert' : 'missing', data, library, columns: scoping.columns, ...(selectors === undefined ? {} : { selectors }) });
  }

  /**
   * strict: a tenant value the client chose (`req.body.orgId`, `const { orgId } = req.query`,
   * `searchParams.get('orgId')`) and nothing tied to the caller first; with type information, a
   * Prisma tenant value whose type includes `undefined`.
   */
  function checkTenantValues({ node, kind, table, column, values, library }: (typeof tenantValueChecks)[number]): void {
    const scopes = enclosingFunctions(node);
    // A membership lookup: the tenant the client names, checked against the caller in the same query.
    const membershipLookup = queryValueLeaves(queryNodeOf(node)).some((leaf) => sourceOf(leaf, facts).kind === 'session');
    for (const value of values) {
      if (!membershipLookup && (isClientValue(value) || (sourceOf(value, facts).kind === 'request' && !scopes.some((scope) => ties.tiedEarlier(scope, queryNodeOf(node), value))))) {
        context.report({ node: value, messageId: 'clientTenant', data: { kind, table, column, value: sourceCode.getText(value) } });
        return;
      }
      if (library === 'prisma' && kind !== 'INSERT' && mayBeUndefined(value)) {
        context.report({ node: value, messageId: 'undefinedTenant', data: { kind, table, column, value: sourceCode.getText(value) } });
        return;
      }
    }
  }

  /** A scoped query on the same table earlier in the same function (`findFirst({ where: { id, orgId } })`, then `update({ where: { id } })`). */
  function verifiedEarlier(node: TSESTree.Node, table: string): boolean {
    const fn = enclosingFunction(node);
    return fn !== null && scopedQueries.some((query) => query.fn === fn && query.table === table.toLowerCase() && query.start < node.range[0] && mayRunBefore(query.node, node));
  }

  /**
   * The IDOR `recommended` reports: a query whose selecting value comes from the request, in a
   * function that is not a webhook receiver, and with nothing earlier in the function tying that
   * value to the caller's tenant (a scoped query using the same value, an access check called
   * with it). A create is request-driven when it runs in a request entry point.
   */
  function requestDriven(finding: Finding): { value: string; origin: string } | 'create' | 'excused' | null {
    const { node, messageId, selectors } = finding;
    const kind = finding.data.kind;
    // Webhook receivers act across tenants by design (after verifying the sender): silent in both presets.
    if (WEBHOOK_PATH.test(pathInProject(filename, cwd))) return 'excused';
    const query = queryNodeOf(node);
    // Values bound to what the query writes (`SET amount = $1`) do not select its rows.
    const dataValues = finding.dataValues ?? [];
    const values = requestValuesOf(query, facts).filter((value) => !dataValues.some((data) => within(value.node, data)));
    // The value the message names: one the filter requires (`id = $1`) before one under an `OR`.
    const conjunctive = selectors ? selectors.filter((selector) => !selector.optional) : conjunctiveValues(query);
    const found = values.find((value) => conjunctive?.some((entry) => within(value.node, entry.value))) ?? values[0];
    // A create that leaves the tenant column unset, run by a request (or with its values).
    if (messageId === 'missingInsert') return found || inEntryPoint(node) ? 'create' : null;
    if (!found) return null;
    const route = facts.handlers.enclosingHandler(node)?.route ?? facts.handlers.fileRoute?.route ?? '';
    if (/webhook|\/hooks?\b|\/cron\b|\/jobs?\b|\/admin\b|\/internal\b/iu.test(route)) return 'excused';
    // The query itself carries the caller (`include: { team: { users: { where: { userId } } } }`,
    // `emailAccount: { userId: session.user.id }`): it is tied to them.
    // (Not for a tenant predicate under an `OR`: there the caller's tenant is the neutered branch.)
    // (In the filter, or what a read includes; a session value the query writes, `data: { updatedBy: session.user.id }`,
    // `.set({ updatedBy })`, `SET updated_by = $3`, is not a check.)
    const written = selectors === undefined ? [...dataValues, ...writtenParts(query)] : dataValues;
    const carried = (selectors === undefined ? queryValueLeaves(query, false) : queryValueLeaves(query)).filter((leaf) => !written.some((data) => within(leaf, data)));
    if (messageId === 'missing' && carried.some((leaf) => sourceOf(leaf, facts).kind === 'session')) return 'excused';
    // The request value tied to the tenant earlier in the handler, or in a function around it
    // (the write may sit in a `$transaction` or `setTimeout` callback), or the row checked after.
    // A second id the query filters by counts too: a link filtered by a dataroom that was itself
    // verified for the team belongs to the team.
    const scopes = enclosingFunctions(node);
    const candidates = conjunctive ? conjunctive.filter((entry) => ID_KEY.test(entry.key) || sourceOf(entry.value, facts).kind === 'request').map((entry) => entry.value) : values.map((value) => value.node);
    if (candidates.some((value) => scopes.some((scope) => ties.tiedEarlier(scope, query, value)))) return 'excused';
    if (ties.rowCheckedAfter(query, scopes[0] ?? null)) return 'excused';
    // The same value's row checked later, before anything depends on this query (`step.workflow.teamId !== teamId` of a step loaded by the same `workflowId`).
    const [innermost] = scopes;
    if (innermost && candidates.some((value) => ties.tiedAfter(innermost, query, value))) return 'excused';
    // A read whose row is only tested (a uniqueness check before a create): strict.
    if (kind === 'SELECT' && ties.onlyTestedForExistence(query)) return null;
    // Internal endpoints (a bearer or query token compared with a configured secret) and admin-only
    // procedures (`adminActionClient`, `adminProcedure`) act across tenants by design.
    const outer = scopes.at(-1);
    const outerText = outer ? sourceCode.getText(outer) : '';
    if (outer && (INTERNAL_SECRET_CHECK.test(outerText) || (outerText.includes('timingSafeEqual(') && INTERNAL_SECRET_READ.test(outerText)) || adminEntry(outer))) return 'excused';
    // Where no caller is identified (no session read before the query, or the branch taken
    // without one) the ids are the capability by design on a public path (share links, viewers,
    // invites), and so is a lookup by several request ids that must match each other (a view by
    // `viewId` and `linkId`). Whether that should be public is not this rule's to know: strict.
    if (outer && isFunctionNode(outer) && (!authenticatesCaller(outer, facts, query.range[0]) || withoutCallerBranch(query))) {
      // The path inside the project (relative to ESLint's cwd): a checkout under `/srv/p/` or `/home/s/` is not a share link.
      if (PUBLIC_CAPABILITY_PATH.test(`${route} /${pathInProject(filename, cwd)}`)) return null;
      const requestIds = new Set((conjunctive ?? []).filter((entry) => ID_KEY.test(entry.key) && sourceOf(entry.value, facts).kind === 'request').map((entry) => sourceCode.getText(entry.value)));
      if (requestIds.size >= 2) return null;
    }
    const text = sourceCode.getText(found.node);
    return { value: text.length > 40 ? `${text.slice(0, 37)}...` : text, origin: found.source.origin ?? 'the request' };
  }

  /**
   * The values a query selects its rows by, with their keys, outside `OR` and `NOT` (a value
   * there does not constrain the rows): Prisma-style `where` objects and Drizzle `and(eq(...))`.
   * Null for filters read another way (raw SQL, Knex, Kysely, Supabase).
   */
  function conjunctiveValues(query: TSESTree.Node): { key: string; value: TSESTree.Node }[] | null {
    if (query.type !== AST_NODE_TYPES.CallExpression) return null;
    const found: { key: string; value: TSESTree.Node }[] = [];
    let readable = false as boolean;
    const fromObject = (node: TSESTree.Node, depth: number): void => {
      const entries = depth > 4 ? null : facts.constants.objectEntries(node);
      if (!entries) return;
      readable = true;
      for (const entry of entries.entries) {
        if (entry.key === null || entry.key === 'OR' || entry.key === 'NOT' || entry.value.kind !== 'node') continue;
        const value = unwrap(entry.value.node);
        if (entry.key === 'AND') {
          for (const branch of value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value]) if (branch && branch.type !== AST_NODE_TYPES.SpreadElement) fromObject(branch, depth + 1);
        } else if (value.type === AST_NODE_TYPES.ObjectExpression) {
          const equals = objectProperty(value, 'equals');
          if (equals) found.push({ key: entry.key, value: equals });
          else fromObject(value, depth + 1);
        } else {
          found.push({ key: entry.key, value });
        }
      }
    };
    const fromCondition = (node: TSESTree.Node | undefined, depth: number): void => {
      const resolved = node ? facts.constants.resolve(node) : null;
      const condition = resolved?.kind === 'node' && !resolved.foreign ? unwrap(resolved.node) : null;
      if (!condition || depth > 4 || condition.type !== AST_NODE_TYPES.CallExpression) return;
      readable = true;
      const name = calleeName(condition);
      if (name === 'and') for (const argument of condition.arguments) fromCondition(argument, depth + 1);
      if (name !== 'eq') return;
      const [column, value] = condition.arguments;
      const target = column && unwrap(column);
      const key = target?.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(target) : null;
      if (key !== null && value) found.push({ key, value });
    };
    const [args] = query.arguments;
    const where = args && args.type !== AST_NODE_TYPES.SpreadElement ? objectProperty(args, 'where') : null;
    const whereCalls = chainAfter(query).calls.filter((call) => call.name === 'where');
    if (!where && whereCalls.length === 0) return null;
    if (where) {
      const target = unwrap(where);
      if (isFunctionNode(target)) fromCondition(singleReturn(target) ?? undefined, 0);
      else if (target.type === AST_NODE_TYPES.CallExpression) fromCondition(target, 0);
      else fromObject(target, 0);
    }
    for (const call of whereCalls) fromCondition(call.call.arguments[0], 0);
    return readable ? found : null;
  }

  /** `if (session) { ... } else { query }`, `if (!session) { query }`: the query runs for callers with no session. */
  function withoutCallerBranch(query: TSESTree.Node): boolean {
    let child: TSESTree.Node = query;
    for (let parent = query.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
      if (parent.type !== AST_NODE_TYPES.IfStatement || parent.test === child) continue;
      const test = unwrap(parent.test);
      const negated = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!';
      const subject = negated ? unwrap(test.argument) : test;
      if ((subject.type !== AST_NODE_TYPES.Identifier && subject.type !== AST_NODE_TYPES.MemberExpression) || sourceOf(subject, facts).kind !== 'session') continue;
      if (negated ? parent.consequent === child : parent.alternate === child) return true;
    }
    return false;
  }

  /** A function handed to an admin-only procedure builder: `adminActionClient.action(fn)`, `adminProcedure.query(fn)`. */
  function adminEntry(fn: TSESTree.Node): boolean {
    const parent = fn.parent;
    return parent?.type === AST_NODE_TYPES.CallExpression && /\badmin\w*(?:Procedure|Client|Action)/iu.test(sourceCode.getText(parent.callee));
  }

  /** The functions around a node, innermost first. */
  function enclosingFunctions(node: TSESTree.Node): TSESTree.Node[] {
    const found: TSESTree.Node[] = [];
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) if (isFunctionNode(current)) found.push(current);
    return found;
  }

  function inEntryPoint(node: TSESTree.Node): boolean {
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (isFunctionNode(current) && entryPointOf(current, facts) !== null) return true;
    }
    return false;
  }

  /** The fix in the query's own terms. */
  function fixExample(column: string, library: QueryLibrary): string {
    switch (library) {
      case 'prisma':
        return `\`findFirst({ where: { id, ${column}: session.${column} } })\``;
      case 'drizzle':
        return `\`and(eq(table.id, id), eq(table.${column}, session.${column}))\``;
      case 'knex':
        return `\`.where({ id, ${column}: session.${column} })\``;
      case 'kysely':
        return `\`.where('${column}', '=', session.${column})\``;
      case 'supabase':
        return `\`.eq('${column}', session.${column})\``;
      case 'sql':
        return `\`AND ${column} = $2\` with the session's tenant`;
    }
  }

  /** With type information: a value whose type includes `undefined`. */
  function mayBeUndefined(node: TSESTree.Node): boolean {
    const types = facts.types;
    const services = sourceCode.parserServices as { esTreeNodeToTSNodeMap?: { get(node: TSESTree.Node): unknown } } | undefined;
    if (!types || typeof services?.esTreeNodeToTSNodeMap?.get !== 'function') return false;
    try {
      const tsNode = services.esTreeNodeToTSNodeMap.get(node) as Parameters<typeof types.checker.getTypeAtLocation>[0] | undefined;
      if (!tsNode) return false;
      const type = types.checker.getTypeAtLocation(tsNode);
      const UNDEFINED = 32_768;
      return (type.flags & UNDEFINED) !== 0 || (type.isUnion() && type.types.some((part) => (part.flags & UNDEFINED) !== 0));
    } catch {
      return false;
    }
  }
}

/** A token compared with a configured secret: `authorization !== \`Bearer ${process.env.INTERNAL_API_KEY}\``. */
const INTERNAL_SECRET_CHECK = /[!=]==?\s*`?[^;\n]{0,20}process\.env\.\w*(?:TOKEN|SECRET|API_KEY)\b|process\.env\.\w*(?:TOKEN|SECRET|API_KEY)\b[^;\n]{0,20}[!=]==?/u;
/** The same secret compared in constant time: `const envKey = process.env.INTERNAL_API_KEY; ... timingSafeEqual(token, envKey)`. */
const INTERNAL_SECRET_READ = /process\.env\.\w*(?:TOKEN|SECRET|API_KEY)\b/u;

/** Routes that serve anonymous holders of a link: shared documents, viewers, invites, feedback forms. */
const PUBLIC_CAPABILITY_PATH = /\/(?:links?|share[ds]?|shared|public|s|view|viewer|embed|invites?|invitations?|feedback|report|verify|unsubscribe|download|workflow-entry|p)(?:\/|\.|$|\s)/iu;

/** Tables of the user's own identity: never owned by another user. */
const OWNER_SELF_TABLES = new Set(['user', 'users', 'account', 'accounts', 'session', 'sessions', 'profile', 'profiles']);

type QueryLibrary = 'drizzle' | 'knex' | 'kysely' | 'prisma' | 'sql' | 'supabase';

/** A query without the tenant predicate, judged once the whole file is read. */
interface Finding {
  readonly node: TSESTree.Node;
  readonly messageId: 'missing' | 'missingInsert' | 'optional';
  /** `column`: the tenant key; for the tenant's own row, the membership (Prisma relation, or table). */
  readonly data: { readonly kind: string; readonly table: string; readonly column: string };
  readonly library: QueryLibrary;
  /** The columns of the tenant key, for the looser checks of strict. */
  readonly columns: readonly string[];
  /** The tenant's own row (`team.update({ where: { id } })`): the tie is the caller's membership. */
  readonly tenantRow?: { readonly membership: string; readonly tenantColumn: string; readonly userColumn: string };
  /**
   * Raw SQL, Knex, Kysely: the column = value pairs of the filter (null when it cannot be read
   * whole); undefined for Prisma and Drizzle, whose filters are read from the query itself.
   */
  readonly selectors?: readonly Selector[] | null;
  /** Raw SQL: the values bound to what the query writes, not to its filter. */
  readonly dataValues?: readonly TSESTree.Node[];
}

/** Chained Drizzle calls that carry what a query writes: `.set({...})`, `.values({...})`, `.onConflictDoUpdate({ set })`. */
const DRIZZLE_WRITES = new Set(['set', 'values', 'onConflictDoUpdate']);
/** Prisma arguments that carry what a query writes: `data`, and `create`/`update` of an upsert. */
const PRISMA_WRITES = new Set(['data', 'create', 'update']);

/** The parts of a Prisma or Drizzle query that hold what it writes, not what selects its rows. */
function writtenParts(query: TSESTree.Node): TSESTree.Node[] {
  if (query.type !== AST_NODE_TYPES.CallExpression) return [];
  const parts: TSESTree.Node[] = [];
  const [first] = query.arguments;
  const object = first ? unwrap(first) : null;
  if (object?.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of object.properties) if (property.type === AST_NODE_TYPES.Property && PRISMA_WRITES.has(staticKeyName(property) ?? '')) parts.push(property.value);
  }
  for (const link of chainAfter(query).calls) if (DRIZZLE_WRITES.has(link.name)) parts.push(...link.call.arguments);
  return parts;
}

function within(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}

/** The membership check for the tenant's own row, in the query's own terms. */
function tenantRowFix(finding: Finding): string {
  const row = finding.tenantRow;
  if (!row) return '';
  switch (finding.library) {
    case 'prisma':
      return `\`findFirst({ where: { id, ${row.membership}: { some: { userId: session.userId } } } })\``;
    case 'knex':
      return `\`.whereIn('id', db('${row.membership}').select('${row.tenantColumn}').where('${row.userColumn}', session.userId))\``;
    case 'drizzle':
      return `\`and(eq(table.id, id), inArray(table.id, db.select({ id: ${row.membership}.${row.tenantColumn} }).from(${row.membership}).where(eq(${row.membership}.${row.userColumn}, session.userId))))\``;
    case 'kysely':
      return `\`.where('id', 'in', db.selectFrom('${row.membership}').select('${row.tenantColumn}').where('${row.userColumn}', '=', session.userId))\``;
    default:
      return `\`AND id IN (SELECT ${row.tenantColumn} FROM ${row.membership} WHERE ${row.userColumn} = $2)\` with the session's user`;
  }
}

/** Webhook receivers act across tenants by design (after verifying the sender). */
const WEBHOOK_PATH = /(?:^|\/)(?:webhooks?|hooks)(?:\/|\.)|webhook/iu;

/** `(t, { eq }) => eq(t.id, id)` or `where(fields, ops) { return ops.eq(fields.id, id); }`: the returned condition. */
function singleReturn(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression): TSESTree.Node | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const [statement, ...rest] = fn.body.body;
  return rest.length === 0 && statement?.type === AST_NODE_TYPES.ReturnStatement && statement.argument ? statement.argument : null;
}

/** A property of an object argument, followed through `const` (`findMany(args)` with `const args = { where }`). */
function objectProperty(node: TSESTree.Node, key: string): TSESTree.Node | null {
  let target = unwrap(node);
  for (let hops = 0; hops < 5 && target.type === AST_NODE_TYPES.Identifier; hops++) {
    const definition = findConstInit(target);
    if (!definition) return null;
    target = unwrap(definition);
  }
  if (target.type !== AST_NODE_TYPES.ObjectExpression) return null;
  let found: TSESTree.Node | null = null;
  for (const property of target.properties) {
    if (property.type === AST_NODE_TYPES.Property && staticKeyName(property) === key) found = property.value;
    // `{ where }` shorthand is a Property too; a spread after it may override it.
    if (property.type === AST_NODE_TYPES.SpreadElement) found = found ?? null;
  }
  return found;
}

function findConstInit(identifier: TSESTree.Identifier): TSESTree.Node | null {
  // Walk up to find `const identifier = init` in an enclosing block or the program.
  for (let current: TSESTree.Node | undefined = identifier.parent; current; current = current.parent) {
    const body = current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program ? current.body : null;
    if (!body) continue;
    for (const statement of body) {
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.kind !== 'const') continue;
      for (const declarator of statement.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === identifier.name && declarator.init) return declarator.init;
      }
    }
  }
  return null;
}

function isColumnMember(node: TSESTree.Node, columns: readonly string[], isTable: (object: TSESTree.Node) => boolean): boolean {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = staticKeyName(target);
  return name !== null && columns.includes(name) && isTable(unwrap(target.object));
}

function sameNode(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const left = unwrap(a);
  const right = unwrap(b);
  return left.type === AST_NODE_TYPES.Identifier && right.type === AST_NODE_TYPES.Identifier && left.name === right.name;
}

/** The names along a receiver chain: `ctx.db` → `['ctx', 'db']`, `withTenant(prisma, id)` → `['withTenant']`. */
function chainNames(node: TSESTree.Node): string[] {
  const names: string[] = [];
  let current = unwrap(node);
  for (let hops = 0; hops < 10; hops++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = staticKeyName(current);
      if (name !== null) names.push(name);
      current = unwrap(current.object);
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      current = unwrap(current.callee);
    } else {
      break;
    }
  }
  if (current.type === AST_NODE_TYPES.Identifier) names.push(current.name);
  return names;
}

function modelName(accessor: string): string {
  return accessor.charAt(0).toUpperCase() + accessor.slice(1);
}

/** Prisma model methods take one object (or nothing): `cache.delete(key)` with a string key is not one. */
function takesPrismaArgs(args: TSESTree.CallExpressionArgument | undefined): boolean {
  if (!args) return true;
  const value = unwrap(args);
  return !(value.type === AST_NODE_TYPES.Literal || value.type === AST_NODE_TYPES.TemplateLiteral || value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression);
}
