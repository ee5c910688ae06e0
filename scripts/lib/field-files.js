// The field set's trees and the files the field run lints in each. A tree is one folder per app,
// extracted from one commit of a real application repository (field/extract.sh), with that commit
// in `.field-commit`. Deterministic: directory entries sorted by name, no randomness.
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './paths.js';
import { looksMinified, walkFiles } from './third-party-files.js';

export const DEFAULT_TREES = path.resolve(REPO_ROOT, '..', 'field-trees');

/** Build output, dependencies and tool caches: not the app's own code. */
export const EXCLUDED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '.next', 'out', 'coverage', '.turbo', '.vercel']);

const SOURCE_EXT = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
export const MAX_BYTES = 1024 * 1024;

/**
 * The trees directory: `--trees=DIR`, else $FIELD_TREES, else ../field-trees next to the repo.
 * Returns null when it does not exist (the field set is optional: nothing in CI needs it).
 */
export function findTreesDir(option) {
  const dir = option ? path.resolve(option) : process.env.FIELD_TREES ? path.resolve(process.env.FIELD_TREES) : DEFAULT_TREES;
  return fs.existsSync(dir) && fs.statSync(dir).isDirectory() ? dir : null;
}

/** Every app folder in the trees directory, with the commit its tree was extracted from. */
export function listApps(treesDir) {
  return fs
    .readdirSync(treesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const root = path.join(treesDir, name);
      const commitFile = path.join(root, '.field-commit');
      const commit = fs.existsSync(commitFile) ? fs.readFileSync(commitFile, 'utf8').trim() : '';
      return { name, root, commit };
    });
}

// Symlinks are not followed: a tree is plain files, and a link could point outside it.
const walk = (dir) => walkFiles(dir, (name) => EXCLUDED_DIRS.has(name));

/**
 * The files of one app that the field run lints: every JavaScript/TypeScript source but
 * declaration files, files over MAX_BYTES and minified ones. Tests, seeds, migrations, scripts and
 * configs stay in: how the rules behave on them is part of what the field run is for.
 *
 * @returns {{ files: string[], skipped: { large: number, minified: number, declarations: number } }}
 *   `files` relative to the app root, with `/`.
 */
export function selectAppFiles(appRoot) {
  const files = [];
  const skipped = { large: 0, minified: 0, declarations: 0 };
  for (const file of walk(appRoot)) {
    if (!SOURCE_EXT.test(file)) continue;
    if (DECLARATION.test(file)) {
      skipped.declarations += 1;
      continue;
    }
    if (fs.statSync(file).size > MAX_BYTES) {
      skipped.large += 1;
      continue;
    }
    if (file.includes('.min.') || looksMinified(fs.readFileSync(file, 'utf8'))) {
      skipped.minified += 1;
      continue;
    }
    files.push(path.relative(appRoot, file).split(path.sep).join('/'));
  }
  return { files, skipped };
}
