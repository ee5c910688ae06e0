import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, contains, type FunctionNode, isFunctionNode, staticKeyName, unwrap, variableOf, walk, walkWithin } from '../../analysis/ast.js';
import { AUTH_CALL, isAuthContextGet, isAuthContextRead } from '../../analysis/caller-auth.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import type { Framework } from '../../analysis/handlers.js';
import { requestHeaderName } from '../../analysis/request.js';
import { type Bypass, bypassOf, guardedBy, precedes } from '../../analysis/webhook-flow.js';
import { EVENT_TYPES, type ProviderId } from '../../knowledge/webhooks.js';
import { type Bytes, type PayloadRead, RequestModel } from './payload.js';
import type { Verifier, VerifierFinder } from './verifiers.js';

export interface Use {
  readonly node: TSESTree.Node;
  /** The read the used value comes from. */
  readonly read: PayloadRead;
}

export interface HandlerFacts {
  readonly model: RequestModel;
  readonly verifiers: readonly Verifier[];
  /** Payload uses in source order (never verifier inputs, logs or presence checks). */
  readonly uses: readonly Use[];
  /** Verifier inputs: the payload argument of a verifier and the read it comes from. */
  readonly inputs: readonly { readonly verifier: Verifier; readonly read: PayloadRead | null; readonly node: TSESTree.Node }[];
  /** The request (or raw payload with its signature) is handed to another module: its concern. */
  readonly handedOff: boolean;
  /** The handler checks a session, a user or an Authorization header: its caller is a user, not a provider. */
  readonly authenticated: boolean;
  readonly signatureHeaders: ReadonlySet<string>;
  readonly eventProviders: ReadonlySet<ProviderId | null>;
}

export interface Environment {
  readonly facts: FileFacts;
  readonly finder: VerifierFinder;
  readonly signatureHeaders: ReadonlyMap<string, ProviderId | null>;
  /** Local functions that verify (directly or through other local functions), cached. */
  readonly helperCache: Map<FunctionNode, Verifier | null>;
  /** Local functions that compare two values in constant time (an XOR-accumulate loop). */
  readonly constantTimeHelpers: Set<FunctionNode>;
}

const LOG_OBJECTS = /^(?:console|logger|log|Sentry)$/u;
/** Calls whose result is still the payload: `JSON.parse(body)`, `schema.safeParse(body)` (validating a shape is not acting on it). */
const PASS_THROUGH = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'stringify', 'toString', 'from', 'trim', 'fromEntries']);

/** Everything the rule needs about one handler, from one walk of its body. */
export function analyseHandler(fn: FunctionNode, framework: Framework | null, env: Environment): HandlerFacts {
  const { facts, finder } = env;
  const model = new RequestModel(fn, framework, facts);
  const verifiers: Verifier[] = [];
  const reads: PayloadRead[] = [];
  const calls: TSESTree.CallExpression[] = [];
  const signatureHeaders = new Set<string>();
  const eventProviders = new Set<ProviderId | null>();
  let handedOff = false;
  let authenticated = false;

  walk(fn.body, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression: {
        calls.push(node);
        const called = calleeName(node);
        if ((called !== null && AUTH_CALL.test(called)) || isAuthContextGet(node)) authenticated = true;
        // A local function is read even when its name says it verifies: what it hashes matters.
        const verifier = localHelperVerifier(node, env, 0) ?? finder.call(node);
        if (verifier) verifiers.push(verifier);
        const read = model.read(node);
        if (read) reads.push(read);
        headerOf(node);
        break;
      }
      case AST_NODE_TYPES.MemberExpression: {
        if (isAuthContextRead(node)) authenticated = true;
        const read = model.read(node);
        if (read) reads.push(read);
        headerOf(node);
        break;
      }
      case AST_NODE_TYPES.BinaryExpression: {
        const verifier = finder.comparison(node) ?? finder.secretComparison(node);
        if (verifier) verifiers.push(verifier);
        eventLiteral(node.left);
        eventLiteral(node.right);
        break;
      }
      case AST_NODE_TYPES.SwitchCase:
        if (node.test) eventLiteral(node.test);
        break;
      default:
        break;
    }
  });
  for (const header of model.headerParameters.values()) {
    if (env.signatureHeaders.has(header)) signatureHeaders.add(header);
  }

  // The request handed to another module (`await handleStripeWebhook(req)`), or the payload together
  // with its signature: verification is that module's concern.
  const rawReads = reads.filter((read) => read.bytes !== 'parsed');
  for (const call of calls) {
    if (!isForeignCall(call, facts) || model.read(call) || verifiers.some((verifier) => verifier.node === call)) continue;
    const args = call.arguments;
    if (args.some((argument) => model.isRequest(argument))) handedOff = true;
    else if (args.some((argument) => carriesSignature(argument, env, model)) && args.some((argument) => carriesPayload(argument, rawReads))) {
      handedOff = true;
    }
  }

  const uses: Use[] = [];
  const inputs: { verifier: Verifier; read: PayloadRead | null; node: TSESTree.Node }[] = [];
  const seen = new Set<TSESTree.Node>();
  const queue: { node: TSESTree.Node; read: PayloadRead }[] = reads.map((read) => ({ node: read.node, read }));
  for (const parameter of model.bodyParameters) {
    const read: PayloadRead = { node: parameter, bytes: 'parsed' };
    for (const reference of referencesOf(parameter, facts)) queue.push({ node: reference, read });
  }
  for (let item = queue.shift(); item; item = queue.shift()) {
    if (seen.has(item.node)) continue;
    seen.add(item.node);
    const site = climb(item.node);
    const parent = site.parent;
    // `const body = await req.text()`, `const { type } = req.body`: follow the variables.
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === site) {
      for (const identifier of boundIdentifiers(parent.id)) {
        for (const reference of referencesOf(identifier, facts)) queue.push({ node: reference, read: item.read });
      }
      continue;
    }
    // `for (const item of body.items)`: iterating is not acting; follow the items.
    if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === site) {
      const declared = parent.left.type === AST_NODE_TYPES.VariableDeclaration ? parent.left.declarations.at(0)?.id : parent.left;
      for (const identifier of declared ? boundIdentifiers(declared) : []) {
        for (const reference of referencesOf(identifier, facts)) queue.push({ node: reference, read: item.read });
      }
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === site && parent.left.type === AST_NODE_TYPES.Identifier) {
      const assigned = parent.left;
      for (const reference of referencesOf(assigned, facts)) {
        if (precedes(parent, reference)) queue.push({ node: reference, read: item.read });
      }
      continue;
    }
    const verifier = verifiers.find((candidate) => candidate.node.type === AST_NODE_TYPES.CallExpression && candidate.node.arguments.some((argument) => contains(argument, site)));
    if (verifier) {
      inputs.push({ verifier, read: item.read, node: site });
      continue;
    }
    if (verifiers.some((candidate) => candidate.node.type === AST_NODE_TYPES.BinaryExpression && contains(candidate.node, site))) continue;
    if (isHmacInput(site) || isLogged(site) || isPresenceCheck(site) || isResponded(site, model)) continue;
    uses.push({ node: site, read: item.read });
  }
  uses.sort((a, b) => a.node.range[0] - b.node.range[0]);
  // Inputs of verifiers whose payload argument is known: the HMAC update, `constructEvent(body, ...)`.
  for (const verifier of verifiers) {
    if (verifier.inner) {
      inputs.push(...helperInputs(verifier, model, reads, facts));
      continue;
    }
    if (!verifier.known || !verifier.payload) continue;
    if (inputs.some((input) => input.verifier === verifier)) continue;
    inputs.push({ verifier, read: readBehind(verifier.payload, reads, facts, 0), node: verifier.payload });
  }
  return { model, verifiers, uses, inputs, handedOff, authenticated, signatureHeaders, eventProviders };

  function headerOf(node: TSESTree.Node): void {
    const header = requestHeaderName(node, facts.constants);
    if (header !== null && env.signatureHeaders.has(header)) signatureHeaders.add(header);
    if (header === 'authorization' || header === 'cookie') authenticated = true;
  }

  function eventLiteral(node: TSESTree.Node): void {
    if (node.type !== AST_NODE_TYPES.Literal || typeof node.value !== 'string') return;
    const value = node.value;
    const entry = EVENT_TYPES.find((candidate) => candidate.pattern.test(value));
    if (entry) eventProviders.add(entry.provider);
  }
}

/**
 * The first use not protected by a verifier, and why: no verifier runs before it, or the one that
 * does can be bypassed (a condition, a catch that carries on, a result that is not checked).
 */
export function firstUnprotected(
  handler: HandlerFacts,
  constants: FileFacts['constants'],
): { readonly use: Use; readonly before: Verifier | null; readonly bypass: Bypass | 'unchecked' | null } | null {
  const fn = handler.model.fn;
  for (const use of handler.uses) {
    let before: Verifier | null = null;
    let reason: Bypass | 'unchecked' | null = null;
    let protectedUse = false;
    for (const verifier of handler.verifiers) {
      if (!precedes(verifier.node, use.node)) continue;
      const bypass = bypassOf(verifier.node, use.node, fn);
      if (bypass?.kind === 'callback' || verifier.loose === true) {
        protectedUse = true;
        break;
      }
      if (bypass === null && (verifier.kind !== 'boolean' || guardedBy(use.node, fn, verifier.node, constants))) {
        protectedUse = true;
        break;
      }
      // `if (a.length !== b.length || !timingSafeEqual(a, b)) return`: the check sits behind `||`,
      // but the guard that lets the use run implies that it ran and passed.
      if (bypass?.kind === 'condition' && verifier.kind === 'boolean' && guardedBy(use.node, fn, verifier.node, constants)) {
        protectedUse = true;
        break;
      }
      if (!before) {
        before = verifier;
        reason = bypass ?? 'unchecked';
      }
    }
    if (!protectedUse) return { use, before, bypass: reason };
  }
  return null;
}

/** A call of a local function that verifies (directly or through another local function). */
function localHelperVerifier(call: TSESTree.CallExpression, env: Environment, depth: number): Verifier | null {
  if (depth > 3) return null;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const definition = env.facts.constants.definitionOf(callee);
  let fn: FunctionNode | null = null;
  if (definition?.type === AST_NODE_TYPES.FunctionDeclaration) fn = definition;
  else if (definition?.init && isFunctionNode(unwrap(definition.init))) fn = unwrap(definition.init) as FunctionNode;
  if (!fn) return null;
  let inner = env.helperCache.get(fn);
  if (inner === undefined) {
    env.helperCache.set(fn, null);
    // The first verifier this rule knows the arguments of, else the first call that plausibly verifies.
    const candidates: Verifier[] = [];
    const seen = { constantTime: false };
    walk(fn.body, (node) => {
      if (candidates.at(-1)?.known === true) return;
      let found: Verifier | null = null;
      if (node.type === AST_NODE_TYPES.CallExpression) found = localHelperVerifier(node, env, depth + 1) ?? env.finder.call(node);
      else if (node.type === AST_NODE_TYPES.BinaryExpression) {
        found = env.finder.comparison(node) ?? env.finder.secretComparison(node);
        seen.constantTime ||= env.finder.isConstantTimeResult(node);
      }
      if (found) candidates.push(found);
    });
    inner = candidates.find((candidate) => candidate.known) ?? candidates.at(0) ?? null;
    if (!inner && seen.constantTime) env.constantTimeHelpers.add(fn);
    env.helperCache.set(fn, inner);
  }
  // `safeCompare(expected, signature)`: a local constant-time comparison given an HMAC digest.
  if (!inner && env.constantTimeHelpers.has(fn)) {
    const digest = call.arguments.find((argument) => env.finder.isHmacDerived(argument, 0));
    if (!digest) return null;
    const label = `\`${env.facts.sourceCode.getText(callee)}()\``;
    return { node: call, kind: 'boolean', provider: null, known: true, payload: env.finder.hmacPayload(digest, 0), secret: null, label, constantTime: true };
  }
  if (!inner) return null;
  return {
    node: call,
    kind: 'unknown',
    provider: inner.provider,
    known: false,
    payload: null,
    secret: null,
    label: `\`${env.facts.sourceCode.getText(callee)}()\``,
    inner: { verifier: inner.inner?.verifier ?? inner, fn: inner.inner?.fn ?? fn },
  };
}

/**
 * What a local helper that verifies (`verifyWebhookSignature(req)`) signs, seen from the handler:
 * the bytes its verifier is given (read through the request when the handler passes it), and the
 * handler's argument those bytes come from when they are one of the helper's parameters.
 */
function helperInputs(
  verifier: Verifier,
  model: RequestModel,
  reads: readonly PayloadRead[],
  facts: FileFacts,
): { verifier: Verifier; read: PayloadRead | null; node: TSESTree.Node }[] {
  const inner = verifier.inner?.verifier;
  const fn = verifier.inner?.fn;
  if (!inner?.known || !inner.payload || !fn || verifier.node.type !== AST_NODE_TYPES.CallExpression) return [];
  const call = verifier.node;
  const direct = call.callee.type === AST_NODE_TYPES.Identifier ? facts.constants.definitionOf(call.callee) : null;
  const helper = direct && (direct === fn || (direct.type === AST_NODE_TYPES.VariableDeclarator && direct.init !== null && unwrap(direct.init) === fn));
  const inputs: { verifier: Verifier; read: PayloadRead | null; node: TSESTree.Node }[] = [];
  let read: PayloadRead | null = null;
  const [first] = call.arguments;
  if (helper && first && model.isRequest(first)) {
    // `verify(req)`: the helper's first parameter is this request.
    const helperModel = new RequestModel(fn, model.framework, facts);
    const helperReads: PayloadRead[] = [];
    walk(fn.body, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.MemberExpression) return;
      const found = helperModel.read(node);
      if (found) helperReads.push(found);
    });
    read = readBehind(inner.payload, helperReads, facts, 0);
  }
  inputs.push({ verifier: inner, read, node: inner.payload });
  const index = helper ? parameterBehind(inner.payload, fn, facts, 0) : null;
  const argument = index === null ? undefined : call.arguments[index];
  if (argument && !model.isRequest(argument)) inputs.push({ verifier: inner, read: readBehind(argument, reads, facts, 0), node: argument });
  return inputs;
}

/** The index of the parameter of `fn` an expression is built from, through `const`s. */
function parameterBehind(node: TSESTree.Node, fn: FunctionNode, facts: FileFacts, depth: number): number | null {
  if (depth > 4) return null;
  let found: number | null = null;
  walk(unwrap(node), (child) => {
    if (found !== null || child.type !== AST_NODE_TYPES.Identifier) return;
    if (child.parent.type === AST_NODE_TYPES.MemberExpression && child.parent.property === child && !child.parent.computed) return;
    const index = fn.params.findIndex((parameter) => parameter.type === AST_NODE_TYPES.Identifier && parameter.name === child.name);
    if (index >= 0) {
      found = index;
      return;
    }
    const definition = facts.constants.definitionOf(child);
    if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init && definition.id.type === AST_NODE_TYPES.Identifier) {
      found = parameterBehind(definition.init, fn, facts, depth + 1);
    }
  });
  return found;
}

/**
 * A call that leaves this file: an imported function, a method of an imported or injected object
 * (`this.billing.handle(...)`), or anything that is not a function declared here (which the rule
 * follows instead). Built-ins that cannot verify (`JSON`, `Buffer`, `console`, ...) are not.
 */
function isForeignCall(call: TSESTree.CallExpression, facts: FileFacts): boolean {
  const callee = unwrap(call.callee);
  let base: TSESTree.Node = callee;
  while (base.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.object);
  if (base.type === AST_NODE_TYPES.ThisExpression) return true;
  if (base.type !== AST_NODE_TYPES.Identifier || BUILTINS.has(base.name)) return false;
  if (facts.imports.resolve(base) !== null) return true;
  const definition = facts.constants.definitionOf(base);
  if (definition?.type === AST_NODE_TYPES.FunctionDeclaration) return false;
  if (definition?.init && isFunctionNode(unwrap(definition.init))) return false;
  // A parameter or a local object (`res`, `c`, `ctx`) is the framework's, not another module.
  if (facts.constants.isParameter(base)) return false;
  return definition === null;
}

const BUILTINS = new Set(['JSON', 'Buffer', 'console', 'Object', 'Array', 'String', 'Number', 'Boolean', 'Response', 'Headers', 'URL', 'TextEncoder', 'TextDecoder', 'Math', 'Date', 'Promise', 'NextResponse', 'Error']);

/** Whether an expression holds a signature header value. */
function isSignatureValue(node: TSESTree.Node, env: Environment, model: RequestModel, depth: number): boolean {
  if (depth > 4) return false;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    for (const [parameter, header] of model.headerParameters) {
      if (parameter.name === target.name && env.signatureHeaders.has(header)) return true;
    }
  }
  const header = requestHeaderName(target, env.facts.constants);
  if (header !== null) return env.signatureHeaders.has(header);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const definition = env.facts.constants.definitionOf(target);
    if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init && definition.id.type === AST_NODE_TYPES.Identifier) {
      return isSignatureValue(definition.init, env, model, depth + 1);
    }
  }
  if (target.type === AST_NODE_TYPES.LogicalExpression) return isSignatureValue(target.left, env, model, depth + 1);
  return false;
}

/** An argument that is, or (as an object or array literal) contains, a signature value or the request headers. */
function carriesSignature(argument: TSESTree.Node, env: Environment, model: RequestModel): boolean {
  let found = false;
  let visited = 0;
  // The first hundred nodes at most: the walk stops there, and where one is found.
  walkWithin(argument, () => !found && visited < 100, (node) => {
    visited++;
    if (node.type === AST_NODE_TYPES.MemberExpression && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'headers' && model.isRequest(node.object)) {
      found = true;
    } else if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression) {
      found = isSignatureValue(node, env, model, 0);
    }
  });
  return found;
}

function carriesPayload(argument: TSESTree.Node, reads: readonly PayloadRead[]): boolean {
  const target = unwrap(argument);
  if (target.type === AST_NODE_TYPES.ObjectExpression || target.type === AST_NODE_TYPES.ArrayExpression) {
    let found = false;
    walk(target, (node) => {
      if (!found && node !== target && (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.AwaitExpression)) {
        found = derivesFromRead(node, reads);
      }
    });
    return found;
  }
  return derivesFromRead(argument, reads);
}

function derivesFromRead(node: TSESTree.Node, reads: readonly PayloadRead[]): boolean {
  return reads.some((read) => contains(node, read.node)) || (unwrap(node).type === AST_NODE_TYPES.Identifier && reads.some((read) => declaredFrom(unwrap(node) as TSESTree.Identifier, read)));
}

function declaredFrom(identifier: TSESTree.Identifier, read: PayloadRead): boolean {
  const declarator = climb(read.node).parent;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && boundIdentifiers(declarator.id).some((bound) => bound.name === identifier.name);
}

/** The read a verifier's payload argument comes from, through `const` and wrappers. */
export function readBehind(node: TSESTree.Node, reads: readonly PayloadRead[], facts: FileFacts, depth: number): PayloadRead | null {
  if (depth > 5) return null;
  const target = unwrap(node);
  const direct = reads.find((read) => contains(target, read.node));
  if (direct) return direct;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const definition = facts.constants.definitionOf(target);
    if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init) return readBehind(definition.init, reads, facts, depth + 1);
  }
  return null;
}

/** Walks up through what keeps the payload the payload: `await`, casts, `JSON.parse(x)`, `x.toString()`, `Buffer.from(x)`. */
function climb(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    switch (parent.type) {
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        current = parent;
        continue;
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(parent);
        if (parent.arguments[0] === current && parent.arguments.length <= 2 && name !== null && PASS_THROUGH.has(name)) {
          current = parent;
          continue;
        }
        return current;
      }
      // A string built from the payload is the payload: `v0:${timestamp}:${body}`, `secret + body`.
      case AST_NODE_TYPES.TemplateLiteral:
        current = parent;
        continue;
      case AST_NODE_TYPES.BinaryExpression:
        if (parent.operator !== '+') return current;
        current = parent;
        continue;
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== current) return current;
        const isCallee = parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent;
        if (isCallee && calleeName(parent.parent as TSESTree.CallExpression) === 'toString') {
          current = parent.parent;
          continue;
        }
        // A field of the payload is the payload (`event.data.object`), but not its size or its methods.
        const name = parent.property.type === AST_NODE_TYPES.Identifier && !parent.computed ? parent.property.name : null;
        if (isCallee || name === 'length' || name === 'byteLength') return current;
        current = parent;
        continue;
      }
      default:
        return current;
    }
  }
}

function boundIdentifiers(pattern: TSESTree.Node): TSESTree.Identifier[] {
  const found: TSESTree.Identifier[] = [];
  const visit = (node: TSESTree.Node): void => {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        found.push(node);
        break;
      case AST_NODE_TYPES.ObjectPattern:
        for (const property of node.properties) visit(property.type === AST_NODE_TYPES.Property ? property.value : property.argument);
        break;
      case AST_NODE_TYPES.ArrayPattern:
        for (const element of node.elements) if (element) visit(element);
        break;
      case AST_NODE_TYPES.AssignmentPattern:
        visit(node.left);
        break;
      case AST_NODE_TYPES.RestElement:
        visit(node.argument);
        break;
      default:
        break;
    }
  };
  visit(pattern);
  return found;
}

function referencesOf(identifier: TSESTree.Identifier, facts: FileFacts): TSESTree.Identifier[] {
  const variable = variableOf(facts.sourceCode, identifier);
  if (!variable) return [];
  return variable.references
    .filter((reference) => reference.isRead() && reference.identifier !== identifier)
    .map((reference) => reference.identifier as TSESTree.Identifier);
}

/** `createHmac(...).update(body)`: the payload goes into the signature computation. */
function isHmacInput(site: TSESTree.Node): boolean {
  const parent = site.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(site as TSESTree.CallExpressionArgument)) return false;
  const name = calleeName(parent);
  return name === 'update' || name === 'sign' || name === 'encode';
}

const RESPONSE_METHODS = new Set(['json', 'send', 'text', 'html', 'body', 'end', 'write']);
const RESPONSE_CLASSES = /^(?:Response|NextResponse)$/u;

/**
 * The payload only echoed back to the caller: `NextResponse.json({ received: body })`,
 * `new Response(body)`, `res.status(200).json(body)`, `c.json(body)`, `ctx.body = body`. Nothing
 * acts on it, so there is nothing to forge.
 */
function isResponded(site: TSESTree.Node, model: RequestModel): boolean {
  let current: TSESTree.Node = site;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.Property:
        if (parent.value !== current) return false;
        continue;
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.TemplateLiteral:
        continue;
      case AST_NODE_TYPES.AssignmentExpression: {
        // Koa: `ctx.body = payload`.
        if (parent.right !== current || parent.left.type !== AST_NODE_TYPES.MemberExpression) return false;
        const holder = unwrap(parent.left.object);
        return staticKeyName(parent.left) === 'body' && holder.type === AST_NODE_TYPES.Identifier && /^(?:ctx|context)$/u.test(holder.name);
      }
      case AST_NODE_TYPES.NewExpression: {
        const callee = unwrap(parent.callee);
        return parent.arguments[0] === current && callee.type === AST_NODE_TYPES.Identifier && RESPONSE_CLASSES.test(callee.name);
      }
      case AST_NODE_TYPES.CallExpression: {
        if (!parent.arguments.includes(current as TSESTree.CallExpressionArgument)) return false;
        const callee = unwrap(parent.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || !RESPONSE_METHODS.has(staticKeyName(callee) ?? '')) return false;
        let base = unwrap(callee.object);
        // `res.status(200).json(...)`
        while (base.type === AST_NODE_TYPES.CallExpression && base.callee.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.callee.object);
        if (base.type !== AST_NODE_TYPES.Identifier) return false;
        if (RESPONSE_CLASSES.test(base.name)) return true;
        // The handler's own response or context parameter (not the request, not an imported client).
        return base.name !== 'JSON' && isParameterOf(base, model.fn) && !model.isRequest(base);
      }
      default:
        return false;
    }
  }
  return false;
}

function isParameterOf(identifier: TSESTree.Identifier, fn: FunctionNode): boolean {
  return fn.params.some((parameter) => parameter.type === AST_NODE_TYPES.Identifier && parameter.name === identifier.name);
}

function isLogged(site: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = site.parent; current && !isFunctionNode(current); current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      let base = unwrap(current.callee);
      while (base.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.object);
      if (base.type === AST_NODE_TYPES.Identifier && LOG_OBJECTS.test(base.name)) return true;
    }
    if (current.type.endsWith('Statement') || current.type === AST_NODE_TYPES.VariableDeclarator) return false;
  }
  return false;
}

/** `if (!body)`, `body == null`, `typeof body`, `body.length === 0`: a presence check acts on nothing. */
function isPresenceCheck(site: TSESTree.Node): boolean {
  const parent = site.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.UnaryExpression) return parent.operator === '!' || parent.operator === 'typeof';
  if (parent.type === AST_NODE_TYPES.IfStatement && parent.test === site) return true;
  if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === site) return true;
  if (parent.type === AST_NODE_TYPES.BinaryExpression) {
    const other = parent.left === site ? parent.right : parent.left;
    return (other.type === AST_NODE_TYPES.Literal && other.value === null) || (other.type === AST_NODE_TYPES.Identifier && other.name === 'undefined');
  }
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === site) {
    const name = parent.property.type === AST_NODE_TYPES.Identifier && !parent.computed ? parent.property.name : null;
    return name === 'length' || name === 'byteLength';
  }
  return false;
}

export type { Bytes };
