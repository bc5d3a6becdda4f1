/**
 * The deal header (docs/language.md §2, §5 "deal, parties, term, currency", §6): exactly one `deal`, `parties`, `term` and
 * `currency`; at most one `settle` and one `paid`. Establishes the deal currency and the
 * term calendar for the later passes.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import type { Range } from "../diagnostics/range.ts";
import type { CurrencyDecl, DealDecl, Decl, PaidDecl, PartiesDecl, Program, SettleDecl, TermDecl } from "../syntax/ast.ts";
import { TermCalendar } from "./calendar.ts";
import type { CheckContext } from "./context.ts";
import { isCurrencyCode } from "../types/currencies.ts";
import { compareDates } from "../eval/dates.ts";
import type { TermGeneration } from "../ir/ir.ts";

export interface Header {
  readonly deal: DealDecl | null;
  readonly parties: PartiesDecl | null;
  readonly term: TermDecl | null;
  readonly currency: CurrencyDecl | null;
  readonly settle: SettleDecl | null;
  /** The `paid` rule (optional; checked with the calendars, src/check/calendars.ts). */
  readonly paid: PaidDecl | null;
}

type HeaderKind = "Deal" | "Parties" | "Term" | "Currency" | "Settle" | "Paid";
const KEYWORD: Record<HeaderKind, string> = { Deal: "deal", Parties: "parties", Term: "term", Currency: "currency", Settle: "settle", Paid: "paid" };

/** The keyword that starts a declaration: where a header diagnostic points. */
function keywordRange(d: Decl & { kind: HeaderKind }): Range {
  return { start: d.range.start, end: d.range.start + KEYWORD[d.kind].length };
}

/**
 * Checks the header declarations and records the currency and calendar in
 * ctx. `quietIfMissing`: the source had parse errors, so an absent header
 * declaration may be one that did not parse.
 */
export function checkHeader(program: Program, ctx: CheckContext, quietIfMissing: boolean): Header {
  const first = new Map<HeaderKind, Decl & { kind: HeaderKind }>();
  for (const d of program.decls) {
    if (d.kind !== "Deal" && d.kind !== "Parties" && d.kind !== "Term" && d.kind !== "Currency" && d.kind !== "Settle" && d.kind !== "Paid") continue;
    const earlier = first.get(d.kind);
    if (earlier) {
      ctx.error(CHECK.duplicateHeader, keywordRange(d), `a deal has one ${KEYWORD[d.kind]} declaration; remove this one or the first`, [
        { range: keywordRange(earlier), message: `the first ${KEYWORD[d.kind]} declaration` },
      ]);
    } else {
      first.set(d.kind, d);
    }
  }
  const header: Header = {
    deal: (first.get("Deal") as DealDecl | undefined) ?? null,
    parties: (first.get("Parties") as PartiesDecl | undefined) ?? null,
    term: (first.get("Term") as TermDecl | undefined) ?? null,
    currency: (first.get("Currency") as CurrencyDecl | undefined) ?? null,
    settle: (first.get("Settle") as SettleDecl | undefined) ?? null,
    paid: (first.get("Paid") as PaidDecl | undefined) ?? null,
  };
  const top: Range = { start: 0, end: 0 };
  const missing = (code: string, message: string) => {
    if (!quietIfMissing) ctx.error(code, top, message);
  };
  if (!header.deal) missing(CHECK.missingDeal, `missing deal declaration: a term sheet starts with deal "Title"`);
  if (!header.parties) missing(CHECK.missingParties, `missing parties declaration: expected parties { name: "Legal name" … }`);
  else if (header.parties.parties.length === 0) {
    ctx.error(CHECK.missingParties, keywordRange(header.parties), `parties declares no party: expected name: "Legal name" entries`);
  }
  if (!header.term) missing(CHECK.missingTerm, `missing term declaration: expected term START to END, monthly|quarterly|annually`);
  else checkTerm(header.term, ctx);
  if (!header.currency) missing(CHECK.missingCurrency, `missing currency declaration: expected currency CODE, e.g. currency USD`);
  else checkCurrency(header.currency, ctx);
  return header;
}

function checkTerm(term: TermDecl, ctx: CheckContext): void {
  const start = ctx.date(term.start);
  const end = ctx.date(term.end);
  if (start === null || end === null) return;
  if (compareDates(start, end) > 0) {
    ctx.error(CHECK.termStartsAfterEnd, term.end.range, `the term ends on ${term.end.text}, before it starts on ${term.start.text}`);
    return;
  }
  ctx.calendar = new TermCalendar(start, end, term.frequency, termGeneration(term));
}

/** The term's generation options as the IR writes them: absent when not written. */
export function termGeneration(term: TermDecl): TermGeneration {
  return { ...(term.backward ? { generation: "backward" as const } : {}), ...(term.endOfMonth ? { endOfMonth: true as const } : {}) };
}

function checkCurrency(c: CurrencyDecl, ctx: CheckContext): void {
  const code = c.code.text;
  if (code === "") return; // unreadable: the parser reported it
  if (!isCurrencyCode(code)) {
    ctx.error(CHECK.invalidCurrencyCode, c.code.range, `currency ${code} is not a currency code: expected three capital letters, e.g. USD`);
  }
  ctx.currency = code;
  ctx.knownUnits.add(code);
  ctx.rounding = c.rounding ?? "half_even";
}
