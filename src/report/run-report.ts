import { writeFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { EngineName } from '../db/table-info.js';
import type { Finding } from '../verify/finding.js';
import type { LayerSummary } from '../verify/verifier.js';

/** Versioned JSON report of one run. It holds locations, counts and redacted previews, never values. */
export interface RunReport {
  readonly reportVersion: 1;
  readonly tool: { readonly name: 'maskgate'; readonly version: string };
  readonly runId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly result: 'published' | 'refused' | 'failed';
  readonly exitCode: number;
  readonly keyId: string;
  readonly rules: { readonly path: string; readonly sha256: string };
  readonly source: { readonly engine: EngineName };
  /** The dump file; path null when only a target database was given. */
  readonly output: { readonly path: string | null; readonly published: boolean; readonly sha256?: string; readonly bytes?: number };
  /** The target database (--target): whether the verified dump was swapped in, and backups kept by --keep-previous. */
  readonly target?: { readonly engine: EngineName; readonly loaded: boolean; readonly previous: readonly string[]; readonly rows: number };
  readonly tables: readonly TableReport[];
  /** The fingerprint file written by --emit-fingerprints: where, how many, exact (sorted) or Bloom. */
  readonly fingerprints?: { readonly path: string; readonly count: number; readonly mode: string };
  readonly skippedTables: readonly string[];
  /** Foreign keys left out of the dump because they reference a skipped table. */
  readonly droppedForeignKeys: readonly { readonly table: string; readonly constraint: string; readonly references: string }[];
  /** Wall-clock milliseconds of reading + masking + staging, and of verifying the staged dump. */
  readonly timings?: { readonly maskMs: number; readonly verifyMs?: number; readonly loadMs?: number };
  readonly verification?: ReportVerification;
  readonly error?: { readonly code: string; readonly message: string };
}

/** The verification part of a run or verify report: the verdict, each layer's counts, and the findings. */
export interface ReportVerification {
  readonly passed: boolean;
  readonly layers: readonly LayerSummary[];
  readonly findings: readonly Finding[];
  readonly unlistedFindings: number;
  /** How many of the unlisted findings refuse. */
  readonly unlistedErrors?: number;
}

/** Per-table part of the report. */
export interface TableReport {
  readonly table: string;
  readonly rows: number;
  /** `reason`: why a kept column is safe to keep, as the rules file states it. */
  readonly columns: readonly { readonly column: string; readonly masker: string; readonly reason?: string }[];
}

/** Writes a report (run or verify) atomically (temporary name, then rename), so a reader never sees half a report. */
export async function writeReport(path: string, report: object): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o644 });
  await rename(tmp, path);
}
