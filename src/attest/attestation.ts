// The run attestation of dutch-pii.md §5.4: what a vendor hands the controller as per-run evidence,
// built only from the run report, which by design holds locations, counts and redacted previews and
// never a value. Everything here is copied or counted from that report; nothing is read from the data.
import type { Finding } from '../verify/finding.js';
import type { LayerSummary } from '../verify/verifier.js';
import type { TableReport } from '../report/run-report.js';

/**
 * What buildAttestation() reads. `RunReport` satisfies it as it is; a report of a standalone
 * `verify` command, which reads an existing artefact and has no source or masking run, may leave out
 * `source`, `tables`, `skippedTables`, `rules`, `keyId`, `output` and `target`. Missing parts show up in
 * the attestation as `null` (not checked, not known), never as a made-up zero.
 */
export interface AttestationInput {
  readonly tool: { readonly name: string; readonly version: string };
  readonly runId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** `verify` for a standalone check of an artefact maskgate did not just make; default `run`. */
  readonly kind?: 'run' | 'verify';
  /** The report's own word for the outcome: `published`, `refused`, `failed` (or a verify command's `passed`). */
  readonly result: string;
  readonly exitCode: number;
  readonly keyId?: string;
  readonly rules?: { readonly path: string; readonly sha256: string };
  readonly source?: { readonly engine: string };
  /** The artefact; `sha256`/`bytes` only when there is one to attest (a published run, or the file a verify command read). */
  readonly output?: { readonly path: string | null; readonly published: boolean; readonly sha256?: string; readonly bytes?: number };
  readonly target?: { readonly engine: string; readonly loaded: boolean; readonly rows: number };
  readonly tables?: readonly TableReport[];
  readonly skippedTables?: readonly string[];
  readonly verification?: {
    readonly passed: boolean;
    readonly layers: readonly LayerSummary[];
    readonly findings: readonly Finding[];
    readonly unlistedFindings: number;
  };
  readonly error?: { readonly code: string; readonly message: string };
}

/** Facts about the run that are not in the report: who ran it where, and what the artefact is. */
export interface AttestationExtras {
  /** os.userInfo().username of whoever ran the tool. */
  readonly operator: string;
  /** os.hostname() of the machine it ran on. */
  readonly host: string;
  /** `directory` for csv/jsonl exports; default `dump` for a file, `database` when there was no file. */
  readonly artefactKind?: 'dump' | 'directory' | 'database';
  /** sha256 of the installed tool's package-lock.json, when it ships one. */
  readonly lockfileSha256?: string;
}

/** Ed25519 signature over canonicalJson(the attestation without this field). */
export interface AttestationSignature {
  readonly alg: 'ed25519';
  /** First 16 hex characters of sha256(the public key's SPKI DER). */
  readonly publicKeyId: string;
  /** The 64-byte signature, base64. */
  readonly value: string;
}

/** A finding as the attestation carries it: its location and redacted preview, never its message. */
export interface AttestedFinding {
  readonly id: string;
  readonly severity: 'error' | 'warning';
  readonly detector: string;
  readonly table: string;
  readonly column?: string;
  readonly rowKey?: string;
  readonly preview?: string;
}

/** k-anonymity figures of one table, as the k-anonymity layer measured them. */
export interface AttestedKAnonymityTable {
  readonly table: string;
  readonly quasiIdentifiers: readonly string[];
  /** Quasi-identifier columns that keep real information after masking; only these form the classes. */
  readonly surviving: readonly string[];
  readonly k: number | null;
  readonly rows: number | null;
  readonly classes: number | null;
  readonly minClassSize: number | null;
  readonly classesBelowK: number | null;
  readonly rowsInClassesBelowK: number | null;
  /** Classes per size bucket, in bucket order (`1`, `2`, `3`, `4`, `5-9`, `10-24`, `25+`). */
  readonly distribution: readonly { readonly size: string; readonly classes: number }[];
  /** Set instead of the counts when no real quasi-identifier survives masking. */
  readonly note?: string;
}

/** One of the conditions of dutch-pii.md §5.2 under which the output may count as anonymous for a recipient. */
export interface AnonymityCondition {
  readonly id: 'a' | 'b' | 'c';
  readonly condition: string;
  /** Whether maskgate checked it in this run. */
  readonly checked: boolean;
  /** The outcome when checked; null when not checked. */
  readonly met: boolean | null;
  readonly basis: string;
}

/** The signed run attestation, version 1 (docs/attestation.md). */
export interface Attestation {
  readonly attestationVersion: '1';
  readonly result: 'PASS' | 'FAIL';
  readonly exitCode: number;
  /** The report's outcome word: `published`, `refused`, `failed`, … */
  readonly outcome: string;
  /** What produced it: a masking run, or a standalone `maskgate verify` of an existing artefact. */
  readonly kind: 'run' | 'verify';
  readonly tool: { readonly name: string; readonly version: string; readonly lockfileSha256?: string };
  readonly run: { readonly id: string; readonly startedAt: string; readonly finishedAt: string; readonly operator: string; readonly host: string };
  readonly source: { readonly engine: string; readonly tables: number | null; readonly rows: number | null; readonly skippedTables: readonly string[] } | null;
  readonly target: {
    readonly kind: 'dump' | 'directory' | 'database';
    readonly path: string | null;
    readonly published: boolean;
    /** Digest of the artefact exactly as verified; null when nothing was published. */
    readonly sha256: string | null;
    readonly bytes: number | null;
    readonly database?: { readonly engine: string; readonly loaded: boolean; readonly rows: number };
  };
  readonly ruleset: { readonly path: string; readonly sha256: string } | null;
  /** Which masking secret was used, by its id; the secret itself is never written anywhere. */
  readonly key: { readonly keyId: string } | null;
  readonly coverage: {
    readonly tables: number;
    readonly columnsTotal: number;
    readonly columnsMasked: number;
    readonly columnsDeclaredNonPersonal: number;
    /** Always 0 here: a run with an unclassified column stops before it reads data and writes no report. */
    readonly columnsUnclassified: 0;
    readonly perColumn: readonly { readonly table: string; readonly column: string; readonly masker: string; readonly reason?: string }[];
  } | null;
  readonly verification: {
    readonly passed: boolean;
    readonly layers: readonly { readonly layer: string; readonly checked: number; readonly findings: number }[];
    /** L5: source identifiers found verbatim in the output. `performed` is false when no source fingerprints were at hand. */
    readonly exactMatch: { readonly performed: boolean; readonly checked: number; readonly matches: number; readonly fingerprintMode: string | null; readonly falsePositiveRate: number | null } | null;
    /** L6: generated values outside their masker's safe range. */
    readonly generatorRange: { readonly checked: number; readonly violations: number } | null;
    readonly quasiIdentifiers: {
      /** Smallest configured k over the tables checked. */
      readonly k: number | null;
      /** Smallest class over the tables checked; null when none had a surviving quasi-identifier. */
      readonly minClassSize: number | null;
      readonly classesBelowK: number;
      readonly tables: readonly AttestedKAnonymityTable[];
    } | null;
    readonly findingsCount: { readonly total: number; readonly errors: number; readonly warnings: number; readonly unlisted: number };
    readonly findings: readonly AttestedFinding[];
  } | null;
  readonly residualRisks: readonly string[];
  readonly claims: {
    /** Keyed masking is pseudonymisation for whoever holds the key (GDPR art. 4(5)); the output stays personal data for the controller. */
    readonly pseudonymisedForController: boolean;
    readonly anonymousForRecipient: 'only under the stated assumptions' | 'no claim: nothing was published';
    readonly assumptions: readonly string[];
    readonly conditions: readonly AnonymityCondition[];
  };
  readonly error?: { readonly code: string; readonly message: string };
  /** null: written unsigned (no MASKGATE_SIGNING_KEY), and said so rather than left out. */
  readonly signature: AttestationSignature | null;
}

/** The residual risks every attestation states, whatever the run found. */
export const FIXED_RESIDUAL_RISKS: readonly string[] = [
  'Generated licence plates (kentekens) and phone numbers are valid-looking values; some may coincide with real vehicles or subscribers unrelated to the source rows.',
  'Fake names are drawn from public word lists of common Dutch first names and surnames, so a generated name can be the name of some real, unrelated person.',
  'k-anonymity was measured only over the declared quasi-identifier columns (or, where none were declared, the columns named like a birth date, postcode, gender, nationality or education level); combinations with other columns or with outside data were not assessed.',
  'Free text that was scrubbed by detectors (scrub and json maskers) can still hold identifiers in notations the detectors do not recognise (unusual spellings, identifiers split over words or written out).',
  'Whoever holds the masking secret can recompute the fake of a guessed real value and so confirm it: the output is pseudonymised, not anonymised, in the hands of the key holder.',
];

/** Human names of the pattern detectors' identifier types, for the residual-risk lines. */
const PATTERN_NAMES: Readonly<Record<string, string>> = {
  bsn: 'BSN', iban: 'IBAN', plate: 'licence-plate', email: 'e-mail', phone: 'phone-number', postcode: 'postcode (PC6)', date: 'date-of-birth', name: 'name',
};

/** One line per warning-level finding type: published findings the verifier did not think strong enough to refuse. */
function warningRisks(findings: readonly Finding[]): string[] {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.severity === 'warning') counts.set(f.detector, (counts.get(f.detector) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([detector, n]) => {
    const many = n === 1 ? '1 warning' : `${n} warnings`;
    if (detector === 'content-statistics') {
      return `${many} (content-statistics): kept columns where part of the sampled values look like identifiers (mixed content) were published; check what else those columns hold.`;
    }
    const pattern = /^pattern-(.+)$/.exec(detector);
    if (pattern) {
      const what = PATTERN_NAMES[pattern[1]!] ?? pattern[1]!;
      return `${many} (${detector}): published text holds ${what}-like strings found with low confidence; they may be real identifiers.`;
    }
    return `${many} (${detector}): published with warning-level findings; see the findings list.`;
  });
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numberOrNull = (v: unknown): number | null => (isNumber(v) ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The k-anonymity layer's class-size buckets, in the order k-anonymity.ts defines them. */
const BUCKET_ORDER = ['1', '2', '3', '4', '5-9', '10-24', '25+'];

/** The k-anonymity layer's per-table detail, taken field by field so that nothing unexpected is copied. */
function kTable(raw: unknown): AttestedKAnonymityTable | null {
  if (!isRecord(raw) || typeof raw.table !== 'string') return null;
  const dist = isRecord(raw.distribution) ? raw.distribution : {};
  const sizes = [...BUCKET_ORDER.filter((b) => b in dist), ...Object.keys(dist).filter((b) => !BUCKET_ORDER.includes(b))];
  return {
    table: raw.table,
    quasiIdentifiers: strings(raw.quasiIdentifiers),
    surviving: strings(raw.surviving),
    k: numberOrNull(raw.k),
    rows: numberOrNull(raw.rows),
    classes: numberOrNull(raw.classes),
    minClassSize: numberOrNull(raw.minClassSize),
    classesBelowK: numberOrNull(raw.classesBelowK),
    rowsInClassesBelowK: numberOrNull(raw.rowsInClassesBelowK),
    distribution: sizes.filter((s) => isNumber(dist[s])).map((size) => ({ size, classes: dist[size] as number })),
    ...(typeof raw.note === 'string' ? { note: raw.note } : {}),
  };
}

function quasiIdentifiers(layer: LayerSummary | undefined): NonNullable<Attestation['verification']>['quasiIdentifiers'] {
  if (!layer) return null;
  const tables = (isRecord(layer.detail) && Array.isArray(layer.detail.tables) ? layer.detail.tables : []).map(kTable).filter((t): t is AttestedKAnonymityTable => t !== null);
  const ks = tables.map((t) => t.k).filter(isNumber);
  const mins = tables.map((t) => t.minClassSize).filter(isNumber);
  return {
    k: ks.length > 0 ? Math.min(...ks) : null,
    minClassSize: mins.length > 0 ? Math.min(...mins) : null,
    classesBelowK: tables.reduce((n, t) => n + (t.classesBelowK ?? 0), 0),
    tables,
  };
}

function exactMatch(layer: LayerSummary | undefined): NonNullable<Attestation['verification']>['exactMatch'] {
  if (!layer) return null;
  const fp = isRecord(layer.detail) ? layer.detail.fingerprints : undefined;
  // Without source fingerprints the layer had nothing to compare with: 0 matches would prove nothing.
  const performed = fp !== null && (layer.detail === undefined || isRecord(fp));
  return {
    performed,
    checked: layer.checked,
    matches: layer.findings,
    fingerprintMode: isRecord(fp) && typeof fp.mode === 'string' ? fp.mode : null,
    falsePositiveRate: isRecord(fp) ? numberOrNull(fp.falsePositiveRate) : null,
  };
}

/** A finding with only its location fields: messages are prose and are left to the report. */
function attestedFinding(f: Finding): AttestedFinding {
  return {
    id: f.id, severity: f.severity, detector: f.detector, table: f.table,
    ...(f.column !== undefined ? { column: f.column } : {}),
    ...(f.rowKey !== undefined ? { rowKey: f.rowKey } : {}),
    ...(f.preview !== undefined ? { preview: f.preview } : {}),
  };
}

/**
 * Builds the (unsigned) attestation of one run from its report. Pure: the caller supplies operator,
 * host and the artefact kind, so the same report always gives the same attestation.
 */
export function buildAttestation(report: AttestationInput, extras: AttestationExtras): Attestation {
  const v = report.verification;
  const pass = report.exitCode === 0 && v?.passed === true;
  const layer = (name: string): LayerSummary | undefined => v?.layers.find((l) => l.layer === name);
  const tables = report.tables;
  const columns = tables?.flatMap((t) => t.columns.map((c) => ({ table: t.table, ...c }))) ?? null;
  const kept = columns?.filter((c) => c.masker === 'keep').length ?? 0;
  const output = report.output;
  const kind = extras.artefactKind ?? (output?.path ? 'dump' : report.target ? 'database' : 'dump');

  const verification: Attestation['verification'] = v
    ? {
        passed: v.passed,
        layers: v.layers.map((l) => ({ layer: l.layer, checked: l.checked, findings: l.findings })),
        exactMatch: exactMatch(layer('exact-match')),
        generatorRange: layer('generator-range') ? { checked: layer('generator-range')!.checked, violations: layer('generator-range')!.findings } : null,
        quasiIdentifiers: quasiIdentifiers(layer('k-anonymity')),
        findingsCount: {
          total: v.findings.length + v.unlistedFindings,
          errors: v.findings.filter((f) => f.severity === 'error').length,
          warnings: v.findings.filter((f) => f.severity === 'warning').length,
          unlisted: v.unlistedFindings,
        },
        findings: v.findings.map(attestedFinding),
      }
    : null;

  const em = verification?.exactMatch ?? null;
  const qi = verification?.quasiIdentifiers ?? null;
  const qiChecked = qi !== null && qi.tables.length > 0;
  const qiMet = qiChecked ? qi.tables.every((t) => t.minClassSize === null || t.k === null || t.rows === 0 || t.minClassSize >= t.k) : null;
  const kWords = qi?.k !== null && qi?.k !== undefined ? `k = ${qi.k}` : 'the configured k';
  const conditions: AnonymityCondition[] = [
    {
      id: 'a', condition: 'The masking secret and any mapping never reach the recipient (the EDPB pseudonymisation domain).',
      checked: false, met: null, basis: 'Key custody happens outside the tool; maskgate only records which key was used (key id), never the key.',
    },
    {
      id: 'b', condition: 'No real identifier survives: the exact-match layer (L5) found 0 source identifiers in the output.',
      checked: em?.performed === true, met: em?.performed === true ? em.matches === 0 : null,
      basis: em?.performed === true ? `exact-match layer: ${em.checked} cells checked, ${em.matches} matches.` : 'The exact-match layer did not run against source fingerprints.',
    },
    {
      id: 'c', condition: `The quasi-identifier risk is low: every group of rows sharing their surviving quasi-identifiers has at least ${kWords} rows.`,
      checked: qiChecked, met: qiMet,
      basis: qiChecked ? `k-anonymity layer over ${qi.tables.length} table${qi.tables.length === 1 ? '' : 's'}; smallest group ${qi.minClassSize ?? 'n/a (no real quasi-identifier survives)'}.` : 'No table had quasi-identifier columns to check.',
    },
  ];

  return {
    attestationVersion: '1',
    result: pass ? 'PASS' : 'FAIL',
    exitCode: report.exitCode,
    outcome: report.result,
    kind: report.kind ?? 'run',
    tool: { name: report.tool.name, version: report.tool.version, ...(extras.lockfileSha256 !== undefined ? { lockfileSha256: extras.lockfileSha256 } : {}) },
    run: { id: report.runId, startedAt: report.startedAt, finishedAt: report.finishedAt, operator: extras.operator, host: extras.host },
    source: report.source
      ? {
          engine: report.source.engine,
          tables: tables ? tables.length : null,
          rows: tables ? tables.reduce((n, t) => n + t.rows, 0) : null,
          skippedTables: [...(report.skippedTables ?? [])],
        }
      : null,
    target: {
      kind,
      path: output?.path ?? null,
      published: output?.published ?? false,
      sha256: output?.sha256 ?? null,
      bytes: output?.bytes ?? null,
      ...(report.target ? { database: { engine: report.target.engine, loaded: report.target.loaded, rows: report.target.rows } } : {}),
    },
    ruleset: report.rules ? { path: report.rules.path, sha256: report.rules.sha256 } : null,
    key: report.keyId !== undefined ? { keyId: report.keyId } : null,
    coverage: tables && columns
      ? {
          tables: tables.length,
          columnsTotal: columns.length,
          columnsMasked: columns.length - kept,
          columnsDeclaredNonPersonal: kept,
          columnsUnclassified: 0,
          perColumn: columns.map((c) => ({ table: c.table, column: c.column, masker: c.masker, ...(c.reason !== undefined ? { reason: c.reason } : {}) })),
        }
      : null,
    verification,
    residualRisks: [...FIXED_RESIDUAL_RISKS, ...warningRisks(v?.findings ?? [])],
    claims: {
      pseudonymisedForController: pass,
      anonymousForRecipient: pass ? 'only under the stated assumptions' : 'no claim: nothing was published',
      assumptions: [
        'The masking secret (identified only by its key id) and any mapping are not disclosed to the recipient.',
        'The recipient holds no auxiliary data that could link the records to people.',
        'The exact-match layer found 0 source identifiers in the output.',
        `Every group of rows sharing their surviving quasi-identifiers has at least ${kWords} rows (k ≥ the configured k).`,
      ],
      conditions,
    },
    ...(report.error ? { error: { code: report.error.code, message: report.error.message } } : {}),
    signature: null,
  };
}
