import { z } from 'zod';
import { normalize } from '../keyed/canonicalize.js';
import { CITIES } from './data/dutch-words.js';
import { defineMasker } from './masker.js';
import { pick, unlike } from './pick.js';

/** Placeholder city masker: a Dutch place name picked by the keyed PRF. */
export const city = defineMasker({
  name: 'city',
  summary: 'Dutch place name chosen by the keyed PRF.',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (_p, ctx) => (value) => {
    const st = ctx.prf.stream('maskgate/nl-city/v1', normalize(value).toLowerCase());
    return unlike(value, () => pick(st, CITIES));
  },
});
