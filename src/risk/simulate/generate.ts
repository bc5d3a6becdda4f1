/**
 * One scenario's data, period by period (docs/risk.md "Paths"): each input's
 * path advanced in whole ticks, clamped to its bounds and to the range the
 * terms declare for that period, and the period's events drawn as Poisson
 * counts within their `at most N per …` bounds. The engine's own input type
 * comes out (PeriodInput), exact decimals throughout.
 *
 * Draw order within a period, fixed so that a seed means one set of data:
 * each correlation group's common shock (groups in model order), then each
 * input in the order it is computed (after the inputs its bounds use;
 * otherwise declaration order) — one draw for a uniform or a walk after
 * period 1, none for constants and ramps — then each modelled event in
 * declaration order: its count, then per event its day and its arguments
 * in parameter order.
 */
import { SIMULATE } from "../../diagnostics/codes/simulate.ts";
import { addDays, formatDate, parseDate } from "../../eval/dates.ts";
import { Decimal } from "../../eval/decimal.ts";
import type { Period } from "../../eval/periods.ts";
import { windowKey } from "../../runtime/caps.ts";
import { Frame } from "../../runtime/frame.ts";
import type { EventInput } from "../../runtime/frame.ts";
import type { PeriodInput } from "../../runtime/period-input.ts";
import type { PreparedProgram, PreparedRange } from "../../runtime/prepare.ts";
import type { BoundPlan, ModelPlan, PathPlan } from "./model.ts";
import { drawPoisson } from "./poisson.ts";
import type { Rng } from "./prng.ts";
import { SimulateError } from "./simulate-error.ts";

/** Shocks are multiples of 2^-20 of a path's step: fine enough, and small in BigInt. */
const SHOCK_BITS = 20n;
const SHOCK_ONE = 1n << SHOCK_BITS;

const POW10: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

/** Ticks of 10^-places as exact decimal text. */
export function ticksText(t: bigint, places: number): string {
  if (places === 0) return t.toString();
  const neg = t < 0n;
  const digits = (neg ? -t : t).toString().padStart(places + 1, "0");
  return `${neg ? "-" : ""}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

const STEPS: Decimal[] = [];
/** 10^-places, remembered. */
function stepOf(places: number): Decimal {
  return (STEPS[places] ??= toDecimal(1n, places));
}

function toDecimal(t: bigint, places: number): Decimal {
  return Decimal.parse(ticksText(t, places))!;
}

/** A decimal as ticks, rounded down (floor) or up (ceil). */
function toTicks(d: Decimal, places: number, up: boolean): bigint {
  const scaled = d.mul(Decimal.parse(POW10[places]!.toString())!);
  return BigInt((up ? scaled.ceil() : scaled.floor()).toFixed(0));
}

/** What a scenario carries from one period to the next. */
export class ScenarioState {
  /** Each path's level, by input slot (null before period 1). */
  readonly levels: (bigint | null)[];
  /** Events counted in the current window of each event's `at most N per …`, by event slot. */
  readonly counts: ({ key: number; count: number } | null)[];
  constructor(program: PreparedProgram) {
    this.levels = program.header.inputs.map(() => null);
    this.counts = program.header.events.map(() => null);
  }
}

export class ScenarioGenerator {
  private readonly ranges: (PreparedRange | undefined)[];
  private readonly lastIndex: number;

  constructor(private readonly program: PreparedProgram, private readonly plan: ModelPlan) {
    this.ranges = program.header.inputs.map((_, slot) => program.ranges.find((r) => r.slot === slot));
    this.lastIndex = program.periods.length;
  }

  /** The data of `period` in one scenario, advancing `state`. */
  period(rng: Rng, period: Period, state: ScenarioState): PeriodInput {
    const program = this.program;
    const inputs: (Decimal | undefined)[] = new Array(program.header.inputs.length);
    const noEvents: EventInput[][] = program.header.events.map(() => []);
    // The bounds the terms declare read other inputs of the period: a frame over the inputs as they are filled in.
    // Only terms that declare ranges need it.
    const frame = program.ranges.length === 0 ? null : new Frame(period, program.factsOf(period), inputs, noEvents, program.constCount, program.scheduleCount);
    const common = this.plan.groups.map(() => (period.index > 1 ? signedShock(rng) : 0n));
    for (const path of this.plan.order) inputs[path.slot] = this.value(rng, path, period, state, inputs, frame, common);
    return { period, inputs, events: this.events(rng, period, state) };
  }

  private value(rng: Rng, p: PathPlan, period: Period, state: ScenarioState, inputs: (Decimal | undefined)[], frame: Frame | null, common: readonly bigint[]): Decimal {
    const low = this.bound(p.low, p.places, inputs, false);
    const high = this.bound(p.high, p.places, inputs, true);
    let level: bigint;
    const prev = state.levels[p.slot] ?? null;
    switch (p.kind) {
      case "constant":
        level = p.start;
        break;
      case "ramp": {
        const n = BigInt(this.lastIndex - 1);
        level = n === 0n ? p.start : p.start + ((p.end - p.start) * BigInt(period.index - 1)) / n;
        break;
      }
      case "uniform": {
        const [lo, hi] = this.uniformBounds(p, low, high, period, frame);
        if (lo > hi) throw emptyRange(p, period, ticksText(lo, p.places), ticksText(hi, p.places));
        level = rng.between(lo, hi);
        break;
      }
      case "random_walk":
      case "mean_reverting": {
        if (prev === null) {
          level = p.start;
          break;
        }
        const own = signedShock(rng);
        // In a group: weight × the common shock + (1 − weight) × its own (docs/risk.md "Correlation").
        let shock = (p.step * own) / SHOCK_ONE;
        if (p.group >= 0) {
          const [wn, wd] = this.plan.groups[p.group]!.weight;
          shock = (p.step * (wn * common[p.group]! + (wd - wn) * own)) / (wd * SHOCK_ONE);
        }
        const pull = p.kind === "mean_reverting" ? ((p.mean - prev) * p.speed[0]) / p.speed[1] : 0n;
        level = prev + pull + shock;
        break;
      }
    }
    if (low !== null && level < low) level = low;
    if (high !== null && level > high) level = high;
    if (low !== null && high !== null && low > high) throw emptyRange(p, period, ticksText(low, p.places), ticksText(high, p.places));
    let value = toDecimal(level, p.places);
    if (p.of !== null) value = value.mul(inputs[p.of]!).floorToStep(stepOf(p.valuePlaces));
    // The range the terms declare is the last word: data outside it would be refused by every settling path.
    const r = this.ranges[p.slot];
    if (r !== undefined && frame !== null) {
      const dl = r.low === null ? null : (r.low.ev(frame) as Decimal);
      const dh = r.high === null ? null : (r.high.ev(frame) as Decimal);
      if (dl !== null && dh !== null && dl.gt(dh)) throw emptyRange(p, period, dl.toString(), dh.toString(), true);
      // The model's bounds and the declared range must meet: a model that can only give refused data is wrong, not clamped.
      if (p.of === null && low !== null && dh !== null && toDecimal(low, p.places).gt(dh)) throw emptyRange(p, period, `${toDecimal(low, p.places).toString()} (the model's)`, `${dh.toString()} (declared)`, true);
      if (p.of === null && high !== null && dl !== null && toDecimal(high, p.places).lt(dl)) throw emptyRange(p, period, `${dl.toString()} (declared)`, `${toDecimal(high, p.places).toString()} (the model's)`, true);
      if (dl !== null && value.lt(dl)) value = dl;
      if (dh !== null && value.gt(dh)) value = dh;
      if (p.of === null && (dl !== null || dh !== null)) level = toTicks(value, p.places, false);
    }
    state.levels[p.slot] = level;
    return value;
  }

  /** A uniform path's bounds in ticks: the model's, else the declared range's for the period. */
  private uniformBounds(p: PathPlan, low: bigint | null, high: bigint | null, period: Period, frame: Frame | null): [bigint, bigint] {
    const r = this.ranges[p.slot];
    const lo = low ?? (r?.low && frame ? toTicks(r.low.ev(frame) as Decimal, p.places, true) : null);
    const hi = high ?? (r?.high && frame ? toTicks(r.high.ev(frame) as Decimal, p.places, false) : null);
    if (lo === null || hi === null) throw emptyRange(p, period, "?", "?");
    return [lo, hi];
  }

  private bound(b: BoundPlan | null, places: number, inputs: readonly (Decimal | undefined)[], up: boolean): bigint | null {
    if (b === null) return null;
    if ("ticks" in b) return b.ticks;
    return toTicks(inputs[b.input]!, places, !up);
  }

  private events(rng: Rng, period: Period, state: ScenarioState): EventInput[][] {
    const out: EventInput[][] = this.program.header.events.map(() => []);
    if (this.plan.events.length === 0) return out;
    const start = parseDate(period.start)!;
    for (const e of this.plan.events) {
      let count = drawPoisson(rng, e.cdf);
      if (e.limit !== undefined) {
        // The terms allow at most N in the window: the draw is cut to what is left of it.
        const key = windowKey(e.limit.per, period);
        let c = state.counts[e.slot] ?? null;
        if (c === null || c.key !== key) {
          c = { key, count: 0 };
          state.counts[e.slot] = c;
        }
        count = Math.min(count, e.limit.count - c.count);
        c.count += count;
      }
      const list: { date: string; args: Decimal[] }[] = [];
      for (let i = 0; i < count; i++) {
        const day = Number(rng.below(BigInt(period.days)));
        const args = e.args.map((a) => toDecimal(rng.between(a.low, a.high), a.places));
        list.push({ date: formatDate(addDays(start, day)), args });
      }
      // Date order, equal dates in draw order (a stable sort), as the engine reads an inputs file.
      list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
      out[e.slot] = list;
    }
    return out;
  }
}

/** A uniform whole number in [−2^20, 2^20]: a shock in units of 2^-20 of a step. */
function signedShock(rng: Rng): bigint {
  return rng.below(2n * SHOCK_ONE + 1n) - SHOCK_ONE;
}

function emptyRange(p: PathPlan, period: Period, low: string, high: string, declared = false): SimulateError {
  return new SimulateError(
    SIMULATE.emptyRange,
    `inputs.${p.name}`,
    `period ${period.index} (${period.start}): no value of "${p.name}" fits its ${declared ? "bounds and declared range" : "bounds"}: the low bound ${low} is above the high bound ${high}`,
  );
}
