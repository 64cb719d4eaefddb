import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFixtureDatabase, FIXTURE_RULES } from '../support/fixture-database.js';
import { startCli } from '../support/run-cli.js';
import type { ScratchDatabase } from '../support/scratch-database.js';

// A table large enough that the run is still streaming it when the test interferes.
const BULK_ROWS = 400_000;

let source: ScratchDatabase;
let rules: string;
const dirs: string[] = [];

beforeAll(async () => {
  source = await createFixtureDatabase(inject('pgUrl'));
  await source.query(`CREATE TABLE public.bulk (id int PRIMARY KEY, notitie text NOT NULL)`);
  await source.query(`INSERT INTO public.bulk SELECT g, 'notitie nummer ' || g FROM generate_series(1, ${BULK_ROWS}) g`);
  await source.query('ANALYZE public.bulk');
  const dir = mkdtempSync(join(tmpdir(), 'mg-int-'));
  dirs.push(dir);
  rules = join(dir, 'rules.yaml');
  writeFileSync(rules, `${readFileSync(FIXTURE_RULES, 'utf8')}\n  public.bulk:\n    columns:\n      id: keep\n      notitie: hash\n`);
});

afterAll(async () => {
  await source?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Waits until maskgate's COPY of the bulk table is running on the server; returns its pid. */
async function waitForCopy(): Promise<number> {
  const admin = new pg.Client({ connectionString: source.url });
  await admin.connect();
  try {
    for (let i = 0; i < 400; i++) {
      const { rows } = await admin.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'maskgate' AND state = 'active' AND query LIKE 'COPY%bulk%'`);
      if (rows[0]) return rows[0].pid as number;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('maskgate never started copying the bulk table');
  } finally {
    await admin.end();
  }
}

/** A private output directory holding an earlier good dump that must survive. */
function workspace(): { out: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mg-int-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'masked.sql'), 'previous good dump\n');
  return { out: join(dir, 'masked.sql'), dir };
}

describe('interrupted runs publish nothing and leave no temporary file', () => {
  it('a source connection killed mid-stream ends with exit 3', async () => {
    const { out, dir } = workspace();
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    const run = startCli(['run', '-c', rules, '-s', source.url, '-o', out], { TMPDIR: tmp });
    const pid = await waitForCopy();
    await source.query(`SELECT pg_terminate_backend(${pid})`);
    const r = await run.done;
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('connection to the source database was lost');
    expect(readFileSync(out, 'utf8')).toBe('previous good dump\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
    const report = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
    expect(report).toMatchObject({ result: 'failed', exitCode: 3, error: { code: 'DB_CONNECTION_LOST' } });
  });

  it('a masker failing early in a large table ends promptly with exit 3 (the abandoned COPY does not hang)', async () => {
    const { out, dir } = workspace();
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    const failing = join(dir, 'failing.yaml');
    // A note is no postcode: the masker throws on the first row of 400k while the server keeps streaming.
    writeFileSync(failing, readFileSync(rules, 'utf8').replace('notitie: hash', 'notitie: postcode'));
    const r = await startCli(['run', '-c', failing, '-s', source.url, '-o', out], { TMPDIR: tmp }).done;
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/public\.bulk\.notitie, row #1\b.*nothing was published/);
    expect(readFileSync(out, 'utf8')).toBe('previous good dump\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  }, 30_000);

  it('Ctrl-C (SIGINT) mid-stream ends with exit 3', async () => {
    const { out, dir } = workspace();
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    const run = startCli(['run', '-c', rules, '-s', source.url, '-o', out], { TMPDIR: tmp });
    await waitForCopy();
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('interrupted');
    expect(readFileSync(out, 'utf8')).toBe('previous good dump\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('SIGKILL leaves a partial file that cannot clean itself up; the next run removes it', async () => {
    const { out, dir } = workspace();
    const run = startCli(['run', '-c', rules, '-s', source.url, '-o', out]);
    await waitForCopy();
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toHaveLength(1);
    expect(readFileSync(out, 'utf8')).toBe('previous good dump\n');

    // Cleanup happens before the plan: even this run, which stops on a coverage gap (the fixture
    // rules do not list the bulk table), removes the leftover.
    const r = await startCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', out, '--log-level', 'warn']).done;
    expect(r.code).toBe(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(r.stderr).toContain('removed temporary files of an earlier run that was killed');
  }, 30_000);
});
