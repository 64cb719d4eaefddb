import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { csvFormat, csvRecords, decodeCsvField, encodeCsvField } from '../../../src/dump/csv-format.js';
import type { DumpEvent } from '../../../src/dump/dump-format.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* linesOf(text: string): AsyncGenerator<string[]> {
  yield text.split('\n');
}
async function collect(gen: AsyncGenerator<DumpEvent[]>): Promise<DumpEvent[]> {
  const out: DumpEvent[] = [];
  for await (const b of gen) out.push(...b);
  return out;
}

const value = fc.option(fc.string({ unit: 'binary' }), { nil: null });

describe('CSV export format', () => {
  test.prop([fc.array(fc.array(value, { minLength: 2, maxLength: 2 }), { maxLength: 5 })])('records split back into the values written, newlines and quotes included', async (rows) => {
    const text = `a,b\r\n${rows.map((r) => `${r.map(encodeCsvField).join(',')}\r\n`).join('')}`;
    const events = await collect(csvRecords(linesOf(text), ['a', 'b']));
    expect(events.filter((e) => e.kind === 'stray')).toEqual([]);
    const got = events.flatMap((e) => (e.kind === 'row' ? [e.fields.map(decodeCsvField)] : []));
    expect(got).toEqual(rows);
  });

  test('a wrong header, text after a closing quote and an unclosed quote are stray', async () => {
    const strays = async (text: string): Promise<number> => (await collect(csvRecords(linesOf(text), ['a', 'b']))).filter((e) => e.kind === 'stray').length;
    expect(await strays('a,c\r\n1,2\r\n')).toBe(1);
    expect(await strays('a,b\r\n"1"x,2\r\n')).toBe(1);
    expect(await strays('a,b\r\n"1,2\r\n')).toBe(1);
  });

  test('a file the manifest does not list would be published unverified, so it is stray', async () => {
    const d = mkdtempSync(join(dir, 'x'));
    writeFileSync(join(d, 'manifest.json'), JSON.stringify({ maskgate: 'export', version: 1, format: 'csv', conventions: '', tables: [{ table: 'public.t', file: 't.csv', columns: ['a'], rows: 1 }], complete: true }));
    writeFileSync(join(d, 't.csv'), 'a\r\n1\r\n');
    writeFileSync(join(d, 'extra.csv'), 'a\r\n999999999\r\n');
    const events = await collect(csvFormat.read(d));
    expect(events.filter((e) => e.kind === 'stray')).toHaveLength(1);
    expect(events.map((e) => e.kind)).toEqual(['stray', 'data-start', 'row', 'data-end', 'trailer']);
  });
});
