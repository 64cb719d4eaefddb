import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigErrors, type ConfigIssue } from '../../../src/config/config-error.js';
import { didYouMean, levenshtein } from '../../../src/config/did-you-mean.js';
import { loadRules } from '../../../src/config/load-rules.js';
import { rulesJsonSchema } from '../../../src/config/rules-schema.js';
import { MaskgateError } from '../../../src/errors.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maskgate-rules-'));
let counter = 0;

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(yaml: string): string {
  const file = path.join(dir, `rules-${++counter}.yaml`);
  fs.writeFileSync(file, yaml);
  return file;
}

/** Loads a file that must fail and returns its issues. */
async function issuesOf(yaml: string, env: NodeJS.ProcessEnv = {}): Promise<{ issues: readonly ConfigIssue[]; message: string }> {
  const err = await loadRules(write(yaml), env).then(
    () => expect.fail('expected ConfigErrors'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigErrors);
  const { issues, message, code } = err as ConfigErrors;
  expect(code).toBe('CONFIG_INVALID');
  return { issues, message };
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('loadRules: valid files', () => {
  const yaml = lines(
    'version: 1',
    'tables:',
    '  public.aanvragers:',
    '    columns:',
    '      id: keep',
    '      naam: { mask: hash }',
    '      code: { mask: hash, length: 24, prefix: "a-" }',
    '      notitie: { mask: keep, reason: "no personal data" }',
    '  audit_log: skip',
  );

  test('resolves string form, object form with options, skip and defaults', async () => {
    const file = write(yaml);
    const rules = await loadRules(file, {});
    expect(rules.version).toBe(1);
    expect(rules.source).toBeUndefined();
    expect(rules.sha256).toBe(createHash('sha256').update(yaml).digest('hex'));
    expect([...rules.tables.keys()]).toEqual(['public.aanvragers', 'audit_log']);

    const skip = rules.tables.get('audit_log');
    expect(skip).toEqual({ kind: 'skip', at: { file, line: 9, col: 3 } });

    const t = rules.tables.get('public.aanvragers');
    if (t?.kind !== 'columns') return expect.fail('expected a columns rule');
    expect(t.at).toEqual({ file, line: 3, col: 3 });
    expect([...t.columns.keys()]).toEqual(['id', 'naam', 'code', 'notitie']);
    expect(t.columns.get('id')).toEqual({ masker: 'keep', params: {}, at: { file, line: 5, col: 7 } });
    expect(t.columns.get('naam')?.params).toEqual({ length: 16, prefix: '' });
    expect(t.columns.get('code')?.params).toEqual({ length: 24, prefix: 'a-' });
    expect(t.columns.get('notitie')).toMatchObject({ masker: 'keep', params: { reason: 'no personal data' } });
  });

  test('interpolates ${VAR} in source', async () => {
    const rules = await loadRules(
      write(lines('version: 1', 'source: postgres://app:${PGPASS}@${PGHOST}/prod', 'tables:', '  t: skip')),
      { PGPASS: 's3cret', PGHOST: 'db.internal' },
    );
    expect(rules.source).toBe('postgres://app:s3cret@db.internal/prod');
  });
});

describe('loadRules: errors', () => {
  test('a missing file is CONFIG_NOT_FOUND with a hint', async () => {
    const err = await loadRules(path.join(dir, 'nope.yaml')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaskgateError);
    expect(err).not.toBeInstanceOf(ConfigErrors);
    expect((err as MaskgateError).code).toBe('CONFIG_NOT_FOUND');
    expect((err as MaskgateError).hint).toBeTruthy();
  });

  test('unknown masker: did-you-mean at the exact line:col of the name', async () => {
    const { issues, message } = await issuesOf(
      lines('version: 1', 'tables:', '  public.aanvragers:', '    columns:', '      id: keep', '      naam: { mask: hahs }'),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      line: 6,
      col: 21,
      path: 'tables.public.aanvragers.columns.naam',
      message: 'unknown masker "hahs" (did you mean "hash"?)',
      hint: 'run `maskgate maskers` to list them',
    });
    expect(message).toMatch(/^.*rules-\d+\.yaml:6:21 tables\.public\.aanvragers\.columns\.naam: unknown masker "hahs" \(did you mean "hash"\?\)\n {2}hint: /);
  });

  test('bad option type is reported at the option value, by type only', async () => {
    const { issues } = await issuesOf(
      lines('version: 1', 'tables:', '  t:', '    columns:', '      a: keep', '      b: { mask: hash, length: true }'),
    );
    expect(issues).toEqual([
      expect.objectContaining({ line: 6, col: 32, path: 'tables.t.columns.b.length', message: 'expected number, received boolean' }),
    ]);
    expect(issues[0]?.hint).toContain('maskgate maskers hash');
  });

  test('unknown option key is pointed at the key, with a suggestion', async () => {
    const { issues } = await issuesOf(lines('version: 1', 'tables:', '  t:', '    columns:', '      b: { mask: hash, lenght: 12 }'));
    expect(issues).toEqual([
      expect.objectContaining({ line: 5, col: 24, message: 'unknown option "lenght" (did you mean "length"?)', hint: 'allowed options: length, prefix' }),
    ]);
  });

  test('duplicate key is a YAML error with its line', async () => {
    const { issues } = await issuesOf(lines('version: 1', 'tables:', '  t: skip', '  u: skip', '  t: skip'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 5, col: 3, path: '' });
    expect(issues[0]?.message).toMatch(/unique/);
  });

  test('tab indentation and bad indentation are syntax errors with their line', async () => {
    const tab = await issuesOf(lines('version: 1', 'tables:', '  t:', '\tcolumns: { a: keep }'));
    expect(tab.issues[0]).toMatchObject({ line: 4, col: 1, hint: 'indent with spaces, not tabs' });
    const bad = await issuesOf(lines('version: 1', 'tables:', '  t:', '    columns:', '      a: keep', '     b: keep'));
    expect(bad.issues.map((i) => i.line)).toContain(6);
    // The excerpt yaml appends to its message is dropped: it would quote the source line.
    expect(bad.message).not.toContain('b: keep');
  });

  test('missing columns, empty columns and a wrong table value', async () => {
    const { issues } = await issuesOf(lines('version: 1', 'tables:', '  a: {}', '  b:', '    columns: {}', '  c: skipp'));
    expect(issues.map((i) => [i.line, i.col, i.path, i.message])).toEqual([
      [3, 3, 'tables.a', 'missing required key "columns"'],
      [5, 14, 'tables.b.columns', 'must list at least one column'],
      [6, 6, 'tables.c', 'expected "skip" or map, received string'],
    ]);
    expect(issues[2]?.hint).toBe('use `skip` or `{ columns: {...} }`');
  });

  test('wrong version', async () => {
    const { issues } = await issuesOf(lines('version: 2', 'tables:', '  t: skip'));
    expect(issues).toEqual([expect.objectContaining({ line: 1, col: 10, path: 'version', message: 'expected 1', hint: 'set `version: 1`' })]);
  });

  test('an empty file', async () => {
    const { issues } = await issuesOf('');
    expect(issues).toEqual([expect.objectContaining({ line: 1, col: 1, message: 'the rules file is empty' })]);
  });

  test('reports every problem in the file at once, sorted by line', async () => {
    const { issues, message } = await issuesOf(
      lines(
        'version: 1',
        'tabels: {}',
        'tables:',
        '  t:',
        '    colums: { a: keep }',
        '  u:',
        '    columns:',
        '      a: frobnicate',
        '      b: { mask: hash, length: 2 }',
        '      c: { keep: year }',
        '      d: fixed',
      ),
    );
    expect(issues.map((i) => `${i.line}:${i.col} ${i.message}`)).toEqual([
      '2:1 unknown key "tabels" (did you mean "tables"?)',
      '4:3 missing required key "columns"',
      '5:5 unknown key "colums" (did you mean "columns"?)',
      '8:10 unknown masker "frobnicate"',
      expect.stringMatching(/^9:32 Too small/),
      '10:7 missing required key "mask"',
      '11:7 missing required option "value"',
    ]);
    expect(message.split('\n').filter((l) => !l.startsWith('  hint: '))).toHaveLength(issues.length);
  });

  test('an unset or empty environment variable in source is an issue at that node', async () => {
    const { issues } = await issuesOf(lines('version: 1', 'source: postgres://u:${PW}@${HOST}/db', 'tables:', '  t: skip'), { HOST: '' });
    expect(issues.map((i) => [i.line, i.col, i.path, i.message])).toEqual([
      [2, 9, 'source', 'environment variable PW is not set'],
      [2, 9, 'source', 'environment variable HOST is empty'],
    ]);
  });

  test('${VAR} outside source is flagged instead of left literal', async () => {
    const { issues } = await issuesOf(lines('version: 1', 'tables:', '  t:', '    columns:', '      a: { mask: fixed, value: "${X}" }'));
    expect(issues).toEqual([expect.objectContaining({ line: 5, col: 32, path: 'tables.t.columns.a.value' })]);
  });

  test('messages never contain an offending string value', async () => {
    const secret = 'sk_live_9f8e7d6c5b4a39281706';
    const { message } = await issuesOf(
      lines(
        'version: 1',
        `source: { url: "${secret}" }`,
        'tables:',
        '  t:',
        '    columns:',
        `      a: { mask: hash, length: "${secret}" }`,
        `      b: { mask: text, maxLength: "${secret}" }`,
        `      c: "${secret} x"`,
        `  u: "${secret}"`,
      ),
    );
    expect(message).toContain('expected number, received string');
    expect(message).not.toContain(secret);
  });
});

describe('did-you-mean', () => {
  test('levenshtein and suggestions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(didYouMean('frist_name', ['first_name', 'last_name'])).toBe('first_name');
    expect(didYouMean('birth', ['birth_date', 'bsn'])).toBe('birth_date');
    expect(didYouMean('zzzzzz', ['keep', 'hash'])).toBeUndefined();
    expect(didYouMean('x', ['id'])).toBeUndefined();
  });
});

test('rulesJsonSchema describes the top-level keys', () => {
  const schema = rulesJsonSchema();
  expect(Object.keys(schema['properties'] as object)).toEqual(['version', 'source', 'tables', 'allow', 'verify']);
});

test('an alias bomb is a config error, not a crash', async () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 6; i++) bomb.push(`${'bcdefg'[i]}: &${'bcdefg'[i]} [${Array(10).fill(`*${'abcdef'[i]}`).join(', ')}]`);
  const { issues } = await issuesOf(lines('version: 1', 'tables: {}', ...bomb));
  expect(issues[0]?.message).toBe('the document expands too many aliases');
});

describe('loadRules with a source given elsewhere', () => {
  test('does not require the variable in `source:` when --source or MASKGATE_SOURCE supplies the URL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-rules-src-'));
    try {
      const file = path.join(dir, 'rules.yaml');
      fs.writeFileSync(file, 'version: 1\nsource: ${PROD_DATABASE_URL}\ntables:\n  t: skip\n');
      await expect(loadRules(file, {})).rejects.toThrow(/PROD_DATABASE_URL is not set/);
      const rules = await loadRules(file, {}, { sourceGiven: true });
      expect(rules.source).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
