import type { TableInfo } from '../table-info.js';

/** Quotes a MySQL identifier. */
export function quoteMysqlIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** `` `table` (`col`, …) ``: how INSERTs and the dump's data blocks name a table. Tables are unqualified, so the dump restores into any database. */
export function mysqlInsertTarget(t: Pick<TableInfo, 'name' | 'columns'>): string {
  return `${quoteMysqlIdent(t.name)} (${t.columns.map((c) => quoteMysqlIdent(c.name)).join(', ')})`;
}

/**
 * SHOW CREATE TABLE's statement without the named constraints (foreign keys into tables that are
 * not exported). Its body lines are one definition each, so dropping lines and re-joining the
 * commas keeps it valid.
 */
export function withoutConstraints(createTable: string, dropped: ReadonlySet<string>): string {
  if (dropped.size === 0) return createTable;
  const lines = createTable.split('\n');
  const head = lines[0]!;
  const tail = lines[lines.length - 1]!;
  const body = lines.slice(1, -1).map((l) => l.replace(/,$/, '')).filter((l) => {
    const m = /^\s*CONSTRAINT `((?:[^`]|``)+)` FOREIGN KEY/.exec(l);
    return !(m && dropped.has(m[1]!.replace(/``/g, '`')));
  });
  return [head, body.join(',\n'), tail].join('\n');
}
