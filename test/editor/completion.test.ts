import { describe, expect, it } from "vitest";
import { completionsAt } from "../../src/editor/completion.ts";
import { indexOf, labelsIn } from "./completion-helpers.ts";
import { clauseSnippets } from "../../src/editor/snippets.ts";
import { KEYWORDS } from "../../grammar/tokens.ts";

const SOURCE = `deal "D"
parties {
  op: "Operator"
  vendor: "Vendor"
}
term 2026-01-01 to 2027-12-31, monthly
currency EUR
units gpu_hour
input sold: gpu_hour
event outage(hours: gpu_hour)
const price = 2.5 EUR per gpu_hour
clause buyback "Buyback" {
  let unsold = max(1000 gpu_hour - sold, 0 gpu_hour)
  vendor pays op unsold * price
  on outage {
    vendor pays op hours * price
  }
}
// a comment
`;

const index = indexOf(SOURCE);
const labels = labelsIn(SOURCE, index);


describe("completion", () => {
  it("offers the parties after `pays`, the clauses after `under`, the events after `on`", () => {
    expect(labels("vendor pays ")).toEqual(["op", "vendor"]);
    expect(labels("vendor pays op unsold * price\n", "  expect vendor pays op 0 EUR under ")).toEqual(["buyback"]);
    expect(labels("  on ")).toEqual(["outage"]);
  });

  it("offers the currency and declared units after a number, and after `per`", () => {
    expect(labels("max(1000 ")).toEqual(expect.arrayContaining(["EUR", "gpu_hour", "days", "million"]));
    expect(labels("2.5 EUR per ")).toEqual(expect.arrayContaining(["EUR", "gpu_hour", "contract_year", "period"]));
  });

  it("offers a clause's lets only after their declaration, and an event's arguments only inside `on`", () => {
    const inside = labels("vendor pays op hours * ");
    expect(inside).toEqual(expect.arrayContaining(["unsold", "hours", "price", "sold", "days", "max", "op"]));
    const before = labels("let unsold = ");
    expect(before).not.toContain("unsold");
    expect(before).not.toContain("hours");
    expect(before).toEqual(expect.arrayContaining(["price", "sold", "period_index"]));
  });

  it("offers every keyword and, outside clauses, the four clause snippets with the deal's parties and currency", () => {
    const top = completionsAt(index, SOURCE, SOURCE.length);
    expect(top.filter((c) => c.kind === "keyword").map((c) => c.label)).toEqual([...KEYWORDS]);
    const snippets = top.filter((c) => c.kind === "snippet");
    expect(snippets.map((c) => c.label)).toEqual([
      "clause: revenue share",
      "clause: buyback with consecutive trigger and cap",
      "clause: guarantee on event",
      "clause: warrants at signing",
    ]);
    expect(snippets.every((c) => c.snippet)).toBe(true);
    expect(snippets[0]!.insertText).toBe('clause ${1:revenue_share} "${2:Revenue share}" {\n\t${3:op} pays ${4:vendor} ${5:sold} * ${6:share_rate}\n}');
    expect(snippets[1]!.insertText).toContain("for ${7:3} consecutive periods");
    expect(snippets[1]!.insertText).toContain("cap ${11:25 million EUR} over term");
    expect(snippets[2]!.insertText).toContain("on ${3:outage} {");
    expect(snippets[3]!.insertText).toContain("${3:op} grants ${4:vendor} ${5:1_000_000} ${6:warrants} at ${7:12.50 EUR}");
    expect(labels("vendor pays op hours * ").some((l) => l.startsWith("clause:"))).toBe(false);
  });

  it("stays quiet in comments and strings", () => {
    expect(labels("// a comm")).toEqual([]);
    expect(labels('deal "')).toEqual([]);
  });

  it("gives snippets placeholders when nothing is declared yet", () => {
    const empty = indexOf("");
    expect(clauseSnippets(empty)[0]!.body).toContain("${3:payer} pays ${4:payee} ${5:revenue}");
    expect(clauseSnippets(empty)[1]!.body).toContain("${10:1.85 USD per gpu_hour}");
  });
});
