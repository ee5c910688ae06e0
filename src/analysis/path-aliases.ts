import { readFileSync } from 'node:fs';
import path from 'node:path';

import { resolveRelativeModule } from './modules.js';
import { fileStamp, forgetResolutions, resolvedWithin } from './project-files.js';

/**
 * Resolves the module specifiers of the user's own code to files without type information:
 * relative paths, and the path aliases of the nearest `tsconfig.json` / `jsconfig.json`
 * (`compilerOptions.paths` and `baseUrl`, through relative `extends`). Each config is read once
 * per process. Anything unreadable gives null: this never throws.
 */
export function resolveAppModule(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith('./') || specifier.startsWith('../')) return resolveRelativeModule(fromFile, specifier);
  if (!path.isAbsolute(fromFile)) return null;
  const config = configFor(path.dirname(fromFile), 0);
  if (!config) return null;
  // An alias resolves the same from every folder the config covers: remembered per config, not per folder.
  return resolvedWithin('alias', `${config.id}\0${specifier}`, () => resolveAlias(config, specifier));
}

function resolveAlias(config: AliasConfig, specifier: string): string | null {
  for (const [pattern, targets] of config.paths) {
    const star = pattern.indexOf('*');
    let rest: string | null = null;
    if (star === -1) rest = pattern === specifier ? '' : null;
    else if (specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1)) && specifier.length >= pattern.length - 1) {
      rest = specifier.slice(star, specifier.length - (pattern.length - star - 1));
    }
    if (rest === null) continue;
    for (const target of targets) {
      const found = resolveAbsolute(path.resolve(config.base, target.replace('*', rest)));
      if (found) return found;
    }
  }
  // `baseUrl: "."` makes `src/hooks/x` resolve from the config's folder.
  if (config.baseUrl !== null && !specifier.startsWith('@') && /^[\w-]+\//u.test(specifier)) {
    return resolveAbsolute(path.resolve(config.baseUrl, specifier));
  }
  return null;
}

interface AliasConfig {
  /** Unique per config read in this process: what alias resolutions are remembered by. */
  readonly id: number;
  /** The folder `paths` targets are relative to (`baseUrl`, else the config's folder). */
  readonly base: string;
  readonly baseUrl: string | null;
  readonly paths: readonly (readonly [string, readonly string[]])[];
}

const configs = new Map<string, AliasConfig | null>();
let configCount = 0;
const directories = new Map<string, AliasConfig | null>();
const CONFIG_FILES = ['tsconfig.json', 'jsconfig.json'];

/** Test hook: forget every config read. */
export function clearPathAliases(): void {
  configs.clear();
  directories.clear();
  forgetResolutions('alias');
}

function configFor(directory: string, depth: number): AliasConfig | null {
  const cached = directories.get(directory);
  if (cached !== undefined) return cached;
  let found: AliasConfig | null = null;
  let seen = false;
  for (const name of CONFIG_FILES) {
    const file = path.join(directory, name);
    if (!isFile(file)) continue;
    seen = true;
    found = readConfig(file, 0);
    if (found) break;
  }
  // The nearest config is the one TypeScript uses for the file: only without one look further up.
  if (!seen && depth < 40) {
    const parent = path.dirname(directory);
    if (parent !== directory) found = configFor(parent, depth + 1);
  }
  directories.set(directory, found);
  return found;
}

function readConfig(file: string, depth: number): AliasConfig | null {
  const cached = configs.get(file);
  if (cached !== undefined) return cached;
  configs.set(file, null);
  let result: AliasConfig | null = null;
  try {
    const json = parseJsonc(readFileSync(file, 'utf8')) as { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | null;
    const directory = path.dirname(file);
    let inherited: AliasConfig | null = null;
    const parents = typeof json?.extends === 'string' ? [json.extends] : Array.isArray(json?.extends) ? (json.extends as unknown[]) : [];
    for (const parent of parents) {
      if (typeof parent !== 'string' || depth > 4 || !parent.startsWith('.')) continue;
      const parentFile = parent.endsWith('.json') ? path.resolve(directory, parent) : `${path.resolve(directory, parent)}.json`;
      inherited = readConfig(parentFile, depth + 1) ?? inherited;
    }
    const options = json?.compilerOptions;
    const baseUrl = typeof options?.baseUrl === 'string' ? path.resolve(directory, options.baseUrl) : (inherited?.baseUrl ?? null);
    const paths: [string, string[]][] = [];
    if (options?.paths && typeof options.paths === 'object') {
      for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
        if (Array.isArray(targets)) paths.push([pattern, targets.filter((target): target is string => typeof target === 'string')]);
      }
    }
    if (paths.length > 0) result = { id: ++configCount, base: baseUrl ?? directory, baseUrl, paths };
    else if (inherited) result = { ...inherited, id: ++configCount, baseUrl: baseUrl ?? inherited.baseUrl };
    else if (baseUrl !== null) result = { id: ++configCount, base: baseUrl, baseUrl, paths: [] };
  } catch {
    result = null;
  }
  configs.set(file, result);
  return result;
}

/** JSON with comments and trailing commas, as TypeScript reads its configs. */
function parseJsonc(text: string): unknown {
  let out = '';
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if (inString) {
      out += char;
      if (char === '\\') out += text[++index] ?? '';
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      out += char;
    } else if (char === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index++;
      out += '\n';
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 1;
    } else {
      out += char;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/gu, '$1')) as unknown;
}

function resolveAbsolute(base: string): string | null {
  // `resolveRelativeModule` tries the extensions and `index` files from a `./` specifier.
  return resolveRelativeModule(path.join(path.dirname(base), '__from__'), `./${path.basename(base)}`);
}

function isFile(file: string): boolean {
  return fileStamp(file) !== null;
}
