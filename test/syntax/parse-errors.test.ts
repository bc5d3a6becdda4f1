import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/parse.ts";
import { located } from "./helpers.ts";

const projectRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const syntaxCase = resolve(projectRoot, "../shared/conformance/errors/syntax.tenor");

function errorsOf(source: string) {
  return located(source, parseSource(source).diagnostics);
}

const HEADER = `deal "Errors"
parties {
  nvidia: "NVIDIA"
  sharon: "Sharon"
}
term 2026-07-01 to 2027-06-30, monthly
currency USD
input revenue: USD
`;

describe("parse errors are reported once each, at their own line", () => {
  it.runIf(existsSync(syntaxCase))("the shared syntax case gives one error on line 14 and one on line 18", () => {
    const source = readFileSync(syntaxCase, "utf8");
    expect(errorsOf(source)).toEqual([
      { code: "TN1002", line: 14, message: "expected an expression after '*', found '*'" },
      { code: "TN1002", line: 18, message: "expected a name after 'let', found '='" },
    ]);
  });

  it("five mistakes in five clauses give five diagnostics at the right lines", () => {
    const source = `${HEADER}clause a "A" {
  sharon pays nvidia revenue * * 10%
}
clause b "B" {
  let = 5 USD
  sharon pays nvidia 1 USD
}
clause c "C" {
  when revenue > 5 USD {
    sharon pays nvidia (revenue + 1 USD
  }
}
clause d "D" {
  sharon pays 5 USD
}
clause e "E" {
  cap 5 USD over
  sharon pays nvidia 1 USD
}
`;
    expect(errorsOf(source)).toEqual([
      { code: "TN1002", line: 10, message: "expected an expression after '*', found '*'" },
      { code: "TN1002", line: 13, message: "expected a name after 'let', found '='" },
      { code: "TN1002", line: 18, message: "expected ')' after 'USD', found '}'" },
      { code: "TN1002", line: 22, message: "expected a name after 'pays', found '5'" },
      { code: "TN1002", line: 25, message: "expected 'term' after 'over', found 'sharon'" },
    ]);
  });

  it("the clauses around the mistakes are still built, marked as recovered", () => {
    const source = `${HEADER}clause a { sharon pays nvidia revenue * * 10% }\nclause b { sharon pays nvidia revenue }\n`;
    const result = parseSource(source);
    const clauses = result.value.decls.filter((d) => d.kind === "Clause");
    expect(clauses.map((c) => [c.kind === "Clause" && c.name.text, c.recovered ?? false])).toEqual([
      ["a", true],
      ["b", false],
    ]);
    const broken = clauses[0]!;
    expect(broken.kind === "Clause" && broken.body[0]).toMatchObject({
      kind: "Pays",
      amount: { kind: "Binary", op: "*", left: { kind: "Binary", op: "*", right: { kind: "ErrorExpr" } } },
    });
  });

  it("a statement that lost its name is dropped, the rest of the clause kept", () => {
    const result = parseSource("clause c {\n  let = 5\n  a pays b 1\n}");
    expect(result.value.decls).toMatchObject([{ kind: "Clause", recovered: true, body: [{ kind: "Pays" }] }]);
  });

  it("a missing closing brace does not swallow the next declaration", () => {
    const source = "clause a {\n  a pays b 1\nclause b {\n  a pays b 2\n}\n";
    expect(errorsOf(source)).toEqual([{ code: "TN1002", line: 2, message: "expected a statement or '}' after '1', found 'clause'" }]);
    expect(parseSource(source).value.decls.map((d) => d.kind === "Clause" && d.name.text)).toEqual(["a", "b"]);
  });

  it("an error at the end of the file is anchored on the last token", () => {
    const source = "const k = 5 +";
    const result = parseSource(source);
    expect(result.diagnostics).toEqual([
      { code: "TN1002", severity: "error", message: "expected an expression after '+', found the end of the file", range: { start: 12, end: 13 } },
    ]);
  });

  it("stray tokens between statements are one error at the stray token", () => {
    const source = "clause c {\n  a pays b 1 USD\n  junk words here\n  let x = 1\n}";
    expect(errorsOf(source)).toEqual([{ code: "TN1002", line: 3, message: "expected a statement or '}' after 'USD', found 'junk'" }]);
    expect(parseSource(source).value.decls).toMatchObject([{ body: [{ kind: "Pays" }, { kind: "Let" }] }]);
  });

  it("text before the first declaration and after a finished one is reported", () => {
    expect(errorsOf("hello\nconst j = 3 3")).toEqual([
      {
        code: "TN1002",
        line: 1,
        message:
          "expected a declaration (deal, parties, term, paid, calendar, currency, settle, units, input, event, const, schedule, tiers, clause, test, import, template or use), found 'hello'",
      },
      { code: "TN1002", line: 2, message: "expected a new declaration after '3', found '3'" },
    ]);
  });

  it("recovery echoes on the same line are not reported twice", () => {
    const source = "clause c {\n  sharon pays nvidia revenue * * * 10%\n  let x = = 5\n}";
    expect(errorsOf(source)).toEqual([
      { code: "TN1002", line: 2, message: "expected an expression after '*', found '*'" },
      { code: "TN1002", line: 3, message: "expected an expression after '=', found '='" },
    ]);
    const event = "event e(x USD\nconst k = 1";
    expect(errorsOf(event)).toEqual([{ code: "TN1002", line: 1, message: "expected ':' after 'x', found 'USD'" }]);
  });

  it("every diagnostic has a distinct line", () => {
    const source = "parties { nvidia \"N\" sharon: \"S\" }\nterm 2026-07-01 2027-06-30 monthly\ncurrency\nunits\ninput revenue USD";
    const lines = errorsOf(source).map((e) => e.line);
    expect(lines).toEqual([1, 2, 3, 4, 5]);
  });

  it("messages name what was expected in plain words", () => {
    expect(errorsOf("term 2026-07-01 to 2027-06-30, weekly")[0]?.message).toBe(
      "expected 'monthly', 'quarterly' or 'annually' after ',', found 'weekly'",
    );
    expect(errorsOf("currency USD, rounding nearest")[0]?.message).toBe(
      "expected 'half_even', 'half_up', 'down' or 'up' after 'rounding', found 'nearest'",
    );
    expect(errorsOf("clause c { cap 5 USD per year }")[0]?.message).toBe(
      "expected 'contract_year' or 'period' after 'per', found 'year'",
    );
    expect(errorsOf("schedule s by contract_year { year 1 15% }")[0]?.message).toBe("expected ':' after '1', found '15'");
  });

  it("chained comparisons and a misplaced 'not' are reported where they stand", () => {
    const result = parseSource("const x = a < b < c\nconst y = a + not b");
    expect(located("const x = a < b < c\nconst y = a + not b", result.diagnostics)).toEqual([
      { code: "TN1002", line: 1, message: "comparisons cannot be chained; join them with 'and'" },
      { code: "TN1002", line: 2, message: "'not' must be in parentheses here" },
    ]);
  });
});

describe("lexing errors", () => {
  it("an unexpected character is TN1001 at that character, its echo on the line is dropped, and parsing goes on", () => {
    const source = "const a = 1 # 2\nconst b = 2";
    const result = parseSource(source);
    expect(result.diagnostics.map((d) => [d.code, d.range])).toEqual([["TN1001", { start: 12, end: 13 }]]);
    expect(result.diagnostics[0]?.message).toBe("unexpected character '#'");
    expect(result.value.decls.map((d) => d.kind)).toEqual(["Const", "Const"]);
  });

  it("an unterminated string is TN1003 once, and the declaration is still built", () => {
    const source = 'deal "Sharon AI\ncurrency USD';
    const result = parseSource(source);
    expect(result.diagnostics).toEqual([
      { code: "TN1003", severity: "error", message: "unterminated string: missing closing '\"'", range: { start: 5, end: 15 } },
    ]);
    expect(result.value.decls).toMatchObject([{ kind: "Deal", title: { value: "Sharon AI" } }, { kind: "Currency" }]);
  });
});
