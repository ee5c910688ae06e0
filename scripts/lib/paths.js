// Paths shared by the smoke test and the benchmark. Everything is resolved from this file's URL,
// so the scripts work from any clone and any working directory.
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NODE_MODULES = path.join(REPO_ROOT, 'node_modules');
export const DIST_ENTRY = path.join(REPO_ROOT, 'dist', 'src', 'index.js');
export const BENCH_CORPUS = path.join(REPO_ROOT, 'bench-corpus');

/** Repo-relative path with forward slashes, for printing. */
export function rel(file) {
  return path.relative(REPO_ROOT, file).split(path.sep).join('/');
}

export { pathToFileURL };
