/**
 * A span of source text as offsets: `start` inclusive, `end` exclusive.
 * Inside the pipeline positions are offsets only; line/column are computed
 * at the edges (CLI, playground) by src/diagnostics/positions.ts.
 */
export interface Range {
  readonly start: number;
  readonly end: number;
}

export function rangeOf(start: number, end: number): Range {
  return { start, end };
}

/** The smallest range that covers both. */
export function cover(a: Range, b: Range): Range {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
