import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { KeyedPrf } from '../../../src/keyed/keyed-prf.js';
import { FingerprintSet } from '../../../src/verify/fingerprint-set.js';
import { Prefilter } from '../../../src/verify/prefilter.js';
import { FINGERPRINT_LABEL, SourceFingerprints } from '../../../src/verify/source-fingerprints.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const SECRET = Buffer.from('maskgate-test-key-for-the-prefilter-tests');

describe('Prefilter', () => {
  test('never forgets a pair, across growth (no false negatives)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(u32, u32, fc.integer({ min: 0, max: 15 })), { maxLength: 300 }), (pairs) => {
        const p = new Prefilter();
        for (const [hi, lo, tag] of pairs) p.add(hi, lo, tag);
        return pairs.every(([hi, lo, tag]) => p.mayHave(hi, lo, tag));
      }),
    );
    const p = new Prefilter();
    // Past the first filter's capacity (2^14), so the chain has grown.
    for (let i = 0; i < 100_000; i++) p.add(i, Math.imul(i, 0x9e3779b1), i % 6);
    for (let i = 0; i < 100_000; i++) expect(p.mayHave(i, Math.imul(i, 0x9e3779b1), i % 6)).toBe(true);
  });

  test('says "certainly absent" for nearly every pair never added', () => {
    const p = new Prefilter();
    for (let i = 0; i < 100_000; i++) p.add(i * 7919, Math.imul(i, 0x85ebca6b), 0);
    let maybe = 0;
    for (let i = 0; i < 100_000; i++) if (p.mayHave(0x7fff0000 + i, Math.imul(i, 0xc2b2ae35) ^ 0x55, 0)) maybe++;
    // About 1% per filter in the chain; the prefilter only saves HMACs, a "maybe" is confirmed by one.
    expect(maybe / 100_000).toBeLessThan(0.05);
  });
});

describe('SourceFingerprints', () => {
  test('a fingerprint is the first 64 bits of HMAC-SHA256(K, label ‖ 0 ‖ canon ‖ 0 ‖ uint32be(0)) (portable to any implementation)', () => {
    const set = new FingerprintSet({ budgetBytes: 1 << 16 });
    const src = new SourceFingerprints(set, new KeyedPrf(SECRET));
    src.add('bsn', '000001236');
    const mac = createHmac('sha256', SECRET).update(Buffer.concat([Buffer.from(FINGERPRINT_LABEL), Buffer.from([0]), Buffer.from('000001236'), Buffer.from([0, 0, 0, 0, 0])])).digest();
    const entries: [number, number, number][] = [];
    set.forEachEntry((hi, lo, tags) => entries.push([hi, lo, tags]));
    expect(entries).toEqual([[mac.readUInt32BE(0), mac.readUInt32BE(4), 1 << 0]]);
  });

  test('finds what was added, by type, with or without the prefilter (a set loaded from a file has none)', () => {
    const set = new FingerprintSet({ budgetBytes: 1 << 16 });
    const src = new SourceFingerprints(set, new KeyedPrf(SECRET));
    src.add('bsn', '000001236');
    src.add('email', 'kees.celik@voorbeeldmail.nl');
    const loaded = new SourceFingerprints(set, new KeyedPrf(SECRET), { prefilter: false });
    for (const s of [src, loaded]) {
      expect(s.contains(0, '000001236')).toBe(true);
      expect(s.contains(3, 'kees.celik@voorbeeldmail.nl')).toBe(true);
      expect(s.contains(3, '000001236')).toBe(false);
      expect(s.contains(0, '000001237')).toBe(false);
      expect(s.has(0) && s.has(3) && !s.has(1)).toBe(true);
    }
    // Another secret gives other fingerprints: nothing matches.
    const other = new SourceFingerprints(set, new KeyedPrf(Buffer.from('another-secret-of-at-least-32-bytes!!')), { prefilter: false });
    expect(other.contains(0, '000001236')).toBe(false);
  });

  test('the prefilter spares the HMAC for tokens that were never source values', () => {
    const src = new SourceFingerprints(new FingerprintSet({ budgetBytes: 1 << 20 }), new KeyedPrf(SECRET));
    for (let i = 0; i < 1000; i++) src.add('bsn', String(100_000_000 + i * 11));
    for (let i = 0; i < 10_000; i++) src.contains(0, String(200_000_000 + i));
    expect(src.hmacLookups).toBeLessThan(500);
  });
});
