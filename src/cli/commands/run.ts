/**
 * `tenor run DEAL --inputs FILE [--events FILE] [--format json|table|csv]`:
 * the settlement ledger. DEAL is a term sheet or an artifact of
 * `tenor compile` (recognized by its content): both settle through the
 * same runtime, so the ledgers are the same bytes.
 */
import type { InputFile } from "../../inputs/load-inputs.ts";
import { streamProgram, type StreamResult } from "../../runtime/stream-program.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { ledgerToTable } from "../../ledger/format-table.ts";
import { collectingSink, csvSink, jsonSink, type LedgerSink } from "../../ledger/ledger-sink.ts";
import type { LedgerFormat } from "../../ledger/ledger-formats.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayPath, STDIN, type Io } from "../io.ts";
import { isArtifactText, loadArtifact } from "./artifact-file.ts";
import { cliModules, readInputsFile, readTermSheet } from "./source-file.ts";

export { LEDGER_FORMATS, type LedgerFormat } from "../../ledger/ledger-formats.ts";

export interface RunOptions {
  readonly inputs: readonly string[];
  readonly events?: string;
  readonly format?: LedgerFormat;
  readonly trace: boolean;
}

/** Where the ledger goes in `format`: JSON and CSV are written a period at a time as the periods settle; the table needs the whole ledger to align its columns. */
function sinkFor(format: LedgerFormat, write: (text: string) => void, trace: boolean): LedgerSink {
  switch (format) {
    case "json": return jsonSink(write, { trace });
    case "table": return collectingSink((ledger) => write(ledgerToTable(ledger)));
    case "csv": return csvSink(write);
  }
}

export async function runCommand(io: Io, deal: string, options: RunOptions): Promise<ExitCode> {
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
  const format = options.format ?? (io.isTerminal ? "table" : "json");
  const sink = sinkFor(format, io.stdout, options.trace && format === "json");
  // A compiled artifact (`tenor compile`) is JSON; a term sheet never starts with `{`.
  const compiled = isArtifactText(source.text);
  let result: StreamResult & { readonly files?: ReadonlyMap<string, string> };
  if (compiled) {
    const terms = loadArtifact(io, deal, source.text);
    if (terms === null) return EXIT.sourceErrors;
    result = streamProgram(terms.program, files, sink, { trace: options.trace });
  } else {
    // The parser and checker only for a term sheet: an artifact settles on the runtime alone (issue 17).
    const { prepareSource } = await import("../../api.ts");
    const prepared = prepareSource(source.text, { modules: cliModules(io, deal).host });
    if (prepared.value === null) result = { diagnostics: prepared.diagnostics, failure: "source", files: prepared.files };
    else {
      const run = streamProgram(prepared.value, files, sink, { trace: options.trace });
      result = { ...run, diagnostics: [...prepared.diagnostics, ...prepared.sources.mapDiagnostics(run.diagnostics)], files: prepared.files };
    }
  }
  // Diagnostics with a range point into the term sheet (an artifact has no source text: no caret);
  // data diagnostics have none and name the inputs files instead.
  const aboutSource = result.diagnostics.filter((d) => d.range !== undefined);
  const aboutData = result.diagnostics.filter((d) => d.range === undefined);
  if (aboutSource.length > 0) io.stderr(renderDiagnostics(aboutSource, name, compiled ? null : source.text, result.files) + "\n");
  if (aboutData.length > 0) io.stderr(renderDiagnostics(aboutData, files.map((f) => displayPath(f.name)).join(", "), null) + "\n");
  if (result.failure !== null) return result.failure === "source" ? EXIT.sourceErrors : EXIT.dataErrors;
  return EXIT.ok;
}
