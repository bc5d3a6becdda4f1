/**
 * `tenor run` writes the JSON and CSV ledgers a period at a time
 * (docs/language.md §12): the output reaches standard output in pieces,
 * none holding more than one period, so a ledger of any size the limits
 * allow is written without building its whole text (one JavaScript string
 * is at most 512 MB; a 100,000-clause sheet's ledger once hit that limit).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { Io } from "../../src/cli/io.ts";
import { fakeIo } from "./fake-io.ts";

const ROOT = join(import.meta.dirname, "..", "..");

const clauses = Array.from({ length: 40 }, (_x, i) => `clause c${i} { operator pays vendor revenue * ${i + 1}% }`).join("\n");
const DEAL = `deal "Many lines"
parties {
  vendor: "GPU vendor"
  operator: "AI cloud operator"
}
term 2026-07-01 to 2027-06-30, monthly
currency USD
input revenue: USD
${clauses}
`;
const starts = Array.from({ length: 12 }, (_x, i) => `${2026 + Math.floor((6 + i) / 12)}-${String(((6 + i) % 12) + 1).padStart(2, "0")}-01`);
const INPUTS = JSON.stringify({ periods: starts.map((period) => ({ period, revenue: "1000000" })) });

/** The pieces written to standard output by `tenor run` in a format. */
async function pieces(format: string): Promise<string[]> {
  const io = fakeIo({ "deal.tenor": DEAL, "inputs.json": INPUTS });
  const written: string[] = [];
  const recording: Io = { ...io, stdout: (t) => void written.push(t) };
  expect(await main(["run", "deal.tenor", "--inputs", "inputs.json", "--format", format], recording)).toBe(0);
  return written;
}

describe("tenor run streams the ledger", () => {
  it.each(["json", "csv"])("writes %s in one piece a period, together the whole ledger", async (format) => {
    const out = await pieces(format);
    expect(out.length).toBeGreaterThanOrEqual(12);
    const whole = out.join("");
    // No piece holds much more than a twelfth of the ledger: none is the ledger.
    expect(Math.max(...out.map((p) => p.length))).toBeLessThan(whole.length / 6);
    if (format === "json") expect(JSON.parse(whole).periods).toHaveLength(12);
    else expect(whole.split("\r\n").filter((l) => l.startsWith("line,"))).toHaveLength(12 * 40);
  });
});

describe("tenor run writes a ledger larger than its heap", () => {
  // 2,000 clauses over 120 months: a 94 MB JSON ledger (with traces), settled
  // by a process allowed 32 MB of JavaScript heap. Holding the ledger (or its
  // text) would exhaust the heap; a period at a time never holds more than
  // one period's 2,000 lines.
  const many = Array.from({ length: 2000 }, (_x, i) => `clause c${i} { operator pays vendor revenue * ${(i % 50) + 1}% }`).join("\n");
  const deal = DEAL.replace(clauses, many).replace("term 2026-07-01 to 2027-06-30", "term 2026-01-01 to 2035-12-31");
  const months = Array.from({ length: 120 }, (_x, k) => `${2026 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}-01`);
  const inputs = JSON.stringify({ periods: months.map((period) => ({ period, revenue: "1000000.37" })) });

  it.each(["json", "csv"])("in %s, exact to the last period and the totals", (format) => {
    const dir = mkdtempSync(join(tmpdir(), "tenor-heap-"));
    try {
      writeFileSync(join(dir, "deal.tenor"), deal);
      writeFileSync(join(dir, "inputs.json"), inputs);
      const run = spawnSync(process.execPath, ["--max-old-space-size=32", join(ROOT, "bin", "tenor.mjs"), "run", "deal.tenor", "--inputs", "inputs.json", "--format", format], {
        cwd: dir, maxBuffer: 200_000_000, encoding: "utf8",
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      if (format === "json") {
        expect(run.stdout.length).toBeGreaterThan(64_000_000);
        const ledger = JSON.parse(run.stdout) as { periods: { lines: { amount: string; trace: unknown[] }[] }[]; totals: { amount: string }[] };
        expect(ledger.periods).toHaveLength(120);
        expect(ledger.periods[119]!.lines).toHaveLength(2000);
        expect(ledger.periods[119]!.lines[1999]!.amount).toBe("500000.18"); // 50% of 1,000,000.37 is 500,000.185: half-even
        expect(ledger.periods[0]!.lines[0]!.trace.length).toBeGreaterThan(0);
        // Per period: sum over i of (i % 50 + 1)% = 40 × 1,275% of 1,000,000.37, line by line rounded.
        expect(ledger.totals).toEqual([{ payer: "operator", payee: "vendor", amount: totalOf(120) }]);
      } else {
        const rows = run.stdout.split("\r\n").filter((l) => l.startsWith("line,"));
        expect(rows).toHaveLength(120 * 2000);
        expect(rows.at(-1)).toContain(",500000.18,500000.18,false");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** The run's total: every line rounded to cents (half-even), summed in integer cents. */
function totalOf(periods: number): string {
  let cents = 0n;
  for (let i = 0; i < 2000; i++) {
    const exact = 100000037n * BigInt((i % 50) + 1); // cents × percent: the amount in 1/100 cent
    const q = exact / 100n;
    const r = exact % 100n;
    cents += q + (r > 50n || (r === 50n && q % 2n === 1n) ? 1n : 0n);
  }
  const all = cents * BigInt(periods);
  return `${all / 100n}.${String(all % 100n).padStart(2, "0")}`;
}
