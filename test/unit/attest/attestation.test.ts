import { describe, expect, it } from 'vitest';
import { attestationPaths, attestationText } from '../../../src/attest/attestation-file.js';
import { buildAttestation, FIXED_RESIDUAL_RISKS, type AttestationInput } from '../../../src/attest/attestation.js';
import { refusedReport, sampleReport } from './sample-report.js';

const EXTRAS = { operator: 'tester', host: 'ci-runner' } as const;

describe('buildAttestation', () => {
  it('follows dutch-pii.md §5.4 for a published run', () => {
    const a = buildAttestation(sampleReport(), { ...EXTRAS, lockfileSha256: 'c'.repeat(64) });
    expect(a).toMatchObject({
      attestationVersion: '1', result: 'PASS', exitCode: 0, outcome: 'published',
      tool: { name: 'maskgate', version: '0.1.0', lockfileSha256: 'c'.repeat(64) },
      run: { id: '3b0c6d0e-8f5e-4a55-9d7c-1f1f2b1e0a11', startedAt: '2026-01-02T03:04:05.000Z', finishedAt: '2026-01-02T03:04:09.500Z', operator: 'tester', host: 'ci-runner' },
      source: { engine: 'postgres', tables: 2, rows: 714, skippedTables: ['public.audit_log'] },
      target: { kind: 'dump', path: '/data/masked.sql', published: true, sha256: 'b'.repeat(64), bytes: 12345 },
      ruleset: { path: 'rules/prod.yaml', sha256: 'a'.repeat(64) },
      key: { keyId: '0123456789abcdef' },
      coverage: { tables: 2, columnsTotal: 5, columnsMasked: 2, columnsDeclaredNonPersonal: 3, columnsUnclassified: 0 },
      signature: null,
    });
    expect(a.coverage!.perColumn).toContainEqual({ table: 'public.aanvragers', column: 'geslacht', masker: 'keep', reason: 'M/V/X only | <b>not</b> personal on its own' });
    expect(a.coverage!.perColumn).toContainEqual({ table: 'public.aanvragers', column: 'bsn', masker: 'bsn' });
    const v = a.verification!;
    expect(v.layers).toContainEqual({ layer: 'exact-match', checked: 900, findings: 0 });
    expect(v.exactMatch).toEqual({ performed: true, checked: 900, matches: 0, fingerprintMode: 'exact', falsePositiveRate: 0 });
    expect(v.generatorRange).toEqual({ checked: 300, violations: 0 });
    expect(v.quasiIdentifiers).toMatchObject({ k: 5, minClassSize: 7, classesBelowK: 0 });
    // Buckets stay in size order: the canonical JSON sorts object keys, so they are an array.
    expect(v.quasiIdentifiers!.tables[0]!.distribution.map((d) => d.size)).toEqual(['1', '2', '3', '4', '5-9', '10-24', '25+']);
    expect(v.findingsCount).toEqual({ total: 1, errors: 0, warnings: 1, unlisted: 0 });
    expect(a.claims).toMatchObject({ pseudonymisedForController: true, anonymousForRecipient: 'only under the stated assumptions' });
    expect(a.claims.assumptions).toHaveLength(4);
    expect(a.claims.conditions.map((c) => [c.id, c.checked, c.met])).toEqual([['a', false, null], ['b', true, true], ['c', true, true]]);
    expect(a.residualRisks.slice(0, FIXED_RESIDUAL_RISKS.length)).toEqual(FIXED_RESIDUAL_RISKS);
    expect(a.residualRisks.at(-1)).toMatch(/^1 warning \(content-statistics\)/);
    // It serialises canonically as it is (no undefined anywhere).
    expect(() => attestationText(a)).not.toThrow();
  });

  it('carries findings as location and redacted preview only: never their message', () => {
    const a = buildAttestation(refusedReport(), EXTRAS);
    const text = attestationText(a);
    expect(a.verification!.findings[0]).toEqual({ id: 'e1', severity: 'error', detector: 'exact-match', table: 'public.aanvragers', column: 'bsn', rowKey: 'id=17', preview: '*******82' });
    expect(text).not.toContain('A source BSN survived');
    expect(attestationText(buildAttestation(sampleReport(), EXTRAS))).not.toContain('PLANTED-MESSAGE');
    expect(text).not.toMatch(/"ms"|timings/);
  });

  it('a refused run is FAIL with no artefact digest and no claim', () => {
    const a = buildAttestation(refusedReport(), EXTRAS);
    expect(a).toMatchObject({ result: 'FAIL', exitCode: 1, outcome: 'refused', target: { published: false, sha256: null, bytes: null } });
    expect(a.verification!.exactMatch!.matches).toBe(2);
    expect(a.verification!.findingsCount).toEqual({ total: 5, errors: 2, warnings: 0, unlisted: 3 });
    expect(a.claims).toMatchObject({ pseudonymisedForController: false, anonymousForRecipient: 'no claim: nothing was published' });
    expect(a.claims.conditions.find((c) => c.id === 'b')).toMatchObject({ checked: true, met: false });
  });

  it('a failed run without verification is FAIL with verification null and carries the error code', () => {
    const { verification: _v, ...rest } = sampleReport({ result: 'failed', exitCode: 3, output: { path: '/data/masked.sql', published: false }, error: { code: 'DB_CONNECTION_LOST', message: 'The source connection was lost.' } });
    const a = buildAttestation(rest, EXTRAS);
    expect(a).toMatchObject({ result: 'FAIL', exitCode: 3, verification: null, error: { code: 'DB_CONNECTION_LOST' } });
    expect(a.claims.conditions.map((c) => c.checked)).toEqual([false, false, false]);
  });

  it('exit 0 without a passed verification is never PASS', () => {
    const { verification: _v, ...rest } = sampleReport();
    expect(buildAttestation(rest, EXTRAS).result).toBe('FAIL');
  });

  it('accepts a report of a standalone verify command: no source, tables, rules or key', () => {
    const full = sampleReport();
    const verifyReport: AttestationInput = {
      tool: full.tool, runId: full.runId, startedAt: full.startedAt, finishedAt: full.finishedAt,
      result: 'passed', exitCode: 0,
      output: { path: '/data/masked.sql', published: false, sha256: 'd'.repeat(64), bytes: 99 },
      verification: { ...full.verification!, layers: full.verification!.layers.map((l) => (l.layer === 'exact-match' ? { ...l, detail: { fingerprints: null } } : l)) },
    };
    const a = buildAttestation(verifyReport, EXTRAS);
    expect(a).toMatchObject({ result: 'PASS', source: null, coverage: null, ruleset: null, key: null, target: { kind: 'dump', sha256: 'd'.repeat(64) } });
    // Without source fingerprints, "0 exact matches" proves nothing, and (b) is not claimed as checked.
    expect(a.verification!.exactMatch).toMatchObject({ performed: false });
    expect(a.claims.conditions.find((c) => c.id === 'b')).toMatchObject({ checked: false, met: null });
    expect(() => attestationText(a)).not.toThrow();
  });

  it('names the artefact kind: a directory export, or a database when only --target was given', () => {
    expect(buildAttestation(sampleReport(), { ...EXTRAS, artefactKind: 'directory' }).target.kind).toBe('directory');
    const db = buildAttestation(sampleReport({ output: { path: null, published: true, sha256: 'e'.repeat(64), bytes: 5 }, target: { engine: 'postgres', loaded: true, previous: [], rows: 714 } }), EXTRAS);
    expect(db.target).toEqual({ kind: 'database', path: null, published: true, sha256: 'e'.repeat(64), bytes: 5, database: { engine: 'postgres', loaded: true, rows: 714 } });
  });

  it('puts the attestation files next to the report', () => {
    expect(attestationPaths('/d/x.sql.report.json')).toEqual({ json: '/d/x.sql.attestation.json', markdown: '/d/x.sql.attestation.md', html: '/d/x.sql.attestation.html' });
    expect(attestationPaths('/d/report.json').json).toBe('/d/report.json.attestation.json');
  });
});
