import { z } from 'zod';
import { normalize } from '../keyed/canonicalize.js';
import { TUSSENVOEGSELS } from './data/dutch-words.js';
import { defineMasker } from './masker.js';
import { pick } from './pick.js';

/** Placeholder tussenvoegsel masker: a prefix chosen per row, since the set is tiny and says little. */
export const tussenvoegsel = defineMasker({
  name: 'tussenvoegsel',
  summary: 'Dutch surname prefix ("van", "de", "van der", …) chosen by the keyed PRF.',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  usesRowContext: true,
  // Ten common prefixes: equal outputs are expected by chance and reveal nothing on their own.
  outputMayEqualInput: true,
  create: (_p, ctx) => (value, row) =>
    pick(ctx.prf.stream('maskgate/nl-tussenvoegsel/v1', `${row.key}\u0000${normalize(value)}`), TUSSENVOEGSELS),
});
