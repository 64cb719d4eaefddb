import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { splitCreateTable } from '../../../src/db/mysql/mysql-ddl.js';
import { readMysqlDump } from '../../../src/db/mysql/mysql-dump.js';
import type { DumpEvent } from '../../../src/dump/dump-format.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-mysql-dump-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function events(text: string): Promise<DumpEvent[]> {
  const file = join(dir, `d${Math.random()}.sql`);
  writeFileSync(file, text);
  const out: DumpEvent[] = [];
  for await (const batch of readMysqlDump(file)) out.push(...batch);
  return out;
}

const block = (...lines: string[]): string => ['-- maskgate: data for `t` (`id`, `v`)', ...lines, '-- maskgate: end of data', '', '-- maskgate: end of dump', ''].join('\n');

describe('MySQL dump reader', () => {
  test('reads a block of several INSERTs as one table', async () => {
    const ev = await events(block('INSERT INTO `t` (`id`, `v`) VALUES', "(1,'a'),", "(2,'b;c');", 'INSERT INTO `t` (`id`, `v`) VALUES', '(3,NULL);'));
    expect(ev).toEqual([
      { kind: 'data-start', target: '`t` (`id`, `v`)' },
      { kind: 'row', fields: ['1', "'a'"] }, { kind: 'row', fields: ['2', "'b;c'"] }, { kind: 'row', fields: ['3', 'NULL'] },
      { kind: 'data-end' }, { kind: 'trailer' },
    ]);
  });

  test('reports what mysql would run but the verifier would not see: other statements, other tables, rows outside blocks', async () => {
    const stray = (await events(block('INSERT INTO `t` (`id`, `v`) VALUES', "(1,'a');", 'UPDATE `t` SET v = 1;', 'INSERT INTO `u` (`id`, `v`) VALUES', "(2,'x');")))
      .filter((e) => e.kind === 'stray');
    expect(stray.length).toBeGreaterThanOrEqual(2);
    expect((await events("INSERT INTO `t` (`id`, `v`) VALUES\n(9,'x');\n")).some((e) => e.kind === 'stray')).toBe(true);
  });
});

describe('splitCreateTable', () => {
  const create = ['CREATE TABLE `k` (', '  `id` int(11) NOT NULL,', '  `o` int(11) DEFAULT NULL,', '  `e` varchar(9) DEFAULT NULL CHECK (`e` <> \'\'),', '  PRIMARY KEY (`id`),',
    '  UNIQUE KEY `e` (`e`),', '  KEY `k_o` (`o`),', '  CONSTRAINT `k_o` FOREIGN KEY (`o`) REFERENCES `ouders` (`id`),', '  CONSTRAINT `k_x` FOREIGN KEY (`o`) REFERENCES `weg` (`id`)', ') ENGINE=InnoDB AUTO_INCREMENT=8'].join('\n');

  test('keeps the primary key and checks in CREATE TABLE, builds indexes and foreign keys after the data, drops the named ones', () => {
    const { create: c, indexes, foreignKeys } = splitCreateTable('k', create, new Set(['k_x']));
    expect(c).toBe(['CREATE TABLE `k` (', '  `id` int(11) NOT NULL,', '  `o` int(11) DEFAULT NULL,', '  `e` varchar(9) DEFAULT NULL CHECK (`e` <> \'\'),', '  PRIMARY KEY (`id`)', ') ENGINE=InnoDB AUTO_INCREMENT=8'].join('\n'));
    expect(indexes).toBe('ALTER TABLE `k`\n  ADD UNIQUE KEY `e` (`e`),\n  ADD KEY `k_o` (`o`)');
    expect(foreignKeys).toBe('ALTER TABLE `k`\n  ADD CONSTRAINT `k_o` FOREIGN KEY (`o`) REFERENCES `ouders` (`id`)');
    expect(splitCreateTable('p', 'CREATE TABLE `p` (\n  `id` int,\n  PRIMARY KEY (`id`)\n)', new Set()).indexes).toBeNull();
  });

  test('keeps the AUTO_INCREMENT column\'s key and the partition clauses where MySQL needs them', () => {
    const t = ['CREATE TABLE `a` (', '  `a` int(11) NOT NULL,', '  `id` int(11) NOT NULL AUTO_INCREMENT,', '  PRIMARY KEY (`a`),', '  UNIQUE KEY `id` (`id`),', '  KEY `x` (`a`,`id`)',
      ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4', ' PARTITION BY RANGE (`a`)', '(PARTITION `p0` VALUES LESS THAN (10) ENGINE = InnoDB,', ' PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)'].join('\n');
    const { create: c, indexes } = splitCreateTable('a', t, new Set());
    expect(c).toContain('  UNIQUE KEY `id` (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4\n PARTITION BY RANGE (`a`)\n(PARTITION `p0` VALUES LESS THAN (10) ENGINE = InnoDB,');
    expect(indexes).toBe('ALTER TABLE `a`\n  ADD KEY `x` (`a`,`id`)');
  });
});
