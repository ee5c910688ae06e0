/**
 * Every question the analysis layer answers is tri-state. `unknown` means the evidence at hand
 * cannot decide; a rule in its recommended setting never reports on `unknown`.
 */
export type TriState = 'yes' | 'no' | 'unknown';

export function triOr(a: TriState, b: TriState): TriState {
  if (a === 'yes' || b === 'yes') return 'yes';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'no';
}
