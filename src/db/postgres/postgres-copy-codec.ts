// The COPY text format (https://www.postgresql.org/docs/current/sql-copy.html): tab-separated
// fields, newline-terminated rows, `\N` for NULL and backslash escapes inside values.

/** Decodes one COPY text field; returns null for `\N`. */
export function decodeCopyField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  let out = '';
  for (let i = 0; i < field.length; i++) {
    const c = field[i]!;
    if (c !== '\\') { out += c; continue; }
    const n = field[++i];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'x': {
        // PostgreSQL reads "\\x" without hex digits as a plain "x".
        const m = /^[0-9a-fA-F]{1,2}/.exec(field.slice(i + 1))?.[0];
        if (m === undefined) out += 'x';
        else {
          out += String.fromCharCode(parseInt(m, 16));
          i += m.length;
        }
        break;
      }
      default:
        if (n !== undefined && n >= '0' && n <= '7') {
          const m = /^[0-7]{1,3}/.exec(field.slice(i))![0];
          out += String.fromCharCode(parseInt(m, 8));
          i += m.length - 1;
        } else out += n ?? '';
    }
  }
  return out;
}

const NEEDS_ESCAPE = /[\\\n\r\t\b\f\v]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

/** Encodes a value as one COPY text field; null becomes `\N`. */
export function encodeCopyField(value: string | null): string {
  if (value === null) return '\\N';
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\n\r\t\b\f\v]/g, (c) => ESCAPES[c]!);
}
