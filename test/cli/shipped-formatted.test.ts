/**
 * Every term sheet Tenor ships (examples/*.tenor, stdlib/*.tenor) is in the
 * canonical layout: `tenor fmt --check FILE` passes on each (issue 19: all
 * five examples failed it). Run through the command itself, so a failure
 * names the file as the command does: `examples/NAME.tenor: not formatted`.
 * To fix one: `node bin/tenor.mjs fmt --write FILE` (layout only; the tree
 * and so the ledger stay the same).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo } from "./fake-io.ts";

const root = join(import.meta.dirname, "..", "..");
const sheets = ["examples", "stdlib"].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((name) => name.endsWith(".tenor"))
    .sort()
    .map((name) => `${dir}/${name}`),
);

describe("shipped term sheets are formatted", () => {
  it("finds the examples and the stdlib", () => {
    expect(sheets.filter((s) => s.startsWith("examples/")).length).toBeGreaterThanOrEqual(5);
    expect(sheets.filter((s) => s.startsWith("stdlib/")).length).toBeGreaterThanOrEqual(11);
  });

  it.each(sheets)("tenor fmt --check %s", async (sheet) => {
    const io = fakeIo({ [sheet]: readFileSync(join(root, sheet), "utf8") });
    const code = await main(["fmt", "--check", sheet], io);
    expect({ sheet, code, stderr: io.err() }).toEqual({ sheet, code: 0, stderr: "" });
  });
});
