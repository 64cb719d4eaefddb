import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findNames } from '../../../src/detectors/name.js';
import { BARE_SURNAMES, PREFIXED_SURNAMES } from '../../../src/maskers/data/dutch-surnames.js';
import { FIRST_NAMES } from '../../../src/maskers/data/dutch-words.js';
import { maskerFor } from '../maskers/support.js';

const texts = (t: string, extra?: readonly string[]): string[] => findNames(t, extra).map((m) => m.text);

describe('findNames', () => {
  // Regression: after a rejected candidate starting with a character outside the BMP, the search
  // restarted inside its surrogate pair, at the same match, for ever.
  it('returns on text with astral-plane letters', () => {
    expect(findNames('x \u{1D4A5}z Bb')).toEqual([]);
    expect(findNames('5 \t \u{1D4A5}z BB9 en Jan de Vries')).toHaveLength(1);
  });

  it('finds the §4.5 example names', () => {
    const t = "Gesprek met dhr. J.P. van der Meer en Anne-Marie van 't Hof over Sanne in 't Veld.";
    const found = findNames(t);
    expect(found.map((m) => m.text)).toEqual(['dhr. J.P. van der Meer', "Anne-Marie van 't Hof", "Sanne in 't Veld"]);
    for (const m of found) expect(t.slice(m.start, m.end)).toBe(m.text);
  });

  it('finds a capitalised tussenvoegsel after a first name (§8 trap)', () => {
    expect(texts('Belde Jan Van der Berg gisteren?')).toEqual(['Jan Van der Berg']);
  });

  it('does not fire on a single first name or on capitalised non-names', () => {
    expect(findNames('Jan kwam langs.')).toEqual([]);
    expect(findNames('Dag Emma, tot morgen.')).toEqual([]);
    expect(findNames('Het Rijksmuseum en De Nederlandsche Bank')).toEqual([]);
    expect(findNames('')).toEqual([]);
  });

  it('finds a surname no list knows after an honorific, without the honorific', () => {
    const texts = (t: string): string[] => findNames(t).map((m) => m.text);
    expect(texts('Gebeld met mevr. Kartosen, BSN volgt.')).toEqual(['Kartosen']);
    expect(texts('Gesprek met de heer Van Dijk-Oosterhuis.')).toEqual(['Van Dijk-Oosterhuis']);
    expect(findNames('dhr. Kovalenko belde')[0]?.confidence).toBe('high');
  });

  it('takes particles of non-Dutch surnames as part of the name ("Emma El Amrani")', () => {
    expect(findNames('Emma El Amrani stuurt de lijst na.').map((m) => m.text)).toEqual(['Emma El Amrani']);
  });

  it('skips a capitalised word before the name ("Groeten Jan de Vries")', () => {
    expect(texts('Groeten Jan de Vries')).toEqual(['Jan de Vries']);
  });

  it('grades confidence: both parts listed high, one part low', () => {
    expect(findNames('met Jan Bakker')[0]!.confidence).toBe('high');
    expect(findNames('met Kees Zonneveld')[0]!.confidence).toBe('low');
    expect(findNames('met mevr. Xandra Zonneveld')[0]!.confidence).toBe('medium');
  });

  it('finds the given extra names case-insensitively as whole words, and keeps the longest overlap', () => {
    const t = 'Mail aan Xandra Quaak; xandra quaak belde. Quaakje niet, Quaak wel.';
    const found = findNames(t, ['Xandra Quaak', 'Quaak', ' ']);
    expect(found.map((m) => m.text)).toEqual(['Xandra Quaak', 'xandra quaak', 'Quaak']);
    expect(found.map((m) => m.confidence)).toEqual(['high', 'high', 'medium']);
  });

  const listed = fc
    .tuple(fc.constantFrom(...FIRST_NAMES), fc.constantFrom(...BARE_SURNAMES, ...PREFIXED_SURNAMES.map(([t, c]) => `${t} ${c}`)))
    .map(([f, l]) => `${f} ${l}`);

  test.prop([listed, fc.constantFrom('Vandaag sprak ik ', 'Contact: ', '')])('finds any listed first name + surname with high confidence', (name, before) => {
    const found = findNames(`${before}${name} over het dossier.`);
    expect(found).toHaveLength(1);
    expect(found[0]!.text).toBe(name);
    expect(found[0]!.confidence).toBe('high');
  });

  test.prop([listed])('finds what full_name writes, so a scrub of masked text stays detectable', (name) => {
    const fake = maskerFor('full_name').apply(name)!;
    expect(texts(`Gesprek met ${fake}.`)).toEqual([fake]);
  });

  test.prop([fc.string({ maxLength: 200 })])('returns in-bounds, ordered, non-overlapping matches for any text', (t) => {
    let end = 0;
    for (const m of findNames(t, ['ab'])) {
      expect(m.start).toBeGreaterThanOrEqual(end);
      expect(t.slice(m.start, m.end)).toBe(m.text);
      end = m.end;
    }
  });
});
