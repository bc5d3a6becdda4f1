/**
 * The simulation report as JSON (the shape of summary.ts, two-space indent)
 * and as a table for terminals: one row per clause and per pair, money
 * right-aligned with thousands separators, the cap's hit probability as a
 * percentage and the median period of its first hit.
 */
import { Decimal } from "../../eval/decimal.ts";
import { groupThousands } from "../../ledger/format-table.ts";
import { displayText } from "../../text/display.ts";
import type { SimulationReport, TotalStats } from "./summary.ts";

export function reportJson(report: SimulationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const COLUMNS = ["mean", "p5", "p50", "p95", "p99", "max"] as const;

/** The table text, ending with a newline. */
export function reportTable(report: SimulationReport): string {
  const rows: string[][] = [];
  const head = ["", ...COLUMNS, "cap hit", "first hit (median)"];
  const money = (t: TotalStats) => COLUMNS.map((c) => groupThousands(t[c]));
  rows.push(["Clause", ...COLUMNS.map(() => ""), "", ""]);
  for (const c of report.clauses) {
    const cap = c.cap;
    const pct = cap === null ? "no cap" : `${Decimal.parse(cap.probability)!.mul(Decimal.ofInt(100)).toFixed(2)}%`;
    const first = cap?.first_hit_period ? `period ${cap.first_hit_period.median} (${cap.first_hit_period.median_start})` : cap === null ? "" : "never";
    rows.push([`  ${displayText(c.title)}`, ...money(c.total), pct, first]);
  }
  rows.push(["Payer → payee", ...COLUMNS.map(() => ""), "", ""]);
  for (const p of report.pairs) rows.push([`  ${displayText(p.payer)} → ${displayText(p.payee)}`, ...money(p.total), "", ""]);
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
  const title = `${displayText(report.deal)}: ${report.scenarios} scenario${report.scenarios === 1 ? "" : "s"}, seed ${report.seed}, ` +
    `${report.periods} periods; totals over the term in ${report.currency}`;
  return [title, "", line(head), ...rows.map(line)].join("\n") + "\n";
}
