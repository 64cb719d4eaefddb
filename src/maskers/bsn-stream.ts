import type { KeyedPrf } from '../keyed/keyed-prf.js';

/**
 * A reusable reader of stream(label, canon) (dutch-pii.md §0.3) with the same words as `PrfStream`,
 * but one instance per masker instead of one object per value: the BSN modes run at ≥ 500k values/s,
 * where a fresh stream and its buffer per cell are measurable.
 */
export class BsnStream {
  private label = '';
  private canon = '';
  private j = 0;
  private pos = 8;
  private readonly words = new Uint32Array(8);

  constructor(private readonly prf: KeyedPrf) {}

  /** Restarts at word 0 of stream(label, canon). */
  reset(label: string, canon: string): this {
    this.label = label;
    this.canon = canon;
    this.j = 0;
    this.pos = 8;
    return this;
  }

  /** The next big-endian uint32 of the stream. */
  next(): number {
    if (this.pos === 8) {
      this.words.set(this.prf.block(this.label, this.canon, this.j++));
      this.pos = 0;
    }
    return this.words[this.pos++]!;
  }

  /** An unbiased integer in [0, n) by rejection sampling, as `PrfStream.uniform`. */
  uniform(n: number): number {
    const limit = Math.floor(0x1_0000_0000 / n) * n;
    for (;;) {
      const u = this.next();
      // u mod n without `%` on a double (V8 calls fmod for values ≥ 2^31); exact below 2^53
      if (u < limit) return u - Math.floor(u / n) * n;
    }
  }
}
