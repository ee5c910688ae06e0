import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calledMethodName, type FunctionNode, unwrap } from '../analysis/ast.js';
import { type FileFacts, getFileFacts } from '../analysis/file-facts.js';
import { fileRoute } from '../analysis/handlers.js';
import {
  GENERIC_FIX,
  PROVIDER_MODULES,
  PROVIDERS,
  type ProviderId,
  RAW_BODY_ADVICE,
  SIGNATURE_HEADERS,
  VERIFIER_CLASSES,
  WEBHOOK_PATH,
} from '../knowledge/webhooks.js';
import { createRule } from '../util/create-rule.js';
import { analyseHandler, type Environment, firstUnprotected, type HandlerFacts } from './no-unverified-webhook/analyse.js';
import { bytesProblem, type Endpoint, findEndpoints, REGISTRATION_METHODS } from './no-unverified-webhook/endpoints.js';
import { type Verifier, VerifierFinder } from './no-unverified-webhook/verifiers.js';

export type Options = [
  {
    reportWeakVerification?: boolean;
    signatureHeaders?: string[];
    verifierFunctions?: string[];
    webhookPaths?: string[];
  },
];

export type MessageIds =
  | 'catchCarriesOn'
  | 'conditionalVerification'
  | 'ignoredResult'
  | 'literalSecret'
  | 'timingCompare'
  | 'unverified'
  | 'wrongBytes'
  | 'zeroTolerance';

/** Every finding needs one of these words in the file; most files stop here. */
const CHEAP_SIGNAL =
  /webhook|signature|hmac|constructEvent|svix|verif|x-hub|x-shopify|x-twilio|paddle|checkout\.session|invoice\.|customer\.subscription|payment_intent|\.created['"`]|order_created|\/hooks?\b/iu;
const HANDLER_SIGNAL = /\.(?:post|put|patch|all|route|openapi)\s*[<(]|@(?:Post|Put|Patch|All)\(|fetch\s*[(:]/u;
const RARE_VERIFIERS = /validateRequest|validateEvent|unmarshal/u;
/** The strict checks need a verifier call, `new Webhook(secret)` or an HMAC (or a keyed hash): their names, not the word "Webhook" in a type. */
const WEAK_SIGNAL = /constructEvent|createHmac|createHash|subtle\.(?:verify|sign)|new\s+Webhooks?\s*\(|verif|validateRequest|validateEvent|unmarshal/u;

export default createRule<Options, MessageIds>({
  name: 'no-unverified-webhook',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require webhook handlers to verify the signature over the raw body before acting on the payload',
      category: 'security',
      cwe: ['CWE-345', 'CWE-347', 'CWE-208'],
      recommended: { recommended: true, strict: [{ reportWeakVerification: true }] },
      requiresTypeChecking: false,
    },
    messages: {
      unverified:
        '`{{payload}}` is used before any {{provider}}webhook signature check: verify the signature over the raw body first. To do that, {{fix}}.',
      conditionalVerification:
        '{{verifier}} runs only when `{{condition}}`: verify every request, and reject it (400/401) when the signature header or the secret is missing.',
      catchCarriesOn:
        '{{verifier}} runs in a `try` whose `catch` carries on: return 400 from the `catch` (or rethrow), and act only on what the verifier returns.',
      ignoredResult:
        "The result of {{verifier}} does not stop the handler: reject the request when the check fails, before touching the payload. For example: `if (!valid) return new Response('Invalid signature', { status: 401 })`.",
      wrongBytes:
        '{{verifier}} is given {{bytes}}, not the raw bytes that were signed: verify the raw body. To do that, {{advice}}.',
      zeroTolerance:
        '{{verifier}} is given a tolerance of {{value}}, which turns off replay protection: leave it out (the default is 300 seconds) or pass a small positive number.',
      timingCompare:
        'The webhook signature is compared with `{{operator}}`, which leaks timing: compare with `crypto.timingSafeEqual` after checking that the lengths match. For example: `crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(received))`.',
      literalSecret:
        'The webhook signing secret given to {{verifier}} is a string literal: rotate it, and read it from the environment or a secrets manager.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          reportWeakVerification: {
            type: 'boolean',
            description:
              "Also report verification that is present but weak: Stripe's `tolerance` argument set to 0 or less (no replay protection), a hand-rolled HMAC signature compared with `===`, `!==`, `==` or `!=` (a timing attack), and a verifier (or `new Webhook()`, or the `createHmac` of a signature check) given a string literal as its secret.",
          },
          signatureHeaders: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Extra request headers that carry a webhook signature (case-insensitive), for providers the rule does not know. A handler that reads one is treated as a webhook receiver.',
          },
          verifierFunctions: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              "Names of your own functions or methods that verify a webhook signature and throw (or reject the request) when it is wrong, such as `verifyWebhook` or `assertSignedByBilling`. A call to one, made before the payload is used on every path, counts as verification.",
          },
          webhookPaths: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Extra regular expressions (case-insensitive) for route or file paths that receive webhooks, such as `^/api/integrations/`. Routes containing `webhook` or a `hooks` segment, and files whose name contains `webhook`, are always treated as webhook endpoints.',
          },
        },
      },
    ],
    defaultOptions: [{ reportWeakVerification: false, signatureHeaders: [], verifierFunctions: [], webhookPaths: [] }],
  },
  create(context, [options]) {
    // Tests, stories and generated code by their path or banner are left before any text is read.
    const facts = getFileFacts(context);
    if (facts.skippedByPath) return {};
    const weakAsked = options.reportWeakVerification === true;
    // Only files with a handler shape can report (the strict checks aside): a route file, a route
    // registration, a controller, a Worker. Tested first: it rejects most files for a fraction of
    // the cost of CHEAP_SIGNAL's case-insensitive alternation.
    const handlerShape = HANDLER_SIGNAL.test(facts.sourceCode.text) || fileRoute(facts.filename) !== null;
    if (!weakAsked && !handlerShape) return {};
    // The analysis, which a file turned away above never enters (see `createRule`).
    return listenersFor(context, options, facts, weakAsked, handlerShape);
  },
});

/** The rule's listeners for a file that passed the first look in `create`. */
function listenersFor(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  options: Options[0],
  facts: FileFacts,
  weakAsked: boolean,
  handlerShape: boolean,
): TSESLint.RuleListener {
  const { sourceCode, filename } = facts;
  const text = sourceCode.text;
  const extraHeaders = (options.signatureHeaders ?? []).map((header) => header.toLowerCase());
  const extraNames = new Set(options.verifierFunctions ?? []);
  const extraPaths = (options.webhookPaths ?? []).flatMap((source) => {
    try {
      return [new RegExp(source, 'iu')];
    } catch {
      return [];
    }
  });
  const cheap = CHEAP_SIGNAL.test(text);
  // Every verifier name is in CHEAP_SIGNAL but Twilio's and Polar's validators and Paddle's unmarshal.
  const weak = weakAsked && (cheap || RARE_VERIFIERS.test(text)) && WEAK_SIGNAL.test(text);
  if (
    !cheap &&
    !WEBHOOK_PATH.test(filename.replaceAll('\\', '/').split('/').slice(-4).join('/')) &&
    !weak &&
    !extraHeaders.some((header) => text.toLowerCase().includes(header)) &&
    ![...extraNames].some((name) => text.includes(name)) &&
    extraPaths.length === 0
  ) {
    return {};
  }
  if (!weak && !handlerShape) return {};
  // Tests, fixtures, mocks, seeds, migrations, scripts, stories and generated code serve no request.
  if (!facts.servesProduction) return {};
  const signatureHeaders = new Map<string, ProviderId | null>(SIGNATURE_HEADERS);
  for (const header of extraHeaders) if (!signatureHeaders.has(header)) signatureHeaders.set(header, null);
  const finder = new VerifierFinder(facts, extraNames);
  const env: Environment = { facts, finder, signatureHeaders, helperCache: new Map(), constantTimeHelpers: new Set() };
  const functions: FunctionNode[] = [];
  const registrations: TSESTree.CallExpression[] = [];
  const reported = new Set<string>();

  return {
    ':function'(node: FunctionNode) {
      functions.push(node);
    },
    // `app.post('/webhook', handler)`: a registration whose last argument names the handler. A
    // node-type listener: `CallExpression > Identifier.arguments:last-child` would be matched
    // against every identifier of the file.
    CallExpression(node: TSESTree.CallExpression) {
      if (node.arguments.at(-1)?.type === AST_NODE_TYPES.Identifier) {
        const method = calledMethodName(node);
        if (method !== null && REGISTRATION_METHODS.has(method)) registrations.push(node);
      }
      if (weak) {
        const verifier = finder.call(node);
        if (verifier?.known) checkWeak(verifier, node);
      }
    },
    ...(weak
      ? {
          NewExpression(node: TSESTree.NewExpression) {
            const ref = facts.imports.resolve(node.callee);
            const entry = ref && VERIFIER_CLASSES.find((candidate) => candidate.source === ref.source && ref.path[0] === candidate.name);
            const [secret] = node.arguments;
            if (entry && secret && isLiteralSecret(secret)) {
              report(secret, 'literalSecret', { verifier: `\`new ${sourceCode.getText(node.callee)}()\`` });
            }
          },
          BinaryExpression(node: TSESTree.BinaryExpression) {
            const verifier = finder.comparison(node);
            // An XOR-accumulate loop is a constant-time comparison.
            if (!verifier || verifier.constantTime === true) return;
            const sides = [unwrap(node.left), unwrap(node.right)];
            if (!sides.some((side) => side.type === AST_NODE_TYPES.Literal || side.type === AST_NODE_TYPES.TemplateLiteral)) {
              report(node, 'timingCompare', { operator: node.operator });
            }
            const secret = finder.hmacSecret(node.left) ?? finder.hmacSecret(node.right);
            if (secret && isLiteralSecret(secret)) report(secret, 'literalSecret', { verifier: '`createHmac()`' });
          },
        }
      : {}),
    'Program:exit'() {
      for (const endpoint of findEndpoints(functions, registrations, facts, extraPaths)) {
        check(endpoint);
      }
    },
  };

  function check(endpoint: Endpoint): void {
    const handler = analyseHandler(endpoint.fn, endpoint.framework, env);
    if (handler.model.empty || handler.handedOff) return;
    // A route that authenticates a user is not called by a provider: path, name and event types are weak evidence then.
    const isWebhook =
      ((endpoint.named || handler.eventProviders.size > 0) && !handler.authenticated) ||
      handler.signatureHeaders.size > 0 ||
      handler.verifiers.some((verifier) => verifier.known);
    if (!isWebhook) return;
    const provider = refineProvider(providerOf(handler), endpoint);
    const result = endpoint.verifiedUpstream ? null : firstUnprotected(handler, facts.constants);
    if (result) {
      const { use, before, bypass } = result;
      if (!before) {
        const payload = sourceCode.getText(use.read.node);
        report(use.node, 'unverified', {
          payload: payload.length > 40 ? `${payload.slice(0, 37)}...` : payload,
          provider: provider ? `${PROVIDERS[provider].name} ` : '',
          fix: provider ? PROVIDERS[provider].fix : GENERIC_FIX,
        });
      } else if (bypass === 'unchecked') {
        report(before.node, 'ignoredResult', { verifier: before.label });
      } else if (bypass?.kind === 'catch') {
        report(before.node, 'catchCarriesOn', { verifier: before.label });
      } else if (bypass?.kind === 'condition') {
        const condition = sourceCode.getText(bypass.test).replace(/\s+/gu, ' ');
        report(before.node, 'conditionalVerification', {
          verifier: before.label,
          condition: condition.length > 60 ? `${condition.slice(0, 57)}...` : condition,
        });
      }
    }
    for (const input of handler.inputs) {
      if (!input.verifier.known || input.verifier.provider === 'twilio') continue;
      const problem = bytesProblem(input, endpoint, facts);
      if (!problem) continue;
      report(input.node, 'wrongBytes', {
        verifier: input.verifier.label,
        bytes: problem.bytes,
        advice: RAW_BODY_ADVICE[endpoint.framework ?? 'default'] ?? RAW_BODY_ADVICE.default ?? '',
      });
    }
  }

  function providerOf(handler: HandlerFacts): ProviderId | null {
    for (const verifier of handler.verifiers) if (verifier.provider) return verifier.provider;
    for (const header of handler.signatureHeaders) {
      const provider = signatureHeaders.get(header);
      if (provider) return provider === 'svix' && facts.imports.imports('@clerk/') ? 'clerk' : provider;
    }
    for (const provider of handler.eventProviders) if (provider) return provider;
    const imported = PROVIDER_MODULES.filter((entry) => facts.imports.imports(entry.source));
    return imported.length === 1 ? (imported[0]?.provider ?? null) : null;
  }

  /** Svix signs for many providers: the route or file name says which (`/webhooks/clerk`). */
  function refineProvider(provider: ProviderId | null, endpoint: Endpoint): ProviderId | null {
    if (provider !== 'svix' && provider !== 'standardwebhooks') return provider;
    const where = `${endpoint.route ?? ''} ${filename}`.toLowerCase();
    if (where.includes('clerk')) return 'clerk';
    if (where.includes('resend')) return 'resend';
    return provider;
  }

  function checkWeak(verifier: Verifier, call: TSESTree.CallExpression): void {
    if (verifier.provider === 'stripe' && verifier.label.includes('constructEvent')) {
      const tolerance = call.arguments[3];
      const value = tolerance ? facts.constants.value(tolerance)?.value : undefined;
      if (tolerance && typeof value === 'number' && value <= 0) {
        report(tolerance, 'zeroTolerance', { verifier: verifier.label, value: String(value) });
      }
    }
    if (verifier.secret && isLiteralSecret(verifier.secret)) report(verifier.secret, 'literalSecret', { verifier: verifier.label });
  }

  /** A string literal in place, or a `const` of one in this file (not an env read). */
  function isLiteralSecret(node: TSESTree.Node): boolean {
    let target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) {
      const definition = facts.constants.definitionOf(target);
      if (definition?.type !== AST_NODE_TYPES.VariableDeclarator || !definition.init) return false;
      target = unwrap(definition.init);
    }
    if (target.type === AST_NODE_TYPES.Literal) return typeof target.value === 'string' && target.value.length > 0;
    return target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0 && (target.quasis[0]?.value.cooked ?? '') !== '';
  }

  function report(node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>): void {
    const key = `${messageId}:${String(node.range[0])}:${String(node.range[1])}`;
    if (reported.has(key)) return;
    reported.add(key);
    context.report({ node, messageId, data });
  }
}
