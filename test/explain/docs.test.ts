/** docs/explain.md's worked example is what `tenor explain` prints for its term sheet. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { explainSource } from "../../src/api.ts";
import { renderExplanation } from "../../src/explain/index.ts";

const DOC = readFileSync(fileURLToPath(new URL("../../docs/explain.md", import.meta.url)), "utf8");

describe("docs/explain.md", () => {
  it("shows the text that tenor explain prints for its worked example", () => {
    const sheet = /```tenor\n([\s\S]*?)```/.exec(DOC)![1]!;
    const shown = /```text\n([\s\S]*?)```/.exec(DOC)![1]!;
    expect(renderExplanation(explainSource(sheet).value!, "text")).toBe(shown);
  });
});
