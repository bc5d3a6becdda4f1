/**
 * Source text → AST (brief §9: `tenor check` reports every mistake, each
 * once, and recovers). Never throws: lexer errors become TN1001/TN1003,
 * parser errors TN1002, resource limits TN1004/TN1005.
 *
 * The lexing and parsing (Chevrotain) live in grammar/parse-declarations.ts;
 * this module checks the size limit, builds the AST declaration by
 * declaration and keeps one diagnostic per line.
 */
import { parseDeclarations } from "../../grammar/parse-declarations.ts";
import { PARSE } from "../diagnostics/codes/parse.ts";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.ts";
import { LineMap } from "../diagnostics/positions.ts";
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

/**
 * Parses a Tenor term sheet. Never throws, whatever the input: the Program
 * holds every declaration that could be built, the diagnostics every
 * lexing and parsing mistake (each once, the first on its line).
 */
export function parseSource(text: string, limitsGiven: Partial<ParseLimits> = {}): Result<Program> {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...limitsGiven };
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
  const decls: Decl[] = [];
  const built: Diagnostic[] = [];
  const diagnostics = parseDeclarations(text, limits.maxDepth, (cst, recovered) => {
    const result = buildDecl(cst, recovered);
    built.push(...result.diagnostics);
    if (result.decl !== null) decls.push(result.decl);
  });
  const program: Program = { kind: "Program", decls, range: { start: 0, end: text.length } };
  return { value: program, diagnostics: onePerLine(text, [...diagnostics, ...built]) };
}

/**
 * One diagnostic per line: after a mistake, recovery often trips again a
 * few tokens later (`a * * * b`, a missing `:` then a missing `)`), and
 * those echoes would bury the real mistakes. The earliest on a line stays;
 * the user fixes it and sees the next.
 */
function onePerLine(text: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort((a, b) => (a.range?.start ?? 0) - (b.range?.start ?? 0));
  if (sorted.length < 2) return sorted;
  const lines = new LineMap(text);
  const seen = new Set<number>();
  return sorted.filter((d) => {
    const line = lines.position(d.range?.start ?? 0).line;
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}
