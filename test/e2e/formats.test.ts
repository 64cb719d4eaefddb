// csv and jsonl exports through the real CLI: staged as a directory and published by rename, read back and
// verified by the same gate as the SQL dump, NULL and the empty string kept apart, refusal leaves nothing.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFixtureDatabase, FIXTURE_RULES } from '../support/fixture-database.js';
import { createMysqlFixtureDatabase, type MysqlScratchDatabase } from '../support/mysql-scratch-database.js';
import { runCli } from '../support/run-cli.js';
import type { ScratchDatabase } from '../support/scratch-database.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mg-e2e-formats-'));
  dirs.push(d);
  return d;
}

let pgSource: ScratchDatabase;
let mySource: MysqlScratchDatabase;
beforeAll(async () => {
  [pgSource, mySource] = await Promise.all([createFixtureDatabase(inject('pgUrl')), createMysqlFixtureDatabase(inject('mysqlUrl'))]);
});
afterAll(async () => {
  await Promise.all([pgSource?.drop(), mySource?.drop()]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Manifest { complete: boolean; format: string; tables: { table: string; file: string; columns: string[]; rows: number }[] }

describe('--format csv and jsonl', () => {
  it('csv from PostgreSQL: one RFC 4180 file per table, NULL empty and "" for the empty string, kept values intact', async () => {
    const out = join(tempDir(), 'export');
    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', pgSource.url, '--format', 'csv', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o700);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest).toMatchObject({ complete: true, format: 'csv' });
    expect(readdirSync(out).sort()).toEqual(['manifest.json', ...manifest.tables.map((t) => t.file)].sort());
    const file = (table: string): string => readFileSync(join(out, manifest.tables.find((t) => t.table === table)!.file), 'utf8');
    const applicants = parse(file('public.aanvragers'), { columns: true, cast: (v, ctx) => (v === '' && !ctx.quoting ? null : v) }) as Record<string, string | null>[];
    expect(applicants).toHaveLength(300);
    expect(applicants.find((a) => a.id === '4')!.telefoon).toBe('');
    const nulls = (await pgSource.query('SELECT count(*)::int AS n FROM public.aanvragers WHERE telefoon IS NULL')).rows[0].n;
    expect(applicants.filter((a) => a.telefoon === null)).toHaveLength(nulls);
    const kept = (await pgSource.query('SELECT a.id::text AS id, a.geslacht FROM public.aanvragers AS a ORDER BY a.id')).rows;
    expect(applicants.map((a) => ({ id: a.id, geslacht: a.geslacht }))).toEqual(kept);
    const sourceBsns = new Set((await pgSource.query('SELECT bsn FROM public.aanvragers')).rows.map((x) => x.bsn));
    expect(applicants.filter((a) => sourceBsns.has(a.bsn))).toEqual([]);
    // The planted tab and newline live inside quoted fields and come back whole.
    const notes = parse(file('public.aanvragen'), { columns: true }) as Record<string, string>[];
    expect(notes.find((n) => n.id === '1')!.notities).toContain('\t');
    expect(notes.find((n) => n.id === '3')!.notities).toContain('\n');
    expect(manifest.tables.map((t) => t.rows)).toEqual([300, 414, 333]);
  });

  it('jsonl from MySQL: one object per line in column order, values as strings, NULL as null', async () => {
    const out = join(tempDir(), 'export');
    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', mySource.url, '--format', 'jsonl', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    const t = manifest.tables.find((x) => x.table.endsWith('.aanvragers'))!;
    const rows = readFileSync(join(out, t.file), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, string | null>);
    expect(rows).toHaveLength(300);
    expect(Object.keys(rows[0]!)).toEqual(t.columns);
    expect(rows.find((a) => a.id === '4')!.telefoon).toBe('');
    expect(rows.some((a) => a.tussenvoegsel === null)).toBe(true);
    expect(rows.find((a) => a.id === '1')!.aangemaakt_op).toBe('2022-01-04 00:03:00');
  });

  it('the gate reads csv and jsonl back: an identity masker is refused, no directory appears, and an earlier export stays', async () => {
    for (const format of ['csv', 'jsonl']) {
      const dir = tempDir();
      const out = join(dir, 'export');
      expect((await runCli(['run', '-c', FIXTURE_RULES, '-s', pgSource.url, '--format', format, '-o', out])).code).toBe(0);
      const before = readFileSync(join(out, 'manifest.json'), 'utf8');
      const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', pgSource.url, '--format', format, '-o', out, '-r', join(dir, 'r.json')], { MASKGATE_FAULT_INJECT: 'identity:phone' });
      expect(r.code).toBe(1);
      const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
      expect(report.verification.findings.some((f: { detector: string; column: string }) => f.detector === 'unchanged-value' && f.column === 'telefoon')).toBe(true);
      expect(readdirSync(dir).sort(), format).toEqual(['export', 'export.attestation.html', 'export.attestation.json', 'export.attestation.md', 'export.report.json', 'r.json', 'r.json.attestation.html', 'r.json.attestation.json', 'r.json.attestation.md']);
      expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    }
  });

  it('never replaces a directory that is not a maskgate export, and refuses csv with --target (exit 2)', async () => {
    const dir = tempDir();
    const mine = join(dir, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.txt'), 'not maskgate');
    const r = await runCli(['run', '-c', FIXTURE_RULES, '-s', pgSource.url, '--format', 'csv', '-o', mine]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a maskgate export; it is never replaced/);
    expect(readdirSync(mine)).toEqual(['thesis.txt']);
    const t = await runCli(['run', '-c', FIXTURE_RULES, '-s', pgSource.url, '--format', 'jsonl', '--target', pgSource.url]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/works with --out only/);
  });
});
