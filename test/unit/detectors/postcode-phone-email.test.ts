import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findEmails, isReservedEmailDomain, isValidEmail } from '../../../src/detectors/email.js';
import { findPhones, isValidDutchPhone, nlNsn, parseDutchPhone, phoneTypeOfPrefix, TWO_DIGIT_AREA_CODES } from '../../../src/detectors/phone.js';
import { findPostcodes, isValidPc4, isValidPostcode, POSTCODE_LETTER_PAIRS } from '../../../src/detectors/postcode.js';

describe('postcode detector (dutch-pii.md §4.1)', () => {
  it('accepts the §4.1 valid examples', () => {
    for (const v of ['1011 AB', '2601DC', '9999 XL', '3512 JE', '1000 AA', '2611 ET', ' 1011 ab ', 'NL-1011 AB']) {
      expect(isValidPostcode(v), v).toBe(true);
    }
  });

  it('rejects the §4.1 invalid examples', () => {
    for (const v of ['0123 AB', '1234 SS', '1234 SA', '1234 SD', '12345 AB', '1234 A B', '', 'Kerkstraat 1']) {
      expect(isValidPostcode(v), v).toBe(false);
    }
  });

  it('has 673 allowed letter pairs, F I O Q U Y included, SA SD SS excluded', () => {
    expect(POSTCODE_LETTER_PAIRS).toHaveLength(673);
    expect(POSTCODE_LETTER_PAIRS).toEqual(expect.arrayContaining(['FI', 'OQ', 'UY', 'SB', 'AS']));
    expect(POSTCODE_LETTER_PAIRS).not.toEqual(expect.arrayContaining(['SA']));
    expect(POSTCODE_LETTER_PAIRS.filter((p) => ['SA', 'SD', 'SS'].includes(p))).toEqual([]);
  });

  it('checks PC4', () => {
    expect(isValidPc4('1234')).toBe(true);
    expect(isValidPc4('0123')).toBe(false);
    expect(isValidPc4('12345')).toBe(false);
  });

  it('finds postcodes in text with confidence by notation, not inside longer tokens', () => {
    const text = 'Adres: Kerkstraat 1, 1011 AB Amsterdam; post naar 2601DC. Niet: X1234AB, 1234 SS, 12345 AB, 1234 ab.';
    const found = findPostcodes(text);
    expect(found.map((m) => [m.text, m.confidence])).toEqual([['1011 AB', 'high'], ['2601DC', 'medium']]);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});

describe('phone detector (dutch-pii.md §4.2)', () => {
  it('parses the §4.2 valid examples with their type and NSN', () => {
    const cases: [string, string, string][] = [
      ['06-12345678', 'mobile', '612345678'],
      ['+31 6 12345678', 'mobile', '612345678'],
      ['+31 (0)20 123 4567', 'fixed', '201234567'],
      ['(0111) 123456', 'fixed', '111123456'],
      ['0031 85 123 4567', 'voip', '851234567'],
      ['010 123 45 67', 'fixed', '101234567'],
      ['088-1234567', 'business', '881234567'],
      ['066-1234567', 'pager', '661234567'],
      ['0800-1234', 'toll-free', '8001234'],
      ['0900 123 4567', 'premium', '9001234567'],
      ['097012345678', 'm2m', '97012345678'],
      ['084-1234567', 'personal-assistant', '841234567'],
    ];
    for (const [raw, type, nsn] of cases) expect(parseDutchPhone(raw), raw).toMatchObject({ type, nsn });
  });

  it('gives area codes of 2 or 3 digits', () => {
    expect(parseDutchPhone('020-1234567')!.areaCode).toBe('20');
    expect(parseDutchPhone('0111-123456')!.areaCode).toBe('111');
    expect(parseDutchPhone('0591-123456')!.areaCode).toBe('591');
    expect(TWO_DIGIT_AREA_CODES.size).toBe(30);
  });

  it('rejects the §4.2 invalid examples', () => {
    for (const v of ['06-02345678', '020-123456', '+31 6 1234567', '0901234567', '+32 2 123 45 67', '06-91234567', '012345672', 'onbekend', '']) {
      expect(isValidDutchPhone(v), v).toBe(false);
    }
  });

  it('classifies by prefix alone for odd lengths', () => {
    expect(phoneTypeOfPrefix('20123456712')).toBe('fixed');
    expect(phoneTypeOfPrefix('6123')).toBe('mobile');
    expect(phoneTypeOfPrefix('14020')).toBeNull();
    expect(phoneTypeOfPrefix('69123')).toBeNull();
  });

  it('nlNsn strips the "(0)" and separators', () => {
    expect(nlNsn('+31 (0)6-1234.5678')).toBe('612345678');
    expect(nlNsn('612345678')).toBeNull();
  });

  it('finds numbers in running text and nothing inside an IBAN', () => {
    const text = 'Bel 06-12345678 of +31 (0)20 123 4567, gratis 0800 1234. IBAN NL91ABNA0417164300, nr 012345672.';
    const found = findPhones(text);
    expect(found.map((m) => [m.text, m.type, m.confidence])).toEqual([
      ['06-12345678', 'mobile', 'high'],
      ['+31 (0)20 123 4567', 'fixed', 'medium'],
    ]);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});

describe('email detector (dutch-pii.md §4.3)', () => {
  it('validates the §4.3 examples', () => {
    for (const v of ['jan.devries@example.com', 'j.de.vries+test@example.org', 'pietje_puk@sub.example.net', 'info@gemeente.test', 'a@b.nl']) {
      expect(isValidEmail(v), v).toBe(true);
    }
    for (const v of ['jan@', '@example.com', 'jan..devries@example.com', 'jan devries@example.com', 'jan@example', 'jan@-example.com', '.jan@example.com']) {
      expect(isValidEmail(v), v).toBe(false);
    }
  });

  it('knows the reserved domains (RFC 2606 / 6761), case-insensitively', () => {
    for (const d of ['example.com', 'EXAMPLE.ORG', 'example.net', 'sub.example.net', 'gemeente.test', 'mail.example', 'x.invalid', 'jan@Example.Com']) {
      expect(isReservedEmailDomain(d), d).toBe(true);
    }
    for (const d of ['gmail.com', 'example.com.evil.nl', 'bedrijf.nl', 'test.nl', 'exampleXcom', 'test', 'example', 'myexample.com', 'jan@x.nl']) {
      expect(isReservedEmailDomain(d), d).toBe(false);
    }
  });

  it('finds addresses in text and marks which are on reserved domains', () => {
    const text = 'Mail jan.jansen@bedrijf.nl of (info@gemeente.test), niet jan..x@y.nl of jan@example.';
    const found = findEmails(text);
    expect(found.map((m) => [m.text, m.reservedDomain, m.confidence])).toEqual([
      ['jan.jansen@bedrijf.nl', false, 'high'],
      ['info@gemeente.test', true, 'high'],
    ]);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  test.prop([fc.emailAddress()])('findEmails finds a generated address standing alone in text', (addr) => {
    fc.pre(isValidEmail(addr));
    const found = findEmails(`contact: ${addr} .`);
    expect(found.map((m) => m.text)).toContain(addr);
  });
});
