/**
 * The deal's header in English (docs/language.md §5–§6): parties, term and
 * periods, payment dates and calendars, currency and rounding, netting,
 * units, inputs and events.
 */
import type { DealHeader } from "../check/checked-program.ts";
import { addDays, addYears, formatDate, parseDate } from "../eval/dates.ts";
import { contractYearCount, periodsOf } from "../eval/periods.ts";
import type { CalendarDecl, PaidDecl } from "../syntax/ast.ts";
import { heading, list, paragraph, type Block } from "./document.ts";
import { periodWord } from "./expressions.ts";
import type { RoundingMode } from "../ir/ir.ts";
import { count, dateWords, defined, joinAnd, nameWords, unitPhrase } from "./words.ts";

export function partiesBlocks(h: DealHeader): Block[] {
  return [
    heading(2, "Parties"),
    list(h.parties.map((p) => `${p.legalName} (“${p.name}” in the term sheet)`)),
  ];
}

export function termBlocks(h: DealHeader, paid: PaidDecl | null, calendars: readonly CalendarDecl[]): Block[] {
  const periods = periodsOf(h.term);
  const first = periods[0];
  const last = periods[periods.length - 1];
  const blocks: Block[] = [heading(2, "Term and periods")];
  const span = (p: { start: string; end: string; days: number }) => `from ${dateWords(p.start)} to ${dateWords(p.end)} (${count(p.days, "day")})`;
  let text = `The term runs from ${dateWords(h.term.start)} to ${dateWords(h.term.end)} and is settled in ${h.term.frequency} periods`;
  if (first !== undefined && last !== undefined) {
    text += periods.length === 1
      ? `: one period, ${span(first)}.`
      : `: ${count(periods.length, "period")}, the first ${span(first)} and the last ${span(last)}.`;
  } else text += ".";
  const rolled = h.term.generation === "backward"
    ? " Period dates are counted back from the day after the term ends, so a short period, if any, comes first."
    : " Period dates are counted from the start of the term, so a short period, if any, comes last.";
  const eom = h.term.endOfMonth === true ? " When the date they are counted from is the last day of a month, every period date is the last day of its month." : "";
  blocks.push(paragraph(`${text}${rolled}${eom} Each period ends on the day before the next one starts.`));
  const start = parseDate(h.term.start);
  if (start !== null) {
    const yearEnd = formatDate(addDays(addYears(start, 1), -1));
    const years = contractYearCount(h.term);
    const lastEnds = formatDate(addDays(addYears(start, years), -1));
    const cut = lastEnds > h.term.end ? `; the last is cut short by the end of the term on ${dateWords(h.term.end)}` : "";
    blocks.push(paragraph(
      `Contract year 1 runs from ${dateWords(h.term.start)} to ${dateWords(yearEnd)}, and each later contract year starts on an anniversary of ${dateWords(h.term.start)}. ` +
      `A period belongs to the contract year in which it starts. The term spans ${count(years, "contract year")}${cut}.`,
    ));
  }
  blocks.push(paragraph(paid === null
    ? "The amounts of a period are due on its last day, whether or not that is a business day."
    : paidWords(paid)));
  if (calendars.length > 0) blocks.push(list(calendars.map(calendarWords)));
  return blocks;
}

const CONVENTIONS = {
  following: "moves to the next business day (following)",
  modified_following: "moves to the next business day, unless that is in the next month, and then to the business day before (modified following)",
  preceding: "moves to the business day before (preceding)",
} as const;

function paidWords(p: PaidDecl): string {
  const anchor = p.anchor.text === "period_start" ? "the first day of the period" : "the last day of the period";
  let when: string;
  if (p.lag === null) when = `on ${anchor}`;
  else {
    const n = Number(p.lag.count.digits);
    when = `${count(n, p.lag.business ? "business day" : "day")} after ${anchor}`;
  }
  return `The amounts of a period are due ${when}; a due date that is not a business day on the calendar ${p.calendar.text} ${CONVENTIONS[p.convention]}. Due dates never change an amount.`;
}

const BUILTIN_CALENDARS: Readonly<Record<string, string>> = {
  nyse: "the New York Stock Exchange",
  us_federal: "the U.S. federal holidays",
  target: "TARGET, the euro payment system",
  uk: "the bank holidays of England and Wales",
};

function calendarWords(c: CalendarDecl): string {
  const bases = c.bases.map((b) => BUILTIN_CALENDARS[b.text] === undefined ? `the calendar ${b.text}` : `${BUILTIN_CALENDARS[b.text]} (${b.text})`);
  const base = bases.length === 0 ? "Monday to Friday" : `the business days of ${joinAnd(bases)}${bases.length > 1 ? " (a business day in all of them)" : ""}`;
  const dates = c.dates.length === 0 ? "" : `, except ${joinAnd(c.dates.map((d) => dateWords(d.text)))}`;
  return `The calendar ${c.name.text} has as business days ${base}${dates}.`;
}

/** The minor unit of a currency with `decimals` places, singular. */
function minorUnit(code: string, decimals: number): string {
  if (decimals === 0) return `whole ${code}`;
  if (decimals === 2) return "cent";
  return decimals === 3 ? "thousandth" : `${decimals}th decimal place`;
}

/** How a payment is rounded to the minor unit, in words. */
function paymentRounding(mode: RoundingMode, unit: string): string {
  switch (mode) {
    case "half_even": return `to the nearest ${unit}, a half ${unit} going to the even ${unit} (half even)`;
    case "half_up": return `to the nearest ${unit}, a half ${unit} going up, away from zero (half up)`;
    case "down": return `down to the ${unit}, towards zero`;
    case "up": return `up to the ${unit}, away from zero`;
  }
}

export function currencyBlocks(h: DealHeader): Block[] {
  const c = h.currency;
  const blocks: Block[] = [
    heading(2, "Currency, rounding and netting"),
    paragraph(
      `All payments are in ${c.code}. Calculations are exact; only a payment is rounded, ${paymentRounding(c.rounding, minorUnit(c.code, c.decimals))}. ` +
      "Caps then apply to the rounded amount.",
    ),
    paragraph(h.settleNet
      ? "In each period, after every clause has run, the payments between each pair of parties are netted into one transfer."
      : "Payments are not netted: each is made in full."),
  ];
  const others = h.units.filter((u) => u !== c.code);
  if (others.length > 0) {
    const currencies = others.filter((u) => /^[A-Z]{3}$/.test(u));
    const quantities = others.filter((u) => !/^[A-Z]{3}$/.test(u));
    const parts: string[] = [];
    if (quantities.length > 0) parts.push(`Quantities are measured in ${joinAnd(quantities.map((u) => (unitPhrase([u], [], true) === u ? u : `${unitPhrase([u], [], true)} (${u})`)))}.`);
    if (currencies.length > 0) parts.push(`${joinAnd(currencies)} ${currencies.length === 1 ? "is another currency" : "are other currencies"}, converted at the rates the term sheet states.`);
    blocks.push(paragraph(parts.join(" ")));
  }
  return blocks;
}

/** A unit's display text (`USD per gpu_hour`, `number`) as "an amount in USD", "a quantity in GPU-hours". */
export function unitTextWords(unit: string, currency: string): string {
  if (unit === "number" || unit === "") return "a plain number";
  if (unit === "days" || unit === "months" || unit === "years") return `a duration in ${unit}`;
  const [num = "", den = ""] = unit.split(" per ");
  const nums = num.split(" ").filter((x) => x !== "" && x !== "1");
  const dens = den.split(" ").filter((x) => x !== "");
  const words = unitPhrase(nums, dens, true);
  if (nums.length === 1 && (nums[0] === currency || /^[A-Z]{3}$/.test(nums[0]!))) return dens.length === 0 ? `an amount in ${nums[0]}` : `a price in ${words}`;
  return dens.length === 0 ? `a quantity in ${words}` : `a rate in ${words}`;
}

/**
 * The inputs, each with its unit and, when declared, its range
 * (`bounds(slot)`: "between 0 USD and 80,000,000 USD", both ends included).
 */
export function inputBlocks(h: DealHeader, bounds: (slot: number) => string | null = () => null): Block[] {
  if (h.inputs.length === 0) return [];
  return [
    heading(2, "Inputs"),
    paragraph(`For each ${periodWord(h.term.frequency, false)}, the parties report:`),
    list(h.inputs.map((i, slot) => {
      const range = bounds(slot);
      return `${defined(i.name)}: ${unitTextWords(i.unit, h.currency.code)}${range === null ? "" : `, ${range}`}.`;
    })),
  ];
}

/** An input's declared range in words; either end may be open. */
export function rangeWords(low: string | null, high: string | null): string | null {
  if (low !== null && high !== null) return `from ${low} to ${high}, both included`;
  if (low !== null) return `at least ${low}`;
  if (high !== null) return `at most ${high}`;
  return null;
}

const PER: Record<"term" | "contract_year" | "period", string> = { term: "over the term", contract_year: "in each contract year", period: "in each period" };

export function eventBlocks(h: DealHeader): Block[] {
  if (h.events.length === 0) return [];
  return [
    heading(2, "Events"),
    paragraph("An event is a dated notice; it belongs to the period containing its date."),
    list(h.events.map((e) => {
      const args = e.params.map((p) => `${defined(p.name)} (${unitTextWords(p.unit, h.currency.code)})`);
      const limit = e.limit === undefined ? "" : `; at most ${count(e.limit.count, "such event", "such events")} ${PER[e.limit.per]}, and any more is refused as an input error`;
      return `${defined(e.name)}${args.length === 0 ? ", with no details" : `, giving ${joinAnd(args)}`}${limit}.`;
    })),
  ];
}

export { nameWords };
