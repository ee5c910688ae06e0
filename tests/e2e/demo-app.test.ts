/**
 * End-to-end: the BUILT package (`dist/src/index.js`, what npm ships) linting the sample SaaS app in
 * `tests/fixtures/demo-app` through ESLint's Node API, on ESLint 10 and ESLint 9, single-threaded
 * with an inline config and multithreaded with a real `eslint.config.js`. The findings must match
 * EXPECTED_FINDINGS exactly (file, line, column, rule, messageId); the fixture's README.md explains
 * why each one is (or is not) a finding.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';

import tsParser from '@typescript-eslint/parser';
import { afterAll, describe, expect, it } from 'vitest';

import type { ProductionReadyPlugin } from '../../src/index.js';
import { ENGINES, type Finding, findingsOf, type LinterApi, type LintResult, relative, sortFindings, sourceFiles } from './eslint-engines.js';

// ---------------------------------------------------------------------------------------------
// Expected findings: the single source of truth. One entry per finding, in file/line order.
// `presets` says which presets report it (strict = recommended + stricter options + more rules).
// ---------------------------------------------------------------------------------------------

type PresetName = 'recommended' | 'strict';

interface ExpectedFinding extends Finding {
  readonly presets: readonly PresetName[];
  /** Why it is a finding (mirrors tests/fixtures/demo-app/README.md). */
  readonly why: string;
}

const BOTH: readonly PresetName[] = ['recommended', 'strict'];
const CORS = 'production-ready/no-wildcard-cors';
const SECRETS = 'production-ready/no-public-secret-env';
const RETRY = 'production-ready/no-unbounded-retry';
const QUERY_STATES = 'production-ready/require-query-states';
const TENANT = 'production-ready/require-tenant-predicate';
const WEBHOOK = 'production-ready/no-unverified-webhook';

const EXPECTED_FINDINGS: readonly ExpectedFinding[] = [
  { file: 'app/api/health/route.ts', line: 14, column: 7, ruleId: CORS, messageId: 'wildcard', presets: ['strict'],
    why: "a public health check that reads no credentials sends 'Access-Control-Allow-Origin': '*' (public content: reportPublicContent, strict)" },
  { file: 'app/api/projects/route.ts', line: 11, column: 7, ruleId: CORS, messageId: 'anyOriginWithCredentials', presets: BOTH,
    why: 'OPTIONS echoes the request Origin unchecked, with Allow-Credentials: true' },
  { file: 'app/api/projects/route.ts', line: 31, column: 9, ruleId: CORS, messageId: 'anyOriginWithCredentials', presets: BOTH,
    why: 'GET echoes the request Origin unchecked, with Allow-Credentials: true' },
  { file: 'app/api/webhooks/stripe/route.ts', line: 9, column: 11, ruleId: WEBHOOK, messageId: 'unverified', presets: BOTH,
    why: 'Stripe webhook switches on (await request.json()).type without stripe.webhooks.constructEvent: anyone can POST a forged invoice.paid' },
  { file: 'app/components/CheckoutButton.tsx', line: 12, column: 43, ruleId: SECRETS, messageId: 'publicSecret', presets: BOTH,
    why: "'use client' component reads process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY: Next.js inlines the Stripe secret key into the browser bundle" },
  { file: 'app/components/InvoiceList.tsx', line: 21, column: 17, ruleId: QUERY_STATES, messageId: 'defaultHidesStates', presets: BOTH,
    why: "const { data: invoices = [] } = useQuery(...): loading, error and 'no invoices' all render as an empty list" },
  { file: 'app/components/InvoiceList.tsx', line: 36, column: 19, ruleId: QUERY_STATES, messageId: 'noEmptyState', presets: ['strict'],
    why: 'invoices.map(...) renders nothing for an empty list: no empty state (requireEmptyState, strict)' },
  { file: 'middleware.ts', line: 7, column: 55, ruleId: CORS, messageId: 'wildcardFallback', presets: BOTH,
    why: "Allow-Origin falls back to '*' when ALLOWED_ORIGIN is unset" },
  { file: 'server/fastify/plugins/cors.ts', line: 7, column: 5, ruleId: CORS, messageId: 'wildcard', presets: BOTH,
    why: "@fastify/cors registered with origin: '*'" },
  { file: 'server/index.ts', line: 10, column: 9, ruleId: CORS, messageId: 'defaultWildcard', presets: BOTH,
    why: 'cors() without options sends Access-Control-Allow-Origin: *' },
  { file: 'server/routes/public.ts', line: 10, column: 25, ruleId: CORS, messageId: 'anyOriginWithCredentials', presets: BOTH,
    why: 'cors({ origin: true, credentials: true }) reflects any origin, with credentials' },
  { file: 'services/payments.ts', line: 20, column: 12, ruleId: RETRY, messageId: 'recursion', presets: BOTH,
    why: 'chargeCustomer() calls itself from its catch with no attempt limit (the 47,000 Stripe calls incident)' },
  { file: 'app/api/invoices/[id]/route.ts', line: 13, column: 37, ruleId: TENANT, messageId: 'requestId', presets: BOTH,
    why: 'GET /api/invoices/[id] selects the invoice by the id in the URL without org_id: any signed-in user can read another org\'s invoice (the IDOR)' },
  { file: 'services/invoices.ts', line: 24, column: 46, ruleId: TENANT, messageId: 'missing', presets: ['strict'],
    why: 'getInvoice(id) selects by an id its callers pass, without org_id: the callers must authorise (reportServiceQueries, strict)' },
  { file: 'supabase/functions/hello/index.ts', line: 7, column: 42, ruleId: CORS, messageId: 'wildcard', presets: BOTH,
    why: 'the shared corsHeaders (Allow-Origin: * from ../_shared/cors.ts) on a function that reads the Authorization header: one grant, reported once, at its first use' },
];

/** Where each rule's documentation lives, as the published package promises it: this version's page. */
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const docsUrl = (ruleName: string): string =>
  `https://unpkg.com/eslint-plugin-production-ready@${version}/docs/rules/${ruleName}.md`;

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEMO_APP = path.join(ROOT, 'tests/fixtures/demo-app');
const DIST_ENTRY = path.join(ROOT, 'dist/src/index.js');
const FILES = ['**/*.{ts,tsx,js,jsx,mjs,cjs}'];
const PRESETS: readonly PresetName[] = ['recommended', 'strict'];

if (!existsSync(DIST_ENTRY)) {
  throw new Error(
    `The end-to-end tests lint with the BUILT plugin, but ${DIST_ENTRY} does not exist. ` +
      'Run `npm run build` first (`npm test` does).',
  );
}
const { default: plugin } = (await import(pathToFileURL(DIST_ENTRY).href)) as { default: ProductionReadyPlugin };

function expectedFor(preset: PresetName): Finding[] {
  return sortFindings(
    EXPECTED_FINDINGS.filter((finding) => finding.presets.includes(preset)).map(
      ({ file, line, column, ruleId, messageId }) => ({ file, line, column, ruleId, messageId }),
    ),
  );
}

function inlineOptions(preset: PresetName, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cwd: DEMO_APP,
    overrideConfigFile: true,
    overrideConfig: [{ files: FILES, languageOptions: { parser: tsParser } }, plugin.configs[preset]],
    ...extra,
  };
}

const temporaryDirs: string[] = [];
afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A copy of the demo app with a real `eslint.config.js` that loads the built plugin and the parser
 * by absolute URL (the copy lives outside the repository). The config module appends the id of
 * the thread that evaluates it to `.config-loads`, so a test can prove worker threads linted.
 */
function demoAppCopyWithConfigFile(preset: PresetName): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'production-ready-e2e-')));
  temporaryDirs.push(dir);
  cpSync(DEMO_APP, dir, { recursive: true });
  const parserUrl = pathToFileURL(require.resolve('@typescript-eslint/parser')).href;
  const pluginUrl = pathToFileURL(DIST_ENTRY).href;
  writeFileSync(
    path.join(dir, 'eslint.config.js'),
    `import { appendFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

import parser from ${JSON.stringify(parserUrl)};
import plugin from ${JSON.stringify(pluginUrl)};

appendFileSync(new URL('./.config-loads', import.meta.url), \`\${threadId}\\n\`);

export default [
  { ignores: ['eslint.config.js'] },
  { files: ${JSON.stringify(FILES)}, languageOptions: { parser } },
  plugin.configs.${preset},
];
`,
  );
  return dir;
}

function configLoadThreads(dir: string): Set<number> {
  return new Set(
    readFileSync(path.join(dir, '.config-loads'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(Number),
  );
}

/**
 * A two-dozen-file app is too small for threads to pay off, so ESLint warns "ESLintPoorConcurrencyWarning"
 * after each multithreaded run. That is expected here: silence that one warning type (ESLint's
 * WarningService captures `process.emitWarning` when the instance is created).
 */
async function withoutPoorConcurrencyWarning<T>(create: () => T | Promise<T>): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as-is and called with `process`
  const original = process.emitWarning;
  const filtered = ((warning: string | Error, ...rest: unknown[]) => {
    if (rest[0] === 'ESLintPoorConcurrencyWarning') return;
    (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  process.emitWarning = filtered;
  try {
    return await create();
  } finally {
    process.emitWarning = original;
  }
}

// Single-threaded results, shared by the tests that inspect them.
const singleThreaded = new Map<string, Promise<{ eslint: LinterApi; results: LintResult[] }>>();
function lintSingleThreaded(engine: (typeof ENGINES)[number], preset: PresetName) {
  const key = `${engine.name}/${preset}`;
  let run = singleThreaded.get(key);
  if (!run) {
    const eslint = new engine.Engine(inlineOptions(preset));
    run = eslint.lintFiles(['.']).then((results) => ({ eslint, results }));
    singleThreaded.set(key, run);
  }
  return run;
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('tests/fixtures/demo-app, linted with the built plugin', () => {
  it('the expected list is well-formed', () => {
    const files = new Set(sourceFiles(DEMO_APP));
    for (const finding of EXPECTED_FINDINGS) {
      expect(files, `${finding.file} is not a demo-app source file`).toContain(finding.file);
      expect(finding.presets.length, `${finding.file}:${finding.line} belongs to no preset`).toBeGreaterThan(0);
      expect(Object.keys(plugin.rules).map((name) => `production-ready/${name}`)).toContain(finding.ruleId);
    }
  });

  describe.each(ENGINES)('$name', (engine) => {
    it(`is really ESLint ${engine.major}`, () => {
      expect(Number(engine.Engine.version.split('.')[0])).toBe(engine.major);
    });

    describe.each(PRESETS)('configs.%s', (preset) => {
      it('lints every demo-app source file and reports exactly the expected findings', async () => {
        const { results } = await lintSingleThreaded(engine, preset);
        expect(results.map((result) => relative(DEMO_APP, result.filePath)).sort()).toEqual(sourceFiles(DEMO_APP));
        expect(findingsOf(results, DEMO_APP)).toEqual(expectedFor(preset));
      });

      it('links every reported rule to its docs url (getRulesMetaForResults)', async () => {
        const { eslint, results } = await lintSingleThreaded(engine, preset);
        const rulesMeta = eslint.getRulesMetaForResults(results);
        const reported = [...new Set(findingsOf(results, DEMO_APP).map((finding) => finding.ruleId))].sort();
        expect(reported.length).toBeGreaterThan(0);
        expect(Object.keys(rulesMeta).sort()).toEqual(reported);
        for (const ruleId of reported) {
          const name = ruleId.replace(/^production-ready\//u, '');
          expect(rulesMeta[ruleId]?.docs?.url, ruleId).toBe(docsUrl(name));
          expect(plugin.rules[name as keyof typeof plugin.rules].meta.docs?.url, ruleId).toBe(docsUrl(name));
        }
      });

      it(
        'reports the same findings multithreaded (concurrency: 2) with the config from eslint.config.js',
        async () => {
          const dir = demoAppCopyWithConfigFile(preset);
          // Concurrency requires structured-cloneable options (they are posted to the workers), so
          // the config with its plugin and parser objects must come from a file, not overrideConfig.
          const eslint = await withoutPoorConcurrencyWarning(() => new engine.Engine({ cwd: dir, concurrency: 2 }));
          const results = await eslint.lintFiles(['.']);

          expect(results.map((result) => relative(dir, result.filePath)).sort()).toEqual(sourceFiles(DEMO_APP));
          expect(findingsOf(results, dir)).toEqual(expectedFor(preset));
          const { results: single } = await lintSingleThreaded(engine, preset);
          expect(findingsOf(results, dir)).toEqual(findingsOf(single, DEMO_APP));

          // Worker threads (not this thread) evaluated the config, so the lint really ran in them.
          const workerThreads = [...configLoadThreads(dir)].filter((id) => id !== threadId);
          expect(workerThreads.length).toBeGreaterThan(0);

          const rulesMeta = eslint.getRulesMetaForResults(results);
          expect(rulesMeta[CORS]?.docs?.url).toBe(docsUrl('no-wildcard-cors'));
        },
        120_000,
      );
    });

    it('refuses overrideConfig with plugin objects once concurrency is on (ESLINT_UNCLONEABLE_OPTIONS)', () => {
      expect(() => new engine.Engine(inlineOptions('recommended', { concurrency: 2 }))).toThrow(
        expect.objectContaining({
          name: 'TypeError',
          code: 'ESLINT_UNCLONEABLE_OPTIONS',
          message: expect.stringContaining('"overrideConfig"') as unknown,
        }),
      );
    });

    it(
      'reports the same findings multithreaded through an options module (ESLint.fromOptionsModule)',
      async () => {
        const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'production-ready-e2e-options-')));
        temporaryDirs.push(dir);
        const optionsModule = path.join(dir, 'eslint-options.mjs');
        writeFileSync(
          optionsModule,
          `import parser from ${JSON.stringify(pathToFileURL(require.resolve('@typescript-eslint/parser')).href)};
import plugin from ${JSON.stringify(pathToFileURL(DIST_ENTRY).href)};

export default {
  cwd: ${JSON.stringify(DEMO_APP)},
  concurrency: 2,
  overrideConfigFile: true,
  overrideConfig: [{ files: ${JSON.stringify(FILES)}, languageOptions: { parser } }, plugin.configs.recommended],
};
`,
        );
        const eslint = await withoutPoorConcurrencyWarning(() =>
          engine.Engine.fromOptionsModule(pathToFileURL(optionsModule)),
        );
        const results = await eslint.lintFiles(['.']);
        expect(findingsOf(results, DEMO_APP)).toEqual(expectedFor('recommended'));
      },
      120_000,
    );
  });
});
