/**
 * Path patterns: `matchesPathPattern` (settings globs) and the compiled built-in role conventions
 * of file-role.ts, which must answer exactly what the general matcher answers.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { decideFileRole } from '../../src/analysis/file-role.js';
import type { ImportIndex } from '../../src/analysis/imports.js';
import { globWords, matchesPathPattern } from '../../src/analysis/settings.js';
import { FILE_ROLE_PATHS } from '../../src/knowledge/file-roles.js';
import { DEFAULT_CROSS_TENANT_PATHS } from '../../src/knowledge/tenant.js';

describe('matchesPathPattern', () => {
  it('matches a relative pattern from the start of the path or after any folder', () => {
    expect(matchesPathPattern('src/admin/users.ts', ['src/admin/**'])).toBe(true);
    expect(matchesPathPattern('apps/web/src/admin/users.ts', ['src/admin/**'])).toBe(true);
    expect(matchesPathPattern('apps/web/mysrc/admin/users.ts', ['src/admin/**'])).toBe(false);
    expect(matchesPathPattern('apps/web/src/administration/users.ts', ['src/admin/**'])).toBe(false);
  });

  it('matches `**/` patterns and absolute patterns as written', () => {
    expect(matchesPathPattern('a/b/c.test.ts', ['**/*.test.*'])).toBe(true);
    expect(matchesPathPattern('c.test.ts', ['**/*.test.*'])).toBe(true);
    expect(matchesPathPattern('/repo/api/cron/x.ts', ['/repo/api/**'])).toBe(true);
    expect(matchesPathPattern('/other/repo/api/cron/x.ts', ['/repo/api/**'])).toBe(false);
  });

  it('normalizes Windows separators and answers false for no patterns', () => {
    expect(matchesPathPattern('src\\admin\\users.ts', ['src/admin/**'])).toBe(true);
    expect(matchesPathPattern('src/admin/users.ts', [])).toBe(false);
  });
});

describe('globWords', () => {
  const globSets: readonly (readonly string[])[] = [
    DEFAULT_CROSS_TENANT_PATHS,
    FILE_ROLE_PATHS.map(({ glob }) => glob),
    ['src/admin/**', '**/*.internal.ts', 'ops-*/**', '/srv/app/jobs/**'],
  ];
  const paths = [
    'src/app/api/users/route.ts',
    'apps/web/src/admin/users.ts',
    'apps/web/src/administration/users.ts',
    'src/jobs/cleanup.ts',
    'src/cronjobs/x.ts',
    'prisma/seed-demo.ts',
    'db/migrations/0001.ts',
    'src/a.test.tsx',
    'src/__tests__/a.ts',
    'src/lib/billing.internal.ts',
    'ops-tools/run.ts',
    '/srv/app/jobs/nightly.ts',
    'C:\\repo\\src\\admin\\users.ts',
    'src/components/Button.tsx',
  ];

  it('a path that holds none of the words matches none of the globs', () => {
    let skipped = 0;
    for (const globs of globSets) {
      const words = globWords(globs);
      for (const file of paths) {
        const matched = matchesPathPattern(file, globs);
        if (!words.test(file)) {
          skipped++;
          expect({ file, globs, matched }).toEqual({ file, globs, matched: false });
        }
        if (matched) expect({ file, words: words.test(file) }).toEqual({ file, words: true });
      }
    }
    // The words do reject paths, or this proves nothing.
    expect(skipped).toBeGreaterThan(10);
  });

  it('a glob with no literal run makes every path a candidate', () => {
    expect(globWords(['**/*']).test('src/a.ts')).toBe(true);
  });
});

describe('built-in role paths', () => {
  const program = { body: [] } as unknown as TSESTree.Program;
  const imports = (): ImportIndex => ({ sources: [] }) as unknown as ImportIndex;
  const roleOf = (filename: string): string => decideFileRole({ filename, cwd: undefined, program, text: '', imports, settings: null }).role;
  const generalRoleOf = (filename: string): string => {
    for (const { role, glob, unless } of FILE_ROLE_PATHS) if (matchesPathPattern(filename, [glob]) && !unless?.test(filename)) return role;
    return 'production';
  };
  const paths = [
    'src/app/api/users/route.ts',
    'src/lib/retry.ts',
    'apps/web/__tests__/a.ts',
    'apps/web/src/a.test.tsx',
    'packages/api/test/helpers.ts',
    'packages/api/tests/app/api/x/route.ts',
    'e2e/login.spec.ts',
    'apps/web-e2e/src/a.ts',
    'e2e-tests/a.ts',
    'prisma/seed.ts',
    'db/seeds/users.ts',
    'db/migrations/0001_init.ts',
    'src/__generated__/graphql.ts',
    'src/generated/client.ts',
    'src/api.gen.ts',
    'src/components/Button.stories.tsx',
    'src/mocks/handlers.ts',
    'src/fixtures/user.json.ts',
    'scripts/backfill.ts',
    'vitest.config.ts',
    'apps/web/playwright.config.ts',
    'src/testimonials/list.tsx',
    'src/latest/feed.ts',
  ];

  it.each(paths)('%s: the compiled conventions answer what the general matcher answers', (filename) => {
    expect(roleOf(filename)).toBe(generalRoleOf(filename));
  });

  it('tells the roles apart on a few paths', () => {
    expect(roleOf('apps/web/src/a.test.tsx')).toBe('test');
    expect(roleOf('src/app/api/users/route.ts')).toBe('production');
    expect(roleOf('src/testimonials/list.tsx')).toBe('production');
    expect(roleOf('src/__generated__/graphql.ts')).toBe('generated');
  });
});
