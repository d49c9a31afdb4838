/**
 * Deterministic JSON: object keys sorted (by UTF-16 code units, JavaScript's
 * default order), no whitespace, numbers and strings as `JSON.stringify`
 * writes them. For the JSON values the audit trail stores this is the same
 * text as RFC 8785 (JCS), so anyone can recompute a hash in another language.
 * Like `JSON.stringify`, object members whose value is `undefined` are left
 * out, `toJSON` is honoured (a Date becomes its ISO string) and non-finite
 * numbers become `null`; a bigint, function or symbol is refused, because it
 * would not read back as the value that was hashed.
 */
export function canonicalJson(value: unknown): string {
  const text = encode(value);
  if (text === undefined) throw new TypeError(`${typeof value} cannot be encoded as JSON`);
  return text;
}

function encode(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return encode((value as { toJSON: () => unknown }).toJSON());
  }
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new TypeError(`a ${typeof value} cannot be encoded as JSON`);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => encode(item) ?? 'null').join(',')}]`;
  const object = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const encoded = encode(object[key]);
    if (encoded !== undefined) members.push(`${JSON.stringify(key)}:${encoded}`);
  }
  return `{${members.join(',')}}`;
}
