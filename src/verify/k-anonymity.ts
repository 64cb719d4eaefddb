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

/** Counts the equivalence classes of one table's rows. */
export class EquivalenceClasses {
  private readonly sizes = new Map<number, number>();
  private rows = 0;

  /** Adds one row, given the surviving real parts of its quasi-identifiers (null for NULL). */
  add(parts: readonly (string | null)[]): void {
    const key = classHash(parts);
    this.sizes.set(key, (this.sizes.get(key) ?? 0) + 1);
    this.rows++;
  }

  /** The class sizes against k. */
  result(k: number): KAnonymityResult {
    const distribution: Record<string, number> = Object.fromEntries(BUCKETS.map(([l]) => [l, 0]));
    let min = this.rows === 0 ? 0 : Infinity;
    let below = 0;
    let rowsBelow = 0;
    for (const n of this.sizes.values()) {
      if (n < min) min = n;
      if (n < k) {
        below++;
        rowsBelow += n;
      }
      distribution[BUCKETS.find(([, max]) => n <= max)![0]]!++;
    }
    return { k, rows: this.rows, classes: this.sizes.size, minClassSize: min, classesBelowK: below, rowsInClassesBelowK: rowsBelow, distribution };
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
