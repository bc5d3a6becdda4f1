/** Shared by the editor tests: a source's symbol index, and the completions offered inside it. */
import { checkSource } from "../../src/api.ts";
import { completionsAt } from "../../src/editor/completion.ts";
import { indexProgram, type SymbolIndex } from "../../src/editor/symbols.ts";

/** The index of a source the checker accepts. */
export function indexOf(source: string): SymbolIndex {
  const checked = checkSource(source);
  return indexProgram(checked.parsed, source, checked.value, checked.templates);
}

/**
 * Labels offered with the cursor right after the first `text` of `source`,
 * as if `typed` had been typed there.
 */
export function labelsIn(source: string, index: SymbolIndex): (text: string, typed?: string) => string[] {
  return (text, typed = "") => {
    const offset = source.indexOf(text) + text.length;
    const edited = source.slice(0, offset) + typed + source.slice(offset);
    return completionsAt(index, edited, offset + typed.length).map((c) => c.label);
  };
}
