/** Shared helpers for the module tests: sheets checked against in-memory libraries. */
import { checkSource, runSource, type SourceOptions } from "../../src/api.ts";
import { bundledHost } from "../../src/modules/bundled-host.ts";

export const HEADER = `deal "Modules"
parties {
  nvidia: "NVIDIA"
  sharon: "Sharon AI"
  landlord: "Lessor"
}
term 2026-07-01 to 2027-06-30, monthly
currency USD
units gpu_hour
input revenue: USD
input sold: gpu_hour
input capacity: gpu_hour
event lease_default(missed_rent: USD)
`;

/** Options whose imports are served from `files` (keys like `stdlib/x.tenor`). */
export function withFiles(files: Record<string, string>): SourceOptions {
  return { modules: bundledHost(files) };
}

/** `code message` of each diagnostic, for compact assertions. */
export function codes(source: string, options: SourceOptions = {}): string[] {
  return checkSource(source, options).diagnostics.map((d) => `${d.code} ${d.message}`);
}

/** The amounts paid per period and clause, from a run over the given rows. */
export function amounts(source: string, rows: readonly Record<string, string>[], options: SourceOptions = {}): string[] {
  const inputs = JSON.stringify({ periods: rows });
  const run = runSource(source, [{ name: "inputs.json", text: inputs }], options);
  if (run.ledger === null) throw new Error(run.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return run.ledger.periods.flatMap((p) => p.lines.map((l) => `${p.index} ${l.clause} ${l.payer}->${l.payee} ${l.amount}${l.capped ? " capped" : ""}`));
}
