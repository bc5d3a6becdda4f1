/**
 * `tenor run DEAL --inputs FILE [--events FILE] [--format json|table|csv]`:
 * the settlement ledger. DEAL is a term sheet or an artifact of
 * `tenor compile` (recognized by its content): both settle through the
 * same runtime, so the ledgers are the same bytes.
 */
import { runSource, settleProgram, type InputFile, type RunResult } from "../../api.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { ledgerCsvChunks } from "../../ledger/format-csv.ts";
import { ledgerJsonChunks } from "../../ledger/format-json.ts";
import { ledgerToTable } from "../../ledger/format-table.ts";
import type { Ledger } from "../../ledger/ledger.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayPath, STDIN, type Io } from "../io.ts";
import { isArtifactText, loadArtifact } from "./artifact-file.ts";
import { cliModules, readInputsFile, readTermSheet } from "./source-file.ts";

export const LEDGER_FORMATS = ["json", "table", "csv"] as const;
export type LedgerFormat = (typeof LEDGER_FORMATS)[number];

export interface RunOptions {
  readonly inputs: readonly string[];
  readonly events?: string;
  readonly format?: LedgerFormat;
  readonly trace: boolean;
}

/** The ledger's text in pieces: JSON and CSV a period at a time, so no single string holds a ledger of any size. */
export function formatLedger(ledger: Ledger, format: LedgerFormat, trace: boolean): Iterable<string> {
  switch (format) {
    case "json": return ledgerJsonChunks(ledger, { trace });
    case "table": return [ledgerToTable(ledger)];
    case "csv": return ledgerCsvChunks(ledger);
  }
}

export function runCommand(io: Io, deal: string, options: RunOptions): ExitCode {
  const inputPaths = [...options.inputs, ...(options.events ? [options.events] : [])];
  if ([deal, ...inputPaths].filter((p) => p === STDIN).length > 1) {
    io.stderr("tenor: standard input (-) can be read only once\n");
    return EXIT.usage;
  }
  const source = readTermSheet(io, deal, { artifacts: true });
  if ("exit" in source) return source.exit;
  const name = displayPath(deal);
  const files: InputFile[] = [];
  for (const path of inputPaths) {
    const read = readInputsFile(io, path);
    if ("exit" in read) return read.exit;
    files.push(read.file);
  }
  // A compiled artifact (`tenor compile`) is JSON; a term sheet never starts with `{`.
  const compiled = isArtifactText(source.text);
  let result: RunResult;
  if (compiled) {
    const terms = loadArtifact(io, deal, source.text);
    if (terms === null) return EXIT.sourceErrors;
    result = settleProgram(terms.program, files);
  } else {
    result = runSource(source.text, files, { modules: cliModules(io, deal).host });
  }
  // Diagnostics with a range point into the term sheet (an artifact has no source text: no caret);
  // data diagnostics have none and name the inputs files instead.
  const aboutSource = result.diagnostics.filter((d) => d.range !== undefined);
  const aboutData = result.diagnostics.filter((d) => d.range === undefined);
  if (aboutSource.length > 0) io.stderr(renderDiagnostics(aboutSource, name, compiled ? null : source.text, result.files) + "\n");
  if (aboutData.length > 0) io.stderr(renderDiagnostics(aboutData, files.map((f) => displayPath(f.name)).join(", "), null) + "\n");
  if (result.ledger === null) return result.failure === "source" ? EXIT.sourceErrors : EXIT.dataErrors;
  for (const chunk of formatLedger(result.ledger, options.format ?? (io.isTerminal ? "table" : "json"), options.trace)) io.stdout(chunk);
  return EXIT.ok;
}
