import { describe, expect, it } from 'vitest';
import { bsnCheckDigit, bsnRemainder } from '../../../src/detectors/bsn.js';
import { bsnCanonical, isBsn } from '../../../src/keyed/canonicalize.js';
import { KeyedPrf } from '../../../src/keyed/keyed-prf.js';
import { bsn } from '../../../src/maskers/bsn.js';

/** The first `n` valid BSNs from `start` (a prefix), in order. */
function validBsns(start: number, n: number): string[] {
  const out: string[] = [];
  for (let p = start; out.length < n; p++) {
    const c = `${String(p).padStart(8, '0')}0`;
    for (let d = 0; d <= 9; d++) {
      const v = c.slice(0, 8) + d;
      if (isBsn(v)) out.push(v);
    }
  }
  return out;
}

function masker(key: string, kind: 'text' | 'integer' = 'text'): (v: string) => string {
  const shared = new Map<string, unknown>();
  const fn = bsn.create({ mode: 'format-preserving' }, {
    prf: new KeyedPrf(Buffer.from(key)),
    table: { schema: 'public', name: 't' },
    column: { name: 'bsn', sqlType: kind, kind, nullable: false, unique: true },
    unique: true,
    shared: <T>(k: string, init: () => T): T => {
      if (!shared.has(k)) shared.set(k, init());
      return shared.get(k) as T;
    },
  });
  return (v) => fn(v, { key: '', get: () => null }) as string;
}

describe('bsn format-preserving mode (dutch-pii.md §1.8 C)', () => {
  it('is a fixed-point-free bijection onto valid BSNs, for several keys', () => {
    for (const key of ['key-one-for-the-fpe-test', 'key-two-for-the-fpe-test', 'key-three-for-the-fpe-test']) {
      const mask = masker(key);
      const inputs = validBsns(24_956_675, 20_000);
      const outputs = inputs.map(mask);
      expect(new Set(outputs).size).toBe(inputs.length);
      expect(outputs.filter((o, i) => !isBsn(o) || o === inputs[i])).toEqual([]);
      expect(inputs.map(mask)).toEqual(outputs);
    }
  });

  it('maps every notation of one BSN to the same fake and keeps the notation', () => {
    const mask = masker('key-for-notations-of-the-fpe');
    const plain = mask('111222333');
    expect(mask('1112.22.333')).toBe(`${plain.slice(0, 4)}.${plain.slice(4, 6)}.${plain.slice(6)}`);
    expect(mask('111 222 333').replace(/ /g, '')).toBe(plain);
  });

  it('a unique column with 100,000 distinct BSNs gets 100,000 distinct valid BSNs, none its own input', () => {
    const mask = masker('maskgate-test-key');
    const seen = new Set<string>();
    let n = 0;
    let bad = 0;
    for (let p = 10_000_000; n < 100_000; p += 797) {
      const d = bsnCheckDigit(p);
      if (d < 0) continue;
      n++;
      const input = `${p}${d}`;
      const out = mask(input);
      // plain checks in the loop: an expect() per value costs more than the masker
      if (out === input || !isBsn(out)) bad++;
      seen.add(out);
    }
    expect(bad).toBe(0);
    expect(seen.size).toBe(100_000);
  });

  // Regression: a non-BSN input used to get a valid BSN, which (the permutation being onto) is also
  // the image of some valid BSN; in a unique column holding both, the restore hit a duplicate key.
  it('non-BSN inputs never collide with valid BSNs on a unique column (50,000 of each)', () => {
    const mask = masker('maskgate-test-key');
    const valid = new Set<string>();
    const other = new Set<string>();
    let n = 0;
    let bad = 0;
    for (let v = 100_000_000; n < 50_000; v += 7919) {
      const s = String(v);
      if (isBsn(s)) {
        valid.add(mask(s));
        continue;
      }
      n++;
      const out = mask(n % 5 === 0 ? `x${s}` : s);
      if (isBsn(out) || bsnRemainder(out) !== 1) bad++;
      other.add(out);
    }
    for (let p = 20_000_000; valid.size < 50_000; p += 1_009) {
      const d = bsnCheckDigit(p);
      if (d >= 0) valid.add(mask(`${p}${d}`));
    }
    expect(bad).toBe(0);
    expect(other.size).toBe(50_000);
    expect([...other].filter((o) => valid.has(o))).toEqual([]);
  });

  it('keeps the significant-digit class: 9 stays 9, 8 stays 8 (integer columns too), the 00-block stays', () => {
    const text = masker('key-for-the-class-test');
    const integer = masker('key-for-the-class-test', 'integer');
    for (let p = 1; p < 100_000_000; p += 104_729) {
      const d = bsnCheckDigit(p);
      if (d < 0) continue;
      const c = `${String(p).padStart(8, '0')}${d}`;
      const out = text(c);
      expect(out).toHaveLength(9);
      const cls = (x: string) => (x[0] !== '0' ? 2 : x[1] !== '0' ? 1 : 0);
      expect(cls(out)).toBe(cls(c));
      expect(integer(String(Number(c)))).toBe(String(Number(out)));
      if (cls(c) === 1) expect(text(c.slice(1))).toBe(out.slice(1));
    }
  });

  it('is a fixed-point-free permutation of the whole 00-block (all 909,090 valid values)', () => {
    const mask = masker('maskgate-test-key');
    const hit = new Uint8Array(1_000_000);
    let count = 0;
    let bad = 0;
    for (let p = 1; p < 1_000_000; p++) {
      const d = bsnCheckDigit(p);
      if (d < 0) continue;
      count++;
      const out = mask(`${String(p).padStart(8, '0')}${d}`);
      const q = Number(out.slice(0, 8));
      if (q === p || q >= 1_000_000 || hit[q] === 1 || bsnCanonical(out) !== out || !isBsn(out)) bad++;
      hit[q] = 1;
    }
    expect(bad).toBe(0);
    expect(count).toBe(909_090);
  });
});
