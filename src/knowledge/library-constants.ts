/**
 * Values exported by libraries that rules need to see through, by module and export name.
 * Declarative only: the analysis layer turns a reference to one of these into its value.
 */
export const LIBRARY_CONSTANTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  // Supabase's canonical Edge Function CORS headers (supabase-js >= 2.97): the most copied CORS
  // snippet in AI-built apps, with a wildcard origin.
  '@supabase/supabase-js/cors': {
    // Only the entries a rule reads are listed; the export also allows headers and methods.
    corsHeaders: { 'Access-Control-Allow-Origin': '*' },
  },
};
