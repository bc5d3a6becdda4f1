import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/api.ts";
import { lowerProgram } from "../../src/compile/lower.ts";
import { INPUT } from "../../src/diagnostics/codes/input.ts";
import { DEFAULT_LIMITS } from "../../src/limits.ts";
import { loadInputsJson } from "../../src/inputs/load-json.ts";
import { prepareProgram } from "../../src/runtime/prepare.ts";
import { fastPath, readInputs } from "../../src/runtime/read-inputs.ts";
import { periodInputs } from "../../src/runtime/settle-data.ts";
import { generateProgram } from "../generators/program.ts";

/** What the full reader (src/inputs) makes of inputs text: engine periods or diagnostics, as JSON. */
function fully(program: ReturnType<typeof prepareProgram>, text: string): string {
  const data = loadInputsJson(text, program.header, program.periods);
  if (data.value === null) return JSON.stringify({ diagnostics: data.diagnostics });
  const periods = periodInputs(program.header, program.periods, data.value);
  return JSON.stringify(Array.isArray(periods) ? { periods, diagnostics: data.diagnostics } : { diagnostics: [periods] });
}

function quickly(program: ReturnType<typeof prepareProgram>, inputs: string | object): string {
  const r = readInputs(program.header, program.periods, inputs);
  return JSON.stringify(r.value === null ? { diagnostics: r.diagnostics } : { periods: r.value, diagnostics: r.diagnostics });
}

/** A one-input deal, for the cases the generator's data never shows. */
const smallDeal = () => prepareProgram(lowerProgram(checkSource(`deal "N"
parties {
  a: "A"
  b: "B"
}
term 2026-01-01 to 2026-12-31, monthly
currency USD
input revenue: USD
clause share { a pays b revenue }
`).value!));

const programOf = (seed: number) => {
  const p = generateProgram(seed, { tests: "never", maxPeriods: 12 });
  return { p, program: prepareProgram(lowerProgram(checkSource(p.source).value!)) };
};

/** Ways to spoil an inputs text, each of which the full reader has something to say about. */
const SPOILERS: readonly ((text: string) => string)[] = [
  (t) => t.replace(/"period":"(\d{4}-\d{2}-\d{2})"/, '"period":"$1","period":"$1"'), // a repeated key
  (t) => t.replace(/:"(\d+)(\.\d+)?"/, ":$1$2"), // a JSON number
  (t) => t.replace(/:"(\d+)(\.\d+)?"/, ':"1,5"'), // not a decimal
  (t) => t.replace(/"period":"(\d{4})-/, '"period":"1999-'), // before the term
  (t) => t.replace(/\{"period"/, '{"extra":"1","period"'), // an unknown field
  (t) => t.replace(/"events":\[/, '"events":[{"date":"2099-01-01","event":"nothing"},'), // an unknown event outside the term
  (t) => `\uFEFF${t}`, // a byte-order mark
  (t) => t.replace(/\]\}$/, "],}"), // not JSON
];

describe("reading inputs in the runtime", () => {
  it("takes the fast path for well-formed inputs and gets what the full reader gets", () => {
    let fast = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { p, program } = programOf(seed);
      const text = JSON.stringify(p.inputs);
      if (fastPath(program.header, program.periods, text, DEFAULT_LIMITS) !== null) fast++;
      expect(quickly(program, text), `seed ${seed}`).toBe(fully(program, text));
      expect(quickly(program, p.inputs), `seed ${seed} (object)`).toBe(fully(program, text));
    }
    expect(fast).toBeGreaterThan(45);
  });

  it("leaves every flawed file to the full reader, so the diagnostics are its own", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: SPOILERS.length - 1 }), (seed, which) => {
      const { p, program } = programOf(seed);
      const text = SPOILERS[which]!(JSON.stringify(p.inputs));
      expect(quickly(program, text)).toBe(fully(program, text));
    }), { numRuns: 80 });
  });

  it("reports a repeated key that JSON.parse would silently drop", () => {
    const program = smallDeal();
    const r = readInputs(program.header, program.periods, '{"periods":[{"period":"2026-01-01","revenue":"1","revenue":"2"}]}');
    expect(r.value).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([[INPUT.duplicateField, 'period 2026-01-01: input "revenue" is given more than once']]);
  });

  it("reads a JSON number through the full reader, which refuses one that loses digits", () => {
    const program = smallDeal();
    const exact = readInputs(program.header, program.periods, '{"periods":[{"period":"2026-01-01","revenue":100.5}]}');
    expect(exact.diagnostics).toEqual([]);
    expect(exact.value![0]!.inputs.map((d) => d?.toString())).toEqual(["100.5"]);
    const lossy = readInputs(program.header, program.periods, '{"periods":[{"period":"2026-01-01","revenue":12345678901234567890}]}');
    expect(lossy.value).toBeNull();
    expect(lossy.diagnostics.map((d) => d.code)).toEqual([INPUT.lossyNumber]);
  });
});
