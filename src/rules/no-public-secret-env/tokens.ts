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
    if (match && !PLACEHOLDER.test(match[0])) return { provider: format.provider, what: format.what };
  }
  const jwt = JWT_PATTERN.exec(text);
  if (jwt && isServiceRoleJwt(jwt[0])) return { provider: 'Supabase', what: '`service_role` key (a JWT that bypasses Row Level Security)' };
  return null;
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
