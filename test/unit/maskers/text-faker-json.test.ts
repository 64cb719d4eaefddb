// support.js loads the masker registry first; json.ts imports the registry, and the registry will
// import json.ts, so the registry must be the first of the two to load.
import { context, row, TEST_KEY } from './support.js';
import { fc, test } from '@fast-check/vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { loadRules } from '../../../src/config/load-rules.js';
import { ConfigErrors } from '../../../src/config/config-error.js';
import type { ColumnInfo } from '../../../src/db/table-info.js';
import { MaskgateError } from '../../../src/errors.js';
import { isBsn } from '../../../src/keyed/canonicalize.js';
import { CITIES, FIRST_NAMES, LAST_NAMES, NATIONALITIES, STREETS } from '../../../src/maskers/data/dutch-words.js';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, NEUTRAL_FIRST_NAMES } from '../../../src/maskers/data/dutch-first-names.js';
import { faker } from '../../../src/maskers/faker.js';
import { json } from '../../../src/maskers/json.js';
import { parseJsonPath } from '../../../src/maskers/json-path.js';
import type { MaskerDefinition, MaskFn } from '../../../src/maskers/masker.js';
import { maskerRegistry } from '../../../src/maskers/masker-registry.js';
import { maxLengthOf } from '../../../src/db/table-info.js';
import { text, TEXT_VOCABULARY } from '../../../src/maskers/text.js';

// Until json and faker are listed in the registry, this file adds them to a copy of it, so that
// nested rules and the rules loader can name them. Once registered, the copy is the real thing.
vi.mock('../../../src/maskers/masker-registry.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../../src/maskers/masker-registry.js')>();
  return { ...mod, maskerRegistry: new Map(mod.maskerRegistry) };
});
for (const def of [json, faker] as MaskerDefinition[]) {
  if (!maskerRegistry.has(def.name)) (maskerRegistry as Map<string, MaskerDefinition>).set(def.name, def);
}

const R = row('1');

/** Builds a masker from its definition as plan-run does (schema parse, then create). */
function build(def: MaskerDefinition, params: Record<string, unknown> = {}, col: Partial<ColumnInfo> = {}, key = TEST_KEY): MaskFn {
  return def.create(def.params.parse(params) as never, context(col, key));
}

/** The MaskgateError `fn` throws; fails the test when it throws something else or nothing. */
function maskgateError(fn: () => unknown): MaskgateError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MaskgateError);
    return e as MaskgateError;
  }
  throw new Error('expected a MaskgateError');
}

const words = (s: string): string[] => s.split(/[\s.]+/).filter(Boolean).map((w) => w.toLowerCase());

// ---------------------------------------------------------------------------------------------
// text
// ---------------------------------------------------------------------------------------------

describe('text', () => {
  const vocabulary = new Set(TEXT_VOCABULARY);

  test.prop([fc.string({ minLength: 1, maxLength: 400 })])('same length, never the input, no digits, only vocabulary words', (input) => {
    const out = build(text)(input, R)!;
    expect(out).not.toBe(input);
    expect(out.length).toBe(input.length);
    expect(out).not.toMatch(/\d/);
    for (const w of words(out)) expect(vocabulary.has(w) || w === '-').toBe(true);
  });

  test.prop([fc.array(fc.stringMatching(/^[A-Za-z]{4,12}$/), { minLength: 1, maxLength: 30 })])('copies no input word that is not filler vocabulary', (ws) => {
    const input = ws.join(' ');
    const out = new Set(words(build(text)(input, R)!));
    for (const w of ws) if (!vocabulary.has(w.toLowerCase())) expect(out.has(w.toLowerCase())).toBe(false);
  });

  test.prop([fc.string({ minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 60 })])('respects maxLength and varchar(n)', (input, n) => {
    expect(build(text, { maxLength: n })(input, R)!.length).toBe(Math.min(input.length, n));
    expect(build(text, {}, { sqlType: `character varying(${n})` })(input, R)!.length).toBe(Math.min(input.length, n));
  });

  test.prop([fc.string({ minLength: 1, maxLength: 200 })])('deterministic across fresh contexts', (input) => {
    expect(build(text)(input, R)).toBe(build(text)(input, row('other')));
  });

  it('depends on the key', () => {
    let same = 0;
    for (let i = 0; i < 200; i++) {
      const input = `Notitie nummer ${i} over het gesprek van vandaag met de aanvrager.`;
      if (build(text)(input, R) === build(text, {}, {}, 'another-key')(input, R)) same++;
    }
    expect(same).toBe(0);
  });

  it('looks like sentences: capital first letter, ends with a stop', () => {
    const out = build(text)('Patiënt Jan Jansen, BSN 111222333, belt 06-12345678 over zijn diabetes.', R)!;
    expect(out).toMatch(/^[A-Z][a-z]+( [a-z]+|\. [A-Z][a-z]+)*\.$/);
    expect(out).not.toMatch(/\d|Jansen|diabetes|Patiënt|Jan\b/);
  });

  it('has a vocabulary without names, places, nationalities or digits, and two words of every length 1–14', () => {
    const banned = new Set([...FIRST_NAMES, ...LAST_NAMES, ...CITIES, ...STREETS, ...NATIONALITIES, ...FEMALE_FIRST_NAMES,
      ...MALE_FIRST_NAMES, ...NEUTRAL_FIRST_NAMES].map((w) => w.toLowerCase()));
    for (const w of TEXT_VOCABULARY) {
      expect(banned.has(w), w).toBe(false);
      expect(w).toMatch(/^[a-z]+$/);
    }
    for (let n = 1; n <= 14; n++) expect(TEXT_VOCABULARY.filter((w) => w.length === n).length, `length ${n}`).toBeGreaterThanOrEqual(2);
  });

  it('changes inputs that are themselves filler, and one-character inputs', () => {
    const mask = build(text);
    for (const input of ['.', '-', 'x', 'U.', mask('Dossier besproken.', R)!]) expect(mask(input, R)).not.toBe(input);
  });

  it('reads column limits from the SQL type', () => {
    const col = (sqlType: string): ColumnInfo => ({ name: 'c', sqlType, kind: 'text', nullable: true, unique: false });
    expect(maxLengthOf(col('character varying(12)'))).toBe(12);
    expect(maxLengthOf(col('character(9)'))).toBe(9);
    expect(maxLengthOf(col('character'))).toBe(1);
    expect(maxLengthOf(col('character varying'))).toBe(Infinity);
    expect(maxLengthOf(col('text'))).toBe(Infinity);
  });

  it('rejects bad options', () => {
    expect(text.params.safeParse({ maxLength: 0 }).success).toBe(false);
    expect(text.params.safeParse({ maxLength: 2.5 }).success).toBe(false);
    expect(text.params.safeParse({ length: 5 }).success).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// faker
// ---------------------------------------------------------------------------------------------

describe('faker', () => {
  test.prop([fc.string({ minLength: 1, maxLength: 40 })])('deterministic per input across fresh contexts', (input) => {
    const out = build(faker, { method: 'company.name' })(input, R);
    expect(typeof out).toBe('string');
    expect(build(faker, { method: 'company.name' })(input, row('2'))).toBe(out);
  });

  it('depends on the input, the key and the method', () => {
    const mask = build(faker, { method: 'person.jobTitle' });
    const other = build(faker, { method: 'person.jobTitle' }, {}, 'another-key');
    const outs = new Set<string>();
    let sameAcrossKeys = 0;
    for (let i = 0; i < 300; i++) {
      const out = mask(`Persoon ${i}`, R)!;
      outs.add(out);
      if (other(`Persoon ${i}`, R) === out) sameAcrossKeys++;
    }
    expect(outs.size).toBeGreaterThan(250);
    expect(sameAcrossKeys).toBeLessThan(10);
    // Same input, other method: another label, so another random stream.
    expect(build(faker, { method: 'company.buzzNoun' })('x', R)).not.toBe(build(faker, { method: 'company.catchPhraseNoun' })('x', R));
  });

  it('keys on the canonical form of the input (§0.2)', () => {
    const mask = build(faker, { method: 'company.name' });
    expect(mask('  Jansen   BV ', R)).toBe(mask('Jansen BV', R));
  });

  it('rejects unknown modules and methods at config time, with a did-you-mean', () => {
    const issues = (method: string): string[] => faker.params.safeParse({ method }).error?.issues.map((i) => i.message) ?? [];
    expect(issues('nope.nothing')).toEqual(['faker has no module "nope"']);
    expect(issues('person.frstName')[0]).toContain('did you mean "person.firstName"');
    expect(issues('compnay.name')[0]).toContain('did you mean "company"');
    expect(issues('company')[0]).toContain('<module>.<method>');
    expect(issues('helpers.fake')).toHaveLength(1);
    expect(issues('person.constructor')).toHaveLength(1);
    expect(issues('person.toString')).toHaveLength(1);
    expect(issues('date.past')[0]).toContain('does not return a string or number');
    expect(faker.params.safeParse({ method: 'company.name', extra: 1 }).success).toBe(false);
    expect(faker.params.safeParse({}).success).toBe(false);
    expect(faker.params.safeParse({ method: 'company.name' }).success).toBe(true);
    const path = faker.params.safeParse({ method: 'nope.nothing' }).error?.issues[0]?.path;
    expect(path).toEqual(['method']);
  });

  it('passes options, and checks numeric columns', () => {
    const dice = build(faker, { method: 'number.int', options: { min: 1, max: 6 } }, { kind: 'integer', sqlType: 'integer' });
    for (let i = 0; i < 50; i++) expect(dice(String(i), R)).toMatch(/^[1-6]$/);
    const names = build(faker, { method: 'company.name' }, { kind: 'integer', sqlType: 'integer' });
    expect(maskgateError(() => names('12', R)).message).not.toContain('12');
  });

  test.prop([fc.string({ minLength: 1, maxLength: 20 })])('fits varchar(n)', (input) => {
    expect([...build(faker, { method: 'company.name' }, { sqlType: 'character varying(6)' })(input, R)!].length).toBeLessThanOrEqual(6);
  });

  it('documents that its output may equal its input', () => {
    expect(faker.outputMayEqualInput).toBe(true);
    expect(faker.preservesUniqueness).toBe(false);
    expect(() => z.toJSONSchema(faker.params, { io: 'input' })).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// json
// ---------------------------------------------------------------------------------------------

const JSON_COL: Partial<ColumnInfo> = { name: 'gegevens', kind: 'json', sqlType: 'jsonb' };

/** A json mask function for `paths` on a jsonb column. */
function jsonMask(paths: Record<string, unknown>, others: 'keep' | 'fail' = 'fail', key = TEST_KEY): MaskFn {
  return build(json, { paths, others }, JSON_COL, key);
}

/** PostgreSQL's jsonb text style: `", "` between members, `": "` after names. */
function jsonbText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(jsonbText).join(', ')}]`;
  if (typeof v === 'object' && v !== null) return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${jsonbText(x)}`).join(', ')}}`;
  return JSON.stringify(v);
}

/** Valid BSNs, canonical form. */
const bsnInput = fc.integer({ min: 10_000_000, max: 99_999_999 }).map((prefix) => {
  const p = String(prefix);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (p.charCodeAt(i) - 48);
  return sum % 11 === 10 ? null : p + (sum % 11);
}).filter((c): c is string => c !== null);

const emailInput = fc.tuple(fc.stringMatching(/^[a-z]{2,10}$/), fc.constantFrom('example.nl', 'voorbeeld.org')).map(([l, d]) => `${l}@${d}`);
const nameInput = fc.constantFrom('Jan', 'Piet', 'Klaas', 'Marieke', 'Fatima', 'Sven');

/** String and number leaves of a parsed document, with their paths. */
function leaves(v: unknown, path = '$', out: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${path}[${i}]`, out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) leaves(x, `${path}[${JSON.stringify(k)}]`, out);
  else if (typeof v === 'string' || typeof v === 'number') out.push([path, v]);
  return out;
}

describe('json', () => {
  const PERSON_PATHS = { '$.naam': 'first_name', '$.kinderen[*].bsn': 'bsn', '$..email': 'email' };

  it('masks the documented example and keeps jsonb formatting', () => {
    const mask = jsonMask({ '$.naam': 'first_name', '$.adres.postcode': { mask: 'postcode' }, '$.kinderen[*].bsn': 'bsn', '$..email': 'email' }, 'keep');
    const input = '{"naam": "Jan", "adres": {"postcode": "1234 AB", "huisnummer": 12}, "kinderen": [{"bsn": "111222333"}, {"bsn": 123456782}], "contact": {"email": "jan@example.nl"}}';
    const out = mask(input, R)!;
    const a = JSON.parse(input) as { naam: string; adres: { postcode: string; huisnummer: number }; kinderen: { bsn: string | number }[]; contact: { email: string } };
    const b = JSON.parse(out) as typeof a;
    expect(out).toBe(jsonbText(b));
    expect(b.naam).not.toBe(a.naam);
    expect(b.adres.postcode).toMatch(/^[1-9]\d{3} [A-Z]{2}$/);
    expect(b.adres.postcode).not.toBe(a.adres.postcode);
    expect(b.adres.huisnummer).toBe(12);
    expect(typeof b.kinderen[0]!.bsn).toBe('string');
    expect(isBsn(b.kinderen[0]!.bsn as string)).toBe(true);
    expect(typeof b.kinderen[1]!.bsn).toBe('number');
    expect(b.kinderen[1]!.bsn).not.toBe(123456782);
    expect(b.contact.email).not.toBe(a.contact.email);
  });

  it('maps a BSN or e-mail in JSON to the same fake as the top-level masker', () => {
    const mask = jsonMask(PERSON_PATHS, 'keep');
    const bsnText = build(maskerRegistry.get('bsn')!)('111222333', R);
    const bsnInt = build(maskerRegistry.get('bsn')!, {}, { kind: 'integer', sqlType: 'integer' })('123456782', R)!;
    const email = build(maskerRegistry.get('email')!)('jan@example.nl', R);
    const out = JSON.parse(mask('{"kinderen": [{"bsn": "111222333"}, {"bsn": 123456782}], "x": [{"email": "jan@example.nl"}]}', R)!) as {
      kinderen: { bsn: unknown }[]; x: { email: string }[];
    };
    expect(out.kinderen[0]!.bsn).toBe(bsnText);
    expect(out.kinderen[1]!.bsn).toBe(Number(bsnInt));
    expect(out.x[0]!.email).toBe(email);
  });

  test.prop([
    fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => !['naam', 'kinderen', 'email'].includes(k)), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
    nameInput, fc.array(bsnInput, { maxLength: 4 }), fc.array(emailInput, { minLength: 1, maxLength: 3 }), fc.boolean(),
  ])('masks every planted PII path, keeps the rest with others: keep, fails closed with others: fail', (noise, naam, bsns, emails, jsonb) => {
    // Planted e-mails sit at several depths, for the `..email` rule.
    const doc: Record<string, unknown> = {
      ...noise, naam, kinderen: bsns.map((bsn) => ({ bsn })), email: emails[0],
      diep: { lijst: emails.slice(1).map((email) => ({ email, n: null, ok: true })) },
    };
    const input = jsonbText(doc);
    const masked = JSON.parse(jsonMask(PERSON_PATHS, 'keep')(jsonb ? input : JSON.stringify(doc), R)!) as Record<string, unknown>;
    // Compared with the document as JSON carries it (-0 is written as 0).
    const before = new Map(leaves(JSON.parse(JSON.stringify(doc)) as Record<string, unknown>));
    const after = new Map(leaves(masked));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, v] of before) {
      const pii = /^\$\["naam"\]$|\["bsn"\]$|\["email"\]$/.test(path);
      if (!pii) expect(after.get(path)).toEqual(v);
      else expect(after.get(path)).not.toBe(v);
      if (path.endsWith('["bsn"]')) expect(isBsn(after.get(path) as string)).toBe(true);
      if (path.endsWith('["email"]')) expect(after.get(path)).toMatch(/@/);
    }
    const uncovered = [...before.keys()].some((p) => !/^\$\["naam"\]$|\["bsn"\]$|\["email"\]$/.test(p));
    const strict = jsonMask(PERSON_PATHS, 'fail');
    if (uncovered) expect(maskgateError(() => strict(input, R)).message).toMatch(/no json path rule covers/);
    else expect(strict(input, R)).toBe(jsonbText(masked));
  });

  test.prop([fc.jsonValue({ maxDepth: 4 })])('a document with a string or number leaf outside every rule fails closed, naming only the path', (doc) => {
    const input = JSON.stringify(doc);
    const mask = jsonMask({ '$.x1.y2.z3.w4.v5.u6': 'keep' });
    if (leaves(doc).length === 0) {
      expect(mask(input, R)).toBe(input);
    } else {
      const err = maskgateError(() => mask(input, R));
      expect(err.code).toBe('MASKER_FAILED');
      // Short random strings (" th") can occur in the message's own words; 9+ characters cannot by chance.
      for (const [, v] of leaves(doc)) if (String(v).length > 8) expect(err.message).not.toContain(String(v));
    }
  });

  test.prop([fc.jsonValue({ maxDepth: 4 })])('others: keep with no matching path gives the input back unchanged', (doc) => {
    const input = jsonbText(doc);
    expect(jsonMask({ '$.x1.y2.z3.w4.v5.u6': 'bsn' }, 'keep')(input, R)).toBe(input);
  });

  test.prop([fc.jsonValue({ maxDepth: 3 }), fc.boolean()])('deterministic across fresh contexts, and different per key', (doc, jsonb) => {
    const input = jsonb ? jsonbText({ naam: 'Marieke', doc }) : JSON.stringify({ naam: 'Marieke', doc });
    const paths = { '$.naam': 'first_name', '$.doc': 'text' };
    const out = jsonMask(paths)(input, R);
    expect(jsonMask(paths)(input, row('x'))).toBe(out);
  });

  test.prop([fc.string({ maxLength: 30 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } })])(
    'unparsable JSON fails the run without quoting the value', (input) => {
      const err = maskgateError(() => jsonMask({ '$': 'keep' }, 'keep')(input, R));
      expect(err.message).toMatch(/not valid JSON/);
      if (input.trim().length > 5) expect(err.message).not.toContain(input.trim());
    });

  it('rejects what JSON.parse rejects, and accepts what it accepts', () => {
    const mask = jsonMask({ '$': 'keep' });
    for (const bad of ['{"a": 1,}', '[1 2]', '{a: 1}', "{'a': 1}", '01', '1.', '.5', '-', '"\t"', '"\\x"', '"\\u12G4"', 'tru', 'nul', '{"a"}', '[', '"abc', '1 2', 'NaN'])
      expect(() => mask(bad, R), bad).toThrow(MaskgateError);
    for (const good of ['0', '-0.5e+10', '"\\u00e9\\n"', ' {"a" : [ ] } ', 'null', '[true,false,null]', '{}'])
      expect(mask(good, R)).toBe(good);
  });

  it('keeps key order, integer-like keys, big numbers, escapes and whitespace as they were', () => {
    const mask = jsonMask({ '$.naam': 'first_name' }, 'keep');
    const input = '{ "b":1,"2": 12345678901234567890123,\n "naam" :"Jan\\u0020", "a":"\\"x\\"" }';
    const out = mask(input, R)!;
    expect(out.replace(/"naam" :"[^"]*"/, '')).toBe(input.replace(/"naam" :"[^"]*"/, ''));
    expect(out).not.toContain('Jan ');
  });

  it('lets the deepest matching rule win, then the first listed', () => {
    const mask = jsonMask({ '$.notitie': 'keep', '$.notitie.bsn': 'bsn', '$..naam': 'first_name', '$.x.naam': 'keep' });
    const out = JSON.parse(mask('{"notitie": {"tekst": "blijft", "bsn": "111222333"}, "x": {"naam": "Jan"}}', R)!) as {
      notitie: { tekst: string; bsn: string }; x: { naam: string };
    };
    expect(out.notitie.tekst).toBe('blijft');
    expect(out.notitie.bsn).not.toBe('111222333');
    expect(out.x.naam).not.toBe('Jan');
  });

  it('a null rule replaces the whole node; text and hash work on subtrees and numbers', () => {
    const mask = jsonMask({ '$.adres': 'null', '$.notities': 'text', '$.id': 'hash' });
    const out = JSON.parse(mask('{"adres": {"straat": "Kerkstraat", "nr": [1, 2]}, "notities": ["Belt morgen terug", 7], "id": 42}', R)!) as {
      adres: null; notities: [string, string]; id: string;
    };
    expect(out.adres).toBeNull();
    expect(out.notities[0]).not.toBe('Belt morgen terug');
    expect(out.notities[0]).toHaveLength('Belt morgen terug'.length);
    expect(typeof out.notities[1]).toBe('string');
    expect(out.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('names the uncovered path, generalised in the hint, showing only member names the rules spell out', () => {
    // Names spelled out in the rules are shown; others only by their first two characters.
    const err = maskgateError(() => jsonMask({ '$.a': 'keep', '$.lijst[*].naam': 'first_name' })('{"a": 1, "lijst": [{"naam": "x"}, {"bsn": "111222333"}]}', R));
    expect(err.message).toContain("$.lijst[1]['bs…']");
    expect(err.hint).toContain("$.lijst[*]['bs…']");
    expect(err.message).not.toContain('111222333');
    const odd = maskgateError(() => jsonMask({ '$.a': 'keep' })('{"jan@example.nl": "x"}', R));
    expect(odd.message).not.toContain('jan@example.nl');
    const surname = maskgateError(() => jsonMask({ '$.a': 'keep' })('{"deVries": "x"}', R));
    expect(surname.message).not.toContain('deVries');
  });

  it('validates nested rules with issues at their own paths', () => {
    const issues = json.params.safeParse({
      paths: {
        '$.a': 'frist_name', 'x': 'bsn', '$.b': { mask: 'bsn', foo: 1 }, '$.c': 'json', '$.d': { mask: 'bsn', mode: 3 },
        '$.e': 42, '$.g': 'keep', "$['g']": 'keep', '$.f': { mask: 'email', mode: 'nope' },
      },
    }).error!.issues;
    const at = (p: string): z.core.$ZodIssue[] => issues.filter((i) => i.path[1] === p);
    expect(at('$.a')[0]!.message).toBe('unknown masker "frist_name" (did you mean "first_name"?)');
    expect(at('x')[0]!.message).toMatch(/^invalid path/);
    expect(at('$.b')[0]!.path).toEqual(['paths', '$.b', 'foo']);
    expect(at('$.b')[0]!.message).toContain('unknown option "foo" for masker "bsn"');
    expect(at('$.c')[0]!.message).toContain('cannot use the json masker');
    expect(at('$.d')[0]!.path).toEqual(['paths', '$.d', 'mode']);
    expect(at('$.e')[0]!.message).toContain('expected a masker name');
    expect(at("$['g']")[0]!.message).toContain('same members as "$.g"');
    expect(at('$.f')).toHaveLength(1);
    expect(json.params.safeParse({ paths: {} }).success).toBe(false);
    expect(json.params.safeParse({ paths: { '$.a': 'keep' }, others: 'maybe' }).success).toBe(false);
    expect(json.params.safeParse({ paths: { '$.a': 'keep' }, extra: true }).success).toBe(false);
    expect(() => z.toJSONSchema(json.params, { io: 'input' })).not.toThrow();
  });

  it('parses the JSONPath subset', () => {
    const steps = (p: string): unknown => parseJsonPath(p).steps;
    expect(steps('$')).toEqual([]);
    expect(steps("$.a['b c'][*][2]..d..*")).toEqual([
      { select: { kind: 'key', key: 'a' }, deep: false },
      { select: { kind: 'key', key: 'b c' }, deep: false },
      { select: { kind: 'any' }, deep: false },
      { select: { kind: 'index', index: 2 }, deep: false },
      { select: { kind: 'key', key: 'd' }, deep: true },
      { select: { kind: 'any' }, deep: true },
    ]);
    for (const bad of ['a', '$.', '$[', '$[x]', "$['a", '$..', '$.a b', '$[1'] ) expect(() => parseJsonPath(bad), bad).toThrow();
  });

  it('nests faker, with the same output as a faker column', () => {
    const mask = jsonMask({ '$.bedrijf': { mask: 'faker', method: 'company.name' } });
    const out = JSON.parse(mask('{"bedrijf": "Jansen BV"}', R)!) as { bedrijf: string };
    expect(out.bedrijf).toBe(build(faker, { method: 'company.name' })('Jansen BV', R));
    const issues = json.params.safeParse({ paths: { '$.x': { mask: 'faker', method: 'nope.nothing' } } }).error!.issues;
    expect(issues[0]).toMatchObject({ path: ['paths', '$.x', 'method'], message: 'faker has no module "nope"' });
  });

  it('checks every leaf its nested masker must change', () => {
    // `hash` never returns its input; a document whose leaf already is that hash still changes.
    const mask = jsonMask({ '$.h': 'hash' });
    const once = JSON.parse(mask('{"h": "abc"}', R)!) as { h: string };
    expect(JSON.parse(mask(JSON.stringify(once), R)!)).not.toEqual(once);
  });

  it('refuses documents nested too deeply rather than overflow', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(maskgateError(() => jsonMask({ '$': 'keep' })(deep, R)).message).toMatch(/nested more than/);
  });

  it('reports a nested problem at its YAML line and column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mg-json-'));
    try {
      const file = join(dir, 'rules.yaml');
      await writeFile(file, [
        'version: 1',
        'tables:',
        '  public.person:',
        '    columns:',
        '      gegevens:',
        '        mask: json',
        '        paths:',
        '          "$.naam": frist_name',
        '          "$.bsn": { mask: bsn, mdoe: x }',
        '',
      ].join('\n'));
      const err = await loadRules(file, {}, { sourceGiven: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigErrors);
      const list = (err as ConfigErrors).issues;
      expect(list.find((i) => i.message.includes('frist_name'))).toMatchObject({ line: 8, col: 21 });
      expect(list.find((i) => i.message.includes('mdoe'))).toMatchObject({ line: 9 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
