// How a BSN was written, and writing a fake the same way (dutch-pii.md §1.3). The fake keeps the
// input's digit count class and separators, so it fits wherever the input fitted.

/**
 * Significant-digit class of a canonical 9-digit value: 0 for ≤ 7 significant digits (the 00-block,
 * where RvIG's leading-zero test numbers live), 1 for 8 (written `12345672` once the zero is lost),
 * 2 for 9. Modes that can choose keep an input's class, so an 8-digit cell gets an 8-digit fake.
 */
export type BsnClass = 0 | 1 | 2;

/** Lowest 8-digit prefix of each class. */
export const CLASS_LO: readonly number[] = [0, 1_000_000, 10_000_000];
/** One past the highest 8-digit prefix of each class. */
export const CLASS_HI: readonly number[] = [1_000_000, 10_000_000, 100_000_000];

const NINE_DIGITS = /^\d{9}$/;

/** The class of a canonical value, or `fallback` when it is not 9 digits (an input that is no BSN at all). */
export function bsnClassOf(canon: string, fallback: BsnClass): BsnClass {
  if (!NINE_DIGITS.test(canon)) return fallback;
  return canon.charCodeAt(0) !== 48 ? 2 : canon.charCodeAt(1) !== 48 ? 1 : 0;
}

/**
 * Writes the canonical 9-digit fake in the notation of `input`: an integer column gets it without
 * leading zeros; an input of 9 or 8 digits with any separators (`1112.22.333`, `111 222 333`,
 * `111-22-2333`) gets the fake's digits in the same places, where 8 digits means the leading zero was
 * dropped. Anything else, and an 8-digit input whose fake has 9 significant digits, gets the plain 9
 * digits. Surrounding whitespace is dropped, as in the other identifier maskers.
 */
export function inNotation(input: string, fake9: string, integer: boolean): string {
  if (integer) return String(Number(fake9));
  if (NINE_DIGITS.test(input)) return fake9;
  const t = input.trim();
  let digits = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    // space . - /: the separators that compact() removes (§0.2 step 3)
    else if (c !== 32 && c !== 46 && c !== 45 && c !== 47) return fake9;
  }
  let src: string;
  if (digits === 9) src = fake9;
  else if (digits === 8 && fake9.charCodeAt(0) === 48) src = fake9.slice(1);
  else return fake9;
  let out = '';
  let k = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    out += c >= 48 && c <= 57 ? src[k++] : t[i];
  }
  return out;
}

