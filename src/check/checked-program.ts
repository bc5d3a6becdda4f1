/**
 * The checker's output: the AST plus what the checker learned about it,
 * kept beside the tree. The interpreter (and later the compiler) accept
 * only a CheckedProgram, and only one built without errors.
 */
import type {
  BalanceStmt, ClauseDecl, ConstDecl, EventDecl, Expr, InputDecl, LetStmt,
  NameRef, Program, ScheduleDecl, TestDecl, TiersDecl,
} from "../syntax/ast.ts";
import type { TierRow } from "../builtins/builtin.ts";
import type { Type } from "../types/types.ts";

export type { Type };
import type { TermsHeader } from "../ir/ir.ts";

/** The period facts of docs/language.md §4, usable anywhere in expressions. */
export type PeriodFact = "days" | "period_index" | "contract_year" | "period_start" | "period_end";
export const PERIOD_FACTS: readonly PeriodFact[] = ["days", "period_index", "contract_year", "period_start", "period_end"];

/** What a NameRef refers to. */
export type Binding =
  | { readonly kind: "input"; readonly decl: InputDecl }
  | { readonly kind: "const"; readonly decl: ConstDecl }
  | { readonly kind: "schedule"; readonly decl: ScheduleDecl }
  | { readonly kind: "let"; readonly decl: LetStmt }
  /** A balance of the enclosing clause: its current value (language.md §7 "balance"). */
  | { readonly kind: "balance"; readonly decl: BalanceStmt }
  | { readonly kind: "eventArg"; readonly event: EventDecl; readonly index: number }
  | { readonly kind: "periodFact"; readonly fact: PeriodFact }
  /** A tiers table: only ever the first argument of tier(…) or marginal(…) (language.md §5 "tiers"). */
  | { readonly kind: "tiers"; readonly decl: TiersDecl };

/**
 * A tiers table as the checker proved and evaluated it: exact rows in
 * ascending, contiguous order, and the (number) types of its bounds and values.
 */
export interface CheckedTiers {
  readonly decl: TiersDecl;
  readonly rows: readonly TierRow[];
  readonly bound: Extract<Type, { kind: "number" }>;
  readonly value: Extract<Type, { kind: "number" }>;
}


/**
 * The deal header, with defaults applied: what the ledger, the inputs
 * loader and `inspect` need. The compiled IR carries the same header
 * (src/ir/ir.ts), documented field by field there.
 */
export type DealHeader = TermsHeader;

export interface CheckedProgram {
  readonly program: Program;
  readonly header: DealHeader;
  /** Input declarations in slot order (as `header.inputs`): their declared ranges. */
  readonly inputs: readonly InputDecl[];
  /** Declarations by kind, in source order. */
  readonly consts: readonly ConstDecl[];
  readonly schedules: readonly ScheduleDecl[];
  /** Tiers tables, evaluated, in source order. */
  readonly tiers: readonly CheckedTiers[];
  readonly clauses: readonly ClauseDecl[];
  readonly tests: readonly TestDecl[];
  /** What every NameRef in the program refers to. */
  readonly bindings: ReadonlyMap<NameRef, Binding>;
  /** The type of every expression in the program. */
  readonly types: ReadonlyMap<Expr, Type>;
}
