// Layer 5 (exact-match leak check) needs "was this output token a source value of type T?" for
// every token of the dump, against tens of millions of source fingerprints. The fingerprints are
// already keyed 64-bit hashes, so the set stores their bits as given and needs no objects, no
// BigInt and no Map: two Uint32Arrays and a tag array, probed linearly. When the exact table would
// outgrow its memory budget the set turns into a Bloom filter of the same budget, which still
// never misses a fingerprint (no false negatives) but may match one that was never added.

/** Memory the L5 fingerprint set may use unless told otherwise: 10 million fingerprints stay exact. */
export const DEFAULT_FINGERPRINT_BUDGET_BYTES = 256 * 1024 * 1024;

/** Highest type tag; tags are kept as an 8-bit mask per fingerprint (a byte a slot less than 16 bits: 16 MB at ten million). */
export const MAX_FINGERPRINT_TAG = 7;

/** What the run report shows about the fingerprint set. */
export interface FingerprintSetSummary {
  readonly mode: 'exact' | 'bloom';
  readonly entries: number;
  readonly bytes: number;
  readonly falsePositiveRate: number;
}

// Exact mode: hi + lo + an 8-bit tag mask = 9 bytes a slot, at most 70% full, so ≥ 12.9 bytes a
// fingerprint; 10 million fit 2^24 slots = 144 MiB.
const BYTES_PER_SLOT = 9;
const MIN_SLOTS = 16;
// The slot index is the top bits of a 32-bit product; also keeps each array below V8's length limit.
const MAX_SLOTS = 2 ** 30;
// Bloom positions are computed as uint32, so the filter has at most 2^32 bits (512 MiB).
const MAX_BLOOM_WORDS = 2 ** 27;
// Every probe is a cache miss; past 16 hashes the gain is below a factor 2 at any realistic fill.
const MAX_HASHES = 16;
const TAG_SALT = 0x9e3779b1;

/** The uint32 bit pattern of a fingerprint half; signed int32 halves (from Math.imul etc.) are accepted. */
function half(x: number): number {
  if (x === x >>> 0) return x;
  // A silently truncated half would be a false negative, i.e. an unreported leak.
  if (x !== (x | 0)) throw new RangeError('A fingerprint half must be a 32-bit integer.');
  return x >>> 0;
}

function checkTag(tag: number): void {
  if (tag !== (tag & MAX_FINGERPRINT_TAG)) throw new RangeError(`A fingerprint tag must be an integer 0..${MAX_FINGERPRINT_TAG}.`);
}

/**
 * Set of 64-bit fingerprints `(hi, lo)`, each with one or more type tags (0..7), within a fixed
 * memory budget (`bytes` never exceeds it, also not while growing or switching mode).
 *
 * Exact mode is an open-addressing table (9 bytes a slot, ≤ 70% full, doubled when full). When
 * doubling would exceed the budget, every (fingerprint, tag) pair moves into a Bloom filter over
 * the remaining budget, with the tag folded into the positions; from then on `has` can answer true
 * for an absent pair with probability `falsePositiveRate`, and `tagsOf` per tag ever added.
 *
 * The fingerprint (0, 0) marks an empty slot, so it is stored as (0, 1): the two are one value here.
 */
export class FingerprintSet {
  private readonly budget: number;
  private expected: number;
  private isBloom = false;
  // Exact mode; empty arrays in Bloom mode.
  private his: Uint32Array;
  private los: Uint32Array;
  private tagMasks: Uint8Array;
  private shift = 0;
  private used = 0;
  // Bloom mode; empty in exact mode.
  private bits = new Uint32Array(0);
  private m = 0;
  private k = 0;
  // Distinct (fingerprint, tag) pairs; in Bloom mode, inserts that changed the filter (a repeated
  // value does not, so repeats do not inflate the false-positive estimate).
  private pairs = 0;
  private tagsSeen = 0;

  /**
   * @param opts.budgetBytes  most bytes the set may hold (at least 64)
   * @param opts.expected     distinct fingerprints to size for up front; more than the budget can
   *                          hold exactly starts in Bloom mode, so the filter gets the whole budget
   */
  constructor(opts: { budgetBytes: number; expected?: number }) {
    const { budgetBytes, expected = 0 } = opts;
    if (!Number.isFinite(budgetBytes) || budgetBytes < 64) throw new RangeError('The fingerprint budget must be at least 64 bytes.');
    if (!(expected >= 0)) throw new RangeError('The expected number of fingerprints must not be negative.');
    this.budget = Math.floor(budgetBytes);
    this.expected = expected;

    // The largest table that can ever exist: doubling holds the old table (half) and the new one at once.
    let maxSlots = MIN_SLOTS;
    while (maxSlots * 2 <= MAX_SLOTS && maxSlots * 2 * BYTES_PER_SLOT * 1.5 <= this.budget) maxSlots *= 2;
    let slots = MIN_SLOTS;
    while (slots < maxSlots && slots * 7 < expected * 10) slots *= 2;

    this.his = new Uint32Array(0);
    this.los = new Uint32Array(0);
    this.tagMasks = new Uint8Array(0);
    if (MIN_SLOTS * BYTES_PER_SLOT * 1.5 > this.budget || maxSlots * 7 < expected * 10) {
      this.toBloom();
    } else {
      this.allocate(slots);
    }
  }

  /**
   * Sizes the empty exact table for about `expected` fingerprints at once, when the budget holds
   * it: growing by doubling holds the old and the new table together, and at ten million entries
   * that transient (240 MB) was the run's peak memory. Does nothing once the set holds anything.
   */
  reserve(expected: number): void {
    if (this.isBloom || this.used > 0 || !(expected > 0)) return;
    this.expected = Math.max(this.expected, expected);
    let slots = this.his.length;
    while (slots * 2 <= MAX_SLOTS && slots * 7 < expected * 10 && slots * 2 * BYTES_PER_SLOT <= this.budget) slots *= 2;
    if (slots > this.his.length) this.allocate(slots);
  }

  /** Adds fingerprint `(hi, lo)` with type `tag` (0..7). */
  add(hi: number, lo: number, tag: number): void {
    hi = half(hi);
    lo = half(lo);
    checkTag(tag);
    if ((hi | lo) === 0) lo = 1;
    this.tagsSeen |= 1 << tag;
    if (this.isBloom) {
      if (this.bloomInsert(hi, lo, tag)) this.pairs++;
      return;
    }
    let i = this.find(hi, lo);
    if ((this.his[i]! | this.los[i]!) !== 0) {
      const t = this.tagMasks[i]!;
      if ((t & (1 << tag)) === 0) {
        this.tagMasks[i] = t | (1 << tag);
        this.pairs++;
      }
      return;
    }
    if ((this.used + 1) * 10 > this.his.length * 7) {
      if (!this.grow()) {
        this.toBloom();
        if (this.bloomInsert(hi, lo, tag)) this.pairs++;
        return;
      }
      i = this.find(hi, lo);
    }
    this.his[i] = hi;
    this.los[i] = lo;
    this.tagMasks[i] = 1 << tag;
    this.used++;
    this.pairs++;
  }

  /** Whether `(hi, lo)` was added with `tag`: exact in exact mode, never a false negative in Bloom mode. */
  has(hi: number, lo: number, tag: number): boolean {
    hi = half(hi);
    lo = half(lo);
    checkTag(tag);
    if ((hi | lo) === 0) lo = 1;
    if (this.isBloom) return (this.tagsSeen & (1 << tag)) !== 0 && this.bloomHas(hi, lo, tag);
    const i = this.find(hi, lo);
    return (this.tagMasks[i]! & (1 << tag)) !== 0;
  }

  /**
   * Bit `t` set for every tag `t` that `(hi, lo)` was added with; 0 when absent. In Bloom mode each
   * tag ever added is checked on its own, so a spurious bit appears with `falsePositiveRate` per tag.
   */
  tagsOf(hi: number, lo: number): number {
    hi = half(hi);
    lo = half(lo);
    if ((hi | lo) === 0) lo = 1;
    if (!this.isBloom) return this.tagMasks[this.find(hi, lo)]!;
    let mask = 0;
    for (let tag = 0; tag <= MAX_FINGERPRINT_TAG; tag++) {
      if ((this.tagsSeen & (1 << tag)) !== 0 && this.bloomHas(hi, lo, tag)) mask |= 1 << tag;
    }
    return mask;
  }

  /** Distinct (fingerprint, tag) pairs added; in Bloom mode an estimate (it may undercount by the false-positive rate). */
  get size(): number {
    return this.pairs;
  }

  /** Bit `t` set for every tag `t` ever added. */
  get tagsAdded(): number {
    return this.tagsSeen;
  }

  /** Calls `visit` with every stored fingerprint and its tag mask (exact mode only). */
  forEachEntry(visit: (hi: number, lo: number, tags: number) => void): void {
    if (this.isBloom) throw new Error('A Bloom-mode fingerprint set has no entries to list.');
    for (let i = 0; i < this.his.length; i++) if (this.tagMasks[i] !== 0) visit(this.his[i]!, this.los[i]!, this.tagMasks[i]!);
  }

  /** The Bloom filter's state (Bloom mode only), to be written to a fingerprint file. */
  bloomState(): { bits: Uint32Array<ArrayBuffer>; k: number; pairs: number; tags: number } {
    if (!this.isBloom) throw new Error('An exact fingerprint set has no Bloom state.');
    return { bits: this.bits, k: this.k, pairs: this.pairs, tags: this.tagsSeen };
  }

  /** A Bloom-mode set restored from bloomState() (read from a fingerprint file). */
  static fromBloom(state: { bits: Uint32Array<ArrayBuffer>; k: number; pairs: number; tags: number }): FingerprintSet {
    if (state.bits.length === 0 || state.bits.length > MAX_BLOOM_WORDS || !(state.k >= 1 && state.k <= MAX_HASHES)) throw new RangeError('The Bloom filter state is out of range.');
    const set = new FingerprintSet({ budgetBytes: 64 });
    set.bits = state.bits;
    set.m = state.bits.length * 32;
    set.k = state.k;
    set.pairs = state.pairs;
    set.tagsSeen = state.tags;
    set.isBloom = true;
    return set;
  }

  /** 'exact' until the budget forced the switch to a Bloom filter. */
  get mode(): 'exact' | 'bloom' {
    return this.isBloom ? 'bloom' : 'exact';
  }

  /** Bytes held by the set's arrays now. */
  get bytes(): number {
    return this.his.byteLength + this.los.byteLength + this.tagMasks.byteLength + this.bits.byteLength;
  }

  /** Estimated chance that `has` answers true for an absent pair, `(1 - e^(-kn/m))^k`; 0 in exact mode. */
  get falsePositiveRate(): number {
    if (!this.isBloom) return 0;
    return (1 - Math.exp((-this.k * this.pairs) / this.m)) ** this.k;
  }

  /** Mode, entries, memory and false-positive rate for the run report. */
  describe(): FingerprintSetSummary {
    return { mode: this.mode, entries: this.size, bytes: this.bytes, falsePositiveRate: this.falsePositiveRate };
  }

  private allocate(slots: number): void {
    this.his = new Uint32Array(slots);
    this.los = new Uint32Array(slots);
    this.tagMasks = new Uint8Array(slots);
    this.shift = 32 - Math.log2(slots);
  }

  /** The slot holding `(hi, lo)`, or the empty slot where it belongs. */
  private find(hi: number, lo: number): number {
    const his = this.his;
    const los = this.los;
    const mask = his.length - 1;
    // The halves are uniform already; mixing both into the index only guards against callers
    // (tests, a future unkeyed use) whose halves are not, e.g. a constant lo.
    let i = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
    for (;;) {
      const h = his[i]!;
      const l = los[i]!;
      if ((h === hi && l === lo) || (h | l) === 0) return i;
      i = (i + 1) & mask;
    }
  }

  /** Doubles the table; false when the old and the new table together would exceed the budget. */
  private grow(): boolean {
    const oldHis = this.his;
    const oldLos = this.los;
    const oldTags = this.tagMasks;
    const slots = oldHis.length * 2;
    if (slots > MAX_SLOTS || this.bytes + slots * BYTES_PER_SLOT > this.budget) return false;
    this.allocate(slots);
    for (let j = 0; j < oldHis.length; j++) {
      const hi = oldHis[j]!;
      const lo = oldLos[j]!;
      if ((hi | lo) === 0) continue;
      const i = this.find(hi, lo);
      this.his[i] = hi;
      this.los[i] = lo;
      this.tagMasks[i] = oldTags[j]!;
    }
    return true;
  }

  /** Moves every pair into a Bloom filter over what the budget leaves beside the exact table, then drops the table. */
  private toBloom(): void {
    const words = Math.min(MAX_BLOOM_WORDS, Math.floor((this.budget - this.bytes) / 4));
    this.bits = new Uint32Array(words);
    this.m = words * 32;
    // Sized for twice the pairs so far (or the caller's estimate), as the set is likely still filling.
    const target = Math.max(this.expected, this.pairs * 2, 1);
    this.k = Math.min(MAX_HASHES, Math.max(1, Math.round((this.m / target) * Math.LN2)));
    this.isBloom = true;

    const his = this.his;
    const los = this.los;
    const tagMasks = this.tagMasks;
    this.pairs = 0;
    for (let j = 0; j < his.length; j++) {
      const t = tagMasks[j]!;
      if (t === 0) continue;
      for (let tag = 0; tag <= MAX_FINGERPRINT_TAG; tag++) {
        if ((t & (1 << tag)) !== 0 && this.bloomInsert(his[j]!, los[j]!, tag)) this.pairs++;
      }
    }
    this.his = new Uint32Array(0);
    this.los = new Uint32Array(0);
    this.tagMasks = new Uint8Array(0);
    this.used = 0;
  }

  // Double hashing (Kirsch–Mitzenmacher): position i = start + i·step mod m, with the tag folded
  // into the start so that each (fingerprint, tag) pair is its own element. The step is odd and m a
  // multiple of 32, so the positions repeat only after m / gcd(step, m) ≥ 32 > k steps: the k bits
  // are always distinct. All sums stay below 2^33, exact in doubles.

  /** Sets the k bits of (hi, lo, tag); true when at least one was clear. */
  private bloomInsert(hi: number, lo: number, tag: number): boolean {
    const bits = this.bits;
    const m = this.m;
    let pos = ((hi ^ Math.imul(tag + 1, TAG_SALT)) >>> 0) % m;
    const step = ((lo % m) | 1) >>> 0;
    let changed = false;
    for (let i = 0; i < this.k; i++) {
      const w = pos >>> 5;
      const b = 1 << (pos & 31);
      const word = bits[w]!;
      if ((word & b) === 0) {
        bits[w] = word | b;
        changed = true;
      }
      pos += step;
      if (pos >= m) pos -= m;
    }
    return changed;
  }

  /** Whether all k bits of (hi, lo, tag) are set. */
  private bloomHas(hi: number, lo: number, tag: number): boolean {
    const bits = this.bits;
    const m = this.m;
    let pos = ((hi ^ Math.imul(tag + 1, TAG_SALT)) >>> 0) % m;
    const step = ((lo % m) | 1) >>> 0;
    for (let i = 0; i < this.k; i++) {
      if ((bits[pos >>> 5]! & (1 << (pos & 31))) === 0) return false;
      pos += step;
      if (pos >= m) pos -= m;
    }
    return true;
  }
}
