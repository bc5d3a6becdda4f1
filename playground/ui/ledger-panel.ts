/**
 * The ledger table: per period, every line (clause, payer → payee,
 * computed and paid amounts, capped lines marked), grants and net
 * transfers, with the totals per payer → payee on top. A line's clause
 * is a button: it selects the line (its trace is shown and its clause
 * highlighted in the editor).
 */
import type { Ledger, LedgerLine, LedgerPeriod } from "../../src/ledger/ledger.ts";
import { h, replaceChildren } from "./dom.ts";
import { groupDigits } from "../../src/text/group-digits.ts";

export interface LineSelection {
  readonly period: LedgerPeriod;
  readonly line: LedgerLine;
  readonly lineIndex: number;
}

export class LedgerPanel {
  readonly element: HTMLElement;
  private readonly banner = h("p", { class: "banner", hidden: true, role: "note" });
  private readonly totals = h("div", { class: "totals" });
  private readonly table = h("table", { class: "ledger", "aria-label": "Ledger lines by period" });
  private shownJson: string | null = null;
  private selected: HTMLButtonElement | null = null;
  private ledger: Ledger | null = null;

  /** The selected line's place, kept across redraws. */
  private selectedAt: { period: number; line: number } | null = null;

  /** `onSelect` gets `byUser` false when a redraw re-selects the same place with the new values. */
  constructor(private readonly onSelect: (selection: LineSelection, byUser: boolean) => void) {
    this.element = h("div", { class: "ledger-panel" }, this.banner, this.totals, h("div", { class: "table-scroll" }, this.table));
    this.table.addEventListener("click", (e) => this.onClick(e));
  }

  /** The ledger on screen (what "Download CSV" saves), or null. */
  get shownLedger(): Ledger | null {
    return this.ledger;
  }

  /** The JSON of the ledger on screen (what "Download JSON" saves), or null. */
  get ledgerJson(): string | null {
    return this.shownJson;
  }

  /** Shows a ledger; a null ledger keeps the last one on screen, dimmed, under `why`. */
  show(ledger: Ledger | null, ledgerJson: string | null, why: string | null): void {
    this.banner.hidden = why === null;
    this.banner.textContent = why ?? "";
    this.element.classList.toggle("stale", ledger === null && this.shownJson !== null);
    if (ledger === null || ledgerJson === null || ledgerJson === this.shownJson) return;
    this.shownJson = ledgerJson;
    this.render(ledger);
  }

  private render(ledger: Ledger): void {
    this.ledger = ledger;
    this.selected = null;
    replaceChildren(
      this.totals,
      h("h3", {}, `Totals over ${ledger.periods.length} period${ledger.periods.length === 1 ? "" : "s"} (${ledger.currency})`),
      ledger.totals.length === 0
        ? h("p", { class: "muted" }, "No payments.")
        : h("ul", {}, ...ledger.totals.map((t) => h("li", {}, `${t.payer} → ${t.payee} `, h("span", { class: "amount" }, groupDigits(t.amount))))),
    );
    // One HTML string for the whole table: hundreds of rows are redrawn after an edit, and
    // parsing one string is several times faster than building the elements one by one.
    const head = `<thead><tr><th scope="col">Clause</th><th scope="col">Payer → payee</th>`
      + `<th scope="col" class="num">Computed</th><th scope="col" class="num">Paid (${esc(ledger.currency)})</th></tr></thead>`;
    this.table.innerHTML = head + ledger.periods.map(periodHtml).join("");
    if (this.selectedAt !== null) this.select(this.selectedAt.period, this.selectedAt.line, false);
  }

  private select(periodIndex: number, lineIndex: number, byUser: boolean): void {
    const period = this.ledger?.periods[periodIndex - 1];
    const line = period?.lines[lineIndex];
    const button = this.table.querySelector<HTMLButtonElement>(`tbody[data-period="${periodIndex}"] button[data-line="${lineIndex}"]`);
    if (period === undefined || line === undefined || button === null) {
      this.selectedAt = null;
      return;
    }
    this.selected?.classList.remove("selected");
    button.classList.add("selected");
    this.selected = button;
    this.selectedAt = { period: periodIndex, line: lineIndex };
    this.onSelect({ period, line, lineIndex }, byUser);
  }

  /** A click on a line's clause button selects that line. */
  private onClick(e: Event): void {
    const button = (e.target as Element).closest<HTMLButtonElement>("button.line-button");
    const body = button?.closest<HTMLElement>("tbody");
    if (!button || !body) return;
    this.select(Number(body.dataset["period"]), Number(button.dataset["line"]), true);
  }

  /** Forgets the selection (a new term sheet was loaded). */
  clearSelection(): void {
    this.selectedAt = null;
    this.selected?.classList.remove("selected");
    this.selected = null;
  }
}

/** Text for HTML: the five characters that could end it escaped. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function periodHtml(p: LedgerPeriod): string {
  const rows: string[] = [
    `<tr class="period-row"><th colspan="4" scope="rowgroup">Period ${p.index} · ${esc(p.start)} – ${esc(p.end)} · contract year ${p.contract_year} · ${p.days} days · payment date ${esc(p.payment_date)}</th></tr>`,
  ];
  p.lines.forEach((l: LedgerLine, i) => {
    const label = esc(`${l.title}, period ${p.index}: show explanation`);
    rows.push(`<tr class="line${l.capped ? " capped" : ""}">`
      + `<td><button type="button" class="line-button" data-line="${i}" aria-label="${label}">${esc(l.title)}</button>`
      + (l.capped ? `<span class="badge" title="cut to the cap's headroom">capped</span>` : "")
      + `</td><td>${esc(l.payer)} → ${esc(l.payee)}</td>`
      + `<td class="num">${esc(groupDigits(l.computed))}</td><td class="num amount">${esc(groupDigits(l.amount))}</td></tr>`);
  });
  for (const g of p.grants) {
    rows.push(`<tr class="grant"><td>${esc(g.clause)}</td><td>${esc(g.grantor)} → ${esc(g.grantee)}</td>`
      + `<td colspan="2" class="num">${esc(groupDigits(g.quantity))} ${esc(g.instrument)} at ${esc(groupDigits(g.price))}</td></tr>`);
  }
  for (const n of p.net ?? []) {
    rows.push(`<tr class="net"><td>net transfer</td><td>${esc(n.from)} → ${esc(n.to)}</td><td></td>`
      + `<td class="num amount">${esc(groupDigits(n.amount))}</td></tr>`);
  }
  if (p.lines.length === 0 && p.grants.length === 0) rows.push(`<tr class="empty"><td colspan="4" class="muted">no payments</td></tr>`);
  return `<tbody data-period="${p.index}">${rows.join("")}</tbody>`;
}
