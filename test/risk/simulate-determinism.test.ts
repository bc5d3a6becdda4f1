import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { simulateCommand } from "../../src/cli/commands/simulate.ts";
import { reportJson, runScenarios, scenarioInputs, simulate, summarize } from "../../src/risk/simulate/index.ts";
import { settle } from "../../src/runtime/settle.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import { realIo } from "../cli/fake-io.ts";
import { planOf, termsOf } from "./simulate-helpers.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Capacity, utilization mean-reverting and correlated with revenue, a Poisson event with a count bound: every kind of draw. */
const DEAL = `deal "Determinism"

parties {
  vendor: "Vendor"
  operator: "Operator"
  landlord: "Landlord"
}

term 2026-01-01 to 2026-12-31, monthly
currency USD
settle net

units gpu_hour

input capacity_hours: gpu_hour in 0 gpu_hour .. 1_000_000 gpu_hour
input sold_hours: gpu_hour in 0 gpu_hour .. capacity_hours
input revenue: USD in 0 USD ..
event lease_default(missed_rent: USD) at most 2 per contract_year

clause share "Revenue share" {
  operator pays vendor revenue * 10%
}

clause buyback "Buyback" {
  vendor pays operator max(capacity_hours - sold_hours, 0 gpu_hour) * 2.50 USD per gpu_hour
  cap 1 million USD per contract_year
}

clause guarantee "Lease guarantee" {
  on lease_default {
    vendor pays landlord missed_rent
  }
  cap 3 million USD over term
}
`;

const MODEL = {
  inputs: {
    capacity_hours: { path: "random_walk", start: "800000", step: "50000", low: "600000", high: "1000000" },
    sold_hours: { path: "mean_reverting", of: "capacity_hours", start: "0.70", mean: "0.80", speed: "0.25", step: "0.10", high: "1" },
    revenue: { path: "mean_reverting", start: "2000000", mean: "2500000", speed: "0.3", step: "400000", low: "0" },
  },
  correlations: [{ inputs: ["sold_hours", "revenue"], weight: "0.8" }],
  events: { lease_default: { rate: "0.15", args: { missed_rent: { low: "500000", high: "1500000" } } } },
};

const terms = termsOf(DEAL);
const plan = planOf(terms, MODEL);

describe("tenor simulate is reproducible", () => {
  it("gives byte-identical JSON for two runs with the same seed, and different JSON for another seed", () => {
    const a = reportJson(simulate(terms.program, plan, { scenarios: 200, seed: 77 }));
    const b = reportJson(simulate(termsOf(DEAL).program, planOf(termsOf(DEAL), MODEL), { scenarios: 200, seed: 77 }));
    expect(b).toBe(a);
    expect(reportJson(simulate(terms.program, plan, { scenarios: 200, seed: 78 }))).not.toBe(a);
  });

  it("gives the same report however the scenarios are split into batches, and in whatever order the batches come back", () => {
    const whole = reportJson(simulate(terms.program, plan, { scenarios: 200, seed: 77, batch: 200 }));
    const parts = [runScenarios(terms.program, plan, 77, 150, 200), runScenarios(terms.program, plan, 77, 0, 7), runScenarios(terms.program, plan, 77, 7, 150)];
    expect(reportJson(summarize(terms.program, parts, 77))).toBe(whole);
  });

  it("settles each scenario exactly as tenor run settles its data: scenario 5's inputs through settle() give its totals", () => {
    const inputs = scenarioInputs(terms.program, plan, 77, 5);
    const ledger = settle(terms, inputs, { trace: false });
    const batch = runScenarios(terms.program, plan, 77, 5, 6);
    const byClause = new Map<string, bigint>();
    for (const p of ledger.periods) for (const l of p.lines) byClause.set(l.clause, (byClause.get(l.clause) ?? 0n) + BigInt(l.amount.replace(".", "")));
    expect(terms.program.clauses.map((c) => byClause.get(c.name) ?? 0n)).toEqual(batch.clauseTotals.map((col) => col[0]));
    // Each month's share is 10% of that month's revenue in cents, rounded half-even to the cent.
    const cents = (t: string) => BigInt(Decimal.parse(t)!.toFixed(2).replace(".", ""));
    const share = inputs.periods.reduce((sum, r) => {
      const c = cents(r.revenue!);
      const q = c / 10n;
      const rest = c % 10n;
      return sum + (rest > 5n || (rest === 5n && q % 2n === 1n) ? q + 1n : q);
    }, 0n);
    expect(byClause.get("share")).toBe(share);
  });

  it("keeps every drawn value inside its bounds: sold hours never above capacity, revenue in whole cents", () => {
    const rows = scenarioInputs(terms.program, plan, 3, 0).periods;
    expect(rows).toHaveLength(12);
    for (const r of rows) {
      expect(BigInt(r.sold_hours!)).toBeLessThanOrEqual(BigInt(r.capacity_hours!));
      expect(r.revenue).toMatch(/^\d+(\.\d{1,2})?$/);
    }
  });
});

describe("correlated inputs", () => {
  it("move together with weight 1 (one shared shock: equal paths from equal starts) and apart with weight 0", () => {
    const walk = { path: "random_walk", places: 0, start: "500000", step: "100000", low: "0", high: "1000000" };
    const rows = (weight: string) => scenarioInputs(terms.program, planOf(terms, {
      inputs: { capacity_hours: { path: "constant", value: "1000000" }, sold_hours: walk, revenue: walk },
      correlations: [{ inputs: ["sold_hours", "revenue"], weight }],
    }), 4, 0).periods;
    const together = rows("1");
    expect(together.map((r) => r.revenue)).toEqual(together.map((r) => r.sold_hours));
    expect(new Set(together.map((r) => r.sold_hours)).size).toBeGreaterThan(6);
    const apart = rows("0");
    expect(apart.slice(1).some((r) => r.revenue !== r.sold_hours)).toBe(true);
  });
});

describe("tenor simulate on the worker pool", () => {
  beforeAll(async () => {
    const { buildWorker } = (await import(join(root, "scripts", "build-cli.mjs"))) as { buildWorker: () => Promise<void> };
    await buildWorker();
  });

  it("prints the same JSON with 1 worker as with 2 workers in small batches, and as the library in process", async () => {
    const file = join(root, "examples", "coreweave-backstop.tenor");
    const model = join(root, "examples", "coreweave-backstop.scenarios.json");
    const one = realIo();
    expect(await simulateCommand(one.io, file, { scenarios: "120", seed: "9", model, format: "json", workers: "1" }, { stream: null })).toBe(0);
    const two = realIo();
    expect(await simulateCommand(two.io, file, { scenarios: "120", seed: "9", model, format: "json", workers: "2", batch: 7 }, { stream: null })).toBe(0);
    expect(two.out()).toBe(one.out());
    expect(one.err()).toBe("");
    const report = JSON.parse(one.out()) as { scenarios: number; clauses: { clause: string }[] };
    expect(report.scenarios).toBe(120);
    expect(report.clauses.map((c) => c.clause)).toEqual(["residual_purchase", "rent_back"]);
  });

  it("exits 2 with the model's errors naming the field, and 64 for a bad seed", async () => {
    const bad = realIo();
    const dir = join(root, "test", "risk", "fixtures");
    expect(await main(["simulate", join(root, "examples", "coreweave-backstop.tenor"), "--seed", "1", "--scenarios", "5", "--model", join(dir, "bad-model.json")], bad.io)).toBe(2);
    expect(bad.err()).toContain('model: inputs.sold_hours.step: a mean_reverting path needs "step" [TN6202]');
    const usage = realIo();
    expect(await main(["simulate", join(root, "examples", "coreweave-backstop.tenor"), "--seed", "-1"], usage.io)).toBe(64);
    expect(usage.err()).toContain("--seed must be a decimal whole number from 0 to 4294967295");
  });
});
