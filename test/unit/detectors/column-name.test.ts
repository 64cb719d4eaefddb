import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { classifyColumnName, nameTokens } from '../../../src/detectors/column-name.js';

describe('classifyColumnName (dutch-pii.md §0.4 L2)', () => {
  it.each([
    ['bsn', 'bsn'], ['BSN', 'bsn'], ['klant_bsn', 'bsn'], ['burgerServiceNummer', 'bsn'], ['sofi_nr', 'bsn'],
    ['kenteken', 'plate'], ['license_plate', 'plate'], ['iban', 'iban'], ['tegenrekening', 'iban'],
    ['postcode', 'postcode'], ['zipCode', 'postcode'], ['telefoon', 'phone'], ['mobiel_2', 'phone'], ['e_mail', 'email'], ['emailAdres', 'email'],
    ['geboortedatum', 'birth_date'], ['geboorteDatum', 'birth_date'], ['geb_datum', 'birth_date'], ['date_of_birth', 'birth_date'],
    ['voornaam', 'name'], ['diploma_naam', 'education'], ['huis_nr', 'address'], ['woonplaats', 'address'],
    ['nationaliteit', 'nationality'], ['national_id', 'bsn'], ['opleidingsniveau', 'education'], ['ao_perc', 'special-category'], ['religie', 'special-category'],
  ])('%s → %s', (name, cls) => {
    expect(classifyColumnName(name)).toBe(cls);
  });

  it.each(['id', 'aanvrager_id', 'aangemaakt_op', 'status', 'bedrijfsnaam', 'instelling', 'land', 'jaar', 'geslacht', 'hotel', 'totaal', 'diploma_id', 'klant_key', 'adresId'])('%s names no personal data', (name) => {
    expect(classifyColumnName(name)).toBeNull();
  });

  it('splits on separators, digits and camelCase', () => {
    expect(nameTokens('geboorteDatum_2-x')).toEqual(['geboorte', 'datum', 'x']);
  });

  test.prop([fc.stringMatching(/^[a-z]{1,12}$/)])('a token inside a longer word never matches (only whole tokens do)', (w) => {
    // "x" + word + "x" is one token, so it only classifies if the whole thing is a listed entry.
    const name = `q${w}q`;
    expect(classifyColumnName(name)).toBeNull();
  });
});
