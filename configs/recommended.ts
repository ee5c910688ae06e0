import type { TSESLint } from '@typescript-eslint/utils';

import { PLUGIN_NAMESPACE, presetRules, type PresetSource } from './shared.js';

/**
 * `recommended`: only findings a senior reviewer would call a real bug. A pure function of the
 * plugin object, so the preset registers exactly the object the package exports.
 */
export function recommended(plugin: PresetSource): TSESLint.FlatConfig.Config {
  return {
    name: `${PLUGIN_NAMESPACE}/recommended`,
    plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: presetRules(plugin, 'recommended'),
  };
}
