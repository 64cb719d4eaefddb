import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCopyField } from '../../../src/db/postgres/postgres-copy-codec.js';
import { mysqlStringLiteral } from '../../../src/db/mysql/mysql-literal-codec.js';
import { kindOfType, parseTuples, readDumpSchema, readSqlDump, type SqlDumpEvent } from '../../../src/dump/sql-dump-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-sqlreader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(text: string | Buffer): Promise<{ tables: Record<string, (string | null)[][]>; stray: number; schema: number }> {
  const file = join(dir, `d${Math.random().toString(36).slice(2)}.sql`);
  writeFileSync(file, text);
  const tables: Record<string, (string | null)[][]> = {};
  let cur = '';
  let stray = 0;
  let schema = 0;
  for await (const batch of readSqlDump(file)) {
    for (const ev of batch as SqlDumpEvent[]) {
      if (ev.kind === 'data-start') tables[(cur = `${ev.table.schema}.${ev.table.name}:${ev.table.columns.map((c) => c.name).join(',')}`)] ??= [];
      else if (ev.kind === 'row') tables[cur]!.push(ev.fields.map(decodeCopyField));
      else if (ev.kind === 'stray') stray++;
      else if (ev.kind === 'schema') schema++;
    }
  }
  return { tables, stray, schema };
}

describe('readSqlDump', () => {
  it('reads pg_dump COPY blocks with their column lists', async () => {
    const r = await read('SET standard_conforming_strings = on;\nCREATE TABLE public.t (\n    id integer NOT NULL,\n    note text\n);\nCOPY public.t (id, note) FROM stdin;\n1\ta\\tb\n2\t\\N\n\\.\n');
    expect(r.tables).toEqual({ 'public.t:id,note': [['1', 'a\tb'], ['2', null]] });
    expect(r.stray).toBe(0);
  });

  it('reads mysqldump INSERTs: one row per line (MariaDB) and many rows on one line (MySQL), with backslash escapes', async () => {
    const head = '-- MariaDB dump 10.19\n-- Host: localhost    Database: app\nCREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `note` varchar(50) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n';
    const a = await read(`${head}INSERT INTO \`t\` VALUES\n(1,'it\\'s'),\n(2,NULL);\n`);
    const b = await read(`${head}INSERT INTO \`t\` VALUES (1,'it\\'s'),(2,NULL);\nINSERT INTO \`t\` VALUES (3,'a,b)c');\n`);
    expect(a.tables).toEqual({ 'app.t:id,note': [['1', "it's"], ['2', null]] });
    expect(b.tables).toEqual({ 'app.t:id,note': [['1', "it's"], ['2', null], ['3', 'a,b)c']] });
  });

  it('reads pg_dump --inserts: standard strings, E-strings, casts and spaces', async () => {
    const r = await read("-- PostgreSQL database dump\nSET standard_conforming_strings = on;\nCREATE TABLE public.t (\n    id integer,\n    v text,\n    j jsonb\n);\nINSERT INTO public.t VALUES (1, 'back\\slash ''q''', '{\"a\": 1}'::jsonb);\nINSERT INTO public.t VALUES (2, E'line\\nbreak', NULL);\n");
    expect(r.tables['public.t:id,v,j']).toEqual([['1', "back\\slash 'q'", '{"a": 1}'], ['2', 'line\nbreak', null]]);
  });

  it('reports an INSERT it cannot parse as stray instead of skipping it', async () => {
    const r = await read("CREATE TABLE `t` (\n  `id` int\n);\nINSERT INTO `t` VALUES (1,'unterminated);\n");
    expect(r.stray).toBe(1);
  });

  it('reads gzip by its magic bytes', async () => {
    const r = await read(gzipSync('COPY public.t (id) FROM stdin;\n7\n\\.\n'));
    expect(r.tables).toEqual({ 'public.t:id': [['7']] });
  });

  it('any text survives a MySQL literal round trip through the reader (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (values) => {
        const line = `(${values.map(mysqlStringLiteral).join(',')});`;
        const t = parseTuples(line, 'mysql');
        return t !== null && t.ended && JSON.stringify(t.rows[0]!.map(decodeCopyField)) === JSON.stringify(values);
      }),
    );
  });

  it('collects tables, primary keys and types in a first pass (pg_dump adds the key after the data)', async () => {
    const file = join(dir, 'schema.sql');
    writeFileSync(file, 'CREATE TABLE public.p (\n    id bigint NOT NULL,\n    bsn character(9),\n    born date\n);\nCOPY public.p (id, bsn, born) FROM stdin;\n1\t000000012\t2000-01-01\n\\.\nALTER TABLE ONLY public.p\n    ADD CONSTRAINT p_pkey PRIMARY KEY (id);\n');
    const s = await readDumpSchema(file);
    expect(s.tables).toEqual([{ schema: 'public', name: 'p', primaryKey: ['id'], columns: [
      { name: 'id', sqlType: 'bigint NOT NULL', kind: 'integer' }, { name: 'bsn', sqlType: 'character(9)', kind: 'text' }, { name: 'born', sqlType: 'date', kind: 'date' }] }]);
    expect(kindOfType('tinyint(1)')).toBe('boolean');
    expect(kindOfType('longblob')).toBe('binary');
  });

  it('reads quoted names with spaces, OVERRIDING SYSTEM VALUE, REPLACE INTO and --hex-blob bytes', async () => {
    const r = await read('CREATE TABLE public."my t" (\n    id integer,\n    v text\n);\nCOPY public."my t" (id, v) FROM stdin;\n1\ta\n\\.\nINSERT INTO public."my t" (id, v) OVERRIDING SYSTEM VALUE VALUES (2, \'b\');\n');
    expect(r.tables).toEqual({ 'public.my t:id,v': [['1', 'a'], ['2', 'b']] });
    const m = await read("CREATE TABLE `b` (\n  `id` int,\n  `doc` blob\n);\nREPLACE INTO `b` VALUES (1,0x4A61);\n");
    expect(Object.values(m.tables)).toEqual([[['1', '\\x4a61']]]);
  });

  it('puts rows of a statement that lists the columns in another order into the table\'s layout', async () => {
    const r = await read("CREATE TABLE `b` (\n  `id` int,\n  `doc` blob,\n  `note` text\n);\nINSERT INTO `b` (`id`,`doc`,`note`) VALUES (1,NULL,'x');\nINSERT INTO `b` (`id`,`note`,`doc`) VALUES (2,'y',NULL);\nINSERT INTO `b` (`note`) VALUES ('z');\n");
    const [key] = Object.keys(r.tables);
    expect(key).toMatch(/\.b:id,doc,note$/);
    expect(r.tables[key!]).toEqual([['1', null, 'x'], ['2', null, 'y'], [null, null, 'z']]);
  });

  it('reports data statements it cannot read (never files them as schema): unknown columns, UPDATE, VALUES on a later line, lo_write', async () => {
    for (const stmt of ["INSERT INTO `b` (`nope`) VALUES ('x');", "UPDATE b SET note = 'x';", 'INSERT INTO b (id, note)', "SELECT pg_catalog.lowrite(0, '\\x41');"]) {
      const r = await read(`CREATE TABLE \`b\` (\n  \`id\` int,\n  \`note\` text\n);\n${stmt}\n`);
      expect(r.stray, stmt).toBe(1);
    }
  });
});
