import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Hash } from 'node:crypto';

/** One event of a plain SQL dump read back from disk. */
export type DumpEvent =
  | { readonly kind: 'copy-start'; readonly header: string }
  | { readonly kind: 'row'; readonly fields: string[] }
  | { readonly kind: 'copy-end' }
  | { readonly kind: 'trailer' };

const COPY_START = /^COPY (.+) FROM stdin;$/;
const TRAILER = '-- maskgate: end of dump';

/**
 * Streams a dump file as events: COPY blocks with their rows, and the end-of-dump trailer.
 * `digest`, when given, receives every byte read, so the artefact's sha256 costs no second pass.
 */
export async function* readDump(path: string, digest?: Hash): AsyncGenerator<DumpEvent> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  if (digest) input.on('data', (chunk) => digest.update(chunk));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let inCopy = false;
  for await (const line of lines) {
    if (inCopy) {
      if (line === '\\.') {
        inCopy = false;
        yield { kind: 'copy-end' };
      } else yield { kind: 'row', fields: line.split('\t') };
      continue;
    }
    const m = COPY_START.exec(line);
    if (m) {
      inCopy = true;
      yield { kind: 'copy-start', header: m[1]! };
    } else if (line === TRAILER) yield { kind: 'trailer' };
  }
}
