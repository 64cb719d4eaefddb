import type { Hash } from 'node:crypto';
import type { TableInfo } from '../table-info.js';
import { DUMP_TRAILER, type DumpEvent, type DumpFormat, type DumpWriter } from '../../dump/dump-format.js';
import { lineBatches } from '../../dump/line-batches.js';
import { decodeCopyField, encodeCopyField } from './postgres-copy-codec.js';
import { copyHeader, copyTarget, ddlHead, ddlTail, planDump } from './postgres-ddl.js';
import type { PgSchema, PgTable } from './postgres-introspector.js';

/** The line that opens a table's data block; the reader and the --target loader both find blocks by it. */
export const COPY_START = /^COPY (.+) FROM stdin;$/;

/** Streams a PostgreSQL dump back: COPY blocks with their rows, and the end-of-dump trailer. */
export async function* readPostgresDump(path: string, digest?: Hash): AsyncGenerator<DumpEvent[]> {
  let inCopy = false;
  for await (const lines of lineBatches(path, digest)) {
    const events: DumpEvent[] = [];
    for (const line of lines) {
      if (inCopy) {
        if (line === '\\.') {
          inCopy = false;
          events.push({ kind: 'data-end' });
        } else events.push({ kind: 'row', fields: line.split('\t') });
        continue;
      }
      const m = COPY_START.exec(line);
      if (m) {
        inCopy = true;
        events.push({ kind: 'data-start', target: m[1]! });
      } else if (line === DUMP_TRAILER) events.push({ kind: 'trailer' });
      else if (line !== '') events.push({ kind: 'schema', line });
    }
    yield events;
  }
}

/** PostgreSQL's plain SQL dump: fields in COPY text form, restored by psql. */
export const postgresDumpFormat: DumpFormat = {
  codec: { decode: decodeCopyField, encode: encodeCopyField },
  read: readPostgresDump,
  restoreHint: 'psql -v ON_ERROR_STOP=1 -d DB -f FILE',
};

/** A psql-restorable dump of the exported tables: bare tables, COPY blocks, then keys, indexes and sequences. */
export function postgresDumpWriter(schema: PgSchema, tables: readonly TableInfo[]): DumpWriter {
  const plan = planDump(schema, tables as readonly PgTable[]);
  return {
    head: () => ddlHead(plan),
    tableStart: copyHeader,
    rows: (_t, batch) => {
      let text = '';
      for (const fields of batch) text += `${fields.join('\t')}\n`;
      return text;
    },
    tableEnd: () => '\\.\n\n',
    tail: () => ddlTail(plan),
    target: copyTarget,
    droppedForeignKeys: plan.droppedForeignKeys,
  };
}
