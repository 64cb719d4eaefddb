import { z } from 'zod';
import { defineMasker } from './masker.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(.*)$/s;
const DUTCH = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;

/** Days in each month of `year`. */
function monthLengths(year: number): number[] {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
}

/** Placeholder birth-date masker: same year, keyed fake day; keeps ISO or Dutch d-m-yyyy notation. */
export const birthDate = defineMasker({
  name: 'birth_date',
  summary: 'Birth date with the same year and a keyed fake day ({ keep: year }); keeps ISO or Dutch notation.',
  params: z.object({ keep: z.literal('year').default('year') }).strict(),
  columnKinds: ['date', 'timestamp', 'text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (_p, ctx) => (value) => {
    const iso = ISO.exec(value);
    const nl = iso ? null : DUTCH.exec(value.trim());
    if (!iso && !nl) throw new Error('birth_date: value is not a date in a supported notation');
    const [y, m, d] = iso ? [iso[1]!, iso[2]!, iso[3]!] : [nl![4]!, nl![3]!, nl![1]!];
    const year = Number(y);
    const lengths = monthLengths(year);
    const st = ctx.prf.stream('maskgate/nl-birth-date/keep-year/v1', `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
    for (;;) {
      let day = st.uniform(lengths.reduce((a, b) => a + b, 0));
      let month = 0;
      while (day >= lengths[month]!) day -= lengths[month++]!;
      if (month + 1 === Number(m) && day + 1 === Number(d)) continue;
      const mm = String(month + 1).padStart(2, '0');
      const dd = String(day + 1).padStart(2, '0');
      if (iso) return `${y}-${mm}-${dd}${iso[4]}`;
      const pad = nl![1]!.length === 2;
      return `${pad ? dd : day + 1}${nl![2]}${pad ? mm : month + 1}${nl![2]}${y}`;
    }
  },
});
