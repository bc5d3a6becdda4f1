/**
 * The CLI's window on the outside world: reading files and writing output.
 * Commands receive an `Io` so tests can run them without a process.
 */
import { readFileSync, writeFileSync } from "node:fs";

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stdout is a terminal (the ledger then defaults to a table). */
  readonly isTerminal: boolean;
  readonly readFile: (path: string) => string;
  /** Writes a whole file (UTF-8), replacing it; throws like fs.writeFileSync. */
  readonly writeFile: (path: string, text: string) => void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTerminal: process.stdout.isTTY === true,
  readFile: (path) => readFileSync(path, "utf8"),
  writeFile: (path, text) => writeFileSync(path, text, "utf8"),
};

/** Reads a file, or returns the reason it could not be read (without a stack trace). */
export function tryRead(io: Io, path: string): { text: string } | { error: string } {
  try {
    return { text: io.readFile(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : "cannot be read";
    return { error: `${path}: ${reason}` };
  }
}
