import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runSource, testSource } from "../../src/api.ts";
import { analyze } from "../../src/editor/analyze.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { STDLIB } from "../stdlib-options.ts";

const example = (id: string) => ({
  source: readFileSync(new URL(`../../examples/${id}.tenor`, import.meta.url), "utf8"),
  inputs: readFileSync(new URL(`../../examples/${id}.inputs.json`, import.meta.url), "utf8"),
});

const SMALL = `deal "D"
parties {
  a: "A"
  b: "B"
}
term 2026-01-01 to 2026-12-31, monthly
currency USD
input revenue: USD
clause share "Share" {
  a pays b revenue * 10%
}
`;

describe("one analysis of the playground's state", () => {
  it("gives the CLI's ledger JSON, byte for byte, for every example", () => {
    for (const id of ["sharon-dsx", "firmus-campus", "coreweave-backstop"]) {
      const { source, inputs } = example(id);
      const result = analyze({ version: 7, source, inputs }, STDLIB);
      const cli = runSource(source, [{ name: `${id}.inputs.json`, text: inputs }], STDLIB);
      expect(result.version).toBe(7);
      expect(result.failure, id).toBeNull();
      expect(result.ledgerJson, id).toBe(ledgerToJson(cli.ledger!));
      expect(result.markers, id).toEqual([]);
    }
  });

  it("reports the test blocks as `tenor test` does, with their lines", () => {
    const { source, inputs } = example("sharon-dsx");
    const result = analyze({ version: 1, source, inputs }, STDLIB);
    const cli = testSource(source, STDLIB).value!;
    expect(result.tests!.map((t) => [t.title, t.passed])).toEqual(cli.map((t) => [t.title, t.passed]));
    expect(result.tests!.every((t) => t.passed)).toBe(true);
    const first = source.split("\n").findIndex((l) => l.startsWith("test ")) + 1;
    expect(result.tests![0]!.line).toBe(first);
  });

  it("turns a typo into a marker at its line and columns, keeps the symbol index and settles nothing", () => {
    const source = SMALL.replace("revenue * 10%", "revenu * 10%");
    const result = analyze({ version: 2, source, inputs: '{"periods": []}' }, STDLIB);
    expect(result.failure).toBe("source");
    expect(result.ledger).toBeNull();
    expect(result.tests).toBeNull();
    expect(result.markers).toHaveLength(1);
    expect(result.markers[0]).toMatchObject({
      code: "TN2001", severity: "error", startLineNumber: 10, startColumn: 12, endLineNumber: 10, endColumn: 18,
    });
    expect(result.problems[0]).toMatchObject({ code: "TN2001", phase: "source", line: 10, column: 12 });
    expect(result.index.symbols.filter((s) => s.kind === "input").map((s) => s.name)).toEqual(["revenue"]);
    expect(result.summary.inputs).toEqual([{ name: "revenue", unit: "USD" }]);
    expect(result.summary.periodStarts).toHaveLength(12);
  });

  it("lists data problems under the inputs, without a position, and keeps the markers empty", () => {
    const result = analyze({ version: 3, source: SMALL, inputs: '{"periods": [{"period": "2026-01-01", "revenue": "ten"}]}' });
    expect(result.failure).toBe("inputs");
    expect(result.markers).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.phase).toBe("inputs");
    expect(result.problems[0]!.line).toBeUndefined();
    expect(result.problems[0]!.message).toContain("revenue");
  });

  it("settles the given rows and charts the schedule and caps of the program", () => {
    const { source, inputs } = example("sharon-dsx");
    const { series, ledger } = analyze({ version: 1, source, inputs }, STDLIB);
    const rate = series!.schedules.find((s) => s.name === "share_rate")!;
    expect(rate.unit).toBe("");
    expect(rate.values).toHaveLength(ledger!.periods.length);
    expect([rate.values[0], rate.values[12], rate.values[24], rate.values[71]]).toEqual(["0.15", "0.125", "0.1", "0.075"]);
    expect(series!.caps.map((c) => [c.clause, c.window, c.amount])).toEqual([
      ["capacity_buyback", "contract_year", "40000000"],
      ["capacity_buyback", "term", "75000000"],
      ["lease_guarantee", "term", "250000000"],
    ]);
    expect(series!.caps[2]!.text).toBe("cap guaranteed over term");
  });

  it("checks a sheet without inputs and settles nothing, and runs no tests when told not to", () => {
    const checked = analyze({ version: 4, source: SMALL, inputs: null });
    expect([checked.failure, checked.ledger, checked.problems]).toEqual([null, null, []]);
    expect(checked.tests).toEqual([]);
    const bad = analyze({ version: 5, source: SMALL, inputs: '{"periods": [{"period": "2026-01-01"}]}', inputsName: "deal.inputs.json" }, { tests: false });
    expect(bad.failure).toBe("inputs");
    expect(bad.tests).toBeNull();
    expect(bad.problems[0]!.message).toContain("revenue");
  });
});
