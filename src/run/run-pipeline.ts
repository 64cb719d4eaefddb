import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { loadRules } from '../config/load-rules.js';
import type { RulesFile } from '../config/rules-file.js';
import { qualifiedName } from '../db/table-info.js';
import { MaskgateError } from '../errors.js';
import { KeyedPrf } from '../keyed/keyed-prf.js';
import { maskerRegistry } from '../maskers/masker-registry.js';
import type { CellValue, RowContext } from '../maskers/masker.js';
import { writeReport, type RunReport, type TableReport } from '../report/run-report.js';
import { removeStaleStagedFiles, StagedFile } from '../sinks/staged-file.js';
import { StagedDir } from '../sinks/staged-dir.js';
import { csvDumpWriter, csvFormat } from '../dump/csv-format.js';
import { jsonlDumpWriter, jsonlFormat } from '../dump/jsonl-format.js';
import { registerStaged, unregisterStaged } from '../sinks/staged-files.js';
import { engineOf, openSource } from '../sources/open-source.js';
import { mysqlConnectionOptions } from '../sources/mysql-source.js';
import { loadMysqlTarget } from '../targets/mysql-target.js';
import { loadPostgresTarget } from '../targets/postgres-target.js';
import type { LoadResult } from '../targets/target.js';
import type { FieldCodec, Source } from '../sources/source.js';
import type { DumpWriter } from '../dump/dump-format.js';
import { FingerprintBatch, leakHash, newLogSeal } from '../verify/fingerprint-log.js';
import { DEFAULT_FINGERPRINT_BUDGET_BYTES, FingerprintSet } from '../verify/fingerprint-set.js';
import { SourceFingerprints } from '../verify/source-fingerprints.js';
import { writeFingerprintFile } from '../verify/fingerprint-file.js';
import { LEAK_TAGS } from '../verify/leak-tokens.js';
import { allowSet } from '../verify/pattern-scan.js';
import { verifyStagedDump, type VerifyResult } from '../verify/verifier.js';
import { expectedTable } from './expected-table.js';
import { planRun, type RunPlan, type TablePlan } from './plan-run.js';
import { TOOL_VERSION } from './tool-version.js';
import type { ExitCode } from '../cli/exit-codes.js';

/** Receives progress; the CLI draws bars on a TTY and prints nothing otherwise. */
export interface ProgressListener {
  tableStart(table: string, estimatedRows: number): void;
  rows(count: number): void;
  tableEnd(table: string, rows: number): void;
  done(): void;
}

/** Options of runPipeline(); the CLI wrapper fills them from flags and the environment. */
export interface RunOptions {
  readonly rulesPath: string;
  /** --source; falls back to MASKGATE_SOURCE, then the rules file's `source`. */
  readonly sourceUrl?: string | undefined;
  /** The dump file to publish; optional when a target database is given. */
  readonly outPath?: string | undefined;
  /** Defaults to `<out>.report.json`, or `maskgate.report.json` when only a target is given. */
  readonly reportPath?: string | undefined;
  /** --target: a database of the source's engine that receives the verified dump by an atomic swap. */
  readonly targetUrl?: string | undefined;
  /** Where the private (0700) staging directory is made; default the system temp dir. */
  readonly stagingDir?: string | undefined;
  /** Keep the target's previous contents as a dated backup schema/database. */
  readonly keepPrevious?: boolean | undefined;
  /** `sql` (default: the source engine's dump), or a directory of one `csv` / `jsonl` file per table. */
  readonly format?: OutputFormat | undefined;
  readonly secret: Uint8Array;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  readonly progress?: ProgressListener | undefined;
  /** Loaded rules, when the caller already has them (the demo). */
  readonly rules?: RulesFile;
  /** Also write the source's L5 fingerprints here (for `verify --fingerprints`), once the source has been read. */
  readonly emitFingerprintsPath?: string | undefined;
}

/** Output formats of `run --format`. */
export const OUTPUT_FORMATS = ['sql', 'csv', 'jsonl'] as const;
/** One of OUTPUT_FORMATS. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Outcome of a run: published, refused with findings, or failed; see `exitCode`. */
export interface RunResult {
  readonly exitCode: ExitCode;
  readonly report: RunReport;
  readonly reportPath: string;
  readonly outPath: string | null;
  readonly verification: VerifyResult | null;
  readonly error: MaskgateError | null;
}

/** Picks the source URL: flag, then MASKGATE_SOURCE, then the rules file. */
export function resolveSourceUrl(flag: string | undefined, env: NodeJS.ProcessEnv, rules: RulesFile): string {
  const url = flag ?? (env.MASKGATE_SOURCE || undefined) ?? rules.source;
  if (!url) {
    throw new MaskgateError('SOURCE_MISSING', 'No source database given.', {}, 'Pass --source URL, set MASKGATE_SOURCE, or put `source: ${PROD_DATABASE_URL}` in the rules file.');
  }
  return url;
}

/**
 * Streams every covered table out of the source, masks it into a staged dump, verifies the
 * staged file as read back from disk, and publishes it by atomic rename only when verification
 * passes. Configuration and coverage problems throw (exit 2) before anything is created; after
 * that, failures and findings are returned as a result with the staged files removed.
 */
export async function runPipeline(opts: RunOptions): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const runId = randomUUID();
  const rules = opts.rules ?? (await loadRules(opts.rulesPath, opts.env, { sourceGiven: Boolean(opts.sourceUrl || opts.env.MASKGATE_SOURCE) }));
  const url = resolveSourceUrl(opts.sourceUrl, opts.env, rules);
  const prf = new KeyedPrf(opts.secret);
  if (!opts.outPath && !opts.targetUrl) throw new MaskgateError('USAGE', 'Nothing to publish to: give --out FILE, --target URL, or both.', {}, 'maskgate run -c rules.yaml -s SOURCE -o masked.sql   or   … --target TARGET_URL');
  const sourceEngine = engineOf(url);
  if (opts.targetUrl && engineOf(opts.targetUrl, 'target') !== sourceEngine) {
    throw new MaskgateError('USAGE', `Cross-engine loads (${sourceEngine} → ${engineOf(opts.targetUrl, 'target')}) are out of scope: --target must be the same engine as the source.`, {}, 'Write a dump with --out and convert it yourself, or load into a target of the source\'s engine.');
  }
  const format = opts.format ?? 'sql';
  if (format !== 'sql' && opts.targetUrl) throw new MaskgateError('USAGE', `--target loads the engine's SQL dump; --format ${format} works with --out only.`, {}, 'Drop --format, or drop --target and give --out DIR.');
  if (format !== 'sql' && !opts.outPath) throw new MaskgateError('USAGE', `--format ${format} writes a directory: give it with --out DIR.`);
  // A target URL that can never work (unknown parameters, no database) fails now, not after the masking run.
  if (opts.targetUrl && sourceEngine === 'mysql') mysqlConnectionOptions(opts.targetUrl, 'target');
  const outPath = opts.outPath ? resolve(opts.outPath) : null;
  const reportPath = resolve(opts.reportPath ?? (opts.outPath ? `${opts.outPath}.report.json` : 'maskgate.report.json'));
  const log = opts.logger.child({ runId });
  if (outPath) {
    if (format === 'sql') await checkOutputPath(outPath);
    else await checkOutputDir(outPath);
    const stale = await removeStaleStagedFiles(outPath);
    if (stale > 0) log.warn({ removed: stale, dir: dirname(outPath) }, 'removed temporary files of an earlier run that was killed');
    if (reportPath === outPath) throw new MaskgateError('USAGE', '--report must differ from --out.', {}, 'Leave --report out to get <out>.report.json.');
  }
  if (opts.emitFingerprintsPath) await checkNewFilePath(resolve(opts.emitFingerprintsPath), '--emit-fingerprints');
  if (opts.stagingDir && !(await stat(opts.stagingDir).catch(() => null))?.isDirectory()) {
    throw new MaskgateError('USAGE', `--staging-dir ${opts.stagingDir} is not a directory.`, { path: opts.stagingDir });
  }

  // Filled while the tables are read: L5's fingerprints, and the names scrub looks for in later tables.
  const sourceFps = new SourceFingerprints(new FingerprintSet({ budgetBytes: fingerprintBudget(rules) }), new KeyedPrf(opts.secret));
  const source = await openSource(url);
  let plan: RunPlan;
  let writer: DumpWriter;
  try {
    const schema = await source.introspect();
    plan = planRun(rules, schema, maskerRegistry, prf, (canon) => sourceFps.contains(LEAK_TAGS.name, canon));
    const tables = plan.tables.map((t) => t.table);
    // The fingerprint table sized once from the planner's row estimates, not doubled as it fills.
    sourceFps.reserve(plan.tables.reduce((n, tp) => n + Math.max(0, tp.table.estimatedRows) * fingerprintsPerRow(tp), 0));
    writer = format === 'csv' ? csvDumpWriter(source.format.codec, tables) : format === 'jsonl' ? jsonlDumpWriter(source.format.codec, tables) : source.dumpWriter(tables);
  } catch (err) {
    await source.close();
    throw err;
  }
  log.info({ tables: plan.tables.length, skipped: plan.skipped.length }, 'plan ready');

  const tableReports: TableReport[] = [];
  const rowCounts = new Map<string, number>();
  let staged: StagedFile | StagedDir | null = null;
  let fingerprints: StagedFile | null = null;
  let scratchDir: string | null = null;
  let verification: VerifyResult | null = null;
  let error: MaskgateError | null = null;
  let published = false;
  let loaded: LoadResult | null = null;
  let emitted: { path: string; count: number; mode: string } | null = null;
  const timings: { maskMs: number; verifyMs?: number; loadMs?: number } = { maskMs: 0 };
  try {
    // mkdtemp makes it 0700: the staged dump in it holds data before it is verified.
    scratchDir = await mkdtemp(join(resolve(opts.stagingDir ?? tmpdir()), 'maskgate-'));
    registerStaged(scratchDir);
    staged = writer.layout ? await StagedDir.create(outPath!) : await StagedFile.create(outPath, outPath ? undefined : join(scratchDir, 'masked.sql'));
    fingerprints = await StagedFile.create(null, join(scratchDir, 'source-fingerprints.bin'));
    const seal = newLogSeal();
    // One batch for the whole run: it holds the one CTR keystream the reader decrypts with.
    const fps = new FingerprintBatch(seal);

    const maskStart = performance.now();
    await staged.write(writer.head());
    for (const tp of plan.tables) {
      const name = qualifiedName(tp.table);
      opts.progress?.tableStart(name, tp.table.estimatedRows);
      const rows = await copyTable(tp, source, writer, fps, sourceFps, staged, fingerprints, opts.progress);
      rowCounts.set(name, rows);
      opts.progress?.tableEnd(name, rows);
      log.info({ table: name, rows }, 'table masked');
      tableReports.push({ table: name, rows, columns: tp.columns.map((c) => {
        const reason = c.masker.name === 'keep' ? (c.rule.params as { reason?: string }).reason : undefined;
        return { column: c.column.name, masker: c.masker.name, ...(reason !== undefined ? { reason } : {}) };
      }) });
    }
    if (writer.layout && staged instanceof StagedDir) await staged.startFile(writer.layout.manifest);
    await staged.write(writer.tail());
    await staged.finish();
    await fingerprints.finish();
    await source.close();
    opts.progress?.done();
    timings.maskMs = Math.round(performance.now() - maskStart);
    const verifyStart = performance.now();

    verification = await verifyStagedDump({
      dumpPath: staged.path,
      fingerprintPath: fingerprints.path,
      seal,
      prf,
      format: format === 'csv' ? csvFormat : format === 'jsonl' ? jsonlFormat : source.format,
      tables: plan.tables.map((tp) => expectedTable(tp, writer.target(tp.table), rowCounts.get(qualifiedName(tp.table)) ?? 0)),
      classification: { checked: plan.keptColumns, flagged: plan.keptButLooksPersonal },
      allowed: allowSet(rules.allow),
      sourceFingerprints: sourceFps,
    });
    timings.verifyMs = Math.round(performance.now() - verifyStart);
    log.info({ passed: verification.passed, findings: verification.findings.length + verification.unlistedFindings }, 'verification done');
    if (verification.passed) {
      // Only a run that passed writes anything; the file is the production side's part of a gate.
      if (opts.emitFingerprintsPath) {
        const header = await writeFingerprintFile(resolve(opts.emitFingerprintsPath), sourceFps.set, { keyId: prf.keyId, secret: opts.secret, source: { engine: source.engine, tables: plan.tables.length, rows: [...rowCounts.values()].reduce((a, b) => a + b, 0) } });
        emitted = { path: resolve(opts.emitFingerprintsPath), count: header.count, mode: header.mode };
        log.info(emitted, 'fingerprints written');
      }
      // The target gets its first byte only now, after verification; the file is published after the load.
      if (opts.targetUrl) {
        const loadStart = performance.now();
        const req = { dumpPath: staged.path, sha256: verification.sha256, tables: plan.tables.map((t) => t.table), keepPrevious: opts.keepPrevious ?? false, startedAt: new Date(startedAt) };
        loaded = sourceEngine === 'postgres' ? await loadPostgresTarget(opts.targetUrl, req) : await loadMysqlTarget(opts.targetUrl, req);
        timings.loadMs = Math.round(performance.now() - loadStart);
        log.info({ rows: loaded.rows, previous: loaded.previous }, 'target loaded');
      }
      if (outPath) await staged.publish();
      published = true;
    }
  } catch (err) {
    opts.progress?.done();
    error = err instanceof MaskgateError ? err : new MaskgateError('INTERNAL', 'Unexpected internal error; nothing was published.', {}, 'Run again with --log-level debug and report the error code and stack (it holds no data).');
    // The stack's first line is the error message, which may quote a value: log the frames only.
    if (!(err instanceof MaskgateError)) log.error({ err: { type: (err as Error)?.name, frames: (err as Error)?.stack?.split('\n').slice(1).join('\n') } }, 'internal error');
  } finally {
    await source.close();
    if (!published) await staged?.discard();
    await fingerprints?.discard();
    if (scratchDir) {
      await rm(scratchDir, { recursive: true, force: true });
      unregisterStaged(scratchDir);
    }
  }

  const exitCode = error ? error.exitCode : published ? 0 : 1;
  const report: RunReport = {
    reportVersion: 1,
    tool: { name: 'maskgate', version: TOOL_VERSION },
    runId,
    startedAt,
    finishedAt: new Date().toISOString(),
    result: error ? 'failed' : published ? 'published' : 'refused',
    exitCode,
    keyId: prf.keyId,
    rules: { path: rules.path, sha256: rules.sha256 },
    source: { engine: source.engine },
    output: { path: outPath, published: published && outPath !== null, ...(published && verification ? { sha256: verification.sha256, bytes: staged!.bytes } : {}) },
    ...(opts.targetUrl ? { target: { engine: sourceEngine, loaded: loaded !== null, previous: loaded?.previous ?? [], rows: loaded?.rows ?? 0 } } : {}),
    tables: tableReports,
    ...(emitted ? { fingerprints: emitted } : {}),
    skippedTables: plan.skipped.map(qualifiedName),
    droppedForeignKeys: writer.droppedForeignKeys,
    timings,
    ...(verification ? { verification: { passed: verification.passed, layers: verification.layers, findings: verification.findings, unlistedFindings: verification.unlistedFindings, unlistedErrors: verification.unlistedErrors } } : {}),
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
  };
  await writeReport(reportPath, report).catch((err: unknown) => {
    log.error({ code: (err as { code?: string }).code, path: reportPath }, 'could not write the report');
  });
  return { exitCode, report, reportPath, outPath, verification, error };
}

/** Fails fast (exit 2) on a file path that can never be written (no such directory, or a directory itself), before any row is read. */
export async function checkNewFilePath(path: string, flag: string): Promise<void> {
  if (!(await stat(dirname(path)).catch(() => null))?.isDirectory()) throw new MaskgateError('USAGE', `The directory of ${flag} (${dirname(path)}) does not exist.`, { path }, 'Create it first, or choose another path.');
  if ((await stat(path).catch(() => null))?.isDirectory()) throw new MaskgateError('USAGE', `${flag} ${path} is a directory; it must name a file.`, { path });
}

/** Fails fast (exit 2) on an --out that can never be published, before any row is read. */
async function checkOutputPath(outPath: string): Promise<void> {
  const dir = await stat(dirname(outPath)).catch(() => null);
  if (!dir?.isDirectory()) {
    throw new MaskgateError('USAGE', `The directory of --out (${dirname(outPath)}) does not exist.`, { path: outPath }, 'Create it first, or choose another --out.');
  }
  if ((await stat(outPath).catch(() => null))?.isDirectory()) {
    throw new MaskgateError('USAGE', `--out ${outPath} is a directory; it must name the dump file.`, { path: outPath });
  }
}

/** Fails fast (exit 2) on a csv/jsonl --out that is a file or a directory that is not an earlier export. */
async function checkOutputDir(outPath: string): Promise<void> {
  const dir = await stat(dirname(outPath)).catch(() => null);
  if (!dir?.isDirectory()) throw new MaskgateError('USAGE', `The directory of --out (${dirname(outPath)}) does not exist.`, { path: outPath }, 'Create it first, or choose another --out.');
  await StagedDir.checkReplaceable(outPath);
}

/** Masks one table into the staged dump, writing source fingerprints for the leak check. */
async function copyTable(tp: TablePlan, source: Source, writer: DumpWriter, fps: FingerprintBatch, sourceFps: SourceFingerprints, out: StagedFile | StagedDir, fpOut: StagedFile, progress?: ProgressListener): Promise<number> {
  const { table } = tp;
  const codec: FieldCodec = source.format.codec;
  const masked = tp.columns.filter((c) => c.fn !== null);
  const fingerprint = sourceFps.forTable(tp.columns.flatMap((c) => (c.input !== null ? [{ index: c.index, input: c.input }] : [])));
  const sourceValue = (i: number): string | null => codec.decode(raw[i]!);
  const colIndex = new Map(table.columns.map((c, i) => [c.name, i]));
  const pkIdx = table.primaryKey.map((k) => colIndex.get(k)!);
  const width = table.columns.length;
  let raw: string[] = [];
  let ordinal = 0;
  // One reusable row view; maskers read other columns of the same source row through it.
  const row: RowContext & { key: string } = {
    key: '',
    get: (column: string): CellValue => {
      const i = colIndex.get(column);
      return i === undefined ? null : codec.decode(raw[i]!);
    },
  };

  if (writer.layout && out instanceof StagedDir) await out.startFile(writer.layout.file(table));
  await out.write(writer.tableStart(table));
  for await (const batch of source.readTable(table)) {
    for (const fields of batch) {
      ordinal++;
      if (fields.length !== width) {
        throw new MaskgateError('DB_QUERY', `Row #${ordinal} of ${qualifiedName(table)} has ${fields.length} fields where ${width} were expected.`, { table: qualifiedName(table) });
      }
      if (masked.length > 0) {
        raw = fields.slice();
        row.key = pkIdx.length > 0 ? pkIdx.map((i) => raw[i]).join('\u0001') : String(ordinal);
        for (const cp of masked) {
          const value = codec.decode(raw[cp.index]!);
          // NULL and the empty string carry no personal data; they stay as they are.
          if (value === null || value === '') {
            if (cp.leakChecked || cp.rateChecked) fps.add(0);
            continue;
          }
          let result: CellValue;
          try {
            result = cp.fn!(value, row);
          } catch (err) {
            throw maskerFailure(err, qualifiedName(table), cp.column.name, cp.masker.name, ordinal);
          }
          // Code points, as PostgreSQL counts; the cheap UTF-16 length decides whether to count them.
          if (result !== null && result.length > cp.maxLength && [...result].length > cp.maxLength) {
            throw new MaskgateError('MASKER_FAILED', `Masker "${cp.masker.name}" produced a value longer than ${qualifiedName(table)}.${cp.column.name} (${cp.column.sqlType}) allows, at row #${ordinal}; nothing was published.`, { table: qualifiedName(table), column: cp.column.name, masker: cp.masker.name, row: ordinal }, 'Choose masker options that give shorter values (e.g. a maxLength option), or another masker.');
          }
          if (cp.leakChecked || cp.rateChecked) fps.add(leakHash(value));
          fields[cp.index] = codec.encode(result);
        }
        fingerprint?.(sourceValue);
      }
    }
    progress?.rows(batch.length);
    await out.write(writer.rows(table, batch));
    await fpOut.write(fps.take());
  }
  await out.write(writer.tableEnd(table));
  return ordinal;
}

function maskerFailure(err: unknown, table: string, column: string, masker: string, ordinal: number): MaskgateError {
  // Maskers' own errors carry no values by contract; they gain the location here.
  if (err instanceof MaskgateError) return new MaskgateError(err.code, `${err.message.replace(/\.$/, '')} (${table}.${column}, row #${ordinal}); nothing was published.`, { ...err.meta, table, column, masker, row: ordinal }, err.hint);
  // The masker's own message may quote the value it choked on, so it is not passed on.
  return new MaskgateError('MASKER_FAILED', `Masker "${masker}" failed on ${table}.${column}, row #${ordinal}; nothing was published.`, { table, column, masker, row: ordinal }, 'Check that the masker fits the column\'s content, or choose another masker.');
}

/** About how many fingerprints one row of the table adds: one per identifier column, and a person's name forms and surname words. */
function fingerprintsPerRow(tp: TablePlan): number {
  const inputs = tp.columns.map((c) => c.input).filter((k) => k !== null);
  const names = inputs.filter((k) => k === 'first_name' || k === 'last_name' || k === 'full_name' || k === 'initials' || k === 'tussenvoegsel').length;
  return inputs.length - names + (names > 0 ? 5 : 0);
}

/** The L5 set's memory budget: `verify.fingerprintBudgetMB` in the rules, else 256 MB. */
function fingerprintBudget(rules: RulesFile): number {
  const mb = rules.verify?.fingerprintBudgetMB;
  return mb !== undefined ? mb * 1024 * 1024 : DEFAULT_FINGERPRINT_BUDGET_BYTES;
}


