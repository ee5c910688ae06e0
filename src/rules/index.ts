import noWildcardCors from './no-wildcard-cors.js';

/** The one list of rules: the presets, the docs table and the meta-tests are derived from it. */
export const rules = {
  'no-wildcard-cors': noWildcardCors,
};

export type RuleName = keyof typeof rules;
