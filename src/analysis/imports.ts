import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberPath, staticKeyName, unwrap, variableOf } from './ast.js';

/**
 * Where a local name comes from. `path` is the export path inside the module, with the default
 * export and a whole CommonJS module merged into the empty path, because that is how bundlers and
 * Node's interop treat them: `import express from 'express'`, `const express = require('express')`
 * and `import * as express from 'express'` all give `[]`; `express.Router`, `import { Router }
 * from 'express'` and `require('express').Router` all give `['Router']`.
 */
export interface ImportRef {
  readonly source: string;
  readonly path: readonly string[];
  readonly kind: 'esm' | 'cjs';
}

interface Binding {
  readonly source: string;
  readonly path: readonly string[];
  readonly kind: 'esm' | 'cjs';
}

/**
 * Normalises the specifiers people write for the same package: Deno's `npm:`/`jsr:` prefixes,
 * pinned versions (`npm:hono@4/cors`), esm.sh URLs, and `node:` builtins.
 */
export function normalizeModuleSource(specifier: string): string {
  // Most specifiers are plain (`react`, `@/lib/db`, `./utils`): no scheme and no `@` after the first character.
  if (!specifier.includes(':') && !specifier.includes('@', 1)) return specifier;
  let source = specifier;
  const esm = /^https?:\/\/esm\.sh\/([^?#]+)/u.exec(source);
  if (esm?.[1] !== undefined) source = esm[1];
  source = source.replace(/^(?:npm|jsr|node):/u, '');
  // Drop a version pinned after the package name: `@scope/pkg@1.2/sub` → `@scope/pkg/sub`.
  const versioned = /^((?:@[^/@]+\/)?[^/@]+)@[^/]*(.*)$/u.exec(source);
  if (versioned?.[1] !== undefined) source = versioned[1] + (versioned[2] ?? '');
  return source;
}

function stripDefault(path: readonly string[]): readonly string[] {
  return path[0] === 'default' ? path.slice(1) : path;
}

/** `require('x')`, `require('x').a.b`, and (unwrapped) `await import('x')`: the module and path. */
function requireRef(node: TSESTree.Node): Binding | null {
  const chain = memberPath(node);
  if (!chain) return null;
  const members = chain.path;
  let current = chain.root;
  if (current.type === AST_NODE_TYPES.AwaitExpression) current = unwrap(current.argument);
  if (current.type === AST_NODE_TYPES.ImportExpression) {
    const source = current.source;
    if (source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string') {
      return { source: normalizeModuleSource(source.value), path: stripDefault(members), kind: 'esm' };
    }
    return null;
  }
  if (
    current.type === AST_NODE_TYPES.CallExpression &&
    current.callee.type === AST_NODE_TYPES.Identifier &&
    current.callee.name === 'require' &&
    current.arguments.length === 1
  ) {
    const [argument] = current.arguments;
    if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') {
      return { source: normalizeModuleSource(argument.value), path: stripDefault(members), kind: 'cjs' };
    }
  }
  return null;
}

/**
 * The module origin of every top-level binding of a file, built once per file from the
 * declarations (no traversal), and queried by identifier through scope analysis so that a local
 * `function cors() {}` or a parameter that shadows an import is never mistaken for the import.
 * The modules are read when the index is made (the file's role needs only them); the local names
 * bound to them, on the first question about a name: many files ask none.
 */
export class ImportIndex {
  /** Every module the file imports or requires at top level, normalised. */
  readonly sources: ReadonlySet<string>;
  private bindingsValue: Map<TSESTree.Identifier, Binding> | undefined;
  /** The statements that bind names to modules, with each one's module: what `bindings` reads. */
  private readonly binders: BindingStatement[] = [];
  private readonly reassignedCache = new WeakMap<TSESLint.Scope.Variable, boolean>();

  constructor(
    program: TSESTree.Program,
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
  ) {
    const sources = new Set<string>();
    for (const statement of program.body) {
      this.collect(statement, sources);
    }
    this.sources = sources;
  }

  private get bindings(): ReadonlyMap<TSESTree.Identifier, Binding> {
    if (this.bindingsValue === undefined) {
      const bindings = new Map<TSESTree.Identifier, Binding>();
      for (const binder of this.binders) bindNames(binder, bindings);
      this.bindingsValue = bindings;
    }
    return this.bindingsValue;
  }

  /** Whether the file imports `source` (exactly) or, with a trailing `/`, anything below it. */
  imports(source: string): boolean {
    if (this.sources.has(source)) return true;
    if (source.endsWith('/')) {
      for (const candidate of this.sources) if (candidate.startsWith(source)) return true;
    }
    return false;
  }

  importsAny(sources: Iterable<string>): boolean {
    for (const source of sources) if (this.imports(source)) return true;
    return false;
  }

  /** The local names bound to imports (or requires) of any of `sources`: a cheap pre-filter. */
  localNamesFrom(sources: readonly string[]): Set<string> {
    const names = new Set<string>();
    for (const [identifier, binding] of this.bindings) {
      if (sources.includes(binding.source)) names.add(identifier.name);
    }
    return names;
  }

  /** Whether a local name that `name` accepts is bound to an import (or require) of a module that `source` accepts. */
  bindsAny(source: (source: string) => boolean, name: (local: string) => boolean): boolean {
    for (const [identifier, binding] of this.bindings) {
      if (name(identifier.name) && source(binding.source)) return true;
    }
    return false;
  }

  /**
   * Where the value of an expression comes from, when it is an imported binding, a member of one,
   * a `require()`/`import()` of a module, or a `const` alias of any of these; null otherwise.
   */
  resolve(node: TSESTree.Node, depth = 0): ImportRef | null {
    if (depth > 8) return null;
    const target = unwrap(node);
    const direct = requireRef(target);
    if (direct) return direct;
    if (target.type === AST_NODE_TYPES.MemberExpression) {
      const name = staticKeyName(target);
      if (name === null) return null;
      const base = this.resolve(target.object, depth + 1);
      if (!base) return null;
      const path = base.path.length === 0 && name === 'default' ? [] : [...base.path, name];
      return { source: base.source, path, kind: base.kind };
    }
    if (target.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = variableOf(this.sourceCode, target);
    const definition = variable?.defs[0];
    if (!variable || !definition) return null;
    // `let cors = require('cors'); cors = wrap(cors);` is no longer the module.
    if (this.reassigned(variable)) return null;
    const binding = this.bindings.get(definition.name as TSESTree.Identifier);
    if (binding) return binding;
    // A `const` alias: `const c = cors;`, `const { Router } = express;`.
    if (
      variable.defs.length === 1 &&
      definition.type === TSESLint.Scope.DefinitionType.Variable &&
      definition.parent.kind === 'const' &&
      definition.node.init
    ) {
      const { id, init } = definition.node;
      if (id.type === AST_NODE_TYPES.Identifier) return this.resolve(init, depth + 1);
      if (id.type === AST_NODE_TYPES.ObjectPattern) {
        const key = destructuredKey(id, definition.name);
        const base = key === null ? null : this.resolve(init, depth + 1);
        if (base && key !== null) {
          return { source: base.source, path: [...base.path, key], kind: base.kind };
        }
      }
    }
    return null;
  }

  /** Whether a variable is written after its declaration; once per variable (a module binding may have thousands of references). */
  private reassigned(variable: TSESLint.Scope.Variable): boolean {
    let answer = this.reassignedCache.get(variable);
    if (answer === undefined) {
      answer = variable.references.some((reference) => reference.isWrite() && !reference.init);
      this.reassignedCache.set(variable, answer);
    }
    return answer;
  }

  /** Whether `node` resolves to `path` (e.g. `[]` for the default export) of one of `sources`. */
  isExport(node: TSESTree.Node, sources: readonly string[], path: readonly string[]): boolean {
    const ref = this.resolve(node);
    return ref !== null && sources.includes(ref.source) && samePath(ref.path, path);
  }

  /** Adds the modules `statement` imports or requires to `sources`, and keeps it when it binds names. */
  private collect(statement: TSESTree.ProgramStatement, sources: Set<string>): void {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      const source = normalizeModuleSource(statement.source.value);
      sources.add(source);
      if (statement.specifiers.length > 0) this.binders.push({ statement, source });
      return;
    }
    if (
      statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration &&
      statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference
    ) {
      const expression = statement.moduleReference.expression;
      if (typeof expression.value === 'string') {
        const source = normalizeModuleSource(expression.value);
        sources.add(source);
        this.binders.push({ statement, source });
      }
      return;
    }
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) return;
    for (const declarator of declaration.declarations) {
      if (!declarator.init) continue;
      const ref = requireRef(declarator.init);
      if (!ref) continue;
      sources.add(ref.source);
      this.binders.push({ declarator, ref });
    }
  }
}

type BindingStatement =
  | { readonly statement: TSESTree.ImportDeclaration | TSESTree.TSImportEqualsDeclaration; readonly source: string }
  | { readonly declarator: TSESTree.VariableDeclarator; readonly ref: Binding };

/** The local names one import, `import x = require()` or `require()` declarator binds, with their origin. */
function bindNames(binder: BindingStatement, bindings: Map<TSESTree.Identifier, Binding>): void {
  if ('declarator' in binder) {
    const { declarator, ref } = binder;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) {
      bindings.set(declarator.id, ref);
    } else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of declarator.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = staticKeyName(property);
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (key !== null && value.type === AST_NODE_TYPES.Identifier) {
          bindings.set(value, { ...ref, path: key === 'default' ? ref.path : [...ref.path, key] });
        }
      }
    }
    return;
  }
  const { statement, source } = binder;
  if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
    bindings.set(statement.id, { source, path: [], kind: 'cjs' });
    return;
  }
  for (const specifier of statement.specifiers) {
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      bindings.set(specifier.local, { source, path: imported === 'default' ? [] : [imported], kind: 'esm' });
    } else {
      bindings.set(specifier.local, { source, path: [], kind: 'esm' });
    }
  }
}

function destructuredKey(pattern: TSESTree.ObjectPattern, local: TSESTree.Identifier): string | null {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === local) return staticKeyName(property);
  }
  return null;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}
