import { describe, expect, it } from 'vitest';
import { isBsn } from '../../../src/keyed/canonicalize.js';
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

function masker(key: string): (v: string) => string {
  const shared = new Map<string, unknown>();
  const fn = bsn.create({ mode: 'format-preserving' }, {
    prf: new KeyedPrf(Buffer.from(key)),
    table: { schema: 'public', name: 't' },
    column: { name: 'bsn', sqlType: 'text', kind: 'text', nullable: false, unique: true },
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
      outputs.forEach((o, i) => {
        expect(isBsn(o)).toBe(true);
        expect(o).not.toBe(inputs[i]);
      });
      expect(inputs.map(mask)).toEqual(outputs);
    }
  });

  it('maps every notation of one BSN to the same fake and keeps the notation', () => {
    const mask = masker('key-for-notations-of-the-fpe');
    const plain = mask('111222333');
    expect(mask('1112.22.333')).toBe(`${plain.slice(0, 4)}.${plain.slice(4, 6)}.${plain.slice(6)}`);
    expect(mask('111 222 333').replace(/ /g, '')).toBe(plain);
  });
});
