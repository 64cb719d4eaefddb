import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rvigTestBsns } from '../../fixtures/generate-diplomawaardering.js';
import { createFixtureDatabase, FIXTURE_RULES } from '../support/fixture-database.js';
import { runCli } from '../support/run-cli.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mg-e2e-'));
  dirs.push(d);
  return d;
}

let source: ScratchDatabase;
/** Every source value of a masked identifier column, to prove none of them is ever printed. */
let secrets: string[];

beforeAll(async () => {
  source = await createFixtureDatabase(inject('pgUrl'));
  const { rows } = await source.query(`SELECT bsn, email, achternaam FROM public.aanvragers`);
  secrets = rows.flatMap((r) => [r.bsn, r.email]).filter((v): v is string => typeof v === 'string' && v.length > 5);
});

afterAll(async () => {
  await source?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function expectNoSecrets(...texts: string[]): void {
  for (const t of texts) for (const s of secrets) expect(t.includes(s), 'a source value was printed').toBe(false);
}

describe('maskgate run (PostgreSQL)', () => {
  it('publishes a verified dump that psql restores, with kept values intact, identical on a second run', async () => {
    const dir = tempDir();
    const out = join(dir, 'masked.sql');
    const r = await runCli(['run', '--config', FIXTURE_RULES, '--source', source.url, '--out', out, '--log-level', 'debug']);
    expect(r.stderr).not.toMatch(/"level":50/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Published');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['masked.sql', 'masked.sql.attestation.html', 'masked.sql.attestation.json', 'masked.sql.attestation.md', 'masked.sql.report.json']);
    const dump = readFileSync(out, 'utf8');
    const report = readFileSync(`${out}.report.json`, 'utf8');
    expectNoSecrets(dump, report, r.stdout, r.stderr);
    expect(JSON.parse(report)).toMatchObject({ result: 'published', exitCode: 0, skippedTables: ['public.audit_log'] });

    const target = await createScratchDatabase(inject('pgUrl'));
    try {
      execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', target.url, '-f', out], { stdio: 'pipe' });
      for (const t of ['aanvragers', 'diplomas', 'aanvragen']) {
        const [a, b] = await Promise.all([source.query(`SELECT count(*)::int AS n FROM public.${t}`), target.query(`SELECT count(*)::int AS n FROM public.${t}`)]);
        expect(b.rows[0].n).toBe(a.rows[0].n);
      }
      expect((await target.query(`SELECT to_regclass('public.audit_log') AS t`)).rows[0].t).toBeNull();
      // `keep` columns survive byte for byte; masked identifiers all changed.
      const keptSql = `SELECT id, geslacht, aangemaakt_op::text FROM public.aanvragers ORDER BY id`;
      expect((await target.query(keptSql)).rows).toEqual((await source.query(keptSql)).rows);
      const diplomas = `SELECT * FROM public.diplomas ORDER BY id`;
      expect((await target.query(diplomas)).rows).toEqual((await source.query(diplomas)).rows);
      const same = await target.query(`SELECT count(*)::int AS n FROM public.aanvragers WHERE bsn = ANY('{${secrets.filter((s) => /^\d{9}$/.test(s)).join(',')}}'::text[])`);
      expect(same.rows[0].n).toBe(0);
      // Sequences continue after the restored rows, and the foreign keys hold.
      const next = await target.query(`INSERT INTO public.diplomas (aanvrager_id) VALUES (1) RETURNING id`);
      expect(next.rows[0].id).toBe((await source.query(`SELECT max(id)::int + 1 AS n FROM public.diplomas`)).rows[0].n);
      await expect(target.query(`INSERT INTO public.diplomas (aanvrager_id) VALUES (999999)`)).rejects.toThrow();
    } finally {
      await target.drop();
    }

    const out2 = join(dir, 'again.sql');
    expect((await runCli(['run', '--config', FIXTURE_RULES, '--source', source.url, '--out', out2])).code).toBe(0);
    expect(readFileSync(out2, 'utf8')).toBe(dump);
  });

  it('refuses a dump from a masker that returns its input: exit 1, nothing published, report names the column', async () => {
    const dir = tempDir();
    const out = join(dir, 'masked.sql');
    writeFileSync(out, 'previous good dump\n');
    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', out, '-r', join(dir, 'report.json')], { MASKGATE_FAULT_INJECT: 'identity:email' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('REFUSED');
    expect(readFileSync(out, 'utf8')).toBe('previous good dump\n');
    expect(readdirSync(dir).sort()).toEqual(['masked.sql', 'report.json', 'report.json.attestation.html', 'report.json.attestation.json', 'report.json.attestation.md']);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.result).toBe('refused');
    type F = { detector: string; column: string; rowKey: string; preview: string };
    const f = (report.verification.findings as F[]).find((x) => x.detector === 'unchanged-value')!;
    expect(f).toMatchObject({ table: 'public.aanvragers', column: 'email', detector: 'unchanged-value', severity: 'error' });
    // L6 catches the same cells on its own: real addresses are outside the reserved domain.
    expect((report.verification.findings as F[]).some((x) => x.detector === 'generator-range' && x.column === 'email')).toBe(true);
    expect(f.rowKey).toMatch(/^id=\d+$/);
    expect(f.preview.replace(/\*/g, '').length).toBeLessThanOrEqual(2);
    expectNoSecrets(r.stdout, r.stderr, readFileSync(join(dir, 'report.json'), 'utf8'));
  });

  it('refuses a broken masker in the last table too (the leak check covers every table)', async () => {
    const dir = tempDir();
    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', join(dir, 'out.sql')], { MASKGATE_FAULT_INJECT: 'identity:full_name' });
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'out.sql.report.json'), 'utf8'));
    expect(report.verification.findings.map((f: { table: string; column: string }) => `${f.table}.${f.column}`)).toContain('public.aanvragen.behandelaar');
    expect(readdirSync(dir).sort()).toEqual(['out.sql.attestation.html', 'out.sql.attestation.json', 'out.sql.attestation.md', 'out.sql.report.json']);
  });

  it('stops when a masker throws: exit 3, nothing published, the value not quoted', async () => {
    const dir = tempDir();
    const rules = join(dir, 'rules.yaml');
    // A city name is no postcode, so the postcode masker throws on the first row.
    writeFileSync(rules, readFileSync(FIXTURE_RULES, 'utf8').replace(/^(\s+)woonplaats: city/m, '$1woonplaats: postcode'));
    const r = await runCli(['run', '-c', rules, '-s', source.url, '-o', join(dir, 'out.sql')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/postcode.*\(public\.aanvragers\.woonplaats, row #1\); nothing was published/);
    expect(readdirSync(dir).sort()).toEqual(['out.sql.attestation.html', 'out.sql.attestation.json', 'out.sql.attestation.md', 'out.sql.report.json', 'rules.yaml']);
    const first = (await source.query(`SELECT woonplaats FROM public.aanvragers ORDER BY id LIMIT 1`)).rows[0].woonplaats as string;
    expect(r.stderr).not.toContain(first);
    expect(JSON.parse(readFileSync(join(dir, 'out.sql.report.json'), 'utf8')).error.code).toBe('MASKER_FAILED');
  });

  it('fails closed on coverage gaps: exit 2, every gap listed with a YAML snippet, no output', async () => {
    const dir = tempDir();
    const rules = join(dir, 'rules.yaml');
    // Drop one column rule and one whole table from the real rules.
    writeFileSync(rules, readFileSync(FIXTURE_RULES, 'utf8').replace(/^\s+telefoon:.*\n/m, '').replace(/^\s+audit_log: skip.*\n/m, '').replace(/^(\s+)woonplaats:/m, '$1woonplaatz:'));
    const r = await runCli(['run', '-c', rules, '-s', source.url, '-o', join(dir, 'out.sql')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('public.aanvragers.telefoon');
    expect(r.stderr).toContain('table public.audit_log has no rule');
    expect(r.stderr).toMatch(/rules\.yaml:\d+:\d+ rule for column public\.aanvragers\.woonplaatz, which does not exist \(did you mean woonplaats\?\)/);
    expect(r.stderr).toMatch(/public\.audit_log:\n\s+columns:\n\s+id: keep/);
    expect(r.stderr).toMatch(/# under tables\.public\.aanvragers\.columns:\n\s+telefoon: phone/);
    expect(r.stderr).toMatch(/# under tables:\n\s+public\.audit_log:/);
    expect(readdirSync(dir)).toEqual(['rules.yaml']);
  });

  it('points a YAML error at its line and column', async () => {
    const dir = tempDir();
    const rules = join(dir, 'rules.yaml');
    writeFileSync(rules, 'version: 1\ntables:\n  public.aanvragers:\n    columns:\n      id: keep\n      bsn: bnn\n');
    const r = await runCli(['check', '-c', rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules\.yaml:6:\d+ .*unknown masker "bnn".*did you mean "bsn"/);
  });

  it('checks coverage against the live schema without reading rows', async () => {
    const r = await runCli(['check', '-c', FIXTURE_RULES, '-s', source.url]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 tables exported');
  });

  it('refuses a kept column named like personal data unless the rule gives a reason (layer 1 by name)', async () => {
    const dir = tempDir();
    const rules = join(dir, 'rules.yaml');
    const kept = readFileSync(FIXTURE_RULES, 'utf8').replace(/^(\s+)telefoon: .*$/m, '$1telefoon: keep');
    writeFileSync(rules, kept);
    const check = await runCli(['check', '-c', rules, '-s', source.url]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('public.aanvragers.telefoon: looks like phone');
    const out = join(dir, 'out.sql');
    const r = await runCli(['run', '-c', rules, '-s', source.url, '-o', out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    const report = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
    expect(report.verification.findings).toContainEqual(expect.objectContaining({ detector: 'classification', table: 'public.aanvragers', column: 'telefoon' }));
    expectNoSecrets(r.stdout, r.stderr, JSON.stringify(report));
    // With the reason written down, the same column passes.
    writeFileSync(rules, kept.replace('telefoon: keep', 'telefoon: { mask: keep, reason: "test numbers only" }'));
    expect((await runCli(['check', '-c', rules, '-s', source.url])).code).toBe(0);
    // A reason is no licence: the kept numbers are still real, and the pattern layer refuses them.
    const again = join(dir, 'again.sql');
    expect((await runCli(['run', '-c', rules, '-s', source.url, '-o', again])).code).toBe(1);
    const rep = JSON.parse(readFileSync(`${again}.report.json`, 'utf8'));
    expect(rep.verification.findings.map((f: { detector: string }) => f.detector)).not.toContain('classification');
    expect(rep.verification.findings).toContainEqual(expect.objectContaining({ detector: 'pattern-phone', column: 'telefoon' }));
    const tables = rep.tables as { table: string; columns: { column: string; reason?: string }[] }[];
    expect(tables.find((t) => t.table === 'public.aanvragers')!.columns.find((c) => c.column === 'telefoon')!.reason).toBe('test numbers only');
  });

  it('refuses a kept free-text column that still holds BSNs (pattern layer), though no name or masker gives it away', async () => {
    const dir = tempDir();
    const rules = join(dir, 'rules.yaml');
    writeFileSync(rules, readFileSync(FIXTURE_RULES, 'utf8').replace(/^(\s+)notities: .*$/m, '$1notities: keep'));
    const out = join(dir, 'out.sql');
    const r = await runCli(['run', '-c', rules, '-s', source.url, '-o', out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    const report = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
    expect(report.verification.findings).toContainEqual(expect.objectContaining({ detector: 'pattern-bsn', severity: 'error', table: 'public.aanvragen', column: 'notities' }));
    expectNoSecrets(r.stdout, r.stderr, JSON.stringify(report));
    // The fixture's notes hold RvIG test BSNs: listed under `allow:` the pattern layer accepts them (as an
    // organisation would list them), but they are also the applicants' source BSNs, and the exact-match
    // layer (L5) cannot be switched off by any list: the kept notes are still refused.
    const testBsns = rvigTestBsns();
    writeFileSync(rules, `${readFileSync(rules, 'utf8')}allow:\n${[...testBsns.general, ...testBsns.leadingZero].map((b) => `  - "${b}"`).join('\n')}\n`);
    const allowed = await runCli(['run', '-c', rules, '-s', source.url, '-o', out]);
    const rep = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
    type F = { detector: string; severity: string; column?: string };
    expect(rep.verification.findings.filter((f: F) => f.detector === 'pattern-bsn' && f.severity === 'error')).toEqual([]);
    expect(rep.verification.findings).toContainEqual(expect.objectContaining({ detector: 'exact-match', severity: 'error', column: 'notities' }));
    expect(allowed.code).toBe(1);
  });

  it('refuses an option that names a column the table does not have (a typo would change the masking silently)', async () => {
    const dir = tempDir();
    const rules = join(dir, 'rules.yaml');
    writeFileSync(rules, readFileSync(FIXTURE_RULES, 'utf8').replace(/^(\s+)voornaam: .*$/m, '$1voornaam: { mask: first_name, gender: geslact }'));
    const r = await runCli(['check', '-c', rules, '-s', source.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/public\.aanvragers\.voornaam: masker "first_name" refers to column geslact, which does not exist in public\.aanvragers.*geslacht/);
  });

  it('stops on a missing or short secret before connecting', async () => {
    const dir = tempDir();
    for (const secret of [undefined, 'too-short']) {
      const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', join(dir, 'x.sql')], { MASKGATE_SECRET: secret });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('MASKGATE_SECRET');
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports an unreachable source as exit 3 without printing the URL password', async () => {
    const dir = tempDir();
    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', 'postgres://u:hunter2-secret@127.0.0.1:1/db', '-o', join(dir, 'x.sql')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Could not connect');
    expect(r.stderr).not.toContain('hunter2-secret');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects an --out that cannot be published before reading anything (exit 2)', async () => {
    const dir = tempDir();
    const missing = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', join(dir, 'no-such-dir', 'x.sql')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    const isDir = await runCli(['run', '-c', FIXTURE_RULES, '-s', source.url, '-o', dir]);
    expect(isDir.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('treats usage errors as exit 2 and documents the exit codes in --help', async () => {
    expect((await runCli(['run', '--config', FIXTURE_RULES])).code).toBe(2);
    const help = await runCli(['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/0\s+published and verified[\s\S]*1\s+verification refused[\s\S]*2\s+configuration[\s\S]*3\s+runtime failure/);
    expect(existsSync(FIXTURE_RULES)).toBe(true);
  });

  it('`maskers <name>` shows one masker with its options, as the config hints promise', async () => {
    const one = await runCli(['maskers', 'bsn']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('mode: test-block | rvig-test | format-preserving | invalid  (default "test-block")');
    const typo = await runCli(['maskers', 'frist_name']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "first_name"');
    const all = JSON.parse((await runCli(['maskers', '--json'])).stdout) as { name: string }[];
    expect(all.map((m) => m.name)).toContain('scrub');
  });
});
