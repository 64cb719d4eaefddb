import { maxLengthOf } from '../db/table-info.js';
import { z } from 'zod';
import { MaskgateError } from '../errors.js';
import { normalize } from '../keyed/canonicalize.js';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import { BARE_SURNAMES, PARSE_TUSSENVOEGSELS, PREFIXED_SURNAMES } from './data/dutch-surnames.js';
import { WORDLIST_VERSION } from './data/dutch-words.js';
import { assertUnlike, columnName, edges, fitted, memoByValue, sameCompact, styleLike } from './first-name.js';
import { defineMasker } from './masker.js';

/**
 * PRF label of surnames, shared by last_name, full_name and tussenvoegsel: the stream is keyed on
 * the whole lowercase surname with its tussenvoegsel ("de vries"), so "de Vries" in one value,
 * "Jan de Vries" and the split columns (de / Vries) all get the same fake pair.
 */
export const LAST_NAME_LABEL = `maskgate/nl-last-name/${WORDLIST_VERSION}`;


const HAS_LETTER = /\p{L}/u;

/** Tussenvoegsels by their first word, longest first, so that "van der" wins over "van". */
const TV_BY_FIRST_WORD = new Map<string, string[]>();
for (const tv of [...PARSE_TUSSENVOEGSELS].sort((a, b) => b.length - a.length)) {
  const first = tv.split(' ')[0]!;
  const list = TV_BY_FIRST_WORD.get(first) ?? [];
  list.push(tv);
  TV_BY_FIRST_WORD.set(first, list);
}

/**
 * Length of the tussenvoegsel that starts `lower` (normalised, lowercase) and is followed by a space
 * and more text, or 0. "van der meer" → 7; "vanderbilt" and "van der" (nothing after) → 0.
 */
export function leadingTussenvoegsel(lower: string): number {
  const sp = lower.indexOf(' ');
  if (sp <= 0) return 0;
  const cands = TV_BY_FIRST_WORD.get(lower.slice(0, sp));
  if (!cands) return 0;
  for (const tv of cands) {
    if (lower.length > tv.length + 1 && lower.startsWith(tv) && lower[tv.length] === ' ') return tv.length;
  }
  return 0;
}

/** Whether `lower` (normalised, lowercase) is exactly one tussenvoegsel. */
export function isTussenvoegsel(lower: string): boolean {
  const sp = lower.indexOf(' ');
  return TV_BY_FIRST_WORD.get(sp < 0 ? lower : lower.slice(0, sp))?.includes(lower) ?? false;
}

/**
 * The fake (tussenvoegsel, surname) for a real surname given as lowercase tussenvoegsel (or '') and
 * lowercase core. With a tussenvoegsel the fake has one too (from PREFIXED_SURNAMES), without one it
 * has none. The fake core never equals the real core; the fake tussenvoegsel may equal the real one.
 */
export function fakeSurnamePair(prf: KeyedPrf, tvLower: string, coreLower: string, maxLen = Infinity): readonly [string, string] {
  const st = prf.stream(LAST_NAME_LABEL, tvLower === '' ? coreLower : `${tvLower} ${coreLower}`);
  for (let i = 0; i < 128; i++) {
    if (tvLower === '') {
      const name = BARE_SURNAMES[st.uniform(BARE_SURNAMES.length)]!;
      if (!sameCompact(name, coreLower) && (name.length <= maxLen || i >= 64)) return ['', name];
    } else {
      const pair = PREFIXED_SURNAMES[st.uniform(PREFIXED_SURNAMES.length)]!;
      if (!sameCompact(pair[1], coreLower) && (pair[0].length + 1 + pair[1].length <= maxLen || i >= 64)) return pair;
    }
  }
  throw new MaskgateError('MASKER_FAILED', 'The last_name masker could not draw a different surname.', { masker: 'last_name' });
}

/** `tv` written with the capitalisation of the real one: "Van der" when the surname leads, else lowercase. */
export function styleTussenvoegsel(realTv: string, fakeTv: string): string {
  const c = realTv[0]!;
  if (c !== c.toUpperCase() || c === c.toLowerCase()) return fakeTv;
  if (realTv.length > 1 && realTv === realTv.toUpperCase()) return fakeTv.toUpperCase();
  return fakeTv[0]!.toUpperCase() + fakeTv.slice(1);
}

/** One surname segment "[tv ]core" → its fake; `rowTv` is a tussenvoegsel from another column. */
function maskSegment(prf: KeyedPrf, seg: string, rowTv: string, maxLen: number): string {
  const lower = seg.toLowerCase();
  const n = leadingTussenvoegsel(lower);
  if (n > 0) {
    const [tv, core] = fakeSurnamePair(prf, lower.slice(0, n), lower.slice(n + 1), maxLen);
    return `${styleTussenvoegsel(seg.slice(0, n), tv)} ${styleLike(seg.slice(n + 1), core)}`;
  }
  // With a tussenvoegsel from another column the draw ignores this column's length, so that the
  // tussenvoegsel masker (which cannot know it) draws the same pair.
  return styleLike(seg, fakeSurnamePair(prf, rowTv, lower, rowTv === '' ? maxLen : Infinity)[1]);
}

/**
 * Masks a normalised surname and keeps its shape: "Jansen" → "Bakker", "de Vries" → "van Dijk",
 * "Van der Meer" → "De Jong", "Vries, de" → "Dijk, van", "Jansen-de Vries" → "Bakker-van Dijk".
 * `rowTv` (lowercase) is the row's tussenvoegsel from a separate column, used when the value has none.
 */
export function maskSurname(prf: KeyedPrf, value: string, rowTv = '', maxLen = Infinity): string {
  const comma = value.indexOf(', ');
  if (comma > 0) {
    const after = value.slice(comma + 2);
    if (isTussenvoegsel(after.toLowerCase())) {
      const core = value.slice(0, comma);
      const [tv, fake] = fakeSurnamePair(prf, after.toLowerCase(), core.toLowerCase(), maxLen);
      return `${styleLike(core, fake)}, ${styleTussenvoegsel(after, tv)}`;
    }
  }
  if (value.indexOf('-') < 0 || !HAS_LETTER.test(value)) return maskSegment(prf, value, rowTv, maxLen);
  const parts = value.split('-');
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const seg = parts[i]!;
    if (i > 0) out += '-';
    // A trailing or doubled hyphen has nothing to mask.
    out += seg.trim() === '' ? seg : maskSegment(prf, seg.trim(), i === 0 ? rowTv : '', Infinity);
  }
  return out;
}

/** Dutch surnames, keeping a leading tussenvoegsel's shape, by the keyed PRF. */
export const lastName = defineMasker({
  name: 'last_name',
  input: 'last_name',
  coincidesWith: () => ['name'],
  summary: 'Dutch surname by the keyed PRF; "de Vries" keeps the shape tussenvoegsel + surname; the same surname maps to the same fake everywhere.',
  params: z.object({
    /** Column of the same row holding the tussenvoegsel, so the fake surname pairs with its fake tussenvoegsel. */
    tussenvoegsel: columnName.optional(),
  }).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  usesRowContext: true,
  referencedColumns: (p) => [p.tussenvoegsel],
  create: (p, ctx) => {
    const maxLen = maxLengthOf(ctx.column);
    const mask = (value: string, rowTv: string): string => {
      const v = normalize(value);
      if (v === '') return '';
      const [lead, trail] = edges(value);
      return assertUnlike('last_name', value, fitted(lead, maskSurname(ctx.prf, v, rowTv, maxLen), trail, maxLen));
    };
    if (p.tussenvoegsel === undefined) return memoByValue((value) => mask(value, ''));
    const column = p.tussenvoegsel;
    return (value, row) => {
      const tv = row.get(column);
      return mask(value, tv === null ? '' : normalize(tv).toLowerCase());
    };
  },
});
