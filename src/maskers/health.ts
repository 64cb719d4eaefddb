import { maxLengthOf, type ColumnKind } from '../db/table-info.js';
import { z } from 'zod';
import { MaskgateError } from '../errors.js';
import { HEALTH_CATEGORIES, HEALTH_PHRASES, HEALTH_PLACEHOLDER, NO_CONDITION } from './data/health-vocabulary.js';
import type { PrfStream } from '../keyed/keyed-prf.js';
import { defineMasker, type MaskFn, type RowContext } from './masker.js';
import { distributionSchema, rowSeeder, WeightedTable } from './nationality.js';

const LABEL = 'maskgate/health/sample/v1';
const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

type Mode = 'placeholder' | 'null' | 'sample' | 'category';

const failed = (message: string, hint: string): MaskgateError => new MaskgateError('MASKER_FAILED', message, { masker: 'health' }, hint);

/** The configured mode, else sampling when `values` are given or the column is not text, else placeholder text. */
function modeFor(mode: Mode | undefined, kind: ColumnKind, hasValues: boolean): Mode {
  return mode ?? (kind === 'text' && !hasValues ? 'placeholder' : 'sample');
}

/** Special-category (health) data, never derived from the value (dutch-pii.md §5.3). */
export const health = defineMasker({
  name: 'health',
  summary: 'Special-category (health) data: fixed placeholder text (text default), per-row sample (flags and numbers default; phrases or given codes), coarse category, or null.',
  params: z
    .object({
      mode: z.enum(['placeholder', 'null', 'sample', 'category']).optional(),
      /** Placeholder text of mode placeholder. */
      text: z.string().default(HEALTH_PLACEHOLDER),
      /** Values to sample from (codes, classes), as a list (uniform) or a weight per value. */
      values: z.union([z.array(z.union([z.string(), z.number()])).min(1), distributionSchema]).optional(),
      /** Share of `true` when sampling a boolean column. */
      rate: z.number().min(0).max(1).default(0.1),
      /** Range of integers when sampling a numeric column without `values` (e.g. an AO percentage). */
      min: z.number().int().default(0),
      max: z.number().int().default(100),
      /** Texts of mode category on text columns. */
      categories: z.object({ none: z.string().default(HEALTH_CATEGORIES.none), present: z.string().default(HEALTH_CATEGORIES.present) }).strict().prefault({}),
      /** Class lower bounds of mode category on numeric columns (default: WIA < 35, 35–80, ≥ 80). */
      classes: z.array(z.number()).min(1).default([0, 35, 80]),
      /** Column whose value identifies the person: one person then gets one sample everywhere. */
      person: z.string().min(1).optional(),
    })
    .strict()
    .refine((p) => p.min <= p.max, { message: 'min must not exceed max', path: ['min'] })
    .refine((p) => p.classes.every((c, i) => i === 0 || c > p.classes[i - 1]!), { message: 'classes must be ascending', path: ['classes'] }),
  columnKinds: ['text', 'boolean', 'integer', 'numeric'],
  preservesUniqueness: false,
  // Sampled and coarse values coincide with real ones by chance; that is not a leak (no value→value map).
  outputMayEqualInput: true,
  lowCardinality: true,
  usesRowContext: true,
  mayReturnNull: (params) => params.mode === 'null',
  referencedColumns: (p) => [p.person],
  create: (params, ctx): MaskFn => {
    const kind = ctx.column.kind;
    const max = maxLengthOf(ctx.column);
    const fit = (s: string): string => (s.length > max ? s.slice(0, max) : s);
    const mode = modeFor(params.mode, kind, params.values !== undefined);
    const numeric = kind === 'integer' || kind === 'numeric';
    switch (mode) {
      case 'null':
        return () => null;
      case 'placeholder': {
        if (kind !== 'text') throw failed(`The health masker cannot write placeholder text into a ${kind} column.`, 'Use { mode: sample }, { mode: category } or { mode: null } for flags and numbers.');
        const out = fit(params.text);
        return () => out;
      }
      case 'category': {
        if (kind === 'boolean') throw failed('The health masker has no coarser category for a boolean than the value itself.', 'Use { mode: sample } (per-row rate) or { mode: null }.');
        if (numeric) {
          const bounds = params.classes;
          return (value) => {
            const v = Number(value);
            if (!NUMBER.test(value.trim()) || !Number.isFinite(v)) throw failed('The health masker got a value that is not a number in a numeric column.', 'Check the column type.');
            let i = 0;
            while (i + 1 < bounds.length && v >= bounds[i + 1]!) i++;
            return String(bounds[i]);
          };
        }
        const none = fit(params.categories.none);
        const present = fit(params.categories.present);
        return (value) => (NO_CONDITION.has(value.trim().toLowerCase()) ? none : present);
      }
      case 'sample': {
        const seed = rowSeeder(ctx, params.person);
        const stream = (row: RowContext): PrfStream => ctx.prf.stream(LABEL, seed(row));
        if (kind === 'boolean') {
          const threshold = Math.round(params.rate * 2 ** 32);
          // In the input's own notation: PostgreSQL writes t/f, MySQL's BOOLEAN (tinyint(1)) 1/0.
          return (value, row) => {
            const yes = stream(row).nextUint32() < threshold;
            const v = value.trim().toLowerCase();
            if (v === '0' || v === '1') return yes ? '1' : '0';
            if (v === 'true' || v === 'false') return yes ? 'true' : 'false';
            return yes ? 't' : 'f';
          };
        }
        if (params.values) {
          const entries: [string, number][] = Array.isArray(params.values)
            ? params.values.map((v) => [String(v), 1])
            : Object.entries(params.values);
          const shape = kind === 'integer' ? INTEGER : kind === 'numeric' ? NUMBER : null;
          if (shape && !entries.every(([v]) => shape.test(v))) throw failed(`The health masker's values do not all fit a ${kind} column.`, 'Give numbers only.');
          const usable = entries.filter(([v]) => v.length <= max);
          if (usable.length === 0 || !usable.some(([, w]) => w > 0)) throw failed('None of the health masker\'s values fits this column.', 'Give shorter values.');
          const table = new WeightedTable(usable);
          return (_value, row) => table.draw(stream(row));
        }
        if (numeric) {
          const span = params.max - params.min + 1;
          return (_value, row) => String(params.min + stream(row).uniform(span));
        }
        const phrases = HEALTH_PHRASES.filter((p) => p.length <= max);
        const list = phrases.length > 0 ? phrases : HEALTH_PHRASES.map(fit);
        return (_value, row) => list[stream(row).uniform(list.length)]!;
      }
    }
  },
});
