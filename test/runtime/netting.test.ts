import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/eval/decimal.ts";
import { netTransfers, Totals } from "../../src/runtime/netting.ts";
import type { Payment } from "../../src/runtime/netting.ts";

const USD = { decimals: 2, rounding: "half_even" as const };
const pay = (payer: string, payee: string, amount: string): Payment => ({ payer, payee, amount: Decimal.parse(amount)! });

describe("netTransfers", () => {
  it("nets the two directions of a pair into one transfer from the party that owes on balance", () => {
    const net = netTransfers([pay("sharon", "nvidia", "449280.00"), pay("nvidia", "sharon", "1864800.00")], USD);
    expect(net).toEqual([{ from: "nvidia", to: "sharon", amount: "1415520.00" }]);
  });

  it("keeps the direction of the pair's first line when that side owes more", () => {
    const net = netTransfers([pay("a", "b", "100.00"), pay("b", "a", "40.00"), pay("a", "b", "0.50")], USD);
    expect(net).toEqual([{ from: "a", to: "b", amount: "60.50" }]);
  });

  it("omits a pair whose balance is zero and lists the others in order of first appearance", () => {
    const net = netTransfers([
      pay("c", "d", "5.00"),
      pay("a", "b", "10.00"),
      pay("b", "a", "10.00"),
      pay("nvidia", "landlord", "0.00"),
      pay("e", "c", "1.00"),
    ], USD);
    expect(net).toEqual([
      { from: "c", to: "d", amount: "5.00" },
      { from: "e", to: "c", amount: "1.00" },
    ]);
  });

  it("gives no transfer for no payments", () => {
    expect(netTransfers([], USD)).toEqual([]);
  });
});

describe("Totals", () => {
  it("sums per ordered pair in order of first appearance, including pairs whose lines are all 0.00", () => {
    const t = new Totals();
    t.add(pay("nvidia", "landlord", "0.00"));
    t.add(pay("operator", "nvidia", "24657.53"));
    t.add(pay("nvidia", "operator", "1.00"));
    t.add(pay("operator", "nvidia", "24931.51"));
    expect(t.result(USD)).toEqual([
      { payer: "nvidia", payee: "landlord", amount: "0.00" },
      { payer: "operator", payee: "nvidia", amount: "49589.04" },
      { payer: "nvidia", payee: "operator", amount: "1.00" },
    ]);
  });

  it("prints with the currency's decimals (JPY has none)", () => {
    const t = new Totals();
    t.add(pay("a", "b", "1500"));
    expect(t.result({ decimals: 0, rounding: "half_even" })).toEqual([{ payer: "a", payee: "b", amount: "1500" }]);
  });
});
