/**
 * The values the playground charts beside the ledger, period by period:
 *
 * - each schedule's rate, as the interpreter used it: read from the trace
 *   of the period's lines (null in a period where no line used it);
 * - each cap's amount, when it is a constant (the checker's constant
 *   evaluator); a cap that depends on the period's data has no amount line,
 *   and the chart shows what was paid and which lines were capped.
 *
 * Only the ledger (the brief's contract) and the checked program are read,
 * so the charts never disagree with a settlement.
 */
import type { CheckedProgram } from "../check/checked-program.ts";
import type { Ledger } from "../ledger/ledger.ts";
import type { CapWindow, Stmt } from "../syntax/ast.ts";
import { constantEvaluator } from "./constants.ts";
import { sourceText } from "./source-text.ts";

export interface ScheduleSeries {
  readonly name: string;
  /** `USD per gpu_hour`, or "" for a plain number (a rate, shown as a percentage). */
  readonly unit: string;
  /** One decimal string per ledger period, or null. */
  readonly values: readonly (string | null)[];
}

export interface CapSeries {
  readonly clause: string;
  readonly title: string;
  readonly window: CapWindow;
  /** The cap as written, e.g. `cap 40 million USD per contract_year`. */
  readonly text: string;
  /** The cap's amount when it is a constant (money in the deal currency), else null. */
  readonly amount: string | null;
}

export interface ChartSeries {
  readonly schedules: readonly ScheduleSeries[];
  readonly caps: readonly CapSeries[];
}

function capsIn(body: readonly Stmt[], out: Extract<Stmt, { kind: "Cap" }>[]): void {
  for (const s of body) {
    if (s.kind === "Cap") out.push(s);
    else if (s.kind === "When" || s.kind === "On" || s.kind === "AtSigning") capsIn(s.body, out);
  }
}

/** Schedule rates (from the ledger's traces) and constant cap amounts of a settled program. */
export function chartSeries(checked: CheckedProgram, ledger: Ledger, source: string): ChartSeries {
  const schedules = checked.schedules.map((s): ScheduleSeries => {
    const name = s.name.text;
    let unit = "";
    const values = ledger.periods.map((p) => {
      for (const line of p.lines) {
        const t = line.trace.find((e) => e.name === name);
        if (t !== undefined) {
          unit = t.unit ?? "";
          return t.value;
        }
      }
      return null;
    });
    return { name, unit, values };
  });

  const constants = constantEvaluator(checked);
  const caps: CapSeries[] = [];
  for (const c of checked.clauses) {
    const found: Extract<Stmt, { kind: "Cap" }>[] = [];
    capsIn(c.body, found);
    for (const cap of found) {
      const v = constants.eval(cap.amount);
      caps.push({
        clause: c.name.text,
        title: c.title?.value ?? c.name.text,
        window: cap.window,
        text: `cap ${sourceText(source, cap.amount)} ${cap.window === "term" ? "over term" : `per ${cap.window}`}`,
        amount: v === null || typeof v === "boolean" ? null : v.toString(),
      });
    }
  }
  return { schedules, caps };
}
