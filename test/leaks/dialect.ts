// The SQL dialects the planted-leak cases are written against. Cases stay one set of data: every
// statement they plant goes through a Dialect, so the same leak lands in a PostgreSQL and in a
// MySQL/MariaDB copy of the fixture, and the suite asserts the same verdict on both engines.
import mysql from 'mysql2';
import pg from 'pg';
import { createFixtureDatabase } from '../support/fixture-database.js';
import { createMysqlFixtureDatabase } from '../support/mysql-scratch-database.js';

/** Engine-neutral names of the column types the cases add. */
export type ColumnType = 'text' | 'bigint' | 'json' | 'bytes';

/** A scratch copy of the fixture, whatever its engine. */
export interface FixtureCopy {
  /** Connection URL for the CLI's `-s`. */
  readonly url: string;
  /** The schema the report qualifies the copy's tables with (`public`, or the MySQL database). */
  readonly schema: string;
  /** Runs one statement and returns its rows (none for statements without a result). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

/** How the cases' statements are written on one engine. */
export interface Dialect {
  readonly engine: 'postgres' | 'mysql';
  /** For test names and the summary. */
  readonly label: string;
  /** The key under which global-setup provides this engine's admin URL. */
  readonly adminUrlKey: 'pgUrl' | 'mysqlUrl';
  createFixture(adminUrl: string): Promise<FixtureCopy>;
  /** A fixture table (bare name) as the statements name it. */
  table(bare: string): string;
  /** A SQL string literal; quotes and backslashes in planted text are safe. */
  lit(value: string): string;
  typeName(type: ColumnType): string;
  addColumn(table: string, column: string, type: ColumnType): string;
  /**
   * One UPDATE that sets `column` of the rows keyed by id to the given values (typed as `type`); rows
   * not in `values` keep what they had.
   */
  setById(table: string, column: string, values: ReadonlyMap<number, string | null>, type?: ColumnType): string;
  /** The expression as a 64-bit integer: a text BSN losing its leading zeros. */
  toBigint(expr: string): string;
  /** Adds `column` as the engine's usual full-text search field over `sources` and fills it. */
  addSearchColumn(table: string, column: string, sources: readonly string[]): string[];
  /** Sets a column's DEFAULT to a text literal (the DDL then carries the value). */
  setDefault(table: string, column: string, value: string): string;
  /** The UTF-8 bytes of a text expression, for a bytea/blob column. */
  textAsBytes(expr: string): string;
  /** A date column as ISO `yyyy-mm-dd` text. */
  dateText(column: string): string;
  /** Refreshes the planner statistics of these tables after planting (the CLI's progress estimates read them). */
  analyze(tables: readonly string[]): string;
}

/** PostgreSQL: the fixture in `public`, the dialect the cases were first written in. */
export const postgres: Dialect = {
  engine: 'postgres',
  label: 'PostgreSQL',
  adminUrlKey: 'pgUrl',
  createFixture: async (adminUrl) => {
    const db = await createFixtureDatabase(adminUrl);
    return { url: db.url, schema: 'public', rows: async (sql) => (await db.query(sql)).rows as Record<string, unknown>[], drop: () => db.drop() };
  },
  table: (bare) => `public.${bare}`,
  lit: (value) => pg.escapeLiteral(value),
  typeName: (type) => ({ text: 'text', bigint: 'bigint', json: 'jsonb', bytes: 'bytea' })[type],
  addColumn: (table, column, type) => `ALTER TABLE ${postgres.table(table)} ADD COLUMN ${column} ${postgres.typeName(type)}`,
  setById: (table, column, values, type = 'text') => {
    const rows = [...values].map(([id, v]) => `(${id}, ${v === null ? 'NULL' : postgres.lit(v)})`).join(',\n');
    // VALUES literals are untyped text: the cast makes them assignable to bigint and jsonb columns.
    return `UPDATE ${postgres.table(table)} AS t SET ${column} = v.x::${postgres.typeName(type)} FROM (VALUES ${rows}) AS v(id, x) WHERE t.id = v.id`;
  },
  toBigint: (expr) => `${expr}::bigint`,
  // What a PostgreSQL application keeps for search: a tsvector, whose lexemes are the lowercased words
  // (an e-mail address stays one lexeme), quoted and positioned (`'word':1`), not the text as written.
  addSearchColumn: (table, column, sources) => [
    `ALTER TABLE ${postgres.table(table)} ADD COLUMN ${column} tsvector`,
    `UPDATE ${postgres.table(table)} SET ${column} = to_tsvector('simple', concat_ws(' ', ${sources.join(', ')}))`,
  ],
  setDefault: (table, column, value) => `ALTER TABLE ${postgres.table(table)} ALTER COLUMN ${column} SET DEFAULT ${postgres.lit(value)}`,
  textAsBytes: (expr) => `convert_to(${expr}, 'UTF8')`,
  dateText: (column) => `${column}::text`,
  analyze: () => 'ANALYZE',
};

/** MySQL/MariaDB: the fixture's tables in a scratch database of their own, named bare. */
export const mariadb: Dialect = {
  engine: 'mysql',
  label: 'MariaDB',
  adminUrlKey: 'mysqlUrl',
  createFixture: async (adminUrl) => {
    const db = await createMysqlFixtureDatabase(adminUrl);
    return { url: db.url, schema: db.name, rows: (sql) => db.query(sql), drop: () => db.drop() };
  },
  // The copy is the connection's database, and the fixture's tables are bare there as in the rules.
  table: (bare) => `\`${bare}\``,
  // The scratch server runs without NO_BACKSLASH_ESCAPES, which is what mysql2's escaping assumes.
  lit: (value) => mysql.escape(value),
  // MariaDB's json is LONGTEXT with a json_valid() check; the introspector recognises it by that check.
  typeName: (type) => ({ text: 'text', bigint: 'bigint', json: 'json', bytes: 'blob' })[type],
  addColumn: (table, column, type) => `ALTER TABLE ${mariadb.table(table)} ADD COLUMN ${column} ${mariadb.typeName(type)}`,
  setById: (table, column, values) => {
    // MariaDB's VALUES constructor names its columns after the first row's values, so a CASE keyed by
    // id does the job of PostgreSQL's FROM (VALUES …); assignment converts the quoted text to the column
    // type (bigint, json) by itself, so `type` needs no cast here.
    const arms = [...values].map(([id, v]) => `WHEN ${id} THEN ${v === null ? 'NULL' : mariadb.lit(v)}`).join('\n');
    return `UPDATE ${mariadb.table(table)} SET ${column} = CASE id ${arms} END WHERE id IN (${[...values.keys()].join(', ')})`;
  },
  toBigint: (expr) => `CAST(${expr} AS SIGNED)`,
  // MySQL has no tsvector. Its closest realistic twin is a plain text column the application fills with
  // the searchable words, under a FULLTEXT index: the words stay as written (case, accents, the e-mail
  // whole); the index only travels as DDL, the leak is in the column's data.
  addSearchColumn: (table, column, sources) => [
    `ALTER TABLE ${mariadb.table(table)} ADD COLUMN ${column} text`,
    `UPDATE ${mariadb.table(table)} SET ${column} = CONCAT_WS(' ', ${sources.join(', ')})`,
    `ALTER TABLE ${mariadb.table(table)} ADD FULLTEXT INDEX ${table}_${column}_ft (${column})`,
  ],
  setDefault: (table, column, value) => `ALTER TABLE ${mariadb.table(table)} ALTER COLUMN ${column} SET DEFAULT ${mariadb.lit(value)}`,
  // The connection speaks utf8mb4, so a text expression's bytes are its UTF-8 encoding.
  textAsBytes: (expr) => `CAST(${expr} AS BINARY)`,
  dateText: (column) => `DATE_FORMAT(${column}, '%Y-%m-%d')`,
  analyze: (tables) => `ANALYZE TABLE ${tables.map(mariadb.table).join(', ')}`,
};

/** Every engine the suite runs on. */
export const DIALECTS: readonly Dialect[] = [postgres, mariadb];
