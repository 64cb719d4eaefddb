import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { loadRules } from '../config/load-rules.js';
import { runPipeline, type RunResult } from '../run/run-pipeline.js';
import { writeRunAttestation } from '../attest/write-run-attestation.js';
import { renderRunSummary } from './output/render-text.js';
import { renderAttestationLine } from './output/render-attestation-line.js';
import { terminalProgress } from './output/terminal-progress.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The fictional datasets the demo can load: `fixtures/<name>.sql` masked by `rules/<name>.yaml`. */
export const DEMO_DATASETS = {
  diplomawaardering: 'foreign-diploma valuation: applicants, diplomas, applications, case notes (the Nuffic case)',
  werkzoekenden: 'job seekers with education, nationality and health data, letters to employers (the UWV cases)',
  participatiewet: 'municipal benefit clients linked across tables by BSN, with kentekens (the Almelo case)',
} as const;
/** One of the demo datasets. */
export type DemoDataset = keyof typeof DEMO_DATASETS;

/** Flags of `maskgate demo`. */
export interface DemoCommandOptions {
  readonly out: string;
  readonly dataset?: DemoDataset | undefined;
}

/**
 * Runs the whole pipeline against an embedded PostgreSQL (PGlite, served over the wire protocol
 * by pglite-socket) loaded with the fictional diplomawaardering fixture. Needs no server and no
 * secret: a throwaway secret is generated, so the output joins with nothing else.
 */
export async function runDemo(opts: DemoCommandOptions, logger: Logger): Promise<RunResult> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const dataset = opts.dataset ?? 'diplomawaardering';
  const outDir = resolve(opts.out);
  await mkdir(outDir, { recursive: true });
  const db = await PGlite.create();
  let server: InstanceType<typeof PGLiteSocketServer> | null = null;
  try {
    await db.exec(await readFile(join(PACKAGE_ROOT, 'fixtures', `${dataset}.sql`), 'utf8'));
    // Statistics give the progress bars their row estimates, as on a real server.
    await db.exec('ANALYZE');
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    const rulesPath = join(PACKAGE_ROOT, 'rules', `${dataset}.yaml`);
    return await runPipeline({
      rulesPath,
      rules: await loadRules(rulesPath, {}),
      sourceUrl: `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
      outPath: join(outDir, `${dataset}.sql`),
      reportPath: join(outDir, `${dataset}.report.json`),
      secret: randomBytes(32),
      env: {},
      logger,
      progress: terminalProgress(),
    });
  } finally {
    await server?.stop();
    await db.close();
  }
}

/** `maskgate demo` CLI wrapper; returns the exit code. */
export async function demoCommand(opts: DemoCommandOptions, logger: Logger): Promise<number> {
  const dataset = opts.dataset ?? 'diplomawaardering';
  process.stdout.write(`maskgate demo: embedded PostgreSQL (PGlite) with the fictional ${dataset} dataset (${DEMO_DATASETS[dataset]}).\n`);
  process.stdout.write('Using a throwaway random secret (MASKGATE_SECRET is not needed and not read): the output will not join with any other run.\n');
  const result = await runDemo(opts, logger);
  // Unsigned: the demo has no signing key of its own to prove anything with.
  const attested = await writeRunAttestation(result, null);
  process.stdout.write(`${renderRunSummary(result)}\n${renderAttestationLine(attested, 'the demo never signs')}\n`);
  if (result.exitCode === 0) {
    process.stdout.write(`Restore it into an empty database with: psql -v ON_ERROR_STOP=1 -d DB -f ${join(opts.out, `${dataset}.sql`)}\n`);
  }
  return result.exitCode;
}
