// Canonical forms and token extraction of the exact-match layer (L5, dutch-pii.md §0.4). The
// source side and the output side must canonicalise identically, or a re-formatted leak
// (`999 996 836` for `999996836`, `ab-12-cd` for `AB-12-CD`) slips through.
import { compact, normalize } from '../keyed/canonicalize.js';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, NEUTRAL_FIRST_NAMES } from '../maskers/data/dutch-first-names.js';
import { BARE_SURNAMES, PARSE_TUSSENVOEGSELS, PREFIXED_SURNAMES } from '../maskers/data/dutch-surnames.js';
import type { LeakType } from '../maskers/masker.js';

/** The tag of each type L5 fingerprints in the fingerprint set. */
export const LEAK_TAGS = { bsn: 0, iban: 1, plate: 2, email: 3, phone: 4, name: 5 } as const satisfies Record<LeakType, number>;

/**
 * Tag of the words of source surnames: not a leak type (a surname alone is no finding) but the gate
 * that spares the HMAC of name windows that cannot be a source name (SourceFingerprints.mayBeName).
 */
export const SURNAME_WORD_TAG = 6;

/** Leak types by tag, for findings. */
export const LEAK_TYPES: readonly LeakType[] = Object.keys(LEAK_TAGS) as LeakType[];

/** Receives one candidate: its type's tag and canonical form. */
export type CandidateVisitor = (tag: number, canon: string) => void;

const DIGITS = /^\d+$/;

/**
 * A phone number's canonical form: the national significant number (`612345678` for `06-12345678`,
 * `+31 6 12345678` and the integer 612345678), or `+<digits>` for a foreign number.
 */
export function phoneCanon(raw: string): string | null {
  const plus = raw.trimStart().startsWith('+');
  const d = raw.replace(/\D/g, '');
  let nsn: string;
  if (plus) nsn = d.startsWith('31') ? d.slice(2) : `+${d}`;
  else if (d.startsWith('0031')) nsn = d.slice(4);
  else if (d.startsWith('00')) nsn = `+${d.slice(2)}`;
  else if (d.startsWith('0')) nsn = d.slice(1);
  else nsn = d;
  return nsn.replace('+', '').length >= 8 && nsn.length <= 16 ? nsn : null;
}

const COMBINING = /[\u0300-\u036f]/g;

/** One name word in canonical form: lower case, diacritics dropped (`Çelik` and `Celik` are one name). */
export function nameWord(word: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(COMBINING, '').toLowerCase().replace(/ı/g, 'i').replace(/ß/g, 'ss');
}

/** The canonical words of a name or a text: letter runs, lower case, without diacritics. */
export function nameWords(text: string): string[] {
  return (text.match(/\p{L}+/gu) ?? []).map(nameWord);
}

/**
 * The canonical form of a source value of `type`, or null when nothing is left to compare. BSNs
 * are padded to 9 digits (§0.2: an integer column lost the leading zero), names are joined words.
 */
export function sourceCanon(type: LeakType, value: string): string | null {
  switch (type) {
    case 'bsn': {
      const c = compact(value);
      return c === '' ? null : DIGITS.test(c) && c.length < 9 ? c.padStart(9, '0') : c;
    }
    case 'iban':
    case 'plate': {
      const c = compact(value);
      return c.length >= 4 ? c : null;
    }
    case 'email': {
      const c = normalize(value).toLowerCase();
      return c.includes('@') ? c : null;
    }
    case 'phone':
      return phoneCanon(value);
    case 'name': {
      const w = nameWords(value);
      return w.length >= 2 ? w.join(' ') : null;
    }
  }
}

const PLATE_SHAPE = /^(?=.*[A-Z])(?=.*\d)[A-Z0-9]{6}$/;
const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const PHONE_SHAPE = /^\+?[\d\s.\-()/]+$/;
const SPLIT = /[\s"'`,;:()[\]{}<>|=!?*\\]+/;
const CHAIN_PART = /^\+?[A-Za-z0-9]{1,8}$/;
const DIGIT_RUNS = /\d[\d.\-/]*\d/g;

/** Candidates of an identifier-shaped string in compact form (no separators, upper case). */
function compactCandidates(c: string, raw: string, visit: CandidateVisitor, padShort: boolean): void {
  if (DIGITS.test(c)) {
    if (c.length === 9 || c.length === 8 || (padShort && c.length < 9)) visit(LEAK_TAGS.bsn, c.padStart(9, '0'));
    if (c.length >= 8) {
      const p = phoneCanon(raw);
      if (p !== null) visit(LEAK_TAGS.phone, p);
    }
    return;
  }
  if (c.length === 6) {
    if (PLATE_SHAPE.test(c)) visit(LEAK_TAGS.plate, c);
  } else if (c.length >= 15 && IBAN_SHAPE.test(c)) visit(LEAK_TAGS.iban, c);
  else if (c.length >= 9 && raw.startsWith('+') && PHONE_SHAPE.test(raw)) {
    const p = phoneCanon(raw);
    if (p !== null) visit(LEAK_TAGS.phone, p);
  }
}

/**
 * Every identifier candidate in an output cell: the whole value, each token (split on spaces,
 * quotes and JSON or tsvector punctuation), digit runs inside tokens (`\\scans\999996836.pdf`), and
 * runs of short tokens joined (`999 996 836`, `NL91 ABNA 0417 1643 00`, `+31 6 12345678`).
 * `integer` says the cell came from a numeric column, whose BSNs may have lost leading zeros: any
 * number of them (`any`), or only the one a real BSN can lose (`long`, for key columns).
 */
export function identifierCandidates(value: string, visit: CandidateVisitor, integer: false | 'any' | 'long' = false): void {
  const whole = value.trim();
  if (whole === '') return;
  if (integer !== false) {
    // A key column's 12 is row number 12, not BSN 000000012; real BSNs start at 010000000 and so lose
    // at most one zero, while the RvIG test blocks (000000001–000009999) lose up to eight.
    if (DIGITS.test(whole) && whole.length <= 9 && (integer === 'any' || whole.length >= 8)) visit(LEAK_TAGS.bsn, whole.padStart(9, '0'));
    if (whole.length >= 8) {
      const p = phoneCanon(whole);
      if (p !== null) visit(LEAK_TAGS.phone, p);
    }
    return;
  }
  const hasDigit = /\d/.test(whole);
  const hasAt = whole.includes('@');
  if (!hasDigit && !hasAt) return;
  const tokens = whole.split(SPLIT);
  if (tokens.length === 1) {
    tokenCandidates(tokens[0]!, visit);
    return;
  }
  // The whole value first: a spaced notation is one identifier (`999 996 836`, `+31 6 1234 5678`).
  if (whole.length <= 40 && !hasAt) compactCandidates(compact(whole), whole, visit, false);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '') continue;
    tokenCandidates(t, visit);
    if (!hasDigit || !CHAIN_PART.test(t) || t.length > 4) continue;
    // A run of short groups written with spaces: try every length from two groups up.
    let joined = t;
    for (let j = i + 1; j < tokens.length && j <= i + 6; j++) {
      // A sentence's full stop or comma after the last group ends the run, not the match.
      const u = tokens[j]!.replace(EDGE_PUNCTUATION, '');
      if (!CHAIN_PART.test(u) || u.startsWith('+')) break;
      joined += u;
      if (joined.length > 34) break;
      compactCandidates(joined.toUpperCase(), joined, visit, false);
    }
  }
}

const EDGE_PUNCTUATION = /^[.\-/]+|[.\-/]+$/g;

function tokenCandidates(raw: string, visit: CandidateVisitor): void {
  const t = raw.replace(EDGE_PUNCTUATION, '');
  if (t === '') return;
  if (t.includes('@')) {
    visit(LEAK_TAGS.email, normalize(t).toLowerCase().replace(/^mailto/, ''));
    return;
  }
  const c = compact(t);
  compactCandidates(c, t, visit, false);
  if (!DIGITS.test(c) && /\d{8}/.test(c)) {
    // Digits glued to letters or a path (`scans\999996836.pdf`, `nr999996836`).
    for (const m of t.match(DIGIT_RUNS) ?? []) {
      const d = compact(m);
      if (d.length === 8 || d.length === 9) visit(LEAK_TAGS.bsn, d.padStart(9, '0'));
    }
  }
}

const MAX_NAME_WINDOW = 5;
const LETTER_RUNS = /\p{L}+/gu;

/**
 * Name candidates in a text: runs of two to five words that start at a capitalised word or an
 * initial (`Kees Çelik`, `J. de Vries`, `Vries, J.`), or at any word in text without capitals, in the
 * canonical form of sourceCanon('name').
 * `visit` also gets all the words with the window's bounds (`words[from..to]`, not copied: this runs per
 * window), so the caller can tell whether a generator could have made it, and the window's offsets in
 * `value`, so scrub can replace it.
 */
export function nameCandidates(value: string, visit: (canon: string, words: readonly string[], from: number, to: number, start: number, end: number) => void): void {
  // Prose capitalises names, so its windows start at a capital or an initial; text without any capital
  // (search keys, user names: `jan-willem van 't hof`) may hold a name at any word. E-mail addresses are
  // left to their own fingerprints: the e-mail masker builds its fakes from listed names.
  const anyStart = !/\p{Lu}/u.test(value) && !value.includes('@');
  const raw: string[] = [];
  const starts: number[] = [];
  LETTER_RUNS.lastIndex = 0;
  for (let m = LETTER_RUNS.exec(value); m !== null; m = LETTER_RUNS.exec(value)) {
    raw.push(m[0]);
    starts.push(m.index);
  }
  if (raw.length < 2) return;
  const words = raw.map(nameWord);
  for (let i = 0; i < raw.length - 1; i++) {
    const first = raw[i]!;
    if (!anyStart && !(first.length === 1 || first[0] !== first[0]!.toLowerCase())) continue;
    let canon = words[i]!;
    for (let j = i + 1; j < raw.length && j < i + MAX_NAME_WINDOW; j++) {
      canon += ` ${words[j]!}`;
      visit(canon, words, i, j, starts[i]!, starts[j]! + raw[j]!.length);
    }
  }
}

let generatedWords: ReadonlySet<string> | null = null;

/**
 * Whether maskgate's name maskers could have written these canonical words: every word is on a
 * name list or is an initial. A real name with a word no list holds ("Kees Çelik") cannot be a fake.
 */
export function couldBeGeneratedName(words: readonly string[], from = 0, to = words.length - 1): boolean {
  generatedWords ??= new Set(
    [...FEMALE_FIRST_NAMES, ...MALE_FIRST_NAMES, ...NEUTRAL_FIRST_NAMES, ...BARE_SURNAMES, ...PREFIXED_SURNAMES.flat(), ...PARSE_TUSSENVOEGSELS].flatMap(nameWords),
  );
  for (let i = from; i <= to; i++) if (words[i]!.length > 1 && !generatedWords.has(words[i]!)) return false;
  return true;
}
