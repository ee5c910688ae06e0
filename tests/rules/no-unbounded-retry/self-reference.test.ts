/**
 * The pre-check of `no-unbounded-retry` that skips its per-function listeners: a file whose named
 * functions never name themselves in their own bodies cannot hold a self-retry.
 */
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { mayReferToItself } from '../../../src/rules/no-unbounded-retry/recursion.js';

function answer(code: string): boolean {
  let result: boolean | undefined;
  const probe = {
    meta: { type: 'problem', schema: [], messages: {} },
    create(context: Readonly<TSESLint.RuleContext<string, unknown[]>>) {
      result = mayReferToItself(context.sourceCode);
      return {};
    },
  };
  const messages = new Linter().verify(
    code,
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser },
      plugins: { probe: { rules: { probe } } as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: { 'probe/probe': 'error' },
    },
    'file.ts',
  );
  expect(messages).toEqual([]);
  if (result === undefined) throw new Error('the probe rule did not run');
  return result;
}

describe('mayReferToItself', () => {
  it('finds a function, a const arrow, a method and a class field that name themselves', () => {
    expect(answer('async function charge(id) { try { return await pay(id); } catch { return charge(id); } }')).toBe(true);
    expect(answer('const connect = () => { ws.onclose = () => setTimeout(connect, 1000); };')).toBe(true);
    expect(answer('class Client { open() { this.socket.on("close", () => this.open()); } }')).toBe(true);
    expect(answer('class Client { open = () => { this.socket.onerror = this.open; }; }')).toBe(true);
    expect(answer('const api = { sync() { return fetch("/s").catch(() => this.sync()); } };')).toBe(true);
  });

  it('is false when no named function names itself inside its own body', () => {
    expect(answer('export function load(id) { return fetch(`/x/${id}`).catch(() => null); }\nload(1);')).toBe(false);
    expect(answer('const save = async () => { try { await post(); } catch (error) { report(error); } };')).toBe(false);
    expect(answer('items.map(function (item) { return item.id; });')).toBe(false);
  });

  it('looks for the name as a whole word, not inside longer names', () => {
    expect(answer('function load() { const loading = true; return fetchData().catch(() => reload(loading)); }')).toBe(false);
    expect(answer('const get = () => { try { return cache.getItem("k"); } catch { return $get_; } };')).toBe(false);
    expect(answer('function load() { return fetchData().catch(() => load()); }')).toBe(true);
    expect(answer('const sync = () => { try { run(); } catch { setTimeout(sync); } };')).toBe(true);
    expect(answer('class Client { open() { this.socket.on("close", () => this["open"]()); } }')).toBe(true);
    // A name at the very end of the body (an expression body).
    expect(answer('const poll = (): unknown => poll')).toBe(true);
    // Next to a non-ASCII letter the name counts as found: a superset, never a miss.
    expect(answer('function tick() { try { step(); } catch { tické(); } }')).toBe(true);
  });
});
