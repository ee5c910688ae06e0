/**
 * Whether a request handler identifies its caller, read from the code: session and auth calls,
 * what auth middleware left on the request or context, credential headers of the request, and
 * authenticated procedure builders or wrappers; not the words `session` or `Authorization`.
 */
import { describe, expect, it } from 'vitest';

import { authenticatesCaller } from '../../src/analysis/caller-auth.js';
import { analyse } from './harness.js';

function authenticates(code: string, before?: string): boolean {
  return analyse(code, (probe) => authenticatesCaller(probe.fn('async'), probe.facts, before === undefined ? undefined : probe.node('CallExpression', before).range[0]), { filename: 'app/api/x/route.ts' });
}

describe('authenticatesCaller', () => {
  const yes: [string, string][] = [
    ['NextAuth getServerSession', 'export const GET = async (req) => { const session = await getServerSession(authOptions); return load(); };'],
    ['Clerk auth()', 'export const GET = async () => { const { userId } = await auth(); return load(userId); };'],
    ['Supabase auth.getUser()', 'export const GET = async () => { const { data } = await supabase.auth.getUser(); return load(data); };'],
    ['Express req.user', 'export const show = async (req, res) => { res.json(await load(req.user.id)); };'],
    ["Hono c.get('user')", "export const show = async (c) => c.json(await load(c.get('user')));"],
    ['the Authorization header of the request', "export const GET = async (req) => { const token = req.headers.get('authorization'); return load(token); };"],
    ['a protected tRPC procedure', 'export const r = { get: protectedProcedure.query(async ({ input }) => load(input.id)) };'],
    ['a next-safe-action context with the user', 'export const a = actionClient.action(async ({ ctx: { userId }, parsedInput }) => load(parsedInput.id, userId));'],
    ['an auth wrapper', 'export const GET = withAuth(async (req) => load(req.url));'],
  ];
  for (const [name, code] of yes) {
    it(name, () => {
      expect(authenticates(code)).toBe(true);
    });
  }

  const no: [string, string][] = [
    ['a viewer session held in a variable named session', 'export const GET = async (req) => { const session = await getDataroomSessionByLinkId(req, "x"); return load(session.viewerId); };'],
    ['an Authorization header sent to another service', 'export const POST = async (req) => { await fetch(url, { headers: { Authorization: `Bearer ${process.env.INTERNAL_API_KEY}` } }); return load(); };'],
    ['a public procedure', 'export const r = { get: publicProcedure.query(async ({ input }) => load(input.id)) };'],
  ];
  for (const [name, code] of no) {
    it(name, () => {
      expect(authenticates(code)).toBe(false);
    });
  }

  it('an identity read after the query does not protect it', () => {
    const code = "export const POST = async (req) => { const view = await find(req.body.viewId); const token = req.headers.cookie; return view; };";
    expect(authenticates(code, 'find(req.body.viewId)')).toBe(false);
    expect(authenticates(code)).toBe(true);
  });
});
