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

const UNRESOLVED_SEGMENT = /(?:^|[/\\])\.\.?(?:[/\\]|$)|[/\\]{2}/u;

/**
 * Whether a path has a `.` or `..` segment or a doubled separator (either separator): what
 * `path.resolve` and `path.relative` would change. A path without any is compared and cut as it is.
 */
export function hasUnresolvedSegments(filePath: string): boolean {
  return UNRESOLVED_SEGMENT.test(filePath);
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

/** Project files over this size are not read for what other modules hold (bundles, generated code). */
const MAX_PROJECT_FILE_BYTES = 512 * 1024;

/** A value read from project files, computed once per version of each file (see `derivedFromProjectFile`). */
export interface ProjectFileDerivation<T> {
  /** The value for this file, or null when it is missing, too large, or `derive` gave null or threw. */
  get(fileName: string): T | null;
  clear(): void;
}

/** Every derivation, so that `clearProjectFiles` forgets what each of them holds. */
const derivations = new Set<ProjectFileDerivation<unknown>>();

/**
 * A per-file value of the user's project files, derived again only when a file's stamp changes:
 * `derive` gets the file name and a reader for its text (not read unless asked), and may throw.
 */
export function derivedFromProjectFile<T>(derive: (fileName: string, text: () => string) => T | null): ProjectFileDerivation<T> {
  const values = new Map<string, { readonly stamp: FileStamp; readonly value: T | null }>();
  const derivation: ProjectFileDerivation<T> = {
    get(fileName) {
      const stamp = fileStamp(fileName);
      if (!stamp) return null;
      const cached = values.get(fileName);
      if (cached?.stamp === stamp) return cached.value;
      let value: T | null = null;
      if (stamp.size <= MAX_PROJECT_FILE_BYTES) {
        try {
          value = derive(fileName, () => readFileSync(fileName, 'utf8'));
        } catch {
          value = null;
        }
      }
      values.set(fileName, { stamp, value });
      return value;
    },
    clear() {
      values.clear();
    },
  };
  derivations.add(derivation);
  return derivation;
}

/** Resolutions remembered by `resolvedWithin`, by kind, until the recheck interval runs out. */
const resolutions = new Map<string, Map<string, { readonly value: string | null; readonly checkedAt: number }>>();
let resolutionCount = 0;

/**
 * A module resolution (`kind`: which resolver; `key`: what the answer depends on besides the disk,
 * such as the importing folder and the specifier), remembered for as long as a file's stamp is.
 * Resolving a specifier tries up to seventeen candidate files; a file that imports `@/lib/db` from
 * a hundred call sites, and a thousand files that import it from one folder, resolve it once.
 */
export function resolvedWithin(kind: string, key: string, resolve: () => string | null): string | null {
  let byKey = resolutions.get(kind);
  if (!byKey) {
    byKey = new Map();
    resolutions.set(kind, byKey);
  }
  const now = Date.now();
  const cached = byKey.get(key);
  if (cached && now - cached.checkedAt < recheckIntervalMs) return cached.value;
  resolutionCount++;
  const value = resolve();
  byKey.set(key, { value, checkedAt: now });
  return value;
}

/** How many resolutions were computed (not remembered) so far in this process: for tests of the memo. */
export function projectResolutions(): number {
  return resolutionCount;
}

/** Forget the resolutions of one kind (a resolver whose configuration was forgotten). */
export function forgetResolutions(kind: string): void {
  resolutions.delete(kind);
}

let parseCount = 0;

/**
 * Parsed modules are kept only briefly. A whole `Program` with locations is about 150 KB, and a
 * process that kept every module it read held tens of megabytes more, which slowed every later
 * garbage collection, parsing included. Readers keep what they draw from a module
 * (`projectModuleIndex`); the last few Programs are kept so that two readers of one module share a parse.
 */
const RECENT_PROGRAMS = 8;
const recentPrograms = new Map<string, { readonly stamp: FileStamp; readonly program: TSESTree.Program | null }>();

/**
 * Another module of the user's project, parsed (with ranges and locations, without tokens), or
 * null when it is missing, too large, a declaration file or not parseable. Not kept for long: a
 * reader that asks again and again keeps what it needs with `projectModuleIndex`.
 */
export function parseProjectModule(fileName: string): TSESTree.Program | null {
  const stamp = fileStamp(fileName);
  if (!stamp) return null;
  const recent = recentPrograms.get(fileName);
  if (recent?.stamp === stamp) {
    // Most recently used last.
    recentPrograms.delete(fileName);
    recentPrograms.set(fileName, recent);
    return recent.program;
  }
  let program: TSESTree.Program | null = null;
  const parse = stamp.size <= MAX_PROJECT_FILE_BYTES && !fileName.endsWith('.d.ts') ? loadParser() : null;
  if (parse) {
    try {
      parseCount++;
      program = parse(readFileSync(fileName, 'utf8'), { jsx: /\.[jt]sx$/u.test(fileName), range: true, loc: true });
    } catch {
      program = null;
    }
  }
  recentPrograms.delete(fileName);
  recentPrograms.set(fileName, { stamp, program });
  // The least recently used is first.
  for (const oldest of recentPrograms.keys()) {
    if (recentPrograms.size <= RECENT_PROGRAMS) break;
    recentPrograms.delete(oldest);
  }
  return program;
}

/**
 * What a reader draws from another module of the project (its constants, its hooks), built from the
 * parsed module once per version of the file and kept without the rest of the `Program`.
 */
export function projectModuleIndex<T>(build: (fileName: string, program: TSESTree.Program) => T): ProjectFileDerivation<T> {
  return derivedFromProjectFile((fileName) => {
    const program = parseProjectModule(fileName);
    return program ? build(fileName, program) : null;
  });
}

/** How many modules were parsed so far in this process: for tests of the cache. */
export function projectModuleParses(): number {
  return parseCount;
}

/** Test hook: forget every stamp, resolution, parsed module and derived value (tests rewrite fixture files). */
export function clearProjectFiles(): void {
  stamps.clear();
  resolutions.clear();
  recentPrograms.clear();
  for (const derivation of derivations) derivation.clear();
}
