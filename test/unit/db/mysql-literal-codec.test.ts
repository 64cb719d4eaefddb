import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { decodeMysqlField, encodeMysqlField, splitMysqlRow } from '../../../src/db/mysql/mysql-literal-codec.js';

const value = fc.option(fc.string({ unit: 'binary' }), { nil: null });

describe('MySQL literal codec', () => {
  test.prop([value])('decode(encode(v)) === v for any text, NULL and the empty string', (v) => {
    expect(decodeMysqlField(encodeMysqlField(v))).toBe(v);
  });

  test.prop([fc.array(value, { minLength: 1, maxLength: 8 }), fc.boolean()])('a row line splits back into exactly its literals', (values, last) => {
    const fields = values.map(encodeMysqlField);
    const line = `(${fields.join(',')})${last ? ';' : ','}`;
    expect(line).not.toContain('\n');
    expect(splitMysqlRow(line)).toEqual({ fields, last });
  });

  test('numbers and hex literals as the source writes them', () => {
    expect(splitMysqlRow("(18446744073709551615,-1.5e300,X'00ff',NULL,'a,b'),")).toEqual({ fields: ['18446744073709551615', '-1.5e300', "X'00ff'", 'NULL', "'a,b'"], last: false });
    expect(decodeMysqlField("X'00FF'")).toBe('\\x00ff');
    expect(decodeMysqlField('-0.0000000001')).toBe('-0.0000000001');
    expect(decodeMysqlField("'it''s \\% \\_'")).toBe("it's \\% \\_");
  });

  test('lines that are not a row are refused, so the verifier can report them', () => {
    for (const bad of ["(1,'open)", "(1,'x') trailing,", '(1,2)', 'INSERT INTO x VALUES', "(1,'a'b),", '(,1),', '()']) expect(splitMysqlRow(bad)).toBeNull();
  });
});
