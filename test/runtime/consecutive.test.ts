import { describe, expect, it } from "vitest";
import { holds, newStreak, observe } from "../../src/runtime/consecutive.ts";

describe("streaks of for N consecutive periods", () => {
  it("holds from the 3rd period in a row where the condition held, and keeps holding", () => {
    const s = newStreak();
    const seen: boolean[] = [];
    [true, true, true, true, false, true, true, true].forEach((held, i) => {
      observe(s, 3, i + 1, held);
      seen.push(holds(s, 3));
    });
    expect(seen).toEqual([false, false, true, true, false, false, false, true]);
  });

  it("holds in every period where the condition holds when N is 1", () => {
    const s = newStreak();
    observe(s, 1, 1, true);
    expect(holds(s, 1)).toBe(true);
    observe(s, 1, 2, false);
    expect(holds(s, 1)).toBe(false);
  });

  it("starts a new streak after a gap in the observed periods", () => {
    const s = newStreak();
    const seen: boolean[] = [];
    for (const index of [1, 2, 4, 5, 6]) {
      observe(s, 3, index, true);
      seen.push(holds(s, 3));
    }
    expect(seen).toEqual([false, false, false, false, true]);
  });

  it("does not hold before the condition was ever observed", () => {
    expect(holds(newStreak(), 3)).toBe(false);
    expect(holds(undefined, 1)).toBe(false);
  });

  it("counts no further than N, so a snapshot stays small", () => {
    const s = newStreak();
    for (let i = 1; i <= 10; i++) observe(s, 3, i, true);
    expect(s).toEqual({ count: 3, last: 10 });
  });
});
