// Deterministic generator of a synthetic SaaS code base for scripts/bench.js.
//
// The corpus is a set of "apps" (Express, Fastify, Hono, Next.js, NestJS, Koa back ends, each with
// a React front end): route handlers, services, repositories, types, hooks, components and the
// usual lib/ and middleware/ files. A seeded PRNG decides names, sizes (50-400 lines) and which
// files configure CORS (roughly one in twelve, in all the shapes the CORS rule looks at, safe and
// unsafe). Same seed, same bytes: results are comparable between runs and machines.
//
// The files must parse (the bench counts parse errors and reports them) but need not type-check:
// imports of packages that are not installed (zod, stripe, @tanstack/react-query) are realistic
// and harmless, they resolve to `any` in the typed pass.
import fs from 'node:fs';
import path from 'node:path';

/** mulberry32: tiny, fast, good enough for picking templates. */
export function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
  };
}

const ENTITIES = [
  'user', 'invoice', 'project', 'team', 'subscription', 'order', 'product', 'workspace', 'comment',
  'notification', 'report', 'payment', 'customer', 'account', 'session', 'webhook', 'apiKey',
  'document', 'task', 'message', 'integration', 'plan', 'coupon', 'auditLog', 'member', 'role',
  'attachment', 'event', 'ticket', 'dashboard',
];
const STATUSES = ['active', 'pending', 'archived', 'suspended', 'draft', 'failed', 'completed'];
const FIELDS = [
  ['title', 'string'], ['description', 'string | null'], ['amountCents', 'number'],
  ['currency', "'usd' | 'eur' | 'gbp'"], ['ownerId', 'string'], ['tags', 'string[]'],
  ['dueAt', 'Date | null'], ['priority', 'number'], ['email', 'string'], ['slug', 'string'],
  ['metadata', 'Record<string, unknown>'], ['seats', 'number'], ['externalId', 'string | null'],
  ['isPublic', 'boolean'], ['score', 'number'], ['region', "'us' | 'eu' | 'apac'"],
];
const ORIGINS = ['https://app.acme.io', 'https://dashboard.acme.io', 'https://admin.acme.io', 'http://localhost:3000'];

const pascal = (s) => s[0].toUpperCase() + s.slice(1);
const kebab = (s) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const plural = (s) => (s.endsWith('s') ? `${s}es` : `${s}s`);
const snake = (s) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const lines = (text) => text.split('\n').length;

/** The CORS snippets, per framework. `unsafe` ones are what the rule exists to catch. */
function corsSnippet(rnd, framework, where) {
  const origin = rnd.pick(ORIGINS);
  const choices = {
    express: [
      'app.use(cors());',
      "app.use(cors({ origin: '*' }));",
      'app.use(cors({ origin: true, credentials: true }));',
      'app.use(cors({ origin: allowedOrigins, credentials: true }));',
      "app.use(cors({ origin: (origin, callback) => callback(null, allowedOrigins.includes(origin ?? '')) }));",
      `app.use((req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.setHeader('Access-Control-Allow-Methods', 'GET,POST,PATCH,DELETE');\n  next();\n});`,
      `app.use((req, res, next) => {\n  res.header('Access-Control-Allow-Origin', req.headers.origin ?? '');\n  res.header('Access-Control-Allow-Credentials', 'true');\n  next();\n});`,
      `app.use((_req, res, next) => {\n  res.set({ 'Access-Control-Allow-Origin': process.env.APP_ORIGIN ?? '${origin}' });\n  next();\n});`,
    ],
    fastify: [
      "await app.register(cors, { origin: '*' });",
      'await app.register(cors, { origin: true, credentials: true });',
      'await app.register(cors, { origin: allowedOrigins });',
      `app.addHook('onSend', async (_request, reply) => {\n  reply.header('Access-Control-Allow-Origin', '*');\n});`,
    ],
    hono: [
      "app.use('/api/*', cors());",
      `app.use('*', cors({ origin: '${origin}', credentials: true }));`,
      "app.use('/public/*', cors({ origin: '*', allowMethods: ['GET'] }));",
      `app.use('*', async (c, next) => {\n  await next();\n  c.header('Access-Control-Allow-Origin', '*');\n});`,
    ],
    koa: [
      'app.use(cors());',
      "app.use(cors({ origin: '*' }));",
      `app.use(cors({ origin: (ctx) => (allowedOrigins.includes(ctx.get('Origin')) ? ctx.get('Origin') : '') }));`,
      `app.use(async (ctx, next) => {\n  ctx.set('Access-Control-Allow-Origin', '*');\n  await next();\n});`,
    ],
    nest: [
      'app.enableCors();',
      "app.enableCors({ origin: '*' });",
      'app.enableCors({ origin: allowedOrigins, credentials: true });',
    ],
  };
  if (framework === 'next') {
    return where === 'headers'
      ? rnd.pick([
          "const corsHeaders = {\n  'Access-Control-Allow-Origin': '*',\n  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',\n  'Access-Control-Allow-Headers': 'Content-Type, Authorization',\n};",
          `const corsHeaders = {\n  'Access-Control-Allow-Origin': process.env.NEXT_PUBLIC_APP_URL ?? '${origin}',\n  Vary: 'Origin',\n};`,
          "const corsHeaders = new Headers({ 'Access-Control-Allow-Origin': '*' });",
        ])
      : '';
  }
  return rnd.pick(choices[framework]);
}

// ---------------------------------------------------------------------------------------------
// Padding blocks: ordinary helper code added until a file reaches its target size. Each returns
// a self-contained declaration with a unique name.

function helperBlock(rnd, e, n) {
  const E = pascal(e);
  const blocks = [
    () => `export function format${E}Label${n}(input: { name?: string | null; id: string }, locale = 'en-US'): string {
  const base = input.name?.trim() || input.id.slice(0, 8);
  const formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return \`\${base} (\${formatter.format(new Date())})\`;
}`,
    () => `export function group${E}sBy${n}<T extends Record<string, unknown>, K extends keyof T>(items: readonly T[], key: K): Map<T[K], T[]> {
  const groups = new Map<T[K], T[]>();
  for (const item of items) {
    const bucket = groups.get(item[key]);
    if (bucket) {
      bucket.push(item);
    } else {
      groups.set(item[key], [item]);
    }
  }
  return groups;
}`,
    () => `const ${e}StatusWeights${n}: Record<string, number> = {
${STATUSES.map((s, i) => `  ${s}: ${i + 1},`).join('\n')}
};

export function sort${E}sByStatus${n}<T extends { status: string; updatedAt?: Date }>(items: T[]): T[] {
  return [...items].sort((a, b) => {
    const byStatus = (${e}StatusWeights${n}[a.status] ?? 99) - (${e}StatusWeights${n}[b.status] ?? 99);
    if (byStatus !== 0) return byStatus;
    return (b.updatedAt?.getTime() ?? 0) - (a.updatedAt?.getTime() ?? 0);
  });
}`,
    () => `export function parse${E}Query${n}(query: Record<string, string | string[] | undefined>) {
  const page = Math.max(1, Number.parseInt(String(query.page ?? '1'), 10) || 1);
  const pageSize = Math.min(100, Math.max(1, Number.parseInt(String(query.pageSize ?? '25'), 10) || 25));
  const search = typeof query.q === 'string' ? query.q.trim().toLowerCase() : undefined;
  const sort = query.sort === 'asc' ? 'asc' : 'desc';
  const statuses = Array.isArray(query.status) ? query.status : query.status ? [query.status] : [];
  return { page, pageSize, search, sort, statuses, offset: (page - 1) * pageSize } as const;
}`,
    () => `export class ${E}Cache${n}<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(private readonly ttlMs = ${rnd.int(1, 30) * 1000}) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}`,
    () => `export function diff${E}s${n}<T extends { id: string }>(before: T[], after: T[]) {
  const beforeIds = new Set(before.map((item) => item.id));
  const afterIds = new Set(after.map((item) => item.id));
  const added = after.filter((item) => !beforeIds.has(item.id));
  const removed = before.filter((item) => !afterIds.has(item.id));
  const kept = after.filter((item) => beforeIds.has(item.id));
  return { added, removed, kept, changed: added.length + removed.length > 0 };
}`,
    () => `export function ${e}ToCsv${n}(rows: Array<Record<string, unknown>>): string {
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0] ?? {});
  const escape = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\\n]/.test(text) ? \`"\${text.replace(/"/g, '""')}"\` : text;
  };
  return [headers.join(','), ...rows.map((row) => headers.map((h) => escape(row[h])).join(','))].join('\\n');
}`,
    () => `export function describe${E}Change${n}(kind: 'created' | 'updated' | 'deleted' | 'restored', actor: string): string {
  switch (kind) {
    case 'created':
      return \`\${actor} created a ${e}\`;
    case 'updated':
      return \`\${actor} updated a ${e}\`;
    case 'deleted':
      return \`\${actor} deleted a ${e}\`;
    case 'restored':
      return \`\${actor} restored a ${e}\`;
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}`,
    () => `export async function mapInBatches${n}<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    const batch = items.slice(i, i + size);
    const settled = await Promise.allSettled(batch.map(fn));
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') results.push(outcome.value);
    }
  }
  return results;
}`,
    () => `export const ${e}Defaults${n} = Object.freeze({
  pageSize: ${rnd.pick([10, 20, 25, 50])},
  maxExport: ${rnd.pick([1000, 5000, 10000])},
  retention: { days: ${rnd.int(7, 365)}, softDelete: ${rnd.chance(0.5)} },
  features: ['search', 'export', '${rnd.pick(['bulk-edit', 'audit', 'sharing', 'comments'])}'] as const,
});

export type ${E}Defaults${n} = typeof ${e}Defaults${n};`,
    () => `export function isValid${E}Slug${n}(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (value.length < 3 || value.length > 64) return false;
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}

export function to${E}Slug${n}(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\\u0300-\\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}`,
  ];
  return rnd.pick(blocks)();
}

function componentBlock(rnd, e, n) {
  const E = pascal(e);
  const blocks = [
    () => `function ${E}Badge${n}({ status }: { status: string }) {
  const tone = status === 'active' ? 'green' : status === 'failed' ? 'red' : 'gray';
  return (
    <span className={'badge badge-' + tone} data-status={status}>
      {status}
    </span>
  );
}`,
    () => `function ${E}EmptyState${n}({ onCreate }: { onCreate?: () => void }) {
  return (
    <div className="empty-state">
      <h3>No ${plural(e)} yet</h3>
      <p>Create your first ${e} to get started.</p>
      {onCreate ? (
        <button type="button" onClick={onCreate}>
          New ${e}
        </button>
      ) : null}
    </div>
  );
}`,
    () => `function ${E}Pagination${n}({ page, total, pageSize, onChange }: { page: number; total: number; pageSize: number; onChange: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label="pagination" className="pagination">
      <button type="button" disabled={page <= 1} onClick={() => onChange(page - 1)}>
        Previous
      </button>
      <span>
        Page {page} of {pages}
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onChange(page + 1)}>
        Next
      </button>
    </nav>
  );
}`,
    () => `function use${E}Debounced${n}<T>(value: T, delayMs = ${rnd.pick([150, 250, 300, 500])}): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}`,
    () => helperBlock(rnd, e, n),
  ];
  return rnd.pick(blocks)();
}

/** Appends padding blocks until the file reaches its target line count (or stops near 400). */
function pad(rnd, text, target, block) {
  let out = text;
  let n = 1;
  while (lines(out) < target) {
    const next = block(n);
    if (lines(out) + lines(next) > 400 && lines(out) >= 50) break;
    out += `\n\n${next}`;
    n += 1;
  }
  return `${out}\n`;
}

/** Target sizes skew small, like real code bases: median ~130 lines, a tail up to 400. */
function targetLines(rnd) {
  return 50 + Math.floor(330 * rnd.next() ** 2);
}

// ---------------------------------------------------------------------------------------------
// File templates

function typesFile(rnd, e) {
  const E = pascal(e);
  const fields = rnd.shuffle(FIELDS).slice(0, rnd.int(3, 8));
  return `export type ${E}Status = ${rnd.shuffle(STATUSES).slice(0, 4).map((s) => `'${s}'`).join(' | ')};

export interface ${E} {
  id: string;
  orgId: string;
  status: ${E}Status;
${fields.map(([name, type]) => `  ${name}: ${type};`).join('\n')}
  createdAt: Date;
  updatedAt: Date;
}

export type Create${E}Input = Omit<${E}, 'id' | 'createdAt' | 'updatedAt' | 'status'> & { status?: ${E}Status };
export type Update${E}Input = Partial<Create${E}Input>;

export interface ${E}ListResult {
  items: ${E}[];
  total: number;
  nextCursor: string | null;
}

export function is${E}(value: unknown): value is ${E} {
  return typeof value === 'object' && value !== null && 'id' in value && 'orgId' in value;
}

export function parseCreate${E}Input(body: unknown): Create${E}Input {
  if (typeof body !== 'object' || body === null) {
    throw new TypeError('Expected an object');
  }
  const input = body as Record<string, unknown>;
  if (typeof input.orgId !== 'string') throw new TypeError('orgId is required');
  return input as unknown as Create${E}Input;
}`;
}

function repositoryFile(rnd, e) {
  const E = pascal(e);
  const table = snake(plural(e));
  const style = rnd.pick(['sql', 'supabase', 'orm']);
  const imports = `import type { ${E}, Create${E}Input, Update${E}Input } from '../types/${kebab(e)}';`;
  if (style === 'sql') {
    return `import { db } from '../lib/db';
${imports}

export class ${E}Repository {
  async findMany(orgId: string, limit = 50, offset = 0): Promise<${E}[]> {
    const { rows } = await db.query<${E}>(
      'SELECT * FROM ${table} WHERE org_id = $1 ORDER BY created_at DESC LIMIT $2 OFFSET $3',
      [orgId, limit, offset],
    );
    return rows;
  }

  async findById(orgId: string, id: string): Promise<${E} | null> {
    const { rows } = await db.query<${E}>('SELECT * FROM ${table} WHERE org_id = $1 AND id = $2', [orgId, id]);
    return rows[0] ?? null;
  }

  async insert(input: Create${E}Input): Promise<${E}> {
    const { rows } = await db.query<${E}>(
      'INSERT INTO ${table} (org_id, data) VALUES ($1, $2) RETURNING *',
      [input.orgId, JSON.stringify(input)],
    );
    return rows[0] as ${E};
  }

  async update(orgId: string, id: string, patch: Update${E}Input): Promise<${E} | null> {
    const { rows } = await db.query<${E}>(
      'UPDATE ${table} SET data = data || $3, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING *',
      [orgId, id, JSON.stringify(patch)],
    );
    return rows[0] ?? null;
  }

  async remove(orgId: string, id: string): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM ${table} WHERE org_id = $1 AND id = $2', [orgId, id]);
    return (rowCount ?? 0) > 0;
  }
}`;
  }
  if (style === 'supabase') {
    return `import { supabase } from '../lib/supabase';
${imports}

export async function list${E}s(orgId: string, page = 1, pageSize = 25): Promise<${E}[]> {
  const from = (page - 1) * pageSize;
  const { data, error } = await supabase
    .from('${table}')
    .select('*')
    .eq('org_id', orgId)
    .order('created_at', { ascending: false })
    .range(from, from + pageSize - 1);
  if (error) throw error;
  return (data ?? []) as ${E}[];
}

export async function get${E}(orgId: string, id: string): Promise<${E} | null> {
  const { data, error } = await supabase.from('${table}').select('*').eq('org_id', orgId).eq('id', id).maybeSingle();
  if (error) throw error;
  return data as ${E} | null;
}

export async function create${E}(input: Create${E}Input): Promise<${E}> {
  const { data, error } = await supabase.from('${table}').insert(input).select().single();
  if (error) throw error;
  return data as ${E};
}

export async function update${E}(orgId: string, id: string, patch: Update${E}Input): Promise<${E}> {
  const { data, error } = await supabase.from('${table}').update(patch).eq('org_id', orgId).eq('id', id).select().single();
  if (error) throw error;
  return data as ${E};
}

export async function delete${E}(id: string): Promise<void> {
  const { error } = await supabase.from('${table}').delete().eq('id', id);
  if (error) throw error;
}`;
  }
  return `import { prisma } from '../lib/prisma';
${imports}

export const ${e}Repository = {
  findMany(orgId: string, take = 50, cursor?: string): Promise<${E}[]> {
    return prisma.${e}.findMany({
      where: { orgId },
      take,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      orderBy: { createdAt: 'desc' },
    });
  },

  findById(orgId: string, id: string): Promise<${E} | null> {
    return prisma.${e}.findFirst({ where: { id, orgId } });
  },

  create(data: Create${E}Input): Promise<${E}> {
    return prisma.${e}.create({ data });
  },

  update(orgId: string, id: string, data: Update${E}Input) {
    return prisma.${e}.updateMany({ where: { id, orgId }, data });
  },

  delete(id: string) {
    return prisma.${e}.delete({ where: { id } });
  },
};`;
}

function serviceFile(rnd, e) {
  const E = pascal(e);
  const retry = rnd.chance(0.3)
    ? `

  private async withRetry<T>(fn: () => Promise<T>): Promise<T> {
    let attempt = 0;
    for (;;) {
      try {
        return await fn();
      } catch (error) {
        attempt += 1;
        if (attempt >= ${rnd.int(3, 6)}) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100));
      }
    }
  }`
    : '';
  return `import { logger } from '../lib/logger';
import { events } from '../lib/events';
import type { ${E}, Create${E}Input, Update${E}Input, ${E}ListResult } from '../types/${kebab(e)}';

export interface ${E}Store {
  findMany(orgId: string, limit?: number, offset?: number): Promise<${E}[]>;
  findById(orgId: string, id: string): Promise<${E} | null>;
}

export class ${E}NotFoundError extends Error {
  constructor(readonly ${e}Id: string) {
    super(\`${E} \${${e}Id} not found\`);
    this.name = '${E}NotFoundError';
  }
}

export class ${E}Service {
  constructor(
    private readonly store: ${E}Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(orgId: string, page = 1, pageSize = 25): Promise<${E}ListResult> {
    const items = await this.store.findMany(orgId, pageSize + 1, (page - 1) * pageSize);
    const hasMore = items.length > pageSize;
    return { items: items.slice(0, pageSize), total: items.length, nextCursor: hasMore ? String(page + 1) : null };
  }

  async get(orgId: string, id: string): Promise<${E}> {
    const found = await this.store.findById(orgId, id);
    if (!found) throw new ${E}NotFoundError(id);
    return found;
  }

  async create(orgId: string, input: Create${E}Input): Promise<${E}> {
    const now = this.clock();
    const ${e} = { ...input, orgId, id: crypto.randomUUID(), status: input.status ?? 'active', createdAt: now, updatedAt: now } as ${E};
    logger.info({ orgId, id: ${e}.id }, '${e} created');
    events.emit('${e}.created', ${e});
    return ${e};
  }

  async update(orgId: string, id: string, patch: Update${E}Input): Promise<${E}> {
    const current = await this.get(orgId, id);
    const next = { ...current, ...patch, updatedAt: this.clock() } as ${E};
    events.emit('${e}.updated', { before: current, after: next });
    return next;
  }${retry}
}`;
}

function routesFile(rnd, e, framework, withCors) {
  const E = pascal(e);
  const p = plural(e);
  const cors = withCors ? corsSnippet(rnd, framework) : '';
  const allowlist = withCors ? `\nconst allowedOrigins = (process.env.CORS_ORIGINS ?? '${rnd.pick(ORIGINS)}').split(',');\n` : '';
  if (framework === 'express') {
    return `import express, { type Request, type Response, type NextFunction, Router } from 'express';
${withCors ? "import cors from 'cors';\n" : ''}import { ${E}Service, ${E}NotFoundError } from '../services/${kebab(e)}.service';
import { parseCreate${E}Input } from '../types/${kebab(e)}';
import { requireAuth } from '../middleware/auth';
${allowlist}
export function create${E}Router(service: ${E}Service): Router {
  const router = Router();
  ${withCors ? `const app = router;\n  ${cors.replace(/\n/g, '\n  ')}\n` : ''}
  router.use(express.json({ limit: '${rnd.pick(['100kb', '1mb', '5mb'])}' }));
  router.use(requireAuth);

  router.get('/${p}', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const page = Number(req.query.page ?? 1);
      const result = await service.list(req.auth.orgId, page);
      res.json(result);
    } catch (error) {
      next(error);
    }
  });

  router.get('/${p}/:id', async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.json(await service.get(req.auth.orgId, req.params.id));
    } catch (error) {
      if (error instanceof ${E}NotFoundError) {
        res.status(404).json({ error: error.message });
        return;
      }
      next(error);
    }
  });

  router.post('/${p}', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const input = parseCreate${E}Input(req.body);
      const created = await service.create(req.auth.orgId, input);
      res.status(201).location(\`/${p}/\${created.id}\`).json(created);
    } catch (error) {
      next(error);
    }
  });

  router.patch('/${p}/:id', async (req, res, next) => {
    try {
      res.json(await service.update(req.auth.orgId, req.params.id, req.body));
    } catch (error) {
      next(error);
    }
  });

  return router;
}`;
  }
  if (framework === 'fastify') {
    return `import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
${withCors ? "import cors from '@fastify/cors';\n" : ''}import { ${E}Service } from '../services/${kebab(e)}.service';
import type { Create${E}Input, Update${E}Input } from '../types/${kebab(e)}';
${allowlist}
const ${e}Schema = {
  type: 'object',
  required: ['orgId'],
  properties: {
    orgId: { type: 'string' },
    status: { type: 'string', enum: ${JSON.stringify(STATUSES.slice(0, 4)).replace(/"/g, "'")} },
  },
} as const;

export const ${e}Routes: FastifyPluginAsync<{ service: ${E}Service }> = async (app: FastifyInstance, opts) => {
  ${cors.replace(/\n/g, '\n  ')}
  app.get<{ Querystring: { page?: number } }>('/${p}', async (request) => {
    return opts.service.list(request.user.orgId, request.query.page ?? 1);
  });

  app.get<{ Params: { id: string } }>('/${p}/:id', async (request, reply) => {
    const ${e} = await opts.service.get(request.user.orgId, request.params.id).catch(() => null);
    if (!${e}) return reply.code(404).send({ error: 'not found' });
    return ${e};
  });

  app.post<{ Body: Create${E}Input }>('/${p}', { schema: { body: ${e}Schema } }, async (request, reply) => {
    const created = await opts.service.create(request.user.orgId, request.body);
    return reply.code(201).send(created);
  });

  app.patch<{ Params: { id: string }; Body: Update${E}Input }>('/${p}/:id', async (request) => {
    return opts.service.update(request.user.orgId, request.params.id, request.body);
  });
};`;
  }
  if (framework === 'hono') {
    return `import { Hono } from 'hono';
${withCors ? "import { cors } from 'hono/cors';\n" : ''}import { HTTPException } from 'hono/http-exception';
import { ${E}Service } from '../services/${kebab(e)}.service';
import { parseCreate${E}Input } from '../types/${kebab(e)}';

type Env = { Variables: { orgId: string; service: ${E}Service } };

export const ${e}App = new Hono<Env>();
const app = ${e}App;
${cors}

app.get('/${p}', async (c) => {
  const page = Number(c.req.query('page') ?? '1');
  return c.json(await c.get('service').list(c.get('orgId'), page));
});

app.get('/${p}/:id', async (c) => {
  const ${e} = await c.get('service').get(c.get('orgId'), c.req.param('id')).catch(() => null);
  if (!${e}) throw new HTTPException(404, { message: '${e} not found' });
  return c.json(${e});
});

app.post('/${p}', async (c) => {
  const input = parseCreate${E}Input(await c.req.json());
  const created = await c.get('service').create(c.get('orgId'), input);
  return c.json(created, 201);
});

app.delete('/${p}/:id', async (c) => {
  await c.get('service').update(c.get('orgId'), c.req.param('id'), { status: 'archived' } as never);
  return c.body(null, 204);
});`;
  }
  if (framework === 'koa') {
    return `import Router from '@koa/router';
import type { Context } from 'koa';
${withCors ? "import cors from '@koa/cors';\n" : ''}import { ${E}Service } from '../services/${kebab(e)}.service';
import { parseCreate${E}Input } from '../types/${kebab(e)}';
${allowlist}
export function ${e}Router(service: ${E}Service) {
  const router = new Router({ prefix: '/${p}' });
  ${withCors ? `const app = router;\n  ${cors.replace(/\n/g, '\n  ')}\n` : ''}
  router.get('/', async (ctx: Context) => {
    ctx.body = await service.list(ctx.state.orgId, Number(ctx.query.page ?? 1));
  });

  router.get('/:id', async (ctx) => {
    ctx.body = await service.get(ctx.state.orgId, ctx.params.id);
  });

  router.post('/', async (ctx) => {
    const input = parseCreate${E}Input(ctx.request.body);
    ctx.status = 201;
    ctx.body = await service.create(ctx.state.orgId, input);
  });

  return router;
}`;
  }
  // nest
  return `import { Body, Controller, Get, NotFoundException, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ${E}Service } from '../services/${kebab(e)}.service';
import type { Create${E}Input, Update${E}Input } from '../types/${kebab(e)}';
import { AuthGuard, CurrentOrg } from '../middleware/auth';

@Controller('${p}')
@UseGuards(AuthGuard)
export class ${E}Controller {
  constructor(private readonly service: ${E}Service) {}

  @Get()
  list(@CurrentOrg() orgId: string, @Query('page') page = '1') {
    return this.service.list(orgId, Number(page));
  }

  @Get(':id')
  async get(@CurrentOrg() orgId: string, @Param('id') id: string) {
    const ${e} = await this.service.get(orgId, id).catch(() => null);
    if (!${e}) throw new NotFoundException();
    return ${e};
  }

  @Post()
  create(@CurrentOrg() orgId: string, @Body() input: Create${E}Input) {
    return this.service.create(orgId, input);
  }

  @Patch(':id')
  update(@CurrentOrg() orgId: string, @Param('id') id: string, @Body() patch: Update${E}Input) {
    return this.service.update(orgId, id, patch);
  }
}`;
}

/** Next.js App Router handlers: `Response`/`NextResponse`, sometimes with CORS headers. */
function nextRouteFile(rnd, e, withCors, dynamic) {
  const E = pascal(e);
  const headersDecl = withCors ? `${corsSnippet(rnd, 'next', 'headers')}\n` : '';
  const init = withCors ? ', headers: corsHeaders' : '';
  const responseStyle = rnd.pick(['next', 'web']);
  const json = (expr, status) =>
    responseStyle === 'next'
      ? `NextResponse.json(${expr}${status || withCors ? `, { ${status ? `status: ${status}` : ''}${status && withCors ? ', ' : ''}${withCors ? 'headers: corsHeaders' : ''} }` : ''})`
      : `new Response(JSON.stringify(${expr}), { status: ${status ?? 200}, headers: ${withCors ? "{ ...Object.fromEntries(new Headers(corsHeaders)), 'Content-Type': 'application/json' }" : "{ 'Content-Type': 'application/json' }"} })`;
  const options = withCors ? `\nexport async function OPTIONS() {\n  return new Response(null, { status: 204${init} });\n}\n` : '';
  const params = dynamic ? ', { params }: { params: Promise<{ id: string }> }' : '';
  return `import { NextResponse, type NextRequest } from 'next/server';
import { auth } from '@/lib/auth';
import { ${e}Service } from '@/lib/services';
import { parseCreate${E}Input } from '@/types/${kebab(e)}';

export const dynamic = 'force-dynamic';
${headersDecl}${options}
export async function GET(request: NextRequest${params}) {
  const session = await auth();
  if (!session) return ${json("{ error: 'unauthorized' }", 401)};
${dynamic ? `  const { id } = await params;\n  const ${e} = await ${e}Service.get(session.orgId, id).catch(() => null);\n  if (!${e}) return ${json("{ error: 'not found' }", 404)};\n  return ${json(e)};` : `  const page = Number(request.nextUrl.searchParams.get('page') ?? '1');\n  const result = await ${e}Service.list(session.orgId, page);\n  return ${json('result')};`}
}

export async function ${dynamic ? 'PATCH' : 'POST'}(request: NextRequest${params}) {
  const session = await auth();
  if (!session) return ${json("{ error: 'unauthorized' }", 401)};
  const body: unknown = await request.json().catch(() => null);
${dynamic ? `  const { id } = await params;\n  const updated = await ${e}Service.update(session.orgId, id, body as never);\n  return ${json('updated')};` : `  const input = parseCreate${E}Input(body);\n  const created = await ${e}Service.create(session.orgId, input);\n  return ${json('created', 201)};`}
}`;
}

function nextPagesApiFile(rnd, e, withCors) {
  const E = pascal(e);
  const corsLine = withCors
    ? rnd.pick([
        "  res.setHeader('Access-Control-Allow-Origin', '*');\n",
        "  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n",
        `  res.setHeader('Access-Control-Allow-Origin', process.env.NEXT_PUBLIC_SITE_URL ?? '${rnd.pick(ORIGINS)}');\n`,
      ])
    : '';
  return `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from '@/lib/auth';
import { ${e}Service } from '@/lib/services';
import type { ${E} } from '@/types/${kebab(e)}';

type Data = { items: ${E}[] } | ${E} | { error: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse<Data>) {
${corsLine}  const session = await getServerSession(req, res);
  if (!session) {
    res.status(401).json({ error: 'unauthorized' });
    return;
  }
  switch (req.method) {
    case 'GET': {
      const result = await ${e}Service.list(session.orgId, Number(req.query.page ?? 1));
      res.status(200).json({ items: result.items });
      return;
    }
    case 'POST': {
      const created = await ${e}Service.create(session.orgId, req.body);
      res.status(201).json(created);
      return;
    }
    default:
      res.setHeader('Allow', 'GET, POST');
      res.status(405).json({ error: \`Method \${req.method ?? ''} not allowed\` });
  }
}`;
}

function hookFile(rnd, e) {
  const E = pascal(e);
  const p = plural(e);
  if (rnd.chance(0.5)) {
    return `import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ${E}, Create${E}Input, ${E}ListResult } from '../../src/types/${kebab(e)}';
import { apiFetch } from '../lib/api';

export const ${e}Keys = {
  all: ['${p}'] as const,
  list: (page: number) => [...${e}Keys.all, 'list', page] as const,
  detail: (id: string) => [...${e}Keys.all, 'detail', id] as const,
};

export function use${E}s(page = 1) {
  return useQuery({
    queryKey: ${e}Keys.list(page),
    queryFn: () => apiFetch<${E}ListResult>(\`/api/${p}?page=\${page}\`),
    staleTime: ${rnd.pick([0, 5000, 30000, 60000])},
  });
}

export function use${E}(id: string | undefined) {
  return useQuery({
    queryKey: ${e}Keys.detail(id ?? ''),
    queryFn: () => apiFetch<${E}>(\`/api/${p}/\${id}\`),
    enabled: Boolean(id),
  });
}

export function useCreate${E}() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Create${E}Input) => apiFetch<${E}>('/api/${p}', { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ${e}Keys.all }),
  });
}`;
  }
  return `import { useCallback, useEffect, useRef, useState } from 'react';
import type { ${E} } from '../../src/types/${kebab(e)}';

interface State {
  data: ${E}[];
  loading: boolean;
  error: Error | null;
}

export function use${E}List(orgId: string, refreshMs = ${rnd.pick([0, 10000, 30000])}) {
  const [state, setState] = useState<State>({ data: [], loading: true, error: null });
  const abortRef = useRef<AbortController | null>(null);

  const load = useCallback(async () => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setState((prev) => ({ ...prev, loading: true }));
    try {
      const response = await fetch(\`/api/orgs/\${orgId}/${p}\`, { signal: controller.signal });
      if (!response.ok) throw new Error(\`HTTP \${response.status}\`);
      const data = (await response.json()) as ${E}[];
      setState({ data, loading: false, error: null });
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      setState((prev) => ({ ...prev, loading: false, error: error as Error }));
    }
  }, [orgId]);

  useEffect(() => {
    void load();
    if (!refreshMs) return () => abortRef.current?.abort();
    const timer = setInterval(() => void load(), refreshMs);
    return () => {
      clearInterval(timer);
      abortRef.current?.abort();
    };
  }, [load, refreshMs]);

  return { ...state, reload: load };
}`;
}

function listComponentFile(rnd, e) {
  const E = pascal(e);
  const p = plural(e);
  return `import { useMemo, useState } from 'react';
import { use${E}s } from '../hooks/use-${kebab(e)}';
import type { ${E} } from '../../src/types/${kebab(e)}';

interface ${E}ListProps {
  title?: string;
  onSelect?: (${e}: ${E}) => void;
}

export function ${E}List({ title = '${pascal(p)}', onSelect }: ${E}ListProps) {
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState('');
  const query = use${E}s(page);

  const visible = useMemo(() => {
    const items = query.data?.items ?? [];
    const needle = filter.trim().toLowerCase();
    if (!needle) return items;
    return items.filter((item) => item.id.toLowerCase().includes(needle) || item.status.includes(needle));
  }, [query.data, filter]);

  if (query.isLoading) return <div className="spinner" aria-busy="true" />;
  if (query.isError) return <div role="alert">Could not load ${p}: {String(query.error)}</div>;

  return (
    <section className="${kebab(e)}-list">
      <header>
        <h2>{title}</h2>
        <input value={filter} onChange={(event) => setFilter(event.target.value)} placeholder="Filter ${p}" />
      </header>
      <table>
        <thead>
          <tr>
            <th>ID</th>
            <th>Status</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((item) => (
            <tr key={item.id} onClick={() => onSelect?.(item)}>
              <td>{item.id}</td>
              <td>{item.status}</td>
              <td>{new Date(item.updatedAt).toLocaleDateString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer>
        <button type="button" disabled={page === 1} onClick={() => setPage((n) => n - 1)}>
          Previous
        </button>
        <button type="button" onClick={() => setPage((n) => n + 1)}>
          Next
        </button>
      </footer>
    </section>
  );
}`;
}

function formComponentFile(rnd, e) {
  const E = pascal(e);
  const fields = rnd.shuffle(FIELDS.filter(([, t]) => t === 'string' || t === 'number')).slice(0, rnd.int(2, 4));
  return `import { type FormEvent, useState } from 'react';
import { useCreate${E} } from '../hooks/use-${kebab(e)}';

interface FormState {
${fields.map(([name, type]) => `  ${name}: ${type};`).join('\n')}
}

const initialState: FormState = {
${fields.map(([name, type]) => `  ${name}: ${type === 'number' ? '0' : "''"},`).join('\n')}
};

export default function ${E}Form({ orgId, onDone }: { orgId: string; onDone?: () => void }) {
  const [form, setForm] = useState<FormState>(initialState);
  const [error, setError] = useState<string | null>(null);
  const mutation = useCreate${E}();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      await mutation.mutateAsync({ ...form, orgId } as never);
      setForm(initialState);
      onDone?.();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Something went wrong');
    }
  }

  return (
    <form onSubmit={handleSubmit} className="${kebab(e)}-form">
${fields
  .map(
    ([name, type]) => `      <label>
        ${name}
        <input
          name="${name}"
          type="${type === 'number' ? 'number' : 'text'}"
          value={form.${name}}
          onChange={(event) => setForm((prev) => ({ ...prev, ${name}: ${type === 'number' ? 'Number(event.target.value)' : 'event.target.value'} }))}
        />
      </label>`,
  )
  .join('\n')}
      {error ? <p className="error">{error}</p> : null}
      <button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving...' : 'Save'}
      </button>
    </form>
  );
}`;
}

function pageComponentFile(rnd, e) {
  const E = pascal(e);
  return `import { ${E}List } from '@/components/${kebab(e)}-list';
import ${E}Form from '@/components/${kebab(e)}-form';
import { auth } from '@/lib/auth';
import { redirect } from 'next/navigation';

export const metadata = { title: '${pascal(plural(e))}' };

export default async function ${E}Page({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const session = await auth();
  if (!session) redirect('/login');
  const { page } = await searchParams;
  return (
    <main className="container">
      <h1>${pascal(plural(e))}</h1>
      <p>Page {page ?? '1'}</p>
      <${E}List />
      <${E}Form orgId={session.orgId} />
    </main>
  );
}`;
}

// lib/ and middleware/ files, shared by every app.
function libFiles(rnd, framework) {
  const files = {
    'lib/logger.ts': `type Level = 'debug' | 'info' | 'warn' | 'error';

const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = order[(process.env.LOG_LEVEL as Level | undefined) ?? 'info'] ?? 20;

function write(level: Level, fields: Record<string, unknown>, message: string) {
  if (order[level] < threshold) return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (fields: Record<string, unknown>, message: string) => write('debug', fields, message),
  info: (fields: Record<string, unknown>, message: string) => write('info', fields, message),
  warn: (fields: Record<string, unknown>, message: string) => write('warn', fields, message),
  error: (fields: Record<string, unknown>, message: string) => write('error', fields, message),
};`,
    'lib/events.ts': `import { EventEmitter } from 'node:events';

export const events = new EventEmitter();
events.setMaxListeners(${rnd.int(20, 100)});`,
    'lib/db.ts': `import { Pool } from 'pg';

export const db = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? ${rnd.int(5, 20)}),
  idleTimeoutMillis: 30_000,
});`,
    'lib/supabase.ts': `import { createClient } from '@supabase/supabase-js';

export const supabase = createClient(process.env.SUPABASE_URL ?? '', process.env.SUPABASE_SERVICE_ROLE_KEY ?? '', {
  auth: { persistSession: false },
});`,
    'lib/prisma.ts': `import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;`,
    'lib/retry.ts': `export interface RetryOptions {
  retries?: number;
  baseDelayMs?: number;
  onRetry?: (error: unknown, attempt: number) => void;
}

export async function retry<T>(fn: () => Promise<T>, { retries = ${rnd.int(2, 5)}, baseDelayMs = 200, onRetry }: RetryOptions = {}): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      lastError = error;
      onRetry?.(error, attempt);
      const jitter = Math.random() * baseDelayMs;
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** attempt + jitter));
    }
  }
  throw lastError;
}`,
    'lib/webhooks.ts': `import Stripe from 'stripe';
import { logger } from './logger';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '', { apiVersion: '2024-06-20' });

export async function handleStripeWebhook(rawBody: string, signature: string | undefined) {
  if (!signature) throw new Error('missing signature');
  const event = stripe.webhooks.constructEvent(rawBody, signature, process.env.STRIPE_WEBHOOK_SECRET ?? '');
  switch (event.type) {
    case 'invoice.paid':
      logger.info({ id: event.id }, 'invoice paid');
      break;
    case 'customer.subscription.deleted':
      logger.warn({ id: event.id }, 'subscription cancelled');
      break;
    default:
      logger.debug({ type: event.type }, 'ignored webhook');
  }
  return { received: true };
}`,
    'lib/config.ts': `function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`Missing environment variable \${name}\`);
  return value;
}

export const config = {
  port: Number(process.env.PORT ?? ${rnd.pick([3000, 4000, 8080])}),
  databaseUrl: required('DATABASE_URL'),
  appOrigin: process.env.APP_ORIGIN ?? '${rnd.pick(ORIGINS)}',
  sessionSecret: required('SESSION_SECRET'),
  featureFlags: (process.env.FEATURE_FLAGS ?? '').split(',').filter(Boolean),
} as const;`,
  };
  const auth = {
    express: `import type { NextFunction, Request, Response } from 'express';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    res.status(401).json({ error: 'unauthorized' });
    return;
  }
  next();
}`,
    fastify: `import type { FastifyReply, FastifyRequest } from 'fastify';

export async function requireAuth(request: FastifyRequest, reply: FastifyReply) {
  if (!request.headers.authorization) {
    await reply.code(401).send({ error: 'unauthorized' });
  }
}`,
    hono: `import { createMiddleware } from 'hono/factory';

export const requireAuth = createMiddleware(async (c, next) => {
  const token = c.req.header('Authorization');
  if (!token) return c.json({ error: 'unauthorized' }, 401);
  await next();
});`,
    koa: `import type { Context, Next } from 'koa';

export async function requireAuth(ctx: Context, next: Next) {
  if (!ctx.get('Authorization')) ctx.throw(401, 'unauthorized');
  await next();
}`,
    nest: `import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';

@Injectable()
export class AuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    return Boolean(request.headers.authorization);
  }
}

export const CurrentOrg = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<{ user: { orgId: string } }>().user.orgId;
});`,
    next: `import { NextResponse, type NextRequest } from 'next/server';

export function middleware(request: NextRequest) {
  const token = request.cookies.get('session')?.value;
  if (!token && request.nextUrl.pathname.startsWith('/dashboard')) {
    return NextResponse.redirect(new URL('/login', request.url));
  }
  const response = NextResponse.next();
  response.headers.set('X-Frame-Options', 'DENY');
  return response;
}

export const config = { matcher: ['/dashboard/:path*', '/api/:path*'] };`,
  };
  files[framework === 'next' ? 'middleware.ts' : 'middleware/auth.ts'] = auth[framework];
  return files;
}

/** The server bootstrap file: where CORS is most often configured. */
function serverFile(rnd, framework, withCors) {
  const cors = withCors ? corsSnippet(rnd, framework) : '';
  const allowlist = `const allowedOrigins = [${rnd.shuffle(ORIGINS).slice(0, 2).map((o) => `'${o}'`).join(', ')}];`;
  switch (framework) {
    case 'express':
      return `import express from 'express';
${withCors ? "import cors from 'cors';\n" : ''}import { config } from './lib/config';
import { logger } from './lib/logger';

${allowlist}
const app = express();
app.disable('x-powered-by');
${cors}
app.get('/healthz', (_req, res) => {
  res.json({ ok: true, origins: allowedOrigins.length });
});

app.listen(config.port, () => logger.info({ port: config.port }, 'listening'));`;
    case 'fastify':
      return `import Fastify from 'fastify';
${withCors ? "import cors from '@fastify/cors';\n" : ''}import { config } from './lib/config';

${allowlist}
const app = Fastify({ logger: true, trustProxy: true });
${cors}
app.get('/healthz', async () => ({ ok: true, origins: allowedOrigins.length }));

await app.listen({ port: config.port, host: '0.0.0.0' });`;
    case 'hono':
      return `import { Hono } from 'hono';
${withCors ? "import { cors } from 'hono/cors';\n" : ''}import { logger as honoLogger } from 'hono/logger';

${allowlist}
const app = new Hono();
app.use('*', honoLogger());
${cors}
app.get('/healthz', (c) => c.json({ ok: true, origins: allowedOrigins.length }));

export default app;`;
    case 'koa':
      return `import Koa from 'koa';
${withCors ? "import cors from '@koa/cors';\n" : ''}import { config } from './lib/config';

${allowlist}
const app = new Koa();
${cors}
app.use(async (ctx) => {
  ctx.body = { ok: true, origins: allowedOrigins.length };
});

app.listen(config.port);`;
    case 'nest':
      return `import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { config } from './lib/config';

${allowlist}

@Module({})
class AppModule {}

async function bootstrap() {
  const app = await NestFactory.create(AppModule${withCors && rnd.chance(0.3) ? ', { cors: true }' : ''});
  ${cors}
  app.setGlobalPrefix('api');
  await app.listen(config.port);
}

void bootstrap().then(() => allowedOrigins.length);`;
    default:
      return `import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: '/api/:path*',
        headers: [${withCors ? "{ key: 'Access-Control-Allow-Origin', value: '*' }, " : ''}{ key: 'X-Content-Type-Options', value: 'nosniff' }],
      },
    ];
  },
};

export default nextConfig;`;
  }
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    jsx: 'react-jsx',
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    experimentalDecorators: true,
    types: ['node'],
    paths: { '@/*': ['./*'] },
  },
  include: ['**/*.ts', '**/*.tsx'],
};

export const FRAMEWORKS = ['express', 'next', 'fastify', 'hono', 'nest', 'koa'];

/**
 * Writes the corpus under `root` (emptied first).
 * @returns {{ apps: string[], files: number, lines: number, corsFiles: number }}
 */
export function generateCorpus(root, { seed = 20240611, apps = 13 } = {}) {
  const rnd = createRandom(seed);
  fs.rmSync(root, { recursive: true, force: true });
  const stats = { apps: [], files: 0, lines: 0, corsFiles: 0 };
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    stats.files += 1;
    stats.lines += lines(text);
  };
  const corsRate = 1 / 12;

  for (let a = 0; a < apps; a += 1) {
    const framework = FRAMEWORKS[a % FRAMEWORKS.length];
    const name = `app-${String(a).padStart(2, '0')}-${framework}`;
    const dir = path.join(root, name);
    stats.apps.push(name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
    const isNext = framework === 'next';
    const src = isNext ? '' : 'src/';
    const web = isNext ? '' : 'web/';
    const emit = (relPath, text, { tsx = false, cors = false } = {}) => {
      const padded = pad(rnd, text, targetLines(rnd), (n) => (tsx ? componentBlock(rnd, rnd.pick(ENTITIES), n) : helperBlock(rnd, rnd.pick(ENTITIES), n)));
      write(path.join(dir, relPath), padded);
      if (cors) stats.corsFiles += 1;
    };

    const serverCors = rnd.chance(0.5);
    emit(isNext ? 'next.config.ts' : `${src}server.ts`, serverFile(rnd, framework, serverCors), { cors: serverCors });
    for (const [relPath, text] of Object.entries(libFiles(rnd, framework))) emit(isNext ? relPath : `${src}${relPath}`, text);

    for (const e of ENTITIES) {
      const k = kebab(e);
      emit(isNext ? `types/${k}.ts` : `${src}types/${k}.ts`, typesFile(rnd, e));
      emit(isNext ? `lib/repositories/${k}.repository.ts` : `${src}repositories/${k}.repository.ts`, repositoryFile(rnd, e));
      emit(isNext ? `lib/services/${k}.service.ts` : `${src}services/${k}.service.ts`, serviceFile(rnd, e));
      if (isNext) {
        const p = kebab(plural(e));
        const c1 = rnd.chance(corsRate);
        emit(`app/api/${p}/route.ts`, nextRouteFile(rnd, e, c1, false), { cors: c1 });
        const c2 = rnd.chance(corsRate);
        emit(`app/api/${p}/[id]/route.ts`, nextRouteFile(rnd, e, c2, true), { cors: c2 });
        const c3 = rnd.chance(corsRate);
        emit(`pages/api/legacy/${p}.ts`, nextPagesApiFile(rnd, e, c3), { cors: c3 });
        emit(`app/(dashboard)/${p}/page.tsx`, pageComponentFile(rnd, e), { tsx: true });
      } else {
        const c = rnd.chance(corsRate * 1.5);
        const routeName = framework === 'nest' ? `${src}controllers/${k}.controller.ts` : `${src}routes/${k}.routes.ts`;
        emit(routeName, routesFile(rnd, e, framework, c), { cors: c });
      }
      emit(`${web}hooks/use-${k}.ts`, hookFile(rnd, e));
      emit(`${web}components/${k}-list.tsx`, listComponentFile(rnd, e), { tsx: true });
      emit(`${web}components/${k}-form.tsx`, formComponentFile(rnd, e), { tsx: true });
    }
    // Shared client helper imported by the hooks.
    emit(`${web}lib/api.ts`, `export async function apiFetch<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  if (!response.ok) throw new Error(\`Request to \${url} failed with \${response.status}\`);
  return (await response.json()) as T;
}`);
  }
  return stats;
}
