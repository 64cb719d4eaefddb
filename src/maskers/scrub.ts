import { z } from 'zod';
import { findBsns } from '../detectors/bsn.js';
import { findDates } from '../detectors/date.js';
import type { Confidence, DetectorMatch } from '../detectors/detector.js';
import { findEmails } from '../detectors/email.js';
import { findIbans } from '../detectors/iban.js';
import { findNames } from '../detectors/name.js';
import { findPhones } from '../detectors/phone.js';
import { findPlates } from '../detectors/plate.js';
import { findPostcodes } from '../detectors/postcode.js';
import { birthDate } from './birth-date.js';
import { bsn } from './bsn.js';
import { email } from './email.js';
import { firstName } from './first-name.js';
import { fullName } from './full-name.js';
import { iban } from './iban.js';
import { initials } from './initials.js';
import { lastName } from './last-name.js';
import { defineMasker, type MaskerContext, type MaskerDefinition, type MaskFn, type RowContext } from './masker.js';
import { phone } from './phone.js';
import { plate } from './plate.js';
import { postcode } from './postcode.js';
import { tussenvoegsel } from './tussenvoegsel.js';
import { nameCandidates } from '../verify/leak-tokens.js';

/** Identifier types `scrub` finds in free text, each with its detector and structured masker. */
const TYPES = {
  bsn: { find: findBsns, masker: bsn },
  iban: { find: findIbans, masker: iban },
  plate: { find: findPlates, masker: plate },
  email: { find: findEmails, masker: email },
  phone: { find: findPhones, masker: phone },
  postcode: { find: findPostcodes, masker: postcode },
  date: { find: findDates, masker: birthDate },
  name: { find: (t: string) => findNames(t), masker: fullName },
} as const satisfies Record<string, { find: (text: string) => readonly DetectorMatch[]; masker: MaskerDefinition }>;

type TypeName = keyof typeof TYPES;
const TYPE_NAMES = Object.keys(TYPES) as TypeName[];

/** Name maskers a row's own name column can be scrubbed with. */
const NAME_MASKERS = { first_name: firstName, last_name: lastName, full_name: fullName, initials, tussenvoegsel } as const;

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/**
 * The options of each type's structured masker, validated by that masker's own schema, so that
 * `scrub` gives exactly the fake the column rule gives (same masker, same options, same label).
 */
const typeOptions = Object.fromEntries(TYPE_NAMES.map((t) => [t, (TYPES[t].masker.params as z.ZodType).optional()])) as {
  [K in TypeName]: z.ZodOptional<z.ZodType>;
};

const params = z
  .object({
    /**
     * The row's own name columns and the masker each is masked with, e.g.
     * `{ voornaam: first_name, achternaam: last_name }`: their values are found in the text, even
     * when no name list knows them, and replaced by the same fake as the column gets.
     */
    names: z.record(z.string(), z.enum(Object.keys(NAME_MASKERS) as [keyof typeof NAME_MASKERS])).default({}),
    /** Types to leave alone, e.g. `[date]` for notes whose dates are not about the person. */
    except: z.array(z.enum(TYPE_NAMES as [TypeName, ...TypeName[]])).default([]),
    /** Lowest detector confidence that is replaced; `low` (default) replaces every candidate. */
    minConfidence: z.enum(['low', 'medium', 'high']).default('low'),
    ...typeOptions,
  })
  .strict();

type Params = z.infer<typeof params>;

/** A replacement to make: where, and the masker that gives its fake. */
interface Hit {
  readonly start: number;
  readonly end: number;
  readonly rank: number;
  readonly fn: MaskFn;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Start offsets of `needle` in `hay` as a whole word; both already lowercased, same length as the originals. */
function wholeWordOffsets(hay: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const before = i > 0 ? hay[i - 1]! : '';
    const after = hay[i + needle.length] ?? '';
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) out.push(i);
  }
  return out;
}

/**
 * Keeps, of overlapping hits, the longer one, then the more confident, then the earlier. Longer
 * first: a name inside an e-mail address ("sanne" in sanne.dewit@…) must not leave the rest of the
 * address in place.
 */
function resolveOverlaps(hits: Hit[]): Hit[] {
  hits.sort((a, b) => (b.end - b.start) - (a.end - a.start) || b.rank - a.rank || a.start - b.start);
  const kept: Hit[] = [];
  for (const h of hits) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
  return kept.sort((a, b) => a.start - b.start);
}

function buildScrub(p: Params, ctx: MaskerContext): MaskFn {
  const min = RANK[p.minConfidence];
  const types = TYPE_NAMES.filter((t) => !p.except.includes(t)).map((t) => {
    const def = TYPES[t].masker;
    // Built on this column's context, so they share the run-wide state (the BSN pool, and the
    // unique pool when that masker serves a unique column elsewhere): the same input, the same fake.
    const fn = def.create(def.params.parse(p[t] ?? {}) as never, { ...ctx, unique: ctx.uniqueFor?.(def.name) ?? false });
    return { masker: def.name, find: TYPES[t].find as (text: string) => readonly DetectorMatch[], fn };
  });
  const names = Object.entries(p.names).map(([column, m]) => {
    const def = NAME_MASKERS[m] as MaskerDefinition;
    return { column, fn: def.create(def.params.parse({}) as never, { ...ctx, unique: ctx.uniqueFor?.(def.name) ?? false }) };
  });

  const isSourceName = p.except.includes('name') ? undefined : ctx.isSourceName;
  const fullNameFn = isSourceName ? types.find((t) => t.masker === 'full_name')?.fn ?? null : null;

  return (value: string, row: RowContext): string => {
    const hits: Hit[] = [];
    for (const t of types) {
      for (const m of t.find(value)) if (RANK[m.confidence] >= min) hits.push({ start: m.start, end: m.end, rank: RANK[m.confidence], fn: t.fn });
    }
    // The row's own names are certain: whatever a name list says, this text is about this person.
    let lower: string | null = null;
    for (const n of names) {
      const own = row.get(n.column)?.trim().toLowerCase();
      if (!own || own.length < 2) continue;
      // toLowerCase can change the length of some scripts; then offsets would not line up, so skip.
      lower ??= value.toLowerCase();
      if (lower.length !== value.length) break;
      for (const i of wholeWordOffsets(lower, own)) hits.push({ start: i, end: i + own.length, rank: RANK.high + 1, fn: n.fn });
    }
    // People of other tables read earlier in the run ("Priya Haile stuurt …"), known by name
    // whatever the lists say; the verifier's exact-match layer refuses any that slip through.
    if (isSourceName !== undefined && fullNameFn !== null) {
      nameCandidates(value, (canon, _words, _from, _to, start, end) => {
        if (isSourceName(canon)) hits.push({ start, end, rank: RANK.high + 1, fn: fullNameFn });
      });
    }
    if (hits.length === 0) return value;
    let out = '';
    let at = 0;
    for (const h of resolveOverlaps(hits)) {
      const fake = h.fn(value.slice(h.start, h.end), row);
      out += value.slice(at, h.start) + (fake ?? '');
      at = h.end;
    }
    return out + value.slice(at);
  };
}

/**
 * Keeps free text readable but replaces every identifier detected inside it (BSN, IBAN, plate,
 * e-mail, phone, postcode, dates, names from the name lists and the row's own name columns) with
 * the fake its structured masker gives, so "BSN 1112.22.333" becomes the person's masked BSN.
 */
export const scrub = defineMasker({
  name: 'scrub',
  // scrub writes each type's fake with that type's own masker and options.
  coincidesWith: (p) => [...new Set([
    ...TYPE_NAMES.filter((t) => !p.except.includes(t)).flatMap((t) => TYPES[t].masker.coincidesWith?.((TYPES[t].masker.params as z.ZodType).parse(p[t] ?? {}) as never) ?? []),
    'name' as const,
  ])],
  summary: 'Keep free text, replacing each detected BSN, IBAN, plate, e-mail, phone, postcode, date and name with the fake its own masker gives.',
  params,
  columnKinds: ['text'],
  preservesUniqueness: false,
  // A note without identifiers comes out as it went in; that is not a leak, and the verifier's
  // pattern detectors (not the unchanged-value check) judge what remains in the text.
  outputMayEqualInput: true,
  usesRowContext: true,
  referencedColumns: (p) => Object.keys(p.names),
  // A hit of a type scrub replaces is its own fake when it lies in that masker's range (a 00-block BSN,
  // the fake bank code); phone numbers and plates have no such range, and L5 judges those.
  writesPattern: (p) => {
    const ranges = new Map(TYPE_NAMES.filter((t) => !p.except.includes(t)).map((t) => {
      const m = TYPES[t].masker as MaskerDefinition;
      return [t as string, m.generatorRange?.((m.params as z.ZodType).parse(p[t] ?? {}) as never) ?? null] as const;
    }));
    return (type, match) => ranges.has(type) && (ranges.get(type)?.(match) ?? true);
  },
  create: buildScrub,
});
