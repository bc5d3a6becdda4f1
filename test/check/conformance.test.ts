/**
 * The brief's §1 sheet and the shared acceptance cases (read in place from
 * ../shared/conformance when present; never copied into the project).
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { checkText, expectClean } from "./helpers.ts";

const BRIEF_SAMPLE = `deal "Sharon AI - DSX AI Factory"

parties {
  nvidia: "NVIDIA Corporation"
  sharon: "Sharon AI"
  landlord: "Campus lessor"
}

term 2026-07-01 to 2031-06-30, monthly
currency USD, rounding half_even
settle net

units gpu, gpu_hour

input revenue: USD               // gross compute revenue invoiced in the period
input sold_hours: gpu_hour
input capacity_hours: gpu_hour

event lease_default(missed_rent: USD)

const buyback_price = 1.85 USD per gpu_hour
const guaranteed = 20 million USD

schedule share_rate by contract_year, tapering {
  year 1: 15%
  year 2: 12.5%
  year 3: 10%
  year 4 onward: 7.5%
}

clause revenue_share "Revenue share" {
  sharon pays nvidia revenue * share_rate
}

clause capacity_buyback "Capacity buyback" {
  let utilization = sold_hours / capacity_hours
  let unsold = max(capacity_hours - sold_hours, 0 gpu_hour)
  when utilization < 70% for 3 consecutive periods {
    nvidia pays sharon unsold * buyback_price
  }
  cap 25 million USD over term
  until 2028-12-31
}

clause lease_guarantee "Lease guarantee" {
  on lease_default {
    nvidia pays landlord missed_rent
  }
  cap guaranteed over term
}

clause guarantee_fee "Guarantee fee" {
  sharon pays nvidia guaranteed * 0.5% * days / 365
}

clause warrants "Stock purchase rights" {
  at signing {
    sharon grants nvidia 1_000_000 warrants at 12.50 USD
  }
}

test "year two rate applies from the first anniversary" {
  period 2027-07-01 { revenue = 10 million USD, sold_hours = 90 gpu_hour, capacity_hours = 100 gpu_hour }
  expect sharon pays nvidia 1.25 million USD under revenue_share
}
`;

const SHARED = "/work/shared/conformance";
const hasShared = existsSync(SHARED);

describe("the brief's sample sheet", () => {
  it("checks with no diagnostic and lists every declaration", () => {
    const checked = expectClean(BRIEF_SAMPLE);
    expect(checked.clauses.map((c) => c.name.text)).toEqual(["revenue_share", "capacity_buyback", "lease_guarantee", "guarantee_fee", "warrants"]);
    expect(checked.schedules.map((s) => s.name.text)).toEqual(["share_rate"]);
    expect(checked.consts.map((c) => c.name.text)).toEqual(["buyback_price", "guaranteed"]);
    expect(checked.tests).toHaveLength(1);
    expect(checked.header.units).toEqual(["gpu", "gpu_hour"]);
  });
});

describe.skipIf(!hasShared)("the shared conformance deals", () => {
  for (const name of ["taper", "buyback", "guarantee"]) {
    it(`checks ${name}/deal.tenor with no diagnostic`, () => {
      expectClean(readFileSync(`${SHARED}/${name}/deal.tenor`, "utf8"));
    });
  }
});

describe.skipIf(!hasShared)("the shared conformance errors", () => {
  const errorsOf = (file: string) => checkText(readFileSync(`${SHARED}/errors/${file}`, "utf8")).located.filter((d) => d.severity === "error");

  it("reports the unit mismatch of units.tenor on line 17, naming USD and gpu_hour", () => {
    const [d, ...rest] = errorsOf("units.tenor");
    expect(rest).toEqual([]);
    expect([d!.code, d!.line]).toEqual([CHECK.unitMismatch, 17]);
    expect(d!.message).toContain("USD");
    expect(d!.message).toContain("gpu_hour");
  });

  it("reports the unknown name of unknown.tenor on line 19, suggesting share_rate", () => {
    const [d, ...rest] = errorsOf("unknown.tenor");
    expect(rest).toEqual([]);
    expect([d!.code, d!.line]).toEqual([CHECK.unknownName, 19]);
    expect(d!.message).toContain("did you mean share_rate?");
  });

  it("reports the gap of coverage.tenor, naming share_rate", () => {
    const [d, ...rest] = errorsOf("coverage.tenor");
    expect(rest).toEqual([]);
    expect([d!.code, d!.line]).toEqual([CHECK.scheduleGap, 13]);
    expect(d!.message).toContain("share_rate");
  });

  it("reports the rise of tapering.tenor, naming share_rate", () => {
    const [d, ...rest] = errorsOf("tapering.tenor");
    expect(rest).toEqual([]);
    expect([d!.code, d!.line]).toEqual([CHECK.scheduleRises, 15]);
    expect(d!.message).toContain("share_rate");
  });

  it("finds nothing wrong in runtime.tenor (its errors happen at run time)", () => {
    expectClean(readFileSync(`${SHARED}/errors/runtime.tenor`, "utf8"));
  });
});
