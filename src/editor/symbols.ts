/**
 * The editor's view of a term sheet: every declared name with where it is
 * declared and what to say about it, and every use of a name with the
 * declaration it refers to. Hover, go to definition and completion are
 * lookups in this index.
 *
 * It is built from the AST, so it exists even while the source has errors
 * (the parser recovers per declaration). When the checker accepted the
 * program, its bindings decide what each name refers to and its types and
 * constant values enrich the descriptions (see describe.ts).
 *
 * The index is plain data (offset ranges, strings, numbers): it is built in
 * the analysis worker and posted to the editor thread as is.
 */
import type { CheckedProgram } from "../check/checked-program.ts";
import { PERIOD_FACTS } from "../check/checked-program.ts";
import { BUILTINS, BUILTIN_NAMES } from "../builtins/registry.ts";
import { BUILTIN_CALENDARS } from "../eval/holiday-rules.ts";
import type { Range } from "../diagnostics/range.ts";
import type {
  ClauseDecl, ConstDecl, Decl, EventDecl, Expr, Name, NameRef, Program, ScheduleDecl, Stmt, TemplateDecl, TemplateParam, TestDecl,
  UnitExpr, UseDecl,
} from "../syntax/ast.ts";
import { Describer } from "./describe.ts";
import { termGeneration } from "../check/declarations.ts";
import { ExprPrinter, paramTypeText } from "../syntax/print-expr.ts";

export type SymbolKind =
  | "party" | "currency" | "unit" | "input" | "event" | "eventArg"
  | "const" | "schedule" | "tiers" | "clause" | "let" | "balance" | "periodFact" | "builtin" | "template" | "calendar";

export interface TenorSymbol {
  readonly id: number;
  readonly name: string;
  readonly kind: SymbolKind;
  /** The declaring name token; null for built-in functions and period facts. */
  readonly nameRange: Range | null;
  /** The whole declaration (a clause's range is what the ledger highlights). */
  readonly declRange: Range | null;
  /** One line that reads like the declaration, e.g. `input revenue: USD`. */
  readonly signature: string;
  /** Further plain-text lines: a const's value, a schedule's rates, a let's type. */
  readonly details: readonly string[];
  /** The event of an argument, the clause of a let. */
  readonly container?: string;
  /** For a let: the block where it is visible (from its end on); for an event argument: unset. */
  readonly visibleIn?: Range;
  /** For a template: its parameters as written (`price: money per q`, `threshold: number = 70%`). */
  readonly params?: readonly { readonly name: string; readonly text: string }[];
}

/** A `use T as NAME { … }` block: where T's parameters may be given. */
export interface UseBlockInfo {
  readonly template: string;
  readonly range: Range;
}

export interface SymbolReference {
  readonly range: Range;
  readonly symbol: number;
}

export interface ClauseInfo {
  readonly name: string;
  readonly title: string;
  readonly range: Range;
}

/** An `on EVENT { … }` block: where that event's arguments are visible. */
export interface OnBlockInfo {
  readonly event: string;
  readonly range: Range;
}

export interface SymbolIndex {
  readonly symbols: readonly TenorSymbol[];
  /** Every resolved use of a name, sorted by start offset. */
  readonly references: readonly SymbolReference[];
  readonly clauses: readonly ClauseInfo[];
  readonly onBlocks: readonly OnBlockInfo[];
  readonly useBlocks: readonly UseBlockInfo[];
  /** The deal currency code as written, or null. */
  readonly currency: string | null;
  /** The term as written, or null (for adding input rows period by period). */
  readonly term: { readonly start: string; readonly end: string; readonly frequency: string; readonly generation?: "backward"; readonly endOfMonth?: true } | null;
}

type Scope = Map<string, number>;

class IndexBuilder {
  readonly symbols: TenorSymbol[] = [];
  readonly references: SymbolReference[] = [];
  readonly clauses: ClauseInfo[] = [];
  readonly onBlocks: OnBlockInfo[] = [];
  readonly useBlocks: UseBlockInfo[] = [];
  private readonly templateIds = new Map<string, number>();
  currency: string | null = null;
  term: SymbolIndex["term"] = null;

  private readonly globals = new Map<string, number>();
  private readonly parties = new Map<string, number>();
  private readonly units = new Map<string, number>();
  private readonly events = new Map<string, number>();
  private readonly eventArgs = new Map<string, Map<string, number>>();
  private readonly clauseIds = new Map<string, number>();
  private readonly builtins = new Map<string, number>();
  /** Calendars by name: the built-in ones, then the sheet's. */
  private readonly calendars = new Map<string, number>();
  /** Declaration node → symbol, to follow the checker's bindings. */
  private readonly byDecl = new Map<object, number>();
  private readonly describe: Describer;

  constructor(
    private readonly program: Program,
    source: string,
    private readonly checked: CheckedProgram | null,
    private readonly templates: ReadonlyMap<string, TemplateDecl>,
  ) {
    this.describe = new Describer(source, checked);
  }

  build(): SymbolIndex {
    for (const fact of PERIOD_FACTS) {
      this.globals.set(fact, this.add({ name: fact, kind: "periodFact", nameRange: null, declRange: null, ...this.describe.periodFact(fact) }));
    }
    for (const name of BUILTIN_NAMES) {
      const fn = BUILTINS[name];
      this.builtins.set(name, this.add({ name, kind: "builtin", nameRange: null, declRange: null, signature: fn.usage, details: ["built-in function", fn.summary] }));
    }
    for (const c of BUILTIN_CALENDARS) {
      this.calendars.set(c.name, this.add({
        name: c.name, kind: "calendar", nameRange: null, declRange: null, signature: `calendar ${c.name}`, details: ["built-in calendar", c.title],
      }));
    }
    for (const [name, t] of this.templates) this.declareTemplate(name, t);
    for (const d of this.program.decls) this.declare(d);
    for (const d of this.program.decls) this.walkDecl(d);
    this.references.sort((a, b) => a.range.start - b.range.start);
    return {
      symbols: this.symbols,
      references: this.references,
      clauses: this.clauses,
      onBlocks: this.onBlocks,
      useBlocks: this.useBlocks,
      currency: this.currency,
      term: this.term,
    };
  }

  private add(s: Omit<TenorSymbol, "id">, decl?: object): number {
    const id = this.symbols.length;
    this.symbols.push({ id, ...s });
    if (decl !== undefined) this.byDecl.set(decl, id);
    return id;
  }

  private named(n: Name): boolean {
    return n.text !== "";
  }

  // ------------------------------------------------------------ declarations (first pass: globals)

  private declare(d: Decl): void {
    switch (d.kind) {
      case "Parties":
        for (const p of d.parties) {
          if (!this.named(p.name) || this.parties.has(p.name.text)) continue;
          this.parties.set(p.name.text, this.add({
            name: p.name.text, kind: "party", nameRange: p.name.range, declRange: p.range,
            signature: `party ${p.name.text}`, details: [`"${p.legalName.value}"`],
          }, p));
        }
        break;
      case "Term":
        this.term = { start: d.start.text, end: d.end.text, frequency: d.frequency, ...termGeneration(d) };
        break;
      case "Currency":
        if (!this.named(d.code)) break;
        this.currency = d.code.text;
        this.units.set(d.code.text, this.add({
          name: d.code.text, kind: "currency", nameRange: d.code.range, declRange: d.range, ...this.describe.currency(d),
        }, d));
        break;
      case "Units":
        for (const n of d.names) {
          if (!this.named(n) || this.units.has(n.text)) continue;
          this.units.set(n.text, this.add({
            name: n.text, kind: "unit", nameRange: n.range, declRange: d.range,
            signature: `unit ${n.text}`, details: ["a unit declared by `units`"],
          }, n));
        }
        break;
      case "Input":
        if (!this.named(d.name) || this.globals.has(d.name.text)) break;
        this.globals.set(d.name.text, this.add({
          name: d.name.text, kind: "input", nameRange: d.name.range, declRange: d.range, ...this.describe.input(d),
        }, d));
        break;
      case "Event": {
        if (!this.named(d.name) || this.events.has(d.name.text)) break;
        this.events.set(d.name.text, this.add({
          name: d.name.text, kind: "event", nameRange: d.name.range, declRange: d.range, ...this.describe.event(d),
        }, d));
        const args = new Map<string, number>();
        d.params.forEach((p, i) => {
          if (!this.named(p.name) || args.has(p.name.text)) return;
          args.set(p.name.text, this.add({
            name: p.name.text, kind: "eventArg", nameRange: p.name.range, declRange: p.range, container: d.name.text,
            ...this.describe.eventArg(d, p),
          }, eventArgKey(d, i)));
        });
        this.eventArgs.set(d.name.text, args);
        break;
      }
      case "Const":
        if (!this.named(d.name) || this.globals.has(d.name.text)) break;
        this.globals.set(d.name.text, this.add({
          name: d.name.text, kind: "const", nameRange: d.name.range, declRange: d.range, ...this.describe.constant(d),
        }, d));
        break;
      case "Schedule":
        if (!this.named(d.name) || this.globals.has(d.name.text)) break;
        this.globals.set(d.name.text, this.add({
          name: d.name.text, kind: "schedule", nameRange: d.name.range, declRange: d.range, ...this.describe.schedule(d),
        }, d));
        break;
      case "Use":
        this.declareUse(d);
        break;
      case "Calendar": {
        if (!this.named(d.name) || this.calendars.has(d.name.text)) break;
        const bases = d.bases.map((b) => b.text);
        const listed = `${d.dates.length} date${d.dates.length === 1 ? "" : "s"} listed`;
        this.calendars.set(d.name.text, this.add({
          name: d.name.text, kind: "calendar", nameRange: d.name.range, declRange: d.range,
          signature: `calendar ${d.name.text}${bases.length === 0 ? "" : `: ${bases.join(", ")}`}`,
          details: [bases.length === 0 ? `Monday to Friday; ${listed}` : `the holidays of ${bases.join(" and ")}, and ${listed}`],
        }, d));
        break;
      }
      case "Tiers":
        if (!this.named(d.name) || this.globals.has(d.name.text)) break;
        this.globals.set(d.name.text, this.add({
          name: d.name.text, kind: "tiers", nameRange: d.name.range, declRange: d.range, ...this.describe.tiers(d),
        }, d));
        break;
      case "Clause": {
        if (!this.named(d.name)) break;
        const title = d.title?.value ?? d.name.text;
        this.clauses.push({ name: d.name.text, title, range: d.range });
        if (this.clauseIds.has(d.name.text)) break;
        this.clauseIds.set(d.name.text, this.add({
          name: d.name.text, kind: "clause", nameRange: d.name.range, declRange: d.range, ...this.describe.clause(d),
        }, d));
        break;
      }
      default:
        break;
    }
  }

  // ------------------------------------------------------------ uses (second pass)

  private walkDecl(d: Decl): void {
    switch (d.kind) {
      case "Input":
        this.unitRefs(d.unit);
        break;
      case "Event":
        for (const p of d.params) this.unitRefs(p.unit);
        break;
      case "Const":
        this.expr(d.value, []);
        break;
      case "Schedule":
        for (const e of d.entries) this.expr(e.value, []);
        break;
      case "Tiers":
        for (const e of d.entries) for (const x of [e.low, e.high, e.value]) if (x !== null) this.expr(x, []);
        break;
      case "Clause":
        this.clause(d);
        break;
      case "Test":
        this.test(d);
        break;
      case "Use":
        this.ref(d.template, this.templateIds.get(d.template.text));
        this.useBlocks.push({ template: d.template.text, range: d.range });
        for (const a of d.args) {
          // A template's parameter may take a party, an event, a unit or a calendar: a bare name that is no value is one of those.
          const v = a.value;
          if (v.kind === "NameRef" && !this.globals.has(v.name.text)) this.ref(v.name, this.nonValue(v.name.text));
          else this.expr(v, []);
        }
        break;
      case "Import":
        for (const n of d.names) this.ref(n, this.templateIds.get(n.text));
        break;
      case "Calendar":
        for (const b of d.bases) this.ref(b, this.calendars.get(b.text));
        break;
      case "Paid":
        this.ref(d.calendar, this.calendars.get(d.calendar.text));
        this.ref(d.anchor, this.globals.get(d.anchor.text));
        break;
      default:
        break;
    }
  }

  /** A template the sheet can use; declared in this sheet (it has a place here) or imported. */
  private declareTemplate(name: string, t: TemplateDecl): void {
    const local = this.program.decls.includes(t);
    const kind = t.decl.kind === "Clause" ? "clause" : t.decl.kind === "Schedule" ? "schedule" : "const";
    const params = t.params.map((p) => ({ name: p.name.text, text: templateParamText(p) }));
    this.templateIds.set(name, this.add({
      name, kind: "template",
      nameRange: local ? t.decl.name.range : null,
      declRange: local ? t.range : null,
      signature: `template ${kind} ${name}(${params.map((p) => p.name).join(", ")})`,
      details: [`makes a ${kind}; parameters:`, ...params.map((p) => `  ${p.text}`)],
      params,
    }));
  }

  /**
   * `use T as NAME`: a clause, schedule or const named NAME. Which one, the
   * checker knows (it expanded the template); before it has, a clause.
   */
  private declareUse(d: UseDecl): void {
    if (!this.named(d.name)) return;
    const made = this.instanceOf(d);
    const kind: SymbolKind = made?.kind === "Schedule" ? "schedule" : made?.kind === "Const" ? "const" : "clause";
    const title = d.title?.value ?? (made?.kind === "Clause" ? made.title?.value : undefined);
    const symbol = {
      name: d.name.text, kind, nameRange: d.name.range, declRange: d.range,
      signature: `use ${d.template.text} as ${d.name.text}${title === undefined ? "" : ` "${title}"`}`,
      details: [`a ${kind} made from the template ${d.template.text}`],
    };
    if (kind !== "clause") {
      if (!this.globals.has(d.name.text)) this.globals.set(d.name.text, this.add(symbol, made ?? d));
      return;
    }
    this.clauses.push({ name: d.name.text, title: title ?? d.name.text, range: d.range });
    if (!this.clauseIds.has(d.name.text)) this.clauseIds.set(d.name.text, this.add(symbol, made ?? d));
  }

  /** The declaration the checker made from a `use`, when it accepted the program. */
  private instanceOf(d: UseDecl): ClauseDecl | ScheduleDecl | ConstDecl | null {
    if (this.checked === null) return null;
    const all = [...this.checked.clauses, ...this.checked.schedules, ...this.checked.consts];
    return all.find((x) => x.instance?.use === d) ?? null;
  }

  private clause(c: ClauseDecl): void {
    this.block(c.body, [new Map()], c.range, c.name.text);
  }

  private block(body: readonly Stmt[], scopes: Scope[], blockRange: Range, clause: string): void {
    const here = scopes[scopes.length - 1]!;
    for (const s of body) {
      switch (s.kind) {
        case "Let":
          this.expr(s.value, scopes);
          if (!this.named(s.name)) break;
          here.set(s.name.text, this.add({
            name: s.name.text, kind: "let", nameRange: s.name.range, declRange: s.range, container: clause,
            visibleIn: { start: s.range.end, end: blockRange.end }, ...this.describe.let(s),
          }, s));
          break;
        case "Pays":
          this.party(s.payer);
          this.party(s.payee);
          this.expr(s.amount, scopes);
          break;
        case "Grants":
          this.party(s.grantor);
          this.party(s.grantee);
          this.expr(s.quantity, scopes);
          this.expr(s.price, scopes);
          break;
        case "When":
          this.expr(s.cond, scopes);
          this.block(s.body, [...scopes, new Map()], s.range, clause);
          break;
        case "On": {
          this.ref(s.event, this.events.get(s.event.text));
          if (this.named(s.event)) this.onBlocks.push({ event: s.event.text, range: s.range });
          const args: Scope = new Map(this.eventArgs.get(s.event.text) ?? []);
          this.block(s.body, [...scopes, args, new Map()], s.range, clause);
          break;
        }
        case "AtSigning":
          this.block(s.body, [...scopes, new Map()], s.range, clause);
          break;
        case "Cap":
          this.expr(s.amount, scopes);
          break;
        case "Window":
          break;
        case "Balance":
          this.expr(s.initial, scopes);
          if (!this.named(s.name)) break;
          here.set(s.name.text, this.add({
            name: s.name.text, kind: "balance", nameRange: s.name.range, declRange: s.range, container: clause,
            visibleIn: { start: s.range.end, end: blockRange.end }, ...this.describe.balance(s),
          }, s));
          break;
        case "Adjust": {
          this.expr(s.amount, scopes);
          let id: number | undefined;
          for (let i = scopes.length - 1; i >= 0 && id === undefined; i--) id = scopes[i]!.get(s.balance.text);
          this.ref(s.balance, id);
          break;
        }
      }
    }
  }

  private test(t: TestDecl): void {
    for (const p of t.periods) {
      for (const v of p.values) {
        this.ref(v.name, this.globals.get(v.name.text));
        this.expr(v.value, []);
      }
    }
    for (const e of t.events) {
      this.ref(e.event, this.events.get(e.event.text));
      const args = this.eventArgs.get(e.event.text);
      for (const a of e.args) {
        this.ref(a.name, args?.get(a.name.text));
        this.expr(a.value, []);
      }
    }
    for (const x of t.expects) {
      this.party(x.payer);
      this.party(x.payee);
      this.expr(x.amount, []);
      if (x.clause !== null) this.ref(x.clause, this.clauseIds.get(x.clause.text));
    }
  }

  /** The party, event, unit or calendar a name given to a template's parameter stands for. */
  private nonValue(name: string): number | undefined {
    return this.parties.get(name) ?? this.events.get(name) ?? this.units.get(name) ?? this.calendars.get(name);
  }

  private party(n: Name): void {
    this.ref(n, this.parties.get(n.text));
  }

  private ref(n: Name, symbol: number | undefined): void {
    if (symbol !== undefined && this.named(n)) this.references.push({ range: n.range, symbol });
  }

  private unitRefs(u: UnitExpr | null): void {
    if (u === null) return;
    for (const n of [...u.numerator, ...u.denominator]) this.ref(n, this.units.get(n.text));
  }

  /** Every name and unit used in an expression (iterative: expressions may nest deeply). */
  private expr(e: Expr, scopes: readonly Scope[]): void {
    const stack: Expr[] = [e];
    while (stack.length > 0) {
      const x = stack.pop()!;
      switch (x.kind) {
        case "NumberLit": this.unitRefs(x.unit); break;
        case "NameRef": this.ref(x.name, this.resolve(x, scopes)); break;
        case "Unary": stack.push(x.operand); break;
        case "Binary": stack.push(x.left, x.right); break;
        case "Call":
          this.ref(x.callee, this.builtins.get(x.callee.text));
          stack.push(...x.args);
          break;
        case "IfExpr": stack.push(x.cond, x.then, x.else); break;
        default: break;
      }
    }
  }

  /** The checker's binding when there is one; else the innermost scope, then the globals. */
  private resolve(ref: NameRef, scopes: readonly Scope[]): number | undefined {
    const b = this.checked?.bindings.get(ref);
    if (b !== undefined) {
      switch (b.kind) {
        case "periodFact": return this.globals.get(b.fact);
        case "eventArg": return this.byDecl.get(eventArgKey(b.event, b.index));
        default: return this.byDecl.get(b.decl);
      }
    }
    for (let i = scopes.length - 1; i >= 0; i--) {
      const id = scopes[i]!.get(ref.name.text);
      if (id !== undefined) return id;
    }
    return this.globals.get(ref.name.text);
  }
}

// Event arguments have no node of their own in a binding: key them by (event, index).
const argKeys = new WeakMap<EventDecl, object[]>();
function eventArgKey(event: EventDecl, index: number): object {
  let keys = argKeys.get(event);
  if (keys === undefined) {
    keys = [];
    argKeys.set(event, keys);
  }
  keys[index] ??= {};
  return keys[index]!;
}

/**
 * Builds the symbol index of a program (possibly recovered from parse
 * errors). `checked` is the checker's output when it accepted the program.
 */
export function indexProgram(
  program: Program,
  source: string,
  checked: CheckedProgram | null,
  templates: ReadonlyMap<string, TemplateDecl> = new Map(),
): SymbolIndex {
  return new IndexBuilder(program, source, checked, templates).build();
}

/** A parameter as a one-line text: `price: money per q`, `threshold: number = 70%`. */
function templateParamText(p: TemplateParam): string {
  const value = p.default === null ? "" : ` = ${new ExprPrinter((n) => n.digits).expr(p.default)}`;
  return `${p.name.text}: ${paramTypeText(p.type)}${value}`;
}
