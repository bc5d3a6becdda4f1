/**
 * Builds checked programs from Tenor source and settles them through the
 * runtime (lowered to IR, prepared, run) over plain-object data, for the
 * runtime's tests.
 */
import { checkProgram } from "../../src/check/check-program.ts";
import type { CheckedProgram } from "../../src/check/checked-program.ts";
import { lowerProgram } from "../../src/compile/lower.ts";
import type { Result } from "../../src/diagnostics/diagnostic.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import type { DealData } from "../../src/inputs/deal-data.ts";
import type { Ledger } from "../../src/ledger/ledger.ts";
import { prepareProgram } from "../../src/runtime/prepare.ts";
import type { PreparedProgram } from "../../src/runtime/prepare.ts";
import { settleData } from "../../src/runtime/settle-data.ts";
import { TenorError } from "../../src/runtime/tenor-error.ts";
import { parseSource } from "../../src/syntax/parse.ts";

/** Parses and checks; fails the test with the diagnostics when the source has errors. */
export function checkedOf(source: string): CheckedProgram {
  const parsed = parseSource(source);
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`parse errors: ${errors.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  const checked = checkProgram(parsed.value);
  const checkErrors = checked.diagnostics.filter((d) => d.severity === "error");
  if (checked.value === null || checkErrors.length > 0) {
    throw new Error(`check errors: ${checkErrors.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  }
  return checked.value;
}

const dec = (text: string): Decimal => {
  const d = Decimal.parse(text);
  if (d === null) throw new Error(`not a decimal: ${text}`);
  return d;
};

export type Row = Readonly<Record<string, string>> & { readonly period: string };
export interface EventRow { readonly date: string; readonly event: string; readonly [arg: string]: string }

/** DealData from rows like `{ period: "2026-07-01", revenue: "100" }`; events must already be in date order. */
export function dealData(rows: readonly Row[], events: readonly EventRow[] = []): DealData {
  return {
    periods: rows.map(({ period, ...values }) => ({
      period,
      values: new Map(Object.entries(values).map(([k, v]) => [k, dec(v)])),
    })),
    events: events.map(({ date, event, ...args }) => ({
      date,
      event,
      args: new Map(Object.entries(args).map(([k, v]) => [k, dec(v)])),
    })),
  };
}

/** The evaluation form of a checked program: lowered to IR and prepared, as the CLI and services run it. */
export function programOf(checked: CheckedProgram): PreparedProgram {
  return prepareProgram(lowerProgram(checked));
}

/** Settles a checked program over validated data: the run-time diagnostic (TN30xx) or the ledger. */
export function evaluate(checked: CheckedProgram, data: DealData): Result<Ledger | null> {
  const r = settleData(programOf(checked), data);
  return { value: r.value, diagnostics: r.diagnostics };
}

export function runDeal(source: string, rows: readonly Row[], events: readonly EventRow[] = []): Result<Ledger | null> {
  return evaluate(checkedOf(source), dealData(rows, events));
}

/** The ledger, failing the test with the diagnostics when there is none. */
export function ledgerOf(source: string, rows: readonly Row[], events: readonly EventRow[] = []): Ledger {
  const r = runDeal(source, rows, events);
  if (r.value === null) throw new Error(`run failed: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return r.value;
}

/** One compact line per ledger line: `1 clause payer>payee computed amount [capped]`. */
export function lines(ledger: Ledger): string[] {
  return ledger.periods.flatMap((p) =>
    p.lines.map((l) => `${p.index} ${l.clause} ${l.payer}>${l.payee} ${l.computed} ${l.amount}${l.capped ? " capped" : ""}`));
}

/** One compact line per net transfer: `1 from>to amount`. */
export function nets(ledger: Ledger): string[] {
  return ledger.periods.flatMap((p) => (p.net ?? []).map((n) => `${p.index} ${n.from}>${n.to} ${n.amount}`));
}

/** The TenorError that `f` throws (fails the test when it throws nothing or something else). */
export function thrown(f: () => unknown): TenorError {
  try {
    f();
  } catch (e) {
    if (e instanceof TenorError) return e;
    throw e;
  }
  throw new Error("no TenorError");
}
