import { RVIG_GENERAL_BSNS, RVIG_LEADING_ZERO_BSNS } from './data/rvig-test-bsns.js';
import type { MaskerContext } from './masker.js';
import type { BsnClass } from './bsn-notation.js';
import { PrfStream } from '../keyed/keyed-prf.js';
import { type UniquePool, uniquePoolFor } from './unique-pool.js';

/** PRF label of dutch-pii.md §1.8 mode B. */
export const RVIG_LABEL = 'maskgate/nl-bsn/rvig-test/v1';

/**
 * §1.8 mode B: canonical input → an RvIG test BSN (§1.4). A BSN with a leading zero (8 or fewer
 * significant digits) gets one from the leading-zero block, as RvIG recommends for such cases, so an
 * 8-digit cell stays 8 digits; any other input gets one from the 99999… block. On a unique column
 * each block has its own UniquePool whose capacity is the whole block (908 and 909): RvIG has no more
 * numbers, so the run fails closed beyond that.
 */
export function rvigTestMode(ctx: MaskerContext): (canon: string, cls: BsnClass) => string {
  const st = new PrfStream(ctx.prf, RVIG_LABEL, '');
  const lz: UniquePool | null = uniquePoolFor(ctx, `${RVIG_LABEL}/leading-zero`, 'bsn', RVIG_LEADING_ZERO_BSNS.length);
  const general: UniquePool | null = uniquePoolFor(ctx, `${RVIG_LABEL}/general`, 'bsn', RVIG_GENERAL_BSNS.length);
  let current = '';
  let list: readonly string[] = RVIG_GENERAL_BSNS;
  const draw = (): string => {
    for (;;) {
      const c = list[st.uniform(list.length)]!;
      if (c !== current) return c;
    }
  };
  return (canon, cls) => {
    current = canon;
    list = cls === 2 ? RVIG_GENERAL_BSNS : RVIG_LEADING_ZERO_BSNS;
    st.reset(canon);
    const pool = cls === 2 ? general : lz;
    return pool ? pool.claim(canon, draw) : draw();
  };
}
