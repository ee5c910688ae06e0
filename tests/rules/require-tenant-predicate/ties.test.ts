/**
 * require-tenant-predicate, `recommended`: what ties a request value to the caller's tenant, and
 * what only looks like it. Each family comes from real apps (see field/verdicts.tsv): a row whose
 * tenant is checked through a membership lookup, an id constrained by another verified value, a
 * helper that throws unless the caller may act, viewer flows that identify no caller, and writes
 * inside callbacks of a checked handler. The invalid cases are the real IDORs next to them.
 */
import path from 'node:path';

import { describe } from 'vitest';

import rule from '../../../src/rules/require-tenant-predicate.js';
import { FIXTURES, typescriptTester } from '../../testers.js';

const TEAM = path.join(FIXTURES, 'tenant', 'team-app');
const APP_ROUTE = path.join(TEAM, 'app', 'api', 'documents', '[id]', 'route.ts');
const PAGES_TEAM_ROUTE = path.join(TEAM, 'pages', 'api', 'teams', '[teamId]', 'datarooms', '[id]', 'index.ts');
const ACTIONS = path.join(TEAM, 'app', 'teams', 'actions.ts');
const ROUTER = path.join(TEAM, 'src', 'server', 'routers', 'documents.ts');
const PUBLIC_DOWNLOAD = path.join(TEAM, 'pages', 'api', 'links', 'download', 'index.ts');
const CHAT_ROUTE = path.join(TEAM, 'app', 'api', 'ai', 'chat', 'route.ts');
const OWNER_ROUTE = path.join(FIXTURES, 'tenant', 'owner-app', 'app', 'api', 'notes', '[id]', 'route.ts');
const ALIAS_HANDLERS = path.join(FIXTURES, 'tenant', 'alias-app', 'src', 'routes', 'tasks', 'tasks.handlers.ts');

describe("a row's tenant checked through a membership lookup", () => {
  typescriptTester().run('require-tenant-predicate (row tenant + membership)', rule, {
    valid: [
      {
        name: 'App Router: the selected teamId assigned to a variable, then the caller looked up in UserTeam',
        filename: APP_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export async function POST(req: Request) {
            const { dataroomId } = await req.json();
            const session = await getServerSession();
            let userId: string | undefined;
            let teamId: string;
            if (session) {
              userId = session.user.id;
              const dataroom = await prisma.dataroom.findUnique({ where: { id: dataroomId }, select: { teamId: true, name: true } });
              if (!dataroom) return Response.json({ error: 'Not found' }, { status: 404 });
              teamId = dataroom.teamId;
              const userTeam = await prisma.userTeam.findUnique({ where: { userId_teamId: { userId, teamId } } });
              if (!userTeam) return Response.json({ error: 'Unauthorized' }, { status: 401 });
              return Response.json(dataroom);
            }
            return Response.json({ error: 'Unauthorized' }, { status: 401 });
          }
        `,
      },
      {
        name: 'Pages API: the teamId destructured from the row, then a membership findFirst with the session user',
        filename: PAGES_TEAM_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const { id } = req.query as { id: string };
            const { teamId, name } = await prisma.document.findUniqueOrThrow({ where: { id }, select: { teamId: true, name: true } });
            const membership = await prisma.userTeam.findFirst({ where: { teamId, userId: session.user.id } });
            if (!membership) return res.status(403).end();
            return res.json({ name });
          }
        `,
      },
      {
        name: 'server action: the row tenant handed to a membership helper with the caller, result tested',
        filename: ACTIONS,
        code: `
          'use server';
          declare const prisma: any;
          declare function auth(): Promise<{ user: { id: string } }>;
          declare function getTeamMembership(teamId: string, userId: string): Promise<{ role: string } | null>;
          export async function renameDocument(documentId: string, name: string) {
            const session = await auth();
            const document = await prisma.document.findUnique({ where: { id: documentId } });
            if (!document) throw new Error('Not found');
            const membership = await getTeamMembership(document.teamId, session.user.id);
            if (!membership) throw new Error('Forbidden');
            await prisma.document.update({ where: { id: documentId }, data: { name } });
          }
        `,
      },
      {
        name: 'tRPC: the row tenant checked in a membership table read before the row is returned',
        filename: ROUTER,
        code: `
          declare const protectedProcedure: any;
          declare const z: any;
          declare class TRPCError { constructor(options: unknown); }
          export const documentRouter = {
            get: protectedProcedure.input(z.object({ id: z.string() })).query(async ({ ctx, input }: any) => {
              const document = await ctx.db.document.findUnique({ where: { id: input.id } });
              const member = await ctx.db.userTeam.findFirst({ where: { teamId: document?.teamId, userId: ctx.session.user.id } });
              if (!member) throw new TRPCError({ code: 'FORBIDDEN' });
              return document;
            }),
          };
        `,
      },
    ],
    invalid: [
      {
        name: "the row's teamId only feeds a feature-flag lookup: nothing checks the caller",
        filename: PAGES_TEAM_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          declare function getFeatureFlags(options: { teamId: string }): Promise<{ index: boolean }>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const { teamId } = req.query as { teamId: string };
            const { linkId } = req.body as { linkId: string };
            const team = await prisma.team.findUnique({ where: { id: teamId, users: { some: { userId: session.user.id } } } });
            if (!team) return res.status(401).end();
            const link = await prisma.link.findUnique({ where: { id: linkId }, select: { id: true, teamId: true } });
            if (!link) return res.status(404).end();
            const flags = await getFeatureFlags({ teamId: link.teamId as string });
            return res.json({ link, flags });
          }
        `,
        errors: [{ messageId: 'requestId', line: 12, data: { value: 'linkId', origin: 'the request body', kind: 'SELECT', table: 'Link', column: 'teamId', fix: '`findFirst({ where: { id, teamId: session.teamId } })`' } }],
      },
      {
        name: "the row's teamId written with the caller into an audit log is not a check",
        filename: APP_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ user: { id: string } }>;
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            const session = await auth();
            const document = await prisma.document.findUnique({ where: { id: params.id } });
            await prisma.auditLog.create({ data: { teamId: document.teamId, userId: session.user.id, action: 'read' } });
            return Response.json(document);
          }
        `,
        errors: [{ messageId: 'requestId', line: 6 }],
      },
      {
        name: 'a membership row read but never looked at',
        filename: APP_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ user: { id: string } }>;
          export async function GET(req: Request, { params }: { params: { id: string } }) {
            const session = await auth();
            const document = await prisma.document.findUnique({ where: { id: params.id } });
            await prisma.userTeam.findFirst({ where: { teamId: document.teamId, userId: session.user.id } });
            return Response.json(document);
          }
        `,
        errors: [{ messageId: 'requestId', line: 6 }],
      },
    ],
  });
});

describe('an id constrained by another value verified for the tenant', () => {
  typescriptTester().run('require-tenant-predicate (verified parent)', rule, {
    valid: [
      {
        name: 'a link filtered by a dataroom that was verified for the team and the caller earlier',
        filename: PAGES_TEAM_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          declare const schema: { safeParse(value: unknown): { success: boolean; data: { teamId: string; id: string } } };
          declare const body: { safeParse(value: unknown): { success: boolean; data: { linkId?: string } } };
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const params = schema.safeParse({ teamId: req.query.teamId, id: req.query.id });
            if (!params.success) return res.status(400).end();
            const { teamId, id: dataroomId } = params.data;
            const data = body.safeParse(req.body).data;
            const dataroom = await prisma.dataroom.findUnique({ where: { id: dataroomId, team: { id: teamId, users: { some: { userId: session.user.id } } } } });
            if (!dataroom) return res.status(404).end();
            if (data.linkId) {
              const link = await prisma.link.findFirst({ where: { id: data.linkId, dataroomId } });
              if (!link) return res.status(400).end();
            }
            return res.status(201).end();
          }
        `,
      },
      {
        name: "the document id proven to be the team's by a relation filter of the membership query",
        filename: PAGES_TEAM_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const { teamId, id: docId } = req.query as { teamId: string; id: string };
            const team = await prisma.team.findUnique({
              where: { id: teamId, users: { some: { userId: session.user.id } }, documents: { some: { id: { equals: docId } } } },
            });
            if (!team) return res.status(401).end();
            const document = await prisma.document.findUnique({ where: { id: docId } });
            return res.json(document);
          }
        `,
      },
      {
        name: "the document's views after the document was found in the dataroom under the team (a relation filter with the tenant key)",
        filename: PAGES_TEAM_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const { teamId, id: dataroomId, documentId } = req.query as { teamId: string; id: string; documentId: string };
            const team = await prisma.team.findUnique({ where: { id: teamId, users: { some: { userId: session.user.id } } } });
            if (!team) return res.status(401).end();
            const dataroomDocument = await prisma.dataroomDocument.findFirst({ where: { dataroomId, document: { id: documentId, teamId } } });
            if (!dataroomDocument) return res.status(404).end();
            const views = await prisma.view.findMany({ where: { documentId } });
            return res.json(views);
          }
        `,
      },
      {
        name: 'Drizzle: a group filtered by a dataroom that a scoped query verified first',
        filename: path.join(TEAM, 'app', 'api', 'datarooms', '[id]', 'groups', '[groupId]', 'route.ts'),
        code: `
          import { and, eq } from 'drizzle-orm';
          import { pgTable, text } from 'drizzle-orm/pg-core';
          declare const db: any;
          declare function auth(): Promise<{ teamId: string }>;
          const teams = pgTable('teams', { id: text('id') });
          const datarooms = pgTable('datarooms', { id: text('id'), teamId: text('team_id').references(() => teams.id) });
          const groups = pgTable('groups', { id: text('id'), dataroomId: text('dataroom_id'), teamId: text('team_id').references(() => teams.id) });
          export async function GET(req: Request, { params }: { params: { id: string; groupId: string } }) {
            const { teamId } = await auth();
            const [dataroom] = await db.select().from(datarooms).where(and(eq(datarooms.id, params.id), eq(datarooms.teamId, teamId)));
            if (!dataroom) return new Response(null, { status: 404 });
            const [group] = await db.select().from(groups).where(and(eq(groups.id, params.groupId), eq(groups.dataroomId, params.id)));
            return Response.json(group);
          }
        `,
      },
    ],
    invalid: [
      {
        name: 'membership checked on the team in the URL, then a group by its id and a dataroom id nobody verified',
        filename: PAGES_TEAM_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const { teamId, id: dataroomId, groupId } = req.query as { teamId: string; id: string; groupId: string };
            const team = await prisma.team.findUnique({ where: { id: teamId, users: { some: { userId: session.user.id } } } });
            if (!team) return res.status(401).end();
            const group = await prisma.viewerGroup.findUnique({ where: { id: groupId, dataroomId } });
            return res.json(group);
          }
        `,
        errors: [{ messageId: 'requestId', line: 10 }],
      },
      {
        name: 'a verified dataroom id under OR does not constrain the link',
        filename: PAGES_TEAM_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const { teamId, id: dataroomId } = req.query as { teamId: string; id: string };
            const dataroom = await prisma.dataroom.findFirst({ where: { id: dataroomId, teamId, team: { users: { some: { userId: session.user.id } } } } });
            if (!dataroom) return res.status(404).end();
            const links = await prisma.link.findMany({ where: { OR: [{ dataroomId }, { id: req.body.linkId }] } });
            return res.json(links);
          }
        `,
        errors: [{ messageId: 'requestId', line: 10 }],
      },
      {
        name: 'the dataroom verified in the GET branch does not protect the PATCH branch',
        filename: PAGES_TEAM_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            if (req.method === 'GET') {
              const { teamId, id: dataroomId } = req.query as { teamId: string; id: string };
              const dataroom = await prisma.dataroom.findUnique({ where: { id: dataroomId, teamId } });
              return res.json(dataroom);
            } else if (req.method === 'PATCH') {
              const { teamId, id: dataroomId } = req.query as { teamId: string; id: string };
              const team = await prisma.team.findUnique({ where: { id: teamId, users: { some: { userId: session.user.id } } } });
              if (!team) return res.status(401).end();
              const updated = await prisma.$transaction(async (tx: any) => tx.dataroom.update({ where: { id: dataroomId }, data: { name: req.body.name } }));
              return res.json(updated);
            }
          }
        `,
        errors: [{ messageId: 'requestId', line: 15 }],
      },
      {
        name: 'an earlier GET branch that always returns does not protect the code after it',
        filename: PAGES_TEAM_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const { teamId, id: dataroomId } = req.query as { teamId: string; id: string };
            if (req.method === 'GET') {
              const dataroom = await prisma.dataroom.findUnique({ where: { id: dataroomId, teamId } });
              return res.json(dataroom);
            }
            await prisma.dataroom.delete({ where: { id: dataroomId } });
            return res.status(204).end();
          }
        `,
        errors: [{ messageId: 'requestId', line: 12 }],
      },
    ],
  });
});

describe('a helper that throws unless the caller may act on the row', () => {
  typescriptTester().run('require-tenant-predicate (guard helpers)', rule, {
    valid: [
      {
        name: "Pages API: the link's document id and the caller handed to a helper whose result is discarded",
        filename: path.join(TEAM, 'pages', 'api', 'teams', '[teamId]', 'links', '[id]', 'visits.ts'),
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          declare function getDocumentWithTeamAndUser(options: { docId: string; userId: string }): Promise<unknown>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const { teamId, id } = req.query as { teamId: string; id: string };
            const userId = session.user.id;
            const result = await prisma.link.findUnique({ where: { id }, select: { document: { select: { id: true } } } });
            if (!result?.document) return res.json({ views: [] });
            const docId = result.document.id;
            await getDocumentWithTeamAndUser({ docId, userId });
            const views = await prisma.view.findMany({ where: { linkId: id, teamId } });
            return res.json({ result, views });
          }
        `,
      },
      {
        name: 'next-safe-action: the invitation tenant checked by an admin-membership helper, then deleted by the same id',
        filename: ACTIONS,
        code: `
          'use server';
          declare const prisma: any;
          declare const actionClientUser: any;
          declare function getAuthorizedTeamAdminMembership(options: { teamId: string; userId: string }): Promise<unknown>;
          export const cancelInvitationAction = actionClientUser.action(async ({ ctx: { userId }, parsedInput: { invitationId } }: any) => {
            const invitation = await prisma.invitation.findUnique({ where: { id: invitationId }, select: { id: true, teamId: true, status: true } });
            if (!invitation) throw new Error('Invitation not found.');
            await getAuthorizedTeamAdminMembership({ teamId: invitation.teamId, userId });
            await prisma.invitation.deleteMany({ where: { id: invitationId, status: 'pending' } });
          });
        `,
      },
      {
        name: 'App Router: an access helper given the row itself before it is used',
        filename: APP_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ user: { id: string } }>;
          declare function ensureCanEdit(document: unknown, userId: string): void;
          export async function PATCH(req: Request, { params }: { params: { id: string } }) {
            const session = await auth();
            const document = await prisma.document.findUnique({ where: { id: params.id } });
            ensureCanEdit(document, session.user.id);
            await prisma.document.update({ where: { id: params.id }, data: await req.json() });
            return new Response(null, { status: 204 });
          }
        `,
      },
    ],
    invalid: [
      {
        name: 'a notification helper given the row tenant is not a check',
        filename: ACTIONS,
        code: `
          'use server';
          declare const prisma: any;
          declare const actionClientUser: any;
          declare function notifyTeam(options: { teamId: string; userId: string }): Promise<void>;
          export const cancelInvitationAction = actionClientUser.action(async ({ ctx: { userId }, parsedInput: { invitationId } }: any) => {
            const invitation = await prisma.invitation.findUnique({ where: { id: invitationId } });
            if (!invitation) throw new Error('Invitation not found.');
            await notifyTeam({ teamId: invitation.teamId, userId });
            await prisma.invitation.delete({ where: { id: invitationId } });
          });
        `,
        errors: [
          { messageId: 'requestId', line: 7 },
          { messageId: 'requestId', line: 10 },
        ],
      },
    ],
  });
});

describe('rows compared with the caller, and rows only tested for existence', () => {
  typescriptTester().run('require-tenant-predicate (row checks)', rule, {
    valid: [
      {
        name: "tRPC + Drizzle: the row's owner column (any name) compared with the caller before the delete",
        filename: ROUTER,
        code: `
          import { eq } from 'drizzle-orm';
          import { pgTable, text } from 'drizzle-orm/pg-core';
          declare const db: any;
          declare const protectedProcedure: any;
          declare const z: any;
          const teams = pgTable('teams', { id: text('id') });
          const apikeys = pgTable('apikeys', { id: text('id'), referenceId: text('reference_id'), teamId: text('team_id').references(() => teams.id) });
          export const keyRouter = {
            remove: protectedProcedure.input(z.object({ apiKeyId: z.string() })).mutation(async ({ ctx, input }: any) => {
              const key = await db.query.apikeys.findFirst({ where: eq(apikeys.id, input.apiKeyId) });
              if (!key) throw new Error('Not found');
              if (key.referenceId !== ctx.user.id) throw new Error('Unauthorized');
              await db.delete(apikeys).where(eq(apikeys.id, input.apiKeyId));
              return true;
            }),
          };
        `,
      },
      {
        name: 'a uniqueness check before a create: the row is only tested, never read (strict only)',
        filename: ROUTER,
        code: `
          declare const protectedProcedure: any;
          declare const z: any;
          export const linkRouter = {
            create: protectedProcedure.input(z.object({ id: z.string() })).mutation(async ({ ctx, input }: any) => {
              const existing = await ctx.db.link.findFirst({ where: { id: input.id } });
              if (existing) throw new Error('A link with this id already exists');
              return ctx.db.link.create({ data: { id: input.id, teamId: ctx.session.teamId } });
            }),
          };
        `,
      },
    ],
    invalid: [
      {
        name: 'the same lookup when the row is returned after the test',
        filename: ROUTER,
        code: `
          declare const protectedProcedure: any;
          declare const z: any;
          export const linkRouter = {
            get: protectedProcedure.input(z.object({ id: z.string() })).query(async ({ ctx, input }: any) => {
              const existing = await ctx.db.link.findFirst({ where: { id: input.id } });
              if (!existing) throw new Error('Not found');
              return existing;
            }),
          };
        `,
        errors: [{ messageId: 'requestId', line: 6 }],
      },
      {
        name: 'a delete whose result is only tested still changes the row',
        filename: ROUTER,
        code: `
          declare const protectedProcedure: any;
          declare const z: any;
          export const linkRouter = {
            remove: protectedProcedure.input(z.object({ id: z.string() })).mutation(async ({ ctx, input }: any) => {
              const deleted = await ctx.db.link.delete({ where: { id: input.id } });
              if (!deleted) throw new Error('Not found');
              return true;
            }),
          };
        `,
        errors: [{ messageId: 'requestId', line: 6 }],
      },
    ],
  });
});

describe('creates that leave the tenant column unset', () => {
  typescriptTester().run('require-tenant-predicate (creates)', rule, {
    valid: [
      {
        name: 'a nullable tenant column (`teamId String?`) may be left unset (strict only)',
        filename: PUBLIC_DOWNLOAD,
        code: `
          declare const prisma: any;
          export default async function handle(req: any, res: any) {
            const view = await prisma.view.create({ data: { linkId: req.body.linkId, viewerEmail: req.body.email } });
            return res.json(view);
          }
        `,
      },
    ],
    invalid: [
      {
        name: 'the same create in strict',
        filename: PUBLIC_DOWNLOAD,
        options: [{ reportServiceQueries: true }],
        code: `
          declare const prisma: any;
          export default async function handle(req: any, res: any) {
            const view = await prisma.view.create({ data: { linkId: req.body.linkId, viewerEmail: req.body.email } });
            return res.json(view);
          }
        `,
        errors: [{ messageId: 'missingInsert', line: 4, data: { kind: 'INSERT', table: 'View', column: 'teamId' } }],
      },
      {
        name: 'a required tenant column left unset',
        filename: ACTIONS,
        code: `
          'use server';
          declare const prisma: any;
          export async function reopenInvitation(status: string) {
            return prisma.invitation.create({ data: { status } });
          }
        `,
        errors: [{ messageId: 'missingInsert', line: 5, data: { kind: 'INSERT', table: 'Invitation', column: 'teamId' } }],
      },
    ],
  });
});

describe('viewer flows that identify no caller', () => {
  typescriptTester().run('require-tenant-predicate (viewer flows)', rule, {
    valid: [
      {
        name: 'a public download endpoint that sends an Authorization header to another service (strict only)',
        filename: PUBLIC_DOWNLOAD,
        code: `
          declare const prisma: any;
          export default async function handle(req: any, res: any) {
            const { linkId, viewId } = req.body as { linkId: string; viewId: string };
            const view = await prisma.view.findUnique({ where: { id: viewId, linkId } });
            if (!view) return res.status(404).end();
            await prisma.view.update({ where: { id: viewId }, data: { downloadedAt: new Date() } });
            const file = await fetch(process.env.FILES_URL ?? '', { headers: { Authorization: \`Bearer \${process.env.INTERNAL_API_KEY}\` } });
            return res.json({ url: (await file.json()).url });
          }
        `,
      },
      {
        name: 'an OTP verify endpoint that reads the viewer cookie only after the lookup (strict only)',
        filename: path.join(TEAM, 'pages', 'api', 'links', 'download', 'verify.ts'),
        code: `
          declare const prisma: any;
          declare function parse(cookie: string): Record<string, string>;
          export default async function handler(req: any, res: any) {
            const { linkId, viewId, email } = req.body as { linkId: string; viewId?: string; email: string };
            const view = viewId
              ? await prisma.view.findUnique({ where: { id: viewId, linkId } })
              : await prisma.view.findFirst({ where: { linkId, viewerEmail: { equals: email, mode: 'insensitive' } } });
            if (!view || view.viewerEmail?.toLowerCase() !== email.toLowerCase()) return res.status(404).end();
            const cookies = parse(req.headers.cookie || '');
            return res.json({ ok: Boolean(cookies[\`session_\${linkId}\`]) });
          }
        `,
      },
      {
        name: 'the viewer branch of a handler that also serves signed-in users: a link by its id and its document id (strict only)',
        filename: CHAT_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export async function POST(req: Request) {
            const { documentId, linkId, viewerId } = await req.json();
            const session = await getServerSession();
            if (session) {
              const document = await prisma.document.findFirst({ where: { id: documentId, team: { users: { some: { userId: session.user.id } } } } });
              return Response.json(document);
            } else if (linkId && viewerId) {
              const link = await prisma.link.findUnique({ where: { id: linkId, documentId }, select: { teamId: true } });
              return Response.json(link);
            }
            return Response.json({ error: 'Authentication required' }, { status: 401 });
          }
        `,
      },
      {
        name: 'an anonymous lookup by two request ids that must match each other (strict only)',
        filename: path.join(TEAM, 'app', 'api', 'annotations', 'route.ts'),
        code: `
          declare const prisma: any;
          export async function GET(req: Request) {
            const { searchParams } = new URL(req.url);
            const view = await prisma.view.findFirst({ where: { id: searchParams.get('viewId'), linkId: searchParams.get('linkId') } });
            return Response.json(view);
          }
        `,
      },
    ],
    invalid: [
      {
        name: 'an exported server action with no session, loading a row by the id the client sent',
        filename: path.join(FIXTURES, 'tenant', 'owner-app', 'app', 'actions.ts'),
        code: `
          'use server';
          declare const prisma: any;
          export async function getNote(noteId: string) {
            return prisma.note.findUnique({ where: { id: noteId } });
          }
        `,
        errors: [{ messageId: 'requestId', line: 5, data: { value: 'noteId', origin: 'the client (server action argument)', kind: 'SELECT', table: 'Note', column: 'userId', fix: '`findFirst({ where: { id, userId: session.userId } })`' } }],
      },
      {
        name: 'a signed-in route on a share-link path: the session makes it a team route',
        filename: path.join(TEAM, 'pages', 'api', 'links', '[id]', 'archive.ts'),
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const { id } = req.query as { id: string };
            const link = await prisma.link.update({ where: { id }, data: { isArchived: true } });
            return res.json(link);
          }
        `,
        errors: [{ messageId: 'requestId', line: 8 }],
      },
      {
        name: "a public path that reads the caller's bearer token first",
        filename: path.join(TEAM, 'pages', 'api', 'links', 'stats.ts'),
        code: `
          declare const prisma: any;
          declare function verifyApiToken(token: string): Promise<{ teamId: string }>;
          export default async function handle(req: any, res: any) {
            const token = req.headers.authorization?.replace('Bearer ', '') ?? '';
            await verifyApiToken(token);
            const view = await prisma.view.findUnique({ where: { id: req.query.viewId, linkId: req.query.linkId } });
            return res.json(view);
          }
        `,
        errors: [{ messageId: 'requestId', line: 7 }],
      },
    ],
  });
});

describe('writes inside callbacks of a checked handler', () => {
  typescriptTester().run('require-tenant-predicate (callbacks)', rule, {
    valid: [
      {
        name: 'an update in a setTimeout callback after a findFirst by id and the session user',
        filename: OWNER_ROUTE,
        code: `
          declare const prisma: any;
          declare function getUser(): Promise<{ id: string } | null>;
          export async function DELETE(req: Request, { params }: { params: Promise<{ id: string }> }) {
            const user = await getUser();
            if (!user) return new Response(null, { status: 401 });
            const { id } = await params;
            const note = await prisma.note.findFirst({ where: { id, userId: user.id } });
            if (!note) return new Response(null, { status: 404 });
            setTimeout(async () => {
              await prisma.note.update({ where: { id }, data: { body: '' } });
            }, 1000);
            return new Response(null, { status: 202 });
          }
        `,
      },
      {
        name: 'an update inside a $transaction callback after a findUnique by id and the session user',
        filename: OWNER_ROUTE,
        code: `
          declare const prisma: any;
          declare function getUser(): Promise<{ id: string } | null>;
          export async function PUT(req: Request, { params }: { params: Promise<{ id: string }> }) {
            const user = await getUser();
            if (!user) return new Response(null, { status: 401 });
            const { id: noteId } = await params;
            const note = await prisma.note.findUnique({ where: { id: noteId, userId: user.id } });
            if (!note) return new Response(null, { status: 404 });
            const { body } = await req.json();
            await prisma.$transaction(async (tx: any) => {
              await tx.note.update({ where: { id: noteId }, data: { body } });
            });
            return new Response(null, { status: 204 });
          }
        `,
      },
    ],
    invalid: [
      {
        name: 'the same callback with no check before it',
        filename: OWNER_ROUTE,
        code: `
          declare const prisma: any;
          export async function DELETE(req: Request, { params }: { params: Promise<{ id: string }> }) {
            const { id } = await params;
            setTimeout(async () => {
              await prisma.note.update({ where: { id }, data: { body: '' } });
            }, 1000);
            return new Response(null, { status: 202 });
          }
        `,
        errors: [{ messageId: 'requestId', line: 6 }],
      },
    ],
  });
});

/** A tRPC procedure that updates the team the client names with `data` (the update on line 6). */
function trpcTeamRename(data: string): string {
  return `
          declare const protectedProcedure: any;
          declare const z: any;
          export const teamRouter = {
            rename: protectedProcedure.input(z.object({ teamId: z.string(), name: z.string() })).mutation(async ({ ctx, input }: any) => {
              return ctx.db.team.update({ where: { id: input.teamId }, data: ${data} });
            }),
          };
        `;
}

describe("the tenant's own row", () => {
  typescriptTester().run('require-tenant-predicate (tenant row)', rule, {
    valid: [
      {
        name: 'the membership looked up with the caller and the team id first',
        filename: PAGES_TEAM_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const { teamId } = req.query as { teamId: string };
            const teamAccess = await prisma.userTeam.findUnique({ where: { userId_teamId: { userId: session.user.id, teamId } } });
            if (!teamAccess) return res.status(401).end();
            const team = await prisma.team.update({ where: { id: teamId }, data: { name: req.body.name } });
            return res.json(team);
          }
        `,
      },
      {
        name: "the caller's membership in the team's own filter, and the same team read again after it",
        filename: APP_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ user: { id: string } }>;
          export async function GET(req: Request, { params }: { params: { teamId: string } }) {
            const session = await auth();
            const team = await prisma.team.findFirst({ where: { id: params.teamId, users: { some: { userId: session.user.id } } } });
            if (!team) return new Response(null, { status: 404 });
            const plan = await prisma.team.findUnique({ where: { id: params.teamId }, select: { plan: true } });
            return Response.json({ team, plan });
          }
        `,
      },
      {
        name: "the team loaded with its members, and the caller looked for among them before it is used",
        filename: PAGES_TEAM_ROUTE,
        code: `
          declare const prisma: any;
          declare function getServerSession(...args: unknown[]): Promise<{ user: { id: string } } | null>;
          export default async function handle(req: any, res: any) {
            const session = await getServerSession(req, res);
            if (!session) return res.status(401).end();
            const { teamId } = req.query as { teamId: string };
            const team = await prisma.team.findUnique({ where: { id: teamId }, include: { users: true } });
            if (!team) return res.status(404).end();
            const isUserAdmin = team.users.some((user: any) => user.role === 'ADMIN' && user.userId === session.user.id);
            if (!isUserAdmin) return res.status(403).end();
            await prisma.team.update({ where: { id: teamId }, data: { name: req.body.name } });
            return res.status(204).end();
          }
        `,
      },
      {
        name: 'App Router: a helper that answers whether the caller is an admin of the team, its result tested',
        filename: APP_ROUTE,
        code: `
          declare const prisma: any;
          declare function getAuthenticatedAdmin(teamId: string): Promise<{ userId: string } | null>;
          export async function PATCH(req: Request, { params }: { params: Promise<{ teamId: string }> }) {
            const { teamId } = await params;
            const admin = await getAuthenticatedAdmin(teamId);
            if (!admin) return new Response(null, { status: 401 });
            await prisma.team.update({ where: { id: teamId }, data: { plan: 'pro' } });
            return new Response(null, { status: 204 });
          }
        `,
      },
      {
        name: 'an internal endpoint that compares a bearer token with a configured secret in constant time',
        filename: path.join(TEAM, 'pages', 'api', 'billing', 'unpause.ts'),
        code: `
          import { timingSafeEqual } from 'node:crypto';
          declare const prisma: any;
          export default async function handle(req: any, res: any) {
            const token = (req.headers.authorization ?? '').slice(7);
            const envKey = process.env.INTERNAL_API_KEY ?? '';
            if (token.length !== envKey.length || !timingSafeEqual(Buffer.from(token), Buffer.from(envKey))) return res.status(401).end();
            const team = await prisma.team.update({ where: { id: req.body.teamId }, data: { plan: 'pro' } });
            return res.json(team);
          }
        `,
      },
      {
        name: "the session's own team, and a lookup by another column",
        filename: ACTIONS,
        code: `
          'use server';
          declare const prisma: any;
          declare function auth(): Promise<{ user: { id: string; teamId: string } }>;
          export async function renameTeam(name: string) {
            const session = await auth();
            await prisma.team.update({ where: { id: session.user.teamId }, data: { name } });
            return prisma.team.findFirst({ where: { name } });
          }
        `,
      },
    ],
    invalid: [
      {
        name: 'tRPC: a team renamed by the id the client sent',
        filename: ROUTER,
        code: trpcTeamRename('{ name: input.name }'),
        errors: [
          {
            messageId: 'tenantRow',
            line: 6,
            data: { value: 'input.teamId', origin: 'the client (procedure input)', kind: 'UPDATE', table: 'Team', fix: '`findFirst({ where: { id, users: { some: { userId: session.userId } } } })`' },
          },
        ],
      },
      {
        name: 'App Router: a team and its plan read by the id in the URL, signed in but no membership check',
        filename: APP_ROUTE,
        code: `
          declare const prisma: any;
          declare function auth(): Promise<{ user: { id: string } }>;
          export async function GET(req: Request, { params }: { params: Promise<{ teamId: string }> }) {
            const session = await auth();
            if (!session) return new Response(null, { status: 401 });
            const { teamId } = await params;
            return Response.json(await prisma.team.findUnique({ where: { id: teamId }, include: { documents: true } }));
          }
        `,
        errors: [{ messageId: 'tenantRow', line: 8 }],
      },
      {
        name: 'tRPC: a team renamed by the client id, with the session user only written as the editor',
        filename: ROUTER,
        code: trpcTeamRename('{ name: input.name, updatedBy: ctx.session.user.id }'),
        errors: [{ messageId: 'tenantRow', line: 6 }],
      },
    ],
  });
});

describe("a tenant table's owner column is not its tenant key", () => {
  typescriptTester().run('require-tenant-predicate (tenant owner)', rule, {
    valid: [
      {
        name: "strict: an organization read by id is not missing its ownerId (the creator, not the isolation key)",
        filename: path.join(FIXTURES, 'tenant', 'drizzle-app', 'src', 'services', 'organizations.ts'),
        options: [{ reportServiceQueries: true }],
        code: `
          import { eq } from 'drizzle-orm';
          import { pgTable, text } from 'drizzle-orm/pg-core';
          declare const db: any;
          const users = pgTable('users', { id: text('id') });
          const organization = pgTable('organization', { id: text('id'), ownerId: text('owner_id').notNull().references(() => users.id) });
          export const findOrganizationById = (id: string) => db.select().from(organization).where(eq(organization.id, id));
        `,
      },
    ],
    invalid: [],
  });
});

describe('Drizzle tables imported through a path alias', () => {
  typescriptTester().run('require-tenant-predicate (path alias)', rule, {
    valid: [
      {
        name: 'Hono: the owner key from the session in the relational where',
        filename: ALIAS_HANDLERS,
        code: `
          import { and, eq } from 'drizzle-orm';
          import { tasks } from '@/db/schema';
          declare function createDb(env: unknown): Promise<{ db: any }>;
          export const getOne = async (c: any) => {
            const user = c.var.user;
            const { db } = await createDb(c.env);
            const { id } = c.req.valid('param');
            const task = await db.query.tasks.findFirst({ where: and(eq(tasks.id, id), eq(tasks.userId, user.id)) });
            return c.json(task);
          };
        `,
      },
    ],
    invalid: [
      {
        name: 'Hono + Drizzle: a task by the id in the URL, from a schema behind @/db/schema',
        filename: ALIAS_HANDLERS,
        code: `
          import { eq } from 'drizzle-orm';
          import { tasks } from '@/db/schema';
          declare function createDb(env: unknown): Promise<{ db: any }>;
          export const getOne = async (c: any) => {
            const user = c.var.user;
            if (!user) return c.json({ error: 'Unauthorized' }, 401);
            const { db } = await createDb(c.env);
            const { id } = c.req.valid('param');
            const task = await db.query.tasks.findFirst({
              where(fields: any, operators: any) {
                return operators.eq(fields.id, id);
              },
            });
            return c.json(task);
          };
          export const remove = async (c: any) => {
            const { db } = await createDb(c.env);
            const { id } = c.req.valid('param');
            await db.delete(tasks).where(eq(tasks.id, id));
            return c.body(null, 204);
          };
        `,
        errors: [
          { messageId: 'requestId', line: 10, data: { value: 'id', origin: 'the URL', kind: 'SELECT', table: 'tasks', column: 'userId', fix: '`and(eq(table.id, id), eq(table.userId, session.userId))`' } },
          { messageId: 'requestId', line: 20, data: { value: 'id', origin: 'the URL', kind: 'DELETE', table: 'tasks', column: 'userId', fix: '`and(eq(table.id, id), eq(table.userId, session.userId))`' } },
        ],
      },
    ],
  });
});
