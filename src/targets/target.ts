import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { EngineName, TableRef } from '../db/table-info.js';
import { MaskgateError } from '../errors.js';

/** What a load into a target database needs: the verified dump and what it holds. */
export interface LoadRequest {
  /** The staged dump exactly as verified. */
  readonly dumpPath: string;
  /** sha256 the verifier computed; the loader refuses to commit bytes that differ. */
  readonly sha256: string;
  /** The exported tables (their schemas are what the swap replaces on PostgreSQL). */
  readonly tables: readonly TableRef[];
  /** Keep what the target held before as a dated backup schema/database instead of dropping it. */
  readonly keepPrevious: boolean;
  /** Names the backup; the run's start time. */
  readonly startedAt: Date;
}

/** What a finished load did, for the report. */
export interface LoadResult {
  readonly engine: EngineName;
  /** Backup schemas (PostgreSQL) or database (MySQL) kept by --keep-previous; empty otherwise. */
  readonly previous: readonly string[];
  readonly rows: number;
}

/** `yyyymmddhhmmss` in UTC, for backup names. */
export function stamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * Refuses a staged dump whose bytes are no longer the ones verified, before a single statement of it
 * runs: SQL in a changed file could commit on its own. The loaders check again while loading.
 */
export async function checkDigest(req: LoadRequest): Promise<void> {
  const digest = createHash('sha256');
  for await (const chunk of createReadStream(req.dumpPath)) digest.update(chunk as Buffer);
  if (digest.digest('hex') !== req.sha256) {
    throw new MaskgateError('IO', 'The staged dump changed after verification; nothing was loaded.', {}, 'Another process may be writing in the staging directory; run again.');
  }
}
