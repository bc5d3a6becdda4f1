/**
 * Each period's payment date (docs/language.md §6 "Payment dates", §12's
 * `payment_date`): the header's `paid` rule on the calendar the artifact
 * carries, resolved at compile time (src/ir/ir.ts `IrCalendar`). No holiday
 * rules are loaded here: the dates in the artifact are the whole calendar.
 * Without `paid`, a period is paid on its end date.
 */
import { calendarOfDays, paymentDateOf } from "../eval/business-days.ts";
import type { BusinessCalendar } from "../eval/business-days.ts";
import { dayNumber, formatDate, fromDayNumber, parseDate } from "../eval/dates.ts";
import type { CalendarDate } from "../eval/dates.ts";
import type { Period } from "../eval/periods.ts";
import type { IrCalendar, TermsHeader } from "../ir/ir.ts";

function date(text: string, what: string): CalendarDate {
  const d = parseDate(text);
  if (d === null) throw new Error(`${what} ${JSON.stringify(text)} is not an ISO date`);
  return d;
}

/** The calendar of the artifact, refusing any day outside the window its holidays were resolved for. */
function windowed(c: IrCalendar): BusinessCalendar {
  const from = dayNumber(date(c.from, `calendar ${c.name}: from`));
  const to = dayNumber(date(c.to, `calendar ${c.name}: to`));
  const known = calendarOfDays(c.holidays.map((h) => dayNumber(date(h, `calendar ${c.name}: holiday`))));
  return {
    isHoliday(day) {
      if (day < from || day > to) {
        throw new Error(`calendar ${c.name} lists holidays from ${c.from} to ${c.to}, not for ${formatDate(fromDayNumber(day))}`);
      }
      return known.isHoliday(day);
    },
  };
}

/**
 * The payment date of each period of the term, worked out once, and of any
 * other period given. Throws when the header's rule or calendar is
 * malformed, or the calendar's window misses a date the rule looks at (an
 * IR the compiler made never does): loadTerms reports that as TN4002.
 */
export function paymentDates(header: TermsHeader, periods: readonly Period[]): (period: Period) => string {
  const rule = header.payment;
  if (rule === undefined) return (period) => period.end;
  const wellFormed = ["following", "modified_following", "preceding"].includes(rule.convention)
    && (rule.lagUnit === "days" || rule.lagUnit === "business_days")
    && (rule.anchor === "period_end" || rule.anchor === "period_start")
    && Number.isSafeInteger(rule.lag) && rule.lag >= 0;
  if (!wellFormed) throw new Error(`the payment rule ${JSON.stringify(rule)} is not one this runtime knows`);
  const c = header.calendars?.[rule.calendar];
  if (c === undefined) throw new Error(`the payment rule names calendar slot ${rule.calendar}, which the header does not have`);
  const calendar = windowed(c);
  const of = (p: Period): string =>
    formatDate(paymentDateOf({ start: date(p.start, "period start"), end: date(p.end, "period end") }, rule, calendar));
  const known = periods.map(of);
  return (period) => {
    const i = period.index - 1;
    const own = periods[i];
    return own !== undefined && own.start === period.start && own.end === period.end ? known[i]! : of(period);
  };
}
