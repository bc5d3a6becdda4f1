/**
 * Tenor's editor data in the protocol's terms. Tenor's ranges are offsets
 * into the text (UTF-16 code units) and its markers 1-based lines and
 * columns; the protocol counts lines and UTF-16 characters from 0. Both
 * break lines at `\r\n`, `\n` and a lone `\r`.
 */
import { pathToFileURL } from "node:url";
import { CompletionItemKind, DiagnosticSeverity, SymbolKind, type Diagnostic, type Range as LspRange } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Range } from "../diagnostics/range.ts";
import { COMPLETION_KIND_NAMES, type CompletionKind } from "../editor/completion.ts";
import type { EditorMarker, LineSpan } from "../editor/markers.ts";
import type { SymbolKind as TenorSymbolKind } from "../editor/symbols.ts";
import type { SheetAnalysis } from "./sheets.ts";

export function toLspRange(doc: TextDocument, r: Range): LspRange {
  return { start: doc.positionAt(r.start), end: doc.positionAt(r.end) };
}

function spanRange(s: LineSpan): LspRange {
  return {
    start: { line: s.startLineNumber - 1, character: s.startColumn - 1 },
    end: { line: s.endLineNumber - 1, character: s.endColumn - 1 },
  };
}

function diagnosticOf(m: EditorMarker, analysis: SheetAnalysis): Diagnostic {
  const related = m.related.flatMap((r) => {
    const path = r.file === undefined ? null : analysis.imported.get(r.file);
    if (path === undefined) return [];
    return [{ location: { uri: path === null ? analysis.uri : pathToFileURL(path).href, range: spanRange(r) }, message: r.message }];
  });
  return {
    range: spanRange(m),
    severity: m.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: m.code,
    source: "tenor",
    message: m.message,
    ...(related.length === 0 ? {} : { relatedInformation: related }),
  };
}

/**
 * Every diagnostic of the analysis: the sheet's (parse, check, run time) where
 * they are, and the inputs file's, which have no place in the sheet, on its
 * first line, named after the file.
 */
export function diagnosticsOf(analysis: SheetAnalysis, doc: TextDocument): Diagnostic[] {
  const out = analysis.result.markers.map((m) => diagnosticOf(m, analysis));
  const firstLine: LspRange = { start: { line: 0, character: 0 }, end: doc.positionAt(/^[^\r\n]*/.exec(doc.getText())![0].length) };
  const data = analysis.result.problems.filter((p) => p.line === undefined);
  const problems = analysis.inputsProblem === null ? data : [analysis.inputsProblem, ...data];
  for (const p of problems) {
    out.push({
      range: firstLine,
      severity: p.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      code: p.code,
      source: "tenor",
      message: `${analysis.inputsName ?? "inputs"}: ${p.message}`,
    });
  }
  return out;
}

export function completionKind(kind: CompletionKind): CompletionItemKind {
  return CompletionItemKind[COMPLETION_KIND_NAMES[kind]];
}

const SYMBOL_KINDS: Record<TenorSymbolKind, SymbolKind> = {
  party: SymbolKind.Struct,
  currency: SymbolKind.EnumMember,
  unit: SymbolKind.EnumMember,
  input: SymbolKind.Field,
  event: SymbolKind.Event,
  eventArg: SymbolKind.TypeParameter,
  const: SymbolKind.Constant,
  schedule: SymbolKind.Array,
  tiers: SymbolKind.Enum,
  clause: SymbolKind.Module,
  let: SymbolKind.Variable,
  balance: SymbolKind.Variable,
  periodFact: SymbolKind.Property,
  builtin: SymbolKind.Function,
  template: SymbolKind.Class,
  calendar: SymbolKind.Object,
};

export function symbolKind(kind: TenorSymbolKind): SymbolKind {
  return SYMBOL_KINDS[kind];
}
