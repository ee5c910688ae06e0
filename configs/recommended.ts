import { type CompatiblePlugin, PLUGIN_NAMESPACE, type PresetConfig, presetRules, type PresetSource } from './shared.js';

/**
 * `recommended`: only findings a senior reviewer would call a real bug. A pure function of the
 * plugin object, so the preset registers exactly the object the package exports.
 */
export function recommended(plugin: PresetSource & CompatiblePlugin): PresetConfig {
  return {
    name: `${PLUGIN_NAMESPACE}/recommended`,
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    rules: presetRules(plugin, 'recommended'),
  };
}
