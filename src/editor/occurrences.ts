/**
 * Find references and rename: every place a declared name occurs, from the
 * symbol index (its declaration and every resolved use). A rename changes
 * exactly those places; it is refused for names this sheet does not declare
 * (built-ins, period facts, imported templates), for a new name that is not
 * a name or is a keyword, and when the renamed sheet would not check where
 * the old one did (the new name is taken) — the checker says why.
 */
import { KEYWORDS } from "../../grammar/tokens.ts";
import { checkSource, type SourceOptions } from "../api.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Range } from "../diagnostics/range.ts";
import { symbolAt } from "./lookup.ts";
import type { SymbolIndex, TenorSymbol } from "./symbols.ts";

export interface Occurrences {
  readonly symbol: TenorSymbol;
  /** The declaring name; null for built-ins, period facts and imported templates. */
  readonly declaration: Range | null;
  /** Every use, in order. */
  readonly uses: readonly Range[];
}

/** The name at `offset` (a use or its declaration) and all its occurrences, or null. */
export function occurrencesAt(index: SymbolIndex, offset: number): Occurrences | null {
  const hit = symbolAt(index, offset);
  if (hit === null) return null;
  const uses = index.references.filter((r) => r.symbol === hit.symbol.id).map((r) => r.range);
  return { symbol: hit.symbol, declaration: hit.symbol.nameRange, uses };
}

export type RenamePlan =
  | { readonly ok: true; readonly symbol: TenorSymbol; readonly declaration: Range; readonly ranges: readonly Range[] }
  | { readonly ok: false; readonly reason: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** Why `name` cannot name anything, or null when it can. */
export function invalidName(name: string): string | null {
  if (!NAME.test(name)) return `"${name}" is not a name: letters, digits and _, not starting with a digit`;
  if (KEYWORD_SET.has(name)) return `"${name}" is a keyword`;
  return null;
}

/** Whether the name at `offset` can be renamed: its declaration in this sheet, or why not. */
export function renameTarget(index: SymbolIndex, offset: number): RenamePlan {
  const found = occurrencesAt(index, offset);
  if (found === null) return { ok: false, reason: "there is no declared name here" };
  const { symbol, declaration, uses } = found;
  if (declaration === null) {
    const what = symbol.kind === "template" ? "a template declared in an imported file" : `built in (${symbol.signature})`;
    return { ok: false, reason: `${symbol.name} is ${what}: only names declared in this term sheet can be renamed` };
  }
  return { ok: true, symbol, declaration, ranges: [declaration, ...uses].sort((a, b) => a.start - b.start) };
}

/** The text with every range replaced by `text` (ranges do not overlap). */
export function replaceRanges(source: string, ranges: readonly Range[], text: string): string {
  let out = "";
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    out += source.slice(at, r.start) + text;
    at = r.end;
  }
  return out + source.slice(at);
}

const errorKey = (d: Diagnostic) => `${d.code}\u0000${d.message}`;

/**
 * Renames the name at `offset` to `newName`: the ranges to replace, or why
 * not. The renamed sheet is checked again; an error it has that the sheet
 * had not (a duplicate declaration, a name now shadowed) refuses the rename.
 */
export function planRename(index: SymbolIndex, source: string, offset: number, newName: string, options: SourceOptions = {}): RenamePlan {
  const target = renameTarget(index, offset);
  if (!target.ok) return target;
  const invalid = invalidName(newName);
  if (invalid !== null) return { ok: false, reason: invalid };
  if (newName === target.symbol.name) return target;
  const before = new Set(checkSource(source, options).diagnostics.filter((d) => d.severity === "error").map(errorKey));
  const after = checkSource(replaceRanges(source, target.ranges, newName), options).diagnostics;
  const added = after.find((d) => d.severity === "error" && !before.has(errorKey(d)));
  if (added !== undefined) return { ok: false, reason: `renaming ${target.symbol.name} to ${newName} would not check: ${added.message} [${added.code}]` };
  return target;
}
