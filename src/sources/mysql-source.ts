import mysql from 'mysql2';
import type { Readable } from 'node:stream';
import { quoteMysqlIdent } from '../db/mysql/mysql-ddl.js';
import { mysqlDumpFormat, mysqlDumpWriter } from '../db/mysql/mysql-dump.js';
import { toMysqlDatabaseError, type MysqlRole } from '../db/mysql/mysql-errors.js';
import { introspectMysql, type MysqlSchema } from '../db/mysql/mysql-introspector.js';
import { mysqlStringLiteral } from '../db/mysql/mysql-literal-codec.js';
import type { ColumnKind, TableInfo } from '../db/table-info.js';
import type { DumpWriter } from '../dump/dump-format.js';
import { MaskgateError } from '../errors.js';
import type { RowBatch, Source } from './source.js';

const BATCH_ROWS = 1000;

/**
 * Connection options from a mysql:// or mariadb:// URL. Dates, DECIMALs and BIGINTs stay strings
 * (no float or Date round trip), and the session speaks utf8mb4 in UTC.
 */
export function mysqlConnectionOptions(url: string, role: MysqlRole = 'source'): mysql.ConnectionOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new MaskgateError('USAGE', `The ${role} URL is not a valid connection URL.`, {}, 'Use mysql://user:password@host:3306/database (percent-encode special characters in the password).');
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new MaskgateError('USAGE', `The ${role} URL names no database.`, {}, 'Add the database to the URL: mysql://user@host:3306/database.');
  // A parameter we would ignore could be a security setting the user counts on (TLS): refuse it.
  const unknown = [...u.searchParams.keys()].filter((k) => k !== 'ssl');
  if (unknown.length > 0) {
    throw new MaskgateError('USAGE', `The ${role} URL has parameters maskgate does not know (${unknown.join(', ')}).`, {}, 'Supported: ?ssl=required (TLS, any certificate) or ?ssl=verify (TLS with a verified certificate).');
  }
  const ssl = u.searchParams.get('ssl');
  if (ssl !== null && !['required', 'verify', 'false'].includes(ssl)) {
    throw new MaskgateError('USAGE', `The ${role} URL's ssl=${ssl} is not one of required, verify, false.`);
  }
  return {
    ...(ssl === 'required' ? { ssl: { rejectUnauthorized: false } } : ssl === 'verify' ? { ssl: { rejectUnauthorized: true } } : {}),
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username) || 'root',
    password: decodeURIComponent(u.password),
    database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    multipleStatements: false,
  };
}

/** How each column's raw bytes become a SQL literal: numbers bare, bytes as hex, the rest quoted. */
type LiteralOf = (b: Buffer) => string;
const bare: LiteralOf = (b) => b.toString('latin1');
const hex: LiteralOf = (b) => `X'${b.toString('hex')}'`;
const quoted: LiteralOf = (b) => mysqlStringLiteral(b.toString('utf8'));
const literalFor = (kind: ColumnKind): LiteralOf => (kind === 'integer' || kind === 'numeric' || kind === 'boolean' ? bare : kind === 'binary' ? hex : quoted);

/**
 * MySQL/MariaDB source: one connection in one REPEATABLE READ, READ ONLY transaction WITH CONSISTENT
 * SNAPSHOT (InnoDB), so every table comes from the same moment. Rows stream in primary-key order
 * (the whole row when there is none) as raw text-protocol bytes, turned into SQL literals.
 */
export class MysqlSource implements Source {
  readonly engine = 'mysql' as const;
  readonly format = mysqlDumpFormat;
  private schema: MysqlSchema | null = null;
  private lost: unknown = null;
  private closed = false;

  /** The row stream being read; a dead connection must end it, or the read would wait forever. */
  private current: Readable | null = null;

  private constructor(private readonly conn: mysql.Connection) {
    conn.on('error', (err) => {
      this.lost = err;
      this.current?.destroy(err);
    });
    // A server that closes the connection (KILL, shutdown) may end it without an 'error' on the query stream.
    conn.on('end', () => {
      this.lost ??= Object.assign(new Error('connection ended'), { code: 'PROTOCOL_CONNECTION_LOST' });
      this.current?.destroy(this.lost as Error);
    });
  }

  /** Connects and opens the consistent read-only snapshot. */
  static async connect(url: string): Promise<MysqlSource> {
    const conn = mysql.createConnection(mysqlConnectionOptions(url));
    const source = new MysqlSource(conn);
    try {
      await new Promise<void>((resolve, reject) => conn.connect((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      conn.destroy();
      throw toMysqlDatabaseError(err, 'connect');
    }
    try {
      // A paused stream (backpressure) must not make the server give up writing: mysqldump raises this too.
      await source.exec("SET SESSION time_zone = '+00:00', SESSION net_write_timeout = 3600");
      await source.exec('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      await source.exec('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    } catch (err) {
      conn.destroy();
      throw toMysqlDatabaseError(err, 'query');
    }
    return source;
  }

  private exec(sql: string, params: readonly unknown[] = []): Promise<Record<string, unknown>[]> {
    return new Promise((resolve, reject) => {
      this.conn.query(sql, [...params], (err, rows) => (err ? reject(err) : resolve(rows as Record<string, unknown>[])));
    });
  }

  async introspect(): Promise<MysqlSchema> {
    try {
      return (this.schema = await introspectMysql({ rows: (sql, params) => this.exec(sql, params ?? []) }));
    } catch (err) {
      throw toMysqlDatabaseError(this.lost ?? err, 'query');
    }
  }

  dumpWriter(tables: readonly TableInfo[]): DumpWriter {
    if (!this.schema) throw new Error('introspect() first');
    return mysqlDumpWriter(this.schema, tables);
  }

  async *readTable(table: TableInfo): AsyncIterable<RowBatch> {
    const cols = table.columns.map((c) => quoteMysqlIdent(c.name));
    const order = table.primaryKey.length > 0 ? table.primaryKey.map(quoteMysqlIdent) : cols;
    const sql = `SELECT ${cols.join(', ')} FROM ${quoteMysqlIdent(table.schema)}.${quoteMysqlIdent(table.name)} ORDER BY ${order.join(', ')}`;
    const literal = table.columns.map((c) => literalFor(c.kind));
    const width = literal.length;
    // typeCast false: every field arrives as the server's text bytes, so nothing passes through a JS number or Date.
    const stream = this.conn.query({ sql, rowsAsArray: true, typeCast: false }).stream({ highWaterMark: BATCH_ROWS }) as Readable;
    this.current = stream;
    let batch: RowBatch = [];
    try {
      for await (const raw of stream as AsyncIterable<(Buffer | null)[]>) {
        const fields: string[] = new Array(width);
        for (let i = 0; i < width; i++) {
          const b = raw[i];
          fields[i] = b === null || b === undefined ? 'NULL' : literal[i]!(b);
        }
        batch.push(fields);
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
    } catch (err) {
      stream.destroy();
      throw toMysqlDatabaseError(this.lost ?? err, 'stream');
    } finally {
      this.current = null;
    }
    if (this.lost) throw toMysqlDatabaseError(this.lost, 'stream');
    if (batch.length > 0) yield batch;
  }

  /** Ends the snapshot and the connection; safe to call more than once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A stream left unread would keep the connection busy; destroying it ends the transaction too.
    this.conn.destroy();
  }
}
