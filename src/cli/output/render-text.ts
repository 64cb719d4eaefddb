import { relative } from 'node:path';
import type { RunResult } from '../../run/run-pipeline.js';

/** Short human summary of a run for stdout/stderr. Holds counts, paths and redacted previews only. */
export function renderRunSummary(r: RunResult, cwd = process.cwd()): string {
  const rep = r.report;
  const rows = rep.tables.reduce((n, t) => n + t.rows, 0);
  const masked = rep.tables.reduce((n, t) => n + t.columns.filter((c) => c.masker !== 'keep').length, 0);
  const rel = (p: string): string => relative(cwd, p) || p;
  const lines: string[] = [];
  const v = r.verification;
  if (r.exitCode === 0) {
    lines.push(`Published ${rel(r.outPath)}: ${rep.tables.length} tables, ${rows} rows, ${masked} columns masked, ${rep.skippedTables.length} tables skipped.`);
    const fks = rep.droppedForeignKeys;
    if (fks.length > 0) lines.push(`Left out ${fks.length} foreign key${fks.length === 1 ? '' : 's'} into skipped tables: ${fks.map((f) => `${f.table}.${f.constraint} → ${f.references}`).join(', ')}.`);
  } else if (r.exitCode === 1) {
    lines.push(`REFUSED: verification found personal data that survived masking. Nothing was published.`);
  } else {
    lines.push(`FAILED: ${r.error?.message ?? 'runtime failure'}`);
    if (r.error?.hint) lines.push(`  hint: ${r.error.hint}`);
  }
  if (v) {
    const total = v.findings.length + v.unlistedFindings;
    lines.push(`Verification: ${v.passed ? 'passed' : 'refused'}; ${v.layers.map((l) => `${l.layer} ${l.checked} checked, ${l.findings} findings`).join('; ')}.`);
    for (const f of v.findings.slice(0, 20)) {
      lines.push(`  ${f.severity} ${f.detector} ${f.table}${f.column ? `.${f.column}` : ''}${f.rowKey ? ` row ${f.rowKey}` : ''}${f.preview ? ` value ${f.preview}` : ''}: ${f.message}`);
    }
    if (total > 20) lines.push(`  … and ${total - 20} more findings in the report.`);
  }
  lines.push(`Report: ${rel(r.reportPath)}`);
  return lines.join('\n');
}
