/**
 * The per-file facts: one FileFacts per Program, shared by every rule that lints the file, each
 * fact computed on first use; the directive prologue (`'use client'`).
 */
import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { FileFacts, getFileFacts } from '../../src/analysis/file-facts.js';
import { analyse } from './harness.js';

type Plugin = NonNullable<Linter.Config['plugins']>[string];

/** Two throwaway rules on the same file; each records the facts it got, at Program and at exit. */
function factsSeenByTwoRules(code: string): { readonly seen: FileFacts[]; readonly programs: TSESTree.Program[] } {
  const seen: FileFacts[] = [];
  const programs: TSESTree.Program[] = [];
  const rule = {
    defaultOptions: [],
    meta: { type: 'problem', schema: [], messages: {} },
    create(context: Readonly<TSESLint.RuleContext<string, unknown[]>>) {
      seen.push(getFileFacts(context));
      return {
        Program(program: TSESTree.Program) {
          programs.push(program);
        },
        'Program:exit'() {
          seen.push(getFileFacts(context));
        },
      };
    },
  };
  const plugin = { rules: { first: rule, second: rule } } as unknown as Plugin;
  new Linter().verify(
    code,
    { files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { probe: plugin }, rules: { 'probe/first': 'error', 'probe/second': 'error' } },
    'file.ts',
  );
  return { seen, programs };
}

describe('getFileFacts', () => {
  it('gives every rule on a file the same FileFacts, cached on its Program', () => {
    const { seen, programs } = factsSeenByTwoRules(`import cors from 'cors';\ncors();`);
    expect(seen).toHaveLength(4);
    const [first] = seen;
    expect(first).toBeInstanceOf(FileFacts);
    for (const facts of seen) expect(facts).toBe(first);
    expect(first?.program).toBe(programs[0]);
  });

  it('gives another file (another Program) its own FileFacts', () => {
    const a = factsSeenByTwoRules(`export const a = 1;`).seen[0];
    const b = factsSeenByTwoRules(`export const a = 1;`).seen[0];
    expect(a).not.toBe(b);
  });

  it('computes each fact once, on first use', () => {
    analyse(`import cors from 'cors';\ncors();`, (probe) => {
      const { facts } = probe;
      expect(facts.imports).toBe(facts.imports);
      expect(facts.constants).toBe(facts.constants);
      expect(facts.handlers).toBe(facts.handlers);
      expect(facts.types).toBe(facts.types);
      expect(facts.directives).toBe(facts.directives);
    });
  });

  it('carries the filename of the file being linted', () => {
    expect(analyse(`export {};`, (probe) => probe.facts.filename, { filename: 'app/api/x/route.ts' })).toMatch(
      /tests\/fixtures\/analysis\/app\/api\/x\/route\.ts$/u,
    );
  });
});

describe('FileFacts.directives', () => {
  it("reads the directive prologue: 'use client' makes a client module", () => {
    analyse(`'use client';\n'use strict';\nimport x from 'y';\n'not a directive';`, (probe) => {
      expect([...probe.facts.directives]).toEqual(['use client', 'use strict']);
      expect(probe.facts.isClientModule).toBe(true);
    });
  });

  it("'use server' and files without directives are not client modules", () => {
    expect(analyse(`'use server';\nexport async function save() {}`, (probe) => probe.facts.isClientModule)).toBe(false);
    expect(analyse(`export const x = 'use client';`, (probe) => probe.facts.isClientModule)).toBe(false);
    expect(analyse(``, (probe) => [...probe.facts.directives])).toEqual([]);
  });

  it("a 'use client' after other code is not a directive", () => {
    expect(analyse(`import React from 'react';\n'use client';`, (probe) => probe.facts.isClientModule)).toBe(false);
  });
});
