/**
 * Diagnostics as text for terminals (docs/language.md §14):
 *   FILE:LINE:COL: error|warning: message [TNxxxx]
 *     12 |   sharon pays nvidia revenue * * 10%
 *        |                                ^
 * This is an edge of the pipeline: the only place offsets become lines.
 * What reaches the terminal is escaped (src/text/display.ts): hidden
 * characters as U+XXXX, a line longer than 120 columns cut around the caret.
 */
import type { Diagnostic } from "./diagnostic.ts";
import { LineMap } from "./positions.ts";
import { displayText, snippet } from "../text/display.ts";

/** Line maps of imported files, by the path messages use; built when first needed. */
export class OtherFiles {
  private readonly maps = new Map<string, LineMap>();
  constructor(private readonly texts: ReadonlyMap<string, string> = new Map()) {}

  lines(path: string): LineMap | null {
    const text = this.texts.get(path);
    if (text === undefined) return null;
    let map = this.maps.get(path);
    if (map === undefined) this.maps.set(path, (map = new LineMap(text)));
    return map;
  }
}

export function renderDiagnostic(d: Diagnostic, file: string, lines: LineMap | null, others: OtherFiles = new OtherFiles()): string {
  // Messages quote the term sheet and the inputs (titles, names, values): hidden characters are shown as U+XXXX.
  const tail = displayText(`${d.severity}: ${d.message} [${d.code}]`);
  if (!d.range || !lines) return `${displayText(file)}: ${tail}`;
  const start = lines.position(d.range.start);
  const end = lines.position(Math.max(d.range.start, d.range.end));
  const text = lines.lineText(start.line);
  // The caret covers the range, or the rest of the line when the range goes on past it.
  const to = end.line === start.line ? Math.max(end.column, start.column + 1) - 1 : text.length;
  // Tabs keep their width under the caret so it lines up in any terminal; a long line is cut around the caret.
  const shown = snippet(text, start.column - 1, to, start.line === 1);
  const gutter = String(start.line);
  const pad = " ".repeat(gutter.length);
  const out = [
    `${displayText(file)}:${start.line}:${start.column}: ${tail}`,
    ` ${gutter} | ${shown.text}`,
    ` ${pad} | ${shown.caret}`,
  ];
  for (const r of d.related ?? []) {
    const where = r.file === undefined ? lines : others.lines(r.file);
    if (where === null) {
      out.push(displayText(`${r.file}: note: ${r.message}`));
      continue;
    }
    const p = where.position(r.range.start);
    out.push(displayText(`${r.file ?? file}:${p.line}:${p.column}: note: ${r.message}`));
  }
  return out.join("\n");
}

/** Renders all diagnostics, sorted by position (data diagnostics last, in their order). */
export function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  file: string,
  source: string | null,
  imported: ReadonlyMap<string, string> = new Map(),
): string {
  const lines = source === null ? null : new LineMap(source);
  const others = new OtherFiles(imported);
  const at = (d: Diagnostic) => d.range?.start ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...diagnostics].sort((a, b) => at(a) - at(b)); // stable: equal keys keep their order
  return sorted.map((d) => renderDiagnostic(d, file, lines, others)).join("\n");
}
