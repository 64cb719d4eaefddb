import type { Logger } from 'pino';
import { signingKeyFromEnv } from '../attest/signing-key.js';
import { writeRunAttestation } from '../attest/write-run-attestation.js';
import { secretFromEnv } from '../config/secret.js';
import { runPipeline, type OutputFormat, type RunResult } from '../run/run-pipeline.js';
import { terminalProgress } from './output/terminal-progress.js';
import { renderRunSummary } from './output/render-text.js';
import { renderAttestationLine } from './output/render-attestation-line.js';

/** Flags of `maskgate run`. */
export interface RunCommandOptions {
  readonly config: string;
  readonly source?: string | undefined;
  readonly out?: string | undefined;
  readonly target?: string | undefined;
  readonly stagingDir?: string | undefined;
  readonly keepPrevious?: boolean | undefined;
  readonly format?: OutputFormat | undefined;
  readonly report?: string | undefined;
  readonly emitFingerprints?: string | undefined;
}

/** `maskgate run`: the thin CLI wrapper around runPipeline(); returns the exit code. */
export async function runCommand(opts: RunCommandOptions, logger: Logger): Promise<number> {
  // Read before the run: a bad MASKGATE_SIGNING_KEY is a usage error (exit 2) before any row is read.
  const signingKey = signingKeyFromEnv(process.env);
  const result: RunResult = await runPipeline({
    rulesPath: opts.config,
    sourceUrl: opts.source,
    outPath: opts.out,
    targetUrl: opts.target,
    stagingDir: opts.stagingDir,
    keepPrevious: opts.keepPrevious,
    format: opts.format,
    reportPath: opts.report,
    emitFingerprintsPath: opts.emitFingerprints,
    secret: secretFromEnv(process.env),
    env: process.env,
    logger,
    progress: terminalProgress(),
  });
  // Written for refused and failed runs too (result FAIL): the evidence that nothing was published.
  const attested = await writeRunAttestation(result, signingKey, opts.format === 'csv' || opts.format === 'jsonl' ? 'directory' : undefined);
  const text = `${renderRunSummary(result)}\n${renderAttestationLine(attested)}`;
  if (result.exitCode === 0) process.stdout.write(`${text}\n`);
  else process.stderr.write(`${text}\n`);
  return result.exitCode;
}
