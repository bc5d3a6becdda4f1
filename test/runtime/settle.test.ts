import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runSource } from "../../src/api.ts";
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { INPUT } from "../../src/diagnostics/codes/input.ts";
import { RUN } from "../../src/diagnostics/codes/run.ts";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { settle } from "../../src/runtime/settle.ts";
import { thrown } from "./helpers.ts";
import { STDLIB } from "../stdlib-options.ts";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const SOURCE = read("examples/sharon-dsx.tenor");
const INPUTS = read("examples/sharon-dsx.inputs.json");
const terms = loadTerms(artifactText(compileSource(SOURCE, STDLIB).value!));

describe("settle", () => {
  const expected = runSource(SOURCE, [{ name: "sharon-dsx.inputs.json", text: INPUTS }], STDLIB).ledger!;

  it("gives the ledger of the source, traces included, from inputs as text or as an object", () => {
    expect(ledgerToJson(settle(terms, INPUTS), { trace: true })).toBe(ledgerToJson(expected, { trace: true }));
    expect(settle(terms, JSON.parse(INPUTS) as object)).toEqual(expected);
  });

  it("leaves the traces out when asked, and nothing else", () => {
    const ledger = settle(terms, INPUTS, { trace: false });
    expect(ledger.periods.flatMap((p) => p.lines).every((l) => l.trace.length === 0)).toBe(true);
    expect(ledgerToJson(ledger)).toBe(ledgerToJson(expected));
  });

  it("refuses bad inputs with the code, the period and the field", () => {
    const bad = INPUTS.replace('"revenue": "6649500.00"', '"revenue": "6,649,500.00"');
    expect(bad).not.toBe(INPUTS);
    const e = thrown(() => settle(terms, bad));
    expect(e.code).toBe(INPUT.notADecimal);
    expect(e.message).toBe('period 2026-07-01: input "revenue" is not a decimal: "6,649,500.00"');
    expect([e.period, e.field, e.clause]).toEqual(["2026-07-01", "revenue", undefined]);
  });

  it("counts the other input errors in the message and keeps them all", () => {
    const e = thrown(() => settle(terms, { periods: [{ period: "2026-07-01" }, { period: "2026-08-01", revenue: "x" }] }));
    expect(e.code).toBe(INPUT.missingValue);
    expect(e.message).toMatch(/^period 2026-07-01: missing value for input "gpus_live" \(and \d+ more input errors\)$/);
    expect(e.diagnostics.length).toBeGreaterThan(3);
  });

  it("reports a run-time error with the clause, the period and the values", () => {
    const source = `deal "Errors"
parties {
  a: "A"
  b: "B"
}
term 2026-07-01 to 2026-12-31, monthly
currency USD
input revenue: USD
input cost: USD
clause margin { a pays b revenue - cost }
`;
    const t = loadTerms(compileSource(source, STDLIB).value!);
    const e = thrown(() => settle(t, { periods: [{ period: "2026-07-01", revenue: "10", cost: "4" }, { period: "2026-08-01", revenue: "10", cost: "12.5" }] }));
    expect(e.code).toBe(RUN.negativePayment);
    expect(e.message).toBe("clause margin, period 2 (2026-08-01): payment from a to b is negative: -2.50 USD (revenue - cost with revenue = 10 USD, cost = 12.5 USD)");
    expect([e.clause, e.period, e.periodIndex]).toEqual(["margin", "2026-08-01", 2]);
    expect(source.slice(e.range!.start, e.range!.end)).toBe("a pays b revenue - cost");
  });

  it("hands warnings to the caller and settles anyway", () => {
    const warnings: Diagnostic[] = [];
    const one = { periods: [JSON.parse(INPUTS).periods[0]], events: [JSON.parse(INPUTS).events[0]] };
    const ledger = settle(terms, one, { onWarning: (w) => warnings.push(w) });
    expect(ledger.periods).toHaveLength(1);
    expect(warnings.map((w) => w.code)).toEqual([INPUT.eventAfterLastPeriod]);
  });
});
