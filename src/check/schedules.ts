/**
 * Schedules (docs/language.md §5 "schedule"): step tables keyed by contract year, period or date.
 * Every value has one type; every contract year (period, period start) of
 * the term is covered exactly once; a `tapering` schedule is proven never
 * to rise, by evaluating its constant values exactly.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import type { Range } from "../diagnostics/range.ts";
import { Decimal } from "../eval/decimal.ts";
import type { Expr, NumberLit, ScheduleDecl, ScheduleEntry } from "../syntax/ast.ts";
import type { Type } from "./checked-program.ts";
import type { ConstEvaluator } from "./const-eval.ts";
import type { CheckContext } from "./context.ts";
import type { ExprChecker, ExprEnv } from "./expressions.ts";
import { ERROR_TYPE, sameType, unitWord } from "../types/types.ts";

/** Types every entry of a schedule; the schedule's type is their common type. */
export function typeSchedule(s: ScheduleDecl, ctx: CheckContext, exprs: ExprChecker, env: ExprEnv): Type {
  let common: Type | null = null;
  let first: ScheduleEntry | null = null;
  let mismatch = false;
  for (const entry of s.entries) {
    const t = exprs.check(entry.value, env);
    if (t.kind === "error") continue;
    if (common === null || first === null) {
      common = t;
      first = entry;
    } else if (!sameType(common, t)) {
      mismatch = true;
      ctx.error(
        CHECK.scheduleValueMismatch,
        entry.value.range,
        `every value of ${s.name.text} must have the same unit, but ${keyText(s, first)} is ${unitWord(common)} and ${keyText(s, entry)} is ${unitWord(t)}`,
        [{ range: first.value.range, message: `${keyText(s, first)} is ${unitWord(common)}` }],
      );
    }
  }
  return common === null || mismatch ? ERROR_TYPE : common;
}

/** A key as written: `year 2`, `period 3 to 5`, `2027-07-01 onward`. */
export function keyText(s: ScheduleDecl, entry: ScheduleEntry): string {
  const k = entry.key;
  const word = s.basis === "period" ? "period" : "year";
  const from = k.kind === "IndexKey" ? `${word} ${k.from.digits}` : k.from.text;
  if (k.onward) return `${from} onward`;
  if (k.to !== null) return `${from} to ${k.kind === "IndexKey" ? k.to.digits : k.to.text}`;
  return from;
}

interface Span {
  readonly entry: ScheduleEntry;
  readonly from: number;
  /** Inclusive; Infinity for `onward`. */
  readonly to: number;
}

interface DateSpan {
  readonly entry: ScheduleEntry;
  readonly from: string;
  /** Inclusive ISO date; "~" (after every date) for `onward`. */
  readonly to: string;
}

const AFTER_ALL_DATES = "~";

/** Checks keys, coverage and (for `tapering`) monotonicity of one typed schedule. */
export function checkScheduleShape(s: ScheduleDecl, type: Type, ctx: CheckContext, consts: ConstEvaluator): void {
  if (s.basis === "date") {
    const spans = dateSpans(s, ctx);
    if (spans !== null) checkDateCoverage(s, spans, ctx);
  } else {
    const spans = indexSpans(s, ctx);
    if (spans !== null) checkIndexCoverage(s, spans, ctx);
  }
  if (s.tapering && type.kind === "number") checkTapering(s, ctx, consts);
}

/** A whole number ≥ 1 written plainly, or null. */
function wholeKey(lit: NumberLit): number | null {
  if (lit.scale !== null || lit.percent || lit.unit !== null) return null;
  const v = Decimal.parse(lit.digits)?.toSafeInt() ?? null;
  return v !== null && v >= 1 ? v : null;
}

function indexSpans(s: ScheduleDecl, ctx: CheckContext): Span[] | null {
  const word = s.basis === "period" ? "period" : "year";
  const spans: Span[] = [];
  let ok = true;
  for (const entry of s.entries) {
    const k = entry.key;
    if (k.kind !== "IndexKey") {
      ctx.error(CHECK.invalidScheduleKey, k.range, `${s.name.text} is by ${s.basis}: expected keys like ${word} 2, ${word} 2 to 4 or ${word} 5 onward, not dates`);
      ok = false;
      continue;
    }
    const from = wholeKey(k.from);
    const to = k.to === null ? (k.onward ? Infinity : from) : wholeKey(k.to);
    if (from === null || to === null) {
      const bad = from === null ? k.from : k.to!;
      ctx.error(CHECK.invalidScheduleKey, bad.range, `a ${word} must be a whole number from 1 up, not ${bad.digits}`);
      ok = false;
      continue;
    }
    if (to < from) {
      ctx.error(CHECK.invalidScheduleKey, k.range, `${word} ${from} to ${to} is empty: the end must not come before the start`);
      ok = false;
      continue;
    }
    spans.push({ entry, from, to });
  }
  return ok ? spans : null;
}

function dateSpans(s: ScheduleDecl, ctx: CheckContext): DateSpan[] | null {
  const spans: DateSpan[] = [];
  let ok = true;
  for (const entry of s.entries) {
    const k = entry.key;
    if (k.kind !== "DateKey") {
      ctx.error(CHECK.invalidScheduleKey, k.range, `${s.name.text} is by date: expected keys like 2027-07-01, 2027-07-01 to 2028-06-30 or 2028-07-01 onward`);
      ok = false;
      continue;
    }
    const from = ctx.dateText(k.from);
    const to = k.to === null ? (k.onward ? AFTER_ALL_DATES : from) : ctx.dateText(k.to);
    if (from === null || to === null) {
      ok = false;
      continue;
    }
    if (to < from) {
      ctx.error(CHECK.invalidScheduleKey, k.range, `${from} to ${to} is empty: the end must not come before the start`);
      ok = false;
      continue;
    }
    spans.push({ entry, from, to });
  }
  return ok ? spans : null;
}

function overlapRelated(s: ScheduleDecl, a: ScheduleEntry, b: ScheduleEntry): { range: Range; message: string }[] {
  return [
    { range: a.key.range, message: `${keyText(s, a)} is here` },
    { range: b.key.range, message: `${keyText(s, b)} is here` },
  ];
}

/** Every contract year (period) 1..N covered exactly once: a sweep over spans sorted by start. */
function checkIndexCoverage(s: ScheduleDecl, spans: Span[], ctx: CheckContext): void {
  const calendar = ctx.calendar;
  if (calendar === null) return;
  const n = s.basis === "period" ? calendar.periodCount : calendar.contractYears;
  const what = s.basis === "period" ? "period" : "contract year";
  const plural = s.basis === "period" ? "periods" : "contract years";
  const name = s.name.text;
  const gap = (a: number, b: number) =>
    ctx.error(
      CHECK.scheduleGap,
      s.name.range,
      `${name} does not cover ${a === b ? `${what} ${a}` : `${plural} ${a} to ${b}`}: every ${what} of the term (1 to ${n}) needs exactly one entry`,
    );
  const sorted = [...spans].sort((x, y) => x.from - y.from);
  let covered = 0; // every index ≤ covered has an entry
  let coveredBy: Span | null = null;
  for (const span of sorted) {
    if (span.from > n) {
      ctx.warning(CHECK.scheduleEntryNeverApplies, span.entry.key.range, `${keyText(s, span.entry)} never applies: the term has ${n} ${n === 1 ? what : plural}`);
      continue;
    }
    if (span.from > covered + 1) gap(covered + 1, span.from - 1);
    if (span.from <= covered && coveredBy !== null) {
      const last = Math.min(covered, span.to);
      ctx.error(
        CHECK.scheduleOverlap,
        s.name.range,
        `${name} covers ${span.from === last ? `${what} ${last}` : `${plural} ${span.from} to ${last}`} twice: ${keyText(s, coveredBy.entry)} and ${keyText(s, span.entry)} overlap`,
        overlapRelated(s, coveredBy.entry, span.entry),
      );
    }
    if (span.to > covered) {
      covered = Math.min(span.to, n);
      coveredBy = span;
    }
  }
  if (covered < n) gap(covered + 1, n);
}

/** By date: entries may not overlap, and every period start of the term falls in exactly one. */
function checkDateCoverage(s: ScheduleDecl, spans: DateSpan[], ctx: CheckContext): void {
  const name = s.name.text;
  const sorted = [...spans].sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  let reach: DateSpan | null = null; // the span reaching furthest so far
  for (const span of sorted) {
    if (reach !== null && span.from <= reach.to) {
      ctx.error(
        CHECK.scheduleOverlap,
        s.name.range,
        `${name} has overlapping entries: ${keyText(s, reach.entry)} and ${keyText(s, span.entry)} both cover ${span.from}`,
        overlapRelated(s, reach.entry, span.entry),
      );
    }
    if (reach === null || span.to > reach.to) reach = span;
  }
  const calendar = ctx.calendar;
  if (calendar === null) return;
  const starts = calendar.periodStarts;
  // Two pointers over sorted spans and period starts: linear in both.
  const hits = new Set<DateSpan>();
  let gapFrom: string | null = null;
  let gapTo = "";
  const flush = () => {
    if (gapFrom === null) return;
    const which = gapFrom === gapTo ? `the period starting ${gapFrom}` : `the periods starting ${gapFrom} to ${gapTo}`;
    ctx.error(CHECK.scheduleGap, s.name.range, `${name} does not cover ${which}: every period start of the term needs exactly one entry`);
    gapFrom = null;
  };
  let i = 0;
  for (const start of starts) {
    while (i < sorted.length && sorted[i]!.to < start) i++;
    let found: DateSpan | null = null;
    for (let j = i; j < sorted.length && sorted[j]!.from <= start; j++) {
      if (sorted[j]!.to >= start) {
        found = sorted[j]!;
        break;
      }
    }
    if (found !== null) {
      hits.add(found);
      flush();
    } else {
      if (gapFrom === null) gapFrom = start;
      gapTo = start;
    }
  }
  flush();
  for (const span of sorted) {
    // An entry shadowed by an overlap is already an error; warn only when no period start falls in it at all.
    if (!hits.has(span) && !startsWithin(starts, span)) {
      ctx.warning(CHECK.scheduleEntryNeverApplies, span.entry.key.range, `${keyText(s, span.entry)} never applies: no period of the term starts in it`);
    }
  }
}

/** Whether some period start (ascending ISO dates) lies in [span.from, span.to]. */
function startsWithin(starts: readonly string[], span: DateSpan): boolean {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < span.from) lo = mid + 1;
    else hi = mid;
  }
  return lo < starts.length && starts[lo]! <= span.to;
}

/** Brief §5: `tapering` asks for a proof that values never increase in key order. */
function checkTapering(s: ScheduleDecl, ctx: CheckContext, consts: ConstEvaluator): void {
  const values: { entry: ScheduleEntry; value: Decimal }[] = [];
  let ok = true;
  for (const entry of s.entries) {
    const v = consts.eval(entry.value);
    if (v instanceof Decimal) values.push({ entry, value: v });
    else {
      ok = false;
      if (ctx.types.get(entry.value)?.kind === "error") continue;
      ctx.error(
        CHECK.taperingNotConstant,
        entry.value.range,
        `${s.name.text} is tapering, so its values must be constants (numbers, consts and arithmetic on them) that the checker can compare`,
      );
    }
  }
  if (!ok) return;
  values.sort((a, b) => compareKeys(a.entry, b.entry));
  for (let i = 1; i < values.length; i++) {
    const prev = values[i - 1]!;
    const cur = values[i]!;
    if (cur.value.gt(prev.value)) {
      ctx.error(
        CHECK.scheduleRises,
        cur.entry.value.range,
        `${s.name.text} rises from ${valueText(prev.entry.value, prev.value)} in ${keyText(s, prev.entry)} to ${valueText(cur.entry.value, cur.value)} in ${keyText(s, cur.entry)}; a tapering schedule must never increase`,
        [{ range: prev.entry.value.range, message: `${keyText(s, prev.entry)}: ${valueText(prev.entry.value, prev.value)}` }],
      );
      return;
    }
  }
}

function compareKeys(a: ScheduleEntry, b: ScheduleEntry): number {
  if (a.key.kind === "IndexKey" && b.key.kind === "IndexKey") {
    return (Decimal.parse(a.key.from.digits) ?? Decimal.ZERO).cmp(Decimal.parse(b.key.from.digits) ?? Decimal.ZERO);
  }
  if (a.key.kind === "DateKey" && b.key.kind === "DateKey") {
    return a.key.from.text < b.key.from.text ? -1 : a.key.from.text > b.key.from.text ? 1 : 0;
  }
  return 0;
}

/** A value as the lawyer wrote it (`12.5%`, `6.3 billion USD`), or its exact decimal. */
function valueText(e: Expr, v: Decimal): string {
  if (e.kind !== "NumberLit") return v.toString();
  let text = e.digits;
  if (e.scale !== null) text += ` ${e.scale}`;
  if (e.percent) text += "%";
  if (e.unit !== null) {
    text += ` ${e.unit.numerator.map((n) => n.text).join(" ")}`;
    if (e.unit.denominator.length > 0) text += ` per ${e.unit.denominator.map((n) => n.text).join(" ")}`;
  }
  return text;
}
