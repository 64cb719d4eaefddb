import { z } from 'zod';
import { defineMasker } from './masker.js';

/** Placeholder special-category masker: NULL or a fixed placeholder, never derived from the value. */
export const health = defineMasker({
  name: 'health',
  summary: 'Special-category (health) data: { mode: placeholder } (default, fixed text) or { mode: null }.',
  params: z
    .object({
      mode: z.enum(['placeholder', 'null']).default('placeholder'),
      text: z.string().default('[gezondheidsgegevens verwijderd]'),
    })
    .strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: true,
  mayReturnNull: (params) => params.mode === 'null',
  create: (params) => {
    const out = params.mode === 'null' ? null : params.text;
    return () => out;
  },
});
