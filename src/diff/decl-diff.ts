/**
 * Values, schedules, tiers tables and input ranges compared by name
 * (docs/language.md §5). A changed value also names the clauses that read
 * it, since the clause's own text is unchanged but what it pays is not.
 */
import type { CheckedProgram } from "../check/checked-program.ts";
import type { ClauseDecl, ConstDecl, Expr, ScheduleDecl } from "../syntax/ast.ts";
import { say } from "../explain/expressions.ts";
import { rangeWords } from "../explain/header.ts";
import { keyLabel } from "../explain/tables.ts";
import { defined, joinAnd } from "../explain/words.ts";
import { change, type TermsChange } from "./change.ts";
import type { Contexts } from "./clause-diff.ts";
import { namesReferred, onlyDifference, sameShape, shapeOf } from "./shape.ts";

/** The clauses of `checked` that read `name`, directly or through other values. */
function usersOf(name: string, checked: CheckedProgram): string[] {
  const valueRefs = new Map<string, Set<string>>();
  for (const c of checked.consts) valueRefs.set(c.name.text, namesReferred(c.value));
  for (const s of checked.schedules) valueRefs.set(s.name.text, namesReferred(s.entries));
  const reaches = (refs: Set<string>, seen = new Set<string>()): boolean => {
    for (const r of refs) {
      if (r === name) return true;
      if (seen.has(r)) continue;
      seen.add(r);
      const next = valueRefs.get(r);
      if (next !== undefined && reaches(next, seen)) return true;
    }
    return false;
  };
  return checked.clauses.filter((c: ClauseDecl) => reaches(namesReferred(c.body))).map((c) => c.name.text);
}

function usedBy(name: string, checked: CheckedProgram): string {
  const users = usersOf(name, checked);
  return users.length === 0 ? "" : ` (used by ${joinAnd(users)})`;
}

function valueLine(a: Expr, b: Expr, ctx: Contexts): string {
  const d = onlyDifference(a, b);
  const kindOf = (x: unknown) => (x as { kind?: unknown } | null)?.kind;
  if (d !== null && kindOf(d.old) === "NumberLit" && kindOf(d.new) === "NumberLit" && !(kindOf(a) === "NumberLit")) {
    return `${say(d.old as Expr, ctx.old)} becomes ${say(d.new as Expr, ctx.new)}, so from ${say(a, ctx.old)} to ${say(b, ctx.new)}`;
  }
  return `from ${say(a, ctx.old)} to ${say(b, ctx.new)}`;
}

export function constChanges(a: CheckedProgram, b: CheckedProgram, ctx: Contexts): TermsChange[] {
  const out: TermsChange[] = [];
  const newByName = new Map(b.consts.map((c) => [c.name.text, c]));
  const oldNames = new Set(a.consts.map((c) => c.name.text));
  for (const c of a.consts) {
    const now: ConstDecl | undefined = newByName.get(c.name.text);
    if (now === undefined) out.push(change("values", c.name.text, "removed", `value ${defined(c.name.text)} removed (it was ${say(c.value, ctx.old)})`));
    else if (!sameShape(c.value, now.value)) out.push(change("values", c.name.text, "changed", `${valueLine(c.value, now.value, ctx)}${usedBy(c.name.text, b)}`));
  }
  for (const c of b.consts) if (!oldNames.has(c.name.text)) out.push(change("values", c.name.text, "added", `value ${defined(c.name.text)} added: ${say(c.value, ctx.new)}${usedBy(c.name.text, b)}`));
  return out;
}

export function scheduleChanges(a: CheckedProgram, b: CheckedProgram, ctx: Contexts): TermsChange[] {
  const out: TermsChange[] = [];
  const newByName = new Map(b.schedules.map((s) => [s.name.text, s]));
  const oldNames = new Set(a.schedules.map((s) => s.name.text));
  for (const s of a.schedules) {
    const now = newByName.get(s.name.text);
    const name = s.name.text;
    if (now === undefined) {
      out.push(change("schedules", name, "removed", "schedule removed"));
      continue;
    }
    if (sameShape(s, now)) continue;
    const users = usedBy(name, b);
    if (s.basis !== now.basis) {
      out.push(change("schedules", name, "changed", `now read by ${now.basis.replace(/_/g, " ")} instead of by ${s.basis.replace(/_/g, " ")}${users}`));
      continue;
    }
    if (s.tapering !== now.tapering) out.push(change("schedules", name, "changed", now.tapering ? "now tapering: no entry may be higher than the one before" : "no longer tapering"));
    out.push(...entryChanges(s, now, ctx, users));
  }
  for (const s of b.schedules) if (!oldNames.has(s.name.text)) out.push(change("schedules", s.name.text, "added", `schedule added${usedBy(s.name.text, b)}`));
  return out;
}

/** Entries matched by their key: `contract year 2 from 12.5% to 12%`. */
function entryChanges(a: ScheduleDecl, b: ScheduleDecl, ctx: Contexts, users: string): TermsChange[] {
  const out: TermsChange[] = [];
  const name = a.name.text;
  const newByKey = new Map(b.entries.map((e) => [shapeOf(e.key), e]));
  const oldKeys = new Set(a.entries.map((e) => shapeOf(e.key)));
  const lower = (label: string) => label[0]!.toLowerCase() + label.slice(1);
  for (const e of a.entries) {
    const now = newByKey.get(shapeOf(e.key));
    if (now === undefined) out.push(change("schedules", name, "removed", `${lower(keyLabel(a, e.key))} (${say(e.value, ctx.old)}) removed${users}`));
    else if (!sameShape(e.value, now.value)) out.push(change("schedules", name, "changed", `${lower(keyLabel(b, now.key))} from ${say(e.value, ctx.old)} to ${say(now.value, ctx.new)}${users}`));
  }
  for (const e of b.entries) if (!oldKeys.has(shapeOf(e.key))) out.push(change("schedules", name, "added", `${lower(keyLabel(b, e.key))} added: ${say(e.value, ctx.new)}${users}`));
  return out;
}

export function tiersChanges(a: CheckedProgram, b: CheckedProgram, ctx: Contexts): TermsChange[] {
  const out: TermsChange[] = [];
  const newByName = new Map(b.tiers.map((t) => [t.decl.name.text, t.decl]));
  const oldNames = new Set(a.tiers.map((t) => t.decl.name.text));
  const rowWords = (e: { low: Expr; high: Expr | null; value: Expr }, c: Contexts["old"]) =>
    `${say(e.value, c)} from ${say(e.low, c)}${e.high === null ? " up" : ` up to ${say(e.high, c)}`}`;
  for (const { decl: t } of a.tiers) {
    const name = t.name.text;
    const now = newByName.get(name);
    if (now === undefined) {
      out.push(change("tiers", name, "removed", "tiers table removed"));
      continue;
    }
    const n = Math.max(t.entries.length, now.entries.length);
    for (let i = 0; i < n; i++) {
      const x = t.entries[i];
      const y = now.entries[i];
      if (x !== undefined && y !== undefined && sameShape(x, y)) continue;
      const row = `row ${i + 1}`;
      if (y === undefined) out.push(change("tiers", name, "removed", `${row} (${rowWords(x!, ctx.old)}) removed`));
      else if (x === undefined) out.push(change("tiers", name, "added", `${row} added: ${rowWords(y, ctx.new)}`));
      else out.push(change("tiers", name, "changed", `${row} from ${rowWords(x, ctx.old)} to ${rowWords(y, ctx.new)}`));
    }
  }
  for (const { decl: t } of b.tiers) if (!oldNames.has(t.name.text)) out.push(change("tiers", t.name.text, "added", "tiers table added"));
  return out;
}

/** Declared input ranges (`in LOW .. HIGH`): which data each version accepts. */
export function inputRangeChanges(a: CheckedProgram, b: CheckedProgram, ctx: Contexts): TermsChange[] {
  const out: TermsChange[] = [];
  const newByName = new Map(b.inputs.map((i) => [i.name.text, i]));
  const words = (bounds: (typeof a.inputs)[number]["bounds"], c: Contexts["old"]) =>
    bounds === undefined ? "any value" : (rangeWords(bounds.low === null ? null : say(bounds.low, c), bounds.high === null ? null : say(bounds.high, c)) ?? "any value");
  for (const i of a.inputs) {
    const now = newByName.get(i.name.text);
    if (now === undefined || sameShape(i.bounds ?? null, now.bounds ?? null)) continue;
    out.push(change("inputs", i.name.text, "changed", `range from ${words(i.bounds, ctx.old)} to ${words(now.bounds, ctx.new)}`));
  }
  return out;
}
