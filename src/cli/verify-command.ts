import { hostname } from 'node:os';
import { relative, resolve } from 'node:path';
import type { AttestationInput } from '../attest/attestation.js';
import { signingKeyFromEnv } from '../attest/signing-key.js';
import { writeAttestation } from '../attest/write-run-attestation.js';
import { renderAttestationLine } from './output/render-attestation-line.js';
import { secretFromEnv } from '../config/secret.js';
import { MaskgateError } from '../errors.js';
import { ExitCode } from './exit-codes.js';
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
  readonly input?: string | undefined;
  readonly target?: string | undefined;
  readonly fingerprints?: string | undefined;
  readonly config?: string | undefined;
  readonly format: (typeof VERIFY_FORMATS)[number];
  /** JSON report; default `<input>.verify.report.json`. The attestation goes next to it. */
  readonly report?: string | undefined;
}

/** MASKGATE_SECRET when --fingerprints needs it (then it must be valid), else null: nothing else in verify is keyed by it. */
function secretForFingerprints(env: NodeJS.ProcessEnv, fingerprints: string | undefined): Uint8Array | null {
  if (fingerprints === undefined) return null;
  return env.MASKGATE_SECRET === undefined || env.MASKGATE_SECRET === '' ? null : secretFromEnv(env);
}

/** The human rendering of a verify report. */
export function renderVerifySummary(r: VerifyReport, cwd = process.cwd()): string {
  const rows = r.tables.reduce((n, t) => n + t.rows, 0);
  const where = r.input.kind === 'database' ? `the database ${r.input.path}` : relative(cwd, r.input.path) || r.input.path;
  const lines = [
    r.result === 'passed'
      ? `PASSED: ${where} (${r.tables.length} table${r.tables.length === 1 ? '' : 's'}, ${rows} rows) holds no personal data that verify could find.`
      : `REFUSED: ${where} holds what looks like real personal data. Do not load it.`,
    ...r.scope.map((s) => `  ${s}`),
  ];
  if (r.verification) lines.push(...renderVerification(r.verification));
  return lines.join('\n');
}

/** `maskgate verify` CLI wrapper: verifies, writes the report, prints the chosen format; returns the exit code. */
export async function verifyCommand(opts: VerifyCommandOptions): Promise<number> {
  // Read before verifying: a bad MASKGATE_SIGNING_KEY is a usage error (exit 2), not a late surprise.
  const signingKey = signingKeyFromEnv(process.env);
  if (opts.report && opts.input && resolve(opts.report) === resolve(opts.input)) throw new MaskgateError('USAGE', '--report must differ from --input: it would overwrite what is being verified.');
  const report = await verifyInput({ inputPath: opts.input, targetUrl: opts.target, rulesPath: opts.config, fingerprintsPath: opts.fingerprints, secret: secretForFingerprints(process.env, opts.fingerprints), env: process.env });
  const reportPath = resolve(opts.report ?? (report.input.kind === 'database' ? 'maskgate-verify.report.json' : `${report.input.path.replace(/\/+$/, '')}.verify.report.json`));
  const notes: string[] = [];
  // The report and attestation are the evidence of the check: a verify that cannot write them fails (exit 3).
  let evidence = true;
  await writeReport(reportPath, report).catch((err: NodeJS.ErrnoException) => {
    evidence = false;
    notes.push(`maskgate: could not write the report ${reportPath} (${err.code ?? 'error'}); choose a writable --report.`);
  });
  // The evidence of this check, like a run's: what was read (its sha256), which layers ran, the verdict.
  const input: AttestationInput = {
    kind: 'verify', tool: report.tool, runId: report.runId, startedAt: report.startedAt, finishedAt: report.finishedAt, result: report.result, exitCode: report.exitCode,
    ...(report.keyId ? { keyId: report.keyId } : {}),
    ...(report.rules ? { rules: report.rules } : {}),
    ...(report.input.engine ? { source: { engine: report.input.engine } } : {}),
    output: { path: report.input.kind === 'database' ? null : report.input.path, published: false, ...(report.input.sha256 ? { sha256: report.input.sha256 } : {}), ...(report.input.bytes !== undefined ? { bytes: report.input.bytes } : {}) },
    ...(report.verification ? { verification: report.verification } : {}),
  };
  const attested = await writeAttestation(input, reportPath, report.input.kind === 'database' ? null : report.input.path, signingKey, report.input.kind);
  if (!attested.written) evidence = false;
  notes.push(renderAttestationLine(attested));
  const v = report.verification!;
  let text: string;
  if (opts.format === 'json') text = `${JSON.stringify(report, null, 2)}\n`;
  else if (opts.format === 'junit') text = renderJunit(v, { name: `maskgate verify ${relative(process.cwd(), report.input.path) || report.input.path}`, timestamp: report.startedAt.replace(/\.\d+Z$/, ''), hostname: hostname(), seconds: (report.timings?.verifyMs ?? 0) / 1000 });
  else if (opts.format === 'sarif') text = renderSarif(v, { artifactUri: relative(process.cwd(), report.input.path) || report.input.path, version: TOOL_VERSION });
  else text = `${renderVerifySummary(report)}\nReport: ${relative(process.cwd(), reportPath) || reportPath}\n`;
  // Machine formats go to stdout whatever the verdict, so `> verify.xml` captures them.
  if (opts.format !== 'text' || report.exitCode === 0) process.stdout.write(text);
  else process.stderr.write(text);
  process.stderr.write(`${notes.join('\n')}\n`);
  return evidence ? report.exitCode : ExitCode.RUNTIME;
}

