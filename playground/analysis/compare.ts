/**
 * Compare mode, in the worker: the redline (src/diff) between the version
 * the user kept and the sheet in the editor, with the money delta on the
 * editor's current inputs.
 *
 * `diffPrograms` settles both versions on every call; here the edited
 * sheet's ledger is the one the analysis just settled, and the kept
 * version's is settled once per (kept text, inputs), so a keystroke costs
 * the terms comparison and a ledger subtraction (`diffLedgers`), not two
 * more settlements. The report is assembled as `diffPrograms` assembles it.
 */
import { checkSource, settleChecked, type CheckResult, type RunResult, type SourceOptions } from "../../src/api.ts";
import type { CheckedProgram } from "../../src/check/checked-program.ts";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { DIFF } from "../../src/diagnostics/codes/diff.ts";
import { diffDocument, diffLedgers, moneyEqual, termsChanges } from "../../src/diff/index.ts";
import type { DiffReport, MoneyReport, SettleFailure } from "../../src/diff/index.ts";
import { INPUTS_FILE_NAME, type AnalysisResult } from "../../src/editor/analyze.ts";
import type { ExplainDocument } from "../../src/explain/index.ts";

/** What the Compare tab shows. */
export interface CompareView {
  /** The redline as an explain document: changes in the terms, then in money. */
  readonly doc: ExplainDocument;
  readonly equal: boolean;
  /** How many lines the terms' redline has. */
  readonly termChanges: number;
  /** Whether any amount differs on the inputs; null when not settled on them. */
  readonly moneyChanged: boolean | null;
  /** What the redline itself warns of (TN6001: different currencies, money not compared). */
  readonly notes: readonly string[];
}

export type CompareOutcome =
  | { readonly kind: "off" }
  /** The kept text does not check (it was kept from a state that had errors). */
  | { readonly kind: "kept-errors"; readonly errors: number }
  /** The sheet in the editor has errors: nothing to compare until it checks. */
  | { readonly kind: "current-errors" }
  | { readonly kind: "ready"; readonly view: CompareView };

function partiesOf(a: CheckedProgram, b: CheckedProgram): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of [...a.header.parties, ...b.header.parties]) out[p.name] = p.legalName;
  return out;
}

function failureOf(version: "old" | "new", run: Pick<RunResult, "failure" | "diagnostics">): SettleFailure {
  return { version, failure: run.failure === "runtime" ? "runtime" : "inputs", diagnostics: run.diagnostics };
}

/** The kept version, checked once, and its ledger on the last inputs asked for. */
export class KeptVersion {
  private source: string | null = null;
  private checked: CheckedProgram | null = null;
  private errors = 0;
  private settled: { inputs: string; run: RunResult } | null = null;

  constructor(private readonly options: SourceOptions) {}

  private load(source: string): void {
    if (source === this.source) return;
    const result = checkSource(source, this.options);
    this.source = source;
    this.checked = result.value;
    this.errors = result.diagnostics.filter((d) => d.severity === "error").length;
    this.settled = null;
  }

  private runOn(checked: CheckedProgram, inputs: string): RunResult {
    if (this.settled?.inputs !== inputs) this.settled = { inputs, run: settleChecked(checked, [{ name: INPUTS_FILE_NAME, text: inputs }]) };
    return this.settled.run;
  }

  /** The redline from `kept` to the analysed sheet (`current`, `result`) on `inputs`. */
  compare(kept: string | null, current: CheckResult, result: AnalysisResult, inputs: string | null): CompareOutcome {
    if (kept === null) return { kind: "off" };
    this.load(kept);
    const old = this.checked;
    if (old === null) return { kind: "kept-errors", errors: this.errors };
    const now = current.value;
    if (now === null) return { kind: "current-errors" };
    const terms = termsChanges(old, now);
    const parties = partiesOf(old, now);
    let money: MoneyReport | null = null;
    const failures: SettleFailure[] = [];
    const diagnostics: Diagnostic[] = [];
    if (inputs !== null) {
      const oldRun = this.runOn(old, inputs);
      if (oldRun.ledger === null) failures.push(failureOf("old", oldRun));
      // The analysis's run-time diagnostics are in its problems (views); the redline only says which version failed.
      if (result.ledger === null) failures.push(failureOf("new", { failure: result.failure, diagnostics: [] }));
      const [oldCode, newCode] = [old.header.currency.code, now.header.currency.code];
      if (oldCode !== newCode) {
        diagnostics.push({ code: DIFF.currenciesDiffer, severity: "warning", message: `the old version settles in ${oldCode} and the new one in ${newCode}: their amounts are not compared` });
      } else if (oldRun.ledger !== null && result.ledger !== null) {
        money = diffLedgers(oldRun.ledger, result.ledger, now.header.currency.decimals, parties);
      }
    }
    const report: DiffReport = {
      equal: terms.length === 0 && (money === null || moneyEqual(money)),
      titles: { old: old.header.title, new: now.header.title },
      parties,
      terms,
      money,
      failures,
      diagnostics,
    };
    return {
      kind: "ready",
      view: {
        doc: diffDocument(report), equal: report.equal, termChanges: terms.length,
        moneyChanged: money === null ? null : !moneyEqual(money), notes: diagnostics.map((d) => d.message),
      },
    };
  }
}
