/**
 * The explanation of a ledger line (docs/language.md §12 `trace`, "an explanation trace per
 * line"): the named values that produced it, in first-use order, each name
 * once. A named value that was itself computed (a let, a const, a schedule
 * rate) is listed where it is first used, followed by what it was computed
 * from.
 *
 * Items keep the raw value and turn into text only when a line is written,
 * so a trace that ends in no line costs no decimal printing.
 */
import type { ValueType } from "../ir/ir.ts";
import { traceEntryText, type TraceEntry } from "../ledger/ledger.ts";
import { valueText } from "./values.ts";
import type { Decimal } from "../eval/decimal.ts";

/** What a name reference shows in a trace: its name, type and display unit. */
export interface TraceRef {
  readonly name: string;
  readonly type: ValueType;
  readonly unit: string | undefined;
}

export interface TraceItem {
  readonly ref: TraceRef;
  readonly value: unknown;
}

export class Trace {
  readonly items: TraceItem[] = [];

  add(ref: TraceRef, value: unknown): void {
    const items = this.items;
    // Traces are short: a scan beats a Set.
    for (let i = 0; i < items.length; i++) if (items[i]!.ref.name === ref.name) return;
    items.push({ ref, value });
  }

  addAll(items: readonly TraceItem[]): void {
    for (let i = 0; i < items.length; i++) this.add(items[i]!.ref, items[i]!.value);
  }
}

/** The ledger's trace entries of some items: a number that does not terminate also carries its exact fraction. */
export function traceEntries(items: readonly TraceItem[]): TraceEntry[] {
  return items.map(({ ref, value }) => {
    const text = valueText(ref.type, value);
    const exact = ref.type === "number" ? (value as Decimal).exactText() : null;
    if (exact === null) return ref.unit === undefined ? { name: ref.name, value: text } : { name: ref.name, value: text, unit: ref.unit };
    return ref.unit === undefined ? { name: ref.name, value: text, exact } : { name: ref.name, value: text, unit: ref.unit, exact };
  });
}

/** `a = 1 USD, b = 2` or "" for an empty trace. */
export function traceText(items: readonly TraceItem[]): string {
  return traceEntries(items).map(traceEntryText).join(", ");
}
