import { z } from 'zod';
import { NATIONALITIES } from './data/dutch-words.js';
import { defineMasker } from './masker.js';
import { pick } from './pick.js';

/** Placeholder nationality masker: sampled per row, so output frequencies say nothing about the input. */
export const nationality = defineMasker({
  name: 'nationality',
  summary: 'Nationality sampled per row from a fixed list (seeded by the row, not the value).',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  usesRowContext: true,
  // Low cardinality: an equal value is chance, not a leak (verification issue 4 reports the rate).
  outputMayEqualInput: true,
  create: (_p, ctx) => (_value, row) => pick(ctx.prf.stream(`maskgate/nationality/v1/${ctx.table.name}`, row.key), NATIONALITIES),
});
