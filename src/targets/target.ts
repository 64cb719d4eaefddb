import type { EngineName, TableRef } from '../db/table-info.js';

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
