import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunctionNode, staticKeyName, unwrap, variableOf, walkWithin } from '../../analysis/ast.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import type { ImportIndex } from '../../analysis/imports.js';
import { isHookName } from '../../analysis/react.js';
import { foreignHook } from './foreign-hooks.js';
import {
  GENERATED_LAZY_QUERY,
  GENERATED_MUTATION,
  GENERATED_QUERY,
  type HookSpec,
  LIBRARY_HOOKS,
  QUERY_SOURCES,
  type QueryLibrary,
  RTK_ENDPOINT_HOOKS,
  TRPC_HOOKS,
} from '../../knowledge/query-hooks.js';

/**
 * How a call was recognised: from a library import, a generated-hook name, a same-file wrapper,
 * a custom hook of another module whose source returns a query, or its type.
 */
export type Evidence = 'library' | 'generated' | 'wrapper' | 'foreign' | 'type';

export interface QueryHookCall {
  readonly call: TSESTree.CallExpression;
  readonly library: QueryLibrary;
  readonly spec: HookSpec;
  /** The module the library was imported from (`react-query` is TanStack v3). */
  readonly source: string | null;
  /** The call whose arguments hold the options: the call itself, or the library call inside a wrapper. */
  readonly optionsCall: TSESTree.CallExpression;
  readonly evidence: Evidence;
  /** For a custom hook of another module: the tRPC procedure and query key it reads. */
  readonly identity?: { readonly procedure: string | null; readonly key: string | null };
  /** For a custom hook of another module: the states its own query options take over. */
  readonly takesOver?: { readonly loading: boolean; readonly error: boolean };
}

/** How specifiers of the app's own modules start: relative paths and the usual aliases (`@/`, `~/`, `#`, `src/`). */
const APP_MODULE_START = String.raw`(?:\.{1,2}\/|@\/|~\/?|#|src\/|app\/|lib\/|store\/|services\/|api\/|generated\/|graphql\/|gql\/)`;
const APP_MODULE = new RegExp(`^${APP_MODULE_START}`, 'u');
/**
 * The text of an import of a hook from the app's own modules (`import { useGetAccounts } from
 * '@/features/accounts'`, `import useTeam from '../hooks/use-team'`): a cheap look before the
 * file's imports are read. Every match starts at a hook name (`\buse[A-Z]`).
 */
export const APP_HOOK_IMPORT_TEXT = new RegExp(String.raw`\buse[A-Z][\w$]*[^;'"]*from\s*['"]` + APP_MODULE_START, 'u');
const REACT_SOURCES = new Set(['react', 'preact', 'preact/hooks', 'react-dom']);
const { DefinitionType } = TSESLint.Scope;

const isAppModule = (source: string): boolean => APP_MODULE.test(source);

/**
 * Whether the file imports a hook from the app's own modules (`useGetAccounts` from
 * `@/features/accounts/api`): its source may return a query, though no library is named here.
 */
export function importsAppHook(imports: ImportIndex): boolean {
  return imports.bindsAny(isAppModule, isHookName);
}

/**
 * Recognises the data-fetching hook calls of a file without type information: imports of the
 * query libraries, tRPC procedure hooks, RTK Query endpoint and generated hooks, and hooks of the
 * same file that return one of these results whole.
 */
export class QueryHookIndex {
  private wrappersValue: Map<TSESTree.Node, QueryHookCall> | undefined;

  constructor(
    private readonly facts: FileFacts,
    /** Whether the file imports a query library: without one, only generated names and types apply. */
    private readonly libraryImported: boolean,
  ) {}

  identify(call: TSESTree.CallExpression, depth = 0): QueryHookCall | null {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) return this.identifyName(call, callee, depth);
    if (callee.type === AST_NODE_TYPES.MemberExpression) return this.identifyMember(call, callee);
    return null;
  }

  /** Whether a hook's import comes from React itself or a query library (never a custom hook). */
  isLibraryOrReact(callee: TSESTree.Identifier): boolean {
    const ref = this.facts.imports.resolve(callee);
    return ref !== null && (REACT_SOURCES.has(ref.source) || ref.source in QUERY_SOURCES);
  }

  private identifyName(call: TSESTree.CallExpression, callee: TSESTree.Identifier, depth: number): QueryHookCall | null {
    if (!isHookName(callee.name)) return null;
    const ref = this.libraryImported || depth > 0 ? this.facts.imports.resolve(callee) : null;
    if (ref) {
      const library = QUERY_SOURCES[ref.source];
      if (library !== undefined) {
        const spec = LIBRARY_HOOKS[ref.source]?.[ref.path.at(-1) ?? ''];
        return spec ? { call, library, spec, source: ref.source, optionsCall: call, evidence: 'library' } : null;
      }
      if (REACT_SOURCES.has(ref.source)) return null;
    }
    if (this.libraryImported) {
      const wrapper = this.wrapperOf(callee);
      if (wrapper) return { ...wrapper, call, evidence: 'wrapper' };
    }
    // A custom hook of the app's own modules: its source says whether it returns a query.
    const imported = depth === 0 ? (ref ?? this.facts.imports.resolve(callee)) : null;
    if (imported && isAppModule(imported.source) && imported.path.length <= 1) {
      // A hook that returns no query is told apart from an unknown one only for a generated name.
      const foreign = foreignHook(this.facts.filename, imported.source, imported.path[0] ?? 'default', generatedSpec(callee.name) === null);
      if (foreign) {
        if (foreign.kind === 'other') return null;
        const spec: HookSpec = foreign.kind === 'suspense' ? { kind: 'suspense', position: 'value', optionsIndex: -1 } : { kind: 'query', position: 'value', optionsIndex: -1 };
        return {
          call,
          library: foreign.library,
          spec,
          source: null,
          optionsCall: call,
          evidence: 'foreign',
          identity: { procedure: foreign.procedure, key: foreign.key },
          takesOver: foreign.takesOver,
        };
      }
    }
    const generated = generatedSpec(callee.name);
    if (generated && this.isGeneratedBinding(callee)) {
      return { call, library: 'unknown', spec: generated, source: null, optionsCall: call, evidence: 'generated' };
    }
    return null;
  }

  private identifyMember(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression): QueryHookCall | null {
    const method = staticKeyName(callee);
    if (method === null || !isHookName(method)) return null;
    if (this.libraryImported) {
      const ref = this.facts.imports.resolve(callee);
      const library = ref ? QUERY_SOURCES[ref.source] : undefined;
      if (ref && library !== undefined) {
        const spec = LIBRARY_HOOKS[ref.source]?.[ref.path.at(-1) ?? ''];
        return spec ? { call, library, spec, source: ref.source, optionsCall: call, evidence: 'library' } : null;
      }
    }
    const object = unwrap(callee.object);
    // RTK Query: `api.endpoints.getPosts.useQuery(arg, options)`.
    if (
      object.type === AST_NODE_TYPES.MemberExpression &&
      unwrap(object.object).type === AST_NODE_TYPES.MemberExpression &&
      staticKeyName(unwrap(object.object) as TSESTree.MemberExpression) === 'endpoints'
    ) {
      const spec = RTK_ENDPOINT_HOOKS[method];
      return spec ? { call, library: 'rtk', spec, source: null, optionsCall: call, evidence: 'library' } : null;
    }
    // RTK Query: `api.useGetPostsQuery()`.
    if (object.type === AST_NODE_TYPES.Identifier) {
      const generated = generatedSpec(method);
      return generated ? { call, library: 'rtk', spec: generated, source: null, optionsCall: call, evidence: 'generated' } : null;
    }
    // tRPC: `api.post.list.useQuery(input, options)`, `trpc.greeting.useQuery()`.
    const spec = TRPC_HOOKS[method];
    if (spec && object.type === AST_NODE_TYPES.MemberExpression && staticChainRoot(object)) {
      return { call, library: 'trpc', spec, source: null, optionsCall: call, evidence: 'library' };
    }
    return null;
  }

  /** A generated hook is imported, or destructured from an API object (`const { useGetPostsQuery } = api`). */
  private isGeneratedBinding(callee: TSESTree.Identifier): boolean {
    const variable = variableOf(this.facts.sourceCode, callee);
    const definition = variable?.defs[0];
    if (!definition) return false;
    if (definition.type === DefinitionType.ImportBinding) {
      // The app's own API module (`./api`, `@/store/api`, `~/generated/graphql`), not a package:
      // `useMediaQuery` from '@mui/material' or 'react-responsive' is not a data hook.
      const source = this.facts.imports.resolve(callee)?.source ?? '';
      return isAppModule(source);
    }
    return (
      definition.type === DefinitionType.Variable &&
      definition.node.id.type === AST_NODE_TYPES.ObjectPattern &&
      definition.node.init !== null
    );
  }

  /** The library call a same-file wrapper hook returns whole, keyed by the wrapper's declaring name node. */
  private wrapperOf(callee: TSESTree.Identifier): QueryHookCall | null {
    const variable = variableOf(this.facts.sourceCode, callee);
    const definition = variable?.defs[0];
    if (!variable || !definition) return null;
    if (variable.scope.type !== TSESLint.Scope.ScopeType.module && variable.scope.type !== TSESLint.Scope.ScopeType.global) return null;
    this.wrappersValue ??= this.collectWrappers();
    return this.wrappersValue.get(definition.name) ?? null;
  }

  private collectWrappers(): Map<TSESTree.Node, QueryHookCall> {
    const wrappers = new Map<TSESTree.Node, QueryHookCall>();
    for (const statement of this.facts.program.body) {
      const declaration =
        statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
          ? statement.declaration
          : statement;
      if (!declaration) continue;
      if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id && isHookName(declaration.id.name)) {
        const inner = this.returnedQuery(declaration);
        if (inner) wrappers.set(declaration.id, inner);
      } else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type !== AST_NODE_TYPES.Identifier || !isHookName(declarator.id.name)) continue;
          const init = declarator.init ? unwrap(declarator.init) : null;
          if (!isFunctionNode(init)) continue;
          const inner = this.returnedQuery(init);
          if (inner) wrappers.set(declarator.id, inner);
        }
      }
    }
    return wrappers;
  }

  /** The query call a function returns whole: `return useQuery(...)`, or `const q = useQuery(...); return q`. */
  private returnedQuery(fn: FunctionNode): QueryHookCall | null {
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return this.queryOf(fn.body);
    let found: QueryHookCall | null = null;
    // Its own returns: the walk stops at the first query returned and does not enter nested functions.
    walkWithin(
      fn.body,
      (node) => found === null && !isFunctionNode(node),
      (node) => {
        if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found = this.queryOf(node.argument);
      },
    );
    return found;
  }

  private queryOf(expression: TSESTree.Node): QueryHookCall | null {
    const value = unwrap(expression);
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(value.callee);
      // Only library calls: a wrapper of a wrapper is followed through `identify` at depth 1.
      if (callee.type === AST_NODE_TYPES.Identifier && this.wrappersValue === undefined) {
        const ref = this.facts.imports.resolve(callee);
        if (!ref || !(ref.source in QUERY_SOURCES)) return null;
      }
      const found = this.identify(value, 1);
      return found && found.spec.kind !== 'mutation' ? found : null;
    }
    if (value.type === AST_NODE_TYPES.Identifier) {
      const definition = this.facts.constants.definitionOf(value);
      if (
        definition?.type === AST_NODE_TYPES.VariableDeclarator &&
        definition.id.type === AST_NODE_TYPES.Identifier &&
        definition.init
      ) {
        return this.queryOf(definition.init);
      }
    }
    return null;
  }
}

/** `a.b.c` with static names down to an identifier root (not `this`, not a call). */
function staticChainRoot(node: TSESTree.MemberExpression): boolean {
  let current: TSESTree.Node = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.computed || staticKeyName(current) === null) return false;
    current = unwrap(current.object);
  }
  return current.type === AST_NODE_TYPES.Identifier;
}

function generatedSpec(name: string): HookSpec | null {
  if (GENERATED_LAZY_QUERY.test(name)) return { kind: 'query', position: 1, optionsIndex: -2 };
  if (GENERATED_QUERY.test(name)) return { kind: 'query', position: 'value', optionsIndex: -2 };
  if (GENERATED_MUTATION.test(name)) return { kind: 'mutation', position: 1, optionsIndex: -2 };
  return null;
}
