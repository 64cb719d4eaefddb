import { z } from 'zod';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import { STREET_NAMES } from './data/dutch-places.js';
import { WORDLIST_VERSION } from './data/dutch-words.js';
import { assertUnlike, sameCompact, styleLike } from './first-name.js';
import { defineMasker } from './masker.js';
import { wholeValue } from './whole-value.js';

/** PRF label of street names, shared by street and address, so a street gets one fake everywhere. */
export const STREET_LABEL = `maskgate/nl-street/${WORDLIST_VERSION}`;

/** The fake street for a normalised street name, keyed on its lowercase form, in its letter case. */
export function fakeStreet(prf: KeyedPrf, street: string, maxLen = Infinity): string {
  const lower = street.toLowerCase();
  const st = prf.stream(STREET_LABEL, lower);
  for (let i = 0; i < 128; i++) {
    const k = st.uniform(STREET_NAMES.length);
    if (!sameCompact(STREET_NAMES[k]!, lower) && (STREET_NAMES[k]!.length <= maxLen || i >= 64)) return styleLike(street, STREET_NAMES[k]!);
  }
  return assertUnlike('street', street, street);
}

/** Street names: a real, common Dutch street name chosen by the keyed PRF, value-keyed. */
export const street = defineMasker({
  name: 'street',
  summary: 'Dutch street name (real and common, e.g. "Kerkstraat") chosen by the keyed PRF; the same street maps to the same fake everywhere.',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: wholeValue('street', (prf, v, room) => fakeStreet(prf, v, room)),
});
