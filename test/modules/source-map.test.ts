import { describe, expect, it } from "vitest";
import { checkSource, runSource, testSource } from "../../src/api.ts";
import { renderDiagnostics } from "../../src/diagnostics/render.ts";
import { INSTANCE_SLOT, SourceMap } from "../../src/modules/source-map.ts";
import { HEADER, withFiles } from "./helpers.ts";

const DIVIDE = `template clause per_unit(payer: party, payee: party, total: money, units_sold: number) {
  payer pays payee total / units_sold
}
`;

describe("diagnostics from inside a template", () => {
  it("are moved to the use, with a note at the template's line in its file", () => {
    const files = withFiles({ "stdlib/mixed.tenor": `template clause mixed(payer: party, payee: party, a: money, b: number) {\n  payer pays payee a + b\n}\n` });
    const source = `import mixed from "stdlib/mixed"\n${HEADER}\nuse mixed as m { payer = sharon, payee = nvidia, a = revenue, b = 2 }\n`;
    const checked = checkSource(source, files);
    expect(renderDiagnostics(checked.diagnostics, "deal.tenor", source, checked.files)).toBe(
      [
        "deal.tenor:16:14: error: in template mixed: cannot add USD and number: both sides of + need the same unit [TN2030]",
        " 16 | use mixed as m { payer = sharon, payee = nvidia, a = revenue, b = 2 }",
        "    |              ^",
        "stdlib/mixed.tenor:2:20: note: here in template mixed",
      ].join("\n"),
    );
  });

  it("are moved to the use when they happen at run time", () => {
    const source = `${DIVIDE}${HEADER}\nuse per_unit as p { payer = sharon, payee = nvidia, total = revenue, units_sold = 0 }\n`;
    const run = runSource(source, [{ name: "i.json", text: JSON.stringify({ periods: [{ period: "2026-07-01", revenue: "1", sold: "0", capacity: "0" }] }) }]);
    expect(run.failure).toBe("runtime");
    const d = run.diagnostics[0]!;
    expect(d.code).toBe("TN3002");
    expect(d.message).toMatch(/^in template per_unit: /);
    expect(source.slice(d.range!.start, d.range!.end)).toBe("p");
    expect(d.related?.[0]?.message).toBe("here in template per_unit");
  });

  it("point test failures that happen inside a template at the use", () => {
    const source = `${DIVIDE}${HEADER}\nuse per_unit as p { payer = sharon, payee = nvidia, total = revenue, units_sold = 0 }\ntest "divides" {\n  period 2026-07-01 { revenue = 1 USD, sold = 0 gpu_hour, capacity = 0 gpu_hour }\n  expect sharon pays nvidia 1 USD\n}\n`;
    const [result] = testSource(source).value!;
    expect(result!.passed).toBe(false);
    expect(source.slice(result!.problems[0]!.range.start, result!.problems[0]!.range.end)).toBe("p");
  });
});

describe("the source map", () => {
  it("gives each instance its own slot above every source text", () => {
    const map = new SourceMap();
    const first = map.nextSpan();
    map.add({ span: first, useAt: { start: 5, end: 6 }, template: "t", file: null });
    const second = map.nextSpan();
    expect(first).toEqual({ start: INSTANCE_SLOT, end: 2 * INSTANCE_SLOT });
    expect(second.start).toBe(2 * INSTANCE_SLOT);
    expect(map.originOf({ start: 10, end: 11 })).toBeNull();
    expect(map.originOf({ start: INSTANCE_SLOT + 3, end: INSTANCE_SLOT + 4 })?.template).toBe("t");
  });

  it("drops a diagnostic reported twice at one place", () => {
    const map = new SourceMap();
    const d = { code: "TN2001", severity: "error" as const, message: "unknown name x", range: { start: 1, end: 2 } };
    expect(map.mapDiagnostics([d, { ...d }])).toEqual([d]);
  });
});
