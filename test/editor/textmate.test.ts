/**
 * The TextMate grammar generated from grammar/tokens.ts (src/editor/textmate.ts),
 * tokenized by VS Code's own engine: vscode-textmate with the Oniguruma
 * regular expressions VS Code uses (vscode-oniguruma's WebAssembly build).
 * Every token Tenor's lexer reads in the examples and the stdlib must be
 * highlighted as one token of its class.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import oniguruma from "vscode-oniguruma";
import textmate from "vscode-textmate";
import type { IGrammar, StateStack } from "vscode-textmate";
import { KEYWORDS } from "../../grammar/tokens.ts";
import { lex } from "../../grammar/lexer.ts";
import { BUILTIN_NAMES } from "../../src/builtins/registry.ts";
import { PERIOD_FACTS } from "../../src/check/checked-program.ts";
import { operatorClasses } from "../../src/editor/monarch.ts";
import { TENOR_SCOPE, tenorTextMate } from "../../src/editor/textmate.ts";

const ROOT = join(import.meta.dirname, "..", "..");
let grammar: IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(createRequire(import.meta.url).resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scope: string) => (scope === TENOR_SCOPE ? textmate.parseRawGrammar(JSON.stringify(tenorTextMate()), "tenor.tmLanguage.json") : null),
  });
  grammar = (await registry.loadGrammar(TENOR_SCOPE))!;
});

interface Token {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly scope: string;
}

/** Every token of a text (line by line, as an editor asks), with its innermost scope; spaces left out. */
function highlight(text: string): Token[] {
  const out: Token[] = [];
  let state: StateStack = textmate.INITIAL;
  text.split("\n").forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const piece = line.slice(t.startIndex, t.endIndex);
      if (piece.trim() !== "") out.push({ line: i, start: t.startIndex, end: t.endIndex, text: piece, scope: t.scopes[t.scopes.length - 1]! });
    }
    state = r.ruleStack;
  });
  return out;
}

const scopesOf = (text: string) => highlight(text).map((t) => [t.text, t.scope]);

describe("the TextMate grammar under VS Code's engine", () => {
  it("highlights every keyword of the lexer as a keyword", () => {
    for (const word of KEYWORDS) expect(scopesOf(word), word).toEqual([[word, "keyword.control.tenor"]]);
  });

  it("reads a name that starts with a keyword as one name, as the lexer does", () => {
    expect(scopesOf("period_index termination periods year1 max_x max")).toEqual([
      ["period_index", "variable.language.tenor"],
      ["termination", "variable.other.tenor"],
      ["periods", "keyword.control.tenor"],
      ["year1", "variable.other.tenor"],
      ["max_x", "variable.other.tenor"],
      ["max", "support.function.tenor"],
    ]);
  });

  it("highlights literals, comments and an unterminated string as the lexer reads them", () => {
    expect(scopesOf('cap 2026-07-01 1_000.50 "a \\"b\\"" // note')).toEqual([
      ["cap", "keyword.control.tenor"],
      ["2026-07-01", "constant.numeric.date.tenor"],
      ["1_000.50", "constant.numeric.tenor"],
      ['"a \\"b\\""', "string.quoted.double.tenor"],
      ["// note", "comment.line.double-slash.tenor"],
    ]);
    expect(scopesOf('deal "open')).toEqual([["deal", "keyword.control.tenor"], ['"open', "invalid.illegal.string.tenor"]]);
  });

  it("gives every token of the examples and the stdlib its class, with the lexer's own boundaries", () => {
    const ops = operatorClasses();
    const expected = (name: string, image: string): string => {
      if (name === "Comment") return "comment.line.double-slash.tenor";
      if (name === "StringLit") return "string.quoted.double.tenor";
      if (name === "DateLit") return "constant.numeric.date.tenor";
      if (name === "NumberLit") return "constant.numeric.tenor";
      if ((KEYWORDS as readonly string[]).includes(image)) return "keyword.control.tenor";
      if (name === "Identifier") {
        if ((BUILTIN_NAMES as readonly string[]).includes(image)) return "support.function.tenor";
        return (PERIOD_FACTS as readonly string[]).includes(image) ? "variable.language.tenor" : "variable.other.tenor";
      }
      if (ops.brackets.includes(image)) return "punctuation.bracket.tenor";
      if (ops.delimiters.includes(image)) return "punctuation.separator.tenor";
      if (ops.operators.includes(image)) return "keyword.operator.tenor";
      throw new Error(`no class for token ${name} ${image}`);
    };
    const files = [
      ...readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".tenor")).map((f) => join(ROOT, "examples", f)),
      ...readdirSync(join(ROOT, "stdlib")).filter((f) => f.endsWith(".tenor")).map((f) => join(ROOT, "stdlib", f)),
    ];
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const lexed = lex(text);
      expect(lexed.errors, file).toEqual([]);
      const want = [...lexed.tokens, ...(lexed.groups["comments"] ?? [])]
        .sort((a, b) => a.startOffset - b.startOffset)
        .map((t) => ({ line: t.startLine! - 1, start: t.startColumn! - 1, text: t.image, scope: expected(t.tokenType.name, t.image) }));
      const got = highlight(text).map(({ line, start, text: piece, scope }) => ({ line, start, text: piece, scope }));
      expect(got, file).toEqual(want);
      checked += want.length;
    }
    expect(checked).toBeGreaterThan(5_000);
  });
});
