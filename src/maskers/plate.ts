import { z } from 'zod';
import { compact } from '../keyed/canonicalize.js';
import { defineMasker } from './masker.js';
import { unlike } from './pick.js';

const FIRST = 'GHJKNPRSXZ';
const REST = 'BDFGHJKLNPRSTVXZ';
const BLACKLIST = /SS|SD|SA|SP|GVD|KKK|KVT|LPF|NSB|PKK|PSV|TBS|PVV|SGP|VVD|BBB|FVD/;

/** Placeholder kenteken masker: dutch-pii.md §2.3 mode `current` (sidecode 11), keeping dash style. */
export const plate = defineMasker({
  name: 'plate',
  summary: 'Dutch licence plate in current sidecode 11 (XXX-99-X), keyed; keeps dashed or compact style.',
  params: z.object({}).strict(),
  columnKinds: ['text'],
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (_p, ctx) => (value) => {
    const st = ctx.prf.stream('maskgate/nl-kenteken/v1', compact(value));
    const sep = /[- ]/.exec(value.trim())?.[0];
    return unlike(value, () => {
      let letters: string;
      do letters = FIRST[st.uniform(FIRST.length)]! + REST[st.uniform(REST.length)]! + REST[st.uniform(REST.length)]!;
      while (BLACKLIST.test(letters));
      const last = REST[st.uniform(REST.length)]!;
      const nn = String(1 + st.uniform(99)).padStart(2, '0');
      return sep ? `${letters}${sep}${nn}${sep}${last}` : `${letters}${nn}${last}`;
    });
  },
});
