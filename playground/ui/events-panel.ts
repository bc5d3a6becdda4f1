/**
 * The dated events of the run (`event NAME(ARG: UNIT, …)` occurrences):
 * a list to add to and remove from. Each row has a date, the event (from
 * the declared events) and one field per declared argument.
 */
import { addEvent, removeEvent, updateEvent } from "../state/inputs-table.ts";
import type { EventRowState, InputsTable } from "../state/inputs-table.ts";
import { TablePanel } from "./table-panel.ts";
import { h, replaceChildren } from "./dom.ts";

export class EventsPanel extends TablePanel {
  readonly element: HTMLElement;
  private readonly list = h("ol", { class: "events" });
  private readonly addButton = h("button", { type: "button" }, "Add event");

  constructor(private readonly onChange: (table: InputsTable) => void) {
    super();
    this.addButton.addEventListener("click", () => this.add());
    this.element = h("div", { class: "events-panel" }, h("div", { class: "panel-tools" }, this.addButton), this.list);
  }


  private change(table: InputsTable, rerender: boolean): void {
    this.state = table;
    if (rerender) this.draw();
    this.onChange(table);
  }

  private add(): void {
    const decl = this.summary.events[0];
    const date = this.state.rows[0]?.period ?? this.summary.periodStarts[0] ?? "";
    const args = Object.fromEntries((decl?.params ?? []).map((p) => [p.name, ""]));
    this.change(addEvent(this.state, { date, event: decl?.name ?? "", args }), true);
    this.list.querySelector<HTMLInputElement>("li:last-child input")?.focus();
  }

  protected render(): void {
    this.addButton.disabled = this.summary.events.length === 0;
    if (this.state.events.length === 0) {
      replaceChildren(this.list, h("li", { class: "muted" },
        this.summary.events.length === 0 ? "The term sheet declares no events." : "No events in this run."));
      return;
    }
    replaceChildren(this.list, ...this.state.events.map((e, i) => this.row(e, i)));
  }

  private row(e: EventRowState, i: number): HTMLLIElement {
    const n = i + 1;
    const date = h("input", { type: "text", value: e.date, size: 10, "aria-label": `Date of event ${n}`, spellcheck: "false" });
    date.addEventListener("input", () => this.change(updateEvent(this.state, i, { ...this.state.events[i]!, date: date.value }), false));
    const names = this.summary.events.map((d) => d.name);
    if (!names.includes(e.event)) names.push(e.event);
    const select = h("select", { "aria-label": `Kind of event ${n}` }, ...names.map((name) => h("option", { value: name, selected: name === e.event }, name || "(none)")));
    select.addEventListener("change", () => {
      const decl = this.summary.events.find((d) => d.name === select.value);
      const args = Object.fromEntries((decl?.params ?? []).map((p) => [p.name, this.state.events[i]!.args[p.name] ?? ""]));
      this.change(updateEvent(this.state, i, { ...this.state.events[i]!, event: select.value, args }), true);
    });
    const decl = this.summary.events.find((d) => d.name === e.event);
    const argNames = [...(decl?.params.map((p) => p.name) ?? []), ...Object.keys(e.args).filter((k) => !decl?.params.some((p) => p.name === k))];
    const args = argNames.map((name) => {
      const unit = decl?.params.find((p) => p.name === name)?.unit;
      const input = h("input", { type: "text", inputmode: "decimal", value: e.args[name] ?? "", size: 12, "aria-label": `${name} of event ${n}`, spellcheck: "false" });
      input.addEventListener("input", () => {
        const current = this.state.events[i]!;
        this.change(updateEvent(this.state, i, { ...current, args: { ...current.args, [name]: input.value } }), false);
      });
      return h("label", {}, `${name} `, input, unit === undefined ? "" : h("span", { class: "unit" }, ` ${unit}`));
    });
    return h("li", {}, h("div", { class: "event-fields" },
      h("label", {}, "date ", date), select, ...args,
      h("button", { type: "button", class: "icon", "aria-label": `Remove event ${n}`, title: "Remove this event", onclick: () => this.change(removeEvent(this.state, i), true) }, "×"),
    ));
  }
}
