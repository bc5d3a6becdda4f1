import { describe, expect, it } from "vitest";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { checkText, expectClean, expectOne, sheet } from "./helpers.ts";

/** A schedule `s` with the given basis and entries, used by one clause. The header's term has 3 contract years, 36 periods. */
function sched(basis: string, entries: string): string {
  return sheet(`schedule share_rate by ${basis} {\n${entries}}\nclause c {\n  sharon pays nvidia revenue * share_rate\n}\n`);
}

describe("schedule coverage", () => {
  it("accepts contract years covered exactly once", () => {
    expectClean(sched("contract_year", "  year 1: 15%\n  year 2 to 2: 12%\n  year 3 onward: 10%\n"));
  });

  it("reports a contract year no entry covers, at the schedule's name", () => {
    const d = expectOne(sched("contract_year", "  year 1: 15%\n  year 3: 10%\n"), CHECK.scheduleGap, "share_rate by");
    expect(d.message).toBe("share_rate does not cover contract year 2: every contract year of the term (1 to 3) needs exactly one entry");
  });

  it("reports the uncovered years at the end of the term as one range", () => {
    const d = expectOne(sched("contract_year", "  year 1: 15%\n"), CHECK.scheduleGap, "share_rate by");
    expect(d.message).toContain("does not cover contract years 2 to 3");
  });

  it("reports a contract year covered twice, naming both entries", () => {
    const text = sched("contract_year", "  year 1 to 2: 15%\n  year 2 onward: 10%\n");
    const { result } = checkText(text);
    const d = expectOne(text, CHECK.scheduleOverlap, "share_rate by");
    expect(d.message).toBe("share_rate covers contract year 2 twice: year 1 to 2 and year 2 onward overlap");
    expect(result.diagnostics[0]!.related).toHaveLength(2);
  });

  it("warns about an entry beyond the term", () => {
    const d = expectOne(sched("contract_year", "  year 1 onward: 15%\n  year 5: 1%\n"), CHECK.scheduleEntryNeverApplies, "year 5", "warning");
    expect(d.message).toBe("year 5 never applies: the term has 3 contract years");
  });

  it("reports keys that are not whole numbers from 1, or empty ranges", () => {
    expectOne(sched("contract_year", "  year 0: 15%\n  year 1 onward: 10%\n"), CHECK.invalidScheduleKey, "0:");
    expectOne(sched("contract_year", "  year 1.5: 15%\n  year 1 onward: 10%\n"), CHECK.invalidScheduleKey, "1.5");
    expectOne(sched("contract_year", "  year 3 to 2: 15%\n  year 1 onward: 10%\n"), CHECK.invalidScheduleKey, "year 3 to 2");
  });

  it("counts periods for schedules by period", () => {
    expectClean(sched("period", "  period 1 to 12: 15%\n  period 13 onward: 10%\n"));
    const d = expectOne(sched("period", "  period 1 to 12: 15%\n  period 14 to 36: 10%\n"), CHECK.scheduleGap, "share_rate by");
    expect(d.message).toBe("share_rate does not cover period 13: every period of the term (1 to 36) needs exactly one entry");
  });

  it("covers every period start for schedules by date", () => {
    expectClean(sched("date", "  2026-07-01 to 2027-06-30: 15%\n  2027-07-01 onward: 10%\n"));
    const d = expectOne(sched("date", "  2026-07-01 to 2026-12-31: 15%\n  2027-03-01 onward: 10%\n"), CHECK.scheduleGap, "share_rate by");
    expect(d.message).toBe("share_rate does not cover the periods starting 2027-01-01 to 2027-02-01: every period start of the term needs exactly one entry");
  });

  it("reports date entries that overlap", () => {
    const d = expectOne(sched("date", "  2026-07-01 to 2027-06-30: 15%\n  2027-06-01 onward: 10%\n"), CHECK.scheduleOverlap, "share_rate by");
    expect(d.message).toContain("both cover 2027-06-01");
  });

  it("warns about a date entry in which no period starts", () => {
    expectOne(
      sched("date", "  2026-07-01 to 2026-07-10: 15%\n  2026-07-11 to 2026-07-20: 12%\n  2026-07-21 onward: 10%\n"),
      CHECK.scheduleEntryNeverApplies,
      "2026-07-11",
      "warning",
    );
  });

  it("reports a date key in a schedule by contract year", () => {
    expectOne(sched("contract_year", "  2026-07-01 onward: 15%\n"), CHECK.invalidScheduleKey, "2026-07-01 onward");
  });

  it("reports an impossible date in a key", () => {
    expectOne(sched("date", "  2026-07-01 to 2027-02-29: 15%\n  2027-03-01 onward: 10%\n"), CHECK.invalidDate, "2027-02-29");
  });

  it("reports values of different units at the odd one", () => {
    const d = expectOne(sched("contract_year", "  year 1: 15%\n  year 2 onward: 5 USD\n"), CHECK.scheduleValueMismatch, "5 USD");
    expect(d.message).toBe("every value of share_rate must have the same unit, but year 1 is number and year 2 onward is USD");
  });
});

describe("tapering schedules", () => {
  it("accepts values that never rise, computed from consts", () => {
    expectClean(sheet(`const top = 15%\nschedule share_rate by contract_year, tapering {\n  year 1: top\n  year 2: top - 2.5%\n  year 3 onward: top - 2.5%\n}\nclause c {\n  sharon pays nvidia revenue * share_rate\n}\n`));
  });

  it("reports the first rise, naming both years and values", () => {
    const d = expectOne(sched("contract_year, tapering", "  year 1: 10%\n  year 2: 12%\n  year 3 onward: 8%\n"), CHECK.scheduleRises, "12%");
    expect(d.message).toBe("share_rate rises from 10% in year 1 to 12% in year 2; a tapering schedule must never increase");
  });

  it("compares entries in key order, not source order", () => {
    const d = expectOne(sched("contract_year, tapering", "  year 3 onward: 12%\n  year 1 to 2: 10%\n"), CHECK.scheduleRises, "12%");
    expect(d.message).toContain("rises from 10% in year 1 to 2 to 12% in year 3 onward");
  });

  it("compares exact decimals", () => {
    const d = expectOne(sched("contract_year, tapering", "  year 1: 0.1\n  year 2 onward: 0.10000000000000000000001\n"), CHECK.scheduleRises, "0.10000000000000000000001");
    expect(d.message).toContain("rises from 0.1 in year 1");
  });

  it("reports tapering values that are not constants", () => {
    const d = expectOne(
      sched("contract_year, tapering", "  year 1: 10%\n  year 2 onward: sold_hours / capacity_hours\n"),
      CHECK.taperingNotConstant,
      "sold_hours / capacity_hours",
    );
    expect(d.message).toContain("share_rate is tapering, so its values must be constants");
  });
});
