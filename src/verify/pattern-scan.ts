import { findBsns } from '../detectors/bsn.js';
import { compact } from '../keyed/canonicalize.js';
import type { Confidence, DetectorMatch } from '../detectors/detector.js';
import { findEmails } from '../detectors/email.js';
import { findIbans } from '../detectors/iban.js';
import { findPhones } from '../detectors/phone.js';
import { findPlates } from '../detectors/plate.js';
import { findPostcodes } from '../detectors/postcode.js';
import { findDates, hasBirthKeyword } from '../detectors/date.js';

/** One identifier the pattern layer found in a cell that no masker produced. */
export interface PatternHit {
  /** Which identifier type: `bsn`, `iban`, `plate`, `email`, `phone`, `postcode`, `date` (a birth date). */
  readonly type: string;
  readonly confidence: Confidence;
  /** The matched text; only ever passed to redactedPreview(). */
  readonly text: string;
}

const DETECTORS: readonly [type: string, find: (text: string) => readonly DetectorMatch[]][] = [
  ['bsn', findBsns],
  ['iban', findIbans],
  ['plate', findPlates],
  // Addresses at reserved domains (example.com, *.test) cannot reach anyone.
  ['email', (t) => findEmails(t).filter((m) => !m.reservedDomain)],
  ['phone', findPhones],
  // A PC6 is a quasi-identifier, not an identifier: a warning at most, whatever its notation.
  ['postcode', (t) => findPostcodes(t).map((m) => ({ ...m, confidence: m.confidence === 'high' ? 'medium' : 'low' }))],
  // Dates are everywhere (timestamps, deadlines); only a date next to a birth keyword is personal data.
  ['date', (t) => (hasBirthKeyword(t) ? findDates(t).filter((m) => m.confidence === 'high') : [])],
];

/**
 * Verification layer L1 + L4 (dutch-pii.md §0.4) over a cell that no masker wrote (a kept text
 * column): every identifier the detectors find that the rules do not allow, with their confidence.
 * The caller turns high confidence into a refusal and the rest into warnings.
 */
export function scanForIdentifiers(text: string, allowed?: ReadonlySet<string>): PatternHit[] {
  // Every detected type has digits or an @; most kept text (names of things, codes, statuses) has neither.
  if (!/[\d@]/.test(text)) return [];
  const hits: PatternHit[] = [];
  for (const [type, find] of DETECTORS) {
    for (const m of find(text)) if (allowed === undefined || allowed.size === 0 || !allowed.has(compact(m.text))) hits.push({ type, confidence: m.confidence, text: m.text });
  }
  return hits;
}

/** The rules file's `allow:` list in the compact form the scan compares with. */
export function allowSet(values: readonly string[] | undefined): ReadonlySet<string> {
  return new Set((values ?? []).map(compact));
}
