import { MaskgateError } from '../errors.js';
import type { MaskerContext } from './masker.js';

/**
 * 53-bit non-cryptographic hash of a string (two 32-bit multiply-xor lanes). It only indexes the
 * in-memory pool below and never leaves the process, so it needs speed, not a key.
 */
function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // Never 0: 0 marks an empty slot.
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1;
}

/**
 * Collision-free assignment of fakes for one semantic type within a run (dutch-pii.md §1.8
 * probing): each input walks its own keyed candidate sequence and takes the first candidate that
 * no other input owns. Only hashes are kept (12 bytes a slot, open addressing), so a million
 * distinct inputs cost about 24 MB, and no value is held in memory as a string.
 *
 * The outcome depends on the order in which inputs first appear; the pipeline fixes that order
 * (tables in dependency order, rows in primary-key order), so runs stay byte-identical. Two
 * distinct inputs whose hashes collide (about n²/2^54) would share a fake; with n = 10^6 that is
 * below 10^-4, and a restore would then stop on the unique key rather than publish silently.
 */
export class UniquePool {
  // Per slot: the low 32 bits of the candidate's hash (enough to find it; a false match only makes
  // a candidate look taken, which probing skips) and the owner's full 53-bit hash (two inputs must
  // never share an owner). 12 bytes a slot, at most 70% full.
  private cands: Uint32Array;
  private owners: Float64Array;
  private used = 0;

  /**
   * @param what      the masker name, for the capacity message
   * @param capacity  most distinct inputs before failing closed (keep it ≤ half the output space,
   *                  so that probing stays short)
   * @param expected  how many distinct inputs to size for up front (the table's row estimate), so
   *                  that a large table does not hold the old and the new table at once while growing
   */
  constructor(
    private readonly what: string,
    private readonly capacity: number,
    expected = 0,
  ) {
    let size = 1 << 12;
    while (size * 7 < Math.min(expected, capacity) * 10) size *= 2;
    this.cands = new Uint32Array(size);
    this.owners = new Float64Array(size);
  }

  /** The first candidate from `draw` (called repeatedly, deterministic per input) that `input` may own. */
  claim(input: string, draw: () => string): string {
    const owner = hash53(input);
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const cand = draw();
      const h = hash53(cand) % 0x100000000 || 1;
      const slot = this.find(h);
      const held = this.owners[slot]!;
      if (held === owner) return cand;
      if (held === 0) {
        if (this.used >= this.capacity) this.exhausted();
        this.cands[slot] = h;
        this.owners[slot] = owner;
        if (++this.used * 10 > this.cands.length * 7) this.grow();
        return cand;
      }
    }
    return this.exhausted();
  }

  /** The slot holding candidate hash `h` (32 bits, never 0), or the empty slot where it belongs. */
  private find(h: number): number {
    const mask = this.cands.length - 1;
    let i = h & mask;
    for (;;) {
      const c = this.cands[i]!;
      if (c === h || c === 0) return i;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const oldC = this.cands;
    const oldO = this.owners;
    this.cands = new Uint32Array(oldC.length * 2);
    this.owners = new Float64Array(oldC.length * 2);
    for (let i = 0; i < oldC.length; i++) {
      if (oldC[i] === 0) continue;
      const slot = this.find(oldC[i]!);
      this.cands[slot] = oldC[i]!;
      this.owners[slot] = oldO[i]!;
    }
  }

  private exhausted(): never {
    throw new MaskgateError('MASKER_FAILED', `The ${this.what} masker ran out of distinct values for a unique column (${this.capacity.toLocaleString('en-US')} distinct inputs is its limit).`, { masker: this.what }, 'Use a masker mode with a larger output space for this column, or drop the unique constraint from the rules\' scope.');
  }
}

/**
 * The run-wide pool for `label` when this column must stay unique (see `MaskerContext.unique`),
 * else null. Every column that shares the label shares the pool, so a fake is the same in a unique
 * key and in the columns that reference it.
 */
export function uniquePoolFor(ctx: MaskerContext, label: string, what: string, capacity: number): UniquePool | null {
  return ctx.unique ? ctx.shared(`unique-pool:${label}`, () => new UniquePool(what, capacity, ctx.expectedRows ?? 0)) : null;
}
