import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/parse.ts";

// The shared acceptance cases and the brief live beside the project; they are read, never copied.
const projectRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const conformance = resolve(projectRoot, "../shared/conformance");
const brief = resolve(projectRoot, "../shared/brief/language.md");

const deals = existsSync(conformance)
  ? readdirSync(conformance).filter((n) => existsSync(join(conformance, n, "deal.tenor"))).sort()
  : [];
const errorCases = existsSync(join(conformance, "errors"))
  ? readdirSync(join(conformance, "errors")).filter((n) => n.endsWith(".tenor") && n !== "syntax.tenor").sort()
  : [];

/** The first fenced block of the brief's §1: the whole sample term sheet. */
function briefSample(): string {
  const text = readFileSync(brief, "utf8");
  const match = /## 1\. A whole term sheet\s+```\n([\s\S]*?)```/.exec(text);
  if (match === null) throw new Error("the brief's sample term sheet was not found");
  return match[1]!;
}

describe.runIf(deals.length > 0)("the shared deals parse with no diagnostics", () => {
  it.each(deals)("%s/deal.tenor", (name) => {
    const result = parseSource(readFileSync(join(conformance, name, "deal.tenor"), "utf8"));
    expect(result.diagnostics).toEqual([]);
    expect(result.value.decls.length).toBeGreaterThan(5);
    expect(result.value.decls.every((d) => d.recovered === undefined)).toBe(true);
  });

  it.each(errorCases)("errors/%s has no syntax error (its mistakes are for later phases)", (name) => {
    expect(parseSource(readFileSync(join(conformance, "errors", name), "utf8")).diagnostics).toEqual([]);
  });
});

describe.runIf(existsSync(brief))("the brief's sample term sheet", () => {
  it("parses with no diagnostics into every kind of declaration", () => {
    const result = parseSource(briefSample());
    expect(result.diagnostics).toEqual([]);
    expect(result.value.decls.map((d) => d.kind)).toEqual([
      "Deal", "Parties", "Term", "Currency", "Settle", "Units", "Input", "Input", "Input", "Event",
      "Const", "Const", "Schedule", "Clause", "Clause", "Clause", "Clause", "Clause", "Test",
    ]);
  });

  it("keeps the grant's instrument apart from the price's unit", () => {
    const warrants = parseSource(briefSample()).value.decls.find((d) => d.kind === "Clause" && d.name.text === "warrants");
    expect(warrants).toMatchObject({
      body: [
        {
          kind: "AtSigning",
          body: [
            {
              kind: "Grants",
              grantor: { text: "sharon" },
              grantee: { text: "nvidia" },
              quantity: { kind: "NumberLit", digits: "1000000", unit: null },
              instrument: { text: "warrants" },
              price: { kind: "NumberLit", digits: "12.50", unit: { numerator: [{ text: "USD" }] } },
            },
          ],
        },
      ],
    });
  });
});
