/** Bad input never throws (context rules): whatever the parser builds, the checker returns diagnostics. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkProgram } from "../../src/check/check-program.ts";
import { hasErrors } from "../../src/diagnostics/diagnostic.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { HEADER } from "./helpers.ts";

const BODY = `event lease_default(missed_rent: USD)
const price = 1.85 USD per gpu_hour
schedule rate by contract_year, tapering {
  year 1: 15%
  year 2 to 3: 10%
  year 4 onward: 5%
}
schedule dated by date {
  2026-07-01 to 2027-06-30: 1 USD
  2027-07-01 onward: 2 USD
}
clause buyback "Buyback" {
  let u = sold_hours / capacity_hours
  let unsold = max(capacity_hours - sold_hours, 0 gpu_hour)
  when u < 70% for 3 consecutive periods {
    nvidia pays sharon round(unsold * price, 0.01)
  }
  on lease_default {
    nvidia pays sharon if missed_rent > dated then missed_rent else dated
  }
  at signing {
    sharon grants nvidia 10 warrants at 1 USD
  }
  cap 1 million USD per contract_year
  from 2026-08-01
  until 2028-12-31
}
test "t" {
  period 2026-07-01 { revenue = 1 USD, sold_hours = 1 gpu_hour, capacity_hours = 2 gpu_hour }
  event 2026-07-02 lease_default(missed_rent = 5 USD)
  expect nvidia pays sharon 5 USD under buyback in 2026-07-01
}
`;
const SOURCE = HEADER + BODY;

describe("the checker on damaged sources", () => {
  it("checks the undamaged source cleanly", () => {
    const parsed = parseSource(SOURCE);
    expect(parsed.diagnostics).toEqual([]);
    expect(checkProgram(parsed.value).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("never throws when spans of the source are deleted, duplicated or swapped", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(SOURCE.length), fc.nat(40), fc.constantFrom("delete", "duplicate", "swap")), { minLength: 1, maxLength: 4 }),
        (edits) => {
          let text = SOURCE;
          for (const [at, len, kind] of edits) {
            const a = Math.min(at, text.length);
            const b = Math.min(a + len, text.length);
            if (kind === "delete") text = text.slice(0, a) + text.slice(b);
            else if (kind === "duplicate") text = text.slice(0, b) + text.slice(a, b) + text.slice(b);
            else text = text.slice(0, a) + text.slice(b, b + len) + text.slice(a, b) + text.slice(b + len);
          }
          const parsed = parseSource(text);
          const result = checkProgram(parsed.value, { afterParseErrors: hasErrors(parsed.diagnostics) });
          for (const d of result.diagnostics) {
            expect(d.code).toMatch(/^TN2\d{3}$/);
            expect(d.range!.start).toBeGreaterThanOrEqual(0);
            expect(d.range!.end).toBeLessThanOrEqual(text.length);
          }
          if (result.value !== null) expect(hasErrors(result.diagnostics)).toBe(false);
        },
      ),
      { numRuns: 400, seed: 20260701 },
    );
  });

  it("never throws on random token soup", () => {
    const words = ["deal", "parties", "term", "currency", "units", "input", "event", "const", "schedule", "clause", "test", "let", "pays",
      "grants", "when", "on", "at", "signing", "cap", "over", "per", "from", "until", "year", "onward", "to", "by", "tapering", "if", "then",
      "else", "and", "or", "not", "{", "}", "(", ")", ":", ",", "=", "+", "-", "*", "/", "<", "==", "12", "1.5", "10%", "2026-07-01",
      "2027-02-30", "USD", "gpu_hour", "revenue", "nvidia", "sharon", "days", "contract_year", "max", "round", "\"T\"", "\n"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 80 }), (tokens) => {
        const text = HEADER + tokens.join(" ");
        const parsed = parseSource(text);
        checkProgram(parsed.value, { afterParseErrors: hasErrors(parsed.diagnostics) });
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});
