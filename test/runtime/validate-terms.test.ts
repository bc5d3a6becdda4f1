/**
 * An artifact must be valid, not only intact (docs/artifact.md "What is
 * checked"): each edit below is made to a real compiled deal with its hash
 * recomputed, as someone who knows the format would, and `loadTerms`
 * refuses it with TN4007 naming the JSON path — before any period settles.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { COMPILE } from "../../src/diagnostics/codes/compile.ts";
import { canonicalJson } from "../../src/ir/canonical-json.ts";
import { sha256Hex } from "../../src/ir/sha256.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { TenorError } from "../../src/runtime/tenor-error.ts";
import { STDLIB } from "../stdlib-options.ts";

const SOURCE = readFileSync(new URL("../../examples/sharon-dsx.tenor", import.meta.url), "utf8");
const TEXT = artifactText(compileSource(SOURCE, STDLIB).value!);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The artifact after `edit` changes its IR (the header kept in step), with its hash recomputed. */
function edited(edit: (ir: Json) => void): Json {
  const doc = JSON.parse(TEXT) as Json;
  edit(doc.ir);
  doc.header = doc.ir.header;
  doc.irSha256 = sha256Hex(canonicalJson(doc.ir));
  return doc;
}

/** [code, message] of the refusal. */
function refusal(doc: Json): [string, string] {
  try {
    loadTerms(doc);
  } catch (e) {
    if (e instanceof TenorError) return [e.code, e.message];
    throw e;
  }
  throw new Error("loadTerms accepted it");
}

/** The first Pays statement of the first clause that has one. */
function firstPays(ir: Json): Json {
  for (const c of ir.clauses) {
    const walk = (body: Json[]): Json => {
      for (const s of body) {
        if (s.kind === "Pays") return s;
        if (s.body !== undefined) {
          const found = walk(s.body);
          if (found !== undefined) return found;
        }
      }
      return undefined;
    };
    const p = walk(c.body);
    if (p !== undefined) return p;
  }
  throw new Error("no pays");
}

describe("loadTerms refuses an intact artifact that no compiler writes", () => {
  it.each([
    ["a frequency of weekly", (ir: Json) => { ir.header.term.frequency = "weekly"; }, ".header.term.frequency"],
    ["a frequency of __proto__", (ir: Json) => { ir.header.term.frequency = "__proto__"; }, ".header.term.frequency"],
    ["a rounding mode of bogus", (ir: Json) => { ir.header.currency.rounding = "bogus"; }, ".header.currency.rounding"],
    ["USD with 20 decimals", (ir: Json) => { ir.header.currency.decimals = 20; }, ".header.currency.decimals"],
    ["USD with 3 decimals", (ir: Json) => { ir.header.currency.decimals = 3; }, "$.ir.header.currency.decimals"],
    ["a payer that is not a party", (ir: Json) => { firstPays(ir).payer = "mallory"; }, ".payer"],
    ["a cap window of decade", (ir: Json) => { ir.clauses.find((c: Json) => c.caps.length > 0).caps[0].window = "decade"; }, ".window"],
    ["an unknown node kind", (ir: Json) => { firstPays(ir).amount = { kind: "Magic", type: "number", range: [0, 0] }; }, ".amount.kind"],
    ["an unknown operator", (ir: Json) => { firstPays(ir).amount = { kind: "Binary", op: "**", type: "number", range: [0, 0], left: { kind: "Number", value: "2", type: "number", range: [0, 0] }, right: { kind: "Number", value: "3", type: "number", range: [0, 0] } }; }, ".amount.op"],
    ["a constant abc", (ir: Json) => { firstPays(ir).amount = { kind: "Number", value: "abc", type: "number", range: [0, 0] }; }, ".amount.value"],
    ["an input slot out of range", (ir: Json) => { firstPays(ir).amount = { kind: "Input", slot: 99, name: "x", type: "number", range: [0, 0] }; }, ".amount.slot"],
    ["a number retyped as a date", (ir: Json) => { firstPays(ir).amount = { kind: "Number", value: "2", type: "date", range: [0, 0] }; }, ".amount.type"],
    ["a built-in that does not exist", (ir: Json) => { firstPays(ir).amount = { kind: "Call", fn: "toString", args: [], type: "number", range: [0, 0] }; }, ".amount.fn"],
    ["a built-in with the wrong arguments", (ir: Json) => { firstPays(ir).amount = { kind: "Call", fn: "abs", args: [{ kind: "Date", value: "2026-07-01", type: "date", range: [0, 0] }], type: "number", range: [0, 0] }; }, ".amount"],
    ["a date that does not exist", (ir: Json) => { ir.header.term.end = "2031-02-30"; }, "$.ir.header.term.end"],
    ["a term of ten thousand years", (ir: Json) => { ir.header.term.start = "0001-01-01"; ir.header.term.end = "9999-12-31"; }, "$.ir.header.term"],
    ["an Invalid node", (ir: Json) => { firstPays(ir).amount = { kind: "Invalid", reason: "x", type: "number", range: [0, 0] }; }, ".amount.kind"],
    ["an unknown field", (ir: Json) => { firstPays(ir).extra = 1; }, ""],
  ])("%s", (_what, edit, path) => {
    const [code, message] = refusal(edited(edit));
    expect(code).toBe(COMPILE.artifactInvalid);
    expect(message).toMatch(/^the artifact is not one a compiler writes, at \$\./);
    expect(message).toContain(path);
  });

  it("refuses a 100,000-deep array anywhere in the file with a limit error, not a stack overflow", () => {
    // Built as text: the depth is checked before the hash, so no hash needs recomputing (nothing here may recurse either).
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const text = TEXT.replace('"tests":[', `"tests":[${deep},`);
    expect(text).not.toBe(TEXT);
    const [code, message] = refusal(text);
    expect(code).toBe(COMPILE.artifactInvalid);
    expect(message).toMatch(/^the artifact nests deeper than 5000 levels, at \$\.ir\.tests(\[0\])+$/);
  });

  it("still accepts every example and stdlib deal as compiled", () => {
    for (const name of ["sharon-dsx", "coreweave-backstop", "firmus-campus", "lambda-rentback", "facility-lease-guarantee"]) {
      const source = readFileSync(new URL(`../../examples/${name}.tenor`, import.meta.url), "utf8");
      expect(() => loadTerms(artifactText(compileSource(source, STDLIB).value!)), name).not.toThrow();
    }
  });
});
