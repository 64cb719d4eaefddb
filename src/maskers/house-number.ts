import { z } from 'zod';
import { defineMasker } from './masker.js';
import { unlike } from './pick.js';

/** Placeholder house-number masker: a keyed number 1–250, keeping a letter or addition suffix. */
export const houseNumber = defineMasker({
  name: 'house_number',
  summary: 'House number 1–250 chosen per row by the keyed PRF; a suffix such as "A" or "-2" is kept.',
  params: z.object({}).strict(),
  columnKinds: ['text', 'integer'],
  preservesUniqueness: false,
  usesRowContext: true,
  outputMayEqualInput: false,
  create: (_p, ctx) => (value, row) => {
    const suffix = /^\s*\d+(.*)$/s.exec(value)?.[1] ?? '';
    const st = ctx.prf.stream('maskgate/nl-house-number/v1', `${row.key}\u0000${value}`);
    return unlike(value, () => `${1 + st.uniform(250)}${suffix}`);
  },
});
