/**
 * `tenor diff`'s comparison (docs/explain.md "tenor diff"): two checked
 * programs — templates expanded, so a `use` argument that changed shows as
 * the clause statement it changed — compared declaration by declaration
 * without source positions, so layout and comments never count; then, on
 * data, both settled and their ledgers subtracted.
 */
import { settleChecked, type InputFile } from "../api.ts";
import type { CheckedProgram } from "../check/checked-program.ts";
import { DIFF } from "../diagnostics/codes/diff.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Decl } from "../syntax/ast.ts";
import { explainContext } from "../explain/index.ts";
import { change, type TermsChange, type TermsSection } from "./change.ts";
import { clauseChanges, type Contexts } from "./clause-diff.ts";
import { constChanges, inputRangeChanges, scheduleChanges, tiersChanges } from "./decl-diff.ts";
import { headerChanges } from "./header-diff.ts";
import { diffLedgers, moneyEqual } from "./money-diff.ts";
import type { DiffReport, MoneyReport, SettleFailure } from "./report.ts";
import { shapeOf } from "./shape.ts";

const SECTION_ORDER: readonly TermsSection[] = ["deal", "parties", "term", "currency", "inputs", "events", "values", "schedules", "tiers", "clauses"];

/** Declarations that do not settle: test blocks are worked examples; templates and imports are in effect only through the clauses they expanded into. */
const NOT_TERMS = new Set<Decl["kind"]>(["Test", "Template", "Import", "Use"]);

function termsShape(c: CheckedProgram): string {
  return shapeOf(c.program.decls.filter((d) => !NOT_TERMS.has(d.kind)));
}

/** The changes in the terms, in the order `tenor explain` states them. */
export function termsChanges(a: CheckedProgram, b: CheckedProgram): TermsChange[] {
  const ctx: Contexts = { old: explainContext(a), new: explainContext(b) };
  const found = [
    ...headerChanges(a.header, b.header),
    ...inputRangeChanges(a, b, ctx),
    ...constChanges(a, b, ctx),
    ...scheduleChanges(a, b, ctx),
    ...tiersChanges(a, b, ctx),
    ...clauseChanges(a.clauses, b.clauses, ctx),
  ];
  const rank = (s: TermsSection) => SECTION_ORDER.indexOf(s);
  const sorted = found.map((c, i) => ({ c, i })).sort((x, y) => rank(x.c.section) - rank(y.c.section) || x.i - y.i).map((x) => x.c);
  // A difference none of the comparisons above has words for still is one: say so rather than "no change".
  if (sorted.length === 0 && termsShape(a) !== termsShape(b)) {
    sorted.push(change("deal", "deal", "changed", "the terms differ in a way this redline cannot put in words; compare the two tenor explain outputs"));
  }
  return sorted;
}

function partiesOf(a: CheckedProgram, b: CheckedProgram): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of [...a.header.parties, ...b.header.parties]) out[p.name] = p.legalName;
  return out;
}

/**
 * The redline of two versions of a term sheet.
 *
 * - `oldChecked`, `newChecked`: what `checkSource(text, { modules }).value`
 *   returns (src/api.ts) for each version; neither may be null (a sheet with
 *   errors has no redline: show its diagnostics instead).
 * - `data`: the period data and events both versions are settled on, as
 *   `settleChecked` takes it (`[{ name: "deal.inputs.json", text }]`; CSV by
 *   a `.csv` name). Without it, `money` is null and only the terms compare.
 *
 * Never throws on two checked programs. A version the data does not fit
 * (or that fails at run time) gives `money: null` and its diagnostics in
 * `failures`; the terms are compared all the same.
 */
export function diffPrograms(oldChecked: CheckedProgram, newChecked: CheckedProgram, data?: readonly InputFile[]): DiffReport {
  const terms = termsChanges(oldChecked, newChecked);
  const parties = partiesOf(oldChecked, newChecked);
  let money: MoneyReport | null = null;
  const failures: SettleFailure[] = [];
  const diagnostics: Diagnostic[] = [];
  if (data !== undefined) {
    const oldRun = settleChecked(oldChecked, data);
    const newRun = settleChecked(newChecked, data);
    for (const [version, run] of [["old", oldRun], ["new", newRun]] as const) {
      if (run.ledger === null) failures.push({ version, failure: run.failure === "runtime" ? "runtime" : "inputs", diagnostics: run.diagnostics });
    }
    const [oldCode, newCode] = [oldChecked.header.currency.code, newChecked.header.currency.code];
    if (oldCode !== newCode) {
      diagnostics.push({ code: DIFF.currenciesDiffer, severity: "warning", message: `the old version settles in ${oldCode} and the new one in ${newCode}: their amounts are not compared` });
    } else if (oldRun.ledger !== null && newRun.ledger !== null) {
      money = diffLedgers(oldRun.ledger, newRun.ledger, newChecked.header.currency.decimals, parties);
    }
  }
  return {
    equal: terms.length === 0 && (money === null || moneyEqual(money)),
    titles: { old: oldChecked.header.title, new: newChecked.header.title },
    parties,
    terms,
    money,
    failures,
    diagnostics,
  };
}
