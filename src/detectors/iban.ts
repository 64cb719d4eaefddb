// IBANs, with the Dutch form in focus (dutch-pii.md §3.1–3.2). mod97 here is the only copy of the
// ISO 7064 arithmetic in maskgate: the iban masker, the detector and the tests all use it.
import type { DetectorMatch } from './detector.js';
import { hasDigit } from './detector.js';

/**
 * ISO 7064 MOD 97-10 remainder of an uppercase alphanumeric string, letters read as A=10 … Z=35
 * (so `ABNA0417164300NL91` is read as 101123100417164300232191). `from` continues a remainder:
 * mod97(b, mod97(a)) = mod97(a ‖ b), which lets a generator add its digits without building a string.
 */
export function mod97(s: string, from = 0): number {
  let r = from;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    r = c >= 65 ? (r * 100 + (c - 55)) % 97 : (r * 10 + (c - 48)) % 97;
  }
  return r;
}

/** The two check digits of the IBAN with this country code and BBAN (kk = 98 − mod97(bban ‖ cc ‖ 00)). */
export function ibanCheckDigits(country: string, bban: string): string {
  const kk = 98 - mod97(`${country}00`, mod97(bban));
  return kk < 10 ? `0${kk}` : String(kk);
}

/** An IBAN's compact form: whitespace and dashes removed, uppercase. */
export function ibanCompact(raw: string): string {
  return raw.replace(SEPARATORS, '').toUpperCase();
}

const SEPARATORS = /[\s-]/g;
const NL_SHAPE = /^NL\d{2}[A-Z]{4}\d{10}$/;
const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** Whether a compact uppercase string has a valid IBAN check (rearranged value mod 97 = 1). */
function checks(i: string): boolean {
  return mod97(i.slice(4) + i.slice(0, 4)) === 1;
}

/** §3.2 isNlIban: `NL` + 2 check digits + 4-letter bank code + 10 digits, mod-97 valid; spaces and dashes allowed. */
export function isValidNlIban(raw: string): boolean {
  const i = ibanCompact(raw);
  return NL_SHAPE.test(i) && checks(i);
}

/** Whether a value is an IBAN of any country by shape (2 letters, 2 digits, 11–30 alphanumerics) and mod-97. */
export function isValidIban(raw: string): boolean {
  const i = ibanCompact(raw);
  return IBAN_SHAPE.test(i) && checks(i);
}

// §3.2 NL_IBAN_TEXT, but with horizontal spaces only, so that an IBAN never spans two lines.
const NL_IBAN_TEXT = /\bNL[ \t]?\d{2}[ \t]?[A-Z]{4}(?:[ \t]?\d{4}){2}[ \t]?\d{2}\b/gi;

/**
 * Dutch IBANs in free text (§3.2), compact or printed in groups of 4. A mod-97 valid match is high
 * confidence. One that fails the check is still reported, as low: a mistyped IBAN is still
 * somebody's account number with one digit wrong.
 */
export function findIbans(text: string): DetectorMatch[] {
  // Every form of this identifier has digits; most free text can be skipped at once.
  if (!hasDigit(text)) return [];
  const out: DetectorMatch[] = [];
  for (const m of text.matchAll(NL_IBAN_TEXT)) {
    const start = m.index;
    out.push({ start, end: start + m[0].length, text: m[0], confidence: isValidNlIban(m[0]) ? 'high' : 'low' });
  }
  return out;
}
