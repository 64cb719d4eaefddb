import { z } from 'zod';
import { normalize } from '../keyed/canonicalize.js';
import { FIRST_NAMES, LAST_NAMES } from './data/dutch-words.js';
import { defineMasker } from './masker.js';
import { pick } from './pick.js';

/** RFC 2606 / 6761 names that can never deliver mail to a real person. */
const RESERVED = /^(?:example\.(?:com|org|net)|(?:[a-z0-9-]+\.)*(?:test|example|invalid))$/i;

/** Placeholder e-mail masker: fake name plus keyed suffix at a reserved domain. */
export const email = defineMasker({
  name: 'email',
  summary: 'E-mail "voornaam.achternaam.<keyed suffix>@example.com"; the domain must be a reserved one.',
  params: z
    .object({
      domain: z
        .string()
        .regex(RESERVED, { error: 'domain must be reserved: example.com/.org/.net or a *.test, *.example or *.invalid name' })
        .default('example.com'),
    })
    .strict(),
  columnKinds: ['text'],
  preservesUniqueness: true,
  outputMayEqualInput: false,
  create: (params, ctx) => (value) => {
    // Keyed on the exact address: a unique column may hold "A@x.nl" and "a@x.nl" as two rows.
    const st = ctx.prf.stream('maskgate/email/v1', normalize(value));
    const first = pick(st, FIRST_NAMES).toLowerCase().normalize('NFD').replace(/[^a-z]/g, '');
    const last = pick(st, LAST_NAMES).toLowerCase();
    // 64 keyed bits make a collision on a unique column vanishingly rare (~3e-8 at a million rows).
    // Fixed width (7 base-36 digits per uint32), so the suffix is injective in the drawn bits.
    const suffix = st.nextUint32().toString(36).padStart(7, '0') + st.nextUint32().toString(36).padStart(7, '0');
    return `${first}.${last}.${suffix}@${params.domain}`;
  },
});
