import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_FINGERPRINT_BUDGET_BYTES, FingerprintSet, MAX_FINGERPRINT_TAG } from '../../../src/verify/fingerprint-set.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const tagArb = fc.integer({ min: 0, max: MAX_FINGERPRINT_TAG });
const entryArb = fc.tuple(u32, u32, tagArb);
// Small halves make (0, 0), (0, 1) and repeated fingerprints with several tags likely.
const smallEntryArb = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), tagArb);
const entriesArb = fc.array(fc.oneof(entryArb, smallEntryArb), { maxLength: 400 });

/** The set's identity of a fingerprint: (0, 0) is (0, 1). */
function key(hi: number, lo: number): string {
  return hi === 0 && lo === 0 ? '0:1' : `${hi}:${lo}`;
}

/** Reference model: tag mask per fingerprint. */
function model(entries: readonly (readonly [number, number, number])[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const [hi, lo, tag] of entries) m.set(key(hi, lo), (m.get(key(hi, lo)) ?? 0) | (1 << tag));
  return m;
}

function pairCount(m: Map<string, number>): number {
  let n = 0;
  for (const mask of m.values()) for (let t = 0; t <= MAX_FINGERPRINT_TAG; t++) if (mask & (1 << t)) n++;
  return n;
}

/** Deterministic uint32 stream (xorshift32), so a measured rate is the same on every run. */
function xorshift(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

describe('FingerprintSet in exact mode', () => {
  test('finds every added fingerprint with exactly its tags, and nothing else', () => {
    fc.assert(
      fc.property(entriesArb, fc.array(fc.tuple(u32, u32), { maxLength: 50 }), (entries, probes) => {
        const set = new FingerprintSet({ budgetBytes: DEFAULT_FINGERPRINT_BUDGET_BYTES });
        for (const [hi, lo, tag] of entries) set.add(hi, lo, tag);
        const ref = model(entries);
        expect(set.mode).toBe('exact');
        expect(set.size).toBe(pairCount(ref));
        for (const [hi, lo, tag] of entries) {
          expect(set.has(hi, lo, tag)).toBe(true);
          expect(set.tagsOf(hi, lo)).toBe(ref.get(key(hi, lo)));
        }
        for (const [hi, lo] of probes) {
          const mask = ref.get(key(hi, lo)) ?? 0;
          expect(set.tagsOf(hi, lo)).toBe(mask);
          for (let t = 0; t <= MAX_FINGERPRINT_TAG; t++) expect(set.has(hi, lo, t)).toBe((mask & (1 << t)) !== 0);
        }
      }),
    );
  });

  test('stores (0, 0) as (0, 1) on add and on lookup, and an empty set does not match it', () => {
    const set = new FingerprintSet({ budgetBytes: 4096 });
    expect(set.has(0, 0, 0)).toBe(false);
    expect(set.tagsOf(0, 0)).toBe(0);
    set.add(0, 0, 3);
    expect(set.has(0, 0, 3)).toBe(true);
    expect(set.has(0, 1, 3)).toBe(true);
    expect(set.has(0, 0, 2)).toBe(false);
    set.add(0, 1, 3);
    expect(set.size).toBe(1);
    set.add(0, 1, 5);
    expect(set.tagsOf(0, 0)).toBe((1 << 3) | (1 << 5));
    expect(set.has(1, 0, 3)).toBe(false);
  });

  test('tagsOf is the union of the tags a fingerprint was added with', () => {
    const set = new FingerprintSet({ budgetBytes: 4096 });
    set.add(0xdeadbeef, 0x12345678, 0);
    set.add(0xdeadbeef, 0x12345678, 7);
    set.add(0xdeadbeef, 0x12345678, 6);
    set.add(0xdeadbeef, 0x12345678, 7);
    expect(set.tagsOf(0xdeadbeef, 0x12345678)).toBe(1 | (1 << 7) | (1 << 6));
    expect(set.size).toBe(3);
  });

  test('growth keeps every entry, also for halves that are far from uniform', () => {
    const set = new FingerprintSet({ budgetBytes: DEFAULT_FINGERPRINT_BUDGET_BYTES });
    const n = 100_000;
    const before = set.bytes;
    for (let i = 0; i < n; i++) {
      set.add(i, 7, i & 7);
      set.add(0x80000000, i, 1);
    }
    expect(set.mode).toBe('exact');
    expect(set.size).toBe(2 * n);
    expect(set.bytes).toBeGreaterThan(before);
    let found = 0;
    for (let i = 0; i < n; i++) if (set.has(i, 7, i & 7) && set.has(0x80000000, i, 1)) found++;
    expect(found).toBe(n);
    expect(set.has(n, 7, n & 7)).toBe(false);
    expect(set.has(0x80000000, n, 1)).toBe(false);
  });

  test('takes signed 32-bit halves as their uint32 bit pattern', () => {
    const set = new FingerprintSet({ budgetBytes: 4096 });
    set.add(-1, Math.imul(0x9e3779b1, 3), 2);
    expect(set.has(0xffffffff, Math.imul(0x9e3779b1, 3) >>> 0, 2)).toBe(true);
  });

  test('refuses halves and tags it could only truncate, and a budget below 64 bytes', () => {
    const set = new FingerprintSet({ budgetBytes: 4096 });
    expect(() => set.add(2 ** 32, 0, 0)).toThrow(RangeError);
    expect(() => set.add(0, 1.5, 0)).toThrow(RangeError);
    expect(() => set.add(0, Number.NaN, 0)).toThrow(RangeError);
    expect(() => set.add(0, 1, 16)).toThrow(RangeError);
    expect(() => set.has(0, 1, -1)).toThrow(RangeError);
    expect(() => new FingerprintSet({ budgetBytes: 63 })).toThrow(RangeError);
  });

  test('reports exact mode with no false positives', () => {
    const set = new FingerprintSet({ budgetBytes: 1 << 20, expected: 1000 });
    set.add(1, 2, 3);
    expect(set.describe()).toEqual({ mode: 'exact', entries: 1, bytes: set.bytes, falsePositiveRate: 0 });
    expect(set.bytes).toBeLessThanOrEqual(1 << 20);
  });
});

describe('FingerprintSet.reserve', () => {
  test('sizes the empty table once, never past the budget, and then fills it without growing', () => {
    const set = new FingerprintSet({ budgetBytes: 1 << 20 });
    set.reserve(10_000);
    const bytes = set.bytes;
    expect(bytes).toBeGreaterThanOrEqual((10_000 / 0.7) * 10);
    expect(bytes).toBeLessThanOrEqual(1 << 20);
    for (let i = 0; i < 10_000; i++) set.add(i + 1, Math.imul(i, 0x9e3779b1), 0);
    expect(set.bytes).toBe(bytes);
    expect(set.mode).toBe('exact');
    const small = new FingerprintSet({ budgetBytes: 4096 });
    small.reserve(1_000_000);
    expect(small.bytes).toBeLessThanOrEqual(4096);
  });
});

describe('FingerprintSet in Bloom mode', () => {
  test('never loses a fingerprint across the switch and never exceeds its budget', () => {
    fc.assert(
      fc.property(entriesArb, fc.integer({ min: 64, max: 3000 }), (entries, budgetBytes) => {
        const set = new FingerprintSet({ budgetBytes });
        for (const [hi, lo, tag] of entries) {
          set.add(hi, lo, tag);
          expect(set.bytes).toBeLessThanOrEqual(budgetBytes);
        }
        for (const [hi, lo, tag] of entries) expect(set.has(hi, lo, tag)).toBe(true);
        for (const [fp, mask] of model(entries)) {
          const [hi, lo] = fp.split(':').map(Number) as [number, number];
          // Bloom mode may add spurious tags, never drop one.
          if (set.mode === 'exact') expect(set.tagsOf(hi, lo)).toBe(mask);
          else expect(set.tagsOf(hi, lo) & mask).toBe(mask);
        }
      }),
    );
  });

  test('a tiny budget forces Bloom mode and the report says so', () => {
    const budgetBytes = 2048;
    const set = new FingerprintSet({ budgetBytes });
    const next = xorshift(42);
    for (let i = 0; i < 1000; i++) set.add(next(), next(), i % 4);
    const d = set.describe();
    expect(d.mode).toBe('bloom');
    expect(set.mode).toBe('bloom');
    expect(d.bytes).toBe(set.bytes);
    expect(d.bytes).toBeGreaterThan(0);
    expect(d.bytes).toBeLessThanOrEqual(budgetBytes);
    expect(d.falsePositiveRate).toBeGreaterThan(0);
    expect(d.falsePositiveRate).toBeLessThan(1);
    expect(d.entries).toBe(set.size);
    expect(d.entries).toBeGreaterThan(900);
    expect(d.entries).toBeLessThanOrEqual(1000);
  });

  test('an expected count beyond the budget starts in Bloom mode with the whole budget', () => {
    const set = new FingerprintSet({ budgetBytes: 1 << 16, expected: 1_000_000 });
    expect(set.mode).toBe('bloom');
    expect(set.bytes).toBe(1 << 16);
    set.add(5, 6, 7);
    expect(set.has(5, 6, 7)).toBe(true);
    expect(set.tagsOf(5, 6) & (1 << 7)).toBe(1 << 7);
  });

  test('adding a fingerprint again does not raise the false-positive estimate', () => {
    const set = new FingerprintSet({ budgetBytes: 64 });
    set.add(1, 2, 3);
    const rate = set.falsePositiveRate;
    for (let i = 0; i < 100; i++) set.add(1, 2, 3);
    expect(set.size).toBe(1);
    expect(set.falsePositiveRate).toBe(rate);
  });

  test('the measured false-positive rate over 100k absent fingerprints is near the estimate', () => {
    const set = new FingerprintSet({ budgetBytes: 4096 });
    const next = xorshift(7);
    const added = new Set<string>();
    for (let i = 0; i < 1200; i++) {
      const hi = next();
      const lo = next();
      set.add(hi, lo, 1);
      added.add(key(hi, lo));
    }
    expect(set.mode).toBe('bloom');
    const estimate = set.falsePositiveRate;
    expect(estimate).toBeGreaterThan(1e-3);
    expect(estimate).toBeLessThan(0.2);

    const probe = xorshift(99);
    let hits = 0;
    let probes = 0;
    while (probes < 100_000) {
      const hi = probe();
      const lo = probe();
      if (added.has(key(hi, lo))) continue;
      probes++;
      if (set.has(hi, lo, 1)) hits++;
    }
    const measured = hits / probes;
    expect(measured).toBeGreaterThan(estimate / 2);
    expect(measured).toBeLessThan(estimate * 2);
    // A tag that was never added is never a match.
    expect(set.has(next(), next(), 2)).toBe(false);
  });
});
