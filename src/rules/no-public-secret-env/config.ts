import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { staticKeyName, unwrap, walk } from '../../analysis/ast.js';
import { envObjectOf } from '../../analysis/env.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import type { NameClassifier } from './names.js';

/** A build configuration that ships something to the browser. */
export type ConfigFinding =
  | { readonly kind: 'secret'; readonly node: TSESTree.Node; readonly variable: string; readonly why: string }
  | { readonly kind: 'all-env'; readonly node: TSESTree.Node }
  | { readonly kind: 'empty-prefix'; readonly node: TSESTree.Node };

export interface ConfigContext {
  readonly facts: FileFacts;
  readonly classifier: NameClassifier;
  /** Whether a verdict is reported under the current options. */
  readonly reports: (name: string) => string | null;
}

/**
 * Vite `define` and webpack `DefinePlugin`: each key is replaced in the bundle by its value.
 * Reports keys that name a secret (`'process.env.STRIPE_SECRET_KEY'`), values that read one
 * (`JSON.stringify(process.env.OPENAI_API_KEY)`, `env.OPENAI_API_KEY` from Vite's `loadEnv`), and
 * the whole environment (`'process.env': JSON.stringify(process.env)`).
 */
export function checkDefines(object: TSESTree.Node, context: ConfigContext): ConfigFinding[] {
  const entries = context.facts.constants.objectEntries(object);
  if (!entries) return [];
  const findings: ConfigFinding[] = [];
  for (const entry of entries.entries) {
    if (entry.value.kind !== 'node' || entry.value.foreign) continue;
    const value = entry.value.node;
    if (entry.key === 'process.env' || entry.key === 'import.meta.env') {
      if (holdsWholeEnv(value, context.facts)) findings.push({ kind: 'all-env', node: entry.site });
      continue;
    }
    const finding = entry.key === null ? null : secretByName(definedName(entry.key), entry.site, context);
    const read = finding ?? secretReadIn(value, entry.site, context);
    if (read) findings.push(read);
  }
  return findings;
}

/**
 * Next.js `env` and `publicRuntimeConfig`, Nuxt `runtimeConfig.public`: every entry reaches the
 * browser. Reports entries named as a secret or whose value reads one, and a spread of the whole
 * environment.
 */
export function checkExposed(object: TSESTree.Node, context: ConfigContext): ConfigFinding[] {
  if (holdsWholeEnv(object, context.facts)) return [{ kind: 'all-env', node: object }];
  const target = unwrap(object);
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    const spread = target.properties.find(
      (property) => property.type === AST_NODE_TYPES.SpreadElement && holdsWholeEnv(property.argument, context.facts),
    );
    if (spread) return [{ kind: 'all-env', node: spread }];
  }
  const entries = context.facts.constants.objectEntries(object);
  if (!entries) return [];
  const findings: ConfigFinding[] = [];
  for (const entry of entries.entries) {
    const byName = entry.key === null ? null : secretByName(entry.key, entry.site, context);
    const read = byName ?? (entry.value.kind === 'node' && !entry.value.foreign ? secretReadIn(entry.value.node, entry.site, context) : null);
    if (read) findings.push(read);
  }
  return findings;
}

/** webpack `EnvironmentPlugin(['A', 'B'])` or `EnvironmentPlugin({ A: 'default' })`: each name is inlined. */
export function checkEnvironmentPlugin(argument: TSESTree.Node, context: ConfigContext): ConfigFinding[] {
  const target = unwrap(argument);
  const findings: ConfigFinding[] = [];
  if (target.type === AST_NODE_TYPES.ArrayExpression) {
    for (const element of target.elements) {
      if (element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string') {
        const finding = secretByName(element.value, element, context);
        if (finding) findings.push(finding);
      }
    }
    return findings;
  }
  if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') {
    const finding = secretByName(target.value, target, context);
    return finding ? [finding] : [];
  }
  for (const entry of context.facts.constants.objectEntries(target)?.entries ?? []) {
    const finding = entry.key === null ? null : secretByName(entry.key, entry.site, context);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** Vite `envPrefix: ''` (or an array containing `''`): every variable becomes public. */
export function checkEnvPrefix(value: TSESTree.Node, context: ConfigContext): ConfigFinding[] {
  const target = unwrap(value);
  const candidates = target.type === AST_NODE_TYPES.ArrayExpression ? target.elements : [target];
  const findings: ConfigFinding[] = [];
  for (const candidate of candidates) {
    if (!candidate || candidate.type === AST_NODE_TYPES.SpreadElement) continue;
    if (context.facts.constants.value(candidate)?.value === '') findings.push({ kind: 'empty-prefix', node: candidate });
  }
  return findings;
}

/** `'process.env.STRIPE_SECRET_KEY'` → `STRIPE_SECRET_KEY`; `__OPENAI_KEY__` → `OPENAI_KEY`. */
function definedName(key: string): string {
  const last = key.split('.').at(-1) ?? key;
  return last.replaceAll(/^_+|_+$/gu, '');
}

function secretByName(name: string, node: TSESTree.Node, context: ConfigContext): ConfigFinding | null {
  const why = context.reports(name);
  return why === null ? null : { kind: 'secret', node, variable: name, why };
}

/** The first env read of a secret inside `value` (`process.env.X`, `import.meta.env.X`, `loadEnv(...).X`). */
function secretReadIn(value: TSESTree.Node, site: TSESTree.Node, context: ConfigContext): ConfigFinding | null {
  let found: ConfigFinding | null = null;
  walk(value, (node) => {
    if (found || node.type !== AST_NODE_TYPES.MemberExpression) return;
    const name = staticKeyName(node);
    if (name === null || !/^[A-Z_a-z][\w]*$/u.test(name)) return;
    if (!envObjectOf(node.object, context.facts) && !isLoadEnvResult(node.object, context.facts)) return;
    found = secretByName(name, site, context);
  });
  return found;
}

/** `process.env`, `JSON.stringify(process.env)`, Vite's `loadEnv(...)` result (or a `const` of it). */
function holdsWholeEnv(node: TSESTree.Node, facts: FileFacts): boolean {
  let target = unwrap(node);
  if (
    target.type === AST_NODE_TYPES.CallExpression &&
    target.arguments.length >= 1 &&
    target.callee.type === AST_NODE_TYPES.MemberExpression &&
    staticKeyName(target.callee) === 'stringify' &&
    target.arguments[0]
  ) {
    target = unwrap(target.arguments[0]);
  }
  const source = envObjectOf(target, facts);
  return source === 'process.env' || source === 'import.meta.env' || isLoadEnvResult(target, facts, true);
}

/**
 * Vite's `loadEnv(mode, dir, prefixes)` result, or a `const` of it. With `whole`, only when it loads
 * every variable (`prefixes` is `''`): without it, `loadEnv` returns only the `VITE_` variables.
 */
function isLoadEnvResult(node: TSESTree.Node, facts: FileFacts, whole = false): boolean {
  const resolved = facts.constants.resolve(node);
  if (resolved.kind !== 'node' || resolved.foreign) return false;
  const call = unwrap(resolved.node);
  if (call.type !== AST_NODE_TYPES.CallExpression || !facts.imports.isExport(call.callee, ['vite'], ['loadEnv'])) return false;
  if (!whole) return true;
  const prefixes = call.arguments[2];
  return prefixes !== undefined && facts.constants.value(prefixes)?.value === '';
}
