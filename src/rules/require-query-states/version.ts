import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The major version of TanStack Query a file is built against, read from the project: the
 * installed package (`node_modules/@tanstack/react-query/package.json`) or, failing that, the
 * dependency range in the nearest `package.json` that declares it. `react-query` (the package name
 * before v4) is v3. Defaults to 5, the current major, when nothing says otherwise. Cached per
 * directory: a project pays for a few file reads once.
 */
export function tanstackMajor(filename: string, source: string | null): number {
  if (source === 'react-query') return 3;
  if (!path.isAbsolute(filename)) return DEFAULT_MAJOR;
  return majorIn(path.dirname(filename), 0) ?? DEFAULT_MAJOR;
}

const DEFAULT_MAJOR = 5;
const PACKAGE = '@tanstack/react-query';
const cache = new Map<string, number | null>();

function majorIn(directory: string, depth: number): number | null {
  const cached = cache.get(directory);
  if (cached !== undefined) return cached;
  let found = installedMajor(directory) ?? declaredMajor(directory);
  if (found === null && depth < 40) {
    const parent = path.dirname(directory);
    if (parent !== directory) found = majorIn(parent, depth + 1);
  }
  cache.set(directory, found);
  return found;
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function installedMajor(directory: string): number | null {
  const manifest = readJson(path.join(directory, 'node_modules', PACKAGE, 'package.json'));
  return manifest && typeof manifest.version === 'string' ? majorOf(manifest.version) : null;
}

function declaredMajor(directory: string): number | null {
  const manifest = readJson(path.join(directory, 'package.json'));
  if (!manifest) return null;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const dependencies = manifest[field];
    if (typeof dependencies !== 'object' || dependencies === null) continue;
    const range = (dependencies as Record<string, unknown>)[PACKAGE];
    if (typeof range === 'string') return majorOf(range);
  }
  return null;
}

/** `^4.36.1` → 4, `~5.0.0` → 5, `>=4 <6` → 4; `latest`, `workspace:*` → null. */
export function majorOf(range: string): number | null {
  const match = /(\d+)(?:\.|\s|$|x)/u.exec(range.replace(/^npm:[^@]*@/u, ''));
  return match?.[1] === undefined ? null : Number(match[1]);
}
