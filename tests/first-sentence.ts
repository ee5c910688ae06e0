/**
 * The first sentence of a rule message: what a developer reads in the terminal before deciding
 * what to do, so it must say what is wrong, where, and the fix (CONTRIBUTING.md, "Message style").
 *
 * A sentence ends at `.`, `!` or `?` followed by white space and a capital letter, a code span or a
 * placeholder, or at the end of the message. Never inside a code span (`` `next.config.js` ``) or a
 * `{{placeholder}}` (its content is unknown: it counts as written), never after an abbreviation
 * (`e.g.`, `i.e.`, `etc.`, `vs.`, `cf.`), and never at a period inside a word (`next.config.js`,
 * `24.8`).
 */
export const FIRST_SENTENCE_LIMIT = 160;

const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf)$/iu;
/** A placeholder's characters once masked: no sentence can end inside it. */
const MASK = '\uE000';
const SENTENCE_END = /[.!?](?=\s+(?:[A-Z`\uE000'"]|$)|\s*$)/gu;

export function firstSentence(message: string): string {
  const masked = mask(message);
  for (const end of masked.matchAll(SENTENCE_END)) {
    if (ABBREVIATION.test(masked.slice(0, end.index))) continue;
    return message.slice(0, end.index + 1);
  }
  return message;
}

/** The message with code spans' and placeholders' content replaced, length preserved. */
function mask(message: string): string {
  let masked = '';
  let index = 0;
  while (index < message.length) {
    if (message.startsWith('{{', index)) {
      const close = message.indexOf('}}', index + 2);
      const length = (close === -1 ? message.length : close + 2) - index;
      masked += MASK.repeat(length);
      index += length;
    } else if (message[index] === '`') {
      const close = message.indexOf('`', index + 1);
      if (close === -1) {
        masked += '`';
        index += 1;
      } else {
        masked += `\`${'x'.repeat(close - index - 1)}\``;
        index = close + 1;
      }
    } else {
      masked += message[index] ?? '';
      index += 1;
    }
  }
  return masked;
}
