/**
 * A small strict JSON reader (RFC 8259) for inputs files. `JSON.parse`
 * would not do: it turns numbers into binary floats before we can see
 * their text (docs/language.md §11 "JSON": a number is accepted only if read without loss),
 * it lets a later duplicate key silently win, and a plain object built
 * from user keys invites `__proto__` trouble. Here numbers keep their
 * source text, objects keep every entry in order, and nothing throws.
 */

export type JsonNode =
  | { readonly kind: "object"; readonly offset: number; readonly entries: readonly JsonEntry[] }
  | { readonly kind: "array"; readonly offset: number; readonly items: readonly JsonNode[] }
  | { readonly kind: "string"; readonly offset: number; readonly value: string }
  /** `text` is the number exactly as written in the source. */
  | { readonly kind: "number"; readonly offset: number; readonly text: string }
  | { readonly kind: "boolean"; readonly offset: number; readonly value: boolean }
  | { readonly kind: "null"; readonly offset: number };

export interface JsonEntry {
  readonly key: string;
  readonly keyOffset: number;
  readonly value: JsonNode;
}

export type JsonScan =
  | { readonly ok: true; readonly value: JsonNode }
  /** `tooLarge`: the text holds more values than allowed (a resource limit, not a syntax error). */
  | { readonly ok: false; readonly offset: number; readonly message: string; readonly tooLarge?: boolean };

export interface JsonScanOptions {
  /**
   * Most values (objects, arrays, strings, numbers, …) to read before giving
   * up: a 20 MB `[0,0,0,…]` would otherwise build ten million nodes.
   */
  readonly maxValues?: number;
}

/** Nesting beyond this is refused rather than risking the call stack; inputs need three levels. */
export const MAX_JSON_DEPTH = 64;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

class Failure {
  constructor(readonly offset: number, readonly message: string, readonly tooLarge = false) {}
}

/** Reads a whole JSON text (a leading byte-order mark is allowed). */
export function scanJson(text: string, options: JsonScanOptions = {}): JsonScan {
  const reader = new Reader(text, options.maxValues ?? Infinity);
  const result = reader.document();
  if (!(result instanceof Failure)) return { ok: true, value: result };
  return result.tooLarge
    ? { ok: false, offset: result.offset, message: result.message, tooLarge: true }
    : { ok: false, offset: result.offset, message: result.message };
}

/** A short description of a node for messages: `null`, `true`, `an object`, `"text"`, `12.5`. */
export function describeJson(node: JsonNode): string {
  switch (node.kind) {
    case "object": return "an object";
    case "array": return "an array";
    case "string": return JSON.stringify(node.value);
    case "number": return node.text;
    case "boolean": return String(node.value);
    case "null": return "null";
  }
}

class Reader {
  private pos = 0;
  private values = 0;
  constructor(private readonly text: string, private readonly maxValues: number) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  document(): JsonNode | Failure {
    this.skipSpace();
    if (this.pos >= this.text.length) return new Failure(this.pos, "the file is empty");
    const v = this.value(0);
    if (v instanceof Failure) return v;
    this.skipSpace();
    if (this.pos < this.text.length) return new Failure(this.pos, `unexpected ${this.shown()} after the end of the JSON value`);
    return v;
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  private shown(): string {
    if (this.pos >= this.text.length) return "end of file";
    const cp = this.text.codePointAt(this.pos)!;
    return cp < 0x20 ? `character U+${cp.toString(16).toUpperCase().padStart(4, "0")}` : `"${String.fromCodePoint(cp)}"`;
  }

  private value(depth: number): JsonNode | Failure {
    if (depth > MAX_JSON_DEPTH) return new Failure(this.pos, `nested more than ${MAX_JSON_DEPTH} levels deep`);
    if (++this.values > this.maxValues) return new Failure(this.pos, `more than ${this.maxValues} values`, true);
    const offset = this.pos;
    const c = this.text[this.pos];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') {
      const s = this.string();
      return s instanceof Failure ? s : { kind: "string", offset, value: s };
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      NUMBER.lastIndex = this.pos;
      const m = NUMBER.exec(this.text);
      if (!m) return new Failure(this.pos, "malformed number");
      this.pos += m[0].length;
      const next = this.text[this.pos];
      if (next !== undefined && /[0-9A-Za-z_.+-]/.test(next)) return new Failure(offset, "malformed number");
      return { kind: "number", offset, text: m[0] };
    }
    for (const [word, node] of [
      ["true", { kind: "boolean", offset, value: true }],
      ["false", { kind: "boolean", offset, value: false }],
      ["null", { kind: "null", offset }],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return node;
      }
    }
    return new Failure(this.pos, `expected a value, found ${this.shown()}`);
  }

  private object(depth: number): JsonNode | Failure {
    const offset = this.pos++;
    const entries: JsonEntry[] = [];
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return { kind: "object", offset, entries };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') return new Failure(this.pos, `expected a quoted key, found ${this.shown()}`);
      const keyOffset = this.pos;
      const key = this.string();
      if (key instanceof Failure) return key;
      this.skipSpace();
      if (this.text[this.pos] !== ":") return new Failure(this.pos, `expected ":" after a key, found ${this.shown()}`);
      this.pos++;
      this.skipSpace();
      const value = this.value(depth + 1);
      if (value instanceof Failure) return value;
      entries.push({ key, keyOffset, value });
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ",") { this.pos++; continue; }
      if (c === "}") { this.pos++; return { kind: "object", offset, entries }; }
      return new Failure(this.pos, `expected "," or "}", found ${this.shown()}`);
    }
  }

  private array(depth: number): JsonNode | Failure {
    const offset = this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return { kind: "array", offset, items };
    }
    for (;;) {
      this.skipSpace();
      const value = this.value(depth + 1);
      if (value instanceof Failure) return value;
      items.push(value);
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ",") { this.pos++; continue; }
      if (c === "]") { this.pos++; return { kind: "array", offset, items }; }
      return new Failure(this.pos, `expected "," or "]", found ${this.shown()}`);
    }
  }

  private string(): string | Failure {
    const t = this.text;
    this.pos++; // opening quote
    let out = "";
    let chunk = this.pos;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) return new Failure(this.pos, "control character in a string (use an escape such as \\n)");
      if (c !== 0x5c) { this.pos++; continue; }
      out += t.slice(chunk, this.pos);
      const e = t[this.pos + 1];
      if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
        out += ESCAPES[e];
        this.pos += 2;
      } else if (e === "u" && /^[0-9A-Fa-f]{4}$/.test(t.slice(this.pos + 2, this.pos + 6))) {
        out += String.fromCharCode(parseInt(t.slice(this.pos + 2, this.pos + 6), 16));
        this.pos += 6;
      } else {
        return new Failure(this.pos, "invalid escape in a string");
      }
      chunk = this.pos;
    }
    return new Failure(this.pos, "unterminated string");
  }
}
