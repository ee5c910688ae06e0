/**
 * Text signals after a union of them: a rule rejects most files with one scan for any of its
 * signals (`a|b`), then needs to know which of them the file holds. The union's first match is at
 * `from`: no signal whose every match is also a match of the union can match before it, so each is
 * looked for from there, not from the start of the text again.
 */

const globalForms = new WeakMap<RegExp, RegExp>();

/**
 * Whether `signal` matches `text` at or after `from`. `from` must be where a union that matches
 * wherever `signal` does first matched (the union's alternatives include `signal`, with the same or
 * looser flags); a lookbehind still sees the text before `from`.
 */
export function matchesFrom(signal: RegExp, text: string, from: number): boolean {
  let global = globalForms.get(signal);
  if (global === undefined) {
    global = new RegExp(signal.source, signal.flags.includes('g') ? signal.flags : `${signal.flags}g`);
    globalForms.set(signal, global);
  }
  global.lastIndex = from;
  return global.test(text);
}
