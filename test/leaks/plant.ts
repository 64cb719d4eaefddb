// The planted-leak generator: one scratch copy of the fixture per case and engine, the case's SQL (in
// that engine's dialect) applied to it, and a rules file derived from rules/diplomawaardering.yaml with
// the case's rule changes. Each case is data (cases.ts); this file is the only code that turns a case
// into a database and a rules file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { FIXTURE_RULES } from '../support/fixture-database.js';
import type { Dialect, FixtureCopy } from './dialect.js';

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
  /** Ids of aanvragen with their applicant, ordered by id. */
  readonly aanvragen: readonly { readonly id: number; readonly aanvragerId: number }[];
}

/** The mutation a case applies: SQL statements, and every raw value it planted or exposed (to grep for). */
export interface Mutation {
  readonly sql: readonly string[];
  readonly planted: readonly string[];
  /** A line of facts about the planted values for the summary (e.g. how many pass the elfproef). */
  readonly info?: string;
}

/** `table.column` (bare table, as in the rules) → the rule it gets (`keep`, a masker name or a rule object). */
export type RuleChanges = Readonly<Record<string, unknown>>;

/** What the generator needs from a case. */
export interface PlantSpec {
  /** The statements are written through `d`, so one case plants the same leak on every engine. */
  readonly mutate: (facts: FixtureFacts, d: Dialect) => Mutation;
  readonly rules: RuleChanges;
}

/** A planted fixture copy: where to read it, the rules to use, what to grep for, and how to remove it all. */
export interface Planted {
  readonly sourceUrl: string;
  /** The schema the report qualifies the copy's tables with. */
  readonly schema: string;
  readonly rulesPath: string;
  readonly planted: readonly string[];
  readonly info?: string;
  readonly cleanup: () => Promise<void>;
}

// Safety net for a test that dies between plant() and its own cleanup: afterAll drains this.
const pending = new Set<() => Promise<void>>();

/** Creates the fixture copy on `d`'s engine, applies the case's SQL and writes its rules file into a new temp dir. */
export async function plant(d: Dialect, adminUrl: string, spec: PlantSpec): Promise<Planted> {
  const db = await d.createFixture(adminUrl);
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
    const facts = await readFacts(d, db);
    const mutation = spec.mutate(facts, d);
    for (const stmt of mutation.sql) await db.rows(stmt);
    if (mutation.sql.length > 0) await db.rows(d.analyze(['aanvragers', 'aanvragen']));
    const rulesPath = join(dir, 'rules.yaml');
    writeFileSync(rulesPath, deriveRules(spec.rules));
    return { sourceUrl: db.url, schema: db.schema, rulesPath, planted: mutation.planted, ...(mutation.info === undefined ? {} : { info: mutation.info }), cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** Removes whatever plant() created and no test removed (a crashed or timed-out test). */
export async function cleanupAll(): Promise<void> {
  for (const c of [...pending]) await c().catch(() => undefined);
}

async function readFacts(d: Dialect, db: FixtureCopy): Promise<FixtureFacts> {
  const a = await db.rows(
    `SELECT id, bsn, voornaam, tussenvoegsel, achternaam, email, telefoon, ${d.dateText('geboortedatum')} AS geboortedatum FROM ${d.table('aanvragers')} ORDER BY id`,
  );
  const b = await db.rows(`SELECT id, aanvrager_id FROM ${d.table('aanvragen')} ORDER BY id`);
  return {
    // Both drivers give int columns as numbers and text as strings, so the rows already have these shapes.
    applicants: a as unknown as Applicant[],
    aanvragen: b.map((r) => ({ id: Number(r.id), aanvragerId: Number(r.aanvrager_id) })),
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
