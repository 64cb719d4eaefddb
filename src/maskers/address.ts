import { z } from 'zod';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import { PLACES, STREET_NAMES } from './data/dutch-places.js';
import { WORDLIST_VERSION } from './data/dutch-words.js';
import { fakePlaceIndex, placeLike } from './city.js';
import { addressKey, maskHouseNumber } from './house-number.js';
import { defineMasker } from './masker.js';
import { wholeValue } from './whole-value.js';
import { fakeStreet } from './street.js';

/** PRF label of the postcode inside an address line. */
const POSTCODE_LABEL = `maskgate/nl-address-postcode/${WORDLIST_VERSION}`;
/** PRF label of address lines that do not parse (they get a fresh address keyed on the whole value). */
const FRESH_LABEL = `maskgate/nl-address/${WORDLIST_VERSION}`;

const POSTCODE = /(?<![\p{L}\p{N}])([1-9]\d{3})(\s?)([A-Za-z]{2})(?![\p{L}\p{N}])/u;
/** Street (with at least one letter), optional "by"/"to" aanduiding, house number and the rest (§4.6). */
const HEAD = /^(.*?\p{L}.*?)(\s+)(?:(?:by|to|bij|t\/o|tegenover)\s+)?([1-9]\d{0,4})(.*)$/su;
const HEAD_AANDUIDING = /^(.*?\p{L}.*?\s+)((?:by|to|bij|t\/o|tegenover)\s+)([1-9]\d{0,4})/su;
const BANNED_PAIRS = new Set(['SA', 'SD', 'SS']);
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A fake PC6 for a real one: inside the fake place's PC4 range when the line names a place (so
 * postcode and place agree), else any PC4; letters from the 673 allowed pairs (§4.1). Keeps the
 * space (or its absence) and the letter case of the real postcode.
 */
function fakePostcode(prf: KeyedPrf, real: RegExpExecArray, place: number | null, cityLower: string): string {
  const realCompact = `${real[1]}${real[3]!.toUpperCase()}`;
  const st = prf.stream(POSTCODE_LABEL, `${realCompact}\u0000${cityLower}`);
  const [lo, hi] = place === null ? [1000, 9999] : [PLACES[place]![1], PLACES[place]![2]];
  for (let i = 0; i < 64; i++) {
    const pc4 = lo + st.uniform(hi - lo + 1);
    const pair = LETTERS[st.uniform(26)]! + LETTERS[st.uniform(26)]!;
    if (BANNED_PAIRS.has(pair) || `${pc4}${pair}` === realCompact) continue;
    return `${pc4}${real[2]}${real[3] === real[3]!.toLowerCase() ? pair.toLowerCase() : pair}`;
  }
  throw new Error('unreachable: 64 postcode draws all failed');
}

/** A fresh one-line address for a value that does not parse, keyed on the whole value. */
function freshAddress(prf: KeyedPrf, lower: string): string {
  const st = prf.stream(FRESH_LABEL, lower);
  const street = STREET_NAMES[st.uniform(STREET_NAMES.length)]!;
  const place = PLACES[st.uniform(PLACES.length)]!;
  let pair = 'SA';
  while (BANNED_PAIRS.has(pair)) pair = LETTERS[st.uniform(26)]! + LETTERS[st.uniform(26)]!;
  return `${street} ${1 + st.uniform(300)}, ${place[1] + st.uniform(place[2] - place[1] + 1)} ${pair} ${place[0]}`;
}

/**
 * Masks a one-line Dutch address ("Kerkstraat 12a, 1234 AB Amsterdam", "Dorpsstraat 1 bis",
 * "Hoofdstraat 12A 1234AB  AMSTERDAM") part by part, keeping separators and shape: the street and
 * place as the street and city maskers map them, the house number as house_number with the
 * `street`/`postcode` options maps it, the postcode inside the fake place's PC4 range.
 */
export function maskAddressLine(prf: KeyedPrf, v: string): string {
  const pc = POSTCODE.exec(v);
  let head: string;
  let tail: string;
  if (pc !== null && pc.index > 0) {
    head = v.slice(0, pc.index);
    tail = v.slice(pc.index);
  } else {
    const comma = v.indexOf(',');
    head = comma > 0 ? v.slice(0, comma) : v;
    tail = comma > 0 ? v.slice(comma) : '';
  }
  // Separators between the number part and the postcode (", " or spaces) belong to neither.
  let sepStart = head.length;
  while (sepStart > 0 && (head[sepStart - 1] === ' ' || head[sepStart - 1] === ',')) sepStart--;
  const sep = head.slice(sepStart);
  head = head.slice(0, sepStart);
  const h = HEAD.exec(head);
  if (h === null) return freshAddress(prf, v.toLowerCase());
  const aand = HEAD_AANDUIDING.exec(head);
  const streetReal = h[1]!;
  const between = aand !== null ? head.slice(streetReal.length, aand[0].length - aand[3]!.length) : h[2]!;

  let cityOut = '';
  let place: number | null = null;
  let cityLower = '';
  let pcOut = '';
  let tailSep = '';
  if (tail !== '') {
    const tpc = pc !== null && pc.index > 0 ? pc : null;
    let rest = tpc !== null ? tail.slice(tpc[0].length) : tail.replace(/^,/, '');
    const lead = rest.length - rest.trimStart().length;
    tailSep = rest.slice(0, lead);
    rest = rest.slice(lead).trimEnd();
    if (rest !== '') {
      cityLower = rest.toLowerCase();
      place = fakePlaceIndex(prf, rest);
      cityOut = placeLike(rest, PLACES[place]![0]);
    }
    if (tpc !== null) pcOut = fakePostcode(prf, tpc, place, cityLower);
    if (tpc === null) tailSep = `,${tailSep}`;
  }
  const key = addressKey(streetReal, pc !== null && pc.index > 0 ? pc[0] : null);
  const number = maskHouseNumber(prf, key, `${h[3]}${h[4]}`, false);
  return `${fakeStreet(prf, streetReal)}${between}${number}${sep}${pcOut}${tailSep}${cityOut}`;
}

/** One-line Dutch addresses, masked as a whole but part by part in the same shape. */
export const address = defineMasker({
  name: 'address',
  summary: 'One-line Dutch address ("Kerkstraat 12a, 1234 AB Amsterdam") masked part by part: street, number with letter/toevoeging, postcode in the fake place\'s range, place.',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: wholeValue('address', (prf, _v, _room, trimmed) => maskAddressLine(prf, trimmed)),
});
