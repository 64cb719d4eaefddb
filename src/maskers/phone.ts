import { z } from 'zod';
import { compact } from '../keyed/canonicalize.js';
import { defineMasker } from './masker.js';
import { redrawDigits, unlike } from './pick.js';

/**
 * How many leading characters identify the number type (country code, 06, area code) and stay.
 * Placeholder heuristic: issue 3 brings full area-code tables.
 */
function keptPrefix(value: string): number {
  const m = /^\s*(?:\+|00)31[\s-]*(?:\(0\)[\s-]*)?\d/.exec(value) ?? /^\s*0\d/.exec(value);
  return m ? m[0].length + (/^\s*0[1-57-9]/.test(value) ? 1 : 0) : 0;
}

/** Placeholder phone masker: keeps the prefix (mobile or area) and every separator, redraws the rest. */
export const phone = defineMasker({
  name: 'phone',
  summary: 'Dutch phone number with the same type prefix (06, +31 6, 020, …) and format; other digits keyed.',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (_p, ctx) => (value) => {
    const st = ctx.prf.stream('maskgate/nl-phone/v1', compact(value));
    const from = keptPrefix(value);
    // Without digits to redraw (e.g. "onbekend") the value is replaced, never passed through.
    if (!/\d/.test(value.slice(from))) return `06-${redrawDigits(st, '12345678')}`;
    return unlike(value, () => redrawDigits(st, value, from));
  },
});
