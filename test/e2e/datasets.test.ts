// Every fictional dataset through the real CLI on both engines: the committed file loaded into a scratch
// database, masked with its committed rules into a verified dump, and that dump restored with the engine's own
// client. Also: the PostgreSQL scripts load with PGlite's exec(), as `maskgate demo` does.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createMysqlScratchDatabase } from '../support/mysql-scratch-database.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { createScratchDatabase } from '../support/scratch-database.js';

type Kind = 'bsn' | 'email' | 'plate';

interface Dataset {
  readonly name: string;
  /** Tables in the dump (the rest are skipped by the rules). */
  readonly tables: readonly string[];
  /** Queries (both dialects) whose column `v` holds source values that must not survive. */
  readonly secrets: readonly (readonly [Kind, string])[];
  /** After masking, each query's column `v` must be contained in the first one's (a join over masked BSNs). */
  readonly joins?: readonly string[];
}

const DATASETS: readonly Dataset[] = [
  {
    name: 'diplomawaardering',
    tables: ['aanvragers', 'diplomas', 'aanvragen'],
    secrets: [['bsn', 'SELECT bsn AS v FROM aanvragers'], ['email', 'SELECT email AS v FROM aanvragers']],
  },
  {
    name: 'werkzoekenden',
    tables: ['werkgevers', 'werkzoekenden', 'gezondheid', 'brieven'],
    secrets: [
      ['bsn', 'SELECT bsn AS v FROM werkzoekenden'], ['bsn', 'SELECT bsn AS v FROM brieven'],
      ['email', 'SELECT email AS v FROM werkzoekenden'], ['email', 'SELECT contact_email AS v FROM werkgevers'],
    ],
    // brieven.bsn has no foreign key: only consistent masking keeps the letters joined to their job seekers.
    joins: ['SELECT bsn AS v FROM werkzoekenden', 'SELECT bsn AS v FROM brieven', 'SELECT bsn AS v FROM gezondheid'],
  },
  {
    name: 'participatiewet',
    tables: ['clienten', 'voertuigen', 'betalingen'],
    secrets: [
      ['bsn', 'SELECT bsn AS v FROM clienten'], ['bsn', 'SELECT partner_bsn AS v FROM clienten'],
      ['email', 'SELECT email AS v FROM clienten'], ['plate', 'SELECT kenteken AS v FROM voertuigen'],
    ],
    // partner_bsn is char(9) and has no foreign key, clienten.bsn is a bigint.
    joins: ['SELECT bsn AS v FROM clienten', 'SELECT partner_bsn AS v FROM clienten'],
  },
];

interface Db {
  readonly url: string;
  values(sql: string): Promise<string[]>;
  count(table: string): Promise<number>;
  drop(): Promise<void>;
}

interface Engine {
  readonly name: 'postgres' | 'mysql';
  readonly file: (dataset: string) => string;
  create(): Promise<Db>;
  load(db: Db, script: string): Promise<void>;
  /** Restores a dump with the engine's own client, as a user would. */
  restore(db: Db, dump: string): void;
}

const scripts = new WeakMap<Db, (sql: string) => Promise<unknown>>();

const ENGINES: readonly Engine[] = [
  {
    name: 'postgres',
    file: (d) => `${d}.sql`,
    create: async () => {
      const db = await createScratchDatabase(inject('pgUrl'));
      const it: Db = {
        url: db.url,
        values: async (sql) => (await db.query(sql)).rows.map((r) => r.v).filter((v): v is string | number => v !== null).map(String),
        count: async (t) => (await db.query(`SELECT count(*)::int AS n FROM public.${t}`)).rows[0].n as number,
        drop: () => db.drop(),
      };
      scripts.set(it, (sql) => db.query(sql));
      return it;
    },
    load: async (db, script) => {
      const run = scripts.get(db)!;
      await run(script);
      await run('ANALYZE');
    },
    restore: (db, dump) => {
      execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', db.url, '-f', dump], { stdio: 'pipe' });
    },
  },
  {
    name: 'mysql',
    file: (d) => `${d}.mysql.sql`,
    create: async () => {
      const db = await createMysqlScratchDatabase(inject('mysqlUrl'));
      const it: Db = {
        url: db.url,
        values: async (sql) => (await db.query<{ v: unknown }>(sql)).map((r) => r.v).filter((v) => v !== null).map(String),
        count: async (t) => Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))[0]!.n),
        drop: () => db.drop(),
      };
      scripts.set(it, (sql) => db.query(sql));
      return it;
    },
    load: async (db, script) => {
      await scripts.get(db)!(script);
    },
    restore: (db, dump) => {
      const u = new URL(db.url);
      execFileSync('mysql', ['-h', u.hostname, '-P', u.port || '3306', '-u', decodeURIComponent(u.username) || 'root',
        ...(u.password ? [`-p${decodeURIComponent(u.password)}`] : []), u.pathname.slice(1)], { input: readFileSync(dump), stdio: ['pipe', 'pipe', 'pipe'] });
    },
  },
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A BSN as 9 digits, whether it came from a text or an integer column. */
const bsn9 = (v: string): string => (/^\d{1,8}$/.test(v) ? v.padStart(9, '0') : v);

/** Every spelling of a source value that must not appear in the dump. */
function spellings(kind: Kind, v: string): string[] {
  if (kind === 'bsn') return [bsn9(v)];
  if (kind === 'email') return [v, v.toLowerCase()];
  const compact = v.replace(/[- ]/g, '').toUpperCase();
  return [v, compact];
}

describe.each(ENGINES)('fictional datasets on $name', (engine) => {
  it.each(DATASETS.map((d) => [d.name, d] as const))(`%s on ${engine.name}: the committed file masks into a verified dump that restores with every row, no source identifier in it`, async (_, dataset) => {
    const dir = mkdtempSync(join(tmpdir(), `mg-datasets-${engine.name}-`));
    dirs.push(dir);
    const source = await engine.create();
    const target = await engine.create();
    try {
      await engine.load(source, readFileSync(join(ROOT, 'fixtures', engine.file(dataset.name)), 'utf8'));
      const secrets = (await Promise.all(dataset.secrets.map(async ([kind, sql]) => (await source.values(sql)).map((v) => [kind, v] as const)))).flat();
      expect(secrets.length).toBeGreaterThan(300);

      const out = join(dir, 'masked.sql');
      const r = await runCli(['run', '-c', join(ROOT, 'rules', `${dataset.name}.yaml`), '-s', source.url, '-o', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
      expect(report).toMatchObject({ result: 'published', exitCode: 0, verification: { passed: true, unlistedFindings: 0 } });
      expect(report.verification.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);

      // No source BSN (9 digits, also those that lost zeros in a bigint), e-mail or plate survives, in any spelling.
      const dump = readFileSync(out, 'utf8');
      const leaked = secrets.flatMap(([kind, v]) => spellings(kind, v).filter((s) => (kind === 'bsn' ? new RegExp(`(?<!\\d)${s}(?!\\d)`).test(dump) : dump.includes(s))).map((s) => `${kind} ${s.slice(0, 2)}…`));
      expect(leaked).toEqual([]);

      engine.restore(target, out);
      for (const t of dataset.tables) expect(await target.count(t), t).toBe(await source.count(t));
      const bsnQueries = dataset.secrets.filter(([kind]) => kind === 'bsn').map(([, sql]) => sql);
      const before = new Set((await Promise.all(bsnQueries.map((q) => source.values(q)))).flat().map(bsn9));
      const after = (await Promise.all(bsnQueries.map((q) => target.values(q)))).flat().map(bsn9);
      expect(after.length).toBeGreaterThan(0);
      expect(after.filter((b) => before.has(b))).toEqual([]);
      if (dataset.name === 'werkzoekenden') {
        // The sampled health flag stays a boolean in the engine's own notation (MySQL BOOLEAN is tinyint(1)).
        const flags = new Set(await target.values('SELECT heeft_beperking AS v FROM werkzoekenden'));
        expect([...flags].every((v) => ['t', 'f', 'true', 'false', '0', '1'].includes(String(v))), [...flags].join(',')).toBe(true);
        expect(flags.size).toBe(2);
      }
      if (dataset.joins) {
        const [key, ...refs] = dataset.joins;
        const keys = new Set((await target.values(key!)).map(bsn9));
        for (const q of refs) expect((await target.values(q)).map(bsn9).filter((b) => !keys.has(b)), q).toEqual([]);
      }
    } finally {
      await Promise.all([source.drop(), target.drop()]);
    }
  });
});

describe('PGlite', () => {
  it('loads the new PostgreSQL scripts with exec(), as maskgate demo does', async () => {
    const db = new PGlite();
    try {
      for (const d of ['werkzoekenden', 'participatiewet']) await db.exec(readFileSync(join(ROOT, 'fixtures', `${d}.sql`), 'utf8'));
      const counts = await db.query<{ n: number }>(`SELECT (SELECT count(*) FROM brieven) + (SELECT count(*) FROM werkzoekenden) + (SELECT count(*) FROM gezondheid)
        + (SELECT count(*) FROM werkgevers) + (SELECT count(*) FROM clienten) + (SELECT count(*) FROM voertuigen) + (SELECT count(*) FROM betalingen) AS n`);
      expect(Number(counts.rows[0]!.n)).toBe(900 + 1200);
    } finally {
      await db.close();
    }
  });
});
