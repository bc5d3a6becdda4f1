/**
 * The explanation of one ledger line (its `trace`): the named values that
 * produced it, in the order they were used. Each name is a button that
 * shows its declaration in the editor.
 */
import { h, replaceChildren } from "./dom.ts";
import { groupDigits } from "../../src/text/group-digits.ts";
import type { LineSelection } from "./ledger-panel.ts";

export class TracePanel {
  readonly element = h("section", { class: "trace-panel", "aria-label": "Explanation of the selected line", tabindex: -1 });

  constructor(private readonly onRevealName: (name: string) => void) {
    this.clear();
  }

  clear(): void {
    replaceChildren(this.element, h("p", { class: "muted" }, "Select a ledger line to see the values that produced it."));
  }

  show({ period, line }: LineSelection): void {
    const rows = line.trace.map((t) => h("tr", {},
      h("th", { scope: "row" }, h("button", { type: "button", class: "link", "aria-label": `Show ${t.name} in the editor`, onclick: () => this.onRevealName(t.name) }, t.name)),
      h("td", { class: "num" }, groupDigits(t.value)),
      h("td", {}, t.unit ?? ""),
    ));
    replaceChildren(this.element,
      h("h3", {}, `${line.title} · period ${period.index} (${period.start} – ${period.end})`),
      h("p", {},
        `${line.payer} pays ${line.payee} `,
        h("strong", {}, groupDigits(line.amount)),
        line.capped ? ` (computed ${groupDigits(line.computed)}, cut to the cap)` : "",
        ` · clause ${line.clause}`,
      ),
      line.trace.length === 0
        ? h("p", { class: "muted" }, "No named values: the amount is a literal.")
        : h("table", { class: "trace" }, h("tbody", {}, ...rows)),
    );
  }
}
