/**
 * `tenor diff`: a semantic redline of two versions of a term sheet
 * (docs/explain.md "tenor diff"). Browser-safe: nothing here imports
 * `node:` modules, so the playground's Compare mode uses it as the CLI does.
 *
 * ```ts
 * import { checkSource } from "../api.ts";
 * import { diffPrograms, renderDiff } from "../diff/index.ts";
 * const a = checkSource(oldText, { modules }).value!;   // null when the sheet has errors: show those instead
 * const b = checkSource(newText, { modules }).value!;
 * const report = diffPrograms(a, b, [{ name: "deal.inputs.json", text: inputsText }]);  // data optional
 * report.equal;                 // same terms (and, with data, same money)
 * report.terms;                 // [{ section, subject, change, text: "capacity_buyback: cap over the term from $75,000,000 to $80,000,000", details }]
 * report.money?.summary;        // ["NVIDIA Corporation pays Sharon AI $1,234,567.89 more over the term, all under capacity_buyback, periods 7–12."]
 * renderDiff(report, "html");   // or "text" | "markdown" | "json"
 * ```
 *
 * With ledgers already at hand (the playground settles the edited sheet
 * anyway), `diffLedgers(oldLedger, newLedger, decimals, parties)` gives the
 * money half alone; `diffDocument(report)` the explain document to render
 * with one's own renderer.
 */
export { diffPrograms, termsChanges } from "./diff.ts";
export { diffLedgers, moneyEqual } from "./money-diff.ts";
export { DIFF_FORMATS, diffDocument, renderDiff, signedMoney, type DiffFormat } from "./render.ts";
export type {
  ClauseMoney, DiffReport, GrantChange, LineMoney, MoneyChange, MoneyReport, PairMoney, PeriodMoney, SettleFailure, TermsChange, TermsSection,
} from "./report.ts";
