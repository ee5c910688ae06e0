import { ESLintUtils } from '@typescript-eslint/utils';

import { contextProperty } from './context-property.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './package-info.js';

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
  /**
   * What the rule protects: `security` (an attacker can use the finding) or `reliability` (users
   * or a dependency suffer when something fails). `@microsoft/eslint-formatter-sarif` copies it
   * into SARIF as the rule's `properties.category`; the README's recipe also makes it a tag.
   */
  readonly category: 'reliability' | 'security';
  /** CWE ids (`CWE-942`) that SARIF formatters and code-scanning dashboards can surface. */
  readonly cwe: readonly `CWE-${number}`[];
  readonly recommended: RuleRecommendation<readonly unknown[]>;
  /** Every rule of this plugin runs without type information and improves with it. */
  readonly requiresTypeChecking: false;
}

/**
 * The rule docs ship inside the npm package (`files` includes `docs/rules`); the address names the
 * installed version, so a finding links to the page that describes the rule the user runs
 * (docs/decisions/0007-versioned-docs-url.md).
 */
export const DOCS_BASE_URL = `https://unpkg.com/${PACKAGE_NAME}@${PACKAGE_VERSION}/docs/rules/`;

const ruleCreator = ESLintUtils.RuleCreator<PluginDocs>((name) => `${DOCS_BASE_URL}${name}.md`);

/**
 * typescript-eslint's `RuleCreator`, with the defaults merge done once per distinct option set
 * instead of on every file: `RuleCreator` calls `applyDefault` (a `structuredClone` and a deep
 * merge) in every `create`, which measured ~70 µs a file, more than our rules' own work on files
 * they skip. The merged options are frozen, since files share them.
 *
 * A rule's `create` is kept short: its first look at a file (the path, the first text signal),
 * then a call into a module-level `listenersFor` that holds the analysis. Most files are turned
 * away by that first look, and inside a lint a call into a long `create` cost about a microsecond
 * a file more than into a short one. (`no-unbounded-retry` is the exception: the loop listeners it
 * gives every file share its analysis' helpers.)
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, PluginDocs>>,
): ReturnType<typeof ruleCreator<Options, MessageIds>> {
  const created = ruleCreator(rule);
  const defaults = (rule.meta.defaultOptions ?? []) as unknown as Options;
  const merged = new Map<string, Options>();
  let plain: Options | undefined;
  // A rule configured as a bare severity (`'error'`: the presets) gets a new array on every file:
  // `[]` from ESLint 9 without `meta.defaultOptions` handling, or, from ESLint 9.15 on, a fresh
  // array whose elements are `meta.defaultOptions`' own objects. Both mean "the defaults", known
  // without serialising anything. Other arrays are also found by identity first, then by content.
  const byIdentity = new WeakMap<object, Options>();
  return {
    ...created,
    create(context) {
      // Not `context.options`: see `contextProperty`.
      const raw = contextProperty(context, 'options');
      let options: Options | undefined;
      if (isPlain(raw, defaults)) {
        options = plain ??= deepFreeze(ESLintUtils.applyDefault<Options, Options>(defaults, [] as unknown as Options));
      } else {
        options = byIdentity.get(raw);
        if (options === undefined) {
          const key = JSON.stringify(raw);
          options = merged.get(key) ?? deepFreeze(ESLintUtils.applyDefault<Options, Options>(defaults, raw));
          merged.set(key, options);
          byIdentity.set(raw, options);
        }
      }
      return rule.create(context, options);
    },
  };
}

/** Whether the options ESLint passed are the defaults themselves: none, or `defaultOptions`' own objects. */
function isPlain(raw: readonly unknown[], defaults: readonly unknown[]): boolean {
  if (raw.length === 0) return true;
  if (raw.length !== defaults.length) return false;
  for (let index = 0; index < raw.length; index++) if (raw[index] !== defaults[index]) return false;
  return true;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
