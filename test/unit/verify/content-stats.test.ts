// Verification layer L3 (dutch-pii.md §0.4, §1.6): column statistics over kept columns.
// Every BSN here comes from the 00-block (≤ 7 significant digits, never issuable, §1.5) or the RvIG
// 99999-block (§1.4); plates and IBANs are generated, with the fictional bank code XXXX.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isValidPlate, PLATE_LAYOUTS } from '../../../src/detectors/plate.js';
import { ColumnContentStats, type ContentType, type ContentVerdict } from '../../../src/verify/content-stats.js';

/** Independent elfproef remainder of 9 digits (§1.2), written from the spec, not from src. */
function remainder(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(nine[i]);
  return (((sum - Number(nine[8])) % 11) + 11) % 11;
}

/** The valid BSN with this 8-digit prefix (a number), or null when the prefix has none. */
function bsnWithPrefix(prefix: number): string | null {
  const p = String(prefix).padStart(8, '0');
  for (let d = 0; d <= 9; d++) {
    const c = p + d;
    if (c !== '000000000' && remainder(c) === 0) return c;
  }
  return null;
}

/** 00-block prefixes (1 … 999999) and RvIG 99999-block prefixes, so that no generated BSN is a person's. */
const fictionalBsn = fc
  .oneof(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 99_999_000, max: 99_999_999 }))
  .map(bsnWithPrefix)
  .filter((b): b is string => b !== null);

/** §1.3 notations of a canonical 9-digit BSN; `int` is what an integer column keeps (no leading zeros). */
type Notation = 'nine' | 'int' | 'four-two-three' | 'three-three-three' | 'two-two-two-three';
function write(bsn: string, notation: Notation, sep: string): string {
  switch (notation) {
    case 'nine':
      return bsn;
    case 'int':
      return String(Number(bsn));
    case 'four-two-three':
      return `${bsn.slice(0, 4)}${sep}${bsn.slice(4, 6)}${sep}${bsn.slice(6)}`;
    case 'three-three-three':
      return `${bsn.slice(0, 3)}${sep}${bsn.slice(3, 6)}${sep}${bsn.slice(6)}`;
    case 'two-two-two-three':
      return `${bsn.slice(0, 2)}${sep}${bsn.slice(2, 4)}${sep}${bsn.slice(4, 6)}${sep}${bsn.slice(6)}`;
  }
}
const notation = fc.constantFrom<Notation>('nine', 'int', 'four-two-three', 'three-three-three', 'two-two-two-three');

/** Deterministic pseudo-random integers (mulberry32), so that large columns are the same every run. */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
  };
}

function statsOf(values: Iterable<string>, sampleSize?: number): ColumnContentStats {
  const s = new ColumnContentStats(sampleSize === undefined ? {} : { sampleSize });
  for (const v of values) s.add(v);
  return s;
}
const levels = (values: Iterable<string>): Partial<Record<ContentType, ContentVerdict['level']>> =>
  Object.fromEntries(statsOf(values).verdicts().map((v) => [v.type, v.level]));
const bsns = (n: number, from = 1): string[] => {
  const out: string[] = [];
  for (let p = from; out.length < n; p++) {
    const b = bsnWithPrefix(p);
    if (b !== null) out.push(b);
  }
  return out;
};
const words = (n: number): string[] => Array.from({ length: n }, (_, i) => `status ${String.fromCharCode(97 + (i % 26))}`);

describe('sampling and thresholds', () => {
  it('gives nothing below 20 sampled values, however clean', () => {
    expect(statsOf(bsns(19)).verdicts()).toEqual([]);
    expect(statsOf(bsns(20)).verdicts()).toEqual([{ type: 'bsn', sampled: 20, passing: 20, share: 1, level: 'error' }]);
  });

  it.each([
    [19, 'error'],
    [18, 'warning'],
    [6, 'warning'],
    [5, undefined],
    [0, undefined],
  ] as const)('%i of 20 passing → %s', (passing, level) => {
    expect(levels([...bsns(passing), ...words(20 - passing)]).bsn).toBe(level);
  });

  it('looks only at the first sampleSize values and ignores everything after', () => {
    const s = statsOf(words(50), 50);
    for (const b of bsns(500)) s.add(b);
    expect(s.sampled).toBe(50);
    expect(s.verdicts()).toEqual([]);
    expect(new ColumnContentStats().sampled).toBe(0);
    expect(statsOf(words(1500)).sampled).toBe(1000);
  });

  it('refuses a sample size that is not a positive integer', () => {
    expect(() => new ColumnContentStats({ sampleSize: 0 })).toThrow(RangeError);
    expect(() => new ColumnContentStats({ sampleSize: 2.5 })).toThrow(RangeError);
  });

  it('counts values too long to be any identifier as sampled, not passing', () => {
    expect(statsOf(Array.from({ length: 20 }, () => `${'x'.repeat(400)} 111222333`)).verdicts()).toEqual([]);
  });

  it('gives nothing for ordinary text, names and amounts', () => {
    const values = ['Jansen', 'open', 'gesloten', 'Rotterdam', '12.50', '3', 'A-klasse', 'HAVO', '2024-03-01', 'n.v.t.'];
    expect(statsOf([...values, ...values, ...values]).verdicts()).toEqual([]);
  });
});

describe('BSN', () => {
  test.prop([
    fc.uniqueArray(fc.tuple(fictionalBsn, notation, fc.constantFrom(' ', '.', '-')), { minLength: 20, maxLength: 80, selector: ([b]) => b }),
  ])('a column of ≥ 20 valid BSNs in any §1.3 notation is an error', (column) => {
    expect(levels(column.map(([b, n, sep]) => write(b, n, sep))).bsn).toBe('error');
  });

  test.prop([fc.uniqueArray(fc.noBias(fc.integer({ min: 0, max: 999_999_999 })), { minLength: 20, maxLength: 200 })])(
    'random 9-digit numbers never reach error (P(≥ 19 of 20 pass) ≈ 3·10⁻¹⁹)',
    (numbers) => {
      expect(levels(numbers.map((n) => String(n).padStart(9, '0'))).bsn).not.toBe('error');
    },
  );

  it('a column of 1000 random 9-digit order numbers gives no verdict at all (about 1 in 11 pass)', () => {
    const next = rng(1);
    const s = statsOf(Array.from({ length: 1000 }, () => String(100_000_000 + next(900_000_000))));
    expect(s.verdicts()).toEqual([]);
  });

  it('jjjjmmdd dates give no BSN verdict, not even a column of only those that pass after padding', () => {
    const all: string[] = [];
    const passing: string[] = [];
    for (let y = 1900; y <= 2025; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= new Date(Date.UTC(y, m, 0)).getUTCDate(); d++) {
          const v = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
          all.push(v);
          if (remainder(`0${v}`) === 0) passing.push(v);
        }
      }
    }
    // §1.6: 4,179 of 46,021 dates in 1900–2025 pass; §8 names 19000108.
    expect([all.length, passing.length]).toEqual([46_021, 4_179]);
    expect(passing).toContain('19000108');
    const next = rng(2);
    expect(statsOf(Array.from({ length: 1000 }, () => all[next(all.length)]!)).verdicts()).toEqual([]);
    expect(levels(passing.slice(0, 1000)).bsn).toBeUndefined();
  });

  it('an integer column re-pads its values: 00-block BSNs with 7 or fewer digits, and 8-digit ones', () => {
    const column = bsns(40).map((b) => String(Number(b)));
    expect(column.every((v) => v.length <= 7)).toBe(true);
    expect(levels(column).bsn).toBe('error');
    // §1.3: 12345672 is 012345672 with its leading zero dropped.
    expect(levels([...column.slice(0, 19), '12345672']).bsn).toBe('error');
  });

  it('mobile numbers without their 0 pass the elfproef ~9%: a phone column, not a BSN one', () => {
    const next = rng(3);
    const column = Array.from({ length: 1000 }, () => `6${'123458'[next(6)]}${String(next(10_000_000)).padStart(7, '0')}`);
    expect(levels(column)).toEqual({ phone: 'error' });
  });

  it('onderwijsnummers (remainder 5) never count as BSNs', () => {
    const column: string[] = [];
    for (let p = 10_000_000; column.length < 50; p++) {
      for (let d = 0; d <= 9; d++) if (remainder(`${p}${d}`) === 5) column.push(`${p}${d}`);
    }
    expect(levels(column).bsn).toBeUndefined();
  });

  it('half BSNs and half other text is mixed content: a warning', () => {
    expect(levels([...bsns(30), ...words(30)])).toEqual({ bsn: 'warning' });
  });

  it('numbers of 10 or more digits and mixed separators are not BSNs', () => {
    const b = bsns(30);
    expect(levels(b.map((x) => `${x}0`)).bsn).toBeUndefined();
    expect(levels(b.map((x) => `${x.slice(0, 4)}.${x.slice(4, 6)}-${x.slice(6)}`)).bsn).toBeUndefined();
  });

  it('a near-constant column that passes by coincidence is at most a warning; five distinct BSNs make an error', () => {
    // 12 pads to 000000012, an elfproef pass; a quantity column full of 12s is not a BSN column.
    expect(levels(Array.from({ length: 100 }, () => '12'))).toEqual({ bsn: 'warning' });
    const four = bsns(4);
    expect(levels(Array.from({ length: 100 }, (_, i) => four[i % 4]!)).bsn).toBe('warning');
    const five = bsns(5);
    expect(levels(Array.from({ length: 100 }, (_, i) => five[i % 5]!)).bsn).toBe('error');
    // Notations of one number are one BSN.
    expect(levels(Array.from({ length: 100 }, (_, i) => write(four[0]!, i % 2 === 0 ? 'nine' : 'int', '')))).toEqual({ bsn: 'warning' });
  });
});

describe('e-mail', () => {
  const real = (n: number): string[] => Array.from({ length: n }, (_, i) => `persoon.${i}@mg-fictief-${i % 7}.nl`);

  it('addresses outside the reserved domains are an error', () => {
    expect(levels(real(25))).toEqual({ email: 'error' });
  });

  it('addresses at reserved domains give nothing (RFC 2606 / 6761, via isReservedEmailDomain)', () => {
    const domains = ['example.com', 'example.org', 'sub.example.net', 'gemeente.test', 'bedrijf.example', 'nergens.invalid'];
    expect(levels(Array.from({ length: 60 }, (_, i) => `jan.${i}@${domains[i % domains.length]}`))).toEqual({});
  });

  it('half real and half reserved is a warning; malformed addresses do not count', () => {
    expect(levels([...real(20), ...Array.from({ length: 20 }, (_, i) => `test${i}@example.com`)])).toEqual({ email: 'warning' });
    expect(levels(Array.from({ length: 30 }, (_, i) => `jan..${i}@mg-fictief.nl`))).toEqual({});
  });
});

describe('kenteken', () => {
  const LETTERS = 'BDFGHJKLMNPRSTVXZ'; // in both the modern and the historic alphabet
  const plate = (sc: number, pick: (n: number) => number, sep: string): string => {
    const { mask, dashes } = PLATE_LAYOUTS[sc - 1]!;
    const c = [...mask].map((k) => (k === 'X' ? LETTERS[pick(LETTERS.length)]! : String(pick(10)))).join('');
    return `${c.slice(0, dashes[0])}${sep}${c.slice(dashes[0], dashes[1])}${sep}${c.slice(dashes[1])}`;
  };

  test.prop([
    fc.array(fc.tuple(fc.integer({ min: 1, max: 14 }), fc.constantFrom('-', ' '), fc.array(fc.nat(), { minLength: 6, maxLength: 6 })), {
      minLength: 20,
      maxLength: 60,
    }),
  ])('a column of dashed or spaced plates of any sidecode is an error', (rows) => {
    const column = rows.map(([sc, sep, nats]) => {
      let i = 0;
      return plate(sc, (n) => nats[i++]! % n, sep);
    });
    expect(column.every(isValidPlate)).toBe(true);
    expect(levels(column).plate).toBe('error');
  });

  it('compact six-character product codes match a sidecode but give no plate verdict', () => {
    const next = rng(4);
    const codes = Array.from({ length: 200 }, (_, i) => plate(i % 2 === 0 ? 4 : 1, next, ''));
    // The trap: these are valid compact plates (XX99XX, XX9999) by the validator.
    expect(codes.every(isValidPlate)).toBe(true);
    expect(levels(codes)).toEqual({});
  });

  it('compact 1234AB is a postcode; dashed 12-34-AB is a plate (sidecode 2)', () => {
    const next = rng(5);
    // Sidecode 2 (9999XX) with a first digit 1–9 and no S, so that every value is also a valid postcode.
    const compact = Array.from({ length: 50 }, () => `${1000 + next(9000)}${'BDFGHJKLNPRTXZ'[next(14)]}${'BDFGHJKLNPRTXZ'[next(14)]}`);
    expect(levels(compact)).toEqual({ postcode: 'error' });
    expect(levels(compact.map((c) => `${c.slice(0, 2)}-${c.slice(2, 4)}-${c.slice(4)}`))).toEqual({ plate: 'error' });
  });

  it('half-dashed notations do not count', () => {
    const next = rng(6);
    expect(levels(Array.from({ length: 30 }, () => plate(11, next, '-').replace(/-(?=[A-Z]$)/, '')))).toEqual({});
  });
});

describe('IBAN, phone and postcode', () => {
  /** A fictional NL IBAN (bank code XXXX), check digits computed independently with BigInt. */
  const iban = (account: number): string => {
    const bban = `XXXX${String(account).padStart(10, '0')}`;
    const numeric = [...`${bban}NL00`].map((ch) => (ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch)).join('');
    const kk = 98n - (BigInt(numeric) % 97n);
    return `NL${String(kk).padStart(2, '0')}${bban}`;
  };

  it('IBANs, compact or in groups of four, are an error; one wrong digit fails the check', () => {
    const column = Array.from({ length: 30 }, (_, i) => iban(1000 + i * 7919));
    expect(levels(column)).toEqual({ iban: 'error' });
    expect(levels(column.map((c) => c.replace(/(.{4})(?!$)/g, '$1 ')))).toEqual({ iban: 'error' });
    expect(levels(column.map((c) => `${c.slice(0, -1)}${(Number(c.at(-1)) + 1) % 10}`)).iban).toBeUndefined();
  });

  it('Dutch phone numbers in their usual notations are an error', () => {
    const next = rng(7);
    const column = Array.from({ length: 40 }, (_, i) => {
      const sub = String(next(10_000_000)).padStart(7, '0');
      return [`06-1${sub}`, `+31 6 2${sub}`, `020 ${sub}`, `0031 85 ${sub}`][i % 4]!;
    });
    expect(levels(column)).toEqual({ phone: 'error' });
  });

  it('postcodes with or without the space are an error; the banned pairs SA, SD, SS do not count', () => {
    const next = rng(8);
    const column = Array.from({ length: 40 }, (_, i) => `${1000 + next(9000)}${i % 2 === 0 ? ' ' : ''}${'ABHKLTXZ'[next(8)]}${'BDEJKR'[next(6)]}`);
    expect(levels(column)).toEqual({ postcode: 'error' });
    expect(levels(Array.from({ length: 30 }, (_, i) => `${1000 + i} ${['SA', 'SD', 'SS'][i % 3]}`))).toEqual({});
  });
});
