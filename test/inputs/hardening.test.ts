/**
 * Inputs from upstream systems are untrusted (issue 4, item 6): prototype
 * keys change nothing and are reported as unknown fields, duplicate rows
 * and malformed numbers get errors naming the period and the field, lossy
 * JSON numbers are refused, and huge files fail fast with one clear error.
 */
import { describe, expect, it } from "vitest";
import { INPUT } from "../../src/diagnostics/codes/input.ts";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { loadInputs } from "../../src/inputs/load-inputs.ts";
import { loadInputsJson } from "../../src/inputs/load-json.ts";
import { HEADER, PERIODS, inputsJson, row } from "./fixtures.ts";

const brief = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code} ${d.message}`);
const json = (text: string) => loadInputsJson(text, HEADER, PERIODS);
const files = (...f: [string, string][]) => loadInputs(f.map(([name, text]) => ({ name, text })), HEADER, PERIODS);
/** One July row whose revenue is the raw JSON `value`. */
const revenue = (value: string) => json(`{ "periods": [{ "period": "2026-07-01", "revenue": ${value}, "sold_hours": "10", "capacity_hours": "20" }] }`);

describe("prototype keys in inputs", () => {
  const polluted = () => (Object.prototype as Record<string, unknown>)["polluted"];

  it("are unknown fields at the top level, in rows and in events, and pollute nothing", () => {
    const r = json(`{
      "__proto__": { "polluted": "top" },
      "periods": [{ "period": "2026-07-01", "revenue": "1", "sold_hours": "1", "capacity_hours": "2",
                    "__proto__": { "polluted": "row" }, "constructor": { "prototype": { "polluted": "ctor" } }, "prototype": "3" }],
      "events": [{ "date": "2026-07-03", "event": "lease_default", "missed_rent": "5", "__proto__": "1", "constructor": "2" }]
    }`);
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.unknownField} unknown top-level field "__proto__" (fields: "periods", "events")`,
      `${INPUT.unknownField} period 2026-07-01: unknown field "__proto__" (inputs: "revenue", "sold_hours", "capacity_hours")`,
      `${INPUT.unknownField} period 2026-07-01: unknown field "constructor" (inputs: "revenue", "sold_hours", "capacity_hours")`,
      `${INPUT.unknownField} period 2026-07-01: unknown field "prototype" (inputs: "revenue", "sold_hours", "capacity_hours")`,
      `${INPUT.unknownEventArgument} event 1 (lease_default on 2026-07-03): unknown argument "__proto__" for event lease_default (arguments: "missed_rent")`,
      `${INPUT.unknownEventArgument} event 1 (lease_default on 2026-07-03): unknown argument "constructor" for event lease_default (arguments: "missed_rent")`,
    ]);
    expect(polluted()).toBeUndefined();
  });

  it("change nothing when they are the only extra: the other values load as without them", () => {
    const clean = json(inputsJson([row("2026-07-01")]));
    const withProto = json(inputsJson([row("2026-07-01").replace("{", `{ "__proto__": { "revenue": "999" }, `)]));
    expect(clean.diagnostics).toEqual([]);
    expect(brief(withProto.diagnostics)).toEqual([
      `${INPUT.unknownField} period 2026-07-01: unknown field "__proto__" (inputs: "revenue", "sold_hours", "capacity_hours")`,
    ]);
    expect(polluted()).toBeUndefined();
  });

  it("as a value are not a decimal", () => {
    expect(brief(revenue(`{ "__proto__": { "polluted": 1 } }`).diagnostics)).toEqual([
      `${INPUT.notADecimal} period 2026-07-01: input "revenue" is not a decimal: an object`,
    ]);
    expect(polluted()).toBeUndefined();
  });

  it("as CSV columns are unknown columns", () => {
    const r = files(["in.csv", "period,revenue,sold_hours,capacity_hours,__proto__,constructor\n2026-07-01,1,1,2,x,y\n"]);
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.unknownField} periods CSV: unknown column "__proto__" (columns: "period", "revenue", "sold_hours", "capacity_hours")`,
      `${INPUT.unknownField} periods CSV: unknown column "constructor" (columns: "period", "revenue", "sold_hours", "capacity_hours")`,
    ]);
  });

  it("as an event name or argument name in CSV are unknown", () => {
    const r = files(
      ["in.csv", `period,revenue,sold_hours,capacity_hours\n2026-07-01,1,1,2\n`],
      ["events.csv", `date,event,missed_rent,__proto__\n2026-07-02,__proto__,1,\n`],
    );
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.unknownField} events CSV: unknown column "__proto__" (columns: "date", "event", "missed_rent", "gpus", "price")`,
      `${INPUT.unknownEvent} event row 1 (line 2): unknown event "__proto__" (events: "lease_default", "expansion")`,
    ]);
  });
});

describe("duplicate period rows", () => {
  it("are reported in JSON, naming both rows", () => {
    expect(brief(json(inputsJson([row("2026-07-01"), row("2026-07-01", "5")])).diagnostics)).toEqual([
      `${INPUT.duplicatePeriod} row 2: period 2026-07-01 is given twice; first in row 1`,
    ]);
  });

  it("are reported in CSV, naming both rows and their lines", () => {
    const r = files(["in.csv", "period,revenue,sold_hours,capacity_hours\n2026-07-01,1,1,2\n2026-07-01,1,1,2\n"]);
    expect(brief(r.diagnostics)).toEqual([`${INPUT.duplicatePeriod} row 2 (line 3): period 2026-07-01 is given twice; first in row 1 (line 2)`]);
  });
});

describe("numbers that are not plain decimal strings", () => {
  it.each([
    ["exponent notation", `"1e6"`],
    ["a capital exponent", `"2.5E3"`],
    ["a plus sign", `"+5"`],
    ["a leading space", `" 5"`],
    ["a trailing space", `"5 "`],
    ["a tab", `"5\\t"`],
    ["thousands separators", `"1,000.00"`],
    ["spaces between digit groups", `"1 000"`],
    ["underscores", `"1_000"`],
    ["a leading point", `".5"`],
    ["a trailing point", `"5."`],
    ["hexadecimal", `"0x10"`],
    ["Arabic-Indic digits", `"١٢٣"`],
    ["full-width digits", `"１２"`],
    ["NaN", `"NaN"`],
    ["Infinity", `"Infinity"`],
    ["an empty string", `""`],
    ["a currency sign", `"$5"`],
  ])("with %s are refused, naming the period and the field", (_what, value) => {
    const r = revenue(value);
    expect(r.value).toBeNull();
    expect(brief(r.diagnostics)).toEqual([`${INPUT.notADecimal} period 2026-07-01: input "revenue" is not a decimal: ${value}`]);
  });

  it("in CSV cells are refused the same way (cells are trimmed, so surrounding spaces are allowed)", () => {
    const r = files(["in.csv", `period,revenue,sold_hours,capacity_hours\n2026-07-01, 5 ,1e3,"1,000"\n`]);
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.notADecimal} period 2026-07-01 (row 1, line 2): input "sold_hours" is not a decimal: "1e3"`,
      `${INPUT.notADecimal} period 2026-07-01 (row 1, line 2): input "capacity_hours" is not a decimal: "1,000"`,
    ]);
  });

  it("are fine as plain decimals: a minus sign and leading zeros read exactly", () => {
    const r = json(inputsJson([`{ "period": "2026-07-01", "revenue": "-12.50", "sold_hours": "00012", "capacity_hours": "0.000000000000000000000001" }`]));
    expect(r.diagnostics).toEqual([]);
    expect([...r.value!.periods[0]!.values.values()].map((v) => v.toString())).toEqual(["-12.5", "12", "0.000000000000000000000001"]);
  });
});

describe("JSON numbers", () => {
  it.each([
    ["1e3", "1000"],
    ["100.50", "100.5"],
    ["0.1", "0.1"],
    ["17280000", "17280000"],
    ["-0", "0"],
  ])("%s reads without loss as %s", (value, expected) => {
    const r = revenue(value);
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.periods[0]!.values.get("revenue")!.toString()).toBe(expected);
  });

  it.each([
    ["12345678901234567890", "12345678901234567000", `write it as a string: "12345678901234567890"`],
    ["1.00000000000000001", "1", `write it as a string: "1.00000000000000001"`],
    ["9007199254740993", "9007199254740992", `write it as a string: "9007199254740993"`],
    ["1e400", "Infinity", `write it as a string: "1${"0".repeat(400)}"`],
    ["1e-400", "0", `write it as a string: "0.${"0".repeat(399)}1"`],
    ["1e9999", "Infinity", "write it as a decimal string"],
  ])("%s is lossy: refused, naming what a float reader sees", (value, seen, fix) => {
    expect(brief(revenue(value).diagnostics)).toEqual([
      `${INPUT.lossyNumber} period 2026-07-01: input "revenue" is the JSON number ${value}, which cannot be read without loss (a float reader sees ${seen}); ${fix}`,
    ]);
  });
});

describe("huge and pathological files", () => {
  it("a 100 MB inputs file fails with one error naming the file, before anything parses it", () => {
    const text = `{ "periods": [${" ".repeat(100_000_000)}] }`;
    const t0 = performance.now();
    const r = files(["big.json", text]);
    expect(brief(r.diagnostics)).toEqual([`${INPUT.inputFileTooLarge} inputs file big.json is larger than 20,000,000 bytes, the limit for an inputs file`]);
    expect(r.value).toBeNull();
    expect(performance.now() - t0).toBeLessThan(5000); // a bound against hanging, not a speed test
  });

  it("a 100 MB CSV periods file fails the same way", () => {
    const r = files(["big.csv", `period,revenue\n${"2026-07-01,1\n".repeat(8_000_000)}`]);
    expect(brief(r.diagnostics)).toEqual([`${INPUT.inputFileTooLarge} inputs file big.csv is larger than 20,000,000 bytes, the limit for an inputs file`]);
  });

  it("millions of tiny values under the size limit stop at the value budget, with one error", () => {
    const r = files(["many.json", `{ "periods": [[${"0,".repeat(5_000_000)}0]] }`]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.code).toBe(INPUT.inputFileTooLarge);
    expect(r.diagnostics[0]!.message).toMatch(/^inputs file many\.json holds more than [\d,]+ JSON values/);
  });

  it("JSON nested 10,000 deep is a syntax error, not a stack overflow", () => {
    expect(brief(json(`{ "periods": ${"[".repeat(10_000)}${"]".repeat(10_000)} }`).diagnostics)).toEqual([
      `${INPUT.invalidJson} inputs file is not valid JSON: nested more than 64 levels deep at line 1:78`,
    ]);
  });

  it("a CSV line of a million characters is refused as too long", () => {
    const r = files(["wide.csv", `period,revenue\n2026-07-01,${"1;".repeat(500_000)}\n`]);
    expect(brief(r.diagnostics)).toEqual([
      `${INPUT.inputFileTooLarge} periods CSV has a record longer than 100,000 characters (line 2); is the delimiter a comma?`,
    ]);
  });
});
