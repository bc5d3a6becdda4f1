/**
 * Test blocks: the periods they settle (each a period start of the term,
 * with a value for every input in the input's unit), their events (declared,
 * with every argument) and their expectations (parties, a clause, money in
 * the deal currency, a listed period).
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import type { DateLit, EventDecl, Name, TestDecl, TestEvent, TestExpect, TestPeriod, TestValue } from "../syntax/ast.ts";
import type { Type } from "./checked-program.ts";
import type { CheckContext } from "./context.ts";
import type { ExprChecker, ExprEnv } from "./expressions.ts";
import { bindingNoun, reportDuplicate, reportUnknownParty, type Globals } from "./names.ts";
import { isRecovered } from "./recovered.ts";
import { closestName, didYouMean } from "../diagnostics/suggest.ts";
import { notMoney, sameType, unitWord } from "../types/types.ts";

/** Checks every test block. */
export function checkTests(ctx: CheckContext, globals: Globals, exprs: ExprChecker): void {
  const env: ExprEnv = {
    scope: globals.scope,
    allow: (ref, entry) => {
      if (entry.binding.kind === "const") return true;
      ctx.error(CHECK.notConstant, ref.name.range, `a test value may only use numbers and consts, but ${ref.name.text} is ${bindingNoun(entry.binding)}`);
      return false;
    },
  };
  for (const t of globals.tests) new TestChecker(ctx, globals, exprs, env, t).run();
}

class TestChecker {
  /** ISO start → the test period that lists it. */
  private readonly listed = new Map<string, TestPeriod>();

  constructor(
    private readonly ctx: CheckContext,
    private readonly globals: Globals,
    private readonly exprs: ExprChecker,
    private readonly env: ExprEnv,
    private readonly test: TestDecl,
  ) {}

  run(): void {
    for (const p of this.test.periods) this.period(p);
    for (const e of this.test.events) this.event(e);
    for (const x of this.test.expects) this.expect(x);
  }

  /** A date that must start a period of the term; null (reported) otherwise. */
  private periodStart(lit: DateLit, what: string): string | null {
    const iso = this.ctx.dateText(lit);
    const cal = this.ctx.calendar;
    if (iso === null || cal === null) return iso;
    if (!cal.contains(iso)) {
      this.ctx.error(CHECK.dateOutsideTerm, lit.range, `${what} ${iso} is outside the term (${cal.startIso} to ${cal.endIso})`);
      return null;
    }
    if (!cal.isPeriodStart(iso)) {
      this.ctx.error(
        CHECK.notAPeriodStart,
        lit.range,
        `${what} ${iso} is not the start of a period; the period containing it starts on ${this.startOfPeriodContaining(iso)}`,
      );
      return null;
    }
    return iso;
  }

  private startOfPeriodContaining(iso: string): string {
    const starts = this.ctx.calendar!.periodStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= iso) lo = mid;
      else hi = mid - 1;
    }
    return starts[lo]!;
  }

  private period(p: TestPeriod): void {
    const iso = this.periodStart(p.date, "test period");
    if (iso !== null) {
      const first = this.listed.get(iso);
      if (first) {
        this.ctx.error(CHECK.duplicateDeclaration, p.date.range, `period ${iso} is already listed in this test; give its values once`, [
          { range: first.date.range, message: "first listed here" },
        ]);
      } else this.listed.set(iso, p);
    }
    const seen = new Map<string, TestValue>();
    const meant = new Set<string>();
    for (const v of p.values) {
      const type = this.exprs.check(v.value, this.env);
      const text = v.name.text;
      if (text === "") continue;
      const input = this.globals.inputs.get(text);
      if (input === undefined) {
        const names = [...this.globals.inputs.keys()];
        const guess = closestName(text, names);
        if (guess !== null) meant.add(guess); // a misspelt input is not also a missing one
        this.ctx.error(
          CHECK.unknownInput,
          v.name.range,
          `unknown input ${text}${guess !== null ? `; did you mean ${guess}?` : names.length > 0 ? `; the inputs are ${names.join(", ")}` : ""}`,
        );
        continue;
      }
      const dup = seen.get(text);
      if (dup) {
        reportDuplicate(this.ctx, v.name, dup.name, "a value in this period");
        continue;
      }
      seen.set(text, v);
      this.unitMatches(CHECK.testValueUnitMismatch, v, type, this.globals.inputTypes.get(input), `input ${text}`);
    }
    const missing = [...this.globals.inputs.keys()].filter((n) => !seen.has(n) && !meant.has(n));
    if (missing.length > 0 && !isRecovered(this.test)) {
      this.ctx.error(
        CHECK.missingTestValue,
        p.date.range,
        `test period ${p.date.text} has no value for ${missing.join(", ")}: every input needs a value in each period of a test`,
      );
    }
  }

  private unitMatches(code: string, v: TestValue, got: Type, wanted: Type | undefined, what: string): void {
    if (wanted === undefined || got.kind === "error" || wanted.kind === "error" || sameType(got, wanted)) return;
    this.ctx.error(code, v.value.range, `${what} is in ${unitWord(wanted)}, but this value is ${got.kind === "number" && !got.unit.isNone ? `in ${unitWord(got)}` : unitWord(got)}`);
  }

  private event(e: TestEvent): void {
    const iso = this.ctx.dateText(e.date);
    const cal = this.ctx.calendar;
    if (iso !== null && cal !== null) {
      if (!cal.contains(iso)) {
        this.ctx.error(CHECK.dateOutsideTerm, e.date.range, `event date ${iso} is outside the term (${cal.startIso} to ${cal.endIso})`);
      } else if (!this.listed.has(this.startOfPeriodContaining(iso))) {
        // An error, not a warning: the test could only fail (its events must settle in a listed period).
        this.ctx.error(
          CHECK.testEventOutsidePeriods,
          e.date.range,
          `event date ${iso} falls in the period starting ${this.startOfPeriodContaining(iso)}, which this test does not list; list that period or move the event`,
        );
      }
    }
    const decl = this.globals.events.get(e.event.text);
    if (decl === undefined) {
      for (const a of e.args) this.exprs.check(a.value, this.env);
      if (e.event.text === "") return;
      const names = [...this.globals.events.keys()];
      this.ctx.error(
        CHECK.unknownEvent,
        e.event.range,
        `unknown event ${e.event.text}${didYouMean(e.event.text, names) || (names.length > 0 ? `; the events are ${names.join(", ")}` : "")}`,
      );
      return;
    }
    this.eventArgs(e, decl);
  }

  private eventArgs(e: TestEvent, decl: EventDecl): void {
    const seen = new Map<string, TestValue>();
    const meant = new Set<string>();
    for (const a of e.args) {
      const type = this.exprs.check(a.value, this.env);
      const text = a.name.text;
      if (text === "") continue;
      const param = decl.params.find((p) => p.name.text === text);
      if (param === undefined) {
        const names = decl.params.map((p) => p.name.text);
        const guess = closestName(text, names);
        if (guess !== null) meant.add(guess); // a misspelt argument is not also a missing one
        this.ctx.error(
          CHECK.unknownEventArgument,
          a.name.range,
          `${decl.name.text} has no argument ${text}${guess !== null ? `; did you mean ${guess}?` : names.length > 0 ? `; its arguments are ${names.join(", ")}` : "; it takes no arguments"}`,
        );
        continue;
      }
      const dup = seen.get(text);
      if (dup) {
        reportDuplicate(this.ctx, a.name, dup.name, "an argument of this event");
        continue;
      }
      seen.set(text, a);
      this.unitMatches(CHECK.eventArgumentUnitMismatch, a, type, this.globals.paramTypes.get(param), `argument ${text} of ${decl.name.text}`);
    }
    const missing = decl.params.map((p) => p.name.text).filter((n) => n !== "" && !seen.has(n) && !meant.has(n));
    if (missing.length > 0 && !isRecovered(this.test)) {
      this.ctx.error(CHECK.missingEventArgument, e.event.range, `event ${decl.name.text} needs a value for ${missing.join(", ")}`);
    }
  }

  private expect(x: TestExpect): void {
    const payer = this.party(x.payer);
    const payee = this.party(x.payee);
    if (payer && payee && x.payer.text === x.payee.text) {
      this.ctx.error(CHECK.partyPaysItself, x.payee.range, `${x.payer.text} cannot pay itself: payer and payee must be different parties`);
    }
    const t = this.exprs.check(x.amount, this.env);
    const bad = notMoney(t, this.ctx.currency);
    if (bad !== null) {
      this.ctx.error(CHECK.expectNotInCurrency, x.amount.range, `an expected amount must be in the deal currency ${this.ctx.currency}, but this is ${bad}`);
    }
    if (x.clause !== null && x.clause.text !== "" && !this.globals.clauses.has(x.clause.text)) {
      const names = [...this.globals.clauses.keys()];
      this.ctx.error(
        CHECK.unknownClause,
        x.clause.range,
        `unknown clause ${x.clause.text}${didYouMean(x.clause.text, names) || (names.length > 0 ? `; the clauses are ${names.join(", ")}` : "")}`,
      );
    }
    if (x.period !== null) {
      const iso = this.periodStart(x.period, "expected period");
      if (iso !== null && this.ctx.calendar !== null && !this.listed.has(iso)) {
        this.ctx.error(CHECK.expectPeriodNotInTest, x.period.range, `period ${iso} is not listed in this test, so nothing is settled in it; add period ${iso} { … }`);
      }
    }
  }

  private party(n: Name): boolean {
    if (n.text === "") return false;
    if (this.globals.parties.has(n.text)) return true;
    if (this.globals.parties.size > 0) reportUnknownParty(this.ctx, n, this.globals);
    return false;
  }
}
