/**
 * Throughput and memory benchmark of `maskgate verify` (issue 6: a CI gate must verify a 1 GB dump in about
 * 2 minutes on a 2-core machine). Prints figures only; timing never fails the run (exit 0 unless something breaks).
 *
 * It fills the synthetic `persons` table of stream-throughput.ts, masks it with the real CLI
 * (`maskgate run --emit-fingerprints`), then grows the masked dump to the target size by repeating its COPY data
 * block (same header, DDL and trailer; `verify` does not require unique rows), and times the real CLI
 * `maskgate verify` on it three ways: patterns only, `--fingerprints` and `--config`.
 *
 *   npm run bench:verify                    # 1M rows, dump grown to 1 GB (several minutes)
 *   npm run bench:verify -- --quick         # 100k rows, 0.25 GB (smoke test)
 *   npm run bench:verify -- --rows 200000 --gb 0.2
 *   npm run bench:verify -- --rules FILE    # other rules file (default bench/persons.rules.yaml)
 *
 * Repeating rows is cheap but not quite a real 1 GB dump: each row occurs once per copy, so k-anonymity classes
 * are at least the copy count (its warning cannot appear) and per-value state stays at one copy's size. For
 * unique rows use enough of them (about 7M rows make 1 GB): `--rows 7000000` writes no copies.
 *
 * `npm run bench` passes its arguments to both benchmarks, so this one also accepts (and ignores) `--no-mysql`.
 * Sizes are binary: 1 GB = 1024 MB = 2^30 bytes. Needs PostgreSQL at `postgres://postgres@127.0.0.1:5432`
 * (override with MASKGATE_BENCH_PG); creates and finally drops the database `maskgate_bench_verify`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { admin, fillPersons, fmt } from './stream-throughput.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin/maskgate.js');
const DB = 'maskgate_bench_verify';
const SERVER = process.env['MASKGATE_BENCH_PG'] ?? 'postgres://postgres@127.0.0.1:5432';
const MB = 1024 * 1024;
const GB = 1024 * MB;
/** Issue 6: 1 GB verified in at most about 2 minutes. */
const TARGET_SECONDS_PER_GB = 120;
const TRAILER = '-- maskgate: end of dump';

interface ChildResult {
  code: number | null;
  seconds: number;
  /** User + system CPU seconds of the child (all its threads), sampled with VmHWM. */
  cpuSeconds: number;
  peakMB: number;
  stdout: string;
  stderr: string;
}

interface VerifyResult {
  mode: string;
  inputMB: number;
  rows: number;
  seconds: number;
  /** The verifier's own time from its report (no Node start-up, no rendering). */
  verifyMs: number;
  /** Milliseconds per verification layer from the report (`ms` of each layer). */
  layerMs: Record<string, number>;
  cpuSeconds: number;
  peakMB: number;
  /** 1-minute load average when the child finished: above the core count, other work competed for the CPU. */
  load: number;
  code: number | null;
  stderrHead: string;
}

/** Reads the kernel's resident-set high-water mark of a process in kB, or 0 once it has gone. */
async function vmHwmKb(pid: number): Promise<number> {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** User + system CPU seconds of a process from /proc/<pid>/stat (USER_HZ is 100 on Linux), or 0 once it has gone. */
async function cpuSecondsOf(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/** Keeps the first `limit` characters of a stream's text (a refused verify can print a lot). */
function capture(stream: NodeJS.ReadableStream, limit = 64 * 1024): () => string {
  let text = '';
  stream.on('data', (d: Buffer) => { if (text.length < limit) text += d.toString(); });
  return () => text;
}

/** Runs the maskgate CLI as a child; returns exit code, wall-clock seconds, peak RSS (VmHWM polled every 50 ms) and output. */
async function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = capture(child.stdout);
  const stderr = capture(child.stderr);
  let peakKb = 0;
  let cpu = 0;
  // VmHWM is a high-water mark and CPU time only grows, so sampling misses at most the last 50 ms of either.
  const timer = setInterval(() => {
    if (child.pid === undefined) return;
    void vmHwmKb(child.pid).then((kb) => { peakKb = Math.max(peakKb, kb); });
    void cpuSecondsOf(child.pid).then((s) => { cpu = Math.max(cpu, s); });
  }, 50);
  try {
    const code = await new Promise<number | null>((res, rej) => { child.on('error', rej); child.on('close', res); });
    return { code, seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpuSeconds: cpu, peakMB: peakKb / 1024, stdout: stdout(), stderr: stderr() };
  } finally {
    clearInterval(timer);
  }
}

/** Byte offsets of the single COPY data block of a maskgate dump: [start, end) holds the data lines, without `\.`. */
async function copyDataRange(path: string): Promise<{ start: number; end: number; rows: number }> {
  let offset = 0;
  let start = -1;
  let end = -1;
  let rows = 0;
  let blocks = 0;
  let lastLine = '';
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    const next = offset + Buffer.byteLength(line) + 1;
    if (start < 0 || end >= 0) {
      if (line.startsWith('COPY ') && line.endsWith(' FROM stdin;')) {
        if (++blocks > 1) throw new Error(`${path}: more than one COPY block; this benchmark repeats exactly one`);
        start = next;
        end = -1;
      }
    } else if (line === '\\.') {
      end = offset;
    } else {
      rows++;
    }
    if (line !== '') lastLine = line;
    offset = next;
  }
  if (start < 0 || end < 0) throw new Error(`${path}: no complete COPY block`);
  if (lastLine !== TRAILER) throw new Error(`${path}: the last line is not '${TRAILER}'`);
  return { start, end, rows };
}

/** Appends bytes [start, end) of `path` to `out`. */
async function appendRange(out: NodeJS.WritableStream, path: string, start: number, end: number): Promise<void> {
  if (end <= start) return;
  const input = createReadStream(path, { start, end: end - 1, highWaterMark: 1024 * 1024 });
  for await (const chunk of input) {
    if (!out.write(chunk as Buffer)) await new Promise<void>((res) => out.once('drain', () => res()));
  }
}

/**
 * Writes `dest`: the masked dump with its COPY data block repeated until the file holds at least `targetBytes`
 * (header, DDL, constraints and the trailer line once, the trailer last). Returns the data rows and bytes written.
 */
async function growDump(src: string, dest: string, targetBytes: number): Promise<{ rows: number; bytes: number; copies: number }> {
  const { size } = await stat(src);
  const block = await copyDataRange(src);
  const dataBytes = block.end - block.start;
  if (dataBytes <= 0) throw new Error(`${src}: empty COPY block`);
  const copies = Math.max(1, Math.ceil((targetBytes - (size - dataBytes)) / dataBytes));
  const out = createWriteStream(dest, { mode: 0o600 });
  await appendRange(out, src, 0, block.start);
  for (let i = 0; i < copies; i++) await appendRange(out, src, block.start, block.end);
  await appendRange(out, src, block.end, size);
  out.end();
  await finished(out);
  return { rows: block.rows * copies, bytes: (await stat(dest)).size, copies };
}


/** The first `n` non-empty lines of a child's output and its first refusing findings (`error …` lines), indented. */
function head(text: string, n = 12, errors = 5): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const first = lines.slice(0, n);
  const refusing = lines.slice(n).filter((l) => /^\s*error\b/.test(l)).slice(0, errors);
  return [...first, ...(refusing.length > 0 ? ['…', ...refusing] : [])].map((l) => `    ${l}`).join('\n');
}

/** Prints rows of cells as aligned columns; column `left` is left-aligned, the others right-aligned. */
function printColumns(cols: readonly string[], lines: readonly string[][], left: number): void {
  const widths = cols.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const l of [cols, widths.map((w) => '-'.repeat(w)), ...lines]) console.log(l.map((c, i) => (i === left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}

function printTable(results: readonly VerifyResult[]): void {
  const cores = availableParallelism();
  const cols = ['input MB', 'rows', 'mode', 'seconds', 'verifier s', 'CPU s', 'MB/s', 'peak RSS MB', `1 GB in ≤ ${TARGET_SECONDS_PER_GB} s`, 'load', 'exit'];
  printColumns(cols, results.map((r) => {
    const perGb = r.seconds * (GB / MB) / r.inputMB;
    return [fmt(r.inputMB, 1), fmt(r.rows), r.mode, r.seconds.toFixed(1), Number.isFinite(r.verifyMs) ? (r.verifyMs / 1000).toFixed(1) : '-',
      r.cpuSeconds.toFixed(1), (r.inputMB / r.seconds).toFixed(1), r.peakMB.toFixed(1), `${perGb.toFixed(1)} s ${perGb <= TARGET_SECONDS_PER_GB ? 'ok' : 'SLOW'}`,
      r.load.toFixed(1), `${r.code}${r.code === 0 ? '' : ' !'}`];
  }), 2);
  console.log(`(seconds: wall clock of the whole CLI; verifier s: its report's timings.verifyMs; CPU s: user + system of all its threads; `
    + `1 GB column: seconds scaled to 1 GB = ${GB / MB} MB, target ${TARGET_SECONDS_PER_GB} s = ${(GB / MB / TARGET_SECONDS_PER_GB).toFixed(2)} MB/s; `
    + `load: 1-minute load average at the end, on ${cores} cores)`);
  if (results.some((r) => r.load > cores)) {
    console.log(`Other work competed for the CPU (load above ${cores}): wall seconds are inflated; CPU s is closer to what an idle machine would take.`);
  }
  // Where the verifier's time went, by layer, as its report measured it (reading and parsing: what the layers leave).
  const layers = [...new Set(results.flatMap((r) => Object.keys(r.layerMs)))].filter((l) => results.some((r) => (r.layerMs[l] ?? 0) >= 500));
  if (layers.length > 0) {
    console.log('\nverifier seconds by layer (from the report; layers under 0.5 s left out):');
    printColumns(['mode', ...layers, 'rest'], results.map((r) => {
      const sum = Object.values(r.layerMs).reduce((a, b) => a + b, 0);
      return [r.mode, ...layers.map((l) => ((r.layerMs[l] ?? 0) / 1000).toFixed(1)), Number.isFinite(r.verifyMs) ? ((r.verifyMs - sum) / 1000).toFixed(1) : '-'];
    }), 0);
  }
  for (const r of results.filter((x) => x.code !== 0)) {
    console.log(`\nverify ${r.mode} exited with ${r.code} on a masked dump — a verifier false positive (or a failure) worth reporting. First lines of its output:`);
    console.log(head(r.stderrHead));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    rows: { type: 'string' }, gb: { type: 'string' }, quick: { type: 'boolean' }, rules: { type: 'string' },
    'no-mysql': { type: 'boolean' }, // stream-throughput's flag; `npm run bench` hands its arguments to both
  } });
  const rows = Number(values.rows ?? (values.quick ? 100_000 : 1_000_000));
  const gb = Number(values.gb ?? (values.quick ? 0.25 : 1));
  if (!Number.isInteger(rows) || rows <= 0) throw new Error(`--rows must be a positive integer, got ${values.rows}`);
  if (!Number.isFinite(gb) || gb <= 0) throw new Error(`--gb must be a positive number, got ${values.gb}`);
  const rules = resolve(values.rules ?? join(ROOT, 'bench/persons.rules.yaml'));
  const url = `${SERVER}/${DB}`;
  const env = { ...process.env, MASKGATE_SECRET: randomBytes(48).toString('base64') };
  const dir = await mkdtemp(join(tmpdir(), 'maskgate-bench-verify-'));
  const results: VerifyResult[] = [];
  try {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).then(() => c.query(`CREATE DATABASE ${DB}`)));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const f0 = Date.now();
    try {
      await fillPersons(client, rows);
    } finally {
      await client.end();
    }
    console.error(`[bench:verify] filled ${fmt(rows)} rows in ${((Date.now() - f0) / 1000).toFixed(1)} s`);

    const masked = join(dir, 'persons.sql');
    const fingerprints = join(dir, 'persons.fp');
    const run = await runCli(['run', '-c', rules, '-s', url, '-o', masked, '--emit-fingerprints', fingerprints], env);
    if (run.code !== 0) {
      // Below about 20k rows the birth years and fake postcodes form classes smaller than k, and the run refuses.
      throw new Error(`maskgate run exited with ${run.code}${rows < 20_000 ? ' (too few --rows for k-anonymity?)' : ''}:\n${(run.stdout + run.stderr).slice(-4000)}`);
    }
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)); // not needed any more: free the server
    const maskedMB = (await stat(masked)).size / MB;
    console.error(`[bench:verify] maskgate run ${run.seconds.toFixed(1)} s: ${fmt(maskedMB, 1)} MB masked dump, `
      + `${fmt((await stat(fingerprints)).size / MB, 1)} MB fingerprints, peak RSS ${run.peakMB.toFixed(1)} MB`);

    const input = join(dir, 'verify-input.sql');
    const g0 = Date.now();
    const grown = await growDump(masked, input, gb * GB);
    await rm(masked, { force: true });
    console.error(`[bench:verify] ${fmt(grown.bytes / MB, 1)} MB input (${grown.copies} × the COPY data, ${fmt(grown.rows)} rows) `
      + `written in ${((Date.now() - g0) / 1000).toFixed(1)} s`);

    const modes: readonly (readonly [string, readonly string[]])[] = [
      ['patterns only', []],
      ['--fingerprints', ['--fingerprints', fingerprints]],
      ['--config', ['--config', rules]],
    ];
    for (const [mode, extra] of modes) {
      const report = join(dir, 'verify.report.json');
      const r = await runCli(['verify', '--input', input, '--report', report, ...extra], env);
      const load = loadavg()[0]!;
      let verifyMs = NaN;
      let reportRows = grown.rows;
      const layerMs: Record<string, number> = {};
      try {
        const rep = JSON.parse(await readFile(report, 'utf8')) as {
          timings?: { verifyMs: number }; tables?: { rows: number }[]; verification?: { layers: { layer: string; ms?: number }[] };
        };
        verifyMs = rep.timings?.verifyMs ?? NaN;
        if (rep.tables) reportRows = rep.tables.reduce((n, t) => n + t.rows, 0);
        for (const l of rep.verification?.layers ?? []) if (typeof l.ms === 'number') layerMs[l.layer] = l.ms;
      } catch { /* no report (usage error or crash): the exit code and stderr say why */ }
      await rm(report, { force: true });
      console.error(`[bench:verify] verify ${mode}: ${r.seconds.toFixed(1)} s (CPU ${r.cpuSeconds.toFixed(1)} s), exit ${r.code}, `
        + `peak RSS ${r.peakMB.toFixed(1)} MB, load ${load.toFixed(1)}`);
      // A refused text report goes to stderr; usage errors too. Keep both, stderr first.
      results.push({ mode, inputMB: grown.bytes / MB, rows: reportRows, seconds: r.seconds, verifyMs, layerMs, cpuSeconds: r.cpuSeconds, peakMB: r.peakMB, load, code: r.code,
        stderrHead: `${r.stderr}\n${r.code === 0 ? '' : r.stdout}` });
    }
    printTable(results);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)).catch((e: unknown) => console.error(`[bench:verify] cleanup: ${String(e)}`));
  }
}

// Only as the entry point, so the helpers can be imported without starting a run.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exitCode = 1;
  });
}
