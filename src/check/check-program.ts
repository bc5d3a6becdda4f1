/**
 * The checker's entry point: names, units, schedules, clauses and tests of
 * a parsed term sheet, in one pass each. Every problem is reported (the
 * checker recovers and goes on); the checked program is produced only when
 * there is no error, since the interpreter accepts nothing else.
 */
import { hasErrors, type Result } from "../diagnostics/diagnostic.ts";
import type { Program } from "../syntax/ast.ts";
import type { CheckedProgram, DealHeader } from "./checked-program.ts";
import { checkClauses } from "./clauses.ts";
import { ConstEvaluator } from "./const-eval.ts";
import { CheckContext } from "./context.ts";
import { currencyDecimals } from "../types/currencies.ts";
import { checkHeader, termGeneration, type Header } from "./declarations.ts";
import { checkCalendars, type ResolvedPayment } from "./calendars.ts";
import { ExprChecker } from "./expressions.ts";
import { checkGlobals } from "./globals.ts";
import { checkInputRanges, checkTestRanges } from "./input-ranges.ts";
import { checkInstances, withoutFailedInstances } from "./instances.ts";
import { declareGlobals, type Globals } from "./names.ts";
import { checkTests } from "./tests.ts";
import { unitDisplay } from "./units.ts";
import { CHECK } from "../diagnostics/codes/check.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { groupDigits, limitsWith, type Limits } from "../limits.ts";
import type { Decl } from "../syntax/ast.ts";

export interface CheckOptions {
  /** Resource limits (src/limits.ts); the checker enforces `maxAstNodes` and `maxPeriods`. */
  readonly limits?: Partial<Limits>;
  /**
   * The source had parse errors. A declaration that did not parse is absent
   * from the program, so a missing deal/parties/term/currency is not
   * reported: the parse error already is.
   */
  readonly afterParseErrors?: boolean;
}

/**
 * Checks a parsed program. The value is null when any error was found;
 * the diagnostics (TN2xxx, errors and warnings) are all reported either way,
 * in source order.
 */
export function checkProgram(program: Program, options: CheckOptions = {}): Result<CheckedProgram | null> {
  const limits = limitsWith(options.limits);
  // Past the node limit nothing else is checked: the limit bounds the checker's work too.
  const tooBig = checkNodeCount(program, limits.maxAstNodes);
  if (tooBig !== null) return { value: null, diagnostics: [tooBig] };
  const ctx = new CheckContext();
  const header = checkHeader(program, ctx, options.afterParseErrors === true);
  checkPeriodCount(program, ctx, limits.maxPeriods);
  // Past the period limit the payment dates are not worked out (the term is an error already).
  const payment = checkCalendars(program, ctx, header, ctx.calendar !== null && ctx.calendar.periodCount > limits.maxPeriods ? null : ctx.calendar);
  const globals = declareGlobals(program, ctx, header);
  const consts = new ConstEvaluator(ctx);
  const exprs = new ExprChecker(ctx, consts);
  const failedInstances = checkInstances(program, ctx, globals, exprs);
  checkGlobals(ctx, globals, exprs, consts);
  checkInputRanges(ctx, globals, exprs, consts);
  checkClauses(program, ctx, globals, exprs);
  checkTests(ctx, globals, exprs);
  checkTestRanges(ctx, globals, consts);

  const diagnostics = withoutFailedInstances(ctx.diagnostics, failedInstances).sort((a, b) => (a.range?.start ?? 0) - (b.range?.start ?? 0));
  // A header part left unreported (after parse errors) still leaves nothing to run.
  const complete = header.deal && header.parties && header.term && header.currency;
  if (hasErrors(diagnostics) || !complete || options.afterParseErrors) return { value: null, diagnostics };
  const checked: CheckedProgram = {
    program,
    header: dealHeader(header, globals, payment),
    inputs: [...globals.inputs.values()],
    consts: globals.consts,
    schedules: globals.schedules,
    tiers: globals.tiers.map((d) => ctx.tiers.get(d)).filter((t) => t !== undefined && t !== null),
    clauses: globals.clauseList,
    tests: globals.tests,
    bindings: ctx.bindings,
    types: ctx.types,
  };
  return { value: checked, diagnostics };
}

/** The header with defaults applied; only called when every part exists and has no error. */
function dealHeader(h: Header, g: Globals, payment: ResolvedPayment | null): DealHeader {
  const code = h.currency!.code.text;
  return {
    title: h.deal!.title.value,
    parties: h.parties!.parties.map((p) => ({ name: p.name.text, legalName: p.legalName.value })),
    term: { start: h.term!.start.text, end: h.term!.end.text, frequency: h.term!.frequency, ...termGeneration(h.term!) },
    ...(payment === null ? {} : { payment: payment.payment, calendars: payment.calendars }),
    currency: { code, decimals: currencyDecimals(code), rounding: h.currency!.rounding ?? "half_even" },
    settleNet: h.settle !== null,
    units: g.units,
    inputs: [...g.inputs.values()].map((d) => ({ name: d.name.text, unit: unitDisplay(g.inputTypes.get(d)!) })),
    events: [...g.events.values()].map((e) => ({
      name: e.name.text,
      params: e.params.map((p) => ({ name: p.name.text, unit: unitDisplay(g.paramTypes.get(p)!) })),
      // The count is a whole number ≥ 1 (checked, TN2166).
      ...(e.limit === undefined ? {} : { limit: { count: Number(e.limit.count.digits), per: e.limit.per } }),
    })),
  };
}

/**
 * Syntax nodes (objects with a `kind`) in one declaration, counted without
 * recursion and without knowing the node types (so new ones count too);
 * stops past `budget`. Ranges are leaves and are skipped.
 */
function countNodes(decl: Decl, budget: number): number {
  let count = 0;
  const stack: object[] = [decl];
  while (stack.length > 0 && count <= budget) {
    const x = stack.pop()!;
    if (Array.isArray(x)) {
      for (const item of x) if (typeof item === "object" && item !== null) stack.push(item);
      continue;
    }
    if (!("kind" in x)) continue;
    count++;
    const fields = x as Record<string, unknown>;
    for (const key in fields) {
      const v = fields[key];
      if (key !== "range" && typeof v === "object" && v !== null) stack.push(v);
    }
  }
  return count;
}

/** TN2090 at the declaration that takes the program past `max` nodes, or null. */
function checkNodeCount(program: Program, max: number): Diagnostic | null {
  let total = 1; // the Program node
  for (const decl of program.decls) {
    total += countNodes(decl, max - total);
    if (total > max) {
      const name = "name" in decl && decl.name.kind === "Name" ? decl.name.range : decl.range;
      const message = `the term sheet has more than ${groupDigits(max)} syntax nodes (the limit); split it into smaller term sheets`;
      return { code: CHECK.tooManyAstNodes, severity: "error", message, range: name };
    }
  }
  return null;
}

/** TN2091 at the term when it has more periods than `max` (the interpreter settles each one). */
function checkPeriodCount(program: Program, ctx: CheckContext, max: number): void {
  const count = ctx.calendar?.periodCount ?? 0;
  const term = program.decls.find((d) => d.kind === "Term");
  if (count <= max || term === undefined) return;
  ctx.error(CHECK.tooManyPeriods, term.range, `the term has ${groupDigits(count)} periods, more than the limit of ${groupDigits(max)}`);
}
