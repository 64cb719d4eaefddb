// Who ran the tool, where, and which build of it: facts of the process, not of the report, gathered
// here so that buildAttestation() stays a pure function of its inputs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import type { AttestationExtras } from './attestation.js';

const LOCKFILE = new URL('../../package-lock.json', import.meta.url);

/** The operator's user name; containers often run as a uid without a passwd entry, where userInfo() throws. */
function operatorName(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? `uid ${process.getuid?.() ?? 'unknown'}`;
  }
}

/** sha256 of the installed tool's package-lock.json; undefined when the installation has none (an npm-installed package). */
function lockfileSha256(): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(LOCKFILE)).digest('hex');
  } catch {
    return undefined;
  }
}

/** Operator, host and lockfile digest of this process, plus the artefact kind the caller knows. */
export function attestationExtras(artefactKind: AttestationExtras['artefactKind'], env: NodeJS.ProcessEnv = process.env): AttestationExtras {
  const lock = lockfileSha256();
  return {
    operator: operatorName(env),
    host: hostname(),
    ...(artefactKind !== undefined ? { artefactKind } : {}),
    ...(lock !== undefined ? { lockfileSha256: lock } : {}),
  };
}
