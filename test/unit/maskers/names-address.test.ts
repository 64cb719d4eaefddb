import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { compact } from '../../../src/keyed/canonicalize.js';
import { address } from '../../../src/maskers/address.js';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, NEUTRAL_FIRST_NAMES } from '../../../src/maskers/data/dutch-first-names.js';
import { PLACES } from '../../../src/maskers/data/dutch-places.js';
import { BARE_SURNAMES, PREFIXED_SURNAMES } from '../../../src/maskers/data/dutch-surnames.js';
import { CITIES, FIRST_NAMES, STREETS, WORDLIST_VERSION } from '../../../src/maskers/data/dutch-words.js';
import { genderOf, sameCompact } from '../../../src/maskers/first-name.js';
import type { CellValue, MaskFn } from '../../../src/maskers/masker.js';
import { context, maskerFor, row } from './support.js';

const FIRST = new Set(FIRST_NAMES);
const FEMALE = new Set(FEMALE_FIRST_NAMES);
const MALE = new Set(MALE_FIRST_NAMES);
const NEUTRAL = new Set(NEUTRAL_FIRST_NAMES);
const BARE = new Set(BARE_SURNAMES);
const PAIRS = new Set(PREFIXED_SURNAMES.map(([t, c]) => `${t} ${c}`));
const TVS = new Set(PREFIXED_SURNAMES.map(([t]) => t));
const STREET_SET = new Set(STREETS);
const CITY_SET = new Set(CITIES);

/** The address masker, not yet in the registry: built the way the pipeline builds it. */
function addressMasker(key?: string, col = {}): MaskFn {
  return address.create(address.params.parse({}), context(col, key));
}

const surnameInput = fc.oneof(
  fc.constantFrom(...BARE_SURNAMES),
  fc.constantFrom(...PREFIXED_SURNAMES).map(([t, c]) => `${t} ${c}`),
);
const fullNameInput = fc
  .tuple(fc.constantFrom(...FIRST_NAMES), fc.constantFrom(...BARE_SURNAMES, ...PREFIXED_SURNAMES.map(([t, c]) => `${t} ${c}`)))
  .map(([f, l]) => `${f} ${l}`);
const capitalised = fc.stringMatching(/^[A-Z][a-z]{1,12}$/);

describe('word lists', () => {
  it('are versioned and carry no duplicates or empty entries', () => {
    expect(WORDLIST_VERSION).toMatch(/^v\d+$/);
    for (const list of [FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, NEUTRAL_FIRST_NAMES, BARE_SURNAMES, STREETS, CITIES]) {
      expect(new Set(list).size).toBe(list.length);
      for (const s of list) expect(s.trim()).toBe(s);
    }
    expect(FEMALE_FIRST_NAMES.length).toBeGreaterThan(400);
    expect(MALE_FIRST_NAMES.length).toBeGreaterThan(400);
    expect(PREFIXED_SURNAMES.length).toBeGreaterThan(80);
  });

  it('gives every place a PC4 range inside 1000–9999', () => {
    for (const [, lo, hi] of PLACES) {
      expect(lo).toBeGreaterThanOrEqual(1000);
      expect(hi).toBeLessThanOrEqual(9999);
      expect(lo).toBeLessThanOrEqual(hi);
    }
  });
});

describe('sameCompact', () => {
  const near = fc.string({ maxLength: 12, unit: fc.constantFrom(...'aAbB .-/\tÉé1') });
  test.prop([near, near])('agrees with compact() equality', (a, b) => {
    expect(sameCompact(a, b)).toBe(compact(a) === compact(b));
  });
  test.prop([fc.string({ maxLength: 12 })])('is reflexive under case and separators', (a) => {
    expect(sameCompact(a, ` ${a.toUpperCase()} `)).toBe(compact(a) === compact(` ${a.toUpperCase()} `));
  });
});

describe('genderOf', () => {
  it('reads the usual notations and sends unknown values to the neutral pool', () => {
    for (const m of ['M', 'm', 'man', 'Male', '1', 'dhr.']) expect(genderOf(m)).toBe('male');
    for (const f of ['V', 'F', 'vrouw', 'female', '2', 'mevr.']) expect(genderOf(f)).toBe('female');
    for (const o of ['O', 'X', '0', '9', 'onbekend']) expect(genderOf(o)).toBe('neutral');
    expect(genderOf(null)).toBeNull();
    expect(genderOf(' ')).toBeNull();
  });
});

describe('first_name', () => {
  test.prop([fc.constantFrom(...FIRST_NAMES)])('gives a listed name with another initial, deterministically', (name) => {
    const out = maskerFor('first_name').apply(name)!;
    expect(FIRST.has(out)).toBe(true);
    expect(out[0]!.toLowerCase()).not.toBe(name[0]!.toLowerCase());
    expect(maskerFor('first_name').apply(name)).toBe(out);
  });

  test.prop([fc.constantFrom(...FIRST_NAMES), fc.constantFrom('upper', 'lower', 'padded')])('is never the input in another case or spacing', (name, how) => {
    const input = how === 'upper' ? name.toUpperCase() : how === 'lower' ? name.toLowerCase() : `  ${name} `;
    const out = maskerFor('first_name').apply(input)!;
    expect(compact(out)).not.toBe(compact(input));
    if (how === 'upper') expect(out).toBe(out.toUpperCase());
    if (how === 'lower') expect(out).toBe(out.toLowerCase());
    if (how === 'padded') expect(out).toMatch(/^ {2}\S+ $/);
  });

  test.prop([fc.string({ maxLength: 40 })])('never returns its input for any string', (s) => {
    const out = maskerFor('first_name').apply(s)!;
    if (s.trim() === '') expect(out).toBe('');
    else expect(compact(out)).not.toBe(compact(s));
  });

  it('masks every given name and keeps the separators', () => {
    // With the gender given, every name draws from one pool, so each maps as it does alone.
    const g = maskerFor('first_name', { gender: 'g' });
    const r = row('1', { g: 'M' });
    const m = { apply: (v: string): CellValue => g.apply(v, r) };
    const jan = m.apply('Jan')!;
    const willem = m.apply('Willem')!;
    expect(m.apply('Jan Willem')).toBe(`${jan} ${willem}`);
    expect(m.apply('Anne-Marie')).toBe(`${m.apply('Anne')}-${m.apply('Marie')}`);
    expect(m.apply('Johannes (Hans)')).toBe(`${m.apply('Johannes')} (${m.apply('Hans')})`);
  });

  test.prop([fc.constantFrom(...FIRST_NAMES), fc.constantFrom('M', 'V', 'X')])('respects the gender column', (name, g) => {
    const out = maskerFor('first_name', { gender: 'geslacht' }).apply(name, row('1', { geslacht: g }))!;
    expect((g === 'M' ? MALE : g === 'V' ? FEMALE : NEUTRAL).has(out)).toBe(true);
  });

  test.prop([fc.constantFrom(...FEMALE_FIRST_NAMES.filter((n) => !MALE.has(n) && !NEUTRAL.has(n)))])(
    'without a gender column keeps the gender the lists give the name',
    (name) => {
      expect(FEMALE.has(maskerFor('first_name').apply(name)!)).toBe(true);
      // A NULL gender cell behaves the same.
      expect(maskerFor('first_name', { gender: 'g' }).apply(name, row('1', { g: null }))).toBe(maskerFor('first_name').apply(name));
    },
  );

  it('depends on the key: another key changes nearly every name', () => {
    const a = maskerFor('first_name');
    const b = maskerFor('first_name', {}, {}, 'another-key');
    const names = FIRST_NAMES.slice(0, 400);
    const same = names.filter((n) => a.apply(n) === b.apply(n)).length;
    expect(same / names.length).toBeLessThan(0.05);
  });

  it('fits a short varchar column', () => {
    const m = maskerFor('first_name', {}, { sqlType: 'character varying(4)' });
    for (const n of FIRST_NAMES.slice(0, 200)) expect(m.apply(n)!.length).toBeLessThanOrEqual(4);
  });

  it('rejects bad options', () => {
    expect(() => maskerFor('first_name', { gender: '' })).toThrow();
    expect(() => maskerFor('first_name', { sex: 'g' })).toThrow();
  });
});

describe('last_name', () => {
  test.prop([surnameInput])('keeps the shape: a tussenvoegsel stays, none stays none', (input) => {
    const out = maskerFor('last_name').apply(input)!;
    if (BARE.has(input)) expect(BARE.has(out)).toBe(true);
    else expect(PAIRS.has(out)).toBe(true);
    expect(compact(out)).not.toBe(compact(input));
    expect(maskerFor('last_name').apply(input)).toBe(out);
  });

  it('capitalises a leading tussenvoegsel like the input, and keeps other notations', () => {
    const m = maskerFor('last_name');
    const fake = m.apply('van der Meer')!;
    expect(m.apply('Van der Meer')).toBe(fake[0]!.toUpperCase() + fake.slice(1));
    expect(m.apply('VAN DER MEER')).toBe(fake.toUpperCase());
    const [tv, core] = [fake.slice(0, fake.lastIndexOf(' ')), fake.slice(fake.lastIndexOf(' ') + 1)];
    expect(m.apply('Meer, van der')).toBe(`${core}, ${tv}`);
    expect(m.apply('Jansen-van der Meer')).toBe(`${m.apply('Jansen')}-${fake}`);
    expect(m.apply('Vanderbilt')).toMatch(/^\S+$/);
  });

  test.prop([fc.constantFrom(...PREFIXED_SURNAMES)])('with a separate tussenvoegsel column pairs with the tussenvoegsel masker', ([tv, core]) => {
    const r = row('7', { tussenvoegsel: tv, achternaam: core });
    const last = maskerFor('last_name', { tussenvoegsel: 'tussenvoegsel' }).apply(core, r)!;
    const prefix = maskerFor('tussenvoegsel', { last_name: 'achternaam' }).apply(tv, r)!;
    // The split columns give exactly what the combined value "tv core" gives.
    expect(`${prefix} ${last}`).toBe(maskerFor('last_name').apply(`${tv} ${core}`));
    expect(PAIRS.has(`${prefix} ${last}`)).toBe(true);
  });

  it('with the tussenvoegsel column empty, is the plain surname mapping', () => {
    const r = row('1', { tv: '' });
    expect(maskerFor('last_name', { tussenvoegsel: 'tv' }).apply('Jansen', r)).toBe(maskerFor('last_name').apply('Jansen'));
  });

  test.prop([fc.string({ maxLength: 40 })])('never returns its input for any string', (s) => {
    const out = maskerFor('last_name').apply(s)!;
    if (s.trim() === '') expect(out).toBe('');
    else expect(compact(out)).not.toBe(compact(s));
  });

  it('depends on the key', () => {
    const a = maskerFor('last_name');
    const b = maskerFor('last_name', {}, {}, 'another-key');
    const names = [...BARE_SURNAMES, ...PREFIXED_SURNAMES.map(([t, c]) => `${t} ${c}`)];
    expect(names.filter((n) => a.apply(n) === b.apply(n)).length / names.length).toBeLessThan(0.05);
  });
});

describe('tussenvoegsel', () => {
  test.prop([fc.constantFrom(...TVS), fc.string({ maxLength: 6 })])('gives a listed tussenvoegsel, value-keyed', (tv, key) => {
    const m = maskerFor('tussenvoegsel');
    const out = m.apply(tv, row(key))!;
    expect(TVS.has(out)).toBe(true);
    expect(m.apply(tv, row('other'))).toBe(out);
  });

  it('keeps empty as empty and follows the capitalisation', () => {
    const m = maskerFor('tussenvoegsel');
    expect(m.apply('')).toBe('');
    expect(m.apply('  ')).toBe('');
    expect(m.apply('Van der')![0]).toMatch(/[A-Z]/);
    expect(m.apply('van der')![0]).toMatch(/[a-z]/);
  });
});

describe('full_name', () => {
  const m = () => maskerFor('full_name');
  const split = (out: string): string[] => out.split(' ');

  it('parses the §4.5 examples and keeps their shape', () => {
    const fn = maskerFor('first_name');
    const ln = maskerFor('last_name');
    expect(m().apply('Jan de Vries')).toBe(`${fn.apply('Jan')} ${ln.apply('de Vries')}`);
    expect(m().apply('Pieter Jansen')).toBe(`${fn.apply('Pieter')} ${ln.apply('Jansen')}`);
    expect(m().apply("Anne-Marie van 't Hof")).toBe(`${fn.apply('Anne-Marie')} ${ln.apply("van 't Hof")}`);
    expect(m().apply("Sanne in 't Veld")).toBe(`${fn.apply('Sanne')} ${ln.apply("in 't Veld")}`);
    expect(m().apply('J.P. van der Meer')).toMatch(new RegExp(`^[A-Z]\\.[A-Z]\\. ${escape(ln.apply('van der Meer')!)}$`));
    expect(m().apply('de Vries')).toBe(ln.apply('de Vries'));
  });

  it('keeps the "Achternaam, V." notations', () => {
    const ln = maskerFor('last_name');
    const fake = ln.apply('van der Meer')!;
    expect(m().apply('Van der Meer, J.')).toMatch(new RegExp(`^${escape(fake[0]!.toUpperCase() + fake.slice(1))}, [A-Z]\\.$`));
    expect(m().apply('Meer, J. van der')).toMatch(new RegExp(`^${escape(ln.apply('Meer, van der')!.replace(/, .*/, ''))}, [A-Z]\\. ${escape(fake.slice(0, fake.lastIndexOf(' ')))}$`));
    expect(m().apply('Jansen, Jan')).toBe(`${ln.apply('Jansen')}, ${maskerFor('first_name').apply('Jan')}`);
  });

  it('keeps honorifics and takes the gender from them', () => {
    const out = m().apply('mevr. A. de Boer')!;
    expect(out).toMatch(/^mevr\. [A-Z]\. \S+ \S+$/);
    const named = m().apply('dhr. Jan Jansen')!;
    expect(MALE.has(split(named)[1]!)).toBe(true);
  });

  test.prop([fullNameInput])('gives listed parts, never the input, deterministically', (input) => {
    const out = m().apply(input)!;
    const words = split(out);
    expect(FIRST.has(words[0]!)).toBe(true);
    const surname = words.slice(1).join(' ');
    expect(BARE.has(surname) || PAIRS.has(surname)).toBe(true);
    expect(BARE.has(input.slice(input.indexOf(' ') + 1))).toBe(BARE.has(surname));
    expect(compact(out)).not.toBe(compact(input));
    expect(maskerFor('full_name').apply(input)).toBe(out);
  });

  it('replaces a value that does not parse with a fresh listed name', () => {
    const out = m().apply('12 Jansen')!;
    const words = split(out);
    expect(FIRST.has(words[0]!)).toBe(true);
    expect(out).not.toMatch(/\d/);
  });

  test.prop([fc.string({ maxLength: 50 })])('never returns its input for any string', (s) => {
    const out = m().apply(s)!;
    if (s.trim() === '') expect(out).toBe('');
    else expect(compact(out)).not.toBe(compact(s));
  });

  test.prop([fullNameInput])('respects the gender column', (input) => {
    const out = maskerFor('full_name', { gender: 'g' }).apply(input, row('1', { g: 'vrouw' }))!;
    expect(FEMALE.has(split(out)[0]!)).toBe(true);
  });

  it('depends on the key', () => {
    const a = maskerFor('full_name');
    const b = maskerFor('full_name', {}, {}, 'another-key');
    const names = FIRST_NAMES.slice(0, 200).map((f, i) => `${f} ${BARE_SURNAMES[i % BARE_SURNAMES.length]}`);
    expect(names.filter((n) => a.apply(n) === b.apply(n)).length).toBeLessThan(5);
  });
});

describe('initials', () => {
  it('follow the row\'s fake first names ("Jan Willem" → "Pieter Kees" → "P.K.")', () => {
    const r = row('1', { voornamen: 'Jan Willem' });
    const fake = maskerFor('first_name').apply('Jan Willem')!.split(' ');
    const [a, b] = [fake[0]![0], fake[1]![0]];
    const m = maskerFor('initials', { first_name: 'voornamen' });
    expect(m.apply('J.W.', r)).toBe(`${a}.${b}.`);
    expect(m.apply('JW', r)).toBe(`${a}${b}`);
    expect(m.apply('J. W.', r)).toBe(`${a}. ${b}.`);
    expect(m.apply('j.w.', r)).toBe(`${a!.toLowerCase()}.${b!.toLowerCase()}.`);
  });

  it('follow the gender column like first_name does', () => {
    const r = row('1', { voornamen: 'Jan Willem', g: 'V' });
    const fake = maskerFor('first_name', { gender: 'g' }).apply('Jan Willem', r)!.split(' ');
    expect(maskerFor('initials', { first_name: 'voornamen', gender: 'g' }).apply('J.W.', r)).toBe(`${fake[0]![0]}.${fake[1]![0]}.`);
  });

  const initialsInput = fc
    .tuple(fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPRSTVWZ'), { minLength: 1, maxLength: 4 }), fc.constantFrom('dotted', 'plain', 'spaced'))
    .map(([ls, how]) => (how === 'dotted' ? ls.map((l) => `${l}.`).join('') : how === 'spaced' ? ls.map((l) => `${l}.`).join(' ') : ls.join('')));

  test.prop([initialsInput])('keep count and style, and are never the input', (input) => {
    const out = maskerFor('initials').apply(input)!;
    expect(out.replace(/[A-Z]/g, 'X')).toBe(input.replace(/[A-Z]/g, 'X'));
    expect(compact(out)).not.toBe(compact(input));
  });

  test.prop([initialsInput, fc.constantFrom(...FIRST_NAMES)])('with a first-name column that does not match, are still never the input', (input, first) => {
    const out = maskerFor('initials', { first_name: 'f' }).apply(input, row('1', { f: first }))!;
    expect(compact(out)).not.toBe(compact(input));
  });

  it('keep "Th." as one initial written with two letters', () => {
    expect(maskerFor('initials').apply('Th.J.')).toMatch(/^[A-Z][a-z]\.[A-Z]\.$/);
  });
});

describe('street and city', () => {
  for (const [name, list, set] of [['street', STREETS, STREET_SET], ['city', CITIES, CITY_SET]] as const) {
    test.prop([fc.constantFrom(...list), fc.constantFrom('as-is', 'upper', 'lower', 'padded')])(`${name}: listed, in the input's case, never the input`, (v, how) => {
      const input = how === 'upper' ? v.toUpperCase() : how === 'lower' ? v.toLowerCase() : how === 'padded' ? ` ${v} ` : v;
      const out = maskerFor(name).apply(input)!;
      expect(compact(out)).not.toBe(compact(input));
      const bare = out.trim();
      expect([...set].some((s) => s === bare || s.toUpperCase() === bare || s.toLowerCase() === bare)).toBe(true);
      if (how === 'upper') expect(out).toBe(out.toUpperCase());
      if (how === 'padded') expect(out).toBe(` ${bare} `);
      expect(maskerFor(name).apply(input)).toBe(out);
    });

    test.prop([capitalised])(`${name}: any name maps into the list`, (v) => {
      expect(set.has(maskerFor(name).apply(v)!)).toBe(true);
    });

    it(`${name}: depends on the key`, () => {
      const a = maskerFor(name);
      const b = maskerFor(name, {}, {}, 'another-key');
      const inputs = [...list, ...FIRST_NAMES.slice(0, 200)];
      expect(inputs.filter((v) => a.apply(v) === b.apply(v)).length / inputs.length).toBeLessThan(0.05);
    });
  }
});

describe('house_number', () => {
  const houseNumberInput = fc
    .tuple(fc.integer({ min: 1, max: 99999 }), fc.constantFrom('', 'A', 'a', '-2', ' bis', ' hs', '-III', '-1hg', ' B'))
    .map(([n, s]) => `${n}${s}`);

  test.prop([houseNumberInput, fc.string({ minLength: 1, maxLength: 8 })])('keeps the shape and the range, and differs', (input, key) => {
    const out = maskerFor('house_number').apply(input, row(key))!;
    const [, inNr, inSuffix] = /^(\d+)(.*)$/s.exec(input)!;
    const [, outNr, outSuffix] = /^(\d+)(.*)$/s.exec(out)!;
    const n = Number(outNr);
    expect(n).not.toBe(Number(inNr));
    if (Number(inNr) <= 300) expect(n >= 1 && n <= 300).toBe(true);
    else expect(outNr!.length).toBe(inNr!.length);
    expect(outSuffix!.replace(/[A-Z]/g, 'X').replace(/[a-z]/g, 'x').replace(/\d/g, '9'))
      .toBe(inSuffix!.replace(/[A-Z]/g, 'X').replace(/[a-z]/g, 'x').replace(/\d/g, '9'));
    for (const word of ['bis', 'hs', 'III', 'hg']) if (inSuffix!.includes(word)) expect(outSuffix).toContain(word);
    expect(maskerFor('house_number').apply(input, row(key))).toBe(out);
  });

  it('is row-keyed by default, address-keyed with street/postcode', () => {
    const plain = maskerFor('house_number');
    const many = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => plain.apply('12', row(k))));
    expect(many.size).toBeGreaterThan(1);
    const byAddress = maskerFor('house_number', { street: 'straat', postcode: 'pc' });
    const at = (k: string, pc: string): CellValue => byAddress.apply('12', row(k, { straat: 'Kerkstraat', pc }));
    expect(at('a', '1234 AB')).toBe(at('b', '1234AB'));
    expect(at('a', '1234 AB')).toBe(at('c', '1234 ab'));
  });

  it('writes digits only to an integer column and fits a short column', () => {
    const int = maskerFor('house_number', {}, { kind: 'integer', sqlType: 'integer' });
    expect(int.apply('42')).toMatch(/^\d+$/);
    const short = maskerFor('house_number', {}, { sqlType: 'character varying(2)' });
    for (const v of ['1', '7', '42', '99']) expect(short.apply(v)!.length).toBeLessThanOrEqual(2);
  });

  it('fails on a value without a number and keeps empty as empty', () => {
    expect(() => maskerFor('house_number').apply('Kerkstraat')).toThrow(/does not start with digits/);
    expect(maskerFor('house_number').apply('')).toBe('');
  });

  it('rejects bad options', () => {
    expect(() => maskerFor('house_number', { street: 3 })).toThrow();
    expect(() => maskerFor('house_number', { row: true })).toThrow();
  });
});

describe('address', () => {
  const LINE = /^(?<street>.+?) (?<nr>\d+)(?<suffix>[^,]*), (?<pc>[1-9]\d{3}) (?<letters>[A-Z]{2}) (?<city>.+)$/;

  it('masks "Kerkstraat 12a, 1234 AB Amsterdam" part by part, consistent with the column maskers', () => {
    const out = addressMasker()('Kerkstraat 12a, 1234 AB Amsterdam', row('1'))!;
    const g = LINE.exec(out)!.groups!;
    expect(g.street).toBe(maskerFor('street').apply('Kerkstraat'));
    expect(g.city).toBe(maskerFor('city').apply('Amsterdam'));
    expect(`${g.nr}${g.suffix}`).toBe(maskerFor('house_number', { street: 's', postcode: 'p' }).apply('12a', row('9', { s: 'Kerkstraat', p: '1234 AB' })));
    expect(g.suffix).toMatch(/^[a-h]$/);
    const place = PLACES.find((p) => p[0] === g.city)!;
    expect(Number(g.pc)).toBeGreaterThanOrEqual(place[1]);
    expect(Number(g.pc)).toBeLessThanOrEqual(place[2]);
    expect(['SA', 'SD', 'SS']).not.toContain(g.letters);
  });

  it('keeps the §4.6 shapes', () => {
    const m = addressMasker();
    const r = row('1');
    expect(m('Hoofdstraat 12', r)).toMatch(/^\D+ \d+$/);
    expect(m('Kerkstraat 3-II', r)).toMatch(/^\D+ \d+-II$/);
    expect(m('Dorpsstraat 1 bis', r)).toMatch(/^\D+ \d+ bis$/);
    expect(m('2e Jan Steenstraat 14 hs', r)).toMatch(/^\D+ \d+ hs$/);
    expect(m('Rijksweg to 12', r)).toMatch(/^\D+ to \d+$/);
    expect(m('Hoofdstraat 12A 1234AB  AMSTERDAM', r)).toMatch(/^\D+ \d+[A-H] [1-9]\d{3}[A-Z]{2} {2}[A-Z' -]+$/);
    expect(m('kerkstraat 12, 1234ab amsterdam', r)).toMatch(/^[a-z ]+ \d+, [1-9]\d{3}[a-z]{2} [a-z' -]+$/);
    expect(m('Laan van Meerdervoort 1010, Den Haag', r)).toMatch(/^\D+ \d{4}, \D+$/);
  });

  it('replaces a line that does not parse with a fresh address', () => {
    expect(addressMasker()('Amsterdam', row('1'))).toMatch(LINE);
  });

  const addressInput = fc
    .tuple(fc.constantFrom(...STREETS), fc.integer({ min: 1, max: 2000 }), fc.constantFrom('', 'a', 'B', '-2', ' hs'),
      fc.integer({ min: 1000, max: 9999 }), fc.constantFrom('AB', 'XY', 'CD'), fc.constantFrom(...CITIES))
    .map(([s, n, suf, pc, l, c]) => `${s} ${n}${suf}, ${pc} ${l} ${c}`);

  test.prop([addressInput])('gives a valid, listed, different address deterministically', (input) => {
    const out = addressMasker()(input, row('1'))!;
    const g = LINE.exec(out)!.groups!;
    expect(STREET_SET.has(g.street!)).toBe(true);
    expect(CITY_SET.has(g.city!)).toBe(true);
    expect(compact(out)).not.toBe(compact(input));
    expect(addressMasker()(input, row('2'))).toBe(out);
    expect(addressMasker('another-key')(input, row('1'))).not.toBe(out);
  });

  test.prop([fc.string({ maxLength: 60 })])('never returns its input for any string', (s) => {
    const out = addressMasker()(s, row('1'))!;
    if (s.trim() === '') expect(out).toBe('');
    else expect(compact(out)).not.toBe(compact(s));
  });

  it('has a strict, empty option schema', () => {
    expect(() => address.params.parse({ city: 'x' })).toThrow();
    expect(address.name).toBe('address');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('house_number never reads as its input', () => {
  const tricky = fc.tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom(' ', '-', '/', ''), fc.integer({ min: 0, max: 99 }))
    .map(([n, sep, m]) => `${n}${sep}${m}`);
  test.prop([tricky, fc.string({ minLength: 1, maxLength: 4 })])('even when separators vanish ("1 23" vs "12 3")', (input, key) => {
    expect(compact(maskerFor('house_number').apply(input, row(key))!)).not.toBe(compact(input));
  });
});

describe('names in short columns', () => {
  const names = fc.array(fc.constantFrom('Jan', 'Piet', 'Jo', 'Bo', 'Li', 'Anne-Marie', 'Willem'), { minLength: 1, maxLength: 3 }).map((ns) => ns.join(' '));
  const surnames = fc.tuple(fc.constantFrom('Jansen', 'Smit', 'de Vries', 'Li'), fc.constantFrom('', '-Smit', '-de Boer')).map(([a, b]) => a + b);
  test.prop([names])('first_name never outgrows a varchar as long as its input', (input) => {
    expect(maskerFor('first_name', {}, { sqlType: `character varying(${input.length})` }).apply(input)!.length).toBeLessThanOrEqual(input.length);
  });
  test.prop([surnames])('last_name never outgrows a varchar as long as its input', (input) => {
    expect(maskerFor('last_name', {}, { sqlType: `character varying(${input.length})` }).apply(input)!.length).toBeLessThanOrEqual(input.length);
  });
});
