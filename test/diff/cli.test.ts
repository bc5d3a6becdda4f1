/**
 * `tenor diff` on the command line: exit 0 when the versions are the same,
 * 1 when they differ, 2 when it cannot tell (a sheet with errors, data that
 * does not fit), 64 for wrong usage; JSON for tools.
 */
import { describe, expect, it } from "vitest";
import { runSource } from "../../src/api.ts";
import { main } from "../../src/cli/main.ts";
import { fakeIo, FEE_DEAL, realIo } from "../cli/fake-io.ts";
import { SHARON_INPUTS_PATH, SHARON_PATH } from "./versions.ts";

const INPUTS = JSON.stringify({ periods: [{ period: "2026-07-01", revenue: "1234567.89" }, { period: "2026-10-01", revenue: "200.00" }] });
const RAISED = FEE_DEAL.replace("revenue * 10%", "revenue * 12.5%");

async function run(files: Record<string, string>, ...argv: string[]) {
  const io = fakeIo(files);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("tenor diff on the command line", () => {
  it("exits 0 and says no change for a sheet against its reformatted self", async () => {
    const reformatted = FEE_DEAL.replace(/^ {2}/gm, "    ").replace("input revenue: USD", "// reported monthly\ninput revenue : USD");
    const r = await run({ "a.tenor": FEE_DEAL, "b.tenor": reformatted, "in.json": INPUTS }, "diff", "a.tenor", "b.tenor", "--inputs", "in.json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("No change: the two versions state the same terms");
    expect(r.out).toContain("On this data both versions pay the same amounts in every period.");
  });

  it("exits 1 for a rate from 10% to 12.5% written in the clause, with the delta of two runs subtracted", async () => {
    const r = await run({ "a.tenor": FEE_DEAL, "b.tenor": RAISED, "in.json": INPUTS }, "diff", "a.tenor", "b.tenor", "-i", "in.json");
    expect(r.code).toBe(1);
    expect(r.out).toContain("- share: what AI cloud operator pays GPU vendor: rate from 10% to 12.5%\n");
    // Independently: each version run on its own, totals subtracted (123,456.79 + 20.00 → 154,320.99 + 25.00).
    const data = [{ name: "in.json", text: INPUTS }];
    const total = (text: string) => runSource(text, data).ledger!.totals[0]!.amount;
    expect([total(FEE_DEAL), total(RAISED)]).toEqual(["123476.79", "154345.99"]);
    expect(r.out.replace(/\s+/g, " ")).toContain("AI cloud operator pays GPU vendor $30,869.20 more over the term, all under share, periods 1–2.");
  });

  it("--format json gives the report: equal, terms, and money per clause, pair and period", async () => {
    const r = await run({ "a.tenor": FEE_DEAL, "b.tenor": RAISED, "in.json": INPUTS }, "diff", "a.tenor", "b.tenor", "-i", "in.json", "--format", "json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.equal).toBe(false);
    expect(report.terms).toEqual([{ section: "clauses", subject: "share", change: "changed", text: "share: what AI cloud operator pays GPU vendor: rate from 10% to 12.5%", details: [] }]);
    expect(report.money.clauses).toEqual([{ clause: "share", title: "Revenue share", presence: "both", old: "123476.79", new: "154345.99", delta: "30869.20" }]);
    expect(report.money.pairs).toEqual([{ payer: "operator", payee: "vendor", old: "123476.79", new: "154345.99", delta: "30869.20" }]);
    expect(report.money.periods.map((p: { index: number; delta: string }) => [p.index, p.delta])).toEqual([[1, "30864.20"], [2, "5.00"]]);
    expect(report.money.total).toEqual({ old: "123476.79", new: "154345.99", delta: "30869.20" });
    expect(report.failures).toEqual([]);
  });

  it("exits 0 with JSON equal: true for the same file twice, without data", async () => {
    const r = await run({ "a.tenor": FEE_DEAL }, "diff", "a.tenor", "a.tenor", "-f", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ equal: true, terms: [], money: null });
  });

  it("exits 2 with the usual diagnostics when a version has errors, printing no redline", async () => {
    const r = await run({ "a.tenor": FEE_DEAL, "b.tenor": FEE_DEAL.replace("revenue * 10%", "revenu * 10%") }, "diff", "a.tenor", "b.tenor");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain("b.tenor:10:24: error: unknown name revenu; did you mean revenue? [TN2001]");
    expect(r.err).toContain("b.tenor: 1 error\n");
  });

  it("exits 2 when the data does not fit a version, naming it, and still prints the terms", async () => {
    const withInput = RAISED.replace("input revenue: USD", "input revenue: USD\ninput hours: number");
    const r = await run({ "a.tenor": FEE_DEAL, "b.tenor": withInput, "in.json": INPUTS }, "diff", "a.tenor", "b.tenor", "-i", "in.json");
    expect(r.code).toBe(2);
    expect(r.err).toContain("tenor diff: the new version (b.tenor) cannot be settled on the data:");
    expect(r.err).toMatch(/\[TN3\d{3}\]/);
    expect(r.out).toContain("hours: input “hours” added");
  });

  it("exits 64 for a missing file or an unknown format", async () => {
    expect((await run({ "a.tenor": FEE_DEAL }, "diff", "a.tenor", "missing.tenor")).code).toBe(64);
    expect((await run({ "a.tenor": FEE_DEAL }, "diff", "a.tenor", "a.tenor", "-f", "pdf")).code).toBe(64);
  });

  it("settles the shipped example with its stdlib imports from disk", async () => {
    const { io, out } = realIo();
    const code = await main(["diff", SHARON_PATH, SHARON_PATH, "--inputs", SHARON_INPUTS_PATH, "--format", "markdown"], io);
    expect(code).toBe(0);
    expect(out()).toContain("# Redline: Sharon AI - DSX AI Factory\n");
  });
});
