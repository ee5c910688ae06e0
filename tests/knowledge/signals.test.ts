import { describe, expect, it } from 'vitest';

import { matchesFrom } from '../../src/analysis/text-signals.js';
import { ENV_OR_TOKEN_SIGNAL, ENV_SIGNAL, TOKEN_SIGNAL } from '../../src/knowledge/env.js';

/**
 * Text signals are rewritten for speed (rare first characters, look-behinds). Each is checked
 * against the plain form it replaces: the same answer on samples of every alternative, near misses,
 * and random strings built from the pieces the alternatives are made of.
 */
function sameAnswers(fast: RegExp, plain: RegExp, samples: readonly string[], pieces: readonly string[]): void {
  for (const sample of samples) expect({ sample, found: fast.test(sample) }).toEqual({ sample, found: plain.test(sample) });
  let found = 0;
  for (const text of randomTexts(pieces)) {
    const expected = plain.test(text);
    if (expected) found++;
    if (fast.test(text) !== expected) expect({ text, found: fast.test(text) }).toEqual({ text, found: expected });
  }
  // The random strings reach both answers, or the comparison proves little.
  expect(found).toBeGreaterThan(100);
}

/** 20,000 strings of one to eight pieces each, from a fixed seed: the same on every run. */
function randomTexts(pieces: readonly string[]): string[] {
  let seed = 20261206;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const texts: string[] = [];
  for (let index = 0; index < 20_000; index++) {
    let text = '';
    const length = 1 + Math.floor(random() * 8);
    for (let piece = 0; piece < length; piece++) text += pieces[Math.floor(random() * pieces.length)] ?? '';
    texts.push(text);
  }
  return texts;
}

describe('text signals', () => {
  it('TOKEN_SIGNAL answers like the plain alternation of the token prefixes', () => {
    const plain = /sk_live_|rk_live_|A[BCKS][CI]A[A-Z2-7]{16}|gh[pousr]_|github_pat_|xox[bpe]-|sk-(?:proj|svcacct|admin|ant)-|T3BlbkFJ|SG\.|npm_|PRIVATE KEY|eyJ/u;
    const samples = [
      'const key = "sk_live_abc"',
      'rk_live_x',
      // Built at run time, so that this file holds no credential-shaped literal.
      ['AKIA', 'ABCDEFGHIJKLMNOP'].join(''),
      ['ASIA', '234567ABCDEFGHIJ'].join(''),
      ['AKIA', 'ABCDEFGHIJKLMNO'].join(''),
      'ghp_x ghs_ gho_ ghu_ ghr_',
      'ghx_',
      'github_pat_11',
      'github_',
      'xoxb-1 xoxp- xoxe-',
      'xoxa-',
      'sk-proj-1 sk-svcacct-2 sk-admin-3 sk-ant-4',
      'sk-other-',
      'sk_test_',
      'T3BlbkFJ',
      'SG.abc',
      'SG-abc',
      'npm_abc',
      'pnpm_',
      '-----BEGIN PRIVATE KEY-----',
      'eyJhbGciOi',
      'ordinary code: const user = await db.user.findFirst({ where: { id } });',
      '',
    ];
    const pieces = ['sk', 'rk', 's', 'k', '_', 'live', 'live_', '-', 'gh', 'p', 'o', 'u', 'r', 'x', 'github', 'pat', 'npm', 'xox', 'b', 'e', 'proj', 'svcacct', 'admin', 'ant', 'T3BlbkFJ', 'T3Blbk', 'SG', '.', 'PRIVATE KEY', 'PRIVATE', ' KEY', 'eyJ', 'ey', 'J', 'A', 'AKIA', 'ASIA', 'K', 'C', 'I', 'ABCDEFGH', '234567', 'Z', ' ', 'a'];
    sameAnswers(TOKEN_SIGNAL, plain, samples, pieces);
  });

  it('ENV_SIGNAL answers like the plain alternation of its words', () => {
    const plain = /\benv\b|useRuntimeConfig|dangerouslyAllowBrowser|DefinePlugin|EnvironmentPlugin|envPrefix/u;
    const samples = [
      'process.env.NEXT_PUBLIC_X',
      'import.meta.env.VITE_X',
      "import { env } from '$env/dynamic/public'",
      'environment',
      'devenv',
      'env_',
      'const config = useRuntimeConfig()',
      'RuntimeConfig',
      'new OpenAI({ dangerouslyAllowBrowser: true })',
      'AllowBrowser',
      'new webpack.DefinePlugin({})',
      'new EnvironmentPlugin([])',
      "envPrefix: 'APP_'",
      'viteEnvPrefix',
      'myenvPrefix',
      'Prefix',
      '',
    ];
    const pieces = ['env', 'en', 'v', 'e', 'n', '.', '_', ' ', 'x', 'Env', 'Prefix', 'use', 'Runtime', 'RuntimeConfig', 'Config', 'R', 'dangerously', 'Allow', 'A', 'Browser', 'Define', 'Environment', 'Plugin', 'my'];
    sameAnswers(ENV_SIGNAL, plain, samples, pieces);
  });

  it('ENV_OR_TOKEN_SIGNAL finds a file exactly when one of the two does', () => {
    // The same flags, or the union would read one of them differently (`i`, `m`).
    expect(ENV_OR_TOKEN_SIGNAL.flags).toBe(ENV_SIGNAL.flags);
    expect(ENV_OR_TOKEN_SIGNAL.flags).toBe(TOKEN_SIGNAL.flags);
    const either = /\benv\b|useRuntimeConfig|dangerouslyAllowBrowser|DefinePlugin|EnvironmentPlugin|envPrefix|sk_live_|rk_live_|A[BCKS][CI]A[A-Z2-7]{16}|gh[pousr]_|github_pat_|xox[bpe]-|sk-(?:proj|svcacct|admin|ant)-|T3BlbkFJ|SG\.|npm_|PRIVATE KEY|eyJ/u;
    const samples = ['process.env.X', 'envPrefix', 'environment', 'eyJhbGciOi', 'sk_live_x', 'xoxb-1', 'ordinary code', ''];
    const pieces = ['env', 'e', 'v', 'y', 'J', 'eyJ', '_', '-', 'sk', 'live', 'xox', 'b', 'Prefix', 'Define', 'Plugin', 'SG', '.', ' ', 'x'];
    sameAnswers(ENV_OR_TOKEN_SIGNAL, either, samples, pieces);
  });

  it('after the first match of the union, each signal is looked for from there with the same answer as over the whole text', () => {
    const pieces = ['env', 'e', 'v', 'y', 'J', 'eyJ', '_', '-', 'sk', 'live', 'xox', 'b', 'Prefix', 'Define', 'Plugin', 'SG', '.', ' ', 'x', 'npm'];
    let both = 0;
    for (const text of randomTexts(pieces)) {
      const first = ENV_OR_TOKEN_SIGNAL.exec(text);
      if (first === null) continue;
      const found = { env: matchesFrom(ENV_SIGNAL, text, first.index), token: matchesFrom(TOKEN_SIGNAL, text, first.index) };
      const expected = { env: ENV_SIGNAL.test(text), token: TOKEN_SIGNAL.test(text) };
      if (found.env !== expected.env || found.token !== expected.token) expect({ text, ...found }).toEqual({ text, ...expected });
      if (expected.env && expected.token) both++;
    }
    // Texts that hold both, where the second is found after the first, are among them.
    expect(both).toBeGreaterThan(100);
  });

  it('matchesFrom starts at the index it is given, and a look-behind still sees the text before it', () => {
    expect(matchesFrom(/a/u, 'a b', 1)).toBe(false);
    expect(matchesFrom(/b/u, 'a b', 1)).toBe(true);
    // ENV_SIGNAL starts `env` at its `v` and looks behind for `en`.
    const text = 'const url = process.env.URL';
    const first = ENV_OR_TOKEN_SIGNAL.exec(text);
    expect(first?.index).toBe(text.indexOf('env') + 2);
    expect(matchesFrom(ENV_SIGNAL, text, first?.index ?? 0)).toBe(true);
    // The signal's own state is untouched: it has no `g` flag, and answers from the start.
    expect(ENV_SIGNAL.flags.includes('g')).toBe(false);
    expect(ENV_SIGNAL.test(text)).toBe(true);
  });
});
