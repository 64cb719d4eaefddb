// `maskgate verify` and `maskgate fingerprint` through the real CLI: raw pg_dump/mysqldump dumps of the
// fixture are refused with and without fingerprints, masked dumps pass, planted leaks without a
// pattern are caught only by the fingerprints, and the CI formats are what CI systems read.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { validateXML } from 'xmllint-wasm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFixtureDatabase, FIXTURE_RULES } from '../support/fixture-database.js';
import { createMysqlFixtureDatabase, type MysqlScratchDatabase } from '../support/mysql-scratch-database.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';

let dir: string;
let pg: ScratchDatabase;
let my: MysqlScratchDatabase;
/** Source values that must never be printed. */
let secrets: string[];
/** A fixture person's full name and e-mail address (fictional), planted as leaks. */
let person: { name: string; email: string };
const raw = (): string => join(dir, 'raw.sql');
const masked = (): string => join(dir, 'masked.sql');
const fp = (): string => join(dir, 'prod.fp');

function pgDump(url: string, out: string): void {
  const u = new URL(url);
  execFileSync('pg_dump', ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username) || 'postgres', '-f', out, u.pathname.slice(1)], { stdio: 'pipe' });
}

function expectNoSecrets(...texts: string[]): void {
  for (const t of texts) for (const s of secrets) expect(t.includes(s), 'a source value was printed').toBe(false);
}

/** The masked dump with one note of `aanvragen` replaced by `note`. */
function plant(note: string): string {
  const lines = readFileSync(masked(), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('COPY "public"."aanvragen"'));
  const fields = lines[start + 5]!.split('\t');
  fields[fields.length - 1] = note;
  lines[start + 5] = fields.join('\t');
  const out = join(dir, `leak-${Math.random().toString(36).slice(2)}.sql`);
  writeFileSync(out, lines.join('\n'));
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mg-e2e-verify-'));
  pg = await createFixtureDatabase(inject('pgUrl'));
  const { rows } = await pg.query(`SELECT id, bsn, email, voornaam, achternaam FROM public.aanvragers ORDER BY id`);
  secrets = rows.flatMap((r) => [r.bsn, r.email]).filter((v): v is string => typeof v === 'string' && v.length > 5);
  // Applicant 2 is surnamed Çelik, a name on none of maskgate's lists: no fake can be it.
  const p = rows.find((r) => r.id === 2)!;
  person = { name: `${p.voornaam} ${p.achternaam}`, email: p.email };
  pgDump(pg.url, raw());
  const run = await runCli(['run', '-c', FIXTURE_RULES, '-s', pg.url, '-o', masked(), '--emit-fingerprints', join(dir, 'emitted.fp')]);
  expect(run.code, run.stderr).toBe(0);
  const f = await runCli(['fingerprint', '-c', FIXTURE_RULES, '-s', pg.url, '-o', fp()]);
  expect(f.code, f.stderr).toBe(0);
  expect(f.stdout).toMatch(/Wrote .*prod\.fp: \d+ fingerprints \(.*bsn 300.*\)/);
}, 120_000);

afterAll(async () => {
  await pg?.drop();
  await my?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('maskgate verify (PostgreSQL dumps)', () => {
  it('refuses a raw pg_dump of the fixture, without and with fingerprints, printing no value', async () => {
    const plain = await runCli(['verify', '--input', raw(), '--report', join(dir, 'raw.report.json')], { MASKGATE_SECRET: undefined });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('REFUSED');
    const report = JSON.parse(readFileSync(join(dir, 'raw.report.json'), 'utf8'));
    expect(report).toMatchObject({ kind: 'verify', result: 'refused', exitCode: 1, keyId: null });
    expect(report.verification.findings).toContainEqual(expect.objectContaining({ severity: 'error', detector: 'pattern-email', table: 'public.aanvragers', column: 'email' }));
    expect(report.verification.findings).toContainEqual(expect.objectContaining({ severity: 'error', detector: 'content-statistics', column: 'bsn' }));
    const withFp = await runCli(['verify', '--input', raw(), '--fingerprints', fp(), '--format', 'json']);
    expect(withFp.code).toBe(1);
    const r2 = JSON.parse(withFp.stdout);
    expect(r2.verification.findings).toContainEqual(expect.objectContaining({ detector: 'exact-match', table: 'public.aanvragers', column: 'bsn' }));
    expectNoSecrets(plain.stdout, plain.stderr, readFileSync(join(dir, 'raw.report.json'), 'utf8'), withFp.stdout, withFp.stderr, readFileSync(fp(), 'latin1'));
  });

  it('passes the masked dump: without anything else, with fingerprints, with the rules', async () => {
    for (const extra of [[], ['--fingerprints', fp()], ['--config', FIXTURE_RULES], ['--config', FIXTURE_RULES, '--fingerprints', fp()]]) {
      const r = await runCli(['verify', '--input', masked(), ...extra]);
      expect(r.code, `${extra.join(' ')}\n${r.stderr}\n${r.stdout}`).toBe(0);
      expect(r.stdout).toContain('PASSED');
    }
    // With the rules every column is judged by its masker: not even a warning is left.
    const json = JSON.parse((await runCli(['verify', '--input', masked(), '--config', FIXTURE_RULES, '--format', 'json'])).stdout);
    expect(json.verification.findings).toEqual([]);
  });

  it('catches a leak with no recognisable pattern only with fingerprints: a full name, an e-mail address on a real domain', async () => {
    const name = plant(`Overleg met ${person.name} over de aanvraag`);
    expect((await runCli(['verify', '--input', name])).code).toBe(0);
    const caught = await runCli(['verify', '--input', name, '--fingerprints', fp(), '--format', 'json']);
    expect(caught.code).toBe(1);
    expect(JSON.parse(caught.stdout).verification.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([expect.objectContaining({ detector: 'exact-match', table: 'public.aanvragen', column: 'notities' })]);
    expect(caught.stdout).not.toContain(person.name);

    const email = plant(`Kopie gestuurd aan ${person.email}`);
    const r = await runCli(['verify', '--input', email, '--fingerprints', fp(), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).verification.findings).toContainEqual(expect.objectContaining({ detector: 'exact-match', column: 'notities' }));
    expectNoSecrets(r.stdout, r.stderr);
  });

  it('refuses a dump cut short (no end marker; with the rules, also the missing table), and a damaged gzip with exit 3', async () => {
    const lines = readFileSync(masked(), 'utf8').split('\n');
    const second = lines.findIndex((l, i) => l === '\\.' && lines.slice(0, i).filter((x) => x === '\\.').length === 1);
    const cut = join(dir, 'cut.sql');
    writeFileSync(cut, lines.slice(0, second + 1).join('\n'));
    const r = await runCli(['verify', '--input', cut, '--config', FIXTURE_RULES, '--format', 'json']);
    expect(r.code).toBe(1);
    const errors = JSON.parse(r.stdout).verification.findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ detector: 'dump-integrity', table: '(dump)' }), expect.objectContaining({ detector: 'dump-integrity', table: 'public.aanvragen', message: 'The table is missing from the dump.' })]));
    expect((await runCli(['verify', '--input', cut])).code).toBe(1);
    const bad = join(dir, 'bad.sql.gz');
    writeFileSync(bad, gzipSync(readFileSync(raw())).subarray(0, 3000));
    const g = await runCli(['verify', '--input', bad]);
    expect(g.code).toBe(3);
    expect(g.stderr).toContain('is not a complete gzip file');
  });

  it('with the rules, still refuses a masked column whose values are copied from production (coincidences at a rate chance cannot explain)', async () => {
    const { rows } = await pg.query(`SELECT id, telefoon FROM public.aanvragers ORDER BY id`);
    const phones = new Map(rows.map((r) => [String(r.id), r.telefoon as string | null]));
    const lines = readFileSync(masked(), 'utf8').split('\n');
    const start = lines.findIndex((l) => l.startsWith('COPY "public"."aanvragers"'));
    const cols = /\((.*)\)/.exec(lines[start]!)![1]!.split(', ').map((c) => c.replace(/"/g, ''));
    const tel = cols.indexOf('telefoon');
    for (let i = start + 1; lines[i] !== '\\.'; i++) {
      const f = lines[i]!.split('\t');
      const p = phones.get(f[0]!);
      if (p) f[tel] = p;
      lines[i] = f.join('\t');
    }
    const copied = join(dir, 'copied-phones.sql');
    writeFileSync(copied, lines.join('\n'));
    const r = await runCli(['verify', '--input', copied, '--config', FIXTURE_RULES, '--fingerprints', fp(), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).verification.findings).toContainEqual(expect.objectContaining({ detector: 'exact-match', table: 'public.aanvragers', column: 'telefoon', severity: 'error' }));
    expectNoSecrets(r.stdout, r.stderr);
  });

  it('judges a BSN primary key by its content, and reads the rows of a statement with its columns in another order as their own columns', async () => {
    const bsns = secrets.filter((v) => /^\d{9}$/.test(v)).slice(0, 40);
    const pk = join(dir, 'pk.sql');
    writeFileSync(pk, `CREATE TABLE public.burgers (\n    bsn bigint NOT NULL,\n    status text\n);\nCOPY public.burgers (bsn, status) FROM stdin;\n${bsns.map((b) => `${b}\tactief`).join('\n')}\n\\.\nALTER TABLE ONLY public.burgers\n    ADD CONSTRAINT burgers_pkey PRIMARY KEY (bsn);\n-- PostgreSQL database dump complete\n`);
    const r = await runCli(['verify', '--input', pk, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).verification.findings).toContainEqual(expect.objectContaining({ detector: 'content-statistics', column: 'bsn', severity: 'error' }));
    const swapped = join(dir, 'swapped.sql');
    writeFileSync(swapped, `-- MariaDB dump 10.19\nCREATE TABLE \`b\` (\n  \`id\` int,\n  \`doc\` blob,\n  \`note\` text\n);\nINSERT INTO \`b\` (\`id\`,\`doc\`,\`note\`) VALUES (1,NULL,'x');\nINSERT INTO \`b\` (\`id\`,\`note\`,\`doc\`) VALUES (2,'Kopie aan ${person.email}',NULL);\n-- Dump completed on 2026-11-23\n`);
    const s2 = await runCli(['verify', '--input', swapped, '--format', 'json']);
    expect(s2.code).toBe(1);
    expect(JSON.parse(s2.stdout).verification.findings).toContainEqual(expect.objectContaining({ detector: 'pattern-email', column: 'note', severity: 'error' }));
  });

  it('reads a gzipped dump as the same dump', async () => {
    const gz = join(dir, 'raw.sql.gz');
    writeFileSync(gz, gzipSync(readFileSync(raw())));
    const r = await runCli(['verify', '--input', gz, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).tables).toEqual(expect.arrayContaining([{ table: 'public.aanvragers', rows: 300 }]));
  });

  it('writes JUnit XML that validates against the JUnit schema, with one failing case per leaking column', async () => {
    const schema = readFileSync(join(ROOT, 'test', 'support', 'junit.xsd'), 'utf8');
    for (const [input, failing] of [[raw(), true], [masked(), false]] as const) {
      const r = await runCli(['verify', '--input', input, '--format', 'junit']);
      const xml = r.stdout;
      const v = await validateXML({ xml: [{ fileName: 'maskgate.xml', contents: xml }], schema: [{ fileName: 'junit.xsd', contents: schema }] });
      expect(v.errors, xml.slice(0, 500)).toEqual([]);
      expect(v.valid).toBe(true);
      if (failing) expect(xml).toMatch(/<testcase name="public\.aanvragers\.email" classname="maskgate\.patterns-in-text" time="0">\s*<failure /);
      else expect(xml).not.toContain('<failure');
      expectNoSecrets(xml);
    }
    // A broken document is rejected by the same check, so the validation is not vacuous.
    const bad = await validateXML({ xml: [{ fileName: 'x.xml', contents: '<testsuites><testsuite tests="x"/></testsuites>' }], schema: [{ fileName: 'junit.xsd', contents: schema }] });
    expect(bad.valid).toBe(false);
  });

  it('writes SARIF 2.1.0 with one result per listed finding and stable finding ids', async () => {
    const r = await runCli(['verify', '--input', raw(), '--format', 'sarif']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe('maskgate');
    expect(run0.results.length).toBeGreaterThan(0);
    for (const res of run0.results) {
      expect(['error', 'warning']).toContain(res.level);
      expect(run0.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.partialFingerprints.maskgateFindingId).toMatch(/^[0-9a-f]{16}$/);
    }
    expectNoSecrets(r.stdout);
  });
});

describe('maskgate verify --target and export directories', () => {
  it('refuses the raw fixture database and passes the database the masked dump was restored into, read-only', async () => {
    const rawDb = await runCli(['verify', '--target', pg.url, '--report', join(dir, 'db-raw.report.json')]);
    expect(rawDb.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'db-raw.report.json'), 'utf8'));
    expect(report.input).toMatchObject({ kind: 'database', engine: 'postgres' });
    expect(report.input.sha256).toBeUndefined();
    expect(report.verification.findings).toContainEqual(expect.objectContaining({ severity: 'error', detector: 'pattern-email', table: 'public.aanvragers', column: 'email' }));
    const restored = await createScratchDatabase(inject('pgUrl'));
    try {
      execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', restored.url, '-f', masked()], { stdio: 'pipe' });
      const before = (await restored.query(`SELECT sum(n_tup_ins + n_tup_upd + n_tup_del)::int AS w FROM pg_stat_user_tables`)).rows[0].w;
      const ok = await runCli(['verify', '--target', restored.url, '--config', FIXTURE_RULES, '--fingerprints', fp(), '--report', join(dir, 'db-masked.report.json')]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('PASSED: the database');
      const after = (await restored.query(`SELECT sum(n_tup_ins + n_tup_upd + n_tup_del)::int AS w FROM pg_stat_user_tables`)).rows[0].w;
      expect(after).toBe(before);
    } finally {
      await restored.drop();
    }
    expectNoSecrets(rawDb.stdout, rawDb.stderr);
  });

  it('passes a csv export directory, and refuses it once a real e-mail address is written into one of its files', async () => {
    const out = join(dir, 'export');
    expect((await runCli(['run', '-c', FIXTURE_RULES, '-s', pg.url, '-o', out, '--format', 'csv'])).code).toBe(0);
    for (const extra of [[], ['--config', FIXTURE_RULES, '--fingerprints', fp()]]) {
      const r = await runCli(['verify', '--input', out, ...extra]);
      expect(r.code, r.stderr).toBe(0);
    }
    const file = join(out, 'public.aanvragen.csv');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('Scan opgeslagen onder');
    writeFileSync(file, text.replace('Scan opgeslagen onder', `Kopie aan ${person.email}, scan opgeslagen onder`));
    const r = await runCli(['verify', '--input', out, '--fingerprints', fp(), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).verification.findings).toContainEqual(expect.objectContaining({ detector: 'exact-match', table: 'public.aanvragen' }));
  });
});

describe('verify attestation', () => {
  it('writes a signed attestation of the check next to the report; it verifies against the dump and fails on a flipped byte', async () => {
    const key = join(dir, 'ci');
    expect((await runCli(['keygen', '--out', key])).code).toBe(0);
    const report = join(dir, 'gate.report.json');
    const r = await runCli(['verify', '--input', masked(), '--fingerprints', fp(), '--config', FIXTURE_RULES, '--report', report], { MASKGATE_SIGNING_KEY: `${key}.key` });
    expect(r.code, r.stderr).toBe(0);
    const att = JSON.parse(readFileSync(join(dir, 'gate.attestation.json'), 'utf8'));
    expect(att).toMatchObject({ kind: 'verify', result: 'PASS', outcome: 'passed', target: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }, signature: { alg: 'ed25519' } });
    expect(att.verification.exactMatch).toMatchObject({ performed: true, matches: 0 });
    expect(readFileSync(join(dir, 'gate.attestation.md'), 'utf8')).toContain('maskgate verify');
    const ok = await runCli(['attest', 'verify', join(dir, 'gate.attestation.json'), '--public-key', `${key}.pub`, '--artifact', masked()]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const flipped = join(dir, 'flipped.sql');
    const buf = Buffer.from(readFileSync(masked()));
    buf[buf.length - 200]! ^= 0x01;
    writeFileSync(flipped, buf);
    expect((await runCli(['attest', 'verify', join(dir, 'gate.attestation.json'), '--public-key', `${key}.pub`, '--artifact', flipped])).code).toBe(1);
    // A refused check is attested too, as FAIL.
    const refused = await runCli(['verify', '--input', raw(), '--report', join(dir, 'raw-gate.report.json')]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'raw-gate.attestation.json'), 'utf8'))).toMatchObject({ kind: 'verify', result: 'FAIL' });
  });
});

describe('fingerprint files', () => {
  it('are the same whether written by `fingerprint` or by `run --emit-fingerprints`, 0600, with a header and no value', async () => {
    const a = readFileSync(fp());
    const b = readFileSync(join(dir, 'emitted.fp'));
    expect(statSync(fp()).mode & 0o777).toBe(0o600);
    const header = (buf: Buffer): Record<string, unknown> => JSON.parse(buf.subarray(12, 12 + buf.readUInt32BE(8)).toString('utf8'));
    const ha = header(a);
    expect(ha).toMatchObject({ format: 'maskgate-fingerprints', version: 1, fingerprint: 'hmac-sha256/64', mode: 'sorted', falsePositiveRate: expect.any(Number) });
    expect({ count: header(b).count, types: header(b).types, keyId: header(b).keyId }).toEqual({ count: ha.count, types: ha.types, keyId: ha.keyId });
    // Same fingerprints, byte for byte, after the header.
    expect(a.subarray(12 + a.readUInt32BE(8), -32).equals(b.subarray(12 + b.readUInt32BE(8), -32))).toBe(true);
    expectNoSecrets(a.toString('latin1'));
  });

  it('are refused (exit 2) under another secret, without a secret, and when altered', async () => {
    const other = await runCli(['verify', '--input', masked(), '--fingerprints', fp()], { MASKGATE_SECRET: 'another-test-secret-0123456789-abcdefghijklmn' });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/made with key [0-9a-f]{16}, but MASKGATE_SECRET is key [0-9a-f]{16}/);
    const none = await runCli(['verify', '--input', masked(), '--fingerprints', fp()], { MASKGATE_SECRET: undefined });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--fingerprints needs MASKGATE_SECRET');
    const tampered = join(dir, 'tampered.fp');
    const buf = Buffer.from(readFileSync(fp()));
    buf[buf.length - 100]! ^= 0x01;
    writeFileSync(tampered, buf);
    const t = await runCli(['verify', '--input', masked(), '--fingerprints', tampered]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('seal does not match');
    // A forged file with the (public) key id, no fingerprints and a plain checksum would make the exact match check nothing.
    const header = Buffer.from(JSON.stringify({ ...JSON.parse(buf.subarray(12, 12 + buf.readUInt32BE(8)).toString('utf8')), count: 0, types: {} }));
    const pre = Buffer.alloc(12);
    buf.copy(pre, 0, 0, 8);
    pre.writeUInt32BE(header.length, 8);
    const forged = join(dir, 'forged.fp');
    writeFileSync(forged, Buffer.concat([pre, header, createHash('sha256').update(Buffer.concat([pre, header])).digest()]));
    const f = await runCli(['verify', '--input', masked(), '--fingerprints', forged]);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('seal does not match');
  });
});

describe('maskgate verify (MySQL/MariaDB dumps)', () => {
  it('refuses a raw mysqldump (gzipped) and passes maskgate\'s masked MySQL dump', async () => {
    my = await createMysqlFixtureDatabase(inject('mysqlUrl'));
    const u = new URL(my.url);
    const dump = execFileSync('mysqldump', ['-h', u.hostname, '-P', u.port || '3306', '-u', decodeURIComponent(u.username) || 'root', ...(u.password ? [`-p${decodeURIComponent(u.password)}`] : []), my.name], { maxBuffer: 1 << 28 });
    const gz = join(dir, 'raw.mysql.sql.gz');
    writeFileSync(gz, gzipSync(dump));
    const refused = await runCli(['verify', '--input', gz, '--format', 'json']);
    expect(refused.code).toBe(1);
    const report = JSON.parse(refused.stdout);
    expect(report.input.engine).toBe('mysql');
    expect(report.tables).toEqual(expect.arrayContaining([{ table: `${my.name}.aanvragers`, rows: 300 }, { table: `${my.name}.aanvragen`, rows: 333 }]));
    expect(report.verification.findings).toContainEqual(expect.objectContaining({ severity: 'error', detector: 'pattern-email', column: 'email' }));

    const out = join(dir, 'masked.mysql.sql');
    const run = await runCli(['run', '-c', FIXTURE_RULES, '-s', my.url, '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    for (const extra of [[], ['--config', FIXTURE_RULES]]) {
      const r = await runCli(['verify', '--input', out, ...extra]);
      expect(r.code, r.stderr).toBe(0);
    }
    expectNoSecrets(refused.stdout, refused.stderr);
  }, 120_000);
});
