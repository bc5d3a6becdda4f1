/**
 * The settlement ledger: docs/language.md §12, the contract with every consumer.
 * Field names and meanings are fixed; money is a string with exactly the
 * currency's decimals. `trace` is an addition that explains a line.
 */

/** One named value that produced a line: an input, constant, schedule rate, let, event argument or period fact. */
export interface TraceEntry {
  readonly name: string;
  /** Canonical decimal text (money and quantities alike), or an ISO date, or "true"/"false". */
  readonly value: string;
  /** Display unit, e.g. "USD", "USD per gpu_hour"; absent for plain numbers, dates and booleans. */
  readonly unit?: string;
  /**
   * The exact value as a fraction `n/d`, for a number that does not
   * terminate (`31/365`): `value` then reads it to 20 places, half-even.
   * Absent for every other value.
   */
  readonly exact?: string;
}

export interface LedgerLine {
  readonly clause: string;
  readonly title: string;
  readonly payer: string;
  readonly payee: string;
  /** The payment rounded to the currency's minor unit, before the cap. */
  readonly computed: string;
  /** What is paid: `computed` cut to the cap's headroom. */
  readonly amount: string;
  readonly capped: boolean;
  /** The named values that produced the line, in the order they were used. */
  readonly trace: readonly TraceEntry[];
}

export interface LedgerGrant {
  readonly clause: string;
  readonly grantor: string;
  readonly grantee: string;
  readonly quantity: string;
  readonly instrument: string;
  readonly price: string;
}

export interface NetTransfer {
  readonly from: string;
  readonly to: string;
  readonly amount: string;
}

export interface LedgerPeriod {
  readonly index: number;
  readonly start: string;
  readonly end: string;
  /** When the period's amounts are due (ISO): the `paid` rule's date, or `end` without one (docs/language.md §6). */
  readonly payment_date: string;
  readonly contract_year: number;
  readonly days: number;
  readonly lines: readonly LedgerLine[];
  readonly grants: readonly LedgerGrant[];
  /** Present only under `settle net`. */
  readonly net?: readonly NetTransfer[];
}

export interface LedgerTotal {
  readonly payer: string;
  readonly payee: string;
  readonly amount: string;
}

export interface Ledger {
  readonly deal: string;
  readonly currency: string;
  readonly periods: readonly LedgerPeriod[];
  readonly totals: readonly LedgerTotal[];
}

/** `name = value unit`, and `(exactly n/d)` after a value that does not terminate: a trace entry in messages and tables. */
export function traceEntryText(e: TraceEntry): string {
  return `${e.name} = ${e.value}${e.unit === undefined ? "" : ` ${e.unit}`}${e.exact === undefined ? "" : ` (exactly ${e.exact})`}`;
}
