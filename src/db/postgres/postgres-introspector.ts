import type { ColumnInfo, ColumnKind, SchemaInfo, TableInfo, TableRef } from '../table-info.js';

/** Minimal structural client: what introspection needs from `pg.Client`. */
export interface Queryable {
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** A column plus what the DDL needs to recreate it. */
export interface PgColumn extends ColumnInfo {
  readonly defaultExpr: string | null;
  /** 'a' (ALWAYS) / 'd' (BY DEFAULT) identity, or ''. */
  readonly identity: string;
  /** A collation other than the type's default, rendered for DDL (`"C"`, `pg_catalog."nl-NL-x-icu"`), else null. */
  readonly collation: string | null;
  /** The enum type of the column or of its array elements, which the dump must create first. */
  readonly enumType?: TableRef;
}

/** A table with everything needed to recreate it in a plain SQL dump. */
export interface PgTable extends TableInfo {
  readonly columns: readonly PgColumn[];
  /** PRIMARY KEY, UNIQUE, CHECK and EXCLUDE constraints: added after the data. */
  readonly constraints: readonly { name: string; def: string }[];
  readonly foreignKeys: readonly { name: string; def: string; ref: TableRef }[];
  /** CREATE INDEX statements for indexes that back no constraint. */
  readonly indexes: readonly string[];
}

/** A sequence with its definition and current value. */
export interface PgSequence {
  readonly schema: string;
  readonly name: string;
  readonly dataType: string;
  readonly start: string;
  readonly min: string;
  readonly max: string;
  readonly increment: string;
  readonly cache: string;
  readonly cycle: boolean;
  /** null when nextval() was never called. */
  readonly lastValue: string | null;
  /** Table and column owning it: via serial (`owned by`) or an identity column. */
  readonly ownedBy: { schema: string; table: string; column: string; identity: boolean } | null;
}

/** An enum type used by a dumped column. */
export interface PgEnum {
  readonly schema: string;
  readonly name: string;
  readonly labels: readonly string[];
}

/** Everything read from the catalogs in one consistent snapshot. */
export interface PgSchema extends SchemaInfo {
  readonly engine: 'postgres';
  readonly tables: readonly PgTable[];
  readonly sequences: readonly PgSequence[];
  readonly enums: readonly PgEnum[];
}

function kindOf(category: string, typname: string): ColumnKind {
  if (typname === 'json' || typname === 'jsonb') return 'json';
  if (typname === 'bytea') return 'binary';
  if (typname === 'date') return 'date';
  if (typname === 'timestamp' || typname === 'timestamptz') return 'timestamp';
  if (['int2', 'int4', 'int8'].includes(typname)) return 'integer';
  switch (category) {
    case 'S': return 'text';
    case 'N': return 'numeric';
    case 'B': return 'boolean';
    default: return 'other';
  }
}

/**
 * Reads tables, columns, keys, constraints, indexes, sequences and enums from pg_catalog. The
 * caller runs this with `search_path = ''` so every catalog-rendered name comes out qualified.
 */
export async function introspectPostgres(db: Queryable): Promise<PgSchema> {
  // Sequential on purpose: one connection runs one query at a time, inside one snapshot.
  const { rows: tables } = await db.query<{ oid: number; schema: string; name: string; reltuples: number; partition: boolean }>(`
      SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, greatest(c.reltuples, 0)::float8 AS reltuples, c.relispartition AS partition
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY n.nspname, c.relname`);
  const { rows: columns } = await db.query<{ rel: number; name: string; type: string; typname: string; category: string; typtype: string; typschema: string; notnull: boolean; def: string | null; identity: string; generated: string; enum_schema: string | null; enum_name: string | null; collation: string | null }>(`
      SELECT a.attrelid::int AS rel, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
             t.typname, t.typcategory AS category, t.typtype, tn.nspname AS typschema, a.attnotnull AS notnull,
             pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity::text AS identity, a.attgenerated::text AS generated,
             CASE WHEN t.typtype = 'e' THEN tn.nspname WHEN et.typtype = 'e' THEN etn.nspname END AS enum_schema,
             CASE WHEN t.typtype = 'e' THEN t.typname WHEN et.typtype = 'e' THEN et.typname END AS enum_name,
             CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
               THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation
      FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
      LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' LEFT JOIN pg_namespace etn ON etn.oid = et.typnamespace
      LEFT JOIN pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      ORDER BY a.attrelid, a.attnum`);
  const { rows: cons } = await db.query<{ rel: number; name: string; type: string; def: string; cols: string[] | null; refschema: string | null; reftable: string | null }>(`
      SELECT co.conrelid::int AS rel, co.conname AS name, co.contype::text AS type, pg_get_constraintdef(co.oid) AS def,
             (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(co.conkey) WITH ORDINALITY k(num, ord)
                JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num) AS cols,
             rn.nspname AS refschema, rc.relname AS reftable
      FROM pg_constraint co
      LEFT JOIN pg_class rc ON rc.oid = co.confrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE co.contype IN ('p', 'u', 'c', 'f', 'x') AND co.conrelid <> 0
      ORDER BY co.conrelid, co.contype, co.conname`);
  const { rows: idx } = await db.query<{ rel: number; def: string }>(`
      SELECT i.indrelid::int AS rel, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.conrelid = i.indrelid)
      ORDER BY i.indrelid, ic.relname`);
  // Every column that any unique index covers, by key or inside an index expression (lower(email)),
  // single or composite: masking such a column with a masker that can collide breaks the restore.
  const { rows: uniq } = await db.query<{ rel: number; col: string }>(`
      SELECT DISTINCT i.indrelid::int AS rel, a.attname::text AS col
      FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum > 0
      WHERE i.indisunique AND (a.attnum = ANY(i.indkey) OR a.attnum IN (
        SELECT d.refobjsubid FROM pg_depend d
        WHERE d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid AND d.refclassid = 'pg_class'::regclass AND d.refobjid = i.indrelid))
      ORDER BY 1, 2`);
  const { rows: seqs } = await db.query<{ schema: string; name: string; data_type: string; start_value: string; min_value: string; max_value: string; increment_by: string; cache_size: string; cycle: boolean; last_value: string | null; own_schema: string | null; own_table: string | null; own_column: string | null; deptype: string | null }>(`
      SELECT s.schemaname AS schema, s.sequencename AS name, s.data_type::text, s.start_value::text, s.min_value::text,
             s.max_value::text, s.increment_by::text, s.cache_size::text, s.cycle, s.last_value::text,
             tn.nspname AS own_schema, tc.relname AS own_table, ta.attname AS own_column, dep.deptype::text AS deptype
      FROM pg_sequences s
      JOIN pg_namespace sn ON sn.nspname = s.schemaname
      JOIN pg_class sc ON sc.relname = s.sequencename AND sc.relnamespace = sn.oid
      LEFT JOIN pg_depend dep ON dep.classid = 'pg_class'::regclass AND dep.objid = sc.oid AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
      LEFT JOIN pg_class tc ON tc.oid = dep.refobjid LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
      LEFT JOIN pg_attribute ta ON ta.attrelid = dep.refobjid AND ta.attnum = dep.refobjsubid
      WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema')
      ORDER BY s.schemaname, s.sequencename`);
  const { rows: enums } = await db.query<{ schema: string; name: string; labels: string[] }>(`
      SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      GROUP BY n.nspname, t.typname ORDER BY n.nspname, t.typname`);

  const byOid = new Map(tables.filter((t) => !t.partition).map((t) => [t.oid, t]));
  const result: PgTable[] = [];
  for (const t of byOid.values()) {
    const tcons = cons.filter((c) => c.rel === t.oid);
    const pk = tcons.find((c) => c.type === 'p')?.cols ?? [];
    const uniqueCols = new Set(uniq.filter((u) => u.rel === t.oid).map((u) => u.col));
    const cols: PgColumn[] = [];
    for (const c of columns.filter((c) => c.rel === t.oid)) {
      // Built-in types restore anywhere and enums are recreated; domains and composites are not yet.
      const unsupported = c.generated
        ? 'generated columns are not supported yet'
        : c.enum_name === null && c.typschema !== 'pg_catalog'
          ? `its type ${c.type} is user-defined; only built-in and enum types are supported yet`
          : undefined;
      cols.push({
        ...(unsupported ? { unsupported } : {}),
        name: c.name, sqlType: c.type, kind: c.typtype === 'e' ? 'text' : kindOf(c.category, c.typname),
        nullable: !c.notnull, unique: uniqueCols.has(c.name), defaultExpr: c.def, identity: c.identity, collation: c.collation,
        ...(c.enum_name !== null && c.enum_schema !== null ? { enumType: { schema: c.enum_schema, name: c.enum_name } } : {}),
      });
    }
    result.push({
      schema: t.schema, name: t.name, columns: cols, primaryKey: pk, estimatedRows: t.reltuples,
      references: tcons.filter((c) => c.type === 'f' && c.refschema && c.reftable).map((c) => ({ schema: c.refschema!, name: c.reftable! })),
      constraints: tcons.filter((c) => c.type !== 'f').map((c) => ({ name: c.name, def: c.def })),
      foreignKeys: tcons.filter((c) => c.type === 'f').map((c) => ({ name: c.name, def: c.def, ref: { schema: c.refschema!, name: c.reftable! } })),
      indexes: idx.filter((i) => i.rel === t.oid).map((i) => i.def),
    });
  }
  return {
    // A bare table name in the rules means `public`, as it does for psql users.
    engine: 'postgres',
    defaultSchema: 'public',
    tables: result,
    sequences: seqs.map((s) => ({
      schema: s.schema, name: s.name, dataType: s.data_type, start: s.start_value, min: s.min_value, max: s.max_value,
      increment: s.increment_by, cache: s.cache_size, cycle: s.cycle, lastValue: s.last_value,
      ownedBy: s.own_table && s.own_schema && s.own_column ? { schema: s.own_schema, table: s.own_table, column: s.own_column, identity: s.deptype === 'i' } : null,
    })),
    enums: enums.map((e) => ({ schema: e.schema, name: e.name, labels: e.labels })),
  };
}
