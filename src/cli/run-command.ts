import type { Logger } from 'pino';
import { secretFromEnv } from '../config/secret.js';
import { runPipeline, type OutputFormat, type RunResult } from '../run/run-pipeline.js';
import { terminalProgress } from './output/terminal-progress.js';
import { renderRunSummary } from './output/render-text.js';

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
}

/** `maskgate run`: the thin CLI wrapper around runPipeline(); returns the exit code. */
export async function runCommand(opts: RunCommandOptions, logger: Logger): Promise<number> {
  const result: RunResult = await runPipeline({
    rulesPath: opts.config,
    sourceUrl: opts.source,
    outPath: opts.out,
    targetUrl: opts.target,
    stagingDir: opts.stagingDir,
    keepPrevious: opts.keepPrevious,
    format: opts.format,
    reportPath: opts.report,
    secret: secretFromEnv(process.env),
    env: process.env,
    logger,
    progress: terminalProgress(),
  });
  const text = renderRunSummary(result);
  if (result.exitCode === 0) process.stdout.write(`${text}\n`);
  else process.stderr.write(`${text}\n`);
  return result.exitCode;
}
