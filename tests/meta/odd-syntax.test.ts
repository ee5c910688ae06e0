/**
 * Every rule of the plugin runs over a corpus of odd but valid syntax (tests/fixtures/odd-syntax)
 * in every tier — JavaScript through espree, TypeScript without types, TypeScript with types — and
 * must neither throw nor produce a fatal message. The corpus must parse: each file is first linted
 * with no rule at all, so a parse error (or a stack overflow in ESLint itself) points at the corpus,
 * while a failure in a rule's test points at the rule.
 *
 * The deep files are generated (see the generator notes at their top) to depths that espree,
 * typescript-estree and ESLint's own traversal handle on a default Node stack; typescript-estree
 * overflows near 900 levels, espree near 4,000 for binary chains and 700 for parentheses, so
 * "2,000 nested parens" cannot be part of a valid corpus, and the TypeScript file stays shallower.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { ConstantResolver } from '../../src/analysis/constants.js';
import { ImportIndex } from '../../src/analysis/imports.js';
import plugin from '../../src/index.js';
import { rules } from '../../src/rules/index.js';
import { type Tier, tierLanguageOptions } from '../testers.js';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/odd-syntax');
const JAVASCRIPT = /\.(?:js|jsx|mjs|cjs)$/u;
const TYPESCRIPT = /\.(?:ts|tsx|mts|cts)$/u;

// Files under default-project/ are excluded from the corpus tsconfig on purpose.
const ODD_TYPED = { tsconfigRootDir: CORPUS, allowDefaultProject: ['default-project/*.ts'] };
type RuleEntry = Linter.RuleEntry;

/**
 * Failures that are bugs in src/, kept visible: `it.fails` passes while the bug is there and fails
 * (asking for this entry to be removed) once it is fixed. Key: `<file> <tier> <rule>`.
 */
const KNOWN_SRC_BUGS: Readonly<Record<string, string>> = {};

const corpus = readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
  .map((file) => file.replaceAll('\\', '/'))
  .filter((file) => JAVASCRIPT.test(file) || TYPESCRIPT.test(file))
  .sort();

const linter = new Linter({ cwd: CORPUS });


function lint(file: string, tier: Tier, ruleEntries: Partial<Linter.RulesRecord>): Linter.LintMessage[] {
  const config: Linter.Config = {
    files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: tierLanguageOptions(tier, ODD_TYPED),
    plugins: { 'production-ready': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
    rules: ruleEntries,
  };
  const filename = path.join(CORPUS, file);
  const text = readText(filename);
  return linter.verify(text, config, { filename });
}

const texts = new Map<string, string>();
function readText(filename: string): string {
  let text = texts.get(filename);
  if (text === undefined) {
    text = readFileSync(filename, 'utf8');
    texts.set(filename, text);
  }
  return text;
}

/**
 * The option sets each rule runs with: its defaults, the strict preset's options, and every boolean
 * flipped from its default with catch-all path lists, so that option-gated code paths run too.
 */
function optionSets(name: string): { readonly label: string; readonly entry: RuleEntry }[] {
  const rule = rules[name as keyof typeof rules];
  const sets: { label: string; entry: RuleEntry }[] = [{ label: 'default options', entry: 'error' }];
  const recommendation = rule.meta.docs?.recommended;
  if (typeof recommendation === 'object') {
    sets.push({ label: 'strict options', entry: ['error', ...recommendation.strict] });
  }
  const [schema] = rule.meta.schema as unknown as { properties?: Record<string, { type?: string; items?: { type?: string; format?: string; pattern?: string } }> }[];
  const [defaults] = (rule.meta.defaultOptions ?? [{}]) as Record<string, unknown>[];
  const flipped: Record<string, unknown> = {};
  for (const [property, definition] of Object.entries(schema?.properties ?? {})) {
    if (definition.type === 'boolean') flipped[property] = defaults?.[property] !== true;
    if (definition.type === 'array' && definition.items?.type === 'string') {
      // Catch-all values each item schema accepts: regular expressions, identifier-like prefixes, path globs.
      if (definition.items.format === 'regex') flipped[property] = ['.*', '^A', 'Z$'];
      else if (definition.items.pattern !== undefined) flipped[property] = ['A_', 'APP_', '_'];
      else flipped[property] = ['/**', '/api/*', '*'];
    }
  }
  if (Object.keys(flipped).length > 0) sets.push({ label: 'every option flipped', entry: ['error', flipped] });
  return sets;
}

/** Fatal messages (and any other message not from a rule), readable in a failure. */
function describeFatal(messages: readonly Linter.LintMessage[]): string[] {
  return messages
    .filter((message) => message.fatal === true || message.ruleId === null)
    .map((message) => `${message.line}:${message.column} ${message.message}`);
}

function tiersOf(file: string): Tier[] {
  return JAVASCRIPT.test(file) ? ['espree'] : ['typescript', 'typed'];
}

describe('the odd-syntax corpus', () => {
  it('has JavaScript, JSX, TypeScript and TSX files', () => {
    expect(corpus.some((file) => file.endsWith('.js'))).toBe(true);
    expect(corpus.some((file) => file.endsWith('.jsx'))).toBe(true);
    expect(corpus.some((file) => file.endsWith('.ts'))).toBe(true);
    expect(corpus.some((file) => file.endsWith('.tsx'))).toBe(true);
  });
});

for (const file of corpus) {
  describe(file, () => {
    for (const tier of tiersOf(file)) {
      describe(tier, () => {
        it('is valid syntax: ESLint alone lints it without a fatal message', () => {
          expect(describeFatal(lint(file, tier, {}))).toEqual([]);
        });

        for (const name of Object.keys(rules)) {
          const bug = KNOWN_SRC_BUGS[`${file} ${tier} ${name}`];
          const test = bug === undefined ? it : it.fails;
          test(`${name} runs without exceptions or fatal messages${bug === undefined ? '' : ` (known src bug: ${bug})`}`, () => {
            for (const { label, entry } of optionSets(name)) {
              let messages: Linter.LintMessage[];
              try {
                messages = lint(file, tier, { [`production-ready/${name}`]: entry });
              } catch (error) {
                throw new Error(`${name} with ${label} threw on ${file} (${tier}): ${String(error)}`, { cause: error });
              }
              expect(describeFatal(messages), `${name} with ${label}`).toEqual([]);
            }
          });
        }
      });
    }
  });
}

/**
 * Whether a rule's stack use grows with the nesting of the code, measured deterministically: the
 * deepest JavaScript stack seen when the shared analysis layer is entered, for the same shape
 * nested SHALLOW and DEEP times. Stack overflows themselves depend on JIT state and frame sizes
 * (a cold rule overflows near 2,000 nested conditionals where ESLint parses 5,000), so the test
 * asserts the cause instead: bounded recursion gives the same depth for both; unbounded recursion
 * adds frames for every level, and real code of that depth would crash the lint run.
 */
const SHALLOW = 50;
const DEEP = 100;

const NESTING_SHAPES: Readonly<Record<string, (depth: number) => string>> = {
  'nested conditionals in an Access-Control-Allow-Origin value': (depth) =>
    `res.setHeader('Access-Control-Allow-Origin', ${'a ? a : '.repeat(depth)}'*');`,
  'an || chain in an Access-Control-Allow-Origin value': (depth) =>
    `res.setHeader('Access-Control-Allow-Origin', ${'a || '.repeat(depth)}'*');`,
  'a ?? chain in an Access-Control-Allow-Origin value': (depth) =>
    `res.setHeader('Access-Control-Allow-Origin', ${'a ?? '.repeat(depth)}'*');`,
  'a + chain in an Access-Control-Allow-Origin value': (depth) =>
    `res.setHeader('Access-Control-Allow-Origin', ${"'*' + ".repeat(depth)}'*');`,
  'nested calls in an Access-Control-Allow-Origin value': (depth) =>
    `res.setHeader('Access-Control-Allow-Origin', ${'f('.repeat(depth)}'*'${')'.repeat(depth)});`,
  'a long member chain as the Access-Control-Allow-Origin value': (depth) =>
    `res.setHeader('Access-Control-Allow-Origin', req${'.headers'.repeat(depth)}.origin);`,
  'nested conditionals in a cors() origin option': (depth) => `app.use(cors({ origin: ${'a ? a : '.repeat(depth)}'*' }));`,
  'nested objects in a cors() origin option': (depth) =>
    `app.use(cors({ origin: ${'{ origin: '.repeat(depth)}'*'${' }'.repeat(depth)} }));`,
  'nested spreads in response headers': (depth) =>
    `res.set({ ${'...{ '.repeat(depth)}'Access-Control-Allow-Origin': '*'${' }'.repeat(depth)} });`,
  'nested if statements around a header': (depth) =>
    `${'if (a) { '.repeat(depth)}res.setHeader('Access-Control-Allow-Origin', '*');${' }'.repeat(depth)}`,
  'nested arrow functions around a middleware': (depth) => `app.use(${'() => '.repeat(depth)}cors());`,
};

const KNOWN_UNBOUNDED: Readonly<Record<string, string>> = {};

function stackDepth(): number {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Number.POSITIVE_INFINITY;
  const depth = (new Error('depth probe').stack ?? '').split('\n').length;
  Error.stackTraceLimit = limit;
  return depth;
}

/** The deepest stack at which the analysis layer was entered while `rule` linted `code`. */
function deepestAnalysisStack(rule: string, code: string): number {
  let deepest = 0;
  const restore: (() => void)[] = [];
  const probe = (prototype: object, method: string): void => {
    const target = prototype as Record<string, unknown>;
    const original = target[method] as (...args: unknown[]) => unknown;
    target[method] = function (this: unknown, ...args: unknown[]): unknown {
      deepest = Math.max(deepest, stackDepth());
      return original.apply(this, args);
    };
    restore.push(() => {
      target[method] = original;
    });
  };
  for (const method of ['value', 'valueOf', 'resolve', 'objectEntries', 'definitionOf']) {
    probe(ConstantResolver.prototype, method);
  }
  for (const method of ['resolve', 'isExport']) probe(ImportIndex.prototype, method);
  try {
    const messages = new Linter({ cwd: CORPUS }).verify(
      code,
      {
        files: ['**/*.js'],
        languageOptions: tierLanguageOptions('espree'),
        plugins: { 'production-ready': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
        rules: { [`production-ready/${rule}`]: 'error' },
      },
      { filename: path.join(CORPUS, 'nesting-probe.js') },
    );
    expect(describeFatal(messages)).toEqual([]);
  } finally {
    for (const undo of restore) undo();
  }
  return deepest;
}

function nestingProgram(statement: string): string {
  return [
    "import cors from 'cors';",
    "import express from 'express';",
    'const app = express();',
    'const f = (x) => x;',
    "app.get('/nested', (req, res) => {",
    '  const a = req.query.a;',
    `  ${statement}`,
    '});',
    '',
  ].join('\n');
}

describe(`stack use does not grow with nesting (depth ${SHALLOW} vs ${DEEP})`, () => {
  for (const name of Object.keys(rules)) {
    for (const [shape, build] of Object.entries(NESTING_SHAPES)) {
      const bug = KNOWN_UNBOUNDED[`${name}: ${shape}`];
      const test = bug === undefined ? it : it.fails;
      test(`${name}: ${shape}${bug === undefined ? '' : ` (known src bug: ${bug})`}`, () => {
        const shallow = deepestAnalysisStack(name, nestingProgram(build(SHALLOW)));
        const deep = deepestAnalysisStack(name, nestingProgram(build(DEEP)));
        // Bounded recursion: the same depth for both (any cap below SHALLOW levels); unbounded
        // recursion: at least one extra frame per extra level.
        expect(deep - shallow, `deepest stack: ${shallow} frames at ${SHALLOW}, ${deep} at ${DEEP}`).toBeLessThan(
          (DEEP - SHALLOW) / 2,
        );
      });
    }
  }
});
