import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunctionNode, staticKeyName, unwrap, variableOf, walk } from '../../analysis/ast.js';
import { type Guard, guardsOf } from '../../analysis/guards.js';
import { type FailurePath, containsDelay, failurePathOf, isCounterTest } from '../../analysis/control-flow.js';
import { CONFLICT_ERROR, CONNECTION_LOST, COUNTER_NAME } from '../../knowledge/retry.js';

/** A function that can call itself: by its name, or as `this.name()` for methods. */
export interface Frame {
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

  /** The innermost named function being traversed. */
  innermost(): Frame | null {
    return this.frames.at(-1) ?? null;
  }

  /** The enclosing function that `reference` (an identifier or `this.name`) denotes, or null. */
  target(reference: TSESTree.Node): { readonly fn: FunctionNode; readonly name: string } | null {
    const node = unwrap(reference);
    if (node.type === AST_NODE_TYPES.Identifier) {
      if (!this.names.get(node.name)) return null;
      const variable = variableOf(this.sourceCode, node);
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

/**
 * Whether some named function of the file names itself inside its own body (`connect()` in
 * `connect`, `this.connect` in a `connect` method, `setTimeout(connect)`): without one, no call or
 * reference can be a self-retry, and the tracker's listeners are not needed. Read from the scopes
 * scope analysis already built, and a text search inside each function body for the name as a
 * whole word (`load` in `loading` is not `load`): a superset.
 */
export function mayReferToItself(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const text = sourceCode.text;
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    if (scope.type !== TSESLint.Scope.ScopeType.function || !isFunctionNode(scope.block)) continue;
    const frame = frameOf(scope.block);
    if (!frame) continue;
    const [start, end] = scope.block.body.range;
    if (holdsWord(text.slice(start, end), frame.name)) return true;
  }
  return false;
}

/**
 * Whether `word` occurs in `text` with no ASCII identifier character (letter, digit, `_`, `$`)
 * right before or after it. Any other character counts as a boundary, so a name next to a
 * non-ASCII letter is still found: the answer may be true without a reference, never false with one.
 */
function holdsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!isAsciiIdentifierChar(text.charCodeAt(at - 1)) && !isAsciiIdentifierChar(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}

/** `NaN` (before the start, past the end) is not an identifier character. */
function isAsciiIdentifierChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
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
  const guards = guardsOf(node, fn);
  // `if (error.code === UNIQUE_VIOLATION) return create(input)`: a collision retried with a fresh value.
  if (path.kind !== 'error-event' && guards.some(isConflictCondition)) return null;
  // `if (reason === 'io server disconnect') socket.connect()`: one re-connect on a specific condition.
  if (path.kind === 'error-event' && guards.some(isSpecificCloseCondition)) return null;
  const bounded =
    guards.some((guard) => !isFailureCondition(guard.test) && isCounterTest(guard.test, COUNTER_NAME)) ||
    readsChangedCounter(node, [fn], sourceCode) ||
    passesOneShotFlag(node, fn) ||
    isOneShot(guards, [fn], sourceCode);
  const alternatives = bounded && guards.some((guard) => readsLength(guard.test));
  return { node, fn, name, path, bounded, alternatives };
}

/** `event.code === 1006`, `error.status !== 503`: a test of what failed, not a count (even when it compares numbers). */
function isFailureCondition(test: TSESTree.Node): boolean {
  const target = unwrap(test);
  if (target.type === AST_NODE_TYPES.LogicalExpression) return isFailureCondition(target.left) && isFailureCondition(target.right);
  if (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === '!') return isFailureCondition(target.argument);
  if (target.type !== AST_NODE_TYPES.BinaryExpression || !/^[!=]==?$/u.test(target.operator)) return false;
  const sides = [unwrap(target.left), unwrap(target.right)];
  return (
    sides.some((side) => side.type === AST_NODE_TYPES.Literal) &&
    sides.some((side) => side.type === AST_NODE_TYPES.MemberExpression && FAILURE_FIELDS.has(staticKeyName(side) ?? ''))
  );
}

const FAILURE_FIELDS = new Set(['code', 'status', 'statusCode', 'reason', 'type', 'name', 'errno', 'message']);

/** The comparisons a guard makes true on the guarded path: `a === b` when taken, `a !== b` when not; `&&` and `||` split. */
function takenComparisons(test: TSESTree.Node, whenTrue: boolean): TSESTree.Node[] {
  const target = unwrap(test);
  if (target.type === AST_NODE_TYPES.LogicalExpression && target.operator === (whenTrue ? '&&' : '||')) {
    return [...takenComparisons(target.left, whenTrue), ...takenComparisons(target.right, whenTrue)];
  }
  if (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === '!') return takenComparisons(target.argument, !whenTrue);
  if (target.type === AST_NODE_TYPES.BinaryExpression) {
    const equality = target.operator === '===' || target.operator === '==';
    const inequality = target.operator === '!==' || target.operator === '!=';
    if ((equality && whenTrue) || (inequality && !whenTrue) || (target.operator === 'instanceof' && whenTrue)) return [target];
    return [];
  }
  // `isUniqueViolation(error)`, `error.message.includes('duplicate')`
  return target.type === AST_NODE_TYPES.CallExpression && whenTrue ? [target] : [];
}

function isConflictCondition(guard: Guard): boolean {
  if (guard.kind === 'switch') return false;
  return takenComparisons(guard.test, guard.whenTrue).some((comparison) => CONFLICT_ERROR.test(textOf(comparison)));
}

/** `event.code === 4001`, `reason === 'io server disconnect'`: not a lost connection (`1006`, `'transport close'`). */
function isSpecificCloseCondition(guard: Guard): boolean {
  if (guard.kind === 'switch') return false;
  return takenComparisons(guard.test, guard.whenTrue).some((comparison) => {
    if (comparison.type !== AST_NODE_TYPES.BinaryExpression || comparison.operator === 'instanceof') return false;
    const sides = [comparison.left, comparison.right].map(unwrap);
    // The value compared with: a literal, or a named constant (`CloseCode.TOKEN_EXPIRED`).
    const value =
      sides.find((side) => side.type === AST_NODE_TYPES.Literal) ??
      sides.find((side) => side.type === AST_NODE_TYPES.MemberExpression && /^[A-Z][A-Z0-9_]*$/u.test(staticKeyName(side) ?? ''));
    if (!value) return false;
    const written = value.type === AST_NODE_TYPES.Literal ? String(value.value) : textOf(value);
    return !CONNECTION_LOST.test(written);
  });
}

/** The names and member paths an expression is written with, dot-joined (`PrismaError.UNIQUE_CONSTRAINT_VIOLATION`). */
function textOf(node: TSESTree.Node): string {
  const parts: string[] = [];
  walk(node, (inner) => {
    if (inner.type === AST_NODE_TYPES.Identifier) parts.push(inner.name);
    else if (inner.type === AST_NODE_TYPES.Literal && (typeof inner.value === 'string' || typeof inner.value === 'number')) parts.push(String(inner.value));
  });
  return parts.join('.');
}

/**
 * A one-shot flag: the retry runs only while a flag is unset (`if (!retried)`, `if (this.reconnected)
 * return`), and the function sets it (`retried = true`): the second failure takes the other branch.
 */
function isOneShot(guards: readonly Guard[], fns: readonly FunctionNode[], sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const flags = new Set<string>();
  for (const guard of guards) {
    const test = unwrap(guard.test);
    const negated = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!';
    const flag = negated ? unwrap(test.argument) : test;
    // Runs only when the flag is falsy: `if (!flag) retry()`, or after `if (flag) return`.
    if (negated !== guard.whenTrue) continue;
    if (flag.type === AST_NODE_TYPES.Identifier || flag.type === AST_NODE_TYPES.MemberExpression) flags.add(sourceCode.getText(flag));
  }
  if (flags.size === 0) return false;
  return fns.some((fn) => {
    let sets = false;
    walk(fn.body, (node) => {
      if (sets || node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return;
      const value = unwrap(node.right);
      if (value.type === AST_NODE_TYPES.Literal && value.value === true && flags.has(sourceCode.getText(node.left))) sets = true;
    });
    return sets;
  });
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
  const variable = variableOf(sourceCode, binding);
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

/**
 * Whether a counter that changes from one attempt to the next is read by a bound: passed on
 * changed (`attempt + 1`) or updated in `fns` (`attempts++`), and compared (`attempt >= 3`) or
 * handed to a helper whose answer guards the retry (`const delay = nextRetryDelay(opts, attempt);
 * if (!delay) throw error`: the helper returns no delay past the maximum).
 */
export function readsChangedCounter(site: TSESTree.Node, fns: readonly FunctionNode[], sourceCode: Readonly<TSESLint.SourceCode>): boolean {
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
  // Captured counters: `attempts++`, `retries -= 1` anywhere in the functions.
  for (const fn of fns) {
    walk(fn.body, (node) => {
      if (node.type === AST_NODE_TYPES.UpdateExpression) counters.add(text(node.argument));
      if (node.type === AST_NODE_TYPES.AssignmentExpression && (node.operator === '+=' || node.operator === '-=')) counters.add(text(node.left));
    });
  }
  if (counters.size === 0) return false;
  // A holder: the flag is written from inside the walk's callback.
  const state = { read: false };
  for (const fn of fns) {
    walk(fn, (node) => {
      if (state.read || (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) || !counters.has(text(node))) return;
      // `attempt >= 3`, `retries-- > 0`, `!retriesLeft`, `attempt + 1 > max`: a few levels up at most.
      let current: TSESTree.Node | undefined = node.parent;
      for (let level = 0; current && level < 3; level++, current = current.parent) {
        if (current.type === AST_NODE_TYPES.BinaryExpression && RELATIONAL.has(current.operator)) state.read = true;
        else if (current.type === AST_NODE_TYPES.UnaryExpression && current.operator === '!') state.read = true;
        else if (isFunctionNode(current) || current.type === AST_NODE_TYPES.CallExpression) break;
      }
    });
  }
  return state.read || guardedByCounterHelper(site, fns[0], counters, sourceCode);
}

/**
 * `const delay = nextRetryDelay(options, attempt); if (!delay) throw error;` or
 * `if (!shouldRetry(error, attempt)) throw error;`: a guard of the retry tests what a helper
 * answers for the counter.
 */
function guardedByCounterHelper(site: TSESTree.Node, fn: FunctionNode | undefined, counters: ReadonlySet<string>, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!fn) return false;
  const passesCounter = (call: TSESTree.Node): boolean => {
    const target = unwrap(call.type === AST_NODE_TYPES.AwaitExpression ? call.argument : call);
    return target.type === AST_NODE_TYPES.CallExpression && target.arguments.some((argument) => counters.has(sourceCode.getText(unwrap(argument))));
  };
  return guardsOf(site, fn).some((guard) => {
    let found = false;
    walk(guard.test, (node) => {
      if (found) return;
      if (node.type === AST_NODE_TYPES.CallExpression && passesCounter(node)) found = true;
      if (node.type !== AST_NODE_TYPES.Identifier) return;
      const variable = variableOf(sourceCode, node);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      const declarator = definition?.node as TSESTree.Node | undefined;
      if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init && contains(fn, declarator) && passesCounter(unwrap(declarator.init))) found = true;
    });
    return found;
  });
}

/** Whether a test reads a `.length` (`!candidates.length`, `rest.length === 0`). */
function readsLength(test: TSESTree.Node): boolean {
  let found = false;
  walk(test, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'length') found = true;
  });
  return found;
}
