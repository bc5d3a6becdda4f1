/**
 * The formatter (docs/language.md §14 "Formatting", `tenor fmt`): one canonical layout for a term
 * sheet, idempotent, keeping every comment.
 *
 * Layout (docs/language.md, "Formatting"):
 * - one declaration, statement, party, schedule entry or test item per
 *   line, blocks indented by two spaces, `{` on the header line, `}` alone;
 * - a blank line between top-level declarations when either is a block
 *   (`parties`, `schedule`, `tiers`, `clause`, `test`); elsewhere at most one blank
 *   line, only where the author left one; none right inside `{ }`;
 * - single spaces between tokens; `name: unit`, `f(a, b)`, `12.5%`;
 *   expressions on one line with the fewest parentheses (./print-expr.ts);
 *   number literals keep their digits as written (`40_000`), strings are
 *   re-escaped (`\"`, `\\`);
 * - a test's `period DATE { a = 1, b = 2 }` stays on one line unless a
 *   comment sits inside its braces (then one value per line);
 * - comments: those above an item stay above it, one at the end of an
 *   item's last line stays there (aligned with its neighbours'), one inside
 *   an item printed on one line (e.g. inside a multi-line expression) moves
 *   above that item, the rest stay where they are in their block.
 */
import { scanTrivia } from "../../grammar/trivia.ts";
import type { SourceToken } from "../../grammar/trivia.ts";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import type { Range } from "../diagnostics/range.ts";
import type {
  CalendarDecl,
  Decl,
  NumberLit,
  TemplateDecl,
  TemplateParam,
  UseDecl,
  Program,
  ScheduleDecl,
  ScheduleEntry,
  Stmt,
  TestDecl,
  TestEvent,
  TestExpect,
  TestPeriod,
  TestValue,
} from "./ast.ts";
import { CommentCursor } from "./comments.ts";
import { parseSource } from "./parse.ts";
import { ExprPrinter, paramTypeText, printString, printUnit } from "./print-expr.ts";
import { LineWriter } from "./print-lines.ts";
import { printTierRows } from "./print-tiers.ts";

/**
 * Formats a source: its canonical layout, or null (with the parse
 * diagnostics) when it has syntax errors — a broken file is never rewritten.
 */
export function formatSource(source: string): Result<string | null> {
  const parsed = parseSource(source);
  const diagnostics: readonly Diagnostic[] = parsed.diagnostics;
  if (hasErrors(diagnostics)) return { value: null, diagnostics };
  return { value: printProgram(parsed.value, source), diagnostics };
}

/**
 * Writes a parsed program in the canonical layout. `source` is the text it
 * was parsed from: it supplies the comments, the blank lines and the digits
 * of numbers as written; without it the program is printed bare.
 * The program must come from a parse without errors.
 */
export function printProgram(program: Program, source = ""): string {
  const printer = new Printer(source);
  printer.program(program);
  return printer.render();
}

/** Something printed in a sequence (a declaration, statement, entry…): where it starts and how it prints. */
interface Item {
  readonly start: number;
  readonly print: (indent: number) => void;
}

const BLOCK_DECLS = new Set<Decl["kind"]>(["Parties", "Schedule", "Tiers", "Clause", "Test", "Template", "Use"]);

/** A template's parameters stay on its header line up to this width; past it, one per line. */
const PARAMS_ON_ONE_LINE = 100;

class Printer {
  private readonly out = new LineWriter();
  private readonly comments: CommentCursor;
  private readonly tokens: readonly SourceToken[];
  private readonly exprs: ExprPrinter;

  constructor(private readonly source: string) {
    const trivia = scanTrivia(source);
    this.comments = new CommentCursor(source, trivia.comments);
    this.tokens = trivia.tokens;
    this.exprs = new ExprPrinter((n) => this.digits(n));
  }

  render(): string {
    return this.out.render();
  }

  program(program: Program): void {
    const items = program.decls.map((d) => this.declItem(d));
    this.sequence(items, 0, this.source.length, (i) => {
      const [previous, current] = [program.decls[i - 1]!, program.decls[i]!];
      return BLOCK_DECLS.has(previous.kind) || BLOCK_DECLS.has(current.kind);
    });
  }

  // ------------------------------------------------------------ layout machinery

  /**
   * Items one per line at `indent`, each with the comments above it; then
   * the comments left before `end` (the closing brace, or the end of file).
   * `forceBlank(i)` asks for a blank line before item i (i ≥ 1).
   */
  private sequence(items: readonly Item[], indent: number, end: number, forceBlank: (i: number) => boolean = () => false): void {
    let empty = true; // nothing written in this sequence yet: no blank line at its top
    const separate = (offset: number, force: boolean): void => {
      if (!empty && (force || this.comments.blankLineBefore(offset))) this.out.blank();
      empty = false;
    };
    items.forEach((item, i) => {
      let force = i > 0 && forceBlank(i);
      for (let c = this.comments.takeBefore(item.start); c !== null; c = this.comments.takeBefore(item.start)) {
        separate(c.start, force);
        force = false;
        this.out.comment(indent, c.text);
      }
      separate(item.start, force);
      item.print(indent);
    });
    for (let c = this.comments.takeBefore(end); c !== null; c = this.comments.takeBefore(end)) {
      separate(c.start, false);
      this.out.comment(indent, c.text);
    }
  }

  /** An item on one line; comments inside its range move above it. */
  private line(indent: number, range: Range, code: string): void {
    for (const c of this.comments.takeAllBefore(range.end)) this.out.comment(indent, c.text);
    this.out.code(indent, code, this.comments.takeTrailing(range.end));
  }

  /**
   * `HEADER {` … `}`: comments inside the header move above it; one right
   * after `{` stays there; `inner` prints the contents up to the `}`.
   * An empty block without comments is `HEADER {}`.
   */
  private block(indent: number, range: Range, header: string, inner: (indent: number, close: number) => void, hasContent: boolean): void {
    const open = this.openBrace(range);
    const close = range.end - 1;
    for (const c of this.comments.takeAllBefore(open)) this.out.comment(indent, c.text);
    const afterOpen = this.comments.takeTrailing(open + 1);
    if (!hasContent && afterOpen === null && !this.comments.anyWithin(open, close)) {
      this.out.code(indent, `${header} {}`, this.comments.takeTrailing(range.end));
      return;
    }
    this.out.code(indent, `${header} {`, afterOpen);
    inner(indent + 1, close);
    this.out.code(indent, "}", this.comments.takeTrailing(range.end));
  }

  private statements(body: readonly Stmt[]): (indent: number, close: number) => void {
    return (indent, close) => this.sequence(body.map((s) => this.stmtItem(s)), indent, close);
  }

  // ------------------------------------------------------------ declarations

  private declItem(d: Decl): Item {
    return { start: d.range.start, print: (indent) => this.decl(d, indent) };
  }

  private decl(d: Decl, indent: number): void {
    const e = this.exprs;
    switch (d.kind) {
      case "Deal":
        return this.line(indent, d.range, `deal ${printString(d.title)}`);
      case "Parties": {
        const items = d.parties.map((p): Item => ({
          start: p.range.start,
          print: (i) => this.line(i, p.range, `${p.name.text}: ${printString(p.legalName)}`),
        }));
        return this.block(indent, d.range, "parties", (i, close) => this.sequence(items, i, close), items.length > 0);
      }
      case "Term": {
        const options = `${d.backward ? ", backward" : ""}${d.endOfMonth ? ", end_of_month" : ""}`;
        return this.line(indent, d.range, `term ${d.start.text} to ${d.end.text}, ${d.frequency}${options}`);
      }
      case "Paid": {
        const lag = d.lag === null ? "on" : `${this.digits(d.lag.count)}${d.lag.business ? " business" : ""} ${d.lag.unit.text} after`;
        return this.line(indent, d.range, `paid ${lag} ${d.anchor.text}, ${d.convention} ${d.calendar.text}`);
      }
      case "Calendar":
        return this.calendar(d, indent);
      case "Currency":
        return this.line(indent, d.range, `currency ${d.code.text}${d.rounding === null ? "" : `, rounding ${d.rounding}`}`);
      case "Settle":
        return this.line(indent, d.range, "settle net");
      case "Units":
        return this.line(indent, d.range, `units ${d.names.map((n) => n.text).join(", ")}`);
      case "Input": {
        const b = d.bounds;
        // `in LOW .. HIGH`, an end left out as written: `in 0 USD ..`, `in .. 5 USD`.
        const bounds = b === undefined ? "" : ` in ${b.low === null ? "" : `${e.expr(b.low)} `}..${b.high === null ? "" : ` ${e.expr(b.high)}`}`;
        return this.line(indent, d.range, `input ${d.name.text}: ${printUnit(d.unit)}${bounds}`);
      }
      case "Event": {
        const params = d.params.map((p) => `${p.name.text}: ${printUnit(p.unit)}`).join(", ");
        const limit = d.limit === undefined ? "" : ` at most ${this.digits(d.limit.count)} per ${d.limit.per}`;
        return this.line(indent, d.range, `event ${d.name.text}(${params})${limit}`);
      }
      case "Const":
        return this.line(indent, d.range, `const ${d.name.text} = ${e.expr(d.value)}`);
      case "Schedule":
        return this.schedule(d, indent);
      case "Tiers": {
        const rows = printTierRows(d.entries, (x) => e.expr(x));
        const items = d.entries.map((entry, k): Item => ({ start: entry.range.start, print: (i) => this.line(i, entry.range, rows[k]!) }));
        return this.block(indent, d.range, `tiers ${d.name.text}`, (i, close) => this.sequence(items, i, close), items.length > 0);
      }
      case "Clause": {
        const header = `clause ${d.name.text}${d.title === null ? "" : ` ${printString(d.title)}`}`;
        return this.block(indent, d.range, header, this.statements(d.body), d.body.length > 0);
      }
      case "Test":
        return this.test(d, indent);
      case "Import":
        return this.line(indent, d.range, `import ${d.names.map((n) => n.text).join(", ")} from ${printString(d.path)}`);
      case "Template":
        return this.template(d, indent);
      case "Use":
        return this.use(d, indent);
    }
  }

  /**
   * `calendar NAME[: BASES] { D1, D2 }` on one line while it fits and no
   * comment sits inside the braces; else one date per line.
   */
  private calendar(d: CalendarDecl, indent: number): void {
    const header = `calendar ${d.name.text}${d.bases.length === 0 ? "" : `: ${d.bases.map((b) => b.text).join(", ")}`}`;
    const open = this.openBrace(d.range);
    for (const c of this.comments.takeAllBefore(open)) this.out.comment(indent, c.text);
    const oneLine = d.dates.length === 0 ? `${header} {}` : `${header} { ${d.dates.map((x) => x.text).join(", ")} }`;
    if (!this.comments.anyWithin(open, d.range.end) && "  ".repeat(indent).length + oneLine.length <= PARAMS_ON_ONE_LINE) {
      return this.line(indent, d.range, oneLine);
    }
    const items = d.dates.map((x): Item => ({ start: x.range.start, print: (i) => this.line(i, x.range, x.text) }));
    this.block(indent, d.range, header, (i, close) => this.sequence(items, i, close), items.length > 0);
  }

  // ------------------------------------------------------------ modules

  /**
   * `template KIND NAME(PARAMS) REST`: the parameters on the header line
   * when it stays short, else one per line (comments between them kept).
   */
  private template(t: TemplateDecl, indent: number): void {
    const d = t.decl;
    const kind = d.kind === "Clause" ? "clause" : d.kind === "Schedule" ? "schedule" : "const";
    const rest =
      d.kind === "Clause" ? (d.title === null ? "" : ` ${printString(d.title)}`)
        : d.kind === "Schedule" ? ` by ${d.basis}${d.tapering ? ", tapering" : ""}`
          : ` = ${this.exprs.expr(d.value)}`;
    const head = `template ${kind} ${d.name.text}(`;
    const params = t.params.map((p) => this.param(p));
    const close = this.closeParen(t);
    const oneLine = `${head}${params.join(", ")})`;
    const fits = "  ".repeat(indent).length + oneLine.length + rest.length <= PARAMS_ON_ONE_LINE && !this.comments.anyWithin(t.range.start, close);
    let header = `${oneLine}${rest}`;
    if (!fits) {
      for (const c of this.comments.takeAllBefore(t.range.start)) this.out.comment(indent, c.text);
      this.out.code(indent, head, null);
      const items = t.params.map((p, k): Item => ({ start: p.range.start, print: (i) => this.line(i, p.range, `${params[k]!},`) }));
      this.sequence(items, indent + 1, close);
      header = `)${rest}`;
    }
    if (d.kind === "Clause") return this.block(indent, t.range, header, this.statements(d.body), d.body.length > 0);
    if (d.kind === "Schedule") return this.scheduleBlock(d, indent, t.range, header);
    return this.line(indent, t.range, header);
  }

  private param(p: TemplateParam): string {
    return `${p.name.text}: ${paramTypeText(p.type)}${p.default === null ? "" : ` = ${this.exprs.expr(p.default)}`}`;
  }

  /** Offset of the `)` that closes a template's parameters. */
  private closeParen(t: TemplateDecl): number {
    const after = t.params.at(-1)?.range.end ?? t.decl.name.range.end;
    for (let i = this.tokenIndex(after); i < this.tokens.length; i++) {
      if (this.tokens[i]!.type === "RParen") return this.tokens[i]!.start;
    }
    return after;
  }

  private use(u: UseDecl, indent: number): void {
    const header = `use ${u.template.text} as ${u.name.text}${u.title === null ? "" : ` ${printString(u.title)}`}`;
    const items = u.args.map((a): Item => ({ start: a.range.start, print: (i) => this.line(i, a.range, `${a.name.text} = ${this.exprs.expr(a.value)}`) }));
    this.block(indent, u.range, header, (i, close) => this.sequence(items, i, close), items.length > 0);
  }

  private schedule(d: ScheduleDecl, indent: number): void {
    this.scheduleBlock(d, indent, d.range, `schedule ${d.name.text} by ${d.basis}${d.tapering ? ", tapering" : ""}`);
  }

  private scheduleBlock(d: ScheduleDecl, indent: number, range: Range, header: string): void {
    const items = d.entries.map((entry): Item => ({
      start: entry.range.start,
      print: (i) => this.line(i, entry.range, `${this.scheduleKey(entry, d)}: ${this.exprs.expr(entry.value)}`),
    }));
    this.block(indent, range, header, (i, close) => this.sequence(items, i, close), items.length > 0);
  }

  private scheduleKey(entry: ScheduleEntry, d: ScheduleDecl): string {
    const key = entry.key;
    if (key.kind === "DateKey") {
      return `${key.from.text}${key.to !== null ? ` to ${key.to.text}` : ""}${key.onward ? " onward" : ""}`;
    }
    // The key word follows the basis; under `by date` (a check error) it is kept as written.
    const written = this.tokenAt(key.range.start)?.image;
    const word = d.basis === "period" ? "period" : d.basis === "contract_year" ? "year" : written === "period" ? "period" : "year";
    const from = this.digits(key.from);
    return `${word} ${from}${key.to !== null ? ` to ${this.digits(key.to)}` : ""}${key.onward ? " onward" : ""}`;
  }

  // ------------------------------------------------------------ clause statements

  private stmtItem(s: Stmt): Item {
    return { start: s.range.start, print: (indent) => this.stmt(s, indent) };
  }

  private stmt(s: Stmt, indent: number): void {
    const e = this.exprs;
    switch (s.kind) {
      case "Let":
        return this.line(indent, s.range, `let ${s.name.text} = ${e.expr(s.value)}`);
      case "Pays":
        return this.line(indent, s.range, `${s.payer.text} pays ${s.payee.text} ${e.expr(s.amount)}`);
      case "Grants":
        return this.line(
          indent,
          s.range,
          `${s.grantor.text} grants ${s.grantee.text} ${e.expr(s.quantity)} ${s.instrument.text} at ${e.expr(s.price)}`,
        );
      case "When": {
        const consecutive = s.consecutive === null ? "" : ` for ${s.consecutive.kind === "Name" ? s.consecutive.text : this.digits(s.consecutive)} consecutive periods`;
        return this.block(indent, s.range, `when ${e.expr(s.cond)}${consecutive}`, this.statements(s.body), s.body.length > 0);
      }
      case "On":
        return this.block(indent, s.range, `on ${s.event.text}`, this.statements(s.body), s.body.length > 0);
      case "AtSigning":
        return this.block(indent, s.range, "at signing", this.statements(s.body), s.body.length > 0);
      case "Cap": {
        const window = s.window === "term" ? "over term" : `per ${s.window}`;
        return this.line(indent, s.range, `cap ${e.expr(s.amount)} ${window}`);
      }
      case "Window":
        return this.line(indent, s.range, `${s.bound} ${s.date.text}`);
      case "Balance":
        return this.line(indent, s.range, `balance ${s.name.text} = ${e.expr(s.initial)}`);
      case "Adjust": {
        const into = s.op === "add" ? "to" : "from";
        return this.line(indent, s.range, `${s.op} ${e.expr(s.amount)} ${into} ${s.balance.text}`);
      }
    }
  }

  // ------------------------------------------------------------ test blocks

  private test(d: TestDecl, indent: number): void {
    // The AST keeps periods, events and expects apart; print them in source order.
    const parts: (TestPeriod | TestEvent | TestExpect)[] = [...d.periods, ...d.events, ...d.expects];
    parts.sort((a, b) => a.range.start - b.range.start);
    const items = parts.map((p): Item => ({ start: p.range.start, print: (i) => this.testPart(p, i) }));
    this.block(indent, d.range, `test ${printString(d.title)}`, (i, close) => this.sequence(items, i, close), items.length > 0);
  }

  private testPart(p: TestPeriod | TestEvent | TestExpect, indent: number): void {
    const e = this.exprs;
    const value = (v: TestValue) => `${v.name.text} = ${e.expr(v.value)}`;
    switch (p.kind) {
      case "TestPeriod": {
        const header = `period ${p.date.text}`;
        const open = this.openBrace(p.range);
        for (const c of this.comments.takeAllBefore(open)) this.out.comment(indent, c.text);
        if (!this.comments.anyWithin(open, p.range.end)) {
          const values = p.values.map(value).join(", ");
          return this.line(indent, p.range, values === "" ? `${header} {}` : `${header} { ${values} }`);
        }
        // A comment inside the braces: one value per line, so it keeps its place.
        const items = p.values.map((v): Item => ({ start: v.range.start, print: (i) => this.line(i, v.range, value(v)) }));
        return this.block(indent, p.range, header, (i, close) => this.sequence(items, i, close), true);
      }
      case "TestEvent":
        return this.line(indent, p.range, `event ${p.date.text} ${p.event.text}(${p.args.map(value).join(", ")})`);
      case "TestExpect": {
        const under = p.clause === null ? "" : ` under ${p.clause.text}`;
        const at = p.period === null ? "" : ` in ${p.period.text}`;
        return this.line(indent, p.range, `expect ${p.payer.text} pays ${p.payee.text} ${e.expr(p.amount)}${under}${at}`);
      }
    }
  }

  // ------------------------------------------------------------ source lookups

  /** Index of the first token starting at or after `offset`. */
  private tokenIndex(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private tokenAt(offset: number): SourceToken | undefined {
    const token = this.tokens[this.tokenIndex(offset)];
    return token?.start === offset ? token : undefined;
  }

  /** Offset of the block's `{`: the first brace in its range (headers hold none). */
  private openBrace(range: Range): number {
    for (let i = this.tokenIndex(range.start); i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      if (token.start >= range.end) break;
      if (token.type === "LBrace") return token.start;
    }
    return range.start;
  }

  /** A number's digits as written (`40_000`) when the source has them, else the AST's. */
  private digits(n: NumberLit): string {
    for (let i = this.tokenIndex(n.range.start); i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      if (token.start >= n.range.end) break;
      if (token.type === "NumberLit") return token.image.replace(/_/g, "") === n.digits ? token.image : n.digits;
    }
    return n.digits;
  }
}
