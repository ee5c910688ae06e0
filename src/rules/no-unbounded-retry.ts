import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunctionNode, unwrap, walk } from '../analysis/ast.js';
import { callbackRole } from '../analysis/control-flow.js';
import { getFileFacts } from '../analysis/file-facts.js';
import { RETRY_SOURCES, SWR_SOURCES } from '../knowledge/retry.js';
import { createRule } from '../util/create-rule.js';
import { type FixedDelay, fixedDelayOf } from './no-unbounded-retry/delays.js';
import { type Loop, retryLoopOf } from './no-unbounded-retry/loops.js';
import { type OptionFinding, optionFindingsOf } from './no-unbounded-retry/options.js';
import { containsAwait, isAsyncRetry, type RetrySite, retrySiteOf, retryWaits, SelfCallTracker } from './no-unbounded-retry/recursion.js';
import { swrConfigValue, swrHookWithDefaultRetry, swrRetryOf } from './no-unbounded-retry/swr.js';

export type Options = [
  {
    allowCappedForever?: boolean;
    reportClientReconnects?: boolean;
    reportSwrDefaultRetry?: boolean;
    requireBackoff?: boolean;
  },
];

export type MessageIds =
  | 'alwaysRetries'
  | 'fixedDelay'
  | 'foreverOption'
  | 'noDelay'
  | 'noDelayDefault'
  | 'reconnect'
  | 'recursion'
  | 'retryLoop'
  | 'swrDefaultRetry'
  | 'uncappedBackoff'
  | 'uncappedLibraryBackoff';

/** Every finding needs one of these in the file: a catch, an error/close handler, or a retry option. */
const CHEAP_SIGNAL = /catch|\.then\b|onerror|onclose|["'`](?:error|close|end|disconnect)|retry|attempts/iu;
/** Recursion and reconnects need a failure handler; loops need a catch. */
const FAILURE_SIGNAL = /catch|\.then\b|onerror|onclose|["'`](?:error|close|end|disconnect)/u;
const LOOP_SIGNAL = /\bwhile\b|\bfor\s*\(/u;
const EXPONENT_SIGNAL = /\*\*|Math\.pow|<</u;

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-retry',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every retry to have a bound: a maximum number of attempts or a deadline',
      cwe: ['CWE-400', 'CWE-770'],
      recommended: { recommended: true, strict: [{ reportClientReconnects: true, reportSwrDefaultRetry: true, requireBackoff: true }] },
      requiresTypeChecking: false,
    },
    messages: {
      recursion:
        '`{{name}}()` calls itself again from {{path}} with no attempt limit: while the dependency is down, every failure starts another attempt, forever (one such payment handler made 47,000 API calls in two hours and locked out every legitimate payment behind the rate limit). Pass an attempt counter and give up after a few attempts (`if (attempt >= 3) throw error`), wait with exponential backoff and jitter in between, and alert when it gives up.',
      reconnect:
        '`{{name}}` reconnects from the {{event}} handler with no attempt counter or cap: when the server is down, every client reconnects forever, and the reconnect storm keeps the server from recovering. Count the attempts, back off exponentially with jitter up to a cap, and give up (show the user that they are offline) after a maximum.',
      retryLoop:
        'This `{{loop}}` loop retries until the operation succeeds, with no attempt limit and no deadline: one persistent failure (a declined card, a revoked key, a dependency outage) keeps it calling forever. Count the attempts and throw after a maximum (`for (let attempt = 1; attempt <= 3; attempt++)`), or stop at a deadline, with exponential backoff and jitter between attempts.',
      foreverOption:
        '{{library}} `{{option}}: {{value}}` retries forever: one persistent failure turns into endless requests against a dependency that is already struggling, and the caller never hears about the failure. Set a finite number of attempts (3 to 5 is typical) with exponential backoff, and handle the final failure (log and alert).',
      alwaysRetries:
        "{{library}}'s `{{option}}` never says stop, so it retries forever: one persistent failure turns into endless requests against a dependency that is already struggling. Stop after a maximum number of attempts (return false / null, or skip the retry when the count reaches the limit) and surface the failure.",
      noDelay:
        'This retry starts the next attempt at once, with no delay: a failing dependency is hit again immediately, as fast as the code can run, which turns a blip into a rate-limit ban or an overload. Wait between attempts with exponential backoff and jitter (`await sleep(Math.min(1000 * 2 ** attempt, 30_000) * Math.random())`).',
      noDelayDefault:
        '{{library}} is set up without `retryDelay`, and its default retries at once, with no delay: a failing API is hit again immediately. Pass `retryDelay: axiosRetry.exponentialDelay` (exponential backoff with jitter).',
      fixedDelay:
        'This retry of `{{operation}}` waits the same time before every attempt (`{{wait}}`): when the service is down or rate limiting you, every client that failed at the same moment retries at the same moments, in lockstep, at a rate that never lets it recover, and each attempt counts against your rate limit. Grow the delay with each attempt and add jitter: `Math.min(base * 2 ** attempt, maxDelay) * (0.5 + Math.random())`.',
      swrDefaultRetry:
        "`{{hook}}` keeps SWR's default error retry, which has no attempt limit (`errorRetryCount` is unset): while the API fails, every mounted component keeps requesting it, backing off to one attempt every 10 to 30 minutes, for as long as the page stays open, in every open tab. Set `errorRetryCount` (3 to 5 is typical) here or in the `<SWRConfig>` around your app, or pass `shouldRetryOnError: false`.",
      uncappedLibraryBackoff:
        '{{library}} is set to `{{option}}: {{count}}` with no `{{capKey}}`, and its delay grows exponentially with no ceiling by default: the last delays exceed what `setTimeout` accepts (about 24.8 days), which fires the timer after 1 ms instead, so the last retries turn into a hot loop. Set `{{capKey}}` (30 seconds to a few minutes is typical).',
      uncappedBackoff:
        'This exponential backoff has no ceiling: after a few dozen attempts the delay exceeds what `setTimeout` accepts (about 24.8 days), which runs the callback after 1 ms instead, and the backoff becomes a hot loop. Cap it: `Math.min(base * 2 ** attempt, maxDelay)`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowCappedForever: {
            type: 'boolean',
            description:
              'Allow retrying forever when it is the documented safe shape: the delay between attempts is capped (`Math.min(...)` in the retrying code, `maxTimeout`/`maxDelay`/`backoffLimit` in library options) and an AbortSignal can stop it (a `signal` option, or a `signal.aborted` check in the retrying code).',
          },
          reportClientReconnects: {
            type: 'boolean',
            description:
              "Also report clients that reconnect to their own backing service forever: an ioredis `retryStrategy` that never returns `null`. Reconnecting forever with a capped delay is ioredis's default, so this is off in `recommended`.",
          },
          reportSwrDefaultRetry: {
            type: 'boolean',
            description:
              "Also report SWR hooks (`useSWR(key, fetcher)`, `useSWR(key, fetcher, options)`, `useSWRInfinite`, `useSWRImmutable`) and `<SWRConfig value>` objects that set neither `errorRetryCount` nor `onErrorRetry` nor `shouldRetryOnError: false`: SWR's default error retry backs off but never stops. Silent when an `<SWRConfig>` in the same file sets one of them (or cannot be read).",
          },
          requireBackoff: {
            type: 'boolean',
            description:
              "Also report bounded asynchronous retries that do not wait between attempts (no `await sleep/delay/setTimeout` on the retry path), bounded retries of a network or payment call (`fetch`, axios, got, ky, Stripe, OpenAI and other SDK clients) that wait a fixed delay with no growth, axios-retry without `retryDelay` (its default is no delay), exponential backoff (`2 ** attempt`, `Math.pow(2, n)`, `1 << n`) without a `Math.min` ceiling, and exponential-backoff, p-retry, async-retry and retry options whose attempt count makes the uncapped delay overflow `setTimeout` (no `maxDelay` / `maxTimeout`).",
          },
        },
      },
    ],
    defaultOptions: [{ allowCappedForever: false, reportClientReconnects: false, reportSwrDefaultRetry: false, requireBackoff: false }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    const allowCappedForever = options.allowCappedForever === true;
    const requireBackoff = options.requireBackoff === true;
    const exponents = requireBackoff && EXPONENT_SIGNAL.test(text);
    const swrSignal = options.reportSwrDefaultRetry === true && text.includes('swr');
    // Every finding needs a failure handler or a retry option in the file; most files stop here.
    if (!CHEAP_SIGNAL.test(text) && !exponents && !swrSignal) return {};
    const failures = FAILURE_SIGNAL.test(text);
    const loops = failures && text.includes('catch') && LOOP_SIGNAL.test(text);
    const facts = getFileFacts(context);
    // Tests, fixtures, mocks, seeds, migrations, scripts, stories and generated code serve no request.
    if (!facts.servesProduction) return {};
    const libraries = facts.imports.importsAny(RETRY_SOURCES);

    const listeners: TSESLint.RuleListener = {};
    if (failures) {
      const tracker = new SelfCallTracker(sourceCode);
      const reported = new Set<TSESTree.Node>();
      listeners[':function'] = (node: FunctionNode) => {
        tracker.enter(node);
      };
      listeners[':function:exit'] = (node: FunctionNode) => {
        tracker.exit(node);
      };
      listeners.CallExpression = (node) => {
        const callee = unwrap(node.callee);
        const self = callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression ? tracker.target(callee) : null;
        if (self) handleSite(node, self.fn, self.name);
        // `setTimeout(connect, 1000)`, `promise.catch(retry)`: the function passed by reference.
        for (const argument of node.arguments) {
          if (argument.type !== AST_NODE_TYPES.Identifier && argument.type !== AST_NODE_TYPES.MemberExpression) continue;
          const referenced = tracker.target(argument);
          if (referenced && callbackRole(argument)) handleSite(argument, referenced.fn, referenced.name);
        }
        if (libraries) handleOptions(node);
      };
      // `ws.onclose = connect`
      listeners['AssignmentExpression > :matches(Identifier, MemberExpression).right'] = (node: TSESTree.Identifier | TSESTree.MemberExpression) => {
        const referenced = tracker.target(node);
        if (referenced && callbackRole(node)) handleSite(node, referenced.fn, referenced.name);
      };

      function handleSite(node: TSESTree.Node, fn: FunctionNode, name: string): void {
        const site = retrySiteOf(node, fn, name, sourceCode);
        if (!site || reported.has(fn)) return;
        if (site.path.kind === 'promise-catch' && !isPromise(site.path.promise)) return;
        if (site.bounded) {
          if (requireBackoff && isAsyncRetry(site) && !site.alternatives && !retryWaits(site, sourceCode)) {
            reported.add(fn);
            context.report({ node, messageId: 'noDelay' });
          } else if (requireBackoff) {
            const fixed = fixedDelayOf(fn.body, facts);
            if (fixed) {
              reported.add(fn);
              reportFixedDelay(fixed);
            }
          }
          return;
        }
        if (allowCappedForever && cappedAndAbortable(fn)) return;
        reported.add(fn);
        reportSite(site);
      }
    } else if (libraries) {
      listeners.CallExpression = handleOptions;
    }
    if (libraries) listeners.NewExpression = handleOptions;
    if (loops) {
      const handleLoop = (loop: Loop): void => {
        const found = retryLoopOf(loop, sourceCode);
        if (!found) return;
        if (found.bounded || found.condition === 'conditional') {
          if (requireBackoff && found.bounded && !found.waits && containsAwait(loop.body)) context.report({ loc: keyword(loop), messageId: 'noDelay' });
          else if (requireBackoff && found.bounded) {
            const fixed = fixedDelayOf(loop.body, facts);
            if (fixed) reportFixedDelay(fixed);
          }
          return;
        }
        if (allowCappedForever && cappedAndAbortable(loop)) return;
        context.report({ loc: keyword(loop), messageId: 'retryLoop', data: { loop: loopLabel(loop) } });
      };
      listeners.WhileStatement = handleLoop;
      listeners.DoWhileStatement = handleLoop;
      listeners.ForStatement = handleLoop;
    }
    if (exponents) {
      const checkExponent = (node: TSESTree.Node): void => {
        if (isExponential(node) && !hasCeiling(node)) context.report({ node, messageId: 'uncappedBackoff' });
      };
      listeners['BinaryExpression[operator="**"]'] = checkExponent;
      listeners['BinaryExpression[operator="<<"]'] = checkExponent;
      listeners['CallExpression[callee.property.name="pow"]'] = checkExponent;
    }
    if (swrSignal && facts.imports.importsAny(SWR_SOURCES)) addSwrListeners();
    return listeners;

    /** SWR hooks and `<SWRConfig>` keeping the default retry, decided at the end of the file. */
    function addSwrListeners(): void {
      const hooks: TSESTree.CallExpression[] = [];
      const configs: TSESTree.JSXOpeningElement[] = [];
      let configured = false;
      listeners['CallExpression[arguments.length>=2]'] = (node: TSESTree.CallExpression) => {
        if (swrHookWithDefaultRetry(node, facts)) hooks.push(node);
      };
      if (text.includes('SWRConfig')) {
        listeners.JSXOpeningElement = (node) => {
          const value = swrConfigValue(node, facts);
          if (value === null || value === 'none') return;
          const retry = isFunctionNode(unwrap(value)) ? 'unknown' : swrRetryOf(value, facts);
          if (retry === 'default') configs.push(node);
          else configured = true;
        };
      }
      listeners['Program:exit'] = () => {
        if (configured) return;
        for (const hook of hooks) context.report({ node: hook.callee, messageId: 'swrDefaultRetry', data: { hook: `${sourceCode.getText(hook.callee)}()` } });
        for (const config of configs) context.report({ node: config.name, messageId: 'swrDefaultRetry', data: { hook: '<SWRConfig>' } });
      };
    }

    function reportFixedDelay(fixed: FixedDelay): void {
      const operation = sourceCode.getText(fixed.operation.callee);
      context.report({
        node: fixed.wait,
        messageId: 'fixedDelay',
        data: { operation: `${operation.length > 60 ? `${operation.slice(0, 57)}...` : operation}()`, wait: sourceCode.getText(fixed.wait) },
      });
    }

    function handleOptions(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      for (const finding of optionFindingsOf(node, facts, {
        allowCappedForever,
        reportClientReconnects: options.reportClientReconnects === true,
        requireBackoff,
      })) reportOption(finding);
    }

    /** With type information, a `.catch()` receiver that is not a Promise is not a retry path. */
    function isPromise(promise: TSESTree.Node | null): boolean {
      if (!promise) return true;
      const names = facts.types?.typeNames(promise);
      if (!names || names.size === 0) return true;
      return names.has('Promise') || names.has('PromiseLike') || names.has('Thenable');
    }

    function reportSite(site: RetrySite): void {
      if (site.path.kind === 'error-event') {
        context.report({ node: site.node, messageId: 'reconnect', data: { name: site.name, event: `\`${site.path.event ?? 'close'}\`` } });
        return;
      }
      const path = site.path.kind === 'catch' ? 'its `catch` block' : 'a `.catch()` handler';
      context.report({ node: site.node, messageId: 'recursion', data: { name: site.name, path } });
    }

    function reportOption(finding: OptionFinding): void {
      switch (finding.kind) {
        case 'forever':
          context.report({ node: finding.node, messageId: 'foreverOption', data: { library: finding.library, option: finding.option, value: finding.value } });
          return;
        case 'always':
          context.report({ node: finding.node, messageId: 'alwaysRetries', data: { library: finding.library, option: finding.option } });
          return;
        case 'no-delay':
          context.report({ node: finding.node, messageId: 'noDelayDefault', data: { library: finding.library } });
          return;
        case 'uncapped':
          context.report({
            node: finding.node,
            messageId: 'uncappedLibraryBackoff',
            data: { library: finding.library, option: finding.option, count: finding.count, capKey: finding.capKey },
          });
          return;
      }
    }

    function keyword(loop: Loop): TSESTree.SourceLocation {
      return sourceCode.getFirstToken(loop)?.loc ?? loop.loc;
    }

    function loopLabel(loop: Loop): string {
      if (loop.type === AST_NODE_TYPES.ForStatement) return 'for (;;)';
      const test = sourceCode.getText(loop.test);
      return loop.type === AST_NODE_TYPES.DoWhileStatement ? `do { } while (${test})` : `while (${test})`;
    }

    /** The documented safe retry-forever: a capped delay (`Math.min`) and an AbortSignal check. */
    function cappedAndAbortable(region: TSESTree.Node): boolean {
      const code = sourceCode.getText(region);
      return code.includes('Math.min') && /\bsignal\b|\.aborted\b/u.test(code);
    }
  },
});

/** `2 ** attempt`, `Math.pow(2, attempt)`, `1 << attempt`: a power of two of a variable. */
function isExponential(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.BinaryExpression) {
    const base = unwrap(node.left);
    if (base.type !== AST_NODE_TYPES.Literal || typeof base.value !== 'number') return false;
    if (unwrap(node.right).type === AST_NODE_TYPES.Literal) return false;
    return node.operator === '**' ? base.value === 2 : base.value === 1;
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(node.callee);
    const [base, exponent] = node.arguments;
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'Math' &&
      base?.type === AST_NODE_TYPES.Literal &&
      base.value === 2 &&
      exponent !== undefined &&
      unwrap(exponent).type !== AST_NODE_TYPES.Literal
    );
  }
  return false;
}

/**
 * A ceiling anywhere in the enclosing function: `Math.min(...)`, a comparison with a max or cap,
 * or an exponent that is itself compared (a bounded attempt count). Only backoff-like uses are checked: the result must feed a
 * delay (a timer, a `sleep`/`delay` call, or a variable named like a delay).
 */
function hasCeiling(node: TSESTree.Node): boolean {
  const power = node.type === AST_NODE_TYPES.CallExpression ? node.arguments[1] : node.type === AST_NODE_TYPES.BinaryExpression ? node.right : undefined;
  const exponent = power && unwrap(power).type === AST_NODE_TYPES.Identifier ? (unwrap(power) as TSESTree.Identifier).name : null;
  // The function that holds the retry: callbacks (`new Promise((r) => setTimeout(r, ...))`) are climbed through.
  let region: TSESTree.Node = node;
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) {
      region = current;
      if (current.parent.type !== AST_NODE_TYPES.CallExpression && current.parent.type !== AST_NODE_TYPES.NewExpression) break;
    }
  }
  // A holder: the flags are written from inside the walk's callback.
  const found = { ceiling: false, delay: false };
  walk(region, (candidate) => {
    if (found.ceiling) return;
    if (candidate.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(candidate.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier) {
        if (callee.property.name === 'min' && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Math') found.ceiling = true;
      }
    }
    // A compared exponent is a bounded attempt count (`attempt >= 5`): the delay stays small.
    if (
      candidate.type === AST_NODE_TYPES.Identifier &&
      (/max|cap|ceil|limit/iu.test(candidate.name) || candidate.name === exponent) &&
      candidate.parent.type === AST_NODE_TYPES.BinaryExpression &&
      /^[<>]=?$/u.test(candidate.parent.operator)
    ) {
      found.ceiling = true;
    }
    if (candidate.type === AST_NODE_TYPES.Identifier && /delay|backoff|timeout|wait|sleep|interval/iu.test(candidate.name)) found.delay = true;
  });
  return found.ceiling || !found.delay;
}
