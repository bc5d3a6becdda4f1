/**
 * Walks a source's comments in order for the formatter, deciding where each
 * belongs: above the next item (leading), at the end of an item's last line
 * (trailing), or inside an item that is printed on one line (hoisted above
 * it). Also answers whether the author left a blank line before an offset.
 */
import type { SourceComment } from "../../grammar/trivia.ts";

export class CommentCursor {
  private next = 0;

  constructor(
    private readonly source: string,
    private readonly comments: readonly SourceComment[],
  ) {}

  /** The next comment if it starts before `offset`, consumed. */
  takeBefore(offset: number): SourceComment | null {
    const comment = this.comments[this.next];
    if (comment === undefined || comment.start >= offset) return null;
    this.next += 1;
    return comment;
  }

  /** Every remaining comment that starts before `offset`, consumed. */
  takeAllBefore(offset: number): SourceComment[] {
    const taken: SourceComment[] = [];
    for (let c = this.takeBefore(offset); c !== null; c = this.takeBefore(offset)) taken.push(c);
    return taken;
  }

  /**
   * The comment on the same line right after `offset` (only spaces or
   * commas between), consumed: the trailing comment of what ends there.
   */
  takeTrailing(offset: number): string | null {
    const comment = this.comments[this.next];
    if (comment === undefined || comment.start < offset) return null;
    if (!/^[ \t\f\v\u00A0\uFEFF,]*$/.test(this.source.slice(offset, comment.start))) return null;
    this.next += 1;
    return comment.text;
  }

  /** True when some comment starts in `[start, end)` (without consuming it). */
  anyWithin(start: number, end: number): boolean {
    const comment = this.comments[this.next];
    return comment !== undefined && comment.start >= start && comment.start < end;
  }

  /** True when the whitespace (and commas) right before `offset` hold a blank line. */
  blankLineBefore(offset: number): boolean {
    let newlines = 0;
    for (let i = Math.min(offset, this.source.length) - 1; i >= 0; i--) {
      const c = this.source[i]!;
      if (c === "\n") newlines += 1;
      else if (!/[\s,]/.test(c)) break;
      if (newlines >= 2) return true;
    }
    return false;
  }
}
