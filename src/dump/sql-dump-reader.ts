// `maskgate verify` reads dumps it did not write: pg_dump's and mysqldump's plain SQL, and
// maskgate's own (a subset of both). One reader serves them all. It follows the data statements
// both tools write (COPY … FROM stdin blocks; INSERT … VALUES with one or many rows per line) and
// takes each table's columns from its CREATE TABLE. Every row is handed on in COPY text form, so the
// verifier decodes one field format whatever the dump's dialect.
import type { Hash } from 'node:crypto';
import type { ColumnKind } from '../db/table-info.js';
import { encodeCopyField } from '../db/postgres/postgres-copy-codec.js';
import { DUMP_TRAILER } from './dump-format.js';
import { lineBatches } from './line-batches.js';

/** A column as a dump's CREATE TABLE declares it. */
export interface DumpColumn {
  readonly name: string;
  readonly sqlType: string;
  readonly kind: ColumnKind;
}

/** A table as a dump's CREATE TABLE declares it. */
export interface DumpTable {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly DumpColumn[];
  /** Primary-key column names, from the CREATE TABLE or an ALTER TABLE … ADD PRIMARY KEY. */
  readonly primaryKey: string[];
}

/** What reading a foreign dump yields. */
export type SqlDumpEvent =
  /** A run of rows of one table; `table.columns` is the row layout. */
  | { readonly kind: 'data-start'; readonly table: DumpTable }
  | { readonly kind: 'row'; readonly fields: string[] }
  | { readonly kind: 'data-end' }
  | { readonly kind: 'trailer' }
  | { readonly kind: 'schema'; readonly line: string }
  /** Something the reader cannot follow (a statement it cannot parse): the verifier reports it, never skips it silently. */
  | { readonly kind: 'stray'; readonly what: string };

/** Which SQL dialect's string literals the INSERTs use: backslash escapes (MySQL) or standard strings (PostgreSQL). */
export type Dialect = 'postgres' | 'mysql';

// A possibly quoted, possibly schema-qualified name: `"my t"`, `public."A""b"`, `` `db`.`t` ``, `t`.
const IDENT = '(?:"(?:[^"]|"")+"|`(?:[^`]|``)+`|[^\\s`"(.]+)';
const NAME = `(${IDENT}(?:\\.${IDENT})?)`;
const COPY = new RegExp(`^COPY\\s+${NAME}\\s*(?:\\((.*)\\))?\\s+FROM\\s+stdin;$`, 'i');
const INSERT = new RegExp(`^(?:INSERT|REPLACE)\\s+(?:IGNORE\\s+)?INTO\\s+${NAME}\\s*(?:\\(([^)]*)\\))?\\s*(?:OVERRIDING\\s+(?:SYSTEM|USER)\\s+VALUE\\s+)?VALUES\\s*(.*)$`, 'is');
// Statements that carry data: one that neither COPY nor INSERT parses is reported, never read as schema.
const DATA_STATEMENT = /^\s*(?:INSERT|REPLACE|COPY|UPDATE|VALUES|\(|SELECT\s+pg_catalog\.lo|LOAD\s+DATA)/i;
const CREATE_TABLE = /^CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(.+?)\s*\($/i;
const NOT_A_COLUMN = /^(CONSTRAINT|PRIMARY|UNIQUE|KEY|INDEX|FOREIGN|CHECK|FULLTEXT|SPATIAL|PERIOD|EXCLUDE|LIKE)\b/i;
const DATABASE_HEADER = /^-- Host: .*Database: (.+)$/;
const USE_DB = /^USE\s+[`"]?([^`";]+)[`"]?;$/i;

/** Unquotes one identifier: `"a""b"` → `a"b`, `` `x` `` → `x`, bare names as written (pg folds them to lower case, but dumps quote mixed case). */
function unquote(id: string): string {
  const s = id.trim();
  if (s.startsWith('"') && s.endsWith('"')) return s.slice(1, -1).replace(/""/g, '"');
  if (s.startsWith('`') && s.endsWith('`')) return s.slice(1, -1).replace(/``/g, '`');
  return s;
}

/** Splits a qualified name or a column list at separators outside quotes. */
function splitIdentifiers(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  for (const c of s) {
    if (quote !== '') {
      cur += c;
      if (c === quote) quote = '';
    } else if (c === '"' || c === '`') {
      quote = c;
      cur += c;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

/** The coarse kind of a declared type, enough for the verifier (integers can be BSNs that lost zeros; binary may hold text). */
export function kindOfType(sqlType: string): ColumnKind {
  const t = sqlType.toLowerCase();
  if (/^(tinyint\(1\)|bool)/.test(t)) return 'boolean';
  if (/^(small|big|medium|tiny)?int|^integer|^serial|^bigserial|^smallserial/.test(t)) return 'integer';
  if (/^(numeric|decimal|real|double|float|money)/.test(t)) return 'numeric';
  if (/^(timestamp|datetime)/.test(t)) return 'timestamp';
  if (/^date\b/.test(t)) return 'date';
  if (/^jsonb?\b/.test(t)) return 'json';
  if (/^(bytea|(tiny|medium|long)?blob|binary|varbinary|bit)/.test(t)) return 'binary';
  return 'text';
}

/** One column line of a CREATE TABLE, or null for constraints, keys and the closing line. */
function columnOfLine(line: string): DumpColumn | null {
  const s = line.trim().replace(/,$/, '');
  if (s === '' || s.startsWith(')') || NOT_A_COLUMN.test(s)) return null;
  const m = /^("(?:[^"]|"")+"|`(?:[^`]|``)+`|[^\s]+)\s+(.*)$/.exec(s);
  if (!m) return null;
  const sqlType = m[2]!.trim();
  return { name: unquote(m[1]!), sqlType, kind: kindOfType(sqlType) };
}

/**
 * Splits the tuples of an INSERT's VALUES part: `(1,'a'),(2,'b');` → the literals of each row.
 * `rest` is what follows on the statement's current line; returns the rows and whether the
 * statement ended (`;`), or null when the text is not a tuple list.
 */
export function parseTuples(text: string, dialect: Dialect): { rows: string[][]; ended: boolean } | null {
  const rows: string[][] = [];
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09 || text.charCodeAt(i) === 0x0d)) i++;
  };
  for (;;) {
    ws();
    if (i === n) return { rows, ended: false };
    if (text.charCodeAt(i) !== 0x28 /* ( */) return null;
    i++;
    const fields: string[] = [];
    for (;;) {
      ws();
      const start = i;
      const c = text[i];
      if (c === undefined) return null;
      let value: string | null;
      if (c === "'" || ((c === 'E' || c === 'e' || c === 'X' || c === 'x' || c === 'B' || c === 'b') && text[i + 1] === "'") || (c === '_' && /^_binary\s*'/i.test(text.slice(i, i + 9)))) {
        // A quoted literal, possibly prefixed (E'…' escape string, X'…' bytes, _binary '…').
        const prefix = c === "'" ? '' : c === '_' ? '_binary' : c.toUpperCase();
        i = text.indexOf("'", i);
        const bodyStart = ++i;
        const backslash = dialect === 'mysql' || prefix === 'E';
        let body = '';
        let from = bodyStart;
        for (;;) {
          if (i >= n) return null;
          const q = text.charCodeAt(i);
          if (q === 0x5c && backslash) i += 2;
          else if (q === 0x27) {
            if (text.charCodeAt(i + 1) === 0x27) {
              body += text.slice(from, i + 1);
              i += 2;
              from = i;
            } else break;
          } else i++;
        }
        body += text.slice(from, i);
        i++;
        value = literalValue(prefix, body, backslash);
      } else {
        while (i < n && text.charCodeAt(i) !== 0x2c && text.charCodeAt(i) !== 0x29) i++;
        const raw = text.slice(start, i).trim();
        if (raw === '') return null;
        // A cast (pg_dump --inserts writes '…'::type rarely; numbers and NULL bare).
        // mysqldump --hex-blob writes bytes as 0x…: the same \x form the engines' codecs give bytes.
        value = /^null$/i.test(raw) ? null : /^0x[0-9a-f]+$/i.test(raw) ? `\\x${raw.slice(2).toLowerCase()}` : raw.replace(/::[\w\s]+$/, '');
      }
      ws();
      // pg_dump --inserts casts some literals: '{…}'::jsonb, '2020-01-01'::date.
      if (text.startsWith('::', i)) {
        i += 2;
        while (i < n && /[\w\s[\]".]/.test(text[i]!) && text[i] !== ',' && text[i] !== ')') i++;
      }
      fields.push(encodeCopyField(value));
      ws();
      const sep = text.charCodeAt(i);
      if (sep === 0x2c) {
        i++;
        continue;
      }
      if (sep === 0x29) {
        i++;
        break;
      }
      return null;
    }
    rows.push(fields);
    ws();
    const after = text.charCodeAt(i);
    if (after === 0x2c) {
      i++;
      continue;
    }
    if (after === 0x3b) {
      i++;
      ws();
      return i === n ? { rows, ended: true } : null;
    }
    if (i === n) return { rows, ended: false };
    return null;
  }
}

const MYSQL_UNESCAPES: Record<string, string> = { '0': '\0', "'": "'", '"': '"', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a', '\\': '\\' };
const PG_UNESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'" };

/** The value of a quoted literal's body: unescaped text, or bytes in the `\x…` form both engines' codecs give. */
function literalValue(prefix: string, body: string, backslash: boolean): string {
  if (prefix === 'X') return `\\x${body.toLowerCase()}`;
  let s = body.replace(/''/g, "'");
  if (backslash && s.includes('\\')) {
    const table = prefix === 'E' ? PG_UNESCAPES : MYSQL_UNESCAPES;
    s = s.replace(/\\(.)/gs, (m, e: string) => (prefix !== 'E' && (e === '%' || e === '_') ? m : table[e] ?? e));
  }
  return s;
}

/**
 * Streams a plain SQL dump of either engine (gzip detected by its magic bytes) as events: each
 * table's rows in COPY text form, the DDL lines, and anything the reader could not follow as
 * `stray` (never dropped: a row the verifier did not see is a row it did not check).
 * `onlySchema` skips row parsing, for a first pass that only collects the tables.
 */
export async function* readSqlDump(path: string, digest?: Hash, opts: { onlySchema?: boolean; onTable?: (t: DumpTable) => void; onDialect?: (d: Dialect) => void } = {}): AsyncGenerator<SqlDumpEvent[]> {
  const tables = new Map<string, DumpTable>();
  let dialect: Dialect | null = null;
  let defaultSchema = 'public';
  let creating: DumpTable | null = null;
  let copying: DumpTable | null = null;
  // The table whose rows are being emitted by INSERTs, and whether its statement is still open.
  let inserting: DumpTable | null = null;
  let insertOpen = false;
  let pendingPk: { table: string } | null = null;

  // One row layout per table for the whole dump: the CREATE TABLE's, else the first column list seen.
  // Statements that list the columns in another order are mapped onto it, so a column is always
  // judged as itself (a later INSERT with swapped columns must not put a note under a blob's rules).
  const layouts = new Map<string, DumpTable>();
  const tableFor = (rawName: string, columns: string | undefined): { table: DumpTable; map: number[] | null } | null => {
    const parts = splitIdentifiers(rawName, '.').map(unquote);
    const schema = parts.length > 1 ? parts[parts.length - 2]! : defaultSchema;
    const name = parts[parts.length - 1]!;
    const key = `${schema}.${name}`;
    const listed = columns !== undefined ? splitIdentifiers(columns, ',').map(unquote) : null;
    let layout = layouts.get(key);
    if (!layout) {
      const declared = tables.get(key);
      if (declared && declared.columns.length > 0) layout = declared;
      else if (listed) layout = { schema, name, columns: listed.map((c) => ({ name: c, sqlType: 'unknown', kind: 'text' as const })), primaryKey: declared?.primaryKey ?? [] };
      else return { table: { schema, name, columns: [], primaryKey: [] }, map: null };
      layouts.set(key, layout);
    }
    if (listed === null) return { table: layout, map: null };
    const at = new Map(layout.columns.map((c, i) => [c.name, i]));
    const map = listed.map((c) => at.get(c) ?? -1);
    if (map.includes(-1)) return null;
    return { table: layout, map: map.length === layout.columns.length && map.every((m, i) => m === i) ? null : map };
  };
  /** A row in the statement's column order, put into the table's layout (absent columns are NULL). */
  const remap = (fields: string[], map: number[] | null, width: number): string[] => {
    if (map === null) return fields;
    const out = new Array<string>(width).fill('\\N');
    for (let i = 0; i < map.length && i < fields.length; i++) out[map[i]!] = fields[i]!;
    // A row with more fields than listed columns keeps its length, so the verifier reports it.
    return fields.length > map.length ? [...out, ...fields.slice(map.length)] : out;
  };
  let copyMap: number[] | null = null;
  let insertMap: number[] | null = null;

  for await (const lines of lineBatches(path, digest, { gunzip: true })) {
    const events: SqlDumpEvent[] = [];
    for (const line of lines) {
      if (copying !== null) {
        if (line === '\\.') {
          copying = null;
          events.push({ kind: 'data-end' });
        } else if (!opts.onlySchema) events.push({ kind: 'row', fields: remap(line.split('\t'), copyMap, copying.columns.length) });
        continue;
      }
      if (insertOpen) {
        if (opts.onlySchema) {
          if (/\);\s*$/.test(line)) insertOpen = false;
          continue;
        }
        const t = parseTuples(line, dialect ?? 'mysql');
        if (t === null) {
          events.push({ kind: 'stray', what: 'a line inside an INSERT that is not a row' });
          insertOpen = false;
          continue;
        }
        // Rows of an INSERT already reported as stray are not handed on: there is no layout to read them by.
        if (inserting !== null) for (const fields of t.rows) events.push({ kind: 'row', fields: remap(fields, insertMap, inserting.columns.length) });
        insertOpen = !t.ended;
        continue;
      }
      if (creating !== null && DATA_STATEMENT.test(line)) {
        // A CREATE TABLE never closed (no line starting with ')') must not swallow the data after it.
        events.push({ kind: 'stray', what: 'a data statement inside an unfinished CREATE TABLE' });
        creating = null;
      }
      if (creating !== null) {
        if (/^\)/.test(line.trim())) {
          tables.set(`${creating.schema}.${creating.name}`, creating);
          opts.onTable?.(creating);
          creating = null;
          events.push({ kind: 'schema', line });
          continue;
        }
        const col = columnOfLine(line);
        if (col) (creating.columns as DumpColumn[]).push(col);
        const pk = /^\s*PRIMARY KEY\s*\(([^)]*)\)/i.exec(line) ?? /^\s*CONSTRAINT\s+\S+\s+PRIMARY KEY\s*\(([^)]*)\)/i.exec(line);
        if (pk) creating.primaryKey.push(...splitIdentifiers(pk[1]!, ',').map(unquote));
        events.push({ kind: 'schema', line });
        continue;
      }
      if (line === '') continue;
      // Each tool's last words: without them a dump may have been cut short.
      if (line === DUMP_TRAILER || line === '-- PostgreSQL database dump complete' || line.startsWith('-- Dump completed')) {
        if (inserting) events.push({ kind: 'data-end' });
        inserting = null;
        events.push({ kind: 'trailer' });
        continue;
      }
      const copy = COPY.exec(line);
      if (copy) {
        dialect ??= 'postgres';
        if (inserting) events.push({ kind: 'data-end' });
        inserting = null;
        const found = tableFor(copy[1]!, copy[2]);
        if (found === null) {
          events.push({ kind: 'stray', what: 'a COPY with columns its table does not have' });
          // Its rows still have to be skipped to find the end of the block.
          copying = { schema: '', name: '', columns: [], primaryKey: [] };
          copyMap = null;
          continue;
        }
        copying = found.table;
        copyMap = found.map;
        events.push({ kind: 'data-start', table: copying });
        continue;
      }
      const insert = INSERT.exec(line);
      if (insert) {
        const found = tableFor(insert[1]!, insert[2]);
        if (found === null) {
          events.push({ kind: 'stray', what: 'an INSERT with columns its table does not have' });
          insertOpen = !/;\s*$/.test(line);
          if (inserting) events.push({ kind: 'data-end' });
          inserting = null;
          continue;
        }
        const table = found.table;
        insertMap = found.map;
        if (inserting === null || inserting !== table) {
          if (inserting) events.push({ kind: 'data-end' });
          inserting = table;
          events.push({ kind: 'data-start', table });
        }
        if (opts.onlySchema) {
          insertOpen = !/;\s*$/.test(line);
          continue;
        }
        const t = parseTuples(insert[3]!, dialect ?? 'mysql');
        if (t === null) {
          events.push({ kind: 'stray', what: 'an INSERT the reader cannot parse' });
          continue;
        }
        for (const fields of t.rows) events.push({ kind: 'row', fields: remap(fields, insertMap, table.columns.length) });
        insertOpen = !t.ended;
        continue;
      }
      // Anything else ends a run of INSERTs into one table.
      if (inserting && !/^(--|\/\*|LOCK TABLES|UNLOCK TABLES)/i.test(line)) {
        events.push({ kind: 'data-end' });
        inserting = null;
      }
      const create = CREATE_TABLE.exec(line);
      if (create) {
        const parts = splitIdentifiers(create[1]!, '.').map(unquote);
        creating = { schema: parts.length > 1 ? parts[parts.length - 2]! : defaultSchema, name: parts[parts.length - 1]!, columns: [], primaryKey: [] };
        events.push({ kind: 'schema', line });
        continue;
      }
      // pg_dump adds primary keys after the data: ALTER TABLE ONLY public.t\n    ADD CONSTRAINT t_pkey PRIMARY KEY (id);
      const alter = /^ALTER TABLE (?:ONLY )?(\S+)$/i.exec(line);
      if (alter) pendingPk = { table: alter[1]! };
      else if (pendingPk) {
        const pk = /^\s+ADD CONSTRAINT \S+ PRIMARY KEY \(([^)]*)\);$/i.exec(line);
        if (pk) {
          const parts = splitIdentifiers(pendingPk.table, '.').map(unquote);
          const t = tables.get(`${parts.length > 1 ? parts[parts.length - 2] : defaultSchema}.${parts[parts.length - 1]}`);
          if (t && t.primaryKey.length === 0) t.primaryKey.push(...splitIdentifiers(pk[1]!, ',').map(unquote));
        }
        pendingPk = null;
      }
      if (dialect === null) {
        if (/PostgreSQL database dump|standard_conforming_strings/i.test(line)) dialect = 'postgres';
        else if (/^-- (MySQL|MariaDB) dump|^\/\*!40101/.test(line)) dialect = 'mysql';
      }
      const db = DATABASE_HEADER.exec(line) ?? USE_DB.exec(line);
      if (db) defaultSchema = unquote(db[1]!.trim());
      if (DATA_STATEMENT.test(line)) events.push({ kind: 'stray', what: 'a data statement verify cannot read' });
      else events.push({ kind: 'schema', line });
    }
    yield events;
  }
  if (inserting) yield [{ kind: 'data-end' }];
  if (dialect !== null) opts.onDialect?.(dialect);
}

/** The tables a dump declares (CREATE TABLE) or fills (COPY, INSERT), and its dialect: a first pass that parses no row. */
export async function readDumpSchema(path: string): Promise<{ tables: DumpTable[]; dialect: Dialect | null }> {
  const tables = new Map<string, DumpTable>();
  let dialect: Dialect | null = null;
  const keep = (t: DumpTable): void => {
    const key = `${t.schema}.${t.name}`;
    // A COPY's column list wins over the CREATE TABLE: it is the row layout.
    if (!tables.has(key) || t.columns.length > 0) tables.set(key, t);
  };
  for await (const batch of readSqlDump(path, undefined, { onlySchema: true, onTable: keep, onDialect: (d) => (dialect = d) })) {
    for (const ev of batch) if (ev.kind === 'data-start') keep(ev.table);
  }
  return { tables: [...tables.values()], dialect };
}
