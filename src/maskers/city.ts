import { z } from 'zod';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import { PLACES } from './data/dutch-places.js';
import { WORDLIST_VERSION } from './data/dutch-words.js';
import { assertUnlike, sameCompact, styleLike } from './first-name.js';
import { defineMasker } from './masker.js';
import { wholeValue } from './whole-value.js';

/** PRF label of place names, shared by city and address, so a place gets one fake everywhere. */
export const CITY_LABEL = `maskgate/nl-city/${WORDLIST_VERSION}`;

/** Index into PLACES of the fake for a normalised place name (keyed on its lowercase form). */
export function fakePlaceIndex(prf: KeyedPrf, city: string, maxLen = Infinity): number {
  const lower = city.toLowerCase();
  const st = prf.stream(CITY_LABEL, lower);
  for (let i = 0; i < 128; i++) {
    const k = st.uniform(PLACES.length);
    if (!sameCompact(PLACES[k]![0], lower) && (PLACES[k]![0].length <= maxLen || i >= 64)) return k;
  }
  return Number(assertUnlike('city', city, city));
}

/** A place name written like the real one: "AMSTERDAM" (postal style) stays all caps, "amsterdam" lowercase. */
export function placeLike(real: string, fake: string): string {
  return styleLike(real, fake);
}

/** Place names (woonplaats): a real Dutch place chosen by the keyed PRF, value-keyed. */
export const city = defineMasker({
  name: 'city',
  summary: 'Dutch place name chosen by the keyed PRF; the same place maps to the same fake everywhere (and in address).',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: wholeValue('city', (prf, v, room) => placeLike(v, PLACES[fakePlaceIndex(prf, v, room)]![0])),
});
