import { describe, expect, it } from "vitest";
import { checkProgram } from "../../src/check/check-program.ts";
import { parseSource } from "../../src/syntax/parse.ts";
import { HEADER } from "./helpers.ts";

/** A sheet with `n` clauses, each with lets, a condition, a payment and a cap; every 100th has an error. */
function bigSheet(n: number, withErrors: boolean): string {
  const parts = [HEADER, `const price = 1.85 USD per gpu_hour\nschedule rate by contract_year {\n  year 1 onward: 10%\n}\n`];
  for (let i = 0; i < n; i++) {
    const amount = withErrors && i % 100 === 0 ? `unsold * price + revenu * rate` : `unsold * price + revenue * rate`;
    parts.push(`clause c${i} "Clause ${i}" {
  let utilization = sold_hours / capacity_hours
  let unsold = max(capacity_hours - sold_hours, 0 gpu_hour)
  when utilization < 70% for 3 consecutive periods {
    nvidia pays sharon ${amount}
  }
  cap 1 million USD per contract_year
  until 2028-12-31
}
`);
  }
  return parts.join("");
}

describe("checking large sheets", () => {
  it("checks a 5,000-clause sheet well under two seconds", () => {
    const parsed = parseSource(bigSheet(5000, false));
    expect(parsed.diagnostics).toEqual([]);
    const t0 = performance.now();
    const result = checkProgram(parsed.value);
    const elapsed = performance.now() - t0;
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.clauses).toHaveLength(5000);
    expect(elapsed).toBeLessThan(1500);
  });

  it("stays fast when many clauses have errors that need suggestions", () => {
    const parsed = parseSource(bigSheet(5000, true));
    const t0 = performance.now();
    const result = checkProgram(parsed.value);
    const elapsed = performance.now() - t0;
    expect(result.diagnostics.filter((d) => d.severity === "error")).toHaveLength(50);
    expect(elapsed).toBeLessThan(1500);
  });
});
