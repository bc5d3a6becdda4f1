import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo } from "./fake-io.ts";

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
clause rebate {
  vendor pays operator 1_000 USD
}
test "ten percent of revenue" {
  period 2026-07-01 { revenue = 50_000 USD }
  expect operator pays vendor 5_000 USD under share
}
test "a wrong expectation" {
  period 2026-10-01 { revenue = 50_000 USD }
  expect operator pays vendor 4_000 USD under share
}
`;

const INPUTS = JSON.stringify({
  periods: [
    { period: "2026-07-01", revenue: "120000.00" },
    { period: "2026-10-01", revenue: "80000.05" },
  ],
  events: [],
});

const files = {
  "deal.tenor": DEAL,
  "inputs.json": INPUTS,
  "inputs.csv": "period,revenue\n2026-07-01,120000.00\n2026-10-01,80000.05\n",
  "bad.tenor": DEAL.replace("revenue * 10%", "revenue * 10% + 1 gpu"),
  "bad-inputs.json": JSON.stringify({ periods: [{ period: "2026-07-01", revenue: "12,000" }] }),
};

async function run(...argv: string[]) {
  const io = fakeIo(files);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("tenor check", () => {
  it("exits 0 and says ok for a correct term sheet", async () => {
    const r = await run("check", "deal.tenor");
    expect(r.code).toBe(0);
    expect(r.err).toContain("deal.tenor: ok");
  });

  it("exits 1 and prints FILE:LINE:COL: error: message [code] with the source line", async () => {
    const r = await run("check", "bad.tenor");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^bad\.tenor:11:\d+: error: .*\[TN2\d{3}\]$/m);
    expect(r.err).toContain("11 |   operator pays vendor revenue * 10% + 1 gpu");
  });

  it("exits 64 when the term sheet cannot be read", async () => {
    const r = await run("check", "missing.tenor");
    expect(r.code).toBe(64);
    expect(r.err).toBe("tenor: missing.tenor: no such file\n");
  });
});

describe("tenor run", () => {
  it("prints the brief's JSON ledger with netting and totals", async () => {
    const r = await run("run", "deal.tenor", "--inputs", "inputs.json", "--format", "json", "--no-trace");
    expect(r.code).toBe(0);
    const ledger = JSON.parse(r.out);
    expect(ledger.deal).toBe("Fee deal");
    expect(ledger.periods.map((p: { start: string; end: string; days: number }) => [p.start, p.end, p.days])).toEqual([
      ["2026-07-01", "2026-09-30", 92],
      ["2026-10-01", "2026-12-31", 92],
    ]);
    expect(ledger.periods[1].lines).toEqual([
      { clause: "share", title: "Revenue share", payer: "operator", payee: "vendor", computed: "8000.00", amount: "8000.00", capped: false },
      { clause: "rebate", title: "rebate", payer: "vendor", payee: "operator", computed: "1000.00", amount: "1000.00", capped: false },
    ]);
    expect(ledger.periods[1].net).toEqual([{ from: "operator", to: "vendor", amount: "7000.00" }]);
    expect(ledger.totals).toEqual([
      { payer: "operator", payee: "vendor", amount: "20000.00" },
      { payer: "vendor", payee: "operator", amount: "2000.00" },
    ]);
  });

  it("includes each line's explanation trace in JSON unless --no-trace", async () => {
    const r = await run("run", "deal.tenor", "--inputs", "inputs.json", "--format", "json");
    const line = JSON.parse(r.out).periods[0].lines[0];
    expect(line.trace).toEqual([{ name: "revenue", value: "120000", unit: "USD" }]);
  });

  it("reads CSV inputs to the same ledger as JSON", async () => {
    const json = await run("run", "deal.tenor", "--inputs", "inputs.json", "--format", "json");
    const csv = await run("run", "deal.tenor", "--inputs", "inputs.csv", "--format", "json");
    expect(csv.code).toBe(0);
    expect(csv.out).toBe(json.out);
  });

  it("prints a table by default on a terminal and JSON otherwise", async () => {
    const terminal = fakeIo(files, true);
    expect(await main(["run", "deal.tenor", "--inputs", "inputs.json"], terminal)).toBe(0);
    expect(terminal.out()).toContain("Revenue share");
    expect(() => JSON.parse(terminal.out())).toThrow();
    const piped = fakeIo(files, false);
    await main(["run", "deal.tenor", "--inputs", "inputs.json"], piped);
    expect(JSON.parse(piped.out()).currency).toBe("USD");
  });

  it("prints CSV with one row per line", async () => {
    const r = await run("run", "deal.tenor", "--inputs", "inputs.json", "--format", "csv");
    expect(r.code).toBe(0);
    expect(r.out).toContain("8000.00");
  });

  it("exits 2 naming the period and field when an input is malformed, and prints no ledger", async () => {
    const r = await run("run", "deal.tenor", "--inputs", "bad-inputs.json", "--format", "json");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain("2026-07-01");
    expect(r.err).toContain("revenue");
    expect(r.err).toMatch(/\[TN31\d\d\]/);
  });

  it("exits 2 when an inputs file cannot be read", async () => {
    const r = await run("run", "deal.tenor", "--inputs", "nope.json");
    expect(r.code).toBe(2);
    expect(r.err).toContain("nope.json: no such file");
  });

  it("exits 1 without reading inputs when the term sheet has errors", async () => {
    const r = await run("run", "bad.tenor", "--inputs", "inputs.json");
    expect(r.code).toBe(1);
    expect(r.err).toContain("bad.tenor:11:");
  });
});

describe("tenor test", () => {
  it("runs every test block and shows expected against actual for a failure", async () => {
    const r = await run("test", "deal.tenor");
    expect(r.code).toBe(1);
    expect(r.out).toContain("ok   ten percent of revenue");
    expect(r.out).toContain("FAIL a wrong expectation");
    expect(r.out).toMatch(/deal\.tenor:22:\d+: .*4000\.00.*5000\.00/);
    expect(r.out).toContain("1 passed, 1 failed");
  });
});

describe("usage", () => {
  it("exits 64 on an unknown command, an unknown option or a missing argument", async () => {
    expect((await run("settle", "deal.tenor")).code).toBe(64);
    expect((await run("check", "deal.tenor", "--bogus")).code).toBe(64);
    expect((await run("run", "deal.tenor")).code).toBe(64);
    expect((await run("run", "deal.tenor", "--inputs", "inputs.json", "--format", "xml")).code).toBe(64);
    expect((await run()).code).toBe(64);
  });

  it("prints help for the program and for each command with exit 0", async () => {
    for (const argv of [["--help"], ["check", "--help"], ["run", "--help"], ["test", "--help"]]) {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      expect(r.out).toContain("Usage: tenor");
    }
  });
});
