import type { ColumnRule, RulesFile, SourceLocation } from '../config/rules-file.js';
import { maxLengthOf, qualifiedName, type ColumnInfo, type SchemaInfo, type TableInfo, type TableRef } from '../db/table-info.js';
import type { KeyedPrf } from '../keyed/keyed-prf.js';
import type { CellValue, InputKind, LeakType, MaskerDefinition, MaskFn } from '../maskers/masker.js';
import { didYouMean } from '../config/did-you-mean.js';
import { classifyColumnName, nameTokens, type PiiClass } from '../detectors/column-name.js';
import { MaskgateError } from '../errors.js';
import { CoverageError, type CoverageIssue } from './coverage-error.js';

/** How one column is produced. */
export interface ColumnPlan {
  readonly column: ColumnInfo;
  readonly index: number;
  readonly rule: ColumnRule;
  readonly masker: MaskerDefinition;
  /** null for `keep`: the raw field is copied without decoding. */
  readonly fn: MaskFn | null;
  /** Whether verification must prove that no output value equals its row's source value. */
  readonly leakChecked: boolean;
  /** Whether verification compares how often the output equals its row's source value with chance (low-cardinality maskers). */
  readonly rateChecked: boolean;
  /** What the source values hold, for L5's fingerprints (masked columns only); null when nothing known. */
  readonly input: InputKind | null;
  /** Types whose real values this column's fakes may coincide with (MaskerDefinition.coincidesWith). */
  readonly coincides: readonly LeakType[];
  /** Declared length limit in characters (`varchar(n)`, `char(n)`; Infinity when none), checked on every masked value. */
  readonly maxLength: number;
}

/** The k-anonymity check of one table: its quasi-identifier columns that keep real information, and k. */
export interface QuasiIdentifierPlan {
  readonly k: number;
  /** The declared or detected quasi-identifier columns, for the report. */
  readonly declared: readonly string[];
  /** Those whose output keeps real information, with the function that extracts it. */
  readonly surviving: readonly { readonly index: number; readonly name: string; readonly realPart: (output: string) => string }[];
}

/** How one exported table is produced, in dump order. */
export interface TablePlan {
  readonly table: TableInfo;
  readonly columns: readonly ColumnPlan[];
  readonly quasiIdentifiers: QuasiIdentifierPlan;
}

/** The whole run: exported tables in dependency order, and tables left out by `skip`. */
export interface RunPlan {
  readonly tables: readonly TablePlan[];
  readonly skipped: readonly TableRef[];
  /** Kept columns (no reason given) whose name says they hold personal data: verification refuses these. */
  readonly keptButLooksPersonal: readonly { readonly table: string; readonly column: string; readonly looksLike: PiiClass }[];
  /** How many kept columns the name classification looked at. */
  readonly keptColumns: number;
}

const where = (at: SourceLocation): string => `${at.file}:${at.line}:${at.col}`;

/**
 * Matches the rules against the live schema and builds the maskers. Fails closed: every source
 * table needs a rule (or `skip`), every column of a listed table needs one, and every rule must
 * name something that exists. All problems are collected and reported together.
 */
export function planRun(rules: RulesFile, schema: SchemaInfo, registry: ReadonlyMap<string, MaskerDefinition>, prf: KeyedPrf, isSourceName?: (canon: string) => boolean): RunPlan {
  const issues: CoverageIssue[] = [];
  const gaps = new Map<string, ColumnInfo[] | 'table'>();
  const byName = new Map(schema.tables.map((t) => [qualifiedName(t), t]));
  const ruleFor = new Map<string, { key: string; rule: RulesFile['tables'] extends ReadonlyMap<string, infer R> ? R : never }>();
  for (const [key, rule] of rules.tables) {
    const name = key.includes('.') ? key : `${schema.defaultSchema}.${key}`;
    if (!byName.has(name)) {
      issues.push({ kind: 'unknown-table', table: name, at: where(rule.at), message: `rule for table ${name}, which does not exist in the source${suggest(name, [...byName.keys()])}` });
      continue;
    }
    ruleFor.set(name, { key, rule });
  }

  const shared = new Map<string, unknown>();
  const keptButLooksPersonal: { table: string; column: string; looksLike: PiiClass }[] = [];
  let keptColumns = 0;
  const onUniqueColumns = maskersOnUniqueColumns(schema, ruleFor);
  const planned: TablePlan[] = [];
  const skipped: TableRef[] = [];
  for (const table of schema.tables) {
    const name = qualifiedName(table);
    const entry = ruleFor.get(name);
    if (!entry) {
      issues.push({ kind: 'table-without-rule', table: name, message: `table ${name} has no rule (add its columns, or \`skip\`)` });
      gaps.set(name, 'table');
      continue;
    }
    if (entry.rule.kind === 'skip') {
      skipped.push(table);
      continue;
    }
    const colRules = entry.rule.columns;
    const known = new Set(table.columns.map((c) => c.name));
    for (const [col, rule] of colRules) {
      if (!known.has(col)) issues.push({ kind: 'unknown-column', table: name, column: col, at: where(rule.at), message: `rule for column ${name}.${col}, which does not exist${suggest(col, [...known])}` });
    }
    const columns: ColumnPlan[] = [];
    table.columns.forEach((column, index) => {
      const rule = colRules.get(column.name);
      if (!rule) {
        issues.push({ kind: 'column-without-rule', table: name, column: column.name, message: `column ${name}.${column.name} (${column.sqlType}) has no rule` });
        const g = gaps.get(name);
        if (g === undefined) gaps.set(name, [column]);
        else if (g !== 'table') g.push(column);
        return;
      }
      const masker = registry.get(rule.masker);
      if (!masker) throw new Error(`rules loader let an unknown masker through: ${rule.masker}`);
      for (const ref of masker.referencedColumns?.(rule.params as never) ?? []) {
        if (ref !== undefined && !known.has(ref)) {
          issues.push({ kind: 'unknown-column', table: name, column: ref, at: where(rule.at), message: `${name}.${column.name}: masker "${masker.name}" refers to column ${ref}, which does not exist in ${name}${suggest(ref, [...known])}` });
        }
      }
      const problem = incompatibility(masker, column, rule.params);
      if (problem) {
        issues.push({ kind: 'incompatible-masker', table: name, column: column.name, at: where(rule.at), message: `${name}.${column.name}: ${problem}` });
        return;
      }
      if (masker.name === 'keep') {
        keptColumns++;
        // L1 by name: a kept column named like personal data needs the reason written down.
        const looksLike = (rule.params as { reason?: string }).reason === undefined ? classifyColumnName(column.name) : null;
        if (looksLike) keptButLooksPersonal.push({ table: name, column: column.name, looksLike });
      }
      const injected = faultInjected(masker.name);
      let built: MaskFn | null;
      try {
        built = masker.name === 'keep' ? null : injected ?? masker.create(rule.params as never, {
          prf, table, column,
          unique: column.unique || onUniqueColumns.has(masker.name),
          uniqueFor: (name: string) => onUniqueColumns.has(name),
          expectedRows: table.estimatedRows,
          ...(isSourceName ? { isSourceName } : {}),
          shared: <T>(key: string, init: () => T): T => {
            if (!shared.has(key)) shared.set(key, init());
            return shared.get(key) as T;
          },
        });
      } catch (err) {
        // A masker that refuses this column when it is built (too short for a BSN, for the e-mail
        // domain, …) is a rules problem like any other: listed with the rest, before a row is read.
        if (!(err instanceof MaskgateError)) throw err;
        issues.push({ kind: 'incompatible-masker', table: name, column: column.name, at: where(rule.at), message: `${name}.${column.name}: ${err.message}${err.hint ? ` (${err.hint})` : ''}` });
        return;
      }
      const fn = built && !masker.usesRowContext ? memoize(built) : built;
      // An injected identity masker is checked whatever its masker claims, so it can never publish.
      columns.push({
        column, index, rule, masker, fn,
        leakChecked: !masker.outputMayEqualInput || injected !== null,
        rateChecked: built !== null && masker.outputMayEqualInput && injected === null && masker.lowCardinality === true,
        input: built === null ? null : masker.input ?? identifierByName(column.name),
        coincides: masker.coincidesWith?.(rule.params as never) ?? [],
        maxLength: maxLengthOf(column),
      });
    });
    planned.push({ table, columns, quasiIdentifiers: quasiIdentifierPlan(name, table, columns, entry.rule.quasiIdentifiers, rules, issues) });
  }
  if (issues.length > 0) throw new CoverageError(issues, snippetFor(gaps, schema));
  return { tables: dependencyOrder(planned), skipped, keptButLooksPersonal, keptColumns };
}

const GENDER_TOKENS: ReadonlySet<string> = new Set(['geslacht', 'gender', 'sex', 'sekse']);
const QI_CLASSES: ReadonlySet<string> = new Set(['birth_date', 'postcode', 'nationality', 'education']);

/** Whether a column's name makes it a default quasi-identifier (dutch-pii.md §6): birth date, postcode, gender, nationality, education. */
export function isQuasiIdentifierName(name: string): boolean {
  return QI_CLASSES.has(classifyColumnName(name) ?? '') || nameTokens(name).some((t) => GENDER_TOKENS.has(t));
}

/**
 * Which columns of a table are quasi-identifiers (declared, or by name: birth date, postcode,
 * gender, nationality, education; dutch-pii.md §6), which of them keep real information, and k
 * (`verify.k`, default 5; `verify.kSpecial`, default 10, when the table holds special-category data).
 */
function quasiIdentifierPlan(table: string, pg: TableInfo, columns: readonly ColumnPlan[], declared: readonly string[] | undefined, rules: RulesFile, issues: CoverageIssue[]): QuasiIdentifierPlan {
  const names = new Set(pg.columns.map((c) => c.name));
  for (const d of declared ?? []) {
    if (!names.has(d)) issues.push({ kind: 'unknown-column', table, column: d, message: `quasiIdentifiers of ${table} names column ${d}, which does not exist${suggest(d, [...names])}` });
  }
  const isQi = (c: ColumnPlan): boolean =>
    declared !== undefined ? declared.includes(c.column.name) : isQuasiIdentifierName(c.column.name);
  const qi = columns.filter(isQi);
  const special = columns.some((c) => c.masker.name === 'health' || classifyColumnName(c.column.name) === 'special-category');
  const k = special ? rules.verify?.kSpecial ?? 10 : rules.verify?.k ?? 5;
  return {
    k,
    declared: qi.map((c) => c.column.name),
    surviving: qi.flatMap((c) => {
      const realPart = c.masker.realPart?.(c.rule.params as never) ?? null;
      return realPart ? [{ index: c.index, name: c.column.name, realPart }] : [];
    }),
  };
}

const IDENTIFIER_CLASSES: ReadonlySet<string> = new Set(['bsn', 'iban', 'plate', 'email', 'phone']);

/** A masked column named like an identifier holds identifiers whatever masker it uses (`bsn: hash`). */
function identifierByName(column: string): InputKind | null {
  const c = classifyColumnName(column);
  return c !== null && IDENTIFIER_CLASSES.has(c) ? (c as InputKind) : null;
}

/**
 * Names of maskers that produce at least one unique column. Every column using such a masker
 * must then draw from the same collision-free pool, or a referencing column would get a different
 * fake than the key it references.
 */
function maskersOnUniqueColumns(schema: SchemaInfo, ruleFor: ReadonlyMap<string, { rule: RulesFile['tables'] extends ReadonlyMap<string, infer R> ? R : never }>): Set<string> {
  const names = new Set<string>();
  for (const table of schema.tables) {
    const rule = ruleFor.get(qualifiedName(table))?.rule;
    if (rule?.kind !== 'columns') continue;
    for (const c of table.columns) {
      const r = rule.columns.get(c.name);
      if (c.unique && r) names.add(r.masker);
    }
  }
  return names;
}

/**
 * Test hook: MASKGATE_FAULT_INJECT=identity:<masker> makes that masker return its input, to prove
 * that verification catches a broken masker on its own. It cannot leak anything: a run with it
 * is refused by verification, which is exactly what the end-to-end tests assert.
 */
function faultInjected(masker: string): MaskFn | null {
  const spec = process.env.MASKGATE_FAULT_INJECT ?? '';
  return spec.split(',').includes(`identity:${masker}`) ? (value) => value : null;
}

/**
 * A bounded per-column cache for value-only maskers: names, places and dates repeat, and each miss
 * costs keyed PRF calls. Columns of unique values (BSN, e-mail) get no hits, so the cache switches
 * itself off when fewer than 1 in 8 of the first 4096 lookups hit.
 */
function memoize(fn: MaskFn, limit = 1 << 14): MaskFn {
  let cache: Map<string, CellValue> | null = new Map();
  let lookups = 0;
  let hits = 0;
  return (value, row) => {
    if (cache === null) return fn(value, row);
    lookups++;
    const hit = cache.get(value);
    if (hit !== undefined) {
      hits++;
      return hit;
    }
    if (lookups === 4096 && hits < 512) {
      cache = null;
      return fn(value, row);
    }
    const out = fn(value, row);
    if (cache.size >= limit) cache.clear();
    cache.set(value, out);
    return out;
  };
}

/** Why a masker cannot produce this column, or null when it can. */
function incompatibility(m: MaskerDefinition, c: ColumnInfo, params: unknown): string | null {
  if (c.unsupported) return c.unsupported;
  if (m.columnKinds !== 'any' && !m.columnKinds.includes(c.kind)) {
    return `masker "${m.name}" does not accept ${c.sqlType} columns (it takes ${m.columnKinds.join(', ')})`;
  }
  if (!c.nullable && m.mayReturnNull?.(params as never)) return `masker "${m.name}" writes NULL here, but the column is NOT NULL`;
  if (c.unique && !m.preservesUniqueness) {
    return `the column is unique, but masker "${m.name}" can give two rows the same value, which would break the unique key on restore`;
  }
  return null;
}

/** Tables ordered so that referenced tables come first; ties and cycles fall back to name order. */
function dependencyOrder(plans: TablePlan[]): TablePlan[] {
  const byName = new Map(plans.map((p) => [qualifiedName(p.table), p]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: TablePlan[] = [];
  const visit = (p: TablePlan): void => {
    const n = qualifiedName(p.table);
    if (done.has(n) || visiting.has(n)) return;
    visiting.add(n);
    for (const ref of [...p.table.references].map(qualifiedName).sort()) {
      const dep = byName.get(ref);
      if (dep) visit(dep);
    }
    visiting.delete(n);
    done.add(n);
    out.push(p);
  };
  // Code-unit order, not localeCompare: the dump must be byte-identical under every locale.
  const byCodeUnits = (a: TablePlan, b: TablePlan): number => (qualifiedName(a.table) < qualifiedName(b.table) ? -1 : 1);
  for (const p of [...plans].sort(byCodeUnits)) visit(p);
  return out;
}

// Name-based suggestions for the snippet. A guess only: the user must review each line, and
// anything not recognised gets `keep` flagged for review rather than a silent default.
const GUESSES: [RegExp, string][] = [
  [/bsn|burgerservice|sofi/i, 'bsn'], [/e-?mail/i, 'email'], [/telefoon|phone|mobiel|gsm/i, 'phone'],
  [/postcode|zip/i, 'postcode'], [/voornaam|first_?name/i, 'first_name'], [/achternaam|last_?name|surname/i, 'last_name'],
  [/tussenvoegsel/i, 'tussenvoegsel'], [/voorletters|initials/i, 'initials'], [/geboorte|birth/i, 'birth_date'],
  [/straat|street/i, 'street'], [/huisnummer|house_?number/i, 'house_number'], [/woonplaats|plaats|city/i, 'city'],
  [/kenteken|plate/i, 'plate'], [/iban|rekening/i, 'iban'], [/nationaliteit|nationality/i, 'nationality'],
  [/opmerking|notitie|toelichting|note|comment|omschrijving/i, 'text'], [/naam|name/i, 'full_name'],
];

/**
 * YAML for the gaps: whole blocks for tables the rules do not mention, and bare column lines, to
 * paste under the existing `columns:` key, for tables they do (a second block would be a duplicate key).
 */
function snippetFor(gaps: Map<string, ColumnInfo[] | 'table'>, schema: SchemaInfo): string {
  const line = (c: ColumnInfo): string => {
    const guess = GUESSES.find(([re]) => re.test(c.name))?.[1];
    return `${c.name}: ${guess ?? 'keep'}${guess ? '' : '   # REVIEW: keep only if this never holds personal data'}`;
  };
  const out: string[] = [];
  for (const [name, cols] of gaps) {
    if (cols === 'table') continue;
    out.push(`# under tables.${name}.columns:`, ...cols.map((c) => `      ${line(c)}`));
  }
  const newTables = [...gaps].filter(([, cols]) => cols === 'table');
  if (newTables.length > 0) {
    out.push('# under tables:');
    for (const [name] of newTables) {
      out.push(`  ${name}:`, '    columns:', ...schema.tables.find((t) => qualifiedName(t) === name)!.columns.map((c) => `      ${line(c)}`));
    }
  }
  return out.join('\n');
}

function suggest(name: string, candidates: string[]): string {
  const close = didYouMean(name, candidates);
  return close ? ` (did you mean ${close}?)` : '';
}
