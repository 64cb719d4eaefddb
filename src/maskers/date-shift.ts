import { z } from 'zod';
import type { ColumnKind } from '../db/table-info.js';
import { civilFromDays, daysFromCivil, formatDate, parseDate, type ParsedDate } from '../detectors/date.js';
import { MaskgateError } from '../errors.js';
import { normalize } from '../keyed/canonicalize.js';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import { defineMasker, type MaskerContext, type RowContext } from './masker.js';

/**
 * One label for every per-person offset, shared by `date_shift` and `birth_date { shift }`: with
 * the same maximum, a person's birth date and event dates move together, so ages at events survive.
 */
const OFFSET_LABEL = 'maskgate/date-shift/person/v1';

/**
 * The PRF input that identifies a person: the source value of the `person` column (the same in
 * every table and column, so `aanvraag.aanvrager_id` and `aanvrager.id` agree), or, without that
 * column or when it is NULL, the row itself (table, then primary key).
 */
export function personCanon(ctx: MaskerContext, row: RowContext, person: string | undefined): string {
  const id = person === undefined ? null : row.get(person);
  if (id !== null && id !== '') return `person\u0000${normalize(id)}`;
  return `row\u0000${ctx.table.schema}.${ctx.table.name}\u0000${row.key}`;
}

/** A keyed day offset in [-maxDays, -1] ∪ [1, maxDays] for one person; never 0, so a date always moves. */
export function personOffset(prf: KeyedPrf, canon: string, maxDays: number): number {
  const u = prf.stream(OFFSET_LABEL, canon).uniform(2 * maxDays);
  return u < maxDays ? u - maxDays : u - maxDays + 1;
}

/** Parses a cell of a date, timestamp or text column; text columns also take 2-digit years and jjjjmmdd. */
export function parseCell(value: string, kind: ColumnKind, masker: string): ParsedDate {
  const text = kind === 'text';
  const parsed = parseDate(value, { twoDigitYears: text, compact: text });
  if (!parsed) {
    throw new MaskgateError(
      'MASKER_FAILED',
      `The ${masker} masker got a value that is not a calendar date in a supported notation.`,
      { masker },
      'Supported: 1985-03-07 (with time and zone), 07-03-1985, 7/3/1985, 07.03.85, 7 maart 1985, 19850307. Incomplete dates (day or month 00), infinity and other notations need another masker (text, null).',
    );
  }
  return parsed;
}

/** The date `offset` days after `d`, in d's notation (time of day and zone unchanged). */
export function shiftDate(d: ParsedDate, offset: number, masker: string): string {
  const [y, m, day] = civilFromDays(daysFromCivil(d.year, d.month, d.day) + offset);
  const out = formatDate(y, m, day, d);
  if (out === null) {
    throw new MaskgateError('MASKER_FAILED', `The ${masker} masker shifted a date outside the years its notation can hold.`, { masker }, 'Use a smaller shift, or an ISO column type.');
  }
  return out;
}

/** Shifts every date of one person by the same keyed offset, so intervals within a person stay right. */
export const dateShift = defineMasker({
  name: 'date_shift',
  patternType: 'date',
  summary: 'Shift dates by a keyed per-person offset of ±1..days days ({ person: <column>, days: 180 }); keeps time and notation.',
  params: z
    .object({
      /** Column holding the person id; its value keys the offset in every table. Default: the row. */
      person: z.string().min(1).optional(),
      days: z.number().int().min(1).max(36_500).default(180),
    })
    .strict(),
  columnKinds: ['date', 'timestamp', 'text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  usesRowContext: true,
  referencedColumns: (p) => [p.person],
  create: (params, ctx) => {
    const kind = ctx.column.kind;
    return (value, row) => {
      if (value.trim() === '') return '';
      const d = parseCell(value, kind, 'date_shift');
      return shiftDate(d, personOffset(ctx.prf, personCanon(ctx, row, params.person), params.days), 'date_shift');
    };
  },
});
