/**
 * Completion: what may be typed at the cursor. The word before the cursor
 * narrows the list (`pays` → parties, `under` → clauses, `on` → events, a
 * number or `per` → units); elsewhere every keyword and every name visible
 * there is offered, and at the top level the clause snippets. The editor
 * filters by the typed prefix itself.
 */
import { KEYWORDS } from "../../grammar/tokens.ts";
import type { Range } from "../diagnostics/range.ts";
import { clauseSnippets } from "./snippets.ts";
import type { SymbolIndex, SymbolKind, TenorSymbol } from "./symbols.ts";

export type CompletionKind = "keyword" | "snippet" | SymbolKind;

/**
 * How editors show each kind: the name of the item kind in Monaco's and in
 * the Language Server Protocol's `CompletionItemKind` (both have these names).
 */
export const COMPLETION_KIND_NAMES = {
  keyword: "Keyword",
  snippet: "Snippet",
  party: "Struct",
  currency: "Unit",
  unit: "Unit",
  input: "Field",
  event: "Event",
  eventArg: "TypeParameter",
  const: "Constant",
  schedule: "Value",
  tiers: "Enum",
  clause: "Module",
  let: "Variable",
  balance: "Variable",
  periodFact: "Property",
  builtin: "Function",
  template: "Class",
  calendar: "EnumMember",
} as const satisfies Record<CompletionKind, string>;

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  /** Shown beside the label: the declaration, e.g. `input revenue: USD`. */
  readonly detail: string;
  readonly insertText: string;
  /** insertText uses snippet tab stops. */
  readonly snippet: boolean;
  readonly documentation?: string;
}

const DURATIONS = ["days", "months", "years"];
const VALUE_KINDS: readonly SymbolKind[] = ["input", "const", "schedule", "periodFact"];

function inside(r: Range, offset: number): boolean {
  return r.start < offset && offset <= r.end;
}

function fromSymbol(s: TenorSymbol): Completion {
  const call = s.kind === "builtin";
  return {
    label: s.name,
    kind: s.kind,
    detail: s.signature,
    insertText: call ? `${s.name}($0)` : s.name,
    snippet: call,
    documentation: s.details.join("\n"),
  };
}

function keyword(word: string): Completion {
  return { label: word, kind: "keyword", detail: "keyword", insertText: word, snippet: false };
}

/** The last token before the word being typed, and whether the cursor is in a comment or a string. */
function contextBefore(source: string, offset: number): { prev: string; lineHead: string; quiet: boolean } {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  const line = source.slice(lineStart, offset);
  // Outside strings, `//` starts a comment; an odd number of quotes means the cursor is inside a string.
  const unquoted = line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const quiet = unquoted.includes("//") || (unquoted.match(/"/g)?.length ?? 0) % 2 === 1;
  const head = source.slice(Math.max(0, offset - 400), offset).replace(/[A-Za-z_][A-Za-z0-9_]*$/, "");
  const prev = /([A-Za-z_][A-Za-z0-9_]*|\d[\d_]*(?:\.\d[\d_]*)?%?|[^\sA-Za-z0-9_])\s*$/.exec(head)?.[1] ?? "";
  return { prev, lineHead: line.trimStart(), quiet };
}

/** Completions at `offset` in `source`, given the latest index of that source. */
export function completionsAt(index: SymbolIndex, source: string, offset: number): Completion[] {
  const { prev, lineHead, quiet } = contextBefore(source, offset);
  if (quiet) return [];
  const of = (kind: SymbolKind) => index.symbols.filter((s) => s.kind === kind).map(fromSymbol);
  const units = () => [...of("currency"), ...of("unit")];
  // A statement starts on a new line: the last word of the line before says nothing about it.
  const atLineStart = lineHead.replace(/[A-Za-z_][A-Za-z0-9_]*$/, "").trim() === "";

  // `paid on |`, `paid N days after |`: the period dates a payment counts from.
  if (!atLineStart && /^paid\b/.test(lineHead) && (prev === "on" || prev === "after")) {
    return index.symbols.filter((sym) => sym.kind === "periodFact" && (sym.name === "period_end" || sym.name === "period_start")).map(fromSymbol);
  }
  // `paid …, following |` and `calendar NAME: |`: the calendars.
  if (!atLineStart && (["following", "modified_following", "preceding"].includes(prev) || (/^calendar\b/.test(lineHead) && (prev === ":" || prev === ",")))) {
    return of("calendar");
  }
  if (!atLineStart && /^paid\b/.test(lineHead) && /^\d/.test(prev)) return [keyword("business"), keyword("days")];
  if (!atLineStart && /^paid\b/.test(lineHead) && prev === ",") return ["following", "modified_following", "preceding"].map(keyword);
  if (!atLineStart && /^term\b/.test(lineHead) && prev === ",") {
    return ["monthly", "quarterly", "annually", "backward", "end_of_month"].map(keyword);
  }
  if (!atLineStart) switch (prev) {
    case "pays": case "grants": case "expect": return of("party");
    case "under": return of("clause");
    case "on": return of("event");
    case "use": return of("template");
    case "at": return [keyword("signing")];
    case "by": return ["contract_year", "period", "date"].map(keyword);
    case "rounding": return ["half_even", "half_up", "down", "up"].map(keyword);
    case "per": return [...units(), ...["contract_year", "period"].map(keyword)];
    case "over": return [keyword("term")];
    case "million": case "billion": return units();
    default: break;
  }
  // `tier(|` / `marginal(|`: the tiers tables (their names are not values anywhere else).
  if (/\b(?:tier|marginal)\s*\(\s*[A-Za-z_0-9]*$/.test(source.slice(Math.max(0, offset - 200), offset))) return of("tiers");
  // `add X to |` / `subtract X from |`: the balances visible here.
  if (!atLineStart && ((prev === "to" && /^add\b/.test(lineHead)) || (prev === "from" && /^subtract\b/.test(lineHead)))) {
    return index.symbols.filter((s) => s.kind === "balance" && s.visibleIn !== undefined && inside(s.visibleIn, offset)).map(fromSymbol);
  }
  if (!atLineStart && /^\d/.test(prev)) {
    return [...units(), ...[...DURATIONS, "million", "billion", "consecutive", "to", "onward"].map(keyword)];
  }
  if (!atLineStart && prev === ":" && /^(input|event)\b/.test(lineHead)) {
    return [...units(), keyword("number")];
  }

  // Inside `use T as NAME { … }`, a line starts with one of T's parameters.
  const use = index.useBlocks.find((u) => inside(u.range, offset) && offset > source.indexOf("{", u.range.start));
  if (use !== undefined) {
    if (!atLineStart) return out(index, offset);
    const template = index.symbols.find((s) => s.kind === "template" && s.name === use.template);
    return (template?.params ?? []).map((p) => ({ label: p.name, kind: "template" as const, detail: p.text, insertText: `${p.name} = `, snippet: false }));
  }
  return out(index, offset);
}

/** Everything a value or statement may start with at `offset`, and the snippets at the top level. */
function out(index: SymbolIndex, offset: number): Completion[] {
  const of = (kind: SymbolKind) => index.symbols.filter((s) => s.kind === kind).map(fromSymbol);
  const clause = index.clauses.find((c) => inside(c.range, offset));
  const out: Completion[] = [];
  for (const s of index.symbols) {
    if (VALUE_KINDS.includes(s.kind) || s.kind === "builtin") out.push(fromSymbol(s));
    else if ((s.kind === "let" || s.kind === "balance") && s.visibleIn !== undefined && inside(s.visibleIn, offset)) out.push(fromSymbol(s));
  }
  for (const on of index.onBlocks) {
    if (!inside(on.range, offset)) continue;
    for (const s of index.symbols) if (s.kind === "eventArg" && s.container === on.event) out.push(fromSymbol(s));
  }
  // A statement may start with a party name (`sharon pays …`).
  out.push(...of("party"));
  out.push(...KEYWORDS.map(keyword));
  if (clause === undefined) {
    for (const s of clauseSnippets(index)) {
      out.push({ label: s.label, kind: "snippet", detail: s.description, insertText: s.body, snippet: true, documentation: s.body });
    }
  }
  return out;
}
