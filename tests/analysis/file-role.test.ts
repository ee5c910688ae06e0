/**
 * File roles: which files serve production requests. Decided by configured globs, generated-code
 * banners, path conventions and imports, relative to ESLint's working directory; every rule is
 * silent outside production unless `lintFileRoles` lists the role. Settings are validated.
 */
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { type FileFacts, getFileFacts } from '../../src/analysis/file-facts.js';
import { pathInProject, rolePath } from '../../src/analysis/file-role.js';
import { FILE_ROLE_PATHS } from '../../src/knowledge/file-roles.js';
import noWildcardCors from '../../src/rules/no-wildcard-cors.js';
import noPublicSecretEnv from '../../src/rules/no-public-secret-env.js';

type Plugin = NonNullable<Linter.Config['plugins']>[string];
const CWD = '/home/dev/acme';

/** The role the shared facts give `code` linted as `filename` (relative to CWD) with `settings`. */
function roleOf(
  filename: string,
  code = 'export const x = 1;\n',
  settings?: unknown,
  cwd = CWD,
): { role: string; reason: string; lints: boolean; skippedByPath: boolean; importsReadFirst: boolean } {
  let facts: FileFacts | undefined;
  let skippedByPath = false;
  let importsReadFirst = false;
  const probe = {
    defaultOptions: [],
    meta: { type: 'problem', schema: [], messages: {} },
    create(context: Readonly<TSESLint.RuleContext<string, unknown[]>>) {
      facts = getFileFacts(context);
      skippedByPath = facts.skippedByPath;
      importsReadFirst = facts.computed.includes('imports');
      return {};
    },
  };
  const messages = new Linter({ cwd }).verify(
    code,
    {
      files: ['**/*.{js,jsx,ts,tsx,mjs,cjs}'],
      languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { probe: { rules: { probe } } as unknown as Plugin },
      rules: { 'probe/probe': 'error' },
      ...(settings === undefined ? {} : { settings: { 'production-ready': settings } }),
    },
    `${cwd}/${filename}`,
  );
  expect(messages).toEqual([]);
  if (!facts) throw new Error('the probe rule did not run');
  return { role: facts.role.role, reason: facts.role.reason, lints: facts.servesProduction, skippedByPath, importsReadFirst };
}

describe('rolePath', () => {
  it('is relative to the working directory when the file is inside it, absolute otherwise', () => {
    expect(rolePath('/home/tests/app/src/a.ts', '/home/tests/app')).toBe('src/a.ts');
    expect(rolePath('/srv/other/tests/a.ts', '/home/tests/app')).toBe('/srv/other/tests/a.ts');
    expect(rolePath('src/a.ts', '/home/x')).toBe('src/a.ts');
    expect(rolePath('C:\\repo\\src\\a.ts', undefined)).toBe('C:/repo/src/a.ts');
  });

  it('gives what path.relative gives around trailing slashes, dot segments and sibling folders', () => {
    expect(rolePath('/home/app/src/a.ts', '/home/app/')).toBe('src/a.ts');
    expect(rolePath('/home/app/src/../tests/a.ts', '/home/app')).toBe('tests/a.ts');
    expect(rolePath('/home/app/src/./a.ts', '/home/app')).toBe('src/a.ts');
    expect(rolePath('/home/app/x.ts', '/home/app/../app')).toBe('x.ts');
    expect(rolePath('/home/app-two/x.ts', '/home/app')).toBe('/home/app-two/x.ts');
    expect(rolePath('/home/app', '/home/app')).toBe('/home/app');
  });

  it('answers for the cwd it is given when the cwd changes from call to call', () => {
    expect(rolePath('/home/app2/x.ts', '/home/app')).toBe('/home/app2/x.ts');
    expect(rolePath('/home/app2/x.ts', '/home/app2')).toBe('x.ts');
    expect(rolePath('/home/app2/x.ts', '/home/app2/../app2')).toBe('x.ts');
    expect(rolePath('/home/app2/x.ts', '/')).toBe('home/app2/x.ts');
    expect(rolePath('/home/app/x.ts', '/home/app')).toBe('x.ts');
  });
});

describe('roles by path', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['app/api/invoices/[id]/route.ts', 'production'],
    ['src/server/routers/invoice.ts', 'production'],
    ['next.config.js', 'production'],
    ['src/lib/retry.test.ts', 'test'],
    ['apps/api/src/invoices.controller.spec.ts', 'test'],
    ['apps/api/test/app.e2e-spec.ts', 'test'],
    ['src/__tests__/helpers.ts', 'test'],
    ['tests/utils/db.ts', 'test'],
    ['e2e/fixtures/login.ts', 'test'],
    ['apps/web-e2e/src/app.ts', 'test'],
    ['playwright/setup.ts', 'test'],
    ['cypress/support/commands.ts', 'test'],
    ['src/vitest.setup.ts', 'test'],
    ['jest.config.js', 'test'],
    ['src/__mocks__/stripe.ts', 'mock'],
    ['src/mocks/handlers.ts', 'mock'],
    ['src/test-data/invoice.fixture.ts', 'fixture'],
    ['prisma/seed.ts', 'seed'],
    ['packages/db/src/seed-demo.ts', 'seed'],
    ['src/db/seeds/plans.ts', 'seed'],
    ['src/db/migrations/0003_backfill.ts', 'migration'],
    ['scripts/backfill-invoices.ts', 'script'],
    ['src/components/Button.stories.tsx', 'story'],
    ['.storybook/preview.tsx', 'story'],
    ['src/gql/__generated__/graphql.ts', 'generated'],
    ['src/routeTree.gen.ts', 'generated'],
    ['src/api/schema.generated.ts', 'generated'],
  ];
  for (const [file, role] of cases) {
    it(`${file} → ${role}`, () => {
      expect(roleOf(file).role).toBe(role);
    });
  }

  // The path is first scanned for the conventions' words (`.test.`, `__tests__`, `-e2e`); a path
  // for each glob, its wildcards filled in, shows that no convention is lost to that first scan.
  for (const { glob, role } of FILE_ROLE_PATHS) {
    const file = glob.replace(/^\*\*\//u, 'src/lib/').replace(/\/\*\*$/u, '/lib/util.ts').replace(/\.\*$/u, '.ts').replaceAll('*', 'x').replaceAll('?', 'x');
    it(`${file} → ${role} by ${glob}`, () => {
      expect(roleOf(file)).toMatchObject({ role, reason: glob });
      expect(roleOf(`packages/app/${file}`)).toMatchObject({ role, reason: glob });
    });
  }

  // A file name with none of the conventions' words is known to have no role by path without its
  // path relative to cwd; a checkout whose own folders hold such words takes the long way.
  it('the same roles whatever the folders the checkout lives in are named', () => {
    const files = ['src/server/app.ts', 'app/api/route.ts', 'src/lib/retry.test.ts', 'prisma/seed.ts', 'scripts/backfill.ts', 'src/Button.stories.tsx', 'e2e/login.ts'];
    for (const file of files) {
      const expected = roleOf(file);
      for (const cwd of ['/home/tests/acme', '/srv/scripts/seed-app', '/home/dev/mocks', '/home/dev/plain']) {
        expect({ file, cwd, ...roleOf(file, undefined, undefined, cwd) }).toEqual({ file, cwd, ...expected });
      }
    }
  });

  it('a route in a folder named test or tests still serves requests', () => {
    expect(roleOf('app/api/test/route.ts').role).toBe('production');
    expect(roleOf('src/pages/api/tests/ping.ts').role).toBe('production');
  });

  it('a checkout inside a folder named tests is not all test code', () => {
    // Linted from the checkout: its own path is `/home/tests/acme`, whose `tests` folder is not the app's.
    expect(roleOf('src/server/app.ts', undefined, undefined, '/home/tests/acme').role).toBe('production');
    expect(roleOf('tests/app.test-helpers.ts', undefined, undefined, '/home/tests/acme').role).toBe('test');
    expect(rolePath('/home/tests/acme/src/server/app.ts', '/home/tests/acme')).toBe('src/server/app.ts');
  });

  it('a path inside the project is relative to its package.json or to cwd, whichever is nearer', () => {
    // The tenant fixture app has its own package.json; RuleTester lints absolute files with cwd '/'.
    const app = fileURLToPath(new URL('../fixtures/tenant/prisma-app/', import.meta.url));
    expect(pathInProject(`${app}app/api/invoices/[id]/route.ts`, '/')).toBe('app/api/invoices/[id]/route.ts');
    expect(pathInProject(`${app}app/api/x.ts`, `${app}app`)).toBe('api/x.ts');
    expect(pathInProject('app/api/x.ts', undefined)).toBe('app/api/x.ts');
    // The same answers through `..` segments, and when the cwd changes between calls.
    expect(pathInProject(`${app}app/../app/api/y.ts`, '/')).toBe('app/api/y.ts');
    expect(pathInProject(`${app}lib/db.ts`, `${app}lib`)).toBe('db.ts');
    expect(pathInProject(`${app}lib/db.ts`, '/')).toBe('lib/db.ts');
  });
});

describe('roles by imports and banners', () => {
  it('a file importing a test runner, Playwright, MSW or Storybook is not production', () => {
    expect(roleOf('src/lib/check.ts', "import { describe } from 'vitest';\n")).toMatchObject({ role: 'test', reason: 'import vitest' });
    expect(roleOf('src/lib/flow.ts', "import { test } from '@playwright/test';\n").role).toBe('test');
    expect(roleOf('src/lib/render.tsx', "import { render } from '@testing-library/react';\n").role).toBe('test');
    expect(roleOf('src/handlers.ts', "import { http, HttpResponse } from 'msw';\nexport const handlers = [];\n").role).toBe('mock');
    expect(roleOf('src/Button.tsx', "import type { Meta } from '@storybook/react';\n").role).toBe('story');
    expect(roleOf('src/server.ts', "const request = require('supertest');\n").role).toBe('test');
  });

  it('generated-code banners in the leading comments', () => {
    expect(roleOf('src/parser/SqlParser.ts', '// Generated from Sql.g4 by ANTLR 4.13.1\nexport class P {}\n')).toMatchObject({ role: 'generated' });
    expect(roleOf('src/api.ts', '/**\n * @generated by openapi-typescript\n */\nexport const a = 1;\n').role).toBe('generated');
    expect(roleOf('src/api.ts', '// Code generated by protoc-gen-ts. DO NOT EDIT.\nexport const a = 1;\n').role).toBe('generated');
    expect(roleOf('src/graphql.ts', '/* eslint-disable */\nexport const a = 1;\n').role).toBe('generated');
    expect(roleOf('src/graphql.ts', '/* eslint-disable -- codegen output */\nexport const a = 1;\n').role).toBe('generated');
    // Each banner on its own, without the words of another.
    expect(roleOf('src/build.ts', '// DO NOT EDIT: written by the build\nexport const a = 1;\n').role).toBe('generated');
    expect(roleOf('src/build.ts', '// This file is automatically generated.\nexport const a = 1;\n').role).toBe('generated');
    expect(roleOf('src/build.ts', '// eslint-disable\nexport const a = 1;\n').role).toBe('generated');
    expect(roleOf('src/build.ts', '// Copyright 2026 Acme. Licensed under MIT.\nexport const a = 1;\n').role).toBe('production');
  });

  it('banners are read only before the first statement, and partial disables are not banners', () => {
    expect(roleOf('src/a.ts', 'export const a = 1;\n// DO NOT EDIT below this line\n').role).toBe('production');
    expect(roleOf('src/a.ts', '/* eslint-disable no-console */\nexport const a = 1;\n').role).toBe('production');
    expect(roleOf('src/a.ts', '// eslint-disable-next-line no-console\nconsole.log(1);\n').role).toBe('production');
    expect(roleOf('src/a.ts', '// Generates invoices for a team.\nexport const a = 1;\n').role).toBe('production');
  });
});

describe('settings: fileRoles and lintFileRoles', () => {
  it('configured globs add roles; production globs win over every other signal', () => {
    expect(roleOf('src/internal/backfill.ts', undefined, { fileRoles: { script: ['src/internal/**'] } })).toMatchObject({
      role: 'script',
      reason: 'settings fileRoles.script',
    });
    expect(roleOf('tests/fixtures/app/route.ts', "import 'vitest';\n", { fileRoles: { production: ['tests/fixtures/**'] } }).role).toBe('production');
  });

  it('lintFileRoles turns a role back on', () => {
    expect(roleOf('prisma/seed.ts').lints).toBe(false);
    expect(roleOf('prisma/seed.ts', undefined, { lintFileRoles: ['seed'] }).lints).toBe(true);
    expect(roleOf('scripts/x.ts', undefined, { lintFileRoles: ['seed'] }).lints).toBe(false);
  });
});

describe('skippedByPath: what rules ask before their text signals', () => {
  it('is true when the path or a banner puts the file outside what is linted, and reads no imports', () => {
    expect(roleOf('src/server.test.ts')).toMatchObject({ skippedByPath: true, importsReadFirst: false, lints: false });
    expect(roleOf('prisma/seed.ts')).toMatchObject({ skippedByPath: true, importsReadFirst: false });
    expect(roleOf('src/api/client.ts', '// @generated by openapi\nexport const x = 1;\n')).toMatchObject({ skippedByPath: true, role: 'generated' });
  });

  it('is false when only the imports can tell, when the role is linted, or when settings say production', () => {
    expect(roleOf('src/server.ts')).toMatchObject({ skippedByPath: false, lints: true });
    // A test by its imports only: the rules' own role check (servesProduction) leaves it.
    expect(roleOf('src/server.ts', "import { it } from 'vitest';\n")).toMatchObject({ skippedByPath: false, role: 'test', lints: false });
    expect(roleOf('src/server.test.ts', undefined, { lintFileRoles: ['test'] })).toMatchObject({ skippedByPath: false, lints: true });
    expect(roleOf('tests/fixtures/app/route.ts', undefined, { fileRoles: { production: ['tests/fixtures/**'] } })).toMatchObject({ skippedByPath: false, lints: true });
  });
});

/** Lints with one real rule of the plugin and the given settings; returns messages. */
function lintWith(rule: unknown, ruleName: string, code: string, filename: string, settings?: unknown): Linter.LintMessage[] {
  return new Linter({ cwd: CWD }).verify(
    code,
    {
      files: ['**/*.{js,jsx,ts,tsx,mjs,cjs}'],
      languageOptions: { parser: tsParser },
      plugins: { 'production-ready': { rules: { [ruleName]: rule } } as unknown as Plugin },
      rules: { [`production-ready/${ruleName}`]: 'error' },
      ...(settings === undefined ? {} : { settings: { 'production-ready': settings } }),
    },
    `${CWD}/${filename}`,
  );
}

describe('rules honour file roles', () => {
  const cors = "import cors from 'cors';\nimport express from 'express';\nconst app = express();\napp.use(cors({ origin: true, credentials: true }));\n";

  it('a finding in production code is silent in a test, and back with lintFileRoles', () => {
    expect(lintWith(noWildcardCors, 'no-wildcard-cors', cors, 'src/server.ts').map((m) => m.messageId)).not.toEqual([]);
    expect(lintWith(noWildcardCors, 'no-wildcard-cors', cors, 'src/server.test.ts')).toEqual([]);
    expect(lintWith(noWildcardCors, 'no-wildcard-cors', cors, 'src/server.test.ts', { lintFileRoles: ['test'] }).length).toBeGreaterThan(0);
  });

  it('a hard-coded live credential is reported in every role; a public secret variable only in production', () => {
    const code = "export const key = 'sk_live_" + '51HxQwERtyuIopAsDfGhJkLzXcVbNm0123456789abcdEFGHijklMNOPqrstUVwxyz' + "';\nexport const s = process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;\n";
    const inTest = lintWith(noPublicSecretEnv, 'no-public-secret-env', code, 'e2e/checkout.ts').map((m) => m.messageId);
    expect(inTest).toEqual(['hardcodedSecret']);
    const inProduction = lintWith(noPublicSecretEnv, 'no-public-secret-env', code, 'src/checkout.ts').map((m) => m.messageId);
    expect(inProduction).toEqual(['hardcodedSecret', 'publicSecret']);
  });
});

describe('settings are validated', () => {
  const cases: readonly (readonly [unknown, RegExp])[] = [
    [{ tenantColumns: 'teamId' }, /settings\["production-ready"\]\.tenantColumns must be an array of strings, got a string/u],
    [{ crossTenantPaths: ['ok', 3] }, /settings\["production-ready"\]\.crossTenantPaths\[1\] must be a string, got a number/u],
    [{ tenantColumn: ['teamId'] }, /settings\["production-ready"\]\.tenantColumn is not a setting of this plugin; the settings are .*tenantColumns/u],
    [{ fileRoles: ['tests/**'] }, /settings\["production-ready"\]\.fileRoles must be an object/u],
    [{ fileRoles: { tests: ['x/**'] } }, /settings\["production-ready"\]\.fileRoles\.tests is not a file role; the roles are production, test/u],
    [{ fileRoles: { test: 'x/**' } }, /fileRoles\.test must be an array of strings/u],
    [{ lintFileRoles: ['seeds'] }, /lintFileRoles\[0\] is not a file role \("seeds"\)/u],
    [['tenantColumns'], /settings\["production-ready"\] must be an object, got an array/u],
  ];
  for (const [settings, message] of cases) {
    it(`${JSON.stringify(settings)} is an error naming the key`, () => {
      expect(() => lintWith(noWildcardCors, 'no-wildcard-cors', "import cors from 'cors';\napp.use(cors());\n", 'src/server.ts', settings)).toThrow(message);
    });
  }

  it('valid settings lint normally', () => {
    expect(() =>
      lintWith(noWildcardCors, 'no-wildcard-cors', "import cors from 'cors';\napp.use(cors());\n", 'src/server.ts', {
        tenantColumns: ['teamId'],
        fileRoles: { script: ['tools/**'], production: ['tests/fixtures/**'] },
        lintFileRoles: ['seed'],
      }),
    ).not.toThrow();
  });
});
