import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Repository root, for paths to fixtures and rules. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/maskgate.js', import.meta.url));

/** A test secret: 32+ bytes, fictional, used only by tests. */
export const TEST_SECRET = 'maskgate-test-secret-0123456789-abcdefghijklmnop';

/** Result of one CLI invocation. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the real CLI (bin/maskgate.js → dist/) with a clean environment plus `env`. */
export function startCli(args: string[], env: Record<string, string | undefined> = {}, cwd = ROOT): { child: ChildProcess; done: Promise<CliResult> } {
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MASKGATE_SECRET: TEST_SECRET };
  const merged = { ...base, ...env };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: merged as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the real CLI to completion. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, cwd = ROOT): Promise<CliResult> {
  return startCli(args, env, cwd).done;
}
