/**
 * One clause in one period (brief §5, §6): statements in order; `when`
 * guards, `on EVENT` once per event of that kind in date order with its
 * arguments in scope, `at signing` in period 1 only; `from`/`until` close
 * the clause outside its window. Payments are rounded, checked, then cut
 * by the clause's caps.
 */
import { RUN } from "../diagnostics/codes/run.ts";
import type { LedgerGrant, LedgerLine } from "../ledger/ledger.ts";
import type { CapStmt, GrantsStmt, PaysStmt, Stmt } from "../syntax/ast.ts";
import type { ClauseCaps } from "./caps.ts";
import type { ConsecutiveHistory } from "./consecutive.ts";
import type { Decimal } from "./decimal.ts";
import { exprText } from "./expr-text.ts";
import { evalBool, evalNumber } from "./expressions.ts";
import { formatMoney, roundMoney } from "./money.ts";
import type { Payment } from "./netting.ts";
import type { Scope } from "./period-context.ts";
import type { ClausePlan } from "./program-plan.ts";
import { RunError } from "./run-error.ts";
import { Trace, traceText } from "./trace.ts";

/** What a period's clauses produce, in clause order then statement order. */
export interface PeriodOutput {
  readonly lines: LedgerLine[];
  readonly grants: LedgerGrant[];
  /** The lines' paid amounts as decimals, for netting and totals. */
  readonly payments: Payment[];
}

/** State of one clause that lives across periods. */
export interface ClauseState {
  readonly plan: ClausePlan;
  readonly caps: ClauseCaps;
  readonly history: ConsecutiveHistory;
}

/** Whether the clause's `from`/`until` window is open for a period starting on `start` (ISO). */
export function windowOpen(plan: ClausePlan, start: string): boolean {
  return (plan.from === null || start >= plan.from) && (plan.until === null || start <= plan.until);
}

/**
 * Observes the clause's consecutive conditions in this period. Runs in
 * every period, before the clause and whether or not its window is open.
 */
export function observeConsecutive(state: ClauseState, scope: Scope): void {
  for (const c of state.plan.consecutive) {
    state.history.observe(c, scope.ctx.period.index, evalBool(c.stmt.cond, scope, null));
  }
}

/** Runs the clause's statements in its top-level scope for this period. */
export function runClause(state: ClauseState, scope: Scope, out: PeriodOutput): void {
  if (!windowOpen(state.plan, scope.ctx.period.start)) return;
  new ClauseRun(state, scope, out).block(state.plan.decl.body, scope);
}

class ClauseRun {
  /** Cap amounts of this period, evaluated on the first payment that needs them. */
  private readonly capAmounts = new Map<CapStmt, Decimal>();

  constructor(
    private readonly state: ClauseState,
    private readonly top: Scope,
    private readonly out: PeriodOutput,
  ) {}

  block(stmts: readonly Stmt[], scope: Scope): void {
    for (const s of stmts) {
      switch (s.kind) {
        case "Pays": this.pay(s, scope); break;
        case "Grants": this.grant(s, scope); break;
        case "When": {
          const holds = s.consecutive !== null
            ? this.state.history.holds(s)
            : evalBool(s.cond, scope, null);
          if (holds) this.block(s.body, scope);
          break;
        }
        case "On":
          for (const event of scope.ctx.eventsOf(s.event.text)) this.block(s.body, scope.child(s, event));
          break;
        case "AtSigning":
          if (scope.ctx.period.index === 1) this.block(s.body, scope);
          break;
        // Lets are lazy; caps and windows were resolved once per program.
        case "Let":
        case "Cap":
        case "Window":
          break;
      }
    }
  }

  private pay(s: PaysStmt, scope: Scope): void {
    const plan = scope.ctx.plan;
    const trace = new Trace();
    const computed = roundMoney(evalNumber(s.amount, scope, trace), plan);
    if (computed.isNegative()) {
      const values = traceText(trace.entries);
      throw new RunError(
        RUN.negativePayment,
        `payment from ${s.payer.text} to ${s.payee.text} is negative: ${formatMoney(computed, plan)} ${plan.header.currency.code} (${exprText(s.amount)}${values === "" ? "" : ` with ${values}`})`,
        s.range,
      );
    }
    if (computed.isZero()) return; // brief §6.3: no line for a computed 0.00
    const period = scope.ctx.period;
    const caps = this.state.caps;
    const headroom = caps.isEmpty ? null : caps.headroom(period, (cap) => this.capAmount(cap));
    const amount = headroom !== null && headroom.lt(computed) ? headroom : computed;
    caps.record(period, amount);
    this.out.lines.push({
      clause: this.state.plan.name,
      title: this.state.plan.title,
      payer: s.payer.text,
      payee: s.payee.text,
      computed: formatMoney(computed, plan),
      amount: formatMoney(amount, plan),
      capped: amount.lt(computed),
      trace: trace.entries,
    });
    this.out.payments.push({ payer: s.payer.text, payee: s.payee.text, amount });
  }

  private capAmount(cap: CapStmt): Decimal {
    let a = this.capAmounts.get(cap);
    if (a === undefined) {
      a = evalNumber(cap.amount, this.top, null);
      this.capAmounts.set(cap, a);
    }
    return a;
  }

  private grant(s: GrantsStmt, scope: Scope): void {
    const plan = scope.ctx.plan;
    const quantity = evalNumber(s.quantity, scope, null);
    const price = roundMoney(evalNumber(s.price, scope, null), plan);
    if (quantity.isNegative() || price.isNegative()) {
      const what = quantity.isNegative()
        ? `quantity is negative: ${quantity.toString()} (${exprText(s.quantity)})`
        : `price is negative: ${formatMoney(price, plan)} ${plan.header.currency.code} (${exprText(s.price)})`;
      throw new RunError(RUN.negativeGrant, `grant of ${s.instrument.text} from ${s.grantor.text} to ${s.grantee.text}: ${what}`, s.range);
    }
    // Like a payment of 0.00, a grant of nothing is not recorded.
    if (quantity.isZero()) return;
    this.out.grants.push({
      clause: this.state.plan.name,
      grantor: s.grantor.text,
      grantee: s.grantee.text,
      quantity: quantity.toString(),
      instrument: s.instrument.text,
      price: formatMoney(price, plan),
    });
  }
}
