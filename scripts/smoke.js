#!/usr/bin/env node
// Smoke test: runs the plugin's `strict` preset over thousands of real third-party files shipped in
// node_modules (code nobody here wrote) and fails if any rule of ours throws.
//
//   npm run smoke                     build, then lint in both modes
//   node scripts/smoke.js [options]   lint with the current dist/
//     --eslint=9         use ESLint 9 (installed as `eslint-v9`) instead of ESLint 10
//     --max-files=N      cap the untyped selection (default: all selected files, ~7,500)
//     --max-typed=N      cap the typed selection (default: 400 TypeScript files)
//     --workers=N        worker threads (default: min(2, available cores))
//     --mode=untyped|typed   run only one mode
//
// Exit code 1 on: a crash in a `production-ready/*` rule, a worker that died, or a harness fault
// (a file reported as ignored, a message from a rule that is not ours, a typed run without types).
// Parse errors in third-party files are counted and listed but are not failures.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import {
  formatMs,
  loadESLint,
  loadPlugin,
  parseArgs,
  strictRuleIds,
  table,
} from './lib/eslint-setup.js';
import { NODE_MODULES, REPO_ROOT, rel } from './lib/paths.js';
import { MAX_BYTES, selectThirdPartyFiles } from './lib/third-party-files.js';

const args = parseArgs();
const eslintMajor = args.eslint === undefined ? 10 : Number(args.eslint);
const maxFiles = args['max-files'] === undefined ? Infinity : Number(args['max-files']);
const maxTyped = args['max-typed'] === undefined ? 400 : Number(args['max-typed']);
const workerCount = Math.max(1, Number(args.workers ?? Math.min(2, os.availableParallelism())));
const modes = args.mode ? [args.mode] : ['untyped', 'typed'];

// typescript-estree builds one Program per run instead of an updatable watch Program when it knows
// it is a one-shot CLI-like run. `npx eslint` and CI=true set that automatically; a script does not.
process.env.TSESTREE_SINGLE_RUN ??= 'true';

const require = createRequire(import.meta.url);
const versionOf = (name) => require(`${name}/package.json`).version;

const started = performance.now();
const plugin = await loadPlugin();
const ruleIds = strictRuleIds(plugin);
const { version: eslintVersion } = await loadESLint(eslintMajor);

console.log('production-ready smoke test: strict preset over third-party code in node_modules');
console.log(
  `ESLint ${eslintVersion}, @typescript-eslint/parser ${versionOf('@typescript-eslint/parser')}, ` +
    `TypeScript ${versionOf('typescript')}, Node ${process.versions.node}, ${workerCount} worker(s)`,
);
console.log(`Rules in strict (${ruleIds.length}): ${ruleIds.join(', ') || '(none)'}`);
if (ruleIds.length === 0) {
  console.error('FAIL: the strict preset enables no production-ready rule; nothing to smoke-test.');
  process.exit(1);
}

const selection = selectThirdPartyFiles({ maxFiles });
const packages = [...selection.perPackage.keys()];
console.log(
  `\nSelected ${selection.files.length} files (.js/.mjs/.cjs/.jsx/.ts/.mts/.cts/.tsx, no .d.ts) ` +
    `from ${packages.length} packages; skipped ${selection.skipped.large} over ${MAX_BYTES / 1024 / 1024} MB, ` +
    `${selection.skipped.minified} minified/bundled` +
    (selection.skipped.capped ? `, ${selection.skipped.capped} over --max-files` : ''),
);
const top = [...selection.perPackage].sort((a, b) => b[1] - a[1]).slice(0, 12);
console.log(`Largest shares: ${top.map(([p, n]) => `${p} ${n}`).join(', ')}, ...`);

/**
 * The typed mode: a few hundred TypeScript sources, all in ONE generated tsconfig passed as
 * `parserOptions.project`. Why not `projectService`: the project service finds a tsconfig.json by
 * walking up from each file, and packages ship either none (@supabase/*) or their own dev config
 * (rxjs), while `allowDefaultProject` rejects `**` globs and caps the default project at 8 files.
 * Rules see the same parserServices (program, node maps) either way.
 */
function writeTypedTsconfig(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'production-ready-smoke-'));
  const tsconfig = path.join(dir, 'tsconfig.json');
  const compilerOptions = {
    target: 'ES2022',
    module: 'ESNext',
    // Bundler resolution accepts the extensionless relative imports rxjs and @supabase use.
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    jsx: 'react-jsx',
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    // The tsconfig lives in the temp dir, which has no node_modules/@types above it.
    typeRoots: [path.join(NODE_MODULES, '@types')],
    types: ['node'],
  };
  fs.writeFileSync(tsconfig, JSON.stringify({ compilerOptions, files }, null, 2));
  return { dir, tsconfig };
}

/** Splits files round-robin over the workers and collects every per-file outcome. */
function runMode(label, files, parserOptions, { checkTypeInfo = false } = {}) {
  const workers = Math.min(workerCount, files.length);
  const buckets = Array.from({ length: workers }, () => []);
  files.forEach((file, i) => buckets[i % workers].push(file));
  const outcomes = [];
  const workerErrors = [];
  const modeStart = performance.now();
  let nextProgress = 1000;
  if (workers === 0) return Promise.resolve({ label, files, outcomes, workerErrors, ms: 0 });
  return new Promise((resolve) => {
    let running = workers;
    for (const bucket of buckets) {
      const worker = new Worker(new URL('./lib/smoke-worker.js', import.meta.url), {
        workerData: { files: bucket, eslintMajor, parserOptions, checkTypeInfo },
      });
      let done = false;
      worker.on('message', (msg) => {
        if (msg.type === 'done') {
          done = true;
          return;
        }
        outcomes.push(msg);
        if (outcomes.length >= nextProgress) {
          console.log(`  [${label}] ${outcomes.length}/${files.length} files, ${formatMs(performance.now() - modeStart)}`);
          nextProgress += 1000;
        }
      });
      worker.on('error', (error) => workerErrors.push(error));
      worker.on('exit', (code) => {
        if (!done && workerErrors.length === 0) workerErrors.push(new Error(`worker exited with code ${code} before finishing`));
        running -= 1;
        if (running === 0) resolve({ label, files, outcomes, workerErrors, ms: performance.now() - modeStart });
      });
    }
  });
}

const results = [];
if (modes.includes('untyped')) {
  console.log(`\n[untyped] ${selection.files.length} files, @typescript-eslint/parser without type information`);
  results.push(await runMode('untyped', selection.files, {}));
}
let tmpDir;
if (modes.includes('typed')) {
  const typedFiles = selection.tsFiles.slice(0, maxTyped);
  const { dir, tsconfig } = writeTypedTsconfig(typedFiles);
  tmpDir = dir;
  console.log(
    `\n[typed] ${typedFiles.length} TypeScript files (a subset: type-aware linting of every ` +
      `node_modules file would be slow), parserOptions.project = generated tsconfig listing them`,
  );
  results.push(await runMode('typed', typedFiles, { project: tsconfig, tsconfigRootDir: REPO_ROOT }, { checkTypeInfo: true }));
}
if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------
// Report
const failures = [];
console.log('\n=== Summary ===');
const summaryRows = [];
for (const r of results) {
  const parseErrors = r.outcomes.filter((o) => o.fatal);
  const crashes = r.outcomes.filter((o) => o.crash);
  const ours = crashes.filter((o) => o.crash.ours);
  const findings = r.outcomes.reduce((n, o) => n + o.findings.length, 0);
  summaryRows.push([
    r.label,
    r.outcomes.length - crashes.length - parseErrors.length,
    parseErrors.length,
    findings,
    ours.length,
    crashes.length - ours.length,
    formatMs(r.ms),
  ]);
}
console.log(
  table(['mode', 'files linted', 'parse errors (skipped)', 'findings', 'crashes (ours)', 'other exceptions', 'time'], summaryRows),
);

for (const r of results) {
  console.log(`\n--- ${r.label} ---`);
  for (const error of r.workerErrors) {
    failures.push(`[${r.label}] worker failed: ${error.message}`);
    console.log(`WORKER FAILED: ${error.stack ?? error.message}`);
  }
  if (r.outcomes.length !== r.files.length) {
    failures.push(`[${r.label}] only ${r.outcomes.length} of ${r.files.length} files were processed`);
  }

  // Findings per rule (every strict rule listed, so a rule that never fires is visible too).
  const perRule = new Map(ruleIds.map((id) => [id, { count: 0, files: new Set(), samples: [] }]));
  for (const o of r.outcomes) {
    for (const f of o.findings) {
      const entry = perRule.get(f.ruleId) ?? { count: 0, files: new Set(), samples: [] };
      perRule.set(f.ruleId, entry);
      entry.count += 1;
      entry.files.add(o.file);
      if (entry.samples.length < 3) entry.samples.push(`${rel(o.file)}:${f.line} ${f.message.split('\n')[0]}`);
    }
  }
  console.log('Findings per rule:');
  console.log(table(['rule', 'findings', 'files'], [...perRule].map(([id, e]) => [id, e.count, e.files.size])));
  for (const [id, e] of perRule) {
    for (const s of e.samples) console.log(`  e.g. ${id}: ${s.length > 220 ? `${s.slice(0, 217)}...` : s}`);
  }

  const parseErrors = r.outcomes.filter((o) => o.fatal);
  if (parseErrors.length) {
    console.log(`Parse errors (third-party syntax the parser rejects; not failures): ${parseErrors.length}`);
    for (const o of parseErrors.slice(0, 5)) console.log(`  ${rel(o.file)}:${o.fatal.split('\n')[0]}`);
    if (parseErrors.length > 5) console.log(`  ... and ${parseErrors.length - 5} more`);
  }

  const crashes = r.outcomes.filter((o) => o.crash);
  for (const o of crashes) {
    const kind = o.crash.ours ? 'RULE CRASH' : 'EXCEPTION (not from a production-ready rule)';
    console.log(`${kind} in ${rel(o.file)}:`);
    console.log(o.crash.stack.split('\n').slice(0, 12).map((l) => `    ${l}`).join('\n'));
    if (!o.crash.ours && !o.crash.stack.includes(o.crash.message.split('\n')[0])) console.log(`    ${o.crash.message}`);
    if (o.crash.ours) failures.push(`[${r.label}] rule crash in ${rel(o.file)}`);
  }

  const other = r.outcomes.filter((o) => o.other.length);
  if (other.length) {
    failures.push(`[${r.label}] ${other.length} files produced messages the harness did not expect`);
    console.log(`HARNESS: ${other.length} files produced unexpected messages (ignored file? foreign rule?):`);
    for (const o of other.slice(0, 5)) console.log(`  ${rel(o.file)}: ${o.other[0]}`);
  }

  const typeCheck = r.outcomes.find((o) => 'typeInfo' in o);
  if (typeCheck) {
    console.log(`Type information available to rules: ${typeCheck.typeInfo ? 'yes' : 'NO'}`);
    if (!typeCheck.typeInfo) failures.push(`[${r.label}] the parser returned no TypeScript Program`);
  }

  const slowest = [...r.outcomes].sort((a, b) => b.ms - a.ms).slice(0, 3);
  console.log(`Slowest files (parse + rules): ${slowest.map((o) => `${rel(o.file)} ${formatMs(o.ms)}`).join(', ')}`);
  if (r.label === 'typed') console.log('(the first file of each worker includes building the TypeScript program)');
}

console.log(`\nTotal time: ${formatMs(performance.now() - started)}`);
if (failures.length) {
  console.log(`\nFAIL (${failures.length}):`);
  for (const f of failures) console.log(`  - ${f}`);
  process.exit(1);
}
console.log('\nPASS: no production-ready rule threw on any file.');
