// The step `run` and `demo` take after the pipeline returns: build the attestation from the report the
// pipeline just wrote, sign it when a key is configured, and write it with its renderings next to the report.
import type { KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import type { RunResult } from '../run/run-pipeline.js';
import { attestationExtras } from './attestation-extras.js';
import { attestationPaths, writeAttestationFiles, type AttestationPaths } from './attestation-file.js';
import { buildAttestation, type Attestation, type AttestationExtras, type AttestationInput } from './attestation.js';
import { signAttestation } from './signing.js';

/** What writeRunAttestation() wrote, or why it could not. */
export type RunAttestationOutcome =
  | { readonly written: true; readonly paths: AttestationPaths; readonly attestation: Attestation }
  | { readonly written: false; readonly reason: string };

/**
 * Writes `<report stem>.attestation.json|.md|.html` for a finished run (published, refused or
 * failed), signed with `signingKey` or with `signature: null`. It never throws: the run's outcome is
 * already decided and published, so a write failure is reported, not turned into another exit code.
 */
export async function writeRunAttestation(result: RunResult, signingKey: KeyObject | null, artefactKind?: AttestationExtras['artefactKind']): Promise<RunAttestationOutcome> {
  return writeAttestation(result.report, result.reportPath, result.outPath, signingKey, artefactKind);
}

/**
 * The same for any report the attestation can be built from (a run's, or `verify`'s): written as
 * `<report stem>.attestation.*`, never over `protect` (the artefact itself). Never throws.
 */
export async function writeAttestation(report: AttestationInput, reportPath: string, protect: string | null, signingKey: KeyObject | null, artefactKind?: AttestationExtras['artefactKind']): Promise<RunAttestationOutcome> {
  const paths = attestationPaths(reportPath);
  // An --out named like the attestation must not be overwritten by it.
  if (protect !== null && Object.values(paths).some((p) => resolve(p) === resolve(protect))) {
    return { written: false, reason: `the attestation would overwrite ${protect}` };
  }
  try {
    const unsigned = buildAttestation(report, attestationExtras(artefactKind));
    const attestation = signingKey ? signAttestation(unsigned, signingKey) : unsigned;
    await writeAttestationFiles(paths, attestation);
    return { written: true, paths, attestation };
  } catch (err) {
    return { written: false, reason: `${(err as { code?: string }).code ?? (err as Error)?.name ?? 'error'} while writing ${paths.json}` };
  }
}
