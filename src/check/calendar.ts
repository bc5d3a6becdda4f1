/**
 * The term's calendar as the checker needs it (docs/language.md §6): how many contract
 * years and periods the term has, and which dates start a period. Built on
 * the interpreter's own period computation so both always agree.
 */
import { formatDate, type CalendarDate } from "../eval/dates.ts";
import { periodsOfTerm, type Period } from "../eval/periods.ts";
import type { Frequency, TermGeneration } from "../ir/ir.ts";

export class TermCalendar {
  /** The term's periods, in order (shared: never change them). */
  readonly periods: readonly Period[];
  private startSet: ReadonlySet<string> | null = null;
  /** Start dates of the term's periods, in order (ISO text, which sorts as dates do). */
  readonly periodStarts: readonly string[];
  readonly startIso: string;
  readonly endIso: string;

  /** `start` must not be after `end` (the header check ensures it). */
  constructor(start: CalendarDate, end: CalendarDate, frequency: Frequency, generation: TermGeneration = {}) {
    this.startIso = formatDate(start);
    this.endIso = formatDate(end);
    this.periods = periodsOfTerm(this.startIso, this.endIso, frequency, generation);
    this.periodStarts = this.periods.map((p) => p.start);
  }

  /** Contract year n covers [A+(n−1)y, A+ny); the term has those in which some period starts. */
  get contractYears(): number {
    return this.periods[this.periods.length - 1]?.contractYear ?? 0;
  }

  get periodCount(): number {
    return this.periods.length;
  }

  isPeriodStart(iso: string): boolean {
    this.startSet ??= new Set(this.periodStarts);
    return this.startSet.has(iso);
  }

  /** Whether an ISO date lies within [start, end]. */
  contains(iso: string): boolean {
    return iso >= this.startIso && iso <= this.endIso;
  }
}
