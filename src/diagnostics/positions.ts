/**
 * Offsets to 1-based line/column, computed only at the edges (CLI output,
 * Monaco markers). Columns count UTF-16 code units, as editors do. A line
 * ends at `\r\n`, `\n` or a lone `\r` (each one break, as the lexer counts
 * them: Chevrotain's line terminators are `\n|\r\n?`), so a file saved with
 * old Mac line ends gets its real lines, not one line of every character.
 */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export class LineMap {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - this.lineStarts[lo]! + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return "";
    const next = this.lineStarts[line];
    if (next === undefined) return this.text.slice(start);
    // The break before `next`: `\n`, `\r\n` or a lone `\r`.
    const end = this.text.charCodeAt(next - 1) === 10 && next - 2 >= start && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
    return this.text.slice(start, end);
  }
}
