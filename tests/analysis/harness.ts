/**
 * A tiny harness for the analysis layer's unit tests: it parses real code with ESLint's `Linter`
 * (the parser a user would run), runs a throwaway rule whose `Program:exit` hands the file's shared
 * facts to the test, and returns whatever the test computed. Nothing here is mocked: scope
 * analysis, parser services and the `Program` cache are the ones the rules see.
 *
 * The typed tier uses typescript-eslint's project service, of which there is one per process,
 * configured by the first typed parse: a test file uses one typed project only.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { type FileFacts, getFileFacts } from '../../src/analysis/file-facts.js';
import { type Tier, tierLanguageOptions } from '../testers.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '../..');
export const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures');
/** Fixture files of the analysis tests (cross-module constants). */
export const ANALYSIS_FIXTURES = path.join(FIXTURES, 'analysis');
/** The typed fixture project shared with the rule tests: a tsconfig that sees the real type packages. */
export const TYPED_ROOT = path.join(FIXTURES, 'typed');

export type { Tier } from '../testers.js';

export interface AnalyseOptions {
  /** Absolute path, or relative to `tests/fixtures/analysis` (typed tier: to the typed project). */
  readonly filename?: string;
  readonly tier?: Tier;
  /** Typed tier: the project root (a folder with a tsconfig.json); `tests/fixtures/typed` by default. */
  readonly project?: string;
}

/** A node type by name (`'CallExpression'`), and the node type it names. */
export type NodeType = keyof typeof AST_NODE_TYPES;
export type NodeOfType<T extends NodeType> = Extract<TSESTree.Node, { type: (typeof AST_NODE_TYPES)[T] }>;

export interface Probe {
  readonly facts: FileFacts;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly program: TSESTree.Program;
  readonly filename: string;
  /** Every node of the file, in source order (pre-order). */
  all(): TSESTree.Node[];
  /** The first node (pre-order) of `type` whose source text is exactly `text`. Throws when absent. */
  node<T extends NodeType>(type: T, text: string, nth?: number): NodeOfType<T>;
  /** The first identifier named `name`, optionally the n-th occurrence (0-based). */
  identifier(name: string, nth?: number): TSESTree.Identifier;
  /** The first function (declaration, expression or arrow) whose text starts with `prefix`. */
  fn(prefix: string): TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;
}

const linter = new Linter({ cwd: REPO_ROOT });

/**
 * Lints `code` with a throwaway rule and returns `inspect`'s answer, computed at `Program:exit`
 * (when scope analysis is complete). Parse errors and exceptions surface as thrown errors.
 */
export function analyse<T>(code: string, inspect: (probe: Probe) => T, options: AnalyseOptions = {}): T {
  const tier = options.tier ?? 'typescript';
  const project = options.project ?? TYPED_ROOT;
  const root = tier === 'typed' ? project : ANALYSIS_FIXTURES;
  const filename = path.resolve(root, options.filename ?? (tier === 'espree' ? 'file.js' : 'file.ts'));
  // A holder, not a local: the answer is written from inside the rule's listener.
  const state: { outcome?: { readonly value: T } } = {};
  const rule = {
    meta: { type: 'problem', schema: [], messages: {} },
    create(context: Readonly<TSESLint.RuleContext<string, unknown[]>>): TSESLint.RuleListener {
      return {
        'Program:exit'(program: TSESTree.Program) {
          state.outcome = { value: inspect(makeProbe(getFileFacts(context), context.sourceCode, program, context.filename)) };
        },
      };
    },
  };
  const plugin = { rules: { inspect: rule } } as unknown as TSESLint.FlatConfig.Plugin;
  const config = {
    files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: tierLanguageOptions(tier, { tsconfigRootDir: project, allowDefaultProject: ['*.ts', '*.tsx'] }),
    plugins: { probe: plugin },
    rules: { 'probe/inspect': 'error' },
  };
  const messages = linter.verify(code, config as Linter.Config, { filename });
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${filename}:${fatal.line}:${fatal.column}: ${fatal.message}`);
  if (!state.outcome) throw new Error(`the probe rule did not run on ${filename}: ${JSON.stringify(messages)}`);
  return state.outcome.value;
}


function makeProbe(
  facts: FileFacts,
  sourceCode: Readonly<TSESLint.SourceCode>,
  program: TSESTree.Program,
  filename: string,
): Probe {
  let nodes: TSESTree.Node[] | undefined;
  const all = (): TSESTree.Node[] => {
    nodes ??= collect(program, sourceCode.visitorKeys);
    return nodes;
  };
  const pick = <N extends TSESTree.Node>(candidates: N[], nth: number, what: string): N => {
    const found = candidates[nth];
    if (!found) throw new Error(`no ${what} (occurrence ${nth}) in:\n${sourceCode.text}`);
    return found;
  };
  return {
    facts,
    sourceCode,
    program,
    filename,
    all,
    node(type, text, nth = 0) {
      const candidates = all().filter(
        (node): node is NodeOfType<typeof type> => node.type === AST_NODE_TYPES[type] && sourceCode.getText(node) === text,
      );
      return pick(candidates, nth, `${type} \`${text}\``);
    },
    identifier(name, nth = 0) {
      const candidates = all().filter(
        (node): node is TSESTree.Identifier => node.type === AST_NODE_TYPES.Identifier && node.name === name,
      );
      return pick(candidates, nth, `identifier ${name}`);
    },
    fn(prefix) {
      const candidates = all().filter(
        (node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression =>
          (node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
            node.type === AST_NODE_TYPES.FunctionDeclaration ||
            node.type === AST_NODE_TYPES.FunctionExpression) &&
          sourceCode.getText(node).startsWith(prefix),
      );
      return pick(candidates, 0, `function starting with \`${prefix}\``);
    },
  };
}

function collect(root: TSESTree.Node, keys: Readonly<Record<string, readonly string[] | undefined>>): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    out.push(node);
    const children: TSESTree.Node[] = [];
    for (const key of keys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) children.push(child);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    stack.push(...children.reverse());
  }
  return out;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
