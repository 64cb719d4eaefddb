import { randomBytes } from 'node:crypto';
import { loadRules } from '../config/load-rules.js';
import { KeyedPrf } from '../keyed/keyed-prf.js';
import { maskerRegistry } from '../maskers/masker-registry.js';
import { planRun, type RunPlan } from '../run/plan-run.js';
import { resolveSourceUrl } from '../run/run-pipeline.js';
import { openSource } from '../sources/open-source.js';

/** Flags of `maskgate check`. */
export interface CheckCommandOptions {
  readonly config: string;
  readonly source?: string | undefined;
}

/** What `check` established. */
export interface CheckResult {
  readonly tables: number;
  /** Present when a source was given: coverage against the live schema passed. */
  readonly coverage?: { readonly exported: number; readonly skipped: number; readonly columns: number };
  /** Kept columns whose name says personal data and whose rule gives no reason: a run would be refused. */
  readonly keptButLooksPersonal?: RunPlan['keptButLooksPersonal'];
}

/**
 * Validates the rules file and, when a source is known, its coverage of the live schema.
 * Reads catalog metadata only, never a row. Throws ConfigErrors / CoverageError (exit 2).
 */
export async function runCheck(opts: CheckCommandOptions, env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const rules = await loadRules(opts.config, env, { sourceGiven: Boolean(opts.source || env.MASKGATE_SOURCE) });
  if (!opts.source && !env.MASKGATE_SOURCE && !rules.source) return { tables: rules.tables.size };
  const source = await openSource(resolveSourceUrl(opts.source, env, rules));
  try {
    // Planning builds the maskers; a throwaway key suffices because no value is masked.
    const plan = planRun(rules, await source.introspect(), maskerRegistry, new KeyedPrf(randomBytes(32)));
    return {
      tables: rules.tables.size,
      coverage: { exported: plan.tables.length, skipped: plan.skipped.length, columns: plan.tables.reduce((n, t) => n + t.columns.length, 0) },
      keptButLooksPersonal: plan.keptButLooksPersonal,
    };
  } finally {
    await source.close();
  }
}

/** `maskgate check` CLI wrapper; returns the exit code. */
export async function checkCommand(opts: CheckCommandOptions): Promise<number> {
  const r = await runCheck(opts, process.env);
  const flagged = r.keptButLooksPersonal ?? [];
  if (flagged.length > 0) {
    process.stderr.write(`A run would be refused: ${flagged.length} kept column${flagged.length === 1 ? '' : 's'} named like personal data, without a reason:\n`);
    for (const f of flagged) process.stderr.write(`  ${f.table}.${f.column}: looks like ${f.looksLike}; mask it, or write { mask: keep, reason: "…" }\n`);
    return 1;
  }
  if (r.coverage) {
    process.stdout.write(`Rules valid and complete: ${r.coverage.exported} tables exported (${r.coverage.columns} columns, every one with a rule), ${r.coverage.skipped} skipped.\n`);
  } else {
    process.stdout.write(`Rules valid: ${r.tables} tables. No source given, so coverage was not checked (pass --source or set MASKGATE_SOURCE).\n`);
  }
  return 0;
}
