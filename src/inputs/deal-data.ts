/**
 * Observed period data and events, validated against the deal (docs/language.md §11):
 * what the interpreter consumes. Loaders (JSON, CSV) produce it or report
 * every defect as an input diagnostic naming the row/period and the field.
 */
import type { Decimal } from "../eval/decimal.ts";

/** One data row: the period it belongs to (its start date) and a value for every declared input. */
export interface PeriodRow {
  /** ISO start date of the period; rows are contiguous from period 1. */
  readonly period: string;
  readonly values: ReadonlyMap<string, Decimal>;
}

/** A dated occurrence of a declared event with every declared argument. */
export interface EventOccurrence {
  readonly date: string;
  readonly event: string;
  readonly args: ReadonlyMap<string, Decimal>;
}

export interface DealData {
  readonly periods: readonly PeriodRow[];
  /** Sorted by date; equal dates keep input order. */
  readonly events: readonly EventOccurrence[];
}
