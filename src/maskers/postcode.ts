import { z } from 'zod';
import { POSTCODE_LETTER_PAIRS, POSTCODE_PAIR_INDEX } from '../detectors/postcode.js';
import { MaskgateError } from '../errors.js';
import { normalize } from '../keyed/canonicalize.js';
import type { PrfStream } from '../keyed/keyed-prf.js';
import { defineMasker } from './masker.js';
import { unlike } from './pick.js';
import { uniquePoolFor } from './unique-pool.js';

const PAIRS = POSTCODE_LETTER_PAIRS.length; // 673
const PC6_SPACE = 9000 * PAIRS;

/** Leading space, optional `NL-`, PC4, separator, optional letter pair (any case), trailing space. */
const SHAPE = /^(\s*)((?:[Nn][Ll])[- ]?)?(\d{4})(\s*|-)([A-Za-z]{2})?(\s*)$/;

/** Whether letter `i` of the input pair was lowercase, to mirror its case per letter. */
const isLower = (s: string, i: number): boolean => s.charCodeAt(i) >= 97;

const invalidError = (): MaskgateError =>
  new MaskgateError(
    'MASKER_FAILED',
    'The postcode masker met a value that is not a Dutch postcode (4 digits not starting with 0, optionally 2 letters).',
    { masker: 'postcode' },
    'Check that the rule targets a postcode column, or set { mask: postcode, invalid: scramble } to replace such values by keyed characters of the same shape.',
  );

/** The parsed input; module-level and reused, so the per-value path allocates no closures or objects. */
const cur = { lead: '', nl: '', pc4: '', sep: '', letters: '', trail: '', upper: '', pc4n: 0, pair: -1 };

/** Fills `cur` from a SHAPE match. */
function parse(m: RegExpExecArray): void {
  cur.lead = m[1]!;
  cur.nl = m[2] ?? '';
  cur.pc4 = m[3]!;
  cur.sep = m[4]!;
  cur.letters = m[5] ?? '';
  cur.trail = m[6]!;
  cur.upper = cur.letters.toUpperCase();
  cur.pc4n = Number(cur.pc4);
  cur.pair = cur.letters === '' ? -1 : POSTCODE_PAIR_INDEX[(cur.upper.charCodeAt(0) - 65) * 26 + (cur.upper.charCodeAt(1) - 65)]!;
}

/** `digits` and `pair` in the notation of `cur`: prefix, separator, per-letter case, whitespace. */
function format(digits: string, pair: string): string {
  const l = cur.letters;
  if (l === '') return `${cur.lead}${cur.nl}${digits}${cur.sep}${cur.trail}`;
  const a = isLower(l, 0) ? pair[0]!.toLowerCase() : pair[0]!;
  const b = isLower(l, 1) ? pair[1]!.toLowerCase() : pair[1]!;
  return `${cur.lead}${cur.nl}${digits}${cur.sep}${a}${b}${cur.trail}`;
}

/**
 * The next candidate for `cur` from the stream, never the input: the input's own value is left out
 * of the range drawn from, so no retry loop is needed.
 */
function candidate(st: PrfStream, samePc4: boolean): string {
  const inPair = cur.pair;
  if (cur.letters === '') {
    // A PC4 alone cannot keep its digits and still change: both modes draw another PC4.
    let r = 1000 + st.uniform(8999);
    if (r >= cur.pc4n) r++;
    return format(String(r), '');
  }
  if (samePc4) {
    let r = st.uniform(inPair >= 0 ? PAIRS - 1 : PAIRS);
    if (inPair >= 0 && r >= inPair) r++;
    return format(cur.pc4, POSTCODE_LETTER_PAIRS[r]!);
  }
  const inFlat = inPair >= 0 ? (cur.pc4n - 1000) * PAIRS + inPair : -1;
  let r = st.uniform(inFlat >= 0 ? PC6_SPACE - 1 : PC6_SPACE);
  if (inFlat >= 0 && r >= inFlat) r++;
  return format(String(1000 + Math.floor(r / PAIRS)), POSTCODE_LETTER_PAIRS[r % PAIRS]!);
}

/** Replaces every letter and digit with a keyed one of the same kind and case; other characters stay. */
function scramble(st: PrfStream, value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) out += String.fromCharCode(48 + st.uniform(10));
    else if (c >= 65 && c <= 90) out += String.fromCharCode(65 + st.uniform(26));
    else if ((c >= 97 && c <= 122) || (c > 127 && !/\s/.test(value[i]!))) out += String.fromCharCode(97 + st.uniform(26));
    else out += value[i];
  }
  return out;
}

/** Postcode masker (dutch-pii.md §4.1): a fake PC6 in the same PC4 (default) or anywhere; keeps notation. */
export const postcode = defineMasker({
  name: 'postcode',
  patternType: 'postcode',
  realPart: (p) => (p.mode === 'same-pc4' ? (out) => /\d{4}/.exec(out)?.[0] ?? out : null),
  // `1234AB` is also a sidecode-2 plate (dutch-pii.md §8).
  coincidesWith: () => ['plate'],
  summary: 'Dutch postcode: keyed fake letters in the same PC4 ({ mode: same-pc4 }, default) or a fully fake PC6 ({ mode: fake }); never SA/SD/SS; keeps spacing and case.',
  params: z
    .object({
      mode: z
        .enum(['same-pc4', 'fake'])
        .default('same-pc4')
        .describe('same-pc4: keep the 4 digits, replace the letters; fake: replace digits and letters'),
      invalid: z
        .enum(['fail', 'scramble'])
        .default('fail')
        .describe('what to do with a value that is not a postcode: fail the run, or replace every letter and digit by a keyed one'),
    })
    .strict(),
  columnKinds: ['text'],
  preservesUniqueness: true,
  outputMayEqualInput: false,
  create: (params, ctx) => {
    const same = params.mode === 'same-pc4';
    const label = same ? 'maskgate/nl-postcode/same-pc4/v1' : 'maskgate/nl-postcode/fake/v1';
    // fake: half the 6,057,000 PC6 values; same-pc4 exhausts per PC4 first, which probing reports.
    const pool = uniquePoolFor(ctx, label, 'postcode', same ? 10_000_000 : 3_000_000);
    const scrambleLabel = 'maskgate/nl-postcode/scramble/v1';

    /** invalid: scramble. Keyed on the normalised value; values without letters or digits get a fake PC6. */
    const fallback = (value: string): string => {
      if (params.invalid === 'fail') throw invalidError();
      const canon = normalize(value);
      const st = ctx.prf.stream(scrambleLabel, canon);
      const draw = /[\p{L}\p{N}]/u.test(value)
        ? () => unlike(value, () => scramble(st, value))
        : () => `${1000 + st.uniform(9000)} ${POSTCODE_LETTER_PAIRS[st.uniform(PAIRS)]!}`;
      return pool ? pool.claim(`~${canon}`, draw) : draw();
    };

    return (value) => {
      const m = SHAPE.exec(value);
      if (m === null || m[3]!.charCodeAt(0) === 48) return value.trim() === '' ? '' : fallback(value);
      parse(m);
      const st = ctx.prf.stream(label, cur.pc4 + cur.upper);
      // Candidates are the exact output strings: that is what a unique index compares.
      return pool ? pool.claim(cur.pc4 + cur.upper, () => candidate(st, same)) : candidate(st, same);
    };
  },
});
