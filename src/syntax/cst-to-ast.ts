/**
 * Builds the AST (./ast.ts) from the Chevrotain CST of one declaration.
 *
 * Offsets: Chevrotain's `endOffset` is inclusive, AST ranges are
 * end-exclusive, so every end is `endOffset + 1`. Tokens inserted by error
 * recovery have no position and are treated as absent. Where recovery left
 * an expression missing the builder puts an ErrorExpr; where a statement
 * lost a name it is dropped. Nothing here throws on a partial tree.
 */
import type { CstElement, CstNode, IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Range } from "../diagnostics/range.ts";
import { PARSE } from "../diagnostics/codes/parse.ts";
import type {
  BusinessDayConvention,
  CapWindow,
  CountWindow,
  EventLimit,
  InputBounds,
  DateLit,
  Decl,
  EventParam,
  Expr,
  ParamType,
  TemplateParam,
  UseArg,
  Frequency,
  Name,
  NumberLit,
  PaidDecl,
  Party,
  PaymentLag,
  RoundingMode,
  ScheduleBasis,
  ScheduleEntry,
  ScheduleKey,
  Stmt,
  StringLit,
  TestExpect,
  TestEvent,
  TestPeriod,
  TestValue,
  TierEntry,
  UnitExpr,
  BinaryOp,
} from "./ast.ts";
import { BINARY_PRECEDENCE, COMPARISON_PRECEDENCE, NOT_PRECEDENCE } from "./precedence.ts";

type Children = Record<string, CstElement[] | undefined>;


function isToken(element: CstElement): element is IToken {
  return (element as IToken).image !== undefined;
}

/** A real (not recovery-inserted) token with a usable position. */
function isReal(token: IToken): boolean {
  return token.isInsertedInRecovery !== true && Number.isFinite(token.startOffset);
}

/**
 * Builder state for one declaration: diagnostics it adds and the end of the
 * last real token seen, where a missing piece is anchored.
 */
class Builder {
  readonly diagnostics: Diagnostic[] = [];
  /** True while building the declaration inside `template`: its parameters are allowed. */
  private inTemplate = false;
  private lastEnd = 0;

  constructor(start: number) {
    this.lastEnd = start;
  }

  // ------------------------------------------------------------ access helpers

  private children(node: CstNode | undefined): Children {
    return (node?.children ?? {}) as Children;
  }

  token(node: CstNode | undefined, key: string, index = 0): IToken | undefined {
    const all = this.children(node)[key];
    let seen = 0;
    for (const element of all ?? []) {
      if (!isToken(element) || !isReal(element)) continue;
      if (seen === index) return element;
      seen += 1;
    }
    return undefined;
  }

  tokens(node: CstNode | undefined, key: string): IToken[] {
    return (this.children(node)[key] ?? []).filter((e): e is IToken => isToken(e) && isReal(e));
  }

  node(node: CstNode | undefined, key: string, index = 0): CstNode | undefined {
    const all = this.children(node)[key];
    const element = all?.[index];
    return element !== undefined && !isToken(element) ? element : undefined;
  }

  nodes(node: CstNode | undefined, key: string): CstNode[] {
    return (this.children(node)[key] ?? []).filter((e): e is CstNode => !isToken(e));
  }

  has(node: CstNode | undefined, key: string): boolean {
    return this.token(node, key) !== undefined;
  }

  // ------------------------------------------------------------ ranges

  tokenRange(token: IToken): Range {
    const range = { start: token.startOffset, end: (token.endOffset ?? token.startOffset) + 1 };
    if (range.end > this.lastEnd) this.lastEnd = range.end;
    return range;
  }

  /** The node's span from its first to its last real token; a point when it has none. */
  nodeRange(node: CstNode | undefined): Range {
    const found = node === undefined ? null : realSpan(node);
    return found ?? { start: this.lastEnd, end: this.lastEnd };
  }

  /** Where a missing piece is reported: right after the last real token. */
  missing(): Range {
    return { start: this.lastEnd, end: this.lastEnd };
  }

  // ------------------------------------------------------------ leaves

  name(token: IToken | undefined): Name | null {
    if (token === undefined) return null;
    return { kind: "Name", text: token.image, range: this.tokenRange(token) };
  }

  string(token: IToken | undefined): StringLit | null {
    if (token === undefined) return null;
    return { kind: "StringLit", value: unescapeString(token.image), range: this.tokenRange(token) };
  }

  date(token: IToken | undefined): DateLit | null {
    if (token === undefined) return null;
    return { kind: "DateLit", text: token.image, range: this.tokenRange(token) };
  }

  /** A bare number (`year 3`, `for 3 consecutive periods`). */
  bareNumber(token: IToken | undefined): NumberLit | null {
    if (token === undefined) return null;
    return {
      kind: "NumberLit",
      digits: token.image.replace(/_/g, ""),
      scale: null,
      percent: false,
      unit: null,
      range: this.tokenRange(token),
    };
  }

  unit(node: CstNode | undefined): UnitExpr {
    const range = this.nodeRange(node);
    const names = this.tokens(node, "Identifier").map((t) => this.name(t)!);
    const [numerator, denominator] = [names.slice(0, 1), names.slice(1, 2)];
    return { kind: "UnitExpr", numerator, denominator, range };
  }

  // ------------------------------------------------------------ expressions

  expr(node: CstNode | undefined): Expr {
    if (node === undefined) return { kind: "ErrorExpr", range: this.missing() };
    if (node.name === "expression") return this.operatorChain(node);
    return { kind: "ErrorExpr", range: this.nodeRange(node) };
  }

  /**
   * Applies precedence to the flat `operand (op operand)*` list (precedence
   * climbing). Recursion is bounded by the number of precedence levels plus
   * the `not`s, which grammar/nesting.ts has already limited.
   */
  private operatorChain(node: CstNode): Expr {
    const operands = this.nodes(node, "operand");
    const ops = (this.children(node)["BinaryOp"] ?? []).filter(isToken);
    let position = 0; // index of the next operand to read; ops[position - 1] follows the last one read
    let notsUsed = 0; // `not`s of operands[position] already applied

    const level = (minPrecedence: number): Expr => {
      let left: Expr;
      const operand = operands[position];
      const nots = this.tokens(operand, "Not");
      if (notsUsed < nots.length) {
        const not = nots[notsUsed]!;
        // A leading `not` binds looser than comparisons: `a + not b` needs parentheses (`not not b` does not).
        if (notsUsed === 0 && minPrecedence > NOT_PRECEDENCE) {
          this.report(not, "'not' must be in parentheses here");
        }
        notsUsed += 1;
        const start = this.tokenRange(not).start;
        const inner = level(NOT_PRECEDENCE + 1);
        left = { kind: "Unary", op: "not", operand: inner, range: { start, end: Math.max(inner.range.end, start + 3) } };
      } else {
        left = this.operand(operand);
        position += 1;
        notsUsed = 0;
      }
      let comparisons = 0;
      while (position - 1 < ops.length) {
        const op = ops[position - 1]!;
        const precedence = BINARY_PRECEDENCE[op.image] ?? 0;
        if (precedence < minPrecedence) break;
        const chained = precedence === COMPARISON_PRECEDENCE && comparisons++ > 0;
        if (chained) this.report(op, "comparisons cannot be chained; join them with 'and'");
        if (isReal(op)) this.tokenRange(op);
        const right = level(precedence + 1);
        const range = { start: Math.min(left.range.start, right.range.start), end: Math.max(left.range.end, right.range.end) };
        // A reported chain becomes an ErrorExpr so the checker adds nothing about it.
        left = chained ? { kind: "ErrorExpr", range } : { kind: "Binary", op: op.image as BinaryOp, left, right, range };
      }
      return left;
    };

    return level(0);
  }

  /** `-* PRIMARY` (the `not`s are applied by operatorChain). */
  private operand(node: CstNode | undefined): Expr {
    if (node === undefined) return { kind: "ErrorExpr", range: this.missing() };
    const minuses = this.tokens(node, "Minus");
    let result = this.primary(node);
    for (let i = minuses.length - 1; i >= 0; i--) {
      const start = this.tokenRange(minuses[i]!).start;
      result = { kind: "Unary", op: "-", operand: result, range: { start, end: Math.max(result.range.end, start + 1) } };
    }
    return result;
  }

  private report(token: IToken, message: string): void {
    const range = isReal(token) ? this.tokenRange(token) : this.missing();
    this.diagnostics.push({ code: PARSE.unexpectedToken, severity: "error", message, range });
  }

  /** The primary part of an operand node (after its prefix operators). */
  private primary(node: CstNode): Expr {
    const number = this.node(node, "numberLiteral");
    if (number !== undefined) return this.numberLiteral(number);
    const date = this.date(this.token(node, "DateLit"));
    if (date !== null) return { kind: "DateExpr", date, range: date.range };
    const call = this.node(node, "nameOrCall");
    if (call !== undefined) return this.nameOrCall(call);
    const contractYear = this.name(this.token(node, "ContractYear"));
    if (contractYear !== null) return { kind: "NameRef", name: contractYear, range: contractYear.range };
    const open = this.token(node, "LParen");
    if (open !== undefined) {
      const start = this.tokenRange(open).start;
      const inner = this.expr(this.node(node, "expression"));
      const close = this.token(node, "RParen");
      // The node keeps the span of its parentheses so ranges stay exact.
      const end = close !== undefined ? this.tokenRange(close).end : inner.range.end;
      return inner.kind === "ErrorExpr" ? inner : { ...inner, range: { start, end } };
    }
    const ifToken = this.token(node, "If");
    if (ifToken !== undefined) {
      const start = this.tokenRange(ifToken).start;
      const cond = this.expr(this.node(node, "cond"));
      const then = this.expr(this.node(node, "then"));
      const otherwise = this.expr(this.node(node, "else"));
      return { kind: "IfExpr", cond, then, else: otherwise, range: { start, end: Math.max(otherwise.range.end, start + 2) } };
    }
    return { kind: "ErrorExpr", range: this.missing() };
  }

  private numberLiteral(node: CstNode): Expr {
    const digitsToken = this.token(node, "NumberLit");
    if (digitsToken === undefined) return { kind: "ErrorExpr", range: this.nodeRange(node) };
    const range = this.nodeRange(node);
    this.tokenRange(digitsToken);
    const scale = this.has(node, "Million") ? "million" : this.has(node, "Billion") ? "billion" : null;
    const percent = this.has(node, "Percent");
    const unitNode = this.node(node, "unitExpr");
    const unit = unitNode === undefined || this.token(unitNode, "Identifier") === undefined ? null : this.unit(unitNode);
    return { kind: "NumberLit", digits: digitsToken.image.replace(/_/g, ""), scale, percent, unit, range };
  }

  private nameOrCall(node: CstNode): Expr {
    const name = this.name(this.token(node, "Identifier"));
    if (name === null) return { kind: "ErrorExpr", range: this.nodeRange(node) };
    if (this.children(node)["LParen"] === undefined) return { kind: "NameRef", name, range: name.range };
    const range = this.nodeRange(node);
    const args = this.nodes(node, "expression").map((e) => this.expr(e));
    return { kind: "Call", callee: name, args, range };
  }

  // ------------------------------------------------------------ statements

  block(node: CstNode | undefined): Stmt[] {
    const body: Stmt[] = [];
    for (const statement of this.nodes(node, "statement")) {
      const built = this.statement(statement);
      if (built !== null) body.push(built);
    }
    return body;
  }

  private statement(node: CstNode): Stmt | null {
    const inner = Object.values(this.children(node))[0]?.[0];
    if (inner === undefined || isToken(inner)) return null;
    const range = this.nodeRange(inner);
    switch (inner.name) {
      case "letStmt": {
        const name = this.name(this.token(inner, "Identifier"));
        const value = this.expr(this.node(inner, "expression"));
        return name === null ? null : { kind: "Let", name, value, range };
      }
      case "paysStmt": {
        const payer = this.name(this.token(inner, "Identifier", 0));
        const payee = this.name(this.token(inner, "Identifier", 1));
        const amount = this.expr(this.node(inner, "expression"));
        return payer === null || payee === null ? null : { kind: "Pays", payer, payee, amount, range };
      }
      case "grantsStmt": {
        const grantor = this.name(this.token(inner, "Identifier", 0));
        const grantee = this.name(this.token(inner, "Identifier", 1));
        const quantity = this.expr(this.node(inner, "quantity"));
        const instrument = this.name(this.token(inner, "instrument"));
        const price = this.expr(this.node(inner, "price"));
        if (grantor === null || grantee === null || instrument === null) return null;
        return { kind: "Grants", grantor, grantee, quantity, instrument, price, range };
      }
      case "whenStmt": {
        const cond = this.expr(this.node(inner, "expression"));
        const consecutive = !this.has(inner, "For")
          ? null
          : this.bareNumber(this.token(inner, "NumberLit")) ?? this.name(this.token(inner, "Identifier"));
        const body = this.block(this.node(inner, "block"));
        return { kind: "When", cond, consecutive, body, range };
      }
      case "onStmt": {
        const event = this.name(this.token(inner, "Identifier"));
        const body = this.block(this.node(inner, "block"));
        return event === null ? null : { kind: "On", event, body, range };
      }
      case "atSigningStmt":
        return { kind: "AtSigning", body: this.block(this.node(inner, "block")), range };
      case "capStmt": {
        const amount = this.expr(this.node(inner, "expression"));
        const window: CapWindow | null = this.has(inner, "Term")
          ? "term"
          : this.has(inner, "ContractYear")
            ? "contract_year"
            : this.has(inner, "Period")
              ? "period"
              : null;
        return window === null ? null : { kind: "Cap", amount, window, range };
      }
      case "windowStmt": {
        const bound = this.has(inner, "From") ? "from" : this.has(inner, "Until") ? "until" : null;
        const date = this.date(this.token(inner, "DateLit")) ?? this.name(this.token(inner, "Identifier"));
        return bound === null || date === null ? null : { kind: "Window", bound, date, range };
      }
      case "balanceStmt": {
        const name = this.name(this.token(inner, "Identifier"));
        const initial = this.expr(this.node(inner, "expression"));
        return name === null ? null : { kind: "Balance", name, initial, range };
      }
      case "addStmt":
      case "subtractStmt": {
        const amount = this.expr(this.node(inner, "expression"));
        const balance = this.name(this.token(inner, "Identifier"));
        const op = inner.name === "addStmt" ? "add" : "subtract";
        return balance === null ? null : { kind: "Adjust", op, amount, balance, range };
      }
      default:
        return null;
    }
  }

  // ------------------------------------------------------------ declarations

  decl(node: CstNode): Decl | null {
    const range = this.nodeRange(node);
    switch (node.name) {
      case "dealDecl": {
        const title = this.string(this.token(node, "StringLit"));
        return title === null ? null : { kind: "Deal", title, range };
      }
      case "partiesDecl": {
        const parties: Party[] = [];
        for (const party of this.nodes(node, "party")) {
          const partyRange = this.nodeRange(party);
          const name = this.name(this.token(party, "Identifier"));
          const legalName = this.string(this.token(party, "StringLit"));
          if (name !== null && legalName !== null) parties.push({ kind: "Party", name, legalName, range: partyRange });
        }
        return { kind: "Parties", parties, range };
      }
      case "termDecl": {
        const start = this.date(this.token(node, "DateLit", 0));
        const end = this.date(this.token(node, "DateLit", 1));
        const frequency: Frequency | null = this.has(node, "Monthly")
          ? "monthly"
          : this.has(node, "Quarterly")
            ? "quarterly"
            : this.has(node, "Annually")
              ? "annually"
              : null;
        if (start === null || end === null || frequency === null) return null;
        return { kind: "Term", start, end, frequency, backward: this.has(node, "Backward"), endOfMonth: this.has(node, "EndOfMonth"), range };
      }
      case "paidDecl":
        return this.paid(node, range);
      case "calendarDecl": {
        const name = this.name(this.token(node, "Identifier"));
        const bases = this.tokens(node, "base").map((t) => this.name(t)!);
        const dates = this.tokens(node, "DateLit").map((t) => this.date(t)!);
        return name === null ? null : { kind: "Calendar", name, bases, dates, range };
      }
      case "currencyDecl": {
        const code = this.name(this.token(node, "Identifier"));
        const modes: RoundingMode[] = ["half_even", "half_up", "down", "up"];
        const rounding = modes.find((m) => this.has(node, pascal(m))) ?? null;
        return code === null ? null : { kind: "Currency", code, rounding, range };
      }
      case "settleDecl":
        return { kind: "Settle", mode: "net", range };
      case "unitsDecl":
        return { kind: "Units", names: this.tokens(node, "Identifier").map((t) => this.name(t)!), range };
      case "inputDecl": {
        const name = this.name(this.token(node, "Identifier"));
        const unit = this.unit(this.node(node, "unitExpr"));
        if (name === null) return null;
        const bounds = this.inputBounds(node);
        return bounds === null ? { kind: "Input", name, unit, range } : { kind: "Input", name, unit, bounds, range };
      }
      case "eventDecl": {
        const name = this.name(this.token(node, "Identifier"));
        const params: EventParam[] = [];
        for (const param of this.nodes(node, "eventParam")) {
          const paramRange = this.nodeRange(param);
          const paramName = this.name(this.token(param, "Identifier"));
          const unit = this.unit(this.node(param, "unitExpr"));
          if (paramName !== null) params.push({ kind: "EventParam", name: paramName, unit, range: paramRange });
        }
        if (name === null) return null;
        const limit = this.eventLimit(node);
        return limit === null ? { kind: "Event", name, params, range } : { kind: "Event", name, params, limit, range };
      }
      case "constDecl": {
        this.refuseParams(node);
        const name = this.name(this.token(node, "Identifier"));
        const value = this.expr(this.node(node, "expression"));
        return name === null ? null : { kind: "Const", name, value, range };
      }
      case "scheduleDecl":
        this.refuseParams(node);
        return this.schedule(node, range);
      case "tiersDecl":
        return this.tiers(node, range);
      case "clauseDecl": {
        this.refuseParams(node);
        const name = this.name(this.token(node, "Identifier"));
        const title = this.string(this.token(node, "StringLit"));
        const body = this.block(this.node(node, "block"));
        return name === null ? null : { kind: "Clause", name, title, body, range };
      }
      case "testDecl":
        return this.test(node, range);
      case "importDecl": {
        const names = this.tokens(node, "Identifier").map((t) => this.name(t)!);
        const path = this.string(this.token(node, "StringLit"));
        return path === null ? null : { kind: "Import", names, path, range };
      }
      case "templateDecl":
        return this.template(node, range);
      case "useDecl": {
        const template = this.name(this.token(node, "Identifier", 0));
        const name = this.name(this.token(node, "Identifier", 1));
        const title = this.string(this.token(node, "StringLit"));
        const args: UseArg[] = this.nodes(node, "testValue").flatMap((v) => {
          const built = this.testValue(v);
          return built === null ? [] : [{ kind: "UseArg" as const, name: built.name, value: built.value, range: built.range }];
        });
        return template === null || name === null ? null : { kind: "Use", template, name, title, args, range };
      }
      default:
        return null;
    }
  }

  /** `in [LOW] .. [HIGH]`, or null when not written. */
  private inputBounds(node: CstNode): InputBounds | null {
    const inToken = this.token(node, "In");
    const dots = this.token(node, "DotDot");
    if (inToken === undefined || dots === undefined) return null;
    const lowNode = this.node(node, "low");
    const highNode = this.node(node, "high");
    const low = lowNode === undefined ? null : this.expr(lowNode);
    const high = highNode === undefined ? null : this.expr(highNode);
    const end = high?.range.end ?? this.tokenRange(dots).end;
    return { kind: "InputBounds", low, high, range: { start: this.tokenRange(inToken).start, end } };
  }

  /** `at most N per WINDOW`, or null when not written (or not whole after a parse error). */
  private eventLimit(node: CstNode): EventLimit | null {
    const at = this.token(node, "At");
    const count = this.bareNumber(this.token(node, "NumberLit"));
    if (at === undefined || count === null) return null;
    const per: CountWindow | null = this.has(node, "Term") ? "term" : this.has(node, "ContractYear") ? "contract_year" : this.has(node, "Period") ? "period" : null;
    if (per === null) return null;
    const last = this.token(node, per === "term" ? "Term" : per === "contract_year" ? "ContractYear" : "Period")!;
    return { kind: "EventLimit", count, per, range: { start: this.tokenRange(at).start, end: this.tokenRange(last).end } };
  }

  private paid(node: CstNode, range: Range): PaidDecl | null {
    let lag: PaymentLag | null = null;
    const count = this.token(node, "NumberLit");
    if (count !== undefined) {
      const lagStart = count.startOffset;
      const number = this.bareNumber(count)!;
      const business = this.has(node, "Business");
      const unit = this.name(this.token(node, "unit"));
      if (unit === null) return null;
      lag = { kind: "PaymentLag", count: number, business, unit, range: { start: lagStart, end: unit.range.end } };
    } else if (!this.has(node, "On")) {
      return null;
    }
    const anchor = this.name(this.token(node, "anchor"));
    const conventions: BusinessDayConvention[] = ["following", "modified_following", "preceding"];
    const convention = conventions.find((c) => this.has(node, pascal(c)));
    const calendar = this.name(this.token(node, "calendar"));
    if (anchor === null || convention === undefined || calendar === null) return null;
    return { kind: "Paid", lag, anchor, convention, calendar, range };
  }

  /** Parameters belong to templates: `const f(x: number) = …` without `template` is a mistake. */
  private refuseParams(node: CstNode): void {
    const params = this.node(node, "templateParams");
    if (params === undefined || this.inTemplate) return;
    this.diagnostics.push({
      code: PARSE.paramsOutsideTemplate,
      severity: "error",
      message: "only a template takes parameters; write template before the declaration to make it one",
      range: this.nodeRange(params),
    });
  }

  private template(node: CstNode, range: Range): Decl | null {
    const inner = this.node(node, "clauseDecl") ?? this.node(node, "scheduleDecl") ?? this.node(node, "constDecl");
    if (inner === undefined) return null;
    const params = this.nodes(this.node(inner, "templateParams"), "templateParam").flatMap((p) => this.templateParam(p) ?? []);
    // Built as a plain declaration; its parameters are read here, so they are not refused.
    this.inTemplate = true;
    const decl = this.decl(inner);
    this.inTemplate = false;
    if (decl === null || (decl.kind !== "Clause" && decl.kind !== "Schedule" && decl.kind !== "Const")) return null;
    return { kind: "Template", params, decl, range };
  }

  private templateParam(node: CstNode): TemplateParam | null {
    const range = this.nodeRange(node);
    const name = this.name(this.token(node, "Identifier"));
    const value = this.node(node, "expression");
    const type = this.paramType(node);
    if (name === null || type === null) return null;
    return { kind: "TemplateParam", name, type, default: value === undefined ? null : this.expr(value), range };
  }

  private paramType(node: CstNode): ParamType | null {
    if (this.has(node, "Event")) {
      const params: EventParam[] = [];
      for (const param of this.nodes(node, "eventParam")) {
        const paramName = this.name(this.token(param, "Identifier"));
        const unit = this.unit(this.node(param, "unitExpr"));
        if (paramName !== null) params.push({ kind: "EventParam", name: paramName, unit, range: this.nodeRange(param) });
      }
      return { kind: "event", params };
    }
    if (this.has(node, "Date")) return { kind: "date" };
    if (this.has(node, "Tiers")) return { kind: "tiers" };
    const unitNode = this.node(node, "unitExpr");
    if (unitNode === undefined) return null;
    const unit = this.unit(unitNode);
    const word = unit.denominator.length === 0 && unit.numerator.length === 1 ? unit.numerator[0]!.text : null;
    switch (word) {
      case "party":
      case "unit":
        return { kind: word };
      case "days":
      case "months":
      case "years":
        return { kind: "duration", per: word };
      default:
        return { kind: "value", unit };
    }
  }

  private schedule(node: CstNode, range: Range): Decl | null {
    const name = this.name(this.token(node, "Identifier"));
    const basis: ScheduleBasis | null = this.has(node, "ContractYear")
      ? "contract_year"
      : this.has(node, "Period")
        ? "period"
        : this.has(node, "Date")
          ? "date"
          : null;
    const tapering = this.has(node, "Tapering");
    const entries: ScheduleEntry[] = [];
    for (const entry of this.nodes(node, "scheduleEntry")) {
      const built = this.scheduleEntry(entry, basis);
      if (built !== null) entries.push(built);
    }
    if (name === null || basis === null) return null;
    return { kind: "Schedule", name, basis, tapering, entries, range };
  }

  private scheduleEntry(node: CstNode, basis: ScheduleBasis | null): ScheduleEntry | null {
    const range = this.nodeRange(node);
    let key: ScheduleKey | null = null;
    const word = this.token(node, "Year") ?? this.token(node, "Period");
    if (word !== undefined) {
      const from = this.bareNumber(this.token(node, "NumberLit", 0));
      const to = this.bareNumber(this.token(node, "NumberLit", 1));
      const onward = this.has(node, "Onward");
      const last = to ?? from;
      if (from !== null) {
        const start = this.tokenRange(word).start;
        const end = onward ? this.tokenRange(this.token(node, "Onward")!).end : last!.range.end;
        key = { kind: "IndexKey", range: { start, end }, from, to, onward };
      }
      // `year N` belongs to `by contract_year`, `period N` to `by period` (the AST keeps only the basis).
      const expected = basis === "period" ? "period" : basis === "contract_year" ? "year" : null;
      if (expected !== null && word.image !== expected) {
        this.diagnostics.push({
          code: PARSE.wrongScheduleKeyWord,
          severity: "error",
          message: `a schedule by ${basis} takes '${expected} N' keys, found '${word.image}'`,
          range: this.tokenRange(word),
        });
      }
    } else {
      const from = this.date(this.token(node, "DateLit", 0));
      const to = this.date(this.token(node, "DateLit", 1));
      const onwardToken = this.token(node, "Onward");
      if (from !== null) {
        const end = onwardToken !== undefined ? this.tokenRange(onwardToken).end : (to ?? from).range.end;
        key = { kind: "DateKey", range: { start: from.range.start, end }, from, to, onward: onwardToken !== undefined };
      }
    }
    const value = this.expr(this.node(node, "expression"));
    return key === null ? null : { kind: "ScheduleEntry", key, value, range };
  }

  private tiers(node: CstNode, range: Range): Decl | null {
    const name = this.name(this.token(node, "Identifier"));
    const entries: TierEntry[] = [];
    for (const entry of this.nodes(node, "tierEntry")) {
      const entryRange = this.nodeRange(entry);
      const low = this.expr(this.node(entry, "low"));
      const high = this.has(entry, "Onward") ? null : this.expr(this.node(entry, "high"));
      const value = this.expr(this.node(entry, "value"));
      entries.push({ kind: "TierEntry", low, high, value, range: entryRange });
    }
    return name === null ? null : { kind: "Tiers", name, entries, range };
  }

  private testValue(node: CstNode): TestValue | null {
    const range = this.nodeRange(node);
    const name = this.name(this.token(node, "Identifier"));
    const value = this.expr(this.node(node, "expression"));
    return name === null ? null : { kind: "TestValue", name, value, range };
  }

  private test(node: CstNode, range: Range): Decl | null {
    const title = this.string(this.token(node, "StringLit"));
    const periods: TestPeriod[] = [];
    const events: TestEvent[] = [];
    const expects: TestExpect[] = [];
    for (const period of this.nodes(node, "testPeriod")) {
      const periodRange = this.nodeRange(period);
      const date = this.date(this.token(period, "DateLit"));
      const values = this.nodes(period, "testValue").flatMap((v) => this.testValue(v) ?? []);
      if (date !== null) periods.push({ kind: "TestPeriod", date, values, range: periodRange });
    }
    for (const event of this.nodes(node, "testEvent")) {
      const eventRange = this.nodeRange(event);
      const date = this.date(this.token(event, "DateLit"));
      const name = this.name(this.token(event, "Identifier"));
      const args = this.nodes(event, "testValue").flatMap((v) => this.testValue(v) ?? []);
      if (date !== null && name !== null) events.push({ kind: "TestEvent", date, event: name, args, range: eventRange });
    }
    for (const expect of this.nodes(node, "testExpect")) {
      const expectRange = this.nodeRange(expect);
      const payer = this.name(this.token(expect, "Identifier", 0));
      const payee = this.name(this.token(expect, "Identifier", 1));
      const amount = this.expr(this.node(expect, "expression"));
      const clause = this.has(expect, "Under") ? this.name(this.token(expect, "Identifier", 2)) : null;
      const period = this.has(expect, "In") ? this.date(this.token(expect, "DateLit")) : null;
      if (payer !== null && payee !== null) {
        expects.push({ kind: "TestExpect", payer, payee, amount, clause, period, range: expectRange });
      }
    }
    return title === null ? null : { kind: "Test", title, periods, events, expects, range };
  }
}

/** First-to-last real token span of a CST node, or null when it holds none. */
function realSpan(node: CstNode): Range | null {
  const location = node.location;
  if (
    location !== undefined &&
    Number.isFinite(location.startOffset) &&
    Number.isFinite(location.endOffset ?? NaN)
  ) {
    return { start: location.startOffset, end: location.endOffset! + 1 };
  }
  let start = Infinity;
  let end = -Infinity;
  const visit = (n: CstNode): void => {
    for (const elements of Object.values(n.children)) {
      for (const element of elements ?? []) {
        if (isToken(element)) {
          if (!isReal(element)) continue;
          start = Math.min(start, element.startOffset);
          end = Math.max(end, (element.endOffset ?? element.startOffset) + 1);
        } else {
          visit(element);
        }
      }
    }
  };
  visit(node);
  return Number.isFinite(start) ? { start, end } : null;
}

function pascal(word: string): string {
  return word
    .split("_")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/** The value of a string token: quotes removed, `\"` and `\\` unescaped (other escapes kept as written). */
export function unescapeString(image: string): string {
  let out = "";
  for (let i = 1; i < image.length; i++) {
    const c = image[i]!;
    if (c === "\\" && i + 1 < image.length) {
      const next = image[i + 1]!;
      if (next === '"' || next === "\\") {
        out += next;
        i += 1;
        continue;
      }
    } else if (c === '"') {
      break; // the closing quote (absent when the string is unterminated)
    }
    out += c;
  }
  return out;
}

/** The result of building one declaration. */
export interface BuiltDecl {
  /** null when recovery left too little to build it (its errors are already reported). */
  readonly decl: Decl | null;
  /** Diagnostics found while building (e.g. a `year` key in a schedule by period). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Builds the declaration held by a `topDecl` CST node. `recovered` marks the
 * declaration as built around parse errors, so later phases stay quiet about it.
 */
export function buildDecl(topDecl: CstNode, recovered: boolean): BuiltDecl {
  const span = realSpan(topDecl);
  const builder = new Builder(span?.start ?? 0);
  const inner = Object.values(topDecl.children)[0]?.[0];
  if (inner === undefined || isToken(inner)) return { decl: null, diagnostics: [] };
  const decl = builder.decl(inner);
  const marked = decl !== null && recovered ? ({ ...decl, recovered: true } as Decl) : decl;
  return { decl: marked, diagnostics: builder.diagnostics };
}
