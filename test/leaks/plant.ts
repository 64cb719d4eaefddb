// The planted-leak generator: one scratch copy of the fixture per case, the case's SQL applied to it,
// and a rules file derived from rules/diplomawaardering.yaml with the case's rule changes. Each case is
// data (cases.ts); this file is the only code that turns a case into a database and a rules file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parse, stringify } from 'yaml';
import { createFixtureDatabase, FIXTURE_RULES } from '../support/fixture-database.js';

/** One applicant of the fixture, as the cases need it to plant values of real (fictional) people. */
export interface Applicant {
  readonly id: number;
  readonly bsn: string;
  readonly voornaam: string;
  readonly tussenvoegsel: string | null;
  readonly achternaam: string;
  readonly email: string | null;
  readonly telefoon: string | null;
  /** ISO `yyyy-mm-dd`. */
  readonly geboortedatum: string;
}

/** What a case may read from its fresh fixture copy before planting. */
export interface FixtureFacts {
  /** Ordered by id. */
  readonly applicants: readonly Applicant[];
  /** Ids of public.aanvragen with their applicant, ordered by id. */
  readonly aanvragen: readonly { readonly id: number; readonly aanvragerId: number }[];
}

/** The mutation a case applies: SQL statements, and every raw value it planted or exposed (to grep for). */
export interface Mutation {
  readonly sql: readonly string[];
  readonly planted: readonly string[];
  /** A line of facts about the planted values for the summary (e.g. how many pass the elfproef). */
  readonly info?: string;
}

/** `public.table.column` → the rule it gets (`keep`, a masker name or a rule object). */
export type RuleChanges = Readonly<Record<string, unknown>>;

/** What the generator needs from a case. */
export interface PlantSpec {
  readonly mutate: (facts: FixtureFacts) => Mutation;
  readonly rules: RuleChanges;
}

/** A planted fixture copy: where to read it, the rules to use, what to grep for, and how to remove it all. */
export interface Planted {
  readonly sourceUrl: string;
  readonly rulesPath: string;
  readonly planted: readonly string[];
  readonly info?: string;
  readonly cleanup: () => Promise<void>;
}

// Safety net for a test that dies between plant() and its own cleanup: afterAll drains this.
const pending = new Set<() => Promise<void>>();

/** Creates the fixture copy, applies the case's SQL and writes its rules file into a new temp dir. */
export async function plant(adminUrl: string, spec: PlantSpec): Promise<Planted> {
  const db = await createFixtureDatabase(adminUrl);
  const dir = mkdtempSync(join(tmpdir(), 'mg-leaks-'));
  let done = false;
  const cleanup = async (): Promise<void> => {
    if (done) return;
    done = true;
    pending.delete(cleanup);
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  };
  pending.add(cleanup);
  try {
    const facts = await readFacts(db.query);
    const mutation = spec.mutate(facts);
    for (const stmt of mutation.sql) await db.query(stmt);
    if (mutation.sql.length > 0) await db.query('ANALYZE');
    const rulesPath = join(dir, 'rules.yaml');
    writeFileSync(rulesPath, deriveRules(spec.rules));
    return { sourceUrl: db.url, rulesPath, planted: mutation.planted, ...(mutation.info === undefined ? {} : { info: mutation.info }), cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** Removes whatever plant() created and no test removed (a crashed or timed-out test). */
export async function cleanupAll(): Promise<void> {
  for (const c of [...pending]) await c().catch(() => undefined);
}

async function readFacts(query: (sql: string) => Promise<pg.QueryResult>): Promise<FixtureFacts> {
  const a = await query(
    `SELECT id, bsn, voornaam, tussenvoegsel, achternaam, email, telefoon, geboortedatum::text AS geboortedatum FROM public.aanvragers ORDER BY id`,
  );
  const b = await query(`SELECT id, aanvrager_id FROM public.aanvragen ORDER BY id`);
  return {
    applicants: a.rows as Applicant[],
    aanvragen: b.rows.map((r: { id: number; aanvrager_id: number }) => ({ id: r.id, aanvragerId: r.aanvrager_id })),
  };
}

/** The committed rules with `changes` applied; a change for a table the rules do not list is a bug in the case. */
export function deriveRules(changes: RuleChanges): string {
  const doc = parse(readFileSync(FIXTURE_RULES, 'utf8')) as { tables: Record<string, { columns: Record<string, unknown> } | string> };
  for (const [key, rule] of Object.entries(changes)) {
    const dot = key.lastIndexOf('.');
    // The committed rules name tables bare (they serve PostgreSQL and MySQL alike); cases may qualify them.
    const table = doc.tables[key.slice(0, dot)] ?? doc.tables[key.slice(0, dot).replace(/^public\./, '')];
    if (table === undefined || typeof table === 'string') throw new Error(`rule change ${key}: no column rules for that table`);
    table.columns[key.slice(dot + 1)] = rule;
  }
  return stringify(doc);
}

/** A SQL string literal (pg's own escaping, so quotes and backslashes in planted text are safe). */
export function lit(value: string): string {
  return pg.escapeLiteral(value);
}

/**
 * One UPDATE that sets `column` of the rows keyed by id, through a VALUES list; `cast` types the
 * literals (`bigint`, `jsonb`). Rows not in `values` keep what they had.
 */
export function setById(table: string, column: string, values: ReadonlyMap<number, string | null>, cast = 'text'): string {
  const rows = [...values].map(([id, v]) => `(${id}, ${v === null ? 'NULL' : lit(v)})`).join(',\n');
  return `UPDATE ${table} AS t SET ${column} = v.x::${cast} FROM (VALUES ${rows}) AS v(id, x) WHERE t.id = v.id`;
}
