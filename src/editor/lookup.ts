/**
 * Hover and go to definition: what the name under the cursor is. A cursor
 * just after a name still counts (that is where it sits after typing it).
 */
import type { Range } from "../diagnostics/range.ts";
import type { SymbolIndex, TenorSymbol } from "./symbols.ts";

export interface SymbolHit {
  readonly symbol: TenorSymbol;
  /** The occurrence under the cursor: a use or the declaring name. */
  readonly range: Range;
}

function contains(r: Range, offset: number): boolean {
  return r.start <= offset && offset <= r.end;
}

/** The declared name or the use of a name at `offset`, or null. */
export function symbolAt(index: SymbolIndex, offset: number): SymbolHit | null {
  // References are sorted by start: find the last one starting at or before the offset.
  const refs = index.references;
  let lo = 0;
  let hi = refs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (refs[mid]!.range.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  // Two names can touch only through an operator-free boundary (none in Tenor), but check the one before too.
  for (const i of [found, found - 1]) {
    const ref = refs[i];
    if (ref !== undefined && contains(ref.range, offset)) {
      const symbol = index.symbols[ref.symbol];
      if (symbol !== undefined) return { symbol, range: ref.range };
    }
  }
  for (const symbol of index.symbols) {
    if (symbol.nameRange !== null && contains(symbol.nameRange, offset)) return { symbol, range: symbol.nameRange };
  }
  return null;
}

export interface HoverInfo {
  readonly range: Range;
  /** Reads like the declaration, shown as code. */
  readonly signature: string;
  /** Plain-text lines under it. */
  readonly details: readonly string[];
}

/** Markdown's special characters in plain text, escaped. */
function plain(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, "\\$&");
}

/** A hover as Markdown paragraphs: the signature as Tenor code, then the details as text, a line each. */
export function hoverMarkdown(signature: string, details: readonly string[]): string[] {
  return [`\`\`\`tenor\n${signature}\n\`\`\``, ...(details.length === 0 ? [] : [details.map(plain).join("  \n")])];
}

/** What to show when hovering at `offset`. */
export function hoverAt(index: SymbolIndex, offset: number): HoverInfo | null {
  const hit = symbolAt(index, offset);
  if (hit === null) return null;
  return { range: hit.range, signature: hit.symbol.signature, details: hit.symbol.details };
}

/** Where the name at `offset` is declared; null for built-ins, period facts and unknown names. */
export function definitionAt(index: SymbolIndex, offset: number): Range | null {
  return symbolAt(index, offset)?.symbol.nameRange ?? null;
}
