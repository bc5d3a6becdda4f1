/**
 * `tenor settle-many`'s rules on names, unmatched files and `--workers`
 * (docs/language.md §14 "settle-many"), each from a reproducer of issue 19:
 * names alike wrote one ledger over the other, a name could write outside
 * `--out`, inputs with no artifact were skipped in silence, and
 * `--workers 999999999` hung.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nameProblem } from "../../src/cli/commands/settle-many.ts";
import type { Io } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { realIo } from "./fake-io.ts";
import { maxWorkers, planPool } from "../../src/cli/portfolio/pool.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const EXAMPLES = ["sharon-dsx", "coreweave-backstop", "firmus-campus"];


let dir = "";
let n = 0;

/** A fresh directory under the test's own. */
function fresh(): string {
  const d = join(dir, `case-${++n}`);
  mkdirSync(d, { recursive: true });
  return d;
}

/** Copies example `name`'s artifact and inputs into `to` as `as.json` and `as.inputs.json`. */
function deal(name: string, to: string, as = name): void {
  writeFileSync(join(to, `${as}.json`), readFileSync(join(dir, `${name}.json`)));
  writeFileSync(join(to, `${as}.inputs.json`), readFileSync(join(dir, `${name}.inputs.json`)));
}

beforeAll(async () => {
  const { buildWorker } = (await import(join(root, "scripts", "build-cli.mjs"))) as { buildWorker: () => Promise<void> };
  await buildWorker();
  dir = mkdtempSync(join(tmpdir(), "tenor-many-rules-"));
  for (const name of EXAMPLES) {
    expect(await main(["compile", join(root, "examples", `${name}.tenor`), "-o", join(dir, `${name}.json`)], realIo().io)).toBe(0);
    writeFileSync(join(dir, `${name}.inputs.json`), readFileSync(join(root, "examples", `${name}.inputs.json`), "utf8"));
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("settle-many: every deal's name is unique", () => {
  it("refuses two deals named alike (a/deal.json, b/deal.json) before anything runs, naming both files (exit 64)", async () => {
    const d = fresh();
    for (const sub of ["a", "b"]) {
      mkdirSync(join(d, sub));
      deal("sharon-dsx", join(d, sub), "deal");
    }
    const manifest = join(d, "m.json");
    writeFileSync(manifest, JSON.stringify([
      { terms: "a/deal.json", inputs: "a/deal.inputs.json" },
      { terms: "b/deal.json", inputs: "b/deal.inputs.json" },
    ]));
    const out = join(d, "out");
    mkdirSync(out);
    const r = realIo();
    expect(await main(["settle-many", manifest, "--out", out, "--workers", "1"], r.io)).toBe(64);
    expect(r.err()).toBe(
      `tenor: two deals both named "deal": ${manifest}: entry 1 (a/deal.json) and ${manifest}: entry 2 (b/deal.json); ` +
      `their ledgers would overwrite each other: give each a unique "name"\n` +
      "tenor: nothing settled (1 problem with the deals' names or ledgers)\n",
    );
    expect(r.out()).toBe("");
    expect(readdirSync(out)).toEqual([]);

    // Without --out too: names are how results and messages tell deals apart.
    expect(await main(["settle-many", manifest, "--workers", "1"], realIo().io)).toBe(64);

    // Given names, both settle, each to its own ledger.
    writeFileSync(manifest, JSON.stringify([
      { terms: "a/deal.json", inputs: "a/deal.inputs.json", name: "a-deal" },
      { terms: "b/deal.json", inputs: "b/deal.inputs.json", name: "b-deal" },
    ]));
    const ok = realIo();
    expect(await main(["settle-many", manifest, "--out", out, "--workers", "1"], ok.io)).toBe(0);
    expect(ok.out()).toMatch(/^settled 2 of 2 deals /);
    expect(readdirSync(out).sort()).toEqual(["a-deal.ledger.json", "b-deal.ledger.json"]);
  });

  it("counts names that differ only in case or Unicode normalization as alike (one file on macOS and Windows)", async () => {
    const d = fresh();
    const manifest = join(d, "m.json");
    const terms = join(dir, "sharon-dsx.json");
    const inputs = join(dir, "sharon-dsx.inputs.json");
    writeFileSync(manifest, JSON.stringify([
      { terms, inputs, name: "Deal" },
      { terms, inputs, name: "deal" },
      { terms, inputs, name: "caf\u00e9" },
      { terms, inputs, name: "cafe\u0301" },
    ]));
    const r = realIo();
    expect(await main(["settle-many", manifest, "-w", "1"], r.io)).toBe(64);
    const lines = r.err().split("\n");
    expect(lines[0]).toBe(`tenor: two deals named "Deal" and "deal", one file name on macOS and Windows: ${manifest}: entry 1 (${terms}) and ${manifest}: entry 2 (${terms}); their ledgers would overwrite each other: give each a unique "name"`);
    expect(lines[1]).toMatch(/^tenor: two deals named "caf.+" and "caf.+", one file name on macOS and Windows: .*entry 3 .*entry 4 /);
    expect(lines[2]).toBe("tenor: nothing settled (2 problems with the deals' names or ledgers)");
  });

  it("refuses a ledger that would overwrite a deal's own inputs or artifact (exit 64)", async () => {
    const d = fresh();
    const out = join(d, "out");
    mkdirSync(out);
    // Deal "b" reads its inputs from out/a.ledger.json, the file deal "a"'s ledger would replace.
    writeFileSync(join(out, "a.ledger.json"), readFileSync(join(dir, "sharon-dsx.inputs.json")));
    const manifest = join(d, "m.json");
    writeFileSync(manifest, JSON.stringify([
      { terms: join(dir, "sharon-dsx.json"), inputs: join(dir, "sharon-dsx.inputs.json"), name: "a" },
      { terms: join(dir, "sharon-dsx.json"), inputs: "out/a.ledger.json", name: "b" },
    ]));
    const before = readFileSync(join(out, "a.ledger.json"), "utf8");
    const r = realIo();
    expect(await main(["settle-many", manifest, "--out", out, "-w", "1"], r.io)).toBe(64);
    expect(r.err()).toContain(`tenor: the ledger of "a", ${join(out, "a.ledger.json")}, would overwrite the inputs of "b" (${manifest}: entry 2 (${join(dir, "sharon-dsx.json")}))\n`);
    expect(readFileSync(join(out, "a.ledger.json"), "utf8")).toBe(before);
  });
});

describe("settle-many: a name is one file name inside --out", () => {
  const refused: [string, string][] = [
    ["../escaped", 'it climbs out with ".."'],
    ["..", 'it climbs out with ".."'],
    ["a/../../b", 'it climbs out with ".."'],
    ["sub/deal", 'it contains a path separator ("/" or "\\")'],
    ["sub\\deal", 'it contains a path separator ("/" or "\\")'],
    ["/tmp/abs", "it is an absolute path"],
    ["C:\\deals\\x", "it is an absolute path"],
    ["\\\\server\\share\\x", "it is an absolute path"],
    ["nul\u0000byte", "it contains NUL"],
    ["bell\u0007", "it contains a control character"],
    ["", "it is empty"],
    [".", 'it is "."'],
    ["x".repeat(244), "it is 244 bytes long, more than the 243 a ledger's file name leaves"],
  ];
  it.each(refused)("refuses the name %j: %s", (name, why) => {
    expect(nameProblem(name)).toBe(why);
  });

  it.each(["deal", "a..b", "..hidden", ".dot", "deal (2)", "déal-日本", "x".repeat(243)])("takes the name %j", (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it("refuses a manifest name `../escaped` with a clear message, writing nothing in or outside --out (exit 64)", async () => {
    const d = fresh();
    const out = join(d, "out");
    mkdirSync(out);
    const manifest = join(d, "m.json");
    writeFileSync(manifest, JSON.stringify([
      { terms: join(dir, "sharon-dsx.json"), inputs: join(dir, "sharon-dsx.inputs.json"), name: "fine" },
      { terms: join(dir, "sharon-dsx.json"), inputs: join(dir, "sharon-dsx.inputs.json"), name: "../escaped" },
      { terms: join(dir, "sharon-dsx.json"), inputs: join(dir, "sharon-dsx.inputs.json"), name: "/tmp/abs" },
      { terms: join(dir, "sharon-dsx.json"), inputs: join(dir, "sharon-dsx.inputs.json"), name: "a\u0000b" },
    ]));
    const r = realIo();
    expect(await main(["settle-many", manifest, "--out", out, "-w", "1"], r.io)).toBe(64);
    const origin = (i: number) => `${manifest}: entry ${i} (${join(dir, "sharon-dsx.json")})`;
    expect(r.err()).toBe(
      `tenor: ${origin(2)}: the name "../escaped" cannot name a ledger: it climbs out with ".."; a name is one file name, written inside --out as NAME.ledger.json\n` +
      `tenor: ${origin(3)}: the name "/tmp/abs" cannot name a ledger: it is an absolute path; a name is one file name, written inside --out as NAME.ledger.json\n` +
      `tenor: ${origin(4)}: the name "a\\u0000b" cannot name a ledger: it contains NUL; a name is one file name, written inside --out as NAME.ledger.json\n` +
      "tenor: nothing settled (3 problems with the deals' names or ledgers)\n",
    );
    expect(r.out()).toBe("");
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(join(d, "escaped.ledger.json"))).toBe(false);
  });

  it("refuses a name that is not a string", async () => {
    const d = fresh();
    const manifest = join(d, "m.json");
    writeFileSync(manifest, JSON.stringify([{ terms: "x.json", inputs: "x.inputs.json", name: 7 }]));
    const r = realIo();
    expect(await main(["settle-many", manifest], r.io)).toBe(64);
    expect(r.err()).toBe(`tenor: ${manifest}: entry 1: "name" must be a string\n`);
  });
});

describe("settle-many: unmatched files in a directory are reported", () => {
  it("warns once per file that has no pair, settles the rest, and counts them in the summary (exit 0)", async () => {
    const d = fresh();
    deal("sharon-dsx", d);
    writeFileSync(join(d, "lonely.inputs.json"), readFileSync(join(dir, "sharon-dsx.inputs.json")));
    writeFileSync(join(d, "orphan.json"), readFileSync(join(dir, "sharon-dsx.json")));
    // Not deal files: ledgers of an earlier run, other files, directories.
    writeFileSync(join(d, "sharon-dsx.ledger.json"), "{}");
    writeFileSync(join(d, "README.md"), "deals\n");
    mkdirSync(join(d, "nested.json"));
    const r = realIo();
    expect(await main(["settle-many", d, "-w", "1"], r.io)).toBe(0);
    expect(r.err()).toBe(
      `${join(d, "lonely.inputs.json")}: warning: no artifact lonely.json beside it; not settled\n` +
      `${join(d, "orphan.json")}: warning: no inputs orphan.inputs.json beside it; not settled\n`,
    );
    expect(r.out()).toMatch(/^settled 1 of 1 deals \(\d+ periods\) in \d+\.\d{2} s with 1 worker: \d+ deals\/s; 2 unmatched files not settled\n$/);
  });

  it("says nothing more when every file has its pair", async () => {
    const d = fresh();
    for (const name of EXAMPLES) deal(name, d);
    const r = realIo();
    expect(await main(["settle-many", d, "-w", "2"], r.io)).toBe(0);
    expect(r.err()).toBe("");
    expect(r.out()).toMatch(/^settled 3 of 3 deals \(\d+ periods\) in \d+\.\d{2} s with 2 workers: \d+ deals\/s\n$/);
  });

  it("refuses, in a directory too, deal names alike but for case (on a file system that keeps both files)", async () => {
    const d = fresh();
    deal("sharon-dsx", d, "Deal");
    deal("sharon-dsx", d, "deal");
    if (readdirSync(d).length !== 4) return; // a case-insensitive file system holds one deal
    const r = realIo();
    expect(await main(["settle-many", d, "-w", "1"], r.io)).toBe(64);
    expect(r.err()).toContain(`tenor: two deals named "Deal" and "deal", one file name on macOS and Windows: ${join(d, "Deal.inputs.json")} and ${join(d, "deal.inputs.json")};`);
  });
});

describe("settle-many --workers", () => {
  const max = maxWorkers();
  const cores = availableParallelism();
  const message = (text: string) =>
    `tenor: --workers must be a decimal whole number from 1 to ${max} (4 a core, ${cores} core${cores === 1 ? "" : "s"}), not ${JSON.stringify(text)}\n`;

  it.each(["0", "-1", "1.5", "1e3", "0x10", "0b11", " 4", "4 ", "", "+2", "999999999", "99999999999999999999", String(max + 1), "Infinity", "NaN", "٣"])(
    "refuses --workers %j at once (exit 64)",
    async (text) => {
      const d = fresh();
      deal("sharon-dsx", d);
      const r = realIo();
      const t0 = performance.now();
      expect(await main(["settle-many", d, "--workers", text], r.io)).toBe(64);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(r.err()).toBe(message(text));
      expect(r.out()).toBe("");
    },
  );

  it(`takes --workers ${max} (4 a core) and starts no more threads than there are batches`, async () => {
    const d = fresh();
    for (const name of EXAMPLES) deal(name, d);
    const r = realIo();
    expect(await main(["settle-many", d, "--workers", String(max)], r.io)).toBe(0);
    expect(r.out()).toMatch(new RegExp(`^settled 3 of 3 deals .* with ${Math.min(max, 3)} workers?: `));
    expect(await main(["settle-many", d, "--workers", "1"], realIo().io)).toBe(0);
  });

  it("starts no pool for no deals: an empty directory at the most workers returns at once", async () => {
    const d = fresh();
    const r = realIo();
    const t0 = performance.now();
    expect(await main(["settle-many", d, "--workers", String(max)], r.io)).toBe(0);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.out()).toMatch(/^settled 0 of 0 deals \(0 periods\) in \d+\.\d{2} s with 0 workers: 0 deals\/s\n$/);
  });

  it("shares deals out so every thread started has work, 25 a batch at most", () => {
    expect(planPool(0, { workers: 8 })).toEqual({ workers: 0, batch: 1 });
    expect(planPool(3, { workers: 8 })).toEqual({ workers: 3, batch: 1 });
    expect(planPool(3, { workers: 2 })).toEqual({ workers: 2, batch: 2 });
    expect(planPool(1000, { workers: 8 })).toEqual({ workers: 8, batch: 25 });
    expect(planPool(100, { workers: 8, batch: 50 })).toEqual({ workers: 2, batch: 50 });
    expect(() => planPool(3, { workers: 0 })).toThrow(RangeError);
    expect(() => planPool(3, { workers: 1.5 })).toThrow(RangeError);
  });
});

describe("settle-many as installed", () => {
  it("runs from bin/tenor.mjs on the bundled CommonJS worker and writes every ledger", () => {
    const d = fresh();
    for (const name of EXAMPLES) deal(name, d);
    const out = join(d, "out");
    mkdirSync(out);
    const run = spawnSync(process.execPath, [join(root, "bin", "tenor.mjs"), "settle-many", d, "--workers", String(maxWorkers()), "--out", out], { encoding: "utf8", timeout: 120_000 });
    expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({ status: 0, signal: null, stderr: "" });
    expect(run.stdout).toMatch(/^settled 3 of 3 deals /);
    expect(readdirSync(out).sort()).toEqual(EXAMPLES.map((e) => `${e}.ledger.json`).sort());
  }, 120_000);
});
