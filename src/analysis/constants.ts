import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { LIBRARY_CONSTANTS } from '../knowledge/library-constants.js';
import { type FunctionNode, isFunctionNode, enclosingFunction, staticKeyName, unwrap, variableOf, walk } from './ast.js';
import type { ImportIndex } from './imports.js';
import { type ForeignModule, foreignExport, readForeignModule, resolveRelativeModule } from './modules.js';
import type { TypeBridge } from './types.js';

/** Where a value is: an expression of the linted file, of another module, or a known value. */
export type Resolved =
  | { readonly kind: 'node'; readonly node: TSESTree.Node; readonly foreign: ForeignModule | null }
  | { readonly kind: 'value'; readonly value: unknown };

export interface ObjectEntry {
  /** The static key, or null for a computed key that cannot be known. */
  readonly key: string | null;
  readonly value: Resolved;
  /** The node of the linted file through which the entry arrives (the property or the spread). */
  readonly site: TSESTree.Node;
  /** A name for where the entry was defined, when not in place: `corsHeaders (./cors)`. */
  readonly via: string | null;
}

export interface ObjectEntries {
  readonly entries: readonly ObjectEntry[];
  /** False when a spread or computed key could not be seen: an absent key proves nothing then. */
  readonly complete: boolean;
}

const MAX_DEPTH = 10;
const { DefinitionType } = TSESLint.Scope;

/**
 * Static values, followed through `const` chains, object spreads, and constants imported from
 * other modules of the project or from known libraries. Answers null when a value is not knowable.
 */
export class ConstantResolver {
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly filename: string,
    private readonly imports: ImportIndex,
    private readonly types: () => TypeBridge | null,
  ) {}

  /**
   * The static value of an expression: literals, templates, `const` chains, concatenation,
   * `as const` objects and arrays, property lookups on constant objects; then imported constants;
   * then, with type information, a literal type (`'*'`, `true`).
   */
  value(node: TSESTree.Node): { readonly value: unknown } | null {
    const local = ASTUtils.getStaticValue(node, this.sourceCode.getScope(node));
    if (local) return local;
    const resolved = this.resolve(node);
    if (resolved.kind === 'value') return { value: resolved.value };
    if (resolved.foreign) {
      const foreign = evaluateForeign(resolved.node, resolved.foreign, 0);
      if (foreign) return foreign;
    } else if (resolved.node !== unwrap(node)) {
      // Followed through what getStaticValue does not: `let` never reassigned, helper returns.
      const followed = ASTUtils.getStaticValue(resolved.node, this.sourceCode.getScope(resolved.node));
      if (followed) return followed;
    }
    return this.types()?.literalValue(node) ?? null;
  }

  /** The static value of a resolved place, wherever it is. */
  valueOf(resolved: Resolved): { readonly value: unknown } | null {
    if (resolved.kind === 'value') return { value: resolved.value };
    if (resolved.foreign) return evaluateForeign(resolved.node, resolved.foreign, 0);
    return this.value(resolved.node);
  }

  /**
   * Follows an identifier to the expression it stands for: its `const` initializer in this file
   * (through several hops), or the exported constant of another module; otherwise the node itself.
   */
  resolve(node: TSESTree.Node, depth = 0): Resolved {
    const target = unwrap(node);
    const itself: Resolved = { kind: 'node', node: target, foreign: null };
    if (depth > MAX_DEPTH) return itself;
    if (target.type === AST_NODE_TYPES.CallExpression) {
      // A local helper with a single return: `headers: getCorsHeaders()`.
      const returned = this.returnedBy(target);
      return returned ? this.resolve(returned, depth + 1) : itself;
    }
    if (target.type !== AST_NODE_TYPES.Identifier) return itself;
    const definition = this.definitionOf(target);
    if (
      definition?.type === AST_NODE_TYPES.VariableDeclarator &&
      definition.id.type === AST_NODE_TYPES.Identifier &&
      definition.init
    ) {
      return this.resolve(definition.init, depth + 1);
    }
    const variable = definition ? null : variableOf(this.sourceCode, target);
    if (variable?.defs.length === 1 && variable.defs[0]?.type === DefinitionType.ImportBinding) {
      return this.resolveImported(target) ?? itself;
    }
    return itself;
  }

  /** The expression a call to a local function returns, when the function has one `return`. */
  private returnedBy(call: TSESTree.CallExpression): TSESTree.Expression | null {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return null;
    const definition = this.definitionOf(callee);
    const fn =
      definition?.type === AST_NODE_TYPES.FunctionDeclaration
        ? definition
        : definition?.init && isFunctionNode(unwrap(definition.init))
          ? (unwrap(definition.init) as FunctionNode)
          : null;
    if (!fn || fn.async || fn.generator) return null;
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
    let returned: TSESTree.Expression | null = null;
    let count = 0;
    walk(fn.body, (node) => {
      if (node.type === AST_NODE_TYPES.ReturnStatement && enclosingFunction(node) === fn) {
        count++;
        returned = node.argument;
      }
    });
    return count === 1 ? returned : null;
  }

  /** Whether an identifier is a function parameter (or destructured from one). */
  isParameter(identifier: TSESTree.Identifier): boolean {
    const variable = variableOf(this.sourceCode, identifier);
    return variable?.defs[0]?.type === DefinitionType.Parameter;
  }

  /**
   * The single declaration of a binding that is never reassigned: its `VariableDeclarator`
   * (also for destructuring) or `FunctionDeclaration`; null for parameters, imports and the rest.
   */
  definitionOf(identifier: TSESTree.Identifier): TSESTree.VariableDeclarator | TSESTree.FunctionDeclaration | null {
    const variable = variableOf(this.sourceCode, identifier);
    const definition = variable?.defs[0];
    if (!variable || !definition || variable.defs.length !== 1) return null;
    if (definition.type === DefinitionType.FunctionName && definition.node.type === AST_NODE_TYPES.FunctionDeclaration) {
      return definition.node;
    }
    if (definition.type !== DefinitionType.Variable) return null;
    if (definition.parent.kind !== 'const' && variable.references.some((reference) => reference.isWrite() && !reference.init)) {
      return null;
    }
    return definition.node;
  }

  /**
   * The entries of an object-valued expression, spreads expanded in order; null when the
   * expression is not an object this layer can see. A spread of something unknown is not guessed:
   * it makes the answer incomplete (`complete: false`), so "the key is absent" stays unknown.
   */
  objectEntries(node: TSESTree.Node): ObjectEntries | null {
    const entries: ObjectEntry[] = [];
    const resolved = this.resolve(node);
    // Entries of an object defined elsewhere (`headers: corsHeaders`) are placed at the use.
    const inPlace = resolved.kind === 'node' && resolved.node === unwrap(node);
    const via = inPlace ? null : describe(node, this.sourceCode);
    const complete = this.entriesOf(resolved, node, via, 0, entries, inPlace);
    return complete === null ? null : { entries, complete };
  }

  /** Appends the entries of `resolved`; answers whether all were seen, or null if not an object. */
  private entriesOf(
    resolved: Resolved,
    site: TSESTree.Node,
    via: string | null,
    depth: number,
    entries: ObjectEntry[],
    inPlace: boolean,
  ): boolean | null {
    if (depth > MAX_DEPTH) return null;
    if (resolved.kind === 'value') {
      const value = resolved.value;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
      for (const [key, entryValue] of Object.entries(value)) {
        entries.push({ key, value: { kind: 'value', value: entryValue }, site, via });
      }
      return true;
    }
    const node = unwrap(resolved.node);
    if (node.type !== AST_NODE_TYPES.ObjectExpression) return null;
    let complete = true;
    for (const property of node.properties) {
      const entrySite = inPlace ? property : site;
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        // A conditional spread, `...(enabled && corsHeaders)` or `...(cors ? corsHeaders : {})`:
        // its entries may apply, so they are listed; whether they do is unknown (incomplete).
        const spread = unwrap(property.argument);
        const branches =
          spread.type === AST_NODE_TYPES.LogicalExpression && spread.operator === '&&'
            ? [spread.right]
            : spread.type === AST_NODE_TYPES.ConditionalExpression
              ? [spread.consequent, spread.alternate]
              : [property.argument];
        if (branches.length > 1 || branches[0] !== property.argument) complete = false;
        for (const branch of branches) {
          const inner = resolved.foreign ? resolveForeignIdentifier(branch, resolved.foreign) : this.resolve(branch);
          const name = describe(branch, this.sourceCode);
          const nested = this.entriesOf(inner, entrySite, via ?? name, depth + 1, entries, false);
          if (nested !== true) complete = false;
        }
        continue;
      }
      if (property.computed && staticKeyName(property) === null) complete = false;
      entries.push({
        key: staticKeyName(property),
        value: { kind: 'node', node: property.value, foreign: resolved.foreign },
        site: entrySite,
        via,
      });
    }
    return complete;
  }

  private resolveImported(identifier: TSESTree.Identifier): Resolved | null {
    const ref = this.imports.resolve(identifier);
    if (!ref) return null;
    const exportName = ref.path[0] ?? 'default';
    const library = LIBRARY_CONSTANTS[ref.source];
    if (library && ref.path.length === 1 && exportName in library) {
      return { kind: 'value', value: library[exportName] };
    }
    const fileName = ref.path.length <= 1 ? resolveRelativeModule(this.filename, ref.source) : null;
    const module = fileName ? readForeignModule(fileName) : null;
    let found = module ? foreignExport(module, exportName) : null;
    if (!found) {
      // Path aliases (`@/lib/cors`) and what the reader cannot follow: the checker knows the declaring file.
      const declaration = this.types()?.declarationOf(identifier);
      if (declaration && !declaration.fileName.includes('/node_modules/')) {
        // The declaring symbol's own name is the local name in its module (`export { a as b }`).
        const declaring = readForeignModule(declaration.fileName);
        const expression = declaring?.constants.get(declaration.name);
        found = declaring && expression ? { expression, module: declaring } : null;
      }
    }
    return found ? { kind: 'node', node: found.expression, foreign: found.module } : null;
  }
}

/** A short, machine-independent name for where entries come from: the expression as written. */
function describe(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.Identifier ? target.name : sourceCode.getText(target);
}

function resolveForeignIdentifier(node: TSESTree.Node, module: ForeignModule): Resolved {
  let target = unwrap(node);
  for (let hops = 0; hops < MAX_DEPTH && target.type === AST_NODE_TYPES.Identifier; hops++) {
    const init = module.constants.get(target.name);
    if (!init) break;
    target = unwrap(init);
  }
  return { kind: 'node', node: target, foreign: module };
}

/** A small evaluator for another module's constants, where no scope analysis is available. */
function evaluateForeign(
  node: TSESTree.Node,
  module: ForeignModule,
  depth: number,
): { readonly value: unknown } | null {
  if (depth > MAX_DEPTH) return null;
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return { value: target.value };
    case AST_NODE_TYPES.Identifier: {
      const init = module.constants.get(target.name);
      return init ? evaluateForeign(init, module, depth + 1) : null;
    }
    case AST_NODE_TYPES.TemplateLiteral: {
      let text = target.quasis[0]?.value.cooked ?? '';
      for (const [index, expression] of target.expressions.entries()) {
        const part = evaluateForeign(expression, module, depth + 1);
        if (!part) return null;
        text += String(part.value) + (target.quasis[index + 1]?.value.cooked ?? '');
      }
      return { value: text };
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (target.operator !== '+') return null;
      const left = evaluateForeign(target.left, module, depth + 1);
      const right = left && evaluateForeign(target.right, module, depth + 1);
      if (!left || !right) return null;
      return { value: (left.value as string) + (right.value as string) };
    }
    default:
      return null;
  }
}
