import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, type FunctionNode, staticKeyName, unwrap, variableOf, walk } from '../../analysis/ast.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import {
  PLAUSIBLE_VERIFIER_NAME,
  type ProviderId,
  VERIFIER_CLASSES,
  VERIFIER_FUNCTIONS,
  VERIFIER_METHODS,
  type VerifierKind,
} from '../../knowledge/webhooks.js';

/** A call (or a comparison) that checks a webhook signature. */
export interface Verifier {
  readonly node: TSESTree.CallExpression | TSESTree.BinaryExpression;
  readonly kind: VerifierKind;
  readonly provider: ProviderId | null;
  /** A library verifier (or hand-rolled HMAC check) this rule knows the arguments of. */
  readonly known: boolean;
  /** The argument that carries the signed bytes, when known. */
  readonly payload: TSESTree.Node | null;
  /** The argument that carries the secret, when known. */
  readonly secret: TSESTree.Node | null;
  /** How to name it in a message: `stripe.webhooks.constructEvent()`. */
  readonly label: string;
  /** For a call of a local helper that verifies: the verifier inside it, and the helper. */
  readonly inner?: { readonly verifier: Verifier; readonly fn: FunctionNode };
  /** A constant-time comparison written out by hand (an XOR-accumulate loop). */
  readonly constantTime?: boolean;
  /**
   * A shared token compared with the configured one (`token !== env.PUBSUB_TOKEN`, Microsoft
   * Graph's `clientState`): the caller is checked, but not in a shape whose branches this rule
   * models, so it protects every use after it.
   */
  readonly loose?: boolean;
}

/**
 * Recognises verifier calls: provider SDKs by import (and the distinctive `*.webhooks.*` method
 * shapes), instances of verifier classes (`new Webhook(secret).verify`), `timingSafeEqual` and
 * `crypto.subtle.verify`, hand-rolled comparisons of an HMAC digest, the user's extra names, and
 * calls whose name says they verify (which count only as "something checks here").
 */
export class VerifierFinder {
  private readonly hmacCache = new Map<TSESTree.Node, boolean>();

  constructor(
    private readonly facts: FileFacts,
    private readonly extraNames: ReadonlySet<string>,
  ) {}

  call(call: TSESTree.CallExpression): Verifier | null {
    const callee = unwrap(call.callee);
    const name = calleeName(call);
    // Built only for a verifier found: this runs for every call of a candidate file.
    const label = (): string => `\`${this.facts.sourceCode.getText(callee)}()\``;
    const argument = (index: number): TSESTree.Node | null => (index < 0 ? null : (call.arguments[index] ?? null));
    const { imports } = this.facts;
    // Imported verifier functions: `verifyWebhook(req)` from @clerk/*, `twilio.validateRequest(...)`.
    const ref = imports.resolve(callee);
    if (ref) {
      for (const entry of VERIFIER_FUNCTIONS) {
        const sourceMatches = entry.source.endsWith('/') ? ref.source.startsWith(entry.source) : ref.source === entry.source;
        if (sourceMatches && ref.path.length === 1 && ref.path[0] === entry.name) {
          if (entry.name === 'timingSafeEqual') break;
          return {
            node: call,
            kind: entry.kind,
            provider: entry.provider === 'hmac' ? null : entry.provider,
            known: true,
            payload: argument(entry.payload),
            secret: argument(entry.secret),
            label: label(),
          };
        }
      }
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && name !== null) {
      const object = unwrap(callee.object);
      // Instances of verifier classes: `wh.verify(payload, headers)` with `const wh = new Webhook(secret)`.
      const instance = this.verifierClassOf(object);
      if (instance) {
        const kind = instance.methods.get(name);
        if (kind) {
          return { node: call, kind, provider: instance.provider, known: true, payload: argument(instance.payload), secret: null, label: label() };
        }
      }
      const objectName = object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(object) : null;
      for (const entry of VERIFIER_METHODS) {
        if (entry.method !== name) continue;
        if (entry.object !== null && entry.object !== objectName) continue;
        if (entry.requires !== undefined && !imports.imports(entry.requires)) continue;
        return {
          node: call,
          kind: entry.kind,
          provider: entry.provider,
          known: true,
          payload: argument(entry.payload),
          secret: argument(entry.secret),
          label: label(),
        };
      }
      // Web Crypto: `crypto.subtle.verify('HMAC', key, signature, data)`.
      if (name === 'verify' && object.type === AST_NODE_TYPES.MemberExpression && staticKeyName(object) === 'subtle') {
        return { node: call, kind: 'boolean', provider: null, known: true, payload: argument(3), secret: null, label: label() };
      }
    }
    if (name === 'timingSafeEqual') {
      const hmac = call.arguments.find((candidate) => this.isHmacDerived(candidate, 0));
      return { node: call, kind: 'boolean', provider: null, known: true, payload: hmac ? this.hmacPayload(hmac, 0) : null, secret: null, label: label() };
    }
    if (name !== null && (this.extraNames.has(name) || PLAUSIBLE_VERIFIER_NAME.test(name))) {
      return { node: call, kind: 'unknown', provider: null, known: false, payload: null, secret: null, label: label() };
    }
    return null;
  }

  /**
   * A hand-rolled comparison of an HMAC digest: `digest === signature`, `sig !== expected` where
   * one side comes from `createHmac(...).digest()`, `crypto.subtle.sign(...)` or a keyed
   * `createHash` (`sha256(secret + body)`); and the end of a constant-time loop,
   * `mismatch === 0` after `mismatch |= a[i] ^ b[i]` over such a digest. A comparison of sizes
   * (`digest.length !== signature.length`, the check `timingSafeEqual` needs) is not one.
   */
  comparison(node: TSESTree.BinaryExpression): Verifier | null {
    if (node.operator !== '===' && node.operator !== '!==' && node.operator !== '==' && node.operator !== '!=') return null;
    const sides = [node.left, node.right];
    if (sides.some((side) => isNullish(side) || isSize(side))) return null;
    const accumulated = isZero(node.left) ? node.right : isZero(node.right) ? node.left : null;
    const operand = accumulated ? this.xorOperands(accumulated)?.find((side) => this.isHmacDerived(side, 0)) : undefined;
    if (operand) {
      const label = `\`${this.facts.sourceCode.getText(node)}\``;
      return { node, kind: 'boolean', provider: null, known: true, payload: this.hmacPayload(operand, 0), secret: null, label, constantTime: true };
    }
    const hmacSide = sides.find((side) => this.isHmacDerived(side, 0));
    if (!hmacSide) return null;
    const payload = this.hmacPayload(hmacSide, 0);
    return {
      node,
      kind: 'boolean',
      provider: null,
      known: true,
      payload,
      secret: null,
      label: `\`${this.facts.sourceCode.getText(node)}\``,
    };
  }

  /** `token !== env.WEBHOOK_TOKEN`: a value compared with a configured secret (see `Verifier.loose`). */
  secretComparison(node: TSESTree.BinaryExpression): Verifier | null {
    if (node.operator !== '===' && node.operator !== '!==' && node.operator !== '==' && node.operator !== '!=') return null;
    const sides = [unwrap(node.left), unwrap(node.right)];
    if (sides.some((side) => isNullish(side) || isSize(side) || side.type === AST_NODE_TYPES.Literal || side.type === AST_NODE_TYPES.TemplateLiteral)) return null;
    if (!sides.some((side) => this.isConfiguredSecret(side, 0))) return null;
    return { node, kind: 'unknown', provider: null, known: false, payload: null, secret: null, label: `\`${this.facts.sourceCode.getText(node)}\``, loose: true };
  }

  /** `process.env.X_SECRET`, `env.PUBSUB_VERIFICATION_TOKEN`, or a `const` holding one. */
  private isConfiguredSecret(node: TSESTree.Node, depth: number): boolean {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.MemberExpression) {
      const name = staticKeyName(target);
      const object = unwrap(target.object);
      const holder = object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(object) : null;
      return name !== null && holder === 'env' && CONFIGURED_SECRET.test(name);
    }
    if (target.type === AST_NODE_TYPES.Identifier && depth < 3) {
      const definition = this.facts.constants.definitionOf(target);
      if (definition?.type !== AST_NODE_TYPES.VariableDeclarator || !definition.init || definition.id.type !== AST_NODE_TYPES.Identifier) return false;
      const init = unwrap(definition.init);
      return this.isConfiguredSecret(init.type === AST_NODE_TYPES.LogicalExpression ? init.left : init, depth + 1);
    }
    return false;
  }

  /**
   * `mismatch === 0` after `let mismatch = 0; for (...) mismatch |= a[i] ^ b[i]`: the end of a
   * constant-time comparison, whatever it compares (a local `safeCompare(a, b)` helper).
   */
  isConstantTimeResult(node: TSESTree.BinaryExpression): boolean {
    if (node.operator !== '===' && node.operator !== '!==' && node.operator !== '==' && node.operator !== '!=') return false;
    const accumulated = isZero(node.left) ? node.right : isZero(node.right) ? node.left : null;
    return accumulated !== null && this.xorOperands(accumulated) !== null;
  }

  /** The XOR operands of a variable only ever written as `x |= a ^ b` (after its declaration), or null. */
  private xorOperands(node: TSESTree.Node): TSESTree.Node[] | null {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = variableOf(this.facts.sourceCode, target);
    if (!variable) return null;
    const operands: TSESTree.Node[] = [];
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.init) continue;
      const assignment = reference.identifier.parent;
      if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '|=') return null;
      const xor = unwrap(assignment.right);
      if (xor.type !== AST_NODE_TYPES.BinaryExpression || xor.operator !== '^') return null;
      operands.push(xor.left, xor.right);
    }
    return operands.length > 0 ? operands : null;
  }

  /** Whether an expression is (derived from) an HMAC computation: digest, `subtle.sign`, or a `const` holding one. */
  isHmacDerived(node: TSESTree.Node, depth: number): boolean {
    const target = unwrap(node);
    const cached = this.hmacCache.get(target);
    if (cached !== undefined) return cached;
    let found = false;
    if (depth <= 4) {
      let visited = 0;
      walk(target, (child) => {
        if (found || ++visited > 200) return;
        if (child.type === AST_NODE_TYPES.CallExpression) {
          const name = calleeName(child);
          if (name === 'createHmac' || name === 'createHmacDigest') found = true;
          else if (name === 'createHash') found = isKeyedHash(child, this.facts);
          else if (name === 'sign') {
            const callee = unwrap(child.callee);
            const inner = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : null;
            if (inner?.type === AST_NODE_TYPES.MemberExpression && staticKeyName(inner) === 'subtle') found = true;
          }
        } else if (child.type === AST_NODE_TYPES.Identifier) {
          const definition = this.facts.constants.definitionOf(child);
          if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init && definition.id.type === AST_NODE_TYPES.Identifier && definition.init !== target) {
            if (this.isHmacDerived(definition.init, depth + 1)) found = true;
          }
        }
      });
    }
    this.hmacCache.set(target, found);
    return found;
  }

  /** The argument of `.update(x)` in the HMAC computation behind an expression. */
  hmacPayload(node: TSESTree.Node, depth: number): TSESTree.Node | null {
    if (depth > 4) return null;
    let found: TSESTree.Node | null = null;
    walk(unwrap(node), (child) => {
      if (found) return;
      if (child.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(child);
        if (name === 'update' && child.arguments[0]) found = child.arguments[0];
        else if (name === 'sign' && child.arguments[2]) found = child.arguments[2];
      } else if (child.type === AST_NODE_TYPES.Identifier) {
        const definition = this.facts.constants.definitionOf(child);
        if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init && definition.id.type === AST_NODE_TYPES.Identifier) {
          found = this.hmacPayload(definition.init, depth + 1);
        }
      }
    });
    return found;
  }

  /** The secret of an HMAC computation: `createHmac('sha256', secret)`. */
  hmacSecret(node: TSESTree.Node): TSESTree.Node | null {
    let found: TSESTree.Node | null = null;
    walk(unwrap(node), (child) => {
      if (!found && child.type === AST_NODE_TYPES.CallExpression && calleeName(child) === 'createHmac') {
        found = child.arguments[1] ?? null;
      }
    });
    return found;
  }

  private verifierClassOf(object: TSESTree.Node): (typeof VERIFIER_CLASSES)[number] | null {
    let target = object;
    if (target.type === AST_NODE_TYPES.Identifier) {
      const definition = this.facts.constants.definitionOf(target);
      if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init) target = unwrap(definition.init);
    }
    if (target.type !== AST_NODE_TYPES.NewExpression) return null;
    const ref = this.facts.imports.resolve(target.callee);
    if (!ref) return null;
    return VERIFIER_CLASSES.find((entry) => entry.source === ref.source && ref.path.length === 1 && ref.path[0] === entry.name) ?? null;
  }
}

/** The constructor call behind a verifier instance (`new Webhook(secret)`), for its secret. */
export function verifierConstruction(call: TSESTree.CallExpression, facts: FileFacts): TSESTree.NewExpression | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  let target = unwrap(callee.object);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const definition = facts.constants.definitionOf(target);
    if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init) target = unwrap(definition.init);
  }
  return target.type === AST_NODE_TYPES.NewExpression ? target : null;
}

/** `a.length`, `buf.byteLength`, `Buffer.byteLength(a)`: a size, not the signature. */
function isSize(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(target);
    return name === 'length' || name === 'byteLength';
  }
  return target.type === AST_NODE_TYPES.CallExpression && calleeName(target) === 'byteLength';
}

function isZero(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.Literal && target.value === 0;
}

const SECRET_NAME = /secret|signing_?key|webhook_?key/iu;
const CONFIGURED_SECRET = /secret|token|client_?state|passcode|password|api_?key/iu;

/**
 * `createHash('sha256').update(secret + body)`: a plain hash is a signature only when a secret
 * goes into it (a content hash or an ETag is not one).
 */
function isKeyedHash(call: TSESTree.CallExpression, facts: FileFacts): boolean {
  const member = call.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== call || staticKeyName(member) !== 'update') return false;
  const update = member.parent;
  if (update.type !== AST_NODE_TYPES.CallExpression || update.callee !== member || !update.arguments[0]) return false;
  return mentionsSecret(update.arguments[0], facts, 0);
}

function mentionsSecret(node: TSESTree.Node, facts: FileFacts, depth: number): boolean {
  let found = false;
  walk(node, (child) => {
    if (found) return;
    if (child.type === AST_NODE_TYPES.Identifier) {
      if (SECRET_NAME.test(child.name)) found = true;
      else if (depth < 2 && !(child.parent.type === AST_NODE_TYPES.MemberExpression && child.parent.property === child)) {
        const definition = facts.constants.definitionOf(child);
        if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init && definition.id.type === AST_NODE_TYPES.Identifier) {
          found = mentionsSecret(definition.init, facts, depth + 1);
        }
      }
    } else if (child.type === AST_NODE_TYPES.Literal && typeof child.value === 'string' && child.parent.type === AST_NODE_TYPES.MemberExpression) {
      // process.env['WEBHOOK_SECRET']
      found = SECRET_NAME.test(child.value);
    }
  });
  return found;
}

function isNullish(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal) return target.value === null || typeof target.value === 'boolean' || target.value === '';
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === 'undefined';
  return target.type === AST_NODE_TYPES.UnaryExpression && target.operator === 'typeof';
}
