import { describe, expect, it } from "vitest";
import type { IrBinary, IrClause, IrExpr, IrOn, IrPays, IrWhen } from "../../src/ir/ir.ts";
import { lowerProgram } from "../../src/compile/lower.ts";
import { checkedOf } from "../runtime/helpers.ts";

const DEAL = `
deal "Lowering"
parties {
  nvidia: "NVIDIA Corporation"
  op: "Operator"
}
term 2026-07-01 to 2028-06-30, monthly
currency USD
units gpu_hour
input revenue: USD
input sold_hours: gpu_hour
input capacity_hours: gpu_hour
event lease_default(missed_rent: USD, days_late: number)
const price = 1.85 USD per gpu_hour
const guaranteed = 6.3 billion USD
const per_month = guaranteed / 12
schedule rate by contract_year, tapering {
  year 1: 12.5%
  year 2 onward: 10%
}
schedule fee by date {
  2026-07-01 to 2027-06-30: 1 USD
  2027-07-01 onward: 2 USD
}

clause buyback "Capacity buyback" {
  let utilization = sold_hours / capacity_hours
  when utilization < 70% for 3 consecutive periods {
    nvidia pays op max(capacity_hours - sold_hours, 0 gpu_hour) * price
  }
  cap 25 million USD over term
  cap 1 million USD per contract_year
  until 2027-12-31
}

clause guarantee {
  on lease_default {
    let owed = missed_rent * (1 + days_late / 365)
    when days_late >= 30 {
      let late = owed
      nvidia pays op late
    }
  }
  from 2026-08-01
}

clause share { op pays nvidia revenue * rate + fee }
`;

const ir = lowerProgram(checkedOf(DEAL));
const clause = (name: string): IrClause => ir.clauses.find((c) => c.name === name)!;

describe("lowering a checked program to IR", () => {
  it("survives JSON unchanged: the IR is plain data", () => {
    expect(JSON.parse(JSON.stringify(ir))).toEqual(ir);
  });

  it("keeps the header with defaults applied", () => {
    expect(ir.header).toEqual({
      title: "Lowering",
      parties: [{ name: "nvidia", legalName: "NVIDIA Corporation" }, { name: "op", legalName: "Operator" }],
      term: { start: "2026-07-01", end: "2028-06-30", frequency: "monthly" },
      currency: { code: "USD", decimals: 2, rounding: "half_even" },
      settleNet: false,
      units: ["gpu_hour"],
      inputs: [{ name: "revenue", unit: "USD" }, { name: "sold_hours", unit: "gpu_hour" }, { name: "capacity_hours", unit: "gpu_hour" }],
      events: [{ name: "lease_default", params: [{ name: "missed_rent", unit: "USD" }, { name: "days_late", unit: "number" }] }],
    });
  });

  it("writes numbers as exact scaled decimal strings and marks the consts that never change", () => {
    expect(ir.consts.map((c) => [c.name, c.static, c.value.kind === "Number" ? c.value.value : c.value.kind])).toEqual([
      ["price", true, "1.85"],
      ["guaranteed", true, "6300000000"],
      ["per_month", true, "Binary"],
    ]);
    expect(ir.schedules[0]!.entries.map((e) => [e.from, e.to, (e.value as { value: string }).value])).toEqual([[1, 1, "0.125"], [2, null, "0.1"]]);
    expect(ir.schedules[1]!.entries.map((e) => [e.from, e.to])).toEqual([["2026-07-01", "2027-06-30"], ["2027-07-01", null]]);
  });

  it("resolves names to slots, with display names and units for traces", () => {
    const share = clause("share").body[0] as IrPays;
    const sum = share.amount as IrBinary;
    const product = sum.left as IrBinary;
    expect(product.left).toMatchObject({ kind: "Input", slot: 0, name: "revenue", unit: "USD", type: "number" });
    expect(product.right).toMatchObject({ kind: "Schedule", slot: 0, name: "rate", type: "number" });
    expect(product.right).not.toHaveProperty("unit");
    expect(sum.right).toMatchObject({ kind: "Schedule", slot: 1, name: "fee", unit: "USD" });
    const owed = clause("guarantee").lets[0]!.value as IrBinary;
    expect(owed.left).toMatchObject({ kind: "EventArg", event: 0, arg: 0, name: "missed_rent" });
    expect(((owed.right as IrBinary).right as IrBinary).left).toMatchObject({ kind: "EventArg", event: 0, arg: 1, name: "days_late" });
  });

  it("hoists caps, windows and consecutive conditions to the clause", () => {
    const buyback = clause("buyback");
    expect(buyback.caps.map((c) => [c.window, (c.amount as { value: string }).value])).toEqual([["term", "25000000"], ["contract_year", "1000000"]]);
    expect([buyback.from, buyback.until]).toEqual([null, "2027-12-31"]);
    expect(buyback.streaks).toHaveLength(1);
    expect(buyback.streaks[0]!.periods).toBe(3);
    const when = buyback.body[0] as IrWhen;
    expect(when.kind).toBe("When");
    expect(when.streak).toBe(0);
    expect(buyback.body).toHaveLength(1);
    expect(clause("guarantee").from).toBe("2026-08-01");
  });

  it("gives each let a slot in its clause and each on block the lets it computes per event", () => {
    expect(clause("buyback").lets.map((l) => l.name)).toEqual(["utilization"]);
    const guarantee = clause("guarantee");
    expect(guarantee.lets.map((l) => l.name)).toEqual(["owed", "late"]);
    const on = guarantee.body[0] as IrOn;
    expect(on).toMatchObject({ kind: "On", event: 0, lets: [0, 1] });
    const pays = ((on.body[0] as IrWhen).body[0] as IrPays);
    expect(pays.amount).toMatchObject({ kind: "Let", slot: 1, name: "late", unit: "USD" });
  });

  it("prints the expressions that run-time errors quote", () => {
    const buyback = clause("buyback");
    const pays = (buyback.body[0] as IrWhen).body[0] as IrPays;
    expect(pays.text).toBe("max(capacity_hours - sold_hours, 0 gpu_hour) * price");
    const division = buyback.lets[0]!.value as IrBinary;
    expect(division.text).toBe("sold_hours / capacity_hours");
    expect((pays.amount as IrBinary).text).toBeUndefined();
  });

  it("keeps source ranges on every node", () => {
    const division = clause("buyback").lets[0]!.value as IrExpr;
    expect(DEAL.slice(division.range[0], division.range[1])).toBe("sold_hours / capacity_hours");
    const c = clause("share");
    expect(DEAL.slice(c.range[0], c.range[1])).toBe("clause share { op pays nvidia revenue * rate + fee }");
  });

  it("lowers what the checker never passes to an Invalid node that fails only when run", () => {
    const checked = checkedOf(DEAL);
    const share = checked.clauses[2]!;
    const pays = share.body[0]!;
    const broken = { ...share, body: [{ ...pays, amount: { kind: "ErrorExpr" as const, range: { start: 1, end: 2 } } }] };
    const lowered = lowerProgram({ ...checked, clauses: [broken] });
    expect((lowered.clauses[0]!.body[0] as IrPays).amount).toEqual({ kind: "Invalid", type: "number", reason: "an ErrorExpr reached the interpreter", range: [1, 2] });
  });
});
