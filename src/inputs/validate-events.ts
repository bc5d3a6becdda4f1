/**
 * Events against the deal (docs/language.md §11 "Input errors"): a declared event, a date inside the
 * term, and every declared argument as a decimal. Every defect is reported.
 * Valid events come back sorted by date; equal dates keep input order.
 */
import type { Decimal } from "../eval/decimal.ts";
import { parseDate } from "../eval/dates.ts";
import type { Period } from "../eval/periods.ts";
import { periodOfDate } from "../eval/periods.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { INPUT } from "../diagnostics/codes/input.ts";
import type { DealHeader } from "../check/checked-program.ts";
import type { EventOccurrence } from "./deal-data.ts";
import type { RawEvent } from "./raw-data.ts";
import { showRaw } from "./raw-data.ts";
import { readValue } from "./read-value.ts";
import { suggestionText } from "./suggest.ts";
import { inputError, inputWarning } from "./input-error.ts";

type EventDecl = DealHeader["events"][number];

/**
 * Validates events; pushes diagnostics and returns the valid ones in date
 * order. `lastGiven` is the start of the last period with data: an event
 * after that period is valid but not settled yet, which earns a warning.
 */
export function validateEvents(
  events: readonly RawEvent[],
  declared: readonly EventDecl[],
  periods: readonly Period[],
  lastGiven: string | null,
  out: Diagnostic[],
): EventOccurrence[] {
  const byName = new Map(declared.map((e) => [e.name, e]));
  const valid: EventOccurrence[] = [];
  for (const raw of events) {
    const date = eventDate(raw, periods, out);
    const decl = eventDecl(raw, byName, declared, out);
    const name = eventName(raw, decl?.name, date);
    if (!decl) continue;
    const args = eventArgs(raw, decl, name, out);
    if (date === null || args === null) continue;
    valid.push({ date, event: decl.name, args });
    const period = periodOfDate(periods, date);
    if (period !== null && (lastGiven === null || period.start > lastGiven)) {
      out.push(inputWarning(INPUT.eventAfterLastPeriod,
        `${name}: falls in period ${period.start}, after the last period with data` +
        `${lastGiven === null ? " (none given)" : ` (${lastGiven})`}, so it is not settled in this run`));
    }
  }
  // Array.prototype.sort is stable, so equal dates keep input order (docs/language.md §7 "on EVENT").
  return valid.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** `event 2 (lease_default on 2028-03-15)`, `event row 2 (line 3, lease_default on 2028-03-15)`. */
function eventName(raw: RawEvent, event: string | undefined, date: string | null): string {
  const what = event !== undefined && date !== null ? `${event} on ${date}` : event ?? (date !== null ? `on ${date}` : "");
  const details = [raw.where, what].filter((s) => s !== "").join(", ");
  return details === "" ? raw.label : `${raw.label} (${details})`;
}

/** The event's label with where it is written: `event 2`, `event row 2 (line 3)`. */
function eventLabel(raw: RawEvent): string {
  return raw.where === "" ? raw.label : `${raw.label} (${raw.where})`;
}

function eventDate(raw: RawEvent, periods: readonly Period[], out: Diagnostic[]): string | null {
  const v = raw.date;
  if (v === undefined) {
    out.push(inputError(INPUT.missingEventField, `${eventLabel(raw)}: missing "date"`));
    return null;
  }
  if (v.kind !== "text" || parseDate(v.text) === null) {
    out.push(inputError(INPUT.invalidDate, `${eventLabel(raw)}: date ${showRaw(v)} is not a date (expected YYYY-MM-DD)`));
    return null;
  }
  if (periodOfDate(periods, v.text) === null) {
    const first = periods[0];
    const last = periods[periods.length - 1];
    const term = first && last ? `${first.start} to ${last.end}` : "which has no periods";
    out.push(inputError(INPUT.eventOutsideTerm, `${eventLabel(raw)}: date ${v.text} is outside the term (${term})`));
    return null;
  }
  return v.text;
}

function eventDecl(raw: RawEvent, byName: ReadonlyMap<string, EventDecl>, declared: readonly EventDecl[], out: Diagnostic[]): EventDecl | null {
  const v = raw.event;
  if (v === undefined) {
    out.push(inputError(INPUT.missingEventField, `${eventLabel(raw)}: missing "event" (the event's name)`));
    return null;
  }
  if (v.kind !== "text") {
    out.push(inputError(INPUT.wrongShape, `${eventLabel(raw)}: "event" must be an event name, got ${showRaw(v)}`));
    return null;
  }
  const decl = byName.get(v.text);
  if (decl === undefined) {
    const names = declared.map((e) => e.name);
    out.push(inputError(INPUT.unknownEvent, `${eventLabel(raw)}: unknown event "${v.text}"${suggestionText(v.text, names, "events")}`));
    return null;
  }
  return decl;
}

/** The arguments in declaration order, or null after reporting what is wrong with them. */
function eventArgs(raw: RawEvent, decl: EventDecl, name: string, out: Diagnostic[]): Map<string, Decimal> | null {
  const params = decl.params.map((p) => p.name);
  const known = new Set(params);
  const found = new Map<string, Decimal>();
  const seen = new Set<string>();
  let ok = true;
  for (const f of raw.args) {
    if (!known.has(f.name)) {
      out.push(inputError(INPUT.unknownEventArgument,
        `${name}: unknown argument "${f.name}" for event ${decl.name}${suggestionText(f.name, params, "arguments")}`));
      ok = false;
      continue;
    }
    if (seen.has(f.name)) {
      out.push(inputError(INPUT.duplicateField, `${name}: argument "${f.name}" is given more than once`));
      ok = false;
      continue;
    }
    seen.add(f.name);
    const r = readValue(f.value);
    if (r.ok) found.set(f.name, r.value);
    else {
      out.push(inputError(r.code, `${name}: argument "${f.name}" ${r.problem}`));
      ok = false;
    }
  }
  const args = new Map<string, Decimal>();
  for (const p of params) {
    const v = found.get(p);
    if (v !== undefined) args.set(p, v);
    else if (!seen.has(p)) {
      out.push(inputError(INPUT.missingEventArgument, `${name}: missing argument "${p}"`));
      ok = false;
    }
  }
  return ok ? args : null;
}
