import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { staticKeyName, unwrap } from '../../analysis/ast.js';
import { type EnvRead, envObjectOf, envReadOfMember } from '../../analysis/env.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import { clientExportOf, readModuleDirectives, resolveRelativeModule } from '../../analysis/modules.js';

/**
 * The React Server Components boundary: a server component rendering a component of a
 * `'use client'` module serialises every prop into the page's RSC payload, which the browser
 * downloads. These helpers find the env reads a JSX prop carries and decide, from the imported
 * module's directives, whether the component is a client component.
 */

/** An env read carried by a prop value, and the node to report (the value as written). */
export interface PropRead {
  readonly read: EnvRead;
  readonly node: TSESTree.Node;
}

const { DefinitionType } = TSESLint.Scope;

/**
 * The env reads a JSX prop value carries: `process.env.X` in place (also through `as`, `!`, `?? ''`),
 * a local `const` holding one (`const key = process.env.X`, `const { X } = process.env`), and the
 * values of an object literal one level down (`config={{ apiKey: process.env.X }}`).
 */
export function propReads(expression: TSESTree.Node, facts: FileFacts): PropRead[] {
  const target = unwrap(expression);
  const candidates =
    target.type === AST_NODE_TYPES.ObjectExpression
      ? target.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property ? [property.value] : []))
      : [target];
  const reads: PropRead[] = [];
  for (const candidate of candidates) {
    const read = readOf(candidate, facts);
    if (read) reads.push({ read, node: candidate });
  }
  return reads;
}

function readOf(node: TSESTree.Node, facts: FileFacts): EnvRead | null {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.LogicalExpression && (target.operator === '??' || target.operator === '||')) target = unwrap(target.left);
  if (target.type === AST_NODE_TYPES.MemberExpression) return envReadOfMember(target, facts);
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const definition = facts.constants.definitionOf(target);
  if (definition?.type !== AST_NODE_TYPES.VariableDeclarator || !definition.init) return null;
  if (definition.id.type === AST_NODE_TYPES.Identifier) {
    const init = unwrap(definition.init);
    const value = init.type === AST_NODE_TYPES.LogicalExpression && (init.operator === '??' || init.operator === '||') ? unwrap(init.left) : init;
    return value.type === AST_NODE_TYPES.MemberExpression ? envReadOfMember(value, facts) : null;
  }
  if (definition.id.type !== AST_NODE_TYPES.ObjectPattern) return null;
  // `const { STRIPE_SECRET_KEY } = process.env;` `const { STRIPE_SECRET_KEY: key = '' } = process.env;`
  const source = envObjectOf(definition.init, facts);
  if (source !== 'process.env' && source !== 'import.meta.env') return null;
  for (const property of definition.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type === AST_NODE_TYPES.Identifier && value.name === target.name) {
      const name = staticKeyName(property);
      return name === null ? null : { name, source, node, key: null };
    }
  }
  return null;
}

/**
 * Whether a JSX element's component comes from a `'use client'` module: `<Checkout>` imported
 * (by name or as the default export) from a module that starts with `'use client'`, or re-exports
 * it from one; `<UI.Checkout>` through `import * as UI`. Relative imports are read from disk
 * (cached per file); other specifiers (`@/components/x`) are followed through the type checker
 * when type information is available. Null when the answer is no or unknown.
 */
export function clientComponentModule(name: TSESTree.JSXTagNameExpression, facts: FileFacts): string | null {
  let local: TSESTree.JSXIdentifier;
  let member: string | null = null;
  if (name.type === AST_NODE_TYPES.JSXIdentifier) {
    local = name;
  } else if (name.type === AST_NODE_TYPES.JSXMemberExpression && name.object.type === AST_NODE_TYPES.JSXIdentifier) {
    local = name.object;
    member = name.property.name;
  } else {
    return null;
  }
  // Intrinsic elements (`<div>`) are lower case.
  if (member === null && !/^[A-Z]/u.test(local.name)) return null;
  const variable = ASTUtils.findVariable(facts.sourceCode.getScope(name), local.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== DefinitionType.ImportBinding) return null;
  const specifier = definition.node;
  if (specifier.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return null;
  const declaration = specifier.parent;
  if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return null;
  if (declaration.importKind === 'type' || (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type')) return null;
  let exportName: string;
  if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
    if (member !== null) return null;
    exportName = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
  } else if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
    if (member !== null) return null;
    exportName = 'default';
  } else {
    if (member === null) return null;
    exportName = member;
  }
  const source = declaration.source.value;
  const fileName = resolveRelativeModule(facts.filename, source);
  if (fileName) return clientExportOf(fileName, exportName) === 'yes' ? source : null;
  // `@/components/checkout`: only the type checker knows where the path alias leads.
  if (member !== null || source.startsWith('.')) return null;
  const declared = facts.types?.declarationOf(specifier.local) ?? null;
  if (!declared || /\.d\.[cm]?ts$/u.test(declared.fileName)) return null;
  return readModuleDirectives(declared.fileName)?.has('use client') === true ? source : null;
}
