/**
 * What the program-wide names may be in one period (docs/language.md §5
 * "Declared ranges"): each input between its declared ends (the ends
 * evaluated in the same period, so `sold_hours in 0 .. capacity_hours` is
 * at most capacity_hours' top), unbounded where nothing is declared; consts
 * and schedule values from those; the period facts exactly.
 */
import type { PeriodDates, TableRows } from "../../builtins/builtin.ts";
import { Decimal } from "../../eval/decimal.ts";
import type { Period } from "../../eval/periods.ts";
import type { IrInputRange, PeriodFact, TermsIr } from "../../ir/ir.ts";
import type { PeriodFacts } from "../../runtime/frame.ts";
import { entryIndex } from "../../runtime/schedules.ts";
import { BoundError, evaluate, type Scope } from "./evaluate.ts";
import { span, unbounded, type Span } from "./span.ts";
import { date, exactNumber, spanOf, type AbstractValue } from "./values.ts";

const NO_NAMES = (what: string): never => {
  throw new BoundError(`internal: ${what} outside a clause`);
};

export class PeriodValues implements Scope {
  readonly rounding;
  readonly dates: PeriodDates;
  private readonly inputs = new Map<number, Span | "pending">();
  private readonly consts = new Map<number, AbstractValue>();
  private readonly schedules = new Map<number, AbstractValue>();
  private readonly ranges: ReadonlyMap<number, IrInputRange>;

  constructor(
    readonly ir: TermsIr,
    readonly period: Period,
    readonly facts: PeriodFacts,
    readonly tiers: readonly (TableRows | null)[],
  ) {
    this.rounding = ir.header.currency.rounding;
    this.dates = { start: facts.start, end: facts.end, term: facts.term };
    this.ranges = new Map((ir.ranges ?? []).map((r) => [r.input, r]));
  }

  fact(f: PeriodFact): AbstractValue {
    switch (f) {
      case "days": return exactNumber(this.facts.days);
      case "period_index": return exactNumber(this.facts.periodIndex);
      case "contract_year": return exactNumber(this.facts.contractYear);
      case "period_start": return date(this.facts.start);
      case "period_end": return date(this.facts.end);
    }
  }

  input(slot: number): Span {
    const known = this.inputs.get(slot);
    if (known === "pending") return unbounded("the declared ranges run in a circle"); // the checker rules this out (TN2164)
    if (known !== undefined) return known;
    this.inputs.set(slot, "pending");
    const name = this.ir.header.inputs[slot]?.name ?? `input ${slot}`;
    const r = this.ranges.get(slot);
    const lo = r?.low == null ? null : spanOf(evaluate(r.low.value, this));
    const hi = r?.high == null ? null : spanOf(evaluate(r.high.value, this));
    const s = span(
      lo?.lo ?? null,
      hi?.hi ?? null,
      lo === null ? `${name} has no declared lower bound` : lo.whyLo,
      hi === null ? `${name} has no declared upper bound` : hi.whyHi,
    );
    this.inputs.set(slot, s);
    return s;
  }

  constant(slot: number): AbstractValue {
    const known = this.consts.get(slot);
    if (known !== undefined) return known;
    const c = this.ir.consts[slot];
    if (c === undefined) throw new BoundError(`internal: no const ${slot}`);
    const v = evaluate(c.value, this);
    this.consts.set(slot, v);
    return v;
  }

  schedule(slot: number): AbstractValue {
    const known = this.schedules.get(slot);
    if (known !== undefined) return known;
    const s = this.ir.schedules[slot];
    if (s === undefined) throw new BoundError(`internal: no schedule ${slot}`);
    const i = entryIndex(s.basis, s.entries.map((e) => ({ lo: e.from, hi: e.to })), this.period);
    // No entry applies: the run stops with an error here, so it pays nothing from it; zero stands in.
    const v = i < 0 ? exactNumber(Decimal.ZERO) : evaluate(s.entries[i]!.value, this);
    this.schedules.set(slot, v);
    return v;
  }

  let(): AbstractValue {
    return NO_NAMES("a let");
  }

  balance(): Span {
    return NO_NAMES("a balance");
  }

  eventArg(): AbstractValue {
    return NO_NAMES("an event argument");
  }
}
