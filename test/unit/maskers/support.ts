// Test support for masker unit tests: builds a masker the way plan-run does (params parsed with the
// masker's own schema so defaults apply, a KeyedPrf on a test key, a Map-backed `shared`).
import type { ColumnInfo } from '../../../src/db/table-info.js';
import { KeyedPrf } from '../../../src/keyed/keyed-prf.js';
import type { CellValue, MaskerContext, MaskerDefinition, MaskFn, RowContext } from '../../../src/maskers/masker.js';
import { maskerRegistry } from '../../../src/maskers/masker-registry.js';

/** The key of the dutch-pii.md §1.8 test vectors. */
export const TEST_KEY = 'maskgate-test-key';

export interface MaskerUnderTest {
  readonly def: MaskerDefinition;
  /** The per-value function built by `create`. */
  readonly mask: MaskFn;
  /** The context `create` got; pass it to `def.create` again to share the run-scoped state. */
  readonly ctx: MaskerContext;
  /** The params after schema parsing (defaults applied). */
  readonly params: unknown;
  /** Builds a RowContext (same as the exported `row`). */
  readonly row: typeof row;
  /** Masks `value` with a default row (`row('1')`). */
  readonly apply: (value: string, r?: RowContext) => CellValue;
}

/** A RowContext with identity `key` and the other columns' source values. */
export function row(key: string, values: Readonly<Record<string, CellValue>> = {}): RowContext {
  return { key, get: (column) => values[column] ?? null };
}

/** A text column named `value` unless overridden. */
export function column(over: Partial<ColumnInfo> = {}): ColumnInfo {
  return { name: 'value', sqlType: 'text', kind: 'text', nullable: true, unique: false, ...over };
}

/** The definition registered under `name`; fails the test when it is missing. */
export function definition(name: string): MaskerDefinition {
  const def = maskerRegistry.get(name);
  if (!def) throw new Error(`no masker named "${name}" in maskerRegistry`);
  return def;
}

/** A fresh MaskerContext: new PRF on `key`, empty shared state. */
export function context(col: Partial<ColumnInfo> = {}, key: string = TEST_KEY, table = 'person'): MaskerContext {
  const shared = new Map<string, unknown>();
  return {
    prf: new KeyedPrf(Buffer.from(key)),
    table: { schema: 'public', name: table },
    column: column(col),
    unique: col.unique ?? false,
    shared<T>(k: string, init: () => T): T {
      if (!shared.has(k)) shared.set(k, init());
      return shared.get(k) as T;
    },
  };
}

/** Looks up a masker, parses `params` with its schema and builds its mask function. */
export function maskerFor(
  name: string,
  params: Record<string, unknown> = {},
  col: Partial<ColumnInfo> = {},
  key: string = TEST_KEY,
): MaskerUnderTest {
  const def = definition(name);
  const parsed: unknown = def.params.parse(params);
  const ctx = context(col, key);
  const mask = def.create(parsed, ctx);
  return { def, mask, ctx, params: parsed, row, apply: (value, r = row('1')) => mask(value, r) };
}
