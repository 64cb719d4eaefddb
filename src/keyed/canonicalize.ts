// Canonical forms of dutch-pii.md §0.2. Maskers key their PRF on these, so that every notation
// of one value (`1112.22.333`, `111222333`) maps to the same fake in every table.

const SPACES = /[\u00a0\u2007\u202f]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const RUNS = /\s+/g;

/** §0.2 steps 1–2: NFKC, odd spaces and dashes normalised, trimmed, inner whitespace collapsed. */
export function normalize(value: string): string {
  // Fast path, taken by almost every cell: printable ASCII words with single spaces are canonical.
  if (CANONICAL_ASCII.test(value)) return value;
  let s = value;
  if (/[^\x20-\x7e]/.test(s)) s = s.normalize('NFKC').replace(SPACES, ' ').replace(DASHES, '-');
  return s.trim().replace(RUNS, ' ');
}

const CANONICAL_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** §0.2 step 3: the compact identifier form, uppercase with separators removed. */
export function compact(value: string): string {
  return normalize(value).toUpperCase().replace(/[ .\-/]/g, '');
}

/** §1.2: a BSN's canonical 9-digit form, or null when the value is not 8 or 9 digits. */
export function bsnCanonical(value: string): string | null {
  const s = compact(value);
  return /^\d{8,9}$/.test(s) ? s.padStart(9, '0') : null;
}

/** §1.1: the BSN elfproef, with 000000000 rejected. */
export function isBsn(value: string): boolean {
  const c = bsnCanonical(value);
  if (c === null || c === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (c.charCodeAt(i) - 48);
  sum -= c.charCodeAt(8) - 48;
  return ((sum % 11) + 11) % 11 === 0;
}
