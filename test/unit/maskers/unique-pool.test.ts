import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { MaskgateError } from '../../../src/errors.js';
import { UniquePool, uniquePoolFor } from '../../../src/maskers/unique-pool.js';
import { context } from './support.js';

/** A deterministic candidate sequence per input over a tiny output space, so probing is forced. */
function drawFor(input: string, space: number): () => string {
  let h = 7;
  for (let i = 0; i < input.length; i++) h = (h * 31 + input.charCodeAt(i)) >>> 0;
  let j = 0;
  return () => `v${(h + 7919 * j++) % space}`;
}

describe('UniquePool', () => {
  test.prop([fc.uniqueArray(fc.string({ maxLength: 12 }), { maxLength: 300 })])('distinct inputs get distinct outputs, and a repeat gets its first answer', (inputs) => {
    const pool = new UniquePool('test', 500);
    const first = inputs.map((i) => pool.claim(i, drawFor(i, 1000)));
    expect(new Set(first).size).toBe(inputs.length);
    expect(inputs.map((i) => pool.claim(i, drawFor(i, 1000)))).toEqual(first);
  });

  it('depends only on the order of first appearance (same order → same assignment)', () => {
    const inputs = Array.from({ length: 2000 }, (_, i) => `person-${i}`);
    const run = (): string[] => {
      const pool = new UniquePool('test', 3000);
      return inputs.map((i) => pool.claim(i, drawFor(i, 5000)));
    };
    expect(run()).toEqual(run());
  });

  it('keeps 100,000 distinct inputs distinct while growing its table', () => {
    const pool = new UniquePool('test', 200_000);
    const out = new Set<string>();
    for (let i = 0; i < 100_000; i++) out.add(pool.claim(`in${i}`, drawFor(`in${i}`, 400_000)));
    expect(out.size).toBe(100_000);
  });

  it('fails closed, without values, when the capacity is reached', () => {
    const pool = new UniquePool('plate', 3);
    for (const i of ['a', 'b', 'c']) pool.claim(i, drawFor(i, 100));
    let caught: unknown;
    try {
      pool.claim('secret-value', drawFor('secret-value', 100));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MaskgateError);
    expect((caught as MaskgateError).code).toBe('MASKER_FAILED');
    expect((caught as Error).message).not.toContain('secret-value');
  });

  it('is shared by label through the context only when the column must be unique', () => {
    const ctx = context({ unique: true });
    expect(uniquePoolFor(ctx, 'l', 'x', 10)).toBe(uniquePoolFor(ctx, 'l', 'x', 10));
    expect(uniquePoolFor(context({ unique: false }), 'l', 'x', 10)).toBeNull();
  });
});
