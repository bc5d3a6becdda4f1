import { describe, expect, it } from "vitest";
import { toMarkers, visibleRange } from "../../src/editor/markers.ts";

describe("diagnostics as Monaco markers", () => {
  const text = "const a = 1\nconst bb = zz\n";

  it("converts an offset range to 1-based lines with an exclusive end column", () => {
    const start = text.indexOf("zz");
    const [m] = toMarkers([{ code: "TN2001", severity: "error", message: "unknown name zz", range: { start, end: start + 2 } }], text);
    expect(m).toEqual({
      startLineNumber: 2, startColumn: 12, endLineNumber: 2, endColumn: 14,
      severity: "error", code: "TN2001", message: "unknown name zz", related: [],
    });
  });

  it("keeps related places (an earlier declaration) and leaves out data diagnostics without a range", () => {
    const markers = toMarkers([
      { code: "TN2002", severity: "error", message: "a is declared twice", range: { start: 18, end: 20 },
        related: [{ range: { start: 6, end: 7 }, message: "first declared here" }] },
      { code: "TN3101", severity: "error", message: "row 1: revenue is missing" },
    ], text);
    expect(markers).toHaveLength(1);
    expect(markers[0]!.related).toEqual([{ startLineNumber: 1, startColumn: 7, endLineNumber: 1, endColumn: 8, message: "first declared here" }]);
  });

  it("measures a related place in an imported file in that file's text, and leaves it out without the text", () => {
    const imported = "template const t(x: number) =\n  x * 2\n";
    const d = { code: "TN2208", severity: "error" as const, message: "x takes a number", range: { start: 6, end: 7 },
      related: [{ range: { start: 32, end: 33 }, message: "the parameter x", file: "stdlib/t.tenor" }] };
    expect(toMarkers([d], text, new Map([["stdlib/t.tenor", imported]]))[0]!.related).toEqual([
      { startLineNumber: 2, startColumn: 3, endLineNumber: 2, endColumn: 4, message: "the parameter x", file: "stdlib/t.tenor" },
    ]);
    expect(toMarkers([d], text)[0]!.related).toEqual([]);
  });

  it("widens an empty range to a character so the squiggle shows", () => {
    expect(visibleRange({ start: 6, end: 6 }, text)).toEqual({ start: 6, end: 7 });
    // At a line end: the character before.
    expect(visibleRange({ start: 11, end: 11 }, text)).toEqual({ start: 10, end: 11 });
    // At the end of an empty text: nothing to widen to.
    expect(visibleRange({ start: 0, end: 0 }, "")).toEqual({ start: 0, end: 0 });
  });
});
