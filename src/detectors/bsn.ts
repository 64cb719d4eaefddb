// The BSN detector of dutch-pii.md §1: the single elfproef validator (§1.1–§1.2) that maskers,
// canonicalize.ts and the tests share, and the free-text finder of §1.3 with the context rules of §1.6.
import type { Confidence, DetectorMatch } from './detector.js';
import { hasDigit } from './detector.js';

/**
 * The BSN weighted sum 9·d1 + … + 2·d8 − d9 of 9 ASCII digits, reduced into [0, 11), or -1 when
 * `s` is not exactly 9 ASCII digits. The BSN (0), the onderwijsnummer (5) and the masker's
 * invalid space (1) are told apart by this remainder.
 */
export function bsnRemainder(s: string): number {
  if (s.length !== 9) return -1;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    sum += i === 8 ? -d : (9 - i) * d;
  }
  return ((sum % 11) + 11) % 11;
}

/**
 * §1.1: whether a digit string is a valid BSN. Takes the canonical 9 digits, or 8 digits whose
 * leading zero was dropped (the padding rule); `000000000` is rejected. No separators: callers
 * canonicalise first (`bsnCanonical` in keyed/canonicalize.ts).
 */
export function isValidBsn(digits: string): boolean {
  const c = digits.length === 8 ? `0${digits}` : digits;
  return c !== '000000000' && bsnRemainder(c) === 0;
}

/** §1.2: the check digit of an 8-digit prefix given as a number in [0, 10^8), or -1 when no BSN has this prefix. */
export function bsnCheckDigit(prefix: number): number {
  let sum = 0;
  // prefix < 10^8 < 2^31, so int32 division is exact
  for (let w = 2; w <= 9; w++) {
    const q = (prefix / 10) | 0;
    sum += w * (prefix - q * 10);
    prefix = q;
  }
  const r = sum % 11;
  return r === 10 ? -1 : r;
}

/** §1.7: the onderwijsnummer: 9 digits starting with `10`, weighted sum ≡ 5 (mod 11). */
export function isOnderwijsnummer(digits: string): boolean {
  return digits.startsWith('10') && bsnRemainder(digits) === 5;
}

/** §1.3 `BSN_CELL`: a whole cell in one of the BSN notations (one separator kind per value). */
export const BSN_CELL = /^\s*(\d{9}|\d{8}|\d{4}([ .-])\d{2}\2\d{3}|\d{3}([ .-])\d{3}\3\d{3}|\d{2}([ .-])\d{2}\4\d{2}\4\d{3})\s*$/;

/** Whether a whole cell is a BSN: a §1.3 notation whose digits pass the elfproef. */
export function isBsnCell(value: string): boolean {
  return BSN_CELL.test(value) && isValidBsn(value.replace(NON_DIGITS, ''));
}

const NON_DIGITS = /\D/g;

// §1.3 `BSN_TEXT`; group 1 is the candidate. Shared global regexes: lastIndex is reset per call.
const BSN_TEXT = /(?<![\p{L}\p{N}.,-])(\d{9}|\d{4}([ .-])\d{2}\2\d{3}|\d{3}([ .-])\d{3}\3\d{3}|\d{2}([ .-])\d{2}\4\d{2}\4\d{3})(?![\p{L}\p{N}]|[.,-]\d)/gu;
/** 8 digits in running text: a BSN only with a keyword right before it (§1.6: dates jjjjmmdd pass 9% of the time). */
const BSN_TEXT_8 = /(?<![\p{L}\p{N}.,-])\d{8}(?![\p{L}\p{N}]|[.,-]\d)/gu;
/** §1.3 `NL_BTW_OLD`: the old btw-nummer embeds an RSIN or, for a sole trader, the BSN (§1.7). */
const NL_BTW_OLD = /\bNL\s?(\d{9})\s?B\s?(\d{2})\b/gi;

/** §1.6 L4 keywords. */
const KEYWORDS =
  /(?<![\p{L}\p{N}])(?:b\.s\.n\.|bsn|burger\s?service\s?nummer|sofi(?:nummer|[- ]nummer|[- ]?nr)|sociaal[- ]fiscaal\s?nummer|fiscaal\s?nummer|persoonsnummer|citizen service number)/giu;
/** §1.6 negative cues: other numbers a 9-digit value is often (kvk, rsin, order, invoice, customer, phone, account). */
const NEGATIVE = /(?<![\p{L}\p{N}])(?:kvk|rsin|order|factuur|klantn(?:umme)?r|tel|iban|rekening)/giu;

/** L4 window of §0.4: ±40 characters. */
const WINDOW = 40;
/** The most characters between a keyword and an 8-digit BSN for it to count as "right before". */
const RIGHT_BEFORE = 16;

/** Distances from [start, end) to the nearest match of `re` before and after it, within ±WINDOW (Infinity: none). */
function nearest(re: RegExp, text: string, start: number, end: number): { before: number; after: number } {
  const from = Math.max(0, start - WINDOW);
  const slice = text.slice(from, Math.min(text.length, end + WINDOW));
  let before = Infinity;
  let after = Infinity;
  re.lastIndex = 0;
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    const s = from + m.index;
    const e = s + m[0].length;
    if (e <= start) before = Math.min(before, start - e);
    else if (s >= end) after = Math.min(after, s - end);
  }
  return { before, after };
}

/** Whether a keyword ends at most RIGHT_BEFORE characters before `start`, with no digits in between. */
function keywordRightBefore(text: string, start: number): boolean {
  const from = Math.max(0, start - WINDOW);
  const slice = text.slice(from, start);
  KEYWORDS.lastIndex = 0;
  let lastEnd = -1;
  for (let m = KEYWORDS.exec(slice); m !== null; m = KEYWORDS.exec(slice)) lastEnd = m.index + m[0].length;
  if (lastEnd < 0) return false;
  const gap = slice.slice(lastEnd);
  return gap.length <= RIGHT_BEFORE && !/\d/.test(gap);
}

/**
 * §1.6 confidence from the text around a candidate. Labels precede values in Dutch text ("BSN:
 * 249566758, tel …"), so the nearest cue *before* the number decides: a keyword gives high, a
 * negative cue (kvk, rsin, tel, iban, …) between keyword and number gives medium. With no cue before
 * it, a keyword after it ("249566758 (BSN)") gives high unless a negative cue is nearer. No keyword
 * at all gives `base`, or low when a negative cue is near.
 */
function confidenceAt(text: string, start: number, end: number, base: Confidence): Confidence {
  const kw = nearest(KEYWORDS, text, start, end);
  const neg = nearest(NEGATIVE, text, start, end);
  if (kw.before !== Infinity) return kw.before < neg.before ? 'high' : 'medium';
  if (kw.after !== Infinity) return neg.before === Infinity && kw.after < neg.after ? 'high' : 'medium';
  if (neg.before !== Infinity || neg.after !== Infinity) return 'low';
  return base;
}

/**
 * BSNs in free text (§1.3, §1.6). Every match passes the elfproef (onderwijsnummers, remainder 5,
 * never do). A 9-digit candidate without context is low confidence; the 4-2-3 dotted notation, the
 * Belastingdienst's own, is medium; a §1.6 keyword within ±40 characters makes it high unless a
 * negative cue (kvk, rsin, tel, iban, …) is nearer. An 8-digit number is reported only with a keyword
 * right before it. The BSN inside an old btw-nummer (`NL123456782B01`) is reported as medium, since
 * it may be an RSIN; the match covers only its 9 digits.
 */
export function findBsns(text: string): DetectorMatch[] {
  // Every form of this identifier has digits; most free text can be skipped at once.
  if (!hasDigit(text)) return [];
  const out: DetectorMatch[] = [];
  BSN_TEXT.lastIndex = 0;
  for (let m = BSN_TEXT.exec(text); m !== null; m = BSN_TEXT.exec(text)) {
    const raw = m[1]!;
    if (!isValidBsn(raw.replace(NON_DIGITS, ''))) continue;
    const start = m.index;
    const end = start + raw.length;
    const base: Confidence = raw.length === 11 && raw[4] === '.' ? 'medium' : 'low';
    out.push({ start, end, text: raw, confidence: confidenceAt(text, start, end, base) });
  }
  BSN_TEXT_8.lastIndex = 0;
  for (let m = BSN_TEXT_8.exec(text); m !== null; m = BSN_TEXT_8.exec(text)) {
    if (!isValidBsn(m[0]) || !keywordRightBefore(text, m.index)) continue;
    out.push({ start: m.index, end: m.index + 8, text: m[0], confidence: 'high' });
  }
  NL_BTW_OLD.lastIndex = 0;
  for (let m = NL_BTW_OLD.exec(text); m !== null; m = NL_BTW_OLD.exec(text)) {
    const digits = m[1]!;
    if (!isValidBsn(digits)) continue;
    const start = m.index + m[0].indexOf(digits);
    const end = start + 9;
    const kw = nearest(KEYWORDS, text, start, end);
    out.push({ start, end, text: digits, confidence: kw.before !== Infinity || kw.after !== Infinity ? 'high' : 'medium' });
  }
  return out.sort((a, b) => a.start - b.start);
}
