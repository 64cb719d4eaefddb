// MySQL/MariaDB through the real CLI: the fixture masked into a dump the `mysql` client restores, every
// awkward MySQL type surviving a kept round trip, and the verifier refusing on MySQL output as on PostgreSQL.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FIXTURE_RULES } from '../support/fixture-database.js';
import { connectMysql, createMysqlFixtureDatabase, createMysqlScratchDatabase, type MysqlScratchDatabase } from '../support/mysql-scratch-database.js';
import { runCli, startCli } from '../support/run-cli.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mg-e2e-mysql-'));
  dirs.push(d);
  return d;
}

/** Restores a dump with the real `mysql` client, as a user would. */
function restore(db: MysqlScratchDatabase, file: string): void {
  const u = new URL(db.url);
  execFileSync('mysql', ['-h', u.hostname, '-P', u.port || '3306', '-u', decodeURIComponent(u.username) || 'root', ...(u.password ? [`-p${decodeURIComponent(u.password)}`] : []), db.name], { input: readFileSync(file), stdio: ['pipe', 'pipe', 'pipe'] });
}

let source: MysqlScratchDatabase;
let secrets: string[];

beforeAll(async () => {
  source = await createMysqlFixtureDatabase(inject('mysqlUrl'));
  const rows = await source.query<{ bsn: string; email: string | null }>('SELECT bsn, email FROM aanvragers');
  secrets = rows.flatMap((r) => [r.bsn, r.email]).filter((v): v is string => typeof v === 'string' && v.length > 5);
});

afterAll(async () => {
  await source?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('maskgate run (MySQL/MariaDB)', () => {
  it('masks the fixture into a verified dump that the mysql client restores, kept values intact, FKs and AUTO_INCREMENT working', async () => {
    const dir = tempDir();
    const out = join(dir, 'masked.sql');
    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const dump = readFileSync(out, 'utf8');
    const reportText = readFileSync(`${out}.report.json`, 'utf8');
    for (const t of [dump, reportText, r.stdout]) for (const s of secrets) expect(t.includes(s), 'a source value was printed').toBe(false);
    const report = JSON.parse(reportText);
    expect(report).toMatchObject({ result: 'published', source: { engine: 'mysql' }, skippedTables: [`${source.name}.audit_log`] });
    expect(report.verification.layers.map((l: { layer: string }) => l.layer)).toContain('exact-match');
    // A second run gives the same bytes: deterministic masking, ordered reads.
    const again = join(dir, 'again.sql');
    expect((await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', again])).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(dump);

    const target = await createMysqlScratchDatabase(inject('mysqlUrl'));
    try {
      restore(target, out);
      for (const t of ['aanvragers', 'diplomas', 'aanvragen']) {
        const [[a], [b]] = await Promise.all([source.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`), target.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)]);
        expect(Number(b!.n)).toBe(Number(a!.n));
      }
      expect(await target.query("SHOW TABLES LIKE 'audit_log'")).toEqual([]);
      const kept = 'SELECT id, geslacht, aangemaakt_op FROM aanvragers ORDER BY id';
      expect(await target.query(kept)).toEqual(await source.query(kept));
      expect(await target.query('SELECT * FROM diplomas ORDER BY id')).toEqual(await source.query('SELECT * FROM diplomas ORDER BY id'));
      // Planted tab, backslashes and newline came through the escaping (the BSN inside is masked).
      const [note] = await target.query<{ n: string }>('SELECT notities AS n FROM aanvragen WHERE id = 2');
      expect(note!.n).toMatch(/^Scan opgeslagen onder \\\\nas01\\scans\\\d{9}\.pdf/);
      const same = await target.query<{ n: number }>(`SELECT count(*) AS n FROM aanvragers WHERE bsn IN (${secrets.filter((s) => /^\d{9}$/.test(s)).map((s) => `'${s}'`).join(',')})`);
      expect(Number(same[0]!.n)).toBe(0);
      await target.query("INSERT INTO diplomas (aanvrager_id) VALUES (1)");
      const [next] = await target.query<{ id: number }>('SELECT max(id) AS id FROM diplomas');
      const [max] = await source.query<{ id: number }>('SELECT max(id) AS id FROM diplomas');
      expect(Number(next!.id)).toBe(Number(max!.id) + 1);
      await expect(target.query('INSERT INTO diplomas (aanvrager_id) VALUES (999999)')).rejects.toThrow();
    } finally {
      await target.drop();
    }
  });

  it('keeps every awkward MySQL type byte for byte: DECIMAL, BIGINT, DATETIME(6), zero dates, binary, BIT, JSON, utf8mb4, NULL vs empty', async () => {
    const db = await createMysqlScratchDatabase(inject('mysqlUrl'));
    const target = await createMysqlScratchDatabase(inject('mysqlUrl'));
    try {
      await db.query(`SET SESSION sql_mode = '';
        CREATE TABLE ouders (id int PRIMARY KEY);
        CREATE TABLE soorten (
          id bigint unsigned NOT NULL PRIMARY KEY,
          ouder_id int,
          d decimal(30,10), f double, dt datetime(6), ts timestamp NULL DEFAULT NULL, dz date, dtz datetime,
          b varbinary(16), bl blob, bits bit(8), j json, u varchar(60), leeg varchar(10), niets varchar(10),
          en enum('a','b'), st set('x','y'), y year, tm time, naam varchar(80),
          g varchar(80) AS (concat(u, '!')) VIRTUAL,
          CONSTRAINT soorten_ouder_fk FOREIGN KEY (ouder_id) REFERENCES ouders (id)
        ) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
        INSERT INTO ouders VALUES (1);
        INSERT INTO soorten (id, ouder_id, d, f, dt, ts, dz, dtz, b, bl, bits, j, u, leeg, niets, en, st, y, tm, naam) VALUES
          (18446744073709551615, 1, 12345678901234567890.0123456789, 0.1, '2024-02-29 23:59:59.123456', '2024-03-31 01:30:00',
           '0000-00-00', '0000-00-00 00:00:00', X'00FF275C0A0D1A', X'DEADBEEF00', b'10100101', '{"a": [1, "x\\\\ny"], "emoji": "\u{1F600}"}',
           'Zoë \\'t Hart \\\\ back \u{1F600}\\ttab', '', NULL, 'b', 'x,y', 2024, '-838:59:59', 'Kees Jansen'),
          (1, NULL, -0.0000000001, -1.5e300, NULL, NULL, NULL, NULL, X'', NULL, b'0', NULL, NULL, NULL, NULL, NULL, '', NULL, NULL, NULL);`);
      const rules = join(tempDir(), 'rules.yaml');
      writeFileSync(rules, [
        'version: 1',
        'tables:',
        '  ouders: skip',
        '  soorten:',
        '    columns:',
        '      naam: full_name',
        ...['id', 'ouder_id', 'd', 'f', 'dt', 'ts', 'dz', 'dtz', 'b', 'bl', 'bits', 'j', 'u', 'leeg', 'niets', 'en', 'st', 'y', 'tm'].map((c) => `      ${c}: keep`),
        '',
      ].join('\n'));
      const out = join(tempDir(), 'types.sql');
      const r = await runCli(['run', '-c', rules, '-s', db.url, '-o', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
      expect(report.droppedForeignKeys).toEqual([{ table: `${db.name}.soorten`, constraint: 'soorten_ouder_fk', references: `${db.name}.ouders` }]);
      restore(target, out);
      const q = `SELECT CAST(id AS CHAR) AS id, ouder_id, CAST(d AS CHAR) AS d, CAST(f AS CHAR) AS f, CAST(dt AS CHAR) AS dt, CAST(ts AS CHAR) AS ts,
        CAST(dz AS CHAR) AS dz, CAST(dtz AS CHAR) AS dtz, HEX(b) AS b, HEX(bl) AS bl, HEX(bits) AS bits, CAST(j AS CHAR) AS j, HEX(u) AS u, leeg, niets,
        en, st, y, CAST(tm AS CHAR) AS tm, g FROM soorten ORDER BY id`;
      const want = await db.query<Record<string, unknown>>(q);
      expect(want).toHaveLength(2);
      expect(await target.query(q)).toEqual(want);
      expect(want[1]).toMatchObject({ leeg: '', niets: null, b: '00FF275C0A0D1A', bits: 'A5', d: '12345678901234567890.0123456789' });
      // The generated column was recomputed on restore from the kept value; the masked name changed.
      const byId = 'SELECT naam FROM soorten WHERE id = 18446744073709551615';
      const [[a], [b]] = await Promise.all([db.query<{ naam: string }>(byId), target.query<{ naam: string }>(byId)]);
      expect(b!.naam).toMatch(/^\S+ /);
      expect(b!.naam).not.toBe(a!.naam);
    } finally {
      await Promise.all([db.drop(), target.drop()]);
    }
  });

  it('refuses a masker that returns its input on MySQL output too: exit 1, nothing published', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.sql');
    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', out], { MASKGATE_FAULT_INJECT: 'identity:email' });
    expect(r.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['out.sql.attestation.html', 'out.sql.attestation.json', 'out.sql.attestation.md', 'out.sql.report.json']);
    const report = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
    const detectors = new Set(report.verification.findings.map((f: { detector: string }) => f.detector));
    expect(detectors).toContain('unchanged-value');
    expect(detectors).toContain('generator-range');
    for (const s of secrets) expect(r.stdout.includes(s) || r.stderr.includes(s)).toBe(false);
  });

  it('fails closed when the source connection is killed mid-read: exit 3, nothing published, no temp file left', async () => {
    const db = await createMysqlScratchDatabase(inject('mysqlUrl'));
    try {
      await db.query('SET SESSION max_recursive_iterations = 1000000');
      await db.query(`CREATE TABLE groot (id int PRIMARY KEY, omschrijving text);
        INSERT INTO groot WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 300000) SELECT n, REPEAT('neutrale tekst ', 8) FROM s`);
      const dir = tempDir();
      const rules = join(dir, 'rules.yaml');
      writeFileSync(rules, 'version: 1\ntables:\n  groot:\n    columns:\n      id: keep\n      omschrijving: text\n');
      const run = startCli(['run', '-c', rules, '-s', db.url, '-o', join(dir, 'out.sql')]);
      let finished = false;
      void run.done.then(() => (finished = true));
      const admin = await connectMysql(inject('mysqlUrl'));
      let killed = false;
      try {
        while (!finished && !killed) {
          const [rows] = await admin.query("SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE 'SELECT%groot%'", [db.name]);
          const id = (rows as { id: number }[])[0]?.id;
          if (id !== undefined) {
            await admin.query(`KILL ${Number(id)}`);
            killed = true;
          } else await new Promise((r) => setTimeout(r, 5));
        }
      } finally {
        await admin.end();
      }
      expect(killed, 'the read was never seen running').toBe(true);
      const r = await run.done;
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/connection to the source database was lost/);
      expect(readdirSync(dir).sort()).toEqual(['out.sql.attestation.html', 'out.sql.attestation.json', 'out.sql.attestation.md', 'out.sql.report.json', 'rules.yaml']);
    } finally {
      await db.drop();
    }
  });

  it('names a wrong database or an unknown scheme clearly (exit 3 / exit 2), never printing the password', async () => {
    const u = new URL(source.url);
    u.pathname = '/mg_no_such_database';
    u.password = 'geheim-wachtwoord';
    const bad = await runCli(['run', '-c', FIXTURE_RULES, '-s', u.toString(), '-o', join(tempDir(), 'x.sql')]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/Could not connect to the source database/);
    expect(bad.stderr).not.toContain('geheim-wachtwoord');
    const params = await runCli(['run', '-c', FIXTURE_RULES, '-s', `${source.url}?sslmode=require`, '-o', join(tempDir(), 'x.sql')]);
    expect(params.code).toBe(2);
    expect(params.stderr).toMatch(/parameters maskgate does not know \(sslmode\)/);
    const scheme = await runCli(['run', '-c', FIXTURE_RULES, '-s', 'oracle://db/x', '-o', join(tempDir(), 'x.sql')]);
    expect(scheme.code).toBe(2);
    expect(scheme.stderr).toMatch(/scheme "oracle:" is not one maskgate reads/);
  });
});
