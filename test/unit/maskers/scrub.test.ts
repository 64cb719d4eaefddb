import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findBsns } from '../../../src/detectors/bsn.js';
import { findEmails } from '../../../src/detectors/email.js';
import { findIbans } from '../../../src/detectors/iban.js';
import { findPhones } from '../../../src/detectors/phone.js';
import { context, definition, maskerFor, row } from './support.js';

// Fictional values only: RvIG test BSNs (§1.4), an IBAN with a made-up account, reserved-looking names.
const NOTE = 'Mw. Jansen belde over BSN 9999.90.019; IBAN NL91 ABNA 0417 1643 00, mail sanne.jansen@voorbeeldmail.nl, tel. 06-12345678.';

/** The fake that the structured masker gives for `value` on a fresh context with the test key. */
function structured(name: string, value: string, params: Record<string, unknown> = {}): string {
  return maskerFor(name, params).apply(value) as string;
}

describe('scrub', () => {
  it('replaces each identifier with exactly the fake its structured masker gives', () => {
    const out = maskerFor('scrub').apply(NOTE) as string;
    expect(out).toContain(structured('bsn', '9999.90.019'));
    expect(out).toContain(structured('iban', 'NL91 ABNA 0417 1643 00'));
    expect(out).toContain(structured('email', 'sanne.jansen@voorbeeldmail.nl'));
    expect(out).toContain(structured('phone', '06-12345678'));
    for (const real of ['9999.90.019', 'NL91 ABNA 0417 1643 00', 'sanne.jansen@voorbeeldmail.nl', '06-12345678']) expect(out).not.toContain(real);
    // The text around the identifiers stays readable.
    expect(out).toMatch(/^Mw\. .* belde over BSN /);
  });

  it('uses the structured masker\'s options given per type, e.g. the BSN mode', () => {
    const out = maskerFor('scrub', { bsn: { mode: 'format-preserving' } }).apply('BSN 999990019') as string;
    expect(out).toBe(`BSN ${structured('bsn', '999990019', { mode: 'format-preserving' })}`);
  });

  it('finds the row\'s own names, whatever their case, and gives them the name columns\' fakes', () => {
    const m = maskerFor('scrub', { names: { voornaam: 'first_name', achternaam: 'last_name' } });
    const r = row('7', { voornaam: 'Sanne', achternaam: 'de Wit-Oosterhuis' });
    const out = m.mask('Gesprek met sanne De Wit-Oosterhuis over haar diploma.', r) as string;
    expect(out.toLowerCase()).not.toContain('sanne');
    expect(out.toLowerCase()).not.toContain('oosterhuis');
    expect(out).toContain(structured('first_name', 'sanne'));
    expect(out).toMatch(/^Gesprek met .+ over haar diploma\.$/);
  });

  it('replaces an e-mail address as a whole even when it contains the row\'s own name', () => {
    const m = maskerFor('scrub', { names: { voornaam: 'first_name', achternaam: 'last_name' } });
    const out = m.mask('Sanne mailt vanaf sanne.dewit@voorbeeldmail.nl.', row('1', { voornaam: 'Sanne', achternaam: 'de Wit' })) as string;
    expect(out).toContain(structured('email', 'sanne.dewit@voorbeeldmail.nl'));
    expect(out.toLowerCase()).not.toContain('dewit');
  });

  it('leaves text without identifiers as it is, and types listed in `except` too', () => {
    expect(maskerFor('scrub').apply('Aanvraag compleet, doorgezet naar beoordeling.')).toBe('Aanvraag compleet, doorgezet naar beoordeling.');
    expect(maskerFor('scrub', { except: ['phone'] }).apply('bel 06-12345678')).toBe('bel 06-12345678');
  });

  it('rejects unknown options and bad per-type options through the structured masker\'s schema', () => {
    const def = definition('scrub');
    expect(def.params.safeParse({ nope: 1 }).success).toBe(false);
    expect(def.params.safeParse({ bsn: { mode: 'random' } }).success).toBe(false);
    expect(def.params.safeParse({ names: { voornaam: 'email' } }).success).toBe(false);
  });

  it('gives the same fake as a BSN column in the same run (shared pool)', () => {
    const ctx = context();
    const bsnCol = definition('bsn').create(definition('bsn').params.parse({}) as never, ctx);
    const scrubCol = definition('scrub').create(definition('scrub').params.parse({}) as never, ctx);
    const r = row('1');
    // Scrub sees the BSN first, as it would in a table dumped before the persons table.
    const inNote = scrubCol('burgerservicenummer 999990019', r) as string;
    expect(inNote).toBe(`burgerservicenummer ${bsnCol('999990019', r)}`);
  });

  const pieces = fc.array(fc.constantFrom('Overleg', 'met', 'aanvrager', 'BSN 999990019', 'mail jan@voorbeeldmail.nl', 'IBAN NL91ABNA0417164300', 'tel 020-1234567', 'gisteren', 'afgerond'), { minLength: 1, maxLength: 8 });
  test.prop([pieces])('no detected identifier survives, and scrubbing is deterministic', (words) => {
    const text = words.join(' ');
    const a = maskerFor('scrub').apply(text) as string;
    expect(maskerFor('scrub').apply(text)).toBe(a);
    const originals = [...findBsns(text), ...findEmails(text), ...findIbans(text), ...findPhones(text)].map((m) => m.text);
    for (const o of originals) expect(a).not.toContain(o);
  });
});
