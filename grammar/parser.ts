/**
 * Tenor's grammar: a grammar-only Chevrotain CstParser (no semantics; the
 * AST is built by src/syntax/cst-to-ast.ts). One instance is reused for
 * every parse (`parser.input = tokens`).
 *
 * Expressions are read flat, `operand (BinaryOp operand)*` with prefix
 * `not`s and `-`s on each operand; src/syntax/cst-to-ast.ts applies the
 * precedence (lowest to highest: `or`, `and`, prefix `not`, comparisons
 * (non-associative), `+ -`, `* /`, unary `-`). Flat rules keep Chevrotain's
 * recursion to two rules per bracket level (expression → operand), so the
 * nesting limit (200, grammar/nesting.ts) sits far from the stack's end
 * (about 700 levels fit in Node's default stack). `if … then … else …` is a
 * primary that extends as far right as possible.
 *
 * Option objects and alternatives are built once and cached (`once`):
 * building them per call costs allocations on every token and, under tsx,
 * a `__name` call for each arrow function.
 */
import { CstParser, tokenMatcher } from "chevrotain";
import { tenorMessages } from "./messages.ts";
import { SKIP_GRAMMAR_VALIDATIONS } from "./validations.ts";
import {
  allTokens,
  BinaryOp,
  Colon,
  Comma,
  DateLit,
  DotDot,
  Equals,
  Identifier,
  KW,
  LBrace,
  LParen,
  Minus,
  NumberLit,
  Percent,
  RBrace,
  RParen,
  StringLit,
} from "./tokens.ts";

/** Words used when an expression or declaration is missing. */
const AN_EXPRESSION = "an expression";
const A_DECLARATION = "a declaration (deal, parties, term, paid, calendar, currency, settle, units, input, event, const, schedule, tiers, clause, test, import, template or use)";

/** Keywords that start a clause statement. */
const STATEMENT_KEYWORDS = [KW.let, KW.when, KW.on, KW.at, KW.cap, KW.from, KW.until, KW.balance, KW.add, KW.subtract];

export class TenorParser extends CstParser {
  /** DSL option objects built once, keyed by call site (see the file comment). */
  private readonly cache: Record<string, unknown> = {};

  /**
   * Inside a `tiers` table, where `HIGH: VALUE` puts a colon right after a
   * bound such as `100 million USD` (elsewhere `NUMBER NAME :` is a number
   * followed by the next `NAME:`). Reset by every declaration.
   */
  private inTiers = false;

  private once<T>(key: string, make: () => T): T {
    return (this.cache[key] ??= make()) as T;
  }

  constructor() {
    super(allTokens, {
      recoveryEnabled: true,
      nodeLocationTracking: "full",
      errorMessageProvider: tenorMessages,
      maxLookahead: 3,
      skipValidations: SKIP_GRAMMAR_VALIDATIONS,
    });
    this.performSelfAnalysis();
  }

  /**
   * An identifier right after a number is its unit (`40_000 gpu`), except
   * when it starts the next statement or value (`nvidia pays`, `x =`) or is
   * a grant's instrument (`1_000_000 warrants at 12.50 USD`: LA(2) is `at`).
   */
  private unitFollows(): boolean {
    if (!tokenMatcher(this.LA(1), Identifier)) return false;
    const next = this.LA(2);
    if (tokenMatcher(next, KW.pays) || tokenMatcher(next, KW.grants)) return false;
    if (tokenMatcher(next, Equals) || tokenMatcher(next, LParen)) return false;
    if (tokenMatcher(next, Colon) && !this.inTiers) return false;
    if (tokenMatcher(next, KW.at) && !tokenMatcher(this.LA(3), KW.signing)) return false;
    return true;
  }

  /** A statement starts here: a statement keyword, or `NAME pays` / `NAME grants`. */
  private statementFollows(): boolean {
    const first = this.LA(1);
    if (!tokenMatcher(first, Identifier)) return STATEMENT_KEYWORDS.some((k) => tokenMatcher(first, k));
    const second = this.LA(2);
    return tokenMatcher(second, KW.pays) || tokenMatcher(second, KW.grants);
  }

  // ---------------------------------------------------------------- top level

  public program = this.RULE("program", () => {
    this.MANY(() => this.SUBRULE(this.topDecl));
  });

  public topDecl = this.RULE("topDecl", () => {
    this.ACTION(() => {
      this.inTiers = false;
    });
    this.OR(this.once("topDecl.OR", () => ({
      ERR_MSG: A_DECLARATION,
      DEF: [
        { ALT: () => this.SUBRULE(this.dealDecl) },
        { ALT: () => this.SUBRULE(this.partiesDecl) },
        { ALT: () => this.SUBRULE(this.termDecl) },
        { ALT: () => this.SUBRULE(this.paidDecl) },
        { ALT: () => this.SUBRULE(this.calendarDecl) },
        { ALT: () => this.SUBRULE(this.currencyDecl) },
        { ALT: () => this.SUBRULE(this.settleDecl) },
        { ALT: () => this.SUBRULE(this.unitsDecl) },
        { ALT: () => this.SUBRULE(this.inputDecl) },
        { ALT: () => this.SUBRULE(this.eventDecl) },
        { ALT: () => this.SUBRULE(this.constDecl) },
        { ALT: () => this.SUBRULE(this.scheduleDecl) },
        { ALT: () => this.SUBRULE(this.tiersDecl) },
        { ALT: () => this.SUBRULE(this.clauseDecl) },
        { ALT: () => this.SUBRULE(this.testDecl) },
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.templateDecl) },
        { ALT: () => this.SUBRULE(this.useDecl) },
      ],
    })));
  });

  public dealDecl = this.RULE("dealDecl", () => {
    this.CONSUME(KW.deal);
    this.CONSUME(StringLit);
  });

  public partiesDecl = this.RULE("partiesDecl", () => {
    this.CONSUME(KW.parties);
    this.CONSUME(LBrace);
    this.MANY(this.once("partiesDecl.MANY", () => ({ GATE: () => tokenMatcher(this.LA(2), Colon), DEF: () => this.SUBRULE(this.party) })));
    this.CONSUME(RBrace);
  });

  public party = this.RULE("party", () => {
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.CONSUME(StringLit);
  });

  /** `term START to END, FREQUENCY[, backward][, end_of_month]` */
  public termDecl = this.RULE("termDecl", () => {
    this.CONSUME(KW.term);
    this.CONSUME(DateLit);
    this.CONSUME(KW.to);
    this.CONSUME2(DateLit);
    this.CONSUME(Comma);
    this.OR(this.once("termDecl.OR", () => ({
      ERR_MSG: "'monthly', 'quarterly' or 'annually'",
      DEF: [
        { ALT: () => this.CONSUME(KW.monthly) },
        { ALT: () => this.CONSUME(KW.quarterly) },
        { ALT: () => this.CONSUME(KW.annually) },
      ],
    })));
    this.MANY(() => {
      this.CONSUME2(Comma);
      this.OR2(this.once("termDecl.option", () => ({
        ERR_MSG: "'backward' or 'end_of_month'",
        DEF: [
          { ALT: () => this.CONSUME(KW.backward) },
          { ALT: () => this.CONSUME(KW.end_of_month) },
        ],
      })));
    });
  });

  /**
   * `paid on ANCHOR, CONVENTION CALENDAR` or
   * `paid N [business] days after ANCHOR, CONVENTION CALENDAR`. The unit
   * word (`days`, `day`) and the anchor (`period_end`, `period_start`) are
   * names the checker reads, so `days` stays a period fact everywhere else.
   */
  public paidDecl = this.RULE("paidDecl", () => {
    this.CONSUME(KW.paid);
    this.OR(this.once("paidDecl.OR", () => ({
      ERR_MSG: "'on' or a number of days",
      DEF: [
        { ALT: () => this.CONSUME(KW.on) },
        {
          ALT: () => {
            this.CONSUME(NumberLit);
            this.OPTION(() => this.CONSUME(KW.business));
            this.CONSUME(Identifier, { LABEL: "unit" });
            this.CONSUME(KW.after);
          },
        },
      ],
    })));
    this.CONSUME2(Identifier, { LABEL: "anchor" });
    this.CONSUME(Comma);
    this.OR2(this.once("paidDecl.convention", () => ({
      ERR_MSG: "'following', 'modified_following' or 'preceding'",
      DEF: [
        { ALT: () => this.CONSUME(KW.following) },
        { ALT: () => this.CONSUME(KW.modified_following) },
        { ALT: () => this.CONSUME(KW.preceding) },
      ],
    })));
    this.CONSUME3(Identifier, { LABEL: "calendar" });
  });

  /** `calendar NAME[: BASE, …] { DATE … }`, dates separated by line breaks or commas. */
  public calendarDecl = this.RULE("calendarDecl", () => {
    this.CONSUME(KW.calendar);
    this.CONSUME(Identifier);
    this.OPTION(() => {
      this.CONSUME(Colon);
      this.AT_LEAST_ONE_SEP(this.once("calendarDecl.bases", () => ({ SEP: Comma, DEF: () => this.CONSUME2(Identifier, { LABEL: "base" }) })));
    });
    this.CONSUME(LBrace);
    this.MANY(() => {
      this.CONSUME(DateLit);
      this.OPTION2(() => this.CONSUME2(Comma));
    });
    this.CONSUME(RBrace);
  });

  public currencyDecl = this.RULE("currencyDecl", () => {
    this.CONSUME(KW.currency);
    this.CONSUME(Identifier);
    this.OPTION(() => {
      this.CONSUME(Comma);
      this.CONSUME(KW.rounding);
      this.OR(this.once("currencyDecl.OR", () => ({
        ERR_MSG: "'half_even', 'half_up', 'down' or 'up'",
        DEF: [
          { ALT: () => this.CONSUME(KW.half_even) },
          { ALT: () => this.CONSUME(KW.half_up) },
          { ALT: () => this.CONSUME(KW.down) },
          { ALT: () => this.CONSUME(KW.up) },
        ],
      })));
    });
  });

  public settleDecl = this.RULE("settleDecl", () => {
    this.CONSUME(KW.settle);
    this.CONSUME(KW.net);
  });

  public unitsDecl = this.RULE("unitsDecl", () => {
    this.CONSUME(KW.units);
    this.AT_LEAST_ONE_SEP(this.once("unitsDecl.AT_LEAST_ONE_SEP", () => ({ SEP: Comma, DEF: () => this.CONSUME(Identifier) })));
  });

  /** `input NAME: UNIT [in [LOW] .. [HIGH]]`: a declared range, either bound may be left out (not both: the checker says so). */
  public inputDecl = this.RULE("inputDecl", () => {
    this.CONSUME(KW.input);
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.unitExpr);
    this.OPTION(() => {
      this.CONSUME(KW.in);
      this.OPTION2(() => this.SUBRULE(this.expression, { LABEL: "low" }));
      this.CONSUME(DotDot);
      this.OPTION3(() => this.SUBRULE2(this.expression, { LABEL: "high" }));
    });
  });

  /** `event NAME(ARG: UNIT, …) [at most N per term|contract_year|period]`. */
  public eventDecl = this.RULE("eventDecl", () => {
    this.CONSUME(KW.event);
    this.CONSUME(Identifier);
    this.CONSUME(LParen);
    this.MANY_SEP(this.once("eventDecl.MANY_SEP", () => ({ SEP: Comma, DEF: () => this.SUBRULE(this.eventParam) })));
    this.CONSUME(RParen);
    this.OPTION(() => {
      this.CONSUME(KW.at);
      this.CONSUME(KW.most);
      this.CONSUME(NumberLit);
      this.CONSUME(KW.per);
      this.OR(this.once("eventDecl.OR", () => ({
        ERR_MSG: "'term', 'contract_year' or 'period'",
        DEF: [
          { ALT: () => this.CONSUME(KW.term) },
          { ALT: () => this.CONSUME(KW.contract_year) },
          { ALT: () => this.CONSUME(KW.period) },
        ],
      })));
    });
  });

  public eventParam = this.RULE("eventParam", () => {
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.unitExpr);
  });

  public constDecl = this.RULE("constDecl", () => {
    this.CONSUME(KW.const);
    this.CONSUME(Identifier);
    this.OPTION(() => this.SUBRULE(this.templateParams));
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
  });

  public scheduleDecl = this.RULE("scheduleDecl", () => {
    this.CONSUME(KW.schedule);
    this.CONSUME(Identifier);
    this.OPTION2(() => this.SUBRULE(this.templateParams));
    this.CONSUME(KW.by);
    this.OR(this.once("scheduleDecl.OR", () => ({
      ERR_MSG: "'contract_year', 'period' or 'date'",
      DEF: [
        { ALT: () => this.CONSUME(KW.contract_year) },
        { ALT: () => this.CONSUME(KW.period) },
        { ALT: () => this.CONSUME(KW.date) },
      ],
    })));
    this.OPTION(() => {
      this.CONSUME(Comma);
      this.CONSUME(KW.tapering);
    });
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.scheduleEntry));
    this.CONSUME(RBrace);
  });

  /** `year N[ to M| onward]: EXPR`, `period …` likewise, or `DATE[ to DATE| onward]: EXPR`. */
  public scheduleEntry = this.RULE("scheduleEntry", () => {
    this.OR(this.once("scheduleEntry.OR", () => ({
      ERR_MSG: "'year', 'period' or a date",
      DEF: [
        {
          ALT: () => {
            this.OR2(this.once("scheduleEntry.OR2", () => [
              { ALT: () => this.CONSUME(KW.year) },
              { ALT: () => this.CONSUME(KW.period) },
            ]));
            this.CONSUME(NumberLit);
            this.OPTION(() => {
              this.OR3(this.once("scheduleEntry.OR3", () => [
                {
                  ALT: () => {
                    this.CONSUME(KW.to);
                    this.CONSUME2(NumberLit);
                  },
                },
                { ALT: () => this.CONSUME(KW.onward) },
              ]));
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(DateLit);
            this.OPTION2(() => {
              this.OR4(this.once("scheduleEntry.OR4", () => [
                {
                  ALT: () => {
                    this.CONSUME2(KW.to);
                    this.CONSUME2(DateLit);
                  },
                },
                { ALT: () => this.CONSUME2(KW.onward) },
              ]));
            });
          },
        },
      ],
    })));
    this.CONSUME(Colon);
    this.SUBRULE(this.expression);
  });

  /** `tiers NAME { LOW to HIGH: VALUE … LOW onward: VALUE }` */
  public tiersDecl = this.RULE("tiersDecl", () => {
    this.CONSUME(KW.tiers);
    this.ACTION(() => {
      this.inTiers = true;
    });
    this.CONSUME(Identifier);
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.tierEntry));
    this.CONSUME(RBrace);
  });

  /**
   * `LOW to HIGH: VALUE` or `LOW onward: VALUE`. A value extends as far as
   * an expression can, so a next LOW that starts with `-` (or a name right
   * after a plain number) needs brackets; the formatter adds them.
   */
  public tierEntry = this.RULE("tierEntry", () => {
    this.SUBRULE(this.expression, { LABEL: "low" });
    this.OR(this.once("tierEntry.OR", () => ({
      ERR_MSG: "'to' or 'onward'",
      DEF: [
        {
          ALT: () => {
            this.CONSUME(KW.to);
            this.SUBRULE2(this.expression, { LABEL: "high" });
          },
        },
        { ALT: () => this.CONSUME(KW.onward) },
      ],
    })));
    this.CONSUME(Colon);
    this.SUBRULE3(this.expression, { LABEL: "value" });
  });

  public clauseDecl = this.RULE("clauseDecl", () => {
    this.CONSUME(KW.clause);
    this.CONSUME(Identifier);
    this.OPTION2(() => this.SUBRULE(this.templateParams));
    this.OPTION(() => this.CONSUME(StringLit));
    this.SUBRULE(this.block);
  });

  // ---------------------------------------------------------------- clause statements

  public block = this.RULE("block", () => {
    this.CONSUME(LBrace);
    // The gate looks two tokens ahead, so stray words are skipped by the loop's
    // recovery (one error) instead of failing a statement and losing the block.
    this.MANY(this.once("block.MANY", () => ({ GATE: () => this.statementFollows(), DEF: () => this.SUBRULE(this.statement) })));
    this.CONSUME(RBrace);
  });

  public statement = this.RULE("statement", () => {
    this.OR(this.once("statement.OR", () => ({
      ERR_MSG: "a statement",
      DEF: [
        { ALT: () => this.SUBRULE(this.letStmt) },
        { ALT: () => this.SUBRULE(this.paysStmt) },
        { ALT: () => this.SUBRULE(this.grantsStmt) },
        { ALT: () => this.SUBRULE(this.whenStmt) },
        { ALT: () => this.SUBRULE(this.onStmt) },
        { ALT: () => this.SUBRULE(this.atSigningStmt) },
        { ALT: () => this.SUBRULE(this.capStmt) },
        { ALT: () => this.SUBRULE(this.windowStmt) },
        { ALT: () => this.SUBRULE(this.balanceStmt) },
        { ALT: () => this.SUBRULE(this.addStmt) },
        { ALT: () => this.SUBRULE(this.subtractStmt) },
      ],
    })));
  });

  public letStmt = this.RULE("letStmt", () => {
    this.CONSUME(KW.let);
    this.CONSUME(Identifier);
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
  });

  public paysStmt = this.RULE("paysStmt", () => {
    this.CONSUME(Identifier);
    this.CONSUME(KW.pays);
    this.CONSUME2(Identifier);
    this.SUBRULE(this.expression);
  });

  /** `GRANTOR grants GRANTEE QUANTITY INSTRUMENT at PRICE` */
  public grantsStmt = this.RULE("grantsStmt", () => {
    this.CONSUME(Identifier);
    this.CONSUME(KW.grants);
    this.CONSUME2(Identifier);
    this.SUBRULE(this.expression, { LABEL: "quantity" });
    this.CONSUME3(Identifier, { LABEL: "instrument" });
    this.CONSUME(KW.at);
    this.SUBRULE2(this.expression, { LABEL: "price" });
  });

  public whenStmt = this.RULE("whenStmt", () => {
    this.CONSUME(KW.when);
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(KW.for);
      // A name is a template parameter (src/modules/expand.ts substitutes a literal).
      this.OR2(this.once("whenStmt.count", () => [
        { ALT: () => this.CONSUME(NumberLit) },
        { ALT: () => this.CONSUME(Identifier) },
      ]));
      this.CONSUME(KW.consecutive);
      this.CONSUME(KW.periods);
    });
    this.SUBRULE(this.block);
  });

  public onStmt = this.RULE("onStmt", () => {
    this.CONSUME(KW.on);
    this.CONSUME(Identifier);
    this.SUBRULE(this.block);
  });

  public atSigningStmt = this.RULE("atSigningStmt", () => {
    this.CONSUME(KW.at);
    this.CONSUME(KW.signing);
    this.SUBRULE(this.block);
  });

  public capStmt = this.RULE("capStmt", () => {
    this.CONSUME(KW.cap);
    this.SUBRULE(this.expression);
    this.OR(this.once("capStmt.OR", () => ({
      ERR_MSG: "'over term', 'per contract_year' or 'per period'",
      DEF: [
        {
          ALT: () => {
            this.CONSUME(KW.over);
            this.CONSUME(KW.term);
          },
        },
        {
          ALT: () => {
            this.CONSUME(KW.per);
            this.OR2(this.once("capStmt.OR2", () => ({
              ERR_MSG: "'contract_year' or 'period'",
              DEF: [
                { ALT: () => this.CONSUME(KW.contract_year) },
                { ALT: () => this.CONSUME(KW.period) },
              ],
            })));
          },
        },
      ],
    })));
  });

  public windowStmt = this.RULE("windowStmt", () => {
    this.OR(this.once("windowStmt.OR", () => [
      { ALT: () => this.CONSUME(KW.from) },
      { ALT: () => this.CONSUME(KW.until) },
    ]));
    // A name is a template parameter (src/modules/expand.ts substitutes a literal).
    this.OR2(this.once("windowStmt.date", () => [
      { ALT: () => this.CONSUME(DateLit) },
      { ALT: () => this.CONSUME(Identifier) },
    ]));
  });

  /** `balance NAME = EXPR`: a value the clause carries from period to period. */
  public balanceStmt = this.RULE("balanceStmt", () => {
    this.CONSUME(KW.balance);
    this.CONSUME(Identifier);
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
  });

  /** `add EXPR to NAME` */
  public addStmt = this.RULE("addStmt", () => {
    this.CONSUME(KW.add);
    this.SUBRULE(this.expression);
    this.CONSUME(KW.to);
    this.CONSUME(Identifier);
  });

  /**
   * `subtract EXPR from NAME`. The `from` here is read by this rule, after
   * the expression (which never contains `from`), so it is never the
   * clause window `from DATE`, which starts a statement.
   */
  public subtractStmt = this.RULE("subtractStmt", () => {
    this.CONSUME(KW.subtract);
    this.SUBRULE(this.expression);
    this.CONSUME(KW.from);
    this.CONSUME(Identifier);
  });

  // ---------------------------------------------------------------- modules

  /** `import NAME, NAME from "PATH"` */
  public importDecl = this.RULE("importDecl", () => {
    this.CONSUME(KW.import);
    this.AT_LEAST_ONE_SEP(this.once("importDecl.SEP", () => ({ SEP: Comma, DEF: () => this.CONSUME(Identifier) })));
    this.CONSUME(KW.from);
    this.CONSUME(StringLit);
  });

  /** `template clause|schedule|const NAME(PARAMS) …`: the declaration's own rule reads the parameters. */
  public templateDecl = this.RULE("templateDecl", () => {
    this.CONSUME(KW.template);
    this.OR(this.once("templateDecl.OR", () => ({
      ERR_MSG: "'clause', 'schedule' or 'const'",
      DEF: [
        { ALT: () => this.SUBRULE(this.clauseDecl) },
        { ALT: () => this.SUBRULE(this.scheduleDecl) },
        { ALT: () => this.SUBRULE(this.constDecl) },
      ],
    })));
  });

  /** `( NAME: TYPE [= DEFAULT], … )`, a trailing comma allowed. */
  public templateParams = this.RULE("templateParams", () => {
    this.CONSUME(LParen);
    this.MANY(() => {
      this.SUBRULE(this.templateParam);
      this.OPTION(() => this.CONSUME(Comma));
    });
    this.CONSUME(RParen);
  });

  /** TYPE is `event(ARG: UNIT, …)`, `date`, or a name: `party`, `unit`, `tiers`, `days`, a unit (`money per q`). */
  public templateParam = this.RULE("templateParam", () => {
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.OR(this.once("templateParam.OR", () => ({
      ERR_MSG: "a parameter type (party, unit, date, event(…), tiers, days or a unit)",
      DEF: [
        {
          ALT: () => {
            this.CONSUME(KW.event);
            this.CONSUME2(LParen);
            this.MANY_SEP(this.once("templateParam.SEP", () => ({ SEP: Comma, DEF: () => this.SUBRULE(this.eventParam) })));
            this.CONSUME2(RParen);
          },
        },
        { ALT: () => this.CONSUME(KW.date) },
        { ALT: () => this.CONSUME(KW.tiers) },
        { ALT: () => this.SUBRULE(this.unitExpr) },
      ],
    })));
    this.OPTION2(() => {
      this.CONSUME(Equals);
      this.SUBRULE(this.expression);
    });
  });

  /** `use TEMPLATE as NAME ["Title"] { PARAM = VALUE … }`, values separated by line breaks or commas. */
  public useDecl = this.RULE("useDecl", () => {
    this.CONSUME(KW.use);
    this.CONSUME(Identifier);
    this.CONSUME(KW.as);
    this.CONSUME2(Identifier);
    this.OPTION(() => this.CONSUME(StringLit));
    this.CONSUME(LBrace);
    this.MANY(
      this.once("useDecl.MANY", () => ({
        GATE: () => tokenMatcher(this.LA(2), Equals),
        DEF: () => {
          this.SUBRULE(this.testValue);
          this.OPTION2(() => this.CONSUME(Comma));
        },
      })),
    );
    this.CONSUME(RBrace);
  });

  // ---------------------------------------------------------------- test blocks

  public testDecl = this.RULE("testDecl", () => {
    this.CONSUME(KW.test);
    this.CONSUME(StringLit);
    this.CONSUME(LBrace);
    this.MANY(() => {
      this.OR(this.once("testDecl.OR", () => [
        { ALT: () => this.SUBRULE(this.testPeriod) },
        { ALT: () => this.SUBRULE(this.testEvent) },
        { ALT: () => this.SUBRULE(this.testExpect) },
      ]));
    });
    this.CONSUME(RBrace);
  });

  public testPeriod = this.RULE("testPeriod", () => {
    this.CONSUME(KW.period);
    this.CONSUME(DateLit);
    this.CONSUME(LBrace);
    this.MANY(
      this.once("testPeriod.MANY", () => ({
        GATE: () => tokenMatcher(this.LA(2), Equals),
        DEF: () => {
          this.SUBRULE(this.testValue);
          this.OPTION(() => this.CONSUME(Comma));
        },
      })),
    );
    this.CONSUME(RBrace);
  });

  public testValue = this.RULE("testValue", () => {
    this.CONSUME(Identifier);
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
  });

  public testEvent = this.RULE("testEvent", () => {
    this.CONSUME(KW.event);
    this.CONSUME(DateLit);
    this.CONSUME(Identifier);
    this.CONSUME(LParen);
    this.MANY_SEP(this.once("testEvent.MANY_SEP", () => ({ SEP: Comma, DEF: () => this.SUBRULE(this.testValue) })));
    this.CONSUME(RParen);
  });

  public testExpect = this.RULE("testExpect", () => {
    this.CONSUME(KW.expect);
    this.CONSUME(Identifier);
    this.CONSUME(KW.pays);
    this.CONSUME2(Identifier);
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(KW.under);
      this.CONSUME3(Identifier);
    });
    this.OPTION2(() => {
      this.CONSUME(KW.in);
      this.CONSUME(DateLit);
    });
  });

  // ---------------------------------------------------------------- units

  /** `Identifier (per Identifier)?`; `per` only when a name follows (`cap … per period` stays a cap). */
  public unitExpr = this.RULE("unitExpr", () => {
    this.CONSUME(Identifier);
    this.OPTION(this.once("unitExpr.OPTION", () => ({
      GATE: () => tokenMatcher(this.LA(2), Identifier),
      DEF: () => {
        this.CONSUME(KW.per);
        this.CONSUME2(Identifier);
      },
    })));
  });

  // ---------------------------------------------------------------- expressions

  /** `operand (BinaryOp operand)*`; precedence is applied when building the AST. */
  public expression = this.RULE("expression", () => {
    this.SUBRULE(this.operand);
    this.MANY(() => {
      this.CONSUME(BinaryOp);
      this.SUBRULE2(this.operand);
    });
  });

  /**
   * `not* -* PRIMARY` where PRIMARY is a number, date, name, call,
   * `contract_year`, `( EXPR )` or `if EXPR then EXPR else EXPR`. Prefix
   * operators are loops and brackets/`if` are inline, so each nesting level
   * costs only two rules (expression → operand) of stack.
   */
  public operand = this.RULE("operand", () => {
    this.MANY(() => this.CONSUME(KW.not));
    this.MANY2(() => this.CONSUME(Minus));
    this.OR(
      this.once("operand.primary", () => ({
        ERR_MSG: AN_EXPRESSION,
        DEF: [
          { ALT: () => this.SUBRULE(this.numberLiteral) },
          { ALT: () => this.CONSUME(DateLit) },
          { ALT: () => this.SUBRULE(this.nameOrCall) },
          { ALT: () => this.CONSUME(KW.contract_year) },
          {
            ALT: () => {
              this.CONSUME(LParen);
              this.SUBRULE(this.expression);
              this.CONSUME(RParen);
            },
          },
          {
            ALT: () => {
              this.CONSUME(KW.if);
              this.SUBRULE2(this.expression, { LABEL: "cond" });
              this.CONSUME(KW.then);
              this.SUBRULE3(this.expression, { LABEL: "then" });
              this.CONSUME(KW.else);
              this.SUBRULE4(this.expression, { LABEL: "else" });
            },
          },
        ],
      })),
    );
  });

  /** `NUMBER [million|billion] [% | UNIT]` */
  public numberLiteral = this.RULE("numberLiteral", () => {
    this.CONSUME(NumberLit);
    this.OPTION(() => {
      this.OR(this.once("numberLiteral.OR", () => [
        { ALT: () => this.CONSUME(KW.million) },
        { ALT: () => this.CONSUME(KW.billion) },
      ]));
    });
    this.OPTION2(this.once("numberLiteral.OPTION2", () => ({
      GATE: () => tokenMatcher(this.LA(1), Percent) || this.unitFollows(),
      DEF: () => {
        this.OR2(this.once("numberLiteral.OR2", () => [
          { ALT: () => this.CONSUME(Percent) },
          { ALT: () => this.SUBRULE(this.unitExpr) },
        ]));
      },
    })));
  });

  public nameOrCall = this.RULE("nameOrCall", () => {
    this.CONSUME(Identifier);
    this.OPTION(() => {
      this.CONSUME(LParen);
      this.MANY_SEP(this.once("nameOrCall.MANY_SEP", () => ({ SEP: Comma, DEF: () => this.SUBRULE(this.expression) })));
      this.CONSUME(RParen);
    });
  });
}

/** The one shared parser instance (construction runs the grammar self-analysis once). */
export const tenorParser = new TenorParser();
