import { hostname } from 'node:os';
import { relative } from 'node:path';
import { secretFromEnv } from '../config/secret.js';
import { writeReport } from '../report/run-report.js';
import { TOOL_VERSION } from '../run/tool-version.js';
import { verifyInput, type VerifyReport } from '../run/verify-input.js';
import { renderJunit } from './output/render-junit.js';
import { renderSarif } from './output/render-sarif.js';
import { renderVerification } from './output/render-text.js';

/** Output formats of `verify --format`. */
export const VERIFY_FORMATS = ['text', 'json', 'junit', 'sarif'] as const;

/** Flags of `maskgate verify`. */
export interface VerifyCommandOptions {
  readonly input: string;
  readonly fingerprints?: string | undefined;
  readonly config?: string | undefined;
  readonly format: (typeof VERIFY_FORMATS)[number];
  readonly report?: string | undefined;
}

/** The secret when MASKGATE_SECRET is set (then it must be valid), else null: verify needs it only for fingerprints. */
function optionalSecret(env: NodeJS.ProcessEnv): Uint8Array | null {
  return env.MASKGATE_SECRET === undefined || env.MASKGATE_SECRET === '' ? null : secretFromEnv(env);
}

/** The human rendering of a verify report. */
export function renderVerifySummary(r: VerifyReport, cwd = process.cwd()): string {
  const rows = r.tables.reduce((n, t) => n + t.rows, 0);
  const lines = [
    r.result === 'passed'
      ? `PASSED: ${relative(cwd, r.input.path) || r.input.path} (${r.tables.length} tables, ${rows} rows) holds no personal data that verify could find.`
      : `REFUSED: ${relative(cwd, r.input.path) || r.input.path} holds what looks like real personal data. Do not load it.`,
    ...r.scope.map((s) => `  ${s}`),
  ];
  if (r.verification) lines.push(...renderVerification(r.verification));
  return lines.join('\n');
}

/** `maskgate verify` CLI wrapper: verifies, writes the report, prints the chosen format; returns the exit code. */
export async function verifyCommand(opts: VerifyCommandOptions): Promise<number> {
  const report = await verifyInput({ inputPath: opts.input, rulesPath: opts.config, fingerprintsPath: opts.fingerprints, secret: optionalSecret(process.env), env: process.env });
  if (opts.report) await writeReport(opts.report, report);
  const v = report.verification!;
  let text: string;
  if (opts.format === 'json') text = `${JSON.stringify(report, null, 2)}\n`;
  else if (opts.format === 'junit') text = renderJunit(v, { name: `maskgate verify ${relative(process.cwd(), report.input.path) || report.input.path}`, timestamp: report.startedAt.replace(/\.\d+Z$/, ''), hostname: hostname(), seconds: (report.timings?.verifyMs ?? 0) / 1000 });
  else if (opts.format === 'sarif') text = renderSarif(v, { artifactUri: relative(process.cwd(), report.input.path) || report.input.path, version: TOOL_VERSION });
  else text = `${renderVerifySummary(report)}\n`;
  // Machine formats go to stdout whatever the verdict, so `> verify.xml` captures them.
  if (opts.format !== 'text' || report.exitCode === 0) process.stdout.write(text);
  else process.stderr.write(text);
  return report.exitCode;
}

