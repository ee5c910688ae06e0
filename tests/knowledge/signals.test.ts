import { describe, expect, it } from 'vitest';

import { matchesFrom } from '../../src/analysis/text-signals.js';
import { ENV_OR_TOKEN_SIGNAL, ENV_SIGNAL, TOKEN_SIGNAL } from '../../src/knowledge/env.js';
import { FAILURE_SIGNAL, RETRY_FILE_SIGNAL } from '../../src/knowledge/retry.js';

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

/**
 * Over the random texts, what `fromFirst` finds from the union's first match is what `whole` finds
 * over the whole text. Returns how many texts `telling` picks: the cases that prove something.
 */
function sameFromFirstMatch(
  union: RegExp,
  pieces: readonly string[],
  fromFirst: (text: string, index: number) => Record<string, boolean>,
  whole: (text: string) => Record<string, boolean>,
  telling: (text: string, index: number, expected: Record<string, boolean>) => boolean,
): number {
  let count = 0;
  for (const text of randomTexts(pieces)) {
    const first = union.exec(text);
    if (first === null) continue;
    const found = fromFirst(text, first.index);
    const expected = whole(text);
    if (Object.keys(expected).some((key) => found[key] !== expected[key])) expect({ text, ...found }).toEqual({ text, ...expected });
    if (telling(text, first.index, expected)) count++;
  }
  return count;
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
    const both = sameFromFirstMatch(
      ENV_OR_TOKEN_SIGNAL,
      pieces,
      (text, index) => ({ env: matchesFrom(ENV_SIGNAL, text, index), token: matchesFrom(TOKEN_SIGNAL, text, index) }),
      (text) => ({ env: ENV_SIGNAL.test(text), token: TOKEN_SIGNAL.test(text) }),
      (_text, _index, expected) => expected.env === true && expected.token === true,
    );
    // Texts that hold both, where the second is found after the first, are among them.
    expect(both).toBeGreaterThan(100);
  });

  it('RETRY_FILE_SIGNAL and FAILURE_SIGNAL answer like the plain alternations of their words', () => {
    const plainRetry = /catch|\.then\b|onerror|onclose|["'`](?:error|close|end|disconnect)|retry|attempts/iu;
    const plainFailure = /catch|\.then\b|onerror|onclose|["'`](?:error|close|end|disconnect)/u;
    const samples = [
      '} catch (error) {',
      'promise.CATCH()',
      'fetch(url).then((r) => r.json())',
      '.thenable',
      'ws.onerror = reconnect',
      'ws.onClose = reconnect',
      "socket.on('error', retry)",
      'socket.on("close")',
      "on('end')",
      "on(`disconnect`)",
      "'errors'",
      'const maxRetries = 3',
      'retryDelay',
      'RETRY',
      '{ attempts: 5 }',
      'attempt',
      'attemp ts',
      'ordinary code: const user = await db.user.findFirst({ where: { id } });',
      '',
    ];
    const pieces = ['catch', 'cat', 'c', 'h', 'CATCH', 'Catch', '.', 'then', 'th', 'en', 'Then', 'on', 'error', 'Error', 'close', 'Close', 'o', 'n', "'", '"', '`', 'end', 'disconnect', 'retry', 'retr', 'y', 'Retry', 'attempts', 'attemp', 'p', 'ts', 'atte', ' ', 'x', '_'];
    sameAnswers(RETRY_FILE_SIGNAL, plainRetry, samples, pieces);
    sameAnswers(FAILURE_SIGNAL, plainFailure, samples, pieces);
  });

  it('after the first match of the retry signal, failure handlers, `catch` and `onErrorRetry` are found as over the whole text', () => {
    const pieces = ['catch', 'cat', 'h', '.', 'then', 'on', 'error', 'Error', 'onErrorRetry', 'close', "'", 'end', 'retry', 'Retry', 'attempts', 'attemp', 'p', 'y', ' ', 'x'];
    const later = sameFromFirstMatch(
      RETRY_FILE_SIGNAL,
      pieces,
      // As the rule asks: `catch` is matched at its `h`, four characters in.
      (text, index) => ({ failure: matchesFrom(FAILURE_SIGNAL, text, index), catch: text.includes('catch', index - 4), onErrorRetry: text.includes('onErrorRetry', index) }),
      (text) => ({ failure: FAILURE_SIGNAL.test(text), catch: text.includes('catch'), onErrorRetry: text.includes('onErrorRetry') }),
      // Texts whose first `catch` starts before the first match's index are among them.
      (text, index, expected) => expected.catch === true && text.indexOf('catch') < index,
    );
    expect(later).toBeGreaterThan(100);
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
