/**
 * A small generator of valid term sheets and matching inputs files for the
 * differential property (interpreter = reference). Seeded and
 * deterministic: `generateCase(seed)` always returns the same case, so a
 * divergence reproduces from its seed alone.
 *
 * It covers what a plain loop over periods has to get right: terms with
 * month-end clamping and stubs, every frequency, currencies with 0, 2 and 3
 * decimals and every rounding mode, consts, schedules by contract year /
 * period / date, lets, pays, when, consecutive conditions, events, at
 * signing, grants, caps on every window, from/until, settle net, divisions
 * (including by zero), date arithmetic and every built-in (interpolate, the
 * day counts and convert through a second currency included), and balances
 * carried across periods (`balance`, `add`, `subtract`, also inside `on`
 * and `when`, read by lets that are then computed where written), and
 * tiers tables read by `tier` and `marginal` (now and then out of range
 * or with a negative amount: run-time errors both sides must report).
 */
import { addDays, addMonths, type Civil, iso, STEP_MONTHS, termPeriods } from "./calendar.ts";

export interface GeneratedCase {
  readonly seed: number;
  readonly source: string;
  /** Brief §7 JSON inputs files for the term sheet (one or more data sets). */
  readonly inputs: readonly string[];
}

/** mulberry32: a tiny, well-mixed 32-bit PRNG. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Each cap window with probability 1/4 (a clause has at most one cap per window). */
  capWindows(): string[] {
    return ["over term", "per contract_year", "per period"].filter(() => this.chance(0.25));
  }
  /** A non-negative decimal below `max` with up to `places` decimals, as text. */
  decimal(max: number, places: number): string {
    const whole = this.int(0, max);
    const p = this.int(0, places);
    if (p === 0) return String(whole);
    let frac = "";
    for (let i = 0; i < p; i++) frac += String(this.int(0, 9));
    return `${whole}.${frac}`;
  }
}

type Ty = "money" | "hours" | "price" | "plain" | "bool" | "date";

interface Scope {
  /** Lets visible here, with their types. */
  readonly lets: readonly { readonly name: string; readonly ty: Ty }[];
  /** The event whose arguments are visible (inside `on`). */
  readonly event: "default" | "bump" | null;
  /** Balances of the clause visible here (money; also listed in `lets` so expressions read them). */
  readonly balances?: readonly string[];
}

const TOP: Scope = { lets: [], event: null };

class Builder {
  readonly r: Random;
  readonly cur: string;
  readonly start: Civil;
  readonly end: Civil;
  readonly periodStarts: string[];
  readonly hasRate: boolean;
  readonly hasFee: boolean;
  readonly hasEsc: boolean;
  readonly hasBump: boolean;
  readonly hasTiers: boolean;
  readonly parties: string[];
  /** A second currency, declared as a unit, with rates both ways as inputs (for convert). */
  readonly fx: string;
  private letCount = 0;
  /** Balances, and lets whose value reads one. */
  private readonly balanceReaders = new Set<string>();

  constructor(seed: number) {
    const r = (this.r = new Random(seed));
    this.cur = r.pick(["USD", "USD", "USD", "EUR", "JPY", "KWD"]);
    const y = r.int(2024, 2028);
    const m = r.int(1, 12);
    const day = r.pick([1, 1, 1, 15, 28, 29, 30, 31]);
    this.start = { y, m, d: Math.min(day, [31, y % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!) };
    this.frequency = r.pick(["monthly", "monthly", "monthly", "quarterly", "quarterly", "annually"] as const);
    const n = r.int(1, this.frequency === "annually" ? 3 : 7);
    let end = addDays(addMonths(this.start, n * STEP_MONTHS[this.frequency]), -1);
    if (r.chance(0.3)) end = addDays(end, -r.int(1, 25)); // a stub
    this.end = end.y * 10000 + end.m * 100 + end.d < this.start.y * 10000 + this.start.m * 100 + this.start.d ? this.start : end;
    this.periodStarts = termPeriods(this.start, this.end, this.frequency).map((p) => iso(p.start));
    this.hasRate = r.chance(0.6);
    this.hasFee = r.chance(0.4);
    this.hasEsc = r.chance(0.3);
    this.hasBump = r.chance(0.4);
    this.hasTiers = r.chance(0.5);
    this.parties = r.chance(0.5) ? ["a", "b", "c"] : ["a", "b"];
    this.fx = r.pick(["EUR", "SGD", "JPY", "KWD", "GBP"].filter((c) => c !== this.cur));
  }

  readonly frequency: keyof typeof STEP_MONTHS;

  // ---- expressions

  money(scope: Scope, depth: number): string {
    const r = this.r;
    const leaves = [
      () => `${r.decimal(r.pick([10, 1000, 100000]), 3)} ${this.cur}`,
      () => "rev",
      () => "k_money",
      ...(this.hasFee ? [() => "fee"] : []),
      ...(scope.event === "default" ? [() => "amt", () => "amt"] : []),
      ...this.letsOf(scope, "money"),
    ];
    if (depth <= 0 || r.chance(0.3)) return r.pick(leaves)();
    const d = depth - 1;
    const forms = [
      () => `(${this.money(scope, d)} + ${this.money(scope, d)})`,
      () => `max(${this.money(scope, d)} - ${this.money(scope, d)}, 0 ${this.cur})`,
      () => `(${this.money(scope, d)} * ${this.plain(scope, d)})`,
      () => `(${this.plain(scope, d)} * ${this.money(scope, d)})`,
      () => `(${this.money(scope, d)} / ${this.divisor(scope, d)})`,
      () => `(${this.hours(scope, d)} * ${this.price(scope, d)})`,
      () => `min(${this.money(scope, d)}, ${this.money(scope, d)})`,
      () => `max(${this.money(scope, d)}, ${this.money(scope, d)}, ${this.money(scope, d)})`,
      () => `abs(${this.money(scope, d)} - ${this.money(scope, d)})`,
      () => `round(${this.money(scope, d)}, ${r.pick(["0.01", "1", `1000 ${this.cur}`, `0.05 ${this.cur}`, "0.001"])})`,
      () => `${r.pick(["floor", "ceil"])}(${this.money(scope, d)}${r.chance(0.5) ? "" : `, ${r.pick(["100", `0.1 ${this.cur}`])}`})`,
      () => `round(${this.money(scope, d)})`,
      () => `(if ${this.bool(scope, d)} then ${this.money(scope, d)} else ${this.money(scope, d)})`,
      () => `-(-${this.money(scope, d)})`,
      () => `interpolate(${this.money(scope, d)}, ${this.money(scope, d)}, ${this.interpolationSpan(scope, d)})`,
      () => `convert(${this.r.chance(0.5) ? "rev_fx" : `convert(${this.money(scope, d)}, cur_fx)`}, fx_rate)`,
      () => `(${this.money(scope, d)} * ${this.dayCount(scope, d)})`,
      ...(this.hasTiers
        ? [
          () => `marginal(vol, ${r.pick(["rev", "k_money", `abs(${this.money(scope, d)})`])}, abs(${this.money(scope, d)}))`,
          () => `tier(band, ${r.chance(0.15) ? "ratio * 4" : "ratio"})`,
          // Rarely an amount that may be negative: a run-time error both sides must report.
          () => (r.chance(0.1) ? `marginal(vol, rev, ${this.money(scope, d)} - ${this.money(scope, d)})` : `(${this.plain(scope, d)} * tier(band, 1))`),
        ]
        : []),
    ];
    // Rarely a plain difference, which may go negative: a run-time error both sides must report.
    if (r.chance(0.04)) return `(${this.money(scope, d)} - ${this.money(scope, d)})`;
    return r.pick(forms)();
  }

  /** A plain-number divisor: usually non-zero, sometimes an input that may be zero. */
  divisor(scope: Scope, depth: number): string {
    const r = this.r;
    return r.pick([
      () => r.pick(["3", "7", "365", "12", "0.3", "1.5", "4%"]),
      () => "days",
      () => "ratio",
      () => `(${this.plain(scope, depth)} + 1)`,
    ])();
  }

  plain(scope: Scope, depth: number): string {
    const r = this.r;
    const leaves = [
      () => r.pick(["12.5%", "0.5", "3", "1", "0", "2.75", "15%", "0.333"]),
      () => "days",
      () => "period_index",
      () => "contract_year",
      () => "ratio",
      () => "k_rate",
      ...(this.hasRate ? [() => "rate"] : []),
      ...(this.hasEsc ? [() => "esc"] : []),
      ...(scope.event === "bump" ? [() => "n"] : []),
      ...this.letsOf(scope, "plain"),
    ];
    if (depth <= 0 || r.chance(0.35)) return r.pick(leaves)();
    const d = depth - 1;
    return r.pick([
      () => `(${this.plain(scope, d)} + ${this.plain(scope, d)})`,
      () => `(${this.plain(scope, d)} * ${this.plain(scope, d)})`,
      () => `(${this.plain(scope, d)} / ${this.divisor(scope, d)})`,
      () => `(${this.money(scope, d)} / ${this.money(scope, d)})`,
      () => `(${this.hours(scope, d)} / ${this.hours(scope, d)})`,
      () => `(period_end - period_start)`,
      () => (r.chance(0.2) ? `(${this.date(scope, d)} - ${this.date(scope, d)})` : `abs(${this.date(scope, d)} - ${this.date(scope, d)})`),
      () => `min(${this.plain(scope, d)}, ${this.plain(scope, d)})`,
      () => `max(${this.plain(scope, d)}, 0)`,
      () => `${r.pick(["floor", "ceil"])}(${this.plain(scope, d)})`,
      () => `(if ${this.bool(scope, d)} then ${this.plain(scope, d)} else ${this.plain(scope, d)})`,
      () => this.dayCount(scope, d),
      () => `interpolate(${this.plain(scope, d)}, ${this.plain(scope, d)}, ${this.interpolationSpan(scope, d)})`,
      () => this.compound(scope),
      ...(this.hasTiers ? [() => `tier(vol, ${r.pick(["rev", "k_money", `abs(${this.money(scope, d)})`])})`] : []),
    ])();
  }

  /**
   * compound(rate, n): a rate leaf and a small whole n from the period, or
   * rarely `ratio` (an input that need not be whole: a run-time error both
   * sides must report).
   */
  compound(scope: Scope): string {
    const r = this.r;
    const rate = r.pick(["3%", "k_rate", "-2.5%", "0.333", ...(this.hasEsc ? ["esc"] : [])]);
    const n = r.chance(0.05) ? "ratio" : r.pick(["0", "2", "contract_year - 1", "period_index", "min(days, 3)"]);
    return `compound(${rate}, ${n})`;
  }

  /** A day-count fraction: over the period, or between two dates (possibly backwards: negative). */
  dayCount(scope: Scope, depth: number): string {
    const fn = this.r.pick(["act_365f", "act_360", "thirty_360"]);
    return this.r.chance(0.5) ? `${fn}()` : `${fn}(${this.date(scope, depth)}, ${this.date(scope, depth)})`;
  }

  /**
   * from_date, to_date and maybe `at` of interpolate: literal dates in
   * ascending order, or the period's own start and end (equal in a one-day
   * stub: a run-time error both sides must report).
   */
  interpolationSpan(scope: Scope, depth: number): string {
    const r = this.r;
    const at = r.chance(0.5) ? "" : `, ${this.date(scope, depth)}`;
    if (r.chance(0.2)) return `period_start, period_end${at}`;
    const a = addDays(this.start, r.int(-60, 200));
    const b = addDays(a, r.pick([1, 30, 365, r.int(2, 900)]));
    return `${iso(a)}, ${iso(b)}${at}`;
  }

  hours(scope: Scope, depth: number): string {
    const r = this.r;
    if (depth <= 0 || r.chance(0.5)) return r.pick(["hours", "capacity", `${r.int(0, 500)} gpu_hour`, ...this.letsOf(scope, "hours").map((f) => f())]);
    const d = depth - 1;
    return r.pick([
      () => `max(capacity - ${this.hours(scope, d)}, 0 gpu_hour)`,
      () => `(${this.hours(scope, d)} * ${this.plain(scope, d)})`,
      () => `min(${this.hours(scope, d)}, ${this.hours(scope, d)})`,
    ])();
  }

  price(scope: Scope, depth: number): string {
    const r = this.r;
    if (depth <= 0 || r.chance(0.6)) return r.pick(["k_price", `${r.decimal(5, 2)} ${this.cur} per gpu_hour`]);
    return `(${this.money(scope, depth - 1)} / ${this.hours(scope, depth - 1)})`;
  }

  bool(scope: Scope, depth: number): string {
    const r = this.r;
    const d = depth - 1;
    const cmp = () => r.pick(["<", "<=", ">", ">=", "==", "!="]);
    if (depth <= 0) return r.pick([`rev > ${r.decimal(100000, 2)} ${this.cur}`, `hours < capacity`, `period_index >= ${r.int(1, 4)}`, `ratio != 0`]);
    return r.pick([
      () => `${this.money(scope, d)} ${cmp()} ${this.money(scope, d)}`,
      () => `${this.plain(scope, d)} ${cmp()} ${this.plain(scope, d)}`,
      () => `${this.hours(scope, d)} ${cmp()} ${this.hours(scope, d)}`,
      () => `${this.date(scope, d)} ${cmp()} ${this.date(scope, d)}`,
      () => `(${this.bool(scope, d)}) and (${this.bool(scope, d)})`,
      () => `(${this.bool(scope, d)}) or (${this.bool(scope, d)})`,
      () => `not (${this.bool(scope, d)})`,
      () => `(${this.bool(scope, d)}) == (${this.bool(scope, d)})`,
    ])();
  }

  date(scope: Scope, depth: number): string {
    const r = this.r;
    const leaves = ["period_start", "period_end", r.pick(this.periodStarts), iso(addDays(this.start, r.int(0, 200)))];
    if (depth <= 0 || r.chance(0.4)) return r.pick(leaves);
    const d = depth - 1;
    return r.pick([
      () => `(${this.date(scope, d)} + ${r.int(0, 40)} ${r.pick(["days", "months", "years"])})`,
      () => `(${this.date(scope, d)} - ${r.int(0, 14)} ${r.pick(["days", "months", "years"])})`,
      () => `(${r.int(1, 3)} months + ${this.date(scope, d)})`,
      () => `(${this.date(scope, d)} + 1 months * ${r.pick(["2", "ratio", "period_index"])})`, // ratio: maybe not whole
      () => `(${this.date(scope, d)} + (3 days + 1 days))`,
      () => `min(${this.date(scope, d)}, ${this.date(scope, d)})`,
      () => `max(${this.date(scope, d)}, ${this.date(scope, d)})`,
    ])();
  }

  private letsOf(scope: Scope, ty: Ty): (() => string)[] {
    return scope.lets.filter((l) => l.ty === ty).map((l) => () => l.name);
  }

  // ---- statements

  newLet(scope: Scope, ty: "money" | "plain" | "hours"): { text: string; scope: Scope } {
    const name = `l${++this.letCount}`;
    const value = ty === "money" ? this.money(scope, 2) : ty === "plain" ? this.plain(scope, 2) : this.hours(scope, 1);
    if ((value.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).some((w) => this.balanceReaders.has(w))) this.balanceReaders.add(name);
    return { text: `let ${name} = ${value}`, scope: { ...scope, lets: [...scope.lets, { name, ty }] } };
  }

  pays(scope: Scope): string {
    const [payer, payee] = this.pair();
    return `${payer} pays ${payee} ${this.money(scope, 3)}`;
  }

  grants(scope: Scope): string {
    const r = this.r;
    const [grantor, grantee] = this.pair();
    const quantity = r.pick([
      () => r.pick(["1_000_000", "250", "12"]),
      () => `floor(${this.money(scope, 1)} / ${r.decimal(50, 2)}1 ${this.cur})`,
      () => `round(${this.plain(scope, 1)} * 1000)`,
    ])();
    const price = r.pick([() => `${r.decimal(100, 3)} ${this.cur}`, () => `max(${this.money(scope, 1)} / 1000, 0 ${this.cur})`])();
    return `${grantor} grants ${grantee} ${quantity} ${r.pick(["warrants", "options"])} at ${price}`;
  }

  private pair(): [string, string] {
    const payer = this.r.pick(this.parties);
    const payee = this.r.pick(this.parties.filter((p) => p !== payer));
    return [payer, payee];
  }

  /** One action statement (and, for blocks, their bodies). */
  action(scope: Scope, depth: number, allowConsecutive: boolean, clauseLets: Scope): string {
    const r = this.r;
    const forms: (() => string)[] = [
      () => this.pays(scope),
      () => this.pays(scope),
      () => this.grants(scope),
    ];
    if (depth > 0) {
      forms.push(() => `when ${this.bool(scope, 2)} { ${this.block(scope, depth - 1, allowConsecutive, clauseLets)} }`);
      if (allowConsecutive) {
        // The condition may use clause-level names only (docs §7).
        forms.push(() => `when ${this.bool(clauseLets, 2)} for ${r.int(1, 3)} consecutive periods { ${this.block(scope, depth - 1, true, clauseLets)} }`);
      }
      if (scope.event === null) {
        forms.push(() => `on default { ${this.block({ ...scope, event: "default" }, depth - 1, false, clauseLets)} }`);
        if (this.hasBump) forms.push(() => `on bump { ${this.block({ ...scope, event: "bump" }, depth - 1, false, clauseLets)} }`);
      }
      forms.push(() => `at signing { ${this.block(scope, depth - 1, allowConsecutive, clauseLets)} }`);
    }
    const balances = scope.balances ?? [];
    if (balances.length > 0) {
      // Amounts do not read balances, so balances grow with the inputs, not exponentially.
      const plain: Scope = { ...scope, lets: scope.lets.filter((l) => !this.balanceReaders.has(l.name)) };
      forms.push(() => `add ${this.money(plain, 2)} to ${r.pick(balances)}`);
      forms.push(() => `subtract ${this.money(plain, 2)} from ${r.pick(balances)}`);
    }
    return r.pick(forms)();
  }

  /** A block body: maybe a let, then one or two actions. */
  block(scope: Scope, depth: number, allowConsecutive: boolean, clauseLets: Scope): string {
    const parts: string[] = [];
    let inner = scope;
    if (this.r.chance(0.3)) {
      const l = this.newLet(inner, this.r.pick(["money", "plain"] as const));
      parts.push(l.text);
      inner = l.scope;
    }
    const n = this.r.int(1, 2);
    for (let i = 0; i < n; i++) parts.push(this.action(inner, depth, allowConsecutive, clauseLets));
    return parts.join("\n  ");
  }

  clause(index: number): string {
    const r = this.r;
    const body: string[] = [];
    let scope = TOP;
    for (let i = r.int(0, 2); i > 0; i--) {
      const l = this.newLet(scope, r.pick(["money", "money", "plain", "hours"] as const));
      body.push(l.text);
      scope = l.scope;
    }
    // Balances come after the clause-level lets, which the consecutive conditions may read.
    let inner = scope;
    for (let i = r.pick([0, 0, 0, 1, 1, 2]); i > 0; i--) {
      const name = `b${++this.letCount}`;
      body.push(`balance ${name} = ${r.decimal(r.pick([100, 100000]), 2)} ${this.cur}`);
      this.balanceReaders.add(name);
      inner = { ...inner, lets: [...inner.lets, { name, ty: "money" }], balances: [...(inner.balances ?? []), name] };
    }
    for (let i = r.int(1, 3); i > 0; i--) body.push(this.action(inner, 2, true, scope));
    const windows = r.capWindows();
    for (const w of windows) body.splice(r.int(0, body.length), 0, `cap ${this.money(TOP, 1)} ${w}`);
    const starts = this.periodStarts;
    if (r.chance(0.2)) body.push(`from ${r.pick(starts)}`);
    if (r.chance(0.2)) body.push(`until ${starts[starts.length - 1]!}`);
    const title = r.chance(0.5) ? ` "Clause ${index} \\"quoted\\""` : "";
    return `clause cl${index}${title} {\n  ${body.join("\n  ")}\n}`;
  }

  // ---- the whole term sheet

  source(): string {
    const r = this.r;
    const lines = [
      `deal "Generated ${this.cur}"`,
      `parties {\n${this.parties.map((p) => `  ${p}: "Party ${p.toUpperCase()}"`).join("\n")}\n}`,
      `term ${iso(this.start)} to ${iso(this.end)}, ${this.frequency}`,
      `currency ${this.cur}${r.chance(0.7) ? `, rounding ${r.pick(["half_even", "half_up", "down", "up"])}` : ""}`,
      ...(r.chance(0.5) ? ["settle net"] : []),
      `units gpu_hour, ${this.fx}`,
      `input rev: ${this.cur}`,
      `input rev_fx: ${this.fx}`,
      `input fx_rate: ${this.cur} per ${this.fx}`,
      `input cur_fx: ${this.fx} per ${this.cur}`,
      "input hours: gpu_hour",
      "input capacity: gpu_hour",
      "input ratio: number",
      `event default(amt: ${this.cur})`,
      ...(this.hasBump ? ["event bump(n: number)"] : []),
      `const k_money = ${r.decimal(100000, 2)} ${this.cur}`,
      `const k_rate = ${r.decimal(30, 1)}%`,
      `const k_price = ${r.decimal(3, 2)} ${this.cur} per gpu_hour`,
    ];
    if (this.hasRate) {
      const a = r.int(5, 20);
      const b = r.int(0, a);
      const tapering = r.chance(0.5);
      lines.push(r.chance(0.3)
        ? `schedule rate by contract_year { year 1 onward: ${a}% }`
        : `schedule rate by contract_year${tapering ? ", tapering" : ""} { year 1: ${a}%  year 2 onward: ${tapering ? b : r.int(0, 30)}% }`);
    }
    if (this.hasFee) {
      lines.push(this.periodStarts.length > 1 && r.chance(0.7)
        ? `schedule fee by period { period 1: ${r.decimal(1000, 2)} ${this.cur}  period 2 onward: rev * 1% }`
        : `schedule fee by period { period 1 onward: k_money / 12 }`);
    }
    if (this.hasEsc) {
      const s = this.periodStarts;
      lines.push(s.length > 2
        ? `schedule esc by date { ${s[0]} to ${iso(addDays(parseDay(s[2]!), -1))}: 100%  ${s[2]} onward: 103% }`
        : `schedule esc by date { ${s[0]} onward: 100% }`);
    }
    if (this.hasTiers) {
      // vol: money bounds from 0, onward; band: plain bounds 0 to 6 (ratio inputs stay below 5), money values.
      const a = r.int(1, 5000);
      const b = a + r.int(1, 100000);
      lines.push(`tiers vol {\n  0 ${this.cur} to ${a} ${this.cur}: ${r.int(0, 20)}%\n  ${a} ${this.cur} to ${b} ${this.cur}: ${r.decimal(15, 2)}%\n  ${b} ${this.cur} onward: ${r.int(0, 10)}%\n}`);
      lines.push(`tiers band { 0 to 50%: ${r.decimal(100, 2)} ${this.cur}  50% to 1: k_money / 3  1 to 3: ${r.decimal(100, 2)} ${this.cur}  3 to 6: 0 ${this.cur} }`);
    }
    for (let i = 1, n = r.int(1, 4); i <= n; i++) lines.push(this.clause(i));
    return lines.join("\n") + "\n";
  }

  inputs(): string {
    const r = this.r;
    const given = r.chance(0.8) ? this.periodStarts.length : r.int(1, this.periodStarts.length);
    const rows = this.periodStarts.slice(0, given).map((period) => {
      const hours = r.int(0, 1000);
      const ratio = r.chance(0.08) ? "0" : r.pick(["1", "0.5", "2", r.decimal(4, 3)]);
      return `{ "period": "${period}", "rev": "${r.decimal(r.pick([1000, 5000000]), r.pick([0, 2, 2, 4]))}", ` +
        `"hours": "${hours}", "capacity": "${hours + r.int(0, 500)}", "ratio": "${ratio}", ` +
        `"rev_fx": "${r.decimal(100000, 3)}", "fx_rate": "${r.decimal(3, 6)}", "cur_fx": "${r.decimal(200, 4)}" }`;
    });
    const events: string[] = [];
    const termDays = Math.max(0, daysBetween(this.start, this.end));
    for (let i = r.int(0, 3); i > 0; i--) {
      const date = iso(addDays(this.start, r.int(0, termDays)));
      events.push(this.hasBump && r.chance(0.4)
        ? `{ "date": "${date}", "event": "bump", "n": "${r.decimal(5, 2)}" }`
        : `{ "date": "${date}", "event": "default", "amt": "${r.decimal(100000, 2)}" }`);
    }
    return `{ "periods": [\n  ${rows.join(",\n  ")}\n], "events": [${events.join(", ")}] }\n`;
  }
}

function parseDay(text: string): Civil {
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  return { y, m, d };
}

function daysBetween(a: Civil, b: Civil): number {
  const t = (c: Civil) => Date.UTC(c.y, c.m - 1, c.d) / 86_400_000; // test helper only; dates well inside the Unix range
  return Math.round(t(b) - t(a));
}

/** The case for `seed`: a valid term sheet and `datasets` valid inputs files for it. */
export function generateCase(seed: number, datasets = 1): GeneratedCase {
  const b = new Builder(seed);
  const source = b.source();
  return { seed, source, inputs: Array.from({ length: datasets }, () => b.inputs()) };
}
