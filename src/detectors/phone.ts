// Dutch phone numbers (dutch-pii.md §4.2), after the Nummerplan as libphonenumber encodes it. The
// phone masker classifies with these same patterns, so its fakes pass the check the verifier runs.
import type { Confidence, DetectorMatch } from './detector.js';
import { hasDigit } from './detector.js';

/** Number types of §4.2 that `parseDutchPhone` recognises. */
export type PhoneType =
  | 'mobile' // 06-[1-58]
  | 'fixed' // geographic, 2- or 3-digit area code
  | 'pager' // 066
  | 'm2m' // 0970
  | 'voip' // 085, 091
  | 'business' // 088
  | 'personal-assistant' // 084, 087
  | 'toll-free' // 0800
  | 'premium'; // 0900, 0906, 0909

/** A valid Dutch number: its type and national significant number (digits without 0 or +31). */
export interface DutchPhone {
  readonly type: PhoneType;
  readonly nsn: string;
  /** Area code without the trunk 0 (`20`, `111`) for fixed numbers, else ''. */
  readonly areaCode: string;
}

/** The 30 two-digit area codes (without the 0); every other geographic code has three digits (§4.2). */
export const TWO_DIGIT_AREA_CODES: ReadonlySet<string> = new Set([
  '10', '13', '15', '20', '23', '24', '26', '30', '33', '35', '36', '38', '40', '43', '45', '46', '50',
  '53', '55', '58', '70', '71', '72', '73', '74', '75', '76', '77', '78', '79',
]);

const MOBILE = /^6[1-58]\d{7}$/;
// §4.2 FIXED, copied from libphonenumber PhoneNumberMetadata.xml (territory NL).
const FIXED = /^(?:1(?:[035]\d|1[13-578]|6[124-8]|7[24]|8[0-467])|2(?:[0346]\d|2[2-46-9]|5[125]|9[479])|3(?:[03568]\d|1[3-8]|2[01]|4[1-8])|4(?:[0356]\d|1[1-368]|7[58]|8[15-8]|9[23579])|5(?:[0358]\d|[19][1-9]|2[1-57-9]|4[13-8]|6[126]|7[0-3578])|7\d\d)\d{6}$/;
const PAGER = /^66\d{7}$/;
const M2M = /^970\d{8}$/;
const VOIP = /^(?:85|91)\d{7}$/;
const BUSINESS = /^88\d{7}$/;
const PERSONAL_ASSISTANT = /^8[47]\d{7}$/;
const TOLL_FREE = /^800\d{4,7}$/;
const PREMIUM = /^90[069]\d{4,7}$/;

// The same plan by leading digits only, for numbers of the wrong length or with an extension.
const PREFIXES: readonly [RegExp, PhoneType][] = [
  [/^6[1-58]/, 'mobile'],
  [new RegExp(FIXED.source.replace('\\d{6}$', '')), 'fixed'],
  [/^(?:85|91)/, 'voip'],
  [/^88/, 'business'],
  [/^66/, 'pager'],
  [/^8[47]/, 'personal-assistant'],
  [/^970/, 'm2m'],
  [/^800/, 'toll-free'],
  [/^90[069]/, 'premium'],
];

const NSN = /^(?:\+31|0031|0)(\d+)$/;
const SEPARATORS = /[ \-.()/]/g;
// §4.2 text pattern; the match is trimmed and then parsed.
const PHONE_TEXT = /(?<![\p{L}\p{N}+])(?:\+31|0031|0)[\s\-.()]*(?:\d[\s\-.()]*){8,9}\d?(?![\p{L}\p{N}])/gu;
const TRAILING = /[\s\-.(]+$/;

/** §4.2 nlNsn: the national significant number of a Dutch notation, or null (no 0/+31/0031 prefix). */
export function nlNsn(raw: string): string | null {
  const s = raw.trim().replace('(0)', '').replace(SEPARATORS, '');
  const m = NSN.exec(s);
  return m ? m[1]! : null;
}

/** The type of a national significant number, or null when it is not a valid Dutch number. */
export function phoneTypeOfNsn(nsn: string): PhoneType | null {
  if (MOBILE.test(nsn)) return 'mobile';
  if (FIXED.test(nsn)) return 'fixed';
  if (VOIP.test(nsn)) return 'voip';
  if (BUSINESS.test(nsn)) return 'business';
  if (PAGER.test(nsn)) return 'pager';
  if (PERSONAL_ASSISTANT.test(nsn)) return 'personal-assistant';
  if (M2M.test(nsn)) return 'm2m';
  if (TOLL_FREE.test(nsn)) return 'toll-free';
  if (PREMIUM.test(nsn)) return 'premium';
  return null;
}

/**
 * The type an NSN's leading digits belong to, whatever its length: `20123456712` (a number with an
 * extension) is still geographic with area code 20. Null when no type has that prefix.
 */
export function phoneTypeOfPrefix(nsn: string): PhoneType | null {
  for (const [re, type] of PREFIXES) if (re.test(nsn)) return type;
  return null;
}

/** Length of the area code of a geographic NSN (2 or 3 digits, without the trunk 0). */
export function areaCodeLength(nsn: string): 2 | 3 {
  return TWO_DIGIT_AREA_CODES.has(nsn.slice(0, 2)) ? 2 : 3;
}

/** Parses a Dutch number in any usual notation (`06-12345678`, `+31 (0)20 123 4567`, `0031 85 …`); null if invalid. */
export function parseDutchPhone(raw: string): DutchPhone | null {
  const nsn = nlNsn(raw);
  if (nsn === null) return null;
  const type = phoneTypeOfNsn(nsn);
  if (type === null) return null;
  return { type, nsn, areaCode: type === 'fixed' ? nsn.slice(0, areaCodeLength(nsn)) : '' };
}

/** Whether a cell holds a valid Dutch phone number of any §4.2 type. */
export function isValidDutchPhone(raw: string): boolean {
  return parseDutchPhone(raw) !== null;
}

/** A phone number found in text, with its type. */
export interface PhoneMatch extends DetectorMatch {
  readonly type: PhoneType;
}

/**
 * Dutch phone numbers in free text. Mobile numbers are high confidence (nothing else has that
 * shape); other personal types medium; toll-free and premium low, as they are rarely personal.
 */
export function findPhones(text: string): PhoneMatch[] {
  // Every form of this identifier has digits; most free text can be skipped at once.
  if (!hasDigit(text)) return [];
  const out: PhoneMatch[] = [];
  for (const m of text.matchAll(PHONE_TEXT)) {
    const t = m[0].replace(TRAILING, '');
    const p = parseDutchPhone(t);
    if (p === null) continue;
    const confidence: Confidence =
      p.type === 'mobile' ? 'high' : p.type === 'toll-free' || p.type === 'premium' ? 'low' : 'medium';
    out.push({ start: m.index, end: m.index + t.length, text: t, confidence, type: p.type });
  }
  return out;
}
