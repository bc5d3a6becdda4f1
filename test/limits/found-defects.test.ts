/**
 * Defects the hardening work found in the runtime and in Decimal, now fixed:
 * each test pins the typed diagnostic that replaced a wrong code or a hang.
 */
import { describe, expect, it } from "vitest";
import { runSource } from "../../src/api.ts";

const sheet = (clause: string) =>
  `deal "Known issue"\nparties { a: "A" b: "B" }\nterm 2026-01-01 to 2026-03-31, monthly\ncurrency USD\ninput revenue: USD\n${clause}\n`;
const inputs = [{ name: "inputs.json", text: `{ "periods": [{ "period": "2026-01-01", "revenue": "5" }] }` }];

describe("defects found by fuzzing", () => {
  // src/runtime/prepare-expr.ts shift(): `toSafeInt()` is null for whole numbers past 2^53,
  // which is then reported as "not a whole number" (TN3006) instead of out of range (TN3016).
  it("a whole duration too large for the calendar is TN3016 (date out of range), not TN3006 (not whole)", () => {
    const run = runSource(sheet("clause k { when period_start + 99999999999999999999 days > period_end { a pays b 1 USD } }"), inputs);
    expect(run.diagnostics.map((d) => d.code)).toEqual(["TN3016"]);
  });

  // Exact + − × (docs/language.md §9) doubles the digits at every squaring; Decimal refuses values past
  // 1,000 significant digits (DECIMAL_LIMITS), so a 1 KB chain of squares stops at once.
  it("a chain of 29 squarings gives TN3018 instead of an exponential hang", () => {
    const lets = Array.from({ length: 29 }, (_, i) => `let l${i + 1} = l${i} * l${i}`).join("\n");
    const run = runSource(sheet(`clause k {\nlet l0 = revenue / 1 USD + 0.5\n${lets}\nwhen l29 > 0 { a pays b 1 USD }\n}`), inputs);
    expect(run.diagnostics.map((d) => d.code)).toEqual(["TN3018"]);
  });
});
