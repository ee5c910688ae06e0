import { type CompatiblePlugin, PLUGIN_NAMESPACE, type PresetConfig, presetRules, type PresetSource } from './shared.js';

/** `strict`: everything in `recommended`, the stricter options, and the likely problems. */
export function strict(plugin: PresetSource & CompatiblePlugin): PresetConfig {
  return {
    name: `${PLUGIN_NAMESPACE}/strict`,
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    rules: presetRules(plugin, 'strict'),
  };
}
