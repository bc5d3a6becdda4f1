/**
 * The bench deal written by hand in TypeScript, directly on big.js: what a
 * careful engineer would write for this one deal without Tenor. `npm run
 * bench` times it against the runtime settling the same deal compiled from
 * BENCH_DEAL, in the same process, and the two ledgers must be equal.
 *
 * big.js is configured here as src/eval/decimal.ts configures it (20
 * places, half-even); this file is the benchmark's baseline, not part of
 * Tenor, which reaches big.js only through src/eval/decimal.ts.
 */
import BigModule from "big.js";
import type { Big } from "big.js";
import { periodsOf } from "../src/eval/periods.ts";
import type { Period } from "../src/eval/periods.ts";
import type { Ledger, LedgerLine, LedgerPeriod, NetTransfer } from "../src/ledger/ledger.ts";

/** The same deal in Tenor. */
export const BENCH_DEAL = `deal "Bench - AI factory"

parties {
  nvidia: "NVIDIA Corporation"
  operator: "AI cloud operator"
}

term 2026-01-01 to 2035-12-31, monthly
currency USD, rounding half_even
settle net

units gpu_hour

input revenue: USD
input sold_hours: gpu_hour
input capacity_hours: gpu_hour

const buyback_price = 1.85 USD per gpu_hour
const guaranteed = 250 million USD

schedule share_rate by contract_year, tapering {
  year 1: 15%
  year 2: 12.5%
  year 3: 10%
  year 4 onward: 7.5%
}

clause revenue_share "Revenue share" {
  operator pays nvidia revenue * share_rate
}

clause capacity_buyback "Capacity buyback" {
  let utilization = sold_hours / capacity_hours
  let unsold = max(capacity_hours - sold_hours, 0 gpu_hour)
  when utilization < 70% for 3 consecutive periods {
    nvidia pays operator unsold * buyback_price
  }
  cap 40 million USD over term
  until 2031-12-31
}

clause guarantee_fee "Guarantee fee" {
  operator pays nvidia guaranteed * 0.5% * days / 365
}
`;

export const TERM = { start: "2026-01-01", end: "2035-12-31", frequency: "monthly" } as const;

/** One input row, as in the inputs file. */
export interface BenchRow {
  readonly period: string;
  readonly revenue: string;
  readonly sold_hours: string;
  readonly capacity_hours: string;
}

const B = BigModule();
B.DP = 20;
B.RM = 2;
B.NE = -1_000_000;
B.PE = 1_000_000;

const HALF_EVEN = 2;
const DOWN = 0;
const ZERO = new B("0");
const RATES = [new B("0.15"), new B("0.125"), new B("0.1"), new B("0.075")];
const FLOOR = new B("0.7");
const PRICE = new B("1.85");
const CAP = new B("40000000");
const FEE_BASE = new B("250000000").times(new B("0.005"));
const YEAR_DAYS = new B("365");
const SUNSET = "2031-12-31";

/** The periods of the term, computed once (as the runtime does when it loads terms). */
export const PERIODS: readonly Period[] = periodsOf(TERM);
const DAYS = PERIODS.map((p) => new B(String(p.days)));

const money = (x: Big) => x.toFixed(2, HALF_EVEN);

function line(clause: string, title: string, payer: string, payee: string, computed: Big, amount: Big): LedgerLine {
  return { clause, title, payer, payee, computed: money(computed), amount: money(amount), capped: amount.lt(computed), trace: [] };
}

/** Settles the bench deal over its rows: the same ledger as the runtime without traces. */
export function settleByHand(rows: readonly BenchRow[]): Ledger {
  let streak = 0;
  let paidUnderCap = ZERO;
  let toNvidia = ZERO;
  let toOperator = ZERO;
  // Totals list each (payer, payee) in order of first appearance.
  const order: ("operator" | "nvidia")[] = [];
  const periods: LedgerPeriod[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const p = PERIODS[i]!;
    if (row.period !== p.start) throw new Error(`row ${i + 1} is not period ${p.start}`);
    const revenue = new B(row.revenue);
    const sold = new B(row.sold_hours);
    const capacity = new B(row.capacity_hours);
    const lines: LedgerLine[] = [];
    let operatorOwes = ZERO;
    let nvidiaOwes = ZERO;
    let anyLine = false;

    const share = revenue.times(RATES[Math.min(p.contractYear, 4) - 1]!).round(2, HALF_EVEN);
    if (share.lt(ZERO)) throw new Error("negative payment");
    if (!share.eq(ZERO)) {
      lines.push(line("revenue_share", "Revenue share", "operator", "nvidia", share, share));
      operatorOwes = operatorOwes.plus(share);
      anyLine = true;
      if (order.length === 0 || (order.length === 1 && order[0] !== "operator")) order.push("operator");
    }

    if (capacity.eq(ZERO)) throw new Error("division by zero");
    // sold / capacity < 70%, without the division: the same answer for whole hours and any capacity below 2·10^19
    // (a quotient within half a unit of the 20th place of 0.7 needs a larger divisor).
    streak = sold.lt(capacity.times(FLOOR)) ? Math.min(streak + 1, 3) : 0;
    if (p.start <= SUNSET && streak >= 3) {
      const unsold = capacity.minus(sold);
      const computed = (unsold.gt(ZERO) ? unsold : ZERO).times(PRICE).round(2, HALF_EVEN);
      if (computed.lt(ZERO)) throw new Error("negative payment");
      if (!computed.eq(ZERO)) {
        const left = CAP.minus(paidUnderCap);
        const room = (left.gt(ZERO) ? left : ZERO).round(2, DOWN);
        const amount = room.lt(computed) ? room : computed;
        paidUnderCap = paidUnderCap.plus(amount);
        lines.push(line("capacity_buyback", "Capacity buyback", "nvidia", "operator", computed, amount));
        nvidiaOwes = nvidiaOwes.plus(amount);
        anyLine = true;
        if (order.length === 0 || (order.length === 1 && order[0] !== "nvidia")) order.push("nvidia");
      }
    }

    const fee = FEE_BASE.times(DAYS[i]!).div(YEAR_DAYS).round(2, HALF_EVEN);
    if (!fee.eq(ZERO)) {
      lines.push(line("guarantee_fee", "Guarantee fee", "operator", "nvidia", fee, fee));
      operatorOwes = operatorOwes.plus(fee);
      anyLine = true;
      if (order.length === 0 || (order.length === 1 && order[0] !== "operator")) order.push("operator");
    }

    // settle net: one transfer for the pair, from whoever owes on balance.
    const net: NetTransfer[] = [];
    if (anyLine) {
      const balance = operatorOwes.minus(nvidiaOwes);
      if (!balance.eq(ZERO)) {
        net.push(balance.gt(ZERO)
          ? { from: "operator", to: "nvidia", amount: money(balance) }
          : { from: "nvidia", to: "operator", amount: money(balance.neg()) });
      }
    }
    toNvidia = toNvidia.plus(operatorOwes);
    toOperator = toOperator.plus(nvidiaOwes);
    periods.push({ index: p.index, start: p.start, end: p.end, payment_date: p.end, contract_year: p.contractYear, days: p.days, lines, grants: [], net });
  }
  const totals = order.map((payer) => payer === "operator"
    ? { payer: "operator", payee: "nvidia", amount: money(toNvidia) }
    : { payer: "nvidia", payee: "operator", amount: money(toOperator) });
  return { deal: "Bench - AI factory", currency: "USD", periods, totals };
}
