import { z } from 'zod';
import { maxLengthOf } from '../db/table-info.js';
import { daysInMonth, formatDate, isLeapYear } from '../detectors/date.js';
import { MaskgateError } from '../errors.js';
import { defineMasker } from './masker.js';
import { parseCell, personCanon, personOffset, shiftDate } from './date-shift.js';

const KEEP_YEAR_LABEL = 'maskgate/nl-birth-date/keep-year/v1';
const GENERALIZE_LABEL = 'maskgate/nl-birth-date/generalize-year/v1';
const TIME = /^([ T])\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?/;

const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * A day of `year` drawn by `next(n)` (uniform in [0, n)) that is not (month, day). Draws again on
 * a hit, so the result is uniform over the other days of the year.
 */
function otherDayOfYear(year: number, month: number, day: number, next: (n: number) => number): [number, number] {
  const total = isLeapYear(year) ? 366 : 365;
  for (;;) {
    let d = next(total);
    let m = 1;
    while (d >= daysInMonth(year, m)) d -= daysInMonth(year, m++);
    if (m !== month || d + 1 !== day) return [m, d + 1];
  }
}

/** Birth date: same year with a keyed fake day (default), a per-person shift of ±N days, or the year only. */
export const birthDate = defineMasker({
  name: 'birth_date',
  patternType: 'date',
  // keep: year and generalize: year leave the real year; a shift moves the whole date by a keyed offset.
  realPart: (p) => (p.shift === undefined ? (out) => /(1[89]|20)\d\d/.exec(out)?.[0] ?? out : null),
  summary: 'Birth date: same year, keyed fake day ({ keep: year }, default), per-person ±N days ({ shift: N, person }), or year only ({ generalize: year }); keeps the notation.',
  params: z
    .object({
      keep: z.literal('year').optional(),
      /** Maximum shift in days; the offset is keyed per person and never 0. */
      shift: z.number().int().min(1).max(36_500).optional(),
      generalize: z.literal('year').optional(),
      /** With `shift`: the column whose value identifies the person (default: the row). */
      person: z.string().min(1).optional(),
    })
    .strict()
    .refine((p) => [p.keep, p.shift, p.generalize].filter((v) => v !== undefined).length <= 1, {
      message: 'choose one of keep, shift and generalize',
    })
    .refine((p) => p.person === undefined || p.shift !== undefined, { message: 'person only applies with shift', path: ['person'] }),
  columnKinds: ['date', 'timestamp', 'text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  usesRowContext: true,
  referencedColumns: (p) => [p.person],
  create: (params, ctx) => {
    const kind = ctx.column.kind;
    const { prf, table, column } = ctx;
    const maxLength = maxLengthOf(column);
    if (params.shift !== undefined) {
      const max = params.shift;
      return (value, row) => {
        if (value.trim() === '') return '';
        return shiftDate(parseCell(value, kind, 'birth_date'), personOffset(prf, personCanon(ctx, row, params.person), max), 'birth_date');
      };
    }
    if (params.generalize === 'year') {
      if (kind === 'text') {
        // Only the year is left, in the digits it was written with.
        return (value) => {
          if (value.trim() === '') return '';
          const d = parseCell(value, kind, 'birth_date');
          const n = d.notation;
          const year =
            d.year <= 0 ? `${String(1 - d.year).padStart(4, '0')} BC`
            : n.kind === 'dmy' && n.year !== 'full' ? `${n.year === 'apostrophe' ? "'" : ''}${p2(d.year % 100)}`
            : String(d.year).padStart(4, '0');
          return d.lead + year + d.trail;
        };
      }
      // A date column needs a whole date. A fixed day (1 January) would equal the real date of
      // everyone born on it, which verification rightly refuses, and registries hold many such
      // placeholder dates. So the day is drawn per row, from the row and never from the value.
      return (value, row) => {
        const d = parseCell(value, kind, 'birth_date');
        const st = prf.stream(GENERALIZE_LABEL, `${table.schema}.${table.name}\u0000${column.name}\u0000${row.key}`);
        const [m, day] = otherDayOfYear(d.year, d.month, d.day, (n) => st.uniform(n));
        const tail = d.notation.kind === 'iso' ? d.notation.tail.replace(TIME, '$100:00:00') : '';
        return formatDate(d.year, m, day, { ...d, notation: d.notation.kind === 'iso' ? { kind: 'iso', tail } : d.notation })!;
      };
    }
    // keep: year. Keyed by the date itself, so one birth date gets one fake in every table and
    // notation, and joins or duplicate checks on birth dates keep working.
    return (value) => {
      if (value.trim() === '') return '';
      const d = parseCell(value, kind, 'birth_date');
      const canon = `${d.year <= 0 ? `${String(1 - d.year).padStart(4, '0')} BC` : String(d.year).padStart(4, '0')}-${p2(d.month)}-${p2(d.day)}`;
      const st = prf.stream(KEEP_YEAR_LABEL, canon);
      // A month written out ("7 mei 1985") can outgrow a short column with another month
      // ("24 augustus 1985"): draw again, from the same keyed stream, until it fits. Only then can
      // the same date get another fake than in a wider column.
      for (let attempt = 0; attempt < 4096; attempt++) {
        const [m, day] = otherDayOfYear(d.year, d.month, d.day, (n) => st.uniform(n));
        const out = formatDate(d.year, m, day, d)!;
        if (out.length <= maxLength) return out;
      }
      throw new MaskgateError('MASKER_FAILED', `The birth_date masker found no other date of the same year that fits ${column.name} (${column.sqlType}).`, { masker: 'birth_date' }, 'Widen the column, or use { generalize: year }.');
    };
  },
});
