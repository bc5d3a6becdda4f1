import { describe, expect, it } from "vitest";
import { loadInputs } from "../../src/inputs/load-inputs.ts";
import { INPUT } from "../../src/diagnostics/codes/input.ts";
import { HEADER, PERIODS, inputsJson, row } from "./fixtures.ts";

const PERIODS_CSV = "period,revenue,sold_hours,capacity_hours\n2026-07-01,1,2,3\n";
const EVENTS_CSV = "date,event,missed_rent\n2026-07-02,lease_default,9\n";

describe("loadInputs", () => {
  it("reads one JSON file", () => {
    const r = loadInputs([{ name: "data/Inputs.JSON", text: inputsJson([row("2026-07-01")]) }], HEADER, PERIODS);
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.periods.map((p) => p.period)).toEqual(["2026-07-01"]);
  });

  it("tells a periods CSV from an events CSV by its header, in any order", () => {
    const r = loadInputs([{ name: "events.csv", text: EVENTS_CSV }, { name: "periods.csv", text: PERIODS_CSV }], HEADER, PERIODS);
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.periods).toHaveLength(1);
    expect(r.value!.events.map((e) => e.args.get("missed_rent")!.toString())).toEqual(["9"]);
  });

  it("takes a JSON events file beside a periods CSV", () => {
    const r = loadInputs([{ name: "p.csv", text: PERIODS_CSV },
      { name: "e.json", text: `[{ "date": "2026-07-03", "event": "lease_default", "missed_rent": "4" }]` }], HEADER, PERIODS);
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.events[0]!.date).toBe("2026-07-03");
  });

  it("gives empty data for no files", () => {
    expect(loadInputs([], HEADER, PERIODS)).toEqual({ value: { periods: [], events: [] }, diagnostics: [] });
  });

  it("refuses other extensions and ambiguous sets of files", () => {
    expect(loadInputs([{ name: "inputs.xlsx", text: "" }], HEADER, PERIODS).diagnostics.map((d) => `${d.code} ${d.message}`))
      .toEqual([`${INPUT.unsupportedInputFiles} inputs file inputs.xlsx: unsupported kind (expected .json or .csv)`]);
    expect(loadInputs([{ name: "a.json", text: "{}" }, { name: "b.json", text: "{}" }], HEADER, PERIODS).diagnostics[0]!.message)
      .toBe("give one JSON inputs file, not 2 (a.json, b.json)");
    expect(loadInputs([{ name: "a.csv", text: PERIODS_CSV }, { name: "b.csv", text: PERIODS_CSV }], HEADER, PERIODS).diagnostics[0]!.message)
      .toBe(`expected one periods CSV (header with "period") and at most one events file (CSV with "date" and "event", or JSON); got 2 periods CSV and 0 events files (a.csv, b.csv)`);
  });
});
