import { z } from 'zod';
import { normalize } from '../keyed/canonicalize.js';
import { FIRST_NAMES, LAST_NAMES, TUSSENVOEGSELS } from './data/dutch-words.js';
import { defineMasker } from './masker.js';
import { pick, unlike } from './pick.js';

/** Placeholder full-name masker: "first [tussenvoegsel] last" keyed on the whole name. */
export const fullName = defineMasker({
  name: 'full_name',
  summary: 'Full Dutch name "Voornaam [tussenvoegsel] Achternaam" chosen by the keyed PRF.',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (_p, ctx) => (value) => {
    const st = ctx.prf.stream('maskgate/nl-full-name/v1', normalize(value).toLowerCase());
    return unlike(value, () => {
      const tv = st.uniform(4) === 0 ? `${pick(st, TUSSENVOEGSELS)} ` : '';
      return `${pick(st, FIRST_NAMES)} ${tv}${pick(st, LAST_NAMES)}`;
    });
  },
});
