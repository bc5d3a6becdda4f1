/**
 * The explanation of a ledger line (brief §7 "an explanation trace per
 * line"): the named values that produced it, in first-use order, each name
 * once. A named value that was itself computed (a let, a const, a schedule
 * rate) is listed where it is first used, followed by what it was computed
 * from.
 */
import type { TraceEntry } from "../ledger/ledger.ts";

export class Trace {
  private readonly list: TraceEntry[] = [];
  private readonly seen = new Set<string>();

  get entries(): readonly TraceEntry[] {
    return this.list;
  }

  add(entry: TraceEntry): void {
    if (this.seen.has(entry.name)) return;
    this.seen.add(entry.name);
    this.list.push(entry);
  }

  addAll(entries: readonly TraceEntry[]): void {
    for (const e of entries) this.add(e);
  }
}

/** `name = value unit`, as run-time error messages show a trace entry. */
export function traceEntryText(e: TraceEntry): string {
  return `${e.name} = ${e.value}${e.unit === undefined ? "" : ` ${e.unit}`}`;
}

/** `a = 1 USD, b = 2` or "" for an empty trace. */
export function traceText(entries: readonly TraceEntry[]): string {
  return entries.map(traceEntryText).join(", ");
}
