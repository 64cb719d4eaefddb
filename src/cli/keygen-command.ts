import { rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateKeyPair, publicKeyId } from '../attest/signing.js';
import { MaskgateError } from '../errors.js';

/** Flags of `maskgate keygen`. */
export interface KeygenCommandOptions {
  readonly out: string;
}

/** What keygen wrote. */
export interface KeygenResult {
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
  readonly publicKeyId: string;
}

/**
 * Writes a new Ed25519 signing key pair: PREFIX.key (PKCS#8 PEM, mode 0600) and PREFIX.pub (SPKI PEM).
 * Never overwrites: replacing a signing key by accident would orphan every attestation it signed.
 */
export async function runKeygen(opts: KeygenCommandOptions): Promise<KeygenResult> {
  const privateKeyPath = `${opts.out}.key`;
  const publicKeyPath = `${opts.out}.pub`;
  if (!(await stat(dirname(privateKeyPath)).catch(() => null))?.isDirectory()) {
    throw new MaskgateError('USAGE', `The directory of --out (${dirname(privateKeyPath)}) does not exist.`, { path: opts.out }, 'Create it first, or choose another --out.');
  }
  for (const p of [privateKeyPath, publicKeyPath]) {
    if (await stat(p).catch(() => null)) throw new MaskgateError('USAGE', `${p} already exists; keygen never overwrites a key.`, { path: p }, 'Choose another --out prefix, or remove the old key pair yourself.');
  }
  const pair = generateKeyPair();
  try {
    // 'wx' fails if the file appeared since the check, instead of replacing it.
    await writeFile(privateKeyPath, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    throw new MaskgateError('IO', `Could not write ${privateKeyPath} (${(err as { code?: string }).code ?? 'error'}).`, { path: privateKeyPath });
  }
  try {
    await writeFile(publicKeyPath, pair.publicKeyPem, { mode: 0o644, flag: 'wx' });
  } catch (err) {
    await rm(privateKeyPath, { force: true });
    throw new MaskgateError('IO', `Could not write ${publicKeyPath} (${(err as { code?: string }).code ?? 'error'}).`, { path: publicKeyPath });
  }
  return { privateKeyPath, publicKeyPath, publicKeyId: publicKeyId(pair.publicKeyPem) };
}

/** `maskgate keygen` CLI wrapper; returns the exit code. */
export async function keygenCommand(opts: KeygenCommandOptions): Promise<number> {
  const r = await runKeygen(opts);
  process.stdout.write(`Wrote ${r.privateKeyPath} (private, mode 0600: keep it out of the test environment; sign runs with MASKGATE_SIGNING_KEY=${r.privateKeyPath})\n`);
  process.stdout.write(`and ${r.publicKeyPath} (public: give it to whoever checks attestations with \`maskgate attest verify\`).\n`);
  process.stdout.write(`publicKeyId: ${r.publicKeyId}\n`);
  return 0;
}
