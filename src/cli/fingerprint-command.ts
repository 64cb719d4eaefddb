import { relative } from 'node:path';
import { secretFromEnv } from '../config/secret.js';
import { fingerprintSource } from '../run/fingerprint-source.js';

/** Flags of `maskgate fingerprint`. */
export interface FingerprintCommandOptions {
  readonly config: string;
  readonly source?: string | undefined;
  readonly out: string;
}

/** `maskgate fingerprint` CLI wrapper; returns the exit code. */
export async function fingerprintCommand(opts: FingerprintCommandOptions): Promise<number> {
  const r = await fingerprintSource({ rulesPath: opts.config, sourceUrl: opts.source, outPath: opts.out, secret: secretFromEnv(process.env), env: process.env });
  const h = r.header;
  const types = Object.entries(h.types).map(([t, n]) => (n === null ? t : `${t} ${n}`)).join(', ');
  process.stdout.write(`Wrote ${relative(process.cwd(), opts.out) || opts.out}: ${h.count} fingerprints (${types}) of ${r.rows} rows in ${r.tables} tables, ${h.mode}, key ${h.keyId}.\n`
    + `It holds no value that can be tested without MASKGATE_SECRET. On the test side: MASKGATE_SECRET=… maskgate verify --input DUMP --fingerprints ${opts.out}\n`);
  return 0;
}
