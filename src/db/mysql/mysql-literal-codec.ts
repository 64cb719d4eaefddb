/**
 * MySQL SQL literals as the field form of the MySQL engine: a row travels from the source to the dump
 * as the literals its INSERT will hold (`NULL`, `42`, `'text'`, `X'00ff'`), so kept columns pass
 * through byte for byte and the verifier decodes exactly what `mysql` will restore.
 */

const NEEDS_ESCAPE = /[\\'\0\n\r\x1a]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\0': '\\0', '\n': '\\n', '\r': '\\r', '\x1a': '\\Z' };
// MySQL's own escape table (string literals, NO_BACKSLASH_ESCAPES off); other `\x` mean x.
const UNESCAPES: Record<string, string> = { '0': '\0', "'": "'", '"': '"', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a', '\\': '\\' };

/** A quoted string literal; the dump sets a sql_mode without NO_BACKSLASH_ESCAPES, so backslashes escape. */
export function mysqlStringLiteral(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return `'${value}'`;
  return `'${value.replace(/[\\'\0\n\r\x1a]/g, (c) => ESCAPES[c]!)}'`;
}

/** Encodes a masker's value (text, or null) as a literal; MySQL converts quoted text to the column's type. */
export function encodeMysqlField(value: string | null): string {
  return value === null ? 'NULL' : mysqlStringLiteral(value);
}

/**
 * Decodes one literal to the value maskers and the verifier see: NULL → null, `'…'` unescaped,
 * `X'…'` → `\x…` (the form PostgreSQL gives bytes), numbers as written.
 */
export function decodeMysqlField(field: string): string | null {
  const c = field.charCodeAt(0);
  if (c === 0x27 /* ' */) {
    const body = field.slice(1, -1);
    if (!body.includes('\\')) return body.includes("''") ? body.replace(/''/g, "'") : body;
    return body.replace(/\\(.)|''/gs, (m, e: string | undefined) => (e === undefined ? "'" : e === '%' || e === '_' ? m : UNESCAPES[e] ?? e));
  }
  if (field === 'NULL') return null;
  if ((c === 0x58 /* X */ || c === 0x78) && field.charCodeAt(1) === 0x27) return `\\x${field.slice(2, -1).toLowerCase()}`;
  return field;
}

/**
 * Splits one row line of a multi-row INSERT, `(lit,lit,…),` or `(…);`, into its literals. Returns
 * null when the line is not such a row (unbalanced quotes, text outside literals, missing ending).
 */
export function splitMysqlRow(line: string): { fields: string[]; last: boolean } | null {
  const n = line.length;
  if (n < 3 || line.charCodeAt(0) !== 0x28 /* ( */) return null;
  const end = line.charCodeAt(n - 1);
  if ((end !== 0x2c /* , */ && end !== 0x3b /* ; */) || line.charCodeAt(n - 2) !== 0x29 /* ) */) return null;
  const stop = n - 2; // index of the closing parenthesis
  const fields: string[] = [];
  let i = 1;
  for (;;) {
    const start = i;
    const c = line.charCodeAt(i);
    if (c === 0x27 || ((c === 0x58 || c === 0x78) && line.charCodeAt(i + 1) === 0x27)) {
      i = c === 0x27 ? i + 1 : i + 2;
      for (;;) {
        if (i >= stop) return null;
        const q = line.charCodeAt(i);
        if (q === 0x5c /* \ */) i += 2;
        else if (q === 0x27) {
          if (line.charCodeAt(i + 1) === 0x27) i += 2;
          else break;
        } else i++;
      }
      i++;
    } else {
      while (i < stop && line.charCodeAt(i) !== 0x2c) i++;
      if (i === start) return null;
    }
    fields.push(line.slice(start, i));
    if (i === stop) return { fields, last: end === 0x3b };
    if (line.charCodeAt(i) !== 0x2c) return null;
    i++;
  }
}
