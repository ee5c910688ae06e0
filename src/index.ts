import { recommended } from '../configs/recommended.js';
import type { PresetConfig } from '../configs/shared.js';
import { strict } from '../configs/strict.js';
import { rules } from './rules/index.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './util/package-info.js';

export type { RuleName } from './rules/index.js';
export type { Options as NoPublicSecretEnvOptions } from './rules/no-public-secret-env.js';
export type { Options as NoUnboundedRetryOptions } from './rules/no-unbounded-retry.js';
export type { Options as NoUnverifiedWebhookOptions } from './rules/no-unverified-webhook.js';
export type { Options as NoWildcardCorsOptions } from './rules/no-wildcard-cors.js';
export type { Options as RequireQueryStatesOptions } from './rules/require-query-states.js';
export type { Options as RequireTenantPredicateOptions } from './rules/require-tenant-predicate.js';

export type { CompatiblePlugin, PresetConfig, PresetRuleEntry } from '../configs/shared.js';

export interface ProductionReadyConfigs {
  readonly recommended: PresetConfig;
  readonly strict: PresetConfig;
}

export interface ProductionReadyPlugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules: typeof rules;
  readonly configs: ProductionReadyConfigs;
}

const configs = {} as { -readonly [K in keyof ProductionReadyConfigs]: PresetConfig };

const plugin: ProductionReadyPlugin = {
  meta: { name: PACKAGE_NAME, version: PACKAGE_VERSION },
  rules,
  configs,
};

// The presets register this very object: ESLint rejects two different objects under one name
// ("Cannot redefine plugin") when a user combines a preset with their own `plugins` entry.
configs.recommended = recommended(plugin);
configs.strict = strict(plugin);

export default plugin;
export { configs, rules };
