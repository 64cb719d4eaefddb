/**
 * Re-chunks a byte stream at line ends: each yielded string holds whole lines only (joined by
 * '\n', without the last newline), one per incoming chunk that completes a line. A newline byte
 * never occurs inside a multi-byte UTF-8 sequence, so cutting there is safe. Used for COPY output
 * and for reading the staged dump back, both with the source's own backpressure.
 */
export async function* wholeLines(chunks: AsyncIterable<Buffer>, onChunk?: (chunk: Buffer) => void): AsyncGenerator<string> {
  let rest: Buffer | null = null;
  for await (const chunk of chunks) {
    onChunk?.(chunk);
    const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    const end = buf.lastIndexOf(10);
    if (end < 0) {
      rest = buf;
      continue;
    }
    rest = end + 1 < buf.length ? buf.subarray(end + 1) : null;
    yield buf.toString('utf8', 0, end);
  }
  if (rest && rest.length > 0) yield rest.toString('utf8');
}
