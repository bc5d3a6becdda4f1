/**
 * Versions of a shipped deal for the redline tests, and the money delta
 * computed the independent way: each version settled with the run API
 * (`runSource`, as `tenor run` does) and the two ledgers subtracted here,
 * in whole cents with BigInt — not with src/diff's code.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { checkSource, runSource, type CheckedProgram, type InputFile, type Ledger } from "../../src/api.ts";
import { nodeHost } from "../../src/modules/node-host.ts";

export const SHARON_PATH = fileURLToPath(new URL("../../examples/sharon-dsx.tenor", import.meta.url));
export const SHARON = readFileSync(SHARON_PATH, "utf8");
export const SHARON_INPUTS_PATH = fileURLToPath(new URL("../../examples/sharon-dsx.inputs.json", import.meta.url));
export const SHARON_DATA: readonly InputFile[] = [{ name: SHARON_INPUTS_PATH, text: readFileSync(SHARON_INPUTS_PATH, "utf8") }];

const modules = nodeHost(SHARON_PATH, (path) => readFileSync(path, "utf8"));

/** `text` with `from` replaced by `to`; `from` must occur exactly once, so an edit can never silently do nothing. */
export function edit(text: string, from: string, to: string): string {
  expect(text.split(from).length - 1).toBe(1);
  return text.replace(from, to);
}

/** `text` without the part from `start` (included) to `end` (excluded). */
export function cut(text: string, start: string, end: string): string {
  const i = text.indexOf(start);
  const j = text.indexOf(end, i);
  expect(i).toBeGreaterThanOrEqual(0);
  expect(j).toBeGreaterThan(i);
  return text.slice(0, i) + text.slice(j);
}

export function check(text: string): CheckedProgram {
  const r = checkSource(text, { modules });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value!;
}

export function ledgerOf(text: string): Ledger {
  const r = runSource(text, SHARON_DATA, { modules });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.ledger!;
}

function cents(amount: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
  if (m === null) throw new Error(`not an amount with cents: ${amount}`);
  const v = BigInt(m[2]!) * 100n + BigInt(m[3]!);
  return m[1] === "-" ? -v : v;
}

function text(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? "-" : ""}${a / 100n}.${(a % 100n).toString().padStart(2, "0")}`;
}

/** What the lines passing `keep` pay over the term, in `ledger`. */
function paid(ledger: Ledger, keep: (l: { clause: string; payer: string; payee: string }) => boolean): bigint {
  let sum = 0n;
  for (const p of ledger.periods) for (const l of p.lines) if (keep(l)) sum += cents(l.amount);
  return sum;
}

/** New − old of what the lines passing `keep` pay over the term, as ledger text ("-4458240.00"). */
export function delta(oldText: string, newText: string, keep: (l: { clause: string; payer: string; payee: string }) => boolean): string {
  return text(paid(ledgerOf(newText), keep) - paid(ledgerOf(oldText), keep));
}

/** The periods (indices) in which the lines passing `keep` pay differently. */
export function changedPeriods(oldText: string, newText: string, keep: (l: { clause: string; payer: string; payee: string }) => boolean): number[] {
  const a = ledgerOf(oldText);
  const b = ledgerOf(newText);
  const byStart = new Map(a.periods.map((p) => [p.start, p]));
  const out: number[] = [];
  for (const p of b.periods) {
    const before = byStart.get(p.start);
    const sum = (lines: Ledger["periods"][number]["lines"]) => lines.filter(keep).reduce((s, l) => s + cents(l.amount), 0n);
    if (sum(p.lines) !== sum(before?.lines ?? [])) out.push(p.index);
  }
  return out;
}

export const clause = (name: string) => (l: { clause: string }) => l.clause === name;
export const pair = (payer: string, payee: string) => (l: { payer: string; payee: string }) => l.payer === payer && l.payee === payee;
