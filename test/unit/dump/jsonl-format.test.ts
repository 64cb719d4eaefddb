import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { DumpEvent } from '../../../src/dump/dump-format.js';
import { jsonlFormat } from '../../../src/dump/jsonl-format.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JSONL export format', () => {
  test('reads columns by name, so integer-like column names ("2024") are not refused for their key order', async () => {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ maskgate: 'export', version: 1, format: 'jsonl', conventions: '', tables: [{ table: 'public.t', file: 't.jsonl', columns: ['naam', '2024'], rows: 2 }], complete: true }));
    writeFileSync(join(dir, 't.jsonl'), '{"naam":"x","2024":"12"}\n{"naam":null,"2024":"3","extra":"y"}\n');
    const events: DumpEvent[] = [];
    for await (const b of jsonlFormat.read(dir)) events.push(...b);
    expect(events.filter((e) => e.kind === 'row')).toEqual([{ kind: 'row', fields: ['"x"', '"12"'] }]);
    expect(events.filter((e) => e.kind === 'stray')).toHaveLength(1);
  });
});
