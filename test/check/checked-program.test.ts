import { describe, expect, it } from "vitest";
import type { CheckedProgram, Type } from "../../src/check/checked-program.ts";
import type { Expr, NameRef, Stmt } from "../../src/syntax/ast.ts";
import { expectClean, sheet } from "./helpers.ts";

function typeText(t: Type | undefined): string {
  if (t === undefined) return "untyped";
  return t.kind === "number" ? t.unit.toString() : t.kind === "duration" ? `duration ${t.per}` : t.kind;
}

function stmts(checked: CheckedProgram, clause: string): readonly Stmt[] {
  return checked.clauses.find((c) => c.name.text === clause)!.body;
}

/** Every expression under `e` (including itself). */
function allExprs(e: Expr): Expr[] {
  const out: Expr[] = [e];
  if (e.kind === "Binary") out.push(...allExprs(e.left), ...allExprs(e.right));
  if (e.kind === "Unary") out.push(...allExprs(e.operand));
  if (e.kind === "Call") for (const a of e.args) out.push(...allExprs(a));
  if (e.kind === "IfExpr") out.push(...allExprs(e.cond), ...allExprs(e.then), ...allExprs(e.else));
  return out;
}

const SOURCE = sheet(`event lease_default(missed_rent: USD)
const buyback_price = 1.85 USD per gpu_hour
schedule share_rate by contract_year {
  year 1: 15%
  year 2 onward: 10%
}
clause revenue_share {
  sharon pays nvidia revenue * share_rate
}
clause buyback {
  let unsold = max(capacity_hours - sold_hours, 0 gpu_hour)
  when contract_year <= 2 and period_start < 2028-01-01 {
    nvidia pays sharon unsold * buyback_price
  }
  on lease_default {
    nvidia pays sharon missed_rent * days / 30
  }
}
`);

describe("the checked program", () => {
  const checked = expectClean(SOURCE);

  it("gives revenue * share_rate the unit USD", () => {
    const pay = stmts(checked, "revenue_share")[0]!;
    if (pay.kind !== "Pays" || pay.amount.kind !== "Binary") throw new Error("unexpected shape");
    expect(typeText(checked.types.get(pay.amount))).toBe("USD");
    expect(typeText(checked.types.get(pay.amount.left))).toBe("USD");
    expect(typeText(checked.types.get(pay.amount.right))).toBe("number");
  });

  it("binds every name to what it refers to", () => {
    const [letStmt, when, on] = stmts(checked, "buyback");
    if (letStmt?.kind !== "Let" || when?.kind !== "When" || on?.kind !== "On") throw new Error("unexpected shape");
    const pay = when.body[0]!;
    const eventPay = on.body[0]!;
    if (pay.kind !== "Pays" || eventPay.kind !== "Pays") throw new Error("unexpected shape");
    const refs = [...allExprs(letStmt.value), ...allExprs(when.cond), ...allExprs(pay.amount), ...allExprs(eventPay.amount)]
      .filter((e): e is NameRef => e.kind === "NameRef");
    const described = refs.map((r) => {
      const b = checked.bindings.get(r)!;
      const target = b.kind === "periodFact" ? b.fact : b.kind === "eventArg" ? `${b.event.name.text}#${b.index}` : b.decl.name.text;
      return `${r.name.text}:${b.kind}:${target}`;
    });
    expect(described.sort()).toEqual([
      "buyback_price:const:buyback_price",
      "capacity_hours:input:capacity_hours",
      "contract_year:periodFact:contract_year",
      "days:periodFact:days",
      "missed_rent:eventArg:lease_default#0",
      "period_start:periodFact:period_start",
      "sold_hours:input:sold_hours",
      "unsold:let:unsold",
    ]);
  });

  it("types every expression of the clauses, lets and schedules", () => {
    const exprs: Expr[] = [];
    const walk = (body: readonly Stmt[]) => {
      for (const s of body) {
        if (s.kind === "Let") exprs.push(...allExprs(s.value));
        if (s.kind === "Pays") exprs.push(...allExprs(s.amount));
        if (s.kind === "When") {
          exprs.push(...allExprs(s.cond));
          walk(s.body);
        }
        if (s.kind === "On" || s.kind === "AtSigning") walk(s.body);
      }
    };
    for (const c of checked.clauses) walk(c.body);
    for (const s of checked.schedules) for (const e of s.entries) exprs.push(...allExprs(e.value));
    for (const c of checked.consts) exprs.push(...allExprs(c.value));
    expect(exprs.filter((e) => !checked.types.has(e))).toEqual([]);
    expect(exprs.some((e) => checked.types.get(e)?.kind === "error")).toBe(false);
  });

  it("types lets, quantities per unit, dates and conditions", () => {
    const [letStmt, when] = stmts(checked, "buyback");
    if (letStmt?.kind !== "Let" || when?.kind !== "When") throw new Error("unexpected shape");
    expect(typeText(checked.types.get(letStmt.value))).toBe("gpu_hour");
    expect(typeText(checked.types.get(checked.consts[0]!.value))).toBe("USD per gpu_hour");
    expect(typeText(checked.types.get(when.cond))).toBe("bool");
    if (when.cond.kind !== "Binary") throw new Error("unexpected shape");
    const right = when.cond.right;
    if (right.kind !== "Binary") throw new Error("unexpected shape");
    expect(typeText(checked.types.get(right.left))).toBe("date");
  });
});
