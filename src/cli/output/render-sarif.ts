import { layerOf, type VerificationView } from './render-junit.js';

/**
 * SARIF 2.1.0 for code-scanning UIs (GitHub, GitLab, Azure DevOps): one rule per detector, one
 * result per finding, located in the verified artefact and, logically, at its table column. The
 * finding id is the result's stable fingerprint, so the same leak is the same alert across runs.
 */
export function renderSarif(v: VerificationView, opts: { artifactUri: string; version: string }): string {
  const detectors = [...new Set(v.findings.map((f) => f.detector))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'maskgate',
          version: opts.version,
          rules: detectors.map((d) => ({
            id: d,
            name: d.replace(/(^|-)(\w)/g, (_m, _s: string, c: string) => c.toUpperCase()),
            shortDescription: { text: `maskgate ${layerOf(d)} layer: ${d}` },
            properties: { layer: layerOf(d) },
          })),
        },
      },
      results: v.findings.map((f) => ({
        ruleId: f.detector,
        ruleIndex: detectors.indexOf(f.detector),
        level: f.severity === 'error' ? 'error' : 'warning',
        message: { text: `${f.message}${f.rowKey ? ` (row ${f.rowKey})` : ''}${f.preview ? ` [value ${f.preview}]` : ''}` },
        locations: [{
          physicalLocation: { artifactLocation: { uri: opts.artifactUri } },
          logicalLocations: [{ fullyQualifiedName: `${f.table}${f.column ? `.${f.column}` : ''}`, kind: f.column ? 'member' : 'type' }],
        }],
        partialFingerprints: { maskgateFindingId: f.id },
      })),
      properties: { passed: v.passed, unlistedFindings: v.unlistedFindings },
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
