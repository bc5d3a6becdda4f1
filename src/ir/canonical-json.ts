/**
 * Canonical JSON: the one text of a JSON value that hashes are computed
 * over. Object keys sorted (by UTF-16 code units, JavaScript's default
 * order), no whitespace, strings and numbers as JSON.stringify writes them,
 * properties whose value is undefined left out (as JSON.stringify does).
 * The same value gives the same text in every engine. load-terms.ts relies
 * on strings and numbers being written exactly as JSON.stringify writes them.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? "null";
}

/** The text of a value, or undefined for what JSON leaves out (undefined, functions). */
function write(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
    case "boolean":
      return JSON.stringify(value);
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "bigint":
      throw new TypeError("a BigInt has no JSON text");
  }
  if (value === null) return "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      out += write(value[i]) ?? "null";
    }
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  // Objects here have a handful of keys; they are usually sorted already when read back from a canonical text.
  keys.sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const v = write(obj[key]);
    if (v === undefined) continue;
    if (!first) out += ",";
    first = false;
    out += quote(key);
    out += ":";
    out += v;
  }
  return `${out}}`;
}

// Names and decimals need no escaping; JSON.stringify handles the rest.
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function quote(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}
