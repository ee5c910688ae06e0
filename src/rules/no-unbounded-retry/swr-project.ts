import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { projectRoot } from '../../analysis/schema-sources.js';
import { SWR_RETRY_KEYS } from '../../knowledge/retry.js';

/**
 * Where a project configures SWR: the production source files that render an `SWRConfig` element
 * imported from `swr`, and which of them set its error retry (`errorRetryCount`, `onErrorRetry`,
 * `shouldRetryOnError`). Found once per project root (the nearest folder with a `package.json`)
 * and process, by reading the project's `.js`/`.jsx`/`.tsx` files (tests, stories, fixtures,
 * generated and built folders skipped); re-read when a folder or a configuring file changes.
 * Anything unreadable is skipped: this never throws.
 */
export interface SwrProject {
  /** Absolute paths of the files that render `<SWRConfig>`. */
  readonly configFiles: readonly string[];
  /** The subset that mentions a retry key: the app bounds (or decides) the retry there. */
  readonly boundedFiles: readonly string[];
}

const EMPTY: SwrProject = { configFiles: [], boundedFiles: [] };
const EXTENSIONS = /\.(?:[cm]?jsx?|tsx)$/u;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'storybook-static', 'generated', '__generated__', '__tests__', '__mocks__', '__fixtures__', 'test', 'tests', 'e2e', 'cypress', 'playwright', 'fixtures', 'mocks', 'stories']);
/** Test, story and fixture files by name (the folders above are not entered). */
const SKIPPED_FILES = /\.(?:test|spec|stories|story|e2e|cy|fixture|mock)\.[cm]?[jt]sx?$/u;
const TEST_IMPORT = /from\s+['"](?:vitest|@jest\/globals|@testing-library\/[^'"]+|@storybook\/[^'"]+)['"]/u;
const CONFIG_ELEMENT = /<SWRConfig[\s>]/u;
const SWR_IMPORT = /from\s+['"]swr['"]|require\(\s*['"]swr['"]\s*\)/u;
const RETRY_KEY = new RegExp(`\\b(?:${SWR_RETRY_KEYS.join('|')})\\b`, 'u');
const MAX_FILES = 20_000;
const MAX_DEPTH = 12;
const MAX_FILE_BYTES = 1024 * 1024;

interface CacheEntry {
  readonly project: SwrProject;
  /** Folders and configuring files with their mtimes: a change re-reads the project. */
  readonly stamps: ReadonlyMap<string, number>;
  checkedAt: number;
}

const cache = new Map<string, CacheEntry>();
let recheckIntervalMs = 1000;
let scans = 0;

/** For tests: compare the stamps on every call (0) or at the default interval. */
export function setSwrRecheckInterval(milliseconds: number): void {
  recheckIntervalMs = milliseconds;
}

/** How many times a project was scanned in this process: for tests of the cache. */
export function swrProjectScans(): number {
  return scans;
}

/** The SWR configuration of the project that `filename` belongs to. */
export function swrProjectOf(filename: string): SwrProject {
  const root = projectRoot(filename);
  if (root === null) return EMPTY;
  const cached = cache.get(root);
  if (cached) {
    const now = Date.now();
    if (now - cached.checkedAt < recheckIntervalMs) return cached.project;
    if ([...cached.stamps].every(([file, mtime]) => mtimeOf(file) === mtime)) {
      cached.checkedAt = now;
      return cached.project;
    }
  }
  const entry = scan(root);
  cache.set(root, entry);
  return entry.project;
}

function scan(root: string): CacheEntry {
  scans++;
  const stamps = new Map<string, number>();
  const configFiles: string[] = [];
  const boundedFiles: string[] = [];
  let files = 0;
  const visit = (folder: string, depth: number): void => {
    stamps.set(folder, mtimeOf(folder));
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files >= MAX_FILES) return;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) visit(full, depth + 1);
      } else if (entry.isFile() && EXTENSIONS.test(entry.name) && !SKIPPED_FILES.test(entry.name)) {
        files++;
        const text = read(full);
        if (text === null || !CONFIG_ELEMENT.test(text) || !SWR_IMPORT.test(text) || TEST_IMPORT.test(text)) continue;
        configFiles.push(full);
        stamps.set(full, mtimeOf(full));
        if (RETRY_KEY.test(text)) boundedFiles.push(full);
      }
    }
  };
  visit(root, 0);
  return { project: { configFiles, boundedFiles }, stamps, checkedAt: Date.now() };
}

/** The text of a file that renders `<SWRConfig` (checked on the bytes first), or null. */
function read(file: string): string | null {
  try {
    const bytes = readFileSync(file);
    if (bytes.length > MAX_FILE_BYTES || bytes.indexOf('<SWRConfig') === -1) return null;
    return bytes.toString('utf8');
  } catch {
    return null;
  }
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
