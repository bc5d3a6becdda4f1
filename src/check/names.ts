/**
 * Top-level names: parties, units, inputs, consts, schedules, tiers tables,
 * events and clauses, each declared once. Inputs, consts, schedules and
 * tiers tables share the value namespace (with the period facts, which nothing may redeclare); parties,
 * units, events and clauses each have their own.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import type {
  ClauseDecl, ConstDecl, EventDecl, EventParam, InputDecl, Name, Party, Program, ScheduleDecl, TestDecl, TiersDecl,
} from "../syntax/ast.ts";
import { PERIOD_FACTS, type Binding, type PeriodFact, type Type } from "./checked-program.ts";
import type { CheckContext } from "./context.ts";
import type { Header } from "./declarations.ts";
import { Scope } from "./scope.ts";
import { didYouMean } from "../diagnostics/suggest.ts";
import { DATE_TYPE, ERROR_TYPE, PLAIN_TYPE } from "../types/types.ts";
import { RESERVED_UNITS, resolveUnitExpr } from "./units.ts";

/** What each period fact means, for messages. */
export const PERIOD_FACT_MEANING: Record<PeriodFact, string> = {
  days: "the number of days in the period",
  period_index: "the 1-based index of the period",
  contract_year: "the 1-based contract year of the period",
  period_start: "the first day of the period",
  period_end: "the last day of the period",
};

export interface Globals {
  readonly parties: ReadonlyMap<string, Party>;
  /** Declared units in order (the currency excluded). */
  readonly units: readonly string[];
  readonly inputs: ReadonlyMap<string, InputDecl>;
  readonly inputTypes: ReadonlyMap<InputDecl, Type>;
  readonly events: ReadonlyMap<string, EventDecl>;
  readonly paramTypes: ReadonlyMap<EventParam, Type>;
  /** Consts and schedules that were declared (duplicates left out), in source order. */
  readonly consts: readonly ConstDecl[];
  readonly schedules: readonly ScheduleDecl[];
  /** Tiers tables that were declared (duplicates left out), in source order. */
  readonly tiers: readonly TiersDecl[];
  readonly clauses: ReadonlyMap<string, ClauseDecl>;
  readonly clauseList: readonly ClauseDecl[];
  readonly tests: readonly TestDecl[];
  /** Inputs, consts, schedules and period facts. */
  readonly scope: Scope;
}

export function isPeriodFact(text: string): text is PeriodFact {
  return (PERIOD_FACTS as readonly string[]).includes(text);
}

/** Reports a declaration that reuses a period fact's name; true when it did. */
export function reportPeriodFactName(ctx: CheckContext, name: Name, what: string): boolean {
  if (!isPeriodFact(name.text)) return false;
  ctx.error(
    CHECK.shadowsPeriodFact,
    name.range,
    `${what} ${name.text} would hide the period fact ${name.text} (${PERIOD_FACT_MEANING[name.text]}); choose another name`,
  );
  return true;
}

/** Reports a second declaration of a name, pointing at the first. */
export function reportDuplicate(ctx: CheckContext, name: Name, first: Name, firstWhat: string): void {
  ctx.error(CHECK.duplicateDeclaration, name.range, `${name.text} is already declared as ${firstWhat}; choose another name`, [
    { range: first.range, message: `${name.text} is first declared here` },
  ]);
}

/** Declares every top-level name, reporting duplicates, reserved names and unknown units. */
export function declareGlobals(program: Program, ctx: CheckContext, header: Header): Globals {
  const parties = new Map<string, Party>();
  for (const p of header.parties?.parties ?? []) {
    if (p.name.text === "") continue;
    const first = parties.get(p.name.text);
    if (first) reportDuplicate(ctx, p.name, first.name, "a party");
    else parties.set(p.name.text, p);
  }

  const units = declareUnits(program, ctx);

  const scope = new Scope(null, "global");
  for (const fact of PERIOD_FACTS) {
    const type = fact === "period_start" || fact === "period_end" ? DATE_TYPE : PLAIN_TYPE;
    scope.declare(fact, { name: null, binding: { kind: "periodFact", fact }, level: "global", type, what: `the period fact ${fact}` });
  }

  const inputs = new Map<string, InputDecl>();
  const inputTypes = new Map<InputDecl, Type>();
  const consts: ConstDecl[] = [];
  const schedules: ScheduleDecl[] = [];
  const tiers: TiersDecl[] = [];
  const events = new Map<string, EventDecl>();
  const clauses = new Map<string, ClauseDecl>();
  const clauseList: ClauseDecl[] = [];
  const tests: TestDecl[] = [];
  const testTitles = new Map<string, TestDecl>();

  for (const d of program.decls) {
    switch (d.kind) {
      case "Input": {
        const type = resolveUnitExpr(ctx, d.unit, "declaration");
        inputTypes.set(d, type);
        if (declareValue(ctx, scope, d.name, { kind: "input", decl: d }, type)) inputs.set(d.name.text, d);
        break;
      }
      case "Const":
        if (declareValue(ctx, scope, d.name, { kind: "const", decl: d }, ERROR_TYPE)) consts.push(d);
        break;
      case "Tiers":
        if (declareValue(ctx, scope, d.name, { kind: "tiers", decl: d }, ERROR_TYPE)) tiers.push(d);
        break;
      case "Schedule":
        if (declareValue(ctx, scope, d.name, { kind: "schedule", decl: d }, ERROR_TYPE)) schedules.push(d);
        break;
      case "Clause": {
        if (d.name.text === "") break;
        const first = clauses.get(d.name.text);
        if (first) reportDuplicate(ctx, d.name, first.name, "a clause");
        else {
          clauses.set(d.name.text, d);
          clauseList.push(d);
        }
        break;
      }
      case "Test": {
        const first = testTitles.get(d.title.value);
        if (first) {
          ctx.error(CHECK.duplicateDeclaration, d.title.range, `a test titled "${d.title.value}" already exists; give each test its own title`, [
            { range: first.title.range, message: "the first test with this title" },
          ]);
        } else testTitles.set(d.title.value, d);
        tests.push(d);
        break;
      }
      default:
        break;
    }
  }

  // Events after the values: an argument may not reuse a value's name.
  const paramTypes = new Map<EventParam, Type>();
  for (const d of program.decls) {
    if (d.kind !== "Event" || d.name.text === "") continue;
    const first = events.get(d.name.text);
    if (first) reportDuplicate(ctx, d.name, first.name, "an event");
    else events.set(d.name.text, d);
    const seen = new Map<string, EventParam>();
    for (const p of d.params) {
      paramTypes.set(p, resolveUnitExpr(ctx, p.unit, "declaration"));
      if (p.name.text === "") continue;
      const dup = seen.get(p.name.text);
      if (dup) {
        reportDuplicate(ctx, p.name, dup.name, `an argument of ${d.name.text}`);
        continue;
      }
      seen.set(p.name.text, p);
      if (reportPeriodFactName(ctx, p.name, "event argument")) continue;
      const clash = scope.lookup(p.name.text);
      if (clash?.name) {
        ctx.error(
          CHECK.shadowsName,
          p.name.range,
          `event argument ${p.name.text} would hide ${clash.what} inside on ${d.name.text}; choose another name`,
          [{ range: clash.name.range, message: `${p.name.text} is declared here` }],
        );
      }
    }
  }

  return { parties, units, inputs, inputTypes, events, paramTypes, consts, schedules, tiers, clauses, clauseList, tests, scope };
}

/** Declares an input, const or schedule in the global scope; false when the name is taken. */
function declareValue(ctx: CheckContext, scope: Scope, name: Name, binding: Binding, type: Type): boolean {
  if (name.text === "") return false;
  const kind = binding.kind === "tiers" ? "tiers table" : (binding.kind as "input" | "const" | "schedule");
  if (reportPeriodFactName(ctx, name, kind)) return false;
  const first = scope.own(name.text);
  if (first?.name) {
    reportDuplicate(ctx, name, first.name, bindingNoun(first.binding));
    return false;
  }
  scope.declare(name.text, { name, binding, level: "global", type, what: `the ${kind} ${name.text}` });
  return true;
}

/** "an input", "a let", "an argument of lease_default": what a binding is, for messages. */
export function bindingNoun(b: Binding): string {
  switch (b.kind) {
    case "input": return "an input";
    case "const": return "a const";
    case "schedule": return "a schedule";
    case "tiers": return "a tiers table";
    case "let": return "a let";
    case "balance": return "a balance";
    case "eventArg": return `an argument of ${b.event.name.text}`;
    case "periodFact": return "a period fact";
  }
}

/** `units a, b`: new base units beside the currency; reserved words and repeats are errors. */
function declareUnits(program: Program, ctx: CheckContext): string[] {
  const declared = new Map<string, Name>();
  const order: string[] = [];
  for (const d of program.decls) {
    if (d.kind !== "Units") continue;
    for (const n of d.names) {
      if (n.text === "") continue;
      if (RESERVED_UNITS.has(n.text)) {
        ctx.error(CHECK.reservedUnitName, n.range, `${n.text} cannot be declared as a unit: it is built in (number is dimensionless; days, months, years are durations)`);
        continue;
      }
      if (n.text === ctx.currency) {
        ctx.error(CHECK.duplicateDeclaration, n.range, `${n.text} is the deal currency and is already a unit; remove it from units`);
        continue;
      }
      const first = declared.get(n.text);
      if (first) {
        reportDuplicate(ctx, n, first, "a unit");
        continue;
      }
      declared.set(n.text, n);
      order.push(n.text);
      ctx.knownUnits.add(n.text);
    }
  }
  return order;
}

/** Reports a party name that is not declared, suggesting the closest one. */
export function reportUnknownParty(ctx: CheckContext, n: Name, globals: Globals): void {
  const names = [...globals.parties.keys()];
  const hint = didYouMean(n.text, names);
  ctx.error(CHECK.unknownParty, n.range, `unknown party ${n.text}${hint || `; the parties are ${names.join(", ")}`}`);
}
