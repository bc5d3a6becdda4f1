/**
 * What the parser throws away but the formatter needs: the comments (lexed
 * into the "comments" group, never seen by the parser) and the positions of
 * every token, as plain data so that src/syntax/print.ts stays free of
 * Chevrotain types.
 */
import { lex } from "./lexer.ts";

/** A `//` comment: its text (from `//` to the end of the line) and offsets. */
export interface SourceComment {
  readonly text: string;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/** A token the parser sees: its type name (e.g. "LBrace", "NumberLit", "Year") and offsets. */
export interface SourceToken {
  readonly type: string;
  readonly image: string;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/** The layout facts of a source: its comments and its tokens, each sorted by offset. */
export interface SourceTrivia {
  readonly comments: readonly SourceComment[];
  readonly tokens: readonly SourceToken[];
}

/** Lexes `text` and returns its comments and tokens. Never throws (bad characters are simply absent). */
export function scanTrivia(text: string): SourceTrivia {
  const lexed = lex(text);
  const comments = (lexed.groups["comments"] ?? []).map((t) => ({
    text: t.image,
    start: t.startOffset,
    end: t.startOffset + t.image.length,
  }));
  const tokens = lexed.tokens.map((t) => ({
    type: t.tokenType.name,
    image: t.image,
    start: t.startOffset,
    end: t.startOffset + t.image.length,
  }));
  return { comments, tokens };
}
