import { FILE_ROLES, type FileRole } from '../knowledge/file-roles.js';

/**
 * The keys of `settings['production-ready']` and their types. A value of the wrong type is a
 * configuration mistake: it throws an error that names the key (ESLint prints it with the rule
 * and the file), instead of silently switching a check off. Unknown keys throw too: a typo
 * (`tenantColumn`) would otherwise be a setting that does nothing.
 */
const STRING_LIST_KEYS = [
  'crossTenantPaths',
  'globalTables',
  'preAuthColumns',
  'schemaFiles',
  'scopingHelpers',
  'tenantColumns',
  'tenantTables',
] as const;

export const SETTINGS_KEYS: readonly string[] = [...STRING_LIST_KEYS, 'fileRoles', 'lintFileRoles'].sort();

export interface RoleSettings {
  /** Extra globs per role; `production` globs win over every other signal. */
  readonly fileRoles: Readonly<Partial<Record<FileRole, readonly string[]>>>;
  /** Roles (besides production) whose files the rules still lint. */
  readonly lintFileRoles: readonly FileRole[];
}

export class SettingsError extends Error {
  constructor(key: string, problem: string) {
    super(`eslint-plugin-production-ready: settings["production-ready"]${key === '' ? '' : `.${key}`} ${problem}`);
    this.name = 'SettingsError';
  }
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value} (${JSON.stringify(value)})`;
}

function stringList(key: string, value: unknown): readonly string[] {
  if (!Array.isArray(value)) throw new SettingsError(key, `must be an array of strings, got ${describeValue(value)}.`);
  value.forEach((item, index) => {
    if (typeof item !== 'string') throw new SettingsError(`${key}[${String(index)}]`, `must be a string, got ${describeValue(item)}.`);
  });
  return value as string[];
}

function isRole(name: string): name is FileRole {
  return (FILE_ROLES as readonly string[]).includes(name);
}

const validated = new WeakMap<object, RoleSettings>();

/**
 * Checks the whole settings object once (cached per object) and returns the role settings.
 * Throws `SettingsError` naming the first bad key.
 */
export function validateSettings(own: Readonly<Record<string, unknown>>): RoleSettings {
  const cached = validated.get(own);
  if (cached) return cached;
  for (const [key, value] of Object.entries(own)) {
    if ((STRING_LIST_KEYS as readonly string[]).includes(key)) {
      stringList(key, value);
    } else if (key !== 'fileRoles' && key !== 'lintFileRoles') {
      throw new SettingsError(key, `is not a setting of this plugin; the settings are ${SETTINGS_KEYS.join(', ')}.`);
    }
  }
  const fileRoles: Partial<Record<FileRole, readonly string[]>> = {};
  const rawRoles = own.fileRoles;
  if (rawRoles !== undefined) {
    if (typeof rawRoles !== 'object' || rawRoles === null || Array.isArray(rawRoles)) {
      throw new SettingsError('fileRoles', `must be an object of role names to arrays of globs, got ${describeValue(rawRoles)}.`);
    }
    for (const [role, globs] of Object.entries(rawRoles)) {
      if (!isRole(role)) throw new SettingsError(`fileRoles.${role}`, `is not a file role; the roles are ${FILE_ROLES.join(', ')}.`);
      fileRoles[role] = stringList(`fileRoles.${role}`, globs);
    }
  }
  const lintFileRoles: FileRole[] = [];
  if (own.lintFileRoles !== undefined) {
    stringList('lintFileRoles', own.lintFileRoles).forEach((role, index) => {
      if (!isRole(role)) throw new SettingsError(`lintFileRoles[${String(index)}]`, `is not a file role (${JSON.stringify(role)}); the roles are ${FILE_ROLES.join(', ')}.`);
      lintFileRoles.push(role);
    });
  }
  const result: RoleSettings = Object.freeze({ fileRoles: Object.freeze(fileRoles), lintFileRoles: Object.freeze(lintFileRoles) });
  validated.set(own, result);
  return result;
}
