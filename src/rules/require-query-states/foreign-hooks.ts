import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { resolveAppModule } from '../../analysis/path-aliases.js';
import { clearProjectFiles, derivedFromProjectFile, projectModuleIndex } from '../../analysis/project-files.js';
import { LIBRARY_HOOKS, QUERY_SOURCES, type QueryLibrary, TRPC_HOOKS } from '../../knowledge/query-hooks.js';

/**
 * What a custom hook of another module of the app returns, read from that module's source: a
 * Suspense query (`return useSuspenseQuery(...)`: Suspense and an error boundary take its states),
 * a query result returned whole (`return useQuery(...)`, `const q = useQuery(...); return q`), or
 * something else. Each module is parsed once per process (again only when it changes); anything
 * unreadable is unknown (null), and this never throws.
 */
export interface ForeignHook {
  readonly kind: 'suspense' | 'query' | 'other';
  readonly library: QueryLibrary;
  /** The tRPC procedure it reads (`user.me`), for the server-prefetch check. */
  readonly procedure: string | null;
  /** The first query-key string or the SWR key. */
  readonly key: string | null;
  /** Options of the query inside the hook that take over a state: `initialData`, `throwOnError`. */
  readonly takesOver: { readonly loading: boolean; readonly error: boolean };
}

const NOTHING_TAKEN = { loading: false, error: false } as const;
/** Option keys, as in the rule's knowledge table, read by name from the hook's source. */
const LOADING_KEYS = new Set(['initialData', 'placeholderData', 'fallbackData']);
const ERROR_KEYS = new Set(['throwOnError', 'useErrorBoundary']);

interface ModuleIndex {
  readonly fileName: string;
  /**
   * Local name → what the function returns, for top-level function declarations and `const x = () => ...`:
   * read when the module is indexed, so that the index keeps no syntax tree.
   */
  readonly returns: ReadonlyMap<string, ForeignHook>;
  /** Export name → local name. */
  readonly exports: ReadonlyMap<string, string>;
  /** `export { a } from './x'`, `export * from './x'`. */
  readonly reExports: ReadonlyMap<string, { readonly specifier: string; readonly name: string }>;
  readonly starExports: readonly string[];
  /** Local name → imported module and name. */
  readonly imports: ReadonlyMap<string, { readonly source: string; readonly name: string }>;
  readonly answers: Map<string, ForeignHook | null>;
}

/** Per module version: its index and answers. */
const modules = projectModuleIndex((fileName, program) => {
  parses++;
  return buildIndex(fileName, program);
});
let parses = 0;

/** Test hook: forget every module read. */
export function clearForeignHooks(): void {
  clearProjectFiles();
}

/** Test hook: how many modules were read for their hooks so far. */
export function foreignHookParses(): number {
  return parses;
}

/**
 * What a module's text holds when one of its hooks can return a query, or pass on another module's
 * (see `valueOf` and `buildIndex`): a query library's module name (in its import), a tRPC query
 * hook (`.useQuery(`), or a re-export (`export * from`, `export { x } from`). A hook of a module
 * without any of them returns no query.
 */
const QUERY_LIBRARY_SOURCES = Object.keys(LIBRARY_HOOKS);
const TRPC_QUERY_HOOK_TEXT = new RegExp(
  String.raw`\.\s*(?:${Object.keys(TRPC_HOOKS)
    .filter((method) => TRPC_HOOKS[method]?.kind === 'query' || TRPC_HOOKS[method]?.kind === 'suspense')
    .join('|')})\b`,
  'u',
);
const RE_EXPORT_TEXT = /\bexport\s*(?:\*|\{[^}]*\}\s*from\b)/u;
/** Per module version: whether its text could hold a query hook (read, not parsed). */
const mayReturnQuery = derivedFromProjectFile((_fileName, read) => {
  const text = read();
  return QUERY_LIBRARY_SOURCES.some((source) => text.includes(source)) || TRPC_QUERY_HOOK_TEXT.test(text) || RE_EXPORT_TEXT.test(text);
});

/**
 * The hook `exportName` of the app module `specifier` imported by `fromFile`; null when unknown.
 * `otherAsUnknown`: the caller treats a hook that returns no query like an unknown one, so a
 * module whose text rules out a query is not parsed (most custom hooks: `useDebounce`, `useToast`).
 */
export function foreignHook(fromFile: string, specifier: string, exportName: string, otherAsUnknown = false): ForeignHook | null {
  const fileName = resolveAppModule(fromFile, specifier);
  if (!fileName) return null;
  if (otherAsUnknown && mayReturnQuery.get(fileName) === false) return null;
  return hookOf(fileName, exportName, 0);
}

function hookOf(fileName: string, exportName: string, depth: number): ForeignHook | null {
  if (depth > 6) return null;
  const index = indexOf(fileName);
  if (!index) return null;
  if (index.answers.has(exportName)) return index.answers.get(exportName) ?? null;
  index.answers.set(exportName, null);
  let answer: ForeignHook | null = null;
  const local = index.exports.get(exportName);
  const own = local === undefined ? undefined : index.returns.get(local);
  if (own) {
    answer = own;
  } else {
    const reExport = index.reExports.get(exportName);
    const candidates = reExport ? [reExport] : local === undefined ? index.starExports.map((specifier) => ({ specifier, name: exportName })) : [];
    for (const candidate of candidates) {
      const target = resolveAppModule(fileName, candidate.specifier);
      answer = target ? hookOf(target, candidate.name, depth + 1) : null;
      if (answer) break;
    }
  }
  index.answers.set(exportName, answer);
  return answer;
}

function indexOf(fileName: string): ModuleIndex | null {
  return modules.get(fileName);
}

function buildIndex(fileName: string, program: TSESTree.Program): ModuleIndex {
  const functions = new Map<string, TSESTree.FunctionDeclaration | TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression>();
  const exports = new Map<string, string>();
  const reExports = new Map<string, { specifier: string; name: string }>();
  const starExports: string[] = [];
  const imports = new Map<string, { source: string; name: string }>();
  const declare = (declaration: TSESTree.Node | null | undefined, exported: boolean): void => {
    if (!declaration) return;
    if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
      functions.set(declaration.id.name, declaration);
      if (exported) exports.set(declaration.id.name, declaration.id.name);
    } else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier) continue;
        const init = declarator.init;
        if (init?.type === AST_NODE_TYPES.ArrowFunctionExpression || init?.type === AST_NODE_TYPES.FunctionExpression) functions.set(declarator.id.name, init);
        if (exported) exports.set(declarator.id.name, declarator.id.name);
      }
    }
  };
  for (const statement of program.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ImportDeclaration:
        for (const specifier of statement.specifiers) {
          const name =
            specifier.type === AST_NODE_TYPES.ImportSpecifier
              ? specifier.imported.type === AST_NODE_TYPES.Identifier
                ? specifier.imported.name
                : specifier.imported.value
              : specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier
                ? 'default'
                : '*';
          imports.set(specifier.local.name, { source: statement.source.value, name });
        }
        break;
      case AST_NODE_TYPES.ExportNamedDeclaration:
        declare(statement.declaration, true);
        for (const specifier of statement.specifiers) {
          const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
          const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
          if (statement.source) reExports.set(exported, { specifier: statement.source.value, name: local });
          else exports.set(exported, local);
        }
        break;
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        if (statement.declaration.type === AST_NODE_TYPES.FunctionDeclaration) {
          const name = statement.declaration.id?.name ?? '*default*';
          functions.set(name, statement.declaration);
          exports.set('default', name);
        } else if (statement.declaration.type === AST_NODE_TYPES.Identifier) {
          exports.set('default', statement.declaration.name);
        }
        break;
      case AST_NODE_TYPES.ExportAllDeclaration:
        if (!statement.exported) starExports.push(statement.source.value);
        break;
      default:
        declare(statement, false);
    }
  }
  const returns = new Map<string, ForeignHook>();
  for (const [name, fn] of functions) returns.set(name, returned(fn, imports));
  return { fileName, returns, exports, reExports, starExports, imports, answers: new Map() };
}

/** What a hook function returns: the last top-level `return`, or the arrow's expression body. */
function returned(fn: TSESTree.FunctionDeclaration | TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression, imports: ModuleIndex['imports']): ForeignHook {
  const other: ForeignHook = { kind: 'other', library: 'unknown', procedure: null, key: null, takesOver: NOTHING_TAKEN };
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return valueOf(fn.body, null, imports) ?? other;
  const body = fn.body.body;
  const last = body.at(-1);
  if (last?.type !== AST_NODE_TYPES.ReturnStatement || !last.argument) return other;
  return valueOf(last.argument, body, imports) ?? other;
}

function valueOf(expression: TSESTree.Node, body: readonly TSESTree.Statement[] | null, imports: ModuleIndex['imports']): ForeignHook | null {
  let value = expression;
  while (value.type === AST_NODE_TYPES.TSAsExpression || value.type === AST_NODE_TYPES.TSNonNullExpression || value.type === AST_NODE_TYPES.TSSatisfiesExpression) value = value.expression;
  if (value.type === AST_NODE_TYPES.Identifier && body) {
    // `const result = useQuery(...); return result;` or `const [data] = trpc.x.useSuspenseQuery(); return data;`
    for (const statement of body) {
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const declarator of statement.declarations) {
        if (!declarator.init) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === value.name) return valueOf(declarator.init, null, imports);
        if (declarator.id.type !== AST_NODE_TYPES.Identifier && bindsName(declarator.id, value.name)) {
          const inner = valueOf(declarator.init, null, imports);
          return inner?.kind === 'suspense' ? inner : null;
        }
      }
    }
    return null;
  }
  if (value.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = value.callee;
  let library: QueryLibrary | null;
  let kind: ForeignHook['kind'];
  let procedure: string | null = null;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const imported = imports.get(callee.name);
    const spec = imported ? LIBRARY_HOOKS[imported.source]?.[imported.name === 'default' ? '' : imported.name] : undefined;
    if (!imported || !spec) return null;
    library = QUERY_SOURCES[imported.source] ?? null;
    kind = spec.kind === 'suspense' ? 'suspense' : spec.kind === 'query' ? 'query' : 'other';
  } else if (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier) {
    const method = callee.property.name;
    const object = callee.object;
    if (object.type === AST_NODE_TYPES.Identifier && imports.get(object.name)?.name === '*') {
      // `import * as Apollo from '@apollo/client'; return Apollo.useQuery(...)`.
      const source = imports.get(object.name)?.source ?? '';
      const spec = LIBRARY_HOOKS[source]?.[method];
      if (!spec) return null;
      library = QUERY_SOURCES[source] ?? null;
      kind = spec.kind === 'suspense' ? 'suspense' : spec.kind === 'query' ? 'query' : 'other';
    } else {
      const spec = TRPC_HOOKS[method];
      const path = chainPath(object);
      if (!spec || path === null) return null;
      library = 'trpc';
      kind = spec.kind === 'suspense' ? 'suspense' : spec.kind === 'query' ? 'query' : 'other';
      procedure = path;
    }
  } else {
    return null;
  }
  if (library === null || kind === 'other') return null;
  const first = value.arguments[0];
  procedure ??= first ? procedureIn(first) : null;
  const takesOver = { loading: false, error: false };
  for (const argument of value.arguments) {
    if (argument.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const property of argument.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.key.type !== AST_NODE_TYPES.Identifier) continue;
      const off = property.value.type === AST_NODE_TYPES.Literal && property.value.value === false;
      if (LOADING_KEYS.has(property.key.name)) takesOver.loading = true;
      if (ERROR_KEYS.has(property.key.name) && !off) takesOver.error = true;
      if (property.key.name === 'suspense' && !off) kind = 'suspense';
    }
  }
  return { kind, library, procedure, key: first ? keyIn(first) : null, takesOver };
}

function bindsName(pattern: TSESTree.Node, name: string): boolean {
  if (pattern.type === AST_NODE_TYPES.Identifier) return pattern.name === name;
  if (pattern.type === AST_NODE_TYPES.ArrayPattern) return pattern.elements.some((element) => element !== null && bindsName(element, name));
  if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    return pattern.properties.some((property) => (property.type === AST_NODE_TYPES.Property ? bindsName(property.value, name) : bindsName(property.argument, name)));
  }
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return bindsName(pattern.left, name);
  return false;
}

/** `api.user.me` → `user.me`: the static path after the root, or null. */
export function chainPath(node: TSESTree.Node): string | null {
  const names: string[] = [];
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.computed || current.property.type !== AST_NODE_TYPES.Identifier) return null;
    names.unshift(current.property.name);
    current = current.object;
  }
  if (current.type === AST_NODE_TYPES.CallExpression && current.arguments.length === 0 && names.length > 0) return names.join('.');
  return current.type === AST_NODE_TYPES.Identifier && names.length > 0 ? names.join('.') : null;
}

/** `trpc.user.me.queryOptions()` in a query's options (or spread into them): `user.me`. */
export function procedureIn(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = node.callee;
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.property.type === AST_NODE_TYPES.Identifier &&
      (callee.property.name === 'queryOptions' || callee.property.name === 'infiniteQueryOptions')
    ) {
      return chainPath(callee.object);
    }
    return null;
  }
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of node.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const found = procedureIn(property.argument);
        if (found !== null) return found;
      }
    }
  }
  return null;
}

/** `'/api/user'` (SWR) or the first string of `queryKey: ['projects', ...]`. */
export function keyIn(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    const first = node.elements[0];
    return first ? keyIn(first) : null;
  }
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of node.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== 'queryKey') continue;
    return property.value.type === AST_NODE_TYPES.ArrayExpression ? keyIn(property.value) : null;
  }
  return null;
}
