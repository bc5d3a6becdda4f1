/**
 * Clause statements (docs/language.md §7): lets, payments, grants, `when`, `on`,
 * `at signing`, caps and the `from`/`until` window. Lets are block-scoped
 * and visible only after their declaration; event arguments are visible
 * inside their `on` (and in `on` blocks nested in it).
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import { Decimal } from "../eval/decimal.ts";
import type {
  AdjustStmt, BalanceStmt, CapStmt, CapWindow, ClauseDecl, DateLit, GrantsStmt, LetStmt, Name, NameRef, OnStmt, PaysStmt, Program, Stmt,
  WhenStmt, WindowStmt,
} from "../syntax/ast.ts";
import { BalanceReads } from "./balances.ts";
import type { Type } from "./checked-program.ts";
import type { CheckContext } from "./context.ts";
import type { ExprChecker, ExprEnv } from "./expressions.ts";
import { bindingNoun, reportDuplicate, reportPeriodFactName, reportUnknownParty, type Globals } from "./names.ts";
import { isRecovered } from "./recovered.ts";
import { Scope, type ScopeEntry } from "./scope.ts";
import { didYouMean } from "../diagnostics/suggest.ts";
import { describeType, notMoney, unitWord } from "../types/types.ts";

/** Checks the body of every clause in the program (duplicated clauses too). */
export function checkClauses(program: Program, ctx: CheckContext, globals: Globals, exprs: ExprChecker): void {
  for (const d of program.decls) {
    if (d.kind === "Clause") new ClauseChecker(ctx, globals, exprs, d).run();
  }
}

interface Block {
  readonly scope: Scope;
  /** Statements directly in the clause body (not in a when/on/at signing). */
  readonly top: boolean;
  readonly insideOn: boolean;
}

/** A `from`/`until` with its date written out (not a template parameter's name). */
type DatedWindow = WindowStmt & { readonly date: DateLit };

const WINDOW_TEXT: Record<CapWindow, string> = { term: "over term", contract_year: "per contract_year", period: "per period" };

class ClauseChecker {
  private readonly usedLets = new Set<LetStmt>();
  private readonly declaredLets: LetStmt[] = [];
  private readonly declaredBalances: BalanceStmt[] = [];
  private readonly readBalances = new Set<BalanceStmt>();
  private readonly caps = new Map<CapWindow, CapStmt>();
  private from: DatedWindow | null = null;
  private readonly balanceReads: BalanceReads;
  private until: DatedWindow | null = null;

  constructor(
    private readonly ctx: CheckContext,
    private readonly globals: Globals,
    private readonly exprs: ExprChecker,
    private readonly clause: ClauseDecl,
  ) {
    this.balanceReads = new BalanceReads(ctx.bindings);
  }

  run(): void {
    const scope = new Scope(this.globals.scope, "clause");
    this.block(this.clause.body, { scope, top: true, insideOn: false });
    this.checkWindow();
    if (isRecovered(this.clause)) return; // a dropped statement may have used the lets
    for (const l of this.declaredLets) {
      if (!this.usedLets.has(l)) this.ctx.warning(CHECK.unusedLet, l.name.range, `let ${l.name.text} is never used`);
    }
    for (const v of this.declaredBalances) {
      if (!this.readBalances.has(v)) {
        this.ctx.warning(CHECK.unusedBalance, v.name.range, `balance ${v.name.text} is never read, so it changes no payment`);
      }
    }
  }

  private env(scope: Scope, allow?: ExprEnv["allow"]): ExprEnv {
    const explainUnknown = (ref: NameRef) => this.explainUnknown(ref);
    // Every resolved name passes here: note the balances read, then apply the place's own rule.
    const noting: ExprEnv["allow"] = (ref, entry) => {
      if (entry.binding.kind === "balance") this.readBalances.add(entry.binding.decl);
      return allow === undefined || allow(ref, entry);
    };
    return { scope, usedLets: this.usedLets, explainUnknown, allow: noting };
  }

  private block(stmts: readonly Stmt[], b: Block): void {
    for (const s of stmts) this.stmt(s, b);
  }

  private stmt(s: Stmt, b: Block): void {
    switch (s.kind) {
      case "Let":
        return this.letStmt(s, b);
      case "Pays":
        return this.pays(s, b);
      case "Grants":
        return this.grants(s, b);
      case "When":
        return this.when(s, b);
      case "On":
        return this.on(s, b);
      case "AtSigning":
        return this.block(s.body, { scope: new Scope(b.scope, "block"), top: false, insideOn: b.insideOn });
      case "Cap":
        return this.cap(s, b);
      case "Window":
        return this.window(s, b);
      case "Balance":
        return this.balance(s, b);
      case "Adjust":
        return this.adjust(s, b);
    }
  }

  private letStmt(s: LetStmt, b: Block): void {
    const t = this.exprs.check(s.value, this.env(b.scope));
    const text = s.name.text;
    if (!this.nameIsFree(s.name, b, "let")) return;
    b.scope.declare(text, { name: s.name, binding: { kind: "let", decl: s }, level: b.top ? "clause" : "block", type: t, what: `the let ${text}` });
    this.declaredLets.push(s);
  }

  /**
   * Whether a let or balance may take `name` in block `b`: not empty, not a
   * period fact, not declared in this block, hiding nothing (each reported).
   */
  private nameIsFree(name: Name, b: Block, word: "let" | "balance"): boolean {
    const text = name.text;
    if (text === "") return false;
    if (reportPeriodFactName(this.ctx, name, word)) return false;
    const same = b.scope.own(text);
    if (same?.name) {
      reportDuplicate(this.ctx, name, same.name, same.binding.kind === "balance" ? "a balance of this clause" : "a let in this block");
      return false;
    }
    const outer = b.scope.lookup(text);
    if (outer) {
      this.ctx.error(
        CHECK.shadowsName,
        name.range,
        `${word} ${text} would hide ${outer.what}; choose another name`,
        outer.name ? [{ range: outer.name.range, message: `${text} is declared here` }] : undefined,
      );
      return false;
    }
    return true;
  }

  /** A name a let of this clause declares where the use cannot see it. */
  private explainUnknown(ref: NameRef): boolean {
    const decl = findLet(this.clause.body, ref.name.text);
    if (decl === null) return false;
    // misplaced, not unused: one error is enough
    if (decl.kind === "Let") this.usedLets.add(decl);
    else this.readBalances.add(decl);
    const word = decl.kind === "Let" ? "let" : "balance";
    const at = ref.range.start;
    const why = at >= decl.range.start && at < decl.range.end
      ? `${ref.name.text} is used in its own ${word}: a ${word} is visible only after its declaration`
      : at < decl.range.start
        ? `${ref.name.text} is used before its ${word}: a ${word} is visible only after its declaration`
        : `${ref.name.text} is declared by a ${word} inside another block and is not visible here: a ${word} is visible only in its block`;
    this.ctx.error(
      CHECK.letNotVisible,
      ref.name.range,
      why,
      [{ range: decl.name.range, message: `${word} ${ref.name.text} is declared here` }],
    );
    return true;
  }

  /**
   * `balance NAME = EXPR`: at clause top level, a constant number, a name
   * that hides nothing (the rules of a let).
   */
  private balance(s: BalanceStmt, b: Block): void {
    if (!b.top) {
      this.ctx.error(
        CHECK.clauseLevelOnly,
        s.range,
        "a balance belongs to the whole clause and carries over between periods: declare it at the top level of the clause, not inside when, on or at signing",
      );
    }
    const constant: ExprEnv["allow"] = (ref, entry) => {
      if (entry.binding.kind === "const") return true;
      this.ctx.error(
        CHECK.notConstant,
        ref.name.range,
        `the initial value of a balance may only use numbers, consts and built-ins, but ${ref.name.text} is ${bindingNoun(entry.binding)}`,
      );
      return false;
    };
    const t = this.exprs.check(s.initial, this.env(b.scope, constant));
    if (t.kind !== "error" && t.kind !== "number") {
      this.ctx.error(CHECK.balanceNotNumber, s.initial.range, `a balance holds a number (such as an amount of money), but this initial value is ${describeType(t)}`);
    }
    const text = s.name.text;
    if (!this.nameIsFree(s.name, b, "balance")) return;
    const type = t.kind === "number" ? t : { kind: "error" as const };
    b.scope.declare(text, { name: s.name, binding: { kind: "balance", decl: s }, level: b.top ? "clause" : "block", type, what: `the balance ${text}` });
    if (b.top) this.declaredBalances.push(s);
  }

  /** `add AMOUNT to NAME` / `subtract AMOUNT from NAME`: NAME a balance declared before, AMOUNT in its unit. */
  private adjust(s: AdjustStmt, b: Block): void {
    const t = this.exprs.check(s.amount, this.env(b.scope));
    const text = s.balance.text;
    if (text === "") return;
    const entry = b.scope.lookup(text);
    if (entry?.binding.kind !== "balance") {
      this.unknownBalance(s, entry);
      return;
    }
    const target = entry.type;
    if (t.kind === "error" || target.kind !== "number") return;
    const verb = s.op === "add" ? "add" : "subtract";
    const into = s.op === "add" ? "to" : "from";
    if (t.kind !== "number") {
      this.ctx.error(CHECK.balanceUnitMismatch, s.amount.range, `cannot ${verb} ${describeType(t)} ${into} balance ${text}, which is ${describeType(target)}`);
    } else if (!t.unit.equals(target.unit)) {
      this.ctx.error(
        CHECK.balanceUnitMismatch,
        s.amount.range,
        `cannot ${verb} ${unitWord(t)} ${into} balance ${text} in ${unitWord(target)}: the amount must have the balance's unit`,
        entry.name ? [{ range: entry.name.range, message: `balance ${text} is declared here, in ${unitWord(target)}` }] : undefined,
      );
    }
  }

  private unknownBalance(s: AdjustStmt, entry: ScopeEntry | undefined): void {
    const text = s.balance.text;
    const verb = s.op === "add" ? "add to" : "subtract from";
    const later = findLet(this.clause.body, text);
    let message: string;
    const related: { range: Name["range"]; message: string }[] = [];
    if (entry !== undefined) {
      message = `${text} is ${entry.what}, not a balance: add and subtract change only balances of this clause`;
      if (entry.name) related.push({ range: entry.name.range, message: `${text} is declared here` });
    } else if (later?.kind === "Balance") {
      message = `cannot ${verb} ${text} here: balance ${text} is declared later, and a balance is visible only after its declaration`;
      related.push({ range: later.name.range, message: `balance ${text} is declared here` });
    } else {
      const names = this.declaredBalances.map((v) => v.name.text);
      const hint = didYouMean(text, names);
      message = `unknown balance ${text}${hint || (names.length > 0 ? `; the balances of this clause are ${names.join(", ")}` : "; declare it at the top of the clause with balance NAME = VALUE")}`;
    }
    this.ctx.error(CHECK.unknownBalance, s.balance.range, message, related.length > 0 ? related : undefined);
  }

  private party(n: Name): boolean {
    if (n.text === "") return false;
    if (this.globals.parties.has(n.text)) return true;
    if (this.globals.parties.size === 0) return false; // no parties declared: reported once in the header
    reportUnknownParty(this.ctx, n, this.globals);
    return false;
  }

  private pays(s: PaysStmt, b: Block): void {
    const payer = this.party(s.payer);
    const payee = this.party(s.payee);
    if (payer && payee && s.payer.text === s.payee.text) {
      this.ctx.error(CHECK.partyPaysItself, s.payee.range, `${s.payer.text} cannot pay itself: payer and payee must be different parties`);
    }
    const t = this.exprs.check(s.amount, this.env(b.scope));
    const bad = notMoney(t, this.ctx.currency);
    if (bad !== null) {
      this.ctx.error(CHECK.paymentNotInCurrency, s.amount.range, `a payment must be in the deal currency ${this.ctx.currency}, but this amount is ${bad}`);
    }
  }

  private grants(s: GrantsStmt, b: Block): void {
    const grantor = this.party(s.grantor);
    const grantee = this.party(s.grantee);
    if (grantor && grantee && s.grantor.text === s.grantee.text) {
      this.ctx.error(CHECK.partyPaysItself, s.grantee.range, `${s.grantor.text} cannot grant to itself: grantor and grantee must be different parties`);
    }
    const q = this.exprs.check(s.quantity, this.env(b.scope));
    if (q.kind !== "error" && !(q.kind === "number" && q.unit.isNone)) {
      this.ctx.error(
        CHECK.grantQuantityNotPlain,
        s.quantity.range,
        `a grant quantity must be a plain number (how many ${s.instrument.text || "instruments"}), but this is ${describeType(q)}`,
      );
    }
    const p = this.exprs.check(s.price, this.env(b.scope));
    const bad = notMoney(p, this.ctx.currency);
    if (bad !== null) {
      this.ctx.error(CHECK.grantPriceNotInCurrency, s.price.range, `a grant price must be in the deal currency ${this.ctx.currency}, but this price is ${bad}`);
    }
  }

  private when(s: WhenStmt, b: Block): void {
    const n = s.consecutive;
    let allow: ExprEnv["allow"];
    if (n?.kind === "Name") {
      this.ctx.error(CHECK.templateParamOutsideTemplate, n.range, `for N consecutive periods needs a whole number such as 3, not the name ${n.text} (a name is allowed here only for a parameter inside a template)`);
    } else if (n !== null) {
      const count = wholeCount(n.digits, n.scale === null && !n.percent && n.unit === null);
      if (count === null) {
        this.ctx.error(CHECK.invalidConsecutiveCount, n.range, `for N consecutive periods needs a whole number N from 1 up, not ${n.digits}`);
      }
      if (b.insideOn) {
        this.ctx.error(
          CHECK.consecutiveInsideOn,
          n.range,
          "for N consecutive periods cannot be used inside on: its condition is observed in every period, but event arguments exist only when the event occurs",
        );
      } else {
        allow = (ref, entry) => this.clauseLevelOnly(ref, entry);
      }
    }
    const t = this.exprs.check(s.cond, this.env(b.scope, allow));
    if (t.kind !== "error" && t.kind !== "bool") {
      this.ctx.error(CHECK.conditionNotBoolean, s.cond.range, `a when condition must be true/false, but this is ${describeType(t)}`);
    }
    this.block(s.body, { scope: new Scope(b.scope, "block"), top: false, insideOn: b.insideOn });
  }

  /** `for N consecutive periods` observes its condition every period: only clause-level names exist then. */
  private clauseLevelOnly(ref: NameRef, entry: ScopeEntry): boolean {
    const read = entry.binding.kind === "balance"
      ? entry.binding.decl
      : entry.binding.kind === "let" ? this.balanceReads.ofLet(entry.binding.decl) : null;
    if (read !== null) {
      const via = entry.binding.kind === "let" ? `the let ${ref.name.text} reads the balance ${read.name.text}` : `${ref.name.text} is a balance`;
      this.ctx.error(
        CHECK.consecutiveUsesBalance,
        ref.name.range,
        `${via}, but the condition of for N consecutive periods is observed before the clause's statements run, in every period: it may not read balances`,
      );
      return false;
    }
    if (entry.level !== "block" && entry.level !== "event") return true;
    this.ctx.error(
      CHECK.consecutiveUsesLocalName,
      ref.name.range,
      `${ref.name.text} is ${entry.level === "event" ? bindingNoun(entry.binding) : "a let inside a block"}, but the condition of for N consecutive periods is observed in every period, so it may only use clause-level lets, inputs, consts, schedules and period facts`,
    );
    return false;
  }

  private on(s: OnStmt, b: Block): void {
    const event = this.globals.events.get(s.event.text);
    if (event === undefined) {
      if (s.event.text !== "") {
        const names = [...this.globals.events.keys()];
        const hint = didYouMean(s.event.text, names);
        this.ctx.error(
          CHECK.unknownEvent,
          s.event.range,
          `unknown event ${s.event.text}${hint || (names.length > 0 ? `; the events are ${names.join(", ")}` : "; declare it with event NAME(ARG: UNIT, …)")}`,
        );
      }
      const lenient = new Scope(b.scope, "event", true);
      this.block(s.body, { scope: new Scope(lenient, "block"), top: false, insideOn: true });
      return;
    }
    const args = new Scope(b.scope, "event");
    event.params.forEach((p, index) => {
      const text = p.name.text;
      if (text === "" || args.own(text)) return;
      const outer = b.scope.lookup(text);
      if (outer) {
        // A clash with a global is reported once, at the event's declaration.
        if (outer.level !== "global") {
          this.ctx.error(
            CHECK.shadowsName,
            s.event.range,
            `on ${event.name.text} brings its argument ${text} into scope, which would hide ${outer.what}; rename one of them`,
            outer.name ? [{ range: outer.name.range, message: `${text} is declared here` }] : undefined,
          );
        }
        return;
      }
      const type: Type = this.globals.paramTypes.get(p) ?? { kind: "error" };
      args.declare(text, { name: p.name, binding: { kind: "eventArg", event, index }, level: "event", type, what: `the argument ${text} of ${event.name.text}` });
    });
    this.block(s.body, { scope: new Scope(args, "block"), top: false, insideOn: true });
  }

  private cap(s: CapStmt, b: Block): void {
    if (!b.top) {
      this.ctx.error(CHECK.clauseLevelOnly, s.range, "a cap bounds the whole clause: write it at the top level of the clause, not inside when, on or at signing");
    } else {
      const first = this.caps.get(s.window);
      if (first) {
        this.ctx.error(CHECK.duplicateCapWindow, s.range, `this clause already has a cap ${WINDOW_TEXT[s.window]}; keep one cap per window`, [
          { range: first.range, message: `the first cap ${WINDOW_TEXT[s.window]}` },
        ]);
      } else this.caps.set(s.window, s);
    }
    // Caps are evaluated every period from inputs, consts, schedules and period facts.
    const allow: ExprEnv["allow"] = (ref, entry) => {
      if (entry.binding.kind === "balance") {
        this.ctx.error(
          CHECK.capUsesBalance,
          ref.name.range,
          `a cap amount may not use the balance ${ref.name.text}: caps are evaluated every period from inputs, consts, schedules and period facts`,
        );
        return false;
      }
      if (entry.binding.kind !== "let" && entry.binding.kind !== "eventArg") return true;
      this.ctx.error(
        CHECK.capUsesLet,
        ref.name.range,
        `a cap amount may not use ${entry.what}: caps are evaluated every period from inputs, consts, schedules and period facts`,
      );
      return false;
    };
    const t = this.exprs.check(s.amount, this.env(b.scope, allow));
    const bad = notMoney(t, this.ctx.currency);
    if (bad !== null) {
      this.ctx.error(CHECK.capNotInCurrency, s.amount.range, `a cap must be in the deal currency ${this.ctx.currency}, but this amount is ${bad}`);
    }
  }

  private window(s: WindowStmt, b: Block): void {
    if (s.date.kind === "Name") {
      this.ctx.error(CHECK.templateParamOutsideTemplate, s.date.range, `${s.bound} needs a date such as 2028-12-31, not the name ${s.date.text} (a name is allowed here only for a parameter inside a template)`);
      return;
    }
    this.ctx.date(s.date);
    if (!b.top) {
      this.ctx.error(CHECK.clauseLevelOnly, s.range, `${s.bound} sets when the whole clause applies: write it at the top level of the clause, not inside when, on or at signing`);
      return;
    }
    const first = s.bound === "from" ? this.from : this.until;
    if (first) {
      this.ctx.error(CHECK.duplicateWindowBound, s.range, `this clause already has ${s.bound === "until" ? "an" : "a"} ${s.bound} date; a clause has at most one`, [
        { range: first.range, message: `the first ${s.bound}` },
      ]);
      return;
    }
    const dated = s as DatedWindow; // a Name was refused above
    if (s.bound === "from") this.from = dated;
    else this.until = dated;
  }

  private checkWindow(): void {
    const from = this.from ? this.ctx.dateText(this.from.date) : null;
    const until = this.until ? this.ctx.dateText(this.until.date) : null;
    if (from !== null && until !== null && from > until) {
      this.ctx.error(CHECK.windowFromAfterUntil, this.from!.date.range, `the clause starts (from ${from}) after it ends (until ${until}), so it never applies`);
      return;
    }
    const cal = this.ctx.calendar;
    if (cal === null) return;
    const start = cal.startIso;
    const end = cal.endIso;
    if (from !== null && from < start) {
      this.ctx.warning(CHECK.windowOutsideTerm, this.from!.date.range, `from ${from} is before the term starts (${start}); the clause applies from the term's start anyway`);
    } else if (from !== null && from > end) {
      this.ctx.warning(CHECK.windowOutsideTerm, this.from!.date.range, `from ${from} is after the term ends (${end}), so the clause never applies`);
    }
    if (until !== null && until > end) {
      this.ctx.warning(CHECK.windowOutsideTerm, this.until!.date.range, `until ${until} is after the term ends (${end}); the clause applies to the term's end anyway`);
    } else if (until !== null && until < start) {
      this.ctx.warning(CHECK.windowOutsideTerm, this.until!.date.range, `until ${until} is before the term starts (${start}), so the clause never applies`);
    }
  }
}

/** A whole number ≥ 1 from a literal's digits, or null. */
function wholeCount(digits: string, plain: boolean): number | null {
  if (!plain) return null;
  const v = Decimal.parse(digits)?.toSafeInt() ?? null;
  return v !== null && v >= 1 ? v : null;
}

/** The first let or balance named `text` anywhere in a clause body (iterative: blocks may nest deeply). */
function findLet(body: readonly Stmt[], text: string): LetStmt | BalanceStmt | null {
  const stack: Stmt[] = [...body].reverse();
  while (stack.length > 0) {
    const s = stack.pop()!;
    if ((s.kind === "Let" || s.kind === "Balance") && s.name.text === text) return s;
    if (s.kind === "When" || s.kind === "On" || s.kind === "AtSigning") {
      for (let i = s.body.length - 1; i >= 0; i--) stack.push(s.body[i]!);
    }
  }
  return null;
}
