import { z } from 'zod';
import { normalize } from '../keyed/canonicalize.js';
import { LAST_NAMES } from './data/dutch-words.js';
import { defineMasker } from './masker.js';
import { pick, unlike } from './pick.js';

/** PRF label of surnames, shared by every column. */
const LAST_NAME_LABEL = 'maskgate/nl-last-name/v1';

/** Placeholder surname masker: a Dutch surname picked by the keyed PRF. */
export const lastName = defineMasker({
  name: 'last_name',
  summary: 'Dutch surname chosen by the keyed PRF (tussenvoegsels belong in their own column).',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (_p, ctx) => (value) => {
    const st = ctx.prf.stream(LAST_NAME_LABEL, normalize(value).toLowerCase());
    return unlike(value, () => pick(st, LAST_NAMES));
  },
});
