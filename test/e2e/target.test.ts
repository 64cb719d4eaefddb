// Database-to-database publishing through the real CLI: the verified dump is swapped into the target
// atomically, a refused run never touches it, and a target connection killed mid-load leaves it exactly as
// it was (PostgreSQL: one transaction rolled back; MySQL: the staging database dropped before any rename).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createFixtureDatabase, FIXTURE_RULES } from '../support/fixture-database.js';
import { connectMysql, createMysqlFixtureDatabase, createMysqlScratchDatabase, type MysqlScratchDatabase } from '../support/mysql-scratch-database.js';
import { runCli, startCli, type CliResult } from '../support/run-cli.js';
import { loadPostgresTarget } from '../../src/targets/postgres-target.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mg-e2e-target-'));
  dirs.push(d);
  return d;
}
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => undefined);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Rows enough that loading them takes a moment, so the kill lands mid-load; nothing personal in them. */
const BIG_ROWS = 300_000;
const BIG_RULES = 'version: 1\ntables:\n  groot:\n    columns:\n      id: keep\n      omschrijving: keep\n';

/** Polls `find` until it names a process, then kills it with `kill`; gives up after 120 s. */
async function killWhenSeen(find: () => Promise<string | number | null>, kill: (id: string | number) => Promise<void>, running: () => boolean): Promise<boolean> {
  const until = Date.now() + 120_000;
  while (Date.now() < until && running()) {
    const id = await find();
    if (id !== null) {
      await kill(id);
      return true;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

describe('--target (PostgreSQL → PostgreSQL)', () => {
  let source: ScratchDatabase;
  let target: ScratchDatabase;

  it('swaps the verified dump in, keeps the old schema only with --keep-previous, and leaves the target alone on refusal', async () => {
    source = await createFixtureDatabase(inject('pgUrl'));
    target = await createScratchDatabase(inject('pgUrl'));
    cleanups.push(() => source.drop(), () => target.drop());
    await target.query('CREATE TABLE public.oud (id int PRIMARY KEY); INSERT INTO public.oud VALUES (7)');
    const report = join(tempDir(), 'r.json');

    const refused = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '--target', target.url, '-r', report], { MASKGATE_FAULT_INJECT: 'identity:email' });
    expect(refused.code).toBe(1);
    expect((await target.query('SELECT id FROM public.oud')).rows).toEqual([{ id: 7 }]);
    expect((await target.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0].n).toBe(1);

    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '--target', target.url, '--keep-previous', '-r', report]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Published the target database \(postgres, swapped in atomically; previous contents kept as maskgate_previous_\d{14}_public\)/);
    for (const t of ['aanvragers', 'diplomas', 'aanvragen']) {
      const [a, b] = await Promise.all([source.query(`SELECT count(*)::int AS n FROM public.${t}`), target.query(`SELECT count(*)::int AS n FROM public.${t}`)]);
      expect(b.rows[0].n).toBe(a.rows[0].n);
    }
    expect((await target.query("SELECT to_regclass('public.oud') AS t")).rows[0].t).toBeNull();
    const { rows: backups } = await target.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'maskgate_previous_%'");
    expect(backups).toHaveLength(1);
    expect((await target.query(`SELECT id FROM ${pg.escapeIdentifier(backups[0].nspname)}.oud`)).rows).toEqual([{ id: 7 }]);
    // Sequences were set after the data: the next id follows the source's.
    const next = await target.query('INSERT INTO public.diplomas (aanvrager_id) VALUES (1) RETURNING id');
    expect(next.rows[0].id).toBe((await source.query('SELECT max(id)::int + 1 AS n FROM public.diplomas')).rows[0].n);

    // Without --keep-previous the replaced schema is dropped.
    expect((await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '--target', target.url, '-r', report])).code).toBe(0);
    expect((await target.query("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'maskgate_previous_%'")).rows[0].n).toBe(1);
  });

  it('leaves the target exactly as it was when its connection is killed mid-load (exit 3)', async () => {
    const src = await createScratchDatabase(inject('pgUrl'));
    const tgt = await createScratchDatabase(inject('pgUrl'));
    cleanups.push(() => src.drop(), () => tgt.drop());
    await src.query(`CREATE TABLE public.groot (id int PRIMARY KEY, omschrijving text); INSERT INTO public.groot SELECT g, repeat('neutrale tekst ', 8) FROM generate_series(1, ${BIG_ROWS}) g; ANALYZE`);
    await tgt.query('CREATE TABLE public.oud (id int PRIMARY KEY); INSERT INTO public.oud VALUES (7)');
    const rules = join(tempDir(), 'rules.yaml');
    writeFileSync(rules, BIG_RULES);
    const run = startCli(['run', '-c', rules, '-s', src.url, '--target', tgt.url, '-r', join(tempDir(), 'r.json')]);
    let result: CliResult | null = null;
    void run.done.then((r) => (result = r));
    const admin = new pg.Client({ connectionString: inject('pgUrl') });
    await admin.connect();
    try {
      const killed = await killWhenSeen(
        async () => (await admin.query("SELECT pid FROM pg_stat_activity WHERE application_name = 'maskgate-target' AND datname = $1 AND state = 'active' AND query LIKE 'COPY%'", [tgt.name])).rows[0]?.pid ?? null,
        async (pid) => void (await admin.query('SELECT pg_terminate_backend($1)', [pid])),
        () => result === null,
      );
      expect(killed, 'the load was never seen running').toBe(true);
    } finally {
      await admin.end();
    }
    const r = await run.done;
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/connection to the target database was lost/);
    expect((await tgt.query('SELECT id FROM public.oud')).rows).toEqual([{ id: 7 }]);
    expect((await tgt.query("SELECT to_regclass('public.groot') AS t")).rows[0].t).toBeNull();
    expect((await tgt.query("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'maskgate_%'")).rows[0].n).toBe(0);
  });

  it('a dump that ends inside a COPY block fails the load promptly and rolls back (no ROLLBACK queued behind the COPY)', async () => {
    const tgt = await createScratchDatabase(inject('pgUrl'));
    cleanups.push(() => tgt.drop());
    await tgt.query('CREATE TABLE public.oud (id int PRIMARY KEY); INSERT INTO public.oud VALUES (7)');
    const dump = join(tempDir(), 'cut.sql');
    writeFileSync(dump, 'CREATE TABLE public.t (id int);\nCOPY "public"."t" ("id") FROM stdin;\n1\n2\n');
    const started = Date.now();
    const sha256 = createHash('sha256').update(readFileSync(dump)).digest('hex');
    await expect(loadPostgresTarget(tgt.url, { dumpPath: dump, sha256, tables: [{ schema: 'public', name: 't' }], keepPrevious: false, startedAt: new Date() }))
      .rejects.toMatchObject({ code: 'IO' });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await tgt.query('SELECT id FROM public.oud')).rows).toEqual([{ id: 7 }]);
    expect((await tgt.query("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'maskgate_%'")).rows[0].n).toBe(0);
  });

  it('refuses to drop a replaced schema that views of other schemas still use, and leaves everything as it was', async () => {
    const src = await createFixtureDatabase(inject('pgUrl'));
    const tgt = await createScratchDatabase(inject('pgUrl'));
    cleanups.push(() => src.drop(), () => tgt.drop());
    await tgt.query('CREATE TABLE public.oud (id int PRIMARY KEY); INSERT INTO public.oud VALUES (7); CREATE SCHEMA rapport; CREATE VIEW rapport.overzicht AS SELECT id FROM public.oud');
    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', src.url, '--target', tgt.url, '-r', join(tempDir(), 'r.json')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Objects in other schemas of the target \(rapport\.overzicht\) depend on the tables being replaced/);
    expect((await tgt.query('SELECT id FROM rapport.overzicht')).rows).toEqual([{ id: 7 }]);
    expect((await tgt.query("SELECT to_regclass('public.aanvragers') AS t")).rows[0].t).toBeNull();
  });

  it('refuses cross-engine loads and a run with neither --out nor --target (exit 2) before reading anything', async () => {
    const cross = await runCli(['run', '-c', FIXTURE_RULES, '-s', 'postgres://postgres@127.0.0.1:1/x', '--target', 'mysql://root@127.0.0.1:1/x']);
    expect(cross.code).toBe(2);
    expect(cross.stderr).toMatch(/Cross-engine loads \(postgres → mysql\) are out of scope/);
    const none = await runCli(['run', '-c', FIXTURE_RULES, '-s', 'postgres://postgres@127.0.0.1:1/x']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give --out FILE, --target URL, or both/);
  });
});

describe('--target (MySQL → MySQL)', () => {
  /** Databases on the server whose name starts with this target's name: staging and backup leftovers. */
  const helpers = async (db: MysqlScratchDatabase): Promise<string[]> =>
    (await db.query<{ s: string }>('SELECT SCHEMA_NAME AS s FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?', [`${db.name}\\_mg%`])).map((r) => r.s);

  it('swaps the verified dump in with one RENAME TABLE, keeps the old tables only with --keep-previous, and leaves the target alone on refusal', async () => {
    const source = await createMysqlFixtureDatabase(inject('mysqlUrl'));
    const target = await createMysqlScratchDatabase(inject('mysqlUrl'));
    cleanups.push(async () => {
      for (const h of await helpers(target)) await target.query(`DROP DATABASE \`${h}\``);
    }, () => source.drop(), () => target.drop());
    await target.query('CREATE TABLE oud (id int PRIMARY KEY); INSERT INTO oud VALUES (7)');
    const report = join(tempDir(), 'r.json');

    const refused = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '--target', target.url, '-r', report], { MASKGATE_FAULT_INJECT: 'identity:email' });
    expect(refused.code).toBe(1);
    expect(await target.query('SELECT id FROM oud')).toEqual([{ id: 7 }]);
    expect(await helpers(target)).toEqual([]);

    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '--target', target.url, '--keep-previous', '-r', report]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const t of ['aanvragers', 'diplomas', 'aanvragen']) {
      const [[a], [b]] = await Promise.all([source.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`), target.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)]);
      expect(Number(b!.n)).toBe(Number(a!.n));
    }
    expect(await target.query("SHOW TABLES LIKE 'oud'")).toEqual([]);
    const kept = await helpers(target);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/_mgprev_\d{14}$/);
    expect(await target.query(`SELECT id FROM \`${kept[0]}\`.oud`)).toEqual([{ id: 7 }]);
    // Foreign keys came along with the rename and still hold.
    await expect(target.query('INSERT INTO diplomas (aanvrager_id) VALUES (999999)')).rejects.toThrow();
  });

  it('leaves the target exactly as it was when its connection is killed mid-load (exit 3), and drops the staging database', async () => {
    const src = await createMysqlScratchDatabase(inject('mysqlUrl'));
    const tgt = await createMysqlScratchDatabase(inject('mysqlUrl'));
    cleanups.push(async () => {
      for (const h of await helpers(tgt)) await tgt.query(`DROP DATABASE \`${h}\``);
    }, () => src.drop(), () => tgt.drop());
    await src.query('SET SESSION max_recursive_iterations = 1000000');
    await src.query(`CREATE TABLE groot (id int PRIMARY KEY, omschrijving text);
      INSERT INTO groot WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${BIG_ROWS}) SELECT n, REPEAT('neutrale tekst ', 8) FROM s`);
    await tgt.query('CREATE TABLE oud (id int PRIMARY KEY); INSERT INTO oud VALUES (7)');
    const rules = join(tempDir(), 'rules.yaml');
    writeFileSync(rules, BIG_RULES);
    const run = startCli(['run', '-c', rules, '-s', src.url, '--target', tgt.url, '-r', join(tempDir(), 'r.json')]);
    let result: CliResult | null = null;
    void run.done.then((r) => (result = r));
    const admin = await connectMysql(inject('mysqlUrl'));
    try {
      const killed = await killWhenSeen(
        async () => {
          const [rows] = await admin.query("SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB LIKE ? AND INFO LIKE 'INSERT INTO%'", [`${tgt.name}\\_mgstage\\_%`]);
          return (rows as { id: number }[])[0]?.id ?? null;
        },
        async (id) => void (await admin.query(`KILL ${Number(id)}`)),
        () => result === null,
      );
      expect(killed, 'the load was never seen running').toBe(true);
    } finally {
      await admin.end();
    }
    const r = await run.done;
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/connection to the target database was lost/);
    expect(await tgt.query('SELECT id FROM oud')).toEqual([{ id: 7 }]);
    expect(await tgt.query("SHOW TABLES LIKE 'groot'")).toEqual([]);
    expect(await helpers(tgt)).toEqual([]);
  });
});
