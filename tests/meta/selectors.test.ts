/**
 * The selectors rules register cost ESLint's selector matching on every node of the file, which the
 * rules' own time (`stats`) does not show. `:has(...)` walks the whole subtree of every node it is
 * tried on: quadratic in nested code (one nested next.config object took milliseconds under a
 * `ObjectExpression:has(> Property[...])` listener). Rules test a node's children themselves.
 *
 * Each rule lints files that open its gates, and every selector it returns is checked.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { rules } from '../../src/rules/index.js';
import { FIXTURES_AS_PRODUCTION } from '../testers.js';

const SAMPLES: readonly { readonly filename: string; readonly code: string }[] = [
  {
    filename: '/project/app/api/invoices/[id]/route.ts',
    code: `
import { prisma } from '@/lib/prisma';
import cors from 'cors';
export async function GET(request: Request, { params }: { params: { id: string } }) {
  const invoice = await prisma.invoice.findUnique({ where: { id: params.id } });
  return Response.json(invoice, { headers: { 'Access-Control-Allow-Origin': '*' } });
}
export async function POST(req: Request) {
  const event = await req.json();
  if (event.type === 'invoice.paid') await prisma.invoice.update({ where: { id: event.id }, data: { paid: true } });
  return new Response('ok');
}
export const handler = async () => ({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: '' });
app.use(cors({ origin: '*' }));
async function connect() {
  try {
    await fetch(process.env.NEXT_PUBLIC_API_URL);
  } catch {
    setTimeout(connect, 1000);
  }
}
while (true) {
  try {
    await fetch(process.env.STRIPE_SECRET_KEY);
    break;
  } catch {
    await sleep(1000);
  }
}
`,
  },
  { filename: '/project/next.config.js', code: `module.exports = { env: { NEXT_PUBLIC_STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY }, async headers() { return [{ source: '/api/:path*', headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }] }]; } };` },
  {
    filename: '/project/app/invoices.tsx',
    code: `
import { useQuery } from '@tanstack/react-query';
export function Invoices() {
  const { data } = useQuery({ queryKey: ['invoices'], queryFn: fetchInvoices });
  if (!data?.length) return <p>No invoices yet</p>;
  return <ul>{data.map((invoice) => <li key={invoice.id}>{invoice.number}</li>)}</ul>;
}
`,
  },
];

/** The selectors `name` returned over the samples. */
function selectorsOf(name: string): string[] {
  const rule = rules[name as keyof typeof rules];
  const seen = new Set<string>();
  const spy = {
    ...rule,
    create(context: Parameters<typeof rule.create>[0]) {
      const listeners = (rule.create as (c: typeof context) => Record<string, unknown>)(context);
      for (const selector of Object.keys(listeners)) seen.add(selector);
      return listeners;
    },
  };
  const linter = new Linter({ cwd: '/project' });
  for (const { filename, code } of SAMPLES) {
    const messages = linter.verify(
      code,
      [
        {
          files: ['**/*.ts', '**/*.tsx', '**/*.js'],
          languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
          plugins: { 'production-ready': { rules: { [name]: spy } } as unknown as NonNullable<Linter.Config['plugins']>[string] },
          rules: { [`production-ready/${name}`]: 'error' },
          settings: FIXTURES_AS_PRODUCTION,
        },
      ],
      { filename },
    );
    expect(messages.filter((message) => message.fatal)).toEqual([]);
  }
  return [...seen];
}

describe('rules register no selector that walks a subtree per node', () => {
  it.each(Object.keys(rules))('%s', (name) => {
    const selectors = selectorsOf(name);
    // The samples open the rule's gates: it listened to something.
    expect(selectors.length).toBeGreaterThan(0);
    expect(selectors.filter((selector) => selector.includes(':has('))).toEqual([]);
  });
});
