// Dutch licence plates (kentekens), dutch-pii.md §2.1–2.2. One validator serves the detector, the
// plate masker and the tests, so "valid" means the same thing everywhere.
import { normalize } from '../keyed/canonicalize.js';
import type { Confidence, DetectorMatch } from './detector.js';
import { hasDigit } from './detector.js';

/** Letter/digit layout of one sidecode: mask (X letter, 9 digit) and dash offsets in the compact form. */
export interface PlateLayout {
  readonly sidecode: number;
  readonly mask: string;
  readonly dashes: readonly [number, number];
}

/** Sidecodes 1–14 (§2.1 table); `PLATE_LAYOUTS[sc - 1]` is sidecode sc. No two share a mask. */
export const PLATE_LAYOUTS: readonly PlateLayout[] = [
  ['XX9999', 2, 4], ['9999XX', 2, 4], ['99XX99', 2, 4], ['XX99XX', 2, 4], ['XXXX99', 2, 4],
  ['99XXXX', 2, 4], ['99XXX9', 2, 5], ['9XXX99', 1, 4], ['XX999X', 2, 5], ['X999XX', 1, 4],
  ['XXX99X', 3, 5], ['X99XXX', 1, 3], ['9XX999', 1, 3], ['999XX9', 3, 5],
].map(([mask, a, b], i) => Object.freeze({ sidecode: i + 1, mask: mask as string, dashes: [a as number, b as number] as const }));

/** Letters issued from sidecode 4 on (§2.1): no vowels, no C, Q or Y. */
export const PLATE_LETTERS_MODERN = 'BDFGHJKLMNPRSTVWXZ';
/** Letters of sidecodes 1–3, strict reading of §2.1 (vowels allowed; C, I, Q, W, Y never). */
export const PLATE_LETTERS_HISTORIC = 'ABDEFGHJKLMNOPRSTUVXZ';

/**
 * Combinations the RDW never issues, checked per letter group (§2.1). A generator blacklist only:
 * some were issued by mistake (NSB in 2010, FVD and SP in 2018), so the validator accepts them.
 */
export const PLATE_NEVER_ISSUED: readonly string[] = [
  'SS', 'SD', 'SA', 'SP', 'GVD', 'KKK', 'KVT', 'LPF', 'NSB', 'PKK', 'PSV', 'TBS', 'PVV', 'SGP', 'VVD', 'BBB', 'FVD',
];

// Bit i (from the left) set = position i is a letter; maps the six-bit mask to its sidecode.
const SIDECODE_BY_BITS = new Int8Array(64);
for (const l of PLATE_LAYOUTS) {
  let bits = 0;
  for (let i = 0; i < 6; i++) if (l.mask[i] === 'X') bits |= 1 << i;
  SIDECODE_BY_BITS[bits] = l.sidecode;
}

// Per ASCII code: 1 = modern letter, 2 = historic letter, 4 = digit.
const CLASS = new Uint8Array(128);
for (const c of PLATE_LETTERS_MODERN) CLASS[c.charCodeAt(0)]! |= 1;
for (const c of PLATE_LETTERS_HISTORIC) CLASS[c.charCodeAt(0)]! |= 2;
for (let d = 48; d <= 57; d++) CLASS[d] = 4;

/**
 * The sidecode of a compact uppercase six-character plate (`HKR23B`), or 0 when it is none: the
 * mask must be one of the 14 and every letter must be in that sidecode's alphabet.
 */
export function compactPlateSidecode(c: string): number {
  if (c.length !== 6) return 0;
  let bits = 0;
  for (let i = 0; i < 6; i++) {
    const k = c.charCodeAt(i);
    const cls = k < 128 ? CLASS[k]! : 0;
    if (cls === 0) return 0;
    if (cls !== 4) bits |= 1 << i;
  }
  const sc = SIDECODE_BY_BITS[bits]!;
  if (sc === 0) return 0;
  const alphabet = sc <= 3 ? 2 : 1;
  for (let i = 0; i < 6; i++) {
    if ((bits & (1 << i)) !== 0 && (CLASS[c.charCodeAt(i)]! & alphabet) === 0) return 0;
  }
  return sc;
}

/** A recognised plate: its sidecode, compact uppercase form and the separator it was written with. */
export interface ParsedPlate {
  readonly sidecode: number;
  readonly compact: string;
  /** `'-'`, `' '` or `''` (compact notation). */
  readonly separator: string;
}

/**
 * §2.2 parseKenteken: a whole value as a plate, or null. Dashed (`HKR-23-B`), spaced (`HKR 23 B`)
 * and compact (`hkr23b`) notations are accepted; separators must sit at the sidecode's positions and
 * be the same character, so half-dashed (`HKR-23B`) and mixed (`HKR-23 B`) forms are rejected.
 */
export function parsePlate(raw: string): ParsedPlate | null {
  const s = normalize(raw).toUpperCase();
  if (s.length === 6) {
    const sc = compactPlateSidecode(s);
    return sc === 0 ? null : { sidecode: sc, compact: s, separator: '' };
  }
  if (s.length !== 8) return null;
  let first = -1;
  let second = -1;
  for (let i = 0; i < 8; i++) {
    const k = s.charCodeAt(i);
    if (k !== 45 && k !== 32) continue;
    if (first < 0) first = i;
    else if (second < 0) second = i;
    else return null;
  }
  if (second < 0 || s[first] !== s[second]) return null;
  const sep = s[first]!;
  const c = s.slice(0, first) + s.slice(first + 1, second) + s.slice(second + 1);
  const sc = compactPlateSidecode(c);
  if (sc === 0) return null;
  const [a, b] = PLATE_LAYOUTS[sc - 1]!.dashes;
  return first === a && second === b + 1 ? { sidecode: sc, compact: c, separator: sep } : null;
}

/** The sidecode (1–14) of a plate in any accepted notation, or null when the value is not a plate. */
export function plateSidecode(raw: string): number | null {
  return parsePlate(raw)?.sidecode ?? null;
}

/** Whether a whole value is a Dutch licence plate of any sidecode (§2.2, strict alphabets). */
export function isValidPlate(raw: string): boolean {
  return parsePlate(raw) !== null;
}

// Never-issued pairs and triples by letter index (A = 0), so that checks allocate nothing.
const PAIR = new Uint8Array(26 * 26);
const TRIPLE = new Uint8Array(26 * 26 * 26);
for (const combo of PLATE_NEVER_ISSUED) {
  const [a, b, c] = [...combo].map((ch) => ch.charCodeAt(0) - 65) as [number, number, number?];
  if (c === undefined) PAIR[a * 26 + b] = 1;
  else TRIPLE[(a * 26 + b) * 26 + c] = 1;
}

/** Whether a letter group (`GVD`, `SS`, `B`; uppercase) contains a never-issued combination. */
export function isNeverIssuedGroup(group: string): boolean {
  for (let i = 0; i + 1 < group.length; i++) {
    const a = group.charCodeAt(i) - 65;
    const b = group.charCodeAt(i + 1) - 65;
    if (a < 0 || a > 25 || b < 0 || b > 25) continue;
    if (PAIR[a * 26 + b] === 1) return true;
    if (i + 2 < group.length) {
      const c = group.charCodeAt(i + 2) - 65;
      if (c >= 0 && c <= 25 && TRIPLE[(a * 26 + b) * 26 + c] === 1) return true;
    }
  }
  return false;
}

/**
 * Whether a compact plate of sidecode `sc` has a never-issued combination inside one letter group
 * (`12GVD3`). Across groups it does not count: `GBB-01-B` and `N-001-SB` were really issued.
 */
export function hasNeverIssuedGroup(compact: string, sc: number): boolean {
  const [a, b] = PLATE_LAYOUTS[sc - 1]!.dashes;
  return (
    isNeverIssuedGroup(letterGroup(compact, 0, a)) ||
    isNeverIssuedGroup(letterGroup(compact, a, b)) ||
    isNeverIssuedGroup(letterGroup(compact, b, 6))
  );
}

function letterGroup(c: string, from: number, to: number): string {
  const k = c.charCodeAt(from);
  return k >= 65 && k <= 90 ? c.slice(from, to) : '';
}

// Candidates: six alphanumerics, or three groups with one repeated separator. The sidecode check
// decides; the lookarounds keep matches from starting or ending inside a longer token.
const CANDIDATE = /(?<![\p{L}\p{N}-])(?:[A-Za-z0-9]{6}|[A-Za-z0-9]{1,4}([- \u2010-\u2015\u2212])[A-Za-z0-9]{1,4}\1[A-Za-z0-9]{1,4})(?![\p{L}\p{N}-])/gu;
const KEYWORD = /kenteken|nummerbord|\bauto|voertuig|\brdw\b/i;

/**
 * Plates in free text (§2.2). Dashed plates are high confidence. Compact and spaced forms collide
 * with postcodes (`1234AB`) and ordinary words, so they are low, or medium with a keyword
 * (kenteken, nummerbord, auto, voertuig, RDW) within 40 characters.
 */
export function findPlates(text: string): DetectorMatch[] {
  // Every form of this identifier has digits; most free text can be skipped at once.
  if (!hasDigit(text)) return [];
  const out: DetectorMatch[] = [];
  // One shared global regex: its lastIndex is reset here, and nothing else uses it in between.
  const re = CANDIDATE;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const parsed = parsePlate(m[0]);
    if (parsed === null) {
      // A failed spaced candidate may have swallowed the start of a real plate ("op HKR 23 B").
      // By code point: with the u flag, an index inside a surrogate pair would restart at the same match.
      re.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
      continue;
    }
    let confidence: Confidence = 'high';
    if (parsed.separator !== '-') {
      const around = text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40);
      confidence = KEYWORD.test(around) ? 'medium' : 'low';
    }
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], confidence });
  }
  return out;
}
