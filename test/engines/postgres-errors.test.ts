import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toDatabaseError } from '../../src/db/postgres/postgres-errors.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';

// Fictional value that PostgreSQL quotes back in its DETAIL and message texts.
const PLANTED = '999990019';

let db: ScratchDatabase;
beforeAll(async () => {
  db = await createScratchDatabase(inject('pgUrl'));
  await db.query(`CREATE TABLE persoon (bsn text CONSTRAINT persoon_bsn_key UNIQUE, n int)`);
  await db.query(`INSERT INTO persoon VALUES ('${PLANTED}', 1)`);
});
afterAll(async () => db?.drop());

/** Runs SQL that must fail and returns the raw driver error. */
async function driverError(sql: string): Promise<unknown> {
  try {
    await db.query(sql);
  } catch (err) {
    return err;
  }
  throw new Error('expected the statement to fail');
}

describe('PostgreSQL driver errors are rebuilt without values', () => {
  it('drops the DETAIL of a unique violation but keeps code and constraint', async () => {
    const raw = (await driverError(`INSERT INTO persoon VALUES ('${PLANTED}', 2)`)) as pg.DatabaseError;
    expect(raw.detail).toContain(PLANTED);
    const e = toDatabaseError(raw, 'query');
    expect(e.code).toBe('DB_QUERY');
    expect(e.meta).toMatchObject({ sqlstate: '23505', constraint: 'persoon_bsn_key' });
    expect(e.message).toContain('unique_violation');
    expect(JSON.stringify({ m: e.message, meta: e.meta, hint: e.hint })).not.toContain(PLANTED);
  });

  it('drops a message that quotes the offending input', async () => {
    const raw = (await driverError(`SELECT '${PLANTED}x'::int`)) as pg.DatabaseError;
    expect(raw.message).toContain(PLANTED);
    const e = toDatabaseError(raw, 'query');
    expect(`${e.message} ${JSON.stringify(e.meta)}`).not.toContain(PLANTED);
    expect(e.meta.sqlstate).toBe('22P02');
  });

  it('maps a refused connection to DB_CONNECT without the URL', async () => {
    const c = new pg.Client({ connectionString: 'postgres://u:pw-secret@127.0.0.1:1/x' });
    const raw = await c.connect().then(() => null, (err: unknown) => err);
    const e = toDatabaseError(raw, 'connect');
    expect(e.code).toBe('DB_CONNECT');
    expect(e.exitCode).toBe(3);
    expect(e.message).not.toContain('pw-secret');
  });
});
