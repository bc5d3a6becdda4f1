/**
 * The ledger in the sheet, when `NAME.inputs.json` sits beside `NAME.tenor`:
 * a code lens above each clause with what it paid (src/editor/ledger-totals.ts),
 * and one on the first line with the ledger's totals — or, when the data
 * does not settle, how many problems stopped it (each is a diagnostic). No
 * lenses while the sheet itself has errors, or without an inputs file.
 */
import type { CodeLens } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { clauseTotals, clauseTotalText, ledgerTotalsText, type ClauseTotal } from "../editor/ledger-totals.ts";
import type { SheetAnalysis } from "./sheets.ts";

// Each analysis is new data: its totals are computed once, whatever asks (lenses, hovers).
const totalsOf = new WeakMap<object, Map<string, ClauseTotal>>();

function totals(analysis: SheetAnalysis): Map<string, ClauseTotal> | null {
  const ledger = analysis.result.ledger;
  if (ledger === null) return null;
  let t = totalsOf.get(ledger);
  if (t === undefined) {
    t = clauseTotals(ledger);
    totalsOf.set(ledger, t);
  }
  return t;
}

/** `ledger (deal.inputs.json): sharon → nvidia 1,234.56 USD (12 lines)`, or null without a ledger. */
export function clauseLedgerLine(analysis: SheetAnalysis, clause: string): string | null {
  const all = totals(analysis);
  if (all === null || analysis.result.ledger === null) return null;
  return `ledger (${analysis.inputsName}): ${clauseTotalText(all.get(clause), analysis.result.ledger.currency)}`;
}

function lens(doc: TextDocument, offset: number, title: string): CodeLens {
  const at = doc.positionAt(offset);
  // A lens only shows text: its command does nothing.
  return { range: { start: at, end: at }, command: { title, command: "" } };
}

export function ledgerLenses(analysis: SheetAnalysis, doc: TextDocument): CodeLens[] {
  const { result, inputsName } = analysis;
  if (inputsName === null || result.failure === "source") return [];
  if (result.ledger === null) {
    const problems = result.problems.filter((p) => p.phase !== "source" && p.severity === "error").length + (analysis.inputsProblem === null ? 0 : 1);
    return [lens(doc, 0, `ledger (${inputsName}): not settled, ${problems} problem${problems === 1 ? "" : "s"}`)];
  }
  const out = [lens(doc, 0, `ledger (${inputsName}): ${ledgerTotalsText(result.ledger)}`)];
  for (const c of result.index.clauses) out.push(lens(doc, c.range.start, clauseLedgerLine(analysis, c.name)!));
  return out;
}
