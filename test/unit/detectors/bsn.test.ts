import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { BSN_CELL, bsnCheckDigit, bsnRemainder, findBsns, isBsnCell, isOnderwijsnummer, isValidBsn } from '../../../src/detectors/bsn.js';
import { bsnCanonical, isBsn } from '../../../src/keyed/canonicalize.js';

/** Independent elfproef (dutch-pii.md §1.2), written from the spec, not from src. */
function weightedSum(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(nine[i]);
  return sum - Number(nine[8]);
}
const oracle = (raw: string): boolean => {
  const s = raw.trim().replace(/[ .-]/g, '');
  if (!/^\d{8,9}$/.test(s)) return false;
  const c = s.padStart(9, '0');
  return c !== '000000000' && ((weightedSum(c) % 11) + 11) % 11 === 0;
};

describe('isValidBsn: dutch-pii.md §1.9 examples', () => {
  const valid: [string, number][] = [
    ['999990019', 308], ['999993653', 352], ['000000012', 0], ['249566758', 220],
    ['12345672', 110], ['1112.22.333', 66], ['12-34-56-782', 154],
  ];
  for (const [raw, sum] of valid) {
    it(`${raw} is valid with weighted sum ${sum}`, () => {
      const c = bsnCanonical(raw)!;
      expect(weightedSum(c)).toBe(sum);
      expect(isValidBsn(c)).toBe(true);
      expect(isBsn(raw)).toBe(true);
      expect(isBsnCell(raw)).toBe(true);
    });
  }

  const invalid = ['123456789', '111222334', '999998620', '000000000', '1234567890', '12345678', '1234.56-782', '101222331'];
  for (const raw of invalid) {
    it(`${raw} is not a BSN cell`, () => {
      expect(isBsnCell(raw)).toBe(false);
    });
  }

  it('the invalid examples fail for the reason §1.9 gives', () => {
    expect(weightedSum('123456789') % 11).toBe(4);
    expect(weightedSum('111222334') % 11).toBe(10);
    expect(weightedSum('999998620') % 11).toBe(6);
    expect(isValidBsn('000000000')).toBe(false);
    expect(isValidBsn('00000000')).toBe(false);
    expect(isValidBsn('1234567890')).toBe(false);
    expect(isValidBsn('12345678')).toBe(false);
    expect(bsnRemainder('012345678')).toBe(5);
    expect(isOnderwijsnummer('012345678')).toBe(false);
    expect(isValidBsn('101222331')).toBe(false);
    expect(bsnRemainder('101222331')).toBe(5);
    expect(isOnderwijsnummer('101222331')).toBe(true);
  });

  it('applies the padding rule: 8 digits are the BSN with a leading zero (§1.1)', () => {
    expect(isValidBsn('12345672')).toBe(true);
    expect(isValidBsn('012345672')).toBe(true);
    expect(isValidBsn('1234567')).toBe(false);
    expect(isValidBsn('12 345 672')).toBe(false);
  });

  test.prop([fc.integer({ min: 0, max: 99_999_999 })])('bsnCheckDigit agrees with a search over the ten digits', (p) => {
    const prefix = String(p).padStart(8, '0');
    const digits = [...'0123456789'].filter((d) => ((weightedSum(prefix + d) % 11) + 11) % 11 === 0);
    const d = bsnCheckDigit(p);
    if (d < 0) expect(digits).toEqual([]);
    else expect(digits).toEqual([String(d)]);
  });

  test.prop([fc.oneof(fc.stringMatching(/^\d{8,9}$/), fc.stringMatching(/^\d{3}[ .-]\d{3}[ .-]\d{3}$/), fc.string({ maxLength: 12 }))])(
    'isBsn (canonicalize.ts, now delegating) agrees with an independent elfproef',
    (raw) => {
      expect(isBsn(raw)).toBe(oracle(raw));
    },
  );
});

describe('BSN_CELL (§1.3 verified behaviour)', () => {
  it('accepts the §1.3 notations and rejects mixed separators and wrong groupings', () => {
    for (const s of ['123456782', '1234.56.782', '123 456 782', '12-34-56-782', '12345672', ' 123456782 ']) expect(BSN_CELL.test(s), s).toBe(true);
    for (const s of ['1234.56-782', '12 345 6782', '1234567890', '1234567']) expect(BSN_CELL.test(s), s).toBe(false);
  });
});

describe('findBsns: free text with §1.6 context', () => {
  it('finds only 1112.22.333 and 999 990 019 in the §1.3 sample, both with a keyword', () => {
    const text = 'Mijn BSN is 1112.22.333, tel 06-12345678, ordernr 123456789012, IBAN NL91ABNA0417164300, bsn: 999 990 019.';
    const found = findBsns(text);
    expect(found.map((m) => m.text)).toEqual(['1112.22.333', '999 990 019']);
    expect(found.map((m) => m.confidence)).toEqual(['high', 'high']);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('rates a bare 9-digit number without context low, and the dotted 4-2-3 notation medium', () => {
    expect(findBsns('Referentie 249566758 graag vermelden')).toEqual([{ start: 11, end: 20, text: '249566758', confidence: 'low' }]);
    expect(findBsns('Onder 2495.66.758 bekend')[0]?.confidence).toBe('medium');
  });

  it('rates keyword hits high, medium when a negative cue is nearer, low with only a negative cue', () => {
    expect(findBsns('burgerservicenummer: 249566758')[0]?.confidence).toBe('high');
    expect(findBsns('sofinummer 249 566 758')[0]?.confidence).toBe('high');
    expect(findBsns('B.S.N. 249566758')[0]?.confidence).toBe('high');
    expect(findBsns('Persoonsnummer 249566758')[0]?.confidence).toBe('high');
    expect(findBsns('bsn en verder het RSIN 249566758')[0]?.confidence).toBe('medium');
    expect(findBsns('RSIN 249566758')[0]?.confidence).toBe('low');
    expect(findBsns('KvK-factuur 249566758')[0]?.confidence).toBe('low');
  });

  it('never reports numbers that fail the elfproef, onderwijsnummers included', () => {
    expect(findBsns('BSN 123456789')).toEqual([]);
    expect(findBsns('BSN 111222334')).toEqual([]);
    expect(findBsns('onderwijsnummer / bsn 101222331')).toEqual([]);
    expect(findBsns('BSN 1234.56-782')).toEqual([]);
  });

  it('does not match inside longer numbers, words or decimals', () => {
    expect(findBsns('bsn 1249566758')).toEqual([]);
    expect(findBsns('bsn X249566758')).toEqual([]);
    expect(findBsns('bsn 249566758.5')).toEqual([]);
    expect(findBsns('bsn 3.249566758')).toEqual([]);
  });

  it('reports an 8-digit number only with a keyword right before it (§1.6 dates jjjjmmdd)', () => {
    // 19500117 padded to 019500117 passes the elfproef: a date, not a BSN, without a keyword.
    expect(oracle('19500117')).toBe(true);
    expect(findBsns('geboren 19500117 te Utrecht')).toEqual([]);
    expect(findBsns('12345672')).toEqual([]);
    expect(findBsns('BSN: 12345672')).toEqual([{ start: 5, end: 13, text: '12345672', confidence: 'high' }]);
    expect(findBsns('bsn is 12345672')).toHaveLength(1);
    expect(findBsns('bsn staat hieronder in het dossier vermeld 12345672')).toEqual([]);
    expect(findBsns('BSN: 12345678')).toEqual([]);
  });

  it('reports the BSN inside an old btw-nummer (§1.7), medium since it may be an RSIN', () => {
    const text = 'btw NL249566758B01 op de factuur';
    const found = findBsns(text);
    expect(found).toEqual([{ start: 6, end: 15, text: '249566758', confidence: 'medium' }]);
    expect(findBsns('NL123456789B01')).toEqual([]);
  });

  test.prop([fc.string({ maxLength: 80 }), fc.integer({ min: 10_000_000, max: 99_999_999 }), fc.string({ maxLength: 80 })])(
    'every match is the exact text at its offsets and an elfproef-valid number',
    (before, p, after) => {
      const d = bsnCheckDigit(p);
      fc.pre(d >= 0);
      const text = `${before} bsn ${p}${d} ${after}`;
      const found = findBsns(text);
      expect(found.some((m) => m.text === `${p}${d}`)).toBe(true);
      for (const m of found) {
        expect(text.slice(m.start, m.end)).toBe(m.text);
        expect(oracle(m.text)).toBe(true);
      }
    },
  );
});
