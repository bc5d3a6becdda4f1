/**
 * An independent reference evaluator for Tenor, used only by tests: written
 * from the product brief (§3–§7) and docs/language.md, not from the
 * interpreter. Deliberately simple: exact rationals on BigInt
 * (./rational.ts), its own calendar (./calendar.ts), a plain loop over the
 * periods, its own rounding, caps, netting and totals. It takes the AST and
 * the checker's name bindings (parsing and checking are not what it checks)
 * and returns the docs/language.md §12 ledger fields (no trace), or the code of the
 * first run-time error.
 */
import type { CheckedProgram } from "../../src/check/checked-program.ts";
import type {
  BalanceStmt, CapStmt, ClauseDecl, ConstDecl, Expr, LetStmt, NumberLit, OnStmt, ScheduleDecl, Stmt, WhenStmt,
} from "../../src/syntax/ast.ts";
import { addDays, addMonths, cmpCivil, type Civil, iso, ordinal, parseIso, type RefPeriod, termPeriods } from "./calendar.ts";
import { type Mode, Rat } from "./rational.ts";

// ---------------------------------------------------------------- results

export interface RefLine {
  readonly clause: string;
  readonly title: string;
  readonly payer: string;
  readonly payee: string;
  readonly computed: string;
  readonly amount: string;
  readonly capped: boolean;
}
export interface RefGrant {
  readonly clause: string;
  readonly grantor: string;
  readonly grantee: string;
  readonly quantity: string;
  readonly instrument: string;
  readonly price: string;
}
export interface RefPeriodOut {
  readonly index: number;
  readonly start: string;
  readonly end: string;
  readonly contract_year: number;
  readonly days: number;
  readonly lines: RefLine[];
  readonly grants: RefGrant[];
  readonly net?: { from: string; to: string; amount: string }[];
}
export interface RefLedger {
  readonly deal: string;
  readonly currency: string;
  readonly periods: RefPeriodOut[];
  readonly totals: { payer: string; payee: string; amount: string }[];
}

export type RefResult = { readonly ok: true; readonly ledger: RefLedger } | { readonly ok: false; readonly code: string; readonly message: string };

/** Period data and events as the docs/language.md §11 inputs file states them. */
export interface RefData {
  readonly periods: readonly { readonly period: string; readonly values: ReadonlyMap<string, Rat> }[];
  readonly events: readonly { readonly date: string; readonly event: string; readonly args: ReadonlyMap<string, Rat> }[];
}

/** Reads a docs/language.md §11 JSON inputs file whose values are decimal strings (or integral JSON numbers). */
export function refDataFromJson(text: string): RefData {
  const doc = JSON.parse(text) as { periods?: Record<string, unknown>[]; events?: Record<string, unknown>[] };
  const value = (v: unknown): Rat => Rat.parse(typeof v === "number" ? String(v) : (v as string).trim());
  return {
    periods: (doc.periods ?? []).map((row) => ({
      period: row["period"] as string,
      values: new Map(Object.entries(row).filter(([k]) => k !== "period").map(([k, v]) => [k, value(v)])),
    })),
    events: (doc.events ?? []).map((e) => ({
      date: e["date"] as string,
      event: e["event"] as string,
      args: new Map(Object.entries(e).filter(([k]) => k !== "date" && k !== "event").map(([k, v]) => [k, value(v)])),
    })),
  };
}

// ---------------------------------------------------------------- values

type Per = "days" | "months" | "years";
type Value =
  | { readonly k: "num"; readonly v: Rat }
  | { readonly k: "bool"; readonly v: boolean }
  | { readonly k: "date"; readonly v: Civil }
  | { readonly k: "dur"; readonly v: Rat; readonly per: Per };

class RunError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** Run-time error codes (docs/language.md §10; the catalog in src/diagnostics/codes/run.ts). */
const CODE = {
  negativePayment: "TN3001",
  divisionByZero: "TN3002",
  noScheduleEntry: "TN3003",
  negativeGrant: "TN3004",
  stepNotPositive: "TN3005",
  durationNotWhole: "TN3006",
  dateOutOfRange: "TN3016",
  interpolateDatesNotAscending: "TN3020",
  compoundExponentInvalid: "TN3035",
  tierOutOfRange: "TN3030",
  marginalNegativeAmount: "TN3031",
} as const;

/** ISO 4217 minor units (docs/language.md §5 currency). */
function currencyDecimals(code: string): number {
  const zero = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split(" ");
  const three = "BHD IQD JOD KWD LYD OMR TND".split(" ");
  return zero.includes(code) ? 0 : three.includes(code) ? 3 : 2;
}

/** docs/language.md §9: a division is exact; nothing is rounded until the language rounds it. */
function divide(a: Rat, b: Rat, what: string): Rat {
  if (b.isZero()) throw new RunError(CODE.divisionByZero, `division by zero in ${what}`);
  return a.divExact(b);
}

/** docs/language.md §7 grants: a quantity is written canonically, one that does not terminate to 20 places, half-even. */
function quantityText(q: Rat): string {
  const text = q.toString();
  return text.includes("/") ? q.round(20, "half_even").toString() : text;
}

const num = (v: Rat): Value => ({ k: "num", v });
const bool = (v: boolean): Value => ({ k: "bool", v });

function asNum(v: Value): Rat {
  if (v.k !== "num") throw new Error(`reference: expected a number, got ${v.k}`);
  return v.v;
}
function asBool(v: Value): boolean {
  if (v.k !== "bool") throw new Error(`reference: expected a boolean, got ${v.k}`);
  return v.v;
}

// ---------------------------------------------------------------- the run

interface Occurrence {
  readonly date: Civil;
  readonly event: string;
  readonly args: ReadonlyMap<string, Rat>;
}

/** A paid line, remembered for caps (per clause) and totals. */
interface Paid {
  readonly clause: ClauseDecl;
  readonly period: RefPeriod;
  readonly amount: Rat;
}

/** Settles `checked` over `data` (docs/language.md §7–§12). Never throws for run-time errors: they come back as a code. */
export function referenceRun(checked: CheckedProgram, data: RefData): RefResult {
  try {
    return { ok: true, ledger: new Run(checked, data).ledger() };
  } catch (e) {
    if (e instanceof RunError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

class Run {
  private readonly decls: CheckedProgram["program"]["decls"];
  private readonly bindings: CheckedProgram["bindings"];
  private readonly types: CheckedProgram["types"];
  private readonly currency: string;
  private readonly decimals: number;
  private readonly mode: Mode;
  private readonly settleNet: boolean;
  private readonly periods: RefPeriod[];
  private readonly clauses: ClauseDecl[];
  private readonly consts = new Map<ConstDecl, Value>();
  private readonly paid: Paid[] = [];
  /** Observations of each `when … for N consecutive periods`, one per period of the run. */
  private readonly observed = new Map<WhenStmt, boolean[]>();

  // The period being settled and the clause running in it.
  private period!: RefPeriod;
  private row!: ReadonlyMap<string, Rat>;
  private occurrences: Occurrence[] = [];
  private clause!: ClauseDecl;
  /** Lazy lets of the clause in this period, and of each `on` occurrence running. */
  private periodLets = new Map<LetStmt, Value>();
  private readonly onLets = new Map<OnStmt, Map<LetStmt, Value>>();
  private letHome = new Map<LetStmt, OnStmt | null>();
  /** Every clause's balances: set before the first period, carried over from period to period (docs §7 balance). */
  private readonly balances = new Map<BalanceStmt, Rat>();
  /** The arguments of the occurrence an `on` block is running for, by event name. */
  private readonly eventArgs = new Map<string, ReadonlyMap<string, Rat>>();

  constructor(
    checked: CheckedProgram,
    private readonly data: RefData,
  ) {
    this.decls = checked.program.decls;
    this.bindings = checked.bindings;
    this.types = checked.types;
    const currency = this.decls.find((d) => d.kind === "Currency")!;
    this.currency = currency.code.text;
    this.decimals = currencyDecimals(this.currency);
    this.mode = currency.rounding ?? "half_even";
    this.settleNet = this.decls.some((d) => d.kind === "Settle");
    const term = this.decls.find((d) => d.kind === "Term")!;
    this.periods = termPeriods(parseIso(term.start.text)!, parseIso(term.end.text)!, term.frequency);
    this.clauses = this.decls.filter((d): d is ClauseDecl => d.kind === "Clause");
  }

  ledger(): RefLedger {
    const deal = this.decls.find((d) => d.kind === "Deal")!;
    // Events in date order, equal dates in input order (a stable sort).
    const events = this.data.events
      .map((e) => ({ date: parseIso(e.date)!, event: e.event, args: e.args }))
      .sort((a, b) => cmpCivil(a.date, b.date));
    const out: RefPeriodOut[] = [];
    for (let i = 0; i < this.data.periods.length; i++) {
      const period = this.periods[i]!;
      const inPeriod = events.filter((e) => cmpCivil(e.date, period.start) >= 0 && cmpCivil(e.date, period.end) <= 0);
      out.push(this.settle(period, this.data.periods[i]!.values, inPeriod));
    }
    return { deal: deal.title.value, currency: this.currency, periods: out, totals: this.totals() };
  }

  private money(r: Rat): string {
    return r.toFixed(this.decimals);
  }

  // ---- one period (docs §8)

  private settle(period: RefPeriod, row: ReadonlyMap<string, Rat>, occurrences: Occurrence[]): RefPeriodOut {
    this.period = period;
    this.row = row;
    this.occurrences = occurrences;
    const lines: RefLine[] = [];
    const grants: RefGrant[] = [];
    for (const clause of this.clauses) {
      this.clause = clause;
      this.periodLets = new Map();
      this.letHome = letHomes(clause.body);
      // 0. balances start at their initial values before the first period of the run
      for (const s of clause.body) {
        if (s.kind === "Balance" && !this.balances.has(s)) this.balances.set(s, asNum(this.eval(s.initial)));
      }
      // 1. every consecutive condition of the clause is observed, whatever encloses it
      for (const w of consecutiveWhens(clause.body)) {
        const seen = this.observed.get(w) ?? [];
        seen.push(asBool(this.eval(w.cond)));
        this.observed.set(w, seen);
      }
      // 2. the statements, inside the clause's from/until window
      if (this.inWindow(clause)) this.exec(clause.body, lines, grants);
    }
    const result: RefPeriodOut = {
      index: period.index,
      start: iso(period.start),
      end: iso(period.end),
      contract_year: period.contractYear,
      days: period.days,
      lines,
      grants,
    };
    return this.settleNet ? { ...result, net: this.net(lines) } : result;
  }

  private inWindow(clause: ClauseDecl): boolean {
    for (const s of clause.body) {
      if (s.kind !== "Window") continue;
      const bound = parseIso(s.date.text)!;
      if (s.bound === "from" && cmpCivil(this.period.start, bound) < 0) return false;
      if (s.bound === "until" && cmpCivil(this.period.start, bound) > 0) return false;
    }
    return true;
  }

  private exec(body: readonly Stmt[], lines: RefLine[], grants: RefGrant[]): void {
    for (const s of body) {
      switch (s.kind) {
        case "Pays":
          this.pay(s.payer.text, s.payee.text, asNum(this.eval(s.amount)), lines);
          break;
        case "Grants": {
          const quantity = asNum(this.eval(s.quantity));
          const price = asNum(this.eval(s.price)).round(this.decimals, this.mode);
          // Judged like a payment: on the rounded price (docs §7 grants, §10).
          if (quantity.sign() < 0 || price.sign() < 0) {
            throw new RunError(CODE.negativeGrant, `negative grant in ${this.clause.name.text}`);
          }
          // A grant of nothing is not recorded, like a payment of 0.00. (The brief and
          // docs/language.md are silent here; this is the interpreter's documented-in-code rule.)
          if (quantity.isZero()) break;
          grants.push({
            clause: this.clause.name.text,
            grantor: s.grantor.text,
            grantee: s.grantee.text,
            quantity: quantityText(quantity),
            instrument: s.instrument.text,
            price: this.money(price),
          });
          break;
        }
        case "When":
          if (s.consecutive !== null) {
            const n = s.consecutive.kind === "NumberLit" ? Number(s.consecutive.digits.replace(/_/g, "")) : NaN;
            const seen = this.observed.get(s) ?? [];
            if (seen.length >= n && seen.slice(-n).every((b) => b)) this.exec(s.body, lines, grants);
          } else if (asBool(this.eval(s.cond))) {
            this.exec(s.body, lines, grants);
          }
          break;
        case "On":
          for (const o of this.occurrences) {
            if (o.event !== s.event.text) continue;
            this.eventArgs.set(o.event, o.args);
            this.onLets.set(s, new Map());
            this.exec(s.body, lines, grants);
            this.onLets.delete(s);
            this.eventArgs.delete(o.event);
          }
          break;
        case "AtSigning":
          if (this.period.index === 1) this.exec(s.body, lines, grants);
          break;
        case "Adjust": {
          const amount = asNum(this.eval(s.amount));
          const target = this.clause.body.find((x): x is BalanceStmt => x.kind === "Balance" && x.name.text === s.balance.text)!;
          const now = this.balances.get(target)!;
          this.balances.set(target, s.op === "add" ? now.add(amount) : now.sub(amount));
          break;
        }
        case "Let":
          // docs §7: a let that reads a balance is computed where it is written
          if (this.readsBalance(s.value)) this.letMemo(s).set(s, this.eval(s.value));
          break;
        case "Balance":
        case "Cap":
        case "Window":
          break; // other lets are lazy; caps and windows apply to every payment of the clause
      }
    }
  }

  // ---- payments and caps (docs/language.md §9, §10)

  private pay(payer: string, payee: string, exact: Rat, lines: RefLine[]): void {
    const computed = exact.round(this.decimals, this.mode);
    if (computed.sign() < 0) throw new RunError(CODE.negativePayment, `negative payment in ${this.clause.name.text}`);
    if (computed.isZero()) return; // a computed 0.00 makes no line
    let amount = computed;
    for (const cap of this.clause.body.filter((s): s is CapStmt => s.kind === "Cap")) {
      const limit = asNum(this.eval(cap.amount));
      let used = Rat.ZERO;
      for (const p of this.paid) {
        if (p.clause !== this.clause) continue;
        const inWindow =
          cap.window === "term" ||
          (cap.window === "period" && p.period === this.period) ||
          (cap.window === "contract_year" && p.period.contractYear === this.period.contractYear);
        if (inWindow) used = used.add(p.amount);
      }
      // Headroom, never negative, rounded down so a cut payment never exceeds the cap.
      let headroom = limit.sub(used);
      if (headroom.sign() < 0) headroom = Rat.ZERO;
      headroom = headroom.round(this.decimals, "floor");
      if (headroom.cmp(amount) < 0) amount = headroom;
    }
    this.paid.push({ clause: this.clause, period: this.period, amount });
    lines.push({
      clause: this.clause.name.text,
      title: this.clause.title?.value ?? this.clause.name.text,
      payer,
      payee,
      computed: this.money(computed),
      amount: this.money(amount),
      capped: amount.cmp(computed) < 0,
    });
    this.totalsOrder.push({ payer, payee, amount });
  }

  private readonly totalsOrder: { payer: string; payee: string; amount: Rat }[] = [];

  /** Brief §7: per (payer, payee) over the run, in order of first appearance. */
  private totals(): { payer: string; payee: string; amount: string }[] {
    const sums: { payer: string; payee: string; amount: Rat }[] = [];
    for (const t of this.totalsOrder) {
      const s = sums.find((x) => x.payer === t.payer && x.payee === t.payee);
      if (s) s.amount = s.amount.add(t.amount);
      else sums.push({ ...t });
    }
    return sums.map((s) => ({ payer: s.payer, payee: s.payee, amount: this.money(s.amount) }));
  }

  /** Brief §5 `settle net`: one transfer per pair with a non-zero balance, in order of first appearance. */
  private net(lines: readonly RefLine[]): { from: string; to: string; amount: string }[] {
    const pairs: { a: string; b: string; balance: Rat }[] = []; // balance: a owes b
    for (const l of lines) {
      const amount = Rat.parse(l.amount);
      let pair = pairs.find((p) => (p.a === l.payer && p.b === l.payee) || (p.a === l.payee && p.b === l.payer));
      if (!pair) {
        pair = { a: l.payer, b: l.payee, balance: Rat.ZERO };
        pairs.push(pair);
      }
      pair.balance = pair.a === l.payer ? pair.balance.add(amount) : pair.balance.sub(amount);
    }
    return pairs
      .filter((p) => !p.balance.isZero())
      .map((p) => (p.balance.sign() > 0
        ? { from: p.a, to: p.b, amount: this.money(p.balance) }
        : { from: p.b, to: p.a, amount: this.money(p.balance.neg()) }));
  }

  // ---- expressions (docs/language.md §3–§4)

  private eval(e: Expr): Value {
    switch (e.kind) {
      case "NumberLit":
        return this.literal(e);
      case "DateExpr":
        return { k: "date", v: parseIso(e.date.text)! };
      case "NameRef":
        return this.name(e);
      case "Unary": {
        const v = this.eval(e.operand);
        if (e.op === "not") return bool(!asBool(v));
        return v.k === "dur" ? { k: "dur", v: v.v.neg(), per: v.per } : num(asNum(v).neg());
      }
      case "IfExpr":
        return asBool(this.eval(e.cond)) ? this.eval(e.then) : this.eval(e.else);
      case "Binary":
        return this.binary(e.op, e.left, e.right);
      case "Call":
        return this.call(e.callee.text, e.args, e);
      case "ErrorExpr":
        throw new Error("reference: ErrorExpr in a checked program");
    }
  }

  private literal(e: NumberLit): Value {
    let v = Rat.parse(e.digits);
    if (e.scale === "million") v = v.mul(Rat.of(1_000_000n));
    if (e.scale === "billion") v = v.mul(Rat.of(1_000_000_000n));
    if (e.percent) v = v.divExact(Rat.of(100n));
    const unit = e.unit?.numerator.length === 1 && e.unit.denominator.length === 0 ? e.unit.numerator[0]!.text : null;
    if (unit === "days" || unit === "months" || unit === "years") return { k: "dur", v, per: unit };
    return num(v);
  }

  private name(e: Extract<Expr, { kind: "NameRef" }>): Value {
    const b = this.bindings.get(e);
    if (b === undefined) throw new Error(`reference: unbound name ${e.name.text}`);
    switch (b.kind) {
      case "input":
        return num(this.row.get(b.decl.name.text)!);
      case "const": {
        const known = this.consts.get(b.decl);
        if (known !== undefined) return known;
        const v = this.eval(b.decl.value);
        this.consts.set(b.decl, v);
        return v;
      }
      case "schedule":
        return this.schedule(b.decl);
      case "balance":
        return num(this.balances.get(b.decl)!);
      case "let": {
        const memo = this.letMemo(b.decl);
        const known = memo.get(b.decl);
        if (known !== undefined) return known;
        const v = this.eval(b.decl.value);
        memo.set(b.decl, v);
        return v;
      }
      case "eventArg": {
        const args = this.eventArgs.get(b.event.name.text)!;
        return num(args.get(b.event.params[b.index]!.name.text)!);
      }
      case "periodFact":
        switch (b.fact) {
          case "days":
            return num(Rat.of(BigInt(this.period.days)));
          case "period_index":
            return num(Rat.of(BigInt(this.period.index)));
          case "contract_year":
            return num(Rat.of(BigInt(this.period.contractYear)));
          case "period_start":
            return { k: "date", v: this.period.start };
          case "period_end":
            return { k: "date", v: this.period.end };
        }
      case "tiers":
        throw new Error(`reference: the tiers table ${e.name.text} used as a value`);
    }
  }

  /**
   * docs §4 `tier(TABLE, X)`: the value of the entry whose [LOW, HIGH) holds X;
   * `marginal(TABLE, BASE, AMOUNT)`: Σ VALUE × the length of [BASE, BASE + AMOUNT) ∩ [LOW, HIGH).
   */
  private tiers(name: string, args: readonly Expr[]): Value {
    const ref = args[0]!;
    const b = ref.kind === "NameRef" ? this.bindings.get(ref) : undefined;
    if (b?.kind !== "tiers") throw new Error(`reference: ${name} without a tiers table`);
    const rows = b.decl.entries.map((e) => ({
      low: asNum(this.eval(e.low)),
      high: e.high === null ? null : asNum(this.eval(e.high)),
      value: asNum(this.eval(e.value)),
    }));
    const rest = args.slice(1).map((a) => asNum(this.eval(a)));
    if (name === "tier") {
      const x = rest[0]!;
      const row = rows.find((r) => x.cmp(r.low) >= 0 && (r.high === null || x.cmp(r.high) < 0));
      if (row === undefined) throw new RunError(CODE.tierOutOfRange, `${x.toString()} is outside ${b.decl.name.text}`);
      return num(row.value);
    }
    const [base, amount] = rest as [Rat, Rat];
    if (amount.sign() < 0) throw new RunError(CODE.marginalNegativeAmount, `negative amount for ${b.decl.name.text}`);
    const end = base.add(amount);
    let sum = Rat.ZERO;
    for (const r of rows) {
      const lo = base.cmp(r.low) > 0 ? base : r.low;
      const hi = r.high === null || end.cmp(r.high) < 0 ? end : r.high;
      if (hi.cmp(lo) > 0) sum = sum.add(r.value.mul(hi.sub(lo)));
    }
    return num(sum);
  }

  /** Where a let's value is kept: per period, or per occurrence of its `on` block. */
  private letMemo(l: LetStmt): Map<LetStmt, Value> {
    const home = this.letHome.get(l) ?? null;
    return home === null ? this.periodLets : this.onLets.get(home)!;
  }

  /** Whether an expression reads a balance, directly or through lets. */
  private readsBalance(e: Expr): boolean {
    switch (e.kind) {
      case "NameRef": {
        const b = this.bindings.get(e);
        return b?.kind === "balance" || (b?.kind === "let" && this.readsBalance(b.decl.value));
      }
      case "Unary": return this.readsBalance(e.operand);
      case "Binary": return this.readsBalance(e.left) || this.readsBalance(e.right);
      case "Call": return e.args.some((a) => this.readsBalance(a));
      case "IfExpr": return this.readsBalance(e.cond) || this.readsBalance(e.then) || this.readsBalance(e.else);
      default: return false;
    }
  }

  /** The value of the one entry that matches the period (docs §5 schedule). */
  private schedule(s: ScheduleDecl): Value {
    const p = this.period;
    for (const entry of s.entries) {
      const key = entry.key;
      let matches: boolean;
      if (key.kind === "IndexKey") {
        const at = s.basis === "contract_year" ? p.contractYear : p.index;
        const from = Number(key.from.digits.replace(/_/g, ""));
        const to = key.to === null ? from : Number(key.to.digits.replace(/_/g, ""));
        matches = at >= from && (key.onward || at <= to);
      } else {
        const from = parseIso(key.from.text)!;
        const to = key.to === null ? from : parseIso(key.to.text)!;
        matches = cmpCivil(p.start, from) >= 0 && (key.onward || cmpCivil(p.start, to) <= 0);
      }
      if (matches) return this.eval(entry.value);
    }
    throw new RunError(CODE.noScheduleEntry, `no entry of ${s.name.text} for period ${p.index}`);
  }

  private binary(op: string, le: Expr, re: Expr): Value {
    if (op === "and") return bool(asBool(this.eval(le)) && asBool(this.eval(re)));
    if (op === "or") return bool(asBool(this.eval(le)) || asBool(this.eval(re)));
    const l = this.eval(le);
    const r = this.eval(re);
    switch (op) {
      case "+":
      case "-":
        return this.additive(op, l, r);
      case "*":
        if (l.k === "dur") return { k: "dur", v: l.v.mul(asNum(r)), per: l.per };
        if (r.k === "dur") return { k: "dur", v: r.v.mul(asNum(l)), per: r.per };
        return num(asNum(l).mul(asNum(r)));
      case "/":
        if (l.k === "dur") return { k: "dur", v: divide(l.v, asNum(r), "a duration"), per: l.per };
        return num(divide(asNum(l), asNum(r), this.clause?.name.text ?? "a const"));
      default:
        return bool(compare(op, l, r));
    }
  }

  private additive(op: "+" | "-", l: Value, r: Value): Value {
    if (l.k === "num" && r.k === "num") return num(op === "+" ? l.v.add(r.v) : l.v.sub(r.v));
    if (l.k === "date" && r.k === "date") return num(Rat.of(BigInt(ordinal(l.v) - ordinal(r.v))));
    if (l.k === "dur" && r.k === "dur") return { k: "dur", v: op === "+" ? l.v.add(r.v) : l.v.sub(r.v), per: l.per };
    const [date, dur] = l.k === "date" ? [l.v, r] : [asDate(r), l];
    if (dur.k !== "dur") throw new Error("reference: date arithmetic without a duration");
    const count = op === "-" ? dur.v.neg() : dur.v;
    return { k: "date", v: shift(date, count, dur.per) };
  }

  private call(name: string, args: readonly Expr[], call: Expr): Value {
    if (name === "tier" || name === "marginal") return this.tiers(name, args);
    const values = args.map((a) => this.eval(a));
    switch (name) {
      case "act_365f":
      case "act_360":
      case "thirty_360": {
        // docs §4: no arguments = the current period, its last day included (b = period_end + 1 day)
        const a = values.length === 0 ? this.period.start : asDate(values[0]!);
        const b = values.length === 0 ? addDays(this.period.end, 1) : asDate(values[1]!);
        if (name === "thirty_360") {
          const d1 = a.d === 31 ? 30 : a.d;
          const d2 = b.d === 31 && d1 === 30 ? 30 : b.d;
          const days = 360 * (b.y - a.y) + 30 * (b.m - a.m) + (d2 - d1);
          return num(divide(Rat.of(BigInt(days)), Rat.of(360n), name));
        }
        const days = BigInt(ordinal(b) - ordinal(a));
        return num(divide(Rat.of(days), Rat.of(name === "act_365f" ? 365n : 360n), name));
      }
      case "interpolate": {
        const [v0, v1, d0, d1, at] = values;
        const from = asNum(v0!);
        const to = asNum(v1!);
        const a = ordinal(asDate(d0!));
        const b = ordinal(asDate(d1!));
        const t = ordinal(at === undefined ? this.period.start : asDate(at));
        if (a >= b) throw new RunError(CODE.interpolateDatesNotAscending, "interpolate dates not ascending");
        if (t <= a) return num(from);
        if (t >= b) return num(to);
        const r = divide(Rat.of(BigInt(t - a)), Rat.of(BigInt(b - a)), name);
        return num(from.add(to.sub(from).mul(r)));
      }
      case "compound": {
        // docs §4: (1 + rate)^n by repeated multiplication, n a whole number from 0 to 1000
        const rate = asNum(values[0]!);
        const n = asNum(values[1]!);
        if (!n.isInteger() || n.sign() < 0 || n.cmp(Rat.of(1000n)) > 0) {
          throw new RunError(CODE.compoundExponentInvalid, "compound n is not a whole number from 0 to 1000");
        }
        let out = Rat.ONE;
        for (let i = 0n; i < n.n; i++) out = out.mul(Rat.ONE.add(rate));
        return num(out);
      }
      case "convert": {
        // docs §4: rounded to the minor unit of the currency converted to, with the deal's mode
        const t = this.types.get(call);
        const target = t?.kind === "number" ? t.unit.toString() : "";
        return num(asNum(values[0]!).mul(asNum(values[1]!)).round(currencyDecimals(target), this.mode));
      }
      case "min":
      case "max": {
        let best = values[0]!;
        for (const v of values.slice(1)) {
          const c = order(v, best);
          if (name === "min" ? c < 0 : c > 0) best = v;
        }
        return best;
      }
      case "abs":
        return num(asNum(values[0]!).abs());
      case "round":
      case "floor":
      case "ceil": {
        const x = asNum(values[0]!);
        const mode: Mode = name === "round" ? this.mode : name;
        if (values[1] === undefined) return num(Rat.of(x.toInteger(mode)));
        const step = asNum(values[1]);
        if (step.sign() <= 0) throw new RunError(CODE.stepNotPositive, `step of ${name} is not positive`);
        // docs §4: the exact x / step, to a whole number with the mode, times step
        return num(Rat.of(divide(x, step, name).toInteger(mode)).mul(step));
      }
      default:
        throw new Error(`reference: unknown function ${name}`);
    }
  }
}

function asDate(v: Value): Civil {
  if (v.k !== "date") throw new Error(`reference: expected a date, got ${v.k}`);
  return v.v;
}

/** DATE ± whole days, months or years (docs §3.4), inside the years 0001–9999. */
function shift(date: Civil, count: Rat, per: Per): Civil {
  if (!count.isInteger()) throw new RunError(CODE.durationNotWhole, `${count.toString()} ${per} is not whole`);
  const out = () => new RunError(CODE.dateOutOfRange, "date outside the years 0001 to 9999");
  if (count.n > 10_000_000n || count.n < -10_000_000n) throw out();
  const k = Number(count.n);
  const result = per === "days" ? addDaysChecked(date, k) : addMonths(date, per === "months" ? k : 12 * k);
  if (result === null || result.y < 1 || result.y > 9999) throw out();
  return result;
}

function addDaysChecked(date: Civil, k: number): Civil | null {
  const target = ordinal(date) + k;
  if (target < 0 || target > ordinal({ y: 9999, m: 12, d: 31 })) return null;
  return addDays(date, k);
}

/** Ordering of two values of one kind (numbers, dates or durations). */
function order(a: Value, b: Value): number {
  if (a.k === "num" && b.k === "num") return a.v.cmp(b.v);
  if (a.k === "date" && b.k === "date") return cmpCivil(a.v, b.v);
  if (a.k === "dur" && b.k === "dur") return a.v.cmp(b.v);
  throw new Error(`reference: cannot order ${a.k} and ${b.k}`);
}

function compare(op: string, l: Value, r: Value): boolean {
  if (l.k === "bool" && r.k === "bool") return op === "==" ? l.v === r.v : l.v !== r.v;
  const c = order(l, r);
  switch (op) {
    case "<": return c < 0;
    case "<=": return c <= 0;
    case ">": return c > 0;
    case ">=": return c >= 0;
    case "==": return c === 0;
    case "!=": return c !== 0;
    default: throw new Error(`reference: unknown operator ${op}`);
  }
}

/** Every `when … for N consecutive periods` in a clause body, in source order. */
function consecutiveWhens(body: readonly Stmt[]): WhenStmt[] {
  const out: WhenStmt[] = [];
  for (const s of body) {
    if (s.kind === "When" && s.consecutive !== null) out.push(s);
    if (s.kind === "When" || s.kind === "On" || s.kind === "AtSigning") out.push(...consecutiveWhens(s.body));
  }
  return out;
}

/** For each let, the `on` block whose occurrences it is memoized per (null: per period). */
function letHomes(body: readonly Stmt[], home: OnStmt | null = null, out = new Map<LetStmt, OnStmt | null>()): Map<LetStmt, OnStmt | null> {
  for (const s of body) {
    if (s.kind === "Let") out.set(s, home);
    if (s.kind === "On") letHomes(s.body, s, out);
    if (s.kind === "When" || s.kind === "AtSigning") letHomes(s.body, home, out);
  }
  return out;
}

