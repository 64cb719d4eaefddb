/** Engine-neutral description of a table and its columns, produced by introspection. */

/** A schema-qualified table name. */
export interface TableRef {
  readonly schema: string;
  readonly name: string;
}

/** Coarse column family that maskers declare support for. */
export type ColumnKind = 'text' | 'integer' | 'numeric' | 'boolean' | 'date' | 'timestamp' | 'json' | 'binary' | 'other';

/** One column as introspected from the source. */
export interface ColumnInfo {
  readonly name: string;
  /** Engine type as written in DDL, e.g. `character varying(64)`. */
  readonly sqlType: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  /**
   * Whether a unique index (primary key, unique constraint or unique index, on the column itself,
   * together with others, or in an expression such as `lower(email)`) covers this column. Masked
   * values of such a column must not collide, or the restore would fail.
   */
  readonly unique: boolean;
  /** Why maskgate cannot dump this column yet; only an error when the table is exported. */
  readonly unsupported?: string;
}

/** One table as introspected from the source, with what is needed to order rows and rebuild it. */
export interface TableInfo extends TableRef {
  readonly columns: readonly ColumnInfo[];
  /** Primary-key column names in key order; empty when the table has none. */
  readonly primaryKey: readonly string[];
  /** Planner's row estimate, for progress only. */
  readonly estimatedRows: number;
  /** Tables this one references through foreign keys. */
  readonly references: readonly TableRef[];
}

/** Database engines maskgate reads and writes. */
export type EngineName = 'postgres' | 'mysql';

/** What introspection of any engine yields: the tables, and the schema a bare table name in the rules means. */
export interface SchemaInfo {
  readonly engine: EngineName;
  /** `public` on PostgreSQL; the connected database on MySQL/MariaDB. */
  readonly defaultSchema: string;
  readonly tables: readonly TableInfo[];
}

/** `schema.name`, the form used in rules files, reports and messages. */
export function qualifiedName(t: TableRef): string {
  return `${t.schema}.${t.name}`;
}

/**
 * The most characters a value of this column may hold: n of `varchar(n)` / `char(n)`, 1 for a bare
 * `character`, else Infinity. Maskers fit their output to it; the pipeline enforces it on every value.
 */
export function maxLengthOf(column: Pick<ColumnInfo, 'sqlType'>): number {
  const m = /^\s*(?:character varying|varchar|character|char|bpchar)\s*(?:\(\s*(\d+)\s*\))?\s*$/i.exec(column.sqlType);
  if (!m) return Infinity;
  if (m[1] !== undefined) return Number(m[1]);
  return /varying|varchar/i.test(column.sqlType) ? Infinity : 1;
}
