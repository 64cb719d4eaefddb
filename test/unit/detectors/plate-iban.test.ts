// The kenteken (dutch-pii.md §2.1–2.2, examples §2.4) and IBAN (§3.1–3.2, examples §3.4) detectors.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findIbans, ibanCheckDigits, isValidIban, isValidNlIban, mod97 } from '../../../src/detectors/iban.js';
import {
  findPlates,
  hasNeverIssuedGroup,
  isValidPlate,
  parsePlate,
  PLATE_LAYOUTS,
  plateSidecode,
} from '../../../src/detectors/plate.js';

describe('kenteken validator', () => {
  const VALID: [string, number][] = [
    ['HB-12-34', 1], ['12-34-NB', 2], ['45-TD-67', 3], ['GH-12-JK', 4], ['ZT-NP-34', 5], ['56-RX-TL', 6],
    ['78-GZX-1', 7], ['3-KNP-45', 8], ['JR-678-T', 9], ['N-123-GD', 10], ['HKR-23-B', 11], ['hkr23b', 11],
    ['HKR 23 B', 11], ['D-45-FGH', 12], ['7-FK-123', 13], ['456-DG-8', 14],
  ];
  it.each(VALID)('§2.4: %s is sidecode %i', (plate, sc) => {
    expect(plateSidecode(plate)).toBe(sc);
    expect(isValidPlate(plate)).toBe(true);
  });

  it.each(['AB-123-C', 'GB-01-B', 'GBB-01-BB', '12-34-56', 'GB-12-CD', '1-AEI-23', 'QX-12-34', 'HKR-2-3B', 'HK-R23-B', 'HKR-23 B'])(
    '§2.4: %s is not a plate',
    (value) => {
      expect(isValidPlate(value)).toBe(false);
      expect(plateSidecode(value)).toBeNull();
    },
  );

  it.each(['12-GVD-3', 'SS-12-34', 'KKK-12-B', 'N-12-PVV', '4-SD-123'])('§2.4: %s is format-valid but has a never-issued group', (value) => {
    const p = parsePlate(value)!;
    expect(p).not.toBeNull();
    expect(hasNeverIssuedGroup(p.compact, p.sidecode)).toBe(true);
  });

  it.each(['GBB-01-B', 'N-001-SB'])('§8: %s has a blacklisted combination only across groups, so it is not never-issued', (value) => {
    const p = parsePlate(value)!;
    expect(hasNeverIssuedGroup(p.compact, p.sidecode)).toBe(false);
  });

  it('rejects half-dashed notation, and accepts Unicode dashes and surrounding whitespace (§0.2)', () => {
    expect(isValidPlate('HKR-23B')).toBe(false);
    expect(isValidPlate('HKR23-B')).toBe(false);
    expect(plateSidecode(' HKR\u201023\u2013B ')).toBe(11);
  });

  it('gives 1234AB in a kenteken column its sidecode-2 reading (§8)', () => {
    expect(plateSidecode('1234AB')).toBe(2);
  });

  // The §2.2 regex table, written out independently, as the oracle for the validator.
  const L = '[BDFGHJKLMNPRSTVWXZ]';
  const H = '[ABDEFGHJKLMNOPRSTUVXZ]';
  const SPEC = [
    `${H}{2}-\\d{2}-\\d{2}|${H}{2}\\d{4}`, `\\d{2}-\\d{2}-${H}{2}|\\d{4}${H}{2}`, `\\d{2}-${H}{2}-\\d{2}|\\d{2}${H}{2}\\d{2}`,
    `${L}{2}-\\d{2}-${L}{2}|${L}{2}\\d{2}${L}{2}`, `${L}{2}-${L}{2}-\\d{2}|${L}{4}\\d{2}`, `\\d{2}-${L}{2}-${L}{2}|\\d{2}${L}{4}`,
    `\\d{2}-${L}{3}-\\d|\\d{2}${L}{3}\\d`, `\\d-${L}{3}-\\d{2}|\\d${L}{3}\\d{2}`, `${L}{2}-\\d{3}-${L}|${L}{2}\\d{3}${L}`,
    `${L}-\\d{3}-${L}{2}|${L}\\d{3}${L}{2}`, `${L}{3}-\\d{2}-${L}|${L}{3}\\d{2}${L}`, `${L}-\\d{2}-${L}{3}|${L}\\d{2}${L}{3}`,
    `\\d-${L}{2}-\\d{3}|\\d${L}{2}\\d{3}`, `\\d{3}-${L}{2}-\\d|\\d{3}${L}{2}\\d`,
  ].map((r) => new RegExp(`^(?:${r})$`));
  const specSidecode = (v: string): number | null => {
    const i = SPEC.findIndex((r) => r.test(v.toUpperCase()));
    return i < 0 ? null : i + 1;
  };

  /** Six characters from a plate-ish alphabet in some sidecode's shape, dashed at random places or not. */
  const plateish = fc
    .tuple(
      fc.constantFrom(...PLATE_LAYOUTS),
      fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 6, maxLength: 6 }),
      fc.array(fc.constantFrom(...'0123456789'), { minLength: 6, maxLength: 6 }),
      fc.constantFrom('right', 'none', 'wrong'),
      fc.integer({ min: 1, max: 5 }),
    )
    .map(([{ mask, dashes: [a, b] }, ls, ds, dash, k]) => {
      const c = [...mask].map((m, i) => (m === 'X' ? ls[i]! : ds[i]!)).join('');
      if (dash === 'none') return c;
      const [x, y] = dash === 'right' ? [a, b] : [k, Math.min(5, k + 1 + (k % 2))];
      return `${c.slice(0, x)}-${c.slice(x, y)}-${c.slice(y)}`;
    });

  test.prop([plateish], { numRuns: 3000 })('agrees with the §2.2 regex table on plate-shaped strings', (v) => {
    expect(plateSidecode(v)).toBe(specSidecode(v));
  });

  test.prop([fc.string({ maxLength: 10 })])('agrees with the §2.2 regex table on arbitrary strings (dashed and compact forms)', (v) => {
    fc.pre(!/\s/.test(v));
    expect(plateSidecode(v)).toBe(specSidecode(v));
  });
});

describe('findPlates', () => {
  it('returns on text with astral-plane letters before a rejected candidate', () => {
    expect(findPlates('op \u{1D4A5}K 23 B en GHJ-12-K')).toHaveLength(1);
  });

  it('finds dashed plates with high confidence, compact ones low, or medium within 40 characters of a keyword', () => {
    const text = 'Auto met kenteken HKR-23-B gezien; postcode 1234AB; ook GH12JK en 12-34-56. Later ook n-123-gd.';
    const found = findPlates(text).map((m) => [m.text, m.confidence]);
    expect(found).toEqual([['HKR-23-B', 'high'], ['1234AB', 'medium'], ['GH12JK', 'low'], ['n-123-gd', 'high']]);
    expect(findPlates('de postcode is 1234AB').map((m) => m.confidence)).toEqual(['low']);
  });

  it('reports exact offsets and finds a spaced plate after a failed candidate', () => {
    const text = 'zie op HKR 23 B staan';
    const [m] = findPlates(text);
    expect(m).toBeDefined();
    expect(text.slice(m!.start, m!.end)).toBe('HKR 23 B');
  });

  it('does not match inside longer tokens or half-dashed forms', () => {
    expect(findPlates('XHKR-23-B HKR-23-BX ABHKR23B HKR-23B')).toEqual([]);
  });
});

describe('IBAN validator', () => {
  it.each(['NL91ABNA0417164300', 'NL91 ABNA 0417 1643 00', 'NL02ABNA0123456789', 'NL44RABO0123456789', 'NL20INGB0001234567', 'NL39RABO0300065264', 'NL51ZZZZ0123456789', 'NL10ZZZZ0000000001'])(
    '§3.4: %s is a valid NL IBAN',
    (v) => {
      expect(isValidNlIban(v)).toBe(true);
      expect(isValidIban(v)).toBe(true);
    },
  );

  it.each(['NL10RABO0123456789', 'NL91ABNA0417164301', 'NL91ABNA0417163400', 'NL00BANK0123456789', 'NL91ABNA041716430', 'NL91ABN10417164300'])(
    '§3.4: %s is not a valid NL IBAN',
    (v) => expect(isValidNlIban(v)).toBe(false),
  );

  it('§3.2 worked example: ABNA0417164300NL91 is 1 mod 97; check digits are computed as 98 − r', () => {
    expect(mod97('ABNA0417164300NL91')).toBe(1);
    expect(mod97('101123100417164300232191')).toBe(1);
    expect(ibanCheckDigits('NL', 'ABNA0417164300')).toBe('91');
    expect(ibanCheckDigits('NL', 'RABO0123456789')).toBe('44');
    expect(ibanCheckDigits('NL', 'ZZZZ0000000001')).toBe('10');
    expect(ibanCheckDigits('NL', 'ABNA0417164301')).toBe('64');
  });

  test.prop([fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 1, maxLength: 40 })])('mod97 equals BigInt arithmetic on the letter-expanded number', (s) => {
    const digits = [...s].map((c) => (c >= 'A' ? String(c.charCodeAt(0) - 55) : c)).join('');
    expect(mod97(s)).toBe(Number(BigInt(digits) % 97n));
  });

  test.prop([fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 11, maxLength: 30 })])('check digits are never 00, 01 or 99, and make the IBAN valid', (bban) => {
    const kk = ibanCheckDigits('DE', bban);
    expect(['00', '01', '99']).not.toContain(kk);
    expect(isValidIban(`DE${kk}${bban}`)).toBe(true);
  });
});

describe('findIbans', () => {
  it('finds compact, printed and lowercase NL IBANs; a failed check is low confidence', () => {
    const text = 'Graag naar NL91 ABNA 0417 1643 00 t.n.v. X, of nl44rabo0123456789; oud: NL10RABO0123456789. BSN 111222333.';
    const found = findIbans(text);
    expect(found.map((m) => [m.text, m.confidence])).toEqual([
      ['NL91 ABNA 0417 1643 00', 'high'], ['nl44rabo0123456789', 'high'], ['NL10RABO0123456789', 'low'],
    ]);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('does not match an IBAN inside a longer token or across lines', () => {
    expect(findIbans('XNL91ABNA0417164300 NL91ABNA04171643001')).toEqual([]);
    expect(findIbans('NL91 ABNA\n0417 1643 00')).toEqual([]);
  });
});
