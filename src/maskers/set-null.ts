import { z } from 'zod';
import { defineMasker } from './masker.js';

/** Replaces every value with NULL; the column must be nullable. */
export const setNull = defineMasker({
  name: 'null',
  summary: 'Replace every value with NULL (the column must be nullable).',
  params: z.object({}).strict(),
  columnKinds: 'any',
  preservesUniqueness: false,
  outputMayEqualInput: true,
  mayReturnNull: () => true,
  create: () => () => null,
});
