/**
 * One `use` of a template: the template's declaration copied with its
 * parameters replaced by the arguments (or defaults), under the name the
 * sheet gives. The copy's own ranges are moved into the instance's slot
 * (./source-map.ts); the arguments keep their ranges in the sheet, so a
 * mistake in an argument is shown where it was written.
 *
 * Replacing is hygienic: an argument is an expression of the sheet's scope
 * and is never looked into again; the template's lets and balances that
 * would collide with the sheet's names are renamed `NAME.local`.
 */
import { CHECK } from "../diagnostics/codes/check.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Range } from "../diagnostics/range.ts";
import { didYouMean } from "../diagnostics/suggest.ts";
import type {
  AdjustStmt, ArgCheck, BalanceStmt, ClauseDecl, ConstDecl, DateLit, EventDecl, EventParam, Expr, LetStmt, Name, NameRef,
  NumberLit, OnStmt, ParamType, ScheduleDecl, Stmt, TemplateParam, UnitExpr, UseArg, UseDecl, WhenStmt, WindowStmt,
} from "../syntax/ast.ts";
import type { TemplateSource } from "./load.ts";
import { localNames } from "./template-rules.ts";

/** What the sheet offers an instance: its currency, events and value names. */
export interface SheetFacts {
  readonly currency: string | null;
  readonly events: ReadonlyMap<string, EventDecl>;
  /** Inputs, consts, schedules, tiers and period facts: names a template local must not take. */
  readonly valueNames: ReadonlySet<string>;
}

export interface Instantiated {
  readonly decl: ClauseDecl | ScheduleDecl | ConstDecl;
  readonly diagnostics: readonly Diagnostic[];
}

/** An event parameter's replacement: the sheet's event and its argument names by the template's. */
interface EventArgument {
  readonly name: Name;
  readonly args: ReadonlyMap<string, string>;
}

export function instantiate(use: UseDecl, source: TemplateSource, span: Range, sheet: SheetFacts): Instantiated {
  return new Instantiation(use, source, span, sheet).run();
}

class Instantiation {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly values = new Map<string, Expr>();
  private readonly parties = new Map<string, Name>();
  private readonly units = new Map<string, Name>();
  private readonly events = new Map<string, EventArgument>();
  private readonly renamed = new Map<string, string>();
  /** Event arguments in scope while copying an `on` block of an event parameter. */
  private eventArgs: ReadonlyMap<string, string> = new Map();
  private readonly checks: ArgCheck[] = [];

  constructor(
    private readonly use: UseDecl,
    private readonly source: TemplateSource,
    private readonly span: Range,
    private readonly sheet: SheetFacts,
  ) {}

  run(): Instantiated {
    const template = this.source.decl;
    const args = this.matchArguments(template.params);
    if (this.sheet.currency !== null) this.units.set("money", { kind: "Name", text: this.sheet.currency, range: this.use.name.range });
    for (const p of template.params) this.bind(p, args.get(p.name.text) ?? null);
    if (template.decl.kind === "Clause") {
      for (const local of localNames(template.decl.body)) {
        if (this.sheet.valueNames.has(local.text)) this.renamed.set(local.text, `${this.use.name.text}.${local.text}`);
      }
    }
    const copy = this.copy(template.decl);
    const instance = { use: this.use, span: this.span, template: template.decl.name.text, checks: this.checks };
    const name = structuredClone(this.use.name);
    if (copy.kind === "Clause") {
      const title = this.use.title === null ? copy.title : structuredClone(this.use.title);
      return { decl: { ...copy, name, title, instance }, diagnostics: this.diagnostics };
    }
    if (this.use.title !== null) {
      this.error(CHECK.titleOnNonClause, this.use.title.range, `only a clause has a title; ${template.decl.name.text} makes a ${copy.kind === "Schedule" ? "schedule" : "const"}`);
    }
    return { decl: { ...copy, name, instance }, diagnostics: this.diagnostics };
  }

  // ------------------------------------------------------------ arguments

  private matchArguments(params: readonly TemplateParam[]): Map<string, UseArg> {
    const byName = new Map<string, UseArg>();
    const names = params.map((p) => p.name.text);
    for (const a of this.use.args) {
      if (!names.includes(a.name.text)) {
        this.error(CHECK.unknownParameter, a.name.range, `template ${this.templateName()} has no parameter ${a.name.text}${didYouMean(a.name.text, names)}`);
        continue;
      }
      const first = byName.get(a.name.text);
      if (first !== undefined) {
        this.error(CHECK.duplicateArgument, a.name.range, `${a.name.text} is already given; give each parameter once`, [{ range: first.name.range, message: `${a.name.text} is first given here` }]);
        continue;
      }
      byName.set(a.name.text, a);
    }
    const missing = params.filter((p) => p.default === null && !byName.has(p.name.text));
    if (missing.length > 0) {
      const list = missing.map((p) => `${p.name.text} (${this.describe(p.type)})`).join(", ");
      this.error(CHECK.missingParameter, this.use.template.range, `template ${this.templateName()} needs ${missing.length === 1 ? "a value for" : "values for"} ${list}`);
    }
    return byName;
  }

  /** Records what replaces parameter `p`: its argument, else its default (copied into the instance). */
  private bind(p: TemplateParam, arg: UseArg | null): void {
    const key = p.name.text;
    const value: Expr = arg !== null ? arg.value : p.default !== null ? this.copy(p.default) : { kind: "ErrorExpr", range: this.move(p.range) };
    const at = arg?.value.range ?? this.use.name.range;
    switch (p.type.kind) {
      case "party":
      case "unit":
      case "tiers":
      case "event": {
        const name = value.kind === "NameRef" ? value.name : null;
        if (name === null) {
          if (value.kind !== "ErrorExpr") this.error(CHECK.argumentNotLiteral, at, `${key} takes the name of ${this.describe(p.type)}`);
          if (p.type.kind === "tiers") this.values.set(key, value);
          return;
        }
        if (p.type.kind === "party") this.parties.set(key, name);
        else if (p.type.kind === "unit") this.units.set(key, name);
        else if (p.type.kind === "tiers") this.values.set(key, value);
        else this.bindEvent(p, p.type.params, name, value);
        return;
      }
      default:
        this.values.set(key, value);
        this.checks.push({ param: this.copy(p), value: structuredClone(value), expected: this.copy(p.type), at });
    }
  }

  private bindEvent(p: TemplateParam, params: readonly EventParam[], name: Name, value: Expr): void {
    const event = this.sheet.events.get(name.text);
    const args = new Map<string, string>();
    if (event !== undefined) params.forEach((tp, i) => args.set(tp.name.text, event.params[i]?.name.text ?? tp.name.text));
    this.events.set(p.name.text, { name, args });
    this.checks.push({ param: this.copy(p), value: structuredClone(value), expected: this.copy(p.type), at: name.range });
  }

  // ------------------------------------------------------------ copying

  private move(r: Range): Range {
    return { start: r.start + this.span.start, end: r.end + this.span.start };
  }

  /** A deep copy of template text: ranges moved into the slot, parameters replaced. */
  private copy<T>(x: T): T {
    return this.copyAny(x) as T;
  }

  private copyAny(x: unknown): unknown {
    if (Array.isArray(x)) return x.map((item) => this.copyAny(item));
    if (typeof x !== "object" || x === null) return x;
    const node = x as Record<string, unknown> & { kind?: string };
    switch (node.kind) {
      case "NameRef": return this.nameRef(x as NameRef);
      case "UnitExpr": return this.unit(x as UnitExpr);
      case "Pays": case "Grants": return this.withParties(node);
      case "On": return this.on(x as OnStmt);
      case "When": return this.when(x as WhenStmt);
      case "Window": return this.window(x as WindowStmt);
      case "Let": case "Balance": return { ...this.fields(node), name: this.local((x as LetStmt | BalanceStmt).name) };
      case "Adjust": return { ...this.fields(node), balance: this.local((x as AdjustStmt).balance) };
      default: return this.fields(node);
    }
  }

  private fields(node: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(node)) {
      const v = node[key];
      out[key] = key === "range" ? this.move(v as Range) : this.copyAny(v);
    }
    return out;
  }

  private local(name: Name): Name {
    const renamed = this.renamed.get(name.text);
    return { kind: "Name", text: renamed ?? name.text, range: this.move(name.range) };
  }

  private nameRef(ref: NameRef): Expr {
    const text = ref.name.text;
    const value = this.values.get(text);
    if (value !== undefined) return structuredClone(value);
    const eventArg = this.eventArgs.get(text);
    const renamed = eventArg ?? this.renamed.get(text) ?? text;
    return { kind: "NameRef", name: { kind: "Name", text: renamed, range: this.move(ref.name.range) }, range: this.move(ref.range) };
  }

  private unit(u: UnitExpr): UnitExpr {
    const name = (n: Name): Name => structuredClone(this.units.get(n.text)) ?? { kind: "Name", text: n.text, range: this.move(n.range) };
    return { kind: "UnitExpr", numerator: u.numerator.map(name), denominator: u.denominator.map(name), range: this.move(u.range) };
  }

  private withParties(node: Record<string, unknown>): Record<string, unknown> {
    const out = this.fields(node);
    for (const key of ["payer", "payee", "grantor", "grantee"]) {
      const original = node[key] as Name | undefined;
      const party = original === undefined ? undefined : this.parties.get(original.text);
      if (party !== undefined) out[key] = structuredClone(party);
    }
    return out;
  }

  private on(s: OnStmt): Stmt {
    const event = this.events.get(s.event.text);
    if (event === undefined) return this.fields(s as unknown as Record<string, unknown>) as unknown as Stmt;
    const outer = this.eventArgs;
    this.eventArgs = event.args;
    try {
      return { kind: "On", event: structuredClone(event.name), body: this.copy(s.body), range: this.move(s.range) };
    } finally {
      this.eventArgs = outer;
    }
  }

  private when(s: WhenStmt): Stmt {
    const copied = this.fields(s as unknown as Record<string, unknown>) as unknown as WhenStmt;
    if (s.consecutive?.kind !== "Name") return copied;
    const value = this.values.get(s.consecutive.text);
    if (value === undefined) return copied;
    if (value.kind === "NumberLit") return { ...copied, consecutive: structuredClone(value) as NumberLit };
    this.literalNeeded(value, s.consecutive.text, "a whole number written out, such as 3");
    return copied;
  }

  private window(s: WindowStmt): Stmt {
    const copied = this.fields(s as unknown as Record<string, unknown>) as unknown as WindowStmt;
    if (s.date.kind !== "Name") return copied;
    const value = this.values.get(s.date.text);
    if (value === undefined) return copied;
    if (value.kind === "DateExpr") return { ...copied, date: structuredClone(value.date) as DateLit };
    this.literalNeeded(value, s.date.text, "a date written out, such as 2028-12-31");
    return copied;
  }

  private literalNeeded(value: Expr, param: string, what: string): void {
    if (value.kind === "ErrorExpr") return;
    const at = value.range.start < this.span.start ? value.range : this.use.name.range;
    this.error(CHECK.argumentNotLiteral, at, `${param} must be ${what}: template ${this.templateName()} uses it where Tenor needs the value as written`);
  }

  // ------------------------------------------------------------ messages

  private templateName(): string {
    return this.source.decl.decl.name.text;
  }

  private describe(t: ParamType): string {
    switch (t.kind) {
      case "party": return "a party";
      case "unit": return "a unit";
      case "tiers": return "a tiers table";
      case "date": return "a date";
      case "duration": return `a duration in ${t.per}`;
      case "event": return "an event";
      case "value": {
        const word = (n: Name) => (n.text === "money" && this.sheet.currency !== null ? this.sheet.currency : n.text);
        const per = t.unit.denominator.length > 0 ? ["per", ...t.unit.denominator.map(word)] : [];
        return [...t.unit.numerator.map(word), ...per].join(" ");
      }
    }
  }

  private error(code: string, range: Range, message: string, related?: Diagnostic["related"]): void {
    this.diagnostics.push(related === undefined ? { code, severity: "error", message, range } : { code, severity: "error", message, range, related });
  }
}
