import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { redactedPreview } from '../../../src/report/redact.js';

describe('redactedPreview', () => {
  test.prop([fc.string({ unit: 'grapheme', maxLength: 80 })])('never shows more than two characters of the value', (v) => {
    const shown = [...redactedPreview(v)].filter((c) => c !== '*');
    expect(shown.length).toBeLessThanOrEqual(2);
    // Short values show nothing at all: two of three characters would give them away.
    if ([...v].length < 8) expect(shown.length).toBe(0);
  });

  it('shows the last two digits of a BSN, as the BSN guideline allows', () => {
    expect(redactedPreview('999990019')).toBe('*******19');
    expect(redactedPreview(null)).toBe('NULL');
  });
});
