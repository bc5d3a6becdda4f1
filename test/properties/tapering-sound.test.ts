/**
 * Property: the `tapering` proof is sound (docs/language.md §5 "tapering").
 * When the checker accepts a `tapering` schedule, no run ever sees its
 * value rise from one period to the next.
 *
 * Schedules are by contract_year over a five-year monthly term, keyed
 * `year N`, `year N to M` and `year N onward` in a random written order,
 * and their entries are constant expressions built around a value on a
 * grid of one step: the value itself, floor/ceil/round to the step of a
 * value next to a multiple of it (nudged by 10^-19 to 10^-24 of the step,
 * or by 10^-25: where a quotient carried to 20 places lands on the wrong
 * multiple), quotients
 * like 1/3, compound, min/max, abs, tier and marginal. The grid values
 * wander up and down from entry to entry, so the checker both accepts and
 * rejects (TN2052).
 *
 * Each sheet holds 25 such schedules. Those the checker rejects with an
 * error are left out and the sheet is checked again; the rest is settled
 * over 60 months of generated revenue, each schedule read by a line
 * `sharon pays nvidia 1 USD + max(revenue * r<k>, 0 USD)` (always a line,
 * whatever the sign of the value), and its settled value read exactly
 * from the trace entry `r<k>` of the ledger JSON, period by period: it must
 * never be above the value of the period before.
 *
 * Runs: TENOR_TAPERING_CASES schedules (default 10,000, what CI runs: 400
 * sheets of 25), or fewer for a quick local run.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSource, runSource } from "../../src/api.ts";
import type { Diagnostic } from "../../src/api.ts";
import { ledgerToJson } from "../../src/ledger/format-json.ts";
import { add, at, canon, cmp, dec, exactCmp, halfOf, mulInt, neg, shift, tracedValues, type Dec } from "./exact-decimal.ts";
import { decimalText, monthlyStarts } from "./generators.ts";

// ---------------------------------------------------------------- readout (the one place to change if the ledger format moves)

/** Per period, in order, the exact settled value of each schedule `r<k>` (by k), from the ledger's traces. */
function settledSeries(ledgerJson: string): Map<number, string>[] {
  return tracedValues(ledgerJson, /^r(\d+)$/, true);
}

// ---------------------------------------------------------------- exact decimals (independent of src/)

/** A literal: bracketed when negative. */
const lit = (v: Dec): string => (v.n < 0n ? `(-${canon(neg(v))})` : canon(v));

// ---------------------------------------------------------------- generators

interface Step {
  readonly text: string;
  readonly value: Dec;
}

const STEPS: readonly Step[] = [
  { text: "1", value: dec("1") },
  { text: "0.5", value: dec("0.5") },
  { text: "0.25", value: dec("0.25") },
  { text: "0.01", value: dec("0.01") },
  { text: "0.5%", value: dec("0.005") },
  { text: "3", value: dec("3") },
  { text: "0.000000000000000000000001", value: dec("0.000000000000000000000001") },
  { text: "1000000000000", value: dec("1000000000000") },
  { text: "(1 / 3)", value: dec("0.33333333333333333333") },
];

/** A nudge: far below what a quotient carried to 20 places can see, or (the last) just above it. */
const nudgeArb = (step: Dec): fc.Arbitrary<Dec> => fc.constantFrom(shift(step, 22), shift(step, 24), shift(step, 21), dec("0.0000000000000000000000001"), shift(step, 19));

/** An expression whose exact value is the grid value v = k × step, or next to it. */
function entryArb(v: Dec, step: Step, index: number): fc.Arbitrary<string> {
  const s = step.value;
  const up = add(v, s);
  const down = add(v, neg(s));
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(lit(v)) },
    // floor: exactly v, from just below the next multiple, or just above v.
    { weight: 4, arbitrary: nudgeArb(s).map((eps) => `floor(${lit(add(up, neg(eps)))}, ${step.text})`) },
    { weight: 1, arbitrary: nudgeArb(s).map((eps) => `floor(${lit(add(v, eps))}, ${step.text})`) },
    // ceil: exactly v, from just above the multiple below, or just below v.
    { weight: 4, arbitrary: nudgeArb(s).map((eps) => `ceil(${lit(add(down, eps))}, ${step.text})`) },
    { weight: 1, arbitrary: nudgeArb(s).map((eps) => `ceil(${lit(add(v, neg(eps)))}, ${step.text})`) },
    // round: halfway to the next multiple, on it or nudged.
    { weight: 2, arbitrary: fc.tuple(nudgeArb(s), fc.constantFrom(-1, 0, 1)).map(([eps, d]) => `round(${lit(add(add(v, halfOf(s)), mulInt(eps, BigInt(d))))}, ${step.text})`) },
    // Quotients: 1/3 of three times v (plus a third of a step), and v through a third and back.
    { weight: 2, arbitrary: fc.constantFrom(`(${lit(mulInt(v, 3n))} / 3)`, `((${lit(mulInt(v, 3n))} + ${lit(s)}) / 3)`, `(${lit(v)} * (1 / 3) * 3)`, `(${lit(v)} / 3 * 3)`) },
    // compound: v times 1^n, or v shrinking by 1% per entry.
    { weight: 2, arbitrary: fc.constantFrom(`(${lit(v)} * compound(0%, ${index}))`, `(${lit(v)} * compound(-1%, ${index}))`, `(${lit(v)} * compound(1%, ${index % 3}))`) },
    // min/max: v against a neighbour.
    { weight: 2, arbitrary: fc.constantFrom(`min(${lit(v)}, ${lit(up)})`, `max(${lit(v)}, ${lit(down)})`, `min(${lit(up)}, ${lit(v)}, ${lit(add(up, s))})`, `max(${lit(down)}, ${lit(v)})`) },
    { weight: 1, arbitrary: fc.constant(v.n < 0n ? `(-abs(${lit(v)}))` : `abs(${lit(v)})`) },
    // tier/marginal over a table whose every tier is worth 1 (so marginal(…, 0, v) is v for v ≥ 0) or whose value is v's step.
    { weight: 1, arbitrary: fc.constant(v.n < 0n ? lit(v) : `marginal(unit_rate, 0, ${lit(v)})`) },
    { weight: 1, arbitrary: fc.constant(`(tier(unit_rate, ${lit(v)}) * ${lit(v)})`) },
  );
}

const TIERS = "tiers unit_rate { -1000000000000000 to 0: 1  0 to 1.000000000000000000000001: 1  1.000000000000000000000001 onward: 1 }";

interface Schedule {
  readonly step: string;
  /** Entries in key order: the key and the value's text. */
  readonly entries: readonly { readonly key: string; readonly value: string }[];
  /** The entries in written order. */
  readonly written: readonly { readonly key: string; readonly value: string }[];
}

const YEARS = 5;

const scheduleArb: fc.Arbitrary<Schedule> = fc
  .record({
    step: fc.constantFrom(...STEPS),
    cuts: fc.array(fc.boolean(), { minLength: YEARS - 1, maxLength: YEARS - 1 }),
    lastKey: fc.constantFrom("exact", "onward", "beyond"),
    start: fc.integer({ min: -2, max: 6 }),
    walk: fc.array(fc.constantFrom(-2, -1, -1, 0, 0, 0, 1), { minLength: YEARS, maxLength: YEARS }),
    order: fc.array(fc.nat(), { minLength: YEARS, maxLength: YEARS }),
  })
  .chain((g) => {
    const spans: [number, number][] = [];
    let from = 1;
    for (let y = 1; y <= YEARS; y++) {
      if (y === YEARS || g.cuts[y - 1]) {
        spans.push([from, y]);
        from = y + 1;
      }
    }
    let k = g.start;
    const values = spans.map((_, i) => {
      if (i > 0) k += g.walk[i]!;
      return mulInt(g.step.value, BigInt(k));
    });
    return fc.tuple(...values.map((v, i) => entryArb(v, g.step, i))).map((texts) => {
      const entries = spans.map(([a, b], i) => {
        const last = i === spans.length - 1;
        let key = a === b ? `year ${a}` : `year ${a} to ${b}`;
        if (last && g.lastKey === "onward") key = `year ${a} onward`;
        if (last && g.lastKey === "beyond") key = `year ${a} to ${b + 2}`;
        return { key, value: texts[i]! };
      });
      const written = entries
        .map((e, i) => ({ e, k: g.order[i]! }))
        .sort((x, y) => x.k - y.k)
        .map((x) => x.e);
      return { step: g.step.text, entries, written };
    });
  });

const PER_SHEET = 25;
const CASES = Number(process.env["TENOR_TAPERING_CASES"] ?? "10000");
const RUNS = Math.max(1, Math.ceil(CASES / PER_SHEET));
const STARTS = monthlyStarts(2026, 7, 12 * YEARS);
const MODES = ["half_even", "half_up", "down", "up"] as const;

const sheetArb = fc.record({
  mode: fc.constantFrom(...MODES),
  schedules: fc.array(scheduleArb, { minLength: PER_SHEET, maxLength: PER_SHEET }),
  // Revenue in cents per month, often zero.
  revenue: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000_000_000 })), { minLength: STARTS.length, maxLength: STARTS.length }),
});

type Sheet = typeof sheetArb extends fc.Arbitrary<infer T> ? T : never;

function scheduleText(s: Schedule, k: number): string {
  return `schedule r${k} by contract_year, tapering {\n${s.written.map((e) => `  ${e.key}: ${e.value}\n`).join("")}}`;
}

/** The sheet with the schedules in `keep`, and where each schedule's text lies. */
function sheetText(sheet: Sheet, keep: ReadonlySet<number>): { text: string; spans: { k: number; start: number; end: number }[] } {
  let text = `deal "Tapering soundness"
parties { nvidia: "NVIDIA Corporation" sharon: "Sharon AI" }
term 2026-07-01 to ${2026 + YEARS}-06-30, monthly
currency USD, rounding ${sheet.mode}
input revenue: USD
${TIERS}
`;
  const spans: { k: number; start: number; end: number }[] = [];
  for (const k of keep) {
    const s = scheduleText(sheet.schedules[k]!, k);
    spans.push({ k, start: text.length, end: text.length + s.length });
    text += `${s}\n`;
  }
  text += "clause readout {\n";
  for (const k of keep) text += `  sharon pays nvidia 1 USD + max(revenue * r${k}, 0 USD)\n`;
  text += "}\n";
  return { text, spans };
}

const describeSchedule = (s: Schedule, k: number) => `${scheduleText(s, k)}\n(in key order: ${s.entries.map((e) => `${e.key}: ${e.value}`).join("; ")})`;

const counts = { schedules: 0, accepted: 0, rejected: 0, rejectedOther: 0 };

describe("tapering schedules: the checker's proof holds at run time", () => {
  it(`a schedule the checker accepts as tapering never settles higher than in the period before (${RUNS * PER_SHEET} schedules)`, () => {
    fc.assert(
      fc.property(sheetArb, (sheet) => {
        const keep = new Set(sheet.schedules.map((_, k) => k));
        // Leave out every schedule the checker rejects; check again until it accepts the rest.
        for (;;) {
          const { text, spans } = sheetText(sheet, keep);
          const errors = checkSource(text).diagnostics.filter((d: Diagnostic) => d.severity === "error");
          if (errors.length === 0) break;
          for (const d of errors) {
            const hit = d.range === undefined ? undefined : spans.find((s) => d.range!.start >= s.start && d.range!.start <= s.end);
            if (hit === undefined) throw new Error(`an error outside the generated schedules (a generator bug): ${d.code} ${d.message}\n${text}`);
            if (keep.delete(hit.k)) {
              if (d.code === "TN2052") counts.rejected++;
              else counts.rejectedOther++;
            }
          }
        }
        counts.schedules += sheet.schedules.length;
        counts.accepted += keep.size;
        if (keep.size === 0) return;
        const { text } = sheetText(sheet, keep);
        const periods = STARTS.map((period, i) => ({ period, revenue: decimalText(sheet.revenue[i]!, 2) }));
        const result = runSource(text, [{ name: "inputs.json", text: JSON.stringify({ periods }) }]);
        if (result.ledger === null) {
          // The checker proved every value constant; refusing one at run time is a disagreement too.
          throw new Error(`the checker accepted the sheet but the run failed: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}\n${text}`);
        }
        const series = settledSeries(ledgerToJson(result.ledger, { trace: true }));
        expect(series.length).toBe(STARTS.length);
        for (const k of keep) {
          let previous: string | null = null;
          series.forEach((values, p) => {
            const value = values.get(k);
            if (value === undefined) throw new Error(`r${k} is missing from the trace of period ${p + 1}`);
            if (previous !== null) {
              expect(
                exactCmp(value, previous) <= 0,
                `accepted as tapering, but r${k} rises from ${previous} in period ${p} to ${value} in period ${p + 1} (${STARTS[p]}):\n${describeSchedule(sheet.schedules[k]!, k)}`,
              ).toBe(true);
            }
            previous = value;
          });
        }
      }),
      { numRuns: RUNS },
    );
    // Both outcomes must be common, or the property says little (a full-size draw accepts about 55%).
    if (CASES >= 500) {
      expect(counts.accepted).toBeGreaterThan(counts.schedules / 5);
      expect(counts.rejected).toBeGreaterThan(counts.schedules / 5);
    }
  });
});
