// Canonical forms of dutch-pii.md §0.2. Maskers key their PRF on these, so that every notation
// of one value (`1112.22.333`, `111222333`) maps to the same fake in every table.
import { isValidBsn } from '../detectors/bsn.js';

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
  // Fast path for hot maskers (plates, IBANs, postcodes): ASCII letters, digits and separators only.
  let out = '';
  let from = 0;
  let lower = false;
  for (let i = 0; i < value.length; i++) {
    const k = value.charCodeAt(i);
    if ((k >= 65 && k <= 90) || (k >= 48 && k <= 57)) continue;
    if (k >= 97 && k <= 122) lower = true;
    else if (k === 32 || k === 45 || k === 46 || k === 47) {
      out += value.slice(from, i);
      from = i + 1;
    } else return normalize(value).toUpperCase().replace(/[ .\-/]/g, '');
  }
  out = from === 0 ? value : out + value.slice(from);
  return lower ? out.toUpperCase() : out;
}

/** §1.2: a BSN's canonical 9-digit form, or null when the value is not 8 or 9 digits. */
export function bsnCanonical(value: string): string | null {
  const s = compact(value);
  return /^\d{8,9}$/.test(s) ? s.padStart(9, '0') : null;
}

/** §1.1: the BSN elfproef, with 000000000 rejected (the validator lives in detectors/bsn.ts). */
export function isBsn(value: string): boolean {
  const c = bsnCanonical(value);
  return c !== null && isValidBsn(c);
}
