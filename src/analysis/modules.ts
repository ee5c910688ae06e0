import path from 'node:path';

import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { clearProjectFiles, derivedFromProjectFile, fileStamp, projectModuleIndex, resolvedWithin } from './project-files.js';

/**
 * Reads the top-level constants of another module of the user's project, so that values built
 * elsewhere (`export const corsHeaders = { ... }`) can be followed into the file being linted.
 * Each file is parsed once per process and re-parsed only when it changes (`project-files.ts`).
 * Anything unreadable or unparseable is treated as unknown: this never throws.
 */
export interface ForeignModule {
  readonly fileName: string;
  /** Top-level `const NAME = init`, by local name. */
  readonly constants: ReadonlyMap<string, TSESTree.Expression>;
  /** Export name → local name, for `export const`, `export { a as b }` and `export default a`. */
  readonly exports: ReadonlyMap<string, string>;
  /** `export default <expression>` when it is not a plain identifier. */
  readonly defaultExpression: TSESTree.Expression | null;
  /** `export { a as b } from './x'`: export name → the module specifier and its export name. */
  readonly reExports: ReadonlyMap<string, { readonly specifier: string; readonly name: string }>;
  /** `export * from './x'`: specifiers searched, in order, for names not found above. */
  readonly starExports: readonly string[];
  /** Every name the module exports from its own declarations or local bindings (not re-exports). */
  readonly ownExports: ReadonlySet<string>;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Per module version: its index, which keeps the constants' initializers and not the rest of the module. */
const indexes = projectModuleIndex(indexModule);

/** Resolves a relative specifier from the importing file, the way TypeScript and bundlers do. */
export function resolveRelativeModule(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const directory = path.dirname(fromFile);
  return resolvedWithin('relative', `${directory}\0${specifier}`, () => resolveFrom(directory, specifier));
}

function resolveFrom(directory: string, specifier: string): string | null {
  const base = path.resolve(directory, specifier);
  if (fileStamp(base)) return base;
  const withoutJsExtension = base.replace(/\.(?:[cm]?js|jsx)$/u, '');
  for (const extension of SOURCE_EXTENSIONS) {
    if (fileStamp(withoutJsExtension + extension)) return withoutJsExtension + extension;
  }
  for (const extension of SOURCE_EXTENSIONS) {
    const index = path.join(base, `index${extension}`);
    if (fileStamp(index)) return index;
  }
  return null;
}

export function readForeignModule(fileName: string): ForeignModule | null {
  return indexes.get(fileName);
}

function indexModule(fileName: string, program: TSESTree.Program): ForeignModule {
  const constants = new Map<string, TSESTree.Expression>();
  const exports = new Map<string, string>();
  const reExports = new Map<string, { specifier: string; name: string }>();
  const starExports: string[] = [];
  const ownExports = new Set<string>();
  let defaultExpression: TSESTree.Expression | null = null;
  const addDeclarations = (declaration: TSESTree.VariableDeclaration, exported: boolean): void => {
    if (declaration.kind !== 'const') return;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
      constants.set(declarator.id.name, declarator.init);
      if (exported) exports.set(declarator.id.name, declarator.id.name);
    }
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      addDeclarations(statement, false);
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        addDeclarations(statement.declaration, true);
        for (const declarator of statement.declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier) ownExports.add(declarator.id.name);
        }
      } else if (statement.declaration && 'id' in statement.declaration && statement.declaration.id?.type === AST_NODE_TYPES.Identifier) {
        ownExports.add(statement.declaration.id.name);
      }
      for (const specifier of statement.specifiers) {
        const exportedName = moduleExportName(specifier.exported);
        const localName = moduleExportName(specifier.local);
        if (statement.source) {
          reExports.set(exportedName, { specifier: statement.source.value, name: localName });
        } else {
          exports.set(exportedName, localName);
          ownExports.add(exportedName);
        }
      }
    } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported) {
      starExports.push(statement.source.value);
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      ownExports.add('default');
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.Identifier) {
        exports.set('default', declaration.name);
      } else if (
        declaration.type !== AST_NODE_TYPES.FunctionDeclaration &&
        declaration.type !== AST_NODE_TYPES.ClassDeclaration &&
        declaration.type !== AST_NODE_TYPES.TSDeclareFunction &&
        declaration.type !== AST_NODE_TYPES.TSInterfaceDeclaration &&
        declaration.type !== AST_NODE_TYPES.TSEnumDeclaration &&
        declaration.type !== AST_NODE_TYPES.TSModuleDeclaration &&
        declaration.type !== AST_NODE_TYPES.TSTypeAliasDeclaration &&
        declaration.type !== AST_NODE_TYPES.VariableDeclaration
      ) {
        defaultExpression = declaration;
      }
    }
  }
  return { fileName, constants, exports, defaultExpression, reExports, starExports, ownExports };
}

function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/**
 * The initializer of an exported constant of a foreign module, and the module that declares it:
 * re-exports (`export { x } from './x'`, `export * from './x'`, barrels) are followed.
 */
export function foreignExport(
  module: ForeignModule,
  exportName: string,
  depth = 0,
): { readonly expression: TSESTree.Expression; readonly module: ForeignModule } | null {
  if (depth > 8) return null;
  if (exportName === 'default' && module.defaultExpression) return { expression: module.defaultExpression, module };
  const local = module.exports.get(exportName);
  const expression = local === undefined ? undefined : module.constants.get(local);
  if (expression) return { expression, module };
  const reExport = module.reExports.get(exportName);
  const candidates = reExport ? [reExport] : module.starExports.map((specifier) => ({ specifier, name: exportName }));
  for (const candidate of candidates) {
    const fileName = resolveRelativeModule(module.fileName, candidate.specifier);
    const target = fileName ? readForeignModule(fileName) : null;
    const found = target ? foreignExport(target, candidate.name, depth + 1) : null;
    if (found) return found;
  }
  return null;
}

/** Test hook: forget every parsed module (tests rewrite fixture files). */
export function clearForeignModuleCache(): void {
  clearProjectFiles();
}

/** How many times a module's text was read for its directives (for count-based tests). */
let directiveReads = 0;

const directiveCache = derivedFromProjectFile<ReadonlySet<string>>((_fileName, text) => {
  directiveReads++;
  return scanDirectives(text());
});

/**
 * The directive prologue of another module (`'use client'`, `'use server'`), read from the start
 * of its text without parsing it: once per file per process, again only when it changes. Null when
 * the file cannot be read.
 */
export function readModuleDirectives(fileName: string): ReadonlySet<string> | null {
  return directiveCache.get(fileName);
}

/** Test hook: how many module texts `readModuleDirectives` has read so far. */
export function moduleDirectiveReads(): number {
  return directiveReads;
}

/**
 * The directives at the start of a module's text: string-literal statements before anything else,
 * after a BOM, a hashbang, whitespace and comments. `'use client'.trim()` is an expression, not a
 * directive: a string followed by an operator, `.`, `[` or `(` ends the prologue.
 */
export function scanDirectives(text: string): ReadonlySet<string> {
  const directives = new Set<string>();
  let index = text.startsWith('\uFEFF') ? 1 : 0;
  if (text.startsWith('#!', index)) {
    const end = text.indexOf('\n', index);
    index = end === -1 ? text.length : end;
  }
  const skip = (): boolean => {
    let newline = false;
    for (;;) {
      const char = text[index];
      if (char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029') {
        newline = true;
        index++;
      } else if (char !== undefined && /\s/u.test(char)) {
        index++;
      } else if (text.startsWith('//', index)) {
        const end = text.indexOf('\n', index);
        index = end === -1 ? text.length : end;
      } else if (text.startsWith('/*', index)) {
        const end = text.indexOf('*/', index + 2);
        if (end === -1) {
          index = text.length;
          return newline;
        }
        if (/[\n\r\u2028\u2029]/u.test(text.slice(index, end))) newline = true;
        index = end + 2;
      } else {
        return newline;
      }
    }
  };
  for (let count = 0; count < 16; count++) {
    skip();
    const quote = text[index];
    if (quote !== "'" && quote !== '"') break;
    let end = index + 1;
    while (end < text.length && text[end] !== quote && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
    if (text[end] !== quote) break;
    const value = text.slice(index + 1, end);
    index = end + 1;
    const newline = skip();
    const next = text[index];
    const ends = next === undefined || next === ';' || next === '}' || (newline && !/^[.[(`+\-*/%<>=!&|^?,]/u.test(next));
    if (!ends) break;
    directives.add(value);
    if (next === ';') index++;
  }
  return directives;
}

/**
 * Whether the export `exportName` of a module comes from a `'use client'` module (React Server
 * Components): the module itself starts with `'use client'`, or it re-exports the name
 * (`export { X } from './x'`, `export * from './x'`, barrels) from one that does. `unknown` when a
 * file cannot be read or parsed.
 */
export function clientExportOf(fileName: string, exportName: string, depth = 0): 'yes' | 'no' | 'unknown' {
  if (depth > 8) return 'unknown';
  const directives = readModuleDirectives(fileName);
  if (!directives) return 'unknown';
  if (directives.has('use client')) return 'yes';
  if (directives.has('use server')) return 'no';
  const module = readForeignModule(fileName);
  if (!module) return 'unknown';
  if (module.ownExports.has(exportName)) return 'no';
  const reExport = module.reExports.get(exportName);
  const candidates = reExport ? [reExport] : module.starExports.map((specifier) => ({ specifier, name: exportName }));
  let answer: 'no' | 'unknown' = reExport ? 'unknown' : 'no';
  for (const candidate of candidates) {
    const target = resolveRelativeModule(module.fileName, candidate.specifier);
    if (!target) {
      answer = 'unknown';
      continue;
    }
    const found = clientExportOf(target, candidate.name, depth + 1);
    if (found === 'yes') return 'yes';
    if (found === 'unknown') answer = 'unknown';
  }
  return answer;
}
