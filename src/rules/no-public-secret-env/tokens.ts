import { JWT_PATTERN, PLACEHOLDER, TOKEN_FORMATS, TOKEN_SIGNAL } from '../../knowledge/env.js';

/** A live credential found in a string. */
export interface FoundToken {
  readonly provider: string;
  readonly what: string;
}

const MIN_LENGTH = 20;

/**
 * The first live credential of a known format in `text` (`sk_live_...`, `AKIA...`, a PEM private
 * key, a Supabase `service_role` JWT), or null. Known formats only, never entropy: placeholders
 * (`sk_live_xxxxx...`, `...EXAMPLE`) are skipped.
 */
export function findToken(text: string): FoundToken | null {
  if (text.length < MIN_LENGTH || !TOKEN_SIGNAL.test(text)) return null;
  for (const format of TOKEN_FORMATS) {
    const match = format.pattern.exec(text);
    if (!match || PLACEHOLDER.test(match[0])) continue;
    if (format.provider === 'PEM' && !isWholePemKey(text, match.index)) continue;
    return { provider: format.provider, what: format.what };
  }
  const jwt = JWT_PATTERN.exec(text);
  if (jwt && isServiceRoleJwt(jwt[0])) return { provider: 'Supabase', what: '`service_role` key (a JWT that bypasses Row Level Security)' };
  return null;
}

/** The base64 body of a PEM block that starts at `start`: up to its `-----END` line or the end of the text. */
function pemBody(text: string, start: number): string {
  const headerEnd = text.indexOf('-----', text.indexOf('-----BEGIN', start) + 10);
  const from = headerEnd === -1 ? start : headerEnd + 5;
  const end = text.indexOf('-----END', from);
  return text.slice(from, end === -1 ? text.length : end);
}

/**
 * Whether a PEM private key is whole, not an excerpt (`MIIEvQIBADANBg...`, a placeholder that
 * shows the first line): the body has no ellipsis, and a DER body (PKCS#1, PKCS#8, SEC1) holds as
 * many bytes as its outer SEQUENCE declares. Other bodies (OpenSSH, PGP) have no length header:
 * the shortest real one, an OpenSSH Ed25519 key, has about 400 base64 characters.
 */
export function isWholePemKey(text: string, start: number): boolean {
  const body = pemBody(text, start);
  if (ELLIPSIS.test(body)) return false;
  const base64 = body.replaceAll(/\s+/gu, '');
  if (!/^[0-9A-Za-z+/]+={0,2}$/u.test(base64)) return false;
  const bytes = Buffer.from(base64, 'base64');
  const declared = derLength(bytes);
  if (declared === null) return base64.length >= MIN_UNFRAMED_BODY;
  return declared <= bytes.length;
}

const ELLIPSIS = /\.{3}|\u2026/u;
const MIN_UNFRAMED_BODY = 200;

/** The total length (header included) that a DER SEQUENCE at the start of `bytes` declares, or null. */
function derLength(bytes: Buffer): number | null {
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  const first = bytes[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || bytes.length < 2 + count) return null;
  let length = 0;
  for (let index = 0; index < count; index++) length = length * 256 + (bytes[2 + index] ?? 0);
  return 2 + count + length;
}

function isServiceRoleJwt(token: string): boolean {
  const payload = token.split('.')[1];
  if (payload === undefined) return false;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && (claims as { role?: unknown }).role === 'service_role';
  } catch {
    return false;
  }
}
