import { describe, expect, it } from "vitest";
import { ConsecutiveHistory } from "../../src/eval/consecutive.ts";
import type { WhenStmt } from "../../src/syntax/ast.ts";

const when = { kind: "When", range: { start: 0, end: 1 } } as unknown as WhenStmt;

describe("ConsecutiveHistory", () => {
  it("holds from the 3rd period in a row where the condition held, and keeps holding", () => {
    const h = new ConsecutiveHistory();
    const seen: boolean[] = [];
    [true, true, true, true, false, true, true, true].forEach((held, i) => {
      h.observe({ stmt: when, n: 3 }, i + 1, held);
      seen.push(h.holds(when));
    });
    expect(seen).toEqual([false, false, true, true, false, false, false, true]);
  });

  it("holds in every period where the condition holds when N is 1", () => {
    const h = new ConsecutiveHistory();
    h.observe({ stmt: when, n: 1 }, 1, true);
    expect(h.holds(when)).toBe(true);
    h.observe({ stmt: when, n: 1 }, 2, false);
    expect(h.holds(when)).toBe(false);
  });

  it("starts a new streak after a gap in the observed periods", () => {
    const h = new ConsecutiveHistory();
    const seen: boolean[] = [];
    for (const index of [1, 2, 4, 5, 6]) {
      h.observe({ stmt: when, n: 3 }, index, true);
      seen.push(h.holds(when));
    }
    expect(seen).toEqual([false, false, false, false, true]);
  });

  it("does not hold before the condition was ever observed", () => {
    expect(new ConsecutiveHistory().holds(when)).toBe(false);
  });
});
