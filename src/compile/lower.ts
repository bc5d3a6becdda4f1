/**
 * Lowering: a CheckedProgram becomes the IR of src/ir/ir.ts. This is
 * the only compile module that reads checker output; what it resolves here
 * (names to slots, literals to exact decimals, types, display units,
 * printed expressions, which lets each `on` block owns, which consts are
 * the same in every period) the runtime never has to work out again.
 *
 * It accepts only programs the checker passed without errors; anything it
 * cannot express becomes an `Invalid` node, an internal error if ever run.
 */
import type { Binding, CheckedProgram, CheckedTiers, DealHeader, Type } from "../check/checked-program.ts";
import type {
  BalanceStmt, Binary, CapStmt, IfExpr, Unary, ClauseDecl, ConstDecl, Expr, LetStmt, NameRef, NumberLit, ScheduleDecl,
  ScheduleEntry, Stmt, TestDecl, Call, TiersDecl,
} from "../syntax/ast.ts";
import { BalanceReads } from "../check/balances.ts";
import { literalValue } from "../check/const-eval.ts";
import type { Range } from "../diagnostics/range.ts";
import { printExpr } from "../syntax/print-expr.ts";
import { builtinNamed } from "../builtins/registry.ts";
import { kindOf } from "../ir/exhaustive.ts";
import { currencyDecimals } from "../types/currencies.ts";
import type {
  IrBalance, IrBound, IrCap, IrInputRange, IrClause, IrConst, IrExpr, IrLet, IrRange, IrSchedule, IrScheduleEntry, IrStmt, IrStreak,
  IrTest, IrTestValue, IrTierRow, IrTiers, TermsHeader, TermsIr, ValueType,
} from "../ir/ir.ts";

const DURATION_UNITS: readonly string[] = ["days", "months", "years"];

export type { CheckedProgram };

const range = (r: Range): IrRange => [r.start, r.end];

/** The IR of a checked program (one without errors). */
export function lowerProgram(checked: CheckedProgram): TermsIr {
  return new Lowering(checked).program();
}

/** The header as plain data, in the IR's key order. */
function lowerHeader(h: DealHeader): TermsHeader {
  return {
    title: h.title,
    parties: h.parties.map((p) => ({ name: p.name, legalName: p.legalName })),
    term: {
      start: h.term.start,
      end: h.term.end,
      frequency: h.term.frequency,
      ...(h.term.generation === undefined ? {} : { generation: h.term.generation }),
      ...(h.term.endOfMonth === undefined ? {} : { endOfMonth: h.term.endOfMonth }),
    },
    // Present only under `paid`: a sheet without one lowers to the IR it always had.
    ...(h.payment === undefined ? {} : { payment: { ...h.payment } }),
    ...(h.calendars === undefined ? {} : { calendars: h.calendars.map((c) => ({ name: c.name, from: c.from, to: c.to, holidays: [...c.holidays] })) }),
    currency: { code: h.currency.code, decimals: h.currency.decimals, rounding: h.currency.rounding },
    settleNet: h.settleNet,
    units: [...h.units],
    inputs: h.inputs.map((i) => ({ name: i.name, unit: i.unit })),
    events: h.events.map((e) => ({
      name: e.name,
      params: e.params.map((p) => ({ name: p.name, unit: p.unit })),
      ...(e.limit === undefined ? {} : { limit: { count: e.limit.count, per: e.limit.per } }),
    })),
  };
}

/** Per clause: the slot of each let, and which lets each `on` block owns. */
interface ClauseScope {
  readonly letSlots: Map<LetStmt, number>;
  /** Balance slots, by declaration and by name (`add`/`subtract` name theirs). */
  readonly balanceSlots: Map<BalanceStmt, number>;
  readonly balanceNames: Map<string, number>;
}

class Lowering {
  private readonly inputSlots = new Map<string, number>();
  private readonly eventSlots = new Map<string, number>();
  private readonly constSlots = new Map<ConstDecl, number>();
  private readonly scheduleSlots = new Map<ScheduleDecl, number>();
  private readonly staticConst = new Map<ConstDecl, boolean>();
  private readonly tierSlots = new Map<TiersDecl, number>();
  /** The clause being lowered: its let slots. Null outside clauses (consts, schedules, tests). */
  private scope: ClauseScope | null = null;
  private readonly balanceReads: BalanceReads;

  constructor(private readonly checked: CheckedProgram) {
    checked.header.inputs.forEach((i, slot) => this.inputSlots.set(i.name, slot));
    checked.header.events.forEach((e, slot) => this.eventSlots.set(e.name, slot));
    checked.consts.forEach((c, slot) => this.constSlots.set(c, slot));
    checked.schedules.forEach((s, slot) => this.scheduleSlots.set(s, slot));
    checked.tiers.forEach((t, slot) => this.tierSlots.set(t.decl, slot));
    this.balanceReads = new BalanceReads(checked.bindings);
  }

  program(): TermsIr {
    const c = this.checked;
    const ranges = this.ranges();
    return {
      header: lowerHeader(c.header),
      consts: c.consts.map((d): IrConst => ({ name: d.name.text, value: this.expr(d.value), static: this.isStatic(d.value), range: range(d.range) })),
      schedules: c.schedules.map((s) => this.schedule(s)),
      ...(c.tiers.length > 0 ? { tiers: c.tiers.map(lowerTiers) } : {}),
      clauses: c.clauses.map((d) => this.clause(d)),
      tests: c.tests.map((t) => this.test(t)),
      // Present only when an input declares a range: a sheet without one lowers to the IR it always had.
      ...(ranges.length > 0 ? { ranges } : {}),
    };
  }

  /** Declared input ranges, in input order. */
  private ranges(): IrInputRange[] {
    const out: IrInputRange[] = [];
    this.checked.inputs.forEach((d, slot) => {
      const b = d.bounds;
      if (b === undefined) return;
      const bound = (e: Expr | null): IrBound | null => (e === null ? null : { value: this.expr(e), text: printExpr(e) });
      out.push({ input: slot, low: bound(b.low), high: bound(b.high), range: range(b.range) });
    });
    return out;
  }

  // ---------------------------------------------------------------- declarations

  private schedule(s: ScheduleDecl): IrSchedule {
    return { name: s.name.text, basis: s.basis, entries: s.entries.map((e) => this.scheduleEntry(e)), range: range(s.range) };
  }

  private scheduleEntry(e: ScheduleEntry): IrScheduleEntry {
    const k = e.key;
    const value = this.expr(e.value);
    const common = { value, static: this.isStatic(e.value), range: range(e.range) };
    if (k.kind === "DateKey") {
      return { from: k.from.text, to: k.onward ? null : (k.to ?? k.from).text, ...common };
    }
    // Keys are whole-number literals (checked); anything else gets an empty range that matches nothing.
    const lo = wholeNumber(k.from.digits);
    const hi = k.onward ? null : k.to ? wholeNumber(k.to.digits) : lo;
    if (lo === null || (hi === null && !k.onward)) return { from: 1, to: 0, ...common };
    return { from: lo, to: hi, ...common };
  }

  private clause(d: ClauseDecl): IrClause {
    const letSlots = new Map<LetStmt, number>();
    const lets: LetStmt[] = [];
    const collectLets = (body: readonly Stmt[]): void => {
      for (const s of body) {
        if (s.kind === "Let") {
          letSlots.set(s, lets.length);
          lets.push(s);
        } else if (s.kind === "When" || s.kind === "On" || s.kind === "AtSigning") {
          collectLets(s.body);
        }
      }
    };
    collectLets(d.body);
    // Balances are declared at clause top level (checked).
    const balances = d.body.filter((s): s is BalanceStmt => s.kind === "Balance");
    const balanceSlots = new Map<BalanceStmt, number>(balances.map((b, slot) => [b, slot]));
    const balanceNames = new Map<string, number>(balances.map((b, slot) => [b.name.text, slot]));
    this.scope = { letSlots, balanceSlots, balanceNames };

    const caps: IrCap[] = [];
    const streaks: IrStreak[] = [];
    const windows = { from: null as string | null, until: null as string | null };
    const streakOf = new Map<Stmt, number>();
    // Caps, windows and consecutive conditions bound the whole clause wherever written.
    const hoist = (body: readonly Stmt[], insideOn: boolean): void => {
      for (const s of body) {
        switch (s.kind) {
          case "Cap": caps.push(this.cap(s)); break;
          case "Window":
            if (s.bound === "from") windows.from ??= s.date.text;
            else windows.until ??= s.date.text;
            break;
          case "When":
            // The checker forbids consecutive conditions inside `on`; such a one is never observed.
            if (s.consecutive && !insideOn) {
              streakOf.set(s, streaks.length);
              streaks.push({ cond: this.expr(s.cond), periods: Number(s.consecutive.kind === "NumberLit" ? s.consecutive.digits : NaN), range: range(s.range) });
            }
            hoist(s.body, insideOn);
            break;
          case "On": hoist(s.body, true); break;
          case "AtSigning": hoist(s.body, insideOn); break;
          case "Let":
          case "Pays":
          case "Grants":
          case "Balance":
          case "Adjust":
            break;
          default:
            throw new Error(`internal: unknown statement kind ${kindOf(s)}`);
        }
      }
    };
    hoist(d.body, false);

    const irLets: IrLet[] = lets.map((l) => ({ name: l.name.text, value: this.expr(l.value), range: range(l.range) }));
    const irBalances: IrBalance[] = balances.map((b) => ({ name: b.name.text, initial: this.expr(b.initial), range: range(b.range) }));
    const body = this.block(d.body, streakOf);
    this.scope = null;
    return {
      name: d.name.text,
      title: d.title?.value ?? d.name.text,
      from: windows.from,
      until: windows.until,
      lets: irLets,
      balances: irBalances,
      caps,
      streaks,
      body,
      range: range(d.range),
    };
  }

  private cap(s: CapStmt): IrCap {
    return { window: s.window, amount: this.expr(s.amount), range: range(s.range) };
  }

  private block(body: readonly Stmt[], streakOf: ReadonlyMap<Stmt, number>): IrStmt[] {
    const out: IrStmt[] = [];
    for (const s of body) {
      switch (s.kind) {
        case "Pays":
          out.push({ kind: "Pays", payer: s.payer.text, payee: s.payee.text, amount: this.expr(s.amount), text: printExpr(s.amount), range: range(s.range) });
          break;
        case "Grants":
          out.push({
            kind: "Grants",
            grantor: s.grantor.text,
            grantee: s.grantee.text,
            quantity: this.expr(s.quantity),
            quantityText: printExpr(s.quantity),
            instrument: s.instrument.text,
            price: this.expr(s.price),
            priceText: printExpr(s.price),
            range: range(s.range),
          });
          break;
        case "When":
          out.push({
            kind: "When",
            cond: this.expr(s.cond),
            streak: s.consecutive === null ? null : streakOf.get(s) ?? -1,
            body: this.block(s.body, streakOf),
            range: range(s.range),
          });
          break;
        case "On": {
          const lets = s.body.filter((x): x is LetStmt => x.kind === "Let").map((l) => this.scope!.letSlots.get(l)!);
          // Lets inside `when`/`at signing` blocks of this `on` belong to it too.
          const nested = (b: readonly Stmt[]): void => {
            for (const x of b) {
              if (x.kind === "When" || x.kind === "AtSigning") {
                for (const y of x.body) if (y.kind === "Let") lets.push(this.scope!.letSlots.get(y)!);
                nested(x.body);
              }
            }
          };
          nested(s.body);
          const slot = this.eventSlots.get(s.event.text);
          out.push({ kind: "On", event: slot ?? -1, lets: lets.sort((a, b) => a - b), body: this.block(s.body, streakOf), range: range(s.range) });
          break;
        }
        case "AtSigning":
          out.push({ kind: "AtSigning", body: this.block(s.body, streakOf), range: range(s.range) });
          break;
        case "Adjust": {
          const slot = this.scope!.balanceNames.get(s.balance.text) ?? -1;
          out.push({ kind: "Adjust", op: s.op, balance: slot, amount: this.expr(s.amount), text: printExpr(s.amount), range: range(s.range) });
          break;
        }
        // A let that reads a balance is computed where it is written; the others on use.
        case "Let":
          if (this.balanceReads.ofLet(s) !== null) out.push({ kind: "Let", slot: this.scope!.letSlots.get(s)!, range: range(s.range) });
          break;
        // Caps, windows and balances were hoisted to the clause.
        case "Cap":
        case "Window":
        case "Balance":
          break;
        default:
          throw new Error(`internal: unknown statement kind ${kindOf(s)}`);
      }
    }
    return out;
  }

  private test(t: TestDecl): IrTest {
    const value = (v: { name: { text: string; range: Range }; value: Expr }): IrTestValue =>
      ({ name: v.name.text, nameRange: range(v.name.range), value: this.expr(v.value) });
    return {
      title: t.title.value,
      periods: t.periods.map((p) => ({ date: p.date.text, dateRange: range(p.date.range), values: p.values.map(value), range: range(p.range) })),
      events: t.events.map((e) => ({
        date: e.date.text,
        dateRange: range(e.date.range),
        event: e.event.text,
        eventRange: range(e.event.range),
        args: e.args.map(value),
        range: range(e.range),
      })),
      expects: t.expects.map((e) => ({
        payer: e.payer.text,
        payee: e.payee.text,
        amount: this.expr(e.amount),
        clause: e.clause?.text ?? null,
        period: e.period?.text ?? null,
        periodRange: e.period ? range(e.period.range) : null,
        range: range(e.range),
      })),
      range: range(t.range),
    };
  }

  // ---------------------------------------------------------------- expressions

  private typeOf(e: Expr): ValueType | null {
    const t = this.checked.types.get(e);
    return t === undefined || t.kind === "error" ? null : t.kind;
  }

  private invalid(e: Expr, reason: string): IrExpr {
    return { kind: "Invalid", type: "number", reason, range: range(e.range) };
  }

  private expr(e: Expr): IrExpr {
    switch (e.kind) {
      case "NumberLit": return this.literal(e);
      case "DateExpr": return { kind: "Date", type: "date", value: e.date.text, range: range(e.range) };
      case "NameRef": return this.nameRef(e);
      case "ErrorExpr": return this.invalid(e, "an ErrorExpr reached the interpreter");
      case "Unary":
      case "Binary":
      case "Call":
      case "IfExpr":
        return this.operation(e);
      default:
        return this.invalid(e, `unknown expression kind ${kindOf(e)}`);
    }
  }

  /** An operator, a call or an `if`: typed by the checker, which the node carries. */
  private operation(e: Unary | Binary | Call | IfExpr): IrExpr {
    const type = this.typeOf(e);
    if (type === null) return this.invalid(e, `no type for ${printExpr(e)}`);
    const r = range(e.range);
    switch (e.kind) {
      case "Unary": return { kind: "Unary", type, op: e.op, operand: this.expr(e.operand), range: r };
      case "Binary": {
        const left = this.expr(e.left);
        const right = this.expr(e.right);
        const quoted = this.quotesText(e, left.type, right.type);
        return quoted
          ? { kind: "Binary", type, op: e.op, left, right, text: printExpr(e), range: r }
          : { kind: "Binary", type, op: e.op, left, right, range: r };
      }
      case "Call": {
        const fn = builtinNamed(e.callee.text);
        if (fn === undefined) return this.invalid(e, `unknown built-in ${e.callee.text}`);
        if (fn.takesTable) return this.tableCall(e, type, r);
        const base = { kind: "Call" as const, type, fn: fn.name, args: e.args.map((a) => this.expr(a)), text: printExpr(e), range: r };
        if (!fn.roundsToCurrency) return base;
        const t = this.checked.types.get(e);
        return { ...base, decimals: currencyDecimals(t?.kind === "number" ? t.unit.toString() : "") };
      }
      case "IfExpr":
        return { kind: "If", type, cond: this.expr(e.cond), then: this.expr(e.then), else: this.expr(e.else), range: r };
      default:
        return this.invalid(e, `unknown expression kind ${kindOf(e)}`);
    }
  }

  /** Whether a run-time error can quote this operation: a division, or a date shifted by a duration. */
  private quotesText(e: Binary, l: ValueType, r: ValueType): boolean {
    if (e.op === "/") return true;
    return (e.op === "+" || e.op === "-") && ((l === "date" && r === "duration") || (l === "duration" && r === "date"));
  }

  private literal(lit: NumberLit): IrExpr {
    // The value the checker proved things about: the same scaling, exactly.
    const d = literalValue(lit);
    if (d === null) return this.invalid(lit, `bad number literal ${lit.digits}`);
    const unit = lit.unit;
    const per = unit !== null && unit.denominator.length === 0 && unit.numerator.length === 1 ? unit.numerator[0]!.text : null;
    if (this.typeOf(lit) === "duration" && per !== null && DURATION_UNITS.includes(per)) {
      return { kind: "Duration", type: "duration", amount: d.toString(), per: per as "days", range: range(lit.range) };
    }
    return { kind: "Number", type: "number", value: d.toString(), range: range(lit.range) };
  }

  private nameRef(ref: NameRef): IrExpr {
    const b: Binding | undefined = this.checked.bindings.get(ref);
    if (b === undefined) return this.invalid(ref, `unresolved name ${ref.name.text}`);
    const t = this.checked.types.get(ref);
    const type: ValueType = t === undefined || t.kind === "error" ? "number" : t.kind;
    const unit = displayUnit(t);
    const base = unit === undefined
      ? { type, name: ref.name.text, range: range(ref.range) }
      : { type, name: ref.name.text, unit, range: range(ref.range) };
    switch (b.kind) {
      case "input": {
        const slot = this.inputSlots.get(b.decl.name.text);
        return slot === undefined ? this.invalid(ref, `unknown input ${ref.name.text}`) : { kind: "Input", slot, ...base };
      }
      case "const": {
        const slot = this.constSlots.get(b.decl);
        return slot === undefined ? this.invalid(ref, `unknown const ${ref.name.text}`) : { kind: "Const", slot, ...base };
      }
      case "schedule": {
        const slot = this.scheduleSlots.get(b.decl);
        return slot === undefined ? this.invalid(ref, `unknown schedule ${ref.name.text}`) : { kind: "Schedule", slot, ...base };
      }
      case "let": {
        const slot = this.scope?.letSlots.get(b.decl);
        return slot === undefined ? this.invalid(ref, `let ${ref.name.text} outside its clause`) : { kind: "Let", slot, ...base };
      }
      case "balance": {
        const slot = this.scope?.balanceSlots.get(b.decl);
        return slot === undefined ? this.invalid(ref, `balance ${ref.name.text} outside its clause`) : { kind: "Balance", slot, ...base };
      }
      case "eventArg": {
        const event = this.eventSlots.get(b.event.name.text);
        return event === undefined ? this.invalid(ref, `unknown event ${b.event.name.text}`) : { kind: "EventArg", event, arg: b.index, ...base };
      }
      case "periodFact":
        return { kind: "PeriodFact", fact: b.fact, ...base };
      case "tiers":
        return this.invalid(ref, `the tiers table ${ref.name.text} used as a value`);
      default:
        return this.invalid(ref, `unknown binding kind ${kindOf(b)}`);
    }
  }

  /** `tier(TABLE, x)` / `marginal(TABLE, base, amount)`: the table becomes its slot, the other arguments stay. */
  private tableCall(e: Call, type: ValueType, r: IrRange): IrExpr {
    const ref = e.args[0];
    const b = ref?.kind === "NameRef" ? this.checked.bindings.get(ref) : undefined;
    const table = b?.kind === "tiers" ? this.tierSlots.get(b.decl) : undefined;
    if (table === undefined) return this.invalid(e, `${e.callee.text} without a tiers table`);
    const args = e.args.slice(1).map((a) => this.expr(a));
    return { kind: "Call", type, fn: e.callee.text, args, table, text: printExpr(e), range: r };
  }

  /** True for expressions whose value is the same in every period: literals and consts built from them. */
  private isStatic(expr: Expr): boolean {
    switch (expr.kind) {
      case "NumberLit":
      case "DateExpr":
        return true;
      case "NameRef": {
        const b = this.checked.bindings.get(expr);
        if (b?.kind === "tiers") return true; // a table is constant (only ever a tier/marginal argument)
        if (b?.kind !== "const") return false;
        const known = this.staticConst.get(b.decl);
        if (known !== undefined) return known;
        this.staticConst.set(b.decl, false); // a cycle (reported by the checker) is not static
        const result = this.isStatic(b.decl.value);
        this.staticConst.set(b.decl, result);
        return result;
      }
      case "Unary": return this.isStatic(expr.operand);
      case "Binary": return this.isStatic(expr.left) && this.isStatic(expr.right);
      case "Call": return builtinNamed(expr.callee.text)?.readsPeriod(expr.args.length).length === 0 && expr.args.every((a) => this.isStatic(a));
      case "IfExpr": return this.isStatic(expr.cond) && this.isStatic(expr.then) && this.isStatic(expr.else);
      case "ErrorExpr": return false;
      default:
        kindOf(expr);
        return false;
    }
  }
}

/** A checked tiers table as IR: exact rows and display units. */
function lowerTiers(t: CheckedTiers): IrTiers {
  const rows = t.rows.map((row, i): IrTierRow => ({
    low: row.low.toExactString(),
    high: row.high === null ? null : row.high.toExactString(),
    value: row.value.toExactString(),
    range: range(t.decl.entries[i]!.range),
  }));
  const boundUnit = displayUnit(t.bound);
  const valueUnit = displayUnit(t.value);
  return {
    name: t.decl.name.text,
    rows,
    ...(boundUnit === undefined ? {} : { boundUnit }),
    ...(valueUnit === undefined ? {} : { valueUnit }),
    range: range(t.decl.range),
  };
}

function wholeNumber(digits: string): number | null {
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

/** The display unit of a value of a static type, or undefined for plain numbers, dates and booleans. */
function displayUnit(type: Type | undefined): string | undefined {
  if (type === undefined) return undefined;
  if (type.kind === "number") return type.unit.isNone ? undefined : type.unit.toString();
  if (type.kind === "duration") return type.per;
  return undefined;
}
