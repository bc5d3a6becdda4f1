/**
 * Shared fast-check arbitraries and helpers for the property tests: decimal
 * strings built from integers (never floats), small random deals and their
 * inputs, and exact sums of ledger money with the project's Decimal.
 */
import fc from "fast-check";
import { runSource } from "../../src/api.ts";
import type { InputFile } from "../../src/api.ts";
import { Decimal } from "../../src/eval/decimal.ts";
import type { Ledger } from "../../src/ledger/ledger.ts";

/** `units` minor units as a decimal string with `places` decimals: (12345, 2) → "123.45", (-5, 2) → "-0.05". */
export function decimalText(units: number, places: number): string {
  const sign = units < 0 ? "-" : "";
  const digits = String(Math.abs(units)).padStart(places + 1, "0");
  return places === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** A non-negative decimal string with up to `places` decimals and at most `max` minor units. */
export function decimalArb(max: number, places: number): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max }).map((n) => decimalText(n, places));
}

/** Exact money from a ledger string. */
export function money(text: string): Decimal {
  const d = Decimal.parse(text);
  if (d === null) throw new Error(`not a decimal: ${text}`);
  return d;
}

/** Period start dates of a monthly term starting on the first of a month (no clamping involved). */
export function monthlyStarts(year: number, month: number, count: number): string[] {
  const starts: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = month - 1 + i;
    starts.push(`${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}-01`);
  }
  return starts;
}

export const PARTIES = ["nvidia", "sharon", "landlord"] as const;
export type PartyName = (typeof PARTIES)[number];

/** One payment statement of a random deal: payer, payee and the input that holds its amount. */
export interface RandomPayment {
  readonly payer: PartyName;
  readonly payee: PartyName;
}

/** A random deal: clauses of payments (each reading its own input), optional caps, optional settle net. */
export interface RandomDeal {
  readonly clauses: readonly {
    readonly payments: readonly RandomPayment[];
    /** Cap amounts in thousandths of a dollar per window (so headroom gets rounded down), or null for no cap. */
    readonly caps: { readonly period: number | null; readonly contractYear: number | null; readonly term: number | null };
    /** Pay per occurrence of the `bonus` event too. */
    readonly onEvent: boolean;
    /** Also pay the first payment's amount back the other way, so that pairs can balance to zero. */
    readonly mirror: boolean;
  }[];
  readonly net: boolean;
  /** Monthly periods settled, from 2026-07-01 (the term is two contract years). */
  readonly periods: number;
}

const paymentArb: fc.Arbitrary<RandomPayment> = fc
  .tuple(fc.constantFrom(...PARTIES), fc.constantFrom(...PARTIES))
  .filter(([a, b]) => a !== b)
  .map(([payer, payee]) => ({ payer, payee }));

const capArb = fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null, freq: 2 });

export const dealArb: fc.Arbitrary<RandomDeal> = fc.record({
  clauses: fc.array(
    fc.record({
      payments: fc.array(paymentArb, { minLength: 1, maxLength: 3 }),
      caps: fc.record({ period: capArb, contractYear: capArb, term: capArb }),
      onEvent: fc.boolean(),
      mirror: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  net: fc.boolean(),
  periods: fc.integer({ min: 1, max: 24 }),
});

/** The name of the input that holds payment `p` of clause `c`. */
export const amountInput = (c: number, p: number) => `amount_${c}_${p}`;

/** Tenor source for a random deal. */
export function dealSource(deal: RandomDeal): string {
  const lines = [
    `deal "Random deal"`,
    `parties { nvidia: "NVIDIA Corporation" sharon: "Sharon AI" landlord: "Campus lessor" }`,
    `term 2026-07-01 to 2028-06-30, monthly`,
    `currency USD`,
    ...(deal.net ? ["settle net"] : []),
    `event bonus(extra: USD)`,
  ];
  deal.clauses.forEach((c, ci) => {
    c.payments.forEach((_, pi) => lines.push(`input ${amountInput(ci, pi)}: USD`));
  });
  deal.clauses.forEach((c, ci) => {
    lines.push(`clause c${ci} {`);
    c.payments.forEach((p, pi) => lines.push(`  ${p.payer} pays ${p.payee} ${amountInput(ci, pi)}`));
    const first = c.payments[0]!;
    if (c.mirror) lines.push(`  ${first.payee} pays ${first.payer} ${amountInput(ci, 0)}`);
    if (c.onEvent) lines.push(`  on bonus { ${c.payments[0]!.payer} pays ${c.payments[0]!.payee} extra }`);
    if (c.caps.period !== null) lines.push(`  cap ${decimalText(c.caps.period, 3)} USD per period`);
    if (c.caps.contractYear !== null) lines.push(`  cap ${decimalText(c.caps.contractYear, 3)} USD per contract_year`);
    if (c.caps.term !== null) lines.push(`  cap ${decimalText(c.caps.term, 3)} USD over term`);
    lines.push(`}`);
  });
  return `${lines.join("\n")}\n`;
}

/** Inputs for a random deal: per period a value per input, plus dated bonus events. */
export interface RandomInputs {
  readonly rows: readonly { readonly period: string; readonly values: ReadonlyMap<string, string> }[];
  readonly events: readonly { readonly date: string; readonly extra: string }[];
}

/** Amounts up to 10,000.000 with three decimals, so payments get rounded; often exactly zero. */
const amountArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant("0") },
  { weight: 4, arbitrary: decimalArb(10_000_000, 3) },
);

export function inputsArb(deal: RandomDeal): fc.Arbitrary<RandomInputs> {
  const names = deal.clauses.flatMap((c, ci) => c.payments.map((_, pi) => amountInput(ci, pi)));
  const starts = monthlyStarts(2026, 7, deal.periods);
  const row = fc.array(amountArb, { minLength: names.length, maxLength: names.length });
  const event = fc.record({
    period: fc.integer({ min: 0, max: deal.periods - 1 }),
    day: fc.integer({ min: 1, max: 28 }),
    extra: decimalArb(500_000, 2),
  });
  return fc.record({
    rows: fc.array(row, { minLength: deal.periods, maxLength: deal.periods }),
    events: fc.array(event, { maxLength: 6 }),
  }).map(({ rows, events }) => ({
    rows: rows.map((values, i) => ({ period: starts[i]!, values: new Map(values.map((v, k) => [names[k]!, v])) })),
    events: events.map((e) => ({ date: `${starts[e.period]!.slice(0, 8)}${String(e.day).padStart(2, "0")}`, extra: e.extra })),
  }));
}

/** The inputs as one JSON inputs file. */
export function inputsJson(inputs: RandomInputs): InputFile {
  const periods = inputs.rows.map((r) => ({ period: r.period, ...Object.fromEntries(r.values) }));
  const events = inputs.events.map((e) => ({ date: e.date, event: "bonus", extra: e.extra }));
  return { name: "inputs.json", text: JSON.stringify({ periods, events }) };
}

/** The inputs as a periods CSV and an events CSV. */
export function inputsCsv(inputs: RandomInputs): InputFile[] {
  const names = [...(inputs.rows[0]?.values.keys() ?? [])];
  const periods = [["period", ...names].join(","), ...inputs.rows.map((r) => [r.period, ...names.map((n) => r.values.get(n)!)].join(","))];
  const events = ["date,event,extra", ...inputs.events.map((e) => `${e.date},bonus,${e.extra}`)];
  return [
    { name: "inputs.csv", text: `${periods.join("\n")}\n` },
    { name: "events.csv", text: `${events.join("\n")}\n` },
  ];
}

/** Runs a source over files and returns the ledger, failing loudly on any diagnostic. */
export function ledgerOf(source: string, files: readonly InputFile[]): Ledger {
  const result = runSource(source, files);
  if (result.ledger === null || result.diagnostics.length > 0) {
    throw new Error(`run failed: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  }
  return result.ledger;
}
