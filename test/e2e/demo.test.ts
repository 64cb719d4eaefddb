import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { createScratchDatabase } from '../support/scratch-database.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('maskgate demo', () => {
  it('runs on embedded PostgreSQL with no server and no secret, and its dump restores', async () => {
    const out = join(dir, 'demo');
    const r = await runCli(['demo', '--out', out], { MASKGATE_SECRET: undefined });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('throwaway random secret');
    expect(r.stdout).toMatch(/Published .*diplomawaardering\.sql: 3 tables, 1047 rows, \d+ columns masked/);
    expect(r.stdout).toContain('Verification passed: 0 refusing');
    expect(r.stdout).toMatch(/exact-match +\d+ checked/);
    expect(readdirSync(out).sort()).toEqual(['diplomawaardering.attestation.html', 'diplomawaardering.attestation.json', 'diplomawaardering.attestation.md', 'diplomawaardering.report.json', 'diplomawaardering.sql']);
    expect(JSON.parse(readFileSync(join(out, 'diplomawaardering.report.json'), 'utf8')).result).toBe('published');

    const target = await createScratchDatabase(inject('pgUrl'));
    try {
      execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', target.url, '-f', join(out, 'diplomawaardering.sql')], { stdio: 'pipe' });
      expect((await target.query('SELECT count(*)::int AS n FROM public.aanvragen')).rows[0].n).toBe(333);
    } finally {
      await target.drop();
    }
  });

  it('runs the other datasets too (--dataset), and refuses an unknown one with exit 2', async () => {
    const out = join(dir, 'demo-participatiewet');
    const r = await runCli(['demo', '--dataset', 'participatiewet', '--out', out], { MASKGATE_SECRET: undefined });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('fictional participatiewet dataset');
    expect(r.stdout).toMatch(/Published .*participatiewet\.sql: 3 tables, 1200 rows/);
    expect(readdirSync(out).sort()).toEqual(['participatiewet.attestation.html', 'participatiewet.attestation.json', 'participatiewet.attestation.md', 'participatiewet.report.json', 'participatiewet.sql']);
    const bad = await runCli(['demo', '--dataset', 'nope', '--out', join(dir, 'x')], { MASKGATE_SECRET: undefined });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/diplomawaardering, werkzoekenden, participatiewet/);
  });
});
