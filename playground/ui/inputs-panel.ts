/**
 * The period data: an editable table, one row per period, one column per
 * declared input. Rows can be added (the next period of the term) and
 * removed; CSV (or cells copied from a spreadsheet) can be pasted to
 * replace the rows. The loader's complaints about the data are listed on
 * top, each naming the period and the field.
 */
import type { DealSummary, ProblemView } from "../../src/editor/analyze.ts";
import { addRow, removeRow, setCell, setPeriod } from "../state/inputs-table.ts";
import type { InputsTable } from "../state/inputs-table.ts";
import { pasteRows } from "../state/paste-table.ts";
import { TablePanel } from "./table-panel.ts";
import { h, replaceChildren } from "./dom.ts";

export class InputsPanel extends TablePanel {
  readonly element: HTMLElement;
  private readonly problems = h("ul", { class: "data-problems", "aria-live": "polite" });
  private readonly count = h("span", { class: "muted" });
  private readonly table = h("table", { class: "inputs", "aria-label": "Input values per period" });
  private readonly dialog: HTMLDialogElement;
  private readonly pasteText = h("textarea", { rows: 10, cols: 60, "aria-label": "CSV text with a header row", spellcheck: "false" });
  private readonly pasteError = h("p", { class: "error", role: "alert" });

  constructor(private readonly onChange: (table: InputsTable) => void) {
    super();
    this.dialog = h("dialog", { class: "paste-dialog", "aria-label": "Paste CSV" },
      h("form", { method: "dialog" },
        h("h3", {}, "Paste period rows"),
        h("p", {}, "A header row with ", h("code", {}, "period"), " and the input names, then one row per period. Comma- or tab-separated. The rows replace the table's rows."),
        this.pasteText,
        this.pasteError,
        h("div", { class: "buttons" },
          h("button", { type: "button", onclick: () => this.applyPaste(this.pasteText.value) }, "Replace rows"),
          h("button", { type: "submit", value: "cancel" }, "Cancel"),
        ),
      ),
    );
    this.table.addEventListener("paste", (e) => this.onTablePaste(e));
    this.element = h("div", { class: "inputs-panel" },
      h("div", { class: "panel-tools" },
        h("button", { type: "button", onclick: () => this.addRow() }, "Add period"),
        h("button", { type: "button", onclick: () => this.openPaste() }, "Paste CSV…"),
        this.count,
      ),
      this.problems,
      h("div", { class: "table-scroll" }, this.table),
      this.dialog,
    );
  }


  setProblems(problems: readonly ProblemView[]): void {
    replaceChildren(this.problems, ...problems.map((p) => h("li", { class: p.severity }, `${p.message} [${p.code}]`)));
  }

  private change(table: InputsTable, rerender: boolean): void {
    this.state = table;
    if (rerender) this.draw();
    this.onChange(table);
  }

  protected render(): void {
    const units = new Map(this.summary.inputs.map((i) => [i.name, i.unit]));
    const cols = this.state.columns;
    this.count.textContent = `${this.state.rows.length} period${this.state.rows.length === 1 ? "" : "s"}`;
    const head = h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "Period start"),
      ...cols.map((c) => h("th", { scope: "col" }, c, units.has(c) ? h("span", { class: "unit" }, ` ${units.get(c)}`) : h("span", { class: "unit" }, " (not declared)"))),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Remove")),
    ));
    const body = h("tbody", {});
    this.state.rows.forEach((row, i) => {
      const period = h("input", { type: "text", value: row.period, size: 10, "aria-label": `Period start, row ${i + 1}`, spellcheck: "false" });
      period.addEventListener("input", () => this.change(setPeriod(this.state, i, period.value), false));
      const cells = cols.map((c) => {
        const input = h("input", { type: "text", inputmode: "decimal", value: row.values[c] ?? "", size: 12, "aria-label": `${c} for ${row.period || `row ${i + 1}`}`, spellcheck: "false" });
        input.addEventListener("input", () => this.change(setCell(this.state, i, c, input.value), false));
        return h("td", {}, input);
      });
      body.appendChild(h("tr", {},
        h("td", {}, period),
        ...cells,
        h("td", {}, h("button", { type: "button", class: "icon", "aria-label": `Remove row ${i + 1} (${row.period})`, title: "Remove this period", onclick: () => this.change(removeRow(this.state, i), true) }, "×")),
      ));
    });
    replaceChildren(this.table, head, body);
  }

  private addRow(): void {
    this.change(addRow(this.state, this.summary.periodStarts), true);
    const inputs = this.table.querySelectorAll<HTMLInputElement>("tbody tr:last-child input");
    inputs[1]?.focus();
    inputs[0]?.scrollIntoView({ block: "nearest" });
  }

  private openPaste(): void {
    this.pasteError.textContent = "";
    this.dialog.showModal();
    this.pasteText.focus();
  }

  private applyPaste(text: string): boolean {
    const result = pasteRows(this.state, text);
    if ("error" in result) {
      this.pasteError.textContent = result.error;
      return false;
    }
    if (this.dialog.open) this.dialog.close();
    this.change(result.table, true);
    return true;
  }

  /** Several lines with a `period` header pasted into the table replace its rows. */
  private onTablePaste(e: ClipboardEvent): void {
    const text = e.clipboardData?.getData("text/plain") ?? "";
    if (!/\r?\n/.test(text.trim()) || !/\bperiod\b/.test(text.split(/\r?\n/, 1)[0] ?? "")) return;
    e.preventDefault();
    this.applyPaste(text);
  }
}
