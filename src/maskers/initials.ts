import { z } from 'zod';
import { normalize } from '../keyed/canonicalize.js';
import { defineMasker } from './masker.js';
import { unlike } from './pick.js';

const LETTERS = 'ABCDEFGHIJKLMNOPRSTVWZ';

/** Placeholder initials masker: the same number of initials, letters drawn by the keyed PRF. */
export const initials = defineMasker({
  name: 'initials',
  summary: 'Initials such as "J.P." with the same count as the input, letters chosen by the keyed PRF.',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (_p, ctx) => (value) => {
    const count = Math.max(1, (value.match(/\p{L}/gu) ?? []).length);
    const st = ctx.prf.stream('maskgate/nl-initials/v1', normalize(value).toUpperCase());
    const dotted = value.includes('.');
    return unlike(value, () => {
      let out = '';
      for (let i = 0; i < count; i++) out += LETTERS[st.uniform(LETTERS.length)] + (dotted ? '.' : '');
      return out;
    });
  },
});
