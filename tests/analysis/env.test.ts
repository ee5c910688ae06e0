import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { envObjectOf, envReadOfMember, envReadsOfImport, envReadsOfPattern, isImportMetaEnv, isProcessEnv } from '../../src/analysis/env.js';
import { clientExportOf, moduleDirectiveReads, readModuleDirectives, scanDirectives } from '../../src/analysis/modules.js';
import { setProjectFileRecheckInterval } from '../../src/analysis/project-files.js';
import { TYPED_ROOT } from '../testers.js';
import { analyse, type Probe, type Tier } from './harness.js';

/** Every env read of a file, as [source, name, reported text]. */
function reads(code: string, tier: Tier = 'typescript'): [string, string, string][] {
  return analyse(
    code,
    (probe: Probe) =>
      probe.all().flatMap((node) => {
        const found =
          node.type === AST_NODE_TYPES.MemberExpression
            ? [envReadOfMember(node, probe.facts)].filter((read) => read !== null)
            : node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.ObjectPattern && node.init
              ? envReadsOfPattern(node.id, node.init, probe.facts)
              : node.type === AST_NODE_TYPES.ImportDeclaration
                ? envReadsOfImport(node)
                : [];
        return found.map((read): [string, string, string] => [read.source, read.name, probe.sourceCode.getText(read.node)]);
      }),
    { tier },
  );
}

describe('env reads', () => {
  it.each<Tier>(['espree', 'typescript'])('process.env in its forms (%s)', (tier) => {
    expect(reads(`const a = process.env.A; const b = process.env['B']; const { C, D: d = '' } = process.env;`, tier)).toEqual([
      ['process.env', 'A', 'process.env.A'],
      ['process.env', 'B', "process.env['B']"],
      ['process.env', 'C', 'C'],
      ['process.env', 'D', "D: d = ''"],
    ]);
  });

  it('process imported from node:process, and a const alias of the env object', () => {
    expect(reads(`import process from 'node:process';\nimport { env } from 'node:process';\nconst e = process.env;\nconst a = e.A;\nconst b = env.B;`)).toEqual([
      ['process.env', 'A', 'e.A'],
      ['process.env', 'B', 'env.B'],
    ]);
  });

  it('not when process is a local binding', () => {
    expect(reads(`function f(process: { env: Record<string, string> }) { return process.env.A; }`)).toEqual([]);
  });

  it('import.meta.env, SvelteKit and Nuxt', () => {
    expect(
      reads(`
        import { PUBLIC_A } from '$env/static/public';
        import { env } from '$env/dynamic/public';
        const b = import.meta.env.VITE_B;
        const c = env.PUBLIC_C;
        const config = useRuntimeConfig();
        const d = config.public.dKey;
      `),
    ).toEqual([
      ['$env/static/public', 'PUBLIC_A', 'PUBLIC_A'],
      ['import.meta.env', 'VITE_B', 'import.meta.env.VITE_B'],
      ['$env/dynamic/public', 'PUBLIC_C', 'env.PUBLIC_C'],
      ['useRuntimeConfig().public', 'dKey', 'config.public.dKey'],
    ]);
  });

  it('a local useRuntimeConfig is not Nuxt', () => {
    expect(reads(`function useRuntimeConfig() { return { public: { a: 1 } }; }\nconst a = useRuntimeConfig().public.a;`)).toEqual([]);
  });

  it('answers the object questions directly', () => {
    const answers = analyse(`const a = process.env; const b = import.meta.env; const c = other.env;`, (probe) => {
      const init = (name: string): TSESTree.Expression => {
        const declarator = probe.identifier(name).parent as TSESTree.VariableDeclarator;
        if (!declarator.init) throw new Error('no init');
        return declarator.init;
      };
      return [isProcessEnv(init('a'), probe.facts), isImportMetaEnv(init('b')), envObjectOf(init('c'), probe.facts)];
    });
    expect(answers).toEqual([true, true, null]);
  });
});

describe('module directives (src/analysis/modules.ts)', () => {
  it('reads the directive prologue without parsing', () => {
    expect([...scanDirectives(`'use client';\nexport const a = 1;`)]).toEqual(['use client']);
    expect([...scanDirectives(`\uFEFF#!/usr/bin/env node\n// a comment\n/* a block\n comment */\n"use client"\n'use strict'\nexport {};`)]).toEqual(['use client', 'use strict']);
    expect([...scanDirectives(`'use server'; 'use cache'`)]).toEqual(['use server', 'use cache']);
    expect([...scanDirectives(`import x from 'y';\n'use client';`)]).toEqual([]);
    expect([...scanDirectives(`'use client'.toString();`)]).toEqual([]);
    expect([...scanDirectives(`'use client'\n.trim();`)]).toEqual([]);
    expect([...scanDirectives(`'use client' + x;`)]).toEqual([]);
    expect([...scanDirectives(`'unterminated`)]).toEqual([]);
    expect([...scanDirectives(``)]).toEqual([]);
  });

  it('follows re-exports to the module that declares a name', () => {
    const rsc = path.join(TYPED_ROOT, 'rsc');
    expect(clientExportOf(path.join(rsc, 'checkout-form.tsx'), 'CheckoutForm')).toBe('yes');
    expect(clientExportOf(path.join(rsc, 'checkout-form.tsx'), 'default')).toBe('yes');
    expect(clientExportOf(path.join(rsc, 'server-card.tsx'), 'ServerCard')).toBe('no');
    expect(clientExportOf(path.join(rsc, 'index.ts'), 'CheckoutForm')).toBe('yes');
    expect(clientExportOf(path.join(rsc, 'index.ts'), 'ServerCard')).toBe('no');
    expect(clientExportOf(path.join(rsc, 'not-a-directive.tsx'), 'Widget')).toBe('no');
    expect(clientExportOf(path.join(rsc, 'missing.tsx'), 'Widget')).toBe('unknown');
  });

  it('reads each module once per process, and again only when it changes', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'directives-'));
    const file = path.join(directory, 'button.tsx');
    writeFileSync(file, `export const Button = 1;`);
    const before = moduleDirectiveReads();
    try {
      // Within the recheck interval a file is not looked at again, changed or not.
      setProjectFileRecheckInterval(60_000);
      expect(readModuleDirectives(file)?.has('use client')).toBe(false);
      expect(readModuleDirectives(file)?.has('use client')).toBe(false);
      expect(clientExportOf(file, 'Button')).toBe('no');
      expect(moduleDirectiveReads() - before).toBe(1);
      writeFileSync(file, `'use client';\nexport const Button = 1;`);
      utimesSync(file, new Date(), new Date(Date.now() + 10_000));
      expect(readModuleDirectives(file)?.has('use client')).toBe(false);
      // Once the interval has passed (here: at once), the change is seen, and read once.
      setProjectFileRecheckInterval(0);
      expect(readModuleDirectives(file)?.has('use client')).toBe(true);
      expect(readModuleDirectives(file)?.has('use client')).toBe(true);
      expect(moduleDirectiveReads() - before).toBe(2);
      rmSync(directory, { recursive: true, force: true });
      expect(readModuleDirectives(file)).toBeNull();
    } finally {
      setProjectFileRecheckInterval(1000);
    }
  });
});
