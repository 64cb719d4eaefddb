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
});

/** A rules file that passed `rulesSchema` (masker names and options not yet checked). */
export type RawRules = z.infer<typeof rulesSchema>;

/** JSON Schema of the rules file, for editor completion. */
export function rulesJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(rulesSchema, { io: 'input' });
}
