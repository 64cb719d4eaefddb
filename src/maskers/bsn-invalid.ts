import type { MaskerContext } from './masker.js';
import { type BsnClass, CLASS_HI, CLASS_LO } from './bsn-notation.js';
import { PrfStream } from '../keyed/keyed-prf.js';
import { type UniquePool, uniquePoolFor } from './unique-pool.js';

/** PRF label of dutch-pii.md §1.8 mode D. */
export const INVALID_LABEL = 'maskgate/nl-bsn/invalid/v1';

/**
 * Per class, half the values with weighted sum ≡ 1 (mod 11): 10 in 11 prefixes have one, so the
 * classes hold 909,090 / 8,181,818 / 81,818,181 values.
 */
export const INVALID_CAPACITY: readonly number[] = [454_545, 4_090_909, 40_909_090];

/**
 * §1.8 mode D: canonical input → 9 digits with weighted sum ≡ 1 (mod 11), so never a BSN (0) nor an
 * onderwijsnummer (5), in the input's class (so an 8-digit cell stays 8 digits). Keyed; on a unique
 * column through one UniquePool per class. Never the input itself.
 */
export function invalidMode(ctx: MaskerContext): (canon: string, cls: BsnClass) => string {
  const st = new PrfStream(ctx.prf, INVALID_LABEL, '');
  const pools: (UniquePool | null)[] = [0, 1, 2].map((c) => uniquePoolFor(ctx, `${INVALID_LABEL}/class-${c}`, 'bsn', INVALID_CAPACITY[c]!));
  let current = '';
  let lo = 0;
  let span = 0;
  const draw = (): string => {
    for (;;) {
      const p = lo + st.uniform(span);
      let sum = 0;
      let q = p;
      for (let w = 2; w <= 9; w++) {
        const d = (q / 10) | 0;
        sum += w * (q - d * 10);
        q = d;
      }
      // S − d9 ≡ 1  ⇔  d9 ≡ S − 1 (mod 11); no digit when that is 10
      const d9 = (sum + 10) % 11;
      if (d9 === 10) continue;
      const c = String(p * 10 + d9).padStart(9, '0');
      if (c !== current) return c;
    }
  };
  return (canon, cls) => {
    current = canon;
    lo = CLASS_LO[cls]!;
    span = CLASS_HI[cls]! - lo;
    st.reset(canon);
    const pool = pools[cls]!;
    return pool ? pool.claim(canon, draw) : draw();
  };
}
