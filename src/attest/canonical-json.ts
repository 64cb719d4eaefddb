// The bytes an attestation signature covers. A signature over JSON is only checkable if signer and
// verifier serialise the same object to the same bytes, so this is the one serialisation both use:
// object keys sorted (UTF-16 code-unit order) at every depth, no whitespace, strings and numbers as
// JSON.stringify writes them. That is the JSON Canonicalization Scheme (RFC 8785) for the values an
// attestation holds. Anything JSON cannot carry faithfully is refused rather than silently dropped or
// turned into `null`, which would make the signed bytes differ from what the caller believes it signed.

/** Deterministic JSON: sorted keys, no whitespace; throws a TypeError on undefined, non-finite numbers and non-plain objects. */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', new Set());
}

function serialise(value: unknown, path: string, open: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is ${value}, which JSON cannot represent.`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      // undefined, functions, symbols and bigints have no faithful JSON form.
      throw new TypeError(`canonicalJson: ${path} is ${typeof value}, which JSON cannot represent.`);
  }
  if (open.has(value)) throw new TypeError(`canonicalJson: ${path} refers back to itself.`);
  open.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((v, i) => serialise(v, `${path}[${i}]`, open)).join(',')}]`;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    // A Date, Map or class instance would serialise through toJSON or lose its contents.
    if (proto !== Object.prototype && proto !== null) throw new TypeError(`canonicalJson: ${path} is not a plain object.`);
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${serialise(record[k], `${path}.${k}`, open)}`).join(',')}}`;
  } finally {
    open.delete(value);
  }
}
