/**
 * The nesting guard covers every recursive rule of the grammar (issue 13):
 * the rules that can reach themselves are found by walking the parser's
 * own grammar, and each has a way to nest it here; nested far past the
 * limit, each gives the limit's error at its place, never a stack overflow
 * (TN1007). A new recursive rule fails the first test until it is added.
 */
import { describe, expect, it } from "vitest";
import { tenorParser } from "../../grammar/parser.ts";
import { PARSE } from "../../src/diagnostics/codes/parse.ts";
import { parseSource } from "../../src/syntax/parse.ts";

interface GastNode {
  readonly nonTerminalName?: string;
  readonly definition?: readonly GastNode[];
}

/** Rule → the rules its definition names (a reference is not followed: its `definition` is the other rule's). */
function references(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const walk = (node: GastNode, into: Set<string>): void => {
    if (node.nonTerminalName !== undefined) {
      into.add(node.nonTerminalName);
      return;
    }
    for (const d of node.definition ?? []) walk(d, into);
  };
  for (const [name, rule] of Object.entries(tenorParser.getGAstProductions())) {
    const into = new Set<string>();
    walk(rule as GastNode, into);
    out.set(name, into);
  }
  return out;
}

function recursiveRules(): string[] {
  const refs = references();
  const reaches = (from: string): Set<string> => {
    const seen = new Set<string>();
    const todo = [...(refs.get(from) ?? [])];
    while (todo.length > 0) {
      const r = todo.pop()!;
      if (seen.has(r)) continue;
      seen.add(r);
      todo.push(...(refs.get(r) ?? []));
    }
    return seen;
  };
  return [...refs.keys()].filter((r) => reaches(r).has(r)).sort();
}

const HEAD = `deal "Deep"
parties {
  a: "A"
  b: "B"
}
term 2026-01-01 to 2026-12-31, monthly
currency USD
input r: USD
event e()
`;

/** Ways to nest, each with the recursive rules its nesting goes through: `n` levels of it inside a clause. */
const NESTERS: { readonly name: string; readonly rules: readonly string[]; nest(n: number): string }[] = [
  { name: "when blocks", rules: ["block", "statement", "whenStmt"], nest: (n) => `clause c {\n${"when r > 0 USD { ".repeat(n)}a pays b r${" }".repeat(n)}\n}\n` },
  { name: "on blocks", rules: ["block", "statement", "onStmt"], nest: (n) => `clause c {\n${"on e { ".repeat(n)}a pays b r${" }".repeat(n)}\n}\n` },
  { name: "at signing blocks", rules: ["block", "statement", "atSigningStmt"], nest: (n) => `clause c {\n${"at signing { ".repeat(n)}a pays b r${" }".repeat(n)}\n}\n` },
  { name: "brackets", rules: ["expression", "operand"], nest: (n) => `clause c {\n  a pays b ${"(".repeat(n)}r${")".repeat(n)}\n}\n` },
  { name: "if expressions", rules: ["expression", "operand"], nest: (n) => `clause c {\n  a pays b ${"if r > 0 USD then ".repeat(n)}r${" else r".repeat(n)}\n}\n` },
  { name: "calls", rules: ["expression", "operand", "nameOrCall"], nest: (n) => `clause c {\n  a pays b ${"max(".repeat(n)}r${", r)".repeat(n)}\n}\n` },
  // The fuzzer's shape (cases 3314 and 4231 of seed 1): `when` blocks inside a `let`, the braces never closed.
  { name: "unclosed when blocks in a let", rules: ["block", "statement", "whenStmt"], nest: (n) => `clause c {\n  let x = rwhen a { ${"when a { ".repeat(n)}a pays b r${" }".repeat(n >> 1)}\n}\n` },
];

describe("the nesting guard", () => {
  it("has a way to nest every recursive rule of the grammar", () => {
    expect(recursiveRules()).toEqual(["atSigningStmt", "block", "expression", "nameOrCall", "onStmt", "operand", "statement", "whenStmt"]);
    expect([...new Set(NESTERS.flatMap((n) => n.rules))].sort()).toEqual(recursiveRules());
  });

  it.each(NESTERS.map((n) => [n.name, n] as const))("stops %s nested past the limit with the limit's error at its place", (_name, nester) => {
    for (const depth of [300, 20_000]) {
      const source = HEAD + nester.nest(depth);
      const r = parseSource(source);
      const codes = r.diagnostics.map((d) => d.code);
      expect(codes, `${depth} levels`).toContain(PARSE.nestingTooDeep);
      expect(codes).not.toContain(PARSE.internalParserError);
      const deep = r.diagnostics.find((d) => d.code === PARSE.nestingTooDeep)!;
      expect(deep.message).toBe("nesting deeper than 200 levels");
      // Inside the nesting: after the clause's opening brace, before its last level.
      expect(deep.range!.start).toBeGreaterThan(source.indexOf("clause c {"));
    }
  });

  it("lets the same shapes through at a depth within the limit", () => {
    for (const nester of NESTERS.slice(0, 6)) {
      const r = parseSource(HEAD + nester.nest(40));
      expect(r.diagnostics.filter((d) => d.severity === "error"), nester.name).toEqual([]);
    }
  });
});
