import type { PluginDocs } from '../src/util/create-rule.js';

/** The namespace users see in rule ids: `production-ready/no-wildcard-cors`. */
export const PLUGIN_NAMESPACE = 'production-ready';

export type PresetName = 'recommended' | 'strict';

/** The plugin as a preset exposes it: only what every config type (ESLint's, typescript-eslint's) accepts. */
export interface CompatiblePlugin {
  readonly meta: { readonly name: string; readonly version: string };
}

/** A rule entry: a severity, or a severity followed by the rule's options. */
export type PresetRuleEntry = 'error' | ['error', ...unknown[]];

/**
 * A preset as users receive it. Structural and minimal (the approach of typescript-eslint's
 * `CompatibleConfig`), so it is assignable to ESLint's `Linter.Config`, `defineConfig()` and
 * `extends`, and to typescript-eslint's `FlatConfig.Config`, whichever types the user's config uses.
 */
export interface PresetConfig {
  readonly name: string;
  readonly plugins: Readonly<Record<string, CompatiblePlugin>>;
  readonly rules: Readonly<Record<string, PresetRuleEntry>>;
}

/** The structural slice of the plugin a preset needs; the presets must reference the real object. */
export interface PresetSource {
  readonly rules: Readonly<
    Record<string, { readonly meta: { readonly docs?: Partial<PluginDocs> } }>
  >;
}

/**
 * Computes a preset's rule entries from each rule's `meta.docs.recommended`, so a new rule cannot
 * be forgotten in one preset, and the strict options live next to the rule they configure.
 */
export function presetRules(source: PresetSource, preset: PresetName): Record<string, PresetRuleEntry> {
  const entries: Record<string, PresetRuleEntry> = {};
  for (const [name, rule] of Object.entries(source.rules)) {
    const recommendation = rule.meta.docs?.recommended;
    if (recommendation === undefined) continue;
    const id = `${PLUGIN_NAMESPACE}/${name}`;
    if (recommendation === 'recommended') {
      entries[id] = 'error';
    } else if (recommendation === 'strict') {
      if (preset === 'strict') entries[id] = 'error';
    } else if (preset === 'recommended') {
      entries[id] = 'error';
    } else {
      entries[id] = ['error', ...recommendation.strict];
    }
  }
  return entries;
}
