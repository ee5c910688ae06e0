import type { TSESLint } from '@typescript-eslint/utils';

import { contextProperty } from '../util/context-property.js';
import { describeValue, SettingsError, validateSettings } from './settings-schema.js';

/**
 * The plugin's project-wide settings, shared by rules: `settings['production-ready']` in the
 * ESLint config. Rule options win over settings, settings over defaults (eslint-plugin-n's order).
 * Malformed values are ignored, never thrown on.
 */
export type ProductionReadySettings = Readonly<Record<string, unknown>>;

const EMPTY: ProductionReadySettings = Object.freeze({});

export function productionReadySettings(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): ProductionReadySettings {
  const settings: unknown = contextProperty(context, 'settings');
  if (typeof settings !== 'object' || settings === null) return EMPTY;
  const own: unknown = (settings as Record<string, unknown>)['production-ready'];
  if (own === undefined) return EMPTY;
  if (typeof own !== 'object' || own === null || Array.isArray(own)) {
    throw new SettingsError('', `must be an object, got ${describeValue(own)}.`);
  }
  // Flat configs hand every file the same settings object: validated once per object.
  if (!validated.has(own)) {
    validateSettings(own as ProductionReadySettings);
    validated.add(own);
  }
  return own as ProductionReadySettings;
}

const validated = new WeakSet<object>();

/** A list of strings from a setting (`settings['production-ready'][key]`), or null when absent. */
export function stringListSetting(settings: ProductionReadySettings, key: string): readonly string[] | null {
  const value = settings[key];
  if (!Array.isArray(value)) return null;
  const strings = value.filter((item): item is string => typeof item === 'string');
  return strings.length === value.length ? strings : null;
}

/** The first defined list among the rule option, the setting, and the default. */
export function pickList(
  option: readonly string[] | undefined,
  settings: ProductionReadySettings,
  key: string,
  fallback: readonly string[],
): readonly string[] {
  return option ?? stringListSetting(settings, key) ?? fallback;
}

/** Minimal glob matching for path patterns (`**`, `*`, `?`), on `/`-separated paths. */
const globCache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = globCache.get(glob);
  if (cached) return cached;
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob.charAt(index);
    if (char === '*') {
      if (glob.charAt(index + 1) === '*') {
        index++;
        if (glob.charAt(index + 1) === '/') {
          index++;
          source += '(?:.*/)?';
        } else {
          source += '.*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += /[.+^${}()|[\]\\]/u.test(char) ? `\\${char}` : char;
    }
  }
  const regex = new RegExp(`^${source}$`, 'u');
  globCache.set(glob, regex);
  return regex;
}

const anywhereCache = new Map<string, RegExp>();

/**
 * A glob as matched against a path: an absolute or `**`-led pattern as is; a relative one
 * (`src/admin/**`) from the start of the path or after any `/`, in one regular expression.
 */
function pathPatternRegExp(glob: string): RegExp {
  if (glob.startsWith('**/') || glob.startsWith('/')) return globToRegExp(glob);
  let regex = anywhereCache.get(glob);
  if (!regex) {
    regex = new RegExp(`^(?:.*/)?${globToRegExp(glob).source.slice(1)}`, 'u');
    anywhereCache.set(glob, regex);
  }
  return regex;
}

/**
 * The longest literal run of each glob (`admin` of `**` + `/admin/**`, `.test.` of `**` + `/*.test.*`), as one
 * expression: a path that matches a glob holds its run, and the path a glob is matched against is
 * made of the file name's segments, so a file name with none of the runs matches none of the
 * globs and needs no path cut or glob match. A run that holds a shorter one (`tests`, `test`) is
 * left to it; a glob with no literal run makes the expression match every name.
 */
export function globWords(globs: readonly string[]): RegExp {
  const runs = globs.map((glob) => glob.split(/[*?/]/u).reduce((longest, run) => (run.length > longest.length ? run : longest), ''));
  const distinct = [...new Set(runs)];
  const needed = distinct.filter((run) => !distinct.some((other) => other !== run && run.includes(other)));
  return new RegExp(needed.map((run) => run.replace(/[.+^${}()|[\]\\]/gu, '\\$&')).join('|'), 'u');
}

const lowerCasedSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * A configured list of names (tenant models, tables, columns), lower-cased into a set once per
 * list: configured lists are built once per configuration and passed for every file and query.
 */
export function lowerCasedSet(names: readonly string[]): ReadonlySet<string> {
  let set = lowerCasedSets.get(names);
  if (set === undefined) {
    set = new Set(names.map((name) => name.toLowerCase()));
    lowerCasedSets.set(names, set);
  }
  return set;
}

/** Whether a file path matches a glob, tried against the whole path and every suffix after a `/`. */
export function matchesPathPattern(filename: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const normalized = filename.replaceAll('\\', '/');
  return patterns.some((pattern) => pathPatternRegExp(pattern).test(normalized));
}
