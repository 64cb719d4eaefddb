/** Shared shapes of the Dutch PII detectors; one file per identifier type sits next to this one. */

/** How sure a detector is that a match is real personal data (dutch-pii.md §0.4, §1.6). */
export type Confidence = 'high' | 'medium' | 'low';

/** One identifier found inside a longer text, by code-unit offsets into that text. */
export interface DetectorMatch {
  /** Offset of the first code unit of the match. */
  readonly start: number;
  /** Offset one past the last code unit. */
  readonly end: number;
  /** The matched text exactly as written (with its separators); never print it. */
  readonly text: string;
  readonly confidence: Confidence;
}

/** Whether the text holds an ASCII digit: a cheap pre-check for detectors of numeric identifiers. */
export function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}
