/**
 * Settles a sequence of periods (brief §5–§7): for each period, every
 * clause in declaration order, then netting; totals over the run. Shared by
 * `evaluate` (the data rows of a run) and `runTests` (the periods a test
 * lists). The first run-time error stops the run and is the only
 * diagnostic; the ledger is then null.
 */
import type { Diagnostic, Result } from "../diagnostics/diagnostic.ts";
import type { EventOccurrence } from "../inputs/deal-data.ts";
import type { Ledger, LedgerPeriod } from "../ledger/ledger.ts";
import { ClauseCaps } from "./caps.ts";
import { observeConsecutive, runClause } from "./clause-runner.ts";
import type { ClauseState, PeriodOutput } from "./clause-runner.ts";
import { ConsecutiveHistory } from "./consecutive.ts";
import type { Decimal } from "./decimal.ts";
import { netTransfers, Totals } from "./netting.ts";
import { PeriodContext, RunMemo, Scope } from "./period-context.ts";
import type { Period } from "./periods.ts";
import type { ProgramPlan } from "./program-plan.ts";
import { asRunError } from "./run-error.ts";
import type { RunError } from "./run-error.ts";

/** One period to settle, with its inputs and its events (in date order; equal dates: input order). */
export interface PeriodData {
  readonly period: Period;
  readonly inputs: ReadonlyMap<string, Decimal>;
  readonly events: readonly EventOccurrence[];
}

/**
 * Settles `periods` in order. Caps and consecutive histories run over
 * exactly these periods: the history before the first one is empty.
 */
export function runPeriods(plan: ProgramPlan, periods: readonly PeriodData[]): Result<Ledger | null> {
  const memo = new RunMemo();
  const history = new ConsecutiveHistory();
  const states: ClauseState[] = plan.clauses.map((c) => ({ plan: c, caps: new ClauseCaps(c.caps, plan), history }));
  const totals = new Totals();
  const out: LedgerPeriod[] = [];

  for (const data of periods) {
    const ctx = new PeriodContext(plan, memo, data.period, data.inputs, data.events);
    const produced: PeriodOutput = { lines: [], grants: [], payments: [] };
    for (const state of states) {
      try {
        const scope = new Scope(ctx, null, null, null);
        observeConsecutive(state, scope);
        runClause(state, scope, produced);
      } catch (e) {
        return { value: null, diagnostics: [runDiagnostic(asRunError(e, state.plan.decl.range), state.plan.name, data.period)] };
      }
    }
    for (const p of produced.payments) totals.add(p);
    const p = data.period;
    out.push({
      index: p.index,
      start: p.start,
      end: p.end,
      contract_year: p.contractYear,
      days: p.days,
      lines: produced.lines,
      grants: produced.grants,
      ...(plan.header.settleNet ? { net: netTransfers(produced.payments, plan) } : {}),
    });
  }

  return {
    value: { deal: plan.header.title, currency: plan.header.currency.code, periods: out, totals: totals.result(plan) },
    diagnostics: [],
  };
}

/** `clause NAME, period K (START): what went wrong`. */
function runDiagnostic(e: RunError, clause: string, period: Period): Diagnostic {
  const message = `clause ${clause}, period ${period.index} (${period.start}): ${e.detail}`;
  return e.range === undefined
    ? { code: e.code, severity: "error", message }
    : { code: e.code, severity: "error", message, range: e.range };
}
