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
    throw new MaskgateError('MASKER_FAILED', 'The bsn masker ran out of test-block values (more than 454,545 distinct BSNs).', {}, 'Use { mask: bsn, mode: format-preserving } for tables with this many distinct BSNs.');
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
    // An input that is itself a 00-block value must not come out unchanged.
    if (pool.owner.has(cand) || cand === canon) continue;
    pool.owner.add(cand);
    pool.byInput.set(canon, cand);
    return cand;
  }
}

const FPE_LABEL = 'maskgate/nl-bsn/format-preserving/v1';

/** Check digit of an 8-digit prefix, or -1 when no valid BSN has this prefix (§1.2). */
function checkDigit(p: number): number {
  let sum = 0;
  for (let w = 2; w <= 9; w++) {
    sum += w * (p % 10);
    p = Math.floor(p / 10);
  }
  const r = sum % 11;
  return r === 10 ? -1 : r;
}

/** Whether an 8-digit prefix belongs to a valid BSN (not 000000000, and a check digit exists). */
const inS = (p: number): boolean => p !== 0 && checkDigit(p) >= 0;

/**
 * dutch-pii.md §1.8 mode C: a keyed 4-round Feistel permutation π of 8-digit prefixes, cycle-walked
 * onto the set S of prefixes that have a check digit. A bare π can map a BSN to itself (about once
 * in the whole domain, so a million-row table hits it now and then), and verification would rightly
 * refuse that. So the masker is f = π ∘ next ∘ π⁻¹, where `next` steps to the following prefix in S:
 * a conjugate of a single cycle, hence still a keyed bijection on valid BSNs, with no fixed point.
 * Stateless, so it scales to any table size; the output may be a stranger's real BSN.
 */
function formatPreserving(prf: KeyedPrf, rounds: Int32Array, canon: string): string {
  // Each round function has only 10^4 inputs, so all 4·10^4 values are computed once per run.
  const f = (round: number, half: number): number => {
    const i = round * 10_000 + half;
    let v = rounds[i]!;
    if (v < 0) v = rounds[i] = prf.stream(FPE_LABEL, `${round}|${half}`).uniform(10_000);
    return v;
  };
  const forward = (p: number): number => {
    do {
      let l = Math.floor(p / 10_000);
      let r = p % 10_000;
      for (let round = 0; round < 4; round++) [l, r] = [r, (l + f(round, r)) % 10_000];
      p = l * 10_000 + r;
    } while (!inS(p));
    return p;
  };
  const backward = (p: number): number => {
    do {
      let l = Math.floor(p / 10_000);
      let r = p % 10_000;
      for (let round = 3; round >= 0; round--) [l, r] = [(r - f(round, l) + 10_000) % 10_000, l];
      p = l * 10_000 + r;
    } while (!inS(p));
    return p;
  };
  let p: number;
  if (isCanonicalBsn(canon)) {
    p = backward(Math.floor(Number(canon) / 10));
    do p = (p + 1) % 100_000_000; while (!inS(p));
  } else {
    // A non-BSN input has no place in the permutation; it still gets a valid fake, never itself.
    p = prf.stream(`${FPE_LABEL}/non-bsn`, canon).uniform(100_000_000);
  }
  p = forward(p);
  return `${String(p).padStart(8, '0')}${checkDigit(p)}`;
}

/** The elfproef on a canonical 9-digit string (cheaper than isBsn, which canonicalises first). */
function isCanonicalBsn(c: string): boolean {
  if (c.length !== 9 || !NINE_DIGITS.test(c) || c === '000000000') return false;
  const p = Math.floor(Number(c) / 10);
  return checkDigit(p) === c.charCodeAt(8) - 48;
}

const NINE_DIGITS = /^\d{9}$/;

/** The key a BSN input is masked under: its canonical 9 digits, or the compact form of a non-BSN. */
function canonicalOf(value: string): string {
  return NINE_DIGITS.test(value) ? value : (bsnCanonical(value) ?? compact(value));
}

/** Re-applies the input's notation (separators, or integer form) to a 9-digit BSN. */
function inNotation(input: string, bsn9: string, integer: boolean): string {
  if (integer) return String(Number(bsn9));
  if (NINE_DIGITS.test(input)) return bsn9;
  const t = input.trim();
  let m = /^\d{4}([ .-])\d{2}\1\d{3}$/.exec(t);
  if (m) return `${bsn9.slice(0, 4)}${m[1]}${bsn9.slice(4, 6)}${m[1]}${bsn9.slice(6)}`;
  m = /^\d{3}([ .-])\d{3}\1\d{3}$/.exec(t);
  if (m) return `${bsn9.slice(0, 3)}${m[1]}${bsn9.slice(3, 6)}${m[1]}${bsn9.slice(6)}`;
  m = /^\d{2}([ .-])\d{2}\1\d{2}\1\d{3}$/.exec(t);
  if (m) return [bsn9.slice(0, 2), bsn9.slice(2, 4), bsn9.slice(4, 6), bsn9.slice(6)].join(m[1]);
  return bsn9;
}

/** BSN masker, modes `test-block` (§1.8 A, default) and `format-preserving` (§1.8 C). */
export const bsn = defineMasker({
  name: 'bsn',
  summary: 'Elfproef-valid fake BSN, unique and consistent across tables; keeps notation. Modes: test-block (never-issued 00-block, default), format-preserving.',
  params: z.object({ mode: z.enum(['test-block', 'format-preserving']).default('test-block') }).strict(),
  columnKinds: ['text', 'integer', 'numeric'],
  preservesUniqueness: true,
  outputMayEqualInput: false,
  create: (params, ctx) => {
    const integer = ctx.column.kind === 'integer' || ctx.column.kind === 'numeric';
    // An integer column lost the leading zeros (§0.2 step 4): 12 is BSN 000000012.
    const canonicalInput = integer ? (v: string) => canonicalOf(v.trim().padStart(9, '0')) : canonicalOf;
    if (params.mode === 'format-preserving') {
      const rounds = ctx.shared(FPE_LABEL, () => new Int32Array(40_000).fill(-1));
      return (value) => inNotation(value, formatPreserving(ctx.prf, rounds, canonicalInput(value)), integer);
    }
    const pool = ctx.shared<TestBlockPool>(LABEL, () => ({ byInput: new Map(), owner: new Set() }));
    // A value that is not a BSN is still masked (never passed through), keyed on its compact form.
    return (value) => inNotation(value, assignTestBlock(ctx.prf, pool, canonicalInput(value)), integer);
  },
});
