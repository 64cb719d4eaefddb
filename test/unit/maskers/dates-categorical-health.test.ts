import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../../src/db/table-info.js';
import { daysFromCivil, parseDate } from '../../../src/detectors/date.js';
import { EDUCATION_LEVELS } from '../../../src/maskers/data/education-levels.js';
import { HEALTH_PHRASES } from '../../../src/maskers/data/health-vocabulary.js';
import { NATIONALITIES } from '../../../src/maskers/data/nationalities.js';
import { dateShift } from '../../../src/maskers/date-shift.js';
import type { MaskFn } from '../../../src/maskers/masker.js';
import { context, maskerFor, row, TEST_KEY } from './support.js';

// date_shift is not registered yet: build it the way plan-run does.
function shiftMasker(params: Record<string, unknown>, col: Partial<ColumnInfo> = {}, key = TEST_KEY, table = 'person'): MaskFn {
  return dateShift.create(dateShift.params.parse(params), context(col, key, table));
}

const DATE_COL = { kind: 'date', sqlType: 'date' } as const;
const TS_COL = { kind: 'timestamp', sqlType: 'timestamp with time zone' } as const;
const opts = { twoDigitYears: true, compact: true };
/** Days since 1970 of a date in any notation (for measuring shifts). */
const dayNumber = (v: string): number => {
  const p = parseDate(v, opts)!;
  return daysFromCivil(p.year, p.month, p.day);
};

/** Birth dates 1900–2025 in every notation of §4.4 that a masker must keep. */
const NOTATION_OF = ['iso', 'timestamp', 'dd-mm-yyyy', 'd-m-yyyy', 'dd/mm/yyyy', 'dd.mm.yyyy', 'text', 'abbr', 'short', 'compact'] as const;
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const ABBR = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');
const dateCase = fc
  .tuple(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...NOTATION_OF))
  .map(([date, notation]) => {
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    const input = {
      iso: `${y}-${p2(m)}-${p2(d)}`,
      timestamp: `${y}-${p2(m)}-${p2(d)} 13:45:00+01`,
      'dd-mm-yyyy': `${p2(d)}-${p2(m)}-${y}`,
      'd-m-yyyy': `${d}-${m}-${y}`,
      'dd/mm/yyyy': `${p2(d)}/${p2(m)}/${y}`,
      'dd.mm.yyyy': `${p2(d)}.${p2(m)}.${y}`,
      text: `${d} ${MONTHS[m - 1]} ${y}`,
      abbr: `${d} ${ABBR[m - 1]}${m === 5 ? '' : '.'} ${y}`,
      short: `${p2(d)}-${p2(m)}-${p2(y % 100)}`,
      compact: `${y}${p2(m)}${p2(d)}`,
    }[notation];
    return { input, notation, year: y };
  });

const sameShape = (a: string, b: string): boolean => {
  // "mei" is never abbreviated, so a date moved into or out of May may change abbr and dot.
  const may = / mei /i.test(a) || / mei /i.test(b);
  const strip = (v: string): string => {
    const n = parseDate(v, opts)!.notation;
    return JSON.stringify({ ...n, pad: undefined, ...(may ? { abbr: undefined, dot: undefined } : {}) });
  };
  return strip(a) === strip(b);
};

describe('birth_date', () => {
  test.prop([dateCase])('keep: year (default): same year, a real date, never the input, same notation', ({ input, notation, year }) => {
    const out = maskerFor('birth_date').apply(input)!;
    const p = parseDate(out, opts);
    expect(p).not.toBeNull();
    // Two-digit years are read with a pivot (29 → 2029); only the written digits must stay.
    expect(notation === 'short' ? p!.year % 100 : p!.year).toBe(notation === 'short' ? year % 100 : year);
    expect(out).not.toBe(input);
    expect(sameShape(out, input)).toBe(true);
  });

  test.prop([dateCase, fc.integer({ min: 1, max: 400 }), fc.string({ minLength: 1, maxLength: 6 })])(
    'shift: N moves the date by 1..N days, keeps notation and time, never the input',
    ({ input }, n, key) => {
      const out = maskerFor('birth_date', { shift: n }).apply(input, row(key))!;
      const moved = dayNumber(out) - dayNumber(input);
      if (!/^\d{2}-\d{2}-\d{2}$/.test(input)) {
        expect(Math.abs(moved)).toBeGreaterThanOrEqual(1);
        expect(Math.abs(moved)).toBeLessThanOrEqual(n);
      }
      expect(out).not.toBe(input);
      expect(sameShape(out, input)).toBe(true);
      if (input.includes(' 13:45:00+01')) expect(out.endsWith(' 13:45:00+01')).toBe(true);
    },
  );

  test.prop([fc.string({ minLength: 1, maxLength: 6 })])('shift with person: the person column, not the row, keys the offset', (id) => {
    const m = maskerFor('birth_date', { shift: 30, person: 'aanvrager_id' });
    expect(m.apply('1985-03-07', row('a', { aanvrager_id: id }))).toBe(m.apply('1985-03-07', row('b', { aanvrager_id: id })));
  });

  test.prop([dateCase])('generalize: year on a text column leaves only the year', ({ input, notation, year }) => {
    const out = maskerFor('birth_date', { generalize: 'year' }).apply(input)!;
    expect(out).toBe(notation === 'short' ? p2(year % 100) : String(year));
  });

  test.prop([fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }), fc.string({ minLength: 1, maxLength: 6 })])(
    'generalize: year on date and timestamp columns: a valid date in the same year (per row), midnight, never the input',
    (date, key) => {
      const iso = date.toISOString().slice(0, 10);
      const d = maskerFor('birth_date', { generalize: 'year' }, DATE_COL).apply(iso, row(key))!;
      expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(parseDate(d)!.year).toBe(date.getUTCFullYear());
      expect(d).not.toBe(iso);
      const t = maskerFor('birth_date', { generalize: 'year' }, TS_COL).apply(`${iso} 13:45:00+00`, row(key))!;
      expect(t).toMatch(/^\d{4}-\d{2}-\d{2} 00:00:00\+00$/);
      // Per row, not per value: another date of the same year in the same row gets the same day.
      const other = `${iso.slice(0, 4)}-${iso.slice(5, 7) === '06' ? '07' : '06'}-15`;
      const d2 = maskerFor('birth_date', { generalize: 'year' }, DATE_COL).apply(other, row(key))!;
      if (d !== other && d2 !== iso) expect(d2).toBe(d);
    },
  );

  it('1 January stays out of the generalised output for people born on it (no fixed day)', () => {
    const m = maskerFor('birth_date', { generalize: 'year' }, DATE_COL);
    for (let k = 0; k < 200; k++) expect(m.apply('1970-01-01', row(String(k)))).not.toBe('1970-01-01');
  });

  test.prop([dateCase])('deterministic across fresh contexts; another key gives another fake (nearly always)', ({ input }) => {
    const a = maskerFor('birth_date').apply(input);
    expect(maskerFor('birth_date').apply(input)).toBe(a);
  });

  it('secret-dependence: another key changes most fakes', () => {
    let differ = 0;
    for (let i = 0; i < 200; i++) {
      const v = `1980-${p2(1 + (i % 12))}-${p2(1 + (i % 28))}`;
      if (maskerFor('birth_date').apply(v) !== maskerFor('birth_date', {}, {}, 'other-key').apply(v)) differ++;
    }
    expect(differ).toBeGreaterThan(190);
  });

  it('handles 29 February and BC dates (regression: 0004-01-09 BC never becomes 0004-02-29 BC)', () => {
    const { apply } = maskerFor('birth_date');
    expect(apply('2024-02-29')).toMatch(/^2024-\d{2}-\d{2}$/);
    expect(apply('2024-02-29')).not.toBe('2024-02-29');
    for (let d = 1; d <= 28; d++) {
      const out = apply(`0004-01-${p2(d)} BC`)!;
      expect(out).toMatch(/^0004-\d{2}-\d{2} BC$/);
      expect(parseDate(out)).not.toBeNull();
    }
  });

  it('keeps the §4.4 written form, including "mei" (never abbreviated)', () => {
    const out = maskerFor('birth_date').apply('3 mrt. 1985')!;
    expect(out).toMatch(/^\d{1,2} (?:(?:jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec)\.|mei) 1985$/);
  });

  it('throws, without the value in the message, on a value that is not a date', () => {
    expect(() => maskerFor('birth_date').apply('31-02-1985')).toThrow(/not a calendar date/);
    try {
      maskerFor('birth_date').apply('geheim-1985');
    } catch (e) {
      expect(String(e)).not.toContain('geheim');
    }
    expect(maskerFor('birth_date').apply('  ')).toBe('');
  });

  it('rejects bad options', () => {
    const { params } = maskerFor('birth_date').def;
    expect(params.safeParse({ keep: 'year', shift: 10 }).success).toBe(false);
    expect(params.safeParse({ shift: 0 }).success).toBe(false);
    expect(params.safeParse({ shift: 1.5 }).success).toBe(false);
    expect(params.safeParse({ generalize: 'month' }).success).toBe(false);
    expect(params.safeParse({ person: 'id' }).success).toBe(false);
    expect(params.safeParse({ shift: 10, person: 'id' }).success).toBe(true);
    expect(params.safeParse({ foo: 1 }).success).toBe(false);
  });
});

describe('date_shift', () => {
  test.prop([dateCase, fc.integer({ min: 1, max: 400 }), fc.string({ minLength: 1, maxLength: 8 })])(
    'moves by 1..days, keeps notation and time of day, never the input',
    ({ input }, days, id) => {
      const out = shiftMasker({ days, person: 'pid' })(input, row('r', { pid: id }))!;
      expect(out).not.toBe(input);
      expect(sameShape(out, input)).toBe(true);
      if (!/^\d{2}-\d{2}-\d{2}$/.test(input)) {
        const moved = Math.abs(dayNumber(out) - dayNumber(input));
        expect(moved).toBeGreaterThanOrEqual(1);
        expect(moved).toBeLessThanOrEqual(days);
      }
    },
  );

  test.prop([fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: -20_000, max: 20_000 }), fc.integer({ min: 0, max: 5000 })])(
    'one person, one offset: intervals between any two dates survive, across tables, columns and column kinds',
    (id, a, gap) => {
      const d1 = new Date(Date.UTC(1990, 0, 1) + a * 86_400_000).toISOString().slice(0, 10);
      const d2 = new Date(Date.UTC(1990, 0, 1) + (a + gap) * 86_400_000).toISOString().slice(0, 10);
      const inA = shiftMasker({ person: 'aanvrager_id' }, { ...DATE_COL, name: 'ingediend' }, TEST_KEY, 'aanvraag');
      const inB = shiftMasker({ person: 'id' }, { ...TS_COL, name: 'besluit' }, TEST_KEY, 'besluit');
      const o1 = inA(d1, row('1', { aanvrager_id: id }))!;
      const o2 = inB(`${d2} 08:00:00+00`, row('77', { id }))!.slice(0, 10);
      expect((Date.parse(o2) - Date.parse(o1)) / 86_400_000).toBe(gap);
    },
  );

  it('without person, the row is the person; a NULL person falls back to the row', () => {
    const m = shiftMasker({ person: 'pid' });
    expect(m('2020-01-01', row('1'))).toBe(shiftMasker({})('2020-01-01', row('1')));
  });

  it('shares offsets with birth_date { shift } for the same person and maximum, so ages at events survive', () => {
    const r = row('9', { pid: 'P-1' });
    const birth = maskerFor('birth_date', { shift: 180, person: 'pid' }).apply('1985-03-07', r)!;
    const event = shiftMasker({ person: 'pid', days: 180 })('2015-03-07', r)!;
    expect(Date.parse(event) - Date.parse(birth)).toBe(Date.parse('2015-03-07') - Date.parse('1985-03-07'));
  });

  test.prop([fc.string({ minLength: 1, maxLength: 8 })])('deterministic and secret-dependent', (id) => {
    const r = row('1', { pid: id });
    const a = shiftMasker({ person: 'pid' })('2000-06-15', r);
    expect(shiftMasker({ person: 'pid' })('2000-06-15', r)).toBe(a);
  });

  it('another key gives other offsets', () => {
    let differ = 0;
    for (let i = 0; i < 200; i++) {
      const r = row(String(i));
      if (shiftMasker({})('2000-06-15', r) !== shiftMasker({}, {}, 'other-key')('2000-06-15', r)) differ++;
    }
    expect(differ).toBeGreaterThan(190);
  });

  it('offsets are spread over [-days, days] without 0', () => {
    const m = shiftMasker({ days: 3 });
    const seen = new Set<number>();
    for (let i = 0; i < 400; i++) seen.add((Date.parse(m('2000-06-15', row(String(i)))!) - Date.parse('2000-06-15')) / 86_400_000);
    expect([...seen].sort()).toEqual([-1, -2, -3, 1, 2, 3].sort());
  });

  it('rejects bad options', () => {
    expect(dateShift.params.safeParse({ days: 0 }).success).toBe(false);
    expect(dateShift.params.safeParse({ days: 'x' }).success).toBe(false);
    expect(dateShift.params.safeParse({ person: '' }).success).toBe(false);
    expect(dateShift.params.safeParse({ other: 1 }).success).toBe(false);
    expect(dateShift.params.parse({})).toEqual({ days: 180 });
  });
});

// ---------------------------------------------------------------------------------------------
// Per-row categorical maskers
// ---------------------------------------------------------------------------------------------

const ADJECTIVES = NATIONALITIES.map((n) => n.adjective);
const CODES = NATIONALITIES.map((n) => n.code);

describe('nationality', () => {
  test.prop([fc.constantFrom(...ADJECTIVES), fc.constantFrom(...ADJECTIVES), fc.string({ minLength: 1, maxLength: 8 })])(
    'adjective in, adjective out; depends on the row, not on the value',
    (a, b, key) => {
      const m = maskerFor('nationality');
      const out = m.apply(a, row(key));
      expect(ADJECTIVES).toContain(out);
      expect(m.apply(b, row(key))).toBe(out);
      expect(maskerFor('nationality').apply(a, row(key))).toBe(out);
    },
  );

  test.prop([fc.constantFrom(...CODES), fc.constantFrom(...CODES), fc.string({ minLength: 1, maxLength: 8 })])('Tabel 32 code in, code out', (a, b, key) => {
    const m = maskerFor('nationality');
    expect(CODES).toContain(m.apply(a, row(key)));
    expect(m.apply(b, row(key))).toBe(m.apply(a, row(key)));
  });

  it('keeps ISO, case and integer forms', () => {
    const isoOut = maskerFor('nationality').apply('NLD', row('5'))!;
    expect(isoOut).toMatch(/^[A-Z]{3}$/);
    expect(maskerFor('nationality').apply('nl', row('5'))).toMatch(/^[a-z]{2}$/);
    expect(maskerFor('nationality').apply('NEDERLANDSE', row('5'))).toBe(maskerFor('nationality').apply('Nederlandse', row('5'))!.toUpperCase());
    expect(maskerFor('nationality', {}, { kind: 'integer', sqlType: 'integer' }).apply('1', row('5'))).toMatch(/^[1-9]\d*$/);
  });

  it('distribution: the default is roughly respected over 20,000 rows', () => {
    const m = maskerFor('nationality');
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const v = m.apply('Nederlandse', row(String(i)))!;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const total = NATIONALITIES.reduce((a, n) => a + n.weight, 0);
    const nl = counts.get('Nederlandse')! / 20_000;
    expect(Math.abs(nl - 920 / total)).toBeLessThan(0.01);
    expect(Math.abs(counts.get('Poolse')! / 20_000 - 9 / total)).toBeLessThan(0.003);
  });

  it('distribution option: a chi-square check over 20,000 rows', () => {
    const dist = { Nederlandse: 0.5, Duitse: 0.3, Turkse: 0.2 };
    const m = maskerFor('nationality', { distribution: dist });
    const counts: Record<string, number> = { Nederlandse: 0, Duitse: 0, Turkse: 0 };
    for (let i = 0; i < 20_000; i++) counts[m.apply('Marokkaanse', row(String(i)))!]! += 1;
    let chi2 = 0;
    for (const [k, p] of Object.entries(dist)) chi2 += (counts[k]! - 20_000 * p) ** 2 / (20_000 * p);
    // 2 degrees of freedom: P(chi² > 13.8) = 0.001.
    expect(chi2).toBeLessThan(13.8);
    expect(maskerFor('nationality', { distribution: { '0001': 1, '0055': 1 } }).apply('0339', row('1'))).toMatch(/^00(01|55)$/);
  });

  it('generalize: Nederlandse / EU / niet-EU / onbekend, from adjective, code or ISO', () => {
    const g = maskerFor('nationality', { generalize: true });
    expect(['Nederlandse', '0001', '0002', 'NLD', 'Duitse', '0055', 'PL', 'Turkse', '0339', '0118', 'Staatloos', '0000', 'Onbekend'].map((v) => g.apply(v)))
      .toEqual(['Nederlandse', 'Nederlandse', 'Nederlandse', 'Nederlandse', 'EU', 'EU', 'EU', 'niet-EU', 'niet-EU', 'niet-EU', 'niet-EU', 'onbekend', 'onbekend']);
    expect(maskerFor('nationality', { generalize: true, labels: { nl: 'NL' } }).apply('0001')).toBe('NL');
    expect(() => maskerFor('nationality', { generalize: true }, { sqlType: 'character(4)' })).toThrow(/labels/);
  });

  it('person: one person, one nationality in every table', () => {
    const m = maskerFor('nationality', { person: 'bsn' });
    expect(m.apply('Duitse', row('1', { bsn: '000000012' }))).toBe(m.apply('Turkse', row('2', { bsn: '000000012' })));
  });

  it('fits the column length and rejects bad options', () => {
    const m = maskerFor('nationality', {}, { sqlType: 'character varying(6)' });
    for (let i = 0; i < 500; i++) expect(m.apply('Duitse', row(String(i)))!.length).toBeLessThanOrEqual(6);
    const { params } = m.def;
    expect(params.safeParse({ distribution: { Klingon: 1 } }).success).toBe(false);
    expect(params.safeParse({ distribution: { Nederlandse: 0 } }).success).toBe(false);
    expect(params.safeParse({ distribution: { Nederlandse: -1 } }).success).toBe(false);
    expect(params.safeParse({ format: 'roman' }).success).toBe(false);
    expect(params.safeParse({ labels: { mars: 'x' } }).success).toBe(false);
  });
});

const LEVEL_NAMES = EDUCATION_LEVELS.map((e) => e.name);

describe('education', () => {
  test.prop([fc.constantFrom(...LEVEL_NAMES), fc.constantFrom(...LEVEL_NAMES), fc.string({ minLength: 1, maxLength: 8 })])(
    'name in, name out; depends on the row, not on the value',
    (a, b, key) => {
      const m = maskerFor('education');
      const out = m.apply(a, row(key));
      expect(LEVEL_NAMES).toContain(out);
      expect(m.apply(b, row(key))).toBe(out);
    },
  );

  it('keeps ISCED digits, CBS classes and letter case', () => {
    expect(maskerFor('education').apply('6', row('1'))).toMatch(/^[1-8]$/);
    expect(maskerFor('education', {}, { kind: 'integer', sqlType: 'smallint' }).apply('6', row('1'))).toMatch(/^[1-8]$/);
    expect(['laag', 'middelbaar', 'hoog']).toContain(maskerFor('education').apply('hoog', row('1')));
    expect(maskerFor('education').apply('HAVO', row('1'))).toBe(maskerFor('education').apply('havo', row('1'))!.toUpperCase());
  });

  it('generalize follows the §4.8 table', () => {
    const g = maskerFor('education', { generalize: true });
    expect(['vmbo-tl', 'havo', 'mbo 4', 'mbo-1', 'wo master', 'Entree', 'HBO', 'PhD', 'gymnasium', '7', 'onbekend', 'iets anders'].map((v) => g.apply(v)))
      .toEqual(['laag', 'middelbaar', 'middelbaar', 'laag', 'hoog', 'laag', 'hoog', 'hoog', 'middelbaar', 'hoog', 'onbekend', 'onbekend']);
  });

  it('distribution is roughly respected over 20,000 rows (CBS classes)', () => {
    const m = maskerFor('education', { format: 'level' });
    const counts: Record<string, number> = { laag: 0, middelbaar: 0, hoog: 0 };
    for (let i = 0; i < 20_000; i++) counts[m.apply('laag', row(String(i)))!]! += 1;
    const total = EDUCATION_LEVELS.reduce((a, e) => a + e.weight, 0);
    for (const c of ['laag', 'middelbaar', 'hoog'] as const) {
      const p = EDUCATION_LEVELS.filter((e) => e.cbs === c).reduce((a, e) => a + e.weight, 0) / total;
      expect(Math.abs(counts[c]! / 20_000 - p)).toBeLessThan(0.015);
    }
  });

  it('rejects bad options', () => {
    const { params } = maskerFor('education').def;
    expect(params.safeParse({ distribution: { kleuterschool: 1 } }).success).toBe(false);
    expect(params.safeParse({ distribution: { havo: 1, vwo: 2 } }).success).toBe(true);
    expect(params.safeParse({ format: 'x' }).success).toBe(false);
    expect(params.safeParse({ generalize: 'yes' }).success).toBe(false);
  });
});

describe('health', () => {
  test.prop([fc.string(), fc.string(), fc.string({ minLength: 1, maxLength: 8 })])('every mode is independent of the value', (a, b, key) => {
    for (const [params, col] of [
      [{}, {}], [{ mode: 'sample' }, {}], [{}, { kind: 'boolean', sqlType: 'boolean' }], [{}, { kind: 'integer', sqlType: 'integer' }],
      [{ values: ['Z99.1', 'Z99.2'] }, {}],
    ] as const) {
      const m = maskerFor('health', params, col);
      // A boolean keeps its input's notation (t/f, 1/0, true/false); its truth is what must not depend on the value.
      const truth = (v: string | null): string | null => (col.kind === 'boolean' && v !== null ? String(['t', '1', 'true'].includes(v)) : v);
      expect(truth(m.apply(b, row(key)))).toBe(truth(m.apply(a, row(key))));
    }
  });

  it('booleans keep the notation of their engine: t/f, 1/0 (MySQL BOOLEAN), true/false', () => {
    const m = maskerFor('health', { rate: 0.5 }, { kind: 'boolean', sqlType: 'boolean' });
    const keys = Array.from({ length: 40 }, (_, i) => String(i));
    expect(new Set(keys.map((k) => m.apply('1', row(k))))).toEqual(new Set(['0', '1']));
    expect(new Set(keys.map((k) => m.apply('f', row(k))))).toEqual(new Set(['t', 'f']));
    expect(new Set(keys.map((k) => m.apply('false', row(k))))).toEqual(new Set(['true', 'false']));
  });

  it('text: placeholder by default (fits the column), null, sample from phrases or given codes, category', () => {
    expect(maskerFor('health').apply('diabetes type 2')).toBe('[gezondheidsgegevens verwijderd]');
    expect(maskerFor('health', {}, { sqlType: 'character varying(10)' }).apply('x')).toBe('[gezondhei');
    expect(maskerFor('health', { mode: 'null' }).apply('x')).toBeNull();
    expect(maskerFor('health', { mode: 'null' }).def.mayReturnNull!({ mode: 'null' } as never)).toBe(true);
    expect(HEALTH_PHRASES).toContain(maskerFor('health', { mode: 'sample' }).apply('x', row('3')));
    expect(['Z99.1', 'Z99.2']).toContain(maskerFor('health', { values: { 'Z99.1': 1, 'Z99.2': 3 } }).apply('E11', row('3')));
    const c = maskerFor('health', { mode: 'category' });
    expect(['geen', 'Nee', ' n.v.t. ', 'migraine'].map((v) => c.apply(v))).toEqual(['geen', 'geen', 'geen', 'aandoening']);
  });

  it('booleans: per-row Bernoulli with the configured rate (20,000 rows)', () => {
    const m = maskerFor('health', { rate: 0.3 }, { kind: 'boolean', sqlType: 'boolean' });
    let t = 0;
    for (let i = 0; i < 20_000; i++) if (m.apply('f', row(String(i))) === 't') t++;
    expect(Math.abs(t / 20_000 - 0.3)).toBeLessThan(0.015);
    expect(() => maskerFor('health', { mode: 'category' }, { kind: 'boolean', sqlType: 'boolean' })).toThrow();
    expect(() => maskerFor('health', { mode: 'placeholder' }, { kind: 'boolean', sqlType: 'boolean' })).toThrow();
  });

  it('numbers: a range or given classes; category maps to the class lower bound', () => {
    const m = maskerFor('health', { min: 35, max: 80 }, { kind: 'integer', sqlType: 'integer' });
    for (let i = 0; i < 500; i++) {
      const v = Number(m.apply('100', row(String(i))));
      expect(v).toBeGreaterThanOrEqual(35);
      expect(v).toBeLessThanOrEqual(80);
    }
    expect(['0', '15', '35', '79.5', '80', '100'].map((v) => maskerFor('health', { mode: 'category' }, { kind: 'numeric', sqlType: 'numeric' }).apply(v)))
      .toEqual(['0', '0', '35', '35', '80', '80']);
    expect(() => maskerFor('health', { values: ['a'] }, { kind: 'integer', sqlType: 'integer' })).toThrow();
  });

  it('rejects bad options', () => {
    const { params } = maskerFor('health').def;
    expect(params.safeParse({ mode: 'hash' }).success).toBe(false);
    expect(params.safeParse({ rate: 1.5 }).success).toBe(false);
    expect(params.safeParse({ min: 10, max: 5 }).success).toBe(false);
    expect(params.safeParse({ classes: [10, 5] }).success).toBe(false);
    expect(params.safeParse({ values: [] }).success).toBe(false);
  });
});

describe('throughput (printed, never failing on timing)', () => {
  it('measures values/s', () => {
    const cases: [string, MaskFn, string][] = [
      ['birth_date keep', maskerFor('birth_date').mask, '07-03-1985'],
      ['birth_date shift', maskerFor('birth_date', { shift: 30 }).mask, '1985-03-07'],
      ['date_shift', shiftMasker({ person: 'pid' }), '2020-03-07 13:45:00+00'],
      ['nationality', maskerFor('nationality').mask, 'Nederlandse'],
      ['education', maskerFor('education').mask, 'havo'],
      ['health sample', maskerFor('health', { mode: 'sample' }).mask, 'x'],
    ];
    for (const [name, fn, v] of cases) {
      const n = 200_000;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) fn(v, row(String(i), { pid: String(i % 1000) }));
      console.log(`${name}: ${Math.round(n / ((performance.now() - t0) / 1000)).toLocaleString('en-US')} values/s`);
    }
    expect(true).toBe(true);
  });
});

describe('birth_date in a short text column', () => {
  test.prop([fc.integer({ min: 1, max: 28 }), fc.constantFrom('mei', 'juni', 'juli', 'maart'), fc.integer({ min: 1930, max: 2010 })])(
    'a written-out month never outgrows varchar(n) of the input',
    (day, month, year) => {
      const input = `${day} ${month} ${year}`;
      const out = maskerFor('birth_date', {}, { sqlType: `character varying(${input.length})` }).apply(input)!;
      expect(out.length).toBeLessThanOrEqual(input.length);
      expect(out).not.toBe(input);
      expect(out.endsWith(String(year))).toBe(true);
    },
  );
});
