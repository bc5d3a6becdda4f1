/**
 * Issue 19, item 3 (reads): `tenor check /dev/zero` (and `--inputs
 * /dev/zero`) grew to 16.8 GB and aborted; a 600 MB file was read whole
 * before the size limit answered, with exit 64. Now every file, device or
 * pipe is read up to its limit + 1 byte, and the limit's diagnostic answers
 * with its exit code (docs/language.md §14 "Files and streams").
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ARTIFACT_BYTES, processIo, readBounded, type Io } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { DEFAULT_LIMITS } from "../../src/limits.ts";
import { fakeIo, FEE_DEAL } from "./fake-io.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const DEAL = FEE_DEAL;
const INPUTS = JSON.stringify({ periods: [{ period: "2026-07-01", revenue: "100.00" }, { period: "2026-10-01", revenue: "200.00" }] });

/** The real Io (real files, bounded reads) with what it prints kept, and the size of every read. */
function realIo() {
  let out = "";
  let err = "";
  const reads: number[] = [];
  const io: Io = {
    ...processIo,
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (path, maxBytes) => {
      const bytes = readBounded(path, maxBytes);
      reads.push(bytes.length);
      return bytes;
    },
  };
  return { io, out: () => out, err: () => err, reads };
}

let dir = "";
let big = "";
let bigInputs = "";
let deal = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tenor-reads-"));
  // 600 MB files that take no disk: truncate makes them sparse.
  big = join(dir, "big.tenor");
  bigInputs = join(dir, "big.json");
  writeFileSync(big, "");
  truncateSync(big, 600_000_000);
  writeFileSync(bigInputs, "");
  truncateSync(bigInputs, 600_000_000);
  deal = join(dir, "deal.tenor");
  writeFileSync(deal, DEAL);
  writeFileSync(join(dir, "inputs.json"), INPUTS);
  mkdirSync(join(dir, "folder"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bounded reads", () => {
  it("reads at most the bound + 1 bytes of a device, a sparse 600 MB file and a small file", () => {
    expect(readBounded("/dev/zero", 1000).length).toBe(1001);
    expect(readBounded(big, 5_000_000).length).toBe(5_000_001);
    expect(readBounded(deal, 10_000_000).length).toBe(Buffer.byteLength(DEAL));
    expect(readBounded(deal, 10).length).toBe(11);
    expect(() => readBounded(join(dir, "folder"), 100)).toThrow(expect.objectContaining({ code: "EISDIR" }));
    expect(() => readBounded(join(dir, "nope"), 100)).toThrow(expect.objectContaining({ code: "ENOENT" }));
  });

  it("answers `tenor check /dev/zero` with TN1005 and exit 1, reading maxSourceBytes + 1 bytes", async () => {
    const r = realIo();
    expect(await main(["check", "/dev/zero"], r.io)).toBe(1);
    expect(r.err()).toMatch(/^\/dev\/zero:1:1: error: source is larger than 10000000 bytes \[TN1005\]\n/);
    expect(r.err()).toMatch(/\n\/dev\/zero: 1 error\n$/);
    expect(r.reads).toEqual([DEFAULT_LIMITS.maxSourceBytes + 1]);
  });

  it("answers a 600 MB term sheet with TN1005 and exit 1 (not 64), having read only the limit + 1", async () => {
    for (const command of [["check", big], ["test", big], ["compile", big], ["fmt", big]]) {
      const r = realIo();
      expect(await main(command, r.io), command[0]).toBe(1);
      expect(r.err()).toContain("[TN1005]");
      expect(Math.max(...r.reads)).toBe(DEFAULT_LIMITS.maxSourceBytes + 1);
    }
  });

  it("answers `--inputs /dev/zero` and a 600 MB inputs file with TN3125 and exit 2", async () => {
    for (const inputs of ["/dev/zero", bigInputs]) {
      const r = realIo();
      expect(await main(["run", deal, "--inputs", inputs, "--format", "json"], r.io)).toBe(2);
      expect(r.err()).toBe(`${inputs}: error: inputs file ${inputs} is larger than 20,000,000 bytes, the limit for an inputs file [TN3125]\n`);
      expect(r.reads.every((n) => n <= DEFAULT_LIMITS.maxInputBytes + 1)).toBe(true);
    }
  });

  it("bounds what `run` reads of DEAL (it may be an artifact) and of an events file", async () => {
    const r = realIo();
    expect(await main(["run", "/dev/zero", "--inputs", join(dir, "inputs.json")], r.io)).toBe(1);
    expect(r.err()).toContain("[TN1005]");
    const e = realIo();
    writeFileSync(join(dir, "p.csv"), "period,revenue\n2026-07-01,1.00\n2026-10-01,2.00\n");
    expect(await main(["run", deal, "--inputs", join(dir, "p.csv"), "--events", "/dev/zero"], e.io)).toBe(2);
    expect(e.err()).toContain("[TN3125]");
  });

  it("reads on up to 100,000,000 bytes when DEAL of `run` is an artifact, and no further", async () => {
    const artifact = join(dir, "big-artifact.json");
    writeFileSync(artifact, '{"format": "tenor-terms", ');
    truncateSync(artifact, 150_000_000);
    const r = realIo();
    expect(await main(["run", artifact, "--inputs", join(dir, "inputs.json")], r.io)).toBe(64);
    expect(r.err()).toBe(`tenor: ${artifact}: larger than 100,000,000 bytes, the most tenor reads of a compiled artifact\n`);
    expect(r.reads).toEqual([DEFAULT_LIMITS.maxSourceBytes + 1, MAX_ARTIFACT_BYTES + 1]);
    const inspect = realIo();
    expect(await main(["inspect", artifact], inspect.io)).toBe(64);
    expect(inspect.reads).toEqual([MAX_ARTIFACT_BYTES + 1]);
    // An artifact past the term sheet's limit but within its own is read whole (and then judged as an artifact).
    const fake = fakeIo({ "a.json": `{"format": "tenor-terms", "pad": "${"x".repeat(DEFAULT_LIMITS.maxSourceBytes)}"}`, "inputs.json": INPUTS });
    expect(await main(["run", "a.json", "--inputs", "inputs.json"], fake)).toBe(1);
    expect(fake.err()).toMatch(/^a\.json: error: .*\[TN40\d\d\]\n$/);
    expect(fake.reads().map((x) => x.maxBytes)).toEqual([DEFAULT_LIMITS.maxSourceBytes, MAX_ARTIFACT_BYTES, DEFAULT_LIMITS.maxInputBytes]);
  });

  it("says a directory or a missing file cannot be read (exit 64 for a term sheet, 2 for inputs)", async () => {
    const r = realIo();
    expect(await main(["check", join(dir, "folder")], r.io)).toBe(64);
    expect(r.err()).toBe(`tenor: ${join(dir, "folder")}: is a directory\n`);
    const i = realIo();
    expect(await main(["run", deal, "--inputs", join(dir, "folder")], i.io)).toBe(2);
    expect(i.err()).toBe(`tenor: error: ${join(dir, "folder")}: is a directory\n`);
  });

  it("reads an endless pipe on standard input only up to the limit", () => {
    const run = spawnSync("sh", ["-c", `head -c 50000000 /dev/zero | "${process.execPath}" "${join(root, "bin", "tenor.mjs")}" check -`], {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^<stdin>:1:1: error: source is larger than 10000000 bytes \[TN1005\]\n/);
    expect(run.stderr).toMatch(/\n<stdin>: 1 error\n$/);
  });
});

describe("`-` reads standard input", () => {
  it("checks, runs and formats a term sheet from standard input, named <stdin>", async () => {
    const io = fakeIo({ "-": DEAL.replace("revenue * 10%", "revenu * 10%") });
    expect(await main(["check", "-"], io)).toBe(1);
    expect(io.err()).toMatch(/^<stdin>:10:24: error: unknown name revenu/);
    expect(io.err()).toMatch(/\n<stdin>: 1 error\n$/);
    expect(io.reads()).toEqual([{ path: "-", maxBytes: DEFAULT_LIMITS.maxSourceBytes }]);

    const run = fakeIo({ "-": DEAL, "inputs.json": INPUTS });
    expect(await main(["run", "-", "--inputs", "inputs.json", "--format", "csv"], run)).toBe(0);
    expect(run.out()).toContain("Revenue share");

    const fmt = fakeIo({ "-": DEAL });
    const file = fakeIo({ "deal.tenor": DEAL });
    expect(await main(["fmt", "-"], fmt)).toBe(0);
    expect(await main(["fmt", "deal.tenor"], file)).toBe(0);
    expect(fmt.out()).toBe(file.out());
  });

  it("reads inputs from standard input, JSON or CSV by their first character, with the inputs bound", async () => {
    const json = fakeIo({ "deal.tenor": DEAL, "-": INPUTS });
    expect(await main(["run", "deal.tenor", "--inputs", "-", "--format", "csv"], json)).toBe(0);
    expect(json.reads()).toContainEqual({ path: "-", maxBytes: DEFAULT_LIMITS.maxInputBytes });
    const csv = fakeIo({ "deal.tenor": DEAL, "-": "period,revenue\n2026-07-01,100.00\n2026-10-01,200.00\n" });
    expect(await main(["run", "deal.tenor", "--inputs", "-", "--format", "csv"], csv)).toBe(0);
    expect(csv.out()).toBe(json.out());
    const bad = fakeIo({ "deal.tenor": DEAL, "-": JSON.stringify({ periods: [{ period: "2026-07-01", revenue: "1,0" }] }) });
    expect(await main(["run", "deal.tenor", "--inputs", "-"], bad)).toBe(2);
    expect(bad.err()).toMatch(/^<stdin>\.json: error: /);
  });

  it("refuses to read standard input twice, and fmt --write on it (exit 64)", async () => {
    const twice = fakeIo({ "-": DEAL });
    expect(await main(["run", "-", "--inputs", "-"], twice)).toBe(64);
    expect(twice.err()).toBe("tenor: standard input (-) can be read only once\n");
    const write = fakeIo({ "-": DEAL });
    expect(await main(["fmt", "--write", "-"], write)).toBe(64);
    expect(write.err()).toBe("tenor: fmt --write needs a file, not standard input\n");
  });
});
