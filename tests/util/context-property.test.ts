import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { contextProperty } from '../../src/util/context-property.js';

describe('contextProperty', () => {
  it('reads what a plain property read gives, wherever the property is', () => {
    const grandparent = { deep: 'deep' };
    const parent = Object.create(grandparent, {
      inherited: { value: 'inherited', enumerable: true },
      inheritedGetter: { get: () => 'inherited getter' },
    }) as object;
    const object = Object.create(parent, {
      own: { value: 'own', enumerable: true },
      ownGetter: { get: () => 'own getter' },
      shadowed: { value: 'own shadow' },
    }) as Record<string, unknown>;
    Object.defineProperty(parent, 'shadowed', { value: 'parent shadow' });
    const keys = ['own', 'ownGetter', 'inherited', 'inheritedGetter', 'deep', 'shadowed', 'missing', 'toString'];
    expect(keys.map((key) => contextProperty(object, key))).toEqual(keys.map((key) => object[key]));
    expect(keys.map((key) => contextProperty(object, key))).toEqual(['own', 'own getter', 'inherited', 'inherited getter', 'deep', 'own shadow', undefined, expect.any(Function)]);
  });

  it("reads a data property of the object or of its prototype (ESLint's shape) without a plain read", () => {
    const context = Object.create({ sourceCode: 'code' }, { options: { value: ['o'] } }) as object;
    const plainReads: PropertyKey[] = [];
    const watched = new Proxy(context, {
      get(target, key, receiver) {
        plainReads.push(key);
        return Reflect.get(target, key, receiver) as unknown;
      },
    }) as { options: unknown; sourceCode: unknown };
    expect([contextProperty(watched, 'options'), contextProperty(watched, 'sourceCode')]).toEqual([['o'], 'code']);
    expect(plainReads).toEqual([]);
  });

  it('reads objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { options: [1] });
    expect(contextProperty(bare, 'options')).toEqual([1]);
    expect(contextProperty(bare, 'missing')).toBeUndefined();
  });

  it("reads ESLint's rule context as a plain read does", () => {
    const seen: [unknown, unknown][] = [];
    const keys = ['options', 'sourceCode', 'filename', 'physicalFilename', 'cwd', 'settings', 'languageOptions', 'id'] as const;
    const rule = {
      meta: { schema: [{ type: 'object' }] },
      create(context: Record<(typeof keys)[number], unknown>) {
        for (const key of keys) seen.push([contextProperty(context, key), context[key]]);
        return {};
      },
    };
    const linter = new Linter({ cwd: '/project' });
    linter.verify('a;', [{ plugins: { t: { rules: { r: rule } } }, rules: { 't/r': ['error', { x: 1 }] }, settings: { s: 1 } }] as never, { filename: '/project/a.js' });
    expect(seen).toHaveLength(keys.length);
    for (const [read, plain] of seen) expect(read).toBe(plain);
    expect(seen.map(([read]) => read).slice(0, 1)).toEqual([[{ x: 1 }]]);
  });
});
