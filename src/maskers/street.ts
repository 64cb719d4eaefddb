import { z } from 'zod';
import { normalize } from '../keyed/canonicalize.js';
import { STREETS } from './data/dutch-words.js';
import { defineMasker } from './masker.js';
import { pick, unlike } from './pick.js';

/** Placeholder street masker: a Dutch street name picked by the keyed PRF. */
export const street = defineMasker({
  name: 'street',
  summary: 'Dutch street name chosen by the keyed PRF.',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (_p, ctx) => (value) => {
    const st = ctx.prf.stream('maskgate/nl-street/v1', normalize(value).toLowerCase());
    return unlike(value, () => pick(st, STREETS));
  },
});
