import { describe, expect, it } from "vitest";
import { KEYWORDS, OPERATORS } from "../../grammar/tokens.ts";
import { operatorClasses, tenorMonarch } from "../../src/editor/monarch.ts";
import type { MonarchAction, TenorMonarch } from "../../src/editor/monarch.ts";

/**
 * A minimal Monarch interpreter for one state: at each position the first
 * rule whose regex matches there wins, and a `cases` action is resolved
 * against the definition's `@lists` (Monaco's semantics for these rules).
 */
function tokenize(def: TenorMonarch, text: string): { text: string; type: string }[] {
  const out: { text: string; type: string }[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    let matched = false;
    for (const [regex, action] of def.tokenizer.root) {
      const m = new RegExp(`^(?:${regex.source})`).exec(rest);
      if (m === null || m[0] === "") continue;
      out.push({ text: m[0], type: resolve(def, action, m[0]) });
      at += m[0].length;
      matched = true;
      break;
    }
    if (!matched) {
      out.push({ text: text[at]!, type: def.defaultToken });
      at += 1;
    }
  }
  return out.filter((t) => t.type !== "white");
}

function resolve(def: TenorMonarch, action: MonarchAction, word: string): string {
  if (typeof action === "string") return action;
  for (const [guard, type] of Object.entries(action.cases)) {
    if (guard === "@default") return type;
    const list = (def as unknown as Record<string, readonly string[]>)[guard.slice(1)];
    if (list?.includes(word)) return type;
  }
  return def.defaultToken;
}

describe("Monarch highlighting generated from grammar/tokens.ts", () => {
  const def = tenorMonarch();

  it("highlights every keyword of the lexer as a keyword", () => {
    for (const word of KEYWORDS) {
      expect(tokenize(def, word), word).toEqual([{ text: word, type: "keyword" }]);
    }
    expect(def.keywords).toEqual([...KEYWORDS]);
  });

  it("reads a name that starts with a keyword as one identifier, as the lexer does", () => {
    expect(tokenize(def, "period_index")).toEqual([{ text: "period_index", type: "variable.predefined" }]);
    expect(tokenize(def, "termination")).toEqual([{ text: "termination", type: "identifier" }]);
    expect(tokenize(def, "periods")).toEqual([{ text: "periods", type: "keyword" }]);
  });

  it("covers every operator spelling with exactly one class, two-character operators first", () => {
    const { brackets, delimiters, operators } = operatorClasses();
    expect([...brackets, ...delimiters, ...operators].sort()).toEqual([...OPERATORS].sort());
    for (const op of OPERATORS) {
      const tokens = tokenize(def, op);
      expect(tokens, op).toHaveLength(1);
      expect(["@brackets", "delimiter", "operator"]).toContain(tokens[0]!.type);
    }
    expect(tokenize(def, "a <= b")).toEqual([
      { text: "a", type: "identifier" }, { text: "<=", type: "operator" }, { text: "b", type: "identifier" },
    ]);
  });

  it("tells dates, numbers, strings, comments and built-ins apart", () => {
    expect(tokenize(def, 'term 2026-07-01 to 2031-06-30 // five years')).toEqual([
      { text: "term", type: "keyword" },
      { text: "2026-07-01", type: "number.date" },
      { text: "to", type: "keyword" },
      { text: "2031-06-30", type: "number.date" },
      { text: "// five years", type: "comment" },
    ]);
    expect(tokenize(def, 'deal "A \\"B\\""')).toEqual([
      { text: "deal", type: "keyword" }, { text: '"A \\"B\\""', type: "string" },
    ]);
    expect(tokenize(def, "max(1_000.5 USD, 12.5%)").map((t) => t.type)).toEqual([
      "predefined", "@brackets", "number", "identifier", "delimiter", "number", "operator", "@brackets",
    ]);
    expect(tokenize(def, '"open')).toEqual([{ text: '"open', type: "string.invalid" }]);
  });
});
