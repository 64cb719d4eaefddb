import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, findDates, formatDate, parseDate } from '../../../src/detectors/date.js';

const iso = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const isoOf = (v: string, opts = {}): string | null => {
  const p = parseDate(v, opts);
  return p ? iso(p.year, p.month, p.day) : null;
};

describe('parseDate: the §4.4 table', () => {
  it.each([
    ['12-03-1985', '1985-03-12'], ['1-5-2025', '2025-05-01'], ['12 maart 1985', '1985-03-12'], ['3 mrt. 1985', '1985-03-03'],
    ['1985-03-12', '1985-03-12'], ['29-02-2000', '2000-02-29'], ['14.04.2011', '2011-04-14'], ['7 September 2009', '2009-09-07'],
    ['1/5/2024', '2024-05-01'], ['14 april 2011', '2011-04-14'], ['12 mrt. 1985', '1985-03-12'], ['3 febr 1990', '1990-02-03'],
    ['1985-03-07 13:45:00+01', '1985-03-07'], ['1985-03-07 13:45:00.123456+05:30', '1985-03-07'], ['1985-03-07T13:45:00Z', '1985-03-07'],
  ])('%s → %s', (input, expected) => {
    expect(isoOf(input)).toBe(expected);
  });

  it.each(['31-02-1985', '29-02-1900', '12-13-1985', '32 maart 1985', '12/03-1985', '12 maartt 1985', '1985-3-12', '3 mei. 1985', 'infinity', '1985-03-07 foo', ''])(
    'rejects %s',
    (input) => {
      expect(parseDate(input, { twoDigitYears: true, compact: true })).toBeNull();
    },
  );

  it('two-digit years and jjjjmmdd only when asked for', () => {
    expect(parseDate('07-03-85')).toBeNull();
    expect(isoOf('07-03-85', { twoDigitYears: true })).toBe('1985-03-07');
    expect(isoOf("9-11-'89", { twoDigitYears: true })).toBe('1989-11-09');
    expect(isoOf('29-02-00', { twoDigitYears: true })).toBe('2000-02-29');
    expect(parseDate('19850307')).toBeNull();
    expect(isoOf('19850307', { compact: true })).toBe('1985-03-07');
    expect(parseDate('19850300', { compact: true })).toBeNull();
  });

  it('BC dates use astronomical years and the leap rule on them (4 BC is not a leap year)', () => {
    expect(parseDate('0004-01-09 BC')!.year).toBe(-3);
    expect(parseDate('0004-02-29 BC')).toBeNull();
    expect(parseDate('0005-02-29 BC')!.year).toBe(-4);
    expect(parseDate('0000-01-01')).toBeNull();
  });
});

const NOTATIONS = ['1985-03-07', '1985-03-07 13:45:00+01', '07-03-1985', '7-3-1985', '07/03/1985', '07.03.1985', '7 maart 1985', '07 Mrt. 1985', '7 MAART 1985', '07-03-85', "7-3-'85", '19850307', '  07-03-1985 '];

describe('formatDate', () => {
  it.each(NOTATIONS)('writes %s back unchanged', (input) => {
    const p = parseDate(input, { twoDigitYears: true, compact: true })!;
    expect(formatDate(p.year, p.month, p.day, p)).toBe(input);
  });

  it('writes another date in the same notation', () => {
    const like = (v: string): string => {
      const p = parseDate(v, { twoDigitYears: true, compact: true })!;
      return formatDate(2001, 5, 12, p)!;
    };
    expect(NOTATIONS.map(like)).toEqual([
      '2001-05-12', '2001-05-12 13:45:00+01', '12-05-2001', '12-5-2001', '12/05/2001', '12.05.2001', '12 mei 2001', '12 Mei 2001', '12 MEI 2001',
      '12-05-01', "12-5-'01", '20010512', '  12-05-2001 ',
    ]);
    expect(formatDate(2001, 9, 1, parseDate('3 mrt. 1985')!)).toBe('1 sep. 2001');
  });

  it('crosses into BC in ISO, and refuses years a Dutch notation cannot hold', () => {
    expect(formatDate(0, 12, 31, parseDate('0001-01-01')!)).toBe('0001-12-31 BC');
    expect(formatDate(0, 12, 31, parseDate('01-01-0001')!)).toBeNull();
  });

  test.prop([fc.integer({ min: -1_000_000, max: 3_000_000 })])('daysFromCivil ∘ civilFromDays is the identity, and agrees with Date', (n) => {
    const [y, m, d] = civilFromDays(n);
    expect(daysFromCivil(y, m, d)).toBe(n);
    const js = new Date(n * 86_400_000);
    expect([js.getUTCFullYear(), js.getUTCMonth() + 1, js.getUTCDate()]).toEqual([y, m, d]);
  });
});

describe('findDates', () => {
  it('finds ISO, d-m-y and written dates; high confidence next to a birth keyword', () => {
    const text = 'Dossier 2020-01-05. Aanvrager, geboren op 7 maart 1985, geb. 12-03-1985; DOB 3 mrt. 1985 en ingeschreven 14.04.2011.';
    const found = findDates(text).map((m) => [m.text, m.confidence]);
    expect(found).toEqual([
      ['2020-01-05', 'medium'], ['7 maart 1985', 'high'], ['12-03-1985', 'high'], ['3 mrt. 1985', 'high'], ['14.04.2011', 'medium'],
    ]);
  });

  it('skips calendar-invalid dates, mixed separators, digits glued to the match and two-digit years', () => {
    expect(findDates('31-02-1985 29-02-1900 12/03-1985 112-03-1985 12-03-19851 07-03-85 12 maartt 1985')).toEqual([]);
  });

  test.prop([fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...NOTATIONS.slice(0, 9))])(
    'finds a date written in any supported notation, with exact offsets',
    (date, notation) => {
      const p = parseDate(notation)!;
      const written = formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), { ...p, lead: '', trail: '' })!;
      const text = `Notitie: ${written} (zie dossier)`;
      const [m] = findDates(text);
      expect(m).toBeDefined();
      expect(text.slice(m!.start, m!.end)).toBe(m!.text);
      expect(isoOf(m!.text)).toBe(date.toISOString().slice(0, 10));
    },
  );
});
