import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, decoratorsOf, type FunctionNode, staticKeyName, unwrap, variableOf } from '../../analysis/ast.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import type { Framework } from '../../analysis/handlers.js';

/** How a payload read leaves the bytes: parsed (`.json()`), raw (`.text()`), or `req.body` (depends on middleware). */
export type Bytes = 'body' | 'parsed' | 'raw';

export interface PayloadRead {
  readonly node: TSESTree.Node;
  readonly bytes: Bytes;
}

const PARSED_METHODS = new Set(['json', 'formData', 'parseBody']);
const RAW_METHODS = new Set(['text', 'arrayBuffer', 'blob', 'bytes']);
const RAW_READERS = new Set(['buffer', 'getRawBody', 'rawBody', 'readRawBody', 'text', 'arrayBuffer', 'getRawBodyBuffer']);
const CONTEXT_NAMES = /^(?:c|ctx|context)$/u;
const EVENT_NAMES = /^(?:event|evt|args|e)$/u;
const { DefinitionType } = TSESLint.Scope;

/**
 * Where a handler's request and payload are: the request parameter (Express, Next.js, Fastify,
 * Workers), `c.req` (Hono), `ctx.request` (Koa), `event.request` / `{ request }` (SvelteKit,
 * Remix), NestJS `@Req()` and `@Body()` parameters.
 */
export class RequestModel {
  /** Parameters (or destructured names) that hold the request itself. */
  private readonly requestVariables = new Set<TSESLint.Scope.Variable>();
  /** Parameters that hold a context with `.req` / `.request`. */
  private readonly contextVariables = new Set<TSESLint.Scope.Variable>();
  /** NestJS `@Body()` parameters: the parsed payload. */
  readonly bodyParameters: TSESTree.Identifier[] = [];
  /** NestJS `@Headers('x-sig')` parameters that hold a signature. */
  readonly headerParameters = new Map<TSESTree.Identifier, string>();

  constructor(
    readonly fn: FunctionNode,
    readonly framework: Framework | null,
    private readonly facts: FileFacts,
  ) {
    const scope = facts.sourceCode.scopeManager?.acquire(fn) ?? null;
    const variableOf = (identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null =>
      scope?.set.get(identifier.name) ?? null;
    if (framework === 'nestjs') {
      for (const parameter of fn.params) this.nestParameter(parameter, variableOf);
      return;
    }
    const [first] = fn.params;
    const target = first?.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
    if (target?.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(target);
      if (!variable) return;
      const contextual =
        framework === 'hono' || framework === 'koa' || framework === 'sveltekit' || framework === 'remix' || framework === 'astro';
      if (contextual || CONTEXT_NAMES.test(target.name) || (framework === null && EVENT_NAMES.test(target.name))) {
        this.contextVariables.add(variable);
      } else {
        this.requestVariables.add(variable);
      }
    } else if (target?.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of target.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = staticKeyName(property);
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if ((key === 'request' || key === 'req') && value.type === AST_NODE_TYPES.Identifier) {
          const variable = variableOf(value);
          if (variable) this.requestVariables.add(variable);
        }
      }
    }
  }

  get empty(): boolean {
    return this.requestVariables.size === 0 && this.contextVariables.size === 0 && this.bodyParameters.length === 0;
  }

  /** Whether an expression is the request: the parameter, `c.req`, `ctx.request`, `event.request`, `c.req.raw`. */
  isRequest(node: TSESTree.Node): boolean {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) return this.is(target, this.requestVariables);
    if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = staticKeyName(target);
    const object = unwrap(target.object);
    if (name === 'req' || name === 'request') {
      return object.type === AST_NODE_TYPES.Identifier && this.is(object, this.contextVariables);
    }
    return name === 'raw' && this.isRequest(object);
  }

  /** A read of the payload: `req.body`, `request.json()`, `c.req.text()`, `buffer(req)`, `ctx.request.rawBody`. */
  read(node: TSESTree.Node): PayloadRead | null {
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = staticKeyName(node);
      if ((name !== 'body' && name !== 'rawBody') || !this.isRequest(node.object)) return null;
      const parent = node.parent;
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) return null;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node && staticKeyName(parent) === 'getReader') return null;
      return { node, bytes: name === 'rawBody' ? 'raw' : 'body' };
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return null;
    const callee = unwrap(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = staticKeyName(callee);
      if (method === null || !this.isRequest(callee.object)) return null;
      if (PARSED_METHODS.has(method)) return { node, bytes: 'parsed' };
      if (RAW_METHODS.has(method)) return { node, bytes: 'raw' };
      if (method === 'valid' && this.framework === 'hono') return { node, bytes: 'parsed' };
      return null;
    }
    const name = calleeName(node);
    const [first] = node.arguments;
    if (name !== null && RAW_READERS.has(name) && first && this.isRequest(first)) return { node, bytes: 'raw' };
    return null;
  }

  private is(identifier: TSESTree.Identifier, variables: ReadonlySet<TSESLint.Scope.Variable>): boolean {
    if (variables.size === 0) return false;
    const variable = variableOf(this.facts.sourceCode, identifier);
    return variable !== null && variables.has(variable);
  }

  private nestParameter(
    parameter: TSESTree.Parameter,
    variableOf: (identifier: TSESTree.Identifier) => TSESLint.Scope.Variable | null,
  ): void {
    const target = parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : parameter;
    const identifier = target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
    if (identifier.type !== AST_NODE_TYPES.Identifier) return;
    for (const decorator of decoratorsOf(parameter)) {
      const expression = unwrap(decorator.expression);
      if (expression.type !== AST_NODE_TYPES.CallExpression) continue;
      const ref = this.facts.imports.resolve(expression.callee);
      if (ref?.source !== '@nestjs/common' || ref.path.length !== 1) continue;
      const [decoratorName] = ref.path;
      if (decoratorName === 'Body' && expression.arguments.length === 0) this.bodyParameters.push(identifier);
      if (decoratorName === 'Req' || decoratorName === 'Request') {
        const variable = variableOf(identifier);
        if (variable) this.requestVariables.add(variable);
      }
      if (decoratorName === 'Headers' && expression.arguments[0]) {
        const value = this.facts.constants.value(expression.arguments[0])?.value;
        if (typeof value === 'string') this.headerParameters.set(identifier, value.toLowerCase());
      }
    }
  }
}

/** Whether an identifier is a parameter of `fn`. */
export function isParameterOf(identifier: TSESTree.Identifier, fn: FunctionNode, facts: FileFacts): boolean {
  const variable = variableOf(facts.sourceCode, identifier);
  const definition = variable?.defs[0];
  return definition?.type === DefinitionType.Parameter && definition.node === fn;
}
