import { z } from 'zod';
import { defineMasker } from './masker.js';

// Neutral filler words: no names, places, numbers or health terms, so that masked notes can never
// trigger a detector or be mistaken for real content.
const WORDS = [
  'de', 'het', 'een', 'en', 'van', 'met', 'voor', 'over', 'naar', 'bij', 'dossier', 'aanvraag',
  'gegevens', 'overleg', 'besproken', 'afgehandeld', 'ontvangen', 'gecontroleerd', 'verzoek',
  'document', 'reactie', 'volgt', 'later', 'nog', 'niet', 'wel', 'opnieuw', 'contact', 'gehad',
  'termijn', 'stukken', 'aangevuld', 'beoordeling', 'lopend', 'notitie', 'verwerkt', 'akkoord',
];

/** Replaces free text as a whole with neutral filler of similar length. */
export const text = defineMasker({
  name: 'text',
  summary: 'Replace free text as a whole with neutral filler text of similar length.',
  params: z.object({ maxLength: z.number().int().positive().optional() }).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (params, ctx) => (value) => {
    const target = Math.max(1, Math.min(value.length, params.maxLength ?? Infinity));
    const s = ctx.prf.stream('maskgate/text/v1', value);
    let out = '';
    while (out.length < target) {
      const w = WORDS[s.uniform(WORDS.length)]!;
      out = out ? `${out} ${w}` : w.charAt(0).toUpperCase() + w.slice(1);
    }
    out = out.slice(0, target);
    // A filler that happens to equal a short input would look like a leak; widen it instead.
    return out === value ? `${out}.` : out;
  },
});
