/**
 * What hover says about a declaration: a signature line that reads like
 * the source (`input revenue: USD`) and a few plain lines of detail (a
 * const's exact value, a schedule's rates, a let's unit). Values and units
 * come from the checker (its types, its constant evaluator) when it
 * accepted the program; otherwise only what the source says.
 */
import type { CheckedProgram, PeriodFact, Type } from "../check/checked-program.ts";
import type { ConstEvaluator, ConstValue } from "../check/const-eval.ts";
import { PERIOD_FACT_MEANING } from "../check/names.ts";
import { keyText } from "../check/schedules.ts";
import { describeType } from "../types/types.ts";
import { Decimal } from "../eval/decimal.ts";
import { sourceText, unitSpelling } from "./source-text.ts";
import type {
  BalanceStmt, ClauseDecl, ConstDecl, CurrencyDecl, EventDecl, EventParam, Expr, InputDecl, LetStmt, ScheduleDecl, Stmt, TiersDecl,
} from "../syntax/ast.ts";
import { currencyDecimals } from "../types/currencies.ts";
import { constantEvaluator } from "./constants.ts";

export interface Description {
  readonly signature: string;
  readonly details: readonly string[];
}

const HUNDRED = Decimal.ofInt(100);
const MAX_TEXT = 160;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

export class Describer {
  private evaluator: ConstEvaluator | null | undefined;

  constructor(private readonly source: string, private readonly checked: CheckedProgram | null) {}

  /** The checker's constant evaluator over the checked program's bindings and types (built on first use). */
  private constants(): ConstEvaluator | null {
    if (this.evaluator !== undefined) return this.evaluator;
    return (this.evaluator = this.checked === null ? null : constantEvaluator(this.checked));
  }

  private text(e: Expr): string {
    return sourceText(this.source, e);
  }

  private typeOf(e: Expr): Type | null {
    const t = this.checked?.types.get(e);
    return t === undefined || t.kind === "error" ? null : t;
  }

  /** `= 250000000 USD`, `= 0.15 (15%)`, or null when not a constant. */
  private valueLine(e: Expr): string | null {
    const v = this.constants()?.eval(e) ?? null;
    if (v === null) return null;
    return `= ${valueText(v, this.typeOf(e), this.text(e).includes("%"))}`;
  }

  periodFact(fact: PeriodFact): Description {
    const kind = fact === "period_start" || fact === "period_end" ? "a date" : "a plain number";
    return { signature: fact, details: [`period fact: ${PERIOD_FACT_MEANING[fact]} (${kind})`] };
  }

  currency(d: CurrencyDecl): Description {
    const rounding = d.rounding ?? "half_even";
    return {
      signature: `currency ${d.code.text}, rounding ${rounding}`,
      details: [`the deal currency: amounts are rounded to ${currencyDecimals(d.code.text)} decimals (${rounding})`],
    };
  }

  input(d: InputDecl): Description {
    const details = ["one value per period, from the inputs"];
    const b = d.bounds;
    if (b !== undefined) {
      // The range as a lawyer reads it: both ends included, an end left out is open.
      const low = b.low === null ? null : clip(sourceText(this.source, b.low));
      const high = b.high === null ? null : clip(sourceText(this.source, b.high));
      const range = low !== null && high !== null ? `from ${low} to ${high}, both included` : low !== null ? `at least ${low}` : high !== null ? `at most ${high}` : null;
      if (range !== null) details.push(`declared range: ${range}; data outside it is refused`);
    }
    return { signature: `input ${d.name.text}: ${unitSpelling(d.unit)}`, details };
  }

  event(d: EventDecl): Description {
    const params = d.params.map((p) => `${p.name.text}: ${unitSpelling(p.unit)}`).join(", ");
    const details = ["dated occurrences, from the inputs' events"];
    if (d.limit !== undefined) details.push(`at most ${d.limit.count.digits} per ${d.limit.per}; more are refused`);
    return { signature: `event ${d.name.text}(${params})`, details };
  }

  eventArg(d: EventDecl, p: EventParam): Description {
    return { signature: `${p.name.text}: ${unitSpelling(p.unit)}`, details: [`argument of event ${d.name.text}`] };
  }

  constant(d: ConstDecl): Description {
    const details: string[] = [];
    const value = this.valueLine(d.value);
    if (value !== null) details.push(value);
    const t = this.typeOf(d.value);
    if (t !== null && value === null) details.push(`type: ${describeType(t)}`);
    return { signature: clip(`const ${d.name.text} = ${this.text(d.value)}`), details };
  }

  schedule(d: ScheduleDecl): Description {
    const lines = d.entries.map((e) => {
      const value = this.valueLine(e.value);
      return clip(`${keyText(d, e)}: ${this.text(e.value)}${value === null ? "" : `  (${value})`}`);
    });
    const first = d.entries[0];
    const t = first === undefined ? null : this.typeOf(first.value);
    if (t !== null) lines.push(`type: ${describeType(t)}`);
    return { signature: `schedule ${d.name.text} by ${d.basis}${d.tapering ? ", tapering" : ""}`, details: lines };
  }

  /** `tiers NAME`, then each entry as written with its exact value, and the units of bounds and values. */
  tiers(d: TiersDecl): Description {
    const lines = d.entries.map((e) => {
      const range = e.high === null ? `${this.text(e.low)} onward` : `${this.text(e.low)} to ${this.text(e.high)}`;
      const value = this.valueLine(e.value);
      return clip(`${range}: ${this.text(e.value)}${value === null ? "" : `  (${value})`}`);
    });
    const first = d.entries[0];
    const bound = first === undefined ? null : this.typeOf(first.low);
    const value = first === undefined ? null : this.typeOf(first.value);
    if (bound !== null && value !== null) lines.push(`bounds: ${describeType(bound)}; values: ${describeType(value)}`);
    lines.push("read with tier(NAME, x) or marginal(NAME, base_before, amount)");
    return { signature: `tiers ${d.name.text}`, details: lines };
  }

  clause(d: ClauseDecl): Description {
    const details: string[] = [];
    if (d.title !== null) details.push(`"${d.title.value}"`);
    collectClauseFacts(d.body, details, this.source);
    return { signature: `clause ${d.name.text}`, details };
  }

  balance(s: BalanceStmt): Description {
    const t = this.typeOf(s.initial);
    const details = ["carried from period to period; changed by add and subtract"];
    if (t !== null) details.push(`type: ${describeType(t)}`);
    return { signature: clip(`balance ${s.name.text} = ${this.text(s.initial)}`), details };
  }

  let(s: LetStmt): Description {
    const t = this.typeOf(s.value);
    return { signature: clip(`let ${s.name.text} = ${this.text(s.value)}`), details: t === null ? [] : [`type: ${describeType(t)}`] };
  }
}

/** Caps, windows and balances of a clause, wherever written. */
function collectClauseFacts(body: readonly Stmt[], out: string[], source: string): void {
  for (const s of body) {
    switch (s.kind) {
      case "Cap": out.push(clip(`cap ${sourceText(source, s.amount)} ${s.window === "term" ? "over term" : `per ${s.window}`}`)); break;
      case "Window": out.push(`${s.bound} ${s.date.text}`); break;
      case "Balance": out.push(clip(`balance ${s.name.text} = ${sourceText(source, s.initial)}`)); break;
      case "When": case "On": case "AtSigning": collectClauseFacts(s.body, out, source); break;
      default: break;
    }
  }
}

/** A constant's exact value with its unit; a percentage also as one when written with `%`. */
function valueText(v: ConstValue, t: Type | null, percent: boolean): string {
  if (typeof v === "boolean") return v ? "true" : "false";
  if (t !== null && t.kind === "number" && !t.unit.isNone) return `${v.toString()} ${t.unit.toString()}`;
  if (t !== null && t.kind === "duration") return `${v.toString()} ${t.per}`;
  return percent ? `${v.toString()} (${v.mul(HUNDRED).toString()}%)` : v.toString();
}
