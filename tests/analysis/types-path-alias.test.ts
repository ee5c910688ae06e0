/**
 * Imports through a path alias (`@/lib/cors`) that only the type checker resolves, in a project of
 * our own (tests/fixtures/analysis/typed-project: a tsconfig with `paths`, `lib/` included, the
 * file under test in the default project). Its own test file because typescript-eslint keeps a
 * single project service per process, configured by the first typed parse.
 */
import path from 'node:path';

import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { analyse, ANALYSIS_FIXTURES, type Probe } from './harness.js';

const TYPED_PROJECT = path.join(ANALYSIS_FIXTURES, 'typed-project');

function typed<T>(code: string, inspect: (probe: Probe) => T, project: string): T {
  return analyse(code, inspect, { tier: 'typed', filename: 'file.ts', project });
}

describe('with a path alias only the checker resolves (tests/fixtures/analysis/typed-project)', () => {
  const code = [
    `import { corsHeaders, ALIASED_ORIGIN } from '@/lib/cors';`,
    `import { REEXPORTED_ORIGIN } from '@/lib/reexport';`,
    `export const probe = [{ ...corsHeaders }, ALIASED_ORIGIN, REEXPORTED_ORIGIN];`,
  ].join('\n');

  it('declarationOf follows the alias and the re-export to the declaring file', () => {
    typed(
      code,
      (probe) => {
        const bridge = probe.facts.types;
        const cors = path.join(TYPED_PROJECT, 'lib/cors.ts').replaceAll('\\', '/');
        expect(bridge?.declarationOf(probe.identifier('corsHeaders', 1))).toEqual({ fileName: cors, name: 'corsHeaders' });
        expect(bridge?.declarationOf(probe.identifier('REEXPORTED_ORIGIN', 1))).toEqual({ fileName: cors, name: 'ALIASED_ORIGIN' });
      },
      TYPED_PROJECT,
    );
  });

  it('ConstantResolver reads the aliased module with types, and answers unknown without', () => {
    const inspect = (probe: Probe): unknown[] => {
      const array = probe.all().find((node): node is TSESTree.ArrayExpression => node.type === AST_NODE_TYPES.ArrayExpression)?.elements ?? [];
      const [spread, aliased, reexported] = array as TSESTree.Expression[];
      const object = spread ? probe.facts.constants.objectEntries(spread) : null;
      return [
        object?.entries.map((entry) => [entry.key, probe.facts.constants.valueOf(entry.value)?.value]) ?? null,
        aliased ? (probe.facts.constants.value(aliased)?.value ?? null) : null,
        reexported ? (probe.facts.constants.value(reexported)?.value ?? null) : null,
      ];
    };
    expect(typed(code, inspect, TYPED_PROJECT)).toEqual([
      [
        ['Access-Control-Allow-Origin', '*'],
        ['Access-Control-Allow-Headers', 'authorization, content-type'],
      ],
      '*',
      '*',
    ]);
    expect(analyse(code, inspect)).toEqual([[], null, null]);
  });
});
