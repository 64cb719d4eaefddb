import type { Hash } from 'node:crypto';
import type { TableInfo } from '../db/table-info.js';
import type { FieldCodec } from '../sources/source.js';

/** The last line of every complete dump, whatever the engine; verification refuses a dump without it. */
export const DUMP_TRAILER = '-- maskgate: end of dump';

/** One event of a dump read back from disk. */
export type DumpEvent =
  /** A table's data block opens; `target` names the table and its columns as the writer spelled them. */
  | { readonly kind: 'data-start'; readonly target: string }
  | { readonly kind: 'row'; readonly fields: string[] }
  | { readonly kind: 'data-end' }
  | { readonly kind: 'trailer' }
  /** A line of the dump outside the data (DDL: DEFAULTs, COMMENTs, CHECKs, ENUM labels can hold values too). */
  | { readonly kind: 'schema'; readonly line: string }
  /** A line the format does not allow where it stands: the dump is not what the writer wrote. */
  | { readonly kind: 'stray'; readonly what: string };

/** Streams a staged dump back as batches of events; `digest` receives every byte read. */
export type DumpReader = (path: string, digest?: Hash) => AsyncGenerator<DumpEvent[]>;

/** Writes one engine's dump: the pipeline calls these in order and writes what they return. */
export interface DumpWriter {
  /** Settings and schema before any data. */
  head(): string;
  /** Opens a table's data block. */
  tableStart(table: TableInfo): string;
  /** One batch of rows, each an array of fields in the source codec's form. */
  rows(table: TableInfo, batch: readonly (readonly string[])[]): string;
  /** Closes a table's data block. */
  tableEnd(table: TableInfo): string;
  /** Constraints, indexes, sequence values and the trailer. */
  tail(): string;
  /** The `target` its reader reports for this table's data block. */
  target(table: TableInfo): string;
  /** Present for directory exports (csv, jsonl): the file each table goes to, and the manifest the tail is written to. */
  readonly layout?: { file(table: TableInfo): string; readonly manifest: string };
  /** Foreign keys into skipped tables, left out of the dump and reported. */
  readonly droppedForeignKeys: readonly { readonly table: string; readonly constraint: string; readonly references: string }[];
}

/** How one engine's dump is written and read back: the field codec and the reader the verifier uses. */
export interface DumpFormat {
  readonly codec: FieldCodec;
  readonly read: DumpReader;
  /** How a user restores it, for the summary and the dump's first line. */
  readonly restoreHint: string;
}
