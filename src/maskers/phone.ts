import { maxLengthOf } from '../db/table-info.js';
import { z } from 'zod';
import { areaCodeLength, phoneTypeOfNsn, phoneTypeOfPrefix } from '../detectors/phone.js';
import { MaskgateError } from '../errors.js';
import { normalize } from '../keyed/canonicalize.js';
import { PrfStream } from '../keyed/keyed-prf.js';
import { defineMasker } from './masker.js';
import { uniquePoolFor } from './unique-pool.js';

const LABEL = 'maskgate/nl-phone/v1';
const UNASSIGNED_LABEL = 'maskgate/nl-phone/unassigned-mobile/v1';
/** The smallest personal space is a 3-digit area code: 9 × 10^5 subscriber numbers; stay below half. */
const CAPACITY = 10_000_000;

const ANY = '0123456789';
const NON_ZERO = '123456789';
/** Mobile blocks 061–065 and 068 (§4.2). */
const MOBILE_BLOCKS = '123458';
/** 069: passes `^06\d{8}$` but lies in no allocated mobile block (§4.2 option unassigned-mobile, unconfirmed). */
const UNASSIGNED_BLOCK = '9';

/** ITU country codes of one and two digits; all others have three. Only used to keep a foreign prefix. */
const CC1 = new Set(['1', '7']);
const CC2 = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84',
  '86', '90', '91', '92', '93', '94', '95', '98',
]);

/**
 * How a number is split: the leading `kept` digits (international or trunk prefix plus the type
 * prefix: 6, area code, 800, …) stay; the rest is redrawn, the first of them from `first`.
 */
interface Plan {
  kept: number;
  first: string;
  /** PRF key, the same for every notation of one number (§0.2): the NSN for Dutch numbers. */
  canon: string;
  /** The kept digits in a notation-free form (`6`, `20`, `+32`), to key unique-pool candidates. */
  typeKey: string;
}

// Reused across calls: the per-value path allocates no arrays.
const plan: Plan = { kept: 0, first: ANY, canon: '', typeKey: '' };

/** Number of NSN digits that identify the type and stay, and the set for the first redrawn digit. */
function planNsn(nsn: string, mobileBlocks: string): void {
  // By prefix, so that a number of the wrong length or with an extension keeps its type too.
  const type = phoneTypeOfNsn(nsn) ?? phoneTypeOfPrefix(nsn);
  let keep: number;
  let first = NON_ZERO;
  switch (type) {
    case 'mobile':
      keep = 1;
      first = mobileBlocks;
      break;
    case 'fixed':
      keep = areaCodeLength(nsn);
      break;
    case 'pager':
    case 'voip':
    case 'business':
    case 'personal-assistant':
      keep = 2;
      break;
    case 'm2m':
    case 'toll-free':
    case 'premium':
      keep = 3;
      first = ANY;
      break;
    default:
      // Not in the plan (060, 069, 14 0xx, …): keep the first digit, the broad class.
      keep = 1;
      first = ANY;
  }
  plan.kept += keep;
  plan.first = first;
  plan.typeKey = nsn.slice(0, keep);
}

/** Splits `d`, the digits of the value, into what stays and what is redrawn; fills `plan`. */
function planDigits(d: string, plus: boolean, mobileBlocks: string): void {
  plan.first = ANY;
  let nsnStart = -1;
  if (plus || d.startsWith('00')) {
    const cc = plus ? 0 : 2;
    const ccLen = CC1.has(d[cc] ?? '') ? 1 : CC2.has(d.slice(cc, cc + 2)) ? 2 : 3;
    if (d.startsWith('31', cc)) {
      nsnStart = cc + 2;
      // "+31 (0)6 …" and "+31 06 …": the written trunk 0 stays as it was.
      if (d.charCodeAt(nsnStart) === 48) nsnStart++;
    } else {
      plan.kept = Math.min(cc + ccLen, d.length);
      plan.canon = `+${d.slice(cc)}`;
      plan.typeKey = `+${d.slice(cc, plan.kept)}`;
    }
  } else if (d.charCodeAt(0) === 48) {
    nsnStart = 1;
  } else if (d.length === 11 && d.startsWith('31') && phoneTypeOfNsn(d.slice(2)) !== null) {
    nsnStart = 2; // MSISDN notation 316…, common in SMS-gateway columns
  } else if (phoneTypeOfNsn(d) !== null) {
    nsnStart = 0; // an NSN that lost its 0, e.g. in an integer column (§0.2 step 4)
  } else {
    plan.kept = 1;
    plan.canon = `#${d}`;
    plan.typeKey = `#${d[0]}`;
  }
  if (nsnStart >= 0) {
    const nsn = d.slice(nsnStart);
    plan.kept = nsnStart;
    plan.canon = nsn;
    plan.typeKey = '';
    if (nsn.length > 0) planNsn(nsn, mobileBlocks);
  }
  // A bare prefix ("06", "+31") has nothing left to redraw: then only the first digit stays.
  if (plan.kept >= d.length) {
    plan.kept = d.length > 1 ? 1 : 0;
    plan.first = ANY;
    plan.typeKey = `!${d.slice(0, plan.kept)}`;
  }
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** `n` digits from the stream, the first from `first`, with as few PRF words as possible. */
function drawDigits(st: PrfStream, n: number, first: string): string {
  // first × 10^8 < 2^32, so a leading group of up to 9 digits costs one word.
  const lead = Math.min(n, 9);
  const restSpace = POW10[lead - 1]!;
  const v = st.uniform(first.length * restSpace);
  let out = first[Math.floor(v / restSpace)]! + (lead > 1 ? String(v % restSpace).padStart(lead - 1, '0') : '');
  for (let left = n - lead; left > 0; left -= 9) {
    const k = Math.min(left, 9);
    out += String(st.uniform(POW10[k]!)).padStart(k, '0');
  }
  return out;
}

/** `n` fresh digits that differ from `old`, the digits they replace ("never the input"). */
function drawOther(st: PrfStream, n: number, first: string, old: string): string {
  for (let i = 0; i < 64; i++) {
    const s = drawDigits(st, n, first);
    if (s !== old) return s;
  }
  throw new MaskgateError('MASKER_FAILED', 'The phone masker could not draw a number different from its input.', { masker: 'phone' });
}

/** Writes `fresh` over the digits after the first `kept` digits of `value`; other characters stay. */
function overlay(value: string, kept: number, fresh: string): string {
  // Run by run of digits, so "06-12345678" costs two slices, not a concatenation per digit.
  let out = '';
  let k = 0;
  let last = 0;
  let i = 0;
  while (i < value.length) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < value.length && value.charCodeAt(j) >= 48 && value.charCodeAt(j) <= 57) j++;
    const run = j - i;
    if (k + run > kept) {
      const keepHere = Math.max(0, kept - k);
      out += value.slice(last, i + keepHere) + fresh.slice(k + keepHere - kept, k + run - kept);
      last = j;
    }
    k += run;
    i = j;
  }
  return out + value.slice(last);
}

const NON_DIGITS = /\D/g;

/** Phone masker (dutch-pii.md §4.2): same type and notation, keyed subscriber digits. */
export const phone = defineMasker({
  name: 'phone',
  input: 'phone',
  // A number stored without its 0 is 9 digits, the shape of a BSN.
  coincidesWith: () => ['phone', 'bsn'],
  summary: 'Dutch phone number of the same type (06, area code, 085/088/0800/090x, …) in the same notation; only subscriber digits keyed. Unique on unique columns.',
  params: z
    .object({
      mobile: z
        .enum(['assigned', 'unassigned'])
        .default('assigned')
        .describe('assigned: fakes in the mobile blocks 061–065/068 (valid, but may be a real number); unassigned: 069…, valid-looking but in no allocated block'),
    })
    .strict(),
  columnKinds: ['text', 'integer', 'numeric'],
  preservesUniqueness: true,
  outputMayEqualInput: false,
  create: (params, ctx) => {
    const label = params.mobile === 'unassigned' ? UNASSIGNED_LABEL : LABEL;
    const blocks = params.mobile === 'unassigned' ? UNASSIGNED_BLOCK : MOBILE_BLOCKS;
    const pool = uniquePoolFor(ctx, label, 'phone', CAPACITY);
    const maxLength = maxLengthOf(ctx.column);

    /** A fake mobile number for a value without digits ("onbekend", "-"): replaced, never passed through. */
    const digitless = (value: string): string => {
      const canon = `?${normalize(value)}`;
      const st = ctx.prf.stream(label, canon);
      const sub = pool ? pool.claim(canon, () => `6${drawDigits(st, 8, blocks)}`).slice(1) : drawDigits(st, 8, blocks);
      const out = maxLength >= 11 ? `06-${sub}` : `06${sub}`;
      return out.slice(0, maxLength);
    };

    // One stream for every value of the column: a fresh one per value is a measurable share here.
    const reusable = new PrfStream(ctx.prf, label, '');
    return (value) => {
      // One regex pass instead of a string concatenation per digit; a '+' counts before the first digit.
      const d = value.replace(NON_DIGITS, '');
      const plusAt = value.indexOf('+');
      const plus = plusAt >= 0 && (d === '' || plusAt < value.indexOf(d[0]!));
      if (d === '') return value.trim() === '' ? '' : digitless(value);
      plan.kept = 0;
      planDigits(d, plus, blocks);
      const kept = plan.kept;
      const first = plan.first;
      const canon = plan.canon;
      const typeKey = plan.typeKey;
      const n = d.length - kept;
      const old = d.slice(kept);
      const st = reusable.reset(canon);
      // Candidates are the whole national number (kept digits after the country/trunk prefix, then
      // the fresh ones): "06-…" and "+31 6 …" of one number claim one slot, and 020 + 8 digits can
      // never equal 02 + 9 digits unnoticed.
      const fresh = pool ? pool.claim(canon, () => typeKey + drawOther(st, n, first, old)).slice(-n) : drawOther(st, n, first, old);
      return overlay(value, kept, fresh);
    };
  },
});

