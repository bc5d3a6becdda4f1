/**
 * What `tenor diff` reports (docs/explain.md "tenor diff"): the changes in
 * the terms, in English, and — when both versions were settled on the same
 * data — the change in money. This is also the JSON shape of
 * `tenor diff --format json` (`renderDiff(report, "json")`), field for field.
 *
 * Money is exact decimal text with the currency's decimals (`"1234567.89"`,
 * `"-0.50"`), as in the ledger (docs/language.md §12); never a JS number.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { TermsChange } from "./change.ts";

export type { TermsChange, TermsSection } from "./change.ts";

/** One amount under the old and the new version, and new − old. */
export interface MoneyChange {
  readonly old: string;
  readonly new: string;
  readonly delta: string;
}

/** What one clause pays over the term, all its payer → payee lines together. */
export interface ClauseMoney extends MoneyChange {
  readonly clause: string;
  /** The clause's title (the newer one when both have it), or its name. */
  readonly title: string;
  /** In the old version, the new one, or both. */
  readonly presence: "both" | "old" | "new";
}

/** What `payer` pays `payee` over the term (short party names, as the ledger has them). */
export interface PairMoney extends MoneyChange {
  readonly payer: string;
  readonly payee: string;
}

/** One ledger line that differs: a clause's payment from payer to payee in one period. */
export interface LineMoney extends MoneyChange {
  readonly clause: string;
  readonly payer: string;
  readonly payee: string;
}

/** One period in which something is paid differently. */
export interface PeriodMoney extends MoneyChange {
  /** The period's index (1-based) in the new version, or in the old one when the new has no such period. */
  readonly index: number;
  /** Its first day (ISO): periods of the two versions are matched by it. */
  readonly start: string;
  /** The lines that differ in it (clause, payer → payee), in ledger order. */
  readonly lines: readonly LineMoney[];
}

/** A change in what is granted (warrants, shares): quantities are exact decimal text. */
export interface GrantChange {
  readonly clause: string;
  readonly grantor: string;
  readonly grantee: string;
  readonly instrument: string;
  readonly old: string;
  readonly new: string;
  readonly delta: string;
}

/** Both versions settled on the same data. */
export interface MoneyReport {
  readonly currency: string;
  /** Every clause that pays in either version, in the new version's order (then the old's removed ones). */
  readonly clauses: readonly ClauseMoney[];
  /** Every payer → payee pair paid in either version. */
  readonly pairs: readonly PairMoney[];
  /** Only the periods where something differs, in order. */
  readonly periods: readonly PeriodMoney[];
  /** Grants whose quantities differ over the term. */
  readonly grants: readonly GrantChange[];
  /** Everything paid over the term, by all parties. */
  readonly total: MoneyChange;
  /** One sentence for each pair whose total changed ("NVIDIA Corporation pays Sharon AI $1,234,567.89 more over the term, all under capacity_buyback, periods 7–12."). */
  readonly summary: readonly string[];
}

export interface DiffReport {
  /** True when the terms mean the same (layout, comments and test blocks do not count) and, when settled, every amount is the same. */
  readonly equal: boolean;
  /** The old and new deal titles. */
  readonly titles: { readonly old: string; readonly new: string };
  /** Party legal names by short name, of both versions (the new name when both have one). */
  readonly parties: Readonly<Record<string, string>>;
  /** The changes in the terms, in the order `tenor explain` states them. */
  readonly terms: readonly TermsChange[];
  /** Null when no data was given, or when either version could not be settled on it (see `failures`). */
  readonly money: MoneyReport | null;
  /** The versions that could not be settled on the data, with their diagnostics (as `tenor run` gives them); empty otherwise. */
  readonly failures: readonly SettleFailure[];
  /** What the redline itself has to say: TN6001 (warning) when the versions settle in different currencies and their money is not compared. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface SettleFailure {
  readonly version: "old" | "new";
  /** "inputs": the data does not fit this version; "runtime": settling it failed. Run-time diagnostics inside a template instance point into the expanded clause: map them with `checkSource(…).sources.mapDiagnostics` (as the CLI does). */
  readonly failure: "inputs" | "runtime";
  readonly diagnostics: readonly Diagnostic[];
}
