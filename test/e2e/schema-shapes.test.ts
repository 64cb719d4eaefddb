import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';

// Awkward but common schema shapes; the dump must restore with psql and keep sequences right.
const SCHEMA = `
CREATE SCHEMA "Zaken";
CREATE TYPE public.status AS ENUM ('nieuw', 'klaar');
CREATE SEQUENCE public.losse_teller START 100;
CREATE DOMAIN public.pc AS text;
CREATE TABLE public.skipped (id serial PRIMARY KEY, geheim point, postcode public.pc);
CREATE TABLE "Zaken"."Dossier" (
  "Id" serial PRIMARY KEY,
  ouder integer REFERENCES "Zaken"."Dossier"("Id"),
  status public.status NOT NULL DEFAULT 'nieuw',
  nummer integer NOT NULL DEFAULT nextval('public.losse_teller'),
  via_skipped integer DEFAULT nextval('public.skipped_id_seq'),
  skipped_id integer REFERENCES public.skipped(id),
  "Naam" varchar(80),
  CONSTRAINT dossier_naam_uniek UNIQUE ("Naam")
);
CREATE INDEX dossier_lower_naam ON "Zaken"."Dossier" (lower("Naam")) WHERE "Naam" IS NOT NULL;
CREATE TABLE public.zonder_sleutel (a text, b int);
CREATE TYPE public."order" AS ENUM ('eerst', 'daarna');
CREATE TYPE public.fase AS ENUM ('open', 'dicht');
CREATE TABLE public.uniek (id int PRIMARY KEY, notitie text, code text, deel text, los text, kort varchar(5),
  volgorde public."order", fases public.fase[]);
CREATE TABLE public.teller (id int GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 10) PRIMARY KEY, naam text COLLATE "C");
INSERT INTO public.teller (naam) VALUES ('b'), ('a');
INSERT INTO public.uniek VALUES (1, 'a', 'b', 'c', 'd', 'e', 'daarna', '{open,dicht}');
CREATE UNIQUE INDEX uniek_lower_notitie ON public.uniek (lower(notitie));
ALTER TABLE public.uniek ADD CONSTRAINT uniek_paar UNIQUE (code, deel);
INSERT INTO public.skipped (geheim) VALUES (point(1,2)), (point(3,4));
INSERT INTO "Zaken"."Dossier" (ouder, status, "Naam", skipped_id) VALUES (NULL, 'klaar', 'Jansen', 1), (1, 'nieuw', 'de Vries', 2), (1, 'nieuw', NULL, NULL);
INSERT INTO public.zonder_sleutel VALUES ('x', 2), ('x', 1), (NULL, NULL);
`;

const RULES = `version: 1
tables:
  public.skipped: skip
  "Zaken.Dossier":
    columns:
      Id: keep
      ouder: keep
      status: keep
      nummer: keep
      via_skipped: keep
      skipped_id: keep
      Naam: hash
  zonder_sleutel:
    columns: { a: keep, b: keep }
  teller:
    columns: { id: keep, naam: { mask: keep, reason: "test data of a counter table, no person" } }
  uniek:
    columns: { id: keep, notitie: keep, code: keep, deel: keep, los: keep, kort: keep, volgorde: keep, fases: keep }
`;

let source: ScratchDatabase;
let target: ScratchDatabase;
const dir = mkdtempSync(join(tmpdir(), 'mg-shapes-'));

beforeAll(async () => {
  source = await createScratchDatabase(inject('pgUrl'));
  target = await createScratchDatabase(inject('pgUrl'));
  await source.query(SCHEMA);
});
afterAll(async () => {
  await source?.drop();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('dumps of awkward schemas restore with psql', () => {
  it('handles quoted names, non-public schemas, enums (keyword-named, in arrays), serial and standalone sequences, self-references, tables without a key and keys into skipped tables (whose unsupported types do not matter)', async () => {
    const rules = join(dir, 'rules.yaml');
    // YAML keys keep the quotes out: the schema-qualified name is Zaken.Dossier.
    writeFileSync(rules, RULES.replace('"Zaken.Dossier"', 'Zaken.Dossier'));
    const out = join(dir, 'dump.sql');
    const r = await runCli(['run', '-c', rules, '-s', source.url, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('geheim');
    expect(r.stdout).toMatch(/Left out 1 foreign key into skipped tables: Zaken\.Dossier\.\S+ → public\.skipped\./);
    expect(JSON.parse(readFileSync(`${out}.report.json`, 'utf8')).droppedForeignKeys).toEqual([{ table: 'Zaken.Dossier', constraint: 'Dossier_skipped_id_fkey', references: 'public.skipped' }]);
    execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', target.url, '-f', out], { stdio: 'pipe' });
    const q = async (sql: string): Promise<unknown[]> => (await target.query(sql)).rows;
    expect(await q(`SELECT "Id", ouder, status::text, nummer FROM "Zaken"."Dossier" ORDER BY "Id"`)).toEqual(
      (await source.query(`SELECT "Id", ouder, status::text, nummer FROM "Zaken"."Dossier" ORDER BY "Id"`)).rows,
    );
    expect(await q(`SELECT count(*)::int AS n FROM public.zonder_sleutel`)).toEqual([{ n: 3 }]);
    // Identity options and column collations survive.
    expect(await q(`INSERT INTO public.teller (naam) VALUES ('c') RETURNING id`)).toEqual([{ id: 1020 }]);
    expect(await q(`SELECT collation_name FROM information_schema.columns WHERE table_name = 'teller' AND column_name = 'naam'`)).toEqual([{ collation_name: 'C' }]);
    // Enums named by a keyword and enums used only as array elements are created too.
    expect(await q(`SELECT volgorde::text, fases::text FROM public.uniek`)).toEqual([{ volgorde: 'daarna', fases: '{open,dicht}' }]);
    // Sequences continue where the source stopped, including one owned by the skipped table.
    const next = (await source.query(`SELECT nextval('public.skipped_id_seq')::int AS v`)).rows[0].v as number;
    expect(await q(`INSERT INTO "Zaken"."Dossier" DEFAULT VALUES RETURNING "Id", nummer, via_skipped`)).toEqual([{ Id: 4, nummer: 103, via_skipped: next }]);
    expect(await q(`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'dossier_lower_naam'`)).toEqual([{ n: 1 }]);
    await expect(target.query(`INSERT INTO "Zaken"."Dossier" (ouder) VALUES (999)`)).rejects.toThrow();
  });
});

describe('uniqueness comes from every unique index, not only single-column constraints', () => {
  it('refuses a colliding masker on a column under a unique expression index or a composite unique key', async () => {
    const rules = join(dir, 'uniek.yaml');
    writeFileSync(rules, RULES.replace('"Zaken.Dossier"', 'Zaken.Dossier')
      .replace('notitie: keep, code: keep, deel: keep, los: keep', 'notitie: text, code: text, deel: keep, los: text'));
    const r = await runCli(['check', '-c', rules, '-s', source.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/public\.uniek\.notitie: the column is unique/);
    expect(r.stderr).toMatch(/public\.uniek\.code: the column is unique/);
    expect(r.stderr).not.toMatch(/public\.uniek\.los/);
  });
});

describe('masked values must fit the column', () => {
  it('stops (exit 3, nothing published) when a masker writes a value longer than varchar(n)', async () => {
    const rules = join(dir, 'kort.yaml');
    writeFileSync(rules, RULES.replace('"Zaken.Dossier"', 'Zaken.Dossier').replace('kort: keep', 'kort: { mask: fixed, value: "veel te lang" }'));
    const out = join(dir, 'kort.sql');
    const r = await runCli(['run', '-c', rules, '-s', source.url, '-o', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('longer than public.uniek.kort (character varying(5)) allows');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses at plan time (exit 2, with the rule\'s line) a masker that says it cannot fit the column', async () => {
    const rules = join(dir, 'kort-hash.yaml');
    writeFileSync(rules, RULES.replace('"Zaken.Dossier"', 'Zaken.Dossier').replace('kort: keep', 'kort: hash'));
    const r = await runCli(['check', '-c', rules, '-s', source.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/kort-hash\.yaml:\d+:\d+ public\.uniek\.kort: The hash masker writes 16 characters, more than character varying\(5\) holds/);
  });
});
