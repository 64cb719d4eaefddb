// Quasi-identifier risk (dutch-pii.md §6): rows are grouped by the real information that survives
// in their quasi-identifier columns, and every group must hold at least k rows. Class keys are
// hashed, so memory grows with the number of distinct classes, never with their text.

/** Class-size buckets of the report's distribution. */
const BUCKETS: readonly [label: string, max: number][] = [['1', 1], ['2', 2], ['3', 3], ['4', 4], ['5-9', 9], ['10-24', 24], ['25+', Infinity]];

/** What the k-anonymity layer found for one table. */
export interface KAnonymityResult {
  readonly k: number;
  readonly rows: number;
  readonly classes: number;
  readonly minClassSize: number;
  readonly classesBelowK: number;
  readonly rowsInClassesBelowK: number;
  /** Number of classes per size bucket (`1`, `2`, …, `25+`). */
  readonly distribution: Readonly<Record<string, number>>;
}

/**
 * Counts the equivalence classes of one table's rows. An open-addressing table of 53-bit class
 * hashes and counts: a Map of millions of entries was a tenth of verify's time on a 1 GB dump and
 * stops at 2^24 entries, where a table of unique rows would crash.
 */
export class EquivalenceClasses {
  private keys = new Float64Array(1 << 10);
  private counts = new Uint32Array(1 << 10);
  private used = 0;
  private rows = 0;

  /** Adds one row, given the surviving real parts of its quasi-identifiers (null for NULL). */
  add(parts: readonly (string | null)[]): void {
    // 0 marks an empty slot; the one class hashing to 0 shares a slot with the one hashing to 1.
    const key = classHash(parts) || 1;
    let i = this.slot(key);
    if (this.keys[i] === 0) {
      if ((this.used + 1) * 4 > this.keys.length * 3) {
        this.grow();
        i = this.slot(key);
      }
      this.keys[i] = key;
      this.used++;
    }
    this.counts[i]!++;
    this.rows++;
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = Math.imul((key % 0x100000000) ^ Math.floor(key / 0x100000000), 0x9e3779b1) & mask;
    while (this.keys[i] !== 0 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const keys = this.keys;
    const counts = this.counts;
    this.keys = new Float64Array(keys.length * 2);
    this.counts = new Uint32Array(keys.length * 2);
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === 0) continue;
      const i = this.slot(keys[j]!);
      this.keys[i] = keys[j]!;
      this.counts[i] = counts[j]!;
    }
  }

  /** The size of every class. */
  private *sizes(): Generator<number> {
    for (let j = 0; j < this.keys.length; j++) if (this.keys[j] !== 0) yield this.counts[j]!;
  }

  /** The class sizes against k. */
  result(k: number): KAnonymityResult {
    const distribution: Record<string, number> = Object.fromEntries(BUCKETS.map(([l]) => [l, 0]));
    let min = this.rows === 0 ? 0 : Infinity;
    let below = 0;
    let rowsBelow = 0;
    for (const n of this.sizes()) {
      if (n < min) min = n;
      if (n < k) {
        below++;
        rowsBelow += n;
      }
      distribution[BUCKETS.find(([, max]) => n <= max)![0]]!++;
    }
    return { k, rows: this.rows, classes: this.used, minClassSize: min, classesBelowK: below, rowsInClassesBelowK: rowsBelow, distribution };
  }
}

/** A 53-bit hash of the parts. A collision would merge two classes; for a million classes that is about one pair in 10^4 runs. */
function classHash(parts: readonly (string | null)[]): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (const p of parts) {
    const s = p === null ? '\u0000' : p;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) >>> 11);
}
