// Verification layer L3 of dutch-pii.md §0.4 ("column statistics", §1.6): a column kept unmasked is
// judged by what its values are, not by what it is called. The whole-value validators are the
// detectors' own, so "passes" means the same here as in the maskers and the other layers.
import { isValidBsn } from '../detectors/bsn.js';
import { daysInMonth } from '../detectors/date.js';
import { hasDigit } from '../detectors/detector.js';
import { isReservedEmailDomain, isValidEmail } from '../detectors/email.js';
import { isValidIban } from '../detectors/iban.js';
import { isValidDutchPhone } from '../detectors/phone.js';
import { parsePlate } from '../detectors/plate.js';
import { isValidPostcode } from '../detectors/postcode.js';
import { normalize } from '../keyed/canonicalize.js';

/** Identifier types whose share in a column's sample is measured. */
export type ContentType = 'bsn' | 'iban' | 'plate' | 'email' | 'phone' | 'postcode';

/** What a column's sample says about one identifier type; only types that reach a level get one. */
export interface ContentVerdict {
  readonly type: ContentType;
  /** Values looked at (the whole sample, not only those of this type). */
  readonly sampled: number;
  /** Values that passed this type's whole-value check. */
  readonly passing: number;
  /** passing / sampled, in [0, 1]. */
  readonly share: number;
  /** error: the column is this type (≥ 95%); warning: mixed content (30–94%). */
  readonly level: 'error' | 'warning';
}

/** Every content type, in the order verdicts are reported. */
export const CONTENT_TYPES: readonly ContentType[] = ['bsn', 'iban', 'plate', 'email', 'phone', 'postcode'];

/** §1.6: below this many sampled values no share means anything (P(≥ 19/20 random 9-digit pass) ≈ 3·10⁻¹⁹). */
export const MIN_SAMPLED = 20;
/** §1.6: percentage at or above which the column is of that type. */
export const ERROR_PERCENT = 95;
/** §1.6: percentage at or above which the column has mixed content worth a warning. */
export const WARNING_PERCENT = 30;
/**
 * The binomial bound of §1.6 assumes independent values, which a column with a handful of distinct
 * values is not: a constant column of `12` (padded `000000012`, an elfproef pass) would be 100% BSN.
 * With fewer distinct passing BSNs than this, a column gets at most a warning ((1/11)^5 ≈ 6·10⁻⁶).
 */
export const MIN_DISTINCT_BSNS = 5;

const DEFAULT_SAMPLE_SIZE = 1000;
// No value of any type is longer (e-mail ≤ 254); longer text is counted but not checked.
const MAX_CHECKED_LENGTH = 300;
const DIGITS = /^\d+$/;
// A mobile number stored as an integer lost its trunk 0 (§0.2 point 4, §8 `683633934`).
const BARE_MOBILE = /^6[1-58]\d{7}$/;

/**
 * The sample of one kept column, fed value by value while the dump is read. Only the first
 * `sampleSize` values are checked; after that `add` returns at once.
 */
export class ColumnContentStats {
  private readonly sampleSize: number;
  private count = 0;
  private readonly passing: Record<ContentType, number> = { bsn: 0, iban: 0, plate: 0, email: 0, phone: 0, postcode: 0 };
  private readonly distinctBsns: string[] = [];

  /** `sampleSize` (default 1000) is how many values are checked; a positive integer. */
  constructor(opts: { sampleSize?: number } = {}) {
    const size = opts.sampleSize ?? DEFAULT_SAMPLE_SIZE;
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`sampleSize must be a positive integer, got ${size}`);
    this.sampleSize = size;
  }

  /** Takes one non-null, non-empty value of the column. */
  add(value: string): void {
    if (this.count >= this.sampleSize) return;
    this.count++;
    if (value.length > MAX_CHECKED_LENGTH) return;
    const v = normalize(value);
    if (v.includes('@')) {
      if (isValidEmail(v) && !isReservedEmailDomain(v)) this.passing.email++;
      return;
    }
    // Every other type has digits; names, statuses and free words end here.
    if (!hasDigit(v)) return;
    const bsn = bsnOf(v);
    if (bsn !== null) {
      this.passing.bsn++;
      if (this.distinctBsns.length < MIN_DISTINCT_BSNS && !this.distinctBsns.includes(bsn)) this.distinctBsns.push(bsn);
    }
    if (isValidIban(v)) this.passing.iban++;
    if (isDelimitedPlate(v)) this.passing.plate++;
    if (isValidDutchPhone(v) || BARE_MOBILE.test(v)) this.passing.phone++;
    if (isValidPostcode(v)) this.passing.postcode++;
  }

  /** Whether the sample is complete, so callers can skip decoding further values. */
  get full(): boolean {
    return this.count >= this.sampleSize;
  }

  /** How many values were checked so far (at most `sampleSize`). */
  get sampled(): number {
    return this.count;
  }

  /** The types this column's sample points to, in CONTENT_TYPES order; empty below MIN_SAMPLED values. */
  verdicts(): ContentVerdict[] {
    const sampled = this.count;
    if (sampled < MIN_SAMPLED) return [];
    const out: ContentVerdict[] = [];
    for (const type of CONTENT_TYPES) {
      const passing = this.passing[type];
      // Integer comparison, so that 19 of 20 is exactly 95% and an error.
      let level: ContentVerdict['level'] | null =
        passing * 100 >= ERROR_PERCENT * sampled ? 'error' : passing * 100 >= WARNING_PERCENT * sampled ? 'warning' : null;
      if (level === 'error' && type === 'bsn' && this.distinctBsns.length < MIN_DISTINCT_BSNS) level = 'warning';
      if (level !== null) out.push({ type, sampled, passing, share: passing / sampled, level });
    }
    return out;
  }
}

// Whole-value BSN notations with separators (§1.3 BSN_CELL minus the bare forms, handled by padding).
const BSN_SEPARATED = /^(?:\d{4}([ .-])\d{2}\1\d{3}|\d{3}([ .-])\d{3}\2\d{3}|\d{2}([ .-])\d{2}\3\d{2}\3\d{3})$/;
const SEPARATORS = /[ .-]/g;

/**
 * The canonical 9 digits of a value that is a valid BSN, else null. Bare digit strings of up to 9
 * digits are padded: an integer column drops every leading zero (§0.2 point 4), and the 00-block
 * fakes of §1.8 keep only 7 significant digits. An 8-digit value that reads as a date `jjjjmmdd`
 * does not count: 9% of dates pass after padding (§1.6), while dates are ~0.1% of 8-digit BSNs.
 */
function bsnOf(v: string): string | null {
  let digits: string;
  if (DIGITS.test(v)) {
    if (v.length > 9 || (v.length === 8 && isCompactDate(v))) return null;
    digits = v.length === 9 ? v : v.padStart(9, '0');
  } else if (BSN_SEPARATED.test(v)) {
    digits = v.replace(SEPARATORS, '');
  } else {
    return null;
  }
  return isValidBsn(digits) ? digits : null;
}

/** Whether 8 digits are a calendar date `jjjjmmdd` in 1800–2199 (birth dates, booking dates, …). */
function isCompactDate(d: string): boolean {
  const year = Number(d.slice(0, 4));
  const month = Number(d.slice(4, 6));
  const day = Number(d.slice(6, 8));
  return year >= 1800 && year < 2200 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * A plate in dashed (`HKR-23-B`) or spaced (`HKR 23 B`) notation. The compact form is not counted:
 * six-character product and article codes (`AB1234`, `BD12FG`) fit a sidecode mask often enough to
 * fill a column, and compact `1234AB` is the postcode's form (§8). Compact kenteken columns are
 * left to the column-name layer (L2) and the pattern scan, which reports compact plates as low.
 */
function isDelimitedPlate(v: string): boolean {
  const p = parsePlate(v);
  return p !== null && p.separator !== '';
}
