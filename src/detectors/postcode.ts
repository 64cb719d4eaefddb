// Dutch postcodes (dutch-pii.md §4.1). The postcode masker uses the same tables, so a fake it makes
// is valid by the very rule the verifier checks.
import { normalize } from '../keyed/canonicalize.js';
import type { Confidence, DetectorMatch } from './detector.js';
import { hasDigit } from './detector.js';

/** Letter pairs that are never issued (§4.1); F, I, O, Q, U and Y are allowed since 2005. */
export const BANNED_POSTCODE_PAIRS: readonly string[] = ['SA', 'SD', 'SS'];

/** Every allowed letter pair, in alphabetical order (26 × 26 − 3 = 673). Its order is part of the masker's output. */
export const POSTCODE_LETTER_PAIRS: readonly string[] = buildPairs();

/** Index into POSTCODE_LETTER_PAIRS by (first − 'A') × 26 + (second − 'A'); −1 for a banned pair. */
export const POSTCODE_PAIR_INDEX: Int16Array = buildPairIndex();

function buildPairs(): string[] {
  const out: string[] = [];
  for (let a = 0; a < 26; a++) {
    for (let b = 0; b < 26; b++) {
      const p = String.fromCharCode(65 + a, 65 + b);
      if (!BANNED_POSTCODE_PAIRS.includes(p)) out.push(p);
    }
  }
  return out;
}

function buildPairIndex(): Int16Array {
  const idx = new Int16Array(676).fill(-1);
  POSTCODE_LETTER_PAIRS.forEach((p, i) => {
    idx[(p.charCodeAt(0) - 65) * 26 + (p.charCodeAt(1) - 65)] = i;
  });
  return idx;
}

// §4.1 PC6_CELL, plus stdnum's optional "NL-" prefix.
const PC6_CELL = /^(?:NL-)?[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}$/;
const PC4_CELL = /^[1-9][0-9]{3}$/;
// §4.1 PC6_TEXT: case-sensitive in running text, so "1234 ab" in prose is not flagged.
const PC6_TEXT = /(?<![\p{L}\p{N}])[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\p{L}\p{N}])/gu;

/** Whether a cell holds a valid Dutch PC6 (`1234 AB`, `1234AB`, any case, trimmed, optional `NL-`). */
export function isValidPostcode(value: string): boolean {
  return PC6_CELL.test(normalize(value).toUpperCase());
}

/** Whether a cell holds a 4-digit PC4 (`1234`); only meaningful with a postcode-like column name. */
export function isValidPc4(value: string): boolean {
  return PC4_CELL.test(normalize(value));
}

/**
 * PC6 postcodes in free text. The spaced form `1234 AB` is high confidence; the compact `1234AB`
 * is medium, since it is also a sidecode-2 kenteken (§2.2, §8).
 */
export function findPostcodes(text: string): DetectorMatch[] {
  // Every form of this identifier has digits; most free text can be skipped at once.
  if (!hasDigit(text)) return [];
  const out: DetectorMatch[] = [];
  for (const m of text.matchAll(PC6_TEXT)) {
    const confidence: Confidence = m[0].length === 7 ? 'high' : 'medium';
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], confidence });
  }
  return out;
}
