import { z } from 'zod';
import { EDUCATION_LEVELS } from './data/dutch-words.js';
import { defineMasker } from './masker.js';
import { pick } from './pick.js';

/** Placeholder education masker: a CBS level sampled per row. */
export const education = defineMasker({
  name: 'education',
  summary: 'Education level sampled per row from the CBS levels (seeded by the row, not the value).',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  usesRowContext: true,
  outputMayEqualInput: true,
  create: (_p, ctx) => (_value, row) => pick(ctx.prf.stream(`maskgate/education/v1/${ctx.table.name}`, row.key), EDUCATION_LEVELS),
});
