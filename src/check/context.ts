/**
 * State shared by the checker's passes: the diagnostics sink, the maps kept
 * beside the tree (bindings, types) and what the header established (the
 * deal currency, known units, the term calendar).
 */
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Range } from "../diagnostics/range.ts";
import { CHECK } from "../diagnostics/codes/check.ts";
import type { DateLit, Expr, NameRef, RoundingMode, TiersDecl } from "../syntax/ast.ts";
import type { Binding, CheckedTiers, Type } from "./checked-program.ts";
import type { TermCalendar } from "./calendar.ts";
import { formatDate, parseDate, type CalendarDate } from "../eval/dates.ts";

export type Related = readonly { readonly range: Range; readonly message: string }[];

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly bindings = new Map<NameRef, Binding>();
  readonly types = new Map<Expr, Type>();
  /** Each tiers table once checked: evaluated, or null when it has errors (calls on it then stay quiet). */
  readonly tiers = new Map<TiersDecl, CheckedTiers | null>();

  /** The deal currency code, or null when missing (then unit checks against it are skipped). */
  currency: string | null = null;
  rounding: RoundingMode = "half_even";
  /** The term's calendar, or null when the term is missing or invalid (then coverage checks are skipped). */
  calendar: TermCalendar | null = null;
  /** Base units a unit expression may name: the deal currency and the declared `units`. */
  readonly knownUnits = new Set<string>();

  /** Resolved unit spellings (see units.ts). */
  readonly unitCache = new Map<string, Type>();

  private readonly dates = new Map<DateLit, CalendarDate | null>();

  error(code: string, range: Range, message: string, related?: Related): void {
    this.diagnostics.push(related ? { code, severity: "error", message, range, related } : { code, severity: "error", message, range });
  }

  warning(code: string, range: Range, message: string, related?: Related): void {
    this.diagnostics.push(related ? { code, severity: "warning", message, range, related } : { code, severity: "warning", message, range });
  }

  /** The calendar date of a literal, reporting an impossible one (2026-02-30) once. */
  date(lit: DateLit): CalendarDate | null {
    if (this.dates.has(lit)) return this.dates.get(lit)!;
    if (lit.text === "") return null; // a date the parser could not read: already reported
    const d = parseDate(lit.text);
    if (d === null) this.error(CHECK.invalidDate, lit.range, `${lit.text} is not a calendar date (expected YYYY-MM-DD with a real month and day)`);
    this.dates.set(lit, d);
    return d;
  }

  /** The canonical ISO text of a valid date literal, or null. */
  dateText(lit: DateLit): string | null {
    const d = this.date(lit);
    return d === null ? null : formatDate(d);
  }
}
