// Recomputes the digest the run report (and so the attestation) gives for an artefact, so a recipient
// can check that what they hold is byte for byte what was verified.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { readDirectoryExport } from '../dump/directory-export.js';
import type { DumpEvent } from '../dump/dump-format.js';

/** The digest of a published artefact, or why it cannot be computed as one. */
export type ArtefactDigest =
  | { readonly ok: true; readonly kind: 'dump' | 'directory'; readonly sha256: string }
  | { readonly ok: false; readonly reason: string };

/** Drains a table file's lines: reading them is what feeds the digest. */
async function* drain(lines: AsyncIterable<string[]>): AsyncGenerator<DumpEvent[]> {
  for await (const batch of lines) void batch;
}

/**
 * sha256 of an artefact as the verifier computes it: a dump file's bytes; for a csv/jsonl directory,
 * the manifest's text followed by the sha256 of each listed file in manifest order. The directory is
 * read through the same reader the verifier uses, so the two can never compute it differently; files
 * the manifest does not list are not covered by that digest, so their presence fails the check.
 */
export async function artefactDigest(path: string): Promise<ArtefactDigest> {
  const s = await stat(path);
  const digest = createHash('sha256');
  if (s.isDirectory()) {
    try {
      for await (const batch of readDirectoryExport(path, digest, drain)) {
        const stray = batch.find((e) => e.kind === 'stray');
        if (stray) return { ok: false, reason: `the directory holds ${stray.what}` };
      }
    } catch (err) {
      return { ok: false, reason: `a file the manifest lists cannot be read (${(err as { code?: string }).code ?? 'error'})` };
    }
    return { ok: true, kind: 'directory', sha256: digest.digest('hex') };
  }
  for await (const chunk of createReadStream(path)) digest.update(chunk as Buffer);
  return { ok: true, kind: 'dump', sha256: digest.digest('hex') };
}
