/**
 * The runtime services import (`tenor/runtime`) never loads the parser or
 * the checker: esbuild's metafile lists every module the bundle holds, and
 * plain `node` — no tsx, no TypeScript — imports the built package by name
 * and settles a compiled deal with it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { STDLIB } from "../stdlib-options.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
// Holiday rules are resolved into the artifact's dates at compile time: a runtime never loads them.
const FORBIDDEN = /chevrotain|\/check\/|\/grammar\/|syntax\/parse|syntax\/cst-to-ast|holiday-rules|date-holidays/;

interface Metafile {
  readonly inputs: Record<string, unknown>;
}

let inputs: string[] = [];

beforeAll(async () => {
  const { buildRuntimeBundle } = (await import(join(root, "scripts", "build-runtime.mjs"))) as {
    buildRuntimeBundle: (outfile?: string) => Promise<Metafile>;
  };
  // Build where the package's "exports" point, so the plain-node test below imports what was just built.
  inputs = Object.keys((await buildRuntimeBundle()).inputs);
});

describe("the runtime's import graph", () => {
  it("holds the runtime, and no decimal library: its arithmetic is exact rationals in BigInt", () => {
    expect(inputs).toContain("src/runtime/index.ts");
    expect(inputs).toContain("src/eval/decimal.ts");
    expect(inputs.some((p) => p.includes("big.js"))).toBe(false);
  });

  it("holds nothing of the parser, the grammar, the checker or the holiday rules", () => {
    expect(inputs.filter((p) => FORBIDDEN.test(p))).toEqual([]);
  });

  it("imports nothing at run time: hashing is bundled, so browsers load it too", () => {
    const bundle = readFileSync(join(root, "dist", "runtime.mjs"), "utf8");
    const imports = [...bundle.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports).toEqual([]);
  });

  it("is importable by plain node as tenor/runtime and settles a compiled deal", () => {
    const dir = mkdtempSync(join(tmpdir(), "tenor-runtime-"));
    const source = readFileSync(join(root, "examples", "sharon-dsx.tenor"), "utf8");
    writeFileSync(join(dir, "deal.json"), artifactText(compileSource(source, STDLIB).value!));
    const script = `
      import { loadTerms, settle, TenorError } from "tenor/runtime";
      import { readFileSync } from "node:fs";
      const terms = loadTerms(readFileSync(${JSON.stringify(join(dir, "deal.json"))}, "utf8"));
      const ledger = settle(terms, readFileSync("examples/sharon-dsx.inputs.json", "utf8"));
      let refused = "";
      try { loadTerms(readFileSync(${JSON.stringify(join(dir, "deal.json"))}, "utf8").replace('"0.15"', '"0.05"')); }
      catch (e) { refused = e instanceof TenorError ? e.code : "other"; }
      console.log(JSON.stringify({ periods: ledger.periods.length, total: ledger.totals[0], refused }));
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    rmSync(dir, { recursive: true, force: true });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      periods: 72,
      total: { payer: "sharon", payee: "nvidia", amount: expect.stringMatching(/^\d+\.\d{2}$/) },
      refused: "TN4004",
    });
  });
});
