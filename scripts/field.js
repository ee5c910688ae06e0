#!/usr/bin/env node
// Field run: the plugin on real application trees (the field set, see field/README.md). Lints every
// source file of each app three times: the parser alone, `recommended`, `strict`; then prints what
// each rule reports per app, its precision against the verdicts in field/verdicts.tsv, what it
// costs next to parsing, and any crash. Not part of CI: the trees live outside the repository.
//
//   npm run field                     build, then lint every app
//   node scripts/field.js [options]   lint with the current dist/
//     --trees=DIR            the trees (default: $FIELD_TREES, else ../field-trees beside the repo)
//     --apps=a,b             only these apps
//     --workers=N            worker threads (default: min(2, available cores))
//     --types=a,b            also lint these apps with type information (projectService); slower
//     --verdicts=FILE        verdicts file (default: field/verdicts.tsv; created when missing)
//     --json=FILE            write apps, reports, crashes, costs and precision as JSON
//     --diff=OLD.json        print the reports gained and lost since an earlier --json
//     --write-missing=FILE   write the `recommended` reports without a verdict as TSV rows to fill in
//     --write-missing-strict=FILE   the same for reports only `strict` makes
//     --repeats=N            A/B pairs per file for the cost ratio, fastest kept (default 2)
//     --warmup=N             files per worker linted once before measuring (default 25)
//     --rules-only           also measure the rules with parsing left out: each file is parsed by a
//                            parser-alone lint (untimed), and its SourceCode linted again with no
//                            rules and with `recommended`, alternating, fastest of --repeats kept
//     --check                also fail (exit 1) when the cost is over budget: `recommended` at most
//                            1.05x the parser alone untyped (1.10x typed), every rule at most 1% of
//                            ESLint's parse time (issue 18). Timings: run it on an otherwise idle machine.
//     --help                 print this
//
// Exit code 1 when a `production-ready/*` rule threw on some file, a worker died, or (with --check)
// a cost budget is exceeded. Parse errors
// are counted per app and are not failures.
//
// Cost. Per file, the parser alone (a) and `recommended` (b) are linted back to back, in
// alternating order (A B B A with --repeats=2), each keeping its fastest time, and the ratio is
// sum(b) / sum(a) over the files both linted. The first lint of each file in each configuration is
// also summed on its own (what CI pays, before any cache keyed by the file has seen it; one sample,
// so noisier). Per-rule time comes from separate `recommended`
// lints with ESLint's stats (as many, fastest kept), shown as a share of sum(a) and of ESLint's
// own parse time. With --rules-only, the difference the rules make to a lint of an already parsed
// file is summed too (r(b) - r(a)): the same quantity as sum(b) - sum(a) without the parse's noise.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { formatMs, loadPlugin, parseArgs, PLUGIN_PREFIX, strictRuleIds, table } from './lib/eslint-setup.js';
import { findTreesDir, listApps, MAX_BYTES, selectAppFiles } from './lib/field-files.js';
import { precisionByRule, readVerdicts, verdictKey, writeMissing } from './lib/field-verdicts.js';
import { REPO_ROOT, rel } from './lib/paths.js';

const args = parseArgs();
const OPTIONS = ['trees', 'apps', 'workers', 'types', 'verdicts', 'json', 'diff', 'write-missing', 'write-missing-strict', 'repeats', 'warmup', 'rules-only', 'check', 'help'];
if (args.help) {
  // The usage is the comment at the top of this file.
  const lines = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n');
  const usage = lines.slice(1, lines.findIndex((l, i) => i > 0 && !l.startsWith('//')));
  console.log(usage.map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const unknownOptions = Object.keys(args).filter((name) => !OPTIONS.includes(name));
if (unknownOptions.length) {
  console.error(`Unknown option(s): ${unknownOptions.map((name) => `--${name}`).join(', ')} (see --help)`);
  process.exit(2);
}
const list = (value) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);
const workerCount = Math.max(1, Number(args.workers ?? Math.min(2, os.availableParallelism())));
const warmup = Math.max(0, Number(args.warmup ?? 25));
const repeats = Math.max(1, Number(args.repeats ?? 2));
const verdictsFile = path.resolve(typeof args.verdicts === 'string' ? args.verdicts : path.join(REPO_ROOT, 'field', 'verdicts.tsv'));

const treesDir = findTreesDir(typeof args.trees === 'string' ? args.trees : undefined);
if (!treesDir) {
  console.log('No field trees (--trees=DIR, $FIELD_TREES or ../field-trees beside the repo): see field/README.md for how to get them. Nothing to do.');
  process.exit(0);
}

// Same as the ESLint CLI (and CI=true): typescript-estree builds one Program, not a watch Program.
process.env.TSESTREE_SINGLE_RUN ??= 'true';

const require = createRequire(import.meta.url);
const versionOf = (name) => require(`${name}/package.json`).version;

const started = performance.now();
const plugin = await loadPlugin();
const ruleIds = strictRuleIds(plugin).map((id) => id.slice(PLUGIN_PREFIX.length));

// ---------------------------------------------------------------------------------------------
// Apps and files
const allApps = listApps(treesDir);
const wanted = list(args.apps);
const unknown = [...wanted, ...list(args.types)].filter((name) => !allApps.some((a) => a.name === name));
if (unknown.length) {
  console.error(`Unknown app(s): ${unknown.join(', ')}. Apps in ${treesDir}: ${allApps.map((a) => a.name).join(', ')}`);
  process.exit(2);
}
const apps = wanted.length ? allApps.filter((a) => wanted.includes(a.name)) : allApps;
const typedApps = new Set(list(args.types));
for (const name of typedApps) {
  if (!apps.some((a) => a.name === name)) {
    console.error(`--types=${name}: the app is not in --apps`);
    process.exit(2);
  }
}
const commits = new Map(apps.map((a) => [a.name, a.commit]));

console.log('production-ready field run: recommended and strict presets over real application trees');
console.log(
  `ESLint ${versionOf('eslint')} (Linter), @typescript-eslint/parser ${versionOf('@typescript-eslint/parser')}, ` +
    `TypeScript ${versionOf('typescript')}, Node ${process.versions.node}, ${workerCount} worker(s)`,
);
console.log(`Trees: ${treesDir} (${apps.length} of ${allApps.length} apps)`);

const selection = new Map();
for (const app of apps) {
  if (!app.commit) console.log(`  note: ${app.name} has no .field-commit; its verdicts cannot be matched`);
  selection.set(app.name, selectAppFiles(app.root));
}
const totalFiles = [...selection.values()].reduce((n, s) => n + s.files.length, 0);
const skippedTotal = { large: 0, minified: 0, declarations: 0 };
for (const s of selection.values()) for (const k of Object.keys(skippedTotal)) skippedTotal[k] += s.skipped[k];
console.log(
  `Selected ${totalFiles} files (.js/.jsx/.ts/.tsx/.mjs/.cjs/.mts/.cts; not node_modules, build output or caches); ` +
    `skipped ${skippedTotal.declarations} .d.ts, ${skippedTotal.large} over ${MAX_BYTES / 1024 / 1024} MB, ${skippedTotal.minified} minified`,
);
if (typedApps.size) {
  const n = [...typedApps].reduce((sum, name) => sum + selection.get(name).files.length, 0);
  console.log(
    `Typed: ${[...typedApps].join(', ')} (${n} files) again with projectService. The trees are not installed ` +
      '(no node_modules), so imports of packages resolve to nothing: type information is PARTIAL.',
  );
}

// ---------------------------------------------------------------------------------------------
// Workers: untyped files round-robin; typed apps whole (each worker builds its own programs).
const workers = Math.max(1, Math.min(workerCount, totalFiles));
const buckets = Array.from({ length: workers }, () => []);
let next = 0;
for (const app of apps) {
  for (const file of selection.get(app.name).files) {
    buckets[next % workers].push({ app: app.name, root: app.root, path: file, typed: false });
    next += 1;
  }
}
const typedLoad = new Array(workers).fill(0);
for (const app of apps.filter((a) => typedApps.has(a.name))) {
  const files = selection.get(app.name).files;
  const w = typedLoad.indexOf(Math.min(...typedLoad));
  typedLoad[w] += files.length;
  for (const file of files) buckets[w].push({ app: app.name, root: app.root, path: file, typed: true });
}
const totalJobs = buckets.reduce((n, b) => n + b.length, 0);

const outcomes = [];
const workerErrors = [];
const notes = new Set();
const runStart = performance.now();
await new Promise((resolve) => {
  let running = buckets.length;
  let nextProgress = 1000;
  for (const jobs of buckets) {
    const worker = new Worker(new URL('./lib/field-worker.js', import.meta.url), { workerData: { jobs, warmup, repeats, rulesOnly: args['rules-only'] === true } });
    let done = false;
    worker.on('message', (msg) => {
      if (msg.type === 'done') {
        done = true;
        return;
      }
      if (msg.type === 'note') {
        notes.add(msg.text);
        return;
      }
      outcomes.push(msg);
      if (outcomes.length >= nextProgress) {
        console.log(`  ${outcomes.length}/${totalJobs} files, ${formatMs(performance.now() - runStart)}`);
        nextProgress += 1000;
      }
    });
    worker.on('error', (error) => workerErrors.push(error));
    worker.on('exit', (code) => {
      if (!done && workerErrors.length === 0) workerErrors.push(new Error(`worker exited with code ${code} before finishing`));
      running -= 1;
      if (running === 0) resolve();
    });
  }
});
const runMs = performance.now() - runStart;
console.log(`Linted ${outcomes.length} files: (a), (b) and a stats pass ${repeats} time(s) each, (c) once; ${formatMs(runMs)}`);

// ---------------------------------------------------------------------------------------------
// Aggregation
const modes = typedApps.size ? ['untyped', 'typed'] : ['untyped'];
/** Issue 18's budgets: the preset against the parser alone, per mode; each rule against ESLint's parse time. */
const COST_BUDGET = { untyped: 1.05, typed: 1.1 };
const RULE_BUDGET_PERCENT = 1;
const overBudget = [];
const reports = [];
const crashes = [];
const exceptions = [];
const other = [];
/** @type {Map<string, any>} `${mode}\0${app}` -> totals */
const perApp = new Map();
function appTotals(mode, app) {
  const key = `${mode}\0${app}`;
  let t = perApp.get(key);
  if (!t) {
    t = {
      files: 0,
      parseErrors: [],
      reports: { recommended: {}, strict: {} },
      crashes: 0,
      cost: { a: 0, b: 0, aFirst: 0, bFirst: 0, files: 0, ra: 0, rb: 0, rFiles: 0 },
      stats: { parse: 0, rules: {}, files: 0 },
      typeInfo: {},
    };
    perApp.set(key, t);
  }
  return t;
}
for (const o of outcomes) {
  const t = appTotals(o.mode, o.app);
  t.files += 1;
  if (o.parseError) t.parseErrors.push({ path: o.path, error: o.parseError });
  for (const r of o.reports) {
    if (r.preset === 'base') continue;
    reports.push({ mode: o.mode, app: o.app, path: o.path, ...r });
    t.reports[r.preset][r.rule] = (t.reports[r.preset][r.rule] ?? 0) + 1;
  }
  for (const c of o.crashes) crashes.push({ mode: o.mode, app: o.app, path: o.path, ...c });
  t.crashes += o.crashes.length;
  for (const e of o.exceptions) exceptions.push({ mode: o.mode, app: o.app, path: o.path, ...e });
  for (const m of o.other) other.push(`${o.mode} ${o.app}/${o.path}: ${m}`);
  for (const n of o.notes) notes.add(`${o.app}/${o.path}: ${n}`);
  if (o.time) {
    t.cost.a += o.time.a;
    t.cost.b += o.time.b;
    t.cost.aFirst += o.time.aFirst;
    t.cost.bFirst += o.time.bFirst;
    t.cost.files += 1;
    if (o.time.ra !== undefined) {
      t.cost.ra += o.time.ra;
      t.cost.rb += o.time.rb;
      t.cost.rFiles += 1;
    }
  }
  if (o.stats) {
    t.stats.parse += o.stats.parse;
    t.stats.files += 1;
    for (const [rule, ms] of Object.entries(o.stats.rules)) t.stats.rules[rule] = (t.stats.rules[rule] ?? 0) + ms;
  }
  if (o.typeInfo) t.typeInfo[o.typeInfo] = (t.typeInfo[o.typeInfo] ?? 0) + 1;
}
const byPosition = (a, b) =>
  a.mode.localeCompare(b.mode) || a.app.localeCompare(b.app) || a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
reports.sort(byPosition);
crashes.sort((a, b) => a.rule.localeCompare(b.rule) || a.app.localeCompare(b.app) || a.path.localeCompare(b.path));

function sumTotals(mode) {
  const s = { files: 0, parseErrors: 0, cost: { a: 0, b: 0, aFirst: 0, bFirst: 0, files: 0, ra: 0, rb: 0, rFiles: 0 }, stats: { parse: 0, rules: {} } };
  for (const app of apps) {
    const t = perApp.get(`${mode}\0${app.name}`);
    if (!t) continue;
    s.files += t.files;
    s.parseErrors += t.parseErrors.length;
    for (const k of ['a', 'b', 'aFirst', 'bFirst', 'files', 'ra', 'rb', 'rFiles']) s.cost[k] += t.cost[k];
    s.stats.parse += t.stats.parse;
    for (const [rule, ms] of Object.entries(t.stats.rules)) s.stats.rules[rule] = (s.stats.rules[rule] ?? 0) + ms;
  }
  return s;
}

const verdicts = readVerdicts(verdictsFile, commits);
const precision = {};
for (const mode of modes) {
  const ofMode = reports.filter((r) => r.mode === mode);
  precision[mode] = {
    recommended: precisionByRule(ofMode, verdicts.byKey, 'recommended', ruleIds),
    strict: precisionByRule(ofMode, verdicts.byKey, 'strict', ruleIds),
  };
}

// ---------------------------------------------------------------------------------------------
// Report
const SHORT = {
  'no-public-secret-env': 'secret-env',
  'no-unbounded-retry': 'retry',
  'no-unverified-webhook': 'webhook',
  'no-wildcard-cors': 'cors',
  'require-query-states': 'query-states',
  'require-tenant-predicate': 'tenant',
};
const short = (rule) => SHORT[rule] ?? rule;
const ratio = (c) => (c.a > 0 ? `${(c.b / c.a).toFixed(3)}x` : '-');
const pct = (part, whole) => (whole > 0 ? `${((100 * part) / whole).toFixed(2)}%` : '-');
const percent = (p) => (p === null ? '-' : `${(100 * p).toFixed(0)}%`);
const counts = (c) => `${c.report}/${c.strict}/${c.silent}/${c.unsure}`;
const sumValues = (obj) => Object.values(obj).reduce((n, v) => n + v, 0);
const firstChars = (text, n) => {
  const line = text.split('\n')[0];
  return line.length > n ? `${line.slice(0, n - 3)}...` : line;
};

for (const mode of modes) {
  const modeApps = apps.filter((a) => perApp.has(`${mode}\0${a.name}`));
  const total = sumTotals(mode);
  const label = mode === 'typed' ? 'TYPED (partial type information)' : 'untyped';

  console.log(`\n=== Per app, ${label}: reports per rule as recommended/strict ===`);
  const appRows = modeApps.map((app) => {
    const t = perApp.get(`${mode}\0${app.name}`);
    const row = [app.name, t.files, t.parseErrors.length];
    for (const rule of ruleIds) row.push(`${t.reports.recommended[rule] ?? 0}/${t.reports.strict[rule] ?? 0}`);
    row.push(`${sumValues(t.reports.recommended)}/${sumValues(t.reports.strict)}`, t.crashes, ratio(t.cost));
    if (mode === 'typed') row.push(Object.entries(t.typeInfo).map(([k, n]) => `${k} ${n}`).join(', '));
    return row;
  });
  const recTotal = reports.filter((r) => r.mode === mode && r.preset === 'recommended');
  const strictTotal = reports.filter((r) => r.mode === mode && r.preset === 'strict');
  const totalRow = ['TOTAL', total.files, total.parseErrors];
  for (const rule of ruleIds) totalRow.push(`${recTotal.filter((r) => r.rule === rule).length}/${strictTotal.filter((r) => r.rule === rule).length}`);
  totalRow.push(`${recTotal.length}/${strictTotal.length}`, crashes.filter((c) => c.mode === mode).length, ratio(total.cost));
  if (mode === 'typed') totalRow.push('');
  const appHeader = ['app', 'files', 'parse err', ...ruleIds.map(short), 'all', 'crashes', 'cost b/a'];
  if (mode === 'typed') appHeader.push('type info (files)');
  console.log(table(appHeader, [...appRows, totalRow]));

  console.log(`\n=== Per rule, ${label}: verdicts as report/strict/silent/unsure ===`);
  const { recommended: precRec, strict: precStrict } = precision[mode];
  const ruleRows = ruleIds.map((rule) => {
    const pr = precRec.get(rule);
    const ps = precStrict.get(rule);
    const ms = total.stats.rules[rule] ?? 0;
    return [
      rule,
      recTotal.filter((r) => r.rule === rule).length,
      strictTotal.filter((r) => r.rule === rule).length,
      counts(pr.counts),
      pr.unverdicted,
      percent(pr.precision),
      counts(ps.counts),
      ps.unverdicted,
      percent(ps.precision),
      ms.toFixed(0),
      pct(ms, total.cost.a),
      pct(ms, total.stats.parse),
    ];
  });
  console.log(
    table(
      ['rule', 'rec', 'strict', 'rec verdicts', 'rec none', 'prec rec', 'strict verdicts', 'strict none', 'prec strict', 'rec ms', '% of (a)', '% of parse'],
      ruleRows,
    ),
  );
  console.log(
    `Cost, ${label}: sum(b) / sum(a) = ${formatMs(total.cost.b)} / ${formatMs(total.cost.a)} = ${ratio(total.cost)} ` +
      `over ${total.cost.files} files; ESLint's parse time in the stats pass ${formatMs(total.stats.parse)}.`,
  );
  console.log(
    `First lint of each file (what CI pays: no cache keyed by the file has seen it), ${label}: ` +
      `${formatMs(total.cost.bFirst)} / ${formatMs(total.cost.aFirst)} = ${ratio({ a: total.cost.aFirst, b: total.cost.bFirst })}.`,
  );
  // The rules' own time (create and listeners, from the stats pass) moves less between runs of the
  // same code than what sum(b) - sum(a) holds besides it (ESLint's cost of running rules at all,
  // and everything outside the rules' own code), which carries most of the ratio's spread.
  const rulesMs = ruleIds.reduce((sum, rule) => sum + (total.stats.rules[rule] ?? 0), 0);
  if (total.cost.files > 0 && rulesMs > 0) {
    const added = total.cost.b - total.cost.a;
    console.log(
      `sum(b) - sum(a), ${label}: ${formatMs(added)}, of which the rules' own time in the stats pass ${formatMs(rulesMs)} ` +
        `and the rest, outside the rules' own code, ${formatMs(added - rulesMs)} (${((1000 * (added - rulesMs)) / total.cost.files).toFixed(0)} µs a file).`,
    );
  }
  if (total.cost.rFiles > 0) {
    const added = total.cost.rb - total.cost.ra;
    console.log(
      `Rules alone (each file parsed first, its SourceCode linted again), ${label}: recommended adds ${formatMs(added)} over ${total.cost.rFiles} files, ` +
        `${((1000 * added) / total.cost.rFiles).toFixed(0)} µs a file, ${total.cost.a > 0 ? ((100 * added) / total.cost.a).toFixed(2) : '?'}% of sum(a) ` +
        `(r(a) ${formatMs(total.cost.ra)}, r(b) ${formatMs(total.cost.rb)}).`,
    );
  }
  const presetBudget = COST_BUDGET[mode];
  if (total.cost.a > 0 && total.cost.b / total.cost.a > presetBudget) overBudget.push(`${label}: recommended costs ${ratio(total.cost)} the parser alone (budget ${presetBudget}x)`);
  for (const rule of ruleIds) {
    const share = total.stats.parse > 0 ? (100 * (total.stats.rules[rule] ?? 0)) / total.stats.parse : 0;
    if (share > RULE_BUDGET_PERCENT) overBudget.push(`${label}: ${short(rule)} takes ${share.toFixed(2)}% of parse time (budget ${RULE_BUDGET_PERCENT}%)`);
  }
}
if (overBudget.length) {
  console.log(`\n=== Over budget${args.check ? '' : ' (informational; --check fails on it)'} ===`);
  for (const line of overBudget) console.log(line);
}

// Parse errors
const parseErrorApps = [...perApp].filter(([, t]) => t.parseErrors.length);
if (parseErrorApps.length) {
  console.log('\n=== Parse errors (counted, not failures) ===');
  for (const [key, t] of parseErrorApps) {
    const [mode, app] = key.split('\0');
    console.log(`${app}${mode === 'typed' ? ' (typed)' : ''}: ${t.parseErrors.length}`);
    for (const e of t.parseErrors.slice(0, 3)) console.log(`  ${e.path}:${firstChars(e.error, 160)}`);
    if (t.parseErrors.length > 3) console.log(`  ... and ${t.parseErrors.length - 3} more`);
  }
}

// Crashes and harness problems
console.log(`\n=== Rule crashes: ${crashes.length} ===`);
for (const c of crashes) console.log(`CRASH ${c.rule} [${c.preset}${c.mode === 'typed' ? ', typed' : ''}] ${c.app}/${c.path}: ${c.message}`);
const shownStacks = new Set();
for (const c of crashes) {
  if (shownStacks.has(c.rule)) continue;
  shownStacks.add(c.rule);
  console.log(`First stack for ${c.rule}:\n${c.stack.split('\n').map((l) => `    ${l}`).join('\n')}`);
}
if (exceptions.length || other.length || workerErrors.length || notes.size) {
  console.log('\n=== Harness problems ===');
  for (const e of workerErrors) console.log(`WORKER FAILED: ${e.stack ?? e.message}`);
  if (outcomes.length !== totalJobs) console.log(`Only ${outcomes.length} of ${totalJobs} files came back`);
  for (const e of exceptions) console.log(`EXCEPTION (not from a production-ready rule) [${e.preset}] ${e.app}/${e.path}: ${e.message}`);
  for (const m of other.slice(0, 20)) console.log(`UNEXPECTED MESSAGE ${m}`);
  if (other.length > 20) console.log(`... and ${other.length - 20} more unexpected messages`);
  const noteList = [...notes];
  for (const n of noteList.slice(0, 20)) console.log(`note: ${n}`);
  if (noteList.length > 20) console.log(`... and ${noteList.length - 20} more notes`);
}

// Verdicts
const shownPath = (file) => (file.startsWith(REPO_ROOT) ? rel(file) : file);
console.log(`\n=== Verdicts (${shownPath(verdictsFile)}): ${verdicts.rows.length} rows for these trees ===`);
for (const p of verdicts.problems) console.log(`PROBLEM ${p}`);
if (verdicts.stale.length) {
  console.log(`Stale (the tree is at another commit now; re-check and update): ${verdicts.stale.length}`);
  for (const v of verdicts.stale) console.log(`  line ${v.lineNo}: ${v.app}@${v.commit.slice(0, 12)} ${v.path}:${v.line} ${v.rule} ${v.verdict}`);
}
if (verdicts.otherApps) console.log(`(${verdicts.otherApps} rows are for apps not in this run)`);
const reportedKeys = new Set(reports.filter((r) => r.mode === 'untyped').map((r) => verdictKey(r.app, r.path, r.line, r.rule)));
const orphans = verdicts.rows.filter((v) => !reportedKeys.has(verdictKey(v.app, v.path, v.line, v.rule)));
if (orphans.length) {
  console.log(`Verdicts no untyped report matches any more (a lost true report if the verdict is "report"): ${orphans.length}`);
  for (const v of orphans) console.log(`  ${v.app} ${v.path}:${v.line} ${v.rule} ${v.verdict}${v.reason ? ` (${firstChars(v.reason, 80)})` : ''}`);
}

const hasVerdict = (r) => verdicts.byKey.has(verdictKey(r.app, r.path, r.line, r.rule));
const positionKey = (r) => `${r.mode}\0${r.app}\0${r.path}\0${r.line}\0${r.column}\0${r.rule}`;
const recPositions = new Set(reports.filter((r) => r.preset === 'recommended').map(positionKey));
// A typed report at the same place as an untyped one is the same finding: typed runs list only
// what types added.
const untypedKeys = new Set(reports.filter((r) => r.mode === 'untyped').map((r) => `${r.preset}\0${verdictKey(r.app, r.path, r.line, r.rule)}`));
const typedOnly = (r) => r.mode === 'untyped' || !untypedKeys.has(`${r.preset}\0${verdictKey(r.app, r.path, r.line, r.rule)}`);
const missingRec = reports.filter((r) => r.preset === 'recommended' && !hasVerdict(r) && typedOnly(r));
const missingStrict = reports.filter((r) => r.preset === 'strict' && !hasVerdict(r) && typedOnly(r));
const missingStrictOnly = missingStrict.filter((r) => !recPositions.has(positionKey(r)));
console.log(`\n=== recommended reports without a verdict: ${missingRec.length} ===`);
for (const r of missingRec) {
  console.log(`${r.mode === 'typed' ? '[typed only] ' : ''}${r.app} ${r.path}:${r.line}:${r.column} ${r.rule} ${r.messageId ?? ''} ${firstChars(r.message, 100)}`);
}
console.log(`strict reports without a verdict: ${missingStrict.length} (${missingStrictOnly.length} of them only under strict)`);

if (typeof args['write-missing'] === 'string') {
  const n = writeMissing(args['write-missing'], missingRec, commits, 'recommended reports without a verdict: fill in verdict (report|strict|silent|unsure) and reason, then append to field/verdicts.tsv');
  console.log(`Wrote ${n} rows to ${args['write-missing']}`);
}
if (typeof args['write-missing-strict'] === 'string') {
  const n = writeMissing(args['write-missing-strict'], missingStrictOnly, commits, 'reports only strict makes, without a verdict: fill in verdict (report|strict|silent|unsure) and reason, then append to field/verdicts.tsv');
  console.log(`Wrote ${n} rows to ${args['write-missing-strict']}`);
}

// ---------------------------------------------------------------------------------------------
// Diff against an earlier run
const diffKey = (r) => [r.mode ?? 'untyped', r.app, r.path, r.line, r.rule, r.preset].join('\0');
if (typeof args.diff === 'string') {
  let old = null;
  try {
    old = JSON.parse(fs.readFileSync(args.diff, 'utf8'));
  } catch (error) {
    console.log(`\nCannot read --diff=${args.diff}: ${error.message}`);
  }
  if (old) {
    const oldApps = new Map(Object.values(old.apps ?? {}).map((a) => [`${a.mode}\0${a.app}`, a]));
    const shared = new Set([...perApp.keys()].filter((k) => oldApps.has(k)));
    const inShared = (r) => shared.has(`${r.mode ?? 'untyped'}\0${r.app}`);
    const oldKeys = new Map((old.reports ?? []).filter(inShared).map((r) => [diffKey(r), r]));
    const newKeys = new Map(reports.filter(inShared).map((r) => [diffKey(r), r]));
    const gained = [...newKeys].filter(([k]) => !oldKeys.has(k)).map(([, r]) => r);
    const lost = [...oldKeys].filter(([k]) => !newKeys.has(k)).map(([, r]) => r);
    console.log(`\n=== Diff against ${args.diff} (${shared.size} app/mode pairs in both runs): +${gained.length} -${lost.length} ===`);
    for (const key of shared) {
      const [mode, app] = key.split('\0');
      if (oldApps.get(key).commit !== commits.get(app)) console.log(`note: ${app} (${mode}) was at ${oldApps.get(key).commit} then: line numbers may have moved`);
    }
    const line = (sign, r) =>
      `${sign} [${r.preset}${r.mode === 'typed' ? ', typed' : ''}] ${r.app} ${r.path}:${r.line} ${r.rule} ${firstChars(r.message, 100)}`;
    for (const r of gained.sort(byPosition)) console.log(line('+', r));
    for (const r of lost.sort(byPosition)) console.log(line('-', r));
  }
}

// ---------------------------------------------------------------------------------------------
// JSON
if (typeof args.json === 'string') {
  const toObject = (map) =>
    Object.fromEntries([...map].map(([rule, e]) => [rule, { ...e.counts, unverdicted: e.unverdicted, precision: e.precision }]));
  const costOf = (c) => ({
    a: c.a,
    b: c.b,
    files: c.files,
    ratio: c.a > 0 ? c.b / c.a : null,
    firstLint: { a: c.aFirst, b: c.bFirst, ratio: c.aFirst > 0 ? c.bFirst / c.aFirst : null },
    ...(c.rFiles > 0 ? { rulesAlone: { a: c.ra, b: c.rb, files: c.rFiles, usPerFile: (1000 * (c.rb - c.ra)) / c.rFiles, ofA: c.a > 0 ? (c.rb - c.ra) / c.a : null } } : {}),
  });
  const json = {
    meta: {
      date: new Date().toISOString(),
      eslint: versionOf('eslint'),
      parser: versionOf('@typescript-eslint/parser'),
      typescript: versionOf('typescript'),
      node: process.versions.node,
      plugin: JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version,
      trees: treesDir,
      workers,
      argv: process.argv.slice(2),
      rules: ruleIds,
      ms: performance.now() - started,
    },
    apps: Object.fromEntries(
      [...perApp].map(([key, t]) => {
        const [mode, app] = key.split('\0');
        return [
          `${mode}:${app}`,
          {
            app,
            mode,
            commit: commits.get(app),
            files: t.files,
            skipped: selection.get(app).skipped,
            parseErrors: t.parseErrors,
            reports: t.reports,
            crashes: t.crashes,
            cost: costOf(t.cost),
            stats: t.stats,
            typeInfo: t.typeInfo,
          },
        ];
      }),
    ),
    reports: reports.map(({ mode, app, path: file, line, column, rule, messageId, message, preset }) => ({
      mode,
      app,
      path: file,
      line,
      column,
      rule,
      messageId,
      message,
      preset,
    })),
    crashes: crashes.map(({ mode, app, path: file, preset, rule, message }) => ({ mode, app, path: file, preset, rule, message })),
    exceptions: exceptions.map(({ mode, app, path: file, preset, message }) => ({ mode, app, path: file, preset, message })),
    costs: Object.fromEntries(
      modes.map((mode) => {
        const total = sumTotals(mode);
        const rules = Object.fromEntries(
          ruleIds.map((rule) => {
            const ms = total.stats.rules[rule] ?? 0;
            return [rule, { ms, ofA: total.cost.a > 0 ? ms / total.cost.a : null, ofParse: total.stats.parse > 0 ? ms / total.stats.parse : null }];
          }),
        );
        return [mode, { overall: costOf(total.cost), parseMs: total.stats.parse, rules }];
      }),
    ),
    precision: Object.fromEntries(
      modes.map((mode) => [mode, { recommended: toObject(precision[mode].recommended), strict: toObject(precision[mode].strict) }]),
    ),
    verdicts: { file: shownPath(verdictsFile), rows: verdicts.rows.length, stale: verdicts.stale.length, problems: verdicts.problems },
  };
  fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
  fs.writeFileSync(args.json, `${JSON.stringify(json, null, 1)}\n`);
  console.log(`\nWrote ${args.json}`);
}

// ---------------------------------------------------------------------------------------------
console.log(`\nTotal time: ${formatMs(performance.now() - started)}`);
const failures = [];
if (crashes.length) failures.push(`${crashes.length} rule crash(es) in ${new Set(crashes.map((c) => c.rule)).size} rule(s)`);
if (args.check && overBudget.length) failures.push(`${overBudget.length} cost budget(s) exceeded`);
if (workerErrors.length || outcomes.length !== totalJobs) failures.push(`${workerErrors.length} worker failure(s); ${outcomes.length}/${totalJobs} files came back`);
if (failures.length) {
  console.log(`FAIL: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(args.check ? 'OK: no production-ready rule threw, and the cost is within budget.' : 'OK: no production-ready rule threw.');
