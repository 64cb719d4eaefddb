import { maxLengthOf } from '../db/table-info.js';
import { z } from 'zod';
import { MaskgateError } from '../errors.js';
import { normalize } from '../keyed/canonicalize.js';
import type { PrfStream } from '../keyed/keyed-prf.js';
import { BEHANDELD_ALS_NEDERLANDER, NATIONALITIES, type Nationality } from './data/nationalities.js';
import { defineMasker, type MaskerContext, type RowContext } from './masker.js';

// ---------------------------------------------------------------------------------------------
// Per-row sampling, shared with education and health (dutch-pii.md §4.7, §4.8, §5.3)
// ---------------------------------------------------------------------------------------------

/**
 * Builds the PRF input of per-row draws for one column: table, column and row key (§5.3: seeded by
 * the row, never by the value, so output frequencies say nothing about the input). With a
 * `person` column whose value is set, that value instead, so one person gets one fake in every
 * table. The table and column shrink to a 7-character keyed tag, computed once, so that label and
 * input fit one SHA-256 block for the usual row keys (one compression less per value).
 */
export function rowSeeder(ctx: MaskerContext, person: string | undefined): (row: RowContext) => string {
  const tag = ctx.prf.block('maskgate/row-sample/column/v1', `${ctx.table.schema}.${ctx.table.name}.${ctx.column.name}`, 0)[0]!.toString(36);
  return (row) => {
    const id = person === undefined ? null : row.get(person);
    return id !== null && id !== '' ? `p\u0000${normalize(id)}` : `${tag}\u0000${row.key}`;
  };
}

/** Relative weights by value name, as written in rules files: `{ Nederlandse: 0.9, Duitse: 0.02 }`. */
export const distributionSchema = z
  .record(z.string().min(1), z.number().nonnegative().finite())
  .refine((d) => Object.values(d).some((w) => w > 0), { message: 'at least one weight must be above 0' });

/** Weighted choice by a cumulative table of integer weights; one or two PRF words per draw. */
export class WeightedTable<T> {
  private readonly values: T[] = [];
  private readonly cum: number[] = [];
  private readonly total: number;

  /** Entries with weight 0 are dropped; at least one weight must be positive. */
  constructor(entries: Iterable<readonly [T, number]>) {
    const list = [...entries].filter(([, w]) => w > 0);
    const sum = list.reduce((a, [, w]) => a + w, 0);
    if (list.length === 0 || !(sum > 0)) throw new Error('WeightedTable needs a positive weight');
    let acc = 0;
    for (const [v, w] of list) {
      // 2^30 keeps the total below 2^32 with room for rounding up tiny weights to 1.
      acc += Math.max(1, Math.round((w / sum) * 2 ** 30));
      this.values.push(v);
      this.cum.push(acc);
    }
    this.total = acc;
  }

  /** Draws one value. */
  draw(st: PrfStream): T {
    const u = st.uniform(this.total);
    let i = 0;
    while (u >= this.cum[i]!) i++;
    return this.values[i]!;
  }
}

/** Refuses `generalize` labels that the column cannot hold: an integer column, or one shorter than a label. */
export function assertLabelsFit(masker: string, labels: Readonly<Record<string, string>>, ctx: MaskerContext, hint: string): void {
  const max = maxLengthOf(ctx.column);
  if (ctx.column.kind === 'integer' || Object.values(labels).some((l) => l.length > max)) {
    throw new MaskgateError('MASKER_FAILED', `The ${masker} masker cannot write its generalize labels into this column (integer or too short).`, { masker }, hint);
  }
}

/** Applies the letter case of `like` (all lower, all upper, or capitalised) to `word`. */
export function caseLike(like: string, word: string): string {
  if (like === like.toLowerCase() && like !== like.toUpperCase()) return word.toLowerCase();
  if (like === like.toUpperCase() && like !== like.toLowerCase() && like.length > 1) return word.toUpperCase();
  const first = like.charAt(0);
  return first !== first.toLowerCase() ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

// ---------------------------------------------------------------------------------------------
// Nationality
// ---------------------------------------------------------------------------------------------

const LABEL = 'maskgate/nationality/sample/v1';
type Format = 'adjective' | 'code' | 'iso2' | 'iso3';

/** Every way a nationality may be written, lowercase → entry (adjective, code, ISO codes, Tabel 32 wording). */
const BY_NAME = new Map<string, Nationality>();
for (const e of NATIONALITIES) {
  for (const k of [e.adjective, e.code, e.iso2, e.iso3]) if (k) BY_NAME.set(k.toLowerCase(), e);
}
for (const [alias, adjective] of [
  ['burger van de bondsrepubliek duitsland', 'Duitse'], ['brits burger', 'Britse'], ['amerikaans burger', 'Amerikaanse'],
  ['burger van india', 'Indiase'], ['oekraiense', 'Oekraïense'], ['burger van oekraine', 'Oekraïense'],
  ['burger van rusland', 'Russische'], ['stateloos', 'Staatloos'], ['staatloze', 'Staatloos'],
] as const) {
  BY_NAME.set(alias, NATIONALITIES.find((e) => e.adjective === adjective)!);
}

/** The coarse class of a source value for `generalize`. */
function classify(value: string): 'nl' | 'eu' | 'other' | 'unknown' {
  const v = normalize(value).toLowerCase();
  if (v === '' || v === 'onbekend' || /^0+$/.test(v)) return 'unknown';
  const key = /^\d{1,4}$/.test(v) ? v.padStart(4, '0') : v;
  if (key === BEHANDELD_ALS_NEDERLANDER || key === 'behandeld als nederlander') return 'nl';
  const e = BY_NAME.get(key);
  if (!e) return 'other';
  if (e.code === '0000') return 'unknown';
  return e.code === '0001' ? 'nl' : e.eu ? 'eu' : 'other';
}

const labelsSchema = z
  .object({
    nl: z.string().default('Nederlandse'),
    eu: z.string().default('EU'),
    other: z.string().default('niet-EU'),
    unknown: z.string().default('onbekend'),
  })
  .strict();

/** Nationality sampled per row from a (configurable) Dutch-population distribution, or generalised. */
export const nationality = defineMasker({
  name: 'nationality',
  // generalize maps the real value to its class; sampling draws per row and keeps nothing.
  realPart: (p) => (p.generalize ? (out) => out : null),
  summary: 'Nationality sampled per row (not from the value) from a Dutch-population distribution; keeps Tabel 32 code / ISO / adjective form; { generalize: true } → Nederlandse / EU / niet-EU.',
  params: z
    .object({
      format: z.enum(['auto', 'adjective', 'code', 'iso2', 'iso3']).default('auto'),
      distribution: distributionSchema.optional(),
      generalize: z.boolean().default(false),
      labels: labelsSchema.prefault({}),
      /** Column whose value identifies the person, so one person gets one nationality everywhere. */
      person: z.string().min(1).optional(),
    })
    .strict()
    .refine((p) => !p.distribution || Object.keys(p.distribution).every((k) => BY_NAME.has(k.toLowerCase())), {
      message: `distribution keys must be nationalities of the built-in table (adjective, Tabel 32 code or ISO code): ${NATIONALITIES.map((e) => e.adjective).join(', ')}`,
      path: ['distribution'],
    }),
  columnKinds: ['text', 'integer'],
  preservesUniqueness: false,
  usesRowContext: true,
  // Low cardinality: an equal value is chance, not a leak.
  outputMayEqualInput: true,
  lowCardinality: true,
  referencedColumns: (p) => [p.person],
  create: (params, ctx) => {
    const integer = ctx.column.kind === 'integer';
    const max = maxLengthOf(ctx.column);
    if (params.generalize) {
      const labels = params.labels;
      assertLabelsFit('nationality', labels, ctx, 'Set shorter `labels` (e.g. { nl: NL, eu: EU, other: XX, unknown: "?" }), or sample instead of generalize.');
      return (value) => labels[classify(value)];
    }
    const weights = new Map<Nationality, number>();
    if (params.distribution) {
      for (const [k, w] of Object.entries(params.distribution)) {
        const e = BY_NAME.get(k.toLowerCase())!;
        weights.set(e, (weights.get(e) ?? 0) + w);
      }
    } else {
      for (const e of NATIONALITIES) weights.set(e, e.weight);
    }
    // One table per output form, built on first use: ISO forms have no Onbekend or Staatloos.
    const tables = new Map<Format, WeightedTable<string>>();
    const tableFor = (format: Format): WeightedTable<string> => {
      let t = tables.get(format);
      if (!t) {
        const entries = [...weights].flatMap(([e, w]): [string, number][] => {
          const out = e[format === 'adjective' ? 'adjective' : format];
          return out === null || (out.length > max) ? [] : [[out, w]];
        });
        if (entries.length === 0) {
          throw new MaskgateError('MASKER_FAILED', `The nationality masker has no nationality to write in ${format} form into this column.`, { masker: 'nationality', format }, 'Widen the distribution, or set `format`.');
        }
        t = new WeightedTable(entries);
        tables.set(format, t);
      }
      return t;
    };
    const fixed = params.format === 'auto' ? null : params.format;
    const seed = rowSeeder(ctx, params.person);
    return (value, row) => {
      const v = value.trim();
      const format: Format = fixed ?? (integer || /^\d{1,4}$/.test(v) ? 'code' : /^[A-Za-z]{2}$/.test(v) ? 'iso2' : /^[A-Za-z]{3}$/.test(v) ? 'iso3' : 'adjective');
      const out = tableFor(format).draw(ctx.prf.stream(LABEL, seed(row)));
      if (format === 'code') return integer || (fixed === null && v.length < 4 && !v.startsWith('0')) ? String(Number(out)) : out;
      return fixed === null && v !== '' ? caseLike(v, out) : out;
    };
  },
});
