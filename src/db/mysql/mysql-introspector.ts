import type { ColumnInfo, ColumnKind, SchemaInfo, TableInfo, TableRef } from '../table-info.js';

/** What introspection needs from a connection: rows of a parameterised query. */
export interface MysqlQueryable {
  rows(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

/** A table with what a MySQL dump needs to recreate it. */
export interface MysqlTable extends TableInfo {
  /** SHOW CREATE TABLE's statement: columns, keys, indexes, foreign keys and AUTO_INCREMENT. */
  readonly createTable: string;
  readonly foreignKeys: readonly { readonly name: string; readonly ref: TableRef }[];
  /** Generated columns: left out of the INSERTs, the restoring server computes them from the masked data. */
  readonly generatedColumns: readonly string[];
}

/** The connected database's base tables. */
export interface MysqlSchema extends SchemaInfo {
  readonly engine: 'mysql';
  readonly tables: readonly MysqlTable[];
}

const TEXT_TYPES = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum', 'set']);
const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint']);
const NUMERIC_TYPES = new Set(['decimal', 'numeric', 'float', 'double', 'real']);
const BINARY_TYPES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob', 'bit']);
const SPATIAL_TYPES = new Set(['geometry', 'point', 'linestring', 'polygon', 'multipoint', 'multilinestring', 'multipolygon', 'geometrycollection']);

function kindOf(dataType: string, columnType: string, json: boolean): ColumnKind {
  if (json || dataType === 'json') return 'json';
  // BOOLEAN is an alias of tinyint(1), and tinyint(1) holds nothing else in practice.
  if (/^tinyint\(1\)/i.test(columnType)) return 'boolean';
  if (TEXT_TYPES.has(dataType)) return 'text';
  if (INTEGER_TYPES.has(dataType)) return 'integer';
  if (NUMERIC_TYPES.has(dataType)) return 'numeric';
  if (BINARY_TYPES.has(dataType)) return 'binary';
  if (dataType === 'date') return 'date';
  if (dataType === 'datetime' || dataType === 'timestamp') return 'timestamp';
  return 'other';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

/**
 * Reads the connected database's tables from information_schema (columns, types, primary and unique
 * keys, foreign keys, row estimates) plus SHOW CREATE TABLE for the DDL. MariaDB's JSON is LONGTEXT
 * with a json_valid() check, so a column under such a check counts as json.
 */
export async function introspectMysql(db: MysqlQueryable): Promise<MysqlSchema> {
  const [{ db: database }] = (await db.rows('SELECT DATABASE() AS db')) as [{ db: unknown }];
  if (typeof database !== 'string') throw new Error('no database selected');
  const tableRows = await db.rows(`SELECT TABLE_NAME AS t, TABLE_ROWS AS n FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`, [database]);
  const columnRows = await db.rows(`SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type, DATA_TYPE AS dt, IS_NULLABLE AS nullable, EXTRA AS extra
    FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`, [database]);
  const indexRows = await db.rows(`SELECT TABLE_NAME AS t, INDEX_NAME AS i, NON_UNIQUE AS nu, COLUMN_NAME AS c
    FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`, [database]);
  const fkRows = await db.rows(`SELECT DISTINCT TABLE_NAME AS t, CONSTRAINT_NAME AS name, REFERENCED_TABLE_SCHEMA AS rs, REFERENCED_TABLE_NAME AS rt
    FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY TABLE_NAME, CONSTRAINT_NAME`, [database]);

  const tables: MysqlTable[] = [];
  for (const tr of tableRows) {
    const name = str(tr.t);
    const [created] = await db.rows(`SHOW CREATE TABLE \`${name.replace(/`/g, '``')}\``);
    const createTable = str(created!['Create Table']);
    const jsonColumns = new Set([...createTable.matchAll(/json_valid\(`((?:[^`]|``)+)`\)/gi)].map((m) => m[1]!.replace(/``/g, '`')));
    const indexes = indexRows.filter((r) => str(r.t) === name);
    const uniqueColumns = new Set(indexes.filter((r) => Number(r.nu) === 0 && r.c !== null).map((r) => str(r.c)));
    const primaryKey = indexes.filter((r) => str(r.i) === 'PRIMARY').map((r) => str(r.c));
    const own = columnRows.filter((r) => str(r.t) === name);
    const generatedColumns = own.filter((r) => /\b(VIRTUAL|STORED|PERSISTENT) GENERATED\b/i.test(str(r.extra))).map((r) => str(r.c));
    const columns: ColumnInfo[] = own.filter((r) => !generatedColumns.includes(str(r.c))).map((r) => {
      const dataType = str(r.dt).toLowerCase();
      const unsupported = SPATIAL_TYPES.has(dataType) ? `${dataType} columns are not supported yet` : undefined;
      return {
        name: str(r.c),
        sqlType: str(r.type),
        kind: kindOf(dataType, str(r.type), jsonColumns.has(str(r.c))),
        nullable: str(r.nullable) === 'YES',
        unique: uniqueColumns.has(str(r.c)),
        ...(unsupported ? { unsupported } : {}),
      };
    });
    const foreignKeys = fkRows.filter((r) => str(r.t) === name).map((r) => ({ name: str(r.name), ref: { schema: str(r.rs), name: str(r.rt) } }));
    tables.push({
      schema: database,
      name,
      columns,
      primaryKey,
      estimatedRows: Number(tr.n ?? 0),
      references: foreignKeys.map((f) => f.ref).filter((r) => !(r.schema === database && r.name === name)),
      createTable,
      foreignKeys,
      generatedColumns,
    });
  }
  return { engine: 'mysql', defaultSchema: database, tables };
}
