/**
 * Clauses compared (docs/language.md §7), by name: added, removed,
 * retitled, reordered, and inside a clause statement by statement when the
 * two bodies have the same outline (the same kinds in the same order).
 * Each difference is one English line in explain's words: "rate from 12.5%
 * to 12%", "cap over the term from $75,000,000 to $80,000,000", "window
 * moved", "trigger changed", "payer from … to …". Bodies of different
 * outlines fall back to the sentences that left and the ones that came.
 */
import type { ClauseDecl, Expr, NumberLit, Stmt } from "../syntax/ast.ts";
import { capWindowWords, statementItems, statementText, type StatementContext } from "../explain/statements.ts";
import { periodWord, say } from "../explain/expressions.ts";
import type { Item } from "../explain/document.ts";
import { dateWords, defined } from "../explain/words.ts";
import { change, type TermsChange } from "./change.ts";
import { onlyDifference, sameShape } from "./shape.ts";

/** Both versions' phrasing: old nodes are said with the old program's context, new with the new. */
export interface Contexts {
  readonly old: StatementContext;
  readonly new: StatementContext;
}

/** The sentences of a list of items, nested ones after their lead. */
export function flatSentences(items: readonly Item[]): string[] {
  const out: string[] = [];
  for (const i of items) {
    out.push(i.text);
    for (const b of i.children) if (b.kind === "list") out.push(...flatSentences(b.items).map((s) => `${s}`));
  }
  return out;
}

function titleOf(c: ClauseDecl): string {
  return c.title === null ? c.name.text : c.title.value;
}

export function clauseChanges(oldClauses: readonly ClauseDecl[], newClauses: readonly ClauseDecl[], ctx: Contexts): TermsChange[] {
  const out: TermsChange[] = [];
  const oldByName = new Map(oldClauses.map((c) => [c.name.text, c]));
  const newByName = new Map(newClauses.map((c) => [c.name.text, c]));
  for (const c of oldClauses) {
    if (!newByName.has(c.name.text)) out.push(change("clauses", c.name.text, "removed", `clause removed (“${titleOf(c)}”)`, flatSentences(statementItems(c.body, ctx.old))));
  }
  for (const c of newClauses) {
    const before = oldByName.get(c.name.text);
    if (before === undefined) {
      out.push(change("clauses", c.name.text, "added", `clause added (“${titleOf(c)}”)`, flatSentences(statementItems(c.body, ctx.new))));
      continue;
    }
    if (titleOf(before) !== titleOf(c)) out.push(change("clauses", c.name.text, "changed", `title from “${titleOf(before)}” to “${titleOf(c)}”`));
    out.push(...bodyChanges(c.name.text, before.body, c.body, ctx));
  }
  // Clauses apply in order (a later clause sees the caps and balances as the earlier ones left them).
  const common = (list: readonly ClauseDecl[], other: Map<string, ClauseDecl>) => list.map((c) => c.name.text).filter((n) => other.has(n));
  const oldOrder = common(oldClauses, newByName);
  const newOrder = common(newClauses, oldByName);
  if (oldOrder.join("\u0000") !== newOrder.join("\u0000")) {
    out.push(change("clauses", "order", "moved", `the clauses now apply in the order ${newOrder.join(", ")} (before: ${oldOrder.join(", ")})`));
  }
  return out;
}

function sameOutline(a: readonly Stmt[], b: readonly Stmt[]): boolean {
  return a.length === b.length && a.every((s, i) => s.kind === b[i]!.kind);
}

function bodyChanges(clause: string, a: readonly Stmt[], b: readonly Stmt[], ctx: Contexts): TermsChange[] {
  if (sameShape(a, b)) return [];
  if (!sameOutline(a, b)) {
    // Different outlines: say which sentences went and which came.
    const gone = flatSentences(statementItems(a, ctx.old));
    const came = flatSentences(statementItems(b, ctx.new));
    const out: TermsChange[] = [];
    const cameSet = new Set(came);
    const goneSet = new Set(gone);
    for (const s of gone) if (!cameSet.has(s)) out.push(change("clauses", clause, "removed", `no longer: ${s}`));
    for (const s of came) if (!goneSet.has(s)) out.push(change("clauses", clause, "added", `now: ${s}`));
    if (out.length === 0) out.push(change("clauses", clause, "moved", "the same statements, in a different order"));
    return out;
  }
  return a.flatMap((s, i) => stmtChanges(clause, s, b[i]!, ctx));
}

function partyLine(clause: string, role: string, a: string, b: string, ctx: Contexts): TermsChange[] {
  return a === b ? [] : [change("clauses", clause, "changed", `${role} from ${ctx.old.party(a)} to ${ctx.new.party(b)}`)];
}

/** How a changed number reads: a percent is a rate, an amount per unit a price. */
function numberRole(n: NumberLit): string {
  if (n.percent) return "rate";
  if (n.unit !== null && n.unit.denominator.length > 0) return "price";
  return "amount";
}

/** `rate from 12.5% to 12%` when one number changed; else the whole expressions. */
function exprLine(what: string, a: Expr, b: Expr, ctx: Contexts): string {
  const d = onlyDifference(a, b);
  const leaf = (x: unknown): x is NumberLit => (x as { kind?: unknown } | null)?.kind === "NumberLit";
  if (d !== null && leaf(d.old) && leaf(d.new)) {
    return `${what}: ${numberRole(d.new)} from ${say(d.old, ctx.old)} to ${say(d.new, ctx.new)}`;
  }
  return `${what} from ${say(a, ctx.old)} to ${say(b, ctx.new)}`;
}

function windowWords(s: Extract<Stmt, { kind: "Window" }>, ctx: StatementContext): string {
  const date = s.date.kind === "DateLit" ? dateWords(s.date.text) : `the ${s.date.text.replace(/_/g, " ")}`;
  return `${periodWord(ctx.frequency, true)} starting on or ${s.bound === "from" ? "after" : "before"} ${date}`;
}

function consecutiveWords(c: NumberLit | { readonly text: string } | null, ctx: StatementContext): string {
  if (c === null) return "in the period itself";
  return "digits" in c ? `for ${c.digits} consecutive ${periodWord(ctx.frequency, true)}` : `for ${defined(c.text)} consecutive ${periodWord(ctx.frequency, true)}`;
}

function stmtChanges(clause: string, a: Stmt, b: Stmt, ctx: Contexts): TermsChange[] {
  if (sameShape(a, b)) return [];
  const line = (text: string) => change("clauses", clause, "changed", text);
  switch (b.kind) {
    case "Pays": {
      const x = a as typeof b;
      const out = [...partyLine(clause, "payer", x.payer.text, b.payer.text, ctx), ...partyLine(clause, "payee", x.payee.text, b.payee.text, ctx)];
      if (!sameShape(x.amount, b.amount)) out.push(line(exprLine(`what ${ctx.new.party(b.payer.text)} pays ${ctx.new.party(b.payee.text)}`, x.amount, b.amount, ctx)));
      return out;
    }
    case "Grants": {
      const x = a as typeof b;
      const out = [...partyLine(clause, "grantor", x.grantor.text, b.grantor.text, ctx), ...partyLine(clause, "grantee", x.grantee.text, b.grantee.text, ctx)];
      if (x.instrument.text !== b.instrument.text) out.push(line(`instrument from ${x.instrument.text.replace(/_/g, " ")} to ${b.instrument.text.replace(/_/g, " ")}`));
      if (!sameShape(x.quantity, b.quantity)) out.push(line(exprLine("quantity granted", x.quantity, b.quantity, ctx)));
      if (!sameShape(x.price, b.price)) out.push(line(exprLine("price of each", x.price, b.price, ctx)));
      return out;
    }
    case "Cap": {
      const x = a as typeof b;
      if (x.window !== b.window) {
        return [line(`cap from ${say(x.amount, ctx.old)} ${capWindowWords(x.window, ctx.old)} to ${say(b.amount, ctx.new)} ${capWindowWords(b.window, ctx.new)}`)];
      }
      return [line(`cap ${capWindowWords(b.window, ctx.new)} from ${say(x.amount, ctx.old)} to ${say(b.amount, ctx.new)}`)];
    }
    case "Window": {
      const x = a as typeof b;
      return [change("clauses", clause, "moved", `window moved: from ${windowWords(x, ctx.old)} to ${windowWords(b, ctx.new)}`)];
    }
    case "When": {
      const x = a as typeof b;
      const out: TermsChange[] = [];
      if (!sameShape(x.cond, b.cond) || !sameShape(x.consecutive, b.consecutive)) {
        const oldTrigger = `if ${say(x.cond, ctx.old)} ${consecutiveWords(x.consecutive, ctx.old)}`;
        const newTrigger = `if ${say(b.cond, ctx.new)} ${consecutiveWords(b.consecutive, ctx.new)}`;
        out.push(line(`trigger changed; before: ${oldTrigger}; now: ${newTrigger}`));
      }
      return [...out, ...bodyChanges(clause, x.body, b.body, ctx)];
    }
    case "On": {
      const x = a as typeof b;
      const out = x.event.text === b.event.text ? [] : [line(`trigger changed: from each time ${defined(x.event.text)} occurs to each time ${defined(b.event.text)} occurs`)];
      return [...out, ...bodyChanges(clause, x.body, b.body, ctx)];
    }
    case "AtSigning":
      return bodyChanges(clause, (a as typeof b).body, b.body, ctx);
    case "Let": {
      const x = a as typeof b;
      if (x.name.text !== b.name.text) return [line(`from “${statementText(x, ctx.old)}” to “${statementText(b, ctx.new)}”`)];
      return [line(exprLine(defined(b.name.text), x.value, b.value, ctx))];
    }
    case "Balance":
    case "Adjust":
      return [line(`from “${statementText(a, ctx.old)}” to “${statementText(b, ctx.new)}”`)];
  }
}
