/**
 * The data against what the term sheet declares it may be (docs/language.md
 * §5 "Declared ranges", §11 "Input errors"): each period's inputs inside
 * their declared ranges (TN3129), and no more events of a kind in a window
 * than `at most N per …` allows (TN3130). Checked after the inputs are read
 * and before any clause runs, so a ledger is never built on data the terms
 * rule out. Every defect is reported, each naming the period and the field.
 *
 * Event counts run over the periods settled, in date order, like cap uses:
 * the count of a window starts afresh when a new window begins, and lives in
 * the engine's state so that settling period by period from snapshots
 * counts exactly as a whole run does.
 */
import { INPUT } from "../diagnostics/codes/input.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { Decimal } from "../eval/decimal.ts";
import type { Period } from "../eval/periods.ts";
import { inputError } from "../inputs/input-error.ts";
import type { IrEventLimit } from "../ir/ir.ts";
import { windowKey } from "./caps.ts";
import type { PeriodInput } from "./period-input.ts";
import { Frame } from "./frame.ts";
import type { PreparedBound, PreparedProgram } from "./prepare.ts";
import { asRunError } from "./run-error.ts";

/** How many events of one kind the current window has seen: the window as a cap's key (0 for the term). */
export interface EventCount {
  key: number;
  count: number;
}

/** Fresh counts, one per event slot (null: none counted yet). */
export function newEventCounts(program: PreparedProgram): (EventCount | null)[] {
  return program.header.events.map(() => null);
}

/** True when some event of the terms has a count bound (what a snapshot must then carry). */
export function hasEventLimits(program: PreparedProgram): boolean {
  return program.header.events.some((e) => e.limit !== undefined);
}

/** The defects of one period's data, counting its events on into `counts`. */
export function checkPeriodData(program: PreparedProgram, input: PeriodInput, counts: (EventCount | null)[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkRanges(program, input, out);
  checkCounts(program, input, counts, out);
  return out;
}

/** The defects of a whole run's data, periods in order from period 1. */
export function checkRunData(program: PreparedProgram, periods: readonly PeriodInput[]): Diagnostic[] {
  if (program.ranges.length === 0 && !hasEventLimits(program)) return [];
  const counts = newEventCounts(program);
  return periods.flatMap((p) => checkPeriodData(program, p, counts));
}

/** The range defects of one period's inputs alone (what a service can check when a row arrives, before its events are counted). */
export function checkPeriodRanges(program: PreparedProgram, input: PeriodInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkRanges(program, input, out);
  return out;
}

function checkRanges(program: PreparedProgram, input: PeriodInput, out: Diagnostic[]): void {
  if (program.ranges.length === 0) return;
  const period = input.period;
  const frame = new Frame(period, program.factsOf(period), input.inputs, input.events, program.constCount, program.scheduleCount);
  for (const r of program.ranges) {
    const value = input.inputs[r.slot];
    if (value === undefined) continue; // reported by the inputs reader
    const decl = program.header.inputs[r.slot]!;
    const field = `period ${period.start}: input "${decl.name}"`;
    const unit = shownUnit(decl.unit);
    const low = boundValue(r.low, frame, field, out);
    const high = boundValue(r.high, frame, field, out);
    if (low !== null && value.lt(low)) {
      out.push(inputError(INPUT.outsideRange, `${field} is ${amount(value, unit)}, below its lower bound ${boundText(r.low!, low, unit)}`));
    } else if (high !== null && value.gt(high)) {
      out.push(inputError(INPUT.outsideRange, `${field} is ${amount(value, unit)}, above its upper bound ${boundText(r.high!, high, unit)}`));
    }
  }
}

/** A bound's value for the period, or null (no bound, or one that failed: then reported). */
function boundValue(b: PreparedBound | null, frame: Frame, field: string, out: Diagnostic[]): Decimal | null {
  if (b === null) return null;
  try {
    const v = b.ev(frame);
    return v instanceof Decimal ? v : null;
  } catch (e) {
    const err = asRunError(e);
    out.push({ code: err.code, severity: "error", message: `${field}: its range's bound ${b.text} cannot be computed: ${err.detail}` });
    return null;
  }
}

function checkCounts(program: PreparedProgram, input: PeriodInput, counts: (EventCount | null)[], out: Diagnostic[]): void {
  const period = input.period;
  program.header.events.forEach((decl, slot) => {
    const limit = decl.limit;
    if (limit === undefined) return;
    const key = windowKey(limit.per, period);
    let c = counts[slot] ?? null;
    if (c === null || c.key !== key) {
      c = { key, count: 0 };
      counts[slot] = c;
    }
    for (const e of input.events[slot] ?? []) {
      c.count += 1;
      if (c.count <= limit.count) continue;
      out.push(inputError(
        INPUT.tooManyEventsInWindow,
        `period ${period.start}: event "${decl.name}" on ${e.date} is the ${ordinal(c.count)} ${windowText(limit, period)}, ` +
        `but the term sheet allows at most ${limit.count} per ${limit.per}`,
      ));
    }
  });
}

function windowText(limit: IrEventLimit, period: Period): string {
  switch (limit.per) {
    case "term": return "in the term";
    case "contract_year": return `in contract year ${period.contractYear}`;
    case "period": return "in the period";
  }
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st… */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

/** The unit as messages write it after a value: nothing for plain numbers. */
function shownUnit(unit: string): string {
  return unit === "" || unit === "number" ? "" : unit;
}

function amount(v: Decimal, unit: string): string {
  return unit === "" ? v.toString() : `${v.toString()} ${unit}`;
}

/** `0 USD`, or `capacity_hours = 100 gpu_hour` when the bound as written is not its value. */
function boundText(b: PreparedBound, value: Decimal, unit: string): string {
  const shown = amount(value, unit);
  return b.text === shown ? shown : `${b.text} = ${shown}`;
}
