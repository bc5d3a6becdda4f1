/**
 * Snapshots of incremental settlement: everything the engine carries from
 * one period to the next (engine.ts `EngineState`), as versioned JSON a
 * service can store between periods. Reading one back and settling the
 * next period gives exactly what a full run gives for that period.
 *
 * Version 1 holds: the terms' IR hash (a snapshot belongs to one set of
 * terms), how many periods are settled, per clause and cap the window and
 * what was paid in it, per streak condition its count and last period, and
 * the running totals in order of first appearance (amounts exact).
 * Version 2 adds, per clause and balance, its current value (exact; null
 * before the first period): a version-1 reader would drop balances and
 * restart them from their initial values, so the version was bumped.
 * Version 3: a balance is exact, so one that does not terminate (a share of
 * a day count) is written as the fraction `n/d`, which a version-2 reader
 * refuses.
 * Version 4 adds, per event, the window of its `at most N per …` bound and
 * how many events it has counted (docs/language.md §5 "Declared ranges"): a
 * version-3 reader would restart the counts. It is written only for terms
 * with such a bound; the snapshots of other terms stay version 3, as they were.
 * Changing what is kept, or its meaning, bumps SNAPSHOT_VERSION.
 */
import { COMPILE } from "../diagnostics/codes/compile.ts";
import { Decimal } from "../eval/decimal.ts";
import type { CapUse } from "./caps.ts";
import type { EngineState } from "./engine.ts";
import { hasEventLimits, newEventCounts } from "./data-bounds.ts";
import type { EventCount } from "./data-bounds.ts";
import { Totals } from "./netting.ts";
import type { PreparedProgram } from "./prepare.ts";
import { TenorError } from "./tenor-error.ts";

export const SNAPSHOT_FORMAT = "tenor-snapshot";
export const SNAPSHOT_VERSION = 4;
/** What terms without event count bounds write and read: no `events`. */
const SNAPSHOT_VERSION_WITHOUT_EVENTS = 3;

export interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: number;
  /** The IR hash of the terms the snapshot belongs to (null for terms built in process). */
  readonly irSha256: string | null;
  /** How many periods are settled: the next one is period `periods + 1`. */
  readonly periods: number;
  /** Per clause, per cap: the window it counts in (contract year, period index, 0 for the term) and what was paid in it; null before any payment. */
  readonly caps: readonly (readonly ({ readonly window: number; readonly paid: string } | null)[])[];
  /** Per `for N consecutive periods` condition, in clause order: periods in a row it held (at most N) and the last period observed. */
  readonly streaks: readonly { readonly count: number; readonly last: number }[];
  /** Per clause, per balance: its current value, an exact decimal string (null before the first period settled). */
  readonly balances: readonly (readonly (string | null)[])[];
  /** What each payer paid each payee so far, in order of first appearance; exact decimals. */
  readonly totals: readonly { readonly payer: string; readonly payee: string; readonly amount: string }[];
  /** Version 4, terms with event count bounds only: per event, the window counted in (as a cap's) and the count; null before any. */
  readonly events?: readonly ({ readonly window: number; readonly count: number } | null)[];
}

/** The snapshot of an engine state. */
export function toSnapshot(state: EngineState, irSha256: string | null, program: PreparedProgram): Snapshot {
  const counted = hasEventLimits(program);
  return {
    format: SNAPSHOT_FORMAT,
    version: counted ? SNAPSHOT_VERSION : SNAPSHOT_VERSION_WITHOUT_EVENTS,
    irSha256,
    periods: state.lastIndex,
    caps: state.caps.map((uses) => uses.map((u) => (u === null ? null : { window: u.key, paid: u.paid.toExactString() }))),
    streaks: state.streaks.map((s) => ({ count: s.count, last: s.last })),
    balances: state.balances.map((values) => values.map((v) => (v === undefined ? null : v.toExactString()))),
    totals: state.totals.list().map((t) => ({ payer: t.payer, payee: t.payee, amount: t.amount.toString() })),
    ...(counted ? { events: state.events.map((c) => (c === null ? null : { window: c.key, count: c.count })) } : {}),
  };
}

function bad(why: string): TenorError {
  return new TenorError(COMPILE.invalidSnapshot, `invalid snapshot: ${why}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

function decimal(v: unknown, what: string): Decimal {
  const d = typeof v === "string" ? Decimal.parseExact(v) : null;
  if (d === null) throw bad(`${what} is not a decimal string`);
  return d;
}

/** A fresh engine state from a snapshot (JSON text or object) of these terms; throws TenorError when it does not fit. */
export function fromSnapshot(program: PreparedProgram, irSha256: string | null, snapshot: unknown): EngineState {
  let doc = snapshot;
  if (typeof snapshot === "string") {
    try {
      doc = JSON.parse(snapshot);
    } catch {
      throw bad("not JSON");
    }
  }
  if (!isRecord(doc) || doc["format"] !== SNAPSHOT_FORMAT) throw bad(`"format" must be "${SNAPSHOT_FORMAT}"`);
  const counted = hasEventLimits(program);
  const version = counted ? SNAPSHOT_VERSION : SNAPSHOT_VERSION_WITHOUT_EVENTS;
  if (doc["version"] !== version) {
    throw bad(`version ${JSON.stringify(doc["version"])} is not supported (this runtime reads ${version}${counted ? " for these terms, which bound event counts" : ""})`);
  }
  if (doc["irSha256"] !== irSha256) throw bad(`it belongs to other terms (irSha256 ${JSON.stringify(doc["irSha256"])}, these terms ${JSON.stringify(irSha256)})`);
  const periods = doc["periods"];
  if (!isCount(periods) || periods > program.periods.length) throw bad(`"periods" must be a count of settled periods of the term (0 to ${program.periods.length})`);
  const caps = doc["caps"];
  if (!Array.isArray(caps) || caps.length !== program.clauses.length) throw bad(`"caps" must list the caps of each of the ${program.clauses.length} clauses`);
  const capUses: (CapUse | null)[][] = program.clauses.map((c, i) => {
    const uses: unknown = caps[i];
    if (!Array.isArray(uses) || uses.length !== c.capWindows.length) throw bad(`"caps" of clause ${c.name} must have ${c.capWindows.length} entries`);
    return uses.map((u: unknown, j) => {
      if (u === null) return null;
      if (!isRecord(u) || !isCount(u["window"])) throw bad(`cap ${j + 1} of clause ${c.name} is malformed`);
      return { key: u["window"], paid: decimal(u["paid"], `cap ${j + 1} of clause ${c.name}`) };
    });
  });
  const streaks = doc["streaks"];
  if (!Array.isArray(streaks) || streaks.length !== program.streakCount) throw bad(`"streaks" must have ${program.streakCount} entries`);
  const streakState = streaks.map((s: unknown, i) => {
    if (!isRecord(s) || !isCount(s["count"]) || !isCount(s["last"])) throw bad(`streak ${i + 1} is malformed`);
    return { count: s["count"], last: s["last"] };
  });
  const balances = doc["balances"];
  if (!Array.isArray(balances) || balances.length !== program.clauses.length) throw bad(`"balances" must list the balances of each of the ${program.clauses.length} clauses`);
  const balanceState: (Decimal | undefined)[][] = program.clauses.map((c, i) => {
    const values: unknown = balances[i];
    const count = c.balanceInitials.length;
    if (!Array.isArray(values) || values.length !== count) throw bad(`"balances" of clause ${c.name} must have ${count} entries`);
    return values.map((v: unknown, j) => {
      // Before the first period every balance is still to start; after it none is.
      if (v === null && periods === 0) return undefined;
      return decimal(v, `balance ${j + 1} of clause ${c.name}`);
    });
  });
  const totals = doc["totals"];
  if (!Array.isArray(totals)) throw bad(`"totals" must be a list`);
  const sums = totals.map((t: unknown, i) => {
    if (!isRecord(t) || typeof t["payer"] !== "string" || typeof t["payee"] !== "string") throw bad(`total ${i + 1} is malformed`);
    return { payer: t["payer"], payee: t["payee"], amount: decimal(t["amount"], `total ${i + 1}`) };
  });
  const events = counted ? eventCounts(doc["events"], program) : newEventCounts(program);
  return { lastIndex: periods, caps: capUses, streaks: streakState, balances: balanceState, totals: Totals.of(sums), events };
}

function eventCounts(given: unknown, program: PreparedProgram): (EventCount | null)[] {
  const decls = program.header.events;
  if (!Array.isArray(given) || given.length !== decls.length) throw bad(`"events" must have ${decls.length} entries, one per event`);
  return given.map((c: unknown, i) => {
    if (c === null) return null;
    if (!isRecord(c) || !isCount(c["window"]) || !isCount(c["count"])) throw bad(`the count of event ${decls[i]!.name} is malformed`);
    return { key: c["window"], count: c["count"] };
  });
}
