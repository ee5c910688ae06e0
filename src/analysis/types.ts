import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

/**
 * The only module that touches TypeScript. It answers from the type checker when the user enabled
 * type information (`projectService` / `project`) and is absent otherwise, so every rule runs in
 * both modes. Every call is defensive: a checker failure on odd input answers "unknown" (null).
 */
export interface TypeBridge {
  readonly checker: ts.TypeChecker;
  readonly program: ts.Program;
  /** The literal value of an expression's type (`'*'`, `true`, `3`), or null when not a literal. */
  literalValue(node: TSESTree.Node): { readonly value: string | number | boolean } | null;
  /** The names of the declared type of an expression and of its base types, or null if unknown. */
  typeNames(node: TSESTree.Node): ReadonlySet<string> | null;
  /** For an imported identifier: the file and export name that finally declare it. */
  declarationOf(node: TSESTree.Identifier): { readonly fileName: string; readonly name: string } | null;
}

interface ParserServicesWithTypes {
  readonly program: ts.Program;
  readonly esTreeNodeToTSNodeMap: { get(node: TSESTree.Node): ts.Node | undefined };
}

/** What parsers actually hand over: typescript-eslint sets `program: null` without a project. */
interface ParserServicesLike {
  readonly program?: ts.Program | null;
  readonly esTreeNodeToTSNodeMap?: Partial<ParserServicesWithTypes['esTreeNodeToTSNodeMap']>;
}

function hasTypes(services: unknown): services is ParserServicesWithTypes {
  if (typeof services !== 'object' || services === null) return false;
  const candidate = services as ParserServicesLike;
  return (
    candidate.program !== undefined &&
    candidate.program !== null &&
    typeof candidate.program.getTypeChecker === 'function' &&
    typeof candidate.esTreeNodeToTSNodeMap?.get === 'function'
  );
}

/**
 * The type bridge for a file, or null when the file was parsed without type information (or by a
 * parser other than typescript-eslint's). Never throws: `getParserServices(context, true)` still
 * throws under foreign parsers, so the services are read defensively instead.
 */
export function createTypeBridge(sourceCode: Readonly<TSESLint.SourceCode>): TypeBridge | null {
  const services: unknown = sourceCode.parserServices;
  if (!hasTypes(services)) return null;
  const { program, esTreeNodeToTSNodeMap } = services;
  let checker: ts.TypeChecker;
  try {
    checker = program.getTypeChecker();
  } catch {
    return null;
  }

  const typeAt = (node: TSESTree.Node): ts.Type | null => {
    try {
      const tsNode = esTreeNodeToTSNodeMap.get(node);
      return tsNode ? checker.getTypeAtLocation(tsNode) : null;
    } catch {
      return null;
    }
  };

  return {
    checker,
    program,
    literalValue(node) {
      const type = typeAt(node);
      if (!type) return null;
      if (type.isStringLiteral() || type.isNumberLiteral()) return { value: type.value };
      const name = (type as { intrinsicName?: string }).intrinsicName;
      if (name === 'true') return { value: true };
      if (name === 'false') return { value: false };
      return null;
    },
    typeNames(node) {
      const type = typeAt(node);
      if (!type) return null;
      const names = new Set<string>();
      const visit = (candidate: ts.Type, depth: number): void => {
        if (depth > 4) return;
        const symbol = candidate.aliasSymbol ?? candidate.getSymbol();
        if (symbol) names.add(symbol.getName());
        if (candidate.isUnionOrIntersection()) {
          for (const part of candidate.types) visit(part, depth + 1);
        }
        try {
          for (const base of candidate.getBaseTypes() ?? []) visit(base, depth + 1);
        } catch {
          // Base types of some synthetic types cannot be resolved; their names are enough.
        }
      };
      visit(type, 0);
      return names;
    },
    declarationOf(node) {
      try {
        const tsNode = esTreeNodeToTSNodeMap.get(node);
        if (!tsNode) return null;
        let symbol = checker.getSymbolAtLocation(tsNode);
        // Aliases (imports, re-exports) are followed to the declaring symbol.
        for (let hops = 0; symbol && hops < 8 && (symbol.flags & 2_097_152) /* Alias */; hops++) {
          symbol = checker.getAliasedSymbol(symbol);
        }
        const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
        if (!symbol || !declaration) return null;
        return { fileName: declaration.getSourceFile().fileName, name: symbol.getName() };
      } catch {
        return null;
      }
    },
  };
}
