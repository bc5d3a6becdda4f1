/**
 * Splits a token stream into one slice per top-level declaration.
 *
 * Declarations start with keywords that cannot occur anywhere else, so a
 * mistake inside one declaration (even a missing `}`) never swallows the
 * next one: each slice is parsed on its own and recovers on its own.
 */
import { tokenMatcher } from "chevrotain";
import type { IToken } from "chevrotain";
import { Colon, DateLit, Identifier, KW } from "./tokens.ts";

/** Keywords that only ever start a declaration. */
const ALWAYS_DECL = new Set(
  [KW.deal, KW.parties, KW.calendar, KW.paid, KW.currency, KW.settle, KW.units, KW.input, KW.test, KW.import, KW.template, KW.use].map(
    (t) => t.tokenTypeIdx,
  ),
);

/** True when `tokens[i]` starts a top-level declaration. */
export function startsDeclaration(tokens: readonly IToken[], i: number): boolean {
  const token = tokens[i]!;
  if (ALWAYS_DECL.has(token.tokenTypeIdx)) return true;
  // `clause`, `schedule`, `tiers` and `const` declare, except right after `template` (which they complete),
  // and `tiers` right after a colon, the type of a template parameter (`rates: tiers`).
  if (tokenMatcher(token, KW.clause) || tokenMatcher(token, KW.schedule) || tokenMatcher(token, KW.tiers) || tokenMatcher(token, KW.const)) {
    const previous = tokens[i - 1];
    if (previous !== undefined && tokenMatcher(token, KW.tiers) && tokenMatcher(previous, Colon)) return false;
    return previous === undefined || !tokenMatcher(previous, KW.template);
  }
  // `term DATE to …` is a declaration; `cap … over term` is not.
  if (tokenMatcher(token, KW.term)) {
    const next = tokens[i + 1];
    return next !== undefined && tokenMatcher(next, DateLit);
  }
  // `event NAME(…)` declares; `event DATE NAME(…)` inside a test block does not.
  if (tokenMatcher(token, KW.event)) {
    const next = tokens[i + 1];
    return next !== undefined && tokenMatcher(next, Identifier);
  }
  return false;
}

/** A half-open slice `[start, end)` of the token array. */
export interface Chunk {
  readonly start: number;
  readonly end: number;
}

/** Slices tokens at declaration starts; leading junk forms a chunk of its own. */
export function splitDeclarations(tokens: readonly IToken[]): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  for (let i = 1; i < tokens.length; i++) {
    if (startsDeclaration(tokens, i)) {
      chunks.push({ start, end: i });
      start = i;
    }
  }
  if (tokens.length > 0) chunks.push({ start, end: tokens.length });
  return chunks;
}
