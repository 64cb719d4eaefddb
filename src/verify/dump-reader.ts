import { createReadStream } from 'node:fs';
import type { Hash } from 'node:crypto';
import { DUMP_TRAILER } from '../db/postgres/postgres-ddl.js';
import { wholeLines } from '../sources/whole-lines.js';

/** One event of a plain SQL dump read back from disk. */
export type DumpEvent =
  | { readonly kind: 'copy-start'; readonly header: string }
  | { readonly kind: 'row'; readonly fields: string[] }
  | { readonly kind: 'copy-end' }
  | { readonly kind: 'trailer' };

const COPY_START = /^COPY (.+) FROM stdin;$/;

/**
 * The lines of a file in batches, one per 64 KiB chunk, read with backpressure (readline's iterator
 * buffers without bound, and a promise per line costs more than the check itself).
 */
async function* lineBatches(path: string, digest?: Hash): AsyncGenerator<string[]> {
  const chunks = createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>;
  for await (const text of wholeLines(chunks, digest ? (c) => digest.update(c) : undefined)) yield text.split('\n');
}

/**
 * Streams a dump file as batches of events: COPY blocks with their rows, and the end-of-dump
 * trailer. `digest`, when given, receives every byte read, so the sha256 costs no second pass.
 */
export async function* readDump(path: string, digest?: Hash): AsyncGenerator<DumpEvent[]> {
  let inCopy = false;
  for await (const lines of lineBatches(path, digest)) {
    const events: DumpEvent[] = [];
    for (const line of lines) {
      if (inCopy) {
        if (line === '\\.') {
          inCopy = false;
          events.push({ kind: 'copy-end' });
        } else events.push({ kind: 'row', fields: line.split('\t') });
        continue;
      }
      const m = COPY_START.exec(line);
      if (m) {
        inCopy = true;
        events.push({ kind: 'copy-start', header: m[1]! });
      } else if (line === DUMP_TRAILER) events.push({ kind: 'trailer' });
    }
    yield events;
  }
}
