import { createHash, type Hash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { qualifiedName, type TableInfo } from '../db/table-info.js';
import { MANIFEST_FILE } from '../sinks/staged-dir.js';
import type { FieldCodec } from '../sources/source.js';
import { lineBatches } from './line-batches.js';
import type { DumpEvent, DumpWriter } from './dump-format.js';

/** One table of a directory export as its manifest lists it. */
export interface ManifestTable {
  readonly table: string;
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: number;
}

/** manifest.json: written last, so an export without `complete: true` never passed for a finished one. */
export interface Manifest {
  readonly maskgate: 'export';
  readonly version: 1;
  readonly format: 'csv' | 'jsonl';
  readonly conventions: string;
  readonly tables: readonly ManifestTable[];
  readonly complete: boolean;
}

/** How a directory format writes one table's file. */
export interface TableFileFormat {
  readonly format: Manifest['format'];
  readonly extension: string;
  readonly conventions: string;
  /** Text before the rows (a CSV header). */
  header(columns: readonly string[]): string;
  /** One row from decoded values. */
  row(columns: readonly string[], values: readonly (string | null)[]): string;
}

/** `schema.table` as a file name: characters a file system might mind are percent-encoded. */
export function tableFileName(t: TableInfo, extension: string): string {
  return `${qualifiedName(t).replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}.${extension}`;
}

/** The data block's name as writer and reader both spell it. */
const targetOf = (table: string, columns: readonly string[]): string => `${table} (${columns.join(', ')})`;

/** A writer for one file per table plus the manifest; fields arrive in the source's codec and are re-encoded. */
export function directoryExportWriter(source: FieldCodec, tables: readonly TableInfo[], f: TableFileFormat): DumpWriter {
  const rows = new Map<TableInfo, number>();
  const values: (string | null)[] = [];
  return {
    layout: { file: (t) => tableFileName(t, f.extension), manifest: MANIFEST_FILE },
    head: () => '',
    tableStart: (t) => f.header(t.columns.map((c) => c.name)),
    rows: (t, batch) => {
      const columns = t.columns.map((c) => c.name);
      let out = '';
      for (const fields of batch) {
        values.length = fields.length;
        for (let i = 0; i < fields.length; i++) values[i] = source.decode(fields[i]!);
        out += f.row(columns, values);
      }
      rows.set(t, (rows.get(t) ?? 0) + batch.length);
      return out;
    },
    tableEnd: () => '',
    tail: () => {
      const manifest: Manifest = {
        maskgate: 'export', version: 1, format: f.format, conventions: f.conventions,
        tables: tables.map((t) => ({ table: qualifiedName(t), file: tableFileName(t, f.extension), columns: t.columns.map((c) => c.name), rows: rows.get(t) ?? 0 })),
        complete: true,
      };
      return `${JSON.stringify(manifest, null, 2)}\n`;
    },
    target: (t) => targetOf(qualifiedName(t), t.columns.map((c) => c.name)),
    droppedForeignKeys: [],
  };
}

/**
 * Reads a directory export back: the manifest first, then every listed file in its order, as
 * data blocks of rows. Files the manifest does not list are reported as stray: they would be
 * published without having been verified. `records` turns one file's lines into rows of fields.
 */
export async function* readDirectoryExport(
  dir: string,
  digest: Hash | undefined,
  records: (lines: AsyncIterable<string[]>, columns: readonly string[]) => AsyncGenerator<DumpEvent[]>,
): AsyncGenerator<DumpEvent[]> {
  const text = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch(() => null);
  if (text === null) {
    yield [{ kind: 'stray', what: 'an export directory without its manifest' }];
    return;
  }
  digest?.update(text);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    yield [{ kind: 'stray', what: 'a manifest that is not JSON' }];
    return;
  }
  const listed = new Set([MANIFEST_FILE, ...manifest.tables.map((t) => t.file)]);
  const unlisted = (await readdir(dir)).filter((n) => !listed.has(n));
  if (unlisted.length > 0) yield unlisted.map(() => ({ kind: 'stray', what: 'a file the manifest does not list' }) as const);
  for (const t of manifest.tables) {
    yield [{ kind: 'data-start', target: targetOf(t.table, t.columns) }];
    const fileDigest = createHash('sha256');
    yield* records(lineBatches(join(dir, t.file), fileDigest), t.columns);
    // Each file's digest feeds the export's, so the report's sha256 covers every byte in order.
    digest?.update(fileDigest.digest());
    yield [{ kind: 'data-end' }];
  }
  if (manifest.complete === true) yield [{ kind: 'trailer' }];
}
