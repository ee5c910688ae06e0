/**
 * Cost grows linearly with file size. A generated file of about 20,000 lines, built from blocks
 * with every shape the rules look at (route handlers with queries by request id, raw SQL, React
 * components with queries, retry loops, environment reads, CORS grants, a webhook receiver), is
 * linted with one rule at a time with ESLint's stats. Each rule must stay under a bound
 * proportional to ESLint's parse time of the same file in the same run (a ratio, so the speed of
 * the machine cancels out), and its share of parse time on the large file must not grow
 * faster than on a file a quarter of its size: a quadratic walk (a rescan of the file per
 * question) is 4× worse on the large file and fails; linear work keeps the share flat.
 *
 * Budgets on real code are measured on the field set (`npm run field`), not here: the bounds
 * below are far above what linear rules use (a few percent of parse time), so the test catches
 * growth, not noise.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { rules } from '../../src/rules/index.js';
import { FIXTURES_AS_PRODUCTION } from '../testers.js';

const NAMESPACE = 'production-ready';

/** One block of about 60 lines; `i` keeps every name distinct. */
function block(i: number): string {
  return `
export async function GET_${i}(request: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  const invoice = await prisma.invoice.findUnique({ where: { id: params.id } });
  const rows = await sql\`SELECT * FROM invoices WHERE id = \${params.id} AND team_id = \${session.teamId}\`;
  return Response.json({ invoice, rows }, { headers: { 'Access-Control-Allow-Origin': '*' } });
}

export async function POST_${i}(req: Request) {
  const event = await req.json();
  if (event.type === 'invoice.paid') await markPaid_${i}(event.data.object.id);
  return new Response('ok');
}

export function Invoices_${i}({ teamId }: { teamId: string }) {
  const { data, isLoading } = useQuery({ queryKey: ['invoices', teamId, ${i}], queryFn: () => fetchInvoices(teamId) });
  if (isLoading) return <Spinner />;
  if (!data?.length) return <p>No invoices yet</p>;
  return (
    <ul>
      {data.map((invoice) => (
        <li key={invoice.id}>{invoice.number}</li>
      ))}
    </ul>
  );
}

export async function charge_${i}(customerId: string) {
  let attempt = 0;
  while (true) {
    try {
      return await stripe.charges.create({ customer: customerId, amount: ${i} });
    } catch (error) {
      attempt++;
      if (attempt > 5) throw error;
      await sleep(2 ** attempt * 100);
    }
  }
}

export const config_${i} = {
  apiKey: process.env.NEXT_PUBLIC_ANALYTICS_KEY_${i},
  stripe: process.env.STRIPE_SECRET_KEY,
  retries: ${i % 7},
};

app_${i % 10}.use(cors({ origin: '*' }));
`;
}

const HEADER = `
import { useQuery } from '@tanstack/react-query';
import cors from 'cors';
import { prisma } from '@/lib/prisma';
import { sql } from '@vercel/postgres';
import { auth } from '@/auth';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
`;

function generated(lines: number): string {
  let text = HEADER;
  for (let i = 0; text.split('\n').length < lines; i++) text += block(i);
  return text;
}

interface Times {
  readonly parse: number;
  readonly rule: number;
}

/** Parse and rule time (ms) of one lint with only `name` on, best of `runs`. */
function timesOf(name: string, code: string, runs: number): Times {
  const linter = new Linter({ cwd: '/project' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.tsx'],
      languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
      plugins: { [NAMESPACE]: { rules } as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: { [`${NAMESPACE}/${name}`]: 'error' },
      settings: FIXTURES_AS_PRODUCTION,
    },
  ];
  let best: Times = { parse: Infinity, rule: Infinity };
  for (let run = 0; run < runs; run++) {
    // `verify()` with stats throws on ESLint 10.15 (its time store expects the fix pass): use verifyAndFix without fixing.
    const result = linter.verifyAndFix(code, config, { filename: '/project/app/generated.tsx', fix: false, stats: true } as Linter.LintOptions & { stats: boolean });
    const fatal = result.messages.find((message) => message.fatal === true);
    expect(fatal?.message).toBeUndefined();
    const pass = (linter as unknown as { getTimes(): { passes: { parse?: { total: number }; rules?: Record<string, { total: number }> }[] } }).getTimes().passes[0];
    const parse = pass?.parse?.total ?? Infinity;
    const rule = pass?.rules?.[`${NAMESPACE}/${name}`]?.total ?? 0;
    if (rule / parse < best.rule / best.parse || !Number.isFinite(best.parse)) best = { parse, rule };
  }
  return best;
}

describe('cost grows linearly with file size (generated 20,000-line file)', () => {
  const large = generated(20_000);
  const small = generated(5_000);

  it('generates the files it says', () => {
    expect(large.split('\n').length).toBeGreaterThanOrEqual(20_000);
    expect(small.split('\n').length).toBeGreaterThanOrEqual(5_000);
  });

  it.each(Object.keys(rules))('%s stays within parse time on 20,000 lines, and its share does not grow with size', (name) => {
    const big = timesOf(name, large, 2);
    const little = timesOf(name, small, 3);
    if (process.env.LINEAR_COST_LOG) console.log(name, (big.rule / big.parse).toFixed(3), (little.rule / little.parse).toFixed(3));
    // The rule ran: every rule has something to look at in these files.
    expect(big.rule).toBeGreaterThan(0);
    expect(big.rule / big.parse, `${name}: ${big.rule.toFixed(1)} ms of rule for ${big.parse.toFixed(1)} ms of parse`).toBeLessThan(1);
    // Linear: the share of parse time on a file 4× larger is about the same; quadratic work is 4× larger.
    expect(big.rule / big.parse, `share at 20,000 lines vs 5,000 lines`).toBeLessThan(2 * (little.rule / little.parse) + 0.05);
  });
});
