/**
 * The language server's analyses of open term sheets: the playground's
 * analysis (src/editor/analyze.ts) of the editor's text, with imports read
 * from disk as the CLI reads them (`stdlib/NAME` from the stdlib shipped
 * with Tenor, `./x` beside the sheet; an imported file open in the editor is
 * read as the editor has it), and settled over `NAME.inputs.json` when that
 * file sits beside `NAME.tenor`. One analysis per document version and
 * inputs text: every request on the same text reuses it.
 */
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceOptions } from "../api.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { analyze, type AnalysisResult } from "../editor/analyze.ts";
import { DEFAULT_LIMITS } from "../limits.ts";
import type { ModuleFile, ModuleHost } from "../modules/host.ts";
import { isRelative } from "../modules/host.ts";
import { processIo, readText, type Io } from "../cli/io.ts";
import { cliModules, invalidInputsDiagnostic } from "../cli/commands/source-file.ts";

export interface SheetAnalysis {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly result: AnalysisResult;
  /** `NAME.inputs.json` when it sits beside the sheet (the ledger's data), else null. */
  readonly inputsName: string | null;
  /** Why the inputs file could not be used as it is (not UTF-8), if so. */
  readonly inputsProblem: Diagnostic | null;
  /** Every file the imports read, by the path messages use → its path on disk. */
  readonly imported: ReadonlyMap<string, string>;
  /** How the sheet's imports are served (a rename checks the renamed sheet with it). */
  readonly options: SourceOptions;
}

/** The path on disk of a `file:` URI; null for any other (an unsaved buffer). */
export function pathOfUri(uri: string): string | null {
  if (!uri.startsWith("file:")) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** `deals/x.tenor` → `deals/x.inputs.json`. */
export function inputsPathOf(sheet: string): string {
  return join(dirname(sheet), `${basename(sheet).replace(/\.tenor$/, "")}.inputs.json`);
}

/** Imports of a buffer without a file: the stdlib only, as in the playground. */
function withoutFolder(host: ModuleHost): ModuleHost {
  return {
    load(spec, from) {
      if (from === null && isRelative(spec)) return { error: "relative imports resolve from the term sheet's folder: save the term sheet first" };
      return host.load(spec, from);
    },
  };
}

export class Sheets {
  private readonly cache = new Map<string, SheetAnalysis & { readonly inputsText: string | null }>();

  /** `openText(path)`: the text of a file open in the editor, which imports read instead of the disk. */
  constructor(private readonly openText: (path: string) => string | undefined) {}

  /** The analysis of this text of the document; the inputs file is read again each time (it may have changed on disk). */
  analysisOf(uri: string, version: number, text: string): SheetAnalysis {
    const path = pathOfUri(uri);
    const io = this.io();
    let inputsText: string | null = null;
    let inputsName: string | null = null;
    let inputsProblem: Diagnostic | null = null;
    if (path !== null) {
      const inputsPath = inputsPathOf(path);
      const read = readText(io, inputsPath, DEFAULT_LIMITS.maxInputBytes);
      if (read.kind !== "unreadable") inputsName = basename(inputsPath);
      if (read.kind === "text" || read.kind === "tooLarge") inputsText = read.text;
      if (read.kind === "invalid") inputsProblem = invalidInputsDiagnostic(basename(inputsPath), read.utf8);
    }
    const cached = this.cache.get(uri);
    if (cached !== undefined && cached.version === version && cached.text === text && cached.inputsText === inputsText && cached.inputsName === inputsName) {
      return cached;
    }
    const imported = new Map<string, string>();
    const disk = cliModules(io, path ?? join(process.cwd(), "untitled.tenor")).host;
    const recording: ModuleHost = {
      load(spec, from) {
        const file = disk.load(spec, from);
        if ("id" in file) imported.set((file as ModuleFile).path, file.id);
        return file;
      },
    };
    const options: SourceOptions = { modules: path === null ? withoutFolder(recording) : recording };
    const request = { version, source: text, inputs: inputsText, ...(inputsName === null ? {} : { inputsName }) };
    const result = analyze(request, { ...options, tests: false });
    const analysis = { uri, version, text, result, inputsName, inputsProblem, imported, options, inputsText };
    this.cache.set(uri, analysis);
    return analysis;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** The open documents whose last analysis read `path` (an import). */
  dependentsOf(path: string): string[] {
    return [...this.cache.values()].filter((a) => [...a.imported.values()].includes(path)).map((a) => a.uri);
  }

  /** The process's files, with open documents read as the editor has them. */
  private io(): Io {
    return {
      ...processIo,
      readFile: (path, maxBytes) => this.openText(path) ?? processIo.readFile(path, maxBytes),
    };
  }
}
