import { describe, expect, it } from "vitest";
import { RUN } from "../../src/diagnostics/codes/run.ts";
import type { ClauseDecl, PaysStmt } from "../../src/syntax/ast.ts";
import { checkedOf, dealData, evaluate, runDeal } from "./helpers.ts";

const HEAD = `
deal "Errors"
parties {
  nvidia: "NVIDIA Corporation"
  sharon: "Sharon AI"
}
term 2026-07-01 to 2027-06-30, monthly
currency USD
units gpu_hour
input revenue: USD
input sold_hours: gpu_hour
input capacity_hours: gpu_hour
`;

const NEGATIVE = `${HEAD}
clause revenue_share "Revenue share" {
  sharon pays nvidia revenue * 10%
}

clause capacity_buyback "Capacity buyback" {
  nvidia pays sharon (capacity_hours - sold_hours) * 2 USD per gpu_hour
}
`;

const rows = (second: Record<string, string>) => [
  { period: "2026-07-01", revenue: "100.00", sold_hours: "10", capacity_hours: "20" },
  { period: "2026-08-01", revenue: "100.00", sold_hours: "25", capacity_hours: "20", ...second },
  { period: "2026-09-01", revenue: "100.00", sold_hours: "1", capacity_hours: "20" },
];

describe("run-time errors", () => {
  it("stop at a negative payment, naming the clause, the period and the values", () => {
    const r = runDeal(NEGATIVE, rows({}));
    expect(r.value).toBeNull();
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe(RUN.negativePayment);
    expect(d.severity).toBe("error");
    expect(d.message).toBe(
      "clause capacity_buyback, period 2 (2026-08-01): payment from nvidia to sharon is negative: -10.00 USD " +
      "((capacity_hours - sold_hours) * 2 USD per gpu_hour with capacity_hours = 20 gpu_hour, sold_hours = 25 gpu_hour)",
    );
    expect(NEGATIVE.slice(d.range!.start, d.range!.end)).toBe(
      "nvidia pays sharon (capacity_hours - sold_hours) * 2 USD per gpu_hour",
    );
  });

  it("do not count an amount that rounds to 0.00 as negative", () => {
    const r = runDeal(NEGATIVE, rows({ sold_hours: "20.001" }));
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.periods[1]!.lines.map((l) => l.clause)).toEqual(["revenue_share"]);
  });

  it("stop at a division by zero, naming the division and its operands", () => {
    const source = `${HEAD}
clause share "Share" {
  let utilization = sold_hours / capacity_hours
  when utilization < 50% {
    sharon pays nvidia revenue * 10%
  }
}
`;
    const r = runDeal(source, rows({ capacity_hours: "0" }));
    expect(r.value).toBeNull();
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe(RUN.divisionByZero);
    expect(d.message).toBe(
      "clause share, period 2 (2026-08-01): division by zero: sold_hours / capacity_hours " +
      "with sold_hours = 25 gpu_hour, capacity_hours = 0 gpu_hour",
    );
    expect(source.slice(d.range!.start, d.range!.end)).toBe("sold_hours / capacity_hours");
  });

  it("report a division by zero in a consecutive condition even while the clause's window is closed", () => {
    const source = `${HEAD}
clause late "Late" {
  when sold_hours / capacity_hours < 50% for 2 consecutive periods {
    sharon pays nvidia 1 USD
  }
  from 2027-01-01
}
`;
    const r = runDeal(source, rows({ capacity_hours: "0" }));
    expect(r.diagnostics.map((d) => d.code)).toEqual([RUN.divisionByZero]);
    expect(r.diagnostics[0]!.message).toMatch(/^clause late, period 2 \(2026-08-01\): division by zero/);
  });

  it("short-circuit and, or and if so an untaken branch never divides by zero", () => {
    const source = `${HEAD}
clause safe "Safe" {
  when capacity_hours > 0 gpu_hour and sold_hours / capacity_hours < 50% {
    sharon pays nvidia if capacity_hours == 0 gpu_hour then 0 USD else revenue * sold_hours / capacity_hours
  }
}
`;
    const r = runDeal(source, rows({ capacity_hours: "0" }));
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.periods.map((p) => p.lines.map((l) => l.amount))).toEqual([[], [], ["5.00"]]);
  });

  it("reject data rows that do not line up with the term", () => {
    const r = runDeal(NEGATIVE, [{ period: "2026-08-01", revenue: "1", sold_hours: "1", capacity_hours: "1" }]);
    expect(r.value).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual([RUN.periodsMisaligned]);
    expect(r.diagnostics[0]!.message).toBe("data row 1 is for 2026-08-01, but period 1 of the term starts on 2026-07-01");
  });

  it("turn a defect of the interpreter into a diagnostic instead of throwing", () => {
    const checked = checkedOf(NEGATIVE);
    const clause = checked.clauses[0]!;
    const pays = clause.body[0] as PaysStmt;
    const broken: ClauseDecl = { ...clause, body: [{ ...pays, amount: { kind: "ErrorExpr", range: pays.amount.range } }] };
    const r = evaluate({ ...checked, clauses: [broken] }, dealData(rows({})));
    expect(r.value).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual([RUN.internalError]);
    expect(r.diagnostics[0]!.message).toBe(
      "clause revenue_share, period 1 (2026-07-01): internal error in the interpreter: an ErrorExpr reached the interpreter",
    );
  });
});
