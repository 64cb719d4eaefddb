import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { quoteIdent } from '../db/postgres/postgres-ddl.js';
import { COPY_START } from '../db/postgres/postgres-dump.js';
import { toDatabaseError } from '../db/postgres/postgres-errors.js';
import { DUMP_TRAILER } from '../dump/dump-format.js';
import { lineBatches } from '../dump/line-batches.js';
import { MaskgateError } from '../errors.js';
import { checkDigest, stamp, type LoadRequest, type LoadResult } from './target.js';

/** Views (through their rewrite rules) and foreign keys outside the given schemas that use relations inside them. */
const OUTSIDE_DEPENDENTS = `
  SELECT DISTINCT n.nspname AS schema, c.relname AS name
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_class rc ON d.refclassid = 'pg_catalog.pg_class'::regclass AND rc.oid = d.refobjid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace AND rn.nspname = ANY($1)
  LEFT JOIN pg_catalog.pg_rewrite rw ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND rw.oid = d.objid
  LEFT JOIN pg_catalog.pg_constraint con ON d.classid = 'pg_catalog.pg_constraint'::regclass AND con.oid = d.objid
  JOIN pg_catalog.pg_class c ON c.oid = coalesce(rw.ev_class, con.conrelid)
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE NOT n.nspname = ANY($1)`;

/**
 * Loads a verified PostgreSQL dump into the target and swaps it in atomically. PostgreSQL's DDL is
 * transactional, so one transaction renames each schema the dump fills to a backup name, creates it
 * afresh, runs the dump into it (COPY FROM STDIN; keys, indexes and sequence values after the data),
 * drops the backups unless asked to keep them, and commits. Until COMMIT nobody sees the new schema;
 * any failure, including a lost connection, rolls back to exactly what the target held.
 */
export async function loadPostgresTarget(url: string, req: LoadRequest): Promise<LoadResult> {
  const client = new pg.Client({ connectionString: url, application_name: 'maskgate-target' });
  let lost: unknown = null;
  client.on('error', (err) => {
    lost = err;
  });
  try {
    await client.connect();
  } catch (err) {
    client.removeAllListeners();
    throw toDatabaseError(err, 'connect', 'target');
  }
  await checkDigest(req);
  const schemas = [...new Set(req.tables.map((t) => t.schema))].sort();
  const backups: string[] = [];
  let rows = 0;
  let copy: Writable | null = null;
  try {
    await client.query('BEGIN');
    for (const s of schemas) {
      const { rows: exists } = await client.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [s]);
      if (exists.length > 0) {
        const backup = `maskgate_previous_${stamp(req.startedAt)}_${s}`.slice(0, 63);
        await client.query(`ALTER SCHEMA ${quoteIdent(s)} RENAME TO ${quoteIdent(backup)}`);
        backups.push(backup);
      }
      await client.query(`CREATE SCHEMA ${quoteIdent(s)}`);
    }
    const digest = createHash('sha256');
    let sql = '';
    let copyDone: Promise<void> | null = null;
    let trailer = false;
    for await (const lines of lineBatches(req.dumpPath, digest)) {
      let text = '';
      for (const line of lines) {
        if (copy) {
          if (line === '\\.') {
            if (text) copy.write(text);
            text = '';
            copy.end();
            await copyDone;
            copy = null;
          } else {
            text += `${line}\n`;
            rows++;
          }
          continue;
        }
        const m = COPY_START.exec(line);
        if (m) {
          if (sql.trim()) await client.query(sql);
          sql = '';
          const stream = client.query(copyFrom(`COPY ${m[1]} FROM STDIN`));
          copyDone = new Promise((resolve, reject) => {
            stream.on('finish', () => resolve());
            stream.on('error', reject);
          });
          copyDone.catch(() => undefined);
          copy = stream;
        } else {
          if (line === DUMP_TRAILER) trailer = true;
          sql += `${line}\n`;
        }
      }
      // Backpressure: one 64 KiB batch at a time into the COPY stream.
      if (copy && text && !copy.write(text)) await Promise.race([new Promise((r) => copy!.once('drain', r)), copyDone]);
    }
    if (copy) throw new MaskgateError('IO', 'The staged dump ended inside a COPY block; nothing was loaded.');
    if (sql.trim()) await client.query(sql);
    if (!trailer || digest.digest('hex') !== req.sha256) {
      throw new MaskgateError('IO', 'The staged dump changed after verification; nothing was loaded.', {}, 'Another process may be writing in the staging directory; run again.');
    }
    if (!req.keepPrevious && backups.length > 0) {
      // CASCADE would also drop views and foreign keys of other schemas that use the replaced tables:
      // refuse (and roll back) rather than damage what the dump does not hold.
      const { rows: outside } = await client.query(OUTSIDE_DEPENDENTS, [backups]);
      if (outside.length > 0) {
        throw new MaskgateError('UNSUPPORTED', `Objects in other schemas of the target (${outside.map((r) => `${r.schema}.${r.name}`).join(', ')}) depend on the tables being replaced; nothing was loaded.`, {}, 'Drop or move those views or foreign keys first, or use --keep-previous (they then keep pointing at the backup schema).');
      }
      for (const b of backups) await client.query(`DROP SCHEMA ${quoteIdent(b)} CASCADE`);
    }
    await client.query('COMMIT');
  } catch (err) {
    // A ROLLBACK would queue behind an open COPY and never run; closing the connection rolls back too.
    if (copy === null) await client.query('ROLLBACK').catch(() => undefined);
    if (err instanceof MaskgateError) throw err;
    // A killed backend surfaces in many shapes (a FATAL on the COPY, a TypeError from writing to a
    // closed socket) before or without the client's 'error' event; the client knows it has ended.
    const code = (err as { code?: unknown }).code;
    const state = client as unknown as { _ended?: boolean; _queryable?: boolean };
    const sqlstate = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
    const dead = lost !== null || state._ended === true || state._queryable === false || sqlstate === '57P01' || sqlstate?.startsWith('08') === true
      // Inside a COPY, an error the server did not send (no SQLSTATE) means the socket under it is gone.
      || (copy !== null && sqlstate === null);
    throw toDatabaseError(dead ? lost ?? new Error('Connection terminated') : err, dead ? 'stream' : 'query', 'target');
  } finally {
    await client.end().catch(() => undefined);
  }
  return { engine: 'postgres', previous: req.keepPrevious ? backups : [], rows };
}
