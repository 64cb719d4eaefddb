import { z } from 'zod';
import { normalize } from '../keyed/canonicalize.js';
import { PREFIXED_SURNAMES } from './data/dutch-surnames.js';
import { WORDLIST_VERSION } from './data/dutch-words.js';
import { columnName, edges, memoByValue } from './first-name.js';
import { fakeSurnamePair, leadingTussenvoegsel, styleTussenvoegsel } from './last-name.js';
import { defineMasker } from './masker.js';

/** PRF label of a tussenvoegsel masked without its surname. */
const TUSSENVOEGSEL_LABEL = `maskgate/nl-tussenvoegsel/${WORDLIST_VERSION}`;

/**
 * Surname prefix column ("van", "de", "van der"): empty stays empty, anything else becomes a fake
 * tussenvoegsel. With `last_name` (the surname column of the same row) the fake is the one that
 * belongs to the fake surname that last_name writes for that row, because both draw the same
 * (tussenvoegsel, surname) pair keyed on "tussenvoegsel surname".
 */
export const tussenvoegsel = defineMasker({
  name: 'tussenvoegsel',
  input: 'tussenvoegsel',
  summary: 'Dutch surname prefix ("van", "de", "van der", …) by the keyed PRF; empty stays empty; pairs with last_name through the `last_name` option.',
  params: z.object({
    /** Surname column of the same row; give last_name the matching `tussenvoegsel` option. */
    last_name: columnName.optional(),
  }).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  usesRowContext: true,
  // About a dozen common prefixes: an equal output is expected by chance and reveals nothing alone.
  outputMayEqualInput: true,
  referencedColumns: (p) => [p.last_name],
  create: (p, ctx) => {
    const alone = (v: string): string =>
      PREFIXED_SURNAMES[ctx.prf.stream(TUSSENVOEGSEL_LABEL, v.toLowerCase()).uniform(PREFIXED_SURNAMES.length)]![0];
    const finish = (value: string, v: string, fake: string): string => {
      const [lead, trail] = edges(value);
      return lead + styleTussenvoegsel(v, fake) + trail;
    };
    if (p.last_name === undefined) {
      return memoByValue((value) => {
        const v = normalize(value);
        return v === '' ? '' : finish(value, v, alone(v));
      });
    }
    const column = p.last_name;
    return (value, row) => {
      const v = normalize(value);
      if (v === '') return '';
      const surname = row.get(column);
      const s = surname === null ? '' : normalize(surname).toLowerCase();
      if (s === '') return finish(value, v, alone(v));
      // A surname column that carries its own prefix is keyed the way last_name keys it.
      const n = leadingTussenvoegsel(s);
      const core = n > 0 ? s.slice(n + 1) : s;
      return finish(value, v, fakeSurnamePair(ctx.prf, v.toLowerCase(), core)[0]);
    };
  },
});
