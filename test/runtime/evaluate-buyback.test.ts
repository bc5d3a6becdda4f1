import { describe, expect, it } from "vitest";
import { ledgerOf, lines } from "./helpers.ts";

// Utilization-triggered buyback: 3 low periods in a row trigger it, a term
// cap of 1,000 USD runs out mid-period, and the clause ends on 2026-12-31.
// A second clause opens later (from) but counts its low periods from the start.
const DEAL = `
deal "Buyback"
parties {
  nvidia: "NVIDIA Corporation"
  sharon: "Sharon AI"
}
term 2026-07-01 to 2027-06-30, monthly
currency USD
units gpu_hour
input sold_hours: gpu_hour
input capacity_hours: gpu_hour
const price = 2 USD per gpu_hour

clause buyback "Capacity buyback" {
  let utilization = sold_hours / capacity_hours
  let unsold = max(capacity_hours - sold_hours, 0 gpu_hour)
  let never_used = capacity_hours / (sold_hours - sold_hours)
  when utilization < 70% for 3 consecutive periods {
    nvidia pays sharon unsold * price
  }
  cap 1000 USD over term
  until 2026-12-31
}

clause late_buyback "Late buyback" {
  when sold_hours < 700 gpu_hour for 3 consecutive periods {
    nvidia pays sharon 1 USD
  }
  from 2026-09-01
}
`;

const sold = ["500", "600", "650", "600", "500", "950", "100", "100", "100"];
const ROWS = sold.map((s, i) => ({
  period: `${i < 6 ? 2026 : 2027}-${String(((6 + i) % 12) + 1).padStart(2, "0")}-01`,
  sold_hours: s,
  capacity_hours: "1000",
}));

describe("a consecutive trigger with a term cap and a window", () => {
  const ledger = ledgerOf(DEAL, ROWS);

  it("fires on the 3rd low period, keeps firing, is cut by the cap, and stops after until", () => {
    expect(ROWS[8]!.period).toBe("2027-03-01");
    expect(lines(ledger)).toEqual([
      "3 buyback nvidia>sharon 700.00 700.00",
      "3 late_buyback nvidia>sharon 1.00 1.00",
      "4 buyback nvidia>sharon 800.00 300.00 capped",
      "4 late_buyback nvidia>sharon 1.00 1.00",
      "5 buyback nvidia>sharon 1000.00 0.00 capped",
      "5 late_buyback nvidia>sharon 1.00 1.00",
      "9 late_buyback nvidia>sharon 1.00 1.00",
    ]);
  });

  it("never evaluates a let that no statement uses", () => {
    // never_used divides by zero in every period; the run still succeeds.
    expect(ledger.periods).toHaveLength(9);
  });

  it("traces a let, then what it was computed from, then the const", () => {
    expect(ledger.periods[2]!.lines[0]!.trace).toEqual([
      { name: "unsold", value: "350", unit: "gpu_hour" },
      { name: "capacity_hours", value: "1000", unit: "gpu_hour" },
      { name: "sold_hours", value: "650", unit: "gpu_hour" },
      { name: "price", value: "2", unit: "USD per gpu_hour" },
    ]);
  });

  it("totals the capped amounts", () => {
    expect(ledger.totals).toEqual([{ payer: "nvidia", payee: "sharon", amount: "1004.00" }]);
  });
});
