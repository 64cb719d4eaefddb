// Tiny, independent builders of fictional Dutch identifiers for the planted-leak suite. They do not
// import src/detectors on purpose: a leak planted with the validator under test could share its bug.

import { bsnValid as passesElfproef, int as randomInt, mulberry32 as seededRandom } from '../../fixtures/generate-diplomawaardering.js';

/** The fixture generator's seeded PRNG, integer draw and elfproef, so both sides of the test data agree. */
export { passesElfproef, randomInt, seededRandom };

/** The elfproef-valid 9-digit number with this 8-digit prefix, or null when the prefix has none (remainder 10). */
export function completeBsn(prefix8: string): string | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(prefix8[i]);
  const check = sum % 11;
  return check === 10 ? null : `${prefix8}${check}`;
}

/** Every elfproef-valid number from `from` to `to` (inclusive), zero-padded to 9 digits. */
export function elfproefRange(from: number, to: number): string[] {
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const s = String(n).padStart(9, '0');
    if (passesElfproef(s)) out.push(s);
  }
  return out;
}

/** §3.2: an NL IBAN for a bank code and a 10-digit account number, check digits by mod 97 (BigInt, no shortcut). */
export function nlIban(bank: string, account10: string): string {
  const numeric = `${bank}${account10}NL00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98n - (BigInt(numeric) % 97n);
  return `NL${String(check).padStart(2, '0')}${bank}${account10}`;
}

/** The printed IBAN notation: groups of four separated by spaces (`NL91 ABNA 0417 1643 00`). */
export function groupByFour(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

// §2.3 "current" mode: sidecode 11 (XXX-99-X) passenger-car letters, never-issued groups avoided.
const FIRST = 'GHJKNPRSXZ';
const REST = 'BDFGHJKLNPRSTVXZ';
const NEVER = ['SS', 'SD', 'SA', 'SP', 'GVD', 'KKK', 'KVT', 'LPF', 'NSB', 'PKK', 'PSV', 'TBS', 'PVV', 'SGP', 'VVD', 'BBB', 'FVD'];

/** A valid dashed sidecode-11 kenteken (`GBB-01-B`-like) drawn from `r`. */
export function sidecode11Plate(r: () => number): string {
  for (;;) {
    const group = FIRST[randomInt(r, 0, FIRST.length - 1)]! + REST[randomInt(r, 0, REST.length - 1)]! + REST[randomInt(r, 0, REST.length - 1)]!;
    if (NEVER.some((n) => group.includes(n))) continue;
    const digits = String(randomInt(r, 1, 99)).padStart(2, '0');
    return `${group}-${digits}-${REST[randomInt(r, 0, REST.length - 1)]!}`;
  }
}

/** Letters and digits only, lowercase: the "compact" notation a leaked value may also appear in. */
export function compactForm(value: string): string {
  return value.normalize('NFC').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
}
