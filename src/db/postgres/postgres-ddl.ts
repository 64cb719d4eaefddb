import type { TableInfo } from '../table-info.js';
import type { PgEnum, PgSchema, PgSequence, PgTable } from './postgres-introspector.js';
import { DUMP_TRAILER } from '../../dump/dump-format.js';

/** Quotes a PostgreSQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a PostgreSQL string literal (standard_conforming_strings on). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `"schema"."name"`. */
export function qualify(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

const key = (schema: string, name: string): string => `${schema}.${name}`;

/** The part of the catalog a dump includes: the exported tables and what they depend on. */
export interface DumpPlan {
  readonly tables: readonly PgTable[];
  readonly sequences: readonly PgSequence[];
  readonly enums: readonly PgEnum[];
  /** Foreign keys into skipped tables: they cannot hold after a restore, so they are left out and reported. */
  readonly droppedForeignKeys: readonly { readonly table: string; readonly constraint: string; readonly references: string }[];
}

/** Selects sequences and enums the exported tables need; sequences of skipped tables are left out. */
export function planDump(schema: PgSchema, tables: readonly PgTable[]): DumpPlan {
  const exported = new Set(tables.map((t) => key(t.schema, t.name)));
  const defaults = tables.flatMap((t) => t.columns.map((c) => c.defaultExpr ?? '')).join('\n');
  // A sequence of a skipped table stays when an exported column's DEFAULT still calls it.
  const sequences = schema.sequences
    .filter((s) => !s.ownedBy || exported.has(key(s.ownedBy.schema, s.ownedBy.table)) || defaults.includes(`'${quoteIdentIfNeeded(s.schema)}.${quoteIdentIfNeeded(s.name)}'`))
    .map((s) => (s.ownedBy && !exported.has(key(s.ownedBy.schema, s.ownedBy.table)) ? { ...s, ownedBy: null } : s));
  // By catalog identity, not by rendered type name: quoting rules for keywords would make that guesswork.
  const used = new Set(tables.flatMap((t) => t.columns.flatMap((c) => (c.enumType ? [key(c.enumType.schema, c.enumType.name)] : []))));
  const enums = schema.enums.filter((e) => used.has(key(e.schema, e.name)));
  const droppedForeignKeys = tables.flatMap((t) => t.foreignKeys
    .filter((f) => !exported.has(key(f.ref.schema, f.ref.name)))
    .map((f) => ({ table: key(t.schema, t.name), constraint: f.name, references: key(f.ref.schema, f.ref.name) })));
  return { tables, sequences, enums, droppedForeignKeys };
}

// format_type() renders identifiers quoted only when they need it.
function quoteIdentIfNeeded(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : quoteIdent(name);
}

/** Everything before the data: settings, schemas, enums, sequences and bare tables. */
export function ddlHead(plan: DumpPlan): string {
  const out: string[] = [
    '-- maskgate masked dump (format 1). Restore with: psql -v ON_ERROR_STOP=1 -f FILE',
    '-- Contains masked data only; see the report for what was masked and verified.',
    '',
    "SET client_encoding = 'UTF8';",
    'SET standard_conforming_strings = on;',
    'SET check_function_bodies = false;',
    'SET client_min_messages = warning;',
    "SELECT pg_catalog.set_config('search_path', '', false);",
    '',
  ];
  const schemas = [...new Set([...plan.tables.map((t) => t.schema), ...plan.sequences.map((s) => s.schema), ...plan.enums.map((e) => e.schema)])].sort();
  for (const s of schemas) if (s !== 'public') out.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(s)};`);
  for (const e of plan.enums) out.push(`CREATE TYPE ${qualify(e.schema, e.name)} AS ENUM (${e.labels.map(quoteLiteral).join(', ')});`);
  for (const s of plan.sequences) {
    if (s.ownedBy?.identity) continue;
    out.push(
      `CREATE SEQUENCE ${qualify(s.schema, s.name)} AS ${s.dataType} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache}${s.cycle ? ' CYCLE' : ''};`,
    );
  }
  out.push('');
  for (const t of plan.tables) {
    const cols = t.columns.map((c) => {
      let line = `    ${quoteIdent(c.name)} ${c.sqlType}`;
      if (c.collation) line += ` COLLATE ${c.collation}`;
      if (c.identity) {
        const seq = plan.sequences.find((s) => s.ownedBy?.identity && s.ownedBy.schema === t.schema && s.ownedBy.table === t.name && s.ownedBy.column === c.name);
        // The identity's own sequence options (start, step, bounds) are part of the column definition.
        const opts = seq ? ` (INCREMENT BY ${seq.increment} MINVALUE ${seq.min} MAXVALUE ${seq.max} START WITH ${seq.start} CACHE ${seq.cache}${seq.cycle ? ' CYCLE' : ''})` : '';
        line += ` GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${opts}`;
      }
      else if (c.defaultExpr !== null) line += ` DEFAULT ${c.defaultExpr}`;
      if (!c.nullable) line += ' NOT NULL';
      return line;
    });
    out.push(`CREATE TABLE ${qualify(t.schema, t.name)} (\n${cols.join(',\n')}\n);`, '');
  }
  for (const s of plan.sequences) {
    if (s.ownedBy && !s.ownedBy.identity) {
      out.push(`ALTER SEQUENCE ${qualify(s.schema, s.name)} OWNED BY ${qualify(s.ownedBy.schema, s.ownedBy.table)}.${quoteIdent(s.ownedBy.column)};`);
    }
  }
  out.push('');
  return out.join('\n');
}

/** The target of a table's COPY: `"schema"."table" ("col", …)`. */
export function copyTarget(t: TableInfo): string {
  return `${qualify(t.schema, t.name)} (${t.columns.map((c) => quoteIdent(c.name)).join(', ')})`;
}

/** The `COPY … FROM stdin;` line that opens a table's data block. */
export function copyHeader(t: TableInfo): string {
  return `COPY ${copyTarget(t)} FROM stdin;\n`;
}

/** Everything after the data: keys and checks, indexes, foreign keys, sequence values. */
export function ddlTail(plan: DumpPlan): string {
  const out: string[] = [''];
  for (const t of plan.tables) for (const c of t.constraints) out.push(`ALTER TABLE ONLY ${qualify(t.schema, t.name)} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.def};`);
  for (const t of plan.tables) for (const i of t.indexes) out.push(`${i};`);
  const exported = new Set(plan.tables.map((t) => key(t.schema, t.name)));
  for (const t of plan.tables) {
    for (const f of t.foreignKeys) {
      // A key into a skipped table cannot hold in the restored database; planDump lists it for the report.
      if (exported.has(key(f.ref.schema, f.ref.name))) {
        out.push(`ALTER TABLE ONLY ${qualify(t.schema, t.name)} ADD CONSTRAINT ${quoteIdent(f.name)} ${f.def};`);
      }
    }
  }
  for (const s of plan.sequences) {
    const target = s.ownedBy?.identity
      ? `pg_catalog.pg_get_serial_sequence(${quoteLiteral(qualify(s.ownedBy.schema, s.ownedBy.table))}, ${quoteLiteral(s.ownedBy.column)})`
      : quoteLiteral(qualify(s.schema, s.name));
    const value = s.lastValue ?? s.start;
    out.push(`SELECT pg_catalog.setval(${target}, ${value}, ${s.lastValue !== null});`);
  }
  out.push('', DUMP_TRAILER, '');
  return out.join('\n');
}
