/**
 * `tenor bound` as text: one row per clause and per pair of it, then the
 * pairs over all clauses; columns for the term and each contract year.
 * Amounts with digit groups, exactly (no locale functions).
 */
import { groupDigits } from "../../text/group-digits.ts";
import { isUnbounded, type Amount } from "./amount.ts";
import type { BoundReport, Totals } from "./bound.ts";

export function boundText(report: BoundReport): string {
  const show = (a: Amount): string => (isUnbounded(a) ? "unbounded" : groupDigits(a.toFixed(report.decimals)));
  const head = ["", "over the term", ...report.contractYears.map((y) => `contract year ${y}`)];
  const row = (label: string, t: Totals): string[] => [label, show(t.term), ...t.contractYears.map(show)];
  const rows: string[][] = [];
  for (const c of report.clauses) {
    rows.push(row(c.title === c.name ? c.name : `${c.name} "${c.title}"`, c));
    if (c.pairs.length > 1 || (c.pairs.length === 1 && !sameTotals(c, c.pairs[0]!))) {
      for (const p of c.pairs) rows.push(row(`  ${p.payer} → ${p.payee}`, p));
    } else if (c.pairs.length === 1) {
      rows[rows.length - 1]![0] += `  (${c.pairs[0]!.payer} → ${c.pairs[0]!.payee})`;
    }
  }
  const totals = report.pairs.map((p) => row(`${p.payer} → ${p.payee}`, p));
  const width = head.map((_, i) => Math.max(...[head, ...rows, ...totals, ["all clauses"]].map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]): string => r.map((cell, i) => (i === 0 ? cell.padEnd(width[i]!) : cell.padStart(width[i]!))).join("  ").trimEnd();
  const out = [`Most that can be paid: ${report.deal} (${report.currency})`, "", line(head), ...rows.map(line)];
  if (totals.length > 0) out.push("", "all clauses", ...totals.map(line));
  const reasons = report.clauses.filter((c) => isUnbounded(c.term));
  if (reasons.length > 0) out.push("", ...reasons.map((c) => `${c.name} is unbounded: ${(c.term as { unbounded: string }).unbounded}`));
  return out.join("\n") + "\n";
}

function sameTotals(a: Totals, b: Totals): boolean {
  const eq = (x: Amount, y: Amount): boolean => (isUnbounded(x) ? isUnbounded(y) : !isUnbounded(y) && x.eq(y));
  return eq(a.term, b.term) && a.contractYears.every((v, i) => eq(v, b.contractYears[i]!));
}
