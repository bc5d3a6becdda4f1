/**
 * Property (f), docs/language.md §14 "Limits" and style "no-throw parsing": checkSource never
 * throws on random mutations of a valid term sheet (tokens or characters
 * deleted, duplicated, swapped or inserted), and every diagnostic it
 * returns is well-formed: a catalog-shaped code, a severity, and a range
 * inside the source. When it accepts the mutant, running its test blocks
 * does not throw either.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSource, testSource } from "../../src/api.ts";

const VALID = `// A valid sheet using most of the language.
deal "Mutation base"

parties {
  nvidia: "NVIDIA Corporation"
  sharon: "Sharon AI"
  landlord: "Campus lessor"
}

term 2026-07-01 to 2028-06-30, monthly
currency USD, rounding half_even
settle net

units gpu, gpu_hour

input revenue: USD
input sold_hours: gpu_hour

event lease_default(missed_rent: USD)

const fleet = 40_000 gpu
const buyback_price = 1.85 USD per gpu_hour

schedule share_rate by contract_year, tapering {
  year 1: 15%
  year 2 onward: 12.5%
}

schedule escalator by date {
  2026-07-01 to 2027-06-30: 100%
  2027-07-01 onward: 103%
}

clause revenue_share "Revenue share" {
  sharon pays nvidia revenue * share_rate * escalator
  cap 150 million USD per contract_year
}

clause capacity_buyback "Capacity buyback" {
  let capacity = fleet * 24 gpu_hour per gpu * days
  let utilization = if capacity > 0 gpu_hour then sold_hours / capacity else 1
  when utilization < 70% for 3 consecutive periods {
    nvidia pays sharon max(capacity - sold_hours, 0 gpu_hour) * buyback_price
  }
  cap 6.3 billion USD over term
  until 2028-04-13
}

clause lease_guarantee "Lease guarantee" {
  on lease_default { nvidia pays landlord missed_rent }
  from 2026-09-01
}

clause warrants {
  at signing { sharon grants nvidia floor(3.5 billion USD / 48.20 USD) warrants at 48.20 USD }
  sharon pays nvidia round(20 million USD * 0.5% * days / 365, 0.01)
}

test "year two rate" {
  period 2027-07-01 { revenue = 10 million USD, sold_hours = 25 million gpu_hour }
  event 2027-07-15 lease_default(missed_rent = 1.5 million USD)
  expect sharon pays nvidia 1_287_500 USD under revenue_share
  expect nvidia pays landlord 1.5 million USD in 2027-07-01
}
`;

/** Tokens and the whitespace between them, so that joining them gives the text back. */
function tokenize(text: string): string[] {
  return text.match(/\s+|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|\d{4}-\d{2}-\d{2}|\d[\d_]*(?:\.\d[\d_]*)?|[A-Za-z_]\w*|[<>=!]=|[^\s]/g) ?? [];
}

const TOKENS = tokenize(VALID);

type Mutation =
  | { readonly kind: "deleteToken" | "duplicateToken"; readonly at: number }
  | { readonly kind: "swapTokens"; readonly at: number; readonly other: number }
  | { readonly kind: "deleteChar" | "duplicateChar" | "swapChars"; readonly at: number }
  | { readonly kind: "insertChar"; readonly at: number; readonly char: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom("deleteToken" as const, "duplicateToken" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swapTokens" as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constantFrom("deleteChar" as const, "duplicateChar" as const, "swapChars" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insertChar" as const), at: fc.nat(), char: fc.constantFrom(..."{}()\"%,:=<-+*/_.0123456789 \n\tabz#@\\\u00e9") }),
);

function mutate(tokens: readonly string[], mutations: readonly Mutation[]): string {
  let toks = [...tokens];
  for (const m of mutations) {
    const i = toks.length === 0 ? 0 : m.at % toks.length;
    const text = toks.join("");
    const c = text.length === 0 ? 0 : m.at % text.length;
    switch (m.kind) {
      case "deleteToken":
        toks.splice(i, 1);
        break;
      case "duplicateToken":
        if (toks.length > 0) toks.splice(i, 0, toks[i]!);
        break;
      case "swapTokens": {
        if (toks.length === 0) break;
        const j = m.other % toks.length;
        [toks[i], toks[j]] = [toks[j]!, toks[i]!];
        break;
      }
      // Character edits work on the whole text, which is then split into tokens again.
      case "deleteChar":
        toks = tokenize(text.slice(0, c) + text.slice(c + 1));
        break;
      case "duplicateChar":
        toks = tokenize(text.slice(0, c + 1) + text.slice(c));
        break;
      case "swapChars":
        toks = tokenize(text.slice(0, c) + text.slice(c + 1, c + 2) + text.slice(c, c + 1) + text.slice(c + 2));
        break;
      case "insertChar":
        toks = tokenize(text.slice(0, c) + m.char + text.slice(c));
        break;
    }
  }
  return toks.join("");
}

describe("checkSource on mutated term sheets", () => {
  it("starts from a sheet that checks and passes its test", () => {
    expect(TOKENS.join("")).toBe(VALID);
    expect(checkSource(VALID).diagnostics).toEqual([]);
    expect(testSource(VALID).value?.map((t) => t.passed)).toEqual([true]);
  });

  it("never throws and returns well-formed diagnostics with ranges inside the source", () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        const text = mutate(TOKENS, mutations);
        const result = checkSource(text);
        for (const d of result.diagnostics) {
          expect(d.code).toMatch(/^TN[12]\d{3}$/);
          expect(d.code).not.toBe("TN1007"); // an internal parser error would be a bug
          expect(["error", "warning"]).toContain(d.severity);
          expect(d.message.length).toBeGreaterThan(0);
          expect(d.range).toBeDefined();
          expect(d.range!.start).toBeGreaterThanOrEqual(0);
          expect(d.range!.start).toBeLessThanOrEqual(d.range!.end);
          expect(d.range!.end).toBeLessThanOrEqual(text.length);
          for (const r of d.related ?? []) {
            expect(r.range.start).toBeGreaterThanOrEqual(0);
            expect(r.range.end).toBeLessThanOrEqual(text.length);
          }
        }
        const errors = result.diagnostics.some((d) => d.severity === "error");
        expect(result.value === null).toBe(errors);
        if (result.value !== null) {
          // Accepted mutants still run their test blocks without throwing.
          const tests = testSource(text);
          expect(tests.value).not.toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });
});
