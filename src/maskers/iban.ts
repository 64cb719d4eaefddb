import { z } from 'zod';
import { ibanCheckDigits, mod97 } from '../detectors/iban.js';
import { maxLengthOf } from '../db/table-info.js';
import { MaskgateError } from '../errors.js';
import { compact } from '../keyed/canonicalize.js';
import { PrfStream } from '../keyed/keyed-prf.js';
import { NL_BANKS } from './data/nl-banks.js';
import { edges } from './first-name.js';
import { defineMasker } from './masker.js';
import { uniquePoolFor } from './unique-pool.js';

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const LEGACY_SHAPE = /^\d{9,10}$/;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The `bank` option: `keep`, or a 4-letter fake bank code that is not on the shipped Dutch bank list. */
const bankOption = z.string().superRefine((v, issue) => {
  if (v === 'keep') return;
  if (v.toLowerCase() === 'keep') {
    issue.addIssue({ code: 'custom', message: 'bank "keep" is written in lowercase; as 4 capitals it would read as a fake bank code' });
    return;
  }
  if (!/^[A-Z]{4}$/.test(v)) {
    issue.addIssue({ code: 'custom', message: 'bank must be "keep" or a fake bank code of 4 uppercase letters A–Z (default ZZZZ)' });
    return;
  }
  const real = NL_BANKS.get(v);
  if (real !== undefined) {
    issue.addIssue({ code: 'custom', message: `bank code ${v} belongs to a real bank (${real}) on the shipped Dutch bank list; a fake bank code must not, so choose other letters (default ZZZZ) or "keep" to keep each IBAN's real bank code` });
  }
});

const PARAMS = z.object({ bank: bankOption.default('ZZZZ') }).strict();

// Zero-padded digit groups by value: number-to-string conversion costs more than the PRF's bookkeeping.
const D2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const D3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** Five digits, zero-padded. */
const five = (n: number): string => D3[Math.floor(n / 100)]! + D2[n % 100]!;

/** A fake NL IBAN: bank code (with r = mod97(bank)) and ten uniform digits, drawn as two of five since 10^10 > 2^32. */
function nlIban(st: PrfStream, bank: string, rBank: number): string {
  const hi = st.uniform(100_000);
  const lo = st.uniform(100_000);
  // mod97 of the BBAN without building it: appending five digits d is r·10^5 + d.
  const r = mod97('NL00', (((rBank * 100_000 + hi) % 97) * 100_000 + lo) % 97);
  return 'NL' + D2[98 - r]! + bank + five(hi) + five(lo);
}

/** `NL` + 2 digits + 4 letters + 10 digits (the NL IBAN shape, checksum aside), without a regex pass. */
function isNlShape(c: string): boolean {
  if (c.length !== 18 || c.charCodeAt(0) !== 78 || c.charCodeAt(1) !== 76) return false;
  for (let i = 2; i < 18; i++) {
    const k = c.charCodeAt(i);
    if (i >= 4 && i < 8 ? k < 65 || k > 90 : k < 48 || k > 57) return false;
  }
  return true;
}

/** Redraws every digit and A–Z letter of `c` within its class, keeping anything else. */
function redrawClasses(st: PrfStream, c: string, from: number): string {
  let out = '';
  for (let i = from; i < c.length; i++) {
    const k = c.charCodeAt(i);
    out += k >= 48 && k <= 57 ? String(st.uniform(10)) : k >= 65 && k <= 90 ? LETTERS[st.uniform(26)]! : c[i]!;
  }
  return out;
}

/** Whether a 9–10 digit account number passes the pre-2020 Dutch 11-test (weights n…1, §3.1). */
function passesLegacyElfproef(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) sum += (d.length - i) * (d.charCodeAt(i) - 48);
  return sum % 11 === 0;
}

/** A legacy account number of `n` digits that passes the 11-test: the last digit (weight 1) closes the sum. */
function legacyAccount(st: PrfStream, n: number): string {
  for (;;) {
    let out = '';
    let sum = 0;
    for (let i = 0; i < n - 1; i++) {
      const d = st.uniform(10);
      sum += (n - i) * d;
      out += String(d);
    }
    const last = (11 - (sum % 11)) % 11;
    if (last < 10) return out + String(last);
  }
}

/** What an input is, and so how its fake is drawn. */
const enum Kind { Nl, Foreign, Legacy, Other }

/** One candidate fake for a compact input of this kind. */
function fresh(st: PrfStream, kind: Kind, canon: string, bank: string, rBank: number): string {
  switch (kind) {
    case Kind.Nl:
      return nlIban(st, bank, rBank);
    case Kind.Foreign: {
      const bban = redrawClasses(st, canon, 4);
      const country = canon.slice(0, 2);
      return `${country}${ibanCheckDigits(country, bban)}${bban}`;
    }
    case Kind.Legacy:
      return legacyAccount(st, canon.length);
    case Kind.Other:
      return redrawClasses(st, canon, 0);
  }
}

/** Whether `c` (compact, uppercase) holds at least one ASCII letter or digit. */
function hasAlphanumeric(c: string): boolean {
  for (let i = 0; i < c.length; i++) {
    const k = c.charCodeAt(i);
    if ((k >= 48 && k <= 57) || (k >= 65 && k <= 90)) return true;
  }
  return false;
}

/** Separators that the compact form (§0.2) drops: whitespace, `.`, `-`, `/`. */
function isSeparator(k: number): boolean {
  return k <= 32 || k === 46 || k === 45 || k === 47 || k === 0xa0;
}

/**
 * Writes the compact output `c` in the notation of `t`: separators stay where they were, and a
 * lowercase letter in the input gives a lowercase letter in the output. When the two do not line up
 * (an input changed by NFKC), the compact form is the answer.
 */
function inNotation(t: string, c: string): string {
  let out = '';
  let j = 0;
  for (let i = 0; i < t.length; i++) {
    const k = t.charCodeAt(i);
    if (isSeparator(k)) {
      out += t[i]!;
      continue;
    }
    if (j >= c.length) return c;
    const o = c[j++]!;
    out += k >= 97 && k <= 122 ? o.toLowerCase() : o;
  }
  return j === c.length ? out : c;
}

/** Whether `t` is an uppercase NL IBAN printed in groups of 4 (`NL91 ABNA 0417 1643 00`), the common case. */
function isPrinted(t: string): boolean {
  if (t.length !== 22) return false;
  for (let i = 0; i < 22; i++) {
    const k = t.charCodeAt(i);
    if (i % 5 === 4 ? k !== 32 : !((k >= 65 && k <= 90) || (k >= 48 && k <= 57))) return false;
  }
  return true;
}

/** An 18-character IBAN in groups of 4. */
function printed(c: string): string {
  return `${c.slice(0, 4)} ${c.slice(4, 8)} ${c.slice(8, 12)} ${c.slice(12, 16)} ${c.slice(16)}`;
}

/**
 * IBAN masker, dutch-pii.md §3.3. A Dutch IBAN gets a keyed 10-digit account number under a fake
 * bank code (default ZZZZ, refused when it is a real one) or under its own bank code (`bank: keep`),
 * with check digits computed, in the input's spacing and case. Other IBANs keep their country and
 * letter/digit layout with a valid check; legacy 9–10 digit account numbers that pass the old
 * 11-test get one that passes it too; anything else has its letters and digits redrawn. Never the input.
 */
export const iban = defineMasker({
  name: 'iban',
  input: 'iban',
  coincidesWith: (p) => (p.bank === 'keep' ? ['iban'] : []),
  summary: 'IBAN, keyed: NL with a fake bank code ({ bank: ZZZZ }, default; never a real one) or the real one ({ bank: keep }); valid mod-97; keeps spacing and case; unique.',
  params: PARAMS,
  columnKinds: ['text'],
  preservesUniqueness: true,
  outputMayEqualInput: false,
  // A Dutch fake carries the fake bank code; foreign IBANs and old account numbers have no such mark.
  generatorRange: (p) => (p.bank === 'keep' ? null : (out) => {
    const c = compact(out);
    return !c.startsWith('NL') || !/^NL\d{2}[A-Z]{4}/.test(c) || c.slice(4, 8) === p.bank;
  }),
  create: (params, ctx) => {
    const keep = params.bank === 'keep';
    const fakeBank = keep ? 'ZZZZ' : params.bank;
    const label = keep ? 'maskgate/nl-iban/keep-bank/v1' : 'maskgate/nl-iban/fake-bank/v1';
    const limit = maxLengthOf(ctx.column);
    // A fake bank code leaves 10^10 accounts; fail closed at half of them (UniquePool's rule).
    const pool = uniquePoolFor(ctx, label, 'iban', 5_000_000_000);
    // Per-value state read by `next`; one closure per column, since closures per value cost more
    // than the masking itself at these rates.
    const st = new PrfStream(ctx.prf, label, '');
    let canon = '';
    let kind = Kind.Nl;
    let bank = fakeBank;
    const rFake = mod97(fakeBank);
    let rBank = rFake;
    const next = (): string => {
      for (let i = 0; i < 64; i++) {
        const c = fresh(st, kind, canon, bank, rBank);
        if (c !== canon) return c;
      }
      throw new MaskgateError('MASKER_FAILED', 'The iban masker could not draw a value different from its input.', { masker: 'iban' });
    };
    return (value) => {
      const [lead, trail] = edges(value);
      if (lead.length === value.length) return '';
      const start = lead.length;
      const end = value.length - trail.length;
      const t = start === 0 && end === value.length ? value : value.slice(start, end);
      canon = compact(t);
      st.reset(canon);
      let notation = true;
      if (isNlShape(canon)) {
        kind = Kind.Nl;
        bank = keep ? canon.slice(4, 8) : fakeBank;
        rBank = keep ? mod97(bank) : rFake;
      } else if (IBAN_SHAPE.test(canon)) {
        kind = Kind.Foreign;
      } else if (LEGACY_SHAPE.test(canon) && passesLegacyElfproef(canon)) {
        kind = Kind.Legacy;
      } else if (hasAlphanumeric(canon)) {
        kind = Kind.Other;
      } else {
        // Nothing to redraw ("-", "?"): a fake NL IBAN is the one answer that is never the input.
        if (start + 18 > limit) {
          throw new MaskgateError('MASKER_FAILED', `The iban masker cannot fit an IBAN (18 characters) into column ${ctx.table.name}.${ctx.column.name} (${ctx.column.sqlType}) for a value without letters or digits.`, { masker: 'iban' }, 'Use another masker (e.g. fixed) for this column.');
        }
        kind = Kind.Nl;
        bank = fakeBank;
        rBank = rFake;
        notation = false;
      }
      const fake = pool === null ? next() : pool.claim(canon, next);
      const out = !notation || t === canon ? fake : isPrinted(t) ? printed(fake) : inNotation(t, fake);
      return start === 0 && end === value.length ? out : value.slice(0, start) + out + value.slice(end);
    };
  },
});
