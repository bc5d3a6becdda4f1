/**
 * Models with a known answer: the empirical probability that a cap is hit
 * must match the exact probability within a tolerance set by the binomial
 * standard error sqrt(p(1 − p) / N) of a proportion over N scenarios. Four
 * standard errors: a correct simulator fails such a check with probability
 * about 6·10^-5 per seed, so a failure means a bias, not bad luck.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/risk/simulate/index.ts";
import { planOf, POISSON_CAP, termsOf, UNIFORM_CAP } from "./simulate-helpers.ts";

const within = (empirical: string, exact: number, n: number) => {
  const se = Math.sqrt((exact * (1 - exact)) / n);
  return Math.abs(Number(empirical) - exact) <= 4 * se;
};

describe("simulate against known answers", () => {
  const uniform = termsOf(UNIFORM_CAP);

  it("hits a 60 USD cap with probability 4000/10001 when the payment is uniform on 0.00 … 100.00 USD", () => {
    // x takes the 10,001 values 0.00 … 100.00 equally often (no model: the declared range, in cents);
    // the cap cuts the payment exactly when x > 60.00: 4,000 values.
    const n = 4000;
    for (const seed of [1, 2, 3]) {
      const report = simulate(uniform.program, planOf(uniform, {}), { scenarios: n, seed });
      const cap = report.clauses[0]!.cap!;
      expect(within(cap.probability, 4000 / 10001, n)).toBe(true);
      // Every hit is in the only period, and no total exceeds the cap.
      expect(cap.first_hit_period).toMatchObject({ median: 1, earliest: 1, latest: 1, median_start: "2026-01-01" });
      expect(report.clauses[0]!.total.max).toBe("60.00");
      expect(report.pairs).toEqual([{ payer: "a", payee: "b", total: report.clauses[0]!.total }]);
    }
  });

  it("puts the median of the capped payment at its nearest-rank order statistic: p50 near 50, p95 and p99 at the cap", () => {
    const report = simulate(uniform.program, planOf(uniform, {}), { scenarios: 2000, seed: 8 });
    const t = report.clauses[0]!.total;
    // The median of U(0, 100) is 50; its sample median over 2,000 draws has a standard error of about 100 / (2·sqrt(2000)) ≈ 1.1.
    expect(Math.abs(Number(t.p50) - 50)).toBeLessThan(5);
    expect(t.p95).toBe("60.00");
    expect(t.p99).toBe("60.00");
    expect(Number(t.p5)).toBeLessThan(10);
  });

  it("hits an 8-event cap with the Poisson tail P(N ≥ 9) = 0.1527625 when 12 months have 0.5 events each", () => {
    // The count over the term is Poisson(12 × 0.5 = 6); the cap cuts the 9th event's payment:
    // 1 − Σ_{k≤8} e^-6 6^k / k! = 0.15276250601543861.
    const terms = termsOf(POISSON_CAP);
    const plan = planOf(terms, { events: { hit: { rate: "0.5", args: { amount: { low: "1", high: "1" } } } } });
    const n = 4000;
    const report = simulate(terms.program, plan, { scenarios: n, seed: 2026 });
    const clause = report.clauses[0]!;
    expect(within(clause.cap!.probability, 0.15276250601543861, n)).toBe(true);
    // The mean of min(N, 8) for N ~ Poisson(6) is 5.685979; its standard error over 4,000 scenarios is 0.0306.
    expect(Math.abs(Number(clause.total.mean) - 5.685979)).toBeLessThan(4 * 0.0306);
    expect(clause.total.max).toBe("8.00");
  });

  it("moves a ramp deterministically from its first value to its last over the term", () => {
    const terms = termsOf(POISSON_CAP.replace("event hit(amount: USD)", "input r: USD").replace(/clause per_hit[\s\S]*$/, 'clause ramp "Ramp" {\n  a pays b r\n}\n'));
    const report = simulate(terms.program, planOf(terms, { inputs: { r: { path: "ramp", from: "0", to: "110" } } }), { scenarios: 3, seed: 1 });
    // 0, 10, 20, … 110 over 12 months: 660 in every scenario.
    expect(report.clauses[0]!.total).toMatchObject({ min: "660.00", max: "660.00", mean: "660.00" });
  });
});
