import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { contains, staticKeyName, unwrap } from '../analysis/ast.js';
import { type EnvRead, envReadOfMember, envReadsOfImport, envReadsOfPattern } from '../analysis/env.js';
import { type FileFacts, getFileFacts } from '../analysis/file-facts.js';
import { BROWSER_ESCAPE_HATCH, BROWSER_KEY_SLOTS, FRONTEND_ENTRIES, TOKEN_SIGNAL, WEBPACK_SOURCES } from '../knowledge/env.js';
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

const ENV_SIGNAL = /\benv\b|useRuntimeConfig|dangerouslyAllowBrowser|DefinePlugin|EnvironmentPlugin|envPrefix/u;
const NEXT_CONFIG = /(?:^|[/\\])next\.config\.[cm]?[jt]s$/u;
const VITE_CONFIG = /(?:^|[/\\])vite\.config\.[cm]?[jt]s$/u;
const NUXT_CONFIG = /(?:^|[/\\])nuxt\.config\.[cm]?[jt]s$/u;
const CLIENT_FILE = /\.client\.[cm]?[jt]sx?$/u;
/** A server component's secret comes from `process.env` (Next.js) or `import.meta.env` (Vite RSC). */
const SERVER_ENV_READ = /process\.env|import\.meta\.env|\benv\b/u;
const ENV_NAME = /^[A-Za-z_]\w*$/u;

const SOURCE_EXPOSURE: Readonly<Record<EnvRead['source'], string | null>> = {
  'process.env': null,
  'import.meta.env': null,
  '$env/static/public': 'SvelteKit inlines `$env/static/public` into the client bundle',
  '$env/dynamic/public': 'SvelteKit sends `$env/dynamic/public` to the browser',
  'useRuntimeConfig().public': 'Nuxt sends `runtimeConfig.public` to the browser',
};

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
        "`{{variable}}` {{why}}, but {{exposure}}: every visitor can read it from your site's JavaScript and use it. Drop the public prefix and read it only in server code (an API route, Route Handler or server action), then rotate the value; if the browser needs a key, use the provider's publishable key instead.",
      browserSdkKey:
        "`{{variable}}` is passed as `apiKey` to `{{sdk}}` with `dangerouslyAllowBrowser: true`, and {{exposure}}: every visitor gets your API key and can spend on your account. Call the API from server code with an unprefixed variable, and rotate the key.",
      serverSecretInClient:
        "`{{variable}}` {{why}} and is read in {{client}}, which runs in the browser: it is undefined there, and the usual fix, adding a public prefix, publishes it to every visitor. Read it in server code (an API route, Route Handler or server action) and send the browser only the result.",
      secretPropToClient:
        "`{{variable}}` {{why}} and is passed as the `{{prop}}` prop to `<{{component}}>`, a client component from `'use client'` module `{{module}}`: React serialises every prop of a client component into the page it sends to the browser, so every visitor can read the secret in the page source. Use the secret on the server (in this server component, a Route Handler or a server action) and pass the client component only the result.",
      configExposesSecret:
        "{{config}} puts `{{variable}}` ({{why}}) into the client bundle, where every visitor can read it. Remove it from there, read it only in server code, and rotate the value.",
      configExposesAllEnv:
        "{{config}} inlines the whole environment into the bundle: every secret of the build machine (database URLs, API keys) ships to the browser. Define only the public variables the browser needs, one by one.",
      emptyEnvPrefix:
        "`envPrefix: ''` makes every environment variable public: all of them (database URLs, API keys) would be inlined into `import.meta.env` in the browser bundle. Keep a prefix such as `VITE_` and expose only what the browser needs.",
      hardcodedSecret:
        'This string contains a {{provider}} {{what}}. A credential in source code is readable by everyone with access to the repository, its history and the built files. Rotate it with {{provider}} now, then load it from a secret manager or a server-side environment variable.',
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
    const { sourceCode, filename } = context;
    const text = sourceCode.text;
    const isNextConfig = NEXT_CONFIG.test(filename);
    const isViteConfig = VITE_CONFIG.test(filename);
    const isNuxtConfig = NUXT_CONFIG.test(filename);
    const envSignal = isNextConfig || isViteConfig || isNuxtConfig || ENV_SIGNAL.test(text);
    const tokenSignal = TOKEN_SIGNAL.test(text);
    // Every finding needs one of these signals; most files are rejected here, before any analysis.
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

    const facts = getFileFacts(context);
    // Outside production code (tests, seeds, stories, generated code) only a hard-coded live
    // credential is reported: it leaks from any file that is committed.
    if (!facts.servesProduction) return listeners;
    const classifier = classifierFor(options);
    const reportAmbiguous = options.reportAmbiguousNames === true;
    const client = options.checkClientModules === true ? clientReason(facts, filename) : null;
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
    if (options.checkServerToClientProps === true && clientReason(facts, filename) === null && SERVER_ENV_READ.test(text)) {
      listeners.JSXAttribute = checkProp;
    }
    listeners.NewExpression = (node) => {
      const ref = facts.imports.resolve(node.callee);
      if (ref && WEBPACK_SOURCES.includes(ref.source) && ref.path.length === 1 && node.arguments[0]) {
        const plugin = ref.path[0];
        const config = `\`new ${sourceCode.getText(node.callee)}()\``;
        if (plugin === 'DefinePlugin') reportConfig(checkDefines(node.arguments[0], configContext), config);
        if (plugin === 'EnvironmentPlugin') reportConfig(checkEnvironmentPlugin(node.arguments[0], configContext), config);
      }
      if (escapeHatch) checkBrowserSdk(node);
    };
    if (isNextConfig || isViteConfig || isNuxtConfig) {
      listeners.Property = (node) => {
        const key = staticKeyName(node);
        if (isNextConfig && (key === 'env' || key === 'publicRuntimeConfig')) {
          reportConfig(checkExposed(node.value, configContext), `The next.config \`${key}\` option`);
        } else if (isViteConfig && key === 'define') {
          reportConfig(checkDefines(node.value, configContext), 'The Vite `define` option');
        } else if (isViteConfig && key === 'envPrefix') {
          reportConfig(checkEnvPrefix(node.value, configContext), 'The Vite `envPrefix` option');
        } else if (isNuxtConfig && key === 'public' && node.parent.parent.type === AST_NODE_TYPES.Property && staticKeyName(node.parent.parent) === 'runtimeConfig') {
          reportConfig(checkExposed(node.value, configContext), 'The Nuxt `runtimeConfig.public` option');
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
      const exposure = exposureOf(read, prefix?.prefix ?? null, prefix?.framework ?? null);
      const verdict = classifier.classify(read.name);
      const why = reportedWhy(verdict);
      if (why === null) return;
      // A key of no known provider passed where an API takes a browser key (`googleMapsApiKey`).
      if (verdict.kind === 'ambiguous' && passedToBrowserKeySlot(read.node)) return;
      if (exposure !== null) {
        findings.set(read.node, { read, node: read.node, messageId: 'publicSecret', data: { variable: read.name, why, exposure } });
      } else if (client !== null && (read.source === 'process.env' || read.source === 'import.meta.env')) {
        findings.set(read.node, { read, node: read.node, messageId: 'serverSecretInClient', data: { variable: read.name, why, client } });
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
      const exposure = exposureOf(read, prefix?.prefix ?? null, prefix?.framework ?? null);
      if (exposure === null || classifier.classify(read.name).kind === 'public') return;
      const sdk = sourceCode.getText(node.callee);
      findings.set(read.node, { read, node: apiKey.site, messageId: 'browserSdkKey', data: { variable: read.name, sdk, exposure } });
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

    function reportConfig(found: readonly ConfigFinding[], config: string): void {
      for (const finding of found) {
        configSites.push(finding.node);
        switch (finding.kind) {
          case 'secret':
            context.report({ node: finding.node, messageId: 'configExposesSecret', data: { config, variable: finding.variable, why: finding.why } });
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
      if (clientReason(facts, filename) !== null) return [];
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
  },
});

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

/** A cheap shape test before any scope work: `x.env.NAME`, `x.public.name`, `env.NAME`. */
function mayBeEnvRead(node: TSESTree.MemberExpression): boolean {
  const object = node.object;
  if (object.type === AST_NODE_TYPES.Identifier) {
    const name = staticKeyName(node);
    return name !== null && /^[A-Z][A-Z0-9_]*$/u.test(name);
  }
  if (object.type !== AST_NODE_TYPES.MemberExpression || object.property.type !== AST_NODE_TYPES.Identifier) return false;
  const name = staticKeyName(node);
  return (object.property.name === 'env' || object.property.name === 'public') && name !== null && ENV_NAME.test(name);
}

/** How the value reaches the browser, or null when nothing inlines it. */
function exposureOf(read: EnvRead, prefix: string | null, framework: string | null): string | null {
  const bySource = SOURCE_EXPOSURE[read.source];
  if (bySource !== null) return bySource;
  if (prefix === null || framework === null) return null;
  return `its \`${prefix}\` prefix makes ${framework} inline it into the JavaScript bundle`;
}

/** Why a file runs in the browser, for the message; null when it may not. */
function clientReason(facts: FileFacts, filename: string): string | null {
  if (facts.isClientModule) return "a `'use client'` module";
  if (CLIENT_FILE.test(filename)) return 'a `*.client.*` file';
  if (facts.imports.imports('react-dom/client')) return 'a front-end entry (it imports `react-dom/client`)';
  const mount = frontEndMount(facts);
  if (mount !== null) return `a front-end entry (it mounts the app with \`${mount}\`)`;
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
