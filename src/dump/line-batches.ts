import { createReadStream } from 'node:fs';
import type { Hash } from 'node:crypto';
import { wholeLines } from '../sources/whole-lines.js';

/**
 * The lines of a file in batches, one per 64 KiB chunk, read with backpressure (readline's iterator
 * buffers without bound, and a promise per line costs more than the check itself).
 */
export async function* lineBatches(path: string, digest?: Hash): AsyncGenerator<string[]> {
  const chunks = createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>;
  for await (const text of wholeLines(chunks, digest ? (c) => digest.update(c) : undefined)) yield text.split('\n');
}
