import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identifierCandidates, LEAK_TAGS, nameCandidates, phoneCanon, sourceCanon } from '../../../src/verify/leak-tokens.js';

const candidates = (v: string, integer: false | 'any' | 'long' = false): string[] => {
  const out: string[] = [];
  identifierCandidates(v, (tag, canon) => out.push(`${tag}:${canon}`), integer);
  return out;
};

describe('L5 canonical forms and candidates', () => {
  it('finds a BSN in every notation the source canonical form matches', () => {
    // Fictional RvIG test number.
    const canon = `${LEAK_TAGS.bsn}:${sourceCanon('bsn', '999996836')}`;
    fc.assert(fc.property(fc.constantFrom('999996836', '9999.96.836', '999 996 836', '9999-96-836'), fc.constantFrom('', 'zie ', 'dossier: '), fc.constantFrom('', ' gekoppeld', '.'), (n, pre, post) => {
      expect(candidates(`${pre}${n}${post}`)).toContain(canon);
    }));
  });

  it('re-pads integers: any length in a plain column, only the one lost zero in a key column', () => {
    expect(candidates('1236', 'any')).toContain(`${LEAK_TAGS.bsn}:000001236`);
    expect(candidates('12', 'long')).not.toContain(`${LEAK_TAGS.bsn}:000000012`);
    expect(candidates('12345672', 'long')).toContain(`${LEAK_TAGS.bsn}:012345672`);
  });

  it('gives one phone canon for every notation of one number', () => {
    for (const n of ['06-12345678', '+31 6 12345678', '0031612345678', '612345678', '06 1234 5678']) expect(phoneCanon(n)).toBe('612345678');
    expect(candidates('bel +31 6 1234 5678 terug')).toContain(`${LEAK_TAGS.phone}:612345678`);
  });

  it('finds e-mail addresses in tsvectors and JSON, and IBANs written in groups', () => {
    expect(candidates("'kees':1 'kees.celik@voorbeeldmail.nl':2")).toContain(`${LEAK_TAGS.email}:kees.celik@voorbeeldmail.nl`);
    expect(candidates('{"mail": "Kees.Celik@Voorbeeldmail.nl"}')).toContain(`${LEAK_TAGS.email}:kees.celik@voorbeeldmail.nl`);
    expect(candidates('rekening NL91 ABNA 0417 1643 00 gewijzigd')).toContain(`${LEAK_TAGS.iban}:NL91ABNA0417164300`);
  });

  it('offers names as windows from a capital or an initial, diacritics dropped', () => {
    const seen: string[] = [];
    nameCandidates('Gesprek met Kees Çelik en J. de Vries', (c) => seen.push(c));
    expect(seen).toEqual(expect.arrayContaining(['kees celik', 'j de vries']));
    expect(sourceCanon('name', 'Kees Celik')).toBe('kees celik');
    // Prose: lower-case words start no window. Text without any capital (a search key) may hold a name anywhere.
    const prose: string[] = [];
    nameCandidates('Gesprek met de aanvrager', (c) => prose.push(c));
    expect(prose.length).toBeGreaterThan(0);
    expect(prose.every((c) => c.startsWith('gesprek '))).toBe(true);
    const key: string[] = [];
    nameCandidates('kees çelik 3404vg', (c) => key.push(c));
    expect(key).toContain('kees celik');
  });
});
