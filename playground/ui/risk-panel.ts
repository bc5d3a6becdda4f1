/**
 * The Risk tab: `tenor bound`'s table (docs/risk.md "tenor bound") — the
 * most each clause and each of its payer → payee pairs can pay, over the
 * term and in each contract year — from the analysis worker. An unbounded
 * cell says why.
 */
import type { AmountJson, BoundJson, TotalsJson } from "../../src/risk/bound/index.ts";
import { groupDigits } from "../../src/text/group-digits.ts";
import { h, replaceChildren } from "./dom.ts";

export class RiskPanel {
  readonly element = h("div", { class: "risk-panel" });

  show(bound: BoundJson | null): void {
    if (bound === null || bound === undefined) {
      replaceChildren(this.element, h("p", { class: "muted" }, "The bound is computed once the term sheet checks without errors."));
      return;
    }
    if (bound.clauses.length === 0) {
      replaceChildren(this.element, h("p", { class: "muted" }, "This term sheet has no clauses."));
      return;
    }
    const years = bound.clauses[0]!.contract_years.map((y) => y.contract_year);
    const cell = (a: AmountJson): HTMLElement =>
      a.amount === null
        ? h("td", { class: "num unbounded", title: a.unbounded ?? "" }, "unbounded")
        : h("td", { class: "num" }, groupDigits(a.amount));
    const cells = (t: TotalsJson): HTMLElement[] => [cell(t.term), ...t.contract_years.map(cell)];
    const rows: HTMLElement[] = [];
    for (const c of bound.clauses) {
      rows.push(h("tr", { class: "clause", "data-clause": c.clause }, h("th", { scope: "row" }, c.title), h("td", {}, ""), ...cells(c)));
      for (const p of c.pairs) rows.push(h("tr", { class: "pair", "data-clause": c.clause }, h("td", {}, ""), h("td", {}, `${p.payer} → ${p.payee}`), ...cells(p)));
    }
    const reasons = bound.clauses.filter((c) => c.term.amount === null).map((c) => h("li", {}, `${c.title}: ${c.term.unbounded ?? "unbounded"}`));
    replaceChildren(this.element,
      h("p", {}, `Most that can be paid (${bound.currency}), for any inputs within their declared ranges and events within their declared counts.`),
      h("div", { class: "table-scroll" },
        h("table", { class: "bound" },
          h("thead", {}, h("tr", {}, h("th", {}, "clause"), h("th", {}, "payer → payee"), h("th", { class: "num" }, "term"), ...years.map((y) => h("th", { class: "num" }, `year ${y}`)))),
          h("tbody", {}, ...rows),
        ),
      ),
      reasons.length === 0 ? null : h("ul", { class: "bound-reasons" }, ...reasons),
    );
  }
}
