import { maxLengthOf } from '../db/table-info.js';
import { z } from 'zod';
import { MaskgateError } from '../errors.js';
import { normalize } from '../keyed/canonicalize.js';
import {
  CBS_LEVEL_WORDS, CBS_LEVELS, EDUCATION_LEVELS, HIGH_TOKENS, LOW_TOKENS, MIDDLE_TOKENS, type CbsLevel, type EducationLevel,
} from './data/education-levels.js';
import { defineMasker } from './masker.js';
import { assertLabelsFit, caseLike, distributionSchema, rowSeeder, WeightedTable } from './nationality.js';

const LABEL = 'maskgate/education/sample/v1';
type Format = 'name' | 'isced' | 'level';

const BY_NAME = new Map(EDUCATION_LEVELS.map((e) => [e.name, e]));
const TOKEN_SPLIT = /[^\p{L}\p{N}]+/u;

/** The CBS class of a raw education value (§4.8), or null when it is not recognisable. */
export function cbsLevelOf(value: string): CbsLevel | null {
  const v = normalize(value).toLowerCase();
  if (/^[0-8]$/.test(v)) return v <= '2' ? 'laag' : v <= '4' ? 'middelbaar' : 'hoog';
  const word = CBS_LEVEL_WORDS.get(v);
  if (word) return word;
  const raw = v.split(TOKEN_SPLIT).filter((t) => t !== '');
  // "mbo 4", "mbo-4" and "mbo4" are one token: the number decides the class.
  const tokens: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    if (t === 'mbo' && /^[1-4]$/.test(raw[i + 1] ?? '')) tokens.push(`mbo${raw[++i]}`);
    else tokens.push(t);
  }
  if (tokens.some((t) => HIGH_TOKENS.has(t))) return 'hoog';
  if (tokens.some((t) => t === 'mbo1')) return 'laag';
  if (tokens.some((t) => MIDDLE_TOKENS.has(t))) return 'middelbaar';
  if (tokens.some((t) => LOW_TOKENS.has(t))) return 'laag';
  return null;
}

/** Education level sampled per row from the CBS levels, or generalised to laag / middelbaar / hoog. */
export const education = defineMasker({
  name: 'education',
  realPart: (p) => (p.generalize ? (out) => out : null),
  summary: 'Education level sampled per row (not from the value) from CBS-weighted levels; keeps name / ISCED digit / CBS class form; { generalize: true } → laag / middelbaar / hoog.',
  params: z
    .object({
      format: z.enum(['auto', 'name', 'isced', 'level']).default('auto'),
      distribution: distributionSchema.optional(),
      generalize: z.boolean().default(false),
      labels: z
        .object({
          laag: z.string().default('laag'),
          middelbaar: z.string().default('middelbaar'),
          hoog: z.string().default('hoog'),
          onbekend: z.string().default('onbekend'),
        })
        .strict()
        .prefault({}),
      person: z.string().min(1).optional(),
    })
    .strict()
    .refine((p) => !p.distribution || Object.keys(p.distribution).every((k) => BY_NAME.has(k.toLowerCase())), {
      message: `distribution keys must be built-in levels: ${EDUCATION_LEVELS.map((e) => e.name).join(', ')}`,
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
      assertLabelsFit('education', labels, ctx, 'Set shorter `labels`, or sample instead of generalize.');
      return (value) => labels[cbsLevelOf(value) ?? 'onbekend'];
    }
    const weights: [EducationLevel, number][] = params.distribution
      ? Object.entries(params.distribution).map(([k, w]) => [BY_NAME.get(k.toLowerCase())!, w])
      : EDUCATION_LEVELS.map((e) => [e, e.weight]);
    const project = (key: (e: EducationLevel) => string): WeightedTable<string> => {
      const sum = new Map<string, number>();
      for (const [e, w] of weights) {
        const k = key(e);
        if (k.length <= max) sum.set(k, (sum.get(k) ?? 0) + w);
      }
      if (![...sum.values()].some((w) => w > 0)) {
        throw new MaskgateError('MASKER_FAILED', 'The education masker has no level that fits this column.', { masker: 'education' }, 'Widen the column or the distribution, or set `format`.');
      }
      return new WeightedTable(sum);
    };
    const tables: Record<Format, WeightedTable<string>> = {
      name: project((e) => e.name),
      isced: project((e) => String(e.isced)),
      level: project((e) => e.cbs),
    };
    const fixed = params.format === 'auto' ? null : params.format;
    const seed = rowSeeder(ctx, params.person);
    return (value, row) => {
      const v = value.trim();
      const lower = v.toLowerCase();
      const format: Format = fixed ?? (integer || /^\d$/.test(v) ? 'isced' : CBS_LEVEL_WORDS.has(lower) ? 'level' : 'name');
      let out = tables[format].draw(ctx.prf.stream(LABEL, seed(row)));
      // "midden" columns get "midden", not "middelbaar".
      if (format === 'level' && lower === 'midden' && out === CBS_LEVELS[1]) out = 'midden';
      return fixed === null && v !== '' && format !== 'isced' ? caseLike(v, out) : out;
    };
  },
});
