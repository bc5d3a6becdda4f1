import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/api.ts";
import { hoverAt } from "../../src/editor/lookup.ts";
import { indexProgram } from "../../src/editor/symbols.ts";

const SOURCE = `deal "D"
parties {
  op: "Operator"
  vendor: "Vendor"
}
term 2026-01-01 to 2027-12-31, monthly
currency USD
units gpu_hour
input capacity: gpu_hour in 0 gpu_hour ..
input sold: gpu_hour in 0 gpu_hour .. capacity // never more than available
input price: USD in .. 5 USD
input plain: USD
event outage(hours: gpu_hour) at most 3 per contract_year
clause buyback { vendor pays op (capacity - sold) * price / 1 gpu_hour + plain }
`;

const index = (() => {
  const c = checkSource(SOURCE);
  expect(c.diagnostics).toEqual([]);
  return indexProgram(c.value!.program, SOURCE, c.value);
})();

const hover = (text: string) => hoverAt(index, SOURCE.indexOf(text) + 1);

describe("hover on declared ranges and event counts", () => {
  it("says an input's range the way a lawyer reads it: both ends included, an open end as at least / at most", () => {
    expect(hover("sold: gpu_hour")?.details).toEqual(["one value per period, from the inputs", "declared range: from 0 gpu_hour to capacity, both included; data outside it is refused"]);
    expect(hover("capacity: gpu_hour")?.details).toEqual(["one value per period, from the inputs", "declared range: at least 0 gpu_hour; data outside it is refused"]);
    expect(hover("price: USD")?.details).toEqual(["one value per period, from the inputs", "declared range: at most 5 USD; data outside it is refused"]);
    expect(hover("plain: USD")?.details).toEqual(["one value per period, from the inputs"]);
  });

  it("gives an event's count bound", () => {
    expect(hover("outage(")?.details).toEqual(["dated occurrences, from the inputs' events", "at most 3 per contract_year; more are refused"]);
  });
});
