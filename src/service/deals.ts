/**
 * Writes to a deal: creating it, adopting an amendment (a new version from
 * a period start; ./proposals.ts decides when), and storing one period's
 * inputs and events as they arrive. Each runs in one
 * transaction holding the deal's row lock, so two writers of one deal
 * never interleave.
 */
import { randomUUID } from "node:crypto";
import { SERVICE } from "../diagnostics/codes/service.ts";
import { readPeriodData } from "../runtime/settle.ts";
import { TenorError } from "../runtime/tenor-error.ts";
import type { Terms } from "../runtime/terms.ts";
import type { Database, Queryable } from "./db/database.ts";
import { canonicalEvents, canonicalInputs, rowAndEvents, type StoredData } from "./period-data.ts";
import { Problem, unknownDeal } from "./problem.ts";
import { audit, type Who } from "./audit.ts";
import { governing, periodOf, restated, termsOf } from "./settlement.ts";
import { insertDeal, insertPeriodData, insertPeriodEvents, insertVersion, lockDeal, periodData, periodDataRange, settledCount, versions, type NewVersion, type VersionRow } from "./store.ts";
import { termsFrom, type TermsInput } from "./terms.ts";

export interface DealCreated {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly currency: string;
  readonly periods: number;
  readonly irSha256: string;
}

function summary(id: string, version: number, terms: Terms): DealCreated {
  return { id, version, title: terms.header.title, currency: terms.program.header.currency.code, periods: terms.program.periods.length, irSha256: terms.irSha256! };
}

export async function createDeal(tx: Queryable, input: TermsInput, who: Who): Promise<DealCreated> {
  const { artifact, terms } = termsFrom(input);
  const id = randomUUID();
  await insertDeal(tx, { id, title: terms.header.title, currency: terms.program.header.currency.code });
  const first = terms.program.periods[0];
  await insertVersion(tx, id, { version: 1, effectiveIndex: 1, effectiveStart: first?.start ?? "", irSha256: terms.irSha256!, artifact });
  await audit(tx, who, id, "deal.create", { version: 1, irSha256: terms.irSha256 });
  return summary(id, 1, terms);
}

export async function mustLock(tx: Queryable, id: string): Promise<void> {
  if ((await lockDeal(tx, id)) === null) throw unknownDeal(id);
}

/** An amendment that may be adopted now: its terms and the version row it would be. */
export interface CheckedAmendment {
  readonly terms: Terms;
  readonly version: NewVersion;
}

/**
 * Checks an amendment in force from the period starting `effective`: a
 * period not settled yet, after the latest version's own start, on a term
 * whose periods before it are the deal's. Data already stored from that
 * period on must read under the amended terms. Run when it is proposed and
 * again when the last approval would adopt it (settling may have moved on).
 * The caller holds the deal's lock.
 */
export async function checkAmendment(tx: Queryable, id: string, artifact: string, terms: Terms, effective: string): Promise<CheckedAmendment> {
  const all = await versions(tx, id);
  const index = terms.program.periods.findIndex((p) => p.start === effective) + 1;
  if (index === 0) throw new Problem(422, SERVICE.unknownPeriod, `${effective} is not the start of a period of the amended terms`, { field: "effective", period: effective });
  // First the periods before it: an index means the same period in both terms only when they agree up to it.
  keepsPeriodsBefore(all, terms, index, effective);
  const latest = all[all.length - 1]!;
  if (index <= latest.effectiveIndex) {
    throw new Problem(409, SERVICE.amendmentTooLate, `an amendment must take effect after version ${latest.version}, in force from period ${latest.effectiveIndex} (${latest.effectiveStart})`, { field: "effective", period: effective });
  }
  const settled = await settledCount(tx, id);
  if (index <= settled) {
    throw new Problem(409, SERVICE.amendmentTooLate, `period ${index} (${effective}) is settled already: an amendment takes effect from a period not settled yet (${settled} are settled)`, { field: "effective", period: effective, periodIndex: index });
  }
  for (const d of await periodDataRange(tx, id, index, 2_147_483_647)) {
    const period = terms.program.periods[d.index - 1];
    // A shorter term must not leave stored data outside it.
    if (period === undefined || period.start !== d.start) {
      throw new Problem(422, SERVICE.unknownPeriod, `the amended term has no period starting ${d.start}, but period ${d.index} has data stored already`, { field: "effective", period: d.start, periodIndex: d.index });
    }
    checkData(terms, d.index, d);
  }
  // At the switch the amended terms count periods 1 to index − 1 over their stored data: refuse now what would stop every settle then.
  await restated(terms, index, null, (from, to) => periodDataRange(tx, id, from, to));
  return { terms, version: { version: latest.version + 1, effectiveIndex: index, effectiveStart: effective, irSha256: terms.irSha256!, artifact } };
}

/** Stores a checked amendment as the deal's next version, adopted from `proposal`. */
export async function adoptAmendment(tx: Queryable, id: string, checked: CheckedAmendment, proposal: number, who: Who): Promise<DealCreated> {
  const v: NewVersion = { ...checked.version, proposal };
  await insertVersion(tx, id, v);
  await audit(tx, who, id, "amendment", { version: v.version, proposal, effective: v.effectiveStart, irSha256: v.irSha256 });
  return summary(id, v.version, checked.terms);
}

/** A Problem (422) unless the amended terms' periods before `index` are the deal's. */
function keepsPeriodsBefore(all: readonly VersionRow[], terms: Terms, index: number, effective: string): void {
  for (let i = 1; i < index; i++) {
    const was = periodOf(all, i);
    const now = terms.program.periods[i - 1];
    if (was === undefined || now === undefined || was.start !== now.start || was.end !== now.end) {
      throw new Problem(422, SERVICE.unknownPeriod, `the amended term must keep the periods before ${effective}; its period ${i} is ${now === undefined ? "missing" : `${now.start} to ${now.end}`}, the deal's ${was === undefined ? "missing" : `${was.start} to ${was.end}`}`, { field: "effective" });
    }
  }
}

/** Reads stored or arriving data as settling will; a Problem naming the period and field when it does not. */
function checkData(terms: Terms, index: number, data: StoredData): void {
  const period = terms.program.periods[index - 1]!;
  const start = data.start;
  const { row, events } = rowAndEvents(data);
  try {
    readPeriodData(terms, period, row, events);
  } catch (e) {
    if (e instanceof TenorError) throw inPeriod(Problem.fromTenorError(e), start, index);
    throw e;
  }
}

/** The runtime names the period of an input's defect but not of an event's (`event 1: unknown event …`); the request says which it is. */
function inPeriod(p: Problem, start: string, index: number): Problem {
  if (p.extra.period !== undefined) return p;
  return new Problem(p.status, p.code, `period ${start}: ${p.message}`, { ...p.extra, period: start, periodIndex: index });
}

export interface DataStored {
  readonly index: number;
  readonly start: string;
  /** False when the very same data was stored before (a retry): nothing changed. */
  readonly created: boolean;
}

/** The period of the deal's term starting `start`, with the deal locked; a Problem when there is none. */
async function periodAt(tx: Queryable, id: string, start: string): Promise<{ all: VersionRow[]; index: number }> {
  await mustLock(tx, id);
  const all = await versions(tx, id);
  const latestTerms = termsOf(all[all.length - 1]!);
  const index = latestTerms.program.periods.findIndex((p) => p.start === start) + 1;
  if (index === 0) {
    throw new Problem(404, SERVICE.unknownPeriod, `${start} is not the start of a period of the deal's term (${latestTerms.program.periods[0]?.start ?? "none"} to ${latestTerms.program.periods.at(-1)?.end ?? "none"})`, { period: start });
  }
  return { all, index };
}

/** Checks data of period `index` as every version that will read it does: the one in force, and each later one when it takes over (settlement.ts `restated`). */
function checkUnderEveryVersion(all: readonly VersionRow[], index: number, data: StoredData): void {
  const inForce = governing(all, index);
  for (const v of all) if (v === inForce || v.effectiveIndex > index) checkData(termsOf(v), index, data);
}

/**
 * Stores the operator's inputs of the period starting `start`: in order
 * (its previous period has inputs), checked as settling will read them, and
 * never over different inputs already stored.
 */
export async function putPeriodInputs(db: Database, id: string, start: string, inputs: Readonly<Record<string, unknown>>, who: Who): Promise<DataStored> {
  return db.transaction(async (tx) => {
    const { all, index } = await periodAt(tx, id, start);
    const data = canonicalInputs(inputs);
    const existing = await periodData(tx, id, index);
    if (existing !== null) {
      if (existing.dataSha256 === data.sha256) return { index, start, created: false };
      throw new Problem(409, SERVICE.periodDataConflict, `period ${index} (${start}) has inputs stored already, and they differ: stored data is never overwritten (a correction comes as an amendment)`, { period: start, periodIndex: index, field: "inputs" });
    }
    if (index > 1 && (await periodData(tx, id, index - 1)) === null) {
      throw new Problem(409, SERVICE.periodOutOfOrder, `period ${index - 1} has no inputs yet: period data arrives in order, so ${start} (period ${index}) must wait`, { period: start, periodIndex: index });
    }
    // Checked without events (they are the counterparty's, posted apart), and again with them when they come.
    checkUnderEveryVersion(all, index, { start, data: data.text, events: null });
    await insertPeriodData(tx, id, { index, start, data: data.text, dataSha256: data.sha256 });
    await audit(tx, who, id, "period.inputs", { period: index, start, dataSha256: data.sha256 });
    return { index, start, created: true };
  });
}

/**
 * Stores the counterparty's events of the period starting `start` (an empty
 * list: there were none, and the period may settle): after the period's
 * inputs, before it is settled, checked with them as settling will read
 * them, and never over different events already stored.
 */
export async function putPeriodEvents(db: Database, id: string, start: string, events: readonly Record<string, unknown>[], who: Who): Promise<DataStored> {
  return db.transaction(async (tx) => {
    const { all, index } = await periodAt(tx, id, start);
    const posted = canonicalEvents(events);
    const existing = await periodData(tx, id, index);
    if (existing === null) {
      throw new Problem(409, SERVICE.periodOutOfOrder, `period ${index} (${start}) has no inputs yet: its events are posted once the operator's inputs are stored`, { period: start, periodIndex: index });
    }
    if (existing.eventsSha256 !== null) {
      if (existing.eventsSha256 === posted.sha256) return { index, start, created: false };
      throw new Problem(409, SERVICE.periodDataConflict, `period ${index} (${start}) has events stored already, and they differ: stored data is never overwritten (a correction comes as an amendment)`, { period: start, periodIndex: index, field: "events" });
    }
    if (index <= (await settledCount(tx, id))) {
      throw new Problem(409, SERVICE.periodDataConflict, `period ${index} (${start}) is settled already: its events can no longer be posted`, { period: start, periodIndex: index, field: "events" });
    }
    checkUnderEveryVersion(all, index, { start, data: existing.data, events: posted.text });
    await insertPeriodEvents(tx, id, { index, start, events: posted.text, eventsSha256: posted.sha256 });
    await audit(tx, who, id, "period.events", { period: index, start, eventsSha256: posted.sha256 });
    return { index, start, created: true };
  });
}
