/**
 * The outline of a term sheet (an editor's document symbols): every name
 * the sheet declares — parties, currency and units, inputs, events with
 * their arguments, consts, schedules, tiers, calendars, templates, clauses
 * with their lets and balances — in the order written, from the symbol index.
 */
import type { Range } from "../diagnostics/range.ts";
import type { SymbolIndex, SymbolKind } from "./symbols.ts";

export interface OutlineItem {
  readonly name: string;
  readonly kind: SymbolKind;
  /** The declaration as one line (`input revenue: USD`). */
  readonly detail: string;
  /** The whole declaration. */
  readonly range: Range;
  /** Its name, inside `range`. */
  readonly selectionRange: Range;
  readonly children: readonly OutlineItem[];
}

/** Kinds whose declarations hold others: a clause its lets and balances, an event its arguments. */
const CONTAINERS: ReadonlySet<SymbolKind> = new Set(["clause", "event"]);

function within(inner: Range, outer: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function outline(index: SymbolIndex): OutlineItem[] {
  const declared = index.symbols
    .filter((s) => s.nameRange !== null && s.declRange !== null)
    .map((s) => ({ name: s.name, kind: s.kind, detail: s.signature, range: s.declRange!, selectionRange: s.nameRange!, children: [] as OutlineItem[] }))
    .sort((a, b) => a.range.start - b.range.start || b.range.end - a.range.end);
  const top: (OutlineItem & { children: OutlineItem[] })[] = [];
  for (const item of declared) {
    const parent = top[top.length - 1];
    if (parent !== undefined && CONTAINERS.has(parent.kind) && !CONTAINERS.has(item.kind) && within(item.range, parent.range)) parent.children.push(item);
    else top.push(item);
  }
  return top;
}
