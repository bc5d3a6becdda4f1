/**
 * `test` blocks (brief §1, §9 `tenor test`): each test settles only the
 * periods it lists, sorted by date (any periods of the term, not
 * necessarily contiguous), with the values and events it gives, then
 * compares each `expect` with the sum of the matching lines' amounts.
 *
 * Caps and `for N consecutive periods` histories run over the listed
 * periods only: the history before the first listed period is empty, and
 * a gap between two listed periods breaks a consecutive streak (what
 * happened in between is unknown). A test is a statement about the terms
 * in isolation, not a replay of a whole run.
 */
import type { CheckedProgram } from "../check/checked-program.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Range } from "../diagnostics/range.ts";
import type { EventOccurrence } from "../inputs/deal-data.ts";
import type { Ledger } from "../ledger/ledger.ts";
import type { Expr, TestDecl, TestExpect } from "../syntax/ast.ts";
import { Decimal } from "./decimal.ts";
import { runPeriods } from "./engine.ts";
import type { PeriodData } from "./engine.ts";
import { evalNumber } from "./expressions.ts";
import { formatMoney, roundMoney } from "./money.ts";
import { PeriodContext, RunMemo } from "./period-context.ts";
import { periodOfDate, periodsOf, periodStartingOn } from "./periods.ts";
import type { Period } from "./periods.ts";
import { planProgram } from "./program-plan.ts";
import type { ProgramPlan } from "./program-plan.ts";
import { asRunError } from "./run-error.ts";

/** The outcome of one `expect`. */
export interface ExpectationResult {
  readonly range: Range;
  /** `sharon pays nvidia under revenue_share in 2027-07-01` */
  readonly description: string;
  /** The expected amount rounded to the currency's decimals, e.g. "1250000.00". */
  readonly expected: string;
  /** The sum of the matching lines' amounts. */
  readonly actual: string;
  readonly passed: boolean;
}

/** Something to show under a failed test: a failed expectation or the error that kept the test from running. */
export interface TestProblem {
  readonly range: Range;
  readonly message: string;
  /** The run-time code (TN30xx) when the test could not run; absent for a failed expectation. */
  readonly code?: string;
}

export interface TestResult {
  readonly title: string;
  readonly range: Range;
  readonly passed: boolean;
  /** One per `expect`, in order; empty when the test could not run. */
  readonly expectations: readonly ExpectationResult[];
  /** Failed expectations and errors, in order, for reporting. */
  readonly problems: readonly TestProblem[];
}

/** Runs every test block of a checked program, in source order. Never throws on a bad test. */
export function runTests(checked: CheckedProgram, plan: ProgramPlan = planProgram(checked)): TestResult[] {
  const term = periodsOf(checked.header.term);
  return checked.tests.map((t) => runTest(t, plan, term));
}

function failed(t: TestDecl, errors: readonly Diagnostic[]): TestResult {
  return {
    title: t.title.value,
    range: t.range,
    passed: false,
    expectations: [],
    problems: errors.map((d) => ({ range: d.range ?? t.range, message: d.message, code: d.code })),
  };
}

function error(code: string, message: string, range: Range): Diagnostic {
  return { code, severity: "error", message, range };
}

function runTest(t: TestDecl, plan: ProgramPlan, term: readonly Period[]): TestResult {
  const setup = settleInputs(t, plan, term);
  if ("errors" in setup) return failed(t, setup.errors);
  const run = runPeriods(plan, setup.periods);
  if (run.value === null) {
    return failed(t, run.diagnostics.map((d) => ({ ...d, message: `test "${t.title.value}": ${d.message}` })));
  }
  const ledger = run.value;
  const expectations: ExpectationResult[] = [];
  const problems: TestProblem[] = [];
  for (const e of t.expects) {
    const r = checkExpectation(e, ledger, plan, setup);
    if ("error" in r) {
      problems.push({ range: r.error.range ?? e.range, message: r.error.message, code: r.error.code });
      continue;
    }
    expectations.push(r);
    if (!r.passed) {
      problems.push({ range: e.range, message: `expected ${r.description} ${r.expected}, got ${r.actual}` });
    }
  }
  return { title: t.title.value, range: t.range, passed: problems.length === 0, expectations, problems };
}

/** Evaluates test-given expressions as constants: literals, consts, period facts, never inputs. */
type ConstantEval = (expr: Expr, period: Period) => Decimal;

interface Setup {
  /** The listed periods, in date order. */
  readonly periods: PeriodData[];
  readonly constants: ConstantEval;
  /** What a test listing no period evaluates its amounts against. */
  readonly firstOfTerm: Period;
}

function settleInputs(t: TestDecl, plan: ProgramPlan, term: readonly Period[]): Setup | { errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  if (term.length === 0) throw new Error("internal: a checked program has a term with no period");
  const memo = new RunMemo();
  const constants: ConstantEval = (expr, period) =>
    evalNumber(expr, new PeriodContext(plan, memo, period, new Map(), []).root, null);
  const evalOrReport = (expr: Expr, period: Period): Decimal | null => {
    try {
      return constants(expr, period);
    } catch (caught) {
      const e = asRunError(caught, expr.range);
      errors.push(error(e.code, `test "${t.title.value}": ${e.detail}`, e.range ?? expr.range));
      return null;
    }
  };
  const declared = new Set(plan.header.inputs.map((i) => i.name));

  const byStart = new Map<string, { period: Period; inputs: Map<string, Decimal>; events: EventOccurrence[] }>();
  for (const tp of t.periods) {
    const period = periodStartingOn(term, tp.date.text);
    if (period === null) {
      errors.push(error(RUN.testPeriodNotInTerm, `${tp.date.text} is not the start of a period of the term`, tp.date.range));
      continue;
    }
    if (byStart.has(period.start)) {
      errors.push(error(RUN.testPeriodRepeated, `period ${period.start} is listed twice in this test`, tp.date.range));
      continue;
    }
    const inputs = new Map<string, Decimal>();
    for (const v of tp.values) {
      const name = v.name.text;
      if (!declared.has(name)) {
        errors.push(error(RUN.testUnknownInput, `${name} is not a declared input`, v.name.range));
        continue;
      }
      if (inputs.has(name)) {
        errors.push(error(RUN.testValueRepeated, `${name} is given twice for period ${period.start}`, v.name.range));
        continue;
      }
      const d = evalOrReport(v.value, period);
      if (d !== null) inputs.set(name, d);
    }
    const missing = plan.header.inputs.map((i) => i.name).filter((n) => !inputs.has(n) && !tp.values.some((v) => v.name.text === n));
    if (missing.length > 0) {
      errors.push(error(RUN.testInputMissing, `period ${period.start} gives no value for ${missing.join(", ")}`, tp.range));
    }
    byStart.set(period.start, { period, inputs, events: [] });
  }

  // Events in date order; equal dates keep their order in the test.
  const events = t.events.map((e, i) => ({ e, i })).sort((a, b) =>
    a.e.date.text < b.e.date.text ? -1 : a.e.date.text > b.e.date.text ? 1 : a.i - b.i);
  for (const { e } of events) {
    const decl = plan.header.events.find((d) => d.name === e.event.text);
    const period = periodOfDate(term, e.date.text);
    const listed = period === null ? undefined : byStart.get(period.start);
    if (decl === undefined) {
      errors.push(error(RUN.testEventMismatch, `${e.event.text} is not a declared event`, e.event.range));
      continue;
    }
    if (period === null || listed === undefined) {
      errors.push(error(RUN.testEventOutsidePeriods, `event ${e.event.text} on ${e.date.text} is in none of the periods this test lists`, e.date.range));
      continue;
    }
    const args = new Map<string, Decimal>();
    for (const a of e.args) {
      if (!decl.params.some((p) => p.name === a.name.text)) {
        errors.push(error(RUN.testEventMismatch, `event ${decl.name} has no argument ${a.name.text}`, a.name.range));
        continue;
      }
      const d = evalOrReport(a.value, period);
      if (d !== null) args.set(a.name.text, d);
    }
    const missing = decl.params.filter((p) => !e.args.some((a) => a.name.text === p.name)).map((p) => p.name);
    if (missing.length > 0) {
      errors.push(error(RUN.testEventMismatch, `event ${decl.name} on ${e.date.text} gives no value for ${missing.join(", ")}`, e.range));
    }
    listed.events.push({ date: e.date.text, event: decl.name, args });
  }

  if (errors.length > 0) return { errors };
  const periods = [...byStart.values()]
    .sort((a, b) => a.period.index - b.period.index)
    .map((p) => ({ period: p.period, inputs: p.inputs, events: p.events }));
  return { periods, constants, firstOfTerm: term[0]! };
}

function describe(e: TestExpect): string {
  return `${e.payer.text} pays ${e.payee.text}${e.clause ? ` under ${e.clause.text}` : ""}${e.period ? ` in ${e.period.text}` : ""}`;
}

function checkExpectation(
  e: TestExpect,
  ledger: Ledger,
  plan: ProgramPlan,
  setup: Setup,
): ExpectationResult | { error: Diagnostic } {
  const periods = e.period === null ? ledger.periods : ledger.periods.filter((p) => p.start === e.period!.text);
  if (e.period !== null && periods.length === 0) {
    return { error: error(RUN.testExpectPeriodUnknown, `${e.period.text} is not one of the periods this test lists`, e.period.range) };
  }
  // The amount is a constant; period facts in it refer to the period it is about (or the test's first).
  const about = e.period === null ? setup.periods[0]?.period ?? setup.firstOfTerm : setup.periods.find((p) => p.period.start === e.period!.text)!.period;
  let expected: Decimal;
  try {
    expected = roundMoney(setup.constants(e.amount, about), plan);
  } catch (caught) {
    const err = asRunError(caught, e.amount.range);
    return { error: error(err.code, err.detail, err.range ?? e.amount.range) };
  }
  let actual = Decimal.ZERO;
  for (const p of periods) {
    for (const l of p.lines) {
      if (l.payer !== e.payer.text || l.payee !== e.payee.text) continue;
      if (e.clause !== null && l.clause !== e.clause.text) continue;
      actual = actual.add(Decimal.parse(l.amount) ?? Decimal.ZERO);
    }
  }
  return {
    range: e.range,
    description: describe(e),
    expected: formatMoney(expected, plan),
    actual: formatMoney(actual, plan),
    passed: expected.eq(actual),
  };
}
