/**
 * Text from a term sheet or an inputs file, made safe to print on a
 * terminal (docs/language.md §14 "Source text"): characters that would not
 * show as themselves — controls (C0 but tab, DEL, C1), format characters
 * (zero-width spaces and joiners, bidirectional marks and overrides, word
 * joiners, U+FEFF…), line and paragraph separators, spaces other than
 * U+0020 (U+00A0, U+2003…) and lone surrogates — are shown as `U+XXXX`.
 * A NUL, an ANSI escape sequence or a right-to-left override in a clause
 * title then cannot blank, recolour or reorder what the terminal shows.
 *
 * Only for text shown to people (diagnostics, `test` and `inspect` output,
 * ledger tables); JSON and CSV outputs keep the exact text.
 */

/** Every character that may need a `U+XXXX` (tab and U+0020 are let through by `isHidden`). */
const CANDIDATES = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}\p{Cs}]/gu;
const CANDIDATE = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}\p{Cs}]$/u;

/** `U+0000`, `U+2003`, `U+E0001`. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** True for one character (a code point, or a lone surrogate) that a terminal would not show as itself. */
export function isHidden(ch: string): boolean {
  return ch !== "\t" && ch !== " " && CANDIDATE.test(ch);
}

/** The text with every hidden character as `U+XXXX` (the text itself when it has none). */
export function displayText(text: string): string {
  return text.replace(CANDIDATES, (ch) => (ch === "\t" || ch === " " ? ch : codePointLabel(ch.codePointAt(0)!)));
}

/** One character of a line as a terminal shows it. */
interface Piece {
  /** Code units it takes in the source (1, or 2 for a surrogate pair). */
  readonly units: number;
  /** What is printed for it. */
  readonly shown: string;
  /** What goes under it in the caret line before the caret starts: a tab for a tab, else spaces. */
  readonly under: string;
}

function pieceAt(line: string, i: number, fileStart: boolean): Piece {
  const code = line.charCodeAt(i);
  if (code === 0x09) return { units: 1, shown: "\t", under: "\t" };
  if (code >= 0x20 && code < 0x7f) return { units: 1, shown: line[i]!, under: " " };
  // A byte order mark that opens the file is the encoding's signature, not text: shown as nothing.
  if (code === 0xfeff && i === 0 && fileStart) return { units: 1, shown: "", under: "" };
  const cp = line.codePointAt(i)!;
  const units = cp > 0xffff ? 2 : 1;
  const ch = line.slice(i, i + units);
  if (isHidden(ch)) {
    const label = codePointLabel(cp);
    return { units, shown: label, under: " ".repeat(label.length) };
  }
  return { units, shown: ch, under: " ".repeat(units) };
}

/** The piece that ends just before `i`. */
function pieceBefore(line: string, i: number, fileStart: boolean): Piece {
  const low = line.charCodeAt(i - 1);
  const start = i >= 2 && low >= 0xdc00 && low <= 0xdfff && (line.charCodeAt(i - 2) & 0xfc00) === 0xd800 ? i - 2 : i - 1;
  return pieceAt(line, start, fileStart);
}

/** Widest a snippet line is printed (columns of text, ellipses included). */
export const SNIPPET_WIDTH = 120;
/** Columns kept left of the caret when a long line is cut. */
const LEFT_CONTEXT = 40;
const ELLIPSIS = "…";

/**
 * A source line as a diagnostic shows it, and the caret line under it:
 * hidden characters as `U+XXXX`, a line wider than `width` cut around the
 * caret with `…` on each side that was cut, the caret under the same
 * characters as the range [`from`, `to`) (code-unit indices in the line; at
 * least one caret, past the end of the line when `from` is there).
 */
export function snippet(line: string, from: number, to: number, fileStart = false, width = SNIPPET_WIDTH): { text: string; caret: string } {
  const n = line.length;
  const a = Math.max(0, Math.min(from, n));
  const b = Math.max(a, Math.min(to, n));
  let lo = 0;
  let hi = n;
  if (!fits(line, width, fileStart)) {
    // Up to LEFT_CONTEXT columns before the caret; then the caret and what follows it; any room left goes left.
    let leftW = 0;
    lo = a;
    while (lo > 0) {
      const p = pieceBefore(line, lo, fileStart);
      if (leftW + p.shown.length > LEFT_CONTEXT) break;
      lo -= p.units;
      leftW += p.shown.length;
    }
    const opening = lo > 0 ? 1 : 0;
    let rightW = 0;
    hi = a;
    while (hi < n) {
      const p = pieceAt(line, hi, fileStart);
      const closing = hi + p.units < n ? 1 : 0;
      if (opening + leftW + rightW + p.shown.length + closing > width) break;
      hi += p.units;
      rightW += p.shown.length;
    }
    if (hi === n) {
      while (lo > 0) {
        const p = pieceBefore(line, lo, fileStart);
        const stillOpen = lo - p.units > 0 ? 1 : 0;
        if (stillOpen + leftW + p.shown.length + rightW > width) break;
        lo -= p.units;
        leftW += p.shown.length;
      }
    }
  }
  let text = lo > 0 ? ELLIPSIS : "";
  let caret = lo > 0 ? " " : "";
  let marks = 0;
  for (let i = lo; i < hi; ) {
    const p = pieceAt(line, i, fileStart);
    text += p.shown;
    if (i < a) caret += p.under;
    else if (i < b) marks += p.shown.length;
    i += p.units;
  }
  if (hi < n) text += ELLIPSIS;
  return { text, caret: caret + "^".repeat(Math.max(1, marks)) };
}

/** Whether the whole line, as shown, is at most `width` columns (stops counting past it). */
function fits(line: string, width: number, fileStart: boolean): boolean {
  if (line.length * 6 <= width) return true; // no piece is wider than 6 columns per code unit (`U+0000`)
  let used = 0;
  for (let i = 0; i < line.length; ) {
    const p = pieceAt(line, i, fileStart);
    used += p.shown.length;
    if (used > width) return false;
    i += p.units;
  }
  return true;
}
