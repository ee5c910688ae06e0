/**
 * The install footprint budget: what installing the plugin adds to a project that already has
 * `eslint`, `typescript` and `typescript-eslint` (the peers every user of a TypeScript ESLint
 * setup has). That is the unpacked size of the package npm would publish (`npm pack --dry-run`, of
 * the built `dist/`) plus the installed size of every runtime dependency, followed through their
 * own dependencies, that those three do not already bring. Dependencies are measured in the
 * installed `node_modules` tree (what `npm ci` laid out from the lockfile): no network.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

/** 10 MB, in bytes (decimal megabytes, as npm prints sizes). */
const BUDGET_BYTES = 10_000_000;
/** What a user of the plugin already has installed. */
const PROVIDED = ['eslint', 'typescript', 'typescript-eslint'];

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Manifest {
  readonly name: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Where `name` resolves from a package directory: Node's lookup through the parent `node_modules` folders. */
function resolvePackage(name: string, from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The installed packages a set of packages needs at run time: their `dependencies`, installed
 * `optionalDependencies` and non-optional `peerDependencies` (npm installs those), transitively.
 * A dependency that is not installed is an error, except an optional one.
 */
function closure(roots: readonly string[], from: string): Map<string, string> {
  const found = new Map<string, string>();
  const queue = roots.map((name) => ({ name, from, optional: false }));
  for (let item = queue.shift(); item; item = queue.shift()) {
    const dir = resolvePackage(item.name, item.from);
    if (dir === null) {
      if (item.optional) continue;
      throw new Error(`${item.name} (needed from ${path.relative(ROOT, item.from) || '.'}) is not installed: run npm ci`);
    }
    if (found.has(dir)) continue;
    found.set(dir, item.name);
    const manifest = readManifest(dir);
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter((name) => manifest.peerDependenciesMeta?.[name]?.optional !== true);
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...peers]) queue.push({ name, from: dir, optional: false });
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) queue.push({ name, from: dir, optional: true });
  }
  return found;
}

/** Bytes of the files of an installed package, without its nested `node_modules` (packages of their own). */
function installedSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += installedSize(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

/** `npm pack --dry-run --json`: the files npm would publish, and their unpacked size. */
function packedPlugin(): { unpackedSize: number; entryCount: number } {
  const args = ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'];
  // Under `npm test`, npm says where it is; otherwise the `npm` on PATH.
  const npmCli = process.env.npm_execpath;
  const result =
    npmCli && /npm-cli\.[cm]?js$/u.test(npmCli)
      ? spawnSync(process.execPath, [npmCli, ...args], { cwd: ROOT, encoding: 'utf8' })
      : spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`npm pack --dry-run failed: ${result.stderr}`);
  const [pack] = JSON.parse(result.stdout) as { unpackedSize: number; entryCount: number }[];
  if (!pack) throw new Error(`npm pack --dry-run printed no package: ${result.stdout}`);
  return pack;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

describe('install footprint', () => {
  it(`adds at most ${megabytes(BUDGET_BYTES)} to a project with ${PROVIDED.join(', ')}`, () => {
    if (!existsSync(path.join(ROOT, 'dist/src/index.js'))) {
      throw new Error('The footprint counts the BUILT package: run `npm run build` first (`npm test` does).');
    }
    const plugin = packedPlugin();
    const provided = closure(PROVIDED, ROOT);
    const runtime = closure(Object.keys(readManifest(ROOT).dependencies ?? {}), ROOT);
    const added = [...runtime].filter(([dir]) => !provided.has(dir)).map(([dir, name]) => ({ name, bytes: installedSize(dir) }));
    const total = plugin.unpackedSize + added.reduce((sum, dependency) => sum + dependency.bytes, 0);
    const breakdown = [
      `eslint-plugin-production-ready (packed, ${String(plugin.entryCount)} files): ${megabytes(plugin.unpackedSize)}`,
      ...added.sort((a, b) => b.bytes - a.bytes).map((dependency) => `${dependency.name}: ${megabytes(dependency.bytes)}`),
      `total: ${megabytes(total)} of ${megabytes(BUDGET_BYTES)}`,
    ].join('\n');
    expect(total, `install footprint over budget:\n${breakdown}`).toBeLessThanOrEqual(BUDGET_BYTES);
    // The plugin itself must be part of it: a pack that lost dist/ would pass for the wrong reason.
    expect(plugin.unpackedSize).toBeGreaterThan(100_000);
  });
});
