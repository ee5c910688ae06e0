// Deterministic selection of third-party source files shipped inside node_modules, for the smoke
// test. "Deterministic" means: a fixed package list, directory entries sorted by name, and no
// randomness, so two runs on the same lockfile lint exactly the same files in the same order.
import fs from 'node:fs';
import path from 'node:path';

import { NODE_MODULES } from './paths.js';

/**
 * Packages whose shipped files we lint, in this order. Scopes (`@nestjs`) mean every package in
 * the scope. They are server frameworks, front-end runtimes and tooling: code that uses CORS
 * headers, `Response`, `fetch`, route handlers and HTTP servers in every style a rule might meet,
 * written by people who never heard of this plugin. Missing packages are skipped silently, so the
 * script survives dependency bumps.
 */
export const PACKAGES = [
  'next', '@next', 'hono', 'fastify', '@fastify', 'express', 'router', 'body-parser', 'cors',
  'koa', '@koa', '@nestjs', 'rxjs', '@supabase', 'react', 'react-dom', 'scheduler', 'pino',
  'find-my-way', 'light-my-request', 'avvio', 'typescript-eslint', '@typescript-eslint', 'eslint',
  '@eslint', 'vitest', '@vitest', 'vite', 'ajv', 'fast-json-stringify', 'styled-jsx',
];

const SOURCE_EXT = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
// Type-level test files (`*.tst.ts`, `*.test-d.ts`) are ordinary TypeScript and stay in.
const TS_EXT = /\.(?:[cm]?ts|tsx)$/;

export const MAX_BYTES = 1024 * 1024;

/**
 * Minified or bundled output (next/dist/compiled is full of it) parses as one giant line; it
 * would dominate the run time while adding nothing a readable file does not already cover.
 * Shared with the field run (field-files.js), where apps commit some (vendored widgets).
 */
export function looksMinified(text) {
  if (text.length < 2000) return false;
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    longest = Math.max(longest, i - start);
    start = i + 1;
    lines += 1;
  }
  longest = Math.max(longest, text.length - start);
  return text.length / lines > 300 || longest > 20_000;
}

/**
 * Every file below `dir`, in name order, not following symlinks; `skipDir(name)` prunes folders.
 * Shared with the field run (field-files.js).
 */
export function* walkFiles(dir, skipDir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipDir(entry.name)) yield* walkFiles(full, skipDir);
    } else if (entry.isFile()) {
      yield full;
    }
  }
}

// Nested node_modules are other packages (often duplicate versions): the package list decides.
const walk = (dir) => walkFiles(dir, (name) => name === 'node_modules' || name.startsWith('.'));

function packageDirs(name) {
  const dir = path.join(NODE_MODULES, name);
  if (!fs.existsSync(dir)) return [];
  if (!name.startsWith('@')) return [dir];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.isSymbolicLink())
    .map((e) => e.name)
    .sort()
    .map((n) => path.join(dir, n));
}

/**
 * @param {{ maxFiles?: number }} [options]
 * @returns {{ files: string[], tsFiles: string[], skipped: { large: number, minified: number, capped: number }, perPackage: Map<string, number> }}
 */
export function selectThirdPartyFiles({ maxFiles = Infinity } = {}) {
  const files = [];
  const skipped = { large: 0, minified: 0, capped: 0 };
  const perPackage = new Map();
  const seen = new Set();
  for (const name of PACKAGES) {
    for (const dir of packageDirs(name)) {
      const pkg = path.relative(NODE_MODULES, dir).split(path.sep).join('/');
      for (const file of walk(dir)) {
        if (!SOURCE_EXT.test(file) || DECLARATION.test(file) || file.includes('.min.')) continue;
        const real = fs.realpathSync(file);
        if (seen.has(real)) continue;
        seen.add(real);
        const { size } = fs.statSync(file);
        if (size > MAX_BYTES) {
          skipped.large += 1;
          continue;
        }
        if (looksMinified(fs.readFileSync(file, 'utf8'))) {
          skipped.minified += 1;
          continue;
        }
        files.push({ file, pkg });
      }
    }
  }
  // The typed mode draws from every selected TypeScript file, whatever --max-files says.
  const tsFiles = files.map((f) => f.file).filter((f) => TS_EXT.test(f));
  // A cap keeps an evenly strided sample, so a quick run still covers every package.
  let kept = files;
  if (files.length > maxFiles) {
    const stride = files.length / maxFiles;
    kept = Array.from({ length: maxFiles }, (_, i) => files[Math.floor(i * stride)]);
    skipped.capped = files.length - kept.length;
  }
  for (const { pkg } of kept) perPackage.set(pkg, (perPackage.get(pkg) ?? 0) + 1);
  return { files: kept.map((f) => f.file), tsFiles, skipped, perPackage };
}
