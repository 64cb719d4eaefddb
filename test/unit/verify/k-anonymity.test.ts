import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EquivalenceClasses } from '../../../src/verify/k-anonymity.js';

describe('EquivalenceClasses', () => {
  it('counts classes, the smallest class and the rows below k', () => {
    const c = new EquivalenceClasses();
    for (let i = 0; i < 6; i++) c.add(['1980', 'V']);
    for (let i = 0; i < 2; i++) c.add(['1980', 'M']);
    c.add(['1981', null]);
    expect(c.result(5)).toEqual({
      k: 5, rows: 9, classes: 3, minClassSize: 1, classesBelowK: 2, rowsInClassesBelowK: 3,
      distribution: { '1': 1, '2': 1, '3': 0, '4': 0, '5-9': 1, '10-24': 0, '25+': 0 },
    });
  });

  it('keeps NULL apart from the text "null" and part boundaries apart ("ab"+"c" ≠ "a"+"bc")', () => {
    const c = new EquivalenceClasses();
    c.add([null]);
    c.add(['null']);
    c.add(['ab', 'c']);
    c.add(['a', 'bc']);
    expect(c.result(1).classes).toBe(4);
  });

  it('agrees with a naive count on any table', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('1970', '1971', '1972'), fc.constantFrom('M', 'V', null)), { maxLength: 200 }), fc.integer({ min: 1, max: 10 }), (rows, k) => {
      const c = new EquivalenceClasses();
      const naive = new Map<string, number>();
      for (const r of rows) {
        c.add(r);
        naive.set(JSON.stringify(r), (naive.get(JSON.stringify(r)) ?? 0) + 1);
      }
      const sizes = [...naive.values()];
      const res = c.result(k);
      expect(res.classes).toBe(naive.size);
      expect(res.minClassSize).toBe(sizes.length === 0 ? 0 : Math.min(...sizes));
      expect(res.classesBelowK).toBe(sizes.filter((n) => n < k).length);
    }));
  });

  it('counts exactly across table growth: 100,000 singletons and one class of 7', () => {
    const ec = new EquivalenceClasses();
    for (let i = 0; i < 100_000; i++) ec.add([String(1950 + (i % 50)), `${1000 + Math.floor(i / 50)}`, null]);
    for (let i = 0; i < 7; i++) ec.add(['1900', 'X', 'M']);
    const r = ec.result(5);
    expect(r).toMatchObject({ rows: 100_007, classes: 100_001, minClassSize: 1, classesBelowK: 100_000, rowsInClassesBelowK: 100_000 });
    expect(r.distribution).toMatchObject({ '1': 100_000, '5-9': 1 });
  });
});
