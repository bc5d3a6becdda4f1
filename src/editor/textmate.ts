/**
 * The TextMate grammar of Tenor (VS Code and the many editors that read
 * TextMate grammars), generated like the Monarch one (./monarch.ts) from the
 * lexer's own token definitions in grammar/tokens.ts: the keyword and
 * operator lists and the literal patterns come from there, so highlighting
 * cannot drift from the parser. `npm run build:vscode` writes it into the
 * extension as syntaxes/tenor.tmLanguage.json; test/editor/textmate.test.ts
 * tokenizes with VS Code's own engine (vscode-textmate + Oniguruma).
 */
import { Comment, DateLit, Identifier, KEYWORDS, NumberLit, StringLit, UnterminatedString } from "../../grammar/tokens.ts";
import type { TokenType } from "chevrotain";
import { BUILTIN_NAMES } from "../builtins/registry.ts";
import { PERIOD_FACTS } from "../check/checked-program.ts";
import { operatorClasses } from "./monarch.ts";

export interface TextMateRule {
  readonly name: string;
  readonly match: string;
}

export interface TextMateGrammar {
  readonly scopeName: string;
  readonly name: string;
  readonly fileTypes: readonly string[];
  readonly patterns: readonly TextMateRule[];
}

export const TENOR_SCOPE = "source.tenor";

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

function source(token: TokenType): string {
  const p = token.PATTERN;
  if (!(p instanceof RegExp)) throw new Error(`token ${token.name} has no RegExp pattern`);
  return p.source;
}

/** Whole words only, as the lexer reads them: `period_index` is one name, not `period` + `_index`. */
function words(list: readonly string[]): string {
  return `(?<![A-Za-z0-9_])(?:${list.map(escape).join("|")})(?![A-Za-z0-9_])`;
}

/**
 * The grammar. Scopes: `keyword.control` (every keyword), `support.function`
 * (built-in functions), `variable.language` (period facts), `variable.other`
 * (names), `constant.numeric` (numbers; `.date` for dates), `string.quoted.double`
 * (`invalid.illegal` when the closing quote is missing), `comment.line`,
 * `keyword.operator`, `punctuation`; each ends in `.tenor`. At one position
 * the first rule that matches wins, as in the lexer's order.
 */
export function tenorTextMate(): TextMateGrammar {
  const ops = operatorClasses();
  const alt = (list: readonly string[]) => list.map(escape).join("|");
  return {
    scopeName: TENOR_SCOPE,
    name: "Tenor",
    fileTypes: ["tenor"],
    patterns: [
      { name: "comment.line.double-slash.tenor", match: source(Comment) },
      { name: "string.quoted.double.tenor", match: source(StringLit) },
      // An unterminated string: as far as the lexer reads it.
      { name: "invalid.illegal.string.tenor", match: source(UnterminatedString) },
      { name: "constant.numeric.date.tenor", match: source(DateLit) },
      { name: "constant.numeric.tenor", match: source(NumberLit) },
      // `contract_year` is a keyword and a period fact: the keyword rule comes first.
      { name: "keyword.control.tenor", match: words(KEYWORDS) },
      { name: "support.function.tenor", match: words(BUILTIN_NAMES) },
      { name: "variable.language.tenor", match: words(PERIOD_FACTS) },
      { name: "variable.other.tenor", match: source(Identifier) },
      { name: "keyword.operator.tenor", match: alt(ops.operators) },
      { name: "punctuation.bracket.tenor", match: alt(ops.brackets) },
      { name: "punctuation.separator.tenor", match: alt(ops.delimiters) },
    ],
  };
}
