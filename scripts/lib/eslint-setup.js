// ESLint wiring shared by the smoke test and the benchmark: loading the built plugin, picking the
// ESLint major, and the flat-config pieces that surround the plugin's `strict` preset.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import tsParser from '@typescript-eslint/parser';

import { DIST_ENTRY, REPO_ROOT } from './paths.js';

export const PLUGIN_PREFIX = 'production-ready/';

/** Every extension @typescript-eslint/parser handles; `.d.ts` files are filtered out by callers. */
export const SOURCE_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx', '**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

/** Loads `dist/src/index.js`: the scripts test what `npm publish` would ship, not the sources. */
export async function loadPlugin() {
  if (!fs.existsSync(DIST_ENTRY)) {
    throw new Error(`${DIST_ENTRY} does not exist: run \`npm run build\` first (npm run smoke/bench do).`);
  }
  const mod = await import(pathToFileURL(DIST_ENTRY).href);
  const plugin = mod.default;
  if (!plugin?.configs?.strict?.rules) {
    throw new Error('dist/src/index.js has no default export with configs.strict.rules');
  }
  return plugin;
}

/** The `production-ready/*` rule ids the strict preset enables. */
export function strictRuleIds(plugin) {
  return Object.keys(plugin.configs.strict.rules).filter((id) => id.startsWith(PLUGIN_PREFIX)).sort();
}

/**
 * ESLint 10 is `eslint`; ESLint 9 is installed under the alias `eslint-v9`. The peer range covers
 * both, so `--eslint=9` lets either script run against the older major.
 */
export async function loadESLint(major = 10) {
  const name = major === 9 ? 'eslint-v9' : 'eslint';
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve(`${name}/package.json`, { paths: [REPO_ROOT] });
  const { version } = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
  const mod = await import(name);
  return { ESLint: mod.ESLint ?? mod.default.ESLint, version };
}

/**
 * Config objects that go before the preset. The preset itself has no `files` and no parser (by
 * design: users combine it with their own), so the harness supplies both.
 *
 * @param {{ parserOptions?: object, unignoreNodeModules?: boolean }} options
 */
export function harnessConfigs({ parserOptions = {}, unignoreNodeModules = false } = {}) {
  const configs = [];
  if (unignoreNodeModules) {
    // ESLint's built-in `ignores: ["**/node_modules/"]` lives in its *base* config, which the
    // `ignore: false` constructor option does NOT turn off (it only drops user ignore patterns,
    // checked in ESLint 10.15). Un-ignoring with a negated global ignore pattern is what works,
    // in ESLint 9 and 10 alike, and is what ESLint's own warning message suggests.
    configs.push({ name: 'harness/unignore-node_modules', ignores: ['!**/node_modules/'] });
  }
  configs.push(
    {
      name: 'harness/typescript-parser',
      files: SOURCE_FILES,
      languageOptions: { parser: tsParser, sourceType: 'module', parserOptions },
    },
    {
      // Mirrors ESLint's own defaults: .cjs is CommonJS (top-level `return`, `require` scope).
      name: 'harness/commonjs',
      files: ['**/*.cjs', '**/*.cts'],
      languageOptions: { sourceType: 'commonjs' },
    },
  );
  return configs;
}

/**
 * Options common to every ESLint instance the scripts create.
 * - `overrideConfigFile: true`: ignore any eslint.config.* in the repo; the run is fully described here.
 * - `allowInlineConfig: false`: third-party files carry `/* eslint rule: 2 *\/` comments that would
 *   switch core rules on, and `eslint-disable` comments for plugins we don't load. Unlike
 *   `linterOptions.noInlineConfig`, this constructor option ignores them without a warning each.
 */
export function eslintOptions(overrideConfig, extra = {}) {
  return {
    cwd: REPO_ROOT,
    overrideConfigFile: true,
    allowInlineConfig: false,
    overrideConfig,
    ...extra,
  };
}

export function isOurRuleCrash(error) {
  return typeof error?.message === 'string' && error.message.includes(`Rule: "${PLUGIN_PREFIX}`);
}

/** Parses `--name=value` / `--flag` arguments. */
export function parseArgs(argv = process.argv.slice(2)) {
  const args = {};
  for (const arg of argv) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`Unknown argument: ${arg}`);
    args[match[1]] = match[2] ?? true;
  }
  return args;
}

export function formatMs(ms) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
}

/** Renders rows as an aligned text table; numbers right-aligned. */
export function table(header, rows) {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const numeric = header.map((_, i) => rows.every((row) => typeof row[i] === 'number' || /^[\d.,%\s+-]+(ms|s|%|x)?$/.test(String(row[i]))));
  const line = (row) => row.map((cell, i) => (numeric[i] && rows.length ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
