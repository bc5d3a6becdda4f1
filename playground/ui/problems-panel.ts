/** Every diagnostic of the last analysis, as the CLI words it, each linking to its place. */
import type { ProblemView } from "../../src/editor/analyze.ts";
import { h, replaceChildren } from "./dom.ts";

const PHASE: Record<ProblemView["phase"], string> = { source: "term sheet", inputs: "inputs", run: "run" };

export class ProblemsPanel {
  readonly element = h("div", { class: "problems-panel" });

  constructor(private readonly onReveal: (line: number, column: number) => void) {}

  show(problems: readonly ProblemView[]): void {
    if (problems.length === 0) {
      replaceChildren(this.element, h("p", { class: "ok" }, "No problems."));
      return;
    }
    replaceChildren(this.element, h("ul", { class: "problems" }, ...problems.map((p) => {
      const where = p.line === undefined ? PHASE[p.phase] : `line ${p.line}:${p.column ?? 1}`;
      const label = `${p.severity}: ${p.message} [${p.code}]`;
      return h("li", { class: p.severity },
        p.line === undefined
          ? h("span", {}, `${where} · ${label}`)
          : h("button", { type: "button", class: "link", onclick: () => this.onReveal(p.line!, p.column ?? 1) }, `${where} · ${label}`),
      );
    })));
  }
}
