import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, staticKeyName, unwrap, walk } from '../../analysis/ast.js';
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
   * one side comes from `createHmac(...).digest()` or `crypto.subtle.sign(...)`.
   */
  comparison(node: TSESTree.BinaryExpression): Verifier | null {
    if (node.operator !== '===' && node.operator !== '!==' && node.operator !== '==' && node.operator !== '!=') return null;
    const sides = [node.left, node.right];
    if (sides.some((side) => isNullish(side))) return null;
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

function isNullish(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal) return target.value === null || typeof target.value === 'boolean' || target.value === '';
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === 'undefined';
  return target.type === AST_NODE_TYPES.UnaryExpression && target.operator === 'typeof';
}
