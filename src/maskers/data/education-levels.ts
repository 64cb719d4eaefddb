/**
 * Education levels (dutch-pii.md §4.8): the values seen in the wild, their CBS class (Standaard
 * Onderwijsindeling, 3 levels) and ISCED 2011 level, with default weights that approximate the
 * highest completed level of Dutch 15–75-year-olds (CBS, about 2023: laag ≈ 22 %, middelbaar ≈ 39 %,
 * hoog ≈ 38 %). Versioned data: changing a weight or the order changes which fake each row gets.
 */

/** The CBS three-level class. */
export type CbsLevel = 'laag' | 'middelbaar' | 'hoog';

/** One education level. */
export interface EducationLevel {
  readonly name: string;
  readonly cbs: CbsLevel;
  /** ISCED 2011 level 0–8. */
  readonly isced: number;
  /** Default sampling weight, percent. */
  readonly weight: number;
}

/** The levels that per-row sampling draws from, most frequent first. */
export const EDUCATION_LEVELS: readonly EducationLevel[] = [
  { name: 'hbo bachelor', cbs: 'hoog', isced: 6, weight: 17 },
  { name: 'mbo 4', cbs: 'middelbaar', isced: 4, weight: 15 },
  { name: 'vmbo', cbs: 'laag', isced: 2, weight: 12 },
  { name: 'wo master', cbs: 'hoog', isced: 7, weight: 12 },
  { name: 'basisonderwijs', cbs: 'laag', isced: 1, weight: 8 },
  { name: 'mbo 2', cbs: 'middelbaar', isced: 3, weight: 7 },
  { name: 'mbo 3', cbs: 'middelbaar', isced: 3, weight: 7 },
  { name: 'havo', cbs: 'middelbaar', isced: 3, weight: 6 },
  { name: 'vwo', cbs: 'middelbaar', isced: 3, weight: 4 },
  { name: 'wo bachelor', cbs: 'hoog', isced: 6, weight: 4 },
  { name: 'hbo master', cbs: 'hoog', isced: 7, weight: 3 },
  { name: 'mbo 1', cbs: 'laag', isced: 2, weight: 2 },
  { name: 'doctoraat', cbs: 'hoog', isced: 8, weight: 1.5 },
  { name: 'associate degree', cbs: 'hoog', isced: 5, weight: 0.5 },
];

/** The CBS classes in order, with their share under the default weights. */
export const CBS_LEVELS: readonly CbsLevel[] = ['laag', 'middelbaar', 'hoog'];

/** Words that name a CBS level on their own (a level column rather than a diploma column). */
export const CBS_LEVEL_WORDS: ReadonlyMap<string, CbsLevel> = new Map([
  ['laag', 'laag'], ['middelbaar', 'middelbaar'], ['midden', 'middelbaar'], ['hoog', 'hoog'],
]);

/** Single tokens that place a raw value in a CBS class (§4.8), checked high → middle → low. */
export const HIGH_TOKENS: ReadonlySet<string> = new Set([
  'hbo', 'wo', 'bachelor', 'master', 'phd', 'doctor', 'doctoraat', 'promotie', 'ad', 'associate',
  'universiteit', 'universitair', 'hogeschool', 'bsc', 'msc', 'ba', 'ma', 'llb', 'llm', 'drs', 'ir', 'mr',
]);
export const MIDDLE_TOKENS: ReadonlySet<string> = new Set([
  'havo', 'vwo', 'atheneum', 'gymnasium', 'hbs', 'mms', 'mbo', 'mbo2', 'mbo3', 'mbo4', 'mts', 'meao',
]);
export const LOW_TOKENS: ReadonlySet<string> = new Set([
  'basisonderwijs', 'basisschool', 'lagere', 'vmbo', 'mavo', 'lbo', 'vbo', 'lts', 'leao', 'entree',
  'entreeopleiding', 'praktijkonderwijs', 'mbo1', 'bb', 'kb', 'gl', 'tl',
]);
