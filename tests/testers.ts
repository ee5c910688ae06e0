import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import * as espree from 'espree';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** The typed fixture project: a tsconfig that sees the real type packages (devDependencies). */
export const TYPED_ROOT = path.join(FIXTURES, 'typed');

export type Tier = 'espree' | 'typescript' | 'typed';

/**
 * The fixture projects live under `tests/fixtures/`, a path every rule treats as test code (file
 * roles, src/analysis/file-role.ts). Rule tests lint them as the production code they stand for,
 * the way a user would declare such a folder: `settings['production-ready'].fileRoles.production`.
 */
export const FIXTURES_AS_PRODUCTION = { 'production-ready': { fileRoles: { production: ['tests/fixtures/**'] } } } as const;

/**
 * Parser settings per tier, for tests that drive ESLint's `Linter` directly. `typed` serves the
 * files matching `allowDefaultProject` through the project's tsconfig.json at `tsconfigRootDir`.
 */
export function tierLanguageOptions(
  tier: Tier,
  typed: { readonly tsconfigRootDir: string; readonly allowDefaultProject: readonly string[] } = {
    tsconfigRootDir: TYPED_ROOT,
    allowDefaultProject: ['*.ts', '*.tsx'],
  },
): Linter.LanguageOptions {
  switch (tier) {
    case 'espree':
      return { parser: espree, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } };
    case 'typescript':
      return { parser: tsParser, sourceType: 'module' };
    case 'typed':
      return {
        parser: tsParser,
        sourceType: 'module',
        parserOptions: {
          projectService: { allowDefaultProject: [...typed.allowDefaultProject], defaultProject: 'tsconfig.json' },
          tsconfigRootDir: typed.tsconfigRootDir,
        },
      };
  }
}

/** Tier 1: plain JavaScript, parsed by ESLint's own parser (espree), no TypeScript involved. */
export function javascriptTester(): RuleTester {
  return new RuleTester({
    settings: FIXTURES_AS_PRODUCTION,
    languageOptions: {
      parser: espree,
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    defaultFilenames: { ts: 'file.js', tsx: 'react.jsx' },
  });
}

/** Tier 2: TypeScript syntax through @typescript-eslint/parser, without type information. */
export function typescriptTester(): RuleTester {
  return new RuleTester({
    settings: FIXTURES_AS_PRODUCTION,
    defaultFilenames: { ts: 'file.ts', tsx: 'react.tsx' },
  });
}

/** Tier 3: TypeScript with full type information from the fixture project's program. */
export function typedTester(): RuleTester {
  return new RuleTester({
    settings: FIXTURES_AS_PRODUCTION,
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.ts', '*.tsx'], defaultProject: 'tsconfig.json' },
        tsconfigRootDir: TYPED_ROOT,
      },
    },
    defaultFilenames: { ts: 'file.ts', tsx: 'react.tsx' },
  });
}
