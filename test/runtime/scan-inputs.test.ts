import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/api.ts";
import { lowerProgram } from "../../src/compile/lower.ts";
import { DEFAULT_LIMITS } from "../../src/limits.ts";
import { prepareProgram } from "../../src/runtime/prepare.ts";
import { fastPath } from "../../src/runtime/read-inputs.ts";
import { scanInputs } from "../../src/runtime/scan-inputs.ts";
import { generateProgram } from "../generators/program.ts";

const deal = prepareProgram(lowerProgram(checkSource(`deal "Scan"
parties {
  a: "A"
  b: "B"
}
term 2026-01-01 to 2026-03-31, monthly
currency USD
input revenue: USD
input hours: number
event default(amount: USD)
clause share { a pays b revenue }
`).value!));

const scan = (text: string) => scanInputs(text, deal.header, deal.periods, DEFAULT_LIMITS);
/** What reading the parsed object gives: the path JSON.parse feeds. */
const parsed = (text: string) => JSON.stringify(fastPath(deal.header, deal.periods, JSON.parse(text), DEFAULT_LIMITS));

const ROWS = '{"period":"2026-01-01","revenue":"100.50","hours":"7"},{"period":"2026-02-01","revenue":"0","hours":"-2.25"}';

describe("scanning a plain inputs text", () => {
  it("reads each row's values into the same periods as reading the parsed JSON", () => {
    const text = `{"periods":[${ROWS}],"events":[]}`;
    const periods = scan(text);
    expect(periods?.map((p) => [p.period.start, ...p.inputs.map((d) => d!.toString())])).toEqual([
      ["2026-01-01", "100.5", "7"],
      ["2026-02-01", "0", "-2.25"],
    ]);
    expect(JSON.stringify(periods)).toBe(parsed(text));
  });

  it("accepts any whitespace, any key order in a row, no rows and no events key", () => {
    const variants = [
      JSON.stringify(JSON.parse(`{"periods":[${ROWS}]}`), null, 2),
      `{"periods":[{"hours":"7","revenue":"100.50","period":"2026-01-01"},{"revenue":"0","period":"2026-02-01","hours":"-2.25"}]}`,
      `\r\n\t{ "periods" : [ ${ROWS} ] , "events" : [ ] }\n`,
    ];
    for (const text of variants) {
      expect(scan(text), text).toBeDefined();
      expect(JSON.stringify(scan(text)), text).toBe(parsed(text));
    }
    expect(scan('{"periods":[]}')).toEqual([]);
  });

  it("leaves every other text to JSON.parse", () => {
    const others = [
      `{"periods":[${ROWS}],"events":[{"date":"2026-01-15","event":"default","amount":"5"}]}`, // events
      `{"events":[],"periods":[${ROWS}]}`, // events first
      `{"periods":[${ROWS.replace('"revenue"', '"rev\\u0065nue"')}]}`, // an escape, even one JSON reads as "revenue"
      `{"periods":[${ROWS.replace('"hours":"7"', '"hours":"7","hours":"7"')}]}`, // a repeated key
      `{"periods":[${ROWS.replace('"period":"2026-01-01",', '"period":"2026-01-01","period":"2026-01-01",')}]}`, // a repeated period
      `{"periods":[${ROWS.replace(',"hours":"7"', "")}]}`, // a missing input
      `{"periods":[${ROWS.replace('"hours":"7"', '"hours":7')}]}`, // a JSON number
      `{"periods":[${ROWS.replace('"hours":"7"', '"hours":"1e3"')}]}`, // not plain decimal text
      `{"periods":[${ROWS.replace('"hours":"7"', '"hours":"7","extra":"1"')}]}`, // an unknown field
      `{"periods":[${ROWS.replace("2026-02-01", "2026-03-01")}]}`, // not the next period
      `{"periods":[${ROWS},${ROWS}]}`, // more rows than the term
      `\uFEFF{"periods":[${ROWS}]}`, // a byte-order mark
      `{"periods":[${ROWS}]} x`, // something after the object
      `{"periods":[${ROWS}],}`, // a trailing comma
      `{"periods":[${ROWS}]`, // cut short
      `{"periods":[{}]}`, // an empty row
    ];
    for (const text of others) expect(scan(text), text).toBeUndefined();
  });

  it("agrees with reading the parsed JSON on generated deals and data", () => {
    let scanned = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const p = generateProgram(seed, { tests: "never", maxPeriods: 12 });
      const program = prepareProgram(lowerProgram(checkSource(p.source).value!));
      const text = JSON.stringify(p.inputs);
      const periods = scanInputs(text, program.header, program.periods, DEFAULT_LIMITS);
      if (periods === undefined) continue;
      scanned++;
      expect(JSON.stringify(periods), `seed ${seed}`).toBe(JSON.stringify(fastPath(program.header, program.periods, p.inputs, DEFAULT_LIMITS)));
    }
    expect(scanned).toBeGreaterThan(20);
  });
});
