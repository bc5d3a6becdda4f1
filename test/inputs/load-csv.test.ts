import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadInputsCsv } from "../../src/inputs/load-csv.ts";
import { loadInputsJson } from "../../src/inputs/load-json.ts";
import { INPUT } from "../../src/diagnostics/codes/input.ts";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import type { DealData } from "../../src/inputs/deal-data.ts";
import { HEADER, PERIODS } from "./fixtures.ts";

const load = (periodsCsv: string, events: string | null = null) => loadInputsCsv(periodsCsv, events, HEADER, PERIODS);
const brief = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code} ${d.message}`);
const show = (data: DealData) => ({
  periods: data.periods.map((p) => `${p.period} ${[...p.values].map(([k, v]) => `${k}=${v.toString()}`).join(" ")}`),
  events: data.events.map((e) => `${e.date} ${e.event} ${[...e.args].map(([k, v]) => `${k}=${v.toString()}`).join(" ")}`),
});

describe("loadInputsCsv: valid files", () => {
  it("reads columns in any order, quoted cells and CRLF line ends", () => {
    const r = load('sold_hours,period,capacity_hours,revenue\r\n10,2026-07-01,20,"12000000.00"\r\n\r\n11,2026-08-01,21,100.5\r\n');
    expect(r.diagnostics).toEqual([]);
    expect(show(r.value!)).toEqual({
      periods: [
        "2026-07-01 revenue=12000000 sold_hours=10 capacity_hours=20",
        "2026-08-01 revenue=100.5 sold_hours=11 capacity_hours=21",
      ],
      events: [],
    });
    expect(r.value!.periods[0]!.values.get("revenue")!.toFixed(2)).toBe("12000000.00");
  });

  it("accepts a header with no rows, a byte-order mark and spaces around cells", () => {
    expect(load("\uFEFFperiod, revenue ,sold_hours,capacity_hours\n").value).toEqual({ periods: [], events: [] });
    expect(load("period,revenue,sold_hours,capacity_hours\n 2026-07-01 , 1 ,2,3\n").diagnostics).toEqual([]);
  });

  it("reads events from a CSV with blank cells for arguments an event lacks, sorted by date", () => {
    const r = load(
      "period,revenue,sold_hours,capacity_hours\n2026-07-01,1,2,3\n2026-08-01,1,2,3\n",
      "date,event,missed_rent,gpus,price\n2026-08-02,expansion,,8,2.50\n2026-07-09,lease_default,1500000.00,,\n2026-08-02,lease_default,7,,\n",
    );
    expect(r.diagnostics).toEqual([]);
    expect(show(r.value!).events).toEqual([
      "2026-07-09 lease_default missed_rent=1500000",
      "2026-08-02 expansion gpus=8 price=2.5",
      "2026-08-02 lease_default missed_rent=7",
    ]);
  });

  it("reads events from JSON, wrapped or as a bare array", () => {
    const periods = "period,revenue,sold_hours,capacity_hours\n2026-07-01,1,2,3\n";
    const ev = `{ "date": "2026-07-09", "event": "lease_default", "missed_rent": "5" }`;
    expect(show(load(periods, `{ "events": [${ev}] }`).value!).events).toEqual(["2026-07-09 lease_default missed_rent=5"]);
    expect(show(load(periods, ` [${ev}]`).value!).events).toEqual(["2026-07-09 lease_default missed_rent=5"]);
    expect(brief(load(periods, `{ "event": [] }`).diagnostics)).toEqual([
      `${INPUT.unknownField} events file: unknown top-level field "event" (did you mean "events"?)`,
    ]);
  });
});

describe("loadInputsCsv: defects name the row, its line and the column", () => {
  it("reports a missing value and a value that is not a decimal", () => {
    const r = load("period,revenue,sold_hours,capacity_hours\n2026-07-01,100.00,10,20\n2026-08-01,\"12,000.00\",10,20\n2026-09-01,,10,20\n");
    expect(r.value).toBeNull();
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.notADecimal} period 2026-08-01 (row 2, line 3): input "revenue" is not a decimal: "12,000.00"`,
      `${INPUT.missingValue} period 2026-09-01 (row 3, line 4): missing value for input "revenue"`,
    ]);
  });

  it("reports rows that are not period starts, out of the term, or without a period", () => {
    const r = load("period,revenue,sold_hours,capacity_hours\n2026-07-01,1,2,3\n2026-08-15,1,2,3\n2027-07-01,1,2,3\n,1,2,3\n2026-8-01,1,2,3\n");
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.notAPeriodStart} row 2 (line 3): "2026-08-15" is not the start of a period (periods start on 2026-07-01, 2026-08-01, …; did you mean 2026-08-01?)`,
      `${INPUT.periodOutsideTerm} row 3 (line 4): period 2027-07-01 is after the term, which ends on 2027-06-30`,
      `${INPUT.missingPeriod} row 4 (line 5): missing "period" (the start date of the row's period)`,
      `${INPUT.invalidDate} row 5 (line 6): period "2026-8-01" is not a date (expected YYYY-MM-DD)`,
    ]);
  });

  it("counts lines of quoted multi-line cells and skipped blank lines", () => {
    const r = load('period,revenue,sold_hours,capacity_hours\n2026-07-01,"1\n2",2,3\n\n2026-08-01,x,2,3\n');
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.notADecimal} period 2026-07-01 (row 1, line 2): input "revenue" is not a decimal: "1\\n2"`,
      `${INPUT.notADecimal} period 2026-08-01 (row 2, line 5): input "revenue" is not a decimal: "x"`,
    ]);
  });

  it("reports gaps and duplicates", () => {
    const r = load("period,revenue,sold_hours,capacity_hours\n2026-07-01,1,2,3\n2026-07-01,1,2,3\n2026-09-01,1,2,3\n");
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.duplicatePeriod} row 2 (line 3): period 2026-07-01 is given twice; first in row 1 (line 2)`,
      `${INPUT.periodMissing} period 2026-08-01 is missing: rows must be contiguous from period 1 (2026-07-01)`,
    ]);
  });

  it("reports header problems once, not per row", () => {
    const r = load("period,revnue,sold_hours,sold_hours,__proto__\n2026-07-01,1,2,3,4\n2026-08-01,1,2,3,4\n");
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.unknownField} periods CSV: unknown column "revnue" (did you mean "revenue"?)`,
      `${INPUT.duplicateField} periods CSV: column "sold_hours" appears more than once in the header`,
      `${INPUT.unknownField} periods CSV: unknown column "__proto__" (columns: "period", "revenue", "sold_hours", "capacity_hours")`,
      `${INPUT.missingColumn} periods CSV: no column for input "revenue" in the header (line 1)`,
      `${INPUT.missingColumn} periods CSV: no column for input "capacity_hours" in the header (line 1)`,
    ]);
  });

  it("reports a missing period column, hinting at the delimiter", () => {
    expect(brief(load("period;revenue;sold_hours;capacity_hours\n2026-07-01;1;2;3\n").diagnostics)).toEqual([
      `${INPUT.unknownField} periods CSV: unknown column "period;revenue;sold_hours;capacity_hours" (columns: "period", "revenue", "sold_hours", "capacity_hours")`,
      `${INPUT.missingColumn} periods CSV: no "period" column in the header (line 1) (columns must be separated by commas)`,
    ]);
  });

  it("reports cells beyond the header and ignores empty trailing cells", () => {
    const r = load("period,revenue,sold_hours,capacity_hours,\n2026-07-01,1,2,3,\n2026-08-01,1,2,3,,9\n");
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.extraCells} row 2 (line 3): 6 cells, but the header has 5 columns`,
    ]);
    const unnamed = load("period,revenue,sold_hours,capacity_hours,\n2026-07-01,1,2,3,4\n");
    expect(brief(unnamed.diagnostics)).toEqual([
      `${INPUT.unknownField} periods CSV: column 5 has no name in the header, but row 1 (line 2) has a value in it`,
    ]);
  });

  it("reports malformed CSV and an empty file", () => {
    expect(brief(load('period,revenue\n"2026-07-01,1\n').diagnostics)).toEqual([
      `${INPUT.invalidCsv} periods CSV is not valid CSV: Quote Not Closed: the parsing is finished with an opening quote at line 2`,
    ]);
    expect(brief(load("\n\n").diagnostics)).toEqual([`${INPUT.wrongShape} periods CSV is empty: expected a header row`]);
  });

  it("reports event defects with the event row, line and column", () => {
    const r = load(
      "period,revenue,sold_hours,capacity_hours\n2026-07-01,1,2,3\n",
      "date,event,missed_rent,gpus,price,colour\n2026-07-02,lease_default,,,,\n2026-07-03,expansion,5,8,x,\n2027-08-01,lease_defualt,1,,,\n",
    );
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.unknownField} events CSV: unknown column "colour" (columns: "date", "event", "missed_rent", "gpus", "price")`,
      `${INPUT.missingEventArgument} event row 1 (line 2, lease_default on 2026-07-02): missing argument "missed_rent"`,
      `${INPUT.unknownEventArgument} event row 2 (line 3, expansion on 2026-07-03): unknown argument "missed_rent" for event expansion (arguments: "gpus", "price")`,
      `${INPUT.notADecimal} event row 2 (line 3, expansion on 2026-07-03): argument "price" is not a decimal: "x"`,
      `${INPUT.eventOutsideTerm} event row 3 (line 4): date 2027-08-01 is outside the term (2026-07-01 to 2027-06-30)`,
      `${INPUT.unknownEvent} event row 3 (line 4): unknown event "lease_defualt" (did you mean "lease_default"?)`,
    ]);
  });

  it("reports an events CSV without date or event columns", () => {
    const r = load("period,revenue,sold_hours,capacity_hours\n", "when,event,missed_rent\n2026-07-02,lease_default,1\n");
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.unknownField} events CSV: unknown column "when" (columns: "date", "event", "missed_rent", "gpus", "price")`,
      `${INPUT.missingColumn} events CSV: no "date" column in the header (line 1)`,
    ]);
  });
});

describe("CSV and JSON agree", () => {
  const decimal = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.nat({ max: 6 }))
    .map(([neg, n, places]) => {
      const s = n.toString().padStart(places + 1, "0");
      const text = places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
      return neg && n !== 0n ? `-${text}` : text;
    });

  it("gives the same data for the same rows written either way", () => {
    fc.assert(fc.property(fc.array(fc.tuple(decimal, decimal, decimal), { maxLength: 12 }), (values) => {
      const rows = values.map(([a, b, c], i) => ({ period: PERIODS[i]!.start, revenue: a, sold_hours: b, capacity_hours: c }));
      const csv = ["capacity_hours,period,revenue,sold_hours",
        ...rows.map((r) => `${r.capacity_hours},${r.period},"${r.revenue}",${r.sold_hours}`)].join("\n");
      const fromCsv = load(csv);
      const fromJson = loadInputsJson(JSON.stringify({ periods: rows }), HEADER, PERIODS);
      expect(fromCsv.diagnostics).toEqual([]);
      expect(fromJson.diagnostics).toEqual([]);
      expect(show(fromCsv.value!)).toEqual(show(fromJson.value!));
      expect(fromCsv.value!.periods.map((p) => p.values.get("revenue")!.toString()))
        .toEqual(rows.map((r) => Decimal.parse(r.revenue)!.toString()));
    }));
  });
});
