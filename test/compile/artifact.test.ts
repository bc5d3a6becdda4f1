import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSource } from "../../src/api.ts";
import { artifactText, COMPILER } from "../../src/compile/artifact.ts";
import { ARTIFACT_FORMAT } from "../../src/ir/artifact-format.ts";
import { canonicalJson } from "../../src/ir/canonical-json.ts";
import { STDLIB } from "../stdlib-options.ts";

const SOURCE = readFileSync(new URL("../../examples/sharon-dsx.tenor", import.meta.url), "utf8");
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("compiled artifacts", () => {
  const artifact = compileSource(SOURCE, STDLIB).value!;

  it("say what they are, who compiled them and from which source", () => {
    expect(artifact.format).toBe(ARTIFACT_FORMAT);
    // No declared range or event count: the IR version 3 had, written as version 3.
    expect(artifact.formatVersion).toBe(3);
    expect(artifact.compiler).toEqual(COMPILER);
    expect(artifact.sourceSha256).toBe(sha256(SOURCE));
  });

  it("carry the deal header and a SHA-256 over the canonical JSON of the IR", () => {
    expect(artifact.header.title).toBe("Sharon AI - DSX AI Factory");
    expect(artifact.header).toEqual(artifact.ir.header);
    expect(artifact.irSha256).toBe(sha256(canonicalJson(artifact.ir)));
  });

  it("are written byte for byte the same for the same source", () => {
    const again = artifactText(compileSource(SOURCE, STDLIB).value!);
    expect(artifactText(artifact)).toBe(again);
    expect(again.endsWith("}\n")).toBe(true);
  });

  it("hash the same whatever the order of the IR's keys", () => {
    const shuffled = JSON.parse(JSON.stringify(artifact.ir), (_k, v: unknown) =>
      v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v);
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(artifact.ir));
    expect(sha256(canonicalJson(shuffled))).toBe(artifact.irSha256);
  });

  it("are not produced for a term sheet with errors", () => {
    const r = compileSource(SOURCE.replace("rate = share_rate", "rate = share_rat"), STDLIB);
    expect(r.value).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toContain("TN2001");
  });
});

describe("canonical JSON", () => {
  it("sorts keys at every level, drops undefined properties and adds no whitespace", () => {
    expect(canonicalJson({ b: [1, { d: "x", c: null }], a: true, u: undefined })).toBe('{"a":true,"b":[1,{"c":null,"d":"x"}]}');
  });

  it("escapes strings as JSON does", () => {
    expect(canonicalJson({ "k\"": "line\nbreak é" })).toBe('{"k\\"":"line\\nbreak é"}');
  });
});
