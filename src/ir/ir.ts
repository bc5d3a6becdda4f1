/**
 * The IR: a checked Tenor program as plain, JSON-serializable data — what a
 * compiled artifact carries and what the runtime (src/runtime) evaluates.
 *
 * Everything the checker resolved is written down here, so the runtime needs
 * neither the parser nor the checker:
 * - every name is resolved to a slot (an index): inputs and events by their
 *   position in `header.inputs` / `header.events`, consts, schedules and
 *   tiers tables by their position in `consts` / `schedules` / `tiers`,
 *   lets by their position in
 *   their clause's `lets`, balances by their position in their clause's
 *   `balances`, event arguments by event slot and argument index;
 * - every number is an exact decimal string, already scaled (`6.3 billion`
 *   is "6300000000", `12.5%` is "0.125");
 * - every expression node carries its static `type`, its source `range`,
 *   and, where a run-time error message or a trace quotes it, its printed
 *   text or its display name and unit.
 *
 * Versioning: any change to these types that an older runtime could
 * misread (a new node kind, a new field with a meaning, a changed meaning)
 * bumps `formatVersion` in src/compile/artifact.ts (see docs/artifact.md).
 * Nothing here refers to checker or syntax modules: the IR stands alone.
 */

/** A source range as [start, end): offsets into the term sheet's text (end exclusive). */
export type IrRange = readonly [start: number, end: number];

/** The run-time kind of a value: exact decimal, boolean, calendar date, or a duration in whole days/months/years. */
export type ValueType = "number" | "bool" | "date" | "duration";

/** Settlement frequency of the term (docs/language.md §6). */
export type Frequency = "monthly" | "quarterly" | "annually";

/** Rounding of payments to the currency's minor unit (docs/language.md §5 "deal, parties, term, currency", §9). */
export type RoundingMode = "half_even" | "half_up" | "down" | "up";

/** The period facts of docs/language.md §4. `period_start` and `period_end` are dates; the others plain numbers. */
export type PeriodFact = "days" | "period_index" | "contract_year" | "period_start" | "period_end";

/**
 * How a date that is not a business day moves (docs/language.md §6
 * "Payment dates"): to the next business day (`following`), to the next
 * unless that is in another month, then to the previous (`modified_following`),
 * or to the previous (`preceding`).
 */
export type BusinessDayConvention = "following" | "modified_following" | "preceding";

/**
 * The term's period generation (docs/language.md §6), as written after the
 * frequency. Both fields are absent for the default, forward generation
 * without the end-of-month roll, so a term without options has the IR it
 * always had.
 */
export interface TermGeneration {
  /** `backward`: period dates counted back from the day after the term's end; a short period (stub) first. */
  readonly generation?: "backward";
  /** `end_of_month`: when the date the periods roll from is a month's last day, every period date in between is too. */
  readonly endOfMonth?: true;
}

/**
 * A calendar the payment rule uses, resolved at compile time: every
 * holiday (a weekday that is not a business day) from `from` to `to`, ISO
 * dates, ascending. Saturdays and Sundays are never business days and are
 * not listed. The window covers every date the payment rule looks at for
 * the term's periods, so a runtime needs no holiday rules, and a settlement
 * never depends on a rules library's version.
 */
export interface IrCalendar {
  /** The calendar's name as written (`nyse`, or a `calendar` declaration's name). */
  readonly name: string;
  /** First and last day of the window the holidays are known for (ISO). */
  readonly from: string;
  readonly to: string;
  readonly holidays: readonly string[];
}

/**
 * `paid …` (docs/language.md §6 "Payment dates"): how each period's payment
 * date follows from the period. With `lagUnit` `days` the date is the
 * anchor plus `lag` calendar days, moved by `convention` when it is not a
 * business day; with `business_days` it is the `lag`-th business day after
 * the anchor (the anchor adjusted by `convention` when `lag` is 0), as
 * QuantLib's `Calendar::advance(anchor, lag, Days, convention)`.
 */
export interface IrPaymentRule {
  /** The period date counted from. */
  readonly anchor: "period_end" | "period_start";
  /** A whole number from 0 to 365. */
  readonly lag: number;
  readonly lagUnit: "days" | "business_days";
  readonly convention: BusinessDayConvention;
  /** Slot of the calendar in `header.calendars`. */
  readonly calendar: number;
}

/**
 * The deal header, with defaults applied (the same shape as the checker's
 * DealHeader): what the ledger, the inputs reader and `tenor inspect` need.
 */
export interface TermsHeader {
  /** The deal's title, the ledger's `deal`. */
  readonly title: string;
  /** Parties in declaration order: identifier and legal name. */
  readonly parties: readonly { readonly name: string; readonly legalName: string }[];
  /** `term START to END, FREQUENCY[, backward][, end_of_month]`, dates as ISO text. */
  readonly term: { readonly start: string; readonly end: string; readonly frequency: Frequency } & TermGeneration;
  /** The `paid` rule; absent without one (each period is then paid on its end date, unadjusted). */
  readonly payment?: IrPaymentRule;
  /** The calendars `payment` uses, resolved (present exactly when `payment` is). */
  readonly calendars?: readonly IrCalendar[];
  /** The deal currency, its number of decimals (USD 2, JPY 0) and the rounding mode. */
  readonly currency: { readonly code: string; readonly decimals: number; readonly rounding: RoundingMode };
  /** `settle net`: each period's payments between a pair of parties are netted into one transfer. */
  readonly settleNet: boolean;
  /** Units declared with `units`. */
  readonly units: readonly string[];
  /** Inputs in declaration order (an input's slot is its index here); `unit` is display text. */
  readonly inputs: readonly { readonly name: string; readonly unit: string }[];
  /** Events in declaration order (an event's slot is its index here) with their parameters. */
  readonly events: readonly {
    readonly name: string;
    readonly params: readonly { readonly name: string; readonly unit: string }[];
    /** `at most N per WINDOW` (docs/language.md §5 "Declared ranges"); absent: any number. Format version 4. */
    readonly limit?: IrEventLimit;
  }[];
}

/** At most `count` (a whole number ≥ 1) events of one kind in each `per` window of the settled periods. */
export interface IrEventLimit {
  readonly count: number;
  readonly per: "term" | "contract_year" | "period";
}

// ---------------------------------------------------------------- expressions

/** An expression node. Every node has `kind`, `type` and `range`. */
export type IrExpr =
  | IrNumber
  | IrDuration
  | IrDate
  | IrInputRef
  | IrConstRef
  | IrScheduleRef
  | IrLetRef
  | IrBalanceRef
  | IrEventArgRef
  | IrPeriodFactRef
  | IrUnary
  | IrBinary
  | IrCall
  | IrIf
  | IrInvalid;

interface IrExprBase {
  /** The static type the checker proved; the runtime specializes the node's operation on it. */
  readonly type: ValueType;
  readonly range: IrRange;
}

/** A number literal, scaled and as an exact decimal string: `12.5%` → "0.125", `1.85 USD per gpu_hour` → "1.85". */
export interface IrNumber extends IrExprBase {
  readonly kind: "Number";
  readonly value: string;
}

/** A duration literal: `30 days`, `3 months`, `1 years`; `amount` is a decimal string. */
export interface IrDuration extends IrExprBase {
  readonly kind: "Duration";
  readonly amount: string;
  readonly per: "days" | "months" | "years";
}

/** A date literal, ISO `YYYY-MM-DD`. */
export interface IrDate extends IrExprBase {
  readonly kind: "Date";
  readonly value: string;
}

/** What every name reference carries for traces: the name as written and its display unit (absent for plain numbers, dates and booleans). */
interface IrRefBase extends IrExprBase {
  readonly name: string;
  readonly unit?: string;
}

/** An input of the period: slot = index in `header.inputs`. */
export interface IrInputRef extends IrRefBase {
  readonly kind: "Input";
  readonly slot: number;
}

/** A const: slot = index in `TermsIr.consts`. */
export interface IrConstRef extends IrRefBase {
  readonly kind: "Const";
  readonly slot: number;
}

/** The value of a schedule for the period: slot = index in `TermsIr.schedules`. */
export interface IrScheduleRef extends IrRefBase {
  readonly kind: "Schedule";
  readonly slot: number;
}

/** A let of the enclosing clause: slot = index in the clause's `lets`. */
export interface IrLetRef extends IrRefBase {
  readonly kind: "Let";
  readonly slot: number;
}

/**
 * A balance of the enclosing clause: slot = index in the clause's
 * `balances`. Its value is the current one: the initial value plus the
 * `add`s and minus the `subtract`s run so far, in this and earlier periods.
 */
export interface IrBalanceRef extends IrRefBase {
  readonly kind: "Balance";
  readonly slot: number;
}

/** An argument of the event an enclosing `on` block runs for: event slot and argument index. */
export interface IrEventArgRef extends IrRefBase {
  readonly kind: "EventArg";
  readonly event: number;
  readonly arg: number;
}

/** A period fact: `days`, `period_index`, `contract_year`, `period_start`, `period_end`. */
export interface IrPeriodFactRef extends IrRefBase {
  readonly kind: "PeriodFact";
  readonly fact: PeriodFact;
}

/** `-x` (a number or a duration) or `not x`. */
export interface IrUnary extends IrExprBase {
  readonly kind: "Unary";
  readonly op: "-" | "not";
  readonly operand: IrExpr;
}

/** Arithmetic, comparison and logical operators. */
export type IrBinaryOp =
  | "+" | "-" | "*" | "/"
  | "<" | "<=" | ">" | ">=" | "==" | "!="
  | "and" | "or";

/**
 * `left op right`. `and`/`or` short-circuit. `+`/`-` also shift dates by
 * durations and subtract dates (giving days). `text` is the printed
 * expression, present where a run-time error quotes it: on `/` (division
 * by zero) and on date shifts (a duration that is not whole, a date out of
 * range).
 */
export interface IrBinary extends IrExprBase {
  readonly kind: "Binary";
  readonly op: IrBinaryOp;
  readonly left: IrExpr;
  readonly right: IrExpr;
  readonly text?: string;
}

/**
 * A built-in call (docs/language.md §4): `fn` names an entry of the
 * built-in registry (src/builtins/registry.ts; docs/artifact.md lists them).
 * Every argument is evaluated first. `text` is the call as written, quoted
 * by its run-time errors (a step that is not above zero, dates that are not
 * ascending, n not a whole number from 0 to 1000, a value outside a tiers
 * table). `convert` carries `decimals`: the minor unit of the currency it
 * converts to, which its result is rounded to with the deal's rounding mode.
 */
export interface IrCall extends IrExprBase {
  readonly kind: "Call";
  readonly fn: string;
  readonly args: readonly IrExpr[];
  readonly text?: string;
  readonly decimals?: number;
  /**
   * `tier` and `marginal` only: the slot of the tiers table (its index in
   * `TermsIr.tiers`); `args` are then the arguments after the table (`x`;
   * `base_before`, `amount`).
   */
  readonly table?: number;
}

/** `if cond then a else b`: only the branch taken is evaluated. */
export interface IrIf extends IrExprBase {
  readonly kind: "If";
  readonly cond: IrExpr;
  readonly then: IrExpr;
  readonly else: IrExpr;
}

/**
 * Never produced for a program the checker accepted; stands where the
 * lowering met something it cannot express. Evaluating it is an internal
 * error (TN3099) naming `reason`.
 */
export interface IrInvalid extends IrExprBase {
  readonly kind: "Invalid";
  readonly reason: string;
}

// ---------------------------------------------------------------- clause statements

/**
 * A statement of a clause body. Lets, balances, caps and `from`/`until` are
 * hoisted to the clause; a let that reads a balance also leaves an
 * `IrLetStmt` where it was written.
 */
export type IrStmt = IrPays | IrGrants | IrWhen | IrOn | IrAtSigning | IrAdjust | IrLetStmt;

/**
 * `add AMOUNT to BALANCE` (`op` "add") / `subtract AMOUNT from BALANCE`
 * ("subtract"): changes the balance in `balance` (its slot in the clause's
 * `balances`) by the exact amount, not rounded. `text` is the printed amount.
 */
export interface IrAdjust {
  readonly kind: "Adjust";
  readonly op: "add" | "subtract";
  readonly balance: number;
  readonly amount: IrExpr;
  readonly text: string;
  readonly range: IrRange;
}

/**
 * A let that reads a balance (directly or through other lets), at the place
 * it was written: its value is computed here, each time this statement
 * runs, instead of on first use, so it sees the balance as it is at this
 * point. `slot` is its index in the clause's `lets`.
 */
export interface IrLetStmt {
  readonly kind: "Let";
  readonly slot: number;
  readonly range: IrRange;
}

/** `PAYER pays PAYEE AMOUNT`; `text` is the printed amount, quoted by the negative-payment error. */
export interface IrPays {
  readonly kind: "Pays";
  readonly payer: string;
  readonly payee: string;
  readonly amount: IrExpr;
  readonly text: string;
  readonly range: IrRange;
}

/** `GRANTOR grants GRANTEE QUANTITY INSTRUMENT at PRICE`; the texts are quoted by the negative-grant error. */
export interface IrGrants {
  readonly kind: "Grants";
  readonly grantor: string;
  readonly grantee: string;
  readonly quantity: IrExpr;
  readonly quantityText: string;
  readonly instrument: string;
  readonly price: IrExpr;
  readonly priceText: string;
  readonly range: IrRange;
}

/**
 * `when COND { … }`, or with `for N consecutive periods` when `streak` is
 * the index of the condition in the clause's `streaks` (then `cond` is that
 * same condition, kept for readers; the runtime asks the streak). A streak
 * index outside `streaks` never holds.
 */
export interface IrWhen {
  readonly kind: "When";
  readonly cond: IrExpr;
  readonly streak: number | null;
  readonly body: readonly IrStmt[];
  readonly range: IrRange;
}

/**
 * `on EVENT { … }`: the body runs once per event of that slot in the
 * period, in date order. `lets` are the slots of the lets declared inside
 * this block (not inside nested `on` blocks): they are computed afresh for
 * each event.
 */
export interface IrOn {
  readonly kind: "On";
  readonly event: number;
  readonly lets: readonly number[];
  readonly body: readonly IrStmt[];
  readonly range: IrRange;
}

/** `at signing { … }`: the body runs in period 1 only. */
export interface IrAtSigning {
  readonly kind: "AtSigning";
  readonly body: readonly IrStmt[];
  readonly range: IrRange;
}

// ---------------------------------------------------------------- declarations

/** A `let`: computed at most once per clause and period (per event inside `on`), and only when used. */
export interface IrLet {
  readonly name: string;
  readonly value: IrExpr;
  readonly range: IrRange;
}

/**
 * `balance NAME = INITIAL`: a value the clause carries from period to
 * period. `initial` is constant (literals, consts, built-ins); the balance
 * holds it before the first period of a run (of a test block: before the
 * first period the test lists), and is never rounded.
 */
export interface IrBalance {
  readonly name: string;
  readonly initial: IrExpr;
  readonly range: IrRange;
}

/** `cap AMOUNT over term | per contract_year | per period`, wherever written in the clause. */
export interface IrCap {
  readonly window: "term" | "contract_year" | "period";
  readonly amount: IrExpr;
  readonly range: IrRange;
}

/** The condition of a `when … for N consecutive periods`, observed in every period. */
export interface IrStreak {
  readonly cond: IrExpr;
  /** N. */
  readonly periods: number;
  readonly range: IrRange;
}

/** A clause: statements to run in declaration order, once per period. */
export interface IrClause {
  readonly name: string;
  /** The quoted title, or the name when there is none (docs/language.md §12). */
  readonly title: string;
  /** `from DATE` (ISO) or null. */
  readonly from: string | null;
  /** `until DATE` (ISO) or null. */
  readonly until: string | null;
  readonly lets: readonly IrLet[];
  /** The clause's balances in declaration order (a balance's slot is its index here). */
  readonly balances: readonly IrBalance[];
  readonly caps: readonly IrCap[];
  readonly streaks: readonly IrStreak[];
  readonly body: readonly IrStmt[];
  readonly range: IrRange;
}

/**
 * A const. `static` is true when its value is the same in every period
 * (only literals and static consts): the runtime computes it once.
 */
export interface IrConst {
  readonly name: string;
  readonly value: IrExpr;
  readonly static: boolean;
  readonly range: IrRange;
}

/**
 * One entry of a schedule. By contract year or period: `from`/`to` are
 * whole numbers (inclusive); by date: ISO dates matched against the period's
 * start. `to` null means `onward`. The first matching entry wins.
 */
export interface IrScheduleEntry {
  readonly from: number | string;
  readonly to: number | string | null;
  readonly value: IrExpr;
  readonly static: boolean;
  readonly range: IrRange;
}

export interface IrSchedule {
  readonly name: string;
  readonly basis: "contract_year" | "period" | "date";
  readonly entries: readonly IrScheduleEntry[];
  readonly range: IrRange;
}

/**
 * One row of a tiers table: `[low, high)` (exact values: decimal text, or
 * `n/d` for a computed value that does not terminate, such as `k_money / 3`;
 * `high` null for `onward`) and its `value`.
 */
export interface IrTierRow {
  readonly low: string;
  readonly high: string | null;
  readonly value: string;
  readonly range: IrRange;
}

/**
 * A tiers table (docs/language.md §5 "tiers"), evaluated at compile time:
 * rows ascending and contiguous (each `low` is the previous `high`), only
 * the last may be `onward`. `boundUnit` and `valueUnit` are display units
 * for messages (absent for plain numbers).
 */
export interface IrTiers {
  readonly name: string;
  readonly rows: readonly IrTierRow[];
  readonly boundUnit?: string;
  readonly valueUnit?: string;
  readonly range: IrRange;
}

// ---------------------------------------------------------------- test blocks

/** `name = EXPR` in a test period or test event; the name is kept as written (the runner checks it). */
export interface IrTestValue {
  readonly name: string;
  readonly nameRange: IrRange;
  readonly value: IrExpr;
}

export interface IrTestPeriod {
  readonly date: string;
  readonly dateRange: IrRange;
  readonly values: readonly IrTestValue[];
  readonly range: IrRange;
}

export interface IrTestEvent {
  readonly date: string;
  readonly dateRange: IrRange;
  readonly event: string;
  readonly eventRange: IrRange;
  readonly args: readonly IrTestValue[];
  readonly range: IrRange;
}

/** `expect PAYER pays PAYEE AMOUNT [under CLAUSE] [in DATE]`. */
export interface IrExpect {
  readonly payer: string;
  readonly payee: string;
  readonly amount: IrExpr;
  readonly clause: string | null;
  readonly period: string | null;
  readonly periodRange: IrRange | null;
  readonly range: IrRange;
}

export interface IrTest {
  readonly title: string;
  readonly periods: readonly IrTestPeriod[];
  readonly events: readonly IrTestEvent[];
  readonly expects: readonly IrExpect[];
  readonly range: IrRange;
}

/** One end of a declared range: its value for the period and its printed text, quoted by the input error. */
export interface IrBound {
  readonly value: IrExpr;
  readonly text: string;
}

/**
 * `input NAME: UNIT in LOW .. HIGH` (docs/language.md §5 "Declared ranges"):
 * every period's value of input `input` (its slot) must lie in [low, high],
 * both included; a null end is not bounded. The bounds use only literals,
 * consts and other inputs of the same period (checked), evaluated before the
 * period's clauses run. Format version 4.
 */
export interface IrInputRange {
  readonly input: number;
  readonly low: IrBound | null;
  readonly high: IrBound | null;
  readonly range: IrRange;
}

/** A whole checked program. */
export interface TermsIr {
  readonly header: TermsHeader;
  readonly consts: readonly IrConst[];
  readonly schedules: readonly IrSchedule[];
  /**
   * Tiers tables in declaration order (a table's slot is its index here);
   * absent when the term sheet has none.
   */
  readonly tiers?: readonly IrTiers[];
  readonly clauses: readonly IrClause[];
  readonly tests: readonly IrTest[];
  /** Declared input ranges in input order; absent when no input declares one (format version 4). */
  readonly ranges?: readonly IrInputRange[];
}
