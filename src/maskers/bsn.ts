import { maxLengthOf } from '../db/table-info.js';
import { z } from 'zod';
import { isValidBsn } from '../detectors/bsn.js';
import { MaskgateError } from '../errors.js';
import { bsnCanonical, compact } from '../keyed/canonicalize.js';
import { formatPreservingMode } from './bsn-format-preserving.js';
import { invalidMode } from './bsn-invalid.js';
import { type BsnClass, bsnClassOf, inNotation } from './bsn-notation.js';
import { rvigTestMode } from './bsn-rvig-test.js';
import { testBlockMode } from './bsn-test-block.js';
import { RVIG_GENERAL_BSNS, RVIG_LEADING_ZERO_BSNS } from './data/rvig-test-bsns.js';
import { edges } from './first-name.js';
import { defineMasker, type MaskerContext } from './masker.js';

/** Every number mode rvig-test can write, for the verifier's range check. */
const RVIG_TEST_SET: ReadonlySet<string> = new Set([...RVIG_LEADING_ZERO_BSNS, ...RVIG_GENERAL_BSNS]);

/** The modes of dutch-pii.md §1.8, A to D. */
export const BSN_MODES = ['test-block', 'rvig-test', 'format-preserving', 'invalid'] as const;

const NINE_DIGITS = /^\d{9}$/;

/** The key a value is masked under: its canonical 9 digits when it has 8 or 9, else its compact form (§0.2). */
function canonicalOf(value: string): string {
  if (NINE_DIGITS.test(value)) return value;
  // Fast path for the §1.3 notations: ASCII digits and the separators compact() removes give the
  // same key as bsnCanonical(), without its normalisation passes.
  let digits = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += value[i];
    else if (c !== 32 && c !== 46 && c !== 45 && c !== 47) return bsnCanonical(value) ?? compact(value);
  }
  if (digits.length === 9) return digits;
  if (digits.length === 8) return `0${digits}`;
  return bsnCanonical(value) ?? compact(value);
}

/** The per-mode map from a canonical input (and its class) to a canonical 9-digit fake. */
function generatorFor(mode: (typeof BSN_MODES)[number], ctx: MaskerContext): (canon: string, cls: BsnClass) => string {
  switch (mode) {
    case 'test-block':
      return testBlockMode(ctx);
    case 'rvig-test':
      return rvigTestMode(ctx);
    case 'invalid':
      return invalidMode(ctx);
    case 'format-preserving': {
      const fpe = formatPreservingMode(ctx);
      // The permutation covers every valid BSN, so no valid BSN is left over for a non-BSN input: one
      // would collide with the image of some BSN in a unique column. It gets a mode D value instead,
      // which no BSN maps to; it was not a BSN and stays none.
      const invalid = invalidMode(ctx);
      return (canon, cls) => (isValidBsn(canon) ? fpe(canon) : invalid(canon, cls));
    }
  }
}

/** BSN masker with the four modes of dutch-pii.md §1.8; the output keeps the input's notation. */
export const bsn = defineMasker({
  name: 'bsn',
  input: 'bsn',
  // Every mode writes 9-digit numbers, which may equal a source BSN (format-preserving, rvig-test; the
  // 00-block only when the source itself holds test numbers) or a mobile number stored without its 0.
  coincidesWith: () => ['bsn', 'phone'],
  summary: 'Fake BSN, consistent across tables, unique on unique columns, in the input\'s notation. Modes: test-block (elfproef-valid, never-issued 00-block; default), rvig-test (RvIG test numbers), format-preserving (keyed bijection on valid BSNs), invalid (never passes the elfproef).',
  params: z.object({ mode: z.enum(BSN_MODES).default('test-block') }).strict(),
  generatorRange: (p) => {
    // Digits only, re-padded: the notation and an integer column's lost zeros do not matter here.
    const digits = (out: string): string => out.replace(/\D/g, '').padStart(9, '0');
    switch (p.mode) {
      case 'test-block': return (out) => { const d = digits(out); return d.length === 9 && d.startsWith('00') && isValidBsn(d); };
      case 'rvig-test': return (out) => RVIG_TEST_SET.has(digits(out));
      case 'invalid': return (out) => !isValidBsn(digits(out));
      default: return null;
    }
  },
  columnKinds: ['text', 'integer', 'numeric'],
  preservesUniqueness: true,
  outputMayEqualInput: false,
  create: (params, ctx) => {
    const integer = ctx.column.kind === 'integer' || ctx.column.kind === 'numeric';
    const maxLength = integer ? Infinity : maxLengthOf(ctx.column);
    if (maxLength < 8) {
      throw new MaskgateError('MASKER_FAILED', `The bsn masker cannot write a BSN into a column of ${maxLength} characters.`, { masker: 'bsn' }, 'A BSN needs 8 or 9 characters (more with separators); mask this column with another rule.');
    }
    // A value that is no BSN at all gets a fake that fits: 9 digits, or 8 in a column of 8.
    const fallback: BsnClass = maxLength >= 9 ? 2 : 1;
    const generate = generatorFor(params.mode, ctx);
    return (value) => {
      if (value.length === 0 || (value.charCodeAt(0) <= 32 && value.trim() === '')) return '';
      // An integer column lost the leading zeros (§0.2 step 4): 12 is BSN 000000012.
      const canon = canonicalOf(integer ? value.trim().padStart(9, '0') : value);
      const fake = generate(canon, bsnClassOf(canon, fallback));
      const out = inNotation(value, fake, integer);
      // Surrounding whitespace is kept where it fits, so " 111222333" and "111222333" (two values
      // of a unique text column) stay two values.
      if (!integer) {
        const [lead, trail] = edges(value);
        if (lead.length + out.length + trail.length <= maxLength) return lead + out + trail;
      }
      if (out.length <= maxLength) return out;
      if (fake.length <= maxLength) return fake;
      if (fake.charCodeAt(0) === 48) return fake.slice(1);
      throw new MaskgateError('MASKER_FAILED', `The bsn masker produced a fake longer than the column's ${maxLength} characters.`, { masker: 'bsn' });
    };
  },
});
