/**
 * The "English" tab: the term sheet in plain English (`tenor explain`'s
 * document, src/explain/document.ts), built from the checked program the
 * ledger settles. The document is plain text in blocks; it becomes DOM
 * nodes here (text nodes only, never parsed as HTML), so no name or title
 * in the sheet can inject markup.
 *
 * While the sheet has errors the last explanation stays on screen, dimmed,
 * under a banner. The page applies only the newest analysis (client.ts),
 * and the panel also refuses a version older than the one it shows. A
 * hidden panel keeps the newest document and draws it when shown.
 */
import type { Block, ExplainDocument, Item } from "../../src/explain/document.ts";
import { h, replaceChildren } from "./dom.ts";

export class EnglishPanel {
  readonly element: HTMLElement;
  private readonly banner = h("p", { class: "banner", hidden: true, role: "note" });
  private readonly body = h("article", { class: "english-doc", "aria-label": "The term sheet in plain English" });
  private shownVersion = 0;
  /** The JSON of the document on screen, so that an edit that changes no words redraws nothing. */
  private shownJson: string | null = null;
  private pending: ExplainDocument | null = null;
  private visible = false;

  constructor() {
    this.element = h("div", { class: "english-panel" }, this.banner, this.body);
    this.body.appendChild(h("p", { class: "muted" }, "The explanation appears once the term sheet checks."));
  }

  /** The analysis of `version`: its document, or null with the reason the last one is kept. */
  show(version: number, doc: ExplainDocument | null, why: string | null): void {
    if (version < this.shownVersion) return;
    this.shownVersion = version;
    this.banner.hidden = why === null;
    this.banner.textContent = why ?? "";
    this.element.classList.toggle("stale", doc === null && this.shownJson !== null);
    if (doc === null) return;
    this.pending = doc;
    if (this.visible) this.draw();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.draw();
  }

  private draw(): void {
    const doc = this.pending;
    if (doc === null) return;
    this.pending = null;
    const json = JSON.stringify(doc);
    if (json === this.shownJson) return;
    this.shownJson = json;
    replaceChildren(this.body, ...documentNodes(doc));
  }
}

/** The document's blocks as DOM nodes (also used by the Compare tab). */
export function documentNodes(doc: ExplainDocument): HTMLElement[] {
  return doc.blocks.map(blockNode);
}

export function blockNode(b: Block): HTMLElement {
  switch (b.kind) {
    case "heading": return h(b.level === 1 ? "h2" : b.level === 2 ? "h3" : "h4", {}, b.text);
    case "paragraph": return h("p", {}, b.text);
    case "list": return itemsNode(b.items);
    case "table": return h("div", { class: "table-scroll" }, h("table", { class: "english-table" },
      h("thead", {}, h("tr", {}, ...b.header.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, ...b.rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
    ));
  }
}

function itemsNode(items: readonly Item[]): HTMLElement {
  return h("ul", {}, ...items.map((i) => h("li", {}, i.text, ...i.children.map(blockNode))));
}
