import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rvigTestBsns } from '../../fixtures/generate-diplomawaardering.js';
import { runCli } from '../support/run-cli.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';

// Masked keys must still join: a foreign key that references a masked BSN or e-mail resolves
// after masking, because the same input gives the same fake in every table. The restore adds the
// foreign keys after the data, so psql itself proves that every reference still resolves.
const PERSONS = 300;
const CASES = 700;

const bsns = rvigTestBsns().general.slice(0, PERSONS);
const SCHEMA = `
CREATE TABLE personen (
  id integer PRIMARY KEY,
  bsn char(9) NOT NULL UNIQUE,
  email varchar(80) NOT NULL UNIQUE
);
CREATE TABLE dossiers (
  id integer PRIMARY KEY,
  persoon_bsn char(9) NOT NULL REFERENCES personen (bsn),
  contact varchar(80) REFERENCES personen (email)
);
-- 100,000 distinct fictional BSNs from the never-issued 00-block (dutch-pii.md §1.5) in a unique column.
CREATE TABLE veel (id integer PRIMARY KEY, bsn char(9) NOT NULL UNIQUE);
INSERT INTO personen VALUES ${bsns.map((b, i) => `(${i + 1}, '${b}', 'persoon.${i + 1}@voorbeeld-mail.nl')`).join(', ')};
INSERT INTO dossiers
  SELECT g, p.bsn, CASE WHEN g % 3 = 0 THEN NULL ELSE p.email END
  FROM generate_series(1, ${CASES}) g JOIN personen p ON p.id = 1 + (g * 37) % ${PERSONS};
INSERT INTO veel
  SELECT row_number() OVER (ORDER BY prefix), lpad(prefix::text, 8, '0') || (s % 11)::text
  FROM (
    SELECT prefix, (SELECT sum((9 - i) * substr(lpad(prefix::text, 8, '0'), i + 1, 1)::int) FROM generate_series(0, 7) i) AS s
    FROM generate_series(1, 140000) prefix
  ) c
  WHERE s % 11 <> 10
  LIMIT 100000;
`;

const RULES = `version: 1
tables:
  personen:
    columns: { id: keep, bsn: bsn, email: email }
  dossiers:
    columns: { id: keep, persoon_bsn: bsn, contact: email }
  veel:
    columns: { id: keep, bsn: bsn }
`;

let source: ScratchDatabase;
let target: ScratchDatabase;
const dir = mkdtempSync(join(tmpdir(), 'mg-consistency-'));

beforeAll(async () => {
  source = await createScratchDatabase(inject('pgUrl'));
  target = await createScratchDatabase(inject('pgUrl'));
  await source.query(SCHEMA);
});
afterAll(async () => {
  await source?.drop();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('masked keys stay consistent across tables (PostgreSQL)', () => {
  it('foreign keys on masked BSN and e-mail columns resolve after restore, and 100,000 distinct BSNs stay distinct', async () => {
    const rules = join(dir, 'rules.yaml');
    writeFileSync(rules, RULES);
    const out = join(dir, 'masked.sql');
    const r = await runCli(['run', '--config', rules, '--source', source.url, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', target.url, '-f', out], { stdio: 'pipe' });

    const joins = `SELECT p.id AS persoon, count(d.id)::int AS n, count(d.contact)::int AS met_contact
      FROM personen p LEFT JOIN dossiers d ON d.persoon_bsn = p.bsn AND (d.contact IS NULL OR d.contact = p.email)
      GROUP BY p.id ORDER BY p.id`;
    expect((await target.query(joins)).rows).toEqual((await source.query(joins)).rows);
    const masked = await target.query(`SELECT count(*)::int AS n FROM personen WHERE bsn = ANY('{${bsns.join(',')}}'::text[])`);
    expect(masked.rows[0].n).toBe(0);

    const veel = `SELECT count(*)::int AS n, count(DISTINCT bsn)::int AS d FROM veel`;
    expect((await target.query(veel)).rows[0]).toEqual({ n: 100_000, d: 100_000 });
    // Default test-block mode: every fake is in the never-issued 00-block (dutch-pii.md §1.8 A).
    expect((await target.query(`SELECT count(*)::int AS n FROM veel WHERE bsn NOT LIKE '00%'`)).rows[0].n).toBe(0);
  }, 120_000);
});
