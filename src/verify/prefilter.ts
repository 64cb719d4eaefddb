// L5's fingerprints are HMAC-SHA256 (dutch-pii.md §0.3: only a secret-keyed MAC protects a space
// as small as the BSN's), and the output side of L5 looks up every candidate token of the dump:
// tens of millions of them, nearly all absent. An HMAC per token would cost more than masking. So
// while the source is read, each value also goes into this filter under a cheap per-run keyed
// hash; a token is HMACed only when the filter says "maybe". The filter has no false negatives, so
// it changes the cost of L5, never its answer.
//
// It grows without knowing the final count: a chain of Bloom filters, each four times the capacity
// of the last (a "scalable Bloom filter"); a lookup asks every filter, newest first.

/** Bits per element of each filter: with 6 hashes, about 1 false "maybe" in 100 per filter. */
const BITS_PER_ENTRY = 10;
const HASHES = 6;
const FIRST_CAPACITY = 1 << 14;
const GROWTH = 4;
const TAG_SALT = 0x9e3779b1;

interface Filter {
  readonly bits: Uint32Array;
  readonly m: number;
  readonly capacity: number;
  n: number;
}

function newFilter(capacity: number): Filter {
  const words = Math.ceil((capacity * BITS_PER_ENTRY) / 32);
  return { bits: new Uint32Array(words), m: words * 32, capacity, n: 0 };
}

/** Growing Bloom filter over (64-bit hash, tag) pairs: "certainly absent" or "maybe present". */
export class Prefilter {
  private readonly filters: Filter[] = [newFilter(FIRST_CAPACITY)];

  /** Sizes the empty filter for about `expected` pairs at once: one filter of the right size instead of a chain up to four times too large. */
  reserve(expected: number): void {
    if (this.filters.length === 1 && this.filters[0]!.n === 0 && expected > FIRST_CAPACITY) this.filters[0] = newFilter(Math.min(Math.ceil(expected), 1 << 25));
  }

  /** Adds the pair (hi, lo) with type tag `tag`. */
  add(hi: number, lo: number, tag: number): void {
    // Only the newest filter is asked whether the pair is there already: asking the whole chain on
    // every insert cost more than the inserts. A repeat of an older filter's pair is set again here,
    // which costs a little capacity, never an answer.
    let f = this.filters[this.filters.length - 1]!;
    if (this.inFilter(f, hi, lo, tag)) return;
    if (f.n >= f.capacity) {
      f = newFilter(f.capacity * GROWTH);
      this.filters.push(f);
    }
    f.n++;
    const { bits, m } = f;
    let pos = ((hi ^ Math.imul(tag + 1, TAG_SALT)) >>> 0) % m;
    const step = (((lo >>> 0) % m) | 1) >>> 0;
    for (let i = 0; i < HASHES; i++) {
      bits[pos >>> 5]! |= 1 << (pos & 31);
      pos += step;
      if (pos >= m) pos -= m;
    }
  }

  /** False when (hi, lo, tag) was certainly never added. */
  mayHave(hi: number, lo: number, tag: number): boolean {
    for (let j = this.filters.length - 1; j >= 0; j--) if (this.inFilter(this.filters[j]!, hi, lo, tag)) return true;
    return false;
  }

  private inFilter(f: Filter, hi: number, lo: number, tag: number): boolean {
    const { bits, m } = f;
    let pos = ((hi ^ Math.imul(tag + 1, TAG_SALT)) >>> 0) % m;
    const step = (((lo >>> 0) % m) | 1) >>> 0;
    for (let i = 0; i < HASHES; i++) {
      if ((bits[pos >>> 5]! & (1 << (pos & 31))) === 0) return false;
      pos += step;
      if (pos >= m) pos -= m;
    }
    return true;
  }

  /** Bytes held by the filters. */
  get bytes(): number {
    return this.filters.reduce((a, f) => a + f.bits.byteLength, 0);
  }
}
