/** The term sheet's `test` blocks, as `tenor test` reports them; each links to its line. */
import type { TestView } from "../../src/editor/analyze.ts";
import { h, replaceChildren } from "./dom.ts";
import { groupDigits } from "../../src/text/group-digits.ts";

export class TestsPanel {
  readonly element = h("div", { class: "tests-panel" });

  constructor(private readonly onReveal: (line: number) => void) {}

  show(tests: readonly TestView[] | null): void {
    if (tests === null) {
      replaceChildren(this.element, h("p", { class: "muted" }, "Tests run once the term sheet checks without errors."));
      return;
    }
    if (tests.length === 0) {
      replaceChildren(this.element, h("p", { class: "muted" }, "This term sheet has no test blocks."));
      return;
    }
    const passed = tests.filter((t) => t.passed).length;
    replaceChildren(this.element,
      h("p", { class: passed === tests.length ? "ok" : "fail" }, `${passed} of ${tests.length} tests pass`),
      h("ul", { class: "tests" }, ...tests.map((t) => h("li", { class: t.passed ? "pass" : "fail" },
        h("button", { type: "button", class: "link", onclick: () => this.onReveal(t.line) },
          `${t.passed ? "✓" : "✗"} ${t.title}`),
        h("span", { class: "muted" }, ` line ${t.line}`),
        h("ul", {},
          ...t.expectations.map((x) => h("li", { class: x.passed ? "pass" : "fail" },
            `${x.passed ? "✓" : "✗"} ${x.description}: expected ${groupDigits(x.expected)}`,
            x.passed ? "" : `, got ${groupDigits(x.actual)}`)),
          ...t.problems.filter((p) => p.code !== undefined).map((p) => h("li", { class: "fail" }, `${p.message} [${p.code}]`)),
        ),
      ))),
    );
  }
}
