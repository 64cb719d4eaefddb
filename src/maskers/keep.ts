import { z } from 'zod';
import { defineMasker } from './masker.js';

/** Explicit pass-through. The value reaches the output unchanged, so it must not be personal data. */
export const keep = defineMasker({
  name: 'keep',
  realPart: () => (output) => output,
  summary: 'Copy the value unchanged. Use only for columns that hold no personal data.',
  params: z.object({ reason: z.string().min(1).optional() }).strict(),
  columnKinds: 'any',
  preservesUniqueness: true,
  outputMayEqualInput: true,
  create: () => (value) => value,
});
