// Issue 4's planted-leak suite: every leak case must be refused (exit 1, nothing published, a finding of
// the intended layer at the planted place, no planted value printed anywhere), every clean control must
// publish without an error finding. Every case runs on each engine (PostgreSQL, MariaDB) with the same
// expectations. The last lines printed are the suite's detection and false-positive rates, one line per
// engine; the README quotes PostgreSQL's.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, inject, it } from 'vitest';
import { runCli, type CliResult } from '../support/run-cli.js';
import { CONTROLS, LEAK_CASES, type SuiteCase } from './cases.js';
import { DIALECTS, type Dialect } from './dialect.js';
import { compactForm } from './identifiers.js';
import { cleanupAll, plant } from './plant.js';

interface Finding {
  readonly severity: string;
  readonly detector: string;
  readonly table: string;
  readonly column?: string;
  readonly rowKey?: string;
}

/** What one case produced, for the assertions and the summary. */
interface Outcome {
  readonly c: SuiteCase;
  /** The schema the report qualifies the planted copy's tables with. */
  readonly schema: string;
  readonly cli: CliResult;
  readonly reportText: string;
  /** The attestation JSON and its Markdown and HTML renderings, joined. */
  readonly attestationText: string;
  readonly report: { result?: string; verification?: { findings?: Finding[] } } | null;
  readonly findings: readonly Finding[];
  readonly dump: string | null;
  /** Files left in the output directory after the run. */
  readonly files: readonly string[];
  readonly planted: readonly string[];
  readonly info?: string;
}

/** Per engine and case: whether it passed the suite's notion of "caught" (leaks) or "refused" (controls). */
const summary = new Map<string, { c: SuiteCase; outcome: Outcome; caught: boolean }>();
const summaryKey = (d: Dialect, c: SuiteCase): string => `${d.engine}/${c.id}`;

// A case may wait for others before its turn, so its timeout covers the queue too.
const CASE_TIMEOUT = 300_000;

// Each case is a fixture copy plus a CLI process; two at a time suit the two cores, whichever engines they use.
const PARALLEL = 2;
let active = 0;
const waiting: (() => void)[] = [];
async function limited<T>(fn: () => Promise<T>): Promise<T> {
  while (active >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await fn();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

/** Plants the case on `d`'s engine, runs `maskgate run` on it, collects everything, and removes the database and temp dirs. */
async function runCase(d: Dialect, c: SuiteCase): Promise<Outcome> {
  return limited(async () => {
    const p = await plant(d, inject(d.adminUrlKey), c);
    const outDir = mkdtempSync(join(tmpdir(), 'mg-leaks-out-'));
    try {
      const out = join(outDir, 'out.sql');
      const reportPath = join(outDir, 'report.json');
      const cli = await runCli(['run', '-c', p.rulesPath, '-s', p.sourceUrl, '-o', out, '-r', reportPath], c.env ?? {});
      const reportText = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
      const report = reportText === '' ? null : (JSON.parse(reportText) as Outcome['report']);
      const attestationText = ['json', 'md', 'html'].map((ext) => join(outDir, `report.json.attestation.${ext}`)).filter(existsSync).map((p) => readFileSync(p, 'utf8')).join('\n');
      return {
        c,
        schema: p.schema,
        cli,
        reportText,
        attestationText,
        report,
        findings: report?.verification?.findings ?? [],
        dump: existsSync(out) ? readFileSync(out, 'utf8') : null,
        files: readdirSync(outDir).sort(),
        planted: p.planted,
        ...(p.info === undefined ? {} : { info: p.info }),
      };
    } finally {
      rmSync(outDir, { recursive: true, force: true });
      await p.cleanup();
    }
  });
}

/** The error findings that match a leak case's expectation. */
function intended(o: Outcome): Finding[] {
  const e = o.c.expect!;
  // The full name, not just the bare one: the finding must be about the planted copy's table.
  const table = e.table.startsWith('(') ? e.table : `${o.schema}.${e.table}`;
  return o.findings.filter((f) => f.severity === 'error' && f.detector === e.detector && f.table === table && (e.column === undefined || f.column === e.column));
}

/** Row keys the case expects a finding on but has none. */
function missedRows(o: Outcome): string[] {
  const have = new Set(intended(o).map((f) => f.rowKey));
  return (o.c.expect!.rowKeys ?? []).filter((k) => !have.has(k));
}

/** Planted values (original notation and compact form, 6+ characters) that occur in `text`, case-insensitively. */
function plantedIn(text: string, planted: readonly string[]): string[] {
  const hay = text.toLowerCase();
  const forms = new Set(planted.flatMap((v) => [v.toLowerCase(), compactForm(v)]).filter((v) => v.length >= 6));
  return [...forms].filter((v) => hay.includes(v));
}

/** Whether a scrubbed-away leak (9b) is acceptable: published, and the dump holds none of the planted values. */
const removedFromDump = (o: Outcome): boolean => o.c.expect?.orRemovedFromDump === true && o.cli.code === 0 && o.dump !== null && plantedIn(o.dump, o.planted).length === 0;

for (const d of DIALECTS) {
  describe.concurrent(`${d.label}: planted leaks: refused by the intended layer, nothing published, no value printed`, () => {
    it.for(LEAK_CASES)('$id: $name ($layer)', { timeout: CASE_TIMEOUT }, async (c, { expect }) => {
      const o = await runCase(d, c);
      const scrubbed = removedFromDump(o);
      const caught = scrubbed || (o.cli.code === 1 && intended(o).length > 0 && missedRows(o).length === 0);
      summary.set(summaryKey(d, c), { c, outcome: o, caught });

      for (const [where, text] of [['stdout', o.cli.stdout], ['stderr', o.cli.stderr], ['report', o.reportText], ['attestation', o.attestationText]] as const) {
        expect(plantedIn(text, o.planted), `planted values in ${where}`).toEqual([]);
      }
      if (scrubbed) {
        expect(o.report?.result).toBe('published');
        return;
      }
      expect(o.cli.code, o.cli.stderr).toBe(1);
      expect(o.files, 'no dump and no temporary file next to the report and attestation').toEqual(['report.json', 'report.json.attestation.html', 'report.json.attestation.json', 'report.json.attestation.md']);
      expect(o.report?.result).toBe('refused');
      expect(intended(o), `an error finding ${c.expect!.detector} @ ${o.schema}.${c.expect!.table}${c.expect!.column === undefined ? '' : `.${c.expect!.column}`}`).not.toEqual([]);
      expect(missedRows(o), 'planted rows without a finding').toEqual([]);
    });
  });

  describe.concurrent(`${d.label}: clean controls: published, no error finding`, () => {
    it.for(CONTROLS)('$id: $name', { timeout: CASE_TIMEOUT }, async (c, { expect }) => {
      const o = await runCase(d, c);
      const errors = o.findings.filter((f) => f.severity === 'error');
      summary.set(summaryKey(d, c), { c, outcome: o, caught: o.cli.code !== 0 || errors.length > 0 });

      expect(errors.map(place)).toEqual([]);
      expect(o.cli.code, o.cli.stderr).toBe(0);
      expect(o.report?.result).toBe('published');
      expect(o.files).toEqual(['out.sql', 'report.json', 'report.json.attestation.html', 'report.json.attestation.json', 'report.json.attestation.md']);
    });
  });
}

afterAll(async () => {
  await cleanupAll();
  printSummary();
});

/**
 * `detector@table.column`, for the summary and assertion messages. The table is bare: a MySQL report
 * qualifies it with the scratch database's random name, and the engine heads each summary section anyway.
 */
function place(f: Finding): string {
  return `${f.detector}@${f.table.slice(f.table.indexOf('.') + 1)}${f.column === undefined ? '' : `.${f.column}`}`;
}

/** `detector@table.column ×n, …` of the findings with this severity. */
function tally(findings: readonly Finding[], severity: string): string {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.severity === severity) counts.set(place(f), (counts.get(place(f)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(', ') || '-';
}

/** `; stderr: …` when the run stopped without a verdict (exit 2 or 3, or no report), else nothing. */
function firstErrorLine(o: Outcome): string {
  const verdict = (o.cli.code === 0 || o.cli.code === 1) && o.report !== null;
  return verdict ? '' : `; stderr: ${o.cli.stderr.trim().split('\n')[0]}`;
}

/** Prints each engine's cases and its detection and false-positive rates; the rate lines come last. */
function printSummary(): void {
  const lines: string[] = [];
  const rates: string[] = [];
  for (const d of DIALECTS) {
    lines.push('', `planted-leak suite on ${d.label}, per case:`);
    const leaks = LEAK_CASES.map((c) => summary.get(summaryKey(d, c))).filter((s) => s !== undefined);
    const controls = CONTROLS.map((c) => summary.get(summaryKey(d, c))).filter((s) => s !== undefined);
    for (const { c, outcome: o, caught } of leaks) {
      const verdict = caught ? (removedFromDump(o) ? 'REMOVED BY SCRUB' : 'CAUGHT') : 'MISSED';
      const missed = o.c.expect?.rowKeys !== undefined && o.cli.code === 1 ? missedRows(o) : [];
      lines.push(
        `  [${verdict}] ${c.id} ${c.name}: exit ${o.cli.code}, want ${c.expect!.detector}; errors: ${tally(o.findings, 'error')}; warnings: ${tally(o.findings, 'warning')}` +
          (missed.length > 0 ? `; rows without the finding: ${missed.join(' ')}` : '') +
          firstErrorLine(o),
      );
    }
    let controlWarnings = 0;
    for (const { c, outcome: o, caught } of controls) {
      controlWarnings += o.findings.filter((f) => f.severity === 'warning').length;
      lines.push(
        `  [${caught ? 'REFUSED' : 'PUBLISHED'}] ${c.id} ${c.name}: exit ${o.cli.code}; errors: ${tally(o.findings, 'error')}; warnings: ${tally(o.findings, 'warning')}` +
          (o.info === undefined ? '' : `; ${o.info}`) +
          firstErrorLine(o),
      );
    }
    const notRun = [...LEAK_CASES, ...CONTROLS].filter((c) => !summary.has(summaryKey(d, c))).map((c) => c.id);
    if (notRun.length > 0) lines.push(`  not run (filtered out, or plant or CLI failed: see the test errors): ${notRun.join(' ')}`);
    const caught = leaks.filter((s) => s.caught).length;
    const refused = controls.filter((s) => s.caught).length;
    const pct = (n: number, total: number): string => (total === 0 ? 'n/a' : `${((100 * n) / total).toFixed(1)}%`);
    rates.push(
      `planted-leak suite (${d.label}): detection rate ${caught}/${leaks.length} (${pct(caught, leaks.length)}) leak cases caught by the intended layer; ` +
        `false-positive rate ${refused}/${controls.length} (${pct(refused, controls.length)}) clean controls refused; ${controlWarnings} warnings in the controls`,
    );
  }
  console.log([...lines, ...rates].join('\n'));
}
