/**
 * Diagnostics as editor markers: the same Diagnostic objects the CLI
 * prints, with offsets turned into 1-based line/column at this edge
 * (LineMap). Monaco's end column is exclusive, exactly what LineMap gives
 * for the exclusive end offset, so no ±1 is applied here (Chevrotain's
 * inclusive end columns never reach this point: ranges are offsets).
 */
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.ts";
import { LineMap } from "../diagnostics/positions.ts";
import type { Range } from "../diagnostics/range.ts";

/** A span in Monaco's terms: 1-based lines and columns, end column exclusive. */
export interface LineSpan {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

/** A further place of a marker; in an imported file (as messages name it, `stdlib/buyback.tenor`) when `file` is set. */
export interface RelatedSpan extends LineSpan {
  readonly message: string;
  readonly file?: string;
}

export interface EditorMarker extends LineSpan {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly related: readonly RelatedSpan[];
}

/**
 * An empty range (a missing token) would draw nothing: widen it to the
 * character at it, or the one before at a line end, so the squiggle shows.
 */
export function visibleRange(range: Range, text: string): Range {
  if (range.end > range.start) return range;
  const at = Math.min(Math.max(range.start, 0), text.length);
  if (at < text.length && text[at] !== "\n" && text[at] !== "\r") return { start: at, end: at + 1 };
  if (at > 0 && text[at - 1] !== "\n") return { start: at - 1, end: at };
  return { start: at, end: at };
}

/** The line/column span of an offset range. */
export function lineSpan(map: LineMap, range: Range): LineSpan {
  const a = map.position(range.start);
  const b = map.position(range.end);
  return { startLineNumber: a.line, startColumn: a.column, endLineNumber: b.line, endColumn: b.column };
}

/**
 * Markers for the diagnostics that point into the source (data diagnostics
 * have no range and are listed elsewhere). A related place in an imported
 * file is measured in that file's text (`files`, by the path messages use),
 * and left out when that text is not at hand.
 */
export function toMarkers(diagnostics: readonly Diagnostic[], source: string, files: ReadonlyMap<string, string> = new Map()): EditorMarker[] {
  const map = new LineMap(source);
  const maps = new Map<string, { map: LineMap; text: string }>();
  const mapOf = (file: string | undefined) => {
    if (file === undefined) return { map, text: source };
    const text = files.get(file);
    if (text === undefined) return null;
    if (!maps.has(file)) maps.set(file, { map: new LineMap(text), text });
    return maps.get(file)!;
  };
  const out: EditorMarker[] = [];
  for (const d of diagnostics) {
    if (d.range === undefined) continue;
    const related: RelatedSpan[] = [];
    for (const r of d.related ?? []) {
      const at = mapOf(r.file);
      if (at === null) continue;
      const span = { ...lineSpan(at.map, visibleRange(r.range, at.text)), message: r.message };
      related.push(r.file === undefined ? span : { ...span, file: r.file });
    }
    out.push({ ...lineSpan(map, visibleRange(d.range, source)), severity: d.severity, code: d.code, message: d.message, related });
  }
  return out;
}
