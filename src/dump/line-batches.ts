import { createReadStream } from 'node:fs';
import type { Hash } from 'node:crypto';
import { createGunzip } from 'node:zlib';
import { wholeLines } from '../sources/whole-lines.js';

/**
 * The lines of a file in batches, one per 64 KiB chunk, read with backpressure (readline's iterator
 * buffers without bound, and a promise per line costs more than the check itself). `digest` sees
 * the file's bytes as stored; with `gunzip`, a file that starts with gzip's magic bytes is
 * decompressed on the way (dumps handed to `verify` are often gzipped).
 */
export async function* lineBatches(path: string, digest?: Hash, opts: { gunzip?: boolean } = {}): AsyncGenerator<string[]> {
  const file = createReadStream(path, { highWaterMark: 1 << 16 });
  if (!opts.gunzip) {
    for await (const text of wholeLines(file as AsyncIterable<Buffer>, digest ? (c) => digest.update(c) : undefined)) yield text.split('\n');
    return;
  }
  const raw = file as AsyncIterable<Buffer>;
  const it = raw[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head: Buffer = first.value;
  async function* rest(): AsyncGenerator<Buffer> {
    digest?.update(head);
    yield head;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      digest?.update(r.value);
      yield r.value;
    }
  }
  const gz = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  let chunks: AsyncIterable<Buffer> = rest();
  if (gz) {
    const gunzip = createGunzip();
    const source = rest();
    // Feed with backpressure; errors of either side end the iteration below.
    void (async () => {
      try {
        for await (const c of source) if (!gunzip.write(c)) await new Promise((r) => gunzip.once('drain', r));
        gunzip.end();
      } catch (err) {
        gunzip.destroy(err as Error);
      }
    })();
    chunks = gunzip as AsyncIterable<Buffer>;
  }
  try {
    for await (const text of wholeLines(chunks)) yield text.split('\n');
  } finally {
    file.destroy();
  }
}
