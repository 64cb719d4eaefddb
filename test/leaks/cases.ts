// The planted-leak cases and the clean controls of issue 4, as data: the SQL that plants the leak in a
// fixture copy, the rule changes that keep (or mask) the planted column, and the layer that must catch
// it. New kept columns have neutral names (toelichting, klantref, gegevens, …) so that classification
// by name stays silent and the intended layer is the one under test; only case 1 tests the name layer.
// Every value is fictional: fixture people with RvIG test BSNs, IBANs and plates made up here.
// Statements go through the Dialect a case is given, and tables are named bare (as in the rules and in
// the expectations), so each case runs unchanged on PostgreSQL and on MariaDB.
import {
  completeBsn,
  elfproefRange,
  groupByFour,
  nlIban,
  passesElfproef,
  randomInt,
  seededRandom,
  sidecode11Plate,
} from './identifiers.js';
import type { Dialect } from './dialect.js';
import type { Applicant, FixtureFacts, PlantSpec } from './plant.js';

/** What a leak case must produce: an error finding of this detector at this place. */
export interface LeakExpectation {
  readonly detector: string;
  /** Bare: the report qualifies it with `public` or the MySQL database. */
  readonly table: string;
  /** Absent for table-level findings (k-anonymity). */
  readonly column?: string;
  /** Row keys (`id=N`) that must each carry such a finding: one per planted notation or place. */
  readonly rowKeys?: readonly string[];
  /** Exit 0 is acceptable too when the published dump holds none of the planted values (scrub removed them). */
  readonly orRemovedFromDump?: boolean;
}

/** One case of the suite: a leak when `expect` is set, a clean control otherwise. */
export interface SuiteCase extends PlantSpec {
  readonly id: string;
  readonly name: string;
  /** The layer meant to catch it (leaks) or the false positive it guards against (controls). */
  readonly layer: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly expect?: LeakExpectation;
}

const APPLICANTS = 'aanvragers';
const REQUESTS = 'aanvragen';
const keep = 'keep';

/** A neutral note on every request, so the kept column is realistic and mostly clean. */
const NEUTRAL_NOTE = 'Beoordeeld volgens de standaardprocedure.';

/** Adds the kept free-text column `toelichting` to aanvragen: the neutral note everywhere, `notes` on their rows. */
function toelichting(d: Dialect, notes: ReadonlyMap<number, string>): string[] {
  return [
    d.addColumn(REQUESTS, 'toelichting', 'text'),
    `UPDATE ${d.table(REQUESTS)} SET toelichting = ${d.lit(NEUTRAL_NOTE)}`,
    ...(notes.size > 0 ? [d.setById(REQUESTS, 'toelichting', notes)] : []),
  ];
}

/** The applicant with this id (fixture ids run 1..300). */
function applicant(f: FixtureFacts, id: number): Applicant {
  const a = f.applicants.find((x) => x.id === id);
  if (a === undefined) throw new Error(`fixture has no applicant ${id}`);
  return a;
}

/** The first applicant with this surname and no tussenvoegsel. */
function bySurname(f: FixtureFacts, surname: string): Applicant {
  const a = f.applicants.find((x) => x.achternaam === surname && x.tussenvoegsel === null);
  if (a === undefined) throw new Error(`fixture has no applicant named ${surname}`);
  return a;
}

const fullName = (a: Applicant): string => `${a.voornaam} ${a.achternaam}`;
const present = (v: string | null): v is string => v !== null && v !== '';
const rowKeys = (ids: readonly number[]): string[] => ids.map((id) => `id=${id}`);

/** RvIG general-block test BSNs (§1.4) that the fixture does not use: valid, fictional, not in the source. */
function unusedTestBsns(f: FixtureFacts): string[] {
  const used = new Set(f.applicants.map((a) => a.bsn));
  return elfproefRange(999_990_000, 999_999_999).filter((b) => !used.has(b));
}

// Case 2: the notations a BSN is written in (§1.3), plus the 3-2-4 dashed style people type by habit.
const NOTATIONS: readonly ((b: string) => string)[] = [
  (b) => b,
  (b) => `${b.slice(0, 4)}.${b.slice(4, 6)}.${b.slice(6)}`,
  (b) => `${b.slice(0, 3)} ${b.slice(3, 6)} ${b.slice(6)}`,
  (b) => `${b.slice(0, 2)}-${b.slice(2, 4)}-${b.slice(4, 6)}-${b.slice(6)}`,
  (b) => `${b.slice(0, 3)}-${b.slice(3, 5)}-${b.slice(5)}`,
];
const NOTATION_NOTES = [
  (v: string) => `Zelfde woonadres als aanvrager ${v}, dossiers samen afhandelen.`,
  (v: string) => `Partner (${v}) kreeg eerder een waardering voor hetzelfde diploma.`,
  (v: string) => `Gemachtigde is ${v}; machtiging zit in het dossier.`,
  (v: string) => `Broer ${v} diende dezelfde stukken in.`,
  (v: string) => `Zie ook het dossier van ${v} uit 2021.`,
];

/** The leak cases 1–14 of the brief (9 as 9a in a kept note, 9b–9d in the scrubbed notities). */
export const LEAK_CASES: readonly SuiteCase[] = [
  {
    id: '1',
    name: 'keep on the BSN column',
    layer: 'L1/L2 classification by column name',
    mutate: (f) => ({ sql: [], planted: f.applicants.map((a) => a.bsn) }),
    rules: { [`${APPLICANTS}.bsn`]: keep },
    expect: { detector: 'classification', table: APPLICANTS, column: 'bsn' },
  },
  {
    id: '2',
    name: 'BSNs of other applicants in free text, five notations, no BSN keyword',
    layer: 'L5 exact match (tokens in text)',
    mutate: (f, d) => {
      const rows = [10, 11, 12, 13, 14];
      const notes = new Map<number, string>();
      const planted: string[] = [];
      rows.forEach((row, i) => {
        // Applicants 201–205: not the applicants of requests 10–14.
        const written = NOTATIONS[i]!(applicant(f, 201 + i).bsn);
        notes.set(row, NOTATION_NOTES[i]!(written));
        planted.push(written);
      });
      return { sql: toelichting(d, notes), planted };
    },
    rules: { [`${REQUESTS}.toelichting`]: keep },
    expect: { detector: 'exact-match', table: REQUESTS, column: 'toelichting', rowKeys: rowKeys([10, 11, 12, 13, 14]) },
  },
  {
    id: '3',
    name: 'integer BSN that lost its leading zeros (RvIG 0000-block BSN → bigint)',
    layer: 'L5 exact match (integer re-padded to 9 digits)',
    mutate: (f, d) => {
      // Two applicants get elfproef-valid BSNs from RvIG's leading-zero test block 000000001–000009999.
      const block = elfproefRange(1_000, 9_999);
      const zeroBlock = [block.find((b) => b >= '000001234')!, block.find((b) => b >= '000008760')!];
      const ids = [150, 151];
      const used = new Set(f.applicants.map((a) => a.bsn));
      if (zeroBlock.some((b) => used.has(b))) throw new Error('leading-zero BSN already in the fixture');
      return {
        sql: [
          d.setById(APPLICANTS, 'bsn', new Map(ids.map((id, i) => [id, zeroBlock[i]!]))),
          d.addColumn(APPLICANTS, 'klantref', 'bigint'),
          `UPDATE ${d.table(APPLICANTS)} SET klantref = ${d.toBigint('bsn')} WHERE id IN (${ids.join(', ')})`,
        ],
        // The bigint forms (4 digits) are too short to grep for without false alarms; the 9-digit forms are not.
        planted: zeroBlock,
      };
    },
    rules: { [`${APPLICANTS}.klantref`]: keep },
    expect: { detector: 'exact-match', table: APPLICANTS, column: 'klantref', rowKeys: rowKeys([150, 151]) },
  },
  {
    id: '4',
    name: 'BSNs inside a JSON column (nested object and array; jsonb on PostgreSQL)',
    layer: 'L5 exact match (JSON strings)',
    mutate: (f, d) => {
      const ids = [20, 21, 22];
      const docs = new Map<number, string>();
      const planted: string[] = [];
      for (const id of ids) {
        const own = applicant(f, id).bsn;
        const other = applicant(f, id + 100).bsn;
        docs.set(id, JSON.stringify({ dossier: { id: own, status: 'compleet' }, refs: [other] }));
        planted.push(own, other);
      }
      return { sql: [d.addColumn(APPLICANTS, 'gegevens', 'json'), d.setById(APPLICANTS, 'gegevens', docs, 'json')], planted };
    },
    rules: { [`${APPLICANTS}.gegevens`]: keep },
    expect: { detector: 'exact-match', table: APPLICANTS, column: 'gegevens', rowKeys: rowKeys([20, 21, 22]) },
  },
  {
    id: '5',
    name: 'e-mail copied into a username column',
    layer: 'L5 exact match (whole cell)',
    mutate: (f, d) => ({
      sql: [d.addColumn(APPLICANTS, 'gebruikersnaam', 'text'), `UPDATE ${d.table(APPLICANTS)} SET gebruikersnaam = email`],
      planted: f.applicants.map((a) => a.email).filter(present),
    }),
    rules: { [`${APPLICANTS}.gebruikersnaam`]: keep },
    expect: { detector: 'exact-match', table: APPLICANTS, column: 'gebruikersnaam', rowKeys: rowKeys([1, 2]) },
  },
  {
    id: '6',
    name: 'search column derived from name and e-mail (tsvector; FULLTEXT-indexed text on MySQL)',
    layer: 'L5 exact match (search words or lexemes; full name first+last)',
    mutate: (f, d) => ({
      sql: d.addSearchColumn(APPLICANTS, 'zoekveld', ['voornaam', 'achternaam', 'email']),
      planted: [...f.applicants.map((a) => a.email).filter(present), ...f.applicants.map(fullName)],
    }),
    rules: { [`${APPLICANTS}.zoekveld`]: keep },
    expect: { detector: 'exact-match', table: APPLICANTS, column: 'zoekveld', rowKeys: rowKeys([1]) },
  },
  {
    id: '7',
    name: 'IBAN of a masked iban column copied into a note (grouped by 4)',
    layer: 'L5 exact match (IBAN in text)',
    mutate: (f, d) => {
      const r = seededRandom(0x1ba7);
      const banks = ['ABNA', 'INGB', 'RABO'];
      const ibans = new Map<number, string>();
      for (const a of f.applicants) {
        const account = String(randomInt(r, 0, 99_999)).padStart(5, '0') + String(randomInt(r, 0, 99_999)).padStart(5, '0');
        ibans.set(a.id, nlIban(banks[a.id % banks.length]!, account));
      }
      const copied = groupByFour(ibans.get(31)!);
      return {
        sql: [
          d.addColumn(APPLICANTS, 'iban', 'text'),
          d.setById(APPLICANTS, 'iban', ibans),
          ...toelichting(d, new Map([[30, `Restitutie van de leges naar ${copied} van de gemachtigde.`]])),
        ],
        planted: [...ibans.values(), copied],
      };
    },
    rules: { [`${APPLICANTS}.iban`]: 'iban', [`${REQUESTS}.toelichting`]: keep },
    expect: { detector: 'exact-match', table: REQUESTS, column: 'toelichting', rowKeys: rowKeys([30]) },
  },
  {
    id: '8',
    name: 'kenteken of a masked plate column copied into a note',
    layer: 'L5 exact match (plate in text)',
    mutate: (f, d) => {
      const r = seededRandom(0x9a7e);
      const plates = new Map<number, string>();
      const seen = new Set<string>();
      for (const a of f.applicants) {
        let p = sidecode11Plate(r);
        while (seen.has(p)) p = sidecode11Plate(r);
        seen.add(p);
        plates.set(a.id, p);
      }
      const copied = plates.get(41)!;
      return {
        sql: [
          d.addColumn(APPLICANTS, 'kenteken', 'text'),
          d.setById(APPLICANTS, 'kenteken', plates),
          ...toelichting(d, new Map([[40, `Parkeerontheffing bij het loket voor ${copied} afgegeven.`]])),
        ],
        planted: [...plates.values()],
      };
    },
    rules: { [`${APPLICANTS}.kenteken`]: 'plate', [`${REQUESTS}.toelichting`]: keep },
    expect: { detector: 'exact-match', table: REQUESTS, column: 'toelichting', rowKeys: rowKeys([40]) },
  },
  {
    id: '9a',
    name: 'full names (surnames outside the name lists) in a kept note',
    layer: 'L5 exact match (full name first+last)',
    mutate: (f, d) => {
      const names = ['Çelik', 'Kartosen', 'Haile'].map((s) => fullName(bySurname(f, s)));
      const notes = new Map(names.map((n, i) => [50 + i, `Telefonisch gesproken met ${n} over de aanvulling.`] as const));
      return { sql: toelichting(d, notes), planted: names };
    },
    rules: { [`${REQUESTS}.toelichting`]: keep },
    expect: { detector: 'exact-match', table: REQUESTS, column: 'toelichting', rowKeys: rowKeys([50, 51, 52]) },
  },
  // 9b–9d: one name per run, so that each run says for its own name whether scrub replaced it (exit 0,
  // name gone) or exact match refused it (exit 1, finding on its row); never a name kept silently.
  scrubbedName('9b', 'Çelik', 50),
  scrubbedName('9c', 'Kartosen', 51),
  scrubbedName('9d', 'Haile', 52),
  {
    id: '10',
    name: 'phone masker returns its input (MASKGATE_FAULT_INJECT=identity:phone)',
    layer: 'unchanged values (row-level)',
    env: { MASKGATE_FAULT_INJECT: 'identity:phone' },
    mutate: (f) => ({ sql: [], planted: f.applicants.map((a) => a.telefoon).filter(present) }),
    rules: {},
    expect: { detector: 'unchanged-value', table: APPLICANTS, column: 'telefoon' },
  },
  {
    id: '11',
    name: 'bsn masker returns its input (MASKGATE_FAULT_INJECT=identity:bsn)',
    layer: 'L6 generator range (BSN outside the 00-block)',
    env: { MASKGATE_FAULT_INJECT: 'identity:bsn' },
    mutate: (f) => ({ sql: [], planted: f.applicants.map((a) => a.bsn) }),
    rules: {},
    expect: { detector: 'generator-range', table: APPLICANTS, column: 'bsn' },
  },
  {
    id: '12',
    name: 'a BSN that is not in the source, with keyword, in a kept note',
    layer: 'L1+L4 pattern detector (BSN with context)',
    mutate: (f, d) => {
      const bsn = unusedTestBsns(f)[0]!;
      return { sql: toelichting(d, new Map([[60, `Voogd gebeld, BSN: ${bsn} genoteerd.`]])), planted: [bsn] };
    },
    rules: { [`${REQUESTS}.toelichting`]: keep },
    expect: { detector: 'pattern-bsn', table: REQUESTS, column: 'toelichting', rowKeys: rowKeys([60]) },
  },
  {
    id: '13',
    name: 'kept column whose every value is an elfproef-valid BSN not in the source',
    layer: 'L3 content statistics',
    mutate: (f, d) => {
      const pool = unusedTestBsns(f);
      const values = new Map(f.applicants.map((a, i) => [a.id, pool[i]!] as const));
      return { sql: [d.addColumn(APPLICANTS, 'referentie', 'text'), d.setById(APPLICANTS, 'referentie', values)], planted: [...values.values()] };
    },
    rules: { [`${APPLICANTS}.referentie`]: keep },
    expect: { detector: 'content-statistics', table: APPLICANTS, column: 'referentie' },
  },
  {
    id: '14',
    name: 'real birth date + PC6 + gender kept (acknowledged keeps)',
    layer: 'k-anonymity over quasi-identifiers',
    mutate: (f) => ({ sql: [], planted: f.applicants.map((a) => a.geboortedatum) }),
    rules: {
      [`${APPLICANTS}.geboortedatum`]: { mask: 'keep', reason: 'test' },
      [`${APPLICANTS}.postcode`]: { mask: 'keep', reason: 'test' },
      [`${APPLICANTS}.geslacht`]: keep,
    },
    expect: { detector: 'k-anonymity', table: APPLICANTS },
  },
  {
    id: '15',
    name: 'a real e-mail address as a column DEFAULT in the schema',
    layer: 'L5 exact match over the dump\'s DDL',
    mutate: (f, d) => {
      const email = f.applicants.find((a) => present(a.email))!.email!;
      return { sql: [d.addColumn(REQUESTS, 'contact', 'text'), d.setDefault(REQUESTS, 'contact', email)], planted: [email] };
    },
    rules: { [`${REQUESTS}.contact`]: 'email' },
    expect: { detector: 'exact-match', table: '(schema)' },
  },
  {
    id: '16',
    name: 'case-worker text kept in a binary column (bytea / blob) naming BSNs',
    layer: 'L5 exact match over bytes read as text',
    mutate: (f, d) => {
      const ids = [20, 21];
      const notes = new Map(ids.map((id) => [id, `Scan van dossier ${applicant(f, id).bsn}`] as const));
      return {
        sql: [d.addColumn(REQUESTS, 'bijlage', 'bytes'), ...ids.map((id) => `UPDATE ${d.table(REQUESTS)} SET bijlage = ${d.textAsBytes(d.lit(notes.get(id)!))} WHERE id = ${id}`)],
        planted: ids.map((id) => applicant(f, id).bsn),
      };
    },
    rules: { [`${REQUESTS}.bijlage`]: keep },
    expect: { detector: 'exact-match', table: REQUESTS, column: 'bijlage', rowKeys: rowKeys([20, 21]) },
  },
];

/** Case 9 in the scrubbed notities: the full name of the first applicant with `surname`, on request `row`. */
function scrubbedName(id: string, surname: string, row: number): SuiteCase {
  return {
    id,
    name: `full name (surname ${surname}, outside the name lists) in the scrubbed notities: refused, or replaced by scrub`,
    layer: 'L5 exact match over scrub output (or scrub itself)',
    mutate: (f, d) => {
      const name = fullName(bySurname(f, surname));
      return { sql: [d.setById(REQUESTS, 'notities', new Map([[row, `Teruggebeld door ${name}, stukken volgen per post.`]]))], planted: [name] };
    },
    rules: {},
    expect: { detector: 'exact-match', table: REQUESTS, column: 'notities', rowKeys: rowKeys([row]), orRemovedFromDump: true },
  };
}

/** Clean controls A–F: they must publish with zero error findings (warnings allowed and counted). */
export const CONTROLS: readonly SuiteCase[] = [
  {
    id: 'A',
    name: 'random 9-digit order numbers (≈1 in 11 pass the elfproef), also in the note as "order …"',
    layer: 'no BSN refusal without context',
    mutate: (f, d) => {
      const r = seededRandom(0x04de);
      const numbers = new Map<number, string>();
      const seen = new Set<string>();
      for (const a of f.aanvragen) {
        // Leading 1–8: never in the fixture's 99999… or 0000… BSN blocks, so no exact match by accident.
        let n = String(randomInt(r, 100_000_000, 899_999_999));
        while (seen.has(n)) n = String(randomInt(r, 100_000_000, 899_999_999));
        seen.add(n);
        numbers.set(a.id, n);
      }
      return {
        sql: [
          d.addColumn(REQUESTS, 'ordernummer', 'text'),
          d.setById(REQUESTS, 'ordernummer', numbers),
          ...toelichting(d, new Map([...numbers].map(([id, n]) => [id, `Leges voldaan, order ${n}.`] as const))),
        ],
        planted: [],
        info: `${[...numbers.values()].filter(passesElfproef).length}/${numbers.size} order numbers pass the elfproef`,
      };
    },
    rules: { [`${REQUESTS}.ordernummer`]: keep, [`${REQUESTS}.toelichting`]: keep },
  },
  {
    id: 'B',
    name: 'jjjjmmdd date codes',
    layer: 'no BSN refusal for 8-digit dates',
    mutate: (f, d) => {
      const r = seededRandom(0xda7e);
      const start = Date.UTC(1950, 0, 1);
      const days = Math.floor((Date.UTC(2024, 11, 31) - start) / 86_400_000);
      const codes = new Map(f.applicants.map((a) => [a.id, new Date(start + randomInt(r, 0, days) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')] as const));
      return {
        sql: [d.addColumn(APPLICANTS, 'datumcode', 'text'), d.setById(APPLICANTS, 'datumcode', codes)],
        planted: [],
        info: `${[...codes.values()].filter((c) => passesElfproef(`0${c}`)).length}/${codes.size} dates pass the elfproef when padded to 9`,
      };
    },
    rules: { [`${APPLICANTS}.datumcode`]: keep },
  },
  {
    id: 'C',
    name: 'RSIN-like employer numbers in a column the rules declare as company data',
    layer: 'acknowledged keep of legal-entity numbers',
    mutate: (f, d) => {
      // Twelve employers; RSINs of legal entities are 9 digits with the BSN elfproef (§1.7).
      const r = seededRandom(0x5515);
      const rsins: string[] = [];
      while (rsins.length < 12) {
        const rsin = completeBsn(String(randomInt(r, 80_000_000, 86_999_999)));
        if (rsin !== null && !rsins.includes(rsin)) rsins.push(rsin);
      }
      const values = new Map(f.applicants.map((a) => [a.id, rsins[a.id % rsins.length]!] as const));
      return {
        sql: [d.addColumn(APPLICANTS, 'werkgever_rsin', 'text'), d.setById(APPLICANTS, 'werkgever_rsin', values)],
        planted: [],
        info: `${rsins.length} distinct elfproef-valid RSINs over ${values.size} rows`,
      };
    },
    rules: { [`${APPLICANTS}.werkgever_rsin`]: { mask: 'keep', reason: 'RSIN of employers: legal entities, not persons' } },
  },
  {
    id: 'D',
    name: 'product codes that look like kentekens in compact form',
    layer: 'no plate refusal for compact codes outside plate columns',
    mutate: (f, d) => {
      // Half of the catalogue are valid compact plates (sidecodes 4 and 11, modern letters, GBB01B among
      // them); the other half carry a vowel, as product codes usually do.
      const r = seededRandom(0xc0de);
      const modern = 'BDFGHJKLNPRSTVXZ';
      const any = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
      const L = (alphabet: string): string => alphabet[randomInt(r, 0, alphabet.length - 1)]!;
      const D = (): string => String(randomInt(r, 0, 9));
      const catalogue = new Set<string>(['GBB01B', 'AB12CD']);
      while (catalogue.size < 20) catalogue.add(r() < 0.5 ? `${L(modern)}${L(modern)}${D()}${D()}${L(modern)}${L(modern)}` : `${L(modern)}${L(modern)}${L(modern)}${D()}${D()}${L(modern)}`);
      while (catalogue.size < 40) catalogue.add(`${L('AEIOU')}${L(any)}${D()}${D()}${L(any)}${L(any)}`);
      const codes = [...catalogue];
      const values = new Map(f.aanvragen.map((a) => [a.id, codes[a.id % codes.length]!] as const));
      const plateLike = codes.filter((c) => /^[BDFGHJKLNPRSTVXZ]+$/.test(c.replace(/\d/g, ''))).length;
      return {
        sql: [d.addColumn(REQUESTS, 'productcode', 'text'), d.setById(REQUESTS, 'productcode', values)],
        planted: [],
        info: `${plateLike}/${codes.length} distinct codes are valid compact kentekens (sidecode 4 or 11)`,
      };
    },
    rules: { [`${REQUESTS}.productcode`]: keep },
  },
  {
    id: 'E',
    name: 'single common first names (also among the fakes) in a kept column',
    layer: 'L5 compares full names only, never single first names',
    mutate: (f, d) => {
      const names = ['Jan', 'Emma', 'Noor', 'Sem', 'Julia', 'Daan', 'Sophie', 'Lucas', 'Anna', 'Thijs', 'Eva', 'Levi'];
      const values = new Map(f.aanvragen.map((a) => [a.id, names[a.id % names.length]!] as const));
      return { sql: [d.addColumn(REQUESTS, 'afdeling_contact', 'text'), d.setById(REQUESTS, 'afdeling_contact', values)], planted: [] };
    },
    rules: { [`${REQUESTS}.afdeling_contact`]: keep },
  },
  {
    id: 'F',
    name: 'the unmodified fixture with the committed rules (baseline)',
    layer: 'every layer on clean output',
    mutate: () => ({ sql: [], planted: [] }),
    rules: {},
  },
];

