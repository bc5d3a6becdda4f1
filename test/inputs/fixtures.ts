import type { DealHeader } from "../../src/check/checked-program.ts";
import { periodsOfTerm } from "../../src/eval/periods.ts";

/** A small deal header: monthly from 2026-07-01, three inputs, one event. */
export const HEADER: DealHeader = {
  title: "Test deal",
  parties: [{ name: "op", legalName: "Operator" }, { name: "vendor", legalName: "Vendor" }],
  term: { start: "2026-07-01", end: "2027-06-30", frequency: "monthly" },
  currency: { code: "USD", decimals: 2, rounding: "half_even" },
  settleNet: false,
  units: ["gpu_hour"],
  inputs: [
    { name: "revenue", unit: "USD" },
    { name: "sold_hours", unit: "gpu_hour" },
    { name: "capacity_hours", unit: "gpu_hour" },
  ],
  events: [
    { name: "lease_default", params: [{ name: "missed_rent", unit: "USD" }] },
    { name: "expansion", params: [{ name: "gpus", unit: "number" }, { name: "price", unit: "USD" }] },
  ],
};

export const PERIODS = periodsOfTerm(HEADER.term.start, HEADER.term.end, HEADER.term.frequency);

/** A JSON period row with all three inputs. */
export function row(period: string, revenue = "100.00"): string {
  return `{ "period": "${period}", "revenue": "${revenue}", "sold_hours": "10", "capacity_hours": "20" }`;
}

export function inputsJson(rows: string[], events: string[] = []): string {
  return `{ "periods": [\n${rows.join(",\n")}\n], "events": [${events.join(", ")}] }`;
}
