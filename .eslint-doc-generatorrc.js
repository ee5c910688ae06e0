// eslint-doc-generator: writes each rule doc's title and notices and the README's rules and
// configs tables from the BUILT plugin (package.json `exports` → dist/). `npm run docs` rewrites
// them; `npm run docs:check` (part of `npm test`) fails when docs and rule meta drift apart.

/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  // `recommended` deliberately does not use ✅: ❌/✅ mark the linted examples in rule docs.
  configEmoji: [
    ['recommended', '☑️'],
    ['strict', '🔒'],
  ],
  // Both presets set every rule to `error`; no warn/off columns. Every rule runs without type
  // information (and improves with it), so the "requires type checking" column is left out.
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions', 'options', 'deprecated'],
  ruleDocNotices: ['deprecated', 'configs', 'fixableAndHasSuggestions', 'options'],
  ruleDocTitleFormat: 'desc-parens-name',
  // The page structure every rule doc follows (CONTRIBUTING.md); `Options` is already required
  // (with every option named) by the generator's default `ruleDocSectionOptions`.
  ruleDocSectionInclude: [
    'Why this matters',
    'Examples',
    'Frameworks and libraries covered',
    'Type information',
    'Recommended vs strict',
    'When not to use it',
    'Further reading',
  ],
};
