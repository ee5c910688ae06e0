/**
 * Count-based cost tests (never timings): lint one file with only the rule under test plus a probe
 * rule that keeps the file's `Program`, so a test can ask the shared per-file facts what the rule
 * made them compute (`computedFileFacts(linted())` is empty when no fact beyond the path role was built;
 * `typesRequested` says whether the type checker was asked).
 */
import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { TYPED_ROOT, tierLanguageOptions } from './testers.js';

export interface CostLint {
  /** The rule's options (its `['error', ...options]` tail). */
  readonly options?: readonly unknown[];
  /** Relative to the typed fixture project; `file.ts` by default. */
  readonly filename?: string;
  /** With type information (the typed fixture project's tsconfig); `true` by default. */
  readonly typed?: boolean;
}

export interface CostProbe {
  /** Lints `code` with the rule alone; fails on a parse error. Returns the rule's messages. */
  readonly lint: (code: string, settings?: CostLint) => Linter.LintMessage[];
  /** The Program of the file last linted, as the rules saw it. */
  readonly linted: () => TSESTree.Program;
}

type PluginObject = NonNullable<Linter.Config['plugins']>[string];

export function costProbe(ruleName: string, rule: unknown): CostProbe {
  const linter = new Linter({ cwd: TYPED_ROOT });
  const seen: { program?: TSESTree.Program } = {};
  const probe = {
    rules: {
      program: {
        meta: { type: 'problem', schema: [], messages: {} },
        create(context: { sourceCode: { ast: TSESTree.Program } }) {
          return {
            'Program:exit'() {
              seen.program = context.sourceCode.ast;
            },
          };
        },
      },
    },
  };
  return {
    lint: (code, { options = [], filename = 'file.ts', typed = true } = {}) => {
      delete seen.program;
      const messages = linter.verify(
        code,
        {
          files: ['**/*.ts', '**/*.tsx'],
          languageOptions: tierLanguageOptions(typed ? 'typed' : 'typescript'),
          plugins: {
            'production-ready': { rules: { [ruleName]: rule } } as unknown as PluginObject,
            probe: probe as unknown as PluginObject,
          },
          rules: { [`production-ready/${ruleName}`]: ['error', ...options], 'probe/program': 'error' },
        },
        { filename: path.join(TYPED_ROOT, filename) },
      );
      const fatal = messages.find((message) => message.fatal);
      if (fatal) throw new Error(`${filename}:${fatal.line}:${fatal.column}: ${fatal.message}`);
      return messages;
    },
    linted: () => {
      if (!seen.program) throw new Error('the probe rule did not run');
      return seen.program;
    },
  };
}
