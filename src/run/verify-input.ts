import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadRules } from '../config/load-rules.js';
import type { RulesFile } from '../config/rules-file.js';
import { decodeCopyField, encodeCopyField } from '../db/postgres/postgres-copy-codec.js';
import { qualifiedName, type ColumnKind, type EngineName, type SchemaInfo, type TableInfo } from '../db/table-info.js';
import { csvFormat } from '../dump/csv-format.js';
import type { Manifest } from '../dump/directory-export.js';
import { jsonlFormat } from '../dump/jsonl-format.js';
import { MANIFEST_FILE } from '../sinks/staged-dir.js';
import { openSource } from '../sources/open-source.js';
import type { DumpEvent, DumpFormat } from '../dump/dump-format.js';
import { readDumpSchema, readSqlDump, type DumpTable } from '../dump/sql-dump-reader.js';
import { MaskgateError } from '../errors.js';
import type { ReportVerification } from '../report/run-report.js';
import { KeyedPrf } from '../keyed/keyed-prf.js';
import { maskerRegistry } from '../maskers/masker-registry.js';
import { readFingerprintFile, type FingerprintFileHeader } from '../verify/fingerprint-file.js';
import { allowSet } from '../verify/pattern-scan.js';
import { SourceFingerprints } from '../verify/source-fingerprints.js';
import { verifyStagedDump, type ExpectedTable, type LayerSummary } from '../verify/verifier.js';
import { expectedTable, unplannedTable } from './expected-table.js';
import { planRun, type RunPlan } from './plan-run.js';
import { classifyColumnName } from '../detectors/column-name.js';
import { TOOL_VERSION } from './tool-version.js';

/** Options of verifyInput(). */
export interface VerifyInputOptions {
  /** A plain SQL dump (pg_dump, mysqldump or maskgate), optionally gzipped, or a maskgate csv/jsonl export directory. */
  readonly inputPath?: string | undefined;
  /** Or a live database, read in one read-only snapshot transaction. */
  readonly targetUrl?: string | undefined;
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
  /** What was read: a file or export directory (with the sha256 of every byte read), or a database (`database`, no digest). */
  readonly input: { readonly path: string; readonly kind: 'dump' | 'directory' | 'database'; readonly sha256?: string; readonly bytes?: number; readonly engine?: EngineName | null };
  readonly rules?: { readonly path: string; readonly sha256: string };
  /** The fingerprint file's header (counts, key id, false-positive rate); no fingerprints. */
  readonly fingerprints?: FingerprintFileHeader;
  readonly tables: readonly { readonly table: string; readonly rows: number }[];
  readonly timings?: { readonly verifyMs: number };
  readonly verification?: ReportVerification;
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
  if ((opts.inputPath === undefined) === (opts.targetUrl === undefined)) {
    throw new MaskgateError('USAGE', 'Give exactly one of --input PATH and --target URL.', {}, 'maskgate verify --input masked.sql   or   maskgate verify --target postgres://test-db/app');
  }
  if (opts.fingerprintsPath && opts.secret === null) {
    throw new MaskgateError('SECRET_MISSING', '--fingerprints needs MASKGATE_SECRET: the fingerprints are keyed, and only the production side\'s secret makes them comparable.', {}, 'Set MASKGATE_SECRET to the secret `maskgate fingerprint` ran with.');
  }
  const prf = new KeyedPrf(opts.secret ?? randomBytes(32));
  const fp = opts.fingerprintsPath ? await readFingerprintFile(opts.fingerprintsPath, prf.keyId, opts.secret!) : null;
  const sourceFingerprints = fp ? new SourceFingerprints(fp.set, new KeyedPrf(opts.secret!), { prefilter: false }) : null;
  const rules: RulesFile | null = opts.rulesPath ? await loadRules(opts.rulesPath, opts.env, { sourceGiven: true }) : null;
  const input = opts.targetUrl !== undefined ? await databaseInput(opts.targetUrl) : await fileInput(resolve(opts.inputPath!), opts.inputPath!);
  try {
    return await verifyOpened(opts, input, { prf, fp, sourceFingerprints, rules, startedAt, started });
  } finally {
    await input.close();
  }
}

/** One thing verify can read: its events in some field codec, and the tables it holds. */
interface OpenedInput {
  readonly kind: VerifyReport['input']['kind'];
  /** For findings and the report: the file path, or the database URL without its password. */
  readonly label: string;
  readonly path: string;
  readonly bytes?: number;
  engine: EngineName | null;
  readonly format: DumpFormat;
  /** Every table, before reading rows (a first pass over a file); for --config. */
  schema(): Promise<SchemaInfo>;
  /** The row layout of a data block's target, once it has been seen. */
  tableOf(target: string): { name: string; columns: readonly { name: string; kind: ColumnKind }[]; primaryKey: readonly string[] } | null;
  close(): Promise<void>;
}

async function fileInput(path: string, given: string): Promise<OpenedInput> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new MaskgateError('USAGE', `--input ${given} does not exist.`, { path: given });
  if (info.isDirectory()) return directoryInput(path, given);
  if (!info.isFile()) throw new MaskgateError('USAGE', `--input ${given} is neither a file nor a directory.`, { path: given });
  const found = new Map<string, DumpTable>();
  const input: OpenedInput = {
    kind: 'dump', label: path, path, bytes: info.size, engine: null,
    format: {
      codec: { decode: decodeCopyField, encode: encodeCopyField },
      restoreHint: '',
      async *read(p, digest) {
        for await (const batch of readSqlDump(p, digest, { onDialect: (d) => (input.engine ??= d) })) {
          yield batch.map((ev): DumpEvent => {
            if (ev.kind !== 'data-start') return ev;
            found.set(key(ev.table), ev.table);
            return { kind: 'data-start', target: key(ev.table) };
          });
        }
      },
    },
    async schema() {
      const s = await readDumpSchema(path);
      input.engine = s.dialect;
      if (s.tables.length === 0) throw new MaskgateError('USAGE', `${given} declares no table: it is not a plain SQL dump verify can read.`, { path: given });
      return { engine: s.dialect ?? 'postgres', defaultSchema: s.tables[0]!.schema, tables: s.tables.map(tableInfo) };
    },
    tableOf: (target) => {
      const t = found.get(target);
      return t ? { name: target, columns: t.columns, primaryKey: t.primaryKey } : null;
    },
    close: async () => undefined,
  };
  return input;
}

/** A maskgate csv/jsonl export directory: tables and columns from its manifest; every value is text there. */
async function directoryInput(path: string, given: string): Promise<OpenedInput> {
  const manifest = await readFile(join(path, MANIFEST_FILE), 'utf8').then((t) => JSON.parse(t) as Manifest).catch(() => null);
  if (manifest?.maskgate !== 'export' || !Array.isArray(manifest.tables)) {
    throw new MaskgateError('USAGE', `--input ${given} is a directory without a maskgate export manifest (${MANIFEST_FILE}).`, { path: given }, 'verify reads plain SQL dump files, and csv/jsonl directories written by `maskgate run --format`.');
  }
  const byTarget = new Map(manifest.tables.map((t) => [`${t.table} (${t.columns.join(', ')})`, t]));
  const tables: TableInfo[] = manifest.tables.map((t) => {
    const [schema, name] = t.table.includes('.') ? (t.table.split('.', 2) as [string, string]) : ['public', t.table];
    return { schema, name, columns: t.columns.map((c: string) => ({ name: c, sqlType: 'text', kind: 'text' as const, nullable: true, unique: false })), primaryKey: [], estimatedRows: t.rows, references: [] };
  });
  return {
    kind: 'directory', label: path, path, engine: null,
    format: manifest.format === 'jsonl' ? jsonlFormat : csvFormat,
    schema: async () => ({ engine: 'postgres', defaultSchema: tables[0]?.schema ?? 'public', tables }),
    tableOf: (target) => {
      const t = byTarget.get(target);
      return t ? { name: t.table, columns: t.columns.map((c: string) => ({ name: c, kind: 'text' as const })), primaryKey: [] } : null;
    },
    close: async () => undefined,
  };
}

/** A live database, through the same read-only snapshot a run's source uses; nothing is ever written to it. */
async function databaseInput(url: string): Promise<OpenedInput> {
  const source = await openSource(url);
  let info: SchemaInfo;
  try {
    info = await source.introspect();
  } catch (err) {
    await source.close();
    throw err;
  }
  const byTarget = new Map(info.tables.map((t) => [qualifiedName(t), t]));
  // Only what names the database: no password, no query (?password=, sslpassword, …).
  const safe = new URL(url);
  safe.password = '';
  safe.search = '';
  return {
    kind: 'database', label: safe.toString(), path: safe.toString(), engine: source.engine,
    format: {
      codec: source.format.codec,
      restoreHint: '',
      async *read() {
        for (const t of info.tables) {
          yield [{ kind: 'data-start', target: qualifiedName(t) }];
          for await (const batch of source.readTable(t)) yield batch.map((fields): DumpEvent => ({ kind: 'row', fields: [...fields] }));
          yield [{ kind: 'data-end' }];
        }
        // A snapshot read to its end is complete by construction.
        yield [{ kind: 'trailer' }];
      },
    },
    schema: async () => info,
    tableOf: (target) => {
      const t = byTarget.get(target);
      return t ? { name: target, columns: t.columns, primaryKey: t.primaryKey } : null;
    },
    close: () => source.close(),
  };
}

/** The classification layer of a rule-less check: what each column's name says it holds (dutch-pii.md §0.4 L2). */
function classifyByName(tables: readonly { table: string; target: string }[], input: OpenedInput): LayerSummary {
  const byName: Record<string, string> = {};
  let checked = 0;
  for (const { table, target } of tables) {
    for (const c of input.tableOf(target)?.columns ?? []) {
      checked++;
      const cls = classifyColumnName(c.name);
      if (cls) byName[`${table}.${c.name}`] = cls;
    }
  }
  return { layer: 'classification', checked, findings: 0, detail: { byName, note: 'Without --config no column is known to be kept, so names only classify; the other layers judge the values.' } };
}

/** Runs the layers over an opened input and builds the report. */
async function verifyOpened(
  opts: VerifyInputOptions,
  input: OpenedInput,
  ctx: { prf: KeyedPrf; fp: { header: FingerprintFileHeader } | null; sourceFingerprints: SourceFingerprints | null; rules: RulesFile | null; startedAt: string; started: number },
): Promise<VerifyReport> {
  const { prf, fp, sourceFingerprints, rules, startedAt, started } = ctx;
  const planned = new Map<string, ExpectedTable>();
  let classification: { checked: number; flagged: RunPlan['keptButLooksPersonal'] } | undefined;
  if (rules) {
    const schema = await input.schema();
    const tables = [...schema.tables];
    const defaultSchema = schema.defaultSchema;
    // A table the rules skip is not in a masked dump: stand-ins let its rule match something.
    const present = new Set(tables.map(key));
    for (const [name, rule] of rules.tables) {
      const [s, n] = name.includes('.') ? name.split('.', 2) as [string, string] : [defaultSchema, name];
      if (rule.kind === 'skip' && !present.has(`${s}.${n}`)) tables.push({ schema: s, name: n, columns: [], primaryKey: [], estimatedRows: 0, references: [] });
    }
    // Coverage gaps between the rules and the input are configuration errors (exit 2), as in a run.
    const plan = planRun(rules, { ...schema, tables }, maskerRegistry, prf);
    classification = { checked: plan.keptColumns, flagged: plan.keptButLooksPersonal };
    for (const tp of plan.tables) {
      const target = input.kind === 'directory' ? `${key(tp.table)} (${tp.table.columns.map((c) => c.name).join(', ')})` : key(tp.table);
      planned.set(target, expectedTable(tp, target, -1));
    }
  }

  let result: Awaited<ReturnType<typeof verifyStagedDump>>;
  try {
    result = await verifyStagedDump({
      dumpPath: input.path,
      prf,
      format: input.format,
      tables: [...planned.values()],
      discover: (target) => {
        const t = input.tableOf(target);
        return t ? unplannedTable(t, target) : null;
      },
      allowed: allowSet(rules?.allow),
      sourceFingerprints,
      ...(classification ? { classification } : {}),
    });
  } catch (err) {
    // zlib's errors (a truncated or corrupt .gz) and file errors say nothing about data: name them.
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_')) throw new MaskgateError('IO', `${input.label} is not a complete gzip file (${code}): it was cut short or damaged.`, { path: input.label });
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new MaskgateError('IO', `Cannot read ${input.label} (${code}).`, { path: input.label });
    throw err;
  }
  // Without rules nothing is known to be kept: the name classification is reported, not judged.
  const layers = classification ? result.layers : result.layers.map((l) => (l.layer === 'classification' ? classifyByName(result.tables, input) : l));
  if (result.tables.length === 0 && input.kind !== 'database') {
    throw new MaskgateError('USAGE', `${input.label} holds no table data verify can read (COPY … FROM stdin blocks or INSERT … VALUES statements).`, { path: input.label }, 'Pass a plain SQL dump: pg_dump -Fp (the default) or mysqldump; gzip is fine. Custom/directory pg_dump formats must be converted with pg_restore -f first.');
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
    input: { path: input.label, kind: input.kind, ...(input.kind !== 'database' ? { sha256: result.sha256 } : {}), ...(input.bytes !== undefined ? { bytes: input.bytes } : {}), engine: input.engine },
    ...(rules ? { rules: { path: rules.path, sha256: rules.sha256 } } : {}),
    ...(fp ? { fingerprints: fp.header } : {}),
    tables: result.tables.map(({ table, rows }) => ({ table, rows })),
    timings: { verifyMs: Math.round(performance.now() - started) },
    verification: { passed: result.passed, layers, findings: result.findings, unlistedFindings: result.unlistedFindings, unlistedErrors: result.unlistedErrors },
    scope,
  };
}
