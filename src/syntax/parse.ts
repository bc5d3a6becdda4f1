/**
 * Source text → AST (docs/language.md §2, §14: `tenor check` reports every mistake, each
 * once, and recovers). Never throws: lexer errors become TN1001/TN1003,
 * parser errors TN1002, resource limits TN1004/TN1005.
 *
 * The lexing and parsing (Chevrotain) live in grammar/parse-declarations.ts;
 * this module checks the size limit, builds the AST declaration by
 * declaration and keeps one diagnostic per line.
 */
import { findTooDeepInText } from "../../grammar/nesting.ts";
import type { DeepDeclaration } from "../../grammar/nesting.ts";
import { parseDeclarations } from "../../grammar/parse-declarations.ts";
import { PARSE } from "../diagnostics/codes/parse.ts";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.ts";
import { LineMap } from "../diagnostics/positions.ts";
import { DEFAULT_LIMITS as LIMITS, exceedsUtf8Bytes } from "../limits.ts";
import type { Limits } from "../limits.ts";
import type { Range } from "../diagnostics/range.ts";
import type { Decl, Program } from "./ast.ts";
import { buildDecl } from "./cst-to-ast.ts";

/** The limits the parser enforces; all of Tenor's limits live in src/limits.ts. */
export type ParseLimits = Pick<Limits, "maxDepth" | "maxSourceBytes">;

/** The parser's share of src/limits.ts DEFAULT_LIMITS. */
export const DEFAULT_LIMITS: ParseLimits = { maxDepth: LIMITS.maxDepth, maxSourceBytes: LIMITS.maxSourceBytes };

function error(code: string, message: string, range: Range): Diagnostic {
  return { code, severity: "error", message, range };
}


/**
 * Parses a Tenor term sheet. Never throws, whatever the input: the Program
 * holds every declaration that could be built, the diagnostics every
 * lexing and parsing mistake (each once, the first on its line).
 */
export function parseSource(text: string, limitsGiven: Partial<Limits> = {}): Result<Program> {
  const limits: ParseLimits = {
    maxDepth: limitsGiven.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxSourceBytes: limitsGiven.maxSourceBytes ?? DEFAULT_LIMITS.maxSourceBytes,
  };
  const empty: Program = { kind: "Program", decls: [], range: { start: 0, end: text.length } };
  try {
    if (exceedsUtf8Bytes(text, limits.maxSourceBytes)) {
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
  // Too-deep declarations are found by a character scan and blanked out
  // before lexing: 100,000 nested `if`s then cost a scan, not a full lex.
  // (The token-level check in parseDeclarations stays as the safety net.)
  const deep = findTooDeepInText(text, limits.maxDepth);
  const tooDeep = deep.map((d) => error(PARSE.nestingTooDeep, `nesting deeper than ${limits.maxDepth} levels`, d.at));
  const diagnostics = parseDeclarations(blankOut(text, deep), limits.maxDepth, (cst, recovered) => {
    const result = buildDecl(cst, recovered);
    built.push(...result.diagnostics);
    if (result.decl !== null) decls.push(result.decl);
  });
  const program: Program = { kind: "Program", decls, range: { start: 0, end: text.length } };
  return { value: program, diagnostics: onePerLine(text, [...tooDeep, ...diagnostics, ...built]) };
}

/**
 * The text with the given declarations blanked out: each becomes one
 * `//` comment of the same length, ended by a line break (so it cannot
 * swallow a declaration that follows on the same line). Offsets stay the
 * same, a declaration always starts with a keyword, so the tokens around a
 * blanked one lex exactly as before; and one comment token lexes several
 * times faster than the same length of spaces, whose line breaks the
 * lexer counts. (A declaration is at least 4 characters: a keyword.)
 */
function blankOut(text: string, declarations: readonly DeepDeclaration[]): string {
  if (declarations.length === 0) return text;
  let out = "";
  let from = 0;
  for (const d of declarations) {
    out += text.slice(from, d.start) + "//" + " ".repeat(d.end - d.start - 3) + "\n";
    from = d.end;
  }
  return out + text.slice(from);
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
