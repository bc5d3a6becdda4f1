import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { scanJson } from "../../src/inputs/json-scan.ts";
import type { JsonNode } from "../../src/inputs/json-scan.ts";

/** The scanned tree as plain JS, numbers through Number, for comparison with JSON.parse. */
function plain(n: JsonNode): unknown {
  switch (n.kind) {
    case "object": return Object.fromEntries(n.entries.map((e) => [e.key, plain(e.value)]));
    case "array": return n.items.map(plain);
    case "number": return Number(n.text);
    case "null": return null;
    default: return n.value;
  }
}

describe("scanJson", () => {
  it("keeps number text, key order, duplicates and offsets", () => {
    const r = scanJson(`{"a": 1.50, "a": [true, null], "__proto__": "x"}`);
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== "object") return;
    expect(r.value.entries.map((e) => [e.key, e.keyOffset, e.value.kind])).toEqual([
      ["a", 1, "number"], ["a", 12, "array"], ["__proto__", 31, "string"],
    ]);
    expect(r.value.entries[0]!.value).toEqual({ kind: "number", offset: 6, text: "1.50" });
  });

  it("decodes string escapes", () => {
    const r = scanJson(`"a\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00"`);
    expect(r).toEqual({ ok: true, value: { kind: "string", offset: 0, value: "a\"b\\c/\né😀" } });
  });

  it("refuses what RFC 8259 refuses, with the offset of the problem", () => {
    expect(scanJson("[1,]")).toEqual({ ok: false, offset: 3, message: 'expected a value, found "]"' });
    expect(scanJson("01")).toEqual({ ok: false, offset: 0, message: "malformed number" });
    expect(scanJson("[.5]")).toEqual({ ok: false, offset: 1, message: 'expected a value, found "."' });
    expect(scanJson(`{'a': 1}`)).toEqual({ ok: false, offset: 1, message: `expected a quoted key, found "'"` });
    expect(scanJson(`"a\tb"`)).toEqual({ ok: false, offset: 2, message: "control character in a string (use an escape such as \\n)" });
    expect(scanJson(`"\\x"`)).toEqual({ ok: false, offset: 1, message: "invalid escape in a string" });
    expect(scanJson(`"abc`)).toEqual({ ok: false, offset: 4, message: "unterminated string" });
    expect(scanJson(`NaN`)).toEqual({ ok: false, offset: 0, message: 'expected a value, found "N"' });
  });

  it("agrees with JSON.parse on every JSON text", () => {
    fc.assert(fc.property(fc.json(), (text) => {
      const r = scanJson(text);
      expect(r.ok).toBe(true);
      if (r.ok) expect(plain(r.value)).toEqual(JSON.parse(text));
    }));
  });

  it("never throws, and fails exactly when JSON.parse fails", () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(..."{}[],:\"\\ 0123456789.eE+-tfnrul".split("")) }), (text) => {
      let parses = true;
      try { JSON.parse(text); } catch { parses = false; }
      expect(scanJson(text).ok).toBe(parses);
    }), { numRuns: 2000 });
  });
});
