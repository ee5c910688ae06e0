/**
 * The type bridge: null without type information (espree, or typescript-eslint without a project),
 * and real answers from the checker with it, in the typed fixture project shared with the rule
 * tests (tests/fixtures/typed, the real type packages). types-path-alias.test.ts covers a project
 * of our own: typescript-eslint keeps one project service per process, so one project per file.
 */
import path from 'node:path';

import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { createTypeBridge } from '../../src/analysis/types.js';
import { analyse, type Probe, TYPED_ROOT } from './harness.js';

function typed<T>(code: string, inspect: (probe: Probe) => T): T {
  return analyse(code, inspect, { tier: 'typed', filename: 'file.ts' });
}

/** A SourceCode stand-in: createTypeBridge only reads `parserServices`. */
function fakeSourceCode(parserServices: unknown): Readonly<TSESLint.SourceCode> {
  return { parserServices } as unknown as Readonly<TSESLint.SourceCode>;
}

describe('createTypeBridge without type information', () => {
  it('is null under espree', () => {
    expect(analyse(`const x = '*';`, (probe) => probe.facts.types, { tier: 'espree' })).toBeNull();
  });

  it('is null under @typescript-eslint/parser without a project', () => {
    expect(analyse(`const x: string = '*';`, (probe) => probe.facts.types, { tier: 'typescript' })).toBeNull();
  });

  it('is null, without throwing, for whatever a foreign parser hands over', () => {
    const oddServices: unknown[] = [
      undefined,
      null,
      {},
      { program: null, esTreeNodeToTSNodeMap: new WeakMap() },
      { program: {}, esTreeNodeToTSNodeMap: new WeakMap() },
      { program: { getTypeChecker: () => ({}) } },
      { program: { getTypeChecker: () => ({}) }, esTreeNodeToTSNodeMap: {} },
      'services',
    ];
    for (const services of oddServices) expect(createTypeBridge(fakeSourceCode(services))).toBeNull();
  });

  it('is null when the checker cannot be created', () => {
    const services = {
      program: {
        getTypeChecker() {
          throw new Error('no checker');
        },
      },
      esTreeNodeToTSNodeMap: new WeakMap(),
    };
    expect(createTypeBridge(fakeSourceCode(services))).toBeNull();
  });

  it('answers null (unknown) for nodes the parser services do not map', () => {
    const services = {
      program: { getTypeChecker: () => ({}) },
      esTreeNodeToTSNodeMap: { get: () => undefined },
    };
    const bridge = createTypeBridge(fakeSourceCode(services));
    expect(bridge).not.toBeNull();
    const node = { type: AST_NODE_TYPES.Identifier, name: 'x' } as TSESTree.Identifier;
    expect(bridge?.literalValue(node)).toBeNull();
    expect(bridge?.typeNames(node)).toBeNull();
    expect(bridge?.declarationOf(node)).toBeNull();
  });

  it('answers null when the checker throws', () => {
    const throwing = (): never => {
      throw new Error('checker failure');
    };
    const services = {
      program: { getTypeChecker: () => ({ getTypeAtLocation: throwing, getSymbolAtLocation: throwing }) },
      esTreeNodeToTSNodeMap: { get: () => ({}) },
    };
    const bridge = createTypeBridge(fakeSourceCode(services));
    const node = { type: AST_NODE_TYPES.Identifier, name: 'x' } as TSESTree.Identifier;
    expect(bridge?.literalValue(node)).toBeNull();
    expect(bridge?.typeNames(node)).toBeNull();
    expect(bridge?.declarationOf(node)).toBeNull();
  });
});

describe('createTypeBridge with type information (tests/fixtures/typed)', () => {
  it('exists, with the checker and program of the project', () => {
    typed(`export const x = 1;`, (probe) => {
      const bridge = probe.facts.types;
      expect(bridge).not.toBeNull();
      expect(typeof bridge?.checker.getTypeAtLocation).toBe('function');
      expect(bridge?.program.getRootFileNames().some((file) => file.startsWith(TYPED_ROOT.replaceAll('\\', '/')))).toBe(true);
    });
  });

  it('literalValue of a `const x = "*"` imported from another module of the project', () => {
    const code = `import { CORS_ORIGIN } from './shared/cors';\nexport const origin = CORS_ORIGIN;`;
    typed(code, (probe) => {
      expect(probe.facts.types?.literalValue(probe.identifier('CORS_ORIGIN', 1))).toEqual({ value: '*' });
    });
  });

  it('literalValue of booleans, numbers and literal unions', () => {
    const code = [
      `const yes = true;`,
      `const no = false;`,
      `const port = 8080;`,
      `declare const either: 'a' | 'b';`,
      `declare const anything: string;`,
      `export const all = [yes, no, port, either, anything];`,
    ].join('\n');
    typed(code, (probe) => {
      const bridge = probe.facts.types;
      expect(bridge?.literalValue(probe.identifier('yes', 1))).toEqual({ value: true });
      expect(bridge?.literalValue(probe.identifier('no', 1))).toEqual({ value: false });
      expect(bridge?.literalValue(probe.identifier('port', 1))).toEqual({ value: 8080 });
      expect(bridge?.literalValue(probe.identifier('either', 1))).toBeNull();
      expect(bridge?.literalValue(probe.identifier('anything', 1))).toBeNull();
    });
  });

  it('typeNames of an express app and router, a Hono app, a Fastify instance', () => {
    const code = [
      `import express from 'express';`,
      `import { Hono } from 'hono';`,
      `import Fastify from 'fastify';`,
      `const app = express();`,
      `const router = express.Router();`,
      `const hono = new Hono();`,
      `const fastify = Fastify();`,
      `export const all = [app, router, hono, fastify];`,
    ].join('\n');
    typed(code, (probe) => {
      const names = (name: string): string[] => [...(probe.facts.types?.typeNames(probe.identifier(name, 1)) ?? [])];
      expect(names('app')).toContain('Express');
      expect(names('router')).toContain('Router');
      expect(names('hono')).toContain('Hono');
      expect(names('fastify')).toContain('FastifyInstance');
    });
  });

  it('typeNames of a plain object are not those of an app', () => {
    typed(`const server = { get() {} };\nexport const s = server;`, (probe) => {
      const names = probe.facts.types?.typeNames(probe.identifier('server', 1));
      expect(names).not.toBeNull();
      for (const app of ['Express', 'Router', 'Hono', 'FastifyInstance', 'Koa']) expect(names?.has(app)).toBe(false);
    });
  });

  it('declarationOf an imported identifier: the declaring file and name', () => {
    const code = `import { corsHeaders } from './shared/cors';\nexport const h = corsHeaders;`;
    typed(code, (probe) => {
      expect(probe.facts.types?.declarationOf(probe.identifier('corsHeaders', 1))).toEqual({
        fileName: path.join(TYPED_ROOT, 'shared/cors.ts').replaceAll('\\', '/'),
        name: 'corsHeaders',
      });
    });
  });

  it('declarationOf a package import points into node_modules', () => {
    typed(`import cors from 'cors';\nexport const c = cors;`, (probe) => {
      expect(probe.facts.types?.declarationOf(probe.identifier('cors', 1))?.fileName).toMatch(/\/node_modules\/@types\/cors\//u);
    });
  });

  it('declarationOf a local, undeclared or non-identifier answers sensibly', () => {
    typed(`const local = 1;\nexport const l = local;\nexport const u = typeof undeclared;`, (probe) => {
      const bridge = probe.facts.types;
      expect(bridge?.declarationOf(probe.identifier('local', 1))).toEqual({
        fileName: path.join(TYPED_ROOT, 'file.ts').replaceAll('\\', '/'),
        name: 'local',
      });
      expect(bridge?.declarationOf(probe.identifier('undeclared'))).toBeNull();
    });
  });

  it('makes ConstantResolver.value answer from a literal type when syntax cannot', () => {
    const code = `declare function pick(): '*';\nexport const origin = pick();`;
    typed(code, (probe) => {
      expect(probe.facts.constants.value(probe.node('CallExpression', 'pick()'))).toEqual({ value: '*' });
    });
    analyse(code, (probe) => {
      expect(probe.facts.constants.value(probe.node('CallExpression', 'pick()'))).toBeNull();
    });
  });
});
