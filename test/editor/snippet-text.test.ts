import { describe, expect, it } from "vitest";
import { analyze } from "../../src/editor/analyze.ts";
import { clauseSnippets, snippetText } from "../../src/editor/snippets.ts";
import { checkSource } from "../../src/api.ts";

describe("a snippet's plain text, for editors without snippets", () => {
  it("keeps each tab stop's default, drops empty stops and unescapes, keeping the code's own braces", () => {
    expect(snippetText("max($0)")).toBe("max()");
    expect(snippetText("clause ${1:x} {\n\t${2:a \\} b \\$ c}\n}")).toBe("clause x {\n  a } b $ c\n}");
    expect(snippetText("${1}${2:y}$3 \\\\")).toBe("y \\");
  });

  it("turns every clause snippet into a clause that checks in the sheet it was made for", () => {
    const sheet = `deal "D"\nparties {\n  a: "A"\n  b: "B"\n}\nterm 2026-01-01 to 2026-12-31, monthly\ncurrency USD\nunits gpu_hour\ninput revenue: USD\ninput capacity_hours: gpu_hour\ninput sold_hours: gpu_hour\ninput missed_amount: USD\nevent default_event()\nschedule share_rate by period {\n  period 1 onward: 10%\n}\n`;
    const { index } = analyze({ version: 1, source: sheet, inputs: null });
    for (const s of clauseSnippets(index)) {
      const text = `${sheet}\n${snippetText(s.body)}\n`;
      expect(checkSource(text).diagnostics.filter((d) => d.severity === "error"), s.label).toEqual([]);
    }
  });
});
