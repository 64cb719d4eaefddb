// The attestation as Markdown, for a ticket, a wiki page or a PDF export. Rendered from the JSON
// alone, so it can never say more than the signed file does.
import type { Attestation } from './attestation.js';
import { describeAttestation } from './describe-attestation.js';
import type { SignatureCheck } from './signing.js';

/** Escapes text for Markdown: table and emphasis characters are backslashed, and a line break cannot end a table row. */
function md(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '—';
  return String(text).replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, ' ');
}

function table(head: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(md).join(' | ')} |`)].join('\n');
}

const yesNo = (b: boolean | null): string => (b === null ? 'not checked' : b ? 'yes' : 'no');

/** The Markdown rendering; `check`: a signature check the caller did, shown as the signature status. */
export function renderMarkdown(att: Attestation, check?: SignatureCheck): string {
  const w = describeAttestation(att, check);
  const out: string[] = [];
  out.push(`# maskgate attestation: ${att.result}`, '', `**${md(w.headline)}.** ${md(w.summary)}`, '');

  out.push('## Key facts', '');
  const src = att.source;
  out.push(table(['', ''], [
    ['Result', `${att.result} (${att.outcome}, exit code ${att.exitCode})`],
    ['Tool', `${att.tool.name} ${att.tool.version}${att.tool.lockfileSha256 ? `, package-lock.json sha256 ${att.tool.lockfileSha256}` : ''}`],
    ['Run', `${att.run.id}, ${att.run.startedAt} – ${att.run.finishedAt}`],
    ['Operator', `${att.run.operator} on ${att.run.host}`],
    ['Source', src ? `${src.engine}, ${src.tables ?? '?'} tables, ${src.rows ?? '?'} rows${src.skippedTables.length > 0 ? `; skipped: ${src.skippedTables.join(', ')}` : ''}` : 'not recorded'],
    ['Artefact', w.artefact],
    ...(att.target.database ? [['Target database', `${att.target.database.engine}, ${att.target.database.loaded ? `loaded (${att.target.database.rows} rows)` : 'not loaded'}`]] : []),
    ['Rules', att.ruleset ? `${att.ruleset.path}, sha256 ${att.ruleset.sha256}` : 'not recorded'],
    ['Masking key id', att.key ? `${att.key.keyId} (the key itself is never written)` : 'not recorded'],
    ['Signature', w.signature],
    ...(att.error ? [['Error', `${att.error.code}: ${att.error.message}`]] : []),
  ]), '');

  out.push('## Coverage', '');
  const c = att.coverage;
  if (c) {
    out.push(`${c.columnsTotal} columns in ${c.tables} tables: ${c.columnsMasked} masked, ${c.columnsDeclaredNonPersonal} kept as declared non-personal, ${c.columnsUnclassified} without a rule.`, '');
    out.push(table(['Table', 'Column', 'Masker', 'Reason for keeping'], c.perColumn.map((p) => [p.table, p.column, p.masker, p.reason ?? ''])), '');
  } else {
    out.push('Not recorded: no masking run produced this attestation.', '');
  }

  out.push('## Verification', '');
  const v = att.verification;
  if (v) {
    out.push(table(['Layer', 'Checked', 'Findings'], v.layers.map((l) => [l.layer, l.checked, l.findings])), '');
    const em = v.exactMatch;
    out.push(`- Exact match (real identifiers found verbatim): ${em ? (em.performed ? `${em.matches} matches in ${em.checked} checked` : 'not performed (no source fingerprints)') : 'not run'}`);
    out.push(`- Generator range violations: ${v.generatorRange ? `${v.generatorRange.violations} of ${v.generatorRange.checked} checked` : 'not run'}`);
    out.push(`- Findings: ${v.findingsCount.total} (listed: ${v.findingsCount.errors} refusing, ${v.findingsCount.warnings} warnings${v.findingsCount.unlisted > 0 ? `; ${v.findingsCount.unlisted} more counted but not listed` : ''})`, '');
    if (v.findings.length > 0) {
      out.push(table(['Severity', 'Detector', 'Table', 'Column', 'Row', 'Preview', 'Id'], v.findings.map((f) => [f.severity, f.detector, f.table, f.column ?? '', f.rowKey ?? '', f.preview ?? '', f.id])), '');
    }
  } else {
    out.push('Verification did not run: the run failed before its output could be read back.', '');
  }

  out.push('## k-anonymity', '');
  const qi = v?.quasiIdentifiers;
  if (qi && qi.tables.length > 0) {
    out.push(`Smallest configured k: ${qi.k ?? '—'}; smallest group: ${qi.minClassSize ?? '— (no real quasi-identifier survives)'}; groups below k: ${qi.classesBelowK}.`, '');
    out.push(table(['Table', 'Quasi-identifiers', 'Surviving', 'k', 'Rows', 'Groups', 'Smallest group', 'Groups below k', 'Groups by size'], qi.tables.map((t) => [
      t.table, t.quasiIdentifiers.join(', '), t.surviving.length > 0 ? t.surviving.join(', ') : 'none', t.k, t.rows, t.classes, t.minClassSize, t.classesBelowK,
      t.note ?? t.distribution.map((d) => `${d.size}: ${d.classes}`).join(', '),
    ])), '');
  } else {
    out.push('No table had quasi-identifier columns to check.', '');
  }

  out.push('## Residual risks', '', ...att.residualRisks.map((r) => `- ${md(r)}`), '');

  out.push('## What this attestation claims', '');
  out.push(`- ${md(w.controllerClaim)}`, `- ${md(w.recipientClaim)}`, '');
  out.push('Assumptions:', '', ...att.claims.assumptions.map((a) => `- ${md(a)}`), '');
  out.push('Conditions for treating the output as anonymous for a recipient (dutch-pii.md §5.2):', '');
  out.push(table(['', 'Condition', 'Checked by maskgate', 'Met', 'Basis'], att.claims.conditions.map((k) => [`(${k.id})`, k.condition, k.checked ? 'yes' : 'no', yesNo(k.met), k.basis])), '');
  out.push(md(w.notClaimed), '');
  return `${out.join('\n')}`;
}
