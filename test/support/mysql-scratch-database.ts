import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { ROOT } from './run-cli.js';

/** A throwaway MySQL/MariaDB database; drop() removes it and closes the connection. */
export interface MysqlScratchDatabase {
  readonly name: string;
  readonly url: string;
  /** Runs one statement (or several, separated by `;`) and returns the rows of the last. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  readonly connection: mysql.Connection;
  drop(): Promise<void>;
}

/** Connection to the database a mysql:// URL names, with multi-statement scripts allowed (tests only). */
export async function connectMysql(url: string): Promise<mysql.Connection> {
  const u = new URL(url);
  return mysql.createConnection({
    host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username) || 'root', password: decodeURIComponent(u.password),
    ...(u.pathname.length > 1 ? { database: decodeURIComponent(u.pathname.slice(1)) } : {}), multipleStatements: true, charset: 'utf8mb4_unicode_ci',
    dateStrings: true, supportBigNumbers: true, bigNumberStrings: true, timezone: 'Z',
  });
}

/** Creates `mg_test_<random>` on the server of `adminUrl` (utf8mb4). */
export async function createMysqlScratchDatabase(adminUrl: string): Promise<MysqlScratchDatabase> {
  const name = `mg_test_${randomBytes(5).toString('hex')}`;
  const admin = await connectMysql(adminUrl);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = await connectMysql(url.toString());
  await connection.query("SET time_zone = '+00:00'");
  return {
    name,
    url: url.toString(),
    connection,
    query: async <R>(sql: string, params?: unknown[]) => {
      const [rows] = await connection.query(sql, params);
      if (Array.isArray(rows) && rows.length > 0 && Array.isArray(rows[0])) return rows[rows.length - 1] as R[];
      return (Array.isArray(rows) ? rows : []) as R[];
    },
    drop: async () => {
      await connection.end().catch(() => undefined);
      const a = await connectMysql(adminUrl);
      try {
        await a.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await a.end();
      }
    },
  };
}

/** A scratch MySQL database loaded with the fictional diplomawaardering fixture. */
export async function createMysqlFixtureDatabase(adminUrl: string): Promise<MysqlScratchDatabase> {
  const db = await createMysqlScratchDatabase(adminUrl);
  await db.query(readFileSync(join(ROOT, 'fixtures', 'diplomawaardering.mysql.sql'), 'utf8'));
  await db.query('ANALYZE TABLE aanvragers, diplomas, aanvragen, audit_log');
  return db;
}
