import { maxLengthOf } from '../db/table-info.js';
import { normalize } from '../keyed/canonicalize.js';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import { assertUnlike, edges, fitted } from './first-name.js';
import type { MaskerContext, MaskFn } from './masker.js';

/**
 * The `create` of maskers that replace a whole value (street, city, address): blank stays '', the
 * value's edge whitespace is kept, the fake is fitted to the column, and it is never the input.
 * `fakeOf` gets the normalised value, the room left for it, and the trimmed value as written
 * (for parsers that keep the input's own spacing).
 */
export function wholeValue(name: string, fakeOf: (prf: KeyedPrf, normalized: string, room: number, trimmed: string) => string): (params: unknown, ctx: MaskerContext) => MaskFn {
  return (_params, ctx) => {
    const maxLen = maxLengthOf(ctx.column);
    return (value) => {
      const v = normalize(value);
      if (v === '') return '';
      const [lead, trail] = edges(value);
      return assertUnlike(name, value, fitted(lead, fakeOf(ctx.prf, v, maxLen - lead.length - trail.length, value.trim()), trail, maxLen));
    };
  };
}
