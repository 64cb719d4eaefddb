import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresDumpFormat } from '../../../src/db/postgres/postgres-dump.js';
import { KeyedPrf } from '../../../src/keyed/keyed-prf.js';
import { FingerprintBatch, leakHash, newLogSeal } from '../../../src/verify/fingerprint-log.js';
import { verifyStagedDump, type ExpectedTable } from '../../../src/verify/verifier.js';
import { FingerprintSet } from '../../../src/verify/fingerprint-set.js';
import { SourceFingerprints } from '../../../src/verify/source-fingerprints.js';
import { unplannedTable } from '../../../src/run/expected-table.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const prf = new KeyedPrf(Buffer.from('maskgate-test-key-for-the-verifier-tests'));
const format = postgresDumpFormat;
const table: ExpectedTable = {
  name: 'public.p', target: '"public"."p" ("id", "bsn")', columns: ['id', 'bsn'], rows: 2, leakChecked: [1], rowKeyColumns: [0],
};
// Fictional source values (RvIG test BSNs).
const SOURCE = ['999990019', '999993653'];

function stage(body: string, sources: (string | null)[] = SOURCE): { dumpPath: string; fingerprintPath: string; seal: ReturnType<typeof newLogSeal> } {
  const id = Math.random().toString(36).slice(2);
  const dumpPath = join(dir, `${id}.sql`);
  const fingerprintPath = join(dir, `${id}.fp`);
  writeFileSync(dumpPath, body);
  const seal = newLogSeal();
  const b = new FingerprintBatch(seal);
  for (const s of sources) b.add(leakHash(s));
  writeFileSync(fingerprintPath, b.take());
  return { dumpPath, fingerprintPath, seal };
}

const good = 'CREATE TABLE x;\nCOPY "public"."p" ("id", "bsn") FROM stdin;\n1\t005135266\n2\t003088133\n\\.\n\n-- maskgate: end of dump\n';

describe('verifyStagedDump', () => {
  it('passes a complete dump whose masked cells all changed', async () => {
    const r = await verifyStagedDump({ ...stage(good), tables: [table], prf, format });
    expect(r.passed).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.layers.find((l) => l.layer === 'unchanged-values')!.checked).toBe(2);
  });

  it('catches a planted unchanged value, also in another notation, with a redacted preview', async () => {
    const r = await verifyStagedDump({ ...stage(good.replace('003088133', '9999-93-653')), tables: [table], prf, format });
    expect(r.passed).toBe(false);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ detector: 'unchanged-value', table: 'public.p', column: 'bsn', rowKey: 'id=2', preview: '*********53' });
    expect(JSON.stringify(r.findings)).not.toContain('999993653');
  });

  it('L6: catches a changed but out-of-range value (a BSN outside the 00-block in a test-block column)', async () => {
    const inRange = (out: string): boolean => out.startsWith('00');
    const ranged: ExpectedTable = { ...table, rangeChecked: [{ index: 1, masker: 'bsn', inRange }] };
    // 999996836 is another RvIG test number: not its row's source, so only the range check can see it.
    const r = await verifyStagedDump({ ...stage(good.replace('003088133', '999996836')), tables: [ranged], prf, format });
    expect(r.passed).toBe(false);
    expect(r.findings.map((f) => f.detector)).toEqual(['generator-range']);
    expect(r.findings[0]).toMatchObject({ table: 'public.p', column: 'bsn', rowKey: 'id=2', severity: 'error' });
    expect(JSON.stringify(r.findings)).not.toContain('999996836');
    expect(r.layers.find((l) => l.layer === 'generator-range')).toMatchObject({ layer: 'generator-range', checked: 2, findings: 1 });
    expect((await verifyStagedDump({ ...stage(good), tables: [ranged], prf, format })).passed).toBe(true);
  });

  it('L1: refuses a kept column whose name says personal data, naming it without any value', async () => {
    const r = await verifyStagedDump({ ...stage(good), tables: [table], prf, format, classification: { checked: 1, flagged: [{ table: 'public.p', column: 'bsn', looksLike: 'bsn' }] } });
    expect(r.passed).toBe(false);
    expect(r.findings).toEqual([expect.objectContaining({ detector: 'classification', table: 'public.p', column: 'bsn', severity: 'error' })]);
    expect(r.layers.find((l) => l.layer === 'classification')).toMatchObject({ layer: 'classification', checked: 1, findings: 1 });
  });

  it('L4: refuses a kept text column holding an identifier with high confidence, warns on low', async () => {
    const kept: ExpectedTable = { ...table, target: '"public"."p" ("id", "note")', columns: ['id', 'note'], leakChecked: [], patternScanned: [1] };
    const body = 'COPY "public"."p" ("id", "note") FROM stdin;\n1\tBelde, BSN 999990019 nagevraagd\n2\torder 999993653\n\\.\n\n-- maskgate: end of dump\n';
    const r = await verifyStagedDump({ ...stage(body, []), tables: [kept], prf, format });
    expect(r.passed).toBe(false);
    expect(r.findings.map((f) => [f.detector, f.severity, f.rowKey])).toEqual([['pattern-bsn', 'error', 'id=1'], ['pattern-bsn', 'warning', 'id=2']]);
    expect(JSON.stringify(r.findings)).not.toMatch(/999990019|999993653/);
    // The rules' allow list accepts a value in any notation.
    const allowed = await verifyStagedDump({ ...stage(body, []), tables: [kept], prf, format, allowed: new Set(['999990019', '999993653']) });
    expect(allowed.passed).toBe(true);
    expect(allowed.findings).toEqual([]);
    // Warnings alone do not refuse, however many there are.
    const many = 'COPY "public"."p" ("id", "note") FROM stdin;\n' + Array.from({ length: 150 }, (_, i) => `${i}\torder 999993653\n`).join('') + '\\.\n\n-- maskgate: end of dump\n';
    const w = await verifyStagedDump({ ...stage(many, []), tables: [{ ...kept, rows: 150 }], prf, format });
    expect(w.passed).toBe(true);
    expect(w.unlistedFindings).toBe(50);
  });

  it('L4: refuses a date next to a birth keyword in kept text; a postcode is a warning, a deadline nothing', async () => {
    const kept: ExpectedTable = { ...table, target: '"public"."p" ("id", "note")', columns: ['id', 'note'], leakChecked: [], patternScanned: [1] };
    const body = 'COPY "public"."p" ("id", "note") FROM stdin;\n1\tAanvrager geboren op 12-03-1985 te Utrecht\n2\tWoont op 3404 VG, reactie voor 01-06-2024\n\\.\n\n-- maskgate: end of dump\n';
    const r = await verifyStagedDump({ ...stage(body, []), tables: [kept], prf, format });
    expect(r.passed).toBe(false);
    expect(r.findings.map((f) => [f.detector, f.severity, f.rowKey])).toEqual([['pattern-date', 'error', 'id=1'], ['pattern-postcode', 'warning', 'id=2']]);
  });

  it('ignores NULL source cells', async () => {
    const r = await verifyStagedDump({ ...stage(good.replace('005135266', '\\N'), [null, SOURCE[1]!]), tables: [table], prf, format });
    expect(r.passed).toBe(true);
  });

  it.each([
    ['a missing row', good.replace('2\t003088133\n', ''), /holds 1 rows where the source had 2/],
    ['a missing trailer', good.replace('-- maskgate: end of dump\n', ''), /no end-of-dump trailer/],
    ['a missing table', 'CREATE TABLE x;\n-- maskgate: end of dump\n', /missing from the dump/],
    ['a truncated row', good.replace('2\t003088133', '2'), /has 1 fields where the table has 2/],
  ])('refuses a dump with %s (dump-integrity)', async (_name, body, message) => {
    const r = await verifyStagedDump({ ...stage(body), tables: [table], prf, format });
    expect(r.passed).toBe(false);
    expect(r.findings.map((f) => f.message).join('\n')).toMatch(message);
    expect(r.findings.every((f) => f.detector === 'dump-integrity')).toBe(true);
  });

  it('gives a finding the same id on every run and caps listed findings per column', async () => {
    const many: ExpectedTable = { ...table, rows: 3 };
    const body = 'COPY "public"."p" ("id", "bsn") FROM stdin;\n1\t999990019\n2\t999993653\n3\t000000012\n\\.\n-- maskgate: end of dump\n';
    const sources = ['999990019', '999993653', '000000012'];
    const a = await verifyStagedDump({ ...stage(body, sources), tables: [many], prf, format, maxFindingsPerColumn: 2 });
    const b = await verifyStagedDump({ ...stage(body, sources), tables: [many], prf, format, maxFindingsPerColumn: 2 });
    expect(a.findings).toHaveLength(2);
    expect(a.unlistedFindings).toBe(1);
    expect(a.findings.map((f) => f.id)).toEqual(b.findings.map((f) => f.id));
  });

  describe('verify without rules (discovered tables)', () => {
    it('refuses a column of source names made only of list words (copied), and only warns for one such name among many cells', async () => {
      const src = new SourceFingerprints(new FingerprintSet({ budgetBytes: 1 << 20 }), new KeyedPrf(Buffer.from('maskgate-test-key-for-the-verifier-tests')));
      const people = [['Jan', 'Vries'], ['Anna', 'Bakker'], ['Sanne', 'Visser'], ['Piet', 'Jansen']];
      const add = src.forTable([{ index: 0, input: 'first_name' }, { index: 1, input: 'last_name' }])!;
      for (const p of people) add((i) => p[i] ?? null);
      const discover = (target: string): ExpectedTable => unplannedTable({ name: target, columns: [{ name: 'id', kind: 'integer' }, { name: 'contact', kind: 'text' }], primaryKey: ['id'] }, target);
      const body = (cells: string[]): string => `COPY public.c (id, contact) FROM stdin;\n${cells.map((c, i) => `${i + 1}\t${c}`).join('\n')}\n\\.\n-- maskgate: end of dump\n`;
      const copied = await verifyStagedDump({ dumpPath: stage(body(people.map((p) => p.join(' ')))).dumpPath, tables: [], discover, prf, format, sourceFingerprints: src });
      expect(copied.passed).toBe(false);
      expect(copied.findings).toContainEqual(expect.objectContaining({ detector: 'exact-match', column: 'contact', severity: 'error' }));
      const fillers = Array.from({ length: 20 }, (_, i) => `Kees Berg ${i}`);
      const one = await verifyStagedDump({ dumpPath: stage(body(['Anna Bakker', ...fillers])).dumpPath, tables: [], discover, prf, format, sourceFingerprints: src });
      expect(one.passed).toBe(true);
      expect(one.findings).toContainEqual(expect.objectContaining({ detector: 'exact-match', column: 'contact', severity: 'warning' }));
    });
  });

  describe('L5 exact match', () => {
    const notes: ExpectedTable = {
      name: 'public.n', target: '"public"."n" ("id", "note", "ref", "phone")', columns: ['id', 'note', 'ref', 'phone'], rows: 1, leakChecked: [], rowKeyColumns: [0],
      exactScanned: [{ index: 1, integer: false, coincides: 0 }, { index: 2, integer: 'any', coincides: 0 }, { index: 3, integer: false, coincides: 1 << 4 }],
    };
    /** Fictional source people: an RvIG test BSN with leading zeros, a phone number, a name no list holds. */
    function source(): SourceFingerprints {
      const src = new SourceFingerprints(new FingerprintSet({ budgetBytes: 1 << 20 }), new KeyedPrf(Buffer.from('maskgate-test-key-for-the-verifier-tests')));
      const row = src.forTable([{ index: 0, input: 'bsn' }, { index: 1, input: 'phone' }, { index: 2, input: 'first_name' }, { index: 3, input: 'last_name' }, { index: 4, input: 'email' }])!;
      const values = ['000001236', '06-12345678', 'Kees', 'Çelik', 'kees.celik@voorbeeldmail.nl'];
      row((i) => values[i] ?? null);
      return src;
    }
    const dump = (note: string, ref: string, phone: string): string => `COPY "public"."n" ("id", "note", "ref", "phone") FROM stdin;\n1\t${note}\t${ref}\t${phone}\n\\.\n\n-- maskgate: end of dump\n`;
    const run = (body: string) => verifyStagedDump({ ...stage(body, []), tables: [notes], prf, format, sourceFingerprints: source() });

    it('passes output without source values', async () => {
      const r = await run(dump('Gesprek met Jan over de aanvraag', '17', '06-87654321'));
      expect(r.passed).toBe(true);
      expect(r.layers.find((l) => l.layer === 'exact-match')).toMatchObject({ checked: 3, findings: 0 });
    });

    it.each([
      ['a BSN in another notation', 'dossier 0000.01.236 gekoppeld'],
      ['a BSN split in groups', 'ref 000 001 236'],
      ['a BSN glued to a path', 'zie \\\\\\\\nas01\\\\scans\\\\000001236.pdf'],
      ['a BSN inside JSON', '{"dossier": {"id": "000001236"}}'],
      ['a BSN as a JSON member name (the json masker never renames keys)', '{"000001236": {"status": "open"}}'],
      ['a phone number in another notation', 'bel +31 6 1234 5678'],
      ['an e-mail address in a tsvector', "'celik':2 'kees':1 'kees.celik@voorbeeldmail.nl':3"],
      ['a full name no list holds', 'Kees Çelik stuurt de cijferlijst na'],
      ['a name as initial and surname', 'Gesprek met K. Celik'],
    ])('refuses %s in a kept column, naming the column', async (_what, note) => {
      const r = await run(dump(note, '17', '06-87654321'));
      expect(r.passed).toBe(false);
      expect(r.findings).toEqual([expect.objectContaining({ detector: 'exact-match', table: 'public.n', column: 'note', rowKey: 'id=1', severity: 'error' })]);
      expect(JSON.stringify(r.findings)).not.toMatch(/1236|12345678|celik|Çelik/i);
    });

    it('finds a name in text without capitals (a search key), but not inside an e-mail address', async () => {
      expect((await run(dump('kees çelik 3404vg', '17', '06-87654321'))).findings).toEqual([expect.objectContaining({ detector: 'exact-match', column: 'note' })]);
      expect((await run(dump('kees.celik.x9@example.com', '17', '06-87654321'))).passed).toBe(true);
    });

    it('counts a kept column of small integers that meets a test BSN now and then as coincidence, not a leak', async () => {
      const many: ExpectedTable = { ...notes, rows: 3, rowKeyColumns: [0] };
      const body = `COPY "public"."n" ("id", "note", "ref", "phone") FROM stdin;\n1\t\t1236\t\n2\t\t17\t\n3\t\t2024\t\n\\.\n\n-- maskgate: end of dump\n`;
      const r = await verifyStagedDump({ ...stage(body, []), tables: [many], prf, format, sourceFingerprints: source() });
      expect(r.passed).toBe(true);
      expect(r.layers.find((l) => l.layer === 'exact-match')!.detail).toMatchObject({ shortIntegerCoincidences: { 'public.n.ref': 1 } });
    });

    it('refuses a BSN in a numeric column that lost its leading zeros', async () => {
      const r = await run(dump('', '1236', '06-87654321'));
      expect(r.findings).toEqual([expect.objectContaining({ detector: 'exact-match', column: 'ref', severity: 'error' })]);
    });

    it('counts, without refusing, a source value written by a masker that draws from the real space in its own column', async () => {
      const r = await run(dump('', '17', '0612345678'));
      expect(r.passed).toBe(true);
      expect(r.findings).toEqual([]);
      expect(r.layers.find((l) => l.layer === 'exact-match')!.detail).toMatchObject({ coincidences: 1, coincidencesByColumn: { 'public.n.phone': 1 } });
    });
  });

  it('L3: refuses a kept column whose content is BSNs whatever its name, warns when the rule gives a reason', async () => {
    const valid = ['999990019', '999993653', '999996836', '999990160', '999991413', '999991905', '999992843', '999993161', '999993525', '999994050', '999994141', '999994694', '999995820', '999995935', '999996162', '999996393', '999996484', '999996654', '999996903', '999998808'];
    const body = `COPY "public"."r" ("id", "ref") FROM stdin;\n${valid.map((v, i) => `${i + 1}\t${v}`).join('\n')}\n\\.\n\n-- maskgate: end of dump\n`;
    const t: ExpectedTable = { name: 'public.r', target: '"public"."r" ("id", "ref")', columns: ['id', 'ref'], rows: valid.length, leakChecked: [], rowKeyColumns: [0], contentSampled: [{ index: 1, acknowledged: false }] };
    const r = await verifyStagedDump({ ...stage(body, []), tables: [t], prf, format });
    expect(r.passed).toBe(false);
    expect(r.findings).toEqual([expect.objectContaining({ detector: 'content-statistics', table: 'public.r', column: 'ref', severity: 'error' })]);
    expect(JSON.stringify(r.findings)).not.toMatch(/99999/);
    const ack = await verifyStagedDump({ ...stage(body, []), tables: [{ ...t, contentSampled: [{ index: 1, acknowledged: true }] }], prf, format });
    expect(ack.passed).toBe(true);
    expect(ack.findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('k-anonymity: refuses real birth date + PC6 + gender kept, counting only the real part that survives', async () => {
    const rows = [['1980-01-02', '1234 AB', 'V'], ['1980-01-02', '1234 AB', 'V'], ['1975-05-05', '1234 AC', 'M']];
    const body = `COPY "public"."q" ("id", "geb", "pc", "g") FROM stdin;\n${rows.map((r, i) => `${i + 1}\t${r.join('\t')}`).join('\n')}\n\\.\n\n-- maskgate: end of dump\n`;
    const base: ExpectedTable = { name: 'public.q', target: '"public"."q" ("id", "geb", "pc", "g")', columns: ['id', 'geb', 'pc', 'g'], rows: 3, leakChecked: [], rowKeyColumns: [0] };
    const all = (x: string): string => x;
    const kept = { ...base, quasiIdentifiers: { k: 2, declared: ['geb', 'pc', 'g'], surviving: [{ index: 1, name: 'geb', realPart: all }, { index: 2, name: 'pc', realPart: all }, { index: 3, name: 'g', realPart: all }] } };
    const r = await verifyStagedDump({ ...stage(body, []), tables: [kept], prf, format });
    expect(r.passed).toBe(false);
    expect(r.findings).toEqual([expect.objectContaining({ detector: 'k-anonymity', table: 'public.q', severity: 'error' })]);
    expect(JSON.stringify(r)).not.toMatch(/1975|1234/);
    // Only the gender survives masking: one class of 2 and one of 1 with k = 1 passes, the synthetic columns add nothing.
    const masked = { ...base, quasiIdentifiers: { k: 1, declared: ['geb', 'pc', 'g'], surviving: [{ index: 3, name: 'g', realPart: all }] } };
    const ok = await verifyStagedDump({ ...stage(body, []), tables: [masked], prf, format });
    expect(ok.passed).toBe(true);
    expect(ok.layers.find((l) => l.layer === 'k-anonymity')!.detail).toMatchObject({ tables: [{ table: 'public.q', surviving: ['g'], classes: 2, minClassSize: 1 }] });
  });

  it('judges a low-cardinality column by how often it keeps its own row\'s value: a pass-through refuses, per-row sampling passes', async () => {
    const NAT = ['Nederlandse', 'Turkse', 'Marokkaanse', 'Poolse', 'Duitse'];
    const source = Array.from({ length: 60 }, (_, i) => NAT[(i * 7) % 5]!);
    const sampled = Array.from({ length: 60 }, (_, i) => NAT[(i * 3 + 1) % 5]!);
    const t: ExpectedTable = { name: 'public.l', target: '"public"."l" ("id", "nat")', columns: ['id', 'nat'], rows: 60, leakChecked: [], rateChecked: [1], rowKeyColumns: [0] };
    const dump = (values: string[]): string => `COPY "public"."l" ("id", "nat") FROM stdin;\n${values.map((v, i) => `${i + 1}\t${v}\n`).join('')}\\.\n\n-- maskgate: end of dump\n`;
    const passThrough = await verifyStagedDump({ ...stage(dump(source), source), tables: [t], prf, format });
    expect(passThrough.passed).toBe(false);
    expect(passThrough.findings).toMatchObject([{ detector: 'unchanged-rate', column: 'nat', severity: 'error' }]);
    expect(passThrough.findings[0]!.message).toMatch(/100% of 60 masked cells equal their own row's source value, where per-row sampling gives about 20%/);
    const honest = await verifyStagedDump({ ...stage(dump(sampled), source), tables: [t], prf, format });
    expect(honest.passed).toBe(true);
    expect(honest.layers.find((l) => l.layer === 'unchanged-values')!.detail).toMatchObject({ lowCardinality: { 'public.l.nat': { rows: 60, chance: 0.2 } } });
    // A skewed column (90% one value): chance is 0.82, and a pass-through is still caught.
    const skewed = Array.from({ length: 60 }, (_, i) => (i % 10 === 0 ? 'Turkse' : 'Nederlandse'));
    expect((await verifyStagedDump({ ...stage(dump(skewed), skewed), tables: [t], prf, format })).findings).toMatchObject([{ detector: 'unchanged-rate' }]);
  });
});
