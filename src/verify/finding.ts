/** One verification result about a location in the output. Never carries a value. */
export interface Finding {
  /** Stable id: keyed hash of detector + location, so the same leak has the same id across runs. */
  readonly id: string;
  readonly severity: 'error' | 'warning';
  /** Which check produced it, e.g. `unchanged-value` or `dump-integrity`. */
  readonly detector: string;
  readonly table: string;
  readonly column?: string;
  /** Row identity in the output: kept primary-key values (`id=17`) or the row's position (`#42`). */
  readonly rowKey?: string;
  /** Redacted preview from redactedPreview(): at most two characters of the value. */
  readonly preview?: string;
  readonly message: string;
}
