import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunctionNode, staticKeyName, unwrap, walk } from '../../analysis/ast.js';
import { guardsOf } from '../../analysis/guards.js';
import { type FailurePath, containsDelay, failurePathOf, isCounterGuarded } from '../../analysis/control-flow.js';
import { COUNTER_NAME } from '../../knowledge/retry.js';

/** A function that can call itself: by its name, or as `this.name()` for methods. */
interface Frame {
  readonly fn: FunctionNode;
  readonly name: string;
  readonly viaThis: boolean;
}

/** A function calling (or scheduling) itself on a failure path. */
export interface RetrySite {
  /** The call (`charge(id)`) or the reference (`setTimeout(connect, 1000)`). */
  readonly node: TSESTree.Node;
  readonly fn: FunctionNode;
  /** `charge`, `this.connect`: as the user wrote it. */
  readonly name: string;
  readonly path: FailurePath;
  /** A counter or a deadline reaches the retry. */
  readonly bounded: boolean;
  /** The bound is a list of alternatives running out (`if (!rest.length) throw`): the next call tries another input, not the same one again. */
  readonly alternatives: boolean;
}

/**
 * Tracks the functions being traversed (entered on `:function`, left on `:function:exit`) so that
 * a call can be matched to an enclosing function of the same name in O(1), before any scope work.
 */
export class SelfCallTracker {
  private readonly frames: Frame[] = [];
  private readonly names = new Map<string, number>();

  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>) {}

  enter(fn: FunctionNode): void {
    const frame = frameOf(fn);
    if (!frame) return;
    this.frames.push(frame);
    this.names.set(frame.name, (this.names.get(frame.name) ?? 0) + 1);
  }

  exit(fn: FunctionNode): void {
    if (this.frames.at(-1)?.fn !== fn) return;
    const frame = this.frames.pop();
    if (frame) this.names.set(frame.name, (this.names.get(frame.name) ?? 1) - 1);
  }

  /** The enclosing function that `reference` (an identifier or `this.name`) denotes, or null. */
  target(reference: TSESTree.Node): { readonly fn: FunctionNode; readonly name: string } | null {
    const node = unwrap(reference);
    if (node.type === AST_NODE_TYPES.Identifier) {
      if (!this.names.get(node.name)) return null;
      const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!definition) return null;
      for (let index = this.frames.length - 1; index >= 0; index--) {
        const frame = this.frames[index];
        if (frame?.name !== node.name || frame.viaThis) continue;
        const declared = definition.node as TSESTree.Node;
        const init = declared.type === AST_NODE_TYPES.VariableDeclarator && declared.init ? unwrap(declared.init) : null;
        if (declared === frame.fn || init === frame.fn) return { fn: frame.fn, name: node.name };
      }
      return null;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
      const name = staticKeyName(node);
      if (name === null || !this.names.get(name)) return null;
      // `this` is the method's own only through arrow functions.
      let innermost: FunctionNode | null = null;
      for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
        if (isFunctionNode(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
          innermost = current;
          break;
        }
      }
      const frame = this.frames.findLast((candidate) => candidate.viaThis && candidate.name === name);
      if (frame && (frame.fn === innermost || (frame.fn.type === AST_NODE_TYPES.ArrowFunctionExpression && innermost === null) || isClassArrow(frame.fn, innermost))) {
        return { fn: frame.fn, name: `this.${name}` };
      }
    }
    return null;
  }
}

/** `connect = () => { ... }` as a class field: `this` inside is the instance, as in its methods. */
function isClassArrow(fn: FunctionNode, innermost: FunctionNode | null): boolean {
  return fn.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.parent.type === AST_NODE_TYPES.PropertyDefinition && (innermost === null || !contains(fn, innermost));
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function frameOf(fn: FunctionNode): Frame | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ? { fn, name: fn.id.name, viaThis: false } : null;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier && parent.init === fn) {
    return { fn, name: parent.id.name, viaThis: false };
  }
  if (fn.type === AST_NODE_TYPES.FunctionExpression && fn.id) return { fn, name: fn.id.name, viaThis: false };
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.Property) &&
    parent.value === fn
  ) {
    const name = staticKeyName(parent);
    return name === null ? null : { fn, name, viaThis: true };
  }
  return null;
}

/**
 * Decides whether a self-call retries on failure, and whether a bound reaches it: a counter or
 * deadline test guards the call, or the call passes on a changed counter (`attempt + 1`,
 * `retries - 1`, `{ ...options, retries: options.retries - 1 }`) or the function updates a
 * captured one (`attempts++`) that some comparison in the function reads.
 */
export function retrySiteOf(node: TSESTree.Node, fn: FunctionNode, name: string, sourceCode: Readonly<TSESLint.SourceCode>): RetrySite | null {
  const path = failurePathOf(node, fn);
  if (!path) return null;
  // `resume('throw', error)`: the failure is handed on (a state machine, a generator), not retried.
  if (passesFailure(node, path, sourceCode)) return null;
  const bounded = isCounterGuarded(node, fn, COUNTER_NAME) || readsChangedCounter(node, fn, sourceCode) || passesOneShotFlag(node, fn);
  const alternatives = bounded && guardsOf(node, fn).some((guard) => readsLength(guard.test));
  return { node, fn, name, path, bounded, alternatives };
}

/**
 * Whether the retry is asynchronous, so that retrying at once can hammer a remote dependency: the
 * function is `async`, the retry runs from a promise rejection handler or a timer, or it awaits.
 * Retrying a synchronous local operation (`mkdirSync`, `require`) at once costs nothing remote.
 */
export function isAsyncRetry(site: RetrySite): boolean {
  return site.fn.async || site.path.kind === 'promise-catch' || site.path.deferred || containsAwait(site.fn.body);
}

/** Whether `region` awaits (`await`, `for await`), not counting nested functions. */
export function containsAwait(region: TSESTree.Node): boolean {
  let found = false;
  walk(region, (node) => {
    if (found || !(node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await))) return;
    let current: TSESTree.Node | undefined = node.parent;
    while (current !== undefined && current !== region) {
      if (isFunctionNode(current)) return;
      current = current.parent;
    }
    found = true;
  });
  return found;
}

/** The binding that holds the failure: the catch clause's parameter, or the rejection handler's first. */
function failureBinding(path: FailurePath): TSESTree.Identifier | null {
  const handler = path.handler;
  if (handler.type === AST_NODE_TYPES.CatchClause) return handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param : null;
  if (path.kind === 'promise-catch' && isFunctionNode(handler)) {
    const first = handler.params[0];
    return first?.type === AST_NODE_TYPES.Identifier ? first : null;
  }
  return null;
}

function passesFailure(site: TSESTree.Node, path: FailurePath, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (site.type !== AST_NODE_TYPES.CallExpression) return false;
  const binding = failureBinding(path);
  if (!binding) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(binding), binding);
  if (!variable) return false;
  return site.arguments.some((argument) => {
    const value = unwrap(argument);
    return value.type === AST_NODE_TYPES.Identifier && variable.references.some((reference) => reference.identifier === value);
  });
}

/**
 * `return handleError(error, ..., true)` where the function tests that parameter (`if
 * (loadErrorFail) throw ...`): the second call takes another branch, so the retry happens once.
 */
function passesOneShotFlag(site: TSESTree.Node, fn: FunctionNode): boolean {
  if (site.type !== AST_NODE_TYPES.CallExpression) return false;
  return site.arguments.some((argument, index) => {
    if (argument.type !== AST_NODE_TYPES.Literal || typeof argument.value !== 'boolean') return false;
    const parameter = fn.params[index];
    const name =
      parameter?.type === AST_NODE_TYPES.Identifier
        ? parameter.name
        : parameter?.type === AST_NODE_TYPES.AssignmentPattern && parameter.left.type === AST_NODE_TYPES.Identifier
          ? parameter.left.name
          : null;
    return name !== null && testsName(fn.body, name);
  });
}

/** Whether a condition in `region` reads `name` (`if (flag)`, `flag ? a : b`, `!flag && ...`). */
function testsName(region: TSESTree.Node, name: string): boolean {
  let found = false;
  walk(region, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression || node.type === AST_NODE_TYPES.LogicalExpression) {
      const test = node.type === AST_NODE_TYPES.LogicalExpression ? node.left : node.test;
      walk(test, (inner) => {
        if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) found = true;
      });
    }
  });
  return found;
}

/** Whether the retry waits: it is scheduled by a timer, or the function awaits a delay. */
export function retryWaits(site: RetrySite, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return site.path.deferred || containsDelay(site.fn.body, sourceCode);
}

const RELATIONAL = new Set(['<', '<=', '>', '>=', '===', '!==', '==', '!=']);

function readsChangedCounter(site: TSESTree.Node, fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const counters = new Set<string>();
  const text = (node: TSESTree.Node): string => sourceCode.getText(unwrap(node));
  const changed = (value: TSESTree.Node): void => {
    const target = unwrap(value);
    if (target.type === AST_NODE_TYPES.BinaryExpression && (target.operator === '+' || target.operator === '-')) {
      for (const side of [target.left, target.right]) {
        const operand = unwrap(side);
        if (operand.type === AST_NODE_TYPES.Identifier || operand.type === AST_NODE_TYPES.MemberExpression) counters.add(text(operand));
      }
    } else if (target.type === AST_NODE_TYPES.UpdateExpression) {
      counters.add(text(target.argument));
    } else if (target.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of target.properties) if (property.type === AST_NODE_TYPES.Property) changed(property.value);
    }
  };
  if (site.type === AST_NODE_TYPES.CallExpression) for (const argument of site.arguments) changed(argument);
  // Captured counters: `attempts++`, `retries -= 1` anywhere in the function.
  walk(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.UpdateExpression) counters.add(text(node.argument));
    if (node.type === AST_NODE_TYPES.AssignmentExpression && (node.operator === '+=' || node.operator === '-=')) counters.add(text(node.left));
  });
  if (counters.size === 0) return false;
  let read = false;
  walk(fn, (node) => {
    if (read || (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) || !counters.has(text(node))) return;
    // `attempt >= 3`, `retries-- > 0`, `!retriesLeft`, `attempt + 1 > max`: a few levels up at most.
    let current: TSESTree.Node | undefined = node.parent;
    for (let level = 0; current && level < 3; level++, current = current.parent) {
      if (current.type === AST_NODE_TYPES.BinaryExpression && RELATIONAL.has(current.operator)) read = true;
      else if (current.type === AST_NODE_TYPES.UnaryExpression && current.operator === '!') read = true;
      else if (isFunctionNode(current) || current.type === AST_NODE_TYPES.CallExpression) break;
    }
  });
  return read;
}

/** Whether a test reads a `.length` (`!candidates.length`, `rest.length === 0`). */
function readsLength(test: TSESTree.Node): boolean {
  let found = false;
  walk(test, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'length') found = true;
  });
  return found;
}
