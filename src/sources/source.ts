import type { EngineName, SchemaInfo, TableInfo } from '../db/table-info.js';
import type { DumpFormat, DumpWriter } from '../dump/dump-format.js';
import type { CellValue } from '../maskers/masker.js';

/** Encodes and decodes the source's raw field form; kept columns pass raw fields through untouched. */
export interface FieldCodec {
  decode(field: string): CellValue;
  encode(value: CellValue): string;
}

/** A batch of rows, each an array of raw encoded fields in the table's column order. */
export type RowBatch = string[][];

/** A read-only, consistent view of the source database. */
export interface Source {
  readonly engine: EngineName;
  /** The engine's dump: its field codec (the form rows arrive in) and its reader. */
  readonly format: DumpFormat;
  /** Reads the catalog inside the snapshot; never a row. */
  introspect(): Promise<SchemaInfo>;
  /** The writer for a dump of these tables (taken from the last introspect()). */
  dumpWriter(tables: readonly TableInfo[]): DumpWriter;
  /** Streams a table's rows in a defined order (primary key, else whole row), with backpressure. */
  readTable(table: TableInfo): AsyncIterable<RowBatch>;
  close(): Promise<void>;
}
