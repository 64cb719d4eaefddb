import { z } from 'zod';

/**
 * A column rule as written: a masker name, or `{ mask: <name>, ...options }`.
 * Options stay loose here because each masker's own `params` schema checks them (load-rules.ts).
 */
export const columnRuleSchema = z.union([z.string().min(1), z.looseObject({ mask: z.string().min(1) })]);

/** The object form of a table rule; exported so unknown keys can be matched against its keys. */
export const tableColumnsSchema = z.strictObject({
  columns: z
    .record(z.string(), columnRuleSchema)
    .refine((c) => Object.keys(c).length > 0, { error: 'must list at least one column' }),
  /**
   * Quasi-identifier columns for the k-anonymity check (dutch-pii.md §6). Default: the columns named
   * like a birth date, postcode, gender, nationality or education level. `[]` turns the check off.
   */
  quasiIdentifiers: z.array(z.string().min(1)).optional(),
});

/** The `verify:` section: thresholds of the verification gate. */
export const verifySchema = z.strictObject({
  /** Smallest allowed equivalence class over the quasi-identifiers (default 5). */
  k: z.number().int().min(1).max(1000).optional(),
  /** k for tables that hold special-category columns (default 10). */
  kSpecial: z.number().int().min(1).max(1000).optional(),
  /** Memory for the exact-match fingerprints; past it they move into a Bloom filter (default 256). */
  fingerprintBudgetMB: z.number().int().min(1).max(16384).optional(),
});

/** A table rule as written: `skip`, or `{ columns: {...} }`. */
export const tableRuleSchema = z.union([z.literal('skip'), tableColumnsSchema]);

/** The rules file as written; the single source of truth for its shape. */
export const rulesSchema = z.strictObject({
  version: z.literal(1),
  source: z.string().min(1).optional(),
  tables: z.record(z.string(), tableRuleSchema),
  /**
   * Values the pattern layer may find in kept text without refusing: the organisation's own help-desk
   * number, RvIG test BSNs. Compared in the compact form (§0.2), so any notation of a listed value matches.
   */
  allow: z.array(z.string().min(1)).optional(),
  verify: verifySchema.optional(),
});

/** A rules file that passed `rulesSchema` (masker names and options not yet checked). */
export type RawRules = z.infer<typeof rulesSchema>;

/** JSON Schema of the rules file, for editor completion. */
export function rulesJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(rulesSchema, { io: 'input' });
}
