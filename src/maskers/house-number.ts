import { maxLengthOf } from '../db/table-info.js';
import { z } from 'zod';
import { MaskgateError } from '../errors.js';
import { compact, normalize } from '../keyed/canonicalize.js';
import type { KeyedPrf, PrfStream } from '../keyed/keyed-prf.js';
import { WORDLIST_VERSION } from './data/dutch-words.js';
import { assertUnlike, columnName, edges, isLetterAt, sameCompact } from './first-name.js';
import { defineMasker } from './masker.js';

/** PRF label of house numbers, shared by house_number and address. */
export const HOUSE_NUMBER_LABEL = `maskgate/nl-house-number/${WORDLIST_VERSION}`;
const SUFFIX_LABEL = `maskgate/nl-house-number-suffix/${WORDLIST_VERSION}`;

/** Words of a toevoeging that describe the dwelling, not the person ("hs", "bis", "II", "boven"); kept as written. */
const KEEP_WORDS = new Set([
  'hs', 'huis', 'bis', 'ter', 'ii', 'iii', 'iv', 'vi', 'vii', 'bg', 'bov', 'boven', 'ben', 'beneden', 'rd', 'zw',
  'hg', 'hoog', 'achter', 'voor', 'links', 'rechts', 'bus', 'app', 'apt', 'by', 'to', 'bij', 'tegenover',
]);
const HOUSE_LETTERS = 'ABCDEFGH';
const LEADING_NUMBER = /^(\d+)(.*)$/s;

/**
 * The address key of a house number: the row's street and postcode when the rule names those
 * columns (so one address gets one fake number in every table), else the row key.
 */
export function addressKey(street: string | null, postcode: string | null): string {
  return `${street === null ? '' : normalize(street).toLowerCase()}\u0000${postcode === null ? '' : compact(postcode)}`;
}

/** Re-draws a toevoeging in the same shape: one letter → a letter, digits → digits, other words → letters. */
function maskSuffix(st: PrfStream, suffix: string): string {
  let out = '';
  let i = 0;
  while (i < suffix.length) {
    const c = suffix.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let j = i;
      while (j < suffix.length && suffix.charCodeAt(j) >= 48 && suffix.charCodeAt(j) <= 57) j++;
      for (let k = i; k < j; k++) out += String(k === i ? 1 + st.uniform(9) : st.uniform(10));
      i = j;
    } else if (isLetterAt(suffix, i)) {
      let j = i;
      while (j < suffix.length && isLetterAt(suffix, j)) j++;
      const word = suffix.slice(i, j);
      if (word.length > 1 && KEEP_WORDS.has(word.toLowerCase())) out += word;
      else {
        for (let k = 0; k < word.length; k++) {
          const l = HOUSE_LETTERS[st.uniform(HOUSE_LETTERS.length)]!;
          out += word[k] === word[k]!.toLowerCase() ? l.toLowerCase() : l;
        }
      }
      i = j;
    } else {
      out += suffix[i];
      i++;
    }
  }
  return out;
}

/**
 * A fake for a trimmed house number with its letter or toevoeging ("12", "12A", "3-II", "1 bis",
 * "14 hs"). The number is keyed on (address key, number), the suffix on (address key, whole value),
 * so "12a" and "12b" on one street get the same fake number with different letters. Numbers up to
 * 300 become 1–300 (the common range, §4.6); larger ones keep their digit count. The number always
 * differs from the real one. `maxLen` is the room in the column.
 */
export function maskHouseNumber(prf: KeyedPrf, key: string, value: string, digitsOnly: boolean, maxLen = Infinity): string {
  const m = LEADING_NUMBER.exec(value);
  if (m === null) {
    throw new MaskgateError('MASKER_FAILED', 'A house number does not start with digits.', { masker: 'house_number' }, 'Use the text masker for free-form address fields, or address for one-line addresses.');
  }
  const digits = m[1]!.replace(/^0+(?=\d)/, '');
  const suffix = digitsOnly ? '' : m[2]!;
  const n = Number(digits);
  const st = prf.stream(HOUSE_NUMBER_LABEL, `${key}\u0000${digits}`);
  const room = maxLen - suffix.length;
  let out = n;
  for (let i = 0; i < 64 && out === n; i++) {
    if (n <= 300 && room >= 3) out = 1 + st.uniform(300);
    else {
      const d = Math.min(digits.length, 5, Math.max(1, room));
      const lo = d === 1 ? 1 : 10 ** (d - 1);
      out = lo + st.uniform(10 ** d - lo);
    }
  }
  if (out === n) out = n === 1 ? 2 : 1;
  if (suffix === '') return String(out);
  return String(out) + maskSuffix(prf.stream(SUFFIX_LABEL, `${key}\u0000${compact(value)}`), suffix);
}

/** House numbers with letter and toevoeging, keyed per row or per address. */
export const houseNumber = defineMasker({
  name: 'house_number',
  summary: 'House number (1–300, or the same digit count above 300) by the keyed PRF; letter and toevoeging keep their shape; per row, or per address with `street`/`postcode`.',
  params: z.object({
    /** Street column of the same row: with it (and/or `postcode`) one address gets one fake number everywhere. */
    street: columnName.optional(),
    /** Postcode column of the same row (see `street`). */
    postcode: columnName.optional(),
  }).strict(),
  columnKinds: ['text', 'integer'],
  preservesUniqueness: false,
  usesRowContext: true,
  outputMayEqualInput: false,
  referencedColumns: (p) => [p.street, p.postcode],
  create: (p, ctx) => {
    const digitsOnly = ctx.column.kind === 'integer';
    const maxLen = maxLengthOf(ctx.column);
    const byAddress = p.street !== undefined || p.postcode !== undefined;
    return (value, row) => {
      const v = value.trim();
      if (v === '') return '';
      const [lead, trail] = edges(value);
      const key = byAddress
        ? addressKey(p.street === undefined ? null : row.get(p.street), p.postcode === undefined ? null : row.get(p.postcode))
        : `row\u0000${row.key}`;
      // A different number can still read as the input once separators go ("1 23" → "12 3"): redraw.
      for (let attempt = 0; attempt < 8; attempt++) {
        const out = maskHouseNumber(ctx.prf, attempt === 0 ? key : `${key}\u0000${attempt}`, v, digitsOnly, maxLen - lead.length - trail.length);
        if (!sameCompact(out, v)) return lead + out + trail;
      }
      return assertUnlike('house_number', v, v);
    };
  },
});
