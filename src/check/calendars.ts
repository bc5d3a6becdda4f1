/**
 * Calendars and the payment rule (docs/language.md §6 "Calendars",
 * "Payment dates"): the `calendar` declarations (names, bases, dates) and
 * the `paid` declaration, then the rule resolved for the IR — every holiday
 * of the calendar it names over the dates its payment dates look at, so the
 * artifact carries dates, never rules (src/ir/ir.ts `IrCalendar`).
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { closestName, didYouMean } from "../diagnostics/suggest.ts";
import { paymentDateOf, weekday } from "../eval/business-days.ts";
import type { BusinessCalendar } from "../eval/business-days.ts";
import { dayNumber, formatDate, fromDayNumber, parseDate } from "../eval/dates.ts";
import { BUILTIN_CALENDARS, BUILTIN_YEARS, builtinHolidays, isBuiltinCalendar } from "../eval/holiday-rules.ts";
import type { IrCalendar, IrPaymentRule } from "../ir/ir.ts";
import type { CalendarDecl, Name, PaidDecl, Program } from "../syntax/ast.ts";
import type { TermCalendar } from "./calendar.ts";
import type { CheckContext } from "./context.ts";
import type { Header } from "./declarations.ts";
import { reportDuplicate } from "./names.ts";

/** The longest lag `paid` takes, in days or business days. */
export const MAX_PAYMENT_LAG = 365;

const WEEKDAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** What the header carries for `paid`: the rule and the calendar it uses, resolved. */
export interface ResolvedPayment {
  readonly payment: IrPaymentRule;
  readonly calendars: readonly IrCalendar[];
}

/** A calendar as the checker resolves it: built-in bases reached (through other calendars too) and listed dates. */
interface Resolved {
  readonly builtins: ReadonlySet<string>;
  readonly listed: ReadonlySet<number>;
}

/**
 * Checks the calendars and `paid`. Returns the resolved payment rule for
 * the term's periods, or null when there is no `paid`, no usable `term`,
 * or an error was found.
 */
export function checkCalendars(program: Program, ctx: CheckContext, header: Header, term: TermCalendar | null): ResolvedPayment | null {
  const decls = new Map<string, CalendarDecl>();
  for (const d of program.decls) {
    if (d.kind !== "Calendar" || d.name.text === "") continue;
    if (isBuiltinCalendar(d.name.text)) {
      ctx.error(
        CHECK.calendarRedeclaresBuiltin,
        d.name.range,
        `${d.name.text} is a built-in calendar; give yours another name and extend it: calendar my_${d.name.text}: ${d.name.text} { … }`,
      );
      continue;
    }
    const first = decls.get(d.name.text);
    if (first !== undefined) reportDuplicate(ctx, d.name, first.name, "a calendar");
    else decls.set(d.name.text, d);
  }
  const known = [...BUILTIN_CALENDARS.map((c) => c.name), ...decls.keys()];
  const unknown = (n: Name): boolean => {
    if (isBuiltinCalendar(n.text) || decls.has(n.text)) return false;
    const hint = didYouMean(n.text, known);
    ctx.error(CHECK.unknownCalendar, n.range, `unknown calendar ${n.text}${hint || `; the built-in calendars are ${BUILTIN_CALENDARS.map((c) => c.name).join(", ")}`}`);
    return true;
  };

  const resolved = new Map<string, Resolved | null>();
  for (const d of program.decls) if (d.kind === "Calendar") for (const lit of d.dates) ctx.date(lit);
  for (const d of decls.values()) for (const b of d.bases) unknown(b);
  for (const d of decls.values()) resolve(d, decls, resolved, [], ctx);
  for (const d of decls.values()) warnIdleHolidays(d, resolved, ctx);

  const paid = header.paid;
  if (paid === null) return null;
  const lagOk = checkLag(paid, ctx);
  const anchorOk = checkAnchor(paid, ctx);
  if (unknown(paid.calendar) || !lagOk || !anchorOk || term === null) return null;
  const calendar = isBuiltinCalendar(paid.calendar.text)
    ? { builtins: new Set([paid.calendar.text]), listed: new Set<number>() }
    : resolved.get(paid.calendar.text);
  if (calendar === undefined || calendar === null) return null;
  return resolvePayment(paid, calendar, term, ctx);
}

/** Resolves a calendar and its bases (null when it is part of a cycle or has an unknown base), reporting cycles once. */
function resolve(d: CalendarDecl, decls: ReadonlyMap<string, CalendarDecl>, done: Map<string, Resolved | null>, path: CalendarDecl[], ctx: CheckContext): Resolved | null {
  const known = done.get(d.name.text);
  if (known !== undefined) return known;
  if (path.includes(d)) {
    const loop = [...path.slice(path.indexOf(d)), d].map((c) => c.name.text).join(" → ");
    ctx.error(CHECK.calendarCycle, d.name.range, `calendar ${d.name.text} extends itself (${loop}); remove one of these bases`);
    done.set(d.name.text, null);
    return null;
  }
  const builtins = new Set<string>();
  const listed = new Set<number>();
  let ok = true;
  for (const b of d.bases) {
    if (isBuiltinCalendar(b.text)) {
      builtins.add(b.text);
      continue;
    }
    const base = decls.get(b.text);
    const r = base === undefined ? null : resolve(base, decls, done, [...path, d], ctx);
    if (r === null) {
      ok = false;
      continue;
    }
    for (const x of r.builtins) builtins.add(x);
    for (const x of r.listed) listed.add(x);
  }
  for (const lit of d.dates) {
    const date = lit.text === "" ? null : parseDate(lit.text);
    if (date !== null) listed.add(dayNumber(date));
  }
  // A member of a cycle was already recorded as null while the cycle was reported.
  if (done.get(d.name.text) === null) return null;
  const result = ok ? { builtins, listed } : null;
  done.set(d.name.text, result);
  return result;
}

/** TN2152 on a listed date that is a weekend day, listed twice, or already a holiday of a built-in base. */
function warnIdleHolidays(d: CalendarDecl, resolved: ReadonlyMap<string, Resolved | null>, ctx: CheckContext): void {
  const r = resolved.get(d.name.text);
  const seen = new Set<number>();
  for (const lit of d.dates) {
    const date = lit.text === "" ? null : parseDate(lit.text);
    if (date === null) continue;
    const day = dayNumber(date);
    const w = weekday(date);
    let why: string | null = null;
    if (w >= 6) why = `${lit.text} is a ${WEEKDAY_NAMES[w]}, never a business day`;
    else if (seen.has(day)) why = `${lit.text} is listed twice`;
    else if (r !== undefined && r !== null && date.year >= BUILTIN_YEARS.first && date.year <= BUILTIN_YEARS.last) {
      const base = [...r.builtins].find((b) => builtinHolidays(b, day, day).length > 0);
      if (base !== undefined) why = `${lit.text} is already a holiday of ${base}`;
    }
    seen.add(day);
    if (why !== null) ctx.warning(CHECK.holidayChangesNothing, lit.range, `${why}: listing it changes nothing`);
  }
}

function checkLag(paid: PaidDecl, ctx: CheckContext): boolean {
  const lag = paid.lag;
  if (lag === null) return true;
  if (lag.unit.text !== "days" && lag.unit.text !== "day") {
    const hint = closestName(lag.unit.text, ["days", "day"]);
    ctx.error(CHECK.invalidPaymentLag, lag.unit.range, `a payment lag is counted in days or business days, not ${lag.unit.text}${hint === null ? "" : `; did you mean ${hint}?`}`);
    return false;
  }
  const digits = lag.count.digits;
  if (!/^\d+$/.test(digits) || Number(digits) > MAX_PAYMENT_LAG) {
    ctx.error(CHECK.invalidPaymentLag, lag.count.range, `a payment lag is a whole number of days from 0 to ${MAX_PAYMENT_LAG}, not ${digits}`);
    return false;
  }
  return true;
}

function checkAnchor(paid: PaidDecl, ctx: CheckContext): boolean {
  const a = paid.anchor.text;
  if (a === "period_end" || a === "period_start") return true;
  const hint = closestName(a, ["period_end", "period_start"]);
  const how = paid.lag === null ? "paid on period_end" : "paid N days after period_end";
  ctx.error(
    CHECK.invalidPaymentAnchor,
    paid.anchor.range,
    `payment dates count from period_end or period_start, not ${a}${hint === null ? "" : `; did you mean ${hint}?`} (e.g. ${how})`,
  );
  return false;
}

/**
 * The IR's rule and calendar. The payment dates are computed here once on
 * the calendar's full rules, recording every day looked at; the IR then
 * lists the holidays over those days (and the term), which is all a
 * runtime doing the same computation will ask about.
 */
function resolvePayment(paid: PaidDecl, calendar: Resolved, term: TermCalendar, ctx: CheckContext): ResolvedPayment | null {
  const lag = paid.lag;
  const rule: IrPaymentRule = {
    anchor: paid.anchor.text === "period_start" ? "period_start" : "period_end",
    lag: lag === null ? 0 : Number(lag.count.digits),
    lagUnit: lag !== null && lag.business ? "business_days" : "days",
    convention: paid.convention,
    calendar: 0,
  };
  const builtins = [...calendar.builtins];
  const years = new Map<number, ReadonlySet<number>>();
  let outside: number | null = null;
  let lo = dayNumber(parseDate(term.startIso)!);
  let hi = dayNumber(parseDate(term.endIso)!);
  const holidaysOfYear = (year: number): ReadonlySet<number> => {
    let set = years.get(year);
    if (set === undefined) {
      const days = new Set<number>();
      if (year < BUILTIN_YEARS.first || year > BUILTIN_YEARS.last) {
        if (builtins.length > 0) outside ??= year;
      } else {
        const from = dayNumber(parseDate(`${year}-01-01`)!);
        const to = dayNumber(parseDate(`${year}-12-31`)!);
        for (const b of builtins) for (const n of builtinHolidays(b, from, to)) days.add(n);
      }
      set = days;
      years.set(year, set);
    }
    return set;
  };
  const recording: BusinessCalendar = {
    isHoliday(day) {
      if (day < lo) lo = day;
      if (day > hi) hi = day;
      return calendar.listed.has(day) || holidaysOfYear(fromDayNumber(day).year).has(day);
    },
  };
  for (const p of term.periods) {
    paymentDateOf({ start: parseDate(p.start)!, end: parseDate(p.end)! }, rule, recording);
  }
  if (outside !== null) {
    ctx.error(
      CHECK.calendarYearsNotCovered,
      paid.calendar.range,
      `the rules of ${builtins.join(" and ")} are written for ${BUILTIN_YEARS.first} through ${BUILTIN_YEARS.last}; this term's payment dates need ${outside}` +
        `${isBuiltinCalendar(paid.calendar.text) ? "" : ` (calendar ${paid.calendar.text} extends ${builtins.join(" and ")})`}`,
    );
    return null;
  }
  const days = new Set<number>();
  for (const day of calendar.listed) if (day >= lo && day <= hi && weekday(fromDayNumber(day)) < 6) days.add(day);
  for (const b of builtins) for (const day of builtinHolidays(b, lo, hi)) days.add(day);
  const holidays = [...days].sort((a, b) => a - b).map((day) => formatDate(fromDayNumber(day)));
  return {
    payment: rule,
    calendars: [{ name: paid.calendar.text, from: formatDate(fromDayNumber(lo)), to: formatDate(fromDayNumber(hi)), holidays }],
  };
}
