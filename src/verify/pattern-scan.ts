import { findBsns } from '../detectors/bsn.js';
import type { Confidence, DetectorMatch } from '../detectors/detector.js';
import { findEmails } from '../detectors/email.js';
import { findIbans } from '../detectors/iban.js';
import { findPhones } from '../detectors/phone.js';
import { findPlates } from '../detectors/plate.js';

/** One identifier the pattern layer found in a cell that no masker produced. */
export interface PatternHit {
  /** Which identifier type: `bsn`, `iban`, `plate`, `email`, `phone`. */
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
];

/**
 * Verification layer L1 + L4 (dutch-pii.md §0.4) over a cell that no masker wrote (a kept text
 * column): every identifier the detectors find, with their confidence. The caller turns high
 * confidence into a refusal and the rest into warnings.
 */
export function scanForIdentifiers(text: string): PatternHit[] {
  // Every detected type has digits or an @; most kept text (names of things, codes, statuses) has neither.
  if (!/[\d@]/.test(text)) return [];
  const hits: PatternHit[] = [];
  for (const [type, find] of DETECTORS) for (const m of find(text)) hits.push({ type, confidence: m.confidence, text: m.text });
  return hits;
}
