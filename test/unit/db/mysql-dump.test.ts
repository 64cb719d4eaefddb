import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
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
