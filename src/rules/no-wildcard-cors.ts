import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, isFunctionNode, staticKeyName, walk } from '../analysis/ast.js';
import type { ObjectEntry } from '../analysis/constants.js';
import { type FileFacts, getFileFacts } from '../analysis/file-facts.js';
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
    reportPublicContent?: boolean;
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
  /**
   * What the grant covers: a whole app or API (`app.use(cors())`, `enableCors()`), or the
   * responses of the functions that send it (`scope`), or a `next.config` `source` pattern.
   */
  readonly reach: Reach;
  /** Several responses sharing one header object are one grant, reported once at `grantNode`. */
  readonly grantKey: unknown;
  readonly grantNode: TSESTree.Node;
}

type Reach = { readonly kind: 'app'; readonly subApp?: string | null } | { readonly kind: 'path'; readonly path: string; readonly subApp: string | null } | { readonly kind: 'responses' } | { readonly kind: 'config'; readonly source: string | null };

/** Mount paths that cover a whole API: `*`, `/api/*`, `/v1`, `/trpc/*`, `/graphql`. */
const WHOLE_API_PATH = /^\/?(?:\*|\(\.\*\)|:path\*|\*\*)?$|^\/(?:api|v\d+|trpc|graphql|rpc)(?:\/|$|:|\*)/u;
/** Reads of the caller's identity in a handler: the route authenticates, so its answers are private. */
const CREDENTIAL_READ = /authorization|cookie|getSession|getServerSession|getServerAuthSession|\bauth\s*\(|currentUser|\bsession\b|x-api-key|api[-_]?key|bearer|getUser\s*\(|verifyToken|jwt/iu;

/** A sub-app the code names public: `export const publicRoute = new Hono()`, `publicRouter`, `publicApi`. */
const PUBLIC_APP_NAME = /^public|Public(?:Routes?|Router|App|Api)?$/u;
/** Keys and header names whose string values list headers without reading them: `'Access-Control-Allow-Headers': 'authorization, apikey'`. */
const HEADER_LIST_KEY = /^access-control-|^(?:allowed|exposed)Headers$/iu;

const NEXT_CONFIG = /(?:^|[/\\])next\.config\.[cm]?[jt]s$/u;
const CHEAP_SIGNAL = /cors|access-control-allow-origin/iu;

export default createRule<Options, MessageIds>({
  name: 'no-wildcard-cors',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow CORS configurations that let any website read responses from your API',
      category: 'security',
      cwe: ['CWE-942', 'CWE-346'],
      recommended: { recommended: true, strict: [{ checkAllowlists: true, reportPublicContent: true }] },
      requiresTypeChecking: false,
    },
    messages: {
      wildcard:
        "{{source}} sends 'Access-Control-Allow-Origin: *': allow only your front-end origins, or list a public, cookie-less endpoint in `allowedPublicPaths`. Any website can read these responses.",
      defaultWildcard:
        "{{source}} has no `origin` option, so it sends 'Access-Control-Allow-Origin: *': pass `origin` with the list of your front-end origins.",
      anyOrigin:
        '{{source}} accepts every origin (its `origin` {{how}}): check the origin against an explicit allowlist.',
      reflectedOrigin:
        "{{source}} echoes the request's Origin header unchecked: send it back only when it is in an explicit list of allowed origins.",
      wildcardFallback:
        "{{source}} falls back to '*' when `{{of}}` is unset or empty: fail closed (no CORS headers, or refuse to start) when the allowlist is missing.",
      anyOriginWithCredentials:
        '{{source}} allows every origin with credentials: allow credentials only with an explicit allowlist of origins. Any website can act as your signed-in users.',
      wildcardWithCredentials:
        "{{source}} combines 'Access-Control-Allow-Origin: *' with credentials: replace the wildcard with an explicit allowlist of origins. Reflecting the Origin instead lets every website act as your users.",
      weakAllowlist:
        "The origin check {{check}} also accepts '{{example}}', a domain anyone can register: {{fix}}.",
      nullOrigin:
        "The allowlist accepts the origin 'null', which any page can send from a sandboxed iframe: remove 'null' from the allowed origins.",
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
          reportPublicContent: {
            type: 'boolean',
            description:
              "Also report a wildcard, reflected or any origin without credentials on public content: routes that read no cookie, session, authorization header or API key, mount paths other than the whole API (`/openapi`, `/public`), and `next.config` header patterns for assets. `recommended` reports credentials, routes that authenticate the caller and whole-API configurations.",
          },
          ignoreDevelopmentOnly: {
            type: 'boolean',
            description:
              "Ignore CORS that only runs in development, under `process.env.NODE_ENV !== 'production'`, `import.meta.env.DEV` or an `isDev` constant.",
          },
        },
      },
    ],
    defaultOptions: [{ allowedPublicPaths: [], checkAllowlists: false, ignoreDevelopmentOnly: true, reportPublicContent: false }],
  },
  create(context, [options]) {
    // Tests, stories and generated code by their path or banner are left before any text is read.
    const facts = getFileFacts(context);
    if (facts.skippedByPath) return {};
    // Every finding needs one of these words in the file; most files are rejected here.
    if (!CHEAP_SIGNAL.test(facts.sourceCode.text)) return {};
    // The analysis, which a file turned away above never enters (see `createRule`).
    return listenersFor(context, options, facts);
  },
});

/** The rule's listeners for a file that passed the first look in `create`. */
function listenersFor(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  options: Options[0],
  facts: FileFacts,
): TSESLint.RuleListener {
  const { sourceCode } = facts;
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
  const isNextConfig = NEXT_CONFIG.test(facts.filename);
  const reportPublicContent = options.reportPublicContent === true;
  let publicAppValue: boolean | null | undefined;
  /** Local names exported by `export { a, b as c }` (no `from`), found once per file. */
  let exportedLocalsValue: Set<string> | undefined;

  const listeners: TSESLint.RuleListener = {
    CallExpression(node) {
      for (const site of corsSitesOf(node, facts, corsNames)) handleSite(site);
    },
    NewExpression(node) {
      for (const site of corsSitesOfNew(node, facts, corsConstructors)) handleSite(site);
    },
    // Serverless handlers return their response as `{ statusCode, headers, body }`. A plain node
    // listener: a `:has(> Property[...])` selector walks every object's whole subtree, which is
    // quadratic in nested object literals (a config of nested objects took milliseconds).
    ObjectExpression(node) {
      if (isNextConfig) nextConfigEntry(node);
      for (const site of corsSitesOfObject(node)) handleSite(site);
    },
    'Program:exit'() {
      // One report per grant: responses sharing a header object are reported once, at the object.
      const grants = new Map<unknown, Pending[]>();
      for (const finding of pending) {
        const group = grants.get(finding.grantKey);
        if (group) group.push(finding);
        else grants.set(finding.grantKey, [finding]);
      }
      for (const group of grants.values()) {
        const [first] = group;
        if (!first) continue;
        const credentials = group.some((finding) => finding.credentials || credentialScopes.has(finding.scope));
        const sensitive = credentials || group.some(reachesPrivateContent);
        if (!sensitive && !reportPublicContent && first.verdict.kind !== 'weak' && first.verdict.kind !== 'null-origin') continue;
        report({ ...first, node: first.grantNode }, credentials);
      }
    },
  };
  return listeners;

  /** A next.config `headers()` entry: [{ source, headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }] }]. */
  function nextConfigEntry(node: TSESTree.ObjectExpression): void {
    const entries = facts.constants.objectEntries(node)?.entries ?? [];
    const key = entries.find((entry) => entry.key === 'key');
    const value = entries.find((entry) => entry.key === 'value');
    if (!key || !value) return;
    const name = headerName(facts.constants.valueOf(key.value)?.value);
    const scope = node.parent.type === AST_NODE_TYPES.ArrayExpression ? node.parent : node;
    if (name === ALLOW_CREDENTIALS && isTrue(facts.constants.valueOf(value.value)?.value)) credentialScopes.add(scope);
    if (name !== ALLOW_ORIGIN) return;
    const verdict = analyzer.headerValue(value.value);
    if (verdict) queue(node, verdict, 'The next.config `headers()` entry', false, scope, { kind: 'config', source: configSource(node) });
  }

  function handleSite(site: CorsSite): void {
    switch (site.kind) {
      case 'middleware':
        handleOptions(site.call, site.options, site.library.style, middlewareSource(site), true, site.library.credentialsReflectWildcard === true, mountReach(site.call));
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
        if (verdict) queue(site.value, verdict, 'This CORS header', false, scope, { kind: 'responses' });
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
        if (!verdict) return;
        // A header object declared once and used by several responses: one grant, at its declaration.
        const declared = origin.via !== null && origin.value.kind === 'node' && origin.value.foreign === null ? origin.value.node : null;
        const grantKey = declared ?? (origin.via !== null ? `via:${origin.via}` : origin.site);
        queue(origin.site, verdict, headersSource(origin), credentials, scope, { kind: 'responses' }, grantKey, declared ?? undefined);
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
    reach: Reach = { kind: 'app' },
  ): void {
    if (!optionsNode) {
      if (!defaultIsWildcard) return;
      queueVerdict(call, { kind: 'default' }, source, false, reach);
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
        queueVerdict(call, credentials && credentialsReflectWildcard ? reflected : { kind: 'default' }, source, credentials, reach);
      }
      return;
    }
    let verdict = analyzer.optionValue(origin.value, style);
    if (verdict?.kind === 'wildcard' && credentials && credentialsReflectWildcard) verdict = reflected;
    // An options object is usually passed once: report where `origin` is written, the fix site.
    const at = origin.value.kind === 'node' && !origin.value.foreign ? origin.value.node.parent : undefined;
    if (verdict) queueVerdict(at ?? origin.site, verdict, source, credentials, reach);
  }

  /** `app.use('/openapi', cors())`, `app.get('/x', cors(), h)`: the mount path; the whole app otherwise. */
  function mountReach(call: TSESTree.CallExpression): Reach {
    const parent = call.parent;
    if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(call)) return { kind: 'app' };
    const subApp = subAppName(parent.callee);
    const [first] = parent.arguments;
    if (!first || first === call) return { kind: 'app', subApp };
    const path = facts.constants.value(first)?.value;
    return typeof path === 'string' ? { kind: 'path', path, subApp } : { kind: 'app', subApp };
  }

  /**
   * `router.use(cors())` on a router mounted elsewhere: `express.Router()`, or an app exported by
   * name (`export const publicRoute = new Hono()`). A default export is usually the root app.
   * The router's name, or null when it is not a sub-app.
   */
  function subAppName(callee: TSESTree.Node): string | null {
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return null;
    const name = callee.object.name;
    const definition = facts.constants.definitionOf(callee.object);
    if (definition?.type !== AST_NODE_TYPES.VariableDeclarator) return null;
    const init = definition.init ? sourceCode.getText(definition.init) : '';
    if (/\bRouter\s*\(/u.test(init)) return name;
    const declaration = definition.parent;
    if (declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return name;
    exportedLocalsValue ??= new Set(
      sourceCode.ast.body.flatMap((statement) =>
        statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source === null
          ? statement.specifiers.map((specifier) => specifier.local.name)
          : [],
      ),
    );
    return exportedLocalsValue.has(name) ? name : null;
  }

  /** `cors()`, `corsNs.default()`, `app.register(fastifyCors)`: the install as the user wrote it. */
  function middlewareSource(site: Extract<CorsSite, { kind: 'middleware' }>): string {
    const callee = sourceCode.getText(site.call.callee);
    const plugin = site.library.install === 'register' ? site.call.arguments[0] : undefined;
    return `\`${callee}(${plugin ? sourceCode.getText(plugin) : ''})\``;
  }

  function queueVerdict(node: TSESTree.Node, verdict: OriginVerdict, source: string, credentials: boolean, reach: Reach = { kind: 'app' }): void {
    queue(node, verdict, source, credentials, node, reach);
  }

  function queue(
    node: TSESTree.Node,
    verdict: OriginVerdict,
    source: string,
    credentials: boolean,
    scope: TSESTree.Node,
    reach: Reach,
    grantKey: unknown = node,
    grantNode: TSESTree.Node = node,
  ): void {
    if (options.ignoreDevelopmentOnly !== false && isDevelopmentOnly(node, facts.constants)) return;
    pending.push({ node, verdict, source, credentials, scope, reach, grantKey, grantNode });
  }

  /**
   * Whether a grant without credentials still exposes private answers: a whole app or API, a
   * route that authenticates its caller, a response helper shared by API routes, a next.config
   * pattern over the API or the whole site. Public content (assets, anonymous endpoints) is
   * `strict` (`reportPublicContent`).
   */
  function reachesPrivateContent(finding: Pending): boolean {
    switch (finding.reach.kind) {
      case 'app':
        return !(finding.reach.subApp && appServesOnlyPublicRoutes(finding.reach.subApp));
      case 'path':
        return WHOLE_API_PATH.test(finding.reach.path) && !(finding.reach.subApp && appServesOnlyPublicRoutes(finding.reach.subApp));
      case 'config':
        return finding.reach.source !== null && WHOLE_API_PATH.test(finding.reach.source);
      case 'responses': {
        const fn = finding.scope.type === AST_NODE_TYPES.Program ? null : finding.scope;
        if (!fn) return false;
        if (readsCredentials(fn)) return true;
        // Next.js middleware runs before every route its `matcher` covers: the whole API unless it names only public paths.
        if (facts.handlers.fileRoute?.framework === 'next-middleware') return middlewareCoversApi();
        // A middleware registered for every route, or for the API (`app.use((req, res, next) => ...)`, `app.all('*', ...)`).
        const handler = facts.handlers.enclosingHandler(fn);
        if (handler && (handler.method === 'USE' || handler.method === null || handler.method === 'ALL') && (handler.route === null || WHOLE_API_PATH.test(handler.route))) {
          // A catch-all route handler (`app.get('*', (req, res) => res.sendFile(...))`) serves one answer; a middleware passes on to `next`.
          const last = handler.fn.params.at(-1);
          return handler.method === 'USE' || handler.fn.params.length >= 3 || (last?.type === AST_NODE_TYPES.Identifier && last.name === 'next');
        }
        // An exported response helper outside route files (`lib/api.ts`): every API route that calls it.
        return facts.handlers.fileRoute === null && facts.handlers.enclosingHandler(fn) === null && isExportedFunction(fn);
      }
    }
  }

  /**
   * A public sub-app: nothing in this file reads credentials, and it registers routes here, or it
   * only mounts routers of other files and its name says public (`publicRoute.route('/status', status)`).
   */
  function appServesOnlyPublicRoutes(name: string): boolean {
    if (publicAppValue === undefined) {
      // No credentials read anywhere in the file, and at least one route registered in it.
      const credentials = readsCredentials(sourceCode.ast);
      const seen = { routes: false };
      if (!credentials) {
        walk(sourceCode.ast, (node) => {
          if (!seen.routes && isFunctionNode(node)) seen.routes = (facts.handlers.handlerFor(node)?.route ?? null) !== null;
        });
      }
      publicAppValue = credentials ? false : seen.routes ? true : null;
    }
    return publicAppValue ?? PUBLIC_APP_NAME.test(name);
  }

  /**
   * Whether the file's Next.js middleware runs on API routes: no `export const config = { matcher }`
   * (it runs everywhere), or a matcher over the API or the whole site (`/api/:path*`, `/:path*`,
   * `'/((?!_next/static|favicon.ico).*)'`). A matcher naming only other paths (`/fonts/:path*`) is public content.
   */
  function middlewareCoversApi(): boolean {
    let matcher: TSESTree.Node | null = null;
    for (const statement of sourceCode.ast.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : null;
      if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const declarator of declaration.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== 'config' || declarator.init?.type !== AST_NODE_TYPES.ObjectExpression) continue;
        for (const property of declarator.init.properties) {
          if (property.type === AST_NODE_TYPES.Property && staticKeyName(property) === 'matcher') matcher = property.value;
        }
      }
    }
    if (!matcher) return true;
    const entries = matcher.type === AST_NODE_TYPES.ArrayExpression ? matcher.elements : [matcher];
    return entries.some((entry) => {
      if (!entry) return false;
      const node = entry.type === AST_NODE_TYPES.ObjectExpression ? entry.properties.find((property) => property.type === AST_NODE_TYPES.Property && staticKeyName(property) === 'source') : entry;
      const value = node?.type === AST_NODE_TYPES.Property ? node.value : node;
      const path = value ? facts.constants.value(value)?.value : undefined;
      // A path the rule cannot read is unknown: not reported in `recommended`.
      return typeof path === 'string' && (WHOLE_API_PATH.test(path) || path.startsWith('/((?!') || path.startsWith('/(.*)'));
    });
  }

  /**
   * Whether code reads the caller's credentials (a cookie, session, authorization header, API key),
   * by its text, not counting the values of CORS headers and options that only list header names
   * (`'Access-Control-Allow-Headers': 'authorization, apikey'`, `allowedHeaders: ['Authorization']`).
   */
  function readsCredentials(node: TSESTree.Node): boolean {
    const text = sourceCode.getText(node);
    if (!CREDENTIAL_READ.test(text)) return false;
    const lists: (readonly [number, number])[] = [];
    walk(node, (child) => {
      if (child.type === AST_NODE_TYPES.Property && HEADER_LIST_KEY.test(staticKeyName(child) ?? '')) lists.push(child.value.range);
      if (child.type === AST_NODE_TYPES.CallExpression && child.arguments.length >= 2) {
        const [name, value] = child.arguments;
        if (name?.type === AST_NODE_TYPES.Literal && typeof name.value === 'string' && HEADER_LIST_KEY.test(name.value) && value) lists.push(value.range);
      }
    });
    if (lists.length === 0) return true;
    const start = node.range[0];
    let masked = '';
    let at = 0;
    for (const [from, to] of lists.sort((a, b) => a[0] - b[0])) {
      if (from - start < at) continue;
      masked += text.slice(at, from - start);
      at = to - start;
    }
    return CREDENTIAL_READ.test(masked + text.slice(at));
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
}

/** The `source` pattern of the next.config `headers()` rule an entry belongs to. */
function configSource(entry: TSESTree.ObjectExpression): string | null {
  for (let current: TSESTree.Node | undefined = entry.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const property of current.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'source') {
        const value = property.value;
        return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' ? value.value : null;
      }
    }
  }
  return null;
}

function isExportedFunction(fn: TSESTree.Node): boolean {
  let current: TSESTree.Node | undefined = fn.parent;
  for (let hops = 0; current && hops < 4; hops++, current = current.parent) {
    if (current.type === AST_NODE_TYPES.ExportNamedDeclaration || current.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
    if (current.type === AST_NODE_TYPES.Program) return false;
  }
  return false;
}

function headerName(value: unknown): string | null {
  return typeof value === 'string' ? value.toLowerCase() : null;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function headersSource(entry: ObjectEntry): string {
  if (entry.via === null) return 'This CORS header';
  return entry.site.type === AST_NODE_TYPES.SpreadElement
    ? `The CORS header spread from \`${entry.via}\``
    : `The CORS header in \`${entry.via}\``;
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
