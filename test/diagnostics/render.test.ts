import { describe, expect, it } from "vitest";
import { renderDiagnostic, renderDiagnostics } from "../../src/diagnostics/render.ts";
import { LineMap } from "../../src/diagnostics/positions.ts";

const source = "deal \"X\"\nclause a {\n  sharon pays nvidia revenue * * 10%\n}\n";

describe("rendering diagnostics", () => {
  it("prints FILE:LINE:COL, severity, message and code, then the line with a caret under the range", () => {
    const start = source.indexOf("* 10%");
    const text = renderDiagnostic({ code: "TN1002", severity: "error", message: "expected an expression", range: { start, end: start + 1 } }, "deal.tenor", new LineMap(source));
    expect(text.split("\n")).toEqual([
      "deal.tenor:3:32: error: expected an expression [TN1002]",
      " 3 |   sharon pays nvidia revenue * * 10%",
      "   |                                ^",
    ]);
  });

  it("prints a data diagnostic without a position as FILE: severity: message", () => {
    expect(renderDiagnostic({ code: "TN3101", severity: "error", message: "period 2026-09-01: missing value" }, "inputs.json", null)).toBe(
      "inputs.json: error: period 2026-09-01: missing value [TN3101]",
    );
  });

  it("orders diagnostics by position and puts data diagnostics last", () => {
    const out = renderDiagnostics(
      [
        { code: "TN3101", severity: "error", message: "data" },
        { code: "TN2001", severity: "warning", message: "late", range: { start: 20, end: 21 } },
        { code: "TN2002", severity: "error", message: "early", range: { start: 0, end: 4 } },
      ],
      "f.tenor",
      source,
    );
    const heads = out.split("\n").filter((l) => l.startsWith("f.tenor"));
    expect(heads).toEqual([
      "f.tenor:1:1: error: early [TN2002]",
      "f.tenor:3:1: warning: late [TN2001]",
      "f.tenor: error: data [TN3101]",
    ]);
  });
});

describe("line maps", () => {
  it("turn offsets into 1-based lines and columns and back into line text", () => {
    const lines = new LineMap("ab\ncd\r\nef");
    expect(lines.position(0)).toEqual({ line: 1, column: 1 });
    expect(lines.position(3)).toEqual({ line: 2, column: 1 });
    expect(lines.position(8)).toEqual({ line: 3, column: 2 });
    expect(lines.lineText(2)).toBe("cd");
    expect(lines.lineText(9)).toBe("");
  });
});
