/**
 * `tenor run DEAL --inputs FILE [--events FILE] [--format json|table|csv]`:
 * the settlement ledger. DEAL is a term sheet or an artifact of
 * `tenor compile` (recognized by its content): both settle through the
 * same runtime, so the ledgers are the same bytes.
 */
import { runSource, settleProgram, type InputFile, type RunResult } from "../../api.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { nodeHost } from "../../modules/node-host.ts";
import { ledgerToCsv } from "../../ledger/format-csv.ts";
import { ledgerToJson } from "../../ledger/format-json.ts";
import { ledgerToTable } from "../../ledger/format-table.ts";
import type { Ledger } from "../../ledger/ledger.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { tryRead, type Io } from "../io.ts";
import { isArtifactText, loadArtifact } from "./artifact-file.ts";

export const LEDGER_FORMATS = ["json", "table", "csv"] as const;
export type LedgerFormat = (typeof LEDGER_FORMATS)[number];

export interface RunOptions {
  readonly inputs: readonly string[];
  readonly events?: string;
  readonly format?: LedgerFormat;
  readonly trace: boolean;
}

export function formatLedger(ledger: Ledger, format: LedgerFormat, trace: boolean): string {
  switch (format) {
    case "json": return ledgerToJson(ledger, { trace });
    case "table": return ledgerToTable(ledger);
    case "csv": return ledgerToCsv(ledger);
  }
}

export function runCommand(io: Io, deal: string, options: RunOptions): ExitCode {
  const source = tryRead(io, deal);
  if ("error" in source) {
    io.stderr(`tenor: ${source.error}\n`);
    return EXIT.usage;
  }
  const files: InputFile[] = [];
  for (const path of [...options.inputs, ...(options.events ? [options.events] : [])]) {
    const read = tryRead(io, path);
    if ("error" in read) {
      io.stderr(`tenor: error: ${read.error}\n`);
      return EXIT.dataErrors;
    }
    files.push({ name: path, text: read.text });
  }
  // A compiled artifact (`tenor compile`) is JSON; a term sheet never starts with `{`.
  const compiled = isArtifactText(source.text);
  let result: RunResult;
  if (compiled) {
    const terms = loadArtifact(io, deal, source.text);
    if (terms === null) return EXIT.sourceErrors;
    result = settleProgram(terms.program, files);
  } else {
    result = runSource(source.text, files, { modules: nodeHost(deal, io.readFile) });
  }
  // Diagnostics with a range point into the term sheet (an artifact has no source text: no caret);
  // data diagnostics have none and name the inputs files instead.
  const aboutSource = result.diagnostics.filter((d) => d.range !== undefined);
  const aboutData = result.diagnostics.filter((d) => d.range === undefined);
  if (aboutSource.length > 0) io.stderr(renderDiagnostics(aboutSource, deal, compiled ? null : source.text, result.files) + "\n");
  if (aboutData.length > 0) io.stderr(renderDiagnostics(aboutData, files.map((f) => f.name).join(", "), null) + "\n");
  if (result.ledger === null) return result.failure === "source" ? EXIT.sourceErrors : EXIT.dataErrors;
  io.stdout(formatLedger(result.ledger, options.format ?? (io.isTerminal ? "table" : "json"), options.trace));
  return EXIT.ok;
}
