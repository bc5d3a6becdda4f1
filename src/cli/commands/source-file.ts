/**
 * What the commands read (docs/language.md §14 "Files and streams", "Source
 * text"): the term sheet, its imports, inputs files and artifacts. Each is
 * read up to its size limit (src/limits.ts) plus one byte and decoded
 * strictly as UTF-8; past the limit the usual diagnostic answers (TN1005 for
 * a term sheet, TN3125 for an inputs file), bad UTF-8 is TN1008 / TN3128 at
 * its first bad byte.
 */
import type { InputFile } from "../../api.ts";
import { INPUT, PARSE } from "../../diagnostics/catalog.ts";
import { COMPILE } from "../../diagnostics/codes/compile.ts";
import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { LineMap } from "../../diagnostics/positions.ts";
import { renderDiagnostics } from "../../diagnostics/render.ts";
import { DEFAULT_LIMITS, groupDigits } from "../../limits.ts";
import type { ModuleHost } from "../../modules/host.ts";
import { nodeHost } from "../../modules/node-host.ts";
import { describeUtf8Error, type Utf8Error } from "../../text/utf8.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { displayPath, MAX_ARTIFACT_BYTES, readText, STDIN, type Io } from "../io.ts";
import { isArtifactText } from "./artifact-file.ts";

export type Read<T> = T | { readonly exit: ExitCode };

/** TN1008 at the first bad byte of a term sheet. */
export function invalidSourceDiagnostic(e: Utf8Error): Diagnostic {
  return {
    code: PARSE.invalidUtf8,
    severity: "error",
    message: `the term sheet is not valid UTF-8: ${describeUtf8Error(e)}; save it as UTF-8`,
    range: { start: e.textOffset, end: e.textOffset + 1 },
  };
}

export interface TermSheetOptions {
  /** Print `FILE: 1 error` after a TN1008, as `tenor check` ends. */
  readonly summary?: boolean;
  /** DEAL may be a compiled artifact (`tenor run`): one is read up to MAX_ARTIFACT_BYTES. */
  readonly artifacts?: boolean;
}

/**
 * The term sheet named on the command line (`-`: standard input), or the
 * exit code after saying why not: unreadable, exit 64; not UTF-8, TN1008
 * and exit 1. A file past the size limit gives the text of its first
 * `maxSourceBytes` + 1 bytes, which the parser refuses (TN1005, exit 1).
 */
export function readTermSheet(io: Io, file: string, options: TermSheetOptions = {}): Read<{ readonly text: string }> {
  let read = readText(io, file, DEFAULT_LIMITS.maxSourceBytes);
  // An artifact may be larger than a term sheet may: read on up to its own bound (standard input goes on where it stopped).
  if (options.artifacts === true && read.kind === "tooLarge" && isArtifactText(read.text)) read = readText(io, file, MAX_ARTIFACT_BYTES);
  switch (read.kind) {
    case "text":
      return { text: read.text };
    case "unreadable":
      io.stderr(`tenor: ${read.error}\n`);
      return { exit: EXIT.usage };
    case "tooLarge":
      if (options.artifacts === true && isArtifactText(read.text)) return artifactTooLarge(io, file);
      return { text: read.text };
    case "invalid":
      if (options.artifacts === true && isArtifactText(read.utf8.lossyText)) return invalidArtifact(io, file, read.utf8);
      io.stderr(renderDiagnostics([invalidSourceDiagnostic(read.utf8)], displayPath(file), read.utf8.lossyText) + "\n");
      if (options.summary === true) io.stderr(`${displayPath(file)}: 1 error\n`);
      return { exit: EXIT.sourceErrors };
  }
}

/** A compiled artifact (`tenor inspect`), or the exit code after saying why not. */
export function readArtifactFile(io: Io, file: string): Read<{ readonly text: string }> {
  const read = readText(io, file, MAX_ARTIFACT_BYTES);
  switch (read.kind) {
    case "text":
      return { text: read.text };
    case "unreadable":
      io.stderr(`tenor: ${read.error}\n`);
      return { exit: EXIT.usage };
    case "tooLarge":
      return artifactTooLarge(io, file);
    case "invalid":
      return invalidArtifact(io, file, read.utf8);
  }
}

function artifactTooLarge(io: Io, file: string): { exit: ExitCode } {
  io.stderr(`tenor: ${displayPath(file)}: larger than ${groupDigits(MAX_ARTIFACT_BYTES)} bytes, the most tenor reads of a compiled artifact\n`);
  return { exit: EXIT.usage };
}

/** JSON is UTF-8 (RFC 8259 §8.1): an artifact that is not is not JSON (TN4001), refused like any other (exit 1). */
function invalidArtifact(io: Io, file: string, e: Utf8Error): { exit: ExitCode } {
  io.stderr(renderDiagnostics([{ code: COMPILE.artifactNotJson, severity: "error", message: `the artifact is not valid UTF-8: ${describeUtf8Error(e)}` }], displayPath(file), null) + "\n");
  return { exit: EXIT.sourceErrors };
}

/** How an inputs file is named in messages; `-` by its content (the loaders pick the reader by extension). */
function inputName(path: string, text: string): string {
  if (path !== STDIN) return path;
  return /^\uFEFF?\s*[[{]/.test(text) ? "<stdin>.json" : "<stdin>.csv";
}

/**
 * An inputs file (`-`: standard input), or the exit code after saying why
 * not: unreadable, or not UTF-8 (TN3128), exit 2. Past the size limit it
 * gives the text of its first `maxInputBytes` + 1 bytes, which the loader
 * refuses (TN3125, exit 2).
 */
export function readInputsFile(io: Io, path: string): Read<{ readonly file: InputFile }> {
  const read = readText(io, path, DEFAULT_LIMITS.maxInputBytes);
  switch (read.kind) {
    case "text":
    case "tooLarge":
      return { file: { name: inputName(path, read.text), text: read.text } };
    case "unreadable":
      io.stderr(`tenor: error: ${read.error}\n`);
      return { exit: EXIT.dataErrors };
    case "invalid": {
      const name = inputName(path, read.utf8.lossyText);
      io.stderr(renderDiagnostics([invalidInputsDiagnostic(name, read.utf8)], displayPath(name), null) + "\n");
      return { exit: EXIT.dataErrors };
    }
  }
}

/** TN3128: an inputs file that is not UTF-8, at its first bad byte's line and column. */
export function invalidInputsDiagnostic(name: string, e: Utf8Error): Diagnostic {
  const at = new LineMap(e.lossyText).position(e.textOffset);
  return {
    code: INPUT.invalidUtf8,
    severity: "error",
    message: `inputs file ${displayPath(name)} is not valid UTF-8: ${describeUtf8Error(e)} (line ${at.line}, column ${at.column}); save it as UTF-8`,
  };
}

/** The module host of a term sheet's imports, reading through the Io with the term sheet's bounds; `read` lists every file it read. */
export interface CliModules {
  readonly host: ModuleHost;
  readonly read: readonly string[];
}

export function cliModules(io: Io, mainFile: string): CliModules {
  const read: string[] = [];
  let why: string | null = null;
  const disk = nodeHost(mainFile, (path) => {
    read.push(path);
    const got = readText(io, path, DEFAULT_LIMITS.maxSourceBytes);
    switch (got.kind) {
      case "text":
      case "tooLarge": // the parser refuses it (TN1005) and the import reports that file's error
        return got.text;
      case "unreadable":
        throw new Error(got.error);
      case "invalid":
        why = `not valid UTF-8: ${describeUtf8Error(got.utf8)}`;
        throw new Error(why);
    }
  });
  return {
    read,
    host: {
      load(spec, from) {
        why = null;
        const file = disk.load(spec, from);
        return "error" in file && why !== null ? { error: why } : file;
      },
    },
  };
}
