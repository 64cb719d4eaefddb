import type { MaskerContext } from './masker.js';
import { PrfStream } from '../keyed/keyed-prf.js';
import { uniquePoolFor } from './unique-pool.js';

/** PRF label of dutch-pii.md §1.8 mode A. */
export const TEST_BLOCK_LABEL = 'maskgate/nl-bsn/test-block/v1';
/** §1.8: fail closed above half of the 909,090 valid values in the 00-block (probing gets slow). */
export const TEST_BLOCK_CAPACITY = 454_545;

/** "000" … "999": building the candidate from these is cheaper than number-to-string plus padding. */
const THREE: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** The next §1.8 mode A candidate: an elfproef-valid value in 000000001–009999999. */
function candidate(st: PrfStream): string {
  for (;;) {
    const u = st.nextUint32();
    if (u >= 4_294_000_000) continue;
    // u mod 10^6 without `%` on a double (u ≥ 2^31 is no int32, and V8 then calls fmod)
    const six = (u - Math.floor(u / 1_000_000) * 1_000_000) | 0;
    if (six === 0) continue;
    // r = (7·d3 + 6·d4 + … + 2·d8) mod 11 over the six digits (d1 = d2 = 0)
    let m = six;
    let r = 0;
    for (let w = 2; w <= 7; w++) {
      const q = (m / 10) | 0;
      r += w * (m - q * 10);
      m = q;
    }
    r %= 11;
    if (r === 10) continue;
    const hi = (six / 1000) | 0;
    return `00${THREE[hi]}${THREE[six - hi * 1000]}${r}`;
  }
}

/**
 * §1.8 mode A: canonical input → elfproef-valid fake in the never-issuable 00-block. Keyed on the
 * canonical input; on a unique column through the run's UniquePool (probing), else the first
 * candidate. The input itself is skipped, so an RvIG 0000… number or an already masked dump changes.
 */
export function testBlockMode(ctx: MaskerContext): (canon: string) => string {
  const st = new PrfStream(ctx.prf, TEST_BLOCK_LABEL, '');
  const pool = uniquePoolFor(ctx, TEST_BLOCK_LABEL, 'bsn', TEST_BLOCK_CAPACITY);
  let current = '';
  const draw = (): string => {
    for (;;) {
      const c = candidate(st);
      if (c !== current) return c;
    }
  };
  return (canon) => {
    current = canon;
    st.reset(canon);
    return pool ? pool.claim(canon, draw) : draw();
  };
}
