// What the verifier expects of each table, and which layer reads which column: from the rules'
// plan (a run, or `verify --config`), or from the dump alone (`verify` without rules).
import { classifyColumnName } from '../detectors/column-name.js';
import { qualifiedName, type ColumnKind } from '../db/table-info.js';
import type { LeakType } from '../maskers/masker.js';
import { LEAK_TAGS } from '../verify/leak-tokens.js';
import type { ExpectedTable } from '../verify/verifier.js';
import { isQuasiIdentifierName, type TablePlan } from './plan-run.js';

/** Column kinds that can hold an identifier in some notation (bytes: as text stored in a BLOB or bytea); dates and booleans cannot. */
export const SCANNED_KINDS: ReadonlySet<ColumnKind> = new Set(['text', 'integer', 'numeric', 'json', 'binary', 'other']);
/** Kept column kinds whose content L3 samples. */
export const SAMPLED_KINDS: ReadonlySet<ColumnKind> = new Set(['text', 'integer', 'numeric']);

/** The verifier's expectation of one planned table: which layer reads which column, by its rule. `target` is what the dump reader reports for its data block. */
export function expectedTable(tp: TablePlan, target: string, rows: number): ExpectedTable {
  const t = tp.table;
  const kept = new Set(tp.columns.filter((c) => c.fn === null).map((c) => c.column.name));
  const pkKept = t.primaryKey.length > 0 && t.primaryKey.every((k) => kept.has(k));
  return {
    name: qualifiedName(t),
    target,
    columns: t.columns.map((c) => c.name),
    rows,
    leakChecked: tp.columns.filter((c) => c.fn !== null && c.leakChecked).map((c) => c.index),
    rateChecked: tp.columns.filter((c) => c.fn !== null && c.rateChecked).map((c) => c.index),
    rowKeyColumns: pkKept ? t.primaryKey.map((k) => t.columns.findIndex((c) => c.name === k)) : [],
    patternScanned: tp.columns.filter((c) => c.fn === null && c.column.kind === 'text').map((c) => c.index),
    patternScannedMasked: tp.columns.flatMap((c) => {
      const writes = c.fn !== null ? c.masker.writesPattern?.(c.rule.params as never) ?? null : null;
      return writes ? [{ index: c.index, masker: c.masker.name, writes }] : [];
    }),
    exactScanned: tp.columns.filter((c) => SCANNED_KINDS.has(c.column.kind)).map((c) => ({
      index: c.index,
      integer: c.column.kind !== 'integer' && c.column.kind !== 'numeric' ? false : t.primaryKey.includes(c.column.name) ? 'long' : 'any',
      coincides: c.fn === null ? 0 : c.coincides.reduce((m, t) => m | (1 << LEAK_TAGS[t]), 0),
      ...(c.column.kind === 'binary' ? { bytes: true } : {}),
    })),
    quasiIdentifiers: tp.quasiIdentifiers,
    contentSampled: tp.columns.filter((c) => c.fn === null && SAMPLED_KINDS.has(c.column.kind)).map((c) => ({
      index: c.index,
      acknowledged: (c.rule.params as { reason?: string }).reason !== undefined,
    })),
    rangeChecked: tp.columns.flatMap((c) => {
      const inRange = c.fn !== null ? c.masker.generatorRange?.(c.rule.params as never) ?? null : null;
      return inRange ? [{ index: c.index, masker: c.masker.name, inRange }] : [];
    }),
  };
}

/** The columns of a table found in a dump, with the primary key when the dump declares one. */
export interface UnplannedTable {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly kind: ColumnKind }[];
  readonly primaryKey: readonly string[];
}

/** Types whose fakes a masker draws from the real space, by what a column's name says it holds. */
const COINCIDES_BY_CLASS: Readonly<Record<string, readonly LeakType[]>> = { bsn: ['bsn', 'phone'], phone: ['phone', 'bsn'], plate: ['plate'], name: ['name'] };

/**
 * The expectation of a table no rules describe (`verify` without --config): every text column is
 * read as if kept, every column that can hold an identifier is scanned for source values, and the
 * quasi-identifiers are found by name with k = 5 (10 with special-category columns). The verifier
 * treats it as of unknown origin (ExpectedTable.unknownOrigin).
 */
export function unplannedTable(t: UnplannedTable, target: string): ExpectedTable {
  const indexed = t.columns.map((c, index) => ({ ...c, index }));
  const pk = t.primaryKey.map((k) => t.columns.findIndex((c) => c.name === k));
  const special = t.columns.some((c) => classifyColumnName(c.name) === 'special-category');
  const qi = indexed.filter((c) => isQuasiIdentifierName(c.name));
  return {
    name: t.name,
    target,
    columns: t.columns.map((c) => c.name),
    rows: -1,
    leakChecked: [],
    rowKeyColumns: pk.every((i) => i >= 0) ? pk : [],
    patternScanned: indexed.filter((c) => c.kind === 'text' || c.kind === 'json' || c.kind === 'other').map((c) => c.index),
    exactScanned: indexed.filter((c) => SCANNED_KINDS.has(c.kind)).map((c) => ({
      index: c.index,
      integer: c.kind !== 'integer' && c.kind !== 'numeric' ? false : t.primaryKey.includes(c.name) ? 'long' : 'any',
      coincides: (COINCIDES_BY_CLASS[classifyColumnName(c.name) ?? ''] ?? []).reduce((m, type) => m | (1 << LEAK_TAGS[type]), 0),
      ...(c.kind === 'binary' ? { bytes: true } : {}),
    })),
    quasiIdentifiers: { k: special ? 10 : 5, declared: qi.map((c) => c.name), surviving: qi.map((c) => ({ index: c.index, name: c.name, realPart: (v: string) => v })) },
    // Key columns too: a BSN can be the primary key, and a sequence of ids passes the elfproef 1 in 11 times, far below any level.
    contentSampled: indexed.filter((c) => SAMPLED_KINDS.has(c.kind)).map((c) => ({ index: c.index, acknowledged: false })),
    unknownOrigin: true,
  };
}
