import type { z } from 'zod';
import type { verifySchema } from './rules-schema.js';
/** Where something was written in a rules file (1-based line and column). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** A column's masker with its validated options. */
export interface ColumnRule {
  readonly masker: string;
  /** Output of the masker's `params` schema, defaults applied; pass it to `create()`. */
  readonly params: unknown;
  readonly at: SourceLocation;
}

/** What to do with one table: leave it out of the output, or mask it column by column. */
export type TableRule =
  | { readonly kind: 'skip'; readonly at: SourceLocation }
  | { readonly kind: 'columns'; readonly columns: ReadonlyMap<string, ColumnRule>; readonly at: SourceLocation; readonly quasiIdentifiers?: readonly string[] };

/** The `verify:` section of the rules file. */
export type VerifySettings = z.infer<typeof verifySchema>;

/** A loaded, fully validated rules file. */
export interface RulesFile {
  readonly path: string;
  readonly version: 1;
  /** After `${ENV}` interpolation; may hold a password, so never print or log it. */
  readonly source?: string;
  /** Keys exactly as written: `public.aanvragers` or a bare `aanvragers` (default schema). */
  readonly tables: ReadonlyMap<string, TableRule>;
  /** Values the pattern layer accepts in kept text (the `allow:` list), as written. */
  readonly allow?: readonly string[];
  readonly verify?: VerifySettings;
  /** Hex SHA-256 of the raw file bytes, for the attestation. */
  readonly sha256: string;
}
