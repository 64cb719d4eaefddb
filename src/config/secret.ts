import { MaskgateError } from '../errors.js';

/** Minimum secret length in bytes: 256 bits, the HMAC-SHA256 key size. */
export const MIN_SECRET_BYTES = 32;

/**
 * Reads the masking secret from MASKGATE_SECRET. It is never taken from a flag (shell history,
 * process lists) or from the rules file (checked into git).
 */
export function secretFromEnv(env: NodeJS.ProcessEnv): Uint8Array {
  const raw = env.MASKGATE_SECRET;
  if (raw === undefined || raw === '') {
    throw new MaskgateError('SECRET_MISSING', 'MASKGATE_SECRET is not set; maskgate needs a secret to mask deterministically.', {}, 'Generate one with `openssl rand -base64 48` and keep it out of the test environment: export MASKGATE_SECRET=…');
  }
  const bytes = Buffer.from(raw, 'utf8');
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new MaskgateError('SECRET_MISSING', `MASKGATE_SECRET is ${bytes.length} bytes; it must be at least ${MIN_SECRET_BYTES}.`, { bytes: bytes.length }, 'Generate one with `openssl rand -base64 48`.');
  }
  return bytes;
}
