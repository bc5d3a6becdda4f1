import { describe, expect, it } from "vitest";
import { compileSource } from "../../src/api.ts";
import { artifactText } from "../../src/compile/artifact.ts";
import { capExposure } from "../../src/runtime/exposure.ts";
import { loadTerms } from "../../src/runtime/load-terms.ts";
import { readPeriodData, settlePeriod } from "../../src/runtime/settle.ts";
import type { Snapshot } from "../../src/runtime/snapshot.ts";

const DEAL = `deal "Capped"
parties {
  vendor: "GPU vendor"
  operator: "AI cloud operator"
}
term 2026-01-01 to 2027-12-31, quarterly
currency USD
input revenue: USD
clause share "Revenue share" {
  operator pays vendor revenue * 10%
  cap 250 USD per contract_year
  cap revenue * 5% + 400 USD over term
}
`;
const terms = loadTerms(artifactText(compileSource(DEAL).value!));
const quarters = ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01", "2027-01-01"];

/** Settles `revenues` quarter by quarter; the exposure after the last. */
function exposureAfter(revenues: readonly string[]) {
  let snapshot: Snapshot | null = null;
  revenues.forEach((revenue, i) => {
    snapshot = settlePeriod(terms, snapshot, { period: quarters[i]!, revenue }).snapshot;
  });
  const i = revenues.length - 1;
  const last = readPeriodData(terms, terms.program.periods[i]!, { period: quarters[i]!, revenue: revenues[i]! });
  return capExposure(terms, snapshot!, last);
}

describe("cap exposure", () => {
  it("gives each cap's window, what was paid in it, its amount in the last period and what is left", () => {
    // 10% of 1,000 = 100 a quarter: 100, 100, then 50 (the year cap of 250 cuts it).
    expect(exposureAfter(["1000", "1000", "1000"])).toEqual([
      { clause: "share", cap: 1, window: "contract_year", windowKey: 1, paid: "250.00", amount: "250.00", headroom: "0.00" },
      { clause: "share", cap: 2, window: "term", windowKey: 0, paid: "250.00", amount: "450.00", headroom: "200.00" },
    ]);
  });

  it("counts a new window from nothing, and evaluates a cap from the last period's inputs", () => {
    // Quarter 4 pays nothing (year 1 is used up). Year 2 starts on 2027-01-01 with the year cap untouched:
    // 10% of 2,000 = 200 is paid, within the term cap of 5% of 2,000 + 400 = 500 less the 250 paid before.
    const after = exposureAfter(["1000", "1000", "1000", "1000", "2000"]);
    expect(after[0]).toMatchObject({ window: "contract_year", windowKey: 2, paid: "200.00", amount: "250.00", headroom: "50.00" });
    expect(after[1]).toMatchObject({ window: "term", windowKey: 0, paid: "450.00", amount: "500.00", headroom: "50.00" });
  });
});
