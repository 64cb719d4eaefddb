import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { MaskgateError } from '../../../src/errors.js';
import { bsnRemainder, isOnderwijsnummer } from '../../../src/detectors/bsn.js';
import { bsnCanonical, compact, isBsn } from '../../../src/keyed/canonicalize.js';
import { RVIG_CITED_TEST_BSNS, RVIG_GENERAL_BSNS, RVIG_INVALID_TEST_NUMBER, RVIG_LEADING_ZERO_BSNS } from '../../../src/maskers/data/rvig-test-bsns.js';
import { TEST_BLOCK_CAPACITY, TEST_BLOCK_LABEL } from '../../../src/maskers/bsn-test-block.js';
import { UniquePool } from '../../../src/maskers/unique-pool.js';
import { context, definition, maskerFor, row } from './support.js';

/** Canonical 9-digit BSN from an 8-digit prefix, or null when the prefix has no check digit (§1.2). */
function withCheckDigit(prefix: number): string | null {
  const p = String(prefix).padStart(8, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (p.charCodeAt(i) - 48);
  const r = sum % 11;
  return r === 10 ? null : p + r;
}

/** Elfproef-valid canonical BSNs (9 digits, leading zeros kept), from the whole space. */
const validBsn = fc
  .integer({ min: 1, max: 99_999_999 })
  .map(withCheckDigit)
  .filter((c): c is string => c !== null);

/** Elfproef-valid BSNs outside the 00-block, i.e. the values a real person can have. */
const issuableBsn = fc
  .integer({ min: 10_000_000, max: 99_999_999 })
  .map(withCheckDigit)
  .filter((c): c is string => c !== null);

type Layout = '4-2-3' | '3-3-3' | '2-2-2-3';
const GROUPS: Record<Layout, number[]> = { '4-2-3': [4, 2, 3], '3-3-3': [3, 3, 3], '2-2-2-3': [2, 2, 2, 3] };
const layout = fc.constantFrom<Layout>('4-2-3', '3-3-3', '2-2-2-3');
const separator = fc.constantFrom(' ', '.', '-');

/** Writes a 9-digit BSN in one of the §1.3 notations. */
function notate(bsn9: string, l: Layout, sep: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const n of GROUPS[l]) {
    parts.push(bsn9.slice(at, at + n));
    at += n;
  }
  return parts.join(sep);
}

/** The regex of one notation with one specific separator. */
function notationRegex(l: Layout, sep: string): RegExp {
  const s = sep === '.' ? '\\.' : sep;
  return new RegExp(`^${GROUPS[l].map((n) => `\\d{${n}}`).join(s)}$`);
}

/** A masked value is a valid BSN in the never-issued 00-block 000000001–009999999 (§1.8 A). */
function expectTestBlockBsn(out: string | null): void {
  expect(out).not.toBeNull();
  const c = bsnCanonical(out!);
  expect(c).not.toBeNull();
  expect(c).toMatch(/^00\d{7}$/);
  expect(c).not.toBe('000000000');
  expect(isBsn(c!)).toBe(true);
}

describe('bsn masker, mode test-block: dutch-pii.md §1.8 test vectors', () => {
  it('reproduces the vectors for key "maskgate-test-key", processed in order', () => {
    const { apply } = maskerFor('bsn');
    const vectors: [input: string, canonical: string, output: string][] = [
      ['111222333', '111222333', '005135266'],
      ['1112.22.333', '111222333', '005135266'],
      ['123456782', '123456782', '003088133'],
      ['12345672', '012345672', '003826946'],
      ['999990019', '999990019', '005229054'],
      ['249566758', '249566758', '006117910'],
    ];
    for (const [input, canonical, output] of vectors) {
      expect(bsnCanonical(input)).toBe(canonical);
      const out = apply(input);
      expect(bsnCanonical(out!), input).toBe(output);
    }
  });

  it('keeps the notation of the vectors: 4-2-3 stays 4-2-3, an 8-digit text value stays 8 digits', () => {
    const { apply } = maskerFor('bsn');
    expect(apply('111222333')).toBe('005135266');
    // Same person, other notation → same fake, written in the input's notation.
    expect(apply('1112.22.333')).toBe('0051.35.266');
    expect(apply('123456782')).toBe('003088133');
    // A text value of 8 digits is the BSN 012345672 (§1.1) without its leading zero; the fake
    // 003826946 is written the same way, so it fits the same column.
    expect(apply('12345672')).toBe('03826946');
    expect(apply('999990019')).toBe('005229054');
    expect(apply('249566758')).toBe('006117910');
  });

  it('gives the vectors without leading zeros in an integer column', () => {
    const { apply } = maskerFor('bsn', {}, { kind: 'integer', sqlType: 'integer' });
    expect(apply('111222333')).toBe('5135266');
    expect(apply('123456782')).toBe('3088133');
    expect(apply('12345672')).toBe('3826946');
    expect(apply('999990019')).toBe('5229054');
    expect(apply('249566758')).toBe('6117910');
  });

  it('the documented check of 005135266 holds', () => {
    expect(isBsn('005135266')).toBe(true);
  });
});

describe('bsn masker, mode test-block: properties', () => {
  test.prop([fc.oneof(validBsn, fc.string({ maxLength: 20 }).filter((s) => s.trim() !== ''))])('output is an elfproef-valid BSN in 000000001–009999999', (input) => {
    expectTestBlockBsn(maskerFor('bsn').apply(input));
  });

  test.prop([fc.uniqueArray(validBsn, { minLength: 1, maxLength: 50 })])(
    'is deterministic for a fixed key: same input order → same outputs, and a repeat gives the same fake',
    (inputs) => {
      const a = maskerFor('bsn');
      const b = maskerFor('bsn');
      const first = inputs.map((v) => a.apply(v));
      expect(inputs.map((v) => b.apply(v))).toEqual(first);
      expect(inputs.map((v) => a.apply(v))).toEqual(first);
    },
  );

  test.prop([fc.string({ minLength: 1, maxLength: 32 }), fc.string({ minLength: 1, maxLength: 32 })])(
    'differs across keys (mostly)',
    (k1, k2) => {
      fc.pre(k1 !== k2);
      const inputs = ['111222333', '123456782', '012345672', '999990019', '249566758', '999993653', '000000012', '101222331'];
      const a = maskerFor('bsn', {}, {}, k1);
      const b = maskerFor('bsn', {}, {}, k2);
      const same = inputs.filter((v) => a.apply(v) === b.apply(v)).length;
      // Each coincidence has probability ~1/909,090.
      expect(same).toBeLessThanOrEqual(1);
    },
  );

  test.prop([fc.uniqueArray(validBsn, { minLength: 2, maxLength: 300 })])(
    'is injective on a unique column: distinct canonical inputs get distinct outputs within one pool',
    (inputs) => {
      const { apply } = maskerFor('bsn', {}, { unique: true });
      const outs = inputs.map((v) => apply(v));
      expect(new Set(outs).size).toBe(inputs.length);
    },
  );

  test.prop([validBsn, layout, separator])('every notation of one BSN gets the same fake (canonical key, §0.2)', (bsn9, l, sep) => {
    const { apply } = maskerFor('bsn');
    const plain = apply(bsn9);
    expect(compact(apply(notate(bsn9, l, sep))!)).toBe(plain);
    // Without its leading zero (8 digits) it is the same BSN: same fake, written with 8 digits too.
    if (bsn9.startsWith('0')) expect(bsnCanonical(apply(bsn9.slice(1))!)).toBe(plain);
  });

  test.prop([validBsn, layout, separator])('keeps 4-2-3 / 3-3-3 / 2-2-2-3 notation with the same separator', (bsn9, l, sep) => {
    const input = notate(bsn9, l, sep);
    const out = maskerFor('bsn').apply(input)!;
    expect(out).toMatch(notationRegex(l, sep));
    expectTestBlockBsn(out);
  });

  test.prop([validBsn])('keeps the plain 9-digit notation', (bsn9) => {
    expect(maskerFor('bsn').apply(bsn9)).toMatch(/^\d{9}$/);
  });

  test.prop([validBsn, fc.constantFrom('integer' as const, 'numeric' as const)])(
    'an integer or numeric column gets digits without leading zeros',
    (bsn9, kind) => {
      const input = String(Number(bsn9));
      const out = maskerFor('bsn', {}, { kind, sqlType: kind }).apply(input)!;
      expect(out).toMatch(/^[1-9]\d{0,6}$/);
      expect(isBsn(out.padStart(9, '0'))).toBe(true);
    },
  );

  test.prop([fc.string({ maxLength: 24 }).filter((s) => !isBsn(s) && s.trim() !== '')])('an invalid BSN is still masked, never returned unchanged', (input) => {
    const out = maskerFor('bsn').apply(input);
    expect(out).not.toBe(input);
    expectTestBlockBsn(out);
  });

  test.prop([fc.constantFrom('123456789', '111222334', '999998620', '000000000', '1234567890', '12345678', '1234.56-782', '101222331', 'NL123456782B01')])(
    'the invalid examples of §1.9 are masked to valid test-block BSNs',
    (input) => {
      const out = maskerFor('bsn').apply(input);
      expect(out).not.toBe(input);
      expectTestBlockBsn(out);
    },
  );

  test.prop([issuableBsn])('never outputs an issuable BSN (verifier rule L6 of §1.8)', (bsn9) => {
    expect(Number(maskerFor('bsn').apply(bsn9))).toBeLessThan(10_000_000);
  });

  test.prop([fc.uniqueArray(validBsn, { minLength: 1, maxLength: 30 })])(
    'columns that share the run state draw from one pool, so joins survive (patient.bsn = claim.bsn)',
    (inputs) => {
      const def = definition('bsn');
      const params = def.params.parse({});
      const ctx = context({ name: 'bsn' });
      const patient = def.create(params, ctx);
      const claim = def.create(params, { ...ctx, table: { schema: 'public', name: 'claim' }, column: { ...ctx.column, name: 'patient_bsn' } });
      const asInteger = def.create(params, { ...ctx, column: { ...ctx.column, kind: 'integer', sqlType: 'bigint' } });
      const r = row('1');
      for (const v of inputs) {
        const p = patient(v, r)!;
        expect(claim(v, r)).toBe(p);
        // Integer form of BSNs with 8 or 9 significant digits; shorter ones: see the re-pad test below.
        if (Number(v) >= 10_000_000) expect(asInteger(String(Number(v)), r)).toBe(String(Number(p)));
      }
    },
  );

  // §0.2 step 4: integer columns lose leading zeros and MUST be re-padded. 000000012 (RvIG test
  // BSN 1) stored as integer 12 has fewer than 8 digits, so bsnCanonical() alone rejects it; keyed
  // on "12" the integer column would get another fake than a text column with the same BSN.
  it('an integer column re-pads before canonicalising (000000012 stored as 12)', () => {
    const def = definition('bsn');
    const params = def.params.parse({});
    const ctx = context();
    const text = def.create(params, ctx);
    const integer = def.create(params, { ...ctx, column: { ...ctx.column, kind: 'integer', sqlType: 'integer' } });
    const fake = text('000000012', row('1'))!;
    expect(integer('12', row('1'))).toBe(String(Number(fake)));
  });

  it('fails closed once half of the 00-block is assigned (§1.8)', () => {
    expect(TEST_BLOCK_CAPACITY).toBe(454_545);
    const def = definition('bsn');
    const ctx = context({ unique: true });
    // The run-scoped pool under the §1.8 label, with a tiny capacity so the test stays fast; the
    // masker uses the same UniquePool with TEST_BLOCK_CAPACITY.
    ctx.shared(`unique-pool:${TEST_BLOCK_LABEL}`, () => new UniquePool('bsn', 2));
    const mask = def.create(def.params.parse({}), ctx);
    const first = mask('111222333', row('1'));
    mask('123456782', row('1'));
    // A BSN seen before still maps to its fake; a new one fails the run instead of probing on.
    expect(mask('1112.22.333', row('1'))).toBe(`${first!.slice(0, 4)}.${first!.slice(4, 6)}.${first!.slice(6)}`);
    expect(() => mask('249566758', row('1'))).toThrow(MaskgateError);
  });

  // Found by exhaustive search over the 00-block with a fresh pool: the first candidate drawn for
  // 006699595 is 006699595 itself; an RvIG test BSN or an already-masked dump must still change.
  it('never returns a 00-block input unchanged (regression: 006699595 with a fresh pool)', () => {
    const out = maskerFor('bsn').apply('006699595');
    expectTestBlockBsn(out);
    expect(out).not.toBe('006699595');
  });
});

describe('bsn masker, mode format-preserving (§1.8 C)', () => {
  const fpe = (key?: string) => maskerFor('bsn', { mode: 'format-preserving' }, {}, key);

  test.prop([validBsn])('maps a valid BSN to a valid 9-digit BSN', (bsn9) => {
    const out = fpe().apply(bsn9)!;
    expect(out).toMatch(/^\d{9}$/);
    expect(isBsn(out)).toBe(true);
  });

  test.prop([fc.uniqueArray(validBsn, { minLength: 2, maxLength: 200 })])('is injective and stateless (independent of input order)', (inputs) => {
    const a = fpe();
    const b = fpe();
    const outs = inputs.map((v) => a.apply(v));
    expect(new Set(outs).size).toBe(inputs.length);
    expect([...inputs].reverse().map((v) => b.apply(v))).toEqual([...outs].reverse());
  });

  test.prop([validBsn, layout, separator])('keeps notation and the canonical key', (bsn9, l, sep) => {
    const m = fpe();
    const out = m.apply(notate(bsn9, l, sep))!;
    expect(out).toMatch(notationRegex(l, sep));
    expect(compact(out)).toBe(m.apply(bsn9));
  });

  // The permutation uses up every valid BSN, so a non-BSN input that got a valid BSN would share
  // it with the image of some BSN; on a unique column that broke the restore. It now gets a mode D
  // value, which no valid BSN maps to (see bsn-format-preserving.test.ts for the collision test).
  test.prop([fc.string({ maxLength: 24 }).filter((s) => !isBsn(s) && s.trim() !== '')])('masks a non-BSN input to a never-valid value (weighted sum ≡ 1)', (input) => {
    const out = fpe().apply(input)!;
    expect(out).not.toBe(input);
    expect(isBsn(out)).toBe(false);
    expect(bsnRemainder(bsnCanonical(out)!)).toBe(1);
  });

  test.prop([validBsn])('depends on the key', (bsn9) => {
    // A permutation per key: agreement between two keys is a ~1e-8 coincidence.
    expect(fpe('key-one').apply(bsn9)).not.toBe(fpe('key-two').apply(bsn9));
  });

  // 116894416 was a fixed point of the bare cycle-walked Feistel permutation under the test key
  // (found by exhaustive search); the masker now conjugates a single cycle, which has none.
  it('never returns its input (regression: 116894416 under the test key)', () => {
    expect(fpe().apply('116894416')).not.toBe('116894416');
  });
});

describe('bsn masker: integer columns in both modes', () => {
  test.prop([bsnInput00(), fc.constantFrom('test-block', 'format-preserving')])(
    'a 00-block BSN stored as an integer gets the fake of its 9-digit text form',
    (bsn9, mode) => {
      const def = definition('bsn');
      const params = def.params.parse({ mode });
      const ctx = context();
      const text = def.create(params, ctx);
      const integer = def.create(params, { ...ctx, column: { ...ctx.column, kind: 'integer', sqlType: 'bigint' } });
      expect(integer(String(Number(bsn9)), row('1'))).toBe(String(Number(text(bsn9, row('1')))));
    },
  );
});

/** Valid BSNs in the 00-block (≤ 7 significant digits), where RvIG's own test numbers live. */
function bsnInput00(): fc.Arbitrary<string> {
  return fc
    .integer({ min: 1, max: 999_999 })
    .map(withCheckDigit)
    .filter((c): c is string => c !== null);
}

const MODES = ['test-block', 'rvig-test', 'format-preserving', 'invalid'] as const;
type Mode = (typeof MODES)[number];
const mode = fc.constantFrom(...MODES);
const RVIG = new Set([...RVIG_LEADING_ZERO_BSNS, ...RVIG_GENERAL_BSNS]);

/** What every output of `m` must be, as a canonical 9-digit string, for a valid-BSN input. */
function expectModeOutput(m: Mode, out: string): void {
  const c = bsnCanonical(out);
  expect(c, out).not.toBeNull();
  if (m === 'test-block') expect(Number(c) < 10_000_000 && isBsn(c!)).toBe(true);
  if (m === 'rvig-test') expect(RVIG.has(c!)).toBe(true);
  if (m === 'format-preserving') expect(isBsn(c!)).toBe(true);
  if (m === 'invalid') {
    expect(bsnRemainder(c!)).toBe(1);
    expect(isOnderwijsnummer(c!)).toBe(false);
  }
}

describe('bsn masker: options', () => {
  it('accepts the four §1.8 modes and defaults to test-block', () => {
    const def = definition('bsn');
    expect(def.params.parse({})).toEqual({ mode: 'test-block' });
    for (const m of MODES) expect(def.params.parse({ mode: m })).toEqual({ mode: m });
    expect(def.columnKinds).toContain('integer');
    expect(def.preservesUniqueness).toBe(true);
    expect(def.outputMayEqualInput).toBe(false);
  });

  test.prop([fc.oneof(
    fc.record({ mode: fc.string().filter((s) => !(MODES as readonly string[]).includes(s)) }),
    fc.record({ mode: mode, extra: fc.anything() }),
    fc.record({ mode: fc.constantFrom(1, null, true, ['test-block']) }),
  )])('rejects unknown modes, wrong types and unknown keys', (opts) => {
    expect(definition('bsn').params.safeParse(opts).success).toBe(false);
  });
});

describe('bsn masker: every mode', () => {
  test.prop([mode, validBsn])('output belongs to the mode\'s space and differs from the input', (m, bsn9) => {
    const out = maskerFor('bsn', { mode: m }).apply(bsn9)!;
    expect(out).not.toBe(bsn9);
    expectModeOutput(m, out);
  });

  test.prop([mode, fc.string({ maxLength: 24 }).filter((s) => s.trim() !== '' && !isBsn(s))])('a non-BSN input is masked too, deterministically, never passed through', (m, input) => {
    const out = maskerFor('bsn', { mode: m }).apply(input)!;
    expect(out).not.toBe(input);
    expect(compact(out)).not.toBe(compact(input));
    expect(bsnCanonical(out)).not.toBeNull();
    expect(maskerFor('bsn', { mode: m }).apply(input)).toBe(out);
  });

  test.prop([mode, fc.constantFrom('', ' ', '   ', '\t')])('an empty or blank value stays empty', (m, blank) => {
    expect(maskerFor('bsn', { mode: m }).apply(blank)).toBe('');
  });

  test.prop([mode, fc.uniqueArray(validBsn, { minLength: 1, maxLength: 40 }), fc.boolean()])(
    'is deterministic across fresh contexts for the same processing order',
    (m, inputs, unique) => {
      const a = maskerFor('bsn', { mode: m }, { unique });
      const b = maskerFor('bsn', { mode: m }, { unique });
      const first = inputs.map((v) => a.apply(v));
      expect(inputs.map((v) => b.apply(v))).toEqual(first);
      expect(inputs.map((v) => a.apply(v))).toEqual(first);
    },
  );

  test.prop([mode, fc.uniqueArray(issuableBsn, { minLength: 20, maxLength: 20 })])('depends on the secret key', (m, inputs) => {
    const a = maskerFor('bsn', { mode: m }, {}, 'first-secret-key');
    const b = maskerFor('bsn', { mode: m }, {}, 'second-secret-key');
    const same = inputs.filter((v) => a.apply(v) === b.apply(v)).length;
    // rvig-test draws from 909 values, so a few coincidences are expected there; elsewhere ~1e-6 each.
    expect(same).toBeLessThanOrEqual(m === 'rvig-test' ? 3 : 1);
  });

  test.prop([mode, validBsn, layout, separator])('keeps the notation, separators in the same places', (m, bsn9, l, sep) => {
    const mm = maskerFor('bsn', { mode: m });
    const out = mm.apply(notate(bsn9, l, sep))!;
    expect(out).toMatch(notationRegex(l, sep));
    expect(out.replace(/\D/g, '')).toBe(mm.apply(bsn9));
  });

  it('keeps notations beyond §1.3 as well: 3-2-4 dashes, surrounding whitespace kept (distinct values of a unique column stay distinct)', () => {
    for (const m of MODES) {
      const mm = maskerFor('bsn', { mode: m });
      const plain = mm.apply('111222333')!;
      expect(mm.apply('111-22-2333')).toBe(`${plain.slice(0, 3)}-${plain.slice(3, 5)}-${plain.slice(5)}`);
      expect(mm.apply('  111222333 ')).toBe(`  ${plain} `);
      expect(mm.apply(' 111 222 333\t')).toBe(` ${plain.slice(0, 3)} ${plain.slice(3, 6)} ${plain.slice(6)}\t`);
      expect(maskerFor('bsn', { mode: m }, { sqlType: 'character(9)' }).apply(' 111222333')).toBe(plain);
      // Mixed separators are no §1.3 notation, but the digits are the BSN: same fake, same layout.
      expect(mm.apply('1112.22-333')).toBe(`${plain.slice(0, 4)}.${plain.slice(4, 6)}-${plain.slice(6)}`);
    }
  });

  test.prop([mode, fc.integer({ min: 1_000_000, max: 9_999_999 })])(
    'an 8-digit input (leading zero dropped) gets an 8-digit output: every mode keeps a leading zero',
    (m, p) => {
      const d = (() => { let s = 0; let q = p; for (let w = 2; w <= 9; w++) { s += w * (q % 10); q = Math.floor(q / 10); } return s % 11; })();
      fc.pre(d !== 10);
      const eight = `${p}${d}`;
      expect(eight).toHaveLength(8);
      const mm = maskerFor('bsn', { mode: m });
      const out = mm.apply(eight)!;
      expect(out).toMatch(/^\d{8}$/);
      expect(`0${out}`).toBe(mm.apply(`0${eight}`));
      expectModeOutput(m, out);
    },
  );

  test.prop([mode, validBsn, fc.constantFrom('integer' as const, 'numeric' as const)])(
    'an integer column gets the fake as an integer without leading zeros, equal to the text column\'s fake',
    (m, bsn9, kind) => {
      const def = definition('bsn');
      const params = def.params.parse({ mode: m });
      const ctx = context();
      const text = def.create(params, ctx);
      const integer = def.create(params, { ...ctx, column: { ...ctx.column, kind, sqlType: kind } });
      const out = integer(String(Number(bsn9)), row('1'))!;
      expect(out).toMatch(/^[1-9]\d{0,8}$/);
      expect(out).toBe(String(Number(text(bsn9, row('1')))));
    },
  );

  test.prop([mode, fc.oneof(validBsn, fc.string({ minLength: 1, maxLength: 12 })), fc.constantFrom('character varying(8)', 'character(8)', 'varchar(9)', 'character(9)', 'character varying(11)')])(
    'fits the column length wherever the input fitted',
    (m, input, sqlType) => {
      const max = Number(/\((\d+)\)/.exec(sqlType)![1]);
      fc.pre(input.trim() !== '' && input.length <= max);
      const out = maskerFor('bsn', { mode: m }, { sqlType })!.apply(input)!;
      expect(out.length).toBeLessThanOrEqual(max);
      expect(bsnCanonical(out)).not.toBeNull();
    },
  );

  it('refuses a column too short for any BSN before any row moves', () => {
    const def = definition('bsn');
    expect(() => def.create(def.params.parse({}), context({ sqlType: 'character varying(7)' }))).toThrow(MaskgateError);
  });

  // format-preserving: see bsn-format-preserving.test.ts; rvig-test has 1,817 values (capacity tests below).
  for (const m of ['test-block', 'invalid'] as const) {
    for (const kind of ['text', 'integer'] as const) {
      it(`${m}: a unique ${kind} column with 100,000 distinct BSNs gets 100,000 distinct fakes`, () => {
        const { mask } = maskerFor('bsn', { mode: m }, { unique: true, kind, sqlType: kind });
        const r = row('1');
        const seen = new Set<string>();
        let n = 0;
        for (let p = 24_956_675; n < 100_000; p += 3) {
          const c = withCheckDigit(p);
          if (c === null) continue;
          n++;
          const out = mask(kind === 'integer' ? String(Number(c)) : c, r)!;
          seen.add(out);
          if (n % 997 === 0) expectModeOutput(m, out.padStart(9, '0'));
        }
        expect(seen.size).toBe(100_000);
      });
    }
  }
});

describe('bsn masker, mode rvig-test (§1.4, §1.8 B)', () => {
  const rvig = (col: Parameters<typeof maskerFor>[2] = {}) => maskerFor('bsn', { mode: 'rvig-test' }, col);

  it('ships the two RvIG blocks: 908 leading-zero and 909 general numbers, all valid, with the cited ones', () => {
    expect(RVIG_LEADING_ZERO_BSNS).toHaveLength(908);
    expect(RVIG_GENERAL_BSNS).toHaveLength(909);
    expect(RVIG_LEADING_ZERO_BSNS[0]).toBe('000000012');
    expect(RVIG_LEADING_ZERO_BSNS.at(-1)).toBe('000009994');
    expect(RVIG_GENERAL_BSNS[0]).toBe('999990007');
    expect(RVIG_GENERAL_BSNS.at(-1)).toBe('999999990');
    for (const b of [...RVIG_LEADING_ZERO_BSNS, ...RVIG_GENERAL_BSNS]) expect(isBsn(b)).toBe(true);
    for (const b of RVIG_CITED_TEST_BSNS) expect(RVIG.has(b), b).toBe(true);
    expect(RVIG.has(RVIG_INVALID_TEST_NUMBER)).toBe(false);
    // §1.4: counting on from Test-BSN 1 puts 999990019 at #910 and 999993653 at #1240.
    const all = [...RVIG_LEADING_ZERO_BSNS, ...RVIG_GENERAL_BSNS];
    expect(all.indexOf('999990019') + 1).toBe(910);
    expect(all.indexOf('999993653') + 1).toBe(1240);
  });

  test.prop([issuableBsn])('a 9-digit BSN gets a number from the 99999… block, a leading-zero BSN one from the 0000… block', (bsn9) => {
    expect(RVIG_GENERAL_BSNS).toContain(rvig().apply(bsn9));
    expect(RVIG_LEADING_ZERO_BSNS).toContain(rvig().apply(`0${bsn9.slice(1, 8)}${withCheckDigit(Number(bsn9.slice(1, 8)))?.[8] ?? '0'}`));
  });

  test.prop([fc.constantFrom(...RVIG_LEADING_ZERO_BSNS, ...RVIG_GENERAL_BSNS)])('an RvIG test number as input still changes', (b) => {
    expect(rvig({ unique: true }).apply(b)).not.toBe(b);
    expect(rvig().apply(b)).not.toBe(b);
  });

  it('uses the whole general block on a unique column, then fails closed', () => {
    const { apply } = rvig({ unique: true });
    const outs = new Set<string>();
    let p = 24_956_675;
    for (; outs.size < 909; p++) {
      const c = withCheckDigit(p);
      if (c !== null) outs.add(apply(c)!);
    }
    expect([...outs].sort()).toEqual([...RVIG_GENERAL_BSNS]);
    let next = withCheckDigit(p);
    while (next === null) next = withCheckDigit(++p);
    expect(() => apply(next)).toThrow(MaskgateError);
  });

  it('uses the whole leading-zero block on a unique column, then fails closed', () => {
    const { apply } = rvig({ unique: true });
    const outs = new Set<string>();
    let p = 2_495_667;
    for (; outs.size < 908; p++) {
      const c = withCheckDigit(p);
      if (c !== null) outs.add(apply(c.slice(1))!);
    }
    expect(outs.size).toBe(908);
    for (const o of outs) expect(RVIG_LEADING_ZERO_BSNS).toContain(`0${o}`);
    let next = withCheckDigit(p);
    while (next === null) next = withCheckDigit(++p);
    expect(() => apply(next)).toThrow(MaskgateError);
  });
});

describe('bsn masker, mode invalid (§1.8 D)', () => {
  test.prop([fc.oneof(validBsn, fc.stringMatching(/^\d{9}$/), fc.string({ minLength: 1, maxLength: 16 }).filter((s) => s.trim() !== ''))])(
    'outputs 9 digits with weighted sum ≡ 1 (mod 11): never a BSN, never an onderwijsnummer',
    (input) => {
      const out = maskerFor('bsn', { mode: 'invalid' }).apply(input)!;
      const c = bsnCanonical(out)!;
      expect(bsnRemainder(c)).toBe(1);
      expect(isBsn(out)).toBe(false);
      expect(isOnderwijsnummer(c)).toBe(false);
      expect(out).not.toBe(input);
    },
  );

  test.prop([fc.uniqueArray(fc.oneof(validBsn, fc.stringMatching(/^\d{9}$/)), { minLength: 2, maxLength: 300 })])('is injective on a unique column', (inputs) => {
    const canon = new Set(inputs);
    const { apply } = maskerFor('bsn', { mode: 'invalid' }, { unique: true });
    expect(new Set(inputs.map((v) => apply(v))).size).toBe(canon.size);
  });
});

describe('bsn masker: the before → after table of docs/maskers/bsn.md (test key, fresh run, in order)', () => {
  const table: Record<Mode, [string, string, string, string, string]> = {
    'test-block': ['005135266', '0051.35.266', '03826946', '00-30-88-133', '5135266'],
    'rvig-test': ['999998377', '9999.98.377', '00002732', '99-99-96-150', '999998377'],
    'format-preserving': ['685223589', '6852.23.589', '60774368', '52-24-47-661', '685223589'],
    invalid: ['708173742', '7081.73.742', '61246565', '18-83-74-138', '708173742'],
  };
  for (const m of MODES) {
    for (const unique of [false, true]) {
      it(`${m}${unique ? ' on a unique column' : ''}`, () => {
        const { apply } = maskerFor('bsn', { mode: m }, { unique });
        const integer = maskerFor('bsn', { mode: m }, { unique, kind: 'integer', sqlType: 'integer' });
        const got = ['111222333', '1112.22.333', '12345672', '12-34-56-782'].map((v) => apply(v));
        expect([...got, integer.apply('111222333')]).toEqual(table[m]);
      });
    }
  }
});
