import { ESLintUtils } from '@typescript-eslint/utils';

/**
 * Where a rule sits in the presets, in typescript-eslint's shape:
 * - `'recommended'`: on in `recommended` and `strict` with the default options;
 * - `'strict'`: on only in `strict`;
 * - `{ recommended: true, strict: [...] }`: on in both, `strict` with the given (stricter) options.
 */
export type RuleRecommendation<Options extends readonly unknown[]> =
  | 'recommended'
  | 'strict'
  | { readonly recommended: true; readonly strict: Options };

export interface PluginDocs {
  /** CWE ids (`CWE-942`) that SARIF formatters and code-scanning dashboards can surface. */
  readonly cwe: readonly `CWE-${number}`[];
  readonly recommended: RuleRecommendation<readonly unknown[]>;
  /** Every rule of this plugin runs without type information and improves with it. */
  readonly requiresTypeChecking: false;
}

/**
 * The rule docs ship inside the npm package (`files` includes `docs/rules`); a versionless unpkg
 * address resolves to the page of the latest published release (docs/decisions/0004-docs-url.md).
 */
export const DOCS_BASE_URL = 'https://unpkg.com/eslint-plugin-production-ready/docs/rules/';

export const createRule = ESLintUtils.RuleCreator<PluginDocs>(
  (name) => `${DOCS_BASE_URL}${name}.md`,
);
