import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo } from "./fake-io.ts";

// Files keyed by absolute path, as the CLI resolves relative imports; messages show them relative to the working folder.
const SHEET = resolve("test/cases/modules/sheet-for-cli.tenor");
const LIB = resolve("test/cases/modules/lib/shares.tenor");

const sheet = (use: string) => `import revenue_share, buyback from "./lib/shares"
deal "CLI"
parties { nvidia: "NVIDIA"  sharon: "Sharon AI" }
term 2026-07-01 to 2026-09-30, monthly
currency USD
input revenue: USD
${use}
`;

async function run(source: string, ...argv: string[]) {
  const files: Record<string, string> = { [SHEET]: source, [LIB]: readFileSync(LIB, "utf8") };
  files["inputs.json"] = JSON.stringify({ periods: [{ period: "2026-07-01", revenue: "1000.00" }] });
  const io = fakeIo(files);
  const code = await main([...argv.map((a) => (a === "SHEET" ? SHEET : a))], io);
  return { code, out: io.out(), err: io.err(), files };
}

describe("the CLI with imports", () => {
  it("runs a term sheet that uses an imported template", async () => {
    const r = await run(sheet(`use revenue_share as share { payer = sharon, payee = nvidia, base = revenue }`), "run", "SHEET", "--inputs", "inputs.json", "--format", "json", "--no-trace");
    expect(r.code).toBe(0);
    const ledger = JSON.parse(r.out);
    expect(ledger.periods[0].lines.map((l: { clause: string; title: string; amount: string }) => [l.clause, l.title, l.amount])).toEqual([["share", "Revenue share", "100.00"]]);
  });

  it("shows a note inside the imported file for a wrong argument", async () => {
    const r = await run(sheet(`use revenue_share as share { payer = sharon, payee = nvidia, base = 5 }`), "check", "SHEET");
    expect(r.code).toBe(1);
    expect(r.err).toContain("sheet-for-cli.tenor:7:69: error: base takes USD, but this is a plain number [TN2208]");
    expect(r.err).toContain("test/cases/modules/lib/shares.tenor:2:59: note: the parameter base");
  });

  it("compiles the templates into the artifact, which settles like the source", async () => {
    const source = sheet(`use revenue_share as share { payer = sharon, payee = nvidia, base = revenue, rate = 12.5% }`);
    const compiled = await run(source, "compile", "SHEET", "-o", "deal.json");
    expect(compiled.code).toBe(0);
    const files = compiled.files;
    const io = fakeIo(files);
    expect(await main(["run", "deal.json", "--inputs", "inputs.json", "--format", "json", "--no-trace"], io)).toBe(0);
    const fromSource = await run(source, "run", "SHEET", "--inputs", "inputs.json", "--format", "json", "--no-trace");
    expect(io.out()).toBe(fromSource.out);
    expect(JSON.parse(io.out()).totals).toEqual([{ payer: "sharon", payee: "nvidia", amount: "125.00" }]);
  });
});
