/**
 * Schedules and tiers tables as tables (docs/language.md §5 "schedule",
 * "tiers"): one row per entry, keys in words, values as exact phrases.
 */
import type { ScheduleDecl, ScheduleKey, TiersDecl } from "../syntax/ast.ts";
import { table, type Block } from "./document.ts";
import { periodWord, say, type PhraseContext } from "./expressions.ts";
import { dateWords, groupDigitsOf } from "./words.ts";

/** A schedule key as a row label: `Contract year 1`, `Periods 1 to 3`, `From 1 October 2029`. */
export function keyLabel(s: ScheduleDecl, key: ScheduleKey): string {
  if (key.kind === "DateKey") {
    if (key.onward) return `Starting on or after ${dateWords(key.from.text)}`;
    if (key.to === null) return `Starting on ${dateWords(key.from.text)}`;
    return `Starting ${dateWords(key.from.text)} to ${dateWords(key.to.text)}`;
  }
  const word = s.basis === "contract_year" ? "Contract year" : "Period";
  const from = groupDigitsOf(key.from.digits);
  if (key.onward) return `${word} ${from} and later`;
  if (key.to === null) return `${word} ${from}`;
  return `${word}s ${from} to ${groupDigitsOf(key.to.digits)}`;
}

/** A schedule key inside a sentence: `in contract year 1`, `in periods starting on or after 1 October 2029`. */
export function entryKeyWords(s: ScheduleDecl, key: ScheduleKey, ctx?: PhraseContext): string {
  if (key.kind === "DateKey") {
    const periods = ctx === undefined ? "periods" : periodWord(ctx.frequency, true);
    if (key.onward) return `in ${periods} starting on or after ${dateWords(key.from.text)}`;
    if (key.to === null) return `in the period starting on ${dateWords(key.from.text)}`;
    return `in ${periods} starting from ${dateWords(key.from.text)} to ${dateWords(key.to.text)}`;
  }
  const label = keyLabel(s, key);
  return `in ${label[0]!.toLowerCase()}${label.slice(1)}`;
}

const BASIS_WORDS = { contract_year: "by contract year", period: "by period", date: "by the start date of the period" } as const;

/** The sentence above a schedule's table. */
export function scheduleLead(s: ScheduleDecl): string {
  const taper = s.tapering ? " The values never increase from one entry to the next (the checker proves it)." : "";
  return `The ${s.name.text.replace(/_/g, " ")} is read ${BASIS_WORDS[s.basis]}: each period takes the value of the one entry that matches it.${taper}`;
}

export function scheduleTable(s: ScheduleDecl, ctx: PhraseContext): Block {
  const key = s.basis === "contract_year" ? "Contract year" : s.basis === "period" ? "Period" : "Period start";
  return table([key, "Value"], s.entries.map((e) => [keyLabel(s, e.key), say(e.value, ctx)]));
}

export function tiersTable(t: TiersDecl, ctx: PhraseContext): Block {
  return table(["From (included)", "Up to (excluded)", "Value"], t.entries.map((e) => [
    say(e.low, ctx),
    e.high === null ? "no upper limit" : say(e.high, ctx),
    say(e.value, ctx),
  ]));
}
