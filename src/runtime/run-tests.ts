/**
 * `test` blocks (docs/language.md §13, §14 `tenor test`): each test settles only the
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
import type { IrExpect, IrExpr, IrRange, IrTest } from "../ir/ir.ts";
import { RUN } from "../diagnostics/codes/run.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Range } from "../diagnostics/range.ts";
import { Decimal } from "../eval/decimal.ts";
import { periodOfDate, periodStartingOn } from "../eval/periods.ts";
import type { Period } from "../eval/periods.ts";
import type { EventOccurrence } from "../inputs/deal-data.ts";
import type { Ledger } from "../ledger/ledger.ts";
import { runPeriods } from "./engine.ts";
import type { PeriodInput } from "./engine.ts";
import { Frame } from "./frame.ts";
import { formatMoney } from "./money.ts";
import { prepareExpr, toRange } from "./prepare-expr.ts";
import type { PreparedProgram } from "./prepare.ts";
import { asRunError } from "./run-error.ts";
import { eventsBySlot, inputsBySlot } from "./settle-data.ts";

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

/** Runs every test block of a program, in source order. Never throws on a bad test. */
export function runTests(program: PreparedProgram): TestResult[] {
  return program.ir.tests.map((t) => runTest(t, program));
}

function failed(t: IrTest, errors: readonly Diagnostic[]): TestResult {
  return {
    title: t.title,
    range: toRange(t.range),
    passed: false,
    expectations: [],
    problems: errors.map((d) => ({ range: d.range ?? toRange(t.range), message: d.message, code: d.code })),
  };
}

function error(code: string, message: string, range: Range | IrRange): Diagnostic {
  return { code, severity: "error", message, range: isIrRange(range) ? toRange(range) : range };
}

function isIrRange(r: Range | IrRange): r is IrRange {
  return Array.isArray(r);
}

function runTest(t: IrTest, program: PreparedProgram): TestResult {
  const setup = settleInputs(t, program);
  if ("errors" in setup) return failed(t, setup.errors);
  const run = runPeriods(program, setup.periods);
  if (run.value === null) {
    return failed(t, run.diagnostics.map((d) => ({ ...d, message: `test "${t.title}": ${d.message}` })));
  }
  const ledger = run.value;
  const expectations: ExpectationResult[] = [];
  const problems: TestProblem[] = [];
  for (const e of t.expects) {
    const r = checkExpectation(e, ledger, program, setup);
    if ("error" in r) {
      problems.push({ range: r.error.range ?? toRange(e.range), message: r.error.message, code: r.error.code });
      continue;
    }
    expectations.push(r);
    if (!r.passed) {
      problems.push({ range: toRange(e.range), message: `expected ${r.description} ${r.expected}, got ${r.actual}` });
    }
  }
  return { title: t.title, range: toRange(t.range), passed: problems.length === 0, expectations, problems };
}

/** Evaluates test-given expressions as constants: literals, consts, period facts, never inputs. */
type ConstantEval = (expr: IrExpr, period: Period) => Decimal;

interface Setup {
  /** The listed periods, in date order. */
  readonly periods: PeriodInput[];
  readonly constants: ConstantEval;
  /** What a test listing no period evaluates its amounts against. */
  readonly firstOfTerm: Period;
}

function settleInputs(t: IrTest, program: PreparedProgram): Setup | { errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const term = program.periods;
  if (term.length === 0) throw new Error("internal: a checked program has a term with no period");
  const header = program.header;
  const constants: ConstantEval = (expr, period) => {
    const frame = new Frame(period, program.factsOf(period), [], header.events.map(() => []), program.constCount, program.scheduleCount);
    return prepareExpr(expr, program.scope)(frame) as Decimal;
  };
  const evalOrReport = (expr: IrExpr, period: Period): Decimal | null => {
    try {
      return constants(expr, period);
    } catch (caught) {
      const range = toRange(expr.range);
      const e = asRunError(caught, range);
      errors.push(error(e.code, `test "${t.title}": ${e.detail}`, e.range ?? range));
      return null;
    }
  };
  const declared = new Set(header.inputs.map((i) => i.name));

  const byStart = new Map<string, { period: Period; inputs: Map<string, Decimal>; events: EventOccurrence[] }>();
  for (const tp of t.periods) {
    const period = periodStartingOn(term, tp.date);
    if (period === null) {
      errors.push(error(RUN.testPeriodNotInTerm, `${tp.date} is not the start of a period of the term`, tp.dateRange));
      continue;
    }
    if (byStart.has(period.start)) {
      errors.push(error(RUN.testPeriodRepeated, `period ${period.start} is listed twice in this test`, tp.dateRange));
      continue;
    }
    const inputs = new Map<string, Decimal>();
    for (const v of tp.values) {
      if (!declared.has(v.name)) {
        errors.push(error(RUN.testUnknownInput, `${v.name} is not a declared input`, v.nameRange));
        continue;
      }
      if (inputs.has(v.name)) {
        errors.push(error(RUN.testValueRepeated, `${v.name} is given twice for period ${period.start}`, v.nameRange));
        continue;
      }
      const d = evalOrReport(v.value, period);
      if (d !== null) inputs.set(v.name, d);
    }
    const missing = header.inputs.map((i) => i.name).filter((n) => !inputs.has(n) && !tp.values.some((v) => v.name === n));
    if (missing.length > 0) {
      errors.push(error(RUN.testInputMissing, `period ${period.start} gives no value for ${missing.join(", ")}`, tp.range));
    }
    byStart.set(period.start, { period, inputs, events: [] });
  }

  // Events in date order; equal dates keep their order in the test.
  const events = t.events.map((e, i) => ({ e, i })).sort((a, b) =>
    a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i);
  for (const { e } of events) {
    const decl = header.events.find((d) => d.name === e.event);
    const period = periodOfDate(term, e.date);
    const listed = period === null ? undefined : byStart.get(period.start);
    if (decl === undefined) {
      errors.push(error(RUN.testEventMismatch, `${e.event} is not a declared event`, e.eventRange));
      continue;
    }
    if (period === null || listed === undefined) {
      errors.push(error(RUN.testEventOutsidePeriods, `event ${e.event} on ${e.date} is in none of the periods this test lists`, e.dateRange));
      continue;
    }
    const args = new Map<string, Decimal>();
    for (const a of e.args) {
      if (!decl.params.some((p) => p.name === a.name)) {
        errors.push(error(RUN.testEventMismatch, `event ${decl.name} has no argument ${a.name}`, a.nameRange));
        continue;
      }
      const d = evalOrReport(a.value, period);
      if (d !== null) args.set(a.name, d);
    }
    const missing = decl.params.filter((p) => !e.args.some((a) => a.name === p.name)).map((p) => p.name);
    if (missing.length > 0) {
      errors.push(error(RUN.testEventMismatch, `event ${decl.name} on ${e.date} gives no value for ${missing.join(", ")}`, e.range));
    }
    listed.events.push({ date: e.date, event: decl.name, args });
  }

  if (errors.length > 0) return { errors };
  const periods = [...byStart.values()]
    .sort((a, b) => a.period.index - b.period.index)
    .map((p) => ({ period: p.period, inputs: inputsBySlot(header, p.inputs), events: eventsBySlot(header, p.events) }));
  return { periods, constants, firstOfTerm: term[0]! };
}

function describe(e: IrExpect): string {
  return `${e.payer} pays ${e.payee}${e.clause !== null ? ` under ${e.clause}` : ""}${e.period !== null ? ` in ${e.period}` : ""}`;
}

function checkExpectation(
  e: IrExpect,
  ledger: Ledger,
  program: PreparedProgram,
  setup: Setup,
): ExpectationResult | { error: Diagnostic } {
  const periods = e.period === null ? ledger.periods : ledger.periods.filter((p) => p.start === e.period);
  if (e.period !== null && periods.length === 0) {
    return { error: error(RUN.testExpectPeriodUnknown, `${e.period} is not one of the periods this test lists`, e.periodRange ?? e.range) };
  }
  // The amount is a constant; period facts in it refer to the period it is about (or the test's first).
  const about = e.period === null
    ? setup.periods[0]?.period ?? setup.firstOfTerm
    : setup.periods.find((p) => p.period.start === e.period)!.period;
  let expected: Decimal;
  try {
    expected = setup.constants(e.amount, about).round(program.decimals, program.rounding);
  } catch (caught) {
    const range = toRange(e.amount.range);
    const err = asRunError(caught, range);
    return { error: error(err.code, err.detail, err.range ?? range) };
  }
  let actual = Decimal.ZERO;
  for (const p of periods) {
    for (const l of p.lines) {
      if (l.payer !== e.payer || l.payee !== e.payee) continue;
      if (e.clause !== null && l.clause !== e.clause) continue;
      actual = actual.add(Decimal.parse(l.amount) ?? Decimal.ZERO);
    }
  }
  return {
    range: toRange(e.range),
    description: describe(e),
    expected: formatMoney(expected, program),
    actual: formatMoney(actual, program),
    passed: expected.eq(actual),
  };
}
