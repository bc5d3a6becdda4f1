/**
 * Property: the checker and the runtime agree on every constant expression,
 * digit for digit (docs/language.md §4, §5 "const", "tapering", §9).
 *
 * The checker folds constants itself (to prove `tapering` schedules, to
 * check rounding steps, to build tiers tables) while the runtime evaluates
 * them its own way; whatever the checker proves about a constant must be
 * what a run settles. Expressions are drawn over every built-in that can be
 * constant: min, max (2–4 arguments), abs, round/floor/ceil with and
 * without a step (ties, 25+ significant digits, steps from 10^-24 to 10^12,
 * values next to a multiple of the step, negative values, quotient steps
 * like 1 / 3), compound(rate, n) with small n, interpolate with five
 * arguments over date literals, act_365f/act_360/thirty_360 over two date
 * literals, tier/marginal over declared tiers tables, + − × ÷, `if`, and
 * every rounding mode.
 *
 * How each side is read, through public behaviour only (`checkSource`,
 * `runSource`, `ledgerToJson` with traces), in the two helpers right below:
 *
 * - the checker's value of `const c<i> = E` is read from the probe
 *   `schedule probe_<i> by contract_year, tapering { year 1: c<i>  year 2 onward: c<i> + 1 }`.
 *   `c<i> + 1` is above `c<i>` whatever `c<i>` is, so a checker that folds
 *   `c<i>` always rejects the probe with TN2052, and that message prints
 *   the value it compared: `probe_<i> rises from V in year 1 to …`, V being
 *   the exact decimal the checker proved (a name, not a literal, so it is
 *   printed from the folded value). No TN2052 for a probe means the
 *   checker claims no value for that constant (TN2053, or an error in E).
 * - the runtime's value is the trace entry `c<i>` of the line
 *   `sharon pays nvidia 1 USD + 0 USD * c<i>` (always 1.00 USD, so it
 *   always makes a line, whatever the sign or size of c<i>) in the ledger
 *   JSON. A constant the runtime refuses (TN30xx) stops the run; it is
 *   recorded and left out, and the rest is settled again. A constant the
 *   checker rejects in the runnable sheet (TN2046 step ≤ 0, TN2131, TN2100,
 *   TN2048) is recorded and left out the same way.
 *
 * Both sheets declare exactly the same consts and tiers tables; 50 consts
 * are batched into one pair of sheets.
 *
 * Four properties:
 * 1. soundness: whatever value the checker proves is the settled value,
 *    digit for digit, and it proves none for a constant the runtime
 *    refuses (÷ 0, a step that is 0 at run time, tier/marginal outside
 *    their table, …);
 * 2. completeness: the checker proves a value for every constant the
 *    runtime settles (every built-in call over constants is a constant, so
 *    a tapering schedule or a tiers table may use it);
 * 3, 4. round/floor/ceil of a literal next to a multiple of a literal step
 *    give the exact multiple docs §4 defines, computed here independently
 *    with BigInt (`expected`): in a run, and in the checker.
 *
 * Runs: TENOR_CONST_FOLD_CASES expressions per property (default 10,000,
 * what CI runs: 200 sheets of 50), or fewer for a quick local run.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSource, runSource } from "../../src/api.ts";
import type { Diagnostic } from "../../src/api.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { add, at, canon, dec, halfOf, mulInt, neg, pow10, timesTenTo, tracedValues, type Dec } from "./exact-decimal.ts";

// ---------------------------------------------------------------- readouts (the one place to change if formats move)

/** TN2052's message for a probe: `probe_7 rises from -0.5 in year 1 to 0.5 in year 2 onward; …`. */
const PROBE_RISES = /^probe_(\d+) rises from (-?\d+(?:\.\d+)?) in year 1 to /;

/** The value the checker proves for each const, by index: read from the probes' TN2052 messages (see the header). */
function checkerValues(diagnostics: readonly Diagnostic[]): Map<number, string> {
  const values = new Map<number, string>();
  for (const d of diagnostics) {
    if (d.code !== "TN2052") continue;
    const m = PROBE_RISES.exec(d.message);
    if (m === null) throw new Error(`unexpected TN2052 message: ${d.message}`);
    values.set(Number(m[1]), m[2]!);
  }
  return values;
}

/** The value each const settled at, by index: the `c<i>` entries of the first period's traces. */
function settledValues(ledgerJson: string): Map<number, string> {
  return tracedValues(ledgerJson, /^c(\d+)$/)[0] ?? new Map();
}

// ---------------------------------------------------------------- exact decimals (independent of src/)

const floorDiv = (p: bigint, q: bigint): bigint => (p >= 0n ? p / q : -((-p + q - 1n) / q)); // q > 0
const ceilDiv = (p: bigint, q: bigint): bigint => -floorDiv(-p, q);

type Mode = "half_even" | "half_up" | "down" | "up";
const MODES: readonly Mode[] = ["half_even", "half_up", "down", "up"];

/** p / q (q > 0) rounded to a whole number with a rounding mode. */
function roundDiv(p: bigint, q: bigint, mode: Mode): bigint {
  const f = floorDiv(p, q);
  const r = p - f * q; // 0 ≤ r < q
  if (r === 0n) return f;
  const awayFromZero = p < 0n ? f : f + 1n;
  const towardsZero = p < 0n ? f + 1n : f;
  switch (mode) {
    case "down": return towardsZero;
    case "up": return awayFromZero;
    case "half_up": return 2n * r === q ? awayFromZero : 2n * r > q ? f + 1n : f;
    case "half_even": return 2n * r === q ? (f % 2n === 0n ? f : f + 1n) : 2n * r > q ? f + 1n : f;
  }
}

/**
 * The results of round/floor/ceil of a literal, with or without a step, as
 * docs §4 and §9 define them: stepping is exact — the multiple of `step`
 * is chosen from the exact x / step, never from a quotient carried to 20
 * places (where 0.9999999999999999999999999 / 1 would already be 1).
 */
function expected(fn: "round" | "floor" | "ceil", x: Dec, step: Step | null, mode: Mode): string {
  if (step === null) {
    const q = pow10(x.e);
    const k = fn === "floor" ? floorDiv(x.n, q) : fn === "ceil" ? ceilDiv(x.n, q) : roundDiv(x.n, q, mode);
    return canon({ n: k, e: 0 });
  }
  // step = sn / sd and x / step = p / q, exactly.
  const [sn, sd] = step.exact;
  const p = x.n * sd;
  const q = sn * pow10(x.e);
  let k: bigint;
  if (fn === "floor") k = floorDiv(p, q); // the largest multiple of step ≤ x
  else if (fn === "ceil") k = ceilDiv(p, q); // the smallest multiple of step ≥ x
  else k = roundDiv(p, q, mode); // the multiple x rounds to with the deal's mode, chosen from the exact x / step
  return readingText(k * sn, sd);
}

/** n / d (d > 0) as a trace reads it: exact when it terminates, else to 20 places, half-even. */
function readingText(n: bigint, d: bigint): string {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
  const g = gcd(n < 0n ? -n : n, d);
  let rest = d / g;
  let places = 0;
  while (rest % 2n === 0n || rest % 5n === 0n) [rest, places] = [rest % 2n === 0n ? rest / 2n : rest / 5n, places + 1];
  if (rest === 1n) return canon({ n: (n * pow10(places)) / d, e: places });
  return canon({ n: roundDiv(n * pow10(20), d, "half_even"), e: 20 });
}

// ---------------------------------------------------------------- generators

/** A literal for an exact value: bracketed when negative, sometimes written as a percentage (× 100, then `%`). */
function literal(v: Dec, asPercent: boolean): string {
  if (v.n < 0n) return `(-${literal(neg(v), asPercent)})`;
  if (!asPercent) return canon(v);
  return `${canon(v.e >= 2 ? { n: v.n, e: v.e - 2 } : { n: v.n * pow10(2 - v.e), e: 0 })}%`;
}

interface Step {
  readonly text: string;
  /** The value as a decimal, to draw values near its multiples (for a quotient: near enough). */
  readonly value: Dec;
  /** The exact value, numerator and denominator. */
  readonly exact: readonly [bigint, bigint];
}

const decimalStep = (text: string, value: string): Step => {
  const v = dec(value);
  return { text, value: v, exact: [v.n, pow10(v.e)] };
};

/** Positive steps: tiny, huge, ordinary, and quotients (exact: a third is a third, §9). */
const STEPS: readonly Step[] = [
  decimalStep("0.000000000000000000000001", "0.000000000000000000000001"),
  decimalStep("1000000000000", "1000000000000"),
  decimalStep("0.5", "0.5"),
  decimalStep("0.25", "0.25"),
  decimalStep("1", "1"),
  decimalStep("3", "3"),
  decimalStep("0.01", "0.01"),
  decimalStep("2.5", "2.5"),
  decimalStep("0.0001", "0.0001"),
  decimalStep("12.5%", "0.125"),
  decimalStep("1 million", "1000000"),
  { text: "(1 / 3)", value: dec("0.33333333333333333333"), exact: [1n, 3n] },
  { text: "(2 / 3)", value: dec("0.66666666666666666667"), exact: [2n, 3n] },
];

const stepArb = fc.constantFrom(...STEPS);

/** A value on, next to, or halfway between multiples of `step`: where floor, ceil and round go wrong. */
function nearMultipleArb(step: Dec): fc.Arbitrary<Dec> {
  // Nudges: absolute ones, and ones relative to the step, below (and, the last, above) what a quotient carried to 20 places sees.
  const tiny = [
    dec("0.000000000000000000000001"),
    dec("0.0000000000000000000000001"),
    dec("0.000000000000000000000000001"),
    timesTenTo(step, -21),
    mulInt(timesTenTo(step, -22), 3n),
    timesTenTo(step, -19),
  ];
  return fc
    .record({
      k: fc.oneof(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -1_000_000, max: 1_000_000 })),
      half: fc.constantFrom(-1, 0, 0, 1),
      nudge: fc.constantFrom(-1, 0, 1),
      eps: fc.constantFrom(...tiny),
    })
    .map(({ k, half, nudge, eps }) => {
      let v = mulInt(step, BigInt(k));
      if (half !== 0) v = add(v, half > 0 ? halfOf(step) : neg(halfOf(step)));
      if (nudge !== 0) v = add(v, nudge > 0 ? eps : neg(eps));
      return v;
    });
}

/** Plain numbers: small, ties, 25+ significant digits, huge, percentages, scales. */
const numberLitArb: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map((k) => literal({ n: BigInt(k), e: 0 }, false)),
  // Ties: ±0.5, ±1.5, … ±20.5.
  fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()).map(([k, negative]) => literal({ n: BigInt(10 * k + 5) * (negative ? -1n : 1n), e: 1 }, false)),
  // Exact values written as percentages.
  fc.tuple(fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: 0, max: 6 })).map(([k, e]) => literal({ n: BigInt(k), e }, true)),
  fc.constantFrom("0.9999999999999999999999999", "1.000000000000000000000001", "2.345", "2.355", "0.125", "0.005",
    "123456789.0123456789012345678", "999999999999.9999999999999", "1000000000000", "1_000_000"),
  // 24 to 28 decimals.
  fc.tuple(fc.integer({ min: 0, max: 999 }), fc.stringMatching(/^\d{24,28}$/), fc.boolean()).map(([i, f, negative]) => (negative ? `(-${i}.${f})` : `${i}.${f}`)),
  fc.constantFrom("12.5%", "7.5%", "0.5%", "15%", "100%", "3 million", "1.5 billion", "0.000001 million"),
);

function daysIn(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** A date literal, month ends and leap days included. */
const plainDateArb: fc.Arbitrary<string> = fc
  .record({
    year: fc.integer({ min: 2024, max: 2032 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.oneof(fc.constantFrom(1, 28, 29, 30, 31), fc.integer({ min: 1, max: 31 })),
  })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, "0")}-${String(Math.min(day, daysIn(year, month))).padStart(2, "0")}`);

const shiftArb = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.constantFrom("days", "months", "years")).map(([n, unit]) => `${n} ${unit}`);

/** A date: a literal, now and then shifted by a duration literal (still a constant date). */
const dateArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: plainDateArb },
  { weight: 1, arbitrary: fc.tuple(plainDateArb, fc.constantFrom("+", "-"), shiftArb).map(([d, op, by]) => `(${d} ${op} ${by})`) },
);

/** from_date and to_date of interpolate: ascending, except now and then (TN2100 when they are equal or reversed). */
const datePairArb: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(plainDateArb, plainDateArb).map(([a, b]): [string, string] => (a < b ? [a, b] : a > b ? [b, a] : [a, `(${a} + 1 days)`])) },
  { weight: 3, arbitrary: fc.tuple(plainDateArb, shiftArb).map(([a, by]): [string, string] => [a, `(${a} + ${by})`]) },
  { weight: 1, arbitrary: fc.tuple(dateArb, dateArb) },
);

/** Two tiers tables every sheet declares: one without `onward` (so values past it are refused), one with. */
const TIERS = `tiers band { 0 to 10: 5%  10 to 100: 3%  100 to 1000: 1% }
tiers ladder { -5 to 0: 2  0 to 2.5: 1.5  2.5 onward: 0.125 }`;

const COMPARE = ["<", "<=", ">", ">=", "==", "!="] as const;

/**
 * Constant expressions over every built-in. With `dateConditions`, an `if`
 * may also test two dates (`2027-01-31 <= 2032-12-12`): constant, but
 * outside what §4/§5 promise the checker folds, so only the soundness
 * property draws them.
 */
function constExprArb(dateConditions: boolean): fc.Arbitrary<string> {
  return fc.letrec<{ expr: string; cond: string }>((tie) => {
    const e = tie("expr");
    const rounding = fc.oneof(
      // Without a step.
      fc.tuple(fc.constantFrom("round", "floor", "ceil"), e).map(([f, x]) => `${f}(${x})`),
      // Any value, any step (rarely one that is not above zero: TN2046, or refused at run time).
      fc
        .tuple(
          fc.constantFrom("round", "floor", "ceil"),
          e,
          fc.oneof(
            { weight: 24, arbitrary: stepArb.map((s) => s.text) },
            { weight: 4, arbitrary: e.map((x) => `(abs(${x}) + 0.001)`) },
            { weight: 1, arbitrary: e },
            { weight: 1, arbitrary: fc.constantFrom("0", "(-0.5)", "(1 - 1)", "act_360(2026-07-01, 2026-07-01)") },
          ),
        )
        .map(([f, x, s]) => `${f}(${x}, ${s})`),
      // Next to a multiple of the step.
      fc.tuple(fc.constantFrom("round", "floor", "ceil"), stepArb).chain(([f, s]) => nearMultipleArb(s.value).map((x) => `${f}(${literal(x, false)}, ${s.text})`)),
    );
    const expr = fc.oneof(
      { maxDepth: 3, depthIdentifier: "const-expr", withCrossShrink: true },
      numberLitArb,
      fc.tuple(e, fc.constantFrom("+", "-", "*", "/"), e).map(([a, op, b]) => `(${a} ${op} ${b})`),
      e.map((a) => `(-${a})`),
      fc.tuple(fc.constantFrom("min", "max"), fc.array(e, { minLength: 2, maxLength: 4 })).map(([f, xs]) => `${f}(${xs.join(", ")})`),
      e.map((a) => `abs(${a})`),
      rounding,
      rounding,
      // compound(rate, n) with n from 0 to 5 (now and then a computed n, or 2.5: TN2131).
      fc
        .tuple(
          fc.oneof(fc.constantFrom("3%", "0.5%", "(-10%)", "12.5%", "0", "1.000000000000000000000001%"), e),
          fc.oneof({ weight: 16, arbitrary: fc.integer({ min: 0, max: 5 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom("(1 + 1)", "floor(3.7)", "2.5") }),
        )
        .map(([r, n]) => `compound(${r}, ${n})`),
      fc.tuple(e, e, datePairArb, dateArb).map(([a, b, [from, to], when]) => `interpolate(${a}, ${b}, ${from}, ${to}, ${when})`),
      fc.tuple(fc.constantFrom("act_365f", "act_360", "thirty_360"), dateArb, dateArb).map(([f, a, b]) => `${f}(${a}, ${b})`),
      // Mostly inside the table (band covers [0, 1000), ladder [-5, ∞)), on a bound, or now and then outside it (TN3030 at run time).
      fc.tuple(
        fc.constantFrom("band", "ladder"),
        fc.oneof(
          {
            weight: 4,
            arbitrary: fc.constantFrom("0", "10", "9.9999999999999999999999999", "10.000000000000000000000001", "100", "999.9999999999999999999999999",
              "2.5", "2.4999999999999999999999999", "-5", "(-4.9999999999999999999999999)", "12.5%", "99.5"),
          },
          { weight: 4, arbitrary: e.map((x) => `min(abs(${x}), 999)`) },
          { weight: 1, arbitrary: e },
        ),
      ).map(([t, x]) => `tier(${t}, ${x})`),
      // An amount that is never negative, except now and then (TN3031 at run time).
      fc.tuple(fc.constantFrom("band", "ladder"), e, fc.oneof({ weight: 8, arbitrary: e.map((x) => `abs(${x})`) }, { weight: 1, arbitrary: e })).map(([t, b, a]) => `marginal(${t}, ${b}, ${a})`),
      fc.tuple(tie("cond"), e, e).map(([c, a, b]) => `(if ${c} then ${a} else ${b})`),
    );
    const cond = fc.oneof(
      { maxDepth: 2, depthIdentifier: "const-cond" },
      fc.tuple(e, fc.constantFrom(...COMPARE), e).map(([a, op, b]) => `${a} ${op} ${b}`),
      ...(dateConditions ? [fc.tuple(dateArb, fc.constantFrom(...COMPARE), dateArb).map(([a, op, b]) => `${a} ${op} ${b}`)] : []),
      fc.tuple(tie("cond"), fc.constantFrom("and", "or"), tie("cond")).map(([a, op, b]) => `(${a}) ${op} (${b})`),
      tie("cond").map((c) => `not (${c})`),
    );
    return { expr, cond };
  }).expr;
}

/** 50 constant expressions to one pair of sheets, under one rounding mode. */
const PER_SHEET = 50;
const CASES = Number(process.env["TENOR_CONST_FOLD_CASES"] ?? "10000");
const RUNS = Math.max(1, Math.ceil(CASES / PER_SHEET));

interface Batch {
  readonly mode: Mode;
  readonly exprs: readonly string[];
}

const batchArb = (dateConditions: boolean): fc.Arbitrary<Batch> =>
  fc.record({
    mode: fc.constantFrom(...MODES),
    exprs: fc.array(constExprArb(dateConditions), { minLength: PER_SHEET, maxLength: PER_SHEET }),
  });

// ---------------------------------------------------------------- the two sheets

function header(mode: Mode): string {
  return `deal "Constant folding"
parties { nvidia: "NVIDIA Corporation" sharon: "Sharon AI" }
term 2026-07-01 to 2028-06-30, monthly
currency USD, rounding ${mode}
${TIERS}
`;
}

/** The checker sheet: every const with its probe; only read for its diagnostics. */
function probeSheet(b: Batch): string {
  const consts = b.exprs.map((e, i) => `const c${i} = ${e}\n`).join("");
  const probes = b.exprs.map((_, i) => `schedule probe_${i} by contract_year, tapering { year 1: c${i}  year 2 onward: c${i} + 1 }\n`).join("");
  return header(b.mode) + consts + probes;
}

interface Settled {
  /** Settled values by index. */
  readonly values: Map<number, string>;
  /** Consts the runtime refused, by index: the TN30xx code and message. */
  readonly refused: Map<number, string>;
  /** Consts the checker rejected in the runnable sheet, by index: the TN2xxx codes. */
  readonly rejected: Map<number, string>;
}

const ONE_PERIOD = [{ name: "inputs.json", text: JSON.stringify({ periods: [{ period: "2026-07-01" }] }) }];

/** Settles every const the checker lets through and the runtime does not refuse, leaving out each one that fails. */
function settle(b: Batch): Settled {
  const active = new Set(b.exprs.map((_, i) => i));
  const refused = new Map<number, string>();
  const rejected = new Map<number, string>();
  for (let attempt = 0; attempt <= b.exprs.length; attempt++) {
    let text = header(b.mode);
    const spans: { index: number; start: number; end: number }[] = [];
    const line = (index: number, s: string) => {
      spans.push({ index, start: text.length, end: text.length + s.length });
      text += `${s}\n`;
    };
    for (const i of active) line(i, `const c${i} = ${b.exprs[i]}`);
    text += "clause readout {\n";
    for (const i of active) line(i, `  sharon pays nvidia 1 USD + 0 USD * c${i}`);
    text += "}\n";
    const owner = (d: Diagnostic): number => {
      const hit = d.range === undefined ? undefined : spans.find((s) => d.range!.start >= s.start && d.range!.start <= s.end);
      if (hit === undefined) throw new Error(`a diagnostic outside the generated consts (a generator bug): ${d.code} ${d.message}\n${text}`);
      return hit.index;
    };
    const result = runSource(text, ONE_PERIOD);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    if (result.failure === "source") {
      for (const d of errors) {
        const i = owner(d);
        rejected.set(i, [rejected.get(i), d.code].filter(Boolean).join(", "));
        active.delete(i);
      }
      continue;
    }
    if (result.failure === "runtime") {
      const d = errors[0];
      if (d === undefined) throw new Error("a run failed without an error");
      const i = owner(d);
      refused.set(i, `${d.code} ${d.message}`);
      active.delete(i);
      continue;
    }
    if (result.ledger === null) throw new Error(`run failed: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
    const values = settledValues(ledgerToJson(result.ledger, { trace: true }));
    for (const i of active) if (!values.has(i)) throw new Error(`c${i} is missing from the trace`);
    return { values, refused, rejected };
  }
  throw new Error("settling did not converge");
}

/** Both sides of one batch. */
function observe(b: Batch): { claimed: Map<number, string>; settled: Settled } {
  return { claimed: checkerValues(checkSource(probeSheet(b)).diagnostics), settled: settle(b) };
}

const counts = { settled: 0, refused: 0, rejected: 0 };

describe("constant folding: checker and runtime", () => {
  it(`the checker's value for a constant is the settled value, digit for digit, and it claims none for a constant the runtime refuses (${CASES} expressions)`, () => {
    fc.assert(
      fc.property(batchArb(true), (b) => {
        const { claimed, settled } = observe(b);
        counts.settled += settled.values.size;
        counts.refused += settled.refused.size;
        counts.rejected += settled.rejected.size;
        for (const [i, value] of settled.values) {
          const proven = claimed.get(i);
          if (proven !== undefined) expect(proven, `const c${i} = ${b.exprs[i]} (rounding ${b.mode}): checker proves ${proven}, runtime settles ${value}`).toBe(value);
        }
        for (const [i, why] of settled.refused) {
          expect(claimed.get(i), `const c${i} = ${b.exprs[i]} (rounding ${b.mode}): the runtime refuses it (${why}), the checker claims ${claimed.get(i)}`).toBeUndefined();
        }
      }),
      { numRuns: RUNS },
    );
    // A full-size draw reaches all three outcomes, and mostly settles (about 95%, 2.5% refused, 2.5% rejected).
    if (CASES >= 2000) {
      expect(counts.settled).toBeGreaterThan(CASES * 0.8);
      expect(counts.refused).toBeGreaterThan(0);
      expect(counts.rejected).toBeGreaterThan(0);
    }
  });

  it(`the checker proves a value for every constant the runtime settles (${CASES} expressions)`, () => {
    fc.assert(
      fc.property(batchArb(false), (b) => {
        const { claimed, settled } = observe(b);
        for (const [i, value] of settled.values) {
          // Only that a value is proven: which one is the first property's business.
          expect(claimed.has(i), `const c${i} = ${b.exprs[i]} (rounding ${b.mode}) settles at ${value}, but the checker proves no value (a tapering schedule could not use it)`).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  // The documented results of round/floor/ceil, computed here exactly (see `expected`), against each side on its own.
  const nearArb = fc.oneof(
    fc.tuple(fc.constantFrom("round", "floor", "ceil" as const), stepArb).chain(([fn, step]) => nearMultipleArb(step.value).map((x) => ({ fn, x, step }))),
    fc.tuple(fc.constantFrom("round", "floor", "ceil" as const), nearMultipleArb(dec("1"))).map(([fn, x]) => ({ fn, x, step: null })),
  );
  const nearBatchArb = fc.record({ mode: fc.constantFrom(...MODES), cases: fc.array(nearArb, { minLength: PER_SHEET, maxLength: PER_SHEET }) });
  const sourceOf = (c: { fn: string; x: Dec; step: Step | null }) => `${c.fn}(${literal(c.x, false)}${c.step === null ? "" : `, ${c.step.text}`})`;

  for (const side of ["runtime", "checker"] as const) {
    it(`round, floor and ceil of a value next to a multiple of the step give the documented multiple: ${side === "runtime" ? "the settled value" : "the value the checker proves"} (${CASES} expressions)`, () => {
      fc.assert(
        fc.property(nearBatchArb, ({ mode, cases }) => {
          const b: Batch = { mode, exprs: cases.map(sourceOf) };
          const values = side === "runtime" ? settle(b) : null;
          if (values !== null) expect(values.refused.size + values.rejected.size, "a positive step is never refused").toBe(0);
          const got = values?.values ?? checkerValues(checkSource(probeSheet(b)).diagnostics);
          cases.forEach((c, i) => {
            const want = expected(c.fn, c.x, c.step ?? null, mode);
            expect(got.get(i), `const c${i} = ${b.exprs[i]} (rounding ${mode}) must be ${want}; the ${side === "runtime" ? "runtime settles" : "checker proves"} ${got.get(i)}`).toBe(want);
          });
        }),
        { numRuns: RUNS },
      );
    });
  }
});
