import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { hasUnresolvedSegments } from './project-files.js';
import { lowerCasedSet } from './settings.js';

/**
 * What the project's schema says about its tables, read from the schema sources found from the
 * linted file's project root (the nearest folder above it with a `package.json`): Prisma schemas
 * and SQL migrations (`CREATE TABLE`, `ALTER TABLE ... ADD COLUMN`). Each source is read and
 * parsed once per process and re-read only when its modification time (or its folder's, for new
 * migration files) changes. Anything unreadable is skipped: this never throws.
 */
export interface SchemaTable {
  /** The name as declared (`Invoice` for a Prisma model, `invoices` for SQL). */
  readonly name: string;
  /** Column (and Prisma field) names, as written. */
  readonly columns: ReadonlySet<string>;
  /** Columns that reference a tenant-like table or model (`tenant_id uuid REFERENCES orgs(id)`). */
  readonly tenantReferences: ReadonlySet<string>;
  /** Prisma relation fields whose type is a tenant-like model (`organization Organization @relation(...)`). */
  readonly tenantRelations: ReadonlySet<string>;
  /** Scalar keys of a required relation to the user model (`userId` of `user User @relation(fields: [userId], ...)`). */
  readonly ownerReferences: ReadonlySet<string>;
  /** The required relation fields to the user model (`user`). */
  readonly ownerRelations: ReadonlySet<string>;
  /** Prisma list relation fields and the model each holds (`users` → `UserTeam` on a `Team`). */
  readonly listRelations: ReadonlyMap<string, string>;
  /** Tenant references a row may leave empty (`teamId String?` of `team Team? @relation(...)`). */
  readonly optionalTenantReferences: ReadonlySet<string>;
  /** Where it was declared: `prisma/schema.prisma`, `migrations/0001_init.sql` (relative to the root). */
  readonly source: string;
}

export interface ProjectSchema {
  readonly root: string | null;
  /** By lower-cased table name, Prisma model name, and Prisma client accessor. */
  readonly tables: ReadonlyMap<string, SchemaTable>;
  /** The schema files that were read, relative to the root. */
  readonly files: readonly string[];
  /** Whether any table references a tenant model: without one, rows are owned per user. */
  readonly hasTenantKeys: boolean;
}

const EMPTY_SCHEMA: ProjectSchema = { root: null, tables: new Map(), files: [], hasTenantKeys: false };
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_SQL_FILES = 2000;
const MAX_DEPTH = 4;

/** Folders (relative to the project root) searched for `.sql` files. */
const SQL_FOLDERS = [
  'migrations',
  'db',
  'database',
  'sql',
  'drizzle',
  'supabase/migrations',
  'prisma/migrations',
  'src/db',
  'src/database',
  'src/migrations',
  'src/sql',
];
const PRISMA_FILES = ['schema.prisma', 'prisma/schema.prisma'];
const PRISMA_FOLDERS = ['prisma', 'prisma/schema'];
const ROOT_SQL_FILES = ['schema.sql'];

let tenantModels: ReadonlySet<string> = new Set();

interface CacheEntry {
  /** Every file and folder consulted, with its mtime (-1 when absent). */
  readonly stamps: ReadonlyMap<string, number>;
  readonly schema: ProjectSchema;
  /** When the stamps were last compared with the disk. */
  checkedAt: number;
}

/**
 * How long a freshness check holds: within one lint run thousands of files share one check, and an
 * editor that re-lints after a schema change sees it at most this late.
 */
let recheckIntervalMs = 1000;

/** For tests: compare the stamps on every call (0) or at the default interval. */
export function setSchemaRecheckInterval(milliseconds: number): void {
  recheckIntervalMs = milliseconds;
}

const rootCache = new Map<string, string | null>();
const schemaCache = new Map<string, CacheEntry>();
let parseCount = 0;

/** How many times schema sources were (re)parsed in this process: for tests of the cache. */
export function schemaParseCount(): number {
  return parseCount;
}

/** The nearest folder at or above `directory` that holds a `package.json`, or null. */
export function projectRoot(filename: string): string | null {
  // An absolute path without `.`/`..` segments is its own resolved form: `path.resolve` (which
  // re-normalises the whole path) only for the others.
  let directory = path.dirname(path.isAbsolute(filename) && !hasUnresolvedSegments(filename) ? filename : path.resolve(filename));
  const visited: string[] = [];
  let found: string | null = null;
  for (let depth = 0; depth < 40; depth++) {
    const cached = rootCache.get(directory);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(directory);
    if (mtimeOf(path.join(directory, 'package.json')) >= 0) {
      found = directory;
      break;
    }
    const parent = path.dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  for (const folder of visited) rootCache.set(folder, found);
  return found;
}

/**
 * The schema of the project the file belongs to. `extraFiles` are configured schema files
 * (relative to the root, or absolute): Prisma schemas (`.prisma`) or SQL files.
 */
export function projectSchema(filename: string, extraFiles: readonly string[], tenantModelNames: readonly string[]): ProjectSchema {
  const root = projectRoot(filename);
  if (root === null) return EMPTY_SCHEMA;
  tenantModels = lowerCasedSet(tenantModelNames);
  const key = `${root}\0${listKey(extraFiles)}\0${listKey(tenantModelNames)}`;
  const cached = schemaCache.get(key);
  if (cached) {
    const now = Date.now();
    if (now - cached.checkedAt < recheckIntervalMs) return cached.schema;
    if (stillFresh(cached.stamps)) {
      cached.checkedAt = now;
      return cached.schema;
    }
  }
  const entry = buildSchema(root, extraFiles);
  schemaCache.set(key, entry);
  return entry.schema;
}

const listKeys = new WeakMap<readonly string[], string>();

/** A list as part of the schema cache key, serialised once per array: the rule passes the same arrays for every file. */
function listKey(list: readonly string[]): string {
  let key = listKeys.get(list);
  if (key === undefined) {
    key = JSON.stringify(list);
    listKeys.set(list, key);
  }
  return key;
}

function stillFresh(stamps: ReadonlyMap<string, number>): boolean {
  for (const [file, mtime] of stamps) if (mtimeOf(file) !== mtime) return false;
  return true;
}

function mtimeOf(file: string): number {
  try {
    // Most stamps are of files that are not there (a folder without migrations, a parent without a
    // `package.json`): no exception for those.
    return statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  } catch {
    return -1;
  }
}

function buildSchema(root: string, extraFiles: readonly string[]): CacheEntry {
  parseCount++;
  const stamps = new Map<string, number>();
  const prismaFiles: string[] = [];
  const sqlFiles: string[] = [];
  const stamp = (file: string): number => {
    const mtime = mtimeOf(file);
    stamps.set(file, mtime);
    return mtime;
  };
  for (const relative of PRISMA_FILES) {
    const file = path.join(root, relative);
    if (stamp(file) >= 0) prismaFiles.push(file);
  }
  for (const relative of PRISMA_FOLDERS) {
    const folder = path.join(root, relative);
    if (stamp(folder) < 0) continue;
    for (const name of listFolder(folder)) {
      const file = path.join(folder, name);
      if (name.endsWith('.prisma') && !prismaFiles.includes(file) && stamp(file) >= 0) prismaFiles.push(file);
    }
  }
  for (const relative of ROOT_SQL_FILES) {
    const file = path.join(root, relative);
    if (stamp(file) >= 0) sqlFiles.push(file);
  }
  for (const relative of SQL_FOLDERS) collectSql(path.join(root, relative), 0, sqlFiles, stamp);
  for (const extra of extraFiles) {
    const file = path.isAbsolute(extra) ? extra : path.join(root, extra);
    if (stamp(file) < 0) continue;
    if (file.endsWith('.prisma')) {
      if (!prismaFiles.includes(file)) prismaFiles.push(file);
    } else if (!sqlFiles.includes(file)) {
      sqlFiles.push(file);
    }
  }
  const tables = new Map<string, MutableTable>();
  for (const file of sqlFiles.sort()) {
    const text = readText(file);
    if (text !== null) parseSqlSchema(text, path.relative(root, file), tables);
  }
  for (const file of prismaFiles) {
    const text = readText(file);
    if (text !== null) parsePrismaSchema(text, path.relative(root, file), tables);
  }
  const files = [...prismaFiles, ...sqlFiles].map((file) => path.relative(root, file));
  const hasTenantKeys = [...tables.values()].some((table) => table.tenantReferences.size > 0);
  return { stamps, schema: { root, tables, files, hasTenantKeys }, checkedAt: Date.now() };
}

function collectSql(folder: string, depth: number, files: string[], stamp: (file: string) => number): void {
  if (depth > MAX_DEPTH || files.length >= MAX_SQL_FILES) return;
  if (stamp(folder) < 0) return;
  for (const name of listFolder(folder)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const file = path.join(folder, name);
    if (name.endsWith('.sql')) {
      if (stamp(file) >= 0) files.push(file);
    } else if (!name.includes('.')) {
      collectSql(file, depth + 1, files, stamp);
    }
  }
}

function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
}

function readText(file: string): string | null {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return null;
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export interface MutableTable extends SchemaTable {
  readonly columns: Set<string>;
  readonly tenantReferences: Set<string>;
  readonly tenantRelations: Set<string>;
  readonly ownerReferences: Set<string>;
  readonly ownerRelations: Set<string>;
  readonly listRelations: Map<string, string>;
  readonly optionalTenantReferences: Set<string>;
}

function tableFor(tables: Map<string, MutableTable>, name: string, source: string, keys: readonly string[]): MutableTable {
  for (const key of keys) {
    const existing = tables.get(key.toLowerCase());
    if (existing) {
      for (const other of keys) tables.set(other.toLowerCase(), existing);
      return existing;
    }
  }
  const table: MutableTable = { name, columns: new Set(), tenantReferences: new Set(), tenantRelations: new Set(), ownerReferences: new Set(), ownerRelations: new Set(), listRelations: new Map(), optionalTenantReferences: new Set(), source };
  for (const key of keys) tables.set(key.toLowerCase(), table);
  return table;
}

/** Whether a referenced table or model name is the tenant itself (`tenants`, `public.organizations`, `Workspace`). */
function isTenantModel(name: string): boolean {
  return tenantModels.has(unquote(name).split('.').pop()?.toLowerCase() ?? '');
}

function unquote(name: string): string {
  return name.replace(/["`[\]]/gu, '');
}

// ---------------------------------------------------------------------------------------------
// Prisma

const PRISMA_MODEL = /^[ \t]*model[ \t]+(\w+)[ \t]*\{([\s\S]*?)^[ \t]*\}/gmu;
const PRISMA_FIELD = /^[ \t]*(\w+)[ \t]+(\w+)(\[\])?\??(.*)$/u;

export function parsePrismaSchema(text: string, source: string, tables: Map<string, MutableTable>): void {
  const clean = text.replace(/\/\/.*$/gmu, '');
  // An `Account` that stores OAuth tokens (NextAuth, Better Auth) is a login, not a tenant.
  const loginAccounts = new Set<string>();
  for (const match of clean.matchAll(PRISMA_MODEL)) {
    if (LOGIN_ACCOUNT_FIELDS.test(match[2] ?? '')) loginAccounts.add(match[1] ?? '');
  }
  for (const match of clean.matchAll(PRISMA_MODEL)) {
    const model = match[1] ?? '';
    const body = match[2] ?? '';
    const mapped = /@@map\(\s*(?:name:\s*)?"([^"]+)"\s*\)/u.exec(body)?.[1];
    const accessor = model.charAt(0).toLowerCase() + model.slice(1);
    const table = tableFor(tables, model, source, mapped ? [model, accessor, mapped] : [model, accessor]);
    for (const line of body.split('\n')) {
      const field = PRISMA_FIELD.exec(line);
      if (!field || line.trimStart().startsWith('@@')) continue;
      const [, name = '', type = '', list, rest = ''] = field;
      const column = /@map\(\s*(?:name:\s*)?"([^"]+)"\s*\)/u.exec(rest)?.[1];
      const relation = /@relation\(([^)]*)\)/u.exec(rest)?.[1];
      if (relation !== undefined || list !== undefined || /^[A-Z]/u.test(type) && !PRISMA_SCALARS.has(type)) {
        // A relation field: not a column. A tenant relation names its scalar key in `fields: [...]`.
        if (list !== undefined) table.listRelations.set(name, type);
        if (list === undefined && isTenantModel(type) && !loginAccounts.has(type)) {
          table.tenantRelations.add(name);
          const fields = /fields:\s*\[([^\]]*)\]/u.exec(relation ?? '')?.[1];
          const optional = new RegExp(`\\b${type}\\?`, 'u').test(line);
          for (const key of fields?.split(',') ?? []) {
            const trimmed = key.trim();
            if (trimmed) table.tenantReferences.add(trimmed);
            if (trimmed && optional) table.optionalTenantReferences.add(trimmed);
          }
        } else if (list === undefined && OWNER_MODEL.test(type) && !new RegExp(`\\b${type}\\?`, 'u').test(line)) {
          // A required relation to the user model: the row belongs to one user.
          const fields = /fields:\s*\[([^\]]*)\]/u.exec(relation ?? '')?.[1];
          const keys = (fields?.split(',') ?? []).map((key) => key.trim()).filter((key) => key !== '');
          if (keys.length === 1 && keys[0] !== undefined) {
            table.ownerRelations.add(name);
            table.ownerReferences.add(keys[0]);
          }
        }
        continue;
      }
      table.columns.add(name);
      if (column) table.columns.add(column);
    }
    // Scalar keys named by a tenant relation also count under their mapped column names.
    for (const line of body.split('\n')) {
      const field = PRISMA_FIELD.exec(line);
      const column = field ? /@map\(\s*(?:name:\s*)?"([^"]+)"\s*\)/u.exec(field[4] ?? '')?.[1] : undefined;
      if (field?.[1] && column && table.tenantReferences.has(field[1])) table.tenantReferences.add(column);
    }
  }
}

/** Fields of an OAuth/login account model: `providerAccountId`, `refresh_token`, `accessToken`. */
const LOGIN_ACCOUNT_FIELDS = /^\s*(?:providerAccountId|provider_account_id|refresh_token|access_token|refreshToken|accessToken)\b/mu;

/** The user model a per-user row belongs to. */
const OWNER_MODEL = /^(?:User|Users|AppUser|Profile)$/u;

const PRISMA_SCALARS = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes', 'Unsupported']);

// ---------------------------------------------------------------------------------------------
// SQL DDL: a tolerant scanner, not the query parser (migrations mix functions, policies, triggers
// and dialect-specific DDL that query parsers reject; only table and column names are needed).

const IDENTIFIER = String.raw`(?:"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\]|[\w$]+)`;
const QUALIFIED = String.raw`${IDENTIFIER}(?:\s*\.\s*${IDENTIFIER})?`;
const CREATE_TABLE = new RegExp(String.raw`\bcreate\s+(?:(?:global\s+|local\s+)?(?:temporary|temp)\s+|unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?(${QUALIFIED})\s*\(`, 'giu');
const ALTER_ADD = new RegExp(String.raw`\balter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?(${QUALIFIED})\s+([\s\S]*?);`, 'giu');
const ADD_COLUMN = new RegExp(String.raw`\badd\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?(${IDENTIFIER})([^,]*)`, 'giu');
const REFERENCES = new RegExp(String.raw`\breferences\s+(${QUALIFIED})`, 'iu');
const CONSTRAINT_START = /^(?:constraint|primary|foreign|unique|check|key|index|exclude|fulltext|spatial|like)\b/iu;

export function parseSqlSchema(text: string, source: string, tables: Map<string, MutableTable>): void {
  const clean = text.replace(/--[^\n]*/gu, '').replace(/\/\*[\s\S]*?\*\//gu, '');
  for (const match of clean.matchAll(CREATE_TABLE)) {
    const name = tableName(match[1] ?? '');
    const start = (match.index) + match[0].length;
    const body = balanced(clean, start);
    if (body === null || !name) continue;
    const table = tableFor(tables, name, source, [name]);
    for (const item of splitTopLevel(body)) {
      const trimmed = item.trim();
      if (!trimmed) continue;
      if (CONSTRAINT_START.test(trimmed)) {
        const foreign = /foreign\s+key\s*\(([^)]*)\)\s*references\s+([^\s(]+)/iu.exec(trimmed);
        if (foreign && isTenantModel(foreign[2] ?? '')) {
          for (const column of (foreign[1] ?? '').split(',')) table.tenantReferences.add(unquote(column.trim()));
        }
        continue;
      }
      const column = new RegExp(`^(${IDENTIFIER})`, 'u').exec(trimmed)?.[1];
      if (!column) continue;
      const columnName = unquote(column);
      table.columns.add(columnName);
      const reference = REFERENCES.exec(trimmed)?.[1];
      if (reference && isTenantModel(reference)) table.tenantReferences.add(columnName);
    }
  }
  for (const match of clean.matchAll(ALTER_ADD)) {
    const name = tableName(match[1] ?? '');
    if (!name) continue;
    for (const add of (match[2] ?? '').matchAll(ADD_COLUMN)) {
      const column = unquote(add[1] ?? '');
      if (/^(?:constraint|primary|foreign|unique|check|index|key)$/iu.test(column)) continue;
      const table = tableFor(tables, name, source, [name]);
      table.columns.add(column);
      const reference = REFERENCES.exec(add[2] ?? '')?.[1];
      if (reference && isTenantModel(reference)) table.tenantReferences.add(column);
    }
  }
}

function tableName(qualified: string): string {
  return unquote(qualified).split('.').pop()?.trim() ?? '';
}

function balanced(text: string, start: number): string | null {
  let depth = 1;
  let quote: string | null = null;
  for (let index = start; index < text.length; index++) {
    const char = text.charAt(index);
    if (quote !== null) {
      if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '(') depth++;
    else if (char === ')') {
      depth--;
      if (depth === 0) return text.slice(start, index);
    }
  }
  return null;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const char of body) {
    if (quote !== null) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"' || char === '`') {
      quote = char;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth--;
    } else if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts;
}
