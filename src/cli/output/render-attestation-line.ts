import { relative } from 'node:path';
import type { RunAttestationOutcome } from '../../attest/write-run-attestation.js';

/** One line about the attestation a run wrote: where, and whether it is signed (or why none was written); `unsignedNote` says how to sign. */
export function renderAttestationLine(a: RunAttestationOutcome, unsignedNote = 'set MASKGATE_SIGNING_KEY to sign it', cwd = process.cwd()): string {
  if (!a.written) return `maskgate: warning: no attestation was written: ${a.reason}.`;
  const rel = (p: string): string => relative(cwd, p) || p;
  const sig = a.attestation.signature;
  return `Attestation (${a.attestation.result}): ${rel(a.paths.json)}, ${sig ? `signed by key ${sig.publicKeyId}` : `unsigned (${unsignedNote})`}; readable as ${rel(a.paths.html)} and ${rel(a.paths.markdown)}.`;
}
