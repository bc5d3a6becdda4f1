/**
 * Monaco highlighting for Tenor, generated from the lexer's own token
 * definitions (grammar/tokens.ts): the keyword list, the operator list and
 * the literal patterns are read from there, so the editor cannot drift
 * from the parser (the Langium approach). Plain data: no Monaco import, so
 * it is unit-tested in Node (test/editor/monarch.test.ts).
 */
import { Comment, DateLit, Identifier, KEYWORDS, NumberLit, OPERATORS, StringLit } from "../../grammar/tokens.ts";
import type { TokenType } from "chevrotain";
import { BUILTIN_NAMES } from "../builtins/registry.ts";
import { PERIOD_FACTS } from "../check/checked-program.ts";

/** A Monarch action: a token class, or a `cases` table keyed by `@list` names. */
export type MonarchAction = string | { readonly cases: Readonly<Record<string, string>> };
export type MonarchRule = readonly [RegExp, MonarchAction];

/** The subset of Monaco's IMonarchLanguage that Tenor uses. */
export interface TenorMonarch {
  readonly defaultToken: string;
  readonly tokenPostfix: string;
  readonly keywords: readonly string[];
  readonly builtins: readonly string[];
  readonly periodFacts: readonly string[];
  readonly brackets: readonly { readonly open: string; readonly close: string; readonly token: string }[];
  readonly tokenizer: { readonly root: readonly MonarchRule[] };
}

const BRACKETS = ["(", ")", "{", "}"];
const DELIMITERS = [",", ":"];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** A token type's lexer pattern as a fresh RegExp (Monarch wants no flags). */
function patternOf(token: TokenType): RegExp {
  const p = token.PATTERN;
  if (!(p instanceof RegExp)) throw new Error(`token ${token.name} has no RegExp pattern`);
  return new RegExp(p.source);
}

/** The operator spellings, longest first so `<=` wins over `<` (as in the lexer). */
export function operatorClasses(): { readonly brackets: string[]; readonly delimiters: string[]; readonly operators: string[] } {
  const all = [...OPERATORS];
  return {
    brackets: all.filter((o) => BRACKETS.includes(o)),
    delimiters: all.filter((o) => DELIMITERS.includes(o)),
    operators: all.filter((o) => !BRACKETS.includes(o) && !DELIMITERS.includes(o)).sort((a, b) => b.length - a.length),
  };
}

function alternation(words: readonly string[]): RegExp {
  return new RegExp(words.map(escapeRegExp).join("|"));
}

/**
 * The Monarch definition. Token classes: `keyword`, `predefined` (built-in
 * functions), `variable.predefined` (period facts), `identifier`,
 * `number`, `number.date`, `string`, `comment`, `operator`, `delimiter`,
 * brackets; each gets the `.tenor` postfix.
 */
export function tenorMonarch(): TenorMonarch {
  const ops = operatorClasses();
  return {
    defaultToken: "invalid",
    tokenPostfix: ".tenor",
    keywords: [...KEYWORDS],
    builtins: [...BUILTIN_NAMES],
    // `contract_year` is a keyword too; the keyword case is tried first.
    periodFacts: [...PERIOD_FACTS],
    brackets: [
      { open: "{", close: "}", token: "delimiter.curly" },
      { open: "(", close: ")", token: "delimiter.parenthesis" },
    ],
    tokenizer: {
      root: [
        [/[ \t\r\n\f\v\uFEFF\u00A0]+/, "white"],
        [patternOf(Comment), "comment"],
        [patternOf(StringLit), "string"],
        // An unterminated string: highlighted as far as the lexer reads it.
        [/"(?:[^"\\\r\n]|\\[^\r\n])*\\?/, "string.invalid"],
        [patternOf(DateLit), "number.date"],
        [patternOf(NumberLit), "number"],
        [patternOf(Identifier), {
          cases: {
            "@keywords": "keyword",
            "@builtins": "predefined",
            "@periodFacts": "variable.predefined",
            "@default": "identifier",
          },
        }],
        [alternation(ops.brackets), "@brackets"],
        [alternation(ops.operators), "operator"],
        [alternation(ops.delimiters), "delimiter"],
      ],
    },
  };
}
