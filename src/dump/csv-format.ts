import type { TableInfo } from '../db/table-info.js';
import type { FieldCodec } from '../sources/source.js';
import { directoryExportWriter, readDirectoryExport, type TableFileFormat } from './directory-export.js';
import type { DumpEvent, DumpFormat, DumpWriter } from './dump-format.js';

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field (RFC 4180): NULL is an empty unquoted field, the empty string is `""`. */
export function encodeCsvField(value: string | null): string {
  if (value === null) return '';
  if (value === '') return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The inverse of encodeCsvField on a raw field as the record splitter returns it (quotes kept). */
export function decodeCsvField(field: string): string | null {
  if (field === '') return null;
  if (field.charCodeAt(0) === 0x22) return field.slice(1, -1).replace(/""/g, '"');
  return field;
}

const CONVENTIONS = 'RFC 4180, UTF-8, CRLF line ends, a header row of column names. NULL is an empty unquoted field; the empty string is "". Values are the source engine\'s text forms (dates ISO, bytes as \\x hex).';

const csvFile: TableFileFormat = {
  format: 'csv',
  extension: 'csv',
  conventions: CONVENTIONS,
  header: (columns) => `${columns.map(encodeCsvField).join(',')}\r\n`,
  row: (_columns, values) => `${values.map(encodeCsvField).join(',')}\r\n`,
};

/**
 * Splits CSV text into records of raw fields (quotes kept, so NULL and "" stay apart). Quoted
 * fields may span lines; `lines` come split at \n, so a record is complete when its quotes balance.
 */
export async function* csvRecords(lines: AsyncIterable<string[]>, columns: readonly string[]): AsyncGenerator<DumpEvent[]> {
  let pending = '';
  let header = true;
  for await (const batch of lines) {
    const events: DumpEvent[] = [];
    for (let li = 0; li < batch.length; li++) {
      const line = batch[li]!;
      const text = pending === '' ? line : `${pending}\n${line}`;
      const fields = splitCsvRecord(text);
      if (fields === null) {
        pending = text;
        continue;
      }
      pending = '';
      if (fields === false) {
        events.push({ kind: 'stray', what: 'a CSV record with text after a closing quote' });
        continue;
      }
      if (fields.length === 1 && fields[0] === '' && text === '') continue; // the final line end
      if (header) {
        header = false;
        if (fields.length !== columns.length || fields.some((f, i) => decodeCsvField(f) !== columns[i])) events.push({ kind: 'stray', what: 'a CSV header that does not name the table\'s columns' });
        continue;
      }
      events.push({ kind: 'row', fields });
    }
    yield events;
  }
  if (pending !== '') yield [{ kind: 'stray', what: 'a CSV record with an unclosed quote' }];
}

/** Splits one record (without its final CRLF); null while a quoted field is still open, false when malformed. */
function splitCsvRecord(text: string): string[] | null | false {
  const end = text.endsWith('\r') ? text.length - 1 : text.length;
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    if (text.charCodeAt(i) === 0x22) {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1 || q >= end) return null;
        if (text.charCodeAt(q + 1) === 0x22) i = q + 2;
        else {
          i = q + 1;
          break;
        }
      }
    } else {
      const c = text.indexOf(',', i);
      i = c === -1 || c > end ? end : c;
    }
    fields.push(text.slice(start, i));
    if (i >= end) return fields;
    if (text.charCodeAt(i) !== 0x2c) return false;
    i++;
  }
}

/** CSV export: one RFC 4180 file per table in a directory, with a manifest. */
export const csvFormat: DumpFormat = {
  codec: { decode: decodeCsvField, encode: encodeCsvField },
  read: (path, digest) => readDirectoryExport(path, digest, csvRecords),
  restoreHint: 'one CSV file per table; see manifest.json',
};

/** The writer for a CSV export of these tables; fields arrive in the source codec. */
export function csvDumpWriter(source: FieldCodec, tables: readonly TableInfo[]): DumpWriter {
  return directoryExportWriter(source, tables, csvFile);
}
