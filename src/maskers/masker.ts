import type { z } from 'zod';
import type { ColumnInfo, ColumnKind, TableRef } from '../db/table-info.js';
import type { KeyedPrf } from '../keyed/keyed-prf.js';

/** A cell as the pipeline sees it: the engine's text form, or null. */
export type CellValue = string | null;

/** Read-only view of the source row a value belongs to, for maskers that need row context. */
export interface RowContext {
  /** Stable row identity (primary-key values joined), used to seed per-row sampling. */
  readonly key: string;
  /** The source value of another column in the same row. */
  get(column: string): CellValue;
}

/** What a masker gets once per column when the run is planned. */
export interface MaskerContext {
  readonly prf: KeyedPrf;
  readonly table: TableRef;
  readonly column: ColumnInfo;
  /**
   * Whether outputs must be collision-free: true when this column, or any other column using the
   * same masker in this run, is unique. Probing maskers then share a `UniquePool` (unique-pool.ts)
   * across all those columns, so the fake in a unique key equals the fake in its references.
   */
  readonly unique: boolean;
  /**
   * The `unique` flag another masker would get in this run, for maskers that build others (`json`,
   * `scrub`): a nested BSN must draw from the same pool as a unique BSN column, or the fakes differ.
   */
  readonly uniqueFor?: (masker: string) => boolean;
  /**
   * Whether a canonical full name (leak-tokens.ts sourceCanon('name')) belonged to a person in a
   * source table read earlier in this run. scrub uses it to find people no name list knows.
   */
  readonly isSourceName?: (canon: string) => boolean;
  /** The planner's row estimate of this table (pg_class.reltuples), for sizing run-wide state. */
  readonly expectedRows?: number;
  /**
   * Run-scoped state shared by every column that uses the same key, e.g. the uniqueness map of
   * the BSN generator, so that `patient.bsn` and `claim.bsn` draw from one pool.
   */
  shared<T>(key: string, init: () => T): T;
}

/** Personal-data types the exact-match layer (L5) fingerprints in the source and looks for in the output. */
export type LeakType = 'bsn' | 'iban' | 'plate' | 'email' | 'phone' | 'name';

/** What a masker's input holds, for L5: an identifier type, or one part of a person's name. */
export type InputKind = Exclude<LeakType, 'name'> | 'first_name' | 'last_name' | 'tussenvoegsel' | 'initials' | 'full_name';

/** The per-value function a masker returns; it is called for non-null values only. */
export type MaskFn = (value: string, row: RowContext) => CellValue;

/**
 * Definition of a masker: data that drives rules validation, `maskgate maskers` and the docs.
 * The name is part of the rules-file contract; renaming one breaks users' rules.
 */
export interface MaskerDefinition<P extends z.ZodType = z.ZodType> {
  readonly name: string;
  /** One line for `maskgate maskers` and the README table. */
  readonly summary: string;
  /** Options as a strict zod object (everything except the `mask` key). */
  readonly params: P;
  /** Column kinds this masker accepts; checked against introspection before any row moves. */
  readonly columnKinds: readonly ColumnKind[] | 'any';
  /** Whether distinct inputs always give distinct outputs (needed on unique columns). */
  readonly preservesUniqueness: boolean;
  /**
   * Whether an output equal to its input is expected and is not a leak (true for `keep`,
   * or for maskers whose output does not depend on the input such as `null`).
   */
  readonly outputMayEqualInput: boolean;
  /**
   * Whether the masker samples a few values per row (nationality, education level, health): its output
   * equals the row's own source value now and then by chance, so verification compares how often that
   * happens with the chance rate instead of refusing any equal value. Only for per-row sampling: a
   * value-keyed masker (tussenvoegsel) repeats its coincidences for every row of a value, so the
   * independent-draw chance rate does not apply to it.
   */
  readonly lowCardinality?: boolean;
  /**
   * Whether the output depends on the row (per-row sampling), not only on the value. Value-only
   * maskers get a per-column memo cache, since names, cities and dates repeat a lot.
   */
  readonly usesRowContext?: boolean;
  /** Whether the masker can write NULL with these options; such a rule is refused on NOT NULL columns. */
  readonly mayReturnNull?: (params: z.infer<P>) => boolean;
  /**
   * Columns of the same table that the options name (`gender`, `person`, scrub's `names`, …). The
   * planner refuses a name that does not exist: a typo would otherwise silently change the masking.
   */
  readonly referencedColumns?: (params: z.infer<P>) => readonly (string | undefined)[];
  /**
   * Verification layer L6 (dutch-pii.md §0.4): a test that an output value lies in the range only
   * this masker generates with these options (00-block BSNs, reserved e-mail domains, the fake bank
   * code), or null when the masker has no such range. A value outside it means the masker did not
   * run on that cell, whatever the reason.
   */
  readonly generatorRange?: (params: z.infer<P>) => ((output: string) => boolean) | null;
  /**
   * What the masker's input holds. The pipeline fingerprints every source value of such a column
   * (names as whole names, per row) and L5 refuses any output cell that still holds one.
   */
  readonly input?: InputKind;
  /**
   * The pattern-layer type its fakes are found as in text (`postcode`, `date`), when that differs
   * from `input` or the masker has none: json vouches for such hits on its paths.
   */
  readonly patternType?: string;
  /**
   * Types whose real values this masker's fakes may coincide with, because it draws from the space
   * real values live in (phone numbers, plates, names from lists). An L5 hit of such a type in this
   * masker's own column is a warning, not a refusal: the unchanged-value layer has already proved
   * that the cell differs from its row's source value.
   */
  readonly coincidesWith?: (params: z.infer<P>) => readonly LeakType[];
  /**
   * The real information about the person that survives in an output value, for the k-anonymity
   * layer (dutch-pii.md §6): the real year under `birth_date { keep: year }`, the real PC4 under
   * `postcode { mode: same-pc4 }`, everything under `keep`. Absent or null: the output is synthetic
   * and contributes nothing to a quasi-identifier class.
   */
  readonly realPart?: (params: z.infer<P>) => ((output: string) => string) | null;
  /**
   * Verification layer L4 over the output of maskers that keep free text (`scrub`, `json`): whether
   * a detector hit of `type` ('bsn', 'iban', 'plate', 'email', 'phone') is something this masker
   * writes itself, such as a 00-block BSN. Hits it does not vouch for are findings, as in kept text.
   */
  readonly writesPattern?: (params: z.infer<P>) => (type: string, match: string) => boolean;
  /** Builds the per-value function. Throwing here or in the function fails the run. */
  create(params: z.infer<P>, ctx: MaskerContext): MaskFn;
}

/** Declares a masker with its option types inferred from the zod schema. */
export function defineMasker<P extends z.ZodType>(d: MaskerDefinition<P>): MaskerDefinition<P> {
  return Object.freeze(d);
}
