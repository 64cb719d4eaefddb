import { z } from 'zod';
import { MaskgateError } from '../errors.js';
import { bsnCanonical, compact } from '../keyed/canonicalize.js';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import { defineMasker } from './masker.js';

const LABEL = 'maskgate/nl-bsn/test-block/v1';
/** dutch-pii.md §1.8: fail closed above half of the 909,090 values in the 00-block. */
const CAPACITY = 454_545;

/** Run-scoped assignment of 00-block BSNs: same input → same fake, distinct inputs → distinct fakes. */
interface TestBlockPool {
  readonly byInput: Map<string, string>;
  readonly owner: Set<string>;
}

/** dutch-pii.md §1.8 mode A: elfproef-valid candidates in 000000001–009999999 from the keyed stream. */
function assignTestBlock(prf: KeyedPrf, pool: TestBlockPool, canon: string): string {
  const known = pool.byInput.get(canon);
  if (known !== undefined) return known;
  if (pool.byInput.size >= CAPACITY) {
    throw new MaskgateError('MASKER_FAILED', 'The bsn masker ran out of test-block values (more than 454,545 distinct BSNs).', {}, 'Use a BSN mode with more room once available (issue 3: format-preserving).');
  }
  const st = prf.stream(LABEL, canon);
  for (;;) {
    const u = st.nextUint32();
    if (u >= 4_294_000_000) continue;
    const m = u % 1_000_000;
    if (m === 0) continue;
    const six = String(m).padStart(6, '0');
    let r = 0;
    for (let i = 0; i < 6; i++) r += (7 - i) * (six.charCodeAt(i) - 48);
    r %= 11;
    if (r === 10) continue;
    const cand = `00${six}${r}`;
    if (pool.owner.has(cand)) continue;
    pool.owner.add(cand);
    pool.byInput.set(canon, cand);
    return cand;
  }
}

/** Re-applies the input's notation (separators, or integer form) to a 9-digit BSN. */
function inNotation(input: string, bsn9: string, integer: boolean): string {
  if (integer) return String(Number(bsn9));
  const t = input.trim();
  let m = /^\d{4}([ .-])\d{2}\1\d{3}$/.exec(t);
  if (m) return `${bsn9.slice(0, 4)}${m[1]}${bsn9.slice(4, 6)}${m[1]}${bsn9.slice(6)}`;
  m = /^\d{3}([ .-])\d{3}\1\d{3}$/.exec(t);
  if (m) return `${bsn9.slice(0, 3)}${m[1]}${bsn9.slice(3, 6)}${m[1]}${bsn9.slice(6)}`;
  m = /^\d{2}([ .-])\d{2}\1\d{2}\1\d{3}$/.exec(t);
  if (m) return [bsn9.slice(0, 2), bsn9.slice(2, 4), bsn9.slice(4, 6), bsn9.slice(6)].join(m[1]);
  return bsn9;
}

/** BSN masker, mode `test-block` (dutch-pii.md §1.8 A); the other modes arrive with issue 3. */
export const bsn = defineMasker({
  name: 'bsn',
  summary: 'Elfproef-valid fake BSN from the never-issued 00-block, unique and consistent across tables; keeps notation.',
  params: z.object({ mode: z.literal('test-block').default('test-block') }).strict(),
  columnKinds: ['text', 'integer', 'numeric'],
  preservesUniqueness: true,
  outputMayEqualInput: false,
  create: (_params, ctx) => {
    const pool = ctx.shared<TestBlockPool>(LABEL, () => ({ byInput: new Map(), owner: new Set() }));
    const integer = ctx.column.kind === 'integer' || ctx.column.kind === 'numeric';
    // A value that is not a BSN is still masked (never passed through), keyed on its compact form.
    return (value) => inNotation(value, assignTestBlock(ctx.prf, pool, bsnCanonical(value) ?? compact(value)), integer);
  },
});
