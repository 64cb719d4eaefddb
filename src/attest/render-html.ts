// The attestation as one self-contained HTML page for a data-protection officer: inline CSS, an inline
// SVG chart, no scripts and no external resources, so it opens the same from a mail attachment, an
// archive or an air-gapped machine, and shows nothing that is not in the signed JSON.
import type { Attestation, AttestedKAnonymityTable } from './attestation.js';
import { describeAttestation } from './describe-attestation.js';
import type { SignatureCheck } from './signing.js';

/** Escapes text for HTML element content and quoted attribute values. */
function esc(text: string | number | boolean | null | undefined): string {
  if (text === null || text === undefined) return '—';
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What each verification layer looks for, in words a reader without the docs understands. */
const LAYER_WORDS: Readonly<Record<string, string>> = {
  'classification': 'kept columns whose name says personal data',
  'dump-integrity': 'the output is complete and reads back as written',
  'unchanged-values': 'masked cells that still hold their own source value',
  'generator-range': 'generated values outside their masker’s safe range',
  'patterns-in-text': 'BSNs, IBANs, plates, e-mail addresses and phone numbers in kept or scrubbed text',
  'content-statistics': 'kept columns whose content looks like identifiers',
  'k-anonymity': 'tables where surviving quasi-identifiers single people out',
  'exact-match': 'real source identifiers found verbatim anywhere in the output',
};

const STYLE = `
:root{color-scheme:light;--ink:#1d2430;--muted:#5a6475;--line:#d6dbe3;--pass:#0f6b35;--pass-bg:#e5f4ea;--fail:#a3161b;--fail-bg:#fbe7e7;--warn:#a15c00}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:#f6f7f9}
main{max-width:64rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.verdict{border-radius:10px;padding:1.25rem 1.5rem;margin-bottom:1.5rem;border:2px solid}
.verdict.pass{background:var(--pass-bg);border-color:var(--pass)}
.verdict.fail{background:var(--fail-bg);border-color:var(--fail)}
.verdict .result{display:inline-block;font-weight:700;letter-spacing:.08em;color:#fff;border-radius:4px;padding:.1rem .6rem;margin:0}
.verdict.pass .result{background:var(--pass)}
.verdict.fail .result{background:var(--fail)}
.verdict h1{margin:.5rem 0 .25rem;font-size:1.6rem}
.verdict p{margin:.25rem 0}
section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;margin-bottom:1.25rem}
h2{font-size:1.15rem;margin:.25rem 0 .75rem}
h3{font-size:1rem;margin:1rem 0 .5rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
th{background:#f0f2f5;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.facts th{width:11rem;background:none}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
.bad{color:var(--fail);font-weight:600}
.good{color:var(--pass);font-weight:600}
.muted{color:var(--muted)}
ul{padding-left:1.25rem;margin:.25rem 0}
li{margin:.2rem 0}
figure{margin:.5rem 0 1rem}
figcaption{font-size:.85rem;color:var(--muted)}
details summary{cursor:pointer;color:var(--muted);margin:.5rem 0}
footer{font-size:.8rem;color:var(--muted);text-align:center}
@media print{body{background:#fff}section{break-inside:avoid}}
`;

/** Upper end of a class-size bucket label (`1`, `5-9`, `25+`). */
function bucketMax(size: string): number {
  if (size.endsWith('+')) return Infinity;
  const parts = size.split('-');
  return Number(parts[parts.length - 1]);
}

/** Lower end of a class-size bucket label. */
const bucketMin = (size: string): number => Number.parseInt(size, 10);

/** An inline SVG bar chart of one table's classes per size bucket; buckets below k are red. */
function classSizeChart(t: AttestedKAnonymityTable): string {
  const k = t.k ?? 0;
  const width = 560;
  const height = 200;
  const left = 44;
  const bottom = 36;
  const top = 22;
  const plotH = height - top - bottom;
  const n = Math.max(t.distribution.length, 1);
  const slot = (width - left - 8) / n;
  const max = Math.max(1, ...t.distribution.map((d) => d.classes));
  const bars = t.distribution.map((d, i) => {
    const h = d.classes === 0 ? 0 : Math.max(2, Math.round((d.classes / max) * plotH));
    const x = left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const y = top + plotH - h;
    const fill = bucketMax(d.size) < k ? '#c0262d' : bucketMin(d.size) >= k ? '#2f8f57' : '#d68a00';
    return `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${h}" fill="${fill}"><title>${esc(`${d.classes} groups of size ${d.size}`)}</title></rect>`
      + `<text x="${(x + w / 2).toFixed(1)}" y="${y - 4}" text-anchor="middle" font-size="12" fill="#1d2430">${esc(d.classes)}</text>`
      + `<text x="${(x + w / 2).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" font-size="12" fill="#5a6475">${esc(d.size)}</text>`;
  }).join('');
  const axis = `<line x1="${left}" y1="${top + plotH}" x2="${width - 4}" y2="${top + plotH}" stroke="#8a93a3"/>`
    + `<text x="${left + (width - left) / 2}" y="${height - 4}" text-anchor="middle" font-size="12" fill="#5a6475">rows per group (group size)</text>`
    + `<text x="12" y="${top + plotH / 2}" text-anchor="middle" font-size="12" fill="#5a6475" transform="rotate(-90 12 ${top + plotH / 2})">groups</text>`;
  const label = `Groups of rows by size in ${t.table}; k = ${t.k ?? 'not set'}`;
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px"><title>${esc(label)}</title>${axis}${bars}</svg>`
    + `<figcaption>${esc(t.table)}: number of groups of rows that share their surviving quasi-identifiers (${esc(t.surviving.join(', ') || 'none')}), by group size. Red: groups smaller than k = ${esc(t.k)}.</figcaption></figure>`;
}

function row(cells: readonly (string | number | null | undefined)[], numeric: readonly number[] = []): string {
  return `<tr>${cells.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`;
}

function head(cells: readonly string[], numeric: readonly number[] = []): string {
  return `<tr>${cells.map((c, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${esc(c)}</th>`).join('')}</tr>`;
}

const fact = (label: string, valueHtml: string): string => `<tr><th scope="row">${esc(label)}</th><td>${valueHtml}</td></tr>`;

/** The HTML page; `check`: a signature check the caller did, shown as the signature status. */
export function renderHtml(att: Attestation, check?: SignatureCheck): string {
  const w = describeAttestation(att, check);
  const v = att.verification;
  const src = att.source;
  const parts: string[] = [];

  parts.push(`<header class="verdict ${w.tone}"><p class="result">${esc(att.result)}</p><h1>${esc(w.headline)}</h1><p>${esc(w.summary)}</p>`
    + `<p class="muted">${att.result === 'PASS' ? `${esc(w.controllerClaim)} ${esc(w.recipientClaim)}` : esc(w.recipientClaim)}</p></header>`);

  const sigClass = att.signature === null || (check && !check.valid) ? 'bad' : check?.valid ? 'good' : '';
  parts.push(`<section><h2>Key facts</h2><table class="facts">${[
    fact('Result', `${esc(att.result)} <span class="muted">(${esc(att.outcome)}, exit code ${esc(att.exitCode)})</span>`),
    fact('Tool', `${esc(att.tool.name)} ${esc(att.tool.version)}${att.tool.lockfileSha256 ? `<br><span class="muted">package-lock.json sha256</span> <code>${esc(att.tool.lockfileSha256)}</code>` : ''}`),
    fact('Run', `<code>${esc(att.run.id)}</code><br>${esc(att.run.startedAt)} – ${esc(att.run.finishedAt)}`),
    fact('Operator', `${esc(att.run.operator)} on ${esc(att.run.host)}`),
    fact('Source', src ? `${esc(src.engine)}, ${esc(src.tables ?? '?')} tables, ${esc(src.rows ?? '?')} rows${src.skippedTables.length > 0 ? `<br><span class="muted">skipped: ${esc(src.skippedTables.join(', '))}</span>` : ''}` : '<span class="muted">not recorded</span>'),
    fact('Artefact', att.target.sha256 !== null
      ? `${esc(att.target.kind)} <code>${esc(att.target.path ?? '(loaded into the target database)')}</code><br><span class="muted">sha256</span> <code>${esc(att.target.sha256)}</code>${att.target.bytes !== null ? `, ${esc(att.target.bytes)} bytes` : ''}`
      : `<span class="bad">none: nothing was published</span>`),
    ...(att.target.database ? [fact('Target database', `${esc(att.target.database.engine)}, ${att.target.database.loaded ? `loaded (${esc(att.target.database.rows)} rows)` : 'not loaded'}`)] : []),
    fact('Rules', att.ruleset ? `<code>${esc(att.ruleset.path)}</code><br><span class="muted">sha256</span> <code>${esc(att.ruleset.sha256)}</code>` : '<span class="muted">not recorded</span>'),
    fact('Masking key id', att.key ? `<code>${esc(att.key.keyId)}</code> <span class="muted">(the key itself is never written)</span>` : '<span class="muted">not recorded</span>'),
    fact('Signature', `<span class="${sigClass}">${esc(w.signature)}</span>`),
    ...(att.error ? [fact('Error', `<span class="bad">${esc(att.error.code)}</span>: ${esc(att.error.message)}`)] : []),
  ].join('')}</table></section>`);

  const c = att.coverage;
  if (c) {
    const perTable = new Map<string, { columns: number; masked: number; kept: number }>();
    for (const p of c.perColumn) {
      const t = perTable.get(p.table) ?? { columns: 0, masked: 0, kept: 0 };
      t.columns++;
      if (p.masker === 'keep') t.kept++;
      else t.masked++;
      perTable.set(p.table, t);
    }
    parts.push(`<section><h2>Coverage</h2><p>${esc(c.columnsTotal)} columns in ${esc(c.tables)} tables: <strong>${esc(c.columnsMasked)} masked</strong>, ${esc(c.columnsDeclaredNonPersonal)} kept as declared non-personal, ${esc(c.columnsUnclassified)} without a rule (a column without a rule stops the run before it reads data).</p>`
      + `<table>${head(['Table', 'Columns', 'Masked', 'Kept'], [1, 2, 3])}${[...perTable].map(([t, n]) => row([t, n.columns, n.masked, n.kept], [1, 2, 3])).join('')}</table>`
      + `<details><summary>Every column with its masker (${esc(c.perColumn.length)})</summary><table>${head(['Table', 'Column', 'Masker', 'Reason for keeping'])}${c.perColumn.map((p) => row([p.table, p.column, p.masker, p.reason ?? ''])).join('')}</table></details></section>`);
  } else {
    parts.push('<section><h2>Coverage</h2><p class="muted">Not recorded: no masking run produced this attestation.</p></section>');
  }

  if (v) {
    const em = v.exactMatch;
    const findings = v.findings.length > 0
      ? `<h3>Findings</h3><table>${head(['Severity', 'Detector', 'Table', 'Column', 'Row', 'Preview', 'Id'])}${v.findings.map((f) => row([f.severity, f.detector, f.table, f.column ?? '', f.rowKey ?? '', f.preview ?? '', f.id])).join('')}</table>`
        + (v.findingsCount.unlisted > 0 ? `<p class="muted">${esc(v.findingsCount.unlisted)} more findings are counted but not listed.</p>` : '')
      : '';
    parts.push(`<section><h2>Verification</h2><p>The output was read back from disk and checked by every layer below. `
      + `Exact match: ${em ? (em.performed ? `<strong class="${em.matches === 0 ? 'good' : 'bad'}">${esc(em.matches)} real identifiers found</strong> in ${esc(em.checked)} checked` : '<span class="bad">not performed (no source fingerprints)</span>') : 'not run'}. `
      + `Generator range: ${v.generatorRange ? `${esc(v.generatorRange.violations)} violations in ${esc(v.generatorRange.checked)} checked` : 'not run'}. `
      + `Findings: ${esc(v.findingsCount.total)} (listed: ${esc(v.findingsCount.errors)} refusing, ${esc(v.findingsCount.warnings)} warnings${v.findingsCount.unlisted > 0 ? `; ${esc(v.findingsCount.unlisted)} more counted but not listed` : ''}).</p>`
      + `<table>${head(['Layer', 'Looks for', 'Checked', 'Findings'], [2, 3])}${v.layers.map((l) => `<tr><td>${esc(l.layer)}</td><td>${esc(LAYER_WORDS[l.layer] ?? '')}</td><td class="num">${esc(l.checked)}</td><td class="num${l.findings > 0 ? ' bad' : ''}">${esc(l.findings)}</td></tr>`).join('')}</table>${findings}</section>`);
  } else {
    parts.push('<section><h2>Verification</h2><p class="bad">Verification did not run: the run failed before its output could be read back.</p></section>');
  }

  const qi = v?.quasiIdentifiers;
  if (qi && qi.tables.length > 0) {
    parts.push(`<section><h2>k-anonymity</h2><p>Rows are grouped by the real information that survives in their quasi-identifier columns; every group must hold at least k rows, or the people in it can be singled out. `
      + `Smallest configured k: <strong>k = ${esc(qi.k)}</strong>; smallest group: <strong>${esc(qi.minClassSize ?? 'none (no real quasi-identifier survives)')}</strong>; groups below k: <strong class="${qi.classesBelowK === 0 ? 'good' : 'bad'}">${esc(qi.classesBelowK)}</strong>.</p>`
      + `<table>${head(['Table', 'Quasi-identifiers', 'Surviving', 'k', 'Rows', 'Groups', 'Smallest group', 'Groups below k'], [3, 4, 5, 6, 7])}${qi.tables.map((t) => row([t.table, t.quasiIdentifiers.join(', '), t.surviving.join(', ') || 'none', t.k, t.rows, t.classes, t.minClassSize, t.classesBelowK], [3, 4, 5, 6, 7])).join('')}</table>`
      + qi.tables.map((t) => (t.distribution.length > 0 ? `<h3>${esc(t.table)}</h3>${classSizeChart(t)}` : t.note ? `<h3>${esc(t.table)}</h3><p class="muted">${esc(t.note)}</p>` : '')).join('')
      + '</section>');
  } else {
    parts.push('<section><h2>k-anonymity</h2><p class="muted">No table had quasi-identifier columns to check.</p></section>');
  }

  parts.push(`<section><h2>Residual risks</h2><ul>${att.residualRisks.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></section>`);

  parts.push(`<section><h2>What this attestation claims</h2><ul><li>${esc(w.controllerClaim)}</li><li>${esc(w.recipientClaim)}</li></ul>`
    + `<h3>Assumptions</h3><ul>${att.claims.assumptions.map((a) => `<li>${esc(a)}</li>`).join('')}</ul>`
    + `<h3>Conditions for treating the output as anonymous for a recipient</h3><table>${head(['', 'Condition', 'Checked by maskgate', 'Met', 'Basis'])}${att.claims.conditions.map((k) => `<tr><td>(${esc(k.id)})</td><td>${esc(k.condition)}</td><td>${k.checked ? 'yes' : '<span class="bad">no</span>'}</td><td>${k.met === null ? '<span class="muted">not checked</span>' : k.met ? '<span class="good">yes</span>' : '<span class="bad">no</span>'}</td><td>${esc(k.basis)}</td></tr>`).join('')}</table>`
    + `<p><strong>${esc(w.notClaimed)}</strong></p></section>`);

  const title = `maskgate attestation: ${att.result}, run ${att.run.id}`;
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${esc(title)}</title><style>${STYLE}</style></head>`
    + `<body><main>${parts.join('\n')}<footer>Rendered by maskgate from the attestation JSON, which is the signed document; this page adds nothing to it.</footer></main></body></html>\n`;
}
