/**
 * One period's data as the engine reads it, in slots (its own file so that
 * the data checks, which the engine calls, need not import the engine).
 */
import type { Period } from "../eval/periods.ts";
import type { Decimal } from "../eval/decimal.ts";
import type { EventInput } from "./frame.ts";

/** One period to settle: its inputs by slot and its events by event slot (each list in date order). */
export interface PeriodInput {
  readonly period: Period;
  readonly inputs: readonly (Decimal | undefined)[];
  readonly events: readonly (readonly EventInput[])[];
}
