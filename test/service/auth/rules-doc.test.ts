/** docs/service.md "Who may do what" is the table of the rules the service enforces, exactly. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULES_BEGIN, RULES_END, rulesTable } from "../../../src/service/auth/roles.ts";

describe("docs/service.md", () => {
  it("holds exactly rulesTable() between its markers (regenerate: npx tsx scripts/rules-table.ts)", () => {
    const doc = readFileSync(new URL("../../../docs/service.md", import.meta.url), "utf8");
    const start = doc.indexOf(RULES_BEGIN);
    const end = doc.indexOf(RULES_END);
    expect(start).toBeGreaterThan(0);
    expect(doc.slice(start + RULES_BEGIN.length, end)).toBe(`\n${rulesTable()}`);
  });
});
