/**
 * The day counts of docs/language.md §4 against their published worked
 * examples, as whole numbers (day counts, and the days an actual/actual
 * fraction is made of) so that nothing depends on how a quotient prints:
 *
 * - 30/360, 30E/360 and 30E/360 (ISDA): ISDA's "30/360 Day Count
 *   Conventions" (isda.org, 22 December 2008), Examples 1–3, each with the
 *   Termination Date ISDA gives it;
 * - 30/360 US: the same dates under the SIA rule with the end-of-month
 *   rule (Wikipedia's "30/360 US", the table QuantLib's own tests use
 *   since its fix of 2025);
 * - Actual/Actual (ISDA) and (ICMA): ISDA's "The Actual/Actual Day Count
 *   Fraction" (1999), its examples of regular, short and long periods;
 * - Actual/365L and NL/365, which QuantLib 1.29 does not confirm (it has
 *   no Actual/365L; NL/365 it does, day-counts-quantlib.test.ts): worked
 *   by hand, and against a day-by-day count.
 *
 * Then the entries: their forms, what they read, the checker's rules for
 * the third argument, a deal settled with each, and the bound of each
 * form over a period.
 */
import { describe, expect, it } from "vitest";
import { BUILTINS } from "../../src/builtins/registry.ts";
import type { PeriodDates, TermDates } from "../../src/builtins/builtin.ts";
import { PLAIN_SITE, Refused } from "./site.ts";
import {
  act365lBasis,
  actActIcmaParts,
  actActIsdaDays,
  couponIndex,
  nl365Days,
  thirty360Days,
  thirty360UsDays,
  thirtyE360Days,
  thirtyE360IsdaDays,
} from "../../src/builtins/day-count-rules.ts";
import { act365lFraction, actActIcmaFraction, actActIsdaFraction } from "../../src/builtins/day-counts.ts";
import { CHECK } from "../../src/diagnostics/codes/check.ts";
import { addDays, addMonths, dayNumber, fromDayNumber, isLeapYear, parseDate, type CalendarDate } from "../../src/eval/dates.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import { periodsOfTerm } from "../../src/eval/periods.ts";
import { checkText } from "../check/helpers.ts";
import { ledgerOf, lines } from "../runtime/helpers.ts";

const d = (text: string): CalendarDate => {
  const v = parseDate(text);
  if (v === null) throw new Error(`not a date: ${text}`);
  return v;
};
const ratio = (n: number, m: number) => Decimal.ofInt(n).div(Decimal.ofInt(m));
/** x agrees with a published figure to the places it is printed to. */
const close = (x: Decimal, figure: string) => {
  const places = figure.split(".")[1]?.length ?? 0;
  expect(Math.abs(Number(x.toString()) - Number(figure)), `${x.toString()} against ${figure}`).toBeLessThanOrEqual(0.5 * 10 ** -places + 1e-15);
};

const site = PLAIN_SITE;

type Row = readonly [from: string, to: string, days: number];

describe("30/360 and 30E/360 against ISDA's examples (isda.org, 2008)", () => {
  // Example 1: no end of February; every convention gives 180.
  const example1: Row[] = [
    ["2006-08-20", "2007-02-20", 180], ["2007-02-20", "2007-08-20", 180], ["2007-08-20", "2008-02-20", 180],
    ["2008-02-20", "2008-08-20", 180], ["2008-08-20", "2009-02-20", 180], ["2009-02-20", "2009-08-20", 180],
  ];

  it("counts the bond basis (4.16(f), thirty_360)", () => {
    const rows: Row[] = [
      ...example1,
      ["2006-08-31", "2007-02-28", 178], ["2007-02-28", "2007-08-31", 183], ["2007-08-31", "2008-02-29", 179],
      ["2008-02-29", "2008-08-31", 182], ["2008-08-31", "2009-02-28", 178], ["2009-02-28", "2009-08-31", 183],
      ["2006-01-31", "2006-02-28", 28], ["2006-01-30", "2006-02-28", 28], ["2006-02-28", "2006-03-03", 5],
      ["2006-02-14", "2006-02-28", 14], ["2006-09-30", "2006-10-31", 30], ["2006-10-31", "2006-11-28", 28],
      ["2007-08-31", "2008-02-28", 178], ["2008-02-28", "2008-08-28", 180], ["2008-02-28", "2008-08-30", 182],
      ["2008-02-28", "2008-08-31", 183], ["2007-02-26", "2008-02-28", 362], ["2007-02-26", "2008-02-29", 363],
      ["2008-02-29", "2009-02-28", 359], ["2008-02-28", "2008-03-30", 32], ["2008-02-28", "2008-03-31", 33],
    ];
    for (const [a, b, n] of rows) expect(thirty360Days(d(a), d(b)), `${a} → ${b}`).toBe(n);
  });

  it("counts the Eurobond basis (4.16(g), thirty_e_360)", () => {
    const rows: Row[] = [
      ...example1,
      ["2006-02-28", "2006-08-31", 182], ["2006-08-31", "2007-02-28", 178], ["2007-02-28", "2007-08-31", 182],
      ["2007-08-31", "2008-02-29", 179], ["2008-02-29", "2008-08-31", 181], ["2008-08-31", "2009-02-28", 178],
      ["2009-02-28", "2009-08-31", 182], ["2009-08-31", "2010-02-28", 178], ["2010-02-28", "2010-08-31", 182],
      ["2010-08-31", "2011-02-28", 178], ["2011-02-28", "2011-08-31", 182], ["2011-08-31", "2012-02-29", 179],
      ["2006-01-31", "2006-02-28", 28], ["2006-01-30", "2006-02-28", 28], ["2006-02-28", "2006-03-03", 5],
      ["2006-02-14", "2006-02-28", 14], ["2006-09-30", "2006-10-31", 30], ["2006-10-31", "2006-11-28", 28],
      ["2007-08-31", "2008-02-28", 178], ["2008-02-28", "2008-08-28", 180], ["2008-02-28", "2008-08-30", 182],
      ["2008-02-28", "2008-08-31", 182], ["2007-02-26", "2008-02-28", 362], ["2007-02-26", "2008-02-29", 363],
      ["2008-02-29", "2009-02-28", 359], ["2008-02-28", "2008-03-30", 32], ["2008-02-28", "2008-03-31", 32],
    ];
    for (const [a, b, n] of rows) expect(thirtyE360Days(d(a), d(b)), `${a} → ${b}`).toBe(n);
  });

  it("counts 30E/360 (ISDA) (4.16(h), thirty_e_360_isda), the end of February kept on the Termination Date only", () => {
    const groups: readonly (readonly [termination: string, rows: Row[]])[] = [
      ["2009-08-20", example1],
      ["2012-02-29", [
        ["2006-02-28", "2006-08-31", 180], ["2006-08-31", "2007-02-28", 180], ["2007-02-28", "2007-08-31", 180],
        ["2007-08-31", "2008-02-29", 180], ["2008-02-29", "2008-08-31", 180], ["2008-08-31", "2009-02-28", 180],
        ["2009-02-28", "2009-08-31", 180], ["2009-08-31", "2010-02-28", 180], ["2010-02-28", "2010-08-31", 180],
        ["2010-08-31", "2011-02-28", 180], ["2011-02-28", "2011-08-31", 180],
        ["2011-08-31", "2012-02-29", 179], // the final period: its end is the Termination Date
      ]],
      ["2008-02-29", [
        ["2006-01-31", "2006-02-28", 30], ["2006-01-30", "2006-02-28", 30], ["2006-02-28", "2006-03-03", 3],
        ["2006-02-14", "2006-02-28", 16], ["2006-09-30", "2006-10-31", 30], ["2006-10-31", "2006-11-28", 28],
        ["2007-08-31", "2008-02-28", 178], ["2008-02-28", "2008-08-28", 180], ["2008-02-28", "2008-08-30", 182],
        ["2008-02-28", "2008-08-31", 182], ["2007-02-28", "2008-02-28", 358],
        ["2007-02-28", "2008-02-29", 359], // ends on the Termination Date
        ["2008-02-29", "2009-02-28", 360], ["2008-02-29", "2008-03-30", 30], ["2008-02-29", "2008-03-31", 30],
      ]],
    ];
    for (const [termination, rows] of groups) {
      for (const [a, b, n] of rows) expect(thirtyE360IsdaDays(d(a), d(b), d(termination)), `${a} → ${b}, termination ${termination}`).toBe(n);
    }
    // With no Termination Date, the final period's 29 February counts as the 30th.
    expect(thirtyE360IsdaDays(d("2011-08-31"), d("2012-02-29"), null)).toBe(180);
  });

  it("counts 30/360 US (SIA, end-of-month rule; thirty_360_us) on the same dates", () => {
    const rows: Row[] = [
      ...example1,
      ["2006-08-31", "2007-02-28", 178], ["2007-02-28", "2007-08-31", 180], ["2007-08-31", "2008-02-29", 179],
      ["2008-02-29", "2008-08-31", 180], ["2008-08-31", "2009-02-28", 178], ["2009-02-28", "2009-08-31", 180],
      ["2006-01-31", "2006-02-28", 28], ["2006-01-30", "2006-02-28", 28], ["2006-02-28", "2006-03-03", 3],
      ["2006-02-14", "2006-02-28", 14], ["2006-09-30", "2006-10-31", 30], ["2006-10-31", "2006-11-28", 28],
      ["2007-08-31", "2008-02-28", 178], ["2008-02-28", "2008-08-28", 180], ["2008-02-28", "2008-08-30", 182],
      ["2008-02-28", "2008-08-31", 183], ["2007-02-26", "2008-02-28", 362], ["2007-02-26", "2008-02-29", 363],
      ["2008-02-29", "2009-02-28", 360], ["2008-02-28", "2008-03-30", 32], ["2008-02-28", "2008-03-31", 33],
    ];
    for (const [a, b, n] of rows) expect(thirty360UsDays(d(a), d(b)), `${a} → ${b}`).toBe(n);
    // The rules' order matters: the last of February becomes the 30th before the 31st is looked at.
    expect(thirty360UsDays(d("2007-02-28"), d("2007-03-31"))).toBe(30);
  });

  it("applies the day rules to the dates as written when b is before a", () => {
    expect(thirty360Days(d("2026-03-01"), d("2026-01-31"))).toBe(-30);
    expect(thirtyE360Days(d("2026-03-31"), d("2026-01-31"))).toBe(-60);
    expect(thirtyE360IsdaDays(d("2026-03-01"), d("2026-02-28"), null)).toBe(-1);
    expect(thirty360UsDays(d("2026-03-31"), d("2026-02-28"))).toBe(-32);
  });
});

describe("actual/actual against ISDA's examples (The Actual/Actual Day Count Fraction, 1999)", () => {
  /** [from, to, ISDA's days in leap years, in other years, ISDA's figure, ICMA coupon anchor, frequency, ICMA parts, ICMA's figure]. */
  const cases = [
    // Regular semi-annual period.
    ["2003-11-01", "2004-05-01", 121, 61, "0.497724380567", "2003-11-01", 2, [[182, 182]], "0.5"],
    // Short first period, annual coupons on 1 July: the notional period is 1 July 1998 – 1 July 1999.
    ["1999-02-01", "1999-07-01", 0, 150, "0.410958904110", "1999-07-01", 1, [[150, 365]], "0.410958904110"],
    ["1999-07-01", "2000-07-01", 182, 184, "1.0013773486", "1999-07-01", 1, [[366, 366]], "1"],
    // Long first period, semi-annual coupons on 15 January and 15 July.
    ["2002-08-15", "2003-07-15", 0, 334, "0.915068493151", "2003-01-15", 2, [[153, 184], [181, 181]], "0.915760869565"],
    ["2003-07-15", "2004-01-15", 14, 170, "0.504004790778", "2003-07-15", 2, [[184, 184]], "0.5"],
    // Short final period, semi-annual coupons on 30 January and 30 July.
    ["1999-07-30", "2000-01-30", 29, 155, "0.503892506924", "1999-07-30", 2, [[184, 184]], "0.5"],
    ["2000-01-30", "2000-06-30", 152, 0, "0.415300546448", "1999-07-30", 2, [[152, 182]], "0.417582417582"],
  ] as const;

  it("splits Actual/Actual (ISDA) (4.16(b)) into days of leap years over 366 and days of other years over 365", () => {
    for (const [a, b, leap, common, figure] of cases) {
      expect(actActIsdaDays(d(a), d(b)), `${a} → ${b}`).toEqual({ leap, common });
      const f = actActIsdaFraction(d(a), d(b));
      expect(f.eq(ratio(366 * common + 365 * leap, 365 * 366))).toBe(true);
      close(f, figure);
      // b before a: the same days, negated.
      expect(actActIsdaDays(d(b), d(a))).toEqual({ leap: -leap, common: -common });
    }
  });

  it("cuts Actual/Actual (ICMA) (4.16(c)) at the coupon dates: days / (frequency × the reference period's days)", () => {
    for (const [a, b, , , , anchor, frequency, parts, figure] of cases) {
      expect(actActIcmaParts(d(a), d(b), d(anchor), frequency).map((p) => [p.days, p.periodDays]), `${a} → ${b}`).toEqual(parts);
      close(actActIcmaFraction(d(a), d(b), d(anchor), frequency), figure);
    }
    // A whole period is exactly 1 / frequency, whatever its length.
    expect(actActIcmaFraction(d("2026-01-31"), d("2026-02-28"), d("2026-01-31"), 12).eq(ratio(1, 12))).toBe(true);
    expect(actActIcmaFraction(d("2026-01-31"), d("2026-07-31"), d("2026-01-31"), 2).eq(ratio(1, 2))).toBe(true);
    // The span from b to a is the negated span from a to b.
    expect(actActIcmaFraction(d("2000-06-30"), d("2000-01-30"), d("1999-07-30"), 2).eq(ratio(-152, 364))).toBe(true);
    expect(actActIcmaFraction(d("2026-03-10"), d("2026-03-10"), d("2026-01-31"), 12).isZero()).toBe(true);
  });

  it("takes the coupon dates from the anchor each time, the month's last day where its day does not exist (§6)", () => {
    const anchor = d("2026-01-31");
    expect([0, 1, 2, 3, -1, -11].map((k) => addMonths(anchor, k))).toEqual(
      ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2025-12-31", "2025-02-28"].map(d),
    );
    expect(couponIndex(anchor, 1, d("2026-02-27"))).toBe(0);
    expect(couponIndex(anchor, 1, d("2026-02-28"))).toBe(1);
    expect(couponIndex(anchor, 1, d("2026-03-30"))).toBe(1);
    expect(couponIndex(anchor, 1, d("2026-03-31"))).toBe(2);
    expect(couponIndex(anchor, 3, d("2025-11-01"))).toBe(-1);
    // 10 Feb – 10 Apr monthly from 31 Jan: 18 of February's 28 days, all of March's period, 10 of April's 30.
    expect(actActIcmaParts(d("2026-02-10"), d("2026-04-10"), anchor, 12).map((p) => [p.days, p.periodDays])).toEqual([[18, 28], [31, 31], [10, 30]]);
  });
});

/** 29 Februaries in (a, b], counted day by day. */
function leapDaysByWalking(a: CalendarDate, b: CalendarDate): number {
  let n = 0;
  for (let x = dayNumber(a) + 1; x <= dayNumber(b); x++) {
    const day = fromDayNumber(x);
    if (day.month === 2 && day.day === 29) n++;
  }
  return n;
}

describe("Actual/365L and NL/365, by hand (not ISDA 2006 conventions)", () => {
  it("divides Actual/365L by 366 when b is in a leap year, or, for annual coupons, when a 29 February is after a and on or before b", () => {
    // Semi-annual, 2027-09-15 → 2028-03-15: the end is in 2028, a leap year.
    expect(act365lBasis(d("2027-09-15"), d("2028-03-15"), 2)).toBe(366);
    expect(act365lFraction(d("2027-09-15"), d("2028-03-15"), 2).eq(ratio(182, 366))).toBe(true);
    // Semi-annual, 2028-03-15 → 2028-09-15: in 2028 too, though no 29 February is in it.
    expect(act365lBasis(d("2028-03-15"), d("2028-09-15"), 2)).toBe(366);
    // Monthly, 2027-12-01 → 2028-01-01: the payment date is in 2028.
    expect(act365lFraction(d("2027-12-01"), d("2028-01-01"), 12).eq(ratio(31, 366))).toBe(true);
    // Annual: 2027-06-01 → 2028-06-01 holds 2028-02-29; 2028-06-01 → 2029-06-01 does not, though it starts in a leap year.
    expect(act365lFraction(d("2027-06-01"), d("2028-06-01"), 1).eq(ratio(366, 366))).toBe(true);
    expect(act365lFraction(d("2028-06-01"), d("2029-06-01"), 1).eq(ratio(365, 365))).toBe(true);
    // Annual, the ends on 29 February: after a and on or before b.
    expect(act365lBasis(d("2028-02-29"), d("2029-02-28"), 1)).toBe(365);
    expect(act365lBasis(d("2027-02-28"), d("2028-02-29"), 1)).toBe(366);
    // b before a: the span from b to a.
    expect(act365lFraction(d("2028-06-01"), d("2027-06-01"), 1).eq(ratio(-366, 366))).toBe(true);
  });

  it("counts NL/365 as actual days less the 29 Februaries after a, up to and including b", () => {
    expect(nl365Days(d("2028-02-28"), d("2028-03-01"))).toBe(1); // 2 days, 29 February not counted
    expect(nl365Days(d("2028-02-28"), d("2028-02-29"))).toBe(0);
    expect(nl365Days(d("2028-02-29"), d("2028-03-01"))).toBe(1);
    expect(nl365Days(d("2027-03-01"), d("2028-03-01"))).toBe(365); // a leap year's 366 days
    expect(nl365Days(d("2020-01-01"), d("2030-01-01"))).toBe(3650);
    expect(nl365Days(d("2028-03-01"), d("2028-02-28"))).toBe(-1);
  });

  it("agrees with a day-by-day count over every span of up to 800 days starting 2027–2029 and around 2100", () => {
    const starts = [[d("2027-01-01"), d("2029-12-31")], [d("2099-06-01"), d("2100-06-01")]] as const;
    let spans = 0;
    for (const [first, last] of starts) {
      for (let s = dayNumber(first); s <= dayNumber(last); s += 4) {
        const a = fromDayNumber(s);
        for (let len = 0; len <= 800; len += 11) {
          const b = fromDayNumber(s + len);
          const leapDays = leapDaysByWalking(a, b);
          expect(nl365Days(a, b)).toBe(len - leapDays);
          for (const frequency of [1, 2, 4, 12]) {
            const want = frequency === 1 ? (leapDays > 0 ? 366 : 365) : isLeapYear(b.year) ? 366 : 365;
            expect(act365lBasis(a, b, frequency)).toBe(want);
          }
          spans++;
        }
      }
    }
    expect(spans).toBeGreaterThan(20_000);
  });
});

const TERM: TermDates = { start: d("2027-11-30"), end: d("2028-02-28"), perYear: 12, anchor: d("2027-11-30"), endOfMonth: false };
const periodOf = (start: string, end: string, term: TermDates = TERM): PeriodDates => ({ start: d(start), end: d(end), term });

describe("the day-count entries", () => {
  const NEW = ["act_act_isda", "act_act_icma", "thirty_e_360", "thirty_e_360_isda", "thirty_360_us", "act_365l", "nl_365"] as const;

  it("take no arguments or two dates, and a third where a convention needs one", () => {
    expect(Object.fromEntries(NEW.map((n) => [n, BUILTINS[n].usage]))).toEqual({
      act_act_isda: "act_act_isda() or act_act_isda(from, to)",
      act_act_icma: "act_act_icma() or act_act_icma(from, to) or act_act_icma(from, to, frequency)",
      thirty_e_360: "thirty_e_360() or thirty_e_360(from, to)",
      thirty_e_360_isda: "thirty_e_360_isda() or thirty_e_360_isda(from, to) or thirty_e_360_isda(from, to, termination)",
      thirty_360_us: "thirty_360_us() or thirty_360_us(from, to)",
      act_365l: "act_365l() or act_365l(from, to) or act_365l(from, to, frequency)",
      nl_365: "nl_365() or nl_365(from, to)",
    });
  });

  it("read the term in the forms that take the frequency or the Termination Date from the deal, and nothing with the third argument", () => {
    for (const name of ["act_act_icma", "thirty_e_360_isda", "act_365l"] as const) {
      const fn = BUILTINS[name];
      expect([...fn.readsPeriod(0)]).toEqual(["period_start", "period_end", "term"]);
      expect([...fn.readsPeriod(2)]).toEqual(["term"]);
      expect([...fn.readsPeriod(3)]).toEqual([]);
    }
    for (const name of ["act_act_isda", "thirty_e_360", "thirty_360_us", "nl_365"] as const) {
      expect([...BUILTINS[name].readsPeriod(0)]).toEqual(["period_start", "period_end"]);
      expect([...BUILTINS[name].readsPeriod(2)]).toEqual([]);
    }
  });

  it("evaluate over a period with the term's frequency, coupon dates and Termination Date", () => {
    const last = periodOf("2028-01-30", "2028-02-28"); // b = 2028-02-29, the day after the term's end
    const value = (name: keyof typeof BUILTINS, args: readonly (CalendarDate | Decimal)[], period: PeriodDates | null) =>
      BUILTINS[name].evaluate(args, site, period) as Decimal;
    expect(value("thirty_e_360_isda", [], last).eq(ratio(29, 360))).toBe(true); // 29 February kept: the Termination Date
    expect(value("thirty_e_360_isda", [d("2028-01-30"), d("2028-02-29")], last).eq(ratio(29, 360))).toBe(true);
    expect(value("thirty_e_360_isda", [d("2028-01-30"), d("2028-02-29"), d("2030-01-01")], null).eq(ratio(30, 360))).toBe(true);
    expect(value("act_act_icma", [], last).eq(ratio(1, 12))).toBe(true);
    // From the 10th of December to the 10th of February, coupon dates on the 30th (29 February 2028 for February).
    expect(value("act_act_icma", [d("2027-12-10"), d("2028-02-10")], last).eq(
      ratio(20, 12 * 30).add(ratio(1, 12)).add(ratio(11, 12 * 30)),
    )).toBe(true);
    expect(value("act_act_icma", [d("2027-12-10"), d("2028-02-10"), Decimal.ofInt(12)], null).eq(ratio(2, 12))).toBe(true);
    expect(value("act_365l", [], last).eq(ratio(30, 366))).toBe(true);
    expect(value("act_365l", [d("2027-03-01"), d("2027-12-01")], last).eq(ratio(275, 365))).toBe(true);
    expect(value("act_365l", [d("2027-03-01"), d("2028-03-01"), Decimal.ONE], null).eq(ratio(366, 366))).toBe(true);
    expect(value("nl_365", [], last).eq(ratio(29, 365))).toBe(true);
    expect(value("act_act_isda", [], periodOf("2027-12-30", "2028-01-29")).eq(ratio(2, 365).add(ratio(29, 366)))).toBe(true);
    // A short last period: its reference period is the whole month it would have been.
    const stub = { start: d("2028-03-31"), end: d("2028-04-14"), term: { ...TERM, start: d("2028-01-31"), end: d("2028-04-14"), anchor: d("2028-01-31") } };
    expect(value("act_act_icma", [], stub).eq(ratio(15, 12 * 30))).toBe(true);
    expect(value("thirty_e_360_isda", [], stub).eq(ratio(15, 360))).toBe(true);
  });

  it("fail, rather than guess, when a form that reads the term has none (a bare period)", () => {
    const bare: PeriodDates = { start: d("2028-01-30"), end: d("2028-02-28") };
    for (const name of ["act_act_icma", "thirty_e_360_isda", "act_365l"] as const) {
      expect(() => BUILTINS[name].evaluate([], site, bare)).toThrow(Refused);
      expect(() => BUILTINS[name].evaluate([d("2028-01-30"), d("2028-02-29")], site, null)).toThrow(Refused);
    }
    expect(() => BUILTINS.act_act_isda.evaluate([], site, null)).toThrow(Refused);
    expect(BUILTINS.act_act_isda.evaluate([], site, bare)).toBeInstanceOf(Decimal);
  });

  it("say in English what the third argument is", () => {
    expect(BUILTINS.act_act_icma.english(["A", "B", "C"])).toBe("the fraction of a year from A up to B (actual/actual ICMA, C coupons a year from A)");
    expect(BUILTINS.thirty_e_360_isda.english(["A", "B", "C"])).toBe("the fraction of a year from A up to B (30E/360 ISDA, termination date C)");
    expect(BUILTINS.act_365l.english(["A", "B"])).toBe("the fraction of a year from A up to B (actual/365L, with the deal's coupon frequency)");
    expect(BUILTINS.thirty_e_360_isda.english([])).toBe("the period's length as a fraction of a year (30E/360 ISDA, with the deal's termination date)");
  });
});

describe("the day counts in the checker", () => {
  const HEADER = `deal "Day counts"
parties {
  a: "A"
  b: "B"
}
term 2027-11-30 to 2028-02-28, monthly
currency USD
input n: number
`;
  const diagnostics = (body: string) => checkText(HEADER + body).located.map((x) => [x.code, x.message]);

  it("fold the forms with every argument explicit into constants, even a tapering schedule's", () => {
    expect(diagnostics(`const semi = act_act_icma(2027-11-30, 2028-02-10, 2) + act_365l(2027-06-01, 2028-06-01, 1)
const last = thirty_e_360_isda(2028-01-30, 2028-02-29, 2028-02-29) + act_act_isda(2027-12-30, 2028-01-30) + nl_365(2027-12-30, 2028-03-01)
const us = thirty_e_360(2028-01-31, 2028-03-31) + thirty_360_us(2028-02-29, 2028-03-31)
schedule s by contract_year, tapering { year 1 onward: semi + last + us }
clause c { a pays b 1 USD * s }
`)).toEqual([]);
  });

  it("refuse the forms that read the term where the period may not be read (a const)", () => {
    expect(diagnostics(`const f = act_365l(2027-06-01, 2028-06-01)
clause c { a pays b 1 USD * f }
`).map(([code]) => code)).toEqual([CHECK.notConstant]);
    expect(diagnostics(`const f = thirty_e_360_isda()
clause c { a pays b 1 USD * f }
`).map(([code]) => code)).toEqual([CHECK.notConstant]);
  });

  it("want a constant frequency of 1, 2, 3, 4, 6 or 12 coupons a year, and a date as the Termination Date", () => {
    const want = "act_act_icma needs its third argument to be the coupon frequency, a constant 1, 2, 3, 4, 6 or 12 (coupons a year)";
    expect(diagnostics(`clause c { a pays b 1 USD * act_act_icma(period_start, period_end, 5) }
`)).toEqual([[CHECK.invalidOperand, `${want}, but it is 5`]]);
    expect(diagnostics(`clause c { a pays b 1 USD * act_act_icma(period_start, period_end, n) }
`)).toEqual([[CHECK.invalidOperand, `${want}, but n is not known before the run`]]);
    expect(diagnostics(`clause c { a pays b 1 USD * act_act_icma(period_start, period_end, 2 USD) }
`)).toEqual([[CHECK.invalidOperand, `${want}, but it is in USD`]]);
    expect(diagnostics(`clause c { a pays b 1 USD * act_365l(period_start, period_end, 2.5) }
`).map(([code]) => code)).toEqual([CHECK.invalidOperand]);
    expect(diagnostics(`clause c { a pays b 1 USD * thirty_e_360_isda(period_start, period_end, 3) }
`)).toEqual([[CHECK.invalidOperand, "thirty_e_360_isda needs a date as its third argument (the termination date), but argument 3 is a plain number"]]);
    expect(diagnostics(`clause c { a pays b 1 USD * thirty_e_360(period_start, period_end, 3) }
`).map(([code]) => code)).toEqual([CHECK.wrongArgumentCount]);
    expect(diagnostics(`clause c { a pays b 1 USD * act_act_icma(period_start) }
`).map(([code]) => code)).toEqual([CHECK.wrongArgumentCount]);
  });
});

describe("a deal settled with every day count", () => {
  // Monthly from 30 November 2027 to 28 February 2028: the last period runs up to 29 February, the Termination Date.
  const source = `deal "Day counts"
parties {
  a: "A"
  b: "B"
}
term 2027-11-30 to 2028-02-28, monthly
currency USD
input n: number

clause bond { a pays b 360 USD * thirty_360() }
clause euro { a pays b 360 USD * thirty_e_360() }
clause euro_isda { a pays b 360 USD * thirty_e_360_isda() }
clause euro_isda_no_end { a pays b 360 USD * thirty_e_360_isda(period_start, period_end + 1 days, 2099-01-01) }
clause us { a pays b 360 USD * thirty_360_us() }
clause icma { a pays b 24 USD * act_act_icma() }
clause isda { a pays b 133590 USD * act_act_isda() }
clause l { a pays b 133590 USD * act_365l() }
clause l_annual { a pays b 133590 USD * act_365l(period_start, period_end + 1 days, 1) }
clause nl { a pays b 365 USD * nl_365() }
`;
  it("gives each period its count", () => {
    const all = lines(ledgerOf(source, ["2027-11-30", "2027-12-30", "2028-01-30"].map((period) => ({ period, n: "1" }))));
    expect(all).toEqual([
      // 2027-11-30 up to 2027-12-30: 30 days, all in 2027.
      "1 bond a>b 30.00 30.00",
      "1 euro a>b 30.00 30.00",
      "1 euro_isda a>b 30.00 30.00",
      "1 euro_isda_no_end a>b 30.00 30.00",
      "1 us a>b 30.00 30.00",
      "1 icma a>b 2.00 2.00",
      "1 isda a>b 10980.00 10980.00", // 30 / 365
      "1 l a>b 10980.00 10980.00", // 30 / 365: b in 2027
      "1 l_annual a>b 10980.00 10980.00",
      "1 nl a>b 30.00 30.00",
      // 2027-12-30 up to 2028-01-30: 2 days in 2027, 29 in 2028.
      "2 bond a>b 30.00 30.00",
      "2 euro a>b 30.00 30.00",
      "2 euro_isda a>b 30.00 30.00",
      "2 euro_isda_no_end a>b 30.00 30.00",
      "2 us a>b 30.00 30.00",
      "2 icma a>b 2.00 2.00",
      "2 isda a>b 11317.00 11317.00", // 2 / 365 + 29 / 366
      "2 l a>b 11315.00 11315.00", // 31 / 366: b in 2028
      "2 l_annual a>b 11346.00 11346.00", // 31 / 365: no 29 February in it
      "2 nl a>b 31.00 31.00",
      // 2028-01-30 up to 2028-02-29, the Termination Date.
      "3 bond a>b 29.00 29.00",
      "3 euro a>b 29.00 29.00",
      "3 euro_isda a>b 29.00 29.00", // D2 = 29: the Termination Date keeps the end of February
      "3 euro_isda_no_end a>b 30.00 30.00",
      "3 us a>b 29.00 29.00",
      "3 icma a>b 2.00 2.00",
      "3 isda a>b 10950.00 10950.00", // 30 / 366
      "3 l a>b 10950.00 10950.00",
      "3 l_annual a>b 10950.00 10950.00", // 30 / 366: 29 February is its last day
      "3 nl a>b 29.00 29.00",
    ]);
  });

  it("traces period_start and period_end, and nothing for the term", () => {
    const ledger = ledgerOf(source, ["2027-11-30", "2027-12-30", "2028-01-30"].map((period) => ({ period, n: "1" })));
    const icma = ledger.periods[0]!.lines.find((l) => l.clause === "icma")!;
    expect(icma.trace.map((t) => t.name)).toEqual(["period_start", "period_end"]);
  });

  it("takes ICMA's coupon dates from the term's own period dates: forward, backward (a first stub), end of month", () => {
    const src = (term: string) => `deal "Coupons"
parties {
  a: "A"
  b: "B"
}
term ${term}
currency USD
input n: number
clause icma { a pays b 372 USD * act_act_icma() }
clause mid { a pays b 372 USD * act_act_icma(2026-05-10, 2026-05-20) }
`;
    const run = (term: string, periods: readonly string[]) => lines(ledgerOf(src(term), periods.map((period) => ({ period, n: "1" }))));
    // Backward from 1 October: coupon dates on the 1st; the first period, 15–31 July, is 17 of July's 31 days.
    expect(run("2026-07-15 to 2026-09-30, monthly, backward", ["2026-07-15", "2026-08-01", "2026-09-01"])).toEqual([
      "1 icma a>b 17.00 17.00", "1 mid a>b 10.00 10.00", // 17 / (12 × 31); 10 / (12 × 31) in May's period
      "2 icma a>b 31.00 31.00", "2 mid a>b 10.00 10.00",
      "3 icma a>b 31.00 31.00", "3 mid a>b 10.00 10.00",
    ]);
    // From 30 April with end_of_month, May's period runs to 31 May (31 days); without, to 30 May (30 days).
    expect(run("2026-04-30 to 2026-06-29, monthly, end_of_month", ["2026-04-30", "2026-05-31"])).toEqual([
      "1 icma a>b 31.00 31.00", "1 mid a>b 10.00 10.00", "2 icma a>b 31.00 31.00", "2 mid a>b 10.00 10.00",
    ]);
    expect(run("2026-04-30 to 2026-06-29, monthly", ["2026-04-30", "2026-05-30"])).toEqual([
      "1 icma a>b 31.00 31.00", "1 mid a>b 10.33 10.33", "2 icma a>b 31.00 31.00", "2 mid a>b 10.33 10.33",
    ]);
  });

  it("counts a month from the 31st under thirty_360() as 28/360 then 33/360, not 30/360", () => {
    const monthEnds = `deal "Month ends"
parties {
  a: "A"
  b: "B"
}
term 2027-01-31 to 2027-04-29, monthly
currency USD
input n: number
clause bond { a pays b 360 USD * thirty_360() }
`;
    const rows = ["2027-01-31", "2027-02-28", "2027-03-31"].map((period) => ({ period, n: "1" }));
    expect(lines(ledgerOf(monthEnds, rows))).toEqual(["1 bond a>b 28.00 28.00", "2 bond a>b 33.00 33.00", "3 bond a>b 30.00 30.00"]);
  });
});

describe("the bound of each day count over a period", () => {
  const first = dayNumber(d("2020-01-01"));
  const last = dayNumber(d("2031-12-31"));
  /** Every span of 1 to 366 days starting 2020–2031 and 2099–2101 (every `step`th day): what a period is. */
  function* spans(step = 1): Generator<readonly [CalendarDate, CalendarDate]> {
    for (const [lo, hi] of [[first, last], [dayNumber(d("2099-01-01")), dayNumber(d("2101-12-31"))]] as const) {
      for (let s = lo; s <= hi; s += step) for (let len = 1; len <= 366; len++) yield [fromDayNumber(s), fromDayNumber(s + len)];
    }
  }

  it("holds for the 30/360 family: at least 0 days, at most 363 (361 for 30/360 US), which some span reaches", () => {
    const count = {
      thirty_e_360: (a: CalendarDate, b: CalendarDate) => thirtyE360Days(a, b),
      thirty_e_360_isda: (a: CalendarDate, b: CalendarDate) => Math.max(thirtyE360IsdaDays(a, b, null), thirtyE360IsdaDays(a, b, b)),
      thirty_360_us: (a: CalendarDate, b: CalendarDate) => thirty360UsDays(a, b),
    };
    const most: Record<string, number> = {};
    let least = Infinity;
    for (const [a, b] of spans()) {
      for (const [name, f] of Object.entries(count)) {
        const n = f(a, b);
        most[name] = Math.max(most[name] ?? -Infinity, n);
        least = Math.min(least, name === "thirty_e_360_isda" ? Math.min(thirtyE360IsdaDays(a, b, null), thirtyE360IsdaDays(a, b, b)) : n);
      }
    }
    expect(most).toEqual({ thirty_e_360: 363, thirty_e_360_isda: 363, thirty_360_us: 361 });
    expect(least).toBe(0);
    for (const [name, n] of Object.entries(most)) {
      const iv = BUILTINS[name as keyof typeof BUILTINS].interval([], site);
      expect(iv.lo!.isZero() && iv.hi!.eq(ratio(n, 360)), name).toBe(true);
    }
  });

  it("holds for the actual-day counts: at least 0, at most 366/365 (spans from every fifth day)", () => {
    for (const name of ["act_act_isda", "act_365l", "nl_365"] as const) {
      const iv = BUILTINS[name].interval([], site);
      expect(iv.lo!.isZero() && iv.hi!.eq(ratio(366, 365)), name).toBe(true);
    }
    let most = 0;
    for (const [a, b] of spans(5)) {
      const { leap, common } = actActIsdaDays(a, b);
      most = Math.max(most, (366 * common + 365 * leap) / (365 * 366), nl365Days(a, b) / 365, (dayNumber(b) - dayNumber(a)) / act365lBasis(a, b, 12));
      expect(nl365Days(a, b)).toBeGreaterThanOrEqual(0);
    }
    expect(most).toBeLessThanOrEqual(366 / 365);
  });

  it("holds for act_act_icma() over every period of monthly, quarterly and annual terms from every day of 2027–2028", () => {
    const hi = BUILTINS.act_act_icma.interval([], site).hi!;
    expect(hi.eq(Decimal.ONE)).toBe(true);
    for (let s = dayNumber(d("2027-01-01")); s <= dayNumber(d("2028-12-31")); s += 1) {
      const start = fromDayNumber(s);
      for (const [frequency, name] of [[12, "monthly"], [4, "quarterly"], [1, "annually"]] as const) {
        const end = addDays(addMonths(start, 25), -5);
        const term = { start, end, perYear: frequency, anchor: start, endOfMonth: false };
        for (const p of periodsOfTerm(`${start.year}-${String(start.month).padStart(2, "0")}-${String(start.day).padStart(2, "0")}`, `${end.year}-${String(end.month).padStart(2, "0")}-${String(end.day).padStart(2, "0")}`, name)) {
          const v = BUILTINS.act_act_icma.evaluate([], site, { start: d(p.start), end: d(p.end), term }) as Decimal;
          expect(v.gt(Decimal.ZERO) && v.lte(ratio(1, frequency)), `${p.start} – ${p.end}`).toBe(true);
        }
      }
    }
  });
});
