import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { readForeignModule, resolveRelativeModule } from '../../src/analysis/modules.js';
import { clearProjectFiles, fileStamp, parseProjectModule, projectModuleParses, projectResolutions, setProjectFileRecheckInterval } from '../../src/analysis/project-files.js';
import { resolveAppModule } from '../../src/analysis/path-aliases.js';
import { foreignHook } from '../../src/rules/require-query-states/foreign-hooks.js';

describe('project files (src/analysis/project-files.ts)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'production-ready-project-files-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    setProjectFileRecheckInterval(1000);
  });

  it('stamps regular files only, and keeps the same stamp while the file is unchanged', () => {
    const file = path.join(dir, 'a.ts');
    writeFileSync(file, 'export const A = 1;');
    mkdirSync(path.join(dir, 'folder.ts'), { recursive: true });
    setProjectFileRecheckInterval(0);
    const first = fileStamp(file);
    expect(first).not.toBeNull();
    expect(fileStamp(file)).toBe(first);
    expect(fileStamp(path.join(dir, 'missing.ts'))).toBeNull();
    expect(fileStamp(path.join(dir, 'folder.ts'))).toBeNull();
  });

  it('does not look at the disk again within the recheck interval', () => {
    setProjectFileRecheckInterval(60_000);
    const later = path.join(dir, 'later.ts');
    expect(resolveRelativeModule(path.join(dir, 'x.ts'), './later')).toBeNull();
    writeFileSync(later, 'export const LATER = 1;');
    expect(resolveRelativeModule(path.join(dir, 'x.ts'), './later')).toBeNull();
    setProjectFileRecheckInterval(0);
    expect(resolveRelativeModule(path.join(dir, 'x.ts'), './later')).toBe(later);
  });

  it('resolves a relative specifier once per importing folder, and an alias once per config, within the recheck interval', () => {
    clearProjectFiles();
    setProjectFileRecheckInterval(60_000);
    const app = path.join(dir, 'resolve-app');
    mkdirSync(path.join(app, 'src', 'lib', 'db'), { recursive: true });
    mkdirSync(path.join(app, 'src', 'pages'), { recursive: true });
    writeFileSync(path.join(app, 'tsconfig.json'), '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }');
    const db = path.join(app, 'src', 'lib', 'db', 'index.ts');
    writeFileSync(db, 'export const db = {};');
    const page = (name: string): string => path.join(app, 'src', 'pages', name);
    const before = projectResolutions();
    expect(resolveAppModule(page('a.tsx'), '@/lib/db')).toBe(db);
    expect(resolveAppModule(page('b.tsx'), '@/lib/db')).toBe(db);
    expect(resolveRelativeModule(page('a.tsx'), '../lib/db')).toBe(db);
    expect(resolveRelativeModule(page('b.tsx'), '../lib/db')).toBe(db);
    // The alias, the relative candidate it leads to (`./db` from `src/lib`), and `../lib/db`.
    expect(projectResolutions() - before).toBe(3);
    // The alias from another folder under the same config is remembered.
    expect(resolveAppModule(path.join(app, 'src', 'x.ts'), '@/lib/db')).toBe(db);
    expect(projectResolutions() - before).toBe(3);
    // A relative specifier from another folder, or an answer older than the interval, is resolved again.
    expect(resolveRelativeModule(path.join(app, 'src', 'x.ts'), './lib/db')).toBe(db);
    expect(projectResolutions() - before).toBe(4);
    setProjectFileRecheckInterval(0);
    expect(resolveAppModule(page('a.tsx'), '@/lib/db')).toBe(db);
    expect(projectResolutions() - before).toBe(6);
  });

  it('parses a module once for every reader: constants and custom hooks share the parse', () => {
    clearProjectFiles();
    const hooks = path.join(dir, 'hooks.ts');
    writeFileSync(hooks, "import { useQuery } from '@tanstack/react-query';\nexport const TEAM = 'team';\nexport function useTeam() { return useQuery({ queryKey: [TEAM] }); }\n");
    const parses = projectModuleParses();
    expect(readForeignModule(hooks)?.exports.has('TEAM')).toBe(true);
    expect(foreignHook(path.join(dir, 'page.tsx'), './hooks', 'useTeam')?.kind).toBe('query');
    expect(parseProjectModule(hooks)?.type).toBe('Program');
    expect(projectModuleParses() - parses).toBe(1);
  });

  it('does not parse a module whose text rules out a query when "returns no query" would do, and still finds queries behind tRPC hooks and re-exports', () => {
    clearProjectFiles();
    const write = (name: string, text: string): void => {
      writeFileSync(path.join(dir, `${name}.ts`), text);
    };
    write('use-debounce', "import { useEffect, useState } from 'react';\nexport function useDebounce(value: string) { const [v, setV] = useState(value); useEffect(() => setV(value), [value]); return v; }\n");
    write('use-me', "import { api } from './api';\nexport const useMe = () => api.user.me.useQuery();\n");
    write('team-hooks', "import useSWR from 'swr';\nexport function useTeam() { return useSWR('/api/team'); }\n");
    write('barrel', "export * from './team-hooks';\n");
    write('named-barrel', "export { useTeam as useCrew } from './team-hooks';\n");
    const page = path.join(dir, 'page.tsx');
    const parses = projectModuleParses();
    expect(foreignHook(page, './use-debounce', 'useDebounce', true)).toBeNull();
    expect(projectModuleParses() - parses).toBe(0);
    // Where a hook that returns no query differs from an unknown one, the module is parsed.
    expect(foreignHook(page, './use-debounce', 'useDebounce')?.kind).toBe('other');
    expect(projectModuleParses() - parses).toBe(1);
    expect(foreignHook(page, './use-me', 'useMe', true)).toMatchObject({ kind: 'query', library: 'trpc', procedure: 'user.me' });
    expect(foreignHook(page, './barrel', 'useTeam', true)).toMatchObject({ kind: 'query', library: 'swr', key: '/api/team' });
    expect(foreignHook(page, './named-barrel', 'useCrew', true)).toMatchObject({ kind: 'query', library: 'swr', key: '/api/team' });
    expect(projectModuleParses() - parses).toBe(5);
  });

  it('keeps what readers draw from a module, not its Program: a reader asks again without a new parse', () => {
    clearProjectFiles();
    const modules = Array.from({ length: 10 }, (_, index) => {
      const file = path.join(dir, `kept-${index}.ts`);
      writeFileSync(file, `import { useQuery } from '@tanstack/react-query';\nexport const KEY_${index} = 'k${index}';\nexport function useThing${index}() { return useQuery({ queryKey: [KEY_${index}] }); }\n`);
      return file;
    });
    const [first, ...others] = modules as [string, ...string[]];
    const parses = projectModuleParses();
    expect(readForeignModule(first)?.exports.has('KEY_0')).toBe(true);
    expect(foreignHook(path.join(dir, 'page.tsx'), './kept-0', 'useThing0')?.kind).toBe('query');
    expect(projectModuleParses() - parses).toBe(1);
    // Nine other modules parsed since: the first module's Program is gone, what its readers drew is not.
    for (const file of others) expect(parseProjectModule(file)?.type).toBe('Program');
    expect(projectModuleParses() - parses).toBe(10);
    expect(readForeignModule(first)?.constants.get('KEY_0')?.type).toBe('Literal');
    expect(foreignHook(path.join(dir, 'other.tsx'), './kept-0', 'useThing0')?.kind).toBe('query');
    expect(projectModuleParses() - parses).toBe(10);
    expect(parseProjectModule(first)?.type).toBe('Program');
    expect(projectModuleParses() - parses).toBe(11);
  });

  it('gives null for declaration files, oversized and unparseable modules, without throwing', () => {
    const declarations = path.join(dir, 'types.d.ts');
    writeFileSync(declarations, 'export declare const A: 1;');
    const broken = path.join(dir, 'broken.ts');
    writeFileSync(broken, 'export const = ;');
    const large = path.join(dir, 'large.ts');
    writeFileSync(large, `export const A = '${'x'.repeat(600 * 1024)}';`);
    expect(parseProjectModule(declarations)).toBeNull();
    expect(parseProjectModule(broken)).toBeNull();
    expect(parseProjectModule(large)).toBeNull();
    expect(parseProjectModule(path.join(dir, 'missing.ts'))).toBeNull();
  });
});
