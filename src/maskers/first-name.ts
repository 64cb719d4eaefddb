import { z } from 'zod';
import { normalize } from '../keyed/canonicalize.js';
import { FIRST_NAMES } from './data/dutch-words.js';
import { defineMasker } from './masker.js';
import { pick, unlike } from './pick.js';

/** PRF label of first names: one label for every column, so a name maps to the same fake everywhere. */
const FIRST_NAME_LABEL = 'maskgate/nl-first-name/v1';

/** Placeholder first-name masker: a Dutch first name picked by the keyed PRF. */
export const firstName = defineMasker({
  name: 'first_name',
  summary: 'Dutch first name chosen by the keyed PRF; the same name maps to the same fake everywhere.',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (_p, ctx) => (value) => {
    const st = ctx.prf.stream(FIRST_NAME_LABEL, normalize(value).toLowerCase());
    return unlike(value, () => pick(st, FIRST_NAMES));
  },
});
