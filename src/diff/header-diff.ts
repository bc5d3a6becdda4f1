/**
 * The header's changes (docs/language.md §5–§6): title, parties, term,
 * payment rule, currency and rounding, netting, units, inputs, events.
 * Values are written as `tenor explain` writes them.
 */
import type { DealHeader } from "../check/checked-program.ts";
import { unitTextWords } from "../explain/header.ts";
import { count, dateWords, defined } from "../explain/words.ts";
import { change, type TermsChange } from "./change.ts";
import { shapeOf } from "./shape.ts";

const ROUNDING_WORDS = { half_even: "half even", half_up: "half up", down: "down", up: "up" } as const;

function termWords(t: DealHeader["term"]): string {
  const extra = [t.generation === "backward" ? "counted backward" : "", t.endOfMonth === true ? "end of month" : ""].filter((x) => x !== "");
  return `${dateWords(t.start)} to ${dateWords(t.end)}, ${t.frequency}${extra.length === 0 ? "" : ` (${extra.join(", ")})`}`;
}

const PER = { term: "over the term", contract_year: "in each contract year", period: "in each period" } as const;

function limitWords(limit: DealHeader["events"][number]["limit"]): string {
  return limit === undefined ? "no limit" : `at most ${count(limit.count, "such event", "such events")} ${PER[limit.per]}`;
}

export function headerChanges(a: DealHeader, b: DealHeader): TermsChange[] {
  const out: TermsChange[] = [];
  if (a.title !== b.title) out.push(change("deal", "deal", "changed", `title from “${a.title}” to “${b.title}”`));

  const oldParties = new Map(a.parties.map((p) => [p.name, p.legalName]));
  const newParties = new Map(b.parties.map((p) => [p.name, p.legalName]));
  for (const p of a.parties) {
    const now = newParties.get(p.name);
    if (now === undefined) out.push(change("parties", p.name, "removed", `party removed: ${p.legalName}`));
    else if (now !== p.legalName) out.push(change("parties", p.name, "changed", `party from ${p.legalName} to ${now}`));
  }
  for (const p of b.parties) if (!oldParties.has(p.name)) out.push(change("parties", p.name, "added", `party added: ${p.legalName}`));

  if (shapeOf(a.term) !== shapeOf(b.term)) out.push(change("term", "term", "changed", `from ${termWords(a.term)} to ${termWords(b.term)}`));
  if (shapeOf([a.payment, a.calendars]) !== shapeOf([b.payment, b.calendars])) {
    out.push(change("term", "paid", "changed", "the rule for when the amounts of a period are due has changed (see tenor explain, “Term and periods”)"));
  }

  if (a.currency.code !== b.currency.code) out.push(change("currency", "currency", "changed", `from ${a.currency.code} to ${b.currency.code}`));
  if (a.currency.rounding !== b.currency.rounding) {
    out.push(change("currency", "rounding", "changed", `from ${ROUNDING_WORDS[a.currency.rounding]} to ${ROUNDING_WORDS[b.currency.rounding]}`));
  }
  if (a.settleNet !== b.settleNet) {
    out.push(change("currency", "settle", "changed", b.settleNet ? "payments between each pair of parties are now netted each period" : "payments are no longer netted: each is made in full"));
  }
  for (const u of a.units) if (!b.units.includes(u)) out.push(change("currency", "units", "removed", `unit ${u} removed`));
  for (const u of b.units) if (!a.units.includes(u)) out.push(change("currency", "units", "added", `unit ${u} added`));

  const oldInputs = new Map(a.inputs.map((i) => [i.name, i.unit]));
  const newInputs = new Map(b.inputs.map((i) => [i.name, i.unit]));
  for (const i of a.inputs) {
    const now = newInputs.get(i.name);
    if (now === undefined) out.push(change("inputs", i.name, "removed", `input ${defined(i.name)} removed`));
    else if (now !== i.unit) out.push(change("inputs", i.name, "changed", `input from ${unitTextWords(i.unit, a.currency.code)} to ${unitTextWords(now, b.currency.code)}`));
  }
  for (const i of b.inputs) if (!oldInputs.has(i.name)) out.push(change("inputs", i.name, "added", `input ${defined(i.name)} added: ${unitTextWords(i.unit, b.currency.code)}`));

  const eventWords = (e: DealHeader["events"][number], currency: string) =>
    e.params.length === 0 ? "with no details" : `giving ${e.params.map((p) => `${defined(p.name)} (${unitTextWords(p.unit, currency)})`).join(", ")}`;
  const newEvents = new Map(b.events.map((e) => [e.name, e]));
  const oldEvents = new Set(a.events.map((e) => e.name));
  for (const e of a.events) {
    const now = newEvents.get(e.name);
    if (now === undefined) out.push(change("events", e.name, "removed", `event ${defined(e.name)} removed`));
    else if (shapeOf(now.params) !== shapeOf(e.params)) {
      out.push(change("events", e.name, "changed", `event from ${eventWords(e, a.currency.code)} to ${eventWords(now, b.currency.code)}`));
    }
    if (now !== undefined && shapeOf(now.limit ?? null) !== shapeOf(e.limit ?? null)) {
      out.push(change("events", e.name, "changed", `count limit from ${limitWords(e.limit)} to ${limitWords(now.limit)}`));
    }
  }
  for (const e of b.events) if (!oldEvents.has(e.name)) out.push(change("events", e.name, "added", `event ${defined(e.name)} added, ${eventWords(e, b.currency.code)}`));
  return out;
}
