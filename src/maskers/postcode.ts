import { z } from 'zod';
import { compact } from '../keyed/canonicalize.js';
import { defineMasker } from './masker.js';
import { unlike } from './pick.js';

// No S at all, so the never-issued SA, SD and SS cannot appear (dutch-pii.md §4.1).
const LETTERS = 'ABCDEFGHJKLMNPRTVWXZ';
const PC = /^(\s*)(\d{4})(\s*)([A-Za-z]{2})(\s*)$/;

/** Placeholder postcode masker: fake letters within the same PC4 (default) or a fully fake PC6. */
export const postcode = defineMasker({
  name: 'postcode',
  summary: 'Dutch postcode: fake letters in the same PC4 ({ mode: same-pc4 }) or fully fake ({ mode: fake }); keeps spacing.',
  params: z.object({ mode: z.enum(['same-pc4', 'fake']).default('same-pc4') }).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (params, ctx) => (value) => {
    const m = PC.exec(value);
    if (!m) throw new Error('postcode: value is not a Dutch postcode');
    const st = ctx.prf.stream('maskgate/nl-postcode/v1', compact(value));
    const upper = m[4] === m[4]!.toUpperCase();
    return unlike(value, () => {
      const pc4 = params.mode === 'fake' ? String(1000 + st.uniform(9000)) : m[2]!;
      const letters = LETTERS[st.uniform(LETTERS.length)]! + LETTERS[st.uniform(LETTERS.length)]!;
      return `${m[1]}${pc4}${m[3]}${upper ? letters : letters.toLowerCase()}${m[5]}`;
    });
  },
});
