/**
 * The sentence splitter the message meta-test relies on (tests/first-sentence.ts), and proof that
 * the meta-test fails on a long first sentence.
 */
import { describe, expect, it } from 'vitest';

import { FIRST_SENTENCE_LIMIT, firstSentence } from '../first-sentence.js';

describe('firstSentence', () => {
  it('ends at a period followed by a capital letter', () => {
    expect(firstSentence('`cors()` sends `*`: pass `origin`. Browsers then block other sites.')).toBe('`cors()` sends `*`: pass `origin`.');
  });

  it('is the whole message when it has one sentence', () => {
    expect(firstSentence('Read `{{name}}` instead.')).toBe('Read `{{name}}` instead.');
  });

  it('does not end inside a code span, at a file name or at a decimal number', () => {
    expect(firstSentence('The `next.config. Env` option in next.config.js waits 24.8 days: remove it. Then rotate.')).toBe(
      'The `next.config. Env` option in next.config.js waits 24.8 days: remove it.',
    );
  });

  it('does not end after e.g., i.e., etc. or vs.', () => {
    expect(firstSentence('Use a helper (e.g. Stripe, i.e. Svix, etc. Paddle vs. Polar) here. More.')).toBe(
      'Use a helper (e.g. Stripe, i.e. Svix, etc. Paddle vs. Polar) here.',
    );
  });

  it('does not end before a lower-case word', () => {
    expect(firstSentence('It retries forever. and then some. Fix it.')).toBe('It retries forever. and then some.');
  });

  it('ignores what a placeholder holds, and lets one start the next sentence', () => {
    expect(firstSentence('{{source}} sends `*`: fix it. {{advice}}.')).toBe('{{source}} sends `*`: fix it.');
    expect(firstSentence('`{{a. B}}` is wrong: fix it.')).toBe('`{{a. B}}` is wrong: fix it.');
  });

  it('ends at a sentence that starts with a code span', () => {
    expect(firstSentence('This is wrong. `data` is undefined.')).toBe('This is wrong.');
  });

  it(`finds a first sentence over ${FIRST_SENTENCE_LIMIT} characters (the meta-test fails on it)`, () => {
    const long = `\`{{name}}()\` calls itself forever${', again'.repeat(20)}: stop it. Short second sentence.`;
    expect(firstSentence(long).length).toBeGreaterThan(FIRST_SENTENCE_LIMIT);
    expect(() => {
      expect(firstSentence(long).length).toBeLessThanOrEqual(FIRST_SENTENCE_LIMIT);
    }).toThrow();
  });
});
