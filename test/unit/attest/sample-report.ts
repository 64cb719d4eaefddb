import type { RunReport } from '../../../src/report/run-report.js';

/** A run report as runPipeline() writes it, with every part the attestation reads. */
export function sampleReport(overrides: Partial<RunReport> = {}): RunReport {
  return {
    reportVersion: 1,
    tool: { name: 'maskgate', version: '0.1.0' },
    runId: '3b0c6d0e-8f5e-4a55-9d7c-1f1f2b1e0a11',
    startedAt: '2026-01-02T03:04:05.000Z',
    finishedAt: '2026-01-02T03:04:09.500Z',
    result: 'published',
    exitCode: 0,
    keyId: '0123456789abcdef',
    rules: { path: 'rules/prod.yaml', sha256: 'a'.repeat(64) },
    source: { engine: 'postgres' },
    output: { path: '/data/masked.sql', published: true, sha256: 'b'.repeat(64), bytes: 12345 },
    tables: [
      { table: 'public.aanvragers', rows: 300, columns: [
        { column: 'id', masker: 'keep' },
        { column: 'bsn', masker: 'bsn' },
        { column: 'geslacht', masker: 'keep', reason: 'M/V/X only | <b>not</b> personal on its own' },
      ] },
      { table: 'public.diplomas', rows: 414, columns: [{ column: 'id', masker: 'keep' }, { column: 'titel', masker: 'text' }] },
    ],
    skippedTables: ['public.audit_log'],
    droppedForeignKeys: [],
    timings: { maskMs: 10, verifyMs: 5 },
    verification: {
      passed: true,
      layers: [
        { layer: 'classification', checked: 3, findings: 0 },
        { layer: 'dump-integrity', checked: 2, findings: 0, ms: 1 },
        { layer: 'generator-range', checked: 300, findings: 0, ms: 1 },
        { layer: 'content-statistics', checked: 2, findings: 1, ms: 1 },
        {
          layer: 'k-anonymity', checked: 1, findings: 0, ms: 1,
          detail: { tables: [{ table: 'public.aanvragers', quasiIdentifiers: ['geslacht', 'postcode'], surviving: ['geslacht'], k: 5, rows: 300, classes: 3, minClassSize: 7, classesBelowK: 0, rowsInClassesBelowK: 0, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5-9': 1, '10-24': 0, '25+': 2 } }] },
        },
        { layer: 'exact-match', checked: 900, findings: 0, ms: 2, detail: { fingerprints: { mode: 'exact', entries: 600, bytes: 4096, falsePositiveRate: 0 }, coincidences: 0, coincidencesByColumn: {} } },
      ],
      findings: [
        { id: 'f1', severity: 'warning', detector: 'content-statistics', table: 'public.diplomas', column: 'titel', message: 'PLANTED-MESSAGE 123456782 (messages stay in the report)' },
      ],
      unlistedFindings: 0,
    },
    ...overrides,
  };
}

/** A refused run: an exact-match finding with a redacted preview, nothing published. */
export function refusedReport(): RunReport {
  const base = sampleReport();
  return sampleReport({
    result: 'refused',
    exitCode: 1,
    output: { path: '/data/masked.sql', published: false },
    verification: {
      passed: false,
      layers: base.verification!.layers.map((l) => (l.layer === 'exact-match' ? { ...l, findings: 2 } : l)),
      findings: [
        { id: 'e1', severity: 'error', detector: 'exact-match', table: 'public.aanvragers', column: 'bsn', rowKey: 'id=17', preview: '*******82', message: 'A source BSN survived.' },
        { id: 'e2', severity: 'error', detector: 'exact-match', table: 'public.aanvragers', column: 'bsn', rowKey: 'id=18', preview: '*******19', message: 'A source BSN survived.' },
      ],
      unlistedFindings: 3,
    },
  });
}
