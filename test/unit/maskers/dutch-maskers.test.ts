import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { compact, isBsn } from '../../../src/keyed/canonicalize.js';
import {
  CITIES, EDUCATION_LEVELS, FIRST_NAMES, LAST_NAMES, NATIONALITIES, STREETS, TUSSENVOEGSELS,
} from '../../../src/maskers/data/dutch-words.js';
import { MASKERS, buildRegistry, maskerRegistry } from '../../../src/maskers/masker-registry.js';
import { definition, maskerFor, row } from './support.js';

// ---------------------------------------------------------------------------------------------
// Generators for realistic inputs per masker
// ---------------------------------------------------------------------------------------------

const digits = (n: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');

/** ISO 7064 mod-97 over uppercase A-Z0-9, as in dutch-pii.md §3.2 (independent of src). */
function ibanMod97(s: string): number {
  let r = 0;
  for (const ch of s) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) r = (r * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return r;
}
const isNlIban = (raw: string): boolean => {
  const i = raw.replace(/[\s-]/g, '').toUpperCase();
  return /^NL\d{2}[A-Z]{4}\d{10}$/.test(i) && ibanMod97(i.slice(4) + i.slice(0, 4)) === 1;
};
const nlIban = (bank: string, acct: string): string =>
  `NL${String(98 - ibanMod97(`${bank}${acct}NL00`)).padStart(2, '0')}${bank}${acct}`;
const printed = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');

/** Valid NL IBANs with any bank code, compact or printed in groups of 4. */
const ibanInput = fc
  .tuple(fc.array(upper, { minLength: 4, maxLength: 4 }), digits(10), fc.boolean())
  .map(([bank, acct, spaced]) => {
    const i = nlIban(bank.join(''), acct);
    return spaced ? printed(i) : i;
  });

const MODERN = 'BDFGHJKLMNPRSTVWXZ';
/** Sidecode masks (X letter, 9 digit) with their dash positions, from §2.1. */
const SIDECODES: [mask: string, dashes: [number, number]][] = [
  ['XX9999', [2, 4]], ['9999XX', [2, 4]], ['99XX99', [2, 4]], ['XX99XX', [2, 4]], ['XXXX99', [2, 4]],
  ['99XXXX', [2, 4]], ['99XXX9', [2, 5]], ['9XXX99', [1, 4]], ['XX999X', [2, 5]], ['X999XX', [1, 4]],
  ['XXX99X', [3, 5]], ['X99XXX', [1, 3]], ['9XX999', [1, 3]], ['999XX9', [3, 5]],
];
/** Plates of every sidecode, dashed or compact. */
const plateInput = fc
  .tuple(
    fc.constantFrom(...SIDECODES),
    fc.array(fc.constantFrom(...MODERN), { minLength: 6, maxLength: 6 }),
    fc.array(fc.constantFrom(...'0123456789'), { minLength: 6, maxLength: 6 }),
    fc.boolean(),
  )
  .map(([[mask, [a, b]], letters, nums, dashed]) => {
    const c = [...mask].map((k, i) => (k === 'X' ? letters[i]! : nums[i]!)).join('');
    return dashed ? `${c.slice(0, a)}-${c.slice(a, b)}-${c.slice(b)}` : c;
  });

/** Postcodes "1234 AB", "1234AB", lowercase letters too (any letter pair, also the banned ones). */
const postcodeInput = fc
  .tuple(fc.integer({ min: 1000, max: 9999 }), upper, upper, fc.constantFrom('', ' '), fc.boolean())
  .map(([pc4, a, b, sp, lower]) => `${pc4}${sp}${lower ? (a + b).toLowerCase() : a + b}`);

type PhoneFormat = { prefix: string; format: (d: string) => string; rest: number };
const PHONE_FORMATS: PhoneFormat[] = [
  { prefix: '06', rest: 8, format: (d) => `06-${d}` },
  { prefix: '06', rest: 8, format: (d) => `06 ${d.slice(0, 4)} ${d.slice(4)}` },
  { prefix: '06', rest: 8, format: (d) => `06${d}` },
  { prefix: '+31 6', rest: 8, format: (d) => `+31 6 ${d}` },
  { prefix: '+31 6', rest: 8, format: (d) => `+31 6 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6)}` },
  { prefix: '+316', rest: 8, format: (d) => `+316${d}` },
  { prefix: '0031 6', rest: 8, format: (d) => `0031 6 ${d}` },
  { prefix: '+31 (0)6', rest: 8, format: (d) => `+31 (0)6 ${d}` },
  { prefix: '020', rest: 7, format: (d) => `020-${d}` },
  { prefix: '010', rest: 7, format: (d) => `010 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}` },
];
/** Dutch mobile and landline numbers with their expected kept prefix. */
const phoneCase = fc
  .constantFrom(...PHONE_FORMATS)
  .chain((f) => digits(f.rest).map((d) => ({ prefix: f.prefix, input: f.format(d) })));
const phoneInput = phoneCase.map((c) => c.input);

/** Birth dates 1900–2025 in ISO, Dutch dd-mm-yyyy (-, /, .) or d-m-yyyy notation, or an ISO timestamp. */
type DateNotation = 'iso' | 'timestamp' | 'dd-mm-yyyy' | 'dd/mm/yyyy' | 'dd.mm.yyyy' | 'd-m-yyyy';
const dateCase = fc
  .tuple(
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.constantFrom<DateNotation>('iso', 'timestamp', 'dd-mm-yyyy', 'dd/mm/yyyy', 'dd.mm.yyyy', 'd-m-yyyy'),
  )
  .map(([date, as]) => {
    let notation = as;
    const y = String(date.getUTCFullYear());
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    const p = (n: number): string => String(n).padStart(2, '0');
    // d-m-yyyy means "no zero padding"; with a two-digit day or month it is dd-mm-yyyy.
    if (notation === 'd-m-yyyy' && (d > 9 || m > 9)) notation = 'dd-mm-yyyy';
    const input =
      notation === 'iso' ? `${y}-${p(m)}-${p(d)}`
      : notation === 'timestamp' ? `${y}-${p(m)}-${p(d)} 13:45:00+01`
      : notation === 'd-m-yyyy' ? `${d}-${m}-${y}`
      : `${p(d)}${notation[2]}${p(m)}${notation[2]}${y}`;
    return { input, notation, year: y };
  });
const dateInput = dateCase.map((c) => c.input);

/** Valid BSNs, canonical form. */
const bsnInput = fc
  .integer({ min: 1, max: 99_999_999 })
  .map((prefix) => {
    const p = String(prefix).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * (p.charCodeAt(i) - 48);
    return sum % 11 === 10 ? null : p + (sum % 11);
  })
  .filter((c): c is string => c !== null);

const nameFrom = (list: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(fc.constantFrom(...list), fc.string({ minLength: 1, maxLength: 30 }));
const initialsInput = fc
  .tuple(fc.array(upper, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([ls, dotted]) => (dotted ? ls.map((l) => `${l}.`).join('') : ls.join('')));
const fullNameInput = fc.oneof(
  fc.tuple(fc.constantFrom(...FIRST_NAMES), fc.constantFrom('', ...TUSSENVOEGSELS), fc.constantFrom(...LAST_NAMES))
    .map(([f, t, l]) => (t ? `${f} ${t} ${l}` : `${f} ${l}`)),
  fc.string({ minLength: 1, maxLength: 40 }),
);
const houseNumberInput = fc
  .tuple(fc.integer({ min: 1, max: 9999 }), fc.constantFrom('', 'A', 'a', '-2', ' bis', ' hs', '-III'))
  .map(([n, s]) => `${n}${s}`);

/** A suitable input generator for every masker whose output must never equal its input. */
const INPUTS: Record<string, fc.Arbitrary<string>> = {
  bsn: bsnInput,
  hash: fc.string({ maxLength: 60 }),
  text: fc.string({ minLength: 1, maxLength: 200 }),
  first_name: nameFrom(FIRST_NAMES),
  last_name: nameFrom(LAST_NAMES),
  initials: initialsInput,
  full_name: fullNameInput,
  birth_date: dateInput,
  email: fc.emailAddress(),
  phone: phoneInput,
  postcode: postcodeInput,
  street: nameFrom(STREETS),
  house_number: houseNumberInput,
  city: nameFrom(CITIES),
  plate: plateInput,
  iban: ibanInput,
  date_shift: dateInput,
  address: fc
    .tuple(fc.constantFrom(...STREETS), fc.integer({ min: 1, max: 400 }), fc.constantFrom('', 'a', '-2', ' bis'), postcodeInput, fc.constantFrom(...CITIES))
    .map(([street, n, suffix, pc, city]) => `${street} ${n}${suffix}, ${pc} ${city}`),
};

// ---------------------------------------------------------------------------------------------
// Contract: every masker that must not leak its input
// ---------------------------------------------------------------------------------------------

describe('maskers with outputMayEqualInput: false', () => {
  const mustChange = MASKERS.filter((m) => !m.outputMayEqualInput).map((m) => m.name);

  it('all have an input generator in this file (a new masker needs one)', () => {
    expect(Object.keys(INPUTS).sort()).toEqual([...mustChange].sort());
  });

  for (const name of mustChange) {
    const arb = INPUTS[name] ?? fc.string();
    test.prop([arb, fc.string({ minLength: 1, maxLength: 8 })])(`${name}: output differs from the input and is deterministic`, (input, rowKey) => {
      const m = maskerFor(name);
      const r = row(rowKey);
      const out = m.mask(input, r);
      expect(out).not.toBe(input);
      expect(m.mask(input, r)).toBe(out);
      expect(maskerFor(name).mask(input, r)).toBe(out);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Per masker
// ---------------------------------------------------------------------------------------------

describe('iban', () => {
  test.prop([ibanInput])('output is a valid NL IBAN (mod-97) with bank code ZZZZ by default', (input) => {
    const out = maskerFor('iban').apply(input)!;
    expect(isNlIban(out)).toBe(true);
    expect(compact(out).slice(4, 8)).toBe('ZZZZ');
  });

  test.prop([ibanInput])('keeps grouping with spaces when the input had spaces, compact otherwise', (input) => {
    const out = maskerFor('iban').apply(input)!;
    if (input.includes(' ')) expect(out).toMatch(/^NL\d{2} ZZZZ \d{4} \d{4} \d{2}$/);
    else expect(out).toMatch(/^NL\d{2}ZZZZ\d{10}$/);
  });

  test.prop([ibanInput, fc.constantFrom('ZZZZ', 'XXXX', 'QQQQ')])('uses a configured fake bank code', (input, code) => {
    const out = maskerFor('iban', { bank: code }).apply(input)!;
    expect(isNlIban(out)).toBe(true);
    expect(compact(out).slice(4, 8)).toBe(code);
  });

  it('rejects a bank code that is not 4 uppercase letters, or that belongs to a real bank', () => {
    const schema = maskerFor('iban').def.params;
    for (const bank of ['zzzz', 'ZZZ1', 'ABNA', 'RABO', 'KEEP']) expect(schema.safeParse({ bank }).success, bank).toBe(false);
    expect(schema.safeParse({ bank: 'keep' }).success).toBe(true);
  });

  it('the §3.4 examples map to valid IBANs, printed and compact notation alike', () => {
    const { apply } = maskerFor('iban');
    const a = apply('NL91ABNA0417164300')!;
    const b = apply('NL91 ABNA 0417 1643 00')!;
    expect(isNlIban(a)).toBe(true);
    expect(b).toBe(printed(a));
  });

  // Without a pool, accounts drawn from 10^10 values collide by the birthday bound (~50% at ~118k
  // distinct IBANs); this pair collided under the test key. On a unique column the pool keeps it apart.
  it('keeps distinct IBANs distinct on a unique column (regression pair)', () => {
    const { apply, def } = maskerFor('iban', {}, { unique: true });
    const collide = apply('NL55ABNA0000075909') === apply('NL07ABNA0000091226');
    expect(def.preservesUniqueness && collide).toBe(false);
  });
});

describe('plate', () => {
  const SC11 = /^[BDFGHJKLMNPRSTVWXZ]{3}-?\d{2}-?[BDFGHJKLMNPRSTVWXZ]$/;
  const BLACKLIST = ['SS', 'SD', 'SA', 'SP', 'GVD', 'KKK', 'KVT', 'LPF', 'NSB', 'PKK', 'PSV', 'TBS', 'PVV', 'SGP', 'VVD', 'BBB', 'FVD'];

  test.prop([plateInput])('output is sidecode 11 (XXX-99-X) and avoids the blacklist per letter group', (input) => {
    const out = maskerFor('plate').apply(input)!;
    expect(out).toMatch(SC11);
    const c = out.replace(/-/g, '');
    for (const group of [c.slice(0, 3), c.slice(5)]) {
      for (const bad of BLACKLIST) expect(group).not.toContain(bad);
    }
    // Passenger cars in series 11 start with GHJKNPRSXZ (no L, T); digits are never 00 (§2.3).
    expect(c[0]).toMatch(/[GHJKNPRSXZ]/);
    expect(c.slice(3, 5)).not.toBe('00');
  });

  test.prop([plateInput])('keeps the dashed or compact style', (input) => {
    const out = maskerFor('plate').apply(input)!;
    expect(out.includes('-')).toBe(input.includes('-'));
    if (input.includes('-')) expect(out).toMatch(/^[A-Z]{3}-\d{2}-[A-Z]$/);
  });

  test.prop([plateInput])('every notation of one plate gets the same fake letters and digits', (input) => {
    const { apply } = maskerFor('plate');
    expect(apply(input.replace(/-/g, ''))!.replace(/-/g, '')).toBe(apply(input)!.replace(/-/g, ''));
  });
});

describe('postcode', () => {
  test.prop([postcodeInput])('keeps the PC4, the spacing and the letter case by default', (input) => {
    const out = maskerFor('postcode').apply(input)!;
    expect(out.slice(0, 4)).toBe(input.slice(0, 4));
    expect(out.length).toBe(input.length);
    expect(out.includes(' ')).toBe(input.includes(' '));
    const letters = out.slice(-2);
    expect(letters === letters.toLowerCase()).toBe(input.slice(-2) === input.slice(-2).toLowerCase());
  });

  test.prop([postcodeInput, fc.constantFrom('same-pc4', 'fake')])('never produces SA, SD or SS and stays a valid postcode', (input, mode) => {
    const out = maskerFor('postcode', { mode }).apply(input)!;
    expect(out.toUpperCase()).toMatch(/^[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}$/);
  });

  test.prop([postcodeInput])('mode fake keeps the spacing and yields PC4 1000–9999', (input) => {
    const out = maskerFor('postcode', { mode: 'fake' }).apply(input)!;
    expect(out.includes(' ')).toBe(input.includes(' '));
    const pc4 = Number(out.slice(0, 4));
    expect(pc4).toBeGreaterThanOrEqual(1000);
    expect(pc4).toBeLessThanOrEqual(9999);
  });

  it('keeps leading and trailing whitespace', () => {
    expect(maskerFor('postcode').apply(' 1011 AB ')).toMatch(/^ 1011 [A-Z]{2} $/);
  });

  it('throws on a value that is not a postcode (fails the run rather than passing it through)', () => {
    expect(() => maskerFor('postcode').apply('Kerkstraat 1')).toThrow();
  });
});

describe('phone', () => {
  test.prop([phoneCase])('keeps every separator and the 06 / +31 6 / area-code prefix', ({ prefix, input }) => {
    const out = maskerFor('phone').apply(input)!;
    expect(out.replace(/\d/g, '9')).toBe(input.replace(/\d/g, '9'));
    expect(out.startsWith(prefix)).toBe(true);
  });
});

describe('email', () => {
  test.prop([fc.emailAddress()])('ends with @example.com by default and has a name-based local part', (input) => {
    const out = maskerFor('email').apply(input)!;
    expect(out.endsWith('@example.com')).toBe(true);
    expect(out).toMatch(/^[a-z]+\.[a-z]+\.[0-9a-z]+@example\.com$/);
  });

  test.prop([fc.emailAddress(), fc.constantFrom('example.org', 'example.net', 'acme.test', 'mail.example', 'x.invalid')])(
    'uses a configured reserved domain',
    (input, domain) => {
      expect(maskerFor('email', { domain }).apply(input)!.endsWith(`@${domain}`)).toBe(true);
    },
  );

  it('rejects a non-reserved domain in params', () => {
    const schema = maskerFor('email').def.params;
    for (const domain of ['gmail.com', 'example.com.evil.nl', 'bedrijf.nl', 'test.nl', 'exampleXcom']) {
      expect(schema.safeParse({ domain }).success, domain).toBe(false);
    }
  });

  // A unique text column may hold both spellings (PostgreSQL text comparison is case-sensitive);
  // keying the PRF on the lowercased value made both rows one fake and broke the key on restore.
  it('keeps addresses that differ only in case distinct on a unique column', () => {
    const { apply, def } = maskerFor('email', {}, { unique: true });
    const collide = apply('Jan.Jansen@bedrijf.nl') === apply('jan.jansen@bedrijf.nl');
    expect(def.preservesUniqueness && collide).toBe(false);
  });
});

describe('birth_date', () => {
  /** y-m-d of an output in the notation of its input. */
  function parts(out: string, notation: DateNotation): [number, number, number] {
    if (notation === 'iso' || notation === 'timestamp') {
      const [y, m, d] = out.slice(0, 10).split('-').map(Number);
      return [y!, m!, d!];
    }
    const [d, m, y] = out.split(/[-/.]/).map(Number);
    return [y!, m!, d!];
  }
  const isRealDate = (y: number, m: number, d: number): boolean => {
    const dt = new Date(Date.UTC(2000, 0, 1));
    dt.setUTCFullYear(y, m - 1, d);
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  };

  test.prop([dateCase])('keeps the year, returns a real date, differs from the input, keeps the notation', ({ input, notation, year }) => {
    const out = maskerFor('birth_date').apply(input)!;
    expect(out).not.toBe(input);
    const [y, m, d] = parts(out, notation);
    expect(String(y)).toBe(year);
    expect(isRealDate(y, m, d)).toBe(true);
    const shape: Record<DateNotation, RegExp> = {
      iso: /^\d{4}-\d{2}-\d{2}$/,
      timestamp: /^\d{4}-\d{2}-\d{2} 13:45:00\+01$/,
      'dd-mm-yyyy': /^\d{2}-\d{2}-\d{4}$/,
      'dd/mm/yyyy': /^\d{2}\/\d{2}\/\d{4}$/,
      'dd.mm.yyyy': /^\d{2}\.\d{2}\.\d{4}$/,
      'd-m-yyyy': /^[1-9]\d?-[1-9]\d?-\d{4}$/,
    };
    expect(out).toMatch(shape[notation]);
  });

  test.prop([fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })])(
    'ISO and Dutch notation of one date get the same fake date',
    (date) => {
      const iso = date.toISOString().slice(0, 10);
      const [y, m, d] = iso.split('-');
      const { apply } = maskerFor('birth_date');
      const a = apply(iso)!;
      expect(apply(`${d}-${m}-${y}`)).toBe(`${a.slice(8, 10)}-${a.slice(5, 7)}-${a.slice(0, 4)}`);
    },
  );

  it('handles 29 February', () => {
    const { apply } = maskerFor('birth_date');
    expect(apply('2024-02-29')).toMatch(/^2024-\d{2}-\d{2}$/);
    expect(apply('2024-02-29')).not.toBe('2024-02-29');
  });

  it('throws on a value in an unsupported notation', () => {
    expect(() => maskerFor('birth_date').apply('17/mei/1980 ergens')).toThrow();
  });

  // PostgreSQL renders BC dates as "0004-01-09 BC"; 4 BC is astronomical year -3, not a leap year,
  // so 0004-02-29 BC does not exist and PostgreSQL would reject it on restore.
  it('never emits a non-existent BC date (0004-01-09 BC → 0004-02-29 BC under the test key)', () => {
    expect(maskerFor('birth_date').apply('0004-01-09 BC')).not.toBe('0004-02-29 BC');
  });
});

describe('hash', () => {
  test.prop([fc.string(), fc.integer({ min: 16, max: 64 })])('is lowercase hex of the requested length', (input, length) => {
    expect(maskerFor('hash', { length }).apply(input)).toMatch(new RegExp(`^[0-9a-f]{${length}}$`));
  });

  test.prop([fc.string()])('defaults to 16 hex digits and puts the prefix in front', (input) => {
    expect(maskerFor('hash').apply(input)).toMatch(/^[0-9a-f]{16}$/);
    expect(maskerFor('hash', { prefix: 'p_' }).apply(input)).toMatch(/^p_[0-9a-f]{16}$/);
  });

  test.prop([fc.string(), fc.string({ minLength: 1 }), fc.string({ minLength: 1 })])('differs across keys', (input, k1, k2) => {
    fc.pre(k1 !== k2);
    expect(maskerFor('hash', {}, {}, k1).apply(input)).not.toBe(maskerFor('hash', {}, {}, k2).apply(input));
  });

  test.prop([fc.uniqueArray(fc.string(), { minLength: 2, maxLength: 100 })])('distinct inputs give distinct 16-digit outputs', (inputs) => {
    const { apply } = maskerFor('hash');
    expect(new Set(inputs.map((v) => apply(v))).size).toBe(inputs.length);
  });

  // 8 hex digits (32 bits) collided at ~77k rows (user20451 and user32686 → 886f6d97); 16 hex
  // digits keep the preservesUniqueness claim honest (~3e-8 collision chance at a million rows).
  it('rejects lengths outside 16–64', () => {
    const schema = maskerFor('hash').def.params;
    expect(schema.safeParse({ length: 8 }).success).toBe(false);
    expect(schema.safeParse({ length: 15 }).success).toBe(false);
    expect(schema.safeParse({ length: 65 }).success).toBe(false);
  });
});

describe('text', () => {
  test.prop([fc.string({ minLength: 1, maxLength: 300 })])('output is no longer than the input (one more only when it would equal it) and has no digits', (input) => {
    const out = maskerFor('text').apply(input)!;
    expect(out.length <= input.length || out === `${input}.`).toBe(true);
    expect(out).not.toMatch(/\d/);
    expect(out).not.toBe(input);
  });

  test.prop([fc.string({ minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 50 })])('respects maxLength', (input, maxLength) => {
    const out = maskerFor('text', { maxLength }).apply(input)!;
    expect(out.length).toBeLessThanOrEqual(Math.min(input.length, maxLength) + 1);
  });

  it('does not copy digits or words from the input', () => {
    const out = maskerFor('text').apply('Patiënt Jan Jansen, BSN 111222333, belt 06-12345678 over zijn diabetes.')!;
    expect(out).not.toMatch(/\d|Jansen|diabetes|Patiënt/);
  });
});

describe('health, fixed, null, keep', () => {
  test.prop([fc.string()])('health returns the placeholder by default, null in mode null, or the configured text', (input) => {
    expect(maskerFor('health').apply(input)).toBe('[gezondheidsgegevens verwijderd]');
    expect(maskerFor('health', { mode: 'null' }).apply(input)).toBeNull();
    expect(maskerFor('health', { text: 'n.v.t.' }).apply(input)).toBe('n.v.t.');
  });

  test.prop([fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())])('fixed returns the constant as text', (input, value) => {
    expect(maskerFor('fixed', { value }).apply(input)).toBe(String(value));
  });

  test.prop([fc.string()])('null returns null', (input) => {
    expect(maskerFor('null').apply(input)).toBeNull();
  });

  test.prop([fc.string()])('keep returns the input', (input) => {
    expect(maskerFor('keep').apply(input)).toBe(input);
    expect(maskerFor('keep', { reason: 'no personal data' }).apply(input)).toBe(input);
  });
});

// List membership, gender, tussenvoegsel shapes and the row-sampled maskers have their own files
// (names-address.test.ts, dates-categorical-health.test.ts); these are cross-cutting regressions.
describe('names and places', () => {
  // These maskers key the PRF on normalize(value).toLowerCase(), so every spelling of a name gets
  // the same draws, but unlike() only rejects a draw that equals the raw input. "ALMERE" thus comes
  // out as "Almere": the real value in another case, which an exact-match leak check misses.
  const spelledDifferently = (list: readonly string[]): fc.Arbitrary<string> =>
    fc.tuple(fc.constantFrom(...list), fc.constantFrom('upper', 'lower', 'padded')).map(([v, how]) =>
      how === 'upper' ? v.toUpperCase() : how === 'lower' ? v.toLowerCase() : `  ${v} `);
  const canon = (v: string): string => v.trim().replace(/\s+/g, ' ').toLowerCase();
  const LISTS: [masker: string, list: readonly string[]][] = [
    ['city', CITIES], ['street', STREETS], ['first_name', FIRST_NAMES], ['last_name', LAST_NAMES],
  ];
  for (const [name, list] of LISTS) {
    test.prop([spelledDifferently(list)])(`${name}: the fake is not the input in another case or spacing`, (input) => {
      expect(canon(maskerFor(name).apply(input)!)).not.toBe(canon(input));
    });
  }

  it('full_name: the fake is not the input in another case (regression: "wouter heuvel" under the test key)', () => {
    expect(canon(maskerFor('full_name').apply('wouter heuvel')!)).not.toBe('wouter heuvel');
  });

  test.prop([initialsInput])('initials keep the count and the dotted style', (input) => {
    const out = maskerFor('initials').apply(input)!;
    const count = (input.match(/\p{L}/gu) ?? []).length;
    expect(out).toMatch(input.includes('.') ? new RegExp(`^(?:[A-Z]\\.){${count}}$`) : new RegExp(`^[A-Z]{${count}}$`));
  });

  test.prop([fc.constantFrom(...TUSSENVOEGSELS), fc.string({ minLength: 1, maxLength: 8 })])('tussenvoegsel picks from TUSSENVOEGSELS', (input, key) => {
    const { mask } = maskerFor('tussenvoegsel');
    expect(TUSSENVOEGSELS).toContain(mask(input, row(key)));
    expect(mask(input, row(key))).toBe(mask(input, row(key)));
  });
});

describe('bsn (validity through the generic helper)', () => {
  test.prop([bsnInput])('output passes the elfproef', (input) => {
    expect(isBsn(maskerFor('bsn').apply(input)!)).toBe(true);
  });
});

describe('registry', () => {
  it('has unique names and every masker is registered under its name', () => {
    const names = MASKERS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(maskerRegistry.size).toBe(names.length);
    for (const m of MASKERS) expect(maskerRegistry.get(m.name)).toBe(m);
  });

  it('rejects duplicate names', () => {
    expect(() => buildRegistry([MASKERS[0]!, MASKERS[0]!])).toThrow(/duplicate masker name/);
  });

  /** The least options each masker needs; all others work with none. */
  const REQUIRED: Record<string, Record<string, unknown>> = {
    fixed: { value: 'x' },
    faker: { method: 'company.name' },
    json: { paths: { '$.naam': 'first_name' } },
  };

  it('every params schema accepts {} except those that need an option', () => {
    for (const m of MASKERS) {
      expect(m.params.safeParse({}).success, m.name).toBe(!(m.name in REQUIRED));
      if (m.name in REQUIRED) expect(m.params.safeParse(REQUIRED[m.name]).success, m.name).toBe(true);
    }
  });

  it('every params schema is strict: an unknown option is rejected', () => {
    for (const m of MASKERS) {
      const base = REQUIRED[m.name] ?? {};
      expect(m.params.safeParse({ ...base, notAnOption: 1 }).success, m.name).toBe(false);
    }
  });

  it('every masker has a summary and a non-empty list of column kinds', () => {
    for (const m of MASKERS) {
      expect(m.summary.length, m.name).toBeGreaterThan(0);
      if (m.columnKinds !== 'any') expect(m.columnKinds.length, m.name).toBeGreaterThan(0);
    }
  });
});

describe('docs/maskers.md', () => {
  it('documents every registered masker under its own heading', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/maskers.md', import.meta.url), 'utf8');
    for (const m of MASKERS) expect(doc, m.name).toMatch(new RegExp(`^###+ \`${m.name}\``, 'm'));
  });
});

describe('generator ranges (verification layer L6)', () => {
  const RANGED: [masker: string, params: Record<string, unknown>, outside: string][] = [
    ['bsn', {}, '999990019'],
    ['bsn', { mode: 'rvig-test' }, '005135266'],
    ['bsn', { mode: 'invalid' }, '999990019'],
    ['email', {}, 'jan.jansen@voorbeeldmail.nl'],
    ['email', { domain: 'acme.test' }, 'jan@example.com'],
    ['iban', {}, 'NL91ABNA0417164300'],
  ];
  for (const [name, params, outside] of RANGED) {
    test.prop([INPUTS[name]!])(`${name} ${JSON.stringify(params)}: every output is in its range, a real value is not`, (input) => {
      const m = maskerFor(name, params);
      const inRange = m.def.generatorRange!(m.params as never)!;
      expect(inRange(m.apply(input)!)).toBe(true);
      expect(inRange(outside)).toBe(false);
    });
  }

  it('has no range where the masker writes anything valid (format-preserving BSN, kept bank code)', () => {
    expect(definition('bsn').generatorRange!({ mode: 'format-preserving' } as never)).toBeNull();
    expect(definition('iban').generatorRange!({ bank: 'keep' } as never)).toBeNull();
  });
});
