import { relative } from 'node:path';
import type { RunResult } from '../../run/run-pipeline.js';
import type { Finding } from '../../verify/finding.js';
import type { LayerSummary } from '../../verify/verifier.js';

/** The one figure of a layer's detail worth a summary line. */
function layerNote(l: LayerSummary): string {
  const d = l.detail as { coincidences?: number; fingerprints?: { mode: string; entries: number; falsePositiveRate: number } | null; tables?: { table: string; minClassSize?: number; k: number }[] } | undefined;
  if (l.layer === 'exact-match' && d?.fingerprints) {
    const fp = d.fingerprints;
    return `  (${fp.entries} source fingerprints, ${fp.mode}${fp.mode === 'bloom' ? `, false-positive rate ${fp.falsePositiveRate.toExponential(1)}` : ''}; ${d.coincidences ?? 0} coincidences)`;
  }
  if (l.layer === 'k-anonymity' && d?.tables && d.tables.length > 0) {
    return `  (${d.tables.map((t) => `${t.table}: ${t.minClassSize === undefined ? 'no real quasi-identifier kept' : `smallest class ${t.minClassSize}, k ${t.k}`}`).join('; ')})`;
  }
  return '';
}

/** The verification part of a summary: verdict, one line per layer, the first findings. */
export function renderVerification(v: { passed: boolean; layers: readonly LayerSummary[]; findings: readonly Finding[]; unlistedFindings: number; unlistedErrors?: number }): string[] {
  const lines: string[] = [];
  const total = v.findings.length + v.unlistedFindings;
  const errors = v.findings.filter((f) => f.severity === 'error').length + (v.unlistedErrors ?? 0);
  lines.push(`Verification ${v.passed ? 'passed' : 'refused'}: ${errors} refusing, ${total - errors} warnings${v.unlistedFindings > 0 ? ` (${v.unlistedFindings} counted, not listed)` : ''}.`);
  for (const l of v.layers) lines.push(`  ${l.layer.padEnd(22)} ${String(l.checked).padStart(9)} checked  ${String(l.findings).padStart(5)} findings${layerNote(l)}`);
  // Refusing findings first: they are why the verdict is what it is.
  const ordered = [...v.findings.filter((f) => f.severity === 'error'), ...v.findings.filter((f) => f.severity !== 'error')];
  for (const f of ordered.slice(0, 20)) {
    lines.push(`  ${f.severity} ${f.detector} ${f.table}${f.column ? `.${f.column}` : ''}${f.rowKey ? ` row ${f.rowKey}` : ''}${f.preview ? ` value ${f.preview}` : ''}: ${f.message}`);
  }
  if (total > 20) lines.push(`  … and ${total - 20} more findings in the report.`);
  return lines;
}

/** Short human summary of a run for stdout/stderr. Holds counts, paths and redacted previews only. */
export function renderRunSummary(r: RunResult, cwd = process.cwd()): string {
  const rep = r.report;
  const rows = rep.tables.reduce((n, t) => n + t.rows, 0);
  const masked = rep.tables.reduce((n, t) => n + t.columns.filter((c) => c.masker !== 'keep').length, 0);
  const rel = (p: string): string => relative(cwd, p) || p;
  const lines: string[] = [];
  const v = r.verification;
  if (r.exitCode === 0) {
    const where = [r.outPath ? rel(r.outPath) : null, rep.target?.loaded ? `the target database (${rep.target.engine}, swapped in atomically${rep.target.previous.length > 0 ? `; previous contents kept as ${rep.target.previous.join(', ')}` : ''})` : null].filter(Boolean).join(' and ');
    lines.push(`Published ${where}: ${rep.tables.length} tables, ${rows} rows, ${masked} columns masked, ${rep.skippedTables.length} tables skipped.`);
    const fks = rep.droppedForeignKeys;
    if (fks.length > 0) lines.push(`Left out ${fks.length} foreign key${fks.length === 1 ? '' : 's'} into skipped tables: ${fks.map((f) => `${f.table}.${f.constraint} → ${f.references}`).join(', ')}.`);
  } else if (r.exitCode === 1) {
    lines.push(`REFUSED: verification found personal data that survived masking. Nothing was published.`);
  } else {
    lines.push(`FAILED: ${r.error?.message ?? 'runtime failure'}`);
    if (r.error?.hint) lines.push(`  hint: ${r.error.hint}`);
  }
  if (v) lines.push(...renderVerification(v));
  if (rep.fingerprints) lines.push(`Fingerprints: ${rel(rep.fingerprints.path)} (${rep.fingerprints.count}, ${rep.fingerprints.mode}); for \`maskgate verify --fingerprints\` with the same MASKGATE_SECRET.`);
  lines.push(`Report: ${rel(r.reportPath)}`);
  return lines.join('\n');
}
