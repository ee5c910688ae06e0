/**
 * Value sources: where the value passed to `use(...)` comes from, within its function — the
 * request (URL, query string, body, procedure input, server action arguments), the session, an
 * earlier query, a plain parameter, or a constant.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { sourceOf } from '../../src/analysis/value-source.js';
import { analyse, type Probe } from './harness.js';

function useArgument(probe: Probe, nth = 0): TSESTree.Node {
  const calls = probe
    .all()
    .filter((node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'use');
  const argument = calls[nth]?.arguments[0];
  if (!argument) throw new Error('no use(...) call with an argument');
  return argument;
}

function sourceIn(code: string, filename = 'file.ts'): string {
  return analyse(
    code,
    (probe) => {
      const source = sourceOf(useArgument(probe), probe.facts);
      return source.kind === 'request' ? `request: ${source.origin ?? '?'}` : source.kind;
    },
    { filename },
  );
}

describe('sourceOf: the request, per framework', () => {
  const cases: [string, string, string, string?][] = [
    ['Express req.params.id', `app.get('/x/:id', (req, res) => { use(req.params.id); });`, 'request: the URL'],
    ['Express controller in another file: (req, res) parameter', `export const getInvoice = async (req, res) => { use(req.params.id); };`, 'request: the URL'],
    ['Express req.query.orgId', `function h(req) { use(req.query.orgId); }`, 'request: the query string'],
    ['Express req.body.id through destructuring', `function h(req) { const { id } = req.body; use(id); }`, 'request: the request body'],
    ['Next.js route: context params', `export async function GET(request: Request, { params }: { params: { id: string } }) { use(params.id); }`, 'request: the URL', 'app/api/invoices/[id]/route.ts'],
    ['Next.js 15 route: awaited params, destructured', `export async function GET(request: Request, props: { params: Promise<{ id: string }> }) { const { id } = await props.params; use(id); }`, 'request: the URL', 'app/api/invoices/[id]/route.ts'],
    ['Next.js route: body from request.json() through zod', `import { z } from 'zod';\nconst schema = z.object({ id: z.string() });\nexport async function POST(req: Request) { const body = schema.parse(await req.json()); use(body.id); }`, 'request: the request body', 'app/api/invoices/route.ts'],
    ['Next.js route: safeParse().data', `export async function POST(req: Request) { const parsed = schema.safeParse(await req.json()); if (!parsed.success) return; const { id } = parsed.data; use(id); }`, 'request: the request body', 'app/api/x/route.ts'],
    ['Next.js route: nextUrl.searchParams.get', `export async function GET(req) { const id = req.nextUrl.searchParams.get('id'); use(id); }`, 'request: the query string', 'app/api/x/route.ts'],
    ['new URL(req.url).searchParams.get', `export async function GET(req: Request) { const { searchParams } = new URL(req.url); use(searchParams.get('id')); }`, 'request: the query string', 'app/api/x/route.ts'],
    ['Pages API req.query', `export default async function handler(req, res) { const { id } = req.query; use(id as string); }`, 'request: the query string', 'pages/api/x/[id].ts'],
    ['App Router page: params prop', `export default async function Page({ params }: { params: { id: string } }) { use(params.id); }`, 'request: the URL', 'app/invoices/[id]/page.tsx'],
    ['Hono c.req.param', `app.get('/x/:id', (c) => { use(c.req.param('id')); });`, 'request: the URL'],
    ["Hono zod-openapi c.req.valid('param') in a handler file", `export const getOne = async (c) => { const { id } = c.req.valid('param'); use(id); };`, 'request: the URL'],
    ['Hono c.req.json()', `app.post('/x', async (c) => { const body = await c.req.json(); use(body.id); });`, 'request: the request body'],
    ['Koa ctx.params.id', `router.get('/x/:id', async (ctx) => { use(ctx.params.id); });`, 'request: the URL'],
    ['Koa ctx.request.body', `router.post('/x', async (ctx) => { use(ctx.request.body.id); });`, 'request: the request body'],
    ['tRPC input', `export const r = router({ get: protectedProcedure.input(z.object({ id: z.string() })).query(async ({ ctx, input }) => { use(input.id); }) });`, 'request: the client (procedure input)'],
    ['tRPC input destructured further', `export const r = t.procedure.input(s).mutation(({ input: { id } }) => { use(id); });`, 'request: the client (procedure input)'],
    ["server action argument ('use server' module)", `'use server';\nexport async function deleteInvoice(id: string) { use(id); }`, 'request: the client (server action argument)', 'app/actions.ts'],
    ['server action with its own directive', `export async function save(formData: FormData) { 'use server'; use(formData.get('id')); }`, 'request: the client (server action argument)', 'app/page.tsx'],
    ['next-safe-action parsedInput', `'use server';\nexport const remove = actionClient.schema(s).action(async ({ parsedInput: { id } }) => { use(id); });`, 'request: the client (action input)', 'app/actions.ts'],
    ['NestJS @Param', `class C { @Get(':id') get(@Param('id') id: string) { use(id); } }`, 'request: the URL'],
    ['Number(params.id)', `app.get('/x/:id', (req, res) => { use(Number(req.params.id)); });`, 'request: the URL'],
    ['template literal with a request value', 'app.get(\'/x/:id\', (req, res) => { use(`${req.params.id}`); });', 'request: the URL'],
  ];
  for (const [name, code, expected, filename] of cases) {
    it(name, () => {
      expect(sourceIn(code, filename)).toBe(expected);
    });
  }
});

describe('sourceOf: not the request', () => {
  const cases: [string, string, string, string?][] = [
    ['NextAuth session', `export async function GET() { const session = await getServerSession(authOptions); use(session.user.id); }`, 'session', 'app/api/x/route.ts'],
    ['auth() result', `export async function GET() { const { userId } = await auth(); use(userId); }`, 'session', 'app/api/x/route.ts'],
    ['tRPC ctx.session', `export const r = t.procedure.query(({ ctx }) => { use(ctx.session.user.id); });`, 'session'],
    ['next-safe-action ctx (what the action client resolved from the session)', `'use server';\nexport const a = actionClient.action(async ({ ctx: { emailAccountId } }) => { use(emailAccountId); });`, 'session', 'app/actions.ts'],
    ['a function handed to a wrapper in a use-server module is not itself the action', `'use server';\nexport const a = withAuth(async (user) => { use(user.id); });`, 'session', 'app/actions.ts'],
    ['Express req.user', `app.get('/x', (req, res) => { use(req.user.orgId); });`, 'session'],
    ["Hono c.get('userId') from auth middleware", `app.get('/x', (c) => { use(c.get('userId')); });`, 'session'],
    ['SvelteKit locals.user', `export const load = async ({ locals }) => { use(locals.user.id); };`, 'session', 'src/routes/+page.server.ts'],
    ['result of an earlier query', `export async function GET() { const team = await prisma.team.findFirst({ where: {} }); use(team.id); }`, 'query', 'app/api/x/route.ts'],
    ['a `let` declared without a value, assigned from the session', `export async function POST() { const session = await getServerSession(authOptions); let userId: string | undefined; if (session) { userId = session.user.id; } use(userId); }`, 'session', 'app/api/x/route.ts'],
    ['a row named like the caller, loaded by a query', `export async function GET(req: Request) { const viewer = await prisma.viewer.findUnique({ where: { id: 'a' } }); use(viewer.id); }`, 'query', 'app/api/x/route.ts'],
    ['an array element named like the caller', `export async function GET(req: Request) { const viewers = await prisma.viewer.findMany(); viewers.map((viewer) => use(viewer.id)); }`, 'parameter', 'app/api/x/route.ts'],
    ['plain parameter of a service function', `export async function getInvoice(id: string) { use(id); }`, 'parameter', 'src/services/invoices.ts'],
    ['literal', `use('abc');`, 'constant'],
    ['imported constant', `import { ADMIN_ID } from './ids';\nuse(ADMIN_ID);`, 'constant'],
  ];
  for (const [name, code, expected, filename] of cases) {
    it(name, () => {
      expect(sourceIn(code, filename)).toBe(expected);
    });
  }
});
