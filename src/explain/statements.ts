/**
 * Clause statements in English (docs/language.md §7): each statement kind
 * has a sentence here, exhaustively. Blocks (`when`, `on`, `at signing`)
 * with one plain statement read as one sentence ("If …, NVIDIA pays …");
 * with more, as a lead sentence and the statements under it.
 */
import { kindOf } from "../ir/exhaustive.ts";
import type { Expr, ScheduleDecl, Stmt } from "../syntax/ast.ts";
import type { Item } from "./document.ts";
import { bindingOf, periodWord, phrase, say, type PhraseContext } from "./expressions.ts";
import { capitalize, dateWords, defined, joinAnd, nameWords } from "./words.ts";
import { entryKeyWords } from "./tables.ts";
import type { Constants } from "./constants.ts";

export interface StatementContext extends PhraseContext {
  /** A party's legal name by its short name. */
  readonly party: (name: string) => string;
  /** Exact values of constant expressions (./constants.ts); absent inside a template, whose values are parameters. */
  readonly constants?: Constants;
}

/** The statements of a clause body (or block) as list items, in order. */
export function statementItems(stmts: readonly Stmt[], ctx: StatementContext): Item[] {
  return stmts.map((s) => statementItem(s, ctx));
}

function sentence(text: string): Item {
  return { text: `${capitalize(text)}.`, children: [] };
}

/** A block's lead ("If …") and its statements: one sentence when the body is one plain statement. */
function block(lead: string, body: readonly Stmt[], ctx: StatementContext): Item {
  const [only] = body;
  if (body.length === 1 && only !== undefined && !isBlock(only)) return sentence(`${lead}, ${statementText(only, ctx)}`);
  if (body.length === 0) return sentence(`${lead}, nothing further happens`);
  return { text: `${capitalize(lead)}:`, children: [{ kind: "list", items: statementItems(body, ctx) }] };
}

function isBlock(s: Stmt): boolean {
  return s.kind === "When" || s.kind === "On" || s.kind === "AtSigning";
}

export function statementItem(s: Stmt, ctx: StatementContext): Item {
  switch (s.kind) {
    case "When": {
      const cond = say(s.cond, ctx);
      if (s.consecutive === null) return block(`if ${cond}`, s.body, ctx);
      const n = s.consecutive.kind === "NumberLit" ? Number(s.consecutive.digits) : NaN;
      const word = periodWord(ctx.frequency, true);
      const streak = Number.isInteger(n)
        ? n === 1
          ? `in the ${periodWord(ctx.frequency, false)}`
          : `for ${n} consecutive ${word} (this ${periodWord(ctx.frequency, false)} and the ${n === 2 ? "" : `${n - 1} `}${periodWord(ctx.frequency, n > 2)} before it, counted whether or not the clause applied in ${n === 2 ? "it" : "them"})`
        : `for ${defined(s.consecutive.kind === "Name" ? s.consecutive.text : "")} consecutive ${word}`;
      return block(`if ${cond} ${streak}`, s.body, ctx);
    }
    case "On":
      return block(`each time ${defined(s.event.text)} occurs in the period (once for each notice, in date order)`, s.body, ctx);
    case "AtSigning":
      return block("at signing (in the first period only)", s.body, ctx);
    case "Let":
    case "Pays":
    case "Grants":
    case "Cap":
    case "Window":
    case "Balance":
    case "Adjust":
      return sentence(statementText(s, ctx));
    default:
      throw new Error(`tenor explain: no English for statement ${kindOf(s)}`);
  }
}

/** A plain (non-block) statement as a sentence without its final stop. */
export function statementText(s: Stmt, ctx: StatementContext): string {
  switch (s.kind) {
    case "Let":
      return `${defined(s.name.text)} means ${say(s.value, ctx)}`;
    case "Pays": {
      // A computed constant amount is also given as it is paid.
      const amount = amountWords(s.amount, ctx);
      const paid = s.amount.kind === "NumberLit" ? null : ctx.constants?.paymentWords(s.amount);
      const shown = paid === null || paid === undefined || paid === amount || paid.replace(/\.0+$/, "") === amount;
      return `${ctx.party(s.payer.text)} pays ${ctx.party(s.payee.text)} ${amount}${shown ? "" : `, that is ${paid} after rounding`}`;
    }
    case "Grants": {
      const what = `${ctx.party(s.grantor.text)} grants ${ctx.party(s.grantee.text)}`;
      const instrument = nameWords(s.instrument.text);
      const price = say(s.price, ctx);
      if (s.quantity.kind === "NumberLit") return `${what} ${say(s.quantity, ctx)} ${instrument} at ${price} each`;
      const n = ctx.constants?.valueWords(s.quantity);
      return `${what} ${instrument} at ${price} each, as many as ${say(s.quantity, ctx)}${n === null || n === undefined ? "" : `, that is ${n}`}`;
    }
    case "Cap":
      return `the payments under this clause are capped at ${say(s.amount, ctx)} ${capWindowWords(s.window, ctx)}; a payment that would pass the cap is cut to what is left of it`;
    case "Window":
      return `this clause applies only to ${periodWord(ctx.frequency, true)} starting on or ${s.bound === "from" ? "after" : "before"} ${s.date.kind === "DateLit" ? dateWords(s.date.text) : `the ${nameWords(s.date.text)}`}`;
    case "Balance":
      return `the clause keeps a balance, ${defined(s.name.text)}, carried from period to period, which starts at ${say(s.initial, ctx)}`;
    case "Adjust":
      return s.op === "add"
        ? `${say(s.amount, ctx)} is added to the balance ${defined(s.balance.text)}`
        : `${say(s.amount, ctx)} is subtracted from the balance ${defined(s.balance.text)}`;
    case "When":
    case "On":
    case "AtSigning":
      return statementItem(s, ctx).text.replace(/[.:]$/, "");
    default:
      throw new Error(`tenor explain: no English for statement ${kindOf(s)}`);
  }
}

export function capWindowWords(w: "term" | "contract_year" | "period", ctx: PhraseContext): string {
  switch (w) {
    case "term": return "over the term";
    case "contract_year": return "in each contract year";
    case "period": return `in each ${periodWord(ctx.frequency, false)}`;
  }
}

/**
 * A payment's amount. A base times a schedule of constant rates reads with
 * the rates spelt out ("15% of the revenue in contract year 1, 12.5% in
 * contract year 2 …"), as a lawyer writes a taper.
 */
function amountWords(amount: Expr, ctx: StatementContext): string {
  if (amount.kind === "Binary" && amount.op === "*") {
    for (const [base, rate] of [[amount.left, amount.right], [amount.right, amount.left]] as const) {
      const schedule = constantRateSchedule(rate, ctx);
      if (schedule === null) continue;
      const baseText = phrase(base, ctx);
      const of = baseText.prec < 6 ? `(${baseText.text})` : baseText.text;
      const parts = schedule.entries.map((e, i) => `${say(e.value, ctx)}${i === 0 ? ` of ${of}` : ""} ${entryKeyWords(schedule, e.key, ctx)}`);
      return `${joinAnd(parts)} (the ${nameWords(schedule.name.text)})`;
    }
  }
  return say(amount, ctx);
}

function constantRateSchedule(e: Expr, ctx: PhraseContext): ScheduleDecl | null {
  if (e.kind !== "NameRef") return null;
  const b = bindingOf(e, ctx);
  if (b?.kind !== "schedule") return null;
  const rates = b.decl.entries.every((x) => x.value.kind === "NumberLit" && x.value.percent && x.value.unit === null);
  return rates && b.decl.entries.length > 0 && b.decl.entries.length <= 8 ? b.decl : null;
}
