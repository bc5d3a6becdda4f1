/**
 * The brief's §1 sheet and the shared acceptance cases (read in place from
 * ../shared/conformance when present; never copied into the project).
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { checkText, expectClean } from "./helpers.ts";

const BRIEF_SAMPLE = readFileSync(new URL("../fixtures/brief-sample.tenor", import.meta.url), "utf8");

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
