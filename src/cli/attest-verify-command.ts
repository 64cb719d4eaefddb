import { readFile, stat } from 'node:fs/promises';
import { artefactDigest } from '../attest/artefact-digest.js';
import { parseAttestationText } from '../attest/attestation-file.js';
import type { Attestation } from '../attest/attestation.js';
import { ed25519PublicKey, verifyAttestation } from '../attest/signing.js';
import { MaskgateError } from '../errors.js';
import { ExitCode } from './exit-codes.js';

/** Flags of `maskgate attest verify`. */
export interface AttestVerifyOptions {
  readonly publicKey: string;
  readonly artifact?: string | undefined;
}

/** Outcome of checking one attestation: valid, or the one-line reason it is not. */
export type AttestVerifyResult =
  | { readonly valid: true; readonly attestation: Attestation; readonly message: string }
  | { readonly valid: false; readonly reason: string };

/** Reads a file the user named; a missing or unreadable one is a usage error (exit 2), not a failed check. */
async function readNamed(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new MaskgateError('USAGE', `Cannot read the ${what} ${path} (${(err as { code?: string }).code ?? 'error'}).`, { path });
  }
}

/**
 * Checks an attestation file: canonical form, Ed25519 signature by the given public key, and with
 * `artifact` that the artefact's sha256 (a dump file, or a csv/jsonl directory) is the attested one.
 * Usage problems (missing files, a bad key) throw MaskgateError (exit 2); anything about the
 * attestation or artefact not matching is returned as invalid (exit 1).
 */
export async function runAttestVerify(attestationPath: string, opts: AttestVerifyOptions): Promise<AttestVerifyResult> {
  const keyText = await readNamed(opts.publicKey, 'public key');
  let key;
  try {
    key = ed25519PublicKey(keyText);
  } catch (err) {
    throw new MaskgateError('USAGE', `--public-key ${opts.publicKey} is ${(err as Error).message}.`, { path: opts.publicKey }, 'Give the .pub file `maskgate keygen` wrote.');
  }
  const text = await readNamed(attestationPath, 'attestation');
  if (opts.artifact !== undefined && !(await stat(opts.artifact).catch(() => null))) {
    throw new MaskgateError('USAGE', `Cannot read the artefact ${opts.artifact} (ENOENT).`, { path: opts.artifact });
  }
  const parsed = parseAttestationText(text);
  if (!parsed.ok) return { valid: false, reason: parsed.reason };
  const att = parsed.attestation;
  const sig = verifyAttestation(att, key);
  if (!sig.valid) return { valid: false, reason: sig.reason };
  const summary = `result ${att.result}, run ${att.run.id}`;
  if (opts.artifact === undefined) return { valid: true, attestation: att, message: `${sig.reason}; ${summary}.` };

  const expected = att.target.sha256 ?? null;
  if (expected === null) return { valid: false, reason: `the attestation attests no artefact (result ${att.result}: nothing was published)` };
  const actual = await artefactDigest(opts.artifact);
  if (!actual.ok) return { valid: false, reason: `${opts.artifact} does not match: ${actual.reason}` };
  if (actual.sha256 !== expected) return { valid: false, reason: `${opts.artifact} has sha256 ${actual.sha256}, but the attestation attests ${expected}: it is not the verified artefact` };
  return { valid: true, attestation: att, message: `${sig.reason}; ${summary}; ${opts.artifact} matches the attested sha256 ${expected}.` };
}

/** `maskgate attest verify` CLI wrapper: exit 0 valid, 1 invalid, 2 usage. */
export async function attestVerifyCommand(attestationPath: string, opts: AttestVerifyOptions): Promise<number> {
  const r = await runAttestVerify(attestationPath, opts);
  if (r.valid) {
    process.stdout.write(`Valid: ${r.message}\n`);
    return ExitCode.OK;
  }
  process.stderr.write(`maskgate: attestation INVALID: ${r.reason}.\n`);
  return ExitCode.REFUSED;
}
