import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { loadRules } from '../config/load-rules.js';
import { runPipeline, type RunResult } from '../run/run-pipeline.js';
import { renderRunSummary } from './output/render-text.js';
import { terminalProgress } from './output/terminal-progress.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Flags of `maskgate demo`. */
export interface DemoCommandOptions {
  readonly out: string;
}

/**
 * Runs the whole pipeline against an embedded PostgreSQL (PGlite, served over the wire protocol
 * by pglite-socket) loaded with the fictional diplomawaardering fixture. Needs no server and no
 * secret: a throwaway secret is generated, so the output joins with nothing else.
 */
export async function runDemo(opts: DemoCommandOptions, logger: Logger): Promise<RunResult> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const outDir = resolve(opts.out);
  await mkdir(outDir, { recursive: true });
  const db = await PGlite.create();
  let server: InstanceType<typeof PGLiteSocketServer> | null = null;
  try {
    await db.exec(await readFile(join(PACKAGE_ROOT, 'fixtures', 'diplomawaardering.sql'), 'utf8'));
    // Statistics give the progress bars their row estimates, as on a real server.
    await db.exec('ANALYZE');
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    const rulesPath = join(PACKAGE_ROOT, 'rules', 'diplomawaardering.yaml');
    return await runPipeline({
      rulesPath,
      rules: await loadRules(rulesPath, {}),
      sourceUrl: `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
      outPath: join(outDir, 'diplomawaardering.sql'),
      reportPath: join(outDir, 'diplomawaardering.report.json'),
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
  process.stdout.write('maskgate demo: embedded PostgreSQL (PGlite) with the fictional diplomawaardering dataset.\n');
  process.stdout.write('Using a throwaway random secret (MASKGATE_SECRET is not needed and not read): the output will not join with any other run.\n');
  const result = await runDemo(opts, logger);
  process.stdout.write(`${renderRunSummary(result)}\n`);
  if (result.exitCode === 0) {
    process.stdout.write(`Restore it into an empty database with: psql -v ON_ERROR_STOP=1 -d DB -f ${join(opts.out, 'diplomawaardering.sql')}\n`);
  }
  return result.exitCode;
}
