/**
 * `tenor run` writes the JSON and CSV ledgers a period at a time
 * (docs/language.md §12): the output reaches standard output in pieces,
 * none holding more than one period, so a ledger of any size the limits
 * allow is written without building its whole text (one JavaScript string
 * is at most 512 MB; a 100,000-clause sheet's ledger once hit that limit).
 */
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { Io } from "../../src/cli/io.ts";
import { fakeIo } from "./fake-io.ts";

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
