import type { TableInfo } from '../table-info.js';

/** Quotes a MySQL identifier. */
export function quoteMysqlIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** `` `table` (`col`, …) ``: how INSERTs and the dump's data blocks name a table. Tables are unqualified, so the dump restores into any database. */
export function mysqlInsertTarget(t: Pick<TableInfo, 'name' | 'columns'>): string {
  return `${quoteMysqlIdent(t.name)} (${t.columns.map((c) => quoteMysqlIdent(c.name)).join(', ')})`;
}

/** A table's DDL split for loading: the table with its primary key and checks first, the rest after the data. */
export interface SplitCreateTable {
  /** CREATE TABLE with columns, PRIMARY KEY (InnoDB's clustered index), CHECKs, the AUTO_INCREMENT column's key, table options and partitioning. */
  readonly create: string;
  /** `ALTER TABLE … ADD …` for the other secondary and unique indexes; null when there are none. */
  readonly indexes: string | null;
  /** `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY`; null when there are none. Run after every table's indexes. */
  readonly foreignKeys: string | null;
}

const SECONDARY_INDEX = /^\s*(?:UNIQUE KEY|KEY|FULLTEXT KEY|SPATIAL KEY|UNIQUE INDEX|INDEX) (?:`(?:[^`]|``)+` )?\(`((?:[^`]|``)+)`/;
const FOREIGN_KEY = /^\s*CONSTRAINT `((?:[^`]|``)+)` FOREIGN KEY/;
const AUTO_INCREMENT_COLUMN = /^\s*`((?:[^`]|``)+)` .*\bAUTO_INCREMENT\b/;

/**
 * Splits SHOW CREATE TABLE's statement so that indexes and foreign keys are built after the data
 * (one sort per index instead of one insert per row), as pg_dump does, and drops the named foreign
 * keys (into tables that are not exported). Its body lines, between the first line and the one that
 * closes the column list, are one definition each, so moving lines and re-joining the commas keeps
 * both statements valid. A key that leads with the AUTO_INCREMENT column stays: MySQL requires one.
 */
export function splitCreateTable(table: string, createTable: string, dropped: ReadonlySet<string>): SplitCreateTable {
  const lines = createTable.split('\n');
  let close = lines.length - 1;
  while (close > 0 && !lines[close]!.startsWith(')')) close--;
  const body = lines.slice(1, close).map((l) => l.replace(/,$/, ''));
  const autoIncrement = body.map((l) => AUTO_INCREMENT_COLUMN.exec(l)?.[1]).find((c) => c !== undefined);
  const keep: string[] = [];
  const indexes: string[] = [];
  const foreignKeys: string[] = [];
  for (const l of body) {
    const fk = FOREIGN_KEY.exec(l);
    const ix = SECONDARY_INDEX.exec(l);
    if (fk) {
      if (!dropped.has(fk[1]!.replace(/``/g, '`'))) foreignKeys.push(l.trim());
    } else if (ix && ix[1] !== autoIncrement) indexes.push(l.trim());
    else keep.push(l);
  }
  const alter = (defs: readonly string[]): string | null => (defs.length > 0 ? `ALTER TABLE ${quoteMysqlIdent(table)}\n  ${defs.map((d) => `ADD ${d}`).join(',\n  ')}` : null);
  return {
    create: [lines[0]!, keep.join(',\n'), ...lines.slice(close)].join('\n'),
    indexes: alter(indexes),
    foreignKeys: alter(foreignKeys),
  };
}
