/**
 * The abstract syntax tree of a Tenor term sheet.
 *
 * Every node is readonly, discriminated on `kind`, and carries the source
 * `range` it came from (offsets into the source text). Names are kept as
 * `Name` nodes so that diagnostics can point at the exact token. Nothing
 * here is resolved: the checker keeps its findings beside the tree
 * (see src/check/checked-program.ts), never inside it.
 *
 * A node built around a parse error may miss parts; the builder then fills
 * the gap with an `ErrorExpr` / omits the statement, and sets `recovered`
 * on the enclosing declaration so the checker stays quiet about it.
 */
import type { Range } from "../diagnostics/range.ts";
import type { BusinessDayConvention, Frequency, RoundingMode } from "../ir/ir.ts";

// The header enums are the artifact's (src/ir): one definition for the tree and the IR.
export type { BusinessDayConvention, Frequency, RoundingMode };

export interface Node {
  readonly range: Range;
  /** Set (true) on a declaration built around a parse error: later phases stay quiet about it. */
  readonly recovered?: boolean;
}

/** An identifier occurrence. */
export interface Name extends Node {
  readonly kind: "Name";
  readonly text: string;
}

/** A quoted string, already unescaped. */
export interface StringLit extends Node {
  readonly kind: "StringLit";
  readonly value: string;
}

/** An ISO date literal, e.g. 2026-07-01, kept as written (validated by the checker). */
export interface DateLit extends Node {
  readonly kind: "DateLit";
  readonly text: string;
}

// ---------------------------------------------------------------- units

/**
 * A unit as written: `USD`, `gpu_hour`, `USD per gpu_hour`, `number`
 * (dimensionless). `numerator` and `denominator` are products of names.
 */
export interface UnitExpr extends Node {
  readonly kind: "UnitExpr";
  readonly numerator: readonly Name[];
  readonly denominator: readonly Name[];
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | NumberLit
  | DateExpr
  | NameRef
  | Unary
  | Binary
  | Call
  | IfExpr
  | ErrorExpr;

/**
 * A number literal with its optional scale, percent sign and unit:
 * `40_000`, `6.3 billion`, `12.5%`, `1.85 USD per gpu_hour`, `30 days`.
 * `digits` is the literal's decimal text with `_` removed; `scale` is the
 * multiplier word; `percent` means divide by 100. The value is exact.
 */
export interface NumberLit extends Node {
  readonly kind: "NumberLit";
  readonly digits: string;
  readonly scale: "million" | "billion" | null;
  readonly percent: boolean;
  readonly unit: UnitExpr | null;
}

export interface DateExpr extends Node {
  readonly kind: "DateExpr";
  readonly date: DateLit;
}

/**
 * A use of a name: input, const, schedule, let, event argument, or one of
 * the period facts (`days`, `period_index`, `contract_year`, `period_start`,
 * `period_end`). The keyword `contract_year` becomes a NameRef too.
 */
export interface NameRef extends Node {
  readonly kind: "NameRef";
  readonly name: Name;
}

export type UnaryOp = "-" | "not";
export interface Unary extends Node {
  readonly kind: "Unary";
  readonly op: UnaryOp;
  readonly operand: Expr;
}

export type BinaryOp =
  | "+" | "-" | "*" | "/"
  | "<" | "<=" | ">" | ">=" | "==" | "!="
  | "and" | "or";
export interface Binary extends Node {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

/** A call of a built-in function: min, max, abs, round, floor, ceil. */
export interface Call extends Node {
  readonly kind: "Call";
  readonly callee: Name;
  readonly args: readonly Expr[];
}

export interface IfExpr extends Node {
  readonly kind: "IfExpr";
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
}

/** Stands where the parser could not build an expression; the checker ignores it. */
export interface ErrorExpr extends Node {
  readonly kind: "ErrorExpr";
}

// ---------------------------------------------------------------- clause statements

export type Stmt =
  | LetStmt
  | PaysStmt
  | GrantsStmt
  | WhenStmt
  | OnStmt
  | AtSigningStmt
  | CapStmt
  | WindowStmt
  | BalanceStmt
  | AdjustStmt;

export interface LetStmt extends Node {
  readonly kind: "Let";
  readonly name: Name;
  readonly value: Expr;
}

/** `PAYER pays PAYEE AMOUNT` */
export interface PaysStmt extends Node {
  readonly kind: "Pays";
  readonly payer: Name;
  readonly payee: Name;
  readonly amount: Expr;
}

/** `GRANTOR grants GRANTEE QUANTITY INSTRUMENT at PRICE` */
export interface GrantsStmt extends Node {
  readonly kind: "Grants";
  readonly grantor: Name;
  readonly grantee: Name;
  readonly quantity: Expr;
  readonly instrument: Name;
  readonly price: Expr;
}

/** `when COND [for N consecutive periods] { … }` */
export interface WhenStmt extends Node {
  readonly kind: "When";
  readonly cond: Expr;
  /** N of `for N consecutive periods`, as written (a whole number literal), or null. */
  /** A Name only inside a template: the parameter that expansion replaces with a literal. */
  readonly consecutive: NumberLit | Name | null;
  readonly body: readonly Stmt[];
}

/** `on EVENT { … }`: runs once per event of that kind in the period. */
export interface OnStmt extends Node {
  readonly kind: "On";
  readonly event: Name;
  readonly body: readonly Stmt[];
}

/** `at signing { … }`: runs in period 1 only. */
export interface AtSigningStmt extends Node {
  readonly kind: "AtSigning";
  readonly body: readonly Stmt[];
}

export type CapWindow = "term" | "contract_year" | "period";
/** `cap AMOUNT over term | per contract_year | per period` */
export interface CapStmt extends Node {
  readonly kind: "Cap";
  readonly amount: Expr;
  readonly window: CapWindow;
}

/** `from DATE` / `until DATE`: the clause applies to periods starting on/after, on/before DATE. */
export interface WindowStmt extends Node {
  readonly kind: "Window";
  readonly bound: "from" | "until";
  /** A Name only inside a template: the parameter that expansion replaces with a literal. */
  readonly date: DateLit | Name;
}

/**
 * `balance NAME = EXPR`: a value of the clause carried from period to
 * period. It starts at `initial` (a constant) before the run's first period
 * and changes only through `add` / `subtract`.
 */
export interface BalanceStmt extends Node {
  readonly kind: "Balance";
  readonly name: Name;
  readonly initial: Expr;
}

/** `add AMOUNT to BALANCE` / `subtract AMOUNT from BALANCE` */
export interface AdjustStmt extends Node {
  readonly kind: "Adjust";
  readonly op: "add" | "subtract";
  readonly amount: Expr;
  readonly balance: Name;
}

// ---------------------------------------------------------------- top-level declarations

export type Decl =
  | DealDecl
  | PartiesDecl
  | TermDecl
  | PaidDecl
  | CalendarDecl
  | CurrencyDecl
  | SettleDecl
  | UnitsDecl
  | InputDecl
  | EventDecl
  | ConstDecl
  | ScheduleDecl
  | TiersDecl
  | ClauseDecl
  | TestDecl
  | ImportDecl
  | TemplateDecl
  | UseDecl;

export interface DealDecl extends Node {
  readonly kind: "Deal";
  readonly title: StringLit;
}

export interface Party extends Node {
  readonly kind: "Party";
  readonly name: Name;
  readonly legalName: StringLit;
}
export interface PartiesDecl extends Node {
  readonly kind: "Parties";
  readonly parties: readonly Party[];
}

export interface TermDecl extends Node {
  readonly kind: "Term";
  readonly start: DateLit;
  readonly end: DateLit;
  readonly frequency: Frequency;
  /** `, backward`: periods counted back from the term's end, a stub first (docs/language.md §6). */
  readonly backward: boolean;
  /** `, end_of_month`: the period dates roll on month ends when the date rolled from is one. */
  readonly endOfMonth: boolean;
}

/**
 * `paid on ANCHOR, CONVENTION CALENDAR` or `paid N [business] days after
 * ANCHOR, CONVENTION CALENDAR` (docs/language.md §6 "Payment dates").
 * `anchor` and the lag's `unit` are names as written (`period_end`, `days`):
 * the checker reads them.
 */
export interface PaidDecl extends Node {
  readonly kind: "Paid";
  /** null for `paid on …`. */
  readonly lag: PaymentLag | null;
  readonly anchor: Name;
  readonly convention: BusinessDayConvention;
  readonly calendar: Name;
}

/** `N days` or `N business days`: `count` a bare number, `unit` the word after it. */
export interface PaymentLag extends Node {
  readonly kind: "PaymentLag";
  readonly count: NumberLit;
  readonly business: boolean;
  readonly unit: Name;
}

/** `calendar NAME[: BASE, …] { DATE … }`: the holidays of its bases and the dates listed. */
export interface CalendarDecl extends Node {
  readonly kind: "Calendar";
  readonly name: Name;
  readonly bases: readonly Name[];
  readonly dates: readonly DateLit[];
}

export interface CurrencyDecl extends Node {
  readonly kind: "Currency";
  readonly code: Name;
  /** null when not written: half_even applies. */
  readonly rounding: RoundingMode | null;
}

export interface SettleDecl extends Node {
  readonly kind: "Settle";
  readonly mode: "net";
}

export interface UnitsDecl extends Node {
  readonly kind: "Units";
  readonly names: readonly Name[];
}

export interface InputDecl extends Node {
  readonly kind: "Input";
  readonly name: Name;
  readonly unit: UnitExpr;
  /** `in LOW .. HIGH`: the values the data may take (docs/language.md §5 "Declared ranges"); absent when not written. */
  readonly bounds?: InputBounds;
}

/**
 * `in LOW .. HIGH`, both ends included; either end may be left out (null),
 * not both (the checker reports that). `range` runs from `in` to the end.
 */
export interface InputBounds extends Node {
  readonly kind: "InputBounds";
  readonly low: Expr | null;
  readonly high: Expr | null;
}

/** The window an event's count is bounded in: the same windows as a cap's. */
export type CountWindow = "term" | "contract_year" | "period";

/** `at most N per term|contract_year|period`; `count` is the number as written (the checker wants a whole number ≥ 1). */
export interface EventLimit extends Node {
  readonly kind: "EventLimit";
  readonly count: NumberLit;
  readonly per: CountWindow;
}

export interface EventParam extends Node {
  readonly kind: "EventParam";
  readonly name: Name;
  readonly unit: UnitExpr;
}
export interface EventDecl extends Node {
  readonly kind: "Event";
  readonly name: Name;
  readonly params: readonly EventParam[];
  /** `at most N per …`; absent: any number of events. */
  readonly limit?: EventLimit;
}

export interface ConstDecl extends Node {
  readonly kind: "Const";
  readonly name: Name;
  readonly value: Expr;
  /** Set on a declaration made by `use` (src/modules/expand.ts): where it came from, what to check. */
  readonly instance?: Instance;
}

/**
 * A key of a schedule entry.
 * - by contract_year / by period: `year 2`, `year 2 to 4`, `year 5 onward`
 *   (`period …` likewise): `from`..`to` inclusive, `to` null with `onward`.
 * - by date: `2026-07-01 to 2027-06-30`, `2027-07-01 onward`, matched on
 *   the period's start date.
 */
export type ScheduleKey =
  | { readonly kind: "IndexKey"; readonly range: Range; readonly from: NumberLit; readonly to: NumberLit | null; readonly onward: boolean }
  | { readonly kind: "DateKey"; readonly range: Range; readonly from: DateLit; readonly to: DateLit | null; readonly onward: boolean };

export interface ScheduleEntry extends Node {
  readonly kind: "ScheduleEntry";
  readonly key: ScheduleKey;
  readonly value: Expr;
}

export type ScheduleBasis = "contract_year" | "period" | "date";
export interface ScheduleDecl extends Node {
  readonly kind: "Schedule";
  readonly name: Name;
  readonly basis: ScheduleBasis;
  readonly tapering: boolean;
  readonly entries: readonly ScheduleEntry[];
  /** Set on a declaration made by `use` (src/modules/expand.ts): where it came from, what to check. */
  readonly instance?: Instance;
}

/**
 * One row of a tiers table: `LOW to HIGH: VALUE`, or `LOW onward: VALUE`
 * (then `high` is null). Bounds and value are constant expressions.
 */
export interface TierEntry extends Node {
  readonly kind: "TierEntry";
  readonly low: Expr;
  readonly high: Expr | null;
  readonly value: Expr;
}

/**
 * `tiers NAME { … }`: a table of contiguous, ascending ranges `[LOW, HIGH)`
 * with a value each, read by `tier(NAME, X)` and `marginal(NAME, BASE, AMOUNT)`.
 */
export interface TiersDecl extends Node {
  readonly kind: "Tiers";
  readonly name: Name;
  readonly entries: readonly TierEntry[];
}

export interface ClauseDecl extends Node {
  readonly kind: "Clause";
  readonly name: Name;
  readonly title: StringLit | null;
  readonly body: readonly Stmt[];
  /** Set on a declaration made by `use` (src/modules/expand.ts): where it came from, what to check. */
  readonly instance?: Instance;
}

// ---------------------------------------------------------------- test blocks

/** `name = EXPR` inside a test's `period DATE { … }`. */
export interface TestValue extends Node {
  readonly kind: "TestValue";
  readonly name: Name;
  readonly value: Expr;
}
export interface TestPeriod extends Node {
  readonly kind: "TestPeriod";
  readonly date: DateLit;
  readonly values: readonly TestValue[];
}
/** `event DATE NAME(arg = EXPR, …)` inside a test. */
export interface TestEvent extends Node {
  readonly kind: "TestEvent";
  readonly date: DateLit;
  readonly event: Name;
  readonly args: readonly TestValue[];
}
/**
 * `expect PAYER pays PAYEE AMOUNT [under CLAUSE] [in DATE]`: the sum of the
 * matching lines' amounts over the test's periods (or the one period
 * starting at DATE) equals AMOUNT.
 */
export interface TestExpect extends Node {
  readonly kind: "TestExpect";
  readonly payer: Name;
  readonly payee: Name;
  readonly amount: Expr;
  readonly clause: Name | null;
  readonly period: DateLit | null;
}
export interface TestDecl extends Node {
  readonly kind: "Test";
  readonly title: StringLit;
  readonly periods: readonly TestPeriod[];
  readonly events: readonly TestEvent[];
  readonly expects: readonly TestExpect[];
}

/** A whole term sheet: declarations in source order. */
// ---------------------------------------------------------------- modules and templates

/** `import NAME, NAME from "PATH"` */
export interface ImportDecl extends Node {
  readonly kind: "Import";
  readonly names: readonly Name[];
  readonly path: StringLit;
}

/**
 * What a template parameter takes: a party, a unit, a tiers table, an event
 * with the given arguments, a date, a duration, or a number in a unit
 * (`money` is the importing deal's currency; unit parameters may appear).
 */
export type ParamType =
  | { readonly kind: "party" }
  | { readonly kind: "unit" }
  | { readonly kind: "tiers" }
  | { readonly kind: "date" }
  | { readonly kind: "duration"; readonly per: "days" | "months" | "years" }
  | { readonly kind: "event"; readonly params: readonly EventParam[] }
  | { readonly kind: "value"; readonly unit: UnitExpr };

export interface TemplateParam extends Node {
  readonly kind: "TemplateParam";
  readonly name: Name;
  readonly type: ParamType;
  readonly default: Expr | null;
}

/** `template clause|schedule|const NAME(PARAMS) …`: the declaration is written as usual, its name is the template's. */
export interface TemplateDecl extends Node {
  readonly kind: "Template";
  readonly params: readonly TemplateParam[];
  readonly decl: ClauseDecl | ScheduleDecl | ConstDecl;
}

/** `PARAM = VALUE` in a `use`. */
export interface UseArg extends Node {
  readonly kind: "UseArg";
  readonly name: Name;
  readonly value: Expr;
}

/** `use TEMPLATE as NAME ["Title"] { PARAM = VALUE … }` */
export interface UseDecl extends Node {
  readonly kind: "Use";
  readonly template: Name;
  readonly name: Name;
  readonly title: StringLit | null;
  readonly args: readonly UseArg[];
}

/**
 * An argument the checker must type at the use site: `value` (the argument,
 * or the parameter's default) against the parameter's type with unit
 * parameters and `money` already replaced.
 */
export interface ArgCheck {
  readonly param: TemplateParam;
  readonly value: Expr;
  readonly expected: ParamType;
  /** Where to report a mismatch: the argument, or the use when a default is at fault. */
  readonly at: Range;
}

/** The provenance of a declaration made by `use`. */
export interface Instance {
  readonly use: UseDecl;
  /** The instance's slot of ranges (src/modules/source-map.ts): where its own text lies. */
  readonly span: Range;
  readonly template: string;
  readonly checks: readonly ArgCheck[];
}

export interface Program extends Node {
  readonly kind: "Program";
  readonly decls: readonly Decl[];
}
