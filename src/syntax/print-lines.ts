/**
 * The formatter's output buffer: lines of code with an optional trailing
 * comment, comment-only lines and blank lines. Rendering indents by two
 * spaces per level and lines up the trailing comments of consecutive lines
 * (same indent, each with code and a trailing comment) two spaces after the
 * longest code, so a run of commented `input` or `const` lines reads as a
 * table — and, depending only on the output, stays idempotent.
 */

type Line =
  | { readonly kind: "blank" }
  | { readonly kind: "text"; readonly indent: number; readonly code: string; readonly comment: string | null };

export class LineWriter {
  private readonly lines: Line[] = [];

  /** A blank line; never two in a row, never at the very top. */
  blank(): void {
    const last = this.lines[this.lines.length - 1];
    if (last !== undefined && last.kind !== "blank") this.lines.push({ kind: "blank" });
  }

  /** A line of code, with the trailing comment found on its source line, if any. */
  code(indent: number, code: string, comment: string | null = null): void {
    this.lines.push({ kind: "text", indent, code, comment: comment === null ? null : tidy(comment) });
  }

  /** A comment on a line of its own. */
  comment(indent: number, text: string): void {
    this.lines.push({ kind: "text", indent, code: "", comment: tidy(text) });
  }

  /** The text: `\n` line ends, one final newline, no trailing blank line or trailing spaces. */
  render(): string {
    const lines = [...this.lines];
    while (lines.length > 0 && lines[lines.length - 1]!.kind === "blank") lines.pop();
    const widths = alignedWidths(lines);
    const out = lines.map((line, i) => {
      if (line.kind === "blank") return "";
      const pad = "  ".repeat(line.indent);
      if (line.comment === null) return pad + line.code;
      if (line.code === "") return pad + line.comment;
      return pad + line.code.padEnd(widths[i]!) + "  " + line.comment;
    });
    return out.length === 0 ? "" : out.join("\n") + "\n";
  }
}

/** Comments keep their text, without trailing whitespace. */
function tidy(comment: string): string {
  return comment.replace(/\s+$/, "");
}

/** For each line with code and a trailing comment, the width its code is padded to. */
function alignedWidths(lines: readonly Line[]): number[] {
  const widths: number[] = new Array<number>(lines.length).fill(0);
  const commented = (line: Line | undefined): line is Extract<Line, { kind: "text" }> =>
    line !== undefined && line.kind === "text" && line.code !== "" && line.comment !== null;
  let i = 0;
  while (i < lines.length) {
    const first = lines[i];
    if (!commented(first)) {
      i += 1;
      continue;
    }
    let j = i;
    let width = 0;
    while (j < lines.length) {
      const line = lines[j];
      if (!commented(line) || line.indent !== first.indent) break;
      width = Math.max(width, line.code.length);
      j += 1;
    }
    for (let k = i; k < j; k++) widths[k] = width;
    i = j;
  }
  return widths;
}
