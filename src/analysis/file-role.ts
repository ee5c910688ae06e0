import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { BANNER_WORDS, FILE_ROLE_IMPORTS, FILE_ROLE_PATHS, FILE_ROLES, GENERATED_BANNERS, type FileRole } from '../knowledge/file-roles.js';
import type { ImportIndex } from './imports.js';
import { hasUnresolvedSegments } from './project-files.js';
import { projectRoot } from './schema-sources.js';
import { globToRegExp, globWords, matchesPathPattern } from './settings.js';
import type { RoleSettings } from './settings-schema.js';

export type { FileRole } from '../knowledge/file-roles.js';

/**
 * What a file is for, decided once per file: production code (the default) or one of the roles
 * whose code never serves a production request (tests, fixtures, mocks, seeds, migrations,
 * one-off scripts, stories, generated code). Rules are silent outside production by default
 * (`settings['production-ready'].lintFileRoles` turns a role back on).
 *
 * Decided, in this order:
 * 1. `settings['production-ready'].fileRoles.production` globs: always production;
 * 2. configured globs per role (`fileRoles.test`, `fileRoles.seed`, …);
 * 3. a generated-code banner in the file's leading comments;
 * 4. the built-in path conventions (`*.test.*`, `__tests__/`, `seeds/`, `migrations/`, …);
 * 5. the imports (`vitest`, `@playwright/test`, `msw`, `@storybook/*`, …).
 *
 * Paths are matched relative to ESLint's working directory (`context.cwd`) when the file lies
 * under it, so a checkout that lives in `/home/me/tests/app` is not all "test"; absolute otherwise.
 */
export interface FileRoleFacts {
  readonly role: FileRole;
  /** Why: the glob, banner or import that decided it (`'**' + '/*.test.*'`, `'import vitest'`). */
  readonly reason: string;
}

const PRODUCTION: FileRoleFacts = Object.freeze({ role: 'production', reason: 'default' });

/** Folder prefixes by folder: ESLint's cwd, and project roots (`pathInProject`). */
const prefixes = new Map<string, string | null>();

/** `cwd` with `/` separators and no trailing slash, or null when it has `.`/`..` segments (then `path.relative` decides). */
function cwdPrefix(cwd: string): string | null {
  let prefix = prefixes.get(cwd);
  if (prefix === undefined) {
    const normalized = cwd.replaceAll('\\', '/').replace(/\/+$/u, '');
    prefix = normalized !== '' && !hasUnresolvedSegments(normalized) ? normalized : null;
    if (prefixes.size > 1000) prefixes.clear();
    prefixes.set(cwd, prefix);
  }
  return prefix;
}

/** The path the role patterns see: relative to `cwd` when inside it, with `/` separators. */
export function rolePath(filename: string, cwd: string | undefined): string {
  const normalized = filename.includes('\\') ? filename.replaceAll('\\', '/') : filename;
  if (!cwd || !path.isAbsolute(filename)) return normalized;
  // The common case, a file under cwd, without `path.relative` (which resolves both paths first),
  // only when neither path has `.`/`..` segments or doubled slashes, which `path.relative` would resolve.
  const prefix = cwdPrefix(cwd);
  if (prefix !== null && normalized.length > prefix.length && normalized.charCodeAt(prefix.length) === 47 && normalized.startsWith(prefix)) {
    const rest = normalized.slice(prefix.length + 1);
    if (!hasUnresolvedSegments(rest)) return rest;
  }
  const relative = path.relative(cwd, filename).replaceAll('\\', '/');
  return relative === '' || relative.startsWith('../') || path.isAbsolute(relative) ? normalized : relative;
}

/**
 * The file's path inside its project, for a rule's path conventions (webhook, cross-tenant and
 * share-link paths): relative to the nearest folder with a `package.json`, or to ESLint's working
 * directory, whichever is nearer. The folders a checkout lives in (`/srv/p/`, `/home/admin/`) are not
 * the app's; ESLint's RuleTester lints absolute filenames with `cwd: '/'`, so `cwd` alone is not enough.
 * Roles themselves stay relative to `cwd`: a fixture app with its own `package.json` under `tests/`
 * is still test code.
 */
export function pathInProject(filename: string, cwd: string | undefined): string {
  const fromCwd = rolePath(filename, cwd);
  const root = path.isAbsolute(filename) ? projectRoot(filename) : null;
  if (root === null) return fromCwd;
  const fromRoot = rolePath(filename, root);
  return fromRoot.startsWith('../') || fromRoot.length >= fromCwd.length ? fromCwd : fromRoot;
}

const BANNER_WINDOW = 2000;

/** A generated-code banner among the comments before the first statement (or in the first 2,000 characters). */
export function generatedBanner(program: TSESTree.Program, text: string): string | null {
  const firstCode = program.body[0]?.range[0] ?? text.length;
  const limit = Math.min(Math.max(firstCode, 0), BANNER_WINDOW);
  const head = text.slice(0, limit);
  if (head.length === 0 || !BANNER_WORDS.test(head)) return null;
  for (const banner of GENERATED_BANNERS) {
    if (banner.pattern.test(head)) return banner.label;
  }
  return null;
}

const pathRoleCache = new Map<string, FileRoleFacts>();

/**
 * The built-in path conventions, compiled once: `tests/**` is a folder name anywhere in the path,
 * `**` + `/*.test.*` a pattern on the file name; other shapes go through the general glob matcher.
 * Same answers as `matchesPathPattern`, without a regular expression over the whole path per glob.
 */
const BUILT_IN_PATHS = FILE_ROLE_PATHS.map((entry) => {
  const folder = /^([^*?/]+)\/\*\*$/u.exec(entry.glob)?.[1] ?? null;
  const name = folder === null ? /^\*\*\/([^/]+)$/u.exec(entry.glob)?.[1] : undefined;
  return { ...entry, folder, basename: name === undefined ? null : globToRegExp(name) };
});

/** The built-in globs' words (`.test.`, `__tests__`, `-e2e`): a path with none matches no built-in convention. */
const BUILT_IN_WORDS = globWords(FILE_ROLE_PATHS.map(({ glob }) => glob));

function roleByPath(relativePath: string, configured: RoleSettings | null): FileRoleFacts | null {
  if (configured) {
    for (const role of FILE_ROLES) {
      const globs = configured.fileRoles[role];
      if (globs && matchesPathPattern(relativePath, globs)) return { role, reason: `settings fileRoles.${role}` };
    }
  }
  // Most files are production code and hold none of the conventions' words: one scan decides.
  if (!BUILT_IN_WORDS.test(relativePath)) return null;
  const cached = pathRoleCache.get(relativePath);
  if (cached) return cached === PRODUCTION ? null : cached;
  let found: FileRoleFacts = PRODUCTION;
  const segments = relativePath.split('/');
  const name = segments.pop() ?? '';
  const folders = new Set(segments);
  for (const { role, glob, unless, folder, basename } of BUILT_IN_PATHS) {
    const matched = folder !== null ? folders.has(folder) : basename !== null ? basename.test(name) : matchesPathPattern(relativePath, [glob]);
    if (matched && !unless?.test(relativePath)) {
      found = { role, reason: glob };
      break;
    }
  }
  if (pathRoleCache.size > 50_000) pathRoleCache.clear();
  pathRoleCache.set(relativePath, found);
  return found === PRODUCTION ? null : found;
}

function roleByImports(imports: ImportIndex): FileRoleFacts | null {
  for (const source of imports.sources) {
    const role = FILE_ROLE_IMPORTS.get(source) ?? (source.startsWith('@storybook/') ? 'story' : source.startsWith('@testing-library/') ? 'test' : undefined);
    if (role) return { role, reason: `import ${source}` };
  }
  return null;
}

export interface FileRoleInput {
  readonly filename: string;
  readonly cwd: string | undefined;
  readonly program: TSESTree.Program;
  readonly text: string;
  readonly settings: RoleSettings | null;
}

export function decideFileRole(input: FileRoleInput & { readonly imports: () => ImportIndex }): FileRoleFacts {
  return roleWithoutImports(input) ?? roleFromImports(input.imports());
}

/**
 * Steps 1 to 4: the role when the settings, a banner or the path decide it, or null when only the
 * imports can (the file is production code unless it imports a test or story library). Cheap: a
 * file that is a test by its path is known before anything reads its imports.
 */
export function roleWithoutImports(input: FileRoleInput): FileRoleFacts | null {
  const { settings } = input;
  // Without configured globs only the built-in conventions can match, and a file name that holds
  // none of their words has no role by path: the path the roles see is made of its segments (or is
  // the name itself), so it holds none either, and it is not computed. Most files stop here.
  const relativePath = settings === null && !BUILT_IN_WORDS.test(input.filename) ? null : rolePath(input.filename, input.cwd);
  const production = settings?.fileRoles.production;
  if (production && relativePath !== null && matchesPathPattern(relativePath, production)) return { role: 'production', reason: 'settings fileRoles.production' };
  const byPath = relativePath === null ? null : roleByPath(relativePath, settings);
  if (byPath?.reason.startsWith('settings')) return byPath;
  const banner = generatedBanner(input.program, input.text);
  if (banner !== null) return { role: 'generated', reason: banner };
  return byPath;
}

/** Step 5: the role the imports give a file nothing else decided. */
export function roleFromImports(imports: ImportIndex): FileRoleFacts {
  return roleByImports(imports) ?? PRODUCTION;
}

/** Whether rules should lint a file of this role: production always, others only when listed. */
export function lintsRole(role: FileRole, settings: RoleSettings | null): boolean {
  return role === 'production' || (settings?.lintFileRoles.includes(role) ?? false);
}
