import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { COMPILE } from "../../src/diagnostics/codes/compile.ts";
import { canonicalJson } from "../../src/ir/canonical-json.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { sha256Hex } from "../../src/ir/sha256.ts";
import { TenorError } from "../../src/runtime/tenor-error.ts";
import { STDLIB } from "../stdlib-options.ts";

const SOURCE = readFileSync(new URL("../../examples/sharon-dsx.tenor", import.meta.url), "utf8");
const TEXT = artifactText(compileSource(SOURCE, STDLIB).value!);
const doc = () => JSON.parse(TEXT) as Record<string, any>;

/** The TenorError loadTerms throws, as [code, message]. */
function refusal(artifact: string | object): [string, string] {
  try {
    loadTerms(artifact);
  } catch (e) {
    if (e instanceof TenorError) return [e.code, e.message];
    throw e;
  }
  throw new Error("loadTerms accepted it");
}

describe("loadTerms", () => {
  it("accepts the artifact as text or as a parsed object", () => {
    const terms = loadTerms(TEXT);
    expect(terms.header.title).toBe("Sharon AI - DSX AI Factory");
    expect(terms.irSha256).toBe(doc()["irSha256"]);
    expect(terms.compiler).toEqual({ name: "tenor", version: "0.1.0" });
    expect(loadTerms(doc()).irSha256).toBe(terms.irSha256);
  });

  it("accepts an artifact rewritten with its keys in another order and indented, since its content is unchanged", () => {
    /** The same JSON value with every object's keys reversed. */
    const reversed = (v: unknown): unknown => Array.isArray(v)
      ? v.map(reversed)
      : typeof v === "object" && v !== null ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    const rewritten = JSON.stringify(reversed(doc()), null, 2);
    expect(rewritten.startsWith('{\n  "sourceSha256"')).toBe(true);
    expect(loadTerms(rewritten).irSha256).toBe(doc()["irSha256"]);
    const tampered = doc();
    tampered["ir"]["header"]["title"] = "Another deal";
    tampered["header"]["title"] = "Another deal";
    expect(refusal(JSON.stringify(reversed(tampered)))[0]).toBe(COMPILE.artifactTampered);
  });

  it("refuses a tampered object that would serialize as the original: a toJSON method, a boxed string", () => {
    const withToJson = doc();
    const original = doc()["ir"];
    withToJson["ir"]["header"]["title"] = withToJson["header"]["title"] = "Tampered deal";
    Object.defineProperty(withToJson["ir"], "toJSON", { value: () => original });
    expect(refusal(withToJson)[0]).toBe(COMPILE.artifactTampered);
    const boxed = doc();
    boxed["ir"]["header"]["title"] = new String(boxed["ir"]["header"]["title"]);
    expect(refusal(boxed)[0]).toBe(COMPILE.artifactTampered);
  });

  it("refuses text that is not JSON", () => {
    expect(refusal("deal \"x\"")[0]).toBe(COMPILE.artifactNotJson);
    expect(refusal("[1]")).toEqual([COMPILE.artifactNotJson, "the artifact must be a JSON object"]);
  });

  it("refuses JSON that is not a terms artifact", () => {
    expect(refusal({ periods: [] })).toEqual([COMPILE.notAnArtifact, 'not a Tenor terms artifact: "format" is missing, expected "tenor-terms"']);
    const { ir: _ir, ...noIr } = doc();
    expect(refusal(noIr)).toEqual([COMPILE.notAnArtifact, "not a complete Tenor terms artifact: ir missing or malformed"]);
  });

  it("refuses a format version it does not read, newer or unknown", () => {
    expect(refusal({ ...doc(), formatVersion: 5 })).toEqual([
      COMPILE.unsupportedFormatVersion,
      "artifact format version 5 (compiled by tenor 0.1.0) is not supported: this runtime reads versions 3 and 4; " +
      "compile the term sheet with a tenor that writes it, or use a runtime that reads this version",
    ]);
    expect(refusal({ ...doc(), formatVersion: "3" })[0]).toBe(COMPILE.unsupportedFormatVersion);
    // Version 2 divided to 20 places: its artifacts are compiled again, not settled by the exact rule.
    expect(refusal({ ...doc(), formatVersion: 2 })[0]).toBe(COMPILE.unsupportedFormatVersion);
  });

  it("refuses an artifact whose IR was changed after compiling: a tampered rate", () => {
    const tampered = TEXT.replace('"value":"0.15"', '"value":"0.05"');
    expect(tampered).not.toBe(TEXT);
    const [code, message] = refusal(tampered);
    expect(code).toBe(COMPILE.artifactTampered);
    expect(message).toMatch(/^the artifact's IR does not match its hash \(irSha256 [0-9a-f]{64}, but the IR hashes to [0-9a-f]{64}\): it was changed after it was compiled$/);
  });

  it("refuses a header that does not match the IR, even with the IR intact", () => {
    const d = doc();
    d["header"] = { ...d["header"], title: "Another deal" };
    expect(refusal(d)).toEqual([COMPILE.artifactTampered, "the artifact's header does not match the header inside its IR: it was changed after it was compiled"]);
  });

  it("refuses a malformed IR even when its hash was recomputed", () => {
    const d = doc();
    d["ir"] = { ...d["ir"], clauses: "none" };
    d["irSha256"] = sha256Hex(canonicalJson(d["ir"]));
    const [code, message] = refusal(d);
    expect(code).toBe(COMPILE.artifactInvalid);
    expect(message).toMatch(/^the artifact is not one a compiler writes, at \$\.ir\.clauses: /);
  });
});
