import { z } from 'zod';
import { maxLengthOf } from '../db/table-info.js';
import { MaskgateError } from '../errors.js';
import { defineMasker } from './masker.js';

/** Two lowercase hex digits per byte value; toString(16) + padStart per word was a large share of this masker's time. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Keyed HMAC of the value, rendered as hex: a stable pseudonym that joins across tables. */
export const hash = defineMasker({
  name: 'hash',
  summary: 'Keyed HMAC-SHA256 of the value as hex (not a plain hash): { mask: hash, length: 16, prefix: "" }.',
  params: z
    .object({
      // 16 hex digits = 64 bits: below that, distinct inputs collide at realistic table sizes.
      length: z.number().int().min(16).max(64).default(16),
      prefix: z.string().max(32).default(''),
    })
    .strict(),
  columnKinds: ['text'],
  preservesUniqueness: true,
  outputMayEqualInput: false,
  create: (params, ctx) => {
    if (params.prefix.length + params.length > maxLengthOf(ctx.column)) {
      throw new MaskgateError('MASKER_FAILED', `The hash masker writes ${params.prefix.length + params.length} characters, more than ${ctx.column.sqlType} holds.`, { masker: 'hash' }, 'Set a shorter length or prefix.');
    }
    const words = Math.ceil(params.length / 8);
    return (value) => {
      const d = ctx.prf.block('maskgate/hash/v1', value, 0);
      let hex = '';
      for (let i = 0; i < words; i++) {
        const w = d[i]!;
        hex += HEX[w >>> 24]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;
      }
      return params.prefix + hex.slice(0, params.length);
    };
  },
});
