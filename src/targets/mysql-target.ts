import { createHash, randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { quoteMysqlIdent } from '../db/mysql/mysql-ddl.js';
import { DATA_END, DATA_START } from '../db/mysql/mysql-dump.js';
import { toMysqlDatabaseError } from '../db/mysql/mysql-errors.js';
import { DUMP_TRAILER } from '../dump/dump-format.js';
import { lineBatches } from '../dump/line-batches.js';
import { MaskgateError } from '../errors.js';
import { mysqlConnectionOptions } from '../sources/mysql-source.js';
import { checkDigest, stamp, type LoadRequest, type LoadResult } from './target.js';

/**
 * Loads a verified MySQL dump into a fresh staging database next to the target, then swaps every
 * table in with one multi-table RENAME TABLE (atomic in MySQL and MariaDB): the target's old tables
 * move to a dated backup database, kept only with --keep-previous. MySQL's DDL is not transactional,
 * so until the rename the target is never touched; a failure before it drops the staging database.
 */
export async function loadMysqlTarget(url: string, req: LoadRequest): Promise<LoadResult> {
  await checkDigest(req);
  const opts = mysqlConnectionOptions(url, 'target');
  const target = opts.database!;
  const staging = `${target.slice(0, 40)}_mgstage_${randomBytes(4).toString('hex')}`;
  const backup = `${target.slice(0, 40)}_mgprev_${stamp(req.startedAt)}`;
  let conn: mysql.Connection;
  try {
    conn = await mysql.createConnection({ ...opts, multipleStatements: true });
  } catch (err) {
    throw toMysqlDatabaseError(err, 'connect', 'target');
  }
  let stagingCreated = false;
  let backupCreated = false;
  let swapped = false;
  let rows = 0;
  try {
    const [charset] = (await conn.query('SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [target]))[0] as { cs: string; co: string }[];
    if (!charset) throw new MaskgateError('DB_CONNECT', 'The target database does not exist; nothing was loaded.', {}, 'Create it first (CREATE DATABASE …): maskgate replaces its tables, it does not create databases.');
    await conn.query(`CREATE DATABASE ${quoteMysqlIdent(staging)} CHARACTER SET ${charset!.cs} COLLATE ${charset!.co}`);
    stagingCreated = true;
    await conn.query(`USE ${quoteMysqlIdent(staging)}`);

    // The dump's own layout: a head of settings and CREATE TABLEs, data blocks of INSERTs, a tail of settings.
    const digest = createHash('sha256');
    let chunk = '';
    let inBlock = false;
    let trailer = false;
    for await (const lines of lineBatches(req.dumpPath, digest)) {
      for (const line of lines) {
        if (!inBlock) {
          if (line.startsWith(DATA_START)) {
            if (chunk.trim()) await conn.query(chunk);
            chunk = '';
            inBlock = true;
          } else {
            if (line === DUMP_TRAILER) trailer = true;
            chunk += `${line}\n`;
          }
          continue;
        }
        if (line === DATA_END) {
          inBlock = false;
          continue;
        }
        if (line.startsWith('(')) rows++;
        chunk += `${line}\n`;
        if (line.endsWith(');')) {
          await conn.query(chunk);
          chunk = '';
        }
      }
    }
    if (inBlock) throw new MaskgateError('IO', 'The staged dump ended inside a data block; nothing was loaded.');
    if (chunk.trim()) await conn.query(chunk);
    if (!trailer || digest.digest('hex') !== req.sha256) {
      throw new MaskgateError('IO', 'The staged dump changed after verification; nothing was loaded.', {}, 'Another process may be writing in the staging directory; run again.');
    }

    const baseTables = async (db: string): Promise<string[]> =>
      ((await conn.query("SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME", [db]))[0] as { t: string }[]).map((r) => r.t);
    const [old, fresh] = await Promise.all([baseTables(target), baseTables(staging)]);
    const moves: string[] = [];
    if (old.length > 0) {
      await conn.query(`CREATE DATABASE ${quoteMysqlIdent(backup)} CHARACTER SET ${charset!.cs} COLLATE ${charset!.co}`);
      backupCreated = true;
      for (const t of old) moves.push(`${quoteMysqlIdent(target)}.${quoteMysqlIdent(t)} TO ${quoteMysqlIdent(backup)}.${quoteMysqlIdent(t)}`);
    }
    for (const t of fresh) moves.push(`${quoteMysqlIdent(staging)}.${quoteMysqlIdent(t)} TO ${quoteMysqlIdent(target)}.${quoteMysqlIdent(t)}`);
    await conn.query(`RENAME TABLE ${moves.join(', ')}`);
    swapped = true;
  } catch (err) {
    // A connection lost right after RENAME TABLE ran leaves `swapped` false with the old tables in the
    // backup: a backup that holds tables is never dropped here.
    await cleanUp(conn, opts, stagingCreated ? [staging] : [], backupCreated && !swapped ? [backup] : []);
    if (err instanceof MaskgateError) throw err;
    throw toMysqlDatabaseError(err, 'query', 'target');
  }
  await cleanUp(conn, opts, [staging, ...(backupCreated && !req.keepPrevious ? [backup] : [])], []);
  return { engine: 'mysql', previous: backupCreated && req.keepPrevious ? [backup] : [], rows };
}

/** Drops the helper databases (`ifEmpty` ones only when they hold no table); after a lost connection it opens a new one. */
async function cleanUp(conn: mysql.Connection, opts: mysql.ConnectionOptions, databases: readonly string[], ifEmpty: readonly string[]): Promise<void> {
  if (databases.length === 0 && ifEmpty.length === 0) {
    await conn.end().catch(() => undefined);
    return;
  }
  let c: mysql.Connection | null = conn;
  try {
    await c.query('SELECT 1');
  } catch {
    c.destroy();
    c = await mysql.createConnection(opts).catch(() => null);
    if (!c) return;
  }
  for (const db of databases) await c.query(`DROP DATABASE IF EXISTS ${quoteMysqlIdent(db)}`).catch(() => undefined);
  for (const db of ifEmpty) {
    const [rows] = await c.query('SELECT count(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [db]).catch(() => [[{ n: 1 }]] as const);
    if (Number((rows as { n: unknown }[])[0]?.n) === 0) await c.query(`DROP DATABASE IF EXISTS ${quoteMysqlIdent(db)}`).catch(() => undefined);
  }
  await c.end().catch(() => undefined);
}
