/**
 * Declarative knowledge for `require-tenant-predicate`: tenant columns, global tables, the
 * libraries whose queries are checked. No AST code here.
 */

/** Column (and field) names that hold the tenant by default. */
export const DEFAULT_TENANT_COLUMNS: readonly string[] = [
  'tenant_id',
  'tenantId',
  'org_id',
  'orgId',
  'organization_id',
  'organizationId',
  'workspace_id',
  'workspaceId',
];

/** Models / tables that are the tenant: a column referencing one of these is a tenant column. */
export const TENANT_MODELS: readonly string[] = [
  'tenant',
  'tenants',
  'organization',
  'organizations',
  'organisation',
  'organisations',
  'org',
  'orgs',
  'workspace',
  'workspaces',
  'team',
  'teams',
  'account',
  'accounts',
];

/**
 * Tables that are platform-wide in nearly every app: never assumed tenant-scoped by `strict` when
 * the schema does not say otherwise (a schema with a tenant column on them still wins).
 */
export const OBVIOUSLY_GLOBAL_TABLES: readonly string[] = [
  'tenants',
  'tenant',
  'organizations',
  'organization',
  'organisations',
  'orgs',
  'workspaces',
  'workspace',
  'plans',
  'plan',
  'prices',
  'products',
  'feature_flags',
  'featureflags',
  'feature_flag',
  'flags',
  'migrations',
  'schema_migrations',
  'knex_migrations',
  'knex_migrations_lock',
  '_prisma_migrations',
  '__drizzle_migrations',
  'kysely_migration',
  'kysely_migration_lock',
  'sessions',
  'session',
  'verification_tokens',
  'verificationtoken',
  'countries',
  'currencies',
  'timezones',
  'information_schema',
  'pg_catalog',
  'sqlite_master',
  'users',
  'user',
  'accounts',
  'account',
];

/**
 * Columns whose equality marks a pre-authentication lookup (the lookup that establishes who the
 * caller is, hence which tenant): a session by token, a user by email, an API key by hash.
 */
export const DEFAULT_PRE_AUTH_COLUMNS: readonly string[] = [
  'token',
  'token_hash',
  'tokenHash',
  'session_token',
  'sessionToken',
  'key_hash',
  'keyHash',
  'api_key',
  'apiKey',
  'email',
  'slug',
  'domain',
  'subdomain',
  'hostname',
  'invite_code',
  'inviteCode',
];

/** Helpers that scope a client or a filter to a tenant by default. */
export const DEFAULT_SCOPING_HELPERS: readonly string[] = ['withTenant', 'forTenant', 'scoped', 'tenantScoped', 'scopedDb', 'withOrg', 'forOrg', 'withWorkspace'];

/** Paths whose code is cross-tenant by design (admin tools, background jobs, scripts, seeds). */
export const DEFAULT_CROSS_TENANT_PATHS: readonly string[] = [
  '**/admin/**',
  '**/jobs/**',
  '**/cron/**',
  '**/scripts/**',
  '**/seed*',
  '**/migrations/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/__tests__/**',
];

/** Modules that signal a database client in a file. */
export const DATABASE_SOURCES: readonly string[] = [
  'pg',
  'mysql2',
  'mysql2/promise',
  'mysql',
  'better-sqlite3',
  'postgres',
  '@vercel/postgres',
  '@neondatabase/serverless',
  '@planetscale/database',
  '@libsql/client',
  '@prisma/client',
  'drizzle-orm',
  'kysely',
  'knex',
  'sqlite',
  'sqlite3',
];

export type SqlDialect = 'postgresql' | 'mysql' | 'sqlite';

/** The SQL dialect a file's client speaks, by import; PostgreSQL otherwise. */
export const DIALECT_BY_SOURCE: Readonly<Record<string, SqlDialect>> = {
  mysql2: 'mysql',
  'mysql2/promise': 'mysql',
  mysql: 'mysql',
  '@planetscale/database': 'mysql',
  'better-sqlite3': 'sqlite',
  '@libsql/client': 'sqlite',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  'drizzle-orm/d1': 'sqlite',
  'drizzle-orm/sqlite-core': 'sqlite',
  'drizzle-orm/mysql-core': 'mysql',
};

/** Methods that run a raw SQL string passed as their first argument. */
export const RAW_SQL_METHODS: ReadonlySet<string> = new Set([
  'query',
  'execute',
  'prepare',
  'exec',
  'run',
  'all',
  'get',
  'raw',
  'unsafe',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
]);

/** Tags of tagged templates that run SQL (postgres.js, @vercel/postgres, Drizzle, Kysely, Prisma). */
export const SQL_TAGS: ReadonlySet<string> = new Set(['sql', '$queryRaw', '$executeRaw', 'query']);

export const PRISMA_READ_METHODS: ReadonlySet<string> = new Set([
  'findMany',
  'findFirst',
  'findFirstOrThrow',
  'findUnique',
  'findUniqueOrThrow',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
]);

export const PRISMA_CREATE_METHODS: ReadonlySet<string> = new Set(['create', 'createMany', 'createManyAndReturn']);

/** Drizzle table constructors. */
export const DRIZZLE_TABLE_FUNCTIONS: ReadonlySet<string> = new Set(['pgTable', 'mysqlTable', 'sqliteTable', 'table']);

/**
 * Membership tables (`memberships`, `organization_members`, `user_roles`, `UserTeam`,
 * `workspace_users`): looking one up by the caller's user id is how the tenant is found in the
 * first place, a pre-authorisation lookup.
 */
export const MEMBERSHIP_TABLE = /members?(?:hips?)?$|^user_?(?:orgs?|organi[sz]ations?|teams?|workspaces?|tenants?|roles?)$|^(?:orgs?|organi[sz]ations?|teams?|workspaces?|tenants?|projects?)_?users$/iu;
export const USER_ID_COLUMN = /^user_?id$/iu;
