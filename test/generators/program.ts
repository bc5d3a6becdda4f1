/**
 * Random VALID Tenor term sheets with matching inputs, for property tests
 * (formatter round-trips, reference-evaluator differential, fuzzing).
 *
 * API
 * - `programArbitrary(options?)`: a fast-check Arbitrary<GeneratedProgram>.
 *   Values are built from one 32-bit seed (no shrinking: the counterexample
 *   printed is the program and inputs themselves, plus the seed).
 * - `generateProgram(seed, options?)`: the same without fast-check (fuzzers,
 *   reproducing a failure from its seed).
 * - `inputFiles(program)`: the inputs as `InputFile[]` for `api.runSource`.
 * - `expressionArbitrary(type?, depth?)`: one typed expression ("money",
 *   "plain", "bool" or "date") inside a fixed small valid deal;
 *   `clauseArbitrary()`: a generated one-clause deal and its clause. Both give
 *   `{ source, text }`: `source` a whole valid term sheet, `text` the piece.
 * - `ProgramOptions.layout`: "pretty" (default), "commented" (comments above
 *   and after lines) or "messy" (random whitespace, line breaks and comments
 *   between any two tokens) — the same programs, for formatter properties.
 *
 * A GeneratedProgram is `{ seed, source, inputs }`: `source` passes
 * `checkSource` with zero errors (warnings such as an unused let may
 * occur); `inputs` is a docs/language.md §11 inputs object for it — `periods` are
 * contiguous from period 1 (a random count up to the whole term) with a
 * decimal string for every input, `events` fall inside those periods (sorted
 * by date) with every argument — and `api.runSource` settles it without
 * error: divisors are never zero, steps are positive, payments, caps,
 * grant quantities and prices never negative.
 *
 * Every construct appears: header variations (monthly / quarterly /
 * annually terms, month-end starts such as 01-31, stub periods; USD, EUR,
 * GBP, CHF, JPY (0 decimals), KWD (3 decimals); each rounding mode or none;
 * `settle net` or not), units, inputs of every unit shape (`USD`, `number`,
 * `gpu`, `USD per gpu`, `gpu_hour per gpu`), events with 0–3 arguments,
 * consts (million / billion / % / units), schedules by contract_year, period
 * and date with single, `to` and `onward` keys and `tapering` (values never
 * rise), tiers tables (ascending bounds of one unit, negative ones
 * bracketed, always ending `onward`) read by tier and marginal, clauses with let, balance, add, subtract, pays, grants, when, when … for N consecutive
 * periods, on EVENT, at signing, caps over term / per contract_year / per
 * period, from / until, every operator, if/then/else, min/max/abs/round/
 * floor/ceil, interpolate, act_365f/act_360/thirty_360, convert (from a
 * declared currency unit EUR or SGD), period facts, date arithmetic; and
 * optional test blocks.
 * test/generators/program.test.ts counts them over 300 programs.
 */
import fc from "fast-check";
import type { InputFile } from "../../src/api.ts";
import { addDays, daysBetween, daysInMonth, periodStarts, termPeriods, type GenFrequency, type GenPeriod } from "./calendar.ts";
import { BOOL, DATE, ExprGen, MONEY, PLAIN, type ExprContext, type NameEntry, type NumTy, type TiersSpec, type Ty } from "./expressions.ts";
import { messUp } from "./layout.ts";
import { Random } from "./random.ts";
import { withRanges } from "./ranges.ts";

/** Knobs for the generator; every one has a default. */
export interface ProgramOptions {
  /** Most periods in the term (default 24). */
  readonly maxPeriods?: number;
  /** Most clauses (default 4). */
  readonly maxClauses?: number;
  /** Most statements per block (default 4). */
  readonly maxStatements?: number;
  /** Deepest expressions, in operators (default 3). */
  readonly maxDepth?: number;
  /** Test blocks: always, never, or in about half the programs (default "sometimes"). */
  readonly tests?: "always" | "never" | "sometimes";
  /**
   * Layout of the source: "pretty" (one statement per line, the formatter's
   * layout but for some blank lines), "commented" (pretty with comments
   * above and after lines), or "messy" (random whitespace, line breaks and
   * comments between any two tokens). Default "pretty".
   */
  readonly layout?: "pretty" | "commented" | "messy";
  /**
   * Declare ranges on some inputs and counts on some events that the data
   * satisfies (./ranges.ts); the program is otherwise the one without them.
   * Not with the "messy" layout. Default false.
   */
  readonly ranges?: boolean;
}

/** A docs/language.md §11 inputs file as a JSON-ready object (every value a decimal string). */
export interface GeneratedInputs {
  readonly periods: readonly Readonly<Record<string, string>>[];
  readonly events: readonly Readonly<Record<string, string>>[];
}

export interface GeneratedProgram {
  /** The seed that rebuilds this program with `generateProgram(seed, options)`. */
  readonly seed: number;
  readonly source: string;
  readonly inputs: GeneratedInputs;
}

/** A fast-check arbitrary of valid term sheets with matching inputs. */
export function programArbitrary(options: ProgramOptions = {}): fc.Arbitrary<GeneratedProgram> {
  return fc.noShrink(fc.integer({ min: 0, max: 0xffff_ffff })).map((seed) => generateProgram(seed, options));
}

/** The inputs of a generated program as the inputs file `api.runSource` takes. */
export function inputFiles(program: GeneratedProgram): InputFile[] {
  return [{ name: "inputs.json", text: JSON.stringify(program.inputs) }];
}

/** Builds the program for `seed` (deterministic). */
export function generateProgram(seed: number, options: ProgramOptions = {}): GeneratedProgram {
  const builder = new ProgramBuilder(new Random(seed), {
    maxPeriods: options.maxPeriods ?? 24,
    maxClauses: options.maxClauses ?? 4,
    maxStatements: options.maxStatements ?? 4,
    maxDepth: options.maxDepth ?? 3,
    tests: options.tests ?? "sometimes",
    layout: options.layout ?? "pretty",
  });
  const { source, inputs } = builder.build();
  if (options.ranges === true) {
    if (options.layout === "messy") throw new Error("ranges are declared on the pretty or commented layout only");
    return { seed, source: withRanges(source, inputs, seed), inputs };
  }
  return { seed, source, inputs };
}

/** A whole small deal around one expression of the given type (a `let` in a clause), with that expression's text. */
export function expressionArbitrary(type: "money" | "plain" | "bool" | "date" = "money", depth = 4): fc.Arbitrary<{ source: string; text: string }> {
  return fc.noShrink(fc.integer({ min: 0, max: 0xffff_ffff })).map((seed) => {
    const r = new Random(seed);
    const gen = new ExprGen(r, SMALL_DEAL_CONTEXT);
    const ty = { money: MONEY, plain: PLAIN, bool: BOOL, date: DATE }[type];
    const text = gen.expr(ty, depth).text;
    return { source: smallDeal(`clause c {\n  let x = ${text}\n  a pays b max(${type === "money" ? "x" : "0 USD"}, 0 USD)\n}\n`), text };
  });
}

/** A whole small deal around one random clause, with that clause's text. */
export function clauseArbitrary(): fc.Arbitrary<{ source: string; text: string }> {
  return programArbitrary({ tests: "never", maxClauses: 1 }).map((p) => {
    // Pretty layout: the clause runs from its header line to the first `}` at column 0.
    const start = p.source.search(/^clause /m);
    const end = p.source.indexOf("\n}", start);
    return { source: p.source, text: p.source.slice(start, end + 2) + "\n" };
  });
}

const SMALL_DEAL_CONTEXT: ExprContext = {
  currency: "USD",
  units: ["gpu"],
  numTypes: [{ k: "money" }, { k: "plain" }, { k: "qty", u: "gpu" }, { k: "rate", u: "gpu" }],
  names: [
    { name: "revenue", ty: MONEY, kind: "input" },
    { name: "gpus", ty: { k: "qty", u: "gpu" }, kind: "input" },
    { name: "days", ty: PLAIN, kind: "fact" },
    { name: "period_start", ty: DATE, kind: "fact" },
  ],
  constant: false,
  termStart: "2026-07-01",
  termEnd: "2027-06-30",
};

function smallDeal(clause: string): string {
  return `deal "Small"\nparties {\n  a: "A"\n  b: "B"\n}\nterm 2026-07-01 to 2027-06-30, monthly\ncurrency USD\nunits gpu\ninput revenue: USD\ninput gpus: gpu\n\n${clause}`;
}

// ---------------------------------------------------------------- building

interface Settings {
  readonly maxPeriods: number;
  readonly maxClauses: number;
  readonly maxStatements: number;
  readonly maxDepth: number;
  readonly tests: "always" | "never" | "sometimes";
  readonly layout: "pretty" | "commented" | "messy";
}

/** Source as nested lines: a block is its header line, its body and a closing `}`. */
type Code = { readonly line: string } | { readonly header: string; readonly body: readonly Code[] };

interface GlobalValue {
  readonly name: string;
  readonly ty: Ty;
}

interface EventSpec {
  readonly name: string;
  readonly params: readonly GlobalValue[];
}

/** A block being generated: the names it sees and where it sits. */
interface BlockScope {
  readonly names: NameEntry[];
  readonly top: boolean;
  readonly insideOn: boolean;
  readonly nesting: number;
}

const PARTY_POOL = ["nvidia", "sharon", "landlord", "operator", "firmus", "coreweave", "lender", "tenant"];
/** Units to declare; EUR and SGD are currencies (convert), never the deal currency itself. */
const UNIT_POOL = ["gpu", "gpu_hour", "mw", "kwh", "rack", "EUR", "SGD"];
const CURRENCIES = ["USD", "USD", "EUR", "GBP", "CHF", "JPY", "KWD"];
const ROUNDING = [null, "half_even", "half_up", "down", "up"] as const;
const FREQUENCIES: readonly GenFrequency[] = ["monthly", "quarterly", "annually"];
const INPUT_BASES = ["revenue", "sold_hours", "capacity", "gpus_live", "energized", "uptime", "fees", "price", "rent", "load"];
const CONST_BASES = ["fleet", "backstop", "rate", "fee_rate", "strike", "ceiling", "floor_price", "block", "coverage"];
const SCHEDULE_BASES = ["share_rate", "threshold", "rebate", "escalator", "price_step"];
const TIERS_BASES = ["volume_share", "sla_credit", "fee_band", "discount"];
const BALANCE_BASES = ["left", "carried", "cumulative", "prepaid", "bank"];
const LET_BASES = ["owed", "unsold", "share", "base", "fee", "excess", "util", "minimum", "credit", "shortfall", "when_due"];
const EVENT_POOL = ["lease_default", "delivery_delay", "step_in", "outage", "prepayment"];
const ARG_BASES = ["missed_rent", "gpus_affected", "days_late", "amount", "hours_lost"];
const CLAUSE_BASES = ["revenue_share", "capacity_buyback", "lease_guarantee", "guarantee_fee", "warrants", "minimum_share", "credits"];
const INSTRUMENTS = ["warrants", "options", "shares"];
const WORDS = ["Revenue", "share", "capacity", "buyback", "fee", "lease", "guarantee", "\"quoted\"", "back\\slash", "é", "-", "&", "(1)"];
const COMMENT_TEXTS = ["note", "invented: not published", "TODO check the rate", "\"quoted\" // nested", "{ braces } and (parens)", "é ü →", ""];

class ProgramBuilder {
  private counter = 0;
  private currency = "USD";
  private parties: string[] = [];
  private periods: GenPeriod[] = [];
  private termStart = "";
  private termEnd = "";
  private units: string[] = [];
  private numTypes: NumTy[] = [];
  private inputs: GlobalValue[] = [];
  private consts: GlobalValue[] = [];
  private tiers: TiersSpec[] = [];
  private schedules: GlobalValue[] = [];
  private events: EventSpec[] = [];
  private clauseNames: string[] = [];
  /** Balances and the lets that read them: kept out of consecutive conditions, caps and balance amounts. */
  private readonly balanceReaders = new Set<string>();

  constructor(
    private readonly r: Random,
    private readonly s: Settings,
  ) {}

  private fresh(base: string): string {
    this.counter += 1;
    return `${base}_${this.counter}`;
  }

  build(): { source: string; inputs: GeneratedInputs } {
    const decls: Code[][] = [];
    decls.push([{ line: `deal ${this.string()}` }]);
    decls.push([this.partiesDecl()]);
    decls.push(this.header());
    if (this.units.length > 0) decls.push([{ line: `units ${this.units.join(", ")}` }]);
    decls.push(this.inputDecls());
    const events = this.eventDecls();
    if (events.length > 0) decls.push(events);
    const consts = this.constDecls();
    if (consts.length > 0) decls.push(consts);
    for (const table of this.tiersDecls()) decls.push([table]);
    for (const schedule of this.scheduleDecls()) decls.push([schedule]);
    const clauseCount = this.r.int(1, this.s.maxClauses);
    for (let i = 0; i < clauseCount; i++) decls.push([this.clause()]);
    const withTests = this.s.tests === "always" || (this.s.tests === "sometimes" && this.r.chance(0.5));
    if (withTests) for (let i = this.r.int(1, 2); i > 0; i--) decls.push([this.testDecl(i)]);

    // Declarations may come in any order; now and then shuffle them all.
    const ordered = this.r.chance(0.15) ? this.r.shuffle(decls.flat()).map((d) => [d]) : decls;
    const pretty = this.render(ordered);
    const source = this.s.layout === "messy" ? messUp(pretty, this.r, COMMENT_TEXTS) : pretty;
    return { source, inputs: this.inputsFile() };
  }

  // ------------------------------------------------------------ header

  private string(): string {
    const words = Array.from({ length: this.r.int(1, 4) }, () => this.r.pick(WORDS));
    const text = words.join(" ");
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  }

  private partiesDecl(): Code {
    this.parties = this.r.subset(PARTY_POOL, this.r.int(2, 4));
    return { header: "parties", body: this.parties.map((p) => ({ line: `${p}: ${this.string()}` })) };
  }

  private header(): Code[] {
    const r = this.r;
    const frequency = r.pick(FREQUENCIES);
    const y = r.int(2024, 2030);
    const m = r.int(1, 12);
    const dayKind = r.weighted<string>([[5, "first"], [3, "monthEnd"], [2, "any"]]);
    const d = dayKind === "first" ? 1 : dayKind === "monthEnd" ? daysInMonth(y, m) : r.int(2, 28);
    this.termStart = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    const count = r.int(1, frequency === "annually" ? Math.min(this.s.maxPeriods, 6) : this.s.maxPeriods);
    // One start more than the periods wanted: the term ends before it (a stub ends earlier).
    const starts = periodStarts(this.termStart, frequency, count + 1);
    const last = starts[count - 1]!;
    const full = addDays(starts[count]!, -1);
    this.termEnd = r.chance(0.3) && full > last ? addDays(last, r.int(0, daysBetween(last, full) - 1)) : full;
    this.periods = termPeriods(this.termStart, this.termEnd, frequency);

    this.currency = r.pick(CURRENCIES);
    const rounding = r.pick(ROUNDING);
    this.units = r.subset(UNIT_POOL.filter((u) => u !== this.currency), r.int(0, 3));
    this.numTypes = [{ k: "money" }, { k: "plain" }, ...this.units.map((u): NumTy => ({ k: "qty", u })), ...this.units.map((u): NumTy => ({ k: "rate", u }))];
    const lines: Code[] = [
      { line: `term ${this.termStart} to ${this.termEnd}, ${frequency}` },
      { line: `currency ${this.currency}${rounding === null ? "" : `, rounding ${rounding}`}` },
    ];
    if (r.chance(0.5)) lines.push({ line: "settle net" });
    return lines;
  }

  private unitOf(t: Ty): string {
    switch (t.k) {
      case "money": return this.currency;
      case "plain": return "number";
      case "qty": return t.u;
      case "rate": return `${this.currency} per ${t.u}`;
      case "ratio": return `${t.a} per ${t.b}`;
      default: throw new Error(`no unit for ${t.k}`);
    }
  }

  /** A numeric type for a declaration: money and plain numbers most often. */
  private declTy(allowRatio: boolean): NumTy {
    const r = this.r;
    const choices: [number, () => NumTy][] = [
      [3, () => ({ k: "money" })],
      [2, () => ({ k: "plain" })],
    ];
    if (this.units.length > 0) {
      choices.push([2, () => ({ k: "qty", u: r.pick(this.units) })]);
      choices.push([1, () => ({ k: "rate", u: r.pick(this.units) })]);
    }
    if (allowRatio && this.units.length >= 2) {
      choices.push([0.7, () => {
        const [a, b] = r.shuffle(this.units);
        return { k: "ratio", a: a!, b: b! };
      }]);
    }
    return r.weighted(choices)();
  }

  private inputDecls(): Code[] {
    const count = this.r.weighted<number>([[1, 0], [4, 1], [4, 2], [3, 3], [2, 4]]);
    for (let i = 0; i < count; i++) {
      const ty = this.declTy(true);
      if (ty.k === "ratio" && !this.numTypes.some((t) => JSON.stringify(t) === JSON.stringify(ty))) this.numTypes.push(ty);
      this.inputs.push({ name: this.fresh(this.r.pick(INPUT_BASES)), ty });
    }
    return this.inputs.map((i) => ({ line: `input ${i.name}: ${this.unitOf(i.ty)}` }));
  }

  private eventDecls(): Code[] {
    const count = this.r.weighted<number>([[3, 0], [3, 1], [2, 2]]);
    this.events = this.r.subset(EVENT_POOL, count).map((name) => ({
      name,
      params: Array.from({ length: this.r.int(0, 3) }, () => ({ name: this.fresh(this.r.pick(ARG_BASES)), ty: this.declTy(false) })),
    }));
    return this.events.map((e) => ({ line: `event ${e.name}(${e.params.map((p) => `${p.name}: ${this.unitOf(p.ty)}`).join(", ")})` }));
  }

  /** Whether generated text names a balance, or a let that reads one. */
  private readsBalance(text: string): boolean {
    for (const word of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) if (this.balanceReaders.has(word)) return true;
    return false;
  }

  /** The global names: inputs, consts, schedules and the period facts. */
  private globalNames(): NameEntry[] {
    return [
      ...this.inputs.map((v): NameEntry => ({ ...v, kind: "input" })),
      ...this.consts.map((v): NameEntry => ({ ...v, kind: "const" })),
      ...this.schedules.map((v): NameEntry => ({ ...v, kind: "schedule" })),
      { name: "days", ty: PLAIN, kind: "fact" },
      { name: "period_index", ty: PLAIN, kind: "fact" },
      { name: "contract_year", ty: PLAIN, kind: "fact" },
      { name: "period_start", ty: DATE, kind: "fact" },
      { name: "period_end", ty: DATE, kind: "fact" },
    ];
  }

  private exprGen(names: readonly NameEntry[], constant = false): ExprGen {
    const ctx: ExprContext = {
      currency: this.currency,
      units: this.units,
      numTypes: this.numTypes,
      names,
      constant,
      termStart: this.termStart,
      termEnd: this.termEnd,
      tiers: constant ? [] : this.tiers,
    };
    return new ExprGen(this.r, ctx);
  }

  private constDecls(): Code[] {
    const lines: Code[] = [];
    for (let i = this.r.int(0, 4); i > 0; i--) {
      const ty = this.declTy(false);
      const gen = this.exprGen(this.consts.map((c): NameEntry => ({ ...c, kind: "const" })), true);
      const value = this.r.chance(0.6) ? gen.literal(ty) : gen.expr(ty, 2);
      const name = this.fresh(this.r.pick(CONST_BASES));
      this.consts.push({ name, ty });
      lines.push({ line: `const ${name} = ${value.text}` });
    }
    return lines;
  }

  // ------------------------------------------------------------ tiers tables

  private tiersDecls(): Code[] {
    const out: Code[] = [];
    for (let i = this.r.weighted<number>([[4, 0], [3, 1], [2, 2]]); i > 0; i--) out.push(this.tiersTable());
    return out;
  }

  /**
   * A table starting at or below zero and ending `onward` (so calls on
   * `abs(…)` never fail), bounds ascending literals of one unit, sometimes
   * negative after the first entry (then bracketed, with the value before).
   */
  private tiersTable(): Code {
    const r = this.r;
    const name = this.fresh(r.pick(TIERS_BASES));
    const bound: NumTy = r.weighted<NumTy>([[3, { k: "money" }], [3, { k: "plain" }], ...this.units.map((u) => [1, { k: "qty", u }] as [number, NumTy])]);
    const value: NumTy = r.chance(0.6) ? { k: "plain" } : this.declTy(false);
    const form = bound.k === "plain" ? r.pick(["", "%"]) : bound.k === "money" && r.chance(0.3) ? " million" : "";
    const unit = bound.k === "plain" ? "" : ` ${this.unitOf(bound)}`;
    const text = (n: number): string => `${n}${form}${unit}`;
    const count = r.int(1, 4);
    const bounds = [r.chance(0.25) ? -r.int(1, 60) : 0];
    for (let i = 1; i < count; i++) bounds.push(bounds[i - 1]! + r.int(1, 150));
    // Values the checker can evaluate: literals, sums and extremes of literals.
    const gen = this.exprGen([], true);
    const values = bounds.map(() => {
      const form = r.weighted<string>([[6, "literal"], [2, "sum"], [2, "extreme"]]);
      if (form === "literal") return gen.literal(value).text;
      if (form === "sum") return gen.binary(r.pick(["+", "-"]), gen.literal(value), gen.literal(value)).text;
      return gen.call(r.pick(["min", "max"]), [gen.literal(value), gen.literal(value)]).text;
    });
    const lows = bounds.map((b, i) => {
      if (i === 0 || b >= 0) return text(b);
      values[i - 1] = `(${values[i - 1]})`; // the value above must end before the bracketed low
      return `(${text(b)})`;
    });
    const body = bounds.map((_, i) => ({
      line: `${lows[i]} ${i === count - 1 ? "onward" : `to ${text(bounds[i + 1]!)}`}: ${values[i]}`,
    }));
    this.tiers.push({ name, bound, value });
    return { header: `tiers ${name}`, body };
  }

  // ------------------------------------------------------------ schedules

  private scheduleDecls(): Code[] {
    const out: Code[] = [];
    for (let i = this.r.weighted<number>([[3, 0], [3, 1], [2, 2], [1, 3]]); i > 0; i--) out.push(this.schedule());
    return out;
  }

  /** Splits `n` items into consecutive segments, as [first, last] index pairs (0-based). */
  private segments(n: number): [number, number][] {
    const count = this.r.int(1, Math.min(n, 4));
    const cuts = this.r.subset(Array.from({ length: n - 1 }, (_, i) => i + 1), count - 1);
    const bounds = [0, ...cuts, n];
    return bounds.slice(0, -1).map((b, i) => [b, bounds[i + 1]! - 1]);
  }

  private schedule(): Code {
    const r = this.r;
    const basis = r.pick(["contract_year", "period", "date"] as const);
    const tapering = r.chance(0.4);
    const ty: NumTy = tapering ? r.pick<NumTy>([{ k: "plain" }, { k: "money" }]) : this.declTy(false);
    const name = this.fresh(r.pick(SCHEDULE_BASES));
    const keys = this.scheduleKeys(basis);
    let values: string[];
    if (tapering) {
      // Non-increasing values in key order, all written the same way.
      let v = r.int(1, 400) * 10;
      const percent = ty.k === "plain" && r.chance(0.7);
      values = keys.map(() => {
        const text = `${v / 10}${percent ? "%" : ty.k === "money" ? ` ${this.currency}` : ""}`;
        v = Math.max(0, v - r.int(0, 3) * 5);
        return text;
      });
    } else {
      const gen = this.exprGen([...this.globalNames().filter((n) => n.kind !== "schedule"), ...this.schedules.map((v): NameEntry => ({ ...v, kind: "schedule" }))]);
      values = keys.map(() => (r.chance(0.5) ? gen.literal(ty).text : gen.expr(ty, 2).text));
    }
    const entries = keys.map((k, i) => ({ line: `${k}: ${values[i]}` }));
    this.schedules.push({ name, ty });
    // Entries may be written in any order (tapering compares them in key order).
    const shown = !tapering && r.chance(0.2) ? r.shuffle(entries) : entries;
    return { header: `schedule ${name} by ${basis}${tapering ? ", tapering" : ""}`, body: shown };
  }

  /** Keys covering every contract year, period or period start exactly once. */
  private scheduleKeys(basis: "contract_year" | "period" | "date"): string[] {
    const r = this.r;
    if (basis === "date") {
      const starts = this.periods.map((p) => p.start);
      const segments = this.segments(starts.length);
      // Between two segments a cut day c: the earlier ends on c - 1, the later starts on c.
      const cuts = segments.slice(1).map(([a]) => addDays(starts[a - 1]!, r.int(1, daysBetween(starts[a - 1]!, starts[a]!))));
      return segments.map(([a, b], i) => {
        const from = i === 0 ? addDays(starts[0]!, -r.int(0, 40)) : cuts[i - 1]!;
        if (i === segments.length - 1) {
          return r.chance(0.5) ? `${from} onward` : `${from} to ${addDays(starts[b]!, r.int(0, 400))}`;
        }
        if (a === b && from === starts[a] && r.chance(0.7)) return from;
        return `${from} to ${addDays(cuts[i]!, -1)}`;
      });
    }
    const n = basis === "period" ? this.periods.length : this.periods[this.periods.length - 1]!.contractYear;
    const word = basis === "period" ? "period" : "year";
    return this.segments(n).map(([a, b], i, all) => {
      if (i === all.length - 1 && r.chance(0.5)) return `${word} ${a + 1} onward`;
      return a === b && r.chance(0.6) ? `${word} ${a + 1}` : `${word} ${a + 1} to ${b + 1}`;
    });
  }

  // ------------------------------------------------------------ clauses

  private clause(): Code {
    const r = this.r;
    let name = r.pick(CLAUSE_BASES);
    if (this.clauseNames.includes(name)) name = this.fresh(name);
    this.clauseNames.push(name);
    const names = this.globalNames();
    const body = [...this.block({ names, top: true, insideOn: false, nesting: 0 }, 1)];
    // Caps and the window go anywhere at the top level.
    const extras: Code[] = [];
    const capNames = names.filter((n) => n.kind !== "let" && n.kind !== "blockLet" && n.kind !== "arg" && n.kind !== "balance");
    for (const window of r.subset(["over term", "per contract_year", "per period"], r.weighted<number>([[5, 0], [3, 1], [1, 2], [1, 3]]))) {
      // Mostly generous literal caps, so that some payments pass and some are cut.
      const gen = this.exprGen(capNames);
      const amount = r.chance(0.5) ? `${gen.digits(true, true)} ${r.pick(["", "million "])}${this.currency}` : gen.nonNegativeMoney(this.s.maxDepth - 1).text;
      extras.push({ line: `cap ${amount} ${window}` });
    }
    const [from, until] = this.window();
    if (from !== null) extras.push({ line: `from ${from}` });
    if (until !== null) extras.push({ line: `until ${until}` });
    for (const extra of extras) body.splice(r.int(0, body.length), 0, extra);
    const title = r.chance(0.7) ? ` ${this.string()}` : "";
    return { header: `clause ${name}${title}`, body };
  }

  /** `from` / `until` dates inside the term, from ≤ until (either may be absent). */
  private window(): [string | null, string | null] {
    const r = this.r;
    const span = daysBetween(this.termStart, this.termEnd);
    const a = addDays(this.termStart, r.int(0, span));
    const b = addDays(this.termStart, r.int(0, span));
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return [r.chance(0.25) ? lo : null, r.chance(0.3) ? hi : null];
  }

  private block(scope: BlockScope, min: number): Code[] {
    const r = this.r;
    const out: Code[] = [];
    const count = r.int(min, this.s.maxStatements);
    for (let i = 0; i < count; i++) out.push(this.statement(scope));
    return out;
  }

  private child(scope: BlockScope, insideOn = scope.insideOn, extra: NameEntry[] = []): BlockScope {
    return { names: [...scope.names, ...extra], top: false, insideOn, nesting: scope.nesting + 1 };
  }

  private statement(scope: BlockScope): Code {
    const r = this.r;
    const deep = scope.nesting >= 2;
    const kind = r.weighted<string>([
      [3, "let"],
      [4, "pays"],
      [0.8, "grants"],
      [deep ? 0 : 1.5, "when"],
      [deep || scope.insideOn ? 0 : 0.9, "whenFor"],
      [deep || scope.insideOn || this.events.length === 0 ? 0 : 1.2, "on"],
      [deep ? 0 : 0.6, "atSigning"],
      [scope.top ? 0.6 : 0, "balance"],
      [scope.names.some((n) => n.kind === "balance") ? 1.2 : 0, "adjust"],
    ]);
    const depth = this.s.maxDepth;
    const gen = this.exprGen(scope.names);
    const body = (inner: BlockScope): Code[] => this.block(inner, r.chance(0.05) ? 0 : 1);
    switch (kind) {
      case "let": {
        const ty = r.weighted<Ty>([[3, MONEY], [3, PLAIN], [1, BOOL], [0.5, DATE], ...this.numTypes.slice(2).map((t) => [0.5, t] as [number, Ty])]);
        const name = this.fresh(r.pick(LET_BASES));
        const value = gen.expr(ty, depth);
        scope.names.push({ name, ty, kind: scope.top ? "let" : "blockLet" });
        if (this.readsBalance(value.text)) this.balanceReaders.add(name);
        return { line: `let ${name} = ${value.text}` };
      }
      case "balance": {
        const ty = r.weighted<NumTy>([[3, { k: "money" }], [1, { k: "plain" }], ...this.numTypes.slice(2).map((t) => [0.5, t] as [number, NumTy])]);
        const name = this.fresh(r.pick(BALANCE_BASES));
        const constants = this.consts.map((c): NameEntry => ({ ...c, kind: "const" }));
        const value = this.exprGen(constants, true).expr(ty, 1);
        scope.names.push({ name, ty, kind: "balance" });
        this.balanceReaders.add(name);
        return { line: `balance ${name} = ${value.text}` };
      }
      case "adjust": {
        // Amounts never read a balance, so balances grow with the inputs, not exponentially.
        const target = r.pick(scope.names.filter((n) => n.kind === "balance"));
        const amount = this.exprGen(scope.names.filter((n) => !this.balanceReaders.has(n.name))).expr(target.ty, depth - 1).text;
        return { line: r.chance(0.5) ? `add ${amount} to ${target.name}` : `subtract ${amount} from ${target.name}` };
      }
      case "pays": {
        const [payer, payee] = r.shuffle(this.parties);
        return { line: `${payer} pays ${payee} ${gen.nonNegativeMoney(depth).text}` };
      }
      case "grants": {
        const [grantor, grantee] = r.shuffle(this.parties);
        return { line: `${grantor} grants ${grantee} ${gen.nonNegativePlain(depth - 1).text} ${r.pick(INSTRUMENTS)} at ${gen.nonNegativeMoney(depth - 1).text}` };
      }
      case "when":
        return { header: `when ${gen.expr(BOOL, depth).text}`, body: body(this.child(scope)) };
      case "whenFor": {
        // Observed every period: only clause-level names.
        const visible = scope.names.filter((n) => n.kind !== "blockLet" && n.kind !== "arg" && !this.balanceReaders.has(n.name));
        const cond = this.exprGen(visible).expr(BOOL, depth).text;
        return { header: `when ${cond} for ${r.int(1, 4)} consecutive periods`, body: body(this.child(scope)) };
      }
      case "on": {
        const event = r.pick(this.events);
        const args = event.params.map((p): NameEntry => ({ ...p, kind: "arg" }));
        return { header: `on ${event.name}`, body: body(this.child(scope, true, args)) };
      }
      default:
        return { header: "at signing", body: body(this.child(scope)) };
    }
  }

  // ------------------------------------------------------------ tests

  private testDecl(i: number): Code {
    const r = this.r;
    const listed = r.subset(this.periods, r.int(1, Math.min(3, this.periods.length)));
    const constNames = this.consts.map((c): NameEntry => ({ ...c, kind: "const" }));
    const value = (ty: Ty): string => {
      const named = constNames.filter((c) => JSON.stringify(c.ty) === JSON.stringify(ty));
      if (named.length > 0 && r.chance(0.3)) return r.pick(named).name;
      return this.exprGen([], true).literal(ty as NumTy).text;
    };
    const body: Code[] = [];
    for (const p of listed) {
      const values = this.inputs.map((input) => `${input.name} = ${value(input.ty)}`);
      body.push({ line: `period ${p.start} { ${values.join(", ")} }`.replace("{  }", "{}") });
    }
    if (this.events.length > 0) {
      for (let k = r.int(0, 2); k > 0; k--) {
        const e = r.pick(this.events);
        const p = r.pick(listed);
        const date = addDays(p.start, r.int(0, daysBetween(p.start, p.end)));
        body.push({ line: `event ${date} ${e.name}(${e.params.map((a) => `${a.name} = ${value(a.ty)}`).join(", ")})` });
      }
    }
    for (let k = r.int(1, 3); k > 0; k--) {
      const [payer, payee] = r.shuffle(this.parties);
      const under = r.chance(0.5) ? ` under ${r.pick(this.clauseNames)}` : "";
      const at = r.chance(0.4) ? ` in ${r.pick(listed).start}` : "";
      body.push({ line: `expect ${payer} pays ${payee} ${this.exprGen([], true).literal({ k: "money" }).text}${under}${at}` });
    }
    return { header: `test "case ${i}: ${this.string().slice(1, -1)}"`, body: r.chance(0.2) ? r.shuffle(body) : body };
  }

  // ------------------------------------------------------------ inputs

  /** A decimal string built from integers: `-?\d+(\.\d+)?`. */
  private decimal(ty: Ty): string {
    const r = this.r;
    const magnitude = ty.k === "money" ? 100_000_000 : ty.k === "plain" ? 200 : ty.k === "qty" ? 10_000_000 : 1_000;
    const n = r.int(0, magnitude);
    const scale = r.int(0, 3);
    const negative = r.chance(0.08) && n !== 0;
    const digits = String(n).padStart(scale + 1, "0");
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return negative ? `-${text}` : text;
  }

  private inputsFile(): GeneratedInputs {
    const r = this.r;
    const given = this.periods.slice(0, r.int(1, this.periods.length));
    const periods = given.map((p) => {
      const row: Record<string, string> = { period: p.start };
      for (const input of this.inputs) row[input.name] = this.decimal(input.ty);
      return row;
    });
    const events: { date: string; row: Record<string, string> }[] = [];
    if (this.events.length > 0) {
      for (let k = r.int(0, 4); k > 0; k--) {
        const e = r.pick(this.events);
        const p = r.pick(given);
        const date = addDays(p.start, r.int(0, daysBetween(p.start, p.end)));
        const row: Record<string, string> = { date, event: e.name };
        for (const param of e.params) row[param.name] = this.decimal(param.ty);
        events.push({ date, row });
      }
    }
    events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return { periods, events: events.map((e) => e.row) };
  }

  // ------------------------------------------------------------ text

  /** Pretty source: two-space indents, blank lines between declaration groups (and now and then elsewhere). */
  private render(groups: readonly Code[][]): string {
    const out: string[] = [];
    const commented = this.s.layout === "commented";
    const comment = (): string => `// ${this.r.pick(COMMENT_TEXTS)}`.trimEnd();
    const emit = (code: Code, indent: string): void => {
      if (commented && this.r.chance(0.15)) out.push(indent + comment());
      const trailing = commented && this.r.chance(0.15) ? `  ${comment()}` : "";
      if ("line" in code) {
        out.push(indent + code.line + trailing);
        return;
      }
      if (code.body.length === 0 && !(commented && this.r.chance(0.3))) {
        out.push(`${indent}${code.header} {}${trailing}`);
        return;
      }
      out.push(`${indent}${code.header} {${trailing}`);
      code.body.forEach((c, i) => {
        if (i > 0 && this.r.chance(0.05)) out.push("");
        emit(c, indent + "  ");
      });
      if (commented && this.r.chance(0.1)) out.push(`${indent}  ${comment()}`);
      out.push(`${indent}}${commented && this.r.chance(0.1) ? `  ${comment()}` : ""}`);
    };
    groups.forEach((group, i) => {
      if (i > 0) out.push("");
      for (const code of group) emit(code, "");
    });
    if (commented && this.r.chance(0.3)) out.push(comment());
    return out.join("\n") + "\n";
  }
}
