/**
 * The "Compare" tab: the user keeps a version of the sheet, edits on, and
 * reads the redline — what changed in the terms, in English, and what it
 * does to the money on the current inputs (src/diff, computed in the
 * worker by ../analysis/compare.ts). The redline is an explain document,
 * drawn as text nodes like the English tab.
 *
 * While the edited sheet has errors the last redline stays, dimmed, under
 * a banner; versions older than the one shown are refused.
 */
import type { CompareOutcome } from "../analysis/compare.ts";
import { h, replaceChildren } from "./dom.ts";
import { documentNodes } from "./english-panel.ts";

export interface CompareActions {
  /** Keep the sheet as it is now in the editor. */
  readonly keep: () => void;
  /** Put the kept version back in the editor. */
  readonly restore: () => void;
  /** Forget the kept version. */
  readonly stop: () => void;
}

const IDLE = "No version kept. Keep this version, then edit the term sheet or its inputs: "
  + "this tab shows what changed in the terms, in English, and what that changes in money on the current inputs.";

export class ComparePanel {
  readonly element: HTMLElement;
  private readonly keepButton = h("button", { type: "button", id: "compare-keep" }, "Keep this version");
  private readonly restoreButton = h("button", { type: "button", id: "compare-restore", disabled: true }, "Restore kept version");
  private readonly stopButton = h("button", { type: "button", id: "compare-stop", disabled: true }, "Stop comparing");
  private readonly status = h("p", { class: "compare-status", role: "status" }, IDLE);
  private readonly banner = h("p", { class: "banner", hidden: true, role: "note" });
  private readonly body = h("article", { class: "compare-doc", "aria-label": "Redline from the kept version" });
  private shownVersion = 0;
  private shownJson: string | null = null;

  constructor(actions: CompareActions) {
    this.keepButton.addEventListener("click", actions.keep);
    this.restoreButton.addEventListener("click", actions.restore);
    this.stopButton.addEventListener("click", actions.stop);
    this.element = h("div", { class: "compare-panel" },
      h("div", { class: "panel-tools" }, this.keepButton, this.restoreButton, this.stopButton),
      this.status, this.banner, this.body);
  }

  /** Whether the sheet in the editor can be kept (it checks). */
  setCanKeep(can: boolean): void {
    this.keepButton.disabled = !can;
    this.keepButton.title = can ? "" : "The term sheet has errors: fix them to keep this version";
  }

  /** The redline for the analysis of `version`. */
  show(version: number, outcome: CompareOutcome): void {
    if (version < this.shownVersion) return;
    this.shownVersion = version;
    const comparing = outcome.kind !== "off";
    this.restoreButton.disabled = !comparing;
    this.stopButton.disabled = !comparing;
    this.banner.hidden = true;
    this.element.classList.remove("stale");
    switch (outcome.kind) {
      case "off":
        this.status.textContent = IDLE;
        this.draw(null);
        return;
      case "kept-errors":
        this.status.textContent = `The kept version has ${outcome.errors} error${outcome.errors === 1 ? "" : "s"}: keep a version that checks.`;
        this.draw(null);
        return;
      case "current-errors":
        this.banner.hidden = false;
        this.banner.textContent = "The term sheet has errors (see Problems); the redline shown is the last one made.";
        this.element.classList.toggle("stale", this.shownJson !== null);
        return;
      case "ready": {
        const v = outcome.view;
        const terms = v.termChanges === 0 ? "The terms are the same as the kept version's" : `${v.termChanges} change${v.termChanges === 1 ? "" : "s"} in the terms`;
        const money = v.moneyChanged === null ? "." : v.moneyChanged ? "; the money changes on the current inputs." : "; the money is the same on the current inputs.";
        this.status.textContent = `Comparing with the kept version. ${terms}${money}`;
        if (v.notes.length > 0) {
          this.banner.hidden = false;
          this.banner.textContent = v.notes.join(" ");
        }
        this.draw(outcome.view.doc);
      }
    }
  }

  private draw(doc: Parameters<typeof documentNodes>[0] | null): void {
    const json = doc === null ? null : JSON.stringify(doc);
    if (json === this.shownJson) return;
    this.shownJson = json;
    if (doc === null) replaceChildren(this.body);
    else replaceChildren(this.body, ...documentNodes(doc));
  }
}
