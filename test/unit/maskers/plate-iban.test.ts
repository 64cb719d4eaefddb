// The plate (dutch-pii.md §2.3) and iban (§3.3) maskers: validity through the detectors' own
// validators, determinism, key dependence, never-the-input, notation, uniqueness, options.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ibanCompact, isValidIban, isValidNlIban } from '../../../src/detectors/iban.js';
import {
  compactPlateSidecode,
  hasNeverIssuedGroup,
  isNeverIssuedGroup,
  parsePlate,
  PLATE_LAYOUTS,
  PLATE_LETTERS_HISTORIC,
  PLATE_LETTERS_MODERN,
  plateSidecode,
} from '../../../src/detectors/plate.js';
import { compact } from '../../../src/keyed/canonicalize.js';
import { NL_BANKS } from '../../../src/maskers/data/nl-banks.js';
import type { UniquePool } from '../../../src/maskers/unique-pool.js';
import { maskerFor } from './support.js';

const OTHER_KEY = 'another-secret-key';

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** A plate of sidecode `sc` from six letters and six digits, in notation `sep` ('' compact). */
function plateOf(sc: number, letters: string, digits: string, sep: string): string {
  const { mask, dashes: [a, b] } = PLATE_LAYOUTS[sc - 1]!;
  const c = [...mask].map((k, i) => (k === 'X' ? letters[i]! : digits[i]!)).join('');
  return sep === '' ? c : `${c.slice(0, a)}${sep}${c.slice(a, b)}${sep}${c.slice(b)}`;
}

/** Valid plates of every sidecode (strict alphabets), dashed, spaced or compact, upper- or lowercase. */
const plateCase = fc
  .tuple(
    fc.integer({ min: 1, max: 14 }),
    fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 6, maxLength: 6 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }),
    fc.constantFrom('-', ' ', ''),
    fc.boolean(),
  )
  .map(([sc, ls, ds, sep, lower]) => {
    const alphabet = sc <= 3 ? PLATE_LETTERS_HISTORIC : PLATE_LETTERS_MODERN;
    const p = plateOf(sc, ls.map((i) => alphabet[i % alphabet.length]!).join(''), ds.join(''), sep);
    return { sc, sep, lower, input: lower ? p.toLowerCase() : p };
  });
const plateInput = plateCase.map((c) => c.input);

/** Sidecode-11 plates, the ones mode `current` could give back unchanged. */
const sc11Input = fc
  .tuple(fc.array(fc.constantFrom(...PLATE_LETTERS_MODERN), { minLength: 6, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }))
  .map(([ls, ds]) => plateOf(11, ls.join(''), ds.join(''), '-'));

const SC11_DASHED = /^[A-Z]{3}-\d{2}-[A-Z]$/;

const mod97 = (s: string): number => [...s].reduce((r, ch) => {
  const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
  return [...v].reduce((q, d) => (q * 10 + Number(d)) % 97, r);
}, 0);
/** The §3.2 reference nlIban, written independently of the code under test. */
const refIban = (cc: string, bban: string): string => `${cc}${String(98 - mod97(`${bban}${cc}00`)).padStart(2, '0')}${bban}`;
const printed = (i: string): string => i.replace(/(.{4})(?=.)/g, '$1 ');

const upperLetters = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const digitString = (n: number): fc.Arbitrary<string> => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** Valid NL IBANs with any bank code (real ones included), compact or printed, upper- or lowercase. */
const nlIbanCase = fc
  .tuple(fc.oneof(fc.constantFrom(...NL_BANKS.keys()), fc.array(upperLetters, { minLength: 4, maxLength: 4 }).map((l) => l.join(''))), digitString(10), fc.boolean(), fc.boolean())
  .map(([bank, acct, spaced, lower]) => {
    const i = refIban('NL', bank + acct);
    const s = spaced ? printed(i) : i;
    return { bank, spaced, lower, input: lower ? s.toLowerCase() : s };
  });
const nlIbanInput = nlIbanCase.map((c) => c.input);

/** Foreign IBANs with a valid check: German (18 digits) and British (4 letters + 14 digits) layouts. */
const foreignIbanInput = fc.oneof(
  digitString(18).map((d) => refIban('DE', d)),
  fc.tuple(fc.array(upperLetters, { minLength: 4, maxLength: 4 }), digitString(14)).map(([l, d]) => refIban('GB', l.join('') + d)),
);

/** A 9- or 10-digit pre-2020 account number that passes the 11-test. */
const legacyAccountInput = fc
  .tuple(fc.constantFrom(9, 10), digitString(9))
  .map(([n, d]) => {
    const head = d.slice(0, n - 1);
    let sum = 0;
    for (let i = 0; i < n - 1; i++) sum += (n - i) * Number(head[i]);
    const last = (11 - (sum % 11)) % 11;
    return last === 10 ? null : head + String(last);
  })
  .filter((s): s is string => s !== null);
const passesElfproef = (d: string): boolean => [...d].reduce((s, c, i) => s + (d.length - i) * Number(c), 0) % 11 === 0;

/** The letter/digit class pattern of a compact string (`A` letter, `9` digit). */
const classes = (s: string): string => s.replace(/[A-Za-z]/g, 'A').replace(/\d/g, '9');

// ---------------------------------------------------------------------------------------------
// plate
// ---------------------------------------------------------------------------------------------

describe('plate', () => {
  test.prop([plateInput])('mode current: a valid sidecode-11 passenger-car plate, no never-issued group', (input) => {
    const out = maskerFor('plate').apply(input)!;
    const parsed = parsePlate(out);
    expect(parsed?.sidecode).toBe(11);
    expect(hasNeverIssuedGroup(parsed!.compact, 11)).toBe(false);
    expect('GHJKNPRSXZ').toContain(parsed!.compact[0]);
    expect(parsed!.compact).toMatch(/^[BDFGHJKLNPRSTVXZ]{3}\d{2}[BDFGHJKLNPRSTVXZ]$/);
    expect(parsed!.compact.slice(3, 5)).not.toBe('00');
  });

  test.prop([plateCase])('mode preserve-sidecode: same sidecode as the input, valid, no never-issued group, no all-zero digit group', ({ sc, input }) => {
    const out = maskerFor('plate', { mode: 'preserve-sidecode' }).apply(input)!;
    const parsed = parsePlate(out);
    expect(parsed?.sidecode).toBe(sc);
    expect(hasNeverIssuedGroup(parsed!.compact, sc)).toBe(false);
    const [a, b] = PLATE_LAYOUTS[sc - 1]!.dashes;
    for (const group of [parsed!.compact.slice(0, a), parsed!.compact.slice(a, b), parsed!.compact.slice(b)]) expect(group).not.toMatch(/^0+$/);
  });

  test.prop([plateCase, fc.constantFrom('current', 'preserve-sidecode')])('keeps separator (at the output sidecode\'s positions), case and surrounding whitespace', ({ sep, lower, input }, mode) => {
    const { apply } = maskerFor('plate', { mode });
    const out = apply(input)!;
    const parsed = parsePlate(out)!;
    expect(parsed.separator).toBe(sep);
    expect(out).toBe(lower ? out.toLowerCase() : out.toUpperCase());
    expect(apply(`  ${input}\t`)).toBe(`  ${out}\t`);
  });

  test.prop([plateInput, fc.constantFrom('current', 'preserve-sidecode')])('deterministic across fresh contexts; every notation of one plate gets the same fake', (input, mode) => {
    const a = maskerFor('plate', { mode }).apply(input)!;
    expect(maskerFor('plate', { mode }).apply(input)).toBe(a);
    const compactIn = input.replace(/[- ]/g, '').toUpperCase();
    expect(maskerFor('plate', { mode }).apply(compactIn)).toBe(a.replace(/[- ]/g, '').toUpperCase());
  });

  test.prop([fc.oneof(plateInput, sc11Input), fc.constantFrom('current', 'preserve-sidecode')], { numRuns: 2000 })('never returns its input, in any notation', (input, mode) => {
    const out = maskerFor('plate', { mode }).apply(input)!;
    expect(out.replace(/[- ]/g, '').toUpperCase()).not.toBe(input.replace(/[- ]/g, '').toUpperCase());
  });

  it('never returns its input even when the keyed draw hits it (every SC11 plate of one letter set)', () => {
    // 99 digit pairs × 16 last letters of "GBB": a draw equal to the input is redrawn, not returned.
    const { apply } = maskerFor('plate');
    for (let n = 1; n <= 99; n++) {
      for (const l of 'BDFGHJKLNPRSTVXZ') {
        const input = `GBB-${String(n).padStart(2, '0')}-${l}`;
        expect(apply(input)).not.toBe(input);
      }
    }
  });

  it('depends on the key: another key gives another plate for nearly every input', () => {
    const a = maskerFor('plate');
    const b = maskerFor('plate', {}, {}, OTHER_KEY);
    const inputs = fc.sample(plateInput, { numRuns: 500, seed: 7 });
    const same = inputs.filter((i) => a.apply(i) === b.apply(i)).length;
    expect(same).toBeLessThanOrEqual(2);
  });

  test.prop([fc.string({ maxLength: 20 })])('a value that is not a plate still gets a valid sidecode-11 plate, deterministically, never itself', (input) => {
    fc.pre(input.trim() !== '');
    const out = maskerFor('plate', { mode: 'preserve-sidecode' }).apply(input)!;
    expect(maskerFor('plate', { mode: 'preserve-sidecode' }).apply(input)).toBe(out);
    const plateText = out.trim();
    expect(plateSidecode(plateText)).toBe(compactPlateSidecode(compact(input)) || 11);
    expect(plateText.toUpperCase()).not.toBe(input.trim().toUpperCase());
  });

  it('keeps an empty or blank value as it is', () => {
    const { apply } = maskerFor('plate');
    expect(apply('')).toBe('');
    expect(apply('   ')).toBe('');
  });

  it('writes compact plates into a column too short for dashes, and refuses one too short for any plate', () => {
    expect(maskerFor('plate', {}, { sqlType: 'character varying(6)' }).apply('HKR-23-B')).toMatch(/^[A-Z]{3}\d{2}[A-Z]$/);
    expect(maskerFor('plate', {}, { sqlType: 'character varying(8)' }).apply('HKR-23-B')).toMatch(SC11_DASHED);
    expect(() => maskerFor('plate', {}, { sqlType: 'character varying(5)' }).apply('HKR-23-B')).toThrow(/cannot fit a plate/);
  });

  it('maps 100,000 distinct plates to 100,000 distinct plates when the column is unique (and repeats to their first answer)', () => {
    const { apply } = maskerFor('plate', {}, { unique: true });
    const seen = new Set<string>();
    const inputs: string[] = [];
    const L = PLATE_LETTERS_MODERN;
    for (let i = 0; inputs.length < 100_000; i++) {
      // Sidecode 9 (XX-999-X): 18·18·18·999 distinct inputs, none of them sidecode 11.
      inputs.push(`${L[i % 18]}${L[Math.floor(i / 18) % 18]}-${String(Math.floor(i / 324) % 999 + 1).padStart(3, '0')}-${L[Math.floor(i / 323_676) % 18]}`);
    }
    for (const input of inputs) seen.add(apply(input)!);
    expect(seen.size).toBe(100_000);
    expect(apply(inputs[0]!)).toBe(apply(inputs[0]!));
    expect(apply(inputs[99_999]!.replace(/-/g, ''))).toBe(apply(inputs[99_999]!)!.replace(/-/g, ''));
  });

  it('keeps distinct inputs distinct per sidecode in mode preserve-sidecode (sidecode 13, 100,000 inputs)', () => {
    const { apply } = maskerFor('plate', { mode: 'preserve-sidecode' }, { unique: true });
    const seen = new Set<string>();
    const L = PLATE_LETTERS_MODERN;
    for (let i = 0; i < 100_000; i++) {
      const input = `${i % 10}-${L[Math.floor(i / 10) % 18]}${L[Math.floor(i / 180) % 18]}-${String(Math.floor(i / 3240)).padStart(3, '0')}`;
      const out = apply(input)!;
      expect(plateSidecode(out)).toBe(13);
      seen.add(out);
    }
    expect(seen.size).toBe(100_000);
  });

  it('caps each unique pool at half of its output space (sidecode 11: counted here independently)', () => {
    const { apply, ctx } = maskerFor('plate', {}, { unique: true });
    apply('HKR-23-B');
    let groups = 0;
    for (const a of 'GHJKNPRSXZ') for (const b of 'BDFGHJKLNPRSTVXZ') for (const c of 'BDFGHJKLNPRSTVXZ') if (!isNeverIssuedGroup(a + b + c)) groups++;
    const space = groups * 99 * 16;
    const pool = ctx.shared<UniquePool>('unique-pool:maskgate/nl-kenteken/current/v1/sc11', () => { throw new Error('pool missing'); });
    const capacity = (pool as unknown as { capacity: number }).capacity;
    expect(capacity).toBeLessThanOrEqual(space / 2);
    expect(capacity).toBeGreaterThan(space / 2 - 1);
  });

  it('rejects unknown modes and unknown options', () => {
    const schema = maskerFor('plate').def.params;
    expect(schema.safeParse({ mode: 'marked' }).success).toBe(false);
    expect(schema.safeParse({ sidecode: 11 }).success).toBe(false);
    expect(schema.parse({})).toEqual({ mode: 'current' });
  });
});

// ---------------------------------------------------------------------------------------------
// iban
// ---------------------------------------------------------------------------------------------

describe('iban', () => {
  test.prop([nlIbanInput])('default: a mod-97 valid NL IBAN with the fake bank code ZZZZ', (input) => {
    const out = maskerFor('iban').apply(input)!;
    expect(isValidNlIban(out)).toBe(true);
    expect(ibanCompact(out).slice(4, 8)).toBe('ZZZZ');
  });

  test.prop([nlIbanCase])('bank: keep keeps the real bank code with a fake account, mod-97 valid', ({ bank, input }) => {
    const out = maskerFor('iban', { bank: 'keep' }).apply(input)!;
    expect(isValidNlIban(out)).toBe(true);
    expect(ibanCompact(out).slice(4, 8)).toBe(bank);
    expect(ibanCompact(out).slice(8)).not.toBe(ibanCompact(input).slice(8));
  });

  test.prop([nlIbanInput, fc.array(fc.constantFrom(...'QXYZ'), { minLength: 4, maxLength: 4 })])('uses a configured fake bank code', (input, letters) => {
    const code = letters.join('');
    fc.pre(!NL_BANKS.has(code));
    const out = maskerFor('iban', { bank: code }).apply(input)!;
    expect(isValidNlIban(out)).toBe(true);
    expect(ibanCompact(out).slice(4, 8)).toBe(code);
  });

  test.prop([nlIbanCase, fc.constantFrom('ZZZZ', 'keep')])('keeps spacing, grouping, case and surrounding whitespace', ({ spaced, lower, input }, bank) => {
    const { apply } = maskerFor('iban', { bank });
    const out = apply(input)!;
    expect(out).toMatch(spaced ? /^[A-Za-z]{2}\d{2} [A-Za-z]{4} \d{4} \d{4} \d{2}$/ : /^[A-Za-z]{2}\d{2}[A-Za-z]{4}\d{10}$/);
    expect(out).toBe(lower ? out.toLowerCase() : out.toUpperCase());
    expect(apply(` ${input}  `)).toBe(` ${out}  `);
    const irregular = ibanCompact(input).replace(/^(.{4})(.{4})/, '$1 $2 ');
    expect(apply(irregular)).toBe(ibanCompact(out).toUpperCase().replace(/^(.{4})(.{4})/, '$1 $2 '));
  });

  test.prop([fc.oneof(nlIbanInput, foreignIbanInput, legacyAccountInput), fc.constantFrom('ZZZZ', 'keep')])('deterministic across fresh contexts; printed and compact notation give the same fake', (input, bank) => {
    const a = maskerFor('iban', { bank }).apply(input)!;
    expect(maskerFor('iban', { bank }).apply(input)).toBe(a);
    expect(maskerFor('iban', { bank }).apply(printed(ibanCompact(input)))).toBe(printed(ibanCompact(a)));
  });

  test.prop([fc.oneof(nlIbanInput, foreignIbanInput, legacyAccountInput, fc.string({ minLength: 1, maxLength: 30 })), fc.constantFrom('ZZZZ', 'keep')], { numRuns: 2000 })('never returns its input', (input, bank) => {
    fc.pre(input.trim() !== '');
    const out = maskerFor('iban', { bank }).apply(input)!;
    expect(ibanCompact(out)).not.toBe(ibanCompact(input));
  });

  it('never returns a ZZZZ input unchanged (already-masked data masked again)', () => {
    const { apply } = maskerFor('iban');
    for (const input of ['NL51ZZZZ0123456789', 'NL10ZZZZ0000000001']) expect(apply(input)).not.toBe(input);
  });

  it('depends on the key: another key gives another IBAN for nearly every input', () => {
    const a = maskerFor('iban');
    const b = maskerFor('iban', {}, {}, OTHER_KEY);
    const inputs = fc.sample(nlIbanInput, { numRuns: 500, seed: 11 });
    expect(inputs.filter((i) => a.apply(i) === b.apply(i)).length).toBe(0);
  });

  test.prop([foreignIbanInput])('a foreign IBAN keeps its country, length and letter/digit layout, with a valid check', (input) => {
    const out = maskerFor('iban').apply(input)!;
    expect(isValidIban(out)).toBe(true);
    expect(out.slice(0, 2)).toBe(input.slice(0, 2));
    expect(classes(out.slice(4))).toBe(classes(input.slice(4)));
  });

  test.prop([legacyAccountInput])('a legacy account number that passes the old 11-test gets one that passes it too, same length', (input) => {
    const out = maskerFor('iban').apply(input)!;
    expect(out).toMatch(new RegExp(`^\\d{${input.length}}$`));
    expect(passesElfproef(out)).toBe(true);
  });

  test.prop([fc.string({ minLength: 1, maxLength: 30 })])('anything else keeps its length, layout and case with letters and digits redrawn', (input) => {
    const c = input.trim();
    fc.pre(/[A-Za-z0-9]/.test(c) && !/^[A-Za-z]{2}\d{2}/.test(c.replace(/[\s.\-/]/g, '')) && !/^\d{9,10}$/.test(c));
    const out = maskerFor('iban').apply(input)!;
    expect(out.length).toBe(input.length);
    expect(classes(out)).toBe(classes(input));
  });

  it('a value without letters or digits becomes a fake NL IBAN, or fails closed when the column is too short', () => {
    expect(isValidNlIban(maskerFor('iban').apply('-')!)).toBe(true);
    expect(() => maskerFor('iban', {}, { sqlType: 'character varying(10)' }).apply('?')).toThrow(/cannot fit an IBAN/);
  });

  it('the §3.4 examples map to valid ZZZZ IBANs, printed and compact alike', () => {
    const { apply } = maskerFor('iban');
    const a = apply('NL91ABNA0417164300')!;
    expect(isValidNlIban(a)).toBe(true);
    expect(apply('NL91 ABNA 0417 1643 00')).toBe(printed(a));
    for (const v of ['NL02ABNA0123456789', 'NL44RABO0123456789', 'NL20INGB0001234567', 'NL39RABO0300065264', 'NL10RABO0123456789']) {
      expect(isValidNlIban(apply(v)!)).toBe(true);
    }
  });

  it('keeps an empty or blank value as it is', () => {
    expect(maskerFor('iban').apply('')).toBe('');
    expect(maskerFor('iban').apply(' ')).toBe('');
  });

  it('maps 100,000 distinct IBANs to 100,000 distinct IBANs when the column is unique', () => {
    const { apply } = maskerFor('iban', {}, { unique: true });
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(apply(refIban('NL', `ABNA${String(i * 7919).padStart(10, '0')}`))!);
    expect(seen.size).toBe(100_000);
    // The pair that collided in the placeholder masker stays apart.
    expect(apply('NL55ABNA0000075909')).not.toBe(apply('NL07ABNA0000091226'));
  });

  it('option bank: default ZZZZ; keep; any 4 uppercase letters that are not a real bank code', () => {
    const schema = maskerFor('iban').def.params;
    expect(schema.parse({})).toEqual({ bank: 'ZZZZ' });
    expect(schema.parse({ bank: 'keep' })).toEqual({ bank: 'keep' });
    expect(schema.parse({ bank: 'QQQQ' })).toEqual({ bank: 'QQQQ' });
    expect(NL_BANKS.has('ZZZZ')).toBe(false);
  });

  it('rejects a real bank code as the fake one, naming the bank, and malformed codes', () => {
    const schema = maskerFor('iban').def.params;
    const real = schema.safeParse({ bank: 'ABNA' });
    expect(real.success).toBe(false);
    expect(real.error?.issues[0]?.message).toMatch(/ABNA belongs to a real bank \(ABN AMRO Bank\)/);
    for (const code of [...NL_BANKS.keys()]) expect(schema.safeParse({ bank: code }).success).toBe(false);
    for (const bad of ['zzzz', 'ZZZ1', 'ZZZ', 'ZZZZZ', 'KEEP', 7]) expect(schema.safeParse({ bank: bad }).success).toBe(false);
    expect(schema.safeParse({ bankCode: 'ZZZZ' }).success).toBe(false);
  });
});
