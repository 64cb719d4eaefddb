import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { toDatabaseError } from '../db/postgres/postgres-errors.js';
import { introspectPostgres, type PgSchema } from '../db/postgres/postgres-introspector.js';
import { qualify, quoteIdent } from '../db/postgres/postgres-ddl.js';
import { postgresDumpFormat, postgresDumpWriter } from '../db/postgres/postgres-dump.js';
import type { TableInfo } from '../db/table-info.js';
import type { DumpWriter } from '../dump/dump-format.js';
import type { RowBatch, Source } from './source.js';
import { MaskgateError } from '../errors.js';
import { wholeLines } from './whole-lines.js';

/**
 * PostgreSQL source: one connection, one REPEATABLE READ READ ONLY transaction so every table is
 * read from the same snapshot (foreign keys stay consistent), rows streamed with COPY TO STDOUT.
 */
export class PostgresSource implements Source {
  readonly engine = 'postgres' as const;
  readonly format = postgresDumpFormat;
  private lost: unknown = null;
  private schema: PgSchema | null = null;

  private constructor(private readonly client: pg.Client) {
    // An idle connection that dies emits 'error' on the client; remember it instead of crashing.
    client.on('error', (err) => {
      this.lost = err;
    });
  }

  /** Connects and opens the read-only snapshot. */
  static async connect(url: string): Promise<PostgresSource> {
    let client: pg.Client;
    try {
      client = new pg.Client({ connectionString: url, application_name: 'maskgate' });
    } catch {
      throw new MaskgateError('USAGE', 'The source URL is not a valid connection URL.', {}, 'Use postgres://user:password@host:5432/database (percent-encode special characters in the password).');
    }
    try {
      await client.connect();
    } catch (err) {
      client.removeAllListeners();
      throw toDatabaseError(err, 'connect');
    }
    const source = new PostgresSource(client);
    try {
      // Fixed session settings make the text output, and so the dump, identical on every machine.
      await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
        SET LOCAL search_path = ''; SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD';
        SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 3; SET LOCAL bytea_output = 'hex';
        SET LOCAL row_security = off`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw toDatabaseError(err, 'query');
    }
    return source;
  }

  /** Reads the catalog inside the snapshot. */
  async introspect(): Promise<PgSchema> {
    try {
      return (this.schema = await introspectPostgres(this.client as never));
    } catch (err) {
      throw toDatabaseError(this.lost ?? err, 'query');
    }
  }

  dumpWriter(tables: readonly TableInfo[]): DumpWriter {
    if (!this.schema) throw new Error('introspect() first');
    return postgresDumpWriter(this.schema, tables);
  }

  async *readTable(table: TableInfo): AsyncIterable<RowBatch> {
    const cols = table.columns.map((c) => quoteIdent(c.name)).join(', ');
    // ONLY: rows of inheritance children belong to the child tables, which are read on their own.
    // Without a primary key, ordering by the whole row's text still gives a stable order.
    const order = table.primaryKey.length > 0 ? table.primaryKey.map(quoteIdent).join(', ') : 't::text COLLATE "C"';
    const sql = `COPY (SELECT ${cols} FROM ONLY ${qualify(table.schema, table.name)} AS t ORDER BY ${order}) TO STDOUT`;
    const stream = this.client.query(copyTo(sql));
    this.copyOpen = true;
    try {
      for await (const text of wholeLines(stream as AsyncIterable<Buffer>)) yield splitRows(text);
      this.copyOpen = false;
    } catch (err) {
      throw toDatabaseError(this.lost ?? err, 'stream');
    }
  }

  private closed = false;
  /** A COPY left unfinished (the consumer stopped early) leaves the protocol mid-stream. */
  private copyOpen = false;

  /** Ends the snapshot and the connection; safe to call more than once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // After an abandoned COPY the server still streams rows and a ROLLBACK would wait forever;
    // closing the connection ends the read-only transaction just as well.
    if (!this.copyOpen) await this.client.query('ROLLBACK').catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }
}

function splitRows(text: string): RowBatch {
  const lines = text.split('\n');
  const rows: RowBatch = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) rows[i] = lines[i]!.split('\t');
  return rows;
}
