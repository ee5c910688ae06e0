import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import type { TypeBridge } from '../../analysis/types.js';
import { LIBRARY_TYPE_PATHS, type QueryLibrary, type ResultPosition } from '../../knowledge/query-hooks.js';

/** What the type of a hook call says: a query library's result, where it sits, and which states cannot occur. */
export interface TypedResult {
  readonly library: QueryLibrary;
  readonly position: ResultPosition;
  /** `data` is never undefined (Suspense, `initialData`): there is no loading state to render. */
  readonly dataAlwaysThere: boolean;
  /** Suspense results (`isPending: false`, no loading field at all): errors go to a boundary. */
  readonly suspense: boolean;
}

const LOADING_PROPERTIES = ['isPending', 'isLoading', 'loading', 'fetching'];

interface NodeMap {
  get(node: TSESTree.Node): ts.Node | undefined;
}

/**
 * Whether the value of `node` is a query library's result, judged by its shape (`data`, `error`
 * and a loading field) and by where `data` is declared (inside the library's own types). Answers
 * null for anything else, and on any checker failure.
 */
export function typedQueryResult(node: TSESTree.Node, types: TypeBridge, sourceCode: Readonly<TSESLint.SourceCode>): TypedResult | null {
  const services = sourceCode.parserServices as { esTreeNodeToTSNodeMap?: Partial<NodeMap> } | undefined;
  const map = services?.esTreeNodeToTSNodeMap;
  if (typeof map?.get !== 'function') return null;
  try {
    const tsNode = map.get(node);
    if (!tsNode) return null;
    const { checker } = types;
    const type = checker.getTypeAtLocation(tsNode);
    if (checker.isTupleType(type)) {
      const elements = checker.getTypeArguments(type as ts.TypeReference);
      for (const position of [0, 1] as const) {
        const element = elements[position];
        const found = element ? resultOf(element, checker, tsNode) : null;
        if (found) return { ...found, position };
      }
      return null;
    }
    const found = resultOf(type, checker, tsNode);
    return found ? { ...found, position: 'value' } : null;
  } catch {
    return null;
  }
}

function resultOf(type: ts.Type, checker: ts.TypeChecker, site: ts.Node): Omit<TypedResult, 'position'> | null {
  const data = type.getProperty('data');
  if (!data || !type.getProperty('error')) return null;
  const library = libraryOf(data);
  if (!library) return null;
  const loading = LOADING_PROPERTIES.map((name) => type.getProperty(name)).filter((symbol) => symbol !== undefined);
  const dataType = checker.getTypeOfSymbolAtLocation(data, site);
  const dataAlwaysThere = checker.getNonNullableType(dataType) === dataType && !isAnyOrUnknown(dataType);
  const pending = type.getProperty('isPending');
  const pendingFalse = pending !== undefined && (checker.getTypeOfSymbolAtLocation(pending, site) as { intrinsicName?: string }).intrinsicName === 'false';
  // TanStack's Suspense result is never pending and drops `isPlaceholderData`; `initialData` results are never pending but keep it.
  const suspense = loading.length === 0 || (pendingFalse && !type.getProperty('isPlaceholderData'));
  return { library, dataAlwaysThere, suspense };
}

function isAnyOrUnknown(type: ts.Type): boolean {
  const name = (type as { intrinsicName?: string }).intrinsicName;
  return name === 'any' || name === 'unknown';
}

function libraryOf(symbol: ts.Symbol): QueryLibrary | null {
  for (const declaration of symbol.declarations ?? []) {
    const fileName = declaration.getSourceFile().fileName.replaceAll('\\', '/');
    for (const [fragment, library] of LIBRARY_TYPE_PATHS) if (fileName.includes(fragment)) return library;
  }
  return null;
}
