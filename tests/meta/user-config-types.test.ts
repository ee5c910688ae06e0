/**
 * The presets in the places users put them, checked twice: `npm test` type-checks this file
 * (so the exported types fit ESLint's `defineConfig`, `extends`, `Linter.Config[]` and
 * typescript-eslint's configs), and each config is loaded by ESLint's Linter at run time.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { type Linter, Linter as LinterClass } from 'eslint';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import productionReady, { type ProductionReadyPlugin, configs } from '../../src/index.js';

const plainArray: Linter.Config[] = [productionReady.configs.recommended];

const withDefineConfig = defineConfig(productionReady.configs.strict, {
  rules: { 'production-ready/no-wildcard-cors': ['error', { allowedPublicPaths: ['/health'] }] },
});

const withExtends = defineConfig({
  files: ['**/*.ts'],
  extends: [productionReady.configs.recommended],
});

const nextToTypescriptEslint = defineConfig(tseslint.configs.base, configs.recommended);

const typescriptEslintTyped: TSESLint.FlatConfig.ConfigArray = [productionReady.configs.strict];

const pluginType: ProductionReadyPlugin = productionReady;

const CODE = `import cors from 'cors';\napp.use(cors());\n`;

describe('the presets in user configs', () => {
  const cases: [string, Linter.Config[]][] = [
    ['a plain Linter.Config[]', plainArray],
    ['defineConfig with a rule override', withDefineConfig],
    ['defineConfig extends', withExtends],
    ['next to typescript-eslint', nextToTypescriptEslint],
    ["typed as typescript-eslint's FlatConfig.ConfigArray", typescriptEslintTyped as Linter.Config[]],
  ];
  for (const [name, config] of cases) {
    it(`${name} loads and reports`, () => {
      const messages = new LinterClass({ configType: 'flat' }).verify(
        CODE,
        [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...config],
        { filename: 'server.ts' },
      );
      expect(messages.map((message) => message.ruleId)).toEqual(['production-ready/no-wildcard-cors']);
    });
  }

  it('exports the plugin type users annotate with', () => {
    expect(pluginType.meta.name).toBe('eslint-plugin-production-ready');
  });
});
