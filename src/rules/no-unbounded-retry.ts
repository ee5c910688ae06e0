import path from 'node:path';

import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunctionNode, staticKeyName, unwrap, variableOf, walk } from '../analysis/ast.js';
import { callbackRole, delayAmountOf, isDelayCall, localFunction } from '../analysis/control-flow.js';
import { type FileFacts, getFileFacts } from '../analysis/file-facts.js';
import { isDevelopmentOnly } from '../analysis/guards.js';
import { matchesFrom } from '../analysis/text-signals.js';
import { FAILURE_SIGNAL, MAX_TIMER_DELAY, RETRY_FILE_SIGNAL, RETRY_SOURCES, SWR_SOURCES } from '../knowledge/retry.js';
import { createRule } from '../util/create-rule.js';
import { type FixedDelay, fixedDelayOf } from './no-unbounded-retry/delays.js';
import { type HelperRetry, helperRetryOf } from './no-unbounded-retry/helpers.js';
import { type Loop, retryLoopOf } from './no-unbounded-retry/loops.js';
import { type OptionFinding, optionFindingsOf, type OptionSettings } from './no-unbounded-retry/options.js';
import { pollLoopOf } from './no-unbounded-retry/polling.js';
import { containsAwait, isAsyncRetry, mayReferToItself, type RetrySite, retrySiteOf, retryWaits, SelfCallTracker } from './no-unbounded-retry/recursion.js';
import { stoppableLoop, stoppedOnPath } from './no-unbounded-retry/stops.js';
import { retriesForever, swrConfigValue, swrHookWithDefaultRetry, swrRetryOf } from './no-unbounded-retry/swr.js';
import { swrProjectOf } from './no-unbounded-retry/swr-project.js';

export type Options = [
  {
    allowCappedForever?: boolean;
    reportClientReconnects?: boolean;
    reportStoppableRetries?: boolean;
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

const EXPONENT_SIGNAL = /\*\*|Math\.pow|<</u;
/**
 * A delay's name in the text. `wait` as a word is matched at its `t` and its boundary looked for
 * behind: a leading `\b` would make the engine try the pattern at every position of the file
 * (four times slower on real files, which this scans whole).
 */
const DELAY_SIGNAL = /sleep|delay|setTimeout|pause|backoff|t(?<=\bwait)\b/iu;
/** A failure that re-schedules through a helper needs a timer. */
const DEFER_SIGNAL = /\b(?:setTimeout|setImmediate|queueMicrotask|nextTick|requestAnimationFrame)\b/u;
/** Functions and options whose delays belong to a retry: `retryDelay`, `backoff(attempt)`, `reconnect()`. */
const RETRY_CONTEXT = /retry|retries|backoff|back_off|reconnect|attempt|poll/iu;
/** Where a computed value is a delay: `{ delay: ... }`, `const backoffMs = ...`, `function retryDelay()`. */
const DELAY_NAME = /delay|backoff|timeout|interval|wait|sleep/iu;

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-retry',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every retry to have a bound: a maximum number of attempts or a deadline',
      category: 'reliability',
      cwe: ['CWE-400', 'CWE-770'],
      recommended: { recommended: true, strict: [{ reportClientReconnects: true, reportStoppableRetries: true, reportSwrDefaultRetry: true, requireBackoff: true }] },
      requiresTypeChecking: false,
    },
    messages: {
      recursion:
        '`{{name}}()` calls itself again from {{path}} with no attempt limit: give up after a few attempts, with exponential backoff and jitter in between.',
      reconnect:
        '`{{name}}` reconnects from the {{event}} handler forever: count the attempts, back off exponentially with jitter up to a cap, and give up after a maximum.',
      retryLoop:
        'This `{{loop}}` loop retries with no attempt limit or deadline: stop after a maximum number of attempts or at a deadline, and back off between attempts.',
      foreverOption:
        '{{library}} `{{option}}: {{value}}` retries forever: set a finite number of attempts (3 to 5 is typical) with exponential backoff, and handle the final failure.',
      alwaysRetries:
        "{{library}}'s `{{option}}` never says stop, so it retries forever: stop after a maximum number of attempts and surface the failure.",
      noDelay:
        'This retry starts the next attempt at once: wait between attempts with exponential backoff and jitter. For example: `await sleep(Math.min(1000 * 2 ** attempt, 30_000) * Math.random())`.',
      noDelayDefault:
        '{{library}} is set up without `retryDelay`, so it retries at once: pass `retryDelay: axiosRetry.exponentialDelay` (exponential backoff with jitter).',
      fixedDelay:
        'This retry of `{{operation}}` waits a fixed delay before every attempt (`{{wait}}`): grow it with each attempt and add jitter. For example: `Math.min(base * 2 ** attempt, maxDelay) * (0.5 + Math.random())`.',
      swrDefaultRetry:
        "`{{hook}}` keeps SWR's default error retry, which never stops: set `errorRetryCount` here or in `<SWRConfig>`, or pass `shouldRetryOnError: false`. Typically 3 to 5 attempts.",
      uncappedLibraryBackoff:
        '{{library}} `{{option}}: {{count}}` has no `{{capKey}}`, so its last delays overflow `setTimeout` and fire at once: set `{{capKey}}`. Typically 30 seconds to a few minutes.',
      uncappedBackoff:
        'This exponential backoff has no ceiling, so long runs overflow `setTimeout` and retry at once: cap it with `Math.min(base * 2 ** attempt, maxDelay)`.',
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
          reportStoppableRetries: {
            type: 'boolean',
            description:
              'Also report retries that never give up but wait between attempts and can be stopped on purpose: a stop flag or an abort signal tested on the retry path (`if (this.stopped) return`, `if (signal.aborted) return`), or a retry timer that is cleared elsewhere (`clearTimeout(this.retryTimer)` in a `stop()` method). Long-lived retries of this kind (a live feed that reconnects until it is closed) are often intended, so this is off in `recommended`.',
          },
          reportSwrDefaultRetry: {
            type: 'boolean',
            description:
              "Also report SWR's default error retry, which backs off but never stops, where the app configures SWR: an `<SWRConfig value>` that sets neither `errorRetryCount` nor `onErrorRetry` nor `shouldRetryOnError: false`; and, only in a project that renders no `<SWRConfig>` at all, each hook (`useSWR(key, fetcher)`, `useSWRInfinite`, `useSWRImmutable`) that does not set them. Silent when an `<SWRConfig>` anywhere in the project sets one of them: the project's `.js`/`.jsx`/`.tsx` files (tests and stories aside) are read once per project.",
          },
          requireBackoff: {
            type: 'boolean',
            description:
              "Also report bounded asynchronous retries that do not wait between attempts (no `await sleep/delay/setTimeout` on the retry path), bounded retries of a network or payment call (`fetch`, axios, got, ky, Stripe, OpenAI and other SDK clients) that wait a fixed delay with no growth, axios-retry without `retryDelay` (its default is no delay), exponential backoff (`2 ** attempt`, `Math.pow(2, n)`, `1 << n`) without a `Math.min` ceiling, and exponential-backoff, p-retry, async-retry and retry options whose attempt count makes the uncapped delay overflow `setTimeout` (no `maxDelay` / `maxTimeout`).",
          },
        },
      },
    ],
    defaultOptions: [{ allowCappedForever: false, reportClientReconnects: false, reportStoppableRetries: false, reportSwrDefaultRetry: false, requireBackoff: false }],
  },
  create(context, [options]) {
    // Tests, stories and generated code by their path or banner are left before any text is read.
    const facts = getFileFacts(context);
    if (facts.skippedByPath) return {};
    const { sourceCode } = facts;
    const text = sourceCode.text;
    const allowCappedForever = options.allowCappedForever === true;
    const reportStoppable = options.reportStoppableRetries === true;
    const requireBackoff = options.requireBackoff === true;
    const exponents = requireBackoff && EXPONENT_SIGNAL.test(text) && DELAY_SIGNAL.test(text);
    const swrSignal = options.reportSwrDefaultRetry === true && text.includes('swr');
    // Loops are found by their nodes, not by the text: a loop listener costs nothing in a file without
    // loops, and most files have none. A polling loop (no `try`) needs an `await` and a delay in the file,
    // asked once, at the file's first loop.
    let pollFile: boolean | undefined;
    const polls = (): boolean => (pollFile ??= text.includes('await') && DELAY_SIGNAL.test(text) && facts.servesProduction);
    // Every other finding needs a failure handler or a retry option in the file; most files stop here.
    const cheap = RETRY_FILE_SIGNAL.exec(text);
    if (cheap === null && !exponents && !swrSignal) {
      const pollLoop = (loop: Loop): void => {
        if (polls() && pollLoopOf(loop, sourceCode)) reportForeverLoop(loop, true);
      };
      return { WhileStatement: pollLoop, DoWhileStatement: pollLoop, ForStatement: pollLoop };
    }
    // A failure handler is one of RETRY_FILE_SIGNAL's words, started at the same letter: none is
    // before its first match, usually one itself (`catch`).
    const failures = cheap !== null && matchesFrom(FAILURE_SIGNAL, text, cheap.index);
    // Tests, fixtures, mocks, seeds, migrations, scripts, stories and generated code serve no request.
    if (!facts.servesProduction) return {};
    // `catch` is matched at its `h`: it starts at most four characters before the first match.
    const loops = failures && text.includes('catch', cheap.index - 4);
    const helpers = failures && DEFER_SIGNAL.test(text);
    const libraries = facts.imports.importsAny(RETRY_SOURCES);
    const optionSettings: OptionSettings = { allowCappedForever, reportClientReconnects: options.reportClientReconnects === true, requireBackoff };

    const listeners: TSESLint.RuleListener = {};
    // Self-retries need a function that names itself; a retry through a timer helper needs a timer.
    // Most files with a `catch` have neither, and skip the per-function listeners.
    if (failures && (helpers || mayReferToItself(sourceCode))) {
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
        else if (helpers && (callee.type === AST_NODE_TYPES.Identifier || (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression))) {
          handleHelper(node);
        }
        // `setTimeout(connect, 1000)`, `promise.catch(retry)`: the function passed by reference.
        for (const argument of node.arguments) {
          if (argument.type !== AST_NODE_TYPES.Identifier && argument.type !== AST_NODE_TYPES.MemberExpression) continue;
          const referenced = tracker.target(argument);
          if (referenced && callbackRole(argument)) handleSite(argument, referenced.fn, referenced.name);
        }
        if (libraries) handleOptions(node);
      };
      // `ws.onclose = connect`. A plain node-type listener: a child selector on `Identifier` would be
      // matched against every identifier of the file.
      listeners.AssignmentExpression = (node) => {
        const value = node.right;
        if (value.type !== AST_NODE_TYPES.Identifier && value.type !== AST_NODE_TYPES.MemberExpression) return;
        const referenced = tracker.target(value);
        if (referenced && callbackRole(value)) handleSite(value, referenced.fn, referenced.name);
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
        // Waits, and can be stopped on purpose: a long-lived retry, for `strict`.
        if (!reportStoppable && retryWaits(site, sourceCode) && stoppedOnPath(site.node, fn, site.path.deferrals, sourceCode)) return;
        reported.add(fn);
        reportSite(site);
      }

      /** `catch { scheduleRetry(); }` where `scheduleRetry` sets a timer that calls this function again. */
      function handleHelper(node: TSESTree.CallExpression): void {
        const frame = tracker.innermost();
        if (!frame || reported.has(frame.fn)) return;
        const found = helperRetryOf(node, frame, sourceCode);
        if (!found || found.bounded) return;
        if (allowCappedForever && cappedAndAbortable(frame.fn)) return;
        if (!reportStoppable && (stoppedOnPath(node, frame.fn, [], sourceCode) || found.deferrals.some((timer) => stoppedOnPath(timer, found.helperFn, [timer], sourceCode)))) return;
        reported.add(frame.fn);
        reportHelper(found);
      }
    } else if (libraries) {
      listeners.CallExpression = handleOptions;
    }
    if (libraries) listeners.NewExpression = handleOptions;
    const handleLoop = (loop: Loop): void => {
      const found = loops ? retryLoopOf(loop, sourceCode) : null;
      if (!found) {
        // No `try`: `for (;;) { const res = await fetch(url); if (res.ok) return res; await sleep(1000); }`.
        if (polls() && pollLoopOf(loop, sourceCode)) reportForeverLoop(loop, true);
        return;
      }
      if (found.bounded || found.condition === 'conditional') {
        // A list of alternatives tried in turn needs no delay: each attempt is another input.
        if (!requireBackoff || !found.bounded || found.alternatives) return;
        if (!found.waits && containsAwait(loop.body)) context.report({ loc: keyword(loop), messageId: 'noDelay' });
        else {
          const fixed = fixedDelayOf(loop.body, facts);
          if (fixed) reportFixedDelay(fixed);
        }
        return;
      }
      reportForeverLoop(loop, found.waits);
    };
    listeners.WhileStatement = handleLoop;
    listeners.DoWhileStatement = handleLoop;
    listeners.ForStatement = handleLoop;
    if (exponents) {
      // A power of two is backoff only where it feeds a delay on a retry path: bit masks (`1 << n`) are not.
      const checkExponent = (node: TSESTree.Node): void => {
        if (!isExponential(node)) return;
        const delay = delayFedBy(node, sourceCode);
        if (!delay || !onRetryPath(delay) || hasCeiling(node, facts)) return;
        // A delay helper whose exponent is its parameter (`backoff = (n, ms) => 2 ** n * ms`): its callers bound `n`.
        if (isFunctionNode(delay) && exponentIsParameter(node, delay, sourceCode)) return;
        context.report({ node, messageId: 'uncappedBackoff' });
      };
      listeners['BinaryExpression[operator="**"]'] = checkExponent;
      listeners['BinaryExpression[operator="<<"]'] = checkExponent;
      listeners['CallExpression[callee.property.name="pow"]'] = checkExponent;
    }
    if (swrSignal && facts.imports.importsAny(SWR_SOURCES)) addSwrListeners();
    // SWR's `onErrorRetry`, wherever it is written: custom hooks pass their options on to `useSWR`.
    // `onErrorRetry` begins with a RETRY_FILE_SIGNAL word matched at its start (`onError`), so none is before the first match.
    if (cheap !== null && text.includes('onErrorRetry', cheap.index)) {
      listeners['Property[key.name="onErrorRetry"]'] = (node: TSESTree.Property) => {
        const value = unwrap(node.value);
        const fn = isFunctionNode(value) ? value : value.type === AST_NODE_TYPES.Identifier ? localFunction(value, sourceCode) : null;
        if (!fn || !retriesForever(fn)) return;
        // A development-only handler (`if (process.env.NODE_ENV !== 'development') return {}`) never runs in production.
        if (isDevelopmentOnly(node, facts.constants)) return;
        context.report({ node, messageId: 'alwaysRetries', data: { library: 'SWR', option: 'onErrorRetry' } });
      };
    }
    return listeners;

    /** A retry loop with no bound: reported unless it waits and can be stopped (then only with `reportStoppableRetries`). */
    function reportForeverLoop(loop: Loop, waits: boolean): void {
      if (allowCappedForever && cappedAndAbortable(loop)) return;
      if (!reportStoppable && waits && stoppableLoop(loop)) return;
      context.report({ loc: keyword(loop), messageId: 'retryLoop', data: { loop: loopLabel(loop) } });
    }

    /** SWR hooks and `<SWRConfig>` keeping the default retry, decided at the end of the file. */
    function addSwrListeners(): void {
      const hooks: TSESTree.CallExpression[] = [];
      const configs: TSESTree.JSXOpeningElement[] = [];
      // An `<SWRConfig>` of this file that sets the retry, or cannot be read.
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
        if (configured || (hooks.length === 0 && configs.length === 0)) return;
        // Where the app configures SWR: an `<SWRConfig>` of another file that sets the retry bounds
        // every hook; one that does not is reported there, once, not on every hook.
        const here = path.resolve(facts.filename);
        const project = swrProjectOf(facts.filename);
        if (project.boundedFiles.some((file) => file !== here)) return;
        if (configs.length === 0 && !project.configFiles.some((file) => file !== here)) {
          for (const hook of hooks) context.report({ node: hook.callee, messageId: 'swrDefaultRetry', data: { hook: `${sourceCode.getText(hook.callee)}()` } });
        }
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
      for (const finding of optionFindingsOf(node, facts, optionSettings)) reportOption(finding);
    }

    /** With type information, a `.catch()` receiver that is not a Promise is not a retry path. */
    function isPromise(promise: TSESTree.Node | null): boolean {
      if (!promise) return true;
      const names = facts.types?.typeNames(promise);
      if (!names || names.size === 0) return true;
      return names.has('Promise') || names.has('PromiseLike') || names.has('Thenable');
    }

    function reportHelper(found: HelperRetry): void {
      if (found.path.kind === 'error-event') {
        context.report({ node: found.node, messageId: 'reconnect', data: { name: found.name, event: `\`${found.path.event ?? 'close'}\`` } });
        return;
      }
      const where = found.path.kind === 'catch' ? 'its `catch` block' : 'a `.catch()` handler';
      context.report({ node: found.node, messageId: 'recursion', data: { name: found.name, path: `${where} through \`${found.helper}()\`` } });
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
 * Where a power of two ends up when it feeds a delay, through arithmetic, `Math.*` calls and
 * conditionals: the amount of a delay call (`setTimeout(fn, 500 * 2 ** n)`, `sleep(...)`), a
 * variable passed as one (`const delay = ...; await sleep(delay)`), a delay-named variable,
 * property or returning function (`retryDelay: (n) => 1000 * 2 ** n`, `function backoff(n)`).
 * Null for anything else: bit masks, sizes, hashes.
 */
function delayFedBy(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): TSESTree.Node | null {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.UnaryExpression:
        continue;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (isDelayCall(current) && delayAmountOf(current) === child) return current;
        const callee = unwrap(current.callee);
        // `Math.min(...)`, `Math.round(...)`: still the same amount.
        if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Math') continue;
        return null;
      }
      case AST_NODE_TYPES.VariableDeclarator: {
        if (current.init !== child || current.id.type !== AST_NODE_TYPES.Identifier) return null;
        if (DELAY_NAME.test(current.id.name)) return current;
        if (depth > 0) return null;
        for (const reference of sourceCode.getDeclaredVariables(current)[0]?.references ?? []) {
          if (reference.init) continue;
          const fed = delayFedBy(reference.identifier, sourceCode, depth + 1);
          if (fed) return fed;
        }
        return null;
      }
      case AST_NODE_TYPES.AssignmentExpression: {
        const target = current.left.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(current.left) : current.left.type === AST_NODE_TYPES.Identifier ? current.left.name : null;
        return current.right === child && target !== null && DELAY_NAME.test(target) ? current : null;
      }
      case AST_NODE_TYPES.Property: {
        const key = staticKeyName(current);
        return current.value === child && key !== null && DELAY_NAME.test(key) ? current : null;
      }
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ArrowFunctionExpression: {
        if (current.type === AST_NODE_TYPES.ArrowFunctionExpression && current.body !== child) return null;
        const fn = current.type === AST_NODE_TYPES.ArrowFunctionExpression ? current : enclosingFunctionOf(current);
        const name = fn ? functionName(fn) : null;
        return fn && name !== null && (DELAY_NAME.test(name) || RETRY_CONTEXT.test(name)) ? fn : null;
      }
      default:
        return null;
    }
  }
  return null;
}

/** The delay belongs to a retry: it waits in a `catch`, a loop, or a function or option named for retries. */
function onRetryPath(delay: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = delay; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.CatchClause:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForOfStatement:
        return true;
      case AST_NODE_TYPES.Property:
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.MethodDefinition: {
        const key = staticKeyName(current);
        if (key !== null && RETRY_CONTEXT.test(key)) return true;
        break;
      }
      default:
        if (isFunctionNode(current)) {
          const name = functionName(current);
          if (name !== null && RETRY_CONTEXT.test(name)) return true;
          if (callbackRole(current)?.kind === 'promise-catch') return true;
        }
    }
  }
  return false;
}

/** Whether every variable of the exponent is a parameter of `fn`. */
function exponentIsParameter(node: TSESTree.Node, fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const power = node.type === AST_NODE_TYPES.CallExpression ? node.arguments[1] : node.type === AST_NODE_TYPES.BinaryExpression ? node.right : undefined;
  if (!power) return false;
  const parameters = new Set(sourceCode.getDeclaredVariables(fn).filter((variable) => variable.defs.some((definition) => definition.type === TSESLint.Scope.DefinitionType.Parameter)));
  // A holder: the flags are written from inside the walk's callback.
  const found = { parameter: false, other: false };
  walk(power, (inner) => {
    if (inner.type !== AST_NODE_TYPES.Identifier || (inner.parent.type === AST_NODE_TYPES.MemberExpression && inner.parent.property === inner)) return;
    const variable = variableOf(sourceCode, inner);
    if (variable && parameters.has(variable)) found.parameter = true;
    else found.other = true;
  });
  return found.parameter && !found.other;
}

function enclosingFunctionOf(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return null;
}

/** `function backoff()`, `const retryDelay = () => ...`, `{ retryDelay: (n) => ... }`, a method's key. */
function functionName(fn: FunctionNode): string | null {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) return staticKeyName(parent);
  return null;
}

/**
 * A ceiling anywhere in the enclosing function: `Math.min(...)`, a comparison with a max or cap,
 * or an exponent that is itself compared (a bounded attempt count) with a bound that keeps the
 * delay under `setTimeout`'s limit (`attempt < attempts`, `attempts = options.attempts ?? 3`:
 * 3 is small; an unknown bound is taken as small).
 */
function hasCeiling(node: TSESTree.Node, facts: FileFacts): boolean {
  const power = node.type === AST_NODE_TYPES.CallExpression ? node.arguments[1] : node.type === AST_NODE_TYPES.BinaryExpression ? node.right : undefined;
  // The variables of the exponent: `attempt` in `2 ** attempt` and in `2 ** (attempt - 1)`.
  const exponents = new Set<string>();
  if (power) {
    walk(power, (inner) => {
      if (inner.type === AST_NODE_TYPES.Identifier && !(inner.parent.type === AST_NODE_TYPES.MemberExpression && inner.parent.property === inner)) exponents.add(inner.name);
    });
  }
  const base = baseOf(node, facts);
  // The function that holds the retry: callbacks (`new Promise((r) => setTimeout(r, ...))`) are climbed through.
  let region: TSESTree.Node = node;
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) {
      region = current;
      if (current.parent.type !== AST_NODE_TYPES.CallExpression && current.parent.type !== AST_NODE_TYPES.NewExpression) break;
    }
  }
  // A holder: the flag is written from inside the walk's callback.
  const found = { ceiling: false };
  walk(region, (candidate) => {
    if (found.ceiling) return;
    if (candidate.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(candidate.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier) {
        if (callee.property.name === 'min' && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Math') found.ceiling = true;
      }
    }
    if (candidate.type !== AST_NODE_TYPES.BinaryExpression || !/^[<>]=?$/u.test(candidate.operator)) return;
    const left = unwrap(candidate.left);
    const right = unwrap(candidate.right);
    const exponentSide = [left, right].find((side) => side.type === AST_NODE_TYPES.Identifier && exponents.has(side.name));
    if (exponentSide) {
      // A compared exponent is a bounded attempt count (`attempt >= 5`): the delay stays small unless the bound is large.
      const bound = numberOf(exponentSide === left ? right : left, facts, 0);
      if (bound === null || base * 2 ** bound <= MAX_TIMER_DELAY) found.ceiling = true;
    } else if ([left, right].some((side) => side.type === AST_NODE_TYPES.Identifier && /max|cap|ceil|limit/iu.test(side.name))) {
      // `delay > maxDelay ? maxDelay : delay`
      found.ceiling = true;
    }
  });
  return found.ceiling;
}

/** The factor of a power of two (`1000` in `1000 * 2 ** n`), or 1. */
function baseOf(node: TSESTree.Node, facts: FileFacts): number {
  const parent = node.parent;
  if (parent?.type !== AST_NODE_TYPES.BinaryExpression || parent.operator !== '*') return 1;
  const other = parent.left === node ? parent.right : parent.left;
  return numberOf(other, facts, 0) ?? 1;
}

/** A number known statically, also the fallback of `options.attempts ?? MAX_ATTEMPTS` (a default). */
function numberOf(node: TSESTree.Node, facts: FileFacts, depth: number): number | null {
  const value = facts.constants.value(node)?.value;
  if (typeof value === 'number') return value;
  const target = unwrap(node);
  if (depth > 3) return null;
  if (target.type === AST_NODE_TYPES.LogicalExpression && target.operator !== '&&') return numberOf(target.right, facts, depth + 1);
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(facts.sourceCode, target);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  const declarator = definition?.node as TSESTree.Node | undefined;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init) return numberOf(declarator.init, facts, depth + 1);
  return null;
}
