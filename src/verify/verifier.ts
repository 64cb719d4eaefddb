import { createHash } from 'node:crypto';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import { redactedPreview } from '../report/redact.js';
import type { DumpFormat } from '../dump/dump-format.js';
import type { Finding } from './finding.js';
import { FingerprintReader, leakHash, type LogSeal } from './fingerprint-log.js';
import { scanForIdentifiers } from './pattern-scan.js';
import { ColumnContentStats } from './content-stats.js';
import { couldBeGeneratedName, identifierCandidates, LEAK_TAGS, LEAK_TYPES, nameCandidates } from './leak-tokens.js';
import type { SourceFingerprints } from './source-fingerprints.js';
import { EquivalenceClasses } from './k-anonymity.js';
import { isValidBsn } from '../detectors/bsn.js';
import { NL_BANKS } from '../maskers/data/nl-banks.js';

/** What verification expects of one table in the staged dump. */
export interface ExpectedTable {
  /** `schema.name` for findings. */
  readonly name: string;
  /** What the dump reader reports when this table's data block opens (DumpWriter.target). */
  readonly target: string;
  readonly columns: readonly string[];
  /** Rows the pipeline read from the source; the dump must hold exactly as many. */
  readonly rows: number;
  /** Columns whose output must differ from the same row's source value. */
  readonly leakChecked: readonly number[];
  /** Low-cardinality masked columns: how often output equals the row's source value is compared with chance. */
  readonly rateChecked?: readonly number[];
  /** Kept primary-key columns, used to name rows in findings; empty means rows are numbered. */
  readonly rowKeyColumns: readonly number[];
  /** Kept text columns: no masker wrote them, so identifiers found in them are real (L1 + L4). */
  readonly patternScanned?: readonly number[];
  /** Masked free-text columns (scrub, json) scanned like kept text, minus the hits their masker vouches for. */
  readonly patternScannedMasked?: readonly { readonly index: number; readonly masker: string; readonly writes: (type: string, match: string) => boolean }[];
  /** Masked columns whose masker writes only a recognisable range (L6), with the test for it. */
  readonly rangeChecked?: readonly { readonly index: number; readonly masker: string; readonly inRange: (output: string) => boolean }[];
  /**
   * Columns L5 scans for source personal data: every column that can hold text or numbers, with
   * whether it is numeric (BSNs that lost their leading zeros) and the tag bitmask of types its own
   * masker's fakes may coincide with (MaskerDefinition.coincidesWith).
   */
  readonly exactScanned?: readonly { readonly index: number; readonly integer: false | 'any' | 'long'; readonly coincides: number; readonly bytes?: boolean }[];
  /** The k-anonymity check: quasi-identifier columns that keep real information, and k. */
  readonly quasiIdentifiers?: {
    readonly k: number;
    readonly declared: readonly string[];
    readonly surviving: readonly { readonly index: number; readonly name: string; readonly realPart: (output: string) => string }[];
  };
  /** Kept columns whose content L3 samples; `acknowledged` when the rule gives a reason for keeping them. */
  readonly contentSampled?: readonly { readonly index: number; readonly acknowledged: boolean }[];
  /**
   * No rules say how this table was made (`verify` without --config). Values in maskgate's generator
   * ranges (00-block BSNs, fake bank codes, reserved e-mail domains) count as fakes; identifiers
   * whose fakes look like real ones (phone, plate, postcode, dates) are warnings, since only the
   * rules or fingerprints can tell; exact-match hits in columns marked `coincides` refuse only when
   * too many of the column's values hit to be chance.
   */
  readonly unknownOrigin?: boolean;
}

/** Counts for one verification layer, for the report. */
export interface LayerSummary {
  readonly layer: string;
  /** Cells, columns or tables looked at, as the layer counts them. */
  readonly checked: number;
  /** Findings of every severity. */
  readonly findings: number;
  /** Milliseconds spent in this layer (dump-integrity: reading and parsing the dump). */
  readonly ms?: number;
  /** Layer-specific figures (fingerprint set mode, coincidences, class sizes). */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Outcome of verification. It never throws for findings; they are data. */
export interface VerifyResult {
  readonly passed: boolean;
  readonly findings: readonly Finding[];
  /** Findings counted but not listed, beyond the per-column cap. */
  readonly unlistedFindings: number;
  /** How many of those refuse. */
  readonly unlistedErrors: number;
  readonly layers: readonly LayerSummary[];
  /** sha256 of the artefact exactly as read back from disk. */
  readonly sha256: string;
  /** Tables read, with their block target and the rows each held. */
  readonly tables: readonly { readonly table: string; readonly target: string; readonly rows: number }[];
}

/** Options of verifyStagedDump(). */
export interface VerifyOptions {
  readonly dumpPath: string;
  /** The sealed log of source-value hashes the row-level check compares with; absent outside a run. */
  readonly fingerprintPath?: string;
  /** The per-run seal the fingerprint log was written with. */
  readonly seal?: LogSeal;
  /**
   * For a dump maskgate did not just write (`verify`): builds the expectation of a data block's
   * table from its target when `tables` does not list it. The dump is then taken as it is: no row
   * counts, no missing tables, no trailer required, a table may come in several blocks.
   */
  readonly discover?: (target: string) => ExpectedTable | null;
  readonly tables: readonly ExpectedTable[];
  /** Keys the finding ids. */
  readonly prf: KeyedPrf;
  /** The engine's dump format: how to read the file back and decode its fields. */
  readonly format: DumpFormat;
  readonly maxFindingsPerColumn?: number;
  /** Layer 1 by column name, decided at plan time: kept columns that look personal, and how many kept columns were looked at. */
  /** Values the pattern layer accepts (the rules' `allow:` list, compact form). */
  readonly allowed?: ReadonlySet<string>;
  readonly classification?: { readonly checked: number; readonly flagged: readonly { readonly table: string; readonly column: string; readonly looksLike: string }[] };
  /** L5: the source fingerprints the pipeline collected while reading. */
  readonly sourceFingerprints?: SourceFingerprints | null;
}

const round = (x: number): number => Math.round(x);
/** Types whose maskgate fakes cannot be told from real values by looking at them. */
const LOOK_REAL: ReadonlySet<string> = new Set(['phone', 'plate', 'postcode', 'date']);
/** Without rules, the share of a column's values that must hit the source before hits count as a leak, not coincidence. */
// Half: a copied column hits on nearly every non-empty cell, while fakes drawn from a space the
// source fills densely (sidecode-11 plates of a large fleet) meet source values at 15–20%.
const COINCIDENCE_RATE_LIMIT = 0.5;

/** Whether a pattern hit lies in a range only maskgate's generators write (checked without rules). */
function looksGenerated(type: string, text: string): boolean {
  if (type === 'bsn') {
    const d = text.replace(/\D/g, '').padStart(9, '0');
    return d.startsWith('00');
  }
  if (type === 'iban') {
    const c = text.replace(/[\s-]/g, '').toUpperCase();
    return c.startsWith('NL') && !NL_BANKS.has(c.slice(4, 8));
  }
  return false;
}

/** Whether a whole cell value is a maskgate fake by its range (00-block BSN, fake-bank IBAN); such values are not sampled by L3 without rules. */
function isGeneratedValue(value: string): boolean {
  const v = value.trim();
  if (/^\d[\d .-]{6,12}$/.test(v)) return looksGenerated('bsn', v) && isValidBsn(v.replace(/\D/g, '').padStart(9, '0'));
  if (/^NL\d{2}/i.test(v)) return looksGenerated('iban', v);
  return false;
}
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const SHORT_INTEGER = /^\d+$/;

/** Past this many distinct values a column is not low-cardinality; its rate is not judged. */
const RATE_MAX_DISTINCT = 1_000;

/**
 * How often a low-cardinality column's output equals its row's source value, against the rate two
 * independent draws from the same marginals would give: Σ p_source(v) · p_output(v), over hashes.
 */
export class EqualityRate {
  private rows = 0;
  private equal = 0;
  private readonly source = new Map<number, number>();
  private readonly output = new Map<number, number>();
  private overflow = false;

  /** One non-empty cell: the source value's hash and the output's. */
  add(sourceHash: number, outputHash: number): void {
    this.rows++;
    if (sourceHash === outputHash) this.equal++;
    if (this.overflow) return;
    this.source.set(sourceHash, (this.source.get(sourceHash) ?? 0) + 1);
    this.output.set(outputHash, (this.output.get(outputHash) ?? 0) + 1);
    if (this.source.size > RATE_MAX_DISTINCT || this.output.size > RATE_MAX_DISTINCT) this.overflow = true;
  }

  /**
   * null below 20 rows. Above chance means more than three standard deviations and twenty points
   * (at most half the distance to 100%) over it: sampling noise never trips it, a pass-through does.
   */
  verdict(): { rows: number; equal: number; rate: number; chance: number | null; aboveChance: boolean } | null {
    if (this.rows < 20) return null;
    const rate = this.equal / this.rows;
    // Past RATE_MAX_DISTINCT values two independent draws almost never agree: judge against about 0.
    if (this.overflow) return { rows: this.rows, equal: this.equal, rate, chance: null, aboveChance: rate > 0.2 };
    let chance = 0;
    for (const [h, n] of this.source) chance += (n / this.rows) * ((this.output.get(h) ?? 0) / this.rows);
    const sigma = Math.sqrt((chance * (1 - chance)) / this.rows);
    // On a skewed column (one value in 90% of rows) a fixed 20-point margin would exceed 100%: it is
    // capped at half the distance to 1, so a pass-through (rate 1) is still caught.
    const margin = Math.max(3 * sigma, Math.min(0.2, (1 - chance) / 2));
    return { rows: this.rows, equal: this.equal, rate, chance, aboveChance: rate > chance + margin };
  }
}

/** Key values shown in findings: integers of at most 7 digits, which no BSN, phone number or account number is. */
const SURROGATE_KEY = /^-?\d{1,7}$/;

/**
 * How a finding names its row: kept primary-key values (`id=17`) when they are small surrogate
 * integers, else the row's position (`#42`): a kept key can itself be the personal value (a BSN or
 * e-mail kept as key), and the report must not print it. Only built for findings.
 */
function rowKeyOf(t: ExpectedTable, fields: readonly string[], rowNo: number, decode: (field: string) => string | null): string {
  if (t.rowKeyColumns.length === 0) return `#${rowNo}`;
  const values = t.rowKeyColumns.map((k) => decode(fields[k]!));
  if (!values.every((v) => v !== null && SURROGATE_KEY.test(v))) return `#${rowNo}`;
  return t.rowKeyColumns.map((k, i) => `${t.columns[k]}=${values[i]}`).join(',');
}

/** Per-table, per-column state of a layer, found on the per-cell path without building a key string. */
function columnState<T>(states: Map<ExpectedTable, T[]>, t: ExpectedTable, index: number, make: () => T): T {
  let perColumn = states.get(t);
  if (!perColumn) states.set(t, (perColumn = []));
  return (perColumn[index] ??= make());
}

/** Bytes in the `\x` hex form both engines' codecs give, read as UTF-8: text kept in a BLOB or bytea is still text. */
function bytesAsText(value: string): string {
  return value.startsWith('\\x') ? Buffer.from(value.slice(2), 'hex').toString('utf8') : value;
}

/**
 * Reads the staged dump back from disk and checks it, trusting nothing the masking code believes
 * it wrote: the dump must be complete (every table, every row, the trailer), no masked cell may
 * equal the source value of the same row (compared through hashes from the sealed fingerprint log),
 * and cells of range-marked maskers must lie in that masker's range (L6).
 */
export async function verifyStagedDump(opts: VerifyOptions): Promise<VerifyResult> {
  const cap = opts.maxFindingsPerColumn ?? 100;
  const codec = opts.format.codec;
  const findings: Finding[] = [];
  const perColumn = new Map<string, number>();
  let unlisted = 0;
  let unlistedErrors = 0;
  let patternChecked = 0;
  let patternFindings = 0;
  let leakChecked = 0;
  let leakFindings = 0;
  let integrityFindings = 0;
  let rangeChecked = 0;
  let rangeFindings = 0;
  // `more` builds the parts that cost something (row key, preview) only for a finding that is listed.
  const add = (base: Omit<Finding, 'id'>, more?: () => Partial<Finding>): void => {
    const k = `${base.detector}\u0000${base.table}\u0000${base.column ?? ''}`;
    const n = (perColumn.get(k) ?? 0) + 1;
    perColumn.set(k, n);
    if (n > cap) {
      unlisted++;
      if (base.severity === 'error') unlistedErrors++;
      return;
    }
    const f: Omit<Finding, 'id'> = more ? { ...base, ...more() } : base;
    const d = opts.prf.block('maskgate/finding-id/v1', `${f.detector}\u0000${f.table}\u0000${f.column ?? ''}\u0000${f.rowKey ?? ''}`, 0);
    findings.push({ id: d[0]!.toString(16).padStart(8, '0') + d[1]!.toString(16).padStart(8, '0'), ...f });
  };
  const integrity = (table: string, message: string): void => {
    integrityFindings++;
    add({ severity: 'error', detector: 'dump-integrity', table, message });
  };

  for (const c of opts.classification?.flagged ?? []) {
    add({
      severity: 'error', detector: 'classification', table: c.table, column: c.column,
      message: `The column's name says it holds ${c.looksLike} data, but its rule is keep: mask it, or write { mask: keep, reason: "…" } to record why keeping it is safe.`,
    });
  }

  // L5 state for the cell being scanned; one closure for the whole run, not one per cell.
  const src = opts.sourceFingerprints ?? null;
  const namesFingerprinted = src !== null && src.has(LEAK_TAGS.name);
  let exactChecked = 0;
  let exactFindings = 0;
  const coincidences = new Map<string, number>();
  const cell = { table: null as unknown as ExpectedTable, fields: [] as string[], rowNo: 0, index: 0, coincides: 0, reported: 0 };
  const exactHit = (tag: number, words?: readonly string[], from = 0, to = 0): void => {
    if ((cell.reported & (1 << tag)) !== 0) return;
    cell.reported |= 1 << tag;
    const type = LEAK_TYPES[tag]!;
    const t = cell.table;
    // A fake that happens to equal some source value of its own type, in a column whose masker draws
    // from the real space, is counted per column, not listed: it says nothing about a leak.
    if ((cell.coincides & (1 << tag)) !== 0 && (words === undefined || couldBeGeneratedName(words, from, to))) {
      const key = `${t.name}.${t.columns[cell.index]!}`;
      coincidences.set(key, (coincidences.get(key) ?? 0) + 1);
      // Outside a run no row-level check backs the masker up: many hits mean a copied column, not chance.
      if (t.unknownOrigin || opts.discover) {
        const r = hitRateOf(t, cell.index);
        r.hits++;
        if (r.rowKeys.length < cap) r.rowKeys.push(rowKeyOf(t, cell.fields, cell.rowNo, codec.decode));
      }
      return;
    }
    // Without rules a name made only of list words may be a scrubbed fake that met a real name
    // (the lists hold common names): counted and reported per column as a warning, not refused.
    if (t.unknownOrigin && words !== undefined && couldBeGeneratedName(words, from, to)) {
      const key = `${t.name}.${t.columns[cell.index]!}`;
      const n = listNames.get(key);
      if (n) n.hits++;
      else listNames.set(key, { t, index: cell.index, hits: 1 });
      return;
    }
    exactFindings++;
    if (t === schemaCell) {
      add({ severity: 'error', detector: 'exact-match', table: t.name, message: `The dump's DDL (a DEFAULT, COMMENT, CHECK or ENUM label) holds a ${type} that was personal data in the source: remove it from the source schema, or skip the table.` });
      return;
    }
    add({
      severity: 'error', detector: 'exact-match', table: t.name, column: t.columns[cell.index]!, rowKey: rowKeyOf(t, cell.fields, cell.rowNo, codec.decode),
      message: `A cell holds ${type === 'iban' || type === 'email' ? 'an' : 'a'} ${type} that was personal data in the source: real data survived here (copied, derived or missed by a masker).`,
    });
  };
  // The dump's DDL as a pseudo-table, so its findings read "(schema)" with no row.
  const schemaCell = { name: '(schema)', target: '', columns: ['ddl'], rows: 0, leakChecked: [], rowKeyColumns: [], fields: [] as string[] } satisfies ExpectedTable & { fields: string[] };
  const listNames = new Map<string, { t: ExpectedTable; index: number; hits: number }>();
  const hitRates = new Map<string, { t: ExpectedTable; index: number; cells: number; hits: number; rowKeys: string[] }>();
  const hitRateCells = new Map<ExpectedTable, { cells: number; hits: number; rowKeys: string[] }[]>();
  const hitRateOf = (t: ExpectedTable, index: number): { cells: number; hits: number; rowKeys: string[] } =>
    columnState(hitRateCells, t, index, () => {
      const s = { t, index, cells: 0, hits: 0, rowKeys: [] as string[] };
      hitRates.set(`${t.name}.${t.columns[index]!}`, s);
      return s;
    });
  const visitIdentifier = (tag: number, canon: string): void => {
    if (src!.contains(tag, canon)) exactHit(tag);
  };
  const visitName = (canon: string, words: readonly string[], from: number, to: number): void => {
    if (src!.mayBeName(words, from, to) && src!.contains(LEAK_TAGS.name, canon)) exactHit(LEAK_TAGS.name, words, from, to);
  };
  const contentStats = new Map<ExpectedTable, Map<number, ColumnContentStats>>();
  const lookRealCounts = new Map<ExpectedTable, Map<string, number>[]>();
  /** L1 + L4 over one text cell: kept (`masked` null), or written by scrub/json, minus the hits that masker vouches for. */
  const scanPatterns = (t: ExpectedTable, i: number, rowNo: number, masked: { readonly masker: string; readonly writes: (type: string, match: string) => boolean } | null): void => {
    const out = cellAt(i);
    if (out === null || out === '') return;
    patternChecked++;
    for (const hit of scanForIdentifiers(out, opts.allowed)) {
      if (masked?.writes(hit.type, hit.text)) continue;
      if (t.unknownOrigin && looksGenerated(hit.type, hit.text)) continue;
      const lookReal = t.unknownOrigin === true && LOOK_REAL.has(hit.type);
      if (lookReal) {
        // Counted per column and reported once: a phone column of a masked dump would otherwise give a warning per cell.
        const counts = columnState(lookRealCounts, t, i, () => new Map<string, number>());
        counts.set(hit.type, (counts.get(hit.type) ?? 0) + 1);
        continue;
      }
      patternFindings++;
      add({
        severity: hit.confidence === 'high' && !lookReal ? 'error' : 'warning', detector: `pattern-${hit.type}`, table: t.name, column: t.columns[i]!,
        message: t.unknownOrigin
          ? `This looks like a real ${hit.type} (${hit.confidence} confidence), outside the ranges maskgate's generators write.`
          : masked === null
            ? `A kept column holds what looks like a real ${hit.type} (${hit.confidence} confidence): mask the column, or scrub it.`
            : `Text masked with ${masked.masker} still holds what looks like a real ${hit.type} (${hit.confidence} confidence), outside what ${masked.masker} writes: it missed it.`,
      }, () => ({ rowKey: rowKeyOf(t, fields, rowNo, codec.decode), preview: redactedPreview(hit.text) }));
    }
  };
  // Time spent per layer; reading and parsing the dump is what remains of the total.
  const ms = { patterns: 0, exact: 0, content: 0, kAnonymity: 0, range: 0, unchanged: 0 };
  const started = performance.now();
  let tick = started;
  const lap = (layer: keyof typeof ms): void => {
    const now = performance.now();
    ms[layer] += now - tick;
    tick = now;
  };
  // Several layers read the same cell: each is decoded once per row, on first use.
  let fields: string[] = [];
  let rowSerial = 0;
  const decoded: (string | null)[] = [];
  const decodedAt: number[] = [];
  const cellAt = (i: number): string | null => {
    if (decodedAt[i] !== rowSerial) {
      decoded[i] = codec.decode(fields[i]!);
      decodedAt[i] = rowSerial;
    }
    return decoded[i]!;
  };
  // The row check reads the sealed source hashes in column order, identifier and low-cardinality columns interleaved.
  const rowChecked = new Map<ExpectedTable, { index: number; rate: boolean }[]>();
  const rowCheckedOf = (t: ExpectedTable): { index: number; rate: boolean }[] => {
    let list = rowChecked.get(t);
    if (!list) {
      list = [...t.leakChecked.map((index) => ({ index, rate: false })), ...(t.rateChecked ?? []).map((index) => ({ index, rate: true }))].sort((a, b) => a.index - b.index);
      rowChecked.set(t, list);
    }
    return list;
  };
  const rates = new Map<string, { t: ExpectedTable; index: number; tally: EqualityRate }>();
  const rateCells = new Map<ExpectedTable, EqualityRate[]>();
  const rateOf = (t: ExpectedTable, index: number): EqualityRate =>
    columnState(rateCells, t, index, () => {
      const tally = new EqualityRate();
      rates.set(`${t.name}.${t.columns[index]!}`, { t, index, tally });
      return tally;
    });
  const shortIntegers = new Map<string, { t: ExpectedTable; index: number; cells: number; hits: number; rowKeys: string[] }>();
  const shortCells = new Map<ExpectedTable, { cells: number; hits: number; rowKeys: string[] }[]>();
  const shortOf = (t: ExpectedTable, index: number): { cells: number; hits: number; rowKeys: string[] } =>
    columnState(shortCells, t, index, () => {
      const s = { t, index, cells: 0, hits: 0, rowKeys: [] as string[] };
      shortIntegers.set(`${t.name}.${t.columns[index]!}`, s);
      return s;
    });
  const qiParts: (string | null)[] = [];
  const classes = new Map<ExpectedTable, EquivalenceClasses>();

  const byTarget = new Map(opts.tables.map((t) => [t.target, t]));
  const rowCounts = new Map<ExpectedTable, number>();
  const seen = new Set<string>();
  const digest = createHash('sha256');
  const fps = opts.fingerprintPath !== undefined && opts.seal !== undefined ? new FingerprintReader(opts.fingerprintPath, opts.seal) : null;
  const discovered = new Set<ExpectedTable>();
  let current: ExpectedTable | null = null;
  let rowNo = 0;
  let trailer = false;
  try {
    for await (const batch of opts.format.read(opts.dumpPath, digest)) for (const ev of batch) {
      if (ev.kind === 'data-start') {
        current = byTarget.get(ev.target) ?? null;
        if (!current && opts.discover) {
          current = opts.discover(ev.target);
          if (current) byTarget.set(ev.target, current);
        }
        if (current && opts.discover) {
          // A foreign dump may split a table into several blocks; rows keep counting across them.
          if (!discovered.has(current)) rowNo = 0;
          discovered.add(current);
          seen.add(current.name);
        } else {
          rowNo = 0;
          if (!current) integrity('(unknown)', 'The dump holds a data block for a table that was not exported.');
          else if (seen.has(current.name)) integrity(current.name, 'The dump holds this table twice.');
          else seen.add(current.name);
        }
      } else if (ev.kind === 'data-end') {
        if (current && !opts.discover && rowNo !== current.rows) integrity(current.name, `The dump holds ${rowNo} rows where the source had ${current.rows}.`);
        if (current) rowCounts.set(current, rowNo);
        current = null;
      } else if (ev.kind === 'trailer') {
        trailer = true;
      } else if (ev.kind === 'schema') {
        // L5 over the DDL: a DEFAULT, COMMENT or CHECK can carry a real value into the dump. Text mode only:
        // sizes and AUTO_INCREMENT values are no identifiers, and a fingerprint hit has no false positives.
        if (src !== null) {
          exactChecked++;
          schemaCell.fields = [ev.line];
          cell.table = schemaCell;
          cell.fields = schemaCell.fields;
          cell.rowNo = 0;
          cell.index = 0;
          cell.coincides = 0;
          cell.reported = 0;
          identifierCandidates(ev.line, visitIdentifier, false);
          if (namesFingerprinted) nameCandidates(ev.line, visitName);
        }
      } else if (ev.kind === 'stray') {
        integrity(current?.name ?? '(dump)', `The dump holds ${ev.what} where the format allows none: it is not what maskgate wrote.`);
      } else if (current) {
        rowNo++;
        const t = current;
        if (ev.fields.length !== t.columns.length) {
          integrity(t.name, `Row #${rowNo} has ${ev.fields.length} fields where the table has ${t.columns.length}.`);
          continue;
        }
        tick = performance.now();
        rowSerial++;
        fields = ev.fields;
        for (const i of t.patternScanned ?? []) scanPatterns(t, i, rowNo, null);
        for (const pm of t.patternScannedMasked ?? []) scanPatterns(t, pm.index, rowNo, pm);
        lap('patterns');
        if (src !== null) {
          for (const ec of t.exactScanned ?? []) {
            const out = cellAt(ec.index);
            if (out === null || out === '') continue;
            exactChecked++;
            cell.table = t;
            cell.fields = ev.fields;
            cell.rowNo = rowNo;
            cell.index = ec.index;
            cell.coincides = ec.coincides;
            cell.reported = 0;
            // An integer of under 8 digits equals a source BSN only if the source holds test numbers
            // (real BSNs lose at most one zero). Such hits count only when most of the column's short
            // integers hit: a copied BSN column does, a kept year or counter meets a test BSN now and then.
            if (ec.integer === 'any' && out.length < 8 && SHORT_INTEGER.test(out)) {
              const short = shortOf(t, ec.index);
              short.cells++;
              if (src.contains(LEAK_TAGS.bsn, out.padStart(9, '0'))) {
                short.hits++;
                if (short.rowKeys.length < cap) short.rowKeys.push(rowKeyOf(t, ev.fields, rowNo, codec.decode));
              }
              continue;
            }
            if (t.unknownOrigin || opts.discover) hitRateOf(t, ec.index).cells++;
            const text = ec.bytes ? bytesAsText(out) : out;
            identifierCandidates(text, visitIdentifier, ec.integer);
            if (namesFingerprinted && ec.integer === false) nameCandidates(text, visitName);
          }
        }
        lap('exact');
        if (t.contentSampled && t.contentSampled.length > 0) {
          let perColumn = contentStats.get(t);
          if (!perColumn) contentStats.set(t, (perColumn = new Map(t.contentSampled.map((c) => [c.index, new ColumnContentStats()]))));
          for (const cs of t.contentSampled) {
            const stats = perColumn.get(cs.index)!;
            if (stats.full) continue;
            const out = cellAt(cs.index);
            if (out !== null && out !== '' && !(t.unknownOrigin && isGeneratedValue(out))) stats.add(out);
          }
        }
        lap('content');
        const qi = t.quasiIdentifiers;
        if (qi !== undefined && qi.surviving.length > 0) {
          let ec = classes.get(t);
          if (!ec) classes.set(t, (ec = new EquivalenceClasses()));
          qiParts.length = qi.surviving.length;
          for (let k = 0; k < qi.surviving.length; k++) {
            const q = qi.surviving[k]!;
            const out = cellAt(q.index);
            qiParts[k] = out === null ? null : q.realPart(out);
          }
          ec.add(qiParts);
        }
        lap('kAnonymity');
        for (const rc of t.rangeChecked ?? []) {
          const out = cellAt(rc.index);
          if (out === null || out === '') continue;
          rangeChecked++;
          if (!rc.inRange(out)) {
            rangeFindings++;
            add({
              severity: 'error', detector: 'generator-range', table: t.name, column: t.columns[rc.index]!, rowKey: rowKeyOf(t, ev.fields, rowNo, codec.decode), preview: redactedPreview(out),
              message: `A cell masked with ${rc.masker} holds a value outside what ${rc.masker} writes (e.g. a BSN outside the 00-block, an e-mail outside the reserved domain): the masker did not run on it.`,
            });
          }
        }
        lap('range');
        if (fps !== null) for (const { index: i, rate } of rowCheckedOf(t)) {
          const src = fps.next();
          if (src === null) {
            integrity(t.name, 'The dump holds more masked cells than were read from the source.');
            break;
          }
          leakChecked++;
          if (src === 0) continue;
          const out = cellAt(i);
          if (rate) {
            rateOf(t, i).add(src, leakHash(out));
            continue;
          }
          if (leakHash(out) === src) {
            leakFindings++;
            add({
              severity: 'error', detector: 'unchanged-value', table: t.name, column: t.columns[i]!,
              rowKey: rowKeyOf(t, ev.fields, rowNo, codec.decode),
              preview: redactedPreview(out),
              message: 'A masked cell still holds the source value of its row: the masker did not change it.',
            });
          }
        }
        lap('unchanged');
      }
    }
    // Left-over source hashes mean rows or cells the dump lost, or a log out of step with it.
    if (fps !== null && fps.next() !== null) integrity('(dump)', 'The dump holds fewer masked cells than were read from the source.');
  } finally {
    fps?.close();
  }
  for (const t of opts.tables) if (!seen.has(t.name)) integrity(t.name, 'The table is missing from the dump.');
  const checkedTables = opts.discover ? [...opts.tables, ...discovered].filter((t, i, all) => all.indexOf(t) === i) : opts.tables;
  const kTables: Record<string, unknown>[] = [];
  let kFindings = 0;
  for (const t of checkedTables) {
    const qi = t.quasiIdentifiers;
    if (qi === undefined || qi.declared.length === 0) continue;
    const surviving = qi.surviving.map((q) => q.name);
    const r = classes.get(t)?.result(qi.k);
    kTables.push({ table: t.name, quasiIdentifiers: qi.declared, surviving, ...(r ?? { k: qi.k, note: 'no real quasi-identifier survives masking' }) });
    if (r && r.rows > 0 && r.minClassSize < qi.k) {
      kFindings++;
      add({
        severity: t.unknownOrigin ? 'warning' : 'error', detector: 'k-anonymity', table: t.name,
        message: t.unknownOrigin
          ? `${r.classesBelowK} groups of rows (${r.rowsInClassesBelowK} rows) share their ${surviving.join(' + ')} with fewer than ${qi.k} others (smallest group: ${r.minClassSize}). If these values are real, those people can be singled out; without --config verify cannot tell real quasi-identifiers from masked ones.`
          : `${r.classesBelowK} groups of rows (${r.rowsInClassesBelowK} rows) share their real ${surviving.join(' + ')} with fewer than ${qi.k} others (smallest group: ${r.minClassSize}), so those people can be singled out. Mask or generalise one of these columns (e.g. birth_date { keep: year } instead of keep, postcode { mode: fake }).`,
      });
    }
  }
  const shortCoincidences: Record<string, number> = {};
  for (const [key, sh] of shortIntegers) {
    if (sh.hits === 0) continue;
    if (sh.hits * 2 < sh.cells) {
      shortCoincidences[key] = sh.hits;
      continue;
    }
    for (const rowKey of sh.rowKeys) {
      exactFindings++;
      add({
        severity: 'error', detector: 'exact-match', table: sh.t.name, column: sh.t.columns[sh.index]!, rowKey,
        message: `An integer here is a source BSN without its leading zeros (${sh.hits} of ${sh.cells} short integers in this column are): real data survived.`,
      });
    }
    unlisted += sh.hits - sh.rowKeys.length;
    unlistedErrors += sh.hits - sh.rowKeys.length;
  }
  for (const [key, r] of hitRates) {
    if (r.hits === 0 || r.hits < r.cells * COINCIDENCE_RATE_LIMIT) continue;
    coincidences.delete(key);
    for (const rowKey of r.rowKeys) {
      exactFindings++;
      add({
        severity: 'error', detector: 'exact-match', table: r.t.name, column: r.t.columns[r.index]!, rowKey,
        message: `${r.hits} of ${r.cells} values of this column were personal data in the source: far more than fakes meet by chance, so the column was copied, not masked.`,
      });
    }
    unlisted += r.hits - r.rowKeys.length;
    unlistedErrors += r.hits - r.rowKeys.length;
  }
  for (const [t, perIndex] of lookRealCounts) {
    perIndex.forEach((counts, index) => {
      for (const [type, n] of counts) {
        patternFindings++;
        add({
          severity: 'warning', detector: `pattern-${type}`, table: t.name, column: t.columns[index]!,
          message: `${n} cell${n === 1 ? '' : 's'} here hold what looks like a ${type}. A maskgate fake looks the same, so the pattern alone cannot judge ${n === 1 ? 'it' : 'them'}: --config judges the column by its masker, and --fingerprints matches every value against production.`,
        });
      }
    });
  }
  for (const { t, index, hits } of listNames.values()) {
    exactFindings++;
    // A column where most cells are source names is a copied name column, whatever lists the names are on.
    const cells = hitRateCells.get(t)?.[index]?.cells ?? 0;
    if (hits >= cells * COINCIDENCE_RATE_LIMIT) {
      add({
        severity: 'error', detector: 'exact-match', table: t.name, column: t.columns[index]!,
        message: `${hits} of ${cells} values of this column are names of source people: far more than fakes meet by chance, so the names were copied, not masked.`,
      });
      continue;
    }
    add({
      severity: 'warning', detector: 'exact-match', table: t.name, column: t.columns[index]!,
      message: `${hits} name${hits === 1 ? '' : 's'} here equal${hits === 1 ? 's' : ''} a source person's name, built only of words on maskgate's name lists: a fake written by scrub meets a real name that way now and then. Without --config verify cannot tell; with the rules that masked this column it can.`,
    });
  }
  const rateDetail: Record<string, { rows: number; equal: number; rate: number; chance: number | null }> = {};
  for (const [key, { t, index, tally }] of rates) {
    const v = tally.verdict();
    if (v === null) continue;
    rateDetail[key] = { rows: v.rows, equal: v.equal, rate: round4(v.rate), chance: v.chance === null ? null : round4(v.chance) };
    if (v.aboveChance) {
      leakFindings++;
      add({
        severity: 'error', detector: 'unchanged-rate', table: t.name, column: t.columns[index]!,
        message: `${Math.round(v.rate * 100)}% of ${v.rows} masked cells equal their own row's source value, where per-row sampling gives about ${Math.round((v.chance ?? 0) * 100)}% by chance: the masker is not replacing the values.`,
      });
    }
  }
  let contentChecked = 0;
  let contentFindings = 0;
  for (const [t, perColumn] of contentStats) {
    for (const cs of t.contentSampled ?? []) {
      contentChecked++;
      for (const v of perColumn.get(cs.index)!.verdicts()) {
        contentFindings++;
        const pct = Math.round(v.share * 100);
        add({
          severity: v.level === 'error' && !cs.acknowledged && !(t.unknownOrigin && LOOK_REAL.has(v.type)) ? 'error' : 'warning', detector: 'content-statistics', table: t.name, column: t.columns[cs.index]!,
          message: v.level === 'error'
            ? t.unknownOrigin
              ? `${pct}% of ${v.sampled} sampled values of this column are valid ${v.type} values outside maskgate's generator ranges: if they are real, this column was not masked.`
              : `${pct}% of ${v.sampled} sampled values of this kept column are valid ${v.type} values: whatever its name, it holds ${v.type}s.${cs.acknowledged ? ' Its rule gives a reason for keeping it.' : ' Mask it, or write { mask: keep, reason: "…" } if they are not personal data (e.g. RSINs of companies).'}`
            : `${pct}% of ${v.sampled} sampled values of this kept column are valid ${v.type} values (mixed content): check what else it holds.`,
        });
      }
    }
  }
  if (!trailer) integrity('(dump)', opts.discover ? 'The dump has no end marker (pg_dump\'s "dump complete", mysqldump\'s "Dump completed", maskgate\'s trailer): it may be cut short, so rows or tables may be missing.' : 'The dump has no end-of-dump trailer: it is incomplete.');
  return {
    passed: findings.every((f) => f.severity !== 'error') && unlistedErrors === 0,
    findings,
    unlistedFindings: unlisted,
    unlistedErrors,
    layers: [
      { layer: 'classification', checked: opts.classification?.checked ?? 0, findings: opts.classification?.flagged.length ?? 0 },
      { layer: 'dump-integrity', checked: checkedTables.length, findings: integrityFindings, ms: round(performance.now() - started - Object.values(ms).reduce((a, b) => a + b, 0)) },
      { layer: 'unchanged-values', checked: leakChecked, findings: leakFindings, ms: round(ms.unchanged), ...(Object.keys(rateDetail).length > 0 ? { detail: { lowCardinality: rateDetail } } : {}) },
      { layer: 'generator-range', checked: rangeChecked, findings: rangeFindings, ms: round(ms.range) },
      { layer: 'patterns-in-text', checked: patternChecked, findings: patternFindings, ms: round(ms.patterns) },
      { layer: 'content-statistics', checked: contentChecked, findings: contentFindings, ms: round(ms.content) },
      { layer: 'k-anonymity', checked: kTables.length, findings: kFindings, ms: round(ms.kAnonymity), detail: { tables: kTables } },
      {
        layer: 'exact-match', checked: exactChecked, findings: exactFindings, ms: round(ms.exact),
        detail: {
          fingerprints: src?.describe() ?? null,
          coincidences: [...coincidences.values()].reduce((a, b) => a + b, 0),
          coincidencesByColumn: Object.fromEntries(coincidences),
          ...(Object.keys(shortCoincidences).length > 0 ? { shortIntegerCoincidences: shortCoincidences } : {}),
        },
      },
    ],
    sha256: digest.digest('hex'),
    tables: checkedTables.map((t) => ({ table: t.name, target: t.target, rows: rowCounts.get(t) ?? 0 })),
  };
}
