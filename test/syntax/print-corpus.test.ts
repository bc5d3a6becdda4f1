/**
 * `tenor fmt` on every example and every shared conformance deal (read in
 * place, never copied): idempotent, comment-preserving, meaning-preserving
 * (same tree) and ledger-preserving (the formatted file settles to the
 * identical ledger over the same inputs).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runSource } from "../../src/api.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { formatSource } from "../../src/syntax/print.ts";
import { commentsOf, stripRanges } from "./strip-ranges.ts";
import { STDLIB } from "../stdlib-options.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const examplesDir = join(root, "examples");
const conformanceDir = resolve(root, "../shared/conformance");

interface Case {
  readonly name: string;
  readonly source: string;
  /** The inputs file settled for the ledger comparison, when there is one. */
  readonly inputs: { readonly name: string; readonly text: string } | null;
}

function examples(): Case[] {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith(".tenor"))
    .sort()
    .map((f) => {
      const inputs = join(examplesDir, f.replace(/\.tenor$/, ".inputs.json"));
      return {
        name: `examples/${f}`,
        source: readFileSync(join(examplesDir, f), "utf8"),
        inputs: existsSync(inputs) ? { name: inputs, text: readFileSync(inputs, "utf8") } : null,
      };
    });
}

function conformanceDeals(): Case[] {
  if (!existsSync(conformanceDir)) return [];
  return readdirSync(conformanceDir)
    .filter((d) => existsSync(join(conformanceDir, d, "deal.tenor")))
    .sort()
    .map((d) => {
      const inputs = join(conformanceDir, d, "inputs.json");
      return {
        name: `conformance/${d}/deal.tenor`,
        source: readFileSync(join(conformanceDir, d, "deal.tenor"), "utf8"),
        inputs: existsSync(inputs) ? { name: inputs, text: readFileSync(inputs, "utf8") } : null,
      };
    });
}

/** The conformance error cases that parse (syntax.tenor is the one that must not). */
function conformanceErrorFiles(): Case[] {
  const dir = join(conformanceDir, "errors");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".tenor") && f !== "syntax.tenor")
    .sort()
    .map((f) => ({ name: `conformance/errors/${f}`, source: readFileSync(join(dir, f), "utf8"), inputs: null }));
}

function formatted(source: string): string {
  const result = formatSource(source);
  expect(result.diagnostics).toEqual([]);
  return result.value!;
}

function checkFormatting(c: Case): void {
  const once = formatted(c.source);
  expect(formatted(once)).toBe(once);
  expect(commentsOf(once)).toEqual(commentsOf(c.source));
  expect(stripRanges(parseSource(once).value)).toEqual(stripRanges(parseSource(c.source).value));
  if (c.inputs !== null) {
    const before = runSource(c.source, [c.inputs], STDLIB);
    const after = runSource(once, [c.inputs], STDLIB);
    expect(before.failure).toBeNull();
    expect(before.ledger).not.toBeNull();
    expect(after.failure).toBeNull();
    expect(after.ledger).toEqual(before.ledger);
  }
}

describe("tenor fmt on the examples", () => {
  const cases = examples();

  it("finds the five examples and their inputs", () => {
    expect(cases.map((c) => c.name)).toEqual([
      "examples/coreweave-backstop.tenor",
      "examples/facility-lease-guarantee.tenor",
      "examples/firmus-campus.tenor",
      "examples/lambda-rentback.tenor",
      "examples/sharon-dsx.tenor",
    ]);
    expect(cases.every((c) => c.inputs !== null)).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s is idempotent, keeps its comments, tree and ledger", (_, c) => {
    checkFormatting(c);
  });
});

describe.runIf(existsSync(conformanceDir))("tenor fmt on the shared conformance deals", () => {
  it.each(conformanceDeals().map((c) => [c.name, c] as const))("%s is idempotent, keeps its comments, tree and ledger", (_, c) => {
    checkFormatting(c);
  });

  it.each(conformanceErrorFiles().map((c) => [c.name, c] as const))("%s is idempotent and keeps its comments and tree", (_, c) => {
    checkFormatting(c);
  });

  it("refuses errors/syntax.tenor, naming both syntax errors", () => {
    const source = readFileSync(join(conformanceDir, "errors", "syntax.tenor"), "utf8");
    const result = formatSource(source);
    expect(result.value).toBeNull();
    const lines = result.diagnostics.map((d) => source.slice(0, d.range!.start).split("\n").length);
    expect(lines).toEqual([14, 18]);
  });
});
