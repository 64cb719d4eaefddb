import { maxLengthOf } from '../db/table-info.js';
import { z } from 'zod';
import { isReservedEmailDomain, RESERVED_EMAIL_DOMAINS_TEXT } from '../detectors/email.js';
import { MaskgateError } from '../errors.js';
import { normalize } from '../keyed/canonicalize.js';
import type { PrfStream } from '../keyed/keyed-prf.js';
import { FIRST_NAMES, LAST_NAMES, TUSSENVOEGSELS } from './data/dutch-words.js';
import { defineMasker } from './masker.js';
import { uniquePoolFor } from './unique-pool.js';

const LABEL = 'maskgate/email/name-suffix/v1';
const CASE_LABEL = 'maskgate/email/case-variant/v1';
const SUFFIX_LENGTH = 4;
const SUFFIX_SPACE = 36 ** SUFFIX_LENGTH;
/** Most distinct addresses per run; the space (names × 36^4 suffixes) is hundreds of times larger. */
const CAPACITY = 20_000_000;

/** A name as a local-part atom: ASCII lowercase letters only (`Zoë` → `zoe`, `van 't` → `vant`). */
const atom = (s: string): string => s.normalize('NFD').toLowerCase().replace(/[^a-z]/g, '');

// Folded once: the per-value path only indexes.
const FIRSTS = FIRST_NAMES.map(atom).filter((a) => a !== '');
const LASTS = LAST_NAMES.map(atom).filter((a) => a !== '');
const TVS = TUSSENVOEGSELS.map(atom);

/**
 * One candidate local part: `voornaam.[tussenvoegsel]achternaam.sfx4`, shortened to `v.achternaam.sfx4`
 * and then `vachte.sfx4` when `budget` characters are all there is.
 */
function localPart(st: PrfStream, budget: number): string {
  const first = FIRSTS[st.uniform(FIRSTS.length)]!;
  // About one in three Dutch surnames has a tussenvoegsel; written joined (`devries`), as in §4.3.
  const tv = st.uniform(TVS.length * 3);
  const last = (tv < TVS.length ? TVS[tv]! : '') + LASTS[st.uniform(LASTS.length)]!;
  const suffix = st.uniform(SUFFIX_SPACE).toString(36).padStart(SUFFIX_LENGTH, '0');
  if (first.length + last.length + SUFFIX_LENGTH + 2 <= budget) return `${first}.${last}.${suffix}`;
  if (last.length + SUFFIX_LENGTH + 3 <= budget) return `${first[0]}.${last}.${suffix}`;
  if (budget >= SUFFIX_LENGTH + 2) return `${(first[0]! + last).slice(0, budget - SUFFIX_LENGTH - 1)}.${suffix}`;
  return suffix;
}

/** The next fake address from the stream that is not `canon` (an input masked twice must still change). */
function fake(st: PrfStream, budget: number, domain: string, canon: string): string {
  for (;;) {
    const out = `${localPart(st, budget)}@${domain}`;
    if (out !== canon) return out;
  }
}

/** The fake in the input's own casing style: all caps, or capitalised parts (`Jan.Devries.3f9a`). */
function mirrorCase(input: string, address: string): string {
  const at = address.indexOf('@');
  if (input === input.toUpperCase()) return address.slice(0, at).toUpperCase() + address.slice(at);
  return address.slice(0, at).replace(/(^|\.)([a-z])/g, (_m, dot: string, ch: string) => dot + ch.toUpperCase()) + address.slice(at);
}

/** Upper-cases a keyed subset of the local part's letters: another spelling of the same fake address. */
function caseVariant(st: PrfStream, address: string): string {
  const at = address.indexOf('@');
  let out = '';
  let bits = 0;
  for (let i = 0; i < at; i++) {
    if (i % 32 === 0) bits = st.nextUint32();
    const ch = address[i]!;
    out += (bits >>> i % 32) & 1 && ch >= 'a' && ch <= 'z' ? ch.toUpperCase() : ch;
  }
  return out + address.slice(at);
}

/** E-mail masker (dutch-pii.md §4.3): fake Dutch name plus keyed suffix at a reserved domain. */
export const email = defineMasker({
  name: 'email',
  input: 'email',
  summary: 'E-mail "voornaam.achternaam.<keyed suffix>@example.com" at a reserved domain; same address in any case → same fake; unique on unique columns; fits varchar(n).',
  params: z
    .object({
      domain: z
        .string()
        .refine(isReservedEmailDomain, { error: `domain must be a reserved name: ${RESERVED_EMAIL_DOMAINS_TEXT}` })
        .transform((d) => d.trim().replace(/\.$/, '').toLowerCase())
        .default('example.com')
        .describe('domain of every fake address; must be reserved so that no mail can reach a real person'),
    })
    .strict(),
  columnKinds: ['text'],
  preservesUniqueness: true,
  outputMayEqualInput: false,
  // Every fake address is at the configured reserved domain; any other domain means a real address survived.
  generatorRange: (p) => (out) => out.trim().toLowerCase().endsWith(`@${p.domain.toLowerCase()}`),
  create: (params, ctx) => {
    const domain = params.domain;
    const maxLength = maxLengthOf(ctx.column);
    // RFC 5321: a local part of at most 64 characters; the column may allow less.
    const budget = Math.min(64, Math.min(maxLength, 254) - domain.length - 1);
    if (budget < SUFFIX_LENGTH) {
      throw new MaskgateError(
        'MASKER_FAILED',
        `The email masker cannot fit an address at its domain into ${ctx.column.name} (${ctx.column.sqlType}).`,
        { masker: 'email', column: ctx.column.name },
        'Choose a shorter reserved domain, e.g. { mask: email, domain: x.test }.',
      );
    }
    // Two pools on unique columns: one gives every address (case-insensitively) its own fake; the
    // other gives each other spelling of that address its own case variant, since a unique text
    // column may hold both "Jan@x.nl" and "jan@x.nl" and the restore compares case-sensitively.
    // The plain lowercase spelling always gets the base fake and is kept out of the second pool, so
    // that pool holds only the rare mixed-case addresses (memory grows with what it must track).
    const addresses = uniquePoolFor(ctx, LABEL, 'email', CAPACITY);
    const spellings = uniquePoolFor(ctx, CASE_LABEL, 'email', CAPACITY);

    return (value) => {
      const canon = normalize(value).toLowerCase();
      if (canon === '') return '';
      const st = ctx.prf.stream(LABEL, canon);
      if (addresses === null || spellings === null) return fake(st, budget, domain, canon);
      const base = addresses.claim(canon, () => fake(st, budget, domain, canon));
      if (value === canon) return base;
      let cs: PrfStream | null = null;
      let attempt = 0;
      return spellings.claim(value, () => {
        // The base belongs to the lowercase spelling, even when that spelling has not appeared yet.
        while (attempt < 10_000) {
          attempt++;
          const cand = attempt === 1 ? mirrorCase(value, base) : caseVariant((cs ??= ctx.prf.stream(CASE_LABEL, value)), base);
          if (cand !== base) return cand;
        }
        throw new MaskgateError('MASKER_FAILED', 'The email masker found no free spelling for an address that occurs in many spellings in a unique column.', { masker: 'email' });
      });
    };
  },
});
