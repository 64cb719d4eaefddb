/**
 * Throughput and memory benchmark: raw COPY TO STDOUT versus a full `maskgate run` over a synthetic
 * `persons` table. Prints figures only; timing never fails the run (exit 0 unless something breaks).
 *
 *   npm run bench                      # 100k and 1M rows
 *   npm run bench -- --quick           # 20k and 100k rows (smoke test)
 *   npm run bench -- --rows 1000000    # one size only
 *   npm run bench -- --rules FILE      # other rules file (default bench/persons.rules.yaml)
 *   npm run bench -- --no-mysql        # skip the MySQL line (raw mysqldump versus maskgate on MariaDB)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DB = 'maskgate_bench';
const SERVER = process.env['MASKGATE_BENCH_PG'] ?? 'postgres://postgres@127.0.0.1:5432';
/** MariaDB/MySQL server for the MySQL line; the database `maskgate_bench` is created and dropped there. */
const MYSQL_SERVER = new URL(process.env['MASKGATE_BENCH_MYSQL'] ?? 'mysql://root@127.0.0.1:3306');
const TARGET_RATIO = 0.25;
const TARGET_RSS_MB = 300;
/** Issue 4: verification may cost at most about half the masking run. */
const TARGET_VERIFY_SHARE = 0.5;
const FLAT_TOLERANCE = 0.2;

interface Result {
  rows: number;
  rawRowsPerSec: number;
  rawMB: number;
  maskRowsPerSec: number;
  peakRssMB: number;
  /** Verification's share of the masking time, from the run report's timings (target ≤ 0.5). */
  verifyMs: number;
  maskMs: number;
}

const FIRST_NAMES = ['Jan', 'Piet', 'Kees', 'Willem', 'Sanne', 'Femke', 'Daan', 'Lotte', 'Bram', 'Anouk', 'Ruben', 'Eva',
  'Thijs', 'Noor', 'Joris', 'Marieke', 'Sem', 'Fleur', 'Hendrik', 'Ingrid', 'Mohamed', 'Fatima', 'Ahmet', 'Priya'];
// Surnames carry their tussenvoegsel here (as many real tables do); the masker must cope with the space.
const LAST_NAMES = ['Jansen', 'de Vries', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot',
  'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'Yilmaz', 'El Amrani'];
const CITIES = ['Amsterdam', 'Rotterdam', 'Den Haag', 'Utrecht', 'Eindhoven', 'Groningen', 'Tilburg', 'Almere', 'Breda',
  'Nijmegen', 'Apeldoorn', 'Haarlem', 'Enschede', 'Zwolle', "'s-Hertogenbosch", 'Leeuwarden', 'Maastricht', 'Delft'];
const NOTES = ['Diabetes type 2, controle elk kwartaal', 'Astma, gebruikt inhalator', 'Rugklachten na ongeval in 2019',
  'Hartritmestoornis, pacemaker sinds 2015', 'Depressieve klachten, in behandeling bij GGZ', 'Allergie voor penicilline'];
// Bank code → its ISO 13616 digit form (A=10 … Z=35), so the mod-97 check can be done in SQL.
const BANKS: Record<string, string> = { ABNA: '10112310', RABO: '27101124', INGB: '18231611', TRIO: '29271824' };

const sqlArray = (xs: readonly string[]): string => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;

/** Recreates `persons` with `rows` deterministic pseudo-random rows, generated server-side. */
export async function fillPersons(client: pg.Client, rows: number): Promise<void> {
  // Prefixes are 10000000 + 7g; about 1 in 11 has check digit 10 and is skipped, so over-generate.
  const candidates = Math.ceil(rows * 1.2) + 100;
  if (10_000_000 + 7 * candidates > 99_999_999) throw new Error('--rows too large for 8-digit BSN prefixes');
  const bankCodes = Object.keys(BANKS);
  await client.query(`DROP TABLE IF EXISTS persons;
    CREATE TABLE persons (
      id bigint PRIMARY KEY, bsn char(9) NOT NULL UNIQUE, voornaam text NOT NULL, achternaam text NOT NULL,
      geboortedatum date NOT NULL, email text NOT NULL UNIQUE, telefoon text, postcode text, woonplaats text,
      kenteken text, iban text, gezondheid_notities text, aangemaakt_op timestamptz NOT NULL)`);
  // a/b/c are independent multiplicative hashes of id; high bits (÷256) avoid the short cycles of the low ones.
  await client.query(`
    WITH cand AS (
      SELECT g, 10000000::bigint + g * 7 AS p FROM generate_series(1, ${candidates}) AS g
    ), checked AS (
      SELECT g, p, (9*(p/10000000%10) + 8*(p/1000000%10) + 7*(p/100000%10) + 6*(p/10000%10)
                  + 5*(p/1000%10) + 4*(p/100%10) + 3*(p/10%10) + 2*(p%10)) % 11 AS r FROM cand
    ), picked AS (
      SELECT row_number() OVER (ORDER BY g) AS id, p, r FROM checked WHERE r < 10 ORDER BY g LIMIT ${rows}
    ), hashed AS (
      SELECT id, p, r, (id * 2654435761) % 4294967296 / 256 AS a, (id * 2246822519 + 374761393) % 4294967296 / 256 AS b,
             (id * 3266489917 + 668265263) % 4294967296 / 256 AS c FROM picked
    ), named AS (
      SELECT *, (${sqlArray(FIRST_NAMES)})[1 + a % ${FIRST_NAMES.length}] AS vn,
             (${sqlArray(LAST_NAMES)})[1 + b % ${LAST_NAMES.length}] AS an,
             (${sqlArray(bankCodes)})[1 + c % ${bankCodes.length}] AS bank,
             lpad(((a * 7919 + b) % 10000000000)::text, 10, '0') AS acct FROM hashed
    )
    INSERT INTO persons
    SELECT id, p::text || r::text, vn, an, date '1935-01-01' + (a % 30000)::int,
           lower(vn) || '.' || replace(lower(an), ' ', '') || '.' || id || '@voorbeeld.nl',
           '06-' || lpad((b % 100000000)::text, 8, '0'),
           (1000 + c % 9000)::text || ' ' || chr(65 + ((c / 9000) % 26)::int) || chr(65 + ((c / 234000) % 26)::int),
           (${sqlArray(CITIES)})[1 + (a / 7) % ${CITIES.length}],
           translate(lpad((c % 1000)::text, 3, '0'), '0123456789', 'GHJKNPRSXZ') || '-'
             || lpad((1 + b % 99)::text, 2, '0') || '-' || substr('BDFGHJKLNPRSTVXZ', (1 + (a / 3) % 16)::int, 1),
           'NL' || lpad((98 - ((${sqlArray(Object.values(BANKS))})[1 + c % ${bankCodes.length}] || acct || '232100')::numeric % 97)::text, 2, '0')
             || bank || acct,
           CASE WHEN b % 10 < 3 THEN (${sqlArray(NOTES)})[1 + (c / 5) % ${NOTES.length}] END,
           timestamptz '2020-01-01 00:00:00+00' + id * interval '37 seconds'
    FROM named`);
  const { rows: [count] } = await client.query<{ n: string }>('SELECT count(*) AS n FROM persons');
  if (Number(count?.n) !== rows) throw new Error(`expected ${rows} rows, generated ${count?.n}`);
  // VACUUM sets hint bits now, so the first timed scan does not pay for (and write) them.
  await client.query('VACUUM (ANALYZE) persons');
}

/** Streams the whole table through COPY TO STDOUT into a byte-counting sink; returns seconds and bytes. */
export async function rawCopy(url: string): Promise<{ seconds: number; bytes: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let bytes = 0;
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { bytes += chunk.length; done(); } });
    const t0 = process.hrtime.bigint();
    await pipeline(client.query(copyTo('COPY (SELECT * FROM persons ORDER BY id) TO STDOUT')), sink);
    return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, bytes };
  } finally {
    await client.end();
  }
}

/** Reads the kernel's resident-set high-water mark of a process in kB, or 0 once it has gone. */
async function vmHwmKb(pid: number): Promise<number> {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Runs `maskgate run` as a child process; returns wall-clock seconds and peak RSS in MB. */
export async function maskgateRun(url: string, rules: string, out: string): Promise<{ seconds: number; peakMB: number }> {
  const env = { ...process.env, MASKGATE_SECRET: randomBytes(48).toString('base64') };
  const args = [join(ROOT, 'bin/maskgate.js'), 'run', '--config', rules, '--source', url, '--out', out];
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  let peakKb = 0;
  // VmHWM is a high-water mark, so sampling it misses at most the growth of the last 50 ms.
  const timer = setInterval(() => {
    if (child.pid !== undefined) void vmHwmKb(child.pid).then((kb) => { peakKb = Math.max(peakKb, kb); });
  }, 50);
  const code = await new Promise<number | null>((res, rej) => { child.on('error', rej); child.on('close', res); });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(timer);
  if (code !== 0) throw new Error(`maskgate run exited with ${code}:\n${output.slice(-4000)}`);
  return { seconds, peakMB: peakKb / 1024 };
}

/** Runs a command with its stdout discarded (counted); returns seconds and bytes. */
async function timedCommand(cmd: string, args: readonly string[], input?: string): Promise<{ seconds: number; bytes: number }> {
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  let bytes = 0;
  let err = '';
  child.stdout!.on('data', (d: Buffer) => { bytes += d.length; });
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  if (input !== undefined) child.stdin!.end(input);
  const code = await new Promise<number | null>((res, rej) => { child.on('error', rej); child.on('close', res); });
  if (code !== 0) throw new Error(`${cmd} exited with ${code}: ${err.slice(-2000)}`);
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, bytes };
}

/** `mysql` client arguments for the bench server. */
function mysqlArgs(database?: string): string[] {
  const u = MYSQL_SERVER;
  return ['-h', u.hostname, '-P', u.port || '3306', '-u', decodeURIComponent(u.username) || 'root', ...(u.password ? [`-p${decodeURIComponent(u.password)}`] : []), ...(database ? [database] : [])];
}

/**
 * Copies PostgreSQL's `persons` (just generated) into MariaDB: COPY's text format is what LOAD DATA reads
 * by default (tabs, \N for NULL, backslash escapes), so the MySQL line masks exactly the same rows.
 */
async function fillMysqlPersons(pgUrl: string, dir: string): Promise<void> {
  const tsv = join(dir, 'persons.tsv');
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { createWriteStream } = await import('node:fs');
    await pipeline(client.query(copyTo(`COPY (SELECT id, bsn, voornaam, achternaam, geboortedatum, email, telefoon, postcode, woonplaats, kenteken, iban,
      gezondheid_notities, to_char(aangemaakt_op AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM persons ORDER BY id) TO STDOUT`)), createWriteStream(tsv));
  } finally {
    await client.end();
  }
  await timedCommand('mysql', mysqlArgs(), `DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`);
  await timedCommand('mysql', ['--local-infile=1', ...mysqlArgs(DB)], `CREATE TABLE persons (
      id bigint PRIMARY KEY, bsn char(9) NOT NULL UNIQUE, voornaam varchar(100) NOT NULL, achternaam varchar(100) NOT NULL,
      geboortedatum date NOT NULL, email varchar(255) NOT NULL UNIQUE, telefoon varchar(30), postcode varchar(10), woonplaats varchar(100),
      kenteken varchar(10), iban varchar(34), gezondheid_notities text, aangemaakt_op datetime NOT NULL) ENGINE=InnoDB;
    LOAD DATA LOCAL INFILE '${tsv}' INTO TABLE persons; ANALYZE TABLE persons;`);
  await rm(tsv, { force: true });
}

/** Masking and verification time as the run measured them itself (report `timings`). */
async function reportTimings(path: string): Promise<{ maskMs: number; verifyMs: number }> {
  const r = JSON.parse(await readFile(path, 'utf8')) as { timings?: { maskMs: number; verifyMs?: number } };
  return { maskMs: r.timings?.maskMs ?? NaN, verifyMs: r.timings?.verifyMs ?? NaN };
}

/** Runs `fn` on a connection to the server's `postgres` database. */
export async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A number with thousands separators and `d` decimals. */
export const fmt = (n: number, d = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

function printTable(results: readonly Result[]): void {
  const head = ['rows', 'raw COPY rows/s', 'raw MB', 'maskgate rows/s', `ratio (≥ ${TARGET_RATIO})`, `peak RSS MB (< ${TARGET_RSS_MB})`, 'mask s', `verify s (≤ ${TARGET_VERIFY_SHARE} × mask)`];
  const lines = results.map((r) => {
    const ratio = r.maskRowsPerSec / r.rawRowsPerSec;
    return [fmt(r.rows), fmt(r.rawRowsPerSec), fmt(r.rawMB, 1), fmt(r.maskRowsPerSec),
      `${ratio.toFixed(3)} ${ratio >= TARGET_RATIO ? 'ok' : 'BELOW'}`,
      `${r.peakRssMB.toFixed(1)} ${r.peakRssMB < TARGET_RSS_MB ? 'ok' : 'ABOVE'}`,
      (r.maskMs / 1000).toFixed(1),
      `${(r.verifyMs / 1000).toFixed(1)} = ${(r.verifyMs / r.maskMs).toFixed(2)} ${r.verifyMs / r.maskMs <= TARGET_VERIFY_SHARE ? 'ok' : 'ABOVE'}`];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const l of [head, widths.map((w) => '-'.repeat(w)), ...lines]) console.log(l.map((c, i) => c.padStart(widths[i]!)).join('  '));
  if (results.length >= 2) {
    const small = results[0]!;
    const big = results[results.length - 1]!;
    const growth = big.peakRssMB / small.peakRssMB - 1;
    const flat = Math.abs(growth) <= FLAT_TOLERANCE;
    console.log(`peak RSS ${fmt(small.rows)} → ${fmt(big.rows)} rows: ${small.peakRssMB.toFixed(1)} MB → ${big.peakRssMB.toFixed(1)} MB `
      + `(${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%) — ${flat ? 'flat' : 'NOT flat'} (target: within ±${FLAT_TOLERANCE * 100}%)`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, quick: { type: 'boolean' }, rules: { type: 'string' }, 'no-mysql': { type: 'boolean' } } });
  const sizes = values.rows !== undefined ? [Number(values.rows)] : values.quick ? [20_000, 100_000] : [100_000, 1_000_000];
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--rows must be a positive integer, got ${values.rows}`);
  const rules = resolve(values.rules ?? join(ROOT, 'bench/persons.rules.yaml'));
  const url = `${SERVER}/${DB}`;
  const dir = await mkdtemp(join(tmpdir(), 'maskgate-bench-'));
  const results: Result[] = [];
  try {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).then(() => c.query(`CREATE DATABASE ${DB}`)));
    for (const rows of sizes) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const f0 = Date.now();
      try {
        await fillPersons(client, rows);
      } finally {
        await client.end();
      }
      console.error(`[bench] filled ${fmt(rows)} rows in ${((Date.now() - f0) / 1000).toFixed(1)} s`);
      const raw = await rawCopy(url);
      console.error(`[bench] raw COPY ${raw.seconds.toFixed(2)} s`);
      const out = join(dir, 'persons.sql');
      const mask = await maskgateRun(url, rules, out);
      console.error(`[bench] maskgate run ${mask.seconds.toFixed(2)} s`);
      await rm(out, { force: true });
      results.push({ rows, rawRowsPerSec: rows / raw.seconds, rawMB: raw.bytes / 1048576,
        maskRowsPerSec: rows / mask.seconds, peakRssMB: mask.peakMB, ...(await reportTimings(`${out}.report.json`)) });
    }
    printTable(results);
    if (!values['no-mysql']) {
      // The PostgreSQL table of the largest size is still there: the same rows go to MariaDB.
      const rows = sizes[sizes.length - 1]!;
      await fillMysqlPersons(url, dir);
      const raw = await timedCommand('mysqldump', ['--single-transaction', '--quick', ...mysqlArgs(DB), 'persons']);
      console.error(`[bench] raw mysqldump ${raw.seconds.toFixed(2)} s`);
      const out = join(dir, 'persons.mysql.sql');
      const myUrl = new URL(MYSQL_SERVER.toString());
      myUrl.pathname = `/${DB}`;
      const mask = await maskgateRun(myUrl.toString(), rules, out);
      const t = await reportTimings(`${out}.report.json`);
      await rm(out, { force: true });
      const ratio = (rows / mask.seconds) / (rows / raw.seconds);
      console.log(`MySQL (MariaDB) ${fmt(rows)} rows: raw mysqldump ${fmt(rows / raw.seconds)} rows/s (${fmt(raw.bytes / 1048576, 1)} MB), `
        + `maskgate ${fmt(rows / mask.seconds)} rows/s, ratio ${ratio.toFixed(3)} ${ratio >= TARGET_RATIO ? 'ok' : 'BELOW'} (≥ ${TARGET_RATIO}), `
        + `peak RSS ${mask.peakMB.toFixed(1)} MB, mask ${(t.maskMs / 1000).toFixed(1)} s, verify ${(t.verifyMs / 1000).toFixed(1)} s`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    if (!values['no-mysql']) await timedCommand('mysql', mysqlArgs(), `DROP DATABASE IF EXISTS ${DB}`).catch((e: unknown) => console.error(`[bench] cleanup: ${String(e)}`));
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)).catch((e: unknown) => console.error(`[bench] cleanup: ${String(e)}`));
  }
}

// Only as the entry point, so the helpers can be imported without starting a run.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exitCode = 1;
  });
}
