import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo } from "./fake-io.ts";

const STDLIB_DIR = fileURLToPath(new URL("../../stdlib/", import.meta.url));
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

const DEAL = `deal "Fee deal"
parties {
  vendor: "GPU vendor"
  operator: "AI cloud operator"
}
term 2026-07-01 to 2026-12-31, quarterly
currency USD
settle net
input revenue: USD
clause share "Revenue share" {
  operator pays vendor revenue * 10%
}
clause margin { vendor pays operator revenue - 100_000 USD }
`;

function setup() {
  const files: Record<string, string> = {
    "deal.tenor": DEAL,
    "inputs.json": JSON.stringify({ periods: [{ period: "2026-07-01", revenue: "120000.00" }, { period: "2026-10-01", revenue: "80000.05" }] }),
    "ok-inputs.json": JSON.stringify({ periods: [{ period: "2026-07-01", revenue: "120000.00" }] }),
    "inputs.csv": "period,revenue\n2026-07-01,120000.00\n",
    "sharon.tenor": read("examples/sharon-dsx.tenor"),
    "sharon.inputs.json": read("examples/sharon-dsx.inputs.json"),
    "bad.tenor": DEAL.replace("revenue * 10%", "revenu * 10%"),
    // The examples import the stdlib, which the CLI reads by absolute path.
    ...Object.fromEntries(readdirSync(STDLIB_DIR).map((f) => [join(STDLIB_DIR, f), readFileSync(join(STDLIB_DIR, f), "utf8")])),
  };
  const run = async (...argv: string[]) => {
    const io = fakeIo(files);
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };
  return { files, run };
}

describe("tenor compile", () => {
  it("writes a versioned artifact with -o and says so", async () => {
    const { files, run } = setup();
    const r = await run("compile", "deal.tenor", "-o", "deal.json");
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    const artifact = JSON.parse(files["deal.json"]!);
    expect([artifact.format, artifact.formatVersion, artifact.header.title]).toEqual(["tenor-terms", 3, "Fee deal"]);
    expect(r.err).toBe(`deal.tenor: compiled to deal.json (ir sha256 ${artifact.irSha256})\n`);
  });

  it("prints the artifact without -o", async () => {
    const { files, run } = setup();
    await run("compile", "deal.tenor", "-o", "deal.json");
    const r = await run("compile", "deal.tenor");
    expect(r.out).toBe(files["deal.json"]);
  });

  it("exits 1 with the diagnostics for a term sheet with errors, and writes nothing", async () => {
    const { files, run } = setup();
    const r = await run("compile", "bad.tenor", "-o", "bad.json");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^bad\.tenor:11:\d+: error: unknown name revenu/m);
    expect(files["bad.json"]).toBeUndefined();
  });

  it("exits 64 for an unreadable term sheet or a missing argument", async () => {
    const { run } = setup();
    expect((await run("compile", "missing.tenor")).code).toBe(64);
    expect((await run("compile")).code).toBe(64);
  });
});

describe("tenor run on an artifact", () => {
  it("prints the same ledger bytes as running the source, in every format", async () => {
    const { run } = setup();
    await run("compile", "sharon.tenor", "-o", "sharon.json");
    for (const format of ["json", "table", "csv"]) {
      const fromSource = await run("run", "sharon.tenor", "--inputs", "sharon.inputs.json", "--format", format);
      const fromArtifact = await run("run", "sharon.json", "--inputs", "sharon.inputs.json", "--format", format);
      expect(fromArtifact.code).toBe(0);
      expect(fromArtifact.out).toBe(fromSource.out);
    }
  });

  it("reads CSV inputs too", async () => {
    const { run } = setup();
    await run("compile", "deal.tenor", "-o", "deal.json");
    const r = await run("run", "deal.json", "--inputs", "inputs.csv", "--format", "json");
    expect(r.code).toBe(0);
    expect(r.out).toBe((await run("run", "deal.tenor", "--inputs", "inputs.csv", "--format", "json")).out);
  });

  it("exits 2 with the clause, period and values of a run-time error", async () => {
    const { run } = setup();
    await run("compile", "deal.tenor", "-o", "deal.json");
    const r = await run("run", "deal.json", "--inputs", "inputs.json", "--format", "json");
    expect(r.code).toBe(2);
    // Period 1 settled, but a run that fails writes no ledger at all, not a first part of one.
    expect(r.out).toBe("");
    expect(r.err).toBe(
      "deal.json: error: clause margin, period 2 (2026-10-01): payment from vendor to operator is negative: -19999.95 USD " +
      "(revenue - 100000 USD with revenue = 80000.05 USD) [TN3001]\n",
    );
  });

  it("exits 1 for a tampered artifact and names the check that failed", async () => {
    const { files, run } = setup();
    await run("compile", "deal.tenor", "-o", "deal.json");
    files["deal.json"] = files["deal.json"]!.replace('"value":"0.1"', '"value":"0.01"');
    const r = await run("run", "deal.json", "--inputs", "ok-inputs.json");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^deal\.json: error: the artifact's IR does not match its hash .* \[TN4004\]\n$/);
  });

  it("exits 1 for JSON that is not an artifact", async () => {
    const { run } = setup();
    const r = await run("run", "inputs.json", "--inputs", "inputs.json");
    expect(r.code).toBe(1);
    expect(r.err).toBe('inputs.json: error: not a Tenor terms artifact: "format" is missing, expected "tenor-terms" [TN4002]\n');
  });
});

describe("tenor inspect", () => {
  it("prints the header, the versions and the verified hashes", async () => {
    const { files, run } = setup();
    await run("compile", "deal.tenor", "-o", "deal.json");
    const artifact = JSON.parse(files["deal.json"]!);
    const r = await run("inspect", "deal.json");
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Fee deal
  parties        vendor: GPU vendor
                 operator: AI cloud operator
  term           2026-07-01 to 2026-12-31, quarterly (2 periods)
  payment        on each period's end date (no paid rule)
  currency       USD, 2 decimals, rounding half_even
  settlement     net (payments between two parties netted each period)
  units          (none)
  inputs         revenue: USD
  events         (none)
  clauses        share "Revenue share"
                 margin
  format         tenor-terms version 3
  compiler       tenor 0.1.0
  source sha256  ${artifact.sourceSha256}
  ir sha256      ${artifact.irSha256} (verified)
`);
  });

  it("prints the header as JSON with --json", async () => {
    const { files, run } = setup();
    await run("compile", "deal.tenor", "-o", "deal.json");
    const artifact = JSON.parse(files["deal.json"]!);
    const r = await run("inspect", "deal.json", "--json");
    expect(JSON.parse(r.out)).toEqual({
      formatVersion: 3,
      compiler: { name: "tenor", version: "0.1.0" },
      sourceSha256: artifact.sourceSha256,
      irSha256: artifact.irSha256,
      header: artifact.header,
    });
  });

  it("refuses an artifact of an unknown format version", async () => {
    const { files, run } = setup();
    await run("compile", "deal.tenor", "-o", "deal.json");
    files["deal.json"] = files["deal.json"]!.replace('"formatVersion":3', '"formatVersion":7');
    const r = await run("inspect", "deal.json");
    expect(r.code).toBe(1);
    expect(r.err).toContain("artifact format version 7 (compiled by tenor 0.1.0) is not supported: this runtime reads versions 3 and 4");
  });
});
