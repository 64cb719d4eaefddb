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
  /** CREATE TABLE with columns, PRIMARY KEY (InnoDB's clustered index) and CHECKs. */
  readonly create: string;
  /** `ALTER TABLE … ADD …` for secondary and unique indexes, then foreign keys; null when there are none. */
  readonly after: string | null;
}

const SECONDARY_INDEX = /^\s*(UNIQUE KEY|KEY|FULLTEXT KEY|SPATIAL KEY|UNIQUE INDEX|INDEX) /;
const FOREIGN_KEY = /^\s*CONSTRAINT `((?:[^`]|``)+)` FOREIGN KEY/;

/**
 * Splits SHOW CREATE TABLE's statement so that indexes and foreign keys are built after the data
 * (one sort per index instead of one insert per row), as pg_dump does, and drops the named foreign
 * keys (into tables that are not exported). Its body lines are one definition each, so moving lines
 * and re-joining the commas keeps both statements valid.
 */
export function splitCreateTable(table: string, createTable: string, dropped: ReadonlySet<string>): SplitCreateTable {
  const lines = createTable.split('\n');
  const head = lines[0]!;
  const tail = lines[lines.length - 1]!;
  const keep: string[] = [];
  const indexes: string[] = [];
  const foreignKeys: string[] = [];
  for (const raw of lines.slice(1, -1)) {
    const l = raw.replace(/,$/, '');
    const fk = FOREIGN_KEY.exec(l);
    if (fk) {
      if (!dropped.has(fk[1]!.replace(/``/g, '`'))) foreignKeys.push(l.trim());
    } else if (SECONDARY_INDEX.test(l)) indexes.push(l.trim());
    else keep.push(l);
  }
  const adds = [...indexes, ...foreignKeys];
  return {
    create: [head, keep.join(',\n'), tail].join('\n'),
    after: adds.length > 0 ? `ALTER TABLE ${quoteMysqlIdent(table)}\n  ${adds.map((d) => `ADD ${d}`).join(',\n  ')}` : null,
  };
}
