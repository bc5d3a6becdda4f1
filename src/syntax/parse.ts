/**
 * Source text → AST (brief §9: `tenor check` reports every mistake, each
 * once, and recovers). Never throws: lexer errors become TN1001/TN1003,
 * parser errors TN1002, resource limits TN1004/TN1005.
 *
 * Declarations are parsed one at a time (grammar/chunks.ts), so a mistake
 * inside one can never swallow the next, and each is checked for nesting
 * depth first (grammar/nesting.ts) so deep input never reaches recursion.
 */
import { EOF } from "chevrotain";
import type { CstNode, IRecognitionException, IToken } from "chevrotain";
import { splitDeclarations } from "../../grammar/chunks.ts";
import type { Chunk } from "../../grammar/chunks.ts";
import { lex } from "../../grammar/lexer.ts";
import { describeToken } from "../../grammar/messages.ts";
import { findTooDeep } from "../../grammar/nesting.ts";
import { tenorParser } from "../../grammar/parser.ts";
import { UnterminatedString } from "../../grammar/tokens.ts";
import { PARSE } from "../diagnostics/codes/parse.ts";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.ts";
import type { Range } from "../diagnostics/range.ts";
import type { Decl, Program } from "./ast.ts";
import { buildDecl } from "./cst-to-ast.ts";

/** Resource limits for parsing (cel-js style: explicit, tested at N and N+1). */
export interface ParseLimits {
  /** Deepest nesting of brackets, `if`s, prefix operators and operator chains. */
  readonly maxDepth: number;
  /** Largest source accepted, in UTF-8 bytes. */
  readonly maxSourceBytes: number;
}

/** The limits used when none are given. */
export const DEFAULT_LIMITS: ParseLimits = { maxDepth: 200, maxSourceBytes: 10_000_000 };

function error(code: string, message: string, range: Range): Diagnostic {
  return { code, severity: "error", message, range };
}

function isReal(token: IToken | undefined): token is IToken {
  return token !== undefined && token.tokenType !== EOF && token.isInsertedInRecovery !== true && Number.isFinite(token.startOffset);
}

function tokenRange(token: IToken): Range {
  return { start: token.startOffset, end: (token.endOffset ?? token.startOffset) + 1 };
}

/** UTF-8 length without encoding the whole text (works in Node and browsers alike). */
function exceedsBytes(text: string, max: number): boolean {
  if (text.length > max) return true; // every UTF-16 unit is at least one byte
  if (text.length * 3 <= max) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : c >= 0xdc00 && c <= 0xdfff ? 0 : 3;
    if (bytes > max) return true;
  }
  return false;
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

/**
 * Where a parse error is shown. A token the parser skipped is itself the
 * mistake; a token it kept means something was missing before it, so the
 * error sits on the previous token (recovery-inserted tokens have no position).
 */
function anchor(e: IRecognitionException, kept: Set<IToken>, fallback: Range): Range {
  const token = e.token;
  const previous = (e as IRecognitionException & { previousToken?: IToken }).previousToken;
  const skipped = isReal(token) && !kept.has(token);
  if (skipped || e.name === "NotAllInputParsedException") return isReal(token) ? tokenRange(token) : fallback;
  if (isReal(previous)) return tokenRange(previous);
  return isReal(token) ? tokenRange(token) : fallback;
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
 * "expected X" (from grammar/messages.ts) + " after 'P', found 'A'", where P
 * is the token written just before the offending one and the end of a
 * declaration reads as the next declaration's first token.
 */
function completeMessage(e: IRecognitionException, tokens: readonly IToken[], chunk: Chunk, next: IToken | undefined): string {
  const actual = isReal(e.token) ? e.token : undefined;
  const at = actual === undefined ? chunk.end : indexOf(tokens, actual);
  const previous = at > chunk.start ? tokens[at - 1] : undefined;
  const after = previous === undefined ? "" : ` after ${describeToken(previous)}`;
  const found = describeToken(actual ?? next);
  return `${e.message}${after}, found ${found}`;
}

/**
 * Parses a Tenor term sheet. Never throws, whatever the input: the Program
 * holds every declaration that could be built, the diagnostics every
 * lexing and parsing mistake (each once, at its own place).
 */
export function parseSource(text: string, limits: ParseLimits = DEFAULT_LIMITS): Result<Program> {
  const empty: Program = { kind: "Program", decls: [], range: { start: 0, end: text.length } };
  try {
    if (exceedsBytes(text, limits.maxSourceBytes)) {
      const message = `source is larger than ${limits.maxSourceBytes} bytes`;
      return { value: empty, diagnostics: [error(PARSE.sourceTooLarge, message, { start: 0, end: 0 })] };
    }
    return parseChecked(text, limits);
  } catch (e) {
    // A last resort: a parser bug must still not take the caller down.
    const message = `internal parser error: ${e instanceof Error ? e.message : String(e)}`;
    return { value: empty, diagnostics: [error(PARSE.internalParserError, message, { start: 0, end: 0 })] };
  }
}

function parseChecked(text: string, limits: ParseLimits): Result<Program> {
  const diagnostics: Diagnostic[] = [];
  const lexed = lex(text);
  for (const e of lexed.errors) {
    const start = e.offset;
    const character = String.fromCodePoint(text.codePointAt(start) ?? 0xfffd);
    const range = { start, end: start + Math.max(1, e.length) };
    diagnostics.push(error(PARSE.unexpectedCharacter, `unexpected character '${character}'`, range));
  }
  const tokens = lexed.tokens;
  for (const token of tokens) {
    if (token.tokenType === UnterminatedString) {
      diagnostics.push(error(PARSE.unterminatedString, "unterminated string: missing closing '\"'", tokenRange(token)));
    }
  }

  const decls: Decl[] = [];
  const end = { start: text.length, end: text.length };
  const chunks = splitDeclarations(tokens);
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!;
    const tooDeep = findTooDeep(tokens, chunk.start, chunk.end, limits.maxDepth);
    if (tooDeep !== null) {
      const message = `nesting deeper than ${limits.maxDepth} levels`;
      diagnostics.push(error(PARSE.nestingTooDeep, message, tokenRange(tooDeep)));
      continue;
    }
    const next = tokens[chunk.end];
    tenorParser.input = tokens.slice(chunk.start, chunk.end);
    const cst = tenorParser.topDecl();
    const errors = tenorParser.errors;
    if (errors.length > 0) {
      const kept = keptTokens(cst);
      const fallback = next === undefined ? end : { start: next.startOffset, end: next.startOffset };
      for (const e of errors) {
        const message = completeMessage(e, tokens, chunk, next);
        diagnostics.push(error(PARSE.unexpectedToken, message, anchor(e, kept, fallback)));
      }
    }
    const built = buildDecl(cst, errors.length > 0);
    diagnostics.push(...built.diagnostics);
    if (built.decl !== null) decls.push(built.decl);
  }
  tenorParser.input = []; // do not keep the caller's tokens alive
  return { value: { kind: "Program", decls, range: { start: 0, end: text.length } }, diagnostics: dedupe(diagnostics) };
}

/** One diagnostic per place: recovery can report the same spot twice. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<number>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = d.range?.start ?? -1;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => (a.range?.start ?? 0) - (b.range?.start ?? 0));
}
