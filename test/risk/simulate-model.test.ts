import { describe, expect, it } from "vitest";
import { SIMULATE } from "../../src/diagnostics/codes/simulate.ts";
import { planModel, simulate, SimulateError } from "../../src/risk/simulate/index.ts";
import { planOf, termsOf, UNIFORM_CAP } from "./simulate-helpers.ts";

const TWO_INPUTS = `deal "Two inputs"

parties {
  a: "Payer"
  b: "Payee"
}

term 2026-01-01 to 2026-06-30, monthly
currency USD

units gpu_hour

input capacity_hours: gpu_hour in 0 gpu_hour .. 1000 gpu_hour
input sold_hours: gpu_hour in 0 gpu_hour .. capacity_hours
event outage(credit: USD) at most 2 per term

clause unsold "Unsold" {
  a pays b (capacity_hours - sold_hours) * 1 USD per gpu_hour
}

clause credits "Credits" {
  on outage {
    a pays b credit
  }
}
`;

const terms = termsOf(TWO_INPUTS);
const errors = (model: unknown) => planModel(terms.program, model).diagnostics.map((d) => [d.code, d.field]);

describe("a scenario model", () => {
  it("that is not JSON is TN6201", () => {
    expect(errors("{ inputs: ")).toEqual([[SIMULATE.modelNotJson, "(file)"]]);
  });

  it("names the field of every defect at once: a misspelt field, an unknown path, a value that is not a decimal", () => {
    expect(errors({
      inputs: {
        capacity_hours: { path: "constant", value: "1000", vaule: "1" },
        sold_hours: { path: "brownian" },
      },
      events: { outage: { rate: "fast", args: { credit: { low: "1", high: "x" } } } },
    })).toEqual([
      [SIMULATE.unknownField, "inputs.capacity_hours.vaule"],
      [SIMULATE.unknownPath, "inputs.sold_hours.path"],
      [SIMULATE.badRate, "events.outage.rate"],
      [SIMULATE.notADecimal, "events.outage.args.credit.high"],
    ]);
  });

  it("refuses inputs and events the terms do not declare, and an event argument without a range", () => {
    expect(errors({ inputs: { revenue: { path: "constant", value: "1" } }, events: { default: { rate: "1" }, outage: { rate: "0.5" } } })).toEqual([
      [SIMULATE.unknownInput, "inputs.revenue"],
      [SIMULATE.unknownEvent, "events.default"],
      [SIMULATE.badEventArgument, "events.outage.args.credit"],
    ]);
  });

  it("refuses reversed bounds, more decimal places than the path has, and a speed above 1", () => {
    expect(errors({
      inputs: {
        capacity_hours: { path: "random_walk", start: "500", step: "10.5", low: "900", high: "100" },
        sold_hours: { path: "mean_reverting", of: "capacity_hours", start: "0.5", mean: "0.7", speed: "1.5", step: "0.1" },
      },
    })).toEqual([
      [SIMULATE.badPlaces, "inputs.capacity_hours.step"],
      [SIMULATE.boundsReversed, "inputs.capacity_hours.low"],
      [SIMULATE.notADecimal, "inputs.sold_hours.speed"],
    ]);
  });

  it("refuses a correlation of fewer than two inputs, of a path without shocks, or with a weight outside 0 to 1", () => {
    expect(errors({
      inputs: { capacity_hours: { path: "constant", value: "1000" }, sold_hours: { path: "random_walk", start: "500", step: "50" } },
      correlations: [{ inputs: ["sold_hours"], weight: "0.5" }, { inputs: ["capacity_hours", "sold_hours"], weight: "2" }],
    })).toEqual([
      [SIMULATE.badCorrelation, "correlations[0].inputs"],
      [SIMULATE.notADecimal, "correlations[1].weight"],
      [SIMULATE.badCorrelation, "correlations[1].inputs[0]"],
    ]);
  });

  it("refuses bounds that need each other in a circle", () => {
    expect(errors({
      inputs: {
        capacity_hours: { path: "uniform", low: "0", high: "sold_hours" },
        sold_hours: { path: "uniform", low: "0", high: "1000" },
      },
    })).toEqual([[SIMULATE.boundCycle, "inputs.capacity_hours"]]);
  });

  it("needs a path for an input whose range is not declared at both ends (TN6208)", () => {
    const open = termsOf(UNIFORM_CAP.replace("input x: USD in 0 USD .. 100 USD", "input x: USD in 0 USD .."));
    const d = planModel(open.program, {}).diagnostics;
    expect(d.map((x) => [x.code, x.field])).toEqual([[SIMULATE.inputNotModelled, "inputs.x"]]);
    expect(d[0]!.message).toBe('model: inputs.x: no path for input "x", and the terms declare no range for it to draw from: give it a path');
  });

  it("without a model draws every input with a declared range uniformly within it, a bound of another input's value included", () => {
    const report = simulate(terms.program, planOf(terms, {}), { scenarios: 200, seed: 5 });
    const unsold = report.clauses[0]!.total;
    // Six months of capacity − sold, each from 0 to 1,000 hours at 1 USD: never negative, at most 6,000.
    expect(BigInt(unsold.min.replace(".", ""))).toBeGreaterThanOrEqual(0n);
    expect(BigInt(unsold.max.replace(".", ""))).toBeLessThanOrEqual(600000n);
    expect(report.clauses[1]!.total.max).toBe("0.00");
  });

  it("an empty range in a period is a SimulateError naming the input (TN6215)", () => {
    const plan = planOf(terms, { inputs: { capacity_hours: { path: "constant", value: "100" }, sold_hours: { path: "uniform", low: "200", high: "300" } } });
    let caught: unknown;
    try {
      simulate(terms.program, plan, { scenarios: 1, seed: 0 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SimulateError);
    expect((caught as SimulateError).code).toBe(SIMULATE.emptyRange);
    expect((caught as SimulateError).field).toBe("inputs.sold_hours");
  });

  it("bad run options are SimulateErrors naming the option", () => {
    const plan = planOf(terms, {});
    expect(() => simulate(terms.program, plan, { scenarios: 0, seed: 1 })).toThrow(/number of scenarios must be a whole number from 1/);
    expect(() => simulate(terms.program, plan, { scenarios: 1, seed: 2 ** 32 })).toThrow(/seed must be a whole number from 0 to 4294967295/);
  });

  it("keeps events within their declared count: at most 2 outages over the term, however high the rate", () => {
    const plan = planOf(terms, { events: { outage: { rate: "5", args: { credit: { low: "10", high: "10" } } } } });
    const report = simulate(terms.program, plan, { scenarios: 50, seed: 9 });
    // Rate 5 a month over 6 months: every scenario reaches the bound, 2 × 10 USD.
    expect(report.clauses[1]!.total).toMatchObject({ min: "20.00", max: "20.00", mean: "20.00" });
  });
});
