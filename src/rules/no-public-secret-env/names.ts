import {
  CONNECTION_STRING_WORDS,
  CREDENTIAL_SUFFIXES,
  DESCRIPTOR_SUFFIXES,
  PROVIDERS_WITH_PUBLIC_KEYS,
  PUBLIC_KEY_PROVIDERS,
  PUBLIC_BY_DESIGN,
  PUBLIC_PREFIXES,
  PUBLIC_WORDS,
  type PublicPrefix,
  SECRET_KEY_PROVIDERS,
  SECRET_WORDS,
  SERVER_PLACES,
} from '../../knowledge/env.js';

/**
 * What a variable name says about its value:
 * - `secret`: a server credential by its words or its provider (reported);
 * - `ambiguous`: a key or token of no known provider (`APP_KEY`, `API_KEY`), reported only with
 *   `reportAmbiguousNames`;
 * - `public`: meant for the browser (publishable, anon, site keys, browser-restricted providers);
 * - `unknown`: anything else (ids, URLs, flags): never reported.
 */
export type NameVerdict =
  | { readonly kind: 'secret'; readonly why: string }
  | { readonly kind: 'ambiguous'; readonly why: string }
  | { readonly kind: 'public' | 'unknown' };

export interface NameClassifierOptions {
  readonly publicPrefixes: readonly string[];
  readonly secretNames: readonly string[];
  readonly publicNames: readonly string[];
}

const PUBLIC: NameVerdict = { kind: 'public' };
const UNKNOWN: NameVerdict = { kind: 'unknown' };

/** Classifies env variable names, with the user's prefixes and patterns; memoised per name. */
export class NameClassifier {
  private readonly prefixes: readonly PublicPrefix[];
  private readonly secretPatterns: readonly RegExp[];
  private readonly publicPatterns: readonly RegExp[];
  private readonly cache = new Map<string, NameVerdict>();

  constructor(options: NameClassifierOptions) {
    this.prefixes = [
      ...options.publicPrefixes.map((prefix) => ({ prefix, framework: 'your build configuration', server: SERVER_PLACES.unknown })),
      ...PUBLIC_PREFIXES,
    ];
    this.secretPatterns = options.secretNames.map((source) => compile(source, 'secretNames'));
    this.publicPatterns = options.publicNames.map((source) => compile(source, 'publicNames'));
  }

  /** The public prefix of a name (user prefixes first, then the longest built-in match). */
  publicPrefixOf(name: string): PublicPrefix | null {
    return this.prefixes.find((candidate) => name.startsWith(candidate.prefix) && name.length > candidate.prefix.length) ?? null;
  }

  /** The verdict for a full variable name (`NEXT_PUBLIC_STRIPE_SECRET_KEY`, `stripeSecretKey`). */
  classify(name: string): NameVerdict {
    let verdict = this.cache.get(name);
    if (!verdict) {
      verdict = this.decide(name);
      this.cache.set(name, verdict);
    }
    return verdict;
  }

  private decide(name: string): NameVerdict {
    if (this.publicPatterns.some((pattern) => pattern.test(name))) return PUBLIC;
    if (this.secretPatterns.some((pattern) => pattern.test(name))) return { kind: 'secret', why: 'matches your `secretNames`' };
    const constant = toConstantCase(name);
    const prefix = this.publicPrefixOf(constant);
    return classifyWords(prefix ? constant.slice(prefix.prefix.length) : constant, prefix !== null);
  }
}

/**
 * The built-in classifier on the part of the name after any public prefix; `prefixed`: the name
 * had one, so the keys that providers document as browser keys (`PUBLIC_BY_DESIGN`) are public.
 */
export function classifyWords(rest: string, prefixed = false): NameVerdict {
  const tokens = rest.split('_').filter((token) => token !== '');
  const last = tokens.at(-1);
  if (last === undefined) return UNKNOWN;
  const joined = `_${tokens.join('_')}_`;
  const has = (word: string): boolean => joined.includes(`_${word}_`);

  if (last === 'URL' || last === 'URI' || last === 'DSN' || last === 'STRING') {
    const database = tokens.find((token) => CONNECTION_STRING_WORDS.has(token));
    if (database !== undefined && !has('REST') && !has('HTTP') && !has('API') && !has('DASHBOARD') && !has('STUDIO')) {
      return { kind: 'secret', why: `is a ${database.toLowerCase()} connection string, with its credentials` };
    }
  }
  if (DESCRIPTOR_SUFFIXES.has(last)) return UNKNOWN;
  const secretWord = SECRET_WORDS.find(has);
  if (secretWord !== undefined) return { kind: 'secret', why: `says ${secretWord}` };
  if (PUBLIC_WORDS.some(has)) return PUBLIC;
  if (prefixed && PUBLIC_BY_DESIGN.some((entry) => entry.pattern.test(tokens.join('_')))) return PUBLIC;

  const credential = CREDENTIAL_SUFFIXES.has(last) || last === 'KEYS' || last === 'TOKENS';
  if (!credential) return UNKNOWN;
  if (tokens.some((token) => PUBLIC_KEY_PROVIDERS.has(token))) return PUBLIC;
  const provider = tokens.find((token) => token in SECRET_KEY_PROVIDERS);
  if (provider !== undefined) {
    const label = SECRET_KEY_PROVIDERS[provider] ?? provider;
    const needs = PROVIDERS_WITH_PUBLIC_KEYS[provider];
    if (!needs) return { kind: 'secret', why: `is a secret ${label} ${last === 'TOKEN' ? 'token' : 'key'}` };
    if (needs.some(has)) return { kind: 'secret', why: `is a ${label} secret key` };
    return { kind: 'ambiguous', why: `may be a ${label} secret key (or its publishable key)` };
  }
  return { kind: 'ambiguous', why: `is a ${last === 'TOKEN' ? 'token' : 'key'} of no known public provider` };
}

/** `stripeSecretKey` → `STRIPE_SECRET_KEY`; `NEXT_PUBLIC_X` unchanged. */
export function toConstantCase(name: string): string {
  if (!/[a-z]/u.test(name)) return name;
  return name
    .replaceAll(/([a-z0-9])([A-Z])/gu, '$1_$2')
    .replaceAll(/[^A-Za-z0-9]+/gu, '_')
    .toUpperCase();
}

/** The user's patterns are validated by the schema (`format: 'regex'`); this keeps the message clear. */
function compile(source: string, option: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch (error) {
    throw new Error(`no-public-secret-env: invalid regular expression in \`${option}\`: ${source} (${String(error)})`, { cause: error });
  }
}
