import noPublicSecretEnv from './no-public-secret-env.js';
import noUnboundedRetry from './no-unbounded-retry.js';
import noUnverifiedWebhook from './no-unverified-webhook.js';
import noWildcardCors from './no-wildcard-cors.js';
import requireQueryStates from './require-query-states.js';
import requireTenantPredicate from './require-tenant-predicate.js';

/** The one list of rules: the presets, the docs table and the meta-tests are derived from it. */
export const rules = {
  'no-public-secret-env': noPublicSecretEnv,
  'no-unbounded-retry': noUnboundedRetry,
  'no-unverified-webhook': noUnverifiedWebhook,
  'no-wildcard-cors': noWildcardCors,
  'require-query-states': requireQueryStates,
  'require-tenant-predicate': requireTenantPredicate,
};

export type RuleName = keyof typeof rules;
