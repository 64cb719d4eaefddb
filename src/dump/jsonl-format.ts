import type { TableInfo } from '../db/table-info.js';
import type { FieldCodec } from '../sources/source.js';
import { directoryExportWriter, readDirectoryExport, type TableFileFormat } from './directory-export.js';
import type { DumpEvent, DumpFormat, DumpWriter } from './dump-format.js';

const CONVENTIONS = 'One JSON object per line, keys in column order. Every value is the source engine\'s text form as a JSON string (numbers, dates and JSON columns included, so nothing loses precision); NULL is null.';

const jsonlFile: TableFileFormat = {
  format: 'jsonl',
  extension: 'jsonl',
  conventions: CONVENTIONS,
  header: () => '',
  row: (columns, values) => {
    let out = '{';
    for (let i = 0; i < columns.length; i++) out += `${i === 0 ? '' : ','}${JSON.stringify(columns[i])}:${JSON.stringify(values[i])}`;
    return `${out}}\n`;
  },
};

/** Rows of a JSONL file: each field is its value as JSON text (`null` or a string). */
async function* jsonlRecords(lines: AsyncIterable<string[]>, columns: readonly string[]): AsyncGenerator<DumpEvent[]> {
  for await (const batch of lines) {
    const events: DumpEvent[] = [];
    for (const line of batch) {
      if (line === '') continue;
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch {
        events.push({ kind: 'stray', what: 'a JSONL line that is not JSON' });
        continue;
      }
      // By name, not by Object.keys order: JavaScript lists integer-like keys ("2024") first.
      const record = obj !== null && typeof obj === 'object' && !Array.isArray(obj) ? (obj as Record<string, unknown>) : null;
      const values = record ? columns.map((c) => (Object.hasOwn(record, c) ? record[c] : undefined)) : [];
      if (!record || Object.keys(record).length !== columns.length || values.some((v) => v !== null && typeof v !== 'string')) {
        events.push({ kind: 'stray', what: 'a JSONL line that is not an object of the table\'s columns' });
        continue;
      }
      events.push({ kind: 'row', fields: values.map((v) => JSON.stringify(v)) });
    }
    yield events;
  }
}

/** JSON Lines export: one file per table in a directory, with a manifest. */
export const jsonlFormat: DumpFormat = {
  codec: { decode: (f) => JSON.parse(f) as string | null, encode: (v) => JSON.stringify(v) },
  read: (path, digest) => readDirectoryExport(path, digest, jsonlRecords),
  restoreHint: 'one JSON Lines file per table; see manifest.json',
};

/** The writer for a JSONL export of these tables; fields arrive in the source codec. */
export function jsonlDumpWriter(source: FieldCodec, tables: readonly TableInfo[]): DumpWriter {
  return directoryExportWriter(source, tables, jsonlFile);
}
