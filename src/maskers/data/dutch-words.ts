// Versioned word lists of the Dutch maskers. A list's order is part of the output contract: the PRF
// indexes into it, so editing a list changes masked values. Bump WORDLIST_VERSION (it is part of
// every name and address PRF label) whenever a name or place list changes.
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, NEUTRAL_FIRST_NAMES } from './dutch-first-names.js';
import { PLACES, STREET_NAMES } from './dutch-places.js';
import { BARE_SURNAMES, PARSE_TUSSENVOEGSELS, PREFIXED_SURNAMES } from './dutch-surnames.js';

/** Version of the name and place lists; part of the PRF labels of the name and address maskers. */
export const WORDLIST_VERSION = 'v2';

/** Dutch first names of every gender (female, male, then unisex). */
export const FIRST_NAMES: readonly string[] = [...FEMALE_FIRST_NAMES, ...MALE_FIRST_NAMES, ...NEUTRAL_FIRST_NAMES]
  .filter((s, i, all) => all.indexOf(s) === i);

/** Dutch surnames without tussenvoegsel (one word each, usable in e-mail local parts). */
export const LAST_NAMES: readonly string[] = BARE_SURNAMES.filter((s) => /^[A-Za-z]+$/.test(s));

/** Tussenvoegsels recognised in names (§4.5), lowercase as written after a first name. */
export const TUSSENVOEGSELS: readonly string[] = PARSE_TUSSENVOEGSELS;

/** Street names (real and common in many places). */
export const STREETS: readonly string[] = STREET_NAMES;

/** Place names; the same order as PLACES, which adds each place's approximate PC4 range. */
export const CITIES: readonly string[] = PLACES.map((p) => p[0]);

/** Nationality adjectives, sampled per row. */
export const NATIONALITIES = [
  'Nederlandse', 'Duitse', 'Belgische', 'Poolse', 'Turkse', 'Marokkaanse', 'Surinaamse', 'Syrische',
  'Britse', 'Spaanse', 'Italiaanse', 'Indiase',
] as const;

/** CBS education levels, sampled per row. */
export const EDUCATION_LEVELS = ['basisonderwijs', 'vmbo', 'mbo', 'havo', 'vwo', 'hbo', 'wo'] as const;
