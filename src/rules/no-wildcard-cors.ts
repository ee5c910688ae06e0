import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction } from '../analysis/ast.js';
import type { ObjectEntry } from '../analysis/constants.js';
import { getFileFacts } from '../analysis/file-facts.js';
import { isDevelopmentOnly } from '../analysis/guards.js';
import { ALLOW_CREDENTIALS, ALLOW_ORIGIN, CORS_LIBRARIES, CORS_OPTION_CONSTRUCTORS, type CorsOptionStyle } from '../knowledge/cors.js';
import { createRule } from '../util/create-rule.js';
import { type OriginVerdict, OriginAnalyzer } from './no-wildcard-cors/origin.js';
import { type CorsSite, corsSitesOf, corsSitesOfNew, corsSitesOfObject } from './no-wildcard-cors/sources.js';

export type Options = [
  {
    allowedPublicPaths?: string[];
    checkAllowlists?: boolean;
    ignoreDevelopmentOnly?: boolean;
  },
];

export type MessageIds =
  | 'anyOrigin'
  | 'anyOriginWithCredentials'
  | 'defaultWildcard'
  | 'nullOrigin'
  | 'reflectedOrigin'
  | 'weakAllowlist'
  | 'wildcard'
  | 'wildcardFallback'
  | 'wildcardWithCredentials';

/** A finding waiting for the end of the file, when every credentials header has been seen. */
interface Pending {
  readonly node: TSESTree.Node;
  readonly verdict: OriginVerdict;
  readonly source: string;
  /** Credentials known at the site itself (an options object, a headers object). */
  readonly credentials: boolean;
  /** Where a credentials header elsewhere in the same function would also apply. */
  readonly scope: TSESTree.Node;
}

const NEXT_CONFIG = /(?:^|[/\\])next\.config\.[cm]?[jt]s$/u;
const CHEAP_SIGNAL = /cors|access-control-allow-origin/iu;

export default createRule<Options, MessageIds>({
  name: 'no-wildcard-cors',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow CORS configurations that let any website read responses from your API',
      cwe: ['CWE-942', 'CWE-346'],
      recommended: { recommended: true, strict: [{ checkAllowlists: true }] },
      requiresTypeChecking: false,
    },
    messages: {
      wildcard:
        "{{source}} sends 'Access-Control-Allow-Origin: *', so any website can read these responses from your users' browsers. Allow only the origins of your own front ends (an explicit list, for example read from configuration), or keep the wildcard to public, cookie-less endpoints listed in `allowedPublicPaths`.",
      defaultWildcard:
        "{{source}} has no `origin` option, and the default is 'Access-Control-Allow-Origin: *': any website can read these responses from your users' browsers. Pass `origin` with the list of your front-end origins.",
      anyOrigin:
        '{{source}} accepts every origin: its `origin` {{how}}. Any website can call this API from your users\' browsers and read the answers. Check the origin against an explicit allowlist.',
      reflectedOrigin:
        "{{source}} echoes the request's Origin header back without checking it against an allowlist, which trusts every website as if it were your own front end. Compare the origin with an explicit list of allowed origins before sending it back.",
      wildcardFallback:
        "{{source}} falls back to '*' when `{{of}}` is unset or empty: one missing environment variable in production opens CORS to every website. Fail closed instead: refuse to start, or send no CORS headers, when the allowlist is missing.",
      anyOriginWithCredentials:
        "{{source}} lets every origin in and also allows credentials: any website can send requests with your users' cookies and read the answers (account takeover, data theft). Allow credentials only together with an explicit allowlist of origins.",
      wildcardWithCredentials:
        "{{source}} combines 'Access-Control-Allow-Origin: *' with credentials. Browsers reject that pair, and the usual next step, reflecting the Origin, lets every website act as your users. Replace the wildcard with an explicit allowlist of origins.",
      weakAllowlist:
        "The origin check {{check}} also accepts '{{example}}': anyone who registers such a domain passes your allowlist. To fix it, {{fix}}.",
      nullOrigin:
        "The allowlist accepts the origin 'null', which sandboxed iframes, `data:` URLs and local files send, so any page can obtain it. Remove 'null' from the allowed origins.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowedPublicPaths: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              "Route patterns (`/api/public/**`, `/health`, `*` matches one segment, `**` any depth) of public, cookie-less endpoints where a wildcard origin is intended. Findings with credentials are reported on every route.",
          },
          checkAllowlists: {
            type: 'boolean',
            description:
              "Also report allowlists that attackers can pass: unanchored or unescaped origin regexes, `endsWith('example.com')` without the leading dot, `includes()`/`startsWith()` checks, and the 'null' origin.",
          },
          ignoreDevelopmentOnly: {
            type: 'boolean',
            description:
              "Ignore CORS that only runs in development, under `process.env.NODE_ENV !== 'production'`, `import.meta.env.DEV` or an `isDev` constant.",
          },
        },
      },
    ],
    defaultOptions: [{ allowedPublicPaths: [], checkAllowlists: false, ignoreDevelopmentOnly: true }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    // Every finding needs one of these words in the file; most files are rejected here.
    if (!CHEAP_SIGNAL.test(sourceCode.text)) return {};
    const facts = getFileFacts(context);
    // Tests, fixtures, mocks, seeds, migrations, scripts, stories and generated code serve no request.
    if (!facts.servesProduction) return {};
    // Code that runs in the browser cannot set response headers; a client's request header is harmless.
    if (facts.isClientModule) return {};

    const analyzer = new OriginAnalyzer(facts, {
      checkAllowlists: options.checkAllowlists === true,
      ignoreDevelopmentOnly: options.ignoreDevelopmentOnly !== false,
    });
    const publicPaths = (options.allowedPublicPaths ?? []).map(globToRegExp);
    const corsNames = facts.imports.localNamesFrom(CORS_LIBRARIES.map((library) => library.source));
    const corsConstructors = facts.imports.localNamesFrom(CORS_OPTION_CONSTRUCTORS.map((constructor) => constructor.source));
    const pending: Pending[] = [];
    const credentialScopes = new Set<TSESTree.Node>();
    const isNextConfig = NEXT_CONFIG.test(context.filename);

    const listeners: TSESLint.RuleListener = {
      CallExpression(node) {
        for (const site of corsSitesOf(node, facts, corsNames)) handleSite(site);
      },
      NewExpression(node) {
        for (const site of corsSitesOfNew(node, facts, corsConstructors)) handleSite(site);
      },
      // Serverless handlers return their response as `{ statusCode, headers, body }`.
      'ObjectExpression:has(> Property[key.name="statusCode"])'(node: TSESTree.ObjectExpression) {
        for (const site of corsSitesOfObject(node)) handleSite(site);
      },
      'Program:exit'() {
        for (const finding of pending) {
          report(finding, finding.credentials || credentialScopes.has(finding.scope));
        }
      },
    };
    if (isNextConfig) {
      // next.config `headers()`: [{ source, headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }] }]
      listeners.ObjectExpression = (node) => {
        const entries = facts.constants.objectEntries(node)?.entries ?? [];
        const key = entries.find((entry) => entry.key === 'key');
        const value = entries.find((entry) => entry.key === 'value');
        if (!key || !value) return;
        const name = headerName(facts.constants.valueOf(key.value)?.value);
        const scope = node.parent.type === AST_NODE_TYPES.ArrayExpression ? node.parent : node;
        if (name === ALLOW_CREDENTIALS && isTrue(facts.constants.valueOf(value.value)?.value)) credentialScopes.add(scope);
        if (name !== ALLOW_ORIGIN) return;
        const verdict = analyzer.headerValue(value.value);
        if (verdict) queue(node, verdict, 'The next.config `headers()` entry', false, scope);
      };
    }
    return listeners;

    function handleSite(site: CorsSite): void {
      switch (site.kind) {
        case 'middleware':
          handleOptions(site.call, site.options, site.library.style, middlewareSource(site), true, site.library.credentialsReflectWildcard === true);
          return;
        case 'socket':
          // Socket.IO sends no CORS header unless `cors.origin` is set: no default to report.
          handleOptions(site.call, site.options, 'node', `\`new ${sourceCode.getText(site.call.callee)}()\` (Socket.IO)`, false);
          return;
        case 'nest':
          if (site.implicit) {
            const value = site.options ? facts.constants.value(site.options)?.value : undefined;
            if (value === true) {
              queueVerdict(site.options ?? site.call, { kind: 'wildcard' }, '`NestFactory.create(..., { cors: true })`', false);
              return;
            }
          }
          handleOptions(site.call, site.options, 'node', site.implicit ? 'The NestJS `cors` option' : '`enableCors()`');
          return;
        case 'header': {
          // Most `.set(key, value)` calls are Maps and the like: a literal name decides without scope work.
          const name = headerName(
            site.name.type === AST_NODE_TYPES.Literal ? site.name.value : facts.constants.value(site.name)?.value,
          );
          const scope = enclosingFunction(site.call) ?? sourceCode.ast;
          if (name === ALLOW_CREDENTIALS && isTrue(facts.constants.value(site.value)?.value)) credentialScopes.add(scope);
          if (name !== ALLOW_ORIGIN) return;
          const verdict = analyzer.headerValue({ kind: 'node', node: site.value, foreign: null });
          if (verdict) queue(site.value, verdict, 'This Access-Control-Allow-Origin header', false, scope);
          return;
        }
        case 'headers': {
          const entries = facts.constants.objectEntries(site.headers)?.entries;
          if (!entries) return;
          const credentials = entries.some(
            (entry) => headerName(entry.key) === ALLOW_CREDENTIALS && isTrue(facts.constants.valueOf(entry.value)?.value),
          );
          const scope = enclosingFunction(site.call) ?? sourceCode.ast;
          if (credentials) credentialScopes.add(scope);
          const origin = entries.findLast((entry) => headerName(entry.key) === ALLOW_ORIGIN);
          if (!origin) return;
          const verdict = analyzer.headerValue(origin.value);
          if (verdict) queue(origin.site, verdict, headersSource(origin), credentials, scope);
          return;
        }
      }
    }

    function handleOptions(
      call: TSESTree.CallExpression | TSESTree.NewExpression,
      optionsNode: TSESTree.Node | undefined,
      style: CorsOptionStyle,
      source: string,
      defaultIsWildcard = true,
      credentialsReflectWildcard = false,
    ): void {
      if (!optionsNode) {
        if (!defaultIsWildcard) return;
        queueVerdict(call, { kind: 'default' }, source, false);
        return;
      }
      const reflected: OriginVerdict = { kind: 'any', how: "is '*' together with `credentials: true`, which this library turns into echoing every request origin" };
      const object = facts.constants.objectEntries(optionsNode);
      if (!object) return;
      const credentials = object.entries.some(
        (entry) => entry.key === 'credentials' && isTrue(facts.constants.valueOf(entry.value)?.value),
      );
      const origin = object.entries.findLast((entry) => entry.key === 'origin');
      if (!origin) {
        if (object.complete && defaultIsWildcard) {
          queueVerdict(call, credentials && credentialsReflectWildcard ? reflected : { kind: 'default' }, source, credentials);
        }
        return;
      }
      let verdict = analyzer.optionValue(origin.value, style);
      if (verdict?.kind === 'wildcard' && credentials && credentialsReflectWildcard) verdict = reflected;
      // An options object is usually passed once: report where `origin` is written, the fix site.
      const at = origin.value.kind === 'node' && !origin.value.foreign ? origin.value.node.parent : undefined;
      if (verdict) queueVerdict(at ?? origin.site, verdict, source, credentials);
    }

    /** `cors()`, `corsNs.default()`, `app.register(fastifyCors)`: the install as the user wrote it. */
    function middlewareSource(site: Extract<CorsSite, { kind: 'middleware' }>): string {
      const callee = sourceCode.getText(site.call.callee);
      const plugin = site.library.install === 'register' ? site.call.arguments[0] : undefined;
      return `\`${callee}(${plugin ? sourceCode.getText(plugin) : ''})\``;
    }

    function queueVerdict(node: TSESTree.Node, verdict: OriginVerdict, source: string, credentials: boolean): void {
      queue(node, verdict, source, credentials, node);
    }

    function queue(node: TSESTree.Node, verdict: OriginVerdict, source: string, credentials: boolean, scope: TSESTree.Node): void {
      if (options.ignoreDevelopmentOnly !== false && isDevelopmentOnly(node, facts.constants)) return;
      pending.push({ node, verdict, source, credentials, scope });
    }

    function report({ node, verdict, source }: Pending, credentials: boolean): void {
      const publicRoute = !credentials && publicPaths.length > 0 && isPublicRoute(node);
      switch (verdict.kind) {
        case 'wildcard':
        case 'default':
          if (publicRoute) return;
          if (credentials) {
            context.report({ node, messageId: 'wildcardWithCredentials', data: { source } });
          } else {
            context.report({ node, messageId: verdict.kind === 'default' ? 'defaultWildcard' : 'wildcard', data: { source } });
          }
          return;
        case 'any':
        case 'reflect':
          if (publicRoute) return;
          if (credentials) {
            context.report({ node, messageId: 'anyOriginWithCredentials', data: { source } });
          } else if (verdict.kind === 'any') {
            context.report({ node, messageId: 'anyOrigin', data: { source, how: verdict.how } });
          } else {
            context.report({ node, messageId: 'reflectedOrigin', data: { source } });
          }
          return;
        case 'fallback':
          if (publicRoute) return;
          context.report({ node, messageId: 'wildcardFallback', data: { source, of: verdict.of } });
          return;
        case 'weak':
          context.report({
            node: verdict.node,
            messageId: 'weakAllowlist',
            data: { check: verdict.check, example: verdict.weakness.example, fix: verdict.weakness.fix },
          });
          return;
        case 'null-origin':
          context.report({ node: verdict.node, messageId: 'nullOrigin' });
          return;
      }
    }

    function isPublicRoute(node: TSESTree.Node): boolean {
      const route = facts.handlers.routeOf(node);
      return route !== null && publicPaths.some((pattern) => pattern.test(route));
    }
  },
});

function headerName(value: unknown): string | null {
  return typeof value === 'string' ? value.toLowerCase() : null;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function headersSource(entry: ObjectEntry): string {
  if (entry.via === null) return 'This Access-Control-Allow-Origin header';
  return entry.site.type === AST_NODE_TYPES.SpreadElement
    ? `The Access-Control-Allow-Origin header spread from \`${entry.via}\``
    : `The Access-Control-Allow-Origin header in \`${entry.via}\``;
}

/** `/api/public/**` → matches `/api/public/a/b`; `*` matches one path segment. */
function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split(/(\/\*\*|\*\*|\*)/u)
    .map((part) => {
      if (part === '/**') return '(?:/.*)?'; // `/api/public/**` also covers `/api/public` itself
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      return part.replaceAll(/[.+?^${}()|[\]\\]/gu, '\\$&');
    })
    .join('');
  return new RegExp(`^${escaped}/?$`, 'u');
}
