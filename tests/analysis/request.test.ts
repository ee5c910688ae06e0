import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { requestHeaderName } from '../../src/analysis/request.js';
import { analyse, type Probe } from './harness.js';

/** The header that the argument of `use(...)` reads, as requestHeaderName answers it. */
function headerRead(code: string): string | null {
  return analyse(code, (probe) => requestHeaderName(useArgument(probe), probe.facts.constants));
}

function useArgument(probe: Probe): TSESTree.Node {
  const call = probe
    .all()
    .find(
      (node): node is TSESTree.CallExpression =>
        node.type === AST_NODE_TYPES.CallExpression &&
        node.callee.type === AST_NODE_TYPES.Identifier &&
        node.callee.name === 'use',
    );
  const [argument] = call?.arguments ?? [];
  if (!argument) throw new Error('no use(...) call with an argument');
  return argument;
}

describe('requestHeaderName: each framework style', () => {
  const cases: [string, string, string][] = [
    ['Node/Express req.headers.origin', `function h(req, res) { use(req.headers.origin); }`, 'origin'],
    ["Node/Express req.headers['x-hub-signature-256']", `function h(req) { use(req.headers['x-hub-signature-256']); }`, 'x-hub-signature-256'],
    ['header names are lower-cased', `function h(req) { use(req.headers['X-Signature']); }`, 'x-signature'],
    ["Express req.header('Origin')", `function h(req) { use(req.header('Origin')); }`, 'origin'],
    ["Express req.get('origin')", `function h(req) { use(req.get('origin')); }`, 'origin'],
    ["Fetch request.headers.get('Origin')", `export async function GET(request) { use(request.headers.get('Origin')); }`, 'origin'],
    ["Workers/Deno req.headers.get('origin')", `Deno.serve((req) => { use(req.headers.get('origin')); });`, 'origin'],
    ["Hono c.req.header('origin')", `app.get('/', (c) => { use(c.req.header('origin')); });`, 'origin'],
    ["Koa ctx.get('Origin')", `app.use(async (ctx) => { use(ctx.get('Origin')); });`, 'origin'],
    ['Koa ctx.request.header.origin', `app.use(async (ctx) => { use(ctx.request.header.origin); });`, 'origin'],
    ['Koa ctx.headers.origin', `app.use(async (ctx) => { use(ctx.headers.origin); });`, 'origin'],
    ['Koa ctx.request.headers.origin', `app.use(async (ctx) => { use(ctx.request.headers.origin); });`, 'origin'],
    ["Fastify request.headers['origin']", `app.get('/', async (request) => { use(request.headers['origin']); });`, 'origin'],
    ["Next.js headers().get('origin')", `import { headers } from 'next/headers';\nexport async function GET() { use(headers().get('origin')); }`, 'origin'],
    [
      "Next.js (await headers()).get('origin')",
      `import { headers } from 'next/headers';\nexport async function GET() { use((await headers()).get('origin')); }`,
      'origin',
    ],
    ['a header name from a constant', `const ORIGIN = 'Origin';\nfunction h(request) { use(request.headers.get(ORIGIN)); }`, 'origin'],
    ['through TypeScript wrappers', `function h(req) { use(req.headers.origin as string); use(req.headers.origin!); }`, 'origin'],
  ];
  for (const [name, code, expected] of cases) {
    it(`${name} → ${expected}`, () => {
      expect(headerRead(code)).toBe(expected);
    });
  }
});

describe('requestHeaderName: destructuring and aliases', () => {
  it('const { origin } = req.headers', () => {
    expect(headerRead(`function h(req) {\n  const { origin } = req.headers;\n  use(origin);\n}`)).toBe('origin');
  });

  it("const { 'x-signature': signature } = request.headers (renamed, quoted key)", () => {
    expect(headerRead(`function h(request) {\n  const { 'x-signature': signature } = request.headers;\n  use(signature);\n}`)).toBe(
      'x-signature',
    );
  });

  it('const { origin = "" } = req.headers (with a default)', () => {
    expect(headerRead(`function h(req) {\n  const { origin = '' } = req.headers;\n  use(origin);\n}`)).toBe('origin');
  });

  it('const { headers } = req; headers.origin (the name `headers`)', () => {
    expect(headerRead(`function h(req) {\n  const { headers } = req;\n  use(headers.origin);\n}`)).toBe('origin');
  });

  it('a const alias, through several hops', () => {
    const code = `function h(request) {\n  const raw = request.headers.get('origin');\n  const origin = raw;\n  use(origin);\n}`;
    expect(headerRead(code)).toBe('origin');
  });

  it('a never-reassigned let alias', () => {
    expect(headerRead(`function h(req) {\n  let origin = req.headers.origin;\n  use(origin);\n}`)).toBe('origin');
  });

  it('a let alias that is reassigned is not known', () => {
    const code = `function h(req) {\n  let origin = req.headers.origin;\n  origin = allowed[0];\n  use(origin);\n}`;
    expect(headerRead(code)).toBeNull();
  });

  it('destructuring something that is not a headers object is not a header', () => {
    expect(headerRead(`function h(req) {\n  const { origin } = req.body;\n  use(origin);\n}`)).toBeNull();
  });
});

describe('requestHeaderName: what is not a request header', () => {
  const cases: [string, string][] = [
    ['a parameter named origin', `function h(origin) { use(origin); }`],
    ['the body', `function h(req) { use(req.body.origin); }`],
    ['the headers object itself', `function h(req) { use(req.headers); }`],
    ['a query parameter', `function h(req) { use(req.query.origin); }`],
    ['a getter call without arguments', `function h(req) { use(req.header()); }`],
    ['a getter call with two arguments', `function h(req) { use(req.header('origin', 'x')); }`],
    ['a getter call with an unknown name', `function h(req, name) { use(req.get(name)); }`],
    ['an awaited value', `async function h(req) { use(await req.headers.origin); }`],
    ['a string', `use('origin');`],
  ];
  for (const [name, code] of cases) {
    it(`${name} → null`, () => {
      expect(headerRead(code)).toBeNull();
    });
  }

  // Known src bug: any `<x>.get('<name>')` counts as a request header read, whatever `x` is, so
  // `res.setHeader('Access-Control-Allow-Origin', config.get('origin'))` is reported as
  // reflecting the request's Origin (reflectedOrigin) although it is a configured value.
  it("a configuration lookup config.get('origin') → null", () => {
    expect(headerRead(`import config from 'config';\nfunction h(req, res) { use(config.get('origin')); }`)).toBeNull();
  });

  it("a Map lookup allowedOrigins.get('origin') → null", () => {
    expect(headerRead(`const allowedOrigins = new Map([['origin', 'https://app.example.com']]);\nuse(allowedOrigins.get('origin'));`)).toBeNull();
  });
});
