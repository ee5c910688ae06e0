import type { SqlDialect } from '../knowledge/tenant.js';

/**
 * The tokens of a SQL text, for the parser in `sql-parser.ts`. One pass, no backtracking; anything
 * it cannot read (an unterminated string, quote or comment, a character no dialect uses) throws
 * `SqlSyntaxError`, which the caller turns into "unknown".
 *
 * Placeholders of every client are one token kind: `$1`, `?`, `?1`, `:name`, `@name`, `$name`.
 * Dialect differences: MySQL reads `"..."` as a string, `\` as an escape and `#` as a comment;
 * PostgreSQL and SQLite read `"..."` as an identifier.
 */
export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'op' | 'punct' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** Words: as written; quoted identifiers: without quotes; operators and punctuation: the symbol. */
  readonly text: string;
  /** Words: upper-cased, for keyword tests; otherwise the same as `text`. */
  readonly upper: string;
}

export class SqlSyntaxError extends Error {}

/** One shared instance: most texts that look like queries and are not read fail, and a stack trace per failure would cost more than the parse. */
const SYNTAX_ERROR = new SqlSyntaxError('SQL this parser does not read');

export function syntaxError(): never {
  throw SYNTAX_ERROR;
}

export const END_TOKEN: Token = { kind: 'end', text: '', upper: '' };

/** Multi-character operators, longest first (PostgreSQL JSON, array, range, vector and text-search ones included). */
const OPERATORS = [
  '!~~*', '<=>', '->>', '#>>', '<->', '<#>', '<<=', '>>=', '!~*', '~~*', '!~~', '-|-',
  '::', ':=', '=>', '->', '#>', '#-', '@>', '<@', '@@', '@?', '||', '<=', '>=', '<>', '!=', '==', '~*', '!~', '~~', '&&', '<<', '>>', '?|', '?&', '&<', '&>', '^@',
];
const SINGLE_OPERATORS = '=<>+-*/%^&|~!#@?:';
const PUNCTUATION = '(),;.[]';
const STRING_PREFIXES = 'EeNnXxBb';
const QUOTE = 39;
const DOUBLE_QUOTE = 34;
const BACKTICK = 96;
const BACKSLASH = 92;
const DOLLAR = 36;
const DOT = 46;
const COLON = 58;
const QUESTION = 63;

const isWordStart = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 0xc0;
const isWordPart = (code: number): boolean => isWordStart(code) || (code >= 48 && code <= 57) || code === 36;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

export function tokenize(text: string, dialect: SqlDialect): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  const mysql = dialect === 'mysql';
  let i = 0;
  const push = (kind: TokenKind, value: string, upper = value): void => {
    tokens.push({ kind, text: value, upper });
  };
  /** The end of a quoted run that starts at `start` (on the opening quote); doubled quotes escape. */
  const closeQuote = (start: number, quote: number, backslash: boolean): number => {
    let at = start + 1;
    for (;;) {
      if (at >= length) syntaxError();
      const code = text.charCodeAt(at);
      if (backslash && code === BACKSLASH) {
        at += 2;
      } else if (code !== quote) {
        at++;
      } else if (text.charCodeAt(at + 1) === quote) {
        at += 2;
      } else {
        return at + 1;
      }
    }
  };
  while (i < length) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code === 32 || code === 10 || code === 9 || code === 13 || code === 12) {
      i++;
    } else if (isWordStart(code)) {
      // E'...', N'...', X'...', B'...': prefixed strings.
      if (next === QUOTE && STRING_PREFIXES.includes(text[i] ?? '')) {
        const end = closeQuote(i + 1, QUOTE, code === 69 || code === 101 || mysql);
        push('string', text.slice(i, end));
        i = end;
        continue;
      }
      // `$` may continue a word, but not a template interpolation written against it (`= false$2`).
      let end = i + 1;
      for (let part = text.charCodeAt(end); end < length && isWordPart(part) && !(part === DOLLAR && isDigit(text.charCodeAt(end + 1))); part = text.charCodeAt(end)) end++;
      const word = text.slice(i, end);
      push('word', word, word.toUpperCase());
      i = end;
    } else if (isDigit(code) || (code === DOT && isDigit(next))) {
      let end = i + 1;
      while (end < length && (isWordPart(text.charCodeAt(end)) || text.charCodeAt(end) === DOT)) end++;
      // 1e-5, 1E+5
      const sign = text.charCodeAt(end);
      if ((sign === 45 || sign === 43) && (text.charCodeAt(end - 1) | 32) === 101 && isDigit(text.charCodeAt(end + 1))) {
        end++;
        while (end < length && isDigit(text.charCodeAt(end))) end++;
      }
      push('number', text.slice(i, end));
      i = end;
    } else if (code === QUOTE) {
      const end = closeQuote(i, QUOTE, mysql);
      push('string', text.slice(i, end));
      i = end;
    } else if (code === DOUBLE_QUOTE) {
      const end = closeQuote(i, DOUBLE_QUOTE, mysql);
      if (mysql) push('string', text.slice(i, end));
      else push('quoted', unquote(text.slice(i + 1, end - 1), '"'));
      i = end;
    } else if (code === BACKTICK) {
      const end = closeQuote(i, BACKTICK, false);
      push('quoted', unquote(text.slice(i + 1, end - 1), '`'));
      i = end;
    } else if ((code === 45 && next === 45) || (code === 35 && mysql)) {
      // -- comment, MySQL # comment
      const end = text.indexOf('\n', i);
      i = end === -1 ? length : end + 1;
    } else if (code === 47 && next === 42) {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) syntaxError();
      i = end + 2;
    } else if (code === DOLLAR) {
      i = dollar(text, i, push);
    } else if (code === QUESTION) {
      if (next === QUESTION) syntaxError();
      if ((next === 124 || next === 38) && dialect === 'postgresql') {
        // PostgreSQL JSON operators ?| and ?&
        push('op', text.slice(i, i + 2));
        i += 2;
        continue;
      }
      let end = i + 1;
      while (end < length && isDigit(text.charCodeAt(end))) end++;
      push('param', text.slice(i, end));
      i = end;
    } else if ((code === COLON || code === 64) && isWordStart(next) && text.charCodeAt(i - 1) !== COLON) {
      // :name, @name
      let end = i + 2;
      while (end < length && isWordPart(text.charCodeAt(end))) end++;
      push('param', text.slice(i, end));
      i = end;
    } else {
      const char = text[i] ?? '';
      if (PUNCTUATION.includes(char)) {
        push('punct', char);
        i++;
      } else if (SINGLE_OPERATORS.includes(char)) {
        const operator = SINGLE_OPERATORS.includes(text[i + 1] ?? ' ') ? (OPERATORS.find((candidate) => text.startsWith(candidate, i)) ?? char) : char;
        push('op', operator);
        i += operator.length;
      } else {
        syntaxError();
      }
    }
  }
  return tokens;
}

function unquote(name: string, quote: string): string {
  return name.includes(quote) ? name.replaceAll(quote + quote, quote) : name;
}

/** `$1` (a parameter), `$name` (SQLite), `$$...$$` and `$tag$...$tag$` (PostgreSQL dollar quoting). */
function dollar(text: string, start: number, push: (kind: TokenKind, value: string) => void): number {
  let end = start + 1;
  if (isDigit(text.charCodeAt(end))) {
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    push('param', text.slice(start, end));
    return end;
  }
  while (end < text.length && isWordPart(text.charCodeAt(end)) && text[end] !== '$') end++;
  if (text[end] === '$') {
    const tag = text.slice(start, end + 1);
    const close = text.indexOf(tag, end + 1);
    if (close === -1) syntaxError();
    push('string', text.slice(start, close + tag.length));
    return close + tag.length;
  }
  if (end === start + 1) syntaxError();
  push('param', text.slice(start, end));
  return end;
}
