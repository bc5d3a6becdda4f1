import { describe, expect, it } from "vitest";
import { stronglyConnected } from "../../src/check/graph.ts";

describe("strongly connected components", () => {
  it("returns components dependencies first and finds cycles", () => {
    // 0 → 1 → 2 → 1, 3 alone
    expect(stronglyConnected(4, [[1], [2], [1], []])).toEqual([[2, 1], [0], [3]]);
  });

  it("handles a chain of 100,000 without recursion", () => {
    const n = 100_000;
    const edges = Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : []));
    const components = stronglyConnected(n, edges);
    expect(components).toHaveLength(n);
    expect(components[0]).toEqual([n - 1]);
  });
});
