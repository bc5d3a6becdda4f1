/**
 * A cheap, non-recursive scan that finds where a declaration nests deeper
 * than the limit, so the recursive-descent parser (and every later phase
 * that recurses over the tree) never meets input that could overflow the
 * stack. Counted as depth: open brackets, `if`s, prefix `-` / `not` runs
 * and binary operators pending in the current expression (a long chain
 * `a + b + …` is a deep left-leaning tree too).
 */
import type { IToken, TokenType } from "chevrotain";
import {
  DateLit,
  EqEq,
  Greater,
  GreaterEq,
  Identifier,
  KW,
  LBrace,
  Less,
  LessEq,
  LParen,
  Minus,
  NotEq,
  NumberLit,
  Percent,
  Plus,
  RBrace,
  RParen,
  Slash,
  Star,
  StringLit,
  UnterminatedString,
} from "./tokens.ts";

/** How the scan treats each token type (by tokenTypeIdx). */
const Role = { Open: 0, Close: 1, Operator: 2, Operand: 3, ExpressionWord: 4, Separator: 5 } as const;
type Role = (typeof Role)[keyof typeof Role];

const ROLE = new Map<number, Role>();
function assign(role: Role, ...types: TokenType[]): void {
  for (const type of types) ROLE.set(type.tokenTypeIdx!, role);
}
assign(Role.Operator, Minus, Plus, Star, Slash, Less, LessEq, Greater, GreaterEq, EqEq, NotEq, KW.and, KW.or, KW.not, KW.if);
assign(Role.Operand, Identifier, NumberLit, DateLit, StringLit, UnterminatedString, Percent, KW.contract_year, KW.million, KW.billion);
assign(Role.Open, LParen, LBrace);
assign(Role.Close, RParen, RBrace);
// Keywords that live inside expressions and so do not end one.
assign(Role.ExpressionWord, KW.then, KW.else, KW.per);

/**
 * The first token of `tokens[start, end)` at which nesting exceeds
 * `maxDepth`, or null when the slice stays within it.
 */
export function findTooDeep(
  tokens: readonly IToken[],
  start: number,
  end: number,
  maxDepth: number,
): IToken | null {
  // pending[i]: operators and prefixes still open at bracket level i.
  const pending: number[] = [0];
  let depth = 0;
  for (let i = start; i < end; i++) {
    const token = tokens[i]!;
    const role = ROLE.get(token.tokenTypeIdx) ?? Role.Separator;
    const top = pending.length - 1;
    switch (role) {
      case Role.Open:
        pending.push(0);
        depth += 1;
        break;
      case Role.Close:
        if (top > 0) {
          depth -= 1 + pending[top]!;
          pending.pop();
        }
        break;
      case Role.Operator:
        // a prefix `-`/`not`, an `if`, or a binary operator: each nests the tree one level
        pending[top] = pending[top]! + 1;
        depth += 1;
        break;
      case Role.Operand:
      case Role.ExpressionWord:
        break;
      case Role.Separator:
        // A statement keyword or `=`, `,`, `:` ends the expression at this level.
        depth -= pending[top]!;
        pending[top] = 0;
        break;
    }
    if (depth > maxDepth) return token;
  }
  return null;
}
