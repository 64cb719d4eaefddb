import { z } from 'zod';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import { BARE_SURNAMES, PREFIXED_SURNAMES } from './data/dutch-surnames.js';
import { WORDLIST_VERSION } from './data/dutch-words.js';
import {
  columnName, type Gender, genderedName, maskGivenNames, poolFor, styleLike,
} from './first-name.js';
import { maskInitialGroups } from './initials.js';
import { fakeSurnamePair, isTussenvoegsel, leadingTussenvoegsel, maskSurname, styleTussenvoegsel } from './last-name.js';
import { defineMasker } from './masker.js';

/** PRF label of whole names that do not parse (they get a fresh name keyed on the whole value). */
const FULL_NAME_LABEL = `maskgate/nl-full-name/${WORDLIST_VERSION}`;

const HONORIFIC = /^(?:(?:dhr|de heer|mevr|mevrouw|mw|mr|dr|drs|ir|ing|prof|ds)\.?\s+)+/i;
const MALE_HONORIFIC = /dhr|heer/i;
const FEMALE_HONORIFIC = /mevr|mw/i;
const DIGIT = /\d/;
/** A token written as initials: "J.", "J.P.", "Th.", or one or two capitals ("JP"). */
const INITIALS_TOKEN = /^(?:\p{L}{1,3}\.)+\p{L}?$|^\p{Lu}{1,2}$/u;
/** Whether a given-name part holds any initials token (cheap pre-check before splitting). */
const HAS_INITIALS = /\.|(?:^|\s)\p{Lu}{1,2}(?:\s|$)/u;

/** Masks the given-name part: initials stay initials, names become fake names of the same gender. */
function maskGiven(prf: KeyedPrf, given: string, gender: Gender | null, key: string): string {
  if (!HAS_INITIALS.test(given)) return maskGivenNames(prf, given, gender);
  const tokens = given.split(' ');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    tokens[i] = INITIALS_TOKEN.test(t) ? maskInitialGroups(prf, t, `${key}\u0000${i}`, poolFor(gender), null) : maskGivenNames(prf, t, gender);
  }
  return tokens.join(' ');
}

/** A fresh "Voornaam [tussenvoegsel] Achternaam" for a value that does not parse as a name. */
function freshName(prf: KeyedPrf, lower: string, gender: Gender | null): string {
  const st = prf.stream(FULL_NAME_LABEL, lower);
  const pool = poolFor(gender);
  const first = pool[st.uniform(pool.length)]!;
  if (st.uniform(4) === 0) {
    const [tv, core] = PREFIXED_SURNAMES[st.uniform(PREFIXED_SURNAMES.length)]!;
    return `${first} ${tv} ${core}`;
  }
  return `${first} ${BARE_SURNAMES[st.uniform(BARE_SURNAMES.length)]!}`;
}

/**
 * Masks a normalised full name and keeps its shape (dutch-pii.md §4.5): "Jan de Vries",
 * "J.P. van der Meer", "Anne-Marie van 't Hof", "dhr. J. Jansen", "Van der Meer, J.", "Vries, J. de",
 * "Jansen-de Vries, Anna". Given names and surnames are masked with the first_name and last_name
 * mappings, so the parts agree with those columns elsewhere.
 */
export function maskFullName(prf: KeyedPrf, v: string, gender: Gender | null): string {
  const lower = v.toLowerCase();
  let prefix = '';
  let rest = v;
  const h = HONORIFIC.exec(v);
  if (h !== null && h[0].length < v.length) {
    prefix = h[0];
    rest = v.slice(prefix.length);
    gender ??= MALE_HONORIFIC.test(prefix) ? 'male' : FEMALE_HONORIFIC.test(prefix) ? 'female' : null;
  }
  if (DIGIT.test(rest)) return freshName(prf, lower, gender);
  const comma = rest.indexOf(',');
  if (comma >= 0) {
    const left = rest.slice(0, comma).trim();
    const right = rest.slice(comma + 1).trim();
    if (left === '' || right === '' || right.includes(',')) return freshName(prf, lower, gender);
    if (isTussenvoegsel(right.toLowerCase())) return prefix + maskSurname(prf, `${left}, ${right}`);
    const words = right.split(' ');
    let k = words.length;
    for (let t = 1; t < words.length; t++) {
      if (isTussenvoegsel(words.slice(t).join(' ').toLowerCase())) {
        k = t;
        break;
      }
    }
    const given = maskGiven(prf, words.slice(0, k).join(' '), gender, lower);
    if (k === words.length) return `${prefix}${maskSurname(prf, left)}, ${given}`;
    // "Vries, J. de": the trailing tussenvoegsel belongs to the surname before the comma.
    const tv = words.slice(k).join(' ');
    const [fakeTv, fakeCore] = fakeSurnamePair(prf, tv.toLowerCase(), left.toLowerCase());
    return `${prefix}${styleLike(left, fakeCore)}, ${given} ${styleTussenvoegsel(tv, fakeTv)}`;
  }
  const restLower = prefix === '' ? lower : rest.toLowerCase();
  const lastSpace = rest.lastIndexOf(' ');
  if (lastSpace < 0 || leadingTussenvoegsel(restLower) > 0) return prefix + maskSurname(prf, rest);
  // The surname starts at the first later word that opens a tussenvoegsel or a double name, else at the last word.
  let s = lastSpace + 1;
  for (let i = rest.indexOf(' ') + 1; i > 0 && i < lastSpace; i = rest.indexOf(' ', i) + 1) {
    const next = rest.indexOf(' ', i);
    if (rest.lastIndexOf('-', next) >= i || leadingTussenvoegsel(restLower.slice(i)) > 0) {
      s = i;
      break;
    }
  }
  return `${prefix}${maskGiven(prf, rest.slice(0, s - 1), gender, lower)} ${maskSurname(prf, rest.slice(s))}`;
}

/** Whole Dutch names, parsed into given names, tussenvoegsel and surname and masked part by part. */
export const fullName = defineMasker({
  name: 'full_name',
  input: 'full_name',
  coincidesWith: () => ['name'],
  summary: 'Full Dutch name ("Jan de Vries", "J.P. van der Meer", "Van der Meer, J.") masked part by part in the same shape.',
  params: z.object({
    /** Column of the same row holding the gender (M/V/F, man/vrouw, male/female, 1/2). */
    gender: columnName.optional(),
  }).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  usesRowContext: true,
  referencedColumns: (p) => [p.gender],
  create: genderedName('full_name', (prf, v, gender) => maskFullName(prf, v, gender)),
});
