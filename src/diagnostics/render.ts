/**
 * Diagnostics as text for terminals (brief §9):
 *   FILE:LINE:COL: error|warning: message [TNxxxx]
 *     12 |   sharon pays nvidia revenue * * 10%
 *        |                                ^
 * This is an edge of the pipeline: the only place offsets become lines.
 */
import type { Diagnostic } from "./diagnostic.ts";
import { LineMap } from "./positions.ts";

export function renderDiagnostic(d: Diagnostic, file: string, lines: LineMap | null): string {
  const tail = `${d.severity}: ${d.message} [${d.code}]`;
  if (!d.range || !lines) return `${file}: ${tail}`;
  const start = lines.position(d.range.start);
  const end = lines.position(Math.max(d.range.start, d.range.end));
  const text = lines.lineText(start.line);
  const width = end.line === start.line ? Math.max(1, end.column - start.column) : Math.max(1, text.length - start.column + 1);
  const gutter = String(start.line);
  const pad = " ".repeat(gutter.length);
  // Tabs keep their width under the caret so it lines up in any terminal.
  const lead = text.slice(0, start.column - 1).replace(/[^\t]/g, " ");
  const out = [
    `${file}:${start.line}:${start.column}: ${tail}`,
    ` ${gutter} | ${text}`,
    ` ${pad} | ${lead}${"^".repeat(Math.min(width, Math.max(1, text.length - start.column + 1)))}`,
  ];
  for (const r of d.related ?? []) {
    const p = lines.position(r.range.start);
    out.push(`${file}:${p.line}:${p.column}: note: ${r.message}`);
  }
  return out.join("\n");
}

/** Renders all diagnostics, sorted by position (data diagnostics last, in their order). */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], file: string, source: string | null): string {
  const lines = source === null ? null : new LineMap(source);
  const at = (d: Diagnostic) => d.range?.start ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...diagnostics].sort((a, b) => at(a) - at(b)); // stable: equal keys keep their order
  return sorted.map((d) => renderDiagnostic(d, file, lines)).join("\n");
}
