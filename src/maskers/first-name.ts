import { maxLengthOf } from '../db/table-info.js';
import { z } from 'zod';
import { MaskgateError } from '../errors.js';
import { compact, normalize } from '../keyed/canonicalize.js';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, NEUTRAL_FIRST_NAMES } from './data/dutch-first-names.js';
import { FIRST_NAMES, WORDLIST_VERSION } from './data/dutch-words.js';
import type { CellValue, MaskerContext, MaskFn, RowContext } from './masker.js';
import { defineMasker } from './masker.js';

/** PRF label of given names: one label for every column, so a name maps to the same fake everywhere. */
export const FIRST_NAME_LABEL = `maskgate/nl-first-name/${WORDLIST_VERSION}`;

/** A recorded gender as the name maskers use it; `neutral` picks from the unisex pool. */
export type Gender = 'female' | 'male' | 'neutral';

const GENDER_WORDS = new Map<string, Gender>([
  ...['m', 'man', 'male', 'mannelijk', 'jongen', 'heer', 'dhr', 'h', '1'].map((w) => [w, 'male'] as const),
  ...['v', 'f', 'vrouw', 'female', 'vrouwelijk', 'meisje', 'mevrouw', 'mevr', 'mw', '2'].map((w) => [w, 'female'] as const),
]);

/**
 * The gender a gender-column cell records: M/V/F, man/vrouw, male/female, ISO 5218 1/2. NULL or
 * empty gives null (the maskers then go by the name itself); any other value (O, X, 0, 9, onbekend)
 * is taken as "not male or female" and gives the unisex pool.
 */
export function genderOf(cell: CellValue): Gender | null {
  if (cell === null) return null;
  let k = cell.trim().toLowerCase();
  if (k.endsWith('.')) k = k.slice(0, -1);
  if (k === '') return null;
  return GENDER_WORDS.get(k) ?? 'neutral';
}

/** Gender of a first name by the lists it appears in (first list wins), for rows without a gender. */
const NAME_GENDER = new Map<string, Gender>();
for (const [list, g] of [[FEMALE_FIRST_NAMES, 'female'], [MALE_FIRST_NAMES, 'male'], [NEUTRAL_FIRST_NAMES, 'neutral']] as const) {
  for (const n of list) if (!NAME_GENDER.has(n.toLowerCase())) NAME_GENDER.set(n.toLowerCase(), g);
}

/** The pool a gender draws from; null (unknown name, no gender recorded) draws from every name. */
export function poolFor(g: Gender | null): readonly string[] {
  return g === 'female' ? FEMALE_FIRST_NAMES : g === 'male' ? MALE_FIRST_NAMES : g === 'neutral' ? NEUTRAL_FIRST_NAMES : FIRST_NAMES;
}

const LETTER = /\p{L}/u;

/** Whether the code unit at `i` starts a letter (ASCII fast path, Unicode \p{L} otherwise). */
export function isLetterAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(s[i]!);
}

/**
 * `fake` in the letter case of `original`: ALL CAPS stays all caps and all lowercase stays lowercase;
 * anything else gets the list's own capitalisation.
 */
export function styleLike(original: string, fake: string): string {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c >= 0x80) {
      const ch = original[i]!;
      const u = ch.toUpperCase();
      if (u !== ch.toLowerCase()) {
        if (ch === u) upper++;
        else lower++;
      }
    }
    // Proper names ("Jan", "Kerkstraat") keep the list's form; only all-caps and all-lowercase convert.
    if (upper > 1 && lower > 0) return fake;
  }
  if (lower === 0 && upper > 1) return fake.toUpperCase();
  if (upper === 0 && lower > 0) return fake.toLowerCase();
  return fake;
}

/**
 * The fake for one given name: value-keyed on the name alone, so "Jan" maps to the same fake in
 * "Jan", "Jan Willem" and "Jan de Vries". The fake never shares the real name's initial, so that
 * initials regenerated from fake names never repeat the real initials.
 */
export function fakeGivenName(prf: KeyedPrf, name: string, pool: readonly string[], maxLen = Infinity): string {
  const lower = name.toLowerCase();
  const st = prf.stream(FIRST_NAME_LABEL, lower);
  const initial = lower[0];
  for (let i = 0; i < 128; i++) {
    const cand = pool[st.uniform(pool.length)]!;
    if (cand[0]!.toLowerCase() !== initial && (cand.length <= maxLen || i >= 64)) return cand;
  }
  throw new MaskgateError('MASKER_FAILED', 'The first_name masker could not draw a different first name.', { masker: 'first_name' });
}

/**
 * Masks the given names in `value` (already normalised) token by token, keeping separators
 * (space, hyphen) and non-letter affixes such as the parentheses of "(Hans)". When `out` is given,
 * the bare fake names are pushed to it in order (initials use them). Gender: `gender` when known,
 * else the gender of the first name found in the lists, else every name.
 */
export function maskGivenNames(prf: KeyedPrf, value: string, gender: Gender | null, out?: string[], maxLen = Infinity): string {
  let pool: readonly string[] | null = gender === null ? null : poolFor(gender);
  let result = '';
  let start = 0;
  let any = false;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length) {
      const c = value.charCodeAt(i);
      if (c !== 32 && c !== 45) continue;
    }
    let a = start;
    while (a < i && !isLetterAt(value, a)) a++;
    let b = i;
    while (b > a && !isLetterAt(value, b - 1)) b--;
    if (a < b) {
      const core = value.slice(a, b);
      // Without a recorded gender, the first name decides it for all (a "Jan Maria" stays male).
      pool ??= poolFor(NAME_GENDER.get(core.toLowerCase()) ?? null);
      any = true;
      const fake = fakeGivenName(prf, core, pool, maxLen);
      out?.push(fake);
      const shown = b - a === 1 ? fake[0]! : fake;
      result += value.slice(start, a) + styleLike(core, shown) + value.slice(b, i);
    } else {
      result += value.slice(start, i);
    }
    if (i < value.length) result += value[i];
    start = i + 1;
  }
  if (!any) {
    const fake = fakeGivenName(prf, value, pool ?? FIRST_NAMES, maxLen);
    out?.push(fake);
    return fake;
  }
  return result;
}

/**
 * `lead + fake + trail`, the fake cut to what the column leaves room for (at least one character):
 * a last resort after the masker preferred short candidates, so that a row never stops the run.
 */
export function fitted(lead: string, fake: string, trail: string, maxLen: number): string {
  const room = maxLen - lead.length - trail.length;
  return lead + (fake.length > room ? fake.slice(0, Math.max(1, room)).trimEnd() : fake) + trail;
}

/** Splits off leading and trailing whitespace, which the name and address maskers keep as it was. */
export function edges(value: string): [lead: string, trail: string] {
  let a = 0;
  while (a < value.length && value.charCodeAt(a) <= 32) a++;
  let b = value.length;
  while (b > a && value.charCodeAt(b - 1) <= 32) b--;
  return [value.slice(0, a), value.slice(b)];
}

/**
 * A bounded per-value memo for maskers that only read the row when an option asks for it: the
 * planner memoises only maskers that never read the row, and names repeat a lot.
 */
export function memoByValue(fn: (value: string) => string, limit = 1 << 14): MaskFn {
  let cache: Map<string, string> | null = new Map();
  let lookups = 0;
  let hits = 0;
  return (value) => {
    if (cache === null) return fn(value);
    const hit = cache.get(value);
    if (hit !== undefined) {
      hits++;
      return hit;
    }
    // Like the planner's memo: a column of mostly distinct values only pays for the cache, so drop it.
    if (++lookups === 4096 && hits < 512) {
      cache = null;
      return fn(value);
    }
    const out = fn(value);
    if (cache.size >= limit) cache.clear();
    cache.set(value, out);
    return out;
  };
}

/** Whether the code unit is a §0.2 separator (space, `.`, `-`, `/`) or ASCII whitespace. */
function isSeparator(c: number): boolean {
  return c === 32 || c === 46 || c === 45 || c === 47 || (c >= 9 && c <= 13);
}

/**
 * `compact(a) === compact(b)` without building either string: walks both, skipping separators and
 * comparing ASCII case-free, and stops at the first difference (which for a fake is the first letter).
 * Falls back to `compact` when a non-ASCII character makes NFKC matter.
 */
export function sameCompact(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isSeparator(a.charCodeAt(i))) i++;
    while (j < b.length && isSeparator(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    let x = a.charCodeAt(i++);
    let y = b.charCodeAt(j++);
    if (x >= 0x80 || y >= 0x80) return compact(a) === compact(b);
    if (x >= 97 && x <= 122) x -= 32;
    if (y >= 97 && y <= 122) y -= 32;
    if (x !== y) return false;
  }
}

/** Throws when a fake equals its input in the compact, case-free form (§0.2); never prints either. */
export function assertUnlike(masker: string, input: string, output: string): string {
  if (sameCompact(output, input)) {
    throw new MaskgateError('MASKER_FAILED', `The ${masker} masker could not produce a value different from its input.`, { masker });
  }
  return output;
}

/** Reads the gender of a row from the optional gender column. */
export function rowGender(column: string | undefined, row: RowContext): Gender | null {
  return column === undefined ? null : genderOf(row.get(column));
}

/** Option naming another column of the same row. */
export const columnName = z.string().min(1);

/** Dutch given names, masked name by name by the keyed PRF, by gender. */
export const firstName = defineMasker({
  name: 'first_name',
  input: 'first_name',
  coincidesWith: () => ['name'],
  summary: 'Dutch given name(s) chosen by the keyed PRF, name by name, by gender; the same name maps to the same fake everywhere.',
  params: z.object({
    /** Column of the same row holding the gender (M/V/F, man/vrouw, male/female, 1/2). */
    gender: columnName.optional(),
  }).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  usesRowContext: true,
  referencedColumns: (p) => [p.gender],
  create: genderedName('first_name', (prf, v, gender, maxLen) => maskGivenNames(prf, v, gender, undefined, maxLen)),
});

/**
 * The `create` of name maskers with a `gender` option (first_name, full_name): blank stays '', edge
 * whitespace is kept, the fake fits the column and is never the input; without a gender column the
 * result depends on the value alone and is memoised.
 */
export function genderedName(
  name: string,
  fakeOf: (prf: KeyedPrf, normalized: string, gender: Gender | null, maxLen: number) => string,
): (p: { gender?: string | undefined }, ctx: MaskerContext) => MaskFn {
  return (p, ctx) => {
    const maxLen = maxLengthOf(ctx.column);
    const mask = (value: string, gender: Gender | null): string => {
      const v = normalize(value);
      if (v === '') return '';
      const [lead, trail] = edges(value);
      return assertUnlike(name, value, fitted(lead, fakeOf(ctx.prf, v, gender, maxLen), trail, maxLen));
    };
    if (p.gender === undefined) return memoByValue((value) => mask(value, null));
    const column = p.gender;
    return (value, row) => mask(value, rowGender(column, row));
  };
}
