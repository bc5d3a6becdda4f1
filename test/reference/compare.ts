/**
 * Interpreter vs reference: both outcomes reduced to what the brief fixes
 * (the §7 ledger fields, or the code of the run-time error), and the first
 * place where they differ, worded for a test failure.
 */
import type { RunResult } from "../../src/api.ts";
import type { Ledger } from "../../src/ledger/ledger.ts";
import type { RefLedger, RefResult } from "./reference-run.ts";

export type Outcome = { readonly kind: "ledger"; readonly ledger: unknown } | { readonly kind: "error"; readonly code: string; readonly message: string };

const pick = (o: object, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));

/** The docs/language.md §12 fields of a ledger, in one key order (the interpreter's `trace` and any other extra left out). */
export function briefFields(ledger: Ledger | RefLedger): unknown {
  return {
    deal: ledger.deal,
    currency: ledger.currency,
    periods: ledger.periods.map((p) => ({
      ...pick(p, ["index", "start", "end", "contract_year", "days"]),
      lines: p.lines.map((l) => pick(l, ["clause", "title", "payer", "payee", "computed", "amount", "capped"])),
      grants: p.grants.map((g) => pick(g, ["clause", "grantor", "grantee", "quantity", "instrument", "price"])),
      ...(p.net === undefined ? {} : { net: p.net.map((n) => pick(n, ["from", "to", "amount"])) }),
    })),
    totals: ledger.totals.map((t) => pick(t, ["payer", "payee", "amount"])),
  };
}

export function interpreterOutcome(run: RunResult): Outcome {
  if (run.ledger !== null) return { kind: "ledger", ledger: briefFields(run.ledger) };
  const first = run.diagnostics.find((d) => d.severity === "error");
  const code = run.failure === "runtime" ? (first?.code ?? "none") : `${run.failure ?? "?"} failure ${first?.code ?? ""}`;
  return { kind: "error", code, message: first?.message ?? "" };
}

export function referenceOutcome(result: RefResult): Outcome {
  return result.ok ? { kind: "ledger", ledger: briefFields(result.ledger) } : { kind: "error", code: result.code, message: result.message };
}

/** The first difference between two JSON-like values, as `path: a vs b`. */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | null {
  const show = (x: unknown) => JSON.stringify(x);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d !== null) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: interpreter ${show(a)}, reference ${show(b)}`;
}

/** Null when the outcomes agree; otherwise what differs. */
export function compareOutcomes(interpreter: Outcome, reference: Outcome): string | null {
  if (interpreter.kind === "error" || reference.kind === "error") {
    const code = (o: Outcome) => (o.kind === "error" ? `error ${o.code} (${o.message})` : "a ledger");
    if (interpreter.kind === "error" && reference.kind === "error" && interpreter.code === reference.code) return null;
    return `interpreter: ${code(interpreter)}; reference: ${code(reference)}`;
  }
  return firstDifference(interpreter.ledger, reference.ledger);
}
