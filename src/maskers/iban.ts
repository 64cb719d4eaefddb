import { z } from 'zod';
import { compact } from '../keyed/canonicalize.js';
import { defineMasker } from './masker.js';

/** ISO 7064 mod-97 over an uppercase alphanumeric string. */
function mod97(s: string): number {
  let r = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    r = c >= 65 ? (r * 100 + (c - 55)) % 97 : (r * 10 + (c - 48)) % 97;
  }
  return r;
}

/** Placeholder IBAN masker: NL IBAN with the fake bank code ZZZZ and a keyed account number. */
export const iban = defineMasker({
  name: 'iban',
  summary: 'NL IBAN with a fake bank code (default ZZZZ) and keyed account number; valid mod-97, keeps spacing.',
  params: z.object({ bankCode: z.string().regex(/^[A-Z]{4}$/).default('ZZZZ') }).strict(),
  columnKinds: ['text'],
  // Keyed draws from 10^10 accounts collide by the birthday bound (~0.5 at 100k values), so a
  // unique IBAN column needs the uniqueness-preserving mode of the Dutch-masker issue.
  preservesUniqueness: false,
  outputMayEqualInput: false,
  create: (params, ctx) => (value) => {
    const st = ctx.prf.stream('maskgate/nl-iban/v1', compact(value));
    const acct = String(st.uniform(100_000)).padStart(5, '0') + String(st.uniform(100_000)).padStart(5, '0');
    const check = String(98 - mod97(`${params.bankCode}${acct}NL00`)).padStart(2, '0');
    const out = `NL${check}${params.bankCode}${acct}`;
    return /\s/.test(value.trim()) ? out.replace(/(.{4})(?=.)/g, '$1 ') : out;
  },
});
