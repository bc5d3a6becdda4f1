import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo } from "../cli/fake-io.ts";

const SHEET = (inputs: string, event: string) => `deal "Ranged deal"
parties {
  vendor: "GPU vendor"
  operator: "AI cloud operator"
}
term 2026-01-01 to 2026-12-31, monthly
currency USD
units gpu_hour
const capacity_hours = 720_000 gpu_hour
${inputs}
${event}
clause share "Revenue share" {
  operator pays vendor revenue * 10%
}
`;

async function explain(source: string): Promise<string> {
  const io = fakeIo({ "deal.tenor": source });
  expect(await main(["explain", "deal.tenor"], io)).toBe(0);
  return io.out().replace(/\s+/g, " ");
}

describe("tenor explain of declared ranges and event counts", () => {
  it("gives an input's range with both ends, or the one end declared, in the input's words", async () => {
    const out = await explain(SHEET(
      "input revenue: USD in 0 USD .. 80_000_000 USD\ninput sold_hours: gpu_hour in .. capacity_hours\ninput fee: USD in 1_000 USD ..",
      "event credit(amount: USD)",
    ));
    expect(out).toContain("“revenue”: an amount in USD, from $0 to $80,000,000, both included.");
    expect(out).toContain("“sold hours”: a quantity in GPU-hours, at most 720,000 GPU-hours.");
    expect(out).toContain("“fee”: an amount in USD, at least $1,000.");
    expect(out).toContain("“credit”, giving “amount” (an amount in USD).");
  });

  it("gives an event's count bound in its window, and says more are refused", async () => {
    for (const [per, words] of [["term", "over the term"], ["contract_year", "in each contract year"], ["period", "in each period"]] as const) {
      const out = await explain(SHEET("input revenue: USD", `event credit(amount: USD) at most 1 per ${per}`));
      expect(out).toContain(`“credit”, giving “amount” (an amount in USD); at most 1 such event ${words}, and any more is refused as an input error.`);
    }
    expect(await explain(SHEET("input revenue: USD", "event credit(amount: USD) at most 3 per term"))).toContain("at most 3 such events over the term");
  });
});
