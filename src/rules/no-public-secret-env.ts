import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { contains, staticKeyName, unwrap } from '../analysis/ast.js';
import { type EnvRead, envReadOfMember, envReadsOfImport, envReadsOfPattern } from '../analysis/env.js';
import { type FileFacts, getFileFacts } from '../analysis/file-facts.js';
import { matchesFrom } from '../analysis/text-signals.js';
import { BROWSER_ESCAPE_HATCH, BROWSER_KEY_SLOTS, ENV_OR_TOKEN_SIGNAL, ENV_SIGNAL, FRONTEND_ENTRIES, type PublicPrefix, SERVER_PLACES, TOKEN_SIGNAL, WEBPACK_SOURCES } from '../knowledge/env.js';
import { createRule } from '../util/create-rule.js';
import { clientComponentModule, propReads } from './no-public-secret-env/boundary.js';
import { type ConfigContext, type ConfigFinding, checkDefines, checkEnvironmentPlugin, checkEnvPrefix, checkExposed } from './no-public-secret-env/config.js';
import { NameClassifier, type NameVerdict } from './no-public-secret-env/names.js';
import { findToken, type FoundToken } from './no-public-secret-env/tokens.js';

export type Options = [
  {
    checkClientModules?: boolean;
    checkServerToClientProps?: boolean;
    publicNames?: string[];
    publicPrefixes?: string[];
    reportAmbiguousNames?: boolean;
    secretNames?: string[];
  },
];

export type MessageIds =
  | 'browserSdkKey'
  | 'configExposesAllEnv'
  | 'configExposesSecret'
  | 'emptyEnvPrefix'
  | 'hardcodedSecret'
  | 'publicSecret'
  | 'renameToServerVariable'
  | 'secretPropToClient'
  | 'serverSecretInClient';

/** A finding on an env read, decided at the end of the file (a browser SDK finding replaces it). */
interface ReadFinding {
  readonly read: EnvRead;
  readonly messageId: 'browserSdkKey' | 'publicSecret' | 'serverSecretInClient';
  readonly data: Readonly<Record<string, string>>;
  readonly node: TSESTree.Node;
}

const NEXT_CONFIG = /(?:^|[/\\])next\.config\.[cm]?[jt]s$/u;
const VITE_CONFIG = /(?:^|[/\\])vite\.config\.[cm]?[jt]s$/u;
const NUXT_CONFIG = /(?:^|[/\\])nuxt\.config\.[cm]?[jt]s$/u;
const CLIENT_FILE = /\.client\.[cm]?[jt]sx?$/u;
/** A server component's secret comes from `process.env` (Next.js) or `import.meta.env` (Vite RSC). */
const SERVER_ENV_READ = /process\.env|import\.meta\.env|\benv\b/u;
const ENV_NAME = /^[A-Za-z_]\w*$/u;
/** How environment variables are named (`STRIPE_SECRET_KEY`): a member of an env object read under another name. */
const UPPER_SNAKE_NAME = /^[A-Z][A-Z0-9_]*$/u;

/** How a value reaches the browser, and the fix that fits the framework that sends it there. */
interface Publication {
  /** Who sends it to the browser: a sentence without its final period. */
  readonly exposure: string;
  /** The first step of the fix: how to make the value private again. */
  readonly unpublish: string;
  /** Where the secret belongs instead (`SERVER_PLACES`). */
  readonly server: string;
}

const SOURCE_PUBLICATION: Readonly<Record<EnvRead['source'], Publication | null>> = {
  'process.env': null,
  'import.meta.env': null,
  '$env/static/public': {
    exposure: 'SvelteKit inlines `$env/static/public` into the client bundle',
    unpublish: 'import it from `$env/static/private` instead',
    server: SERVER_PLACES.sveltekit,
  },
  '$env/dynamic/public': {
    exposure: 'SvelteKit sends `$env/dynamic/public` to the browser',
    unpublish: 'import it from `$env/dynamic/private` instead',
    server: SERVER_PLACES.sveltekit,
  },
  'useRuntimeConfig().public': {
    exposure: 'Nuxt sends `runtimeConfig.public` to the browser',
    unpublish: 'move it out of `runtimeConfig.public`',
    server: SERVER_PLACES.nuxt,
  },
};

/** A module that runs in the browser: why the rule thinks so, and where its secrets belong instead. */
interface ClientFile {
  readonly reason: string;
  readonly server: string;
}

export default createRule<Options, MessageIds>({
  name: 'no-public-secret-env',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow server secrets in environment variables, config and code that reach the browser bundle',
      category: 'security',
      cwe: ['CWE-200', 'CWE-522', 'CWE-798'],
      recommended: { recommended: true, strict: [{ checkClientModules: true, checkServerToClientProps: true, reportAmbiguousNames: true }] },
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      publicSecret:
        '`{{variable}}` {{why}} and reaches the browser: {{unpublish}}, use it only in {{server}}, and rotate it. {{exposure}}.',
      browserSdkKey:
        '`{{sdk}}` runs in the browser (`dangerouslyAllowBrowser`) with `{{variable}}`: call it from {{server}} with an unprefixed key, and rotate the key. {{exposure}}.',
      serverSecretInClient:
        '`{{variable}}` {{why}} but is read in browser code ({{client}}): read it in {{server}} and send the browser only the result. A public prefix would publish it.',
      secretPropToClient:
        "`{{variable}}` {{why}} and goes to the browser as the `{{prop}}` prop of `<{{component}}>`: use it here on the server and pass only the result. React serialises the props of client components (`{{module}}`) into the page.",
      configExposesSecret:
        '{{config}} puts `{{variable}}` ({{why}}) into the browser bundle: remove it, use it only in {{server}}, and rotate it.',
      configExposesAllEnv:
        '{{config}} inlines the whole environment, secrets included, into the browser bundle: define only the public variables the browser needs, one by one.',
      emptyEnvPrefix:
        "`envPrefix: ''` makes every environment variable public, secrets included: keep a prefix such as `VITE_` and expose only what the browser needs.",
      hardcodedSecret:
        'This string contains a {{provider}} {{what}}: rotate it with {{provider}} now, and load it from a secret manager or a server-side environment variable.',
      renameToServerVariable:
        'Read `{{name}}` instead (and rename the variable where it is set), so that no framework inlines it.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkClientModules: {
            type: 'boolean',
            description:
              "Also report secrets without a public prefix read in code that runs in the browser: `'use client'` modules, `*.client.*` files, and front-end entries (modules that import `react-dom/client`, or mount an app with `ReactDOM.render`/`hydrate`, Vue `createApp(...).mount`, Solid, Preact or Svelte 5 `render`/`mount`/`hydrate`).",
          },
          checkServerToClientProps: {
            type: 'boolean',
            description:
              "Also report server secrets (no public prefix) that a server component passes as a JSX prop, directly or through a local `const`, to a component imported from a `'use client'` module: the prop is serialised into the page for the browser. The imported module is read from disk for relative imports (and through the type checker for path aliases); when it cannot be read, nothing is reported.",
          },
          publicNames: {
            type: 'array',
            items: { type: 'string', minLength: 1, format: 'regex' },
            uniqueItems: true,
            description:
              'Regular expressions (strings, `u` flag) for variable names that are public by design: a match is never reported. Tested against the whole name, prefix included (`^NEXT_PUBLIC_ACME_`).',
          },
          publicPrefixes: {
            type: 'array',
            items: { type: 'string', minLength: 1, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
            uniqueItems: true,
            description:
              'Extra prefixes your build inlines into client code (a custom Vite `envPrefix`, a webpack setup), besides `NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `PUBLIC_`, `EXPO_PUBLIC_`, `NUXT_PUBLIC_`, `GATSBY_`, `VUE_APP_` and `STORYBOOK_`.',
          },
          reportAmbiguousNames: {
            type: 'boolean',
            description:
              'Also report public keys and tokens of no known provider (`NEXT_PUBLIC_APP_KEY`, `VITE_API_TOKEN`) and provider keys that may be publishable (`NEXT_PUBLIC_STRIPE_KEY`).',
          },
          secretNames: {
            type: 'array',
            items: { type: 'string', minLength: 1, format: 'regex' },
            uniqueItems: true,
            description:
              'Regular expressions (strings, `u` flag) for variable names that are secrets in your project, tested against the whole name (`_SIGNING_SALT$`). `publicNames` wins over `secretNames`.',
          },
        },
      },
    ],
    defaultOptions: [{ checkClientModules: false, checkServerToClientProps: false, publicNames: [], publicPrefixes: [], reportAmbiguousNames: false, secretNames: [] }],
  },
  create(context, [options]) {
    // The file's facts hold what the rule reads from `context`: each read of a rule context costs.
    const facts = getFileFacts(context);
    // Environment reads are only looked at in code the rules lint (hard-coded credentials in any file).
    const envAllowed = !facts.skippedByPath;
    // Every finding needs one of the two signals, or a framework config file: one scan for either
    // rejects most files, before any analysis.
    const first = (envAllowed ? ENV_OR_TOKEN_SIGNAL : TOKEN_SIGNAL).exec(facts.sourceCode.text);
    if (first === null && !facts.filename.includes('.config.')) return {};
    // The analysis, which a file turned away above never enters (see `createRule`).
    return listenersFor(context, options, facts, envAllowed, first);
  },
});

/** The rule's listeners for a file that passed the first look in `create`. */
function listenersFor(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  options: Options[0],
  facts: FileFacts,
  envAllowed: boolean,
  first: RegExpExecArray | null,
): TSESLint.RuleListener {
  const { sourceCode, filename } = facts;
  const text = sourceCode.text;
  const configFile = filename.includes('.config.');
  const isNextConfig = configFile && NEXT_CONFIG.test(filename);
  const isViteConfig = configFile && VITE_CONFIG.test(filename);
  const isNuxtConfig = configFile && NUXT_CONFIG.test(filename);
  const configName = isNextConfig || isViteConfig || isNuxtConfig;
  if (!configName && first === null) return {};
  // Neither signal matches before the union's first match: each is looked for from there.
  const envSignal = envAllowed && (configName || (first !== null && matchesFrom(ENV_SIGNAL, text, first.index)));
  const tokenSignal = first !== null && matchesFrom(TOKEN_SIGNAL, text, first.index);
  if (!envSignal && !tokenSignal) return {};

  const listeners: TSESLint.RuleListener = {};
  if (tokenSignal) {
    listeners.Literal = (node) => {
      if (typeof node.value === 'string') checkString(node, node.value);
    };
    listeners.TemplateElement = (node) => {
      checkString(node, node.value.cooked ?? node.value.raw);
    };
  }
  if (!envSignal) return listeners;

  // Outside production code (tests, seeds, stories, generated code) only a hard-coded live
  // credential is reported: it leaks from any file that is committed.
  if (!facts.servesProduction) return listeners;
  const classifier = classifierFor(options);
  const reportAmbiguous = options.reportAmbiguousNames === true;
  // Whether the file runs in the browser: worked out when an option or a rename suggestion asks.
  let clientFileValue: ClientFile | null | undefined;
  const clientFile = (): ClientFile | null => {
    if (clientFileValue === undefined) clientFileValue = clientFileOf(facts, filename);
    return clientFileValue;
  };
  const client = options.checkClientModules === true ? clientFile() : null;
  const findings = new Map<TSESTree.Node, ReadFinding>();
  const configSites: TSESTree.Node[] = [];
  const escapeHatch = text.includes(BROWSER_ESCAPE_HATCH);
  const configContext: ConfigContext = { facts, classifier, reports: (name) => reportedWhy(classifier.classify(name)) };

  listeners.MemberExpression = (node) => {
    if (!mayBeEnvRead(node)) return;
    const read = envReadOfMember(node, facts);
    if (read) handleRead(read);
  };
  listeners.VariableDeclarator = (node) => {
    if (node.id.type === AST_NODE_TYPES.ObjectPattern && node.init) {
      for (const read of envReadsOfPattern(node.id, node.init, facts)) handleRead(read);
    }
  };
  listeners.ImportDeclaration = (node) => {
    for (const read of envReadsOfImport(node)) handleRead(read);
  };
  if (options.checkServerToClientProps === true && clientFile() === null && SERVER_ENV_READ.test(text)) {
    listeners.JSXAttribute = checkProp;
  }
  // webpack's plugins are named in the text wherever they are imported from; most files name neither.
  const webpackPlugins = text.includes('DefinePlugin') || text.includes('EnvironmentPlugin');
  if (webpackPlugins || escapeHatch) {
    listeners.NewExpression = (node) => {
      const ref = webpackPlugins ? facts.imports.resolve(node.callee) : null;
      if (ref && WEBPACK_SOURCES.includes(ref.source) && ref.path.length === 1 && node.arguments[0]) {
        const plugin = ref.path[0];
        const config = `\`new ${sourceCode.getText(node.callee)}()\``;
        if (plugin === 'DefinePlugin') reportConfig(checkDefines(node.arguments[0], configContext), config, SERVER_PLACES.unknown);
        if (plugin === 'EnvironmentPlugin') reportConfig(checkEnvironmentPlugin(node.arguments[0], configContext), config, SERVER_PLACES.unknown);
      }
      if (escapeHatch) checkBrowserSdk(node);
    };
  }
  if (isNextConfig || isViteConfig || isNuxtConfig) {
    listeners.Property = (node) => {
      const key = staticKeyName(node);
      if (isNextConfig && (key === 'env' || key === 'publicRuntimeConfig')) {
        reportConfig(checkExposed(node.value, configContext), `The next.config \`${key}\` option`, SERVER_PLACES.next);
      } else if (isViteConfig && key === 'define') {
        reportConfig(checkDefines(node.value, configContext), 'The Vite `define` option', SERVER_PLACES.backend);
      } else if (isViteConfig && key === 'envPrefix') {
        reportConfig(checkEnvPrefix(node.value, configContext), 'The Vite `envPrefix` option', SERVER_PLACES.backend);
      } else if (isNuxtConfig && key === 'public' && node.parent.parent.type === AST_NODE_TYPES.Property && staticKeyName(node.parent.parent) === 'runtimeConfig') {
        reportConfig(checkExposed(node.value, configContext), 'The Nuxt `runtimeConfig.public` option', SERVER_PLACES.nuxt);
      }
    };
  }
  listeners['Program:exit'] = () => {
    for (const finding of findings.values()) {
      if (configSites.some((site) => contains(site, finding.read.node))) continue;
      context.report({
        node: finding.node,
        messageId: finding.messageId,
        data: finding.data,
        suggest: renameSuggestion(finding),
      });
    }
  };
  return listeners;

  function handleRead(read: EnvRead): void {
    if (findings.has(read.node)) return;
    const prefix = read.source.startsWith('$env/') ? null : classifier.publicPrefixOf(read.name);
    const publication = publicationOf(read, prefix);
    const verdict = classifier.classify(read.name);
    const why = reportedWhy(verdict);
    if (why === null) return;
    // A key of no known provider passed where an API takes a browser key (`googleMapsApiKey`).
    if (verdict.kind === 'ambiguous' && passedToBrowserKeySlot(read.node)) return;
    if (publication !== null) {
      findings.set(read.node, { read, node: read.node, messageId: 'publicSecret', data: { variable: read.name, why, ...publication } });
    } else if (client !== null && (read.source === 'process.env' || read.source === 'import.meta.env')) {
      findings.set(read.node, { read, node: read.node, messageId: 'serverSecretInClient', data: { variable: read.name, why, client: client.reason, server: client.server } });
    }
  }

  /**
   * `useJsApiLoader({ googleMapsApiKey: process.env.NEXT_PUBLIC_GOOGLE_API_KEY as string })`, also
   * through a `const` used only there: the value goes where the API takes a browser key.
   */
  function passedToBrowserKeySlot(node: TSESTree.Node): boolean {
    const value = outermostValue(node);
    if (isBrowserKeySlot(value)) return true;
    const declarator = value.parent;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== value || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
    const references = sourceCode.getDeclaredVariables(declarator)[0]?.references.filter((reference) => !reference.init) ?? [];
    return references.length > 0 && references.every((reference) => isBrowserKeySlot(outermostValue(reference.identifier)));
  }

  /** `new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY, dangerouslyAllowBrowser: true })`. */
  function checkBrowserSdk(node: TSESTree.NewExpression): void {
    const argument = node.arguments[0];
    if (argument?.type !== AST_NODE_TYPES.ObjectExpression) return;
    const entries = facts.constants.objectEntries(argument)?.entries ?? [];
    const escape = entries.findLast((entry) => entry.key === BROWSER_ESCAPE_HATCH);
    const apiKey = entries.findLast((entry) => entry.key === 'apiKey');
    if (!escape || apiKey?.value.kind !== 'node' || apiKey.value.foreign) return;
    if (facts.constants.valueOf(escape.value)?.value !== true) return;
    const read = envReadAt(apiKey.value.node);
    if (!read) return;
    const prefix = read.source.startsWith('$env/') ? null : classifier.publicPrefixOf(read.name);
    const publication = publicationOf(read, prefix);
    if (publication === null || classifier.classify(read.name).kind === 'public') return;
    const sdk = sourceCode.getText(node.callee);
    const { exposure, server } = publication;
    findings.set(read.node, { read, node: apiKey.site, messageId: 'browserSdkKey', data: { variable: read.name, sdk, exposure, server } });
  }

  /** The env read an `apiKey` value is: in place, or a `const` initialised from one. */
  function envReadAt(node: TSESTree.Node): EnvRead | null {
    const resolved = facts.constants.resolve(node);
    const target = resolved.kind === 'node' && !resolved.foreign ? resolved.node : unwrap(node);
    return target.type === AST_NODE_TYPES.MemberExpression ? envReadOfMember(target, facts) : null;
  }

  /** `<CheckoutForm stripeKey={process.env.STRIPE_SECRET_KEY} />` in a server component. */
  function checkProp(node: TSESTree.JSXAttribute): void {
    const value = node.value;
    if (value?.type !== AST_NODE_TYPES.JSXExpressionContainer || value.expression.type === AST_NODE_TYPES.JSXEmptyExpression) return;
    const candidates = propReads(value.expression, facts).flatMap((found) => {
      const { read } = found;
      if (read.source !== 'process.env' && read.source !== 'import.meta.env') return [];
      if (classifier.publicPrefixOf(read.name)) return [];
      const why = reportedWhy(classifier.classify(read.name));
      return why === null ? [] : [{ ...found, why }];
    });
    if (candidates.length === 0) return;
    const element = node.parent.name;
    const module = clientComponentModule(element, facts);
    if (module === null) return;
    const component = sourceCode.getText(element);
    const prop = node.name.type === AST_NODE_TYPES.JSXIdentifier ? node.name.name : sourceCode.getText(node.name);
    for (const candidate of candidates) {
      context.report({
        node: candidate.node,
        messageId: 'secretPropToClient',
        data: { variable: candidate.read.name, why: candidate.why, prop, component, module },
      });
    }
  }

  function reportConfig(found: readonly ConfigFinding[], config: string, server: string): void {
    for (const finding of found) {
      configSites.push(finding.node);
      switch (finding.kind) {
        case 'secret':
          context.report({ node: finding.node, messageId: 'configExposesSecret', data: { config, variable: finding.variable, why: finding.why, server } });
          break;
        case 'all-env':
          context.report({ node: finding.node, messageId: 'configExposesAllEnv', data: { config } });
          break;
        case 'empty-prefix':
          context.report({ node: finding.node, messageId: 'emptyEnvPrefix' });
          break;
      }
    }
  }

  function checkString(node: TSESTree.Node, value: string): void {
    const token = findToken(value) ?? concatenatedPem(node, value);
    if (!token || onlyAPlaceholder(node)) return;
    context.report({ node, messageId: 'hardcodedSecret', data: { provider: token.provider, what: token.what } });
  }

  /** A PEM key built by concatenation (`'-----BEGIN ...-----\n' + 'MIIE...' + ...`): read as a whole. */
  function concatenatedPem(node: TSESTree.Node, value: string): FoundToken | null {
    if (!value.includes('-----BEGIN') || node.parent?.type !== AST_NODE_TYPES.BinaryExpression || node.parent.operator !== '+') return null;
    let top: TSESTree.BinaryExpression = node.parent;
    while (top.parent.type === AST_NODE_TYPES.BinaryExpression && top.parent.operator === '+') top = top.parent;
    const whole = ASTUtils.getStaticValue(top, sourceCode.getScope(top));
    return typeof whole?.value === 'string' && whole.value.length > value.length ? findToken(whole.value) : null;
  }

  /**
   * A string whose only use is a `placeholder` (a JSX attribute or an options property), directly
   * or through a `const`: sample text shown in an empty input, not a credential the code uses.
   */
  function onlyAPlaceholder(node: TSESTree.Node): boolean {
    const value = node.type === AST_NODE_TYPES.TemplateElement ? node.parent : node;
    if (isPlaceholderSlot(value)) return true;
    const declarator = value.parent;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== value || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
    const references = sourceCode.getDeclaredVariables(declarator)[0]?.references.filter((reference) => !reference.init) ?? [];
    return references.length > 0 && references.every((reference) => isPlaceholderSlot(reference.identifier));
  }

  /**
   * The rename suggestion: only for `process.env.X` / `process.env['X']` outside browser code and
   * outside config files, where the server reads the unprefixed variable as it read the old one.
   */
  function renameSuggestion(finding: ReadFinding): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
    const { read } = finding;
    const key = read.key;
    if (finding.messageId !== 'publicSecret' || !key || isNextConfig || isViteConfig || isNuxtConfig) return [];
    if (clientFile() !== null) return [];
    const prefix = classifier.publicPrefixOf(read.name);
    if (!prefix) return [];
    const name = read.name.slice(prefix.prefix.length);
    const replacement = key.type === AST_NODE_TYPES.Identifier ? name : `${key.raw[0] ?? "'"}${name}${key.raw[0] ?? "'"}`;
    return [{ messageId: 'renameToServerVariable', data: { name }, fix: (fixer) => fixer.replaceText(key, replacement) }];
  }

  function reportedWhy(verdict: NameVerdict): string | null {
    if (verdict.kind === 'secret') return verdict.why;
    if (verdict.kind === 'ambiguous' && reportAmbiguous) return verdict.why;
    return null;
  }
}

/** The expression a value ends up as through `as`, `!`, `??`/`||` fallbacks and optional chains. */
function outermostValue(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    const wraps =
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator !== '&&');
    if (!wraps) break;
  }
  return current;
}

/** The value of a property or JSX attribute that takes a browser key (`BROWSER_KEY_SLOTS`). */
function isBrowserKeySlot(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.Property) {
    const key = staticKeyName(parent);
    return parent.value === node && key !== null && BROWSER_KEY_SLOTS.has(key);
  }
  if (parent?.type === AST_NODE_TYPES.JSXExpressionContainer && parent.parent.type === AST_NODE_TYPES.JSXAttribute) {
    const name = parent.parent.name;
    return name.type === AST_NODE_TYPES.JSXIdentifier && BROWSER_KEY_SLOTS.has(name.name);
  }
  return false;
}

/** `placeholder="..."`, `placeholder={value}`, `{ placeholder: value }`. */
function isPlaceholderSlot(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.JSXAttribute) return parent.value === node && isPlaceholderName(parent);
  if (parent.type === AST_NODE_TYPES.JSXExpressionContainer) {
    return parent.parent.type === AST_NODE_TYPES.JSXAttribute && isPlaceholderName(parent.parent);
  }
  return parent.type === AST_NODE_TYPES.Property && parent.value === node && staticKeyName(parent) === 'placeholder';
}

function isPlaceholderName(attribute: TSESTree.JSXAttribute): boolean {
  return attribute.name.type === AST_NODE_TYPES.JSXIdentifier && attribute.name.name === 'placeholder';
}

function isUpperAscii(code: number): boolean {
  return code >= 65 && code <= 90;
}

/** A cheap shape test before any scope work: `x.env.NAME`, `x.public.name`, `env.NAME`. */
function mayBeEnvRead(node: TSESTree.MemberExpression): boolean {
  const object = node.object;
  if (object.type === AST_NODE_TYPES.Identifier) {
    const name = staticKeyName(node);
    // Most member names start in lower case: their first letter rejects them before the expression.
    return name !== null && isUpperAscii(name.charCodeAt(0)) && UPPER_SNAKE_NAME.test(name);
  }
  if (object.type !== AST_NODE_TYPES.MemberExpression || object.property.type !== AST_NODE_TYPES.Identifier) return false;
  const name = staticKeyName(node);
  return (object.property.name === 'env' || object.property.name === 'public') && name !== null && ENV_NAME.test(name);
}

/** How the value reaches the browser and the fix for that framework, or null when nothing inlines it. */
function publicationOf(read: EnvRead, prefix: PublicPrefix | null): Publication | null {
  const bySource = SOURCE_PUBLICATION[read.source];
  if (bySource !== null) return bySource;
  if (prefix === null) return null;
  return {
    exposure: `The \`${prefix.prefix}\` prefix makes ${prefix.framework} inline it into the JavaScript bundle`,
    unpublish: `drop the \`${prefix.prefix}\` prefix`,
    server: prefix.server,
  };
}

/**
 * Why a file runs in the browser, for the message, and where its secrets belong instead: a
 * `'use client'` module is Next.js's, a front-end entry is a client-only app's (Vite, CRA); null
 * when it may not run in the browser.
 */
function clientFileOf(facts: FileFacts, filename: string): ClientFile | null {
  if (facts.isClientModule) return { reason: "a `'use client'` module", server: SERVER_PLACES.next };
  if (CLIENT_FILE.test(filename)) return { reason: 'a `*.client.*` file', server: SERVER_PLACES.unknown };
  if (facts.imports.imports('react-dom/client')) return { reason: 'a front-end entry importing `react-dom/client`', server: SERVER_PLACES.backend };
  const mount = frontEndMount(facts);
  if (mount !== null) return { reason: `a front-end entry calling \`${mount}\``, server: SERVER_PLACES.backend };
  return null;
}

/**
 * A top-level call that mounts an app into the DOM, which only a browser entry does:
 * `ReactDOM.render(<App />, root)`, `createApp(App).use(router).mount('#app')`,
 * `render(() => <App />, root)` (Solid), `mount(App, { target })` (Svelte 5). Only imports of
 * these libraries are looked at, and only top-level statements: no traversal.
 */
function frontEndMount(facts: FileFacts): string | null {
  if (!facts.imports.importsAny(FRONTEND_ENTRIES.map((entry) => entry.source))) return null;
  for (const statement of facts.program.body) {
    const expressions: TSESTree.Node[] = [];
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.ExpressionStatement) expressions.push(declaration.expression);
    else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) if (declarator.init) expressions.push(declarator.init);
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) expressions.push(statement.declaration);
    for (const expression of expressions) {
      const found = mountCall(expression, facts);
      if (found !== null) return found;
    }
  }
  return null;
}

function mountCall(node: TSESTree.Node, facts: FileFacts): string | null {
  let current = unwrap(node);
  if (current.type === AST_NODE_TYPES.AwaitExpression) current = unwrap(current.argument);
  const chain: string[] = [];
  // `createApp(App).use(router).mount('#app')`: walk down the method chain to the first call.
  for (let depth = 0; depth < 8 && current.type === AST_NODE_TYPES.CallExpression; depth++) {
    const callee = unwrap(current.callee);
    const ref = facts.imports.resolve(callee);
    if (ref) {
      const entry = FRONTEND_ENTRIES.find((candidate) => candidate.source === ref.source && candidate.path.join('.') === ref.path.join('.'));
      if (entry && (entry.then === undefined || chain.includes(entry.then))) return entry.label;
      return null;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = staticKeyName(callee);
    if (method !== null) chain.push(method);
    current = unwrap(callee.object);
  }
  return null;
}

const classifiers = new WeakMap<object, NameClassifier>();

/** One classifier (and its memo) per option set: the merged options object is shared by every file. */
function classifierFor(options: Options[0]): NameClassifier {
  let classifier = classifiers.get(options);
  if (!classifier) {
    classifier = new NameClassifier({
      publicPrefixes: options.publicPrefixes ?? [],
      secretNames: options.secretNames ?? [],
      publicNames: options.publicNames ?? [],
    });
    classifiers.set(options, classifier);
  }
  return classifier;
}
