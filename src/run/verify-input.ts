import { randomBytes, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadRules } from '../config/load-rules.js';
import type { RulesFile } from '../config/rules-file.js';
import { decodeCopyField, encodeCopyField } from '../db/postgres/postgres-copy-codec.js';
import type { EngineName, SchemaInfo, TableInfo } from '../db/table-info.js';
import type { DumpEvent, DumpFormat } from '../dump/dump-format.js';
import { readDumpSchema, readSqlDump, type DumpTable } from '../dump/sql-dump-reader.js';
import { MaskgateError } from '../errors.js';
import { KeyedPrf } from '../keyed/keyed-prf.js';
import { maskerRegistry } from '../maskers/masker-registry.js';
import type { Finding } from '../verify/finding.js';
import { readFingerprintFile, type FingerprintFileHeader } from '../verify/fingerprint-file.js';
import { allowSet } from '../verify/pattern-scan.js';
import { SourceFingerprints } from '../verify/source-fingerprints.js';
import { verifyStagedDump, type ExpectedTable, type LayerSummary } from '../verify/verifier.js';
import { expectedTable, unplannedTable } from './expected-table.js';
import { planRun } from './plan-run.js';
import { TOOL_VERSION } from './tool-version.js';

/** Options of verifyInput(). */
export interface VerifyInputOptions {
  /** A plain SQL dump (pg_dump, mysqldump or maskgate), optionally gzipped. */
  readonly inputPath: string;
  /** Rules the dump was masked with: each column is then judged by its masker, as in a run. */
  readonly rulesPath?: string | undefined;
  /** A fingerprint file of the production data: enables the exact-match layer. */
  readonly fingerprintsPath?: string | undefined;
  /** MASKGATE_SECRET, needed with fingerprints; without it finding ids use a throwaway key. */
  readonly secret: Uint8Array | null;
  readonly env: NodeJS.ProcessEnv;
}

/** Versioned JSON report of `maskgate verify`: locations, counts and redacted previews, never values. */
export interface VerifyReport {
  readonly reportVersion: 1;
  readonly kind: 'verify';
  readonly tool: { readonly name: 'maskgate'; readonly version: string };
  readonly runId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly result: 'passed' | 'refused' | 'failed';
  readonly exitCode: number;
  /** Key of MASKGATE_SECRET when given (it must match the fingerprints' key). */
  readonly keyId: string | null;
  readonly input: { readonly path: string; readonly sha256?: string; readonly bytes?: number; readonly engine?: EngineName | null };
  readonly rules?: { readonly path: string; readonly sha256: string };
  /** The fingerprint file's header (counts, key id, false-positive rate); no fingerprints. */
  readonly fingerprints?: FingerprintFileHeader;
  readonly tables: readonly { readonly table: string; readonly rows: number }[];
  readonly timings?: { readonly verifyMs: number };
  readonly verification?: {
    readonly passed: boolean;
    readonly layers: readonly LayerSummary[];
    readonly findings: readonly Finding[];
    readonly unlistedFindings: number;
  };
  /** What this verification could and could not judge, for the reader of the report. */
  readonly scope: readonly string[];
  readonly error?: { readonly code: string; readonly message: string };
}

/** A dump table as the planner's TableInfo: what the dump does not say (nullability, uniqueness) is left open. */
function tableInfo(t: DumpTable): TableInfo {
  return {
    schema: t.schema,
    name: t.name,
    columns: t.columns.map((c) => ({ name: c.name, sqlType: c.sqlType, kind: c.kind, nullable: true, unique: false })),
    primaryKey: t.primaryKey,
    estimatedRows: 0,
    references: [],
  };
}

const key = (t: { schema: string; name: string }): string => `${t.schema}.${t.name}`;

/**
 * `maskgate verify`: checks a dump it may not have written, read-only. Without rules it runs the
 * pattern, content, name-classification and quasi-identifier layers, judging values by maskgate's
 * generator ranges; with rules, every column is judged by its masker as in a run; with a
 * fingerprint file (and the same secret), every cell is also matched against production values.
 * Findings are data (exit 1); unusable inputs throw MaskgateError (exit 2 or 3).
 */
export async function verifyInput(opts: VerifyInputOptions): Promise<VerifyReport> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const inputPath = resolve(opts.inputPath);
  const info = await stat(inputPath).catch(() => null);
  if (!info) throw new MaskgateError('USAGE', `--input ${opts.inputPath} does not exist.`, { path: opts.inputPath });
  if (!info.isFile()) throw new MaskgateError('USAGE', `--input ${opts.inputPath} is not a file: verify reads a plain SQL dump (optionally gzipped).`, { path: opts.inputPath }, 'For a maskgate csv/jsonl export, verify the SQL dump of the same run instead.');
  if (opts.fingerprintsPath && opts.secret === null) {
    throw new MaskgateError('SECRET_MISSING', '--fingerprints needs MASKGATE_SECRET: the fingerprints are keyed, and only the production side\'s secret makes them comparable.', {}, 'Set MASKGATE_SECRET to the secret `maskgate fingerprint` ran with.');
  }
  const prf = new KeyedPrf(opts.secret ?? randomBytes(32));
  const fp = opts.fingerprintsPath ? await readFingerprintFile(opts.fingerprintsPath, prf.keyId) : null;
  const sourceFingerprints = fp ? new SourceFingerprints(fp.set, new KeyedPrf(opts.secret!), { prefilter: false }) : null;
  const rules: RulesFile | null = opts.rulesPath ? await loadRules(opts.rulesPath, opts.env, { sourceGiven: true }) : null;

  let engine: EngineName | null = null;
  const planned = new Map<string, ExpectedTable>();
  if (rules) {
    const schema = await readDumpSchema(inputPath);
    engine = schema.dialect;
    if (schema.tables.length === 0) throw new MaskgateError('USAGE', `${opts.inputPath} declares no table: it is not a plain SQL dump verify can read.`, { path: opts.inputPath });
    const defaultSchema = schema.tables[0]!.schema;
    const tables = schema.tables.map(tableInfo);
    // A table the rules skip is not in a masked dump: stand-ins let its rule match something.
    const present = new Set(tables.map(key));
    for (const [name, rule] of rules.tables) {
      const [s, n] = name.includes('.') ? name.split('.', 2) as [string, string] : [defaultSchema, name];
      if (rule.kind === 'skip' && !present.has(`${s}.${n}`)) tables.push({ schema: s, name: n, columns: [], primaryKey: [], estimatedRows: 0, references: [] });
    }
    const info: SchemaInfo = { engine: engine ?? 'postgres', defaultSchema, tables };
    // Coverage gaps between the rules and the dump are configuration errors (exit 2), as in a run.
    const plan = planRun(rules, info, maskerRegistry, prf);
    for (const tp of plan.tables) planned.set(key(tp.table), expectedTable(tp, key(tp.table), -1));
  }

  const found = new Map<string, DumpTable>();
  const format: DumpFormat = {
    codec: { decode: decodeCopyField, encode: encodeCopyField },
    restoreHint: '',
    async *read(path, digest) {
      for await (const batch of readSqlDump(path, digest, { onDialect: (d) => (engine ??= d) })) {
        yield batch.map((ev): DumpEvent => {
          if (ev.kind !== 'data-start') return ev;
          found.set(key(ev.table), ev.table);
          return { kind: 'data-start', target: key(ev.table) };
        });
      }
    },
  };
  const result = await verifyStagedDump({
    dumpPath: inputPath,
    prf,
    format,
    tables: [...planned.values()],
    discover: (target) => {
      const t = found.get(target);
      return t ? unplannedTable({ name: target, columns: t.columns, primaryKey: t.primaryKey }, target) : null;
    },
    allowed: allowSet(rules?.allow),
    sourceFingerprints,
  });
  if (result.tables.length === 0) {
    throw new MaskgateError('USAGE', `${opts.inputPath} holds no table data verify can read (COPY … FROM stdin blocks or INSERT … VALUES statements).`, { path: opts.inputPath }, 'Pass a plain SQL dump: pg_dump -Fp (the default) or mysqldump; gzip is fine. Custom/directory pg_dump formats must be converted with pg_restore -f first.');
  }
  const scope = [
    rules ? `Columns judged by the rules in ${rules.path} (their maskers' ranges and patterns).` : 'No rules given: values are judged by maskgate\'s generator ranges; phone numbers, plates, postcodes and dates look the same masked or real, so they are warnings only.',
    fp ? `Exact match against ${fp.header.count} production fingerprints (${fp.header.mode}).` : 'No fingerprints given: production values without a recognisable pattern (names, e-mail addresses on reserved domains) cannot be matched.',
  ];
  const exitCode = result.passed ? 0 : 1;
  return {
    reportVersion: 1,
    kind: 'verify',
    tool: { name: 'maskgate', version: TOOL_VERSION },
    runId: randomUUID(),
    startedAt,
    finishedAt: new Date().toISOString(),
    result: result.passed ? 'passed' : 'refused',
    exitCode,
    keyId: opts.secret ? prf.keyId : null,
    input: { path: inputPath, sha256: result.sha256, bytes: info.size, engine },
    ...(rules ? { rules: { path: rules.path, sha256: rules.sha256 } } : {}),
    ...(fp ? { fingerprints: fp.header } : {}),
    tables: result.tables,
    timings: { verifyMs: Math.round(performance.now() - started) },
    verification: { passed: result.passed, layers: result.layers, findings: result.findings, unlistedFindings: result.unlistedFindings },
    scope,
  };
}
