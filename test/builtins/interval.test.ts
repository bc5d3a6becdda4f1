/**
 * The interval rules of the built-ins (`Builtin.interval`, read by `tenor
 * bound`) are sound: whatever values the arguments take inside their
 * intervals, the value `evaluate` gives lies inside the interval the rule
 * returns (a null end is unbounded). And where the rule can be exact — a
 * point interval for min, max, abs, round, floor, ceil, convert — it is.
 *
 * Each property draws argument intervals and a point inside each, evaluates
 * the entry at the points (with a CallSite whose `fail` throws: a call the
 * runtime would refuse has no value, so it proves nothing either way), and
 * checks the value against the rule's interval over those intervals.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { Builtin, CallSite, Interval, PeriodDates, TableRows, TierRow, Value } from "../../src/builtins/builtin.ts";
import { MAX_COMPOUND_PERIODS } from "../../src/builtins/compound.ts";
import { thirty360Days } from "../../src/builtins/day-counts.ts";
import { BUILTINS } from "../../src/builtins/registry.ts";
import { addDays, dateOf, dayNumber, formatDate, fromDayNumber, type CalendarDate } from "../../src/eval/dates.ts";
import { Decimal, DecimalLimitError } from "../../src/eval/decimal.ts";
import type { RoundingMode } from "../../src/ir/ir.ts";

/** Runs per built-in (and per form of it). */
const RUNS = 2000;

const D = (text: string): Decimal => {
  const d = Decimal.parse(text);
  if (d === null) throw new Error(`not a decimal: ${text}`);
  return d;
};

const date = (y: number, m: number, d: number): CalendarDate => dateOf(y, m, d)!;

/** m × 10^−scale as plain decimal text. */
function scaled(m: bigint, scale: number): string {
  const digits = (m < 0n ? -m : m).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return (m < 0n ? "-" : "") + text;
}

const decimalIn = (maxAbs: bigint, maxScale: number): fc.Arbitrary<string> =>
  fc.tuple(fc.bigInt({ min: -maxAbs, max: maxAbs }), fc.integer({ min: 0, max: maxScale })).map(([m, s]) => scaled(m, s));

const positiveIn = (maxAbs: bigint, maxScale: number): fc.Arbitrary<string> =>
  fc.tuple(fc.bigInt({ min: 1n, max: maxAbs }), fc.integer({ min: 0, max: maxScale })).map(([m, s]) => scaled(m, s));

/** Any decimal: small whole numbers, everyday amounts, and 30-digit values with up to 30 places. */
const anyDecimal: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -1000, max: 1000 }).map(String) },
  { weight: 4, arbitrary: decimalIn(10n ** 9n, 6) },
  { weight: 2, arbitrary: decimalIn(10n ** 30n, 30) },
);

/** Next to a whole number: on it, on a half, or 10^−28 either side. */
const nearWhole: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom("0", "0.5", "-0.5", "0.0000000000000000000000000001", "-0.0000000000000000000000000001"))
  .map(([k, off]) => D(String(k)).add(D(off)).toString());

/** Steps: everyday ones, thirds-like ones, and tiny and large ones. */
const stepArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("0.5", "0.01", "1", "1000", "0.3", "7", "0.25", "0.000000000000000000000001", "12.5"),
  positiveIn(10n ** 6n, 24),
);

/** Next to a multiple of `step`: on it, halfway, or 10^−30 either side of either. */
const nearMultiple = (step: string): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.constantFrom(0, 1, 2, 3, 4, 5)).map(([k, kind]) => {
    const s = D(step);
    const tiny = D("0.000000000000000000000000000001");
    const half = s.mul(D("0.5"));
    const offsets = [Decimal.ZERO, half, tiny, tiny.neg(), half.add(tiny), half.sub(tiny)];
    return s.mul(D(String(k))).add(offsets[kind]!).toString();
  });

const modeArb: fc.Arbitrary<RoundingMode> = fc.constantFrom("half_even", "half_up", "down", "up");

/** An argument interval as drawn (decimal text, null for an unbounded end) and the point taken inside it. */
interface Drawn {
  readonly lo: string | null;
  readonly hi: string | null;
  readonly at: string;
}

type Shape = "closed" | "noLo" | "noHi" | "open" | "point";

/** An interval with a point inside: three values sorted, the middle one the point; some ends left unbounded, some intervals a single point. */
function around(value: fc.Arbitrary<string>, shapes: readonly Shape[] = ["closed", "closed", "closed", "noLo", "noHi", "open", "point"]): fc.Arbitrary<Drawn> {
  return fc.tuple(value, value, value, fc.constantFrom(...shapes)).map(([a, b, c, shape]): Drawn => {
    const [lo, at, hi] = [a, b, c].sort((x, y) => D(x).cmp(D(y))) as [string, string, string];
    switch (shape) {
      case "closed": return { lo, hi, at };
      case "noLo": return { lo: null, hi, at };
      case "noHi": return { lo, hi: null, at };
      case "open": return { lo: null, hi: null, at };
      case "point": return { lo: at, hi: at, at };
    }
  });
}

const pointOf = (v: string): Drawn => ({ lo: v, hi: v, at: v });

function intervalOf(d: Drawn | null): Interval | null {
  return d === null ? null : { lo: d.lo === null ? null : D(d.lo), hi: d.hi === null ? null : D(d.hi) };
}

const show = (iv: Interval): string => `[${iv.lo?.toString() ?? "−∞"}, ${iv.hi?.toString() ?? "+∞"}]`;

function contains(iv: Interval, v: Decimal): boolean {
  return (iv.lo === null || iv.lo.lte(v)) && (iv.hi === null || v.lte(iv.hi));
}

/** What `fail` throws here: the call has no value. */
class Refused extends Error {}

function siteOf(rounding: RoundingMode, table: TableRows | null = null, decimals: number | null = null): CallSite {
  return {
    rounding,
    text: "",
    table,
    decimals,
    fail(code: string, message: string): never {
      throw new Refused(`${code}: ${message}`);
    },
  };
}

/** How many draws gave a value, per property: a property that only ever draws refused calls proves nothing. */
class Tally {
  valued = 0;
  total = 0;
  expectMostlyValued(share = 0.5): void {
    expect(this.valued / this.total).toBeGreaterThanOrEqual(share);
  }
}

/**
 * Evaluates `fn` at `values` (the drawn points, and the dates in their
 * places) and checks the value lies in its interval over `args` (the drawn
 * intervals; null where the argument is a date).
 */
function check(
  fn: Builtin,
  args: readonly (Drawn | null)[],
  values: readonly Value[],
  site: CallSite,
  period: PeriodDates | null,
  tally: Tally,
): void {
  tally.total++;
  let v: Value;
  try {
    v = fn.evaluate(values, site, period);
  } catch (error) {
    if (error instanceof Refused || error instanceof DecimalLimitError) return;
    throw error;
  }
  tally.valued++;
  if (!(v instanceof Decimal)) throw new Error(`${fn.name} gave a non-number`);
  const iv = fn.interval(args.map(intervalOf), site);
  const where = `${fn.name}(${values.map((x) => (x instanceof Decimal ? x.toString() : formatDate(x as CalendarDate))).join(", ")}) = ${v.toString()} with ${site.rounding}, argument intervals ${args.map((a) => (a === null ? "·" : show(intervalOf(a)!))).join(" ")}`;
  if (iv.lo !== null && iv.hi !== null && iv.lo.gt(iv.hi)) throw new Error(`${where}: the rule gave the empty ${show(iv)}`);
  if (!contains(iv, v)) throw new Error(`${where}: outside the rule's ${show(iv)}`);
}

const numbers = (args: readonly Drawn[]): Decimal[] => args.map((a) => D(a.at));

/** An ascending, contiguous tiers table: 1–6 entries from a first low, positive widths, any values, perhaps an `onward` last entry. */
const tableArb: fc.Arbitrary<TableRows> = fc
  .record({
    first: fc.oneof(fc.integer({ min: -20, max: 20 }).map(String), decimalIn(2000n, 2)),
    widths: fc.array(fc.oneof(fc.integer({ min: 1, max: 10 }).map(String), positiveIn(1000n, 2)), { minLength: 1, maxLength: 6 }),
    values: fc.array(fc.oneof(decimalIn(100n, 2), anyDecimal), { minLength: 7, maxLength: 7 }),
    onward: fc.boolean(),
  })
  .map(({ first, widths, values, onward }): TableRows => {
    const bounds = [D(first)];
    for (const w of widths) bounds.push(bounds[bounds.length - 1]!.add(D(w)));
    const rows: TierRow[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) rows.push({ low: bounds[i]!, high: bounds[i + 1]!, value: D(values[i]!) });
    if (onward) rows.push({ low: bounds[bounds.length - 1]!, high: null, value: D(values[widths.length]!) });
    return { name: "t", rows, boundUnit: null };
  });

/** Values around the tables above: whole numbers (often a bound exactly) and hundredths. */
const tableX: fc.Arbitrary<string> = fc.oneof(fc.integer({ min: -30, max: 90 }).map(String), decimalIn(9000n, 2));

const FIRST_DAY = dayNumber(date(2020, 1, 1));
const LAST_DAY = dayNumber(date(2035, 12, 31));

/** A period starting 2020–2035, 28 to 366 days long: `end` = start + length − 1. */
const periodArb: fc.Arbitrary<PeriodDates> = fc
  .tuple(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), fc.integer({ min: 28, max: 366 }))
  .map(([start, length]) => ({ start: fromDayNumber(start), end: fromDayNumber(start + length - 1) }));

describe("interval rules are sound: the value at points inside the argument intervals lies in the rule's interval", () => {
  for (const name of ["min", "max"] as const) {
    it(`holds for ${name} of two to five arguments, some unbounded on one side or both`, () => {
      const tally = new Tally();
      fc.assert(
        fc.property(modeArb, fc.array(around(anyDecimal), { minLength: 2, maxLength: 5 }), (mode, args) => {
          check(BUILTINS[name], args, numbers(args), siteOf(mode), null, tally);
        }),
        { numRuns: RUNS },
      );
      expect(tally.valued).toBe(tally.total);
    });
  }

  it("holds for abs, across zero and on either side of it", () => {
    const tally = new Tally();
    fc.assert(
      fc.property(modeArb, around(fc.oneof(anyDecimal, nearWhole)), (mode, x) => {
        check(BUILTINS.abs, [x], numbers([x]), siteOf(mode), null, tally);
      }),
      { numRuns: RUNS },
    );
    expect(tally.valued).toBe(tally.total);
  });

  for (const name of ["round", "floor", "ceil"] as const) {
    it(`holds for ${name}(x) under every rounding mode, x next to whole numbers and halves`, () => {
      const tally = new Tally();
      fc.assert(
        fc.property(modeArb, around(fc.oneof(anyDecimal, nearWhole)), (mode, x) => {
          check(BUILTINS[name], [x], numbers([x]), siteOf(mode), null, tally);
        }),
        { numRuns: RUNS },
      );
      expect(tally.valued).toBe(tally.total);
    });

    it(`holds for ${name}(x, step) with a constant step, x next to multiples of it`, () => {
      const tally = new Tally();
      const arb = stepArb.chain((step) => fc.tuple(fc.constant(step), around(fc.oneof(nearMultiple(step), nearMultiple(step), anyDecimal))));
      fc.assert(
        fc.property(modeArb, arb, (mode, [step, x]) => {
          check(BUILTINS[name], [x, pointOf(step)], [D(x.at), D(step)], siteOf(mode), null, tally);
        }),
        { numRuns: RUNS },
      );
      expect(tally.valued).toBe(tally.total);
    });

    it(`holds for ${name}(x, step) with a step ranging over an interval, perhaps unbounded`, () => {
      const tally = new Tally();
      const steps = around(stepArb, ["closed", "closed", "closed", "noLo", "noHi", "open"]);
      fc.assert(
        fc.property(modeArb, around(fc.oneof(anyDecimal, nearWhole)), steps, (mode, x, step) => {
          check(BUILTINS[name], [x, step], [D(x.at), D(step.at)], siteOf(mode), null, tally);
        }),
        { numRuns: RUNS },
      );
      expect(tally.valued).toBe(tally.total);
    });
  }

  it("holds for compound(rate, n): rates from −1.5 to 2 (declines included), n a whole number from 0 to 20 in an interval of any ends", () => {
    const tally = new Tally();
    const rate = fc.oneof(
      fc.constantFrom("-1", "-0.5", "0", "0.03", "-0.1", "1", "-1.5"),
      fc.tuple(fc.bigInt({ min: -1_500_000n, max: 2_000_000n })).map(([m]) => scaled(m, 6)),
      fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n })).map(([m]) => scaled(m, 12)),
    );
    const n = fc
      .tuple(
        fc.integer({ min: 0, max: 20 }),
        fc.option(decimalIn(300n, 2).map((t) => D(t).abs().toString()), { nil: null, freq: 8 }),
        fc.oneof(
          { weight: 12, arbitrary: decimalIn(300n, 2).map((t): string | null => D(t).abs().toString()) },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
      )
      .map(([k, below, above]): Drawn => ({
        lo: below === null ? null : D(String(k)).sub(D(below)).toString(),
        hi: above === null ? null : D(String(k)).add(D(above)).toString(),
        at: String(k),
      }));
    fc.assert(
      fc.property(modeArb, around(rate), n, (mode, r, k) => {
        check(BUILTINS.compound, [r, k], numbers([r, k]), siteOf(mode), null, tally);
      }),
      { numRuns: RUNS },
    );
    tally.expectMostlyValued(0.99);
  });

  it("holds for convert(amount, rate) rounded to 2 places under every rounding mode", () => {
    const tally = new Tally();
    fc.assert(
      fc.property(modeArb, around(anyDecimal), around(fc.oneof(decimalIn(10n ** 7n, 6), anyDecimal)), (mode, amount, rate) => {
        check(BUILTINS.convert, [amount, rate], numbers([amount, rate]), siteOf(mode, null, 2), null, tally);
      }),
      { numRuns: RUNS },
    );
    expect(tally.valued).toBe(tally.total);
  });

  it("holds for tier over a generated ascending contiguous table", () => {
    const tally = new Tally();
    fc.assert(
      fc.property(modeArb, tableArb, around(tableX), (mode, table, x) => {
        check(BUILTINS.tier, [x], numbers([x]), siteOf(mode, table), null, tally);
      }),
      { numRuns: RUNS },
    );
    tally.expectMostlyValued(0.3);
  });

  it("holds for marginal over a generated ascending contiguous table, any base, the amount's interval reaching below zero", () => {
    const tally = new Tally();
    const amount = fc.oneof(fc.integer({ min: -5, max: 100 }).map(String), decimalIn(10000n, 2).map((t) => D(t).abs().toString()));
    fc.assert(
      fc.property(modeArb, tableArb, around(tableX), around(amount), (mode, table, base, a) => {
        check(BUILTINS.marginal, [base, a], numbers([base, a]), siteOf(mode, table), null, tally);
      }),
      { numRuns: RUNS },
    );
    tally.expectMostlyValued(0.8);
  });

  const SPANS: readonly (readonly [CalendarDate, CalendarDate])[] = [
    [date(2026, 7, 1), date(2031, 7, 1)],
    [date(2026, 7, 1), date(2026, 7, 2)],
    [date(2028, 2, 28), date(2028, 3, 1)],
    [date(2024, 1, 31), date(2034, 12, 31)],
  ];
  const dayArb = fc.integer({ min: dayNumber(date(2024, 1, 1)), max: dayNumber(date(2034, 12, 31)) }).map(fromDayNumber);

  it("holds for interpolate(from, to, from_date, to_date, at) over fixed dates, `at` before, inside and after them", () => {
    const tally = new Tally();
    fc.assert(
      fc.property(modeArb, around(anyDecimal), around(anyDecimal), fc.constantFrom(...SPANS), dayArb, (mode, from, to, [a, b], at) => {
        check(BUILTINS.interpolate, [from, to, null, null, null], [D(from.at), D(to.at), a, b, at], siteOf(mode), null, tally);
      }),
      { numRuns: RUNS },
    );
    expect(tally.valued).toBe(tally.total);
  });

  it("holds for interpolate(from, to, from_date, to_date) taken at the start of a generated period", () => {
    const tally = new Tally();
    fc.assert(
      fc.property(modeArb, around(anyDecimal), around(anyDecimal), fc.constantFrom(...SPANS), dayArb, (mode, from, to, [a, b], start) => {
        const period = { start, end: addDays(start, 30) };
        check(BUILTINS.interpolate, [from, to, null, null], [D(from.at), D(to.at), a, b], siteOf(mode), period, tally);
      }),
      { numRuns: RUNS },
    );
    expect(tally.valued).toBe(tally.total);
  });

  for (const name of ["act_365f", "act_360", "thirty_360"] as const) {
    it(`holds for ${name}() over generated periods: starts 2020–2035, 28 to 366 days long`, () => {
      const tally = new Tally();
      fc.assert(
        fc.property(modeArb, periodArb, (mode, period) => {
          check(BUILTINS[name], [], [], siteOf(mode), period, tally);
        }),
        { numRuns: RUNS },
      );
      expect(tally.valued).toBe(tally.total);
    });
  }
});

describe("the 30/360 bound of a period", () => {
  it("holds over every span of 1 to 366 days starting in 2020–2029: at least 0 days and at most 363, which some span reaches", () => {
    const first = dayNumber(date(2020, 1, 1));
    const last = dayNumber(date(2029, 12, 31));
    let most = -Infinity;
    let least = Infinity;
    let widest: readonly [CalendarDate, CalendarDate] | null = null;
    for (let s = first; s <= last; s++) {
      const a = fromDayNumber(s);
      for (let len = 1; len <= 366; len++) {
        const b = fromDayNumber(s + len);
        const n = thirty360Days(a, b);
        if (n > most) {
          most = n;
          widest = [a, b];
        }
        if (n < least) least = n;
      }
    }
    expect(most).toBe(363);
    expect(least).toBe(0);
    // The widest span, as a period (its end the day before b), evaluates to exactly the top of thirty_360()'s interval.
    const site = siteOf("half_even");
    const period = { start: widest![0], end: addDays(widest![1], -1) };
    const iv = BUILTINS.thirty_360.interval([], site);
    const v = BUILTINS.thirty_360.evaluate([], site, period) as Decimal;
    expect(iv.lo?.toString()).toBe("0");
    expect(v.eq(iv.hi!)).toBe(true);
    expect(iv.hi!.eq(Decimal.ofInt(363).div(Decimal.ofInt(360)))).toBe(true);
  });
});

describe("interval rules are tight on a point", () => {
  /** The rule over point intervals is exactly the value at those points. */
  function tight(fn: Builtin, points: readonly string[], site: CallSite): void {
    const v = fn.evaluate(points.map(D), site, null) as Decimal;
    const iv = fn.interval(points.map((p) => intervalOf(pointOf(p))), site);
    const where = `${fn.name}(${points.join(", ")}) = ${v.toString()} with ${site.rounding}: the rule gave ${show(iv)}`;
    if (iv.lo === null || iv.hi === null || !iv.lo.eq(v) || !iv.hi.eq(v)) throw new Error(where);
  }

  it("gives min and max of points exactly the value", () => {
    fc.assert(
      fc.property(modeArb, fc.array(anyDecimal, { minLength: 2, maxLength: 5 }), (mode, xs) => {
        tight(BUILTINS.min, xs, siteOf(mode));
        tight(BUILTINS.max, xs, siteOf(mode));
      }),
      { numRuns: RUNS },
    );
  });

  it("gives abs, round, floor and ceil of a point exactly the value, with and without a step", () => {
    const arb = stepArb.chain((step) => fc.tuple(fc.constant(step), fc.oneof(nearMultiple(step), anyDecimal, nearWhole)));
    fc.assert(
      fc.property(modeArb, arb, (mode, [step, x]) => {
        const site = siteOf(mode);
        tight(BUILTINS.abs, [x], site);
        for (const name of ["round", "floor", "ceil"] as const) {
          tight(BUILTINS[name], [x], site);
          tight(BUILTINS[name], [x, step], site);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("gives convert of a point exactly the value", () => {
    fc.assert(
      fc.property(modeArb, anyDecimal, decimalIn(10n ** 7n, 6), (mode, amount, rate) => {
        tight(BUILTINS.convert, [amount, rate], siteOf(mode, null, 2));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("the work of an interval rule", () => {
  /** How many Decimal multiplications `run` makes. */
  function multiplications(run: () => unknown): number {
    const spy = vi.spyOn(Decimal.prototype, "mul");
    try {
      run();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it("bounds compound's work by the 1000-period limit, however far beyond it n's interval lies", () => {
    // No n above 1000 is valid (compound refuses it), so nothing past 1000 periods needs computing: with
    // rate in [0, 5%] and n in [10^5, 10^5] the rule should multiply at most about 2 × 1000 times. It
    // multiplies (1 + 0) by itself 10^5 times instead (n.lo is not clamped to 1000 before compoundOf),
    // so its work grows with n.lo: n = [10^12, 10^12] would run for hours.
    const rate = { lo: Decimal.ZERO, hi: D("0.05") };
    const n = { lo: D("100000"), hi: D("100000") };
    const count = multiplications(() => BUILTINS.compound.interval([rate, n], siteOf("half_even")));
    expect(count).toBeLessThanOrEqual(2 * MAX_COMPOUND_PERIODS + 10);
  });
});
