/**
 * A short fuzzing run (scripts/fuzz.ts) is part of `npm test`: a few
 * seconds of random text, token soup, mutated term sheets and mutated
 * inputs, with the default seed so the run is repeatable. Reproducers go
 * to a temporary folder, not fuzz-failures/.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));

describe("npm run fuzz", () => {
  it("runs 3 s of cases and ends with 'fuzz: N cases, 0 failures'", () => {
    const out = mkdtempSync(join(tmpdir(), "tenor-fuzz-"));
    // A generous hang limit here: other test files load the machine meanwhile.
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/fuzz.ts", "--seconds", "3", "--slow-ms", "8000", "--workers", "1", "--out", out], {
      cwd: root,
      encoding: "utf8",
      timeout: 110_000,
    });
    const lines = run.stdout.trim().split("\n");
    const last = lines.at(-1) ?? "";
    expect(last, `${run.stdout}\n${run.stderr}`).toMatch(/^fuzz: \d+ cases, 0 failures$/);
    expect(Number(/^fuzz: (\d+) cases/.exec(last)![1])).toBeGreaterThan(50);
    expect(run.status).toBe(0);
    expect(readdirSync(out)).toEqual([]);
    expect(lines[0]).toMatch(/^fuzz: seed 1, 3 s/);
  }, 120_000);
});
