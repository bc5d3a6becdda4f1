/**
 * The one Tenor lexer instance. Comments land in `groups.comments`; the
 * parser never sees them.
 */
import { Lexer } from "chevrotain";
import type { ILexingResult } from "chevrotain";
import { allTokens } from "./tokens.ts";
import { SKIP_GRAMMAR_VALIDATIONS } from "./validations.ts";

/** Shared lexer; Chevrotain lexers are stateless between `tokenize` calls. */
export const tenorLexer = new Lexer(allTokens, {
  positionTracking: "full",
  ensureOptimizations: true,
  skipValidations: SKIP_GRAMMAR_VALIDATIONS,
});

/** Tokenizes source text; never throws (bad characters become lexer errors). */
export function lex(text: string): ILexingResult {
  return tenorLexer.tokenize(text);
}
