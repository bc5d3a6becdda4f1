import { describe, expect, it } from "vitest";
import { loadInputsJson } from "../../src/inputs/load-json.ts";
import { INPUT } from "../../src/diagnostics/codes/input.ts";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { HEADER, PERIODS, inputsJson, row } from "./fixtures.ts";

const load = (text: string) => loadInputsJson(text, HEADER, PERIODS);
const brief = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code} ${d.message}`);

describe("loadInputsJson: valid files", () => {
  it("reads rows and events into decimals in declaration order", () => {
    const r = load(inputsJson(
      [`{ "capacity_hours": "20", "period": "2026-07-01", "revenue": "12000000.00", "sold_hours": "10" }`, row("2026-08-01")],
      [`{ "date": "2026-08-15", "event": "lease_default", "missed_rent": "1500000.00" }`],
    ));
    expect(r.diagnostics).toEqual([]);
    const data = r.value!;
    expect(data.periods.map((p) => p.period)).toEqual(["2026-07-01", "2026-08-01"]);
    expect([...data.periods[0]!.values].map(([k, v]) => `${k}=${v.toFixed(2)}`))
      .toEqual(["revenue=12000000.00", "sold_hours=10.00", "capacity_hours=20.00"]);
    expect(data.events).toHaveLength(1);
    expect(data.events[0]!.event).toBe("lease_default");
    expect(data.events[0]!.args.get("missed_rent")!.toString()).toBe("1500000");
  });

  it("accepts an empty periods array and no events field", () => {
    const r = load(`{ "periods": [] }`);
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toEqual({ periods: [], events: [] });
  });

  it("sorts events by date and keeps input order for equal dates", () => {
    const r = load(inputsJson([row("2026-07-01"), row("2026-08-01")], [
      `{ "date": "2026-08-20", "event": "lease_default", "missed_rent": "3" }`,
      `{ "date": "2026-07-05", "event": "lease_default", "missed_rent": "1" }`,
      `{ "event": "expansion", "date": "2026-08-20", "price": "2.50", "gpus": "8" }`,
      `{ "date": "2026-08-20", "event": "lease_default", "missed_rent": "4" }`,
    ]));
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.events.map((e) => `${e.date} ${e.event} ${[...e.args.values()].join("/")}`)).toEqual([
      "2026-07-05 lease_default 1",
      "2026-08-20 lease_default 3",
      "2026-08-20 expansion 8/2.5",
      "2026-08-20 lease_default 4",
    ]);
  });
});

describe("loadInputsJson: JSON numbers", () => {
  it("accepts numbers that read without loss, keeping their digits", () => {
    const r = load(inputsJson([`{ "period": "2026-07-01", "revenue": 12000000.50, "sold_hours": 1e3, "capacity_hours": 0.1 }`]));
    expect(r.diagnostics).toEqual([]);
    const v = r.value!.periods[0]!.values;
    expect(v.get("revenue")!.toFixed(2)).toBe("12000000.50");
    expect(v.get("sold_hours")!.toString()).toBe("1000");
    expect(v.get("capacity_hours")!.toString()).toBe("0.1");
  });

  it("rejects numbers a float reader would change, suggesting the string form", () => {
    const r = load(inputsJson([
      `{ "period": "2026-07-01", "revenue": 12345678901234567890, "sold_hours": 1.00000000000000001, "capacity_hours": 1e400 }`,
    ]));
    expect(r.value).toBeNull();
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.lossyNumber} period 2026-07-01: input "revenue" is the JSON number 12345678901234567890, which cannot be read without loss (a float reader sees 12345678901234567000); write it as a string: "12345678901234567890"`,
      `${INPUT.lossyNumber} period 2026-07-01: input "sold_hours" is the JSON number 1.00000000000000001, which cannot be read without loss (a float reader sees 1); write it as a string: "1.00000000000000001"`,
      `${INPUT.lossyNumber} period 2026-07-01: input "capacity_hours" is the JSON number 1e400, which cannot be read without loss (a float reader sees Infinity); write it as a string: "1${"0".repeat(400)}"`,
    ]);
  });
});

describe("loadInputsJson: defects name the period or row and the field", () => {
  it("reports a missing value with its period and input", () => {
    const r = load(inputsJson([row("2026-07-01"), row("2026-08-01"),
      `{ "period": "2026-09-01", "sold_hours": "10", "capacity_hours": "20" }`]));
    expect(r.value).toBeNull();
    expect(brief(r.diagnostics)).toEqual([`${INPUT.missingValue} period 2026-09-01: missing value for input "revenue"`]);
  });

  it("reports a value that is not a decimal", () => {
    const r = load(inputsJson([row("2026-07-01"), row("2026-08-01", "12,000.00")]));
    expect(brief(r.diagnostics)).toEqual([`${INPUT.notADecimal} period 2026-08-01: input "revenue" is not a decimal: "12,000.00"`]);
  });

  it("rejects decimal look-alikes and non-strings", () => {
    const bad = ["+5", "1e3", " 5", "5.", ".5", "", "1_000", "0x10", "NaN"];
    const r = load(inputsJson(bad.map((v, i) => row(PERIODS[i]!.start, v))));
    expect(r.diagnostics.map((d) => d.code)).toEqual(bad.map(() => INPUT.notADecimal));
    expect(r.diagnostics[0]!.message).toBe(`period 2026-07-01: input "revenue" is not a decimal: "+5"`);
    const other = load(inputsJson([`{ "period": "2026-07-01", "revenue": null, "sold_hours": true, "capacity_hours": ["1"] }`]));
    expect(brief(other.diagnostics)).toEqual([
      `${INPUT.notADecimal} period 2026-07-01: input "revenue" is not a decimal: null`,
      `${INPUT.notADecimal} period 2026-07-01: input "sold_hours" is not a decimal: true`,
      `${INPUT.notADecimal} period 2026-07-01: input "capacity_hours" is not a decimal: an array`,
    ]);
  });

  it("reports every defect, not just the first", () => {
    const r = load(inputsJson([
      `{ "period": "2026-07-01", "revenue": "1.2.3", "sold_hours": "10" }`,
      `{ "period": "2026-08-01", "revnue": "5", "sold_hours": "x", "capacity_hours": "20" }`,
    ]));
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.notADecimal} period 2026-07-01: input "revenue" is not a decimal: "1.2.3"`,
      `${INPUT.missingValue} period 2026-07-01: missing value for input "capacity_hours"`,
      `${INPUT.unknownField} period 2026-08-01: unknown field "revnue" (did you mean "revenue"?)`,
      `${INPUT.notADecimal} period 2026-08-01: input "sold_hours" is not a decimal: "x"`,
      `${INPUT.missingValue} period 2026-08-01: missing value for input "revenue"`,
    ]);
  });

  it("reports a row date that is not a period start, suggesting the period it falls in", () => {
    const r = load(inputsJson([row("2026-07-01"), row("2026-08-01"), row("2026-09-15")]));
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.notAPeriodStart} row 3: "2026-09-15" is not the start of a period (periods start on 2026-07-01, 2026-08-01, …; did you mean 2026-09-01?)`,
    ]);
  });

  it("reports rows before and after the term", () => {
    const r = load(inputsJson([row("2026-06-01"), row("2026-07-01"), row("2027-07-01")]));
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.periodOutsideTerm} row 1: period 2026-06-01 is before the term, which starts on 2026-07-01`,
      `${INPUT.periodOutsideTerm} row 3: period 2027-07-01 is after the term, which ends on 2027-06-30`,
    ]);
  });

  it("reports a period that is not a date, or is missing", () => {
    const r = load(inputsJson([
      `{ "period": "2026-02-30", "revenue": "1", "sold_hours": "1", "capacity_hours": "1" }`,
      `{ "period": 20260801, "revenue": "1", "sold_hours": "1", "capacity_hours": "1" }`,
      `{ "revenue": "1", "sold_hours": "1", "capacity_hours": "1" }`,
    ]));
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.invalidDate} row 1: period "2026-02-30" is not a date (expected YYYY-MM-DD)`,
      `${INPUT.invalidDate} row 2: period 20260801 is not a date (expected YYYY-MM-DD)`,
      `${INPUT.missingPeriod} row 3: missing "period" (the start date of the row's period)`,
    ]);
  });

  it("reports a gap: rows must be contiguous from period 1", () => {
    const r = load(inputsJson([row("2026-07-01"), row("2026-08-01"), row("2026-10-01")]));
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.periodMissing} period 2026-09-01 is missing: rows must be contiguous from period 1 (2026-07-01)`,
    ]);
  });

  it("reports missing leading periods as one range", () => {
    const r = load(inputsJson([row("2026-10-01")]));
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.periodMissing} periods 2026-07-01 to 2026-09-01 are missing: rows must be contiguous from period 1 (2026-07-01)`,
    ]);
  });

  it("reports duplicate and out-of-order rows", () => {
    const r = load(inputsJson([row("2026-07-01"), row("2026-08-01"), row("2026-08-01"), row("2026-09-01"), row("2026-08-01")]));
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.duplicatePeriod} row 3: period 2026-08-01 is given twice; first in row 2`,
      `${INPUT.duplicatePeriod} row 5: period 2026-08-01 is given twice; first in row 2`,
    ]);
    const swapped = load(inputsJson([row("2026-07-01"), row("2026-09-01"), row("2026-08-01")]));
    expect(brief(swapped.diagnostics)).toEqual([
      `${INPUT.periodOutOfOrder} row 3: period 2026-08-01 comes after period 2026-09-01: rows must be in ascending order`,
    ]);
  });

  it("reports a field given twice in one row", () => {
    const r = load(inputsJson([`{ "period": "2026-07-01", "revenue": "1", "revenue": "2", "sold_hours": "1", "capacity_hours": "1", "period": "2026-07-01" }`]));
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.duplicateField} row 1: field "period" is given more than once`,
      `${INPUT.duplicateField} period 2026-07-01: input "revenue" is given more than once`,
    ]);
  });

  it("treats __proto__, constructor and prototype as ordinary unknown fields", () => {
    const r = load(inputsJson([`{ "period": "2026-07-01", "__proto__": { "revenue": "1" }, "constructor": "1", "prototype": "2", "revenue": "1", "sold_hours": "1", "capacity_hours": "1" }`],
      [`{ "date": "2026-07-02", "event": "lease_default", "missed_rent": "1", "__proto__": "x" }`, `{ "date": "2026-07-02", "event": "__proto__" }`]));
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.unknownField} period 2026-07-01: unknown field "__proto__" (inputs: "revenue", "sold_hours", "capacity_hours")`,
      `${INPUT.unknownField} period 2026-07-01: unknown field "constructor" (inputs: "revenue", "sold_hours", "capacity_hours")`,
      `${INPUT.unknownField} period 2026-07-01: unknown field "prototype" (inputs: "revenue", "sold_hours", "capacity_hours")`,
      `${INPUT.unknownEventArgument} event 1 (lease_default on 2026-07-02): unknown argument "__proto__" for event lease_default (arguments: "missed_rent")`,
      `${INPUT.unknownEvent} event 2: unknown event "__proto__" (events: "lease_default", "expansion")`,
    ]);
    expect(({} as Record<string, unknown>)["revenue"]).toBeUndefined();
  });
});

describe("loadInputsJson: event defects", () => {
  const ev = (...events: string[]) => load(inputsJson([row("2026-07-01"), row("2026-08-01")], events));

  it("reports an unknown event with a suggestion", () => {
    expect(brief(ev(`{ "date": "2026-07-10", "event": "lease_defualt", "missed_rent": "1" }`).diagnostics)).toEqual([
      `${INPUT.unknownEvent} event 1: unknown event "lease_defualt" (did you mean "lease_default"?)`,
    ]);
  });

  it("reports an event date outside the term or not a date", () => {
    expect(brief(ev(
      `{ "date": "2027-07-01", "event": "lease_default", "missed_rent": "1" }`,
      `{ "date": "2026-06-30", "event": "lease_default", "missed_rent": "1" }`,
      `{ "date": "July 4", "event": "lease_default", "missed_rent": "1" }`,
      `{ "event": "lease_default", "missed_rent": "1" }`,
    ).diagnostics)).toEqual([
      `${INPUT.eventOutsideTerm} event 1: date 2027-07-01 is outside the term (2026-07-01 to 2027-06-30)`,
      `${INPUT.eventOutsideTerm} event 2: date 2026-06-30 is outside the term (2026-07-01 to 2027-06-30)`,
      `${INPUT.invalidDate} event 3: date "July 4" is not a date (expected YYYY-MM-DD)`,
      `${INPUT.missingEventField} event 4: missing "date"`,
    ]);
  });

  it("reports missing, malformed and unknown arguments", () => {
    expect(brief(ev(
      `{ "date": "2026-07-10", "event": "lease_default" }`,
      `{ "date": "2026-07-11", "event": "expansion", "gpus": "8", "price": "$2" }`,
      `{ "date": "2026-07-12", "event": "lease_default", "missed_rent": "1", "mised_rent": "2" }`,
      `{ "date": "2026-07-13" }`,
      `{ "date": "2026-07-14", "event": 7 }`,
    ).diagnostics)).toEqual([
      `${INPUT.missingEventArgument} event 1 (lease_default on 2026-07-10): missing argument "missed_rent"`,
      `${INPUT.notADecimal} event 2 (expansion on 2026-07-11): argument "price" is not a decimal: "$2"`,
      `${INPUT.unknownEventArgument} event 3 (lease_default on 2026-07-12): unknown argument "mised_rent" for event lease_default (did you mean "missed_rent"?)`,
      `${INPUT.missingEventField} event 4: missing "event" (the event's name)`,
      `${INPUT.wrongShape} event 5: "event" must be an event name, got 7`,
    ]);
  });

  it("warns about an event after the last period with data, without failing", () => {
    const r = ev(`{ "date": "2026-10-03", "event": "lease_default", "missed_rent": "1" }`);
    expect(r.value).not.toBeNull();
    expect(r.diagnostics).toEqual([{
      code: INPUT.eventAfterLastPeriod, severity: "warning",
      message: "event 1 (lease_default on 2026-10-03): falls in period 2026-10-01, after the last period with data (2026-08-01), so it is not settled in this run",
    }]);
  });
});

describe("loadInputsJson: file shape", () => {
  it("reports invalid JSON with line and column", () => {
    expect(brief(load(`{ "periods": [\n  { "period": "2026-07-01", }\n] }`).diagnostics)).toEqual([
      `${INPUT.invalidJson} inputs file is not valid JSON: expected a quoted key, found "}" at line 2:29`,
    ]);
    expect(brief(load("").diagnostics)).toEqual([`${INPUT.invalidJson} inputs file is not valid JSON: the file is empty at line 1:1`]);
    expect(brief(load(`{"periods": []} x`).diagnostics)).toEqual([
      `${INPUT.invalidJson} inputs file is not valid JSON: unexpected "x" after the end of the JSON value at line 1:17`,
    ]);
  });

  it("reports a file that is not an object, rows that are not objects and unknown top-level fields", () => {
    expect(brief(load(`[]`).diagnostics)).toEqual([
      `${INPUT.wrongShape} the inputs file must be a JSON object with "periods" and "events", got an array`,
    ]);
    expect(brief(load(`{ "period": [], "events": {} }`).diagnostics)).toEqual([
      `${INPUT.unknownField} unknown top-level field "period" (did you mean "periods"?)`,
      `${INPUT.wrongShape} the inputs file has no "periods" array (one row per period)`,
      `${INPUT.wrongShape} "events" must be an array of events, got an object`,
    ]);
    expect(brief(load(`{ "periods": [${row("2026-07-01")}, "2026-08-01"], "events": [1] }`).diagnostics)).toEqual([
      `${INPUT.wrongShape} row 2 must be an object with "period" and the inputs, got "2026-08-01"`,
      `${INPUT.wrongShape} event 1 must be an object with "date", "event" and its arguments, got 1`,
    ]);
  });

  it("never throws on deeply nested input", () => {
    const deep = `{ "periods": ${"[".repeat(10_000)}${"]".repeat(10_000)} }`;
    expect(brief(load(deep).diagnostics)).toEqual([`${INPUT.invalidJson} inputs file is not valid JSON: nested more than 64 levels deep at line 1:78`]);
  });
});
