import type { Hash } from 'node:crypto';
import { qualifiedName, type TableInfo } from '../table-info.js';
import { DUMP_TRAILER, type DumpEvent, type DumpFormat, type DumpWriter } from '../../dump/dump-format.js';
import { lineBatches } from '../../dump/line-batches.js';
import { decodeMysqlField, encodeMysqlField, splitMysqlRow } from './mysql-literal-codec.js';
import { mysqlInsertTarget, splitCreateTable } from './mysql-ddl.js';
import type { MysqlSchema, MysqlTable } from './mysql-introspector.js';

/** The comment lines around a table's INSERTs; the reader and the --target loader both find blocks by them. */
export const DATA_START = '-- maskgate: data for ';
/** See DATA_START. */
export const DATA_END = '-- maskgate: end of data';
/** Rows per INSERT, and a byte bound well under the 16 MiB max_allowed_packet both client and server default to. */
const ROWS_PER_INSERT = 1000;
const BYTES_PER_INSERT = 1 << 20;

/**
 * Streams a MySQL dump back: each table's block between its markers holds only INSERTs for that
 * table, one row per line; anything else there is reported as stray, so the verifier checks every
 * row `mysql` would restore.
 */
export async function* readMysqlDump(path: string, digest?: Hash): AsyncGenerator<DumpEvent[]> {
  let target: string | null = null;
  let insertLine = '';
  let inInsert = false;
  for await (const lines of lineBatches(path, digest)) {
    const events: DumpEvent[] = [];
    for (const line of lines) {
      if (target === null) {
        if (line.startsWith(DATA_START)) {
          target = line.slice(DATA_START.length);
          insertLine = `INSERT INTO ${target} VALUES`;
          inInsert = false;
          events.push({ kind: 'data-start', target });
        } else if (line === DUMP_TRAILER) events.push({ kind: 'trailer' });
        // Rows outside a block, or statements that write data; DDL lines (partition lists too) are schema.
        else if (/^\s*(INSERT|REPLACE|LOAD)\b/i.test(line) || splitMysqlRow(line) !== null) events.push({ kind: 'stray', what: 'data outside a table block' });
        else if (line !== '') events.push({ kind: 'schema', line });
        continue;
      }
      if (inInsert) {
        const row = splitMysqlRow(line);
        if (row === null) {
          events.push({ kind: 'stray', what: 'a line that is not a row inside an INSERT' });
          inInsert = false;
        } else {
          events.push({ kind: 'row', fields: row.fields });
          inInsert = !row.last;
        }
      } else if (line === insertLine) inInsert = true;
      else if (line === DATA_END) {
        events.push({ kind: 'data-end' });
        target = null;
      } else if (line !== '') events.push({ kind: 'stray', what: 'a statement other than this table\'s INSERT' });
    }
    yield events;
  }
}

/** MySQL/MariaDB's plain SQL dump: fields as SQL literals, restored by the mysql client. */
export const mysqlDumpFormat: DumpFormat = {
  codec: { decode: decodeMysqlField, encode: encodeMysqlField },
  read: readMysqlDump,
  restoreHint: 'mysql DATABASE < FILE',
};

/**
 * A dump the `mysql` client restores into an empty database: SHOW CREATE TABLE's tables (primary key,
 * checks, AUTO_INCREMENT) with foreign-key checks off, batched multi-row INSERTs, then the secondary
 * and unique indexes and the foreign keys, built once over the loaded data.
 * Strict sql_mode on restore: a value the column cannot hold fails loudly instead of being cut.
 */
export function mysqlDumpWriter(schema: MysqlSchema, tables: readonly TableInfo[]): DumpWriter {
  const exported = new Set(tables.map(qualifiedName));
  const byName = new Map(schema.tables.map((t) => [qualifiedName(t), t]));
  const own = tables.map((t) => byName.get(qualifiedName(t))!);
  const droppedForeignKeys = own.flatMap((t: MysqlTable) => t.foreignKeys
    .filter((f) => !exported.has(qualifiedName(f.ref)))
    .map((f) => ({ table: qualifiedName(t), constraint: f.name, references: qualifiedName(f.ref) })));
  const split = own.map((t) => splitCreateTable(t.name, t.createTable, new Set(droppedForeignKeys.filter((d) => d.table === qualifiedName(t)).map((d) => d.constraint))));
  return {
    head: () => [
      `-- maskgate masked dump (format 1, MySQL/MariaDB). Restore into an empty database with: ${mysqlDumpFormat.restoreHint}`,
      '-- Contains masked data only; see the report for what was masked and verified.',
      'SET NAMES utf8mb4;',
      'SET @MASKGATE_OLD_FOREIGN_KEY_CHECKS = @@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS = 0;',
      "SET @MASKGATE_OLD_SQL_MODE = @@SQL_MODE, SQL_MODE = 'NO_AUTO_VALUE_ON_ZERO,STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';",
      "SET @MASKGATE_OLD_TIME_ZONE = @@TIME_ZONE, TIME_ZONE = '+00:00';",
      '',
      ...split.map((d) => `${d.create};\n`),
      '',
    ].join('\n'),
    tableStart: (t) => `${DATA_START}${mysqlInsertTarget(t)}\n`,
    rows: (t, batch) => {
      if (batch.length === 0) return '';
      const insert = `INSERT INTO ${mysqlInsertTarget(t)} VALUES\n`;
      let out = insert;
      let rows = 0;
      let bytes = 0;
      for (let i = 0; i < batch.length; i++) {
        const line = `(${batch[i]!.join(',')})`;
        out += line;
        rows++;
        bytes += line.length;
        if (i === batch.length - 1) out += ';\n';
        else if (rows >= ROWS_PER_INSERT || bytes >= BYTES_PER_INSERT) {
          out += `;\n${insert}`;
          rows = 0;
          bytes = 0;
        } else out += ',\n';
      }
      return out;
    },
    tableEnd: () => `${DATA_END}\n\n`,
    tail: () => [
      // Every table's indexes before any foreign key: a key may reference another table's unique index.
      ...split.flatMap((d) => (d.indexes ? [`${d.indexes};`, ''] : [])),
      ...split.flatMap((d) => (d.foreignKeys ? [`${d.foreignKeys};`, ''] : [])),
      'SET FOREIGN_KEY_CHECKS = @MASKGATE_OLD_FOREIGN_KEY_CHECKS;',
      'SET SQL_MODE = @MASKGATE_OLD_SQL_MODE;',
      'SET TIME_ZONE = @MASKGATE_OLD_TIME_ZONE;',
      '',
      DUMP_TRAILER,
      '',
    ].join('\n'),
    target: mysqlInsertTarget,
    droppedForeignKeys,
  };
}
