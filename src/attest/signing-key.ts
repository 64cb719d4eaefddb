// MASKGATE_SIGNING_KEY: the Ed25519 private key that signs run attestations. Read and checked before a
// run reads any data, so a wrong key stops the run with a usage error (exit 2) instead of producing a
// masked dump whose attestation then cannot be signed.
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { MaskgateError } from '../errors.js';
import { ed25519PrivateKey } from './signing.js';

/** The signing key from MASKGATE_SIGNING_KEY (PEM text, or the path of a PEM file); null when unset. Never echoes the variable's value. */
export function signingKeyFromEnv(env: NodeJS.ProcessEnv): KeyObject | null {
  const raw = env.MASKGATE_SIGNING_KEY;
  if (raw === undefined || raw.trim() === '') return null;
  let pem: string;
  if (raw.includes('-----BEGIN')) {
    // CI secret stores often hold a PEM with its newlines written as the two characters \n.
    pem = raw.includes('\n') ? raw : raw.replace(/\\n/g, '\n');
  } else {
    try {
      pem = readFileSync(raw.trim(), 'utf8');
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'unreadable';
      throw new MaskgateError('USAGE', `MASKGATE_SIGNING_KEY is neither PEM text nor a readable key file (${code}).`, {}, 'Set it to the path of the .key file `maskgate keygen` wrote, or to the PEM text itself; unset it to write an unsigned attestation.');
    }
  }
  try {
    return ed25519PrivateKey(pem);
  } catch (err) {
    throw new MaskgateError('USAGE', `MASKGATE_SIGNING_KEY is ${(err as Error).message}.`, {}, 'Make a key with `maskgate keygen --out PREFIX` and point MASKGATE_SIGNING_KEY at PREFIX.key.');
  }
}
