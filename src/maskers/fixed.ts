import { z } from 'zod';
import { defineMasker } from './masker.js';

/** Replaces every non-null value with one constant. */
export const fixed = defineMasker({
  name: 'fixed',
  summary: 'Replace every non-null value with a constant: { mask: fixed, value: "…" }.',
  params: z.object({ value: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
  columnKinds: 'any',
  preservesUniqueness: false,
  // The output never depends on the input; a source row that already held the constant is no leak.
  outputMayEqualInput: true,
  create: (params) => {
    const out = String(params.value);
    return () => out;
  },
});
