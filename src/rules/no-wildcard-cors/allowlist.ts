/**
 * Whether an origin allowlist check can be passed by an attacker-controlled origin. Decided by
 * trying concrete origins against the check, so every finding can name an origin that gets in.
 */

const ATTACKER_ORIGINS = ['https://attacker.invalid', 'http://evil.test'];

export interface Weakness {
  /** An origin an attacker can register that the check accepts. */
  readonly example: string;
  /** How to fix it, as a clause that completes "To fix it, ...". */
  readonly fix: string;
}

/** A regex that accepts arbitrary origins (`/.*\/`, `/^https?:\/\/.+$/`): it allows everyone. */
export function regexAcceptsAll(pattern: RegExp): boolean {
  return ATTACKER_ORIGINS.every((origin) => safeTest(pattern, origin));
}

/**
 * A regex allowlist entry that a look-alike domain passes: unanchored (`/example\.com/`), anchored
 * at one end only (`/example\.com$/` accepts `https://evilexample.com`), or with an unescaped dot.
 * Unknown (null) when the pattern names no domain we can derive legitimate origins from.
 */
export function regexWeakness(pattern: RegExp): Weakness | null {
  const domain = /[a-z0-9-]+(?:\\?\.[a-z0-9-]+)+/iu.exec(pattern.source)?.[0]?.replaceAll('\\.', '.');
  if (!domain) return null;
  const legitimate = [`https://${domain}`, `https://app.${domain}`, `http://localhost`, `https://${domain}:443`];
  if (!legitimate.some((origin) => safeTest(pattern, origin))) return null;
  const candidates: [string, string][] = [
    [`https://evil${domain}`, 'anchor the host: match a leading `^https://` or `\\.` before the domain'],
    [`https://${domain}.attacker.invalid`, 'anchor the end of the pattern with `$`'],
    [`https://app.${domain}.attacker.invalid`, 'anchor the end of the pattern with `$`'],
    [`https://attacker.invalid/${domain}`, 'anchor the pattern at both ends (`^...$`)'],
    [`https://attacker.invalid?${domain}`, 'anchor the pattern at both ends (`^...$`)'],
  ];
  const dotted = domain.split('.');
  for (let index = 1; index < dotted.length; index++) {
    const joined = `${dotted.slice(0, index).join('.')}x${dotted.slice(index).join('.')}`;
    candidates.push([`https://${joined}`, 'escape the dots in the domain (`\\.`)']);
  }
  for (const [origin, fix] of candidates) {
    if (safeTest(pattern, origin)) return { example: origin, fix };
  }
  return null;
}

/** `origin.endsWith('example.com')` without the leading dot accepts `https://evilexample.com`. */
export function endsWithWeakness(suffix: string): Weakness | null {
  if (suffix.startsWith('.') || suffix.includes('://') || suffix === '') return null;
  return {
    example: `https://evil${suffix}`,
    fix: `compare exact origins, or check \`endsWith('.${suffix}')\` and the apex origin separately`,
  };
}

/** `origin.startsWith('https://example.com')` accepts `https://example.com.attacker.invalid`. */
export function startsWithWeakness(prefix: string): Weakness | null {
  if (!prefix.includes('://') || prefix.endsWith('/')) return null;
  return {
    example: `${prefix}.attacker.invalid`,
    fix: 'compare the whole origin for equality instead of a prefix',
  };
}

/** `origin.includes('example.com')` accepts any origin that contains the text. */
export function includesWeakness(fragment: string): Weakness | null {
  if (fragment === '') return null;
  const host = fragment.replace(/^https?:\/\//u, '');
  return {
    example: `https://${host}.attacker.invalid`,
    fix: 'compare the whole origin for equality with each allowed origin',
  };
}

function safeTest(pattern: RegExp, value: string): boolean {
  try {
    return new RegExp(pattern.source, pattern.flags.replaceAll(/[gy]/gu, '')).test(value);
  } catch {
    return false;
  }
}
