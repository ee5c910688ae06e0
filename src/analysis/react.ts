import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, type FunctionNode, isFunctionNode, staticKeyName } from './ast.js';

/** What React makes of a function: a component (PascalCase), a custom hook (`useX`), or neither. */
export type ReactRole = 'component' | 'hook' | null;

/** Calls that wrap a component without changing what it is: `memo(...)`, `forwardRef(...)`, MobX `observer(...)`. */
const COMPONENT_WRAPPERS = new Set(['memo', 'forwardRef', 'observer', 'styled']);

const COMPONENT_NAME = /^[A-Z][\dA-Za-z]*$/u;
const HOOK_NAME = /^use[\dA-Z]/u;

/** Whether a name follows React's hook naming (`useProjects`, `use2FA`). */
export function isHookName(name: string): boolean {
  return HOOK_NAME.test(name);
}

/**
 * The name React and its lint rules see for a function: its own name, the variable or property it
 * is assigned to, through `memo`/`forwardRef` wrappers. `''` for an anonymous default export.
 */
export function reactFunctionName(fn: FunctionNode): string | null {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) return fn.id.name;
  let current: TSESTree.Node = fn;
  for (let depth = 0; depth < 4; depth++) {
    // `current` is the function or a wrapper call around it: never the Program, so it has a parent.
    const parent: TSESTree.Node = current.parent;
    switch (parent.type) {
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.id.type === AST_NODE_TYPES.Identifier && parent.init === current ? parent.id.name : null;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right !== current) return null;
        if (parent.left.type === AST_NODE_TYPES.Identifier) return parent.left.name;
        return parent.left.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(parent.left) : null;
      case AST_NODE_TYPES.Property:
        return parent.value === current ? staticKeyName(parent) : null;
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        return '';
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(parent);
        if (name === null || !COMPONENT_WRAPPERS.has(name) || !parent.arguments.some((argument) => argument === current)) {
          return null;
        }
        current = parent;
        break;
      }
      default:
        return null;
    }
  }
  return null;
}

/** Whether `fn` is a React component or a custom hook, by React's naming rules. */
export function reactRole(fn: FunctionNode): ReactRole {
  const name = reactFunctionName(fn);
  if (name === null) return null;
  if (name === '') return 'component';
  if (HOOK_NAME.test(name)) return 'hook';
  return COMPONENT_NAME.test(name) ? 'component' : null;
}

/** The component or hook whose body directly contains `node` (not through a nested callback). */
export function enclosingReactFunction(node: TSESTree.Node): { readonly fn: FunctionNode; readonly role: 'component' | 'hook' } | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) {
      const role = reactRole(current);
      return role ? { fn: current, role } : null;
    }
  }
  return null;
}
