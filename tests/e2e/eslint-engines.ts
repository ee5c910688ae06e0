/**
 * What the end-to-end tests share: the two ESLint majors they drive through the Node API (ESLint 10
 * as `eslint`, ESLint 9 as the `eslint-v9` npm alias, docs/decisions/0002-dependencies.md), the
 * slice of the `ESLint` class both majors have, and findings in a form a test can compare exactly.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { ESLint } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';

export interface LintMessage {
  readonly ruleId: string | null;
  readonly messageId?: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly fatal?: boolean;
}
export interface LintResult {
  readonly filePath: string;
  readonly messages: readonly LintMessage[];
}
export interface RulesMeta {
  readonly docs?: { readonly url?: string };
}
export interface LinterApi {
  lintFiles(patterns: string | string[]): Promise<LintResult[]>;
  getRulesMetaForResults(results: LintResult[]): Record<string, RulesMeta>;
}
/** The slice of the ESLint class both majors share. */
export interface EngineClass {
  new (options: Record<string, unknown>): LinterApi;
  readonly version: string;
  fromOptionsModule(optionsUrl: URL): Promise<LinterApi>;
}

export interface Engine {
  readonly name: string;
  readonly major: number;
  readonly Engine: EngineClass;
  /** Where a config file imports this major's `defineConfig` from. */
  readonly configApi: string;
}

export const ENGINES: readonly Engine[] = [
  { name: 'ESLint 10', major: 10, Engine: ESLint, configApi: 'eslint/config' },
  { name: 'ESLint 9', major: 9, Engine: ESLint9, configApi: 'eslint-v9/config' },
];

export interface Finding {
  /** Relative to the linted app, with `/` separators. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
  readonly messageId: string;
}

/** Sorted in file, line, column, rule and messageId order (in place). */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.messageId.localeCompare(b.messageId),
  );
}

export function relative(cwd: string, filePath: string): string {
  return path.relative(cwd, filePath).split(path.sep).join('/');
}

/** Every message, parse errors included (they show up with the `(fatal)` rule id). */
export function findingsOf(results: readonly LintResult[], cwd: string): Finding[] {
  return sortFindings(
    results.flatMap((result) =>
      result.messages.map((message) => ({
        file: relative(cwd, result.filePath),
        line: message.line,
        column: message.column,
        ruleId: message.ruleId ?? (message.fatal ? '(fatal)' : '(none)'),
        messageId: message.messageId ?? message.message,
      })),
    ),
  );
}

const SOURCE_FILES = /\.(?:[cm]?[jt]s|[jt]sx)$/u;

/** An app's lintable files, sorted: guards against a `files` pattern that silently lints nothing. */
export function sourceFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? sourceFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        : SOURCE_FILES.test(entry.name)
          ? [`${prefix}${entry.name}`]
          : [],
    )
    .sort();
}
