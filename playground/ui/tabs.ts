/**
 * Accessible tabs (WAI-ARIA tabs pattern): one tab stop for the tab list,
 * arrow keys / Home / End move between tabs, the panel follows focus.
 */
import { h } from "./dom.ts";

export interface TabSpec {
  readonly id: string;
  readonly label: string;
  readonly panel: HTMLElement;
}

export class Tabs {
  readonly element: HTMLElement;
  private readonly buttons = new Map<string, HTMLButtonElement>();
  private readonly panels = new Map<string, HTMLElement>();
  private current: string;

  constructor(label: string, specs: readonly TabSpec[], private readonly onShow: (id: string) => void) {
    const list = h("div", { role: "tablist", "aria-label": label, class: "tablist" });
    const panels = h("div", { class: "tabpanels" });
    for (const s of specs) {
      const button = h("button", {
        type: "button", role: "tab", id: `tab-${s.id}`, "aria-controls": `panel-${s.id}`, "aria-selected": "false", tabindex: -1,
      }, s.label);
      button.addEventListener("click", () => this.select(s.id));
      button.addEventListener("keydown", (e) => this.onKey(e, s.id));
      list.appendChild(button);
      const panel = h("div", { role: "tabpanel", id: `panel-${s.id}`, "aria-labelledby": `tab-${s.id}`, tabindex: 0, hidden: true }, s.panel);
      panels.appendChild(panel);
      this.buttons.set(s.id, button);
      this.panels.set(s.id, panel);
    }
    this.element = h("div", { class: "tabs" }, list, panels);
    this.current = specs[0]!.id;
    this.select(this.current);
  }

  get selected(): string {
    return this.current;
  }

  setLabel(id: string, text: string): void {
    const b = this.buttons.get(id);
    if (b !== undefined && b.textContent !== text) b.textContent = text;
  }

  select(id: string, focus = false): void {
    this.current = id;
    for (const [key, b] of this.buttons) {
      const on = key === id;
      b.setAttribute("aria-selected", String(on));
      b.tabIndex = on ? 0 : -1;
      this.panels.get(key)!.hidden = !on;
    }
    if (focus) this.buttons.get(id)?.focus();
    this.onShow(id);
  }

  private onKey(e: KeyboardEvent, id: string): void {
    const ids = [...this.buttons.keys()];
    const i = ids.indexOf(id);
    const next =
      e.key === "ArrowRight" ? ids[(i + 1) % ids.length]
      : e.key === "ArrowLeft" ? ids[(i - 1 + ids.length) % ids.length]
      : e.key === "Home" ? ids[0]
      : e.key === "End" ? ids[ids.length - 1]
      : undefined;
    if (next === undefined) return;
    e.preventDefault();
    this.select(next, true);
  }
}
