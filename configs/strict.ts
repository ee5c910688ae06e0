import type { TSESLint } from '@typescript-eslint/utils';

import { PLUGIN_NAMESPACE, presetRules, type PresetSource } from './shared.js';

/** `strict`: everything in `recommended`, the stricter options, and the likely problems. */
export function strict(plugin: PresetSource): TSESLint.FlatConfig.Config {
  return {
    name: `${PLUGIN_NAMESPACE}/strict`,
    plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: presetRules(plugin, 'strict'),
  };
}
