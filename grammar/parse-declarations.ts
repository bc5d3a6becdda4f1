/**
 * Runs the lexer and the parser over a source, one top-level declaration at
 * a time, and reports lexing and parsing mistakes as diagnostics. This is
 * the Chevrotain side of src/syntax/parse.ts, which builds the AST from each
 * declaration's CST as it comes (so no CST outlives its declaration).
 *
 * Declarations are parsed one at a time (./chunks.ts), so a mistake inside
 * one can never swallow the next, and each is checked for nesting depth
 * first (./nesting.ts) so deep input never reaches the recursive parser.
 */
import { EOF } from "chevrotain";
import type { CstNode, IRecognitionException, IToken } from "chevrotain";
import { PARSE } from "../src/diagnostics/codes/parse.ts";
import type { Diagnostic } from "../src/diagnostics/diagnostic.ts";
import type { Range } from "../src/diagnostics/range.ts";
import { splitDeclarations } from "./chunks.ts";
import type { Chunk } from "./chunks.ts";
import { lex } from "./lexer.ts";
import { describeToken } from "./messages.ts";
import { findTooDeep } from "./nesting.ts";
import { tenorParser } from "./parser.ts";
import { UnterminatedString } from "./tokens.ts";

function error(code: string, message: string, range: Range): Diagnostic {
  return { code, severity: "error", message, range };
}

function isReal(token: IToken | undefined): token is IToken {
  return token !== undefined && token.tokenType !== EOF && token.isInsertedInRecovery !== true && Number.isFinite(token.startOffset);
}

function tokenRange(token: IToken): Range {
  return { start: token.startOffset, end: (token.endOffset ?? token.startOffset) + 1 };
}

/** All real tokens the parser kept in the tree (a skipped token is absent). */
function keptTokens(node: CstNode): Set<IToken> {
  const kept = new Set<IToken>();
  const stack: CstNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const elements of Object.values(current.children)) {
      for (const element of elements ?? []) {
        if ("image" in element) kept.add(element);
        else stack.push(element);
      }
    }
  }
  return kept;
}

/** Index of `token` in `tokens` (sorted by offset), or -1. */
function indexOf(tokens: readonly IToken[], token: IToken): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const offset = tokens[mid]!.startOffset;
    if (offset === token.startOffset) return mid;
    if (offset < token.startOffset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * A Chevrotain error turned into a TN1002 diagnostic.
 *
 * Message: "expected X" (grammar/messages.ts) + " after 'P', found 'A'",
 * where P is the token written just before the offending token A, and the
 * end of a declaration reads as the next declaration's first token.
 *
 * Place: a token the parser skipped is itself the mistake, so the error sits
 * on it; a token it kept means something was missing before it (recovery
 * inserted a token, which has no position), so the error sits on P.
 */
function parseError(
  e: IRecognitionException,
  tokens: readonly IToken[],
  chunk: Chunk,
  kept: Set<IToken>,
  next: IToken | undefined,
  textEnd: number,
): Diagnostic {
  const actual = isReal(e.token) ? e.token : undefined;
  const at = actual === undefined ? chunk.end : indexOf(tokens, actual);
  const previous = at > chunk.start ? tokens[at - 1] : undefined;
  const after = previous === undefined ? "" : ` after ${describeToken(previous)}`;
  const message = `${e.message}${after}, found ${describeToken(actual ?? next)}`;
  const skipped = actual !== undefined && (!kept.has(actual) || e.name === "NotAllInputParsedException");
  const place = skipped ? actual : (previous ?? actual);
  const range = place !== undefined ? tokenRange(place) : { start: textEnd, end: textEnd };
  return error(PARSE.unexpectedToken, message, range);
}

/**
 * Lexes `text` and parses each declaration, calling `onDeclaration` with its
 * CST (a `topDecl` node) and whether recovery was needed. Declarations
 * nested deeper than `maxDepth` are reported (TN1004) and skipped.
 * Returns the lexing and parsing diagnostics, in no particular order.
 */
export function parseDeclarations(
  text: string,
  maxDepth: number,
  onDeclaration: (cst: CstNode, recovered: boolean) => void,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const lexed = lex(text);
  for (const e of lexed.errors) {
    const start = e.offset;
    const length = Math.max(1, e.length);
    const range = { start, end: start + length };
    const shown = text.slice(start, start + Math.min(length, 20));
    const message = length === 1 || [...shown].length === 1 ? `unexpected character '${shown}'` : `unexpected characters '${shown}'`;
    diagnostics.push(error(PARSE.unexpectedCharacter, message, range));
  }
  const tokens = lexed.tokens;
  for (const token of tokens) {
    if (token.tokenType === UnterminatedString) {
      diagnostics.push(error(PARSE.unterminatedString, "unterminated string: missing closing '\"'", tokenRange(token)));
    }
  }

  const chunks = splitDeclarations(tokens);
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!;
    const tooDeep = findTooDeep(tokens, chunk.start, chunk.end, maxDepth);
    if (tooDeep !== null) {
      const message = `nesting deeper than ${maxDepth} levels`;
      diagnostics.push(error(PARSE.nestingTooDeep, message, tokenRange(tooDeep)));
      continue;
    }
    const next = tokens[chunk.end];
    tenorParser.input = tokens.slice(chunk.start, chunk.end);
    const cst = tenorParser.topDecl();
    const errors = tenorParser.errors;
    if (errors.length > 0) {
      const kept = keptTokens(cst);
      for (const e of errors) diagnostics.push(parseError(e, tokens, chunk, kept, next, text.length));
    }
    onDeclaration(cst, errors.length > 0);
  }
  tenorParser.input = []; // do not keep the caller's tokens alive
  return diagnostics;
}

