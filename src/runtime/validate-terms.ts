/**
 * What a compiler guarantees about an IR, checked on an artifact whose
 * shape the schema (src/ir/schema.ts) accepted: every name resolves (a
 * party, a slot, a clause, a calendar), every date is a real day, every
 * number parses, a tiers table ascends, the currency's places are its
 * own, the term has no more periods than the limit, and every operator
 * and built-in gets operands of the kinds it takes, each node carrying the
 * kind it computes. An IR that passes settles as the program a compiler
 * would have written, or stops with a run error a user can act on; never
 * an internal error. The first defect is reported with its JSON path.
 */
import { builtinNamed } from "../builtins/registry.ts";
import { COMPILE } from "../diagnostics/codes/compile.ts";
import { compareDates, parseDate } from "../eval/dates.ts";
import { Decimal } from "../eval/decimal.ts";
import { MONTHS_PER_PERIOD } from "../eval/periods.ts";
import type {
  IrClause, IrExpr, IrStmt, IrTest, IrTierRow, TermsIr, ValueType,
} from "../ir/ir.ts";
import { DEFAULT_LIMITS } from "../limits.ts";
import { currencyDecimals } from "../types/currencies.ts";
import { TenorError } from "./tenor-error.ts";

/** A defect at a JSON path. */
class Defect extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

/** Throws TenorError (TN4007) naming the path of the first defect; returns when the IR is valid. */
export function validateTerms(ir: TermsIr): void {
  try {
    new Validator(ir).program();
  } catch (e) {
    if (!(e instanceof Defect)) throw e;
    throw new TenorError(COMPILE.artifactInvalid, `the artifact is not one a compiler writes, at ${e.path}: ${e.message}`);
  }
}

function fail(path: string, message: string): never {
  throw new Defect(path, message);
}

function date(text: string, path: string): void {
  if (parseDate(text) === null) fail(path, `${JSON.stringify(text)} is not a date of the calendar`);
}

/** The inputs a bound uses; fails on anything but literals, consts, inputs, operators, built-ins and `if`. */
function boundRefs(e: IrExpr, path: string, out: number[]): void {
  switch (e.kind) {
    case "Number":
    case "Const":
      return;
    case "Input":
      out.push(e.slot);
      return;
    case "Unary":
      return boundRefs(e.operand, `${path}.operand`, out);
    case "Binary":
      boundRefs(e.left, `${path}.left`, out);
      return boundRefs(e.right, `${path}.right`, out);
    case "Call":
      return e.args.forEach((a, i) => boundRefs(a, `${path}.args[${i}]`, out));
    case "If":
      boundRefs(e.cond, `${path}.cond`, out);
      boundRefs(e.then, `${path}.then`, out);
      return boundRefs(e.else, `${path}.else`, out);
    default:
      return fail(path, `a range bound may use only numbers, consts and inputs, not a ${e.kind}`);
  }
}

function unique(names: readonly string[], path: string, what: string): void {
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (seen.has(n)) fail(`${path}[${i}]`, `${what} ${JSON.stringify(n)} is declared twice`);
    seen.add(n);
  });
}

/** The kinds an operator takes and gives (the runtime's binary operators, docs/language.md §3). */
function binaryType(op: string, l: ValueType, r: ValueType): ValueType | null {
  switch (op) {
    case "and":
    case "or":
      return l === "bool" && r === "bool" ? "bool" : null;
    case "+":
    case "-":
      if (l === "number" && r === "number") return "number";
      if (l === "date" && r === "duration") return "date";
      if (op === "+" && l === "duration" && r === "date") return "date";
      if (op === "-" && l === "date" && r === "date") return "number";
      return l === "duration" && r === "duration" ? "duration" : null;
    case "*":
      if (l === "number" && r === "number") return "number";
      return (l === "duration" && r === "number") || (l === "number" && r === "duration") ? "duration" : null;
    case "/":
      return r === "number" && (l === "number" || l === "duration") ? l : null;
    case "==":
    case "!=":
      return l === r ? "bool" : null;
    default: // < <= > >=
      return l === r && l !== "bool" ? "bool" : null;
  }
}

/** The clause whose lets and balances names refer to, while one is walked. */
interface ClauseScope {
  readonly clause: IrClause;
  readonly path: string;
  /** The kind of each let, once worked out; null while it is being worked out (a cycle). */
  readonly letTypes: Map<number, ValueType | null>;
}

class Validator {
  private readonly parties: ReadonlySet<string>;
  private readonly constTypes = new Map<number, ValueType | null>();
  private readonly scheduleTypes = new Map<number, ValueType | null>();
  private scope: ClauseScope | null = null;

  constructor(private readonly ir: TermsIr) {
    this.parties = new Set(ir.header.parties.map((p) => p.name));
  }

  program(): void {
    this.header();
    const ir = this.ir;
    ir.consts.forEach((_c, i) => this.constType(i, `$.ir.consts[${i}]`));
    ir.schedules.forEach((s, i) => {
      this.scheduleType(i, `$.ir.schedules[${i}]`);
      s.entries.forEach((e, j) => this.scheduleKey(s.basis, e.from, e.to, `$.ir.schedules[${i}].entries[${j}]`));
    });
    (ir.tiers ?? []).forEach((t, i) => this.tiers(t.rows, `$.ir.tiers[${i}]`));
    unique(ir.clauses.map((c) => c.name), "$.ir.clauses", "clause");
    ir.clauses.forEach((c, i) => this.clause(c, `$.ir.clauses[${i}]`));
    ir.tests.forEach((t, i) => this.test(t, `$.ir.tests[${i}]`));
    this.ranges();
  }

  /**
   * Declared ranges (docs/language.md §5 "Declared ranges"): one per input at
   * most, in input order; each bound a number that uses only literals, consts,
   * built-ins and other inputs; no range naming its own input, directly or
   * through other ranges.
   */
  private ranges(): void {
    const ranges = this.ir.ranges ?? [];
    const inputs = this.ir.header.inputs.length;
    const deps = new Map<number, number[]>();
    ranges.forEach((r, i) => {
      const at = `$.ir.ranges[${i}]`;
      if (r.input >= inputs) fail(`${at}.input`, `no input in slot ${r.input}`);
      if (i > 0 && r.input <= ranges[i - 1]!.input) fail(`${at}.input`, "ranges are listed once per input, in input order");
      if (r.low === null && r.high === null) fail(at, "a range has at least one bound");
      const used: number[] = [];
      for (const [key, b] of [["low", r.low], ["high", r.high]] as const) {
        if (b === null) continue;
        boundRefs(b.value, `${at}.${key}.value`, used);
        this.number(b.value, `${at}.${key}.value`);
      }
      deps.set(r.input, used);
    });
    // A range must be known without the value it bounds: no path back to its own input.
    const state = new Map<number, "open" | "done">();
    const visit = (slot: number, at: string): void => {
      if (state.get(slot) === "done") return;
      if (state.get(slot) === "open") fail(at, `the range of input slot ${slot} depends on itself`);
      state.set(slot, "open");
      for (const next of deps.get(slot) ?? []) visit(next, at);
      state.set(slot, "done");
    };
    ranges.forEach((r, i) => visit(r.input, `$.ir.ranges[${i}]`));
  }

  // ---------------------------------------------------------------- header

  private header(): void {
    const h = this.ir.header;
    const at = "$.ir.header";
    if (h.parties.length === 0) fail(`${at}.parties`, "a deal needs at least one party");
    unique(h.parties.map((p) => p.name), `${at}.parties`, "party");
    date(h.term.start, `${at}.term.start`);
    date(h.term.end, `${at}.term.end`);
    if (compareDates(parseDate(h.term.start)!, parseDate(h.term.end)!) > 0) fail(`${at}.term`, "the term ends before it starts");
    // The count the checker bounds (TN2091), from the months alone: a term of centuries would hold the run for hours.
    const start = parseDate(h.term.start)!;
    const end = parseDate(h.term.end)!;
    const months = (end.year - start.year) * 12 + (end.month - start.month) + 1;
    if (Math.ceil(months / MONTHS_PER_PERIOD[h.term.frequency]) + 1 > DEFAULT_LIMITS.maxPeriods) {
      fail(`${at}.term`, `the term has more than ${DEFAULT_LIMITS.maxPeriods} periods`);
    }
    const places = currencyDecimals(h.currency.code);
    if (h.currency.decimals !== places) fail(`${at}.currency.decimals`, `${h.currency.code} has ${places} decimals, not ${h.currency.decimals}`);
    unique(h.inputs.map((i) => i.name), `${at}.inputs`, "input");
    unique(h.events.map((e) => e.name), `${at}.events`, "event");
    h.events.forEach((e, i) => unique(e.params.map((p) => p.name), `${at}.events[${i}].params`, "parameter"));
    h.events.forEach((e, i) => {
      if (e.limit !== undefined && !Number.isSafeInteger(e.limit.count)) fail(`${at}.events[${i}].limit.count`, "the count is a whole number of at least 1");
    });
    if ((h.payment === undefined) !== (h.calendars === undefined)) fail(`${at}.calendars`, "calendars come with a payment rule, and only with one");
    if (h.payment !== undefined && h.payment.calendar >= (h.calendars ?? []).length) fail(`${at}.payment.calendar`, "no calendar in that slot");
    (h.calendars ?? []).forEach((c, i) => {
      const cat = `${at}.calendars[${i}]`;
      date(c.from, `${cat}.from`);
      date(c.to, `${cat}.to`);
      let previous: string | null = null;
      c.holidays.forEach((d, j) => {
        date(d, `${cat}.holidays[${j}]`);
        if (previous !== null && d <= previous) fail(`${cat}.holidays[${j}]`, "holidays must ascend, each once");
        previous = d;
      });
    });
  }

  // ---------------------------------------------------------------- declarations

  private constType(slot: number, path: string): ValueType {
    const known = this.constTypes.get(slot);
    if (known === null) fail(path, "a const that depends on itself");
    if (known !== undefined) return known;
    const c = this.ir.consts[slot];
    if (c === undefined) return fail(path, `no const in slot ${slot}`);
    this.constTypes.set(slot, null);
    const outer = this.scope;
    this.scope = null; // a const sees no clause's lets
    const t = this.expr(c.value, `$.ir.consts[${slot}].value`);
    this.scope = outer;
    this.constTypes.set(slot, t);
    return t;
  }

  private scheduleType(slot: number, path: string): ValueType {
    const known = this.scheduleTypes.get(slot);
    if (known === null) fail(path, "a schedule that depends on itself");
    if (known !== undefined) return known;
    const s = this.ir.schedules[slot];
    if (s === undefined) return fail(path, `no schedule in slot ${slot}`);
    if (s.entries.length === 0) fail(`$.ir.schedules[${slot}].entries`, "a schedule needs at least one entry");
    this.scheduleTypes.set(slot, null);
    const outer = this.scope;
    this.scope = null;
    let type: ValueType | null = null;
    s.entries.forEach((e, j) => {
      const at = `$.ir.schedules[${slot}].entries[${j}].value`;
      const t = this.expr(e.value, at);
      if (type !== null && t !== type) fail(at, `a schedule's entries must be of one kind, but this is a ${t} and the first a ${type}`);
      type = t;
    });
    this.scope = outer;
    this.scheduleTypes.set(slot, type);
    return type!;
  }

  private scheduleKey(basis: string, from: number | string, to: number | string | null, path: string): void {
    if (basis === "date") {
      if (typeof from !== "string" || (to !== null && typeof to !== "string")) fail(path, "a schedule by date is keyed by dates");
      date(from as string, `${path}.from`);
      if (to !== null) date(to as string, `${path}.to`);
    } else if (typeof from !== "number" || (to !== null && typeof to !== "number")) {
      fail(path, `a schedule by ${basis} is keyed by whole numbers`);
    }
  }

  private tiers(rows: readonly IrTierRow[], path: string): void {
    if (rows.length === 0) fail(`${path}.rows`, "a tiers table needs at least one row");
    let previousHigh: Decimal | null = null;
    rows.forEach((row, i) => {
      const at = `${path}.rows[${i}]`;
      const low = Decimal.parseExact(row.low) ?? fail(`${at}.low`, "not an exact value");
      const high = row.high === null ? null : Decimal.parseExact(row.high) ?? fail(`${at}.high`, "not an exact value");
      if (Decimal.parseExact(row.value) === null) fail(`${at}.value`, "not an exact value");
      if (high === null && i < rows.length - 1) fail(`${at}.high`, "only the last row may be onward");
      if (high !== null && !low.lt(high)) fail(at, "a row's low must be below its high");
      if (previousHigh !== null && !low.eq(previousHigh)) fail(`${at}.low`, "each row must start where the one before ends");
      previousHigh = high;
    });
  }

  private clause(c: IrClause, path: string): void {
    if (c.from !== null) date(c.from, `${path}.from`);
    if (c.until !== null) date(c.until, `${path}.until`);
    unique(c.balances.map((b) => b.name), `${path}.balances`, "balance");
    this.scope = { clause: c, path, letTypes: new Map() };
    c.lets.forEach((_l, i) => this.letType(i, `${path}.lets[${i}]`));
    c.balances.forEach((b, i) => this.number(b.initial, `${path}.balances[${i}].initial`));
    c.caps.forEach((cap, i) => this.number(cap.amount, `${path}.caps[${i}].amount`));
    c.streaks.forEach((s, i) => {
      this.kind(s.cond, "bool", `${path}.streaks[${i}].cond`);
      if (s.periods > DEFAULT_LIMITS.maxPeriods) fail(`${path}.streaks[${i}].periods`, `more than ${DEFAULT_LIMITS.maxPeriods} periods`);
    });
    this.block(c.body, `${path}.body`);
    this.scope = null;
  }

  private letType(slot: number, path: string): ValueType {
    const scope = this.scope ?? fail(path, "a let outside a clause");
    const known = scope.letTypes.get(slot);
    if (known === null) fail(path, "a let that depends on itself");
    if (known !== undefined) return known;
    const l = scope.clause.lets[slot] ?? fail(path, `no let in slot ${slot} of this clause`);
    scope.letTypes.set(slot, null);
    const t = this.expr(l.value, `${scope.path}.lets[${slot}].value`);
    scope.letTypes.set(slot, t);
    return t;
  }

  private block(body: readonly IrStmt[], path: string): void {
    body.forEach((s, i) => this.stmt(s, `${path}[${i}]`));
  }

  private party(name: string, path: string): void {
    if (!this.parties.has(name)) fail(path, `${JSON.stringify(name)} is not a party of the deal`);
  }

  private stmt(s: IrStmt, path: string): void {
    const scope = this.scope!;
    switch (s.kind) {
      case "Pays":
        this.party(s.payer, `${path}.payer`);
        this.party(s.payee, `${path}.payee`);
        if (s.payer === s.payee) fail(`${path}.payee`, "a party cannot pay itself");
        this.number(s.amount, `${path}.amount`);
        return;
      case "Grants":
        this.party(s.grantor, `${path}.grantor`);
        this.party(s.grantee, `${path}.grantee`);
        this.number(s.quantity, `${path}.quantity`);
        this.number(s.price, `${path}.price`);
        return;
      case "When":
        this.kind(s.cond, "bool", `${path}.cond`);
        if (s.streak !== null && (s.streak < 0 || s.streak >= scope.clause.streaks.length)) fail(`${path}.streak`, "no consecutive condition in that slot");
        this.block(s.body, `${path}.body`);
        return;
      case "On":
        if (s.event >= this.ir.header.events.length) fail(`${path}.event`, `no event in slot ${s.event}`);
        s.lets.forEach((l, i) => {
          if (l >= scope.clause.lets.length) fail(`${path}.lets[${i}]`, `no let in slot ${l} of this clause`);
        });
        this.block(s.body, `${path}.body`);
        return;
      case "AtSigning":
        this.block(s.body, `${path}.body`);
        return;
      case "Adjust":
        if (s.balance >= scope.clause.balances.length) fail(`${path}.balance`, `no balance in slot ${s.balance} of this clause`);
        this.number(s.amount, `${path}.amount`);
        return;
      case "Let":
        if (s.slot >= scope.clause.lets.length) fail(`${path}.slot`, `no let in slot ${s.slot} of this clause`);
        return;
      default:
        fail(path, "an unknown statement");
    }
  }

  private test(t: IrTest, path: string): void {
    this.scope = null;
    t.periods.forEach((p, i) => {
      date(p.date, `${path}.periods[${i}].date`);
      p.values.forEach((v, j) => this.expr(v.value, `${path}.periods[${i}].values[${j}].value`));
    });
    t.events.forEach((e, i) => {
      date(e.date, `${path}.events[${i}].date`);
      e.args.forEach((v, j) => this.expr(v.value, `${path}.events[${i}].args[${j}].value`));
    });
    const clauses = new Set(this.ir.clauses.map((c) => c.name));
    t.expects.forEach((x, i) => {
      const at = `${path}.expects[${i}]`;
      this.party(x.payer, `${at}.payer`);
      this.party(x.payee, `${at}.payee`);
      if (x.clause !== null && !clauses.has(x.clause)) fail(`${at}.clause`, `no clause ${JSON.stringify(x.clause)}`);
      if (x.period !== null) date(x.period, `${at}.period`);
      this.number(x.amount, `${at}.amount`);
    });
  }

  // ---------------------------------------------------------------- expressions

  private number(e: IrExpr, path: string): void {
    this.kind(e, "number", path);
  }

  private kind(e: IrExpr, want: ValueType, path: string): void {
    const t = this.expr(e, path);
    if (t !== want) fail(path, `a ${want} is needed here, but this is a ${t}`);
  }

  /** The kind `e` computes, which must be the kind it carries. */
  private expr(e: IrExpr, path: string): ValueType {
    const t = this.derive(e, path);
    if (t !== e.type) fail(`${path}.type`, `this ${e.kind} computes a ${t}, not a ${e.type}`);
    return t;
  }

  private derive(e: IrExpr, path: string): ValueType {
    switch (e.kind) {
      case "Number":
        if (Decimal.parse(e.value) === null) fail(`${path}.value`, "not an exact decimal");
        return "number";
      case "Duration":
        if (Decimal.parse(e.amount) === null) fail(`${path}.amount`, "not an exact decimal");
        return "duration";
      case "Date":
        date(e.value, `${path}.value`);
        return "date";
      case "Input":
        if (e.slot >= this.ir.header.inputs.length) fail(`${path}.slot`, `no input in slot ${e.slot}`);
        return "number";
      case "Const":
        return this.constType(e.slot, `${path}.slot`);
      case "Schedule":
        return this.scheduleType(e.slot, `${path}.slot`);
      case "Let":
        return this.letType(e.slot, `${path}.slot`);
      case "Balance":
        if (this.scope === null || e.slot >= this.scope.clause.balances.length) fail(`${path}.slot`, `no balance in slot ${e.slot} of this clause`);
        return "number";
      case "EventArg": {
        const event = this.ir.header.events[e.event] ?? fail(`${path}.event`, `no event in slot ${e.event}`);
        if (e.arg >= event.params.length) fail(`${path}.arg`, `event ${event.name} has no argument ${e.arg}`);
        return "number";
      }
      case "PeriodFact":
        return e.fact === "period_start" || e.fact === "period_end" ? "date" : "number";
      case "Unary": {
        const t = this.expr(e.operand, `${path}.operand`);
        if (e.op === "not" ? t !== "bool" : t !== "number" && t !== "duration") fail(path, `${e.op} cannot apply to a ${t}`);
        return t;
      }
      case "Binary": {
        const l = this.expr(e.left, `${path}.left`);
        const r = this.expr(e.right, `${path}.right`);
        return binaryType(e.op, l, r) ?? fail(path, `${e.op} cannot apply to a ${l} and a ${r}`);
      }
      case "Call": {
        const fn = builtinNamed(e.fn) ?? fail(`${path}.fn`, `${JSON.stringify(e.fn)} is not a built-in function`);
        const count = e.args.length + (fn.takesTable ? 1 : 0);
        const { min, max, counts } = fn.arity;
        if (count < min || count > max || (counts !== undefined && !counts.includes(count))) fail(`${path}.args`, `${fn.name} takes ${fn.usage}, not ${count} arguments`);
        if (fn.takesTable !== (e.table !== undefined)) fail(`${path}.table`, fn.takesTable ? `${fn.name} needs a tiers table` : `${fn.name} takes no tiers table`);
        if (e.table !== undefined && e.table >= (this.ir.tiers ?? []).length) fail(`${path}.table`, `no tiers table in slot ${e.table}`);
        if (fn.roundsToCurrency !== (e.decimals !== undefined)) fail(`${path}.decimals`, fn.roundsToCurrency ? `${fn.name} needs the decimals it rounds to` : `${fn.name} rounds to no decimals`);
        const kinds = e.args.map((a, i) => this.expr(a, `${path}.args[${i}]`));
        return fn.irType(kinds) ?? fail(path, `${fn.name} does not take ${kinds.join(", ") || "no arguments"}`);
      }
      case "If": {
        this.kind(e.cond, "bool", `${path}.cond`);
        const a = this.expr(e.then, `${path}.then`);
        const b = this.expr(e.else, `${path}.else`);
        if (a !== b) fail(path, `both branches of if must be of one kind, not a ${a} and a ${b}`);
        return a;
      }
      default:
        return fail(path, "an expression a compiler never writes");
    }
  }
}
