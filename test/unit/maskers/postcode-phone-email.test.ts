import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isReservedEmailDomain, isValidEmail } from '../../../src/detectors/email.js';
import { parseDutchPhone, phoneTypeOfNsn } from '../../../src/detectors/phone.js';
import { isValidPc4, isValidPostcode } from '../../../src/detectors/postcode.js';
import { compact } from '../../../src/keyed/canonicalize.js';
import { email } from '../../../src/maskers/email.js';
import type { ColumnInfo } from '../../../src/db/table-info.js';
import type { MaskerDefinition, MaskFn } from '../../../src/maskers/masker.js';
import { phone } from '../../../src/maskers/phone.js';
import { postcode } from '../../../src/maskers/postcode.js';
import { context, row } from './support.js';

const r = row('1');

/** Builds a masker straight from its definition, as plan-run does, on a fresh context. */
function build(def: MaskerDefinition, opts: Record<string, unknown> = {}, col: Partial<ColumnInfo> = {}, key?: string): MaskFn {
  return def.create(def.params.parse(opts), context(col, key));
}

const digits = (n: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');

// ---------------------------------------------------------------------------------------------
// postcode
// ---------------------------------------------------------------------------------------------

/** Postcodes in every notation the masker accepts (also banned pairs: a typo'd real postcode is still PII). */
const postcodeCase = fc
  .record({
    pc4: fc.integer({ min: 1000, max: 9999 }),
    a: upper,
    b: upper,
    sep: fc.constantFrom('', ' ', '  '),
    caseOf: fc.constantFrom('upper', 'lower', 'mixed'),
    nl: fc.constantFrom('', 'NL-'),
  })
  .map(({ pc4, a, b, sep, caseOf, nl }) => {
    const letters = caseOf === 'upper' ? a + b : caseOf === 'lower' ? (a + b).toLowerCase() : a + b.toLowerCase();
    return { input: `${nl}${pc4}${sep}${letters}`, pc4: String(pc4), sep, letters, nl };
  });

describe('postcode masker', () => {
  test.prop([postcodeCase, fc.constantFrom('same-pc4', 'fake')])('outputs a valid postcode in the input notation, never the input', (c, mode) => {
    const out = build(postcode, { mode })(c.input, r)!;
    expect(isValidPostcode(out)).toBe(true);
    expect(compact(out)).not.toBe(compact(c.input));
    expect(out.length).toBe(c.input.length);
    expect(out.slice(0, c.nl.length)).toBe(c.nl);
    expect(out.slice(c.nl.length + 4, c.nl.length + 4 + c.sep.length)).toBe(c.sep);
    const letters = out.slice(-2);
    for (let i = 0; i < 2; i++) expect(letters[i] === letters[i]!.toLowerCase()).toBe(c.letters[i] === c.letters[i]!.toLowerCase());
    if (mode === 'same-pc4') expect(out.slice(c.nl.length, c.nl.length + 4)).toBe(c.pc4);
  });

  test.prop([postcodeCase, fc.constantFrom('same-pc4', 'fake')])('is deterministic across fresh contexts and keyed', (c, mode) => {
    const out = build(postcode, { mode })(c.input, r);
    expect(build(postcode, { mode })(c.input, r)).toBe(out);
    // Every notation of one postcode maps to the same fake.
    expect(compact(build(postcode, { mode })(c.input.toLowerCase().replace(/\s/g, ''), r)!)).toBe(compact(out!));
  });

  it('depends on the key (same-pc4: 672 letter pairs, so nearly all of 1,000 differ)', () => {
    for (const mode of ['same-pc4', 'fake']) {
      const a = build(postcode, { mode });
      const b = build(postcode, { mode }, {}, 'another-key');
      let same = 0;
      for (let i = 0; i < 1000; i++) {
        const v = `${1000 + i * 7} AB`;
        if (a(v, r) === b(v, r)) same++;
      }
      expect(same, mode).toBeLessThan(mode === 'fake' ? 2 : 10);
    }
  });

  it('keeps surrounding whitespace; empty stays empty; PC4 alone becomes another PC4', () => {
    expect(build(postcode)(' 1011 AB ', r)).toMatch(/^ 1011 [A-Z]{2} $/);
    expect(build(postcode)('', r)).toBe('');
    expect(build(postcode)('   ', r)).toBe('');
    const pc4 = build(postcode)('1011', r)!;
    expect(isValidPc4(pc4) && pc4 !== '1011').toBe(true);
  });

  it('fails on a non-postcode by default, without the value in the message', () => {
    for (const v of ['Kerkstraat 1', '0123 AB', '12345', 'B-1000']) {
      expect(() => build(postcode)(v, r)).toThrow(/not a Dutch postcode/);
      try {
        build(postcode)(v, r);
      } catch (e) {
        expect((e as Error).message).not.toContain(v);
      }
    }
  });

  it('invalid: scramble replaces every letter and digit of a non-postcode, keeping its shape', () => {
    const m = build(postcode, { invalid: 'scramble' });
    for (const v of ['B-1000', '10115', 'SW1A 1AA', '0123 ab']) {
      const out = m(v, r)!;
      expect(out.replace(/[A-Z]/g, 'X').replace(/[a-z]/g, 'x').replace(/\d/g, '9')).toBe(v.replace(/[A-Z]/g, 'X').replace(/[a-z]/g, 'x').replace(/\d/g, '9'));
      expect(compact(out)).not.toBe(compact(v));
      expect(m(v, r)).toBe(out);
    }
    expect(isValidPostcode(m('-', r)!)).toBe(true);
  });

  it('rejects unknown modes and options', () => {
    expect(postcode.params.safeParse({ mode: 'random' }).success).toBe(false);
    expect(postcode.params.safeParse({ invalid: 'keep' }).success).toBe(false);
    expect(postcode.params.safeParse({ foo: 1 }).success).toBe(false);
    expect(postcode.params.parse({})).toEqual({ mode: 'same-pc4', invalid: 'fail' });
  });

  it('fake mode: 100,000 distinct postcodes give 100,000 distinct outputs on a unique column', () => {
    const m = build(postcode, { mode: 'fake' }, { unique: true });
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const v = `${1000 + (i % 9000)} ${String.fromCharCode(65 + Math.floor(i / 9000), 65 + ((i * 7) % 26))}`;
      seen.add(m(v, r)!);
    }
    expect(seen.size).toBe(100_000);
  });

  it('same-pc4 mode stays unique within one PC4 on a unique column', () => {
    const m = build(postcode, {}, { unique: true });
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const out = m(`1011 ${String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))}`, r)!;
      expect(out.startsWith('1011 ')).toBe(true);
      seen.add(out);
    }
    expect(seen.size).toBe(600);
  });
});

// ---------------------------------------------------------------------------------------------
// phone
// ---------------------------------------------------------------------------------------------

type PhoneFormat = { nsn: fc.Arbitrary<string>; format: (n: string) => string; keep: number };
const mobileNsn = fc.tuple(fc.constantFrom(...'123458'), digits(7)).map(([b, d]) => `6${b}${d}`);
const fixed2 = fc.tuple(fc.constantFrom('10', '20', '30', '70', '40', '58'), fc.constantFrom(...'123456789'), digits(6)).map(([a, f, d]) => `${a}${f}${d}`);
const fixed3 = fc.tuple(fc.constantFrom('111', '113', '591', '546', '299', '411'), fc.constantFrom(...'123456789'), digits(5)).map(([a, f, d]) => `${a}${f}${d}`);
const other = fc.tuple(fc.constantFrom('85', '88', '91', '84', '87', '66'), fc.constantFrom(...'123456789'), digits(6)).map(([a, f, d]) => `${a}${f}${d}`);
const service = fc.tuple(fc.constantFrom('800', '900', '906', '909'), digits(4)).map(([a, d]) => `${a}${d}`);

/** Notations of §4.2 and the issue, with how many leading digits (prefix + type) must stay. */
const PHONE_FORMATS: { format: (n: string) => string; extra: number }[] = [
  { format: (n) => `0${n.slice(0, 1)}-${n.slice(1)}`, extra: 1 },
  { format: (n) => `0${n}`, extra: 1 },
  { format: (n) => `0${n.slice(0, 1)} ${n.slice(1, 5)} ${n.slice(5)}`, extra: 1 },
  { format: (n) => `+31 ${n.slice(0, 1)} ${n.slice(1)}`, extra: 2 },
  { format: (n) => `+31 (0)${n.slice(0, 1)} ${n.slice(1)}`, extra: 3 },
  { format: (n) => `0031 ${n.slice(0, 1)} ${n.slice(1)}`, extra: 4 },
  { format: (n) => `+31${n}`, extra: 2 },
  { format: (n) => `(0${n.slice(0, 3)}) ${n.slice(3)}`, extra: 1 },
  { format: (n) => `0${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5, 7)} ${n.slice(7)}`, extra: 1 },
];
const phoneCase = fc
  .tuple(fc.oneof(mobileNsn, fixed2, fixed3, other, service), fc.constantFrom(...PHONE_FORMATS))
  .map(([nsn, f]) => ({ nsn, input: f.format(nsn), extra: f.extra }));

/** NSN digits that identify the type and must survive masking. */
function typePrefix(nsn: string): string {
  const p = parseDutchPhone(`0${nsn}`)!;
  switch (p.type) {
    case 'mobile': return '6';
    case 'fixed': return p.areaCode;
    case 'toll-free': case 'premium': return nsn.slice(0, 3);
    default: return nsn.slice(0, 2);
  }
}

describe('phone masker', () => {
  test.prop([phoneCase])('keeps type, area code and notation; output valid and not the input', ({ nsn, input }) => {
    const out = build(phone)(input, r)!;
    expect(out.replace(/\d/g, '9')).toBe(input.replace(/\d/g, '9'));
    const parsed = parseDutchPhone(out);
    expect(parsed).not.toBeNull();
    expect(parsed!.type).toBe(parseDutchPhone(input)!.type);
    expect(parsed!.nsn.startsWith(typePrefix(nsn))).toBe(true);
    expect(parsed!.nsn).not.toBe(nsn);
    // The international / trunk prefix is untouched.
    const lead = input.slice(0, input.search(/\d/) + 1);
    expect(out.startsWith(lead)).toBe(true);
  });

  test.prop([phoneCase])('every notation of one number gets the same fake number; deterministic across contexts', ({ nsn, input }) => {
    const out = build(phone)(input, r)!;
    expect(build(phone)(input, r)).toBe(out);
    expect(parseDutchPhone(out)!.nsn).toBe(parseDutchPhone(build(phone)(`0${nsn}`, r)!)!.nsn);
  });

  it('the issue examples keep their exact notation', () => {
    const m = build(phone);
    for (const v of ['06-12345678', '06 1234 5678', '+31 6 12345678', '+31 (0)6 12345678', '0031 6 12345678', '020-1234567', '010 123 45 67', '(0111) 123456', '085-1234567', '088 123 4567', '0800-1234', '0900 123 4567']) {
      const out = m(v, r)!;
      expect(out.replace(/\d/g, '9'), v).toBe(v.replace(/\d/g, '9'));
      expect(out, v).not.toBe(v);
      expect(parseDutchPhone(out)?.type, v).toBe(parseDutchPhone(v)!.type);
    }
    expect(m('020-1234567', r)!.startsWith('020-')).toBe(true);
    expect(m('(0111) 123456', r)!.startsWith('(0111) ')).toBe(true);
  });

  it('numbers of the wrong length or with an extension keep their prefix and notation', () => {
    const m = build(phone);
    for (const [v, lead] of [['020-1234567 toestel 12', '020-'], ['06-12345678 (werk)', '06-'], ['020-123456', '020-'], ['0591 12345', '0591 ']] as const) {
      const out = m(v, r)!;
      expect(out.startsWith(lead), v).toBe(true);
      expect(out.replace(/\d/g, '9')).toBe(v.replace(/\d/g, '9'));
      expect(out).not.toBe(v);
    }
  });

  it('depends on the key', () => {
    const a = build(phone);
    const b = build(phone, {}, {}, 'another-key');
    let same = 0;
    for (let i = 0; i < 1000; i++) if (a(`06-${10_000_000 + i * 37}`, r) === b(`06-${10_000_000 + i * 37}`, r)) same++;
    expect(same).toBe(0);
  });

  it('integer columns: an NSN without its 0, or an MSISDN, stays digits only and keeps its type', () => {
    const m = build(phone, {}, { kind: 'integer', sqlType: 'bigint' });
    for (const v of ['612345678', '201234567', '31612345678']) {
      const out = m(v, r)!;
      expect(out, v).toMatch(/^[1-9]\d*$/);
      expect(out.length).toBe(v.length);
      expect(out).not.toBe(v);
    }
    expect(phoneTypeOfNsn(m('612345678', r)!)).toBe('mobile');
    expect(phoneTypeOfNsn(m('201234567', r)!.slice(0))).toBe('fixed');
    expect(m('201234567', r)!.startsWith('20')).toBe(true);
    // The same number in a text column gets the same fake (joins across column types survive).
    expect(`0${m('612345678', r)}`).toBe(build(phone)('0612345678', r));
  });

  it('foreign numbers keep their country code; odd values are still replaced', () => {
    const m = build(phone);
    const be = m('+32 2 123 45 67', r)!;
    expect(be.startsWith('+32 ')).toBe(true);
    expect(be).not.toBe('+32 2 123 45 67');
    for (const v of ['onbekend', '-', 'n.v.t.']) {
      const out = m(v, r)!;
      expect(parseDutchPhone(out)?.type, v).toBe('mobile');
    }
    for (const v of ['06', '+31', '0', '14 020', '12']) expect(m(v, r), v).not.toBe(v);
    expect(m('', r)).toBe('');
    expect(m('  ', r)).toBe('');
  });

  it('a digit-less value fits the column', () => {
    expect(build(phone, {}, { sqlType: 'character varying(10)' })('onbekend', r)).toMatch(/^06\d{8}$/);
    expect(build(phone, {}, { sqlType: 'character varying(20)' })('onbekend', r)).toMatch(/^06-\d{8}$/);
  });

  test.prop([mobileNsn])('mobile: unassigned puts mobile fakes in 069, which no validator accepts as mobile', (nsn) => {
    const out = build(phone, { mobile: 'unassigned' })(`06-${nsn.slice(1)}`, r)!;
    expect(out).toMatch(/^06-9\d{7}$/);
    expect(parseDutchPhone(out)).toBeNull();
  });

  it('rejects bad options', () => {
    expect(phone.params.safeParse({ mobile: 'fictional' }).success).toBe(false);
    expect(phone.params.safeParse({ format: 'x' }).success).toBe(false);
  });

  it('100,000 distinct numbers give 100,000 distinct outputs on a unique column', () => {
    const m = build(phone, {}, { unique: true });
    const seen = new Set<string>();
    // Half mobile, half in one 3-digit area (space 9·10^5), to exercise probing.
    for (let i = 0; i < 100_000; i++) seen.add(m(i % 2 ? `06-${20_000_000 + i}` : `0591-${200_000 + i}`, r)!);
    expect(seen.size).toBe(100_000);
  });
});

// ---------------------------------------------------------------------------------------------
// email
// ---------------------------------------------------------------------------------------------

describe('email masker', () => {
  test.prop([fc.emailAddress()])('gives a valid address at example.com with a name-based local part, never the input', (input) => {
    const out = build(email)(input, r)!;
    expect(isValidEmail(out)).toBe(true);
    expect(isReservedEmailDomain(out)).toBe(true);
    expect(out).toMatch(/^[a-z]+\.[a-z]+\.[0-9a-z]{4}@example\.com$/);
    expect(out.toLowerCase()).not.toBe(input.toLowerCase());
  });

  test.prop([fc.emailAddress()])('case variants and surrounding space give the same fake; deterministic across contexts', (input) => {
    const out = build(email)(input, r);
    expect(build(email)(input, r)).toBe(out);
    expect(build(email)(` ${input.toUpperCase()} `, r)).toBe(out);
  });

  it('Jan@X.nl and jan@x.nl give the same fake', () => {
    const m = build(email);
    expect(m('Jan@X.nl', r)).toBe(m('jan@x.nl', r));
  });

  it('depends on the key', () => {
    const a = build(email);
    const b = build(email, {}, {}, 'another-key');
    let same = 0;
    for (let i = 0; i < 1000; i++) if (a(`user${i}@bedrijf.nl`, r) === b(`user${i}@bedrijf.nl`, r)) same++;
    expect(same).toBe(0);
  });

  test.prop([fc.emailAddress(), fc.constantFrom('example.org', 'example.net', 'acme.test', 'mail.example', 'x.invalid', 'Sub.Example.COM')])(
    'uses a configured reserved domain',
    (input, domain) => {
      const out = build(email, { domain })(input, r)!;
      expect(out.endsWith(`@${domain.toLowerCase()}`)).toBe(true);
      expect(isValidEmail(out)).toBe(true);
    },
  );

  it('rejects a non-reserved domain with a clear message', () => {
    for (const domain of ['gmail.com', 'example.com.evil.nl', 'bedrijf.nl', 'test.nl', 'exampleXcom', 'test', '']) {
      const res = email.params.safeParse({ domain });
      expect(res.success, domain).toBe(false);
      expect(res.error?.issues[0]?.message).toMatch(/reserved/);
    }
    expect(email.params.safeParse({ other: 1 }).success).toBe(false);
  });

  it('non-addresses are replaced too; empty stays empty', () => {
    const m = build(email);
    expect(isValidEmail(m('onbekend', r)!)).toBe(true);
    expect(m('', r)).toBe('');
  });

  it('fits a varchar(n) column, down to the suffix alone', () => {
    for (const n of [40, 30, 25, 22, 18, 17]) {
      const m = build(email, {}, { sqlType: `character varying(${n})` });
      for (let i = 0; i < 200; i++) {
        const out = m(`persoon.${i}@bedrijf.nl`, r)!;
        expect(out.length, out).toBeLessThanOrEqual(n);
        expect(isValidEmail(out)).toBe(true);
      }
    }
    expect(() => build(email, {}, { sqlType: 'character varying(10)' })).toThrow(/cannot fit/);
    expect(build(email, { domain: 'x.test' }, { sqlType: 'character varying(11)' })('a@b.nl', r)!).toMatch(/^[0-9a-z]{4}@x\.test$/);
  });

  it('100,000 distinct addresses give 100,000 distinct outputs on a unique column', () => {
    const m = build(email, {}, { unique: true });
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(m(`klant${i}@bedrijf.nl`, r)!);
    expect(seen.size).toBe(100_000);
  });

  it('on a unique column, spellings of one address stay distinct but case-insensitively the same fake', () => {
    const m = build(email, {}, { unique: true });
    const spellings = ['Jan.Jansen@Bedrijf.nl', 'jan.jansen@bedrijf.nl', 'JAN.JANSEN@BEDRIJF.NL', 'jan.Jansen@bedrijf.nl'];
    const outs = spellings.map((s) => m(s, r)!);
    expect(new Set(outs).size).toBe(spellings.length);
    expect(new Set(outs.map((o) => o.toLowerCase())).size).toBe(1);
    // The lowercase spelling gets the plain fake, the same one a non-unique column gets, even when
    // another spelling came first.
    expect(outs[1]).toBe(build(email)('jan.jansen@bedrijf.nl', r));
    // Repeats are stable.
    expect(spellings.map((s) => m(s, r))).toEqual(outs);
    for (const o of outs) expect(isValidEmail(o)).toBe(true);
  });
});

describe('phone on a unique column (regression)', () => {
  it('keeps numbers apart whose kept prefixes differ in length (020 + 8 digits vs 02 + 9 digits)', () => {
    const m = build(phone, {}, { unique: true });
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      for (const prefix of ['020', '021']) {
        const out = m(`${prefix}${String(1_000_000 + i * 37).padStart(7, '0')}`, r)!;
        expect(seen.has(out)).toBe(false);
        seen.add(out);
      }
    }
  });
});
