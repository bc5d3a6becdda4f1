/**
 * Property (docs/language.md §9): `+ − × /` are exact, and a payment is
 * rounded once, from the exact value, under the deal's mode. Expressions
 * put divisions in every position — day counts first, last and nested,
 * quotients of literals, interpolate, round/floor/ceil to a step that is
 * itself a quotient — and an evaluator written here on BigInt fractions,
 * sharing nothing with src/, computes each payment's cents. The ledger
 * must give the same cents under every rounding mode.
 *
 * TENOR_EXACT_DIVISION_CASES expressions (default 4,000 in CI: 100 sheets
 * of 40, each settled under the four modes).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runSource } from "../../src/api.ts";

// ---------------------------------------------------------------- fractions (independent of src/)

/** n / d with d > 0. */
type Frac = readonly [n: bigint, d: bigint];

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
function frac(n: bigint, d: bigint): Frac {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return [n / g, d / g];
}
const add = (a: Frac, b: Frac): Frac => frac(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const sub = (a: Frac, b: Frac): Frac => add(a, [-b[0], b[1]]);
const mul = (a: Frac, b: Frac): Frac => frac(a[0] * b[0], a[1] * b[1]);
const div = (a: Frac, b: Frac): Frac => frac(a[0] * b[1], a[1] * b[0]);
const cmp = (a: Frac, b: Frac): number => Math.sign(Number(a[0] * b[1] - b[0] * a[1]));

type Mode = "half_even" | "half_up" | "down" | "up";
const MODES: readonly Mode[] = ["half_even", "half_up", "down", "up"];

/** n / d (d > 0) to a whole number: the four modes, and floor / ceil. */
function whole(x: Frac, mode: Mode | "floor" | "ceil"): bigint {
  const [n, d] = x;
  const q = n / d; // towards zero
  const r = n - q * d;
  if (r === 0n) return q;
  const away = n < 0n ? q - 1n : q + 1n;
  if (mode === "down") return q;
  if (mode === "up") return away;
  if (mode === "floor") return n < 0n ? away : q;
  if (mode === "ceil") return n < 0n ? q : away;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice !== d) return twice > d ? away : q;
  return mode === "half_up" || (q & 1n) !== 0n ? away : q;
}

/** Cents of an exact amount under a mode, as the ledger writes them. */
function cents(x: Frac, mode: Mode): string {
  const c = whole(mul(x, [100n, 1n]), mode);
  const sign = c < 0n ? "-" : "";
  const digits = (c < 0n ? -c : c).toString().padStart(3, "0");
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

// ---------------------------------------------------------------- dates and day counts (independent of src/)

interface Day {
  readonly text: string;
  readonly y: number;
  readonly m: number;
  readonly d: number;
  /** Days since 1970-01-01. */
  readonly n: number;
}

const DAY_MS = 86_400_000;
function day(n: number): Day {
  const t = new Date(n * DAY_MS);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  const d = t.getUTCDate();
  return { text: `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`, y, m, d, n };
}

/** ISDA 4.16(f) 30/360 bond basis. */
function thirty360(a: Day, b: Day): bigint {
  const d1 = a.d === 31 ? 30 : a.d;
  const d2 = b.d === 31 && d1 === 30 ? 30 : b.d;
  return BigInt(360 * (b.y - a.y) + 30 * (b.m - a.m) + (d2 - d1));
}

// ---------------------------------------------------------------- expressions with their exact values

interface Gen {
  readonly text: string;
  readonly value: Frac;
}

const FIRST = Date.UTC(2024, 0, 1) / DAY_MS;
const dayArb = fc.integer({ min: FIRST, max: FIRST + 3650 }).map(day);
/** Two dates in order, at least a day apart. */
const spanArb = fc.tuple(dayArb, fc.integer({ min: 1, max: 800 })).map(([a, k]) => [a, day(a.n + k)] as const);

/** A plain decimal literal: up to 6 decimals, up to 10^7. */
const literalArb: fc.Arbitrary<Gen> = fc
  .tuple(fc.bigInt({ min: 1n, max: 10_000_000_000n }), fc.integer({ min: 0, max: 6 }))
  .map(([n, e]) => {
    const digits = n.toString().padStart(e + 1, "0");
    const text = e === 0 ? digits : `${digits.slice(0, -e)}.${digits.slice(-e)}`;
    return { text, value: frac(n, 10n ** BigInt(e)) };
  });

const dayCountArb: fc.Arbitrary<Gen> = fc.tuple(fc.constantFrom("act_365f", "act_360", "thirty_360"), spanArb).map(([fn, [a, b]]) => {
  const days = fn === "thirty_360" ? thirty360(a, b) : BigInt(b.n - a.n);
  return { text: `${fn}(${a.text}, ${b.text})`, value: frac(days, fn === "act_365f" ? 365n : 360n) };
});

/** A positive quotient of small literals: 1/3, 2/7, 10/365. */
const quotientArb: fc.Arbitrary<Gen> = fc
  .tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom(3, 6, 7, 9, 11, 12, 360, 365, 366))
  .map(([p, q]) => ({ text: `(${p} / ${q})`, value: frac(BigInt(p), BigInt(q)) }));

// 30/360 from the 30th to the 31st counts no days: a divisor must be above zero.
const positiveLeafArb = fc.oneof(literalArb, dayCountArb, quotientArb).filter((g) => g.value[0] > 0n);

/** `interpolate(v1, v2, from, to, at)`: v1 + (v2 − v1) × the share of the span elapsed at `at`, flat outside it. */
const interpolateArb: fc.Arbitrary<Gen> = fc.tuple(literalArb, literalArb, spanArb, dayArb).map(([v1, v2, [a, b], at]) => {
  const share: Frac = at.n <= a.n ? [0n, 1n] : at.n >= b.n ? [1n, 1n] : frac(BigInt(at.n - a.n), BigInt(b.n - a.n));
  return {
    text: `interpolate(${v1.text}, ${v2.text}, ${a.text}, ${b.text}, ${at.text})`,
    value: add(v1.value, mul(sub(v2.value, v1.value), share)),
  };
});

/** Expressions whose value is not negative (so a payment of it never is): every division is by a positive value. */
const exprArb: fc.Arbitrary<Gen> = fc.letrec<{ e: Gen }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    positiveLeafArb,
    interpolateArb,
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => ({ text: `(${a.text} * ${b.text})`, value: mul(a.value, b.value) })),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => ({ text: `(${a.text} + ${b.text})`, value: add(a.value, b.value) })),
    fc.tuple(tie("e"), positiveLeafArb).map(([a, b]) => ({ text: `(${a.text} / ${b.text})`, value: div(a.value, b.value) })),
    fc.tuple(positiveLeafArb, tie("e").filter((g) => g.value[0] > 0n)).map(([a, b]) => ({ text: `(${a.text} / ${b.text})`, value: div(a.value, b.value) })),
    // A step that is itself a quotient: floor / ceil stay positive when x is above the step.
    fc.tuple(fc.constantFrom("floor", "ceil"), tie("e"), quotientArb).map(([fn, x, step]) => {
      const k = whole(div(x.value, step.value), fn);
      return { text: `${fn}(${x.text}, ${step.text})`, value: mul([k, 1n], step.value) };
    }),
  ),
})).e;

// ---------------------------------------------------------------- sheets

const PER_SHEET = 40;
const CASES = Number(process.env["TENOR_EXACT_DIVISION_CASES"] ?? "4000");
const RUNS = Math.max(1, Math.ceil(CASES / PER_SHEET));
/** Payments up to 10^24 USD: a scale that turns tiny fractions into cents. */
const SCALE = "1000000";

function sheet(exprs: readonly Gen[], mode: Mode): string {
  const clauses = exprs.map((e, i) => `clause c${i} { a pays b ${SCALE} USD * ${e.text} }`);
  return `deal "Exact division"
parties {
  a: "A"
  b: "B"
}
term 2026-07-01 to 2026-07-31, monthly
currency USD, rounding ${mode}
${clauses.join("\n")}
`;
}

describe("exact division: every + − × / is exact, a payment rounded once", () => {
  it(`gives the cents of the exact value under every rounding mode, wherever the divisions stand (${RUNS * PER_SHEET} expressions × 4 modes)`, () => {
    let lines = 0;
    fc.assert(
      fc.property(fc.array(exprArb, { minLength: PER_SHEET, maxLength: PER_SHEET }), (exprs) => {
        for (const mode of MODES) {
          const run = runSource(sheet(exprs, mode), [{ name: "inputs.json", text: '{ "periods": [ { "period": "2026-07-01" } ] }' }]);
          expect(run.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
          const computed = new Map(run.ledger!.periods[0]!.lines.map((l) => [l.clause, l.computed]));
          exprs.forEach((e, i) => {
            const want = cents(mul(e.value, [BigInt(SCALE), 1n]), mode);
            const got = computed.get(`c${i}`) ?? "0.00"; // a payment of 0.00 makes no line
            if (cmp(e.value, [0n, 1n]) < 0) throw new Error(`generator made a negative value: ${e.text}`);
            expect(got, `${e.text} under ${mode}`).toBe(want);
            lines++;
          });
        }
      }),
      { numRuns: RUNS, seed: 20_261_203 },
    );
    expect(lines).toBe(RUNS * PER_SHEET * MODES.length);
  }, 120_000);
});
