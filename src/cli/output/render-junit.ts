import type { Finding } from '../../verify/finding.js';
import type { LayerSummary } from '../../verify/verifier.js';

/** What the CI renderings need of a verification. */
export interface VerificationView {
  readonly passed: boolean;
  readonly layers: readonly LayerSummary[];
  readonly findings: readonly Finding[];
  readonly unlistedFindings: number;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML content and attributes; characters XML 1.0 cannot hold become U+FFFD. */
export function xmlEscape(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
}

/** The layer a finding's detector belongs to, for grouping (pattern-bsn → patterns-in-text). */
export function layerOf(detector: string): string {
  if (detector.startsWith('pattern-')) return 'patterns-in-text';
  const map: Record<string, string> = {
    'exact-match': 'exact-match', 'unchanged-value': 'unchanged-values', 'unchanged-rate': 'unchanged-values', 'generator-range': 'generator-range',
    'content-statistics': 'content-statistics', 'k-anonymity': 'k-anonymity', classification: 'classification', 'dump-integrity': 'dump-integrity',
  };
  return map[detector] ?? detector;
}

/**
 * JUnit XML for CI systems (Jenkins, GitLab, GitHub test reporters): one test suite per layer, one
 * test case per table column with findings (failing when one refuses; warnings go to system-out),
 * and one passing case for a layer without findings. Holds locations and redacted previews only.
 */
export function renderJunit(v: VerificationView, opts: { name: string; timestamp: string; hostname: string; seconds: number }): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [i, l] of v.layers.entries()) {
    const byLocation = new Map<string, Finding[]>();
    for (const f of v.findings) {
      if (layerOf(f.detector) !== l.layer) continue;
      const where = `${f.table}${f.column ? `.${f.column}` : ''}`;
      byLocation.set(where, [...(byLocation.get(where) ?? []), f]);
    }
    const cases: string[] = [];
    let suiteFailures = 0;
    const classname = `maskgate.${l.layer}`;
    if (byLocation.size === 0) cases.push(`    <testcase name="${xmlEscape(`${l.layer}: ${l.checked} checked, no findings`)}" classname="${classname}" time="0"/>`);
    for (const [where, fs] of byLocation) {
      const errors = fs.filter((f) => f.severity === 'error');
      const lines = fs.map((f) => `${f.severity} ${f.detector}${f.rowKey ? ` row ${f.rowKey}` : ''}${f.preview ? ` value ${f.preview}` : ''}: ${f.message}`).join('\n');
      if (errors.length > 0) {
        suiteFailures++;
        cases.push(`    <testcase name="${xmlEscape(where)}" classname="${classname}" time="0">\n      <failure message="${xmlEscape(`${errors.length} refusing finding${errors.length === 1 ? '' : 's'}: ${errors[0]!.message}`)}" type="${xmlEscape(errors[0]!.detector)}">${xmlEscape(lines)}</failure>\n    </testcase>`);
      } else {
        cases.push(`    <testcase name="${xmlEscape(where)}" classname="${classname}" time="0">\n      <system-out>${xmlEscape(lines)}</system-out>\n    </testcase>`);
      }
    }
    tests += cases.length;
    failures += suiteFailures;
    suites.push(`  <testsuite name="${classname}" id="${i}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="0" time="${((l.ms ?? 0) / 1000).toFixed(3)}" timestamp="${opts.timestamp}" hostname="${xmlEscape(opts.hostname)}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  out.push(`<testsuites name="${xmlEscape(opts.name)}" tests="${tests}" failures="${failures}" errors="0" time="${opts.seconds.toFixed(3)}">`);
  out.push(...suites);
  if (v.unlistedFindings > 0) out.push(`  <!-- ${v.unlistedFindings} further findings counted, not listed: see the JSON report -->`);
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
