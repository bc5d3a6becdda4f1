/**
 * The periods of a term (docs/language.md §6) and their facts (docs/language.md §4: days,
 * period_index, contract_year, period_start, period_end), computed once per
 * distinct term and shared by every program on it: a portfolio of deals on
 * the same term computes its calendar once. Facts are made on first use,
 * so a program that never reads period_start never parses a date.
 */
import { addDays, parseDate } from "../eval/dates.ts";
import type { CalendarDate } from "../eval/dates.ts";
import { Decimal } from "../eval/decimal.ts";
import { MONTHS_PER_PERIOD, periodsOf } from "../eval/periods.ts";
import type { Period, TermSpec } from "../eval/periods.ts";
import type { TermDates } from "../builtins/builtin.ts";
import type { PeriodFacts } from "./frame.ts";

export interface TermPeriods {
  /** Every period of the term, in order. Shared: never change them. */
  readonly periods: readonly Period[];
  /** The facts of a period (of this term, or any other period given). */
  factsOf(period: Period): PeriodFacts;
}

class LazyFacts implements PeriodFacts {
  private d: Decimal | undefined;
  private i: Decimal | undefined;
  private y: Decimal | undefined;
  private s: CalendarDate | undefined;
  private e: CalendarDate | undefined;

  constructor(
    private readonly period: Period,
    private readonly termDates: () => TermDates,
  ) {}

  get days(): Decimal {
    return (this.d ??= Decimal.ofInt(this.period.days));
  }
  get periodIndex(): Decimal {
    return (this.i ??= Decimal.ofInt(this.period.index));
  }
  get contractYear(): Decimal {
    return (this.y ??= Decimal.ofInt(this.period.contractYear));
  }
  get start(): CalendarDate {
    return (this.s ??= date(this.period.start));
  }
  get end(): CalendarDate {
    return (this.e ??= date(this.period.end));
  }
  get term(): TermDates {
    return this.termDates();
  }
}

function date(text: string): CalendarDate {
  // Period dates come from periodsOfTerm and always parse.
  const d = parseDate(text);
  if (d === null) throw new Error(`internal: bad period date ${text}`);
  return d;
}

const cache = new Map<string, TermPeriods>();
const MAX_TERMS = 256;

export function termPeriods(term: TermSpec): TermPeriods {
  const key = `${term.start} ${term.end} ${term.frequency} ${term.generation ?? "forward"} ${term.endOfMonth === true ? "eom" : ""}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const periods = periodsOf(term);
  const facts: (LazyFacts | undefined)[] = new Array(periods.length);
  // The term's dates, for the day counts that read it, made once on first use (a term with periods has valid dates).
  let dates: TermDates | undefined;
  const termDates = (): TermDates => {
    if (dates !== undefined) return dates;
    const [start, end] = [date(term.start), date(term.end)];
    const anchor = term.generation === "backward" ? addDays(end, 1) : start;
    return (dates = { start, end, perYear: 12 / MONTHS_PER_PERIOD[term.frequency], anchor, endOfMonth: term.endOfMonth === true });
  };
  const made: TermPeriods = {
    periods,
    factsOf(period) {
      const i = period.index - 1;
      const own = periods[i];
      if (own === undefined || own.start !== period.start || own.end !== period.end) return new LazyFacts(period, termDates);
      return (facts[i] ??= new LazyFacts(own, termDates));
    },
  };
  // Terms are few; a bound keeps a long-running service from collecting calendars forever.
  if (cache.size >= MAX_TERMS) cache.clear();
  cache.set(key, made);
  return made;
}
