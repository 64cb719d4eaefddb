import { maxLengthOf } from '../db/table-info.js';
import { z } from 'zod';
import { MaskgateError } from '../errors.js';
import { compact, normalize } from '../keyed/canonicalize.js';
import type { KeyedPrf, PrfStream } from '../keyed/keyed-prf.js';
import { WORDLIST_VERSION } from './data/dutch-words.js';
import {
  columnName, edges, type Gender, isLetterAt, maskGivenNames, memoByValue, poolFor, rowGender, sameCompact,
} from './first-name.js';
import { defineMasker } from './masker.js';

/** PRF label of initials that are not derived from a first-name column. */
export const INITIALS_LABEL = `maskgate/nl-initials/${WORDLIST_VERSION}`;

/** `piece` stretched to `real`'s length and written in `real`'s case, letter by letter. */
function shapeGroup(real: string, piece: string): string {
  let out = '';
  for (let k = 0; k < real.length; k++) {
    const c = piece[k % piece.length]!;
    const r = real[k]!;
    out += r === r.toLowerCase() && r !== r.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
  }
  return out;
}

/**
 * Replaces every letter group of `value` ("J.P.", "JP", "Th.J.": an all-caps run is one initial per letter, "Th" is one initial) with the start
 * of a fake first name, keeping dots, spaces and case. Group i takes `names[i]` when given (the
 * row's fake first names), else a name drawn from stream(INITIALS_LABEL, key) from `pool`, whose
 * initial differs from the real one.
 */
export function maskInitialGroups(prf: KeyedPrf, value: string, key: string, pool: readonly string[], names: readonly string[] | null): string {
  let st: PrfStream | null = null;
  let out = '';
  let group = 0;
  let i = 0;
  while (i < value.length) {
    if (!isLetterAt(value, i)) {
      out += value[i];
      i++;
      continue;
    }
    let j = i + 1;
    while (j < value.length && isLetterAt(value, j)) j++;
    // "JP" is two undotted initials; "Th" (Theodorus) is one initial written with two letters.
    const run = value.slice(i, j);
    if (run.length > 1 && run === run.toUpperCase()) j = i + 1;
    const real = value.slice(i, j);
    let name = names !== null && group < names.length ? names[group]! : '';
    if (name === '') {
      st ??= prf.stream(INITIALS_LABEL, key);
      const initial = real[0]!.toLowerCase();
      for (let t = 0; t < 64 && (name === '' || name[0]!.toLowerCase() === initial); t++) name = pool[st.uniform(pool.length)]!;
    }
    out += shapeGroup(real, name);
    group++;
    i = j;
  }
  return out;
}

/** Masks an initials value; tries a few independent draws before giving up on equal output. */
function maskInitialsValue(prf: KeyedPrf, value: string, gender: Gender | null, names: readonly string[] | null): string {
  const v = normalize(value);
  if (v === '') return '';
  const [lead, trail] = edges(value);
  const key = compact(v);
  const pool = poolFor(gender);
  for (let attempt = 0; attempt < 16; attempt++) {
    const out = maskInitialGroups(prf, v, attempt === 0 ? key : `${key}\u0000${attempt}`, pool, attempt === 0 ? names : null);
    if (!sameCompact(out, v)) return lead + out + trail;
  }
  // No letter to replace (digits, punctuation, letters outside the BMP): one fake initial instead.
  const st = prf.stream(INITIALS_LABEL, key);
  for (let t = 0; t < 64; t++) {
    const out = `${pool[st.uniform(pool.length)]![0]!}.`;
    if (!sameCompact(out, v)) return lead + out + trail;
  }
  throw new MaskgateError('MASKER_FAILED', 'The initials masker could not produce initials different from its input.', { masker: 'initials' }, 'Initials need at least one letter; use the text or fixed masker for this column.');
}

/** Initials ("J.P.", "JP", "Th.J."), regenerated from the row's fake first names when told which column holds them. */
export const initials = defineMasker({
  name: 'initials',
  input: 'initials',
  coincidesWith: () => ['name'],
  summary: 'Initials such as "J.P." in the input\'s style; with `first_name` they are the initials of that row\'s fake first names.',
  params: z.object({
    /** First-name column of the same row; the initials then follow its fake names ("Jan Willem" → "Pieter Kees" → "P.K."). */
    first_name: columnName.optional(),
    /** Gender column of the same row (as first_name's `gender`). */
    gender: columnName.optional(),
  }).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  usesRowContext: true,
  referencedColumns: (p) => [p.first_name, p.gender],
  create: (p, ctx) => {
    const maxLen = maxLengthOf(ctx.column);
    const fit = (s: string): string => (s.length > maxLen ? s.slice(0, maxLen) : s);
    if (p.first_name === undefined && p.gender === undefined) return memoByValue((value) => fit(maskInitialsValue(ctx.prf, value, null, null)));
    const firstCol = p.first_name;
    const genderCol = p.gender;
    // First names repeat a lot; their fakes are remembered per (gender, value) like a memo cache.
    const fakes = new Map<string, string[]>();
    const fakeNames = (first: string, gender: Gender | null): string[] | null => {
      const f = normalize(first);
      if (f === '') return null;
      const k = `${gender ?? ''}\u0000${f}`;
      let names = fakes.get(k);
      if (names === undefined) {
        names = [];
        maskGivenNames(ctx.prf, f, gender, names);
        if (fakes.size >= 1 << 14) fakes.clear();
        fakes.set(k, names);
      }
      return names;
    };
    return (value, row) => {
      const gender = rowGender(genderCol, row);
      const first = firstCol === undefined ? null : row.get(firstCol);
      return fit(maskInitialsValue(ctx.prf, value, gender, first === null ? null : fakeNames(first, gender)));
    };
  },
});
