import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { staticKeyName, unwrap, variableOf } from './ast.js';
import type { FileFacts } from './file-facts.js';

/** Where an environment variable is read from. */
export type EnvSource =
  | 'process.env'
  | 'import.meta.env'
  | '$env/static/public'
  | '$env/dynamic/public'
  | 'useRuntimeConfig().public';

/** One read of an environment variable, as written in the code. */
export interface EnvRead {
  /** The variable name as written (`NEXT_PUBLIC_X`, or Nuxt's camelCase `stripeKey`). */
  readonly name: string;
  readonly source: EnvSource;
  /** The node to report: the member expression, the destructured property, the import specifier. */
  readonly node: TSESTree.Node;
  /** `process.env.X` / `process.env['X']`: the key, which a rename may replace; null otherwise. */
  readonly key: TSESTree.Identifier | TSESTree.StringLiteral | null;
}

const PROCESS_SOURCES = ['process', 'node:process'];
const NUXT_SOURCES = ['#imports', '#app', 'nuxt/app'];
const SVELTEKIT_STATIC_PUBLIC = '$env/static/public';
const SVELTEKIT_DYNAMIC_PUBLIC = '$env/dynamic/public';

/** `process.env` (the global, or `process` imported from `node:process`), unwrapped. */
export function isProcessEnv(node: TSESTree.Node, facts: FileFacts): boolean {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression || staticKeyName(target) !== 'env') return false;
  const object = unwrap(target.object);
  if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'process') {
    // `require('process').env`, `import { env } from 'node:process'` resolve through the imports.
    const ref = facts.imports.resolve(target);
    return ref !== null && PROCESS_SOURCES.includes(ref.source) && ref.path.length === 1;
  }
  const variable = variableOf(facts.sourceCode, object);
  if (!variable || variable.defs.length === 0) return true; // the global
  const ref = facts.imports.resolve(object);
  return ref !== null && PROCESS_SOURCES.includes(ref.source) && ref.path.length === 0;
}

/** `import.meta.env`, unwrapped. */
export function isImportMetaEnv(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return (
    target.type === AST_NODE_TYPES.MemberExpression &&
    staticKeyName(target) === 'env' &&
    target.object.type === AST_NODE_TYPES.MetaProperty &&
    target.object.meta.name === 'import' &&
    target.object.property.name === 'meta'
  );
}

/**
 * The env object an expression stands for: `process.env`, `import.meta.env`, SvelteKit's dynamic
 * public `env`, Nuxt's `useRuntimeConfig().public` (also through a `const` holding either).
 */
export function envObjectOf(node: TSESTree.Node, facts: FileFacts): EnvSource | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    if (isImportMetaEnv(target)) return 'import.meta.env';
    if (isProcessEnv(target, facts)) return 'process.env';
    if (staticKeyName(target) === 'public' && isRuntimeConfig(target.object, facts)) return 'useRuntimeConfig().public';
    return null;
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const ref = facts.imports.resolve(target);
    if (ref) {
      if (ref.source === SVELTEKIT_DYNAMIC_PUBLIC && ref.path[0] === 'env' && ref.path.length === 1) return '$env/dynamic/public';
      if (PROCESS_SOURCES.includes(ref.source) && ref.path[0] === 'env' && ref.path.length === 1) return 'process.env';
      return null;
    }
    // `const env = process.env;`, `const config = useRuntimeConfig().public;`
    const resolved = facts.constants.resolve(target);
    if (resolved.kind === 'node' && !resolved.foreign && resolved.node !== target) return envObjectOf(resolved.node, facts);
  }
  return null;
}

/**
 * The env read of a member expression: `process.env.X`, `process.env['X']`, `import.meta.env.X`,
 * `env.PUBLIC_X` (SvelteKit), `useRuntimeConfig().public.x` (Nuxt). Null for anything else.
 */
export function envReadOfMember(node: TSESTree.MemberExpression, facts: FileFacts): EnvRead | null {
  const name = staticKeyName(node);
  if (name === null) return null;
  const source = envObjectOf(node.object, facts);
  if (!source) return null;
  const key = source === 'process.env' && isNameKey(node.property) ? node.property : null;
  return { name, source, node, key };
}

/** `const { A, B: b = '' } = process.env` (or any env object above): one read per static key. */
export function envReadsOfPattern(pattern: TSESTree.ObjectPattern, init: TSESTree.Node, facts: FileFacts): EnvRead[] {
  const source = envObjectOf(init, facts);
  if (!source) return [];
  const reads: EnvRead[] = [];
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name = staticKeyName(property);
    if (name !== null) reads.push({ name, source, node: property, key: null });
  }
  return reads;
}

/** `import { PUBLIC_X } from '$env/static/public'`: one read per imported name. */
export function envReadsOfImport(declaration: TSESTree.ImportDeclaration): EnvRead[] {
  if (declaration.source.value !== SVELTEKIT_STATIC_PUBLIC) return [];
  const reads: EnvRead[] = [];
  for (const specifier of declaration.specifiers) {
    if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) continue;
    const name = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
    reads.push({ name, source: SVELTEKIT_STATIC_PUBLIC, node: specifier, key: null });
  }
  return reads;
}

/** `useRuntimeConfig()` (Nuxt's auto-import, or imported from `#imports`), or a `const` holding its result. */
function isRuntimeConfig(node: TSESTree.Node, facts: FileFacts): boolean {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const resolved = facts.constants.resolve(target);
    if (resolved.kind !== 'node' || resolved.foreign) return false;
    target = resolved.node;
  }
  if (target.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(target.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'useRuntimeConfig') return false;
  const variable = variableOf(facts.sourceCode, callee);
  if (!variable || variable.defs.length === 0) return true; // Nuxt's auto-import
  const ref = facts.imports.resolve(callee);
  return ref !== null && NUXT_SOURCES.includes(ref.source);
}

function isNameKey(node: TSESTree.Node): node is TSESTree.Identifier | TSESTree.StringLiteral {
  return node.type === AST_NODE_TYPES.Identifier || (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string');
}
