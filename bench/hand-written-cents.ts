/**
 * The bench deal (hand-written.ts) written by hand on integer cents in
 * BigInt: the limit row of `npm run bench`. Exact, and every cent equal to
 * the runtime's ledger (checked before timing); what a careful engineer
 * writes for speed without giving up a cent. Amounts are whole cents,
 * rates whole thousandths, hours whole; the inputs are parsed from their
 * decimal strings and the ledger's amounts printed, as the runtime does.
 */
import type { Ledger, LedgerLine, LedgerPeriod, NetTransfer } from "../src/ledger/ledger.ts";
import { PERIODS } from "./hand-written.ts";
import type { BenchRow } from "./hand-written.ts";

/** Share rates in thousandths (15%, 12.5%, 10%, 7.5%). */
const RATES = [150n, 125n, 100n, 75n];
/** 1.85 USD per gpu_hour in cents. */
const PRICE = 185n;
const CAP = 4_000_000_000n;
/** 250 million USD × 0.5% in cents. */
const FEE_BASE = 125_000_000n;
const SUNSET = "2031-12-31";
const DAYS = PERIODS.map((p) => BigInt(p.days));

/** A decimal string with at most `places` decimals as an integer at that scale (the bench data never has more). */
function scaled(text: string, places: number): bigint {
  const dot = text.indexOf(".");
  if (dot < 0) return BigInt(text) * 10n ** BigInt(places);
  const decimals = text.length - dot - 1;
  if (decimals > places) throw new Error(`${text} has more than ${places} decimals`);
  return BigInt(text.slice(0, dot) + text.slice(dot + 1)) * 10n ** BigInt(places - decimals);
}

/** n / d (d > 0) rounded half-even. */
function halfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n - q * d;
  if (r === 0n) return q;
  const away = n < 0n ? q - 1n : q + 1n;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice > d) return away;
  if (twice < d) return q;
  return (q & 1n) !== 0n ? away : q;
}

/** Cents as "123.45". */
function money(cents: bigint): string {
  const sign = cents < 0n ? "-" : "";
  const digits = (cents < 0n ? -cents : cents).toString().padStart(3, "0");
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function line(clause: string, title: string, payer: string, payee: string, computed: bigint, amount: bigint): LedgerLine {
  const text = money(computed);
  return { clause, title, payer, payee, computed: text, amount: amount === computed ? text : money(amount), capped: amount < computed, trace: [] };
}

/** Settles the bench deal over its rows on integer cents: the same ledger as the runtime without traces. */
export function settleInCents(rows: readonly BenchRow[]): Ledger {
  let streak = 0;
  let paidUnderCap = 0n;
  let toNvidia = 0n;
  let toOperator = 0n;
  const order: ("operator" | "nvidia")[] = [];
  const periods: LedgerPeriod[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const p = PERIODS[i]!;
    if (row.period !== p.start) throw new Error(`row ${i + 1} is not period ${p.start}`);
    const revenue = scaled(row.revenue, 2);
    const sold = scaled(row.sold_hours, 0);
    const capacity = scaled(row.capacity_hours, 0);
    const lines: LedgerLine[] = [];
    let operatorOwes = 0n;
    let nvidiaOwes = 0n;
    let anyLine = false;

    const share = halfEven(revenue * RATES[Math.min(p.contractYear, 4) - 1]!, 1000n);
    if (share < 0n) throw new Error("negative payment");
    if (share !== 0n) {
      lines.push(line("revenue_share", "Revenue share", "operator", "nvidia", share, share));
      operatorOwes += share;
      anyLine = true;
      if (order.length === 0 || (order.length === 1 && order[0] !== "operator")) order.push("operator");
    }

    if (capacity === 0n) throw new Error("division by zero");
    // sold / capacity < 70%, multiplied out (capacity > 0).
    streak = sold * 100n < capacity * 70n ? Math.min(streak + 1, 3) : 0;
    if (p.start <= SUNSET && streak >= 3) {
      const unsold = capacity - sold;
      const computed = (unsold > 0n ? unsold : 0n) * PRICE;
      if (computed !== 0n) {
        const left = CAP - paidUnderCap;
        const room = left > 0n ? left : 0n;
        const amount = room < computed ? room : computed;
        paidUnderCap += amount;
        lines.push(line("capacity_buyback", "Capacity buyback", "nvidia", "operator", computed, amount));
        nvidiaOwes += amount;
        anyLine = true;
        if (order.length === 0 || (order.length === 1 && order[0] !== "nvidia")) order.push("nvidia");
      }
    }

    const fee = halfEven(FEE_BASE * DAYS[i]!, 365n);
    if (fee !== 0n) {
      lines.push(line("guarantee_fee", "Guarantee fee", "operator", "nvidia", fee, fee));
      operatorOwes += fee;
      anyLine = true;
      if (order.length === 0 || (order.length === 1 && order[0] !== "operator")) order.push("operator");
    }

    const net: NetTransfer[] = [];
    if (anyLine) {
      const balance = operatorOwes - nvidiaOwes;
      if (balance !== 0n) {
        net.push(balance > 0n
          ? { from: "operator", to: "nvidia", amount: money(balance) }
          : { from: "nvidia", to: "operator", amount: money(-balance) });
      }
    }
    toNvidia += operatorOwes;
    toOperator += nvidiaOwes;
    periods.push({ index: p.index, start: p.start, end: p.end, payment_date: p.end, contract_year: p.contractYear, days: p.days, lines, grants: [], net });
  }
  const totals = order.map((payer) => payer === "operator"
    ? { payer: "operator", payee: "nvidia", amount: money(toNvidia) }
    : { payer: "nvidia", payee: "operator", amount: money(toOperator) });
  return { deal: "Bench - AI factory", currency: "USD", periods, totals };
}
