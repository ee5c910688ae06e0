import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { contains, exits, isFunctionNode, staticKeyName, unwrap } from './ast.js';
import type { ConstantResolver } from './constants.js';

/**
 * A condition that must hold for a node to run: it sits in a branch of an `if`, `?:`, `&&`/`||`
 * or `switch`, or comes after an `if (...) return/throw` early exit in an enclosing block.
 */
export interface Guard {
  readonly test: TSESTree.Node;
  /** The node runs only when `test` is truthy (`true`) or only when it is falsy (`false`). */
  readonly whenTrue: boolean;
  readonly kind: 'branch' | 'early-exit' | 'switch';
}

const earlyExitCache = new WeakMap<TSESTree.Node, readonly TSESTree.IfStatement[]>();

/**
 * The `if (...) return/throw` statements (no `else`) of a block, in order: found once per block,
 * so asking for the guards of every node of a long file stays linear, not one scan of the file's
 * statements per question.
 */
function earlyExits(block: TSESTree.BlockStatement | TSESTree.Program): readonly TSESTree.IfStatement[] {
  let found = earlyExitCache.get(block);
  if (!found) {
    found = block.body.filter(
      (statement): statement is TSESTree.IfStatement => statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && exits(statement.consequent),
    );
    earlyExitCache.set(block, found);
  }
  return found;
}

/**
 * The guards between `node` and `boundary` (by default the nearest enclosing function), innermost
 * first. Intra-procedural and syntactic: cheap enough to ask for every candidate.
 */
export function guardsOf(node: TSESTree.Node, boundary?: TSESTree.Node): Guard[] {
  const guards: Guard[] = [];
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === current.consequent) guards.push({ test: current.test, whenTrue: true, kind: 'branch' });
        else if (child === current.alternate) guards.push({ test: current.test, whenTrue: false, kind: 'branch' });
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === current.right && current.operator !== '??') {
          guards.push({ test: current.left, whenTrue: current.operator === '&&', kind: 'branch' });
        }
        break;
      case AST_NODE_TYPES.SwitchCase:
        if (current.test) {
          guards.push({ test: current.parent.discriminant, whenTrue: true, kind: 'switch' });
        }
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
        for (const statement of earlyExits(current)) {
          if (statement.range[0] >= child.range[0] || contains(statement, child)) break;
          guards.push({ test: statement.test, whenTrue: false, kind: 'early-exit' });
        }
        break;
      default:
        break;
    }
    if (current === boundary || (!boundary && isFunctionNode(current))) break;
  }
  return guards;
}

export type Environment = 'development' | 'production';

const DEVELOPMENT_VALUES = new Set(['development', 'dev', 'test', 'local']);
const PRODUCTION_VALUES = new Set(['production', 'prod']);
const DEVELOPMENT_NAMES = /^(?:__DEV__|dev|isDev|isDevelopment|IS_DEV|IS_DEVELOPMENT|isLocal|IS_LOCAL)$/u;
const PRODUCTION_NAMES = /^(?:isProd|isProduction|IS_PROD|IS_PRODUCTION|__PROD__)$/u;

/**
 * Whether a node runs only in development (or tests): under `NODE_ENV !== 'production'`,
 * `import.meta.env.DEV`, SvelteKit's `dev`, an `isDev` constant, or after an early exit in
 * production. Only ever used to stay silent, never to report.
 */
export function isDevelopmentOnly(node: TSESTree.Node, constants: ConstantResolver): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    for (const guard of guardsOf(current, current.parent ?? undefined)) {
      const environment = environmentOf(guard.test, constants);
      if ((guard.whenTrue ? environment.whenTrue : environment.whenFalse) === 'development') return true;
    }
  }
  return false;
}

/** What a condition proves about the environment when it is true, and when it is false. */
export interface EnvironmentTest {
  readonly whenTrue: Environment | null;
  readonly whenFalse: Environment | null;
}

const UNKNOWN_ENVIRONMENT: EnvironmentTest = { whenTrue: null, whenFalse: null };

/**
 * What a condition says about the environment. `A && B` being true proves what either proves;
 * being false proves only what both prove when false (and the reverse for `||`), so the `else` of
 * `isProd && hasAllowlist` is not development-only.
 */
export function environmentOf(test: TSESTree.Node, constants: ConstantResolver, depth = 0): EnvironmentTest {
  if (depth > 6) return UNKNOWN_ENVIRONMENT;
  const node = unwrap(test);
  switch (node.type) {
    case AST_NODE_TYPES.UnaryExpression: {
      if (node.operator !== '!') return UNKNOWN_ENVIRONMENT;
      const inner = environmentOf(node.argument, constants, depth + 1);
      return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
    }
    case AST_NODE_TYPES.LogicalExpression: {
      if (node.operator === '??') return UNKNOWN_ENVIRONMENT;
      const left = environmentOf(node.left, constants, depth + 1);
      const right = environmentOf(node.right, constants, depth + 1);
      const both = (a: Environment | null, b: Environment | null): Environment | null => (a !== null && a === b ? a : null);
      return node.operator === '&&'
        ? { whenTrue: left.whenTrue ?? right.whenTrue, whenFalse: both(left.whenFalse, right.whenFalse) }
        : { whenTrue: both(left.whenTrue, right.whenTrue), whenFalse: left.whenFalse ?? right.whenFalse };
    }
    default: {
      const environment = simpleEnvironment(node, constants, depth);
      return { whenTrue: environment, whenFalse: invert(environment) };
    }
  }
}

/** The environment a plain (non-logical) condition proves when true. */
function simpleEnvironment(node: TSESTree.Node, constants: ConstantResolver, depth: number): Environment | null {
  switch (node.type) {
    case AST_NODE_TYPES.BinaryExpression: {
      const negated = node.operator === '!==' || node.operator === '!=';
      if (!negated && node.operator !== '===' && node.operator !== '==') return null;
      const [mode, other] = isEnvironmentMode(node.left) ? [node.left, node.right] : [node.right, node.left];
      if (!isEnvironmentMode(mode)) return null;
      const value = constants.value(other)?.value;
      if (typeof value !== 'string') return null;
      const environment = DEVELOPMENT_VALUES.has(value)
        ? 'development'
        : PRODUCTION_VALUES.has(value)
          ? 'production'
          : null;
      return negated ? invert(environment) : environment;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = staticKeyName(node);
      if (isImportMetaEnv(node.object)) {
        if (name === 'DEV') return 'development';
        if (name === 'PROD') return 'production';
      }
      return null;
    }
    case AST_NODE_TYPES.Identifier: {
      const resolved = constants.resolve(node);
      if (resolved.kind === 'node' && resolved.node !== node && !resolved.foreign) {
        const environment = environmentOf(resolved.node, constants, depth + 1).whenTrue;
        if (environment) return environment;
      }
      if (DEVELOPMENT_NAMES.test(node.name)) return 'development';
      if (PRODUCTION_NAMES.test(node.name)) return 'production';
      return null;
    }
    default:
      return null;
  }
}

function invert(environment: Environment | null): Environment | null {
  if (environment === 'development') return 'production';
  if (environment === 'production') return 'development';
  return null;
}

/** `process.env.NODE_ENV` (and `APP_ENV`, `VERCEL_ENV`, `ENV`), `import.meta.env.MODE`. */
function isEnvironmentMode(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = staticKeyName(target);
  if (isImportMetaEnv(target.object)) return name === 'MODE';
  const object = unwrap(target.object);
  return (
    name !== null &&
    /^(?:NODE_ENV|APP_ENV|VERCEL_ENV|ENV|ENVIRONMENT)$/u.test(name) &&
    object.type === AST_NODE_TYPES.MemberExpression &&
    staticKeyName(object) === 'env' &&
    unwrap(object.object).type === AST_NODE_TYPES.Identifier &&
    (unwrap(object.object) as TSESTree.Identifier).name === 'process'
  );
}

function isImportMetaEnv(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return (
    target.type === AST_NODE_TYPES.MemberExpression &&
    staticKeyName(target) === 'env' &&
    target.object.type === AST_NODE_TYPES.MetaProperty
  );
}
