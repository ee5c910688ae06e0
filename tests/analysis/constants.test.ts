import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { afterAll, describe, expect, it } from 'vitest';

import type { ObjectEntries, Resolved } from '../../src/analysis/constants.js';
import {
  clearForeignModuleCache,
  foreignExport,
  readForeignModule,
  resolveRelativeModule,
} from '../../src/analysis/modules.js';
import { projectModuleParses, setProjectFileRecheckInterval } from '../../src/analysis/project-files.js';
import { analyse, ANALYSIS_FIXTURES, type Probe, type Tier } from './harness.js';

/** The static value of the initializer of `const probe = ...` (the last declaration named probe). */
function valueOfProbe(code: string, tier: Tier = 'typescript', filename?: string): unknown {
  return analyse(
    code,
    (probe) => {
      const result = probe.facts.constants.value(probeInit(probe));
      return result === null ? NOT_KNOWN : result.value;
    },
    { tier, ...(filename === undefined ? {} : { filename }) },
  );
}

const NOT_KNOWN = Symbol('not known');

function probeInit(probe: Probe): TSESTree.Expression {
  const declarators = probe
    .all()
    .filter(
      (node): node is TSESTree.VariableDeclarator =>
        node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === 'probe',
    );
  const init = declarators.at(-1)?.init;
  if (!init) throw new Error('no `const probe = ...` in the code');
  return init;
}

/** Entries as plain data: key, value when knowable, and where a spread entry came from. */
function entriesOf(code: string, filename?: string): { complete: boolean; entries: [string | null, unknown, string | null][] } | null {
  return analyse(
    code,
    (probe) => {
      const object: ObjectEntries | null = probe.facts.constants.objectEntries(probeInit(probe));
      if (!object) return null;
      return {
        complete: object.complete,
        entries: object.entries.map((entry): [string | null, unknown, string | null] => {
          const value = probe.facts.constants.valueOf(entry.value);
          return [entry.key, value === null ? NOT_KNOWN : value.value, entry.via];
        }),
      };
    },
    filename === undefined ? {} : { filename },
  );
}

describe('ConstantResolver.value: local constants', () => {
  it('string, number, boolean and null literals', () => {
    expect(valueOfProbe(`const probe = '*';`)).toBe('*');
    expect(valueOfProbe(`const probe = 42;`)).toBe(42);
    expect(valueOfProbe(`const probe = true;`)).toBe(true);
    expect(valueOfProbe(`const probe = null;`)).toBeNull();
  });

  it('a regex literal is a RegExp', () => {
    const value = valueOfProbe(`const probe = /^https:\\/\\/app\\.example\\.com$/u;`);
    expect(value).toBeInstanceOf(RegExp);
    expect(String(value)).toBe('/^https:\\/\\/app\\.example\\.com$/u');
  });

  it('template literals without and with constant expressions', () => {
    expect(valueOfProbe('const probe = `*`;')).toBe('*');
    expect(valueOfProbe("const host = 'app';\nconst probe = `https://${host}.example.com:${8000 + 443}`;")).toBe(
      'https://app.example.com:8443',
    );
  });

  it('a template with an unknown expression is not known', () => {
    expect(valueOfProbe('const probe = `https://${process.env.HOST}`;')).toBe(NOT_KNOWN);
  });

  it('const chains through several hops', () => {
    const code = `const a = '*';\nconst b = a;\nconst c = b;\nconst d = c;\nconst probe = d;`;
    expect(valueOfProbe(code)).toBe('*');
  });

  it('concatenation, also of constants', () => {
    expect(valueOfProbe(`const probe = 'https://' + 'app.example.com';`)).toBe('https://app.example.com');
    expect(valueOfProbe(`const domain = 'example.com';\nconst probe = 'https://app.' + domain;`)).toBe(
      'https://app.example.com',
    );
  });

  it('`as const` objects and arrays, and lookups into them', () => {
    const code = [
      `const CONFIG = { cors: { origin: '*', credentials: true } } as const;`,
      `const ORIGINS = ['https://a.example.com', 'https://b.example.com'] as const;`,
      `const origin = CONFIG.cors.origin;`,
      `const second = ORIGINS[1];`,
      `const probe = [origin, second, CONFIG['cors'].credentials, ORIGINS.length];`,
    ].join('\n');
    expect(valueOfProbe(code)).toEqual(['*', 'https://b.example.com', true, 2]);
  });

  it('property lookup on plain constant objects', () => {
    const code = `const settings = { allowed: { origin: '*' } };\nconst probe = settings.allowed.origin;`;
    expect(valueOfProbe(code)).toBe('*');
  });

  it('sees through `satisfies`, `!` and angle-bracket casts', () => {
    expect(valueOfProbe(`const probe = ('*' satisfies string);`)).toBe('*');
    expect(valueOfProbe(`const origin: string | undefined = '*';\nconst probe = origin!;`)).toBe('*');
  });

  it('a `let` that is never reassigned is followed like a const (src: ConstantResolver.definitionOf)', () => {
    expect(valueOfProbe(`let origin = '*';\nconst probe = origin;`)).toBe('*');
  });

  it('a `let` that is reassigned is not known', () => {
    const code = `let origin = 'https://app.example.com';\norigin = process.env.ORIGIN;\nconst probe = origin;`;
    expect(valueOfProbe(code)).toBe(NOT_KNOWN);
  });

  it('a `let` read inside a function is not known, as it may change before the call', () => {
    const code = [
      `let origin = 'https://app.example.com';`,
      `export function configure(value) { origin = value; }`,
      `export function handler() { const probe = origin; return probe; }`,
    ].join('\n');
    expect(valueOfProbe(code)).toBe(NOT_KNOWN);
  });

  it('parameters, env reads and calls are not known', () => {
    expect(valueOfProbe(`export function f(origin) { const probe = origin; return probe; }`)).toBe(NOT_KNOWN);
    expect(valueOfProbe(`const probe = process.env.CORS_ORIGIN;`)).toBe(NOT_KNOWN);
    expect(valueOfProbe(`const probe = getOrigin();`)).toBe(NOT_KNOWN);
  });

  it('works the same through espree (plain JavaScript)', () => {
    expect(valueOfProbe("const a = '*';\nconst b = `${a}`;\nconst probe = b;", 'espree')).toBe('*');
  });

  it('cycles and TDZ self-references answer "not known" instead of looping', () => {
    expect(valueOfProbe(`const a = b;\nconst b = a;\nconst probe = a;`)).toBe(NOT_KNOWN);
    expect(valueOfProbe(`const probe = { ...probe };`)).toBe(NOT_KNOWN);
  });
});

describe('ConstantResolver.resolve', () => {
  it('follows a const identifier to its initializer through several hops', () => {
    const code = `const options = { origin: '*' };\nconst alias = options;\nconst probe = alias;`;
    analyse(code, (probe) => {
      const resolved = probe.facts.constants.resolve(probeInit(probe));
      expect(resolved.kind).toBe('node');
      expect(resolved.kind === 'node' && probe.sourceCode.getText(resolved.node)).toBe(`{ origin: '*' }`);
    });
  });

  it('stops at a reassigned `let`, a parameter or a destructured const (the node itself)', () => {
    const code = [
      `let mutable = { origin: '*' };`,
      `mutable = { origin: 'https://app.example.com' };`,
      `const { nested } = { nested: { origin: '*' } };`,
      `export function f(param) { return [mutable, nested, param]; }`,
    ].join('\n');
    analyse(code, (probe) => {
      for (const name of ['mutable', 'nested', 'param']) {
        const identifier = probe.identifier(name, name === 'mutable' ? 2 : 1);
        const resolved = probe.facts.constants.resolve(identifier);
        expect(resolved).toMatchObject({ kind: 'node', node: identifier, foreign: null });
      }
    });
  });
});

describe('ConstantResolver.definitionOf', () => {
  const code = [
    `const fixed = 1;`,
    `let neverReassigned = 2;`,
    `let reassigned = 3;`,
    `reassigned = 4;`,
    `const { destructured } = { destructured: 5 };`,
    `function declared() {}`,
    `export function f(param) { return [fixed, neverReassigned, reassigned, destructured, declared, param]; }`,
  ].join('\n');

  it('gives the declarator of consts, destructured consts and never-reassigned lets, and function declarations', () => {
    analyse(code, (probe) => {
      const { constants } = probe.facts;
      expect(constants.definitionOf(probe.identifier('fixed', 1))?.type).toBe('VariableDeclarator');
      expect(constants.definitionOf(probe.identifier('neverReassigned', 1))?.type).toBe('VariableDeclarator');
      expect(constants.definitionOf(probe.identifier('destructured', 2))?.type).toBe('VariableDeclarator');
      expect(constants.definitionOf(probe.identifier('declared', 1))?.type).toBe('FunctionDeclaration');
    });
  });

  it('gives null for reassigned lets, parameters and undeclared names', () => {
    analyse(`${code}\nundeclared;`, (probe) => {
      const { constants } = probe.facts;
      expect(constants.definitionOf(probe.identifier('reassigned', 2))).toBeNull();
      expect(constants.definitionOf(probe.identifier('param', 1))).toBeNull();
      expect(constants.definitionOf(probe.identifier('undeclared'))).toBeNull();
    });
  });
});

describe('ConstantResolver.objectEntries', () => {
  it('lists the entries of an object literal in place, with no `via`', () => {
    const code = `const probe = { 'Access-Control-Allow-Origin': '*', Vary: 'Origin' };`;
    expect(entriesOf(code)).toEqual({
      complete: true,
      entries: [
        ['Access-Control-Allow-Origin', '*', null],
        ['Vary', 'Origin', null],
      ],
    });
  });

  it('lists the entries of an object behind a const, `via` that name', () => {
    const code = `const headers = { 'Access-Control-Allow-Origin': '*', Vary: 'Origin' };\nconst probe = headers;`;
    expect(entriesOf(code)).toEqual({
      complete: true,
      entries: [
        ['Access-Control-Allow-Origin', '*', 'headers'],
        ['Vary', 'Origin', 'headers'],
      ],
    });
  });

  it('follows a local helper with a single return: `headers: getCorsHeaders()`', () => {
    const code = [
      `function getCorsHeaders() {`,
      `  return { 'Access-Control-Allow-Origin': '*' };`,
      `}`,
      `const probe = getCorsHeaders();`,
    ].join('\n');
    expect(entriesOf(code)?.entries.map(([key, value]) => [key, value])).toEqual([['Access-Control-Allow-Origin', '*']]);
  });

  it('does not follow a helper with several returns, or an async helper', () => {
    const code = [
      `function pick(flag) {`,
      `  if (flag) return { origin: '*' };`,
      `  return { origin: 'https://app.example.com' };`,
      `}`,
      `async function later() { return { origin: '*' }; }`,
      `const probe = [pick(true), later()];`,
    ].join('\n');
    analyse(code, (probe) => {
      const [first, second] = (probeInit(probe) as TSESTree.ArrayExpression).elements;
      expect(first && probe.facts.constants.objectEntries(first)).toBeNull();
      expect(second && probe.facts.constants.objectEntries(second)).toBeNull();
    });
  });

  it('expands spreads in order and says where a spread entry came from', () => {
    const code = [
      `const base = { 'Access-Control-Allow-Origin': '*' };`,
      `const more = { ...base, 'Access-Control-Allow-Credentials': 'true' };`,
      `const probe = { ...more, 'Content-Type': 'application/json' };`,
    ].join('\n');
    expect(entriesOf(code)).toEqual({
      complete: true,
      entries: [
        ['Access-Control-Allow-Origin', '*', 'more'],
        ['Access-Control-Allow-Credentials', 'true', 'more'],
        ['Content-Type', 'application/json', null],
      ],
    });
  });

  it('is incomplete when a spread cannot be seen, and keeps the entries it can see', () => {
    const code = `export function f(extra) {\n  const probe = { ...extra, origin: 'https://app.example.com' };\n  return probe;\n}`;
    expect(entriesOf(code)).toEqual({ complete: false, entries: [['origin', 'https://app.example.com', null]] });
  });

  it('is incomplete when a computed key cannot be known, which it lists with a null key', () => {
    const code = `export function f(key) {\n  const probe = { [key]: '*', ['Vary']: 'Origin' };\n  return probe;\n}`;
    expect(entriesOf(code)).toEqual({
      complete: false,
      entries: [
        [null, '*', null],
        ['Vary', 'Origin', null],
      ],
    });
  });

  it('answers null for something that is not an object', () => {
    expect(entriesOf(`const probe = ['*'];`)).toBeNull();
    expect(entriesOf(`export function f(options) { const probe = options; return probe; }`)).toBeNull();
  });

  it('does not loop on a self-referential spread (a TDZ error at run time): it stops, incomplete', () => {
    const result = entriesOf(`const probe = { ...probe, origin: '*' };`);
    expect(result?.complete).toBe(false);
    expect(result?.entries.length).toBeGreaterThan(0);
    for (const [key, value] of result?.entries ?? []) expect([key, value]).toEqual(['origin', '*']);
  });
});

describe('cross-module constants (tests/fixtures/analysis)', () => {
  const importer = path.join(ANALYSIS_FIXTURES, 'importer.ts');

  it('resolveRelativeModule finds .ts behind a .js specifier, extensionless files and directory indexes', () => {
    expect(resolveRelativeModule(importer, './cors-constants.js')).toBe(path.join(ANALYSIS_FIXTURES, 'cors-constants.ts'));
    expect(resolveRelativeModule(importer, './cors-constants')).toBe(path.join(ANALYSIS_FIXTURES, 'cors-constants.ts'));
    expect(resolveRelativeModule(importer, './js-module.js')).toBe(path.join(ANALYSIS_FIXTURES, 'js-module.js'));
    expect(resolveRelativeModule(importer, './lib')).toBe(path.join(ANALYSIS_FIXTURES, 'lib/index.ts'));
    expect(resolveRelativeModule(path.join(ANALYSIS_FIXTURES, 'lib/index.ts'), '../cors-constants')).toBe(
      path.join(ANALYSIS_FIXTURES, 'cors-constants.ts'),
    );
  });

  it('resolveRelativeModule answers null for packages and missing files', () => {
    expect(resolveRelativeModule(importer, 'cors')).toBeNull();
    expect(resolveRelativeModule(importer, '@/lib/cors')).toBeNull();
    expect(resolveRelativeModule(importer, './does-not-exist')).toBeNull();
  });

  it('readForeignModule indexes top-level constants and exports', () => {
    const module = readForeignModule(path.join(ANALYSIS_FIXTURES, 'cors-constants.ts'));
    expect(module).not.toBeNull();
    if (!module) return;
    expect([...module.exports.keys()].sort()).toEqual(
      ['CONCATENATED', 'CORS_PORT', 'ORIGIN', 'RENAMED_ORIGIN', 'TEMPLATE_ORIGIN', 'corsHeaders', 'nestedHeaders'].sort(),
    );
    expect(module.exports.get('RENAMED_ORIGIN')).toBe('hidden');
    expect(module.constants.has('WILDCARD')).toBe(true);
    expect(module.constants.has('mutableOrigin')).toBe(false);
    expect(module.defaultExpression?.type).toBe('ObjectExpression');
    expect(foreignExport(module, 'ORIGIN')?.expression.type).toBe('Identifier');
    expect(foreignExport(module, 'default')?.expression.type).toBe('ObjectExpression');
    expect(foreignExport(module, 'mutableOrigin')).toBeNull();
  });

  describe('unreadable modules', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'production-ready-analysis-'));
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('a file with a syntax error, a missing file and a .d.ts give null instead of throwing', () => {
      const broken = path.join(dir, 'broken.ts');
      writeFileSync(broken, 'export const = ;');
      const declarations = path.join(dir, 'types.d.ts');
      writeFileSync(declarations, "export declare const ORIGIN: '*';");
      expect(readForeignModule(broken)).toBeNull();
      expect(readForeignModule(path.join(dir, 'missing.ts'))).toBeNull();
      expect(readForeignModule(declarations)).toBeNull();
    });

    it('is parsed once, and again when the file changes and the recheck interval has passed', () => {
      const file = path.join(dir, 'changing.ts');
      writeFileSync(file, "export const ORIGIN = 'https://app.example.com';");
      utimesSync(file, new Date(1_000_000), new Date(1_000_000));
      try {
        setProjectFileRecheckInterval(60_000);
        const parses = projectModuleParses();
        expect(readForeignModule(file)?.exports.has('ORIGIN')).toBe(true);
        expect(readForeignModule(file)?.exports.has('ORIGIN')).toBe(true);
        expect(projectModuleParses() - parses).toBe(1);
        writeFileSync(file, "export const OTHER = '*';");
        utimesSync(file, new Date(2_000_000), new Date(2_000_000));
        // Within the interval the file is not looked at again.
        expect(readForeignModule(file)?.exports.has('ORIGIN')).toBe(true);
        setProjectFileRecheckInterval(0);
        expect(readForeignModule(file)?.exports.has('OTHER')).toBe(true);
        expect(projectModuleParses() - parses).toBe(2);
        clearForeignModuleCache();
        expect(readForeignModule(file)?.exports.has('ORIGIN')).toBe(false);
      } finally {
        setProjectFileRecheckInterval(1000);
      }
    });
  });

  const importCode = [
    `import defaultOptions, { ORIGIN, TEMPLATE_ORIGIN, CONCATENATED, CORS_PORT, RENAMED_ORIGIN, corsHeaders, nestedHeaders, mutableOrigin } from './cors-constants.js';`,
    `import { INDEX_ORIGIN } from './lib';`,
    `import { JS_ORIGIN } from './js-module.js';`,
  ].join('\n');

  it('the value of an imported constant, followed into the other module', () => {
    const code = `${importCode}\nconst probe = [ORIGIN, TEMPLATE_ORIGIN, CONCATENATED, CORS_PORT, RENAMED_ORIGIN, INDEX_ORIGIN, JS_ORIGIN];`;
    const values = analyse(
      code,
      (probe) => {
        const array = probeInit(probe) as TSESTree.ArrayExpression;
        return array.elements.map((element) => (element ? (probe.facts.constants.value(element)?.value ?? NOT_KNOWN) : NOT_KNOWN));
      },
      { filename: 'importer.ts' },
    );
    expect(values).toEqual([
      '*',
      'https://app.example.com',
      'https://api.example.com',
      8080,
      'https://hidden.example.com',
      'https://index.example.com',
      '*',
    ]);
  });

  it('a constant re-exported through a barrel (named and `export *`)', () => {
    const code = `import { BARREL_ORIGIN, INDEX_ORIGIN } from './barrel';\nconst probe = [BARREL_ORIGIN, INDEX_ORIGIN];`;
    const values = analyse(
      code,
      (probe) =>
        (probeInit(probe) as TSESTree.ArrayExpression).elements.map((element) =>
          element ? (probe.facts.constants.value(element)?.value ?? NOT_KNOWN) : NOT_KNOWN,
        ),
      { filename: 'importer.ts' },
    );
    expect(values).toEqual(['*', 'https://index.example.com']);
    const entries = entriesOf(`import { barrelHeaders } from './barrel';\nconst probe = barrelHeaders;`, 'importer.ts');
    expect(entries?.entries.map(([key, value]) => [key, value])).toEqual([
      ['Access-Control-Allow-Methods', 'GET, POST'],
      ['Access-Control-Allow-Origin', '*'],
    ]);
  });

  it('an imported `let` is not known', () => {
    expect(valueOfProbe(`${importCode}\nconst probe = mutableOrigin;`, 'typescript', 'importer.ts')).toBe(NOT_KNOWN);
  });

  it('the entries of an imported object, spreads inside the other module included', () => {
    expect(entriesOf(`${importCode}\nconst probe = { ...corsHeaders, 'Content-Type': 'text/plain' };`, 'importer.ts')).toEqual({
      complete: true,
      entries: [
        ['Access-Control-Allow-Methods', 'GET, POST', expect.stringContaining('corsHeaders')],
        ['Access-Control-Allow-Origin', '*', expect.stringContaining('corsHeaders')],
        ['Content-Type', 'text/plain', null],
      ],
    });
    const nested = entriesOf(`${importCode}\nconst probe = nestedHeaders;`, 'importer.ts');
    expect(nested?.complete).toBe(true);
    expect(nested?.entries.map(([key, value]) => [key, value])).toEqual([
      ['Access-Control-Allow-Methods', 'GET, POST'],
      ['Access-Control-Allow-Origin', '*'],
      ['Content-Type', 'application/json'],
    ]);
  });

  it('the default export of another module', () => {
    expect(entriesOf(`${importCode}\nconst probe = defaultOptions;`, 'importer.ts')?.entries).toEqual([
      ['origin', '*', 'defaultOptions'],
    ]);
  });

  it('resolves the imported identifier to a node of the foreign module', () => {
    analyse(
      `${importCode}\nconst probe = corsHeaders;`,
      (probe) => {
        const resolved: Resolved = probe.facts.constants.resolve(probeInit(probe));
        expect(resolved.kind).toBe('node');
        if (resolved.kind !== 'node') return;
        expect(resolved.foreign?.fileName).toBe(path.join(ANALYSIS_FIXTURES, 'cors-constants.ts'));
        expect(resolved.node.type).toBe('ObjectExpression');
      },
      { filename: 'importer.ts' },
    );
  });

  it('an import of a missing relative module is not known', () => {
    expect(valueOfProbe(`import { ORIGIN } from './missing';\nconst probe = ORIGIN;`, 'typescript', 'importer.ts')).toBe(
      NOT_KNOWN,
    );
  });
});

describe('library constants: Supabase corsHeaders', () => {
  const specifiers = [
    '@supabase/supabase-js/cors',
    'npm:@supabase/supabase-js@2/cors',
    'jsr:@supabase/supabase-js@2/cors',
    'https://esm.sh/@supabase/supabase-js@2/cors',
  ];
  for (const specifier of specifiers) {
    it(`import { corsHeaders } from '${specifier}' is a wildcard`, () => {
      const result = entriesOf(`import { corsHeaders } from '${specifier}';\nconst probe = { ...corsHeaders };`);
      expect(result?.entries).toEqual([['Access-Control-Allow-Origin', '*', 'corsHeaders']]);
    });
  }

  it('the value of the whole export is known too', () => {
    expect(valueOfProbe(`import { corsHeaders } from '@supabase/supabase-js/cors';\nconst probe = corsHeaders;`)).toEqual({
      'Access-Control-Allow-Origin': '*',
    });
  });

  it('another export of the same module, or the same name from another module, is not', () => {
    expect(valueOfProbe(`import { other } from '@supabase/supabase-js/cors';\nconst probe = other;`)).toBe(NOT_KNOWN);
    expect(valueOfProbe(`import { corsHeaders } from '@supabase/supabase-js';\nconst probe = corsHeaders;`)).toBe(NOT_KNOWN);
  });
});
