/**
 * Tenor's tokens, in lexing order.
 *
 * Keywords come before `Identifier` and name it as `longer_alt`, so that
 * `period_index` lexes as one identifier and not as `period` + `_index`.
 * `KEYWORDS` and `OPERATORS` are plain data so that editor highlighting
 * (Monaco) can be generated from them and never drift from the lexer.
 */
import { createToken, Lexer } from "chevrotain";
import type { TokenType } from "chevrotain";

// ---------------------------------------------------------------- trivia

/** Newlines are whitespace: statements are delimited by their keywords. */
export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n\f\v\uFEFF\u00A0]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** `//` to end of line; kept in the "comments" group for the formatter. */
export const Comment = createToken({
  name: "Comment",
  pattern: /\/\/[^\n\r]*/,
  group: "comments",
});

// ---------------------------------------------------------------- literals and names

/** Letters, digits and `_`; never starts with a digit. */
export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  label: "a name",
});

/** `"…"` with `\"` and `\\` escapes, on one line. */
export const StringLit = createToken({
  name: "StringLit",
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/,
  label: "a quoted string",
});

/**
 * A string whose closing quote is missing on its line. It is a StringLit by
 * category so the parser carries on; parseSource reports TN1003 for it.
 */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  categories: [StringLit],
  label: "a quoted string",
});

/** ISO date, tried before Number so `2026-07-01` is one token. */
export const DateLit = createToken({
  name: "DateLit",
  pattern: /\d{4}-\d{2}-\d{2}/,
  label: "a date",
});

/** Exact decimal; `_` separates digit groups (`1_000_000`). */
export const NumberLit = createToken({
  name: "NumberLit",
  pattern: /\d[\d_]*(?:\.\d[\d_]*)?/,
  label: "a number",
});

// ---------------------------------------------------------------- keywords

/** Category shared by all keywords (handy for highlighting and recovery). */
export const Keyword = createToken({ name: "Keyword", pattern: Lexer.NA });

/**
 * Every infix operator (`or`, `and`, comparisons, `+ - * /`). The grammar
 * reads `operand (BinaryOp operand)*` flat and the AST builder applies
 * precedence, which keeps the parser's recursion per nesting level small.
 */
export const BinaryOp = createToken({ name: "BinaryOp", pattern: Lexer.NA, label: "an operator" });

/** Every keyword word, in the order of the language decisions. */
export const KEYWORDS = [
  "deal", "parties", "term", "to", "monthly", "quarterly", "annually", "backward", "end_of_month",
  "calendar", "paid", "business", "after", "following", "modified_following", "preceding",
  "currency", "rounding", "half_even", "half_up", "down", "up",
  "settle", "net", "units", "input", "event", "const",
  "schedule", "by", "tapering", "year", "onward", "period", "contract_year", "date",
  "tiers",
  "clause", "let", "pays", "grants", "at", "when", "for", "consecutive", "periods",
  "on", "signing", "cap", "over", "per", "from", "until", "most",
  "balance", "add", "subtract",
  "import", "template", "use", "as",
  "test", "expect", "under", "in",
  "if", "then", "else", "and", "or", "not",
  "million", "billion",
] as const;

export type KeywordWord = (typeof KEYWORDS)[number];

function pascal(word: string): string {
  return word
    .split("_")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

function keyword(word: KeywordWord): TokenType {
  return createToken({
    name: pascal(word),
    pattern: word,
    longer_alt: Identifier,
    categories: word === "and" || word === "or" ? [Keyword, BinaryOp] : [Keyword],
    label: `'${word}'`,
  });
}

/** Keyword token types by word. */
export const KW: { readonly [W in KeywordWord]: TokenType } = Object.fromEntries(
  KEYWORDS.map((w) => [w, keyword(w)]),
) as { [W in KeywordWord]: TokenType };

// ---------------------------------------------------------------- operators and punctuation

/** Categories let one grammar rule match a whole precedence level. */
export const AdditiveOp = createToken({ name: "AdditiveOp", pattern: Lexer.NA, label: "'+' or '-'" });
export const MultiplicativeOp = createToken({ name: "MultiplicativeOp", pattern: Lexer.NA, label: "'*' or '/'" });
export const ComparisonOp = createToken({ name: "ComparisonOp", pattern: Lexer.NA, label: "a comparison" });

function op(name: string, image: string, categories: TokenType[] = []): TokenType {
  return createToken({ name, pattern: image, categories, label: `'${image}'` });
}

export const Plus = op("Plus", "+", [AdditiveOp, BinaryOp]);
export const Minus = op("Minus", "-", [AdditiveOp, BinaryOp]);
export const Star = op("Star", "*", [MultiplicativeOp, BinaryOp]);
export const Slash = op("Slash", "/", [MultiplicativeOp, BinaryOp]);
// Two-character operators before their one-character prefixes.
export const LessEq = op("LessEq", "<=", [ComparisonOp, BinaryOp]);
export const GreaterEq = op("GreaterEq", ">=", [ComparisonOp, BinaryOp]);
export const EqEq = op("EqEq", "==", [ComparisonOp, BinaryOp]);
export const NotEq = op("NotEq", "!=", [ComparisonOp, BinaryOp]);
export const Less = op("Less", "<", [ComparisonOp, BinaryOp]);
export const Greater = op("Greater", ">", [ComparisonOp, BinaryOp]);
export const Equals = op("Equals", "=");
export const Percent = op("Percent", "%");
export const LParen = op("LParen", "(");
export const RParen = op("RParen", ")");
export const LBrace = op("LBrace", "{");
export const RBrace = op("RBrace", "}");
export const Comma = op("Comma", ",");
export const Colon = op("Colon", ":");
/** `LOW .. HIGH` of an input's declared range; a number never ends in `.`, so `0..5` is `0` `..` `5`. */
export const DotDot = op("DotDot", "..");

/** Operator and punctuation spellings, for editor highlighting. */
export const OPERATORS = [
  "+", "-", "*", "/", "<=", ">=", "==", "!=", "<", ">", "=", "%", "(", ")", "{", "}", ",", ":", "..",
] as const;

/** All token types in lexing order (categories included, as Chevrotain expects). */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLit,
  UnterminatedString,
  DateLit,
  NumberLit,
  Keyword,
  BinaryOp,
  // Longest first, so a keyword that prefixes another (`period`, `periods`) never wins early.
  ...[...KEYWORDS].sort((a, b) => b.length - a.length).map((w) => KW[w]),
  Identifier,
  AdditiveOp,
  MultiplicativeOp,
  ComparisonOp,
  Plus,
  Minus,
  Star,
  Slash,
  LessEq,
  GreaterEq,
  EqEq,
  NotEq,
  Less,
  Greater,
  Equals,
  Percent,
  LParen,
  RParen,
  LBrace,
  RBrace,
  Comma,
  Colon,
  DotDot,
];
