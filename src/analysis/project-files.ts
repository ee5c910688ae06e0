import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

import type { TSESTree } from '@typescript-eslint/utils';

/**
 * The user's project files as the rules see them beyond the linted file: whether a file exists,
 * and other modules parsed once per version. Shared by every reader (constants and Drizzle tables
 * from imported modules, custom hooks, path aliases), so a module imported by a thousand files is
 * parsed once per process, and a lookup does not touch the disk again within the recheck interval.
 * Anything unreadable or unparseable is null: this never throws.
 */
export interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
}

/**
 * How long a file's stamp holds: within one lint run thousands of lookups share one `stat`, and an
 * editor that re-lints after another file changed sees the change at most this late.
 */
let recheckIntervalMs = 1000;

/** For tests: stat on every lookup (0) or at the default interval. */
export function setProjectFileRecheckInterval(milliseconds: number): void {
  recheckIntervalMs = milliseconds;
}

const stamps = new Map<string, { stamp: FileStamp | null; checkedAt: number }>();

/** A regular file's modification time and size, or null when it is missing or not a file. */
export function fileStamp(fileName: string): FileStamp | null {
  const now = Date.now();
  const cached = stamps.get(fileName);
  if (cached && now - cached.checkedAt < recheckIntervalMs) return cached.stamp;
  let stamp: FileStamp | null = null;
  try {
    // `throwIfNoEntry: false`: most lookups are candidates that do not exist (`x.ts`, `x.tsx`,
    // `x/index.ts`…), and an exception per miss costs more than the `stat` itself.
    const stats = statSync(fileName, { throwIfNoEntry: false });
    if (stats?.isFile()) {
      const previous = cached?.stamp;
      // The same object while the file is unchanged: callers key their caches on it.
      stamp = previous?.mtimeMs === stats.mtimeMs && previous.size === stats.size ? previous : { mtimeMs: stats.mtimeMs, size: stats.size };
    }
  } catch {
    stamp = null;
  }
  stamps.set(fileName, { stamp, checkedAt: now });
  return stamp;
}

type Parse = typeof import('@typescript-eslint/typescript-estree').parse;

const require = createRequire(import.meta.url);
let parser: Parse | null | undefined;

/**
 * typescript-estree needs the `typescript` package, which is an optional peer of this plugin: it
 * is loaded on first use only, and a project without TypeScript simply gets no foreign modules.
 */
function loadParser(): Parse | null {
  if (parser === undefined) {
    try {
      parser = (require('@typescript-eslint/typescript-estree') as { parse: Parse }).parse;
    } catch {
      parser = null;
    }
  }
  return parser;
}

const MAX_MODULE_BYTES = 512 * 1024;
const programs = new Map<string, { readonly stamp: FileStamp; readonly program: TSESTree.Program | null }>();
let parseCount = 0;

/**
 * Another module of the user's project, parsed (with ranges and locations, without tokens), or
 * null when it is missing, too large, a declaration file or not parseable. Parsed again only when
 * its stamp changes.
 */
export function parseProjectModule(fileName: string): TSESTree.Program | null {
  const stamp = fileStamp(fileName);
  if (!stamp) return null;
  const cached = programs.get(fileName);
  if (cached?.stamp === stamp) return cached.program;
  let program: TSESTree.Program | null = null;
  const parse = loadParser();
  if (parse && stamp.size <= MAX_MODULE_BYTES && !fileName.endsWith('.d.ts')) {
    try {
      parseCount++;
      program = parse(readFileSync(fileName, 'utf8'), { jsx: /\.[jt]sx$/u.test(fileName), range: true, loc: true });
    } catch {
      program = null;
    }
  }
  programs.set(fileName, { stamp, program });
  return program;
}

/** How many modules were parsed so far in this process: for tests of the cache. */
export function projectModuleParses(): number {
  return parseCount;
}

/** Test hook: forget every stamp and parsed module (tests rewrite fixture files). */
export function clearProjectFiles(): void {
  stamps.clear();
  programs.clear();
}
