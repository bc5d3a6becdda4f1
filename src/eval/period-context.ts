/**
 * What expressions see while one period settles: the period facts, the
 * period's inputs and events, and the named values (consts, schedule
 * rates, lets), each computed at most once per period — lets lazily, so an
 * unused let never fails (language decision). Consts and schedule values
 * that do not depend on the period are computed once per run.
 */
import type { PeriodFact } from "../check/checked-program.ts";
import type { Range } from "../diagnostics/range.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import type { EventOccurrence } from "../inputs/deal-data.ts";
import type { TraceEntry } from "../ledger/ledger.ts";
import type { ConstDecl, Expr, LetStmt, OnStmt, ScheduleDecl, ScheduleEntry } from "../syntax/ast.ts";
import { parseDate } from "./dates.ts";
import { Decimal } from "./decimal.ts";
import { evalExpr } from "./expressions.ts";
import type { Period } from "./periods.ts";
import type { ProgramPlan } from "./program-plan.ts";
import { RunError } from "./run-error.ts";
import { Trace } from "./trace.ts";
import { date, num } from "./values.ts";
import type { Value } from "./values.ts";

/** A computed named value with the named values it was computed from. */
export interface Named {
  readonly value: Value;
  readonly deps: readonly TraceEntry[];
}

/** Values shared by every period of one run: consts and schedule entries that do not depend on the period. */
export class RunMemo {
  /** null: depends on the period, compute it per period. */
  readonly statics = new Map<ConstDecl | ScheduleEntry, Named | null>();
}

export class PeriodContext {
  private readonly consts = new Map<ConstDecl, Named>();
  private readonly scheduleValues = new Map<ScheduleDecl, Named>();
  private readonly eventsByName = new Map<string, EventOccurrence[]>();
  private facts: Map<PeriodFact, Value> | null = null;
  /** The scope of consts, schedule values and caps: no lets, no event arguments. */
  readonly root: Scope;

  constructor(
    readonly plan: ProgramPlan,
    readonly memo: RunMemo,
    readonly period: Period,
    private readonly inputs: ReadonlyMap<string, Decimal>,
    /** The period's events, in date order (equal dates: input order). */
    events: readonly EventOccurrence[],
  ) {
    for (const e of events) {
      const list = this.eventsByName.get(e.event);
      if (list) list.push(e);
      else this.eventsByName.set(e.event, [e]);
    }
    this.root = new Scope(this, null, null, null);
  }

  /** The events of one kind in this period, in order. */
  eventsOf(name: string): readonly EventOccurrence[] {
    return this.eventsByName.get(name) ?? [];
  }

  input(name: string, range: Range): Decimal {
    const v = this.inputs.get(name);
    if (v === undefined) {
      throw new RunError(RUN.missingInput, `input ${name} has no value`, range);
    }
    return v;
  }

  fact(fact: PeriodFact): Value {
    if (this.facts === null) {
      const p = this.period;
      const start = parseDate(p.start);
      const end = parseDate(p.end);
      this.facts = new Map<PeriodFact, Value>([
        ["days", num(Decimal.ofInt(p.days))],
        ["period_index", num(Decimal.ofInt(p.index))],
        ["contract_year", num(Decimal.ofInt(p.contractYear))],
      ]);
      // Period dates come from periodsOfTerm and always parse.
      if (start) this.facts.set("period_start", date(start));
      if (end) this.facts.set("period_end", date(end));
    }
    const v = this.facts.get(fact);
    if (v === undefined) throw new Error(`internal: no period fact ${fact}`);
    return v;
  }

  constValue(decl: ConstDecl): Named {
    const known = this.consts.get(decl);
    if (known) return known;
    const named = this.staticOr(decl, decl.value);
    this.consts.set(decl, named);
    return named;
  }

  scheduleValue(decl: ScheduleDecl, range: Range): Named {
    const known = this.scheduleValues.get(decl);
    if (known) return known;
    const entry = this.plan.schedules.get(decl)?.entryFor(this.period) ?? null;
    if (entry === null) {
      throw new RunError(
        RUN.noScheduleEntry,
        `schedule ${decl.name.text} has no entry for ${decl.basis === "date" ? `a period starting ${this.period.start}` : decl.basis === "period" ? `period ${this.period.index}` : `contract year ${this.period.contractYear}`}`,
        range,
      );
    }
    const named = this.staticOr(entry, entry.value);
    this.scheduleValues.set(decl, named);
    return named;
  }

  /** A run-wide value when `expr` does not depend on the period, else this period's. */
  private staticOr(key: ConstDecl | ScheduleEntry, expr: Expr): Named {
    const cached = this.memo.statics.get(key);
    if (cached) return cached;
    const named = computeNamed(expr, this.root);
    if (cached === undefined) this.memo.statics.set(key, this.plan.isStatic(expr) ? named : null);
    return named;
  }
}

/**
 * A lexical scope inside a clause: the clause's top level, or one run of an
 * `on` block with its event's arguments. Lets are memoized in the scope of
 * the block that declares them, so a let inside `on` is computed once per
 * event and a clause-level let once per period.
 */
export class Scope {
  private lets: Map<LetStmt, Named> | null = null;

  constructor(
    readonly ctx: PeriodContext,
    readonly parent: Scope | null,
    /** The `on` block this scope runs (null: the clause's top level). */
    readonly owner: OnStmt | null,
    readonly event: EventOccurrence | null,
  ) {}

  /** The scope of one run of an `on` block nested here. */
  child(on: OnStmt, event: EventOccurrence): Scope {
    return new Scope(this.ctx, this, on, event);
  }

  letValue(decl: LetStmt): Named {
    const owner = this.ctx.plan.letOwner.get(decl) ?? null;
    let s: Scope = this;
    while (s.owner !== owner && s.parent !== null) s = s.parent;
    s.lets ??= new Map();
    const known = s.lets.get(decl);
    if (known) return known;
    const named = computeNamed(decl.value, s);
    s.lets.set(decl, named);
    return named;
  }

  eventArg(event: string, arg: string): Decimal {
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      if (s.event?.event === event) {
        const v = s.event.args.get(arg);
        if (v !== undefined) return v;
      }
    }
    throw new Error(`internal: event argument ${event}.${arg} is not in scope`);
  }
}

function computeNamed(expr: Expr, scope: Scope): Named {
  const trace = new Trace();
  const value = evalExpr(expr, scope, trace);
  return { value, deps: trace.entries };
}
