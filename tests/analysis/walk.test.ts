import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { descendants, walk, walkWithin } from '../../src/analysis/ast.js';
import { analyse } from './harness.js';

const CODE = `
export async function handler(req: Request, { params }: { params: { id: string } }) {
  const session = await auth();
  if (!session) return new Response(null, { status: 401 });
  const row = await db.invoice.findFirst({ where: { id: params.id } });
  if (row?.teamId !== session.teamId) throw new Error('forbidden');
  return Response.json(await db.invoice.update({ where: { id: params.id }, data: { paid: true } }));
}
`;

/** Whether `node` and every node above it up to `root` satisfy `within`. */
function inside(node: TSESTree.Node, root: TSESTree.Node, within: (node: TSESTree.Node) => boolean): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (!within(current)) return false;
    if (current === root) return true;
  }
  return false;
}

describe('walk', () => {
  it('visits every node once, the root first, type annotations, tokens and comments left out', () => {
    const { visited, all, typeAnnotations } = analyse(CODE, (probe) => {
      const seen: TSESTree.Node[] = [];
      walk(probe.program, (node) => seen.push(node));
      return { visited: seen, all: probe.all(), typeAnnotations: probe.all().filter((node) => node.type === AST_NODE_TYPES.TSTypeAnnotation).length };
    });
    expect(new Set(visited).size).toBe(visited.length);
    expect(visited[0]?.type).toBe(AST_NODE_TYPES.Program);
    expect(typeAnnotations).toBeGreaterThan(0);
    expect(visited.some((node) => node.type === AST_NODE_TYPES.TSTypeAnnotation)).toBe(false);
    expect(visited.every((node) => all.includes(node))).toBe(true);
  });

  it('walkWithin visits what walk visits whose ancestors are all within, in the same order', () => {
    const cases = analyse(CODE, (probe) => {
      const fn = probe.fn('async function handler');
      const update = probe.node('CallExpression', 'db.invoice.update({ where: { id: params.id }, data: { paid: true } })');
      const guard = probe.node('BinaryExpression', 'row?.teamId !== session.teamId');
      const predicates: ((node: TSESTree.Node) => boolean)[] = [
        (node) => node.range[0] < update.range[0],
        (node) => node.range[1] > guard.range[1],
        (node) => node.range[1] >= guard.range[0] && node.range[0] <= guard.range[1],
      ];
      return predicates.map((within) => {
        const expected: TSESTree.Node[] = [];
        walk(fn, (node) => {
          if (inside(node, fn, within)) expected.push(node);
        });
        const actual: TSESTree.Node[] = [];
        walkWithin(fn, within, (node) => actual.push(node));
        const total: TSESTree.Node[] = [];
        walk(fn, (node) => total.push(node));
        // What the tenant rule's ties read instead of walking again: the listed nodes that are themselves within.
        const listed = descendants(fn).filter(within);
        return {
          same: actual.length === expected.length && actual.every((node, index) => node === expected[index]),
          sameListed: listed.length === actual.length && listed.every((node, index) => node === actual[index]),
          visited: actual.length,
          total: total.length,
        };
      });
    });
    for (const { same, sameListed, visited, total } of cases) {
      expect(same).toBe(true);
      expect(sameListed).toBe(true);
      // Each stretch is a strict part of the function, and not empty.
      expect(visited).toBeGreaterThan(0);
      expect(visited).toBeLessThan(total);
    }
  });

  it('descendants lists what walk visits, in its order, once per root', () => {
    const { same, cached, other } = analyse(CODE, (probe) => {
      const fn = probe.fn('async function handler');
      const walked: TSESTree.Node[] = [];
      walk(fn, (node) => walked.push(node));
      const listed = descendants(fn);
      return {
        same: listed.length === walked.length && listed.every((node, index) => node === walked[index]),
        cached: descendants(fn) === listed,
        other: descendants(probe.program) !== listed && descendants(probe.program).length > listed.length,
      };
    });
    expect(same).toBe(true);
    expect(cached).toBe(true);
    expect(other).toBe(true);
  });
});
