import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calledMethodName, calleeObject, type FunctionNode, isFunctionNode, unwrap, walk } from '../../analysis/ast.js';
import type { Resolved } from '../../analysis/constants.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import { type Guard, environmentOf, guardsOf } from '../../analysis/guards.js';
import { requestHeaderName } from '../../analysis/request.js';
import type { CorsOptionStyle } from '../../knowledge/cors.js';
import {
  type Weakness,
  endsWithWeakness,
  includesWeakness,
  regexAcceptsAll,
  regexWeakness,
  startsWithWeakness,
} from './allowlist.js';

/** What an origin setting lets in. `weak` and `null-origin` are reported only in strict mode. */
export type OriginVerdict =
  | { readonly kind: 'wildcard' }
  /** A middleware's default origin, which is `*` for every library covered. */
  | { readonly kind: 'default' }
  | { readonly kind: 'any'; readonly how: string }
  | { readonly kind: 'reflect' }
  | { readonly kind: 'fallback'; readonly of: string }
  | { readonly kind: 'weak'; readonly check: string; readonly weakness: Weakness; readonly node: TSESTree.Node }
  | { readonly kind: 'null-origin'; readonly node: TSESTree.Node };

const MAX_DEPTH = 20;

export interface OriginAnalysisOptions {
  readonly checkAllowlists: boolean;
  /** Skip the branch of `isDev ? '*' : allowlist` that only runs in development. */
  readonly ignoreDevelopmentOnly: boolean;
}

/**
 * Classifies origin values: header values (`res.setHeader('Access-Control-Allow-Origin', x)`) and
 * the `origin` option of CORS middlewares. Anything not knowable answers null (no report).
 */
export class OriginAnalyzer {
  constructor(
    private readonly facts: FileFacts,
    private readonly options: OriginAnalysisOptions,
  ) {}

  /** The value sent as `Access-Control-Allow-Origin`. */
  headerValue(resolved: Resolved, depth = 0): OriginVerdict | null {
    // Deeply nested `a ? b : c` or `a || b || ...` chains: past this depth the value is unknown.
    if (depth > MAX_DEPTH) return null;
    const { constants } = this.facts;
    if (resolved.kind === 'value' || resolved.foreign) {
      const value = constants.valueOf(resolved)?.value;
      return this.staticVerdict(value, null);
    }
    const node = unwrap(resolved.node);
    // The request origin is recognised at the place of use, where the guards that check it are.
    if (this.isRequestOrigin(node)) {
      const names = this.originNames(node);
      const checks = this.originChecks(node, names, undefined);
      if (checks.length === 0) return { kind: 'reflect' };
      if (!this.options.checkAllowlists) return null;
      for (const check of checks) {
        const weak = this.weakCheckIn(check, names);
        if (weak) return weak;
      }
      return null;
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const init = constants.resolve(node);
      if (init.kind === 'value' || init.foreign || init.node !== node) return this.headerValue(init, depth + 1);
    }
    if (node.type === AST_NODE_TYPES.ConditionalExpression) {
      return this.branches(node, (branch) => this.headerValue({ kind: 'node', node: branch, foreign: null }, depth + 1));
    }
    if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '&&') {
      const left = this.headerValue({ kind: 'node', node: node.left, foreign: null }, depth + 1);
      if (left?.kind === 'reflect') return left;
      if (constants.value(node.right)?.value === '*') {
        return { kind: 'fallback', of: this.facts.sourceCode.getText(node.left) };
      }
      return left;
    }
    const value = constants.value(node);
    return value ? this.staticVerdict(value.value, node) : null;
  }

  /** The `origin` option of a CORS middleware, in the library's own semantics. */
  optionValue(resolved: Resolved, style: CorsOptionStyle, depth = 0): OriginVerdict | null {
    if (depth > MAX_DEPTH) return null;
    const { constants } = this.facts;
    if (resolved.kind === 'value' || resolved.foreign) {
      return this.staticOption(constants.valueOf(resolved)?.value, style, null);
    }
    const node = unwrap(resolved.node);
    if (node.type === AST_NODE_TYPES.ConditionalExpression) {
      return this.branches(node, (branch) => this.optionValue(constants.resolve(branch), style, depth + 1));
    }
    if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '&&') {
      if (constants.value(node.right)?.value === '*') {
        return { kind: 'fallback', of: this.facts.sourceCode.getText(node.left) };
      }
      return null;
    }
    const fn = this.functionOf(node);
    if (fn) return this.originCallback(fn, style);
    if (node.type === AST_NODE_TYPES.ArrayExpression) return this.allowlistArray(node);
    if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'RegExp') {
      const value = constants.value(node);
      return value ? this.staticOption(value.value, style, node) : null;
    }
    const value = constants.value(node);
    return value ? this.staticOption(value.value, style, node) : null;
  }

  private branches(
    node: TSESTree.ConditionalExpression,
    verdictOf: (branch: TSESTree.Node) => OriginVerdict | null,
  ): OriginVerdict | null {
    const environment = this.options.ignoreDevelopmentOnly ? environmentOf(node.test, this.facts.constants) : null;
    const consequent = environment?.whenTrue === 'development' ? null : verdictOf(node.consequent);
    if (consequent && consequent.kind !== 'weak' && consequent.kind !== 'null-origin') return consequent;
    const alternate = environment?.whenFalse === 'development' ? null : verdictOf(node.alternate);
    return alternate ?? consequent;
  }

  private staticVerdict(value: unknown, node: TSESTree.Node | null): OriginVerdict | null {
    if (value === '*') return { kind: 'wildcard' };
    if (value === 'null' && node && this.options.checkAllowlists) return { kind: 'null-origin', node };
    return null;
  }

  private staticOption(value: unknown, style: CorsOptionStyle, node: TSESTree.Node | null): OriginVerdict | null {
    if (value === '*') return { kind: 'wildcard' };
    if (value === true && style === 'node') return { kind: 'any', how: 'is `true`, which reflects every request origin' };
    if (value instanceof RegExp) return this.regexVerdict(value, node);
    if (Array.isArray(value)) {
      for (const entry of value) {
        if (entry instanceof RegExp) {
          const verdict = this.regexVerdict(entry, node);
          if (verdict) return verdict;
        } else if (entry === 'null' && node && this.options.checkAllowlists) {
          return { kind: 'null-origin', node };
        }
      }
      return null;
    }
    if (value === 'null' && node && this.options.checkAllowlists) return { kind: 'null-origin', node };
    return null;
  }

  private regexVerdict(pattern: RegExp, node: TSESTree.Node | null): OriginVerdict | null {
    if (regexAcceptsAll(pattern)) return { kind: 'any', how: `is the pattern \`${String(pattern)}\`, which matches every origin` };
    if (!this.options.checkAllowlists || !node) return null;
    const weakness = regexWeakness(pattern);
    return weakness ? { kind: 'weak', check: `\`${String(pattern)}\``, weakness, node } : null;
  }

  /** Array entries are checked one by one, so a single unknown entry does not hide a bad one. */
  private allowlistArray(node: TSESTree.ArrayExpression): OriginVerdict | null {
    for (const element of node.elements) {
      if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
      const value = this.facts.constants.value(element)?.value;
      if (value instanceof RegExp) {
        const verdict = this.regexVerdict(value, element);
        if (verdict) return verdict;
      } else if (value === 'null' && this.options.checkAllowlists) {
        return { kind: 'null-origin', node: element };
      }
    }
    return null;
  }

  private functionOf(node: TSESTree.Node): FunctionNode | null {
    if (isFunctionNode(node)) return node;
    if (node.type === AST_NODE_TYPES.Identifier) {
      const definition = this.facts.constants.definitionOf(node);
      if (definition?.type === AST_NODE_TYPES.FunctionDeclaration) return definition;
    }
    return null;
  }

  /**
   * An origin callback lets everyone in when a path that reaches "allow" (`callback(null, true)`,
   * `callback(null, origin)`, `return origin`, `return true`) passes no check of the origin.
   */
  private originCallback(fn: FunctionNode, style: CorsOptionStyle): OriginVerdict | null {
    const [first, second] = fn.params;
    const originName = first?.type === AST_NODE_TYPES.Identifier && style !== 'koa' ? first.name : null;
    const callbackName = style === 'node' && second?.type === AST_NODE_TYPES.Identifier ? second.name : null;
    const names = new Set(originName ? [originName] : []);
    const allows: TSESTree.Node[] = [];
    const isOriginValue = (value: TSESTree.Node | undefined): boolean => {
      if (!value) return false;
      const target = unwrap(value);
      if (target.type === AST_NODE_TYPES.Identifier && names.has(target.name)) return true;
      if (style === 'koa' && this.isRequestOrigin(target)) return true;
      const constant = this.facts.constants.value(target)?.value;
      return constant === '*' || (style === 'node' && constant === true);
    };
    walk(fn.body, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && callbackName !== null) {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.Identifier && callee.name === callbackName && isOriginValue(node.arguments[1])) {
          allows.push(node);
        }
      } else if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && isOriginValue(node.argument)) {
        allows.push(node);
      }
    });
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement && isOriginValue(fn.body)) allows.push(fn.body);
    if (style === 'koa') {
      for (const allow of allows) {
        const value = allow.type === AST_NODE_TYPES.ReturnStatement ? allow.argument : allow;
        if (value && this.isRequestOrigin(unwrap(value))) {
          for (const name of this.originNames(unwrap(value))) names.add(name);
        }
      }
    }
    for (const allow of allows) {
      if (!this.checkedBefore(allow, names, fn)) {
        return { kind: 'any', how: 'is a callback that allows every origin' };
      }
    }
    if (this.options.checkAllowlists) return this.weakCheckIn(fn, names);
    return null;
  }

  /** Whether a node is guarded by a real check of the origin (not a mere presence test). */
  private checkedBefore(node: TSESTree.Node, names: ReadonlySet<string>, boundary: TSESTree.Node | undefined): boolean {
    return this.originChecks(node, names, boundary).length > 0;
  }

  /**
   * The conditions that check the origin before `node` runs. A branch taken only when the origin
   * is absent (`if (!origin) return callback(null, true)`) counts: no Origin, no browser to protect.
   */
  private originChecks(node: TSESTree.Node, names: ReadonlySet<string>, boundary: TSESTree.Node | undefined): TSESTree.Node[] {
    const checks: TSESTree.Node[] = [];
    for (const guard of guardsOf(node, boundary)) {
      if (this.isOriginCheck(guard, names) || impliesAbsent(guard.test, guard.whenTrue, names)) checks.push(guard.test);
    }
    return checks;
  }

  private isOriginCheck(guard: Guard, names: ReadonlySet<string>): boolean {
    if (guard.kind === 'switch') return this.mentions(guard.test, names);
    return this.checksOrigin(guard.test, names, 0);
  }

  /**
   * Whether an expression checks the origin against something: `allowed.includes(origin)`, or a
   * const holding such a check (`const isAllowed = allowed.includes(origin); if (isAllowed)`).
   */
  private checksOrigin(test: TSESTree.Node, names: ReadonlySet<string>, depth: number): boolean {
    let checked = false;
    walk(test, (node) => {
      if (checked) return;
      if (node.type === AST_NODE_TYPES.Identifier && depth < 3 && !names.has(node.name)) {
        const definition = this.facts.constants.definitionOf(node);
        if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init && definition.id.type === AST_NODE_TYPES.Identifier) {
          checked = this.checksOrigin(definition.init, names, depth + 1);
        }
      } else if (node.type === AST_NODE_TYPES.CallExpression) {
        // allowed.includes(origin), isAllowed(origin), pattern.test(origin), origin.endsWith('.x')
        if (node.arguments.some((argument) => this.mentions(argument, names))) checked = true;
        const receiver = calleeObject(node);
        if (receiver && this.mentions(receiver, names) && calledMethodName(node) !== 'toString') checked = true;
      } else if (node.type === AST_NODE_TYPES.BinaryExpression) {
        const comparison = ['===', '!==', '==', '!=', 'in'].includes(node.operator);
        const other = this.mentions(node.left, names) ? node.right : this.mentions(node.right, names) ? node.left : null;
        if (comparison && other && !isNullish(other) && !isTypeofOrigin(node)) checked = true;
      } else if (node.type === AST_NODE_TYPES.MemberExpression && node.computed && this.mentions(node.property, names)) {
        checked = true;
      }
    });
    return checked;
  }

  /** In strict mode: a check inside an origin callback or before a reflection that is bypassable. */
  private weakCheckIn(scope: TSESTree.Node, names: ReadonlySet<string>): OriginVerdict | null {
    let verdict: OriginVerdict | null = null;
    walk(scope, (node) => {
      if (verdict || node.type !== AST_NODE_TYPES.CallExpression) return;
      const method = calledMethodName(node);
      const receiver = calleeObject(node);
      const [argument] = node.arguments;
      if (!receiver || !argument) return;
      const { constants } = this.facts;
      if (this.mentions(receiver, names)) {
        const text = constants.value(argument)?.value;
        if (typeof text !== 'string') return;
        const weakness =
          method === 'endsWith'
            ? endsWithWeakness(text)
            : method === 'startsWith'
              ? startsWithWeakness(text)
              : method === 'includes' || method === 'indexOf'
                ? includesWeakness(text)
                : null;
        if (weakness) verdict = { kind: 'weak', check: `\`${this.facts.sourceCode.getText(node)}\``, weakness, node };
      } else if (method === 'test' && this.mentions(argument, names)) {
        const pattern = constants.value(receiver)?.value;
        if (pattern instanceof RegExp) {
          const weakness = regexWeakness(pattern);
          if (weakness) verdict = { kind: 'weak', check: `\`${String(pattern)}\``, weakness, node };
        }
      }
    });
    return verdict;
  }

  /** The request's own Origin header, read in any framework's style. */
  isRequestOrigin(node: TSESTree.Node): boolean {
    return requestHeaderName(node, this.facts.constants) === 'origin';
  }

  /** Names under which the origin is known near `node`: the variable and what it was read from. */
  private originNames(node: TSESTree.Node): Set<string> {
    const names = new Set<string>();
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) names.add(target.name);
    names.add(this.facts.sourceCode.getText(target));
    return names;
  }

  private mentions(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
    let found = false;
    walk(node, (child) => {
      if (found) return;
      if (child.type === AST_NODE_TYPES.Identifier && names.has(child.name)) found = true;
      else if (child.type === AST_NODE_TYPES.MemberExpression || child.type === AST_NODE_TYPES.CallExpression) {
        if (names.has(this.facts.sourceCode.getText(child)) || this.isRequestOrigin(child)) found = true;
      }
    });
    return found;
  }
}

/** Whether `test` having the truthiness `whenTrue` means the origin is absent (`!origin`, `origin == null`). */
function impliesAbsent(test: TSESTree.Node, whenTrue: boolean, names: ReadonlySet<string>): boolean {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    return impliesAbsent(node.argument, !whenTrue, names);
  }
  if (node.type === AST_NODE_TYPES.Identifier) return names.has(node.name) && !whenTrue;
  if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '==', '!==', '!='].includes(node.operator)) {
    const [subject, other] = isNullish(node.right) ? [node.left, node.right] : [node.right, node.left];
    if (!isNullish(other) || subject.type !== AST_NODE_TYPES.Identifier || !names.has(subject.name)) return false;
    return node.operator.startsWith('!') ? !whenTrue : whenTrue;
  }
  return false;
}

function isNullish(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return (
    (target.type === AST_NODE_TYPES.Literal && target.value === null) ||
    (target.type === AST_NODE_TYPES.Identifier && target.name === 'undefined') ||
    (target.type === AST_NODE_TYPES.Literal && target.value === 'undefined')
  );
}

function isTypeofOrigin(node: TSESTree.BinaryExpression): boolean {
  return (
    (node.left.type === AST_NODE_TYPES.UnaryExpression && node.left.operator === 'typeof') ||
    (node.right.type === AST_NODE_TYPES.UnaryExpression && node.right.operator === 'typeof')
  );
}
