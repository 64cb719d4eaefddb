/**
 * Dutch date notations (dutch-pii.md §4.4) and PostgreSQL's ISO text form: one parser and one
 * formatter, so a masker can write a fake date back in exactly the notation it read, plus
 * `findDates` for free text.
 */
import type { Confidence, DetectorMatch } from './detector.js';
import { hasDigit } from './detector.js';

/** How a date was written, enough to write another date the same way. */
export type DateNotation =
  /** `1985-03-07`, with PostgreSQL's time/zone `tail` (e.g. ` 13:45:00+01`) and era suffix ` BC`. */
  | { readonly kind: 'iso'; readonly tail: string }
  /** `19850307` (BRP jjjjmmdd); only with column context. */
  | { readonly kind: 'compact' }
  /** `07-03-1985`, `7/3/1985`, `07.03.85`, `9-11-'89`. */
  | { readonly kind: 'dmy'; readonly sep: string; readonly pad: boolean; readonly year: YearStyle }
  /** `7 maart 1985`, `07 Mrt. 1985`, `7 MAART 1985`. */
  | { readonly kind: 'text'; readonly pad: boolean; readonly abbr: boolean; readonly dot: boolean; readonly letterCase: LetterCase; readonly gap1: string; readonly gap2: string };

/** Year written with four digits, two digits, or two digits after an apostrophe. */
export type YearStyle = 'full' | 'short' | 'apostrophe';
/** Letter case of a month name. */
export type LetterCase = 'lower' | 'title' | 'upper';

/** A calendar date with its notation. `year` is astronomical: 1 BC is 0, 2 BC is -1. */
export interface ParsedDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly notation: DateNotation;
  /** Whitespace before and after the date in the original value, kept on output. */
  readonly lead: string;
  readonly trail: string;
}

/** What `parseDate` accepts besides the unambiguous notations. */
export interface ParseOptions {
  /** Accept `07-03-85` and `9-11-'89` (only sensible with a date-like column name, §4.4). */
  readonly twoDigitYears?: boolean;
  /** Accept `19850307` (8 digits are a date only when the column says so). */
  readonly compact?: boolean;
}

/** Dutch month names, index 0 = januari. */
export const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'] as const;
/** The Taalunie abbreviations; "mei" is never abbreviated. */
export const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'] as const;

/** Month word (lowercase) → [month 1–12, abbreviated]. Also `febr` and `sept` (§4.4). */
const MONTH_WORDS = new Map<string, [number, boolean]>([
  ...MONTHS.map((m, i): [string, [number, boolean]] => [m, [i + 1, false]]),
  ...MONTH_ABBREVIATIONS.flatMap((m, i): [string, [number, boolean]][] => (m === 'mei' ? [] : [[m, [i + 1, true]]])),
  ['febr', [2, true]],
  ['sept', [9, true]],
]);

/** Two-digit years below this are 20yy, others 19yy; it only matters for 29 February and for century crossings. */
const PIVOT = 30;

// Whole-value patterns; the date part is validated against the calendar afterwards.
const ISO_VALUE = /^(\s*)(\d{4,7})-(\d{2})-(\d{2})((?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}(?::?\d{2}(?::\d{2})?)?)?)( BC)?(\s*)$/;
const COMPACT_VALUE = /^(\s*)(\d{4})(\d{2})(\d{2})(\s*)$/;
const DMY_VALUE = /^(\s*)(\d{1,2})([-/.])(\d{1,2})\3(\d{4}|'?\d{2})(\s*)$/;
const TEXT_VALUE = /^(\s*)(\d{1,2})(\s+)(\p{L}+)(\.?)(\s+)(\d{4})(\s*)$/u;

/** Whether `year` (astronomical) is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year` (astronomical). */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; any year). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date `days` after 1970-01-01, as [year, month, day]. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const valid = (y: number, m: number, d: number): boolean => m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

/** Parses a whole value as a date in one of the §4.4 notations, or returns null. */
export function parseDate(value: string, options: ParseOptions = {}): ParsedDate | null {
  let m = ISO_VALUE.exec(value);
  if (m) {
    const bc = m[6] !== undefined;
    const written = Number(m[2]);
    // Year 0 does not exist in PostgreSQL's BC/AD notation.
    if (written === 0) return null;
    const year = bc ? 1 - written : written;
    const month = Number(m[3]);
    const day = Number(m[4]);
    return valid(year, month, day) ? { year, month, day, notation: { kind: 'iso', tail: m[5]! }, lead: m[1]!, trail: m[7]! } : null;
  }
  m = DMY_VALUE.exec(value);
  if (m) {
    const ys = m[5]!;
    const yearStyle: YearStyle = ys.length === 4 ? 'full' : ys.startsWith("'") ? 'apostrophe' : 'short';
    if (yearStyle !== 'full' && !options.twoDigitYears) return null;
    const yy = Number(ys.replace("'", ''));
    const year = yearStyle === 'full' ? yy : yy < PIVOT ? 2000 + yy : 1900 + yy;
    const ds = m[2]!;
    const ms = m[4]!;
    const day = Number(ds);
    const month = Number(ms);
    if (!valid(year, month, day)) return null;
    // "17-3-1985" is unpadded; "07-03-1985" and the ambiguous "17-11-1985" are padded.
    const pad = ds.startsWith('0') || ms.startsWith('0') || (ds.length === 2 && ms.length === 2);
    return { year, month, day, notation: { kind: 'dmy', sep: m[3]!, pad, year: yearStyle }, lead: m[1]!, trail: m[6]! };
  }
  m = TEXT_VALUE.exec(value);
  if (m) {
    const word = m[4]!;
    const entry = MONTH_WORDS.get(word.toLowerCase());
    if (!entry) return null;
    const [month, abbr] = entry;
    // "mei." is not an abbreviation; a period after a full name is not a date notation.
    if (m[5] === '.' && !abbr) return null;
    const day = Number(m[2]);
    const year = Number(m[7]);
    if (!valid(year, month, day)) return null;
    const letterCase: LetterCase = word === word.toLowerCase() ? 'lower' : word === word.toUpperCase() && word.length > 1 ? 'upper' : 'title';
    return {
      year, month, day,
      notation: { kind: 'text', pad: m[2]!.length === 2, abbr, dot: m[5] === '.', letterCase, gap1: m[3]!, gap2: m[6]! },
      lead: m[1]!, trail: m[8]!,
    };
  }
  if (options.compact) {
    m = COMPACT_VALUE.exec(value);
    if (m) {
      const year = Number(m[2]);
      const month = Number(m[3]);
      const day = Number(m[4]);
      return year > 0 && valid(year, month, day) ? { year, month, day, notation: { kind: 'compact' }, lead: m[1]!, trail: m[5]! } : null;
    }
  }
  return null;
}

const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Applies a letter case to a lowercase word. */
function cased(word: string, c: LetterCase): string {
  return c === 'lower' ? word : c === 'upper' ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Writes (year, month, day) in `notation`, with the original surrounding whitespace. Returns null
 * when the notation cannot hold the date (a BC date in a Dutch notation, a year beyond 9999).
 */
export function formatDate(year: number, month: number, day: number, like: Pick<ParsedDate, 'notation' | 'lead' | 'trail'>): string | null {
  const n = like.notation;
  let body: string;
  switch (n.kind) {
    case 'iso': {
      const bc = year <= 0;
      const shown = bc ? 1 - year : year;
      body = `${String(shown).padStart(4, '0')}-${p2(month)}-${p2(day)}${n.tail}${bc ? ' BC' : ''}`;
      break;
    }
    case 'compact':
      if (year < 1 || year > 9999) return null;
      body = `${String(year).padStart(4, '0')}${p2(month)}${p2(day)}`;
      break;
    case 'dmy': {
      if (year < 1 || year > 9999) return null;
      const y = n.year === 'full' ? String(year).padStart(4, '0') : `${n.year === 'apostrophe' ? "'" : ''}${p2(year % 100)}`;
      body = n.pad ? `${p2(day)}${n.sep}${p2(month)}${n.sep}${y}` : `${day}${n.sep}${month}${n.sep}${y}`;
      break;
    }
    case 'text': {
      if (year < 1 || year > 9999) return null;
      const short = n.abbr && month !== 5;
      const word = cased(short ? MONTH_ABBREVIATIONS[month - 1]! : MONTHS[month - 1]!, n.letterCase);
      body = `${n.pad ? p2(day) : day}${n.gap1}${word}${short && n.dot ? '.' : ''}${n.gap2}${String(year).padStart(4, '0')}`;
      break;
    }
  }
  return like.lead + body + like.trail;
}

// ---------------------------------------------------------------------------------------------
// Detection in free text (§4.4 regexes, with the calendar check after matching)
// ---------------------------------------------------------------------------------------------

const MON = 'september|februari|augustus|november|december|januari|oktober|maart|april|febr|juni|juli|sept|jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec';
const DMY_TEXT = /(?<!\d)(0?[1-9]|[12]\d|3[01])([-/.])(0?[1-9]|1[0-2])\2((?:18|19|20)\d{2})(?!\d)/g;
const ISO_TEXT = /(?<!\d)((?:18|19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)/g;
const WORD_TEXT = new RegExp(`(?<![\\p{L}\\p{N}])(0?[1-9]|[12]\\d|3[01])\\s+(${MON})(\\.?)\\s+((?:18|19|20)\\d{2})(?!\\d)`, 'giu');
/** Birth keywords (§4.4 text keywords plus English ones) that make a date a birth date. */
const BIRTH_KEYWORD = /geboren|geb\.|geboortedatum|geb\.?\s?datum|geboortedag|\bdob\b|date of birth|\bborn\b|°/i;
const BIRTH_CONTEXT = new RegExp(`(?:${BIRTH_KEYWORD.source})[^\\n]{0,25}$`, 'i');

/** Whether `text` has a birth keyword anywhere: without one, findDates() gives no high-confidence date (a cheap test before it). */
export function hasBirthKeyword(text: string): boolean {
  return BIRTH_KEYWORD.test(text);
}

/**
 * Every calendar-valid date in `text` (ISO, d-m-yyyy with one separator kind, "7 maart 1985").
 * Confidence is high with a birth keyword ending at most 25 characters before the date, else medium.
 * Two-digit years and 8-digit runs are not matched: without a column name they are too ambiguous.
 */
export function findDates(text: string): DetectorMatch[] {
  // Every form of this identifier has digits; most free text can be skipped at once.
  if (!hasDigit(text)) return [];
  const found: DetectorMatch[] = [];
  const add = (start: number, end: number, y: number, m: number, d: number): void => {
    if (!valid(y, m, d)) return;
    const before = text.slice(Math.max(0, start - 60), start);
    const confidence: Confidence = BIRTH_CONTEXT.test(before) ? 'high' : 'medium';
    found.push({ start, end, text: text.slice(start, end), confidence });
  };
  for (const m of text.matchAll(ISO_TEXT)) add(m.index, m.index + m[0].length, Number(m[1]), Number(m[2]), Number(m[3]));
  for (const m of text.matchAll(DMY_TEXT)) add(m.index, m.index + m[0].length, Number(m[4]), Number(m[3]), Number(m[1]));
  for (const m of text.matchAll(WORD_TEXT)) {
    const entry = MONTH_WORDS.get(m[2]!.toLowerCase());
    if (!entry || (m[3] === '.' && !entry[1])) continue;
    add(m.index, m.index + m[0].length, Number(m[4]), entry[0], Number(m[1]));
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  // A date inside another match (rare with the lookarounds) is reported once, as the longer one.
  const out: DetectorMatch[] = [];
  for (const f of found) if (out.length === 0 || f.start >= out[out.length - 1]!.end) out.push(f);
  return out;
}
