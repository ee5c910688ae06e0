// Worker thread for scripts/field.js: lints its share of the field set's files one at a time with
// ESLint's Linter class, in three configurations per file (the parser alone, `recommended`,
// `strict`), and posts each file's outcome to the main thread, which aggregates and prints.
//
// Why the Linter class and not ESLint: the cost measurement wants the parser and the rules, not
// ESLint's file lookup, config loading and result objects, and the Linter makes the per-file A/B
// comparison of two configurations exact (same text, same filename, same process, back to back).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

import { Linter } from 'eslint';

import { harnessConfigs, loadPlugin, PLUGIN_PREFIX } from './eslint-setup.js';

const { jobs, warmup, repeats, rulesOnly } = workerData;

const plugin = await loadPlugin();

/**
 * ESLint's FlatConfigArray, so each configuration is normalized once per app, as the ESLint CLI
 * does, instead of on every `verify()` call (which is what `verify()` does with a plain array, and
 * which would add config merging and rule-option validation to every measured lint). It is not a
 * public export: without it (a future ESLint moving the file) plain arrays still work, only slower.
 */
function loadFlatConfigArray() {
  try {
    const require = createRequire(import.meta.url);
    const eslintRoot = path.dirname(require.resolve('eslint/package.json'));
    return require(path.join(eslintRoot, 'lib', 'config', 'flat-config-array.js')).FlatConfigArray;
  } catch {
    return null;
  }
}
const FlatConfigArray = loadFlatConfigArray();
if (!FlatConfigArray) parentPort.postMessage({ type: 'note', text: 'eslint/lib/config/flat-config-array.js not found: configs are normalized on every verify() call' });

const PRESETS = { base: [], recommended: [plugin.configs.recommended], strict: [plugin.configs.strict] };

/**
 * Typed mode. typescript-estree keeps ONE project service per thread, created with the options of
 * the first typed parse, and matches `allowDefaultProject` against each file's path relative to
 * that parse's `tsconfigRootDir`. The first attempt uses the app root, where no relative path
 * starts with `../`, so nothing matches the default project and every file a tsconfig includes
 * gets that tsconfig's program. A file no tsconfig includes ("was not found by the project
 * service") is linted again with `tsconfigRootDir` set to a (non-existent) folder inside its own
 * directory: its relative path is then `../name.ext`, which the globs below match, and it gets the
 * default project (an inferred program with the root tsconfig's compiler options).
 */
const DEFAULT_PROJECT_DIR = '.field-default-project';
const PROJECT_SERVICE = {
  allowDefaultProject: ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'].map((ext) => `../*.${ext}`),
  maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 100_000,
};
const NOT_FOUND = 'was not found by the project service';

/** One Linter and the three normalized configurations, for one app and one set of parser options. */
function createContext(root, parserOptions, mode) {
  const configs = {};
  for (const [preset, extra] of Object.entries(PRESETS)) {
    const array = [
      ...harnessConfigs({ parserOptions }),
      {
        // typescript-estree decides JSX by extension for the extensions it knows; for .js this
        // states it anyway: React apps put JSX in .js files.
        name: 'field/jsx',
        files: ['**/*.js', '**/*.jsx', '**/*.tsx'],
        languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      },
      { name: 'field/linter-options', linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' } },
      ...extra,
    ];
    if (FlatConfigArray) {
      configs[preset] = new FlatConfigArray(array, { basePath: root });
      configs[preset].normalizeSync();
    } else {
      configs[preset] = array;
    }
  }
  return { linter: new Linter({ cwd: root }), configs, mode };
}

const contexts = new Map();
function contextFor(job, kind) {
  const key = `${job.app}\0${kind}${kind === 'default-project' ? `\0${path.dirname(job.path)}` : ''}`;
  let ctx = contexts.get(key);
  if (!ctx) {
    let parserOptions = {};
    if (kind === 'tsconfig') parserOptions = { projectService: PROJECT_SERVICE, tsconfigRootDir: job.root };
    if (kind === 'default-project') {
      const dir = path.join(job.root, path.dirname(job.path), DEFAULT_PROJECT_DIR);
      parserOptions = { projectService: PROJECT_SERVICE, tsconfigRootDir: dir };
    }
    ctx = createContext(job.root, parserOptions, kind);
    contexts.set(key, ctx);
  }
  return ctx;
}

/** `allowInlineConfig: false`: the apps' eslint-disable comments name plugins we do not load. */
function lintOnce(ctx, preset, code, filename, { exclude, stats = false } = {}) {
  const options = { filename, allowInlineConfig: false };
  if (exclude?.size) options.ruleFilter = ({ ruleId }) => !exclude.has(ruleId);
  // ESLint 10.15's verify() with `stats: true` throws (its time store expects the fix-pass
  // counter that only verifyAndFix() sets up); verifyAndFix() without fixing is what ESLint uses.
  if (stats) return ctx.linter.verifyAndFix(code, ctx.configs[preset], { ...options, fix: false, stats: true }).messages;
  return ctx.linter.verify(code, ctx.configs[preset], options);
}

/** The rule an exception came from: a listener's carries `Rule: "..."`, a create()'s is "Error while loading rule '...'". */
function crashedRule(error) {
  if (typeof error?.ruleId === 'string') return error.ruleId;
  const message = String(error?.message ?? '');
  return /\nRule: "([^"]+)"/.exec(message)?.[1] ?? /^Error while loading rule '([^']+)'/.exec(message)?.[1] ?? null;
}

const firstLine = (text) => String(text).split('\n')[0];
const stackOf = (error) => String(error?.stack ?? error).split('\n').slice(0, 12).join('\n');

/**
 * Lints, and when one of our rules throws, records the crash and lints again without that rule,
 * so the file's other reports still count. Returns null when something else threw.
 */
function lintSafely(ctx, preset, code, filename, outcome, exclude = new Set()) {
  for (;;) {
    try {
      return { messages: lintOnce(ctx, preset, code, filename, { exclude }), exclude };
    } catch (error) {
      const ruleId = crashedRule(error);
      if (ruleId?.startsWith(PLUGIN_PREFIX) && !exclude.has(ruleId)) {
        outcome.crashes.push({ preset, rule: ruleId.slice(PLUGIN_PREFIX.length), message: firstLine(error?.message ?? error), stack: stackOf(error) });
        exclude.add(ruleId);
        continue;
      }
      outcome.exceptions.push({ preset, message: firstLine(error?.message ?? error), stack: stackOf(error) });
      return { messages: null, exclude };
    }
  }
}

function collect(messages, preset, outcome) {
  for (const m of messages) {
    if (m.ruleId?.startsWith(PLUGIN_PREFIX)) {
      outcome.reports.push({
        preset,
        line: m.line,
        column: m.column,
        rule: m.ruleId.slice(PLUGIN_PREFIX.length),
        messageId: m.messageId ?? null,
        message: m.message,
      });
    } else if (m.fatal) {
      outcome.parseError ??= `${m.line}:${m.column} ${firstLine(m.message)}`;
    } else {
      // A foreign rule, "no matching configuration", an inline-config warning: the harness is wrong.
      outcome.other.push(`${preset}: ${m.ruleId ?? '(no rule)'}: ${firstLine(m.message)}`);
    }
  }
}

/**
 * `--rules-only`: the rules' cost with parsing left out. Each lint parses the file with the parser
 * alone (untimed) for a new SourceCode (so nothing cached by the rules per syntax tree carries over),
 * then lints that SourceCode again, timed, with no rules (ra) or with `recommended` (rb), alternating
 * which goes first; each keeps its fastest time.
 */
function rulesAlone(ctx, code, filename, index) {
  const best = {};
  for (let r = 0; r < repeats; r += 1) {
    for (const preset of (index + r) % 2 === 0 ? ['base', 'recommended'] : ['recommended', 'base']) {
      lintOnce(ctx, 'base', code, filename);
      const sourceCode = ctx.linter.getSourceCode();
      const start = performance.now();
      ctx.linter.verify(sourceCode, ctx.configs[preset], { filename, allowInlineConfig: false });
      best[preset] = Math.min(best[preset] ?? Infinity, performance.now() - start);
    }
  }
  return { ra: best.base, rb: best.recommended };
}

/** Typed jobs: finds the context that gives this file type information, or falls back to none. */
function typedContext(job, code, filename, outcome) {
  for (const kind of ['tsconfig', 'default-project']) {
    const ctx = contextFor(job, kind);
    let messages;
    try {
      messages = lintOnce(ctx, 'base', code, filename);
    } catch (error) {
      outcome.exceptions.push({ preset: 'base', message: firstLine(error?.message ?? error), stack: stackOf(error) });
      return null;
    }
    const fatal = messages.find((m) => m.fatal);
    if (fatal?.message.includes(NOT_FOUND)) continue;
    outcome.typeInfo = ctx.linter.getSourceCode()?.parserServices?.program != null ? kind : 'none';
    return ctx;
  }
  outcome.typeInfo = 'none';
  outcome.notes.push('no project would take this file: linted without type information');
  return contextFor(job, 'untyped');
}

function lintFile(job, index) {
  const outcome = {
    type: 'file',
    app: job.app,
    path: job.path,
    mode: job.typed ? 'typed' : 'untyped',
    parseError: null,
    reports: [],
    crashes: [],
    exceptions: [],
    other: [],
    notes: [],
    time: null,
    stats: null,
  };
  const filename = path.join(job.root, job.path);
  let code;
  try {
    code = fs.readFileSync(filename, 'utf8');
  } catch (error) {
    outcome.exceptions.push({ preset: 'read', message: firstLine(error?.message ?? error), stack: stackOf(error) });
    return outcome;
  }
  const ctx = job.typed ? typedContext(job, code, filename, outcome) : contextFor(job, 'untyped');
  if (!ctx) return outcome;

  // Cost: the parser alone (a) and `recommended` (b), back to back, alternating which goes first
  // (ABBA with the default 2 repeats); each keeps its fastest time, so one GC pause or scheduler
  // hiccup in a 10 ms lint does not decide a small app's ratio.
  const time = {};
  // The first lint of the file in each configuration, kept apart: what CI pays, where every file is
  // linted once, before any cache keyed by the file (its path role, say) has seen it.
  const firstTime = {};
  const messagesOf = {};
  let crashed = false;
  for (let r = 0; r < repeats && !crashed; r += 1) {
    const order = (index + r) % 2 === 0 ? ['base', 'recommended'] : ['recommended', 'base'];
    for (const preset of order) {
      const start = performance.now();
      try {
        const messages = lintOnce(ctx, preset, code, filename);
        const ms = performance.now() - start;
        messagesOf[preset] ??= messages;
        time[preset] = Math.min(time[preset] ?? Infinity, ms);
        firstTime[preset] ??= ms;
      } catch {
        // Re-linted below with the crash recorded; this file's times are left out of the ratio.
        crashed = true;
      }
    }
    if ([...(messagesOf.base ?? []), ...(messagesOf.recommended ?? [])].some((m) => m.fatal)) break;
  }
  const fatal = [...(messagesOf.base ?? []), ...(messagesOf.recommended ?? [])].find((m) => m.fatal);
  if (fatal) {
    outcome.parseError = `${fatal.line}:${fatal.column} ${firstLine(fatal.message)}`;
    return outcome;
  }
  if (!crashed && time.base !== undefined && time.recommended !== undefined) {
    outcome.time = { a: time.base, b: time.recommended, aFirst: firstTime.base, bFirst: firstTime.recommended };
    if (rulesOnly) Object.assign(outcome.time, rulesAlone(ctx, code, filename, index));
  }
  if (messagesOf.base) collect(messagesOf.base, 'base', outcome);

  let recommended = { messages: messagesOf.recommended, exclude: new Set() };
  if (!recommended.messages) recommended = lintSafely(ctx, 'recommended', code, filename, outcome);
  if (recommended.messages) collect(recommended.messages, 'recommended', outcome);

  const strict = lintSafely(ctx, 'strict', code, filename, outcome);
  if (strict.messages) collect(strict.messages, 'strict', outcome);

  // Per-rule time: ESLint's stats for `recommended` (separate lints, so the wrappers stats put
  // around every listener do not inflate the A/B times above), as many as the A/B pairs, each
  // rule and the parse keeping their fastest time like (a) and (b).
  if (recommended.messages) {
    try {
      const stats = { parse: Infinity, rules: {} };
      for (let r = 0; r < repeats; r += 1) {
        lintOnce(ctx, 'recommended', code, filename, { exclude: recommended.exclude, stats: true });
        const pass = ctx.linter.getTimes().passes[0] ?? {};
        stats.parse = Math.min(stats.parse, pass.parse?.total ?? 0);
        for (const [id, { total }] of Object.entries(pass.rules ?? {})) {
          const rule = id.slice(PLUGIN_PREFIX.length);
          stats.rules[rule] = Math.min(stats.rules[rule] ?? Infinity, total);
        }
      }
      outcome.stats = stats;
    } catch {
      // A crash here was already recorded by the lints above.
    }
  }
  return outcome;
}

// Warm-up: the first files of this worker's untyped share, once per timed configuration and not
// reported, so the JIT has compiled the parser and the rules before anything is measured.
const warm = jobs.filter((j) => !j.typed).slice(0, warmup);
for (const job of warm) {
  try {
    const code = fs.readFileSync(path.join(job.root, job.path), 'utf8');
    const ctx = contextFor(job, 'untyped');
    for (const preset of ['base', 'recommended']) lintOnce(ctx, preset, code, path.join(job.root, job.path));
  } catch {
    // Whatever goes wrong here happens again, and is recorded, in the measured run.
  }
}

for (const [index, job] of jobs.entries()) {
  let outcome;
  try {
    outcome = lintFile(job, index);
  } catch (error) {
    outcome = {
      type: 'file',
      app: job.app,
      path: job.path,
      mode: job.typed ? 'typed' : 'untyped',
      parseError: null,
      reports: [],
      crashes: [],
      exceptions: [{ preset: 'harness', message: firstLine(error?.message ?? error), stack: stackOf(error) }],
      other: [],
      notes: [],
      time: null,
      stats: null,
    };
  }
  parentPort.postMessage(outcome);
}
parentPort.postMessage({ type: 'done' });
